/* dd-cache.h: the SQLite cache of orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-order.h"

G_BEGIN_DECLS

/* Current schema version (PRAGMA user_version). Migrations run in order on
 * open, each in its own transaction. */
#define DD_CACHE_SCHEMA_VERSION 5

/* Sort columns. Every sort ends with the row id (a total, stable order);
 * DD_SORT_MODIFIED, DD_SORT_STATUS and DD_SORT_ACCOUNT sort by creation
 * time within a value (in the same direction). */
typedef enum
{
  DD_SORT_CREATED = 0,
  DD_SORT_MODIFIED,
  DD_SORT_ORDER_ID,
  DD_SORT_BUYER,
  DD_SORT_STATUS,
  DD_SORT_TOTAL,
  DD_SORT_PAYMENT,
  DD_SORT_ACCOUNT,
} DdSortColumn;

/* Which time a date range filters on. */
typedef enum
{
  DD_DATE_CREATED = 0,
  DD_DATE_MODIFIED,
} DdDateField;

/* What DdOrderList shows. DD_QUERY_INIT = all orders, newest first.
 *
 * Every filter, the sort and the search run in SQL (issue D: ≤ 100 ms at
 * 1,000,000 orders).
 *
 * Search: @search is split at white space into terms; an order matches when
 * every term matches (case-insensitive):
 *  - a term of three characters or more: a substring of the order id, buyer,
 *    receiver, a tracking number or a product title (FTS5 trigram index);
 *  - a term of one or two characters (a Chinese surname or given name): a
 *    substring of the buyer or the receiver name (its own index).
 *
 * Date range: [@from_day, @to_day] in the user's time zone, both ends
 * inclusive: from 00:00 local time of @from_day to the end of @to_day (the
 * local midnight that starts @to_day + 1). Days are Julian day numbers
 * (g_date_get_julian ()); 0 leaves that end open.
 *
 * Marks (dd-marks.h): @flags and @reviews are bit sets (DD_FLAG_MASK (flag),
 * DD_REVIEW_MASK (state)); an order matches when its flag (DD_FLAG_NONE
 * when unflagged) and its review state (evaluated at @now_ms, 0: the time
 * the query runs; a HELD order past its release time needs review) are in
 * them. 0: any. */
typedef struct
{
  const char   *account_id;   /* NULL: every account */
  gint          status;       /* -1 or DdOrderStatus; 0 (UNKNOWN) is a real filter, so set -1 for all */
  DdSortColumn  sort;
  gboolean      ascending;    /* default (FALSE): descending */
  const char   *search;       /* NULL/"": no text filter (see above) */
  DdDateField   date_field;   /* what @from_day and @to_day filter */
  guint32       from_day;     /* Julian day; 0: no lower bound */
  guint32       to_day;       /* Julian day, inclusive; 0: no upper bound */
  guint         flags;        /* DD_FLAG_MASK bits; 0: any flag */
  guint         reviews;      /* DD_REVIEW_MASK bits; 0: any review state */
  gint64        now_ms;       /* when held orders' release times are judged; 0: now */
} DdQuery;

#define DD_QUERY_INIT { NULL, -1, DD_SORT_CREATED, FALSE, NULL, DD_DATE_CREATED, 0, 0, 0, 0, 0 }

/* Where an account's sync stands, saved in the transaction of each page.
 * A full listing (the first sync, or one that replaces a too-old cursor)
 * is a "backfill": newest first, page by page; it resumes after a kill at
 * the page after the last one stored, with the same page size. */
typedef struct
{
  gint64 cursor_ms;           /* modification time up to which everything is
                               * cached (the start of the last finished
                               * listing); -1: never finished */
  guint  backfill_page;       /* pages of the unfinished backfill stored; 0: none running */
  guint  backfill_page_size;  /* the page size it pages with */
  gint64 backfill_start_ms;   /* when it began: the cursor once it finishes */
} DdSyncState;

#define DD_SYNC_STATE_INIT { -1, 0, 0, 0 }

#define DD_TYPE_CACHE (dd_cache_get_type ())
G_DECLARE_FINAL_TYPE (DdCache, dd_cache, DD, CACHE, GObject)

