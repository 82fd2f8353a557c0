/* dd-sandbox-shop.c: the sandbox's deterministic generated shop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything an order shows is derived from the shop's seed through a
 * private splitmix64 generator, so it is the same on every machine and GLib
 * version. Orders are kept compact (ids as integers, indexes into the word
 * lists of dd-sandbox-shop-data.h) and turned into the documentation's JSON
 * shapes only when a page asks for them: a shop of 100,000 orders costs a
 * few tens of megabytes and a page costs O(page) JSON.
 *
 * Amounts are whole TWD, as Taiwan serves them ("62"). As in the
 * documentation's example, a line's actual_fee includes the shipping it
 * carries: the first line carries the order's shipping, the others none; so
 * the order's actual_fee (what the buyer pays) = Σ unit_fee × quantity +
 * actual_shipping_fee = Σ line actual_fee.
 */
#include "config.h"

#include "dd-sandbox-shop-private.h"

/* Weights (out of 100) for orders of the last week, and older ones. */
static const guint recent_weights[N_STATUSES] = { 12, 18, 20, 20, 15, 8, 3, 4 };
static const guint old_weights[N_STATUSES]    = { 2, 3, 5, 10, 55, 13, 7, 5 };

/* ---- randomness ---------------------------------------------------------- */

static guint64
rng_next (guint64 *state)
{
  *state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return mix64 (*state);
}

static guint
rng_below (guint64 *state,
           guint    n)
{
  return n > 0 ? (guint) (rng_next (state) % n) : 0;
}

