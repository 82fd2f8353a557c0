/* tw-seeds.h: Taobao Taiwan's example replies, for the tests
 *
 * Copied from the platform's order tutorial (../shared/seeds/003_*.txt) as
 * C literals, so the tests read no files: /orders/get (two orders of 12),
 * /order/items/get (one line), /order/get (one order with its line) and
 * /orders/get with a modification window (one order).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_GNUC_UNUSED static const char SEED_ORDERS_PAGE[] =
  "{ \"result\": { \"model_list\": [ { \"creation_time\": 1592988843859, \"trade_or"
  "der_id\": \"558757367941\", \"buyer_id\": \"2000007867941\", \"seller_full_name\""
  ": \"淘寶台灣測試店鋪\", \"seller_id\": \"2000005665181\", \"actual_fee\": \"62\", \"buye"
  "r_full_name\": \"abbyh \", \"shipping_fee_currency_code\": \"TWD\", \"shipping_f"
  "ee\": \"52\", \"actual_shipping_fee\": \"52\", \"payment_channel\": \"CAINIAO_HI"
  "LIFE_COD\", \"actual_shipping_fee_currency_code\": \"TWD\", \"delivery_info\": {"
  " \"area\": \"松山區\", \"country_code\": \"CN\", \"city\": \"台北市\", \"detail_addres"
  "s\": \"台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店\", \"receiver_name\": \"黃**雲\", \"state\": "
  "\"台灣\", \"receiver_phone\": \"09******62\" }, \"modification_time\": 15929905875"
  "86, \"actual_fee_currency_code\": \"TWD\", \"trade_order_line_id_list\": [ \"\\\""
  "558757467941\\\"\" ], \"status\": \"ready_to_ship\" }, { \"creation_time\": 1592"
  "640805902, \"trade_order_id\": \"546108399700\", \"buyer_id\": \"2000004999700\""
  ", \"seller_full_name\": \"淘寶台灣測試店鋪\", \"seller_id\": \"2000005665181\", \"actual"
  "_fee\": \"121\", \"buyer_full_name\": \"MiaYu \", \"shipping_fee_currency_code\""
  ": \"TWD\", \"shipping_fee\": \"60\", \"actual_shipping_fee\": \"60\", \"payment_"
  "channel\": \"CAINIAO_SEVENELEVN_COD\", \"actual_shipping_fee_currency_code\": \""
  "TWD\", \"delivery_info\": { \"area\": \"大安區\", \"country_code\": \"CN\", \"city\""
  ": \"台北市\", \"detail_address\": \"台北市大安區基隆路二段142之1號及142之2號 7-ELEVEN欣隆昌\", \"recei"
  "ver_name\": \"余**萱\", \"state\": \"台灣\", \"receiver_phone\": \"09******08\" }, \""
  "modification_time\": 1592641475712, \"actual_fee_currency_code\": \"TWD\", \"tra"
  "de_order_line_id_list\": [ \"\\\"546108499700\\\"\" ], \"status\": \"ready_to_sh"
  "ip\" } ], \"success\": true, \"total_count\": 12, \"page_no\": 1, \"page_size\":"
  " 2 }, \"code\": \"0\", \"request_id\": \"0b1196a615934150810894026\" }";

G_GNUC_UNUSED static const char SEED_ORDER_ITEMS[] =
  "{ \"result\": { \"model_list\": [ { \"creation_time\": 1592988843859, \"product_"
  "main_image\": \"https://img-ovs.alicdn.com/other/gsp/e4b96b68d61f18a93aaab544d27"
  "8b8ef.jpeg\", \"product_detail_url\": \"https://item.taobao.tw/products/i2421787"
  "46-s3065252106.html?urlFlag=true&mp=1\", \"trade_order_id\": \"558757367941\", \""
  "trade_order_line_id\": \"558757467941\", \"package_id\": \"FO054911000916205\", "
  "\"product_id\": \"242178746\", \"unit_fee\": \"10\", \"unit_fee_currency_code\":"
  " \"TWD\", \"shipment_list\": [ { \"order_no\": 1 }, { \"order_no\": 2, \"trackin"
  "g_number\": \"20KXH23050207\", \"logistics_id\": \"LP00184048254522\" } ], \"qua"
  "ntity\": 1, \"actual_fee\": \"62\", \"sku_info\": \"[{\\\"valueId\\\":-1,\\\"val"
  "ueText\\\":\\\"黑色\\\",\\\"propertyName\\\":\\\"色系\\\",\\\"propertyId\\\":2266493"
  "26},{\\\"valueId\\\":-1,\\\"valueText\\\":\\\"50\\\",\\\"propertyName\\\":\\\"產品"
  "尺寸\\\",\\\"propertyId\\\":19447}]\", \"sku_id\": \"3065252106\", \"buyer_full_na"
  "me\": \"abbyh \", \"product_title\": \"親膚棉白T\", \"shipping_fee_currency_code\": "
  "\"TWD\", \"shipping_fee\": \"52\", \"actual_shipping_fee\": \"52\", \"actual_shi"
  "pping_fee_currency_code\": \"TWD\", \"modification_time\": 1592990587586, \"actu"
  "al_fee_currency_code\": \"TWD\", \"status\": \"ready_to_ship\" } ], \"success\":"
  " true, \"total_count\": 1, \"page_no\": 1, \"page_size\": 50 }, \"code\": \"0\","
  " \"request_id\": \"0b1196a615934158080334966\" }";

G_GNUC_UNUSED static const char SEED_ORDER_GET[] =
  "{ \"result\": { \"success\": true, \"module\": { \"creation_time\": 159298884385"
  "9, \"trade_order_id\": \"558757367941\", \"buyer_id\": \"2000007867941\", \"sell"
  "er_full_name\": \"台灣淘寶測試店鋪\", \"seller_id\": \"2000005665181\", \"actual_fee\": "
  "\"62\", \"buyer_full_name\": \"abbyh \", \"shipping_fee_currency_code\": \"TWD\""
  ", \"shipping_fee\": \"52\", \"actual_shipping_fee\": \"52\", \"payment_channel\""
  ": \"CAINIAO_HILIFE_COD\", \"actual_shipping_fee_currency_code\": \"TWD\", \"deli"
  "very_info\": { \"area\": \"松山區\", \"country_code\": \"CN\", \"city\": \"台北市\", \""
  "detail_address\": \"台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店\", \"receiver_name\": \"黃**雲\""
  ", \"state\": \"台灣\", \"receiver_phone\": \"09******62\" }, \"trade_order_line_li"
  "st\": [ { \"product_main_image\": \"https://img-ovs.alicdn.com/other/gsp/e4b96b6"
  "8d61f18a93aaab544d278b8ef.jpeg\", \"creation_time\": 1592988843859, \"product_de"
  "tail_url\": \"https://item.taobao.tw/products/i242178746-s3065252106.html?urlFla"
  "g=true&mp=1\", \"trade_order_id\": \"558757367941\", \"trade_order_line_id\": \""
  "558757467941\", \"package_id\": \"FO054911000916205\", \"product_id\": \"2421787"
  "46\", \"unit_fee\": \"10\", \"unit_fee_currency_code\": \"TWD\", \"shipment_list"
  "\": [ { \"order_no\": 1 }, { \"order_no\": 2, \"tracking_number\": \"20KXH230502"
  "07\", \"logistics_id\": \"LP00184048254522\" } ], \"quantity\": 1, \"sku_info\":"
  " \"[{\\\"valueId\\\":-1,\\\"valueText\\\":\\\"黑色\\\",\\\"propertyName\\\":\\\"色系"
  "\\\",\\\"propertyId\\\":226649326},{\\\"valueId\\\":-1,\\\"valueText\\\":\\\"50\\\""
  ",\\\"propertyName\\\":\\\"產品尺寸\\\",\\\"propertyId\\\":19447}]\", \"actual_fee\":"
  " \"62\", \"sku_id\": \"3065252106\", \"product_title\": \"親膚棉白T\", \"buyer_full_"
  "name\": \"abbyh \", \"shipping_fee_currency_code\": \"TWD\", \"shipping_fee\": \""
  "52\", \"actual_shipping_fee\": \"52\", \"actual_shipping_fee_currency_code\": \""
  "TWD\", \"modification_time\": 1592990587586, \"actual_fee_currency_code\": \"TWD"
  "\", \"status\": \"ready_to_ship\" } ], \"actual_fee_currency_code\": \"TWD\", \""
  "modification_time\": 1592990587586, \"status\": \"ready_to_ship\" } }, \"code\":"
  " \"0\", \"request_id\": \"0b8f2d6615934162722035063\" }";

G_GNUC_UNUSED static const char SEED_ORDERS_WINDOW[] =
  "{ \"result\": { \"model_list\": [ { \"creation_time\": 1592988843859, \"trade_or"
  "der_id\": \"558757367941\", \"buyer_id\": \"2000007867941\", \"seller_full_name\""
  ": \"台灣淘寶測試店鋪\", \"seller_id\": \"2000005665181\", \"actual_fee\": \"62\", \"buye"
  "r_full_name\": \"abbyh \", \"shipping_fee_currency_code\": \"TWD\", \"shipping_f"
  "ee\": \"52\", \"actual_shipping_fee\": \"52\", \"payment_channel\": \"CAINIAO_HI"
  "LIFE_COD\", \"actual_shipping_fee_currency_code\": \"TWD\", \"delivery_info\": {"
  " \"area\": \"松山區\", \"country_code\": \"CN\", \"city\": \"台北市\", \"detail_addres"
  "s\": \"台北市松山區南京東路5段250巷3-1號 萊爾富北市松清店\", \"receiver_name\": \"黃**雲\", \"state\": "
  "\"台灣\", \"receiver_phone\": \"09******62\" }, \"modification_time\": 15929905875"
  "86, \"actual_fee_currency_code\": \"TWD\", \"trade_order_line_id_list\": [ \"\\\""
  "558757467941\\\"\" ], \"status\": \"ready_to_ship\" } ], \"success\": true, \"to"
  "tal_count\": 1, \"page_no\": 1, \"page_size\": 2 }, \"code\": \"0\", \"request_i"
  "d\": \"0b8f2d6615934169508565874\" }";
