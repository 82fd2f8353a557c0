/* dd-order-detail.c: the selected order, in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "dd-marks.h"
#include "dd-order-detail.h"
#include "dd-order-line-row.h"
#include "dd-order-refresh.h"
#include "dd-ui-format.h"

struct _DdOrderDetail
{
  GtkWidget            parent_instance;

  DdOrder             *order;
  char                *account_name;
  DdFlag               flag;
  DdReviewState        review;
  char                *note;
  gint64               release_ms;

  /* Template children */
  GtkStack            *stack;
  GtkLabel            *order_id_label;
  GtkLabel            *status_label;
  GtkLabel            *cod_label;
  GtkWidget           *flag_row;
  GtkLabel            *flag_label;
  GtkWidget           *review_row;
  GtkLabel            *review_label;
  GtkWidget           *account_row;
  GtkLabel            *account_label;
  GtkWidget           *platform_row;
  GtkLabel            *platform_label;
  GtkWidget           *total_row;
  GtkLabel            *total_label;
  GtkWidget           *shipping_row;
  GtkLabel            *shipping_label;
  GtkWidget           *payment_row;
  GtkLabel            *payment_label;
  GtkWidget           *buyer_row;
  GtkLabel            *buyer_label;
  GtkWidget           *created_row;
  GtkLabel            *created_label;
  GtkWidget           *modified_row;
  GtkLabel            *modified_label;
  GtkWidget           *delivery_group;
  GtkWidget           *receiver_row;
  GtkLabel            *receiver_label;
  GtkWidget           *phone_row;
  GtkLabel            *phone_label;
  GtkWidget           *address_row;
  GtkLabel            *address_label;
  GtkWidget           *lines_group;
  GtkListBox          *lines_list;
  GtkWidget           *note_row;
  GtkLabel            *note_label;
  GtkWidget           *release_row;
  GtkLabel            *release_label;
  GtkWidget           *after_sale_row;
  GtkLabel            *after_sale_label;
  GtkWidget           *paid_row;
  GtkLabel            *paid_label;
  GtkWidget           *items_total_row;
  GtkLabel            *items_total_label;
  GtkWidget           *logistics_group;
  GtkListBox          *logistics_list;
  GtkWidget           *history_group;
  GtkWidget           *history_box;
  GtkWidget           *history;     /* the window's history list; NULL: none */
  GBinding            *history_visible;
};

enum {
  PROP_0,
  PROP_ORDER,
  PROP_ACCOUNT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdOrderDetail, dd_order_detail, GTK_TYPE_WIDGET)

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* Sets a value row's text (plain, never markup) and hides the row when
 * there is nothing to show. Returns whether the row is shown. */
static gboolean
set_row (GtkWidget  *row,
         GtkLabel   *label,
         const char *text)
{
  gboolean shown = !is_empty (text);
  g_autofree char *clipped = dd_ui_clip_text (shown ? text : NULL);

  gtk_label_set_text (label, clipped);
  gtk_widget_set_visible (row, shown);

  return shown;
}

static void
update_delivery (DdOrderDetail *self)
{
  const DdDeliveryInfo *info = dd_order_get_delivery (self->order);
  g_autofree char *address = NULL;
  gboolean any = FALSE;

  if (info != NULL)
    address = dd_delivery_info_format_address (info);

  any |= set_row (self->receiver_row, self->receiver_label,
                  info != NULL ? info->receiver_name : NULL);
  any |= set_row (self->phone_row, self->phone_label,
                  info != NULL ? info->receiver_phone : NULL);
  any |= set_row (self->address_row, self->address_label, address);

  gtk_widget_set_visible (self->delivery_group, any);
}

static void
update_lines (DdOrderDetail *self)
{
  GtkWidget *child;
  guint n_lines;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);

  n_lines = dd_order_get_n_lines (self->order);
  for (guint i = 0; i < n_lines; i++)
    gtk_list_box_append (self->lines_list,
                         dd_order_line_row_new (dd_order_get_line (self->order, i)));

  gtk_widget_set_visible (self->lines_group, n_lines > 0);
}

static void
update_account (DdOrderDetail *self)
{
  const char *name = self->account_name;

  if (self->order == NULL)
    return;

  if (is_empty (name))
    name = dd_order_get_account_id (self->order);

  set_row (self->account_row, self->account_label, name);
  set_row (self->platform_row, self->platform_label,
           dd_ui_format_platform (dd_order_get_platform (self->order)));
}

