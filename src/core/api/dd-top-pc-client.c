/* dd-top-pc-client.c: a Taobao Open Platform procurement (企业购) buyer
 *
 * List: taobao.pc.order.list (contract_order_list_req; no window limit,
 * pages forwards). One order: taobao.pc.order.detail (tp_request). Cancel:
 * taobao.pc.order.cancel (param). Preview: taobao.pc.order.render. Create:
 * taobao.pc.out.tower.order.create (param, buyer_id) with out_order_id =
 * the request's idempotency key: a key the platform already knows is
 * answered with the existing order, which counts as success. Clock:
 * taobao.time.get. No pay method is published, so there is none here.
 *
 * Struct parameters are serialised once (dd-top-request.c) and that exact
 * string is signed and sent. The buyer id travels as a JSON number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-platform-error.h"
#include "dd-top-client.h"
#include "dd-top-parse.h"
#include "dd-top-request.h"

struct _DdTopPcClient
{
  GObject      parent_instance;

  DdHttp      *http;
  DdTopRouter *router;
  char        *buyer_id;
};

static void dd_top_pc_client_iface_init (DdClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdTopPcClient, dd_top_pc_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CLIENT, dd_top_pc_client_iface_init))

/* Takes @task; FALSE (and @task answered) when the buyer id is not a number. */
static gboolean
get_buyer_id (DdTopPcClient *self,
              GTask         *task,
              gint64        *buyer_id)
{
  GError *error = NULL;

  if (dd_top_parse_number_id (self->buyer_id, "buyer_id", buyer_id, &error))
    return TRUE;

  g_task_return_error (task, error);
  g_object_unref (task);

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* list_orders                                                         */

typedef struct
{
  guint page;
  guint page_size;
} PageData;

static gpointer
parse_list_cb (JsonObject  *response,
               const char  *request_id,
               gpointer     parse_data,
               GError     **error)
{
  PageData *data = parse_data;
  DdOrderPage *page;

  page = dd_top_pc_parse_list (response, request_id, error);
  if (page == NULL)
    return NULL;

  page->page = data->page;
  page->page_size = data->page_size;
  page->n_calls = 1;
  page->request_id = g_strdup (request_id);

  return page;
}

static void
dd_top_pc_client_list_orders_async (DdClient            *client,
                                    const DdListQuery   *query,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (client);
  GTask *task;
  DdSignParams *business;
  g_autofree char *req = NULL;
  PageData *data;
  gint64 buyer_id;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_pc_client_list_orders_async);
  if (!get_buyer_id (self, task, &buyer_id))
    return;

  data = g_new0 (PageData, 1);
  data->page = MAX (query->page, 1);
  data->page_size = query->page_size == 0 ? DD_TOP_MAX_PAGE_SIZE : MIN (query->page_size, DD_TOP_MAX_PAGE_SIZE);

  req = dd_top_pc_build_list_req (buyer_id, query, dd_top_router_get_now_ms (self->router));
  business = dd_sign_params_new ();
  dd_sign_params_set (business, "contract_order_list_req", req);

  dd_top_router_call_task (self->router, self->http, DD_HTTP_READ, "taobao.pc.order.list",
                           business, parse_list_cb, data, g_free,
                           (GDestroyNotify) dd_order_page_free, task);
}

static DdOrderPage *
dd_top_pc_client_list_orders_finish (DdClient      *client,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_pc_client_list_orders_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* get_order                                                           */

static gpointer
parse_detail_cb (JsonObject  *response,
                 const char  *request_id,
                 gpointer     parse_data,
                 GError     **error)
{
  return dd_top_pc_parse_detail (response, request_id, error);
}

/* taobao.pc.order.detail into @task (taken). */
static void
detail_task (DdTopPcClient *self,
             const char    *biz_order_id,
             gint64         buyer_id,
             GTask         *task)
{
  DdSignParams *business = dd_sign_params_new ();
  g_autofree char *req = dd_top_pc_build_detail_req (biz_order_id, buyer_id);

  dd_sign_params_set (business, "tp_request", req);
  dd_top_router_call_task (self->router, self->http, DD_HTTP_READ, "taobao.pc.order.detail",
                           business, parse_detail_cb, NULL, NULL, g_object_unref, task);
}

static void
dd_top_pc_client_get_order_async (DdClient            *client,
                                  const char          *order_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (client);
  GTask *task;
  gint64 buyer_id;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_pc_client_get_order_async);
  if (!get_buyer_id (self, task, &buyer_id))
    return;

  detail_task (self, order_id, buyer_id, task);
}

