/* dd-bench-fill.c: builds a big cache of realistic orders for the benchmarks
 *
 * Every order is made as its platform serves it (JSON), parsed by that
 * platform's parser and stored through dd_cache_store_page(), as a sync
 * would. Deterministic: order i of an account is the same on every run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dd-bench-fill.h"
#include "dd-cache.h"
#include "dd-pp-client.h"
#include "dd-top-client.h"
#include "dd-tw-parse.h"

#define PAGE_SIZE 1000

/* 2025-01-01 00:00:00 UTC; orders are created in the two years before. */
#define END_MS       G_GINT64_CONSTANT (1735689600000)
#define TWO_YEARS_MS G_GINT64_CONSTANT (63072000000)
#define DAY_MS       G_GINT64_CONSTANT (86400000)

typedef enum
{
  KIND_UNPAID,
  KIND_TO_SHIP,
  KIND_SHIPPED,
  KIND_COMPLETED,
  KIND_CLOSED,
  KIND_RETURNED,
} Kind;

typedef struct
{
  const char *account_id;
  const char *platform;
  guint       percent;
  gboolean    traditional;
} Account;

static const Account accounts[] = {
  { DD_BENCH_ACCOUNT_TW,     DD_PLATFORM_TW,       40, TRUE },
  { DD_BENCH_ACCOUNT_TOP,    DD_PLATFORM_TOP,      30, FALSE },
  { DD_BENCH_ACCOUNT_TOP_PC, DD_PLATFORM_TOP_PC,   15, FALSE },
  { DD_BENCH_ACCOUNT_PP,     DD_PLATFORM_PANDAPON, 15, FALSE },
};

/* Surnames repeated by rough frequency (Taiwan, then the mainland). */
static const char * const surnames_tw[] = {
  "陳", "陳", "陳", "陳", "陳", "陳", "林", "林", "林", "林", "黃", "黃", "黃",
  "張", "張", "張", "李", "李", "李", "王", "王", "吳", "吳", "劉", "劉", "蔡",
  "蔡", "楊", "楊", "許", "鄭", "謝", "郭", "洪", "曾", "邱", "廖", "賴", "周",
  "徐", "蘇", "葉", "莊", "呂", "江", "何", "蕭", "羅", "高", "歐陽",
};
static const char * const surnames_cn[] = {
  "王", "王", "王", "王", "李", "李", "李", "李", "张", "张", "张", "张", "刘",
  "刘", "刘", "陈", "陈", "陈", "杨", "杨", "黄", "赵", "吴", "周", "徐", "孙",
  "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐",
  "许", "韩", "冯", "邓", "曹", "司马",
};
static const char * const given_tw[] = {
  "偉", "芳", "娜", "敏", "靜", "麗", "強", "磊", "軍", "洋", "勇", "艷", "傑",
  "娟", "濤", "明", "超", "秀", "霞", "平", "剛", "英", "華", "玉", "萍", "紅",
  "文", "建", "志", "淑", "美", "惠", "怡", "婷", "雅", "宏", "俊", "家", "豪",
  "宇", "翔", "庭", "佳", "欣", "冠", "廷", "柏", "承",
};
static const char * const given_cn[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
  "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "英", "华", "玉", "萍", "红",
  "文", "建", "志", "淑", "美", "惠", "怡", "婷", "雅", "宏", "俊", "家", "豪",
  "宇", "翔", "庭", "佳", "欣", "浩", "然", "子", "涵",
};

