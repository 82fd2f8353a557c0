/* test-sandbox-pp-actions.c: the sandbox's PandaPon state machines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cancel (accepted, closed two seconds of sandbox clock later), pay,
 * payment vouchers (reviewed two seconds later), logistics traces,
 * after-sale cases, and 1688 goods (create, detail, cancel before payment,
 * paying through the pay URL's page). Calls are signed by pp-test-call.h.
 */
#include "config.h"

#include "pp-test-call.h"

/* ---- writes ------------------------------------------------------------------- */

static void
test_cancel_pending (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *order_no = create_order (fixture, "cancel-1");
  g_autofree char *body = g_strdup_printf ("{\"orderNo\":\"%s\",\"reason\":\"不想要了\"}", order_no);
  g_autoptr(JsonObject) answer = pp_post (fixture, "/open/order/cancel", body);
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) closed = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *listed_path = NULL;
  g_autoptr(JsonObject) listed = NULL;

  g_assert_cmpstr (json_object_get_string_member (data_of (answer), "status"), ==, "CANCELLING");
  g_assert_cmpstr (json_object_get_string_member (data_of (answer), "orderNo"), ==, order_no);
  again = pp_post (fixture, "/open/order/cancel", body);
  g_assert_cmpstr (json_object_get_string_member (data_of (again), "status"), ==, "CANCELLING");

  /* Not closed before two seconds of the sandbox's clock. */
  dd_sandbox_advance_clock (fixture->sandbox, 1500);
  pending = detail_status (fixture, order_no);
  g_assert_cmpstr (pending, ==, "CANCELLING");

  dd_sandbox_advance_clock (fixture->sandbox, 600);
  order = detail (fixture, order_no);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "TRADE_CLOSED");
  g_assert_cmpstr (json_object_get_string_member (order, "closeReason"), ==, "不想要了");
  g_assert_cmpint (json_object_get_int_member (order, "updateTime"), >,
                   json_object_get_int_member (order, "createTime"));

  /* Cancelling a closed order says so; paying it is a conflict. */
  closed = pp_post (fixture, "/open/order/cancel", body);
  g_assert_cmpstr (json_object_get_string_member (data_of (closed), "status"), ==, "TRADE_CLOSED");
  assert_post_code (fixture, "/open/order/pay", body, 409);

  listed_path = g_strdup_printf ("/open/order/page?status=TRADE_CLOSED&updateTimeStart=%" G_GINT64_FORMAT,
                                 json_object_get_int_member (order, "updateTime"));
  listed = pp_get (fixture, listed_path);
  g_assert_cmpint (json_object_get_int_member (data_of (listed), "total"), ==, 1);
}

static void
test_cancel_settles_on_list (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *order_no = create_order (fixture, "cancel-2");
  g_autofree char *body = g_strdup_printf ("{\"orderNo\":\"%s\"}", order_no);
  g_autoptr(JsonObject) answer = pp_post (fixture, "/open/order/cancel", body);
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *status = NULL;

  assert_code (answer, 200);
  dd_sandbox_advance_clock (fixture->sandbox, 2000);
  page = pp_get (fixture, "/open/order/page?pageSize=1");
  status = dd_sandbox_pp_shop_dup_status (shop_of (fixture), order_no);
  g_assert_cmpstr (status, ==, "TRADE_CLOSED");
}

static void
test_cancel_paid (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const statuses[] = { "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *order_no = find_order (fixture, statuses[i]);
      g_autofree char *body = g_strdup_printf ("{\"orderNo\":\"%s\",\"reason\":\"x\"}", order_no);
      g_autofree char *status = NULL;

      assert_post_code (fixture, "/open/order/cancel", body, 409);
      status = detail_status (fixture, order_no);
      g_assert_cmpstr (status, ==, statuses[i]);
    }
  assert_post_code (fixture, "/open/order/cancel", "{\"orderNo\":\"1000000000000000000\"}", 404);
  assert_post_code (fixture, "/open/order/cancel", "{\"reason\":\"x\"}", 400);
  assert_post_code (fixture, "/open/order/cancel", "{\"orderNo\":true}", 400);
}

