/* dd-bench-fill.h: builds a big cache of realistic orders for the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The four accounts the orders are spread over (platforms tw, top, top-pc,
 * pandapon), about 40 / 30 / 15 / 15 %. */
#define DD_BENCH_ACCOUNT_TW     "bench-tw"
#define DD_BENCH_ACCOUNT_TOP    "bench-top"
#define DD_BENCH_ACCOUNT_TOP_PC "bench-top-pc"
#define DD_BENCH_ACCOUNT_PP     "bench-pp"

/* Builds at @path (its folder made if needed) a cache of @n_orders
 * deterministic, realistic orders, each as its platform serves it (the raw
 * JSON parses with that platform's parser): Chinese buyer and receiver
 * names, Chinese product titles, tracking numbers, every status, created
 * over the two years before 2025-01-01, made newest first as a backfill
 * lists them (order ids grow with time). Stores them through
 * dd_cache_store_page() in pages of 1000, printing progress to stderr, then
 * optimises the search indexes. A cache that already holds exactly
 * @n_orders is reused as it is; one holding fewer whole pages of this
 * builder's orders is completed; anything else is replaced. */
gboolean dd_bench_fill_cache (const char  *path,
                              guint        n_orders,
                              GError     **error);

/* The order id of the builder's @index-th order (0: the newest) of an
 * account, for searching ("bench-tw" ids are 12 digits, the others 19). */
char    *dd_bench_order_id   (const char  *account_id,
                              guint        index) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
