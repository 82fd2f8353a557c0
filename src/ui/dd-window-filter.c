/* dd-window-filter.c: the list's date range, sort and saved views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-date-range-button.h"
#include "dd-saved-views.h"
#include "dd-window-private.h"

/* The window's filter state (self->filter). */
typedef struct
{
  GSettings         *settings;      /* NULL when the schema is not installed */
  DdDateRangeButton *range_button;
  DdDateRange        range;
  DdSortColumn       sort;
  gboolean           ascending;
  gboolean           setting_sort;  /* the header's arrows follow the sort */
  GtkSorter         *view_sorter;   /* the column view's: whose "changed" we follow */
  GObject           *probe_items[2];
  GPtrArray         *saved;         /* (element-type DdSavedView) */
  DdSavedView       *removed;       /* the last one removed, for Undo */
} Filter;

#define FILTER(self) ((Filter *) (self)->filter)

/* Sort: the columns' sorters only draw the header's arrows (the list is
 * sorted in SQL). GTK 4.8 cannot say which column the column view sorts
 * by, so each column's sorter answers a probe: the column view's sorter
 * asks its columns in their order, primary first, until one tells the two
 * probe items apart; the first to answer is the primary column, and the
 * sign of the answer after the column view's sorter is its direction. */

static gboolean     probing;
static DdSortColumn probed_column;
static gboolean     probe_answered;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  if (!probing || probe_answered)
    return GTK_ORDERING_EQUAL;

  probe_answered = TRUE;
  probed_column = (DdSortColumn) GPOINTER_TO_UINT (user_data);

  return GTK_ORDERING_LARGER;
}

static GtkColumnViewColumn *
column_for_sort (DdWindow     *self,
                 DdSortColumn  sort)
{
  switch (sort)
    {
    case DD_SORT_CREATED:
      return self->created_column;
    case DD_SORT_ORDER_ID:
      return self->order_id_column;
    case DD_SORT_BUYER:
      return self->buyer_column;
    case DD_SORT_STATUS:
      return self->status_column;
    case DD_SORT_TOTAL:
      return self->total_column;
    case DD_SORT_PAYMENT:
      return self->payment_column;
    case DD_SORT_ACCOUNT:
      return self->account_column;
    case DD_SORT_MODIFIED:
    default:
      return NULL;
    }
}

/* The column view's primary sort column and its direction; FALSE when it
 * sorts by none. */
