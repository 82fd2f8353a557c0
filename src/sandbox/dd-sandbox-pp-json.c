/* dd-sandbox-pp-json.c: the purchasing account in PandaPon's JSON shapes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Taobao-goods shapes of /work/brief/pp-shape.md, built on the create
 * call's documented answer (seed 002): the detail object (a list record is
 * the same object), the create answer {id, orderNo, subOrderVOS, createTime}
 * with its fifteen-member sub-orders, logistics traces and after-sale cases.
 * Money is integer fen; times are UTC milliseconds, except the strings the
 * documentation shows ("createTime" of the create answer, trace times),
 * which are "yyyy-MM-dd HH:mm:ss" in Beijing time (UTC+8).
 *
 * The reads settle pending work first (a cancel or a voucher review whose
 * two seconds have passed), so a detail or list read shows the outcome.
 */
#include "config.h"

#include "dd-sandbox-pp-private.h"

#define OFF_SHELF_CODE    "ITEM_OFF_SHELF"
#define OFF_SHELF_MESSAGE "商品已下架，无法采购"

static const char * const status_words[PP_N_STATUSES] = {
  "BULIDING", "WAIT_BUYER_PAY", "CANCELLING", "WAIT_SELLER_SEND_GOODS",
  "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED", "TRADE_CLOSED",
};

/* ---- words ------------------------------------------------------------------ */

const char *
pp_status_to_string (PpStatus status)
{
  g_return_val_if_fail (status < PP_N_STATUSES, NULL);

  return status_words[status];
}

int
pp_status_from_string (const char *word)
{
  for (guint i = 0; word != NULL && i < PP_N_STATUSES; i++)
    if (g_str_equal (word, status_words[i]))
      return (int) i;
  return -1;
}

