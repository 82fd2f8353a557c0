/* test-pp-client.c: DdPpClient's requests, against a loopback server
 *
 * A SoupServer records what the client sends: the common headers and their
 * signature, paths, query parameters, JSON bodies, multipart parts. Round
 * trips with the sandbox are in test-pp-sandbox.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "dd-http.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-pp-parse.h"
#include "dd-sign.h"
#include "pp-client-calls.h"

#define ACCESS_KEY "58c0201dfdf148eca63cbf6bb5e7cf03"
#define SECRET     "pp-test-secret"
#define USER_ID    "2100007341207"


typedef struct
{
  char       *method;
  char       *path;
  GHashTable *query;     /* may be NULL */
  GHashTable *headers;   /* lower-case name → value */
  GBytes     *body;
} Seen;

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->method);
  g_free (seen->path);
  g_clear_pointer (&seen->query, g_hash_table_unref);
  g_clear_pointer (&seen->headers, g_hash_table_unref);
  g_clear_pointer (&seen->body, g_bytes_unref);
  g_free (seen);
}

typedef struct
{
  SoupServer *server;
  char       *endpoint;
  DdHttp     *http;
  DdPpClient *client;
  GPtrArray  *seen;        /* (element-type Seen) */
  guint       fail_first;  /* answer 503 to this many requests */
  char       *reply;       /* the data member served; NULL: the default */
} Fixture;

/* Members for every call: an order of each family, a pay URL, an outcome. */
#define DEFAULT_DATA \
  "{\"orderNo\":\"123\",\"orderId\":\"77\",\"status\":\"WAIT_BUYER_PAY\",\"payStatus\":\"PAID\"," \
  "\"payUrl\":\"https://pay.example/77\",\"records\":[]}"

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  Seen *seen = g_new0 (Seen, 1);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  g_autofree char *answer = NULL;

  seen->method = g_strdup (soup_server_message_get_method (msg));
  seen->path = g_strdup (path);
  if (query != NULL)
    seen->query = g_hash_table_ref (query);
  seen->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_hash_table_insert (seen->headers, g_ascii_strdown (name, -1), g_strdup (value));
  seen->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_ptr_array_add (f->seen, seen);

  if (f->fail_first > 0)
    {
      f->fail_first--;
      soup_server_message_set_status (msg, 503, NULL);
      return;
    }

  answer = g_strdup_printf ("{\"requestId\":\"r\",\"code\":200,\"developId\":\"1\",\"msg\":\"成功\",\"data\":%s}",
                            f->reply != NULL ? f->reply : DEFAULT_DATA);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json;charset=UTF-8", SOUP_MEMORY_COPY,
                                    answer, strlen (answer));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *base = NULL;

  f->seen = g_ptr_array_new_with_free_func (seen_free);
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* A trailing '/' is dropped by the client. */
  f->endpoint = g_strdup (base);

  f->http = dd_http_new ();
  g_object_set (f->http, "retry-base-ms", 5, NULL);
  f->client = dd_pp_client_new (f->http, f->endpoint, ACCESS_KEY, SECRET, USER_ID);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->http);
  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  g_ptr_array_unref (f->seen);
  g_free (f->endpoint);
  g_free (f->reply);
}

static Seen *
last_seen (Fixture *f)
{
  g_assert_cmpuint (f->seen->len, >, 0);
  return g_ptr_array_index (f->seen, f->seen->len - 1);
}

static const char *
header (Seen       *seen,
        const char *name)
{
  return g_hash_table_lookup (seen->headers, name);
}

static JsonObject *
body_object (Seen      *seen,
             JsonNode **root)
{
  g_autoptr(GError) error = NULL;

  *root = dd_json_parse_object (g_bytes_get_data (seen->body, NULL), g_bytes_get_size (seen->body), &error);
  g_assert_no_error (error);
  return json_node_get_object (*root);
}

