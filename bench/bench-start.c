/* bench-start.c: time to the first frame with rows at a million orders, and RSS
 *
 *   bench-start [--orders N] [--cache PATH] [--runs R]
 *
 * Builds (or reuses) a cache of N orders (default 1,000,000) with
 * dd_bench_fill_cache(), then starts the real `dingdan` ($DINGDAN_GUI, or
 * the one of this build) R times (default 5) over it: a temporary
 * XDG_CONFIG_HOME whose accounts.ini names the cache's four accounts (their
 * secrets are nowhere, so they show the keyring as unavailable and list
 * their cached orders), and a temporary XDG_DATA_HOME whose dingdan/orders.db
 * is a symbolic link to the cache. With DINGDAN_BENCH_FIRST_FRAME set, the
 * window prints the CLOCK_MONOTONIC time of its first frame with rows on
 * stderr; the time from the spawn to it is the cold start. The same again
 * with an empty window (no accounts, an empty cache) gives the floor. After
 * each first frame the app's VmRSS and VmHWM are read, then it is killed.
 *
 * Then, in this process, the list over the same cache in a GtkColumnView:
 * the longest main-loop stall (the largest gap between two runs of a 1 ms
 * high-priority timer) while a refresh after a sync page, filters, a sort
 * and a search are applied.
 *
 * The app gets a private D-Bus session bus with no activatable services (no
 * keyring daemon starts on anyone's files), no accessibility bus and GSK's
 * cairo renderer (Xvfb has no GPU; GSK_RENDERER overrides it). Run it
 * under X (build-aux/bench.sh: Xvfb and dbus-run-session). It measures; it
 * never passes or fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "dd-bench-fill.h"
#include "dd-order-list.h"

#define BUDGET_START_MS 1000.0
#define BUDGET_RATIO    2.0
#define BUDGET_RSS_MB   200.0
#define FIRST_FRAME_TIMEOUT_S 120

typedef struct
{
  double ms;         /* spawn to first frame */
  guint  rows;       /* the app said */
  double rss_mb;     /* VmRSS after the first frame */
  double hwm_mb;     /* VmHWM */
  double anon_mb;    /* RssAnon: the app's own memory */
  double file_mb;    /* RssFile: mapped files (libraries, fonts, the GResource) */
} Run;

static double
status_mb (GPid        pid,
           const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_ascii_strtod (lines[i] + strlen (field) + 1, NULL) / 1024.0; /* kB */

  return -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
minimum (const double *values,
         guint         n)
{
  double min = values[0];

  for (guint i = 1; i < n; i++)
    min = MIN (min, values[i]);
  return min;
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not create %s: %s", dir, g_strerror (errsv));
      return FALSE;
    }
  return g_file_set_contents (path, contents, -1, error);
}

/* The accounts of dd_bench_fill_cache() as the account store keeps them. */
static char *
accounts_ini (void)
{
  static const struct { const char *id, *platform, *name; } accounts[] = {
    { DD_BENCH_ACCOUNT_TW, "tw", "Bench Taiwan Shop" },
    { DD_BENCH_ACCOUNT_TOP, "top", "Bench Taobao Shop" },
    { DD_BENCH_ACCOUNT_TOP_PC, "top-pc", "Bench Procurement" },
    { DD_BENCH_ACCOUNT_PP, "pandapon", "Bench Purchasing" },
  };
  GString *ini = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    g_string_append_printf (ini, "[Account %s]\nPlatform=%s\nName=%s\nKey=100001\n\n",
                            accounts[i].id, accounts[i].platform, accounts[i].name);

  return g_string_free (ini, FALSE);
}

/* Xvfb has no GPU: GSK's GL renderer would run on llvmpipe and measure
 * Mesa's shader compiler. Cairo draws as a GPU would for this window,
 * unless GSK_RENDERER says otherwise. */
static const char *
renderer (void)
{
  const char *name = g_getenv ("GSK_RENDERER");

  return name != NULL && name[0] != '\0' ? name : "cairo";
}

