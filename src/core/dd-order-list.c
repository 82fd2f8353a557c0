/* dd-order-list.c: a lazy GListModel of the cached orders of one query
 *
 * Every result (the first one, a new query, a refresh) is computed by a
 * Fetch in a worker: the SQL, then the runs against the rows the list
 * shows when it started (dd_order_diff()). Results are applied in the
 * order they were asked for; each request that supersedes the ones before
 * it (a new query, a synchronous refresh) bumps the generation, and a
 * result of an older generation is dropped. Refreshes asked for while one
 * runs wait for it and then run once for all of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-order-diff.h"
#include "dd-order-list.h"

/* A run adding more rows than this that also removes some is told as a
 * removal, then an insertion (see apply()). */
#define SPLIT_RUN_ADDED DD_ORDER_LIST_CACHE_SIZE

/* How many rows from the start of such a run the worker materialises: a
 * GTK 4.8 list view binds about 200 rows around the one it shows (the
 * first of the run after a replacement), and parsing them would cost the
 * main thread ~15 ms. */
#define PRELOAD_ROWS 200

/* One materialised order, in the LRU. */
typedef struct
{
  gint64   row_id;
  DdOrder *order; /* owned */
} LruEntry;

struct _DdOrderList
{
  GObject       parent_instance;

  DdCache      *cache;       /* owned */
  DdQuery       query;       /* query.account_id / .search point to these */
  char         *account_id;  /* owned */
  char         *search;      /* owned */

  GArray       *row_ids;     /* (element-type gint64) owned, never changed in place: the
                              * current result (workers diff against it) */

  /* While a result is applied, its runs are emitted one by one and the
   * model shows an intermediate state: row_ids[0, emit_new_end) followed
   * by emit_old[emit_old_end, …). */
  GArray       *emit_old;    /* owned, NULL outside of apply() */
  guint         emit_new_end;
  guint         emit_old_end;
  GArray       *changing_runs; /* (element-type DdOrderRun) during "changing" */

  GQueue        lru;         /* (element-type LruEntry) most recently used first */
  GHashTable   *lru_index;   /* &entry->row_id → its GList link in lru */

  /* Results on their way. */
  GCancellable *cancellable; /* owned; cancelled at dispose */
  guint         generation;  /* of the newest request that supersedes the others */
  guint         n_running;   /* fetches in workers */
  gboolean      refresh_queued;
  GArray       *pending_changed; /* (element-type gint64) owned: rows changed since the last
                                  * result was started */
  GArray       *running_changed; /* (element-type gint64) owned: those of the running fetches */

  guint         loading : 1;
  guint         warned_load_failure : 1;
};

static void dd_order_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DdOrderList, dd_order_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dd_order_list_model_init))

