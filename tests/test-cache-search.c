/* test-cache-search.c: the cache's search, date ranges and sort orders (schema 3)
 *
 * Runs in Asia/Taipei (UTC+8, set before any time call): date ranges are in
 * the user's time zone, not UTC; date-range-dst moves to America/Santiago for
 * its days whose midnight is skipped or repeated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-cache.h"
#include "dd-tw-parse.h"
#include "test-orders.h"

typedef struct
{
  char    *dir;
  char    *path;
  DdCache *cache;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-cache-search-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->cache);
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* A Taiwan order as the parser reads it from a module like the seed's, with
 * these values. @titles and @tracking are NULL-terminated; tracking number
 * i ships with line i (NULL: an unnumbered shipment). @receiver NULL: no
 * delivery info. */
static DdOrder *
tw_order (const char         *account_id,
          const char         *order_id,
          gint64              created_ms,
          gint64              modified_ms,
          const char         *tw_status,
          const char         *buyer,
          const char         *receiver,
          gint64              total,
          const char         *channel,
          const char * const *titles,
          const char * const *tracking)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *fee = g_strdup_printf ("%" G_GINT64_FORMAT, total);
  JsonObject *module;
  JsonArray *lines;
  JsonObject *seed_line;
  DdOrder *order;

  g_assert_true (json_parser_load_from_data (parser, TEST_SEED_MODULE, -1, NULL));
  module = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (module, "trade_order_id", order_id);
  json_object_set_int_member (module, "creation_time", created_ms);
  json_object_set_int_member (module, "modification_time", modified_ms);
  json_object_set_string_member (module, "status", tw_status);
  json_object_set_string_member (module, "buyer_full_name", buyer);
  json_object_set_string_member (module, "actual_fee", fee);
  json_object_set_string_member (module, "payment_channel", channel);
  if (receiver != NULL)
    json_object_set_string_member (json_object_get_object_member (module, "delivery_info"),
                                   "receiver_name", receiver);
  else
    json_object_remove_member (module, "delivery_info");

  lines = json_object_get_array_member (module, "trade_order_line_list");
  seed_line = json_object_ref (json_array_get_object_element (lines, 0));
  json_array_remove_element (lines, 0);
  for (guint i = 0; titles != NULL && titles[i] != NULL; i++)
    {
      g_autoptr(JsonParser) copy = json_parser_new ();
      g_autoptr(JsonGenerator) line_gen = json_generator_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *line_text = NULL;
      g_autofree char *line_id = g_strdup_printf ("%s%u", order_id, i);
      JsonObject *line;
      JsonArray *shipments;

      json_node_set_object (node, seed_line);
      json_generator_set_root (line_gen, node);
      line_text = json_generator_to_data (line_gen, NULL);
      g_assert_true (json_parser_load_from_data (copy, line_text, -1, NULL));
      line = json_node_get_object (json_parser_get_root (copy));
      json_object_set_string_member (line, "trade_order_id", order_id);
      json_object_set_string_member (line, "trade_order_line_id", line_id);
      json_object_set_string_member (line, "product_title", titles[i]);
      shipments = json_array_new ();
      if (tracking != NULL && i < g_strv_length ((char **) tracking))
        {
          JsonObject *shipment = json_object_new ();

          json_object_set_int_member (shipment, "order_no", i + 1);
          json_object_set_string_member (shipment, "tracking_number", tracking[i]);
          json_array_add_object_element (shipments, shipment);
        }
      json_object_set_array_member (line, "shipment_list", shipments);
      json_array_add_object_element (lines, json_object_ref (line));
    }
  json_object_unref (seed_line);

  json_generator_set_root (generator, json_parser_get_root (parser));
  raw = json_generator_to_data (generator, NULL);
  order = dd_tw_parse_order_module (raw, strlen (raw), &error);
  g_assert_no_error (error);
  dd_order_set_account_id (order, account_id);
  dd_order_set_platform (order, DD_PLATFORM_TW);
  return order;
}

static void
store (DdCache    *cache,
       const char *account_id,
       GPtrArray  *page)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_cache_store_page (cache, account_id, page, -1, NULL, &error));
  g_assert_no_error (error);
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

