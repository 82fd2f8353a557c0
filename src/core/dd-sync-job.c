/* dd-sync-job.c: one account's sync from its platform into the cache
 *
 * A run is a sequence of page requests; dd-sync-plan.c decides which page
 * comes next (backfill, incremental pass or windows) and what each page
 * saves with itself (DdSyncState: the backfill's progress or the cursor).
 * Here the pages travel:
 *
 * - Pipelining: a fetched page is written in a worker thread while the next
 *   is already being fetched and parsed (the client parses off the main
 *   thread), so both cores work; paging forwards through a listing whose
 *   size is known, the page after that is asked for too (two requests out).
 *   One write runs at a time: pages are stored, and "page-stored" is
 *   emitted on the main thread, strictly in order.
 * - Batching: once a run has stored its first BATCH_AFTER_ORDERS orders
 *   (which show up page by page), the pages that arrive while a write is in
 *   flight are written together by the next one: one transaction, saving
 *   the sync state of the last of them, and one "page-stored" with every
 *   row they touched. So when the writer is the slower stage its
 *   transactions grow by themselves (each costs a commit and a new segment
 *   of each search index), up to MAX_BATCH_ORDERS orders, which bounds what
 *   a kill loses and what waits in memory. The state saved is still that
 *   of the last page stored: a resumed run goes on after it.
 * - Stopping: any error (a ban the HTTP layer could not wait out, a shop to
 *   authorise again …) or a cancel ends the run: no further page is asked
 *   for, a page being written finishes (and is reported), pages fetched but
 *   not written are dropped, and the run returns once nothing is in flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-sync-job.h"
#include "dd-sync-plan-private.h"

struct _DdSyncJob
{
  GObject   parent_instance;

  DdClient *client;      /* owned */
  DdCache  *cache;       /* owned */
  char     *account_id;  /* owned */
  guint     page_size;   /* 0: the client's maximum */

  guint     n_pages;
  guint     n_orders;
  guint     n_calls;
  guint64   total;
  gboolean  running;
  gboolean  backfilling;
};

G_DEFINE_FINAL_TYPE (DdSyncJob, dd_sync_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE,
  PROP_ACCOUNT_ID,
  PROP_PAGE_SIZE,
  PROP_N_PAGES,
  PROP_N_ORDERS,
  PROP_N_CALLS,
  PROP_TOTAL,
  PROP_RUNNING,
  PROP_BACKFILLING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PAGE_STORED,
  ORDERS_PAID,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Orders of a run stored a page at a time before batching starts. */
#define BATCH_AFTER_ORDERS 1000
/* At most this many orders in one write (unless one page has more), and
 * waiting for it. */
#define MAX_BATCH_ORDERS  2000

/* One page, or a batch of consecutive pages, on its way into the cache. */
typedef struct
{
  DdCache     *cache;        /* owned */
  char        *account_id;   /* owned */
  GPtrArray   *orders;       /* owned (element-type DdOrder); the worker's once written */
  guint        n_orders;
  guint        n_pages;
  GArray      *changed;      /* owned (element-type gint64) */
  GArray      *paid;         /* owned (element-type gint64): the newly paid
                              * ones among them, when the run tracks them */
  DdSyncState  state;        /* saved with the page when has_state */
  gboolean     has_state;
  gboolean     ends_backfill;
  guint64      total_count;
} StoreData;

/* One page request. */
typedef struct
{
  GTask       *run;           /* owned */
  DdListQuery  query;
  gboolean     done;
  DdOrderPage *page;          /* owned, once done */
  GError      *error;         /* owned, once done */
} Fetch;

/* The state of one run (the task data of the run's GTask). Only the main
 * thread touches it. */
typedef struct
{
  DdSyncPlan plan;

  Fetch     *planned;         /* the plan's next page, asked for */
  Fetch     *ahead;           /* the one after it, asked for before the plan
                               * knows it wants it */
  guint      n_fetching;      /* requests out, dropped ones included */
  StoreData *storing;         /* owned: the page or batch being written */
  GQueue     pending;         /* (element-type StoreData) owned: pages fetched,
                               * waiting for the write before them, in order */
  guint      n_pending_orders;
  GError    *error;           /* owned: how the run ends once nothing is in flight */
  gboolean   finished;
  gboolean   track_paid;      /* the account had finished a sync: tell "orders-paid" */
} RunData;

static void schedule (GTask *run);

static void
store_data_free (StoreData *store)
{
  if (store == NULL)
    return;

  g_clear_object (&store->cache);
  g_free (store->account_id);
  g_clear_pointer (&store->orders, g_ptr_array_unref);
  g_clear_pointer (&store->changed, g_array_unref);
  g_clear_pointer (&store->paid, g_array_unref);
  g_free (store);
}

static void
fetch_free (Fetch *fetch)
{
  if (fetch == NULL)
    return;

  g_clear_object (&fetch->run);
  g_clear_pointer (&fetch->page, dd_order_page_free);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

static void
run_data_free (RunData *data)
{
  /* Requests still out hold the run: there are none by now. */
  g_assert (data->planned == NULL && data->ahead == NULL);
  g_clear_pointer (&data->storing, store_data_free);
  g_queue_clear_full (&data->pending, (GDestroyNotify) store_data_free);
  g_clear_error (&data->error);
  g_free (data);
}

/* ---- properties ------------------------------------------------------------ */

static void
set_running (DdSyncJob *self,
             gboolean   running)
{
  if (self->running == running)
    return;

  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_backfilling (DdSyncJob *self,
                 gboolean   backfilling)
{
  if (self->backfilling == backfilling)
    return;

  self->backfilling = backfilling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKFILLING]);
}

static void
set_n_calls (DdSyncJob *self,
             guint      n_calls)
{
  if (self->n_calls == n_calls)
    return;

  self->n_calls = n_calls;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CALLS]);
}

