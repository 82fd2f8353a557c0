/* dd-action-guard.c: one action per order at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-action-guard.h"

struct _DdActionGuard
{
  GObject     parent_instance;

  GMutex      mutex;
  GHashTable *running;  /* "account\x1forder" → GINT_TO_POINTER (action + 1) */
};

G_DEFINE_FINAL_TYPE (DdActionGuard, dd_action_guard, G_TYPE_OBJECT)

static void
dd_action_guard_finalize (GObject *object)
{
  DdActionGuard *self = DD_ACTION_GUARD (object);

  g_hash_table_unref (self->running);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (dd_action_guard_parent_class)->finalize (object);
}

static void
dd_action_guard_class_init (DdActionGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_action_guard_finalize;
}

static void
dd_action_guard_init (DdActionGuard *self)
{
  g_mutex_init (&self->mutex);
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

DdActionGuard *
dd_action_guard_new (void)
{
  return g_object_new (DD_TYPE_ACTION_GUARD, NULL);
}

/* Account ids and order ids never hold control characters. */
static char *
make_key (const char *account_id,
          const char *order_id)
{
  return g_strconcat (account_id, "\x1f", order_id, NULL);
}

gboolean
dd_action_guard_try_begin (DdActionGuard *self,
                           const char    *account_id,
                           const char    *order_id,
                           DdAction       action,
                           GError       **error)
{
  g_autofree char *key = NULL;
  gboolean begun = FALSE;

  g_return_val_if_fail (DD_IS_ACTION_GUARD (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);
  g_return_val_if_fail ((guint) action <= DD_ACTION_LAST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = make_key (account_id, order_id);

  g_mutex_lock (&self->mutex);
  if (!g_hash_table_contains (self->running, key))
    {
      g_hash_table_insert (self->running, g_steal_pointer (&key),
                           GINT_TO_POINTER ((int) action + 1));
      begun = TRUE;
    }
  g_mutex_unlock (&self->mutex);

  if (!begun)
    g_set_error_literal (error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_BUSY,
                         _("An action on this order is already running."));

  return begun;
}

void
dd_action_guard_end (DdActionGuard *self,
                     const char    *account_id,
                     const char    *order_id)
{
  g_autofree char *key = NULL;
  gboolean removed;

  g_return_if_fail (DD_IS_ACTION_GUARD (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (order_id != NULL);

  key = make_key (account_id, order_id);

  g_mutex_lock (&self->mutex);
  removed = g_hash_table_remove (self->running, key);
  g_mutex_unlock (&self->mutex);

  if (!removed)
    g_warning ("No action was running on order %s of account %s", order_id, account_id);
}

gboolean
dd_action_guard_is_running (DdActionGuard *self,
                            const char    *account_id,
                            const char    *order_id,
                            DdAction      *action)
{
  g_autofree char *key = NULL;
  gpointer value = NULL;
  gboolean found;

  g_return_val_if_fail (DD_IS_ACTION_GUARD (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (order_id != NULL, FALSE);

  key = make_key (account_id, order_id);

  g_mutex_lock (&self->mutex);
  found = g_hash_table_lookup_extended (self->running, key, NULL, &value);
  g_mutex_unlock (&self->mutex);

  if (found && action != NULL)
    *action = (DdAction) (GPOINTER_TO_INT (value) - 1);

  return found;
}
