/* test-sandbox.c: the sandbox speaks Taobao Taiwan as documented
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Requests are built and signed here, by a signer local to this test (so
 * neither the sandbox's verifier nor the client's signer checks itself), and
 * sent with a plain SoupSession. Shapes are compared with the documentation's
 * examples (seed 003, found through $DINGDAN_SEEDS).
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-sandbox.h"
#include "dd-sandbox-shop.h"
#include "dd-sandbox-tw.h"

#define N_ORDERS 500
#define HOUR_MS  (G_GINT64_CONSTANT (3600) * 1000)

static const char * const tw_statuses[] = {
  "unpaid", "pending", "ready_to_ship", "shipped",
  "delivered", "canceled", "returned", "failed",
};

/* ---- requests --------------------------------------------------------------- */

typedef struct
{
  const char *app_key;        /* NULL: the sandbox default */
  const char *secret;
  const char *token;          /* NULL: default; "" leaves it out */
  const char *sign_method;    /* NULL: sha256 */
  gint64      skew_ms;        /* added to the timestamp */
  gboolean    omit_sign;
  gboolean    post;           /* parameters in a form body */
  const char *tamper_key;     /* changed after signing */
  const char *tamper_value;
} TwCall;

static char *
test_sign (const char *secret,
           const char *api_path,
           GHashTable *params)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (params), (GCompareFunc) strcmp);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));

  g_hmac_update (hmac, (const guchar *) api_path, -1);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *value = g_hash_table_lookup (params, l->data);

      if (g_str_equal (l->data, "sign") || *value == '\0')
        continue;
      g_hmac_update (hmac, l->data, -1);
      g_hmac_update (hmac, (const guchar *) value, -1);
    }
  return g_ascii_strup (g_hmac_get_string (hmac), -1);
}

typedef struct
{
  GBytes  *body;
  GError  *error;
  gboolean done;
} Reply;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

/* Sends @msg and iterates the thread-default context until it is answered. */
static GBytes *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  Reply reply = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  return reply.body;
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

typedef struct
{
  DdSandbox   *sandbox;
  SoupSession *session;
} Fixture;

static SoupMessage *
tw_message (DdSandbox    *sandbox,
            const TwCall *how,
            const char   *api_path,
            va_list       args)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *url = NULL;
  g_autofree char *query = NULL;
  SoupMessage *msg;
  const char *key;

  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (params, (char *) key, g_strdup (va_arg (args, const char *)));

  g_hash_table_insert (params, "app_key", g_strdup (how->app_key ? how->app_key : DD_SANDBOX_DEFAULT_APP_KEY));
  if (how->token == NULL || *how->token != '\0')
    g_hash_table_insert (params, "access_token",
                         g_strdup (how->token ? how->token : DD_SANDBOX_DEFAULT_ACCESS_TOKEN));
  g_hash_table_insert (params, "timestamp",
                       g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / 1000 + how->skew_ms));
  g_hash_table_insert (params, "sign_method", g_strdup (how->sign_method ? how->sign_method : "sha256"));
  if (!how->omit_sign)
    g_hash_table_insert (params, "sign",
                         test_sign (how->secret ? how->secret : DD_SANDBOX_DEFAULT_APP_SECRET, api_path, params));
  if (how->tamper_key != NULL)
    g_hash_table_insert (params, (char *) how->tamper_key, g_strdup (how->tamper_value));

  query = soup_form_encode_hash (params);
  if (how->post)
    {
      g_autoptr(GBytes) form = g_bytes_new (query, strlen (query));

      url = g_strconcat (dd_sandbox_get_base_url (sandbox), "/rest", api_path, NULL);
      msg = soup_message_new (SOUP_METHOD_POST, url);
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", form);
    }
  else
    {
      url = g_strconcat (dd_sandbox_get_base_url (sandbox), "/rest", api_path, "?", query, NULL);
      msg = soup_message_new (SOUP_METHOD_GET, url);
    }
  return msg;
}

