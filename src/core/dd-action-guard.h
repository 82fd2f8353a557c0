/* dd-action-guard.h: one action per order at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "dd-action-rules.h"

G_BEGIN_DECLS

#define DD_TYPE_ACTION_GUARD (dd_action_guard_get_type ())
G_DECLARE_FINAL_TYPE (DdActionGuard, dd_action_guard, DD, ACTION_GUARD, GObject)

/* One guard per application (the core keeps the rule, not the widgets): a
 * second action on an order — a double click, a second window, the CLI in
 * the same process — is refused while the first one runs. Thread-safe. */
DdActionGuard *dd_action_guard_new        (void) G_GNUC_WARN_UNUSED_RESULT;

/* Marks @action as running on the order. FALSE, with a translated
 * DD_ACTION_RULES_ERROR / DD_ACTION_REFUSAL_BUSY error, while any action on
 * the same (account, order) is running. Every TRUE must be paired with
 * dd_action_guard_end(). For DD_ACTION_CREATE_PURCHASE pass the purchase's
 * idempotency key as @order_id. */
gboolean       dd_action_guard_try_begin  (DdActionGuard *self,
                                           const char    *account_id,
                                           const char    *order_id,
                                           DdAction       action,
                                           GError       **error);
/* Ends the running action on the order (a no-op, with a warning, when none runs). */
void           dd_action_guard_end        (DdActionGuard *self,
                                           const char    *account_id,
                                           const char    *order_id);
/* Whether an action runs on the order; sets @action (may be NULL) when so. */
gboolean       dd_action_guard_is_running (DdActionGuard *self,
                                           const char    *account_id,
                                           const char    *order_id,
                                           DdAction      *action);

G_END_DECLS
