/* test-marks.c: notes, flags and review states in the cache, their views and counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-cache.h"
#include "dd-marks.h"
#include "test-orders.h"

#define T0 1700000000000  /* ms; the orders' creation times count up from it */

typedef TestCacheFixture Fixture;
#define fixture_set_up test_cache_fixture_set_up
#define fixture_tear_down test_cache_fixture_tear_down

#define reopen test_cache_fixture_reopen

static const char * const tw_statuses[] = {
  "unpaid", "ready_to_ship", "shipped", "delivered", "canceled", "returned", "failed",
};

/* Stores orders "<prefix>0".."<prefix>n-1" of @account_id, statuses in
 * turn; returns their row ids. */
static GArray *
store_orders (DdCache    *cache,
              const char *account_id,
              const char *prefix,
              guint       n,
              gint64      modified_ms)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *order_id = g_strdup_printf ("%s%u", prefix, i);

      g_ptr_array_add (page, test_order_new (account_id, order_id, T0 + i * 1000, modified_ms,
                                             tw_statuses[i % G_N_ELEMENTS (tw_statuses)],
                                             "王**明", 1000 + i, "CASH"));
    }
  g_assert_true (dd_cache_store_page (cache, account_id, page, -1, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = dd_order_get_row_id (g_ptr_array_index (page, i));

      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* The row ids @ids[@indexes…] (indexes end at -1). */
static GArray *
pick (GArray *ids,
      ...)
{
  GArray *picked = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;
  int i;

  va_start (args, ids);
  while ((i = va_arg (args, int)) >= 0)
    g_array_append_val (picked, g_array_index (ids, gint64, i));
  va_end (args);
  return picked;
}

static void
read_marks (DdCache *cache,
            gint64   row_id,
            DdMarks *marks)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_cache_get_marks (cache, row_id, marks, &error));
  g_assert_no_error (error);
}

