/* dd-order-refresh.c: reading one order again from its platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "dd-order-refresh.h"

typedef struct
{
  DdCache *cache;
  char    *account_id;
  DdOrder *order;
  GArray  *changed_rowids;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->cache);
  g_free (data->account_id);
  g_clear_object (&data->order);
  g_clear_pointer (&data->changed_rowids, g_array_unref);
  g_free (data);
}

/* In a worker: the cache serialises its writers. */
static void
store_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RefreshData *data = task_data;
  g_autoptr(GPtrArray) orders = g_ptr_array_new ();
  GError *error = NULL;

  g_ptr_array_add (orders, data->order);
  data->changed_rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!dd_cache_store_page (data->cache, data->account_id, orders, -1,
                            data->changed_rowids, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
got_order_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->order = dd_client_get_order_finish (DD_CLIENT (source), result, &error);
  if (data->order == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  dd_order_set_account_id (data->order, data->account_id);
  if (dd_order_get_platform (data->order) == NULL)
    dd_order_set_platform (data->order, dd_client_get_platform (DD_CLIENT (source)));

  g_task_run_in_thread (task, store_in_thread);
}

void
dd_order_refresh_async (DdClient            *client,
                        DdCache             *cache,
                        const char          *account_id,
                        const char          *order_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  RefreshData *data;

  g_return_if_fail (DD_IS_CLIENT (client));
  g_return_if_fail (DD_IS_CACHE (cache));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (order_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_order_refresh_async);
  data = g_new0 (RefreshData, 1);
  data->cache = g_object_ref (cache);
  data->account_id = g_strdup (account_id);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  dd_client_get_order_async (client, order_id, cancellable, got_order_cb, task);
}

DdOrder *
dd_order_refresh_finish (GAsyncResult  *result,
                         GArray       **changed_rowids,
                         GError       **error)
{
  RefreshData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_order_refresh_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  if (changed_rowids != NULL)
    *changed_rowids = g_steal_pointer (&data->changed_rowids);

  return g_steal_pointer (&data->order);
}

/* ---- after-sale ------------------------------------------------------------ */

static const char * const after_sale_keys[] = {
  "refund_status", "return_status", "refundStatus", "afterSaleStatus", "after_sale_status",
};

static gboolean
is_no_refund (const char *value)
{
  static const char * const none[] = {
    "", "NO_REFUND", "NONE", "NO_RETURN", "0", "null", "CLOSED_NO_REFUND",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (none); i++)
    if (g_ascii_strcasecmp (value, none[i]) == 0)
      return TRUE;

  return FALSE;
}

static char *
find_after_sale (JsonNode *node,
                 guint     depth)
{
  if (node == NULL || depth > 12)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          char *found = find_after_sale (json_array_get_element (array, i), depth + 1);

          if (found != NULL)
            return found;
        }
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = NULL;

      for (gsize i = 0; i < G_N_ELEMENTS (after_sale_keys); i++)
        {
          JsonNode *member = json_object_get_member (object, after_sale_keys[i]);

          if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
              json_node_get_value_type (member) == G_TYPE_STRING &&
              !is_no_refund (json_node_get_string (member)))
            return g_strdup (json_node_get_string (member));
        }

      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          char *found = find_after_sale (json_object_get_member (object, l->data), depth + 1);

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

char *
dd_order_get_after_sale_state (DdOrder *order)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *raw;

  g_return_val_if_fail (DD_IS_ORDER (order), NULL);

  raw = dd_order_get_raw_json (order);
  if (raw == NULL || raw[0] == '\0')
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, raw, -1, NULL))
    return NULL;

  return find_after_sale (json_parser_get_root (parser), 0);
}
