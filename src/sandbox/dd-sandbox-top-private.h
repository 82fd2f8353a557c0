/* dd-sandbox-top-private.h: what the TOP router's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dd-sandbox-top.c is the router (common checks, signature, dispatch, the
 * seller methods' parameters); dd-sandbox-top-shop.c generates and changes
 * the seller's trades, dd-sandbox-top-trades.c renders and queries them as
 * TOP does; dd-sandbox-top-pc.c is the procurement (企业购) buyer's orders,
 * dd-sandbox-top-pc-api.c its methods. The shop's state is under shop->lock.
 */
#pragma once

#include "dd-sandbox-top.h"
#include "dd-sandbox-top-data.h"

G_BEGIN_DECLS

#define TOP_SECOND_MS     G_GINT64_CONSTANT (1000)
#define TOP_DAY_MS        (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)
#define TOP_HISTORY_MS    (90 * TOP_DAY_MS) /* sold.get sees three months */
#define TOP_MAX_LINES     4
#define TOP_MAX_PAGE_SIZE 100
/* Beijing time has no daylight saving time: a fixed offset from UTC. */
#define TOP_UTC_OFFSET_S  (8 * 60 * 60)

#define TOP_PC_MAX_ITEMS  99 /* sub-order ids are the order's id + 1 … + 99 */

static inline gint64
top_whole_seconds (gint64 ms)
{
  return ms - ms % TOP_SECOND_MS;
}

/* splitmix64's finaliser: the one source of every derived number. */
static inline guint64
top_mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

typedef struct
{
  gint64 oid;
  guint8 product;   /* index into shop_products */
  guint8 value[2];  /* index into each property's values */
  guint8 quantity;
} TopLine;

typedef struct
{
  gint64  tid;         /* key of shop->trades_by_tid */
  gint64  created_ms;  /* all times whole seconds, UTC ms; 0 = never */
  gint64  modified_ms;
  gint64  pay_ms;
  gint64  consign_ms;
  gint64  end_ms;
  guint   buyer;       /* index into shop->buyers */
  guint8  status;      /* TopStatus */
  guint8  type;        /* TopTradeType */
  guint8  post_fee;    /* index into top_post_fees */
  guint8  courier;     /* index into top_couriers */
  guint8  n_lines;
  TopLine lines[TOP_MAX_LINES];
} TopTrade;

typedef struct
{
  char   *nick;
  char   *receiver_name;    /* masked: 张** */
  char   *receiver_mobile;  /* masked: 138****5678 */
  char   *receiver_address; /* masked: 文三路**号 */
  guint   place;            /* index into top_places */
} TopBuyer;

static inline gboolean
top_status_is_unpaid (guint status)
{
  return status == TS_NO_CREATE_PAY || status == TS_WAIT_BUYER_PAY || status == TS_PAY_PENDING;
}

static inline gboolean
top_status_is_shipped (guint status)
{
  return status == TS_SELLER_CONSIGNED_PART || status == TS_WAIT_BUYER_CONFIRM_GOODS ||
         status == TS_BUYER_SIGNED || status == TS_FINISHED;
}

static inline gboolean
top_status_is_ended (guint status)
{
  return status == TS_FINISHED || status == TS_CLOSED || status == TS_CLOSED_BY_TAOBAO;
}

/* A procurement order (dd-sandbox-top-pc.c). */
typedef struct
{
  char   *sub_order_id;
  gint64  item_id;
  gint64  sku_id;              /* 0: none */
  guint   quantity;
  gint64  unit_price;          /* fen */
  char   *title;
  char   *sku_properties_name; /* NULL: none */
} PcItem;

typedef struct
{
  char    *biz_order_id;       /* 19 digits */
  char    *out_order_id;       /* NULL: placed on the website */
  char    *contract_no;
  gint64   buyer_id;
  guint8   status;             /* TopStatus */
  guint8   pay_status;
  guint8   logistics_status;
  guint8   courier;            /* index into top_couriers */
  gint64   created_ms;
  gint64   modified_ms;
  gint64   pay_ms;             /* 0: unpaid */
  gint64   consign_ms;         /* 0: not shipped */
  gint64   post_fee;           /* fen */
  char    *remark;             /* NULL: none */
  char    *consignee_name;
  char    *mobile_phone;
  char    *address_detail;
  GArray  *items;              /* PcItem */
} TopPcOrder;