static DdOrder *
dd_top_pc_client_get_order_finish (DdClient      *client,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_pc_client_get_order_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* cancel_order                                                        */

static gpointer
parse_cancel_cb (JsonObject  *response,
                 const char  *request_id,
                 gpointer     parse_data,
                 GError     **error)
{
  if (!dd_top_pc_parse_cancel (response, request_id, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/* pc.order.cancel takes no reason: @reason_id and @remark are not sent. */
static void
dd_top_pc_client_cancel_order_async (DdClient            *client,
                                     const char          *order_id,
                                     const char          *reason_id,
                                     const char          *remark,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (client);
  GTask *task;
  DdSignParams *business;
  g_autofree char *param = NULL;
  gint64 buyer_id;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_pc_client_cancel_order_async);
  if (!get_buyer_id (self, task, &buyer_id))
    return;

  param = dd_top_pc_build_cancel_param (order_id, buyer_id);
  business = dd_sign_params_new ();
  dd_sign_params_set (business, "param", param);

  dd_top_router_call_task (self->router, self->http, DD_HTTP_WRITE, "taobao.pc.order.cancel",
                           business, parse_cancel_cb, NULL, NULL, NULL, task);
}

static gboolean
dd_top_pc_client_cancel_order_finish (DdClient         *client,
                                      GAsyncResult     *result,
                                      DdActionOutcome  *outcome,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_pc_client_cancel_order_async, FALSE);

  if (g_task_propagate_pointer (G_TASK (result), error) == NULL)
    return FALSE;

  if (outcome != NULL)
    *outcome = DD_ACTION_DONE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* render_purchase / create_purchase                                   */

/* The business parameters of render and create; NULL with @task answered
 * (and taken) on a request that cannot be sent. */
static DdSignParams *
purchase_params (DdTopPcClient           *self,
                 const DdPurchaseRequest *request,
                 GTask                   *task)
{
  DdSignParams *business;
  g_autofree char *param = NULL;
  GError *error = NULL;
  gint64 buyer_id;

  if (!get_buyer_id (self, task, &buyer_id))
    return NULL;

  if (request->source != DD_PURCHASE_SOURCE_TAOBAO)
    {
      g_task_return_error (task, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                        NULL, NULL, NULL, NULL, NULL,
                                                        _("Procurement buys Taobao goods only")));
      g_object_unref (task);
      return NULL;
    }

  param = dd_top_pc_build_order_param (request, &error);
  if (param == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return NULL;
    }

  business = dd_sign_params_new ();
  dd_sign_params_set (business, "param", param);
  dd_sign_params_set (business, "buyer_id", self->buyer_id);

  return business;
}

static gpointer
parse_render_cb (JsonObject  *response,
                 const char  *request_id,
                 gpointer     parse_data,
                 GError     **error)
{
  return dd_top_pc_parse_render (response, request_id, error);
}

static void
dd_top_pc_client_render_purchase_async (DdClient                *client,
                                        const DdPurchaseRequest *request,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (client);
  GTask *task;
  DdSignParams *business;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_pc_client_render_purchase_async);

  business = purchase_params (self, request, task);
  if (business == NULL)
    return;

  /* A preview changes nothing: a read, retried like one. */
  dd_top_router_call_task (self->router, self->http, DD_HTTP_READ, "taobao.pc.order.render",
                           business, parse_render_cb, NULL, NULL,
                           (GDestroyNotify) dd_purchase_preview_free, task);
}

static DdPurchasePreview *
dd_top_pc_client_render_purchase_finish (DdClient      *client,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_pc_client_render_purchase_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
parse_create_cb (JsonObject  *response,
                 const char  *request_id,
                 gpointer     parse_data,
                 GError     **error)
{
  return dd_top_pc_parse_create (response, request_id, error);
}

static void
create_detail_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdOrder *created = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DdOrder *order;

  order = g_task_propagate_pointer (G_TASK (result), &error);
  if (order != NULL)
    {
      g_task_return_pointer (task, order, g_object_unref);
      return;
    }

  /* The order exists: what create said is still the answer. */
  g_debug ("TOP procurement: created %s, reading it back failed: %s",
           dd_order_get_order_id (created), error->message);
  g_task_return_pointer (task, g_object_ref (created), g_object_unref);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdTopPcClient *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError *error = NULL;
  GTask *detail;
  DdOrder *created;
  gint64 buyer_id;

  created = dd_http_call_finish (DD_HTTP (object), result, &error);
  if (created == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("TOP procurement: created order %s", dd_order_get_order_id (created));
  g_task_set_task_data (task, created, g_object_unref);

  /* The buyer id was checked before the create went out. */
  if (!dd_top_parse_number_id (self->buyer_id, "buyer_id", &buyer_id, NULL))
    g_assert_not_reached ();

  cancellable = g_task_get_cancellable (task);
  detail = g_task_new (self, cancellable, create_detail_cb, g_steal_pointer (&task));
  g_task_set_source_tag (detail, create_cb);
  detail_task (self, dd_order_get_order_id (created), buyer_id, detail);
}

static void
dd_top_pc_client_create_purchase_async (DdClient                *client,
                                        const DdPurchaseRequest *request,
                                        GCancellable            *cancellable,
                                        GAsyncReadyCallback      callback,
                                        gpointer                 user_data)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (client);
  GTask *task;
  DdSignParams *business;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_pc_client_create_purchase_async);

  business = purchase_params (self, request, task);
  if (business == NULL)
    return;

  dd_top_router_call_async (self->router, self->http, DD_HTTP_WRITE,
                            "taobao.pc.out.tower.order.create", business,
                            parse_create_cb, NULL, NULL, g_object_unref,
                            cancellable, create_cb, task);
}

