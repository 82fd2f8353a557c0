/* dd-sync-job.c: one account's sync from its platform into the cache
 *
 * A full listing (no cursor yet) pages forwards through everything, and
 * starts another pass when the set grew meanwhile. An incremental listing
 * of a client with listing rules (dd_client_get_listing(): a longest
 * modification window, paging backwards) splits [cursor - overlap, now]
 * into consecutive windows no longer than allowed; each window is paged
 * forwards, or — TOP's advice, so that orders modified meanwhile are not
 * skipped — page 1 first (for the count), then from the last page down to
 * page 2, then page 1 again (an order of page 1 that left the window while
 * the others were fetched moved one of page 2's into it). The cursor moves
 * to a window's end in the transaction of its last page, so an interrupted
 * sync resumes from the last finished window.
 * Any error ends the run at once (a ban the HTTP layer could not wait out,
 * a shop to authorise again …): no further page is asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-sync-job.h"

/* A sync repeats its pass while the set keeps growing, but not forever. */
#define MAX_PASSES 5

struct _DdSyncJob
{
  GObject   parent_instance;

  DdClient *client;      /* owned */
  DdCache  *cache;       /* owned */
  char     *account_id;  /* owned */
  guint     page_size;   /* 0: the client's maximum */

  guint     n_pages;
  guint     n_orders;
  guint64   total;
  gboolean  running;
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
  PROP_TOTAL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  PAGE_STORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The state of one run (the task data of the run's GTask). */
typedef struct
{
  guint   pass;           /* 1-based */
  guint   page;           /* 1-based, within the pass */
  guint   page_size;      /* as asked of the client */
  gint64  since_ms;       /* lower bound of the modification window; 0: none */
  gint64  pass_start_ms;  /* when this pass started: the cursor it saves */
  guint64 first_total;    /* total_count on the pass's first page */
  guint64 last_total;     /* total_count on its latest page */

  /* Windows: incremental listings of a client with listing rules. */
  gboolean windowed;
  gboolean backwards;        /* page 1, then the last page down to page 2 */
  gint64   max_window_ms;    /* 0: one window up to until_ms */
  gint64   until_ms;         /* where the last window ends: when the run started */
  gint64   window_since_ms;
  gint64   window_until_ms;
  guint    n_window_pages;   /* learnt from page 1 when paging backwards */
} RunData;

/* One page on its way into the cache (the task data of the store GTask). */
typedef struct
{
  GTask     *run;          /* owned: the run it belongs to */
  DdCache   *cache;        /* owned */
  char      *account_id;   /* owned */
  GPtrArray *orders;       /* owned (element-type DdOrder) */
  gint64     cursor_ms;    /* -1 but on the pass's last page */
  GArray    *changed;      /* owned (element-type gint64) */
  guint64    total_count;
  gboolean   is_last;      /* of the pass, or of the window */
} StoreData;

static void fetch_page (GTask *run);

static void
store_data_free (StoreData *data)
{
  g_clear_object (&data->run);
  g_clear_object (&data->cache);
  g_free (data->account_id);
  g_clear_pointer (&data->orders, g_ptr_array_unref);
  g_clear_pointer (&data->changed, g_array_unref);
  g_free (data);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

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

/* Ends the run: "running" goes FALSE before the caller hears of it, so the
 * callback may start the next run. Takes @error. */
static void
finish_run (GTask  *run,
            GError *error)
{
  DdSyncJob *self = g_task_get_source_object (run);

  set_running (self, FALSE);

  if (error != NULL)
    g_task_return_error (run, error);
  else
    g_task_return_boolean (run, TRUE);
}

/* TRUE (and the run ended) when it was cancelled. */
static gboolean
finish_if_cancelled (GTask *run)
{
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (run), &error))
    return FALSE;

  finish_run (run, error);
  return TRUE;
}

static void
store_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreData *data = task_data;
  GError *error = NULL;

