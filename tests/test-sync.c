/* test-sync.c: DdSyncJob against the sandbox, into the cache and the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-order-list.h"
#include "dd-platform-error.h"
#include "dd-sandbox.h"
#include "dd-sandbox-shop.h"
#include "dd-sync-job.h"
#include "dd-tw-client.h"
#include "test-orders.h"
#include "test-volume.h"

#define ACCOUNT "tw:sandbox"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Signal;

typedef struct
{
  char        *dir;
  char        *db_path;
  DdSandbox   *sandbox;
  DdHttp      *http;
  DdTwClient  *client;
  DdCache     *cache;
  DdSyncJob   *job;
  DdOrderList *list;
  GListStore  *mirror;         /* every items-changed of list applied to it */
  GArray      *signals;        /* (element-type Signal) */
  GArray      *changed;        /* (element-type gint64) every page-stored's rows */
  guint        n_page_stored;
  guint        n_running_notifies;

  /* Test knobs. */
  guint        cancel_after_pages; /* 0: never */
  GCancellable *cancellable;
  guint        hook_page;          /* add hook_orders after this page, once */
  guint        hook_orders;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  Signal signal = { position, removed, added };

  g_assert_cmpuint (position + removed, <=,
                    g_list_model_get_n_items (G_LIST_MODEL (fixture->mirror)));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, position + i));
  g_list_store_splice (fixture->mirror, position, removed, items->pdata, added);
  g_array_append_val (fixture->signals, signal);
}

static void
page_stored_cb (DdSyncJob *job,
                GArray    *changed,
                Fixture   *fixture)
{
  g_assert_true (dd_sync_job_get_running (job));
  fixture->n_page_stored++;
  g_array_append_vals (fixture->changed, changed->data, changed->len);

  /* What a window does: the list shows the page at once. */
  dd_order_list_refresh (fixture->list, changed);

  if (fixture->cancel_after_pages > 0 && fixture->n_page_stored == fixture->cancel_after_pages)
    g_cancellable_cancel (fixture->cancellable);
}

static void
running_cb (GObject    *object,
            GParamSpec *pspec,
            Fixture    *fixture)
{
  fixture->n_running_notifies++;
}

static void
sandbox_hook (DdSandbox  *sandbox,
              const char *api_path,
              guint       page,
              gpointer    user_data)
{
  Fixture *fixture = user_data;

  if (fixture->hook_orders > 0 && g_str_equal (api_path, "/orders/get") &&
      page == fixture->hook_page)
    {
      dd_sandbox_shop_add_orders (dd_sandbox_get_shop (sandbox), fixture->hook_orders);
      fixture->hook_orders = 0;
    }
}

static DdTwClient *
make_client (Fixture    *fixture,
             const char *app_secret)
{
  g_autofree char *endpoint = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/rest",
                                           NULL);

  return dd_tw_client_new (fixture->http, endpoint, DD_SANDBOX_DEFAULT_APP_KEY, app_secret,
                           DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "orders.db", NULL);

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, DD_SANDBOX_DEFAULT_ORDERS,
                                     DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                     DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_listen (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  dd_sandbox_set_hook (fixture->sandbox, sandbox_hook, fixture);

  fixture->http = dd_http_new ();
  fixture->client = make_client (fixture, user_data != NULL ? user_data
                                                            : DD_SANDBOX_DEFAULT_APP_SECRET);

  fixture->cache = dd_cache_new (fixture->db_path, &error);
  g_assert_no_error (error);

  fixture->job = dd_sync_job_new (DD_CLIENT (fixture->client), fixture->cache, ACCOUNT);
  dd_sync_job_set_page_size (fixture->job, 100);
  g_signal_connect (fixture->job, "page-stored", G_CALLBACK (page_stored_cb), fixture);
  g_signal_connect (fixture->job, "notify::running", G_CALLBACK (running_cb), fixture);

  fixture->list = dd_order_list_new (fixture->cache);
  fixture->mirror = g_list_store_new (DD_TYPE_ORDER);
  fixture->signals = g_array_new (FALSE, FALSE, sizeof (Signal));
  fixture->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (items_changed_cb), fixture);

  fixture->cancellable = g_cancellable_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  dd_sandbox_set_hook (fixture->sandbox, NULL, NULL);
  g_clear_object (&fixture->mirror);
  g_assert_finalize_object (fixture->list);
  g_assert_finalize_object (fixture->job);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->sandbox);
  g_clear_object (&fixture->cancellable);

  /* Let sockets and sources wind down before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_array_unref (fixture->signals);
  g_array_unref (fixture->changed);
  test_remove_tree (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->dir);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_false (dd_sync_job_get_running (DD_SYNC_JOB (object)));
  *out = g_object_ref (result);
}

/* Runs one sync to the end on this thread's main context. */
static gboolean
run_sync (Fixture       *fixture,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_sync_job_run_async (fixture->job, cancellable, run_cb, &result);
  g_assert_true (dd_sync_job_get_running (fixture->job));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_sync_job_run_finish (fixture->job, result, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every order id in the cache, sorted; duplicates would show. */
static GPtrArray *
cached_order_ids (Fixture *fixture)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT order_id FROM orders WHERE account_id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ACCOUNT, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_ptr_array_sort (ids, compare_strings);
  return ids;
}

static void
assert_cache_matches_shop (Fixture *fixture)
{
  g_autoptr(GPtrArray) shop_ids = NULL;
  g_autoptr(GPtrArray) cache_ids = cached_order_ids (fixture);

  shop_ids = dd_sandbox_shop_list_order_ids (dd_sandbox_get_shop (fixture->sandbox));
  g_ptr_array_sort (shop_ids, compare_strings);

  g_assert_cmpuint (cache_ids->len, ==, shop_ids->len);
  for (guint i = 0; i < shop_ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (cache_ids, i), ==, g_ptr_array_index (shop_ids, i));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, shop_ids->len);
}

