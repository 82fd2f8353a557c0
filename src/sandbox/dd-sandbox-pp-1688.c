/* dd-sandbox-pp-1688.c: the purchasing account's 1688-goods orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wholesale orders from 1688 (API.md §3): created with cargoParamList and an
 * addressParam, read with /alibaba/order/detail, cancelled before payment
 * (synchronously), paid in the browser through the pay URL. The sandbox's pay
 * URL is its own page (DD_SANDBOX_PP_PAY_PAGE_PREFIX + orderId) and serving
 * that page pays the order, so "open in the browser, poll until paid" works
 * offline.
 *
 * Statuses are 1688's own words: waitbuyerpay → waitsellersend →
 * waitbuyerreceive → success; waitbuyerpay → cancel. Money in fen:
 * totalAmount = Σ price × quantity + postFee (free shipping from ¥200 for
 * created orders). An offerId starting with DD_SANDBOX_PP_OFF_SHELF_PREFIX
 * fails (failedOfferList) while the others are ordered; when every offer
 * fails, nothing is created (400).
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-pp-private.h"

/* ---- orders ---------------------------------------------------------------- */

const char *
pp_1688_status_to_string (Pp1688Status status)
{
  g_return_val_if_fail (status < PP_1688_N_STATUSES, NULL);

  return pp_1688_statuses[status];
}

int
pp_1688_status_from_string (const char *word)
{
  for (guint i = 0; word != NULL && i < PP_1688_N_STATUSES; i++)
    if (g_str_equal (word, pp_1688_statuses[i]))
      return (int) i;
  return -1;
}

static void
item_1688_free (gpointer data)
{
  Pp1688Item *item = data;

  g_free (item->sub_item_id);
  g_free (item->offer_id);
  g_free (item->spec_id);
  g_free (item->name);
  g_free (item);
}

void
pp_1688_order_free (gpointer data)
{
  Pp1688Order *order = data;

  g_free (order->order_id);
  g_free (order->remark);
  g_free (order->seller_login_id);
  g_free (order->flow);
  g_free (order->trade_type);
  g_clear_pointer (&order->address, json_object_unref);
  g_ptr_array_unref (order->items);
  g_free (order);
}

static int
compare_1688_orders (gconstpointer a,
                     gconstpointer b)
{
  const Pp1688Order *x = *(const Pp1688Order * const *) a;
  const Pp1688Order *y = *(const Pp1688Order * const *) b;

  if (x->created_ms != y->created_ms)
    return x->created_ms > y->created_ms ? -1 : 1;
  return -strcmp (x->order_id, y->order_id);
}

void
pp_1688_touch (Pp1688Order *order,
               gint64       now_ms)
{
  order->modified_ms = MAX (now_ms, order->modified_ms + 1);
}

static void
add_1688_order (DdSandboxPpShop *shop,
                Pp1688Order     *order)
{
  g_hash_table_insert (shop->orders_1688_by_id, order->order_id, order);
  pp_insert_sorted (shop->orders_1688, order, compare_1688_orders);
}

