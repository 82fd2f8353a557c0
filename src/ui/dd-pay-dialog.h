/* dd-pay-dialog.h: paying for an unpaid (purchase) order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-action-runner.h"
#include "dd-client.h"
#include "dd-order.h"

G_BEGIN_DECLS

/* A modal dialog over @parent to pay @order (of the account named
 * @account_name, on the platform of @client) with @runner. It shows the
 * amount and currency from the order, the platform and the account paying,
 * and the methods @client can do (dd_client_get_capabilities()): pay from
 * balance (DD_ACTION_PAY_BALANCE), upload a payment voucher
 * (DD_ACTION_UPLOAD_VOUCHER: a picture chosen with GtkFileChooserNative,
 * previewed, its type and size checked before anything is sent) or, for
 * 1688, pay in the browser (DD_ACTION_PAY_URL: the page opens with
 * gtk_show_uri(), then the order is read back until it is paid). The pay
 * button names the amount ("Pay ¥128.00"), is never the default and is
 * insensitive from the first click until the answer. Signals as
 * dd_cancel_dialog_new(): "finished" (DdActionResult *) and "refused"
 * (GError *). */
GtkWidget *dd_pay_dialog_new (GtkWindow      *parent,
                              DdActionRunner *runner,
                              DdClient       *client,
                              DdOrder        *order,
                              const char     *account_name);

#define DD_TYPE_PAY_DIALOG (dd_pay_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdPayDialog, dd_pay_dialog, DD, PAY_DIALOG, AdwWindow)

/* The largest payment voucher sent. API.md documents no limit for
 * PandaPon's voucher upload (its path is an assumption too); the sandbox
 * refuses more than 5 MiB (DD_SANDBOX_PP_MAX_VOUCHER). Dingdan refuses
 * more than 2 MiB before anything is sent, so a real platform's smaller
 * limit is less likely to be met after the write was logged. */
#define DD_PAY_DIALOG_MAX_VOUCHER (2 * 1024 * 1024)

/* Checks a payment voucher before it is sent: not empty, at most
 * DD_PAY_DIALOG_MAX_VOUCHER bytes, and a PNG or JPEG picture by its
 * content (g_content_type_guess() on the bytes and the format's magic
 * number; the file name does not count). On success sets @content_type
 * ("image/png" or "image/jpeg"; may be NULL). On failure
 * G_IO_ERROR_INVALID_DATA (not PNG/JPEG, or empty) or
 * G_IO_ERROR_MESSAGE_TOO_LARGE, with a translated message. */
gboolean   dd_pay_dialog_check_voucher   (GBytes      *image,
                                          char       **content_type,
                                          GError     **error);

/* Loads @file as the voucher to send (what "Choose Picture…" does): its
 * size is checked before it is read, then its content
 * (dd_pay_dialog_check_voucher()), then it is decoded for the preview, in
 * a worker. A refused picture is not kept: its translated reason shows in
 * the dialog and the pay button stays insensitive. "busy" is TRUE while it
 * loads. Selects the voucher method when the dialog offers it. */
void       dd_pay_dialog_set_voucher_file (DdPayDialog *self,
                                           GFile       *file);

/* Whether a picture loads, a payment runs, or the dialog waits for a
 * payment in the browser (also the read-only property "busy"). */
gboolean   dd_pay_dialog_get_busy        (DdPayDialog *self);

/* The method chosen (DD_ACTION_PAY_BALANCE, DD_ACTION_UPLOAD_VOUCHER or
 * DD_ACTION_PAY_URL); DD_ACTION_CANCEL when the platform offers none. */
DdAction   dd_pay_dialog_get_method      (DdPayDialog *self);

/* Paying in the browser: the runner's DD_ACTION_PAY_URL only fetches the
 * page's address (a read; "done" once it has it) and reads nothing back.
 * The dialog opens the address (gtk_show_uri_full(); the address also
 * stays in the dialog, to copy), says "Waiting for the payment…", and
 * reads the order itself (dd_client_get_order_async(), every 2 s doubling
 * to 15 s, at most DD_PAY_DIALOG_WAIT_MS) until it is paid or closed, or
 * the dialog is closed. Paid: one more signal, "order-paid" (DdOrder *,
 * borrowed, as read); the read is not stored: the window refreshes the
 * order. After any result only "Try Again" (when the result's can_retry)
 * can run a payment again: the same method and picture. */
#define DD_PAY_DIALOG_WAIT_MS (15 * 60 * 1000)

G_END_DECLS
