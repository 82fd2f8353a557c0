/* dd-window-detail.c: reading the shown order again, and what the detail pane loads
 *
 * win.reread reads the order the pane shows again from its platform
 * (through its account's client), stores it in the cache keeping its row,
 * and shows it again; the list rebinds the row when its refresh arrives.
 * Whenever the pane shows an order of a platform with parcel traces
 * (DD_CLIENT_CAN_LOGISTICS) that has shipped, its traces load in the
 * background; showing another order cancels that. The same order shown
 * again (the list re-materialises it after each refresh) keeps them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-order-refresh.h"
#include "dd-window-private.h"

/* At most this many sub-orders' traces are read for one order (PandaPon
 * reads them per sub-order). */
#define MAX_TRACE_CALLS 8

typedef struct
{
  gint64        logistics_row_id;   /* the order the parcels are for; 0: none */
  DdLogistics  *logistics;          /* loaded; NULL while loading or none */
  char         *logistics_error;    /* why they could not be read */
  GCancellable *logistics_cancellable; /* the running load */
  GCancellable *reread_cancellable; /* the running re-read */
} Reading;

typedef struct
{
  DdWindow     *window;     /* unowned: the load is cancelled in its dispose */
  DdClient     *client;
  GPtrArray    *ids;        /* (element-type utf8) what to ask the trace of */
  guint         next;
  DdLogistics  *result;
  GError       *error;      /* the first error (not NOT_SUPPORTED) */
  GCancellable *cancellable;
} TraceLoad;

static void
trace_load_free (TraceLoad *load)
{
  g_clear_object (&load->client);
  g_clear_pointer (&load->ids, g_ptr_array_unref);
  g_clear_pointer (&load->result, dd_logistics_free);
  g_clear_error (&load->error);
  g_clear_object (&load->cancellable);
  g_free (load);
}

/* Whether @client can read one order back / trace parcels. Not every
 * client states its capabilities (the Taiwan client leaves the slot
 * unset), so a filled method slot counts too. */
static gboolean
can_get (DdClient *client)
{
  return (dd_client_get_capabilities (client) & DD_CLIENT_CAN_GET) ||
         DD_CLIENT_GET_IFACE (client)->get_order_async != NULL;
}

static gboolean
can_trace (DdClient *client)
{
  return (dd_client_get_capabilities (client) & DD_CLIENT_CAN_LOGISTICS) &&
         DD_CLIENT_GET_IFACE (client)->get_logistics_async != NULL;
}

static Reading *
get_reading (DdWindow *self)
{
  return self->reading;
}

static void
update_reread_action (DdWindow *self)
{
  Reading *reading = get_reading (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reread",
                                 reading != NULL && reading->reread_cancellable == NULL &&
                                 self->cache != NULL && self->detail != NULL &&
                                 dd_order_detail_get_order (self->detail) != NULL);
}

static void
forget_logistics (Reading *reading)
{
  g_cancellable_cancel (reading->logistics_cancellable);
  g_clear_object (&reading->logistics_cancellable);
  g_clear_pointer (&reading->logistics, dd_logistics_free);
  g_clear_pointer (&reading->logistics_error, g_free);
  reading->logistics_row_id = 0;
}

static gboolean
has_parcel (DdLogistics *logistics,
            DdParcel    *parcel)
{
  if (parcel->tracking_number == NULL)
    return FALSE;

  for (guint i = 0; i < logistics->parcels->len; i++)
    {
      DdParcel *other = g_ptr_array_index (logistics->parcels, i);

      if (g_strcmp0 (other->tracking_number, parcel->tracking_number) == 0)
        return TRUE;
    }

  return FALSE;
}

static void trace_next (TraceLoad *load);

static void
trace_done (TraceLoad *load)
{
  DdWindow *self = load->window;
  Reading *reading = get_reading (self);

  g_clear_object (&reading->logistics_cancellable);
  if (load->result->parcels->len == 0 && load->error != NULL)
    {
      /* Translators: %s says why (offline, the platform refused…) */
      reading->logistics_error = g_strdup_printf (_("Could not read the parcels’ trace: %s"),
                                                  load->error->message);
      dd_order_detail_set_logistics_message (self->detail, reading->logistics_error);
    }
  else
    {
      reading->logistics = g_steal_pointer (&load->result);
      dd_order_detail_set_logistics (self->detail, reading->logistics);
    }

  trace_load_free (load);
}

