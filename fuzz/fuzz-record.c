/* fuzz-record.c: records seed corpora for the fuzz targets from real
 * sandbox traffic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   fuzz-record CORPUS_DIR
 *
 * Starts a sandbox (seed 1, 12 orders per seller shop) with every clock
 * set to FUZZ_EPOCH_MS (fuzz-common.h), drives the four
 * platform clients through it (list, get, cancel, pay, purchase, logistics,
 * after-sales, server time, and the same with a wrong secret for the error
 * shapes), and logs every exchange with a SoupLogger. It then writes into
 * CORPUS_DIR/<target>/ (file name: the SHA-1 of the content):
 *   fuzz-sandbox-request  each request as raw HTTP/1.1
 *   fuzz-tw-parse, fuzz-top-parse, fuzz-pp-parse
 *                         each answer, behind the selector byte of its parser
 *   fuzz-sku-info, fuzz-receiver, fuzz-order-line-list, fuzz-time, fuzz-money
 *                         the nested strings, times and amounts found in any
 *                         JSON body of either direction.
 * Not part of the fuzzers (built without libFuzzer): run by build-aux/fuzz.sh --record.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libsoup/soup.h>

#include "dd-http.h"
#include "dd-json.h"
#include "dd-pp-client.h"
#include "dd-sandbox.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"
#include "fuzz-common.h"

typedef struct
{
  GString  *head;       /* request line and headers, CRLF-ended */
  GString  *body;
  gboolean  in_body;
  char     *path;       /* the request's path and query */
  gboolean  is_response;
} Half;

typedef struct
{
  Half *request;
  Half *response;
} Exchange;

static const char *corpus_dir;
static GHashTable *exchanges;  /* message number → Exchange* */
static Half *current_out, *current_in;
static guint n_written;

static Half *
half_new (gboolean is_response)
{
  Half *half = g_new0 (Half, 1);

  half->head = g_string_new (NULL);
  half->body = g_string_new (NULL);
  half->is_response = is_response;
  return half;
}

static void
half_free (Half *half)
{
  if (half == NULL)
    return;
  g_string_free (half->head, TRUE);
  g_string_free (half->body, TRUE);
  g_free (half->path);
  g_free (half);
}

static void
exchange_free (Exchange *exchange)
{
  half_free (exchange->request);
  half_free (exchange->response);
  g_free (exchange);
}

static void
attach (Half       *half,
        const char *debug_line)
{
  const char *at = strstr (debug_line, "SoupMessage ");
  guint number;
  Exchange *exchange;

  if (at == NULL || sscanf (at, "SoupMessage %u", &number) != 1)
    return;
  exchange = g_hash_table_lookup (exchanges, GUINT_TO_POINTER (number));
  if (exchange == NULL)
    {
      exchange = g_new0 (Exchange, 1);
      g_hash_table_insert (exchanges, GUINT_TO_POINTER (number), exchange);
    }
  if (half->is_response)
    exchange->response = half;
  else
    exchange->request = half;
}

static void
printer_cb (SoupLogger         *logger,
            SoupLoggerLogLevel  level,
            char                direction,
            const char         *data,
            gpointer            user_data)
{
  Half **current;

  if (direction == '>')
    {
      if (g_regex_match_simple ("^[A-Z]+ \\S+ HTTP/1\\.[01]$", data, 0, 0))
        {
          current_out = half_new (FALSE);
          current_out->path = g_strndup (strchr (data, ' ') + 1, strrchr (data, ' ') - strchr (data, ' ') - 1);
        }
      current = &current_out;
    }
  else if (direction == '<')
    {
      if (g_str_has_prefix (data, "HTTP/1."))
        current_in = half_new (TRUE);
      current = &current_in;
    }
  else
    {
      return;
    }

  if (*current == NULL)
    return;
  if (g_str_has_prefix (data, "Soup-Debug: "))
    {
      attach (*current, data);
      return;
    }
  if (g_str_has_prefix (data, "Soup-Debug"))
    return;
  if ((*current)->in_body)
    {
      if ((*current)->body->len > 0)
        g_string_append_c ((*current)->body, '\n');
      g_string_append ((*current)->body, data);
    }
  else if (*data == '\0')
    (*current)->in_body = TRUE;
  else
    g_string_append_printf ((*current)->head, "%s\r\n", data);
}

