/* dd-sandbox-top-shop.c: the TOP seller's generated trades
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the Taiwan shop (dd-sandbox-shop.c), everything is derived from the
 * seed through a private splitmix64 generator and kept compact (ids as
 * integers, indexes into the word lists), and a trade becomes JSON only when
 * a page shows it (dd-sandbox-top-trades.c): 100,000 trades cost a few tens
 * of megabytes.
 *
 * Ids: about 60 % of the trades have 19-digit tids (3.5 × 10^18, far above
 * 2^53, as today's Taobao tids are), the others 16-digit ones below 2^53. As
 * on Taobao, the order (oid) of a one-item trade has the trade's own id;
 * the orders of a multi-item trade have their own ids of the same size.
 *
 * Money is fen, served as yuan strings ("66.69"): an order's total_fee =
 * payment = price × num; the trade's total_fee = Σ orders, payment =
 * total_fee + post_fee. Times are whole seconds, served as Beijing time.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-top-private.h"

#define RECENT_MS    (3 * TOP_DAY_MS) /* unpaid trades are closed after three days */

/* Generated statuses (the first nine TopStatus values), for trades of the
 * last three days and older ones. */
static const guint recent_weights[] = { 2, 14, 25, 3, 25, 3, 8, 17, 3 };
static const guint old_weights[]    = { 0, 0, 2, 1, 10, 3, 66, 15, 3 };
#define N_GENERATED_STATUSES G_N_ELEMENTS (recent_weights)
G_STATIC_ASSERT (G_N_ELEMENTS (old_weights) == N_GENERATED_STATUSES);

/* ---- randomness and small helpers ---------------------------------------------- */

guint64
top_rng_next (DdSandboxTopShop *shop)
{
  shop->rng += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return top_mix64 (shop->rng);
}

guint
top_rng_below (DdSandboxTopShop *shop,
               guint             n)
{
  return n > 0 ? (guint) (top_rng_next (shop) % n) : 0;
}