static gboolean
read_view_sort (Filter       *filter,
                DdSortColumn *sort,
                gboolean     *ascending)
{
  GtkOrdering ordering;

  probing = TRUE;
  probe_answered = FALSE;
  ordering = gtk_sorter_compare (filter->view_sorter, filter->probe_items[0], filter->probe_items[1]);
  probing = FALSE;

  if (!probe_answered || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  *sort = probed_column;
  *ascending = ordering == GTK_ORDERING_LARGER;

  return TRUE;
}

/* The header's arrows say the sort. */
static void
show_sort (DdWindow *self)
{
  Filter *filter = FILTER (self);

  filter->setting_sort = TRUE;
  gtk_column_view_sort_by_column (self->column_view,
                                  column_for_sort (self, filter->sort),
                                  filter->ascending ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
  filter->setting_sort = FALSE;
}

static void
save_sort (Filter *filter)
{
  if (filter->settings == NULL)
    return;

  g_settings_set_enum (filter->settings, "sort-column", filter->sort);
  g_settings_set_boolean (filter->settings, "sort-descending", !filter->ascending);
}

static void
sorter_changed_cb (GtkSorter       *sorter,
                   GtkSorterChange  change,
                   DdWindow        *self)
{
  Filter *filter = FILTER (self);
  DdSortColumn sort;
  gboolean ascending;

  if (filter->setting_sort || !read_view_sort (filter, &sort, &ascending))
    return;
  if (sort == filter->sort && ascending == filter->ascending)
    return;

  filter->sort = sort;
  filter->ascending = ascending;
  save_sort (filter);
  dd_window_update_query (self);
}

static void
setup_sorters (DdWindow *self)
{
  Filter *filter = FILTER (self);
  static const DdSortColumn sorts[] = {
    DD_SORT_ORDER_ID, DD_SORT_CREATED, DD_SORT_ACCOUNT, DD_SORT_BUYER,
    DD_SORT_STATUS, DD_SORT_TOTAL, DD_SORT_PAYMENT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autoptr(GtkCustomSorter) sorter =
        gtk_custom_sorter_new (probe_compare, GUINT_TO_POINTER (sorts[i]), NULL);

      gtk_column_view_column_set_sorter (column_for_sort (self, sorts[i]), GTK_SORTER (sorter));
    }

  filter->probe_items[0] = g_object_new (G_TYPE_OBJECT, NULL);
  filter->probe_items[1] = g_object_new (G_TYPE_OBJECT, NULL);
  filter->view_sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  g_signal_connect (filter->view_sorter, "changed", G_CALLBACK (sorter_changed_cb), self);
}

/* Date range */

static void
range_changed_cb (DdDateRangeButton *button,
                  DdWindow          *self)
{
  dd_date_range_button_get_range (button, &FILTER (self)->range);
  dd_window_update_query (self);
}

gboolean
dd_window_filter_clear_range (DdWindow *self)
{
  Filter *filter = FILTER (self);
  DdDateRange none = DD_DATE_RANGE_INIT;

  g_return_val_if_fail (DD_IS_WINDOW (self), FALSE);

  if (filter == NULL || !dd_date_range_is_set (&filter->range))
    return FALSE;

  filter->range = none;
  dd_date_range_button_set_range (filter->range_button, &filter->range);
  dd_window_update_query (self);

  return TRUE;
}

/* Saved views */

static void
show_saved_views (DdWindow *self)
{
  Filter *filter = FILTER (self);
  g_autofree const char **names = g_new0 (const char *, filter->saved->len + 1);

  for (guint i = 0; i < filter->saved->len; i++)
    names[i] = ((DdSavedView *) g_ptr_array_index (filter->saved, i))->name;
  dd_view_list_set_saved_views (self->view_list, names);
}

static void
store_saved_views (DdWindow *self)
{
  Filter *filter = FILTER (self);

  if (filter->settings != NULL)
    g_settings_set_value (filter->settings, "saved-views",
                          dd_saved_views_serialize (filter->saved));
  show_saved_views (self);
}

static void
load_saved_views (DdWindow *self)
{
  Filter *filter = FILTER (self);
  g_autoptr(GVariant) value = NULL;

  if (filter->settings == NULL)
    return;

  value = g_settings_get_value (filter->settings, "saved-views");
  g_clear_pointer (&filter->saved, g_ptr_array_unref);
  filter->saved = dd_saved_views_deserialize (value);
  show_saved_views (self);
}

/* Another window saved or removed one. */
static void
saved_views_changed_cb (GSettings  *settings,
                        const char *key,
                        DdWindow   *self)
{
  load_saved_views (self);
}

/* What the list shows now, as a view named @name. */
static DdSavedView *
current_view (DdWindow   *self,
              const char *name)
{
  Filter *filter = FILTER (self);
  DdAccount *account = dd_account_sidebar_get_selected_account (self->sidebar);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  DdSavedView *view = dd_saved_view_new (name);

  view->account_id = account != NULL ? g_strdup (dd_account_get_id (account)) : NULL;
  view->view = dd_view_list_get_view (self->view_list);
  view->search = search != NULL && search[0] != '\0' ? g_strdup (search) : NULL;
  view->range = filter->range;
  view->sort = filter->sort;
  view->ascending = filter->ascending;

  return view;
}

static void
toast_saved (DdWindow   *self,
             const char *name)
{
  /* Translators: a toast after the user saved a view; %s is its name */
  g_autofree char *title = g_strdup_printf (_("View “%s” saved"), name);

  dd_window_add_toast (self, title, NULL, NULL);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DdWindow         *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "dd-name");

  if (g_strcmp0 (response, "replace") != 0 || FILTER (self) == NULL)
    return;

  dd_saved_views_put (FILTER (self)->saved, current_view (self, name));
  store_saved_views (self);
  toast_saved (self, name);
}

static void
ask_replace (DdWindow   *self,
             const char *name)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* Translators: heading of a dialog; %s is the name of a saved view */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Replace “%s”?"), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("A saved view of this name exists already. Replacing it keeps the current filters under its name instead."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "dd-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  DdWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = dd_saved_view_normalize_name (gtk_editable_get_text (entry));

  if (g_strcmp0 (response, "save") != 0 || name == NULL || FILTER (self) == NULL)
    return;

  if (dd_saved_views_find (FILTER (self)->saved, name) >= 0)
    {
      ask_replace (self, name);
      return;
    }

  dd_saved_views_put (FILTER (self)->saved, current_view (self, name));
  store_saved_views (self);
  toast_saved (self, name);
}

/* Save only with a name. */
static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = dd_saved_view_normalize_name (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "save", name != NULL);
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (FILTER (self) == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save View"),
                                   _("The account, view, search, date range and sort shown now are kept under this name in the sidebar."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  /* Translators: placeholder of the saved view's name */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("accessible", "View name"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), dialog, 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Shows what @view keeps: its account, view, search, date range and sort. */
static void
restore_view (DdWindow          *self,
              const DdSavedView *view)
{
  Filter *filter = FILTER (self);
  DdAccount *account = NULL;

  filter->range = view->range;
  dd_date_range_button_set_range (filter->range_button, &filter->range);
  filter->sort = view->sort;
  filter->ascending = view->ascending;
  show_sort (self);
  save_sort (filter);

  if (view->account_id != NULL)
    {
      account = dd_window_lookup_account (self, view->account_id);
      if (account == NULL)
        dd_window_add_toast (self, _("The account of this view is gone: showing every account"),
                             NULL, NULL);
    }
  dd_account_sidebar_set_selected_account (self->sidebar, account);
  dd_view_list_set_view (self->view_list, view->view);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), view->search != NULL ? view->search : "");

  /* Whichever of them changed ran it already; the range and sort may not. */
  dd_window_update_query (self);
}

