/* dd-sandbox-pp-shop.c: the sandbox's purchasing account and its state machines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PandaPon account's Taobao-goods orders, 1688-goods orders and after-sale
 * cases, generated from the seed through a private splitmix64 generator (the
 * same on every machine), in simplified Chinese with money in fen. The first
 * orders cover every settled status; times are relative to the account's
 * creation. Orders created through the API join them.
 *
 * Taobao goods:  WAIT_BUYER_PAY ─pay / voucher reviewed→ WAIT_SELLER_SEND_GOODS
 *                → WAIT_BUYER_CONFIRM_GOODS → TRADE_FINISHED;
 *                WAIT_BUYER_PAY ─cancel→ CANCELLING → TRADE_CLOSED.
 * 1688 goods:    waitbuyerpay ─pay page→ waitsellersend → waitbuyerreceive
 *                → success; waitbuyerpay ─cancel→ cancel (synchronous).
 * Pending work (a cancel, a voucher under review) completes
 * DD_SANDBOX_PP_PENDING_MS after it was accepted, applied lazily by the next
 * call that reads or changes the account (pp_shop_settle_locked). Every
 * change moves the order's updateTime strictly forward.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-pp-private.h"

#define MAX_GENERATED_LINES 3

/* Generated Taobao-goods orders: the settled statuses, their weights and
 * how old such an order is (ms). */
static const struct
{
  PpStatus status;
  guint    weight;
  gint64   min_age;
  gint64   max_age;
} generated[] = {
  { PP_WAIT_BUYER_PAY, 15, PP_MINUTE_MS, 2 * PP_DAY_MS },
  { PP_WAIT_SELLER_SEND_GOODS, 20, PP_HOUR_MS, 5 * PP_DAY_MS },
  { PP_WAIT_BUYER_CONFIRM_GOODS, 20, PP_DAY_MS, 15 * PP_DAY_MS },
  { PP_TRADE_FINISHED, 35, 10 * PP_DAY_MS, 90 * PP_DAY_MS },
  { PP_TRADE_CLOSED, 10, PP_HOUR_MS, 90 * PP_DAY_MS },
};

/* ---- randomness and ids ---------------------------------------------------------- */

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint64
rng_next (DdSandboxPpShop *shop)
{
  shop->rng += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return mix64 (shop->rng);
}

guint
pp_rng_below (DdSandboxPpShop *shop,
           guint            n)
{
  return n > 0 ? (guint) (rng_next (shop) % n) : 0;
}

/* Uniform in [@min, @max]. */
gint64
pp_rng_between (DdSandboxPpShop *shop,
             gint64           min,
             gint64           max)
{
  return max > min ? min + (gint64) (rng_next (shop) % (guint64) (max - min + 1)) : min;
}

guint
pp_rng_weighted (DdSandboxPpShop *shop,
                 const guint     *weights,
                 guint            n)
{
  guint sum = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    sum += weights[i];
  r = pp_rng_below (shop, sum);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

/* @lead followed by random digits, @n_digits in all; never handed out before. */
char *
pp_new_id (DdSandboxPpShop *shop,
        const char      *lead,
        guint            n_digits)
{
  GString *id = g_string_sized_new (n_digits);

  do
    {
      g_string_assign (id, lead);
      while (id->len < n_digits)
        g_string_append_c (id, (char) ('0' + pp_rng_below (shop, 10)));
    }
  while (g_hash_table_contains (shop->used_ids, id->str));

  g_hash_table_add (shop->used_ids, g_strdup (id->str));
  return g_string_free (id, FALSE);
}

char *
pp_new_mobile (DdSandboxPpShop *shop,
            gboolean         masked)
{
  const char *prefix = pp_mobile_prefixes[pp_rng_below (shop, G_N_ELEMENTS (pp_mobile_prefixes))];
  guint middle = pp_rng_below (shop, 10000);
  guint last = pp_rng_below (shop, 10000);

  if (masked)
    return g_strdup_printf ("%s****%04u", prefix, last);
  return g_strdup_printf ("%s%04u%04u", prefix, middle, last);
}

/* ---- orders ------------------------------------------------------------------ */

static void
line_free (gpointer data)
{
  PpLine *line = data;

  g_free (line->sub_order_id);
  g_free (line->taobao_sub_purchase_id);
  g_free (line->item_id);
  g_free (line->sku_id);
  g_free (line->title);
  g_free (line);
}

static void
order_free (gpointer data)
{
  PpOrder *order = data;

  g_free (order->id);
  g_free (order->order_no);
  g_free (order->seller_order_number);
  g_free (order->order_source);
  g_free (order->taobao_purchase_id);
  g_free (order->close_reason);
  g_free (order->receiver);
  g_free (order->line_list);
  g_free (order->dest_province);
  g_free (order->dest_city);
  g_free (order->dest_district);
  g_free (order->mail_no);
  g_ptr_array_unref (order->lines);
  g_free (order);
}

static void
refund_free (gpointer data)
{
  PpRefund *refund = data;

  g_free (refund->refund_id);
  g_free (refund);
}

/* Newest first: createTime descending, then the id descending (all ids of
 * a kind have the same number of digits, so string order is numeric order). */
static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const PpOrder *x = *(const PpOrder * const *) a;
  const PpOrder *y = *(const PpOrder * const *) b;

  if (x->created_ms != y->created_ms)
    return x->created_ms > y->created_ms ? -1 : 1;
  return -strcmp (x->order_no, y->order_no);
}