/* ---- writing ---------------------------------------------------------- */

static void
write_seed (const char *target,
            int         selector,
            const char *data,
            gsize       len)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *dir = g_build_filename (corpus_dir, target, NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (selector >= 0)
    {
      guint8 byte = (guint8) selector;

      g_byte_array_append (bytes, &byte, 1);
    }
  g_byte_array_append (bytes, (const guint8 *) data, len);
  name = g_compute_checksum_for_data (G_CHECKSUM_SHA1, bytes->data, bytes->len);
  path = g_build_filename (dir, name, NULL);
  g_mkdir_with_parents (dir, 0755);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error))
    g_error ("%s", error->message);
  n_written++;
}

static gboolean
key_is (const char *key,
        const char *words)
{
  g_auto(GStrv) list = g_strsplit (words, ",", -1);
  g_autofree char *lower = g_ascii_strdown (key, -1);

  for (guint i = 0; list[i] != NULL; i++)
    if (strstr (lower, list[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void walk_node (const char *key, JsonNode *node);

static void
walk_member (JsonObject  *object,
             const char  *member,
             JsonNode    *node,
             gpointer     user_data)
{
  walk_node (member, node);
}

static void
walk_element (JsonArray *array,
              guint      index,
              JsonNode  *node,
              gpointer   user_data)
{
  walk_node (user_data, node);
}

/* The nested strings, times and amounts of any JSON body. */
static void
walk_node (const char *key,
           JsonNode   *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      if (key != NULL && strcmp (key, "receiver") == 0)
        {
          g_autofree char *text = dd_json_to_string (node);

          write_seed ("fuzz-receiver", -1, text, strlen (text));
        }
      json_object_foreach_member (json_node_get_object (node), walk_member, NULL);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      json_array_foreach_element (json_node_get_array (node), walk_element, (gpointer) key);
      return;
    }
  if (key == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      gsize len = strlen (text);

      if (strcmp (key, "sku_info") == 0 || strcmp (key, "sku_properties_name") == 0 ||
          strcmp (key, "sku_properties") == 0)
        write_seed ("fuzz-sku-info", -1, text, len);
      else if (strcmp (key, "receiver") == 0)
        write_seed ("fuzz-receiver", -1, text, len);
      else if (strcmp (key, "orderLineList") == 0)
        write_seed ("fuzz-order-line-list", -1, text, len);
      else if (key_is (key, "time,created,modified,date") && len > 0 && len < 64)
        write_seed ("fuzz-time", -1, text, len);
      else if (key_is (key, "price,fee,amount,payment,total,cost") && len > 0 && len < 64)
        write_seed ("fuzz-money", 0, text, len);
    }
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

      if (key_is (key, "time,created,modified"))
        write_seed ("fuzz-time", -1, text, strlen (text));
      else if (key_is (key, "price,fee,amount,payment,total,cost"))
        write_seed ("fuzz-money", 1, text, strlen (text));
    }
}

static void
walk_body (const char *body,
           gsize       len)
{
  g_autoptr(JsonNode) root = dd_json_parse (body, len, NULL);

  if (root != NULL)
    walk_node (NULL, root);
}

/* The fuzz-top-parse selector: the index of the method in its table. */
static int
top_selector (const char *method)
{
  static const char * const methods[] = {
    "taobao.trades.sold.get", "taobao.trades.sold.increment.get", "taobao.trade.fullinfo.get",
    "taobao.trade.close", "taobao.time.get", "taobao.pc.order.list", "taobao.pc.order.detail",
    "taobao.pc.order.cancel", "taobao.pc.order.render", "taobao.pc.out.tower.order.create",
  };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_strcmp0 (method, methods[i]) == 0)
      return (int) i;
  return -1;
}

static int
tw_selector (const char *path)
{
  if (g_str_has_prefix (path, "/rest/orders/get"))
    return 2;  /* KIND_ORDERS_PAGE_FULL */
  if (g_str_has_prefix (path, "/rest/order/items/get"))
    return 4;
  if (g_str_has_prefix (path, "/rest/order/get"))
    return 5;
  return 0;
}

static int
pp_selector (const char *path)
{
  static const struct { const char *prefix; int kind; } paths[] = {
    { "/open/order/page", 1 },
    { "/open/order/detail", 2 },
    { "/alibaba/order/detail", 3 },
    { "/alibaba/order/create", 5 },
    { "/alibaba/order/cancel", 6 },
    { "/open/order/cancel", 6 },
    { "/open/order/pay", 7 },
    { "/open/order/voucher", 8 },
    { "/open/order/refund/cancel", 8 },
    { "/alibaba/order/pay/url", 9 },
    { "/open/order/logistics", 10 },
    { "/open/order/refund/page", 11 },
    { "/open/order", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (g_str_has_prefix (path, paths[i].prefix))
      return paths[i].kind;
  return 0;
}

static void
flush_exchanges (void)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, exchanges);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Exchange *exchange = value;
      Half *request = exchange->request, *response = exchange->response;
      g_autoptr(GString) raw = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *query;

      if (request == NULL || response == NULL)
        continue;

      raw = g_string_new (request->head->str);
      g_string_append (raw, "\r\n");
      g_string_append_len (raw, request->body->str, request->body->len);
      write_seed ("fuzz-sandbox-request", -1, raw->str, raw->len);
      walk_body (request->body->str, request->body->len);
      walk_body (response->body->str, response->body->len);

      query = strchr (request->path, '?');
      params = query != NULL ? soup_form_decode (query + 1) : NULL;
      if (strstr (request->head->str, "x-www-form-urlencoded") != NULL)
        {
          g_autoptr(GHashTable) form = soup_form_decode (request->body->str);
          const char *method = g_hash_table_lookup (form, "method");

          if (method != NULL)
            {
              if (params == NULL)
                params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_hash_table_insert (params, g_strdup ("method"), g_strdup (method));
            }
        }

      if (g_str_has_prefix (request->path, "/router/rest"))
        {
          int selector = top_selector (params != NULL ? g_hash_table_lookup (params, "method") : NULL);

          if (selector >= 0)
            write_seed ("fuzz-top-parse", selector, response->body->str, response->body->len);
        }
      else if (g_str_has_prefix (request->path, "/rest/"))
        {
          write_seed ("fuzz-tw-parse", tw_selector (request->path), response->body->str, response->body->len);
        }
      else if (g_str_has_prefix (request->path, "/open/") || g_str_has_prefix (request->path, "/alibaba/"))
        {
          write_seed ("fuzz-pp-parse", pp_selector (request->path), response->body->str, response->body->len);
        }
    }
  g_hash_table_remove_all (exchanges);
  current_out = current_in = NULL;
}

