/* test-order-list.c: the lazy list model, checked against a GListStore mirror
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-order-list.h"
#include "test-orders.h"
#include "test-volume.h"

/* One items-changed as emitted. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} Signal;

typedef struct
{
  char        *dir;
  DdCache     *cache;
  DdOrderList *list;
  GListStore  *mirror;   /* every items-changed of list applied to it */
  GArray      *replay;   /* (element-type gint64) the row ids, every items-changed applied */
  GArray      *signals;  /* (element-type Signal) since the last reset */
  guint        n_refreshed;
  guint        next_id;  /* for fresh order ids */
} Fixture;

/* Applies the change to the mirror exactly as a view would: the items come
 * from the list while the signal is being emitted. */
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
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (fixture->mirror)) - removed + added);

  for (guint i = 0; i < added; i++)
    {
      gpointer item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (fixture->mirror, position, removed, items->pdata, added);
  g_array_append_val (fixture->signals, signal);

  /* The same on a plain array of row ids. */
  g_assert_cmpuint (position + removed, <=, fixture->replay->len);
  g_array_remove_range (fixture->replay, position, removed);
  for (guint i = 0; i < added; i++)
    {
      gint64 row_id = dd_order_get_row_id (g_ptr_array_index (items, i));

      g_array_insert_val (fixture->replay, position + i, row_id);
    }
}

static void
refreshed_cb (DdOrderList *list,
              Fixture     *fixture)
{
  g_assert_false (dd_order_list_get_loading (list));
  fixture->n_refreshed++;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Timed out waiting for the list");
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until @list has nothing running or queued. */
static void
wait_idle (DdOrderList *list)
{
  guint timeout_id = g_timeout_add_seconds (60, timeout_cb, NULL);

  while (dd_order_list_is_busy (list))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

/* What a view would do: set the query, and wait for its items. */
static void
set_query (Fixture       *fixture,
           const DdQuery *query)
{
  dd_order_list_set_query (fixture->list, query);
  wait_idle (fixture->list);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n;

  fixture->dir = g_dir_make_tmp ("dingdan-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);

  fixture->list = dd_order_list_new (fixture->cache);
  fixture->mirror = g_list_store_new (DD_TYPE_ORDER);
  fixture->replay = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->signals = g_array_new (FALSE, FALSE, sizeof (Signal));
  fixture->next_id = 100000;
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (items_changed_cb), fixture);
  g_signal_connect (fixture->list, "refreshed", G_CALLBACK (refreshed_cb), fixture);

  /* The first result comes from a worker. */
  g_assert_true (dd_order_list_get_loading (fixture->list));
  wait_idle (fixture->list);
  g_assert_false (dd_order_list_get_loading (fixture->list));
  g_assert_cmpuint (fixture->n_refreshed, ==, 1);
  n = g_list_model_get_n_items (G_LIST_MODEL (fixture->list));
  g_assert_cmpuint (n, ==, 0);
  fixture->n_refreshed = 0;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  wait_idle (fixture->list);
  g_clear_object (&fixture->mirror);
  g_assert_finalize_object (fixture->list);
  g_assert_finalize_object (fixture->cache);
  g_array_unref (fixture->replay);
  g_array_unref (fixture->signals);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
db_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "orders.db", NULL);
}

/* Stores @page (stealing it) and refreshes the list with what changed. */
static void
store_and_refresh (Fixture   *fixture,
                   GPtrArray *page)
{
  g_autoptr(GPtrArray) orders = page;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, orders, -1, changed, &error));
  g_assert_no_error (error);
  dd_order_list_refresh (fixture->list, changed);
}

static DdOrder *
order_at (Fixture    *fixture,
          const char *order_id,
          gint64      created_ms,
          const char *tw_status,
          const char *buyer,
          gint64      modified_ms)
{
  return test_order_new (TEST_ACCOUNT, order_id, created_ms, modified_ms, tw_status, buyer,
                         9900, "CAINIAO_HILIFE_COD");
}

