/* test-tw-client.c: DdTwClient's requests, against a loopback SoupServer
 *
 * The server here checks what the client sends (common parameters, the
 * signature, the business parameters) and serves the platform's own seed
 * examples, or generated orders for the paging cases. The full protocol is
 * the sandbox's job (test-sandbox, test-sync).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "dd-platform-error.h"
#include "dd-sign.h"
#include "dd-tw-client.h"
#include "dd-tw-client-private.h"
#include "dd-tw-parse.h"
#include "tw-seeds.h"

#define APP_KEY      "123456"
#define APP_SECRET   "helloworld"
#define ACCESS_TOKEN "token-abc"

typedef struct
{
  SoupServer  *server;
  char        *endpoint;       /* "http://127.0.0.1:PORT/rest" */
  DdHttp      *http;
  DdTwClient  *client;

  /* What the server serves. */
  guint        n_orders;       /* 0: the seed page */
  guint        lines_per_order;
  guint        max_items_page; /* the server's cap on Page_Size */
  gboolean     items_bad_paging; /* /order/items/get ignores Page, inflates total_count */
  gboolean     fail_first;     /* answer 503 to the first /orders/get */
  GHashTable  *line_orders;    /* line id → order id, from the last orders page */

  /* What the server saw. */
  GHashTable  *hits;           /* api path → count */
  GHashTable  *last_query;     /* of /orders/get */
  GPtrArray   *timestamps;     /* of every request */
} Fixture;

static void
respond (SoupServerMessage *msg,
         const char        *json)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

static void
respond_error (SoupServerMessage *msg,
               const char        *code,
               const char        *message)
{
  g_autofree char *json = g_strdup_printf ("{\"type\":\"ISV\",\"code\":\"%s\",\"message\":\"%s\","
                                           "\"request_id\":\"test-req\"}", code, message);

  respond (msg, json);
}

/* The seed's first line, as served, for line 558757467941. */
static char *
seed_line_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result;

  g_assert_true (json_parser_load_from_data (parser, SEED_ORDER_ITEMS, -1, NULL));
  result = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "result");

  return json_to_string (json_array_get_element (json_object_get_array_member (result, "model_list"), 0), FALSE);
}

static void
serve_orders (Fixture           *f,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  g_autoptr(GString) json = NULL;
  guint64 page, page_size;
  guint first, last;

  g_clear_pointer (&f->last_query, g_hash_table_unref);
  f->last_query = g_hash_table_ref (query);

  if (f->fail_first && GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, "/orders/get")) == 1)
    {
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }

  if (f->n_orders == 0)
    {
      g_hash_table_insert (f->line_orders, g_strdup ("558757467941"), g_strdup ("558757367941"));
      g_hash_table_insert (f->line_orders, g_strdup ("546108499700"), g_strdup ("546108399700"));
      respond (msg, SEED_ORDERS_PAGE);
      return;
    }

  g_assert_true (g_ascii_string_to_unsigned (g_hash_table_lookup (query, "Page"), 10, 1, 1000, &page, NULL));
  g_assert_true (g_ascii_string_to_unsigned (g_hash_table_lookup (query, "Page_Size"), 10, 1, 100, &page_size, NULL));
  first = MIN ((page - 1) * page_size, f->n_orders);
  last = MIN (first + page_size, f->n_orders);

  json = g_string_new ("{\"code\":\"0\",\"request_id\":\"gen\",\"result\":{\"success\":true,\"model_list\":[");
  for (guint i = first; i < last; i++)
    {
      g_autofree char *order_id = g_strdup_printf ("9%011u", i);

      g_string_append_printf (json, "%s{\"trade_order_id\":\"%s\",\"actual_fee\":\"%u\","
                              "\"status\":\"pending\",\"modification_time\":%u,"
                              "\"trade_order_line_id_list\":[",
                              i > first ? "," : "", order_id, 100 + i, 1600000000 + i);
      for (guint j = 0; j < f->lines_per_order; j++)
        {
          g_autofree char *line_id = g_strdup_printf ("8%08u%03u", i, j);

          g_string_append_printf (json, "%s\"\\\"%s\\\"\"", j > 0 ? "," : "", line_id);
          g_hash_table_insert (f->line_orders, g_strdup (line_id), g_strdup (order_id));
        }
      g_string_append (json, "]}");
    }
  g_string_append_printf (json, "],\"total_count\":%u,\"page_no\":%u,\"page_size\":%u}}",
                          f->n_orders, (guint) page, (guint) page_size);

  respond (msg, json->str);
}

