/* dd-client.c: what every platform client can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-client.h"

G_DEFINE_BOXED_TYPE (DdOrderPage, dd_order_page, dd_order_page_copy, dd_order_page_free)

DdOrderPage *
dd_order_page_new (void)
{
  DdOrderPage *page = g_new0 (DdOrderPage, 1);

  page->orders = g_ptr_array_new_with_free_func (g_object_unref);

  return page;
}

/* Shallow in the orders: the copy holds new references on the same DdOrder
 * objects. */
DdOrderPage *
dd_order_page_copy (DdOrderPage *page)
{
  DdOrderPage *copy;

  g_return_val_if_fail (page != NULL, NULL);

  copy = dd_order_page_new ();
  for (guint i = 0; page->orders != NULL && i < page->orders->len; i++)
    g_ptr_array_add (copy->orders, g_object_ref (g_ptr_array_index (page->orders, i)));
  copy->total_count = page->total_count;
  copy->page = page->page;
  copy->page_size = page->page_size;
  copy->n_calls = page->n_calls;
  copy->request_id = g_strdup (page->request_id);

  return copy;
}

void
dd_order_page_free (DdOrderPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->orders, g_ptr_array_unref);
  g_clear_pointer (&page->request_id, g_free);
  g_free (page);
}

G_DEFINE_INTERFACE (DdClient, dd_client, G_TYPE_OBJECT)

static void
dd_client_default_init (DdClientInterface *iface)
{
}

const char *
dd_client_get_platform (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (DD_CLIENT_GET_IFACE (self)->get_platform != NULL, NULL);

  return DD_CLIENT_GET_IFACE (self)->get_platform (self);
}

guint
dd_client_get_max_page_size (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), 0);
  g_return_val_if_fail (DD_CLIENT_GET_IFACE (self)->get_max_page_size != NULL, 0);

  return DD_CLIENT_GET_IFACE (self)->get_max_page_size (self);
}

void
dd_client_list_orders_async (DdClient            *self,
                             const DdListQuery   *query,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (DD_CLIENT_GET_IFACE (self)->list_orders_async != NULL);

  DD_CLIENT_GET_IFACE (self)->list_orders_async (self, query, cancellable, callback, user_data);
}

DdOrderPage *
dd_client_list_orders_finish (DdClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return DD_CLIENT_GET_IFACE (self)->list_orders_finish (self, result, error);
}

void
dd_client_get_order_async (DdClient            *self,
                           const char          *order_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (DD_CLIENT_GET_IFACE (self)->get_order_async != NULL);

  DD_CLIENT_GET_IFACE (self)->get_order_async (self, order_id, cancellable, callback, user_data);
}

DdOrder *
dd_client_get_order_finish (DdClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return DD_CLIENT_GET_IFACE (self)->get_order_finish (self, result, error);
}

/* ---- what a platform cannot do ------------------------------------------- */

static void
not_supported (DdClient            *self,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, not_supported);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           /* Translators: %s is a platform id such as "tw" or "top". */
                           _("This platform (%s) cannot do that."),
                           dd_client_get_platform (self));
}

static gboolean
is_not_supported (DdClient     *self,
                  GAsyncResult *result)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == not_supported;
}

void
dd_client_cancel_order_async (DdClient            *self,
                              const char          *order_id,
                              const char          *reason_id,
                              const char          *remark,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->cancel_order_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->cancel_order_async (self, order_id, reason_id, remark, cancellable, callback, user_data);
}

gboolean
dd_client_cancel_order_finish (DdClient        *self,
                               GAsyncResult    *result,
                               DdActionOutcome *outcome,
                               GError          **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return FALSE;
    }

  return DD_CLIENT_GET_IFACE (self)->cancel_order_finish (self, result, outcome, error);
}

void
dd_client_pay_order_async (DdClient            *self,
                           const char          *order_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->pay_order_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->pay_order_async (self, order_id, cancellable, callback, user_data);
}

gboolean
dd_client_pay_order_finish (DdClient        *self,
                            GAsyncResult    *result,
                            DdActionOutcome *outcome,
                            GError          **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return FALSE;
    }

  return DD_CLIENT_GET_IFACE (self)->pay_order_finish (self, result, outcome, error);
}

void
dd_client_upload_voucher_async (DdClient            *self,
                                const char          *order_id,
                                GBytes              *image,
                                const char          *content_type,
                                const char          *filename,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->upload_voucher_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->upload_voucher_async (self, order_id, image, content_type, filename, cancellable, callback, user_data);
}

