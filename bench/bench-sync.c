/* bench-sync.c: a full sync of a big Taiwan shop, against json-glib's floor
 *
 *   bench-sync [--orders N] [--page-size P] [--no-stages]
 *
 * Starts the sandbox in its own process (`dingdan-cli sandbox --orders N
 * --port 0`; the program is $DINGDAN_CLI, else ../src/cli/dingdan-cli next to
 * this one), syncs its Taiwan account into a fresh cache in a temporary
 * folder with a DdOrderList over it refreshed on each "page-stored" (as the
 * window does), and prints:
 * - orders, pages, calls, the sync's wall time and orders per second;
 * - the parse floor: the same response bodies (captured with the HTTP body
 *   tap) parsed by json_parser_load_from_data alone, one after another;
 * - sync / floor (budget: at most 1.0);
 * - the longest main-loop stall during the sync and its 99th percentile: a
 *   2 ms timeout on the main loop notes how late each tick comes (budget:
 *   at most 16 ms); for the longest three, how much of it the main thread
 *   spent on a CPU (work on the main thread) rather than waiting (for a
 *   CPU taken by other threads or programs, or for a lock);
 * - CPU time of this process and of the sandbox's;
 * - unless --no-stages: where the time goes, each stage alone and one after
 *   another (fetch and parse of every page by the client, then storing the
 *   same pages in a second fresh cache).
 * Figures only: it never passes or fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dd-cache.h"
#include "dd-http.h"
#include "dd-order-list.h"
#include "dd-sync-job.h"
#include "dd-tw-client.h"

#define ACCOUNT     "tw:bench"
#define WATCHDOG_MS 2

typedef struct
{
  GMutex     lock;
  GPtrArray *bodies;       /* (element-type GBytes) */
} Tap;

typedef struct
{
  gint64  late_us;
  gint64  cpu_us;          /* of it, the main thread on a CPU (the rest:
                            * waiting for one, or blocked) */
  gint64  at_us;           /* since the sync started */
  guint   n_pages;         /* stored by then */
} Stall;

typedef struct
{
  gint64     start_us;
  gint64     last_us;
  gint64     last_cpu_us;  /* the main thread's CPU time at the last tick */
  GArray    *lateness_us;  /* (element-type gint64) */
  Stall      worst[3];     /* the longest, longest first */
  DdSyncJob *job;
} Watchdog;

