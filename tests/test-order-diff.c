/* test-order-diff.c: the items-changed runs between two results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-order-diff.h"

static GArray *
ids (const gint64 *values,
     guint         n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (array, values, n);
  return array;
}

static const DdOrderRun *
run_at (GArray *runs,
        guint   index)
{
  g_assert_cmpuint (index, <, runs->len);
  return &g_array_index (runs, DdOrderRun, index);
}

/* Rows arriving at the head, one leaving the middle, one changed in place. */
static void
test_diff_simple (void)
{
  static const gint64 old_values[] = { 10, 9, 8, 7, 6, 5 };
  static const gint64 new_values[] = { 12, 11, 10, 9, 7, 6, 5 };
  static const gint64 changed_values[] = { 6 };
  g_autoptr(GArray) old = ids (old_values, G_N_ELEMENTS (old_values));
  g_autoptr(GArray) new_ids = ids (new_values, G_N_ELEMENTS (new_values));
  g_autoptr(GArray) changed = ids (changed_values, G_N_ELEMENTS (changed_values));
  g_autoptr(GArray) runs = dd_order_diff (old, new_ids, changed, 100);

  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpuint (run_at (runs, 0)->position, ==, 0);
  g_assert_cmpuint (run_at (runs, 0)->removed, ==, 0);
  g_assert_cmpuint (run_at (runs, 0)->added, ==, 2);
  g_assert_cmpuint (run_at (runs, 1)->position, ==, 4);
  g_assert_cmpuint (run_at (runs, 1)->removed, ==, 1);
  g_assert_cmpuint (run_at (runs, 1)->added, ==, 0);
  g_assert_cmpuint (run_at (runs, 2)->position, ==, 5);
  g_assert_cmpuint (run_at (runs, 2)->removed, ==, 1);
  g_assert_cmpuint (run_at (runs, 2)->added, ==, 1);
}

/* Nothing in common, or too many runs: one replacement. */
static void
test_diff_replace (void)
{
  static const gint64 old_values[] = { 1, 2, 3, 4, 5, 6 };
  static const gint64 swapped[] = { 2, 1, 4, 3, 6, 5 };
  static const gint64 other[] = { 7, 8 };
  g_autoptr(GArray) old = ids (old_values, G_N_ELEMENTS (old_values));
  g_autoptr(GArray) pairs = ids (swapped, G_N_ELEMENTS (swapped));
  g_autoptr(GArray) disjoint = ids (other, G_N_ELEMENTS (other));
  g_autoptr(GArray) runs = NULL;

  /* Every other row stays: one insertion, two swaps, one removal. */
  runs = dd_order_diff (old, pairs, NULL, 100);
  g_assert_cmpuint (runs->len, ==, 4);
  g_clear_pointer (&runs, g_array_unref);

  runs = dd_order_diff (old, pairs, NULL, 2);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpuint (run_at (runs, 0)->position, ==, 0);
  g_assert_cmpuint (run_at (runs, 0)->removed, ==, 6);
  g_assert_cmpuint (run_at (runs, 0)->added, ==, 6);
  g_assert_cmpuint (run_at (runs, 0)->old_end, ==, 6);
  g_clear_pointer (&runs, g_array_unref);

  runs = dd_order_diff (old, disjoint, NULL, 100);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpuint (run_at (runs, 0)->removed, ==, 6);
  g_assert_cmpuint (run_at (runs, 0)->added, ==, 2);
}

/* dd_order_diff() alone, on random edits: replaying its runs gives the new
 * array; rows kept in order are never removed. */
static void
test_diff_random (void)
{
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GArray) old = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) runs = NULL;
      g_autoptr(GArray) replay = NULL;
      guint n_old = g_test_rand_int_range (0, 300);
      guint max_runs = round % 3 == 0 ? 4 : 1000;
      gint64 next = 1;
      guint n_emitted = 0;

      for (guint i = 0; i < n_old; i++, next++)
        g_array_append_val (old, next);
      for (guint i = 0; i < n_old; i++)
        {
          gint64 row = g_array_index (old, gint64, i);
          gint op = g_test_rand_int_range (0, 10);

          if (op == 0)
            continue;                                  /* removed */
          if (op == 1)
            {
              g_array_append_val (new_ids, next);      /* inserted before it */
              next++;
            }
          if (op == 2)
            g_array_append_val (changed, row);
          g_array_append_val (new_ids, row);
        }
      /* A few moves. */
      for (guint m = 0; new_ids->len > 1 && m < 3; m++)
        {
          guint from = g_test_rand_int_range (0, new_ids->len);
          guint to = g_test_rand_int_range (0, new_ids->len);
          gint64 row = g_array_index (new_ids, gint64, from);

          g_array_remove_index (new_ids, from);
          g_array_insert_val (new_ids, MIN (to, new_ids->len), row);
        }

      runs = dd_order_diff (old, new_ids, changed, max_runs);
      g_assert_cmpuint (runs->len, <=, max_runs);
      replay = g_array_copy (old);
      for (guint r = 0; r < runs->len; r++)
        {
          const DdOrderRun *run = &g_array_index (runs, DdOrderRun, r);

          g_assert_cmpuint (run->position + run->removed, <=, replay->len);
          g_array_remove_range (replay, run->position, run->removed);
          g_array_insert_vals (replay, run->position,
                               &g_array_index (new_ids, gint64, run->position), run->added);
          /* What the list shows meanwhile: new[0, pos + added) and old[old_end, …). */
          g_assert_cmpuint (replay->len, ==, run->position + run->added + (old->len - run->old_end));
          if (run->old_end < old->len)
            g_assert_cmpint (g_array_index (replay, gint64, run->position + run->added), ==,
                             g_array_index (old, gint64, run->old_end));
          n_emitted += run->added;
        }
      g_assert_cmpuint (replay->len, ==, new_ids->len);
      g_assert_cmpmem (replay->data, replay->len * sizeof (gint64),
                       new_ids->data, new_ids->len * sizeof (gint64));
      (void) n_emitted;
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/order-diff/simple", test_diff_simple);
  g_test_add_func ("/dingdan/order-diff/replace", test_diff_replace);
  g_test_add_func ("/dingdan/order-diff/random", test_diff_random);

  return g_test_run ();
}