static void
serve_items (Fixture           *f,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) json = NULL;
  g_autofree char *seed_line = seed_line_json ();
  const char *list = g_hash_table_lookup (query, "trade_order_line_id_list");
  JsonArray *ids;
  guint64 page, page_size;
  guint n, first, last;

  /* A JSON array of strings, as API.md says. */
  g_assert_nonnull (list);
  g_assert_true (json_parser_load_from_data (parser, list, -1, NULL));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  ids = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (ids);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, 100);

  g_assert_true (g_ascii_string_to_unsigned (g_hash_table_lookup (query, "Page"), 10, 1, 1000, &page, NULL));
  g_assert_true (g_ascii_string_to_unsigned (g_hash_table_lookup (query, "Page_Size"), 10, 1, 100, &page_size, NULL));
  page_size = MIN (page_size, f->max_items_page);
  if (f->items_bad_paging)
    page = 1;
  first = MIN ((page - 1) * page_size, n);
  last = MIN (first + page_size, n);

  json = g_string_new ("{\"code\":\"0\",\"request_id\":\"items\",\"result\":{\"success\":true,\"model_list\":[");
  for (guint i = first; i < last; i++)
    {
      const char *line_id = json_array_get_string_element (ids, i);
      const char *order_id = g_hash_table_lookup (f->line_orders, line_id);

      g_assert_nonnull (order_id);
      if (i > first)
        g_string_append_c (json, ',');
      if (g_str_equal (line_id, "558757467941"))
        g_string_append (json, seed_line);
      else
        g_string_append_printf (json, "{\"trade_order_line_id\":\"%s\",\"trade_order_id\":\"%s\","
                                "\"quantity\":2,\"unit_fee\":\"10\",\"actual_fee\":\"20\","
                                "\"product_title\":\"測試商品\",\"sku_info\":\"[]\",\"status\":\"pending\"}",
                                line_id, order_id);
    }
  g_string_append_printf (json, "],\"total_count\":%u,\"page_no\":%u,\"page_size\":%u}}",
                          f->items_bad_paging ? n * 10 : n, (guint) page, (guint) page_size);

  respond (msg, json->str);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(DdSignParams) params = dd_sign_params_new ();
  g_autofree char *expected = NULL;
  const char *api_path;
  const char *timestamp;
  GHashTableIter iter;
  gpointer key, value;
  gint64 ms;

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "GET");
  g_assert_true (g_str_has_prefix (path, "/rest/"));
  g_assert_nonnull (query);
  api_path = path + strlen ("/rest");
  g_hash_table_insert (f->hits, g_strdup (api_path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, api_path)) + 1));

  timestamp = g_hash_table_lookup (query, "timestamp");
  g_assert_nonnull (timestamp);
  ms = g_ascii_strtoll (timestamp, NULL, 10);
  g_ptr_array_add (f->timestamps, g_strdup (timestamp));

  /* The signature, computed here from what arrived. */
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, "sign"))
      dd_sign_params_set (params, key, value);
  expected = dd_sign_tw (APP_SECRET, api_path, params);

  if (g_strcmp0 (g_hash_table_lookup (query, "app_key"), APP_KEY) != 0)
    respond_error (msg, "InvalidAppKey", "bad app key");
  else if (g_strcmp0 (g_hash_table_lookup (query, "access_token"), ACCESS_TOKEN) != 0)
    respond_error (msg, "IllegalAccessToken", "bad token");
  else if (g_strcmp0 (g_hash_table_lookup (query, "sign_method"), "sha256") != 0)
    respond_error (msg, "IncompleteSignature", "bad sign method");
  else if (ABS (ms - g_get_real_time () / 1000) > 7200 * 1000)
    respond_error (msg, "InvalidTimestamp", "timestamp out of range");
  else if (!dd_sign_equal (expected, g_hash_table_lookup (query, "sign")))
    respond_error (msg, "IncompleteSignature", "signature mismatch");
  else if (g_str_equal (api_path, "/orders/get"))
    serve_orders (f, msg, query);
  else if (g_str_equal (api_path, "/order/items/get"))
    serve_items (f, msg, query);
  else if (g_str_equal (api_path, "/order/get") &&
           g_strcmp0 (g_hash_table_lookup (query, "trade_order_id"), "558757367941") == 0)
    respond (msg, SEED_ORDER_GET);
  else if (g_str_equal (api_path, "/order/get"))
    respond_error (msg, "InvalidParameter", "no such order");
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->line_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->timestamps = g_ptr_array_new_with_free_func (g_free);
  f->lines_per_order = 1;
  f->max_items_page = 100;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/rest", server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->endpoint = g_strdup_printf ("http://127.0.0.1:%d/rest", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  f->http = dd_http_new ();
  g_object_set (f->http, "retry-base-ms", 10, NULL);
  f->client = dd_tw_client_new (f->http, f->endpoint, APP_KEY, APP_SECRET, ACCESS_TOKEN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->http);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->endpoint, g_free);
  g_clear_pointer (&f->hits, g_hash_table_unref);
  g_clear_pointer (&f->line_orders, g_hash_table_unref);
  g_clear_pointer (&f->last_query, g_hash_table_unref);
  g_clear_pointer (&f->timestamps, g_ptr_array_unref);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
