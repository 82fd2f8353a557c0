/* dd-sandbox-shop-private.h: the shop's insides, shared by its two files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dd-sandbox-shop.c generates and changes the shop; dd-sandbox-shop-tw.c
 * renders it in Taiwan's JSON shapes. Both hold shop->lock around any use.
 */
#pragma once

#include "dd-sandbox-shop.h"
#include "dd-sandbox-shop-data.h"

G_BEGIN_DECLS

#define DAY_MS     (G_GINT64_CONSTANT (24) * 60 * 60 * 1000)
#define HISTORY_MS (90 * DAY_MS)
#define MAX_LINES  4

typedef enum
{
  ST_UNPAID,
  ST_PENDING,
  ST_READY_TO_SHIP,
  ST_SHIPPED,
  ST_DELIVERED,
  ST_CANCELED,
  ST_RETURNED,
  ST_FAILED,
  N_STATUSES
} ShopStatus;

static const char * const shop_statuses[N_STATUSES] = {
  "unpaid", "pending", "ready_to_ship", "shipped",
  "delivered", "canceled", "returned", "failed",
};

typedef struct
{
  gint64   line_id;       /* key of shop->lines */
  guint8   product;       /* index into shop_products */
  guint8   value[2];      /* index into each property's values */
  guint8   quantity;
  gboolean split_parcels; /* an untracked parcel first, as in the documentation */
} ShopLine;

typedef struct
{
  gint64      order_id;    /* key of shop->orders_by_id */
  gint64      created_ms;
  gint64      modified_ms;
  guint       buyer;       /* index into shop->buyers */
  guint8      status;      /* ShopStatus */
  guint8      channel;     /* index into shop_channels */
  guint8      store_word;
  guint8      n_lines;
  char       *detail_address;
  ShopLine    lines[MAX_LINES];
} ShopOrder;

typedef struct
{
  gint64  id;
  char   *nick;
  char   *receiver_name;  /* masked: 黃**雲 */
  char   *receiver_phone; /* masked: 09******62 */
  guint   place;          /* index into shop_places */
  char   *home_address;
} ShopBuyer;

struct _DdSandboxShop
{
  GMutex      lock;
  guint64     seed;
  guint64     rng;          /* splitmix64 state */
  gint64      created_ms;   /* the shop's "now" */
  char       *base_url;     /* "" until a server listens */
  char       *seller_id;
  gint64      product_ids[G_N_ELEMENTS (shop_products)];
  ShopBuyer  *buyers;
  guint       n_buyers;
  GPtrArray  *orders;       /* ShopOrder*, newest first (created desc, id desc) */
  GHashTable *orders_by_id; /* gint64* → ShopOrder* */
  GHashTable *lines;        /* gint64* (line id) → ShopOrder* */
};

/* splitmix64's finaliser: the one source of every derived number. */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint
order_goods (const ShopOrder *order)
{
  guint sum = 0;

  for (guint i = 0; i < order->n_lines; i++)
    sum += shop_products[order->lines[i].product].price * order->lines[i].quantity;
  return sum;
}

static inline guint
order_shipping_fee (const ShopOrder *order)
{
  return shop_channels[order->channel].shipping_fee;
}

static inline guint
order_actual_shipping_fee (const ShopOrder *order)
{
  if (shop_channels[order->channel].store_chain == NULL &&
      order_goods (order) >= SHOP_FREE_SHIPPING_FROM)
    return 0;
  return order_shipping_fee (order);
}

static inline ShopOrder *
lookup_order (DdSandboxShop *shop,
              const char    *order_id)
{
  guint64 id;

  if (order_id == NULL ||
      !g_ascii_string_to_unsigned (order_id, 10, 0, G_MAXINT64, &id, NULL))
    return NULL;
  return g_hash_table_lookup (shop->orders_by_id, &(gint64) { (gint64) id });
}

static inline int
status_from_string (const char *tw_status)
{
  for (guint i = 0; tw_status != NULL && i < N_STATUSES; i++)
    if (g_str_equal (tw_status, shop_statuses[i]))
      return (int) i;
  return -1;
}

G_END_DECLS
