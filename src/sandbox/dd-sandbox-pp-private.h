/* dd-sandbox-pp-private.h: the purchasing account's insides, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dd-sandbox-pp-shop.c generates the account and changes it (the state
 * machine of Taobao goods), dd-sandbox-pp-1688.c does the same for 1688
 * goods; dd-sandbox-pp-json.c renders the account in PandaPon's JSON
 * shapes; dd-sandbox-pp-call.c reads a call (envelope, headers, signature,
 * parameters) and dd-sandbox-pp.c answers each API.
 * The pp_shop_* functions below take the shop's lock themselves; the static
 * helpers of each file expect it held.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-sandbox-pp.h"
#include "dd-sandbox-pp-data.h"

G_BEGIN_DECLS

#define PP_MINUTE_MS (G_GINT64_CONSTANT (60) * 1000)
#define PP_HOUR_MS   (60 * PP_MINUTE_MS)
#define PP_DAY_MS    (24 * PP_HOUR_MS)

/* The envelope's codes (the table is in dd-sandbox-pp.c). */
#define PP_CODE_OK         200
#define PP_CODE_INVALID    400
#define PP_CODE_ACCESS_KEY 401
#define PP_CODE_SIGNATURE  402
#define PP_CODE_TIMESTAMP  403
#define PP_CODE_NOT_FOUND  404
#define PP_CODE_CONFLICT   409
#define PP_CODE_DUPLICATE  4091
#define PP_CODE_RATE_LIMIT 429

typedef enum
{
  PP_BULIDING,                /* sic, the platform's word */
  PP_WAIT_BUYER_PAY,
  PP_CANCELLING,
  PP_WAIT_SELLER_SEND_GOODS,
  PP_WAIT_BUYER_CONFIRM_GOODS,
  PP_TRADE_FINISHED,
  PP_TRADE_CLOSED,
  PP_N_STATUSES
} PpStatus;

typedef enum
{
  PP_UNPAID,
  PP_REVIEWING,               /* a payment voucher is under review */
  PP_PAID,
} PpPayStatus;

typedef enum
{
  PP_1688_WAIT_BUYER_PAY,
  PP_1688_WAIT_SELLER_SEND,
  PP_1688_WAIT_BUYER_RECEIVE,
  PP_1688_SUCCESS,
  PP_1688_CANCEL,
  PP_1688_N_STATUSES
} Pp1688Status;

typedef enum
{
  PP_REFUND_WAIT_SELLER_AGREE,
  PP_REFUND_SUCCESS,
  PP_REFUND_CLOSED,
} PpRefundStatus;

typedef struct
{
  char    *sub_order_id;
  char    *taobao_sub_purchase_id;
  char    *item_id;
  char    *sku_id;          /* NULL: the item has none */
  char    *title;
  guint    quantity;
  gint64   unit_fen;
  gint64   post_fee_fen;    /* the domestic shipping this line carries */
  gboolean off_shelf;       /* failed at creation: ITEM_OFF_SHELF */
} PpLine;

typedef struct
{
  char        *id;
  char        *order_no;
  char        *seller_order_number; /* the buyer's idempotency key; may be NULL */
  char        *order_source;
  char        *taobao_purchase_id;
  PpStatus     status;
  PpPayStatus  pay_status;
  gint64       created_ms;
  gint64       updated_ms;
  gint64       paid_ms;       /* 0: not paid */
  gint64       shipped_ms;    /* 0: not shipped */
  gint64       finished_ms;   /* 0: not finished */
  gint64       pending_ms;    /* cancel accepted / voucher uploaded; 0: none */
  char        *close_reason;
  char        *receiver;      /* the JSON string, as sent */
  char        *line_list;     /* orderLineList, the JSON string as sent */
  char        *dest_province; /* from the receiver, for logistics */
  char        *dest_city;
  char        *dest_district;
  guint        origin;        /* pp_places index the seller ships from */
  guint        carrier;       /* pp_carriers index */
  char        *mail_no;       /* once shipped */
  GPtrArray   *lines;         /* PpLine* */
} PpOrder;

