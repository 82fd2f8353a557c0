/* dd-sandbox-top-trades.c: the TOP seller's trades, as TOP serves them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Trade and Order objects of taobao.trades.sold.get, .increment.get and
 * taobao.trade.fullinfo.get (/work/brief/top-pc-shape.md §1): tid, oid and
 * num_iid as JSON integers (many tids above 2^53), sku_id as a string, money
 * as yuan strings, times as Beijing-time strings, receivers masked ("张**",
 * "138****5678"), orders wrapped as {"orders": {"order": […]}}; pay_time,
 * consign_time, end_time and the waybill (logistics_company, invoice_no)
 * only once they happened. "fields" picks members: a trade field by name,
 * "orders" for whole orders, "orders.title" for one field of the orders.
 */
#include "config.h"

#include "dd-sandbox-top-private.h"

/* An order's own status: a partly shipped trade shipped its first order. */
static guint
line_status (const TopTrade *trade,
             guint           index)
{
  if (trade->status == TS_SELLER_CONSIGNED_PART)
    return index == 0 ? TS_WAIT_BUYER_CONFIRM_GOODS : TS_WAIT_SELLER_SEND_GOODS;
  return trade->status;
}

static int
compare_trades_by_modified (gconstpointer a,
                            gconstpointer b)
{
  const TopTrade *x = *(const TopTrade * const *) a;
  const TopTrade *y = *(const TopTrade * const *) b;

  if (x->modified_ms != y->modified_ms)
    return x->modified_ms > y->modified_ms ? -1 : 1;
  return top_compare_trades (a, b);
}

/* ---- JSON ------------------------------------------------------------------------- */

void
top_json_set_time (JsonObject *object,
                   const char *key,
                   gint64      ms)
{
  g_autofree char *text = NULL;

  if (ms <= 0)
    return;
  text = top_format_time (ms);
  json_object_set_string_member (object, key, text);
}

void
top_json_set_yuan (JsonObject *object,
                   const char *key,
                   gint64      fen)
{
  g_autofree char *text = top_format_yuan (fen);

  json_object_set_string_member (object, key, text);
}

static gint64
line_price (const TopLine *line)
{
  return TOP_PRICE_FEN (shop_products[line->product].price);
}

static const char *
shipping_type (const TopTrade *trade)
{
  if (trade->type == TT_ETICKET)
    return "virtual";
  return top_post_fees[trade->post_fee] == 0 ? "free" : "express";
}

static JsonObject *
line_to_json (DdSandboxTopShop *shop,
              const TopTrade   *trade,
              guint             index,
              const char       *base_url)
{
  const TopLine *line = &trade->lines[index];
  gint64 num_iid = shop->num_iids[line->product];
  guint status = line_status (trade, index);
  JsonObject *object = json_object_new ();
  g_autofree char *image = top_image_url (base_url, num_iid);
  g_autofree char *properties = top_line_properties (shop, line);
  g_autofree char *outer_iid = g_strdup_printf ("DD-%02u", line->product + 1);
  char sku_id[24];

  g_snprintf (sku_id, sizeof sku_id, "%" G_GINT64_FORMAT, top_line_sku_id (shop, line));
  json_object_set_int_member (object, "oid", line->oid);
  json_object_set_string_member (object, "status", top_statuses[status]);
  json_object_set_string_member (object, "title", shop->titles[line->product]);
  top_json_set_yuan (object, "price", line_price (line));
  json_object_set_int_member (object, "num", line->quantity);
  json_object_set_int_member (object, "num_iid", num_iid);
  json_object_set_string_member (object, "sku_id", sku_id);
  json_object_set_string_member (object, "sku_properties_name", properties);
  json_object_set_string_member (object, "outer_iid", outer_iid);
  top_json_set_yuan (object, "total_fee", line_price (line) * line->quantity);
  top_json_set_yuan (object, "payment", line_price (line) * line->quantity);
  top_json_set_yuan (object, "discount_fee", 0);
  top_json_set_yuan (object, "adjust_fee", 0);
  json_object_set_string_member (object, "pic_path", image);
  json_object_set_string_member (object, "refund_status",
                                 trade->status == TS_CLOSED && trade->pay_ms > 0 ? "SUCCESS" : "NO_REFUND");
  json_object_set_string_member (object, "shipping_type", shipping_type (trade));
  if (top_status_is_shipped (status) && trade->type != TT_ETICKET)
    {
      const TopCourier *courier = &top_couriers[trade->courier];
      guint64 code = top_mix64 (shop->seed ^ (guint64) line->oid);
      guint64 modulus = 1;
      g_autofree char *invoice_no = NULL;

      for (guint i = 0; i < courier->n_digits; i++)
        modulus *= 10;
      invoice_no = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, courier->prefix, (int) courier->n_digits,
                                    code % modulus);
      json_object_set_string_member (object, "logistics_company", courier->name);
      json_object_set_string_member (object, "invoice_no", invoice_no);
      top_json_set_time (object, "consign_time", trade->consign_ms);
    }
  if (top_status_is_ended (status))
    top_json_set_time (object, "end_time", trade->end_ms);
  return object;
}

