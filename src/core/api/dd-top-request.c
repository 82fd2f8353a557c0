/* dd-top-request.c: the request layer both TOP clients share
 *
 * One POST per call to the router URL, every parameter (common and
 * business) in an application/x-www-form-urlencoded; charset=utf-8 body,
 * signed with dd_sign_top over all of them. Struct parameters are JSON
 * strings built once by the functions at the end of this file: the string
 * that is signed is the string that is sent, for every attempt.
 *
 * The timestamp is Beijing time (UTC+8, no DST) whatever the desktop's
 * zone: dd_top_format_time_ms() never looks at the local zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-json.h"
#include "dd-log.h"
#include "dd-platform-error.h"
#include "dd-top-parse.h"
#include "dd-top-request.h"

/* Every value TOP documents for `type` (taobao.trades.sold.get), each once:
 * without it the router lists only guarantee_trade, auto_delivery, ec, cod
 * and step trades. */
const char dd_top_all_trade_types[] =
  "fixed,auction,guarantee_trade,step,independent_simple_trade,independent_shop_trade,"
  "auto_delivery,ec,cod,game_equipment,shopex_trade,netcn_trade,external_trade,"
  "instant_trade,b2c_cod,hotel_trade,super_market_trade,super_market_cod_trade,taohua,"
  "waimai,o2o_offlinetrade,nopaid,eticket,tmall_i18n,insurance_plus,finance,"
  "pre_auth_type,lazada";

const char dd_top_trade_fields[] =
  "tid,status,type,buyer_nick,seller_nick,payment,post_fee,total_fee,created,modified,"
  "pay_time,receiver_name,receiver_mobile,receiver_phone,receiver_state,receiver_city,"
  "receiver_district,receiver_address,receiver_zip,orders";

struct _DdTopRouter
{
  char            *endpoint;
  char            *app_key;
  char            *app_secret;  /* never logged */
  char            *session;     /* never logged */
  DdSignTopMethod  sign_method;
  gint64           clock_offset_ms;
};

/* Overwrites a secret before freeing it (volatile: not optimised away). */
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
router_clear (gpointer data)
{
  DdTopRouter *router = data;

  g_clear_pointer (&router->endpoint, g_free);
  g_clear_pointer (&router->app_key, g_free);
  clear_secret (&router->app_secret);
  clear_secret (&router->session);
}

DdTopRouter *
dd_top_router_new (const char      *endpoint,
                   const char      *app_key,
                   const char      *app_secret,
                   const char      *session,
                   DdSignTopMethod  sign_method)
{
  DdTopRouter *router;
  gsize len;

  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (app_key != NULL, NULL);
  g_return_val_if_fail (app_secret != NULL, NULL);

  router = g_atomic_rc_box_new0 (DdTopRouter);
  len = strlen (endpoint);
  while (len > 0 && endpoint[len - 1] == '/')
    len--;
  router->endpoint = g_strndup (endpoint, len);
  router->app_key = g_strdup (app_key);
  router->app_secret = g_strdup (app_secret);
  router->session = g_strdup (session);
  router->sign_method = sign_method;

  return router;
}

DdTopRouter *
dd_top_router_ref (DdTopRouter *router)
{
  g_return_val_if_fail (router != NULL, NULL);

  return g_atomic_rc_box_acquire (router);
}

void
dd_top_router_unref (DdTopRouter *router)
{
  g_return_if_fail (router != NULL);

  g_atomic_rc_box_release_full (router, router_clear);
}

void
dd_top_router_set_clock_offset_ms (DdTopRouter *router,
                                   gint64       offset_ms)
{
  g_return_if_fail (router != NULL);

  router->clock_offset_ms = offset_ms;
}

gint64
dd_top_router_get_now_ms (DdTopRouter *router)
{
  g_return_val_if_fail (router != NULL, 0);

  return g_get_real_time () / 1000 + router->clock_offset_ms;
}

const char *
dd_top_router_get_app_secret (DdTopRouter *router)
{
  g_return_val_if_fail (router != NULL, NULL);

  return router->app_secret;
}

DdSignTopMethod
dd_top_router_get_sign_method (DdTopRouter *router)
{
  g_return_val_if_fail (router != NULL, DD_SIGN_TOP_MD5);

  return router->sign_method;
}

