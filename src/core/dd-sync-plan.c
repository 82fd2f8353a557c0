/* dd-sync-plan.c: which page a sync asks for next
 *
 * - Backfill: the full listing (newest first by creation), forwards. Each
 *   page saves { old cursor, pages stored, page size, start }; the last one
 *   saves the cursor = the backfill's start, then an incremental listing
 *   from there (less the overlap) follows.
 * - Pass (incremental without listing rules): [since, now] forwards; if the
 *   set grew while paging, another pass from this one's start.
 * - Windows (incremental with listing rules): consecutive windows up to when
 *   the listing started, each forwards or — TOP's advice — page 1 (for the
 *   count), then the last page down to page 2, then page 1 again; a window
 *   of one page is one call. Its last page saves its end as the cursor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-sync-job.h"
#include "dd-sync-plan-private.h"

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

void
dd_sync_plan_start_backfill (DdSyncPlan *plan,
                             guint       page,
                             guint       page_size,
                             gint64      start_ms)
{
  plan->phase = DD_SYNC_PHASE_BACKFILL;
  plan->pass = 1;
  plan->page = MAX (page, 1);
  plan->fetch_page_size = page_size;
  plan->backfill_start_ms = start_ms;
  plan->known_total = 0;
}

static void
start_pass (DdSyncPlan *plan,
            gint64      since_ms)
{
  plan->phase = DD_SYNC_PHASE_PASS;
  plan->pass++;
  plan->page = 1;
  plan->fetch_page_size = plan->page_size;
  plan->since_ms = MAX (since_ms, 1);
  plan->pass_start_ms = now_ms ();
  plan->first_total = 0;
  plan->last_total = 0;
  plan->known_total = 0;
}

/* The window from @since_ms: as long as allowed, ending at the latest at until_ms. */
static void
start_window (DdSyncPlan *plan,
              gint64      since_ms)
{
  plan->phase = DD_SYNC_PHASE_WINDOWS;
  plan->page = 1;
  plan->fetch_page_size = plan->page_size;
  plan->window_since_ms = since_ms;
  if (plan->listing.max_window_ms > 0 && plan->until_ms - since_ms > plan->listing.max_window_ms)
    plan->window_until_ms = since_ms + plan->listing.max_window_ms;
  else
    plan->window_until_ms = plan->until_ms;
  plan->n_window_pages = 0;
  plan->known_total = 0;
}

void
dd_sync_plan_start_incremental (DdSyncPlan *plan,
                                gint64      since_ms)
{
  since_ms = MAX (since_ms, 1);
  if (plan->listing.max_window_ms > 0 || plan->listing.page_backwards)
    {
      plan->until_ms = MAX (now_ms (), since_ms);
      start_window (plan, since_ms);
    }
  else
    start_pass (plan, since_ms);
}

gboolean
dd_sync_plan_cursor_too_old (DdSyncPlan *plan,
                             gint64      cursor_ms,
                             guint64     n_cached)
{
  gint64 span = now_ms () - (cursor_ms - DD_SYNC_OVERLAP_MS);
  guint64 n_windows, n_full;

  if (plan->listing.max_window_ms <= 0 || span <= plan->listing.max_window_ms)
    return FALSE;

  n_windows = (guint64) ((span + plan->listing.max_window_ms - 1) / plan->listing.max_window_ms);
  n_full = n_cached / MAX (plan->page_size, 1) + 1;
  g_debug ("Sync of %s: cursor %" G_GINT64_FORMAT " needs %" G_GUINT64_FORMAT
           " windows, a full listing about %" G_GUINT64_FORMAT " calls",
           plan->account_id, cursor_ms, n_windows, n_full);

  return n_windows > n_full;
}

void
dd_sync_plan_get_query (DdSyncPlan  *plan,
                        DdListQuery *query)
{
  *query = (DdListQuery) { 0, };
  switch (plan->phase)
    {
    case DD_SYNC_PHASE_BACKFILL:
      break;
    case DD_SYNC_PHASE_PASS:
      query->modified_since_ms = plan->since_ms;
      break;
    case DD_SYNC_PHASE_WINDOWS:
      query->modified_since_ms = plan->window_since_ms;
      query->modified_until_ms = plan->window_until_ms;
      break;
    default:
      g_assert_not_reached ();
    }
  query->page = plan->page;
  query->page_size = plan->fetch_page_size;
}

