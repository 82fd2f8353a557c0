/* dd-sandbox-top-data.h: the mainland word lists of the sandbox's TOP shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The TOP shop reuses the Taiwan shop's products, SKU values and people
 * (dd-sandbox-shop-data.h), turned into simplified Chinese through the
 * character table below, which covers every traditional character those
 * lists use. What Taiwan has no counterpart for lives here: Taobao's own
 * property names ("颜色分类", "尺码"), mainland receiver places, couriers,
 * trade types, statuses and the close reasons of taobao.trade.close.
 * Everything is constant: the shop's randomness only picks from the tables.
 */
#pragma once

#include "dd-sandbox-shop-data.h"

/* Traditional → simplified, character for character (same positions). */
static const char top_traditional[] =
  "親膚寬連學褲鏽鋼溫纖維組無線藍機護殼盤歐風製灣烏龍醬輕動疊傘兒習鋁筆電"
  "潑後記憶頸寵潔純襪雙傳輸紅綠櫻樹裝禮雞鮭魚標準陳黃張吳劉楊許鄭謝賴雲傑華偉";
static const char top_simplified[] =
  "亲肤宽连学裤锈钢温纤维组无线蓝机护壳盘欧风制湾乌龙酱轻动叠伞儿习铝笔电"
  "泼后记忆颈宠洁纯袜双传输红绿樱树装礼鸡鲑鱼标准陈黄张吴刘杨许郑谢赖云杰华伟";

/* Taobao's property names for the Taiwan shop's properties (same index). */
static const char * const top_property_names[] = {
  [PROP_COLOUR_WEAR] = "颜色分类",
  [PROP_SIZE_NUM]    = "尺码",
  [PROP_SIZE_WEAR]   = "尺码",
  [PROP_COLOUR]      = "颜色分类",
  [PROP_MODEL]       = "适用型号",
  [PROP_PATTERN]     = "图案",
  [PROP_SCENT]       = "香味",
  [PROP_PACK]        = "包装方式",
  [PROP_WEIGHT]      = "净含量",
  [PROP_FLAVOUR]     = "口味",
  [PROP_LENGTH]      = "长度",
  [PROP_CAPACITY]    = "容量",
  [PROP_HEIGHT]      = "高度",
  [PROP_SOCK_SIZE]   = "袜子尺码",
};
G_STATIC_ASSERT (G_N_ELEMENTS (top_property_names) == G_N_ELEMENTS (shop_properties));

/* A product's price in fen from its Taiwan price in whole TWD (about 0.23
 * CNY each, ending in 9 fen: 290 TWD → "66.69"). */
#define TOP_PRICE_FEN(twd) ((twd) * 23u - 1u)

/* --- Receivers' places --- */

typedef struct
{
  const char         *state;    /* receiver_state */
  const char         *city;
  const char         *district;
  const char         *zip;
  const char * const *roads;    /* NULL-terminated */
} TopPlace;

static const char * const top_roads_hangzhou[] = { "文三路", "天目山路", "教工路", NULL };
static const char * const top_roads_shanghai[] = { "张杨路", "世纪大道", "浦东南路", NULL };
static const char * const top_roads_beijing[] = { "建国路", "朝阳北路", "望京街", NULL };
static const char * const top_roads_guangzhou[] = { "天河路", "体育西路", "中山大道西", NULL };
static const char * const top_roads_shenzhen[] = { "科技园南路", "深南大道", "南海大道", NULL };
static const char * const top_roads_nanjing[] = { "中山北路", "湖南路", NULL };
static const char * const top_roads_chengdu[] = { "人民南路四段", "科华北路", NULL };
static const char * const top_roads_wuhan[] = { "珞喻路", "鲁磨路", NULL };
static const char * const top_roads_xian[] = { "长安南路", "小寨西路", NULL };
static const char * const top_roads_xiamen[] = { "湖滨南路", "厦禾路", NULL };