DdSignParams *
dd_top_router_build_params (DdTopRouter  *router,
                            const char   *method,
                            DdSignParams *business)
{
  DdSignParams *params;
  g_autofree char *timestamp = NULL;
  g_autofree char *sign = NULL;

  g_return_val_if_fail (router != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);

  params = dd_sign_params_new ();
  if (business != NULL)
    {
      const char * const *keys = dd_sign_params_get_sorted_keys (business);

      for (guint i = 0; keys[i] != NULL; i++)
        dd_sign_params_set (params, keys[i], dd_sign_params_get (business, keys[i]));
    }

  timestamp = dd_top_format_time_ms (dd_top_router_get_now_ms (router));
  dd_sign_params_set (params, "method", method);
  dd_sign_params_set (params, "app_key", router->app_key);
  if (router->session != NULL && *router->session != '\0')
    dd_sign_params_set (params, "session", router->session);
  dd_sign_params_set (params, "timestamp", timestamp);
  dd_sign_params_set (params, "v", "2.0");
  dd_sign_params_set (params, "format", "json");
  dd_sign_params_set (params, "sign_method", dd_sign_top_method_to_string (router->sign_method));

  sign = dd_sign_top (router->app_secret, router->sign_method, params);
  dd_sign_params_set (params, "sign", sign);

  return params;
}

char *
dd_top_encode_form (DdSignParams *params)
{
  GString *form = g_string_new (NULL);
  const char * const *keys;

  g_return_val_if_fail (params != NULL, NULL);

  keys = dd_sign_params_get_sorted_keys (params);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = dd_sign_params_get (params, keys[i]);

      if (value == NULL)
        continue;

      if (form->len > 0)
        g_string_append_c (form, '&');
      g_string_append_uri_escaped (form, keys[i], NULL, FALSE);
      g_string_append_c (form, '=');
      g_string_append_uri_escaped (form, value, NULL, FALSE);
    }

  return g_string_free (form, FALSE);
}

SoupMessage *
dd_top_router_build_message (DdTopRouter   *router,
                             const char    *method,
                             DdSignParams  *business,
                             GError       **error)
{
  g_autoptr(DdSignParams) params = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) body = NULL;
  char *form;
  SoupMessage *msg;

  g_return_val_if_fail (router != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_http_check_endpoint (router->endpoint, error))
    return NULL;

  uri = g_uri_parse (router->endpoint, SOUP_HTTP_URI_FLAGS, error);
  if (uri == NULL)
    {
      g_prefix_error (error, "%s", _("The request could not be prepared: "));
      return NULL;
    }

  params = dd_top_router_build_params (router, method, business);
  form = dd_top_encode_form (params);
  body = g_bytes_new_take (form, strlen (form));

  {
    /* The form as sent, its sign and session hidden (dd-log). */
    g_autofree char *redacted = dd_log_redact (form);

    g_debug ("TOP: %s %s", method, redacted != NULL ? redacted : form);
  }

  msg = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded; charset=utf-8", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");

  return msg;
}

/* ------------------------------------------------------------------ */
/* One call                                                            */

/* Shared by build (calling thread) and parse (worker); the worker reads
 * only method, parse and parse_data, none of which change. */
typedef struct
{
  DdTopRouter    *router;
  char           *method;
  DdSignParams   *business;
  DdTopParseFunc  parse;
  gpointer        parse_data;
  GDestroyNotify  parse_data_destroy;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_clear_pointer (&call->router, dd_top_router_unref);
  g_clear_pointer (&call->method, g_free);
  g_clear_pointer (&call->business, dd_sign_params_free);
  if (call->parse_data_destroy != NULL && call->parse_data != NULL)
    call->parse_data_destroy (call->parse_data);
  g_free (call);
}

static SoupMessage *
call_build_cb (gpointer   user_data,
               GError   **error)
{
  Call *call = user_data;

  return dd_top_router_build_message (call->router, call->method, call->business, error);
}

static gpointer
call_parse_cb (GBytes    *body,
               gpointer   user_data,
               GError   **error)
{
  Call *call = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *response = NULL;
  const char *data;
  gsize len;

  data = g_bytes_get_data (body, &len);
  root = dd_top_parse_envelope (data, len, call->method, &response, &request_id, error);
  if (root == NULL)
    return NULL;

  return call->parse (response, request_id, call->parse_data, error);
}