static JsonObject *
tw_answer (SoupMessage *msg,
           GBytes      *body)
{
  g_autoptr(JsonNode) root = NULL;
  const char *content_type;

  content_type = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Content-Type");
  g_assert_cmpstr (content_type, ==, "application/json;charset=UTF-8");
  root = parse_json (body);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Calls @api_path with @how and business parameters (key, value, …, NULL),
 * iterating the thread-default context; returns the answer's root object. */
static JsonObject *
tw_call (Fixture      *fixture,
         const TwCall *how,
         const char   *api_path,
         ...)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  va_list args;

  va_start (args, api_path);
  msg = tw_message (fixture->sandbox, how, api_path, args);
  va_end (args);
  body = send_message (fixture->session, msg);
  return tw_answer (msg, body);
}

static const TwCall ok = { 0 };

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, N_ORDERS, NULL, NULL, NULL);
  dd_sandbox_listen (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (dd_sandbox_get_base_url (fixture->sandbox), "http://127.0.0.1:"));
  fixture->session = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_assert_finalize_object (fixture->sandbox);
}

/* ---- the documentation's shapes ----------------------------------------- */

/* The JSON examples of seed 003, in order: /orders/get, /order/items/get,
 * /order/get, /orders/get with a window. NULL when the seeds are not found. */
static GPtrArray *
load_seed_examples (void)
{
  const char *dir = g_getenv ("DINGDAN_SEEDS");
  g_autoptr(GDir) seeds = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *examples;
  const char *name;

  if (dir == NULL || (seeds = g_dir_open (dir, 0, NULL)) == NULL)
    return NULL;
  while ((name = g_dir_read_name (seeds)) != NULL)
    if (g_str_has_prefix (name, "003_"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
        break;
      }
  if (text == NULL)
    return NULL;

  examples = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '{')
      {
        g_autoptr(GBytes) bytes = g_bytes_new (lines[i], strlen (lines[i]));

        g_ptr_array_add (examples, parse_json (bytes));
      }
  g_assert_cmpuint (examples->len, ==, 4);
  return examples;
}

static void assert_same_shape (JsonNode *seed, JsonNode *ours, const char *where);

static void
assert_same_object_shape (JsonObject *seed,
                          JsonObject *ours,
                          gboolean    exact,
                          const char *where)
{
  g_autoptr(GList) members = json_object_get_members (seed);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *inner = g_strdup_printf ("%s.%s", where, (const char *) l->data);

      if (!json_object_has_member (ours, l->data))
        {
          if (exact)
            g_error ("%s: missing", inner);
          continue;
        }
      assert_same_shape (json_object_get_member (seed, l->data), json_object_get_member (ours, l->data), inner);
    }
  if (exact)
    g_assert_cmpuint (json_object_get_size (ours), ==, json_object_get_size (seed));
}

static void
assert_same_shape (JsonNode   *seed,
                   JsonNode   *ours,
                   const char *where)
{
  if (JSON_NODE_TYPE (seed) != JSON_NODE_TYPE (ours))
    g_error ("%s: %s where the documentation has %s", where,
             json_node_type_name (ours), json_node_type_name (seed));

  if (JSON_NODE_HOLDS_VALUE (seed))
    {
      GType seed_type = json_node_get_value_type (seed);

      if (seed_type != json_node_get_value_type (ours))
        g_error ("%s: %s where the documentation has %s", where,
                 g_type_name (json_node_get_value_type (ours)), g_type_name (seed_type));
    }
  else if (JSON_NODE_HOLDS_OBJECT (seed))
    assert_same_object_shape (json_node_get_object (seed), json_node_get_object (ours), TRUE, where);
  else if (JSON_NODE_HOLDS_ARRAY (seed))
    {
      JsonArray *seed_array = json_node_get_array (seed);
      JsonArray *our_array = json_node_get_array (ours);

      if (json_array_get_length (seed_array) == 0)
        return;
      for (guint i = 0; i < json_array_get_length (our_array); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);
          JsonNode *element = json_array_get_element (our_array, i);
          guint last = json_array_get_length (seed_array) - 1;

          /* Elements of differing shapes (shipment_list): each of ours must
           * fit the richest example's members and types. */
          if (JSON_NODE_HOLDS_OBJECT (element) && last > 0)
            assert_same_object_shape (json_array_get_object_element (seed_array, last),
                                      json_node_get_object (element), FALSE, inner);
          else
            assert_same_shape (json_array_get_element (seed_array, 0), element, inner);
        }
    }
}