static int
compare_refunds (gconstpointer a,
                 gconstpointer b)
{
  const PpRefund *x = *(const PpRefund * const *) a;
  const PpRefund *y = *(const PpRefund * const *) b;

  if (x->created_ms != y->created_ms)
    return x->created_ms > y->created_ms ? -1 : 1;
  return -strcmp (x->refund_id, y->refund_id);
}

/* Inserts @item where @compare puts it (the array is sorted by it). */
void
pp_insert_sorted (GPtrArray    *array,
               gpointer      item,
               GCompareFunc  compare)
{
  guint low = 0;
  guint high = array->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare (&g_ptr_array_index (array, mid), &item) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  g_ptr_array_insert (array, (gint) low, item);
}

gint64
pp_shop_touch_locked (PpOrder *order,
                      gint64   now_ms)
{
  order->updated_ms = MAX (now_ms, order->updated_ms + 1);
  return order->updated_ms;
}

/* The receiver string as the create call's example spells it (member order
 * included): zip, country, address, city, phone, mobile_phone, district,
 * name, state. Printed directly: every value comes from the word lists or
 * digits, none needs escaping (thousands of orders are generated at once). */
static char *
make_receiver (DdSandboxPpShop *shop,
               const PpPlace   *place)
{
  const char *surname = pp_surnames[pp_rng_below (shop, G_N_ELEMENTS (pp_surnames))];
  gboolean warehouse = pp_rng_below (shop, 3) == 0;
  const char *mask = pp_rng_below (shop, 2) ? "*" : "**";
  g_autofree char *mobile = pp_new_mobile (shop, TRUE);
  guint number = 1 + pp_rng_below (shop, 999);

  return g_strdup_printf ("{\"zip\":\"%s\",\"country\":\"中国\",\"address\":\"%s%u号%s\",\"city\":\"%s\","
                          "\"phone\":\"\",\"mobile_phone\":\"%s\",\"district\":\"%s\",\"name\":\"%s%s\","
                          "\"state\":\"%s\"}",
                          place->zip, place->road, number, warehouse ? "集运仓" : "", place->city,
                          mobile, place->district, surname, mask, place->province);
}

/* The orderLineList a buyer would have sent for @order's lines (every
 * member a string, as in the create call's example; digits only, printed
 * directly). */
static char *
make_line_list (const PpOrder *order)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < order->lines->len; i++)
    {
      const PpLine *line = g_ptr_array_index (order->lines, i);

      g_string_append_printf (text, "%s{\"itemId\":\"%s\",\"orderLineNo\":\"%u\",\"quantity\":\"%u\","
                              "\"price\":\"%" G_GINT64_FORMAT "\",\"currency\":\"" PP_CURRENCY "\","
                              "\"skuId\":\"%s\"}",
                              i > 0 ? "," : "", line->item_id, i + 1, line->quantity, line->unit_fen,
                              line->sku_id != NULL ? line->sku_id : "");
    }
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
add_line (DdSandboxPpShop *shop,
          PpOrder         *order,
          PpLine          *line)
{
  line->sub_order_id = pp_new_id (shop, "103", 19);
  line->taobao_sub_purchase_id = pp_new_id (shop, "2000", 12);
  g_hash_table_insert (shop->sub_orders, line->sub_order_id, order);
  g_hash_table_insert (shop->sub_orders, line->taobao_sub_purchase_id, order);
  g_ptr_array_add (order->lines, line);
}