/* A session bus of our own: nothing activatable, so the keyring is simply
 * not there. Returns its address; *pid to kill it. */
static char *
start_private_bus (const char  *dir,
                   GPid        *pid,
                   GError     **error)
{
  g_autofree char *config_path = g_build_filename (dir, "bus.conf", NULL);
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  const char *argv[] = { "dbus-daemon", NULL, "--nofork", "--print-address=1", NULL };
  g_autofree char *config_arg = NULL;
  GIOChannel *channel;
  int out_fd;
  gsize length = 0;

  config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                            "<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:dir=%s</listen>\n"
                            "  <auth>EXTERNAL</auth>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n", dir);
  if (!g_file_set_contents (config_path, config, -1, error))
    return NULL;

  config_arg = g_strconcat ("--config-file=", config_path, NULL);
  argv[1] = config_arg;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, pid, NULL, &out_fd, NULL, error))
    return NULL;

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  if (g_io_channel_read_line (channel, &address, &length, NULL, error) != G_IO_STATUS_NORMAL)
    {
      g_io_channel_unref (channel);
      return NULL;
    }
  g_io_channel_unref (channel);

  g_strchomp (address);
  return g_steal_pointer (&address);
}

/* Reads @fd until a line starting with "dingdan-first-frame " arrives
 * (copied to @line), the pipe closes or @deadline (monotonic µs) passes. */
static gboolean
read_first_frame_line (int      fd,
                       gint64   deadline,
                       GString *line)
{
  g_autoptr(GString) buffer = g_string_new (NULL);

  for (;;)
    {
      char chunk[4096];
      char *newline;
      GPollFD poll_fd = { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      gssize n;

      while ((newline = strchr (buffer->str, '\n')) != NULL)
        {
          gsize length = newline - buffer->str + 1;

          if (g_str_has_prefix (buffer->str, "dingdan-first-frame "))
            {
              g_string_overwrite_len (line, 0, buffer->str, length);
              g_string_truncate (line, length);
              return TRUE;
            }
          g_printerr ("  app: %.*s", (int) length, buffer->str);
          g_string_erase (buffer, 0, length);
        }

      if (left <= 0 || g_poll (&poll_fd, 1, (int) MIN (left / 1000 + 1, G_MAXINT)) <= 0)
        return FALSE;
      n = read (fd, chunk, sizeof chunk);
      if (n <= 0)
        return FALSE;
      g_string_append_len (buffer, chunk, n);
    }
}

/* Starts the app in @home's XDG dirs and waits for its first frame. */
static gboolean
run_once (const char  *gui,
          const char  *home,
          const char  *bus_address,
          Run         *run,
          GError     **error)
{
  const char *argv[] = { gui, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GString) line = g_string_new (NULL);
  GPid pid = 0;
  int err_fd = -1;
  gint64 spawned;
  gint64 at = 0;
  gboolean found;
  static const char *dirs[][2] = {
    { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);
      env = g_environ_setenv (env, dirs[i][0], dir, TRUE);
    }
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  env = g_environ_setenv (env, "DINGDAN_BENCH_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", renderer (), TRUE);
  env = g_environ_unsetenv (env, "G_MESSAGES_DEBUG");

  spawned = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, NULL, &err_fd, error))
    return FALSE;

  found = read_first_frame_line (err_fd, spawned + FIRST_FRAME_TIMEOUT_S * G_USEC_PER_SEC, line) &&
          sscanf (line->str, "dingdan-first-frame %" G_GINT64_FORMAT " rows %u", &at, &run->rows) == 2;
  if (found)
    {
      run->ms = (at - spawned) / 1000.0;
      run->rss_mb = status_mb (pid, "VmRSS");
      run->hwm_mb = status_mb (pid, "VmHWM");
      run->anon_mb = status_mb (pid, "RssAnon");
      run->file_mb = status_mb (pid, "RssFile");
    }

  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  close (err_fd);

  if (!found)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "%s ended without telling its first frame", gui);
  return found;
}

