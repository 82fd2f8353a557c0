/* test-saved-views.c: date ranges and saved views (dd-saved-views.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-saved-views.h"

static guint32
julian (guint year,
        guint month,
        guint day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_get_julian (&date);
}

static void
test_day_parse_format (void)
{
  g_autofree char *text = NULL;

  g_assert_cmpuint (dd_julian_day_parse ("2026-11-22"), ==, julian (2026, 11, 22));
  g_assert_cmpuint (dd_julian_day_parse ("  2024-02-29 "), ==, julian (2024, 2, 29));
  g_assert_cmpuint (dd_julian_day_parse ("2026-02-29"), ==, 0);   /* not a leap year */
  g_assert_cmpuint (dd_julian_day_parse ("2026-13-01"), ==, 0);
  g_assert_cmpuint (dd_julian_day_parse ("2026-11-22x"), ==, 0);
  g_assert_cmpuint (dd_julian_day_parse (""), ==, 0);
  g_assert_cmpuint (dd_julian_day_parse (NULL), ==, 0);
  g_assert_cmpuint (dd_julian_day_parse ("banana"), ==, 0);

  text = dd_julian_day_format (julian (2026, 1, 5));
  g_assert_cmpstr (text, ==, "2026-01-05");
  g_free (text);
  text = dd_julian_day_format (0);
  g_assert_cmpstr (text, ==, "");
}

static void
test_range_resolve (void)
{
  guint32 today = julian (2026, 11, 22);
  DdDateRange range = DD_DATE_RANGE_INIT;
  guint32 from, to;

  dd_date_range_resolve (&range, today, &from, &to);
  g_assert_cmpuint (from, ==, 0);
  g_assert_cmpuint (to, ==, 0);
  g_assert_false (dd_date_range_is_set (&range));

  range.preset = DD_DATE_PRESET_TODAY;
  dd_date_range_resolve (&range, today, &from, &to);
  g_assert_cmpuint (from, ==, today);
  g_assert_cmpuint (to, ==, today);

  /* Seven days, today included. */
  range.preset = DD_DATE_PRESET_LAST_7_DAYS;
  dd_date_range_resolve (&range, today, &from, &to);
  g_assert_cmpuint (from, ==, julian (2026, 11, 16));
  g_assert_cmpuint (to, ==, today);

  range.preset = DD_DATE_PRESET_LAST_30_DAYS;
  dd_date_range_resolve (&range, today, &from, &to);
  g_assert_cmpuint (from, ==, julian (2026, 10, 24));
  g_assert_cmpuint (to, ==, today);

  /* A custom range keeps its days whatever today is. */
  range.preset = DD_DATE_PRESET_CUSTOM;
  range.from_day = julian (2026, 11, 1);
  range.to_day = 0;
  dd_date_range_resolve (&range, today + 40, &from, &to);
  g_assert_cmpuint (from, ==, julian (2026, 11, 1));
  g_assert_cmpuint (to, ==, 0);
  g_assert_true (dd_date_range_is_set (&range));

  range.from_day = 0;
  g_assert_false (dd_date_range_is_set (&range));
}

static void
test_range_equal (void)
{
  DdDateRange a = DD_DATE_RANGE_INIT;
  DdDateRange b = DD_DATE_RANGE_INIT;

  /* No range filters nothing, by creation or by modification. */
  b.field = DD_DATE_MODIFIED;
  g_assert_true (dd_date_range_equal (&a, &b));

  a.preset = b.preset = DD_DATE_PRESET_LAST_7_DAYS;
  g_assert_false (dd_date_range_equal (&a, &b));
  b.field = DD_DATE_CREATED;
  g_assert_true (dd_date_range_equal (&a, &b));

  a.preset = b.preset = DD_DATE_PRESET_CUSTOM;
  a.from_day = b.from_day = julian (2026, 11, 1);
  a.to_day = julian (2026, 11, 2);
  g_assert_false (dd_date_range_equal (&a, &b));
  b.to_day = a.to_day;
  g_assert_true (dd_date_range_equal (&a, &b));
}