static const char * const title_prefix_tw[] = {
  "2024新款", "夏季", "冬季", "秋冬", "春季", "韓版", "日系", "復古", "簡約", "加厚",
  "輕薄", "大容量", "網紅", "台灣現貨", "限時特價",
};
static const char * const title_prefix_cn[] = {
  "2024新款", "夏季", "冬季", "秋冬", "春季", "韩版", "日系", "复古", "简约", "加厚",
  "轻薄", "大容量", "网红", "官方正品", "限时特价",
};
static const char * const title_item_tw[] = {
  "純棉短袖T恤", "連帽外套", "高腰牛仔褲", "透氣運動鞋", "不鏽鋼保溫杯", "防摔手機殼",
  "藍牙耳機", "桌面收納盒", "床單四件套", "雙肩背包", "電動牙刷", "咖啡豆", "保濕面膜",
  "洗髮精", "行動電源", "護眼檯燈", "陶瓷馬克杯", "羊毛圍巾", "矽膠餐墊", "真皮錢包",
};
static const char * const title_item_cn[] = {
  "纯棉短袖T恤", "连帽外套", "高腰牛仔裤", "透气运动鞋", "不锈钢保温杯", "防摔手机壳",
  "蓝牙耳机", "桌面收纳盒", "床单四件套", "双肩背包", "电动牙刷", "咖啡豆", "补水面膜",
  "洗发水", "充电宝", "护眼台灯", "陶瓷马克杯", "羊毛围巾", "硅胶餐垫", "真皮钱包",
};
static const char * const title_suffix_tw[] = {
  "男款", "女款", "男女同款", "禮盒裝", "2入組", "大尺碼", "黑色", "白色", "",
};
static const char * const title_suffix_cn[] = {
  "男款", "女款", "男女同款", "礼盒装", "2件装", "大码", "黑色", "白色", "",
};
static const char * const cities_tw[][3] = {
  { "台北市", "大安區", "106" }, { "新北市", "板橋區", "220" }, { "台中市", "西屯區", "407" },
  { "高雄市", "苓雅區", "802" }, { "台南市", "東區", "701" }, { "桃園市", "中壢區", "320" },
};
static const char * const cities_cn[][3] = {
  { "浙江省", "杭州市", "余杭区" }, { "广东省", "深圳市", "南山区" }, { "上海", "上海市", "浦东新区" },
  { "北京", "北京市", "朝阳区" }, { "江苏省", "南京市", "鼓楼区" }, { "四川省", "成都市", "武侯区" },
};
static const char * const couriers[][2] = {
  { "SF", "顺丰速运" }, { "ZT", "中通快递" }, { "YT", "圆通速递" }, { "JD", "京东物流" },
};

/* A splitmix64 stream. */
typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

#define PICK(rng, list) ((list)[rng_below ((rng), G_N_ELEMENTS (list))])

typedef struct
{
  char  *title;
  guint  quantity;
  guint  unit_minor;      /* cents (TWD) or fen (CNY) */
  char  *tracking;        /* NULL: not shipped */
  guint  courier;
} FakeLine;

typedef struct
{
  guint     index;
  char     *order_id;
  char     *buyer;
  char     *receiver;
  char     *phone;
  guint     city;
  Kind      kind;
  gint64    created_ms;
  gint64    modified_ms;
  guint     n_lines;
  FakeLine  lines[4];
  guint     shipping_minor;
} Fake;

static void
fake_clear (Fake *fake)
{
  g_free (fake->order_id);
  g_free (fake->buyer);
  g_free (fake->receiver);
  g_free (fake->phone);
  for (guint i = 0; i < fake->n_lines; i++)
    {
      g_free (fake->lines[i].title);
      g_free (fake->lines[i].tracking);
    }
}

static char *
fake_name (Rng      *rng,
           gboolean  traditional)
{
  if (traditional)
    return rng_below (rng, 10) < 3
      ? g_strconcat (PICK (rng, surnames_tw), PICK (rng, given_tw), NULL)
      : g_strconcat (PICK (rng, surnames_tw), PICK (rng, given_tw), PICK (rng, given_tw), NULL);
  return rng_below (rng, 10) < 3
    ? g_strconcat (PICK (rng, surnames_cn), PICK (rng, given_cn), NULL)
    : g_strconcat (PICK (rng, surnames_cn), PICK (rng, given_cn), PICK (rng, given_cn), NULL);
}

/* Newer orders have larger ids; index 0 is the newest. */
#define MAX_INDEX 10000000u

char *
dd_bench_order_id (const char *account_id,
                   guint       index)
{
  guint64 age = MAX_INDEX - MIN (index, MAX_INDEX);

  /* Distinct, increasing with time, not consecutive. */
  if (g_strcmp0 (account_id, DD_BENCH_ACCOUNT_TW) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, G_GUINT64_CONSTANT (550000000000) + age * 37);
  if (g_strcmp0 (account_id, DD_BENCH_ACCOUNT_TOP) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT,
                            G_GUINT64_CONSTANT (3900000000000000000) + age * 7919);
  if (g_strcmp0 (account_id, DD_BENCH_ACCOUNT_TOP_PC) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT,
                            G_GUINT64_CONSTANT (4000000000000000000) + age * 104729);
  return g_strdup_printf ("%" G_GUINT64_FORMAT,
                          G_GUINT64_CONSTANT (1031992847000000000) + age * 65537);
}

