/* dd-order-diff.h: the items-changed runs between two results (private to DdOrderList)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One items-changed, in the coordinates of the model as it stands when it
 * is emitted (the earlier runs applied), and how far into the old array it
 * reaches: after it, the model shows new[0, position + added) followed by
 * old[old_end, …). */
typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint old_end;
} DdOrderRun;

/* The runs that turn @old into @new_ids (element-type gint64 both, each
 * without duplicates): rows whose relative order is kept (a longest
 * increasing subsequence of their old positions) stay; the rest are removed
 * and inserted, adjacent ones merged into one run; kept rows in @changed
 * (element-type gint64, may be NULL) are re-emitted (pos, 1, 1). More than
 * @max_runs runs become one replacement. Pure: safe in any thread.
 * Returns (element-type DdOrderRun). */
GArray *dd_order_diff (GArray *old,
                       GArray *new_ids,
                       GArray *changed,
                       guint   max_runs) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
