/* dd-cache-schema.c: the cache's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-cache-private.h"

typedef gboolean (*MigrationStep) (sqlite3  *db,
                                   GError  **error);

typedef struct
{
  const char    *sql;
  MigrationStep  step;   /* run after @sql, in the same transaction; may be NULL */
} Migration;

static gboolean index_v3 (sqlite3  *db,
                          GError  **error);

/* Schema migrations, in order: migrations[i] takes user_version i to i + 1.
 * Append only; never edit a migration that has shipped. */
static const Migration migrations[] = {
  /* 0 → 1 */
  { "CREATE TABLE orders ("
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
    ");", NULL },

  /* 1 → 2 */
  { "CREATE TABLE sync_state ("
    "  account_id TEXT PRIMARY KEY,"
    "  cursor_ms INTEGER,"
    "  updated_ms INTEGER"
    ");"
    "CREATE INDEX orders_status ON orders (status);"
    "CREATE INDEX orders_created ON orders (created_ms);"
    "CREATE INDEX orders_modified ON orders (modified_ms);"
    "CREATE INDEX orders_buyer ON orders (buyer);"
    "CREATE INDEX orders_total ON orders (total_minor);"
    "CREATE INDEX orders_account_created ON orders (account_id, created_ms);", NULL },

  /* 2 → 3: a narrow orders table (the raw JSON in its own table, same id),
   * the receiver as a column, an index for every sort column, the search
   * indexes (filled by index_v3 from the raw JSON), the backfill state. */
  { "ALTER TABLE orders RENAME TO orders_v2;"
    "CREATE TABLE orders ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id TEXT NOT NULL,"
    "  platform TEXT NOT NULL,"
    "  order_id TEXT NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  raw_status TEXT,"
    "  buyer TEXT,"
    "  receiver TEXT,"
    "  total_minor INTEGER,"
    "  currency TEXT,"
    "  created_ms INTEGER,"
    "  modified_ms INTEGER,"
    "  payment_channel TEXT,"
    "  UNIQUE (account_id, order_id)"
    ");"
    "CREATE TABLE order_json ("
    "  id INTEGER PRIMARY KEY,"
    "  raw_json TEXT NOT NULL"
    ");"
    "INSERT INTO orders (id, account_id, platform, order_id, status, raw_status, buyer,"
    "                    total_minor, currency, created_ms, modified_ms, payment_channel)"
    "  SELECT id, account_id, platform, order_id, status, raw_status, buyer,"
    "         total_minor, currency, created_ms, modified_ms, payment_channel"
    "  FROM orders_v2;"
    "INSERT INTO order_json (id, raw_json) SELECT id, raw_json FROM orders_v2;"
    "DROP TABLE orders_v2;"
    /* Each sort column, unfiltered, is an index scan (the rowid is the last
     * column of every index). Modified, status and account carry
     * created_ms, which sorts their ties and serves their filters with the
     * default sort (newest first) without reading the table; so does
     * account + status. */
    "CREATE INDEX orders_created ON orders (created_ms);"
    "CREATE INDEX orders_modified_created ON orders (modified_ms, created_ms);"
    "CREATE INDEX orders_order_id ON orders (length(order_id), order_id);"
    "CREATE INDEX orders_buyer ON orders (buyer);"
    "CREATE INDEX orders_status_created ON orders (status, created_ms);"
    "CREATE INDEX orders_total ON orders (total_minor);"
    "CREATE INDEX orders_payment ON orders (payment_channel);"
    "CREATE INDEX orders_account_created ON orders (account_id, created_ms);"
    "CREATE INDEX orders_account_status_created ON orders (account_id, status, created_ms);"
    "CREATE VIRTUAL TABLE order_text USING fts5"
    "  (order_id, buyer, receiver, tracking, titles, tokenize = 'trigram', columnsize = 0);"
    "CREATE VIRTUAL TABLE order_names USING fts5"
    "  (buyer, receiver, tokenize = 'dd_chars', columnsize = 0);"
    "ALTER TABLE sync_state ADD COLUMN backfill_page INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE sync_state ADD COLUMN backfill_page_size INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE sync_state ADD COLUMN backfill_start_ms INTEGER NOT NULL DEFAULT 0;",
    index_v3 },

  /* 3 → 4: the reviewer's marks (dd-marks.c), keyed by the platform's order
   * id so that they outlive the order's row. review: DdReviewState; flag:
   * DdFlag; release_ms: NULL unless held until a time. A row that marks
   * nothing is deleted. */
  { "CREATE TABLE order_marks ("
    "  account_id TEXT NOT NULL,"
    "  order_id TEXT NOT NULL,"
    "  note TEXT,"
    "  flag INTEGER NOT NULL DEFAULT 0,"
    "  review INTEGER NOT NULL DEFAULT 0,"
    "  release_ms INTEGER,"
    "  updated_ms INTEGER NOT NULL,"
    "  PRIMARY KEY (account_id, order_id)"
    ") WITHOUT ROWID;", NULL },

  /* 4 → 5: the action log (dd-action-log.c), one row a write sent to a
   * platform, logged before it is sent. order_id: NULL for a purchase order
   * not created yet; action and state: their nicks; params: a JSON object
   * without secrets; idempotency_key: NULL or unique. */
  { "CREATE TABLE action_log ("
    "  id INTEGER PRIMARY KEY,"
    "  time_ms INTEGER NOT NULL,"
    "  account_id TEXT NOT NULL,"
    "  order_id TEXT,"
    "  action TEXT NOT NULL,"
    "  params TEXT NOT NULL DEFAULT '{}',"
    "  idempotency_key TEXT UNIQUE,"
    "  state TEXT NOT NULL,"
    "  result TEXT,"
    "  request_id TEXT,"
    "  updated_ms INTEGER NOT NULL"
    ");"
    "CREATE INDEX action_log_account_order_time ON action_log (account_id, order_id, time_ms);"
    "CREATE INDEX action_log_time ON action_log (time_ms);"
    "CREATE INDEX action_log_unfinished ON action_log (time_ms)"
    "  WHERE state IN ('sending', 'unknown');", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DD_CACHE_SCHEMA_VERSION);

/* The receiver, tracking numbers and titles of every cached order come from
 * its raw JSON, read back by its platform's parser. An order the parser
 * refuses keeps its row and is found by its id and buyer. The receivers are
 * written to orders once the scan of orders is over (SQLite leaves a table
 * changed under a running SELECT of it undefined). */
static gboolean
index_v3 (sqlite3  *db,
          GError  **error)
{
  DdCacheIndexer indexer = { NULL, };
  sqlite3_stmt *rows = NULL;
  sqlite3_stmt *set_receiver = NULL;
  g_autoptr(GArray) receiver_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) receivers = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;
  guint n = 0;
  int rc;

  if (!dd_cache_indexer_init (&indexer, db, error) ||
      !dd_cache_prepare (db,
                         "SELECT j.raw_json, o.platform, o.account_id, o.id, o.order_id, o.buyer"
                         " FROM orders AS o JOIN order_json AS j ON j.id = o.id",
                         &rows, error) ||
      !dd_cache_prepare (db, "UPDATE orders SET receiver = ?2 WHERE id = ?1",
                         &set_receiver, error))
    goto out;

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      g_autoptr(DdOrder) order = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *receiver = NULL;
      g_autofree char *tracking = NULL;
      g_autofree char *titles = NULL;
      gint64 row_id = sqlite3_column_int64 (rows, 3);

      order = dd_cache_order_from_row (rows, &parse_error);
      if (order != NULL)
        dd_cache_order_search_text (order, &receiver, &tracking, &titles);
      else
        g_debug ("Order row %" G_GINT64_FORMAT " is indexed by id and buyer only: %s",
                 row_id, parse_error->message);

      rc = dd_cache_indexer_set (&indexer, row_id, TRUE,
                                 (const char *) sqlite3_column_text (rows, 4),
                                 (const char *) sqlite3_column_text (rows, 5),
                                 receiver, tracking, titles);
      if (rc != SQLITE_OK)
        break;
      if (receiver != NULL)
        {
          g_array_append_val (receiver_ids, row_id);
          g_ptr_array_add (receivers, g_steal_pointer (&receiver));
        }
      n++;
    }

  sqlite3_reset (rows);
  for (guint i = 0; rc == SQLITE_DONE && i < receivers->len; i++)
    {
      sqlite3_bind_int64 (set_receiver, 1, g_array_index (receiver_ids, gint64, i));
      sqlite3_bind_text (set_receiver, 2, g_ptr_array_index (receivers, i), -1, SQLITE_STATIC);
      rc = sqlite3_step (set_receiver);
      sqlite3_reset (set_receiver);
      sqlite3_clear_bindings (set_receiver);
    }

  if (rc != SQLITE_DONE)
    dd_cache_set_sqlite_error (error, db, rc, DD_CACHE_OP_UPGRADE);
  else
    {
      g_debug ("Indexed %u cached orders for search", n);
      ok = TRUE;
    }

