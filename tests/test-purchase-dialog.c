/* test-purchase-dialog.c: the New Purchase Order dialog offers only the
 * accounts that can create one, refuses bad input before anything is sent,
 * makes its idempotency key once and keeps it across Try Again, shows the
 * platform's preview, and after a create whose answer was lost, Try Again
 * leaves exactly one order with that key. It does not close while a run is
 * on, sends nothing for an account without a client, and shows an earlier
 * create whose outcome is unknown (re-sent with its own key only when the
 * log holds the whole order; never for 1688)
 *
 * Real clients of the sandbox accounts, pointed at a DdSandbox in this
 * process; the runner is the real one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dd-account.h"
#include "dd-action-log.h"
#include "dd-action-runner.h"
#include "dd-cache.h"
#include "dd-purchase-dialog.h"
#include "dd-sandbox.h"
#include "dd-sandbox-pp.h"
#include "dd-sandbox-top.h"
#include "dd-ui-format.h"

#define PP_CREATE     "/open/order"
#define PP_1688       "/alibaba/order/create"
#define PC_CREATE     "taobao.pc.out.tower.order.create"
#define PC_RENDER     "taobao.pc.order.render"

typedef struct
{
  DdSandbox      *sandbox;
  DdHttp         *http;
  GPtrArray      *accounts;
  GListStore     *model;
  DdCache        *cache;
  DdActionGuard  *guard;
  DdActionRunner *runner;
  char           *dir;
  /* the last run */
  guint           n_finished;
  guint           n_refused;
  DdActionState   state;
  gboolean        can_retry;
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
  dd_http_set_timeout (fixture->http, 1);
  fixture->accounts = dd_account_new_sandbox_set (fixture->http, dd_sandbox_get_base_url (fixture->sandbox),
                                                  DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                                  DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  fixture->model = g_list_store_new (DD_TYPE_ACCOUNT);
  for (guint i = 0; i < fixture->accounts->len; i++)
    g_list_store_append (fixture->model, g_ptr_array_index (fixture->accounts, i));

  fixture->dir = g_dir_make_tmp ("dingdan-purchase-dialog-XXXXXX", &error);
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

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->guard);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->model);
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

/* Widgets. */

/* The @nth widget named @name under @widget (depth first), or NULL. */
static GtkWidget *
find_nth (GtkWidget  *widget,
          const char *name,
          guint      *nth)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    {
      if (*nth == 0)
        return widget;
      (*nth)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, name, nth);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_nth (GtkWidget  *dialog,
         const char *name,
         guint       nth)
{
  guint n = nth;
  GtkWidget *widget = find_nth (dialog, name, &n);

  if (widget == NULL)
    g_error ("no widget %u named %s in the dialog", nth, name);
  return widget;
}

static GtkWidget *
get (GtkWidget  *dialog,
     const char *name)
{
  return get_nth (dialog, name, 0);
}

/* Visible in the dialog, shown or not. */
static gboolean
shown (GtkWidget *dialog,
       GtkWidget *widget)
{
  for (; widget != dialog; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

static void
set_text (GtkWidget  *dialog,
          const char *name,
          guint       nth,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_nth (dialog, name, nth)), text);
}

static const char *
label_text (GtkWidget  *dialog,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (get (dialog, name)));
}

static void
click (GtkWidget  *dialog,
       const char *name)
{
  g_signal_emit_by_name (get (dialog, name), "clicked");
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the dialog is idle, failing after fifteen seconds. */
static void
wait_idle (GtkWidget *dialog)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (15, timed_out_cb, &timed_out);

  while (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
finished_cb (GtkWidget      *dialog,
             DdActionResult *result,
             Fixture        *fixture)
{
  fixture->n_finished++;
  fixture->state = result->state;
  fixture->can_retry = result->can_retry;
}

static void
refused_cb (GtkWidget *dialog,
            GError    *error,
            Fixture   *fixture)
{
  fixture->n_refused++;
}

/* The position of account @id among those the dialog offers. */
static guint
offered_position (Fixture    *fixture,
                  const char *id)
{
  guint position = 0;

  for (guint i = 0; i < fixture->accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (fixture->accounts, i);

      if (!(dd_client_get_capabilities (dd_account_get_client (account)) & DD_CLIENT_CAN_CREATE_PURCHASE))
        continue;
      if (g_str_equal (dd_account_get_id (account), id))
        return position;
      position++;
    }
  g_assert_not_reached ();
}

static GtkWidget *
new_dialog (Fixture    *fixture,
            const char *account_id,
            gboolean    from_1688)
{
  GtkWidget *dialog = dd_purchase_dialog_new (NULL, fixture->runner, G_LIST_MODEL (fixture->model));

  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (dialog, "refused", G_CALLBACK (refused_cb), fixture);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get (dialog, "account-row")),
                              offered_position (fixture, account_id));
  adw_combo_row_set_selected (ADW_COMBO_ROW (get (dialog, "source-row")), from_1688 ? 1 : 0);

  return dialog;
}

