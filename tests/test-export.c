/* test-export.c: the CSV export (dd-export.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-export.h"
#include "test-orders.h"
#include "test-volume.h"

#define CREATED_MS  G_GINT64_CONSTANT (1592988843859)  /* 2020-06-24T16:54:03+08:00 */
#define MODIFIED_MS G_GINT64_CONSTANT (1592990587586)  /* 2020-06-24T17:23:07+08:00 */

/* ---- a stream that counts, watches the heap, and fails or cancels ---- */

#define TEST_TYPE_SINK (test_sink_get_type ())
G_DECLARE_FINAL_TYPE (TestSink, test_sink, TEST, SINK, GOutputStream)

struct _TestSink
{
  GOutputStream  parent_instance;
  GByteArray    *data;          /* what was written, when keep */
  gboolean       keep;
  gsize          n_bytes;
  gsize          limit;         /* fails with NO_SPACE past this many bytes */
  gsize          max_write;
  guint          n_writes;
  GCancellable  *cancel_after_first;  /* cancelled at the first write */
  gsize          heap_peak;     /* in-use heap seen at each write */
};

G_DEFINE_FINAL_TYPE (TestSink, test_sink, G_TYPE_OUTPUT_STREAM)

static gsize
heap_in_use (void)
{
#ifdef __GLIBC__
  return mallinfo2 ().uordblks;
#else
  return 0;
#endif
}

static gssize
test_sink_write (GOutputStream  *stream,
                 const void     *buffer,
                 gsize           count,
                 GCancellable   *cancellable,
                 GError        **error)
{
  TestSink *self = TEST_SINK (stream);
  gsize room = self->limit - self->n_bytes;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (room == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
      return -1;
    }
  count = MIN (count, room);
  self->n_writes++;
  self->max_write = MAX (self->max_write, count);
  self->heap_peak = MAX (self->heap_peak, heap_in_use ());
  if (self->keep)
    g_byte_array_append (self->data, buffer, (guint) count);
  self->n_bytes += count;
  if (self->cancel_after_first != NULL)
    g_cancellable_cancel (self->cancel_after_first);
  return (gssize) count;
}

static void
test_sink_finalize (GObject *object)
{
  TestSink *self = TEST_SINK (object);

  g_byte_array_unref (self->data);
  g_clear_object (&self->cancel_after_first);
  G_OBJECT_CLASS (test_sink_parent_class)->finalize (object);
}

static void
test_sink_class_init (TestSinkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_sink_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = test_sink_write;
}

static void
test_sink_init (TestSink *self)
{
  self->data = g_byte_array_new ();
  self->keep = TRUE;
  self->limit = G_MAXSIZE;
}

/* ---- fixtures ---- */

typedef struct
{
  char    *dir;
  DdCache *cache;
  GArray  *row_ids;
} Fixture;

/* An order of TEST_ACCOUNT like the seed's, with these delivery values and
 * one line of @title × @quantity, in its raw JSON (what the cache re-reads). */
