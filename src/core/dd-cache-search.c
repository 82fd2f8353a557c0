/* dd-cache-search.c: the cache's search indexes and the SQL of its queries
 *
 * Two FTS5 tables, rowid = orders.id, kept in step by the writer:
 *  - order_text (order_id, buyer, receiver, tracking, titles), tokenize
 *    'trigram': any substring of three characters or more, case-folded;
 *  - order_names (buyer, receiver), tokenize 'dd_chars' (below): one token a
 *    character, case-folded, so that a one- or two-character term (a Chinese
 *    surname, a given name) is a phrase of one or two tokens.
 * A user's term never goes into SQL text: it becomes an FTS5 phrase ("…"
 * with " doubled) inside a MATCH expression bound as a parameter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dd-cache-private.h"
#include "dd-marks.h"

/* ---- The dd_chars tokenizer ---------------------------------------------- */

/* It keeps no state: every instance is this one. */
static int chars_instance;

static int
chars_create (void            *context,
              const char     **args,
              int              n_args,
              Fts5Tokenizer  **tokenizer)
{
  *tokenizer = (Fts5Tokenizer *) &chars_instance;
  return SQLITE_OK;
}

static void
chars_delete (Fts5Tokenizer *tokenizer)
{
}

/* Every character is a token, white space and punctuation too (so that a
 * phrase never matches across them), lower-cased. Bytes that are not UTF-8
 * are tokens of one byte. */
static int
chars_tokenize (Fts5Tokenizer *tokenizer,
                void          *context,
                int            flags,
                const char    *text,
                int            n_text,
                int          (*token) (void       *context,
                                       int         flags,
                                       const char *token,
                                       int         n_token,
                                       int         start,
                                       int         end))
{
  int pos = 0;

  while (pos < n_text)
    {
      gunichar c = g_utf8_get_char_validated (text + pos, n_text - pos);
      char folded[8];
      int len;
      int rc;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          rc = token (context, 0, text + pos, 1, pos, pos + 1);
          len = 1;
        }
      else
        {
          len = g_utf8_next_char (text + pos) - (text + pos);
          rc = token (context, 0, folded, g_unichar_to_utf8 (g_unichar_tolower (c), folded),
                      pos, pos + len);
        }
      if (rc != SQLITE_OK)
        return rc;
      pos += len;
    }

  return SQLITE_OK;
}

gboolean
dd_cache_register_tokenizer (sqlite3  *db,
                             GError  **error)
{
  static fts5_tokenizer chars = { chars_create, chars_delete, chars_tokenize };
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW || api == NULL || api->iVersion < 2)
    {
      dd_cache_set_sqlite_error (error, db, rc == SQLITE_ROW ? SQLITE_ERROR : rc,
                                 DD_CACHE_OP_OPEN);
      return FALSE;
    }

  rc = api->xCreateTokenizer (api, "dd_chars", NULL, &chars, NULL);
  if (rc != SQLITE_OK)
    {
      dd_cache_set_sqlite_error (error, db, rc, DD_CACHE_OP_OPEN);
      return FALSE;
    }
  return TRUE;
}

/* ---- Search terms ---------------------------------------------------------- */

/* Appends @term as an FTS5 phrase to the AND of @match. */
static void
append_phrase (GString    *match,
               const char *term,
               gsize       len)
{
  if (match->len > 0)
    g_string_append (match, " AND ");
  g_string_append_c (match, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (term[i] == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, term[i]);
    }
  g_string_append_c (match, '"');
}

gboolean
dd_cache_search_parse (const char  *search,
                       char       **text_match,
                       char       **names_match)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *p;

  *text_match = NULL;
  *names_match = NULL;
  if (search == NULL)
    return FALSE;

  valid = g_utf8_make_valid (search, -1);
  p = valid;
  while (*p != '\0')
    {
      const char *start;
      glong n_chars = 0;

      /* Terms are separated by any white space, the ideographic space too. */
      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          n_chars++;
        }

      append_phrase (n_chars >= 3 ? text : names, start, p - start);
    }

  if (text->len > 0)
    *text_match = g_string_free (g_steal_pointer (&text), FALSE);
  if (names->len > 0)
    *names_match = g_string_free (g_steal_pointer (&names), FALSE);

  return *text_match != NULL || *names_match != NULL;
}