/* The mirror equals the list, which equals a fresh query of the cache. */
static void
assert_mirror (Fixture *fixture)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));

  ids = dd_cache_query_row_ids (fixture->cache, dd_order_list_get_query (fixture->list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->mirror)), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdOrder) seen = g_list_model_get_item (G_LIST_MODEL (fixture->mirror), i);

      g_assert_cmpint (dd_order_get_row_id (seen), ==, g_array_index (ids, gint64, i));
    }
}

static void
test_full_sync (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  gint64 cursor;

  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, -1);

  g_assert_true (run_sync (fixture, NULL, &error));
  g_assert_no_error (error);

  assert_cache_matches_shop (fixture);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 500);
  /* Five pages of backfill, then one of the incremental pass from its start
   * (nothing changed meanwhile). */
  g_assert_cmpuint (dd_sync_job_get_n_pages (fixture->job), ==, 6);
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), >=, 500);
  g_assert_false (dd_sync_job_get_running (fixture->job));
  g_assert_cmpuint (fixture->n_running_notifies, ==, 2);
  g_assert_cmpuint (fixture->n_page_stored, ==, 6);
  g_assert_cmpuint (fixture->changed->len, ==, 500);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get"), ==, 6);
  g_assert_cmpuint (dd_sync_job_get_n_calls (fixture->job), ==,
                    dd_sandbox_get_n_requests (fixture->sandbox, NULL));

  /* The cursor is when the last pass started. */
  cursor = dd_cache_get_cursor (fixture->cache, ACCOUNT);
  g_assert_cmpint (cursor, >=, before);
  g_assert_cmpint (cursor, <=, g_get_real_time () / 1000);

  /* The list followed page by page, one signal per page (newest first: each
   * page lands after the previous ones). */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 500);
  g_assert_cmpuint (fixture->signals->len, >=, 5);
  assert_mirror (fixture);

  /* Orders came with their lines. */
  {
    g_autoptr(DdOrder) first = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
    g_assert_cmpstr (dd_order_get_account_id (first), ==, ACCOUNT);
    g_assert_cmpstr (dd_order_get_platform (first), ==, DD_PLATFORM_TW);
    g_assert_cmpuint (dd_order_get_n_lines (first), >=, 1);
  }
}

static void
test_orders_arrive_while_paging (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* After page 2 is served, 7 buyers order: they are newest, so every later
   * page shifts by 7 and the total grows. */
  fixture->hook_page = 2;
  fixture->hook_orders = 7;

  g_assert_true (run_sync (fixture, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->hook_orders, ==, 0);
  g_assert_cmpuint (dd_sandbox_shop_get_n_orders (dd_sandbox_get_shop (fixture->sandbox)), ==,
                    507);

  /* No duplicate, none missing. */
  assert_cache_matches_shop (fixture);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 507);
  g_assert_cmpuint (dd_sync_job_get_n_pages (fixture->job), >, 5);
  assert_mirror (fixture);
}

static gboolean
array_contains (GArray *array,
                gint64  value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, gint64, i) == value)
      return TRUE;
  return FALSE;
}