guint
top_rng_weighted (DdSandboxTopShop *shop,
                  const guint      *weights,
                  guint             n)
{
  guint sum = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    sum += weights[i];
  r = top_rng_below (shop, sum);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

/* A random span in [@min_ms, @max_ms). */
static gint64
rng_span (DdSandboxTopShop *shop,
          gint64            min_ms,
          gint64            max_ms)
{
  return min_ms + (gint64) (top_rng_next (shop) % (guint64) (max_ms - min_ms));
}

char *
top_to_simplified (const char *traditional)
{
  GString *out = g_string_new (NULL);

  for (const char *p = traditional; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *found = g_utf8_strchr (top_traditional, -1, c);

      if (found != NULL)
        c = g_utf8_get_char (g_utf8_offset_to_pointer (top_simplified,
                                                       g_utf8_pointer_to_offset (top_traditional, found)));
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
top_format_time (gint64 ms)
{
  g_autoptr(GDateTime) time = NULL;

  /* Beijing's wall clock is UTC shifted by eight hours, whatever the
   * machine's own zone. */
  time = g_date_time_new_from_unix_utc (ms / 1000 + TOP_UTC_OFFSET_S);
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

gint64
top_parse_time (const char *text)
{
  static const char shape[] = "dddd-dd-dd dd:dd:dd";
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute, second;

  if (text == NULL || strlen (text) != strlen (shape))
    return -1;
  for (gsize i = 0; shape[i] != '\0'; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return -1;

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  hour = atoi (text + 11);
  minute = atoi (text + 14);
  second = atoi (text + 17);
  if (year < 1970 || second > 59)
    return -1;
  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL)
    return -1;
  return (g_date_time_to_unix (time) - TOP_UTC_OFFSET_S) * 1000;
}

char *
top_format_yuan (gint64 fen)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

char *
top_image_url (const char *base_url,
               gint64      num_iid)
{
  return g_strdup_printf ("%s/img/%" G_GINT64_FORMAT ".png", base_url != NULL ? base_url : "", num_iid);
}

gint64
top_line_sku_id (DdSandboxTopShop *shop,
                 const TopLine    *line)
{
  /* 13 digits, like Taobao's SKU ids ("4xxxxxxxxxxxx"). */
  return 4000000000000 + (shop->num_iids[line->product] % 100000000000) * 10 +
         line->value[0] * 3 + line->value[1];
}

char *
top_line_properties (DdSandboxTopShop *shop,
                     const TopLine    *line)
{
  const ShopProduct *product = &shop_products[line->product];
  GString *out = g_string_new (NULL);

  for (guint p = 0; p < 2; p++)
    {
      if (product->props[p] == PROP_NONE)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ';');
      g_string_append_printf (out, "%s:%s", top_property_names[product->props[p]],
                              shop->values[product->props[p]][line->value[p]]);
    }
  return g_string_free (out, FALSE);
}

/* ---- statuses --------------------------------------------------------------------- */

static int
status_from_string (const char *status)
{
  for (guint i = 0; status != NULL && i < N_TOP_STATUSES; i++)
    if (g_str_equal (status, top_statuses[i]))
      return (int) i;
  return -1;
}

/* ---- generation --------------------------------------------------------------------- */

static gboolean
id_used (DdSandboxTopShop *shop,
         gint64            id)
{
  return g_hash_table_contains (shop->oids, &id);
}

/* A fresh id: 19 digits above 2^53 when @big, else 16 digits below it. */
static gint64
new_id (DdSandboxTopShop *shop,
        gboolean          big)
{
  gint64 id;

  do
    {
      guint64 r = top_rng_next (shop);

      if (big)
        id = G_GINT64_CONSTANT (3500000000000000000) + (gint64) (r % G_GUINT64_CONSTANT (100000000000000000));
      else
        id = G_GINT64_CONSTANT (1000000000000000) + (gint64) (r % G_GUINT64_CONSTANT (8000000000000000));
    }
  while (id_used (shop, id));
  return id;
}

static void
make_buyers (DdSandboxTopShop *shop,
             guint             n_trades)
{
  shop->n_buyers = CLAMP (n_trades / 3, 40, 5000);
  shop->buyers = g_new0 (TopBuyer, shop->n_buyers);

  for (guint i = 0; i < shop->n_buyers; i++)
    {
      TopBuyer *buyer = &shop->buyers[i];
      const TopPlace *place;
      g_autofree char *surname = top_to_simplified (shop_surnames[top_rng_below (shop, G_N_ELEMENTS (shop_surnames))]);
      g_autofree char *given1 = top_to_simplified (shop_given_chars[top_rng_below (shop, G_N_ELEMENTS (shop_given_chars))]);
      g_autofree char *given2 = top_to_simplified (shop_given_chars[top_rng_below (shop, G_N_ELEMENTS (shop_given_chars))]);
      guint kind = top_rng_below (shop, 3);
      guint n_roads;

      if (kind == 0)
        buyer->nick = g_strdup_printf ("tb%09u", top_rng_below (shop, 1000000000)); /* Taobao's default nick */
      else if (kind == 1)
        buyer->nick = g_strconcat (surname, given1, given2, NULL);
      else
        buyer->nick = g_strdup_printf ("%s%u", shop_latin_nicks[top_rng_below (shop, G_N_ELEMENTS (shop_latin_nicks))],
                                       top_rng_below (shop, 10000));

      buyer->receiver_name = g_strconcat (surname, "**", NULL);
      buyer->receiver_mobile = g_strdup_printf ("%s****%04u",
                                                top_mobile_prefixes[top_rng_below (shop, G_N_ELEMENTS (top_mobile_prefixes))],
                                                top_rng_below (shop, 10000));
      buyer->place = top_rng_below (shop, G_N_ELEMENTS (top_places));
      place = &top_places[buyer->place];
      n_roads = g_strv_length ((char **) place->roads);
      buyer->receiver_address = g_strconcat (place->roads[top_rng_below (shop, n_roads)], "**号", NULL);
    }
}

static void
make_lines (DdSandboxTopShop *shop,
            TopTrade         *trade,
            gboolean          big)
{
  for (guint i = 0; i < trade->n_lines; i++)
    {
      TopLine *line = &trade->lines[i];
      const ShopProduct *product;

      line->oid = trade->n_lines == 1 ? trade->tid : new_id (shop, big);
      /* Registered before the next id is drawn, so ids stay unique. */
      g_hash_table_insert (shop->oids, &line->oid, trade);
      line->product = top_rng_below (shop, G_N_ELEMENTS (shop_products));
      product = &shop_products[line->product];
      for (guint p = 0; p < 2; p++)
        line->value[p] = product->props[p] == PROP_NONE ? 0
                         : top_rng_below (shop, g_strv_length (shop->values[product->props[p]]));
      line->quantity = 1 + top_rng_weighted (shop, (const guint[]) { 72, 18, 10 }, 3);
    }
}

/* Moves @t on by a random span in [@min_ms, @max_ms); FALSE if that is
 * later than @now (the step has not happened yet). */
static gboolean
step (DdSandboxTopShop *shop,
      gint64           *t,
      gint64            min_ms,
      gint64            max_ms,
      gint64            now)
{
  *t += rng_span (shop, min_ms, max_ms);
  return *t <= now;
}

/* Lives the trade's life from its creation towards its status, stamping
 * each step; a step that would come after @now has not happened, and the
 * trade stays where it was (so young trades are mostly early in life). */
static void
make_times (DdSandboxTopShop *shop,
            TopTrade         *trade,
            gint64            now)
{
  guint goal = trade->status;
  gint64 t = trade->created_ms;

  trade->modified_ms = t;
  if (top_status_is_unpaid (goal))
    return;

  if (goal == TS_CLOSED_BY_TAOBAO || (goal == TS_CLOSED && top_rng_below (shop, 3) != 0))
    {
      /* Never paid: closed by the seller or, after three days, by Taobao. */
      if (goal == TS_CLOSED_BY_TAOBAO ? (t += RECENT_MS) > now
                                      : !step (shop, &t, 3600 * 1000, RECENT_MS, now))
        {
          trade->status = TS_WAIT_BUYER_PAY;
          return;
        }
      trade->end_ms = trade->modified_ms = top_whole_seconds (t);
      return;
    }

  if (trade->type != TT_COD)
    {
      if (!step (shop, &t, 30 * 1000, 30 * 60 * 1000, now))
        {
          trade->status = TS_WAIT_BUYER_PAY;
          return;
        }
      trade->pay_ms = trade->modified_ms = top_whole_seconds (t);
    }

  if (goal == TS_CLOSED)
    {
      /* Paid, then refunded in full. */
      if (!step (shop, &t, 3600 * 1000, 5 * TOP_DAY_MS, now))
        trade->status = TS_WAIT_SELLER_SEND_GOODS;
      else
        trade->end_ms = trade->modified_ms = top_whole_seconds (t);
      return;
    }
  if (!top_status_is_shipped (goal))
    return;

  if (!step (shop, &t, 2 * 3600 * 1000, 2 * TOP_DAY_MS, now))
    {
      trade->status = TS_WAIT_SELLER_SEND_GOODS;
      return;
    }
  trade->consign_ms = trade->modified_ms = top_whole_seconds (t);
  if (goal != TS_BUYER_SIGNED && goal != TS_FINISHED)
    return;

  /* Received: signed for (cash on delivery), or confirmed (finished). */
  if (!step (shop, &t, TOP_DAY_MS, 4 * TOP_DAY_MS, now))
    {
      trade->status = TS_WAIT_BUYER_CONFIRM_GOODS;
      return;
    }
  trade->modified_ms = top_whole_seconds (t);
  if (goal == TS_FINISHED && trade->type == TT_COD)
    {
      if (!step (shop, &t, 3600 * 1000, 3 * TOP_DAY_MS, now))
        {
          trade->status = TS_BUYER_SIGNED;
          return;
        }
      trade->modified_ms = top_whole_seconds (t);
    }
  if (goal == TS_FINISHED)
    trade->end_ms = trade->modified_ms;
}

/* Fills @trade; @status is a TopStatus or -1 for a weighted pick, @type a
 * TopTradeType or -1 for mostly "fixed", some "cod" and a few "eticket". */
static void
make_trade (DdSandboxTopShop *shop,
            TopTrade         *trade,
            gint64            created_ms,
            gint64            now,
            int               status,
            int               type)
{
  gboolean big = top_rng_below (shop, 5) < 3;
  guint type_pick = top_rng_below (shop, 100);

  trade->tid = new_id (shop, big);
  g_hash_table_insert (shop->trades_by_tid, &trade->tid, trade);
  g_hash_table_insert (shop->oids, &trade->tid, trade);
  trade->created_ms = top_whole_seconds (created_ms);
  trade->buyer = top_rng_below (shop, shop->n_buyers);
  if (type < 0)
    type = type_pick < 90 ? TT_FIXED : type_pick < 98 ? TT_COD : TT_ETICKET;
  trade->type = (guint8) type;

  if (status < 0)
    status = (int) top_rng_weighted (shop, now - created_ms <= RECENT_MS ? recent_weights : old_weights,
                                 N_GENERATED_STATUSES);
  /* Cash on delivery is paid to the courier: never waiting for payment; only
   * it is "signed for" before it finishes. */
  if (trade->type == TT_COD && top_status_is_unpaid ((guint) status))
    status = TS_WAIT_SELLER_SEND_GOODS;
  if (trade->type != TT_COD && status == TS_BUYER_SIGNED)
    status = TS_FINISHED;
  trade->status = (guint8) status;

  trade->post_fee = trade->type == TT_ETICKET ? 0 : top_rng_below (shop, G_N_ELEMENTS (top_post_fees));
  trade->courier = top_rng_below (shop, G_N_ELEMENTS (top_couriers));
  trade->n_lines = 1 + top_rng_weighted (shop, (const guint[]) { 60, 25, 10, 5 }, TOP_MAX_LINES);
  if (trade->status == TS_SELLER_CONSIGNED_PART)
    trade->n_lines = MAX (trade->n_lines, 2);
  make_lines (shop, trade, big);
  make_times (shop, trade, top_whole_seconds (now));
}

int
top_compare_trades (gconstpointer a,
                    gconstpointer b)
{
  const TopTrade *x = *(const TopTrade * const *) a;
  const TopTrade *y = *(const TopTrade * const *) b;

  if (x->created_ms != y->created_ms)
    return x->created_ms > y->created_ms ? -1 : 1;
  if (x->tid != y->tid)
    return x->tid > y->tid ? -1 : 1;
  return 0;
}

DdSandboxTopShop *
dd_sandbox_top_shop_new (guint64 seed,
                         guint   n_trades,
                         guint   n_pc_orders,
                         gint64  now_ms)
{
  DdSandboxTopShop *shop = g_new0 (DdSandboxTopShop, 1);

  g_mutex_init (&shop->lock);
  shop->seed = seed;
  shop->rng = top_mix64 (seed ^ G_GUINT64_CONSTANT (0x746F702D73686F70)); /* "top-shop" */
  shop->created_ms = now_ms;
  shop->trades = g_ptr_array_new_full (n_trades, g_free);
  shop->trades_by_tid = g_hash_table_new (g_int64_hash, g_int64_equal);
  shop->oids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < G_N_ELEMENTS (shop_products); i++)
    {
      shop->titles[i] = top_to_simplified (shop_products[i].title);
      shop->num_iids[i] = 520000000000 + (gint64) (top_rng_next (shop) % 200000000000);
    }
  for (guint p = 0; p < G_N_ELEMENTS (shop_properties); p++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint v = 0; shop_properties[p].values[v] != NULL; v++)
        {
          g_autofree char *value = top_to_simplified (shop_properties[p].values[v]);

          g_strv_builder_add (builder, value);
        }
      shop->values[p] = g_strv_builder_end (builder);
    }
  make_buyers (shop, n_trades);

  for (guint i = 0; i < n_trades; i++)
    {
      TopTrade *trade = g_new0 (TopTrade, 1);
      int status = i < N_GENERATED_STATUSES ? (int) i : -1;
      gint64 age = 1000 + (gint64) (top_rng_next (shop) % (guint64) (TOP_HISTORY_MS - TOP_DAY_MS));

      /* The first few cover every generated status: unpaid ones are recent,
       * the others old enough to have got there. */
      if (status >= 0 && top_status_is_unpaid ((guint) status))
        age = 1000 + age % RECENT_MS;
      else if (status >= 0)
        age = 15 * TOP_DAY_MS + age % (TOP_HISTORY_MS - 16 * TOP_DAY_MS);
      make_trade (shop, trade, now_ms - age, now_ms, status,
                  status < 0 ? -1 : status == TS_BUYER_SIGNED ? TT_COD : TT_FIXED);
      g_ptr_array_add (shop->trades, trade);
    }
  g_ptr_array_sort (shop->trades, top_compare_trades);

  shop->pc_orders = g_ptr_array_new_full (n_pc_orders, top_pc_order_free);
  shop->pc_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  shop->pc_by_out_id = g_hash_table_new (g_str_hash, g_str_equal);
  top_pc_generate (shop, n_pc_orders, now_ms);

  return shop;
}

void
dd_sandbox_top_shop_free (DdSandboxTopShop *shop)
{
  if (shop == NULL)
    return;

  g_hash_table_unref (shop->pc_by_id);
  g_hash_table_unref (shop->pc_by_out_id);
  g_ptr_array_unref (shop->pc_orders);
  g_hash_table_unref (shop->trades_by_tid);
  g_hash_table_unref (shop->oids);
  g_ptr_array_unref (shop->trades);
  for (guint i = 0; i < shop->n_buyers; i++)
    {
      g_free (shop->buyers[i].nick);
      g_free (shop->buyers[i].receiver_name);
      g_free (shop->buyers[i].receiver_mobile);
      g_free (shop->buyers[i].receiver_address);
    }
  g_free (shop->buyers);
  for (guint i = 0; i < G_N_ELEMENTS (shop->titles); i++)
    g_free (shop->titles[i]);
  for (guint i = 0; i < G_N_ELEMENTS (shop->values); i++)
    g_strfreev (shop->values[i]);
  g_mutex_clear (&shop->lock);
  g_free (shop);
}

/* ---- changes ---------------------------------------------------------------------- */

/* Under lock. */
static void
touch (TopTrade *trade,
       gint64    now_ms)
{
  trade->modified_ms = MAX (top_whole_seconds (now_ms), trade->modified_ms + TOP_SECOND_MS);
}

TopCloseResult
top_shop_close_trade (DdSandboxTopShop *shop,
                      gint64            tid,
                      gint64            now_ms,
                      gint64           *modified_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&shop->lock);
  TopTrade *trade = g_hash_table_lookup (shop->trades_by_tid, &tid);

  if (trade == NULL)
    return TOP_CLOSE_NO_TRADE;
  if (trade->status != TS_WAIT_BUYER_PAY && trade->status != TS_NO_CREATE_PAY)
    return TOP_CLOSE_BAD_STATUS;
  if (now_ms - trade->created_ms < 10 * TOP_SECOND_MS)
    return TOP_CLOSE_TOO_FAST;

  trade->status = TS_CLOSED;
  touch (trade, now_ms);
  trade->end_ms = trade->modified_ms;
  *modified_ms = trade->modified_ms;
  return TOP_CLOSE_OK;
}