  if (dd_cache_store_page (data->cache, data->account_id, data->orders,
                           data->cursor_ms, data->changed, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
start_pass (RunData *data,
            gint64   since_ms)
{
  data->pass++;
  data->page = 1;
  data->since_ms = MAX (since_ms, 0);
  data->pass_start_ms = now_ms ();
  data->first_total = 0;
  data->last_total = 0;
}

/* The window from @since_ms: as long as allowed, ending at the latest at until_ms. */
static void
start_window (RunData *data,
              gint64   since_ms)
{
  data->window_since_ms = since_ms;
  if (data->max_window_ms > 0 && data->until_ms - since_ms > data->max_window_ms)
    data->window_until_ms = since_ms + data->max_window_ms;
  else
    data->window_until_ms = data->until_ms;
  data->page = 1;
  data->n_window_pages = 0;
}

/* The page after data->page within the window or pass. */
static guint
next_page (RunData *data)
{
  if (!data->backwards)
    return data->page + 1;

  /* Backwards: 1, then n, n - 1, … 2, then 1 again. */
  return data->page == 1 ? data->n_window_pages : data->page - 1;
}

/* Whether @page (data->page) is the last of its window (windowed runs) or
 * pass. Learns the number of pages from page 1 when paging backwards. */
static gboolean
page_is_last (RunData     *data,
              DdOrderPage *page,
              guint        n)
{
  gboolean short_page = n == 0 || n < data->page_size;

  if (!data->windowed || !data->backwards)
    return short_page || (guint64) data->page * data->page_size >= page->total_count;

  if (data->page == 1)
    {
      guint64 n_pages = (page->total_count + data->page_size - 1) / data->page_size;

      /* Page 1 again, after n … 2: the window is done. */
      if (data->n_window_pages > 0)
        return TRUE;

      /* A short first page has all there is, whatever the count says. */
      data->n_window_pages = short_page ? 1 : (guint) CLAMP (n_pages, 1, G_MAXUINT);
      return data->n_window_pages <= 1;
    }

  /* Going down, a short page is expected (the last one) and ends nothing:
   * page 1 is read again after page 2. */
  return FALSE;
}

static void
page_stored_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  StoreData *store = g_task_get_task_data (G_TASK (result));
  /* The worker may hold the store task a moment longer: take what it refers to. */
  g_autoptr(GTask) run = g_steal_pointer (&store->run);
  g_autoptr(GPtrArray) orders = g_steal_pointer (&store->orders);
  g_autoptr(GArray) changed = g_steal_pointer (&store->changed);
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  GError *error = NULL;

  g_clear_object (&store->cache);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_run (run, error);
      return;
    }

  set_progress (self, self->n_pages + 1, self->n_orders + orders->len, store->total_count);
  g_signal_emit (self, signals[PAGE_STORED], 0, changed);

  /* What was stored stays stored; the next step is not taken. */
  if (finish_if_cancelled (run))
    return;

  if (!store->is_last)
    {
      data->page = next_page (data);
      fetch_page (run);
      return;
    }

  if (data->windowed)
    {
      /* The cursor is at this window's end: on to the next, if any. */
      if (data->window_until_ms < data->until_ms)
        {
          start_window (data, data->window_until_ms);
          fetch_page (run);
          return;
        }

      finish_run (run, NULL);
      return;
    }

  /* Orders arrived while paging: fetch what changed since this pass began. */
  if (data->last_total > data->first_total && data->pass < MAX_PASSES)
    {
      g_debug ("Sync of %s: %" G_GUINT64_FORMAT " orders grew to %" G_GUINT64_FORMAT
               " during pass %u; starting another",
               self->account_id, data->first_total, data->last_total, data->pass);
      start_pass (data, data->pass_start_ms - DD_SYNC_OVERLAP_MS);
      fetch_page (run);
      return;
    }

  finish_run (run, NULL);
}

static void
list_orders_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) run = user_data;
  g_autoptr(DdOrderPage) page = NULL;
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  GError *error = NULL;
  g_autoptr(GTask) store_task = NULL;
  StoreData *store;
  const char *platform;
  guint n;

  page = dd_client_list_orders_finish (DD_CLIENT (source_object), result, &error);
  if (page == NULL)
    {
      finish_run (run, error);
      return;
    }

  if (finish_if_cancelled (run))
    return;

  n = page->orders != NULL ? page->orders->len : 0;
  if (data->page == 1)
    data->first_total = page->total_count;
  data->last_total = page->total_count;

  platform = dd_client_get_platform (self->client);
  for (guint i = 0; i < n; i++)
    {
      DdOrder *order = g_ptr_array_index (page->orders, i);

      dd_order_set_account_id (order, self->account_id);
      if (dd_order_get_platform (order) == NULL)
        dd_order_set_platform (order, platform);
    }

  store = g_new0 (StoreData, 1);
  store->run = g_object_ref (run);
  store->cache = g_object_ref (self->cache);
  store->account_id = g_strdup (self->account_id);
  store->orders = page->orders != NULL ? g_ptr_array_ref (page->orders)
                                       : g_ptr_array_new_with_free_func (g_object_unref);
  store->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  store->total_count = page->total_count;
  store->is_last = page_is_last (data, page, n);
  /* Only a finished pass (or window) moves the cursor: an interrupted one
   * resumes from the old. */
  if (!store->is_last)
    store->cursor_ms = -1;
  else if (data->windowed)
    store->cursor_ms = data->window_until_ms;
  else
    store->cursor_ms = data->pass_start_ms;

  if (data->windowed)
    g_debug ("Sync of %s: window %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
             " page %u, %u orders of %" G_GUINT64_FORMAT "%s",
             self->account_id, data->window_since_ms, data->window_until_ms,
             data->page, n, page->total_count, store->is_last ? " (last)" : "");
  else
    g_debug ("Sync of %s: pass %u page %u, %u orders of %" G_GUINT64_FORMAT "%s",
             self->account_id, data->pass, data->page, n, page->total_count,
             store->is_last ? " (last)" : "");

  /* No cancellable: once written, a page is reported, then the run stops.
   * No source object: the worker thread may drop the task last. */
  store_task = g_task_new (NULL, NULL, page_stored_cb, NULL);
  g_task_set_source_tag (store_task, list_orders_cb);
  g_task_set_task_data (store_task, store, (GDestroyNotify) store_data_free);
  g_task_run_in_thread (store_task, store_page_thread);
}

