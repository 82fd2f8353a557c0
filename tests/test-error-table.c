/* test-error-table.c: one test per row of the error table, and its rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-order.h"
#include "dd-platform-error.h"

/* What a platform would send to land on @rule (and on no earlier row). */
typedef struct
{
  const char *platform;
  const char *type;
  const char *code;
  char       *sub_code;
} Envelope;

static void
envelope_for_rule (const DdErrorRule *rule,
                   Envelope          *env)
{
  memset (env, 0, sizeof *env);
  /* The catch-all row serves platforms the table does not name. */
  env->platform = rule->platform != NULL ? rule->platform : "no-such-platform";

  switch (rule->match)
    {
    case DD_ERROR_MATCH_CODE:
      env->code = rule->value;
      break;

    case DD_ERROR_MATCH_SUB_CODE:
      /* Under a remote service error: the sub-code must decide. */
      env->code = "15";
      env->sub_code = g_strdup (rule->value);
      break;

    case DD_ERROR_MATCH_SUB_CODE_PREFIX:
      env->code = "15";
      env->sub_code = g_strconcat (rule->value, "something-new", NULL);
      break;

    case DD_ERROR_MATCH_TYPE:
      env->type = rule->value;
      env->code = "SomethingNobodyKnows";
      break;

    case DD_ERROR_MATCH_ANY:
      env->code = "SomethingNobodyKnows";
      break;

    default:
      g_assert_not_reached ();
    }
}

static const char *
match_name (DdErrorMatch match)
{
  switch (match)
    {
    case DD_ERROR_MATCH_CODE:             return "code";
    case DD_ERROR_MATCH_SUB_CODE:         return "sub-code";
    case DD_ERROR_MATCH_SUB_CODE_PREFIX:  return "sub-code-prefix";
    case DD_ERROR_MATCH_TYPE:             return "type";
    case DD_ERROR_MATCH_ANY:              return "any";
    default:                              g_assert_not_reached ();
    }
}

static void
check_platform_fields (const GError   *error,
                       const Envelope *env,
                       const char     *message)
{
  g_assert_cmpstr (dd_platform_error_get_type_name (error), ==, env->type);
  g_assert_cmpstr (dd_platform_error_get_platform_code (error), ==, env->code);
  g_assert_cmpstr (dd_platform_error_get_sub_code (error), ==, env->sub_code);
  g_assert_cmpstr (dd_platform_error_get_platform_message (error), ==, message);
  g_assert_cmpstr (dd_platform_error_get_request_id (error), ==, "req-0b11");
}

/* The test of one row: its envelope lands on it, and the error made from
 * it has the row's code, action, transience and sentence, with the
 * platform's words kept. WAIT rows are also tried with short and long bans. */
