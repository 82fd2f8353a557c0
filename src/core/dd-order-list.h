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

#define DD_TYPE_ORDER_LIST (dd_order_list_get_type ())
G_DECLARE_FINAL_TYPE (DdOrderList, dd_order_list, DD, ORDER_LIST, GObject)

/* Holds only the row ids of the current query; get_item() materialises a
 * DdOrder from the cache on demand and keeps a small LRU of them, so the list
 * costs O(visible) objects, not O(orders). Item type: DdOrder.
 * Properties: "cache" (construct-only), "item-type", "n-items" (read-only). */
DdOrderList   *dd_order_list_new        (DdCache       *cache) G_GNUC_WARN_UNUSED_RESULT;

DdCache       *dd_order_list_get_cache  (DdOrderList   *self);
const DdQuery *dd_order_list_get_query  (DdOrderList   *self);
/* Copies @query (and its strings) and re-runs it. */
void           dd_order_list_set_query  (DdOrderList   *self,
                                         const DdQuery *query);

/* Re-runs the query after rows were stored and emits the difference: one
 * items-changed per contiguous run of removals/insertions; rows in
 * @changed_rowids that stay in the result are re-emitted (pos, 1, 1) and
 * dropped from the LRU so views rebind them. @changed_rowids may be NULL. */
void           dd_order_list_refresh    (DdOrderList   *self,
                                         GArray        *changed_rowids);

/* Position of @row_id in the current result, or G_MAXUINT. */
guint          dd_order_list_find_row   (DdOrderList   *self,
                                         gint64         row_id);

/* Number of DdOrder objects currently materialised (tests check it stays small). */
guint          dd_order_list_get_n_materialised (DdOrderList *self);

G_END_DECLS
