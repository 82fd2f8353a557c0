/* test-pp-reply.c: PandaPon's envelopes, answers and request bodies
 *
 * The envelope and its error codes (mapped by dd-error-table), the page,
 * cancel / pay outcomes, the 1688 pay URL, logistics, after-sales; and the
 * create bodies, compared member for member with seed 002's example.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-pp-parse.h"
#include "pp-seeds.h"

/* ------------------------------------------------------------------ */
/* Request bodies                                                      */

static void
assert_same_members (JsonObject *a,
                     JsonObject *b)
{
  g_autoptr(GList) names = json_object_get_members (a);

  g_assert_cmpuint (json_object_get_size (a), ==, json_object_get_size (b));
  for (GList *l = names; l != NULL; l = l->next)
    g_assert_true (json_object_has_member (b, l->data));
}

static DdPurchaseRequest *
new_purchase (DdPurchaseSource source)
{
  DdPurchaseRequest *request = dd_purchase_request_new (source, "dd-key-1");
  DdMoney price;

  dd_money_init (&price, 1, "CNY");
  dd_purchase_request_add_line (request, "600126245031041190", "5016042822039", 200, &price);
  dd_purchase_request_add_line (request, "600129202197070073", NULL, 200, &price);
  request->receiver.receiver_name = g_strdup ("a测试aa");
  request->receiver.receiver_phone = g_strdup ("15068763421");
  request->receiver.country_code = g_strdup ("中国");
  request->receiver.state = g_strdup ("浙江省");
  request->receiver.city = g_strdup ("杭州市");
  request->receiver.area = g_strdup ("余杭区");
  request->receiver.detail_address = g_strdup ("测试地址");
  request->receiver.zip = g_strdup ("11111");
  request->remark = g_strdup ("请尽快发货");

  return request;
}

/* Our create body has the seed's members, nested strings included. */
static void
test_create_body (void)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_TAOBAO);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = dd_pp_build_create_body (request, &error);
  g_autoptr(JsonNode) ours = NULL, seed = NULL;
  g_autoptr(JsonNode) our_lines = NULL, seed_lines = NULL, our_receiver = NULL, seed_receiver = NULL;
  JsonObject *o, *s;

  g_assert_no_error (error);
  ours = dd_json_parse_object (body, -1, &error);
  g_assert_no_error (error);
  seed = dd_json_parse_object (SEED_CREATE_BODY, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (ours);
  s = json_node_get_object (seed);
  assert_same_members (o, s);

  g_assert_cmpint (json_object_get_int_member (o, "purchaseAmount"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (o, "sellerOrderNumber"), ==, "dd-key-1");

  /* Nested JSON *strings*, each with the seed's members. */
  our_lines = dd_json_parse (json_object_get_string_member (o, "orderLineList"), -1, &error);
  g_assert_no_error (error);
  seed_lines = dd_json_parse (json_object_get_string_member (s, "orderLineList"), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (our_lines)), ==, 2);
  assert_same_members (json_array_get_object_element (json_node_get_array (our_lines), 0),
                       json_array_get_object_element (json_node_get_array (seed_lines), 0));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (our_lines), 1),
                                                  "orderLineNo"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (our_lines), 1),
                                                  "skuId"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (our_lines), 0),
                                                  "price"), ==, "1");

  our_receiver = dd_json_parse_object (json_object_get_string_member (o, "receiver"), -1, &error);
  g_assert_no_error (error);
  seed_receiver = dd_json_parse_object (json_object_get_string_member (s, "receiver"), -1, &error);
  g_assert_no_error (error);
  assert_same_members (json_node_get_object (our_receiver), json_node_get_object (seed_receiver));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (our_receiver), "mobile_phone"), ==, "15068763421");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (our_receiver), "district"), ==, "余杭区");
}

