/* dd-tw-client.c: Taobao Taiwan open platform (Lazada protocol) client
 *
 * A page of orders takes one /orders/get call, then /order/items/get calls
 * for the page's line ids (at most 100 ids a call, paged by the platform's
 * total_count). Every call goes through DdHttp as a read, so it is retried
 * on transient failures and its body is parsed in a worker. Once the lines
 * are in, a last worker attaches them to their orders and rebuilds each
 * order's raw JSON in the /order/get "module" shape for the cache.
 *
 * The app secret and access token live in this object only: they are never
 * logged (dd-http redacts `access_token` and `sign` from the URIs it logs).
 *
 * Reads go through dd_tw_client_call_async() (dd-tw-call.c), which
 * refreshes a refused access token once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-platform-error.h"
#include "dd-sign.h"
#include "dd-tw-client.h"
#include "dd-tw-client-private.h"
#include "dd-tw-parse.h"

#define ITEMS_PER_CALL   100
#define MAX_ITEMS_PAGES  1000


enum {
  TOKENS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void dd_tw_client_iface_init (DdClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdTwClient, dd_tw_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CLIENT, dd_tw_client_iface_init))

/* ------------------------------------------------------------------ */
/* Requests                                                            */

gint64
dd_tw_client_get_timestamp_ms (DdTwClient *self)
{
  g_return_val_if_fail (DD_IS_TW_CLIENT (self), 0);

  return g_get_real_time () / 1000 + self->clock_offset_ms;
}

char *
dd_tw_client_format_id_list (const char * const *ids,
                             guint               n_ids)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  array = json_array_sized_new (n_ids);
  for (guint i = 0; i < n_ids; i++)
    json_array_add_string_element (array, ids[i]);

  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  return json_to_string (node, FALSE);
}

SoupMessage *
dd_tw_client_build_message (DdTwClient    *self,
                            const char    *api_path,
                            DdSignParams  *business,
                            GError       **error)
{
  g_autoptr(DdSignParams) params = dd_sign_params_new ();
  g_autoptr(GString) uri = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *sign = NULL;
  const char * const *keys;
  SoupMessage *msg;
  gboolean first = TRUE;

  g_return_val_if_fail (DD_IS_TW_CLIENT (self), NULL);
  g_return_val_if_fail (api_path != NULL && api_path[0] == '/', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_http_check_endpoint (self->endpoint, error))
    return NULL;

  if (business != NULL)
    {
      keys = dd_sign_params_get_sorted_keys (business);
      for (guint i = 0; keys[i] != NULL; i++)
        dd_sign_params_set (params, keys[i], dd_sign_params_get (business, keys[i]));
    }

  timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, dd_tw_client_get_timestamp_ms (self));
  dd_sign_params_set (params, "app_key", self->app_key);
  dd_sign_params_set (params, "access_token", self->access_token);
  dd_sign_params_set (params, "timestamp", timestamp);
  dd_sign_params_set (params, "sign_method", "sha256");
  sign = dd_sign_tw (self->app_secret, api_path, params);
  dd_sign_params_set (params, "sign", sign);

  uri = g_string_new (self->endpoint);
  g_string_append (uri, api_path);
  keys = dd_sign_params_get_sorted_keys (params);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = dd_sign_params_get (params, keys[i]);

      if (value == NULL)
        continue;

      g_string_append_c (uri, first ? '?' : '&');
      g_string_append_uri_escaped (uri, keys[i], NULL, FALSE);
      g_string_append_c (uri, '=');
      g_string_append_uri_escaped (uri, value, NULL, FALSE);
      first = FALSE;
    }

  parsed = g_uri_parse (uri->str, SOUP_HTTP_URI_FLAGS, error);
  if (parsed == NULL)
    {
      g_prefix_error (error, "%s", _("The request could not be prepared: "));
      return NULL;
    }

  msg = soup_message_new_from_uri (SOUP_METHOD_GET, parsed);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Accept", "application/json");

  return msg;
}

/* ------------------------------------------------------------------ */
/* Parse results (built in workers)                                    */

typedef struct
{
  DdOrderPage *page;
  GPtrArray   *line_ids;    /* (element-type utf8) */
  GPtrArray   *raw_orders;  /* (element-type JsonNode) */
} PageResult;

static void
page_result_free (gpointer data)
{
  PageResult *result = data;

  g_clear_pointer (&result->page, dd_order_page_free);
  g_clear_pointer (&result->line_ids, g_ptr_array_unref);
  g_clear_pointer (&result->raw_orders, g_ptr_array_unref);
  g_free (result);
}