static void
test_pay (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *order_no = create_order (fixture, "pay-1");
  g_autofree char *body = g_strdup_printf ("{\"orderNo\":\"%s\"}", order_no);
  g_autoptr(JsonObject) answer = pp_post (fixture, "/open/order/pay", body);
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *building = create_order (fixture, "pay-2");
  g_autofree char *building_body = g_strdup_printf ("{\"orderNo\":\"%s\"}", building);

  g_assert_cmpstr (json_object_get_string_member (data_of (answer), "status"), ==, "WAIT_SELLER_SEND_GOODS");
  g_assert_cmpstr (json_object_get_string_member (data_of (answer), "payStatus"), ==, "PAID");
  order = detail (fixture, order_no);
  g_assert_cmpstr (json_object_get_string_member (order, "payStatus"), ==, "PAID");
  g_assert_false (json_object_get_null_member (order, "payTime"));

  /* Paying a paid order is a conflict, and so is cancelling it. */
  assert_post_code (fixture, "/open/order/pay", body, 409);
  assert_post_code (fixture, "/open/order/cancel", body, 409);

  /* An order still being built cannot be paid yet. */
  g_assert_true (dd_sandbox_pp_shop_set_status (shop_of (fixture), building, "BULIDING",
                                                dd_sandbox_now_ms (fixture->sandbox)));
  assert_post_code (fixture, "/open/order/pay", building_body, 409);
  {
    g_autoptr(JsonObject) built = detail (fixture, building);

    /* No sub-orders yet; what was asked for is in orderLineList. */
    g_assert_cmpstr (json_object_get_string_member (built, "status"), ==, "BULIDING");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (built, "subOrderVOS")), ==, 0);
    g_assert_nonnull (strstr (json_object_get_string_member (built, "orderLineList"), "600000000000000001"));
  }
}

static SoupMessage *
voucher_message (Fixture    *fixture,
                 const char *order_no,
                 const char *content_type,
                 GBytes     *file)
{
  g_autofree char *url = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/open/order/voucher", NULL);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  SoupMessage *msg;

  soup_multipart_append_form_string (multipart, "orderNo", order_no);
  soup_multipart_append_form_file (multipart, "file", "voucher.png", content_type, file);
  msg = soup_message_new_from_multipart (url, multipart);
  add_auth (fixture, msg, &pp_ok);
  return msg;
}

static gint64
voucher_code (Fixture    *fixture,
              const char *order_no,
              const char *content_type,
              GBytes     *file)
{
  g_autoptr(SoupMessage) msg = voucher_message (fixture, order_no, content_type, file);
  g_autoptr(GBytes) body = send_message (fixture, msg, SOUP_STATUS_OK);
  g_autoptr(JsonObject) answer = envelope (msg, body);

  if (json_object_get_int_member (answer, "code") == 200)
    g_assert_cmpstr (json_object_get_string_member (data_of (answer), "payStatus"), ==, "REVIEWING");
  return json_object_get_int_member (answer, "code");
}