typedef struct
{
  char    *sub_item_id;
  char    *offer_id;
  char    *spec_id;         /* NULL: none */
  char    *name;
  guint    quantity;
  gint64   unit_fen;
} Pp1688Item;

typedef struct
{
  char         *order_id;
  Pp1688Status  status;
  gint64        created_ms;
  gint64        modified_ms;
  gint64        paid_ms;      /* 0: not paid */
  gint64        post_fee_fen;
  char         *remark;
  char         *seller_login_id;
  char         *flow;
  char         *trade_type;
  JsonObject   *address;      /* addressParam, as sent */
  GPtrArray    *items;        /* Pp1688Item* */
} Pp1688Order;

typedef struct
{
  char           *refund_id;
  PpOrder        *order;      /* owned by the shop; orders are never removed */
  guint           line;
  PpRefundStatus  status;
  const char     *reason;
  gint64          amount_fen;
  gint64          created_ms;
  gint64          updated_ms;
} PpRefund;

struct _DdSandboxPpShop
{
  GMutex      lock;
  guint64     rng;              /* splitmix64 state */
  char       *develop_id;
  char       *item_ids[G_N_ELEMENTS (pp_products)];
  char       *offer_ids[G_N_ELEMENTS (pp_offers)];
  GPtrArray  *orders;           /* PpOrder*, newest first (createTime desc, orderNo desc) */
  GHashTable *orders_by_no;     /* orderNo → PpOrder* */
  GHashTable *orders_by_key;    /* sellerOrderNumber → PpOrder* */
  GHashTable *sub_orders;       /* subOrderId and taobaoSubPurchaseId → PpOrder* */
  GHashTable *pending;          /* PpOrder* set: cancel or voucher review to settle */
  GPtrArray  *orders_1688;      /* Pp1688Order*, newest first */
  GHashTable *orders_1688_by_id;
  GPtrArray  *refunds;          /* PpRefund*, newest first */
  GHashTable *refunds_by_id;
  GHashTable *used_ids;         /* every id handed out (char* set) */
  GHashTable *nonces;           /* nonce-str → seen at (ms), inside the window */
  GQueue      nonce_order;      /* the same nonces, oldest first */
};

/* One line of a Taobao-goods order to create (strings borrowed). */
typedef struct
{
  const char *item_id;
  const char *sku_id;         /* NULL or "": none */
  guint       quantity;
  gint64      unit_fen;
} PpNewLine;

/* One cargo of a 1688 order to create (strings borrowed). */
typedef struct
{
  const char *offer_id;
  const char *spec_id;        /* NULL: none */
  guint       quantity;
} PpNewCargo;

/* One call being answered. */
typedef struct
{
  DdSandbox        *self;
  DdSandboxPpShop  *shop;
  DdSandboxRequest *request;
  JsonObject       *body;     /* a POST's JSON object, once read; NULL for GET */
  GPtrArray        *strings;  /* ids given as integers, formatted */
} PpCall;

/* ---- dd-sandbox-pp-call.c ------------------------------------------------- */

/* The envelope, HTTP 200: @data taken (NULL: null). */
void         pp_reply                   (PpCall          *call,
                                         int              code,
                                         const char      *msg,
                                         JsonNode        *data);
void         pp_reply_ok                (PpCall          *call,
                                         JsonNode        *data);
/* 400 naming the parameter. */
void         pp_reply_invalid           (PpCall          *call,
                                         const char      *name,
                                         const char      *why);
void         pp_reply_missing           (PpCall          *call,
                                         const char      *name);
/* A shop call's code (200, 404, 409) with its data or words about @what. */
void         pp_reply_result            (PpCall          *call,
                                         int              code,
                                         JsonNode        *data,
                                         const char      *what);