/* Order @index of @n (0 the newest) is created about @index / @n of two
 * years before the end: a backfill lists newest first, and so do we. */
static void
fake_init (Fake          *fake,
           const Account *account,
           guint          account_no,
           guint          index,
           guint          n)
{
  gint64 spacing = TWO_YEARS_MS / MAX (n, 1);
  Rng rng = { (guint64) account_no << 40 ^ index ^ G_GUINT64_CONSTANT (0xD1D0A5) };
  guint roll;
  gboolean shipped;

  memset (fake, 0, sizeof *fake);
  fake->index = index;
  fake->order_id = dd_bench_order_id (account->account_id, index);
  fake->buyer = fake_name (&rng, account->traditional);
  fake->receiver = rng_below (&rng, 10) < 7 ? g_strdup (fake->buyer)
                                             : fake_name (&rng, account->traditional);
  fake->phone = g_strdup_printf (account->traditional ? "09******%02u" : "1%02u****%04u",
                                 rng_below (&rng, 100), rng_below (&rng, 10000));
  fake->city = rng_below (&rng, G_N_ELEMENTS (cities_tw));

  roll = rng_below (&rng, 100);
  fake->kind = roll < 5 ? KIND_UNPAID : roll < 13 ? KIND_TO_SHIP : roll < 23 ? KIND_SHIPPED
             : roll < 78 ? KIND_COMPLETED : roll < 93 ? KIND_CLOSED : KIND_RETURNED;
  shipped = fake->kind == KIND_SHIPPED || fake->kind == KIND_COMPLETED ||
            fake->kind == KIND_RETURNED;

  /* Whole seconds: TOP serves seconds only. */
  fake->created_ms = (END_MS - 1000 - (gint64) index * spacing -
                      (gint64) (rng_next (&rng) % (guint64) MAX (spacing, 1))) / 1000 * 1000;
  fake->modified_ms = MIN (END_MS - 1000,
                           fake->created_ms + (gint64) rng_below (&rng, 12 * 86400) * 1000);

  roll = rng_below (&rng, 100);
  fake->n_lines = roll < 65 ? 1 : roll < 88 ? 2 : roll < 97 ? 3 : 4;
  for (guint i = 0; i < fake->n_lines; i++)
    {
      FakeLine *line = &fake->lines[i];

      line->title = account->traditional
        ? g_strconcat (PICK (&rng, title_prefix_tw), " ", PICK (&rng, title_item_tw), " ",
                       PICK (&rng, title_suffix_tw), NULL)
        : g_strconcat (PICK (&rng, title_prefix_cn), " ", PICK (&rng, title_item_cn), " ",
                       PICK (&rng, title_suffix_cn), NULL);
      g_strchomp (line->title);
      line->quantity = 1 + (rng_below (&rng, 10) < 8 ? 0 : rng_below (&rng, 4));
      line->unit_minor = (9 + rng_below (&rng, 2000)) * 100 - (rng_below (&rng, 2) ? 1 : 0);
      line->courier = rng_below (&rng, G_N_ELEMENTS (couriers));
      /* One parcel per order mostly; sometimes each line ships apart. */
      if (shipped && (i == 0 || rng_below (&rng, 4) == 0))
        line->tracking = account->traditional
          ? g_strdup_printf ("%02uKX%09u", rng_below (&rng, 100), (guint) (rng_next (&rng) % 1000000000))
          : g_strdup_printf ("%s%012" G_GUINT64_FORMAT, couriers[line->courier][0],
                             rng_next (&rng) % G_GUINT64_CONSTANT (1000000000000));
    }
  fake->shipping_minor = rng_below (&rng, 3) * 3000;
}

static guint64
fake_total (const Fake *fake)
{
  guint64 total = fake->shipping_minor;

  for (guint i = 0; i < fake->n_lines; i++)
    total += (guint64) fake->lines[i].quantity * fake->lines[i].unit_minor;
  return total;
}

