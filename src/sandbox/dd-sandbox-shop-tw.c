/* dd-sandbox-shop-tw.c: the shop as Taobao Taiwan serves it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shapes of the documentation's examples (seed 003): /orders/get's
 * model_list items, /order/items/get's lines and /order/get's "module", key
 * for key and type for type: ids and money as strings, times (ms) and
 * quantities as integers, sku_info as a JSON *string*, and line ids listed
 * with embedded quotes. Built only for the orders a page shows.
 */
#include "config.h"

#include "dd-sandbox-shop-private.h"

static void
set_id (JsonObject *object,
        const char *key,
        gint64      id)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, id);
  json_object_set_string_member (object, key, buf);
}

/* Whole TWD, as a string: "62". */
static void
set_money (JsonObject *object,
           const char *key,
           guint       amount)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", amount);
  json_object_set_string_member (object, key, buf);
}

/* Digits derived from a line id, for package and tracking numbers. */
static guint64
line_code (DdSandboxShop *shop,
           gint64         line_id,
           guint          salt)
{
  return mix64 (shop->seed ^ (guint64) line_id ^ ((guint64) salt << 56));
}

static gboolean
status_has_package (guint status)
{
  return status == ST_READY_TO_SHIP || status == ST_SHIPPED || status == ST_DELIVERED ||
         status == ST_RETURNED || status == ST_FAILED;
}

static gboolean
status_has_tracking (guint status)
{
  return status_has_package (status) && status != ST_READY_TO_SHIP;
}

static JsonArray *
make_shipments (DdSandboxShop   *shop,
                const ShopOrder *order,
                const ShopLine  *line)
{
  JsonArray *list = json_array_new ();
  JsonObject *parcel;
  guint64 code;
  char tracking[16];
  char logistics[20];

  if (!status_has_package (order->status))
    return list;

  parcel = json_object_new ();
  json_object_set_int_member (parcel, "order_no", 1);
  if (!status_has_tracking (order->status))
    {
      json_array_add_object_element (list, parcel);
      return list;
    }
  if (line->split_parcels)
    {
      /* As in the documentation: an untracked first parcel, then the tracked one. */
      json_array_add_object_element (list, parcel);
      parcel = json_object_new ();
      json_object_set_int_member (parcel, "order_no", 2);
    }

  code = line_code (shop, line->line_id, 1);
  g_snprintf (tracking, sizeof tracking, "%02u%c%c%c%08u",
              (guint) (code % 100),
              'A' + (int) ((code >> 8) % 26), 'A' + (int) ((code >> 16) % 26), 'A' + (int) ((code >> 24) % 26),
              (guint) ((code >> 32) % 100000000));
  g_snprintf (logistics, sizeof logistics, "LP00%012" G_GUINT64_FORMAT,
              line_code (shop, line->line_id, 2) % G_GUINT64_CONSTANT (1000000000000));
  json_object_set_string_member (parcel, "tracking_number", tracking);
  json_object_set_string_member (parcel, "logistics_id", logistics);
  json_array_add_object_element (list, parcel);
  return list;
}

static char *
make_sku_info (const ShopLine *line)
{
  const ShopProduct *product = &shop_products[line->product];
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  for (guint p = 0; p < 2; p++)
    {
      const ShopProperty *property;
      JsonObject *value;

      if (product->props[p] == PROP_NONE)
        continue;
      property = &shop_properties[product->props[p]];
      value = json_object_new ();
      json_object_set_int_member (value, "valueId", -1);
      json_object_set_string_member (value, "valueText", property->values[line->value[p]]);
      json_object_set_string_member (value, "propertyName", property->name);
      json_object_set_int_member (value, "propertyId", property->id);
      json_array_add_object_element (array, value);
    }
  json_node_set_array (root, array);
  return json_to_string (root, FALSE);
}

static gint64
sku_id (DdSandboxShop  *shop,
        const ShopLine *line)
{
  return shop->product_ids[line->product] * 10 + 1000000000 + line->value[0] * 10 + line->value[1];
}

