/* dd-saved-views.c: date ranges of the list, and saved views (named filters)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "dd-saved-views.h"

#define SAVED_VIEWS_TYPE "a(sa{sv})"

guint32
dd_date_range_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  return g_date_get_julian (&date);
}

gboolean
dd_date_range_is_set (const DdDateRange *range)
{
  g_return_val_if_fail (range != NULL, FALSE);

  if (range->preset == DD_DATE_PRESET_CUSTOM)
    return range->from_day != 0 || range->to_day != 0;

  return range->preset != DD_DATE_PRESET_NONE;
}

gboolean
dd_date_range_equal (const DdDateRange *a,
                     const DdDateRange *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  /* No range is no range, whatever time it would have filtered. */
  if (!dd_date_range_is_set (a) || !dd_date_range_is_set (b))
    return dd_date_range_is_set (a) == dd_date_range_is_set (b);

  return a->field == b->field &&
         a->preset == b->preset &&
         (a->preset != DD_DATE_PRESET_CUSTOM ||
          (a->from_day == b->from_day && a->to_day == b->to_day));
}

void
dd_date_range_resolve (const DdDateRange *range,
                       guint32            today,
                       guint32           *from_day,
                       guint32           *to_day)
{
  guint32 from = 0;
  guint32 to = 0;

  g_return_if_fail (range != NULL);

  switch (range->preset)
    {
    case DD_DATE_PRESET_TODAY:
      from = to = today;
      break;
    case DD_DATE_PRESET_LAST_7_DAYS:
      from = today > 6 ? today - 6 : 1;
      to = today;
      break;
    case DD_DATE_PRESET_LAST_30_DAYS:
      from = today > 29 ? today - 29 : 1;
      to = today;
      break;
    case DD_DATE_PRESET_CUSTOM:
      from = range->from_day;
      to = range->to_day;
      break;
    case DD_DATE_PRESET_NONE:
    default:
      break;
    }

  if (from_day != NULL)
    *from_day = from;
  if (to_day != NULL)
    *to_day = to;
}

char *
dd_julian_day_format (guint32 day)
{
  GDate date;

  if (day == 0 || !g_date_valid_julian (day))
    return g_strdup ("");

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date),
                          (guint) g_date_get_day (&date));
}

