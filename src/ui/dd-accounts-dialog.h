/* dd-accounts-dialog.h: add, edit, test and remove accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-account-store.h"
#include "dd-cache.h"

G_BEGIN_DECLS

#define DD_TYPE_ACCOUNTS_DIALOG (dd_accounts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (DdAccountsDialog, dd_accounts_dialog, DD, ACCOUNTS_DIALOG, AdwWindow)

/* A dialog (not yet presented) over @store's accounts. @cache (nullable) is
 * where a removed account's orders are deleted from, when the user says so;
 * @http exchanges authorisation codes.
 * Secrets typed into it go to the keyring through the store; it never shows
 * a stored one. */
GtkWidget *dd_accounts_dialog_new       (GtkWindow        *parent,
                                         DdAccountStore   *store,
                                         DdCache          *cache,
                                         DdHttp           *http);

/* Shows the list of accounts, the form for a new one, or @account's form. */
void       dd_accounts_dialog_show_list (DdAccountsDialog *self);
void       dd_accounts_dialog_show_add  (DdAccountsDialog *self);
void       dd_accounts_dialog_show_edit (DdAccountsDialog *self,
                                         DdAccount        *account);

G_END_DECLS
