/* dd-cache-paid.c: which orders a sync makes newly paid, and which of them
 * still wait for review (the "new paid order" notifications)
 *
 * Both are point lookups by the orders' unique keys, on the loader
 * connection, whose lock is only ever held for a row or a few: never behind
 * a long query of the reader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-cache-private.h"
#include "dd-marks.h"

/* Whether a cached status counts as "not paid yet": an order that goes from
 * it to TO_SHIP became paid. */
static gboolean
is_unpaid_status (gint64 status)
{
  return status == DD_ORDER_STATUS_UNPAID || status == DD_ORDER_STATUS_UNKNOWN;
}

GArray *
dd_cache_find_newly_paid (DdCache     *self,
                          const char  *account_id,
                          GPtrArray   *orders,
                          GError     **error)
{
  g_autoptr(GArray) found = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_OK;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (orders != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = g_array_new (FALSE, FALSE, sizeof (guint));

  g_mutex_lock (&self->load_lock);
  rc = sqlite3_prepare_v2 (self->loader,
                           "SELECT status FROM orders WHERE account_id = ?1 AND order_id = ?2",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (orders, i);
      const char *order_id = dd_order_get_order_id (order);
      gboolean was_unpaid = TRUE;

      if (dd_order_get_status (order) != DD_ORDER_STATUS_TO_SHIP || order_id == NULL)
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, order_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        was_unpaid = is_unpaid_status (sqlite3_column_int64 (stmt, 0));
      else if (rc != SQLITE_DONE)
        break;
      rc = SQLITE_OK;

      /* New to the cache, or cached unpaid. */
      if (was_unpaid)
        g_array_append_val (found, i);
    }
  if (rc != SQLITE_OK)
    dd_cache_set_sqlite_error (error, self->loader, rc, DD_CACHE_OP_READ);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->load_lock);

  if (rc != SQLITE_OK)
    return NULL;

  return g_steal_pointer (&found);
}

GArray *
dd_cache_filter_paid_unreviewed (DdCache  *self,
                                 GArray   *row_ids,
                                 gint64    now_ms,
                                 GError  **error)
{
  g_autoptr(GArray) kept = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DD_IS_CACHE (self), NULL);
  g_return_val_if_fail (row_ids != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (now_ms == 0)
    now_ms = g_get_real_time () / 1000;
  kept = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* A held order past its release time needs review again (as
   * DD_CACHE_REVIEW_SQL says, with the time as ?2 here). */
  g_mutex_lock (&self->load_lock);
  rc = sqlite3_prepare_v2 (self->loader,
                           "SELECT 1 FROM orders o"
                           " LEFT JOIN order_marks m"
                           "   ON m.account_id = o.account_id AND m.order_id = o.order_id"
                           " WHERE o.id = ?1 AND o.status = ?3"
                           "   AND (m.review IS NULL"
                           "        OR (CASE WHEN m.review = 2 AND m.release_ms IS NOT NULL"
                           "                  AND m.release_ms <= ?2"
                           "            THEN 0 ELSE m.review END) = 0)",
                           -1, &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < row_ids->len; i++)
    {
      gint64 row_id = g_array_index (row_ids, gint64, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row_id);
      sqlite3_bind_int64 (stmt, 2, now_ms);
      sqlite3_bind_int (stmt, 3, DD_ORDER_STATUS_TO_SHIP);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_array_append_val (kept, row_id);
      else if (rc != SQLITE_DONE)
        break;
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    dd_cache_set_sqlite_error (error, self->loader, rc, DD_CACHE_OP_READ);
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->load_lock);

  if (rc != SQLITE_OK)
    return NULL;

  return g_steal_pointer (&kept);
}
