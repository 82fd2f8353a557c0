/* dd-sandbox-top-pc.c: the TOP router's procurement (企业购 / 采购宝) buyer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The orders of the buyer DD_SANDBOX_TOP_PC_BUYER_ID, generated from the
 * seed, their state and their JSON (the PC_ORDER of
 * /work/brief/top-pc-shape.md §2); dd-sandbox-top-pc-api.c serves them.
 *
 * States: WAIT_BUYER_PAY (pay_status 1) → WAIT_SELLER_SEND_GOODS (2, paid) →
 * WAIT_BUYER_CONFIRM_GOODS (2, shipped) → TRADE_FINISHED (6); cancel while
 * unpaid gives TRADE_CLOSED (7, no payment created); Taobao closes some
 * unpaid ones itself (TRADE_CLOSED_BY_TAOBAO, 8). Tests move orders with
 * dd_sandbox_top_shop_set_pc_status().
 *
 * Prices: an item of the seller shop's catalogue costs what it costs there;
 * any other item id gets a price derived from the id. An order keeps the
 * unit_price the buyer sent (the contract price), else the catalogue's.
 * Shipping is free from 99 yuan, else 10.00; total_fee = goods + post_fee.
 * An order's sub_order_ids are its biz_order_id + 1 … + 99.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-top-private.h"

#define PC_RECENT_MS       (3 * TOP_DAY_MS)
#define PC_FREE_SHIPPING   9900
#define PC_POST_FEE        1000

/* The procurement statuses, with the pay and logistics statuses they imply. */
static const struct
{
  TopStatus status;
  guint8    pay_status;
  guint8    logistics_status;
  guint     recent_weight;
  guint     old_weight;
} pc_states[] = {
  { TS_WAIT_BUYER_PAY, 1, 1, 30, 0 },
  { TS_WAIT_SELLER_SEND_GOODS, 2, 1, 25, 2 },
  { TS_WAIT_BUYER_CONFIRM_GOODS, 2, 2, 20, 8 },
  { TS_FINISHED, 6, 3, 10, 70 },
  { TS_CLOSED, 7, 1, 12, 15 },
  { TS_CLOSED_BY_TAOBAO, 8, 1, 3, 5 },
};

static const char * const pc_remarks[] = {
  "请开具增值税专用发票", "工作日送货", "送至前台", "随货附清单",
};

static void
pc_item_clear (gpointer data)
{
  PcItem *item = data;

  g_free (item->sub_order_id);
  g_free (item->title);
  g_free (item->sku_properties_name);
}

void
top_pc_order_free (gpointer data)
{
  TopPcOrder *order = data;

  g_free (order->biz_order_id);
  g_free (order->out_order_id);
  g_free (order->contract_no);
  g_free (order->remark);
  g_free (order->consignee_name);
  g_free (order->mobile_phone);
  g_free (order->address_detail);
  g_array_unref (order->items);
  g_free (order);
}

static int
state_index (guint status)
{
  for (guint i = 0; i < G_N_ELEMENTS (pc_states); i++)
    if (pc_states[i].status == status)
      return (int) i;
  return -1;
}

static void
set_state (TopPcOrder *order,
           guint       index)
{
  order->status = pc_states[index].status;
  order->pay_status = pc_states[index].pay_status;
  order->logistics_status = pc_states[index].logistics_status;
}

void
top_pc_order_set_status (TopPcOrder *order,
                         guint       status)
{
  int index = state_index (status);

  g_assert (index >= 0);
  set_state (order, (guint) index);
}

/* ---- the catalogue ------------------------------------------------------------------- */

/* The seller shop's product with @item_id, or -1. */
static int
catalogue_product (DdSandboxTopShop *shop,
                   gint64            item_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (shop->num_iids); i++)
    if (shop->num_iids[i] == item_id)
      return (int) i;
  return -1;
}

gint64
top_pc_catalogue_price (DdSandboxTopShop *shop,
                        gint64            item_id)
{
  int product = catalogue_product (shop, item_id);

  if (product >= 0)
    return TOP_PRICE_FEN (shop_products[product].price);
  return 1000 + (gint64) (top_mix64 ((guint64) item_id) % 50000);
}

