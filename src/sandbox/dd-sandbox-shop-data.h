/* dd-sandbox-shop-data.h: the word lists the sandbox's shop is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by dd-sandbox-shop.c only. Everything here is constant: the
 * shop's randomness (dd-sandbox-shop.c) only picks from these tables, so the
 * same seed always gives the same shop.
 */
#pragma once

#include <glib.h>

/* --- SKU properties (sku_info's propertyName / propertyId / valueText) --- */

typedef struct
{
  const char         *name;
  gint64              id;
  const char * const *values; /* NULL-terminated */
} ShopProperty;

static const char * const values_colour_wear[] = { "黑色", "白色", "灰色", "藏青色", "米色", NULL };
static const char * const values_size_num[] = { "46", "48", "50", "52", NULL };
static const char * const values_size_wear[] = { "S", "M", "L", "XL", NULL };
static const char * const values_colour[] = { "黑色", "白色", "粉紅色", "天藍色", "墨綠色", NULL };
static const char * const values_model[] = { "iPhone 14", "iPhone 15", "Galaxy S23", "Pixel 8", NULL };
static const char * const values_pattern[] = { "櫻花", "青海波", "素色", NULL };
static const char * const values_scent[] = { "薰衣草", "柑橘", "茶樹", "玫瑰", NULL };
static const char * const values_pack[] = { "罐裝", "袋裝", "禮盒", NULL };
static const char * const values_weight[] = { "200g", "400g", NULL };
static const char * const values_flavour[] = { "牛肉", "雞肉", "鮭魚", NULL };
static const char * const values_length[] = { "1m", "2m", NULL };
static const char * const values_capacity[] = { "350ml", "500ml", "750ml", NULL };
static const char * const values_height[] = { "標準", "加高", NULL };
static const char * const values_sock_size[] = { "22-24cm", "25-27cm", NULL };

enum
{
  PROP_COLOUR_WEAR,
  PROP_SIZE_NUM,
  PROP_SIZE_WEAR,
  PROP_COLOUR,
  PROP_MODEL,
  PROP_PATTERN,
  PROP_SCENT,
  PROP_PACK,
  PROP_WEIGHT,
  PROP_FLAVOUR,
  PROP_LENGTH,
  PROP_CAPACITY,
  PROP_HEIGHT,
  PROP_SOCK_SIZE,
  PROP_NONE = -1,
};

static const ShopProperty shop_properties[] = {
  [PROP_COLOUR_WEAR] = { "色系", 226649326, values_colour_wear },
  [PROP_SIZE_NUM]    = { "產品尺寸", 19447, values_size_num },
  [PROP_SIZE_WEAR]   = { "尺寸", 20509, values_size_wear },
  [PROP_COLOUR]      = { "顏色", 1627207, values_colour },
  [PROP_MODEL]       = { "適用型號", 20000, values_model },
  [PROP_PATTERN]     = { "款式", 122216431, values_pattern },
  [PROP_SCENT]       = { "香味", 122216588, values_scent },
  [PROP_PACK]        = { "包裝", 122216506, values_pack },
  [PROP_WEIGHT]      = { "規格", 122216343, values_weight },
  [PROP_FLAVOUR]     = { "口味", 122216347, values_flavour },
  [PROP_LENGTH]      = { "長度", 1628665, values_length },
  [PROP_CAPACITY]    = { "容量", 122216512, values_capacity },
  [PROP_HEIGHT]      = { "高度", 122216608, values_height },
  [PROP_SOCK_SIZE]   = { "襪子尺寸", 122216620, values_sock_size },
};

/* --- Products: title, price in whole TWD, one or two properties --- */

typedef struct
{
  const char *title;
  guint       price;
  int         props[2];
} ShopProduct;

static const ShopProduct shop_products[] = {
  { "親膚棉白T", 290, { PROP_COLOUR_WEAR, PROP_SIZE_NUM } },
  { "寬版連帽大學T", 590, { PROP_COLOUR_WEAR, PROP_SIZE_WEAR } },
  { "高腰直筒牛仔寬褲", 790, { PROP_COLOUR_WEAR, PROP_SIZE_WEAR } },
  { "不鏽鋼真空保溫杯", 399, { PROP_COLOUR, PROP_CAPACITY } },
  { "竹纖維抗菌毛巾三入組", 199, { PROP_COLOUR, PROP_NONE } },
  { "無線藍牙降噪耳機", 1290, { PROP_COLOUR, PROP_NONE } },
  { "手機防摔保護殼", 249, { PROP_COLOUR, PROP_MODEL } },
  { "日式陶瓷碗盤組", 680, { PROP_PATTERN, PROP_NONE } },
  { "北歐風棉麻抱枕套", 159, { PROP_COLOUR, PROP_NONE } },
  { "天然手工冷製皂", 120, { PROP_SCENT, PROP_NONE } },
  { "台灣高山烏龍茶", 450, { PROP_PACK, PROP_NONE } },
  { "有機黑芝麻醬", 220, { PROP_WEIGHT, PROP_NONE } },
  { "輕量自動折疊傘", 350, { PROP_COLOUR, PROP_NONE } },
  { "兒童學習筷", 99, { PROP_COLOUR, PROP_NONE } },
  { "鋁合金筆電支架", 690, { PROP_COLOUR, PROP_NONE } },
  { "防潑水通勤後背包", 880, { PROP_COLOUR, PROP_SIZE_WEAR } },
  { "記憶棉護頸枕", 990, { PROP_HEIGHT, PROP_NONE } },
  { "寵物潔牙骨", 180, { PROP_FLAVOUR, PROP_WEIGHT } },
  { "純棉短襪五雙組", 199, { PROP_COLOUR_WEAR, PROP_SOCK_SIZE } },
  { "USB-C 快充傳輸線", 159, { PROP_LENGTH, PROP_COLOUR } },
};