static void
assert_documented_shape (JsonObject *ours,
                         guint       example)
{
  g_autoptr(GPtrArray) examples = load_seed_examples ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (examples == NULL)
    {
      g_test_message ("DINGDAN_SEEDS not set: shape compared with the built-in key lists only");
      return;
    }
  json_node_set_object (node, ours);
  assert_same_shape (g_ptr_array_index (examples, example), node, "$");
}

static const char * const order_keys[] = {
  "creation_time", "trade_order_id", "buyer_id", "seller_full_name", "seller_id", "actual_fee",
  "buyer_full_name", "shipping_fee_currency_code", "shipping_fee", "actual_shipping_fee",
  "payment_channel", "actual_shipping_fee_currency_code", "delivery_info", "modification_time",
  "actual_fee_currency_code", "trade_order_line_id_list", "status",
};
static const char * const delivery_keys[] = {
  "area", "country_code", "city", "detail_address", "receiver_name", "state", "receiver_phone",
};
static const char * const line_keys[] = {
  "creation_time", "product_main_image", "product_detail_url", "trade_order_id",
  "trade_order_line_id", "package_id", "product_id", "unit_fee", "unit_fee_currency_code",
  "shipment_list", "quantity", "actual_fee", "sku_info", "sku_id", "buyer_full_name",
  "product_title", "shipping_fee_currency_code", "shipping_fee", "actual_shipping_fee",
  "actual_shipping_fee_currency_code", "modification_time", "actual_fee_currency_code", "status",
};

static void
assert_keys (JsonObject         *object,
             const char * const *keys,
             guint               n_keys)
{
  for (guint i = 0; i < n_keys; i++)
    if (!json_object_has_member (object, keys[i]))
      g_error ("missing key %s", keys[i]);
  g_assert_cmpuint (json_object_get_size (object), ==, n_keys);
}

static gboolean
is_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static JsonObject *
get_result (JsonObject *root)
{
  g_assert_cmpstr (json_object_get_string_member (root, "code"), ==, "0");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "result"), "success"));
  return json_object_get_object_member (root, "result");
}

static void
assert_error (JsonObject *root,
              const char *code)
{
  g_autoptr(GList) members = json_object_get_members (root);
  const char *type = json_object_get_string_member (root, "type");

  g_assert_cmpuint (g_list_length (members), ==, 4);
  g_assert_true (g_str_equal (type, "ISV") || g_str_equal (type, "ISP") || g_str_equal (type, "SYSTEM"));
  g_assert_cmpstr (json_object_get_string_member (root, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (root, "message"));
  g_assert_cmpuint (strlen (json_object_get_string_member (root, "request_id")), ==, 25);
}

/* "\"558757467941\"" → "558757467941" */
static char *
strip_quotes (const char *id)
{
  gsize len = strlen (id);

  g_assert_cmpuint (len, >=, 2);
  g_assert_true (id[0] == '"' && id[len - 1] == '"');
  return g_strndup (id + 1, len - 2);
}

/* ---- tests: signing and shapes ------------------------------------------- */

static void
test_sign_vector (void)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sign = NULL;

  /* The official vector (API.md §2), through the sandbox's own verifier. */
  g_hash_table_insert (params, "app_key", "123456");
  g_hash_table_insert (params, "access_token", "test");
  g_hash_table_insert (params, "timestamp", "1517820392000");
  g_hash_table_insert (params, "sign_method", "sha256");
  g_hash_table_insert (params, "order_id", "1234");
  sign = dd_sandbox_tw_sign ("helloworld", "/order/get", params);
  g_assert_cmpstr (sign, ==, "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A");

  /* "sign" itself and empty values are not signed. */
  g_hash_table_insert (params, "sign", "whatever");
  g_hash_table_insert (params, "empty", "");
  g_clear_pointer (&sign, g_free);
  sign = dd_sandbox_tw_sign ("helloworld", "/order/get", params);
  g_assert_cmpstr (sign, ==, "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A");
}

