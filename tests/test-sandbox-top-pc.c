/* test-sandbox-top-pc.c: the sandbox's TOP procurement (企业购) methods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * taobao.pc.order.list / .detail / .render / .cancel and
 * taobao.pc.out.tower.order.create through raw requests signed by
 * test-top-call.h, in the shapes of top-pc-shape.md §2: struct parameters
 * type-checked, business failures inside the success envelope, out_order_id
 * as the idempotency key, cancel only while unpaid.
 */
#include "config.h"

#include "test-top-call.h"

#define BUYER_ID DD_SANDBOX_TOP_PC_BUYER_ID

/* ---- procurement ---------------------------------------------------------------- */

static JsonObject *
pc_result (JsonObject *root,
           const char *response,
           gboolean    success)
{
  JsonObject *result = json_object_get_object_member (get_response (root, response), "result");

  g_assert_cmpint (json_object_get_boolean_member (result, "success"), ==, success);
  return result;
}

static JsonArray *
pc_list (Fixture    *fixture,
         const char *request,
         gint64     *total)
{
  g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.pc.order.list",
                                         "contract_order_list_req", request, NULL);
  JsonObject *result = pc_result (root, "pc_order_list_response", TRUE);
  JsonArray *orders;

  *total = json_object_get_int_member (result, "total_count");
  if (!json_object_has_member (result, "orders"))
    return json_array_new ();
  orders = json_object_get_array_member (json_object_get_object_member (result, "orders"), "order");
  return json_array_ref (orders);
}

static void
assert_pc_order_shape (Fixture    *fixture,
                       JsonObject *order)
{
  static const char * const keys[] = {
    "biz_order_id", "contract_no", "buyer_id", "status", "pay_status", "logistics_status",
    "total_fee", "post_fee", "created", "modified", "items", "address",
  };
  JsonArray *items = json_object_get_array_member (json_object_get_object_member (order, "items"), "order_item");
  JsonObject *address = json_object_get_object_member (order, "address");
  gint64 goods = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (order, keys[i]));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (order, "biz_order_id")), ==, G_TYPE_STRING);
  g_assert_true (g_regex_match_simple ("^[0-9]{19}$", json_object_get_string_member (order, "biz_order_id"), 0, 0));
  g_assert_cmpint (json_object_get_int_member (order, "buyer_id"), ==, g_ascii_strtoll (BUYER_ID, NULL, 10));
  g_assert_nonnull (json_object_get_string_member (address, "consignee_name"));
  g_assert_nonnull (json_object_get_string_member (address, "mobile_phone"));
  g_assert_nonnull (json_object_get_string_member (address, "address_detail"));
  g_assert_cmpuint (json_array_get_length (items), >=, 1);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_cmpint (json_node_get_value_type (json_object_get_member (item, "item_id")), ==, G_TYPE_INT64);
      g_assert_nonnull (json_object_get_string_member (item, "title"));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "pic_url"),
                                       dd_sandbox_get_base_url (fixture->sandbox)));
      goods += yuan_to_fen (json_object_get_string_member (item, "unit_price")) *
               json_object_get_int_member (item, "quantity");
    }
  g_assert_cmpint (goods + yuan_to_fen (json_object_get_string_member (order, "post_fee")), ==,
                   yuan_to_fen (json_object_get_string_member (order, "total_fee")));
  if (json_object_get_int_member (order, "pay_status") == 1)
    g_assert_false (json_object_has_member (order, "pay_time"));
}