gboolean
dd_client_upload_voucher_finish (DdClient     *self,
                                 GAsyncResult *result,
                                 GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return FALSE;
    }

  return DD_CLIENT_GET_IFACE (self)->upload_voucher_finish (self, result, error);
}

void
dd_client_get_pay_url_async (DdClient            *self,
                             const char          *order_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->get_pay_url_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->get_pay_url_async (self, order_id, cancellable, callback, user_data);
}

char *
dd_client_get_pay_url_finish (DdClient     *self,
                              GAsyncResult *result,
                              GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return NULL;
    }

  return DD_CLIENT_GET_IFACE (self)->get_pay_url_finish (self, result, error);
}

void
dd_client_render_purchase_async (DdClient                *self,
                                 const DdPurchaseRequest *request,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->render_purchase_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->render_purchase_async (self, request, cancellable, callback, user_data);
}

DdPurchasePreview *
dd_client_render_purchase_finish (DdClient     *self,
                                  GAsyncResult *result,
                                  GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return NULL;
    }

  return DD_CLIENT_GET_IFACE (self)->render_purchase_finish (self, result, error);
}

void
dd_client_create_purchase_async (DdClient                *self,
                                 const DdPurchaseRequest *request,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->create_purchase_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->create_purchase_async (self, request, cancellable, callback, user_data);
}

DdOrder *
dd_client_create_purchase_finish (DdClient     *self,
                                  GAsyncResult *result,
                                  GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return NULL;
    }

  return DD_CLIENT_GET_IFACE (self)->create_purchase_finish (self, result, error);
}

void
dd_client_get_logistics_async (DdClient            *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->get_logistics_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->get_logistics_async (self, id, cancellable, callback, user_data);
}

DdLogistics *
dd_client_get_logistics_finish (DdClient     *self,
                                GAsyncResult *result,
                                GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return NULL;
    }

  return DD_CLIENT_GET_IFACE (self)->get_logistics_finish (self, result, error);
}

void
dd_client_list_after_sales_async (DdClient            *self,
                                  guint               page,
                                  guint               page_size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->list_after_sales_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->list_after_sales_async (self, page, page_size, cancellable, callback, user_data);
}

DdAfterSalePage *
dd_client_list_after_sales_finish (DdClient     *self,
                                   GAsyncResult *result,
                                   GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return NULL;
    }

  return DD_CLIENT_GET_IFACE (self)->list_after_sales_finish (self, result, error);
}

void
dd_client_cancel_after_sale_async (DdClient            *self,
                                   const char          *refund_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->cancel_after_sale_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->cancel_after_sale_async (self, refund_id, cancellable, callback, user_data);
}

gboolean
dd_client_cancel_after_sale_finish (DdClient     *self,
                                    GAsyncResult *result,
                                    GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return FALSE;
    }

  return DD_CLIENT_GET_IFACE (self)->cancel_after_sale_finish (self, result, error);
}

void
dd_client_get_server_time_async (DdClient            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->get_server_time_async == NULL)
    {
      not_supported (self, callback, user_data);
      return;
    }

  iface->get_server_time_async (self, cancellable, callback, user_data);
}

gint64
dd_client_get_server_time_finish (DdClient     *self,
                                  GAsyncResult *result,
                                  GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), 0);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (is_not_supported (self, result))
    {
      g_task_propagate_boolean (G_TASK (result), error);
      return 0;
    }

  return DD_CLIENT_GET_IFACE (self)->get_server_time_finish (self, result, error);
}

/* ---- capabilities ---------------------------------------------------------- */

DdClientCapabilities
dd_client_get_capabilities (DdClient *self)
{
  DdClientInterface *iface;

  g_return_val_if_fail (DD_IS_CLIENT (self), 0);

  iface = DD_CLIENT_GET_IFACE (self);
  return iface->get_capabilities != NULL ? iface->get_capabilities (self) : 0;
}

void
dd_client_get_listing (DdClient        *self,
                       DdClientListing *listing)
{
  DdClientInterface *iface;

  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (listing != NULL);

  listing->max_window_ms = 0;
  listing->page_backwards = FALSE;

  iface = DD_CLIENT_GET_IFACE (self);
  if (iface->get_listing != NULL)
    iface->get_listing (self, listing);
}