char *
top_pc_catalogue_title (DdSandboxTopShop *shop,
                        gint64            item_id)
{
  int product = catalogue_product (shop, item_id);

  if (product >= 0)
    return g_strdup (shop->titles[product]);
  return g_strdup_printf ("企业采购商品 %" G_GINT64_FORMAT, item_id);
}

/* The documented way to test can_buy=false. */
gboolean
top_pc_item_can_buy (gint64 item_id)
{
  return item_id % 10 != 9;
}

static gint64
order_goods (const TopPcOrder *order)
{
  gint64 sum = 0;

  for (guint i = 0; i < order->items->len; i++)
    {
      const PcItem *item = &g_array_index (order->items, PcItem, i);

      sum += item->unit_price * item->quantity;
    }
  return sum;
}

gint64
top_pc_post_fee_for (gint64 goods)
{
  return goods >= PC_FREE_SHIPPING ? 0 : PC_POST_FEE;
}

/* ---- generation -------------------------------------------------------------------- */

static char *
new_biz_order_id (DdSandboxTopShop *shop)
{
  char *id;

  do
    {
      guint64 r = top_rng_next (shop) % G_GUINT64_CONSTANT (10000000000000000);

      id = g_strdup_printf ("%" G_GUINT64_FORMAT, G_GUINT64_CONSTANT (4000000000000000000) + r * 100);
      if (!g_hash_table_contains (shop->pc_by_id, id))
        return id;
      g_free (id);
    }
  while (TRUE);
}

TopPcOrder *
top_pc_order_new (DdSandboxTopShop *shop)
{
  TopPcOrder *order = g_new0 (TopPcOrder, 1);

  order->biz_order_id = new_biz_order_id (shop);
  order->buyer_id = g_ascii_strtoll (DD_SANDBOX_TOP_PC_BUYER_ID, NULL, 10);
  order->items = g_array_new (FALSE, TRUE, sizeof (PcItem));
  g_array_set_clear_func (order->items, pc_item_clear);
  order->courier = top_rng_below (shop, G_N_ELEMENTS (top_couriers));
  return order;
}

void
top_pc_order_add_item (TopPcOrder *order,
                       gint64      item_id,
                       gint64      sku_id,
                       guint       quantity,
                       gint64      unit_price,
                       char       *title,
                       char       *sku_properties_name)
{
  PcItem item = {
    .sub_order_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                     g_ascii_strtoll (order->biz_order_id, NULL, 10) + 1 + order->items->len),
    .item_id = item_id,
    .sku_id = sku_id,
    .quantity = quantity,
    .unit_price = unit_price,
    .title = title,
    .sku_properties_name = sku_properties_name,
  };

  g_assert (order->items->len < TOP_PC_MAX_ITEMS);
  g_array_append_val (order->items, item);
}

/* Under lock: makes @order known by its ids. */
static void
register_order (DdSandboxTopShop *shop,
                TopPcOrder       *order)
{
  g_hash_table_insert (shop->pc_by_id, order->biz_order_id, order);
  if (order->out_order_id != NULL)
    g_hash_table_insert (shop->pc_by_out_id, order->out_order_id, order);
}

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const TopPcOrder *x = *(const TopPcOrder * const *) a;
  const TopPcOrder *y = *(const TopPcOrder * const *) b;

  if (x->created_ms != y->created_ms)
    return x->created_ms > y->created_ms ? -1 : 1;
  return -strcmp (x->biz_order_id, y->biz_order_id);
}

/* A random span in [@min_ms, @max_ms). */
static gint64
span (DdSandboxTopShop *shop,
      gint64            min_ms,
      gint64            max_ms)
{
  return min_ms + (gint64) (top_rng_next (shop) % (guint64) (max_ms - min_ms));
}