static void
test_orders_shape (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get",
                                        "Order_Status", "all", "Page_Size", "2", "Page", "1", NULL);
  JsonObject *result = get_result (root);
  JsonArray *list = json_object_get_array_member (result, "model_list");
  const char *request_id = json_object_get_string_member (root, "request_id");

  assert_documented_shape (root, 0);
  g_assert_cmpuint (json_object_get_size (root), ==, 3);
  g_assert_cmpuint (json_object_get_size (result), ==, 5);
  g_assert_cmpint (json_object_get_int_member (result, "total_count"), ==, N_ORDERS);
  g_assert_cmpint (json_object_get_int_member (result, "page_no"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "page_size"), ==, 2);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpuint (strlen (request_id), ==, 25);
  g_assert_true (g_str_has_prefix (request_id, "0b"));

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *order = json_array_get_object_element (list, i);
      JsonObject *delivery = json_object_get_object_member (order, "delivery_info");
      JsonArray *line_ids = json_object_get_array_member (order, "trade_order_line_id_list");

      assert_keys (order, order_keys, G_N_ELEMENTS (order_keys));
      assert_keys (delivery, delivery_keys, G_N_ELEMENTS (delivery_keys));
      g_assert_cmpuint (strlen (json_object_get_string_member (order, "trade_order_id")), ==, 12);
      g_assert_true (is_digits (json_object_get_string_member (order, "actual_fee")));
      g_assert_cmpint (json_object_get_int_member (order, "modification_time"), >=,
                       json_object_get_int_member (order, "creation_time"));
      g_assert_cmpstr (json_object_get_string_member (order, "actual_fee_currency_code"), ==, "TWD");
      g_assert_cmpuint (json_array_get_length (line_ids), >=, 1);
      g_assert_cmpuint (json_array_get_length (line_ids), <=, 4);
      for (guint j = 0; j < json_array_get_length (line_ids); j++)
        {
          g_autofree char *bare = strip_quotes (json_array_get_string_element (line_ids, j));

          g_assert_true (is_digits (bare));
        }
    }
}

/* The line ids of the first @n orders, as served (with embedded quotes). */
static GPtrArray *
first_line_ids (Fixture *fixture,
                guint    n)
{
  g_autofree char *size = g_strdup_printf ("%u", n);
  g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get", "Page_Size", size, NULL);
  JsonArray *list = json_object_get_array_member (get_result (root), "model_list");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonArray *line_ids = json_object_get_array_member (json_array_get_object_element (list, i),
                                                          "trade_order_line_id_list");

      for (guint j = 0; j < json_array_get_length (line_ids); j++)
        g_ptr_array_add (ids, g_strdup (json_array_get_string_element (line_ids, j)));
    }
  return ids;
}

static char *
ids_to_json (GPtrArray *ids,
             gboolean   bare)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *id = bare ? strip_quotes (g_ptr_array_index (ids, i)) : g_strdup (g_ptr_array_index (ids, i));

      json_builder_add_string_value (builder, id);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
assert_sku_info (const char *sku_info)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser, sku_info, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >=, 1);
  g_assert_cmpuint (json_array_get_length (array), <=, 2);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *property = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (property, "valueId"), ==, -1);
      g_assert_nonnull (json_object_get_string_member (property, "valueText"));
      g_assert_nonnull (json_object_get_string_member (property, "propertyName"));
      g_assert_cmpint (json_object_get_int_member (property, "propertyId"), >, 0);
    }
}