static DdOrder *
make_order (const char *order_id,
            const char *status,
            const char *buyer,
            const char *receiver,
            const char *state,
            const char *detail,
            const char *zip,
            const char *title,
            guint       quantity)
{
  DdOrder *order = test_order_new (TEST_ACCOUNT, order_id, CREATED_MS, MODIFIED_MS, status, buyer,
                                   6200, "CAINIAO_HILIFE_COD");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *raw_json = NULL;
  JsonObject *module, *delivery, *line;

  g_assert_true (json_parser_load_from_data (parser, dd_order_get_raw_json (order), -1, NULL));
  module = json_node_get_object (json_parser_get_root (parser));
  delivery = json_object_get_object_member (module, "delivery_info");
  line = json_array_get_object_element (json_object_get_array_member (module, "trade_order_line_list"), 0);
  json_object_set_string_member (delivery, "receiver_name", receiver);
  json_object_set_string_member (delivery, "state", state);
  json_object_set_string_member (delivery, "detail_address", detail);
  if (zip != NULL)
    json_object_set_string_member (delivery, "zip_code", zip);
  json_object_set_string_member (line, "product_title", title);
  json_object_set_int_member (line, "quantity", quantity);
  json_generator_set_root (generator, json_parser_get_root (parser));
  raw_json = json_generator_to_data (generator, NULL);
  dd_order_set_raw_json (order, raw_json);
  return order;
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("dingdan-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
  fixture->row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
fixture_store (Fixture   *fixture,
               GPtrArray *page)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_cache_store_page (fixture->cache, TEST_ACCOUNT, page, -1, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      gint64 row_id = dd_order_get_row_id (g_ptr_array_index (page, i));

      g_array_append_val (fixture->row_ids, row_id);
    }
}

/* @n orders with a long CJK address, in pages of 1000. */
static void
fixture_fill (Fixture *fixture,
              guint    n)
{
  g_autoptr(GString) detail = g_string_new ("台北市松山區南京東路5段250巷3-1號");

  for (guint i = 0; i < 12; i++)
    g_string_append (detail, " 萊爾富北市松清店，二樓");

  for (guint done = 0; done < n;)
    {
      g_autoptr(GPtrArray) page = test_page_new ();

      for (guint i = 0; i < 1000 && done < n; i++, done++)
        {
          g_autofree char *id = g_strdup_printf ("%u", 100000 + done);

          g_ptr_array_add (page, make_order (id, "ready_to_ship", "张伟", "黃**雲", "台灣",
                                             detail->str, NULL, "親膚棉白T", 1 + done % 3));
        }
      fixture_store (fixture, page);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture_open (fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  g_clear_pointer (&fixture->row_ids, g_array_unref);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* ---- running an export ---- */

typedef struct
{
  gboolean  done;
  gint64    n_rows;
  GError   *error;
  guint     n_reports;
  guint64   last_written;
  guint64   last_total;
  gboolean  report_after_done;
  gboolean  report_backwards;
  GThread  *main_thread;
  gboolean  report_off_thread;
} Run;

static void
progress_cb (guint64  n_written,
             guint64  n_total,
             gpointer user_data)
{
  Run *run = user_data;

  if (run->done)
    run->report_after_done = TRUE;
  if (n_written < run->last_written)
    run->report_backwards = TRUE;
  if (g_thread_self () != run->main_thread)
    run->report_off_thread = TRUE;
  run->n_reports++;
  run->last_written = n_written;
  run->last_total = n_total;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;

  g_assert_true (DD_IS_CACHE (source));
  run->n_rows = dd_export_csv_finish (result, &run->error);
  run->done = TRUE;
}

static void
run_export (Fixture       *fixture,
            GOutputStream *out,
            DdExportFlags  flags,
            GCancellable  *cancellable,
            Run           *run)
{
  memset (run, 0, sizeof *run);
  run->main_thread = g_thread_self ();
  dd_export_csv_async (fixture->cache, fixture->row_ids, out, flags, cancellable,
                       progress_cb, run, NULL, export_done_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  /* Anything still queued would show up now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* ---- tests ---- */

static void
test_field (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "", "" },
    { "plain", "plain" },
    { "台灣 张伟", "台灣 张伟" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "line\nbreak", "\"line\nbreak\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " spaces kept ", " spaces kept " },
    /* Formula starts are neutralised; plain numbers are not. */
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "=1+1", "'=1+1" },
    { "+1 call me", "'+1 call me" },
    { "-1 x", "'-1 x" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\t=1", "'\t=1" },
    { "\r=1", "\"'\r=1\"" },
    { "-12.50", "-12.50" },
    { "+3", "+3" },
    { "-", "'-" },
    { "a=b", "a=b" },
    /* Control characters and bad bytes never reach the file raw. */
    { "\x1b[31mred\x1b[0m", "\xef\xbf\xbd[31mred\xef\xbf\xbd[0m" },
    { "bell\x07 c1\xc2\x9b", "bell\xef\xbf\xbd c1\xef\xbf\xbd" },
    { "bad\xff\xfe!", "bad\xef\xbf\xbd\xef\xbf\xbd!" },
    { "<b>bold</b> \xe2\x80\xae" "12", "<b>bold</b> \xe2\x80\xae" "12" },
  };
  const char * const row[] = { "x", "y,z", "", NULL };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_string_truncate (out, 0);
      dd_csv_append_field (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
  g_string_truncate (out, 0);
  dd_csv_append_field (out, NULL);
  g_assert_cmpstr (out->str, ==, "");

  g_string_truncate (out, 0);
  dd_csv_append_row (out, row);
  g_assert_cmpstr (out->str, ==, "x,\"y,z\",\r\n");
}

#define EXPECTED_HEADER \
  "Account,Platform,Order ID,Status,Created,Paid,Modified,Buyer,Total,Currency,Shipping fee," \
  "Payment channel,Cash on delivery,Receiver,Phone,Country,State/province,City,District,Address," \
  "Zip code,Items,Tracking numbers\r\n"

static void
check_cjk (Fixture       *fixture,
           DdExportFlags  flags)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  Run run;

  g_ptr_array_add (page, make_order ("1001", "ready_to_ship", "张伟", "黃**雲", "台灣",
                                     "南京東路5段250巷3-1號, 萊爾富 \"北市松清店\"", "105",
                                     "親膚棉白T\n第二行", 2));
  g_ptr_array_add (page, make_order ("1002", "unpaid", "say \"hi\"", "王,小明", "台灣",
                                     "一樓\r\n二樓", NULL, "保溫杯", 1));
  fixture_store (fixture, page);
  /* The view's order, not the cache's. */
  {
    gint64 first = g_array_index (fixture->row_ids, gint64, 0);

    g_array_index (fixture->row_ids, gint64, 0) = g_array_index (fixture->row_ids, gint64, 1);
    g_array_index (fixture->row_ids, gint64, 1) = first;
  }

  run_export (fixture, G_OUTPUT_STREAM (sink), flags, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_rows, ==, 2);

  if (flags & DD_EXPORT_BOM)
    g_string_append (expected, "\xEF\xBB\xBF");
  g_string_append (expected, EXPECTED_HEADER);
  g_string_append (expected,
                   "tw:shop-1,tw,1002,Unpaid,2020-06-24T16:54:03+08:00,,2020-06-24T17:23:07+08:00,"
                   "\"say \"\"hi\"\"\",62.00,TWD,52.00,CAINIAO_HILIFE_COD,Yes,"
                   "\"王,小明\",09******62,CN,台灣,台北市,松山區,\"一樓\r\n二樓\",,"
                   "保溫杯 × 1,20KXH23050207\r\n");
  g_string_append (expected,
                   "tw:shop-1,tw,1001,To ship,2020-06-24T16:54:03+08:00,,2020-06-24T17:23:07+08:00,"
                   "张伟,62.00,TWD,52.00,CAINIAO_HILIFE_COD,Yes,"
                   "黃**雲,09******62,CN,台灣,台北市,松山區,"
                   "\"南京東路5段250巷3-1號, 萊爾富 \"\"北市松清店\"\"\",105,"
                   "\"親膚棉白T\n第二行 × 2\",20KXH23050207\r\n");

  g_assert_cmpmem (sink->data->data, sink->data->len, expected->str, expected->len);
  g_assert_cmpuint (run.last_written, ==, 2);
  g_assert_cmpuint (run.last_total, ==, 2);
}

static void
test_cjk_no_bom (Fixture       *fixture,
                 gconstpointer  data)
{
  check_cjk (fixture, DD_EXPORT_NONE);
}

static void
test_cjk_bom (Fixture       *fixture,
              gconstpointer  data)
{
  check_cjk (fixture, DD_EXPORT_BOM);
}

/* The same bytes through a real file, read back from disk. */
static void
test_file (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "orders.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  Run run;

  g_ptr_array_add (page, make_order ("2001", "ready_to_ship", "张伟", "黃**雲", "台灣",
                                     "台北市", NULL, "T", 1));
  fixture_store (fixture, page);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  run_export (fixture, G_OUTPUT_STREAM (out), DD_EXPORT_BOM, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_rows, ==, 1);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" EXPECTED_HEADER "tw:shop-1,tw,2001,To ship,"));
  g_assert_true (g_str_has_suffix (contents, ",黃**雲,09******62,CN,台灣,台北市,松山區,台北市,,T × 1,20KXH23050207\r\n"));
  g_assert_true (g_utf8_validate (contents, length, NULL));
}

static void
test_cancel_midway (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  g_autoptr(TestSink) full = g_object_new (TEST_TYPE_SINK, NULL);
  const guint n_orders = TEST_VOLUME (2000, 800);
  Run run;

  fixture_fill (fixture, n_orders);
  sink->cancel_after_first = g_object_ref (cancellable);
  run_export (fixture, G_OUTPUT_STREAM (sink), DD_EXPORT_NONE, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (run.error->message, ==, "The export was cancelled.");
  g_assert_cmpint (run.n_rows, ==, -1);
  g_assert_cmpuint (sink->n_writes, ==, 1);
  g_clear_error (&run.error);

  full->keep = FALSE;
  run_export (fixture, G_OUTPUT_STREAM (full), DD_EXPORT_NONE, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_rows, ==, n_orders);
  /* It stopped well before the end. */
  g_assert_cmpuint (sink->n_bytes * 4, <, full->n_bytes);
}

static void
test_cancel_before (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  Run run;

  fixture_fill (fixture, 10);
  g_cancellable_cancel (cancellable);
  run_export (fixture, G_OUTPUT_STREAM (sink), DD_EXPORT_NONE, cancellable, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sink->n_bytes, ==, 0);
  g_assert_false (run.report_after_done);
  g_clear_error (&run.error);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  Run run;

  fixture_fill (fixture, 500);
  sink->limit = 70000;
  run_export (fixture, G_OUTPUT_STREAM (sink), DD_EXPORT_NONE, NULL, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (run.error->message, ==, "Could not write the exported orders: No space left on device");
  g_assert_cmpint (run.n_rows, ==, -1);
  g_assert_cmpuint (sink->n_bytes, ==, 70000);
  g_assert_false (run.report_after_done);
  g_clear_error (&run.error);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  Run run;
  gint64 start_us;
  gint64 elapsed_us;
  const guint n_orders = TEST_VOLUME (3000, 600);

  fixture_fill (fixture, n_orders);
  sink->keep = FALSE;
  start_us = g_get_monotonic_time ();
  run_export (fixture, G_OUTPUT_STREAM (sink), DD_EXPORT_NONE, NULL, &run);
  elapsed_us = g_get_monotonic_time () - start_us;
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_rows, ==, n_orders);
  g_assert_cmpuint (run.n_reports, >=, 1);
  /* Throttled: not one per row, nor one per batch of 64, but at most one
   * per 100 ms (plus the first and the last): a count bound alone fails
   * when the export is slow (seconds under ASan). */
  g_assert_cmpuint (run.n_reports, <, n_orders);
  g_assert_cmpint (run.n_reports, <=, elapsed_us / (100 * G_TIME_SPAN_MILLISECOND) + 2);
  g_assert_cmpuint (run.last_written, ==, n_orders);
  g_assert_cmpuint (run.last_total, ==, n_orders);
  g_assert_false (run.report_backwards);
  g_assert_false (run.report_after_done);
  g_assert_false (run.report_off_thread);
}

/* A row that left the cache is skipped; the total follows. */
static void
test_missing_row (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  gint64 gone = 987654321;
  Run run;

  fixture_fill (fixture, 3);
  g_array_insert_val (fixture->row_ids, 1, gone);
  run_export (fixture, G_OUTPUT_STREAM (sink), DD_EXPORT_NONE, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_rows, ==, 3);
  g_assert_cmpuint (run.last_written, ==, 3);
  g_assert_cmpuint (run.last_total, ==, 3);
}

/* 10,000 rows: written in buffer-sized pieces as it goes, and the heap does
 * not grow with the output. */
static void
test_bounded_memory (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TestSink) warm = g_object_new (TEST_TYPE_SINK, NULL);
  g_autoptr(TestSink) sink = g_object_new (TEST_TYPE_SINK, NULL);
  gsize baseline;
  Run run;

#ifndef __GLIBC__
  g_test_skip ("needs glibc's mallinfo2 ()");
  return;
#endif
#ifdef __SANITIZE_ADDRESS__
  /* ASan's allocator is not glibc's: mallinfo2 () sees none of it. */
  g_test_skip ("needs glibc's allocator (mallinfo2 ())");
  return;
#endif
  fixture_fill (fixture, 10000);

  /* Warm the cache's page cache and the thread pool first. */
  warm->keep = FALSE;
  run_export (fixture, G_OUTPUT_STREAM (warm), DD_EXPORT_NONE, NULL, &run);
  g_assert_no_error (run.error);

  sink->keep = FALSE;
  baseline = heap_in_use ();
  run_export (fixture, G_OUTPUT_STREAM (sink), DD_EXPORT_NONE, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.n_rows, ==, 10000);
  g_assert_cmpuint (sink->n_bytes, >, 6 * 1024 * 1024);
  g_assert_cmpuint (sink->n_writes, >, sink->n_bytes / (128 * 1024));
  g_assert_cmpuint (sink->max_write, <, 128 * 1024);
  g_test_message ("%zu bytes in %u writes; heap grew by at most %zu bytes",
                  sink->n_bytes, sink->n_writes,
                  sink->heap_peak > baseline ? sink->heap_peak - baseline : 0);
  g_assert_cmpuint (sink->heap_peak, <, baseline + 2 * 1024 * 1024);
}

int
main (int    argc,
      char **argv)
{
  /* Times in a fixed zone with an offset; untranslated column names. */
  g_setenv ("TZ", "Asia/Taipei", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/export/field", test_field);
#define ADD(path, func) g_test_add ("/dingdan/export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("cjk", test_cjk_no_bom);
  ADD ("cjk-bom", test_cjk_bom);
  ADD ("file", test_file);
  ADD ("cancel-midway", test_cancel_midway);
  ADD ("cancel-before", test_cancel_before);
  ADD ("disk-full", test_disk_full);
  ADD ("progress", test_progress);
  ADD ("missing-row", test_missing_row);
  ADD ("bounded-memory", test_bounded_memory);
#undef ADD

  return g_test_run ();
}