static void
test_voucher (Fixture       *fixture,
              gconstpointer  data)
{
  static const char png_bytes[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  g_autoptr(GBytes) png = g_bytes_new_static (png_bytes, sizeof png_bytes - 1);
  g_autoptr(GBytes) text = g_bytes_new_static ("a receipt", 9);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  guchar *big_data = g_malloc0 (DD_SANDBOX_PP_MAX_VOUCHER + 1);
  g_autoptr(GBytes) big = NULL;
  g_autofree char *order_no = create_order (fixture, "voucher-1");
  g_autofree char *body = g_strdup_printf ("{\"orderNo\":\"%s\"}", order_no);
  g_autoptr(JsonObject) reviewing = NULL;
  g_autoptr(JsonObject) paid = NULL;
  g_autofree char *shipped = find_order (fixture, "WAIT_SELLER_SEND_GOODS");

  memcpy (big_data, png_bytes, sizeof png_bytes - 1);
  big = g_bytes_new_take (big_data, DD_SANDBOX_PP_MAX_VOUCHER + 1);

  /* Not an image, an image type over other bytes, nothing, too big. */
  g_assert_cmpint (voucher_code (fixture, order_no, "text/plain", text), ==, 400);
  g_assert_cmpint (voucher_code (fixture, order_no, "image/png", text), ==, 400);
  g_assert_cmpint (voucher_code (fixture, order_no, "image/jpeg", png), ==, 400);
  g_assert_cmpint (voucher_code (fixture, order_no, "image/png", empty), ==, 400);
  g_assert_cmpint (voucher_code (fixture, order_no, "image/png", big), ==, 400);
  g_assert_cmpint (voucher_code (fixture, "1000000000000000000", "image/png", png), ==, 404);
  g_assert_cmpint (voucher_code (fixture, shipped, "image/png", png), ==, 409);

  g_assert_cmpint (voucher_code (fixture, order_no, "image/png", png), ==, 200);
  reviewing = detail (fixture, order_no);
  g_assert_cmpstr (json_object_get_string_member (reviewing, "status"), ==, "WAIT_BUYER_PAY");
  g_assert_cmpstr (json_object_get_string_member (reviewing, "payStatus"), ==, "REVIEWING");
  /* Under review: no second voucher, no paying, no cancelling. */
  g_assert_cmpint (voucher_code (fixture, order_no, "image/png", png), ==, 409);
  assert_post_code (fixture, "/open/order/pay", body, 409);
  assert_post_code (fixture, "/open/order/cancel", body, 409);

  dd_sandbox_advance_clock (fixture->sandbox, 2000);
  paid = detail (fixture, order_no);
  g_assert_cmpstr (json_object_get_string_member (paid, "status"), ==, "WAIT_SELLER_SEND_GOODS");
  g_assert_cmpstr (json_object_get_string_member (paid, "payStatus"), ==, "PAID");
  g_assert_cmpint (json_object_get_int_member (paid, "updateTime"), >,
                   json_object_get_int_member (reviewing, "updateTime"));
}

/* ---- logistics and after-sale ---------------------------------------------------- */

static void
test_logistics (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const trace_members[] = {
    "statusDesc", "province", "city", "action", "facilityName", "time", "standerdDesc", "status",
  };
  g_autofree char *order_no = find_order (fixture, "TRADE_FINISHED");
  g_autoptr(JsonObject) order = detail (fixture, order_no);
  JsonObject *line = json_array_get_object_element (json_object_get_array_member (order, "subOrderVOS"), 0);
  g_autofree char *path = g_strconcat ("/open/order/logistics/detail/get?subPurchaseOrderId=",
                                       json_object_get_string_member (line, "subOrderId"), NULL);
  g_autoptr(JsonObject) answer = pp_get (fixture, path);
  JsonObject *result = data_of (answer);
  JsonArray *parcels = json_object_get_array_member (result, "pnmLogisticsDetails");
  JsonArray *traces;
  g_autofree char *unpaid = create_order (fixture, "logistics-1");
  g_autoptr(JsonObject) fresh = detail (fixture, unpaid);
  JsonObject *fresh_line = json_array_get_object_element (json_object_get_array_member (fresh, "subOrderVOS"), 0);
  g_autofree char *fresh_path = g_strconcat ("/open/order/logistics/detail/get?subPurchaseOrderId=",
                                             json_object_get_string_member (fresh_line, "subOrderId"), NULL);
  g_autoptr(JsonObject) none = pp_get (fixture, fresh_path);
  g_autoptr(JsonObject) unknown = pp_get (fixture, "/open/order/logistics/detail/get?subPurchaseOrderId=42");
  const char *previous = NULL;

  g_assert_cmpstr (json_object_get_string_member (result, "purchaseOrderOuterId"), ==, order_no);
  g_assert_cmpuint (json_array_get_length (parcels), ==, 1);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (parcels, 0), "mailNo")), >, 10);
  traces = json_object_get_array_member (json_array_get_object_element (parcels, 0), "logisticsTraces");
  g_assert_cmpuint (json_array_get_length (traces), ==, 5);
  for (guint i = 0; i < json_array_get_length (traces); i++)
    {
      JsonObject *trace = json_array_get_object_element (traces, i);
      const char *time = json_object_get_string_member (trace, "time");

      g_assert_cmpuint (json_object_get_size (trace), ==, G_N_ELEMENTS (trace_members));
      for (guint k = 0; k < G_N_ELEMENTS (trace_members); k++)
        g_assert_nonnull (json_object_get_string_member (trace, trace_members[k]));
      /* Newest first. */
      if (previous != NULL)
        g_assert_cmpstr (time, <=, previous);
      previous = time;
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (traces, 0), "action"), ==, "SIGN");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (traces, 4), "action"), ==, "GOT");

  /* Not shipped yet: no parcels. Unknown: 404. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data_of (none), "pnmLogisticsDetails")), ==, 0);
  assert_code (unknown, 404);

  /* Shipping it starts the trace. */
  g_assert_true (dd_sandbox_pp_shop_set_status (shop_of (fixture), unpaid, "WAIT_BUYER_CONFIRM_GOODS",
                                                dd_sandbox_now_ms (fixture->sandbox)));
  {
    g_autoptr(JsonObject) shipped = pp_get (fixture, fresh_path);
    JsonArray *shipped_parcels = json_object_get_array_member (data_of (shipped), "pnmLogisticsDetails");

    g_assert_cmpuint (json_array_get_length (shipped_parcels), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (shipped_parcels, 0),
                                                                           "logisticsTraces")), ==, 1);
  }
}