static void
test_row (gconstpointer data)
{
  const DdErrorRule *rule = data;
  Envelope env;
  const char *words = "words of the platform";
  g_autoptr(GError) error = NULL;
  gboolean transient;

  envelope_for_rule (rule, &env);
  g_assert_true (dd_error_table_lookup (env.platform, env.type, env.code, env.sub_code) == rule);

  error = dd_error_table_make (env.platform, env.type, env.code, env.sub_code, words, "req-0b11");
  g_assert_error (error, DD_PLATFORM_ERROR, (gint) rule->code);
  g_assert_cmpint (dd_error_table_get_action (error), ==, rule->action);
  transient = rule->action == DD_ERROR_ACTION_RETRY || rule->action == DD_ERROR_ACTION_WAIT;
  g_assert_cmpint (dd_platform_error_is_transient (error), ==, transient);
  g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, 0);
  g_assert_nonnull (rule->message);
  g_assert_cmpstr (error->message, ==, _(rule->message));
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_assert_true (g_str_has_suffix (error->message, "."));
  check_platform_fields (error, &env, words);

  /* A copy keeps everything. */
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpint (dd_error_table_get_action (copy), ==, rule->action);
    g_assert_cmpint (dd_platform_error_is_transient (copy), ==, transient);
    check_platform_fields (copy, &env, words);
  }

  if (rule->action == DD_ERROR_ACTION_WAIT)
    {
      const char *short_ban = "App Call Limited. This ban will last for 5 more seconds";
      const char *long_ban = "This ban will last for 71804 more seconds";
      g_autoptr(GError) waited = NULL;
      g_autoptr(GError) stopped = NULL;

      waited = dd_error_table_make (env.platform, env.type, env.code, env.sub_code,
                                    short_ban, "req-0b11");
      g_assert_error (waited, DD_PLATFORM_ERROR, (gint) rule->code);
      g_assert_cmpint (dd_error_table_get_action (waited), ==, DD_ERROR_ACTION_WAIT);
      g_assert_true (dd_platform_error_is_transient (waited));
      g_assert_cmpuint (dd_platform_error_get_retry_after (waited), ==, 5);
      g_assert_cmpstr (waited->message, ==, _(rule->message));
      check_platform_fields (waited, &env, short_ban);

      /* A daily quota: stop, and say until when. */
      stopped = dd_error_table_make (env.platform, env.type, env.code, env.sub_code,
                                     long_ban, "req-0b11");
      g_assert_error (stopped, DD_PLATFORM_ERROR, (gint) rule->code);
      g_assert_cmpint (dd_error_table_get_action (stopped), ==, DD_ERROR_ACTION_STOP);
      g_assert_false (dd_platform_error_is_transient (stopped));
      g_assert_cmpuint (dd_platform_error_get_retry_after (stopped), ==, 71804);
      g_assert_cmpstr (stopped->message, !=, _(rule->message));
      g_assert_nonnull (strstr (stopped->message, ":"));
      check_platform_fields (stopped, &env, long_ban);
    }
  else
    {
      /* Ban words mean nothing to a row that is not a ban. */
      g_autoptr(GError) other = NULL;

      other = dd_error_table_make (env.platform, env.type, env.code, env.sub_code,
                                   "This ban will last for 5 more seconds", "req-0b11");
      g_assert_cmpint (dd_error_table_get_action (other), ==, rule->action);
      g_assert_cmpuint (dd_platform_error_get_retry_after (other), ==, 0);
    }

  g_free (env.sub_code);
}

/* ------------------------------------------------------------------ */

static void
test_every_platform_has_a_fallback (void)
{
  const char *platforms[] = {
    DD_PLATFORM_TOP, DD_PLATFORM_TOP_PC, DD_PLATFORM_TW, DD_PLATFORM_PANDAPON, "elsewhere", NULL,
  };
  guint n_rules;
  const DdErrorRule *rules = dd_error_table_get_rules (&n_rules);

  g_assert_cmpuint (n_rules, >=, 60);
  /* The last row catches everything, for every platform. */
  g_assert_null (rules[n_rules - 1].platform);
  g_assert_cmpint (rules[n_rules - 1].match, ==, DD_ERROR_MATCH_ANY);

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      const DdErrorRule *rule = dd_error_table_lookup (platforms[i], NULL, NULL, NULL);

      g_assert_nonnull (rule);
      g_assert_cmpint (rule->match, ==, DD_ERROR_MATCH_ANY);
    }

  /* A platform's rows are together, its fallback last among them. */
  for (guint i = 0; i + 1 < n_rules; i++)
    {
      if (g_strcmp0 (rules[i].platform, rules[i + 1].platform) == 0)
        g_assert_cmpint (rules[i].match, !=, DD_ERROR_MATCH_ANY);
      else
        g_assert_cmpint (rules[i].match, ==, DD_ERROR_MATCH_ANY);
      g_assert_true (rules[i].value != NULL || rules[i].match == DD_ERROR_MATCH_ANY);
    }
}

