/* dd-order-line.c: one line (sub-order) of an order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-order-line.h"

struct _DdOrderLine
{
  GObject  parent_instance;

  char    *line_id;
  char    *order_id;
  char    *title;
  char    *sku_id;
  char    *product_id;
  char    *image_url;
  char    *detail_url;
  char    *raw_status;
  guint    quantity;

  DdMoney  unit_fee;
  DdMoney  actual_fee;

  GArray  *sku_properties; /* of DdSkuProperty, owned */
  GArray  *shipments;      /* of DdShipment, owned */
};

G_DEFINE_FINAL_TYPE (DdOrderLine, dd_order_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINE_ID,
  PROP_ORDER_ID,
  PROP_TITLE,
  PROP_SKU_ID,
  PROP_PRODUCT_ID,
  PROP_IMAGE_URL,
  PROP_DETAIL_URL,
  PROP_RAW_STATUS,
  PROP_QUANTITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sku_property_clear (gpointer data)
{
  DdSkuProperty *prop = data;

  g_clear_pointer (&prop->name, g_free);
  g_clear_pointer (&prop->value, g_free);
}

static void
shipment_clear (gpointer data)
{
  DdShipment *shipment = data;

  g_clear_pointer (&shipment->order_no, g_free);
  g_clear_pointer (&shipment->tracking_number, g_free);
  g_clear_pointer (&shipment->logistics_id, g_free);
}

/* Sets a string field and notifies when it changed. */
static void
set_string (DdOrderLine  *self,
            char        **field,
            const char   *value,
            guint         prop_id)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return;

  /* Copy first: @value may point into the old string. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static char **
string_field (DdOrderLine *self,
              guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_LINE_ID:    return &self->line_id;
    case PROP_ORDER_ID:   return &self->order_id;
    case PROP_TITLE:      return &self->title;
    case PROP_SKU_ID:     return &self->sku_id;
    case PROP_PRODUCT_ID: return &self->product_id;
    case PROP_IMAGE_URL:  return &self->image_url;
    case PROP_DETAIL_URL: return &self->detail_url;
    case PROP_RAW_STATUS: return &self->raw_status;
    default:              return NULL;
    }
}

static void
dd_order_line_finalize (GObject *object)
{
  DdOrderLine *self = DD_ORDER_LINE (object);

  g_free (self->line_id);
  g_free (self->order_id);
  g_free (self->title);
  g_free (self->sku_id);
  g_free (self->product_id);
  g_free (self->image_url);
  g_free (self->detail_url);
  g_free (self->raw_status);
  g_clear_pointer (&self->sku_properties, g_array_unref);
  g_clear_pointer (&self->shipments, g_array_unref);

  G_OBJECT_CLASS (dd_order_line_parent_class)->finalize (object);
}

static void
dd_order_line_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdOrderLine *self = DD_ORDER_LINE (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_string (value, *field);
      return;
    }

  switch (prop_id)
    {
    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_line_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdOrderLine *self = DD_ORDER_LINE (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      set_string (self, field, g_value_get_string (value), prop_id);
      return;
    }

  switch (prop_id)
    {
    case PROP_QUANTITY:
      dd_order_line_set_quantity (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
}

static void
dd_order_line_class_init (DdOrderLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_order_line_finalize;
  object_class->get_property = dd_order_line_get_property;
  object_class->set_property = dd_order_line_set_property;

  properties[PROP_LINE_ID] = string_pspec ("line-id");
  properties[PROP_ORDER_ID] = string_pspec ("order-id");
  properties[PROP_TITLE] = string_pspec ("title");
  properties[PROP_SKU_ID] = string_pspec ("sku-id");
  properties[PROP_PRODUCT_ID] = string_pspec ("product-id");
  properties[PROP_IMAGE_URL] = string_pspec ("image-url");
  properties[PROP_DETAIL_URL] = string_pspec ("detail-url");
  properties[PROP_RAW_STATUS] = string_pspec ("raw-status");
  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_order_line_init (DdOrderLine *self)
{
  dd_money_init (&self->unit_fee, 0, NULL);
  dd_money_init (&self->actual_fee, 0, NULL);

  self->sku_properties = g_array_new (FALSE, TRUE, sizeof (DdSkuProperty));
  g_array_set_clear_func (self->sku_properties, sku_property_clear);
  self->shipments = g_array_new (FALSE, TRUE, sizeof (DdShipment));
  g_array_set_clear_func (self->shipments, shipment_clear);
}

DdOrderLine *
dd_order_line_new (void)
{
  return g_object_new (DD_TYPE_ORDER_LINE, NULL);
}

#define STRING_ACCESSORS(field, PROP)                                   \
const char *                                                            \
dd_order_line_get_##field (DdOrderLine *self)                           \
{                                                                       \
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), NULL);                 \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
dd_order_line_set_##field (DdOrderLine *self,                           \
                           const char  *field)                          \
{                                                                       \
  g_return_if_fail (DD_IS_ORDER_LINE (self));                           \
  set_string (self, &self->field, field, PROP);                         \
}

STRING_ACCESSORS (line_id, PROP_LINE_ID)
STRING_ACCESSORS (order_id, PROP_ORDER_ID)
STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (sku_id, PROP_SKU_ID)
STRING_ACCESSORS (product_id, PROP_PRODUCT_ID)
STRING_ACCESSORS (image_url, PROP_IMAGE_URL)
STRING_ACCESSORS (detail_url, PROP_DETAIL_URL)
STRING_ACCESSORS (raw_status, PROP_RAW_STATUS)

#undef STRING_ACCESSORS

guint
dd_order_line_get_quantity (DdOrderLine *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), 0);

  return self->quantity;
}

void
dd_order_line_set_quantity (DdOrderLine *self,
                            guint        quantity)
{
  g_return_if_fail (DD_IS_ORDER_LINE (self));

  if (self->quantity == quantity)
    return;

  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

const DdMoney *
dd_order_line_get_unit_fee (DdOrderLine *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), NULL);

  return &self->unit_fee;
}

void
dd_order_line_set_unit_fee (DdOrderLine   *self,
                            const DdMoney *fee)
{
  g_return_if_fail (DD_IS_ORDER_LINE (self));
  g_return_if_fail (fee != NULL);

  self->unit_fee = *fee;
}

const DdMoney *
dd_order_line_get_actual_fee (DdOrderLine *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), NULL);

  return &self->actual_fee;
}

void
dd_order_line_set_actual_fee (DdOrderLine   *self,
                              const DdMoney *fee)
{
  g_return_if_fail (DD_IS_ORDER_LINE (self));
  g_return_if_fail (fee != NULL);

  self->actual_fee = *fee;
}

guint
dd_order_line_get_n_sku_properties (DdOrderLine *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), 0);

  return self->sku_properties->len;
}

const DdSkuProperty *
dd_order_line_get_sku_property (DdOrderLine *self,
                                guint        index)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), NULL);
  g_return_val_if_fail (index < self->sku_properties->len, NULL);

  return &g_array_index (self->sku_properties, DdSkuProperty, index);
}

void
dd_order_line_add_sku_property (DdOrderLine *self,
                                const char  *name,
                                const char  *value)
{
  DdSkuProperty prop;

  g_return_if_fail (DD_IS_ORDER_LINE (self));

  prop.name = g_strdup (name);
  prop.value = g_strdup (value);
  g_array_append_val (self->sku_properties, prop);
}

char *
dd_order_line_format_sku_properties (DdOrderLine *self)
{
  GString *str;

  g_return_val_if_fail (DD_IS_ORDER_LINE (self), NULL);

  str = g_string_new (NULL);
  for (guint i = 0; i < self->sku_properties->len; i++)
    {
      const DdSkuProperty *prop = &g_array_index (self->sku_properties, DdSkuProperty, i);

      if (str->len > 0)
        g_string_append (str, "; ");
      if (prop->name != NULL && *prop->name != '\0')
        g_string_append_printf (str, "%s: ", prop->name);
      g_string_append (str, prop->value != NULL ? prop->value : "");
    }

  return g_string_free (str, FALSE);
}

guint
dd_order_line_get_n_shipments (DdOrderLine *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), 0);

  return self->shipments->len;
}

const DdShipment *
dd_order_line_get_shipment (DdOrderLine *self,
                            guint        index)
{
  g_return_val_if_fail (DD_IS_ORDER_LINE (self), NULL);
  g_return_val_if_fail (index < self->shipments->len, NULL);

  return &g_array_index (self->shipments, DdShipment, index);
}

void
dd_order_line_add_shipment (DdOrderLine *self,
                            const char  *order_no,
                            const char  *tracking_number,
                            const char  *logistics_id)
{
  DdShipment shipment;

  g_return_if_fail (DD_IS_ORDER_LINE (self));

  shipment.order_no = g_strdup (order_no);
  shipment.tracking_number = g_strdup (tracking_number);
  shipment.logistics_id = g_strdup (logistics_id);
  g_array_append_val (self->shipments, shipment);
}