static void
test_pc_list (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = dd_sandbox_top_shop_list_pc_ids (top_shop (fixture));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *last_created = NULL;
  gint64 total = 0;

  for (gint64 page = 1; ; page++)
    {
      g_autofree char *request = g_strdup_printf ("{\"buyer_id\":%s,\"page_no\":%" G_GINT64_FORMAT ",\"page_size\":30}",
                                                  BUYER_ID, page);
      g_autoptr(JsonArray) orders = pc_list (fixture, request, &total);

      if (json_array_get_length (orders) == 0)
        break;
      for (guint i = 0; i < json_array_get_length (orders); i++)
        {
          JsonObject *order = json_array_get_object_element (orders, i);
          const char *created = json_object_get_string_member (order, "created");

          assert_pc_order_shape (fixture, order);
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (order, "biz_order_id"))));
          if (last_created != NULL)
            g_assert_cmpstr (created, <=, last_created);
          g_free (last_created);
          last_created = g_strdup (created);
        }
    }
  g_assert_cmpint (total, ==, ids->len);
  g_assert_cmpuint (g_hash_table_size (seen), ==, ids->len);

  /* Filters: status, pay_status, the ids. */
  {
    g_autofree char *request = g_strdup_printf ("{\"buyer_id\":%s,\"status\":\"WAIT_BUYER_PAY\",\"page_size\":100}", BUYER_ID);
    g_autoptr(JsonArray) unpaid = pc_list (fixture, request, &total);

    g_assert_cmpint (total, >, 0);
    for (guint i = 0; i < json_array_get_length (unpaid); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (unpaid, i), "pay_status"), ==, 1);
  }
  {
    g_autofree char *request = g_strdup_printf ("{\"buyer_id\":%s,\"biz_order_id_list\":[\"%s\"]}",
                                                BUYER_ID, (char *) ids->pdata[0]);
    g_autoptr(JsonArray) one = pc_list (fixture, request, &total);

    g_assert_cmpint (total, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (one, 0), "biz_order_id"), ==,
                     ids->pdata[0]);
  }
  /* Another buyer has none: no "orders" member. */
  {
    g_autoptr(JsonArray) none = pc_list (fixture, "{\"buyer_id\":2200000002}", &total);

    g_assert_cmpint (total, ==, 0);
    g_assert_cmpuint (json_array_get_length (none), ==, 0);
  }
}

static void
test_pc_list_window (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 now = dd_sandbox_now_ms (fixture->sandbox);
  g_autofree char *start = beijing (now - 10 * DAY_MS);
  g_autofree char *end = beijing (now - 2 * DAY_MS);
  g_autofree char *request = g_strdup_printf ("{\"buyer_id\":%s,\"page_size\":100,"
                                              "\"start_modified_time\":\"%s\",\"end_modified_time\":\"%s\"}",
                                              BUYER_ID, start, end);
  g_autoptr(JsonArray) orders = NULL;
  gint64 total = 0;

  orders = pc_list (fixture, request, &total);
  g_assert_cmpint (total, >, 0);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      const char *modified = json_object_get_string_member (json_array_get_object_element (orders, i), "modified");

      g_assert_cmpstr (modified, >=, start);
      g_assert_cmpstr (modified, <=, end);
    }
}

static void
test_pc_invalid (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct
  {
    const char *method;
    const char *param;
    const char *value;
    gint64      code;
  } cases[] = {
    { "taobao.pc.order.list", "contract_order_list_req", "not json", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "[1,2]", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "{\"buyer_id\":\"2200000001\"}", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "{\"buyer_id\":2200000001,\"page_size\":101}", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "{\"buyer_id\":2200000001,\"page_no\":1.5}", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "{\"buyer_id\":2200000001,\"status\":\"PAID\"}", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "{\"buyer_id\":2200000001,\"biz_order_id_list\":[1]}", 41 },
    { "taobao.pc.order.list", "contract_order_list_req", "{\"page_no\":1}", 40 },
    { "taobao.pc.order.detail", "tp_request", "{\"biz_order_id\":4000000000000000100,\"buyer_id\":2200000001}", 41 },
    { "taobao.pc.order.detail", "tp_request", "{\"biz_order_id\":\"\",\"buyer_id\":2200000001}", 41 },
    { "taobao.pc.order.detail", "tp_request", "{\"buyer_id\":2200000001}", 40 },
    { "taobao.pc.order.cancel", "param", "{\"biz_order_id\":\"4000000000000000100\"}", 40 },
    { "taobao.pc.order.cancel", "param", "{\"biz_order_id\":\"40000x\",\"buyer_id\":2200000001}", 41 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) root = top_call (fixture, &ok, cases[i].method, cases[i].param, cases[i].value, NULL);

      g_test_message ("case %u: %s", i, cases[i].value);
      assert_error (root, cases[i].code, "*");
    }

  /* A struct parameter that is required and absent. */
  {
    g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.pc.order.detail", NULL);

    assert_error (root, 40, "isv.missing-parameter:tp_request");
  }
}

