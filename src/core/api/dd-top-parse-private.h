/* dd-top-parse-private.h: readers shared by dd-top-parse.c and dd-top-pc-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dd-order.h"

G_BEGIN_DECLS

/* Set a DD_PLATFORM_ERROR_BAD_RESPONSE with @message / naming @member;
 * return FALSE. */
gboolean   dd_top_bad_response             (GError     **error,
                                            const char  *message);
gboolean   dd_top_bad_member               (GError     **error,
                                            const char  *member);

/* An optional UTC+8 time member ("" or absent: NULL). */
gboolean   dd_top_json_get_time            (JsonObject  *object,
                                            const char  *member,
                                            GDateTime  **out,
                                            GError     **error);
/* A code served as a string or an integer; NULL when absent or null. */
gboolean   dd_top_json_get_code            (JsonObject  *object,
                                            const char  *member,
                                            char       **out,
                                            GError     **error);
/* An optional id where "" means none (TOP's sku_id). */
gboolean   dd_top_json_get_optional_id     (JsonObject  *object,
                                            const char  *member,
                                            char       **out,
                                            GError     **error);
/* An optional yuan amount; @present says whether it was served. */
gboolean   dd_top_json_get_optional_money  (JsonObject  *object,
                                            const char  *member,
                                            gboolean    *present,
                                            DdMoney     *out,
                                            GError     **error);
/* A required non-negative count that fits a guint. */
gboolean   dd_top_json_get_quantity        (JsonObject  *object,
                                            const char  *member,
                                            guint       *out,
                                            GError     **error);
/* @object as compact JSON (the raw JSON the cache stores). */
char      *dd_top_json_object_to_string    (JsonObject  *object) G_GNUC_WARN_UNUSED_RESULT;

typedef DdOrder *(*DdTopOrderFromObject) (JsonObject *object, GError **error);

/* Every element of @list (may be NULL: none) through @from_object; a
 * non-object element is BAD_RESPONSE naming @member. */
GPtrArray *dd_top_orders_from_list         (JsonArray             *list,
                                            const char            *member,
                                            DdTopOrderFromObject   from_object,
                                            GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