static void
test_create_body_total (void)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_TAOBAO);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* A budget above the lines' sum (post fees) is sent as it is, exactly. */
  dd_money_init (&request->total, G_GINT64_CONSTANT (9007199254740993), "CNY");
  body = dd_pp_build_create_body (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (body, "\"purchaseAmount\":9007199254740993"));
  root = dd_json_parse_object (body, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "purchaseAmount"),
                   ==, G_GINT64_CONSTANT (9007199254740993));
}

static void
test_create_body_1688 (void)
{
  g_autoptr(DdPurchaseRequest) request = new_purchase (DD_PURCHASE_SOURCE_1688);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = dd_pp_build_create_1688_body (request, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *address, *cargo;

  g_assert_no_error (error);
  root = dd_json_parse_object (body, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "flow"), ==, "general");
  g_assert_cmpstr (json_object_get_string_member (o, "message"), ==, "请尽快发货");
  g_assert_true (json_object_has_member (o, "tradeType"));

  address = json_object_get_object_member (o, "addressParam");
  g_assert_cmpstr (json_object_get_string_member (address, "fullName"), ==, "a测试aa");
  g_assert_cmpstr (json_object_get_string_member (address, "mobile"), ==, "15068763421");
  g_assert_cmpstr (json_object_get_string_member (address, "provinceText"), ==, "浙江省");
  g_assert_cmpstr (json_object_get_string_member (address, "cityText"), ==, "杭州市");
  g_assert_cmpstr (json_object_get_string_member (address, "areaText"), ==, "余杭区");
  g_assert_cmpstr (json_object_get_string_member (address, "address"), ==, "测试地址");
  g_assert_cmpstr (json_object_get_string_member (address, "postCode"), ==, "11111");
  g_assert_true (json_object_has_member (address, "townText"));
  g_assert_true (json_object_has_member (address, "phone"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "cargoParamList")), ==, 2);
  cargo = json_array_get_object_element (json_object_get_array_member (o, "cargoParamList"), 0);
  g_assert_cmpstr (json_object_get_string_member (cargo, "offerId"), ==, "600126245031041190");
  g_assert_cmpstr (json_object_get_string_member (cargo, "specId"), ==, "5016042822039");
  g_assert_cmpint (json_object_get_int_member (cargo, "quantity"), ==, 200);
  /* No spec: no specId at all. */
  cargo = json_array_get_object_element (json_object_get_array_member (o, "cargoParamList"), 1);
  g_assert_false (json_object_has_member (cargo, "specId"));
}

static void
test_create_body_invalid (void)
{
  DdMoney price, usd;

  dd_money_init (&price, 100, "CNY");
  dd_money_init (&usd, 100, "USD");

  /* No key; no lines; a zero quantity; dollars; an overflowing sum. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(DdPurchaseRequest) request = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO,
                                                                      i == 0 ? NULL : "k");
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      if (i == 0 || i == 3)
        dd_purchase_request_add_line (request, "1", NULL, 1, i == 3 ? &usd : &price);
      else if (i == 2)
        dd_purchase_request_add_line (request, "1", NULL, 0, &price);
      else if (i == 4)
        {
          DdMoney big;

          dd_money_init (&big, G_MAXINT64 / 2, "CNY");
          dd_purchase_request_add_line (request, "1", NULL, 3, &big);
        }

      body = dd_pp_build_create_body (request, &error);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT);
      g_assert_null (body);
    }
}

/* ------------------------------------------------------------------ */
/* Envelopes                                                           */

typedef struct
{
  const char          *code;
  DdPlatformErrorCode  error;
} EnvelopeCase;

static const EnvelopeCase envelope_cases[] = {
  { "400", DD_PLATFORM_ERROR_INVALID_ARGUMENT },
  { "401", DD_PLATFORM_ERROR_AUTH },
  { "402", DD_PLATFORM_ERROR_AUTH },
  { "403", DD_PLATFORM_ERROR_AUTH },
  { "404", DD_PLATFORM_ERROR_NOT_FOUND },
  { "409", DD_PLATFORM_ERROR_STATE_CONFLICT },
  { "429", DD_PLATFORM_ERROR_RATE_LIMITED },
  { "500", DD_PLATFORM_ERROR_SERVER },
  { "4091", DD_PLATFORM_ERROR_STATE_CONFLICT }, /* a duplicate without the existing order */
  { "12345", DD_PLATFORM_ERROR_SERVER },  /* no public table: "check state, then retry" */
};

static void
test_envelope_error (gconstpointer data)
{
  const EnvelopeCase *c = data;
  g_autofree char *answer = error_envelope (c->code, "Request limit exceeded, this ban will last for 7 more seconds");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = dd_pp_parse_order_detail (answer, strlen (answer), &error);

  g_assert_null (order);
  g_assert_error (error, DD_PLATFORM_ERROR, (gint) c->error);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, c->code);
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "req-err");
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==,
                   "Request limit exceeded, this ban will last for 7 more seconds");
  if (c->error == DD_PLATFORM_ERROR_RATE_LIMITED)
    g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 7);
}