static guint
rng_weighted (guint64     *state,
              const guint *weights,
              guint        n)
{
  guint sum = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    sum += weights[i];
  r = rng_below (state, sum);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static guint
n_values (const ShopProperty *property)
{
  guint n = 0;

  while (property->values[n] != NULL)
    n++;
  return n;
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* ---- generation ---------------------------------------------------------- */

static gboolean
id_used (DdSandboxShop *shop,
         gint64         id)
{
  return g_hash_table_contains (shop->orders_by_id, &id) ||
         g_hash_table_contains (shop->lines, &id);
}

/* A fresh 12-digit id, unique among orders and lines. */
static gint64
new_id (DdSandboxShop *shop)
{
  gint64 id;

  do
    id = 100000000000 + (gint64) (rng_next (&shop->rng) % G_GUINT64_CONSTANT (900000000000));
  while (id_used (shop, id));
  return id;
}

static char *
make_address (DdSandboxShop *shop,
              guint          place_index)
{
  const ShopPlace *place = &shop_places[place_index];
  guint n_roads = g_strv_length ((char **) place->roads);
  const char *road = place->roads[rng_below (&shop->rng, n_roads)];
  guint number = 1 + rng_below (&shop->rng, 320);
  guint floor = rng_below (&shop->rng, 12);
  guint sub = rng_below (&shop->rng, 6);
  g_autofree char *sub_text = sub == 1 ? g_strdup_printf ("之%u", 1 + rng_below (&shop->rng, 3)) : g_strdup ("");
  g_autofree char *floor_text = floor > 1 ? g_strdup_printf ("%u樓", floor) : g_strdup ("");

  return g_strdup_printf ("%s%s%s%u%s號%s", place->city, place->area, road, number, sub_text, floor_text);
}

static void
make_buyers (DdSandboxShop *shop,
             guint          n_orders)
{
  shop->n_buyers = CLAMP (n_orders / 3, 40, 5000);
  shop->buyers = g_new0 (ShopBuyer, shop->n_buyers);

  for (guint i = 0; i < shop->n_buyers; i++)
    {
      ShopBuyer *buyer = &shop->buyers[i];
      const char *surname = shop_surnames[rng_below (&shop->rng, G_N_ELEMENTS (shop_surnames))];
      const char *given1 = shop_given_chars[rng_below (&shop->rng, G_N_ELEMENTS (shop_given_chars))];
      const char *given2 = shop_given_chars[rng_below (&shop->rng, G_N_ELEMENTS (shop_given_chars))];
      guint kind = rng_below (&shop->rng, 4);

      buyer->id = 2000000000000 + (gint64) rng_below (&shop->rng, 1000000000);
      if (kind == 0)
        {
          /* A Chinese buyer name. */
          buyer->nick = g_strconcat (surname, given1, given2, NULL);
        }
      else
        {
          const char *nick = shop_latin_nicks[rng_below (&shop->rng, G_N_ELEMENTS (shop_latin_nicks))];
          guint digits = rng_below (&shop->rng, 3) == 0 ? rng_below (&shop->rng, 1000) : G_MAXUINT;
          g_autofree char *suffix = digits != G_MAXUINT ? g_strdup_printf ("%u", digits) : g_strdup ("");

          /* The documentation's buyers end in a space ("abbyh "): half ours do. */
          buyer->nick = g_strconcat (nick, suffix, kind == 1 ? "" : " ", NULL);
        }
      buyer->receiver_name = g_strconcat (surname, "**", given2, NULL);
      buyer->receiver_phone = g_strdup_printf ("09******%02u", rng_below (&shop->rng, 100));
      buyer->place = rng_below (&shop->rng, G_N_ELEMENTS (shop_places));
      buyer->home_address = make_address (shop, buyer->place);
    }
}

/* Fills @order; @status is a ShopStatus or -1 for a weighted pick. */
static void
make_order (DdSandboxShop *shop,
            ShopOrder     *order,
            gint64         created_ms,
            gint64         now,
            int            status)
{
  gint64 age = now - created_ms;
  const ShopBuyer *buyer;

  order->order_id = new_id (shop);
  order->created_ms = created_ms;
  order->buyer = rng_below (&shop->rng, shop->n_buyers);
  buyer = &shop->buyers[order->buyer];

  if (status < 0)
    status = (int) rng_weighted (&shop->rng, age <= 7 * DAY_MS ? recent_weights : old_weights, N_STATUSES);
  order->status = (guint8) status;

  /* Cash on delivery is never "unpaid": only online channels wait for payment. */
  if (status == ST_UNPAID)
    order->channel = SHOP_N_COD_CHANNELS + rng_below (&shop->rng, G_N_ELEMENTS (shop_channels) - SHOP_N_COD_CHANNELS);
  else
    order->channel = rng_below (&shop->rng, G_N_ELEMENTS (shop_channels));
  order->store_word = rng_below (&shop->rng, G_N_ELEMENTS (shop_store_words));

  if (shop_channels[order->channel].store_chain != NULL)
    order->detail_address = make_address (shop, buyer->place);
  else
    order->detail_address = NULL; /* the buyer's home */

  order->n_lines = 1 + rng_weighted (&shop->rng, (const guint[]) { 55, 25, 13, 7 }, MAX_LINES);
  for (guint i = 0; i < order->n_lines; i++)
    {
      ShopLine *line = &order->lines[i];
      const ShopProduct *product;

      line->line_id = new_id (shop);
      /* Registered before the next id is drawn, so ids stay unique. */
      g_hash_table_insert (shop->lines, &line->line_id, order);
      line->product = rng_below (&shop->rng, G_N_ELEMENTS (shop_products));
      product = &shop_products[line->product];
      for (guint p = 0; p < 2; p++)
        line->value[p] = product->props[p] == PROP_NONE ? 0
                         : rng_below (&shop->rng, n_values (&shop_properties[product->props[p]]));
      line->quantity = 1 + rng_weighted (&shop->rng, (const guint[]) { 70, 20, 10 }, 3);
      line->split_parcels = rng_below (&shop->rng, 4) == 0;
    }

  /* Unpaid orders have not moved; the others did within a week. */
  if (status == ST_UNPAID || age <= 0)
    order->modified_ms = created_ms + MIN (age, (gint64) rng_below (&shop->rng, 10 * 60 * 1000));
  else
    order->modified_ms = created_ms + (gint64) (rng_next (&shop->rng) % (guint64) MIN (age, 7 * DAY_MS));
  order->modified_ms = MAX (order->modified_ms, created_ms);

  g_hash_table_insert (shop->orders_by_id, &order->order_id, order);
}

static void
order_free (gpointer data)
{
  ShopOrder *order = data;

  g_free (order->detail_address);
  g_free (order);
}

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const ShopOrder *x = *(const ShopOrder * const *) a;
  const ShopOrder *y = *(const ShopOrder * const *) b;

  if (x->created_ms != y->created_ms)
    return x->created_ms > y->created_ms ? -1 : 1;
  if (x->order_id != y->order_id)
    return x->order_id > y->order_id ? -1 : 1;
  return 0;
}

DdSandboxShop *
dd_sandbox_shop_new_at (guint64 seed,
                        guint   n_orders,
                        gint64  now)
{
  DdSandboxShop *shop = g_new0 (DdSandboxShop, 1);

  g_mutex_init (&shop->lock);
  shop->seed = seed;
  shop->rng = mix64 (seed ^ G_GUINT64_CONSTANT (0x64696E6764616E00));
  shop->created_ms = now;
  shop->base_url = g_strdup ("");
  shop->orders = g_ptr_array_new_full (n_orders, order_free);
  shop->orders_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  shop->lines = g_hash_table_new (g_int64_hash, g_int64_equal);

  shop->seller_id = g_strdup_printf ("2000%09u", rng_below (&shop->rng, 1000000000));
  for (guint i = 0; i < G_N_ELEMENTS (shop_products); i++)
    shop->product_ids[i] = 200000000 + (gint64) rng_below (&shop->rng, 800000000);
  make_buyers (shop, n_orders);

  for (guint i = 0; i < n_orders; i++)
    {
      ShopOrder *order = g_new0 (ShopOrder, 1);
      gint64 created = now - 1 - (gint64) (rng_next (&shop->rng) % (guint64) HISTORY_MS);

      /* The first few cover every status, so any shop of 8+ orders has them all. */
      make_order (shop, order, created, now, i < N_STATUSES ? (int) i : -1);
      g_ptr_array_add (shop->orders, order);
    }
  g_ptr_array_sort (shop->orders, compare_orders);

  return shop;
}

DdSandboxShop *
dd_sandbox_shop_new (guint64 seed,
                     guint   n_orders)
{
  return dd_sandbox_shop_new_at (seed, n_orders, now_ms ());
}

void
dd_sandbox_shop_free (DdSandboxShop *shop)
{
  if (shop == NULL)
    return;

  g_hash_table_unref (shop->orders_by_id);
  g_hash_table_unref (shop->lines);
  g_ptr_array_unref (shop->orders);
  for (guint i = 0; i < shop->n_buyers; i++)
    {
      g_free (shop->buyers[i].nick);
      g_free (shop->buyers[i].receiver_name);
      g_free (shop->buyers[i].receiver_phone);
      g_free (shop->buyers[i].home_address);
    }
  g_free (shop->buyers);
  g_free (shop->seller_id);
  g_free (shop->base_url);
  g_mutex_clear (&shop->lock);
  g_free (shop);
}

guint
dd_sandbox_shop_get_n_orders (DdSandboxShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (shop != NULL, 0);

  locker = g_mutex_locker_new (&shop->lock);
  return shop->orders->len;
}

void
dd_sandbox_shop_set_base_url (DdSandboxShop *shop,
                              const char    *base_url)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (shop != NULL);

  locker = g_mutex_locker_new (&shop->lock);
  g_free (shop->base_url);
  shop->base_url = g_strdup (base_url != NULL ? base_url : "");
}

