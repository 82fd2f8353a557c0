/* test-order.c: DdOrder, DdOrderLine and DdOrderStatus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-core-enums.h"
#include "dd-order.h"

/* ---- status ---- */

static void
test_status_from_tw (void)
{
  static const struct { const char *raw; DdOrderStatus status; } cases[] = {
    { "unpaid",        DD_ORDER_STATUS_UNPAID },
    { "pending",       DD_ORDER_STATUS_TO_SHIP },
    { "ready_to_ship", DD_ORDER_STATUS_TO_SHIP },
    { "shipped",       DD_ORDER_STATUS_SHIPPED },
    { "delivered",     DD_ORDER_STATUS_COMPLETED },
    { "canceled",      DD_ORDER_STATUS_CLOSED },
    { "cancelled",     DD_ORDER_STATUS_CLOSED },
    { "returned",      DD_ORDER_STATUS_AFTER_SALE },
    { "failed",        DD_ORDER_STATUS_FAILED },
    { "all",           DD_ORDER_STATUS_UNKNOWN },
    { "READY_TO_SHIP", DD_ORDER_STATUS_UNKNOWN },
    { "",              DD_ORDER_STATUS_UNKNOWN },
    { "something_new", DD_ORDER_STATUS_UNKNOWN },
    { NULL,            DD_ORDER_STATUS_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("raw %s", cases[i].raw ? cases[i].raw : "(null)");
      g_assert_cmpint (dd_order_status_from_tw (cases[i].raw), ==, cases[i].status);
    }
}

static void
test_status_nicks (void)
{
  static const char * const expected[] = {
    "unknown", "unpaid", "to-ship", "shipped", "completed", "closed", "after-sale", "failed",
  };
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (DD_TYPE_ORDER_STATUS);
  DdOrderStatus status;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == DD_ORDER_STATUS_LAST + 1);

  for (guint i = 0; i <= DD_ORDER_STATUS_LAST; i++)
    {
      const char *nick = dd_order_status_to_nick (i);
      GEnumValue *value = g_enum_get_value (enum_class, (int) i);

      g_assert_cmpstr (nick, ==, expected[i]);
      status = DD_ORDER_STATUS_LAST + 1;
      g_assert_true (dd_order_status_from_nick (nick, &status));
      g_assert_cmpint (status, ==, i);
      /* The GEnum (used by the "status" property) agrees. */
      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, nick);
    }

  status = DD_ORDER_STATUS_SHIPPED;
  g_assert_false (dd_order_status_from_nick ("to_ship", &status));
  g_assert_false (dd_order_status_from_nick ("", &status));
  g_assert_false (dd_order_status_from_nick (NULL, &status));
  g_assert_cmpint (status, ==, DD_ORDER_STATUS_SHIPPED);
}

static void
test_status_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i <= DD_ORDER_STATUS_LAST; i++)
    {
      const char *label = dd_order_status_get_label (i);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_true (g_utf8_validate (label, -1, NULL));
      /* Every status reads differently. */
      g_assert_false (g_hash_table_contains (seen, label));
      g_hash_table_add (seen, (gpointer) label);
    }

  g_assert_cmpstr (dd_order_status_get_label (DD_ORDER_STATUS_TO_SHIP), ==, "To ship");
}