static void
fetch_page (GTask *run)
{
  DdSyncJob *self = g_task_get_source_object (run);
  RunData *data = g_task_get_task_data (run);
  DdListQuery query = { 0, };

  if (finish_if_cancelled (run))
    return;

  query.modified_since_ms = data->windowed ? data->window_since_ms : data->since_ms;
  query.modified_until_ms = data->windowed ? data->window_until_ms : 0;
  query.page = data->page;
  query.page_size = data->page_size;

  dd_client_list_orders_async (self->client, &query, g_task_get_cancellable (run),
                               list_orders_cb, g_object_ref (run));
}

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
    case PROP_TOTAL:
      g_value_set_uint64 (value, self->total);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
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
  properties[PROP_TOTAL] =
    g_param_spec_uint64 ("total", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
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
}

static void
dd_sync_job_init (DdSyncJob *self)
{
}

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
  RunData *data;
  DdClientListing listing = { 0, };
  guint max_page_size;
  gint64 cursor;

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
  g_task_set_task_data (run, data, g_free);

  max_page_size = dd_client_get_max_page_size (self->client);
  data->page_size = self->page_size > 0 ? self->page_size : max_page_size;
  if (max_page_size > 0)
    data->page_size = MIN (data->page_size, max_page_size);
  data->page_size = MAX (data->page_size, 1);

  /* Only what changed since the last finished sync, with an overlap. */
  cursor = dd_cache_get_cursor (self->cache, self->account_id);
  start_pass (data, cursor < 0 ? 0 : cursor - DD_SYNC_OVERLAP_MS);

  /* Incremental, by the client's rules: windows up to now. */
  dd_client_get_listing (self->client, &listing);
  if (cursor >= 0 && data->since_ms > 0 &&
      (listing.max_window_ms > 0 || listing.page_backwards))
    {
      data->windowed = TRUE;
      data->backwards = listing.page_backwards;
      data->max_window_ms = MAX (listing.max_window_ms, 0);
      data->until_ms = MAX (data->pass_start_ms, data->since_ms);
      start_window (data, data->since_ms);
    }

  g_debug ("Sync of %s from %" G_GINT64_FORMAT " (cursor %" G_GINT64_FORMAT "), pages of %u%s",
           self->account_id, data->since_ms, cursor, data->page_size,
           data->windowed ? ", in windows" : "");

  set_progress (self, 0, 0, 0);
  set_running (self, TRUE);

  fetch_page (run);
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