static void
test_range_format (void)
{
  DdDateRange range = DD_DATE_RANGE_INIT;
  g_autofree char *text = NULL;

  text = dd_date_range_format (&range);
  g_assert_cmpstr (text, ==, "All Dates");
  g_free (text);

  range.preset = DD_DATE_PRESET_LAST_7_DAYS;
  text = dd_date_range_format (&range);
  g_assert_cmpstr (text, ==, "Last 7 Days");
  g_free (text);

  range.field = DD_DATE_MODIFIED;
  range.preset = DD_DATE_PRESET_CUSTOM;
  range.from_day = julian (2026, 11, 1);
  range.to_day = julian (2026, 11, 22);
  text = dd_date_range_format (&range);
  g_assert_cmpstr (text, ==, "Modified: 2026-11-01 – 2026-11-22");
  g_free (text);

  range.field = DD_DATE_CREATED;
  range.to_day = 0;
  text = dd_date_range_format (&range);
  g_assert_cmpstr (text, ==, "From 2026-11-01");
  g_free (text);

  range.to_day = range.from_day;
  text = dd_date_range_format (&range);
  g_assert_cmpstr (text, ==, "2026-11-01");
}

static void
test_normalize_name (void)
{
  g_autofree char *name = dd_saved_view_normalize_name ("  Big unpaid \n");
  g_autofree char *composed = dd_saved_view_normalize_name ("Cafe\xcc\x81");

  g_assert_cmpstr (name, ==, "Big unpaid");
  /* The same name typed composed or not is one name. */
  g_assert_cmpstr (composed, ==, "Caf\xc3\xa9");
  g_assert_null (dd_saved_view_normalize_name ("   "));
  g_assert_null (dd_saved_view_normalize_name (""));
  g_assert_null (dd_saved_view_normalize_name (NULL));
  g_assert_null (dd_saved_view_normalize_name ("\xff\xfe"));
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_saved_view_free);
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GVariant) variant = NULL;
  DdSavedView *view;
  const DdSavedView *back;

  view = dd_saved_view_new ("Big unpaid");
  view->account_id = g_strdup ("tw-1");
  view->view = DD_VIEW_UNPAID;
  view->search = g_strdup ("王 保温杯");
  view->range.field = DD_DATE_MODIFIED;
  view->range.preset = DD_DATE_PRESET_CUSTOM;
  view->range.from_day = julian (2026, 11, 1);
  view->range.to_day = julian (2026, 11, 22);
  view->sort = DD_SORT_TOTAL;
  view->ascending = TRUE;
  g_ptr_array_add (views, view);
  g_ptr_array_add (views, dd_saved_view_new ("全部"));

  variant = g_variant_ref_sink (dd_saved_views_serialize (views));
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE ("a(sa{sv})")));
  read = dd_saved_views_deserialize (variant);

  g_assert_cmpuint (read->len, ==, 2);
  back = g_ptr_array_index (read, 0);
  g_assert_cmpstr (back->name, ==, "Big unpaid");
  g_assert_cmpstr (back->account_id, ==, "tw-1");
  g_assert_cmpint (back->view, ==, DD_VIEW_UNPAID);
  g_assert_cmpstr (back->search, ==, "王 保温杯");
  g_assert_cmpint (back->range.field, ==, DD_DATE_MODIFIED);
  g_assert_cmpint (back->range.preset, ==, DD_DATE_PRESET_CUSTOM);
  g_assert_cmpuint (back->range.from_day, ==, julian (2026, 11, 1));
  g_assert_cmpuint (back->range.to_day, ==, julian (2026, 11, 22));
  g_assert_cmpint (back->sort, ==, DD_SORT_TOTAL);
  g_assert_true (back->ascending);

  back = g_ptr_array_index (read, 1);
  g_assert_cmpstr (back->name, ==, "全部");
  g_assert_null (back->account_id);
  g_assert_null (back->search);
  g_assert_cmpint (back->view, ==, DD_VIEW_ALL);
  g_assert_cmpint (back->range.preset, ==, DD_DATE_PRESET_NONE);
  g_assert_cmpint (back->sort, ==, DD_SORT_CREATED);
  g_assert_false (back->ascending);
}

