/* dd-pp-client.c: the cross-border purchasing API (PandaPon) client
 *
 * Taobao-goods and 1688-goods purchase orders of one sub-account: what
 * Dingdan asks for, routed to the right call (dd-pp-call.c knows the wire
 * and holds the table of documented and ASSUMED paths), checked before
 * anything is sent. Every call is one DdHttp call (reads retried on
 * transient failures, writes sent exactly once).
 *
 * 1688 orders: Dingdan's order id of a 1688-goods order is "1688-<orderId>"
 * (DD_PP_1688_PREFIX); this client strips the prefix and sends the call to
 * the /alibaba/ family. Everything else is a Taobao-goods orderNo.
 *
 * The secret lives in this object only and is never logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-platform-error.h"
#include "dd-pp-client-private.h"
#include "dd-pp-parse.h"

static void dd_pp_client_iface_init (DdClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdPpClient, dd_pp_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CLIENT, dd_pp_client_iface_init))

/* ------------------------------------------------------------------ */
/* Tasks                                                               */

static GTask *
new_task (DdPpClient          *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  return task;
}

/* FALSE (and @task answered) when @id is missing. */
static gboolean
check_id (GTask      *task,
          const char *id)
{
  if (id != NULL && *id != '\0' && (!g_str_has_prefix (id, DD_PP_1688_PREFIX) ||
                                    id[strlen (DD_PP_1688_PREFIX)] != '\0'))
    return TRUE;

  g_task_return_error (task, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                    NULL, NULL, NULL, NULL, NULL,
                                                    _("No order or case was given.")));
  return FALSE;
}

static void
return_not_supported (GTask      *task,
                      const char *message)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
}

static gpointer
finish_pointer (DdClient      *client,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_outcome (DdClient         *client,
                GAsyncResult     *result,
                gpointer          source_tag,
                DdActionOutcome  *outcome,
                GError          **error)
{
  g_autofree DdActionOutcome *value = finish_pointer (client, result, source_tag, error);

  if (value == NULL)
    return FALSE;
  if (outcome != NULL)
    *outcome = *value;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Orders                                                              */

static void
dd_pp_client_list_orders_async (DdClient            *client,
                                const DdListQuery   *query,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_list_orders_async, cancellable, callback, user_data);
  guint size;

  /* A full listing has no window (since 0); an incremental one the caller's:
   * PandaPon has no maximum window and pages forwards. */
  size = query->page_size == 0 ? DD_PP_MAX_PAGE_SIZE : MIN (query->page_size, DD_PP_MAX_PAGE_SIZE);
  dd_pp_request_send (dd_pp_request_list_orders (self, MAX (query->page, 1), size,
                                                 query->modified_since_ms, query->modified_until_ms),
                      task);
}

static DdOrderPage *
dd_pp_client_list_orders_finish (DdClient      *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_list_orders_async, error);
}

static void
dd_pp_client_get_order_async (DdClient            *client,
                              const char          *order_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_get_order_async, cancellable, callback, user_data);
  const char *id;

  if (!check_id (task, order_id))
    {
      g_object_unref (task);
      return;
    }

  if (dd_pp_order_id_is_1688 (order_id, &id))
    dd_pp_request_send (dd_pp_request_1688_detail (self, id), task);
  else
    dd_pp_request_send (dd_pp_request_detail (self, id), task);
}

static DdOrder *
dd_pp_client_get_order_finish (DdClient      *client,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_get_order_async, error);
}

static void
dd_pp_client_cancel_order_async (DdClient            *client,
                                 const char          *order_id,
                                 const char          *reason_id,
                                 const char          *remark,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_cancel_order_async, cancellable, callback, user_data);
  const char *id;

  if (!check_id (task, order_id))
    {
      g_object_unref (task);
      return;
    }

  if (dd_pp_order_id_is_1688 (order_id, &id))
    dd_pp_request_send (dd_pp_request_1688_cancel (self, id, reason_id, remark), task);
  else
    dd_pp_request_send (dd_pp_request_cancel (self, id, reason_id), task);
}

static gboolean
dd_pp_client_cancel_order_finish (DdClient         *client,
                                  GAsyncResult     *result,
                                  DdActionOutcome  *outcome,
                                  GError          **error)
{
  return finish_outcome (client, result, dd_pp_client_cancel_order_async, outcome, error);
}

static void
dd_pp_client_pay_order_async (DdClient            *client,
                              const char          *order_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_pay_order_async, cancellable, callback, user_data);
  const char *id;

  if (!check_id (task, order_id))
    {
      g_object_unref (task);
      return;
    }

  if (dd_pp_order_id_is_1688 (order_id, &id))
    {
      return_not_supported (task, _("A 1688 order is paid on its payment page in the browser."));
      g_object_unref (task);
      return;
    }

  dd_pp_request_send (dd_pp_request_pay (self, id), task);
}

