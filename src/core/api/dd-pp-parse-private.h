/* dd-pp-parse-private.h: readers shared by the PandaPon parse files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-money.h"

G_BEGIN_DECLS

#define DD_PP_DEFAULT_CURRENCY "CNY"

/* Set @error to a DD_PLATFORM_ERROR and return FALSE. */
gboolean    dd_pp_bad_response        (GError     **error,
                                       const char  *message);
gboolean    dd_pp_bad_member          (GError     **error,
                                       const char  *member);
gboolean    dd_pp_invalid_argument    (GError     **error,
                                       const char  *message);

/* Non-empty, ASCII digits only. */
gboolean    dd_pp_is_digits           (const char  *text);
/* The member, or NULL when missing or null. */
JsonNode   *dd_pp_get_member          (JsonObject  *object,
                                       const char  *member);
gboolean    dd_pp_holds_type          (JsonNode    *node,
                                       GType        type);

/* A time served as UTC ms (integer or digits) or as a Beijing-time string
 * "yyyy-MM-dd HH:mm:ss"; "" counts as absent when @optional. */
gboolean    dd_pp_get_time            (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       GDateTime  **out,
                                       GError     **error);
/* Fen: a non-negative integer or a digit string; *@present says whether it
 * was served (optional members). */
gboolean    dd_pp_get_fen             (JsonObject  *object,
                                       const char  *member,
                                       const char  *currency,
                                       gboolean     optional,
                                       gboolean    *present,
                                       DdMoney     *out,
                                       GError     **error);
/* A count 0..G_MAXUINT: an integer or a digit string; untouched when absent. */
gboolean    dd_pp_get_uint            (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       guint       *out,
                                       GError     **error);
/* An optional non-negative integer; untouched when absent. */
gboolean    dd_pp_get_count           (JsonObject  *object,
                                       const char  *member,
                                       guint64     *out,
                                       GError     **error);
/* Optional string / id / code (string or integer); "" is NULL. */
gboolean    dd_pp_get_text            (JsonObject  *object,
                                       const char  *member,
                                       char       **out,
                                       GError     **error);
gboolean    dd_pp_get_opt_id          (JsonObject  *object,
                                       const char  *member,
                                       char       **out,
                                       GError     **error);
gboolean    dd_pp_get_code_text       (JsonObject  *object,
                                       const char  *member,
                                       char       **out,
                                       GError     **error);

const char *dd_pp_currency_or_default (const char  *currency,
                                       const char  *fallback);

G_END_DECLS