static gboolean
make_home (const char  *home,
           const char  *cache_path,
           gboolean     with_orders,
           GError     **error)
{
  g_autofree char *ini_path = g_build_filename (home, "config", "dingdan", "accounts.ini", NULL);
  g_autofree char *db_path = g_build_filename (home, "data", "dingdan", "orders.db", NULL);
  g_autofree char *db_dir = g_path_get_dirname (db_path);
  g_autofree char *ini = with_orders ? accounts_ini () : g_strdup ("");

  if (!write_file (ini_path, ini, error))
    return FALSE;

  if (g_mkdir_with_parents (db_dir, 0700) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not create %s: %s", db_dir, g_strerror (errsv));
      return FALSE;
    }
  if (with_orders && symlink (cache_path, db_path) != 0)
    {
      int errsv = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Could not link %s: %s", db_path, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) && g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* @runs runs in a fresh home each; fills @results. */
static gboolean
measure (const char  *gui,
         const char  *cache_path,
         gboolean     with_orders,
         const char  *bus_address,
         guint        n_runs,
         Run         *results,
         GError     **error)
{
  for (guint r = 0; r < n_runs; r++)
    {
      g_autofree char *home = g_dir_make_tmp ("dingdan-bench-start-XXXXXX", error);
      gboolean ok;

      if (home == NULL)
        return FALSE;
      ok = make_home (home, cache_path, with_orders, error) &&
           run_once (gui, home, bus_address, &results[r], error);
      remove_tree (home);
      if (!ok)
        return FALSE;
      g_printerr ("  %s run %u: %.0f ms, %u rows, VmRSS %.0f MB (RssAnon %.0f, RssFile %.0f)\n",
                  with_orders ? "orders" : "empty", r + 1, results[r].ms, results[r].rows,
                  results[r].rss_mb, results[r].anon_mb, results[r].file_mb);
    }

  return TRUE;
}

static void
summarise (const Run *runs,
           guint      n,
           double    *ms_median,
           double    *ms_min,
           double    *rss_median,
           double    *hwm_max)
{
  g_autofree double *ms = g_new (double, n);
  g_autofree double *rss = g_new (double, n);

  *hwm_max = 0;
  for (guint i = 0; i < n; i++)
    {
      ms[i] = runs[i].ms;
      rss[i] = runs[i].rss_mb;
      *hwm_max = MAX (*hwm_max, runs[i].hwm_mb);
    }
  *ms_min = minimum (ms, n);
  *ms_median = median (ms, n);
  *rss_median = median (rss, n);
}


/* Main-loop stalls, in this process: the list in a column view. */

typedef struct
{
  gint64 last;
  gint64 max_gap;
  guint  n_signals;
} Watchdog;

static gboolean
watchdog_cb (gpointer user_data)
{
  Watchdog *watchdog = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watchdog->last != 0)
    watchdog->max_gap = MAX (watchdog->max_gap, now - watchdog->last);
  watchdog->last = now;
  return G_SOURCE_CONTINUE;
}

static void
count_signals_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watchdog   *watchdog)
{
  watchdog->n_signals++;
}

static void
iterate_for (gint64 us)
{
  gint64 until = g_get_monotonic_time () + us;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The longest gap while @list applies what was just asked of it (and the
 * frames that follow), in ms. */
static double
stall_of (DdOrderList *list,
          Watchdog    *watchdog)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (dd_order_list_is_busy (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  iterate_for (300 * 1000);
  return watchdog->max_gap / 1000.0;
}

static void
reset (Watchdog *watchdog)
{
  iterate_for (300 * 1000);
  watchdog->last = 0;
  watchdog->max_gap = 0;
  watchdog->n_signals = 0;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  DdOrder *order = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      dd_order_get_order_id (order));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, gtk_label_new (NULL));
}

static void
print_stall (const char  *what,
             double       ms,
             DdOrderList *list,
             Watchdog    *watchdog)
{
  printf ("  %-40s %8.1f ms   (%u rows, %u items-changed)\n", what, ms,
          g_list_model_get_n_items (G_LIST_MODEL (list)), watchdog->n_signals);
}