enum
{
  PROP_0,
  PROP_CACHE,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGING,
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A query run and diffed in a worker (the task data). */
typedef struct
{
  GWeakRef  list;
  DdCache  *cache;      /* owned */
  DdQuery   query;      /* its strings owned below */
  char     *account_id;
  char     *search;
  GArray   *old;        /* owned ref: the rows shown when it started */
  GArray   *changed;    /* owned ref, may be NULL */
  guint     generation;

  /* Results, set by the worker. */
  GArray   *new_ids;
  GArray   *runs;
  GPtrArray *preloaded; /* (element-type DdOrder) rows a big run brings into view */
  GError   *error;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_weak_ref_clear (&fetch->list);
  g_clear_object (&fetch->cache);
  g_free (fetch->account_id);
  g_free (fetch->search);
  g_clear_pointer (&fetch->old, g_array_unref);
  g_clear_pointer (&fetch->changed, g_array_unref);
  g_clear_pointer (&fetch->new_ids, g_array_unref);
  g_clear_pointer (&fetch->runs, g_array_unref);
  g_clear_pointer (&fetch->preloaded, g_ptr_array_unref);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

static void
lru_entry_free (LruEntry *entry)
{
  g_clear_object (&entry->order);
  g_free (entry);
}

static GArray *
id_array_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static guint
n_items (DdOrderList *self)
{
  if (self->emit_old != NULL)
    return self->emit_new_end + (self->emit_old->len - self->emit_old_end);
  return self->row_ids->len;
}

static gint64
row_id_at (DdOrderList *self,
           guint        position)
{
  if (self->emit_old != NULL && position >= self->emit_new_end)
    return g_array_index (self->emit_old, gint64,
                          position - self->emit_new_end + self->emit_old_end);
  return g_array_index (self->row_ids, gint64, position);
}

static void
lru_evict (DdOrderList *self,
           gint64       row_id)
{
  GList *link = g_hash_table_lookup (self->lru_index, &row_id);

  if (link == NULL)
    return;

  g_hash_table_remove (self->lru_index, &row_id);
  g_queue_unlink (&self->lru, link);
  lru_entry_free (link->data);
  g_list_free_1 (link);
}

static void
lru_clear (DdOrderList *self)
{
  g_hash_table_remove_all (self->lru_index);
  g_queue_clear_full (&self->lru, (GDestroyNotify) lru_entry_free);
}

/* Takes @order (with its row id) as the most recently used one. */
static void
lru_insert (DdOrderList *self,
            DdOrder     *order)
{
  LruEntry *entry = g_new0 (LruEntry, 1);

  entry->row_id = dd_order_get_row_id (order);
  entry->order = order;
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->lru_index, &entry->row_id, self->lru.head);

  while (self->lru.length > DD_ORDER_LIST_CACHE_SIZE)
    {
      LruEntry *oldest = g_queue_peek_tail (&self->lru);
      lru_evict (self, oldest->row_id);
    }
}

static DdOrder *
materialise (DdOrderList *self,
             gint64       row_id)
{
  g_autoptr(GError) error = NULL;
  GList *link;
  DdOrder *order;

  link = g_hash_table_lookup (self->lru_index, &row_id);
  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return ((LruEntry *) link->data)->order;
    }

  order = dd_cache_load_order (self->cache, row_id, &error);
  if (order == NULL)
    {
      /* A row the view was told about must still give an item. */
      if (!self->warned_load_failure)
        g_warning ("Could not load order %" G_GINT64_FORMAT " from the cache: %s",
                   row_id, error->message);
      self->warned_load_failure = TRUE;
      order = dd_order_new ();
      dd_order_set_order_id (order, "?");
    }
  dd_order_set_row_id (order, row_id);

  lru_insert (self, order);

  return order;
}

static GType
dd_order_list_get_item_type (GListModel *model)
{
  return DD_TYPE_ORDER;
}

static guint
dd_order_list_get_n_items (GListModel *model)
{
  return n_items (DD_ORDER_LIST (model));
}

static gpointer
dd_order_list_get_item (GListModel *model,
                        guint       position)
{
  DdOrderList *self = DD_ORDER_LIST (model);

  if (position >= n_items (self))
    return NULL;

  return g_object_ref (materialise (self, row_id_at (self, position)));
}

static void
dd_order_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dd_order_list_get_item_type;
  iface->get_n_items = dd_order_list_get_n_items;
  iface->get_item = dd_order_list_get_item;
}