static void
trace_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TraceLoad *load = user_data;
  g_autoptr(DdLogistics) logistics = NULL;
  g_autoptr(GError) error = NULL;

  logistics = dd_client_get_logistics_finish (DD_CLIENT (source), result, &error);
  if (g_cancellable_is_cancelled (load->cancellable))
    {
      /* Another order is shown, or the window is gone: touch nothing. */
      trace_load_free (load);
      return;
    }

  if (logistics == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) && load->error == NULL)
        load->error = g_steal_pointer (&error);
    }
  else
    {
      guint i = 0;

      while (i < logistics->parcels->len)
        {
          DdParcel *parcel = g_ptr_array_index (logistics->parcels, i);

          if (has_parcel (load->result, parcel))
            i++;
          else
            g_ptr_array_add (load->result->parcels, g_ptr_array_steal_index (logistics->parcels, i));
        }
    }

  trace_next (load);
}

static void
trace_next (TraceLoad *load)
{
  if (load->next >= load->ids->len)
    {
      trace_done (load);
      return;
    }

  dd_client_get_logistics_async (load->client, g_ptr_array_index (load->ids, load->next++),
                                 load->cancellable, trace_cb, load);
}

static gboolean
has_shipped (DdOrder *order)
{
  switch (dd_order_get_status (order))
    {
    case DD_ORDER_STATUS_SHIPPED:
    case DD_ORDER_STATUS_COMPLETED:
    case DD_ORDER_STATUS_AFTER_SALE:
    case DD_ORDER_STATUS_FAILED:
      return TRUE;
    case DD_ORDER_STATUS_UNKNOWN:
    case DD_ORDER_STATUS_UNPAID:
    case DD_ORDER_STATUS_TO_SHIP:
    case DD_ORDER_STATUS_CLOSED:
    default:
      return FALSE;
    }
}

/* What to ask the trace of: PandaPon traces each sub-order (line), the
 * others the order. */
static GPtrArray *
trace_ids (DdOrder *order)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (dd_order_get_platform (order), DD_PLATFORM_PANDAPON) == 0)
    {
      guint n_lines = dd_order_get_n_lines (order);

      for (guint i = 0; i < n_lines && ids->len < MAX_TRACE_CALLS; i++)
        {
          const char *line_id = dd_order_line_get_line_id (dd_order_get_line (order, i));
          gboolean seen = FALSE;

          if (line_id == NULL || line_id[0] == '\0')
            continue;
          for (guint j = 0; j < ids->len && !seen; j++)
            seen = g_str_equal (g_ptr_array_index (ids, j), line_id);
          if (!seen)
            g_ptr_array_add (ids, g_strdup (line_id));
        }
    }
  else if (dd_order_get_order_id (order) != NULL)
    g_ptr_array_add (ids, g_strdup (dd_order_get_order_id (order)));

  return ids;
}

static void
load_logistics (DdWindow *self,
                DdOrder  *order)
{
  Reading *reading = get_reading (self);
  DdAccount *account = dd_window_lookup_account (self, dd_order_get_account_id (order));
  DdClient *client = account != NULL ? dd_account_get_client (account) : NULL;
  g_autoptr(GPtrArray) ids = NULL;
  TraceLoad *load;

  if (client == NULL ||
      !can_trace (client) ||
      !has_shipped (order))
    return;

  ids = trace_ids (order);
  if (ids->len == 0)
    return;

  reading->logistics_row_id = dd_order_get_row_id (order);
  reading->logistics_cancellable = g_cancellable_new ();

  load = g_new0 (TraceLoad, 1);
  load->window = self;
  load->client = g_object_ref (client);
  load->ids = g_steal_pointer (&ids);
  load->result = dd_logistics_new ();
  load->cancellable = g_object_ref (reading->logistics_cancellable);

  dd_order_detail_set_logistics_message (self->detail, NULL);
  trace_next (load);
}

static void
order_shown_cb (DdWindow      *self,
                GParamSpec    *pspec,
                DdOrderDetail *detail)
{
  Reading *reading = get_reading (self);
  DdOrder *order;
  gint64 row_id;

  if (reading == NULL)
    return;

  update_reread_action (self);
  order = dd_order_detail_get_order (detail);
  row_id = order != NULL ? dd_order_get_row_id (order) : 0;

  /* The same order again (the list materialised it anew): as it was. */
  if (row_id != 0 && row_id == reading->logistics_row_id)
    {
      if (reading->logistics != NULL)
        dd_order_detail_set_logistics (detail, reading->logistics);
      else
        dd_order_detail_set_logistics_message (detail, reading->logistics_error);
      return;
    }

  forget_logistics (reading);
  if (order != NULL)
    load_logistics (self, order);
}