static gboolean
measure_stalls (const char  *path,
                GError     **error)
{
  static const struct { const char *what; gint status; DdSortColumn sort; const char *search; } queries[] = {
    { "filter: status to ship", DD_ORDER_STATUS_TO_SHIP, DD_SORT_CREATED, NULL },
    { "filter: back to every order", -1, DD_SORT_CREATED, NULL },
    { "sort: by buyer", -1, DD_SORT_BUYER, NULL },
    { "sort: back to newest first", -1, DD_SORT_CREATED, NULL },
    { "search: 王 (a surname)", -1, DD_SORT_CREATED, "王" },
    { "search: cleared", -1, DD_SORT_CREATED, NULL },
  };
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdOrderList) list = NULL;
  g_autoptr(GArray) changed = NULL;
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;
  GtkWidget *window, *scrolled, *view;
  Watchdog watchdog = { 0, 0, 0 };
  guint watchdog_id;
  guint n;

  /* As the app was started above. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", renderer (), TRUE);
  gtk_init ();

  cache = dd_cache_new (path, error);
  if (cache == NULL)
    return FALSE;
  list = dd_order_list_new (cache);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_signals_cb), &watchdog);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  /* As the window has it: nothing selected unless the user picks a row
   * (the window unselects a row about to be removed and selects it again
   * afterwards, see dd-window.c). */
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), gtk_column_view_column_new ("Order", factory));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));

  watchdog_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, watchdog_cb, &watchdog, NULL);

  /* The first result, then a quiet moment: the floor (frames only). */
  printf ("\nMain-loop stalls, the list in a GtkColumnView (longest gap of a 1 ms timer):\n");
  print_stall ("first result", stall_of (list, &watchdog), list, &watchdog);
  reset (&watchdog);
  iterate_for (G_USEC_PER_SEC);
  print_stall ("idle (frames only)", watchdog.max_gap / 1000.0, list, &watchdog);

  /* A sync page: a hundred rows spread over the list changed. */
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < 100 && n > 0; i++)
    {
      g_autoptr(DdOrder) order = g_list_model_get_item (G_LIST_MODEL (list), (guint) ((guint64) i * n / 100));
      gint64 row_id = dd_order_get_row_id (order);

      g_array_append_val (changed, row_id);
    }
  reset (&watchdog);
  dd_order_list_queue_refresh (list, changed);
  print_stall ("refresh after a sync page (100 changed)", stall_of (list, &watchdog), list, &watchdog);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      DdQuery query = DD_QUERY_INIT;

      query.status = queries[q].status;
      query.sort = queries[q].sort;
      query.search = queries[q].search;
      reset (&watchdog);
      dd_order_list_set_query (list, &query);
      print_stall (queries[q].what, stall_of (list, &watchdog), list, &watchdog);
    }

  g_source_remove (watchdog_id);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100 * 1000);

  return TRUE;
}

