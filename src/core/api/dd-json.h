/* dd-json.h: type-checked reading of platform JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-money.h"

G_BEGIN_DECLS

/* Every reader checks the JSON type of the member and fails with
 * DD_PLATFORM_ERROR_BAD_RESPONSE naming the member when it is wrong.
 * "optional" readers accept a missing member or null (leaving the default);
 * the others require it. Strings read are valid UTF-8 without NUL: documents
 * parsed by dd_json_parse*() are repaired first (bytes that are not UTF-8,
 * "\u0000" and lone surrogate escapes become U+FFFD; see dd-json.c).
 * When an optional member is missing or null, pointer results (string, id,
 * time, object, array) are set to NULL and scalar ones (int, bool, money)
 * keep the caller's default. On error nothing is written. */

/* Any JSON document parsed from @data (a worker-thread helper), e.g. the
 * array inside a string member. Rejects, as BAD_RESPONSE, documents with a
 * raw NUL byte or an integer literal beyond gint64 (which json-glib 1.6
 * would wrap silently); repairs hostile text (invalid UTF-8, "\u0000", lone
 * surrogates: U+FFFD) rather than losing the whole page for one field.
 * Returns a new reference. */
JsonNode   *dd_json_parse             (const char  *data,
                                       gssize       len,
                                       GError     **error);

/* A JSON object parsed from @data (a worker-thread helper): the root must be
 * an object. Returns a new reference to the root node. */
JsonNode   *dd_json_parse_object      (const char  *data,
                                       gssize       len,
                                       GError     **error);

gboolean    dd_json_get_string        (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       char       **out,
                                       GError     **error);
/* An id served either as a JSON string or as an integer: always returned as a
 * decimal string; an integer is read as gint64, never through double.
 * A string must be non-empty without control characters; an integer must be
 * non-negative; a floating-point number (1e20, 1.5) is an error. */
gboolean    dd_json_get_id            (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       char       **out,
                                       GError     **error);
gboolean    dd_json_get_int           (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       gint64      *out,
                                       GError     **error);
gboolean    dd_json_get_bool          (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       gboolean    *out,
                                       GError     **error);
/* A decimal amount in major units, served as a string ("200.07") or an integer. */
gboolean    dd_json_get_money         (JsonObject  *object,
                                       const char  *member,
                                       const char  *currency,
                                       gboolean     optional,
                                       DdMoney     *out,
                                       GError     **error);
/* Milliseconds since the epoch as a UTC GDateTime: a non-negative integer,
 * or a string of ASCII digits. */
gboolean    dd_json_get_time_ms       (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       GDateTime  **out,
                                       GError     **error);
/* Borrowed object / array; NULL in *out when optional and absent. */
gboolean    dd_json_get_object        (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       JsonObject **out,
                                       GError     **error);
gboolean    dd_json_get_array         (JsonObject  *object,
                                       const char  *member,
                                       gboolean     optional,
                                       JsonArray  **out,
                                       GError     **error);

/* Serialises @node compactly. */
char       *dd_json_to_string         (JsonNode    *node) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
