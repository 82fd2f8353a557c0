/* test-cancel-dialog.c: the cancel dialog keeps the order unless a reason
 * was chosen and Cancel Order pressed, then says how it ended
 *
 * The dialog runs on the sandbox's real clients, through the real action
 * runner, in a window under Xvfb (build-aux/test.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dd-account.h"
#include "dd-action-log.h"
#include "dd-cache.h"
#include "dd-cancel-dialog.h"
#include "dd-sandbox.h"

typedef struct
{
  DdSandbox      *sandbox;
  DdHttp         *http;
  GPtrArray      *accounts;
  DdCache        *cache;
  DdActionGuard  *guard;
  DdActionRunner *runner;
  GtkWindow      *parent;
  char           *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, 100, DD_SANDBOX_DEFAULT_APP_KEY,
                                     DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_listen (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  fixture->http = dd_http_new ();
  dd_http_set_max_retries (fixture->http, 0);
  fixture->accounts = dd_account_new_sandbox_set (fixture->http, dd_sandbox_get_base_url (fixture->sandbox),
                                                  DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                                  DD_SANDBOX_DEFAULT_ACCESS_TOKEN);

  fixture->dir = g_dir_make_tmp ("dingdan-cancel-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);

  fixture->guard = dd_action_guard_new ();
  fixture->runner = dd_action_runner_new (fixture->cache, fixture->guard);
  dd_action_runner_set_read_back (fixture->runner, 50, 200, 3000);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->parent);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->guard);
  g_clear_object (&fixture->cache);
  g_clear_pointer (&fixture->accounts, g_ptr_array_unref);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->sandbox);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static DdClient *
client_of (Fixture    *fixture,
           const char *account_id)
{
  for (guint i = 0; i < fixture->accounts->len; i++)
    {
      DdAccount *candidate = g_ptr_array_index (fixture->accounts, i);

      if (g_str_equal (dd_account_get_id (candidate), account_id))
        return dd_account_get_client (candidate);
    }
  g_assert_not_reached ();
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The oldest order of @account_id in @status (the first page, stored in
 * the cache as a sync would; TOP refuses a close in its first seconds). */
