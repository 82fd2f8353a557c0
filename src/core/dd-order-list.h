/* dd-order-list.h: a lazy GListModel of the cached orders of one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"

G_BEGIN_DECLS

/* How many materialised orders the list keeps (least recently used go first). */
#define DD_ORDER_LIST_CACHE_SIZE 256

/* A change of result set that would take more items-changed runs than this
 * is told as one replacement (unrelated sort orders share no long runs).
 * A replacement (any run) that adds more than DD_ORDER_LIST_CACHE_SIZE rows
 * is emitted as its removal, then its insertion: views look for each row a
 * signal removes among every row it adds, materialising them all. */
#define DD_ORDER_LIST_MAX_RUNS 128

#define DD_TYPE_ORDER_LIST (dd_order_list_get_type ())
G_DECLARE_FINAL_TYPE (DdOrderList, dd_order_list, DD, ORDER_LIST, GObject)

/* Holds only the row ids of the current query; get_item() materialises a
 * DdOrder from the cache on demand and keeps a small LRU of them, so the list
 * costs O(visible) objects, not O(orders). Item type: DdOrder.
 *
 * Queries run off the main thread: the SQL and the diff against the rows
 * shown (matching rows by id, the longest run of rows that keep their
 * order stays put) run in a worker; the main thread only swaps the arrays
 * and emits one items-changed per contiguous run of removals/insertions.
 * A result that a newer query or refresh superseded before it arrived is
 * dropped.
 *
 * Properties: "cache" (construct-only), "item-type", "n-items" (read-only),
 * "loading" (read-only: the first result has not arrived yet).
 * Signals (main thread): "changing" () before a result's items-changed are
 * emitted, while the model still shows the old rows (see
 * dd_order_list_will_remove ()); "refreshed" () after each result was
 * applied (also when nothing changed). */
DdOrderList   *dd_order_list_new        (DdCache       *cache) G_GNUC_WARN_UNUSED_RESULT;

DdCache       *dd_order_list_get_cache  (DdOrderList   *self);
const DdQuery *dd_order_list_get_query  (DdOrderList   *self);
/* Copies @query (and its strings) and re-runs it, asynchronously: it is a
 * user action, typed or clicked, and the SQL alone may take ~80 ms at a
 * million orders, so the main loop goes on drawing meanwhile. get_query()
 * says the new query at once; the items follow with "refreshed". Nothing
 * happens when every field of @query equals the current one. The rows that
 * both results share and whose order is kept are not touched (a search that
 * narrows the list removes runs; the selection of a kept row survives); when
 * the results share too little (another sort order), one replacement. */
void           dd_order_list_set_query  (DdOrderList   *self,
                                         const DdQuery *query);

/* Re-runs the query after rows were stored and emits the difference: one
 * items-changed per contiguous run of removals/insertions; rows in
 * @changed_rowids that stay in the result are re-emitted (pos, 1, 1) and
 * dropped from the LRU so views rebind them. @changed_rowids may be NULL.
 * Synchronous (query and diff on the calling thread): for tests and
 * programs without a main loop to keep fluid; supersedes every pending or
 * running refresh. */
void           dd_order_list_refresh    (DdOrderList   *self,
                                         GArray        *changed_rowids);

/* As dd_order_list_refresh(), asynchronously and coalesced: at most one
 * refresh runs at a time (query and diff in a worker thread); requests made
 * meanwhile accumulate their changed rows and start one more refresh when
 * it is applied. For a window during a sync. */
void           dd_order_list_queue_refresh (DdOrderList *self,
                                            GArray      *changed_rowids);

/* Whether a query or refresh is running or queued. */
gboolean       dd_order_list_is_busy    (DdOrderList   *self);
gboolean       dd_order_list_get_loading (DdOrderList  *self);

/* Position of @row_id in the current result, or G_MAXUINT. O(n) without
 * any index (a scan of the row ids, ~1 ms at a million). */
guint          dd_order_list_find_row   (DdOrderList   *self,
                                         gint64         row_id);

/* During "changing": whether the row now at @position is removed (or
 * removed and inserted again) by the change about to be emitted. A
 * GtkSingleSelection whose selected row is removed looks for its item among
 * every added one: a view can unselect it first and select it again by row
 * id after "refreshed". */
gboolean       dd_order_list_will_remove (DdOrderList  *self,
                                          guint         position);

/* Number of DdOrder objects currently materialised (tests check it stays small). */
/* The row id of the order at @position (0 when out of range), without
 * loading the order: cheap for every row of a big selection. */
gint64         dd_order_list_get_row_id (DdOrderList   *self,
                                         guint          position);
guint          dd_order_list_get_n_materialised (DdOrderList *self);

G_END_DECLS
