/* test-ui.c: what the window says about accounts, platforms and failed syncs
 *
 * The texts only: no display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-order.h"
#include "dd-platform-error.h"
#include "dd-sync-report.h"
#include "dd-ui-format.h"

static GPtrArray *
failures_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sync_failure_free);
}

static void
add_failure (GPtrArray    *failures,
             const char   *account_id,
             const char   *account_name,
             GError       *error)
{
  g_ptr_array_add (failures, dd_sync_failure_new (account_id, account_name, error));
  g_error_free (error);
}

static void
test_platform_names (void)
{
  g_assert_cmpstr (dd_ui_format_platform (DD_PLATFORM_TW), ==, "Taobao Taiwan");
  g_assert_cmpstr (dd_ui_format_platform (DD_PLATFORM_TOP), ==, "Taobao");
  g_assert_cmpstr (dd_ui_format_platform (DD_PLATFORM_TOP_PC), ==, "Taobao Procurement");
  g_assert_cmpstr (dd_ui_format_platform (DD_PLATFORM_PANDAPON), ==, "PandaPon");
  /* One this version does not know is shown as it is, never dropped. */
  g_assert_cmpstr (dd_ui_format_platform ("martian"), ==, "martian");
  g_assert_cmpstr (dd_ui_format_platform (NULL), ==, "");
}

static void
test_failure_copies (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "boom");
  g_autoptr(DdSyncFailure) named = dd_sync_failure_new ("sandbox-top", "Sandbox Taobao Shop", error);
  g_autoptr(DdSyncFailure) unnamed = dd_sync_failure_new ("sandbox-top", "", error);
  g_autoptr(DdSyncFailure) null_name = dd_sync_failure_new ("sandbox-top", NULL, error);

  g_assert_cmpstr (named->account_id, ==, "sandbox-top");
  g_assert_cmpstr (named->account_name, ==, "Sandbox Taobao Shop");
  g_assert_error (named->error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (named->error != error);
  /* An account without a name is told by its id. */
  g_assert_cmpstr (unnamed->account_name, ==, "sandbox-top");
  g_assert_cmpstr (null_name->account_name, ==, "sandbox-top");
}

static void
test_describe_error (void)
{
  g_autoptr(GError) auth = dd_platform_error_new (DD_PLATFORM_ERROR_AUTH, "ISV", "IncompleteSignature",
                                                  NULL, "The request signature does not conform",
                                                  "0ba2887315178178017221014", "Bad signature");
  g_autoptr(GError) limited = dd_platform_error_new (DD_PLATFORM_ERROR_RATE_LIMITED, NULL, "7", NULL,
                                                     "App Call Limited", NULL, "Slow down");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");

  g_assert_cmpstr (dd_sync_report_describe_error (auth), ==,
                   "The shop did not accept Dingdan’s credentials");
  g_assert_cmpstr (dd_sync_report_describe_error (limited), ==,
                   "The platform asks Dingdan to slow down; try again later");
  g_assert_cmpstr (dd_sync_report_describe_error (io), ==, "Could not sync the orders");
}

static void
test_one_failure (void)
{
  g_autoptr(GPtrArray) failures = failures_new ();
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  add_failure (failures, "sandbox-pandapon", "Sandbox Purchasing",
               dd_platform_error_new (DD_PLATFORM_ERROR_NETWORK, NULL, NULL, NULL, NULL, NULL,
                                      "Connection refused"));

  title = dd_sync_report_title (failures);
  description = dd_sync_report_describe (failures);

  /* The account is named: with four accounts, "it failed" says nothing. */
  g_assert_cmpstr (title, ==, "Could not sync “Sandbox Purchasing”");
  g_assert_cmpstr (description, ==,
                   "Sandbox Purchasing: Could not reach the platform; check the connection");
}