static void
generate_order (DdSandboxTopShop *shop,
                TopPcOrder       *order,
                gint64            now,
                int               state)
{
  gint64 age = 1000 + (gint64) (top_rng_next (shop) % (guint64) (TOP_HISTORY_MS - TOP_DAY_MS));
  const TopPlace *place = &top_places[top_rng_below (shop, G_N_ELEMENTS (top_places))];
  g_autofree char *surname = top_to_simplified (shop_surnames[top_rng_below (shop, G_N_ELEMENTS (shop_surnames))]);
  guint n_items = 1 + top_rng_below (shop, 3);
  gboolean forced = state >= 0;
  gint64 t;

  if (state < 0)
    {
      guint weights[G_N_ELEMENTS (pc_states)];

      for (guint i = 0; i < G_N_ELEMENTS (pc_states); i++)
        weights[i] = age <= PC_RECENT_MS ? pc_states[i].recent_weight : pc_states[i].old_weight;
      state = (int) top_rng_weighted (shop, weights, G_N_ELEMENTS (pc_states));
    }
  /* Unpaid orders are recent; the first few (forced) are old enough to have
   * reached their state. */
  if (pc_states[state].pay_status == 1)
    age = 1000 + age % PC_RECENT_MS;
  else if (forced)
    age = 15 * TOP_DAY_MS + age % (TOP_HISTORY_MS - 16 * TOP_DAY_MS);
  set_state (order, (guint) state);

  if (top_rng_below (shop, 10) < 7)
    order->out_order_id = g_strdup_printf ("ERP%010u", top_rng_below (shop, 1000000000));
  if (order->out_order_id != NULL && g_hash_table_contains (shop->pc_by_out_id, order->out_order_id))
    g_clear_pointer (&order->out_order_id, g_free);
  order->contract_no = g_strdup_printf ("HT%04u%06u", 2023 + top_rng_below (shop, 2),
                                        (guint) (shop->seed % 1000) * 100 + top_rng_below (shop, 3));
  order->consignee_name = g_strconcat (surname, "*", NULL);
  order->mobile_phone = g_strdup_printf ("%s****%04u",
                                         top_mobile_prefixes[top_rng_below (shop, G_N_ELEMENTS (top_mobile_prefixes))],
                                         top_rng_below (shop, 10000));
  order->address_detail = g_strconcat (place->state, place->city, place->district, "***", NULL);
  if (top_rng_below (shop, 4) == 0)
    order->remark = g_strdup (pc_remarks[top_rng_below (shop, G_N_ELEMENTS (pc_remarks))]);

  for (guint i = 0; i < n_items; i++)
    {
      TopLine line = { 0 };
      const ShopProduct *product;

      line.product = top_rng_below (shop, G_N_ELEMENTS (shop_products));
      product = &shop_products[line.product];
      for (guint p = 0; p < 2; p++)
        line.value[p] = product->props[p] == PROP_NONE ? 0
                        : top_rng_below (shop, g_strv_length (shop->values[product->props[p]]));
      top_pc_order_add_item (order, shop->num_iids[line.product], top_line_sku_id (shop, &line),
                             (1 + top_rng_below (shop, 10)) * 5, TOP_PRICE_FEN (product->price),
                             g_strdup (shop->titles[line.product]), top_line_properties (shop, &line));
    }
  order->post_fee = top_pc_post_fee_for (order_goods (order));

  /* Lived towards its state; a step later than now has not happened yet. */
  order->created_ms = order->modified_ms = t = top_whole_seconds (now - age);
  if (order->pay_status == 7 || order->pay_status == 8)
    {
      t += order->pay_status == 8 ? PC_RECENT_MS : span (shop, 3600 * 1000, PC_RECENT_MS);
      if (t > now)
        top_pc_order_set_status (order, TS_WAIT_BUYER_PAY);
      else
        order->modified_ms = top_whole_seconds (t);
      return;
    }
  if (order->pay_status == 1)
    return;
  if ((t += span (shop, 10 * 60 * 1000, TOP_DAY_MS)) > now)
    {
      top_pc_order_set_status (order, TS_WAIT_BUYER_PAY);
      return;
    }
  order->pay_ms = order->modified_ms = top_whole_seconds (t);
  if (order->logistics_status < 2)
    return;
  if ((t += span (shop, 4 * 3600 * 1000, 2 * TOP_DAY_MS)) > now)
    {
      top_pc_order_set_status (order, TS_WAIT_SELLER_SEND_GOODS);
      return;
    }
  order->consign_ms = order->modified_ms = top_whole_seconds (t);
  if (order->logistics_status < 3)
    return;
  if ((t += span (shop, 2 * TOP_DAY_MS, 6 * TOP_DAY_MS)) > now)
    {
      top_pc_order_set_status (order, TS_WAIT_BUYER_CONFIRM_GOODS);
      return;
    }
  order->modified_ms = top_whole_seconds (t);
}