static void
set_progress (DdSyncJob *self,
              guint      n_pages,
              guint      n_orders,
              guint64    total)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_pages != n_pages)
    {
      self->n_pages = n_pages;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
    }
  if (self->n_orders != n_orders)
    {
      self->n_orders = n_orders;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ORDERS]);
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ---- writing --------------------------------------------------------------- */

/* Ends the run: "running" goes FALSE before the caller hears of it, so the
 * callback may start the next run. Takes @error. */
static void
finish_run (GTask  *run,
            GError *error)
{
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);

  data->finished = TRUE;
  set_backfilling (self, FALSE);
  set_running (self, FALSE);

  if (error != NULL)
    g_task_return_error (run, error);
  else
    g_task_return_boolean (run, TRUE);
}

static void
free_orders_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_ptr_array_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Frees @orders (taken) in another worker: not on the main thread, and not
 * on the writer, whose time is the sync's when it is the slower stage. */
static void
free_orders_later (GPtrArray *orders)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, free_orders_later);
  g_task_set_task_data (task, orders, NULL);
  g_task_run_in_thread (task, free_orders_thread);
}

static void
store_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreData *store = task_data;
  g_autoptr(GArray) newly_paid = NULL;
  GError *error = NULL;

  /* Which orders become paid: told by the cache as it is before the write. */
  if (store->paid != NULL)
    {
      newly_paid = dd_cache_find_newly_paid (store->cache, store->account_id, store->orders, &error);
      if (newly_paid == NULL)
        {
          g_debug ("Could not tell the newly paid orders of %s: %s",
                   store->account_id, error->message);
          g_clear_error (&error);
        }
    }

  if (!dd_cache_store_page_with_state (store->cache, store->account_id, store->orders,
                                       store->has_state ? &store->state : NULL,
                                       store->changed, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Each order has its row id now. */
  for (guint i = 0; newly_paid != NULL && i < newly_paid->len; i++)
    {
      DdOrder *order = g_ptr_array_index (store->orders, g_array_index (newly_paid, guint, i));
      gint64 row_id = dd_order_get_row_id (order);

      if (row_id > 0)
        g_array_append_val (store->paid, row_id);
    }

  free_orders_later (g_steal_pointer (&store->orders));
  g_task_return_boolean (task, TRUE);
}

static void
page_stored_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) run = user_data;
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  StoreData *store = g_steal_pointer (&data->storing);
  StoreData *copy = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* The worker may hold its task a moment longer: drop what it refers to
   * here, so that the cache is never finalised in a worker. */
  g_clear_object (&copy->cache);
  g_clear_pointer (&copy->orders, g_ptr_array_unref);
  g_clear_pointer (&copy->changed, g_array_unref);
  g_clear_pointer (&copy->paid, g_array_unref);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (data->error == NULL)
        data->error = error;
      else
        g_error_free (error);
      store_data_free (store);
      schedule (run);
      return;
    }

  set_progress (self, self->n_pages + store->n_pages, self->n_orders + store->n_orders,
                store->total_count);
  if (store->ends_backfill)
    set_backfilling (self, FALSE);
  g_signal_emit (self, signals[PAGE_STORED], 0, store->changed);
  if (store->paid != NULL && store->paid->len > 0)
    g_signal_emit (self, signals[ORDERS_PAID], 0, store->paid);
  store_data_free (store);

  schedule (run);
}