/* --- Places: city, area, the city's short name (for store names), roads --- */

typedef struct
{
  const char         *city;
  const char         *area;
  const char         *city_short;
  const char * const *roads; /* NULL-terminated */
} ShopPlace;

static const char * const roads_songshan[] = { "南京東路5段250巷", "八德路4段", "民生東路5段", NULL };
static const char * const roads_daan[] = { "基隆路二段", "和平東路二段", "復興南路一段", NULL };
static const char * const roads_xinyi[] = { "信義路五段", "松仁路", "忠孝東路五段", NULL };
static const char * const roads_zhongshan[] = { "中山北路二段", "林森北路", "民權東路一段", NULL };
static const char * const roads_banqiao[] = { "文化路一段", "中山路一段", "縣民大道二段", NULL };
static const char * const roads_xindian[] = { "北新路三段", "中正路", NULL };
static const char * const roads_sanchong[] = { "重新路三段", "正義北路", NULL };
static const char * const roads_taoyuan[] = { "中正路", "復興路", "經國路", NULL };
static const char * const roads_zhongli[] = { "中央西路二段", "環北路", NULL };
static const char * const roads_xitun[] = { "台灣大道三段", "文心路三段", "河南路二段", NULL };
static const char * const roads_taichung_north[] = { "三民路三段", "學士路", NULL };
static const char * const roads_tainan_east[] = { "東門路二段", "大學路", NULL };
static const char * const roads_west_central[] = { "民生路二段", "府前路一段", "海安路二段", NULL };
static const char * const roads_qianzhen[] = { "中華五路", "一心二路", NULL };
static const char * const roads_lingya[] = { "四維三路", "光華一路", NULL };
static const char * const roads_zuoying[] = { "博愛二路", "自由二路", NULL };
static const char * const roads_hsinchu_east[] = { "光復路二段", "食品路", NULL };

static const ShopPlace shop_places[] = {
  { "台北市", "松山區", "北市", roads_songshan },
  { "台北市", "大安區", "北市", roads_daan },
  { "台北市", "信義區", "北市", roads_xinyi },
  { "台北市", "中山區", "北市", roads_zhongshan },
  { "新北市", "板橋區", "新北", roads_banqiao },
  { "新北市", "新店區", "新北", roads_xindian },
  { "新北市", "三重區", "新北", roads_sanchong },
  { "桃園市", "桃園區", "桃市", roads_taoyuan },
  { "桃園市", "中壢區", "桃市", roads_zhongli },
  { "台中市", "西屯區", "中市", roads_xitun },
  { "台中市", "北區", "中市", roads_taichung_north },
  { "台南市", "東區", "南市", roads_tainan_east },
  { "台南市", "中西區", "南市", roads_west_central },
  { "高雄市", "前鎮區", "高市", roads_qianzhen },
  { "高雄市", "苓雅區", "高市", roads_lingya },
  { "高雄市", "左營區", "高市", roads_zuoying },
  { "新竹市", "東區", "竹市", roads_hsinchu_east },
};

/* Two-character store names; chains dress them ("萊爾富北市松清店"). */
static const char * const shop_store_words[] = {
  "松清", "欣隆", "光復", "民生", "敦化", "仁愛", "信安", "興安",
  "永春", "福德", "松仁", "長安", "昌隆", "大道", "文心", "府前",
};

/* --- Payment channels: how the buyer pays, and the shipping fee --- */

typedef struct
{
  const char *name;
  const char *store_chain; /* cash on delivery at a convenience store; NULL: online */
  gboolean    store_city;  /* the store name carries the city's short name */
  const char *store_suffix;
  guint       shipping_fee;
} ShopChannel;

static const ShopChannel shop_channels[] = {
  { "CAINIAO_HILIFE_COD", "萊爾富", TRUE, "店", 52 },
  { "CAINIAO_SEVENELEVN_COD", "7-ELEVEN", FALSE, "門市", 60 },
  { "CAINIAO_FAMILYMART_COD", "全家", FALSE, "店", 60 },
  { "CREDIT_CARD", NULL, FALSE, NULL, 100 },
  { "LINE_PAY", NULL, FALSE, NULL, 100 },
  { "JKO_PAY", NULL, FALSE, NULL, 100 },
};
#define SHOP_N_COD_CHANNELS 3

/* Home delivery is free from this amount (shipping_fee stays, actual_shipping_fee is 0). */
#define SHOP_FREE_SHIPPING_FROM 990

/* --- People --- */

static const char * const shop_latin_nicks[] = {
  "abbyh", "MiaYu", "kevin", "tingting", "jasonlin", "peggy_chen", "yuki.h",
  "amber", "louis_tw", "ninachang", "wei.ming", "candy", "sunny", "ivy_wu",
  "bearbear", "alan.tsai", "momo", "chloe", "eric_huang", "vivi",
};

static const char * const shop_surnames[] = {
  "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許",
  "鄭", "謝", "郭", "洪", "曾", "邱", "廖", "賴", "周", "余",
};

static const char * const shop_given_chars[] = {
  "雲", "萱", "婷", "豪", "傑", "君", "華", "明", "玲", "如", "安",
  "宇", "翔", "瑜", "芳", "偉", "怡", "家", "志", "佩", "俊", "雅",
};

#define SHOP_SELLER_NAME "淘寶台灣測試店鋪"
#define SHOP_COUNTRY_CODE "CN" /* sic: the documentation's examples say CN */
#define SHOP_STATE "台灣"
#define SHOP_CURRENCY "TWD"