static gboolean
dd_pp_client_pay_order_finish (DdClient         *client,
                               GAsyncResult     *result,
                               DdActionOutcome  *outcome,
                               GError          **error)
{
  return finish_outcome (client, result, dd_pp_client_pay_order_async, outcome, error);
}

static void
dd_pp_client_upload_voucher_async (DdClient            *client,
                                   const char          *order_id,
                                   GBytes              *image,
                                   const char          *content_type,
                                   const char          *filename,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_upload_voucher_async, cancellable, callback, user_data);
  const char *id;

  if (!check_id (task, order_id))
    {
      g_object_unref (task);
      return;
    }

  if (dd_pp_order_id_is_1688 (order_id, &id))
    {
      return_not_supported (task, _("A 1688 order is paid on its payment page in the browser."));
      g_object_unref (task);
      return;
    }

  if (image == NULL || g_bytes_get_size (image) == 0)
    {
      g_task_return_error (task, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                        NULL, NULL, NULL, NULL, NULL,
                                                        _("The payment voucher is empty.")));
      g_object_unref (task);
      return;
    }

  dd_pp_request_send (dd_pp_request_voucher (self, id, image, content_type, filename), task);
}

static gboolean
dd_pp_client_upload_voucher_finish (DdClient      *client,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_upload_voucher_async, error) != NULL;
}

static void
dd_pp_client_get_pay_url_async (DdClient            *client,
                                const char          *order_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_get_pay_url_async, cancellable, callback, user_data);
  const char *id;

  if (!check_id (task, order_id))
    {
      g_object_unref (task);
      return;
    }

  if (!dd_pp_order_id_is_1688 (order_id, &id))
    {
      return_not_supported (task, _("Only 1688 orders have a payment page: pay this order from the balance or with a payment voucher."));
      g_object_unref (task);
      return;
    }

  dd_pp_request_send (dd_pp_request_1688_pay_url (self, id), task);
}

static char *
dd_pp_client_get_pay_url_finish (DdClient      *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_get_pay_url_async, error);
}

static void
dd_pp_client_create_purchase_async (DdClient                *client,
                                    const DdPurchaseRequest *purchase,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_create_purchase_async, cancellable, callback, user_data);
  gboolean is_1688 = purchase->source == DD_PURCHASE_SOURCE_1688;
  g_autofree char *body = NULL;
  GError *error = NULL;

  body = is_1688 ? dd_pp_build_create_1688_body (purchase, &error)
                 : dd_pp_build_create_body (purchase, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  dd_pp_request_send (dd_pp_request_create (self, is_1688, g_steal_pointer (&body)), task);
}

static DdOrder *
dd_pp_client_create_purchase_finish (DdClient      *client,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_create_purchase_async, error);
}

/* ------------------------------------------------------------------ */
/* Logistics, after-sales                                              */

static void
dd_pp_client_get_logistics_async (DdClient            *client,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_get_logistics_async, cancellable, callback, user_data);

  if (!check_id (task, id))
    {
      g_object_unref (task);
      return;
    }

  if (dd_pp_order_id_is_1688 (id, NULL))
    {
      return_not_supported (task, _("Dingdan cannot show the parcels of 1688 orders yet."));
      g_object_unref (task);
      return;
    }

  dd_pp_request_send (dd_pp_request_logistics (self, id), task);
}

static DdLogistics *
dd_pp_client_get_logistics_finish (DdClient      *client,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_get_logistics_async, error);
}

static void
dd_pp_client_list_after_sales_async (DdClient            *client,
                                     guint                page,
                                     guint                page_size,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_list_after_sales_async, cancellable, callback, user_data);

  dd_pp_request_send (dd_pp_request_after_sales (self, MAX (page, 1),
                                                 page_size == 0 ? DD_PP_MAX_PAGE_SIZE
                                                                : MIN (page_size, DD_PP_MAX_PAGE_SIZE)),
                      task);
}

static DdAfterSalePage *
dd_pp_client_list_after_sales_finish (DdClient      *client,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_list_after_sales_async, error);
}

static void
dd_pp_client_cancel_after_sale_async (DdClient            *client,
                                      const char          *refund_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  DdPpClient *self = DD_PP_CLIENT (client);
  GTask *task = new_task (self, dd_pp_client_cancel_after_sale_async, cancellable, callback, user_data);

  if (!check_id (task, refund_id))
    {
      g_object_unref (task);
      return;
    }

  dd_pp_request_send (dd_pp_request_cancel_after_sale (self, refund_id), task);
}

static gboolean
dd_pp_client_cancel_after_sale_finish (DdClient      *client,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (client, result, dd_pp_client_cancel_after_sale_async, error) != NULL;
}

/* ------------------------------------------------------------------ */
/* What the platform can do                                            */

static const char *
dd_pp_client_get_platform (DdClient *client)
{
  return DD_PLATFORM_PANDAPON;
}

