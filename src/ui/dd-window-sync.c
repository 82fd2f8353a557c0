/* dd-window-sync.c: the window's side of syncing: the button, progress and reports
 *
 * The application's DdSyncManager runs the syncs, one at most per account,
 * on demand (win.sync) and in the background. The window follows its
 * signals: a round starts with the first sync while none runs and ends with
 * "round-finished"; every stored page refreshes the list (off the main
 * thread, coalesced). A round asked for ends with a toast saying how it
 * went; a background round only tells of new failures, never with a dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-sync-job.h"
#include "dd-sync-report.h"
#include "dd-window-private.h"

static const char *
base_subtitle (DdWindow *self)
{
  /* Translators: subtitle of the window when it shows the built-in test shops */
  return self->sandbox ? _("Sandbox") : NULL;
}

static void
update_progress (DdWindow *self)
{
  g_autofree char *text = NULL;
  guint64 n_orders = self->sync_n_done_orders;
  guint64 total = self->sync_n_done_orders;
  gboolean known = TRUE;

  if (!dd_window_is_syncing (self))
    return;

  /* Summed over the round: a finished job counts what it received, a
   * running one what its platform announced. Until every platform has
   * announced its total, the bar only pulses. */
  for (guint i = 0; i < self->sync_jobs->len; i++)
    {
      DdSyncJob *job = g_ptr_array_index (self->sync_jobs, i);
      guint64 job_total = dd_sync_job_get_total (job);

      if (job_total == 0 && dd_sync_job_get_n_pages (job) == 0)
        known = FALSE;
      n_orders += dd_sync_job_get_n_orders (job);
      total += MAX (job_total, dd_sync_job_get_n_orders (job));
    }

  if (known && total > 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     MIN (1.0, (double) n_orders / (double) total));
      /* Translators: progress of a sync: orders received so far, of all;
       * the plural follows the second number */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing %u of %u order…",
                                           "Syncing %u of %u orders…",
                                           (gulong) MIN (total, G_MAXULONG)),
                              (guint) MIN (n_orders, G_MAXUINT),
                              (guint) MIN (total, G_MAXUINT));
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      text = g_strdup (_("Syncing orders…"));
    }

  gtk_progress_bar_set_text (self->progress_bar, text);
  adw_window_title_set_subtitle (self->window_title, text);
}

/* Shows whether a round runs. */
static void
update_syncing (DdWindow *self)
{
  gboolean syncing = dd_window_is_syncing (self);

  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  if (!syncing)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      adw_window_title_set_subtitle (self->window_title, base_subtitle (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), syncing);

  dd_window_update_sync_action (self);
  dd_window_update_stack (self);
}

static void
progress_changed_cb (DdWindow   *self,
                     GParamSpec *pspec,
                     DdSyncJob  *job)
{
  update_progress (self);
}

static void
dismiss_error_toast (DdWindow *self)
{
  if (self->error_toast != NULL)
    {
      dd_toast_dismiss (self->error_toast);
      g_clear_object (&self->error_toast);
    }
}

static void
sync_started_cb (DdWindow      *self,
                 const char    *account_id,
                 DdSyncManager *manager)
{
  DdSyncJob *job = dd_sync_manager_get_job (manager, account_id);

  if (!self->in_round)
    {
      self->in_round = TRUE;
      self->had_failures = self->sync_failures->len > 0;
      self->sync_n_done_orders = 0;
      g_ptr_array_set_size (self->sync_failures, 0);
    }

  if (job != NULL && !g_ptr_array_find (self->sync_jobs, job, NULL))
    {
      g_signal_connect_object (job, "notify::n-orders",
                               G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (job, "notify::total",
                               G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->sync_jobs, g_object_ref (job));
    }

  update_syncing (self);
  update_progress (self);
}

static void
page_stored_cb (DdWindow      *self,
                const char    *account_id,
                GArray        *changed_rowids,
                DdSyncManager *manager)
{
  /* The query and its diff run in a worker; pages arriving meanwhile are
   * folded into one more refresh. */
  if (self->orders != NULL)
    dd_order_list_queue_refresh (self->orders, changed_rowids);
  update_progress (self);
}

static void
sync_finished_cb (DdWindow      *self,
                  const char    *account_id,
                  DdSyncJob     *job,
                  const GError  *error,
                  DdSyncManager *manager)
{
  DdAccount *account;

  if (g_ptr_array_find (self->sync_jobs, job, NULL))
    {
      g_signal_handlers_disconnect_by_func (job, progress_changed_cb, self);
      g_ptr_array_remove (self->sync_jobs, job);
    }

  /* Cancelled (the account went, or its client changed): nothing to tell. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The sidebar tells when it last synced, or why not. */
  account = dd_window_lookup_account (self, account_id);
  if (account != NULL)
    dd_account_note_sync_result (account, error);

  /* One account failing never stops the others: its failure is kept and
   * told once the round is over. */
  if (error != NULL)
    {
      g_debug ("Sync of %s failed: %s", account_id, error->message);
      g_ptr_array_add (self->sync_failures,
                       dd_sync_failure_new (account_id,
                                            dd_window_lookup_account_name (self, account_id),
                                            error));
    }

  self->sync_n_done_orders += dd_sync_job_get_n_orders (job);

  /* Whatever the last page left out (a final re-run of the query). */
  if (self->orders != NULL)
    dd_order_list_queue_refresh (self->orders, NULL);

  update_progress (self);
}

static guint
account_position (DdWindow   *self,
                  const char *account_id)
{
  guint n_accounts = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (g_strcmp0 (dd_account_get_id (account), account_id) == 0)
        return i;
    }

  return G_MAXUINT;
}