/* A line the sandbox sells, and a complete receiver. */
static void
fill (GtkWidget  *dialog,
      const char *account_id)
{
  gboolean pandapon = g_str_equal (account_id, "sandbox-pandapon");

  set_text (dialog, "item-id-entry", 0, pandapon ? "600086815456800431" : "600000000001");
  set_text (dialog, "sku-id-entry", 0, pandapon ? "4766078803304" : "700000000001");
  set_text (dialog, "quantity-entry", 0, "2");
  set_text (dialog, "price-entry", 0, pandapon ? "39" : "95.03");
  set_text (dialog, "receiver-name", 0, "张三");
  set_text (dialog, "receiver-phone", 0, "150 6876 3421");
  set_text (dialog, "receiver-country", 0, "CN");
  set_text (dialog, "receiver-state", 0, "浙江省");
  set_text (dialog, "receiver-city", 0, "杭州市");
  set_text (dialog, "receiver-area", 0, "余杭区");
  set_text (dialog, "receiver-detail", 0, "文一西路969号");
  set_text (dialog, "receiver-zip", 0, "311100");
  set_text (dialog, "remark-entry", 0, "请尽快发货");
}

static guint
count_orders (Fixture    *fixture,
              const char *account_id)
{
  if (g_str_equal (account_id, "sandbox-pandapon"))
    return dd_sandbox_pp_shop_count_orders (dd_sandbox_get_pp_shop (fixture->sandbox));
  else
    {
      g_autoptr(GPtrArray) ids = dd_sandbox_top_shop_list_pc_ids (dd_sandbox_get_top_shop (fixture->sandbox));

      return ids->len;
    }
}

static guint
n_log_entries (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = dd_action_log_list (fixture->cache, NULL, NULL, 0, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* ---- tests ---------------------------------------------------------------- */

/* Only PandaPon and TOP procurement can create purchase orders: the
 * others are not offered; the source is PandaPon's choice, the preview
 * TOP's. */
static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GListStore) none = g_list_store_new (DD_TYPE_ACCOUNT);
  GtkWidget *dialog = new_dialog (fixture, "sandbox-pandapon", FALSE);
  GListModel *offered = adw_combo_row_get_model (ADW_COMBO_ROW (get (dialog, "account-row")));

  g_assert_true (dd_purchase_dialog_can_create (G_LIST_MODEL (fixture->model)));
  for (guint i = 0; i < fixture->accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (fixture->accounts, i);

      if (g_str_equal (dd_account_get_platform (account), DD_PLATFORM_TW) ||
          g_str_equal (dd_account_get_platform (account), DD_PLATFORM_TOP))
        g_list_store_append (none, account);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (none)), ==, 2);
  g_assert_false (dd_purchase_dialog_can_create (G_LIST_MODEL (none)));

  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 2);
  g_assert_true (shown (dialog, get (dialog, "source-row")));
  g_assert_false (shown (dialog, get (dialog, "preview-button")));
  g_assert_cmpuint (dd_purchase_dialog_get_n_lines (DD_PURCHASE_DIALOG (dialog)), ==, 1);

  adw_combo_row_set_selected (ADW_COMBO_ROW (get (dialog, "account-row")),
                              offered_position (fixture, "sandbox-top-pc"));
  g_assert_false (shown (dialog, get (dialog, "source-row")));
  g_assert_true (shown (dialog, get (dialog, "preview-button")));

  /* Create Order is suggested, never the default. */
  g_assert_true (gtk_widget_has_css_class (get (dialog, "create-button"), "suggested-action"));
  g_assert_false (gtk_widget_get_receives_default (get (dialog, "create-button")));
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  g_assert_false (shown (dialog, get (dialog, "retry-button")));

  /* Lines come and go; the last one stays. */
  dd_purchase_dialog_add_line (DD_PURCHASE_DIALOG (dialog));
  g_assert_cmpuint (dd_purchase_dialog_get_n_lines (DD_PURCHASE_DIALOG (dialog)), ==, 2);
  g_signal_emit_by_name (get_nth (dialog, "remove-line-button", 1), "clicked");
  g_assert_cmpuint (dd_purchase_dialog_get_n_lines (DD_PURCHASE_DIALOG (dialog)), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "remove-line-button")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
}