static DdOrder *
new_order (Fixture    *fixture,
           gint64      created_ms,
           const char *tw_status)
{
  g_autofree char *id = g_strdup_printf ("%u", fixture->next_id++);

  return order_at (fixture, id, created_ms, tw_status, "陳**明", 1000);
}

/* The mirror equals the list, which equals a fresh query, and every item in
 * the mirror says what the cache says now (updates were re-emitted). */
static void
assert_mirror (Fixture *fixture)
{
  GListModel *list = G_LIST_MODEL (fixture->list);
  GListModel *mirror = G_LIST_MODEL (fixture->mirror);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (list);

  ids = dd_cache_query_row_ids (fixture->cache, dd_order_list_get_query (fixture->list), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, ids->len);
  g_assert_cmpuint (g_list_model_get_n_items (mirror), ==, n);
  g_assert_cmpuint (fixture->replay->len, ==, n);
  g_assert_cmpmem (fixture->replay->data, n * sizeof (gint64), ids->data, n * sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdOrder) seen = g_list_model_get_item (mirror, i);
      g_autoptr(DdOrder) now = dd_cache_load_order (fixture->cache,
                                                    g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_cmpint (dd_order_get_row_id (seen), ==, g_array_index (ids, gint64, i));
      g_assert_cmpstr (dd_order_get_raw_json (seen), ==, dd_order_get_raw_json (now));
      g_assert_cmpuint (dd_order_list_find_row (fixture->list, g_array_index (ids, gint64, i)),
                        ==, i);
    }
  g_assert_null (g_list_model_get_item (list, n));
}

static void
reset_signals (Fixture *fixture)
{
  g_array_set_size (fixture->signals, 0);
  fixture->n_refreshed = 0;
}

static Signal *
signal_at (Fixture *fixture,
           guint    index)
{
  g_assert_cmpuint (index, <, fixture->signals->len);
  return &g_array_index (fixture->signals, Signal, index);
}

/* 20 unpaid orders created at 10, 20 … 200 s: newest first in the default query. */
static void
fill_twenty (Fixture *fixture)
{
  GPtrArray *page = test_page_new ();

  for (guint i = 1; i <= 20; i++)
    g_ptr_array_add (page, new_order (fixture, 1700000000000 + i * 10000, "unpaid"));
  store_and_refresh (fixture, page);
  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 20);
  assert_mirror (fixture);
  reset_signals (fixture);
}

static void
test_insert_at_head (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GPtrArray *page = test_page_new ();

  fill_twenty (fixture);
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (page, new_order (fixture, 1800000000000 + i, "unpaid"));
  store_and_refresh (fixture, page);

  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 5);
  assert_mirror (fixture);
}

static void
test_spread_runs (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GPtrArray *page = test_page_new ();

  fill_twenty (fixture);

  /* Descending by creation: 200 s is position 0, 10 s position 19.
   * 195 and 194 s land together at 1; 105 s at 10 (after the 2 inserted: 12); 5 s at the end. */
  g_ptr_array_add (page, new_order (fixture, 1700000000000 + 195000, "unpaid"));
  g_ptr_array_add (page, new_order (fixture, 1700000000000 + 105000, "unpaid"));
  g_ptr_array_add (page, new_order (fixture, 1700000000000 + 194000, "unpaid"));
  g_ptr_array_add (page, new_order (fixture, 1700000000000 + 5000, "unpaid"));
  store_and_refresh (fixture, page);

  g_assert_cmpuint (fixture->signals->len, ==, 3);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 1)->position, ==, 12);
  g_assert_cmpuint (signal_at (fixture, 1)->added, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 2)->position, ==, 23);
  g_assert_cmpuint (signal_at (fixture, 2)->added, ==, 1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (signal_at (fixture, i)->removed, ==, 0);
  assert_mirror (fixture);
}

static void
test_nothing_changed (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *page = test_page_new ();

  fill_twenty (fixture);

  dd_order_list_refresh (fixture->list, NULL);
  dd_order_list_refresh (fixture->list, empty);
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* The same orders again: the cache reports nothing, the list says nothing. */
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 100000 + i - 1);
      g_ptr_array_add (page, order_at (fixture, id, 1700000000000 + i * 10000, "unpaid", "陳**明",
                                       1000));
    }
  store_and_refresh (fixture, page);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  assert_mirror (fixture);
}

