/* dd-sync-plan-private.h: which page a sync asks for next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-cache.h"
#include "dd-client.h"

G_BEGIN_DECLS

/* A sync repeats an incremental pass while the set keeps growing, but not
 * forever (a backfill counts as the first pass). */
#define DD_SYNC_PLAN_MAX_PASSES 5

typedef enum
{
  DD_SYNC_PHASE_BACKFILL,  /* the full listing */
  DD_SYNC_PHASE_PASS,      /* incremental, one open window paged forwards */
  DD_SYNC_PHASE_WINDOWS,   /* incremental, in the client's windows */
} DdSyncPhase;

/* Where a run's listing stands: the page it asks for next, and what it
 * learnt from the pages so far. Plain data, main thread only. */
typedef struct
{
  /* Fixed for the run. */
  const char     *account_id;       /* for debug messages; not owned */
  guint           page_size;        /* of incremental listings */
  gint64          old_cursor_ms;    /* as the run found it; -1: none */
  DdClientListing listing;

  DdSyncPhase phase;
  guint    page;              /* 1-based within the backfill, pass or window */
  guint    fetch_page_size;   /* the backfill's saved size, or page_size */
  gboolean done;              /* the run's last page has been asked for */
  guint    pass;              /* backfill and passes started */
  gint64   backfill_start_ms;
  gint64   since_ms;          /* PASS: lower bound */
  gint64   pass_start_ms;     /* PASS: the cursor it saves */
  guint64  first_total;       /* PASS: total_count on its first page */
  guint64  last_total;        /* PASS: on its latest page */
  gint64   until_ms;          /* WINDOWS: where the last window ends */
  gint64   window_since_ms;
  gint64   window_until_ms;
  guint    n_window_pages;    /* learnt from page 1 when paging backwards */
  guint64  known_total;       /* total_count of the listing's latest page; 0: unknown */
} DdSyncPlan;

/* What the page just fetched saves with itself. */
typedef struct
{
  gboolean    has_state;      /* FALSE: the sync state stays as it is */
  DdSyncState state;
  gboolean    ends_backfill;
} DdSyncPlanStep;

void     dd_sync_plan_start_backfill    (DdSyncPlan        *plan,
                                         guint              page,
                                         guint              page_size,
                                         gint64             start_ms);
/* From @since_ms up to now, by the client's rules (windows or one pass). */
void     dd_sync_plan_start_incremental (DdSyncPlan        *plan,
                                         gint64             since_ms);
/* TRUE when windows from @cursor_ms up to now would cost more calls than a
 * full listing of the @n_cached orders (its pages, and the pass after it). */
gboolean dd_sync_plan_cursor_too_old    (DdSyncPlan        *plan,
                                         gint64             cursor_ms,
                                         guint64            n_cached);
/* The request of the page the plan wants next. */
void     dd_sync_plan_get_query         (DdSyncPlan        *plan,
                                         DdListQuery       *query);
/* Takes the page the plan wanted (@n orders): says what it saves and moves
 * to the next request, or sets done. */
void     dd_sync_plan_next              (DdSyncPlan        *plan,
                                         const DdOrderPage *page,
                                         guint              n,
                                         DdSyncPlanStep    *step);
/* TRUE, and @ahead set, when the page after @asked (the plan's next) is
 * certain to be wanted: paging forwards through a listing whose size the
 * platform said, and not past it. */
gboolean dd_sync_plan_get_ahead         (DdSyncPlan        *plan,
                                         const DdListQuery *asked,
                                         DdListQuery       *ahead);

G_END_DECLS
