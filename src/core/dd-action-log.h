/* dd-action-log.h: every write sent to a platform, logged in the cache
 *
 * The table is action_log (dd-cache-schema.c, version 5). An entry is
 * written and committed (synchronously, durable) by dd_action_log_begin()
 * BEFORE its request is sent, and completed by dd_action_log_finish() once
 * the outcome is known. Entries still "sending" or "unknown" after a crash
 * are found by dd_action_log_unfinished(), to be read back.
 *
 * All functions are safe from any thread (writes serialise on the cache's
 * writer connection, like the marks).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-action-rules.h"
#include "dd-cache.h"

G_BEGIN_DECLS


typedef enum
{
  DD_ACTION_STATE_SENDING,                /* "sending": logged, request (maybe) on its way */
  DD_ACTION_STATE_DONE,                   /* "done": the platform said it is done */
  DD_ACTION_STATE_FAILED,                 /* "failed": the platform refused it; nothing applied */
  DD_ACTION_STATE_UNKNOWN,                /* "unknown": timeout or reset; to be read back */
  DD_ACTION_STATE_CONFIRMED_BY_READ_BACK, /* "confirmed-by-read-back": the order read back shows it */
} DdActionState;

#define DD_ACTION_STATE_LAST DD_ACTION_STATE_CONFIRMED_BY_READ_BACK

/* One entry. Strings owned by the record (dd_action_record_free()). */
typedef struct
{
  gint64         id;              /* the entry's id (> 0); ignored by begin */
  gint64         time_ms;         /* when it was logged; 0 for begin: now */
  char          *account_id;      /* required */
  char          *order_id;        /* NULL for a purchase order not yet created */
  DdAction       action;
  char          *params;          /* a JSON object, without secrets; NULL for begin: "{}" */
  char          *idempotency_key; /* NULL, or unique among all entries */
  DdActionState  state;           /* ignored by begin (always "sending") */
  char          *result;          /* the translated message shown to the user; NULL */
  char          *request_id;      /* the platform's request id; NULL */
  gint64         updated_ms;      /* the last change; ignored by begin */
} DdActionRecord;

void            dd_action_record_free      (DdActionRecord *record);
DdActionRecord *dd_action_record_copy      (const DdActionRecord *record) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdActionRecord, dd_action_record_free)

/* The stored names ("cancel", "sending" …) and translated labels. */
const char     *dd_action_to_nick          (DdAction       action);
gboolean        dd_action_from_nick        (const char    *nick,
                                            DdAction      *action);
const char     *dd_action_state_to_nick    (DdActionState  state);
gboolean        dd_action_state_from_nick  (const char    *nick,
                                            DdActionState *state);
const char     *dd_action_state_get_label  (DdActionState  state);

/* @params (a JSON object, NULL: "{}") without its secrets: every member,
 * at any depth, whose name (any case) contains "secret", "token",
 * "password" or "signature", or is "sign" or ends in "_sign", is removed.
 * NULL with G_IO_ERROR_INVALID_ARGUMENT when @params is not a JSON object. */
char           *dd_action_params_strip     (const char    *params,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Logs @record (its params stripped of secrets, see dd_action_params_strip())
 * as "sending", committed durably (synchronous = FULL for this commit), and
 * returns its id; 0 with an error (nothing logged: the caller must not send).
 *
 * A second begin with the idempotency key of an earlier entry does not add
 * an entry: when that entry is "failed", "unknown" or still "sending" (a
 * retry that reuses the key), it is set back to "sending" (its result and
 * request id cleared, its params kept) and ITS id is returned; when it is
 * "done" or "confirmed-by-read-back", or is of another account or action,
 * 0 is returned with G_IO_ERROR_EXISTS (the order already exists). */
gint64          dd_action_log_begin        (DdCache              *cache,
                                            const DdActionRecord *record,
                                            GError              **error);

/* Sets entry @id's state (not "sending"), result (translated; NULL: none)
 * and request id (NULL: none). G_IO_ERROR_NOT_FOUND when there is no such
 * entry. */
gboolean        dd_action_log_finish       (DdCache              *cache,
                                            gint64                id,
                                            DdActionState         state,
                                            const char           *result,
                                            const char           *request_id,
                                            GError              **error);

/* Sets entry @id's order (a purchase order's, once it was created: the
 * entry then shows in that order's history). G_IO_ERROR_NOT_FOUND when
 * there is no such entry. */
gboolean        dd_action_log_set_order_id (DdCache              *cache,
                                            gint64                id,
                                            const char           *order_id,
                                            GError              **error);

/* The entries of @account_id (NULL: all) and @order_id (NULL: all), newest
 * first, at most @limit (0: no limit). Element-type DdActionRecord (freed
 * with the array); NULL with an error. */
GPtrArray      *dd_action_log_list         (DdCache              *cache,
                                            const char           *account_id,
                                            const char           *order_id,
                                            guint                 limit,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* The entry holding @idempotency_key, or NULL: with @error set on failure,
 * else because there is none. */
DdActionRecord *dd_action_log_find_key     (DdCache              *cache,
                                            const char           *idempotency_key,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* The entries still "sending" or "unknown" (of @account_id; NULL: all),
 * oldest first: after a crash, the orders to read back. As
 * dd_action_log_list(). */
GPtrArray      *dd_action_log_unfinished   (DdCache              *cache,
                                            const char           *account_id,
                                            GError              **error) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the whole log as CSV (RFC 4180, CRLF) to @out, in the order the
 * entries were logged, after a UTF-8 byte-order mark when @bom: a
 * translated header row (Time, Account, Order, Action, State, Result,
 * Request ID, Idempotency Key, Parameters), then one row an entry (the time
 * in ISO 8601 in the local zone with its offset, e.g.
 * 2023-11-15T06:13:20+08:00; action and state as their translated labels).
 * Read a page at a time. @out is flushed, not closed. */
gboolean        dd_action_log_export_csv   (DdCache              *cache,
                                            GOutputStream        *out,
                                            gboolean              bom,
                                            GCancellable         *cancellable,
                                            GError              **error);

G_END_DECLS
