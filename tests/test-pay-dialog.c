/* test-pay-dialog.c: the pay dialog offers what the platform can do, names
 * the amount on a button that is never the default, refuses a voucher that
 * is not a small PNG or JPEG before anything is sent, and pays once
 *
 * Real clients of the sandbox accounts, pointed at a DdSandbox in this
 * process; the runner is the real one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "dd-account.h"
#include "dd-action-log.h"
#include "dd-action-runner.h"
#include "dd-cache.h"
#include "dd-pay-dialog.h"
#include "dd-sandbox.h"
#include "dd-sandbox-pp.h"

typedef struct
{
  DdSandbox      *sandbox;
  DdHttp         *http;
  GPtrArray      *accounts;
  DdCache        *cache;
  DdActionGuard  *guard;
  DdActionRunner *runner;
  char           *dir;
  /* the last run */
  guint           n_finished;
  guint           n_refused;
  DdActionState   state;
  gboolean        can_retry;
  DdOrderStatus   order_status;
  char           *pay_url;
  guint           n_paid;
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

  fixture->dir = g_dir_make_tmp ("dingdan-pay-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "orders.db", NULL);
  fixture->cache = dd_cache_new (path, &error);
  g_assert_no_error (error);
  fixture->guard = dd_action_guard_new ();
  fixture->runner = dd_action_runner_new (fixture->cache, fixture->guard);
  dd_action_runner_set_read_back (fixture->runner, 50, 200, 3000);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* Let finished requests and tasks unwind. */
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
  g_free (fixture->pay_url);
}

static DdAccount *
account (Fixture    *fixture,
         const char *id)
{
  for (guint i = 0; i < fixture->accounts->len; i++)
    {
      DdAccount *candidate = g_ptr_array_index (fixture->accounts, i);

      if (g_str_equal (dd_account_get_id (candidate), id))
        return candidate;
    }
  g_assert_not_reached ();
}

static DdOrder *
new_order (const char    *account_id,
           const char    *platform,
           const char    *order_id,
           gint64         minor,
           const char    *currency)
{
  DdOrder *order = dd_order_new ();
  DdMoney total;

  dd_money_init (&total, minor, currency);
  dd_order_set_account_id (order, account_id);
  dd_order_set_platform (order, platform);
  dd_order_set_order_id (order, order_id);
  dd_order_set_status (order, DD_ORDER_STATUS_UNPAID);
  dd_order_set_total (order, &total);

  return order;
}

static GtkWidget *
dialog_for (Fixture *fixture,
            const char *account_id,
            DdOrder    *order)
{
  DdAccount *acc = account (fixture, account_id);

  return dd_pay_dialog_new (NULL, fixture->runner, dd_account_get_client (acc), order,
                            dd_account_get_name (acc));
}

/* The widget named @name under @widget, or NULL. */
static GtkWidget *
find (GtkWidget  *widget,
      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get (GtkWidget  *dialog,
     const char *name)
{
  GtkWidget *widget = find (dialog, name);

  if (widget == NULL)
    g_error ("no widget named %s in the dialog", name);
  return widget;
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
not_busy (gpointer data)
{
  return !dd_pay_dialog_get_busy (data);
}

/* Runs the main loop until @cond, failing after ten seconds. */
static void
wait_for (gboolean (*cond) (gpointer),
          gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
shown (GtkWidget *dialog,
       const char *name)
{
  GtkWidget *widget = find (dialog, name);

  if (widget == NULL)
    return FALSE;
  /* Visible in the dialog, shown or not. */
  for (; widget != dialog; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

/* The methods offered follow the client's capabilities (and PandaPon's
 * 1688 orders are paid only in the browser). */
static void
test_methods (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DdOrder) taobao = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "5001", 12800, "CNY");
  g_autoptr(DdOrder) alibaba = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "1688-7001", 12800, "CNY");
  g_autoptr(DdOrder) trade = new_order ("sandbox-top", DD_PLATFORM_TOP, "3001", 12800, "CNY");
  g_autoptr(DdOrder) tw = new_order ("sandbox-tw", DD_PLATFORM_TW, "4001", 123456, "TWD");
  GtkWidget *dialog;

  dialog = dialog_for (fixture, "sandbox-pandapon", taobao);
  g_assert_nonnull (find (dialog, "method-balance"));
  g_assert_nonnull (find (dialog, "method-voucher"));
  g_assert_null (find (dialog, "method-url"));
  g_assert_null (find (dialog, "no-method-label"));
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_PAY_BALANCE);
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "pay-button")));
  /* The voucher's part shows only for the voucher. */
  g_assert_false (gtk_widget_get_visible (get (dialog, "voucher-box")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (get (dialog, "method-voucher")), TRUE);
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_UPLOAD_VOUCHER);
  g_assert_true (gtk_widget_get_visible (get (dialog, "voucher-box")));
  /* … and no picture yet: nothing to pay with. */
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "pay-button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = dialog_for (fixture, "sandbox-pandapon", alibaba);
  g_assert_null (find (dialog, "method-balance"));
  g_assert_null (find (dialog, "method-voucher"));
  g_assert_nonnull (find (dialog, "method-url"));
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_PAY_URL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* TOP and Taiwan pay nothing from Dingdan: said so, nothing to press. */
  dialog = dialog_for (fixture, "sandbox-top", trade);
  g_assert_null (find (dialog, "method-balance"));
  g_assert_null (find (dialog, "method-voucher"));
  g_assert_null (find (dialog, "method-url"));
  g_assert_nonnull (find (dialog, "no-method-label"));
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_CANCEL);
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "pay-button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = dialog_for (fixture, "sandbox-tw", tw);
  g_assert_nonnull (find (dialog, "no-method-label"));
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "pay-button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
}

