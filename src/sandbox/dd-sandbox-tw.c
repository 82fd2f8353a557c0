/* dd-sandbox-tw.c: the sandbox's Taobao Taiwan (Lazada protocol) platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speaks the protocol as the documentation describes it (API.md §2, seed
 * 003), not as our client happens to send it. Parameters come from the
 * query and from a form-encoded POST body alike, and all are signed.
 *
 * Checks, in this order; each failure answers HTTP 200 with Lazada's error
 * shape {"type","code","message","request_id"}:
 *   unknown API path                        ISV InvalidApiPath
 *   app_key, timestamp, sign_method or sign
 *   missing (or empty)                      ISV MissingParameter
 *   app_key not ours                        ISV InvalidAppKey
 *   sign_method other than sha256           ISV IncompleteSignature
 *   timestamp not ms digits, skew > 7200 s  ISV InvalidTimestamp
 *   signature mismatch                      ISV IncompleteSignature
 *   access_token missing or not valid       ISV IllegalAccessToken
 *     (not for the token calls: they carry none)
 *   the shared rate limit says banned       ISV ApiCallLimit "This ban will last
 *                                               for N more seconds"
 *   a required business parameter missing   ISV MissingParameter
 *   a business parameter malformed          ISV InvalidParameter
 *   /order/get of an unknown order          ISV "16"  "E016: Invalid Order ID"
 *   /order/items/get of unknown line ids    ISV "37"  "E037: One or more …"
 * The last two follow Lazada's order API error table (E016 for GetOrder,
 * E037 for GetMultipleOrderItems), which its open platform passes through
 * as the numeric code; the Taiwan documentation does not list them.
 *
 * Defaults when a paging parameter is absent (the documentation gives no
 * defaults): Page 1; Page_Size 10 for /orders/get and 50 for
 * /order/items/get; both at most 100. Order_Status defaults to "all".
 * trade_order_line_id_list is a JSON array of 1–100 strings; ids may carry
 * the embedded quotes /orders/get puts on them ("\"558757467941\"").
 *
 * Tokens (dd-sandbox-auth.c): /auth/token/create takes `code` (a used or
 * unknown code: ISV InvalidCode, the sandbox's choice: Lazada documents no
 * name for it) and /auth/token/refresh takes `refresh_token` (ISV
 * IllegalRefreshToken); both answer Lazada's token shape at the top level:
 * {access_token, refresh_token, expires_in, refresh_expires_in, account,
 * account_platform, country, country_user_info, code "0", request_id}.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-auth.h"
#include "dd-sandbox-tw.h"

#define TW_TIMESTAMP_SKEW_MS (G_GINT64_CONSTANT (7200) * 1000)
#define TW_MAX_PAGE_SIZE     100
#define TW_MAX_LINE_IDS      100

typedef void (*TwApi) (DdSandbox        *self,
                       DdSandboxRequest *request);

static void
reply_error (DdSandboxRequest *request,
             const char       *type,
             const char       *code,
             const char       *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "request_id", request->request_id);
  json_node_set_object (node, object);
  dd_sandbox_request_reply_json (request, node);
}

static void
reply_missing (DdSandboxRequest *request,
               const char       *name)
{
  g_autofree char *message =
    g_strdup_printf ("The input parameter \"%s\" that is mandatory for processing this request is not supplied", name);

  reply_error (request, "ISV", "MissingParameter", message);
}

static void
reply_invalid (DdSandboxRequest *request,
               const char       *name,
               const char       *why)
{
  g_autofree char *message = g_strdup_printf ("Invalid parameter \"%s\": %s", name, why);

  reply_error (request, "ISV", "InvalidParameter", message);
}

/* {"result": @result, "code": "0", "request_id": …} */
static void
reply_result (DdSandboxRequest *request,
              JsonObject       *result)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_object_member (object, "result", result);
  json_object_set_string_member (object, "code", "0");
  json_object_set_string_member (object, "request_id", request->request_id);
  json_node_set_object (node, object);
  dd_sandbox_request_reply_json (request, node);
}

