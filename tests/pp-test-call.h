/* pp-test-call.h: signed PandaPon calls against the sandbox, for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests are built and signed here, by a signer local to the tests (so
 * neither the sandbox's verifier nor the client's signer checks itself),
 * and sent with a plain SoupSession on the thread-default context.
 */
#pragma once

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-sandbox.h"
#include "dd-sandbox-pp.h"

G_BEGIN_DECLS

#define N_ORDERS 500 /* the purchasing account gets a fifth: 100 */

/* The documentation's create example (seed 002), verbatim. */
static const char seed_create_body[] =
  "{\"purchaseAmount\": 400,"
  "\"receiver\": \"{\\\"zip\\\":\\\"11111\\\",\\\"country\\\":\\\"中国\\\",\\\"address\\\":\\\"测试地址\\\","
  "\\\"city\\\":\\\"杭州市\\\",\\\"phone\\\":\\\"\\\",\\\"mobile_phone\\\":\\\"15068763421\\\","
  "\\\"district\\\":\\\"余杭区\\\",\\\"name\\\":\\\"a测试aa\\\",\\\"state\\\":\\\"浙江省\\\"}\","
  "\"orderLineList\": \"[{\\\"itemId\\\":\\\"600126245031041190\\\",\\\"orderLineNo\\\":\\\"1\\\","
  "\\\"quantity\\\":\\\"200\\\",\\\"price\\\":\\\"1\\\",\\\"currency\\\":\\\"CNY\\\",\\\"skuId\\\":\\\"5016042822039\\\"},"
  "{\\\"itemId\\\":\\\"600129202197070073\\\",\\\"orderLineNo\\\":\\\"1\\\",\\\"quantity\\\":\\\"200\\\","
  "\\\"price\\\":\\\"1\\\",\\\"currency\\\":\\\"CNY\\\",\\\"skuId\\\":\\\"4860968496626\\\"}]\","
  "\"orderSource\": \"lazada\","
  "\"sellerOrderNumber\": \"1\"}";

static const char receiver_text[] =
  "{\"zip\":\"311100\",\"country\":\"中国\",\"address\":\"文一西路969号\",\"city\":\"杭州市\","
  "\"phone\":\"\",\"mobile_phone\":\"15068763421\",\"district\":\"余杭区\",\"name\":\"张三\",\"state\":\"浙江省\"}";

typedef struct
{
  DdSandbox   *sandbox;
  SoupSession *session;
} Fixture;

/* ---- requests --------------------------------------------------------------- */

/* How to sign a call; zeroes: correctly. */
typedef struct
{
  const char *access_key;  /* NULL: the sandbox default */
  const char *secret;
  const char *omit;        /* a header left out */
  gint64      skew_ms;     /* added to the timestamp */
  const char *timestamp;   /* instead of the clock */
  const char *nonce;       /* NULL: a fresh one */
  const char *signature;   /* instead of the right one */
  gboolean    lower_case;  /* signature in lower-case hex */
} PpAuth;

static const PpAuth pp_ok = { 0 };

static inline char *
test_sign (const char *access_key,
           const char *nonce,
           const char *timestamp,
           const char *secret)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *text = g_strconcat ("access-key=", access_key, "&nonce-str=", nonce,
                                       "&timestamp=", timestamp, "&key=", secret, NULL);

  g_checksum_update (checksum, (const guchar *) text, -1);
  return g_ascii_strup (g_checksum_get_string (checksum), -1);
}

static inline char *
new_nonce (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char nonce[33];

  for (guint i = 0; i < 32; i++)
    nonce[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  nonce[32] = '\0';
  return g_strdup (nonce);
}

static inline void
add_auth (Fixture      *fixture,
          SoupMessage  *msg,
          const PpAuth *auth)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  const char *access_key = auth->access_key ? auth->access_key : DD_SANDBOX_DEFAULT_APP_KEY;
  g_autofree char *nonce = g_strdup (auth->nonce ? auth->nonce : NULL);
  g_autofree char *timestamp = NULL;
  g_autofree char *signature = NULL;

  if (nonce == NULL)
    nonce = new_nonce ();
  timestamp = auth->timestamp ? g_strdup (auth->timestamp)
              : g_strdup_printf ("%" G_GINT64_FORMAT, dd_sandbox_now_ms (fixture->sandbox) + auth->skew_ms);
  signature = auth->signature ? g_strdup (auth->signature)
              : test_sign (access_key, nonce, timestamp, auth->secret ? auth->secret : DD_SANDBOX_DEFAULT_APP_SECRET);
  if (auth->lower_case)
    {
      char *lower = g_ascii_strdown (signature, -1);

      g_free (signature);
      signature = lower;
    }

  {
    const char * const values[][2] = {
      { "access-key", access_key },
      { "timestamp", timestamp },
      { "nonce-str", nonce },
      { "user-id", "sandbox-user" },
      { "signature", signature },
    };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      if (g_strcmp0 (auth->omit, values[i][0]) != 0)
        soup_message_headers_replace (headers, values[i][0], values[i][1]);
  }
}

typedef struct
{
  GBytes  *body;
  GError  *error;
  gboolean done;
} Reply;

static inline void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

/* Sends @msg, iterating the thread-default context; the body. */
static inline GBytes *
send_message (Fixture     *fixture,
              SoupMessage *msg,
              guint        http_status)
{
  Reply reply = { 0 };

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, http_status);
  return reply.body;
}