static void
test_set_read (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "1", 3, T0);
  g_autoptr(GArray) one = pick (ids, 1, -1);
  g_autoptr(GError) error = NULL;
  DdMarks marks = DD_MARKS_INIT;
  gint64 before = g_get_real_time () / 1000;

  /* Unmarked: the defaults. */
  read_marks (fixture->cache, g_array_index (ids, gint64, 1), &marks);
  g_assert_null (marks.note);
  g_assert_cmpint (marks.flag, ==, DD_FLAG_NONE);
  g_assert_cmpint (marks.review, ==, DD_REVIEW_NEEDS_REVIEW);
  g_assert_cmpint (marks.updated_ms, ==, 0);

  g_assert_true (dd_cache_set_note (fixture->cache, one, "客人要求週五前出貨", &error));
  g_assert_no_error (error);
  g_assert_true (dd_cache_set_flag (fixture->cache, one, DD_FLAG_PURPLE, &error));
  g_assert_no_error (error);
  g_assert_true (dd_cache_set_review (fixture->cache, one, DD_REVIEW_HELD, T0 + 5000, &error));
  g_assert_no_error (error);

  read_marks (fixture->cache, g_array_index (ids, gint64, 1), &marks);
  g_assert_cmpstr (marks.note, ==, "客人要求週五前出貨");
  g_assert_cmpint (marks.flag, ==, DD_FLAG_PURPLE);
  g_assert_cmpint (marks.review, ==, DD_REVIEW_HELD);
  g_assert_cmpint (marks.release_ms, ==, T0 + 5000);
  g_assert_cmpint (marks.updated_ms, >=, before);
  g_assert_cmpint (dd_marks_get_review (&marks, T0 + 4999), ==, DD_REVIEW_HELD);
  g_assert_cmpint (dd_marks_get_review (&marks, T0 + 5000), ==, DD_REVIEW_NEEDS_REVIEW);

  /* The neighbours are untouched. */
  read_marks (fixture->cache, g_array_index (ids, gint64, 0), &marks);
  g_assert_null (marks.note);
  g_assert_cmpint (marks.flag, ==, DD_FLAG_NONE);

  /* Each mark changes alone; approving drops the release time. */
  g_assert_true (dd_cache_set_review (fixture->cache, one, DD_REVIEW_APPROVED, T0 + 9000, &error));
  read_marks (fixture->cache, g_array_index (ids, gint64, 1), &marks);
  g_assert_cmpint (marks.review, ==, DD_REVIEW_APPROVED);
  g_assert_cmpint (marks.release_ms, ==, 0);
  g_assert_cmpstr (marks.note, ==, "客人要求週五前出貨");
  g_assert_cmpint (marks.flag, ==, DD_FLAG_PURPLE);

  /* Cleared one by one, the row goes. */
  g_assert_true (dd_cache_set_note (fixture->cache, one, "", &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, one, DD_FLAG_NONE, &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_marks"), ==, 1);
  g_assert_true (dd_cache_set_review (fixture->cache, one, DD_REVIEW_NEEDS_REVIEW, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_marks"), ==, 0);
  read_marks (fixture->cache, g_array_index (ids, gint64, 1), &marks);
  g_assert_null (marks.note);
  g_assert_cmpint (marks.updated_ms, ==, 0);

  /* A row that is not cached. */
  g_assert_false (dd_cache_get_marks (fixture->cache, 999999, &marks, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  dd_marks_clear (&marks);
}

static void
test_multi_select (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "2", 5, T0);
  g_autoptr(GArray) three = pick (ids, 0, 2, 4, -1);
  g_autoptr(GArray) with_gone = pick (ids, 1, 3, -1);
  g_autoptr(GError) error = NULL;
  gint64 gone = 777777;
  DdMarks marks = DD_MARKS_INIT;

  g_assert_true (dd_cache_set_flag (fixture->cache, three, DD_FLAG_RED, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      read_marks (fixture->cache, g_array_index (ids, gint64, i), &marks);
      g_assert_cmpint (marks.flag, ==, i % 2 == 0 ? DD_FLAG_RED : DD_FLAG_NONE);
    }

  /* One row id is not cached: none of the selection is changed. */
  g_array_append_val (with_gone, gone);
  g_assert_false (dd_cache_set_note (fixture->cache, with_gone, "缺貨", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 0; i < ids->len; i++)
    {
      read_marks (fixture->cache, g_array_index (ids, gint64, i), &marks);
      g_assert_null (marks.note);
    }
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_marks"), ==, 3);

  /* An empty selection changes nothing and is no error. */
  g_array_set_size (with_gone, 0);
  g_assert_true (dd_cache_set_flag (fixture->cache, with_gone, DD_FLAG_BLUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_marks"), ==, 3);
  dd_marks_clear (&marks);
}

static void
test_survive (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "3", 2, T0);
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) rebuilt = NULL;
  g_autoptr(GArray) first = pick (ids, 0, -1);
  g_autoptr(GError) error = NULL;
  DdMarks marks = DD_MARKS_INIT;

  g_assert_true (dd_cache_set_note (fixture->cache, first, "改地址", &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, first, DD_FLAG_GREEN, &error));
  g_assert_true (dd_cache_set_review (fixture->cache, first, DD_REVIEW_APPROVED, 0, &error));
  g_assert_no_error (error);

  /* A sync stores the same orders, changed. */
  again = store_orders (fixture->cache, TEST_ACCOUNT, "3", 2, T0 + 60000);
  g_assert_cmpint (g_array_index (again, gint64, 0), ==, g_array_index (ids, gint64, 0));
  read_marks (fixture->cache, g_array_index (again, gint64, 0), &marks);
  g_assert_cmpstr (marks.note, ==, "改地址");
  g_assert_cmpint (marks.flag, ==, DD_FLAG_GREEN);
  g_assert_cmpint (marks.review, ==, DD_REVIEW_APPROVED);

  /* A restart. */
  reopen (fixture);
  read_marks (fixture->cache, g_array_index (ids, gint64, 0), &marks);
  g_assert_cmpstr (marks.note, ==, "改地址");
  g_assert_cmpint (marks.flag, ==, DD_FLAG_GREEN);

  /* The account's orders dropped and fetched again, under new row ids
   * (order_names, which needs the cache's tokenizer, keeps stale rows). */
  g_assert_finalize_object (g_steal_pointer (&fixture->cache));
  sql_exec (fixture->path,
            "DELETE FROM order_text; DELETE FROM order_json; DELETE FROM orders;"
            "INSERT INTO orders (id, account_id, platform, order_id, status)"
            " VALUES (1000, 'x', 'tw', 'x', 0);");
  fixture->cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  rebuilt = store_orders (fixture->cache, TEST_ACCOUNT, "3", 2, T0);
  g_assert_cmpint (g_array_index (rebuilt, gint64, 0), !=, g_array_index (ids, gint64, 0));
  read_marks (fixture->cache, g_array_index (rebuilt, gint64, 0), &marks);
  g_assert_cmpstr (marks.note, ==, "改地址");
  g_assert_cmpint (marks.review, ==, DD_REVIEW_APPROVED);
  read_marks (fixture->cache, g_array_index (rebuilt, gint64, 1), &marks);
  g_assert_null (marks.note);
  dd_marks_clear (&marks);
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "4", 300, T0);
  g_autoptr(GArray) first = pick (ids, 0, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_note = g_string_new (NULL);
  DdMarks marks = DD_MARKS_INIT;

  g_assert_true (dd_cache_set_flag (fixture->cache, first, DD_FLAG_BLUE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    g_string_append (long_note, "請勿出貨，");

  dd_cache_set_max_page_count (fixture->cache, 1);
  g_assert_false (dd_cache_set_note (fixture->cache, ids, long_note->str, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "The order cache could not be saved: the disk is full");
  g_clear_error (&error);

  /* Nothing half-applied: no note anywhere, the earlier flag kept. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_marks"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM order_marks WHERE note IS NOT NULL"), ==, 0);
  read_marks (fixture->cache, g_array_index (ids, gint64, 0), &marks);
  g_assert_null (marks.note);
  g_assert_cmpint (marks.flag, ==, DD_FLAG_BLUE);

  /* Room again. */
  dd_cache_set_max_page_count (fixture->cache, 0);
  g_assert_true (dd_cache_set_note (fixture->cache, ids, long_note->str, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM order_marks WHERE note IS NOT NULL"), ==, 300);
  dd_marks_clear (&marks);
}

static GArray *
query_ids (DdCache       *cache,
           const DdQuery *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = dd_cache_query_row_ids (cache, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

/* @got holds exactly @ids[@indexes…] (in the query's order: newest first). */
static void
assert_ids (GArray *got,
            GArray *ids,
            ...)
{
  va_list args;
  guint n = 0;
  int i;

  va_start (args, ids);
  while ((i = va_arg (args, int)) >= 0)
    {
      g_assert_cmpuint (n, <, got->len);
      g_assert_cmpint (g_array_index (got, gint64, n), ==, g_array_index (ids, gint64, i));
      n++;
    }
  va_end (args);
  g_assert_cmpuint (got->len, ==, n);
}

static void
test_views (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* Orders 0–6, newest last; statuses in tw_statuses' order. */
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "5", 7, T0);
  g_autoptr(GArray) approved = pick (ids, 0, 3, -1);
  g_autoptr(GArray) released = pick (ids, 1, -1);
  g_autoptr(GArray) held = pick (ids, 2, -1);
  g_autoptr(GArray) held_for_good = pick (ids, 5, -1);
  g_autoptr(GArray) red = pick (ids, 2, 4, -1);
  g_autoptr(GArray) noted = pick (ids, 6, -1);
  g_autoptr(GError) error = NULL;
  DdQuery query = DD_QUERY_INIT;
  gint64 now = T0 + 100000;

  g_assert_true (dd_cache_set_review (fixture->cache, approved, DD_REVIEW_APPROVED, 0, &error));
  g_assert_true (dd_cache_set_review (fixture->cache, released, DD_REVIEW_HELD, now - 1, &error));
  g_assert_true (dd_cache_set_review (fixture->cache, held, DD_REVIEW_HELD, now + 1, &error));
  g_assert_true (dd_cache_set_review (fixture->cache, held_for_good, DD_REVIEW_HELD, 0, &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, red, DD_FLAG_RED, &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, noted, DD_FLAG_YELLOW, &error));
  g_assert_true (dd_cache_set_note (fixture->cache, noted, "備註", &error));
  g_assert_no_error (error);

  query.now_ms = now;
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 6, 5, 4, 3, 2, 1, 0, -1);
  }

  /* Needs review: unmarked, noted only, and held past its release. */
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 6, 4, 1, -1);
  }
  /* Before that release time, the held order is still held. */
  query.now_ms = now - 2;
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 6, 4, -1);
  }
  query.now_ms = now;
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_HELD);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 5, 2, -1);
  }
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_APPROVED) | DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 6, 4, 3, 1, 0, -1);
  }

  /* Flags, alone and with the review and status filters. */
  query.reviews = 0;
  query.flags = DD_FLAG_MASK (DD_FLAG_RED);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 4, 2, -1);
  }
  query.flags = DD_FLAG_MASK (DD_FLAG_NONE);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 5, 3, 1, 0, -1);
  }
  query.flags = DD_FLAG_MASK (DD_FLAG_NONE) | DD_FLAG_MASK (DD_FLAG_YELLOW);
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 6, 1, -1);
  }
  query.flags = DD_FLAG_MASK (DD_FLAG_RED);
  query.status = DD_ORDER_STATUS_CLOSED;  /* order 4: canceled */
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 4, -1);
  }
  query.account_id = TEST_ACCOUNT_2;
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, -1);
  }

  /* The views as the list sets them. */
  query = (DdQuery) DD_QUERY_INIT;
  query.now_ms = now;
  dd_query_set_view (&query, DD_VIEW_NEEDS_REVIEW);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 6, 4, 1, -1);
  }
  dd_query_set_view (&query, DD_VIEW_TO_SHIP);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 1, -1);
  }
}