static char *
detail_request (const char *biz_order_id,
                const char *buyer_id)
{
  return g_strdup_printf ("{\"biz_order_id\":\"%s\",\"buyer_id\":%s}", biz_order_id, buyer_id);
}

static void
test_pc_detail (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = dd_sandbox_top_shop_list_pc_ids (top_shop (fixture));
  g_autofree char *request = detail_request (ids->pdata[5], BUYER_ID);
  g_autofree char *other = detail_request (ids->pdata[5], "2200000002");
  g_autofree char *unknown = detail_request ("4000000000000000001", BUYER_ID);
  g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.pc.order.detail", "tp_request", request, NULL);
  g_autoptr(JsonObject) other_root = top_call (fixture, &ok, "taobao.pc.order.detail", "tp_request", other, NULL);
  g_autoptr(JsonObject) unknown_root = top_call (fixture, &ok, "taobao.pc.order.detail", "tp_request", unknown, NULL);
  JsonObject *order = json_object_get_object_member (pc_result (root, "pc_order_detail_response", TRUE), "order");

  assert_pc_order_shape (fixture, order);
  g_assert_cmpstr (json_object_get_string_member (order, "biz_order_id"), ==, ids->pdata[5]);
  g_assert_cmpstr (json_object_get_string_member (pc_result (other_root, "pc_order_detail_response", FALSE),
                                                  "error_code"), ==, "ORDER_NOT_EXIST");
  g_assert_cmpstr (json_object_get_string_member (pc_result (unknown_root, "pc_order_detail_response", FALSE),
                                                  "error_code"), ==, "ORDER_NOT_EXIST");
}

#define PURCHASE(out_order_id, item_id) \
  "{\"out_order_id\":\"" out_order_id "\",\"buyer_nick\":\"采购部\"," \
  "\"orders\":[{\"items\":[{\"item_id\":" item_id ",\"sku_id\":700000000001,\"quantity\":2," \
  "\"unit_price\":\"95.00\"},{\"item_id\":600000000002,\"quantity\":1}]}]," \
  "\"address\":{\"address_detail\":\"浙江省杭州市余杭区文一西路969号\",\"consignee_name\":\"张三\"," \
  "\"mobile_phone\":\"13800000000\"},\"remark\":\"工作日送货\"}"

static void
test_pc_render (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) root = top_call (fixture, &ok, "taobao.pc.order.render",
                                         "param", PURCHASE ("dd-render", "600000000009"), "buyer_id", BUYER_ID, NULL);
  g_autoptr(JsonObject) other = top_call (fixture, &ok, "taobao.pc.order.render",
                                          "param", PURCHASE ("dd-render", "600000000001"), "buyer_id", "2200000002", NULL);
  g_autoptr(JsonObject) no_buyer = top_call (fixture, &ok, "taobao.pc.order.render",
                                             "param", PURCHASE ("dd-render", "600000000001"), NULL);
  JsonObject *place = json_object_get_object_member (pc_result (root, "pc_order_render_response", TRUE),
                                                     "contract_place_order");
  JsonArray *items = json_object_get_array_member (json_object_get_object_member (place, "order_items"), "order_item");
  JsonObject *first = json_array_get_object_element (items, 0);
  JsonObject *second = json_array_get_object_element (items, 1);
  gint64 goods = 0;

  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpint (json_object_get_int_member (first, "item_id"), ==, 600000000009);
  g_assert_cmpint (json_object_get_int_member (first, "buy_amount"), ==, 2);
  g_assert_false (json_object_get_boolean_member (first, "can_buy"));
  g_assert_true (json_object_get_boolean_member (second, "can_buy"));
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      goods += yuan_to_fen (json_object_get_string_member (item, "item_price")) *
               json_object_get_int_member (item, "buy_amount");
    }
  g_assert_cmpint (goods + yuan_to_fen (json_object_get_string_member (place, "post_fee")), ==,
                   yuan_to_fen (json_object_get_string_member (place, "total_fee")));
  g_assert_cmpstr (json_object_get_string_member (pc_result (other, "pc_order_render_response", FALSE),
                                                  "error_code"), ==, "BUYER_NOT_MATCH");
  assert_error (no_buyer, 40, "isv.missing-parameter:buyer_id");
}