guint
dd_sandbox_shop_add_orders (DdSandboxShop *shop,
                            guint          n)
{
  g_autoptr(GMutexLocker) locker = NULL;
  guint first;

  g_return_val_if_fail (shop != NULL, 0);

  locker = g_mutex_locker_new (&shop->lock);
  first = shop->orders->len;

  for (guint i = 0; i < n; i++)
    {
      ShopOrder *order = g_new0 (ShopOrder, 1);
      gint64 created = now_ms ();

      /* Strictly newest, even within one millisecond. */
      if (shop->orders->len > 0)
        created = MAX (created, ((ShopOrder *) g_ptr_array_index (shop->orders, 0))->created_ms + 1);
      make_order (shop, order, created, created, rng_below (&shop->rng, 2) == 0 ? ST_UNPAID : ST_PENDING);
      order->modified_ms = created;
      g_ptr_array_insert (shop->orders, 0, order);
    }

  return first;
}

gboolean
dd_sandbox_shop_is_tw_status (const char *tw_status)
{
  for (guint i = 0; tw_status != NULL && i < N_STATUSES; i++)
    if (g_str_equal (tw_status, shop_statuses[i]))
      return TRUE;
  return FALSE;
}

gboolean
dd_sandbox_shop_set_status (DdSandboxShop *shop,
                            const char    *order_id,
                            const char    *tw_status)
{
  g_autoptr(GMutexLocker) locker = NULL;
  ShopOrder *order;
  int status;

  g_return_val_if_fail (shop != NULL, FALSE);

  status = status_from_string (tw_status);
  locker = g_mutex_locker_new (&shop->lock);
  order = lookup_order (shop, order_id);
  if (order == NULL || status < 0)
    return FALSE;

  order->status = (guint8) status;
  order->modified_ms = MAX (now_ms (), order->modified_ms + 1);
  return TRUE;
}

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

GPtrArray *
dd_sandbox_shop_list_order_ids (DdSandboxShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *result;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), shop->orders->len);
  for (guint i = 0; i < shop->orders->len; i++)
    g_array_append_val (ids, ((ShopOrder *) g_ptr_array_index (shop->orders, i))->order_id);
  g_clear_pointer (&locker, g_mutex_locker_free);

  /* Every id has 12 digits: numeric order is string order. */
  g_array_sort (ids, compare_ids);
  result = g_ptr_array_new_full (ids->len, g_free);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (result, format_id (g_array_index (ids, gint64, i)));
  return result;
}

char *
dd_sandbox_shop_dup_order_id (DdSandboxShop *shop,
                              guint          position)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  if (position >= shop->orders->len)
    return NULL;
  return format_id (((ShopOrder *) g_ptr_array_index (shop->orders, position))->order_id);
}

gint64
dd_sandbox_shop_get_modification_time (DdSandboxShop *shop,
                                       const char    *order_id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  ShopOrder *order;

  g_return_val_if_fail (shop != NULL, -1);

  locker = g_mutex_locker_new (&shop->lock);
  order = lookup_order (shop, order_id);
  return order != NULL ? order->modified_ms : -1;
}

char *
dd_sandbox_shop_dup_status (DdSandboxShop *shop,
                            const char    *order_id)
{
  g_autoptr(GMutexLocker) locker = NULL;
  ShopOrder *order;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  order = lookup_order (shop, order_id);
  return order != NULL ? g_strdup (shop_statuses[order->status]) : NULL;
}