static void
assert_label (Fixture    *fixture,
              const char *account_id,
              const char *platform,
              gint64      minor,
              const char *currency,
              const char *symbol)
{
  g_autoptr(DdOrder) order = new_order (account_id, platform, "5002", minor, currency);
  g_autofree char *amount = dd_money_format (dd_order_get_total (order));
  g_autofree char *expected = g_strdup_printf ("Pay %s", amount);
  GtkWidget *dialog = dialog_for (fixture, account_id, order);
  const char *label = gtk_button_get_label (GTK_BUTTON (get (dialog, "pay-button")));

  g_assert_nonnull (strstr (amount, symbol));
  g_assert_cmpstr (label, ==, expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "amount-label"))), ==, amount);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (get (dialog, "order-label"))), "5002"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The button names the amount and its currency. */
static void
test_label (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DdOrder) order = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "5003", 12800, "CNY");
  GtkWidget *dialog = dialog_for (fixture, "sandbox-pandapon", order);
  const char *paid_by;

  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (get (dialog, "pay-button"))), ==, "Pay ¥128.00");
  paid_by = gtk_label_get_text (GTK_LABEL (get (dialog, "paid-by-label")));
  g_assert_nonnull (strstr (paid_by, dd_account_get_name (account (fixture, "sandbox-pandapon"))));
  g_assert_nonnull (strstr (paid_by, "PandaPon"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  assert_label (fixture, "sandbox-pandapon", DD_PLATFORM_PANDAPON, 12800, "CNY", "¥");
  assert_label (fixture, "sandbox-tw", DD_PLATFORM_TW, 123456, "TWD", "NT$");
}

/* The pay button is not the default: activating the default does nothing. */
static void
test_not_default (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdOrder) order = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "5004", 12800, "CNY");
  GtkWidget *dialog = dialog_for (fixture, "sandbox-pandapon", order);
  GtkWidget *pay = get (dialog, "pay-button");

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_sensitive (pay));
  g_assert_false (gtk_widget_get_receives_default (pay));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) != pay);
  g_assert_true (gtk_widget_has_css_class (pay, "suggested-action"));

  /* Enter in the dialog: "default.activate". */
  gtk_widget_activate_action (dialog, "default.activate", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GBytes *
png_bytes (int width)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, width);
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x3070c0ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static GBytes *
padded (const char *head,
        gsize       head_len,
        gsize       size)
{
  guchar *data = g_malloc0 (size);

  memcpy (data, head, MIN (head_len, size));
  return g_bytes_new_take (data, size);
}

