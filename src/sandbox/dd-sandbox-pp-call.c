/* dd-sandbox-pp-call.c: one PandaPon call: envelope, headers, parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every call of dd-sandbox-pp.c shares: the envelope
 * {requestId, code, developId, msg, data} (requestId: 32 hex digits), the
 * common headers and their signature (checked independently of the
 * client's code, see dd-sandbox-pp.c for the order of the checks), replay
 * protection, and typed parameters from the query or a JSON body.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-pp-private.h"

#define MAX_NONCES 100000
#define MAX_TEXT   512

/* ---- the envelope ------------------------------------------------------------- */

void
pp_reply (PpCall     *call,
          int         code,
          const char *msg,
          JsonNode   *data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *request_id =
    g_compute_checksum_for_string (G_CHECKSUM_MD5, call->request->request_id, -1);

  json_object_set_string_member (object, "requestId", request_id);
  json_object_set_int_member (object, "code", code);
  json_object_set_string_member (object, "developId", pp_shop_get_develop_id (call->shop));
  json_object_set_string_member (object, "msg", msg);
  if (data != NULL)
    json_object_set_member (object, "data", data);
  else
    json_object_set_null_member (object, "data");
  dd_sandbox_request_reply_json (call->request, pp_object_node (json_object_ref (object)));
}

void
pp_reply_ok (PpCall   *call,
             JsonNode *data)
{
  pp_reply (call, PP_CODE_OK, "成功", data);
}

void
pp_reply_invalid (PpCall     *call,
                  const char *name,
                  const char *why)
{
  g_autofree char *msg = g_strdup_printf ("Invalid parameter %s: %s", name, why);

  pp_reply (call, PP_CODE_INVALID, msg, NULL);
}

void
pp_reply_missing (PpCall     *call,
                  const char *name)
{
  pp_reply_invalid (call, name, "required");
}

/* The code of a shop call, answered with its data or the matching words. */
void
pp_reply_result (PpCall     *call,
                 int         code,
                 JsonNode   *data,
                 const char *what)
{
  g_autofree char *msg = NULL;

  switch (code)
    {
    case PP_CODE_OK:
      pp_reply_ok (call, data);
      return;
    case PP_CODE_NOT_FOUND:
      msg = g_strdup_printf ("%s does not exist", what);
      break;
    case PP_CODE_CONFLICT:
      msg = g_strdup_printf ("The state of %s does not allow this operation", what);
      break;
    default:
      g_assert_not_reached ();
    }
  pp_reply (call, code, msg, NULL);
}

/* ---- parameters ------------------------------------------------------------- */

gboolean
pp_is_digits (const char *text,
              gsize       max_len)
{
  gsize len = strlen (text);

  if (len == 0 || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
pp_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
pp_node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* A text parameter from the JSON body or the query; NULL in @out when absent
 * or empty. FALSE after answering when required and absent, or not text. */
gboolean
pp_text_param (PpCall      *call,
               const char  *name,
               gboolean     required,
               const char **out)
{
  JsonNode *node = call->body != NULL ? json_object_get_member (call->body, name) : NULL;
  const char *value = NULL;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!pp_node_is_string (node))
        {
          pp_reply_invalid (call, name, "must be a string");
          return FALSE;
        }
      value = json_node_get_string (node);
    }
  else if (node == NULL)
    value = g_hash_table_lookup (call->request->params, name);

  if (value != NULL && strlen (value) > MAX_TEXT)
    {
      pp_reply_invalid (call, name, "too long");
      return FALSE;
    }
  *out = value != NULL && *value != '\0' ? value : NULL;
  if (*out == NULL && required)
    {
      pp_reply_missing (call, name);
      return FALSE;
    }
  return TRUE;
}

/* An id: digits, given as a string or a non-negative JSON integer. */
gboolean
pp_id_param (PpCall      *call,
             const char  *name,
             const char **out)
{
  JsonNode *node = call->body != NULL ? json_object_get_member (call->body, name) : NULL;

  if (node != NULL && pp_node_is_int (node) && json_node_get_int (node) >= 0)
    {
      char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      g_ptr_array_add (call->strings, text);
      *out = text;
      return TRUE;
    }
  if (!pp_text_param (call, name, TRUE, out))
    return FALSE;
  if (!pp_is_digits (*out, 32))
    {
      pp_reply_invalid (call, name, "must be a number");
      return FALSE;
    }
  return TRUE;
}

