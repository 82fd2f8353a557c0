/* pp-seeds.h: PandaPon's answers, for the parse tests
 *
 * Seed 002's create answer and create body verbatim (../shared/seeds/002_*),
 * as C literals so the tests read no files; then a paid Taobao-goods detail
 * object and a 1688 one in the agreed shapes (top of dd-pp-parse.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Seed 002: the create call's answer, verbatim. */
G_GNUC_UNUSED static const char SEED_CREATE_ANSWER[] =
  "{\n"
  "\"requestId\": \"1b69692da4b34920bcd594048c8bdcfc\",\n"
  "\"code\": 200,\n"
  "\"developId\": \"1028257583384757029\",\n"
  "\"msg\": \"成功\",\n"
  "\"data\": {\n"
  "\"id\": \"1031992847890383164\",\n"
  "\"orderNo\": \"1031992847781331418\",\n"
  "\"subOrderVOS\": [\n"
  "{\n"
  "\"subOrderId\": \"1031992851828834889\",\n"
  "\"orderNo\": \"1031992847781331418\",\n"
  "\"quantity\": 1,\n"
  "\"title\": null,\n"
  "\"purchaseCurrency\": null,\n"
  "\"purchaseAmount\": null,\n"
  "\"itemId\": \"600086815456800431\",\n"
  "\"domesticPostFee\": null,\n"
  "\"closeReason\": null,\n"
  "\"skuId\": \"4766078803304\",\n"
  "\"status\": null,\n"
  "\"taobaoPurchaseId\": \"200027842447\",\n"
  "\"taobaoSubPurchaseId\": \"200027842448\",\n"
  "\"errorCode\": null,\n"
  "\"errorMessage\": null\n"
  "}\n"
  "],\n"
  "\"createTime\": \"2023-10-18 18:11:08\"\n"
  "}\n"
  "}";

/* Seed 002: the create call's example body, verbatim. */
G_GNUC_UNUSED static const char SEED_CREATE_BODY[] =
  "{\n"
  "\"purchaseAmount\": 400,\n"
  "\"receiver\": \"{\\\"zip\\\":\\\"11111\\\",\\\"country\\\":\\\"中国\\\",\\\"address\\\":\\\"测试地址\\\",\\\"city\\\":\\\"杭州市\\\",\\\"phone\\\":\\\"\\\",\\\"mobile_phone\\\":\\\"15068763421\\\",\\\"district\\\":\\\"余杭区\\\",\\\"name\\\":\\\"a测试aa\\\",\\\"state\\\":\\\"浙江省\\\"}\",\n"
  "\"orderLineList\": \"[{\\\"itemId\\\":\\\"600126245031041190\\\",\\\"orderLineNo\\\":\\\"1\\\",\\\"quantity\\\":\\\"200\\\",\\\"price\\\":\\\"1\\\",\\\"currency\\\":\\\"CNY\\\",\\\"skuId\\\":\\\"5016042822039\\\"},{\\\"itemId\\\":\\\"600129202197070073\\\",\\\"orderLineNo\\\":\\\"1\\\",\\\"quantity\\\":\\\"200\\\",\\\"price\\\":\\\"1\\\",\\\"currency\\\":\\\"CNY\\\",\\\"skuId\\\":\\\"4860968496626\\\"}]\",\n"
  "\"orderSource\": \"lazada\",\n"
  "\"sellerOrderNumber\": \"1\"\n"
  "}";

/* A paid Taobao-goods order: one line with a post fee, one failed line. */
G_GNUC_UNUSED static const char DETAIL[] =
  "{\"id\":\"1031992847890383164\",\"orderNo\":\"1031992847781331418\","
  "\"sellerOrderNumber\":\"dd-1\",\"orderSource\":\"dingdan\","
  "\"status\":\"WAIT_SELLER_SEND_GOODS\",\"payStatus\":\"PAID\","
  "\"purchaseAmount\":25600,\"currency\":\"CNY\",\"createTime\":1715669977082,"
  "\"updateTime\":1715670000000,\"payTime\":1715669999000,\"closeReason\":null,"
  "\"receiver\":\"{\\\"zip\\\":\\\"311100\\\",\\\"country\\\":\\\"中国\\\",\\\"address\\\":\\\"文一西路969号\\\","
  "\\\"city\\\":\\\"杭州市\\\",\\\"phone\\\":\\\"\\\",\\\"mobile_phone\\\":\\\"150****3421\\\","
  "\\\"district\\\":\\\"余杭区\\\",\\\"name\\\":\\\"张*\\\",\\\"state\\\":\\\"浙江省\\\"}\","
  "\"subOrderVOS\":["
  "{\"subOrderId\":\"1031992851828834889\",\"orderNo\":\"1031992847781331418\",\"quantity\":2,"
  "\"title\":\"保温杯\",\"purchaseCurrency\":\"CNY\",\"purchaseAmount\":24000,"
  "\"itemId\":\"600086815456800431\",\"domesticPostFee\":800,\"closeReason\":null,"
  "\"skuId\":\"4766078803304\",\"status\":\"WAIT_SELLER_SEND_GOODS\","
  "\"taobaoPurchaseId\":\"200027842447\",\"taobaoSubPurchaseId\":\"200027842448\","
  "\"errorCode\":null,\"errorMessage\":null},"
  "{\"subOrderId\":\"1031992851828834890\",\"orderNo\":\"1031992847781331418\",\"quantity\":3,"
  "\"title\":\"杯套\",\"purchaseCurrency\":null,\"purchaseAmount\":1000,"
  "\"itemId\":\"600086815456800432\",\"domesticPostFee\":null,\"skuId\":null,\"status\":null,"
  "\"errorCode\":\"ITEM_OFF_SHELF\",\"errorMessage\":\"商品已下架\"}]}";

G_GNUC_UNUSED static const char DETAIL_1688[] =
  "{\"orderId\":\"3300000000000001\",\"status\":\"waitsellersend\",\"totalAmount\":12800,"
  "\"postFee\":800,\"currency\":\"CNY\",\"createTime\":1715669977082,\"modifyTime\":1715670000000,"
  "\"payTime\":1715669999000,\"remark\":\"快\",\"sellerLoginId\":\"义乌小商品\","
  "\"addressParam\":{\"fullName\":\"李四\",\"mobile\":\"139****0000\",\"phone\":\"\","
  "\"postCode\":\"322000\",\"cityText\":\"金华市\",\"provinceText\":\"浙江省\",\"areaText\":\"义乌市\","
  "\"townText\":\"稠城街道\",\"address\":\"工人北路1号\"},"
  "\"productItems\":[{\"subItemId\":\"3300000000000011\",\"offerId\":\"610000000001\","
  "\"specId\":\"b5a3d0c1\",\"name\":\"收纳盒\",\"quantity\":4,\"price\":3000,\"itemAmount\":12000,"
  "\"status\":\"waitsellersend\"}]}";

G_GNUC_UNUSED static char *
envelope (const char *data)
{
  return g_strdup_printf ("{\"requestId\":\"req-1\",\"code\":200,\"developId\":\"1\",\"msg\":\"成功\",\"data\":%s}",
                          data);
}

G_GNUC_UNUSED static char *
error_envelope (const char *code,
                const char *msg)
{
  return g_strdup_printf ("{\"requestId\":\"req-err\",\"code\":%s,\"developId\":\"1\",\"msg\":\"%s\",\"data\":null}",
                          code, msg);
}

