/* dd-client.h: what every platform client can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-order.h"

G_BEGIN_DECLS

/* One page request of a listing. Windows are in UTC milliseconds. */
typedef struct
{
  gint64 modified_since_ms; /* 0: no lower bound */
  gint64 modified_until_ms; /* 0: no upper bound (up to "now") */
  guint  page;              /* 1-based */
  guint  page_size;         /* the client clamps it to the platform's maximum */
} DdListQuery;

/* One page of orders, each complete with its lines (clients make whatever
 * extra calls their platform needs for that). */
typedef struct
{
  GPtrArray *orders;       /* (element-type DdOrder) owned */
  guint64    total_count;  /* as the platform said on this page */
  guint      page;
  guint      page_size;
  guint      n_calls;      /* HTTP calls it took */
  char      *request_id;   /* of the listing call */
} DdOrderPage;

#define DD_TYPE_ORDER_PAGE (dd_order_page_get_type ())
GType        dd_order_page_get_type (void) G_GNUC_CONST;
DdOrderPage *dd_order_page_new      (void) G_GNUC_WARN_UNUSED_RESULT;
DdOrderPage *dd_order_page_copy     (DdOrderPage *page);
void         dd_order_page_free     (DdOrderPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdOrderPage, dd_order_page_free)

#define DD_TYPE_CLIENT (dd_client_get_type ())
G_DECLARE_INTERFACE (DdClient, dd_client, DD, CLIENT, GObject)

struct _DdClientInterface
{
  GTypeInterface parent_iface;

  const char  *(*get_platform)      (DdClient            *self);
  guint        (*get_max_page_size) (DdClient            *self);

  void         (*list_orders_async)  (DdClient            *self,
                                      const DdListQuery   *query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  DdOrderPage *(*list_orders_finish) (DdClient            *self,
                                      GAsyncResult        *result,
                                      GError             **error);

  void         (*get_order_async)    (DdClient            *self,
                                      const char          *order_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
  DdOrder     *(*get_order_finish)   (DdClient            *self,
                                      GAsyncResult        *result,
                                      GError             **error);
};

const char  *dd_client_get_platform      (DdClient            *self);
guint        dd_client_get_max_page_size (DdClient            *self);
/* Orders come back with account-id unset; the caller (sync) sets it. */
void         dd_client_list_orders_async  (DdClient            *self,
                                           const DdListQuery   *query,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
DdOrderPage *dd_client_list_orders_finish (DdClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);
void         dd_client_get_order_async    (DdClient            *self,
                                           const char          *order_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
DdOrder     *dd_client_get_order_finish   (DdClient            *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