static void
test_refunds (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonObject) answer = pp_get (fixture, "/open/order/refund/page?pageNo=1&pageSize=50");
  JsonObject *result = data_of (answer);
  JsonArray *records = json_object_get_array_member (result, "records");
  const char *open_id = NULL;
  const char *done_id = NULL;
  g_autofree char *cancel_path = NULL;
  g_autofree char *done_path = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) unknown = pp_get (fixture, "/open/order/refund/cancel/1");
  g_autoptr(JsonObject) bad = pp_get (fixture, "/open/order/refund/cancel/abc");
  g_autoptr(JsonObject) reread = NULL;

  g_assert_cmpint (json_object_get_int_member (result, "total"), >, 0);
  g_assert_cmpint (json_object_get_int_member (result, "total"), ==, json_array_get_length (records));
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *refund = json_array_get_object_element (records, i);
      const char *status = json_object_get_string_member (refund, "status");
      g_autoptr(JsonObject) order = detail (fixture, json_object_get_string_member (refund, "orderNo"));

      g_assert_nonnull (json_object_get_string_member (refund, "refundId"));
      g_assert_nonnull (json_object_get_string_member (refund, "reason"));
      g_assert_cmpint (json_object_get_int_member (refund, "refundAmount"), >, 0);
      g_assert_cmpint (json_object_get_int_member (refund, "createTime"), >, 0);
      if (g_str_equal (status, "WAIT_SELLER_AGREE") && open_id == NULL)
        open_id = json_object_get_string_member (refund, "refundId");
      else if (!g_str_equal (status, "WAIT_SELLER_AGREE") && done_id == NULL)
        done_id = json_object_get_string_member (refund, "refundId");
      else
        g_assert_true (g_str_equal (status, "WAIT_SELLER_AGREE") || g_str_equal (status, "REFUND_SUCCESS") ||
                       g_str_equal (status, "REFUND_CLOSED"));
    }
  g_assert_nonnull (open_id);
  g_assert_nonnull (done_id);

  cancel_path = g_strconcat ("/open/order/refund/cancel/", open_id, NULL);
  cancelled = pp_get (fixture, cancel_path);
  g_assert_cmpstr (json_object_get_string_member (data_of (cancelled), "status"), ==, "REFUND_CLOSED");
  g_assert_cmpstr (json_object_get_string_member (data_of (cancelled), "refundId"), ==, open_id);
  again = pp_get (fixture, cancel_path);
  assert_code (again, 409);
  done_path = g_strconcat ("/open/order/refund/cancel/", done_id, NULL);
  done = pp_get (fixture, done_path);
  assert_code (done, 409);
  assert_code (unknown, 404);
  assert_code (bad, 400);

  reread = pp_get (fixture, "/open/order/refund/page?pageSize=50");
  records = json_object_get_array_member (data_of (reread), "records");
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *refund = json_array_get_object_element (records, i);

      if (g_str_equal (json_object_get_string_member (refund, "refundId"), open_id))
        g_assert_cmpstr (json_object_get_string_member (refund, "status"), ==, "REFUND_CLOSED");
    }
}

/* ---- 1688 ------------------------------------------------------------------------ */

static const char create_1688_body[] =
  "{\"flow\":\"general\",\"message\":\"尽快发货\",\"tradeType\":\"fxassure\","
  "\"addressParam\":{\"fullName\":\"张三\",\"mobile\":\"13800000000\",\"phone\":\"\",\"postCode\":\"310000\","
  "\"cityText\":\"杭州市\",\"provinceText\":\"浙江省\",\"areaText\":\"余杭区\",\"townText\":\"\","
  "\"address\":\"文一西路969号\"},"
  "\"cargoParamList\":[{\"offerId\":\"624818394583\",\"specId\":\"b266e0726506185beaf205cbae88a289\",\"quantity\":10},"
  "{\"offerId\":999000000001,\"quantity\":1}]}";

