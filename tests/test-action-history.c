/* test-action-history.c: an order's action history and the Action Log window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "dd-action-history.h"
#include "dd-action-log.h"
#include "test-orders.h"

#define T0 1700000000000  /* ms: 2023-11-14T22:13:20Z */

typedef TestCacheFixture Fixture;

static gint64
log_action (DdCache       *cache,
            gint64         time_ms,
            const char    *account_id,
            const char    *order_id,
            DdAction       action,
            DdActionState  state,
            const char    *result,
            const char    *request_id)
{
  g_autoptr(GError) error = NULL;
  DdActionRecord record = {
    .time_ms = time_ms,
    .account_id = (char *) account_id,
    .order_id = (char *) order_id,
    .action = action,
    .params = (char *) "{\"reason\":\"out of stock\",\"access_token\":\"hidden\"}",
  };
  gint64 id = dd_action_log_begin (cache, &record, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  if (state != DD_ACTION_STATE_SENDING)
    {
      g_assert_true (dd_action_log_finish (cache, id, state, result, request_id, &error));
      g_assert_no_error (error);
    }
  return id;
}

/* Runs the main loop until @done (a function of @widget) says so, 10 s at most. */
static void
wait_until (gboolean  (*done) (gpointer widget),
            gpointer    widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (widget))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
history_loaded (gpointer widget)
{
  return !dd_action_history_is_loading (DD_ACTION_HISTORY (widget));
}

static gboolean
window_idle (gpointer widget)
{
  return !dd_action_log_window_is_busy (DD_ACTION_LOG_WINDOW (widget));
}

/* The widget's descendants of @type, in the order they are laid out. */
static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* Whether a label under @widget shows exactly @text, as plain text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_text (label), text) == 0 && !gtk_label_get_use_markup (label))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
new_history (DdCache *cache)
{
  return g_object_ref_sink (dd_action_history_new (cache));
}

/* The entries of the order, newest first, with their labels; not the
 * other order's. */
static void
test_history_newest_first (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GtkWidget) history = new_history (fixture->cache);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL, DD_ACTION_STATE_FAILED,
              "Refused", "req-1");
  log_action (fixture->cache, T0 + 1000, "tw-1", "B2", DD_ACTION_PAY_BALANCE,
              DD_ACTION_STATE_DONE, "Paid", NULL);
  log_action (fixture->cache, T0 + 2000, "tw-1", "A1", DD_ACTION_PAY_BALANCE,
              DD_ACTION_STATE_DONE, "Paid ¥128.00", "req-2");
  log_action (fixture->cache, T0 + 3000, "tw-2", "A1", DD_ACTION_UPLOAD_VOUCHER,
              DD_ACTION_STATE_DONE, "Other account", NULL);

  g_assert_false (gtk_widget_get_visible (history));
  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "A1");
  wait_until (history_loaded, history);

  g_assert_true (gtk_widget_get_visible (history));
  g_assert_cmpuint (dd_action_history_get_n_entries (DD_ACTION_HISTORY (history)), ==, 2);
  collect (history, ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   dd_action_rules_get_label (DD_ACTION_PAY_BALANCE));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 1)), ==,
                   dd_action_rules_get_label (DD_ACTION_CANCEL));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                            "Paid ¥128.00"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                            dd_action_state_get_label (DD_ACTION_STATE_DONE)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 1)),
                            dd_action_state_get_label (DD_ACTION_STATE_FAILED)));
  g_assert_null (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                         "Other account"));
}

/* A result holding markup is shown as it is, in the title and subtitle's
 * labels alike. */
static void
test_history_plain_text (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GtkWidget) history = new_history (fixture->cache);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean found = FALSE;

  log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL, DD_ACTION_STATE_FAILED,
              "<b>Refused</b> & <i>closed", NULL);
  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "A1");
  wait_until (history_loaded, history);

  collect (history, ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_false (adw_preferences_row_get_use_markup (g_ptr_array_index (rows, 0)));
  collect (history, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), "<b>Refused</b> & <i>closed") != NULL)
        {
          g_assert_false (gtk_label_get_use_markup (label));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* An order without entries, or none at all, hides the history; going
 * from an order with entries to one without hides it too. */
static void
test_history_hidden (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GtkWidget) history = new_history (fixture->cache);

  log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL, DD_ACTION_STATE_DONE,
              "Closed", NULL);

  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "NONE");
  wait_until (history_loaded, history);
  g_assert_false (gtk_widget_get_visible (history));
  g_assert_cmpuint (dd_action_history_get_n_entries (DD_ACTION_HISTORY (history)), ==, 0);

  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "A1");
  wait_until (history_loaded, history);
  g_assert_true (gtk_widget_get_visible (history));

  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "NONE");
  /* At once: not the last order's entries while the new ones are read. */
  g_assert_false (gtk_widget_get_visible (history));
  wait_until (history_loaded, history);
  g_assert_false (gtk_widget_get_visible (history));

  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "A1");
  wait_until (history_loaded, history);
  dd_action_history_set_order (DD_ACTION_HISTORY (history), NULL, NULL);
  g_assert_false (dd_action_history_is_loading (DD_ACTION_HISTORY (history)));
  g_assert_false (gtk_widget_get_visible (history));
  g_assert_cmpuint (dd_action_history_get_n_entries (DD_ACTION_HISTORY (history)), ==, 0);
}

