/* test-action-log.c: the action log in the cache (schema version 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-action-log.h"
#include "dd-cache.h"
#include "dd-marks.h"
#include "test-orders.h"

#define T0 1700000000000  /* ms: 2023-11-14T22:13:20Z */

typedef TestCacheFixture Fixture;
#define fixture_set_up test_cache_fixture_set_up
#define fixture_tear_down test_cache_fixture_tear_down

#define reopen test_cache_fixture_reopen

static gint64
begin (DdCache    *cache,
       gint64      time_ms,
       const char *account_id,
       const char *order_id,
       DdAction    action,
       const char *params,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  DdActionRecord record = {
    .time_ms = time_ms,
    .account_id = (char *) account_id,
    .order_id = (char *) order_id,
    .action = action,
    .params = (char *) params,
    .idempotency_key = (char *) key,
  };
  gint64 id = dd_action_log_begin (cache, &record, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
finish (DdCache       *cache,
        gint64         id,
        DdActionState  state,
        const char    *result,
        const char    *request_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_action_log_finish (cache, id, state, result, request_id, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (DdCache    *cache,
      const char *account_id,
      const char *order_id,
      guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = dd_action_log_list (cache, account_id, order_id, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static DdActionRecord *
nth (GPtrArray *records,
     guint      i)
{
  g_assert_cmpuint (i, <, records->len);
  return g_ptr_array_index (records, i);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  gint64 before = g_get_real_time () / 1000;
  g_autoptr(GPtrArray) records = NULL;
  DdActionRecord *record;
  gint64 id;

  id = begin (fixture->cache, 0, TEST_ACCOUNT, "240601A1", DD_ACTION_CANCEL,
              "{\"reason\":\"買家不想要了\"}", NULL);

  /* Committed before anything is sent: another connection sees it. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM action_log WHERE state = 'sending'"), ==, 1);

  records = list (fixture->cache, NULL, NULL, 0);
  g_assert_cmpuint (records->len, ==, 1);
  record = nth (records, 0);
  g_assert_cmpint (record->id, ==, id);
  g_assert_cmpint (record->time_ms, >=, before);
  g_assert_cmpint (record->updated_ms, >=, record->time_ms);
  g_assert_cmpstr (record->account_id, ==, TEST_ACCOUNT);
  g_assert_cmpstr (record->order_id, ==, "240601A1");
  g_assert_cmpint (record->action, ==, DD_ACTION_CANCEL);
  g_assert_cmpstr (record->params, ==, "{\"reason\":\"買家不想要了\"}");
  g_assert_null (record->idempotency_key);
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_SENDING);
  g_assert_null (record->result);
  g_assert_null (record->request_id);
  g_clear_pointer (&records, g_ptr_array_unref);

  finish (fixture->cache, id, DD_ACTION_STATE_DONE, "訂單已取消", "req-42");
  records = list (fixture->cache, TEST_ACCOUNT, "240601A1", 0);
  g_assert_cmpuint (records->len, ==, 1);
  record = nth (records, 0);
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_DONE);
  g_assert_cmpstr (record->result, ==, "訂單已取消");
  g_assert_cmpstr (record->request_id, ==, "req-42");
  g_assert_cmpstr (record->order_id, ==, "240601A1");
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM action_log"), ==, 1);

  /* A purchase order not created yet has no order id; params default "{}". */
  id = begin (fixture->cache, 0, TEST_ACCOUNT_2, NULL, DD_ACTION_CREATE_PURCHASE, NULL, "K1");
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list (fixture->cache, TEST_ACCOUNT_2, NULL, 0);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_null (nth (records, 0)->order_id);
  g_assert_cmpstr (nth (records, 0)->params, ==, "{}");
  g_assert_cmpstr (nth (records, 0)->idempotency_key, ==, "K1");

  /* Copy keeps everything. */
  {
    g_autoptr(DdActionRecord) copy = dd_action_record_copy (nth (records, 0));

    g_assert_cmpint (copy->id, ==, id);
    g_assert_cmpstr (copy->idempotency_key, ==, "K1");
    g_assert_true (copy->idempotency_key != nth (records, 0)->idempotency_key);
  }
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  gint64 a, b, c, d, e;

  /* Logged out of time order on purpose: newest first is by time. */
  a = begin (fixture->cache, T0 + 3000, TEST_ACCOUNT, "o1", DD_ACTION_PAY_BALANCE, "{}", NULL);
  b = begin (fixture->cache, T0 + 1000, TEST_ACCOUNT, "o1", DD_ACTION_CANCEL, "{}", NULL);
  c = begin (fixture->cache, T0 + 2000, TEST_ACCOUNT, "o2", DD_ACTION_UPLOAD_VOUCHER, "{}", NULL);
  d = begin (fixture->cache, T0 + 5000, TEST_ACCOUNT_2, "o1", DD_ACTION_CANCEL_AFTER_SALE, "{}", NULL);
  e = begin (fixture->cache, T0 + 3000, TEST_ACCOUNT, "o1", DD_ACTION_PAY_BALANCE, "{}", NULL);

  records = list (fixture->cache, NULL, NULL, 0);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpint (nth (records, 0)->id, ==, d);
  g_assert_cmpint (nth (records, 1)->id, ==, e);  /* same time: the later entry first */
  g_assert_cmpint (nth (records, 2)->id, ==, a);
  g_assert_cmpint (nth (records, 3)->id, ==, c);
  g_assert_cmpint (nth (records, 4)->id, ==, b);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = list (fixture->cache, TEST_ACCOUNT, NULL, 0);
  g_assert_cmpuint (records->len, ==, 4);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = list (fixture->cache, TEST_ACCOUNT, "o1", 0);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpint (nth (records, 0)->id, ==, e);
  g_assert_cmpint (nth (records, 2)->id, ==, b);
  g_assert_cmpint (nth (records, 2)->action, ==, DD_ACTION_CANCEL);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Order id alone: both accounts. */
  records = list (fixture->cache, NULL, "o1", 0);
  g_assert_cmpuint (records->len, ==, 4);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = list (fixture->cache, NULL, NULL, 2);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpint (nth (records, 1)->id, ==, e);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = list (fixture->cache, "tw:nobody", NULL, 0);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_secrets (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *stripped = NULL;
  DdActionRecord bad = { .account_id = TEST_ACCOUNT, .action = DD_ACTION_PAY_BALANCE, .params = "[1]" };
  const char *params =
    "{\"tid\":\"123\",\"app_secret\":\"s1\",\"access_token\":\"t1\",\"Sign\":\"ABC\","
    "\"signature\":\"x\",\"password\":\"p\",\"refreshToken\":\"r\",\"hmac_sign\":\"h\","
    "\"sign_method\":\"md5\",\"amount\":12800,"
    "\"voucher\":{\"name\":\"憑證.png\",\"client_secret\":\"c\"},"
    "\"lines\":[{\"sku\":\"9\",\"token\":\"z\"}]}";

  begin (fixture->cache, T0, TEST_ACCOUNT, "o1", DD_ACTION_PAY_BALANCE, params, NULL);
  records = list (fixture->cache, NULL, NULL, 0);
  g_assert_cmpstr (nth (records, 0)->params, ==,
                   "{\"tid\":\"123\",\"sign_method\":\"md5\",\"amount\":12800,"
                   "\"voucher\":{\"name\":\"憑證.png\"},\"lines\":[{\"sku\":\"9\"}]}");
  /* Not in the file either. */
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM action_log WHERE params LIKE '%s1%'"
                            " OR params LIKE '%t1%' OR params LIKE '%ABC%'"), ==, 0);

  stripped = dd_action_params_strip ("{\"TOKEN\":1,\"keep\":true}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stripped, ==, "{\"keep\":true}");

  /* Not an object: refused, nothing logged. */
  g_assert_null (dd_action_params_strip ("not json", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (dd_action_log_begin (fixture->cache, &bad, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "The action’s parameters are not a JSON object");
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM action_log"), ==, 1);
}

static void
test_idempotency_key (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DdActionRecord) found = NULL;
  DdActionRecord other = {
    .account_id = TEST_ACCOUNT_2, .action = DD_ACTION_CREATE_PURCHASE, .idempotency_key = "PO-1",
  };
  DdActionRecord again = {
    .account_id = TEST_ACCOUNT, .action = DD_ACTION_CREATE_PURCHASE, .idempotency_key = "PO-1",
    .params = "{\"qty\":1}",
  };
  gint64 id, retry;

  id = begin (fixture->cache, T0, TEST_ACCOUNT, NULL, DD_ACTION_CREATE_PURCHASE,
              "{\"qty\":1}", "PO-1");
  finish (fixture->cache, id, DD_ACTION_STATE_UNKNOWN, "Timed out", NULL);

  found = dd_action_log_find_key (fixture->cache, "PO-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, id);
  g_assert_cmpint (found->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_null (dd_action_log_find_key (fixture->cache, "PO-2", &error));
  g_assert_no_error (error);

  /* The retry reuses the key: the same entry, sending again, one row. */
  retry = begin (fixture->cache, 0, TEST_ACCOUNT, NULL, DD_ACTION_CREATE_PURCHASE,
                 "{\"qty\":1}", "PO-1");
  g_assert_cmpint (retry, ==, id);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM action_log"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM action_log WHERE state = 'sending'"
                            " AND result IS NULL AND time_ms = 1700000000000"), ==, 1);

  /* Another account or action may not take the key. */
  g_assert_cmpint (dd_action_log_begin (fixture->cache, &other, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Done: never sent again. */
  finish (fixture->cache, id, DD_ACTION_STATE_DONE, "Created", "req-7");
  g_assert_cmpint (dd_action_log_begin (fixture->cache, &again, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==,
                   "An action with the key “PO-1” was already done; it is not sent again");
  g_clear_error (&error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM action_log"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM action_log WHERE state = 'done'"), ==, 1);

  /* Entries without a key never collide. */
  begin (fixture->cache, 0, TEST_ACCOUNT, "o1", DD_ACTION_CANCEL, NULL, NULL);
  begin (fixture->cache, 0, TEST_ACCOUNT, "o1", DD_ACTION_CANCEL, NULL, NULL);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM action_log"), ==, 3);
}

static void
test_set_order_id (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  DdActionRecord *record;
  gint64 id;

  /* A purchase order has no order until it is created. */
  id = begin (fixture->cache, T0, TEST_ACCOUNT, NULL, DD_ACTION_CREATE_PURCHASE, NULL, "PO-9");
  history = dd_action_log_list (fixture->cache, TEST_ACCOUNT, "1688-42", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);

  g_assert_true (dd_action_log_set_order_id (fixture->cache, id, "1688-42", &error));
  g_assert_no_error (error);
  history = dd_action_log_list (fixture->cache, TEST_ACCOUNT, "1688-42", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  record = g_ptr_array_index (history, 0);
  g_assert_cmpint (record->id, ==, id);
  g_assert_cmpstr (record->idempotency_key, ==, "PO-9");
  g_assert_cmpint (record->state, ==, DD_ACTION_STATE_SENDING);

  g_assert_false (dd_action_log_set_order_id (fixture->cache, id + 100, "1688-42", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_unfinished (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  gint64 sending, unknown, done, failed, confirmed;

  unknown = begin (fixture->cache, T0 + 1, TEST_ACCOUNT, "o1", DD_ACTION_PAY_BALANCE, NULL, NULL);
  done = begin (fixture->cache, T0 + 2, TEST_ACCOUNT, "o2", DD_ACTION_PAY_BALANCE, NULL, NULL);
  failed = begin (fixture->cache, T0 + 3, TEST_ACCOUNT, "o3", DD_ACTION_CANCEL, NULL, NULL);
  confirmed = begin (fixture->cache, T0 + 4, TEST_ACCOUNT, "o4", DD_ACTION_CANCEL, NULL, NULL);
  sending = begin (fixture->cache, T0 + 5, TEST_ACCOUNT_2, "o5", DD_ACTION_CANCEL, NULL, NULL);
  finish (fixture->cache, unknown, DD_ACTION_STATE_UNKNOWN, NULL, NULL);
  finish (fixture->cache, done, DD_ACTION_STATE_DONE, NULL, NULL);
  finish (fixture->cache, failed, DD_ACTION_STATE_FAILED, NULL, NULL);
  finish (fixture->cache, confirmed, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK, NULL, NULL);

  /* "Crash": the process goes, the 'sending' entry stays in the file. */
  reopen (fixture);

  records = dd_action_log_unfinished (fixture->cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpint (nth (records, 0)->id, ==, unknown);
  g_assert_cmpint (nth (records, 0)->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_cmpint (nth (records, 1)->id, ==, sending);
  g_assert_cmpint (nth (records, 1)->state, ==, DD_ACTION_STATE_SENDING);
  g_clear_pointer (&records, g_ptr_array_unref);

  records = dd_action_log_unfinished (fixture->cache, TEST_ACCOUNT_2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (nth (records, 0)->id, ==, sending);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Read back: confirmed, no longer unfinished. */
  finish (fixture->cache, sending, DD_ACTION_STATE_CONFIRMED_BY_READ_BACK, "已取消", NULL);
  finish (fixture->cache, unknown, DD_ACTION_STATE_FAILED, "未付款", NULL);
  records = dd_action_log_unfinished (fixture->cache, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_migrate (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  DdMarks marks = DD_MARKS_INIT;
  gint64 row_id;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *order_id = g_strdup_printf ("9%u", i);

      g_ptr_array_add (page, test_order_new (TEST_ACCOUNT, order_id, T0 + i * 1000, T0,
                                             "unpaid", "王**明", 1000 + i, "CASH"));
    }
  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, NULL, &error));
  g_assert_no_error (error);
  row_id = dd_order_get_row_id (g_ptr_array_index (page, 0));
  g_array_append_val (first, row_id);
  g_assert_true (dd_cache_set_note (fixture->cache, first, "先別出貨", &error));
  g_assert_no_error (error);

  /* The file as version 4 left it: version 5 only adds the action log. */
  g_assert_finalize_object (g_steal_pointer (&fixture->cache));
  sql_exec (fixture->path, "DROP TABLE action_log; PRAGMA user_version = 4;");
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE name = 'action_log'"), ==, 0);

  fixture->cache = dd_cache_new (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_cache_get_schema_version (fixture->cache), ==, 5);
  g_assert_cmpint (DD_CACHE_SCHEMA_VERSION, ==, 5);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (sql_int (fixture->path,
                            "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                            " AND name = 'action_log_account_order_time'"), ==, 1);

  /* Orders and marks kept, same row ids. */
  g_assert_cmpuint (dd_cache_count_orders (fixture->cache, NULL), ==, 10);
  g_assert_true (dd_cache_get_marks (fixture->cache, row_id, &marks, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (marks.note, ==, "先別出貨");
  dd_marks_clear (&marks);

  /* And the log works on it. */
  begin (fixture->cache, T0, TEST_ACCOUNT, "90", DD_ACTION_CANCEL, NULL, NULL);
  records = list (fixture->cache, TEST_ACCOUNT, "90", 0);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) params = g_string_new ("{\"remark\":\"");
  DdActionRecord record = { .account_id = TEST_ACCOUNT, .order_id = "o1", .action = DD_ACTION_PAY_BALANCE };
  gint64 id;

  id = begin (fixture->cache, T0, TEST_ACCOUNT, "o1", DD_ACTION_CANCEL, NULL, NULL);
  for (guint i = 0; i < 4000; i++)
    g_string_append (params, "請勿出貨，");
  g_string_append (params, "\"}");
  record.params = params->str;

  dd_cache_set_max_page_count (fixture->cache, 1);
  g_assert_cmpint (dd_action_log_begin (fixture->cache, &record, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "The order cache could not be saved: the disk is full");
  g_clear_error (&error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM action_log"), ==, 1);

  /* Room again. */
  dd_cache_set_max_page_count (fixture->cache, 0);
  g_assert_cmpint (dd_action_log_begin (fixture->cache, &record, &error), >, id);
  g_assert_no_error (error);

  /* An entry that is not there. */
  g_assert_false (dd_action_log_finish (fixture->cache, 9999, DD_ACTION_STATE_DONE,
                                        NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Another program holds the write lock (the file cannot be written now):
 * an error after the busy timeout, nothing logged, no crash. */
static void
test_locked (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  DdActionRecord record = { .account_id = TEST_ACCOUNT, .order_id = "o1", .action = DD_ACTION_PAY_BALANCE };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (dd_action_log_begin (fixture->cache, &record, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (dd_action_log_begin (fixture->cache, &record, &error), >, 0);
  g_assert_no_error (error);
}

static GBytes *
export (DdCache  *cache,
        gboolean  bom)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_action_log_export_csv (cache, out, bom, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, &error));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_bytes (GBytes     *bytes,
              const char *expected)
{
  if (g_test_verbose ())
    g_test_message ("%.*s", (int) g_bytes_get_size (bytes),
                    (const char *) g_bytes_get_data (bytes, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   expected, strlen (expected));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) with_bom = NULL;
  gint64 a, b;
  const char *header =
    "Time,Account,Order,Action,State,Result,Request ID,Idempotency Key,Parameters\r\n";
  const char *rows =
    "2023-11-15T06:13:20+08:00,tw:shop-1,訂單A1,Cancel order,Done,\"已取消, 退款中\",req-1,,"
    "\"{\"\"reason\"\":\"\"買家不要了\"\"}\"\r\n"
    "2023-11-15T06:13:21+08:00,tw:shop-2,,Create purchase order,Outcome unknown,,,PO-九,{}\r\n";
  g_autofree char *expected = g_strconcat (header, rows, NULL);
  g_autofree char *expected_bom = g_strconcat ("\xEF\xBB\xBF", header, rows, NULL);

  empty = export (fixture->cache, FALSE);
  assert_bytes (empty, header);

  a = begin (fixture->cache, T0, TEST_ACCOUNT, "訂單A1", DD_ACTION_CANCEL,
             "{\"reason\":\"買家不要了\",\"sign\":\"S\"}", NULL);
  b = begin (fixture->cache, T0 + 1000, TEST_ACCOUNT_2, NULL, DD_ACTION_CREATE_PURCHASE,
             NULL, "PO-九");
  finish (fixture->cache, a, DD_ACTION_STATE_DONE, "已取消, 退款中", "req-1");
  finish (fixture->cache, b, DD_ACTION_STATE_UNKNOWN, NULL, NULL);

  plain = export (fixture->cache, FALSE);
  assert_bytes (plain, expected);
  with_bom = export (fixture->cache, TRUE);
  assert_bytes (with_bom, expected_bom);
}

static void
test_export_pages (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 1203; i++)
    {
      g_autofree char *order_id = g_strdup_printf ("%u", i);

      begin (fixture->cache, T0 + i, TEST_ACCOUNT, order_id, DD_ACTION_PAY_BALANCE, NULL, NULL);
    }
  bytes = export (fixture->cache, FALSE);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    lines = g_strsplit (text, "\r\n", -1);
  }
  /* Header, 1203 rows in the order logged, and the empty tail. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1205);
  g_assert_true (g_str_has_prefix (lines[1], "2023-11-15T06:13:20+08:00,tw:shop-1,0,Pay from balance,"));
  g_assert_true (g_str_has_prefix (lines[1203], "2023-11-15T06:13:21+08:00,tw:shop-1,1202,Pay from balance,"));

  g_cancellable_cancel (cancellable);
  g_assert_false (dd_action_log_export_csv (fixture->cache, out, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_names (void)
{
  DdAction action;
  DdActionState state;

  for (guint i = 0; i <= DD_ACTION_LAST; i++)
    {
      g_assert_true (dd_action_from_nick (dd_action_to_nick (i), &action));
      g_assert_cmpint (action, ==, i);
      g_assert_cmpstr (dd_action_rules_get_label (i), !=, "");
    }
  for (guint i = 0; i <= DD_ACTION_STATE_LAST; i++)
    {
      g_assert_true (dd_action_state_from_nick (dd_action_state_to_nick (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_cmpstr (dd_action_to_nick (DD_ACTION_UPLOAD_VOUCHER), ==, "upload-voucher");
  g_assert_cmpstr (dd_action_to_nick (DD_ACTION_CANCEL_AFTER_SALE), ==, "cancel-after-sale");
  g_assert_cmpstr (dd_action_state_to_nick (DD_ACTION_STATE_CONFIRMED_BY_READ_BACK), ==,
                   "confirmed-by-read-back");
  g_assert_false (dd_action_from_nick ("refund", &action));
  g_assert_false (dd_action_state_from_nick (NULL, &state));
}

int
main (int   argc,
      char *argv[])
{
  /* The export's times are in the local zone: fix it (no tzdata needed). */
  g_setenv ("TZ", "CST-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/action-log/names", test_names);
#define ADD(path, func) \
  g_test_add ("/dingdan/action-log/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("list", test_list);
  ADD ("secrets", test_secrets);
  ADD ("idempotency-key", test_idempotency_key);
  ADD ("set-order-id", test_set_order_id);
  ADD ("unfinished", test_unfinished);
  ADD ("migrate", test_migrate);
  ADD ("full-disk", test_full_disk);
  ADD ("locked", test_locked);
  ADD ("export", test_export);
  ADD ("export-pages", test_export_pages);
#undef ADD

  return g_test_run ();
}