/* Opens (creating and migrating) the database at @path, in WAL mode.
 * dd_cache_default_path() is $XDG_DATA_HOME/dingdan/orders.db. The cache is
 * thread-safe: writes serialise on an internal writer connection; reads use a
 * separate reader connection. */
DdCache    *dd_cache_new                 (const char   *path,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
char       *dd_cache_default_path        (void) G_GNUC_WARN_UNUSED_RESULT;
const char *dd_cache_get_path            (DdCache      *self);
int         dd_cache_get_schema_version  (DdCache      *self);

/* Upserts @orders (element-type DdOrder; account-id and platform set) by
 * (account, order id) in ONE transaction, together with the account's sync
 * cursor when @cursor_ms >= 0. Row ids are kept on update, so a shifted page
 * never duplicates. Sets each order's row id. Appends the row ids touched
 * (inserted or changed) to @changed_rowids when not NULL. Safe in a worker.
 * A @cursor_ms >= 0 means a listing finished: it also ends any backfill
 * (the sync state becomes { cursor_ms, 0, 0, 0 }). */
gboolean    dd_cache_store_page          (DdCache      *self,
                                          const char   *account_id,
                                          GPtrArray    *orders,
                                          gint64        cursor_ms,
                                          GArray       *changed_rowids,
                                          GError      **error);

/* As dd_cache_store_page(), saving @state (NULL: unchanged) as the
 * account's sync state in the same transaction. */
gboolean    dd_cache_store_page_with_state (DdCache           *self,
                                            const char        *account_id,
                                            GPtrArray         *orders,
                                            const DdSyncState *state,
                                            GArray            *changed_rowids,
                                            GError           **error);

/* The account's sync cursor (ms), or -1 when it never finished a sync. */
gint64      dd_cache_get_cursor          (DdCache      *self,
                                          const char   *account_id);
/* The account's whole sync state (DD_SYNC_STATE_INIT when it has none). */
void        dd_cache_get_sync_state      (DdCache      *self,
                                          const char   *account_id,
                                          DdSyncState  *state);

/* Row ids (gint64) matching @query, in its order. Safe in a worker thread
 * (DdOrderList runs it off the main thread). */
GArray     *dd_cache_query_row_ids       (DdCache      *self,
                                          const DdQuery *query,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Materialises one order from its row (raw JSON re-parsed by the platform's
 * parser, row id and account set). */
DdOrder    *dd_cache_load_order          (DdCache      *self,
                                          gint64        row_id,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* By (account, order id); NULL without error when absent. */
DdOrder    *dd_cache_lookup_order        (DdCache      *self,
                                          const char   *account_id,
                                          const char   *order_id,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* Number of cached orders of @account_id (NULL: of every account). */
guint64     dd_cache_count_orders        (DdCache      *self,
                                          const char   *account_id);

/* Deletes every cached order, the marks and the sync state of @account_id,
 * in one transaction (a removed account). */
gboolean    dd_cache_delete_account      (DdCache      *self,
                                          const char   *account_id,
                                          GError      **error);

/* Merges the search indexes' segments and refreshes the query planner's
 * statistics (after a big backfill; may take seconds at a million orders). */
gboolean    dd_cache_optimize            (DdCache      *self,
                                          GError      **error);

/* Caps the database at @n_pages pages (PRAGMA max_page_count on the writer;
 * never below its current size), so that growing it fails exactly as on a
 * full disk. 0 lifts the cap. For tests. */
void        dd_cache_set_max_page_count  (DdCache      *self,
                                          guint         n_pages);

/* dd-cache-paid.c: the "new paid order" notifications.
 * Before @orders (element-type DdOrder, of @account_id) are stored: the
 * indexes (guint, ascending) of those that are paid and waiting to be
 * shipped (DD_ORDER_STATUS_TO_SHIP) while the cache holds them unpaid (or of
 * an unknown status) or not at all: the orders the page makes newly paid.
 * Safe in a worker thread. */
GArray     *dd_cache_find_newly_paid     (DdCache      *self,
                                          const char   *account_id,
                                          GPtrArray    *orders,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Of @row_ids (gint64), in their order, those still cached as TO_SHIP and
 * needing review at @now_ms (0: now; see dd-marks.h). Safe in any thread. */
GArray     *dd_cache_filter_paid_unreviewed (DdCache   *self,
                                             GArray    *row_ids,
                                             gint64     now_ms,
                                             GError   **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