static DdOrder *
stored_order (Fixture       *fixture,
              const char    *account_id,
              DdOrderStatus  status)
{
  DdClient *client = client_of (fixture, account_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdListQuery query = { 0, 0, 1, 100 };
  DdOrderPage *page;
  DdOrder *found = NULL;

  dd_client_list_orders_async (client, &query, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = dd_client_list_orders_finish (client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < page->orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (page->orders, i);

      dd_order_set_account_id (order, account_id);
      dd_order_set_platform (order, dd_client_get_platform (client));
    }
  g_assert_true (dd_cache_store_page (fixture->cache, account_id, page->orders, -1, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < page->orders->len; i++)
    {
      DdOrder *order = g_ptr_array_index (page->orders, i);

      if (dd_order_get_status (order) == status &&
          (found == NULL ||
           g_date_time_compare (dd_order_get_created (order), dd_order_get_created (found)) < 0))
        found = order;
    }
  g_assert_nonnull (found);
  g_assert_cmpint (dd_order_get_row_id (found), >, 0);
  g_object_ref (found);
  dd_order_page_free (page);

  return found;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = find_widget (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The response button showing @label (libadwaita keeps them private). */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      found = find_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_visible_buttons (GtkWidget  *root,
                       const char *label)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        n += gtk_widget_get_visible (child) ? 1 : 0;
      else
        n += count_visible_buttons (child, label);
    }

  return n;
}

static GtkDropDown *
reasons_of (GtkWidget *dialog)
{
  GtkWidget *dropdown = find_widget (dialog, GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static void
record_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GPtrArray        *responses)
{
  g_ptr_array_add (responses, g_strdup (response));
}

static guint
n_log_entries (Fixture    *fixture,
               const char *account_id,
               const char *order_id)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = dd_action_log_list (fixture->cache, account_id, order_id, 0, &error);
  g_assert_no_error (error);

  return records->len;
}

/* "Keep Order" is the default and the close response; "Cancel Order" is
 * destructive, never the default, and off until a reason is chosen. */
static void
test_responses (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdOrder) order = stored_order (fixture, "sandbox-top", DD_ORDER_STATUS_UNPAID);
  GtkWidget *dialog = dd_cancel_dialog_new (fixture->parent, fixture->runner,
                                            client_of (fixture, "sandbox-top"), order, "Shop A");
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  GtkWidget *cancel_button;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "keep");
  g_assert_cmpstr (adw_message_dialog_get_close_response (message), ==, "keep");
  g_assert_true (adw_message_dialog_has_response (message, "cancel-order"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (message, "cancel-order"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (message, "keep"),
                   !=, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "cancel-order"));
  g_assert_true (adw_message_dialog_get_response_enabled (message, "keep"));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* The order's number, buyer and account are in the text, as plain text. */
  g_assert_false (adw_message_dialog_get_body_use_markup (message));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), dd_order_get_order_id (order)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "Shop A"));

  /* A click on the disabled button does nothing. */
  cancel_button = find_button (dialog, "_Cancel Order");
  g_assert_nonnull (cancel_button);
  g_assert_false (gtk_widget_get_sensitive (cancel_button));
  g_assert_true (gtk_widget_is_sensitive (find_button (dialog, "_Keep Order")));

  /* The focus starts on Keep Order: Enter keeps the order. */
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (dialog); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == find_button (dialog, "_Keep Order"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The reasons listed are the client's, after a placeholder; Cancel Order
 * is enabled by a reason and disabled by the placeholder again. */
static void
test_reasons (Fixture       *fixture,
              gconstpointer  data)
{
  const char *account_id = data;
  DdClient *client = client_of (fixture, account_id);
  const DdCancelReason *reasons = dd_client_get_cancel_reasons (client);
  g_autoptr(DdOrder) order = stored_order (fixture, account_id, DD_ORDER_STATUS_UNPAID);
  GtkWidget *dialog = dd_cancel_dialog_new (fixture->parent, fixture->runner, client, order, NULL);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  GtkDropDown *dropdown = reasons_of (dialog);
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n_reasons = 0;

  while (reasons[n_reasons].id != NULL)
    n_reasons++;
  g_assert_cmpuint (n_reasons, >, 1);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_reasons + 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Choose a reason");
  for (guint i = 0; i < n_reasons; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1), ==,
                     reasons[i].label);

  gtk_drop_down_set_selected (dropdown, n_reasons);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "cancel-order"));
  g_assert_true (gtk_widget_get_sensitive (find_button (dialog, "_Cancel Order")));
  /* Still never the default: Enter keeps the order. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "keep");

  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "cancel-order"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Escape (a close request) is "keep": the dialog goes, nothing is sent
 * or logged, even with a reason chosen. */
static void
test_escape_keeps (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DdOrder) order = stored_order (fixture, "sandbox-top", DD_ORDER_STATUS_UNPAID);
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dialog = dd_cancel_dialog_new (fixture->parent, fixture->runner,
                                            client_of (fixture, "sandbox-top"), order, NULL);
  guint n_closes = dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close");
  guint n_gets = dd_sandbox_get_n_requests (fixture->sandbox, NULL);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (record_response_cb), responses);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_drop_down_set_selected (reasons_of (dialog), 1);

  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (dialog);
  g_assert_cmpuint (responses->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (responses, 0), ==, "keep");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, n_closes);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, n_gets);
  g_assert_cmpuint (n_log_entries (fixture, "sandbox-top", dd_order_get_order_id (order)), ==, 0);
}

typedef struct
{
  guint           n_finished;
  guint           n_refused;
  DdActionState   state;
  gboolean        can_retry;
  DdOrderStatus   status;      /* of the result's order */
  GError         *error;
} Ended;