static void
test_items_shape (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = first_line_ids (fixture, 5);

  /* As /orders/get lists them (embedded quotes), and bare. */
  for (int bare = 0; bare <= 1; bare++)
    {
      g_autofree char *list_param = ids_to_json (ids, bare);
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/items/get",
                                            "trade_order_line_id_list", list_param, NULL);
      JsonObject *result = get_result (root);
      JsonArray *lines = json_object_get_array_member (result, "model_list");

      assert_documented_shape (root, 1);
      g_assert_cmpint (json_object_get_int_member (result, "total_count"), ==, ids->len);
      g_assert_cmpint (json_object_get_int_member (result, "page_size"), ==, 50);
      g_assert_cmpuint (json_array_get_length (lines), ==, ids->len);
      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);
          g_autofree char *id = strip_quotes (g_ptr_array_index (ids, i));
          const char *image = json_object_get_string_member (line, "product_main_image");

          assert_keys (line, line_keys, G_N_ELEMENTS (line_keys));
          g_assert_cmpstr (json_object_get_string_member (line, "trade_order_line_id"), ==, id);
          g_assert_cmpint (json_object_get_int_member (line, "quantity"), >=, 1);
          assert_sku_info (json_object_get_string_member (line, "sku_info"));
          g_assert_true (g_str_has_prefix (image, dd_sandbox_get_base_url (fixture->sandbox)));
          g_assert_true (g_str_has_suffix (image, ".png"));
        }
    }
}

static void
test_items_paging (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = first_line_ids (fixture, 10);
  g_autofree char *list_param = ids_to_json (ids, FALSE);
  g_autoptr(JsonObject) page1 = tw_call (fixture, &ok, "/order/items/get", "trade_order_line_id_list", list_param,
                                         "Page", "1", "Page_Size", "3", NULL);
  g_autoptr(JsonObject) page2 = tw_call (fixture, &ok, "/order/items/get", "trade_order_line_id_list", list_param,
                                         "Page", "2", "Page_Size", "3", NULL);
  JsonArray *lines2 = json_object_get_array_member (get_result (page2), "model_list");
  g_autofree char *fourth = strip_quotes (g_ptr_array_index (ids, 3));

  g_assert_cmpuint (ids->len, >, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (get_result (page1), "model_list")), ==, 3);
  g_assert_cmpuint (json_array_get_length (lines2), ==, 3);
  g_assert_cmpint (json_object_get_int_member (get_result (page2), "total_count"), ==, ids->len);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines2, 0), "trade_order_line_id"),
                   ==, fourth);
}

static void
test_order_shape (Fixture       *fixture,
                  gconstpointer  data)
{
  DdSandboxShop *shop = dd_sandbox_get_shop (fixture->sandbox);

  for (guint position = 0; position < 20; position++)
    {
      g_autofree char *order_id = dd_sandbox_shop_dup_order_id (shop, position);
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/get", "trade_order_id", order_id, NULL);
      JsonObject *result = get_result (root);
      JsonObject *module = json_object_get_object_member (result, "module");
      JsonArray *lines = json_object_get_array_member (module, "trade_order_line_list");
      gint64 sum_lines = 0;
      gint64 goods = 0;

      assert_documented_shape (root, 2);
      g_assert_cmpuint (json_object_get_size (result), ==, 2);
      g_assert_cmpstr (json_object_get_string_member (module, "trade_order_id"), ==, order_id);
      g_assert_false (json_object_has_member (module, "trade_order_line_id_list"));
      g_assert_cmpuint (json_array_get_length (lines), >=, 1);
      g_assert_cmpuint (json_array_get_length (lines), <=, 4);

      /* What the buyer pays: the lines' actual fees; goods plus actual shipping. */
      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);

          assert_keys (line, line_keys, G_N_ELEMENTS (line_keys));
          g_assert_cmpstr (json_object_get_string_member (line, "trade_order_id"), ==, order_id);
          sum_lines += g_ascii_strtoll (json_object_get_string_member (line, "actual_fee"), NULL, 10);
          goods += g_ascii_strtoll (json_object_get_string_member (line, "unit_fee"), NULL, 10) *
                   json_object_get_int_member (line, "quantity");
        }
      g_assert_cmpint (g_ascii_strtoll (json_object_get_string_member (module, "actual_fee"), NULL, 10), ==, sum_lines);
      g_assert_cmpint (goods + g_ascii_strtoll (json_object_get_string_member (module, "actual_shipping_fee"), NULL, 10),
                       ==, sum_lines);
    }
}