/* "12.34" from minor units. */
static void
append_decimal (GString *s,
                guint64  minor)
{
  g_string_append_printf (s, "%" G_GUINT64_FORMAT ".%02u", minor / 100, (guint) (minor % 100));
}

/* "yyyy-MM-dd HH:mm:ss" in Beijing time. */
static void
append_beijing (GString *s,
                gint64   ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000 + 8 * 3600);
  g_autofree char *text = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S");

  g_string_append_printf (s, "\"%s\"", text);
}

static char *
tw_json (const Fake *fake)
{
  static const char * const statuses[] = {
    "unpaid", "ready_to_ship", "shipped", "delivered", "canceled", "returned",
  };
  const char *status = statuses[fake->kind];
  GString *s = g_string_sized_new (2048);
  guint64 total = fake_total (fake);

  if (fake->kind == KIND_TO_SHIP && fake->index % 3 == 0)
    status = "pending";

  g_string_append_printf (s, "{\"creation_time\": %" G_GINT64_FORMAT ", \"trade_order_id\": \"%s\", "
                          "\"buyer_id\": \"%u\", \"seller_full_name\": \"訂單測試店鋪\", "
                          "\"seller_id\": \"2000005665181\", \"actual_fee\": \"",
                          fake->created_ms, fake->order_id, 2000000000u + fake->index % 150000);
  append_decimal (s, total);
  g_string_append_printf (s, "\", \"buyer_full_name\": \"%s\", \"shipping_fee_currency_code\": \"TWD\", "
                          "\"shipping_fee\": \"%u\", \"actual_shipping_fee\": \"%u\", "
                          "\"payment_channel\": \"%s\", \"actual_shipping_fee_currency_code\": \"TWD\", "
                          "\"delivery_info\": {\"area\": \"%s\", \"country_code\": \"TW\", "
                          "\"city\": \"%s\", \"detail_address\": \"%s%s中山路%u號\", "
                          "\"receiver_name\": \"%s\", \"state\": \"台灣\", \"receiver_phone\": \"%s\", "
                          "\"zip_code\": \"%s\"}, \"trade_order_line_list\": [",
                          fake->buyer, fake->shipping_minor / 100, fake->shipping_minor / 100,
                          fake->index % 3 == 0 ? "CREDIT_CARD"
                          : fake->index % 3 == 1 ? "CAINIAO_HILIFE_COD" : "CAINIAO_SEVENELEVN_COD",
                          cities_tw[fake->city][1], cities_tw[fake->city][0],
                          cities_tw[fake->city][0], cities_tw[fake->city][1], 1 + fake->index % 300,
                          fake->receiver, fake->phone, cities_tw[fake->city][2]);
  for (guint i = 0; i < fake->n_lines; i++)
    {
      const FakeLine *line = &fake->lines[i];
      guint product = 240000000 + (guint) (g_str_hash (line->title) % 1000000);

      g_string_append_printf (s, "%s{\"product_main_image\": \"https://img-ovs.alicdn.com/other/gsp/%u.jpeg\", "
                              "\"creation_time\": %" G_GINT64_FORMAT ", "
                              "\"product_detail_url\": \"https://item.taobao.tw/products/i%u.html\", "
                              "\"trade_order_id\": \"%s\", \"trade_order_line_id\": \"%s%u\", "
                              "\"product_id\": \"%u\", \"unit_fee\": \"",
                              i > 0 ? ", " : "", product, fake->created_ms, product,
                              fake->order_id, fake->order_id, i, product);
      append_decimal (s, line->unit_minor);
      g_string_append (s, "\", \"unit_fee_currency_code\": \"TWD\", \"shipment_list\": [");
      if (line->tracking != NULL)
        g_string_append_printf (s, "{\"order_no\": 1, \"tracking_number\": \"%s\", "
                                "\"logistics_id\": \"LP%014u\"}", line->tracking, product);
      g_string_append_printf (s, "], \"quantity\": %u, \"sku_info\": "
                              "\"[{\\\"valueId\\\":-1,\\\"valueText\\\":\\\"黑色\\\",\\\"propertyName\\\":\\\"色系\\\",\\\"propertyId\\\":226649326}]\", "
                              "\"actual_fee\": \"", line->quantity);
      append_decimal (s, (guint64) line->unit_minor * line->quantity);
      g_string_append_printf (s, "\", \"sku_id\": \"%u\", \"product_title\": \"%s\", "
                              "\"modification_time\": %" G_GINT64_FORMAT ", "
                              "\"actual_fee_currency_code\": \"TWD\", \"status\": \"%s\"}",
                              product + 1, line->title, fake->modified_ms, status);
    }
  g_string_append_printf (s, "], \"actual_fee_currency_code\": \"TWD\", "
                          "\"modification_time\": %" G_GINT64_FORMAT ", \"status\": \"%s\"}",
                          fake->modified_ms, status);
  return g_string_free (s, FALSE);
}

