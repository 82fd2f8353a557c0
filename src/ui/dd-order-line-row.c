/* dd-order-line-row.c: one line of an order in the detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-image-loader.h"
#include "dd-order-line-row.h"
#include "dd-ui-format.h"

struct _DdOrderLineRow
{
  GtkListBoxRow  parent_instance;

  DdOrderLine   *line;
  GCancellable  *picture_cancellable; /* the running load; NULL: none */

  /* Template children */
  GtkImage      *picture;
  GtkLabel      *title_label;
  GtkLabel      *sku_label;
  GtkLabel      *shipments_label;
  GtkLabel      *quantity_label;
  GtkLabel      *unit_fee_label;
};

enum {
  PROP_0,
  PROP_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdOrderLineRow, dd_order_line_row, GTK_TYPE_LIST_BOX_ROW)

/* Plain text only: server strings are never parsed as markup. */
static void
set_label (GtkLabel   *label,
           const char *text)
{
  gboolean empty = text == NULL || text[0] == '\0';
  g_autofree char *clipped = dd_ui_clip_text (empty ? NULL : text);

  gtk_label_set_text (label, clipped);
  gtk_widget_set_visible (GTK_WIDGET (label), !empty);
}

static char *
format_shipments (DdOrderLine *line)
{
  g_autoptr(GString) numbers = g_string_new (NULL);
  guint n = dd_order_line_get_n_shipments (line);

  if (n == 0)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      const DdShipment *shipment = dd_order_line_get_shipment (line, i);

      if (shipment->tracking_number == NULL || shipment->tracking_number[0] == '\0')
        continue;
      if (numbers->len > 0)
        g_string_append (numbers, ", ");
      g_string_append (numbers, shipment->tracking_number);
    }

  if (numbers->len == 0)
    /* Translators: the line has parcels, none of them with a tracking number yet */
    return g_strdup (_("No tracking number yet"));

  /* Translators: %s is one or more tracking numbers, separated by commas */
  return g_strdup_printf (_("Tracking: %s"), numbers->str);
}

/* The package icon stands in for a picture while it loads, offline or
 * when the line has none; a screen reader hears which. */
static void
show_placeholder (DdOrderLineRow *self,
                  const char     *accessible_label)
{
  gtk_image_set_from_icon_name (self->picture, "package-x-generic-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
}

static void
show_picture (DdOrderLineRow *self,
              GdkTexture     *texture)
{
  const char *title = dd_order_line_get_title (self->line);
  /* Clipped like the title's label: a 1 MB title would go over the
   * accessibility bus whole (issue H). */
  g_autofree char *clipped = dd_ui_clip_text (title);

  gtk_image_set_from_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  clipped[0] != '\0' ? clipped : _("Product picture"),
                                  -1);
}

static void
picture_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DdOrderLineRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = dd_image_loader_load_finish (DD_IMAGE_LOADER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->picture_cancellable);
  if (texture == NULL)
    {
      g_debug ("No picture for %s: %s", dd_order_line_get_image_url (self->line), error->message);
      show_placeholder (self, _("No picture"));
      return;
    }

  show_picture (self, texture);
}

static void
update_picture (DdOrderLineRow *self)
{
  DdImageLoader *loader = dd_image_loader_get_default ();
  g_autoptr(GdkTexture) texture = NULL;
  const char *url;

  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);

  url = self->line != NULL ? dd_order_line_get_image_url (self->line) : NULL;
  if (url == NULL || url[0] == '\0')
    {
      show_placeholder (self, _("No picture"));
      return;
    }

  texture = dd_image_loader_lookup (loader, url);
  if (texture != NULL)
    {
      show_picture (self, texture);
      return;
    }

  show_placeholder (self, _("Loading picture"));
  self->picture_cancellable = g_cancellable_new ();
  dd_image_loader_load_async (loader, url, self->picture_cancellable,
                              picture_loaded_cb, g_object_ref (self));
}

static void
update (DdOrderLineRow *self)
{
  g_autofree char *sku = NULL;
  g_autofree char *shipments = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *unit_fee = NULL;
  g_autofree char *unit_fee_text = NULL;

  if (self->line == NULL)
    {
      set_label (self->title_label, NULL);
      set_label (self->sku_label, NULL);
      set_label (self->shipments_label, NULL);
      set_label (self->quantity_label, NULL);
      set_label (self->unit_fee_label, NULL);
      update_picture (self);
      return;
    }

  sku = dd_order_line_format_sku_properties (self->line);
  shipments = format_shipments (self->line);
  /* Translators: how many of an item were ordered, e.g. "× 2" */
  quantity = g_strdup_printf (_("× %u"), dd_order_line_get_quantity (self->line));
  unit_fee = dd_ui_format_money (dd_order_line_get_unit_fee (self->line));
  if (unit_fee[0] != '\0')
    /* Translators: %s is the price of one item, e.g. "NT$10.00 each" */
    unit_fee_text = g_strdup_printf (_("%s each"), unit_fee);

  set_label (self->title_label, dd_order_line_get_title (self->line));
  set_label (self->sku_label, sku);
  set_label (self->shipments_label, shipments);
  set_label (self->quantity_label, quantity);
  set_label (self->unit_fee_label, unit_fee_text);
  update_picture (self);
}

static void
dd_order_line_row_dispose (GObject *object)
{
  DdOrderLineRow *self = DD_ORDER_LINE_ROW (object);

  g_cancellable_cancel (self->picture_cancellable);
  g_clear_object (&self->picture_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_ORDER_LINE_ROW);
  g_clear_object (&self->line);

  G_OBJECT_CLASS (dd_order_line_row_parent_class)->dispose (object);
}

static void
dd_order_line_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DdOrderLineRow *self = DD_ORDER_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_object (value, self->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_line_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DdOrderLineRow *self = DD_ORDER_LINE_ROW (object);

  switch (prop_id)
    {
    case PROP_LINE:
      dd_order_line_row_set_line (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_line_row_class_init (DdOrderLineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_order_line_row_dispose;
  object_class->get_property = dd_order_line_row_get_property;
  object_class->set_property = dd_order_line_row_set_property;

  properties[PROP_LINE] =
    g_param_spec_object ("line", NULL, NULL,
                         DD_TYPE_ORDER_LINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-order-line-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DdOrderLineRow, picture);
  gtk_widget_class_bind_template_child (widget_class, DdOrderLineRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderLineRow, sku_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderLineRow, shipments_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderLineRow, quantity_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderLineRow, unit_fee_label);
}

static void
dd_order_line_row_init (DdOrderLineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
dd_order_line_row_new (DdOrderLine *line)
{
  g_return_val_if_fail (line == NULL || DD_IS_ORDER_LINE (line), NULL);

  return g_object_new (DD_TYPE_ORDER_LINE_ROW, "line", line, NULL);
}

DdOrderLine *
dd_order_line_row_get_line (DdOrderLineRow *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE_ROW (self), NULL);

  return self->line;
}

void
dd_order_line_row_set_line (DdOrderLineRow *self,
                            DdOrderLine    *line)
{
  g_return_if_fail (DD_IS_ORDER_LINE_ROW (self));
  g_return_if_fail (line == NULL || DD_IS_ORDER_LINE (line));

  if (!g_set_object (&self->line, line))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE]);
}