static char *
default_gui (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bench_dir = self != NULL ? g_path_get_dirname (self) : g_strdup (".");

  return g_build_filename (bench_dir, "..", "src", "ui", "dingdan", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *gui = NULL;
  g_autofree char *bus_dir = NULL;
  g_autofree char *bus_address = NULL;
  g_autofree Run *with_rows = NULL;
  g_autofree Run *empty = NULL;
  GPid bus_pid = 0;
  int orders = 1000000;
  int runs = 5;
  double rows_median, rows_min, rows_rss, rows_hwm;
  double empty_median, empty_min, empty_rss, empty_hwm;
  gint64 start;
  gboolean ok;
  GOptionEntry entries[] = {
    { "orders", 'n', 0, G_OPTION_ARG_INT, &orders, "Orders in the cache (default 1000000)", "N" },
    { "cache", 'c', 0, G_OPTION_ARG_FILENAME, &path, "The cache file (default in $XDG_CACHE_HOME/dingdan-bench)", "PATH" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Starts of each window (default 5)", "R" },
    { NULL }
  };

  context = g_option_context_new ("— time to the first frame with rows, and RSS");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (orders < 1 || runs < 1)
    {
      g_printerr ("--orders and --runs must be at least 1\n");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-start needs a display (build-aux/bench.sh runs it under Xvfb)\n");
      return 2;
    }

  gui = g_strdup (g_getenv ("DINGDAN_GUI"));
  if (gui == NULL)
    gui = default_gui ();
  if (!g_file_test (gui, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("No dingdan at %s (set DINGDAN_GUI)\n", gui);
      return 2;
    }

  if (path == NULL)
    {
      g_autofree char *name = g_strdup_printf ("orders-%d.db", orders);
      path = g_build_filename (g_get_user_cache_dir (), "dingdan-bench", name, NULL);
    }
  if (!g_path_is_absolute (path))
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *absolute = g_build_filename (cwd, path, NULL);

      g_free (path);
      path = g_steal_pointer (&absolute);
    }

  start = g_get_monotonic_time ();
  if (!dd_bench_fill_cache (path, (guint) orders, &error))
    {
      g_printerr ("Could not build the cache: %s\n", error->message);
      return 1;
    }
  g_printerr ("Cache ready in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  bus_dir = g_dir_make_tmp ("dingdan-bench-bus-XXXXXX", &error);
  if (bus_dir == NULL || (bus_address = start_private_bus (bus_dir, &bus_pid, &error)) == NULL)
    {
      g_printerr ("Could not start a D-Bus daemon: %s\n", error->message);
      return 1;
    }

  with_rows = g_new0 (Run, runs);
  empty = g_new0 (Run, runs);

  /* Interleaved would be fairer to the page cache; one warm-up start of
   * each first, then the runs, is simpler and as fair. */
  {
    Run warm_up;

    ok = measure (gui, path, TRUE, bus_address, 1, &warm_up, &error) &&
         measure (gui, path, FALSE, bus_address, 1, &warm_up, &error) &&
         measure (gui, path, TRUE, bus_address, runs, with_rows, &error) &&
         measure (gui, path, FALSE, bus_address, runs, empty, &error);
  }

  kill (bus_pid, SIGTERM);
  waitpid (bus_pid, NULL, 0);
  remove_tree (bus_dir);

  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  summarise (with_rows, runs, &rows_median, &rows_min, &rows_rss, &rows_hwm);
  summarise (empty, runs, &empty_median, &empty_min, &empty_rss, &empty_hwm);

  printf ("Cache: %s, %d orders; %d starts of each window (after one warm-up);"
          " GSK renderer %s, no accessibility bus\n\n", path, orders, runs, renderer ());
  printf ("%-34s %10s %10s %12s %12s\n", "", "median ms", "min ms", "VmRSS MB", "VmHWM MB");
  printf ("%-34s %10.0f %10.0f %12.0f %12.0f   (%u rows)\n", "first frame with rows",
          rows_median, rows_min, rows_rss, rows_hwm, with_rows[0].rows);
  printf ("%-34s %10.0f %10.0f %12.0f %12.0f\n", "empty window (no accounts)",
          empty_median, empty_min, empty_rss, empty_hwm);
  printf ("\n");
  printf ("cold start:  %.0f ms median (budget %.0f ms: %s)\n", rows_median, BUDGET_START_MS,
          rows_median <= BUDGET_START_MS ? "within" : "over");
  printf ("ratio:       %.2f× the empty window (budget %.1f×: %s)\n",
          rows_median / empty_median, BUDGET_RATIO,
          rows_median / empty_median <= BUDGET_RATIO ? "within" : "over");
  printf ("RSS:         %.0f MB median after the first frame, %.0f MB peak (budget %.0f MB: %s)\n",
          rows_rss, rows_hwm, BUDGET_RSS_MB, rows_hwm <= BUDGET_RSS_MB ? "within" : "over");
  printf ("             of which RssAnon %.0f MB, RssFile %.0f MB (mapped files: libraries, fonts)\n",
          with_rows[0].anon_mb, with_rows[0].file_mb);
  fflush (stdout);

  if (!measure_stalls (path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