struct _DdSandboxTopShop
{
  GMutex      lock;
  guint64     seed;
  guint64     rng;             /* splitmix64 state */
  gint64      created_ms;      /* the shop's "now" when generated */
  /* The Taiwan word lists in simplified Chinese (same indexes). */
  char       *titles[G_N_ELEMENTS (shop_products)];
  GStrv       values[G_N_ELEMENTS (shop_properties)];
  gint64      num_iids[G_N_ELEMENTS (shop_products)];
  TopBuyer   *buyers;
  guint       n_buyers;
  GPtrArray  *trades;          /* TopTrade*, newest first (created desc, tid desc) */
  GHashTable *trades_by_tid;   /* gint64* → TopTrade* */
  GHashTable *oids;            /* gint64* → TopTrade* (ids in use) */

  GPtrArray  *pc_orders;       /* TopPcOrder*, newest first */
  GHashTable *pc_by_id;        /* char* biz_order_id → TopPcOrder* */
  GHashTable *pc_by_out_id;    /* char* out_order_id → TopPcOrder* */
};

/* ---- dd-sandbox-top-shop.c: shared helpers ------------------------------------------ */

guint64   top_rng_next              (DdSandboxTopShop *shop);
guint     top_rng_below             (DdSandboxTopShop *shop,
                                     guint             n);
guint     top_rng_weighted          (DdSandboxTopShop *shop,
                                     const guint      *weights,
                                     guint             n);
/* The simplified form of a string of the Taiwan word lists. */
char     *top_to_simplified         (const char       *traditional) G_GNUC_WARN_UNUSED_RESULT;
/* "yyyy-MM-dd HH:mm:ss" in Beijing time for UTC @ms, and back (-1 when
 * @text is not exactly that shape or not a real time). */
char     *top_format_time           (gint64            ms) G_GNUC_WARN_UNUSED_RESULT;
gint64    top_parse_time            (const char       *text);
/* "200.07" for 20007 fen. */
char     *top_format_yuan           (gint64            fen) G_GNUC_WARN_UNUSED_RESULT;
/* A line's SKU id and its properties ("颜色分类:黑色;尺码:XL"). */
gint64    top_line_sku_id           (DdSandboxTopShop *shop,
                                     const TopLine    *line);
char     *top_line_properties       (DdSandboxTopShop *shop,
                                     const TopLine    *line) G_GNUC_WARN_UNUSED_RESULT;
char     *top_image_url             (const char       *base_url,
                                     gint64            num_iid) G_GNUC_WARN_UNUSED_RESULT;

/* created desc, tid desc: sold.get's order. */
int       top_compare_trades        (gconstpointer     a,
                                     gconstpointer     b);

/* ---- dd-sandbox-top-trades.c ------------------------------------------------------- */

/* Members of TOP's shapes: a Beijing time (nothing for 0), yuan for fen. */
void      top_json_set_time         (JsonObject       *object,
                                     const char       *key,
                                     gint64            ms);
void      top_json_set_yuan         (JsonObject       *object,
                                     const char       *key,
                                     gint64            fen);

/* Trade queries for the router (shop locked inside). A NULL @fields keeps
 * every field; else only the named ones ("orders" for all of an order's
 * fields, "orders.title" for one). */
typedef struct
{
  guint    status_mask;  /* 1 << TopStatus for each status wanted; 0 = any */
  guint    type_mask;    /* 1 << TopTradeType for each type wanted */
  gboolean by_modified;  /* window on modified, newest first, rather than created */
  gint64   start_ms;     /* inclusive; 0 = open */
  gint64   end_ms;       /* inclusive; 0 = open */
  guint    page_no;      /* from 1 */
  guint    page_size;
} TopTradeQuery;

JsonArray  *top_shop_query_trades   (DdSandboxTopShop    *shop,
                                     const TopTradeQuery *query,
                                     GHashTable          *fields,
                                     const char          *base_url,
                                     guint64             *total);
JsonObject *top_shop_dup_trade_json (DdSandboxTopShop    *shop,
                                     gint64               tid,
                                     GHashTable          *fields,
                                     const char          *base_url);