/* ---- order ---- */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count (GHashTable *counts,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_order_properties (void)
{
  g_autoptr(DdOrder) order = dd_order_new ();
  g_autofree char *order_id = NULL;
  g_autofree char *raw_status = NULL;
  g_autofree char *buyer_name = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) read_back = NULL;
  DdOrderStatus status;
  DdPaymentKind kind;

  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNKNOWN);
  g_assert_null (dd_order_get_order_id (order));
  g_assert_null (dd_order_get_created (order));
  g_assert_null (dd_order_get_delivery (order));
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 0);
  g_assert_cmpint (dd_order_get_row_id (order), ==, 0);

  created = g_date_time_new_from_unix_utc (1592988843);
  g_object_set (order,
                "account-id", "acct-1",
                "platform", DD_PLATFORM_TW,
                "order-id", "558757367941",
                "status", DD_ORDER_STATUS_TO_SHIP,
                "raw-status", "ready_to_ship",
                "buyer-id", "2000007867941",
                "buyer-name", "abbyh ",
                "seller-name", "淘寶台灣測試店鋪",
                "created", created,
                "payment-channel", "CAINIAO_HILIFE_COD",
                "payment-kind", DD_PAYMENT_KIND_CASH_ON_DELIVERY,
                NULL);

  g_assert_cmpstr (dd_order_get_account_id (order), ==, "acct-1");
  g_assert_cmpstr (dd_order_get_platform (order), ==, "tw");
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "558757367941");
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpstr (dd_order_get_buyer_id (order), ==, "2000007867941");
  g_assert_cmpstr (dd_order_get_seller_name (order), ==, "淘寶台灣測試店鋪");
  g_assert_cmpstr (dd_order_get_payment_channel (order), ==, "CAINIAO_HILIFE_COD");
  g_assert_true (dd_order_is_cash_on_delivery (order));

  g_object_get (order,
                "order-id", &order_id,
                "raw-status", &raw_status,
                "buyer-name", &buyer_name,
                "status", &status,
                "payment-kind", &kind,
                "created", &read_back,
                NULL);
  g_assert_cmpstr (order_id, ==, "558757367941");
  g_assert_cmpstr (raw_status, ==, "ready_to_ship");
  g_assert_cmpstr (buyer_name, ==, "abbyh ");
  g_assert_cmpint (status, ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpint (kind, ==, DD_PAYMENT_KIND_CASH_ON_DELIVERY);
  g_assert_true (g_date_time_equal (read_back, created));

  dd_order_set_payment_kind (order, DD_PAYMENT_KIND_ONLINE);
  g_assert_false (dd_order_is_cash_on_delivery (order));

  dd_order_set_raw_json (order, "{\"a\":1}");
  g_assert_cmpstr (dd_order_get_raw_json (order), ==, "{\"a\":1}");
  dd_order_set_row_id (order, 42);
  g_assert_cmpint (dd_order_get_row_id (order), ==, 42);

  g_assert_finalize_object (g_steal_pointer (&order));
}

static void
test_order_notify_on_change (void)
{
  g_autoptr(DdOrder) order = dd_order_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GTimeZone) taipei = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2020, 6, 24, 8, 54, 3);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_seconds (utc, 1);

  g_signal_connect (order, "notify", G_CALLBACK (count_notify_cb), counts);

  dd_order_set_order_id (order, "1");
  dd_order_set_order_id (order, "1");
  g_object_set (order, "order-id", "1", NULL);
  g_assert_cmpuint (count (counts, "order-id"), ==, 1);
  dd_order_set_order_id (order, "2");
  g_assert_cmpuint (count (counts, "order-id"), ==, 2);
  dd_order_set_order_id (order, NULL);
  dd_order_set_order_id (order, NULL);
  g_assert_cmpuint (count (counts, "order-id"), ==, 3);

  dd_order_set_status (order, DD_ORDER_STATUS_SHIPPED);
  dd_order_set_status (order, DD_ORDER_STATUS_SHIPPED);
  g_object_set (order, "status", DD_ORDER_STATUS_SHIPPED, NULL);
  g_assert_cmpuint (count (counts, "status"), ==, 1);

  dd_order_set_payment_kind (order, DD_PAYMENT_KIND_ONLINE);
  dd_order_set_payment_kind (order, DD_PAYMENT_KIND_ONLINE);
  g_assert_cmpuint (count (counts, "payment-kind"), ==, 1);

  /* The same instant in another zone is no change. */
  g_assert_nonnull (taipei);
  local = g_date_time_to_timezone (utc, taipei);
  dd_order_set_modified (order, utc);
  dd_order_set_modified (order, local);
  g_assert_cmpuint (count (counts, "modified"), ==, 1);
  dd_order_set_modified (order, later);
  g_assert_cmpuint (count (counts, "modified"), ==, 2);
  dd_order_set_modified (order, NULL);
  dd_order_set_modified (order, NULL);
  g_assert_cmpuint (count (counts, "modified"), ==, 3);

  /* Nothing else was notified. */
  g_assert_cmpuint (count (counts, "created"), ==, 0);
  g_assert_cmpuint (count (counts, "buyer-name"), ==, 0);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 4);
}

static void
test_order_created_utc (void)
{
  g_autoptr(DdOrder) order = dd_order_new ();
  g_autoptr(GTimeZone) taipei = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2020, 6, 24, 8, 54, 3);
  GDateTime *created;

  g_assert_nonnull (taipei);
  local = g_date_time_new (taipei, 2020, 6, 24, 16, 54, 3);
  dd_order_set_created (order, local);

  created = dd_order_get_created (order);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (created), ==, 8);
  g_assert_true (g_date_time_equal (created, expected));
  g_assert_cmpint (g_date_time_to_unix (created), ==, g_date_time_to_unix (local));
}

