/* dd-sandbox-pp-data.h: the word lists the sandbox's purchasing account is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by dd-sandbox-pp-private.h only. Mainland goods in simplified
 * Chinese, prices in fen (CNY). Everything is constant: the account's
 * randomness only picks from these tables, so the same seed always gives
 * the same orders.
 */
#pragma once

#include <glib.h>

/* --- Taobao goods: title, unit price in fen, SKU words --- */

typedef struct
{
  const char         *title;
  guint               price;   /* fen */
  const char * const *skus;    /* NULL-terminated; NULL: no SKU */
} PpProduct;

static const char * const pp_skus_colour[] = { "黑色", "白色", "灰色", "藏青色", NULL };
static const char * const pp_skus_size[] = { "S", "M", "L", "XL", NULL };
static const char * const pp_skus_capacity[] = { "350ml", "500ml", "750ml", NULL };
static const char * const pp_skus_model[] = { "iPhone 15", "iPhone 15 Pro", "华为 Mate 60", "小米 14", NULL };
static const char * const pp_skus_pack[] = { "单只装", "两只装", "四只装", NULL };
static const char * const pp_skus_weight[] = { "250g", "500g", "1kg", NULL };

static const PpProduct pp_products[] = {
  { "纯棉短袖T恤男夏季宽松打底衫", 3900, pp_skus_size },
  { "加绒连帽卫衣女秋冬韩版", 8900, pp_skus_colour },
  { "高腰阔腿牛仔裤女直筒", 12800, pp_skus_size },
  { "304不锈钢保温杯大容量", 4590, pp_skus_capacity },
  { "竹纤维毛巾家用吸水三条装", 2990, NULL },
  { "蓝牙耳机无线降噪入耳式", 15900, pp_skus_colour },
  { "手机壳防摔全包硅胶软壳", 1990, pp_skus_model },
  { "景德镇陶瓷碗碟套装", 16800, NULL },
  { "北欧ins风棉麻抱枕套", 1590, pp_skus_colour },
  { "手工冷制精油皂", 1280, pp_skus_pack },
  { "福建安溪铁观音浓香型", 6800, pp_skus_weight },
  { "五常大米新米真空包装", 5990, pp_skus_weight },
  { "全自动折叠晴雨伞", 3500, pp_skus_colour },
  { "儿童学习筷子训练筷", 990, pp_skus_pack },
  { "铝合金笔记本电脑支架", 6900, NULL },
  { "防泼水通勤双肩包", 13900, pp_skus_colour },
  { "记忆棉护颈枕头", 9900, NULL },
  { "宠物洁牙骨磨牙棒", 1800, pp_skus_weight },
  { "纯棉中筒袜五双装", 1990, pp_skus_colour },
  { "Type-C快充数据线", 1590, pp_skus_pack },
};

/* --- 1688 goods: wholesale offers, unit price in fen --- */

typedef struct
{
  const char *name;
  guint       price;   /* fen */
  guint       min_qty; /* wholesale quantities are multiples of nothing, but start here */
} PpOffer;

static const PpOffer pp_offers[] = {
  { "义乌小商品发圈头绳批发", 35, 50 },
  { "一次性医用外科口罩50只装", 890, 10 },
  { "加厚垃圾袋家用批发", 420, 20 },
  { "卡通中性笔学生文具批发", 60, 100 },
  { "PP收纳盒抽屉式整理箱", 1650, 5 },
  { "不锈钢勺子餐具厂家直销", 120, 50 },
  { "纯棉儿童袜子批发", 280, 20 },
  { "手机数据线厂家批发1米", 290, 20 },
  { "玻璃密封罐储物罐", 760, 10 },
  { "无纺布购物袋定制", 95, 100 },
};

/* 1688 order statuses, in the order of the state machine. */
static const char * const pp_1688_statuses[] = {
  "waitbuyerpay", "waitsellersend", "waitbuyerreceive", "success", "cancel",
};

/* --- Places (receivers are forwarding warehouses and people; sellers ship from) --- */

typedef struct
{
  const char *province;
  const char *city;
  const char *district;
  const char *zip;
  const char *road;
} PpPlace;

static const PpPlace pp_places[] = {
  { "浙江省", "杭州市", "余杭区", "311100", "文一西路" },
  { "浙江省", "金华市", "义乌市", "322000", "稠州北路" },
  { "广东省", "广州市", "白云区", "510400", "机场路" },
  { "广东省", "深圳市", "宝安区", "518100", "宝安大道" },
  { "广东省", "东莞市", "长安镇", "523850", "振安中路" },
  { "上海市", "上海市", "青浦区", "201700", "华新镇华志路" },
  { "江苏省", "苏州市", "吴中区", "215100", "东吴北路" },
  { "福建省", "泉州市", "晋江市", "362200", "世纪大道" },
  { "山东省", "青岛市", "城阳区", "266100", "正阳路" },
  { "北京市", "北京市", "朝阳区", "100020", "建国路" },
};

/* Sellers' shipping origins: a facility word per place index. */
static const char * const pp_facility_words[] = {
  "余杭", "义乌", "白云", "宝安", "长安", "青浦", "吴中", "晋江", "城阳", "朝阳",
};

/* --- People --- */

static const char * const pp_surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
  "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
};

static const char * const pp_given_chars[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
  "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
};

static const char * const pp_mobile_prefixes[] = {
  "130", "135", "137", "138", "150", "152", "158", "186", "188", "199",
};

/* --- Carriers (mailNo prefix and digits) --- */

typedef struct
{
  const char *name;
  const char *prefix;
  guint       digits;
} PpCarrier;

static const PpCarrier pp_carriers[] = {
  { "顺丰速运", "SF", 13 },
  { "中通快递", "7", 14 },
  { "圆通速递", "YT", 13 },
  { "韵达快递", "43", 13 },
  { "申通快递", "77", 13 },
};

/* --- Reasons --- */

static const char * const pp_close_reasons[] = {
  "买家取消订单", "超时未付款，交易关闭", "商品缺货", "买家信息填写错误，重新拍",
};

static const char * const pp_refund_reasons[] = {
  "七天无理由退换货", "商品质量问题", "发错货", "少件/漏发", "与商品描述不符",
};

static const char * const pp_1688_sellers[] = {
  "yiwu_xiaoshangpin", "guangzhou_baihuo", "shenzhen_dianzi", "ningbo_riyong", "jinjiang_xiewa",
};

#define PP_CURRENCY "CNY"
#define PP_ORDER_SOURCE "dingdan"
