/* bench-query.c: filter, sort and search latencies of the cache at scale
 *
 *   bench-query [--orders N] [--cache PATH] [--runs R]
 *
 * Builds (or reuses) a cache of N orders (default 1,000,000) with
 * dd_bench_fill_cache(), then times dd_cache_query_row_ids() for every sort
 * column both ways, the filters, and searches; R runs each (default 9; the
 * first is a warm-up and not counted). Prints a table (query, rows, median
 * and p95 ms), the worst median against the 100 ms budget, and the size of
 * the cache file. It measures; it never passes or fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dd-bench-fill.h"
#include "dd-cache.h"

#define BUDGET_MS 100.0

typedef struct
{
  char    *name;
  DdQuery  query;
  char    *search;   /* owned; query.search points to it */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->name);
  g_free (c->search);
  g_free (c);
}

static Case *
add_case (GPtrArray  *cases,
          const char *name)
{
  Case *c = g_new0 (Case, 1);
  DdQuery init = DD_QUERY_INIT;

  c->name = g_strdup (name);
  c->query = init;
  g_ptr_array_add (cases, c);
  return c;
}

static void
add_search (GPtrArray  *cases,
            const char *name,
            const char *search,
            gint        status)
{
  Case *c = add_case (cases, name);

  c->search = g_strdup (search);
  c->query.search = c->search;
  c->query.status = status;
}

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