static void
finished_cb (GtkWidget      *dialog,
             DdActionResult *result,
             Ended          *ended)
{
  ended->n_finished++;
  ended->state = result->state;
  ended->can_retry = result->can_retry;
  ended->status = result->order != NULL ? dd_order_get_status (result->order) : DD_ORDER_STATUS_UNKNOWN;
}

static void
refused_cb (GtkWidget *dialog,
            GError    *error,
            Ended     *ended)
{
  ended->n_refused++;
  g_clear_error (&ended->error);
  ended->error = g_error_copy (error);
}

/* A reason chosen, Cancel Order clicked twice: one close reaches the
 * platform; meanwhile the dialog stays, insensitive, and Escape does not
 * close it; then it says the order is closed and offers Close only. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DdOrder) order = stored_order (fixture, "sandbox-top", DD_ORDER_STATUS_UNPAID);
  g_autoptr(DdOrder) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = dd_cancel_dialog_new (fixture->parent, fixture->runner,
                                            client_of (fixture, "sandbox-top"), order, NULL);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  guint n_closes = dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close");
  Ended ended = { 0, };
  GtkWidget *button;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &ended);
  g_signal_connect (dialog, "refused", G_CALLBACK (refused_cb), &ended);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_drop_down_set_selected (reasons_of (dialog), 1);

  button = find_button (dialog, "_Cancel Order");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_signal_emit_by_name (button, "clicked");

  /* Running: still there, nothing to press, Escape ignored. */
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "cancel-order"));
  g_assert_false (adw_message_dialog_get_response_enabled (message, "keep"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (dialog);

  while (ended.n_finished == 0 && ended.n_refused == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (ended.error);
  g_assert_cmpuint (ended.n_finished, ==, 1);
  g_assert_true (ended.state == DD_ACTION_STATE_DONE ||
                 ended.state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (ended.status, ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, n_closes + 1);
  g_assert_cmpuint (n_log_entries (fixture, "sandbox-top", dd_order_get_order_id (order)), ==, 1);

  /* The cache has it closed. */
  stored = dd_cache_load_order (fixture->cache, dd_order_get_row_id (order), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (stored), ==, DD_ORDER_STATUS_CLOSED);

  /* The result, with Close (the default) and no Try Again. */
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Order Cancelled");
  g_assert_cmpstr (adw_message_dialog_get_response_label (message, "keep"), ==, "_Close");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "keep"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "keep");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "cancel-order"));
  /* libadwaita has each response's button twice (wide and narrow rows):
   * none of Try Again is visible. */
  g_assert_nonnull (find_button (dialog, "_Try Again"));
  g_assert_cmpuint (count_visible_buttons (dialog, "_Try Again"), ==, 0);
  g_assert_cmpuint (count_visible_buttons (dialog, "_Close"), ==, 2);

  /* Close closes. */
  g_signal_emit_by_name (find_button (dialog, "_Close"), "clicked");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (dialog);
}

/* The connection reset before the platform applied the close: the order
 * read back is unchanged, so nothing was applied and Try Again is
 * offered; it sends the close again (a second entry), which works. */