const char *
pp_pay_status_to_string (PpPayStatus status)
{
  switch (status)
    {
    case PP_UNPAID:
      return "UNPAID";
    case PP_REVIEWING:
      return "REVIEWING";
    case PP_PAID:
      return "PAID";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
pp_refund_status_to_string (PpRefundStatus status)
{
  switch (status)
    {
    case PP_REFUND_WAIT_SELLER_AGREE:
      return "WAIT_SELLER_AGREE";
    case PP_REFUND_SUCCESS:
      return "REFUND_SUCCESS";
    case PP_REFUND_CLOSED:
      return "REFUND_CLOSED";
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
pp_format_beijing (gint64 ms)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, beijing);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
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
set_int_or_null (JsonObject *object,
                 const char *name,
                 gboolean    set,
                 gint64      value)
{
  if (set)
    json_object_set_int_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static const char *
close_reason (const PpOrder *order)
{
  return order->status == PP_TRADE_CLOSED ? order->close_reason : NULL;
}

/* The documentation's fifteen members, in its order. */
static JsonObject *
line_to_json (const PpOrder *order,
              const PpLine  *line)
{
  JsonObject *object = json_object_new ();
  gboolean ok = !line->off_shelf;

  json_object_set_string_member (object, "subOrderId", line->sub_order_id);
  json_object_set_string_member (object, "orderNo", order->order_no);
  json_object_set_int_member (object, "quantity", line->quantity);
  json_object_set_string_member (object, "title", line->title);
  json_object_set_string_member (object, "purchaseCurrency", PP_CURRENCY);
  set_int_or_null (object, "purchaseAmount", ok, line->unit_fen * line->quantity);
  json_object_set_string_member (object, "itemId", line->item_id);
  set_int_or_null (object, "domesticPostFee", ok, line->post_fee_fen);
  set_string_or_null (object, "closeReason", ok ? close_reason (order) : OFF_SHELF_MESSAGE);
  set_string_or_null (object, "skuId", line->sku_id);
  json_object_set_string_member (object, "status",
                                 pp_status_to_string (ok ? order->status : PP_TRADE_CLOSED));
  json_object_set_string_member (object, "taobaoPurchaseId", order->taobao_purchase_id);
  json_object_set_string_member (object, "taobaoSubPurchaseId", line->taobao_sub_purchase_id);
  set_string_or_null (object, "errorCode", ok ? NULL : OFF_SHELF_CODE);
  set_string_or_null (object, "errorMessage", ok ? NULL : OFF_SHELF_MESSAGE);
  return object;
}

static JsonArray *
lines_to_json (const PpOrder *order)
{
  JsonArray *array = json_array_new ();

  /* An order still being built has no sub-orders yet (orderLineList has
   * what was asked for). */
  if (order->status == PP_BULIDING)
    return array;

  for (guint i = 0; i < order->lines->len; i++)
    json_array_add_object_element (array, line_to_json (order, g_ptr_array_index (order->lines, i)));
  return array;
}

/* What the buyer pays: the lines that could be bought and their shipping. */
static gint64
order_total (const PpOrder *order)
{
  gint64 total = 0;

  for (guint i = 0; i < order->lines->len; i++)
    {
      const PpLine *line = g_ptr_array_index (order->lines, i);

      if (!line->off_shelf)
        total += line->unit_fen * line->quantity + line->post_fee_fen;
    }
  return total;
}

JsonObject *
pp_order_to_json (const PpOrder *order)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", order->id);
  json_object_set_string_member (object, "orderNo", order->order_no);
  set_string_or_null (object, "sellerOrderNumber", order->seller_order_number);
  set_string_or_null (object, "orderSource", order->order_source);
  json_object_set_string_member (object, "status", pp_status_to_string (order->status));
  json_object_set_string_member (object, "payStatus", pp_pay_status_to_string (order->pay_status));
  json_object_set_int_member (object, "purchaseAmount", order_total (order));
  json_object_set_string_member (object, "currency", PP_CURRENCY);
  json_object_set_int_member (object, "createTime", order->created_ms);
  json_object_set_int_member (object, "updateTime", order->updated_ms);
  set_int_or_null (object, "payTime", order->paid_ms > 0, order->paid_ms);
  set_string_or_null (object, "closeReason", close_reason (order));
  json_object_set_string_member (object, "receiver", order->receiver);
  json_object_set_string_member (object, "orderLineList", order->line_list);
  json_object_set_array_member (object, "subOrderVOS", lines_to_json (order));
  return object;
}

/* Exactly the members of the documentation's example, in its order. */
JsonObject *
pp_order_to_create_json (const PpOrder *order)
{
  JsonObject *object = json_object_new ();
  g_autofree char *created = pp_format_beijing (order->created_ms);

  json_object_set_string_member (object, "id", order->id);
  json_object_set_string_member (object, "orderNo", order->order_no);
  json_object_set_array_member (object, "subOrderVOS", lines_to_json (order));
  json_object_set_string_member (object, "createTime", created);
  return object;
}

static JsonNode *
page_node (JsonArray *records,
           guint64    total,
           guint      page,
           guint      page_size)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "total", (gint64) total);
  json_object_set_int_member (object, "pageNo", page);
  json_object_set_int_member (object, "pageSize", page_size);
  json_object_set_array_member (object, "records", records);
  return pp_object_node (object);
}

JsonNode *
pp_shop_order_page (DdSandboxPpShop *shop,
                    int              status,
                    gint64           update_start_ms,
                    gint64           update_end_ms,
                    guint            page,
                    guint            page_size,
                    gint64           now_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  JsonArray *records = json_array_new ();
  guint64 first = (guint64) (page - 1) * page_size;
  guint64 total = 0;

  pp_shop_settle_locked (shop, now_ms);
  for (guint i = 0; i < shop->orders->len; i++)
    {
      const PpOrder *order = g_ptr_array_index (shop->orders, i);

      if ((status >= 0 && order->status != (PpStatus) status) ||
          (update_start_ms > 0 && order->updated_ms < update_start_ms) ||
          (update_end_ms > 0 && order->updated_ms > update_end_ms))
        continue;
      if (total >= first && total < first + page_size)
        json_array_add_object_element (records, pp_order_to_json (order));
      total++;
    }

  return page_node (records, total, page, page_size);
}

int
pp_shop_order_detail (DdSandboxPpShop *shop,
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
  *data = pp_object_node (pp_order_to_json (order));
  return PP_CODE_OK;
}

/* ---- logistics ---------------------------------------------------------------- */

typedef enum
{
  AT_ORIGIN_PICKUP,
  AT_ORIGIN_HUB,
  AT_DESTINATION_HUB,
  AT_DESTINATION_STATION,
} TracePlace;

/* A parcel's journey after the seller ships: when (after shipping), what,
 * and where. Signing for it comes last, when the order is finished. */
static const struct
{
  gint64      after_ms;
  const char *action;
  const char *status;
  const char *status_desc;
  TracePlace  place;
  const char *before;       /* the standard description: before + facility + after */
  const char *after;
} trace_steps[] = {
  { 0, "GOT", "ACCEPT", "已揽收", AT_ORIGIN_PICKUP, "您的快件已被【", "】揽收" },
  { 3 * PP_HOUR_MS, "DEPARTURE", "TRANSPORT", "运输中", AT_ORIGIN_HUB, "快件已从【", "】发出" },
  { 18 * PP_HOUR_MS, "ARRIVAL", "TRANSPORT", "运输中", AT_DESTINATION_HUB, "快件已到达【", "】" },
  { 26 * PP_HOUR_MS, "DELIVERING", "DELIVERING", "派送中", AT_DESTINATION_STATION, "快件正在派送中，派件网点【", "】" },
};

static JsonObject *
trace_to_json (const char *province,
               const char *city,
               const char *facility,
               gint64      ms,
               const char *action,
               const char *status,
               const char *status_desc,
               const char *standard)
{
  JsonObject *object = json_object_new ();
  g_autofree char *time = pp_format_beijing (ms);

  json_object_set_string_member (object, "statusDesc", status_desc);
  json_object_set_string_member (object, "province", province);
  json_object_set_string_member (object, "city", city);
  json_object_set_string_member (object, "action", action);
  json_object_set_string_member (object, "facilityName", facility);
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "standerdDesc", standard);
  json_object_set_string_member (object, "status", status);
  return object;
}