/* After an action ends, a reload shows it; a history never shows more
 * than 50 entries. */
static void
test_history_reload (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GtkWidget) history = new_history (fixture->cache);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 id;

  dd_action_history_set_order (DD_ACTION_HISTORY (history), "tw-1", "A1");
  wait_until (history_loaded, history);
  g_assert_false (gtk_widget_get_visible (history));

  id = log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL, DD_ACTION_STATE_SENDING,
                   NULL, NULL);
  dd_action_history_reload (DD_ACTION_HISTORY (history));
  wait_until (history_loaded, history);
  g_assert_true (gtk_widget_get_visible (history));
  g_assert_cmpuint (dd_action_history_get_n_entries (DD_ACTION_HISTORY (history)), ==, 1);

  g_assert_true (dd_action_log_finish (fixture->cache, id, DD_ACTION_STATE_DONE, "Cancelled now",
                                       NULL, NULL));
  dd_action_history_reload (DD_ACTION_HISTORY (history));
  wait_until (history_loaded, history);
  collect (history, ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                            "Cancelled now"));

  for (guint i = 1; i <= 60; i++)
    log_action (fixture->cache, T0 + i * 1000, "tw-1", "A1", DD_ACTION_PAY_BALANCE,
                DD_ACTION_STATE_FAILED, "No balance", NULL);
  dd_action_history_reload (DD_ACTION_HISTORY (history));
  wait_until (history_loaded, history);
  g_assert_cmpuint (dd_action_history_get_n_entries (DD_ACTION_HISTORY (history)), ==, 50);
}

static GtkWidget *
new_window (DdCache    *cache,
            GHashTable *names)
{
  GtkWidget *window = dd_action_log_window_new (NULL, cache, names);

  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_idle, window);
  return window;
}

static void
destroy_window (GtkWidget *window)
{
  GObject *weak = G_OBJECT (window);

  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; weak != NULL && i < 1000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (weak);
}

static GtkWidget *
find_status_page (GtkWidget *window)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect (window, ADW_TYPE_STATUS_PAGE, pages);
  g_assert_cmpuint (pages->len, ==, 1);
  return g_ptr_array_index (pages, 0);
}

/* An empty log: "No Actions Yet", and nothing to export. */
static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *window = new_window (fixture->cache, NULL);
  GtkWidget *page = find_status_page (window);

  g_assert_cmpuint (dd_action_log_window_get_n_entries (DD_ACTION_LOG_WINDOW (window)), ==, 0);
  g_assert_null (dd_action_log_window_get_entry (DD_ACTION_LOG_WINDOW (window), 0));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Actions Yet");
  g_assert_true (gtk_widget_get_mapped (page));
  destroy_window (window);
}

/* Every entry, newest first, the account by its name; read again (Ctrl+R)
 * after a new one. */