static void
test_top_pc_is_top (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_error_table_lookup (DD_PLATFORM_TOP_PC, NULL, "27", NULL) ==
                 dd_error_table_lookup (DD_PLATFORM_TOP, NULL, "27", NULL));
  g_assert_true (dd_error_table_lookup (DD_PLATFORM_TOP_PC, "biz", "CLOSE_TRADE_TOO_FAST", NULL) ==
                 dd_error_table_lookup (DD_PLATFORM_TOP, "biz", "CLOSE_TRADE_TOO_FAST", NULL));

  error = dd_error_table_make (DD_PLATFORM_TOP_PC, NULL, "27", "invalid-sessionkey",
                               "Invalid session", "r");
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_REAUTH);
}

static void
test_top_order_of_rows (void)
{
  struct {
    const char          *type;
    const char          *code;
    const char          *sub_code;
    DdPlatformErrorCode  expected;
    DdErrorAction        action;
  } cases[] = {
    /* The code decides for bans even with an isv./accesscontrol. sub-code. */
    { NULL, "7", "accesscontrol.limited-by-app-access-count", DD_PLATFORM_ERROR_RATE_LIMITED, DD_ERROR_ACTION_WAIT },
    { NULL, "27", "isv.invalid-session", DD_PLATFORM_ERROR_AUTH, DD_ERROR_ACTION_REAUTH },
    /* 15 and 50: the sub-code decides. */
    { NULL, "15", "isp.top-remote-connection-timeout", DD_PLATFORM_ERROR_SERVER, DD_ERROR_ACTION_RETRY },
    { NULL, "50", "isv.invalid-parameter", DD_PLATFORM_ERROR_INVALID_ARGUMENT, DD_ERROR_ACTION_FINAL },
    { NULL, "15", "isv.trade-not-exist", DD_PLATFORM_ERROR_NOT_FOUND, DD_ERROR_ACTION_FINAL },
    { NULL, "15", "isv.CLOSE_TRADE_TOO_FAST", DD_PLATFORM_ERROR_STATE_CONFLICT, DD_ERROR_ACTION_FINAL },
    { NULL, "15", "CLOSE_TRADE_TOO_FAST", DD_PLATFORM_ERROR_STATE_CONFLICT, DD_ERROR_ACTION_FINAL },
    { NULL, "15", NULL, DD_PLATFORM_ERROR_SERVER, DD_ERROR_ACTION_RETRY },
    { NULL, "15", "unheard.of", DD_PLATFORM_ERROR_SERVER, DD_ERROR_ACTION_RETRY },
    { NULL, "99", "accesscontrol.limited", DD_PLATFORM_ERROR_RATE_LIMITED, DD_ERROR_ACTION_WAIT },
    { NULL, "99", NULL, DD_PLATFORM_ERROR_BAD_RESPONSE, DD_ERROR_ACTION_FINAL },
    /* Business failures in a success envelope. */
    { "biz", "CLOSE_TRADE_TOO_FAST", NULL, DD_PLATFORM_ERROR_STATE_CONFLICT, DD_ERROR_ACTION_FINAL },
    { "biz", "200", NULL, DD_PLATFORM_ERROR_STATE_CONFLICT, DD_ERROR_ACTION_FINAL },
    /* Prefixes are prefixes, not substrings. */
    { NULL, "99", "xisp.fault", DD_PLATFORM_ERROR_BAD_RESPONSE, DD_ERROR_ACTION_FINAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = dd_error_table_make (DD_PLATFORM_TOP, cases[i].type, cases[i].code,
                                                     cases[i].sub_code, "m", NULL);

      g_test_message ("case %u: %s %s", i, cases[i].code, cases[i].sub_code);
      g_assert_error (error, DD_PLATFORM_ERROR, (gint) cases[i].expected);
      g_assert_cmpint (dd_error_table_get_action (error), ==, cases[i].action);
    }

  /* The sentence of a close within 10 s says so. */
  {
    g_autoptr(GError) error = dd_error_table_make (DD_PLATFORM_TOP, "biz", "CLOSE_TRADE_TOO_FAST",
                                                   NULL, "关闭交易太快", NULL);

    g_assert_nonnull (strstr (error->message, "10"));
  }
}

static void
test_parse_ban (void)
{
  struct {
    const char *message;
    gboolean    stated;
    guint       seconds;
    gboolean    long_unit;
  } cases[] = {
    { "This ban will last for 5 more seconds", TRUE, 5, FALSE },
    { "The request has exceeded the limit. This ban will last 3 more seconds", TRUE, 3, FALSE },
    { "This ban will last for 1 more second", TRUE, 1, FALSE },
    { "This ban will last for 3600 more seconds", TRUE, 3600, FALSE },
    { "This ban will last for 2 more minutes", TRUE, 120, FALSE },
    { "This ban will last for 2 more hours", TRUE, 7200, TRUE },
    { "This ban will last for 1 more day", TRUE, 86400, TRUE },
    { "This ban will last for 1 more Hour", TRUE, 3600, TRUE },
    { "Too many requests. This ban will last for 12 more seconds", TRUE, 12, FALSE },
    { "99999999999999999999999 more seconds", TRUE, G_MAXUINT, FALSE },
    { "4294967 more days", TRUE, G_MAXUINT, TRUE },
    { "no more seconds", FALSE, 0, FALSE },
    { " more seconds", FALSE, 0, FALSE },
    { "5 more apples, then 6 more seconds", TRUE, 6, FALSE },
    { "5 more", FALSE, 0, FALSE },
    { "too many requests", FALSE, 0, FALSE },
    { "", FALSE, 0, FALSE },
    { NULL, FALSE, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint seconds = 42;
      gboolean long_unit = TRUE;

      g_test_message ("%s", cases[i].message);
      g_assert_cmpint (dd_error_table_parse_ban (cases[i].message, &seconds, &long_unit), ==,
                       cases[i].stated);
      g_assert_cmpuint (seconds, ==, cases[i].seconds);
      g_assert_cmpint (long_unit, ==, cases[i].long_unit);
    }

  g_assert_true (dd_error_table_parse_ban ("1 more second", NULL, NULL));
}

static void
test_ban_thresholds (void)
{
  struct {
    const char    *message;
    DdErrorAction  action;
    guint          retry_after;
  } cases[] = {
    { "This ban will last for 3600 more seconds", DD_ERROR_ACTION_WAIT, 3600 },
    { "This ban will last for 3601 more seconds", DD_ERROR_ACTION_STOP, 3601 },
    { "This ban will last for 1 more hour", DD_ERROR_ACTION_STOP, 3600 },
    { "This ban will last for 59 more minutes", DD_ERROR_ACTION_WAIT, 3540 },
    { "App Call Limited", DD_ERROR_ACTION_WAIT, 0 },
    { NULL, DD_ERROR_ACTION_WAIT, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = dd_error_table_make (DD_PLATFORM_TOP, NULL, "7", NULL,
                                                     cases[i].message, NULL);

      g_test_message ("%s", cases[i].message);
      g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
      g_assert_cmpint (dd_error_table_get_action (error), ==, cases[i].action);
      g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, cases[i].retry_after);
      g_assert_cmpint (dd_platform_error_is_transient (error), ==,
                       cases[i].action == DD_ERROR_ACTION_WAIT);
    }

  /* The ban of a month ends on a date that can be written. */
  {
    g_autoptr(GError) error = dd_error_table_make (DD_PLATFORM_PANDAPON, NULL, "429", NULL,
                                                   "Too many requests. This ban will last for 99999999999 more seconds",
                                                   NULL);

    g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_STOP);
    g_assert_cmpuint (dd_platform_error_get_retry_after (error), ==, G_MAXUINT);
    g_assert_cmpstr (error->message, !=, "");
  }
}

static char *
format_in (GDateTime *now,
           guint      seconds)
{
  g_autoptr(GDateTime) until = g_date_time_add_seconds (now, seconds);

  return g_date_time_format (until, "%x %H:%M");
}

static void
test_stop_says_until_when (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_before = NULL;
  g_autofree char *expected_after = NULL;

  error = dd_error_table_make (DD_PLATFORM_TOP, NULL, "7", "accesscontrol.limited-by-api-access-count",
                               "This ban will last for 7200 more seconds", NULL);
  after = g_date_time_new_now_local ();

  /* Two hours from now (the minute may turn while the error is made). */
  expected_before = format_in (before, 7200);
  expected_after = format_in (after, 7200);
  g_test_message ("%s", error->message);
  g_assert_true (strstr (error->message, expected_before) != NULL ||
                 strstr (error->message, expected_after) != NULL);
  g_assert_cmpint (dd_error_table_get_action (error), ==, DD_ERROR_ACTION_STOP);

  /* By whom: the platform's name, kept by a copy too. */
  g_assert_cmpstr (dd_platform_error_get_platform (error), ==, DD_PLATFORM_TOP);
  g_assert_true (g_str_has_prefix (error->message, "Taobao stopped answering this account until "));
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_cmpstr (dd_platform_error_get_platform (copy), ==, DD_PLATFORM_TOP);
  }
}