/* Brute force: what count_views must say, from what the test set. */
typedef struct
{
  DdOrderStatus status;
  const char   *account_id;
  DdReviewState review;
  gint64        release_ms;
} Expected;

/* The filters that let unmarked orders through skip the marked orders they
 * refuse while the ids are collected (a bitmap over the refused ids' span,
 * or a hash table when that span is too wide); mixed with a filter that
 * keeps only marked orders, and with no mark at all. */
static void
test_views_skip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Orders 0–4, newest last. */
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "5", 5, T0);
  g_autoptr(GArray) approved = pick (ids, 0, 2, -1);
  g_autoptr(GArray) red = pick (ids, 1, -1);
  g_autoptr(GArray) yellow = pick (ids, 2, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *move = NULL;
  DdQuery query = DD_QUERY_INIT;

  query.now_ms = T0;
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW);
  query.flags = DD_FLAG_MASK (DD_FLAG_NONE);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 4, 3, 2, 1, 0, -1);
  }

  g_assert_true (dd_cache_set_review (fixture->cache, approved, DD_REVIEW_APPROVED, 0, &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, red, DD_FLAG_RED, &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, yellow, DD_FLAG_YELLOW, &error));
  g_assert_no_error (error);

  /* Approved (only marked orders) and unflagged (skips the flagged). */
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_APPROVED);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 0, -1);
  }
  query.flags = DD_FLAG_MASK (DD_FLAG_NONE) | DD_FLAG_MASK (DD_FLAG_YELLOW);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 2, 0, -1);
  }
  query.flags = DD_FLAG_MASK (DD_FLAG_NONE);
  query.reviews = DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 4, 3, -1);
  }

  /* Order 0's row id far from the others': 2^40 apart. */
  move = g_strdup_printf ("UPDATE orders SET id = id + 1099511627776 WHERE id = %" G_GINT64_FORMAT,
                          g_array_index (ids, gint64, 0));
  sql_exec (fixture->path, move);
  g_array_index (ids, gint64, 0) += G_GINT64_CONSTANT (1099511627776);

  query.flags = 0;
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 4, 3, 1, -1);
  }
  query.reviews = 0;
  query.flags = DD_FLAG_MASK (DD_FLAG_NONE);
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 4, 3, 0, -1);
  }
  query.status = DD_ORDER_STATUS_UNPAID;  /* order 0 */
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    assert_ids (got, ids, 0, -1);
  }
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *accounts[] = { TEST_ACCOUNT, TEST_ACCOUNT_2 };
  const guint n_orders[] = { 210, 140 };
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  gint64 now = T0 + 500000;

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      g_autoptr(GArray) ids = store_orders (fixture->cache, accounts[a], "6", n_orders[a], T0);

      for (guint i = 0; i < ids->len; i++)
        {
          Expected e = { dd_order_status_from_tw (tw_statuses[i % G_N_ELEMENTS (tw_statuses)]),
                         accounts[a], DD_REVIEW_NEEDS_REVIEW, 0 };
          g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
          guint32 dice = g_rand_int_range (rand, 0, 6);

          g_array_append_val (one, g_array_index (ids, gint64, i));
          g_array_append_val (all_ids, g_array_index (ids, gint64, i));
          if (dice == 1 || dice == 2)
            {
              e.review = dice == 1 ? DD_REVIEW_APPROVED : DD_REVIEW_HELD;
              e.release_ms = dice == 2 && g_rand_boolean (rand)
                               ? now + g_rand_int_range (rand, -1000, 1000) : 0;
              g_assert_true (dd_cache_set_review (fixture->cache, one, e.review, e.release_ms,
                                                  &error));
            }
          else if (dice == 3)
            g_assert_true (dd_cache_set_note (fixture->cache, one, "只有備註", &error));
          g_assert_no_error (error);
          g_array_append_val (expected, e);
        }
    }
  /* A mark whose order is gone counts nowhere. */
  sql_exec (fixture->path,
            "INSERT INTO order_marks (account_id, order_id, review, updated_ms)"
            " VALUES ('tw:shop-1', 'gone', 1, 0)");

  for (guint a = 0; a <= G_N_ELEMENTS (accounts); a++)
    {
      const char *account_id = a < G_N_ELEMENTS (accounts) ? accounts[a] : NULL;
      DdViewCounts counts;
      DdViewCounts want = { 0, };

      for (guint i = 0; i < expected->len; i++)
        {
          const Expected *e = &g_array_index (expected, Expected, i);
          DdMarks marks = { NULL, DD_FLAG_NONE, e->review, e->release_ms, 0 };

          if (account_id != NULL && g_strcmp0 (account_id, e->account_id) != 0)
            continue;
          want.all++;
          want.by_status[e->status]++;
          if (dd_marks_get_review (&marks, now) == DD_REVIEW_NEEDS_REVIEW)
            want.needs_review++;
        }

      g_assert_true (dd_cache_count_views (fixture->cache, account_id, now, &counts, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (counts.all, ==, want.all);
      g_assert_cmpuint (counts.needs_review, ==, want.needs_review);
      g_assert_cmpuint (counts.needs_review, <, counts.all);
      g_assert_cmpuint (counts.needs_review, >, 0);
      for (guint s = 0; s <= DD_ORDER_STATUS_LAST; s++)
        g_assert_cmpuint (counts.by_status[s], ==, want.by_status[s]);

      /* Each view's count is the length of its list. */
      for (DdView view = DD_VIEW_ALL; view <= DD_VIEW_LAST; view++)
        {
          DdQuery query = DD_QUERY_INIT;
          g_autoptr(GArray) got = NULL;

          query.account_id = account_id;
          query.now_ms = now;
          dd_query_set_view (&query, view);
          got = query_ids (fixture->cache, &query);
          g_assert_cmpuint (got->len, ==, dd_view_counts_get (&counts, view));
          g_assert_nonnull (dd_view_get_label (view));
        }
    }
}

static void
test_delete_account (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "7", 2, T0);
  g_autoptr(GArray) other = store_orders (fixture->cache, TEST_ACCOUNT_2, "7", 2, T0);
  g_autoptr(GError) error = NULL;
  DdMarks marks = DD_MARKS_INIT;

  g_assert_true (dd_cache_set_flag (fixture->cache, ids, DD_FLAG_ORANGE, &error));
  g_assert_true (dd_cache_set_flag (fixture->cache, other, DD_FLAG_ORANGE, &error));
  g_assert_true (dd_cache_delete_account (fixture->cache, TEST_ACCOUNT, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_marks"), ==, 2);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM order_marks WHERE account_id = 'tw:shop-1'"),
                   ==, 0);
  read_marks (fixture->cache, g_array_index (other, gint64, 1), &marks);
  g_assert_cmpint (marks.flag, ==, DD_FLAG_ORANGE);
  dd_marks_clear (&marks);
}