static gpointer
parse_orders_page_cb (GBytes    *body,
                      gpointer   user_data,
                      GError   **error)
{
  PageResult *result = g_new0 (PageResult, 1);
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  result->page = dd_tw_parse_orders_page_bare (data, len, &result->line_ids,
                                               &result->raw_orders, error);
  if (result->page == NULL)
    {
      page_result_free (result);
      return NULL;
    }

  return result;
}

typedef struct
{
  GPtrArray *lines;       /* (element-type DdOrderLine) */
  GPtrArray *raw_lines;   /* (element-type JsonNode) */
  guint64    total_count;
} ItemsResult;

static void
items_result_free (gpointer data)
{
  ItemsResult *result = data;

  g_clear_pointer (&result->lines, g_ptr_array_unref);
  g_clear_pointer (&result->raw_lines, g_ptr_array_unref);
  g_free (result);
}

static gpointer
parse_order_items_cb (GBytes    *body,
                      gpointer   user_data,
                      GError   **error)
{
  ItemsResult *result = g_new0 (ItemsResult, 1);
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  result->lines = dd_tw_parse_order_items (data, len, &result->total_count,
                                           &result->raw_lines, error);
  if (result->lines == NULL)
    {
      items_result_free (result);
      return NULL;
    }

  return result;
}

static gpointer
parse_order_cb (GBytes    *body,
                gpointer   user_data,
                GError   **error)
{
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  return dd_tw_parse_order (data, len, error);
}

/* ------------------------------------------------------------------ */
/* /order/items/get for any number of line ids                         */

typedef struct
{
  GPtrArray *line_ids;    /* (element-type utf8) owned */
  guint      chunk_start; /* first id of the current call's chunk */
  guint      page;        /* 1-based page within the chunk */
  guint64    chunk_received; /* lines received for the chunk so far */
  guint      n_calls;
  GPtrArray *lines;       /* (element-type DdOrderLine) accumulated */
  GPtrArray *raw_lines;   /* (element-type JsonNode) accumulated */
} ItemsData;

static void
items_data_free (gpointer data)
{
  ItemsData *items = data;

  g_clear_pointer (&items->line_ids, g_ptr_array_unref);
  g_clear_pointer (&items->lines, g_ptr_array_unref);
  g_clear_pointer (&items->raw_lines, g_ptr_array_unref);
  g_free (items);
}

static void items_call (GTask *task);

static void
items_call_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ItemsData *items = g_task_get_task_data (task);
  ItemsResult *page;
  GError *error = NULL;
  guint received;

  page = dd_tw_client_call_finish (DD_TW_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items->n_calls++;
  received = page->lines->len;
  g_ptr_array_extend_and_steal (items->lines, g_steal_pointer (&page->lines));
  g_ptr_array_extend_and_steal (items->raw_lines, g_steal_pointer (&page->raw_lines));

  /* More pages of this chunk? Counted in lines received, not in pages of
   * the size asked for: the platform may serve smaller pages. An empty page
   * ends the chunk whatever the count says, and so does having as many lines
   * as the chunk has ids (one line per id: a larger total_count, or a server
   * ignoring Page, must not make us call again and again). */
  items->chunk_received += received;
  if (received > 0 &&
      items->chunk_received < page->total_count &&
      items->chunk_received < MIN (ITEMS_PER_CALL, items->line_ids->len - items->chunk_start) &&
      items->page < MAX_ITEMS_PAGES)
    {
      items->page++;
    }
  else
    {
      items->page = 1;
      items->chunk_received = 0;
      items->chunk_start += ITEMS_PER_CALL;
    }
  items_result_free (page);

  if (items->chunk_start >= items->line_ids->len)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  items_call (g_steal_pointer (&task));
}

/* Takes @task. */
static void
items_call (GTask *task)
{
  DdTwClient *self = g_task_get_source_object (task);
  ItemsData *items = g_task_get_task_data (task);
  DdSignParams *business = dd_sign_params_new ();
  guint n = MIN (ITEMS_PER_CALL, items->line_ids->len - items->chunk_start);
  g_autofree char *id_list = NULL;
  g_autofree char *page = g_strdup_printf ("%u", items->page);
  g_autofree char *page_size = g_strdup_printf ("%u", (guint) ITEMS_PER_CALL);

  id_list = dd_tw_client_format_id_list ((const char * const *) items->line_ids->pdata + items->chunk_start, n);
  dd_sign_params_set (business, "trade_order_line_id_list", id_list);
  dd_sign_params_set (business, "Page", page);
  dd_sign_params_set (business, "Page_Size", page_size);

  g_debug ("Taiwan: %u line ids from %u, page %u", n, items->chunk_start, items->page);

  dd_tw_client_call_async (self, "/order/items/get", business, parse_order_items_cb, items_result_free,
                 g_task_get_cancellable (task), items_call_cb, task);
}