static void
set_loading (DdOrderList *self,
             gboolean     loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Swaps in @new_ids (stolen) and tells the runs that lead there. */
static void
apply (DdOrderList *self,
       GArray      *new_ids,
       GArray      *runs,
       GArray      *changed,
       GPtrArray   *preloaded)
{
  g_autoptr(GArray) old = NULL;
  guint old_n;

  g_assert (self->emit_old == NULL);

  /* Still showing the old rows: whoever holds on to one can let go now. */
  if (runs->len > 0)
    {
      self->changing_runs = runs;
      g_signal_emit (self, signals[CHANGING], 0);
      self->changing_runs = NULL;
    }

  /* Changed rows are materialised again, wherever they end up. */
  if (changed != NULL)
    for (guint c = 0; c < changed->len; c++)
      lru_evict (self, g_array_index (changed, gint64, c));

  /* What the worker read for the view (as fresh as the result). */
  if (preloaded != NULL)
    for (guint i = 0; i < preloaded->len; i++)
      {
        DdOrder *order = g_ptr_array_index (preloaded, i);

        lru_evict (self, dd_order_get_row_id (order));
        lru_insert (self, g_object_ref (order));
      }

  old = g_steal_pointer (&self->row_ids);
  old_n = old->len;
  self->row_ids = new_ids;
  self->emit_old = old;
  self->emit_new_end = 0;
  self->emit_old_end = 0;

  for (guint r = 0; r < runs->len; r++)
    {
      const DdOrderRun *run = &g_array_index (runs, DdOrderRun, r);

      /* A view (GtkListItemManager's trackers, GtkSingleSelection) looks
       * for each of its rows that a signal removes among every item the
       * same signal adds: a replacement of a million rows would materialise
       * them all. Removed first, then added, a big run costs nothing. */
      if (run->removed > 0 && run->added > SPLIT_RUN_ADDED)
        {
          self->emit_new_end = run->position;
          self->emit_old_end = run->old_end;
          g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed, 0);
          self->emit_new_end = run->position + run->added;
          g_list_model_items_changed (G_LIST_MODEL (self), run->position, 0, run->added);
          continue;
        }

      self->emit_new_end = run->position + run->added;
      self->emit_old_end = run->old_end;
      g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed, run->added);
    }

  self->emit_old = NULL;

  if (old_n != new_ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  set_loading (self, FALSE);

  g_signal_emit (self, signals[REFRESHED], 0);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Fetch *fetch = task_data;

  fetch->new_ids = dd_cache_query_row_ids (fetch->cache, &fetch->query, &fetch->error);
  if (fetch->new_ids == NULL)
    {
      /* The rows shown stay as they are (see fetch_done_cb). */
      g_task_return_boolean (task, TRUE);
      return;
    }
  fetch->runs = dd_order_diff (fetch->old, fetch->new_ids, fetch->changed, DD_ORDER_LIST_MAX_RUNS);

  /* A big run (a first result, a new filter or sort) brings rows into view
   * that no view has seen: they are parsed here, not on the main thread. */
  for (guint r = 0; r < fetch->runs->len; r++)
    {
      const DdOrderRun *run = &g_array_index (fetch->runs, DdOrderRun, r);

      if (run->added <= SPLIT_RUN_ADDED)
        continue;
      if (fetch->preloaded == NULL)
        fetch->preloaded = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = run->position; i < run->position + MIN (run->added, PRELOAD_ROWS); i++)
        {
          gint64 row_id = g_array_index (fetch->new_ids, gint64, i);
          DdOrder *order = dd_cache_load_order (fetch->cache, row_id, NULL);

          if (order != NULL)
            {
              dd_order_set_row_id (order, row_id);
              g_ptr_array_add (fetch->preloaded, order);
            }
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void start_fetch (DdOrderList *self,
                         gboolean     is_refresh);

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = G_TASK (result);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(DdOrderList) self = g_weak_ref_get (&fetch->list);

  /* The worker may drop the task after this callback: whatever the fetch
   * refers to is let go here, on the main thread, once the result is in. */
  g_clear_object (&fetch->cache);

  if (self == NULL || g_task_had_error (task) || g_cancellable_is_cancelled (self->cancellable))
    return;

  g_assert (self->n_running > 0);
  self->n_running--;
  if (self->n_running == 0)
    g_array_set_size (self->running_changed, 0);

  if (fetch->generation != self->generation)
    g_debug ("Dropped a result superseded before it arrived");
  else if (fetch->old != self->row_ids)
    {
      /* Diffed against rows no longer shown: once more. */
      if (fetch->changed != NULL)
        g_array_append_vals (self->pending_changed, fetch->changed->data, fetch->changed->len);
      self->refresh_queued = TRUE;
    }
  else if (fetch->error != NULL)
    {
      /* A busy or failing disk must not empty the list: what it shows
       * stays, and the next refresh tries again. */
      g_warning ("Could not query the order cache: %s", fetch->error->message);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[REFRESHED], 0);
    }
  else
    {
      apply (self, g_steal_pointer (&fetch->new_ids), fetch->runs, fetch->changed,
             fetch->preloaded);
    }

  if (self->refresh_queued && self->n_running == 0)
    start_fetch (self, TRUE);
}