static void
test_incremental (Fixture       *fixture,
                  gconstpointer  user_data)
{
  DdSandboxShop *shop = dd_sandbox_get_shop (fixture->sandbox);
  g_autoptr(GPtrArray) ids = dd_sandbox_shop_list_order_ids (shop);
  g_autoptr(GError) error = NULL;
  const char *picked[3];
  const char *status[3];
  gint64 rows[3];
  guint requests;

  g_assert_true (run_sync (fixture, NULL, &error));
  g_assert_no_error (error);
  assert_mirror (fixture);

  /* Three orders change on the platform. */
  picked[0] = g_ptr_array_index (ids, 10);
  picked[1] = g_ptr_array_index (ids, 200);
  picked[2] = g_ptr_array_index (ids, 420);
  for (guint i = 0; i < G_N_ELEMENTS (picked); i++)
    {
      g_autoptr(DdOrder) order = dd_cache_lookup_order (fixture->cache, ACCOUNT, picked[i],
                                                        &error);
      g_assert_no_error (error);
      g_assert_nonnull (order);
      rows[i] = dd_order_get_row_id (order);
      status[i] = g_str_equal (dd_order_get_raw_status (order), "returned") ? "delivered"
                                                                             : "returned";
      g_assert_true (dd_sandbox_shop_set_status (shop, picked[i], status[i]));
    }

  g_array_set_size (fixture->signals, 0);
  g_array_set_size (fixture->changed, 0);
  requests = dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get");

  g_assert_true (run_sync (fixture, NULL, &error));
  g_assert_no_error (error);

  /* Only what changed since the cursor was asked for, and only those three rows changed. */
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), <, 500);
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), >=, 3);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/orders/get") - requests, <, 5);
  g_assert_cmpuint (fixture->changed->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_true (array_contains (fixture->changed, rows[i]));

  /* The cache has the new statuses; nothing was added. */
  assert_cache_matches_shop (fixture);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 500);
  for (guint i = 0; i < G_N_ELEMENTS (picked); i++)
    {
      g_autoptr(JsonObject) served = dd_sandbox_shop_tw_order (shop, picked[i]);
      g_autoptr(DdOrder) order = dd_cache_lookup_order (fixture->cache, ACCOUNT, picked[i],
                                                        &error);

      g_assert_no_error (error);
      g_assert_cmpint (dd_order_get_row_id (order), ==, rows[i]);
      g_assert_cmpstr (json_object_get_string_member (served, "status"), ==, status[i]);
      g_assert_cmpstr (dd_order_get_raw_status (order), ==, status[i]);
    }

  /* Their rows were emitted again, in place; the list kept its size. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 500);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint position = dd_order_list_find_row (fixture->list, rows[i]);
      g_autoptr(DdOrder) seen = NULL;
      gboolean emitted = FALSE;

      g_assert_cmpuint (position, <, 500);
      for (guint s = 0; s < fixture->signals->len; s++)
        {
          Signal *signal = &g_array_index (fixture->signals, Signal, s);

          g_assert_cmpuint (signal->removed, ==, signal->added);
          if (signal->position <= position && position < signal->position + signal->added)
            emitted = TRUE;
        }
      g_assert_true (emitted);

      seen = g_list_model_get_item (G_LIST_MODEL (fixture->mirror), position);
      g_assert_cmpint (dd_order_get_row_id (seen), ==, rows[i]);
      g_assert_cmpstr (dd_order_get_order_id (seen), ==, picked[i]);
      g_assert_cmpstr (dd_order_get_raw_status (seen), ==, status[i]);
    }
  g_assert_cmpuint (fixture->signals->len, <=, 3);
  assert_mirror (fixture);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Cancelled once page 2 is stored: pages 1 and 2 stay, the cursor doesn't move. */
  fixture->cancel_after_pages = 2;
  g_assert_false (run_sync (fixture, fixture->cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (dd_sync_job_get_running (fixture->job));
  g_assert_cmpuint (fixture->n_page_stored, ==, 2);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 200);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, -1);
  assert_mirror (fixture);

  /* A later sync completes. */
  fixture->cancel_after_pages = 0;
  g_assert_true (run_sync (fixture, NULL, &error));
  g_assert_no_error (error);
  assert_cache_matches_shop (fixture);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), >, 0);
  assert_mirror (fixture);
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled while the first request is on its way. */
  dd_sync_job_run_async (fixture->job, fixture->cancellable, run_cb, &result);
  g_cancellable_cancel (fixture->cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (dd_sync_job_run_finish (fixture->job, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_page_stored, ==, 0);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 0);
}

static void
test_bad_credentials (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (run_sync (fixture, NULL, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_false (dd_sync_job_get_running (fixture->job));
  g_assert_cmpuint (fixture->n_page_stored, ==, 0);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 0);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, -1);
}

/* A client serving a scripted shop, to pin the job's paging and cursor logic. */
#define TEST_TYPE_FAKE_CLIENT (test_fake_client_get_type ())
G_DECLARE_FINAL_TYPE (TestFakeClient, test_fake_client, TEST, FAKE_CLIENT, GObject)

struct _TestFakeClient
{
  GObject  parent_instance;

  GArray  *created;       /* (element-type gint64) order i's creation = modification time */
  GArray  *queries;       /* (element-type DdListQuery) as asked */
  guint    grow_per_page; /* new orders after each page served */
  guint    fail_on_call;  /* 1-based; 0: never */
  GError  *fail_error;    /* what that call fails with; NULL: a SERVER error */
  guint64  lie_total;     /* total_count said instead of the truth; 0: the truth */
  guint    move_after_call; /* 1-based: then the newest order is modified again (an hour on); 0: never */
  DdClientListing listing; /* the listing rules it states */
};

static void test_fake_client_iface_init (DdClientInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestFakeClient, test_fake_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (DD_TYPE_CLIENT, test_fake_client_iface_init))

