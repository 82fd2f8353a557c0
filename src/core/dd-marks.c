/* dd-marks.c: the reviewer's marks on orders, and the views' live counts
 *
 * The table is order_marks (dd-cache-schema.c, version 4), one row for an
 * order with any mark, keyed by (account_id, order_id). A change to a
 * multi-selection is one transaction on the writer; a row left marking
 * nothing is deleted in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-cache-private.h"
#include "dd-marks.h"

/* ---- Names ---------------------------------------------------------------- */

static const char * const flag_nicks[] = {
  "none", "red", "yellow", "green", "blue", "purple", "orange",
};

G_STATIC_ASSERT (G_N_ELEMENTS (flag_nicks) == DD_FLAG_LAST + 1);

void
dd_marks_clear (DdMarks *marks)
{
  g_return_if_fail (marks != NULL);

  g_clear_pointer (&marks->note, g_free);
  *marks = (DdMarks) DD_MARKS_INIT;
}

static gint64
now_or (gint64 now_ms)
{
  return now_ms != 0 ? now_ms : g_get_real_time () / 1000;
}

DdReviewState
dd_marks_get_review (const DdMarks *marks,
                     gint64         now_ms)
{
  g_return_val_if_fail (marks != NULL, DD_REVIEW_NEEDS_REVIEW);

  if (marks->review == DD_REVIEW_HELD && marks->release_ms > 0 &&
      marks->release_ms <= now_or (now_ms))
    return DD_REVIEW_NEEDS_REVIEW;
  return marks->review;
}

const char *
dd_flag_to_nick (DdFlag flag)
{
  if ((guint) flag > DD_FLAG_LAST)
    flag = DD_FLAG_NONE;
  return flag_nicks[flag];
}

