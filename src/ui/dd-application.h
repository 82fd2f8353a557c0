/* dd-application.h: the Dingdan application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-account-store.h"
#include "dd-action-runner.h"
#include "dd-cache.h"
#include "dd-client.h"
#include "dd-order-list.h"
#include "dd-sync-manager.h"

G_BEGIN_DECLS

#define DD_TYPE_APPLICATION (dd_application_get_type ())
G_DECLARE_FINAL_TYPE (DdApplication, dd_application, DD, APPLICATION, AdwApplication)

DdApplication *dd_application_new            (void) G_GNUC_WARN_UNUSED_RESULT;

/* TRUE when started with --sandbox. */
gboolean       dd_application_get_sandbox    (DdApplication *self);

/* The order cache; NULL when it could not be opened (see
 * dd_application_get_startup_error()). Valid after startup. */
DdCache       *dd_application_get_cache      (DdApplication *self);

/* The accounts to list and sync (element-type DdAccount): the account
 * store's, or in sandbox mode the sandbox's four
 * (dd_account_new_sandbox_set()). Valid after startup. */
GListModel    *dd_application_get_accounts   (DdApplication *self);

/* The persisted accounts (loaded and connected at startup); NULL in sandbox
 * mode, whose accounts are built in and kept nowhere. Actions "app.accounts",
 * "app.add-account" and "app.edit-account" (an account id) open the accounts
 * dialog on them. */
DdAccountStore *dd_application_get_account_store (DdApplication *self);

/* The window's list of orders: made with the cache, before GTK starts, so
 * its first query runs while the window is being built. NULL without a
 * cache. Valid after startup. */
DdOrderList   *dd_application_get_orders     (DdApplication *self);

/* Syncs the accounts in the background every "sync-interval" minutes
 * (GSettings; 0: on demand only) and on demand; NULL without a cache.
 * Valid after startup. */
DdSyncManager *dd_application_get_sync_manager (DdApplication *self);

/* Every write (cancel, pay, voucher, purchase order …) goes through this
 * runner, one per application with one DdActionGuard, made at startup with
 * the cache; NULL without a cache. In sandbox mode its read-back schedule
 * may come from $DINGDAN_ACTION_READ_BACK_MS ("first,max,give_up"). */
DdActionRunner *dd_application_get_action_runner (DdApplication *self);

/* The orders @row_ids (gint64) were reviewed (approved or held): their
 * "new paid order" notifications are withdrawn. */
void           dd_application_orders_reviewed (DdApplication *self,
                                               GArray        *row_ids);

/* Why the cache or the sandbox could not be set up, or NULL. */
const GError  *dd_application_get_startup_error (DdApplication *self);

G_END_DECLS
