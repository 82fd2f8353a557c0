/* dd-sandbox-top.c: the sandbox's Taobao Open Platform (TOP) router
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One path, "/router/rest", parameters from the query or a form-encoded POST
 * body alike (API.md §1); the method is a parameter. Speaks the protocol as
 * TOP documents it, not as our client happens to send it; the wire shapes
 * are those of /work/brief/top-pc-shape.md (mirrored in dd-top-parse.c).
 *
 * Checks, in this order; each failure answers HTTP 200 with
 * {"error_response":{"code":N,"msg":…,["sub_code":…,"sub_msg":…,]"request_id":…}}
 * — as on TOP, the router's own errors (below 100, but 7, 15, 40, 41)
 * carry no sub_code:
 *   method missing / not one we serve                       21 / 22
 *   app_key missing / not ours                              28 / 29
 *   timestamp missing / not "yyyy-MM-dd HH:mm:ss" Beijing
 *     time within 10 minutes of the server's clock          30 / 31
 *   v missing / not "2.0"                                   32 / 33
 *   format not "json" (TOP's default is XML, which this
 *     sandbox does not speak: absent is refused too)        23
 *   sign missing                                            24
 *   sign_method not md5, hmac or hmac-sha256, or the
 *     signature does not match                              25
 *   session missing / not ours (every method but
 *     taobao.time.get)                                      26 / 27 (sub_code "invalid-sessionkey")
 *   the shared rate limit says banned                       7  "App Call Limited",
 *                                                              accesscontrol.limited-by-api-access-count,
 *                                                              "This ban will last for N more seconds"
 *   a required business parameter missing                   40 "Missing required arguments:NAME",
 *                                                              isv.missing-parameter:NAME
 *   a business parameter malformed (struct parameters
 *     must be JSON objects of the documented types)         41 "Invalid arguments:NAME",
 *                                                              isv.invalid-parameter:NAME
 * Sessions (dd-sandbox-auth.c): the configured access token and those
 * issued by taobao.top.auth.token.create (`code`) and
 * taobao.top.auth.token.refresh (`refresh_token`), which need no session.
 * Both answer {"token_result": "<JSON string>"} holding access_token,
 * refresh_token, expires_in, expire_time (UTC ms), re_expires_in,
 * refresh_token_valid_time, taobao_user_nick, taobao_user_id … as TOP's.
 * A used or unknown code is 15 isv.code-invalid, an unknown refresh token
 * 15 isv.refresh-token-invalid (the sandbox's names: TOP lists none).
 * Business refusals are code 15 "Remote service error" with an isv.*
 * sub_code (isv.trade-not-exist, isv.trade-status-error,
 * isv.CLOSE_TRADE_TOO_FAST), or, for procurement, result.success=false
 * inside the method's success envelope.
 *
 * Signature (checked independently of the client's code): every received
 * parameter but "sign" and empty ones, keys sorted by byte order, key and
 * value concatenated; md5: MD5(secret + s + secret); hmac: HMAC-MD5 and
 * hmac-sha256: HMAC-SHA256, keyed by the secret; upper-case hex, compared
 * case-insensitively.
 *
 * Defaults where the documentation gives them: page_no 1, page_size 40 (at
 * most 100), "type" guarantee_trade,auto_delivery,ec,cod,step (so e-voucher
 * trades stay hidden unless asked for); sold.get sees the last three months
 * only. A list answer without trades has no "trades" member, as TOP's.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-auth.h"
#include "dd-sandbox-top-private.h"

#define TOP_TIMESTAMP_SKEW_MS (G_GINT64_CONSTANT (10) * 60 * 1000)
#define TOP_DEFAULT_PAGE_SIZE 40

typedef void (*TopApi) (DdSandbox        *self,
                        DdSandboxRequest *request);

/* ---- answering ------------------------------------------------------------------- */

static const struct
{
  int         code;
  const char *msg;
} top_error_messages[] = {
  { 7, "App Call Limited" },
  { 15, "Remote service error" },
  { 21, "Missing method" },
  { 22, "Invalid method" },
  { 23, "Invalid format" },
  { 24, "Missing signature" },
  { 25, "Invalid signature" },
  { 26, "Missing session" },
  { 27, "Invalid session" },
  { 28, "Missing app key" },
  { 29, "Invalid app key" },
  { 30, "Missing timestamp" },
  { 31, "Invalid timestamp" },
  { 32, "Missing version" },
  { 33, "Invalid version" },
  { 40, "Missing required arguments" },
  { 41, "Invalid arguments" },
};