static void
test_several_failures (void)
{
  g_autoptr(GPtrArray) failures = failures_new ();
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) lines = NULL;

  add_failure (failures, "sandbox-top", "Sandbox Taobao Shop",
               dd_platform_error_new (DD_PLATFORM_ERROR_AUTH, NULL, "25", NULL, "Invalid signature",
                                      NULL, "Bad signature"));
  add_failure (failures, "sandbox-tw", "Sandbox Taiwan Shop",
               dd_platform_error_new (DD_PLATFORM_ERROR_SERVER, "ISP", "InternalError", NULL, NULL,
                                      NULL, "Server failed"));

  title = dd_sync_report_title (failures);
  g_assert_cmpstr (title, ==, "Could not sync 2 accounts");

  /* One line per account, in the order they failed. */
  description = dd_sync_report_describe (failures);
  lines = g_strsplit (description, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "Sandbox Taobao Shop: The shop did not accept Dingdan’s credentials");
  g_assert_cmpstr (lines[1], ==, "Sandbox Taiwan Shop: The platform has a problem; try again later");
}

static void
test_details (void)
{
  g_autoptr(GPtrArray) failures = failures_new ();
  g_autofree char *details = NULL;
  const char *top;
  const char *tw;

  add_failure (failures, "sandbox-top", "Sandbox Taobao Shop",
               dd_platform_error_new (DD_PLATFORM_ERROR_RATE_LIMITED, NULL, "7", "accesscontrol.limited-by-app-access-count",
                                      "This ban will last for 71 more seconds", "top-request-1",
                                      "Slow down"));
  add_failure (failures, "sandbox-tw", "Sandbox Taiwan Shop",
               dd_platform_error_new (DD_PLATFORM_ERROR_AUTH, "ISV", "IllegalAccessToken", NULL,
                                      "The specified access token is invalid", "tw-request-2",
                                      "Bad token"));

  details = dd_sync_report_format_details (failures);

  /* Each account's own words, under its name, in order; no trailing blank. */
  top = strstr (details, "Sandbox Taobao Shop\n");
  tw = strstr (details, "\n\nSandbox Taiwan Shop\n");
  g_assert_nonnull (top);
  g_assert_nonnull (tw);
  g_assert_true (top == details);
  g_assert_true (top < tw);
  g_assert_nonnull (strstr (details, "This ban will last for 71 more seconds"));
  g_assert_nonnull (strstr (details, "top-request-1"));
  g_assert_nonnull (strstr (details, "IllegalAccessToken"));
  g_assert_nonnull (strstr (details, "tw-request-2"));
  g_assert_true (strstr (details, "top-request-1") < tw);
  g_assert_false (g_str_has_suffix (details, "\n"));
}

/* Issue H: server text for labels is clipped, and isolated in sentences. */
static void
test_clip_text (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *clipped = NULL;
  g_autofree char *short_text = dd_ui_clip_text ("<b>bold</b> \u202e12");
  g_autofree char *empty = dd_ui_clip_text (NULL);
  g_autofree char *isolated = dd_ui_isolate ("\u202eevil");

  g_assert_cmpstr (short_text, ==, "<b>bold</b> \u202e12");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (isolated, ==, "\u2068\u202eevil\u2069");

  /* 1 MB of two-byte characters: DD_UI_TEXT_MAX of them, then "…", never
   * a broken character. */
  while (long_text->len < 1024 * 1024)
    g_string_append (long_text, "é");
  clipped = dd_ui_clip_text (long_text->str);
  g_assert_true (g_utf8_validate (clipped, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (clipped, -1), ==, DD_UI_TEXT_MAX + 1);
  g_assert_true (g_str_has_suffix (clipped, "é…"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/ui/platform-names", test_platform_names);
  g_test_add_func ("/dingdan/ui/clip-text", test_clip_text);
  g_test_add_func ("/dingdan/ui/sync-report/failure-copies", test_failure_copies);
  g_test_add_func ("/dingdan/ui/sync-report/describe-error", test_describe_error);
  g_test_add_func ("/dingdan/ui/sync-report/one-failure", test_one_failure);
  g_test_add_func ("/dingdan/ui/sync-report/several-failures", test_several_failures);
  g_test_add_func ("/dingdan/ui/sync-report/details", test_details);

  return g_test_run ();
}