/* The checks: by content, at most 2 MiB. */
static void
test_check (void)
{
  g_autoptr(GBytes) png = png_bytes (8);
  g_autoptr(GBytes) jpeg = padded ("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20, 4096);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) text = g_bytes_new_static ("\x89PNG is not what this is", 24);
  g_autoptr(GBytes) gif = padded ("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13, 64);
  g_autoptr(GBytes) limit = padded ("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16, DD_PAY_DIALOG_MAX_VOUCHER);
  g_autoptr(GBytes) over = padded ("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16, DD_PAY_DIALOG_MAX_VOUCHER + 1);
  g_autofree char *type = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (DD_PAY_DIALOG_MAX_VOUCHER, ==, 2 * 1024 * 1024);

  g_assert_true (dd_pay_dialog_check_voucher (png, &type, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/png");
  g_clear_pointer (&type, g_free);

  g_assert_true (dd_pay_dialog_check_voucher (jpeg, &type, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (type, ==, "image/jpeg");
  g_clear_pointer (&type, g_free);

  g_assert_true (dd_pay_dialog_check_voucher (limit, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (dd_pay_dialog_check_voucher (over, &type, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_null (type);
  /* One unit for the size and the limit: never "2.1 MB; … at most 2.0 MiB". */
  g_assert_null (strstr (error->message, "MB"));
  g_assert_nonnull (strstr (strstr (error->message, "MiB") + 3, "MiB"));
  g_clear_error (&error);

  g_assert_false (dd_pay_dialog_check_voucher (empty, &type, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_false (dd_pay_dialog_check_voucher (text, &type, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "PNG"));
  g_clear_error (&error);

  /* The platform may take a GIF; Dingdan sends PNG and JPEG only. */
  g_assert_false (dd_pay_dialog_check_voucher (gif, &type, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (type);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
finished_cb (GtkWidget      *dialog,
             DdActionResult *result,
             Fixture        *fixture)
{
  fixture->n_finished++;
  fixture->state = result->state;
  fixture->can_retry = result->can_retry;
  fixture->order_status = result->order != NULL ? dd_order_get_status (result->order)
                                                : DD_ORDER_STATUS_UNKNOWN;
  g_free (fixture->pay_url);
  fixture->pay_url = g_strdup (result->pay_url);
}

static void
order_paid_cb (GtkWidget *dialog,
               DdOrder   *order,
               Fixture   *fixture)
{
  fixture->n_paid++;
  fixture->order_status = dd_order_get_status (order);
}

static void
refused_cb (GtkWidget *dialog,
            GError    *error,
            Fixture   *fixture)
{
  fixture->n_refused++;
}

static GtkWidget *
watched (Fixture   *fixture,
         GtkWidget *dialog)
{
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (dialog, "refused", G_CALLBACK (refused_cb), fixture);
  g_signal_connect (dialog, "order-paid", G_CALLBACK (order_paid_cb), fixture);
  return dialog;
}

/* Refused with a message in the dialog, and nothing is run. */
static void
assert_voucher_refused (Fixture    *fixture,
                        const char *name,
                        GBytes     *bytes,
                        const char *words)
{
  g_autoptr(DdOrder) order = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "5005", 12800, "CNY");
  g_autoptr(GFile) file = write_file (fixture, name, bytes);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");
  const char *message;

  dd_pay_dialog_set_voucher_file (DD_PAY_DIALOG (dialog), file);
  /* Choosing a picture chooses the voucher. */
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_UPLOAD_VOUCHER);
  g_assert_true (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (pay));
  wait_for (not_busy, dialog);

  g_assert_true (shown (dialog, "voucher-error"));
  message = gtk_label_get_text (GTK_LABEL (get (dialog, "voucher-error")));
  g_assert_nonnull (strstr (message, words));
  g_assert_false (shown (dialog, "voucher-preview"));
  g_assert_false (gtk_widget_get_sensitive (pay));

  /* Even a click that got through runs nothing. */
  g_signal_emit_by_name (pay, "clicked");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_cmpuint (fixture->n_finished + fixture->n_refused, ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
  log = dd_action_log_list (fixture->cache, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_voucher_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Transfer of 128.00 on 2023-11-15\n", 33);
  g_autoptr(GBytes) gif = padded ("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13, 64);
  g_autoptr(GBytes) big = padded ("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16, DD_PAY_DIALOG_MAX_VOUCHER + 1);

  /* Named .png, but text: the content decides. */
  assert_voucher_refused (fixture, "voucher.png", text, "PNG");
  assert_voucher_refused (fixture, "voucher.gif", gif, "PNG");
  assert_voucher_refused (fixture, "voucher-big.png", big, "MiB");
}

/* A good picture: previewed, and the pay button wakes up. */
static void
test_voucher_preview (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DdOrder) order = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "5006", 12800, "CNY");
  g_autoptr(GBytes) png = png_bytes (64);
  g_autoptr(GBytes) text = g_bytes_new_static ("not a picture", 13);
  g_autoptr(GFile) good = write_file (fixture, "transfer.png", png);
  g_autoptr(GFile) bad = write_file (fixture, "transfer.jpg", text);
  GtkWidget *dialog = dialog_for (fixture, "sandbox-pandapon", order);
  GtkWidget *preview = get (dialog, "voucher-preview");

  dd_pay_dialog_set_voucher_file (DD_PAY_DIALOG (dialog), good);
  wait_for (not_busy, dialog);
  g_assert_false (shown (dialog, "voucher-error"));
  g_assert_true (gtk_widget_get_visible (preview));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (preview)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "voucher-label"))), ==, "transfer.png");
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "pay-button")));

  /* Another picture that is refused: the first one is not kept. */
  dd_pay_dialog_set_voucher_file (DD_PAY_DIALOG (dialog), bad);
  wait_for (not_busy, dialog);
  g_assert_true (shown (dialog, "voucher-error"));
  g_assert_false (gtk_widget_get_visible (preview));
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "pay-button")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* An unpaid Taobao-goods order of the purchasing account, stored in the
 * cache as a sync would. */
static DdOrder *
unpaid_order (Fixture *fixture)
{
  DdAccount *acc = account (fixture, "sandbox-pandapon");
  DdOrder *found = NULL;

  for (guint page_no = 1; found == NULL && page_no < 20; page_no++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(DdOrderPage) page = NULL;
      DdListQuery query = { 0, 0, page_no, 20 };

      dd_client_list_orders_async (dd_account_get_client (acc), &query, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      page = dd_client_list_orders_finish (dd_account_get_client (acc), result, &error);
      g_assert_no_error (error);
      if (page->orders->len == 0)
        break;
      for (guint i = 0; i < page->orders->len; i++)
        {
          dd_order_set_account_id (g_ptr_array_index (page->orders, i), dd_account_get_id (acc));
          dd_order_set_platform (g_ptr_array_index (page->orders, i), dd_account_get_platform (acc));
        }
      g_assert_true (dd_cache_store_page (fixture->cache, dd_account_get_id (acc), page->orders, -1, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; found == NULL && i < page->orders->len; i++)
        if (dd_order_get_status (g_ptr_array_index (page->orders, i)) == DD_ORDER_STATUS_UNPAID)
          found = g_object_ref (g_ptr_array_index (page->orders, i));
    }
  g_assert_nonnull (found);

  return found;
}

static gboolean
answered (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_finished + fixture->n_refused > 0;
}

static gboolean
answered_twice (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_finished + fixture->n_refused > 1;
}

static gboolean
paid (DdActionState state)
{
  return state == DD_ACTION_STATE_DONE || state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK;
}

/* Pays from the balance: the button goes insensitive at the first click, a
 * second click sends nothing more, the result shows in the dialog. */
static void
test_run_balance (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdOrder) order = unpaid_order (fixture);
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_PAY_BALANCE);
  g_signal_emit_by_name (pay, "clicked");
  g_assert_false (gtk_widget_get_sensitive (pay));
  g_assert_true (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_true (shown (dialog, "status-label"));
  g_signal_emit_by_name (pay, "clicked");

  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_refused, ==, 0);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (paid (fixture->state));
  g_assert_cmpint (fixture->order_status, ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 1);

  /* The result in the dialog; nothing more to pay. */
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_true (shown (dialog, "status-label"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "status-label"))), !=, "");
  g_assert_false (gtk_widget_get_visible (pay));
  g_assert_false (gtk_widget_get_visible (get (dialog, "retry-button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (get (dialog, "close-button"))), ==, "_Close");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Uploads a voucher: one multipart request. */
static void
test_run_voucher (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdOrder) order = unpaid_order (fixture);
  g_autoptr(GBytes) png = png_bytes (32);
  g_autoptr(GFile) file = write_file (fixture, "transfer.png", png);
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");

  dd_pay_dialog_set_voucher_file (DD_PAY_DIALOG (dialog), file);
  wait_for (not_busy, dialog);
  g_assert_true (gtk_widget_get_sensitive (pay));
  g_signal_emit_by_name (pay, "clicked");
  g_assert_false (gtk_widget_get_sensitive (pay));
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "choose-button")));

  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (paid (fixture->state));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/voucher"), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
  g_assert_false (gtk_widget_get_visible (pay));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The connection is reset before the pay is applied: nothing happened,
 * Try Again is offered, and trying again pays. */
static void
test_run_retry (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdOrder) order = unpaid_order (fixture);
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");
  GtkWidget *retry = get (dialog, "retry-button");

  dd_sandbox_add_fault (fixture->sandbox, "/open/order/pay", DD_SANDBOX_FAULT_RESET_BEFORE, 1, 0);
  g_assert_false (gtk_widget_get_visible (retry));
  g_signal_emit_by_name (pay, "clicked");
  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->state, ==, DD_ACTION_STATE_FAILED);
  g_assert_true (fixture->can_retry);
  g_assert_cmpuint (dd_sandbox_get_n_faults_served (fixture->sandbox), ==, 1);
  g_assert_true (shown (dialog, "status-label"));
  g_assert_true (gtk_widget_get_visible (retry));
  /* Only Try Again: the same payment, on purpose. */
  g_assert_false (gtk_widget_get_visible (pay));

  fixture->n_finished = 0;
  g_signal_emit_by_name (retry, "clicked");
  g_assert_false (gtk_widget_get_visible (retry));
  g_assert_false (gtk_widget_get_sensitive (pay));
  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (paid (fixture->state));
  g_assert_cmpint (fixture->order_status, ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_false (gtk_widget_get_visible (retry));
  g_assert_false (gtk_widget_get_visible (pay));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A new unpaid 1688 order of the purchasing account. */
static DdOrder *
new_1688_order (Fixture *fixture)
{
  DdAccount *acc = account (fixture, "sandbox-pandapon");
  g_autoptr(DdPurchaseRequest) request = dd_purchase_request_new (DD_PURCHASE_SOURCE_1688, "dd-pay-dialog-1688");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DdOrder *order;
  DdMoney price;

  dd_money_init (&price, 3900, "CNY");
  dd_purchase_request_add_line (request, "610000000001", "b5a3d0c1", 2, &price);
  request->receiver.receiver_name = g_strdup ("张三");
  request->receiver.receiver_phone = g_strdup ("15068763421");
  request->receiver.country_code = g_strdup ("中国");
  request->receiver.state = g_strdup ("浙江省");
  request->receiver.city = g_strdup ("杭州市");
  request->receiver.area = g_strdup ("余杭区");
  request->receiver.detail_address = g_strdup ("文一西路969号");
  request->receiver.zip = g_strdup ("311100");

  dd_client_create_purchase_async (dd_account_get_client (acc), request, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  order = dd_client_create_purchase_finish (dd_account_get_client (acc), result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dd_order_get_status (order), ==, DD_ORDER_STATUS_UNPAID);
  dd_order_set_account_id (order, dd_account_get_id (acc));
  dd_order_set_platform (order, dd_account_get_platform (acc));

  return order;
}

static gboolean
seen_paid (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_paid > 0;
}

/* 1688 in the browser: the page's address is asked for once, shown (no
 * browser here), and the dialog waits until the order reads back paid. */
static void
test_run_pay_url (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdOrder) order = new_1688_order (fixture);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpint (dd_pay_dialog_get_method (DD_PAY_DIALOG (dialog)), ==, DD_ACTION_PAY_URL);
  g_assert_false (shown (dialog, "pay-url-label"));
  g_signal_emit_by_name (pay, "clicked");
  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->state, ==, DD_ACTION_STATE_DONE);
  g_assert_nonnull (fixture->pay_url);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/alibaba/order/pay/url"), ==, 1);

  /* Waiting: the address to copy, nothing to press twice. */
  g_assert_true (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_true (shown (dialog, "pay-url-label"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "pay-url-label"))), ==, fixture->pay_url);
  g_assert_false (gtk_widget_get_sensitive (pay));
  g_assert_cmpuint (fixture->n_paid, ==, 0);

  /* The person pays on the page. */
  msg = soup_message_new ("GET", fixture->pay_url);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);

  wait_for (seen_paid, fixture);
  g_assert_cmpuint (fixture->n_paid, ==, 1);
  g_assert_cmpint (fixture->order_status, ==, DD_ORDER_STATUS_TO_SHIP);
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "status-label"))), ==, "The order is paid.");
  g_assert_false (gtk_widget_get_visible (pay));
  /* Still one write: the wait only reads. */
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/alibaba/order/pay/url"), ==, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Paid behind Dingdan's back: the live status is read first, the pay is
 * refused before sending, the reason shows, nothing more to press. */
static void
test_run_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdOrder) order = unpaid_order (fixture);
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");

  g_assert_true (dd_sandbox_pp_shop_set_status (dd_sandbox_get_pp_shop (fixture->sandbox),
                                                dd_order_get_order_id (order), "WAIT_SELLER_SEND_GOODS",
                                                dd_sandbox_now_ms (fixture->sandbox)));
  g_signal_emit_by_name (pay, "clicked");
  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_refused, ==, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
  g_assert_true (shown (dialog, "status-label"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "status-label"))), !=, "");
  g_assert_false (gtk_widget_get_visible (pay));
  g_assert_false (gtk_widget_get_visible (get (dialog, "retry-button")));
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Closed while the payment runs: hidden at once, "finished" still comes,
 * then the dialog goes. */
