/* dd-cache.c: the SQLite cache of orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dd-cache.h"
#include "dd-pp-client.h"
#include "dd-top-client.h"
#include "dd-tw-parse.h"

#define BUSY_TIMEOUT_MS 5000

struct _DdCache
{
  GObject       parent_instance;

  char         *path;
  int           schema_version;

  /* The writer: worker threads store pages on it, one at a time. */
  GMutex        write_lock;
  sqlite3      *writer;
  sqlite3_stmt *upsert_stmt;     /* owned; prepared once */
  sqlite3_stmt *row_id_stmt;     /* owned */
  sqlite3_stmt *cursor_set_stmt; /* owned */

  /* The reader: queries, mostly from the main thread. */
  GMutex        read_lock;
  sqlite3      *reader;
  sqlite3_stmt *load_stmt;       /* owned */
  sqlite3_stmt *lookup_stmt;     /* owned */
  sqlite3_stmt *cursor_get_stmt; /* owned */
};

G_DEFINE_FINAL_TYPE (DdCache, dd_cache, G_TYPE_OBJECT)

/* Schema migrations, in order: migrations[i] takes user_version i to i + 1.
 * Append only; never edit a migration that has shipped. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id TEXT NOT NULL,"
  "  platform TEXT NOT NULL,"
  "  order_id TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  raw_status TEXT,"
  "  buyer TEXT,"
  "  total_minor INTEGER,"
  "  currency TEXT,"
  "  created_ms INTEGER,"
  "  modified_ms INTEGER,"
  "  payment_channel TEXT,"
  "  raw_json TEXT NOT NULL,"
  "  UNIQUE (account_id, order_id)"
  ");",

  /* 1 → 2 */
  "CREATE TABLE sync_state ("
  "  account_id TEXT PRIMARY KEY,"
  "  cursor_ms INTEGER,"
  "  updated_ms INTEGER"
  ");"
  "CREATE INDEX orders_status ON orders (status);"
  "CREATE INDEX orders_created ON orders (created_ms);"
  "CREATE INDEX orders_modified ON orders (modified_ms);"
  "CREATE INDEX orders_buyer ON orders (buyer);"
  "CREATE INDEX orders_total ON orders (total_minor);"
  "CREATE INDEX orders_account_created ON orders (account_id, created_ms);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DD_CACHE_SCHEMA_VERSION);

/* An upsert that only touches a row whose content differs, so RETURNING
 * yields the row id of inserted and really changed rows only. */
static const char upsert_sql[] =
  "INSERT INTO orders (account_id, platform, order_id, status, raw_status, buyer,"
  "                    total_minor, currency, created_ms, modified_ms,"
  "                    payment_channel, raw_json)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
  " ON CONFLICT (account_id, order_id) DO UPDATE SET"
  "   platform = excluded.platform, status = excluded.status,"
  "   raw_status = excluded.raw_status, buyer = excluded.buyer,"
  "   total_minor = excluded.total_minor, currency = excluded.currency,"
  "   created_ms = excluded.created_ms, modified_ms = excluded.modified_ms,"
  "   payment_channel = excluded.payment_channel, raw_json = excluded.raw_json"
  " WHERE orders.raw_json IS NOT excluded.raw_json"
  "    OR orders.modified_ms IS NOT excluded.modified_ms"
  "    OR orders.status IS NOT excluded.status"
  "    OR orders.raw_status IS NOT excluded.raw_status"
  "    OR orders.platform IS NOT excluded.platform"
  "    OR orders.buyer IS NOT excluded.buyer"
  "    OR orders.total_minor IS NOT excluded.total_minor"
  "    OR orders.currency IS NOT excluded.currency"
  "    OR orders.created_ms IS NOT excluded.created_ms"
  "    OR orders.payment_channel IS NOT excluded.payment_channel"
  " RETURNING id";