static PpOrder *
order_new (DdSandboxPpShop *shop)
{
  PpOrder *order = g_new0 (PpOrder, 1);

  order->id = pp_new_id (shop, "103", 19);
  order->order_no = pp_new_id (shop, "103", 19);
  order->taobao_purchase_id = pp_new_id (shop, "2000", 12);
  order->lines = g_ptr_array_new_with_free_func (line_free);
  order->origin = pp_rng_below (shop, G_N_ELEMENTS (pp_places));
  order->carrier = pp_rng_below (shop, G_N_ELEMENTS (pp_carriers));
  return order;
}

static void
ship (DdSandboxPpShop *shop,
      PpOrder         *order,
      gint64           when_ms)
{
  const PpCarrier *carrier = &pp_carriers[order->carrier];
  GString *mail_no = g_string_new (carrier->prefix);

  order->shipped_ms = when_ms;
  while (mail_no->len < strlen (carrier->prefix) + carrier->digits)
    g_string_append_c (mail_no, (char) ('0' + pp_rng_below (shop, 10)));
  g_free (order->mail_no);
  order->mail_no = g_string_free (mail_no, FALSE);
}

/* A generated order of @kind (an index of generated[]) as of @now. */
static PpOrder *
generate_order (DdSandboxPpShop *shop,
                guint            kind,
                gint64           now)
{
  PpOrder *order = order_new (shop);
  const PpPlace *place = &pp_places[pp_rng_below (shop, G_N_ELEMENTS (pp_places))];
  guint n_lines = 1 + pp_rng_weighted (shop, (const guint[]) { 60, 30, 10 }, MAX_GENERATED_LINES);
  gint64 goods = 0;
  gint64 last;

  order->status = generated[kind].status;
  order->created_ms = now - pp_rng_between (shop, generated[kind].min_age, generated[kind].max_age);
  order->order_source = g_strdup (PP_ORDER_SOURCE);
  order->receiver = make_receiver (shop, place);
  order->dest_province = g_strdup (place->province);
  order->dest_city = g_strdup (place->city);
  order->dest_district = g_strdup (place->district);

  for (guint i = 0; i < n_lines; i++)
    {
      guint index = pp_rng_below (shop, G_N_ELEMENTS (pp_products));
      const PpProduct *product = &pp_products[index];
      PpLine *line = g_new0 (PpLine, 1);

      line->item_id = g_strdup (shop->item_ids[index]);
      line->title = g_strdup (product->title);
      if (product->skus != NULL)
        {
          guint n_skus = g_strv_length ((char **) product->skus);
          guint sku = pp_rng_below (shop, n_skus);

          line->sku_id = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                          G_GUINT64_CONSTANT (4000000000000) +
                                          mix64 (g_str_hash (line->item_id) * 31 + sku) % G_GUINT64_CONSTANT (1000000000000));
        }
      line->quantity = 1 + pp_rng_weighted (shop, (const guint[]) { 70, 20, 10 }, 3);
      line->unit_fen = product->price;
      goods += line->unit_fen * line->quantity;
      add_line (shop, order, line);
    }
  order->line_list = make_line_list (order);
  /* Free domestic shipping from ¥99; the first line carries the fee. */
  ((PpLine *) g_ptr_array_index (order->lines, 0))->post_fee_fen =
    goods >= 9900 ? 0 : (gint64) (const guint[]) { 0, 600, 800, 1000 }[pp_rng_below (shop, 4)];

  last = order->created_ms;
  if (order->status >= PP_WAIT_SELLER_SEND_GOODS && order->status <= PP_TRADE_FINISHED)
    {
      order->pay_status = PP_PAID;
      order->paid_ms = last = MIN (order->created_ms + pp_rng_between (shop, 2 * PP_MINUTE_MS, 2 * PP_HOUR_MS), now - 1);
    }
  if (order->status == PP_WAIT_BUYER_CONFIRM_GOODS || order->status == PP_TRADE_FINISHED)
    {
      ship (shop, order, MIN (last + pp_rng_between (shop, 4 * PP_HOUR_MS, 40 * PP_HOUR_MS), now - 1));
      last = order->shipped_ms;
    }
  if (order->status == PP_TRADE_FINISHED)
    order->finished_ms = last = MIN (last + pp_rng_between (shop, 3 * PP_DAY_MS, 8 * PP_DAY_MS), now - 1);
  if (order->status == PP_TRADE_CLOSED)
    {
      order->close_reason = g_strdup (pp_close_reasons[pp_rng_below (shop, G_N_ELEMENTS (pp_close_reasons))]);
      last = MIN (last + pp_rng_between (shop, 10 * PP_MINUTE_MS, PP_DAY_MS), now - 1);
    }
  order->updated_ms = MAX (last, order->created_ms);
  return order;
}