static void
test_post_form (Fixture       *fixture,
                gconstpointer  data)
{
  TwCall post = { .post = TRUE };
  g_autoptr(JsonObject) root = tw_call (fixture, &post, "/orders/get", "Page_Size", "7", "Order_Status", "all", NULL);

  g_assert_cmpint (json_object_get_int_member (get_result (root), "page_size"), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (get_result (root), "model_list")), ==, 7);
}

/* ---- tests: listing -------------------------------------------------------- */

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = dd_sandbox_shop_list_order_ids (dd_sandbox_get_shop (fixture->sandbox));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 last_created = G_MAXINT64;

  g_assert_cmpuint (expected->len, ==, N_ORDERS);
  for (guint page = 1; page <= 6; page++)
    {
      g_autofree char *page_text = g_strdup_printf ("%u", page);
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get",
                                            "Page", page_text, "Page_Size", "100", NULL);
      JsonObject *result = get_result (root);
      JsonArray *list = json_object_get_array_member (result, "model_list");

      g_assert_cmpint (json_object_get_int_member (result, "total_count"), ==, N_ORDERS);
      g_assert_cmpint (json_object_get_int_member (result, "page_no"), ==, page);
      g_assert_cmpuint (json_array_get_length (list), ==, page <= 5 ? 100 : 0);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *order = json_array_get_object_element (list, i);
          gint64 created = json_object_get_int_member (order, "creation_time");

          g_assert_cmpint (created, <=, last_created);
          last_created = created;
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (order, "trade_order_id"))));
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, N_ORDERS);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (expected, i)));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 6);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/rest/orders/get"), ==, 6);
}

static void
test_status_filter (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 sum = 0;

  for (guint s = 0; s < G_N_ELEMENTS (tw_statuses); s++)
    {
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get", "Order_Status", tw_statuses[s],
                                            "Page_Size", "100", NULL);
      JsonObject *result = get_result (root);
      JsonArray *list = json_object_get_array_member (result, "model_list");
      gint64 total = json_object_get_int_member (result, "total_count");

      /* Every status of the lifecycle is present in 500 orders. */
      g_assert_cmpint (total, >, 0);
      g_assert_cmpuint (json_array_get_length (list), ==, MIN (total, 100));
      for (guint i = 0; i < json_array_get_length (list); i++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, i), "status"),
                         ==, tw_statuses[s]);
      sum += total;
    }
  g_assert_cmpint (sum, ==, N_ORDERS);
}

static void
test_modification_window (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  gint64 start, end;
  guint expected = 0;
  guint got = 0;

  for (guint page = 1; page <= 5; page++)
    {
      g_autofree char *page_text = g_strdup_printf ("%u", page);
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get", "Page", page_text, "Page_Size", "100", NULL);
      JsonArray *list = json_object_get_array_member (get_result (root), "model_list");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          gint64 modified = json_object_get_int_member (json_array_get_object_element (list, i), "modification_time");

          g_array_append_val (times, modified);
        }
    }
  g_assert_cmpuint (times->len, ==, N_ORDERS);

  /* A window between two served modification times: bounds are inclusive. */
  start = g_array_index (times, gint64, 17);
  end = g_array_index (times, gint64, 3);
  if (start > end)
    {
      gint64 t = start;
      start = end;
      end = t;
    }
  for (guint i = 0; i < times->len; i++)
    if (g_array_index (times, gint64, i) >= start && g_array_index (times, gint64, i) <= end)
      expected++;
  g_assert_cmpuint (expected, >=, 2);
  g_assert_cmpuint (expected, <, N_ORDERS);

  start_text = g_strdup_printf ("%" G_GINT64_FORMAT, start);
  end_text = g_strdup_printf ("%" G_GINT64_FORMAT, end);
  for (guint page = 1; ; page++)
    {
      g_autofree char *page_text = g_strdup_printf ("%u", page);
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get", "Page", page_text, "Page_Size", "100",
                                            "modification_time_start", start_text,
                                            "modification_time_end", end_text, NULL);
      JsonObject *result = get_result (root);
      JsonArray *list = json_object_get_array_member (result, "model_list");

      g_assert_cmpint (json_object_get_int_member (result, "total_count"), ==, expected);
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          gint64 modified = json_object_get_int_member (json_array_get_object_element (list, i), "modification_time");

          g_assert_cmpint (modified, >=, start);
          g_assert_cmpint (modified, <=, end);
        }
      got += json_array_get_length (list);
      if (json_array_get_length (list) < 100)
        break;
    }
  g_assert_cmpuint (got, ==, expected);
}