static void
test_order_money (void)
{
  g_autoptr(DdOrder) order = dd_order_new ();
  DdMoney total, fee;

  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 0);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "");

  g_assert_true (dd_money_parse_decimal ("62", "TWD", &total, NULL));
  g_assert_true (dd_money_parse_decimal ("52", "TWD", &fee, NULL));
  dd_order_set_total (order, &total);
  dd_order_set_shipping_fee (order, &fee);
  total.minor = 1;  /* a copy was stored */

  g_assert_cmpint (dd_order_get_total (order)->minor, ==, 6200);
  g_assert_cmpstr (dd_order_get_total (order)->currency, ==, "TWD");
  g_assert_cmpint (dd_order_get_shipping_fee (order)->minor, ==, 5200);
}

static void
test_order_lines (void)
{
  g_autoptr(DdOrder) order = dd_order_new ();
  DdOrderLine *first = dd_order_line_new ();
  DdOrderLine *second = dd_order_line_new ();

  dd_order_line_set_line_id (first, "558757467941");
  dd_order_line_set_line_id (second, "558757467942");
  dd_order_add_line (order, first);
  dd_order_add_line (order, second);

  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 2);
  g_assert_true (dd_order_get_line (order, 0) == first);
  g_assert_true (dd_order_get_line (order, 1) == second);
  g_assert_cmpstr (dd_order_line_get_line_id (dd_order_get_line (order, 1)), ==, "558757467942");

  /* The order holds its own reference. */
  g_object_unref (first);
  g_assert_cmpstr (dd_order_line_get_line_id (dd_order_get_line (order, 0)), ==, "558757467941");

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  dd_order_clear_lines (order);
  g_assert_cmpuint (dd_order_get_n_lines (order), ==, 0);
  g_assert_null (first);

  g_assert_finalize_object (second);
}

static void
test_order_delivery (void)
{
  g_autoptr(DdOrder) order = dd_order_new ();
  DdDeliveryInfo info = { 0 };
  const DdDeliveryInfo *stored;
  g_autofree char *address = NULL;
  g_autofree char *partial = NULL;
  DdDeliveryInfo sparse = { 0 };

  info.receiver_name = g_strdup ("黃**雲");
  info.receiver_phone = g_strdup ("09******62");
  info.country_code = g_strdup ("CN");
  info.state = g_strdup ("台灣");
  info.city = g_strdup ("台北市");
  info.area = g_strdup ("松山區");
  info.detail_address = g_strdup ("台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店");

  dd_order_set_delivery (order, &info);
  stored = dd_order_get_delivery (order);
  g_assert_nonnull (stored);
  g_assert_true (stored != &info);
  g_assert_true (stored->city != info.city);

  /* Deep copy: freeing ours leaves the order's intact. */
  dd_delivery_info_clear (&info);
  g_assert_null (info.city);
  g_assert_cmpstr (stored->receiver_name, ==, "黃**雲");
  g_assert_cmpstr (stored->city, ==, "台北市");
  g_assert_null (stored->zip);

  address = dd_delivery_info_format_address (stored);
  g_assert_cmpstr (address, ==,
                   "台灣 台北市 松山區 台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店");

  sparse.state = g_strdup ("");
  sparse.city = g_strdup ("台北市");
  sparse.detail_address = g_strdup ("基隆路二段142號");
  partial = dd_delivery_info_format_address (&sparse);
  g_assert_cmpstr (partial, ==, "台北市 基隆路二段142號");
  dd_delivery_info_clear (&sparse);

  dd_order_set_delivery (order, NULL);
  g_assert_null (dd_order_get_delivery (order));
}

/* ---- line ---- */

