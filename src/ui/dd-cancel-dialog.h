/* dd-cancel-dialog.h: cancelling (closing) an unpaid order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-action-runner.h"
#include "dd-client.h"
#include "dd-order.h"

G_BEGIN_DECLS

/* A modal dialog over @parent to cancel @order (of the account named
 * @account_name) through @client and @runner: it shows the order id, buyer
 * and total; the platform's reasons (dd_client_get_cancel_reasons(), one
 * required) and an optional remark; "Keep Order" is the default and
 * Escape, "Cancel Order" is destructive and never the default. Pressing it
 * makes the dialog insensitive, shows progress, runs DD_ACTION_CANCEL
 * (which re-reads the live status first), then shows the result in the
 * dialog (a clear sentence; Retry when the result says so). Emits
 * "finished" (DdActionResult *, borrowed) once a run ended, whatever it
 * ended in, and "refused" (GError *, borrowed) when the run was refused
 * before sending. */
GtkWidget *dd_cancel_dialog_new (GtkWindow      *parent,
                                 DdActionRunner *runner,
                                 DdClient       *client,
                                 DdOrder        *order,
                                 const char     *account_name);

G_END_DECLS