static void
add_order (DdSandboxPpShop *shop,
           PpOrder         *order)
{
  g_hash_table_insert (shop->orders_by_no, order->order_no, order);
  if (order->seller_order_number != NULL)
    g_hash_table_insert (shop->orders_by_key, order->seller_order_number, order);
  pp_insert_sorted (shop->orders, order, compare_orders);
}

/* After-sale cases: one in five shipped orders, the first one still open. */
static void
generate_refunds (DdSandboxPpShop *shop,
                  gint64           now)
{
  /* Oldest first, so the cases do not depend on the listing order. */
  for (guint i = shop->orders->len; i-- > 0;)
    {
      PpOrder *order = g_ptr_array_index (shop->orders, i);
      PpRefund *refund;
      PpLine *line;

      if (order->shipped_ms == 0 || pp_rng_below (shop, 5) != 0)
        continue;

      refund = g_new0 (PpRefund, 1);
      refund->refund_id = pp_new_id (shop, "88", 16);
      refund->order = order;
      refund->line = pp_rng_below (shop, order->lines->len);
      line = g_ptr_array_index (order->lines, refund->line);
      refund->amount_fen = line->unit_fen * line->quantity;
      refund->reason = pp_refund_reasons[pp_rng_below (shop, G_N_ELEMENTS (pp_refund_reasons))];
      refund->status = shop->refunds->len == 0 ? PP_REFUND_WAIT_SELLER_AGREE
                       : pp_rng_weighted (shop, (const guint[]) { 40, 40, 20 }, 3);
      refund->created_ms = MIN (order->shipped_ms + pp_rng_between (shop, PP_HOUR_MS, 5 * PP_DAY_MS), now - 1);
      refund->updated_ms = refund->created_ms;
      if (refund->status != PP_REFUND_WAIT_SELLER_AGREE)
        refund->updated_ms = MIN (refund->created_ms + pp_rng_between (shop, PP_HOUR_MS, 3 * PP_DAY_MS), now - 1);
      refund->updated_ms = MAX (refund->updated_ms, refund->created_ms);

      g_hash_table_insert (shop->refunds_by_id, refund->refund_id, refund);
      g_ptr_array_add (shop->refunds, refund);
    }
  g_ptr_array_sort (shop->refunds, compare_refunds);
}

DdSandboxPpShop *
dd_sandbox_pp_shop_new (guint64 seed,
                        guint   n_orders,
                        gint64  now_ms)
{
  DdSandboxPpShop *shop = g_new0 (DdSandboxPpShop, 1);
  guint n_1688 = MAX (n_orders / 4, PP_1688_N_STATUSES);
  guint weights[G_N_ELEMENTS (generated)];

  g_mutex_init (&shop->lock);
  shop->rng = mix64 (seed ^ G_GUINT64_CONSTANT (0x70616E6461706F6E)); /* "pandapon" */
  shop->orders = g_ptr_array_new_full (n_orders, order_free);
  shop->orders_by_no = g_hash_table_new (g_str_hash, g_str_equal);
  shop->orders_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  shop->sub_orders = g_hash_table_new (g_str_hash, g_str_equal);
  shop->pending = g_hash_table_new (NULL, NULL);
  shop->orders_1688 = g_ptr_array_new_full (n_1688, pp_1688_order_free);
  shop->orders_1688_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  shop->refunds = g_ptr_array_new_with_free_func (refund_free);
  shop->refunds_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  shop->used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  shop->nonces = g_hash_table_new (g_str_hash, g_str_equal); /* keys in nonce_order's Nonces */
  g_queue_init (&shop->nonce_order);

  shop->develop_id = pp_new_id (shop, "10", 19);
  for (guint i = 0; i < G_N_ELEMENTS (pp_products); i++)
    shop->item_ids[i] = pp_new_id (shop, "600", 18);
  for (guint i = 0; i < G_N_ELEMENTS (pp_offers); i++)
    shop->offer_ids[i] = pp_new_id (shop, "6", 12);

  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    weights[i] = generated[i].weight;
  /* The first few cover every settled status. */
  for (guint i = 0; i < n_orders; i++)
    {
      PpOrder *order = generate_order (shop, i < G_N_ELEMENTS (generated) ? i
                                       : pp_rng_weighted (shop, weights, G_N_ELEMENTS (weights)), now_ms);

      g_hash_table_insert (shop->orders_by_no, order->order_no, order);
      g_ptr_array_add (shop->orders, order);
    }
  g_ptr_array_sort (shop->orders, compare_orders);
  pp_1688_generate (shop, n_1688, now_ms);
  generate_refunds (shop, now_ms);

  return shop;
}