/* Writes @store (taken) in a worker. The worker keeps its own references:
 * the run's data is left to the main thread. */
static void
start_store (GTask     *run,
             StoreData *store)
{
  RunData *data = g_task_get_task_data (run);
  g_autoptr(GTask) task = NULL;
  StoreData *copy;

  g_assert (data->storing == NULL);
  data->storing = store;

  copy = g_new0 (StoreData, 1);
  copy->cache = g_object_ref (store->cache);
  copy->account_id = g_strdup (store->account_id);
  copy->orders = g_steal_pointer (&store->orders);
  copy->changed = g_array_ref (store->changed);
  copy->paid = store->paid != NULL ? g_array_ref (store->paid) : NULL;
  copy->n_orders = store->n_orders;
  copy->state = store->state;
  copy->has_state = store->has_state;

  /* No cancellable: a page being written finishes and is reported. No
   * source object: the worker thread may drop the task last. */
  task = g_task_new (NULL, NULL, page_stored_cb, g_object_ref (run));
  g_task_set_source_tag (task, start_store);
  g_task_set_task_data (task, copy, (GDestroyNotify) store_data_free);
  g_task_run_in_thread (task, store_page_thread);
}

static void
drop_pending (RunData *data)
{
  g_queue_clear_full (&data->pending, (GDestroyNotify) store_data_free);
  data->n_pending_orders = 0;
}

/* The next write: the first page waiting, with the pages after it while
 * batching (see the top of the file). */
static StoreData *
take_pending (DdSyncJob *self,
              RunData   *data)
{
  StoreData *batch = g_queue_pop_head (&data->pending);
  StoreData *next;

  data->n_pending_orders -= batch->n_orders;
  if (self->n_orders < BATCH_AFTER_ORDERS)
    return batch;

  while ((next = g_queue_peek_head (&data->pending)) != NULL &&
         batch->n_orders + next->n_orders <= MAX_BATCH_ORDERS)
    {
      g_queue_pop_head (&data->pending);
      data->n_pending_orders -= next->n_orders;

      g_ptr_array_extend_and_steal (batch->orders, g_steal_pointer (&next->orders));
      batch->n_orders += next->n_orders;
      batch->n_pages += next->n_pages;
      if (next->has_state)
        {
          batch->state = next->state;
          batch->has_state = TRUE;
        }
      batch->ends_backfill |= next->ends_backfill;
      batch->total_count = next->total_count;
      store_data_free (next);
    }

  return batch;
}

/* Whether another page may be asked for: one waits for the write at most
 * while the run is young, then pages up to a batch. */
static gboolean
may_fetch (DdSyncJob *self,
           RunData   *data)
{
  if (self->n_orders + (data->storing != NULL ? data->storing->n_orders : 0) < BATCH_AFTER_ORDERS)
    return g_queue_is_empty (&data->pending);

  return data->n_pending_orders < MAX_BATCH_ORDERS;
}