typedef enum
{
  CACHE_OP_OPEN,
  CACHE_OP_UPGRADE,
  CACHE_OP_SAVE,
  CACHE_OP_READ,
} CacheOp;

/* The one place that turns SQLite's result codes into sentences. */
static void
set_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc,
                  CacheOp   op)
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
    case CACHE_OP_OPEN:
      /* Translators: %s says why, e.g. "the disk is full" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be opened: %s"), reason);
      break;
    case CACHE_OP_UPGRADE:
      /* Translators: %s says why, e.g. "the disk is full" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be upgraded: %s"), reason);
      break;
    case CACHE_OP_SAVE:
      /* Translators: %s says why, e.g. "the disk is full" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be saved: %s"), reason);
      break;
    case CACHE_OP_READ:
    default:
      /* Translators: %s says why, e.g. "the file is damaged or is not an order cache" */
      g_set_error (error, G_IO_ERROR, code, _("The order cache could not be read: %s"), reason);
      break;
    }
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          CacheOp      op,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, op);
      return FALSE;
    }
  return TRUE;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, CACHE_OP_OPEN);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_user_version (sqlite3  *db,
                   int      *version,
                   CacheOp   op,
                   GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, db, rc, op);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc, CACHE_OP_OPEN);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

/* A newer Dingdan made this file: leave it exactly as it is. */
static gboolean
check_known_version (int      version,
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

/* Takes the file from *@version to the next version in one transaction, and
 * sets *@version to the file's version after it (another process may have
 * migrated it while we waited for the lock). */
static gboolean
run_migration (DdCache  *self,
               int      *version,
               GError  **error)
{
  g_autofree char *set_version = NULL;
  int current;

  if (!exec_sql (self->writer, "BEGIN IMMEDIATE", CACHE_OP_UPGRADE, error))
    return FALSE;

  if (!read_user_version (self->writer, &current, CACHE_OP_UPGRADE, error))
    goto rollback;

  if (current == *version)
    {
      g_debug ("Migrating the order cache from version %d to %d", current, current + 1);
      set_version = g_strdup_printf ("PRAGMA user_version = %d", current + 1);
      if (!exec_sql (self->writer, migrations[current], CACHE_OP_UPGRADE, error) ||
          !exec_sql (self->writer, set_version, CACHE_OP_UPGRADE, error))
        goto rollback;
      current++;
    }

  if (!exec_sql (self->writer, "COMMIT", CACHE_OP_UPGRADE, error))
    goto rollback;

  *version = current;
  return TRUE;

rollback:
  exec_sql (self->writer, "ROLLBACK", CACHE_OP_UPGRADE, NULL);
  return FALSE;
}

static gboolean
migrate (DdCache  *self,
         GError  **error)
{
  int version;

  /* Checked before anything writes to the file. */
  if (!read_user_version (self->writer, &version, CACHE_OP_OPEN, error) ||
      !check_known_version (version, error))
    return FALSE;

  if (!exec_sql (self->writer,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = ON;",
                 CACHE_OP_OPEN, error))
    return FALSE;

  while (version < DD_CACHE_SCHEMA_VERSION)
    {
      if (!run_migration (self, &version, error) ||
          !check_known_version (version, error))
        return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}

static void
dd_cache_finalize (GObject *object)
{
  DdCache *self = DD_CACHE (object);

  g_clear_pointer (&self->upsert_stmt, sqlite3_finalize);
  g_clear_pointer (&self->row_id_stmt, sqlite3_finalize);
  g_clear_pointer (&self->cursor_set_stmt, sqlite3_finalize);
  g_clear_pointer (&self->load_stmt, sqlite3_finalize);
  g_clear_pointer (&self->lookup_stmt, sqlite3_finalize);
  g_clear_pointer (&self->cursor_get_stmt, sqlite3_finalize);
  g_clear_pointer (&self->reader, sqlite3_close);
  g_clear_pointer (&self->writer, sqlite3_close);
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->read_lock);
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
  g_mutex_init (&self->read_lock);
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
  if (self->writer == NULL || !migrate (self, error))
    return NULL;

  self->reader = open_connection (path, error);
  if (self->reader == NULL ||
      !exec_sql (self->reader, "PRAGMA query_only = ON; PRAGMA foreign_keys = ON;",
                 CACHE_OP_OPEN, error))
    return NULL;

  if (!prepare (self->writer, upsert_sql, &self->upsert_stmt, error) ||
      !prepare (self->writer,
                "SELECT id FROM orders WHERE account_id = ?1 AND order_id = ?2",
                &self->row_id_stmt, error) ||
      !prepare (self->writer,
                "INSERT INTO sync_state (account_id, cursor_ms, updated_ms) VALUES (?1, ?2, ?3)"
                " ON CONFLICT (account_id) DO UPDATE SET"
                "   cursor_ms = excluded.cursor_ms, updated_ms = excluded.updated_ms",
                &self->cursor_set_stmt, error) ||
      !prepare (self->reader,
                "SELECT raw_json, platform, account_id, id FROM orders WHERE id = ?1",
                &self->load_stmt, error) ||
      !prepare (self->reader,
                "SELECT raw_json, platform, account_id, id FROM orders"
                " WHERE account_id = ?1 AND order_id = ?2",
                &self->lookup_stmt, error) ||
      !prepare (self->reader,
                "SELECT cursor_ms FROM sync_state WHERE account_id = ?1",
                &self->cursor_get_stmt, error))
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
  exec_sql (self->writer, sql, CACHE_OP_SAVE, NULL);
  g_mutex_unlock (&self->write_lock);
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

static void
bind_order (sqlite3_stmt *stmt,
            const char   *account_id,
            DdOrder      *order)
{
  const DdMoney *total = dd_order_get_total (order);
  const char *buyer = dd_order_get_buyer_name (order);
  GDateTime *created = dd_order_get_created (order);
  GDateTime *modified = dd_order_get_modified (order);

  if (buyer == NULL || buyer[0] == '\0')
    buyer = dd_order_get_buyer_id (order);

  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dd_order_get_platform (order), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dd_order_get_order_id (order), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) dd_order_get_status (order));
  bind_text_or_null (stmt, 5, dd_order_get_raw_status (order));
  bind_text_or_null (stmt, 6, buyer);
  if (total != NULL)
    {
      sqlite3_bind_int64 (stmt, 7, total->minor);
      bind_text_or_null (stmt, 8, total->currency);
    }
  else
    {
      sqlite3_bind_null (stmt, 7);
      sqlite3_bind_null (stmt, 8);
    }
  if (created != NULL)
    sqlite3_bind_int64 (stmt, 9, date_time_to_ms (created));
  else
    sqlite3_bind_null (stmt, 9);
  if (modified != NULL)
    sqlite3_bind_int64 (stmt, 10, date_time_to_ms (modified));
  else
    sqlite3_bind_null (stmt, 10);
  bind_text_or_null (stmt, 11, dd_order_get_payment_channel (order));
  sqlite3_bind_text (stmt, 12, dd_order_get_raw_json (order), -1, SQLITE_TRANSIENT);
}