static char *
top_json (const Fake *fake)
{
  static const char * const statuses[] = {
    "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED",
    "TRADE_CLOSED_BY_TAOBAO", "TRADE_CLOSED",
  };
  GString *s = g_string_sized_new (2048);

  g_string_append_printf (s, "{\"tid\":%s,\"status\":\"%s\",\"type\":\"fixed\",\"buyer_nick\":\"%s\","
                          "\"seller_nick\":\"dingdan-shop\",\"payment\":\"",
                          fake->order_id, statuses[fake->kind], fake->buyer);
  append_decimal (s, fake_total (fake));
  g_string_append (s, "\",\"post_fee\":\"");
  append_decimal (s, fake->shipping_minor);
  g_string_append (s, "\",\"created\":");
  append_beijing (s, fake->created_ms);
  g_string_append (s, ",\"modified\":");
  append_beijing (s, fake->modified_ms);
  if (fake->kind != KIND_UNPAID && fake->kind != KIND_CLOSED)
    {
      g_string_append (s, ",\"pay_time\":");
      append_beijing (s, fake->created_ms + 60000);
    }
  g_string_append_printf (s, ",\"receiver_name\":\"%s\",\"receiver_mobile\":\"%s\","
                          "\"receiver_state\":\"%s\",\"receiver_city\":\"%s\","
                          "\"receiver_district\":\"%s\",\"receiver_address\":\"文一西路%u号\","
                          "\"receiver_zip\":\"310000\",\"orders\":{\"order\":[",
                          fake->receiver, fake->phone, cities_cn[fake->city][0],
                          cities_cn[fake->city][1], cities_cn[fake->city][2],
                          1 + fake->index % 999);
  for (guint i = 0; i < fake->n_lines; i++)
    {
      const FakeLine *line = &fake->lines[i];
      guint64 item = 600000000000 + g_str_hash (line->title) % 1000000;

      g_string_append_printf (s, "%s{\"oid\":%" G_GUINT64_FORMAT ",\"title\":\"%s\",\"price\":\"",
                              i > 0 ? "," : "",
                              G_GUINT64_CONSTANT (3800000000000000000) + (guint64) fake->index * 8 + i,
                              line->title);
      append_decimal (s, line->unit_minor);
      g_string_append_printf (s, "\",\"num\":%u,\"sku_id\":\"%" G_GUINT64_FORMAT "\","
                              "\"sku_properties_name\":\"颜色分类:黑色;尺码:XL\","
                              "\"pic_path\":\"https://img.alicdn.com/bao/%" G_GUINT64_FORMAT ".jpg\","
                              "\"num_iid\":%" G_GUINT64_FORMAT ",\"status\":\"%s\",\"payment\":\"",
                              line->quantity, item + 5000000000, item, item,
                              statuses[fake->kind]);
      append_decimal (s, (guint64) line->unit_minor * line->quantity);
      g_string_append_printf (s, "\",\"refund_status\":\"%s\"",
                              fake->kind == KIND_RETURNED ? "SUCCESS" : "NO_REFUND");
      if (line->tracking != NULL)
        g_string_append_printf (s, ",\"logistics_company\":\"%s\",\"invoice_no\":\"%s\"",
                                couriers[line->courier][1], line->tracking);
      g_string_append_c (s, '}');
    }
  g_string_append (s, "]}}");
  return g_string_free (s, FALSE);
}