hits (Fixture    *f,
      const char *api_path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->hits, api_path));
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static DdOrderPage *
list_orders (Fixture            *f,
             const DdListQuery  *query,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_client_list_orders_async (DD_CLIENT (f->client), query, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_client_list_orders_finish (DD_CLIENT (f->client), result, error);
}

/* ------------------------------------------------------------------ */

static void
test_build_message (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(DdTwClient) client = NULL;
  g_autoptr(DdSignParams) business = dd_sign_params_new ();
  g_autoptr(DdSignParams) check = dd_sign_params_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *wrong_secret = NULL;
  g_autofree char *ids = NULL;
  const char * const id_list[] = { "558757467941", "546108499700" };
  GHashTableIter iter;
  gpointer key, value;
  GUri *uri;
  gint64 ms, now;

  /* A trailing slash on the endpoint does not double the path's. */
  client = dd_tw_client_new (f->http, "http://127.0.0.1:9/rest/", APP_KEY, APP_SECRET, ACCESS_TOKEN);
  dd_tw_client_set_clock_offset_ms (client, -60000);

  ids = dd_tw_client_format_id_list (id_list, G_N_ELEMENTS (id_list));
  g_assert_cmpstr (ids, ==, "[\"558757467941\",\"546108499700\"]");
  dd_sign_params_set (business, "trade_order_line_id_list", ids);
  dd_sign_params_set (business, "Page", "1");
  dd_sign_params_set (business, "note", "a&b=c 台灣");

  msg = dd_tw_client_build_message (client, "/order/items/get", business, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_get_method (msg), ==, "GET");
  uri = soup_message_get_uri (msg);
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/rest/order/items/get");

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (params), ==, 8);
  g_assert_cmpstr (g_hash_table_lookup (params, "app_key"), ==, APP_KEY);
  g_assert_cmpstr (g_hash_table_lookup (params, "access_token"), ==, ACCESS_TOKEN);
  g_assert_cmpstr (g_hash_table_lookup (params, "sign_method"), ==, "sha256");
  g_assert_cmpstr (g_hash_table_lookup (params, "trade_order_line_id_list"), ==, ids);
  g_assert_cmpstr (g_hash_table_lookup (params, "note"), ==, "a&b=c 台灣");

  /* UTC milliseconds, shifted by the clock offset. */
  now = g_get_real_time () / 1000;
  ms = g_ascii_strtoll (g_hash_table_lookup (params, "timestamp"), NULL, 10);
  g_assert_cmpint (ms, <=, now - 60000);
  g_assert_cmpint (ms, >, now - 60000 - 5000);

  /* The signature verifies independently over what the URI carries. */
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_str_equal (key, "sign"))
      dd_sign_params_set (check, key, value);
  expected = dd_sign_tw (APP_SECRET, "/order/items/get", check);
  g_assert_cmpstr (g_hash_table_lookup (params, "sign"), ==, expected);
  wrong_secret = dd_sign_tw ("not-the-secret", "/order/items/get", check);
  g_assert_cmpstr (g_hash_table_lookup (params, "sign"), !=, wrong_secret);

  /* The business parameters are not changed by signing. */
  g_assert_null (dd_sign_params_get (business, "sign"));
}