/* Fetches every line of @line_ids (taken); the result is the ItemsData. */
static void
fetch_items_async (DdTwClient          *self,
                   GPtrArray           *line_ids,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ItemsData *items;

  items = g_new0 (ItemsData, 1);
  items->line_ids = line_ids;
  items->page = 1;
  items->lines = g_ptr_array_new_with_free_func (g_object_unref);
  items->raw_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fetch_items_async);
  g_task_set_task_data (task, items, items_data_free);

  if (line_ids->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  items_call (g_steal_pointer (&task));
}

/* Borrowed from the task, valid while the caller holds @result. */
static ItemsData *
fetch_items_finish (DdTwClient    *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fetch_items_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_task_get_task_data (G_TASK (result));
}

static void
get_order_items_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ItemsData *items;
  GError *error = NULL;

  items = fetch_items_finish (DD_TW_CLIENT (object), result, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&items->lines),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
dd_tw_client_get_order_items_async (DdTwClient          *self,
                                    const char * const  *line_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *ids;

  g_return_if_fail (DD_IS_TW_CLIENT (self));
  g_return_if_fail (line_ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; line_ids[i] != NULL; i++)
    g_ptr_array_add (ids, g_strdup (line_ids[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_tw_client_get_order_items_async);

  fetch_items_async (self, ids, cancellable, get_order_items_cb, g_steal_pointer (&task));
}

GPtrArray *
dd_tw_client_get_order_items_finish (DdTwClient    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (DD_IS_TW_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_tw_client_get_order_items_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* list_orders                                                         */

typedef struct
{
  guint        page;        /* requested */
  guint        page_size;   /* requested, clamped */
  PageResult  *orders;      /* owned; from /orders/get */
} ListData;

static void
list_data_free (gpointer data)
{
  ListData *list = data;

  g_clear_pointer (&list->orders, page_result_free);
  g_free (list);
}

/* What the last worker needs. It holds no reference on the client: a worker
 * thread may drop its task after the caller has been answered. */
typedef struct
{
  guint        page;
  guint        page_size;
  guint        n_calls;
  PageResult  *orders;      /* owned */
  GPtrArray   *lines;       /* (element-type DdOrderLine) owned */
  GPtrArray   *raw_lines;   /* (element-type JsonNode) owned */
} AttachData;

static void
attach_data_free (gpointer data)
{
  AttachData *attach = data;

  g_clear_pointer (&attach->orders, page_result_free);
  g_clear_pointer (&attach->lines, g_ptr_array_unref);
  g_clear_pointer (&attach->raw_lines, g_ptr_array_unref);
  g_free (attach);
}

/* Worker: attach each line to its order and rebuild the orders' raw JSON in
 * the module shape. Only this thread touches the data now. */
static void
attach_lines_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AttachData *attach = task_data;
  DdOrderPage *page = attach->orders->page;
  g_autoptr(GHashTable) index = NULL;      /* order id → position + 1 */
  g_autoptr(GHashTable) seen = NULL;       /* line ids attached */
  g_autoptr(GPtrArray) per_order = NULL;   /* position → GPtrArray of JsonNode */

  index = g_hash_table_new (g_str_hash, g_str_equal);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  per_order = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < page->orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (page->orders, i);

      g_hash_table_insert (index, (gpointer) dd_order_get_order_id (order), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (per_order, g_ptr_array_new ());
    }

  for (guint i = 0; i < attach->lines->len; i++)
    {
      DdOrderLine *line = g_ptr_array_index (attach->lines, i);
      const char *line_id = dd_order_line_get_line_id (line);
      guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (index, dd_order_line_get_order_id (line)));

      if (pos == 0)
        {
          g_debug ("Taiwan: line %s belongs to no order of this page", line_id);
          continue;
        }
      if (!g_hash_table_add (seen, (gpointer) line_id))
        continue; /* served twice (pages shifted): once is enough */

      dd_order_add_line (g_ptr_array_index (page->orders, pos - 1), line);
      g_ptr_array_add (g_ptr_array_index (per_order, pos - 1), g_ptr_array_index (attach->raw_lines, i));
    }

  for (guint i = 0; i < page->orders->len; i++)
    {
      JsonNode *raw = g_ptr_array_index (attach->orders->raw_orders, i);
      g_autofree char *module = NULL;

      module = dd_tw_build_module_json (json_node_get_object (raw), g_ptr_array_index (per_order, i));
      dd_order_set_raw_json (g_ptr_array_index (page->orders, i), module);
    }

  page = g_steal_pointer (&attach->orders->page);

  /* The served trees (and the rest of the page's parse) are freed here,
   * not on the main thread that answers the caller. */
  g_clear_pointer (&per_order, g_ptr_array_unref);
  g_clear_pointer (&attach->orders, page_result_free);
  g_clear_pointer (&attach->lines, g_ptr_array_unref);
  g_clear_pointer (&attach->raw_lines, g_ptr_array_unref);

  if (page->page == 0)
    page->page = attach->page;
  if (page->page_size == 0)
    page->page_size = attach->page_size;
  page->n_calls = attach->n_calls;

  g_task_return_pointer (task, page, (GDestroyNotify) dd_order_page_free);
}

static void
attach_lines_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdOrderPage *page;
  GError *error = NULL;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) dd_order_page_free);
}

