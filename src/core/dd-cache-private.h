/* dd-cache-private.h: what dd-cache.c, dd-cache-schema.c and dd-cache-search.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "dd-cache.h"

G_BEGIN_DECLS

typedef enum
{
  DD_CACHE_OP_OPEN,
  DD_CACHE_OP_UPGRADE,
  DD_CACHE_OP_SAVE,
  DD_CACHE_OP_READ,
} DdCacheOp;

/* The statements that keep the two search indexes in step with `orders`
 * (rowid = orders.id). All owned. */
typedef struct
{
  sqlite3_stmt *text_insert;  /* for rows new to the index */
  sqlite3_stmt *names_insert;
  sqlite3_stmt *text_set;     /* order_text: trigram index, 3+ characters */
  sqlite3_stmt *names_set;    /* order_names: one token a character, 1–2 characters */
  sqlite3_stmt *text_delete;
  sqlite3_stmt *names_delete;
} DdCacheIndexer;

struct _DdCache
{
  GObject        parent_instance;

  char          *path;
  int            schema_version;

  /* The writer: worker threads store pages on it, one at a time. */
  GMutex         write_lock;
  sqlite3       *writer;
  sqlite3_stmt  *upsert_stmt;     /* owned; prepared once */
  sqlite3_stmt  *row_id_stmt;     /* owned */
  sqlite3_stmt  *json_set_stmt;   /* owned */
  sqlite3_stmt  *state_set_stmt;  /* owned */
  DdCacheIndexer indexer;
  GHashTable    *removed;         /* account ids deleted while open (write_lock) */

  /* The reader: queries, from the main thread and from workers. */
  GMutex         read_lock;
  sqlite3       *reader;
  sqlite3_stmt  *state_get_stmt;  /* owned */
  GArray        *collecting;      /* the ids dd_collect() appends to, during a query */

  /* The loader: whole orders (raw JSON), not memory-mapped, so that the
   * raw JSON read stays out of the process's memory; and a row loads while
   * a query runs in a worker. */
  GMutex         load_lock;
  sqlite3       *loader;
  sqlite3_stmt  *load_stmt;       /* owned */
  sqlite3_stmt  *lookup_stmt;     /* owned */
};

/* dd-marks.c: the review state (DdReviewState) of the order_marks row `m`
 * at ?8 (ms): HELD past its release time needs review again. */
#define DD_CACHE_REVIEW_SQL \
  "(CASE WHEN m.review = 2 AND m.release_ms IS NOT NULL AND m.release_ms <= ?8" \
  " THEN 0 ELSE m.review END)"

/* dd-cache.c */
void      dd_cache_set_sqlite_error   (GError      **error,
                                       sqlite3      *db,
                                       int           rc,
                                       DdCacheOp     op);
gboolean  dd_cache_exec               (sqlite3      *db,
                                       const char   *sql,
                                       DdCacheOp     op,
                                       GError      **error);
gboolean  dd_cache_prepare            (sqlite3      *db,
                                       const char   *sql,
                                       sqlite3_stmt **stmt,
                                       GError      **error);
/* FALSE with an error when a newer Dingdan wrote the file (format @version). */
gboolean  dd_cache_check_known_version (int          version,
                                        GError     **error);
/* Parses the row @stmt is on: columns raw_json, platform, account_id, id. */
DdOrder  *dd_cache_order_from_row     (sqlite3_stmt *stmt,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* The name the cache keeps as the buyer: the buyer's name, else its id. */
const char *dd_cache_order_buyer      (DdOrder      *order);

/* dd-cache-schema.c: takes the file (on @db, the writer) to
 * DD_CACHE_SCHEMA_VERSION; *@version is the version it ends at. */
gboolean  dd_cache_migrate            (sqlite3      *db,
                                       int          *version,
                                       GError      **error);

/* dd-cache-search.c */
/* Registers the "dd_chars" FTS5 tokenizer on @db (each connection, before
 * it touches order_names). */
gboolean  dd_cache_register_tokenizer (sqlite3      *db,
                                       GError      **error);
/* Registers dd_collect() on the reader (see dd_cache_query_row_ids()). */
gboolean  dd_cache_register_collect   (DdCache      *self,
                                       GError      **error);
/* Splits @search into its terms and builds the two FTS5 MATCH expressions
 * (every term a quoted phrase, "AND"-ed): *@text_match for the terms of
 * three characters or more, *@names_match for the shorter ones; NULL when
 * there is none of that kind. FALSE when @search has no term at all. */
gboolean  dd_cache_search_parse       (const char   *search,
                                       char        **text_match,
                                       char        **names_match);
/* What an order is searched by (new strings; NULL when it has none). */
void      dd_cache_order_search_text  (DdOrder      *order,
                                       char        **receiver,
                                       char        **tracking,
                                       char        **titles);

gboolean  dd_cache_indexer_init       (DdCacheIndexer *indexer,
                                       sqlite3        *db,
                                       GError        **error);
void      dd_cache_indexer_clear      (DdCacheIndexer *indexer);
/* (Re)indexes row @row_id (@is_new: a row just inserted, not in the
 * indexes yet); on an SQLite error returns its code. */
int       dd_cache_indexer_set        (DdCacheIndexer *indexer,
                                       gint64          row_id,
                                       gboolean        is_new,
                                       const char     *order_id,
                                       const char     *buyer,
                                       const char     *receiver,
                                       const char     *tracking,
                                       const char     *titles);

/* The main SQL of dd_cache_query_row_ids() for @query — without the
 * marked orders a needs-review or no-flag filter refuses, which that
 * function collects first and skips in C (no user text in it: the
 * parameters are ?1 account, ?2 status, ?3 from ms, ?4 to ms, ?5 and ?6 the
 * two MATCH expressions, ?7 the flag bits, ?8 the time held orders' release
 * times are judged at (ms), ?9 the review bits), and the local-time bounds
 * of its date range (-1: open). */
char     *dd_cache_query_sql          (const DdQuery *query,
                                       const char    *text_match,
                                       const char    *names_match,
                                       gint64        *from_ms,
                                       gint64        *to_ms) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