static void
test_updates (Fixture       *fixture,
              gconstpointer  user_data)
{
  GPtrArray *page = test_page_new ();

  fill_twenty (fixture);

  /* Positions 3 and 4 (ids 100016, 100015) and 10 (100009) are shipped
   * since; the query shows every status, so they stay put. */
  g_ptr_array_add (page, order_at (fixture, "100016", 1700000170000, "shipped", "陳**明", 2000));
  g_ptr_array_add (page, order_at (fixture, "100015", 1700000160000, "shipped", "陳**明", 2000));
  g_ptr_array_add (page, order_at (fixture, "100009", 1700000100000, "shipped", "陳**明", 2000));
  store_and_refresh (fixture, page);

  g_assert_cmpuint (fixture->signals->len, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 3);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 1)->position, ==, 10);
  g_assert_cmpuint (signal_at (fixture, 1)->removed, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 1)->added, ==, 1);
  assert_mirror (fixture);

  {
    g_autoptr(DdOrder) item = g_list_model_get_item (G_LIST_MODEL (fixture->list), 10);
    g_assert_cmpstr (dd_order_get_raw_status (item), ==, "shipped");
  }
}

static void
test_filtered_removal (Fixture       *fixture,
                       gconstpointer  user_data)
{
  DdQuery query = DD_QUERY_INIT;
  GPtrArray *page = test_page_new ();

  fill_twenty (fixture);
  query.status = DD_ORDER_STATUS_UNPAID;
  set_query (fixture, &query);
  g_assert_cmpuint (fixture->signals->len, ==, 0); /* every order is unpaid */
  reset_signals (fixture);

  /* Two neighbours get paid: they leave the unpaid view as one run; a new
   * unpaid order right where they were is merged into the same signal. */
  g_ptr_array_add (page, order_at (fixture, "100016", 1700000170000, "pending", "陳**明", 2000));
  g_ptr_array_add (page, order_at (fixture, "100015", 1700000160000, "pending", "陳**明", 2000));
  g_ptr_array_add (page, new_order (fixture, 1700000165000, "unpaid"));
  store_and_refresh (fixture, page);

  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 3);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 1);
  assert_mirror (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 19);
}

static void
test_move (Fixture       *fixture,
           gconstpointer  user_data)
{
  GPtrArray *page = test_page_new ();

  fill_twenty (fixture);

  /* The oldest order's creation time is corrected to the newest: one
   * removal at the end, one insertion at the head; the others stay. */
  g_ptr_array_add (page, order_at (fixture, "100000", 1900000000000, "unpaid", "陳**明", 3000));
  store_and_refresh (fixture, page);

  g_assert_cmpuint (fixture->signals->len, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 1)->position, ==, 20);
  g_assert_cmpuint (signal_at (fixture, 1)->removed, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 1)->added, ==, 0);
  assert_mirror (fixture);
}