void
top_pc_shop_add_order (DdSandboxTopShop *shop,
                       TopPcOrder       *order,
                       gint64            now_ms)
{
  guint low = 0;
  guint high = shop->pc_orders->len;

  order->post_fee = top_pc_post_fee_for (order_goods (order));
  order->created_ms = order->modified_ms = top_whole_seconds (now_ms);
  register_order (shop, order);

  /* Keep the listing sorted: binary search for the place. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_orders (&shop->pc_orders->pdata[mid], &order) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  g_ptr_array_insert (shop->pc_orders, (gint) low, order);
}

void
top_pc_generate (DdSandboxTopShop *shop,
                 guint             n_orders,
                 gint64            now_ms)
{
  for (guint i = 0; i < n_orders; i++)
    {
      TopPcOrder *order = top_pc_order_new (shop);

      /* The first few cover every state. */
      generate_order (shop, order, now_ms, i < G_N_ELEMENTS (pc_states) ? (int) i : -1);
      register_order (shop, order);
      g_ptr_array_add (shop->pc_orders, order);
    }
  g_ptr_array_sort (shop->pc_orders, compare_orders);
}

/* ---- JSON ----------------------------------------------------------------------------- */

/* {"string": [@values…]}, TOP's wrapping of a list of strings. */
static JsonObject *
string_list (const char *value)
{
  JsonObject *wrapper = json_object_new ();
  JsonArray *list = json_array_new ();

  json_array_add_string_element (list, value);
  json_object_set_array_member (wrapper, "string", list);
  return wrapper;
}

JsonObject *
top_pc_order_to_json (DdSandboxTopShop *shop,
                      const TopPcOrder *order,
                      const char       *base_url)
{
  JsonObject *object = json_object_new ();
  JsonObject *items = json_object_new ();
  JsonObject *address = json_object_new ();
  JsonArray *list = json_array_new ();
  gint64 goods = order_goods (order);

  json_object_set_string_member (object, "biz_order_id", order->biz_order_id);
  if (order->out_order_id != NULL)
    json_object_set_string_member (object, "out_order_id", order->out_order_id);
  json_object_set_string_member (object, "contract_no", order->contract_no);
  json_object_set_int_member (object, "buyer_id", order->buyer_id);
  json_object_set_string_member (object, "status", top_statuses[order->status]);
  json_object_set_int_member (object, "pay_status", order->pay_status);
  json_object_set_int_member (object, "logistics_status", order->logistics_status);
  top_json_set_yuan (object, "total_fee", goods + order->post_fee);
  top_json_set_yuan (object, "post_fee", order->post_fee);
  top_json_set_time (object, "created", order->created_ms);
  top_json_set_time (object, "modified", order->modified_ms);
  top_json_set_time (object, "pay_time", order->pay_ms);
  if (order->remark != NULL)
    json_object_set_string_member (object, "remark", order->remark);

  for (guint i = 0; i < order->items->len; i++)
    {
      const PcItem *item = &g_array_index (order->items, PcItem, i);
      JsonObject *element = json_object_new ();
      g_autofree char *image = top_image_url (base_url, item->item_id);

      json_object_set_string_member (element, "sub_order_id", item->sub_order_id);
      json_object_set_int_member (element, "item_id", item->item_id);
      if (item->sku_id > 0)
        json_object_set_int_member (element, "sku_id", item->sku_id);
      json_object_set_string_member (element, "title", item->title);
      json_object_set_int_member (element, "quantity", item->quantity);
      top_json_set_yuan (element, "unit_price", item->unit_price);
      json_object_set_string_member (element, "pic_url", image);
      if (item->sku_properties_name != NULL)
        json_object_set_string_member (element, "sku_properties_name", item->sku_properties_name);
      json_array_add_object_element (list, element);
    }
  json_object_set_array_member (items, "order_item", list);
  json_object_set_object_member (object, "items", items);

  json_object_set_string_member (address, "consignee_name", order->consignee_name);
  json_object_set_string_member (address, "mobile_phone", order->mobile_phone);
  json_object_set_string_member (address, "address_detail", order->address_detail);
  json_object_set_object_member (object, "address", address);

  if (order->logistics_status >= 2)
    {
      const TopCourier *courier = &top_couriers[order->courier];
      guint64 modulus = 1;
      g_autofree char *invoice_no = NULL;

      for (guint i = 0; i < courier->n_digits; i++)
        modulus *= 10;
      invoice_no = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, courier->prefix, (int) courier->n_digits,
                                    top_mix64 (shop->seed ^ g_str_hash (order->biz_order_id)) % modulus);
      json_object_set_string_member (object, "logistics_company", courier->name);
      json_object_set_string_member (object, "invoice_no", invoice_no);
    }
  return object;
}