const DdCancelReason *
dd_client_get_cancel_reasons (DdClient *self)
{
  static const DdCancelReason none[] = { { NULL, NULL } };
  DdClientInterface *iface;

  g_return_val_if_fail (DD_IS_CLIENT (self), none);

  iface = DD_CLIENT_GET_IFACE (self);
  return iface->get_cancel_reasons != NULL ? iface->get_cancel_reasons (self) : none;
}

/* ---- value types ------------------------------------------------------------ */

static void
purchase_line_clear (gpointer data)
{
  DdPurchaseLine *line = data;

  g_clear_pointer (&line->item_id, g_free);
  g_clear_pointer (&line->sku_id, g_free);
}

DdPurchaseRequest *
dd_purchase_request_new (DdPurchaseSource  source,
                         const char       *idempotency_key)
{
  DdPurchaseRequest *request = g_new0 (DdPurchaseRequest, 1);

  request->source = source;
  request->idempotency_key = g_strdup (idempotency_key);
  request->lines = g_array_new (FALSE, TRUE, sizeof (DdPurchaseLine));
  g_array_set_clear_func (request->lines, purchase_line_clear);

  return request;
}

void
dd_purchase_request_add_line (DdPurchaseRequest *request,
                              const char        *item_id,
                              const char        *sku_id,
                              guint              quantity,
                              const DdMoney     *unit_price)
{
  DdPurchaseLine line = { 0 };

  g_return_if_fail (request != NULL);
  g_return_if_fail (item_id != NULL);
  g_return_if_fail (unit_price != NULL);

  line.item_id = g_strdup (item_id);
  line.sku_id = g_strdup (sku_id);
  line.quantity = quantity;
  line.unit_price = *unit_price;
  g_array_append_val (request->lines, line);
}

void
dd_purchase_request_free (DdPurchaseRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->idempotency_key);
  g_clear_pointer (&request->lines, g_array_unref);
  dd_delivery_info_clear (&request->receiver);
  g_free (request->remark);
  g_free (request);
}

void
dd_purchase_preview_free (DdPurchasePreview *preview)
{
  if (preview == NULL)
    return;

  if (preview->unavailable != NULL)
    {
      for (guint i = 0; i < preview->unavailable->len; i++)
        g_free (g_array_index (preview->unavailable, char *, i));
      g_array_unref (preview->unavailable);
    }
  g_free (preview);
}

static void
logistics_event_clear (gpointer data)
{
  DdLogisticsEvent *event = data;

  g_clear_pointer (&event->time, g_date_time_unref);
  g_clear_pointer (&event->status, g_free);
  g_clear_pointer (&event->description, g_free);
  g_clear_pointer (&event->place, g_free);
}

static void
parcel_free (gpointer data)
{
  DdParcel *parcel = data;

  g_free (parcel->tracking_number);
  g_free (parcel->carrier);
  g_clear_pointer (&parcel->events, g_array_unref);
  g_free (parcel);
}

/* A new parcel with an events array that clears its elements. */
DdParcel *
dd_parcel_new (const char *tracking_number,
               const char *carrier)
{
  DdParcel *parcel = g_new0 (DdParcel, 1);

  parcel->tracking_number = g_strdup (tracking_number);
  parcel->carrier = g_strdup (carrier);
  parcel->events = g_array_new (FALSE, TRUE, sizeof (DdLogisticsEvent));
  g_array_set_clear_func (parcel->events, logistics_event_clear);

  return parcel;
}

DdLogistics *
dd_logistics_new (void)
{
  DdLogistics *logistics = g_new0 (DdLogistics, 1);

  logistics->parcels = g_ptr_array_new_with_free_func (parcel_free);

  return logistics;
}

void
dd_logistics_free (DdLogistics *logistics)
{
  if (logistics == NULL)
    return;

  g_clear_pointer (&logistics->parcels, g_ptr_array_unref);
  g_free (logistics);
}

static void
after_sale_free (gpointer data)
{
  DdAfterSale *after_sale = data;

  g_free (after_sale->refund_id);
  g_free (after_sale->order_id);
  g_free (after_sale->status);
  g_free (after_sale->reason);
  g_clear_pointer (&after_sale->created, g_date_time_unref);
  g_free (after_sale);
}

DdAfterSalePage *
dd_after_sale_page_new (void)
{
  DdAfterSalePage *page = g_new0 (DdAfterSalePage, 1);

  page->cases = g_ptr_array_new_with_free_func (after_sale_free);

  return page;
}

void
dd_after_sale_page_free (DdAfterSalePage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->cases, g_ptr_array_unref);
  g_free (page);
}