/* Forwards: a short page, or the count reached. */
static gboolean
forward_page_is_last (DdSyncPlan        *plan,
                      const DdOrderPage *page,
                      guint              n)
{
  return n == 0 || n < plan->fetch_page_size ||
         (guint64) plan->page * plan->fetch_page_size >= page->total_count;
}

/* Whether the page just fetched is the last of its window. Learns the
 * number of pages from page 1 when paging backwards. */
static gboolean
window_page_is_last (DdSyncPlan        *plan,
                     const DdOrderPage *page,
                     guint              n)
{
  gboolean short_page = n == 0 || n < plan->fetch_page_size;

  if (!plan->listing.page_backwards)
    return forward_page_is_last (plan, page, n);

  if (plan->page == 1)
    {
      guint64 n_pages = (page->total_count + plan->fetch_page_size - 1) / plan->fetch_page_size;

      /* Page 1 again, after n … 2: the window is done. */
      if (plan->n_window_pages > 0)
        return TRUE;

      /* A short first page has all there is, whatever the count says. */
      plan->n_window_pages = short_page ? 1 : (guint) CLAMP (n_pages, 1, G_MAXUINT);
      return plan->n_window_pages <= 1;
    }

  /* Going down, a short page is expected (the last one) and ends nothing:
   * page 1 is read again after page 2. */
  return FALSE;
}

void
dd_sync_plan_next (DdSyncPlan        *plan,
                   const DdOrderPage *page,
                   guint              n,
                   DdSyncPlanStep    *step)
{
  *step = (DdSyncPlanStep) { FALSE, DD_SYNC_STATE_INIT, FALSE };

  /* Until the plan moves to another listing (which forgets it). */
  plan->known_total = page->total_count;

  switch (plan->phase)
    {
    case DD_SYNC_PHASE_BACKFILL:
      step->has_state = TRUE;
      if (!forward_page_is_last (plan, page, n))
        {
          step->state = (DdSyncState) { plan->old_cursor_ms, plan->page, plan->fetch_page_size,
                                        plan->backfill_start_ms };
          plan->page++;
          return;
        }

      step->state = (DdSyncState) { plan->backfill_start_ms, 0, 0, 0 };
      step->ends_backfill = TRUE;
      g_debug ("Sync of %s: backfill done at page %u; incremental from %" G_GINT64_FORMAT,
               plan->account_id, plan->page, plan->backfill_start_ms);
      dd_sync_plan_start_incremental (plan, plan->backfill_start_ms - DD_SYNC_OVERLAP_MS);
      return;

    case DD_SYNC_PHASE_PASS:
      if (plan->page == 1)
        plan->first_total = page->total_count;
      plan->last_total = page->total_count;
      if (!forward_page_is_last (plan, page, n))
        {
          plan->page++;
          return;
        }

      step->has_state = TRUE;
      step->state = (DdSyncState) { plan->pass_start_ms, 0, 0, 0 };
      /* Orders arrived while paging: fetch what changed since this pass began. */
      if (plan->last_total > plan->first_total && plan->pass < DD_SYNC_PLAN_MAX_PASSES)
        {
          g_debug ("Sync of %s: %" G_GUINT64_FORMAT " orders grew to %" G_GUINT64_FORMAT
                   " during pass %u; starting another",
                   plan->account_id, plan->first_total, plan->last_total, plan->pass);
          start_pass (plan, plan->pass_start_ms - DD_SYNC_OVERLAP_MS);
        }
      else
        plan->done = TRUE;
      return;

    case DD_SYNC_PHASE_WINDOWS:
      if (!window_page_is_last (plan, page, n))
        {
          /* Backwards: 1, then n, n - 1, … 2, then 1 again. */
          if (!plan->listing.page_backwards)
            plan->page++;
          else
            plan->page = plan->page == 1 ? plan->n_window_pages : plan->page - 1;
          return;
        }

      step->has_state = TRUE;
      step->state = (DdSyncState) { plan->window_until_ms, 0, 0, 0 };
      if (plan->window_until_ms < plan->until_ms)
        start_window (plan, plan->window_until_ms);
      else
        plan->done = TRUE;
      return;

    default:
      g_assert_not_reached ();
    }
}

gboolean
dd_sync_plan_get_ahead (DdSyncPlan        *plan,
                        const DdListQuery *asked,
                        DdListQuery       *ahead)
{
  if (plan->done || plan->known_total == 0 ||
      (plan->phase == DD_SYNC_PHASE_WINDOWS && plan->listing.page_backwards))
    return FALSE;

  *ahead = *asked;
  ahead->page++;
  return (guint64) (ahead->page - 1) * ahead->page_size < plan->known_total;
}