/* ---- win.reread ------------------------------------------------------------ */

static void
reread_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DdWindow) self = user_data;
  Reading *reading = get_reading (self);
  g_autoptr(DdOrder) order = NULL;
  g_autoptr(GArray) changed = NULL;
  g_autoptr(GError) error = NULL;
  DdOrder *shown;

  order = dd_order_refresh_finish (result, &changed, &error);
  g_debug ("Read an order again: %s", order != NULL ? "stored" : error->message);
  if (reading == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&reading->reread_cancellable);
  update_reread_action (self);

  if (order == NULL)
    {
      /* Translators: %s says why (offline, banned, a reply that made no sense) */
      g_autofree char *title = g_strdup_printf (_("Could not read the order again: %s"), error->message);

      dd_window_add_toast (self, title, NULL, NULL);
      return;
    }

  if (self->orders != NULL)
    dd_order_list_queue_refresh (self->orders, changed);

  shown = dd_order_detail_get_order (self->detail);
  if (shown != NULL && dd_order_get_row_id (shown) == dd_order_get_row_id (order))
    {
      g_autoptr(DdOrder) stored = NULL;
      g_autoptr(GError) load_error = NULL;

      /* As the list will show it: the cache's own reading of the row. */
      stored = dd_cache_load_order (self->cache, dd_order_get_row_id (order), &load_error);
      if (stored == NULL)
        g_debug ("Could not load order %s back: %s", dd_order_get_order_id (order), load_error->message);

      /* Its parcels may have moved on too. */
      forget_logistics (reading);
      dd_order_detail_set_order (self->detail, stored != NULL ? stored : order);
      dd_window_marks_update_detail (self);
    }

  {
    /* Translators: %s is an order number */
    g_autofree char *title = g_strdup_printf (_("Order %s read again from its platform"),
                                              dd_order_get_order_id (order));

    dd_window_add_toast (self, title, NULL, NULL);
  }
}

static void
reread_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DdWindow *self = DD_WINDOW (widget);
  Reading *reading = get_reading (self);
  DdOrder *order = dd_order_detail_get_order (self->detail);
  DdAccount *account;
  DdClient *client;

  if (reading == NULL || order == NULL || self->cache == NULL || reading->reread_cancellable != NULL)
    return;

  account = dd_window_lookup_account (self, dd_order_get_account_id (order));
  client = account != NULL ? dd_account_get_client (account) : NULL;
  if (client == NULL || !can_get (client))
    {
      const char *why = account != NULL ? dd_account_get_state_message (account) : NULL;
      g_autofree char *title = NULL;

      if (why != NULL)
        /* Translators: %s says why the account cannot reach its platform */
        title = g_strdup_printf (_("Could not read the order again: %s"), why);
      else
        title = g_strdup (_("Could not read the order again: its account cannot reach its platform now."));
      dd_window_add_toast (self, title, NULL, NULL);
      return;
    }

  g_debug ("Reading order %s of %s again", dd_order_get_order_id (order), dd_order_get_account_id (order));
  reading->reread_cancellable = g_cancellable_new ();
  update_reread_action (self);
  dd_order_refresh_async (client, self->cache,
                          dd_order_get_account_id (order), dd_order_get_order_id (order),
                          reading->reread_cancellable, reread_cb, g_object_ref (self));
}

void
dd_window_detail_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.reread", NULL, reread_activated);
}

void
dd_window_detail_init (DdWindow *self)
{
  self->reading = g_new0 (Reading, 1);
  g_signal_connect_object (self->detail, "notify::order",
                           G_CALLBACK (order_shown_cb), self, G_CONNECT_SWAPPED);
  order_shown_cb (self, NULL, self->detail);
}

void
dd_window_detail_dispose (DdWindow *self)
{
  Reading *reading = get_reading (self);

  if (reading == NULL)
    return;

  self->reading = NULL;
  forget_logistics (reading);
  g_cancellable_cancel (reading->reread_cancellable);
  g_clear_object (&reading->reread_cancellable);
  g_free (reading);
}
