/* dd-sync-manager.c: when each account syncs, and never twice at once
 *
 * Each account with a client has one DdSyncJob, kept between runs. A run
 * in progress is recorded apart from the account (a Run): replacing or
 * removing the client cancels it, but the account counts as syncing until
 * the cancelled run has really ended (its last page may still be being
 * written), so two runs of one account never overlap.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dd-sync-manager.h"

typedef struct
{
  char      *account_id;
  DdClient  *client;   /* owned */
  DdSyncJob *job;      /* owned: runs of this client */
} Account;

typedef struct
{
  DdSyncJob    *job;          /* owned */
  GCancellable *cancellable;  /* owned */
  gulong        page_stored_id;
  gulong        orders_paid_id;
  gboolean      background;   /* started by the interval timer */
  gboolean      again;        /* asked for while cancelled: run again after */
} Run;

struct _DdSyncManager
{
  GObject       parent_instance;

  DdCache      *cache;     /* owned */
  guint         interval;  /* seconds; 0: no background syncs */
  GPtrArray    *accounts;  /* (element-type Account) in the order they were added */
  GHashTable   *runs;      /* account id → Run, while it runs */
  guint         timer_id;
  gboolean      starting_background; /* the timer is starting a round */
};

G_DEFINE_FINAL_TYPE (DdSyncManager, dd_sync_manager, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CACHE,
  PROP_INTERVAL,
  PROP_SYNCING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SYNC_STARTED,
  PAGE_STORED,
  ORDERS_PAID,
  SYNC_FINISHED,
  ROUND_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
run_free (Run *run)
{
  g_clear_signal_handler (&run->page_stored_id, run->job);
  g_clear_signal_handler (&run->orders_paid_id, run->job);
  g_clear_object (&run->job);
  g_clear_object (&run->cancellable);
  g_free (run);
}

static void
job_page_stored_cb (DdSyncJob     *job,
                    GArray        *changed_rowids,
                    DdSyncManager *self)
{
  g_signal_emit (self, signals[PAGE_STORED], 0, dd_sync_job_get_account_id (job), changed_rowids);
}

static void
job_orders_paid_cb (DdSyncJob     *job,
                    GArray        *row_ids,
                    DdSyncManager *self)
{
  g_signal_emit (self, signals[ORDERS_PAID], 0, dd_sync_job_get_account_id (job), row_ids);
}

static void
account_free (Account *account)
{
  g_clear_object (&account->job);
  g_clear_object (&account->client);
  g_free (account->account_id);
  g_free (account);
}

static Account *
lookup_account (DdSyncManager *self,
                const char    *account_id,
                guint         *index)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (account->account_id, account_id))
        {
          if (index != NULL)
            *index = i;
          return account;
        }
    }

  return NULL;
}

static gboolean timer_cb (gpointer user_data);

/* The next background round is one interval after the last one ended. */
static void
schedule (DdSyncManager *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (self->interval > 0 && g_hash_table_size (self->runs) == 0)
    {
      self->timer_id = g_timeout_add_seconds (self->interval, timer_cb, self);
      g_source_set_name_by_id (self->timer_id, "[dingdan] background sync");
    }
}

static gboolean
timer_cb (gpointer user_data)
{
  DdSyncManager *self = DD_SYNC_MANAGER (user_data);

  self->timer_id = 0;
  g_debug ("Background sync of every account");

  /* Nothing to sync (no account connected yet): try again later. */
  self->starting_background = TRUE;
  if (dd_sync_manager_sync (self, NULL) == 0)
    schedule (self);
  self->starting_background = FALSE;

  return G_SOURCE_REMOVE;
}

typedef struct
{
  DdSyncManager *manager;     /* owned: holds it until the run ends */
  char          *account_id;
} RunDone;