void
dd_top_router_call_async (DdTopRouter         *router,
                          DdHttp              *http,
                          DdHttpKind           kind,
                          const char          *method,
                          DdSignParams        *business,
                          DdTopParseFunc       parse,
                          gpointer             parse_data,
                          GDestroyNotify       parse_data_destroy,
                          GDestroyNotify       result_destroy,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Call *call;

  g_return_if_fail (router != NULL);
  g_return_if_fail (DD_IS_HTTP (http));
  g_return_if_fail (method != NULL);
  g_return_if_fail (parse != NULL);

  call = g_new0 (Call, 1);
  call->router = dd_top_router_ref (router);
  call->method = g_strdup (method);
  call->business = business != NULL ? business : dd_sign_params_new ();
  call->parse = parse;
  call->parse_data = parse_data;
  call->parse_data_destroy = parse_data_destroy;

  dd_http_call_async (http, kind, call_build_cb, call_parse_cb, call, call_free,
                      result_destroy, cancellable, callback, user_data);
}

typedef struct
{
  GTask          *task;
  GDestroyNotify  result_destroy;
} TaskCall;

static void
task_call_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TaskCall *task_call = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&task_call->task);
  GDestroyNotify result_destroy = task_call->result_destroy;
  GError *error = NULL;
  gpointer value;

  g_free (task_call);

  value = dd_http_call_finish (DD_HTTP (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, result_destroy);
}

void
dd_top_router_call_task (DdTopRouter    *router,
                         DdHttp         *http,
                         DdHttpKind      kind,
                         const char     *method,
                         DdSignParams   *business,
                         DdTopParseFunc  parse,
                         gpointer        parse_data,
                         GDestroyNotify  parse_data_destroy,
                         GDestroyNotify  result_destroy,
                         GTask          *task)
{
  TaskCall *task_call;

  g_return_if_fail (G_IS_TASK (task));

  task_call = g_new0 (TaskCall, 1);
  task_call->task = task;
  task_call->result_destroy = result_destroy;

  dd_top_router_call_async (router, http, kind, method, business, parse,
                            parse_data, parse_data_destroy, result_destroy,
                            g_task_get_cancellable (task), task_call_cb, task_call);
}

static gpointer
parse_time_cb (JsonObject  *response,
               const char  *request_id,
               gpointer     parse_data,
               GError     **error)
{
  gint64 ms = dd_top_parse_time_get (response, error);

  if (ms < 0)
    return NULL;

  return g_memdup2 (&ms, sizeof ms);
}

void
dd_top_router_time_get_task (DdTopRouter *router,
                             DdHttp      *http,
                             GTask       *task)
{
  dd_top_router_call_task (router, http, DD_HTTP_READ, "taobao.time.get",
                           NULL, parse_time_cb, NULL, NULL, g_free, task);
}

/* ------------------------------------------------------------------ */
/* Struct parameters                                                   */

static gboolean
invalid_argument (GError     **error,
                  const char  *message)
{
  g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                                                   NULL, NULL, NULL, NULL, NULL, message));
  return FALSE;
}

gboolean
dd_top_parse_number_id (const char  *id,
                        const char  *what,
                        gint64      *out,
                        GError     **error)
{
  guint64 value = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (id == NULL || *id == '\0' || strlen (id) > 19 ||
      !g_ascii_string_to_unsigned (id, 10, 0, G_MAXINT64, &value, NULL) ||
      !g_ascii_isdigit (id[0]))
    {
      g_autofree char *message = NULL;

      /* Translators: %s names an id, such as "item_id" */
      message = g_strdup_printf (_("“%s” must be a number"), what);
      return invalid_argument (error, message);
    }

  *out = (gint64) value;

  return TRUE;
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return dd_json_to_string (root);
}

/* ASSUMED field names: API.md says contract_order_list_req has "time
 * ranges" without naming them. The sandbox implements these same names
 * (top-pc-shape.md): start_modified_time / end_modified_time, UTC+8 text,
 * both ends inclusive. Only here. */
#define PC_LIST_START "start_modified_time"
#define PC_LIST_END   "end_modified_time"