void
dd_cache_order_search_text (DdOrder  *order,
                            char    **receiver,
                            char    **tracking,
                            char    **titles)
{
  const DdDeliveryInfo *delivery = dd_order_get_delivery (order);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; i < dd_order_get_n_lines (order); i++)
    {
      DdOrderLine *line = dd_order_get_line (order, i);
      const char *title = dd_order_line_get_title (line);

      if (title != NULL && title[0] != '\0')
        {
          if (names->len > 0)
            g_string_append_c (names, '\n');
          g_string_append (names, title);
        }

      /* Every shipment's number once, space-separated. */
      for (guint s = 0; s < dd_order_line_get_n_shipments (line); s++)
        {
          const DdShipment *shipment = dd_order_line_get_shipment (line, s);
          const char *number = shipment->tracking_number;

          if (number == NULL || number[0] == '\0' ||
              g_ptr_array_find_with_equal_func (seen, number, g_str_equal, NULL))
            continue;
          g_ptr_array_add (seen, (gpointer) number);
          if (numbers->len > 0)
            g_string_append_c (numbers, ' ');
          g_string_append (numbers, number);
        }
    }

  *receiver = delivery != NULL && delivery->receiver_name != NULL &&
              delivery->receiver_name[0] != '\0'
                ? g_strdup (delivery->receiver_name) : NULL;
  *tracking = numbers->len > 0 ? g_string_free (g_steal_pointer (&numbers), FALSE) : NULL;
  *titles = names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* ---- Keeping the indexes ---------------------------------------------------- */