void
dd_sandbox_pp_shop_free (DdSandboxPpShop *shop)
{
  if (shop == NULL)
    return;

  g_hash_table_unref (shop->refunds_by_id);
  g_ptr_array_unref (shop->refunds);
  g_hash_table_unref (shop->orders_by_no);
  g_hash_table_unref (shop->orders_by_key);
  g_hash_table_unref (shop->sub_orders);
  g_hash_table_unref (shop->pending);
  g_ptr_array_unref (shop->orders);
  g_hash_table_unref (shop->orders_1688_by_id);
  g_ptr_array_unref (shop->orders_1688);
  g_hash_table_unref (shop->nonces);
  g_queue_clear_full (&shop->nonce_order, g_free);
  g_hash_table_unref (shop->used_ids);
  for (guint i = 0; i < G_N_ELEMENTS (shop->item_ids); i++)
    g_free (shop->item_ids[i]);
  for (guint i = 0; i < G_N_ELEMENTS (shop->offer_ids); i++)
    g_free (shop->offer_ids[i]);
  g_free (shop->develop_id);
  g_mutex_clear (&shop->lock);
  g_free (shop);
}

const char *
pp_shop_get_develop_id (DdSandboxPpShop *shop)
{
  return shop->develop_id; /* set once at creation */
}

/* ---- pending work ------------------------------------------------------------------ */

void
pp_shop_settle_locked (DdSandboxPpShop *shop,
                       gint64           now_ms)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, shop->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PpOrder *order = key;

      if (now_ms - order->pending_ms < DD_SANDBOX_PP_PENDING_MS)
        continue;

      if (order->status == PP_CANCELLING)
        {
          order->status = PP_TRADE_CLOSED;
        }
      else if (order->pay_status == PP_REVIEWING)
        {
          order->status = PP_WAIT_SELLER_SEND_GOODS;
          order->pay_status = PP_PAID;
          order->paid_ms = now_ms;
        }
      order->pending_ms = 0;
      pp_shop_touch_locked (order, now_ms);
      g_hash_table_iter_remove (&iter);
    }
}

/* ---- writes ------------------------------------------------------------------------ */

static const char *
item_title (DdSandboxPpShop *shop,
            const char      *item_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (pp_products); i++)
    if (g_str_equal (item_id, shop->item_ids[i]))
      return pp_products[i].title;
  return pp_products[g_str_hash (item_id) % G_N_ELEMENTS (pp_products)].title;
}

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : "";
}