/* The headers, timestamp, signature and nonce; FALSE after answering. */
gboolean     pp_check_headers           (PpCall          *call);
/* Records @nonce; FALSE if it was seen within the window (a replay). */
gboolean     pp_shop_use_nonce          (DdSandboxPpShop *shop,
                                         const char      *nonce,
                                         gint64           now_ms);

/* Parameters, from the JSON body (once read) or the query. Each answers
 * 400 and returns FALSE when the parameter is malformed (or required and
 * absent); @out is NULL / the fallback when it is absent. */
gboolean     pp_read_json_body          (PpCall          *call);
gboolean     pp_text_param              (PpCall          *call,
                                         const char      *name,
                                         gboolean         required,
                                         const char     **out);
gboolean     pp_id_param                (PpCall          *call,
                                         const char      *name,
                                         const char     **out);
gboolean     pp_uint_param              (PpCall          *call,
                                         const char      *name,
                                         guint            fallback,
                                         guint            min,
                                         guint            max,
                                         guint           *out);
gboolean     pp_ms_param                (PpCall          *call,
                                         const char      *name,
                                         gint64          *out);

/* JSON helpers: a whole number in [0, @max] as an integer or digit string;
 * a member that is absent, null or a string (FALSE for other types; @out
 * NULL when absent, null or empty). */
gboolean     pp_node_is_string          (JsonNode        *node);
gboolean     pp_node_is_int             (JsonNode        *node);
gboolean     pp_node_to_count           (JsonNode        *node,
                                         gint64           max,
                                         gint64          *out);
gboolean     pp_member_string           (JsonObject      *object,
                                         const char      *name,
                                         const char     **out);
/* 1 to @max_len ASCII digits. */
gboolean     pp_is_digits               (const char      *text,
                                         gsize            max_len);

/* ---- dd-sandbox-pp-shop.c ------------------------------------------------- */

/* Lock held: the account's randomness (splitmix64 from the seed) and ids:
 * @lead followed by random digits, @n_digits in all, never handed out before. */
guint        pp_rng_below               (DdSandboxPpShop *shop,
                                         guint            n);
guint        pp_rng_weighted            (DdSandboxPpShop *shop,
                                         const guint     *weights,
                                         guint            n);
gint64       pp_rng_between             (DdSandboxPpShop *shop,
                                         gint64           min,
                                         gint64           max);
char        *pp_new_id                  (DdSandboxPpShop *shop,
                                         const char      *lead,
                                         guint            n_digits);
/* A mainland mobile number, masked as listings show it ("150****3421") or not. */
char        *pp_new_mobile              (DdSandboxPpShop *shop,
                                         gboolean         masked);
/* Inserts @item into @array (sorted by @compare) where it belongs. */
void         pp_insert_sorted           (GPtrArray       *array,
                                         gpointer         item,
                                         GCompareFunc     compare);

/* Lock held: completes pending work due at @now_ms (2 s after it began). */
void         pp_shop_settle_locked      (DdSandboxPpShop *shop,
                                         gint64           now_ms);
/* Lock held: the next update time of @order, strictly later than before. */
gint64       pp_shop_touch_locked       (PpOrder         *order,
                                         gint64           now_ms);

const char  *pp_shop_get_develop_id     (DdSandboxPpShop *shop);

/* Writes: each returns an envelope code and, on 200 (and 4091), @data. */
int          pp_shop_create_order       (DdSandboxPpShop *shop,
                                         const char      *seller_order_number,
                                         const char      *order_source,
                                         const char      *receiver,
                                         JsonObject      *receiver_object,
                                         const char      *line_list,
                                         const PpNewLine *lines,
                                         guint            n_lines,
                                         gint64           now_ms,
                                         JsonNode       **data);
int          pp_shop_cancel_order       (DdSandboxPpShop *shop,
                                         const char      *order_no,
                                         const char      *reason,
                                         gint64           now_ms,
                                         JsonNode       **data);
int          pp_shop_pay_order          (DdSandboxPpShop *shop,
                                         const char      *order_no,
                                         gint64           now_ms,
                                         JsonNode       **data);