static char *
top_pc_json (const Fake *fake)
{
  static const char * const statuses[] = {
    "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED",
    "TRADE_CLOSED", "WAIT_SELLER_SEND_GOODS",
  };
  static const int pay_statuses[] = { 1, 2, 2, 6, 7, 4 };
  const char *tracking = NULL;
  const char *courier = NULL;
  GString *s = g_string_sized_new (2048);

  g_string_append_printf (s, "{\"biz_order_id\":\"%s\",\"out_order_id\":\"dd-bench-%u\","
                          "\"contract_no\":\"HT%07u\",\"buyer_id\":2200000001,\"status\":\"%s\","
                          "\"pay_status\":%d,\"logistics_status\":1,\"total_fee\":\"",
                          fake->order_id, fake->index, fake->index, statuses[fake->kind],
                          pay_statuses[fake->kind]);
  append_decimal (s, fake_total (fake));
  g_string_append (s, "\",\"post_fee\":\"");
  append_decimal (s, fake->shipping_minor);
  g_string_append (s, "\",\"created\":");
  append_beijing (s, fake->created_ms);
  g_string_append (s, ",\"modified\":");
  append_beijing (s, fake->modified_ms);
  g_string_append (s, ",\"remark\":\"\",\"items\":{\"order_item\":[");
  for (guint i = 0; i < fake->n_lines; i++)
    {
      const FakeLine *line = &fake->lines[i];
      guint64 item = 600000000000 + g_str_hash (line->title) % 1000000;

      if (tracking == NULL && line->tracking != NULL)
        {
          tracking = line->tracking;
          courier = couriers[line->courier][1];
        }
      g_string_append_printf (s, "%s{\"sub_order_id\":\"%s%u\",\"item_id\":%" G_GUINT64_FORMAT ","
                              "\"sku_id\":%" G_GUINT64_FORMAT ",\"title\":\"%s\",\"quantity\":%u,"
                              "\"unit_price\":\"",
                              i > 0 ? "," : "", fake->order_id, i + 1, item, item + 100000000000,
                              line->title, line->quantity);
      append_decimal (s, line->unit_minor);
      g_string_append_printf (s, "\",\"pic_url\":\"https://img.alicdn.com/pc/%" G_GUINT64_FORMAT ".jpg\","
                              "\"sku_properties_name\":\"规格:标准\"}", item);
    }
  g_string_append_printf (s, "]},\"address\":{\"consignee_name\":\"%s\",\"mobile_phone\":\"%s\","
                          "\"address_detail\":\"%s%s%s\"}",
                          fake->receiver, fake->phone, cities_cn[fake->city][0],
                          cities_cn[fake->city][1], cities_cn[fake->city][2]);
  if (tracking != NULL)
    g_string_append_printf (s, ",\"logistics_company\":\"%s\",\"invoice_no\":\"%s\"",
                            courier, tracking);
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static char *
pp_json (const Fake *fake)
{
  static const char * const statuses[] = {
    "WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED",
    "TRADE_CLOSED", "TRADE_CLOSED",
  };
  static const char * const pay_statuses[] = { "UNPAID", "PAID", "PAID", "PAID", "UNPAID", "PAID" };
  GString *s = g_string_sized_new (2048);

  g_string_append_printf (s, "{\"id\":\"%u\",\"orderNo\":\"%s\",\"sellerOrderNumber\":\"dd-bench-%u\","
                          "\"orderSource\":\"TAOBAO\",\"status\":\"%s\",\"payStatus\":\"%s\","
                          "\"purchaseAmount\":%" G_GUINT64_FORMAT ",\"currency\":\"CNY\","
                          "\"createTime\":%" G_GINT64_FORMAT ",\"updateTime\":%" G_GINT64_FORMAT ",",
                          700000 + fake->index, fake->order_id, fake->index, statuses[fake->kind],
                          pay_statuses[fake->kind], fake_total (fake), fake->created_ms,
                          fake->modified_ms);
  if (fake->kind != KIND_UNPAID && fake->kind != KIND_CLOSED)
    g_string_append_printf (s, "\"payTime\":%" G_GINT64_FORMAT ",", fake->created_ms + 60000);
  g_string_append_printf (s, "\"receiver\":{\"zip\":\"310000\",\"country\":\"CN\","
                          "\"address\":\"文一西路%u号\",\"city\":\"%s\",\"phone\":\"\","
                          "\"mobile_phone\":\"%s\",\"district\":\"%s\",\"name\":\"%s\","
                          "\"state\":\"%s\"},\"subOrderVOS\":[",
                          1 + fake->index % 999, cities_cn[fake->city][1], fake->phone,
                          cities_cn[fake->city][2], fake->receiver, cities_cn[fake->city][0]);
  for (guint i = 0; i < fake->n_lines; i++)
    {
      const FakeLine *line = &fake->lines[i];
      guint64 item = 600000000000 + g_str_hash (line->title) % 1000000;

      g_string_append_printf (s, "%s{\"subOrderId\":\"%s%u\",\"orderNo\":\"%s\",\"quantity\":%u,"
                              "\"title\":\"%s\",\"purchaseCurrency\":\"CNY\","
                              "\"purchaseAmount\":%" G_GUINT64_FORMAT ",\"itemId\":\"%" G_GUINT64_FORMAT "\","
                              "\"domesticPostFee\":0,\"skuId\":\"%" G_GUINT64_FORMAT "\",\"status\":\"%s\"}",
                              i > 0 ? "," : "", fake->order_id, i + 1, fake->order_id,
                              line->quantity, line->title,
                              (guint64) line->unit_minor * line->quantity, item,
                              item + 100000000000, statuses[fake->kind]);
    }
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static DdOrder *
make_order (const Account  *account,
            guint           account_no,
            guint           index,
            guint           n,
            GError        **error)
{
  g_autofree char *json = NULL;
  DdOrder *order = NULL;
  Fake fake;

  fake_init (&fake, account, account_no, index, n);
  if (g_str_equal (account->platform, DD_PLATFORM_TW))
    {
      json = tw_json (&fake);
      order = dd_tw_parse_order_module (json, strlen (json), error);
    }
  else if (g_str_equal (account->platform, DD_PLATFORM_TOP))
    {
      json = top_json (&fake);
      order = dd_top_parse_trade_json (json, strlen (json), error);
    }
  else if (g_str_equal (account->platform, DD_PLATFORM_TOP_PC))
    {
      json = top_pc_json (&fake);
      order = dd_top_pc_parse_order_json (json, strlen (json), error);
    }
  else
    {
      json = pp_json (&fake);
      order = dd_pp_parse_order_json (json, strlen (json), error);
    }
  fake_clear (&fake);

  if (order == NULL)
    {
      g_prefix_error (error, "bench order %u of %s: ", index, account->account_id);
      return NULL;
    }
  dd_order_set_account_id (order, account->account_id);
  dd_order_set_platform (order, account->platform);
  return order;
}

/* How many of @n_orders go to account @a. */
static guint
account_share (guint a,
               guint n_orders)
{
  guint before = 0;

  if (a == G_N_ELEMENTS (accounts) - 1)
    {
      for (guint i = 0; i < a; i++)
        before += account_share (i, n_orders);
      return n_orders - before;
    }
  return (guint) ((guint64) n_orders * accounts[a].percent / 100);
}

static void
remove_cache_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
}

/* Whether @cache holds a resumable prefix of this builder's orders; sets
 * each account's count. */
static gboolean
resumable (DdCache *cache,
           guint    n_orders,
           guint   *done)
{
  guint64 sum = 0;

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      guint64 n = dd_cache_count_orders (cache, accounts[a].account_id);

      if (n > account_share (a, n_orders) ||
          (n != account_share (a, n_orders) && n % PAGE_SIZE != 0))
        return FALSE;
      done[a] = (guint) n;
      sum += n;
    }
  return sum == dd_cache_count_orders (cache, NULL);
}