static void
saved_view_activated_cb (DdViewList *view_list,
                         const char *name,
                         DdWindow   *self)
{
  Filter *filter = FILTER (self);
  gint index = dd_saved_views_find (filter->saved, name);

  if (index >= 0)
    restore_view (self, g_ptr_array_index (filter->saved, index));
}

static void
saved_view_removed_cb (DdViewList *view_list,
                       const char *name,
                       DdWindow   *self)
{
  Filter *filter = FILTER (self);
  gint index = dd_saved_views_find (filter->saved, name);
  g_autofree char *title = NULL;

  if (index < 0)
    return;

  g_clear_pointer (&filter->removed, dd_saved_view_free);
  filter->removed = dd_saved_view_copy (g_ptr_array_index (filter->saved, index));
  dd_saved_views_remove (filter->saved, name);
  store_saved_views (self);

  /* Translators: a toast after the user removed a saved view; %s is its name */
  title = g_strdup_printf (_("View “%s” removed"), name);
  dd_window_add_toast (self, title, _("_Undo"), "win.undo-remove-view");
}

static void
undo_remove_view_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  Filter *filter = FILTER (self);

  if (filter == NULL || filter->removed == NULL)
    return;

  /* One saved meanwhile under its name wins. */
  if (dd_saved_views_find (filter->saved, filter->removed->name) < 0)
    dd_saved_views_put (filter->saved, g_steal_pointer (&filter->removed));
  g_clear_pointer (&filter->removed, dd_saved_view_free);
  store_saved_views (self);
}

/* The window's seams */

void
dd_window_filter_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (DD_TYPE_DATE_RANGE_BUTTON);

  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove-view", NULL, undo_remove_view_action);
}

static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "saved-views"))
    {
      g_debug ("Schema %s is not installed; the sort and saved views are not kept", APP_ID);
      return NULL;
    }

  return g_settings_new (APP_ID);
}

void
dd_window_filter_init (DdWindow *self)
{
  Filter *filter = g_new0 (Filter, 1);
  DdDateRange range = DD_DATE_RANGE_INIT;

  self->filter = filter;
  filter->range = range;
  filter->sort = DD_SORT_CREATED;
  filter->ascending = FALSE;
  filter->saved = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_saved_view_free);
  filter->settings = open_settings ();

  filter->range_button = DD_DATE_RANGE_BUTTON (dd_date_range_button_new ());
  gtk_box_append (self->filter_box, GTK_WIDGET (filter->range_button));
  g_signal_connect (filter->range_button, "changed", G_CALLBACK (range_changed_cb), self);

  if (filter->settings != NULL)
    {
      filter->sort = (DdSortColumn) g_settings_get_enum (filter->settings, "sort-column");
      filter->ascending = !g_settings_get_boolean (filter->settings, "sort-descending");
      g_signal_connect (filter->settings, "changed::saved-views",
                        G_CALLBACK (saved_views_changed_cb), self);
    }
  setup_sorters (self);
  show_sort (self);

  g_signal_connect (self->view_list, "saved-view-activated",
                    G_CALLBACK (saved_view_activated_cb), self);
  g_signal_connect (self->view_list, "saved-view-removed",
                    G_CALLBACK (saved_view_removed_cb), self);
  load_saved_views (self);

  /* The list's first query (started before the window) is newest first. */
  if (filter->sort != DD_SORT_CREATED || filter->ascending)
    dd_window_update_query (self);
}

void
dd_window_filter_dispose (DdWindow *self)
{
  Filter *filter = FILTER (self);

  if (filter == NULL)
    return;

  if (filter->view_sorter != NULL)
    g_signal_handlers_disconnect_by_data (filter->view_sorter, self);
  g_clear_object (&filter->view_sorter);
  if (filter->settings != NULL)
    g_signal_handlers_disconnect_by_data (filter->settings, self);
  g_clear_object (&filter->settings);
  if (self->view_list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->view_list, saved_view_activated_cb, self);
      g_signal_handlers_disconnect_by_func (self->view_list, saved_view_removed_cb, self);
    }
  if (filter->range_button != NULL)
    g_signal_handlers_disconnect_by_data (filter->range_button, self);
  g_clear_object (&filter->probe_items[0]);
  g_clear_object (&filter->probe_items[1]);
  g_clear_pointer (&filter->saved, g_ptr_array_unref);
  g_clear_pointer (&filter->removed, dd_saved_view_free);
  g_free (filter);
  self->filter = NULL;
}

void
dd_window_filter_apply (DdWindow *self,
                        DdQuery  *query)
{
  Filter *filter;
  guint32 from_day, to_day;

  g_return_if_fail (DD_IS_WINDOW (self));
  g_return_if_fail (query != NULL);

  filter = FILTER (self);
  if (filter == NULL)
    return;

  dd_date_range_resolve (&filter->range, dd_date_range_today (), &from_day, &to_day);
  query->date_field = filter->range.field;
  query->from_day = from_day;
  query->to_day = to_day;
  query->sort = filter->sort;
  query->ascending = filter->ascending;
}
