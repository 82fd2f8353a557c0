/* dd-order.c: an order of any platform, in Dingdan's own terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-core-enums.h"
#include "dd-order.h"

const char *
dd_platform_get_label (const char *platform)
{
  if (g_strcmp0 (platform, DD_PLATFORM_TW) == 0)
    return C_("platform", "Taobao Taiwan");
  if (g_strcmp0 (platform, DD_PLATFORM_TOP) == 0)
    /* Translators: the Taobao Open Platform, as seen by a seller */
    return C_("platform", "Taobao");
  if (g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0)
    /* Translators: Taobao's procurement service for companies (企业购) */
    return C_("platform", "Taobao Procurement");
  if (g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0)
    /* Translators: a cross-border purchasing service; a brand name */
    return C_("platform", "PandaPon");

  return NULL;
}

struct _DdOrder
{
  GObject          parent_instance;

  char            *account_id;
  char            *platform;
  char            *order_id;
  char            *raw_status;
  char            *buyer_id;
  char            *buyer_name;
  char            *seller_name;
  char            *payment_channel;
  char            *raw_json;

  DdOrderStatus    status;
  DdPaymentKind    payment_kind;
  DdOrderPending   pending;

  DdMoney          total;
  DdMoney          shipping_fee;

  GDateTime       *created;  /* UTC, owned */
  GDateTime       *modified; /* UTC, owned */
  GDateTime       *paid;     /* UTC, owned */

  DdDeliveryInfo  *delivery; /* owned, NULL when none was served */
  GPtrArray       *lines;    /* of DdOrderLine, owned references */

  gint64           row_id;
};

