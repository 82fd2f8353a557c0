/* dd-order-diff.c: the items-changed runs between two results
 *
 * At a million rows this runs in a worker: the common head and tail are
 * skipped by comparing, only the middle is hashed (an open-addressing table
 * of row id → old position, 12 bytes a slot), and the longest increasing
 * subsequence of the matched old positions is found in O(n log n).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-order-diff.h"

#define NONE G_MAXUINT32

/* Row id → position. Row ids are SQLite rowids: 0 is kept apart so that a
 * zero key can mean an empty slot. */
typedef struct
{
  gint64  *keys;
  guint32 *values;
  gsize    mask;
  guint32  zero_value;
} IdMap;

static inline gsize
id_hash (gint64 key)
{
  guint64 x = (guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (gsize) (x ^ (x >> 29));
}

static void
id_map_init (IdMap *map,
             gsize  n)
{
  gsize capacity = 16;

  while (capacity < n * 2)
    capacity *= 2;

  map->keys = g_new0 (gint64, capacity);
  map->values = g_new (guint32, capacity);
  map->mask = capacity - 1;
  map->zero_value = NONE;
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
}

static void
id_map_insert (IdMap   *map,
               gint64   key,
               guint32  value)
{
  gsize i;

  if (key == 0)
    {
      map->zero_value = value;
      return;
    }

  for (i = id_hash (key) & map->mask; map->keys[i] != 0 && map->keys[i] != key; i = (i + 1) & map->mask)
    ;
  map->keys[i] = key;
  map->values[i] = value;
}

static guint32
id_map_lookup (const IdMap *map,
               gint64       key)
{
  gsize i;

  if (key == 0)
    return map->zero_value;

  for (i = id_hash (key) & map->mask; map->keys[i] != 0; i = (i + 1) & map->mask)
    if (map->keys[i] == key)
      return map->values[i];

  return NONE;
}

/* Marks in @kept which entries of @match (old positions, NONE for none)
 * form a longest strictly increasing subsequence: the rows that stay put. */
static void
longest_increasing_subsequence (const guint32 *match,
                                gsize          n,
                                guint8        *kept)
{
  g_autofree guint32 *tails = g_new (guint32, n + 1); /* index into match of each length's best tail */
  g_autofree guint32 *prev = g_new (guint32, MAX (n, 1));
  gsize length = 0;
  guint32 k;

  for (gsize j = 0; j < n; j++)
    {
      gsize lo = 0;
      gsize hi = length;

      kept[j] = FALSE;
      if (match[j] == NONE)
        continue;

      while (lo < hi)
        {
          gsize mid = (lo + hi) / 2;

          if (match[tails[mid]] < match[j])
            lo = mid + 1;
          else
            hi = mid;
        }

      prev[j] = lo > 0 ? tails[lo - 1] : NONE;
      tails[lo] = (guint32) j;
      if (lo == length)
        length++;
    }

  for (k = length > 0 ? tails[length - 1] : NONE; k != NONE; k = prev[k])
    kept[k] = TRUE;
}

typedef struct
{
  GArray     *runs;
  gboolean    pending;
  DdOrderRun  run;
} Builder;

static void
flush_run (Builder *builder)
{
  if (!builder->pending)
    return;

  builder->pending = FALSE;
  g_array_append_val (builder->runs, builder->run);
}

static void
queue_run (Builder *builder,
           guint    position,
           guint    removed,
           guint    added,
           guint    old_end)
{
  if (builder->pending && builder->run.position + builder->run.added == position)
    {
      builder->run.removed += removed;
      builder->run.added += added;
      builder->run.old_end = old_end;
      return;
    }

  flush_run (builder);
  builder->pending = TRUE;
  builder->run.position = position;
  builder->run.removed = removed;
  builder->run.added = added;
  builder->run.old_end = old_end;
}

GArray *
dd_order_diff (GArray *old,
               GArray *new_ids,
               GArray *changed,
               guint   max_runs)
{
  const gint64 *o = (const gint64 *) old->data;
  const gint64 *n = (const gint64 *) new_ids->data;
  guint n_old = old->len;
  guint n_new = new_ids->len;
  g_autofree guint32 *match = NULL;
  g_autofree guint8 *kept = NULL;
  IdMap changed_map = { NULL, NULL, 0, NONE };
  Builder builder = { g_array_new (FALSE, FALSE, sizeof (DdOrderRun)), FALSE, { 0, 0, 0, 0 } };
  guint prefix = 0;
  guint suffix = 0;
  guint mid_new;
  guint old_i = 0;
  guint new_j = 0;

  /* The head and the tail that did not move (rows arriving at one end, a
   * narrowing search leaving both ends alone …) cost a comparison each. */
  while (prefix < n_old && prefix < n_new && o[prefix] == n[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         o[n_old - 1 - suffix] == n[n_new - 1 - suffix])
    suffix++;

  mid_new = n_new - prefix - suffix;
  match = g_new (guint32, MAX (mid_new, 1));
  kept = g_new (guint8, MAX (mid_new, 1));
  if (mid_new > 0)
    {
      guint mid_old = n_old - prefix - suffix;
      IdMap old_map;

      id_map_init (&old_map, mid_old);
      for (guint i = prefix; i < prefix + mid_old; i++)
        id_map_insert (&old_map, o[i], i);
      for (guint j = 0; j < mid_new; j++)
        match[j] = id_map_lookup (&old_map, n[prefix + j]);
      id_map_clear (&old_map);

      longest_increasing_subsequence (match, mid_new, kept);
    }

  if (changed != NULL && changed->len > 0)
    {
      id_map_init (&changed_map, changed->len);
      for (guint c = 0; c < changed->len; c++)
        id_map_insert (&changed_map, g_array_index (changed, gint64, c), 1);
    }

  /* Walk the kept rows in order; between two of them, the old rows are
   * removed and the new ones inserted, as one run. Unless changed rows must
   * be found among them, the head and the tail need no walk. */
  {
    gboolean walk_all = changed_map.keys != NULL;
    guint j_end = walk_all ? n_new : n_new - suffix;

    old_i = new_j = walk_all ? 0 : prefix;
    for (guint j = new_j; j <= j_end; j++)
      {
        guint anchor_old;

        if (j == j_end || j < prefix || j >= n_new - suffix)
          anchor_old = j < prefix ? j : n_old - (n_new - j);
        else if (kept[j - prefix])
          anchor_old = match[j - prefix];
        else
          continue;

        if (anchor_old > old_i || j > new_j)
          queue_run (&builder, new_j, anchor_old - old_i, j - new_j, anchor_old);

        if (j == j_end)
          break;

        if (walk_all && id_map_lookup (&changed_map, n[j]) != NONE)
          queue_run (&builder, j, 1, 1, anchor_old + 1);

        old_i = anchor_old + 1;
        new_j = j + 1;
      }
  }
  flush_run (&builder);
  id_map_clear (&changed_map);

  if (builder.runs->len > max_runs)
    {
      DdOrderRun all = { 0, n_old, n_new, n_old };

      g_array_set_size (builder.runs, 0);
      g_array_append_val (builder.runs, all);
    }

  return builder.runs;
}