JsonObject *
top_pc_place_order_to_json (const TopPcOrder *order)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "contract_no", order->contract_no);
  if (order->out_order_id != NULL)
    json_object_set_string_member (object, "out_order_id", order->out_order_id);
  json_object_set_object_member (object, "biz_order_ids", string_list (order->biz_order_id));
  return object;
}

/* ---- test helpers ----------------------------------------------------------------------- */

gboolean
dd_sandbox_top_shop_set_pc_status (DdSandboxTopShop *shop,
                                   const char       *biz_order_id,
                                   const char       *status,
                                   gint64            now_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopPcOrder *order;
  int index = -1;

  g_return_val_if_fail (shop != NULL, FALSE);

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (pc_states); i++)
    if (g_str_equal (status, top_statuses[pc_states[i].status]))
      index = (int) i;
  locker = g_mutex_locker_new (&shop->lock);
  order = biz_order_id != NULL ? g_hash_table_lookup (shop->pc_by_id, biz_order_id) : NULL;
  if (order == NULL || index < 0)
    return FALSE;

  set_state (order, (guint) index);
  order->modified_ms = MAX (top_whole_seconds (now_ms), order->modified_ms + TOP_SECOND_MS);
  if (order->pay_status == 1 || order->pay_status == 7 || order->pay_status == 8)
    order->pay_ms = 0;
  else if (order->pay_ms == 0)
    order->pay_ms = order->modified_ms;
  if (order->logistics_status >= 2 && order->consign_ms == 0)
    order->consign_ms = order->modified_ms;
  else if (order->logistics_status < 2)
    order->consign_ms = 0;
  return TRUE;
}

char *
dd_sandbox_top_shop_dup_pc_status (DdSandboxTopShop *shop,
                                   const char       *biz_order_id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopPcOrder *order;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  order = biz_order_id != NULL ? g_hash_table_lookup (shop->pc_by_id, biz_order_id) : NULL;
  return order != NULL ? g_strdup (top_statuses[order->status]) : NULL;
}

gint64
dd_sandbox_top_shop_get_pc_modified_ms (DdSandboxTopShop *shop,
                                        const char       *biz_order_id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopPcOrder *order;

  g_return_val_if_fail (shop != NULL, -1);

  locker = g_mutex_locker_new (&shop->lock);
  order = biz_order_id != NULL ? g_hash_table_lookup (shop->pc_by_id, biz_order_id) : NULL;
  return order != NULL ? order->modified_ms : -1;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
dd_sandbox_top_shop_list_pc_ids (DdSandboxTopShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *result;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  result = g_ptr_array_new_full (shop->pc_orders->len, g_free);
  for (guint i = 0; i < shop->pc_orders->len; i++)
    g_ptr_array_add (result, g_strdup (((TopPcOrder *) g_ptr_array_index (shop->pc_orders, i))->biz_order_id));
  g_clear_pointer (&locker, g_mutex_locker_free);

  /* Every id has 19 digits: byte order is numeric order. */
  g_ptr_array_sort (result, compare_strings);
  return result;
}