/* Runs the current query in a worker; a refresh takes the rows changed so far. */
static void
start_fetch (DdOrderList *self,
             gboolean     is_refresh)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch = g_new0 (Fetch, 1);

  g_weak_ref_init (&fetch->list, self);
  fetch->cache = g_object_ref (self->cache);
  fetch->account_id = g_strdup (self->account_id);
  fetch->search = g_strdup (self->search);
  fetch->query = self->query;
  fetch->query.account_id = fetch->account_id;
  fetch->query.search = fetch->search;
  fetch->old = g_array_ref (self->row_ids);
  fetch->generation = self->generation;

  if (self->pending_changed->len > 0)
    {
      fetch->changed = g_steal_pointer (&self->pending_changed);
      self->pending_changed = id_array_new ();
    }
  if (fetch->changed != NULL)
    g_array_append_vals (self->running_changed, fetch->changed->data, fetch->changed->len);
  if (is_refresh)
    self->refresh_queued = FALSE;

  self->n_running++;

  /* Not the list's task: a result arriving after the list is gone is dropped. */
  task = g_task_new (NULL, self->cancellable, fetch_done_cb, NULL);
  g_task_set_source_tag (task, start_fetch);
  g_task_set_name (task, "[dingdan] order list query");
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  g_task_run_in_thread (task, fetch_thread);
}

/* A request that supersedes everything asked before: the rows changed in
 * between are its business now. Returns them (element-type gint64). */
static GArray *
supersede (DdOrderList *self,
           GArray      *changed_rowids)
{
  GArray *changed = g_steal_pointer (&self->pending_changed);

  self->pending_changed = id_array_new ();
  self->generation++;
  self->refresh_queued = FALSE;

  /* The running ones will be dropped: their rows too. */
  g_array_append_vals (changed, self->running_changed->data, self->running_changed->len);
  g_array_set_size (self->running_changed, 0);
  if (changed_rowids != NULL)
    g_array_append_vals (changed, changed_rowids->data, changed_rowids->len);

  return changed;
}

static void
dd_order_list_constructed (GObject *object)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  G_OBJECT_CLASS (dd_order_list_parent_class)->constructed (object);

  g_assert (DD_IS_CACHE (self->cache));

  /* The first result comes from a worker too: a window opening over a
   * million orders draws meanwhile. */
  self->loading = TRUE;
  start_fetch (self, FALSE);
}

static void
dd_order_list_dispose (GObject *object)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  g_cancellable_cancel (self->cancellable);
  lru_clear (self);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (dd_order_list_parent_class)->dispose (object);
}

static void
dd_order_list_finalize (GObject *object)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->row_ids, g_array_unref);
  g_clear_pointer (&self->pending_changed, g_array_unref);
  g_clear_pointer (&self->running_changed, g_array_unref);
  g_clear_pointer (&self->lru_index, g_hash_table_unref);
  g_free (self->account_id);
  g_free (self->search);

  G_OBJECT_CLASS (dd_order_list_parent_class)->finalize (object);
}

static void
dd_order_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, DD_TYPE_ORDER);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, n_items (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_order_list_class_init (DdOrderListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dd_order_list_constructed;
  object_class->dispose = dd_order_list_dispose;
  object_class->finalize = dd_order_list_finalize;
  object_class->get_property = dd_order_list_get_property;
  object_class->set_property = dd_order_list_set_property;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL,
                         DD_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGING] =
    g_signal_new ("changing",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[REFRESHED] =
    g_signal_new ("refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dd_order_list_init (DdOrderList *self)
{
  DdQuery query = DD_QUERY_INIT;

  self->query = query;
  self->row_ids = id_array_new ();
  self->pending_changed = id_array_new ();
  self->running_changed = id_array_new ();
  self->cancellable = g_cancellable_new ();
  self->lru_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_queue_init (&self->lru);
}

DdOrderList *
dd_order_list_new (DdCache *cache)
{
  g_return_val_if_fail (DD_IS_CACHE (cache), NULL);

  return g_object_new (DD_TYPE_ORDER_LIST, "cache", cache, NULL);
}

DdCache *
dd_order_list_get_cache (DdOrderList *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), NULL);

  return self->cache;
}

const DdQuery *
dd_order_list_get_query (DdOrderList *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), NULL);

  return &self->query;
}

static gboolean
query_equal (const DdQuery *a,
             const DdQuery *b)
{
  /* NULL and "" search alike. */
  const char *search_a = a->search != NULL && a->search[0] != '\0' ? a->search : NULL;
  const char *search_b = b->search != NULL && b->search[0] != '\0' ? b->search : NULL;

  return g_strcmp0 (a->account_id, b->account_id) == 0 &&
         g_strcmp0 (search_a, search_b) == 0 &&
         a->status == b->status &&
         a->sort == b->sort &&
         !a->ascending == !b->ascending &&
         a->date_field == b->date_field &&
         a->from_day == b->from_day &&
         a->to_day == b->to_day &&
         a->flags == b->flags &&
         a->reviews == b->reviews &&
         a->now_ms == b->now_ms;
}