gboolean
dd_cache_indexer_init (DdCacheIndexer  *indexer,
                       sqlite3         *db,
                       GError         **error)
{
  /* A plain INSERT into an FTS5 table costs less than INSERT OR REPLACE,
   * which first looks for the row to delete its tokens. */
  return dd_cache_prepare (db,
                           "INSERT INTO order_text"
                           " (rowid, order_id, buyer, receiver, tracking, titles)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &indexer->text_insert, error) &&
         dd_cache_prepare (db,
                           "INSERT INTO order_names (rowid, buyer, receiver)"
                           " VALUES (?1, ?2, ?3)",
                           &indexer->names_insert, error) &&
         dd_cache_prepare (db,
                           "INSERT OR REPLACE INTO order_text"
                           " (rowid, order_id, buyer, receiver, tracking, titles)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           &indexer->text_set, error) &&
         dd_cache_prepare (db,
                           "INSERT OR REPLACE INTO order_names (rowid, buyer, receiver)"
                           " VALUES (?1, ?2, ?3)",
                           &indexer->names_set, error) &&
         dd_cache_prepare (db, "DELETE FROM order_text WHERE rowid = ?1",
                           &indexer->text_delete, error) &&
         dd_cache_prepare (db, "DELETE FROM order_names WHERE rowid = ?1",
                           &indexer->names_delete, error);
}

void
dd_cache_indexer_clear (DdCacheIndexer *indexer)
{
  g_clear_pointer (&indexer->text_insert, sqlite3_finalize);
  g_clear_pointer (&indexer->names_insert, sqlite3_finalize);
  g_clear_pointer (&indexer->text_set, sqlite3_finalize);
  g_clear_pointer (&indexer->names_set, sqlite3_finalize);
  g_clear_pointer (&indexer->text_delete, sqlite3_finalize);
  g_clear_pointer (&indexer->names_delete, sqlite3_finalize);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static int
run (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Runs @insert (when @is_new) or else @replace, bound alike. A row said new
 * that the index has after all (a leftover) is replaced. */
static int
run_set (sqlite3_stmt *insert,
         sqlite3_stmt *replace,
         gboolean      is_new,
         gint64        row_id,
         const char  **values,
         guint         n_values)
{
  sqlite3_stmt *stmt = is_new ? insert : replace;
  int rc;

  sqlite3_bind_int64 (stmt, 1, row_id);
  for (guint i = 0; i < n_values; i++)
    bind_text (stmt, (int) i + 2, values[i]);
  rc = run (stmt);
  if (is_new && (rc & 0xff) == SQLITE_CONSTRAINT)
    return run_set (insert, replace, FALSE, row_id, values, n_values);
  return rc;
}

int
dd_cache_indexer_set (DdCacheIndexer *indexer,
                      gint64          row_id,
                      gboolean        is_new,
                      const char     *order_id,
                      const char     *buyer,
                      const char     *receiver,
                      const char     *tracking,
                      const char     *titles)
{
  const char *text[] = { order_id, buyer, receiver, tracking, titles };
  const char *names[] = { buyer, receiver };
  int rc;

  rc = run_set (indexer->text_insert, indexer->text_set, is_new, row_id,
                text, G_N_ELEMENTS (text));
  if (rc != SQLITE_OK)
    return rc;

  /* An order without a name needs no row there (but may have had one). */
  if ((buyer == NULL || buyer[0] == '\0') && (receiver == NULL || receiver[0] == '\0'))
    {
      if (is_new)
        return SQLITE_OK;
      sqlite3_bind_int64 (indexer->names_delete, 1, row_id);
      return run (indexer->names_delete);
    }

  return run_set (indexer->names_insert, indexer->names_set, is_new, row_id,
                  names, G_N_ELEMENTS (names));
}

/* ---- The query --------------------------------------------------------------- */

/* Milliseconds of 00:00 local time on Julian day @day; -1 when @day is not
 * a valid day. A midnight that a daylight-saving change skips is the first
 * moment of that day. */
static gint64
local_day_start_ms (guint64 day)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (day == 0 || day > G_MAXUINT32 || !g_date_valid_julian ((guint32) day))
    return -1;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) day);
  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  if (dt == NULL)
    return -1;
  return g_date_time_to_unix (dt) * 1000;
}

/* Whitelisted ORDER BY terms, never built from strings given by callers.
 * Modified, status and account sort by creation within a value (their
 * indexes carry created_ms); the row id is always the last term. */
static const char *
sort_terms (DdSortColumn sort)
{
  switch (sort)
    {
    case DD_SORT_MODIFIED:
      return "o.modified_ms, o.created_ms";
    case DD_SORT_ORDER_ID:
      /* Ids are digit strings of varying length: by length first sorts them as numbers. */
      return "length(o.order_id), o.order_id";
    case DD_SORT_BUYER:
      return "o.buyer";
    case DD_SORT_STATUS:
      return "o.status, o.created_ms";
    case DD_SORT_TOTAL:
      return "o.total_minor";
    case DD_SORT_PAYMENT:
      return "o.payment_channel";
    case DD_SORT_ACCOUNT:
      return "o.account_id, o.created_ms";
    case DD_SORT_CREATED:
    default:
      return "o.created_ms";
    }
}

static void
add_condition (GString    *sql,
               gboolean   *has_where,
               const char *condition)
{
  g_string_append (sql, *has_where ? " AND " : " WHERE ");
  g_string_append (sql, condition);
  *has_where = TRUE;
}

/* The orders of the marks (a mark whose order is not cached is no one's). */
#define MARKED_ORDERS \
  "SELECT mo.id FROM order_marks AS m" \
  " JOIN orders AS mo ON mo.account_id = m.account_id AND mo.order_id = m.order_id"

/* Marks are few beside the orders: each filter is a set of row ids built
 * from order_marks. An unmarked order has no flag and needs review, so a
 * filter that does not let those through keeps only the marked orders it
 * accepts (IN, here: the set drives the query); one that does excludes the
 * marked orders it refuses, which dd_cache_query_row_ids() does in C while
 * it collects (see exclusion_sql()): a NOT IN in SQL is a probe of a
 * temporary b-tree for every row, three times the cost of the unfiltered
 * list at a million orders. ?7 is the flag bits, ?9 the review bits, ?8 the
 * time held orders' release times are judged at. */
static void
add_mark_conditions (GString       *sql,
                     gboolean      *has_where,
                     const DdQuery *query)
{
  if (query->flags != 0 && !(query->flags & DD_FLAG_MASK (DD_FLAG_NONE)))
    add_condition (sql, has_where,
                   "o.id IN (" MARKED_ORDERS " WHERE (?7 >> m.flag) & 1)");

  if (query->reviews != 0 && !(query->reviews & DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW)))
    add_condition (sql, has_where,
                   "o.id IN (" MARKED_ORDERS " WHERE (?9 >> " DD_CACHE_REVIEW_SQL ") & 1)");
}