/* The order ids (sorted, space-separated) that @search finds. */
static char *
found (DdCache    *cache,
       const char *search,
       gint        status)
{
  DdQuery query = DD_QUERY_INIT;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  query.search = search;
  query.status = status;
  query.sort = DD_SORT_ORDER_ID;
  query.ascending = TRUE;
  ids = query_ids (cache, &query);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = dd_cache_load_order (cache, g_array_index (ids, gint64, i),
                                                      &error);

      g_assert_no_error (error);
      /* The short test ids: the last digit. */
      g_ptr_array_add (names, g_strdup (dd_order_get_order_id (order) +
                                        strlen (dd_order_get_order_id (order)) - 1));
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

#define STRV(...) ((const char * const[]) { __VA_ARGS__, NULL })

/* Six orders whose names, titles and tracking numbers tell them apart. */
static void
fill_search_orders (DdCache *cache)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GPtrArray) other = test_page_new ();

  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000001", 1700000000000, 1700000000000,
                                   "delivered", "张伟", "李娜", 100, "COD",
                                   STRV ("不锈钢保温杯 500ml"), STRV ("SF1234567890")));
  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000002", 1700000001000, 1700000001000,
                                   "unpaid", "王伟明", "张伟", 200, "COD",
                                   STRV ("蓝牙耳机 黑色"), STRV ("ZT99887766")));
  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000003", 1700000002000, 1700000002000,
                                   "delivered", "Alice Chen", "陳美玲", 300, "COD",
                                   STRV ("親膚棉白T", "Hello Kitty 杯子"),
                                   STRV ("20KXH23050207", "TW555000111")));
  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000004", 1700000003000, 1700000003000,
                                   "unpaid", "张小伟", "王芳", 400, "COD",
                                   STRV ("保温杯盖"), NULL));
  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000005", 1700000004000, 1700000004000,
                                   "delivered", "欧阳娜娜", "欧阳娜娜", 500, "COD",
                                   STRV ("He said \"hi\" AND *star*"), NULL));
  store (cache, TEST_ACCOUNT, page);

  /* No name at all (the buyer id stands in) and no delivery info. */
  g_ptr_array_add (other, tw_order (TEST_ACCOUNT_2, "558700000006", 1700000005000,
                                    1700000005000, "unpaid", "", NULL, 600, "COD",
                                    STRV ("Plain mug"), NULL));
  store (cache, TEST_ACCOUNT_2, other);
}

