/* dd-top-client.c: a Taobao Open Platform seller's sold trades
 *
 * Full listing: taobao.trades.sold.get (every trade type, use_has_next).
 * Incremental listing: taobao.trades.sold.increment.get over the caller's
 * modified window (at most 30 minutes, pages fetched from the last one
 * backwards: see get_listing), use_has_next=false so total_results comes.
 * One order: taobao.trade.fullinfo.get. Close: taobao.trade.close with one
 * of the seven documented reasons (a write: sent once). Clock:
 * taobao.time.get. Each trade comes with its sub-orders, so a page is one
 * call. The request layer (signing, UTC+8 timestamps, envelopes) is in
 * dd-top-request.c, the shapes in dd-top-parse.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-platform-error.h"
#include "dd-top-client.h"
#include "dd-top-parse.h"
#include "dd-top-request.h"

#define INCREMENT_WINDOW_MS (30 * 60 * 1000)

struct _DdTopClient
{
  GObject      parent_instance;

  DdHttp      *http;
  DdTopRouter *router;
};

static void dd_top_client_iface_init (DdClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdTopClient, dd_top_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CLIENT, dd_top_client_iface_init))

/* ------------------------------------------------------------------ */
/* list_orders                                                         */

typedef struct
{
  guint page;
  guint page_size;
} PageData;

/* Worker: touches only its arguments. */
static gpointer
parse_trades_page_cb (JsonObject  *response,
                      const char  *request_id,
                      gpointer     parse_data,
                      GError     **error)
{
  PageData *data = parse_data;
  DdOrderPage *page;

  page = dd_top_parse_trades_page (response, (guint64) (data->page - 1) * data->page_size, error);
  if (page == NULL)
    return NULL;

  page->page = data->page;
  page->page_size = data->page_size;
  page->n_calls = 1;
  page->request_id = g_strdup (request_id);

  return page;
}

static void
dd_top_client_list_orders_async (DdClient            *client,
                                 const DdListQuery   *query,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  DdTopClient *self = DD_TOP_CLIENT (client);
  GTask *task;
  DdSignParams *business;
  PageData *data;
  g_autofree char *page = NULL;
  g_autofree char *page_size = NULL;
  const char *method;

  data = g_new0 (PageData, 1);
  data->page = MAX (query->page, 1);
  data->page_size = query->page_size == 0 ? DD_TOP_MAX_PAGE_SIZE : MIN (query->page_size, DD_TOP_MAX_PAGE_SIZE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_client_list_orders_async);

  page = g_strdup_printf ("%u", data->page);
  page_size = g_strdup_printf ("%u", data->page_size);
  business = dd_sign_params_new ();
  dd_sign_params_set (business, "fields", dd_top_trade_fields);
  dd_sign_params_set (business, "type", dd_top_all_trade_types);
  dd_sign_params_set (business, "page_no", page);
  dd_sign_params_set (business, "page_size", page_size);

  if (query->modified_since_ms == 0)
    {
      method = "taobao.trades.sold.get";
      dd_sign_params_set (business, "use_has_next", "true");
    }
  else
    {
      gint64 until_ms = query->modified_until_ms != 0
                        ? query->modified_until_ms
                        : dd_top_router_get_now_ms (self->router);
      g_autofree char *start = dd_top_format_time_ms (query->modified_since_ms);
      g_autofree char *end = dd_top_format_time_ms (until_ms);

      method = "taobao.trades.sold.increment.get";
      dd_sign_params_set (business, "start_modified", start);
      dd_sign_params_set (business, "end_modified", end);
      dd_sign_params_set (business, "use_has_next", "false");
    }

  g_debug ("TOP: %s page %u of %u", method, data->page, data->page_size);

  dd_top_router_call_task (self->router, self->http, DD_HTTP_READ, method, business,
                           parse_trades_page_cb, data, g_free,
                           (GDestroyNotify) dd_order_page_free, task);
}

static DdOrderPage *
dd_top_client_list_orders_finish (DdClient      *client,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_client_list_orders_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* get_order                                                           */

static gpointer
parse_fullinfo_cb (JsonObject  *response,
                   const char  *request_id,
                   gpointer     parse_data,
                   GError     **error)
{
  return dd_top_parse_fullinfo (response, error);
}

static void
dd_top_client_get_order_async (DdClient            *client,
                               const char          *order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  DdTopClient *self = DD_TOP_CLIENT (client);
  GTask *task;
  DdSignParams *business;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_client_get_order_async);

  business = dd_sign_params_new ();
  dd_sign_params_set (business, "fields", dd_top_trade_fields);
  dd_sign_params_set (business, "tid", order_id);

  dd_top_router_call_task (self->router, self->http, DD_HTTP_READ, "taobao.trade.fullinfo.get",
                           business, parse_fullinfo_cb, NULL, NULL, g_object_unref, task);
}