static void
tap_cb (DdHttp   *http,
        GBytes   *body,
        gpointer  user_data)
{
  Tap *tap = user_data;

  g_mutex_lock (&tap->lock);
  g_ptr_array_add (tap->bodies, g_bytes_ref (body));
  g_mutex_unlock (&tap->lock);
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
watchdog_tick_cb (gpointer user_data)
{
  Watchdog *watchdog = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (watchdog->last_us > 0)
    {
      gint64 late = MAX (now - watchdog->last_us - WATCHDOG_MS * 1000, 0);
      Stall stall = { late, MIN (cpu - watchdog->last_cpu_us, late),
                      now - watchdog->start_us, dd_sync_job_get_n_pages (watchdog->job) };

      g_array_append_val (watchdog->lateness_us, late);
      for (guint i = 0; i < G_N_ELEMENTS (watchdog->worst); i++)
        if (late > watchdog->worst[i].late_us)
          {
            Stall swap = watchdog->worst[i];

            watchdog->worst[i] = stall;
            stall = swap;
          }
    }
  watchdog->last_us = now;
  watchdog->last_cpu_us = cpu;
  return G_SOURCE_CONTINUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
page_stored_cb (DdSyncJob   *job,
                GArray      *changed,
                DdOrderList *list)
{
  dd_order_list_queue_refresh (list, changed);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
find_cli (const char *argv0)
{
  g_autofree char *dir = NULL;

  if (g_getenv ("DINGDAN_CLI") != NULL)
    return g_strdup (g_getenv ("DINGDAN_CLI"));
  dir = g_path_get_dirname (argv0);
  return g_build_filename (dir, "..", "src", "cli", "dingdan-cli", NULL);
}

/* Starts `dingdan-cli sandbox` and reads its base URL. */
static GSubprocess *
start_sandbox (const char  *cli,
               guint        n_orders,
               char       **base_url)
{
  g_autofree char *orders = g_strdup_printf ("%u", n_orders);
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  sandbox = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              cli, "sandbox", "--orders", orders, "--port", "0", NULL);
  if (sandbox == NULL)
    g_error ("Could not start %s: %s", cli, error->message);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  *base_url = g_data_input_stream_read_line_utf8 (out, &len, NULL, &error);
  if (*base_url == NULL)
    g_error ("The sandbox said no URL: %s", error != NULL ? error->message : "end of output");

  return g_steal_pointer (&sandbox);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

static double
seconds_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1e6;
}

static double
timeval_s (const struct timeval *tv)
{
  return tv->tv_sec + tv->tv_usec / 1e6;
}

/* CPU seconds (user + system) of a running process, from /proc. */
static double
process_cpu_s (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (process));
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return -1;
  /* After "pid (name)": state is field 3; utime and stime are 14 and 15. */
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* Every body parsed by json-glib alone, one after another: seconds. */
static double
parse_floor (GPtrArray *bodies,
             guint64   *n_bytes)
{
  gint64 start = g_get_monotonic_time ();

  *n_bytes = 0;
  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data = g_bytes_get_data (g_ptr_array_index (bodies, i), &size);

      if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
        g_error ("A body did not parse: %s", error->message);
      *n_bytes += size;
    }

  return seconds_since (start);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Where the time goes: every page fetched and parsed by the client, then
 * stored in a second fresh cache, one thing at a time. */
static void
stages (DdClient   *client,
        const char *dir,
        guint       page_size,
        double     *fetch_s,
        double     *store_s)
{
  g_autofree char *path = g_build_filename (dir, "stages.db", NULL);
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  guint64 seen = 0;

  cache = dd_cache_new (path, &error);
  if (cache == NULL)
    g_error ("%s", error->message);

  *fetch_s = *store_s = 0;
  for (guint page_no = 1;; page_no++)
    {
      DdListQuery query = { 0, 0, page_no, page_size };
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(DdOrderPage) page = NULL;
      gint64 start = g_get_monotonic_time ();

      dd_client_list_orders_async (client, &query, NULL, list_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      page = dd_client_list_orders_finish (client, result, &error);
      if (page == NULL)
        g_error ("%s", error->message);
      *fetch_s += seconds_since (start);

      for (guint i = 0; i < page->orders->len; i++)
        dd_order_set_account_id (g_ptr_array_index (page->orders, i), ACCOUNT);
      start = g_get_monotonic_time ();
      if (!dd_cache_store_page (cache, ACCOUNT, page->orders, -1, NULL, &error))
        g_error ("%s", error->message);
      *store_s += seconds_since (start);

      seen += page->orders->len;
      if (page->orders->len < page_size || seen >= page->total_count)
        break;
    }
}

int
main (int    argc,
      char **argv)
{
  gint n_orders = 100000;
  gint page_size = DD_TW_MAX_PAGE_SIZE;
  gboolean no_stages = FALSE;
  const GOptionEntry entries[] = {
    { "orders", 0, 0, G_OPTION_ARG_INT, &n_orders, "Orders of the shop (100000)", "N" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "Orders per page (100)", "P" },
    { "no-stages", 0, 0, G_OPTION_ARG_NONE, &no_stages, "Skip the stage breakdown", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a full sync against the parse floor");
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(DdTwClient) client = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdOrderList) list = NULL;
  g_autoptr(DdSyncJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Tap tap = { { 0 }, g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref) };
  Watchdog watchdog = { 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (gint64)), { { 0 } }, NULL };
  struct rusage before_usage, sync_usage;
  double sandbox_before_s, sandbox_sync_s;
  guint watchdog_id;
  gint64 start;
  double sync_s, list_s, floor_s, fetch_s = 0, store_s = 0;
  guint64 n_bytes;
  gint64 max_late, p99_late;

  /* Figures as they come, also into a file or a pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_orders = MAX (n_orders, 1);
  page_size = CLAMP (page_size, 1, DD_TW_MAX_PAGE_SIZE);

  cli = find_cli (argv[0]);
  start = g_get_monotonic_time ();
  sandbox = start_sandbox (cli, (guint) n_orders, &base_url);
  printf ("sandbox           %s, %d orders, ready in %.2f s (own process)\n",
          base_url, n_orders, seconds_since (start));

  dir = g_dir_make_tmp ("dingdan-bench-sync-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  db_path = g_build_filename (dir, "orders.db", NULL);
  cache = dd_cache_new (db_path, &error);
  if (cache == NULL)
    g_error ("%s", error->message);
  list = dd_order_list_new (cache);

  g_mutex_init (&tap.lock);
  http = dd_http_new ();
  dd_http_set_body_tap (http, tap_cb, &tap);
  endpoint = g_strconcat (base_url, "/rest", NULL);
  client = dd_tw_client_new (http, endpoint, "100001", "sandbox-secret", "sandbox-token");
  job = dd_sync_job_new (DD_CLIENT (client), cache, ACCOUNT);
  dd_sync_job_set_page_size (job, (guint) page_size);
  g_signal_connect (job, "page-stored", G_CALLBACK (page_stored_cb), list);

  /* The sync, watched. */
  getrusage (RUSAGE_SELF, &before_usage);
  sandbox_before_s = process_cpu_s (sandbox);
  watchdog.job = job;
  start = watchdog.start_us = g_get_monotonic_time ();
  watchdog_id = g_timeout_add (WATCHDOG_MS, watchdog_tick_cb, &watchdog);
  dd_sync_job_run_async (job, NULL, run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  sync_s = seconds_since (start);
  if (!dd_sync_job_run_finish (job, result, &error))
    g_error ("The sync failed: %s", error->message);
  while (dd_order_list_is_busy (list))
    g_main_context_iteration (NULL, TRUE);
  list_s = seconds_since (start);
  g_source_remove (watchdog_id);
  getrusage (RUSAGE_SELF, &sync_usage);
  sandbox_sync_s = process_cpu_s (sandbox) - sandbox_before_s;
  dd_http_set_body_tap (http, NULL, NULL);

  floor_s = parse_floor (tap.bodies, &n_bytes);

  g_array_sort (watchdog.lateness_us, compare_gint64);
  max_late = watchdog.lateness_us->len > 0
             ? g_array_index (watchdog.lateness_us, gint64, watchdog.lateness_us->len - 1) : 0;
  p99_late = watchdog.lateness_us->len > 0
             ? g_array_index (watchdog.lateness_us, gint64, (watchdog.lateness_us->len - 1) * 99 / 100) : 0;

  printf ("orders            %" G_GUINT64_FORMAT " cached, %u in the list\n",
          dd_cache_count_orders (cache, ACCOUNT), g_list_model_get_n_items (G_LIST_MODEL (list)));
  printf ("pages             %u (page size %d)\n", dd_sync_job_get_n_pages (job), page_size);
  printf ("calls             %u HTTP calls (n-calls), %u bodies\n",
          dd_sync_job_get_n_calls (job), tap.bodies->len);
  printf ("full sync         %.2f s, %.0f orders/s (list caught up at %.2f s)\n",
          sync_s, n_orders / sync_s, list_s);
  printf ("parse floor       %.2f s (json_parser_load_from_data over %u bodies, %.1f MB)\n",
          floor_s, tap.bodies->len, n_bytes / 1e6);
  printf ("sync / floor      %.2f (budget <= 1.0)\n", sync_s / floor_s);
  printf ("main-loop stall   max %.1f ms, p99 %.1f ms over %u ticks of %d ms (budget <= 16 ms)\n",
          max_late / 1000.0, p99_late / 1000.0, watchdog.lateness_us->len, WATCHDOG_MS);
  printf ("longest stalls   ");
  for (guint i = 0; i < G_N_ELEMENTS (watchdog.worst); i++)
    printf (" %.1f ms (%.1f on CPU) at %.2f s (page %u);", watchdog.worst[i].late_us / 1000.0,
            watchdog.worst[i].cpu_us / 1000.0, watchdog.worst[i].at_us / 1e6,
            watchdog.worst[i].n_pages);
  printf ("\n");
  printf ("CPU in the sync   bench %.2f s user + %.2f s sys, sandbox %.2f s (of %.2f s x %ld cores)\n",
          timeval_s (&sync_usage.ru_utime) - timeval_s (&before_usage.ru_utime),
          timeval_s (&sync_usage.ru_stime) - timeval_s (&before_usage.ru_stime),
          sandbox_sync_s, list_s, sysconf (_SC_NPROCESSORS_ONLN));

  if (!no_stages)
    {
      double parse_s;
      guint64 ignored;

      stages (DD_CLIENT (client), dir, (guint) page_size, &fetch_s, &store_s);
      parse_s = parse_floor (tap.bodies, &ignored);
      printf ("stages, alone     fetch + parse by the client %.2f s (json-glib alone %.2f s), "
              "store %.2f s; one after another %.2f s\n",
              fetch_s, parse_s, store_s, fetch_s + store_s);
    }

  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);

  g_clear_object (&list);
  g_clear_object (&job);
  g_clear_object (&cache);
  remove_tree (dir);
  g_ptr_array_unref (tap.bodies);
  g_mutex_clear (&tap.lock);
  g_array_unref (watchdog.lateness_us);

  return 0;
}