static void
test_fake_client_add (TestFakeClient *self,
                      guint           n,
                      gint64          created_ms)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 when = created_ms + i;
      g_array_append_val (self->created, when);
    }
}

/* @n orders, the first modified at @from_ms, then one every @step_ms. */
static void
test_fake_client_add_spread (TestFakeClient *self,
                             guint           n,
                             gint64          from_ms,
                             gint64          step_ms)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 when = from_ms + (gint64) i * step_ms;
      g_array_append_val (self->created, when);
    }
}

static void
fake_get_listing (DdClient        *client,
                  DdClientListing *listing)
{
  *listing = TEST_FAKE_CLIENT (client)->listing;
}

static const char *
fake_get_platform (DdClient *client)
{
  return DD_PLATFORM_TW;
}

static guint
fake_get_max_page_size (DdClient *client)
{
  return 100;
}

static void
fake_list_orders_async (DdClient            *client,
                        const DdListQuery   *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TestFakeClient *self = TEST_FAKE_CLIENT (client);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GArray) matching = g_array_new (FALSE, FALSE, sizeof (guint));
  DdOrderPage *page;

  g_array_append_vals (self->queries, query, 1);
  if (self->fail_on_call == self->queries->len)
    {
      if (self->fail_error != NULL)
        g_task_return_error (task, g_error_copy (self->fail_error));
      else
        g_task_return_error (task, dd_platform_error_new (DD_PLATFORM_ERROR_SERVER, "ISP",
                                                          "ServiceUnavailable", NULL, NULL, NULL,
                                                          "The shop is down"));
      return;
    }

  /* Newest first: the last added is the newest. Both bounds are inclusive. */
  for (guint i = self->created->len; i-- > 0;)
    {
      gint64 when = g_array_index (self->created, gint64, i);

      if (when >= query->modified_since_ms &&
          (query->modified_until_ms == 0 || when <= query->modified_until_ms))
        g_array_append_val (matching, i);
    }

  page = dd_order_page_new ();
  page->page = query->page;
  page->page_size = query->page_size;
  page->total_count = self->lie_total > 0 ? self->lie_total : matching->len;
  for (guint k = (query->page - 1) * query->page_size;
       k < matching->len && k < query->page * query->page_size; k++)
    {
      guint i = g_array_index (matching, guint, k);
      gint64 when = g_array_index (self->created, gint64, i);
      g_autofree char *id = g_strdup_printf ("%u", 500000 + i);

      g_ptr_array_add (page->orders,
                       test_order_new (NULL, id, when, when, "unpaid", "林**", 1000,
                                       "CAINIAO_HILIFE_COD"));
    }

  test_fake_client_add (self, self->grow_per_page, g_get_real_time () / 1000);
  if (self->move_after_call == self->queries->len && self->created->len > 0)
    g_array_index (self->created, gint64, self->created->len - 1) = g_get_real_time () / 1000 + 60 * 60 * 1000;
  g_task_return_pointer (task, page, (GDestroyNotify) dd_order_page_free);
}

static DdOrderPage *
fake_list_orders_finish (DdClient      *client,
                         GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_fake_client_iface_init (DdClientInterface *iface)
{
  iface->get_platform = fake_get_platform;
  iface->get_max_page_size = fake_get_max_page_size;
  iface->get_listing = fake_get_listing;
  iface->list_orders_async = fake_list_orders_async;
  iface->list_orders_finish = fake_list_orders_finish;
}

static void
test_fake_client_finalize (GObject *object)
{
  TestFakeClient *self = TEST_FAKE_CLIENT (object);

  g_array_unref (self->created);
  g_array_unref (self->queries);
  g_clear_error (&self->fail_error);

  G_OBJECT_CLASS (test_fake_client_parent_class)->finalize (object);
}

static void
test_fake_client_class_init (TestFakeClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_fake_client_finalize;
}

static void
test_fake_client_init (TestFakeClient *self)
{
  self->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->queries = g_array_new (FALSE, FALSE, sizeof (DdListQuery));
}

typedef struct
{
  char           *dir;
  TestFakeClient *client;
  DdCache        *cache;
  DdSyncJob      *job;
} FakeFixture;

static void
fake_set_up (FakeFixture   *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-sync-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);

  /* 250 orders from 2023, one a second. */
  fixture->client = g_object_new (TEST_TYPE_FAKE_CLIENT, NULL);
  test_fake_client_add (fixture->client, 250, 1700000000000);
  fixture->job = dd_sync_job_new (DD_CLIENT (fixture->client), fixture->cache, ACCOUNT);
}

