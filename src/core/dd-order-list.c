/* dd-order-list.c: a lazy GListModel of the cached orders of one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-order-list.h"

/* One materialised order, in the LRU. */
typedef struct
{
  gint64   row_id;
  DdOrder *order; /* owned */
} LruEntry;

struct _DdOrderList
{
  GObject     parent_instance;

  DdCache    *cache;       /* owned */
  DdQuery     query;       /* query.account_id / .search point to these */
  char       *account_id;  /* owned */
  char       *search;      /* owned */

  GArray     *row_ids;     /* (element-type gint64) owned: the current result */
  GHashTable *positions;   /* row id → position + 1; built on demand, NULL when stale */

  /* While refresh() emits its signals one by one, the model shows an
   * intermediate state: row_ids[0, emit_new_end) followed by
   * emit_old[emit_old_end, …). */
  GArray     *emit_old;    /* owned, NULL outside of refresh() */
  guint       emit_new_end;
  guint       emit_old_end;

  GQueue      lru;         /* (element-type LruEntry) most recently used first */
  GHashTable *lru_index;   /* &entry->row_id → its GList link in lru */

  guint       warned_load_failure : 1;
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lru_entry_free (LruEntry *entry)
{
  g_clear_object (&entry->order);
  g_free (entry);
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

static DdOrder *
materialise (DdOrderList *self,
             gint64       row_id)
{
  g_autoptr(GError) error = NULL;
  LruEntry *entry;
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
      dd_order_set_row_id (order, row_id);
    }

  entry = g_new0 (LruEntry, 1);
  entry->row_id = row_id;
  entry->order = order;
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->lru_index, &entry->row_id, self->lru.head);