static JsonObject *
line_to_json (DdSandboxShop   *shop,
              const ShopOrder *order,
              guint            index)
{
  const ShopLine *line = &order->lines[index];
  const ShopProduct *product = &shop_products[line->product];
  const ShopBuyer *buyer = &shop->buyers[order->buyer];
  gint64 product_id = shop->product_ids[line->product];
  guint shipping = index == 0 ? order_shipping_fee (order) : 0;
  guint actual_shipping = index == 0 ? order_actual_shipping_fee (order) : 0;
  JsonObject *object = json_object_new ();
  g_autofree char *image = g_strdup_printf ("%s/img/%" G_GINT64_FORMAT ".png", shop->base_url, product_id);
  g_autofree char *detail = g_strdup_printf ("%s/products/i%" G_GINT64_FORMAT "-s%" G_GINT64_FORMAT ".html",
                                             shop->base_url, product_id, sku_id (shop, line));
  g_autofree char *sku_info = make_sku_info (line);
  char package[20] = "";

  if (status_has_package (order->status))
    g_snprintf (package, sizeof package, "FO%015" G_GUINT64_FORMAT,
                line_code (shop, line->line_id, 0) % G_GUINT64_CONSTANT (1000000000000000));

  json_object_set_int_member (object, "creation_time", order->created_ms);
  json_object_set_string_member (object, "product_main_image", image);
  json_object_set_string_member (object, "product_detail_url", detail);
  set_id (object, "trade_order_id", order->order_id);
  set_id (object, "trade_order_line_id", line->line_id);
  json_object_set_string_member (object, "package_id", package);
  set_id (object, "product_id", product_id);
  set_money (object, "unit_fee", product->price);
  json_object_set_string_member (object, "unit_fee_currency_code", SHOP_CURRENCY);
  json_object_set_array_member (object, "shipment_list", make_shipments (shop, order, line));
  json_object_set_int_member (object, "quantity", line->quantity);
  set_money (object, "actual_fee", product->price * line->quantity + actual_shipping);
  json_object_set_string_member (object, "sku_info", sku_info);
  set_id (object, "sku_id", sku_id (shop, line));
  json_object_set_string_member (object, "buyer_full_name", buyer->nick);
  json_object_set_string_member (object, "product_title", product->title);
  json_object_set_string_member (object, "shipping_fee_currency_code", SHOP_CURRENCY);
  set_money (object, "shipping_fee", shipping);
  set_money (object, "actual_shipping_fee", actual_shipping);
  json_object_set_string_member (object, "actual_shipping_fee_currency_code", SHOP_CURRENCY);
  json_object_set_int_member (object, "modification_time", order->modified_ms);
  json_object_set_string_member (object, "actual_fee_currency_code", SHOP_CURRENCY);
  json_object_set_string_member (object, "status", shop_statuses[order->status]);
  return object;
}

static JsonObject *
delivery_to_json (DdSandboxShop   *shop,
                  const ShopOrder *order)
{
  const ShopBuyer *buyer = &shop->buyers[order->buyer];
  const ShopPlace *place = &shop_places[buyer->place];
  const ShopChannel *channel = &shop_channels[order->channel];
  JsonObject *object = json_object_new ();
  g_autofree char *address = NULL;

  if (channel->store_chain != NULL)
    {
      /* "台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店" */
      address = g_strconcat (order->detail_address, " ",
                             channel->store_chain,
                             channel->store_city ? place->city_short : "",
                             shop_store_words[order->store_word],
                             channel->store_suffix, NULL);
    }
  else
    address = g_strdup (buyer->home_address);

  json_object_set_string_member (object, "area", place->area);
  json_object_set_string_member (object, "country_code", SHOP_COUNTRY_CODE);
  json_object_set_string_member (object, "city", place->city);
  json_object_set_string_member (object, "detail_address", address);
  json_object_set_string_member (object, "receiver_name", buyer->receiver_name);
  json_object_set_string_member (object, "state", SHOP_STATE);
  json_object_set_string_member (object, "receiver_phone", buyer->receiver_phone);
  return object;
}

/* The /orders/get shape, or with @full the /order/get "module" shape. */
static JsonObject *
order_to_json (DdSandboxShop   *shop,
               const ShopOrder *order,
               gboolean         full)
{
  const ShopBuyer *buyer = &shop->buyers[order->buyer];
  guint actual_shipping = order_actual_shipping_fee (order);
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "creation_time", order->created_ms);
  set_id (object, "trade_order_id", order->order_id);
  set_id (object, "buyer_id", buyer->id);
  json_object_set_string_member (object, "seller_full_name", SHOP_SELLER_NAME);
  json_object_set_string_member (object, "seller_id", shop->seller_id);
  set_money (object, "actual_fee", order_goods (order) + actual_shipping);
  json_object_set_string_member (object, "buyer_full_name", buyer->nick);
  json_object_set_string_member (object, "shipping_fee_currency_code", SHOP_CURRENCY);
  set_money (object, "shipping_fee", order_shipping_fee (order));
  set_money (object, "actual_shipping_fee", actual_shipping);
  json_object_set_string_member (object, "payment_channel", shop_channels[order->channel].name);
  json_object_set_string_member (object, "actual_shipping_fee_currency_code", SHOP_CURRENCY);
  json_object_set_object_member (object, "delivery_info", delivery_to_json (shop, order));

  if (full)
    {
      JsonArray *lines = json_array_new ();

      for (guint i = 0; i < order->n_lines; i++)
        json_array_add_object_element (lines, line_to_json (shop, order, i));
      json_object_set_array_member (object, "trade_order_line_list", lines);
      json_object_set_string_member (object, "actual_fee_currency_code", SHOP_CURRENCY);
      json_object_set_int_member (object, "modification_time", order->modified_ms);
    }
  else
    {
      JsonArray *ids = json_array_new ();

      for (guint i = 0; i < order->n_lines; i++)
        {
          /* Sic: the ids arrive with embedded quotes ("\"558757467941\""). */
          char buf[32];

          g_snprintf (buf, sizeof buf, "\"%" G_GINT64_FORMAT "\"", order->lines[i].line_id);
          json_array_add_string_element (ids, buf);
        }
      json_object_set_int_member (object, "modification_time", order->modified_ms);
      json_object_set_string_member (object, "actual_fee_currency_code", SHOP_CURRENCY);
      json_object_set_array_member (object, "trade_order_line_id_list", ids);
    }
  json_object_set_string_member (object, "status", shop_statuses[order->status]);
  return object;
}