/* Sets the line's @field to @bad, presses Create Order and checks that
 * nothing went out and the line says why; then puts @good back. */
static void
assert_line_refused (Fixture    *fixture,
                     GtkWidget  *dialog,
                     const char *field,
                     const char *bad,
                     const char *good)
{
  GtkWidget *error_label = get (dialog, "line-error");

  set_text (dialog, field, 0, bad);
  click (dialog, "create-button");
  g_assert_false (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_true (shown (dialog, error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  g_assert_true (gtk_widget_has_css_class (get (dialog, field), "error"));
  g_assert_true (shown (dialog, get (dialog, "create-button")));
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "create-button")));
  g_assert_nonnull (strstr (label_text (dialog, "status-label"), "nothing was sent"));
  set_text (dialog, field, 0, good);
  /* Typing clears the mark. */
  g_assert_false (gtk_widget_has_css_class (get (dialog, field), "error"));
}

/* Empty item id, quantity 0, a bad price, a missing receiver field: each
 * shown beside its field, and not one request is sent. */
static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-pandapon", FALSE);
  g_autoptr(DdPurchaseRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  guint phone;

  fill (dialog, "sandbox-pandapon");
  assert_line_refused (fixture, dialog, "item-id-entry", "", "600086815456800431");
  assert_line_refused (fixture, dialog, "item-id-entry", "6000 868", "600086815456800431");
  assert_line_refused (fixture, dialog, "quantity-entry", "0", "2");
  assert_line_refused (fixture, dialog, "quantity-entry", "", "2");
  assert_line_refused (fixture, dialog, "quantity-entry", "1.5", "2");
  assert_line_refused (fixture, dialog, "quantity-entry", "-3", "2");
  assert_line_refused (fixture, dialog, "price-entry", "", "39");
  assert_line_refused (fixture, dialog, "price-entry", "abc", "39");
  assert_line_refused (fixture, dialog, "price-entry", "12.345", "39");
  assert_line_refused (fixture, dialog, "price-entry", "0", "39");
  assert_line_refused (fixture, dialog, "price-entry", "-1", "39");

  /* PandaPon wants the province and the city … */
  set_text (dialog, "receiver-city", 0, "  ");
  click (dialog, "create-button");
  g_assert_false (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_true (gtk_widget_has_css_class (get (dialog, "receiver-city"), "error"));
  /* the fourth receiver field's error label (name, phone, country, state, city) */
  g_assert_true (shown (dialog, get_nth (dialog, "receiver-error", 4)));
  g_assert_false (shown (dialog, get_nth (dialog, "receiver-error", 3)));
  g_assert_false (shown (dialog, get (dialog, "line-error")));

  /* … TOP procurement does not, but its ids are numbers. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get (dialog, "account-row")),
                              offered_position (fixture, "sandbox-top-pc"));
  set_text (dialog, "item-id-entry", 0, "abc123");
  request = dd_purchase_dialog_build_request (DD_PURCHASE_DIALOG (dialog), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (request);
  g_assert_true (gtk_widget_has_css_class (get (dialog, "item-id-entry"), "error"));
  g_assert_false (gtk_widget_has_css_class (get (dialog, "receiver-city"), "error"));
  g_clear_error (&error);

  /* A phone number is digits. */
  set_text (dialog, "item-id-entry", 0, "600000000001");
  set_text (dialog, "sku-id-entry", 0, "700000000001");
  phone = 1;
  set_text (dialog, "receiver-phone", 0, "call me");
  request = dd_purchase_dialog_build_request (DD_PURCHASE_DIALOG (dialog), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (request);
  g_assert_true (shown (dialog, get_nth (dialog, "receiver-error", phone)));
  g_clear_error (&error);

  /* Put right, the request is whole: lines in fen, the receiver, the key. */
  set_text (dialog, "receiver-phone", 0, "15068763421");
  set_text (dialog, "price-entry", 0, "¥95.03");
  request = dd_purchase_dialog_build_request (DD_PURCHASE_DIALOG (dialog), &error);
  g_assert_no_error (error);
  g_assert_nonnull (request);
  g_assert_cmpint (request->source, ==, DD_PURCHASE_SOURCE_TAOBAO);
  g_assert_cmpuint (request->lines->len, ==, 1);
  g_assert_cmpstr (g_array_index (request->lines, DdPurchaseLine, 0).item_id, ==, "600000000001");
  g_assert_cmpuint (g_array_index (request->lines, DdPurchaseLine, 0).quantity, ==, 2);
  g_assert_cmpint (g_array_index (request->lines, DdPurchaseLine, 0).unit_price.minor, ==, 9503);
  g_assert_cmpint (request->total.minor, ==, 19006);
  g_assert_cmpstr (request->total.currency, ==, "CNY");
  g_assert_cmpstr (request->receiver.city, ==, NULL);
  g_assert_cmpstr (request->receiver.receiver_name, ==, "张三");
  g_assert_cmpstr (request->remark, ==, "请尽快发货");
  g_assert_cmpstr (request->idempotency_key, ==,
                   dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
  g_assert_cmpuint (n_log_entries (fixture), ==, 0);
  g_assert_cmpuint (fixture->n_finished + fixture->n_refused, ==, 0);
}

/* The key: made once per dialog, 32 letters and digits, shown in Details. */
static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);
  GtkWidget *other = new_dialog (fixture, "sandbox-top-pc", FALSE);
  const char *key = dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog));
  g_autofree char *kept = g_strdup (key);

  g_assert_cmpuint (strlen (key), ==, 32);
  g_assert_true (g_str_has_prefix (key, "dd"));
  for (const char *p = key; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f') || p - key < 2);
  g_assert_cmpstr (key, !=, dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (other)));
  g_assert_cmpstr (label_text (dialog, "key-label"), ==, key);

  /* Changing the account or the lines keeps it. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get (dialog, "account-row")),
                              offered_position (fixture, "sandbox-pandapon"));
  fill (dialog, "sandbox-pandapon");
  g_assert_cmpstr (dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)), ==, kept);

  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* TOP procurement renders the order: the dialog shows the platform's total
 * (catalogue prices and shipping), as a direct render says. */