static void
test_try_again (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdOrder) order = stored_order (fixture, "sandbox-top", DD_ORDER_STATUS_UNPAID);
  GtkWidget *dialog = dd_cancel_dialog_new (fixture->parent, fixture->runner,
                                            client_of (fixture, "sandbox-top"), order, NULL);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);
  guint n_closes = dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close");
  Ended ended = { 0, };

  dd_sandbox_add_fault (fixture->sandbox, "taobao.trade.close", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &ended);
  g_signal_connect (dialog, "refused", G_CALLBACK (refused_cb), &ended);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_drop_down_set_selected (reasons_of (dialog), 1);
  g_signal_emit_by_name (find_button (dialog, "_Cancel Order"), "clicked");

  while (ended.n_finished == 0 && ended.n_refused == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (ended.n_finished, ==, 1);
  g_assert_cmpint (ended.state, ==, DD_ACTION_STATE_FAILED);
  g_assert_true (ended.can_retry);
  g_assert_cmpint (ended.status, ==, DD_ORDER_STATUS_UNPAID);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Order Not Cancelled");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "still open and unpaid"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (message, "cancel-order"), ==, "_Try Again");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "cancel-order"));
  g_assert_cmpuint (count_visible_buttons (dialog, "_Try Again"), ==, 2);
  /* Try Again is never the default either. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "keep");

  g_signal_emit_by_name (find_button (dialog, "_Try Again"), "clicked");
  while (ended.n_finished < 2 && ended.n_refused == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (ended.n_refused, ==, 0);
  g_assert_true (ended.state == DD_ACTION_STATE_DONE ||
                 ended.state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpint (ended.status, ==, DD_ORDER_STATUS_CLOSED);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Order Cancelled");
  g_assert_cmpuint (count_visible_buttons (dialog, "_Try Again"), ==, 0);
  /* Exactly two closes reached the sandbox, never an extra one: the reset
   * one (counted, never applied: the order was still unpaid above) and
   * Try Again's, which closed it. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, n_closes + 2);
  g_assert_cmpuint (n_log_entries (fixture, "sandbox-top", dd_order_get_order_id (order)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* An order paid meanwhile (the cache still says unpaid): the runner reads
 * it again and refuses before sending; the dialog says why (after-sale). */
static void
test_refused_paid (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DdOrder) order = stored_order (fixture, "sandbox-top", DD_ORDER_STATUS_TO_SHIP);
  GtkWidget *dialog;
  AdwMessageDialog *message;
  guint n_closes = dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close");
  Ended ended = { 0, };

  /* As the cache would have had it before the buyer paid. */
  dd_order_set_status (order, DD_ORDER_STATUS_UNPAID);
  dialog = dd_cancel_dialog_new (fixture->parent, fixture->runner,
                                 client_of (fixture, "sandbox-top"), order, NULL);
  message = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &ended);
  g_signal_connect (dialog, "refused", G_CALLBACK (refused_cb), &ended);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_drop_down_set_selected (reasons_of (dialog), 1);
  adw_message_dialog_response (message, "cancel-order");

  while (ended.n_finished == 0 && ended.n_refused == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (ended.n_refused, ==, 1);
  g_assert_cmpuint (ended.n_finished, ==, 0);
  g_assert_error (ended.error, DD_ACTION_RULES_ERROR, DD_ACTION_REFUSAL_ALREADY_PAID);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "taobao.trade.close"), ==, n_closes);
  g_assert_cmpuint (n_log_entries (fixture, "sandbox-top", dd_order_get_order_id (order)), ==, 0);

  g_assert_cmpstr (adw_message_dialog_get_body (message), ==, ended.error->message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Order Not Cancelled");
  g_assert_cmpstr (adw_message_dialog_get_response_label (message, "keep"), ==, "_Close");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "cancel-order"));

  g_clear_error (&ended.error);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  g_setenv ("LANGUAGE", "en", TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/dingdan/cancel-dialog/responses", Fixture, NULL,
              fixture_set_up, test_responses, fixture_tear_down);
  g_test_add ("/dingdan/cancel-dialog/reasons/top", Fixture, "sandbox-top",
              fixture_set_up, test_reasons, fixture_tear_down);
  g_test_add ("/dingdan/cancel-dialog/reasons/pandapon", Fixture, "sandbox-pandapon",
              fixture_set_up, test_reasons, fixture_tear_down);
  g_test_add ("/dingdan/cancel-dialog/escape-keeps", Fixture, NULL,
              fixture_set_up, test_escape_keeps, fixture_tear_down);
  g_test_add ("/dingdan/cancel-dialog/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/dingdan/cancel-dialog/try-again", Fixture, NULL,
              fixture_set_up, test_try_again, fixture_tear_down);
  g_test_add ("/dingdan/cancel-dialog/refused-paid", Fixture, NULL,
              fixture_set_up, test_refused_paid, fixture_tear_down);

  return g_test_run ();
}
