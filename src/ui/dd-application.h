/* dd-application.h: the Dingdan application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-cache.h"
#include "dd-client.h"

G_BEGIN_DECLS

/* The account id of the built-in sandbox shop in --sandbox mode. */
#define DD_SANDBOX_ACCOUNT_ID "sandbox-tw"

#define DD_TYPE_APPLICATION (dd_application_get_type ())
G_DECLARE_FINAL_TYPE (DdApplication, dd_application, DD, APPLICATION, AdwApplication)

DdApplication *dd_application_new            (void) G_GNUC_WARN_UNUSED_RESULT;

/* TRUE when started with --sandbox. */
gboolean       dd_application_get_sandbox    (DdApplication *self);

/* The order cache; NULL when it could not be opened (see
 * dd_application_get_startup_error()). Valid after startup. */
DdCache       *dd_application_get_cache      (DdApplication *self);

/* The client and account to sync; NULL until accounts exist (issue C),
 * except in sandbox mode. */
DdClient      *dd_application_get_client     (DdApplication *self);
const char    *dd_application_get_account_id (DdApplication *self);

/* Why the cache or the sandbox could not be set up, or NULL. */
const GError  *dd_application_get_startup_error (DdApplication *self);

G_END_DECLS