guint32
dd_julian_day_parse (const char *text)
{
  g_autofree char *stripped = NULL;
  guint year, month, day;
  char end;
  int n;
  GDate date;

  if (text == NULL)
    return 0;

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return 0;

  g_date_clear (&date, 1);
  /* ISO 8601 first, as the button writes it; then as the locale does. */
  n = sscanf (stripped, "%4u-%2u-%2u%c", &year, &month, &day, &end);
  if (n > 3)
    return 0;   /* a day with more after it */
  if (n == 3)
    {
      if (year < 1 || year > 9999 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return 0;
      g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  else
    g_date_set_parse (&date, stripped);

  return g_date_valid (&date) ? g_date_get_julian (&date) : 0;
}

char *
dd_date_range_format (const DdDateRange *range)
{
  g_autofree char *days = NULL;

  g_return_val_if_fail (range != NULL, NULL);

  if (!dd_date_range_is_set (range))
    /* Translators: the date range button when no range is chosen */
    return g_strdup (_("All Dates"));

  switch (range->preset)
    {
    case DD_DATE_PRESET_TODAY:
      days = g_strdup (C_("date range", "Today"));
      break;
    case DD_DATE_PRESET_LAST_7_DAYS:
      days = g_strdup (C_("date range", "Last 7 Days"));
      break;
    case DD_DATE_PRESET_LAST_30_DAYS:
      days = g_strdup (C_("date range", "Last 30 Days"));
      break;
    case DD_DATE_PRESET_CUSTOM:
    case DD_DATE_PRESET_NONE:
    default:
      {
        g_autofree char *from = dd_julian_day_format (range->from_day);
        g_autofree char *to = dd_julian_day_format (range->to_day);

        if (range->to_day == 0)
          /* Translators: a date range open at its end; %s is a day (2026-11-01) */
          days = g_strdup_printf (_("From %s"), from);
        else if (range->from_day == 0)
          /* Translators: a date range open at its start; %s is a day (2026-11-22) */
          days = g_strdup_printf (_("Until %s"), to);
        else if (range->from_day == range->to_day)
          days = g_strdup (from);
        else
          /* Translators: a date range, both days included; the first %s is
           * its first day, the second its last (2026-11-01 – 2026-11-22) */
          days = g_strdup_printf (_("%s – %s"), from, to);
      }
      break;
    }

  if (range->field == DD_DATE_MODIFIED)
    /* Translators: a date range of the orders' last change; %s is the
     * range ("Last 7 Days", "2026-11-01 – 2026-11-22") */
    return g_strdup_printf (_("Modified: %s"), days);

  return g_steal_pointer (&days);
}

/* Saved views */

DdSavedView *
dd_saved_view_new (const char *name)
{
  DdSavedView *view = g_new0 (DdSavedView, 1);
  DdDateRange range = DD_DATE_RANGE_INIT;

  view->name = g_strdup (name);
  view->view = DD_VIEW_ALL;
  view->range = range;
  view->sort = DD_SORT_CREATED;
  view->ascending = FALSE;

  return view;
}

DdSavedView *
dd_saved_view_copy (const DdSavedView *view)
{
  DdSavedView *copy;

  g_return_val_if_fail (view != NULL, NULL);

  copy = g_memdup2 (view, sizeof *view);
  copy->name = g_strdup (view->name);
  copy->account_id = g_strdup (view->account_id);
  copy->search = g_strdup (view->search);

  return copy;
}

void
dd_saved_view_free (DdSavedView *view)
{
  if (view == NULL)
    return;

  g_free (view->name);
  g_free (view->account_id);
  g_free (view->search);
  g_free (view);
}

char *
dd_saved_view_normalize_name (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL)
    return NULL;
  g_strstrip (normalized);
  if (normalized[0] == '\0')
    return NULL;

  return g_steal_pointer (&normalized);
}

GVariant *
dd_saved_views_serialize (GPtrArray *views)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (SAVED_VIEWS_TYPE));
  for (guint i = 0; views != NULL && i < views->len; i++)
    {
      const DdSavedView *view = g_ptr_array_index (views, i);
      GVariantBuilder fields;

      g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
      if (view->account_id != NULL)
        g_variant_builder_add (&fields, "{sv}", "account", g_variant_new_string (view->account_id));
      g_variant_builder_add (&fields, "{sv}", "view", g_variant_new_uint32 (view->view));
      if (view->search != NULL && view->search[0] != '\0')
        g_variant_builder_add (&fields, "{sv}", "search", g_variant_new_string (view->search));
      g_variant_builder_add (&fields, "{sv}", "date-field", g_variant_new_uint32 (view->range.field));
      g_variant_builder_add (&fields, "{sv}", "date-preset", g_variant_new_uint32 (view->range.preset));
      g_variant_builder_add (&fields, "{sv}", "from-day", g_variant_new_uint32 (view->range.from_day));
      g_variant_builder_add (&fields, "{sv}", "to-day", g_variant_new_uint32 (view->range.to_day));
      g_variant_builder_add (&fields, "{sv}", "sort", g_variant_new_uint32 (view->sort));
      g_variant_builder_add (&fields, "{sv}", "ascending", g_variant_new_boolean (view->ascending));
      g_variant_builder_add (&builder, "(s@a{sv})", view->name, g_variant_builder_end (&fields));
    }

  return g_variant_builder_end (&builder);
}

static guint32
lookup_uint (GVariantDict *dict,
             const char   *key,
             guint32       max,
             guint32       fallback)
{
  guint32 value;

  if (!g_variant_dict_lookup (dict, key, "u", &value) || value > max)
    return fallback;

  return value;
}