static void
check_search (DdCache    *cache,
              const char *search,
              const char *expected)
{
  g_autofree char *ids = found (cache, search, -1);

  g_test_message ("search “%s” → “%s”", search, ids);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_short_names (Fixture       *fixture,
                  gconstpointer  user_data)
{
  fill_search_orders (fixture->cache);

  /* A two-character name, as the buyer (1) and as the receiver (2); 张小伟
   * (4) has both characters, not together. */
  check_search (fixture->cache, "张伟", "1 2");
  check_search (fixture->cache, "李娜", "1");
  check_search (fixture->cache, "美玲", "3");
  /* One character: a surname, a given name, in either name. */
  check_search (fixture->cache, "王", "2 4");
  check_search (fixture->cache, "陳", "3");
  check_search (fixture->cache, "伟", "1 2 4");
  check_search (fixture->cache, "娜", "1 5");
  /* A compound surname. */
  check_search (fixture->cache, "欧阳", "5");
  /* Short terms look at names only, not at titles or ids. */
  check_search (fixture->cache, "杯", "");
  check_search (fixture->cache, "耳机", "");
  check_search (fixture->cache, "55", "");
  /* Short Latin terms too, any case. */
  check_search (fixture->cache, "al", "3");
  check_search (fixture->cache, "AL", "3");
}

static void
test_long_terms (Fixture       *fixture,
                 gconstpointer  user_data)
{
  fill_search_orders (fixture->cache);

  /* The order id, whole or any part. */
  check_search (fixture->cache, "558700000003", "3");
  check_search (fixture->cache, "0000004", "4");
  check_search (fixture->cache, "5587", "1 2 3 4 5 6");
  /* Buyer and receiver. */
  check_search (fixture->cache, "王伟明", "2");
  check_search (fixture->cache, "Alice", "3");
  check_search (fixture->cache, "陳美玲", "3");
  check_search (fixture->cache, "欧阳娜", "5");
  /* The buyer id stands in for a missing name. */
  check_search (fixture->cache, "2000007867941", "6");
  /* Tracking numbers, of every shipment. */
  check_search (fixture->cache, "SF12345", "1");
  check_search (fixture->cache, "99887766", "2");
  check_search (fixture->cache, "20KXH", "3");
  check_search (fixture->cache, "TW555000", "3");
  /* Product titles, of every line. */
  check_search (fixture->cache, "保温杯", "1 4");
  check_search (fixture->cache, "蓝牙耳机", "2");
  check_search (fixture->cache, "Kitty", "3");
  check_search (fixture->cache, "親膚棉", "3");
  check_search (fixture->cache, "Plain mug", "6");
  check_search (fixture->cache, "没有这个", "");
}

static void
test_case_insensitive (Fixture       *fixture,
                       gconstpointer  user_data)
{
  fill_search_orders (fixture->cache);

  check_search (fixture->cache, "sf12345", "1");
  check_search (fixture->cache, "20kxh23050207", "3");
  check_search (fixture->cache, "ALICE", "3");
  check_search (fixture->cache, "aLiCe cHeN", "3");
  check_search (fixture->cache, "HELLO KITTY", "3");
  check_search (fixture->cache, "tw555", "3");
}

static void
test_several_terms (Fixture       *fixture,
                    gconstpointer  user_data)
{
  fill_search_orders (fixture->cache);

  /* Every term must match, each anywhere it may. */
  check_search (fixture->cache, "保温杯 张", "1 4");
  check_search (fixture->cache, "保温杯 张伟", "1");
  check_search (fixture->cache, "张伟 王", "2");
  check_search (fixture->cache, "王 芳", "4");
  check_search (fixture->cache, "Alice 20KXH 親膚棉", "3");
  check_search (fixture->cache, "Alice SF12345", "");
  check_search (fixture->cache, "张伟 陳", "");
  /* Any white space separates terms, the ideographic space too; extra
   * space is nothing. */
  check_search (fixture->cache, "保温杯\u3000张伟", "1");
  check_search (fixture->cache, "保温杯\u2028张伟", "1");
  check_search (fixture->cache, "  \t保温杯   张伟\n ", "1");
  check_search (fixture->cache, "   ", "1 2 3 4 5 6");
  /* A term never spans two fields or two titles. */
  check_search (fixture->cache, "张伟李娜", "");
  check_search (fixture->cache, "杯子親膚", "");
}

static void
test_with_filters (Fixture       *fixture,
                   gconstpointer  user_data)
{
  DdQuery query = DD_QUERY_INIT;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *delivered = NULL;

  fill_search_orders (fixture->cache);

  delivered = found (fixture->cache, "保温杯", dd_order_status_from_tw ("delivered"));
  g_assert_cmpstr (delivered, ==, "1");

  query.search = "5587";
  query.account_id = TEST_ACCOUNT_2;
  ids = query_ids (fixture->cache, &query);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  query.search = "王";
  query.account_id = TEST_ACCOUNT_2;
  ids = query_ids (fixture->cache, &query);
  g_assert_cmpuint (ids->len, ==, 0);
}

/* What users type never breaks the query, and never matches everything. */
static void
test_hostile_input (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char *inputs[] = {
    "\"", "\"\"", "\"\"\"", "\"张", "张\"", "*", "**", "***", "保温杯*", "*保温杯",
    "NEAR(", "NEAR(a b)", "NEAR(保温杯 张伟, 2)", "a OR b", "OR", "AND", "NOT", "NOT 张伟",
    "' OR 1=1 --", "'); DROP TABLE orders; --", "\" OR \"\"=\"", "%", "_", "%%%", "\\",
    "^保温杯", "-张伟", "+张伟", "(保温杯", "保温杯)", "buyer:张伟", "{buyer receiver}: 张伟",
    "order_id : 5587", "title:*", "🙂", "🙂🙂🙂", "👩‍👩‍👧", "e\u0301e\u0301e\u0301",
    "\u202eabc", "\ufeff", "\u200b", "\u200b\u200b\u200b", "\xef\xbf\xbf",
    "\x01\x02\x03", "\xff\xfe", "SELECT * FROM orders", "1=1", "?", "?1", ":a", "@a", "$a",
  };
  g_autoptr(GString) long_input = g_string_new (NULL);
  gint64 n_orders;

  fill_search_orders (fixture->cache);
  n_orders = (gint64) dd_cache_count_orders (fixture->cache, NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append (long_input, i % 2 ? "\"*" : "张");

  for (guint i = 0; i <= G_N_ELEMENTS (inputs); i++)
    {
      const char *input = i < G_N_ELEMENTS (inputs) ? inputs[i] : long_input->str;
      DdQuery query = DD_QUERY_INIT;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (input, NULL);

      query.search = input;
      ids = dd_cache_query_row_ids (fixture->cache, &query, &error);
      g_test_message ("search “%s”: %u", escaped, ids != NULL ? ids->len : 0);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_assert_cmpint (ids->len, <, n_orders);
    }

  /* What looked like syntax is text: found literally where it is. */
  check_search (fixture->cache, "\"hi\"", "5");
  check_search (fixture->cache, "*star*", "5");
  check_search (fixture->cache, "and", "5");
  check_search (fixture->cache, "\"hi\" AND", "5");
  check_search (fixture->cache, "said \"hi\"", "5");

  /* Nothing was harmed. */
  g_assert_cmpint ((gint64) dd_cache_count_orders (fixture->cache, NULL), ==, n_orders);
}

/* The indexes follow changed orders and removed accounts. */
static void
test_index_follows (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  fill_search_orders (fixture->cache);

  /* Order 1 changes hands and title; order 2 comes again unchanged. */
  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000001", 1700000000000, 1700000009000,
                                   "delivered", "赵六", "钱七", 100, "COD",
                                   STRV ("陶瓷马克杯"), STRV ("YT0001112223")));
  g_ptr_array_add (page, tw_order (TEST_ACCOUNT, "558700000002", 1700000001000, 1700000001000,
                                   "unpaid", "王伟明", "张伟", 200, "COD",
                                   STRV ("蓝牙耳机 黑色"), STRV ("ZT99887766")));
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 1);

  check_search (fixture->cache, "张伟", "2");
  check_search (fixture->cache, "赵六", "1");
  check_search (fixture->cache, "钱", "1");
  check_search (fixture->cache, "李娜", "");
  check_search (fixture->cache, "保温杯", "4");
  check_search (fixture->cache, "马克杯", "1");
  check_search (fixture->cache, "SF1234", "");
  check_search (fixture->cache, "YT000111", "1");
  check_search (fixture->cache, "蓝牙耳机", "2");

  /* A removed account leaves nothing to find. */
  g_assert_true (dd_cache_delete_account (fixture->cache, TEST_ACCOUNT, &error));
  g_assert_no_error (error);
  check_search (fixture->cache, "5587", "6");
  check_search (fixture->cache, "王", "");
  check_search (fixture->cache, "蓝牙耳机", "");
  check_search (fixture->cache, "Plain", "6");
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_text"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM order_json"), ==, 1);
}