/* ---- driving the clients ---------------------------------------------- */

static GAsyncResult *
wait_result (void)
{
  return NULL;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
run_until_done (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static GPtrArray *
drive_list (DdClient *client)
{
  GAsyncResult *result = wait_result ();
  DdListQuery query = { 0, 0, 1, 20 };
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  dd_client_list_orders_async (client, &query, NULL, result_cb, &result);
  page = dd_client_list_orders_finish (client, run_until_done (&result), &error);
  g_clear_object (&result);
  if (page != NULL)
    for (guint i = 0; i < page->orders->len; i++)
      g_ptr_array_add (ids, g_strdup (dd_order_get_order_id (g_ptr_array_index (page->orders, i))));
  /* An incremental listing too (the other method on TOP). */
  query.modified_since_ms = g_get_real_time () / 1000 - 24 * 3600 * 1000;
  dd_client_list_orders_async (client, &query, NULL, result_cb, &result);
  g_clear_pointer (&page, dd_order_page_free);
  page = dd_client_list_orders_finish (client, run_until_done (&result), NULL);
  g_clear_object (&result);
  return ids;
}

static void
drive_client (DdClient *client,
              gboolean  writes)
{
  g_autoptr(GPtrArray) ids = drive_list (client);
  DdClientCapabilities caps = dd_client_get_capabilities (client);
  GAsyncResult *result = NULL;

  for (guint i = 0; i < MIN (ids->len, 4); i++)
    {
      g_autoptr(DdOrder) order = NULL;

      dd_client_get_order_async (client, ids->pdata[i], NULL, result_cb, &result);
      order = dd_client_get_order_finish (client, run_until_done (&result), NULL);
      g_clear_object (&result);
    }
  {
    g_autoptr(DdOrder) order = NULL;

    dd_client_get_order_async (client, "999999999999", NULL, result_cb, &result);
    order = dd_client_get_order_finish (client, run_until_done (&result), NULL);
    g_clear_object (&result);
  }

  if (caps & DD_CLIENT_CAN_SERVER_TIME)
    {
      dd_client_get_server_time_async (client, NULL, result_cb, &result);
      (void) dd_client_get_server_time_finish (client, run_until_done (&result), NULL);
      g_clear_object (&result);
    }
  if (!writes)
    return;

  for (guint i = 0; i < MIN (ids->len, 6); i++)
    {
      DdActionOutcome outcome;
      const DdCancelReason *reasons = dd_client_get_cancel_reasons (client);

      if ((caps & DD_CLIENT_CAN_CANCEL) && i % 2 == 0)
        {
          dd_client_cancel_order_async (client, ids->pdata[i], reasons[0].id, "fuzz seed",
                                        NULL, result_cb, &result);
          (void) dd_client_cancel_order_finish (client, run_until_done (&result), &outcome, NULL);
          g_clear_object (&result);
        }
      if ((caps & DD_CLIENT_CAN_PAY) && i % 2 == 1)
        {
          dd_client_pay_order_async (client, ids->pdata[i], NULL, result_cb, &result);
          (void) dd_client_pay_order_finish (client, run_until_done (&result), &outcome, NULL);
          g_clear_object (&result);
        }
      if (caps & DD_CLIENT_CAN_PAY_URL)
        {
          g_autofree char *url = NULL;

          dd_client_get_pay_url_async (client, ids->pdata[i], NULL, result_cb, &result);
          url = dd_client_get_pay_url_finish (client, run_until_done (&result), NULL);
          g_clear_object (&result);
        }
      if (caps & DD_CLIENT_CAN_LOGISTICS)
        {
          g_autoptr(DdLogistics) logistics = NULL;

          dd_client_get_logistics_async (client, ids->pdata[i], NULL, result_cb, &result);
          logistics = dd_client_get_logistics_finish (client, run_until_done (&result), NULL);
          g_clear_object (&result);
        }
    }

  if (caps & DD_CLIENT_CAN_AFTER_SALE)
    {
      g_autoptr(DdAfterSalePage) page = NULL;

      dd_client_list_after_sales_async (client, 1, 20, NULL, result_cb, &result);
      page = dd_client_list_after_sales_finish (client, run_until_done (&result), NULL);
      g_clear_object (&result);
    }

  for (int source = DD_PURCHASE_SOURCE_TAOBAO; source <= DD_PURCHASE_SOURCE_1688; source++)
    {
      g_autoptr(DdPurchaseRequest) request = NULL;
      g_autofree char *key = g_strdup_printf ("dd-fuzz-seed-%d", source);
      DdMoney price;

      request = dd_purchase_request_new (source, key);
      dd_money_init (&price, 3900, "CNY");
      dd_purchase_request_add_line (request, source == DD_PURCHASE_SOURCE_1688 ? "610000000001" : "600000000001",
                                    source == DD_PURCHASE_SOURCE_1688 ? "b5a3d0c1" : "4766078803304", 2, &price);
      dd_purchase_request_add_line (request, "600000000009", NULL, 1, &price);
      request->receiver.receiver_name = g_strdup ("张三");
      request->receiver.receiver_phone = g_strdup ("15068763421");
      request->receiver.country_code = g_strdup ("中国");
      request->receiver.state = g_strdup ("浙江省");
      request->receiver.city = g_strdup ("杭州市");
      request->receiver.area = g_strdup ("余杭区");
      request->receiver.detail_address = g_strdup ("文一西路969号");
      request->receiver.zip = g_strdup ("311100");
      request->remark = g_strdup ("请尽快发货");

      if (caps & DD_CLIENT_CAN_RENDER_PURCHASE)
        {
          g_autoptr(DdPurchasePreview) preview = NULL;

          dd_client_render_purchase_async (client, request, NULL, result_cb, &result);
          preview = dd_client_render_purchase_finish (client, run_until_done (&result), NULL);
          g_clear_object (&result);
        }
      if (caps & DD_CLIENT_CAN_CREATE_PURCHASE)
        {
          g_autoptr(DdOrder) order = NULL;

          /* Twice: the second is the duplicate answer. */
          for (int k = 0; k < 2; k++)
            {
              dd_client_create_purchase_async (client, request, NULL, result_cb, &result);
              g_clear_object (&order);
              order = dd_client_create_purchase_finish (client, run_until_done (&result), NULL);
              g_clear_object (&result);
            }
        }
    }
}

static void
drive_all (DdHttp     *http,
           const char *base,
           const char *secret,
           gboolean    writes)
{
  g_autofree char *tw_endpoint = g_strconcat (base, "/rest", NULL);
  g_autofree char *top_endpoint = g_strconcat (base, "/router/rest", NULL);
  g_autoptr(DdTwClient) tw = dd_tw_client_new (http, tw_endpoint, DD_SANDBOX_DEFAULT_APP_KEY, secret,
                                               DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_autoptr(DdTopClient) top = dd_top_client_new (http, top_endpoint, DD_SANDBOX_DEFAULT_APP_KEY, secret,
                                                  DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SIGN_TOP_MD5);
  g_autoptr(DdTopClient) top_hmac = dd_top_client_new (http, top_endpoint, DD_SANDBOX_DEFAULT_APP_KEY, secret,
                                                       DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SIGN_TOP_HMAC_SHA256);
  g_autoptr(DdTopPcClient) pc = dd_top_pc_client_new (http, top_endpoint, DD_SANDBOX_DEFAULT_APP_KEY, secret,
                                                      DD_SANDBOX_DEFAULT_ACCESS_TOKEN, DD_SIGN_TOP_HMAC,
                                                      "2200000001");
  g_autoptr(DdPpClient) pp = dd_pp_client_new (http, base, DD_SANDBOX_DEFAULT_APP_KEY, secret, "fuzz-user");
  gint64 offset;

  /* Every client and the sandbox on FUZZ_EPOCH_MS's clock. */
  offset = FUZZ_EPOCH_MS - g_get_real_time () / 1000;
  dd_tw_client_set_clock_offset_ms (tw, offset);
  dd_top_client_set_clock_offset_ms (top, offset);
  dd_top_client_set_clock_offset_ms (top_hmac, offset);
  dd_top_pc_client_set_clock_offset_ms (pc, offset);
  dd_pp_client_set_clock_offset_ms (pp, offset);

  drive_client (DD_CLIENT (tw), writes);
  flush_exchanges ();
  drive_client (DD_CLIENT (top), writes);
  flush_exchanges ();
  drive_client (DD_CLIENT (top_hmac), FALSE);
  flush_exchanges ();
  drive_client (DD_CLIENT (pc), writes);
  flush_exchanges ();
  drive_client (DD_CLIENT (pp), writes);
  flush_exchanges ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(SoupLogger) logger = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s CORPUS_DIR\n", argv[0]);
      return 2;
    }
  corpus_dir = argv[1];
  exchanges = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) exchange_free);

  sandbox = dd_sandbox_new (1, 12, NULL, NULL, NULL);
  if (!dd_sandbox_start_in_thread (sandbox, 0, &error))
    g_error ("sandbox: %s", error->message);
  dd_sandbox_advance_clock (sandbox, FUZZ_EPOCH_MS - g_get_real_time () / 1000);

  http = dd_http_new ();
  dd_http_set_max_retries (http, 0);
  logger = soup_logger_new (SOUP_LOGGER_LOG_BODY);
  soup_logger_set_max_body_size (logger, -1);
  soup_logger_set_printer (logger, printer_cb, NULL, NULL);
  soup_session_add_feature (dd_http_get_session (http), SOUP_SESSION_FEATURE (logger));

  drive_all (http, dd_sandbox_get_base_url (sandbox), DD_SANDBOX_DEFAULT_APP_SECRET, TRUE);
  /* The error shapes: every call refused. */
  drive_all (http, dd_sandbox_get_base_url (sandbox), "not-the-secret", FALSE);

  g_hash_table_unref (exchanges);
  printf ("%u seed files written under %s\n", n_written, corpus_dir);
  return 0;
}
