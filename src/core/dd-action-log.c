/* dd-action-log.c: every write sent to a platform, logged in the cache
 *
 * The table is action_log (dd-cache-schema.c, version 5). Writes run on
 * the cache's writer connection under its write lock, each in one
 * transaction; reads on the loader connection under its lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-action-log.h"
#include "dd-cache-private.h"
#include "dd-export.h"

#define EXPORT_PAGE 500

/* ---- Names ---------------------------------------------------------------- */

static const char * const action_nicks[] = {
  "cancel", "pay-balance", "upload-voucher", "pay-url", "create-purchase", "cancel-after-sale",
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_nicks) == DD_ACTION_LAST + 1);

static const char * const state_nicks[] = {
  "sending", "done", "failed", "unknown", "confirmed-by-read-back",
};

G_STATIC_ASSERT (G_N_ELEMENTS (state_nicks) == DD_ACTION_STATE_LAST + 1);

/* The index of @nick in @nicks, or -1. */
static int
find_nick (const char * const *nicks,
           guint               n_nicks,
           const char         *nick)
{
  for (guint i = 0; nick != NULL && i < n_nicks; i++)
    if (g_str_equal (nick, nicks[i]))
      return (int) i;
  return -1;
}

const char *
dd_action_to_nick (DdAction action)
{
  return (guint) action <= DD_ACTION_LAST ? action_nicks[action] : NULL;
}

gboolean
dd_action_from_nick (const char *nick,
                     DdAction   *action)
{
  int i = find_nick (action_nicks, G_N_ELEMENTS (action_nicks), nick);

  g_return_val_if_fail (action != NULL, FALSE);

  if (i < 0)
    return FALSE;
  *action = (DdAction) i;
  return TRUE;
}

const char *
dd_action_state_to_nick (DdActionState state)
{
  return (guint) state <= DD_ACTION_STATE_LAST ? state_nicks[state] : NULL;
}

gboolean
dd_action_state_from_nick (const char    *nick,
                           DdActionState *state)
{
  int i = find_nick (state_nicks, G_N_ELEMENTS (state_nicks), nick);

  g_return_val_if_fail (state != NULL, FALSE);

  if (i < 0)
    return FALSE;
  *state = (DdActionState) i;
  return TRUE;
}

const char *
dd_action_state_get_label (DdActionState state)
{
  switch (state)
    {
    case DD_ACTION_STATE_SENDING:
      return C_("action state", "Sending");
    case DD_ACTION_STATE_DONE:
      return C_("action state", "Done");
    case DD_ACTION_STATE_FAILED:
      return C_("action state", "Failed");
    case DD_ACTION_STATE_CONFIRMED_BY_READ_BACK:
      return C_("action state", "Confirmed by reading the order back");
    case DD_ACTION_STATE_UNKNOWN:
    default:
      return C_("action state", "Outcome unknown");
    }
}

/* ---- Records ---------------------------------------------------------------- */

void
dd_action_record_free (DdActionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->account_id);
  g_free (record->order_id);
  g_free (record->params);
  g_free (record->idempotency_key);
  g_free (record->result);
  g_free (record->request_id);
  g_free (record);
}

DdActionRecord *
dd_action_record_copy (const DdActionRecord *record)
{
  DdActionRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->account_id = g_strdup (record->account_id);
  copy->order_id = g_strdup (record->order_id);
  copy->params = g_strdup (record->params);
  copy->idempotency_key = g_strdup (record->idempotency_key);
  copy->result = g_strdup (record->result);
  copy->request_id = g_strdup (record->request_id);
  return copy;
}

/* ---- Secrets ---------------------------------------------------------------- */

static gboolean
is_secret_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return strstr (lower, "secret") != NULL ||
         strstr (lower, "token") != NULL ||
         strstr (lower, "password") != NULL ||
         strstr (lower, "signature") != NULL ||
         g_str_equal (lower, "sign") ||
         g_str_has_suffix (lower, "_sign");
}

static void strip_node (JsonNode *node);

static void
strip_object (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (is_secret_name (name))
        json_object_remove_member (object, name);
      else
        strip_node (json_object_get_member (object, name));
    }
}