static void
test_set_query (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *account = g_strdup (TEST_ACCOUNT);
  DdQuery query = DD_QUERY_INIT;
  const DdQuery *current;

  fill_twenty (fixture);

  /* The same query: nothing, not even a query. */
  dd_order_list_set_query (fixture->list, &query);
  g_assert_false (dd_order_list_is_busy (fixture->list));
  g_assert_cmpuint (fixture->signals->len, ==, 0);

  /* Another order: the same rows, reversed; one stays, the others move
   * around it, in two runs at most. */
  query.ascending = TRUE;
  dd_order_list_set_query (fixture->list, &query);
  g_assert_true (dd_order_list_get_query (fixture->list)->ascending);
  g_assert_cmpuint (fixture->signals->len, ==, 0); /* not yet: a worker runs it */
  wait_idle (fixture->list);
  g_assert_cmpuint (fixture->n_refreshed, ==, 1);
  g_assert_cmpuint (fixture->signals->len, >=, 1);
  g_assert_cmpuint (fixture->signals->len, <=, 2);
  assert_mirror (fixture);
  {
    g_autoptr(DdOrder) first = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
    g_assert_cmpstr (dd_order_get_order_id (first), ==, "100000");
  }
  reset_signals (fixture);

  /* The account string is copied; every order is the account's: no change. */
  query.account_id = account;
  dd_order_list_set_query (fixture->list, &query);
  g_clear_pointer (&account, g_free);
  query.account_id = TEST_ACCOUNT;
  current = dd_order_list_get_query (fixture->list);
  g_assert_cmpstr (current->account_id, ==, TEST_ACCOUNT);
  g_assert_true (current->ascending);
  wait_idle (fixture->list);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  assert_mirror (fixture);

  /* Every field counts. A date range around the orders' creation (2023)
   * keeps them; on the modification time (1970) none is left. */
  query.from_day = 737425; /* 2020-01-01 */
  dd_order_list_set_query (fixture->list, &query);
  g_assert_true (dd_order_list_is_busy (fixture->list));
  wait_idle (fixture->list);
  query.to_day = 741078; /* 2030-01-01 */
  dd_order_list_set_query (fixture->list, &query);
  g_assert_true (dd_order_list_is_busy (fixture->list));
  wait_idle (fixture->list);
  g_assert_cmpuint (dd_order_list_get_query (fixture->list)->to_day, ==, 741078);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 20);
  query.date_field = DD_DATE_MODIFIED;
  dd_order_list_set_query (fixture->list, &query);
  g_assert_true (dd_order_list_is_busy (fixture->list));
  wait_idle (fixture->list);
  g_assert_cmpuint (dd_order_list_get_query (fixture->list)->date_field, ==, DD_DATE_MODIFIED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
  assert_mirror (fixture);
  query.date_field = DD_DATE_CREATED;
  set_query (fixture, &query);
  query.sort = DD_SORT_ACCOUNT;
  dd_order_list_set_query (fixture->list, &query);
  g_assert_true (dd_order_list_is_busy (fixture->list));
  wait_idle (fixture->list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 20);
  assert_mirror (fixture);
  reset_signals (fixture);

  query.account_id = TEST_ACCOUNT_2;
  set_query (fixture, &query);
  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, 20);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
  assert_mirror (fixture);
}

/* Orders created at 1 … n s with statuses following @pattern (one letter
 * an order: u unpaid, p pending, s shipped), stored without any refresh. */
static void
store_pattern (Fixture    *fixture,
               const char *pattern)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      const char *status = pattern[i] == 'u' ? "unpaid" : pattern[i] == 'p' ? "pending" : "shipped";

      g_ptr_array_add (page, new_order (fixture, 1700000000000 + (i + 1) * 1000, status));
    }
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, NULL, &error));
  g_assert_no_error (error);
}

static void
test_set_query_overlap (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* Newest first, so position 0 is the pattern's last letter. */
  static const char pattern[] = "uuppuuuspuuuuppsuuuuuuup";
  DdQuery query = DD_QUERY_INIT;
  guint n_removed = 0;
  guint n_runs = 0;
  guint n_unpaid = 0;

  store_pattern (fixture, pattern);
  dd_order_list_refresh (fixture->list, NULL);
  assert_mirror (fixture);
  reset_signals (fixture);

  /* Narrowing to the unpaid ones removes each run of others, nothing else:
   * the unpaid rows are never removed and re-added. */
  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] != 'u' && (i == 0 || pattern[i - 1] == 'u'))
        n_runs++;
      n_unpaid += pattern[i] == 'u';
    }
  query.status = DD_ORDER_STATUS_UNPAID;
  set_query (fixture, &query);
  assert_mirror (fixture);
  g_assert_cmpuint (fixture->signals->len, ==, n_runs);
  for (guint s = 0; s < fixture->signals->len; s++)
    {
      g_assert_cmpuint (signal_at (fixture, s)->added, ==, 0);
      n_removed += signal_at (fixture, s)->removed;
    }
  g_assert_cmpuint (n_removed, ==, strlen (pattern) - n_unpaid);
  reset_signals (fixture);

  /* Widening back inserts the same runs. */
  query.status = -1;
  set_query (fixture, &query);
  assert_mirror (fixture);
  g_assert_cmpuint (fixture->signals->len, ==, n_runs);
  for (guint s = 0; s < fixture->signals->len; s++)
    g_assert_cmpuint (signal_at (fixture, s)->removed, ==, 0);
  reset_signals (fixture);

  /* To the pending ones: disjoint from the unpaid, overlapping the rest. */
  query.status = DD_ORDER_STATUS_UNPAID;
  set_query (fixture, &query);
  reset_signals (fixture);
  query.status = DD_ORDER_STATUS_TO_SHIP;
  set_query (fixture, &query);
  assert_mirror (fixture);
  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, n_unpaid);
}

