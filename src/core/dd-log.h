/* dd-log.h: a log writer that never lets a secret through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for parameter names whose values are secrets: sign, access_token,
 * app_secret, session, refresh_token, signature, secret, password
 * (ASCII case-insensitive). */
gboolean  dd_log_is_secret_key (const char *key);

/* Returns @text with the value of every secret parameter replaced by "***",
 * in query form (`access_token=abc&…`, `sign=…`) and in JSON form
 * (`"access_token":"abc"`). NULL when nothing needed hiding. */
char     *dd_log_redact        (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* Installs a structured log writer that redacts every message (ours and
 * libraries', e.g. libsoup's debug lines that print request URIs) before
 * handing it to GLib's default writer. Call once, early in main(). */
void      dd_log_install       (void);

G_END_DECLS