static void
fake_tear_down (FakeFixture   *fixture,
                gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->job);
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->cache);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
fake_run (FakeFixture  *fixture,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_sync_job_run_async (fixture->job, NULL, run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_sync_job_run_finish (fixture->job, result, error);
}

static DdListQuery *
query_at (FakeFixture *fixture,
          guint        index)
{
  g_assert_cmpuint (index, <, fixture->client->queries->len);
  return &g_array_index (fixture->client->queries, DdListQuery, index);
}

static void
test_fake_cursor_overlap (FakeFixture   *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  gint64 cursor;

  /* The first sync asks for everything, with the client's page size, then
   * for what changed since it started. */
  g_assert_true (fake_run (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->client->queries->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (query_at (fixture, i)->modified_since_ms, ==, 0);
      g_assert_cmpint (query_at (fixture, i)->modified_until_ms, ==, 0);
      g_assert_cmpuint (query_at (fixture, i)->page, ==, i + 1);
      g_assert_cmpuint (query_at (fixture, i)->page_size, ==, 100);
    }
  g_assert_cmpint (query_at (fixture, 3)->modified_since_ms, >=, before - DD_SYNC_OVERLAP_MS);
  g_assert_cmpuint (query_at (fixture, 3)->page, ==, 1);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250);
  g_assert_cmpuint (dd_sync_job_get_n_pages (fixture->job), ==, 4);
  cursor = dd_cache_get_cursor (fixture->cache, ACCOUNT);
  g_assert_cmpint (cursor, >=, before);
  g_assert_cmpint (cursor, <=, g_get_real_time () / 1000);

  /* The next asks from the cursor less the overlap; nothing is new. */
  g_assert_true (fake_run (fixture, &error));
  g_assert_cmpuint (fixture->client->queries->len, ==, 5);
  g_assert_cmpint (query_at (fixture, 4)->modified_since_ms, ==, cursor - DD_SYNC_OVERLAP_MS);
  g_assert_cmpuint (query_at (fixture, 4)->page, ==, 1);
  g_assert_cmpuint (dd_sync_job_get_n_pages (fixture->job), ==, 1);
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), ==, 0);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), >=, cursor);

  /* A smaller page size is honoured, a larger one clamped. */
  dd_sync_job_set_page_size (fixture->job, 40);
  g_assert_true (fake_run (fixture, &error));
  g_assert_cmpuint (query_at (fixture, 5)->page_size, ==, 40);
  dd_sync_job_set_page_size (fixture->job, 1000);
  g_assert_true (fake_run (fixture, &error));
  g_assert_cmpuint (query_at (fixture, 6)->page_size, ==, 100);
}

static void
test_fake_bounded_passes (FakeFixture   *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  gint64 previous_since = -1;
  guint n_passes = 0;

  /* Buyers order faster than ever: every pass sees the total grow, and
   * lists every order since the first began (the overlap holds them all):
   * 9,480 orders listed in the fifth pass. Under the sanitizers fewer
   * (1,000), still two pages and more a pass. */
  fixture->client->grow_per_page = TEST_VOLUME (60, 40);
  g_assert_true (fake_run (fixture, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < fixture->client->queries->len; i++)
    {
      DdListQuery *query = query_at (fixture, i);

      if (query->page != 1)
        continue;
      n_passes++;
      if (n_passes == 1)
        g_assert_cmpint (query->modified_since_ms, ==, 0);
      else
        {
          /* From the previous pass's start, less the overlap. */
          g_assert_cmpint (query->modified_since_ms, >=, before - DD_SYNC_OVERLAP_MS);
          g_assert_cmpint (query->modified_since_ms, >=, previous_since);
        }
      previous_since = query->modified_since_ms;
    }
  g_assert_cmpuint (n_passes, ==, 5);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), >=,
                   previous_since + DD_SYNC_OVERLAP_MS);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), >, 250);
}

static void
test_fake_error_keeps_cursor (FakeFixture   *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint first;

  fixture->client->fail_on_call = 2;
  g_assert_false (fake_run (fixture, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_false (dd_sync_job_get_running (fixture->job));
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 100);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, -1);

  /* The next sync resumes the backfill at the page that failed (page 3 may
   * have been asked for ahead, and dropped). */
  first = fixture->client->queries->len;
  g_assert_true (fake_run (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_at (fixture, first)->modified_since_ms, ==, 0);
  g_assert_cmpuint (query_at (fixture, first)->page, ==, 2);
  g_assert_cmpuint (query_at (fixture, first + 1)->page, ==, 3);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), >, 0);
}

static void
test_fake_short_page (FakeFixture   *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* The platform says 1000 but runs out at 250: a short page ends the
   * backfill (then an empty page ends the incremental pass). Page 4 may
   * have been asked for ahead, trusting the count, and dropped. */
  fixture->client->lie_total = 1000;
  g_assert_true (fake_run (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->client->queries->len, >=, 4);
  g_assert_cmpuint (fixture->client->queries->len, <=, 5);
  g_assert_cmpint (query_at (fixture, fixture->client->queries->len - 1)->modified_since_ms, >, 0);
  g_assert_cmpuint (dd_sync_job_get_total (fixture->job), ==, 1000);
  g_assert_cmpuint (dd_sync_job_get_n_orders (fixture->job), ==, 250);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), >, 0);
}

/* ---- windows ---------------------------------------------------------------- */