int
pp_shop_create_order (DdSandboxPpShop *shop,
                      const char      *seller_order_number,
                      const char      *order_source,
                      const char      *receiver,
                      JsonObject      *receiver_object,
                      const char      *line_list,
                      const PpNewLine *lines,
                      guint            n_lines,
                      gint64           now_ms,
                      JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  PpOrder *order;
  PpLine *first_ok = NULL;
  gint64 goods = 0;

  pp_shop_settle_locked (shop, now_ms);

  if (seller_order_number != NULL &&
      (order = g_hash_table_lookup (shop->orders_by_key, seller_order_number)) != NULL)
    {
      *data = pp_object_node (pp_order_to_create_json (order));
      return PP_CODE_DUPLICATE;
    }

  order = order_new (shop);
  order->seller_order_number = g_strdup (seller_order_number);
  order->order_source = g_strdup (order_source);
  order->status = PP_WAIT_BUYER_PAY;
  order->pay_status = PP_UNPAID;
  order->created_ms = order->updated_ms = now_ms;
  order->receiver = g_strdup (receiver);
  order->line_list = g_strdup (line_list);
  order->dest_province = g_strdup (object_string (receiver_object, "state"));
  order->dest_city = g_strdup (object_string (receiver_object, "city"));
  order->dest_district = g_strdup (object_string (receiver_object, "district"));

  for (guint i = 0; i < n_lines; i++)
    {
      PpLine *line = g_new0 (PpLine, 1);

      line->item_id = g_strdup (lines[i].item_id);
      line->sku_id = lines[i].sku_id != NULL && *lines[i].sku_id != '\0' ? g_strdup (lines[i].sku_id) : NULL;
      line->title = g_strdup (item_title (shop, line->item_id));
      line->quantity = lines[i].quantity;
      line->unit_fen = lines[i].unit_fen;
      line->off_shelf = g_str_has_prefix (line->item_id, DD_SANDBOX_PP_OFF_SHELF_PREFIX);
      if (!line->off_shelf)
        {
          goods += line->unit_fen * line->quantity;
          if (first_ok == NULL)
            first_ok = line;
        }
      add_line (shop, order, line);
    }

  if (first_ok != NULL)
    first_ok->post_fee_fen = goods >= 9900 ? 0 : 600;
  else
    {
      /* Nothing could be bought: the platform closes the order at once. */
      order->status = PP_TRADE_CLOSED;
      order->close_reason = g_strdup ("订单中的商品均已下架");
    }

  add_order (shop, order);
  *data = pp_object_node (pp_order_to_create_json (order));
  return PP_CODE_OK;
}

static JsonNode *
order_answer (const PpOrder *order,
              gboolean       with_pay_status)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "orderNo", order->order_no);
  json_object_set_string_member (object, "status", pp_status_to_string (order->status));
  if (with_pay_status)
    json_object_set_string_member (object, "payStatus", pp_pay_status_to_string (order->pay_status));
  return pp_object_node (object);
}

int
pp_shop_cancel_order (DdSandboxPpShop *shop,
                      const char      *order_no,
                      const char      *reason,
                      gint64           now_ms,
                      JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  PpOrder *order;

  pp_shop_settle_locked (shop, now_ms);
  order = g_hash_table_lookup (shop->orders_by_no, order_no);
  if (order == NULL)
    return PP_CODE_NOT_FOUND;

  switch (order->status)
    {
    case PP_BULIDING:
    case PP_WAIT_BUYER_PAY:
      /* A voucher under review is a payment on its way. */
      if (order->pay_status != PP_UNPAID)
        return PP_CODE_CONFLICT;
      order->status = PP_CANCELLING;
      order->pending_ms = now_ms;
      g_free (order->close_reason);
      order->close_reason = g_strdup (reason != NULL && *reason != '\0' ? reason : pp_close_reasons[0]);
      g_hash_table_add (shop->pending, order);
      pp_shop_touch_locked (order, now_ms);
      break;
    case PP_CANCELLING:
    case PP_TRADE_CLOSED:
      break; /* the same answer again */
    default:
      return PP_CODE_CONFLICT;
    }

  *data = order_answer (order, FALSE);
  return PP_CODE_OK;
}

int
pp_shop_pay_order (DdSandboxPpShop *shop,
                   const char      *order_no,
                   gint64           now_ms,
                   JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  PpOrder *order;

  pp_shop_settle_locked (shop, now_ms);
  order = g_hash_table_lookup (shop->orders_by_no, order_no);
  if (order == NULL)
    return PP_CODE_NOT_FOUND;
  if (order->status != PP_WAIT_BUYER_PAY || order->pay_status != PP_UNPAID)
    return PP_CODE_CONFLICT;

  order->status = PP_WAIT_SELLER_SEND_GOODS;
  order->pay_status = PP_PAID;
  order->paid_ms = now_ms;
  pp_shop_touch_locked (order, now_ms);
  *data = order_answer (order, TRUE);
  return PP_CODE_OK;
}