/* Takes @lines and @raw_lines; steals the list's orders. */
static void
attach_lines (GTask     *task,
              GPtrArray *lines,
              GPtrArray *raw_lines,
              guint      n_item_calls)
{
  ListData *list = g_task_get_task_data (task);
  g_autoptr(GTask) worker = NULL;
  AttachData *attach;

  attach = g_new0 (AttachData, 1);
  attach->page = list->page;
  attach->page_size = list->page_size;
  attach->n_calls = 1 + n_item_calls;
  attach->orders = g_steal_pointer (&list->orders);
  attach->lines = lines;
  attach->raw_lines = raw_lines;

  worker = g_task_new (NULL, g_task_get_cancellable (task), attach_lines_cb, g_object_ref (task));
  g_task_set_source_tag (worker, attach_lines);
  g_task_set_task_data (worker, attach, attach_data_free);
  g_task_run_in_thread (worker, attach_lines_thread);
}

static void
list_items_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ItemsData *items;
  GError *error = NULL;

  items = fetch_items_finish (DD_TW_CLIENT (object), result, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attach_lines (task, g_steal_pointer (&items->lines), g_steal_pointer (&items->raw_lines),
                items->n_calls);
}

static void
list_orders_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdTwClient *self = g_task_get_source_object (task);
  ListData *list = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  list->orders = dd_tw_client_call_finish (DD_TW_CLIENT (object), result, &error);
  if (list->orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Taiwan: page %u: %u orders of %" G_GUINT64_FORMAT ", %u lines",
           list->page, list->orders->page->orders->len,
           list->orders->page->total_count, list->orders->line_ids->len);

  if (list->orders->line_ids->len == 0)
    {
      attach_lines (task, g_ptr_array_new_with_free_func (g_object_unref),
                    g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref), 0);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  fetch_items_async (self, g_steal_pointer (&list->orders->line_ids),
                     cancellable, list_items_cb, g_steal_pointer (&task));
}

static void
dd_tw_client_list_orders_async (DdClient            *client,
                                const DdListQuery   *query,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DdTwClient *self = DD_TW_CLIENT (client);
  g_autoptr(GTask) task = NULL;
  g_autofree char *page = NULL;
  g_autofree char *page_size = NULL;
  DdSignParams *business;
  ListData *list;

  list = g_new0 (ListData, 1);
  list->page = MAX (query->page, 1);
  list->page_size = query->page_size == 0 ? DD_TW_MAX_PAGE_SIZE : MIN (query->page_size, DD_TW_MAX_PAGE_SIZE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_tw_client_list_orders_async);
  g_task_set_task_data (task, list, list_data_free);

  page = g_strdup_printf ("%u", list->page);
  page_size = g_strdup_printf ("%u", list->page_size);
  business = dd_sign_params_new ();
  dd_sign_params_set (business, "Order_Status", "all");
  dd_sign_params_set (business, "Page", page);
  dd_sign_params_set (business, "Page_Size", page_size);
  if (query->modified_since_ms != 0)
    {
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, query->modified_since_ms);

      dd_sign_params_set (business, "modification_time_start", start);
    }
  if (query->modified_until_ms != 0)
    {
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, query->modified_until_ms);

      dd_sign_params_set (business, "modification_time_end", end);
    }

  dd_tw_client_call_async (self, "/orders/get", business, parse_orders_page_cb, page_result_free,
                 cancellable, list_orders_cb, g_steal_pointer (&task));
}