static void
test_action_of_other_errors (void)
{
  g_autoptr(GError) plain = dd_platform_error_new (DD_PLATFORM_ERROR_RATE_LIMITED, NULL, "HTTP 429",
                                                   NULL, NULL, NULL, "Too many");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  /* Not made by the table: FINAL, and the code still decides transience. */
  g_assert_cmpint (dd_error_table_get_action (plain), ==, DD_ERROR_ACTION_FINAL);
  g_assert_cmpint (dd_platform_error_get_action (plain), ==, -1);
  g_assert_true (dd_platform_error_is_transient (plain));
  g_assert_cmpint (dd_error_table_get_action (io), ==, DD_ERROR_ACTION_FINAL);
  g_assert_cmpint (dd_error_table_get_action (NULL), ==, DD_ERROR_ACTION_FINAL);

  /* An action set by hand sticks, and it alone no longer makes it transient. */
  dd_platform_error_set_action (plain, DD_ERROR_ACTION_STOP);
  g_assert_cmpint (dd_error_table_get_action (plain), ==, DD_ERROR_ACTION_STOP);
  g_assert_false (dd_platform_error_is_transient (plain));
  dd_platform_error_set_transient (plain, TRUE);
  g_assert_true (dd_platform_error_is_transient (plain));
}

int
main (int    argc,
      char **argv)
{
  guint n_rules;
  const DdErrorRule *rules;

  g_test_init (&argc, &argv, NULL);

  /* One test per row, named after what it matches: /dingdan/errors/top/code/7. */
  rules = dd_error_table_get_rules (&n_rules);
  for (guint i = 0; i < n_rules; i++)
    {
      g_autofree char *path = NULL;

      if (rules[i].match == DD_ERROR_MATCH_ANY)
        path = g_strdup_printf ("/dingdan/errors/%s/any",
                                rules[i].platform != NULL ? rules[i].platform : "other");
      else
        path = g_strdup_printf ("/dingdan/errors/%s/%s/%s", rules[i].platform,
                                match_name (rules[i].match), rules[i].value);
      g_test_add_data_func (path, &rules[i], test_row);
    }

  g_test_add_func ("/dingdan/errors/table/fallbacks", test_every_platform_has_a_fallback);
  g_test_add_func ("/dingdan/errors/table/top-pc-is-top", test_top_pc_is_top);
  g_test_add_func ("/dingdan/errors/table/top-order-of-rows", test_top_order_of_rows);
  g_test_add_func ("/dingdan/errors/table/parse-ban", test_parse_ban);
  g_test_add_func ("/dingdan/errors/table/ban-thresholds", test_ban_thresholds);
  g_test_add_func ("/dingdan/errors/table/stop-says-until-when", test_stop_says_until_when);
  g_test_add_func ("/dingdan/errors/table/action-of-other-errors", test_action_of_other_errors);

  return g_test_run ();
}