static void
reply_error_full (DdSandboxRequest *request,
                  int               code,
                  const char       *msg,
                  const char       *sub_code,
                  const char       *sub_msg)
{
  g_autoptr(JsonObject) error = json_object_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (error, "code", code);
  json_object_set_string_member (error, "msg", msg);
  if (sub_code != NULL)
    json_object_set_string_member (error, "sub_code", sub_code);
  if (sub_msg != NULL)
    json_object_set_string_member (error, "sub_msg", sub_msg);
  json_object_set_string_member (error, "request_id", request->request_id);
  json_object_set_object_member (root, "error_response", g_steal_pointer (&error));
  json_node_set_object (node, root);
  dd_sandbox_request_reply_json (request, node);
}

void
top_reply_error (DdSandboxRequest *request,
                 int               code,
                 const char       *sub_code,
                 const char       *sub_msg)
{
  const char *msg = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (top_error_messages); i++)
    if (top_error_messages[i].code == code)
      msg = top_error_messages[i].msg;
  g_assert (msg != NULL);

  reply_error_full (request, code, msg, sub_code, sub_msg);
}

void
top_reply_missing (DdSandboxRequest *request,
                   const char       *name)
{
  g_autofree char *msg = g_strconcat ("Missing required arguments:", name, NULL);
  g_autofree char *sub_code = g_strconcat ("isv.missing-parameter:", name, NULL);
  g_autofree char *sub_msg = g_strdup_printf ("缺少必选参数 %s", name);

  reply_error_full (request, 40, msg, sub_code, sub_msg);
}

void
top_reply_invalid (DdSandboxRequest *request,
                   const char       *name,
                   const char       *why)
{
  g_autofree char *msg = g_strconcat ("Invalid arguments:", name, NULL);
  g_autofree char *sub_code = g_strconcat ("isv.invalid-parameter:", name, NULL);
  g_autofree char *sub_msg = g_strdup_printf ("非法参数 %s: %s", name, why);

  reply_error_full (request, 41, msg, sub_code, sub_msg);
}

void
top_reply_success (DdSandboxRequest *request,
                   const char       *method,
                   JsonObject       *body)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autofree char *name = NULL;
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_assert (g_str_has_prefix (method, "taobao."));

  name = g_strconcat (method + strlen ("taobao."), "_response", NULL);
  g_strdelimit (name, ".", '_');
  json_object_set_string_member (body, "request_id", request->request_id);
  json_object_set_object_member (root, name, body);
  json_node_set_object (node, root);
  dd_sandbox_request_reply_json (request, node);
}

/* ---- parameters -------------------------------------------------------------------- */