/* Newest first, as the platform lists them. */
static JsonArray *
traces_to_json (const PpOrder *order,
                gint64         now_ms)
{
  const PpPlace *origin = &pp_places[order->origin];
  gboolean finished = order->status == PP_TRADE_FINISHED;
  gint64 until = finished ? order->finished_ms : now_ms;
  g_autofree char *pickup = g_strconcat (origin->city, pp_facility_words[order->origin], "营业部", NULL);
  g_autofree char *origin_hub = g_strconcat (origin->city, "转运中心", NULL);
  g_autofree char *dest_hub = g_strconcat (order->dest_city, "转运中心", NULL);
  g_autofree char *station = g_strconcat (order->dest_city, order->dest_district, "营业部", NULL);
  JsonArray *array = json_array_new ();
  GPtrArray *traces = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (trace_steps); i++)
    {
      gboolean at_origin = trace_steps[i].place <= AT_ORIGIN_HUB;
      const char *facility = (const char *[]) { pickup, origin_hub, dest_hub, station }[trace_steps[i].place];
      gint64 ms = MIN (order->shipped_ms + trace_steps[i].after_ms, until);
      g_autofree char *standard = g_strconcat (trace_steps[i].before, facility, trace_steps[i].after, NULL);

      if (i > 0 && order->shipped_ms + trace_steps[i].after_ms > until)
        break;
      g_ptr_array_add (traces, trace_to_json (at_origin ? origin->province : order->dest_province,
                                              at_origin ? origin->city : order->dest_city,
                                              facility, ms, trace_steps[i].action, trace_steps[i].status,
                                              trace_steps[i].status_desc, standard));
    }
  if (finished)
    {
      g_autofree char *standard = g_strconcat ("快件已签收，感谢使用", pp_carriers[order->carrier].name, NULL);

      g_ptr_array_add (traces, trace_to_json (order->dest_province, order->dest_city, station,
                                              order->finished_ms, "SIGN", "SIGN", "已签收", standard));
    }

  for (guint i = traces->len; i-- > 0;)
    json_array_add_object_element (array, g_ptr_array_index (traces, i));
  g_ptr_array_unref (traces);
  return array;
}

int
pp_shop_logistics (DdSandboxPpShop *shop,
                   const char      *sub_order_id,
                   gint64           now_ms,
                   JsonNode       **data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  JsonArray *details;
  JsonObject *object;
  PpOrder *order;

  pp_shop_settle_locked (shop, now_ms);
  order = g_hash_table_lookup (shop->sub_orders, sub_order_id);
  if (order == NULL)
    return PP_CODE_NOT_FOUND;

  details = json_array_new ();
  if (order->shipped_ms > 0 && order->mail_no != NULL)
    {
      JsonObject *parcel = json_object_new ();

      json_object_set_string_member (parcel, "mailNo", order->mail_no);
      json_object_set_array_member (parcel, "logisticsTraces", traces_to_json (order, now_ms));
      json_array_add_object_element (details, parcel);
    }

  object = json_object_new ();
  json_object_set_string_member (object, "purchaseOrderOuterId", order->order_no);
  json_object_set_array_member (object, "pnmLogisticsDetails", details);
  *data = pp_object_node (object);
  return PP_CODE_OK;
}

/* ---- after-sale cases ------------------------------------------------------------ */

static JsonObject *
refund_to_json (const PpRefund *refund)
{
  JsonObject *object = json_object_new ();
  const PpLine *line = g_ptr_array_index (refund->order->lines, refund->line);

  json_object_set_string_member (object, "refundId", refund->refund_id);
  json_object_set_string_member (object, "orderNo", refund->order->order_no);
  json_object_set_string_member (object, "subOrderId", line->sub_order_id);
  json_object_set_string_member (object, "status", pp_refund_status_to_string (refund->status));
  json_object_set_string_member (object, "reason", refund->reason);
  json_object_set_int_member (object, "refundAmount", refund->amount_fen);
  json_object_set_string_member (object, "currency", PP_CURRENCY);
  json_object_set_int_member (object, "createTime", refund->created_ms);
  json_object_set_int_member (object, "updateTime", refund->updated_ms);
  return object;
}

JsonNode *
pp_shop_refund_page (DdSandboxPpShop *shop,
                     guint            page,
                     guint            page_size)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  JsonArray *records = json_array_new ();
  guint64 first = (guint64) (page - 1) * page_size;

  for (guint64 i = first; i < shop->refunds->len && i < first + page_size; i++)
    json_array_add_object_element (records, refund_to_json (g_ptr_array_index (shop->refunds, i)));

  return page_node (records, shop->refunds->len, page, page_size);
}