static void
test_preview_top_pc (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);
  const DdPurchasePreview *preview;
  g_autofree char *total = NULL;
  g_autofree char *shipping = NULL;

  fill (dialog, "sandbox-top-pc");
  g_assert_false (shown (dialog, get (dialog, "preview-label")));
  click (dialog, "preview-button");
  g_assert_true (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  /* Nothing can be created while it renders. */
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "create-button")));
  wait_idle (dialog);

  preview = dd_purchase_dialog_get_preview (DD_PURCHASE_DIALOG (dialog));
  g_assert_nonnull (preview);
  g_assert_cmpint (preview->total.minor, >, 0);
  g_assert_cmpint (preview->total.minor, >, preview->shipping_fee.minor);
  total = dd_ui_format_money (&preview->total);
  shipping = dd_ui_format_money (&preview->shipping_fee);
  g_assert_true (shown (dialog, get (dialog, "preview-label")));
  g_assert_nonnull (strstr (label_text (dialog, "preview-label"), total));
  g_assert_nonnull (strstr (label_text (dialog, "preview-label"), shipping));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, PC_RENDER), ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, PC_CREATE), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "create-button")));

  /* Changing a line drops it: it no longer says what would be bought. */
  set_text (dialog, "quantity-entry", 0, "3");
  g_assert_null (dd_purchase_dialog_get_preview (DD_PURCHASE_DIALOG (dialog)));
  g_assert_false (shown (dialog, get (dialog, "preview-label")));

  /* An item the platform will not sell (an id ending in 9) is named. */
  set_text (dialog, "item-id-entry", 0, "600000000009");
  click (dialog, "preview-button");
  wait_idle (dialog);
  preview = dd_purchase_dialog_get_preview (DD_PURCHASE_DIALOG (dialog));
  g_assert_nonnull (preview);
  g_assert_nonnull (preview->unavailable);
  g_assert_cmpuint (preview->unavailable->len, ==, 1);
  g_assert_nonnull (strstr (label_text (dialog, "preview-label"), "600000000009"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_log_entries (fixture), ==, 0);
}

/* PandaPon renders nothing (no such call, API.md §3): for 1688 goods the
 * amount shown is the lines' sum in yuan, and nothing is asked. */