/* Sort orders that share no long runs: one replacement, not hundreds of
 * signals (in two: see below). Here the modification times swap each pair of neighbours of the
 * creation order: every other row can stay, 200 runs. */
static void
test_set_query_unrelated (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GError) error = NULL;
  DdQuery query = DD_QUERY_INIT;
  guint n = 2 * (DD_ORDER_LIST_MAX_RUNS + 72);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", fixture->next_id++);

      g_ptr_array_add (page, order_at (fixture, id, 1700000000000 + i * 1000, "unpaid", "林**",
                                       1000 + (i ^ 1) * 10));
    }
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, NULL, &error));
  g_assert_no_error (error);
  dd_order_list_refresh (fixture->list, NULL);
  assert_mirror (fixture);
  reset_signals (fixture);

  /* Told as every row removed, then every row added: a view never looks
   * for a removed row among hundreds of added ones. */
  query.sort = DD_SORT_MODIFIED;
  set_query (fixture, &query);
  g_assert_cmpuint (fixture->signals->len, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, n);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 1)->position, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 1)->removed, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 1)->added, ==, n);
  assert_mirror (fixture);
  reset_signals (fixture);

  /* And back. */
  query.sort = DD_SORT_CREATED;
  set_query (fixture, &query);
  g_assert_cmpuint (fixture->signals->len, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->removed, ==, n);
  g_assert_cmpuint (signal_at (fixture, 1)->added, ==, n);
  assert_mirror (fixture);
}

/* A refresh queued from a sync's page: nothing changes until the worker's
 * result is applied on the main loop. */
static void
test_queue_refresh (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GError) error = NULL;

  fill_twenty (fixture);

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (page, new_order (fixture, 1800000000000 + i, "unpaid"));
  g_ptr_array_add (page, order_at (fixture, "100009", 1700000100000, "shipped", "陳**明", 2000));
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 4);

  dd_order_list_queue_refresh (fixture->list, changed);
  g_assert_true (dd_order_list_is_busy (fixture->list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 20);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  g_assert_cmpuint (fixture->n_refreshed, ==, 0);

  wait_idle (fixture->list);
  g_assert_cmpuint (fixture->n_refreshed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 23);
  /* Three new at the head, the shipped one re-emitted in place. */
  g_assert_cmpuint (fixture->signals->len, ==, 2);
  g_assert_cmpuint (signal_at (fixture, 0)->position, ==, 0);
  g_assert_cmpuint (signal_at (fixture, 0)->added, ==, 3);
  g_assert_cmpuint (signal_at (fixture, 1)->removed, ==, 1);
  g_assert_cmpuint (signal_at (fixture, 1)->added, ==, 1);
  assert_mirror (fixture);
  {
    guint position = dd_order_list_find_row (fixture->list, g_array_index (changed, gint64, 3));
    g_autoptr(DdOrder) item = g_list_model_get_item (G_LIST_MODEL (fixture->list), position);

    g_assert_cmpuint (signal_at (fixture, 1)->position, ==, position);
    g_assert_cmpstr (dd_order_get_raw_status (item), ==, "shipped");
  }
}

/* Pages arriving faster than the list refreshes: one refresh at a time,
 * the ones asked for meanwhile become one, and every changed row is
 * re-emitted. */