static void
test_run_close (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdOrder) order = unpaid_order (fixture);
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_emit_by_name (pay, "clicked");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (dialog));

  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (paid (fixture->state));
  g_assert_null (dialog);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 1);
}

/* The seller changed the price after the cache was filled: the click is
 * refused before anything is sent, the dialog shows the new amount in its
 * heading and on the button, and only a fresh click pays it. */
static void
test_run_amount_changed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DdOrder) order = unpaid_order (fixture);
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");
  DdMoney live;
  g_autofree char *amount = NULL;
  g_autofree char *label = NULL;

  dd_money_init (&live, dd_order_get_total (order)->minor + 300, "CNY");
  amount = dd_money_format (&live);
  label = g_strdup_printf ("Pay %s", amount);
  g_assert_true (dd_sandbox_pp_shop_change_total (dd_sandbox_get_pp_shop (fixture->sandbox),
                                                  dd_order_get_order_id (order), 300,
                                                  dd_sandbox_now_ms (fixture->sandbox)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (pay)), !=, label);

  gtk_window_present (GTK_WINDOW (dialog));
  g_signal_emit_by_name (pay, "clicked");
  wait_for (answered, fixture);
  g_assert_cmpuint (fixture->n_refused, ==, 1);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (pay)), ==, label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "amount-label"))), ==, amount);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (get (dialog, "status-label"))), amount));
  g_assert_true (gtk_widget_get_visible (pay));
  g_assert_true (gtk_widget_get_sensitive (pay));
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));

  /* A second click pays the amount now shown. */
  g_signal_emit_by_name (pay, "clicked");
  wait_for (answered_twice, fixture);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (paid (fixture->state));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, "/open/order/pay"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The order's total is not known: no payment is offered at all. */