/* What the goods cost: the total less its shipping part, when both are in
 * one currency. */
static char *
format_items_total (DdOrder *order)
{
  const DdMoney *total = dd_order_get_total (order);
  const DdMoney *shipping = dd_order_get_shipping_fee (order);
  DdMoney minus_shipping;
  DdMoney items;

  if (total == NULL || total->currency[0] == '\0' || dd_order_get_n_lines (order) == 0)
    return NULL;
  if (shipping == NULL || shipping->minor == 0)
    return dd_ui_format_money (total);

  minus_shipping = *shipping;
  minus_shipping.minor = -shipping->minor;
  if (!dd_money_add (total, &minus_shipping, &items))
    return NULL;

  return dd_ui_format_money (&items);
}

static void
update_note (DdOrderDetail *self)
{
  g_autofree char *release = NULL;

  set_row (self->note_row, self->note_label, self->note);

  if (self->release_ms > 0 && self->review == DD_REVIEW_HELD)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (self->release_ms / 1000);

      release = dd_ui_format_date (when);
    }
  set_row (self->release_row, self->release_label, release);
}

static void
update_marks (DdOrderDetail *self)
{
  set_row (self->flag_row, self->flag_label, dd_flag_get_label (self->flag));
  set_row (self->review_row, self->review_label, dd_review_state_get_label (self->review));
  update_note (self);
}

/* ---- parcels --------------------------------------------------------------- */

static void
clear_logistics (DdOrderDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->logistics_list))) != NULL)
    gtk_list_box_remove (self->logistics_list, child);
}

static void
add_logistics_row (DdOrderDetail *self,
                   const char    *title,
                   const char    *subtitle,
                   const char    *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  /* The platform's trace text: clipped like every label (issue H). */
  g_autofree char *clipped_title = dd_ui_clip_text (title);
  g_autofree char *clipped_subtitle = dd_ui_clip_text (subtitle);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), clipped_title);
  if (clipped_subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), clipped_subtitle);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->logistics_list, row);
}

static void
add_parcel (DdOrderDetail  *self,
            const DdParcel *parcel)
{
  const char *carrier = parcel->carrier != NULL && parcel->carrier[0] != '\0'
                          /* Translators: a parcel whose carrier is not known */
                          ? parcel->carrier : _("Parcel");
  g_autofree char *tracking = NULL;
  guint n_events = parcel->events != NULL ? parcel->events->len : 0;

  if (parcel->tracking_number != NULL && parcel->tracking_number[0] != '\0')
    /* Translators: %s is a parcel's tracking number */
    tracking = g_strdup_printf (_("Tracking: %s"), parcel->tracking_number);
  add_logistics_row (self, carrier, tracking, "mail-send-symbolic");

  if (n_events == 0)
    add_logistics_row (self, _("No trace yet"), NULL, NULL);

  /* Newest first: where the parcel is now comes first. */
  for (guint i = n_events; i > 0; i--)
    {
      const DdLogisticsEvent *event = &g_array_index (parcel->events, DdLogisticsEvent, i - 1);
      g_autofree char *time = dd_ui_format_date (event->time);
      g_autofree char *subtitle = NULL;
      const char *description = event->description != NULL && event->description[0] != '\0'
                                  ? event->description : event->status;

      if (event->place != NULL && event->place[0] != '\0' && time[0] != '\0')
        /* Translators: when and where a parcel was seen: "2026-11-20 14:05 · 杭州转运中心" */
        subtitle = g_strdup_printf (_("%s · %s"), time, event->place);
      else if (event->place != NULL && event->place[0] != '\0')
        subtitle = g_strdup (event->place);
      else
        subtitle = g_steal_pointer (&time);

      add_logistics_row (self, description != NULL ? description : "", subtitle, NULL);
    }
}

/**
 * dd_order_detail_set_logistics:
 * @logistics: (nullable): the shown order's parcels; NULL hides them
 *
 * Shows the parcels of the order and their traces (newest event first).
 */