/* The five headers, the nonce's shape, the signature, the time. */
static void
assert_signed (Seen   *seen,
               gint64  before_ms,
               gint64  after_ms)
{
  const char *nonce = header (seen, "nonce-str");
  const char *timestamp = header (seen, "timestamp");
  g_autofree char *expected = NULL;
  guint64 ms = 0;

  g_assert_cmpstr (header (seen, "access-key"), ==, ACCESS_KEY);
  g_assert_nonnull (header (seen, "user-id"));
  g_assert_nonnull (nonce);
  g_assert_cmpuint (strlen (nonce), ==, 32);
  for (const char *p = nonce; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p));

  /* UTC milliseconds: digits only, within the call. */
  g_assert_true (g_ascii_string_to_unsigned (timestamp, 10, 0, G_MAXINT64, &ms, NULL));
  g_assert_cmpint ((gint64) ms, >=, before_ms);
  g_assert_cmpint ((gint64) ms, <=, after_ms);

  /* The signature covers key, nonce and time with the secret; not user-id. */
  expected = dd_sign_pandapon (ACCESS_KEY, nonce, timestamp, SECRET);
  g_assert_cmpstr (header (seen, "signature"), ==, expected);
  g_assert_cmpuint (strlen (expected), ==, 32);
}

static void
test_headers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  gint64 before = g_get_real_time () / 1000;
  gint64 after;
  Seen *seen;

  order = get_order (f->client, "123", &error);
  after = g_get_real_time () / 1000;
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "123");

  g_assert_cmpuint (f->seen->len, ==, 1);
  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "GET");
  g_assert_cmpstr (seen->path, ==, "/open/order/detail");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "orderNo"), ==, "123");
  g_assert_cmpstr (header (seen, "user-id"), ==, USER_ID);
  assert_signed (seen, before, after);

  /* Nothing secret travels: not the secret, not in the URI. */
  g_assert_null (g_hash_table_lookup (seen->query, "signature"));
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, seen->headers);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_null (strstr (value, SECRET));
  }
}

static void
test_user_id_not_signed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DdPpClient) other = dd_pp_client_new (f->http, f->endpoint, ACCESS_KEY, SECRET, "another-user");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  Seen *seen;

  order = get_order (other, "123", &error);
  g_assert_no_error (error);
  seen = last_seen (f);
  g_assert_cmpstr (header (seen, "user-id"), ==, "another-user");
  /* Same recipe whatever the user: user-id is not part of it. */
  assert_signed (seen, 0, G_MAXINT64);
  g_assert_cmpstr (header (seen, "user-id"), !=, USER_ID);
}