static TopTrade *
lookup_trade (DdSandboxTopShop *shop,
              const char       *tid)
{
  guint64 id;

  if (tid == NULL || !g_ascii_string_to_unsigned (tid, 10, 0, G_MAXINT64, &id, NULL))
    return NULL;
  return g_hash_table_lookup (shop->trades_by_tid, &(gint64) { (gint64) id });
}

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* ---- test helpers ------------------------------------------------------------------ */

guint
dd_sandbox_top_shop_get_n_trades (DdSandboxTopShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (shop != NULL, 0);

  locker = g_mutex_locker_new (&shop->lock);
  return shop->trades->len;
}

char *
dd_sandbox_top_shop_add_trade (DdSandboxTopShop *shop,
                               gint64            now_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopTrade *trade;
  guint low = 0;
  guint high;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  trade = g_new0 (TopTrade, 1);
  make_trade (shop, trade, now_ms, now_ms, TS_WAIT_BUYER_PAY, TT_FIXED);

  /* Keep the listing sorted: binary search for the place. */
  high = shop->trades->len;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (top_compare_trades (&shop->trades->pdata[mid], &trade) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  g_ptr_array_insert (shop->trades, (gint) low, trade);
  return format_id (trade->tid);
}

gboolean
dd_sandbox_top_shop_set_status (DdSandboxTopShop *shop,
                                const char       *tid,
                                const char       *status,
                                gint64            now_ms)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopTrade *trade;
  int value;

  g_return_val_if_fail (shop != NULL, FALSE);

  value = status_from_string (status);
  locker = g_mutex_locker_new (&shop->lock);
  trade = lookup_trade (shop, tid);
  if (trade == NULL || value < 0)
    return FALSE;

  trade->status = (guint8) value;
  touch (trade, now_ms);
  if (top_status_is_unpaid (trade->status))
    trade->pay_ms = trade->consign_ms = trade->end_ms = 0;
  else if (trade->pay_ms == 0 && trade->type != TT_COD &&
           trade->status != TS_CLOSED && trade->status != TS_CLOSED_BY_TAOBAO)
    trade->pay_ms = trade->modified_ms;
  if (top_status_is_shipped (trade->status) && trade->consign_ms == 0)
    trade->consign_ms = trade->modified_ms;
  if (top_status_is_ended (trade->status))
    trade->end_ms = trade->modified_ms;
  return TRUE;
}