static void
test_preview_pandapon_1688 (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-pandapon", TRUE);
  g_autoptr(DdPurchaseRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  DdMoney sum;
  g_autofree char *expected = NULL;

  fill (dialog, "sandbox-pandapon");
  set_text (dialog, "price-entry", 0, "12.5");
  dd_purchase_dialog_add_line (DD_PURCHASE_DIALOG (dialog));
  set_text (dialog, "item-id-entry", 1, "610947572360");
  set_text (dialog, "quantity-entry", 1, "3");
  set_text (dialog, "price-entry", 1, "0.99");

  g_assert_false (shown (dialog, get (dialog, "preview-button")));
  dd_money_init (&sum, 2 * 1250 + 3 * 99, "CNY");
  expected = dd_ui_format_money (&sum);
  g_assert_nonnull (strstr (label_text (dialog, "amount-label"), expected));

  request = dd_purchase_dialog_build_request (DD_PURCHASE_DIALOG (dialog), &error);
  g_assert_no_error (error);
  g_assert_cmpint (request->source, ==, DD_PURCHASE_SOURCE_1688);
  g_assert_cmpint (request->total.minor, ==, 2797);
  g_assert_cmpuint (request->lines->len, ==, 2);
  g_assert_null (g_array_index (request->lines, DdPurchaseLine, 1).sku_id);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
}

/* The create's answer is lost after the platform made the order: the
 * dialog says the outcome is unknown and offers Try Again, which sends
 * the same key; the platform knows it: one order, one log entry. */
static void
test_timeout_retry (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *account_id = data;
  const char *api = g_str_equal (account_id, "sandbox-pandapon") ? PP_CREATE : PC_CREATE;
  GtkWidget *dialog = new_dialog (fixture, account_id, FALSE);
  g_autofree char *key = g_strdup (dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)));
  g_autoptr(DdActionRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before = count_orders (fixture, account_id);

  fill (dialog, account_id);
  dd_sandbox_add_fault (fixture->sandbox, api, DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);

  click (dialog, "create-button");
  /* Insensitive from the first click: a second one sends nothing more. */
  g_assert_true (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "create-button")));
  click (dialog, "create-button");
  wait_idle (dialog);

  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_true (fixture->can_retry);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 1);
  g_assert_cmpuint (count_orders (fixture, account_id), ==, n_before + 1);
  g_assert_true (shown (dialog, get (dialog, "retry-button")));
  g_assert_false (shown (dialog, get (dialog, "create-button")));
  g_assert_cmpstr (label_text (dialog, "result-heading"), ==, "Outcome Unknown");
  /* The form is frozen: Try Again sends what was sent. */
  g_assert_false (gtk_widget_is_sensitive (get (dialog, "item-id-entry")));
  g_assert_cmpstr (dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)), ==, key);

  click (dialog, "retry-button");
  g_assert_false (shown (dialog, get (dialog, "retry-button")));
  wait_idle (dialog);

  g_assert_cmpuint (fixture->n_finished, ==, 2);
  g_assert_true (fixture->state == DD_ACTION_STATE_DONE ||
                 fixture->state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_false (fixture->can_retry);
  g_assert_false (shown (dialog, get (dialog, "retry-button")));
  g_assert_cmpstr (label_text (dialog, "result-heading"), ==, "Purchase Order Created");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (get (dialog, "close-button"))), ==, "_Close");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, api), ==, 2);
  /* Exactly one order, one entry, with the dialog's key. */
  g_assert_cmpuint (count_orders (fixture, account_id), ==, n_before + 1);
  g_assert_cmpuint (n_log_entries (fixture), ==, 1);
  record = dd_action_log_find_key (fixture->cache, key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpint (record->state, ==, fixture->state);
  g_assert_cmpint (record->action, ==, DD_ACTION_CREATE_PURCHASE);
  g_assert_cmpstr (record->account_id, ==, account_id);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (fixture->n_refused, ==, 0);
}