static void
test_pc_create_idempotent (Fixture       *fixture,
                           gconstpointer  data)
{
  DdSandboxTopShop *shop = top_shop (fixture);
  g_autoptr(GPtrArray) before = dd_sandbox_top_shop_list_pc_ids (shop);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(JsonObject) first = top_call (fixture, &ok, "taobao.pc.out.tower.order.create",
                                          "param", PURCHASE ("dd-0001", "600000000001"), "buyer_id", BUYER_ID, NULL);
  g_autoptr(JsonObject) second = top_call (fixture, &ok, "taobao.pc.out.tower.order.create",
                                           "param", PURCHASE ("dd-0001", "600000000001"), "buyer_id", BUYER_ID, NULL);
  g_autoptr(JsonObject) cannot = top_call (fixture, &ok, "taobao.pc.out.tower.order.create",
                                           "param", PURCHASE ("dd-0002", "600000000009"), "buyer_id", BUYER_ID, NULL);
  g_autoptr(JsonObject) no_out_id = top_call (fixture, &ok, "taobao.pc.out.tower.order.create",
                                              "param", "{\"orders\":[]}", "buyer_id", BUYER_ID, NULL);
  JsonObject *created = pc_result (first, "pc_out_tower_order_create_response", TRUE);
  JsonObject *duplicate = pc_result (second, "pc_out_tower_order_create_response", FALSE);
  JsonObject *place = json_object_get_object_member (created, "contract_place_order");
  JsonObject *same = json_object_get_object_member (duplicate, "contract_place_order");
  JsonArray *biz_ids = json_object_get_array_member (json_object_get_object_member (place, "biz_order_ids"), "string");
  JsonArray *same_ids = json_object_get_array_member (json_object_get_object_member (same, "biz_order_ids"), "string");
  const char *biz_order_id = json_array_get_string_element (biz_ids, 0);
  g_autofree char *request = detail_request (biz_order_id, BUYER_ID);
  g_autoptr(JsonObject) detail = NULL;
  JsonObject *order;
  JsonArray *items;

  g_assert_cmpstr (json_object_get_string_member (created, "error_code"), ==, "200");
  g_assert_cmpstr (json_object_get_string_member (place, "out_order_id"), ==, "dd-0001");
  g_assert_cmpuint (json_array_get_length (biz_ids), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (duplicate, "error_code"), ==, "OUT_ORDER_ID_DUPLICATE");
  g_assert_cmpstr (json_array_get_string_element (same_ids, 0), ==, biz_order_id);
  g_assert_cmpstr (json_object_get_string_member (pc_result (cannot, "pc_out_tower_order_create_response", FALSE),
                                                  "error_code"), ==, "ITEM_CANNOT_BUY");
  assert_error (no_out_id, 40, "isv.missing-parameter:param.out_order_id");

  /* Exactly one new order, the newest, unpaid, as asked. */
  after = dd_sandbox_top_shop_list_pc_ids (shop);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  detail = top_call (fixture, &ok, "taobao.pc.order.detail", "tp_request", request, NULL);
  order = json_object_get_object_member (pc_result (detail, "pc_order_detail_response", TRUE), "order");
  assert_pc_order_shape (fixture, order);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "WAIT_BUYER_PAY");
  g_assert_cmpint (json_object_get_int_member (order, "pay_status"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (order, "out_order_id"), ==, "dd-0001");
  g_assert_cmpstr (json_object_get_string_member (order, "remark"), ==, "工作日送货");
  items = json_object_get_array_member (json_object_get_object_member (order, "items"), "order_item");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "unit_price"), ==, "95.00");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "sku_id"), ==, 700000000001);
  g_assert_false (json_object_has_member (json_array_get_object_element (items, 1), "sku_id"));
}