/* Pages are made (JSON, then parsed) in a thread while the caller stores
 * the previous ones: the two halves of the work cost about the same. */
typedef struct
{
  guint         n_orders;
  guint        *done;
  GAsyncQueue  *pages;      /* Page *, NULL-terminated by an end marker */
  gint          stop;       /* atomic: the consumer gave up */
} Producer;

typedef struct
{
  guint      account;
  guint      last;          /* index after the page's last order */
  GPtrArray *orders;        /* NULL: the end (or a failure: error set) */
  GError    *error;
} Page;

#define MAX_QUEUED_PAGES 8

static void
page_free (Page *page)
{
  g_clear_pointer (&page->orders, g_ptr_array_unref);
  g_clear_error (&page->error);
  g_free (page);
}

static gpointer
produce_pages (gpointer data)
{
  Producer *producer = data;

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    {
      guint share = account_share (a, producer->n_orders);

      for (guint first = producer->done[a]; first < share; first += PAGE_SIZE)
        {
          Page *page = g_new0 (Page, 1);

          while (g_async_queue_length (producer->pages) >= MAX_QUEUED_PAGES &&
                 !g_atomic_int_get (&producer->stop))
            g_usleep (500);
          if (g_atomic_int_get (&producer->stop))
            {
              g_free (page);
              return NULL;
            }

          page->account = a;
          page->last = MIN (share, first + PAGE_SIZE);
          page->orders = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint i = first; i < page->last; i++)
            {
              DdOrder *order = make_order (&accounts[a], a, i, share, &page->error);

              if (order == NULL)
                {
                  g_clear_pointer (&page->orders, g_ptr_array_unref);
                  g_async_queue_push (producer->pages, page);
                  return NULL;
                }
              g_ptr_array_add (page->orders, order);
            }
          g_async_queue_push (producer->pages, page);
        }
    }

  g_async_queue_push (producer->pages, g_new0 (Page, 1));
  return NULL;
}