static Pp1688Order *
generate_order (DdSandboxPpShop *shop,
                Pp1688Status     status,
                gint64           now)
{
  Pp1688Order *order = g_new0 (Pp1688Order, 1);
  const PpPlace *place = &pp_places[pp_rng_below (shop, G_N_ELEMENTS (pp_places))];
  const char *surname = pp_surnames[pp_rng_below (shop, G_N_ELEMENTS (pp_surnames))];
  const char *given = pp_given_chars[pp_rng_below (shop, G_N_ELEMENTS (pp_given_chars))];
  g_autofree char *full_name = g_strconcat (surname, given, NULL);
  g_autofree char *mobile = pp_new_mobile (shop, FALSE);
  g_autofree char *address = g_strdup_printf ("%s%u号", place->road, 1 + pp_rng_below (shop, 999));
  guint n_items = 1 + pp_rng_below (shop, 2);
  gint64 age = status == PP_1688_WAIT_BUYER_PAY ? pp_rng_between (shop, PP_MINUTE_MS, PP_DAY_MS)
                                                : pp_rng_between (shop, PP_HOUR_MS, 60 * PP_DAY_MS);

  order->order_id = pp_new_id (shop, "33", 16);
  order->status = status;
  order->created_ms = now - age;
  order->flow = g_strdup ("general");
  order->trade_type = g_strdup ("fxassure");
  order->seller_login_id = g_strdup (pp_1688_sellers[pp_rng_below (shop, G_N_ELEMENTS (pp_1688_sellers))]);
  order->remark = g_strdup (pp_rng_below (shop, 3) == 0 ? "请尽快发货" : "");
  order->post_fee_fen = (gint64) (const guint[]) { 0, 500, 800, 1200 }[pp_rng_below (shop, 4)];
  order->items = g_ptr_array_new_with_free_func (item_1688_free);

  order->address = json_object_new ();
  json_object_set_string_member (order->address, "fullName", full_name);
  json_object_set_string_member (order->address, "mobile", mobile);
  json_object_set_string_member (order->address, "phone", "");
  json_object_set_string_member (order->address, "postCode", place->zip);
  json_object_set_string_member (order->address, "cityText", place->city);
  json_object_set_string_member (order->address, "provinceText", place->province);
  json_object_set_string_member (order->address, "areaText", place->district);
  json_object_set_string_member (order->address, "townText", "");
  json_object_set_string_member (order->address, "address", address);

  for (guint i = 0; i < n_items; i++)
    {
      guint index = pp_rng_below (shop, G_N_ELEMENTS (pp_offers));
      Pp1688Item *item = g_new0 (Pp1688Item, 1);

      item->sub_item_id = pp_new_id (shop, "33", 16);
      item->offer_id = g_strdup (shop->offer_ids[index]);
      item->spec_id = pp_rng_below (shop, 2) == 0 ? NULL
                      : g_compute_checksum_for_string (G_CHECKSUM_MD5, item->sub_item_id, -1);
      item->name = g_strdup (pp_offers[index].name);
      item->quantity = pp_offers[index].min_qty * (1 + pp_rng_below (shop, 4));
      item->unit_fen = pp_offers[index].price;
      g_ptr_array_add (order->items, item);
    }

  if (status != PP_1688_WAIT_BUYER_PAY && status != PP_1688_CANCEL)
    order->paid_ms = MIN (order->created_ms + pp_rng_between (shop, PP_MINUTE_MS, PP_HOUR_MS), now - 1);
  order->modified_ms = MAX (order->paid_ms, order->created_ms);
  if (status >= PP_1688_WAIT_BUYER_RECEIVE)
    order->modified_ms = MIN (order->modified_ms + pp_rng_between (shop, PP_HOUR_MS, 3 * PP_DAY_MS), now - 1);
  order->modified_ms = MAX (order->modified_ms, order->created_ms);
  return order;
}

void
pp_1688_generate (DdSandboxPpShop *shop,
                  guint            n_orders,
                  gint64           now_ms)
{
  static const guint weights[PP_1688_N_STATUSES] = { 20, 20, 20, 30, 10 };

  /* The first few cover every status. */
  for (guint i = 0; i < n_orders; i++)
    {
      Pp1688Order *order = generate_order (shop, i < PP_1688_N_STATUSES ? i
                                           : pp_rng_weighted (shop, weights, PP_1688_N_STATUSES), now_ms);

      g_hash_table_insert (shop->orders_1688_by_id, order->order_id, order);
      g_ptr_array_add (shop->orders_1688, order);
    }
  g_ptr_array_sort (shop->orders_1688, compare_1688_orders);
}

/* ---- writes ---------------------------------------------------------------- */