/* ---- fetching -------------------------------------------------------------- */

/* The plan's next page has come (@fetch done): its orders become the
 * pending page, or its error the run's end. */
static void
take_page (GTask *run,
           Fetch *fetch)
{
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  DdSyncPlan *plan = &data->plan;
  DdOrderPage *page = fetch->page;
  DdSyncPlanStep step;
  StoreData *store;
  const char *platform;
  guint n;

  if (page == NULL)
    {
      if (data->error == NULL)
        data->error = g_steal_pointer (&fetch->error);
      return;
    }

  n = page->orders != NULL ? page->orders->len : 0;
  platform = dd_client_get_platform (self->client);
  for (guint i = 0; i < n; i++)
    {
      DdOrder *order = g_ptr_array_index (page->orders, i);

      dd_order_set_account_id (order, self->account_id);
      if (dd_order_get_platform (order) == NULL)
        dd_order_set_platform (order, platform);
    }

  if (plan->phase == DD_SYNC_PHASE_WINDOWS)
    g_debug ("Sync of %s: window %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
             " page %u, %u orders of %" G_GUINT64_FORMAT,
             self->account_id, plan->window_since_ms, plan->window_until_ms,
             plan->page, n, page->total_count);
  else
    g_debug ("Sync of %s: %s %u page %u, %u orders of %" G_GUINT64_FORMAT,
             self->account_id, plan->phase == DD_SYNC_PHASE_BACKFILL ? "backfill" : "pass",
             plan->pass, plan->page, n, page->total_count);

  dd_sync_plan_next (plan, page, n, &step);

  store = g_new0 (StoreData, 1);
  store->cache = g_object_ref (self->cache);
  store->account_id = g_strdup (self->account_id);
  store->orders = page->orders != NULL ? g_ptr_array_ref (page->orders)
                                       : g_ptr_array_new_with_free_func (g_object_unref);
  store->n_orders = n;
  store->n_pages = 1;
  store->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (data->track_paid)
    store->paid = g_array_new (FALSE, FALSE, sizeof (gint64));
  store->total_count = page->total_count;
  store->has_state = step.has_state;
  store->state = step.state;
  store->ends_backfill = step.ends_backfill;

  g_queue_push_tail (&data->pending, store);
  data->n_pending_orders += n;
}

static void
list_orders_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GTask) run = g_object_ref (fetch->run);
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);

  data->n_fetching--;
  fetch->done = TRUE;
  fetch->page = dd_client_list_orders_finish (DD_CLIENT (source_object), result, &fetch->error);
  if (fetch->page != NULL)
    set_n_calls (self, self->n_calls + fetch->page->n_calls);

  if (fetch == data->planned)
    {
      data->planned = NULL;
      /* Unless the run is ending: then what was fetched is not written. */
      if (data->error == NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (run)))
        take_page (run, fetch);
      fetch_free (fetch);
    }
  else if (fetch != data->ahead)
    fetch_free (fetch);  /* asked for ahead, then not wanted */

  schedule (run);
}

static Fetch *
start_fetch (GTask             *run,
             const DdListQuery *query)
{
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->run = g_object_ref (run);
  fetch->query = *query;
  data->n_fetching++;
  dd_client_list_orders_async (self->client, query, g_task_get_cancellable (run),
                               list_orders_cb, fetch);
  return fetch;
}

static gboolean
query_equal (const DdListQuery *a,
             const DdListQuery *b)
{
  return a->modified_since_ms == b->modified_since_ms &&
         a->modified_until_ms == b->modified_until_ms &&
         a->page == b->page && a->page_size == b->page_size;
}

/* Forgets the page asked for ahead: a request still out is dropped when
 * it comes back. */
static void
drop_ahead (RunData *data)
{
  Fetch *ahead = g_steal_pointer (&data->ahead);

  if (ahead != NULL && ahead->done)
    fetch_free (ahead);
}

/* Takes the run's next steps after any event: starts the pending page's
 * write, asks for the next pages, or ends the run once nothing is in
 * flight. */