  while (self->lru.length > DD_ORDER_LIST_CACHE_SIZE)
    {
      LruEntry *oldest = g_queue_peek_tail (&self->lru);
      lru_evict (self, oldest->row_id);
    }

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
set_row_ids (DdOrderList *self,
             GArray      *row_ids)
{
  g_clear_pointer (&self->row_ids, g_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  self->row_ids = row_ids;
}

static GArray *
run_query (DdOrderList *self)
{
  g_autoptr(GError) error = NULL;
  GArray *row_ids;

  row_ids = dd_cache_query_row_ids (self->cache, &self->query, &error);
  if (row_ids == NULL)
    g_warning ("Could not query the order cache: %s", error->message);
  return row_ids;
}

static void
dd_order_list_constructed (GObject *object)
{
  DdOrderList *self = DD_ORDER_LIST (object);
  GArray *row_ids;

  G_OBJECT_CLASS (dd_order_list_parent_class)->constructed (object);

  g_assert (DD_IS_CACHE (self->cache));

  row_ids = run_query (self);
  if (row_ids != NULL)
    set_row_ids (self, row_ids);
}

static void
dd_order_list_dispose (GObject *object)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  lru_clear (self);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (dd_order_list_parent_class)->dispose (object);
}

static void
dd_order_list_finalize (GObject *object)
{
  DdOrderList *self = DD_ORDER_LIST (object);

  g_clear_pointer (&self->row_ids, g_array_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_order_list_init (DdOrderList *self)
{
  DdQuery query = DD_QUERY_INIT;

  self->query = query;
  self->row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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

void
dd_order_list_set_query (DdOrderList   *self,
                         const DdQuery *query)
{
  GArray *row_ids;
  guint old_n;
  guint new_n;

  g_return_if_fail (DD_IS_ORDER_LIST (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (self->emit_old == NULL);

  if (g_strcmp0 (query->account_id, self->account_id) == 0 &&
      g_strcmp0 (query->search, self->search) == 0 &&
      query->status == self->query.status &&
      query->sort == self->query.sort &&
      !query->ascending == !self->query.ascending)
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

  row_ids = run_query (self);
  if (row_ids == NULL)
    row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  old_n = self->row_ids->len;
  new_n = row_ids->len;
  set_row_ids (self, row_ids);

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Marks in @kept which entries of @match (old positions, -1 for none) form a
 * longest strictly increasing subsequence: the items that can stay put. */
static void
longest_increasing_subsequence (const gint *match,
                                guint       n,
                                gboolean   *kept)
{
  g_autofree guint *tails = g_new (guint, n + 1); /* index into match of each length's best tail */
  g_autofree gint *prev = g_new (gint, n);
  guint length = 0;
  gint k;

  for (guint j = 0; j < n; j++)
    {
      guint lo = 0;
      guint hi = length;

      kept[j] = FALSE;
      if (match[j] < 0)
        continue;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (match[tails[mid]] < match[j])
            lo = mid + 1;
          else
            hi = mid;
        }

      prev[j] = lo > 0 ? (gint) tails[lo - 1] : -1;
      tails[lo] = j;
      if (lo == length)
        length++;
    }

  for (k = length > 0 ? (gint) tails[length - 1] : -1; k >= 0; k = prev[k])
    kept[k] = TRUE;
}

/* A signal being accumulated: (position, removed, added) in the coordinates
 * of the model as it stands when emitted, and how far into the old array
 * it reaches. */
typedef struct
{
  gboolean pending;
  guint    position;
  guint    removed;
  guint    added;
  guint    old_end;
} Change;

static void
flush_change (DdOrderList *self,
              Change      *change)
{
  if (!change->pending)
    return;

  change->pending = FALSE;
  self->emit_new_end = change->position + change->added;
  self->emit_old_end = change->old_end;
  g_list_model_items_changed (G_LIST_MODEL (self), change->position,
                              change->removed, change->added);
}

static void
queue_change (DdOrderList *self,
              Change      *change,
              guint        position,
              guint        removed,
              guint        added,
              guint        old_end)
{
  if (change->pending && change->position + change->added == position)
    {
      change->removed += removed;
      change->added += added;
      change->old_end = old_end;
      return;
    }

  flush_change (self, change);
  change->pending = TRUE;
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->old_end = old_end;
}

void
dd_order_list_refresh (DdOrderList *self,
                       GArray      *changed_rowids)
{
  g_autoptr(GHashTable) old_positions = NULL;
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(GArray) old = NULL;
  g_autofree gint *match = NULL;
  g_autofree gboolean *kept = NULL;
  Change change = { FALSE, 0, 0, 0, 0 };
  GArray *new_ids;
  guint old_i = 0;
  guint new_j = 0;

  g_return_if_fail (DD_IS_ORDER_LIST (self));
  g_return_if_fail (self->emit_old == NULL);

  new_ids = run_query (self);
  if (new_ids == NULL)
    return;

  /* Match every new row to its old position. */
  old_positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->row_ids->len; i++)
    g_hash_table_insert (old_positions,
                         &g_array_index (self->row_ids, gint64, i),
                         GUINT_TO_POINTER (i + 1));

  match = g_new (gint, MAX (new_ids->len, 1));
  kept = g_new (gboolean, MAX (new_ids->len, 1));
  for (guint j = 0; j < new_ids->len; j++)
    {
      gpointer p = g_hash_table_lookup (old_positions, &g_array_index (new_ids, gint64, j));

      match[j] = (gint) GPOINTER_TO_UINT (p) - 1;
    }
  longest_increasing_subsequence (match, new_ids->len, kept);

  /* Changed rows are materialised again, wherever they end up. */
  if (changed_rowids != NULL && changed_rowids->len > 0)
    {
      changed = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint c = 0; c < changed_rowids->len; c++)
        {
          gint64 *row_id = &g_array_index (changed_rowids, gint64, c);

          g_hash_table_add (changed, row_id);
          lru_evict (self, *row_id);
        }
    }

  old = g_steal_pointer (&self->row_ids);
  set_row_ids (self, new_ids);
  self->emit_old = old;
  self->emit_new_end = 0;
  self->emit_old_end = 0;

  /* Walk the kept rows in order; between two of them, the old rows are
   * removed and the new ones inserted, as one signal. */
  for (guint j = 0; j <= new_ids->len; j++)
    {
      guint anchor_old;

      if (j < new_ids->len && !kept[j])
        continue;

      anchor_old = j < new_ids->len ? (guint) match[j] : old->len;
      if (anchor_old > old_i || j > new_j)
        queue_change (self, &change, new_j, anchor_old - old_i, j - new_j, anchor_old);

      if (j == new_ids->len)
        break;

      if (changed != NULL && g_hash_table_contains (changed, &g_array_index (new_ids, gint64, j)))
        queue_change (self, &change, j, 1, 1, anchor_old + 1);

      old_i = anchor_old + 1;
      new_j = j + 1;
    }
  flush_change (self, &change);

  self->emit_old = NULL;

  if (old->len != new_ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

guint
dd_order_list_find_row (DdOrderList *self,
                        gint64       row_id)
{
  gpointer position;

  g_return_val_if_fail (DD_IS_ORDER_LIST (self), G_MAXUINT);

  if (self->emit_old != NULL)
    {
      /* In the middle of a refresh: the model is in an intermediate state. */
      for (guint i = 0; i < n_items (self); i++)
        if (row_id_at (self, i) == row_id)
          return i;
      return G_MAXUINT;
    }

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < self->row_ids->len; i++)
        g_hash_table_insert (self->positions,
                             &g_array_index (self->row_ids, gint64, i),
                             GUINT_TO_POINTER (i + 1));
    }

  position = g_hash_table_lookup (self->positions, &row_id);

  return position != NULL ? GPOINTER_TO_UINT (position) - 1 : G_MAXUINT;
}

guint
dd_order_list_get_n_materialised (DdOrderList *self)
{
  g_return_val_if_fail (DD_IS_ORDER_LIST (self), 0);

  return self->lru.length;
}