G_DEFINE_FINAL_TYPE (DdOrder, dd_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_PLATFORM,
  PROP_ORDER_ID,
  PROP_STATUS,
  PROP_RAW_STATUS,
  PROP_BUYER_ID,
  PROP_BUYER_NAME,
  PROP_SELLER_NAME,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_PAID,
  PROP_PAYMENT_CHANNEL,
  PROP_PAYMENT_KIND,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (DdOrder     *self,
            char       **field,
            const char  *value,
            guint        prop_id)
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

/* Stores @value converted to UTC; notifies only when the instant changed. */
static void
set_date_time (DdOrder    *self,
               GDateTime **field,
               GDateTime  *value,
               guint       prop_id)
{
  if (*field == value)
    return;
  if (*field != NULL && value != NULL && g_date_time_equal (*field, value))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_to_utc (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static char **
string_field (DdOrder *self,
              guint    prop_id)
{
  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:      return &self->account_id;
    case PROP_PLATFORM:        return &self->platform;
    case PROP_ORDER_ID:        return &self->order_id;
    case PROP_RAW_STATUS:      return &self->raw_status;
    case PROP_BUYER_ID:        return &self->buyer_id;
    case PROP_BUYER_NAME:      return &self->buyer_name;
    case PROP_SELLER_NAME:     return &self->seller_name;
    case PROP_PAYMENT_CHANNEL: return &self->payment_channel;
    default:                   return NULL;
    }
}

static void
delivery_info_free (DdDeliveryInfo *info)
{
  dd_delivery_info_clear (info);
  g_free (info);
}

static void
dd_order_dispose (GObject *object)
{
  DdOrder *self = DD_ORDER (object);

  if (self->lines != NULL)
    g_ptr_array_set_size (self->lines, 0);

  G_OBJECT_CLASS (dd_order_parent_class)->dispose (object);
}

static void
dd_order_finalize (GObject *object)
{
  DdOrder *self = DD_ORDER (object);

  g_free (self->account_id);
  g_free (self->platform);
  g_free (self->order_id);
  g_free (self->raw_status);
  g_free (self->buyer_id);
  g_free (self->buyer_name);
  g_free (self->seller_name);
  g_free (self->payment_channel);
  g_free (self->raw_json);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->paid, g_date_time_unref);
  g_clear_pointer (&self->delivery, delivery_info_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (dd_order_parent_class)->finalize (object);
}

static void
dd_order_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DdOrder *self = DD_ORDER (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      g_value_set_string (value, *field);
      return;
    }

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;

    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;

    case PROP_PAID:
      g_value_set_boxed (value, self->paid);
      break;

    case PROP_PAYMENT_KIND:
      g_value_set_enum (value, self->payment_kind);
      break;

    case PROP_PENDING:
      g_value_set_enum (value, self->pending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DdOrder *self = DD_ORDER (object);
  char **field = string_field (self, prop_id);

  if (field != NULL)
    {
      set_string (self, field, g_value_get_string (value), prop_id);
      return;
    }

  switch (prop_id)
    {
    case PROP_STATUS:
      dd_order_set_status (self, g_value_get_enum (value));
      break;

    case PROP_CREATED:
      dd_order_set_created (self, g_value_get_boxed (value));
      break;

    case PROP_MODIFIED:
      dd_order_set_modified (self, g_value_get_boxed (value));
      break;

    case PROP_PAID:
      dd_order_set_paid (self, g_value_get_boxed (value));
      break;

    case PROP_PAYMENT_KIND:
      dd_order_set_payment_kind (self, g_value_get_enum (value));
      break;

    case PROP_PENDING:
      dd_order_set_pending (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
dd_order_class_init (DdOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_order_dispose;
  object_class->finalize = dd_order_finalize;
  object_class->get_property = dd_order_get_property;
  object_class->set_property = dd_order_set_property;

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_ORDER_ID] =
    g_param_spec_string ("order-id", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       DD_TYPE_ORDER_STATUS, DD_ORDER_STATUS_UNKNOWN, PARAM_FLAGS);
  properties[PROP_RAW_STATUS] =
    g_param_spec_string ("raw-status", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_BUYER_ID] =
    g_param_spec_string ("buyer-id", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_BUYER_NAME] =
    g_param_spec_string ("buyer-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_SELLER_NAME] =
    g_param_spec_string ("seller-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_PAID] =
    g_param_spec_boxed ("paid", NULL, NULL, G_TYPE_DATE_TIME, PARAM_FLAGS);
  properties[PROP_PAYMENT_CHANNEL] =
    g_param_spec_string ("payment-channel", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_PAYMENT_KIND] =
    g_param_spec_enum ("payment-kind", NULL, NULL,
                       DD_TYPE_PAYMENT_KIND, DD_PAYMENT_KIND_UNKNOWN, PARAM_FLAGS);
  properties[PROP_PENDING] =
    g_param_spec_enum ("pending", NULL, NULL,
                       DD_TYPE_ORDER_PENDING, DD_ORDER_PENDING_NONE, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

#undef PARAM_FLAGS

static void
dd_order_init (DdOrder *self)
{
  dd_money_init (&self->total, 0, NULL);
  dd_money_init (&self->shipping_fee, 0, NULL);
  self->lines = g_ptr_array_new_with_free_func (g_object_unref);
}

DdOrder *
dd_order_new (void)
{
  return g_object_new (DD_TYPE_ORDER, NULL);
}

#define STRING_ACCESSORS(field, PROP)                                   \
const char *                                                            \
dd_order_get_##field (DdOrder *self)                                    \
{                                                                       \
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);                      \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
dd_order_set_##field (DdOrder    *self,                                 \
                      const char *value)                                \
{                                                                       \
  g_return_if_fail (DD_IS_ORDER (self));                                \
  set_string (self, &self->field, value, PROP);                         \
}

STRING_ACCESSORS (account_id, PROP_ACCOUNT_ID)
STRING_ACCESSORS (platform, PROP_PLATFORM)
STRING_ACCESSORS (order_id, PROP_ORDER_ID)
STRING_ACCESSORS (raw_status, PROP_RAW_STATUS)
STRING_ACCESSORS (buyer_id, PROP_BUYER_ID)
STRING_ACCESSORS (buyer_name, PROP_BUYER_NAME)
STRING_ACCESSORS (seller_name, PROP_SELLER_NAME)
STRING_ACCESSORS (payment_channel, PROP_PAYMENT_CHANNEL)

#undef STRING_ACCESSORS

DdOrderStatus
dd_order_get_status (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), DD_ORDER_STATUS_UNKNOWN);

  return self->status;
}

void
dd_order_set_status (DdOrder       *self,
                     DdOrderStatus  status)
{
  g_return_if_fail (DD_IS_ORDER (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const DdMoney *
dd_order_get_total (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return &self->total;
}

void
dd_order_set_total (DdOrder       *self,
                    const DdMoney *total)
{
  g_return_if_fail (DD_IS_ORDER (self));
  g_return_if_fail (total != NULL);

  self->total = *total;
}

const DdMoney *
dd_order_get_shipping_fee (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return &self->shipping_fee;
}

void
dd_order_set_shipping_fee (DdOrder       *self,
                           const DdMoney *fee)
{
  g_return_if_fail (DD_IS_ORDER (self));
  g_return_if_fail (fee != NULL);

  self->shipping_fee = *fee;
}

GDateTime *
dd_order_get_created (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return self->created;
}

void
dd_order_set_created (DdOrder   *self,
                      GDateTime *created)
{
  g_return_if_fail (DD_IS_ORDER (self));

  set_date_time (self, &self->created, created, PROP_CREATED);
}

GDateTime *
dd_order_get_modified (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return self->modified;
}

void
dd_order_set_modified (DdOrder   *self,
                       GDateTime *modified)
{
  g_return_if_fail (DD_IS_ORDER (self));

  set_date_time (self, &self->modified, modified, PROP_MODIFIED);
}

GDateTime *
dd_order_get_paid (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return self->paid;
}

void
dd_order_set_paid (DdOrder   *self,
                   GDateTime *paid)
{
  g_return_if_fail (DD_IS_ORDER (self));

  set_date_time (self, &self->paid, paid, PROP_PAID);
}

DdPaymentKind
dd_order_get_payment_kind (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), DD_PAYMENT_KIND_UNKNOWN);

  return self->payment_kind;
}

void
dd_order_set_payment_kind (DdOrder       *self,
                           DdPaymentKind  kind)
{
  g_return_if_fail (DD_IS_ORDER (self));

  if (self->payment_kind == kind)
    return;

  self->payment_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT_KIND]);
}

DdOrderPending
dd_order_get_pending (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), DD_ORDER_PENDING_NONE);

  return self->pending;
}

void
dd_order_set_pending (DdOrder        *self,
                      DdOrderPending  pending)
{
  g_return_if_fail (DD_IS_ORDER (self));

  if (self->pending == pending)
    return;

  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

gboolean
dd_order_is_cash_on_delivery (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), FALSE);

  return self->payment_kind == DD_PAYMENT_KIND_CASH_ON_DELIVERY;
}

const DdDeliveryInfo *
dd_order_get_delivery (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return self->delivery;
}

void
dd_order_set_delivery (DdOrder              *self,
                       const DdDeliveryInfo *delivery)
{
  DdDeliveryInfo *copy = NULL;

  g_return_if_fail (DD_IS_ORDER (self));

  if (delivery == self->delivery)
    return;

  if (delivery != NULL)
    {
      copy = g_new0 (DdDeliveryInfo, 1);
      copy->receiver_name = g_strdup (delivery->receiver_name);
      copy->receiver_phone = g_strdup (delivery->receiver_phone);
      copy->country_code = g_strdup (delivery->country_code);
      copy->state = g_strdup (delivery->state);
      copy->city = g_strdup (delivery->city);
      copy->area = g_strdup (delivery->area);
      copy->detail_address = g_strdup (delivery->detail_address);
      copy->zip = g_strdup (delivery->zip);
    }

  g_clear_pointer (&self->delivery, delivery_info_free);
  self->delivery = copy;
}

guint
dd_order_get_n_lines (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), 0);

  return self->lines->len;
}