static gboolean
order_matches (const ShopOrder *order,
               int              status,
               gint64           start_ms,
               gint64           end_ms)
{
  return (status < 0 || order->status == status) &&
         (start_ms <= 0 || order->modified_ms >= start_ms) &&
         (end_ms <= 0 || order->modified_ms <= end_ms);
}

JsonArray *
dd_sandbox_shop_tw_orders (DdSandboxShop *shop,
                           const char    *status,
                           gint64         modified_start_ms,
                           gint64         modified_end_ms,
                           guint          page,
                           guint          page_size,
                           guint64       *total)
{
  g_autoptr(GMutexLocker) locker = NULL;
  JsonArray *result;
  int wanted = -1;
  guint64 first;
  guint64 n = 0;

  g_return_val_if_fail (shop != NULL, NULL);
  g_return_val_if_fail (page >= 1, NULL);

  if (status != NULL && !g_str_equal (status, "all"))
    {
      wanted = status_from_string (status);
      g_return_val_if_fail (wanted >= 0, NULL);
    }

  result = json_array_new ();
  first = (guint64) (page - 1) * page_size;
  locker = g_mutex_locker_new (&shop->lock);

  if (wanted < 0 && modified_start_ms <= 0 && modified_end_ms <= 0)
    {
      /* No filter: index straight into the listing. */
      n = shop->orders->len;
      for (guint64 i = first; i < n && i < first + page_size; i++)
        json_array_add_object_element (result, order_to_json (shop, g_ptr_array_index (shop->orders, i), FALSE));
    }
  else
    {
      for (guint i = 0; i < shop->orders->len; i++)
        {
          const ShopOrder *order = g_ptr_array_index (shop->orders, i);

          if (!order_matches (order, wanted, modified_start_ms, modified_end_ms))
            continue;
          if (n >= first && n < first + page_size)
            json_array_add_object_element (result, order_to_json (shop, order, FALSE));
          n++;
        }
    }

  if (total != NULL)
    *total = n;
  return result;
}

JsonArray *
dd_sandbox_shop_tw_lines (DdSandboxShop      *shop,
                          const char * const *line_ids,
                          guint               page,
                          guint               page_size,
                          guint64            *total)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(JsonArray) result = NULL;
  guint64 first;
  guint n = 0;

  g_return_val_if_fail (shop != NULL, NULL);
  g_return_val_if_fail (line_ids != NULL, NULL);
  g_return_val_if_fail (page >= 1, NULL);

  result = json_array_new ();
  first = (guint64) (page - 1) * page_size;
  locker = g_mutex_locker_new (&shop->lock);

  for (; line_ids[n] != NULL; n++)
    {
      guint64 id;
      const ShopOrder *order;

      if (!g_ascii_string_to_unsigned (line_ids[n], 10, 0, G_MAXINT64, &id, NULL))
        return NULL;
      order = g_hash_table_lookup (shop->lines, &(gint64) { (gint64) id });
      if (order == NULL)
        return NULL;
      if (n < first || n >= first + page_size)
        continue;
      for (guint i = 0; i < order->n_lines; i++)
        if (order->lines[i].line_id == (gint64) id)
          json_array_add_object_element (result, line_to_json (shop, order, i));
    }

  if (total != NULL)
    *total = n;
  return g_steal_pointer (&result);
}

JsonObject *
dd_sandbox_shop_tw_order (DdSandboxShop *shop,
                          const char    *order_id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  ShopOrder *order;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  order = lookup_order (shop, order_id);
  return order != NULL ? order_to_json (shop, order, TRUE) : NULL;
}
