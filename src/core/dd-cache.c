/* dd-cache.c: the SQLite cache of orders
 *
 * The schema is in dd-cache-schema.c, the search indexes and the query SQL
 * in dd-cache-search.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-cache-private.h"
#include "dd-pp-client.h"
#include "dd-top-client.h"
#include "dd-tw-parse.h"

#define BUSY_TIMEOUT_MS 5000


G_DEFINE_FINAL_TYPE (DdCache, dd_cache, G_TYPE_OBJECT)

/* An upsert that only touches a row whose content differs (the raw JSON
 * too, in its own table: ?13), so RETURNING yields the row id of inserted
 * and really changed rows only. */
static const char upsert_sql[] =
  "INSERT INTO orders (account_id, platform, order_id, status, raw_status, buyer, receiver,"
  "                    total_minor, currency, created_ms, modified_ms, payment_channel)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
  " ON CONFLICT (account_id, order_id) DO UPDATE SET"
  "   platform = excluded.platform, status = excluded.status,"
  "   raw_status = excluded.raw_status, buyer = excluded.buyer,"
  "   receiver = excluded.receiver,"
  "   total_minor = excluded.total_minor, currency = excluded.currency,"
  "   created_ms = excluded.created_ms, modified_ms = excluded.modified_ms,"
  "   payment_channel = excluded.payment_channel"
  " WHERE orders.modified_ms IS NOT excluded.modified_ms"
  "    OR orders.status IS NOT excluded.status"
  "    OR orders.raw_status IS NOT excluded.raw_status"
  "    OR orders.platform IS NOT excluded.platform"
  "    OR orders.buyer IS NOT excluded.buyer"
  "    OR orders.receiver IS NOT excluded.receiver"
  "    OR orders.total_minor IS NOT excluded.total_minor"
  "    OR orders.currency IS NOT excluded.currency"
  "    OR orders.created_ms IS NOT excluded.created_ms"
  "    OR orders.payment_channel IS NOT excluded.payment_channel"
  "    OR (SELECT raw_json FROM order_json WHERE order_json.id = orders.id) IS NOT ?13"
  " RETURNING id";

/* The one place that turns SQLite's result codes into sentences. */
void
dd_cache_set_sqlite_error (GError    **error,
                           sqlite3    *db,
                           int         rc,
                           DdCacheOp   op)
{
  GIOErrorEnum code = G_IO_ERROR_FAILED;
  const char *reason;

  g_debug ("SQLite error %d (%s): %s", rc, sqlite3_errstr (rc),
           db != NULL ? sqlite3_errmsg (db) : "");

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = G_IO_ERROR_NO_SPACE;
      reason = _("the disk is full");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = G_IO_ERROR_BUSY;
      reason = _("another program is using it");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      code = G_IO_ERROR_PERMISSION_DENIED;
      reason = _("permission to write it was denied");
      break;
    case SQLITE_CANTOPEN:
      code = G_IO_ERROR_NOT_FOUND;
      reason = _("the file or its folder cannot be accessed");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = G_IO_ERROR_INVALID_DATA;
      reason = _("the file is damaged or is not an order cache");
      break;
    case SQLITE_IOERR:
      reason = _("the disk reported an error");
      break;
    case SQLITE_NOMEM:
      reason = _("the computer is out of memory");
      break;
    case SQLITE_CONSTRAINT:
      code = G_IO_ERROR_INVALID_DATA;
      reason = _("an order is incomplete");
      break;
    default:
      reason = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
      break;
    }

  switch (op)
    {
    case DD_CACHE_OP_OPEN:
      /* Translators: %s says why, e.g. "the disk is full" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be opened: %s"), reason);
      break;
    case DD_CACHE_OP_UPGRADE:
      /* Translators: %s says why, e.g. "the disk is full" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be upgraded: %s"), reason);
      break;
    case DD_CACHE_OP_SAVE:
      /* Translators: %s says why, e.g. "the disk is full" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be saved: %s"), reason);
      break;
    case DD_CACHE_OP_READ:
    default:
      /* Translators: %s says why, e.g. "the file is damaged or is not an order cache" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be read: %s"), reason);
      break;
    }
}

gboolean
dd_cache_exec (sqlite3     *db,
               const char  *sql,
               DdCacheOp    op,
               GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      dd_cache_set_sqlite_error (error, db, rc, op);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_cache_prepare (sqlite3       *db,
                  const char    *sql,
                  sqlite3_stmt **stmt,
                  GError       **error)
{
  int rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      dd_cache_set_sqlite_error (error, db, rc, DD_CACHE_OP_OPEN);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_cache_check_known_version (int      version,
                              GError **error)
{
  if (version >= 0 && version <= DD_CACHE_SCHEMA_VERSION)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               /* Translators: %d are schema version numbers */
               _("The order cache was written by a newer version of Dingdan (format %d; "
                 "this version reads up to format %d). Update Dingdan to open it."),
               version, DD_CACHE_SCHEMA_VERSION);
  return FALSE;
}