static gboolean start (DdSyncManager *self,
                       Account       *account);

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunDone *done = user_data;
  DdSyncManager *self = done->manager;
  DdSyncJob *job = DD_SYNC_JOB (object);
  g_autoptr(GError) error = NULL;
  gboolean again;
  Account *account;
  Run *run;

  if (!dd_sync_job_run_finish (job, result, &error))
    g_debug ("Sync of %s ended: %s", done->account_id, error->message);

  run = g_hash_table_lookup (self->runs, done->account_id);
  g_assert (run != NULL && run->job == job);
  again = run->again;

  /* Still there while "sync-finished" is emitted (get_job() says it). */
  g_object_ref (job);
  g_hash_table_remove (self->runs, done->account_id);

  if (g_hash_table_size (self->runs) == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  g_signal_emit (self, signals[SYNC_FINISHED], 0, done->account_id, job, error);
  g_object_unref (job);

  /* Synced on demand while a cancelled run (of a replaced client) ended. */
  account = again ? lookup_account (self, done->account_id, NULL) : NULL;
  if (account != NULL)
    start (self, account);

  /* A handler may have started another sync. */
  if (g_hash_table_size (self->runs) == 0)
    {
      schedule (self);
      g_signal_emit (self, signals[ROUND_FINISHED], 0);
    }

  g_object_unref (done->manager);
  g_free (done->account_id);
  g_free (done);
}

static gboolean
start (DdSyncManager *self,
       Account       *account)
{
  gboolean was_syncing = g_hash_table_size (self->runs) > 0;
  RunDone *done;
  Run *run;

  run = g_hash_table_lookup (self->runs, account->account_id);
  if (run != NULL)
    {
      /* A running sync covers the request; a cancelled one does not. */
      if (g_cancellable_is_cancelled (run->cancellable))
        run->again = TRUE;
      return FALSE;
    }

  run = g_new0 (Run, 1);
  run->job = g_object_ref (account->job);
  run->cancellable = g_cancellable_new ();
  run->page_stored_id = g_signal_connect (run->job, "page-stored",
                                          G_CALLBACK (job_page_stored_cb), self);
  run->orders_paid_id = g_signal_connect (run->job, "orders-paid",
                                          G_CALLBACK (job_orders_paid_cb), self);
  run->background = self->starting_background;
  g_hash_table_insert (self->runs, g_strdup (account->account_id), run);

  /* A round in progress postpones the next one. */
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!was_syncing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);

  g_signal_emit (self, signals[SYNC_STARTED], 0, account->account_id);

  done = g_new0 (RunDone, 1);
  done->manager = g_object_ref (self);
  done->account_id = g_strdup (account->account_id);
  dd_sync_job_run_async (run->job, run->cancellable, run_done_cb, done);

  return TRUE;
}

static void
cancel_run (DdSyncManager *self,
            const char    *account_id)
{
  Run *run = g_hash_table_lookup (self->runs, account_id);

  if (run != NULL)
    g_cancellable_cancel (run->cancellable);
}

static void
dd_sync_manager_constructed (GObject *object)
{
  DdSyncManager *self = DD_SYNC_MANAGER (object);

  G_OBJECT_CLASS (dd_sync_manager_parent_class)->constructed (object);

  g_assert (DD_IS_CACHE (self->cache));
  schedule (self);
}

static void
dd_sync_manager_dispose (GObject *object)
{
  DdSyncManager *self = DD_SYNC_MANAGER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->runs != NULL)
    dd_sync_manager_cancel_all (self);
  if (self->accounts != NULL)
    g_ptr_array_set_size (self->accounts, 0);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (dd_sync_manager_parent_class)->dispose (object);
}

static void
dd_sync_manager_finalize (GObject *object)
{
  DdSyncManager *self = DD_SYNC_MANAGER (object);

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->runs, g_hash_table_unref);

  G_OBJECT_CLASS (dd_sync_manager_parent_class)->finalize (object);
}

static void
dd_sync_manager_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DdSyncManager *self = DD_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, dd_sync_manager_get_syncing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_sync_manager_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DdSyncManager *self = DD_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      self->cache = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      dd_sync_manager_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_sync_manager_class_init (DdSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dd_sync_manager_constructed;
  object_class->dispose = dd_sync_manager_dispose;
  object_class->finalize = dd_sync_manager_finalize;
  object_class->get_property = dd_sync_manager_get_property;
  object_class->set_property = dd_sync_manager_set_property;

  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL,
                         DD_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       0, G_MAXUINT / 1000, DD_SYNC_DEFAULT_INTERVAL_MINUTES * 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SYNC_STARTED] =
    g_signal_new ("sync-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[PAGE_STORED] =
    g_signal_new ("page-stored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ORDERS_PAID] =
    g_signal_new ("orders-paid",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SYNC_FINISHED] =
    g_signal_new ("sync-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  DD_TYPE_SYNC_JOB,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ROUND_FINISHED] =
    g_signal_new ("round-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
dd_sync_manager_init (DdSyncManager *self)
{
  self->interval = DD_SYNC_DEFAULT_INTERVAL_MINUTES * 60;
  self->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) account_free);
  self->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) run_free);
}

