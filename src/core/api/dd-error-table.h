/* dd-error-table.h: every platform's errors, mapped in one table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dd-platform-error.h"

G_BEGIN_DECLS

/* What a client does after an error of this kind. */
typedef enum
{
  DD_ERROR_ACTION_FINAL,     /* don't retry unchanged: tell the user */
  DD_ERROR_ACTION_RETRY,     /* transient: reads retry with backoff */
  DD_ERROR_ACTION_WAIT,      /* a short ban: wait the stated seconds, then retry reads */
  DD_ERROR_ACTION_STOP,      /* a long ban / daily quota: stop and tell the user until when */
  DD_ERROR_ACTION_REAUTH,    /* the shop must be authorised again */
  DD_ERROR_ACTION_CLOCK,     /* the timestamp was refused: re-check the clock once */
} DdErrorAction;

typedef enum
{
  DD_ERROR_MATCH_CODE,            /* the platform's code equals value */
  DD_ERROR_MATCH_SUB_CODE,        /* sub_code equals value */
  DD_ERROR_MATCH_SUB_CODE_PREFIX, /* sub_code starts with value ("isp.", "isv.", "accesscontrol.") */
  DD_ERROR_MATCH_TYPE,            /* the error's type equals value (Taiwan: ISP, SYSTEM, ISV) */
  DD_ERROR_MATCH_ANY,             /* the platform's fallback row */
} DdErrorMatch;

/* One row: the first matching row of the platform wins, rows are tried in
 * table order (so specific rows come before prefixes, types and fallbacks). */
typedef struct
{
  const char          *platform;  /* DD_PLATFORM_TW, DD_PLATFORM_TOP, DD_PLATFORM_PANDAPON */
  DdErrorMatch         match;
  const char          *value;
  DdPlatformErrorCode  code;
  DdErrorAction        action;
  const char          *message;   /* N_(): the sentence for people */
} DdErrorRule;

/* The whole table (tests walk it: one test per row). */
const DdErrorRule *dd_error_table_get_rules (guint *n_rules);

/* The row for an error envelope, never NULL (each platform has a fallback).
 * "top-pc" uses the "top" rows; a platform without rows gets the last row
 * (platform NULL, BAD_RESPONSE). */
const DdErrorRule *dd_error_table_lookup    (const char *platform,
                                             const char *type,
                                             const char *code,
                                             const char *sub_code);

/* Builds the DD_PLATFORM_ERROR for an error envelope: the row's code and
 * translated message, the platform's words kept, transient set for RETRY and
 * WAIT rows, retry-after from a "This ban will last for N more seconds"
 * message (TOP) or the platform's equivalent; a ban stated in hours or
 * longer than an hour makes the row's action STOP (not transient). */
GError            *dd_error_table_make      (const char *platform,
                                             const char *type,
                                             const char *code,
                                             const char *sub_code,
                                             const char *platform_message,
                                             const char *request_id);

/* The action for @error (a DD_PLATFORM_ERROR made by dd_error_table_make());
 * FINAL for anything else. */
DdErrorAction      dd_error_table_get_action (const GError *error);

/* The longest ban that is waited out rather than stopped at (seconds). */
#define DD_ERROR_TABLE_MAX_WAIT_BAN_S 3600

/* Reads a ban stated in @message: "… This ban will last for N more seconds"
 * (TOP, PandaPon), "… last N more seconds" (Taiwan); minutes, hours and days
 * are understood too. Returns FALSE when none is stated. @seconds saturates
 * at G_MAXUINT; @long_unit is TRUE when the ban is stated in hours or days. */
gboolean           dd_error_table_parse_ban  (const char *message,
                                              guint      *seconds,
                                              gboolean   *long_unit);

/* Marks @error (a DD_PLATFORM_ERROR) as a ban of @seconds, as
 * dd_error_table_make() does for a stated ban (dd-http does it for an HTTP
 * 429 with Retry-After): WAIT and transient up to
 * DD_ERROR_TABLE_MAX_WAIT_BAN_S stated in seconds or minutes; otherwise STOP,
 * not transient, its message replaced by one saying until when. */
void               dd_error_table_set_ban    (GError     *error,
                                              guint       seconds,
                                              gboolean    long_unit);

G_END_DECLS
