/* dd-notifier.c: desktop notifications for new paid orders
 *
 * A background round (the interval timer's) tells, page by page, which
 * orders it made newly paid ("orders-paid" of the sync manager: paid and
 * waiting to be shipped now, unpaid or unknown to the cache before). They
 * are gathered until the round ends, those still needing review are kept,
 * and then told: a few one by one ("New paid order": buyer, total, account;
 * its default action shows the order), many by one summary ("12 new paid
 * orders"; its action shows the "Needs review" view). Reviewing an order
 * withdraws its notification or takes it out of the summary.
 *
 * GLib sends the notifications to whatever serves them: GNOME Shell
 * (org.gtk.Notifications), the portal inside Flatpak, or any
 * org.freedesktop.Notifications server. The window tests record them with
 * tests/notification-server.py.
 *
 * A known limit: `dingdan --sandbox` is non-unique, so it does not own the
 * application id's bus name, where GNOME Shell sends a notification's
 * action (org.freedesktop.Application on the app id's name); it exports its
 * actions on its unique name only. Under a real Shell, clicking a sandbox's
 * notification reaches a normal Dingdan (or starts one) instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account.h"
#include "dd-notifier.h"
#include "dd-ui-format.h"

struct _DdNotifier
{
  GObject        parent_instance;

  GApplication  *app;       /* unowned: the application owns the notifier */
  DdCache       *cache;     /* owned */
  DdSyncManager *manager;   /* owned */
  GListModel    *accounts;  /* owned */

  GArray        *round;     /* (element-type gint64) newly paid in this background round */
  DdPaidNotices  notices;   /* what is shown */
};

G_DEFINE_FINAL_TYPE (DdNotifier, dd_notifier, G_TYPE_OBJECT)

char *
dd_notifier_order_id (gint64 row_id)
{
  return g_strdup_printf ("paid-%" G_GINT64_FORMAT, row_id);
}

/* ---- The summarising decisions ---------------------------------------------- */

static GHashTable *
row_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
row_set_add (GHashTable *set,
             gint64      row_id)
{
  g_hash_table_add (set, g_memdup2 (&row_id, sizeof row_id));
}

void
dd_paid_notices_init (DdPaidNotices *notices)
{
  g_return_if_fail (notices != NULL);

  notices->single = row_set_new ();
  notices->summary = row_set_new ();
}

void
dd_paid_notices_clear (DdPaidNotices *notices)
{
  g_return_if_fail (notices != NULL);

  g_clear_pointer (&notices->single, g_hash_table_unref);
  g_clear_pointer (&notices->summary, g_hash_table_unref);
}

void
dd_paid_plan_init (DdPaidPlan *plan)
{
  g_return_if_fail (plan != NULL);

  plan->show = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->withdraw = g_array_new (FALSE, FALSE, sizeof (gint64));
  plan->summary_changed = FALSE;
  plan->summary = 0;
  plan->quiet = FALSE;
}

void
dd_paid_plan_clear (DdPaidPlan *plan)
{
  g_return_if_fail (plan != NULL);

  g_clear_pointer (&plan->show, g_array_unref);
  g_clear_pointer (&plan->withdraw, g_array_unref);
}

void
dd_paid_notices_add (DdPaidNotices *notices,
                     GArray        *row_ids,
                     DdPaidPlan    *plan)
{
  g_autoptr(GHashTable) fresh = row_set_new ();
  g_autoptr(GArray) fresh_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint total;

  g_return_if_fail (notices != NULL && notices->single != NULL);
  g_return_if_fail (row_ids != NULL);
  g_return_if_fail (plan != NULL && plan->show != NULL);

  /* Told already, or twice in @row_ids: once. */
  for (guint i = 0; i < row_ids->len; i++)
    {
      gint64 row_id = g_array_index (row_ids, gint64, i);

      if (g_hash_table_contains (notices->single, &row_id) ||
          g_hash_table_contains (notices->summary, &row_id) ||
          g_hash_table_contains (fresh, &row_id))
        continue;
      row_set_add (fresh, row_id);
      g_array_append_val (fresh_ids, row_id);
    }

  if (fresh_ids->len == 0)
    return;

  total = g_hash_table_size (notices->single) + g_hash_table_size (notices->summary) + fresh_ids->len;
  if (g_hash_table_size (notices->summary) == 0 && total <= DD_NOTIFIER_MAX_SINGLE)
    {
      for (guint i = 0; i < fresh_ids->len; i++)
        {
          gint64 row_id = g_array_index (fresh_ids, gint64, i);

          row_set_add (notices->single, row_id);
          g_array_append_val (plan->show, row_id);
        }
      return;
    }

  /* Too many to read one by one: the ones shown alone join the summary. */
  {
    GHashTableIter iter;
    gint64 *key;

    g_hash_table_iter_init (&iter, notices->single);
    while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
      {
        g_array_append_val (plan->withdraw, *key);
        row_set_add (notices->summary, *key);
      }
    g_hash_table_remove_all (notices->single);
  }
  for (guint i = 0; i < fresh_ids->len; i++)
    row_set_add (notices->summary, g_array_index (fresh_ids, gint64, i));

  plan->summary_changed = TRUE;
  plan->summary = g_hash_table_size (notices->summary);
  plan->quiet = FALSE;
}