static void
test_envelope_shape (void)
{
  static const struct {
    const char *answer;
    gboolean    ok;
  } cases[] = {
    { "{\"code\":200,\"data\":{\"orderNo\":\"1\"}}", TRUE },
    { "{\"code\":\"200\",\"data\":{\"orderNo\":\"1\"}}", TRUE },   /* digits in a string pass */
    { "{\"requestId\":5,\"code\":200,\"data\":{\"orderNo\":\"1\"}}", TRUE },
    { "{\"data\":{\"orderNo\":\"1\"}}", FALSE },                    /* no code */
    { "{\"code\":200.0,\"data\":{\"orderNo\":\"1\"}}", FALSE },
    { "{\"code\":\"ok\",\"data\":{\"orderNo\":\"1\"}}", FALSE },
    { "{\"code\":200}", FALSE },                                    /* no data */
    { "{\"code\":200,\"data\":[]}", FALSE },
    { "[{\"code\":200}]", FALSE },
    { "<html>", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrder) order = dd_pp_parse_order_detail (cases[i].answer, strlen (cases[i].answer), &error);

      g_test_message ("%s", cases[i].answer);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (dd_order_get_order_id (order), ==, "1");
        }
      else
        {
          g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
        }
    }
}

/* A create whose sellerOrderNumber was used: the existing order, success. */
static void
test_duplicate_create (void)
{
  g_autofree char *answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrder) order = NULL;
  const char *data = strstr (SEED_CREATE_ANSWER, "\"data\"");

  answer = g_strdup_printf ("{\"requestId\":\"r\",\"code\":4091,\"msg\":\"sellerOrderNumber already used\",%s", data);
  order = dd_pp_parse_create (answer, strlen (answer), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dd_order_get_order_id (order), ==, "1031992847781331418");

  /* Without the existing order it is an error still. */
  g_clear_object (&order);
  g_free (answer);
  answer = error_envelope ("4091", "sellerOrderNumber already used");
  order = dd_pp_parse_create (answer, strlen (answer), &error);
  g_assert_null (order);
  g_assert_nonnull (error);
}

/* ------------------------------------------------------------------ */
/* Page and the other answers                                          */