static void
test_migrate (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GArray) ids = store_orders (fixture->cache, TEST_ACCOUNT, "8", 20, T0);
  g_autoptr(GArray) first = pick (ids, 0, -1);
  g_autoptr(GError) error = NULL;
  DdQuery query = DD_QUERY_INIT;
  DdSyncState state = { 4242, 3, 50, 4000 };
  g_autoptr(GPtrArray) empty = test_page_new ();
  DdMarks marks = DD_MARKS_INIT;

  g_assert_true (dd_cache_store_page_with_state (fixture->cache, TEST_ACCOUNT, empty, &state,
                                                 NULL, &error));
  g_assert_no_error (error);

  /* The file as version 3 left it: migrations 0–2 are this code's own,
   * version 4 only adds the marks table (and version 5 the action log). */
  g_assert_finalize_object (g_steal_pointer (&fixture->cache));
  sql_exec (fixture->path,
            "DROP TABLE order_marks; DROP TABLE action_log; PRAGMA user_version = 3;");
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 3);

  fixture->cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_cache_get_schema_version (fixture->cache), ==, DD_CACHE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, DD_CACHE_SCHEMA_VERSION);

  /* Everything kept: orders, their ids, search, sync state. */
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 20);
  query.search = "819";
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    g_assert_cmpuint (got->len, ==, 1);
    g_assert_cmpint (g_array_index (got, gint64, 0), ==, g_array_index (ids, gint64, 19));
  }
  query.search = "王";
  {
    g_autoptr(GArray) got = query_ids (fixture->cache, &query);
    g_assert_cmpuint (got->len, ==, 20);
    g_assert_cmpint (g_array_index (got, gint64, 19), ==, g_array_index (ids, gint64, 0));
  }
  dd_cache_get_sync_state (fixture->cache, TEST_ACCOUNT, &state);
  g_assert_cmpint (state.cursor_ms, ==, 4242);
  g_assert_cmpuint (state.backfill_page, ==, 3);

  /* And marks work on it. */
  g_assert_true (dd_cache_set_note (fixture->cache, first, "升級後", &error));
  g_assert_no_error (error);
  read_marks (fixture->cache, g_array_index (ids, gint64, 0), &marks);
  g_assert_cmpstr (marks.note, ==, "升級後");
  dd_marks_clear (&marks);
}

