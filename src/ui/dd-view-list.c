/* dd-view-list.c: the list's views (All, Unpaid …) with their live counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-view-list.h"

#define N_VIEWS (DD_VIEW_LAST + 1)

struct _DdViewList
{
  GtkWidget    parent_instance;

  /* Template children */
  GtkListBox  *list_box;
  GtkWidget   *saved_heading;
  GtkListBox  *saved_list;

  GtkWidget   *rows[N_VIEWS];
  GtkLabel    *count_labels[N_VIEWS];
  DdView       view;
  gboolean     selecting;   /* the row is selected from set_view() */
};

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED_VIEW_ACTIVATED,
  SAVED_VIEW_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The saved view a row or its remove button stands for. */
#define SAVED_VIEW_NAME_KEY "dd-saved-view-name"

G_DEFINE_FINAL_TYPE (DdViewList, dd_view_list, GTK_TYPE_WIDGET)

static void
row_selected_cb (DdViewList    *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list_box)
{
  if (row == NULL || self->selecting)
    return;

  dd_view_list_set_view (self, (DdView) gtk_list_box_row_get_index (row));
}

static GtkWidget *
make_row (DdViewList *self,
          DdView      view)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (dd_view_get_label (view));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (count), 1.0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* A screen reader reads "Unpaid, 12 orders": the name, then the count. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dd_view_get_label (view),
                                  -1);

  self->count_labels[view] = GTK_LABEL (count);

  return row;
}

static void
saved_row_activated_cb (DdViewList    *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list_box)
{
  const char *name = g_object_get_data (G_OBJECT (row), SAVED_VIEW_NAME_KEY);

  if (name != NULL)
    g_signal_emit (self, signals[SAVED_VIEW_ACTIVATED], 0, name);
}

static void
remove_clicked_cb (GtkButton  *button,
                   DdViewList *self)
{
  /* The row may go while the signal runs. */
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (button), SAVED_VIEW_NAME_KEY));

  if (name != NULL)
    g_signal_emit (self, signals[SAVED_VIEW_REMOVED], 0, name);
}

static GtkWidget *
make_saved_row (DdViewList *self,
                const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  g_autofree char *remove_label = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Translators: button beside a saved view; %s is the view's name */
  remove_label = g_strdup_printf (_("Remove “%s”"), name);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), SAVED_VIEW_NAME_KEY, g_strdup (name), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), SAVED_VIEW_NAME_KEY, g_strdup (name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);

  return row;
}

void
dd_view_list_set_saved_views (DdViewList         *self,
                              const char * const *names)
{
  GtkWidget *child;
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  g_return_if_fail (DD_IS_VIEW_LIST (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);

  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->saved_list, make_saved_row (self, names[i]));

  gtk_widget_set_visible (self->saved_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_list), n > 0);
}

DdView
dd_view_list_get_view (DdViewList *self)
{
  g_return_val_if_fail (DD_IS_VIEW_LIST (self), DD_VIEW_ALL);

  return self->view;
}

void
dd_view_list_set_view (DdViewList *self,
                       DdView      view)
{
  g_return_if_fail (DD_IS_VIEW_LIST (self));
  g_return_if_fail ((guint) view <= DD_VIEW_LAST);

  if (gtk_list_box_get_selected_row (self->list_box) != GTK_LIST_BOX_ROW (self->rows[view]))
    {
      self->selecting = TRUE;
      gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->rows[view]));
      self->selecting = FALSE;
    }

  if (self->view == view)
    return;

  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

void
dd_view_list_set_counts (DdViewList         *self,
                         const DdViewCounts *counts)
{
  g_return_if_fail (DD_IS_VIEW_LIST (self));

  for (guint view = 0; view < N_VIEWS; view++)
    {
      g_autofree char *text = NULL;
      g_autofree char *description = NULL;

      if (counts != NULL)
        {
          guint64 n = dd_view_counts_get (counts, (DdView) view);

          /* The locale's digit grouping: 1,234,567. */
          text = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
          /* Translators: the number of orders of a view, read by a screen
           * reader after the view's name ("Unpaid, 12 orders"); %s is the
           * number, with the locale's digit grouping */
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders",
                                                      n > G_MAXULONG ? G_MAXULONG : (gulong) n),
                                         text);
        }

      gtk_label_set_text (self->count_labels[view], text != NULL ? text : "");
      if (description != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[view]),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self->rows[view]),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
dd_view_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DD_TYPE_VIEW_LIST);

  G_OBJECT_CLASS (dd_view_list_parent_class)->dispose (object);
}

static void
dd_view_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DdViewList *self = DD_VIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_uint (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_view_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DdViewList *self = DD_VIEW_LIST (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      dd_view_list_set_view (self, (DdView) g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_view_list_class_init (DdViewListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_view_list_dispose;
  object_class->get_property = dd_view_list_get_property;
  object_class->set_property = dd_view_list_set_property;

  /* A DdView (there is no enum GType for it). */
  properties[PROP_VIEW] =
    g_param_spec_uint ("view", NULL, NULL,
                       0, DD_VIEW_LAST, DD_VIEW_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A saved view was activated; its name. */
  signals[SAVED_VIEW_ACTIVATED] =
    g_signal_new ("saved-view-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A saved view's remove button was clicked; its name. */
  signals[SAVED_VIEW_REMOVED] =
    g_signal_new ("saved-view-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-view-list.ui");
  gtk_widget_class_bind_template_child (widget_class, DdViewList, list_box);
  gtk_widget_class_bind_template_child (widget_class, DdViewList, saved_heading);
  gtk_widget_class_bind_template_child (widget_class, DdViewList, saved_list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, saved_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dd_view_list_init (DdViewList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint view = 0; view < N_VIEWS; view++)
    {
      self->rows[view] = make_row (self, (DdView) view);
      gtk_list_box_append (self->list_box, self->rows[view]);
    }

  self->view = DD_VIEW_ALL;
  self->selecting = TRUE;
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->rows[DD_VIEW_ALL]));
  self->selecting = FALSE;
}

GtkWidget *
dd_view_list_new (void)
{
  return g_object_new (DD_TYPE_VIEW_LIST, NULL);
}