static void
test_page (void)
{
  g_autofree char *data = g_strdup_printf ("{\"total\":123,\"pageNo\":2,\"pageSize\":2,\"records\":[%s,"
                                           "{\"orderNo\":\"55\",\"status\":\"TRADE_CLOSED\",\"purchaseAmount\":1}]}",
                                           DETAIL);
  g_autofree char *answer = envelope (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DdOrderPage) page = dd_pp_parse_orders_page (answer, strlen (answer), &error);
  g_autoptr(DdOrder) again = NULL;
  DdOrder *second;

  g_assert_no_error (error);
  g_assert_cmpuint (page->total_count, ==, 123);
  g_assert_cmpuint (page->page, ==, 2);
  g_assert_cmpuint (page->page_size, ==, 2);
  g_assert_cmpstr (page->request_id, ==, "req-1");
  g_assert_cmpuint (page->orders->len, ==, 2);
  second = g_ptr_array_index (page->orders, 1);
  g_assert_cmpint (dd_order_get_status (second), ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpstr (dd_order_get_raw_json (second), ==,
                   "{\"orderNo\":\"55\",\"status\":\"TRADE_CLOSED\",\"purchaseAmount\":1}");
  again = dd_pp_parse_order_json (dd_order_get_raw_json (g_ptr_array_index (page->orders, 0)),
                                  strlen (dd_order_get_raw_json (g_ptr_array_index (page->orders, 0))), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dd_order_get_n_lines (again), ==, 2);

  /* An empty page; a page whose records are not objects. */
  {
    g_autofree char *empty = envelope ("{\"total\":0,\"records\":null}");
    g_autofree char *bad = envelope ("{\"total\":1,\"records\":[\"1\"]}");
    g_autofree char *negative = envelope ("{\"total\":-1,\"records\":[]}");
    g_autoptr(DdOrderPage) none = dd_pp_parse_orders_page (empty, strlen (empty), &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->orders->len, ==, 0);
    g_assert_null (dd_pp_parse_orders_page (bad, strlen (bad), &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
    g_clear_error (&error);
    g_assert_null (dd_pp_parse_orders_page (negative, strlen (negative), &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  }
}

static void
test_cancel_outcome (void)
{
  static const struct {
    const char      *data;
    DdActionOutcome  outcome;
  } cases[] = {
    { "{\"orderNo\":\"1\",\"status\":\"CANCELLING\"}", DD_ACTION_PENDING },
    { "{\"orderNo\":\"1\",\"status\":\"TRADE_CLOSED\"}", DD_ACTION_DONE },
    { "{\"orderId\":\"1\",\"status\":\"cancel\"}", DD_ACTION_DONE },
    { "{\"orderNo\":\"1\"}", DD_ACTION_PENDING },
    { "null", DD_ACTION_PENDING },
    { "true", DD_ACTION_PENDING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *answer = envelope (cases[i].data);
      g_autoptr(GError) error = NULL;
      DdActionOutcome outcome = cases[i].outcome == DD_ACTION_DONE ? DD_ACTION_PENDING : DD_ACTION_DONE;

      g_assert_true (dd_pp_parse_cancel (answer, strlen (answer), &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, cases[i].outcome);
    }

  {
    g_autofree char *answer = error_envelope ("409", "order paid");
    g_autoptr(GError) error = NULL;

    g_assert_false (dd_pp_parse_cancel (answer, strlen (answer), NULL, &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_STATE_CONFLICT);
  }
}

static void
test_pay_outcome (void)
{
  g_autofree char *paid = envelope ("{\"orderNo\":\"1\",\"status\":\"WAIT_SELLER_SEND_GOODS\",\"payStatus\":\"PAID\"}");
  g_autofree char *paying = envelope ("{\"orderNo\":\"1\",\"payStatus\":\"PAYING\"}");
  g_autoptr(GError) error = NULL;
  DdActionOutcome outcome = DD_ACTION_PENDING;

  g_assert_true (dd_pp_parse_pay (paid, strlen (paid), &outcome, &error));
  g_assert_cmpint (outcome, ==, DD_ACTION_DONE);
  g_assert_true (dd_pp_parse_pay (paying, strlen (paying), &outcome, &error));
  g_assert_cmpint (outcome, ==, DD_ACTION_PENDING);
  g_assert_no_error (error);
}

static void
test_pay_url (void)
{
  static const struct {
    const char          *data;
    DdPlatformErrorCode  error;  /* -1: ok */
  } cases[] = {
    { "{\"payUrl\":\"https://pay.example/c?o=42\",\"protocolPaySuccess\":false,\"cantPayOrderList\":[]}", -1 },
    { "{\"payUrl\":\"http://127.0.0.1:8/pay\",\"cantPayOrderList\":[\"41\"]}", -1 },
    { "{\"payUrl\":\"https://pay.example/c\",\"cantPayOrderList\":[\"42\"]}", DD_PLATFORM_ERROR_STATE_CONFLICT },
    { "{\"payUrl\":\"https://pay.example/c\",\"cantPayOrderList\":[42]}", DD_PLATFORM_ERROR_STATE_CONFLICT },
    { "{\"payUrl\":null,\"cantPayOrderList\":[]}", DD_PLATFORM_ERROR_STATE_CONFLICT },
    { "{\"payUrl\":\"https://pay.example/c\",\"protocolPaySuccess\":true}", DD_PLATFORM_ERROR_STATE_CONFLICT },
    { "{\"payUrl\":\"javascript:alert(1)\"}", DD_PLATFORM_ERROR_BAD_RESPONSE },
    { "{\"payUrl\":\"file:///etc/passwd\"}", DD_PLATFORM_ERROR_BAD_RESPONSE },
    { "{\"payUrl\":5}", DD_PLATFORM_ERROR_BAD_RESPONSE },
    { "{\"payUrl\":\"https://x\",\"cantPayOrderList\":[{}]}", DD_PLATFORM_ERROR_BAD_RESPONSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *answer = envelope (cases[i].data);
      g_autoptr(GError) error = NULL;
      g_autofree char *url = dd_pp_parse_pay_url (answer, strlen (answer), "42", &error);

      g_test_message ("%s", cases[i].data);
      if ((gint) cases[i].error == -1)
        {
          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (url, "http"));
        }
      else
        {
          g_assert_error (error, DD_PLATFORM_ERROR, (gint) cases[i].error);
          g_assert_null (url);
        }
    }
}

static void
test_logistics (void)
{
  g_autofree char *answer = envelope ("{\"purchaseOrderOuterId\":\"1\",\"pnmLogisticsDetails\":["
                                      "{\"mailNo\":\"SF1234567890\",\"logisticsTraces\":["
                                      "{\"statusDesc\":\"已签收\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"action\":\"SIGN\","
                                      "\"facilityName\":\"余杭驿站\",\"time\":\"2024-05-15 09:30:00\",\"standerdDesc\":\"包裹已签收\",\"status\":\"SIGNED\"},"
                                      "{\"statusDesc\":\"已揽收\",\"province\":\"广东省\",\"city\":\"深圳市\",\"action\":\"GOT\","
                                      "\"facilityName\":\"\",\"time\":\"2024-05-13 20:00:00\",\"standerdDesc\":null,\"status\":null}]},"
                                      "{\"mailNo\":\"YT0000000001\",\"logisticsTraces\":[]}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdLogistics) logistics = dd_pp_parse_logistics (answer, strlen (answer), &error);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2024, 5, 13, 12, 0, 0);
  DdParcel *parcel;
  DdLogisticsEvent *event;

  g_assert_no_error (error);
  g_assert_cmpuint (logistics->parcels->len, ==, 2);
  parcel = g_ptr_array_index (logistics->parcels, 0);
  g_assert_cmpstr (parcel->tracking_number, ==, "SF1234567890");
  g_assert_cmpuint (parcel->events->len, ==, 2);

  /* Oldest first, Beijing time made UTC, the plainer words preferred. */
  event = &g_array_index (parcel->events, DdLogisticsEvent, 0);
  g_assert_true (g_date_time_equal (event->time, first));
  g_assert_cmpstr (event->status, ==, "GOT");
  g_assert_cmpstr (event->description, ==, "已揽收");
  g_assert_cmpstr (event->place, ==, "深圳市");
  event = &g_array_index (parcel->events, DdLogisticsEvent, 1);
  g_assert_cmpstr (event->status, ==, "SIGNED");
  g_assert_cmpstr (event->description, ==, "包裹已签收");
  g_assert_cmpstr (event->place, ==, "余杭驿站");

  g_assert_cmpuint (((DdParcel *) g_ptr_array_index (logistics->parcels, 1))->events->len, ==, 0);

  /* A trace that is not an object; a time that is not one. */
  {
    g_autofree char *bad = envelope ("{\"pnmLogisticsDetails\":[{\"mailNo\":\"1\",\"logisticsTraces\":[7]}]}");
    g_autofree char *bad_time = envelope ("{\"pnmLogisticsDetails\":[{\"logisticsTraces\":[{\"time\":\"2024-02-30 00:00:00\"}]}]}");

    g_assert_null (dd_pp_parse_logistics (bad, strlen (bad), &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
    g_clear_error (&error);
    g_assert_null (dd_pp_parse_logistics (bad_time, strlen (bad_time), &error));
    g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
  }
}

static void
test_after_sales (void)
{
  g_autofree char *answer = envelope ("{\"total\":3,\"records\":[{\"refundId\":\"R1\",\"orderNo\":\"1\","
                                      "\"status\":\"WAIT_SELLER_AGREE\",\"reason\":\"不想要了\",\"refundAmount\":12000,"
                                      "\"createTime\":1715669977082},{\"refundId\":2}]}");
  g_autofree char *bad = envelope ("{\"records\":[{\"refundId\":\"R1\",\"refundAmount\":\"12.00\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAfterSalePage) page = dd_pp_parse_after_sales (answer, strlen (answer), &error);
  DdAfterSale *after_sale;

  g_assert_no_error (error);
  g_assert_cmpuint (page->total_count, ==, 3);
  g_assert_cmpuint (page->cases->len, ==, 2);
  after_sale = g_ptr_array_index (page->cases, 0);
  g_assert_cmpstr (after_sale->refund_id, ==, "R1");
  g_assert_cmpstr (after_sale->order_id, ==, "1");
  g_assert_cmpstr (after_sale->status, ==, "WAIT_SELLER_AGREE");
  g_assert_cmpstr (after_sale->reason, ==, "不想要了");
  g_assert_cmpint (after_sale->amount.minor, ==, 12000);
  g_assert_cmpstr (after_sale->amount.currency, ==, "CNY");
  g_assert_cmpint (g_date_time_to_unix (after_sale->created), ==, 1715669977);
  g_assert_cmpstr (((DdAfterSale *) g_ptr_array_index (page->cases, 1))->refund_id, ==, "2");

  g_assert_null (dd_pp_parse_after_sales (bad, strlen (bad), &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/pp/body/create", test_create_body);
  g_test_add_func ("/dingdan/pp/body/create-total", test_create_body_total);
  g_test_add_func ("/dingdan/pp/body/create-1688", test_create_body_1688);
  g_test_add_func ("/dingdan/pp/body/create-invalid", test_create_body_invalid);
  for (guint i = 0; i < G_N_ELEMENTS (envelope_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/dingdan/pp/reply/envelope/code-%s", envelope_cases[i].code);

      g_test_add_data_func (path, &envelope_cases[i], test_envelope_error);
    }
  g_test_add_func ("/dingdan/pp/reply/envelope/shape", test_envelope_shape);
  g_test_add_func ("/dingdan/pp/reply/envelope/duplicate-create", test_duplicate_create);
  g_test_add_func ("/dingdan/pp/reply/page", test_page);
  g_test_add_func ("/dingdan/pp/reply/cancel-outcome", test_cancel_outcome);
  g_test_add_func ("/dingdan/pp/reply/pay-outcome", test_pay_outcome);
  g_test_add_func ("/dingdan/pp/reply/pay-url", test_pay_url);
  g_test_add_func ("/dingdan/pp/reply/logistics", test_logistics);
  g_test_add_func ("/dingdan/pp/reply/after-sales", test_after_sales);

  return g_test_run ();
}
