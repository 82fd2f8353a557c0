/* dd-account-sidebar.h: the accounts beside the order list, with their sync state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-account.h"

G_BEGIN_DECLS

#define DD_TYPE_ACCOUNT_SIDEBAR (dd_account_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (DdAccountSidebar, dd_account_sidebar, DD, ACCOUNT_SIDEBAR, GtkWidget)

/* Properties: "accounts" (GListModel of DdAccount; one row each, after an
 * "All Accounts" row) and "selected-account" (the DdAccount whose orders are
 * shown, NULL for every account's). */
GtkWidget  *dd_account_sidebar_new                  (void);
GListModel *dd_account_sidebar_get_accounts         (DdAccountSidebar *self);
void        dd_account_sidebar_set_accounts         (DdAccountSidebar *self,
                                                     GListModel       *accounts);
DdAccount  *dd_account_sidebar_get_selected_account (DdAccountSidebar *self);
void        dd_account_sidebar_set_selected_account (DdAccountSidebar *self,
                                                     DdAccount        *account);

G_END_DECLS
