/* test-log.c: secrets never reach a log line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-log.h"

static void
test_redact_query (void)
{
  struct {
    const char *in;
    const char *out; /* NULL: unchanged */
  } cases[] = {
    { "GET /rest/orders/get?app_key=100001&access_token=tok123&sign=ABCDEF&Page=1",
      "GET /rest/orders/get?app_key=100001&access_token=***&sign=***&Page=1" },
    { "[SESSION] Request made for 127.0.0.1/rest?session=s3cr3t",
      "[SESSION] Request made for 127.0.0.1/rest?session=***" },
    { "sign=X", "sign=***" },
    { "SIGN=abc def", "SIGN=*** def" },
    { "{\"access_token\":\"abc\\\"def\",\"expires_in\":3600}",
      "{\"access_token\":\"***\",\"expires_in\":3600}" },
    { "{\"refresh_token\": \"r1\"}", "{\"refresh_token\": \"***\"}" },
    { "design=nice&signal=3", NULL },      /* sign only as a whole key */
    { "app_key=100001&Page=2", NULL },
    { "sign=&x=1", NULL },                   /* nothing to hide */
    { "no secrets here", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = dd_log_redact (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_secret_keys (void)
{
  g_assert_true (dd_log_is_secret_key ("sign"));
  g_assert_true (dd_log_is_secret_key ("Access_Token"));
  g_assert_true (dd_log_is_secret_key ("app_secret"));
  g_assert_false (dd_log_is_secret_key ("app_key"));
  g_assert_false (dd_log_is_secret_key ("sign_method"));
}

static void
test_writer (void)
{
  if (g_test_subprocess ())
    {
      dd_log_install ();
      g_log_set_debug_enabled (TRUE);
      g_log_structured ("libsoup", G_LOG_LEVEL_DEBUG,
                        "MESSAGE", "[SESSION] Request made for h/rest?access_token=%s&Page=1",
                        "tok-very-secret");
      g_message ("refresh answered {\"refresh_token\":\"%s\"}", "rt-very-secret");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* GLib writes debug and info to stdout, the rest to stderr. */
  g_test_trap_assert_stdout_unmatched ("*very-secret*");
  g_test_trap_assert_stderr_unmatched ("*very-secret*");
  g_test_trap_assert_stdout ("*access_token=***&Page=1*");
  g_test_trap_assert_stderr ("*refresh_token*\"***\"*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/log/redact", test_redact_query);
  g_test_add_func ("/dingdan/log/secret-keys", test_secret_keys);
  g_test_add_func ("/dingdan/log/writer", test_writer);

  return g_test_run ();
}