char *
dd_sandbox_top_shop_dup_status (DdSandboxTopShop *shop,
                                const char       *tid)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopTrade *trade;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  trade = lookup_trade (shop, tid);
  return trade != NULL ? g_strdup (top_statuses[trade->status]) : NULL;
}

gint64
dd_sandbox_top_shop_get_modified_ms (DdSandboxTopShop *shop,
                                     const char       *tid)
{
  g_autoptr(GMutexLocker) locker = NULL;
  TopTrade *trade;

  g_return_val_if_fail (shop != NULL, -1);

  locker = g_mutex_locker_new (&shop->lock);
  trade = lookup_trade (shop, tid);
  return trade != NULL ? trade->modified_ms : -1;
}

char *
dd_sandbox_top_shop_dup_tid (DdSandboxTopShop *shop,
                             guint             position)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  if (position >= shop->trades->len)
    return NULL;
  return format_id (((TopTrade *) g_ptr_array_index (shop->trades, position))->tid);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
dd_sandbox_top_shop_list_tids (DdSandboxTopShop *shop)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *result;

  g_return_val_if_fail (shop != NULL, NULL);

  locker = g_mutex_locker_new (&shop->lock);
  result = g_ptr_array_new_full (shop->trades->len, g_free);
  for (guint i = 0; i < shop->trades->len; i++)
    g_ptr_array_add (result, format_id (((TopTrade *) g_ptr_array_index (shop->trades, i))->tid));
  g_clear_pointer (&locker, g_mutex_locker_free);

  g_ptr_array_sort (result, compare_strings);
  return result;
}