#define WINDOW_MS (30 * 60 * 1000)
#define MINUTE_MS (60 * 1000)

/* A cursor as if the last sync finished at @cursor_ms, with the 250 old
 * orders cached (so that windows cost fewer calls than a full listing). */
static void
set_cursor (FakeFixture *fixture,
            gint64       cursor_ms)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 500000 + i);

      g_ptr_array_add (old, test_order_new (ACCOUNT, id, 1700000000000 + i, 1700000000000 + i,
                                            "unpaid", "林**", 1000, "CAINIAO_HILIFE_COD"));
    }
  g_assert_true (dd_cache_store_page (fixture->cache, ACCOUNT, old, cursor_ms, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, cursor_ms);
}

/* The cursor seen after each stored page, and a cancel after so many
 * cursor moves. */
typedef struct
{
  FakeFixture  *fixture;
  GArray       *cursors;          /* (element-type gint64) */
  GCancellable *cancellable;
  guint         cancel_after_moves; /* 0: never */
  guint         n_moves;
} Watch;

static void
watch_page_stored_cb (DdSyncJob *job,
                      GArray    *changed,
                      Watch     *watch)
{
  gint64 cursor = dd_cache_get_cursor (watch->fixture->cache, ACCOUNT);

  if (watch->cursors->len > 0 && g_array_index (watch->cursors, gint64, watch->cursors->len - 1) != cursor)
    watch->n_moves++;
  g_array_append_val (watch->cursors, cursor);

  if (watch->cancel_after_moves > 0 && watch->n_moves == watch->cancel_after_moves)
    g_cancellable_cancel (watch->cancellable);
}

static gboolean
fake_run_watched (FakeFixture   *fixture,
                  Watch         *watch,
                  GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gulong handler;
  gint64 cursor = dd_cache_get_cursor (fixture->cache, ACCOUNT);

  g_array_set_size (watch->cursors, 0);
  g_array_append_val (watch->cursors, cursor);
  watch->n_moves = 0;
  handler = g_signal_connect (fixture->job, "page-stored", G_CALLBACK (watch_page_stored_cb), watch);
  dd_sync_job_run_async (fixture->job, watch->cancellable, run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (fixture->job, handler);

  return dd_sync_job_run_finish (fixture->job, result, error);
}

/* How many of the client's orders fall in [since, until]. */
static guint
count_in (TestFakeClient *client,
          gint64          since_ms,
          gint64          until_ms)
{
  guint n = 0;

  for (guint i = 0; i < client->created->len; i++)
    {
      gint64 when = g_array_index (client->created, gint64, i);

      n += when >= since_ms && when <= until_ms;
    }

  return n;
}

/* Checks the queries from @first on: consecutive windows of at most
 * WINDOW_MS from @since_ms up to [@before, @after], each paged as the
 * client asked, and the cursor (as @watch saw it, one entry before the
 * first page) moving to each window's end with its last page. Returns the
 * number of windows. */
static guint
assert_windows (FakeFixture *fixture,
                Watch       *watch,
                guint        first,
                gint64       since_ms,
                gint64       before,
                gint64       after)
{
  TestFakeClient *client = fixture->client;
  gboolean backwards = client->listing.page_backwards;
  gint64 expected_since = since_ms;
  gint64 expected_cursor = g_array_index (watch->cursors, gint64, 0);
  guint n_windows = 0;
  guint q = first;

  g_assert_cmpuint (watch->cursors->len, ==, client->queries->len - first + 1);

  while (q < client->queries->len)
    {
      DdListQuery *query = query_at (fixture, q);
      gint64 window_since = query->modified_since_ms;
      gint64 window_until = query->modified_until_ms;
      guint in_window = count_in (client, window_since, window_until);
      guint n_pages = MAX (1, (in_window + 9) / 10);
      /* Backwards, page 1 is read again at the end. */
      guint n_queries = backwards && n_pages > 1 ? n_pages + 1 : n_pages;

      /* No gap, no window too long. */
      g_assert_cmpint (window_since, ==, expected_since);
      g_assert_cmpint (window_until, >, window_since);
      g_assert_cmpint (window_until - window_since, <=, WINDOW_MS);

      for (guint k = 0; k < n_queries; k++, q++)
        {
          guint expected_page;

          query = query_at (fixture, q);
          g_assert_cmpint (query->modified_since_ms, ==, window_since);
          g_assert_cmpint (query->modified_until_ms, ==, window_until);
          g_assert_cmpuint (query->page_size, ==, 10);
          /* Backwards: 1, then n down to 2, then 1 again. */
          if (!backwards)
            expected_page = k + 1;
          else if (k == 0 || k == n_pages)
            expected_page = 1;
          else
            expected_page = n_pages + 1 - k;
          g_assert_cmpuint (query->page, ==, expected_page);

          /* The cursor moves with the window's last page, not before. */
          if (k == n_queries - 1)
            expected_cursor = window_until;
          g_assert_cmpint (g_array_index (watch->cursors, gint64, q - first + 1), ==, expected_cursor);
        }

      expected_since = window_until;
      n_windows++;
    }

  /* The last window ends when the run started. */
  g_assert_cmpint (expected_since, >=, before);
  g_assert_cmpint (expected_since, <=, after);

  return n_windows;
}

static void
test_fake_windows (FakeFixture   *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  Watch watch = { fixture, g_array_new (FALSE, FALSE, sizeof (gint64)), NULL, 0, 0 };
  gint64 before = g_get_real_time () / 1000;
  gint64 cursor = before - 3 * 60 * MINUTE_MS;
  gint64 since = cursor - DD_SYNC_OVERLAP_MS;
  guint n_windows;

  /* The last sync was three hours ago; one order changed every minute since
   * (half a minute off the window edges). */
  fixture->client->listing.max_window_ms = WINDOW_MS;
  fixture->client->listing.page_backwards = GPOINTER_TO_INT (user_data);
  test_fake_client_add_spread (fixture->client, 180, since + MINUTE_MS / 2, MINUTE_MS);
  set_cursor (fixture, cursor);
  dd_sync_job_set_page_size (fixture->job, 10);

  g_assert_true (fake_run_watched (fixture, &watch, &error));
  g_assert_no_error (error);

  /* 3 h 5 min: six full windows and a short one. */
  n_windows = assert_windows (fixture, &watch, 0, since, before, g_get_real_time () / 1000);
  g_assert_cmpuint (n_windows, ==, 7);
  /* A full window holds 30 orders: pages 1, 3, 2, 1 (or 1, 2, 3). */
  g_assert_cmpuint (query_at (fixture, 1)->page, ==, GPOINTER_TO_INT (user_data) ? 3 : 2);

  /* Every changed order, once, beside the 250 old ones. */
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250 + 180);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==,
                   query_at (fixture, fixture->client->queries->len - 1)->modified_until_ms);

  g_array_unref (watch.cursors);
}