int
pp_shop_upload_voucher (DdSandboxPpShop *shop,
                        const char      *order_no,
                        gint64           now_ms,
                        JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  PpOrder *order;

  pp_shop_settle_locked (shop, now_ms);
  order = g_hash_table_lookup (shop->orders_by_no, order_no);
  if (order == NULL)
    return PP_CODE_NOT_FOUND;
  if (order->status != PP_WAIT_BUYER_PAY || order->pay_status != PP_UNPAID)
    return PP_CODE_CONFLICT;

  order->pay_status = PP_REVIEWING;
  order->pending_ms = now_ms;
  g_hash_table_add (shop->pending, order);
  pp_shop_touch_locked (order, now_ms);
  *data = order_answer (order, TRUE);
  return PP_CODE_OK;
}

int
pp_shop_cancel_refund (DdSandboxPpShop *shop,
                       const char      *refund_id,
                       gint64           now_ms,
                       JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  PpRefund *refund = g_hash_table_lookup (shop->refunds_by_id, refund_id);
  JsonObject *object;

  if (refund == NULL)
    return PP_CODE_NOT_FOUND;
  if (refund->status != PP_REFUND_WAIT_SELLER_AGREE)
    return PP_CODE_CONFLICT;

  refund->status = PP_REFUND_CLOSED;
  refund->updated_ms = MAX (now_ms, refund->updated_ms + 1);
  object = json_object_new ();
  json_object_set_string_member (object, "refundId", refund->refund_id);
  json_object_set_string_member (object, "status", pp_refund_status_to_string (refund->status));
  *data = pp_object_node (object);
  return PP_CODE_OK;
}

/* ---- for tests ------------------------------------------------------------------- */