static void
test_endpoint_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(DdTwClient) client = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;

  client = dd_tw_client_new (f->http, "http://api.taobao.tw/rest", APP_KEY, APP_SECRET, ACCESS_TOKEN);
  msg = dd_tw_client_build_message (client, "/orders/get", NULL, &error);
  g_assert_null (msg);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (dd_http_get_n_attempts (f->http), ==, 0);
}

static void
test_interface (Fixture       *f,
                gconstpointer  data)
{
  g_assert_true (DD_IS_CLIENT (f->client));
  g_assert_cmpstr (dd_client_get_platform (DD_CLIENT (f->client)), ==, "tw");
  g_assert_cmpuint (dd_client_get_max_page_size (DD_CLIENT (f->client)), ==, 100);
  /* It reads orders, one or many; it writes nothing yet. */
  g_assert_cmphex (dd_client_get_capabilities (DD_CLIENT (f->client)), ==,
                   DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET);
}

static void
test_list_orders_seed (Fixture       *f,
                       gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 500 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(DdOrder) reread = NULL;
  DdOrder *order;
  const char *raw;

  page = list_orders (f, &query, &error);
  g_assert_no_error (error);

  /* What was asked. */
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "Order_Status"), ==, "all");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "Page"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "Page_Size"), ==, "100");
  g_assert_false (g_hash_table_contains (f->last_query, "modification_time_start"));
  g_assert_false (g_hash_table_contains (f->last_query, "modification_time_end"));

  /* What came back. */
  g_assert_cmpuint (page->orders->len, ==, 2);
  g_assert_cmpuint (page->total_count, ==, 12);
  g_assert_cmpuint (page->page, ==, 1);
  g_assert_cmpuint (page->n_calls, ==, 2);
  g_assert_cmpstr (page->request_id, ==, "0b1196a615934150810894026");
  g_assert_cmpuint (hits (f, "/orders/get"), ==, 1);
  g_assert_cmpuint (hits (f, "/order/items/get"), ==, 1);

  order = g_ptr_array_index (page->orders, 0);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "558757367941");
  g_assert_null (dd_order_get_account_id (order));
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  g_assert_cmpstr (dd_order_line_get_title (dd_order_get_line (order, 0)), ==, "親膚棉白T");
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (dd_order_get_line (order, 0)), ==, 2);

  order = g_ptr_array_index (page->orders, 1);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "546108399700");
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  g_assert_cmpstr (dd_order_line_get_line_id (dd_order_get_line (order, 0)), ==, "546108499700");

  /* The raw JSON is the module shape, lines included, and reads back. */
  order = g_ptr_array_index (page->orders, 0);
  raw = dd_order_get_raw_json (order);
  g_assert_nonnull (strstr (raw, "\"trade_order_line_list\":[{"));
  reread = dd_tw_parse_order_module (raw, strlen (raw), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (reread), ==, "558757367941");
  g_assert_cmpuint (dd_order_get_n_lines (reread), ==, 1);
  g_assert_cmpstr (dd_order_line_get_sku_id (dd_order_get_line (reread, 0)), ==, "3065252106");
}