out:
  sqlite3_finalize (rows);
  sqlite3_finalize (set_receiver);
  dd_cache_indexer_clear (&indexer);
  return ok;
}

static gboolean
read_user_version (sqlite3    *db,
                   int        *version,
                   DdCacheOp   op,
                   GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dd_cache_set_sqlite_error (error, db, rc, op);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Takes the file from *@version to the next version in one transaction, and
 * sets *@version to the file's version after it (another process may have
 * migrated it while we waited for the lock). */
static gboolean
run_migration (sqlite3  *db,
               int      *version,
               GError  **error)
{
  g_autofree char *set_version = NULL;
  int current;

  if (!dd_cache_exec (db, "BEGIN IMMEDIATE", DD_CACHE_OP_UPGRADE, error))
    return FALSE;

  if (!read_user_version (db, &current, DD_CACHE_OP_UPGRADE, error))
    goto rollback;

  if (current == *version)
    {
      const Migration *migration = &migrations[current];

      g_debug ("Migrating the order cache from version %d to %d", current, current + 1);
      set_version = g_strdup_printf ("PRAGMA user_version = %d", current + 1);
      if (!dd_cache_exec (db, migration->sql, DD_CACHE_OP_UPGRADE, error) ||
          (migration->step != NULL && !migration->step (db, error)) ||
          !dd_cache_exec (db, set_version, DD_CACHE_OP_UPGRADE, error))
        goto rollback;
      current++;
    }

  if (!dd_cache_exec (db, "COMMIT", DD_CACHE_OP_UPGRADE, error))
    goto rollback;

  *version = current;
  return TRUE;

rollback:
  dd_cache_exec (db, "ROLLBACK", DD_CACHE_OP_UPGRADE, NULL);
  return FALSE;
}

gboolean
dd_cache_migrate (sqlite3  *db,
                  int      *version,
                  GError  **error)
{
  /* Checked before anything writes to the file. */
  if (!read_user_version (db, version, DD_CACHE_OP_OPEN, error) ||
      !dd_cache_check_known_version (*version, error))
    return FALSE;

  if (!dd_cache_exec (db,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = NORMAL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA cache_size = -65536;",
                      DD_CACHE_OP_OPEN, error))
    return FALSE;

  while (*version < DD_CACHE_SCHEMA_VERSION)
    {
      if (!run_migration (db, version, error) ||
          !dd_cache_check_known_version (*version, error))
        return FALSE;
    }

  return TRUE;
}