static sqlite3 *
open_connection (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  /* Each connection is only ever used under its own lock (write_lock,
   * read_lock): SQLite's per-call mutex would only cost time. */
  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      dd_cache_set_sqlite_error (error, db, rc, DD_CACHE_OP_OPEN);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* order_names cannot be read or written without it. */
  if (!dd_cache_register_tokenizer (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static void
dd_cache_finalize (GObject *object)
{
  DdCache *self = DD_CACHE (object);

  g_clear_pointer (&self->upsert_stmt, sqlite3_finalize);
  g_clear_pointer (&self->row_id_stmt, sqlite3_finalize);
  g_clear_pointer (&self->json_set_stmt, sqlite3_finalize);
  g_clear_pointer (&self->state_set_stmt, sqlite3_finalize);
  dd_cache_indexer_clear (&self->indexer);
  g_clear_pointer (&self->load_stmt, sqlite3_finalize);
  g_clear_pointer (&self->lookup_stmt, sqlite3_finalize);
  g_clear_pointer (&self->state_get_stmt, sqlite3_finalize);
  g_clear_pointer (&self->loader, sqlite3_close);
  g_clear_pointer (&self->reader, sqlite3_close);
  g_clear_pointer (&self->writer, sqlite3_close);
  g_mutex_clear (&self->write_lock);
  g_clear_pointer (&self->removed, g_hash_table_unref);
  g_mutex_clear (&self->read_lock);
  g_mutex_clear (&self->load_lock);
  g_free (self->path);

  G_OBJECT_CLASS (dd_cache_parent_class)->finalize (object);
}

static void
dd_cache_class_init (DdCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_cache_finalize;
}

static void
dd_cache_init (DdCache *self)
{
  g_mutex_init (&self->write_lock);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->read_lock);
  g_mutex_init (&self->load_lock);
}

char *
dd_cache_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dingdan", "orders.db", NULL);
}

DdCache *
dd_cache_new (const char  *path,
              GError     **error)
{
  g_autoptr(DdCache) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the system's reason */
                   _("The order cache could not be opened: the folder %s could not be created (%s)"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (DD_TYPE_CACHE, NULL);
  self->path = g_strdup (path);

  self->writer = open_connection (path, error);
  if (self->writer == NULL || !dd_cache_migrate (self->writer, &self->schema_version, error))
    return NULL;

  self->reader = open_connection (path, error);
  if (self->reader == NULL ||
      !dd_cache_exec (self->reader,
                      /* No memory map: its pages would count in the app's
                       * RSS (300 MB at a million orders) for no gain in
                       * the queries' time (measured with bench-query). */
                      "PRAGMA query_only = ON; PRAGMA foreign_keys = ON;",
                      DD_CACHE_OP_OPEN, error) ||
      !dd_cache_register_collect (self, error))
    return NULL;

  self->loader = open_connection (path, error);
  if (self->loader == NULL ||
      !dd_cache_exec (self->loader, "PRAGMA query_only = ON;", DD_CACHE_OP_OPEN, error))
    return NULL;

  if (!dd_cache_prepare (self->writer, upsert_sql, &self->upsert_stmt, error) ||
      !dd_cache_prepare (self->writer,
                         "SELECT id FROM orders WHERE account_id = ?1 AND order_id = ?2",
                         &self->row_id_stmt, error) ||
      !dd_cache_prepare (self->writer,
                         "INSERT OR REPLACE INTO order_json (id, raw_json) VALUES (?1, ?2)",
                         &self->json_set_stmt, error) ||
      !dd_cache_prepare (self->writer,
                         "INSERT INTO sync_state (account_id, cursor_ms, updated_ms, backfill_page,"
                         "                        backfill_page_size, backfill_start_ms)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                         " ON CONFLICT (account_id) DO UPDATE SET"
                         "   cursor_ms = excluded.cursor_ms, updated_ms = excluded.updated_ms,"
                         "   backfill_page = excluded.backfill_page,"
                         "   backfill_page_size = excluded.backfill_page_size,"
                         "   backfill_start_ms = excluded.backfill_start_ms",
                         &self->state_set_stmt, error) ||
      !dd_cache_indexer_init (&self->indexer, self->writer, error) ||
      !dd_cache_prepare (self->loader,
                         "SELECT j.raw_json, o.platform, o.account_id, o.id"
                         " FROM orders AS o JOIN order_json AS j ON j.id = o.id WHERE o.id = ?1",
                         &self->load_stmt, error) ||
      !dd_cache_prepare (self->loader,
                         "SELECT j.raw_json, o.platform, o.account_id, o.id"
                         " FROM orders AS o JOIN order_json AS j ON j.id = o.id"
                         " WHERE o.account_id = ?1 AND o.order_id = ?2",
                         &self->lookup_stmt, error) ||
      /* On the loader, whose lock is only ever held for a row: the main
       * thread reads the state when a sync starts, and must not wait for a
       * list query running on the reader in a worker. */
      !dd_cache_prepare (self->loader,
                         "SELECT cursor_ms, backfill_page, backfill_page_size, backfill_start_ms"
                         " FROM sync_state WHERE account_id = ?1",
                         &self->state_get_stmt, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
dd_cache_get_path (DdCache *self)
{
  g_return_val_if_fail (DD_IS_CACHE (self), NULL);

  return self->path;
}

int
dd_cache_get_schema_version (DdCache *self)
{
  g_return_val_if_fail (DD_IS_CACHE (self), 0);

  return self->schema_version;
}

void
dd_cache_set_max_page_count (DdCache *self,
                             guint    n_pages)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (DD_IS_CACHE (self));

  sql = g_strdup_printf ("PRAGMA max_page_count = %u", n_pages > 0 ? n_pages : 1073741823u);
  g_mutex_lock (&self->write_lock);
  dd_cache_exec (self->writer, sql, DD_CACHE_OP_SAVE, NULL);
  g_mutex_unlock (&self->write_lock);
}

gboolean
dd_cache_optimize (DdCache  *self,
                   GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->write_lock);
  ok = dd_cache_exec (self->writer,
                      "INSERT INTO order_text (order_text) VALUES ('optimize');"
                      "INSERT INTO order_names (order_names) VALUES ('optimize');"
                      "PRAGMA optimize;",
                      DD_CACHE_OP_SAVE, error) &&
       dd_cache_exec (self->writer, "PRAGMA wal_checkpoint(TRUNCATE)", DD_CACHE_OP_SAVE, error);
  g_mutex_unlock (&self->write_lock);

  return ok;
}

static gint64
date_time_to_ms (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

const char *
dd_cache_order_buyer (DdOrder *order)
{
  const char *buyer = dd_order_get_buyer_name (order);

  if (buyer == NULL || buyer[0] == '\0')
    buyer = dd_order_get_buyer_id (order);
  return buyer;
}

static void
bind_order (sqlite3_stmt *stmt,
            const char   *account_id,
            DdOrder      *order,
            const char   *receiver)
{
  const DdMoney *total = dd_order_get_total (order);
  GDateTime *created = dd_order_get_created (order);
  GDateTime *modified = dd_order_get_modified (order);

  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dd_order_get_platform (order), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dd_order_get_order_id (order), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) dd_order_get_status (order));
  bind_text_or_null (stmt, 5, dd_order_get_raw_status (order));
  bind_text_or_null (stmt, 6, dd_cache_order_buyer (order));
  bind_text_or_null (stmt, 7, receiver);
  if (total != NULL)
    {
      sqlite3_bind_int64 (stmt, 8, total->minor);
      bind_text_or_null (stmt, 9, total->currency);
    }
  else
    {
      sqlite3_bind_null (stmt, 8);
      sqlite3_bind_null (stmt, 9);
    }
  if (created != NULL)
    sqlite3_bind_int64 (stmt, 10, date_time_to_ms (created));
  else
    sqlite3_bind_null (stmt, 10);
  if (modified != NULL)
    sqlite3_bind_int64 (stmt, 11, date_time_to_ms (modified));
  else
    sqlite3_bind_null (stmt, 11);
  bind_text_or_null (stmt, 12, dd_order_get_payment_channel (order));
  sqlite3_bind_text (stmt, 13, dd_order_get_raw_json (order), -1, SQLITE_STATIC);
}

static void
stmt_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* A row inserted or changed: its search indexes are written once every
 * order of the page is in (see dd_cache_store_page_with_state()). */
typedef struct
{
  gint64    row_id;
  gboolean  is_new;
  DdOrder  *order;      /* borrowed from the page */
  char     *receiver;   /* owned */
  char     *tracking;   /* owned */
  char     *titles;     /* owned */
} IndexJob;

static void
index_job_clear (gpointer data)
{
  IndexJob *job = data;

  g_free (job->receiver);
  g_free (job->tracking);
  g_free (job->titles);
}

/* Upserts one order and its raw JSON, and queues its indexing on @jobs;
 * called with the write lock held, inside the transaction. */
static gboolean
store_order (DdCache     *self,
             const char  *account_id,
             DdOrder     *order,
             GArray      *jobs,
             GArray      *changed_rowids,
             GError     **error)
{
  const char *order_account = dd_order_get_account_id (order);
  const char *order_id = dd_order_get_order_id (order);
  g_autofree char *receiver = NULL;
  g_autofree char *tracking = NULL;
  g_autofree char *titles = NULL;
  gint64 row_id, last_insert;
  int rc;

  if (order_id == NULL || order_id[0] == '\0' ||
      dd_order_get_platform (order) == NULL ||
      dd_order_get_raw_json (order) == NULL ||
      (order_account != NULL && g_strcmp0 (order_account, account_id) != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The order cache could not be saved: an order is incomplete"));
      return FALSE;
    }

  dd_cache_order_search_text (order, &receiver, &tracking, &titles);
  bind_order (self->upsert_stmt, account_id, order, receiver);
  last_insert = sqlite3_last_insert_rowid (self->writer);
  rc = sqlite3_step (self->upsert_stmt);
  if (rc == SQLITE_ROW)
    {
      IndexJob job;

      /* Inserted or really changed: an insert sets the last rowid (an
       * upsert's update does not). */
      row_id = sqlite3_column_int64 (self->upsert_stmt, 0);
      rc = sqlite3_step (self->upsert_stmt);
      stmt_done (self->upsert_stmt);
      if (rc != SQLITE_DONE)
        goto failed;

      sqlite3_bind_int64 (self->json_set_stmt, 1, row_id);
      sqlite3_bind_text (self->json_set_stmt, 2, dd_order_get_raw_json (order), -1, SQLITE_STATIC);
      rc = sqlite3_step (self->json_set_stmt);
      stmt_done (self->json_set_stmt);
      if (rc != SQLITE_DONE)
        goto failed;

      job.row_id = row_id;
      job.is_new = row_id != last_insert && sqlite3_last_insert_rowid (self->writer) == row_id;
      job.order = order;
      job.receiver = g_steal_pointer (&receiver);
      job.tracking = g_steal_pointer (&tracking);
      job.titles = g_steal_pointer (&titles);
      g_array_append_val (jobs, job);
      if (changed_rowids != NULL)
        g_array_append_val (changed_rowids, row_id);
    }
  else
    {
      stmt_done (self->upsert_stmt);
      if (rc != SQLITE_DONE)
        goto failed;

      /* Unchanged: the row is there, with its id. */
      sqlite3_bind_text (self->row_id_stmt, 1, account_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (self->row_id_stmt, 2, order_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (self->row_id_stmt);
      row_id = rc == SQLITE_ROW ? sqlite3_column_int64 (self->row_id_stmt, 0) : 0;
      stmt_done (self->row_id_stmt);
      if (rc != SQLITE_ROW)
        goto failed;
    }

  dd_order_set_row_id (order, row_id);
  return TRUE;

failed:
  dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
  return FALSE;
}

/* Writes the queued search indexes, in order (a row twice in a page ends
 * as its last). */
static gboolean
store_index_jobs (DdCache  *self,
                  GArray   *jobs,
                  GError  **error)
{
  for (guint i = 0; i < jobs->len; i++)
    {
      const IndexJob *job = &g_array_index (jobs, IndexJob, i);
      int rc;

      rc = dd_cache_indexer_set (&self->indexer, job->row_id, job->is_new,
                                 dd_order_get_order_id (job->order),
                                 dd_cache_order_buyer (job->order),
                                 job->receiver, job->tracking, job->titles);
      if (rc != SQLITE_OK)
        {
          dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
store_state (DdCache            *self,
             const char         *account_id,
             const DdSyncState  *state,
             GError            **error)
{
  sqlite3_stmt *stmt = self->state_set_stmt;
  int rc;

  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  if (state->cursor_ms >= 0)
    sqlite3_bind_int64 (stmt, 2, state->cursor_ms);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / 1000);
  sqlite3_bind_int64 (stmt, 4, state->backfill_page);
  sqlite3_bind_int64 (stmt, 5, state->backfill_page_size);
  sqlite3_bind_int64 (stmt, 6, state->backfill_start_ms);
  rc = sqlite3_step (stmt);
  stmt_done (stmt);
  if (rc != SQLITE_DONE)
    {
      dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_cache_store_page_with_state (DdCache            *self,
                                const char         *account_id,
                                GPtrArray          *orders,
                                const DdSyncState  *state,
                                GArray             *changed_rowids,
                                GError            **error)
{
  g_autoptr(GArray) jobs = NULL;
  guint n_changed_before;
  gboolean ok = TRUE;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (orders != NULL, FALSE);
  g_return_val_if_fail (changed_rowids == NULL ||
                        g_array_get_element_size (changed_rowids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_changed_before = changed_rowids != NULL ? changed_rowids->len : 0;

  g_mutex_lock (&self->write_lock);

  /* A page of a sync still running when its account was removed (its
   * write was queued before the cancel) must not bring the orders back. */
  if (g_hash_table_contains (self->removed, account_id))
    {
      g_mutex_unlock (&self->write_lock);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The account was removed"));
      return FALSE;
    }

  if (!dd_cache_exec (self->writer, "BEGIN IMMEDIATE", DD_CACHE_OP_SAVE, error))
    {
      g_mutex_unlock (&self->write_lock);
      return FALSE;
    }

  /* The rows first, the search indexes after them. In SQLite 3.40 a
   * statement that may need undoing on its own (an upsert into a table with
   * indexes) opens a savepoint, and FTS5 writes out the tokens it holds at
   * every savepoint: interleaved, each order would become a segment of its
   * own in both indexes, to be merged again and again. */
  jobs = g_array_sized_new (FALSE, FALSE, sizeof (IndexJob), orders->len);
  g_array_set_clear_func (jobs, index_job_clear);
  for (guint i = 0; ok && i < orders->len; i++)
    ok = store_order (self, account_id, g_ptr_array_index (orders, i), jobs, changed_rowids, error);

  if (ok && state != NULL)
    ok = store_state (self, account_id, state, error);

  if (ok)
    ok = store_index_jobs (self, jobs, error);

  if (ok)
    ok = dd_cache_exec (self->writer, "COMMIT", DD_CACHE_OP_SAVE, error);

  if (!ok)
    {
      /* Nothing of the page is kept; the previous data stays as it was. */
      if (!sqlite3_get_autocommit (self->writer))
        dd_cache_exec (self->writer, "ROLLBACK", DD_CACHE_OP_SAVE, NULL);
      if (changed_rowids != NULL)
        g_array_set_size (changed_rowids, n_changed_before);
      for (guint i = 0; i < orders->len; i++)
        dd_order_set_row_id (g_ptr_array_index (orders, i), 0);
    }

  g_mutex_unlock (&self->write_lock);

  return ok;
}

gboolean
dd_cache_store_page (DdCache     *self,
                     const char  *account_id,
                     GPtrArray   *orders,
                     gint64       cursor_ms,
                     GArray      *changed_rowids,
                     GError     **error)
{
  DdSyncState state = { cursor_ms, 0, 0, 0 };

  return dd_cache_store_page_with_state (self, account_id, orders,
                                         cursor_ms >= 0 ? &state : NULL,
                                         changed_rowids, error);
}

void
dd_cache_get_sync_state (DdCache     *self,
                         const char  *account_id,
                         DdSyncState *state)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_if_fail (state != NULL);
  *state = (DdSyncState) DD_SYNC_STATE_INIT;
  g_return_if_fail (DD_IS_CACHE (self));
  g_return_if_fail (account_id != NULL);

  g_mutex_lock (&self->load_lock);
  stmt = self->state_get_stmt;
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        state->cursor_ms = sqlite3_column_int64 (stmt, 0);
      state->backfill_page = (guint) CLAMP (sqlite3_column_int64 (stmt, 1), 0, G_MAXUINT);
      state->backfill_page_size = (guint) CLAMP (sqlite3_column_int64 (stmt, 2), 0, G_MAXUINT);
      state->backfill_start_ms = sqlite3_column_int64 (stmt, 3);
    }
  else if (rc != SQLITE_DONE)
    g_warning ("Could not read the sync state: %s", sqlite3_errmsg (self->loader));
  stmt_done (stmt);
  g_mutex_unlock (&self->load_lock);
}

gint64
dd_cache_get_cursor (DdCache    *self,
                     const char *account_id)
{
  DdSyncState state = DD_SYNC_STATE_INIT;

  g_return_val_if_fail (DD_IS_CACHE (self), -1);
  g_return_val_if_fail (account_id != NULL, -1);

  dd_cache_get_sync_state (self, account_id, &state);
  return state.cursor_ms;
}

DdOrder *
dd_cache_order_from_row (sqlite3_stmt  *stmt,
                         GError       **error)
{
  const char *raw_json = (const char *) sqlite3_column_text (stmt, 0);
  int raw_len = sqlite3_column_bytes (stmt, 0);
  const char *platform = (const char *) sqlite3_column_text (stmt, 1);
  const char *account_id = (const char *) sqlite3_column_text (stmt, 2);
  gint64 row_id = sqlite3_column_int64 (stmt, 3);
  g_autoptr(DdOrder) order = NULL;

  /* Each platform's raw JSON is parsed back by its own client's parser. */
  if (g_strcmp0 (platform, DD_PLATFORM_TW) == 0)
    order = dd_tw_parse_order_module (raw_json, raw_len, error);
  else if (g_strcmp0 (platform, DD_PLATFORM_TOP) == 0)
    order = dd_top_parse_trade_json (raw_json, raw_len, error);
  else if (g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0)
    order = dd_top_pc_parse_order_json (raw_json, raw_len, error);
  else if (g_strcmp0 (platform, DD_PLATFORM_PANDAPON) == 0)
    order = dd_pp_parse_order_json (raw_json, raw_len, error);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a platform id this version does not know, such as "tw" */
                   _("The order cache holds an order of an unknown platform “%s”"),
                   platform != NULL ? platform : "");
      return NULL;
    }

  if (order == NULL)
    return NULL;

  dd_order_set_platform (order, platform);
  dd_order_set_account_id (order, account_id);
  dd_order_set_row_id (order, row_id);

  return g_steal_pointer (&order);
}

DdOrder *
dd_cache_load_order (DdCache  *self,
                     gint64    row_id,
                     GError  **error)
{
  DdOrder *order = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->load_lock);
  sqlite3_bind_int64 (self->load_stmt, 1, row_id);
  rc = sqlite3_step (self->load_stmt);
  if (rc == SQLITE_ROW)
    order = dd_cache_order_from_row (self->load_stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The order is no longer in the order cache"));
  else
    dd_cache_set_sqlite_error (error, self->loader, rc, DD_CACHE_OP_READ);
  stmt_done (self->load_stmt);
  g_mutex_unlock (&self->load_lock);

  return order;
}

DdOrder *
dd_cache_lookup_order (DdCache     *self,
                       const char  *account_id,
                       const char  *order_id,
                       GError     **error)
{
  DdOrder *order = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (order_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->load_lock);
  sqlite3_bind_text (self->lookup_stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->lookup_stmt, 2, order_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->lookup_stmt);
  if (rc == SQLITE_ROW)
    order = dd_cache_order_from_row (self->lookup_stmt, error);
  else if (rc != SQLITE_DONE)
    dd_cache_set_sqlite_error (error, self->loader, rc, DD_CACHE_OP_READ);
  stmt_done (self->lookup_stmt);
  g_mutex_unlock (&self->load_lock);

  return order;
}

guint64
dd_cache_count_orders (DdCache    *self,
                       const char *account_id)
{
  sqlite3_stmt *stmt = NULL;
  guint64 count = 0;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), 0);

  g_mutex_lock (&self->load_lock);
  rc = sqlite3_prepare_v2 (self->loader,
                           account_id != NULL
                             ? "SELECT count(*) FROM orders WHERE account_id = ?1"
                             : "SELECT count(*) FROM orders",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && account_id != NULL)
    sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = (guint64) sqlite3_column_int64 (stmt, 0);
  else
    g_warning ("Could not count the cached orders: %s", sqlite3_errmsg (self->loader));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->load_lock);

  return count;
}

gboolean
dd_cache_delete_account (DdCache     *self,
                         const char  *account_id,
                         GError     **error)
{
  static const char * const statements[] = {
    "DELETE FROM order_text WHERE rowid IN (SELECT id FROM orders WHERE account_id = ?1)",
    "DELETE FROM order_names WHERE rowid IN (SELECT id FROM orders WHERE account_id = ?1)",
    "DELETE FROM order_json WHERE id IN (SELECT id FROM orders WHERE account_id = ?1)",
    "DELETE FROM orders WHERE account_id = ?1",
    "DELETE FROM sync_state WHERE account_id = ?1",
    "DELETE FROM order_marks WHERE account_id = ?1",
  };
  gboolean ok;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->write_lock);

  ok = dd_cache_exec (self->writer, "BEGIN IMMEDIATE", DD_CACHE_OP_SAVE, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      rc = sqlite3_prepare_v2 (self->writer, statements[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
        }
      if (rc != SQLITE_DONE)
        {
          dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
          ok = FALSE;
        }
      sqlite3_finalize (stmt);
    }
  if (ok)
    ok = dd_cache_exec (self->writer, "COMMIT", DD_CACHE_OP_SAVE, error);
  if (!ok && !sqlite3_get_autocommit (self->writer))
    dd_cache_exec (self->writer, "ROLLBACK", DD_CACHE_OP_SAVE, NULL);
  /* Account ids are never reused (random UUIDs), so this is for good. */
  if (ok)
    g_hash_table_add (self->removed, g_strdup (account_id));

  g_mutex_unlock (&self->write_lock);

  return ok;
}