void
dd_order_detail_set_logistics (DdOrderDetail     *self,
                               const DdLogistics *logistics)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));

  clear_logistics (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->logistics_group), NULL);
  if (logistics == NULL || self->order == NULL)
    {
      gtk_widget_set_visible (self->logistics_group, FALSE);
      return;
    }

  for (guint i = 0; i < logistics->parcels->len; i++)
    add_parcel (self, g_ptr_array_index (logistics->parcels, i));
  if (logistics->parcels->len == 0)
    add_logistics_row (self, _("No parcels yet"), NULL, NULL);

  gtk_widget_set_visible (self->logistics_group, TRUE);
}

/* While the parcels load (@message NULL), or why they could not. */
void
dd_order_detail_set_logistics_message (DdOrderDetail *self,
                                       const char    *message)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));

  clear_logistics (self);
  if (self->order == NULL)
    return;

  add_logistics_row (self, message != NULL ? message : _("Loading the parcels’ trace…"),
                     NULL, message != NULL ? "dialog-warning-symbolic" : NULL);
  gtk_widget_set_visible (self->logistics_group, TRUE);
}

static void
update (DdOrderDetail *self)
{
  g_autofree char *total = NULL;
  g_autofree char *shipping = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *items = NULL;
  g_autofree char *after_sale = NULL;
  const char *buyer;

  if (self->order == NULL)
    {
      /* Screen readers walk hidden pages too: no stale order number. */
      gtk_label_set_text (self->order_id_label, "");
      clear_logistics (self);
      gtk_widget_set_visible (self->logistics_group, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  total = dd_ui_format_money (dd_order_get_total (self->order));
  shipping = dd_ui_format_money (dd_order_get_shipping_fee (self->order));
  created = dd_ui_format_date (dd_order_get_created (self->order));
  modified = dd_ui_format_date (dd_order_get_modified (self->order));
  paid = dd_ui_format_date (dd_order_get_paid (self->order));
  items = format_items_total (self->order);
  after_sale = dd_order_get_after_sale_state (self->order);
  buyer = dd_order_get_buyer_name (self->order);
  if (is_empty (buyer))
    buyer = dd_order_get_buyer_id (self->order);

  gtk_label_set_text (self->order_id_label, dd_order_get_order_id (self->order));
  gtk_label_set_text (self->status_label,
                      dd_order_status_get_label (dd_order_get_status (self->order)));
  gtk_widget_set_visible (GTK_WIDGET (self->cod_label),
                          dd_order_is_cash_on_delivery (self->order));

  update_account (self);
  update_marks (self);
  set_row (self->total_row, self->total_label, total);
  set_row (self->items_total_row, self->items_total_label, items);
  set_row (self->shipping_row, self->shipping_label, shipping);
  set_row (self->after_sale_row, self->after_sale_label, after_sale);
  set_row (self->payment_row, self->payment_label,
           is_empty (dd_order_get_payment_channel (self->order))
             ? dd_ui_format_payment (self->order)
             : dd_order_get_payment_channel (self->order));
  set_row (self->buyer_row, self->buyer_label, buyer);
  set_row (self->created_row, self->created_label, created);
  set_row (self->paid_row, self->paid_label, paid);
  set_row (self->modified_row, self->modified_label, modified);

  update_delivery (self);
  update_lines (self);
  /* The window loads the new order's parcels, when its platform has any. */
  clear_logistics (self);
  gtk_widget_set_visible (self->logistics_group, FALSE);

  gtk_stack_set_visible_child_name (self->stack, "order");
}

/**
 * dd_order_detail_set_history_widget:
 * @history: (nullable): the list of the shown order's writes
 *
 * Shows @history (dd_action_history_new(), kept in sync with the shown
 * order by the window) at the bottom of the pane, where it is its own
 * "History" group, shown while @history is. A previous one is removed.
 */
void
dd_order_detail_set_history_widget (DdOrderDetail *self,
                                    GtkWidget     *history)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));
  g_return_if_fail (history == NULL || GTK_IS_WIDGET (history));

  if (self->history == history)
    return;

  if (self->history != NULL)
    {
      g_binding_unbind (self->history_visible);
      self->history_visible = NULL;
      gtk_box_remove (GTK_BOX (self->history_box), self->history);
      self->history = NULL;
    }

  if (history != NULL)
    {
      self->history = history;
      gtk_box_append (GTK_BOX (self->history_box), history);
      self->history_visible = g_object_bind_property (history, "visible",
                                                      self->history_group, "visible",
                                                      G_BINDING_SYNC_CREATE);
    }
  else
    gtk_widget_set_visible (self->history_group, FALSE);
}