static void
test_line_properties (void)
{
  g_autoptr(DdOrderLine) line = dd_order_line_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *title = NULL;
  guint quantity = 0;
  DdMoney fee;

  g_signal_connect (line, "notify", G_CALLBACK (count_notify_cb), counts);

  g_object_set (line,
                "line-id", "558757467941",
                "order-id", "558757367941",
                "title", "親膚棉白T",
                "sku-id", "3065252106",
                "product-id", "242178746",
                "image-url", "https://img.example/a.jpeg",
                "detail-url", "https://item.example/a.html",
                "raw-status", "ready_to_ship",
                "quantity", 2,
                NULL);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 9);

  g_object_set (line, "title", "親膚棉白T", "quantity", 2, NULL);
  dd_order_line_set_sku_id (line, "3065252106");
  dd_order_line_set_quantity (line, 2);
  g_assert_cmpuint (count (counts, "title"), ==, 1);
  g_assert_cmpuint (count (counts, "sku-id"), ==, 1);
  g_assert_cmpuint (count (counts, "quantity"), ==, 1);

  dd_order_line_set_quantity (line, 3);
  g_assert_cmpuint (count (counts, "quantity"), ==, 2);

  g_object_get (line, "title", &title, "quantity", &quantity, NULL);
  g_assert_cmpstr (title, ==, "親膚棉白T");
  g_assert_cmpuint (quantity, ==, 3);
  g_assert_cmpstr (dd_order_line_get_product_id (line), ==, "242178746");
  g_assert_cmpstr (dd_order_line_get_image_url (line), ==, "https://img.example/a.jpeg");
  g_assert_cmpstr (dd_order_line_get_detail_url (line), ==, "https://item.example/a.html");
  g_assert_cmpstr (dd_order_line_get_order_id (line), ==, "558757367941");
  g_assert_cmpstr (dd_order_line_get_raw_status (line), ==, "ready_to_ship");

  g_assert_true (dd_money_parse_decimal ("10", "TWD", &fee, NULL));
  dd_order_line_set_unit_fee (line, &fee);
  g_assert_true (dd_money_parse_decimal ("62", "TWD", &fee, NULL));
  dd_order_line_set_actual_fee (line, &fee);
  g_assert_cmpint (dd_order_line_get_unit_fee (line)->minor, ==, 1000);
  g_assert_cmpint (dd_order_line_get_actual_fee (line)->minor, ==, 6200);
}

static void
test_line_sku (void)
{
  g_autoptr(DdOrderLine) line = dd_order_line_new ();
  g_autofree char *empty = dd_order_line_format_sku_properties (line);
  g_autofree char *text = NULL;
  char *name = g_strdup ("色系");
  const DdSkuProperty *prop;

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 0);

  dd_order_line_add_sku_property (line, name, "黑色");
  g_free (name);  /* copied */
  dd_order_line_add_sku_property (line, "產品尺寸", "50");

  g_assert_cmpuint (dd_order_line_get_n_sku_properties (line), ==, 2);
  prop = dd_order_line_get_sku_property (line, 0);
  g_assert_cmpstr (prop->name, ==, "色系");
  g_assert_cmpstr (prop->value, ==, "黑色");
  prop = dd_order_line_get_sku_property (line, 1);
  g_assert_cmpstr (prop->name, ==, "產品尺寸");

  text = dd_order_line_format_sku_properties (line);
  g_assert_cmpstr (text, ==, "色系: 黑色; 產品尺寸: 50");
}

static void
test_line_shipments (void)
{
  DdOrderLine *line = dd_order_line_new ();
  const DdShipment *shipment;

  g_assert_cmpuint (dd_order_line_get_n_shipments (line), ==, 0);

  dd_order_line_add_shipment (line, "1", NULL, NULL);
  dd_order_line_add_shipment (line, "2", "20KXH23050207", "LP00184048254522");

  g_assert_cmpuint (dd_order_line_get_n_shipments (line), ==, 2);
  shipment = dd_order_line_get_shipment (line, 0);
  g_assert_cmpstr (shipment->order_no, ==, "1");
  g_assert_null (shipment->tracking_number);
  g_assert_null (shipment->logistics_id);
  shipment = dd_order_line_get_shipment (line, 1);
  g_assert_cmpstr (shipment->order_no, ==, "2");
  g_assert_cmpstr (shipment->tracking_number, ==, "20KXH23050207");
  g_assert_cmpstr (shipment->logistics_id, ==, "LP00184048254522");

  g_assert_finalize_object (line);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/order-status/from-tw", test_status_from_tw);
  g_test_add_func ("/dingdan/order-status/nicks", test_status_nicks);
  g_test_add_func ("/dingdan/order-status/labels", test_status_labels);
  g_test_add_func ("/dingdan/order/properties", test_order_properties);
  g_test_add_func ("/dingdan/order/notify-on-change", test_order_notify_on_change);
  g_test_add_func ("/dingdan/order/created-utc", test_order_created_utc);
  g_test_add_func ("/dingdan/order/money", test_order_money);
  g_test_add_func ("/dingdan/order/lines", test_order_lines);
  g_test_add_func ("/dingdan/order/delivery", test_order_delivery);
  g_test_add_func ("/dingdan/order-line/properties", test_line_properties);
  g_test_add_func ("/dingdan/order-line/sku", test_line_sku);
  g_test_add_func ("/dingdan/order-line/shipments", test_line_shipments);

  return g_test_run ();
}