char *
dd_top_pc_build_list_req (gint64             buyer_id,
                          const DdListQuery *query,
                          gint64             now_ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint page_size;

  g_return_val_if_fail (query != NULL, NULL);

  page_size = query->page_size == 0 ? DD_TOP_MAX_PAGE_SIZE : MIN (query->page_size, DD_TOP_MAX_PAGE_SIZE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "buyer_id");
  json_builder_add_int_value (builder, buyer_id);
  json_builder_set_member_name (builder, "page_no");
  json_builder_add_int_value (builder, MAX (query->page, 1));
  json_builder_set_member_name (builder, "page_size");
  json_builder_add_int_value (builder, page_size);
  if (query->modified_since_ms != 0)
    {
      g_autofree char *start = dd_top_format_time_ms (query->modified_since_ms);
      g_autofree char *end = dd_top_format_time_ms (query->modified_until_ms != 0 ? query->modified_until_ms : now_ms);

      json_builder_set_member_name (builder, PC_LIST_START);
      json_builder_add_string_value (builder, start);
      json_builder_set_member_name (builder, PC_LIST_END);
      json_builder_add_string_value (builder, end);
    }
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

static char *
build_order_ref (const char *biz_order_id,
                 gint64      buyer_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "biz_order_id");
  json_builder_add_string_value (builder, biz_order_id);
  json_builder_set_member_name (builder, "buyer_id");
  json_builder_add_int_value (builder, buyer_id);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

char *
dd_top_pc_build_detail_req (const char *biz_order_id,
                            gint64      buyer_id)
{
  g_return_val_if_fail (biz_order_id != NULL, NULL);

  return build_order_ref (biz_order_id, buyer_id);
}

char *
dd_top_pc_build_cancel_param (const char *biz_order_id,
                              gint64      buyer_id)
{
  g_return_val_if_fail (biz_order_id != NULL, NULL);

  return build_order_ref (biz_order_id, buyer_id);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* One line of text for address_detail: province, city, district and street
 * as Chinese addresses are written, without separators. */
static char *
format_address_detail (const DdDeliveryInfo *info)
{
  const char *parts[] = { info->state, info->city, info->area, info->detail_address };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      g_string_append (text, parts[i]);

  return g_string_free (text, FALSE);
}

char *
dd_top_pc_build_order_param (const DdPurchaseRequest  *request,
                             GError                  **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *address = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (request->idempotency_key == NULL || *request->idempotency_key == '\0')
    {
      invalid_argument (error, _("The purchase order has no idempotency key"));
      return NULL;
    }
  if (request->lines == NULL || request->lines->len == 0)
    {
      invalid_argument (error, _("The purchase order has no lines"));
      return NULL;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string_member (builder, "out_order_id", request->idempotency_key);

  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < request->lines->len; i++)
    {
      const DdPurchaseLine *line = &g_array_index (request->lines, DdPurchaseLine, i);
      g_autofree char *price = NULL;
      gint64 item_id, sku_id;

      if (!dd_top_parse_number_id (line->item_id, "item_id", &item_id, error))
        return NULL;
      if (line->quantity == 0)
        {
          invalid_argument (error, _("A purchase order line has no quantity"));
          return NULL;
        }
      if (line->unit_price.currency[0] != '\0' &&
          !g_str_equal (line->unit_price.currency, DD_TOP_CURRENCY))
        {
          invalid_argument (error, _("Procurement prices must be in yuan (CNY)"));
          return NULL;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "item_id");
      json_builder_add_int_value (builder, item_id);
      if (line->sku_id != NULL && *line->sku_id != '\0')
        {
          if (!dd_top_parse_number_id (line->sku_id, "sku_id", &sku_id, error))
            return NULL;
          json_builder_set_member_name (builder, "sku_id");
          json_builder_add_int_value (builder, sku_id);
        }
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, line->quantity);
      price = dd_money_to_decimal (&line->unit_price);
      add_string_member (builder, "unit_price", price);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  address = format_address_detail (&request->receiver);
  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_string_member (builder, "address_detail", address);
  add_string_member (builder, "consignee_name", request->receiver.receiver_name);
  add_string_member (builder, "mobile_phone", request->receiver.receiver_phone);
  json_builder_end_object (builder);

  if (request->remark != NULL && *request->remark != '\0')
    add_string_member (builder, "remark", request->remark);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}