static int
compare_failures (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  DdWindow *self = user_data;
  const DdSyncFailure *x = *(DdSyncFailure * const *) a;
  const DdSyncFailure *y = *(DdSyncFailure * const *) b;
  guint px = account_position (self, x->account_id);
  guint py = account_position (self, y->account_id);

  return px < py ? -1 : px > py;
}

/* The last sync of a round is done: tell how it went. */
static void
round_finished_cb (DdWindow      *self,
                   DdSyncManager *manager)
{
  guint n_orders = self->sync_n_done_orders;
  gboolean on_demand = self->on_demand;

  if (!self->in_round)
    return;

  self->in_round = FALSE;
  self->on_demand = FALSE;
  g_ptr_array_set_size (self->sync_jobs, 0);

  /* Failures are told in the accounts' order, whichever failed first. */
  g_ptr_array_sort_with_data (self->sync_failures, compare_failures, self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error",
                                 self->sync_failures->len > 0);
  update_syncing (self);

  if (self->sync_failures->len > 0)
    {
      g_autofree char *description = dd_sync_report_describe (self->sync_failures);
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      /* Status page descriptions are markup. */
      adw_status_page_set_description (self->sync_failed_page, escaped);

      /* With nothing listed, the status page says it already; a background
       * round says it once, not every few minutes. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->orders)) > 0 &&
          (on_demand || !self->had_failures))
        {
          g_autofree char *title = dd_sync_report_title (self->sync_failures);
          AdwToast *toast;

          dismiss_error_toast (self);
          toast = dd_window_add_toast (self, title,
                                       /* Translators: button of the sync failure toast */
                                       _("Details"), "win.show-sync-error");
          g_set_object (&self->error_toast, toast);
        }
    }
  else if (on_demand)
    {
      g_autofree char *title = NULL;

      if (n_orders == 0)
        title = g_strdup (_("Orders are up to date"));
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: a sync finished; %u is the
                                               * number of orders received from all
                                               * accounts together */
                                              "Synced %u order",
                                              "Synced %u orders",
                                              n_orders),
                                 n_orders);
      dd_window_add_toast (self, title, NULL, NULL);
    }
  else
    dismiss_error_toast (self);
}

void
dd_window_sync (DdWindow *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  guint n_accounts;

  g_return_if_fail (DD_IS_WINDOW (self));

  if (self->sync_manager == NULL || dd_window_is_syncing (self))
    return;

  n_accounts = g_list_model_get_n_items (self->accounts);
  ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (dd_window_is_syncable (self, account))
        g_ptr_array_add (ids, g_strdup (dd_account_get_id (account)));
    }
  if (ids->len == 0)
    return;

  /* A new attempt makes the last failures and their toast stale. */
  dismiss_error_toast (self);
  g_ptr_array_set_size (self->sync_failures, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error", FALSE);

  self->on_demand = TRUE;
  for (guint i = 0; i < ids->len; i++)
    dd_sync_manager_sync (self->sync_manager, g_ptr_array_index (ids, i));
}

static void
sync_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dd_window_sync (DD_WINDOW (widget));
}

static void
show_sync_error_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);

  if (self->sync_failures->len == 0)
    return;

  gtk_window_present (GTK_WINDOW (dd_sync_report_dialog_new (GTK_WINDOW (self),
                                                             self->sync_failures)));
}

void
dd_window_sync_init (DdWindow *self)
{
  g_assert (DD_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-sync-error", FALSE);
  adw_window_title_set_subtitle (self->window_title, base_subtitle (self));

  if (self->sync_manager == NULL)
    return;

  g_signal_connect_object (self->sync_manager, "sync-started",
                           G_CALLBACK (sync_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "page-stored",
                           G_CALLBACK (page_stored_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "sync-finished",
                           G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_manager, "round-finished",
                           G_CALLBACK (round_finished_cb), self, G_CONNECT_SWAPPED);

  /* A background round may already run. */
  if (dd_sync_manager_get_syncing (self->sync_manager))
    {
      guint n_accounts = g_list_model_get_n_items (self->accounts);

      for (guint i = 0; i < n_accounts; i++)
        {
          g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

          if (dd_sync_manager_is_syncing (self->sync_manager, dd_account_get_id (account)))
            sync_started_cb (self, dd_account_get_id (account), self->sync_manager);
        }
    }
}

void
dd_window_sync_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-sync-error", NULL,
                                   show_sync_error_action_cb);
}
