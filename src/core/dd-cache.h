/* dd-cache.h: the SQLite cache of orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-order.h"

G_BEGIN_DECLS

/* Current schema version (PRAGMA user_version). Migrations run in order on
 * open, each in its own transaction. */
#define DD_CACHE_SCHEMA_VERSION 2

typedef enum
{
  DD_SORT_CREATED = 0,
  DD_SORT_MODIFIED,
  DD_SORT_ORDER_ID,
  DD_SORT_BUYER,
  DD_SORT_STATUS,
  DD_SORT_TOTAL,
  DD_SORT_PAYMENT,
} DdSortColumn;

/* What DdOrderList shows. Zero-initialised = all orders, newest first. */
typedef struct
{
  const char   *account_id;   /* NULL: every account */
  gint          status;       /* -1 or DdOrderStatus; 0 (UNKNOWN) is a real filter, so set -1 for all */
  DdSortColumn  sort;
  gboolean      ascending;    /* default (FALSE): descending */
  const char   *search;       /* NULL/"": no text filter; else matches order id,
                               * buyer, receiver, tracking number or product
                               * title containing it (case-insensitive) */
} DdQuery;

#define DD_QUERY_INIT { NULL, -1, DD_SORT_CREATED, FALSE, NULL }

#define DD_TYPE_CACHE (dd_cache_get_type ())
G_DECLARE_FINAL_TYPE (DdCache, dd_cache, DD, CACHE, GObject)

/* Opens (creating and migrating) the database at @path, in WAL mode.
 * dd_cache_default_path() is $XDG_DATA_HOME/dingdan/orders.db. The cache is
 * thread-safe: writes serialise on an internal writer connection; reads use a
 * separate reader connection. */
DdCache    *dd_cache_new                 (const char   *path,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
char       *dd_cache_default_path        (void) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_cache_get_path            (DdCache      *self);
int         dd_cache_get_schema_version  (DdCache      *self);

/* Upserts @orders (element-type DdOrder; account-id and platform set) by
 * (account, order id) in ONE transaction, together with the account's sync
 * cursor when @cursor_ms >= 0. Row ids are kept on update, so a shifted page
 * never duplicates. Sets each order's row id. Appends the row ids touched
 * (inserted or changed) to @changed_rowids when not NULL. Safe in a worker. */
gboolean    dd_cache_store_page          (DdCache      *self,
                                          const char   *account_id,
                                          GPtrArray    *orders,
                                          gint64        cursor_ms,
                                          GArray       *changed_rowids,
                                          GError      **error);

/* The account's sync cursor (ms), or -1 when it never finished a sync. */
gint64      dd_cache_get_cursor          (DdCache      *self,
                                          const char   *account_id);

/* Row ids (gint64) matching @query, in its order. */
GArray     *dd_cache_query_row_ids       (DdCache      *self,
                                          const DdQuery *query,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Materialises one order from its row (raw JSON re-parsed by the platform's
 * parser, row id and account set). */
DdOrder    *dd_cache_load_order          (DdCache      *self,
                                          gint64        row_id,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* By (account, order id); NULL without error when absent. */
DdOrder    *dd_cache_lookup_order        (DdCache      *self,
                                          const char   *account_id,
                                          const char   *order_id,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Number of cached orders of @account_id (NULL: of every account). */
guint64     dd_cache_count_orders        (DdCache      *self,
                                          const char   *account_id);

/* Deletes every cached order and the sync state of @account_id, in one
 * transaction (a removed account). */
gboolean    dd_cache_delete_account      (DdCache      *self,
                                          const char   *account_id,
                                          GError      **error);

/* Caps the database at @n_pages pages (PRAGMA max_page_count on the writer;
 * never below its current size), so that growing it fails exactly as on a
 * full disk. 0 lifts the cap. For tests. */
void        dd_cache_set_max_page_count  (DdCache      *self,
                                          guint         n_pages);

G_END_DECLS