/* ---- tests: wrong requests ------------------------------------------------- */

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct
  {
    TwCall      how;
    const char *code;
  } cases[] = {
    { { .secret = "not-the-secret" }, "IncompleteSignature" },
    { { .tamper_key = "Page_Size", .tamper_value = "3" }, "IncompleteSignature" },
    { { .sign_method = "md5" }, "IncompleteSignature" },
    { { .app_key = "999999" }, "InvalidAppKey" },
    { { .token = "stolen-token" }, "IllegalAccessToken" },
    { { .token = "" }, "IllegalAccessToken" },
    { { .skew_ms = 3 * HOUR_MS }, "InvalidTimestamp" },
    { { .skew_ms = -3 * HOUR_MS }, "InvalidTimestamp" },
    { { .tamper_key = "timestamp", .tamper_value = "2024-01-01 00:00:00" }, "InvalidTimestamp" },
    { { .omit_sign = TRUE }, "MissingParameter" },
    { { .tamper_key = "app_key", .tamper_value = "" }, "MissingParameter" },
  };
  g_autoptr(GHashTable) request_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) root = tw_call (fixture, &cases[i].how, "/orders/get", "Page_Size", "2", NULL);

      g_test_message ("case %u: %s", i, json_object_get_string_member (root, "message"));
      assert_error (root, cases[i].code);
      g_assert_true (g_hash_table_add (request_ids, g_strdup (json_object_get_string_member (root, "request_id"))));
    }

  /* A slightly late clock is fine (skew ≤ 7200 s). */
  {
    TwCall late = { .skew_ms = -HOUR_MS };
    g_autoptr(JsonObject) root = tw_call (fixture, &late, "/orders/get", NULL);

    get_result (root);
  }
}

static void
test_missing_parameter_named (Fixture       *fixture,
                              gconstpointer  data)
{
  TwCall no_sign = { .omit_sign = TRUE };
  g_autoptr(JsonObject) root = tw_call (fixture, &no_sign, "/orders/get", NULL);

  assert_error (root, "MissingParameter");
  g_assert_nonnull (strstr (json_object_get_string_member (root, "message"), "\"sign\""));
}

static void
test_invalid_parameters (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const orders_cases[][2] = {
    { "Page_Size", "101" },
    { "Page_Size", "0" },
    { "Page", "0" },
    { "Page", "-1" },
    { "Page", "two" },
    { "Order_Status", "lost" },
    { "Order_Status", "ALL" },
    { "modification_time_start", "yesterday" },
    { "modification_time_end", "1.5" },
  };
  static const char * const bad_lists[] = {
    "558757467941",            /* not an array */
    "[558757467941]",          /* numbers, not strings */
    "[\"55875746794x\"]",      /* not an id */
    "[]",
    "{\"id\":\"1\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (orders_cases); i++)
    {
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get",
                                            orders_cases[i][0], orders_cases[i][1], NULL);

      assert_error (root, "InvalidParameter");
      g_assert_nonnull (strstr (json_object_get_string_member (root, "message"), orders_cases[i][0]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_lists); i++)
    {
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/items/get",
                                            "trade_order_line_id_list", bad_lists[i], NULL);

      assert_error (root, "InvalidParameter");
    }

  {
    g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/items/get", NULL);

    assert_error (root, "MissingParameter");
  }
  {
    g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/items/get",
                                          "trade_order_line_id_list", "[\"100000000000\"]", NULL);

    assert_error (root, "37");
  }
  {
    g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/get", "trade_order_id", "abc", NULL);

    assert_error (root, "InvalidParameter");
  }
}