static void
test_deserialize_bad (void)
{
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GPtrArray) wrong = NULL;
  g_autoptr(GVariant) variant = NULL;
  const DdSavedView *view;

  /* An empty name, a duplicate, out-of-range and ill-typed fields. */
  variant = g_variant_ref_sink (g_variant_new_parsed (
    "[('  ', @a{sv} {}),"
    " ('A', {'view': <uint32 99>, 'sort': <uint32 5>, 'date-preset': <uint32 42>,"
    "        'ascending': <'yes'>, 'from-day': <uint32 0>, 'account': <''>}),"
    " (' A ', {'view': <uint32 2>}),"
    " ('B', {'view': <'unpaid'>, 'date-field': <uint32 1>, 'date-preset': <uint32 2>})]"));
  read = dd_saved_views_deserialize (variant);

  g_assert_cmpuint (read->len, ==, 2);
  view = g_ptr_array_index (read, 0);
  g_assert_cmpstr (view->name, ==, "A");
  g_assert_cmpint (view->view, ==, DD_VIEW_ALL);
  g_assert_cmpint (view->sort, ==, DD_SORT_TOTAL);
  g_assert_cmpint (view->range.preset, ==, DD_DATE_PRESET_NONE);
  g_assert_false (view->ascending);
  g_assert_null (view->account_id);
  view = g_ptr_array_index (read, 1);
  g_assert_cmpstr (view->name, ==, "B");
  g_assert_cmpint (view->view, ==, DD_VIEW_ALL);
  g_assert_cmpint (view->range.field, ==, DD_DATE_MODIFIED);
  g_assert_cmpint (view->range.preset, ==, DD_DATE_PRESET_LAST_7_DAYS);

  /* Not a list of saved views at all. */
  wrong = dd_saved_views_deserialize (g_variant_new_string ("x"));
  g_assert_cmpuint (wrong->len, ==, 0);
}

static void
test_put_find_remove (void)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_saved_view_free);
  DdSavedView *view;

  g_assert_false (dd_saved_views_put (views, dd_saved_view_new ("One")));
  g_assert_false (dd_saved_views_put (views, dd_saved_view_new ("Two")));
  g_assert_cmpint (dd_saved_views_find (views, "Two"), ==, 1);
  g_assert_cmpint (dd_saved_views_find (views, "two"), ==, -1);
  g_assert_cmpint (dd_saved_views_find (views, NULL), ==, -1);

  /* Replacing keeps the place. */
  view = dd_saved_view_new ("One");
  view->view = DD_VIEW_SHIPPED;
  g_assert_true (dd_saved_views_put (views, view));
  g_assert_cmpuint (views->len, ==, 2);
  g_assert_cmpint (dd_saved_views_find (views, "One"), ==, 0);
  g_assert_cmpint (((DdSavedView *) g_ptr_array_index (views, 0))->view, ==, DD_VIEW_SHIPPED);

  g_assert_true (dd_saved_views_remove (views, "One"));
  g_assert_false (dd_saved_views_remove (views, "One"));
  g_assert_cmpuint (views->len, ==, 1);
  g_assert_cmpint (dd_saved_views_find (views, "Two"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/saved-views/day-parse-format", test_day_parse_format);
  g_test_add_func ("/dingdan/saved-views/range-resolve", test_range_resolve);
  g_test_add_func ("/dingdan/saved-views/range-equal", test_range_equal);
  g_test_add_func ("/dingdan/saved-views/range-format", test_range_format);
  g_test_add_func ("/dingdan/saved-views/normalize-name", test_normalize_name);
  g_test_add_func ("/dingdan/saved-views/round-trip", test_round_trip);
  g_test_add_func ("/dingdan/saved-views/deserialize-bad", test_deserialize_bad);
  g_test_add_func ("/dingdan/saved-views/put-find-remove", test_put_find_remove);

  return g_test_run ();
}
