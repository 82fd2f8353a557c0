/* dd-account-store-private.h: what the store's operations share with the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-account-store.h"

G_BEGIN_DECLS

DdHttp     *dd_account_store_get_http      (DdAccountStore  *self);

/* Writes the key file atomically (0600, its folder 0700). */
gboolean    dd_account_store_save          (DdAccountStore  *self,
                                            GError         **error);

/* The list: insert at the sorted place, remove, move after a rename. Each
 * emits items-changed. */
void        dd_account_store_insert        (DdAccountStore  *self,
                                            DdAccount       *account);
gboolean    dd_account_store_remove_item   (DdAccountStore  *self,
                                            DdAccount       *account);
void        dd_account_store_resort        (DdAccountStore  *self,
                                            DdAccount       *account);

/* Per-platform rules. */
gboolean    dd_account_spec_blank              (const char *text);
gboolean    dd_account_spec_needs_access_token (const char *platform);
gboolean    dd_account_spec_needs_user_id      (const char *platform);
gboolean    dd_account_spec_is_top             (const char *platform);
const char *dd_account_spec_default_endpoint   (const char *platform);

G_END_DECLS