static DdOrder *
dd_top_client_get_order_finish (DdClient      *client,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_client_get_order_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* cancel_order: taobao.trade.close                                    */

/* API.md §1: the only close_reason values taobao.trade.close accepts; the
 * Chinese text itself is sent. The third is written as TOP's page for the
 * method writes it, with a full-width comma (API.md lost it); the bare
 * spelling is accepted from callers and sent the documented way. */
static const char * const close_reasons[] = {
  "未及时付款",
  "买家不想买了",
  "买家信息填写错误，重新拍",
  "恶意买家/同行捣乱",
  "缺货",
  "买家拍错了",
  "同城见面交易",
};

static const DdCancelReason *
dd_top_client_get_cancel_reasons (DdClient *client)
{
  static DdCancelReason *reasons;

  if (g_once_init_enter (&reasons))
    {
      DdCancelReason *list = g_new0 (DdCancelReason, G_N_ELEMENTS (close_reasons) + 1);
      /* The platform receives the Chinese original; people see these. */
      const char *labels[] = {
        /* Translators: a reason to close an unpaid Taobao trade (未及时付款) */
        N_("The buyer did not pay in time"),
        /* Translators: a reason to close an unpaid Taobao trade (买家不想买了) */
        N_("The buyer no longer wants it"),
        /* Translators: a reason to close an unpaid Taobao trade (买家信息填写错误，重新拍) */
        N_("The buyer entered wrong details and will order again"),
        /* Translators: a reason to close an unpaid Taobao trade (恶意买家/同行捣乱) */
        N_("A malicious buyer or a competitor’s prank"),
        /* Translators: a reason to close an unpaid Taobao trade (缺货) */
        N_("Out of stock"),
        /* Translators: a reason to close an unpaid Taobao trade (买家拍错了) */
        N_("The buyer ordered the wrong item"),
        /* Translators: a reason to close an unpaid Taobao trade (同城见面交易) */
        N_("Trading in person in the same city"),
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (close_reasons));
      for (guint i = 0; i < G_N_ELEMENTS (close_reasons); i++)
        {
          list[i].id = close_reasons[i];
          list[i].label = _(labels[i]);
        }
      g_once_init_leave (&reasons, list);
    }

  return reasons;
}

/* The documented spelling of @reason_id, or NULL when it is none of the seven. */
static const char *
find_close_reason (const char *reason_id)
{
  if (reason_id == NULL)
    return NULL;

  if (g_str_equal (reason_id, "买家信息填写错误重新拍"))
    return close_reasons[2];

  for (guint i = 0; i < G_N_ELEMENTS (close_reasons); i++)
    if (g_str_equal (reason_id, close_reasons[i]))
      return close_reasons[i];

  return NULL;
}

static gpointer
parse_close_cb (JsonObject  *response,
                const char  *request_id,
                gpointer     parse_data,
                GError     **error)
{
  if (!dd_top_parse_close (response, request_id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
dd_top_client_cancel_order_async (DdClient            *client,
                                  const char          *order_id,
                                  const char          *reason_id,
                                  const char          *remark,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DdTopClient *self = DD_TOP_CLIENT (client);
  GTask *task;
  DdSignParams *business;
  const char *reason;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_client_cancel_order_async);

  reason = find_close_reason (reason_id);
  if (order_id == NULL || *order_id == '\0' || reason == NULL)
    {
      g_task_return_error (task, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                        NULL, NULL, NULL, NULL, NULL,
                                                        _("Choose one of Taobao’s reasons to close the trade")));
      g_object_unref (task);
      return;
    }

  /* taobao.trade.close takes no remark. */
  business = dd_sign_params_new ();
  dd_sign_params_set (business, "tid", order_id);
  dd_sign_params_set (business, "close_reason", reason);

  dd_top_router_call_task (self->router, self->http, DD_HTTP_WRITE, "taobao.trade.close",
                           business, parse_close_cb, NULL, NULL, NULL, task);
}

static gboolean
dd_top_client_cancel_order_finish (DdClient         *client,
                                   GAsyncResult     *result,
                                   DdActionOutcome  *outcome,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_client_cancel_order_async, FALSE);

  if (g_task_propagate_pointer (G_TASK (result), error) == NULL)
    return FALSE;

  if (outcome != NULL)
    *outcome = DD_ACTION_DONE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* get_server_time: taobao.time.get                                    */

static void
dd_top_client_get_server_time_async (DdClient            *client,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  DdTopClient *self = DD_TOP_CLIENT (client);
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_client_get_server_time_async);

  dd_top_router_time_get_task (self->router, self->http, task);
}

static gint64
dd_top_client_get_server_time_finish (DdClient      *client,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autofree gint64 *ms = NULL;

  g_return_val_if_fail (g_task_is_valid (result, client), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_client_get_server_time_async, -1);

  ms = g_task_propagate_pointer (G_TASK (result), error);

  return ms != NULL ? *ms : -1;
}

/* ------------------------------------------------------------------ */
/* GObject, DdClient                                                   */

static const char *
dd_top_client_get_platform (DdClient *client)
{
  return DD_PLATFORM_TOP;
}

static guint
dd_top_client_get_max_page_size (DdClient *client)
{
  return DD_TOP_MAX_PAGE_SIZE;
}

static DdClientCapabilities
dd_top_client_get_capabilities (DdClient *client)
{
  return DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL | DD_CLIENT_CAN_SERVER_TIME;
}

/* trades.sold.increment.get takes windows up to a day; TOP advises 30
 * minutes (with overlap, which the caller adds) and paging from the last
 * page backwards, so that trades moving out of the window while paging are
 * not skipped. */
static void
dd_top_client_get_listing (DdClient        *client,
                           DdClientListing *listing)
{
  listing->max_window_ms = INCREMENT_WINDOW_MS;
  listing->page_backwards = TRUE;
}

static void
dd_top_client_iface_init (DdClientInterface *iface)
{
  iface->get_platform = dd_top_client_get_platform;
  iface->get_max_page_size = dd_top_client_get_max_page_size;
  iface->get_capabilities = dd_top_client_get_capabilities;
  iface->get_listing = dd_top_client_get_listing;
  iface->get_cancel_reasons = dd_top_client_get_cancel_reasons;
  iface->list_orders_async = dd_top_client_list_orders_async;
  iface->list_orders_finish = dd_top_client_list_orders_finish;
  iface->get_order_async = dd_top_client_get_order_async;
  iface->get_order_finish = dd_top_client_get_order_finish;
  iface->cancel_order_async = dd_top_client_cancel_order_async;
  iface->cancel_order_finish = dd_top_client_cancel_order_finish;
  iface->get_server_time_async = dd_top_client_get_server_time_async;
  iface->get_server_time_finish = dd_top_client_get_server_time_finish;
}

static void
dd_top_client_dispose (GObject *object)
{
  DdTopClient *self = DD_TOP_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_top_client_parent_class)->dispose (object);
}