void
dd_order_list_set_query (DdOrderList   *self,
                         const DdQuery *query)
{
  g_autoptr(GArray) changed = NULL;

  g_return_if_fail (DD_IS_ORDER_LIST (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (self->emit_old == NULL);

  if (query_equal (query, &self->query))
    return;

  if (g_strcmp0 (query->account_id, self->account_id) != 0)
    {
      g_free (self->account_id);
      self->account_id = g_strdup (query->account_id);
    }
  if (g_strcmp0 (query->search, self->search) != 0)
    {
      g_free (self->search);
      self->search = g_strdup (query->search);
    }
  self->query = *query;
  self->query.account_id = self->account_id;
  self->query.search = self->search;
  self->query.ascending = !!query->ascending;

  /* Rows changed meanwhile go with it, to be re-emitted where they stay. */
  changed = supersede (self, NULL);
  g_array_append_vals (self->pending_changed, changed->data, changed->len);
  start_fetch (self, FALSE);
}

void
dd_order_list_refresh (DdOrderList *self,
                       GArray      *changed_rowids)
{
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  GArray *new_ids;

  g_return_if_fail (DD_IS_ORDER_LIST (self));
  g_return_if_fail (self->emit_old == NULL);

  changed = supersede (self, changed_rowids);

  new_ids = dd_cache_query_row_ids (self->cache, &self->query, &error);
  if (new_ids == NULL)
    {
      g_warning ("Could not query the order cache: %s", error->message);
      return;
    }

  runs = dd_order_diff (self->row_ids, new_ids, changed, DD_ORDER_LIST_MAX_RUNS);
  apply (self, new_ids, runs, changed, NULL);
}

void
dd_order_list_queue_refresh (DdOrderList *self,
                             GArray      *changed_rowids)
{
  g_return_if_fail (DD_IS_ORDER_LIST (self));

  if (changed_rowids != NULL)
    g_array_append_vals (self->pending_changed, changed_rowids->data, changed_rowids->len);
  self->refresh_queued = TRUE;

  /* One at a time: the one running (or a new query) is followed by one more. */
  if (self->n_running == 0)
    start_fetch (self, TRUE);
}

gboolean
dd_order_list_is_busy (DdOrderList *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), FALSE);

  return self->n_running > 0 || self->refresh_queued;
}

gboolean
dd_order_list_get_loading (DdOrderList *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), FALSE);

  return self->loading;
}

guint
dd_order_list_find_row (DdOrderList *self,
                        gint64       row_id)
{
  guint n;

  g_return_val_if_fail (DD_IS_ORDER_LIST (self), G_MAXUINT);

  /* In the middle of a change the model is in an intermediate state. */
  if (self->emit_old != NULL)
    {
      n = n_items (self);
      for (guint i = 0; i < n; i++)
        if (row_id_at (self, i) == row_id)
          return i;
      return G_MAXUINT;
    }

  n = self->row_ids->len;
  for (guint i = 0; i < n; i++)
    if (g_array_index (self->row_ids, gint64, i) == row_id)
      return i;

  return G_MAXUINT;
}

gboolean
dd_order_list_will_remove (DdOrderList *self,
                           guint        position)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), FALSE);
  g_return_val_if_fail (self->changing_runs != NULL, FALSE);

  /* Each run ends at old_end in the old rows, in increasing order. */
  for (guint r = 0; r < self->changing_runs->len; r++)
    {
      const DdOrderRun *run = &g_array_index (self->changing_runs, DdOrderRun, r);

      if (position < run->old_end - run->removed)
        return FALSE;
      if (position < run->old_end)
        return TRUE;
    }

  return FALSE;
}

guint
dd_order_list_get_n_materialised (DdOrderList *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), 0);

  return self->lru.length;
}

gint64
dd_order_list_get_row_id (DdOrderList *self,
                          guint        position)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), 0);

  if (position >= dd_order_list_get_n_items (G_LIST_MODEL (self)))
    return 0;

  return row_id_at (self, position);
}
