/* dd-saved-views.h: date ranges of the list, and saved views (named filters)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-marks.h"

G_BEGIN_DECLS

/* A date range as the user chose it: a quick range is evaluated again
 * against each day (Today stays today after midnight, in a saved view too);
 * a custom one keeps its days. */
typedef enum
{
  DD_DATE_PRESET_NONE = 0,      /* every date */
  DD_DATE_PRESET_TODAY,
  DD_DATE_PRESET_LAST_7_DAYS,   /* today and the six days before */
  DD_DATE_PRESET_LAST_30_DAYS,
  DD_DATE_PRESET_CUSTOM,        /* from_day .. to_day */
} DdDatePreset;

#define DD_DATE_PRESET_LAST DD_DATE_PRESET_CUSTOM

typedef struct
{
  DdDateField  field;     /* what the range filters: creation or last change */
  DdDatePreset preset;
  guint32      from_day;  /* DD_DATE_PRESET_CUSTOM: Julian day; 0: open */
  guint32      to_day;    /* DD_DATE_PRESET_CUSTOM: Julian day, inclusive; 0: open */
} DdDateRange;

#define DD_DATE_RANGE_INIT { DD_DATE_CREATED, DD_DATE_PRESET_NONE, 0, 0 }

/* Today's Julian day in the user's time zone. */
guint32      dd_date_range_today        (void);
/* Whether @range filters anything (a custom range with both ends open
 * does not). */
gboolean     dd_date_range_is_set       (const DdDateRange *range);
gboolean     dd_date_range_equal        (const DdDateRange *a,
                                         const DdDateRange *b);
/* The days (DdQuery's from_day and to_day; 0: open) @range means when
 * today is the Julian day @today. */
void         dd_date_range_resolve      (const DdDateRange *range,
                                         guint32            today,
                                         guint32           *from_day,
                                         guint32           *to_day);
/* What the date button says: "All Dates", "Last 7 Days",
 * "Modified: 2026-11-01 – 2026-11-22" … */
char        *dd_date_range_format       (const DdDateRange *range) G_GNUC_WARN_UNUSED_RESULT;

/* A Julian day as YYYY-MM-DD; "" for 0. */
char        *dd_julian_day_format       (guint32            day) G_GNUC_WARN_UNUSED_RESULT;
/* YYYY-MM-DD (or a date as the locale writes it) as a Julian day; 0 when
 * @text is not a valid date. */
guint32      dd_julian_day_parse        (const char        *text);

/* A saved view: everything that chooses the list's rows and their order. */
typedef struct
{
  char         *name;
  char         *account_id;  /* NULL: every account */
  DdView        view;
  char         *search;      /* NULL: no search */
  DdDateRange   range;
  DdSortColumn  sort;
  gboolean      ascending;
} DdSavedView;

DdSavedView *dd_saved_view_new          (const char        *name) G_GNUC_WARN_UNUSED_RESULT;
DdSavedView *dd_saved_view_copy         (const DdSavedView *view) G_GNUC_WARN_UNUSED_RESULT;
void         dd_saved_view_free         (DdSavedView       *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSavedView, dd_saved_view_free)

/* A name as typed, without the white space around it (NFC); NULL when
 * nothing is left or it is not UTF-8. */
char        *dd_saved_view_normalize_name (const char      *text) G_GNUC_WARN_UNUSED_RESULT;

/* The GSettings form of a list of saved views (element-type DdSavedView):
 * a(sa{sv}), a name and the view's fields ("account", "view", "search",
 * "date-field", "date-preset", "from-day", "to-day", "sort", "ascending").
 * Returns a floating reference. */
GVariant    *dd_saved_views_serialize   (GPtrArray         *views);
/* Reads what _serialize() wrote; entries without a valid name, or whose
 * name came before, are skipped; unknown or ill-typed fields are left at
 * their defaults, out-of-range values too. Never NULL. */
GPtrArray   *dd_saved_views_deserialize (GVariant          *variant) G_GNUC_WARN_UNUSED_RESULT;
/* The index of the view named @name, or -1. */
gint         dd_saved_views_find        (GPtrArray         *views,
                                         const char        *name);
/* Adds @view (transfer full), replacing the one of the same name in its
 * place; TRUE when it replaced one. */
gboolean     dd_saved_views_put         (GPtrArray         *views,
                                         DdSavedView       *view);
/* Removes the view named @name; FALSE when there was none. */
gboolean     dd_saved_views_remove      (GPtrArray         *views,
                                         const char        *name);

G_END_DECLS