static void
schedule (GTask *run)
{
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  GCancellable *cancellable = g_task_get_cancellable (run);
  DdListQuery query;

  while (!data->finished)
    {
      if (data->error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, &data->error);

      if (data->error != NULL)
        {
          /* No new page; what is in flight ends first. */
          drop_pending (data);
          drop_ahead (data);
          if (data->n_fetching == 0 && data->storing == NULL)
            finish_run (run, g_steal_pointer (&data->error));
          return;
        }

      if (data->storing == NULL && !g_queue_is_empty (&data->pending))
        start_store (run, take_pending (self, data));

      if (data->planned == NULL && may_fetch (self, data) && !data->plan.done)
        {
          dd_sync_plan_get_query (&data->plan, &query);
          if (data->ahead != NULL && query_equal (&data->ahead->query, &query))
            {
              Fetch *fetch = g_steal_pointer (&data->ahead);

              if (fetch->done)
                {
                  take_page (run, fetch);
                  fetch_free (fetch);
                  continue;
                }
              data->planned = fetch;
            }
          else
            {
              drop_ahead (data);
              data->planned = start_fetch (run, &query);
            }
        }

      if (data->planned != NULL && data->ahead == NULL &&
          dd_sync_plan_get_ahead (&data->plan, &data->planned->query, &query))
        data->ahead = start_fetch (run, &query);

      if (data->plan.done && g_queue_is_empty (&data->pending) && data->storing == NULL)
        {
          drop_ahead (data);
          if (data->n_fetching == 0)
            finish_run (run, NULL);
        }
      return;
    }
}

/* Whether the cursor is so old that a backfill costs fewer calls. Counting
 * the cached orders is not free at a million: only when windows could. */
static gboolean
cursor_too_old (DdSyncJob  *self,
                DdSyncPlan *plan,
                gint64      cursor_ms)
{
  gint64 span = g_get_real_time () / 1000 - (cursor_ms - DD_SYNC_OVERLAP_MS);

  if (plan->listing.max_window_ms <= 0 || span <= plan->listing.max_window_ms)
    return FALSE;

  return dd_sync_plan_cursor_too_old (plan, cursor_ms,
                                      dd_cache_count_orders (self->cache, self->account_id));
}

/* ---- GObject --------------------------------------------------------------------- */

static void
dd_sync_job_dispose (GObject *object)
{
  DdSyncJob *self = DD_SYNC_JOB (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (dd_sync_job_parent_class)->dispose (object);
}

static void
dd_sync_job_finalize (GObject *object)
{
  DdSyncJob *self = DD_SYNC_JOB (object);

  g_free (self->account_id);

  G_OBJECT_CLASS (dd_sync_job_parent_class)->finalize (object);
}

static void
dd_sync_job_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DdSyncJob *self = DD_SYNC_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;
    case PROP_N_ORDERS:
      g_value_set_uint (value, self->n_orders);
      break;
    case PROP_N_CALLS:
      g_value_set_uint (value, self->n_calls);
      break;
    case PROP_TOTAL:
      g_value_set_uint64 (value, self->total);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_BACKFILLING:
      g_value_set_boolean (value, self->backfilling);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_sync_job_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DdSyncJob *self = DD_SYNC_JOB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_dup_string (value);
      break;
    case PROP_PAGE_SIZE:
      dd_sync_job_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_sync_job_class_init (DdSyncJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_sync_job_dispose;
  object_class->finalize = dd_sync_job_finalize;
  object_class->get_property = dd_sync_job_get_property;
  object_class->set_property = dd_sync_job_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         DD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL,
                         DD_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ORDERS] =
    g_param_spec_uint ("n-orders", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CALLS] =
    g_param_spec_uint ("n-calls", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_uint64 ("total", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKFILLING] =
    g_param_spec_boolean ("backfilling", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PAGE_STORED] =
    g_signal_new ("page-stored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ORDERS_PAID] =
    g_signal_new ("orders-paid",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
dd_sync_job_init (DdSyncJob *self)
{
}

/* ---- public ------------------------------------------------------------------------ */

DdSyncJob *
dd_sync_job_new (DdClient   *client,
                 DdCache    *cache,
                 const char *account_id)
{
  g_return_val_if_fail (DD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (DD_IS_CACHE (cache), NULL);
  g_return_val_if_fail (account_id != NULL && account_id[0] != '\0', NULL);

  return g_object_new (DD_TYPE_SYNC_JOB,
                       "client", client,
                       "cache", cache,
                       "account-id", account_id,
                       NULL);
}

const char *
dd_sync_job_get_account_id (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), NULL);

  return self->account_id;
}

guint
dd_sync_job_get_n_pages (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), 0);

  return self->n_pages;
}

guint
dd_sync_job_get_n_orders (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), 0);

  return self->n_orders;
}