static char *
create_1688 (Fixture *fixture)
{
  g_autoptr(JsonObject) answer = pp_post (fixture, "/alibaba/order/create", create_1688_body);
  JsonObject *result = data_of (answer);
  JsonArray *failed = json_object_get_array_member (result, "failedOfferList");

  g_assert_cmpint (json_object_get_int_member (result, "totalSuccessAmount"), >,
                   json_object_get_int_member (result, "postFee"));
  g_assert_cmpuint (json_array_get_length (failed), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failed, 0), "offerId"),
                   ==, "999000000001");
  return g_strdup (json_object_get_string_member (result, "orderId"));
}

static JsonObject *
detail_1688 (Fixture    *fixture,
             const char *order_id)
{
  g_autofree char *body = g_strdup_printf ("{\"webSite\":\"1688\",\"orderId\":\"%s\"}", order_id);
  g_autoptr(JsonObject) answer = pp_post (fixture, "/alibaba/order/detail", body);

  return json_object_ref (data_of (answer));
}

static void
test_1688_create (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *order_id = create_1688 (fixture);
  g_autoptr(JsonObject) order = detail_1688 (fixture, order_id);
  JsonArray *items = json_object_get_array_member (order, "productItems");
  JsonObject *item = json_array_get_object_element (items, 0);
  g_autofree char *wrong_site = g_strdup_printf ("{\"webSite\":\"alibaba\",\"orderId\":\"%s\"}", order_id);
  g_autoptr(JsonObject) address = NULL;

  g_assert_cmpstr (json_object_get_string_member (order, "orderId"), ==, order_id);
  g_assert_false (json_object_has_member (order, "orderNo"));
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "waitbuyerpay");
  g_assert_cmpstr (json_object_get_string_member (order, "currency"), ==, "CNY");
  g_assert_true (json_object_get_null_member (order, "payTime"));
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "offerId"), ==, "624818394583");
  g_assert_cmpstr (json_object_get_string_member (item, "specId"), ==, "b266e0726506185beaf205cbae88a289");
  g_assert_cmpint (json_object_get_int_member (item, "quantity"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (item, "itemAmount"), ==,
                   10 * json_object_get_int_member (item, "price"));
  g_assert_cmpint (json_object_get_int_member (order, "totalAmount"), ==,
                   json_object_get_int_member (item, "itemAmount") + json_object_get_int_member (order, "postFee"));
  address = json_object_ref (json_object_get_object_member (order, "addressParam"));
  g_assert_cmpstr (json_object_get_string_member (address, "fullName"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (order, "remark"), ==, "尽快发货");

  assert_post_code (fixture, "/alibaba/order/detail", wrong_site, 400);
  assert_post_code (fixture, "/alibaba/order/detail", "{\"webSite\":\"1688\",\"orderId\":\"1\"}", 404);
  /* Every offer off the shelf: nothing is created. */
  assert_post_code (fixture, "/alibaba/order/create",
                    "{\"addressParam\":{\"fullName\":\"张三\",\"mobile\":\"1\",\"cityText\":\"c\","
                    "\"provinceText\":\"p\",\"address\":\"a\"},\"cargoParamList\":[{\"offerId\":\"999\",\"quantity\":1}]}",
                    400);
  /* Malformed: no address, no cargo, a bad quantity, an unknown flow. */
  assert_post_code (fixture, "/alibaba/order/create", "{\"cargoParamList\":[{\"offerId\":\"1\",\"quantity\":1}]}", 400);
  assert_post_code (fixture, "/alibaba/order/create",
                    "{\"addressParam\":{\"fullName\":\"a\",\"mobile\":\"1\",\"cityText\":\"c\",\"provinceText\":\"p\","
                    "\"address\":\"a\"},\"cargoParamList\":[]}", 400);
  assert_post_code (fixture, "/alibaba/order/create",
                    "{\"addressParam\":{\"fullName\":\"a\",\"mobile\":\"1\",\"cityText\":\"c\",\"provinceText\":\"p\","
                    "\"address\":\"a\"},\"cargoParamList\":[{\"offerId\":\"1\",\"quantity\":0}]}", 400);
  assert_post_code (fixture, "/alibaba/order/create",
                    "{\"flow\":\"magic\",\"addressParam\":{\"fullName\":\"a\",\"mobile\":\"1\",\"cityText\":\"c\","
                    "\"provinceText\":\"p\",\"address\":\"a\"},\"cargoParamList\":[{\"offerId\":\"1\",\"quantity\":1}]}", 400);
}

static void
test_1688_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *order_id = create_1688 (fixture);
  g_autofree char *body = g_strdup_printf ("{\"webSite\":\"1688\",\"orderId\":\"%s\",\"cancelReason\":\"buyerCancel\","
                                           "\"remark\":\"不要了\"}", order_id);
  g_autofree char *bad_reason = g_strdup_printf ("{\"webSite\":\"1688\",\"orderId\":\"%s\",\"cancelReason\":\"bored\"}",
                                                 order_id);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(GPtrArray) ids = dd_sandbox_pp_shop_list_1688_order_ids (shop_of (fixture));
  g_autofree char *paid_id = NULL;
  g_autofree char *paid_body = NULL;

  assert_post_code (fixture, "/alibaba/order/cancel", bad_reason, 400);
  answer = pp_post (fixture, "/alibaba/order/cancel", body);
  g_assert_cmpstr (json_object_get_string_member (data_of (answer), "status"), ==, "cancel");
  again = pp_post (fixture, "/alibaba/order/cancel", body);
  g_assert_cmpstr (json_object_get_string_member (data_of (again), "status"), ==, "cancel");
  order = detail_1688 (fixture, order_id);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "cancel");

  /* After payment: refused. */
  for (guint i = 0; i < ids->len && paid_id == NULL; i++)
    {
      g_autofree char *status = dd_sandbox_pp_shop_dup_status (shop_of (fixture), g_ptr_array_index (ids, i));

      if (g_str_equal (status, "waitsellersend"))
        paid_id = g_strdup (g_ptr_array_index (ids, i));
    }
  g_assert_nonnull (paid_id);
  paid_body = g_strdup_printf ("{\"webSite\":\"1688\",\"orderId\":\"%s\",\"cancelReason\":\"other\"}", paid_id);
  assert_post_code (fixture, "/alibaba/order/cancel", paid_body, 409);
}

