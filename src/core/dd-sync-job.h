/* dd-sync-job.h: one account's sync from its platform into the cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-client.h"

G_BEGIN_DECLS

/* Overlap applied below the saved cursor, so orders modified around the
 * moment the last sync started are fetched again (upserts make that free). */
#define DD_SYNC_OVERLAP_MS (5 * 60 * 1000)

#define DD_TYPE_SYNC_JOB (dd_sync_job_get_type ())
G_DECLARE_FINAL_TYPE (DdSyncJob, dd_sync_job, DD, SYNC_JOB, GObject)

/* Pages through the account's orders modified since its cursor (all of them
 * the first time), newest first by creation as the platform serves them:
 * each page (orders + lines) is parsed off the main thread by the client and
 * written in ONE transaction off the main thread with the sync state
 * (DdSyncState); then "page-stored" is emitted on the main thread with the
 * touched row ids. While a page is written the next one is already being
 * fetched and parsed (both cores busy).
 *
 * - Backfill (no cursor yet, or a cursor so old that its windows would cost
 *   more calls than listing everything again): a full listing, newest
 *   first; the pages stored are saved with each page, so a run killed at any
 *   point resumes at the next page. When it ends, the cursor becomes the
 *   backfill's start and an incremental pass from there picks up what
 *   changed meanwhile.
 * - Incremental: [cursor - DD_SYNC_OVERLAP_MS, now] in the windows the
 *   client allows (dd_client_get_listing ()); ceil (changed / page size) + 1
 *   calls at most per window.
 * If the set grew while paging (total_count went up) another pass starts from
 * the first pass's start, so orders created during a sync are not missed.
 *
 * Properties (read-only, notify on the main thread): "n-pages", "n-orders",
 * "n-calls" (HTTP calls of this run), "total" (as the platform last said),
 * "running", "backfilling". */
DdSyncJob  *dd_sync_job_new        (DdClient            *client,
                                    DdCache             *cache,
                                    const char          *account_id) G_GNUC_WARN_UNUSED_RESULT;

const char *dd_sync_job_get_account_id (DdSyncJob *self);
guint       dd_sync_job_get_n_pages    (DdSyncJob *self);
guint       dd_sync_job_get_n_orders   (DdSyncJob *self);
guint64     dd_sync_job_get_total      (DdSyncJob *self);
gboolean    dd_sync_job_get_running    (DdSyncJob *self);
guint       dd_sync_job_get_n_calls    (DdSyncJob *self);
gboolean    dd_sync_job_get_backfilling (DdSyncJob *self);
/* Page size asked of the platform (default: the client's maximum). */
void        dd_sync_job_set_page_size  (DdSyncJob *self,
                                        guint      page_size);

/* Signal "page-stored" (GArray *changed_rowids): after each transaction,
 * with the row ids it touched. The first 1,000 orders of a run are written
 * page by page; after that, pages that arrive while a write is running are
 * written together (up to 2,000 orders), so one emission may cover several
 * pages ("n-pages" still counts pages).
 *
 * Signal "orders-paid" (GArray *row_ids): right after a "page-stored", the
 * row ids (gint64) of that write's orders that became paid: DD_ORDER_STATUS_
 * TO_SHIP now, and unpaid or not cached before it (dd_cache_find_newly_paid
 * ()). Only in runs of an account that had finished a sync before (the
 * first one brings its whole history), and only when there are some. */

void        dd_sync_job_run_async  (DdSyncJob           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean    dd_sync_job_run_finish (DdSyncJob           *self,
                                    GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