guint64
dd_sync_job_get_total (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), 0);

  return self->total;
}

gboolean
dd_sync_job_get_running (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), FALSE);

  return self->running;
}

guint
dd_sync_job_get_n_calls (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), 0);

  return self->n_calls;
}

gboolean
dd_sync_job_get_backfilling (DdSyncJob *self)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), FALSE);

  return self->backfilling;
}

void
dd_sync_job_set_page_size (DdSyncJob *self,
                           guint      page_size)
{
  g_return_if_fail (DD_IS_SYNC_JOB (self));

  if (self->page_size == page_size)
    return;

  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

void
dd_sync_job_run_async (DdSyncJob           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) run = NULL;
  DdSyncState state = DD_SYNC_STATE_INIT;
  RunData *data;
  DdSyncPlan *plan;
  guint max_page_size;
  gboolean backfill;

  g_return_if_fail (DD_IS_SYNC_JOB (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (run, dd_sync_job_run_async);

  if (self->running)
    {
      g_task_return_new_error (run, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("This account is already being synced"));
      return;
    }

  data = g_new0 (RunData, 1);
  g_task_set_task_data (run, data, (GDestroyNotify) run_data_free);

  plan = &data->plan;
  plan->account_id = self->account_id;
  max_page_size = dd_client_get_max_page_size (self->client);
  plan->page_size = self->page_size > 0 ? self->page_size : max_page_size;
  if (max_page_size > 0)
    plan->page_size = MIN (plan->page_size, max_page_size);
  plan->page_size = MAX (plan->page_size, 1);
  dd_client_get_listing (self->client, &plan->listing);

  dd_cache_get_sync_state (self->cache, self->account_id, &state);
  plan->old_cursor_ms = state.cursor_ms;
  /* The first sync of an account brings its whole history: none of it is
   * "newly" paid. */
  data->track_paid = state.cursor_ms >= 0;

  if (state.backfill_page > 0 && state.backfill_page_size > 0 &&
      (max_page_size == 0 || state.backfill_page_size <= max_page_size))
    {
      /* An unfinished backfill: on from the page after the last one stored. */
      backfill = TRUE;
      dd_sync_plan_start_backfill (plan, state.backfill_page + 1, state.backfill_page_size,
                                   state.backfill_start_ms);
    }
  else if (state.cursor_ms < 0 || cursor_too_old (self, plan, state.cursor_ms))
    {
      backfill = TRUE;
      dd_sync_plan_start_backfill (plan, 1, plan->page_size, g_get_real_time () / 1000);
    }
  else
    {
      /* Only what changed since the last finished sync, with an overlap. */
      backfill = FALSE;
      dd_sync_plan_start_incremental (plan, state.cursor_ms - DD_SYNC_OVERLAP_MS);
    }

  g_debug ("Sync of %s (cursor %" G_GINT64_FORMAT "): %s, pages of %u",
           self->account_id, state.cursor_ms,
           !backfill ? "incremental" : plan->page > 1 ? "resuming the backfill" : "backfill",
           plan->fetch_page_size);

  set_progress (self, 0, 0, 0);
  set_n_calls (self, 0);
  set_backfilling (self, backfill);
  set_running (self, TRUE);

  schedule (run);
}

gboolean
dd_sync_job_run_finish (DdSyncJob     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (DD_IS_SYNC_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_sync_job_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
