/* dd-sync-manager.h: when each account syncs, and never twice at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-client.h"
#include "dd-sync-job.h"

G_BEGIN_DECLS

/* Default of the GSettings key "sync-interval" (minutes). */
#define DD_SYNC_DEFAULT_INTERVAL_MINUTES 5

#define DD_TYPE_SYNC_MANAGER (dd_sync_manager_get_type ())
G_DECLARE_FINAL_TYPE (DdSyncManager, dd_sync_manager, DD, SYNC_MANAGER, GObject)

/* Owns one DdSyncJob per account that has a client. A sync of an account
 * that is already syncing is not started again (the running one covers it);
 * one asked for while a cancelled run (of a replaced client) is still
 * ending starts as soon as that run has ended.
 * A running sync holds the manager: cancel_all () before dropping it.
 * Background syncs: every "interval" seconds (0: never) all accounts sync;
 * the timer restarts after each round, so a slow round never piles up.
 *
 * Properties: "cache" (construct-only), "interval" (guint seconds, default
 * DD_SYNC_DEFAULT_INTERVAL_MINUTES * 60), "syncing" (read-only: any job
 * running).
 * Signals (main thread):
 *   "sync-started"  (const char *account_id)
 *   "page-stored"   (const char *account_id, GArray *changed_rowids)
 *   "orders-paid"   (const char *account_id, GArray *row_ids) the job's
 *                   "orders-paid": orders a page made newly paid
 *   "sync-finished" (const char *account_id, DdSyncJob *job, GError *error
 *                    (NULL on success; cancelled runs report
 *                    G_IO_ERROR_CANCELLED))
 *   "round-finished" () when the last running job of a round finished */
DdSyncManager *dd_sync_manager_new          (DdCache        *cache) G_GNUC_WARN_UNUSED_RESULT;

/* Adds, replaces (@client non-NULL) or removes (@client NULL) an account's
 * client. Replacing or removing cancels that account's running sync. */
void           dd_sync_manager_set_client   (DdSyncManager  *self,
                                             const char     *account_id,
                                             DdClient       *client);
/* Starts a sync of @account_id (NULL: every account) unless it is already
 * running. Returns the number of syncs started. */
guint          dd_sync_manager_sync         (DdSyncManager  *self,
                                             const char     *account_id);
gboolean       dd_sync_manager_is_syncing   (DdSyncManager  *self,
                                             const char     *account_id);
/* Whether the running sync of @account_id was started by the interval
 * timer (a background round), not asked for; FALSE when none runs. A sync
 * asked for while a background one runs is covered by it: still TRUE. */
gboolean       dd_sync_manager_is_background (DdSyncManager *self,
                                              const char    *account_id);
/* The job of a running sync, or NULL. */
DdSyncJob     *dd_sync_manager_get_job      (DdSyncManager  *self,
                                             const char     *account_id);
/* Cancels every running sync (quitting, removing the accounts). */
void           dd_sync_manager_cancel_all   (DdSyncManager  *self);

guint          dd_sync_manager_get_interval (DdSyncManager  *self);
void           dd_sync_manager_set_interval (DdSyncManager  *self,
                                             guint           seconds);
gboolean       dd_sync_manager_get_syncing  (DdSyncManager  *self);

G_END_DECLS