void
dd_paid_notices_reviewed (DdPaidNotices *notices,
                          GArray        *row_ids,
                          DdPaidPlan    *plan)
{
  gboolean summary_changed = FALSE;

  g_return_if_fail (notices != NULL && notices->single != NULL);
  g_return_if_fail (row_ids != NULL);
  g_return_if_fail (plan != NULL && plan->withdraw != NULL);

  for (guint i = 0; i < row_ids->len; i++)
    {
      gint64 row_id = g_array_index (row_ids, gint64, i);

      if (g_hash_table_remove (notices->single, &row_id))
        g_array_append_val (plan->withdraw, row_id);
      else if (g_hash_table_remove (notices->summary, &row_id))
        summary_changed = TRUE;
    }

  if (!summary_changed)
    return;

  plan->summary_changed = TRUE;
  plan->summary = g_hash_table_size (notices->summary);
  plan->quiet = TRUE;
}

static void
add_keys (GArray     *row_ids,
          GHashTable *set)
{
  GHashTableIter iter;
  gint64 *row_id;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, (gpointer *) &row_id, NULL))
    g_array_append_val (row_ids, *row_id);
}

GArray *
dd_paid_notices_get_told (DdPaidNotices *notices)
{
  GArray *told = g_array_new (FALSE, FALSE, sizeof (gint64));

  add_keys (told, notices->single);
  add_keys (told, notices->summary);

  return told;
}

void
dd_paid_notices_keep (DdPaidNotices *notices,
                      GArray        *pending,
                      DdPaidPlan    *plan)
{
  g_autoptr(GArray) told = dd_paid_notices_get_told (notices);
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) still = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < pending->len; i++)
    g_hash_table_add (still, &g_array_index (pending, gint64, i));
  for (guint i = 0; i < told->len; i++)
    if (!g_hash_table_contains (still, &g_array_index (told, gint64, i)))
      g_array_append_val (settled, g_array_index (told, gint64, i));

  if (settled->len > 0)
    dd_paid_notices_reviewed (notices, settled, plan);
}

/* ---- Sending ---------------------------------------------------------------- */

static const char *
account_name (DdNotifier *self,
              const char *account_id)
{
  guint n = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (self->accounts, i);

      if (g_strcmp0 (dd_account_get_id (account), account_id) == 0)
        {
          const char *name = dd_account_get_name (account);

          return name != NULL && name[0] != '\0' ? name : account_id;
        }
    }

  return account_id != NULL ? account_id : "";
}

static void
send_order (DdNotifier *self,
            gint64      row_id)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = dd_notifier_order_id (row_id);
  g_autofree char *total = NULL;
  g_autofree char *body = NULL;
  g_autofree char *isolated = NULL;
  const char *buyer;

  order = dd_cache_load_order (self->cache, row_id, &error);
  if (order == NULL)
    {
      g_debug ("Could not read the paid order %" G_GINT64_FORMAT ": %s", row_id, error->message);
      return;
    }

  buyer = dd_order_get_buyer_name (order);
  if (buyer == NULL || buyer[0] == '\0')
    buyer = dd_order_get_buyer_id (order);
  if (buyer == NULL)
    buyer = "";
  total = dd_ui_format_money (dd_order_get_total (order));

  /* Isolated and clipped: a hostile name cannot reorder the total nor
   * fill the screen (issue H). */
  isolated = dd_ui_isolate (buyer);
  /* Translators: the body of a "New paid order" notification: the buyer's
   * name, the order's total with its currency ("NT$1,280.00") and the name of
   * the shop's account */
  body = g_strdup_printf (_("%s · %s · %s"), isolated, total,
                          account_name (self, dd_order_get_account_id (order)));

  notification = g_notification_new (_("New paid order"));
  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "x-dingdan.order.paid");
  g_notification_set_default_action_and_target_value (notification, "app.show-order",
                                                      g_variant_new_int64 (row_id));
  g_application_send_notification (self->app, id, notification);
}

static void
send_summary (DdNotifier *self,
              guint       n_orders,
              gboolean    quiet)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  if (n_orders == 0)
    {
      g_application_withdraw_notification (self->app, DD_NOTIFIER_SUMMARY_ID);
      return;
    }

  /* Translators: the title of the notification that sums up the orders a
   * background sync found paid; %u is how many */
  title = g_strdup_printf (ngettext ("%u new paid order", "%u new paid orders", n_orders),
                           n_orders);
  notification = g_notification_new (title);
  g_notification_set_body (notification,
                           ngettext ("It needs review.", "They need review.", n_orders));
  g_notification_set_category (notification, "x-dingdan.order.paid");
  /* Fewer after a review: no banner for that. */
  g_notification_set_priority (notification, quiet ? G_NOTIFICATION_PRIORITY_LOW
                                                   : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action (notification, "app.show-needs-review");
  g_application_send_notification (self->app, DD_NOTIFIER_SUMMARY_ID, notification);
}