static void
test_window_lists_all (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *window;
  gint64 ids[4];

  g_hash_table_insert (names, (char *) "tw-1", (char *) "Taipei Shop");
  ids[0] = log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL,
                       DD_ACTION_STATE_FAILED, "<b>Refused</b>", "req-1");
  ids[1] = log_action (fixture->cache, T0 + 1000, "pp-9", "B2", DD_ACTION_PAY_BALANCE,
                       DD_ACTION_STATE_UNKNOWN, NULL, NULL);
  ids[2] = log_action (fixture->cache, T0 + 2000, "pp-9", NULL, DD_ACTION_CREATE_PURCHASE,
                       DD_ACTION_STATE_SENDING, NULL, NULL);

  window = new_window (fixture->cache, names);
  g_assert_cmpuint (dd_action_log_window_get_n_entries (DD_ACTION_LOG_WINDOW (window)), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (dd_action_log_window_get_entry (DD_ACTION_LOG_WINDOW (window), i)->id, ==,
                     ids[2 - i]);
  g_assert_null (dd_action_log_window_get_entry (DD_ACTION_LOG_WINDOW (window), 3));
  g_assert_false (gtk_widget_get_mapped (find_status_page (window)));
  g_assert_true (shows_text (window, "Taipei Shop"));
  g_assert_true (shows_text (window, "pp-9"));   /* no name: its id */
  g_assert_true (shows_text (window, "<b>Refused</b>"));
  g_assert_true (shows_text (window, "req-1"));
  g_assert_true (shows_text (window, dd_action_rules_get_label (DD_ACTION_CREATE_PURCHASE)));
  g_assert_true (shows_text (window, dd_action_state_get_label (DD_ACTION_STATE_UNKNOWN)));

  ids[3] = log_action (fixture->cache, T0 + 3000, "tw-1", "A1", DD_ACTION_CANCEL,
                       DD_ACTION_STATE_DONE, "Closed", NULL);
  /* Ctrl+R's action. */
  g_assert_true (gtk_widget_activate_action (window, "action-log.reload", NULL));
  g_assert_true (dd_action_log_window_is_busy (DD_ACTION_LOG_WINDOW (window)));
  wait_until (window_idle, window);
  g_assert_cmpuint (dd_action_log_window_get_n_entries (DD_ACTION_LOG_WINDOW (window)), ==, 4);
  g_assert_cmpint (dd_action_log_window_get_entry (DD_ACTION_LOG_WINDOW (window), 0)->id, ==,
                   ids[3]);
  destroy_window (window);
}

static GBytes *
expected_csv (DdCache *cache)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_action_log_export_csv (cache, out, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

/* The window's export writes the same bytes as dd_action_log_export_csv(),
 * over an older file, and leaves no temporary file behind. */
static void
test_window_export (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "dingdan-actions.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) written = NULL;
  GtkWidget *window;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "older", -1, NULL));
  log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL, DD_ACTION_STATE_FAILED,
              "Refused, \"twice\"\nreally", "req-1");
  log_action (fixture->cache, T0 + 1000, "pp-9", NULL, DD_ACTION_CREATE_PURCHASE,
              DD_ACTION_STATE_DONE, "订单已创建", "req-2");
  expected = expected_csv (fixture->cache);

  window = new_window (fixture->cache, NULL);
  g_assert_true (dd_action_log_window_export (DD_ACTION_LOG_WINDOW (window), file));
  /* One at a time. */
  g_assert_false (dd_action_log_window_export (DD_ACTION_LOG_WINDOW (window), file));
  wait_until (window_idle, window);

  written = file_bytes (path);
  g_assert_true (g_bytes_equal (written, expected));
  g_assert_null (strstr (g_bytes_get_data (written, NULL), "hidden"));  /* the token */
  g_assert_cmpuint (count_files (out_dir), ==, 1);
  destroy_window (window);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (dd_action_log_save_csv_finish (result, error));
  g_assert_nonnull (*error);
}

/* A file that cannot be written: an error, and nothing left anywhere; a
 * cancelled export leaves the older file as it was. */
static void
test_save_failure (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "actions.csv", NULL);
  g_autofree char *kept_path = g_build_filename (fixture->dir, "kept.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) kept = g_file_new_for_path (kept_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) contents = NULL;
  GError *error = NULL;
  gint64 deadline;
  guint n_files;

  log_action (fixture->cache, T0, "tw-1", "A1", DD_ACTION_CANCEL, DD_ACTION_STATE_DONE,
              "Closed", NULL);
  dd_action_log_save_csv_async (fixture->cache, file, NULL, save_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (kept_path, "older", -1, NULL));
  n_files = count_files (fixture->dir);
  g_cancellable_cancel (cancellable);
  dd_action_log_save_csv_async (fixture->cache, kept, cancellable, save_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  contents = file_bytes (kept_path);
  g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), "older", 5);
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);

  /* The tasks let go of the cache: a worker thread drops its task (and the
   * cache with it) only after posting the callback, so wait for it. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (G_OBJECT (fixture->cache)->ref_count > 1 && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  g_assert_cmpuint (G_OBJECT (fixture->cache)->ref_count, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("needs a display (build-aux/test.sh starts Xvfb)");
      return g_test_run ();
    }
  adw_init ();

#define add_test(path, func) \
  g_test_add ("/dingdan/action-history/" path, Fixture, NULL, \
              test_cache_fixture_set_up, func, test_cache_fixture_tear_down)

  add_test ("newest-first", test_history_newest_first);
  add_test ("plain-text", test_history_plain_text);
  add_test ("hidden", test_history_hidden);
  add_test ("reload", test_history_reload);
  add_test ("window/empty", test_window_empty);
  add_test ("window/lists-all", test_window_lists_all);
  add_test ("window/export", test_window_export);
  add_test ("save-failure", test_save_failure);

  return g_test_run ();
}