static void
test_coalesced (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GArray) all_changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  fill_twenty (fixture);

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) page = test_page_new ();
      g_autofree char *id = g_strdup_printf ("%u", 100000 + round * 3);

      g_ptr_array_add (page, new_order (fixture, 1800000000000 + round, "unpaid"));
      g_ptr_array_add (page, order_at (fixture, id, 1700000010000 + round * 30000, "shipped",
                                       "林**", 5000 + round));
      g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, changed,
                                          &error));
      g_assert_no_error (error);
      g_array_append_vals (all_changed, changed->data, changed->len);
      dd_order_list_queue_refresh (fixture->list, changed);
    }

  wait_idle (fixture->list);
  g_assert_cmpuint (fixture->n_refreshed, >=, 1);
  g_assert_cmpuint (fixture->n_refreshed, <=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 26);
  assert_mirror (fixture); /* the mirror shows "shipped" for each: all were re-emitted */
}

/* A refresh overtaken by a new query: its result never shows. */
static void
test_superseded (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GError) error = NULL;
  DdQuery query = DD_QUERY_INIT;

  fill_twenty (fixture);

  /* Five shipped orders arrive; the refresh that would list them runs … */
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (page, new_order (fixture, 1800000000000 + i, "shipped"));
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, changed, &error));
  g_assert_no_error (error);
  dd_order_list_queue_refresh (fixture->list, changed);

  /* … when the user asks for the unpaid ones only: the refresh's result
   * (five rows in, then five out again) must never be seen. */
  query.status = DD_ORDER_STATUS_UNPAID;
  dd_order_list_set_query (fixture->list, &query);
  wait_idle (fixture->list);

  g_assert_cmpuint (fixture->n_refreshed, ==, 1);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 20);
  assert_mirror (fixture);

  /* A synchronous refresh overtakes a queued one the same way. */
  dd_order_list_queue_refresh (fixture->list, NULL);
  query.status = -1;
  dd_order_list_set_query (fixture->list, &query);
  dd_order_list_refresh (fixture->list, NULL);
  g_assert_cmpuint (fixture->n_refreshed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 25);
  reset_signals (fixture);
  wait_idle (fixture->list);
  g_assert_cmpuint (fixture->n_refreshed, ==, 0);
  g_assert_cmpuint (fixture->signals->len, ==, 0);
  assert_mirror (fixture);
}

static void
test_lru_bound (Fixture       *fixture,
                gconstpointer  user_data)
{
  GListModel *list = G_LIST_MODEL (fixture->list);
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GError) error = NULL;
  const guint n_orders = TEST_VOLUME (10000, 2000);
  guint n;

  /* No mirror here: it would hold every item. */
  g_signal_handlers_disconnect_by_func (fixture->list, items_changed_cb, fixture);

  for (guint i = 0; i < n_orders; i++)
    {
      g_ptr_array_add (page, new_order (fixture, 1700000000000 + i, "unpaid"));
      if (page->len == 1000)
        {
          g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, NULL,
                                              &error));
          g_assert_no_error (error);
          g_ptr_array_set_size (page, 0);
        }
    }
  dd_order_list_refresh (fixture->list, NULL);

  n = g_list_model_get_n_items (list);
  g_assert_cmpuint (n, ==, n_orders);

  /* Row ids by position, for big selections, load no order. */
  {
    GHashTable *seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autofree gint64 *ids = g_new0 (gint64, n);

    for (guint i = 0; i < n; i++)
      {
        ids[i] = dd_order_list_get_row_id (fixture->list, i);
        g_assert_cmpint (ids[i], >, 0);
        g_assert_true (g_hash_table_add (seen, &ids[i]));
      }
    g_hash_table_unref (seen);
    g_assert_cmpuint (dd_order_list_get_n_materialised (fixture->list), ==, 0);
    g_assert_cmpint (dd_order_list_get_row_id (fixture->list, n), ==, 0);
    for (guint i = 0; i < n; i += 997)
      {
        g_autoptr(DdOrder) order = g_list_model_get_item (list, i);
        g_assert_cmpint (dd_order_get_row_id (order), ==, ids[i]);
      }
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdOrder) order = g_list_model_get_item (list, i);
      g_autofree char *expected = g_strdup_printf ("%u", 100000 + n_orders - 1 - i);

      g_assert_cmpstr (dd_order_get_order_id (order), ==, expected);
      g_assert_cmpuint (dd_order_list_get_n_materialised (fixture->list), <=,
                        DD_ORDER_LIST_CACHE_SIZE);
    }
  g_assert_cmpuint (dd_order_list_get_n_materialised (fixture->list), ==,
                    DD_ORDER_LIST_CACHE_SIZE);

  /* A hit gives the same object back. */
  {
    g_autoptr(DdOrder) a = g_list_model_get_item (list, n - 1);
    g_autoptr(DdOrder) b = g_list_model_get_item (list, n - 1);
    g_assert_true (a == b);
  }
  g_assert_null (g_list_model_get_item (list, n));
  g_assert_true (g_list_model_get_item_type (list) == DD_TYPE_ORDER);
}