static guint
dd_pp_client_get_max_page_size (DdClient *client)
{
  return DD_PP_MAX_PAGE_SIZE;
}

static DdClientCapabilities
dd_pp_client_get_capabilities (DdClient *client)
{
  return DD_CLIENT_CAN_LIST |
         DD_CLIENT_CAN_GET |
         DD_CLIENT_CAN_CANCEL |
         DD_CLIENT_CAN_PAY |
         DD_CLIENT_CAN_UPLOAD_VOUCHER |
         DD_CLIENT_CAN_PAY_URL |
         DD_CLIENT_CAN_CREATE_PURCHASE |
         DD_CLIENT_CAN_LOGISTICS |
         DD_CLIENT_CAN_AFTER_SALE;
}

/* By modified time, any window, pages in order. */
static void
dd_pp_client_get_listing (DdClient        *client,
                          DdClientListing *listing)
{
  listing->max_window_ms = 0;
  listing->page_backwards = FALSE;
}

static const DdCancelReason *
dd_pp_client_get_cancel_reasons (DdClient *client)
{
  return dd_pp_get_cancel_reasons ();
}

static void
dd_pp_client_iface_init (DdClientInterface *iface)
{
  iface->get_platform = dd_pp_client_get_platform;
  iface->get_max_page_size = dd_pp_client_get_max_page_size;
  iface->get_capabilities = dd_pp_client_get_capabilities;
  iface->get_listing = dd_pp_client_get_listing;
  iface->get_cancel_reasons = dd_pp_client_get_cancel_reasons;
  iface->list_orders_async = dd_pp_client_list_orders_async;
  iface->list_orders_finish = dd_pp_client_list_orders_finish;
  iface->get_order_async = dd_pp_client_get_order_async;
  iface->get_order_finish = dd_pp_client_get_order_finish;
  iface->cancel_order_async = dd_pp_client_cancel_order_async;
  iface->cancel_order_finish = dd_pp_client_cancel_order_finish;
  iface->pay_order_async = dd_pp_client_pay_order_async;
  iface->pay_order_finish = dd_pp_client_pay_order_finish;
  iface->upload_voucher_async = dd_pp_client_upload_voucher_async;
  iface->upload_voucher_finish = dd_pp_client_upload_voucher_finish;
  iface->get_pay_url_async = dd_pp_client_get_pay_url_async;
  iface->get_pay_url_finish = dd_pp_client_get_pay_url_finish;
  iface->create_purchase_async = dd_pp_client_create_purchase_async;
  iface->create_purchase_finish = dd_pp_client_create_purchase_finish;
  iface->get_logistics_async = dd_pp_client_get_logistics_async;
  iface->get_logistics_finish = dd_pp_client_get_logistics_finish;
  iface->list_after_sales_async = dd_pp_client_list_after_sales_async;
  iface->list_after_sales_finish = dd_pp_client_list_after_sales_finish;
  iface->cancel_after_sale_async = dd_pp_client_cancel_after_sale_async;
  iface->cancel_after_sale_finish = dd_pp_client_cancel_after_sale_finish;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

/* Overwrites a secret before freeing it (volatile: the stores stay). */
static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    {
      volatile char *p = *secret;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_clear_pointer (secret, g_free);
}

static void
dd_pp_client_dispose (GObject *object)
{
  DdPpClient *self = DD_PP_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_pp_client_parent_class)->dispose (object);
}

static void
dd_pp_client_finalize (GObject *object)
{
  DdPpClient *self = DD_PP_CLIENT (object);

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->access_key, g_free);
  clear_secret (&self->secret);
  g_clear_pointer (&self->user_id, g_free);

  G_OBJECT_CLASS (dd_pp_client_parent_class)->finalize (object);
}

static void
dd_pp_client_class_init (DdPpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_pp_client_dispose;
  object_class->finalize = dd_pp_client_finalize;
}

static void
dd_pp_client_init (DdPpClient *self)
{
}

DdPpClient *
dd_pp_client_new (DdHttp     *http,
                  const char *endpoint,
                  const char *access_key,
                  const char *secret,
                  const char *user_id)
{
  DdPpClient *self;
  gsize len;

  g_return_val_if_fail (DD_IS_HTTP (http), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (access_key != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  self = g_object_new (DD_TYPE_PP_CLIENT, NULL);
  self->http = g_object_ref (http);

  len = strlen (endpoint);
  while (len > 0 && endpoint[len - 1] == '/')
    len--;
  self->endpoint = g_strndup (endpoint, len);
  self->access_key = g_strdup (access_key);
  self->secret = g_strdup (secret);
  self->user_id = g_strdup (user_id);

  return self;
}

void
dd_pp_client_set_clock_offset_ms (DdPpClient *self,
                                  gint64      offset_ms)
{
  g_return_if_fail (DD_IS_PP_CLIENT (self));

  self->clock_offset_ms = offset_ms;
}