static void
dd_order_detail_dispose (GObject *object)
{
  DdOrderDetail *self = DD_ORDER_DETAIL (object);

  if (self->history_visible != NULL)
    g_binding_unbind (self->history_visible);
  self->history_visible = NULL;
  self->history = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DD_TYPE_ORDER_DETAIL);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (dd_order_detail_parent_class)->dispose (object);
}

static void
dd_order_detail_finalize (GObject *object)
{
  DdOrderDetail *self = DD_ORDER_DETAIL (object);

  g_free (self->account_name);
  g_free (self->note);

  G_OBJECT_CLASS (dd_order_detail_parent_class)->finalize (object);
}

static void
dd_order_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdOrderDetail *self = DD_ORDER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      g_value_set_object (value, self->order);
      break;
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_detail_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdOrderDetail *self = DD_ORDER_DETAIL (object);

  switch (prop_id)
    {
    case PROP_ORDER:
      dd_order_detail_set_order (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT_NAME:
      dd_order_detail_set_account_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_detail_class_init (DdOrderDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dd_order_detail_dispose;
  object_class->finalize = dd_order_detail_finalize;
  object_class->get_property = dd_order_detail_get_property;
  object_class->set_property = dd_order_detail_set_property;

  properties[PROP_ORDER] =
    g_param_spec_object ("order", NULL, NULL,
                         DD_TYPE_ORDER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dd-order-detail");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/dingdan/Dingdan/dd-order-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, order_id_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, cod_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, flag_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, flag_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, review_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, review_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, account_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, account_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, platform_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, platform_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, total_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, total_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, shipping_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, payment_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, payment_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, buyer_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, buyer_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, created_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, created_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, modified_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, modified_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, delivery_group);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, receiver_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, receiver_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, phone_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, address_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, address_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, lines_group);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, lines_list);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, note_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, note_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, release_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, release_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, after_sale_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, after_sale_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, paid_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, paid_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, items_total_row);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, items_total_label);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, logistics_group);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, history_box);
  gtk_widget_class_bind_template_child (widget_class, DdOrderDetail, logistics_list);
}

static void
dd_order_detail_init (DdOrderDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
dd_order_detail_new (void)
{
  return g_object_new (DD_TYPE_ORDER_DETAIL, NULL);
}

DdOrder *
dd_order_detail_get_order (DdOrderDetail *self)
{
  g_return_val_if_fail (DD_IS_ORDER_DETAIL (self), NULL);

  return self->order;
}

void
dd_order_detail_set_order (DdOrderDetail *self,
                           DdOrder       *order)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));
  g_return_if_fail (order == NULL || DD_IS_ORDER (order));

  if (!g_set_object (&self->order, order))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDER]);
}

const char *
dd_order_detail_get_account_name (DdOrderDetail *self)
{
  g_return_val_if_fail (DD_IS_ORDER_DETAIL (self), NULL);

  return self->account_name;
}

void
dd_order_detail_set_account_name (DdOrderDetail *self,
                                  const char    *account_name)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));

  if (g_strcmp0 (self->account_name, account_name) == 0)
    return;

  g_free (self->account_name);
  self->account_name = g_strdup (account_name);

  update_account (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_NAME]);
}

/* Shows the order's flag and review state (@flag DD_FLAG_NONE and @review
 * DD_REVIEW_NEEDS_REVIEW for an order without marks). */
void
dd_order_detail_set_marks (DdOrderDetail *self,
                           DdFlag         flag,
                           DdReviewState  review)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));
  g_return_if_fail (flag <= DD_FLAG_LAST);
  g_return_if_fail (review <= DD_REVIEW_LAST);

  if (self->flag == flag && self->review == review)
    return;

  self->flag = flag;
  self->review = review;
  update_marks (self);
}

void
dd_order_detail_set_note (DdOrderDetail *self,
                          const char    *note)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));

  if (note != NULL && note[0] == '\0')
    note = NULL;
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  update_note (self);
}

void
dd_order_detail_set_release (DdOrderDetail *self,
                             gint64         release_ms)
{
  g_return_if_fail (DD_IS_ORDER_DETAIL (self));

  if (self->release_ms == release_ms)
    return;
  self->release_ms = release_ms;
  update_note (self);
}