static void
test_nonce_fresh (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) nonces = g_hash_table_new (g_str_hash, g_str_equal);

  /* Two calls; then one read whose first attempt fails: each attempt is
   * signed afresh. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DdOrder) order = get_order (f->client, "123", &error);

      g_assert_no_error (error);
    }
  f->fail_first = 1;
  {
    g_autoptr(DdOrder) order = get_order (f->client, "123", &error);

    g_assert_no_error (error);
  }

  g_assert_cmpuint (f->seen->len, ==, 4);
  for (guint i = 0; i < f->seen->len; i++)
    {
      Seen *seen = g_ptr_array_index (f->seen, i);

      assert_signed (seen, 0, G_MAXINT64);
      g_assert_true (g_hash_table_add (nonces, (gpointer) header (seen, "nonce-str")));
    }
}

static void
test_clock_offset (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  gint64 before, after;

  dd_pp_client_set_clock_offset_ms (f->client, G_GINT64_CONSTANT (3600000));
  before = g_get_real_time () / 1000 + 3600000;
  order = get_order (f->client, "123", &error);
  after = g_get_real_time () / 1000 + 3600000;
  g_assert_no_error (error);
  assert_signed (last_seen (f), before, after);
}

static void
test_post_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  DdActionOutcome outcome = DD_ACTION_PENDING;
  JsonObject *body;
  Seen *seen;

  g_assert_true (pay_order (f->client, "42", &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, DD_ACTION_DONE);
  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/open/order/pay");
  g_assert_true (g_str_has_prefix (header (seen, "content-type"), "application/json"));
  body = body_object (seen, &root);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (body, "orderNo"), ==, "42");
  assert_signed (seen, 0, G_MAXINT64);

  g_clear_pointer (&root, json_node_unref);
  f->reply = g_strdup ("{\"orderNo\":\"42\",\"status\":\"CANCELLING\"}");
  g_assert_true (cancel_order (f->client, "42", "buyerCancel", "ignored", &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, DD_ACTION_PENDING);
  seen = last_seen (f);
  g_assert_cmpstr (seen->path, ==, "/open/order/cancel");
  body = body_object (seen, &root);
  g_assert_cmpstr (json_object_get_string_member (body, "orderNo"), ==, "42");
  g_assert_cmpstr (json_object_get_string_member (body, "reason"), ==, "buyerCancel");
}

static void
test_voucher_multipart (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) image = g_bytes_new_static (PNG, sizeof PNG);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  SoupMultipart *multipart;
  SoupMessageHeaders *part_headers;
  GBytes *part;
  Seen *seen;
  gboolean found_order = FALSE, found_file = FALSE;

  g_assert_true (upload_voucher (f->client, "42", image, "image/png", &error));
  g_assert_no_error (error);

  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/open/order/voucher");
  g_assert_true (g_str_has_prefix (header (seen, "content-type"), "multipart/form-data"));
  assert_signed (seen, 0, G_MAXINT64);

  soup_message_headers_replace (headers, "Content-Type", header (seen, "content-type"));
  multipart = soup_multipart_new_from_message (headers, seen->body);
  g_assert_nonnull (multipart);
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      g_autoptr(GHashTable) params = NULL;
      char *disposition = NULL;

      g_assert_true (soup_multipart_get_part (multipart, i, &part_headers, &part));
      g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
      if (g_strcmp0 (g_hash_table_lookup (params, "name"), "orderNo") == 0)
        {
          g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part), "42", 2);
          found_order = TRUE;
        }
      else if (g_strcmp0 (g_hash_table_lookup (params, "name"), "file") == 0)
        {
          g_assert_cmpstr (g_hash_table_lookup (params, "filename"), ==, "voucher.png");
          g_assert_cmpstr (soup_message_headers_get_content_type (part_headers, NULL), ==, "image/png");
          g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part), PNG, sizeof PNG);
          found_file = TRUE;
        }
      g_free (disposition);
    }
  soup_multipart_free (multipart);
  g_assert_true (found_order);
  g_assert_true (found_file);

  /* An empty voucher is not sent. */
  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
    guint n = f->seen->len;

    g_assert_false (upload_voucher (f->client, "42", empty, "image/png", &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
    g_assert_cmpuint (f->seen->len, ==, n);
  }
}

static void
test_1688_routing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *url = NULL;
  DdActionOutcome outcome;
  JsonObject *body;
  Seen *seen;

  order = get_order (f->client, "1688-77", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1688-77");
  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/alibaba/order/detail");
  body = body_object (seen, &root);
  g_assert_cmpstr (json_object_get_string_member (body, "webSite"), ==, "1688");
  g_assert_cmpstr (json_object_get_string_member (body, "orderId"), ==, "77");
  g_clear_pointer (&root, json_node_unref);

  g_assert_true (cancel_order (f->client, "1688-77", "sellerGoodsLack", "缺货", &outcome, &error));
  g_assert_no_error (error);
  seen = last_seen (f);
  g_assert_cmpstr (seen->path, ==, "/alibaba/order/cancel");
  body = body_object (seen, &root);
  g_assert_cmpstr (json_object_get_string_member (body, "webSite"), ==, "1688");
  g_assert_cmpstr (json_object_get_string_member (body, "orderId"), ==, "77");
  g_assert_cmpstr (json_object_get_string_member (body, "cancelReason"), ==, "sellerGoodsLack");
  g_assert_cmpstr (json_object_get_string_member (body, "remark"), ==, "缺货");
  g_clear_pointer (&root, json_node_unref);

  /* A reason 1688 does not know goes as "other". */
  g_assert_true (cancel_order (f->client, "1688-77", "买家不想买了", NULL, &outcome, &error));
  body = body_object (last_seen (f), &root);
  g_assert_cmpstr (json_object_get_string_member (body, "cancelReason"), ==, "other");
  g_assert_cmpstr (json_object_get_string_member (body, "remark"), ==, "");

  url = get_pay_url (f->client, "1688-77", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://pay.example/77");
  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "GET");
  g_assert_cmpstr (seen->path, ==, "/alibaba/order/pay/url");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "orderId"), ==, "77");
}