int
pp_shop_create_1688 (DdSandboxPpShop  *shop,
                     const char       *flow,
                     const char       *trade_type,
                     const char       *message,
                     JsonObject       *address,
                     const PpNewCargo *cargos,
                     guint             n_cargos,
                     gint64            now_ms,
                     JsonNode        **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  Pp1688Order *order;
  JsonArray *failed = json_array_new ();
  JsonObject *answer;
  gint64 goods = 0;

  order = g_new0 (Pp1688Order, 1);
  order->items = g_ptr_array_new_with_free_func (item_1688_free);
  for (guint i = 0; i < n_cargos; i++)
    {
      const PpOffer *offer = &pp_offers[g_str_hash (cargos[i].offer_id) % G_N_ELEMENTS (pp_offers)];
      Pp1688Item *item;

      if (g_str_has_prefix (cargos[i].offer_id, DD_SANDBOX_PP_OFF_SHELF_PREFIX))
        {
          JsonObject *failure = json_object_new ();

          json_object_set_string_member (failure, "offerId", cargos[i].offer_id);
          if (cargos[i].spec_id != NULL)
            json_object_set_string_member (failure, "specId", cargos[i].spec_id);
          else
            json_object_set_null_member (failure, "specId");
          json_object_set_string_member (failure, "errorCode", "ITEM_OFF_SHELF");
          json_object_set_string_member (failure, "errorMessage", "商品已下架");
          json_array_add_object_element (failed, failure);
          continue;
        }

      for (guint k = 0; k < G_N_ELEMENTS (pp_offers); k++)
        if (g_str_equal (cargos[i].offer_id, shop->offer_ids[k]))
          offer = &pp_offers[k];

      item = g_new0 (Pp1688Item, 1);
      item->offer_id = g_strdup (cargos[i].offer_id);
      item->spec_id = g_strdup (cargos[i].spec_id);
      item->name = g_strdup (offer->name);
      item->quantity = cargos[i].quantity;
      item->unit_fen = offer->price;
      goods += item->unit_fen * item->quantity;
      g_ptr_array_add (order->items, item);
    }

  if (order->items->len == 0)
    {
      json_array_unref (failed);
      pp_1688_order_free (order);
      return PP_CODE_INVALID;
    }

  order->order_id = pp_new_id (shop, "33", 16);
  for (guint i = 0; i < order->items->len; i++)
    ((Pp1688Item *) g_ptr_array_index (order->items, i))->sub_item_id = pp_new_id (shop, "33", 16);
  order->status = PP_1688_WAIT_BUYER_PAY;
  order->created_ms = order->modified_ms = now_ms;
  order->post_fee_fen = goods >= 20000 ? 0 : 800;
  order->flow = g_strdup (flow);
  order->trade_type = g_strdup (trade_type);
  order->remark = g_strdup (message != NULL ? message : "");
  order->seller_login_id = g_strdup (pp_1688_sellers[g_str_hash (order->order_id) % G_N_ELEMENTS (pp_1688_sellers)]);
  order->address = json_object_ref (address);
  add_1688_order (shop, order);

  answer = json_object_new ();
  json_object_set_string_member (answer, "orderId", order->order_id);
  json_object_set_int_member (answer, "totalSuccessAmount", pp_1688_order_total (order));
  json_object_set_int_member (answer, "postFee", order->post_fee_fen);
  json_object_set_array_member (answer, "failedOfferList", failed);
  *data = pp_object_node (answer);
  return PP_CODE_OK;
}

int
pp_shop_cancel_1688 (DdSandboxPpShop *shop,
                     const char      *order_id,
                     gint64           now_ms,
                     JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  Pp1688Order *order = g_hash_table_lookup (shop->orders_1688_by_id, order_id);
  JsonObject *object;

  if (order == NULL)
    return PP_CODE_NOT_FOUND;
  if (order->status == PP_1688_WAIT_BUYER_PAY)
    {
      order->status = PP_1688_CANCEL;
      pp_1688_touch (order, now_ms);
    }
  else if (order->status != PP_1688_CANCEL)
    return PP_CODE_CONFLICT;

  object = json_object_new ();
  json_object_set_string_member (object, "orderId", order->order_id);
  json_object_set_string_member (object, "status", pp_1688_status_to_string (order->status));
  *data = pp_object_node (object);
  return PP_CODE_OK;
}

