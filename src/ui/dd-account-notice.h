/* dd-account-notice.h: a notice over the orders when an account needs the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_ACCOUNT_NOTICE (dd_account_notice_get_type ())
G_DECLARE_FINAL_TYPE (DdAccountNotice, dd_account_notice, DD, ACCOUNT_NOTICE, GtkWidget)

/* Property "accounts" (GListModel of DdAccount). The notice shows while any
 * account must be authorised again, has no secret, or cannot reach the
 * keyring; its button activates "app.edit-account" with the account's id. */
GtkWidget  *dd_account_notice_new          (void);
void        dd_account_notice_set_accounts (DdAccountNotice *self,
                                            GListModel      *accounts);
/* Whether the notice is shown (for tests). */
gboolean    dd_account_notice_get_shown    (DdAccountNotice *self);

G_END_DECLS