static void
test_not_supported (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) image = g_bytes_new_static (PNG, sizeof PNG);
  DdClientListing listing = { 1, TRUE };
  const DdCancelReason *reasons;
  DdActionOutcome outcome;

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (pay_order (f->client, "1688-1", &outcome, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (upload_voucher (f->client, "1688-1", image, "image/png", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *url = get_pay_url (f->client, "123", &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_null (url);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdLogistics) logistics = get_logistics (f->client, "1688-1", &error);

    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DdOrder) order = get_order (f->client, "1688-", &error);

    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  }
  /* None of these reached the platform. */
  g_assert_cmpuint (f->seen->len, ==, 0);

  g_assert_cmpstr (dd_client_get_platform (DD_CLIENT (f->client)), ==, DD_PLATFORM_PANDAPON);
  g_assert_cmpuint (dd_client_get_max_page_size (DD_CLIENT (f->client)), ==, DD_PP_MAX_PAGE_SIZE);
  g_assert_cmphex (dd_client_get_capabilities (DD_CLIENT (f->client)), ==,
                   DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET | DD_CLIENT_CAN_CANCEL | DD_CLIENT_CAN_PAY |
                   DD_CLIENT_CAN_UPLOAD_VOUCHER | DD_CLIENT_CAN_PAY_URL | DD_CLIENT_CAN_CREATE_PURCHASE |
                   DD_CLIENT_CAN_LOGISTICS | DD_CLIENT_CAN_AFTER_SALE);
  dd_client_get_listing (DD_CLIENT (f->client), &listing);
  g_assert_cmpint (listing.max_window_ms, ==, 0);
  g_assert_false (listing.page_backwards);
  reasons = dd_client_get_cancel_reasons (DD_CLIENT (f->client));
  g_assert_cmpstr (reasons[0].id, ==, "buyerCancel");
  g_assert_nonnull (reasons[0].label);
  g_assert_null (reasons[3].id);

  /* The interface's wrapper: no render, no server time. */
  {
    g_autoptr(GError) error = NULL;
    Wait wait = { NULL };
    g_autoptr(GAsyncResult) result = NULL;

    dd_client_get_server_time_async (DD_CLIENT (f->client), NULL, done_cb, &wait);
    result = wait_for (&wait);
    dd_client_get_server_time_finish (DD_CLIENT (f->client), result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
}

static void
test_list_query (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Seen *seen;

  {
    g_autoptr(DdOrderPage) page = list_orders (f->client, 0, 0, 3, 500, &error);

    g_assert_no_error (error);
    /* The page asked for, when the answer does not say. */
    g_assert_cmpuint (page->page, ==, 3);
    g_assert_cmpuint (page->page_size, ==, DD_PP_MAX_PAGE_SIZE);
  }
  seen = last_seen (f);
  g_assert_cmpstr (seen->path, ==, "/open/order/page");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "pageNo"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "pageSize"), ==, "50");
  g_assert_false (g_hash_table_contains (seen->query, "updateTimeStart"));
  g_assert_false (g_hash_table_contains (seen->query, "updateTimeEnd"));

  {
    g_autoptr(DdOrderPage) page = list_orders (f->client, G_GINT64_CONSTANT (1715669977082),
                                               G_GINT64_CONSTANT (1715671777082), 0, 0, &error);

    g_assert_no_error (error);
  }
  seen = last_seen (f);
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "pageNo"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "updateTimeStart"), ==, "1715669977082");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "updateTimeEnd"), ==, "1715671777082");
  assert_signed (seen, 0, G_MAXINT64);

  {
    g_autoptr(DdAfterSalePage) page = list_after_sales (f->client, 2, 10, &error);

    g_assert_no_error (error);
  }
  seen = last_seen (f);
  g_assert_cmpstr (seen->path, ==, "/open/order/refund/page");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "pageNo"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "pageSize"), ==, "10");
}