static DdOrderPage *
dd_tw_client_list_orders_finish (DdClient      *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_tw_client_list_orders_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* get_order                                                           */

static void
get_order_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DdOrder *order;
  GError *error = NULL;

  order = dd_tw_client_call_finish (DD_TW_CLIENT (object), result, &error);
  if (order == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, order, g_object_unref);
}

static void
dd_tw_client_get_order_async (DdClient            *client,
                              const char          *order_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  DdTwClient *self = DD_TW_CLIENT (client);
  g_autoptr(GTask) task = NULL;
  DdSignParams *business;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_tw_client_get_order_async);

  business = dd_sign_params_new ();
  dd_sign_params_set (business, "trade_order_id", order_id);

  dd_tw_client_call_async (self, "/order/get", business, parse_order_cb, g_object_unref,
                 cancellable, get_order_cb, g_steal_pointer (&task));
}

static DdOrder *
dd_tw_client_get_order_finish (DdClient      *client,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_tw_client_get_order_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject, DdClient                                                   */

static const char *
dd_tw_client_get_platform (DdClient *client)
{
  return DD_PLATFORM_TW;
}

static guint
dd_tw_client_get_max_page_size (DdClient *client)
{
  return DD_TW_MAX_PAGE_SIZE;
}

static DdClientCapabilities
dd_tw_client_get_capabilities (DdClient *client)
{
  return DD_CLIENT_CAN_LIST | DD_CLIENT_CAN_GET;
}

static void
dd_tw_client_iface_init (DdClientInterface *iface)
{
  iface->get_platform = dd_tw_client_get_platform;
  iface->get_max_page_size = dd_tw_client_get_max_page_size;
  iface->get_capabilities = dd_tw_client_get_capabilities;
  iface->list_orders_async = dd_tw_client_list_orders_async;
  iface->list_orders_finish = dd_tw_client_list_orders_finish;
  iface->get_order_async = dd_tw_client_get_order_async;
  iface->get_order_finish = dd_tw_client_get_order_finish;
}

static void
dd_tw_client_dispose (GObject *object)
{
  DdTwClient *self = DD_TW_CLIENT (object);

  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_tw_client_parent_class)->dispose (object);
}

static void
dd_tw_client_finalize (GObject *object)
{
  DdTwClient *self = DD_TW_CLIENT (object);

  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->app_key, g_free);
  dd_tw_clear_secret (&self->app_secret);
  dd_tw_clear_secret (&self->access_token);
  dd_tw_clear_secret (&self->refresh_token);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_tw_client_parent_class)->finalize (object);
}

static void
dd_tw_client_class_init (DdTwClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_tw_client_dispose;
  object_class->finalize = dd_tw_client_finalize;

  /**
   * DdTwClient::tokens-changed:
   * @access_token: the new access token
   * @refresh_token: (nullable): the refresh token now held
   *
   * The client refreshed its tokens: the account store saves them to the
   * keyring. Handlers must not log them.
   */
  signals[TOKENS_CHANGED] =
    g_signal_new ("tokens-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
dd_tw_client_init (DdTwClient *self)
{
  self->refresh_waiters = g_ptr_array_new ();
}

DdTwClient *
dd_tw_client_new (DdHttp     *http,
                  const char *endpoint,
                  const char *app_key,
                  const char *app_secret,
                  const char *access_token)
{
  DdTwClient *self;
  gsize len;

  g_return_val_if_fail (DD_IS_HTTP (http), NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (app_key != NULL, NULL);
  g_return_val_if_fail (app_secret != NULL, NULL);
  g_return_val_if_fail (access_token != NULL, NULL);

  self = g_object_new (DD_TYPE_TW_CLIENT, NULL);
  self->http = g_object_ref (http);

  len = strlen (endpoint);
  while (len > 0 && endpoint[len - 1] == '/')
    len--;
  self->endpoint = g_strndup (endpoint, len);
  self->app_key = g_strdup (app_key);
  self->app_secret = g_strdup (app_secret);
  self->access_token = g_strdup (access_token);

  return self;
}

void
dd_tw_client_emit_tokens_changed (DdTwClient *self)
{
  g_signal_emit (self, signals[TOKENS_CHANGED], 0, self->access_token, self->refresh_token);
}

void
dd_tw_client_set_clock_offset_ms (DdTwClient *self,
                                  gint64      offset_ms)
{
  g_return_if_fail (DD_IS_TW_CLIENT (self));

  self->clock_offset_ms = offset_ms;
}