int
pp_shop_pay_1688 (DdSandboxPpShop *shop,
                  const char      *order_id,
                  gint64           now_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  Pp1688Order *order = g_hash_table_lookup (shop->orders_1688_by_id, order_id);

  if (order == NULL)
    return PP_CODE_NOT_FOUND;
  if (order->status != PP_1688_WAIT_BUYER_PAY)
    return PP_CODE_CONFLICT;

  order->status = PP_1688_WAIT_SELLER_SEND;
  order->paid_ms = now_ms;
  pp_1688_touch (order, now_ms);
  return PP_CODE_OK;
}

/* ---- JSON ------------------------------------------------------------------ */

gint64
pp_1688_order_total (const Pp1688Order *order)
{
  gint64 total = order->post_fee_fen;

  for (guint i = 0; i < order->items->len; i++)
    {
      const Pp1688Item *item = g_ptr_array_index (order->items, i);

      total += item->unit_fen * item->quantity;
    }
  return total;
}

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_time_or_null (JsonObject *object,
                  const char *name,
                  gint64      ms)
{
  if (ms > 0)
    json_object_set_int_member (object, name, ms);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
pp_1688_order_to_json (const Pp1688Order *order)
{
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();
  const char *status = pp_1688_status_to_string (order->status);

  json_object_set_string_member (object, "orderId", order->order_id);
  json_object_set_string_member (object, "status", status);
  json_object_set_int_member (object, "totalAmount", pp_1688_order_total (order));
  json_object_set_int_member (object, "postFee", order->post_fee_fen);
  json_object_set_string_member (object, "currency", PP_CURRENCY);
  json_object_set_int_member (object, "createTime", order->created_ms);
  json_object_set_int_member (object, "modifyTime", order->modified_ms);
  set_time_or_null (object, "payTime", order->paid_ms);
  json_object_set_string_member (object, "remark", order->remark);
  json_object_set_string_member (object, "sellerLoginId", order->seller_login_id);
  json_object_set_string_member (object, "flow", order->flow);
  json_object_set_string_member (object, "tradeType", order->trade_type);
  json_object_set_object_member (object, "addressParam", json_object_ref (order->address));

  for (guint i = 0; i < order->items->len; i++)
    {
      const Pp1688Item *item = g_ptr_array_index (order->items, i);
      JsonObject *element = json_object_new ();

      json_object_set_string_member (element, "subItemId", item->sub_item_id);
      json_object_set_string_member (element, "offerId", item->offer_id);
      set_string_or_null (element, "specId", item->spec_id);
      json_object_set_string_member (element, "name", item->name);
      json_object_set_int_member (element, "quantity", item->quantity);
      json_object_set_int_member (element, "price", item->unit_fen);
      json_object_set_int_member (element, "itemAmount", item->unit_fen * item->quantity);
      json_object_set_string_member (element, "status", status);
      json_array_add_object_element (items, element);
    }
  json_object_set_array_member (object, "productItems", items);
  return object;
}

int
pp_shop_1688_detail (DdSandboxPpShop *shop,
                     const char      *order_id,
                     JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  Pp1688Order *order = g_hash_table_lookup (shop->orders_1688_by_id, order_id);

  if (order == NULL)
    return PP_CODE_NOT_FOUND;
  *data = pp_object_node (pp_1688_order_to_json (order));
  return PP_CODE_OK;
}

int
pp_shop_1688_pay_url (DdSandboxPpShop *shop,
                      const char      *order_id,
                      const char      *base_url,
                      JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  Pp1688Order *order = g_hash_table_lookup (shop->orders_1688_by_id, order_id);
  g_autofree char *url = NULL;
  JsonObject *object;

  if (order == NULL)
    return PP_CODE_NOT_FOUND;
  if (order->status != PP_1688_WAIT_BUYER_PAY)
    return PP_CODE_CONFLICT;

  url = g_strconcat (base_url, DD_SANDBOX_PP_PAY_PAGE_PREFIX, order->order_id, NULL);
  object = json_object_new ();
  json_object_set_string_member (object, "payUrl", url);
  json_object_set_boolean_member (object, "protocolPaySuccess", FALSE);
  json_object_set_array_member (object, "cantPayOrderList", json_array_new ());
  *data = pp_object_node (object);
  return PP_CODE_OK;
}