static void
test_names (void)
{
  for (DdFlag flag = DD_FLAG_NONE; flag <= DD_FLAG_LAST; flag++)
    {
      DdFlag back = DD_FLAG_NONE;

      g_assert_true (dd_flag_from_nick (dd_flag_to_nick (flag), &back));
      g_assert_cmpint (back, ==, flag);
      g_assert_nonnull (dd_flag_get_label (flag));
    }
  g_assert_cmpstr (dd_flag_to_nick (DD_FLAG_RED), ==, "red");
  g_assert_cmpstr (dd_flag_to_nick (DD_FLAG_PURPLE), ==, "purple");
  g_assert_cmpstr (dd_flag_get_label (DD_FLAG_GREEN), ==, "Green");
  g_assert_false (dd_flag_from_nick ("grey", &(DdFlag) { 0 }));
  g_assert_cmpstr (dd_review_state_to_nick (DD_REVIEW_HELD), ==, "held");
  g_assert_cmpstr (dd_review_state_get_label (DD_REVIEW_NEEDS_REVIEW), ==, "Needs review");
  g_assert_cmpstr (dd_view_get_label (DD_VIEW_AFTER_SALE), ==, "After-sale");
  g_assert_cmpstr (dd_view_get_label (DD_VIEW_ALL), ==, "All");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dingdan/marks/names", test_names);
#define ADD(path, func) \
  g_test_add ("/dingdan/marks/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("set-read", test_set_read);
  ADD ("multi-select", test_multi_select);
  ADD ("survive-sync-and-restart", test_survive);
  ADD ("full-disk", test_full_disk);
  ADD ("views", test_views);
  ADD ("views-skip", test_views_skip);
  ADD ("counts", test_counts);
  ADD ("delete-account", test_delete_account);
  ADD ("migrate-v3", test_migrate);
#undef ADD

  return g_test_run ();
}