static JsonObject *
trade_to_json (DdSandboxTopShop *shop,
               const TopTrade   *trade,
               const char       *base_url)
{
  const TopBuyer *buyer = &shop->buyers[trade->buyer];
  const TopPlace *place = &top_places[buyer->place];
  const TopLine *first = &trade->lines[0];
  JsonObject *object = json_object_new ();
  JsonObject *orders = json_object_new ();
  JsonArray *list = json_array_new ();
  g_autofree char *image = top_image_url (base_url, shop->num_iids[first->product]);
  gint64 total = 0;
  gint64 num = 0;

  for (guint i = 0; i < trade->n_lines; i++)
    {
      total += line_price (&trade->lines[i]) * trade->lines[i].quantity;
      num += trade->lines[i].quantity;
      json_array_add_object_element (list, line_to_json (shop, trade, i, base_url));
    }

  json_object_set_int_member (object, "tid", trade->tid);
  json_object_set_string_member (object, "type", top_trade_types[trade->type]);
  json_object_set_string_member (object, "status", top_statuses[trade->status]);
  json_object_set_string_member (object, "seller_nick", TOP_SELLER_NICK);
  json_object_set_string_member (object, "buyer_nick", buyer->nick);
  json_object_set_string_member (object, "title", TOP_SELLER_NICK);
  top_json_set_time (object, "created", trade->created_ms);
  top_json_set_time (object, "modified", trade->modified_ms);
  top_json_set_time (object, "pay_time", trade->pay_ms);
  top_json_set_time (object, "consign_time", trade->consign_ms);
  top_json_set_time (object, "end_time", trade->end_ms);
  json_object_set_int_member (object, "num", num);
  json_object_set_int_member (object, "num_iid", shop->num_iids[first->product]);
  top_json_set_yuan (object, "price", line_price (first));
  json_object_set_string_member (object, "pic_path", image);
  top_json_set_yuan (object, "total_fee", total);
  top_json_set_yuan (object, "post_fee", top_post_fees[trade->post_fee]);
  top_json_set_yuan (object, "payment", total + top_post_fees[trade->post_fee]);
  top_json_set_yuan (object, "discount_fee", 0);
  top_json_set_yuan (object, "adjust_fee", 0);
  top_json_set_yuan (object, "received_payment", trade->status == TS_FINISHED ? total + top_post_fees[trade->post_fee] : 0);
  json_object_set_string_member (object, "shipping_type", shipping_type (trade));
  json_object_set_string_member (object, "receiver_name", buyer->receiver_name);
  json_object_set_string_member (object, "receiver_state", place->state);
  json_object_set_string_member (object, "receiver_city", place->city);
  json_object_set_string_member (object, "receiver_district", place->district);
  json_object_set_string_member (object, "receiver_address", buyer->receiver_address);
  json_object_set_string_member (object, "receiver_zip", place->zip);
  json_object_set_string_member (object, "receiver_mobile", buyer->receiver_mobile);
  json_object_set_boolean_member (object, "buyer_rate", FALSE);
  json_object_set_boolean_member (object, "seller_rate", FALSE);
  json_object_set_boolean_member (object, "has_buyer_message", FALSE);
  json_object_set_int_member (object, "seller_flag", 0);

  json_object_set_array_member (orders, "order", list);
  json_object_set_object_member (object, "orders", orders);
  return object;
}