static void
test_list_orders_window (Fixture       *f,
                         gconstpointer  data)
{
  DdListQuery query = { G_GINT64_CONSTANT (1592731387000), G_GINT64_CONSTANT (1593076987000), 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  page = list_orders (f, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "modification_time_start"), ==, "1592731387000");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "modification_time_end"), ==, "1593076987000");
  /* Page 0 and size 0 mean the first page of the largest size. */
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "Page"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (f->last_query, "Page_Size"), ==, "100");
}

static void
test_list_orders_chunks (Fixture       *f,
                         gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 100 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  /* 100 orders of 2 lines: 200 line ids, two calls of 100. */
  f->n_orders = 150;
  f->lines_per_order = 2;
  page = list_orders (f, &query, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (page->orders->len, ==, 100);
  g_assert_cmpuint (page->total_count, ==, 150);
  g_assert_cmpuint (hits (f, "/order/items/get"), ==, 2);
  g_assert_cmpuint (page->n_calls, ==, 3);
  for (guint i = 0; i < page->orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (page->orders, i);

      g_assert_cmpuint (dd_order_get_n_lines (order), ==, 2);
      for (guint j = 0; j < 2; j++)
        g_assert_cmpstr (dd_order_line_get_order_id (dd_order_get_line (order, j)), ==,
                         dd_order_get_order_id (order));
    }
}

static void
test_list_orders_small_item_pages (Fixture       *f,
                                   gconstpointer  data)
{
  DdListQuery query = { 0, 0, 2, 30 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  guint n_lines = 0;

  /* The platform serves at most 40 lines a page: 90 ids take 3 pages. */
  f->n_orders = 100;
  f->lines_per_order = 3;
  f->max_items_page = 40;
  page = list_orders (f, &query, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (page->orders->len, ==, 30);
  g_assert_cmpuint (page->page, ==, 2);
  g_assert_cmpstr (dd_order_get_order_id (g_ptr_array_index (page->orders, 0)), ==, "900000000030");
  g_assert_cmpuint (hits (f, "/order/items/get"), ==, 3);
  g_assert_cmpuint (page->n_calls, ==, 4);
  for (guint i = 0; i < page->orders->len; i++)
    n_lines += dd_order_get_n_lines (g_ptr_array_index (page->orders, i));
  g_assert_cmpuint (n_lines, ==, 90);
}

static void
test_list_orders_bad_item_paging (Fixture       *f,
                                  gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  /* A server that ignores Page and claims ten times the lines: once every
   * id of the chunk has its line, the client stops asking. */
  f->n_orders = 10;
  f->items_bad_paging = TRUE;
  page = list_orders (f, &query, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (page->orders->len, ==, 10);
  g_assert_cmpuint (hits (f, "/order/items/get"), ==, 1);
  for (guint i = 0; i < page->orders->len; i++)
    g_assert_cmpuint (dd_order_get_n_lines (g_ptr_array_index (page->orders, i)), ==, 1);
}

static void
test_list_orders_retry (Fixture       *f,
                        gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  f->fail_first = TRUE;
  page = list_orders (f, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->orders->len, ==, 2);
  g_assert_cmpuint (hits (f, "/orders/get"), ==, 2);
  /* Logical calls, not attempts. */
  g_assert_cmpuint (page->n_calls, ==, 2);
  g_assert_cmpuint (dd_http_get_n_attempts (f->http), ==, 3);
}

static void
test_list_orders_auth (Fixture       *f,
                       gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 10 };
  g_autoptr(DdTwClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  client = dd_tw_client_new (f->http, f->endpoint, APP_KEY, APP_SECRET, "expired-token");
  dd_client_list_orders_async (DD_CLIENT (client), &query, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = dd_client_list_orders_finish (DD_CLIENT (client), result, &error);

  g_assert_null (page);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IllegalAccessToken");
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "test-req");
  /* Not transient: asked once. */
  g_assert_cmpuint (hits (f, "/orders/get"), ==, 1);
}

static void
test_list_orders_wrong_secret (Fixture       *f,
                               gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 10 };
  g_autoptr(DdTwClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  client = dd_tw_client_new (f->http, f->endpoint, APP_KEY, "wrong-secret", ACCESS_TOKEN);
  dd_client_list_orders_async (DD_CLIENT (client), &query, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = dd_client_list_orders_finish (DD_CLIENT (client), result, &error);

  g_assert_null (page);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "IncompleteSignature");
}

static void
test_clock_offset (Fixture       *f,
                   gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  dd_tw_client_set_clock_offset_ms (f->client, -3 * 3600 * 1000);
  page = list_orders (f, &query, &error);
  g_assert_null (page);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, "InvalidTimestamp");
  g_clear_error (&error);

  /* 0 restores the real clock. */
  dd_tw_client_set_clock_offset_ms (f->client, 0);
  page = list_orders (f, &query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
}

static void
test_get_order (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(DdOrder) missing = NULL;

  dd_client_get_order_async (DD_CLIENT (f->client), "558757367941", NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  order = dd_client_get_order_finish (DD_CLIENT (f->client), result, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "558757367941");
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 1);
  g_assert_cmpuint (hits (f, "/order/get"), ==, 1);
  g_assert_nonnull (strstr (dd_order_get_raw_json (order), "trade_order_line_list"));

  dd_client_get_order_async (DD_CLIENT (f->client), "1", NULL, result_cb, &result2);
  while (result2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  missing = dd_client_get_order_finish (DD_CLIENT (f->client), result2, &error);
  g_assert_null (missing);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
}

static void
test_get_order_items (Fixture       *f,
                      gconstpointer  data)
{
  const char * const ids[] = { "558757467941", "546108499700", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  g_hash_table_insert (f->line_orders, g_strdup ("558757467941"), g_strdup ("558757367941"));
  g_hash_table_insert (f->line_orders, g_strdup ("546108499700"), g_strdup ("546108399700"));

  dd_tw_client_get_order_items_async (f->client, ids, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  lines = dd_tw_client_get_order_items_finish (f->client, result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (dd_order_line_get_order_id (g_ptr_array_index (lines, 0)), ==, "558757367941");
  g_assert_cmpstr (dd_order_line_get_order_id (g_ptr_array_index (lines, 1)), ==, "546108399700");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  DdListQuery query = { 0, 0, 1, 10 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DdOrderPage) page = NULL;

  g_cancellable_cancel (cancellable);
  dd_client_list_orders_async (DD_CLIENT (f->client), &query, cancellable, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = dd_client_list_orders_finish (DD_CLIENT (f->client), result, &error);

  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hits (f, "/orders/get"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/tw-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("build-message", test_build_message);
  ADD ("endpoint-refused", test_endpoint_refused);
  ADD ("interface", test_interface);
  ADD ("list-orders-seed", test_list_orders_seed);
  ADD ("list-orders-window", test_list_orders_window);
  ADD ("list-orders-chunks", test_list_orders_chunks);
  ADD ("list-orders-small-item-pages", test_list_orders_small_item_pages);
  ADD ("list-orders-bad-item-paging", test_list_orders_bad_item_paging);
  ADD ("list-orders-retry", test_list_orders_retry);
  ADD ("list-orders-auth", test_list_orders_auth);
  ADD ("list-orders-wrong-secret", test_list_orders_wrong_secret);
  ADD ("clock-offset", test_clock_offset);
  ADD ("get-order", test_get_order);
  ADD ("get-order-items", test_get_order_items);
  ADD ("cancel", test_cancel);

#undef ADD

  return g_test_run ();
}