/* 1688's create takes no key of ours: after a lost answer, no Try Again. */
static void
test_1688_unknown (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-pandapon", TRUE);
  guint n_before = count_orders (fixture, "sandbox-pandapon");

  fill (dialog, "sandbox-pandapon");
  set_text (dialog, "item-id-entry", 0, "610947572360");
  dd_sandbox_add_fault (fixture->sandbox, PP_1688, DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  click (dialog, "create-button");
  wait_idle (dialog);

  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_cmpuint (count_orders (fixture, "sandbox-pandapon"), ==, n_before + 1);
  g_assert_false (shown (dialog, get (dialog, "retry-button")));
  g_assert_false (shown (dialog, get (dialog, "create-button")));
  g_assert_nonnull (strstr (label_text (dialog, "status-label"), "1688"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A plain create: done at once, the order's number shown. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);

  fill (dialog, "sandbox-top-pc");
  click (dialog, "create-button");
  wait_idle (dialog);

  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (fixture->state == DD_ACTION_STATE_DONE ||
                 fixture->state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_nonnull (strstr (label_text (dialog, "status-label"), "Order number: "));
  g_assert_false (shown (dialog, get (dialog, "retry-button")));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, PC_CREATE), ==, 1);
  g_assert_cmpuint (n_log_entries (fixture), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
weak_notify_cb (gpointer  data,
                GObject  *where_the_object_was)
{
  gboolean *gone = data;

  *gone = TRUE;
}

/* Closing while the order is sent does nothing (Escape and the close
 * button alike): the dialog stays, shown, and shows the outcome; it closes
 * once the outcome is known. */
static void
test_close_while_running (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);
  gboolean gone = FALSE;

  g_object_weak_ref (G_OBJECT (dialog), weak_notify_cb, &gone);
  gtk_window_present (GTK_WINDOW (dialog));
  fill (dialog, "sandbox-top-pc");
  dd_sandbox_add_fault (fixture->sandbox, PC_CREATE, DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  click (dialog, "create-button");
  g_assert_true (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));

  g_assert_false (gtk_widget_get_sensitive (get (dialog, "close-button")));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  click (dialog, "close-button");
  g_assert_false (gone);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_nonnull (strstr (label_text (dialog, "status-label"), "closes once its outcome is known"));

  wait_idle (dialog);
  g_assert_false (gone);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpint (fixture->state, ==, DD_ACTION_STATE_UNKNOWN);
  g_assert_cmpstr (label_text (dialog, "result-heading"), ==, "Outcome Unknown");
  g_assert_true (shown (dialog, get (dialog, "result-heading")));
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "close-button")));

  /* Known now: it closes. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gone);
}

/* An account whose client is gone (sign-out, reconnect) sends nothing:
 * Create and Preview are insensitive, the dialog says it is not connected,
 * and a click that gets through anyway sends nothing and leaves the
 * dialog idle (the runner would never answer a NULL client). */
static void
test_no_client (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);
  DdAccount *account = NULL;
  g_autoptr(DdClient) client = NULL;

  for (guint i = 0; i < fixture->accounts->len; i++)
    if (g_str_equal (dd_account_get_id (g_ptr_array_index (fixture->accounts, i)), "sandbox-top-pc"))
      account = g_ptr_array_index (fixture->accounts, i);
  g_assert_nonnull (account);
  client = g_object_ref (dd_account_get_client (account));

  fill (dialog, "sandbox-top-pc");
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "create-button")));
  g_assert_false (shown (dialog, get (dialog, "offline-label")));

  dd_account_set_client (account, NULL);
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "create-button")));
  g_assert_false (gtk_widget_get_sensitive (get (dialog, "preview-button")));
  g_assert_true (shown (dialog, get (dialog, "offline-label")));
  g_assert_nonnull (strstr (label_text (dialog, "offline-label"), "not connected"));

  click (dialog, "create-button");
  g_assert_false (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  click (dialog, "preview-button");
  g_assert_false (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);
  g_assert_cmpuint (n_log_entries (fixture), ==, 0);
  g_assert_cmpuint (fixture->n_finished + fixture->n_refused, ==, 0);
  /* Nothing was sent: the form is still open. */
  g_assert_true (gtk_widget_is_sensitive (get (dialog, "item-id-entry")));

  /* Signed in again: Create is back, and works. */
  dd_account_set_client (account, client);
  g_assert_true (gtk_widget_get_sensitive (get (dialog, "create-button")));
  g_assert_false (shown (dialog, get (dialog, "offline-label")));
  click (dialog, "create-button");
  wait_idle (dialog);
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, PC_CREATE), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* "Create Order" has no mnemonic: no key press sends an order. */
static void
test_no_mnemonic (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);
  GtkButton *create = GTK_BUTTON (get (dialog, "create-button"));

  g_assert_false (gtk_button_get_use_underline (create));
  g_assert_null (strchr (gtk_button_get_label (create), '_'));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A create whose answer was lost, then the dialog closed: a new dialog
 * shows the earlier order (its key) first. The log keeps no receiver's
 * phone or street, so it is not re-sent from there: the action log is
 * offered instead, nothing is sent. */
