/* dd-order-line.h: one line (sub-order) of an order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dd-money.h"

G_BEGIN_DECLS

/* One SKU property as served in sku_info: "色系" = "黑色". */
typedef struct
{
  char *name;
  char *value;
} DdSkuProperty;

/* One shipment (parcel) of a line. Any field may be NULL: platforms list
 * shipments before they have a tracking number. */
typedef struct
{
  char *order_no;        /* the platform's shipment number, as a string */
  char *tracking_number;
  char *logistics_id;
} DdShipment;

#define DD_TYPE_ORDER_LINE (dd_order_line_get_type ())
G_DECLARE_FINAL_TYPE (DdOrderLine, dd_order_line, DD, ORDER_LINE, GObject)

DdOrderLine   *dd_order_line_new                (void) G_GNUC_WARN_UNUSED_RESULT;

/* Properties: "line-id", "order-id", "title", "sku-id", "product-id",
 * "image-url", "detail-url", "quantity", "raw-status" (strings but quantity). */
const char    *dd_order_line_get_line_id        (DdOrderLine *self);
void           dd_order_line_set_line_id        (DdOrderLine *self, const char *line_id);
const char    *dd_order_line_get_order_id       (DdOrderLine *self);
void           dd_order_line_set_order_id       (DdOrderLine *self, const char *order_id);
const char    *dd_order_line_get_title          (DdOrderLine *self);
void           dd_order_line_set_title          (DdOrderLine *self, const char *title);
const char    *dd_order_line_get_sku_id         (DdOrderLine *self);
void           dd_order_line_set_sku_id         (DdOrderLine *self, const char *sku_id);
const char    *dd_order_line_get_product_id     (DdOrderLine *self);
void           dd_order_line_set_product_id     (DdOrderLine *self, const char *product_id);
const char    *dd_order_line_get_image_url      (DdOrderLine *self);
void           dd_order_line_set_image_url      (DdOrderLine *self, const char *image_url);
const char    *dd_order_line_get_detail_url     (DdOrderLine *self);
void           dd_order_line_set_detail_url     (DdOrderLine *self, const char *detail_url);
const char    *dd_order_line_get_raw_status     (DdOrderLine *self);
void           dd_order_line_set_raw_status     (DdOrderLine *self, const char *raw_status);
guint          dd_order_line_get_quantity       (DdOrderLine *self);
void           dd_order_line_set_quantity       (DdOrderLine *self, guint quantity);

const DdMoney *dd_order_line_get_unit_fee       (DdOrderLine *self);
void           dd_order_line_set_unit_fee       (DdOrderLine *self, const DdMoney *fee);
const DdMoney *dd_order_line_get_actual_fee     (DdOrderLine *self);
void           dd_order_line_set_actual_fee     (DdOrderLine *self, const DdMoney *fee);

/* SKU properties, in served order. The line owns them. */
guint                 dd_order_line_get_n_sku_properties (DdOrderLine *self);
const DdSkuProperty  *dd_order_line_get_sku_property     (DdOrderLine *self, guint index);
void                  dd_order_line_add_sku_property     (DdOrderLine *self,
                                                          const char  *name,
                                                          const char  *value);
/* "色系: 黑色; 產品尺寸: 50", or "" when there are none. */
char                 *dd_order_line_format_sku_properties (DdOrderLine *self) G_GNUC_WARN_UNUSED_RESULT;

guint                 dd_order_line_get_n_shipments      (DdOrderLine *self);
const DdShipment     *dd_order_line_get_shipment         (DdOrderLine *self, guint index);
void                  dd_order_line_add_shipment         (DdOrderLine *self,
                                                          const char  *order_no,
                                                          const char  *tracking_number,
                                                          const char  *logistics_id);

G_END_DECLS