static const TopPlace top_places[] = {
  { "浙江省", "杭州市", "西湖区", "310012", top_roads_hangzhou },
  { "上海", "上海市", "浦东新区", "200120", top_roads_shanghai },
  { "北京", "北京市", "朝阳区", "100020", top_roads_beijing },
  { "广东省", "广州市", "天河区", "510620", top_roads_guangzhou },
  { "广东省", "深圳市", "南山区", "518057", top_roads_shenzhen },
  { "江苏省", "南京市", "鼓楼区", "210008", top_roads_nanjing },
  { "四川省", "成都市", "武侯区", "610041", top_roads_chengdu },
  { "湖北省", "武汉市", "洪山区", "430074", top_roads_wuhan },
  { "陕西省", "西安市", "雁塔区", "710061", top_roads_xian },
  { "福建省", "厦门市", "思明区", "361001", top_roads_xiamen },
};

static const char * const top_mobile_prefixes[] = {
  "138", "139", "136", "150", "158", "186", "187", "177", "135", "189",
};

/* --- Couriers: name and how their waybill numbers look --- */

typedef struct
{
  const char *name;      /* logistics_company */
  const char *prefix;    /* invoice_no starts with it */
  guint       n_digits;  /* then this many digits */
} TopCourier;

static const TopCourier top_couriers[] = {
  { "顺丰速运", "SF", 13 },
  { "圆通速递", "YT", 13 },
  { "中通快递", "78", 12 },
  { "韵达快递", "43", 13 },
  { "申通快递", "77", 13 },
  { "邮政快递包裹", "98", 11 },
};

/* Shipping fees in fen a trade may carry (free shipping is common). */
static const guint top_post_fees[] = { 0, 0, 0, 600, 800, 1000, 1200 };

/* --- Trade types --- */

typedef enum
{
  TT_FIXED,
  TT_COD,
  TT_ETICKET,
  N_TOP_TRADE_TYPES
} TopTradeType;

/* The types our trades have (same index as TopTradeType). */
static const char * const top_trade_types[N_TOP_TRADE_TYPES] = { "fixed", "cod", "eticket" };

/* Every value taobao.trades.sold.get's "type" accepts (its documentation's
 * list); "guarantee_trade" stands for fixed and auction. */
static const char * const top_known_types[] = {
  "fixed", "auction", "guarantee_trade", "step", "independent_simple_trade",
  "independent_shop_trade", "auto_delivery", "ec", "cod", "game_equipment",
  "shopex_trade", "netcn_trade", "external_trade", "instant_trade", "b2c_cod",
  "hotel_trade", "super_market_trade", "super_market_cod_trade", "taohua",
  "waimai", "o2o_offlinetrade", "nopaid", "eticket", "tmall_i18n",
  "insurance_plus", "finance", "pre_auth_type", "lazada",
};

/* What the router looks for when "type" is absent: only these five, so
 * e-voucher trades ("eticket") stay hidden unless asked for. */
static const char * const top_default_types[] = {
  "guarantee_trade", "auto_delivery", "ec", "cod", "step", NULL,
};

/* --- Statuses --- */

typedef enum
{
  TS_NO_CREATE_PAY,
  TS_WAIT_BUYER_PAY,
  TS_WAIT_SELLER_SEND_GOODS,
  TS_SELLER_CONSIGNED_PART,
  TS_WAIT_BUYER_CONFIRM_GOODS,
  TS_BUYER_SIGNED,
  TS_FINISHED,
  TS_CLOSED,
  TS_CLOSED_BY_TAOBAO,
  TS_PAY_PENDING,
  TS_WAIT_PRE_AUTH_CONFIRM,
  TS_PAID_FORBID_CONSIGN,
  N_TOP_STATUSES
} TopStatus;

static const char * const top_statuses[N_TOP_STATUSES] = {
  "TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS",
  "SELLER_CONSIGNED_PART", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED",
  "TRADE_FINISHED", "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO", "PAY_PENDING",
  "WAIT_PRE_AUTH_CONFIRM", "PAID_FORBID_CONSIGN",
};

/* --- taobao.trade.close's reasons, as its documentation lists them --- */

static const char * const top_close_reasons[] = {
  "未及时付款",
  "买家不想买了",
  "买家信息填写错误，重新拍",
  "恶意买家/同行捣乱",
  "缺货",
  "买家拍错了",
  "同城见面交易",
};

#define TOP_SELLER_NICK "订单沙箱旗舰店"