gboolean
dd_flag_from_nick (const char *nick,
                   DdFlag     *flag)
{
  g_return_val_if_fail (flag != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (flag_nicks); i++)
    {
      if (g_str_equal (nick, flag_nicks[i]))
        {
          *flag = (DdFlag) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
dd_flag_get_label (DdFlag flag)
{
  switch (flag)
    {
    case DD_FLAG_RED:
      return C_("flag", "Red");
    case DD_FLAG_YELLOW:
      return C_("flag", "Yellow");
    case DD_FLAG_GREEN:
      return C_("flag", "Green");
    case DD_FLAG_BLUE:
      return C_("flag", "Blue");
    case DD_FLAG_PURPLE:
      return C_("flag", "Purple");
    case DD_FLAG_ORANGE:
      return C_("flag", "Orange");
    case DD_FLAG_NONE:
    default:
      return C_("flag", "No flag");
    }
}

const char *
dd_review_state_to_nick (DdReviewState state)
{
  switch (state)
    {
    case DD_REVIEW_APPROVED:
      return "approved";
    case DD_REVIEW_HELD:
      return "held";
    case DD_REVIEW_NEEDS_REVIEW:
    default:
      return "needs-review";
    }
}

const char *
dd_review_state_get_label (DdReviewState state)
{
  switch (state)
    {
    case DD_REVIEW_APPROVED:
      return C_("review state", "Approved");
    case DD_REVIEW_HELD:
      return C_("review state", "Held");
    case DD_REVIEW_NEEDS_REVIEW:
    default:
      return C_("review state", "Needs review");
    }
}

/* The status a view shows; -1: any. */
static gint
view_status (DdView view)
{
  switch (view)
    {
    case DD_VIEW_UNPAID:
      return DD_ORDER_STATUS_UNPAID;
    case DD_VIEW_TO_SHIP:
      return DD_ORDER_STATUS_TO_SHIP;
    case DD_VIEW_SHIPPED:
      return DD_ORDER_STATUS_SHIPPED;
    case DD_VIEW_AFTER_SALE:
      return DD_ORDER_STATUS_AFTER_SALE;
    case DD_VIEW_CLOSED:
      return DD_ORDER_STATUS_CLOSED;
    case DD_VIEW_ALL:
    case DD_VIEW_NEEDS_REVIEW:
    default:
      return -1;
    }
}

const char *
dd_view_get_label (DdView view)
{
  switch (view)
    {
    case DD_VIEW_NEEDS_REVIEW:
      return dd_review_state_get_label (DD_REVIEW_NEEDS_REVIEW);
    case DD_VIEW_UNPAID:
    case DD_VIEW_TO_SHIP:
    case DD_VIEW_SHIPPED:
    case DD_VIEW_AFTER_SALE:
    case DD_VIEW_CLOSED:
      return dd_order_status_get_label (view_status (view));
    case DD_VIEW_ALL:
    default:
      return C_("view", "All");
    }
}

void
dd_query_set_view (DdQuery *query,
                   DdView   view)
{
  g_return_if_fail (query != NULL);

  query->status = view_status (view);
  query->reviews = view == DD_VIEW_NEEDS_REVIEW ? DD_REVIEW_MASK (DD_REVIEW_NEEDS_REVIEW) : 0;
}

guint64
dd_view_counts_get (const DdViewCounts *counts,
                    DdView              view)
{
  g_return_val_if_fail (counts != NULL, 0);

  if (view == DD_VIEW_ALL)
    return counts->all;
  if (view == DD_VIEW_NEEDS_REVIEW)
    return counts->needs_review;
  if (view_status (view) >= 0)
    return counts->by_status[view_status (view)];
  return 0;
}

/* ---- Reading ---------------------------------------------------------------- */

gboolean
dd_cache_get_marks (DdCache  *self,
                    gint64    row_id,
                    DdMarks  *marks,
                    GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (marks != NULL, FALSE);
  dd_marks_clear (marks);
  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* On the loader: one row, and never behind a list query in a worker. */
  g_mutex_lock (&self->load_lock);
  rc = sqlite3_prepare_v2 (self->loader,
                           "SELECT m.updated_ms, m.note, m.flag, m.review, m.release_ms"
                           " FROM orders AS o LEFT JOIN order_marks AS m"
                           "   ON m.account_id = o.account_id AND m.order_id = o.order_id"
                           " WHERE o.id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, row_id);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      gint64 flag = sqlite3_column_int64 (stmt, 2);
      gint64 review = sqlite3_column_int64 (stmt, 3);

      marks->updated_ms = sqlite3_column_int64 (stmt, 0);
      marks->note = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      /* A value a newer version wrote reads as none. */
      marks->flag = flag >= 0 && flag <= DD_FLAG_LAST ? (DdFlag) flag : DD_FLAG_NONE;
      marks->review = review >= 0 && review <= DD_REVIEW_LAST
                        ? (DdReviewState) review : DD_REVIEW_NEEDS_REVIEW;
      marks->release_ms = sqlite3_column_int64 (stmt, 4);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The order is no longer in the order cache"));
  else if (rc != SQLITE_ROW)
    dd_cache_set_sqlite_error (error, self->loader, rc, DD_CACHE_OP_READ);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->load_lock);

  return rc == SQLITE_ROW;
}

/* ---- Writing ---------------------------------------------------------------- */

/* Runs @set_sql (parameters ?1 row id, ?2 @text, ?3 @value, ?4 now, ?5
 * @release_ms or NULL when it is 0) for every row of @row_ids, then deletes the rows left marking nothing, in one
 * transaction on the writer. */
static gboolean
set_marks (DdCache     *self,
           GArray      *row_ids,
           const char  *set_sql,
           const char  *text,
           gint64       value,
           gint64       release_ms,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / 1000;
  gboolean ok;
  int rc = SQLITE_OK;

  g_mutex_lock (&self->write_lock);

  ok = dd_cache_exec (self->writer, "BEGIN IMMEDIATE", DD_CACHE_OP_SAVE, error);
  if (ok)
    {
      rc = sqlite3_prepare_v2 (self->writer, set_sql, -1, &stmt, NULL);
      for (guint i = 0; rc == SQLITE_OK && i < row_ids->len; i++)
        {
          if (text != NULL)
            sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, 2);
          sqlite3_bind_int64 (stmt, 1, g_array_index (row_ids, gint64, i));
          sqlite3_bind_int64 (stmt, 3, value);
          sqlite3_bind_int64 (stmt, 4, now);
          if (release_ms > 0)
            sqlite3_bind_int64 (stmt, 5, release_ms);
          else
            sqlite3_bind_null (stmt, 5);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE && sqlite3_changes (self->writer) == 0)
            {
              /* No such row (the order went with its account). */
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The order is no longer in the order cache"));
              ok = FALSE;
              break;
            }
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (ok && rc == SQLITE_OK)
        rc = sqlite3_exec (self->writer,
                           "DELETE FROM order_marks"
                           " WHERE note IS NULL AND flag = 0 AND review = 0",
                           NULL, NULL, NULL);
      if (ok && rc != SQLITE_OK)
        {
          dd_cache_set_sqlite_error (error, self->writer, rc, DD_CACHE_OP_SAVE);
          ok = FALSE;
        }
    }

  if (ok)
    ok = dd_cache_exec (self->writer, "COMMIT", DD_CACHE_OP_SAVE, error);
  /* Nothing of the change is kept. */
  if (!ok && !sqlite3_get_autocommit (self->writer))
    dd_cache_exec (self->writer, "ROLLBACK", DD_CACHE_OP_SAVE, NULL);

  g_mutex_unlock (&self->write_lock);

  return ok;
}

/* An upsert of some mark columns (set from ?2, ?3, ?5), keyed by the
 * row's (account, order id); the SELECT finds nothing for a row id that is
 * not cached. */
#define UPSERT(columns, values, set) \
  "INSERT INTO order_marks (account_id, order_id, updated_ms, " columns ")" \
  " SELECT account_id, order_id, ?4, " values " FROM orders WHERE id = ?1" \
  " ON CONFLICT (account_id, order_id) DO UPDATE SET updated_ms = excluded.updated_ms, " set

gboolean
dd_cache_set_note (DdCache     *self,
                   GArray      *row_ids,
                   const char  *note,
                   GError     **error)
{
  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (row_ids != NULL &&
                        g_array_get_element_size (row_ids) == sizeof (gint64), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_marks (self, row_ids,
                    UPSERT ("note", "?2", "note = excluded.note"),
                    note != NULL && note[0] != '\0' ? note : NULL, 0, 0, error);
}

gboolean
dd_cache_set_flag (DdCache     *self,
                   GArray      *row_ids,
                   DdFlag       flag,
                   GError     **error)
{
  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (row_ids != NULL &&
                        g_array_get_element_size (row_ids) == sizeof (gint64), FALSE);
  g_return_val_if_fail ((guint) flag <= DD_FLAG_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_marks (self, row_ids,
                    UPSERT ("flag", "?3", "flag = excluded.flag"),
                    NULL, flag, 0, error);
}

gboolean
dd_cache_set_review (DdCache        *self,
                     GArray         *row_ids,
                     DdReviewState   state,
                     gint64          release_ms,
                     GError        **error)
{
  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (row_ids != NULL &&
                        g_array_get_element_size (row_ids) == sizeof (gint64), FALSE);
  g_return_val_if_fail ((guint) state <= DD_REVIEW_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_marks (self, row_ids,
                    UPSERT ("review, release_ms", "?3, ?5",
                            "review = excluded.review, release_ms = excluded.release_ms"),
                    NULL, state, state == DD_REVIEW_HELD ? MAX (release_ms, 0) : 0, error);
}

/* ---- Counting ---------------------------------------------------------------- */

gboolean
dd_cache_count_views (DdCache       *self,
                      const char    *account_id,
                      gint64         now_ms,
                      DdViewCounts  *counts,
                      GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *where = account_id != NULL ? " WHERE o.account_id = ?1" : "";
  guint64 reviewed = 0;
  int rc;

  g_return_val_if_fail (counts != NULL, FALSE);
  memset (counts, 0, sizeof *counts);
  g_return_val_if_fail (DD_IS_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The statuses from the (account,) status index; the orders not needing
   * review from the marks, which are few. Status -1 is that count. */
  sql = g_strconcat ("SELECT o.status, count(*) FROM orders AS o", where,
                     " GROUP BY o.status"
                     " UNION ALL"
                     " SELECT -1, count(*) FROM order_marks AS m"
                     " JOIN orders AS o ON o.account_id = m.account_id AND o.order_id = m.order_id",
                     account_id != NULL ? " WHERE m.account_id = ?1 AND " : " WHERE ",
                     DD_CACHE_REVIEW_SQL " <> 0",
                     NULL);

  g_mutex_lock (&self->read_lock);
  rc = sqlite3_prepare_v2 (self->reader, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (account_id != NULL)
        sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 8, now_or (now_ms));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 status = sqlite3_column_int64 (stmt, 0);
          guint64 n = (guint64) sqlite3_column_int64 (stmt, 1);

          if (status == -1)
            reviewed = n;
          else
            {
              counts->all += n;
              if (status >= 0 && status <= DD_ORDER_STATUS_LAST)
                counts->by_status[status] += n;
            }
        }
    }
  if (rc != SQLITE_DONE)
    dd_cache_set_sqlite_error (error, self->reader, rc, DD_CACHE_OP_READ);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->read_lock);

  counts->needs_review = counts->all >= reviewed ? counts->all - reviewed : 0;
  if (rc != SQLITE_DONE)
    {
      memset (counts, 0, sizeof *counts);
      return FALSE;
    }
  return TRUE;
}