DdOrderLine *
dd_order_get_line (DdOrder *self,
                   guint    index)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return g_ptr_array_index (self->lines, index);
}

void
dd_order_add_line (DdOrder     *self,
                   DdOrderLine *line)
{
  g_return_if_fail (DD_IS_ORDER (self));
  g_return_if_fail (DD_IS_ORDER_LINE (line));

  g_ptr_array_add (self->lines, g_object_ref (line));
}

void
dd_order_clear_lines (DdOrder *self)
{
  g_return_if_fail (DD_IS_ORDER (self));

  g_ptr_array_set_size (self->lines, 0);
}

const char *
dd_order_get_raw_json (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), NULL);

  return self->raw_json;
}

void
dd_order_set_raw_json (DdOrder    *self,
                       const char *raw_json)
{
  char *copy;

  g_return_if_fail (DD_IS_ORDER (self));

  if (raw_json == self->raw_json)
    return;

  /* Copy first: @raw_json may point into the old string. */
  copy = g_strdup (raw_json);
  g_free (self->raw_json);
  self->raw_json = copy;
}

gint64
dd_order_get_row_id (DdOrder *self)
{
  g_return_val_if_fail (DD_IS_ORDER (self), 0);

  return self->row_id;
}

void
dd_order_set_row_id (DdOrder *self,
                     gint64   row_id)
{
  g_return_if_fail (DD_IS_ORDER (self));

  self->row_id = row_id;
}

void
dd_delivery_info_clear (DdDeliveryInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->receiver_name, g_free);
  g_clear_pointer (&info->receiver_phone, g_free);
  g_clear_pointer (&info->country_code, g_free);
  g_clear_pointer (&info->state, g_free);
  g_clear_pointer (&info->city, g_free);
  g_clear_pointer (&info->area, g_free);
  g_clear_pointer (&info->detail_address, g_free);
  g_clear_pointer (&info->zip, g_free);
}

char *
dd_delivery_info_format_address (const DdDeliveryInfo *info)
{
  const char *parts[4];
  GString *str;

  g_return_val_if_fail (info != NULL, NULL);

  parts[0] = info->state;
  parts[1] = info->city;
  parts[2] = info->area;
  parts[3] = info->detail_address;

  str = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (str->len > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, parts[i]);
    }

  return g_string_free (str, FALSE);
}