/* ---- dd-sandbox-top-shop.c: changes ------------------------------------------------ */

/* taobao.trade.close's verdict. */
typedef enum
{
  TOP_CLOSE_OK,
  TOP_CLOSE_NO_TRADE,
  TOP_CLOSE_BAD_STATUS,
  TOP_CLOSE_TOO_FAST,
} TopCloseResult;

TopCloseResult top_shop_close_trade (DdSandboxTopShop    *shop,
                                     gint64               tid,
                                     gint64               now_ms,
                                     gint64              *modified_ms);

/* ---- dd-sandbox-top-pc.c (callers hold the lock) ---------------------------------- */

void        top_pc_generate            (DdSandboxTopShop *shop,
                                        guint             n_orders,
                                        gint64            now_ms);
void        top_pc_order_free          (gpointer          order);
/* A new order of our buyer with a fresh biz_order_id, no items yet. */
TopPcOrder *top_pc_order_new           (DdSandboxTopShop *shop);
/* @title and @sku_properties_name (may be NULL) are taken. */
void        top_pc_order_add_item      (TopPcOrder       *order,
                                        gint64            item_id,
                                        gint64            sku_id,
                                        guint             quantity,
                                        gint64            unit_price,
                                        char             *title,
                                        char             *sku_properties_name);
/* WAIT_BUYER_PAY … TRADE_CLOSED_BY_TAOBAO, with pay and logistics status. */
void        top_pc_order_set_status    (TopPcOrder       *order,
                                        guint             status);
/* Takes @order, created now, into the shop (post_fee from its items). */
void        top_pc_shop_add_order      (DdSandboxTopShop *shop,
                                        TopPcOrder       *order,
                                        gint64            now_ms);
gint64      top_pc_catalogue_price     (DdSandboxTopShop *shop,
                                        gint64            item_id);
char       *top_pc_catalogue_title     (DdSandboxTopShop *shop,
                                        gint64            item_id) G_GNUC_WARN_UNUSED_RESULT;
gboolean    top_pc_item_can_buy        (gint64            item_id);
gint64      top_pc_post_fee_for        (gint64            goods_fen);
JsonObject *top_pc_order_to_json       (DdSandboxTopShop *shop,
                                        const TopPcOrder *order,
                                        const char       *base_url);
/* {contract_no, out_order_id, biz_order_ids: {string: […]}} */
JsonObject *top_pc_place_order_to_json (const TopPcOrder *order);

/* ---- dd-sandbox-top.c: answering --------------------------------------------- */

/* error_response {code, msg, [sub_code, sub_msg,] request_id}. */
void      top_reply_error           (DdSandboxRequest *request,
                                     int               code,
                                     const char       *sub_code,
                                     const char       *sub_msg);
void      top_reply_missing         (DdSandboxRequest *request,
                                     const char       *name);
void      top_reply_invalid         (DdSandboxRequest *request,
                                     const char       *name,
                                     const char       *why);
/* {"<method minus taobao., dots → _>_response": @body + request_id}. */
void      top_reply_success         (DdSandboxRequest *request,
                                     const char       *method,
                                     JsonObject       *body);
/* A parameter's value, NULL when absent or empty. */
const char *top_param               (DdSandboxRequest *request,
                                     const char       *name);
/* A struct parameter: a JSON object in a string. NULL after answering 40
 * (absent, when @required) or 41 (not a JSON object); with @required FALSE
 * an absent parameter gives an empty object. */
JsonObject *top_struct_param        (DdSandboxRequest *request,
                                     const char       *name,
                                     gboolean          required);

/* The procurement methods (dd-sandbox-top-pc-api.c). */
void      top_pc_order_list         (DdSandbox        *self,
                                     DdSandboxRequest *request);
void      top_pc_order_detail       (DdSandbox        *self,
                                     DdSandboxRequest *request);
void      top_pc_order_render       (DdSandbox        *self,
                                     DdSandboxRequest *request);
void      top_pc_order_create       (DdSandbox        *self,
                                     DdSandboxRequest *request);
void      top_pc_order_cancel       (DdSandbox        *self,
                                     DdSandboxRequest *request);

G_END_DECLS