/* ---- Date ranges, in Asia/Taipei ---------------------------------------- */

static guint32
julian (int        year,
        GDateMonth month,
        int        day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/* Milliseconds of a Taipei wall-clock time, computed without the local zone. */
static gint64
taipei_ms (int year,
           int month,
           int day,
           int hour,
           int minute,
           int second)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (utc) * 1000 - 8 * 3600 * 1000;
}

typedef struct
{
  const char *order_id;
  gint64      when;
} Dated;

static void
check_range (DdCache     *cache,
             DdDateField  field,
             guint32      from_day,
             guint32      to_day,
             const char  *expected)
{
  DdQuery query = DD_QUERY_INIT;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  query.date_field = field;
  query.from_day = from_day;
  query.to_day = to_day;
  query.sort = DD_SORT_ORDER_ID;
  query.ascending = TRUE;
  ids = query_ids (cache, &query);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DdOrder) order = dd_cache_load_order (cache, g_array_index (ids, gint64, i), NULL);

      g_assert_nonnull (order);
      if (names->len > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, dd_order_get_order_id (order));
    }
  g_test_message ("%s %u–%u → %s", field == DD_DATE_CREATED ? "created" : "modified",
                  from_day, to_day, names->str);
  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_date_range (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Around 2024-03-01 … 2024-03-10 in Taipei. */
  const Dated times[] = {
    { "11", taipei_ms (2024, 2, 29, 23, 59, 59) },   /* the evening before: out */
    { "12", taipei_ms (2024, 3, 1, 0, 0, 0) },       /* the first moment: in */
    { "13", taipei_ms (2024, 3, 5, 12, 0, 0) },
    { "14", taipei_ms (2024, 3, 10, 23, 59, 59) },   /* the end day's last second: in */
    { "15", taipei_ms (2024, 3, 10, 23, 59, 59) + 999 },
    { "16", taipei_ms (2024, 3, 11, 0, 0, 0) },      /* the next day: out */
    { "17", taipei_ms (2024, 3, 11, 4, 0, 0) },      /* still 3-10 in UTC: out */
  };
  const guint32 from = julian (2024, G_DATE_MARCH, 1);
  const guint32 to = julian (2024, G_DATE_MARCH, 10);
  /* Far from every range, for the other field. */
  const gint64 far = taipei_ms (2020, 1, 1, 12, 0, 0);

  g_assert_cmpstr (g_getenv ("TZ"), ==, "Asia/Taipei");

  for (int field = DD_DATE_CREATED; field <= DD_DATE_MODIFIED; field++)
    {
      g_autoptr(GPtrArray) page = test_page_new ();
      g_autoptr(DdCache) cache = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s-%d", fixture->path, field);

      cache = dd_cache_new (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        g_ptr_array_add (page, test_order_new (TEST_ACCOUNT, times[i].order_id,
                                               field == DD_DATE_CREATED ? times[i].when : far,
                                               field == DD_DATE_MODIFIED ? times[i].when : far,
                                               "unpaid", "林**", 100, "COD"));
      store (cache, TEST_ACCOUNT, page);

      check_range (cache, field, from, to, "12 13 14 15");
      check_range (cache, field, to, to, "14 15");
      check_range (cache, field, from, from, "12");
      check_range (cache, field, from, 0, "12 13 14 15 16 17");
      check_range (cache, field, 0, to, "11 12 13 14 15");
      check_range (cache, field, to + 1, 0, "16 17");
      check_range (cache, field, 0, from - 1, "11");
      check_range (cache, field, 0, 0, "11 12 13 14 15 16 17");
      /* The other field's times are years away. */
      check_range (cache, field == DD_DATE_CREATED ? DD_DATE_MODIFIED : DD_DATE_CREATED,
                   from, to, "");
    }
}

/* ---- Sort orders ----------------------------------------------------------- */

typedef struct
{
  gint64      id;
  const char *account;
  char       *order_id;
  char       *buyer;
  gint64      status;
  gint64      total;
  gint64      created;
  gint64      modified;
  char       *channel;
} Row;

static int
cmp_int64 (gint64 a,
           gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* The order dd-cache.h promises: the column, then (modified, status and
 * account) creation time, then the row id. */
static int
compare_rows (const Row    *a,
              const Row    *b,
              DdSortColumn  sort)
{
  int c = 0;

  switch (sort)
    {
    case DD_SORT_CREATED:
      c = cmp_int64 (a->created, b->created);
      break;
    case DD_SORT_MODIFIED:
      c = cmp_int64 (a->modified, b->modified);
      if (c == 0)
        c = cmp_int64 (a->created, b->created);
      break;
    case DD_SORT_ORDER_ID:
      c = cmp_int64 (strlen (a->order_id), strlen (b->order_id));
      if (c == 0)
        c = strcmp (a->order_id, b->order_id);
      break;
    case DD_SORT_BUYER:
      c = strcmp (a->buyer, b->buyer);
      break;
    case DD_SORT_STATUS:
      c = cmp_int64 (a->status, b->status);
      if (c == 0)
        c = cmp_int64 (a->created, b->created);
      break;
    case DD_SORT_TOTAL:
      c = cmp_int64 (a->total, b->total);
      break;
    case DD_SORT_PAYMENT:
      c = strcmp (a->channel, b->channel);
      break;
    case DD_SORT_ACCOUNT:
      c = strcmp (a->account, b->account);
      if (c == 0)
        c = cmp_int64 (a->created, b->created);
      break;
    default:
      g_assert_not_reached ();
    }

  return c != 0 ? c : cmp_int64 (a->id, b->id);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->order_id);
  g_free (row->buyer);
  g_free (row->channel);
  g_free (row);
}

static const char * const sort_statuses[] = {
  "unpaid", "pending", "ready_to_ship", "shipped", "delivered", "canceled",
};

static void
test_sort_orders (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *accounts[] = { TEST_ACCOUNT_2, TEST_ACCOUNT, "tw:a-first" };
  const char *buyers[] = { "陳**明", "abbyh ", "MiaYu ", "林**", "王芳" };
  const char *channels[] = { "CAINIAO_HILIFE_COD", "CREDIT_CARD", "CAINIAO_SEVENELEVN_COD" };
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, row_free);
  guint n = 0;

  /* Few distinct values per column, so that ties need the next term. */
  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      g_autoptr(GPtrArray) page = test_page_new ();

      for (guint i = 0; i < 30; i++)
        {
          guint k = a * 30 + i;
          g_autofree char *id = g_strdup_printf ("%u", (k * 7919) % 1000 + (k % 4) * 100000);
          DdOrder *order = test_order_new (accounts[a], id,
                                           1700000000000 + (k % 6) * 1000,
                                           1700000000000 + (k % 7) * 1000,
                                           sort_statuses[k % G_N_ELEMENTS (sort_statuses)],
                                           buyers[k % G_N_ELEMENTS (buyers)],
                                           (k % 4) * 2500 + 99,
                                           channels[k % G_N_ELEMENTS (channels)]);
          g_ptr_array_add (page, order);
        }
      store (fixture->cache, accounts[a], page);

      for (guint i = 0; i < page->len; i++)
        {
          DdOrder *order = g_ptr_array_index (page, i);
          Row *row = g_new0 (Row, 1);

          row->id = dd_order_get_row_id (order);
          row->account = accounts[a];
          row->order_id = g_strdup (dd_order_get_order_id (order));
          row->buyer = g_strdup (dd_order_get_buyer_name (order));
          row->status = dd_order_get_status (order);
          row->total = dd_order_get_total (order)->minor;
          row->created = test_date_time_to_ms (dd_order_get_created (order));
          row->modified = test_date_time_to_ms (dd_order_get_modified (order));
          row->channel = g_strdup (dd_order_get_payment_channel (order));
          g_hash_table_insert (rows, &row->id, row);
          n++;
        }
    }

  for (DdSortColumn sort = DD_SORT_CREATED; sort <= DD_SORT_ACCOUNT; sort++)
    for (int ascending = 0; ascending < 2; ascending++)
      for (int filtered = 0; filtered < 3; filtered++)
        {
          DdQuery query = DD_QUERY_INIT;
          g_autoptr(GArray) ids = NULL;
          guint expected = n;

          query.sort = sort;
          query.ascending = ascending;
          /* Unfiltered; by a status; by a search (its own index drives it). */
          if (filtered == 1)
            {
              query.status = dd_order_status_from_tw ("delivered");
              expected = n / G_N_ELEMENTS (sort_statuses);
            }
          else if (filtered == 2)
            {
              query.search = "林";
              expected = n / G_N_ELEMENTS (buyers);
            }
          g_test_message ("sort %d, ascending %d, filter %d", sort, ascending, filtered);
          ids = query_ids (fixture->cache, &query);
          g_assert_cmpuint (ids->len, ==, expected);

          for (guint i = 1; i < ids->len; i++)
            {
              const Row *prev = g_hash_table_lookup (rows, &g_array_index (ids, gint64, i - 1));
              const Row *row = g_hash_table_lookup (rows, &g_array_index (ids, gint64, i));
              int c;

              g_assert_nonnull (prev);
              g_assert_nonnull (row);
              c = compare_rows (prev, row, sort);
              if (ascending)
                g_assert_cmpint (c, <, 0);
              else
                g_assert_cmpint (c, >, 0);
            }
        }
}