DdSyncManager *
dd_sync_manager_new (DdCache *cache)
{
  g_return_val_if_fail (DD_IS_CACHE (cache), NULL);

  return g_object_new (DD_TYPE_SYNC_MANAGER, "cache", cache, NULL);
}

void
dd_sync_manager_set_client (DdSyncManager *self,
                            const char    *account_id,
                            DdClient      *client)
{
  Account *account;
  guint index = 0;

  g_return_if_fail (DD_IS_SYNC_MANAGER (self));
  g_return_if_fail (account_id != NULL);
  g_return_if_fail (client == NULL || DD_IS_CLIENT (client));

  account = lookup_account (self, account_id, &index);
  if (account != NULL && account->client == client)
    return;

  /* Whatever ran with the old client stops. */
  cancel_run (self, account_id);

  if (client == NULL)
    {
      if (account != NULL)
        g_ptr_array_remove_index (self->accounts, index);
      return;
    }

  if (account == NULL)
    {
      account = g_new0 (Account, 1);
      account->account_id = g_strdup (account_id);
      g_ptr_array_add (self->accounts, account);
    }
  else
    g_clear_object (&account->job);

  /* A run being cancelled keeps its own job until it ends. */
  g_set_object (&account->client, client);
  account->job = dd_sync_job_new (client, self->cache, account_id);
}

guint
dd_sync_manager_sync (DdSyncManager *self,
                      const char    *account_id)
{
  g_autoptr(GPtrArray) accounts = NULL;
  guint n_started = 0;

  g_return_val_if_fail (DD_IS_SYNC_MANAGER (self), 0);

  /* A handler of "sync-started" may change the accounts: walk a copy. */
  accounts = g_ptr_array_new ();
  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = g_ptr_array_index (self->accounts, i);

      if (account_id == NULL || g_str_equal (account->account_id, account_id))
        g_ptr_array_add (accounts, account->account_id);
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      Account *account = lookup_account (self, g_ptr_array_index (accounts, i), NULL);

      if (account != NULL && start (self, account))
        n_started++;
    }

  return n_started;
}

gboolean
dd_sync_manager_is_syncing (DdSyncManager *self,
                            const char    *account_id)
{
  g_return_val_if_fail (DD_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  return g_hash_table_contains (self->runs, account_id);
}

gboolean
dd_sync_manager_is_background (DdSyncManager *self,
                               const char    *account_id)
{
  Run *run;

  g_return_val_if_fail (DD_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  run = g_hash_table_lookup (self->runs, account_id);

  return run != NULL && run->background;
}

DdSyncJob *
dd_sync_manager_get_job (DdSyncManager *self,
                         const char    *account_id)
{
  Run *run;

  g_return_val_if_fail (DD_IS_SYNC_MANAGER (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  run = g_hash_table_lookup (self->runs, account_id);

  return run != NULL ? run->job : NULL;
}

void
dd_sync_manager_cancel_all (DdSyncManager *self)
{
  GHashTableIter iter;
  Run *run;

  g_return_if_fail (DD_IS_SYNC_MANAGER (self));

  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &run))
    g_cancellable_cancel (run->cancellable);
}

guint
dd_sync_manager_get_interval (DdSyncManager *self)
{
  g_return_val_if_fail (DD_IS_SYNC_MANAGER (self), 0);

  return self->interval;
}

void
dd_sync_manager_set_interval (DdSyncManager *self,
                              guint          seconds)
{
  g_return_if_fail (DD_IS_SYNC_MANAGER (self));

  if (self->interval == seconds)
    return;

  self->interval = seconds;
  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gboolean
dd_sync_manager_get_syncing (DdSyncManager *self)
{
  g_return_val_if_fail (DD_IS_SYNC_MANAGER (self), FALSE);

  return g_hash_table_size (self->runs) > 0;
}
