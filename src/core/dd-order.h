/* dd-order.h: an order of any platform, in Dingdan's own terms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dd-money.h"
#include "dd-order-line.h"
#include "dd-order-status.h"

G_BEGIN_DECLS

/* Platform ids, as stored in the cache and in accounts. */
#define DD_PLATFORM_TW       "tw"        /* Taobao Taiwan */
#define DD_PLATFORM_TOP      "top"       /* Taobao Open Platform: a seller's sold trades */
#define DD_PLATFORM_TOP_PC   "top-pc"    /* Taobao Open Platform: procurement (企业购) orders */
#define DD_PLATFORM_PANDAPON "pandapon"  /* cross-border purchasing */

/* The platform's name for people ("Taobao Taiwan", "PandaPon"…),
 * translated; NULL for an id Dingdan does not know. */
const char *dd_platform_get_label (const char *platform);

typedef enum
{
  DD_PAYMENT_KIND_UNKNOWN = 0,
  DD_PAYMENT_KIND_ONLINE,
  DD_PAYMENT_KIND_CASH_ON_DELIVERY,
} DdPaymentKind;

/* A change the platform accepted and has not carried out yet: the order's
 * status does not show it (PandaPon: a cancel being processed, status
 * CANCELLING; a payment voucher being checked, payStatus REVIEWING). An
 * action on the order must wait for it (dd_action_rules_check()). */
typedef enum
{
  DD_ORDER_PENDING_NONE           = 0,
  DD_ORDER_PENDING_PAYMENT_REVIEW = 1, /* a payment (voucher) is being checked */
  DD_ORDER_PENDING_CANCELLING     = 2, /* a cancel was accepted, not done yet */
} DdOrderPending;

/* Delivery information as served: masked by the platform. Any field may be NULL. */
typedef struct
{
  char *receiver_name;
  char *receiver_phone;
  char *country_code;
  char *state;
  char *city;
  char *area;
  char *detail_address;
  char *zip;
} DdDeliveryInfo;

#define DD_TYPE_ORDER (dd_order_get_type ())
G_DECLARE_FINAL_TYPE (DdOrder, dd_order, DD, ORDER, GObject)

DdOrder              *dd_order_new                 (void) G_GNUC_WARN_UNUSED_RESULT;

/* Every getter below is also a read-write GObject property of the same name
 * ("account-id", "platform", "order-id", "status", "raw-status", "buyer-id",
 * "buyer-name", "seller-name", "created", "modified", "payment-channel",
 * "payment-kind"); setters notify only on change. */
const char           *dd_order_get_account_id      (DdOrder *self);
void                  dd_order_set_account_id      (DdOrder *self, const char *account_id);
const char           *dd_order_get_platform        (DdOrder *self);
void                  dd_order_set_platform        (DdOrder *self, const char *platform);
/* The platform's order id, always a string (TOP ids exceed 2^53). */
const char           *dd_order_get_order_id        (DdOrder *self);
void                  dd_order_set_order_id        (DdOrder *self, const char *order_id);

DdOrderStatus         dd_order_get_status          (DdOrder *self);
void                  dd_order_set_status          (DdOrder *self, DdOrderStatus status);
/* The platform's own status string ("ready_to_ship", "WAIT_BUYER_PAY"). */
const char           *dd_order_get_raw_status      (DdOrder *self);
void                  dd_order_set_raw_status      (DdOrder *self, const char *raw_status);

/* What the platform is still doing to the order ("pending" property). */
DdOrderPending        dd_order_get_pending         (DdOrder *self);
void                  dd_order_set_pending         (DdOrder *self, DdOrderPending pending);

const char           *dd_order_get_buyer_id        (DdOrder *self);
void                  dd_order_set_buyer_id        (DdOrder *self, const char *buyer_id);
const char           *dd_order_get_buyer_name      (DdOrder *self);
void                  dd_order_set_buyer_name      (DdOrder *self, const char *buyer_name);
const char           *dd_order_get_seller_name     (DdOrder *self);
void                  dd_order_set_seller_name     (DdOrder *self, const char *seller_name);

/* Totals. "total" is what the buyer pays (TW actual_fee); "shipping-fee" the
 * shipping part of it. */
const DdMoney        *dd_order_get_total           (DdOrder *self);
void                  dd_order_set_total           (DdOrder *self, const DdMoney *total);
const DdMoney        *dd_order_get_shipping_fee    (DdOrder *self);
void                  dd_order_set_shipping_fee    (DdOrder *self, const DdMoney *fee);

/* UTC. NULL when the platform did not say. */
GDateTime            *dd_order_get_created         (DdOrder *self);
void                  dd_order_set_created         (DdOrder *self, GDateTime *created);
GDateTime            *dd_order_get_modified        (DdOrder *self);
void                  dd_order_set_modified        (DdOrder *self, GDateTime *modified);
/* When the buyer paid; NULL when unpaid or unknown ("paid" property). */
GDateTime            *dd_order_get_paid            (DdOrder *self);
void                  dd_order_set_paid            (DdOrder *self, GDateTime *paid);

/* The platform's channel name ("CAINIAO_HILIFE_COD") and what it means. */
const char           *dd_order_get_payment_channel (DdOrder *self);
void                  dd_order_set_payment_channel (DdOrder *self, const char *channel);
DdPaymentKind         dd_order_get_payment_kind    (DdOrder *self);
void                  dd_order_set_payment_kind    (DdOrder *self, DdPaymentKind kind);
gboolean              dd_order_is_cash_on_delivery (DdOrder *self);

/* Owned by the order; NULL when none was served. */
const DdDeliveryInfo *dd_order_get_delivery        (DdOrder *self);
void                  dd_order_set_delivery        (DdOrder *self, const DdDeliveryInfo *delivery);

/* Lines, in served order. The order holds a reference on each. */
guint                 dd_order_get_n_lines         (DdOrder *self);
DdOrderLine          *dd_order_get_line            (DdOrder *self, guint index);
void                  dd_order_add_line            (DdOrder *self, DdOrderLine *line);
void                  dd_order_clear_lines         (DdOrder *self);

/* The platform's JSON for this order as received (for TW: the /order/get
 * "module" shape, lines included). Stored verbatim in the cache. */
const char           *dd_order_get_raw_json        (DdOrder *self);
void                  dd_order_set_raw_json        (DdOrder *self, const char *raw_json);

/* Cache row id; 0 until the order has been stored or when built from the wire. */
gint64                dd_order_get_row_id          (DdOrder *self);
void                  dd_order_set_row_id          (DdOrder *self, gint64 row_id);

void                  dd_delivery_info_clear       (DdDeliveryInfo *info);
/* "台灣 台北市 松山區 …" in the platform's order, for display. */
char                 *dd_delivery_info_format_address (const DdDeliveryInfo *info) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