static void
strip_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    strip_object (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_node (json_array_get_element (array, i));
    }
}

char *
dd_action_params_strip (const char  *params,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  JsonNode *root;

  if (params == NULL)
    return g_strdup ("{}");

  if (!json_parser_load_from_data (parser, params, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The action’s parameters are not a JSON object"));
      return NULL;
    }

  strip_node (root);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* ---- Writing ---------------------------------------------------------------- */

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* On the writer, in the transaction: the earlier entry holding @key
 * reused for a retry (its id in *@id), or an error; *@id 0: none. */
static gboolean
reuse_key (DdCache              *self,
           const DdActionRecord *record,
           gint64                now,
           gint64               *id,
           GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  DdActionState state = DD_ACTION_STATE_SENDING;
  gboolean same = FALSE;
  int rc;

  *id = 0;
  rc = sqlite3_prepare_v2 (self->writer,
                           "SELECT id, state, account_id, action FROM action_log"
                           " WHERE idempotency_key = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, record->idempotency_key, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      dd_action_state_from_nick ((const char *) sqlite3_column_text (stmt, 1), &state);
      same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), record->account_id) == 0 &&
             g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3),
                        dd_action_to_nick (record->action)) == 0;
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
      return FALSE;
    }
  if (*id == 0)
    return TRUE;

  if (!same || state == DD_ACTION_STATE_DONE || state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s is an idempotency key, e.g. "DD-20240601-7f3a" */
                   _("An action with the key “%s” was already done; it is not sent again"),
                   record->idempotency_key);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->writer,
                           "UPDATE action_log SET state = 'sending', result = NULL,"
                           " request_id = NULL, updated_ms = ?2 WHERE id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, *id);
      sqlite3_bind_int64 (stmt, 2, now);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_entry (DdCache              *self,
              const DdActionRecord *record,
              const char           *params,
              gint64                now,
              gint64               *id,
              GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->writer,
                           "INSERT INTO action_log (time_ms, account_id, order_id, action, params,"
                           "                        idempotency_key, state, updated_ms)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'sending', ?7)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, record->time_ms > 0 ? record->time_ms : now);
      sqlite3_bind_text (stmt, 2, record->account_id, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 3, record->order_id);
      sqlite3_bind_text (stmt, 4, dd_action_to_nick (record->action), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, params, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 6, record->idempotency_key);
      sqlite3_bind_int64 (stmt, 7, now);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
      return FALSE;
    }
  *id = sqlite3_last_insert_rowid (self->writer);
  return TRUE;
}