static void
stmt_done (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* Upserts one order; called with the write lock held, inside the transaction. */
static gboolean
store_order (DdCache     *self,
             const char  *account_id,
             DdOrder     *order,
             GArray      *changed_rowids,
             GError     **error)
{
  const char *order_account = dd_order_get_account_id (order);
  const char *order_id = dd_order_get_order_id (order);
  gint64 row_id;
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

  bind_order (self->upsert_stmt, account_id, order);
  rc = sqlite3_step (self->upsert_stmt);
  if (rc == SQLITE_ROW)
    {
      /* Inserted or really changed. */
      row_id = sqlite3_column_int64 (self->upsert_stmt, 0);
      rc = sqlite3_step (self->upsert_stmt);
      stmt_done (self->upsert_stmt);
      if (rc != SQLITE_DONE)
        goto failed;
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
  set_sqlite_error (error, self->writer, rc, CACHE_OP_SAVE);
  return FALSE;
}

static gboolean
store_cursor (DdCache     *self,
              const char  *account_id,
              gint64       cursor_ms,
              GError     **error)
{
  int rc;

  sqlite3_bind_text (self->cursor_set_stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (self->cursor_set_stmt, 2, cursor_ms);
  sqlite3_bind_int64 (self->cursor_set_stmt, 3, g_get_real_time () / 1000);
  rc = sqlite3_step (self->cursor_set_stmt);
  stmt_done (self->cursor_set_stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->writer, rc, CACHE_OP_SAVE);
      return FALSE;
    }
  return TRUE;
}

gboolean
dd_cache_store_page (DdCache     *self,
                     const char  *account_id,
                     GPtrArray   *orders,
                     gint64       cursor_ms,
                     GArray      *changed_rowids,
                     GError     **error)
{
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

  if (!exec_sql (self->writer, "BEGIN IMMEDIATE", CACHE_OP_SAVE, error))
    {
      g_mutex_unlock (&self->write_lock);
      return FALSE;
    }

  for (guint i = 0; ok && i < orders->len; i++)
    ok = store_order (self, account_id, g_ptr_array_index (orders, i), changed_rowids, error);

  if (ok && cursor_ms >= 0)
    ok = store_cursor (self, account_id, cursor_ms, error);

  if (ok)
    ok = exec_sql (self->writer, "COMMIT", CACHE_OP_SAVE, error);

  if (!ok)
    {
      /* Nothing of the page is kept; the previous data stays as it was. */
      if (!sqlite3_get_autocommit (self->writer))
        exec_sql (self->writer, "ROLLBACK", CACHE_OP_SAVE, NULL);
      if (changed_rowids != NULL)
        g_array_set_size (changed_rowids, n_changed_before);
      for (guint i = 0; i < orders->len; i++)
        dd_order_set_row_id (g_ptr_array_index (orders, i), 0);
    }

  g_mutex_unlock (&self->write_lock);

  return ok;
}

gint64
dd_cache_get_cursor (DdCache    *self,
                     const char *account_id)
{
  gint64 cursor = -1;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), -1);
  g_return_val_if_fail (account_id != NULL, -1);

  g_mutex_lock (&self->read_lock);
  sqlite3_bind_text (self->cursor_get_stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->cursor_get_stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (self->cursor_get_stmt, 0) != SQLITE_NULL)
    cursor = sqlite3_column_int64 (self->cursor_get_stmt, 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    g_warning ("Could not read the sync cursor: %s", sqlite3_errmsg (self->reader));
  stmt_done (self->cursor_get_stmt);
  g_mutex_unlock (&self->read_lock);

  return cursor;
}

/* Whitelisted ORDER BY terms; never built from strings given by callers. */
static const char *
sort_columns (DdSortColumn sort)
{
  switch (sort)
    {
    case DD_SORT_MODIFIED:
      return "modified_ms";
    case DD_SORT_ORDER_ID:
      /* Ids are digit strings of varying length: by length first sorts them as numbers. */
      return "length(order_id), order_id";
    case DD_SORT_BUYER:
      return "buyer";
    case DD_SORT_STATUS:
      return "status";
    case DD_SORT_TOTAL:
      return "total_minor";
    case DD_SORT_PAYMENT:
      return "payment_channel";
    case DD_SORT_CREATED:
    default:
      return "created_ms";
    }
}

static void
add_condition (GString    *sql,
               const char *condition)
{
  g_string_append (sql, strstr (sql->str, " WHERE ") != NULL ? " AND " : " WHERE ");
  g_string_append (sql, condition);
}

GArray *
dd_cache_query_row_ids (DdCache        *self,
                        const DdQuery  *query,
                        GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM orders");
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) terms = NULL;
  const char *dir;
  sqlite3_stmt *stmt = NULL;
  gboolean has_search;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  has_search = query->search != NULL && query->search[0] != '\0';
  if (query->account_id != NULL)
    add_condition (sql, "account_id = ?1");
  if (query->status >= 0)
    add_condition (sql, "status = ?2");
  /* A plain substring over the id, the buyer and the raw JSON (receiver,
   * tracking number and titles live there); lower() folds ASCII only, and
   * instr() needs no escaping of % and _. Issue D replaces it with FTS5. */
  if (has_search)
    add_condition (sql, "(instr(lower(order_id), lower(?3)) > 0"
                        " OR instr(lower(ifnull(buyer, '')), lower(?3)) > 0"
                        " OR instr(lower(raw_json), lower(?3)) > 0)");

  /* Every term in the same direction, the row id last: a total, stable order. */
  dir = query->ascending ? " ASC" : " DESC";
  terms = g_strsplit (sort_columns (query->sort), ", ", -1);
  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; terms[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s, ", terms[i], dir);
  g_string_append_printf (sql, "id%s", dir);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_mutex_lock (&self->read_lock);
  rc = sqlite3_prepare_v2 (self->reader, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (query->account_id != NULL)
        sqlite3_bind_text (stmt, 1, query->account_id, -1, SQLITE_TRANSIENT);
      if (query->status >= 0)
        sqlite3_bind_int (stmt, 2, query->status);
      if (has_search)
        sqlite3_bind_text (stmt, 3, query->search, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->reader, rc, CACHE_OP_READ);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&ids);
}

/* Parses the row @stmt is on; called with the read lock held. */
static DdOrder *
order_from_row (sqlite3_stmt  *stmt,
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

  g_mutex_lock (&self->read_lock);
  sqlite3_bind_int64 (self->load_stmt, 1, row_id);
  rc = sqlite3_step (self->load_stmt);
  if (rc == SQLITE_ROW)
    order = order_from_row (self->load_stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The order is no longer in the order cache"));
  else
    set_sqlite_error (error, self->reader, rc, CACHE_OP_READ);
  stmt_done (self->load_stmt);
  g_mutex_unlock (&self->read_lock);

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

  g_mutex_lock (&self->read_lock);
  sqlite3_bind_text (self->lookup_stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->lookup_stmt, 2, order_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->lookup_stmt);
  if (rc == SQLITE_ROW)
    order = order_from_row (self->lookup_stmt, error);
  else if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->reader, rc, CACHE_OP_READ);
  stmt_done (self->lookup_stmt);
  g_mutex_unlock (&self->read_lock);

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

  g_mutex_lock (&self->read_lock);
  rc = sqlite3_prepare_v2 (self->reader,
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
    g_warning ("Could not count the cached orders: %s", sqlite3_errmsg (self->reader));
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);

  return count;
}

gboolean
dd_cache_delete_account (DdCache     *self,
                         const char  *account_id,
                         GError     **error)
{
  static const char * const statements[] = {
    "DELETE FROM orders WHERE account_id = ?1",
    "DELETE FROM sync_state WHERE account_id = ?1",
  };
  gboolean ok;

  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->write_lock);

  ok = exec_sql (self->writer, "BEGIN IMMEDIATE", CACHE_OP_SAVE, error);
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
          set_sqlite_error (error, self->writer, rc, CACHE_OP_SAVE);
          ok = FALSE;
        }
      sqlite3_finalize (stmt);
    }
  if (ok)
    ok = exec_sql (self->writer, "COMMIT", CACHE_OP_SAVE, error);
  if (!ok && !sqlite3_get_autocommit (self->writer))
    exec_sql (self->writer, "ROLLBACK", CACHE_OP_SAVE, NULL);

  g_mutex_unlock (&self->write_lock);

  return ok;
}
