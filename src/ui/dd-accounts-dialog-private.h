/* dd-accounts-dialog-private.h: what the accounts dialog's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-accounts-dialog.h"

G_BEGIN_DECLS

/* dd-accounts-dialog.c */
DdAccount   *dd_accounts_dialog_get_editing         (DdAccountsDialog  *self);
GtkEditable *dd_accounts_dialog_get_token_entry     (DdAccountsDialog  *self,
                                                     gboolean           refresh);
void         dd_accounts_dialog_get_app_credentials (DdAccountsDialog  *self,
                                                     const char       **key,
                                                     const char       **secret,
                                                     const char       **endpoint);
void         dd_accounts_dialog_toast               (DdAccountsDialog  *self,
                                                     const char        *title);
void         dd_accounts_dialog_show_error          (DdAccountsDialog  *self,
                                                     const char        *message);
DdHttp      *dd_accounts_dialog_get_http            (DdAccountsDialog  *self);
GCancellable *dd_accounts_dialog_get_cancellable    (DdAccountsDialog  *self);
/* Same as pressing Save. */
void         dd_accounts_dialog_save                (DdAccountsDialog  *self);

/* dd-accounts-dialog-auth.c: the platform's authorisation page and the code
 * it gives back. Whether @platform can be authorised from Dingdan. */
gboolean     dd_accounts_dialog_can_authorise       (const char        *platform);
/* Opens the authorisation page and asks for the code. */
void         dd_accounts_dialog_authorise           (DdAccountsDialog  *self,
                                                     const char        *platform);

G_END_DECLS