static void
test_fake_windows_resume (FakeFixture   *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Watch watch = { fixture, g_array_new (FALSE, FALSE, sizeof (gint64)), cancellable, 3, 0 };
  gint64 before = g_get_real_time () / 1000;
  gint64 cursor = before - 3 * 60 * MINUTE_MS;
  gint64 since = cursor - DD_SYNC_OVERLAP_MS;
  gint64 third_end;
  guint first;

  fixture->client->listing.max_window_ms = WINDOW_MS;
  fixture->client->listing.page_backwards = TRUE;
  test_fake_client_add_spread (fixture->client, 180, since + MINUTE_MS / 2, MINUTE_MS);
  set_cursor (fixture, cursor);
  dd_sync_job_set_page_size (fixture->job, 10);

  /* Killed once the third window is stored: its end is the cursor. */
  g_assert_false (fake_run_watched (fixture, &watch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* The fourth window's first page may have been asked for while the third
   * window's last was written; it was not stored. */
  g_assert_cmpuint (fixture->client->queries->len, >=, 12);
  g_assert_cmpuint (fixture->client->queries->len, <=, 13);
  third_end = since + 3 * (gint64) WINDOW_MS;
  g_assert_cmpint (query_at (fixture, 11)->modified_until_ms, ==, third_end);
  g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, third_end);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250 + 90);

  /* The next sync resumes there (less the overlap) and finishes. */
  first = fixture->client->queries->len;
  watch.cancel_after_moves = 0;
  watch.cancellable = NULL;
  g_assert_true (fake_run_watched (fixture, &watch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_at (fixture, first)->modified_since_ms, ==, third_end - DD_SYNC_OVERLAP_MS);
  assert_windows (fixture, &watch, first, third_end - DD_SYNC_OVERLAP_MS, before,
                  g_get_real_time () / 1000);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250 + 180);

  g_array_unref (watch.cursors);
}

/* An order of page 1 modified again while the window is paged leaves it:
 * every order after it moves up one place, the first of page 2 onto page 1.
 * Reading page 1 again at the end still finds it. */
static void
test_fake_windows_moved (FakeFixture   *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 cursor = g_get_real_time () / 1000 - 10 * MINUTE_MS;
  gint64 since = cursor - DD_SYNC_OVERLAP_MS;

  /* One window of 30 orders (3 pages), then the newest moves on. */
  fixture->client->listing.max_window_ms = WINDOW_MS;
  fixture->client->listing.page_backwards = TRUE;
  test_fake_client_add_spread (fixture->client, 30, since + 1000, 10 * 1000);
  fixture->client->move_after_call = 1;
  set_cursor (fixture, cursor);
  dd_sync_job_set_page_size (fixture->job, 10);

  g_assert_true (fake_run (fixture, &error));
  g_assert_no_error (error);
  /* The 250 old orders are outside the window; all 30 of it are stored. */
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250 + 30);
  g_assert_cmpuint (fixture->client->queries->len, ==, 4);
  g_assert_cmpuint (query_at (fixture, 3)->page, ==, 1);
}