static void
test_unknown_order (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/get", "trade_order_id", "100000000000", NULL);

  assert_error (root, "16");
}

static void
test_unknown_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/list", NULL);
  g_autoptr(JsonObject) bare = tw_call (fixture, &ok, "", NULL);
  g_autofree char *url = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/nothing/here", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  Reply reply = { 0 };

  /* Unsigned: the path is checked first. */
  assert_error (root, "InvalidApiPath");
  assert_error (bare, "InvalidApiPath");

  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  while (!reply.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reply.error);
  g_bytes_unref (reply.body);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_NOT_FOUND);
}

/* The shared rate limit, answered in Lazada's shape; the ban runs on the
 * sandbox's clock. */
static void
test_rate_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) banned = NULL;
  g_autoptr(JsonObject) still = NULL;
  g_autoptr(JsonObject) after = NULL;

  dd_sandbox_set_rate_limit (fixture->sandbox, 3, 10, 30);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/orders/get", "Page_Size", "1", NULL);

      get_result (root);
    }

  banned = tw_call (fixture, &ok, "/orders/get", "Page_Size", "1", NULL);
  assert_error (banned, "ApiCallLimit");
  g_assert_cmpstr (json_object_get_string_member (banned, "type"), ==, "ISV");
  g_assert_cmpstr (json_object_get_string_member (banned, "message"), ==,
                   "This ban will last for 30 more seconds");

  /* Still banned a little later, for fewer seconds. */
  dd_sandbox_advance_clock (fixture->sandbox, 12 * 1000);
  still = tw_call (fixture, &ok, "/order/get", "trade_order_id", "100000000000", NULL);
  assert_error (still, "ApiCallLimit");
  g_assert_cmpstr (json_object_get_string_member (still, "message"), ==,
                   "This ban will last for 18 more seconds");

  dd_sandbox_advance_clock (fixture->sandbox, 19 * 1000);
  after = tw_call (fixture, &ok, "/orders/get", "Page_Size", "1", NULL);
  get_result (after);
}

static void
test_image (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *order_id = dd_sandbox_shop_dup_order_id (dd_sandbox_get_shop (fixture->sandbox), 0);
  g_autoptr(JsonObject) root = tw_call (fixture, &ok, "/order/get", "trade_order_id", order_id, NULL);
  JsonArray *lines = json_object_get_array_member (json_object_get_object_member (get_result (root), "module"),
                                                   "trade_order_line_list");
  const char *url = json_object_get_string_member (json_array_get_object_element (lines, 0), "product_main_image");
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) png = send_message (fixture->session, msg);
  const guchar *bytes = g_bytes_get_data (png, NULL);

  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "image/png");
  g_assert_cmpuint (g_bytes_get_size (png), >, 100);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
}

static void
test_port_in_use (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdSandbox) other = dd_sandbox_new (1, 8, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (dd_sandbox_start_in_thread (other, dd_sandbox_get_port (fixture->sandbox), &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/sandbox/tw/sign-vector", test_sign_vector);

#define ADD(path, func) \
  g_test_add ("/dingdan/sandbox/tw/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("orders-shape", test_orders_shape);
  ADD ("items-shape", test_items_shape);
  ADD ("items-paging", test_items_paging);
  ADD ("order-shape", test_order_shape);
  ADD ("post-form", test_post_form);
  ADD ("paging", test_paging);
  ADD ("status-filter", test_status_filter);
  ADD ("modification-window", test_modification_window);
  ADD ("errors", test_errors);
  ADD ("missing-parameter-named", test_missing_parameter_named);
  ADD ("invalid-parameters", test_invalid_parameters);
  ADD ("unknown-order", test_unknown_order);
  ADD ("unknown-path", test_unknown_path);
  ADD ("rate-limit", test_rate_limit);
  ADD ("image", test_image);
  ADD ("port-in-use", test_port_in_use);
#undef ADD

  return g_test_run ();
}