GPtrArray *
dd_saved_views_deserialize (GVariant *variant)
{
  GPtrArray *views = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_saved_view_free);
  GVariantIter iter;
  const char *name;
  GVariant *fields;

  if (variant == NULL || !g_variant_is_of_type (variant, G_VARIANT_TYPE (SAVED_VIEWS_TYPE)))
    return views;

  g_variant_iter_init (&iter, variant);
  while (g_variant_iter_loop (&iter, "(&s@a{sv})", &name, &fields))
    {
      g_autofree char *normalized = dd_saved_view_normalize_name (name);
      g_autoptr(GVariantDict) dict = NULL;
      g_autoptr(DdSavedView) view = NULL;
      gboolean ascending;
      char *text;

      if (normalized == NULL || dd_saved_views_find (views, normalized) >= 0)
        continue;

      dict = g_variant_dict_new (fields);
      view = dd_saved_view_new (normalized);
      if (g_variant_dict_lookup (dict, "account", "s", &text))
        {
          if (text[0] != '\0')
            view->account_id = text;
          else
            g_free (text);
        }
      if (g_variant_dict_lookup (dict, "search", "s", &text))
        {
          if (text[0] != '\0')
            view->search = text;
          else
            g_free (text);
        }
      view->view = (DdView) lookup_uint (dict, "view", DD_VIEW_LAST, DD_VIEW_ALL);
      view->range.field = (DdDateField) lookup_uint (dict, "date-field", DD_DATE_MODIFIED, DD_DATE_CREATED);
      view->range.preset = (DdDatePreset) lookup_uint (dict, "date-preset", DD_DATE_PRESET_LAST, DD_DATE_PRESET_NONE);
      view->range.from_day = lookup_uint (dict, "from-day", G_MAXUINT32, 0);
      view->range.to_day = lookup_uint (dict, "to-day", G_MAXUINT32, 0);
      if (view->range.from_day != 0 && !g_date_valid_julian (view->range.from_day))
        view->range.from_day = 0;
      if (view->range.to_day != 0 && !g_date_valid_julian (view->range.to_day))
        view->range.to_day = 0;
      view->sort = (DdSortColumn) lookup_uint (dict, "sort", DD_SORT_ACCOUNT, DD_SORT_CREATED);
      if (g_variant_dict_lookup (dict, "ascending", "b", &ascending))
        view->ascending = ascending;

      g_ptr_array_add (views, g_steal_pointer (&view));
    }

  return views;
}

gint
dd_saved_views_find (GPtrArray  *views,
                     const char *name)
{
  g_return_val_if_fail (views != NULL, -1);

  if (name == NULL)
    return -1;

  for (guint i = 0; i < views->len; i++)
    {
      const DdSavedView *view = g_ptr_array_index (views, i);

      if (g_strcmp0 (view->name, name) == 0)
        return (gint) i;
    }

  return -1;
}

gboolean
dd_saved_views_put (GPtrArray   *views,
                    DdSavedView *view)
{
  gint index;

  g_return_val_if_fail (views != NULL, FALSE);
  g_return_val_if_fail (view != NULL && view->name != NULL, FALSE);

  index = dd_saved_views_find (views, view->name);
  if (index < 0)
    {
      g_ptr_array_add (views, view);
      return FALSE;
    }

  dd_saved_view_free (g_ptr_array_index (views, index));
  g_ptr_array_index (views, index) = view;

  return TRUE;
}

gboolean
dd_saved_views_remove (GPtrArray  *views,
                       const char *name)
{
  gint index;

  g_return_val_if_fail (views != NULL, FALSE);

  index = dd_saved_views_find (views, name);
  if (index < 0)
    return FALSE;

  g_ptr_array_remove_index (views, (guint) index);

  return TRUE;
}