/* The SQL of the row ids that @query's mark filters exclude although
 * dd_cache_query_sql() lets them through (the marked orders whose flag or
 * review state a filter that accepts unmarked orders refuses), with the
 * same parameters; NULL when there are none to exclude. */
static char *
exclusion_sql (const DdQuery *query)
{
  g_autoptr(GString) sql = NULL;

  if (query->flags & DD_FLAG_MASK (DD_FLAG_NONE))
    {
      sql = g_string_new (MARKED_ORDERS " WHERE NOT ((?7 >> m.flag) & 1)");
    }
  if (query->reviews & DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW))
    {
      const char *refused = "NOT ((?9 >> " DD_CACHE_REVIEW_SQL ") & 1)";

      if (sql == NULL)
        sql = g_string_new (MARKED_ORDERS " WHERE ");
      else
        g_string_append (sql, " OR ");
      g_string_append (sql, refused);
    }

  return sql != NULL ? g_string_free (g_steal_pointer (&sql), FALSE) : NULL;
}

char *
dd_cache_query_sql (const DdQuery *query,
                    const char    *text_match,
                    const char    *names_match,
                    gint64        *from_ms,
                    gint64        *to_ms)
{
  g_autoptr(GString) sql = g_string_new ("SELECT o.id FROM ");
  g_auto(GStrv) terms = NULL;
  const char *time_column;
  const char *dir;
  gboolean has_where = FALSE;

  *from_ms = query->from_day != 0 ? local_day_start_ms (query->from_day) : -1;
  *to_ms = query->to_day != 0 ? local_day_start_ms ((guint64) query->to_day + 1) : -1;

  /* A search drives the query from its index (what it finds is usually far
   * fewer rows than any scan in the sort's order); CROSS JOIN keeps SQLite
   * from turning that around. */
  if (text_match != NULL)
    {
      g_string_append (sql, "order_text CROSS JOIN orders AS o ON o.id = order_text.rowid");
      add_condition (sql, &has_where, "order_text MATCH ?5");
      if (names_match != NULL)
        add_condition (sql, &has_where,
                       "o.id IN (SELECT rowid FROM order_names WHERE order_names MATCH ?6)");
    }
  else if (names_match != NULL)
    {
      g_string_append (sql, "order_names CROSS JOIN orders AS o ON o.id = order_names.rowid");
      add_condition (sql, &has_where, "order_names MATCH ?6");
    }
  else
    g_string_append (sql, "orders AS o");

  if (query->account_id != NULL)
    add_condition (sql, &has_where, "o.account_id = ?1");
  if (query->status >= 0)
    add_condition (sql, &has_where, "o.status = ?2");

  add_mark_conditions (sql, &has_where, query);

  time_column = query->date_field == DD_DATE_MODIFIED ? "o.modified_ms" : "o.created_ms";
  if (*from_ms >= 0)
    {
      g_autofree char *condition = g_strconcat (time_column, " >= ?3", NULL);
      add_condition (sql, &has_where, condition);
    }
  if (*to_ms >= 0)
    {
      g_autofree char *condition = g_strconcat (time_column, " < ?4", NULL);
      add_condition (sql, &has_where, condition);
    }

  /* Every term in the same direction, the row id last: a total, stable
   * order, and one an index can give without sorting. */
  dir = query->ascending ? " ASC" : " DESC";
  terms = g_strsplit (sort_terms (query->sort), ", ", -1);
  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; terms[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s, ", terms[i], dir);
  g_string_append_printf (sql, "o.id%s", dir);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* A set of row ids: a bitmap over [min, max] (a lookup for each of a
 * million rows must cost next to nothing), or a hash table when that span
 * is too wide for one. */
typedef struct
{
  gint64      min;
  gint64      max;
  guint8     *bits;   /* bit (id - min); NULL: see @table */
  GHashTable *table;  /* gint64 * keys, pointing into the caller's array */
} RowIdSet;

#define ROW_ID_SET_MAX_SPAN ((gint64) 1 << 27)   /* 16 MiB of bitmap */

/* @ids: not empty; it must outlive the set and no longer grow. */
static void
row_id_set_init (RowIdSet *set,
                 GArray   *ids)
{
  memset (set, 0, sizeof *set);
  set->min = set->max = g_array_index (ids, gint64, 0);
  for (guint i = 1; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      set->min = MIN (set->min, id);
      set->max = MAX (set->max, id);
    }

  /* Row ids are positive: the span cannot overflow. */
  if (set->min >= 0 && set->max - set->min < ROW_ID_SET_MAX_SPAN)
    {
      set->bits = g_malloc0 ((gsize) ((set->max - set->min) / 8 + 1));
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 bit = g_array_index (ids, gint64, i) - set->min;

          set->bits[bit >> 3] |= (guint8) (1u << (bit & 7));
        }
    }
  else
    {
      set->table = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (set->table, &g_array_index (ids, gint64, i));
    }
}

static void
row_id_set_clear (RowIdSet *set)
{
  g_clear_pointer (&set->bits, g_free);
  g_clear_pointer (&set->table, g_hash_table_unref);
}

static inline gboolean
row_id_set_contains (const RowIdSet *set,
                     gint64          id)
{
  if (id < set->min || id > set->max)
    return FALSE;
  if (set->bits != NULL)
    {
      gint64 bit = id - set->min;

      return (set->bits[bit >> 3] >> (bit & 7)) & 1;
    }
  return g_hash_table_contains (set->table, &id);
}

/* dd_collect(id[, skip]): appends each id it is given to the array the
 * query runs for (self->collecting, under the read lock), in the order
 * SQLite feeds it (an aggregate over an ordered subquery gets its rows in
 * that order), but for the ids in @skip: a RowIdSet bound with
 * sqlite3_bind_pointer() (type "dd-row-id-set"). It saves sqlite3_step()'s
 * round trip for each of up to a million rows.
 * That order is how SQLite 3.40 (and later, for a custom aggregate)
 * evaluates it, not a documented promise: test-cache-search's sort tests
 * check every column both ways and would catch a change. */
#define ROW_ID_SET_TYPE "dd-row-id-set"

static void
collect_step (sqlite3_context  *context,
              int               n_values,
              sqlite3_value   **values)
{
  DdCache *self = sqlite3_user_data (context);
  gint64 id = sqlite3_value_int64 (values[0]);
  const RowIdSet *skip = n_values > 1 ? sqlite3_value_pointer (values[1], ROW_ID_SET_TYPE)
                                      : NULL;

  if (skip != NULL && row_id_set_contains (skip, id))
    return;
  g_array_append_val (self->collecting, id);
}

static void
collect_final (sqlite3_context *context)
{
  DdCache *self = sqlite3_user_data (context);

  sqlite3_result_int64 (context, self->collecting != NULL ? self->collecting->len : 0);
}

gboolean
dd_cache_register_collect (DdCache  *self,
                           GError  **error)
{
  int rc = sqlite3_create_function (self->reader, "dd_collect", 1,
                                    SQLITE_UTF8 | SQLITE_DIRECTONLY, self,
                                    NULL, collect_step, collect_final);

  if (rc == SQLITE_OK)
    rc = sqlite3_create_function (self->reader, "dd_collect", 2,
                                  SQLITE_UTF8 | SQLITE_DIRECTONLY, self,
                                  NULL, collect_step, collect_final);
  if (rc != SQLITE_OK)
    {
      dd_cache_set_sqlite_error (error, self->reader, rc, DD_CACHE_OP_OPEN);
      return FALSE;
    }
  return TRUE;
}

/* Binds the parameters of dd_cache_query_sql() (and exclusion_sql()) that
 * @stmt has; binding one it lacks fails harmlessly (SQLITE_RANGE). */
static void
bind_query (sqlite3_stmt  *stmt,
            const DdQuery *query,
            const char    *text_match,
            const char    *names_match,
            gint64         from_ms,
            gint64         to_ms)
{
  if (query->account_id != NULL)
    sqlite3_bind_text (stmt, 1, query->account_id, -1, SQLITE_STATIC);
  if (query->status >= 0)
    sqlite3_bind_int (stmt, 2, query->status);
  if (from_ms >= 0)
    sqlite3_bind_int64 (stmt, 3, from_ms);
  if (to_ms >= 0)
    sqlite3_bind_int64 (stmt, 4, to_ms);
  if (text_match != NULL)
    sqlite3_bind_text (stmt, 5, text_match, -1, SQLITE_STATIC);
  if (names_match != NULL)
    sqlite3_bind_text (stmt, 6, names_match, -1, SQLITE_STATIC);
  if (query->flags != 0)
    sqlite3_bind_int64 (stmt, 7, query->flags);
  if (query->reviews != 0)
    {
      sqlite3_bind_int64 (stmt, 8, query->now_ms != 0 ? query->now_ms
                                                      : g_get_real_time () / 1000);
      sqlite3_bind_int64 (stmt, 9, query->reviews);
    }
}

/* Runs @sql, a "SELECT dd_collect(…) FROM (…)", appending to @ids; with
 * @skip (see collect_step()) bound as ?10. The read lock is held. */
static int
run_collect (DdCache       *self,
             const char    *sql,
             const DdQuery *query,
             const char    *text_match,
             const char    *names_match,
             gint64         from_ms,
             gint64         to_ms,
             RowIdSet      *skip,
             GArray        *ids)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->reader, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_query (stmt, query, text_match, names_match, from_ms, to_ms);
      if (skip != NULL)
        sqlite3_bind_pointer (stmt, 10, skip, ROW_ID_SET_TYPE, NULL);
      self->collecting = ids;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        rc = sqlite3_step (stmt);
      self->collecting = NULL;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

GArray *
dd_cache_query_row_ids (DdCache        *self,
                        const DdQuery  *query,
                        GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) excluded = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *collect_sql = NULL;
  g_autofree char *skip_sql = NULL;
  g_autofree char *text_match = NULL;
  g_autofree char *names_match = NULL;
  gint64 from_ms, to_ms;
  int rc = SQLITE_OK;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dd_cache_search_parse (query->search, &text_match, &names_match);
  sql = dd_cache_query_sql (query, text_match, names_match, &from_ms, &to_ms);
  skip_sql = exclusion_sql (query);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_mutex_lock (&self->read_lock);
  if (skip_sql == NULL)
    {
      collect_sql = g_strconcat ("SELECT dd_collect(id) FROM (", sql, ")", NULL);
      rc = run_collect (self, collect_sql, query, text_match, names_match,
                        from_ms, to_ms, NULL, ids);
    }
  else
    {
      /* The excluded ids first (few: they are marked), then the list
       * without them, both in one read transaction (one snapshot). */
      g_autofree char *excluded_sql = g_strconcat ("SELECT dd_collect(id) FROM (",
                                                   skip_sql, ")", NULL);

      excluded = g_array_new (FALSE, FALSE, sizeof (gint64));
      rc = sqlite3_exec (self->reader, "BEGIN", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = run_collect (self, excluded_sql, query, text_match, names_match,
                          from_ms, to_ms, NULL, excluded);
      if (rc == SQLITE_OK)
        {
          RowIdSet skip;
          RowIdSet *skip_set = NULL;

          if (excluded->len > 0)
            {
              row_id_set_init (&skip, excluded);
              skip_set = &skip;
            }
          collect_sql = g_strconcat (skip_set != NULL ? "SELECT dd_collect(id, ?10) FROM ("
                                                      : "SELECT dd_collect(id) FROM (",
                                     sql, ")", NULL);
          rc = run_collect (self, collect_sql, query, text_match, names_match,
                            from_ms, to_ms, skip_set, ids);
          if (skip_set != NULL)
            row_id_set_clear (skip_set);
        }
      if (rc != SQLITE_OK)
        dd_cache_set_sqlite_error (error, self->reader, rc, DD_CACHE_OP_READ);
      if (!sqlite3_get_autocommit (self->reader))
        sqlite3_exec (self->reader, rc == SQLITE_OK ? "COMMIT" : "ROLLBACK",
                      NULL, NULL, NULL);
      g_mutex_unlock (&self->read_lock);
      return rc == SQLITE_OK ? g_steal_pointer (&ids) : NULL;
    }
  if (rc != SQLITE_OK)
    dd_cache_set_sqlite_error (error, self->reader, rc, DD_CACHE_OP_READ);
  g_mutex_unlock (&self->read_lock);

  if (rc != SQLITE_OK)
    return NULL;

  return g_steal_pointer (&ids);
}