/* The envelope, checked for its members and their types. */
static inline JsonObject *
envelope (SoupMessage *msg,
          GBytes      *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *content_type =
    soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Type");
  JsonObject *root;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  const char *request_id;

  g_assert_cmpstr (content_type, ==, "application/json;charset=UTF-8");
  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpuint (json_object_get_size (root), ==, 5);
  request_id = json_object_get_string_member (root, "requestId");
  g_assert_cmpuint (strlen (request_id), ==, 32);
  for (const char *p = request_id; *p != '\0'; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpuint (json_node_get_value_type (json_object_get_member (root, "code")), ==, G_TYPE_INT64);
  g_assert_nonnull (json_object_get_string_member (root, "developId"));
  g_assert_nonnull (json_object_get_string_member (root, "msg"));
  g_assert_true (json_object_has_member (root, "data"));
  if (json_object_get_int_member (root, "code") != 200 && json_object_get_int_member (root, "code") != 4091)
    g_assert_true (json_object_get_null_member (root, "data"));
  return json_object_ref (root);
}

static inline SoupMessage *
pp_message (Fixture      *fixture,
            const PpAuth *auth,
            const char   *method,
            const char   *path,
            const char   *json)
{
  g_autofree char *url = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  add_auth (fixture, msg, auth);
  return msg;
}

/* Calls @path (with its query) and returns the envelope. @json: a POST's body. */
static inline JsonObject *
pp_call (Fixture      *fixture,
         const PpAuth *auth,
         const char   *method,
         const char   *path,
         const char   *json)
{
  g_autoptr(SoupMessage) msg = pp_message (fixture, auth, method, path, json);
  g_autoptr(GBytes) body = send_message (fixture, msg, SOUP_STATUS_OK);

  return envelope (msg, body);
}

static inline JsonObject *
pp_get (Fixture    *fixture,
        const char *path)
{
  return pp_call (fixture, &pp_ok, "GET", path, NULL);
}

static inline JsonObject *
pp_post (Fixture    *fixture,
         const char *path,
         const char *json)
{
  return pp_call (fixture, &pp_ok, "POST", path, json);
}

static inline void
assert_code (JsonObject *envelope,
             gint64      code)
{
  if (json_object_get_int_member (envelope, "code") != code)
    g_error ("code %" G_GINT64_FORMAT " (%s) where %" G_GINT64_FORMAT " was expected",
             json_object_get_int_member (envelope, "code"),
             json_object_get_string_member (envelope, "msg"), code);
}

/* data of a successful answer. */
static inline JsonObject *
data_of (JsonObject *envelope)
{
  assert_code (envelope, 200);
  g_assert_cmpstr (json_object_get_string_member (envelope, "msg"), ==, "成功");
  return json_object_get_object_member (envelope, "data");
}

static inline void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, NULL, NULL, NULL);
  dd_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->session = soup_session_new ();
}

static inline void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->sandbox);
}

static inline DdSandboxPpShop *
shop_of (Fixture *fixture)
{
  return dd_sandbox_get_pp_shop (fixture->sandbox);
}

/* A create body: lines as "itemId:quantity:price", …; @key may be NULL. */
static inline char *
create_body (const char *key,
             const char *lines,
             gint64      amount)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) items = g_strsplit (lines, ",", -1);
  g_autoptr(GString) list = g_string_new ("[");

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], ":", 3);

      g_string_append_printf (list, "%s{\"itemId\":\"%s\",\"orderLineNo\":\"%u\",\"quantity\":\"%s\","
                              "\"price\":\"%s\",\"currency\":\"CNY\",\"skuId\":\"\"}",
                              i > 0 ? "," : "", parts[0], i + 1, parts[1], parts[2]);
    }
  g_string_append (list, "]");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "orderLineList");
  json_builder_add_string_value (builder, list->str);
  json_builder_set_member_name (builder, "orderSource");
  json_builder_add_string_value (builder, "dingdan");
  json_builder_set_member_name (builder, "purchaseAmount");
  json_builder_add_int_value (builder, amount);
  json_builder_set_member_name (builder, "receiver");
  json_builder_add_string_value (builder, receiver_text);
  if (key != NULL)
    {
      json_builder_set_member_name (builder, "sellerOrderNumber");
      json_builder_add_string_value (builder, key);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Creates an unpaid order of one line (¥128 × 1); its orderNo. */
static inline char *
create_order (Fixture    *fixture,
              const char *key)
{
  g_autofree char *body = create_body (key, "600000000000000001:1:12800", 12800);
  g_autoptr(JsonObject) answer = pp_post (fixture, "/open/order", body);

  return g_strdup (json_object_get_string_member (data_of (answer), "orderNo"));
}

static inline JsonObject *
detail (Fixture    *fixture,
        const char *order_no)
{
  g_autofree char *path = g_strconcat ("/open/order/detail?orderNo=", order_no, NULL);
  g_autoptr(JsonObject) answer = pp_get (fixture, path);

  return json_object_ref (data_of (answer));
}

static inline char *
detail_status (Fixture    *fixture,
               const char *order_no)
{
  g_autoptr(JsonObject) order = detail (fixture, order_no);

  return g_strdup (json_object_get_string_member (order, "status"));
}

static inline void
assert_post_code (Fixture    *fixture,
                  const char *path,
                  const char *json,
                  gint64      code)
{
  g_autoptr(JsonObject) answer = pp_post (fixture, path, json);

  assert_code (answer, code);
}

/* The first order of a page with @status; its orderNo. */
static inline char *
find_order (Fixture    *fixture,
            const char *status)
{
  g_autofree char *path = g_strconcat ("/open/order/page?pageSize=1&status=", status, NULL);
  g_autoptr(JsonObject) answer = pp_get (fixture, path);
  JsonArray *records = json_object_get_array_member (data_of (answer), "records");

  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (records, 0), "orderNo"));
}

G_END_DECLS