/* Removes the members @fields does not name (see top_shop_query_trades()). */
static void
filter_fields (JsonObject *trade,
               GHashTable *fields)
{
  g_autoptr(GList) members = json_object_get_members (trade);
  gboolean some_order_fields = FALSE;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, fields);
  while (!some_order_fields && g_hash_table_iter_next (&iter, &key, NULL))
    some_order_fields = g_str_has_prefix (key, "orders.");

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonArray *orders;

      if (g_hash_table_contains (fields, name))
        continue;
      if (!g_str_equal (name, "orders") || !some_order_fields)
        {
          json_object_remove_member (trade, name);
          continue;
        }

      orders = json_object_get_array_member (json_object_get_object_member (trade, "orders"), "order");
      for (guint i = 0; i < json_array_get_length (orders); i++)
        {
          JsonObject *order = json_array_get_object_element (orders, i);
          g_autoptr(GList) order_members = json_object_get_members (order);

          for (GList *m = order_members; m != NULL; m = m->next)
            {
              g_autofree char *qualified = g_strconcat ("orders.", m->data, NULL);

              if (!g_hash_table_contains (fields, qualified))
                json_object_remove_member (order, m->data);
            }
        }
    }
}

static JsonObject *
trade_to_json_fields (DdSandboxTopShop *shop,
                      const TopTrade   *trade,
                      GHashTable       *fields,
                      const char       *base_url)
{
  JsonObject *object = trade_to_json (shop, trade, base_url);

  if (fields != NULL)
    filter_fields (object, fields);
  return object;
}

/* ---- queries --------------------------------------------------------------- */

static gboolean
trade_matches (const TopTrade      *trade,
               const TopTradeQuery *query)
{
  gint64 t = query->by_modified ? trade->modified_ms : trade->created_ms;

  return (query->status_mask == 0 || (query->status_mask & (1u << trade->status)) != 0) &&
         (query->type_mask & (1u << trade->type)) != 0 &&
         (query->start_ms <= 0 || t >= query->start_ms) &&
         (query->end_ms <= 0 || t <= query->end_ms);
}

JsonArray *
top_shop_query_trades (DdSandboxTopShop    *shop,
                       const TopTradeQuery *query,
                       GHashTable          *fields,
                       const char          *base_url,
                       guint64             *total)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  JsonArray *result = json_array_new ();
  guint64 first = (guint64) (query->page_no - 1) * query->page_size;

  g_assert (query->page_no >= 1);

  for (guint i = 0; i < shop->trades->len; i++)
    {
      TopTrade *trade = g_ptr_array_index (shop->trades, i);

      if (trade_matches (trade, query))
        g_ptr_array_add (matches, trade);
    }
  if (query->by_modified)
    g_ptr_array_sort (matches, compare_trades_by_modified);

  for (guint64 i = first; i < matches->len && i < first + query->page_size; i++)
    json_array_add_object_element (result, trade_to_json_fields (shop, g_ptr_array_index (matches, i),
                                                                 fields, base_url));
  *total = matches->len;
  return result;
}

JsonObject *
top_shop_dup_trade_json (DdSandboxTopShop *shop,
                         gint64            tid,
                         GHashTable       *fields,
                         const char       *base_url)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  TopTrade *trade = g_hash_table_lookup (shop->trades_by_tid, &tid);

  return trade != NULL ? trade_to_json_fields (shop, trade, fields, base_url) : NULL;
}