static GPtrArray *
make_cases (void)
{
  static const struct { DdSortColumn sort; const char *name; } sorts[] = {
    { DD_SORT_CREATED, "created" }, { DD_SORT_MODIFIED, "modified" },
    { DD_SORT_ORDER_ID, "order id" }, { DD_SORT_BUYER, "buyer" },
    { DD_SORT_STATUS, "status" }, { DD_SORT_TOTAL, "total" },
    { DD_SORT_PAYMENT, "payment" }, { DD_SORT_ACCOUNT, "account" },
  };
  GPtrArray *cases = g_ptr_array_new_with_free_func (case_free);
  g_autofree char *top_id = dd_bench_order_id (DD_BENCH_ACCOUNT_TOP, 4242);
  g_autofree char *id_fragment = g_strndup (top_id + 9, 8);
  g_autofree char *id_name = g_strdup_printf ("search order id fragment “%s”", id_fragment);
  Case *c;

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    for (int ascending = 0; ascending < 2; ascending++)
      {
        g_autofree char *name = g_strdup_printf ("sort %s %s", sorts[i].name,
                                                 ascending ? "asc" : "desc");
        c = add_case (cases, name);
        c->query.sort = sorts[i].sort;
        c->query.ascending = ascending;
      }

  c = add_case (cases, "status = to ship");
  c->query.status = DD_ORDER_STATUS_TO_SHIP;
  c = add_case (cases, "status = completed");
  c->query.status = DD_ORDER_STATUS_COMPLETED;
  c = add_case (cases, "account = bench-top");
  c->query.account_id = DD_BENCH_ACCOUNT_TOP;
  c = add_case (cases, "account + status (top, to ship)");
  c->query.account_id = DD_BENCH_ACCOUNT_TOP;
  c->query.status = DD_ORDER_STATUS_TO_SHIP;
  c = add_case (cases, "account + status, sort total asc");
  c->query.account_id = DD_BENCH_ACCOUNT_TOP;
  c->query.status = DD_ORDER_STATUS_TO_SHIP;
  c->query.sort = DD_SORT_TOTAL;
  c->query.ascending = TRUE;
  c = add_case (cases, "created in June 2024");
  c->query.from_day = julian (2024, G_DATE_JUNE, 1);
  c->query.to_day = julian (2024, G_DATE_JUNE, 30);
  c = add_case (cases, "modified in June 2024");
  c->query.date_field = DD_DATE_MODIFIED;
  c->query.from_day = julian (2024, G_DATE_JUNE, 1);
  c->query.to_day = julian (2024, G_DATE_JUNE, 30);
  c = add_case (cases, "June 2024 + status, sort buyer");
  c->query.from_day = julian (2024, G_DATE_JUNE, 1);
  c->query.to_day = julian (2024, G_DATE_JUNE, 30);
  c->query.status = DD_ORDER_STATUS_COMPLETED;
  c->query.sort = DD_SORT_BUYER;

  add_search (cases, "search title “保温杯”", "保温杯", -1);
  add_search (cases, "search title “藍牙耳機”", "藍牙耳機", -1);
  add_search (cases, "search buyer “张家豪”", "张家豪", -1);
  add_search (cases, id_name, id_fragment, -1);
  add_search (cases, "search tracking “SF1234”", "SF1234", -1);
  add_search (cases, "search 2-char name “张伟”", "张伟", -1);
  add_search (cases, "search 2-char name “陳美”", "陳美", -1);
  add_search (cases, "search 1-char surname “王”", "王", -1);
  add_search (cases, "search “保温杯” + completed", "保温杯", DD_ORDER_STATUS_COMPLETED);
  add_search (cases, "search “王” + “保温杯”", "王 保温杯", -1);
  add_search (cases, "search matching nothing", "没有这个东西", -1);

  return cases;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Columns @text takes on a terminal (CJK characters take two). */
static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *worst_name = NULL;
  int orders = 1000000;
  int runs = 9;
  double worst = 0;
  gint64 start;
  GOptionEntry entries[] = {
    { "orders", 'n', 0, G_OPTION_ARG_INT, &orders, "Orders in the cache (default 1000000)", "N" },
    { "cache", 'c', 0, G_OPTION_ARG_FILENAME, &path, "The cache file (default in $XDG_CACHE_HOME/dingdan-bench)", "PATH" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs of each query, the first a warm-up (default 9)", "R" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— time the order cache's queries");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (orders < 1 || runs < 2)
    {
      g_printerr ("--orders must be at least 1 and --runs at least 2\n");
      return 2;
    }
  if (path == NULL)
    {
      g_autofree char *name = g_strdup_printf ("orders-%d.db", orders);
      path = g_build_filename (g_get_user_cache_dir (), "dingdan-bench", name, NULL);
    }

  start = g_get_monotonic_time ();
  if (!dd_bench_fill_cache (path, (guint) orders, &error))
    {
      g_printerr ("Could not build the cache: %s\n", error->message);
      return 1;
    }
  g_printerr ("Cache ready in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  cache = dd_cache_new (path, &error);
  if (cache == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  wal = g_strconcat (path, "-wal", NULL);
  printf ("Cache: %s, %" G_GUINT64_FORMAT " orders, %.0f MB (+ %.0f MB WAL)\n", path,
          dd_cache_count_orders (cache, NULL), file_size (path) / 1048576.0,
          file_size (wal) / 1048576.0);
  printf ("%d runs each, the first not counted\n\n", runs);
  printf ("%-40s %9s %10s %10s\n", "query", "rows", "median ms", "p95 ms");

  cases = make_cases ();
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree double *times = g_new (double, runs);
      guint rows = 0;
      double median, p95;
      int n = runs - 1;

      for (int r = 0; r < runs; r++)
        {
          g_autoptr(GArray) ids = NULL;
          gint64 t0 = g_get_monotonic_time ();

          ids = dd_cache_query_row_ids (cache, &c->query, &error);
          times[r] = (g_get_monotonic_time () - t0) / 1000.0;
          if (ids == NULL)
            {
              g_printerr ("%s: %s\n", c->name, error->message);
              return 1;
            }
          rows = ids->len;
        }

      qsort (times + 1, n, sizeof (double), compare_doubles);
      median = n % 2 ? times[1 + n / 2] : (times[n / 2] + times[1 + n / 2]) / 2;
      p95 = times[1 + MIN (n - 1, (int) (0.95 * n + 0.5) - 1)];
      printf ("%s%*s %9u %10.1f %10.1f\n", c->name, MAX (0, 40 - display_width (c->name)), "",
              rows, median, p95);
      fflush (stdout);
      if (median > worst)
        {
          worst = median;
          g_free (worst_name);
          worst_name = g_strdup (c->name);
        }
    }

  printf ("\nWorst median: %.1f ms (%s); budget %.0f ms: %s\n", worst, worst_name, BUDGET_MS,
          worst <= BUDGET_MS ? "within" : "over");

  return 0;
}