/* Milliseconds of a UTC time. */
static gint64
utc_ms (int year,
        int month,
        int day,
        int hour,
        int minute,
        int second)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (utc) * 1000;
}

/* Days whose midnight is skipped or repeated: America/Santiago moves from
 * UTC-4 to UTC-3 at the start of 2024-09-08 (its 00:00 never happens: the
 * day starts at 01:00) and back at the end of 2024-04-06 (a 25-hour day). */
static void
test_date_range_dst (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const Dated times[] = {
    { "21", utc_ms (2024, 9, 8, 3, 59, 59) },  /* 09-07 23:59:59 -04: the 7th */
    { "22", utc_ms (2024, 9, 8, 4, 0, 0) },    /* 09-08 01:00:00 -03: the 8th's first moment */
    { "23", utc_ms (2024, 9, 9, 2, 59, 59) },  /* 09-08 23:59:59 -03 */
    { "24", utc_ms (2024, 9, 9, 3, 0, 0) },    /* 09-09 00:00:00 -03 */
    { "25", utc_ms (2024, 4, 7, 3, 30, 0) },   /* 04-06 23:30 -04, the hour again: the 6th */
    { "26", utc_ms (2024, 4, 7, 4, 0, 0) },    /* 04-07 00:00 -04 */
  };
  g_autoptr(GPtrArray) page = test_page_new ();

  g_setenv ("TZ", "America/Santiago", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_ptr_array_add (page, test_order_new (TEST_ACCOUNT, times[i].order_id, times[i].when,
                                           times[i].when, "unpaid", "林**", 100, "COD"));
  store (fixture->cache, TEST_ACCOUNT, page);

  check_range (fixture->cache, DD_DATE_CREATED,
               julian (2024, G_DATE_SEPTEMBER, 8), julian (2024, G_DATE_SEPTEMBER, 8), "22 23");
  check_range (fixture->cache, DD_DATE_CREATED,
               julian (2024, G_DATE_SEPTEMBER, 7), julian (2024, G_DATE_SEPTEMBER, 7), "21");
  check_range (fixture->cache, DD_DATE_MODIFIED, julian (2024, G_DATE_SEPTEMBER, 9), 0, "24");
  check_range (fixture->cache, DD_DATE_CREATED,
               julian (2024, G_DATE_APRIL, 6), julian (2024, G_DATE_APRIL, 6), "25");
  check_range (fixture->cache, DD_DATE_CREATED,
               julian (2024, G_DATE_APRIL, 7), julian (2024, G_DATE_APRIL, 7), "26");

  g_setenv ("TZ", "Asia/Taipei", TRUE);
}

int
main (int    argc,
      char **argv)
{
  /* Before anything reads the local time zone. */
  g_setenv ("TZ", "Asia/Taipei", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/cache-search/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("short-names", test_short_names);
  ADD ("long-terms", test_long_terms);
  ADD ("case-insensitive", test_case_insensitive);
  ADD ("several-terms", test_several_terms);
  ADD ("with-filters", test_with_filters);
  ADD ("hostile-input", test_hostile_input);
  ADD ("index-follows", test_index_follows);
  ADD ("date-range", test_date_range);
  ADD ("date-range-dst", test_date_range_dst);
  ADD ("sort-orders", test_sort_orders);

#undef ADD

  return g_test_run ();
}