static void
test_load_failure (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = db_path (fixture);
  g_autoptr(DdOrder) first = NULL;
  g_autoptr(DdOrder) second = NULL;
  g_autoptr(DdOrder) fine = NULL;
  g_autoptr(DdOrderList) list = NULL;
  gint64 row_1, row_2;

  fill_twenty (fixture);

  /* Rows whose raw JSON went bad behind the list's back (a new list: the
   * fixture's has them materialised already). */
  sql_exec (path, "UPDATE order_json SET raw_json = '{' WHERE id IN "
                  "(SELECT id FROM orders WHERE order_id IN ('100019', '100018'))");
  list = dd_order_list_new (fixture->cache);
  wait_idle (list);

  /* Items all the same, and one warning only. */
  g_test_expect_message ("Dingdan-Core", G_LOG_LEVEL_WARNING, "*Could not load order*");
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_test_assert_expected_messages ();

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpstr (dd_order_get_order_id (first), ==, "?");
  g_assert_cmpstr (dd_order_get_order_id (second), ==, "?");
  row_1 = dd_order_get_row_id (first);
  row_2 = dd_order_get_row_id (second);
  g_assert_cmpint (row_1, >, 0);
  g_assert_cmpint (row_2, >, 0);
  g_assert_cmpint (row_1, !=, row_2);
  g_assert_cmpuint (dd_order_list_find_row (list, row_1), ==, 0);

  fine = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_cmpstr (dd_order_get_order_id (fine), ==, "100017");
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_n_items_notify (Fixture       *fixture,
                     gconstpointer  user_data)
{
  guint n_notifies = 0;
  guint n_items = 0;
  GPtrArray *page;

  g_signal_connect (fixture->list, "notify::n-items", G_CALLBACK (count_cb), &n_notifies);

  fill_twenty (fixture);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_object_get (fixture->list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 20);

  /* An update keeps the count: no notification. */
  page = test_page_new ();
  g_ptr_array_add (page, order_at (fixture, "100003", 1700000040000, "shipped", "陳**明", 2000));
  store_and_refresh (fixture, page);
  g_assert_cmpuint (fixture->signals->len, ==, 1);
  g_assert_cmpuint (n_notifies, ==, 1);

  page = test_page_new ();
  g_ptr_array_add (page, new_order (fixture, 1700000000001, "unpaid"));
  g_ptr_array_add (page, new_order (fixture, 1700000000002, "unpaid"));
  store_and_refresh (fixture, page);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_object_get (fixture->list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 22);
  assert_mirror (fixture);

  g_signal_handlers_disconnect_by_func (fixture->list, count_cb, &n_notifies);
}

/* One random change of the shop: new orders, status changes in and out of
 * the view, creation times moved, buyers renamed (updates in place). */
static void
random_round (Fixture   *fixture,
              GPtrArray *known_ids)
{
  static const char *statuses[] = { "unpaid", "unpaid", "pending", "shipped" };
  static const char *buyers[] = { "陳**明", "林**", "abbyh ", "MiaYu " };
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *page = test_page_new ();
  guint n_ops = g_test_rand_int_range (1, 12);

  for (guint op = 0; op < n_ops; op++)
    {
      const char *status = statuses[g_test_rand_int_range (0, G_N_ELEMENTS (statuses))];
      const char *buyer = buyers[g_test_rand_int_range (0, G_N_ELEMENTS (buyers))];
      gint64 created = 1700000000000 + g_test_rand_int_range (0, 40) * 1000;
      gint64 modified = 2000 + g_test_rand_int_range (0, 100000);

      if (known_ids->len == 0 || g_test_rand_int_range (0, 4) == 0)
        {
          /* A new order (sometimes a burst of them). */
          guint burst = g_test_rand_int_range (1, 6);

          for (guint b = 0; b < burst; b++)
            {
              g_autofree char *id = g_strdup_printf ("%u", fixture->next_id++);

              g_ptr_array_add (known_ids, g_strdup (id));
              g_hash_table_add (touched, g_ptr_array_index (known_ids, known_ids->len - 1));
              g_ptr_array_add (page, order_at (fixture, id, created + b, status, buyer, modified));
            }
        }
      else
        {
          const char *id = g_ptr_array_index (known_ids,
                                              g_test_rand_int_range (0, known_ids->len));
          g_autoptr(DdOrder) current = NULL;
          gint64 keep_created;

          if (g_hash_table_contains (touched, id))
            continue;
          g_hash_table_add (touched, (gpointer) id);

          current = dd_cache_lookup_order (fixture->cache, TEST_ACCOUNT, id, NULL);
          g_assert_nonnull (current);
          keep_created = test_date_time_to_ms (dd_order_get_created (current));

          switch (g_test_rand_int_range (0, 3))
            {
            case 0: /* a status change */
              g_ptr_array_add (page, order_at (fixture, id, keep_created, status,
                                               dd_order_get_buyer_name (current), modified));
              break;
            case 1: /* a move */
              g_ptr_array_add (page, order_at (fixture, id, created,
                                               dd_order_get_raw_status (current),
                                               dd_order_get_buyer_name (current), modified));
              break;
            default: /* an update */
              g_ptr_array_add (page, order_at (fixture, id, keep_created,
                                               dd_order_get_raw_status (current), buyer,
                                               modified));
              break;
            }
        }
    }

  store_and_refresh (fixture, page);
}

static void
test_random (Fixture       *fixture,
             gconstpointer  user_data)
{
  const DdQuery queries[] = {
    { NULL, DD_ORDER_STATUS_UNPAID, DD_SORT_CREATED, FALSE },
    { NULL, -1, DD_SORT_BUYER, TRUE },
    { NULL, -1, DD_SORT_MODIFIED, FALSE },
    { TEST_ACCOUNT, DD_ORDER_STATUS_TO_SHIP, DD_SORT_ORDER_ID, TRUE },
  };
  g_autoptr(GPtrArray) known_ids = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      set_query (fixture, &queries[q]);
      assert_mirror (fixture);
      reset_signals (fixture);

      for (guint round = 0; round < TEST_VOLUME (40, 8); round++)
        {
          random_round (fixture, known_ids);
          assert_mirror (fixture);

          /* Each signal's runs never touch: adjacent ones would have merged. */
          for (guint s = 1; s < fixture->signals->len; s++)
            {
              Signal *prev = signal_at (fixture, s - 1);
              Signal *next = signal_at (fixture, s);

              g_assert_cmpuint (prev->position + prev->added, <, next->position);
            }
          reset_signals (fixture);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/order-list/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-at-head", test_insert_at_head);
  ADD ("spread-runs", test_spread_runs);
  ADD ("nothing-changed", test_nothing_changed);
  ADD ("updates", test_updates);
  ADD ("filtered-removal", test_filtered_removal);
  ADD ("move", test_move);
  ADD ("set-query", test_set_query);
  ADD ("set-query-overlap", test_set_query_overlap);
  ADD ("set-query-unrelated", test_set_query_unrelated);
  ADD ("queue-refresh", test_queue_refresh);
  ADD ("coalesced", test_coalesced);
  ADD ("superseded", test_superseded);
  ADD ("lru-bound", test_lru_bound);
  ADD ("load-failure", test_load_failure);
  ADD ("n-items", test_n_items_notify);
  ADD ("random", test_random);

#undef ADD

  return g_test_run ();
}