static void
apply (DdNotifier *self,
       DdPaidPlan *plan)
{
  for (guint i = 0; i < plan->withdraw->len; i++)
    {
      g_autofree char *id = dd_notifier_order_id (g_array_index (plan->withdraw, gint64, i));

      g_application_withdraw_notification (self->app, id);
    }
  for (guint i = 0; i < plan->show->len; i++)
    send_order (self, g_array_index (plan->show, gint64, i));
  if (plan->summary_changed)
    send_summary (self, plan->summary, plan->quiet);
}

static void
orders_paid_cb (DdNotifier    *self,
                const char    *account_id,
                GArray        *row_ids,
                DdSyncManager *manager)
{
  /* "Sync now": the user is looking. */
  if (!dd_sync_manager_is_background (manager, account_id))
    return;

  g_array_append_vals (self->round, row_ids->data, row_ids->len);
}

/* The orders told of that no longer need review without being reviewed
 * here (shipped or closed on the platform, reviewed in another Dingdan,
 * gone with their account): their notifications go, the summary counts
 * fewer. */
static void
forget_settled (DdNotifier *self)
{
  g_autoptr(GArray) told = dd_paid_notices_get_told (&self->notices);
  g_autoptr(GArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  DdPaidPlan plan;

  if (told->len == 0)
    return;

  pending = dd_cache_filter_paid_unreviewed (self->cache, told, 0, &error);
  if (pending == NULL)
    {
      g_warning ("Could not read the orders told of: %s", error->message);
      return;
    }

  dd_paid_plan_init (&plan);
  dd_paid_notices_keep (&self->notices, pending, &plan);
  apply (self, &plan);
  dd_paid_plan_clear (&plan);
}

static void
round_finished_cb (DdNotifier    *self,
                   DdSyncManager *manager)
{
  g_autoptr(GArray) paid = g_steal_pointer (&self->round);
  g_autoptr(GArray) unreviewed = NULL;
  g_autoptr(GError) error = NULL;
  DdPaidPlan plan;

  self->round = g_array_new (FALSE, FALSE, sizeof (gint64));
  forget_settled (self);
  if (paid->len == 0)
    return;

  /* Reviewed already (approved while unpaid), or shipped meanwhile: not news. */
  unreviewed = dd_cache_filter_paid_unreviewed (self->cache, paid, 0, &error);
  if (unreviewed == NULL)
    {
      g_warning ("Could not read the new paid orders: %s", error->message);
      return;
    }

  g_debug ("%u orders became paid in the background, %u need review", paid->len, unreviewed->len);
  dd_paid_plan_init (&plan);
  dd_paid_notices_add (&self->notices, unreviewed, &plan);
  apply (self, &plan);
  dd_paid_plan_clear (&plan);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
dd_notifier_dispose (GObject *object)
{
  DdNotifier *self = DD_NOTIFIER (object);

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->cache);
  g_clear_object (&self->accounts);
  self->app = NULL;

  G_OBJECT_CLASS (dd_notifier_parent_class)->dispose (object);
}

static void
dd_notifier_finalize (GObject *object)
{
  DdNotifier *self = DD_NOTIFIER (object);

  g_clear_pointer (&self->round, g_array_unref);
  dd_paid_notices_clear (&self->notices);

  G_OBJECT_CLASS (dd_notifier_parent_class)->finalize (object);
}

static void
dd_notifier_class_init (DdNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_notifier_dispose;
  object_class->finalize = dd_notifier_finalize;
}

static void
dd_notifier_init (DdNotifier *self)
{
  self->round = g_array_new (FALSE, FALSE, sizeof (gint64));
  dd_paid_notices_init (&self->notices);
}

DdNotifier *
dd_notifier_new (GApplication  *app,
                 DdCache       *cache,
                 DdSyncManager *manager,
                 GListModel    *accounts)
{
  DdNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (DD_IS_CACHE (cache), NULL);
  g_return_val_if_fail (DD_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  self = g_object_new (DD_TYPE_NOTIFIER, NULL);
  self->app = app;
  self->cache = g_object_ref (cache);
  self->manager = g_object_ref (manager);
  self->accounts = g_object_ref (accounts);

  g_signal_connect_swapped (manager, "orders-paid", G_CALLBACK (orders_paid_cb), self);
  g_signal_connect_swapped (manager, "round-finished", G_CALLBACK (round_finished_cb), self);

  return self;
}

void
dd_notifier_orders_reviewed (DdNotifier *self,
                             GArray     *row_ids)
{
  DdPaidPlan plan;

  g_return_if_fail (DD_IS_NOTIFIER (self));
  g_return_if_fail (row_ids != NULL);

  if (self->app == NULL)
    return;

  dd_paid_plan_init (&plan);
  dd_paid_notices_reviewed (&self->notices, row_ids, &plan);
  apply (self, &plan);
  dd_paid_plan_clear (&plan);
}
