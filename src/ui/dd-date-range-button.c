/* dd-date-range-button.c: the header bar's date range of the order list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-date-range-button.h"

struct _DdDateRangeButton
{
  GtkWidget        parent_instance;

  /* Template children */
  GtkMenuButton   *menu_button;
  GtkLabel        *button_label;
  GtkPopover      *popover;
  GtkToggleButton *created_button;
  GtkToggleButton *modified_button;
  GtkButton       *today_button;
  GtkButton       *last_7_days_button;
  GtkButton       *last_30_days_button;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;

  DdDateRange      range;
  gboolean         syncing;   /* the popover's fields follow the range */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DdDateRangeButton, dd_date_range_button, GTK_TYPE_WIDGET)

static void
update_label (DdDateRangeButton *self)
{
  g_autofree char *text = dd_date_range_format (&self->range);

  gtk_label_set_text (self->button_label, text);
  /* A screen reader reads "Date Range, Last 7 Days". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("accessible", "Date Range"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  if (dd_date_range_is_set (&self->range))
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "accent");
}

static void
set_entry_valid (GtkEntry *entry,
                 gboolean  valid)
{
  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
}

/* The popover's fields say the range (a quick range as its days). */
static void
sync_fields (DdDateRangeButton *self)
{
  guint32 from_day, to_day;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  dd_date_range_resolve (&self->range, dd_date_range_today (), &from_day, &to_day);
  from = dd_julian_day_format (from_day);
  to = dd_julian_day_format (to_day);

  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->modified_button, self->range.field == DD_DATE_MODIFIED);
  gtk_toggle_button_set_active (self->created_button, self->range.field != DD_DATE_MODIFIED);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  set_entry_valid (self->from_entry, TRUE);
  set_entry_valid (self->to_entry, TRUE);
  self->syncing = FALSE;
}

/* The user chose @range. */
static void
choose (DdDateRangeButton *self,
        const DdDateRange *range)
{
  gboolean changed = !dd_date_range_equal (&self->range, range) ||
                     self->range.field != range->field;

  self->range = *range;
  update_label (self);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
popover_show_cb (DdDateRangeButton *self)
{
  sync_fields (self);
}

static void
field_toggled_cb (DdDateRangeButton *self,
                  GtkToggleButton   *button)
{
  DdDateRange range = self->range;

  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;

  range.field = button == self->modified_button ? DD_DATE_MODIFIED : DD_DATE_CREATED;
  choose (self, &range);
}

static void
preset_clicked_cb (DdDateRangeButton *self,
                   GtkButton         *button)
{
  DdDateRange range = self->range;

  if (button == self->today_button)
    range.preset = DD_DATE_PRESET_TODAY;
  else if (button == self->last_7_days_button)
    range.preset = DD_DATE_PRESET_LAST_7_DAYS;
  else
    range.preset = DD_DATE_PRESET_LAST_30_DAYS;
  range.from_day = range.to_day = 0;

  choose (self, &range);
  sync_fields (self);
  gtk_popover_popdown (self->popover);
}

/* The day typed in @entry: 0 when it is empty (an open end); FALSE when it
 * is not a day. */
static gboolean
read_entry (GtkEntry *entry,
            guint32  *day)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  *day = 0;
  if (text[0] == '\0')
    return TRUE;

  *day = dd_julian_day_parse (text);
  set_entry_valid (entry, *day != 0);

  return *day != 0;
}

static void
apply_clicked_cb (DdDateRangeButton *self)
{
  DdDateRange range = self->range;
  guint32 from_day, to_day;
  gboolean from_valid = read_entry (self->from_entry, &from_day);
  gboolean to_valid = read_entry (self->to_entry, &to_day);

  if (!from_valid || !to_valid)
    {
      gtk_widget_grab_focus (GTK_WIDGET (from_valid ? self->to_entry : self->from_entry));
      return;
    }

  /* Days typed the wrong way round mean the same days. */
  if (from_day != 0 && to_day != 0 && from_day > to_day)
    {
      guint32 day = from_day;

      from_day = to_day;
      to_day = day;
    }

  range.preset = from_day != 0 || to_day != 0 ? DD_DATE_PRESET_CUSTOM : DD_DATE_PRESET_NONE;
  range.from_day = from_day;
  range.to_day = to_day;

  choose (self, &range);
  sync_fields (self);
  gtk_popover_popdown (self->popover);
}

static void
clear_clicked_cb (DdDateRangeButton *self)
{
  DdDateRange range = self->range;

  range.preset = DD_DATE_PRESET_NONE;
  range.from_day = range.to_day = 0;

  choose (self, &range);
  sync_fields (self);
  gtk_popover_popdown (self->popover);
}

static void
entry_changed_cb (DdDateRangeButton *self,
                  GtkEditable       *entry)
{
  if (!self->syncing)
    set_entry_valid (GTK_ENTRY (entry), TRUE);
}

void
dd_date_range_button_get_range (DdDateRangeButton *self,
                                DdDateRange       *range)
{
  g_return_if_fail (DD_IS_DATE_RANGE_BUTTON (self));
  g_return_if_fail (range != NULL);

  *range = self->range;
}

void
dd_date_range_button_set_range (DdDateRangeButton *self,
                                const DdDateRange *range)
{
  g_return_if_fail (DD_IS_DATE_RANGE_BUTTON (self));
  g_return_if_fail (range != NULL);

  self->range = *range;
  update_label (self);
  sync_fields (self);
}

static void
dd_date_range_button_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_DATE_RANGE_BUTTON);

  G_OBJECT_CLASS (dd_date_range_button_parent_class)->dispose (object);
}

static void
dd_date_range_button_class_init (DdDateRangeButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_date_range_button_dispose;

  /* The user chose another range (or the time it filters). */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-date-range-button.ui");
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, button_label);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, popover);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, created_button);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, modified_button);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, today_button);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, last_7_days_button);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, last_30_days_button);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, from_entry);
  gtk_widget_class_bind_template_child (widget_class, DdDateRangeButton, to_entry);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_date_range_button_init (DdDateRangeButton *self)
{
  DdDateRange range = DD_DATE_RANGE_INIT;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->range = range;
  update_label (self);
}

GtkWidget *
dd_date_range_button_new (void)
{
  return g_object_new (DD_TYPE_DATE_RANGE_BUTTON, NULL);
}