static void
test_pc_cancel (Fixture       *fixture,
                gconstpointer  data)
{
  DdSandboxTopShop *shop = top_shop (fixture);
  gint64 now = dd_sandbox_now_ms (fixture->sandbox);
  g_autoptr(JsonObject) created = top_call (fixture, &ok, "taobao.pc.out.tower.order.create",
                                            "param", PURCHASE ("dd-0100", "600000000001"), "buyer_id", BUYER_ID, NULL);
  g_autoptr(JsonObject) created_paid = top_call (fixture, &ok, "taobao.pc.out.tower.order.create",
                                                 "param", PURCHASE ("dd-0101", "600000000001"), "buyer_id", BUYER_ID, NULL);
  const char *unpaid_id = json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (
    json_object_get_object_member (pc_result (created, "pc_out_tower_order_create_response", TRUE),
                                   "contract_place_order"), "biz_order_ids"), "string"), 0);
  const char *paid_id = json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (
    json_object_get_object_member (pc_result (created_paid, "pc_out_tower_order_create_response", TRUE),
                                   "contract_place_order"), "biz_order_ids"), "string"), 0);
  g_autofree char *cancel_unpaid = detail_request (unpaid_id, BUYER_ID);
  g_autofree char *cancel_paid = detail_request (paid_id, BUYER_ID);
  g_autofree char *cancel_unknown = detail_request ("4000000000000000001", BUYER_ID);
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(JsonObject) detail = NULL;
  g_autofree char *status = NULL;
  JsonObject *result;
  JsonObject *order;

  g_assert_true (dd_sandbox_top_shop_set_pc_status (shop, paid_id, "WAIT_SELLER_SEND_GOODS", now));
  refused = top_call (fixture, &ok, "taobao.pc.order.cancel", "param", cancel_paid, NULL);
  result = pc_result (refused, "pc_order_cancel_response", FALSE);
  g_assert_cmpstr (json_object_get_string_member (result, "error_code"), ==, "ORDER_STATUS_NOT_ALLOW_CANCEL");
  g_assert_nonnull (json_object_get_string_member (result, "error_msg"));
  status = dd_sandbox_top_shop_dup_pc_status (shop, paid_id);
  g_assert_cmpstr (status, ==, "WAIT_SELLER_SEND_GOODS");

  cancelled = top_call (fixture, &ok, "taobao.pc.order.cancel", "param", cancel_unpaid, NULL);
  result = pc_result (cancelled, "pc_order_cancel_response", TRUE);
  g_assert_cmpstr (json_object_get_string_member (result, "error_code"), ==, "200");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "contract_place_order"),
                                                  "out_order_id"), ==, "dd-0100");
  detail = top_call (fixture, &ok, "taobao.pc.order.detail", "tp_request", cancel_unpaid, NULL);
  order = json_object_get_object_member (pc_result (detail, "pc_order_detail_response", TRUE), "order");
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "TRADE_CLOSED");
  g_assert_cmpint (json_object_get_int_member (order, "pay_status"), ==, 7);

  unknown = top_call (fixture, &ok, "taobao.pc.order.cancel", "param", cancel_unknown, NULL);
  g_assert_cmpstr (json_object_get_string_member (pc_result (unknown, "pc_order_cancel_response", FALSE),
                                                  "error_code"), ==, "ORDER_NOT_EXIST");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/sandbox/top/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pc-list", test_pc_list);
  ADD ("pc-list-window", test_pc_list_window);
  ADD ("pc-invalid", test_pc_invalid);
  ADD ("pc-detail", test_pc_detail);
  ADD ("pc-render", test_pc_render);
  ADD ("pc-create-idempotent", test_pc_create_idempotent);
  ADD ("pc-cancel", test_pc_cancel);
#undef ADD

  return g_test_run ();
}