static void
test_fake_windows_full_listing (FakeFixture   *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* No cursor yet: the rules of incremental listing do not apply to the
   * backfill, only to the window from its start that follows. */
  fixture->client->listing.max_window_ms = WINDOW_MS;
  fixture->client->listing.page_backwards = TRUE;
  g_assert_true (fake_run (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->client->queries->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (query_at (fixture, i)->modified_since_ms, ==, 0);
      g_assert_cmpint (query_at (fixture, i)->modified_until_ms, ==, 0);
      g_assert_cmpuint (query_at (fixture, i)->page, ==, i + 1);
    }
  g_assert_cmpint (query_at (fixture, 3)->modified_since_ms, >, 0);
  g_assert_cmpint (query_at (fixture, 3)->modified_until_ms, >, query_at (fixture, 3)->modified_since_ms);
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, ACCOUNT), ==, 250);
}

static void
test_fake_stop_at_once (FakeFixture   *fixture,
                        gconstpointer  user_data)
{
  GError *errors[] = {
    /* A daily quota (STOP) and a shop to authorise again (REAUTH). */
    dd_error_table_make (DD_PLATFORM_TOP, NULL, "7", "accesscontrol.limited-by-api-access-count",
                         "This ban will last for 2 more hours", "r1"),
    dd_error_table_make (DD_PLATFORM_TOP, NULL, "27", NULL, "Invalid session", "r2"),
  };
  DdErrorAction actions[] = { DD_ERROR_ACTION_STOP, DD_ERROR_ACTION_REAUTH };
  gint64 before = g_get_real_time () / 1000;
  gint64 cursor = before - 3 * 60 * MINUTE_MS;
  gint64 since = cursor - DD_SYNC_OVERLAP_MS;

  fixture->client->listing.max_window_ms = WINDOW_MS;
  fixture->client->listing.page_backwards = TRUE;
  test_fake_client_add_spread (fixture->client, 180, since + MINUTE_MS / 2, MINUTE_MS);
  dd_sync_job_set_page_size (fixture->job, 10);

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      g_autoptr(GError) error = NULL;

      /* The first window takes 4 calls (1, 3, 2, 1); the second fails on
       * its second. */
      set_cursor (fixture, cursor);
      g_array_set_size (fixture->client->queries, 0);
      fixture->client->fail_on_call = 6;
      g_clear_error (&fixture->client->fail_error);
      fixture->client->fail_error = errors[i];

      g_assert_false (fake_run (fixture, &error));
      g_assert_error (error, DD_PLATFORM_ERROR, errors[i]->code);
      g_assert_cmpint (dd_error_table_get_action (error), ==, actions[i]);
      g_assert_cmpstr (error->message, ==, errors[i]->message);
      /* Not one page more; the first window stays stored. */
      g_assert_cmpuint (fixture->client->queries->len, ==, 6);
      g_assert_false (dd_sync_job_get_running (fixture->job));
      g_assert_cmpint (dd_cache_get_cursor (fixture->cache, ACCOUNT), ==, since + WINDOW_MS);
    }
}

int
main (int    argc,
      char **argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GIO's proxy resolver needs the system's
   * GSettings schemas. Nothing here touches XDG folders (the cache is in a
   * temporary folder). */
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, secret) \
  g_test_add ("/dingdan/sync/" path, Fixture, secret, fixture_set_up, func, fixture_tear_down)

  ADD ("full", test_full_sync, NULL);
  ADD ("orders-arrive-while-paging", test_orders_arrive_while_paging, NULL);
  ADD ("incremental", test_incremental, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("cancel-in-flight", test_cancel_in_flight, NULL);
  ADD ("bad-credentials", test_bad_credentials, "not-the-secret");

#undef ADD

#define ADD_FAKE(path, func) \
  g_test_add ("/dingdan/sync/fake/" path, FakeFixture, NULL, fake_set_up, func, fake_tear_down)

  ADD_FAKE ("cursor-overlap", test_fake_cursor_overlap);
  ADD_FAKE ("bounded-passes", test_fake_bounded_passes);
  ADD_FAKE ("error-keeps-cursor", test_fake_error_keeps_cursor);
  ADD_FAKE ("short-page", test_fake_short_page);
  ADD_FAKE ("windows-full-listing", test_fake_windows_full_listing);
  ADD_FAKE ("windows-moved", test_fake_windows_moved);
  ADD_FAKE ("windows-resume", test_fake_windows_resume);
  ADD_FAKE ("stop-at-once", test_fake_stop_at_once);
  g_test_add ("/dingdan/sync/fake/windows-backwards", FakeFixture, GINT_TO_POINTER (TRUE),
              fake_set_up, test_fake_windows, fake_tear_down);
  g_test_add ("/dingdan/sync/fake/windows-forwards", FakeFixture, GINT_TO_POINTER (FALSE),
              fake_set_up, test_fake_windows, fake_tear_down);

#undef ADD_FAKE

  return g_test_run ();
}