static void
test_write_not_retried (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DdActionOutcome outcome;

  f->fail_first = 1;
  g_assert_false (pay_order (f->client, "42", &outcome, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_SERVER);
  /* Sent once; may have been carried out: the caller reads the order back. */
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_true (dd_http_outcome_unknown (error));
}

static void
test_refund_cancel_path (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Seen *seen;

  g_assert_true (cancel_after_sale (f->client, "880000000001", &error));
  g_assert_no_error (error);
  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "GET");
  g_assert_cmpstr (seen->path, ==, "/open/order/refund/cancel/880000000001");

  /* An id cannot leave its path segment. */
  g_assert_true (cancel_after_sale (f->client, "a/b?c#d", &error));
  g_assert_no_error (error);
  seen = last_seen (f);
  /* (The server hands the path decoded: "?" and "#" in it, no query.) */
  g_assert_cmpstr (seen->path, ==, "/open/order/refund/cancel/a/b?c#d");
  g_assert_null (seen->query);
}

static void
test_logistics_query (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdLogistics) logistics = get_logistics (f->client, "1031992851828834889", &error);
  Seen *seen;

  g_assert_no_error (error);
  g_assert_cmpuint (logistics->parcels->len, ==, 0);
  seen = last_seen (f);
  g_assert_cmpstr (seen->path, ==, "/open/order/logistics/detail/get");
  g_assert_cmpstr (g_hash_table_lookup (seen->query, "subPurchaseOrderId"), ==, "1031992851828834889");
}

static void
test_create_requests (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DdPurchaseRequest) taobao = new_purchase (DD_PURCHASE_SOURCE_TAOBAO, "dd-k1", "600086815456800431");
  g_autoptr(DdPurchaseRequest) alibaba = new_purchase (DD_PURCHASE_SOURCE_1688, "dd-k2", "610000000001");
  g_autoptr(DdPurchaseRequest) keyless = new_purchase (DD_PURCHASE_SOURCE_TAOBAO, NULL, "1");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdOrder) order = NULL;
  JsonObject *body;
  Seen *seen;

  order = create_purchase (f->client, taobao, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "123");
  seen = last_seen (f);
  g_assert_cmpstr (seen->method, ==, "POST");
  g_assert_cmpstr (seen->path, ==, "/open/order");
  g_assert_true (g_str_has_prefix (header (seen, "content-type"), "application/json"));
  body = body_object (seen, &root);
  g_assert_cmpstr (json_object_get_string_member (body, "sellerOrderNumber"), ==, "dd-k1");
  g_assert_cmpint (json_object_get_int_member (body, "purchaseAmount"), ==, 7800);
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "orderLineList")));
  g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "receiver")));
  g_clear_pointer (&root, json_node_unref);
  g_clear_object (&order);

  order = create_purchase (f->client, alibaba, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1688-77");
  seen = last_seen (f);
  g_assert_cmpstr (seen->path, ==, "/alibaba/order/create");
  body = body_object (seen, &root);
  g_assert_cmpstr (json_object_get_string_member (body, "flow"), ==, "general");
  g_assert_cmpstr (json_object_get_string_member (body, "message"), ==, "请尽快发货");
  g_clear_object (&order);

  /* Without its key a create is not sent. */
  g_assert_cmpuint (f->seen->len, ==, 2);
  order = create_purchase (f->client, keyless, &error);
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (f->seen->len, ==, 2);
}

static void
test_endpoint_refused (void)
{
  g_autoptr(DdHttp) http = dd_http_new ();
  g_autoptr(DdPpClient) client = dd_pp_client_new (http, "http://api.pandapon.example", ACCESS_KEY, SECRET, USER_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = get_order (client, "1", &error);

  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
  g_assert_null (order);
  g_assert_cmpuint (dd_http_get_n_attempts (http), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/pp/client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("headers", test_headers);
  ADD ("user-id-not-signed", test_user_id_not_signed);
  ADD ("nonce-fresh", test_nonce_fresh);
  ADD ("clock-offset", test_clock_offset);
  ADD ("post-json", test_post_json);
  ADD ("voucher-multipart", test_voucher_multipart);
  ADD ("1688-routing", test_1688_routing);
  ADD ("not-supported", test_not_supported);
  ADD ("list-query", test_list_query);
  ADD ("write-not-retried", test_write_not_retried);
  ADD ("refund-cancel-path", test_refund_cancel_path);
  ADD ("logistics-query", test_logistics_query);
  ADD ("create-requests", test_create_requests);
#undef ADD
  g_test_add_func ("/dingdan/pp/client/endpoint-refused", test_endpoint_refused);

  return g_test_run ();
}