guint
dd_sandbox_pp_shop_count_orders (DdSandboxPpShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (shop != NULL, 0);

  locker = g_mutex_locker_new (&shop->lock);
  return shop->orders->len + shop->orders_1688->len;
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys;
  GPtrArray *result;

  keys = g_hash_table_get_keys_as_array (table, &n_keys);
  result = g_ptr_array_new_full (n_keys, g_free);
  for (guint i = 0; i < n_keys; i++)
    g_ptr_array_add (result, g_strdup (keys[i]));
  return result;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
dd_sandbox_pp_shop_list_order_nos (DdSandboxPpShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *result;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  result = sorted_keys (shop->orders_by_no);
  /* Ids of a kind have the same number of digits: string order is numeric. */
  g_ptr_array_sort (result, compare_strings);
  return result;
}

GPtrArray *
dd_sandbox_pp_shop_list_1688_order_ids (DdSandboxPpShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *result;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  result = sorted_keys (shop->orders_1688_by_id);
  g_ptr_array_sort (result, compare_strings);
  return result;
}

static gboolean
set_taobao_status (DdSandboxPpShop *shop,
                   PpOrder         *order,
                   int              status,
                   gint64           now_ms)
{
  if (status < 0 || status == PP_CANCELLING)
    return FALSE;

  g_hash_table_remove (shop->pending, order);
  order->pending_ms = 0;
  order->status = status;
  if (status == PP_BULIDING || status == PP_WAIT_BUYER_PAY)
    {
      order->pay_status = PP_UNPAID;
      order->paid_ms = order->shipped_ms = order->finished_ms = 0;
      g_clear_pointer (&order->mail_no, g_free);
    }
  else if (status == PP_TRADE_CLOSED)
    {
      if (order->close_reason == NULL)
        order->close_reason = g_strdup (pp_close_reasons[0]);
    }
  else
    {
      order->pay_status = PP_PAID;
      if (order->paid_ms == 0)
        order->paid_ms = now_ms;
      if (status >= PP_WAIT_BUYER_CONFIRM_GOODS && order->shipped_ms == 0)
        ship (shop, order, now_ms);
      if (status == PP_TRADE_FINISHED && order->finished_ms == 0)
        order->finished_ms = now_ms;
    }
  pp_shop_touch_locked (order, now_ms);
  return TRUE;
}

gboolean
dd_sandbox_pp_shop_set_status (DdSandboxPpShop *shop,
                               const char      *order_no,
                               const char      *status,
                               gint64           now_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PpOrder *order;
  Pp1688Order *order_1688;

  g_return_val_if_fail (shop != NULL, FALSE);
  g_return_val_if_fail (order_no != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  locker = g_mutex_locker_new (&shop->lock);
  if ((order = g_hash_table_lookup (shop->orders_by_no, order_no)) != NULL)
    return set_taobao_status (shop, order, pp_status_from_string (status), now_ms);

  if ((order_1688 = g_hash_table_lookup (shop->orders_1688_by_id, order_no)) != NULL)
    {
      int value = pp_1688_status_from_string (status);

      if (value < 0)
        return FALSE;
      order_1688->status = value;
      if (value == PP_1688_WAIT_BUYER_PAY || value == PP_1688_CANCEL)
        order_1688->paid_ms = 0;
      else if (order_1688->paid_ms == 0)
        order_1688->paid_ms = now_ms;
      pp_1688_touch (order_1688, now_ms);
      return TRUE;
    }

  return FALSE;
}

gint64
dd_sandbox_pp_shop_get_total (DdSandboxPpShop *shop,
                              const char      *order_no)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PpOrder *order;
  gint64 total = 0;

  g_return_val_if_fail (shop != NULL, -1);
  g_return_val_if_fail (order_no != NULL, -1);

  locker = g_mutex_locker_new (&shop->lock);
  order = g_hash_table_lookup (shop->orders_by_no, order_no);
  if (order == NULL)
    return -1;

  /* As purchaseAmount: the lines that could be bought and their shipping. */
  for (guint i = 0; i < order->lines->len; i++)
    {
      const PpLine *line = g_ptr_array_index (order->lines, i);

      if (!line->off_shelf)
        total += line->unit_fen * line->quantity + line->post_fee_fen;
    }
  return total;
}

gboolean
dd_sandbox_pp_shop_change_total (DdSandboxPpShop *shop,
                                 const char      *order_no,
                                 gint64           delta_fen,
                                 gint64           now_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PpOrder *order;
  PpLine *line = NULL;

  g_return_val_if_fail (shop != NULL, FALSE);
  g_return_val_if_fail (order_no != NULL, FALSE);

  locker = g_mutex_locker_new (&shop->lock);
  order = g_hash_table_lookup (shop->orders_by_no, order_no);
  if (order == NULL)
    return FALSE;

  /* The first line that counts in the total. */
  for (guint i = 0; i < order->lines->len; i++)
    {
      line = g_ptr_array_index (order->lines, i);
      if (!line->off_shelf)
        break;
      line = NULL;
    }
  if (line == NULL || line->post_fee_fen + delta_fen < 0)
    return FALSE;
  line->post_fee_fen += delta_fen;
  pp_shop_touch_locked (order, now_ms);
  return TRUE;
}

gint64
dd_sandbox_pp_shop_get_updated_ms (DdSandboxPpShop *shop,
                                   const char      *order_no)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PpOrder *order;

  g_return_val_if_fail (shop != NULL, -1);
  g_return_val_if_fail (order_no != NULL, -1);

  locker = g_mutex_locker_new (&shop->lock);
  order = g_hash_table_lookup (shop->orders_by_no, order_no);
  return order != NULL ? order->updated_ms : -1;
}

void
dd_sandbox_pp_shop_add_orders (DdSandboxPpShop *shop,
                               guint            n,
                               gint64           now_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (shop != NULL);

  locker = g_mutex_locker_new (&shop->lock);
  for (guint i = 0; i < n; i++)
    {
      /* generated[0] is WAIT_BUYER_PAY; placed now. */
      PpOrder *order = generate_order (shop, 0, now_ms);

      order->created_ms = order->updated_ms = now_ms;
      add_order (shop, order);
    }
}

char *
dd_sandbox_pp_shop_dup_status (DdSandboxPpShop *shop,
                               const char      *order_no)
{
  g_autoptr(GMutexLocker) locker = NULL;
  PpOrder *order;
  Pp1688Order *order_1688;

  g_return_val_if_fail (shop != NULL, NULL);
  g_return_val_if_fail (order_no != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  if ((order = g_hash_table_lookup (shop->orders_by_no, order_no)) != NULL)
    return g_strdup (pp_status_to_string (order->status));
  if ((order_1688 = g_hash_table_lookup (shop->orders_1688_by_id, order_no)) != NULL)
    return g_strdup (pp_1688_status_to_string (order_1688->status));
  return NULL;
}
