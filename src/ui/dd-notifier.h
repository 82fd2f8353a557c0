/* dd-notifier.h: desktop notifications for new paid orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-sync-manager.h"

G_BEGIN_DECLS

/* Up to this many new paid orders get a notification each; more are told
 * by one summary ("12 new paid orders"). */
#define DD_NOTIFIER_MAX_SINGLE 3

/* Notification ids: one per order ("paid-<row id>") and the summary, so
 * that a later round replaces rather than piles up. */
#define DD_NOTIFIER_SUMMARY_ID "paid-summary"
char *dd_notifier_order_id (gint64 row_id) G_GNUC_WARN_UNUSED_RESULT;

/* ---- The summarising decisions (pure: tests/test-notifier.c) ------------- */

/* What is on screen: the orders shown one by one, and the ones the summary
 * counts (row ids, gint64). An order is in one of them at most. */
typedef struct
{
  GHashTable *single;
  GHashTable *summary;
} DdPaidNotices;

/* What to do to get there. */
typedef struct
{
  GArray   *show;            /* (element-type gint64) orders to notify one by one */
  GArray   *withdraw;        /* (element-type gint64) orders whose notification goes */
  gboolean  summary_changed; /* send the summary again, or withdraw it when 0 */
  guint     summary;         /* the orders it counts now */
  gboolean  quiet;           /* a correction (orders reviewed), not news:
                              * the summary is sent with a low priority */
} DdPaidPlan;

void dd_paid_notices_init     (DdPaidNotices *notices);
void dd_paid_notices_clear    (DdPaidNotices *notices);
void dd_paid_plan_init        (DdPaidPlan    *plan);
void dd_paid_plan_clear       (DdPaidPlan    *plan);

/* @row_ids became paid and need review (a background round). Orders already
 * told are not told again. While the summary is not shown and all of them
 * (the ones shown and the new ones) are DD_NOTIFIER_MAX_SINGLE at most, each
 * new one gets its own; otherwise the ones shown alone are withdrawn into
 * the summary, which counts them all. */
void dd_paid_notices_add      (DdPaidNotices *notices,
                               GArray        *row_ids,
                               DdPaidPlan    *plan);
/* @row_ids were reviewed: their own notifications are withdrawn; the
 * summary counts fewer (quietly), or goes when it counts none. */
void dd_paid_notices_reviewed (DdPaidNotices *notices,
                               GArray        *row_ids,
                               DdPaidPlan    *plan);
/* The orders told of (gint64 row ids, any order). */
GArray *dd_paid_notices_get_told (DdPaidNotices *notices) G_GNUC_WARN_UNUSED_RESULT;
/* Of the orders told of, those not in @pending settled some other way
 * (shipped, closed, reviewed elsewhere): as if reviewed. */
void dd_paid_notices_keep     (DdPaidNotices *notices,
                               GArray        *pending,
                               DdPaidPlan    *plan);

/* ---- The notifier ---------------------------------------------------------- */

#define DD_TYPE_NOTIFIER (dd_notifier_get_type ())
G_DECLARE_FINAL_TYPE (DdNotifier, dd_notifier, DD, NOTIFIER, GObject)

/* Follows @manager: the orders that background rounds (the interval
 * timer's, not a sync the user asked for) make newly paid and that still
 * need review are told once the round has ended, through @app's
 * GNotification. Their default action is "app.show-order" (the row id,
 * int64), the summary's "app.show-needs-review". @app is not held: it owns
 * the notifier. @accounts (element-type DdAccount) names the accounts. */
DdNotifier *dd_notifier_new             (GApplication  *app,
                                         DdCache       *cache,
                                         DdSyncManager *manager,
                                         GListModel    *accounts) G_GNUC_WARN_UNUSED_RESULT;

/* The orders @row_ids (gint64) were approved or held: their notifications
 * are withdrawn, the summary counts fewer or goes. */
void        dd_notifier_orders_reviewed (DdNotifier    *self,
                                         GArray        *row_ids);

G_END_DECLS