static void
test_unfinished_stripped (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *dialog = new_dialog (fixture, "sandbox-pandapon", FALSE);
  g_autofree char *key = g_strdup (dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)));
  guint n_requests;

  /* Nothing unfinished yet. */
  g_assert_false (dd_purchase_dialog_show_unfinished (DD_PURCHASE_DIALOG (dialog), fixture->cache));
  g_assert_false (shown (dialog, get (dialog, "unfinished-box")));

  fill (dialog, "sandbox-pandapon");
  dd_sandbox_add_fault (fixture->sandbox, PP_CREATE, DD_SANDBOX_FAULT_TIMEOUT_AFTER, 1, 3000);
  click (dialog, "create-button");
  wait_idle (dialog);
  g_assert_cmpint (fixture->state, ==, DD_ACTION_STATE_UNKNOWN);
  gtk_window_destroy (GTK_WINDOW (dialog));
  n_requests = dd_sandbox_get_n_requests (fixture->sandbox, NULL);

  dialog = new_dialog (fixture, "sandbox-pandapon", FALSE);
  g_assert_cmpstr (dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)), !=, key);
  g_assert_true (dd_purchase_dialog_show_unfinished (DD_PURCHASE_DIALOG (dialog), fixture->cache));
  g_assert_true (shown (dialog, get (dialog, "unfinished-box")));
  g_assert_nonnull (strstr (label_text (dialog, "unfinished-label"), "An earlier purchase order’s outcome is unknown"));
  g_assert_nonnull (strstr (label_text (dialog, "unfinished-label"), key));
  g_assert_nonnull (strstr (label_text (dialog, "unfinished-label"), "sync the account"));
  g_assert_false (shown (dialog, get (dialog, "check-again-button")));
  g_assert_true (shown (dialog, get (dialog, "open-log-button")));
  click (dialog, "check-again-button");
  g_assert_false (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, n_requests);
  g_assert_cmpuint (n_log_entries (fixture), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static DdActionRecord *
unfinished_record (const char *account_id,
                   const char *key,
                   const char *params)
{
  DdActionRecord *record = g_new0 (DdActionRecord, 1);

  record->account_id = g_strdup (account_id);
  record->action = DD_ACTION_CREATE_PURCHASE;
  record->idempotency_key = g_strdup (key);
  record->params = g_strdup (params);
  return record;
}

/* A 1688 entry has no key: never re-sent, the person is told to look for
 * the order first. */
static void
test_unfinished_1688 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DdActionRecord) record = unfinished_record ("sandbox-pandapon", NULL,
                                                        "{\"source\":\"1688\",\"lines\":[{\"item_id\":\"610947572360\","
                                                        "\"quantity\":2,\"unit_price\":\"39.00\"}],\"total\":\"78.00\","
                                                        "\"currency\":\"CNY\",\"receiver\":\"张三\",\"receiver_phone\":"
                                                        "\"15068763421\",\"city\":\"杭州市\",\"detail_address\":\"文一西路969号\"}");
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_assert_cmpint (dd_action_log_begin (fixture->cache, record, &error), >, 0);
  g_assert_no_error (error);

  dialog = new_dialog (fixture, "sandbox-pandapon", FALSE);
  g_assert_true (dd_purchase_dialog_show_unfinished (DD_PURCHASE_DIALOG (dialog), fixture->cache));
  g_assert_true (shown (dialog, get (dialog, "unfinished-box")));
  g_assert_nonnull (strstr (label_text (dialog, "unfinished-label"), "1688"));
  g_assert_false (shown (dialog, get (dialog, "check-again-button")));
  g_assert_true (shown (dialog, get (dialog, "open-log-button")));
  click (dialog, "check-again-button");
  g_assert_false (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, NULL), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DdOrder **order = user_data;
  g_autoptr(GError) error = NULL;

  *order = dd_client_create_purchase_finish (DD_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

/* An entry that holds the whole order (lines and the full receiver) whose
 * order the platform made but whose answer was lost: Check Again sends it
 * with THAT key; the platform knows it: one order, one entry, done. */
static void
test_unfinished_check_again (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *key = "dd0123456789abcdef0123456789abcd";
  g_autoptr(DdActionRecord) record = unfinished_record ("sandbox-top-pc", key,
                                                        "{\"source\":\"taobao\",\"lines\":[{\"item_id\":\"600000000001\","
                                                        "\"sku_id\":\"700000000001\",\"quantity\":2,\"unit_price\":\"95.03\"}],"
                                                        "\"total\":\"190.06\",\"currency\":\"CNY\",\"receiver\":\"张三\","
                                                        "\"receiver_phone\":\"15068763421\",\"country\":\"CN\",\"state\":\"浙江省\","
                                                        "\"city\":\"杭州市\",\"area\":\"余杭区\",\"detail_address\":\"文一西路969号\","
                                                        "\"zip\":\"311100\"}");
  g_autoptr(DdPurchaseRequest) request = dd_purchase_request_new (DD_PURCHASE_SOURCE_TAOBAO, key);
  g_autoptr(DdOrder) created = NULL;
  g_autoptr(DdActionRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  DdMoney price = { 9503, "CNY" };
  DdAccount *account = NULL;
  GtkWidget *dialog;
  guint n_before = count_orders (fixture, "sandbox-top-pc");

  for (guint i = 0; i < fixture->accounts->len; i++)
    if (g_str_equal (dd_account_get_id (g_ptr_array_index (fixture->accounts, i)), "sandbox-top-pc"))
      account = g_ptr_array_index (fixture->accounts, i);
  g_assert_nonnull (account);

  /* The first attempt: logged, sent, made on the platform, answer lost. */
  g_assert_cmpint (dd_action_log_begin (fixture->cache, record, &error), >, 0);
  g_assert_no_error (error);
  dd_purchase_request_add_line (request, "600000000001", "700000000001", 2, &price);
  request->receiver.receiver_name = g_strdup ("张三");
  request->receiver.receiver_phone = g_strdup ("15068763421");
  request->receiver.country_code = g_strdup ("CN");
  request->receiver.state = g_strdup ("浙江省");
  request->receiver.city = g_strdup ("杭州市");
  request->receiver.area = g_strdup ("余杭区");
  request->receiver.detail_address = g_strdup ("文一西路969号");
  request->receiver.zip = g_strdup ("311100");
  request->total.minor = 19006;
  g_strlcpy (request->total.currency, "CNY", sizeof request->total.currency);
  dd_client_create_purchase_async (dd_account_get_client (account), request, NULL, created_cb, &created);
  while (created == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_orders (fixture, "sandbox-top-pc"), ==, n_before + 1);

  dialog = new_dialog (fixture, "sandbox-top-pc", FALSE);
  g_assert_true (dd_purchase_dialog_show_unfinished (DD_PURCHASE_DIALOG (dialog), fixture->cache));
  g_assert_nonnull (strstr (label_text (dialog, "unfinished-label"), key));
  g_assert_true (shown (dialog, get (dialog, "check-again-button")));
  g_assert_false (shown (dialog, get (dialog, "open-log-button")));

  click (dialog, "check-again-button");
  g_assert_true (dd_purchase_dialog_get_busy (DD_PURCHASE_DIALOG (dialog)));
  g_assert_cmpstr (dd_purchase_dialog_get_idempotency_key (DD_PURCHASE_DIALOG (dialog)), ==, key);
  g_assert_false (gtk_widget_is_sensitive (get (dialog, "item-id-entry")));
  g_assert_false (shown (dialog, get (dialog, "unfinished-box")));
  click (dialog, "check-again-button");
  wait_idle (dialog);

  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_true (fixture->state == DD_ACTION_STATE_DONE ||
                 fixture->state == DD_ACTION_STATE_CONFIRMED_BY_READ_BACK);
  g_assert_cmpstr (label_text (dialog, "result-heading"), ==, "Purchase Order Created");
  g_assert_cmpuint (dd_sandbox_get_n_requests (fixture->sandbox, PC_CREATE), ==, 2);
  g_assert_cmpuint (count_orders (fixture, "sandbox-top-pc"), ==, n_before + 1);
  g_assert_cmpuint (n_log_entries (fixture), ==, 1);
  after = dd_action_log_find_key (fixture->cache, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->state, ==, fixture->state);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("needs a display (build-aux/test.sh starts Xvfb)");
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, func, data) \
  g_test_add ("/dingdan/purchase-dialog/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("accounts", test_accounts, NULL);
  ADD ("validation", test_validation, NULL);
  ADD ("key", test_key, NULL);
  ADD ("preview/top-pc", test_preview_top_pc, NULL);
  ADD ("preview/pandapon-1688", test_preview_pandapon_1688, NULL);
  ADD ("create", test_create, NULL);
  ADD ("timeout-retry/top-pc", test_timeout_retry, "sandbox-top-pc");
  ADD ("timeout-retry/pandapon", test_timeout_retry, "sandbox-pandapon");
  ADD ("1688-unknown", test_1688_unknown, NULL);
  ADD ("close-while-running", test_close_while_running, NULL);
  ADD ("no-client", test_no_client, NULL);
  ADD ("no-mnemonic", test_no_mnemonic, NULL);
  ADD ("unfinished/stripped", test_unfinished_stripped, NULL);
  ADD ("unfinished/1688", test_unfinished_1688, NULL);
  ADD ("unfinished/check-again", test_unfinished_check_again, NULL);

#undef ADD

  return g_test_run ();
}