static DdOrder *
dd_top_pc_client_create_purchase_finish (DdClient      *client,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_pc_client_create_purchase_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* get_server_time                                                     */

static void
dd_top_pc_client_get_server_time_async (DdClient            *client,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (client);
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_top_pc_client_get_server_time_async);

  dd_top_router_time_get_task (self->router, self->http, task);
}

static gint64
dd_top_pc_client_get_server_time_finish (DdClient      *client,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_autofree gint64 *ms = NULL;

  g_return_val_if_fail (g_task_is_valid (result, client), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_top_pc_client_get_server_time_async, -1);

  ms = g_task_propagate_pointer (G_TASK (result), error);

  return ms != NULL ? *ms : -1;
}

/* ------------------------------------------------------------------ */
/* GObject, DdClient                                                   */

static const char *
dd_top_pc_client_get_platform (DdClient *client)
{
  return DD_PLATFORM_TOP_PC;
}

static guint
dd_top_pc_client_get_max_page_size (DdClient *client)
{
  return DD_TOP_MAX_PAGE_SIZE;
}

static DdClientCapabilities
dd_top_pc_client_get_capabilities (DdClient *client)
{
  /* No pay: no pay method is published for procurement orders. */
  return DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL |
         DD_CLIENT_CAN_CREATE_PURCHASE | DD_CLIENT_CAN_RENDER_PURCHASE |
         DD_CLIENT_CAN_SERVER_TIME;
}

static void
dd_top_pc_client_get_listing (DdClient        *client,
                              DdClientListing *listing)
{
  listing->max_window_ms = 0;
  listing->page_backwards = FALSE;
}

static void
dd_top_pc_client_iface_init (DdClientInterface *iface)
{
  iface->get_platform = dd_top_pc_client_get_platform;
  iface->get_max_page_size = dd_top_pc_client_get_max_page_size;
  iface->get_capabilities = dd_top_pc_client_get_capabilities;
  iface->get_listing = dd_top_pc_client_get_listing;
  iface->list_orders_async = dd_top_pc_client_list_orders_async;
  iface->list_orders_finish = dd_top_pc_client_list_orders_finish;
  iface->get_order_async = dd_top_pc_client_get_order_async;
  iface->get_order_finish = dd_top_pc_client_get_order_finish;
  iface->cancel_order_async = dd_top_pc_client_cancel_order_async;
  iface->cancel_order_finish = dd_top_pc_client_cancel_order_finish;
  iface->render_purchase_async = dd_top_pc_client_render_purchase_async;
  iface->render_purchase_finish = dd_top_pc_client_render_purchase_finish;
  iface->create_purchase_async = dd_top_pc_client_create_purchase_async;
  iface->create_purchase_finish = dd_top_pc_client_create_purchase_finish;
  iface->get_server_time_async = dd_top_pc_client_get_server_time_async;
  iface->get_server_time_finish = dd_top_pc_client_get_server_time_finish;
}

static void
dd_top_pc_client_dispose (GObject *object)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_top_pc_client_parent_class)->dispose (object);
}

static void
dd_top_pc_client_finalize (GObject *object)
{
  DdTopPcClient *self = DD_TOP_PC_CLIENT (object);

  g_clear_pointer (&self->router, dd_top_router_unref);
  g_clear_pointer (&self->buyer_id, g_free);

  G_OBJECT_CLASS (dd_top_pc_client_parent_class)->finalize (object);
}

static void
dd_top_pc_client_class_init (DdTopPcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_top_pc_client_dispose;
  object_class->finalize = dd_top_pc_client_finalize;
}

static void
dd_top_pc_client_init (DdTopPcClient *self)
{
}

DdTopPcClient *
dd_top_pc_client_new (DdHttp          *http,
                      const char      *endpoint,
                      const char      *app_key,
                      const char      *app_secret,
                      const char      *session,
                      DdSignTopMethod  sign_method,
                      const char      *buyer_id)
{
  DdTopPcClient *self;

  g_return_val_if_fail (DD_IS_HTTP (http), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (app_key != NULL, NULL);
  g_return_val_if_fail (app_secret != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (buyer_id != NULL, NULL);

  self = g_object_new (DD_TYPE_TOP_PC_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->router = dd_top_router_new (endpoint, app_key, app_secret, session, sign_method);
  self->buyer_id = g_strdup (buyer_id);

  return self;
}

void
dd_top_pc_client_set_clock_offset_ms (DdTopPcClient *self,
                                      gint64         offset_ms)
{
  g_return_if_fail (DD_IS_TOP_PC_CLIENT (self));

  dd_top_router_set_clock_offset_ms (self->router, offset_ms);
}

DdTopRouter *
dd_top_pc_client_get_router (DdTopPcClient *self)
{
  g_return_val_if_fail (DD_IS_TOP_PC_CLIENT (self), NULL);

  return self->router;
}