static void
test_unknown_total (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DdOrder) order = new_order ("sandbox-pandapon", DD_PLATFORM_PANDAPON, "5009", 0, "");
  GtkWidget *dialog = watched (fixture, dialog_for (fixture, "sandbox-pandapon", order));
  GtkWidget *pay = get (dialog, "pay-button");

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_sensitive (pay));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (pay)), ==, "Pay");
  g_assert_true (shown (dialog, "status-label"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get (dialog, "status-label"))), !=, "");

  g_signal_emit_by_name (pay, "clicked");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (dd_pay_dialog_get_busy (DD_PAY_DIALOG (dialog)));
  g_assert_cmpuint (fixture->n_refused + fixture->n_finished, ==, 0);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("needs a display (build-aux/test.sh starts Xvfb)");
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/dingdan/pay-dialog/check", test_check);
  g_test_add ("/dingdan/pay-dialog/methods", Fixture, NULL, fixture_set_up, test_methods, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/label", Fixture, NULL, fixture_set_up, test_label, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/not-default", Fixture, NULL, fixture_set_up, test_not_default, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/voucher/refused", Fixture, NULL, fixture_set_up, test_voucher_refused, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/voucher/preview", Fixture, NULL, fixture_set_up, test_voucher_preview, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/balance", Fixture, NULL, fixture_set_up, test_run_balance, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/voucher", Fixture, NULL, fixture_set_up, test_run_voucher, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/pay-url", Fixture, NULL, fixture_set_up, test_run_pay_url, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/refused", Fixture, NULL, fixture_set_up, test_run_refused, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/close", Fixture, NULL, fixture_set_up, test_run_close, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/retry", Fixture, NULL, fixture_set_up, test_run_retry, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/run/amount-changed", Fixture, NULL, fixture_set_up, test_run_amount_changed, fixture_tear_down);
  g_test_add ("/dingdan/pay-dialog/unknown-total", Fixture, NULL, fixture_set_up, test_unknown_total, fixture_tear_down);

  return g_test_run ();
}