gint64
dd_action_log_begin (DdCache              *self,
                     const DdActionRecord *record,
                     GError              **error)
{
  g_autofree char *params = NULL;
  gint64 now = g_get_real_time () / 1000;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (DD_IS_CACHE (self), 0);
  g_return_val_if_fail (record != NULL, 0);
  g_return_val_if_fail (record->account_id != NULL, 0);
  g_return_val_if_fail ((guint) record->action <= DD_ACTION_LAST, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  params = dd_action_params_strip (record->params, error);
  if (params == NULL)
    return 0;

  g_mutex_lock (&self->write_lock);

  /* This commit reaches the disk before the request is sent, even across a
   * power cut (the cache otherwise commits with synchronous = NORMAL). */
  ok = dd_cache_exec (self->writer, "PRAGMA synchronous = FULL", DD_CACHE_OP_SAVE, error) &&
       dd_cache_exec (self->writer, "BEGIN IMMEDIATE", DD_CACHE_OP_SAVE, error);
  if (ok && record->idempotency_key != NULL)
    ok = reuse_key (self, record, now, &id, error);
  if (ok && id == 0)
    ok = insert_entry (self, record, params, now, &id, error);
  if (ok)
    ok = dd_cache_exec (self->writer, "COMMIT", DD_CACHE_OP_SAVE, error);
  if (!ok && !sqlite3_get_autocommit (self->writer))
    dd_cache_exec (self->writer, "ROLLBACK", DD_CACHE_OP_SAVE, NULL);
  dd_cache_exec (self->writer, "PRAGMA synchronous = NORMAL", DD_CACHE_OP_SAVE, NULL);

  g_mutex_unlock (&self->write_lock);

  return ok ? id : 0;
}

gboolean
dd_action_log_finish (DdCache        *self,
                      gint64          id,
                      DdActionState   state,
                      const char     *result,
                      const char     *request_id,
                      GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (state != DD_ACTION_STATE_SENDING && state <= DD_ACTION_STATE_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->write_lock);
  rc = sqlite3_prepare_v2 (self->writer,
                           "UPDATE action_log SET state = ?2, result = ?3, request_id = ?4,"
                           " updated_ms = ?5 WHERE id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, dd_action_state_to_nick (state), -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 3, result);
      bind_text_or_null (stmt, 4, request_id);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / 1000);
      rc = sqlite3_step (stmt);
      found = rc == SQLITE_DONE && sqlite3_changes (self->writer) > 0;
    }
  if (rc != SQLITE_DONE)
    dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->write_lock);

  if (rc != SQLITE_DONE)
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The action is no longer in the action log"));
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_action_log_set_order_id (DdCache     *self,
                            gint64       id,
                            const char  *order_id,
                            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (id > 0, FALSE);
  g_return_val_if_fail (order_id != NULL && *order_id != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->write_lock);
  rc = sqlite3_prepare_v2 (self->writer,
                           "UPDATE action_log SET order_id = ?2, updated_ms = ?3 WHERE id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / 1000);
      rc = sqlite3_step (stmt);
      found = rc == SQLITE_DONE && sqlite3_changes (self->writer) > 0;
    }
  if (rc != SQLITE_DONE)
    dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->write_lock);

  if (rc != SQLITE_DONE)
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The action is no longer in the action log"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Reading ---------------------------------------------------------------- */

#define RECORD_COLUMNS \
  "id, time_ms, account_id, order_id, action, params, idempotency_key, state," \
  " result, request_id, updated_ms"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static DdActionRecord *
record_from_row (sqlite3_stmt *stmt)
{
  DdActionRecord *record = g_new0 (DdActionRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->time_ms = sqlite3_column_int64 (stmt, 1);
  record->account_id = column_dup (stmt, 2);
  record->order_id = column_dup (stmt, 3);
  if (!dd_action_from_nick ((const char *) sqlite3_column_text (stmt, 4), &record->action))
    record->action = (DdAction) -1;
  record->params = column_dup (stmt, 5);
  record->idempotency_key = column_dup (stmt, 6);
  if (!dd_action_state_from_nick ((const char *) sqlite3_column_text (stmt, 7), &record->state))
    record->state = DD_ACTION_STATE_UNKNOWN;
  record->result = column_dup (stmt, 8);
  record->request_id = column_dup (stmt, 9);
  record->updated_ms = sqlite3_column_int64 (stmt, 10);
  return record;
}

/* Runs @sql on the loader with text parameters ?1 @p1, ?2 @p2 (NULL: SQL
 * NULL), integers ?3 @p3 and ?4 @p4 (those @sql has); the rows as records. */
static GPtrArray *
query_records (DdCache     *self,
               const char  *sql,
               const char  *p1,
               const char  *p2,
               gint64       p3,
               gint64       p4,
               GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_action_record_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_mutex_lock (&self->load_lock);
  rc = sqlite3_prepare_v2 (self->loader, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_text_or_null (stmt, 1, p1);
      bind_text_or_null (stmt, 2, p2);
      sqlite3_bind_int64 (stmt, 3, p3);
      sqlite3_bind_int64 (stmt, 4, p4);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (records, record_from_row (stmt));
    }
  if (rc != SQLITE_DONE)
    dd_cache_set_sqlite_error (error, self->loader, rc, DD_CACHE_OP_READ);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->load_lock);

  return rc == SQLITE_DONE ? g_steal_pointer (&records) : NULL;
}

GPtrArray *
dd_action_log_list (DdCache     *self,
                    const char  *account_id,
                    const char  *order_id,
                    guint        limit,
                    GError     **error)
{
  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_records (self,
                        "SELECT " RECORD_COLUMNS " FROM action_log"
                        " WHERE (?1 IS NULL OR account_id = ?1)"
                        " AND (?2 IS NULL OR order_id = ?2)"
                        " ORDER BY time_ms DESC, id DESC LIMIT ?3",
                        account_id, order_id, limit > 0 ? (gint64) limit : -1, 0, error);
}