/* An unsigned query parameter in [@min, @max], @fallback when absent. */
gboolean
pp_uint_param (PpCall     *call,
               const char *name,
               guint       fallback,
               guint       min,
               guint       max,
               guint      *out)
{
  const char *text = NULL;
  guint64 value;

  if (!pp_text_param (call, name, FALSE, &text))
    return FALSE;
  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!pp_is_digits (text, 10) || !g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      g_autofree char *why = g_strdup_printf ("must be a whole number from %u to %u", min, max);

      pp_reply_invalid (call, name, why);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* An optional time in UTC milliseconds; 0 when absent. */
gboolean
pp_ms_param (PpCall     *call,
             const char *name,
             gint64     *out)
{
  const char *text = NULL;

  *out = 0;
  if (!pp_text_param (call, name, FALSE, &text))
    return FALSE;
  if (text != NULL && !pp_is_digits (text, 15))
    {
      pp_reply_invalid (call, name, "must be a time in milliseconds since 1970 (UTC)");
      return FALSE;
    }
  if (text != NULL)
    *out = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

/* A whole number given as a JSON integer or a string of digits. */
gboolean
pp_node_to_count (JsonNode *node,
                  gint64    max,
                  gint64   *out)
{
  if (node == NULL)
    return FALSE;
  if (pp_node_is_int (node))
    *out = json_node_get_int (node);
  else if (pp_node_is_string (node) && pp_is_digits (json_node_get_string (node), 12))
    *out = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  else
    return FALSE;
  return *out >= 0 && *out <= max;
}

/* Member @name of @object as a string; FALSE if present but not a string.
 * @out is NULL when absent, null or empty. */
gboolean
pp_member_string (JsonObject  *object,
                  const char  *name,
                  const char **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!pp_node_is_string (node))
    return FALSE;
  if (*json_node_get_string (node) != '\0')
    *out = json_node_get_string (node);
  return TRUE;
}

/* Reads a JSON object body (POST); FALSE after answering. */
gboolean
pp_read_json_body (PpCall *call)
{
  SoupServerMessage *msg = call->request->msg;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  if (g_strcmp0 (content_type, "application/json") != 0)
    {
      pp_reply_invalid (call, "Content-Type", "must be application/json");
      return FALSE;
    }
  if (!g_utf8_validate (data, (gssize) len, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      pp_reply_invalid (call, "body", "must be a JSON object");
      return FALSE;
    }
  call->body = json_object_ref (json_node_get_object (root));
  return TRUE;
}

/* ---- authentication -------------------------------------------------------------- */

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

static gboolean
is_nonce (const char *text)
{
  if (strlen (text) != 32)
    return FALSE;
  for (guint i = 0; i < 32; i++)
    if (!g_ascii_isalnum (text[i]))
      return FALSE;
  return TRUE;
}

/* The common checks after the rate limit; FALSE after answering. */
gboolean
pp_check_headers (PpCall *call)
{
  static const char * const required[] = { "access-key", "timestamp", "nonce-str", "user-id", "signature" };
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (call->request->msg);
  const char *values[G_N_ELEMENTS (required)];
  const char *access_key, *timestamp, *nonce, *signature;
  g_autofree char *canonical = NULL;
  g_autofree char *expected = NULL;
  gint64 ts;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      values[i] = soup_message_headers_get_one (headers, required[i]);
      if (values[i] == NULL || *values[i] == '\0')
        {
          g_autofree char *msg = g_strdup_printf ("Missing header %s", required[i]);

          pp_reply (call, PP_CODE_INVALID, msg, NULL);
          return FALSE;
        }
    }
  access_key = values[0];
  timestamp = values[1];
  nonce = values[2];
  signature = values[4];

  if (!is_nonce (nonce))
    {
      pp_reply (call, PP_CODE_INVALID, "Header nonce-str must be 32 letters or digits", NULL);
      return FALSE;
    }

  if (!g_str_equal (access_key, dd_sandbox_get_app_key (call->self)))
    {
      pp_reply (call, PP_CODE_ACCESS_KEY, "The access-key is invalid", NULL);
      return FALSE;
    }

  ts = pp_is_digits (timestamp, 15) ? g_ascii_strtoll (timestamp, NULL, 10) : -1;
  if (ts < 0 || ABS (call->request->now_ms - ts) > DD_SANDBOX_PP_SKEW_MS)
    {
      pp_reply (call, PP_CODE_TIMESTAMP,
                "The timestamp must be UTC milliseconds within 600 seconds of the server's time", NULL);
      return FALSE;
    }

  /* Verified independently of the client's dd_sign_pandapon(). */
  canonical = g_strdup_printf ("access-key=%s&nonce-str=%s&timestamp=%s&key=%s",
                               access_key, nonce, timestamp, dd_sandbox_get_app_secret (call->self));
  expected = g_compute_checksum_for_string (G_CHECKSUM_MD5, canonical, -1);
  if (!signatures_equal (expected, signature))
    {
      pp_reply (call, PP_CODE_SIGNATURE, "The signature is invalid", NULL);
      return FALSE;
    }

  if (!pp_shop_use_nonce (call->shop, nonce, call->request->now_ms))
    {
      pp_reply (call, PP_CODE_SIGNATURE, "The nonce-str has already been used (replayed request)", NULL);
      return FALSE;
    }

  return TRUE;
}

/* ---- replay protection ----------------------------------------------------------- */

/* A nonce seen, the string right after the time (one allocation). */
typedef struct
{
  gint64 seen_ms;
  char   text[];
} Nonce;

gboolean
pp_shop_use_nonce (DdSandboxPpShop *shop,
                   const char      *nonce,
                   gint64           now_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  gsize len = strlen (nonce);
  Nonce *seen;

  /* A request's timestamp may be up to the skew either side of the clock,
   * so a nonce is remembered for twice the skew to catch every replay its
   * timestamp still lets through. The set is bounded: beyond MAX_NONCES the
   * oldest are forgotten first. */
  while ((seen = g_queue_peek_head (&shop->nonce_order)) != NULL &&
         (seen->seen_ms < now_ms - 2 * DD_SANDBOX_PP_SKEW_MS ||
          g_queue_get_length (&shop->nonce_order) >= MAX_NONCES))
    {
      g_hash_table_remove (shop->nonces, seen->text);
      g_free (g_queue_pop_head (&shop->nonce_order));
    }

  if (g_hash_table_contains (shop->nonces, nonce))
    return FALSE;

  seen = g_malloc (sizeof (Nonce) + len + 1);
  seen->seen_ms = now_ms;
  memcpy (seen->text, nonce, len + 1);
  g_hash_table_add (shop->nonces, seen->text);
  g_queue_push_tail (&shop->nonce_order, seen);
  return TRUE;
}