int          pp_shop_upload_voucher     (DdSandboxPpShop *shop,
                                         const char      *order_no,
                                         gint64           now_ms,
                                         JsonNode       **data);
int          pp_shop_cancel_refund      (DdSandboxPpShop *shop,
                                         const char      *refund_id,
                                         gint64           now_ms,
                                         JsonNode       **data);
int          pp_shop_create_1688        (DdSandboxPpShop  *shop,
                                         const char       *flow,
                                         const char       *trade_type,
                                         const char       *message,
                                         JsonObject       *address,
                                         const PpNewCargo *cargos,
                                         guint             n_cargos,
                                         gint64            now_ms,
                                         JsonNode        **data);
int          pp_shop_cancel_1688        (DdSandboxPpShop *shop,
                                         const char      *order_id,
                                         gint64           now_ms,
                                         JsonNode       **data);
/* Serving the pay page: 200 paid now, 409 already paid or closed, 404. */
int          pp_shop_pay_1688           (DdSandboxPpShop *shop,
                                         const char      *order_id,
                                         gint64           now_ms);

/* ---- dd-sandbox-pp-1688.c ------------------------------------------------- */

const char  *pp_1688_status_to_string   (Pp1688Status status);
int          pp_1688_status_from_string (const char  *word);

void         pp_1688_order_free         (gpointer         order);
/* Generates @n_orders orders as of @now_ms (the first ones in every
 * status) and adds them (at creation, no lock needed). */
void         pp_1688_generate           (DdSandboxPpShop *shop,
                                         guint            n_orders,
                                         gint64           now_ms);
/* Lock held: modifyTime strictly later than before. */
void         pp_1688_touch              (Pp1688Order     *order,
                                         gint64           now_ms);

/* ---- dd-sandbox-pp-json.c ------------------------------------------------- */

const char  *pp_status_to_string        (PpStatus     status);
int          pp_status_from_string      (const char  *word);
const char  *pp_pay_status_to_string    (PpPayStatus  status);
const char  *pp_refund_status_to_string (PpRefundStatus status);

/* Lock held: the detail object, the create answer's data, a 1688 detail. */
JsonObject  *pp_order_to_json           (const PpOrder     *order);
JsonObject  *pp_order_to_create_json    (const PpOrder     *order);
JsonObject  *pp_1688_order_to_json      (const Pp1688Order *order);
gint64       pp_1688_order_total        (const Pp1688Order *order);

/* Reads (they settle pending work first); 200 or 404/409 with @data unset. */
JsonNode    *pp_shop_order_page         (DdSandboxPpShop *shop,
                                         int              status,
                                         gint64           update_start_ms,
                                         gint64           update_end_ms,
                                         guint            page,
                                         guint            page_size,
                                         gint64           now_ms);
int          pp_shop_order_detail       (DdSandboxPpShop *shop,
                                         const char      *order_no,
                                         gint64           now_ms,
                                         JsonNode       **data);
int          pp_shop_logistics          (DdSandboxPpShop *shop,
                                         const char      *sub_order_id,
                                         gint64           now_ms,
                                         JsonNode       **data);
JsonNode    *pp_shop_refund_page        (DdSandboxPpShop *shop,
                                         guint            page,
                                         guint            page_size);
int          pp_shop_1688_detail        (DdSandboxPpShop *shop,
                                         const char      *order_id,
                                         JsonNode       **data);
/* 200 with the order unpaid (@data: payUrl for @base_url), 409, 404. */
int          pp_shop_1688_pay_url       (DdSandboxPpShop *shop,
                                         const char      *order_id,
                                         const char      *base_url,
                                         JsonNode       **data);

/* "yyyy-MM-dd HH:mm:ss" in Beijing time (UTC+8), as PandaPon's strings. */
char        *pp_format_beijing          (gint64           ms);

static inline JsonNode *
pp_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

G_END_DECLS