const char *
top_param (DdSandboxRequest *request,
           const char       *name)
{
  const char *value = g_hash_table_lookup (request->params, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

JsonObject *
top_struct_param (DdSandboxRequest *request,
                  const char       *name,
                  gboolean          required)
{
  const char *text = top_param (request, name);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (text == NULL)
    {
      if (!required)
        return json_object_new ();
      top_reply_missing (request, name);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT ((root = json_parser_get_root (parser))))
    {
      top_reply_invalid (request, name, "must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* An optional whole number in [@min, @max]; answers 41 and returns FALSE when
 * it is malformed. */
static gboolean
uint_param (DdSandboxRequest *request,
            const char       *name,
            guint             fallback,
            guint             min,
            guint             max,
            guint            *out)
{
  const char *text = top_param (request, name);
  guint64 value;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!dd_sandbox_is_digits (text, 10) ||
      !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      g_autofree char *why = g_strdup_printf ("must be a whole number from %u to %u", min, max);

      top_reply_invalid (request, name, why);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
bool_param (DdSandboxRequest *request,
            const char       *name,
            gboolean         *out)
{
  const char *text = top_param (request, name);

  *out = FALSE;
  if (text == NULL || g_str_equal (text, "false"))
    return TRUE;
  if (g_str_equal (text, "true"))
    {
      *out = TRUE;
      return TRUE;
    }
  top_reply_invalid (request, name, "must be true or false");
  return FALSE;
}

/* A "yyyy-MM-dd HH:mm:ss" Beijing time, in UTC ms; 0 when absent and not
 * @required. */
static gboolean
time_param (DdSandboxRequest *request,
            const char       *name,
            gboolean          required,
            gint64           *out)
{
  const char *text = top_param (request, name);

  *out = 0;
  if (text == NULL)
    {
      if (required)
        top_reply_missing (request, name);
      return !required;
    }
  if ((*out = top_parse_time (text)) < 0)
    {
      top_reply_invalid (request, name, "must be a time \"yyyy-MM-dd HH:mm:ss\" (UTC+8)");
      return FALSE;
    }
  return TRUE;
}

/* An id: a positive decimal number that fits in 63 bits. */
static gboolean
id_param (DdSandboxRequest *request,
          const char       *name,
          gint64           *out)
{
  const char *text = top_param (request, name);
  guint64 value;

  if (text == NULL)
    {
      top_reply_missing (request, name);
      return FALSE;
    }
  if (!dd_sandbox_is_digits (text, 19) || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      top_reply_invalid (request, name, "must be a number");
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

/* "fields": the names, as a set; NULL after answering. */
static GHashTable *
fields_param (DdSandboxRequest *request)
{
  const char *text = top_param (request, "fields");
  g_autoptr(GHashTable) fields = NULL;
  g_auto(GStrv) names = NULL;

  if (text == NULL)
    {
      top_reply_missing (request, "fields");
      return NULL;
    }
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names = g_strsplit (text, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      if (*names[i] != '\0')
        g_hash_table_add (fields, g_strdup (names[i]));
    }
  if (g_hash_table_size (fields) == 0)
    {
      top_reply_invalid (request, "fields", "must name at least one field");
      return NULL;
    }
  return g_steal_pointer (&fields);
}

/* "status": one TOP status, or ALL_WAIT_PAY / ALL_CLOSED; 0 (any) when absent. */
static gboolean
status_param (DdSandboxRequest *request,
              guint            *mask)
{
  const char *text = top_param (request, "status");

  *mask = 0;
  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "ALL_WAIT_PAY"))
    *mask = 1u << TS_WAIT_BUYER_PAY | 1u << TS_NO_CREATE_PAY;
  else if (g_str_equal (text, "ALL_CLOSED"))
    *mask = 1u << TS_CLOSED | 1u << TS_CLOSED_BY_TAOBAO;
  for (guint i = 0; *mask == 0 && i < N_TOP_STATUSES; i++)
    if (g_str_equal (text, top_statuses[i]))
      *mask = 1u << i;
  if (*mask == 0)
    {
      top_reply_invalid (request, "status", "not a trade status");
      return FALSE;
    }
  return TRUE;
}

/* "type": a comma-separated list of trade types, as a mask of ours. */
static gboolean
type_param (DdSandboxRequest *request,
            guint            *mask)
{
  const char *text = top_param (request, "type");
  g_auto(GStrv) given = text != NULL ? g_strsplit (text, ",", -1) : NULL;
  const char * const *types = given != NULL ? (const char * const *) given : top_default_types;

  *mask = 0;
  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *type = g_strstrip (g_strdup (types[i]));
      gboolean known = FALSE;

      for (guint k = 0; !known && k < G_N_ELEMENTS (top_known_types); k++)
        known = g_str_equal (type, top_known_types[k]);
      if (!known)
        {
          top_reply_invalid (request, "type", "not a trade type");
          return FALSE;
        }
      for (guint t = 0; t < N_TOP_TRADE_TYPES; t++)
        if (g_str_equal (type, top_trade_types[t]))
          *mask |= 1u << t;
      if (g_str_equal (type, "guarantee_trade"))
        *mask |= 1u << TT_FIXED;
    }
  return TRUE;
}

/* ---- seller methods ---------------------------------------------------------------- */

static void
api_time_get (DdSandbox        *self,
              DdSandboxRequest *request)
{
  JsonObject *body = json_object_new ();
  g_autofree char *now = top_format_time (request->now_ms);

  json_object_set_string_member (body, "time", now);
  top_reply_success (request, "taobao.time.get", body);
}

/* Both trade lists: sold.get by creation, increment.get by modification. */
static void
list_trades (DdSandbox        *self,
             DdSandboxRequest *request,
             const char       *method,
             gboolean          incremental)
{
  TopTradeQuery query = { 0 };
  g_autoptr(GHashTable) fields = NULL;
  JsonArray *trades;
  JsonObject *body;
  gboolean use_has_next;
  guint64 total;

  if ((fields = fields_param (request)) == NULL)
    return;
  if (incremental)
    {
      if (!time_param (request, "start_modified", TRUE, &query.start_ms) ||
          !time_param (request, "end_modified", TRUE, &query.end_ms))
        return;
      if (query.start_ms > query.end_ms)
        {
          top_reply_invalid (request, "start_modified", "must not be later than end_modified");
          return;
        }
      if (query.end_ms - query.start_ms > TOP_DAY_MS)
        {
          top_reply_invalid (request, "end_modified", "start_modified and end_modified must be at most one day apart");
          return;
        }
      query.by_modified = TRUE;
    }
  else
    {
      if (!time_param (request, "start_created", FALSE, &query.start_ms) ||
          !time_param (request, "end_created", FALSE, &query.end_ms))
        return;
      if (query.start_ms > 0 && query.end_ms > 0 && query.start_ms > query.end_ms)
        {
          top_reply_invalid (request, "start_created", "must not be later than end_created");
          return;
        }
      /* Three months back at most. */
      query.start_ms = MAX (query.start_ms, request->now_ms - TOP_HISTORY_MS);
    }
  if (!status_param (request, &query.status_mask) ||
      !type_param (request, &query.type_mask) ||
      !uint_param (request, "page_no", 1, 1, G_MAXINT32, &query.page_no) ||
      !uint_param (request, "page_size", TOP_DEFAULT_PAGE_SIZE, 1, TOP_MAX_PAGE_SIZE, &query.page_size) ||
      !bool_param (request, "use_has_next", &use_has_next))
    return;

  trades = top_shop_query_trades (dd_sandbox_get_top_shop (self), &query, fields,
                                  dd_sandbox_get_base_url (self), &total);
  body = json_object_new ();
  if (use_has_next)
    json_object_set_boolean_member (body, "has_next",
                                    (guint64) query.page_no * query.page_size < total);
  else
    json_object_set_int_member (body, "total_results", (gint64) total);
  if (json_array_get_length (trades) > 0)
    {
      JsonObject *wrapper = json_object_new ();

      json_object_set_array_member (wrapper, "trade", trades);
      json_object_set_object_member (body, "trades", wrapper);
    }
  else
    json_array_unref (trades);
  top_reply_success (request, method, body);
  dd_sandbox_run_hook (self, method, query.page_no);
}

static void
api_trades_sold_get (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  list_trades (self, request, "taobao.trades.sold.get", FALSE);
}

static void
api_trades_sold_increment_get (DdSandbox        *self,
                               DdSandboxRequest *request)
{
  list_trades (self, request, "taobao.trades.sold.increment.get", TRUE);
}

static void
api_trade_fullinfo_get (DdSandbox        *self,
                        DdSandboxRequest *request)
{
  g_autoptr(GHashTable) fields = NULL;
  JsonObject *trade;
  JsonObject *body;
  gint64 tid;

  if ((fields = fields_param (request)) == NULL ||
      !id_param (request, "tid", &tid))
    return;

  trade = top_shop_dup_trade_json (dd_sandbox_get_top_shop (self), tid, fields, dd_sandbox_get_base_url (self));
  if (trade == NULL)
    {
      top_reply_error (request, 15, "isv.trade-not-exist", "交易不存在");
      return;
    }
  body = json_object_new ();
  json_object_set_object_member (body, "trade", trade);
  top_reply_success (request, "taobao.trade.fullinfo.get", body);
}

/* One of the seven reasons; the documentation writes the third one with a
 * comma ("买家信息填写错误，重新拍") and without, both are accepted. */
static gboolean
is_close_reason (const char *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (top_close_reasons); i++)
    {
      g_autoptr(GString) bare = g_string_new (top_close_reasons[i]);

      g_string_replace (bare, "，", "", 0);
      if (g_str_equal (reason, top_close_reasons[i]) || g_str_equal (reason, bare->str))
        return TRUE;
    }
  return FALSE;
}

static void
api_trade_close (DdSandbox        *self,
                 DdSandboxRequest *request)
{
  const char *reason = top_param (request, "close_reason");
  g_autofree char *modified = NULL;
  JsonObject *trade;
  JsonObject *body;
  gint64 modified_ms = 0;
  gint64 tid;

  if (!id_param (request, "tid", &tid))
    return;
  if (reason == NULL)
    {
      top_reply_missing (request, "close_reason");
      return;
    }
  if (!is_close_reason (reason))
    {
      top_reply_invalid (request, "close_reason",
                         "must be one of 未及时付款, 买家不想买了, 买家信息填写错误，重新拍, "
                         "恶意买家/同行捣乱, 缺货, 买家拍错了, 同城见面交易");
      return;
    }

  switch (top_shop_close_trade (dd_sandbox_get_top_shop (self), tid, request->now_ms, &modified_ms))
    {
    case TOP_CLOSE_NO_TRADE:
      top_reply_error (request, 15, "isv.trade-not-exist", "交易不存在");
      return;
    case TOP_CLOSE_BAD_STATUS:
      top_reply_error (request, 15, "isv.trade-status-error",
                       "交易状态不允许关闭: 只能关闭等待买家付款的交易");
      return;
    case TOP_CLOSE_TOO_FAST:
      top_reply_error (request, 15, "isv.CLOSE_TRADE_TOO_FAST",
                       "交易创建后10秒内不能关闭 (CLOSE_TRADE_TOO_FAST)");
      return;
    case TOP_CLOSE_OK:
    default:
      break;
    }

  modified = top_format_time (modified_ms);
  trade = json_object_new ();
  json_object_set_int_member (trade, "tid", tid);
  json_object_set_string_member (trade, "status", top_statuses[TS_CLOSED]);
  json_object_set_string_member (trade, "modified", modified);
  body = json_object_new ();
  json_object_set_object_member (body, "trade", trade);
  top_reply_success (request, "taobao.trade.close", body);
}

/* ---- sessions ---------------------------------------------------------------------- */

static void
reply_token_result (DdSandboxRequest *request,
                    const char       *method,
                    const char       *access_token,
                    const char       *refresh_token)
{
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *body = json_object_new ();
  gint64 expire_ms = request->now_ms + (gint64) DD_SANDBOX_AUTH_EXPIRES_IN_S * 1000;
  gint64 refresh_ms = request->now_ms + (gint64) DD_SANDBOX_AUTH_REFRESH_EXPIRES_IN_S * 1000;
  g_autofree char *text = NULL;

  json_object_set_int_member (result, "w1_valid", expire_ms);
  json_object_set_int_member (result, "refresh_token_valid_time", refresh_ms);
  json_object_set_int_member (result, "w2_valid", request->now_ms + 1800 * 1000);
  json_object_set_int_member (result, "r1_valid", expire_ms);
  json_object_set_int_member (result, "r2_valid", request->now_ms + 3 * 24 * 3600 * 1000LL);
  json_object_set_int_member (result, "expire_time", expire_ms);
  json_object_set_string_member (result, "taobao_user_nick", DD_SANDBOX_AUTH_TOP_NICK);
  json_object_set_string_member (result, "taobao_user_id", "2200000002");
  json_object_set_string_member (result, "token_type", "Bearer");
  json_object_set_string_member (result, "access_token", access_token);
  json_object_set_string_member (result, "refresh_token", refresh_token);
  json_object_set_int_member (result, "expires_in", DD_SANDBOX_AUTH_EXPIRES_IN_S);
  json_object_set_int_member (result, "re_expires_in", DD_SANDBOX_AUTH_REFRESH_EXPIRES_IN_S);
  json_object_set_int_member (result, "r1_expires_in", DD_SANDBOX_AUTH_EXPIRES_IN_S);
  json_object_set_int_member (result, "r2_expires_in", 3 * 24 * 3600);
  json_object_set_int_member (result, "w1_expires_in", DD_SANDBOX_AUTH_EXPIRES_IN_S);
  json_object_set_int_member (result, "w2_expires_in", 1800);
  json_node_set_object (node, result);
  text = json_to_string (node, FALSE);

  json_object_set_string_member (body, "token_result", text);
  top_reply_success (request, method, body);
}

static void
api_auth_token_create (DdSandbox        *self,
                       DdSandboxRequest *request)
{
  const char *code = top_param (request, "code");
  g_autofree char *access_token = NULL;
  g_autofree char *refresh_token = NULL;

  if (code == NULL)
    {
      top_reply_missing (request, "code");
      return;
    }
  if (!dd_sandbox_auth_consume_code (self, code))
    {
      top_reply_error (request, 15, "isv.code-invalid", "授权码无效、已过期或已被使用");
      return;
    }

  dd_sandbox_auth_issue (self, DD_SANDBOX_AUTH_TOP, &access_token, &refresh_token);
  reply_token_result (request, "taobao.top.auth.token.create", access_token, refresh_token);
}

static void
api_auth_token_refresh (DdSandbox        *self,
                        DdSandboxRequest *request)
{
  const char *refresh_token = top_param (request, "refresh_token");
  g_autofree char *access_token = NULL;
  g_autofree char *new_refresh_token = NULL;

  if (refresh_token == NULL)
    {
      top_reply_missing (request, "refresh_token");
      return;
    }
  if (!dd_sandbox_auth_refresh (self, DD_SANDBOX_AUTH_TOP, refresh_token,
                                &access_token, &new_refresh_token))
    {
      top_reply_error (request, 15, "isv.refresh-token-invalid", "refresh_token无效或已过期");
      return;
    }

  reply_token_result (request, "taobao.top.auth.token.refresh", access_token, new_refresh_token);
}

static const struct
{
  const char *method;
  gboolean    needs_session;
  TopApi      api;
} top_apis[] = {
  { "taobao.time.get", FALSE, api_time_get },
  { "taobao.top.auth.token.create", FALSE, api_auth_token_create },
  { "taobao.top.auth.token.refresh", FALSE, api_auth_token_refresh },
  { "taobao.trades.sold.get", TRUE, api_trades_sold_get },
  { "taobao.trades.sold.increment.get", TRUE, api_trades_sold_increment_get },
  { "taobao.trade.fullinfo.get", TRUE, api_trade_fullinfo_get },
  { "taobao.trade.close", TRUE, api_trade_close },
  { "taobao.pc.order.list", TRUE, top_pc_order_list },
  { "taobao.pc.order.detail", TRUE, top_pc_order_detail },
  { "taobao.pc.order.render", TRUE, top_pc_order_render },
  { "taobao.pc.out.tower.order.create", TRUE, top_pc_order_create },
  { "taobao.pc.order.cancel", TRUE, top_pc_order_cancel },
};

/* ---- the common checks -------------------------------------------------------------- */

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The signature TOP expects for what the server received, or NULL for an
 * unknown sign method. */
static char *
top_sign (const char *secret,
          const char *sign_method,
          GHashTable *params)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  if (g_str_equal (sign_method, "md5"))
    {
      checksum = g_checksum_new (G_CHECKSUM_MD5);
      g_checksum_update (checksum, (const guchar *) secret, -1);
    }
  else if (g_str_equal (sign_method, "hmac"))
    hmac = g_hmac_new (G_CHECKSUM_MD5, (const guchar *) secret, strlen (secret));
  else if (g_str_equal (sign_method, "hmac-sha256"))
    hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  else
    return NULL;

  keys = g_hash_table_get_keys_as_array (params, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      const char *value = g_hash_table_lookup (params, key);

      if (g_str_equal (key, "sign") || value == NULL || *value == '\0')
        continue;
      if (checksum != NULL)
        {
          g_checksum_update (checksum, (const guchar *) key, -1);
          g_checksum_update (checksum, (const guchar *) value, -1);
        }
      else
        {
          g_hmac_update (hmac, (const guchar *) key, -1);
          g_hmac_update (hmac, (const guchar *) value, -1);
        }
    }

  if (checksum != NULL)
    {
      g_checksum_update (checksum, (const guchar *) secret, -1);
      return g_ascii_strup (g_checksum_get_string (checksum), -1);
    }
  return g_ascii_strup (g_hmac_get_string (hmac), -1);
}

/* Case-insensitive hex comparison whose time does not depend on where the
 * strings differ. */
static gboolean
signatures_equal (const char *expected,
                  const char *given)
{
  gsize len = strlen (expected);
  guint diff = 0;

  if (strlen (given) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint) (g_ascii_tolower (expected[i]) ^ g_ascii_tolower (given[i]));
  return diff == 0;
}

/* FALSE after answering the first failure. */
static gboolean
check_request (DdSandbox        *self,
               DdSandboxRequest *request,
               gboolean          needs_session)
{
  const char *app_key = top_param (request, "app_key");
  const char *timestamp = top_param (request, "timestamp");
  const char *version = top_param (request, "v");
  const char *format = top_param (request, "format");
  const char *sign = top_param (request, "sign");
  const char *sign_method = top_param (request, "sign_method");
  const char *session = top_param (request, "session");
  g_autofree char *expected = NULL;
  gint64 ts;
  guint ban;

  if (app_key == NULL)
    {
      top_reply_error (request, 28, NULL, NULL);
      return FALSE;
    }
  if (!g_str_equal (app_key, dd_sandbox_get_app_key (self)))
    {
      top_reply_error (request, 29, NULL, NULL);
      return FALSE;
    }

  if (timestamp == NULL)
    {
      top_reply_error (request, 30, NULL, NULL);
      return FALSE;
    }
  ts = top_parse_time (timestamp);
  if (ts < 0 || ABS (request->now_ms - ts) > TOP_TIMESTAMP_SKEW_MS)
    {
      g_debug ("TOP: timestamp “%s” refused (Beijing time within 10 minutes expected)", timestamp);
      top_reply_error (request, 31, NULL, NULL);
      return FALSE;
    }

  if (version == NULL)
    {
      top_reply_error (request, 32, NULL, NULL);
      return FALSE;
    }
  if (!g_str_equal (version, "2.0"))
    {
      top_reply_error (request, 33, NULL, NULL);
      return FALSE;
    }

  if (format == NULL || !g_str_equal (format, "json"))
    {
      g_debug ("TOP: format “%s” refused: this sandbox speaks json only", format ? format : "(xml)");
      top_reply_error (request, 23, NULL, NULL);
      return FALSE;
    }

  if (sign == NULL)
    {
      top_reply_error (request, 24, NULL, NULL);
      return FALSE;
    }
  expected = sign_method != NULL ? top_sign (dd_sandbox_get_app_secret (self), sign_method, request->params) : NULL;
  if (expected == NULL || !signatures_equal (expected, sign))
    {
      g_debug ("TOP: %s refused", expected == NULL ? "sign_method" : "signature");
      top_reply_error (request, 25, NULL, NULL);
      return FALSE;
    }

  if (needs_session && session == NULL)
    {
      top_reply_error (request, 26, NULL, NULL);
      return FALSE;
    }
  if (needs_session && !dd_sandbox_auth_token_valid (self, DD_SANDBOX_AUTH_TOP, session))
    {
      top_reply_error (request, 27, "invalid-sessionkey", "SessionKey非法");
      return FALSE;
    }

  if ((ban = dd_sandbox_check_rate_limit (self, request->now_ms)) > 0)
    {
      g_autofree char *sub_msg = g_strdup_printf ("This ban will last for %u more seconds", ban);

      top_reply_error (request, 7, "accesscontrol.limited-by-api-access-count", sub_msg);
      return FALSE;
    }

  return TRUE;
}

void
dd_sandbox_top_handle (DdSandbox        *self,
                       DdSandboxRequest *request)
{
  const char *method;

  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (request != NULL);

  /* Only the router itself: "/router/rest/…" does not exist. */
  if (*request->api_path != '\0')
    {
      soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  method = top_param (request, "method");
  if (method == NULL)
    {
      top_reply_error (request, 21, NULL, NULL);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (top_apis); i++)
    {
      if (!g_str_equal (method, top_apis[i].method))
        continue;

      dd_sandbox_count_request (self, top_apis[i].method);
      if (check_request (self, request, top_apis[i].needs_session))
        top_apis[i].api (self, request);
      return;
    }

  top_reply_error (request, 22, NULL, NULL);
}