gboolean
dd_bench_fill_cache (const char  *path,
                     guint        n_orders,
                     GError     **error)
{
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GAsyncQueue) pages = NULL;
  guint done[G_N_ELEMENTS (accounts)] = { 0, };
  guint64 stored = 0;
  guint64 resumed;
  gboolean ok = TRUE;
  Producer producer;
  GThread *thread;
  gint64 start;

  g_return_val_if_fail (path != NULL, FALSE);

  cache = dd_cache_new (path, error);
  if (cache == NULL)
    return FALSE;

  if (dd_cache_count_orders (cache, NULL) == n_orders && resumable (cache, n_orders, done))
    {
      g_printerr ("Reusing %s (%u orders)\n", path, n_orders);
      return TRUE;
    }
  if (!resumable (cache, n_orders, done))
    {
      g_printerr ("Replacing %s\n", path);
      g_clear_object (&cache);
      remove_cache_files (path);
      cache = dd_cache_new (path, error);
      if (cache == NULL)
        return FALSE;
      memset (done, 0, sizeof done);
    }

  for (guint a = 0; a < G_N_ELEMENTS (accounts); a++)
    stored += done[a];
  if (stored > 0)
    g_printerr ("Resuming %s at %" G_GUINT64_FORMAT " orders\n", path, stored);
  resumed = stored;

  pages = g_async_queue_new_full ((GDestroyNotify) page_free);
  producer = (Producer) { n_orders, done, pages, 0 };
  start = g_get_monotonic_time ();
  thread = g_thread_new ("bench-fill", produce_pages, &producer);

  while (ok)
    {
      Page *page = g_async_queue_pop (pages);
      double seconds;

      if (page->orders == NULL)
        {
          if (page->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&page->error));
              ok = FALSE;
            }
          page_free (page);
          break;
        }

      ok = dd_cache_store_page (cache, accounts[page->account].account_id, page->orders,
                                page->last == account_share (page->account, n_orders) ? END_MS : -1,
                                NULL, error);
      stored += page->orders->len;
      page_free (page);

      seconds = (g_get_monotonic_time () - start) / 1e6;
      if (ok && ((stored / PAGE_SIZE) % 20 == 0 || stored == n_orders))
        g_printerr ("\r%" G_GUINT64_FORMAT " / %u orders (%.0f s, %.0f orders/s)   ",
                    stored, n_orders, seconds, seconds > 0 ? (stored - resumed) / seconds : 0);
    }

  g_atomic_int_set (&producer.stop, 1);
  g_thread_join (thread);
  if (!ok)
    return FALSE;

  g_printerr ("\nOptimising the search indexes…\n");
  if (!dd_cache_optimize (cache, error))
    return FALSE;
  g_printerr ("Built %s in %.1f s\n", path, (g_get_monotonic_time () - start) / 1e6);

  return TRUE;
}