static void
test_1688_pay_url (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *order_id = create_1688 (fixture);
  g_autofree char *path = g_strconcat ("/alibaba/order/pay/url?orderId=", order_id, NULL);
  g_autoptr(JsonObject) answer = pp_get (fixture, path);
  JsonObject *result = data_of (answer);
  const char *url = json_object_get_string_member (result, "payUrl");
  g_autofree char *expected = g_strconcat (dd_sandbox_get_base_url (fixture->sandbox), "/alibaba/pay/", order_id, NULL);
  g_autoptr(SoupMessage) browser = soup_message_new ("GET", url);
  g_autoptr(SoupMessage) twice = soup_message_new ("GET", url);
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) page_again = NULL;
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(JsonObject) paid = NULL;
  g_autofree char *cancel = g_strdup_printf ("{\"webSite\":\"1688\",\"orderId\":\"%s\",\"cancelReason\":\"other\"}",
                                             order_id);

  g_assert_cmpstr (url, ==, expected);
  g_assert_false (json_object_get_boolean_member (result, "protocolPaySuccess"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "cantPayOrderList")), ==, 0);

  /* The browser opens the page (no signature): the order is paid. */
  page = send_message (fixture, browser, SOUP_STATUS_OK);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "支付成功"));
  order = detail_1688 (fixture, order_id);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "waitsellersend");
  g_assert_false (json_object_get_null_member (order, "payTime"));

  page_again = send_message (fixture, twice, SOUP_STATUS_OK);
  g_assert_null (g_strstr_len (g_bytes_get_data (page_again, NULL), g_bytes_get_size (page_again), "支付成功"));
  paid = pp_get (fixture, path);
  assert_code (paid, 409);
  assert_post_code (fixture, "/alibaba/order/cancel", cancel, 409);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/sandbox/pp/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("cancel/pending", test_cancel_pending);
  ADD ("cancel/settles-on-list", test_cancel_settles_on_list);
  ADD ("cancel/paid", test_cancel_paid);
  ADD ("pay", test_pay);
  ADD ("voucher", test_voucher);
  ADD ("logistics", test_logistics);
  ADD ("refunds", test_refunds);
  ADD ("1688/create-detail", test_1688_create);
  ADD ("1688/cancel", test_1688_cancel);
  ADD ("1688/pay-url", test_1688_pay_url);
#undef ADD

  return g_test_run ();
}