static void
dd_top_client_finalize (GObject *object)
{
  DdTopClient *self = DD_TOP_CLIENT (object);

  g_clear_pointer (&self->router, dd_top_router_unref);

  G_OBJECT_CLASS (dd_top_client_parent_class)->finalize (object);
}

static void
dd_top_client_class_init (DdTopClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_top_client_dispose;
  object_class->finalize = dd_top_client_finalize;
}

static void
dd_top_client_init (DdTopClient *self)
{
}

DdTopClient *
dd_top_client_new (DdHttp          *http,
                   const char      *endpoint,
                   const char      *app_key,
                   const char      *app_secret,
                   const char      *session,
                   DdSignTopMethod  sign_method)
{
  DdTopClient *self;

  g_return_val_if_fail (DD_IS_HTTP (http), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (app_key != NULL, NULL);
  g_return_val_if_fail (app_secret != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (DD_TYPE_TOP_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->router = dd_top_router_new (endpoint, app_key, app_secret, session, sign_method);

  return self;
}

void
dd_top_client_set_clock_offset_ms (DdTopClient *self,
                                   gint64       offset_ms)
{
  g_return_if_fail (DD_IS_TOP_CLIENT (self));

  dd_top_router_set_clock_offset_ms (self->router, offset_ms);
}

DdTopRouter *
dd_top_client_get_router (DdTopClient *self)
{
  g_return_val_if_fail (DD_IS_TOP_CLIENT (self), NULL);

  return self->router;
}