static void
reply_list (DdSandboxRequest *request,
            JsonArray        *model_list,
            guint64           total,
            guint             page,
            guint             page_size)
{
  JsonObject *result = json_object_new ();

  json_object_set_array_member (result, "model_list", model_list);
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_int_member (result, "total_count", (gint64) total);
  json_object_set_int_member (result, "page_no", page);
  json_object_set_int_member (result, "page_size", page_size);
  reply_result (request, result);
}

/* A parameter's value, NULL when absent or empty (Lazada treats both alike). */
static const char *
param (DdSandboxRequest *request,
       const char       *name)
{
  const char *value = g_hash_table_lookup (request->params, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* An optional unsigned parameter in [@min, @max]; answers and returns FALSE
 * when it is malformed. */
static gboolean
uint_param (DdSandboxRequest *request,
            const char       *name,
            guint             fallback,
            guint             min,
            guint             max,
            guint            *out)
{
  const char *text = param (request, name);
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

      reply_invalid (request, name, why);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* An optional time in UTC milliseconds; 0 when absent. */
static gboolean
ms_param (DdSandboxRequest *request,
          const char       *name,
          gint64           *out)
{
  const char *text = param (request, name);

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!dd_sandbox_is_digits (text, 15))
    {
      reply_invalid (request, name, "must be a time in milliseconds since 1970 (UTC)");
      return FALSE;
    }
  *out = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

static void
api_orders_get (DdSandbox        *self,
                DdSandboxRequest *request)
{
  const char *status = param (request, "Order_Status");
  JsonArray *orders;
  guint64 total;
  gint64 start_ms;
  gint64 end_ms;
  guint page;
  guint page_size;

  if (status == NULL)
    status = "all";
  if (!g_str_equal (status, "all") && !dd_sandbox_shop_is_tw_status (status))
    {
      reply_invalid (request, "Order_Status",
                     "must be one of all, unpaid, pending, ready_to_ship, shipped, delivered, canceled, returned, failed");
      return;
    }
  if (!uint_param (request, "Page", 1, 1, G_MAXINT32, &page) ||
      !uint_param (request, "Page_Size", 10, 1, TW_MAX_PAGE_SIZE, &page_size) ||
      !ms_param (request, "modification_time_start", &start_ms) ||
      !ms_param (request, "modification_time_end", &end_ms))
    return;
  if (start_ms > 0 && end_ms > 0 && start_ms > end_ms)
    {
      reply_invalid (request, "modification_time_start", "must not be later than modification_time_end");
      return;
    }

  orders = dd_sandbox_shop_tw_orders (dd_sandbox_get_shop (self), status,
                                      start_ms, end_ms, page, page_size, &total);
  reply_list (request, orders, total, page, page_size);
  dd_sandbox_run_hook (self, request->api_path, page);
}

/* trade_order_line_id_list: a JSON array of strings, each an id with or
 * without embedded quotes. Returns bare ids, or NULL after answering. */
static GStrv
parse_line_ids (DdSandboxRequest *request)
{
  const char *name = "trade_order_line_id_list";
  const char *text = param (request, name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;
  JsonArray *array;

  if (text == NULL)
    {
      reply_missing (request, name);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY ((root = json_parser_get_root (parser))))
    {
      reply_invalid (request, name, "must be a JSON array of strings");
      return NULL;
    }
  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0 || json_array_get_length (array) > TW_MAX_LINE_IDS)
    {
      reply_invalid (request, name, "must list from 1 to 100 ids");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *id = NULL;
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          reply_invalid (request, name, "must be a JSON array of strings");
          return NULL;
        }
      id = g_strdup (json_node_get_string (element));
      len = strlen (id);
      if (len >= 2 && id[0] == '"' && id[len - 1] == '"')
        {
          memmove (id, id + 1, len - 2);
          id[len - 2] = '\0';
        }
      if (!dd_sandbox_is_digits (id, 18))
        {
          reply_invalid (request, name, "ids must be numbers");
          return NULL;
        }
      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static void
api_order_items_get (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  g_auto(GStrv) ids = NULL;
  JsonArray *lines;
  guint64 total;
  guint page;
  guint page_size;

  if ((ids = parse_line_ids (request)) == NULL ||
      !uint_param (request, "Page", 1, 1, G_MAXINT32, &page) ||
      !uint_param (request, "Page_Size", 50, 1, TW_MAX_PAGE_SIZE, &page_size))
    return;

  lines = dd_sandbox_shop_tw_lines (dd_sandbox_get_shop (self), (const char * const *) ids,
                                    page, page_size, &total);
  if (lines == NULL)
    {
      reply_error (request, "ISV", "37", "E037: One or more order item ids in the list are incorrect");
      return;
    }
  reply_list (request, lines, total, page, page_size);
}

static void
api_order_get (DdSandbox        *self,
               DdSandboxRequest *request)
{
  const char *order_id = param (request, "trade_order_id");
  JsonObject *module;
  JsonObject *result;

  if (order_id == NULL)
    {
      reply_missing (request, "trade_order_id");
      return;
    }
  if (!dd_sandbox_is_digits (order_id, 18))
    {
      reply_invalid (request, "trade_order_id", "must be a number");
      return;
    }

  module = dd_sandbox_shop_tw_order (dd_sandbox_get_shop (self), order_id);
  if (module == NULL)
    {
      reply_error (request, "ISV", "16", "E016: Invalid Order ID");
      return;
    }

  result = json_object_new ();
  json_object_set_boolean_member (result, "success", TRUE);
  json_object_set_object_member (result, "module", module);
  reply_result (request, result);
}

/* Lazada's token answer: the pair and who authorised, at the top level. */
static void
reply_tokens (DdSandboxRequest *request,
              const char       *access_token,
              const char       *refresh_token)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *user = json_object_new ();
  JsonArray *users = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (user, "country", "tw");
  json_object_set_string_member (user, "user_id", "100200300");
  json_object_set_string_member (user, "seller_id", "100200301");
  json_object_set_string_member (user, "short_code", "TWSANDBOX");
  json_array_add_object_element (users, user);

  json_object_set_string_member (object, "access_token", access_token);
  json_object_set_string_member (object, "country", "tw");
  json_object_set_string_member (object, "refresh_token", refresh_token);
  json_object_set_string_member (object, "account_platform", "seller_center");
  json_object_set_int_member (object, "refresh_expires_in", DD_SANDBOX_AUTH_REFRESH_EXPIRES_IN_S);
  json_object_set_array_member (object, "country_user_info", users);
  json_object_set_int_member (object, "expires_in", DD_SANDBOX_AUTH_EXPIRES_IN_S);
  json_object_set_string_member (object, "account", DD_SANDBOX_AUTH_TW_ACCOUNT);
  json_object_set_string_member (object, "code", "0");
  json_object_set_string_member (object, "request_id", request->request_id);
  json_node_set_object (node, object);
  dd_sandbox_request_reply_json (request, node);
}

static void
api_token_create (DdSandbox        *self,
                  DdSandboxRequest *request)
{
  const char *code = param (request, "code");
  g_autofree char *access_token = NULL;
  g_autofree char *refresh_token = NULL;

  if (code == NULL)
    {
      reply_missing (request, "code");
      return;
    }
  if (!dd_sandbox_auth_consume_code (self, code))
    {
      reply_error (request, "ISV", "InvalidCode",
                   "The authorization code is invalid, expired or already used");
      return;
    }

  dd_sandbox_auth_issue (self, DD_SANDBOX_AUTH_TW, &access_token, &refresh_token);
  reply_tokens (request, access_token, refresh_token);
}

static void
api_token_refresh (DdSandbox        *self,
                   DdSandboxRequest *request)
{
  const char *refresh_token = param (request, "refresh_token");
  g_autofree char *access_token = NULL;
  g_autofree char *new_refresh_token = NULL;

  if (refresh_token == NULL)
    {
      reply_missing (request, "refresh_token");
      return;
    }
  if (!dd_sandbox_auth_refresh (self, DD_SANDBOX_AUTH_TW, refresh_token,
                                &access_token, &new_refresh_token))
    {
      reply_error (request, "ISV", "IllegalRefreshToken",
                   "The specified refresh token is invalid or expired");
      return;
    }

  reply_tokens (request, access_token, new_refresh_token);
}

static const struct
{
  const char *path;
  gboolean    needs_token;
  TwApi       api;
} tw_apis[] = {
  { "/orders/get", TRUE, api_orders_get },
  { "/order/items/get", TRUE, api_order_items_get },
  { "/order/get", TRUE, api_order_get },
  { "/auth/token/create", FALSE, api_token_create },
  { "/auth/token/refresh", FALSE, api_token_refresh },
};

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
dd_sandbox_tw_sign (const char *secret,
                    const char *api_path,
                    GHashTable *params)
{
  g_autoptr(GHmac) hmac = NULL;
  g_autofree gpointer *keys = NULL;
  guint n_keys;
  char *hex;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (api_path != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  g_hmac_update (hmac, (const guchar *) api_path, -1);

  keys = g_hash_table_get_keys_as_array (params, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      const char *value = g_hash_table_lookup (params, key);

      if (g_str_equal (key, "sign") || value == NULL || *value == '\0')
        continue;
      g_hmac_update (hmac, (const guchar *) key, -1);
      g_hmac_update (hmac, (const guchar *) value, -1);
    }

  hex = g_ascii_strup (g_hmac_get_string (hmac), -1);
  return hex;
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

/* The common checks; FALSE after answering the first failure. */
static gboolean
check_request (DdSandbox        *self,
               DdSandboxRequest *request,
               gboolean          needs_token)
{
  static const char * const required[] = { "app_key", "timestamp", "sign_method", "sign" };
  const char *timestamp;
  const char *token;
  g_autofree char *expected = NULL;
  gint64 ts;
  guint ban;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (param (request, required[i]) == NULL)
      {
        reply_missing (request, required[i]);
        return FALSE;
      }

  if (!g_str_equal (param (request, "app_key"), dd_sandbox_get_app_key (self)))
    {
      reply_error (request, "ISV", "InvalidAppKey", "The specified app key is invalid");
      return FALSE;
    }

  if (!g_str_equal (param (request, "sign_method"), "sha256"))
    {
      reply_error (request, "ISV", "IncompleteSignature",
                   "The request signature does not conform to platform standards: sign_method must be sha256");
      return FALSE;
    }

  timestamp = param (request, "timestamp");
  ts = dd_sandbox_is_digits (timestamp, 15) ? g_ascii_strtoll (timestamp, NULL, 10) : -1;
  if (ts < 0 || ABS (request->now_ms - ts) > TW_TIMESTAMP_SKEW_MS)
    {
      reply_error (request, "ISV", "InvalidTimestamp",
                   "The timestamp must be UTC milliseconds within 7200 seconds of the server's time");
      return FALSE;
    }

  expected = dd_sandbox_tw_sign (dd_sandbox_get_app_secret (self), request->api_path, request->params);
  if (!signatures_equal (expected, param (request, "sign")))
    {
      reply_error (request, "ISV", "IncompleteSignature",
                   "The request signature does not conform to platform standards");
      return FALSE;
    }

  token = param (request, "access_token");
  if (needs_token && !dd_sandbox_auth_token_valid (self, DD_SANDBOX_AUTH_TW, token))
    {
      reply_error (request, "ISV", "IllegalAccessToken",
                   "The specified access token is invalid or expired");
      return FALSE;
    }

  if ((ban = dd_sandbox_check_rate_limit (self, request->now_ms)) > 0)
    {
      g_autofree char *message = g_strdup_printf ("This ban will last for %u more seconds", ban);

      reply_error (request, "ISV", "ApiCallLimit", message);
      return FALSE;
    }

  return TRUE;
}

void
dd_sandbox_tw_handle (DdSandbox        *self,
                      DdSandboxRequest *request)
{
  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (request != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tw_apis); i++)
    {
      if (!g_str_equal (request->api_path, tw_apis[i].path))
        continue;

      dd_sandbox_count_request (self, tw_apis[i].path);
      if (check_request (self, request, tw_apis[i].needs_token))
        tw_apis[i].api (self, request);
      return;
    }

  reply_error (request, "ISV", "InvalidApiPath", "The specified API path is invalid");
}
