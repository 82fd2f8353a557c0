/* dd-purchase-dialog.h: creating a purchase order that never happens twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-action-runner.h"
#include "dd-client.h"

G_BEGIN_DECLS

#define DD_TYPE_PURCHASE_DIALOG (dd_purchase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdPurchaseDialog, dd_purchase_dialog, DD, PURCHASE_DIALOG, AdwWindow)

/* A modal window over @parent, "New Purchase Order", for the accounts of
 * @accounts (element-type DdAccount) whose client can create purchase
 * orders (DD_CLIENT_CAN_CREATE_PURCHASE; the others are not offered):
 * PandaPon (Taobao goods or 1688 goods) and TOP procurement (Taobao).
 *
 * The person chooses the account and the source, writes the lines (item
 * id, optional sku id, quantity ≥ 1, unit price in yuan), the receiver
 * and a remark. Input errors are shown inline, translated, and nothing is
 * sent while there is one. "Preview" (clients with
 * DD_CLIENT_CAN_RENDER_PURCHASE) asks the platform for the total, the
 * shipping fee and the items it cannot sell; elsewhere the amount shown is
 * the lines' sum.
 *
 * The idempotency key (dd_purchase_dialog_get_idempotency_key()) is made
 * once, when the dialog is made, and shown under "Details". "Create
 * Order" (no mnemonic: no key press sends an order) is suggested, never the default, and insensitive from its first
 * click until the runner's answer: it runs DD_ACTION_CREATE_PURCHASE once.
 * From then on the form is frozen: "Try Again" (when the result's
 * can_retry) sends the very same request, with the same key, so a
 * duplicate is recognised as success. PandaPon's 1688 create takes no
 * key (API.md §3): after an unknown outcome there, Try Again is not
 * offered, and the dialog says to look for the order first.
 *
 * While a run is on, the dialog does not close (Escape and the close
 * button do nothing; the status says why): its outcome is always shown.
 * An account whose client is gone (signed out, reconnecting) sends
 * nothing: Create and Try Again are insensitive and the dialog says the
 * account is not connected ("offline-label").
 *
 * Signals: "finished" (DdActionResult *, borrowed) once a run ended,
 * "refused" (GError *, borrowed) when a run was refused before sending.
 * Property "busy" (read-only): a preview or a run is under way. */
GtkWidget  *dd_purchase_dialog_new                 (GtkWindow        *parent,
                                                    DdActionRunner   *runner,
                                                    GListModel       *accounts);

/* Looks in @cache's action log for create-purchase entries still
 * "sending" or "unknown" (dd_action_log_unfinished()) of an account the
 * dialog offers and, when there is one, shows it above the form ("An
 * earlier purchase order's outcome is unknown", its key and time): the
 * newest of them. When its parameters hold the whole order (lines and the
 * complete receiver) and it has a key, "Check Again" ("check-again-button")
 * sends that order again with THAT key (the platform answers a duplicate
 * with the order the first attempt made), and the dialog becomes that
 * order's (dd_purchase_dialog_get_idempotency_key() is its key). Otherwise
 * (the log keeps no receiver's phone or street; a 1688 entry has no key)
 * nothing is re-sent: "Open the Action Log" ("open-log-button",
 * app.action-log) and a text saying to sync the account and look for the
 * order before creating it again. Returns whether an entry is shown. */
gboolean    dd_purchase_dialog_show_unfinished     (DdPurchaseDialog *self,
                                                    DdCache          *cache);

/* Whether some account of @accounts (element-type DdAccount) can create a
 * purchase order (what "app.new-purchase" is enabled on). */
gboolean    dd_purchase_dialog_can_create          (GListModel       *accounts);

/* The key sent as PandaPon's sellerOrderNumber / TOP's out_order_id:
 * "dd" and 30 lower-case hex digits (32 ASCII letters and digits, random),
 * the same for the dialog's life. */
const char *dd_purchase_dialog_get_idempotency_key (DdPurchaseDialog *self);

/* The request the form makes, or NULL with G_IO_ERROR_INVALID_DATA (a
 * translated summary) after showing each input error beside its field.
 * Nothing is sent. */
DdPurchaseRequest *dd_purchase_dialog_build_request (DdPurchaseDialog *self,
                                                     GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* Adds an empty line (what "Add Line" does); the number of lines. */
void        dd_purchase_dialog_add_line            (DdPurchaseDialog *self);
guint       dd_purchase_dialog_get_n_lines         (DdPurchaseDialog *self);

/* The platform's last preview, or NULL (none asked, or the form changed
 * since). */
const DdPurchasePreview *dd_purchase_dialog_get_preview (DdPurchaseDialog *self);

gboolean    dd_purchase_dialog_get_busy            (DdPurchaseDialog *self);

G_END_DECLS