DdActionRecord *
dd_action_log_find_key (DdCache     *self,
                        const char  *idempotency_key,
                        GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (idempotency_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = query_records (self,
                           "SELECT " RECORD_COLUMNS " FROM action_log"
                           " WHERE idempotency_key = ?1 LIMIT ?3",
                           idempotency_key, NULL, 1, 0, error);
  if (records == NULL || records->len == 0)
    return NULL;
  return g_ptr_array_steal_index (records, 0);
}

GPtrArray *
dd_action_log_unfinished (DdCache     *self,
                          const char  *account_id,
                          GError     **error)
{
  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return query_records (self,
                        "SELECT " RECORD_COLUMNS " FROM action_log"
                        " WHERE state IN ('sending', 'unknown')"
                        " AND (?1 IS NULL OR account_id = ?1)"
                        " ORDER BY time_ms, id LIMIT ?3",
                        account_id, NULL, -1, 0, error);
}

/* ---- Export ---------------------------------------------------------------- */

static GStrv
export_header (void)
{
  const char * const header[] = {
    /* Translators: column titles of the action log's CSV export */
    C_("action log column", "Time"),
    C_("action log column", "Account"),
    C_("action log column", "Order"),
    C_("action log column", "Action"),
    C_("action log column", "State"),
    C_("action log column", "Result"),
    C_("action log column", "Request ID"),
    C_("action log column", "Idempotency Key"),
    C_("action log column", "Parameters"),
    NULL,
  };

  return g_strdupv ((char **) header);
}

static void
append_record (GString              *out,
               const DdActionRecord *record,
               GTimeZone            *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (record->time_ms / 1000);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
  g_autofree char *time = local != NULL ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
  const char *action = (guint) record->action <= DD_ACTION_LAST
                       ? dd_action_rules_get_label (record->action) : NULL;
  /* dd_csv_append_row() ends at the first NULL: empty fields are "". */
  const char * const fields[] = {
    time != NULL ? time : "",
    record->account_id != NULL ? record->account_id : "",
    record->order_id != NULL ? record->order_id : "",
    action != NULL ? action : "",
    dd_action_state_get_label (record->state),
    record->result != NULL ? record->result : "",
    record->request_id != NULL ? record->request_id : "",
    record->idempotency_key != NULL ? record->idempotency_key : "",
    record->params != NULL ? record->params : "",
    NULL,
  };

  dd_csv_append_row (out, fields);
}

static gboolean
write_out (GOutputStream  *out,
           GString        *buffer,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (buffer->len > 0 &&
      !g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     /* Translators: %s is the system's reason, e.g. "No space left on device" */
                     _("The action log could not be exported: %s"), local_error->message);
      return FALSE;
    }
  g_string_truncate (buffer, 0);
  return TRUE;
}

gboolean
dd_action_log_export_csv (DdCache        *self,
                          GOutputStream  *out,
                          gboolean        bom,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_auto(GStrv) header = export_header ();
  gint64 after_id = 0;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bom)
    g_string_append (buffer, "\xEF\xBB\xBF");
  dd_csv_append_row (buffer, (const char * const *) header);

  /* Page by id (entries are logged in time order, so ids follow it), the
   * lock released between pages. */
  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = query_records (self,
                            "SELECT " RECORD_COLUMNS " FROM action_log"
                            " WHERE id > ?4 ORDER BY id LIMIT ?3",
                            NULL, NULL, EXPORT_PAGE, after_id, error);
      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        append_record (buffer, g_ptr_array_index (page, i), zone);
      if (!write_out (out, buffer, cancellable, error))
        return FALSE;
      if (page->len < EXPORT_PAGE)
        break;
      after_id = ((DdActionRecord *) g_ptr_array_index (page, page->len - 1))->id;
    }

  return write_out (out, buffer, cancellable, error) &&
         g_output_stream_flush (out, cancellable, error);
}
