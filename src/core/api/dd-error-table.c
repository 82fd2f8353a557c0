/* dd-error-table.c: every platform's errors, mapped in one table
 *
 * One static array holds every row; a platform's rows are tried in order
 * and the first match wins, so exact rows come first, then codes, prefixes
 * and types, then the platform's fallback. The messages are N_() here and
 * translated when an error is made. tests/test-error-table.c walks the
 * array: one test per row, which also proves no row is hidden by another.
 *
 * Sources: API.md §1 (TOP router codes and sub-code families), §2 (Taiwan:
 * Lazada's protocol), §3 (PandaPon has no public table: the numbers are the
 * sandbox's and client's, /work/brief/pp-errors.md and pp-shape.md, and
 * anything else is treated as "check the state, then retry").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-order.h"

/* ------------------------------------------------------------------ */
/* Sentences shared by several rows                                    */

static const char top_ban[] =
  N_("Taobao is limiting how often this account may call it. Try again in a moment.");
static const char top_close_too_fast[] =
  N_("Taobao closes an order only 10 seconds after it was created. Wait a few seconds, then close it again.");
static const char top_state[] =
  N_("Taobao could not do this with the order in its current state. Refresh the order and check its status.");
static const char top_not_found[] =
  N_("Taobao does not know this order. It may belong to another shop.");
static const char top_server[] =
  N_("Taobao is having a problem. Try again later.");
static const char top_permission[] =
  N_("Taobao says the app or the shop lacks the permission for this. Grant it on the Taobao Open Platform, then try again.");
static const char top_bug[] =
  N_("Dingdan sent Taobao a wrong request. Please report this problem.");
static const char top_argument[] =
  N_("Taobao did not accept the request. See the details.");
static const char top_session[] =
  N_("The shop’s authorisation has expired or is not valid. Authorise the shop again.");
static const char top_app_key[] =
  N_("Taobao does not accept the app key. Check the app key in the account’s settings.");
static const char top_clock[] =
  N_("Taobao refused the request’s time. Check that this computer’s clock is right.");

static const char tw_auth[] =
  N_("Taobao Taiwan refused the account’s credentials. Check the app key and secret.");
static const char tw_rate[] =
  N_("Taobao Taiwan is limiting how often the shop may be asked. Try again in a moment.");
static const char tw_argument[] =
  N_("Taobao Taiwan did not accept the request. See the details.");
static const char tw_not_found[] =
  N_("Taobao Taiwan does not know this order.");
static const char tw_server[] =
  N_("Taobao Taiwan is having a problem. Try again later.");

static const char pp_server[] =
  N_("PandaPon is having a problem. Try again later.");

/* ------------------------------------------------------------------ */
/* The table                                                           */

#define TOP DD_PLATFORM_TOP
#define TW  DD_PLATFORM_TW
#define PP  DD_PLATFORM_PANDAPON

#define CODE   DD_ERROR_MATCH_CODE
#define SUB    DD_ERROR_MATCH_SUB_CODE
#define PREFIX DD_ERROR_MATCH_SUB_CODE_PREFIX
#define TYPE   DD_ERROR_MATCH_TYPE
#define ANY    DD_ERROR_MATCH_ANY

#define E(x) DD_PLATFORM_ERROR_##x
#define A(x) DD_ERROR_ACTION_##x

static const DdErrorRule rules[] = {
  /* ---- TOP (seller and procurement: the same router) ---- */

  /* Business failures inside a success envelope (result.success = false):
   * the client passes type "biz" and the error_code (top-pc-shape.md). */
  { TOP, CODE, "CLOSE_TRADE_TOO_FAST", E (STATE_CONFLICT), A (FINAL), top_close_too_fast },
  { TOP, CODE, "ORDER_NOT_EXIST", E (NOT_FOUND), A (FINAL), top_not_found },
  { TOP, CODE, "ORDER_STATUS_NOT_ALLOW_CANCEL", E (STATE_CONFLICT), A (FINAL), top_state },
  { TOP, CODE, "ITEM_CANNOT_BUY", E (STATE_CONFLICT), A (FINAL),
    N_("Taobao cannot sell one of the items at the moment. Remove it from the purchase, then try again.") },
  /* Creating twice with one out_order_id: the client counts it as success. */
  { TOP, CODE, "OUT_ORDER_ID_DUPLICATE", E (STATE_CONFLICT), A (FINAL),
    N_("Taobao already has a purchase order under this number. Refresh the orders to see it.") },
  { TOP, TYPE, "biz", E (STATE_CONFLICT), A (FINAL), top_state },

  /* Sub-codes that say more than their code (15 / 50 remote service errors). */
  { TOP, SUB, "isv.CLOSE_TRADE_TOO_FAST", E (STATE_CONFLICT), A (FINAL), top_close_too_fast },
  { TOP, SUB, "CLOSE_TRADE_TOO_FAST", E (STATE_CONFLICT), A (FINAL), top_close_too_fast },
  { TOP, SUB, "isv.trade-not-exist", E (NOT_FOUND), A (FINAL), top_not_found },
  { TOP, SUB, "isv.trade-status-error", E (STATE_CONFLICT), A (FINAL), top_state },

  /* Rate and quota bans: "This ban will last for N more seconds"; a ban of
   * more than an hour (a daily quota) becomes STOP in dd_error_table_make(). */
  { TOP, CODE, "7", E (RATE_LIMITED), A (WAIT), top_ban },
  { TOP, CODE, "4", E (RATE_LIMITED), A (WAIT), top_ban },
  { TOP, CODE, "5", E (RATE_LIMITED), A (WAIT), top_ban },
  { TOP, CODE, "6", E (RATE_LIMITED), A (WAIT), top_ban },
  { TOP, CODE, "8", E (RATE_LIMITED), A (WAIT), top_ban },
  { TOP, CODE, "10", E (SERVER), A (RETRY),
    N_("Taobao’s service is unavailable at the moment. Try again later.") },
  { TOP, CODE, "11", E (PERMISSION), A (FINAL), top_permission },
  { TOP, CODE, "12", E (PERMISSION), A (FINAL), top_permission },
  { TOP, CODE, "13", E (PERMISSION), A (FINAL), top_permission },
  /* Method, format or signature missing: our fault. */
  { TOP, CODE, "21", E (INVALID_ARGUMENT), A (FINAL), top_bug },
  { TOP, CODE, "22", E (INVALID_ARGUMENT), A (FINAL), top_bug },
  { TOP, CODE, "23", E (INVALID_ARGUMENT), A (FINAL), top_bug },
  { TOP, CODE, "24", E (INVALID_ARGUMENT), A (FINAL), top_bug },
  { TOP, CODE, "25", E (AUTH), A (FINAL),
    N_("Taobao refused the request’s signature. Check the app secret in the account’s settings.") },
  { TOP, CODE, "26", E (AUTH), A (REAUTH), top_session },
  { TOP, CODE, "27", E (AUTH), A (REAUTH), top_session },
  { TOP, CODE, "28", E (AUTH), A (FINAL), top_app_key },
  { TOP, CODE, "29", E (AUTH), A (FINAL), top_app_key },
  { TOP, CODE, "30", E (AUTH), A (CLOCK), top_clock },
  { TOP, CODE, "31", E (AUTH), A (CLOCK), top_clock },
  { TOP, CODE, "32", E (INVALID_ARGUMENT), A (FINAL), top_bug },
  { TOP, CODE, "33", E (INVALID_ARGUMENT), A (FINAL), top_bug },
  { TOP, CODE, "40", E (INVALID_ARGUMENT), A (FINAL), top_argument },
  { TOP, CODE, "41", E (INVALID_ARGUMENT), A (FINAL), top_argument },
  { TOP, CODE, "43", E (INVALID_ARGUMENT), A (FINAL), top_argument },
  { TOP, CODE, "53", E (PERMISSION), A (FINAL),
    N_("Taobao requires a higher security level for this call. Check the app’s security settings on the Taobao Open Platform.") },

  /* Sub-code families. */
  { TOP, PREFIX, "isp.", E (SERVER), A (RETRY), top_server },
  { TOP, PREFIX, "isv.", E (INVALID_ARGUMENT), A (FINAL),
    N_("Taobao refused the request. See the details for its reason.") },
  { TOP, PREFIX, "accesscontrol.", E (RATE_LIMITED), A (WAIT), top_ban },

  /* Remote service errors whose sub-code said nothing more. */
  { TOP, CODE, "15", E (SERVER), A (RETRY), top_server },
  { TOP, CODE, "50", E (SERVER), A (RETRY), top_server },

  { TOP, ANY, NULL, E (BAD_RESPONSE), A (FINAL),
    N_("Taobao answered with an error Dingdan does not know. See the details.") },

  /* ---- Taobao Taiwan ---- */
  { TW, CODE, "IncompleteSignature", E (AUTH), A (FINAL), tw_auth },
  { TW, CODE, "InvalidAppKey", E (AUTH), A (FINAL), tw_auth },
  /* Issue C refreshes the token first, then asks to authorise again. */
  { TW, CODE, "IllegalAccessToken", E (AUTH), A (REAUTH), top_session },
  { TW, CODE, "InvalidTimestamp", E (AUTH), A (CLOCK),
    N_("Taobao Taiwan refused the request’s time. Check that this computer’s clock is right.") },
  /* No ban stated: retry-after stays 0 and dd-http backs off instead. */
  { TW, CODE, "ApiCallLimit", E (RATE_LIMITED), A (WAIT), tw_rate },
  { TW, CODE, "AppCallLimit", E (RATE_LIMITED), A (WAIT), tw_rate },
  { TW, CODE, "MissingParameter", E (INVALID_ARGUMENT), A (FINAL), tw_argument },
  { TW, CODE, "InvalidParameter", E (INVALID_ARGUMENT), A (FINAL), tw_argument },
  /* Lazada's order error table: 16 "Invalid Order ID", 37 "Invalid Order Item ID". */
  { TW, CODE, "16", E (NOT_FOUND), A (FINAL), tw_not_found },
  { TW, CODE, "37", E (NOT_FOUND), A (FINAL), tw_not_found },
  { TW, TYPE, "ISP", E (SERVER), A (RETRY), tw_server },
  { TW, TYPE, "SYSTEM", E (SERVER), A (RETRY), tw_server },
  { TW, ANY, NULL, E (BAD_RESPONSE), A (FINAL),
    N_("Taobao Taiwan answered with an error Dingdan does not know. See the details.") },

  /* ---- PandaPon (the envelope's integer code, as a string) ---- */
  { PP, CODE, "401", E (AUTH), A (FINAL),
    N_("PandaPon refused the account’s credentials. Check the access key and the user id in the account’s settings.") },
  { PP, CODE, "402", E (AUTH), A (FINAL),
    N_("PandaPon refused the request’s signature. Check the secret in the account’s settings.") },
  { PP, CODE, "403", E (AUTH), A (CLOCK),
    N_("PandaPon refused the request’s time. Check that this computer’s clock is right.") },
  { PP, CODE, "406", E (AUTH), A (FINAL),
    N_("PandaPon took the request for a repeat of an earlier one and refused it. Check the order, then try again.") },
  { PP, CODE, "429", E (RATE_LIMITED), A (WAIT),
    N_("PandaPon is limiting how often this account may call it. Try again in a moment.") },
  { PP, CODE, "400", E (INVALID_ARGUMENT), A (FINAL),
    N_("PandaPon did not accept the request. See the details.") },
  /* An unknown order (pp-shape.md) or API path (pp-errors.md). */
  { PP, CODE, "404", E (NOT_FOUND), A (FINAL),
    N_("PandaPon could not find what was asked for: the order may not exist, or the account’s address may be wrong.") },
  { PP, CODE, "410", E (NOT_FOUND), A (FINAL),
    N_("PandaPon does not know this order.") },
  { PP, CODE, "409", E (STATE_CONFLICT), A (FINAL),
    N_("PandaPon could not do this with the order in its current state. Refresh the order and check its status.") },
  /* Creating twice with one sellerOrderNumber: the client counts it as success. */
  { PP, CODE, "4091", E (STATE_CONFLICT), A (FINAL),
    N_("PandaPon already has an order under this number. Refresh the orders to see it.") },
  { PP, CODE, "500", E (SERVER), A (RETRY), pp_server },
  { PP, CODE, "502", E (SERVER), A (RETRY), pp_server },
  { PP, CODE, "503", E (SERVER), A (RETRY), pp_server },
  { PP, CODE, "504", E (SERVER), A (RETRY), pp_server },
  /* API.md §3: anything else means "check the state, then retry": reads
   * retry; a write's outcome is unknown (SERVER), so it is read back. */
  { PP, ANY, NULL, E (SERVER), A (RETRY),
    N_("PandaPon answered with an error Dingdan does not know. Check the order before trying again.") },

  /* ---- any other platform ---- */
  { NULL, ANY, NULL, E (BAD_RESPONSE), A (FINAL),
    N_("The platform answered with an error Dingdan does not know. See the details.") },
};

#undef TOP
#undef TW
#undef PP
#undef CODE
#undef SUB
#undef PREFIX
#undef TYPE
#undef ANY
#undef E
#undef A

const DdErrorRule *
dd_error_table_get_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);

  return rules;
}

/* "top-pc" (procurement) speaks the same router as "top". */
static const char *
table_platform (const char *platform)
{
  if (g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0)
    return DD_PLATFORM_TOP;

  return platform;
}

static gboolean
rule_matches (const DdErrorRule *rule,
              const char        *type,
              const char        *code,
              const char        *sub_code)
{
  switch (rule->match)
    {
    case DD_ERROR_MATCH_CODE:
      return g_strcmp0 (code, rule->value) == 0;

    case DD_ERROR_MATCH_SUB_CODE:
      return g_strcmp0 (sub_code, rule->value) == 0;

    case DD_ERROR_MATCH_SUB_CODE_PREFIX:
      return sub_code != NULL && g_str_has_prefix (sub_code, rule->value);

    case DD_ERROR_MATCH_TYPE:
      return g_strcmp0 (type, rule->value) == 0;

    case DD_ERROR_MATCH_ANY:
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

const DdErrorRule *
dd_error_table_lookup (const char *platform,
                       const char *type,
                       const char *code,
                       const char *sub_code)
{
  const char *wanted = table_platform (platform);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const DdErrorRule *rule = &rules[i];

      /* A NULL platform row serves every platform (the last row). */
      if (rule->platform != NULL && g_strcmp0 (rule->platform, wanted) != 0)
        continue;

      if (rule_matches (rule, type, code, sub_code))
        return rule;
    }

  /* Not reached: the last row matches anything. */
  return &rules[G_N_ELEMENTS (rules) - 1];
}

/* ------------------------------------------------------------------ */
/* Bans                                                                */

static gboolean
unit_seconds (const char *word,
              guint64    *factor,
              gboolean   *long_unit)
{
  static const struct {
    const char *word;
    guint64     factor;
    gboolean    long_unit;
  } units[] = {
    { "second", 1, FALSE },
    { "minute", 60, FALSE },
    { "hour", 3600, TRUE },
    { "day", 86400, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strncasecmp (word, units[i].word, strlen (units[i].word)) == 0)
      {
        *factor = units[i].factor;
        *long_unit = units[i].long_unit;
        return TRUE;
      }

  return FALSE;
}

gboolean
dd_error_table_parse_ban (const char *message,
                          guint      *seconds,
                          gboolean   *long_unit)
{
  static const char marker[] = " more ";

  if (seconds != NULL)
    *seconds = 0;
  if (long_unit != NULL)
    *long_unit = FALSE;

  if (message == NULL)
    return FALSE;

  for (const char *p = strstr (message, marker); p != NULL; p = strstr (p + 1, marker))
    {
      const char *digits = p;
      g_autofree char *number = NULL;
      guint64 value = 0;
      guint64 factor = 1;
      gboolean is_long = FALSE;
      guint result;

      while (digits > message && g_ascii_isdigit (digits[-1]))
        digits--;
      if (digits == p || !unit_seconds (p + strlen (marker), &factor, &is_long))
        continue;

      number = g_strndup (digits, p - digits);
      /* Too many digits to hold: a ban as long as can be. */
      if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT64, &value, NULL) ||
          value > G_MAXUINT / factor)
        result = G_MAXUINT;
      else
        result = (guint) (value * factor);

      if (seconds != NULL)
        *seconds = result;
      if (long_unit != NULL)
        *long_unit = is_long;

      return TRUE;
    }

  return FALSE;
}

/* The sentence of a ban too long to wait out, saying until when, and by
 * whom when @platform (a DD_PLATFORM_* id) is known. */
static char *
stop_message (const char *platform,
              guint       seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_seconds (now, (gdouble) seconds);
  g_autofree char *when = NULL;
  const char *name = dd_platform_get_label (platform);

  if (until != NULL)
    when = g_date_time_format (until, "%x %H:%M");

  if (when == NULL && name != NULL)
    /* Translators: %s is a platform's name, such as “Taobao Taiwan” */
    return g_strdup_printf (_("%s stopped answering this account for a long time, probably because a daily limit of calls was reached. Try again tomorrow."),
                            name);
  if (when == NULL)
    return g_strdup (_("The platform stopped answering this account for a long time, probably because a daily limit of calls was reached. Try again tomorrow."));

  if (name != NULL)
    /* Translators: the first %s is a platform's name, such as “Taobao
     * Taiwan”; the second a date and a time such as “05/06/24 14:30”: the
     * end of a ban */
    return g_strdup_printf (_("%1$s stopped answering this account until %2$s, probably because a daily limit of calls was reached. Try again after that time."),
                            name, when);
  /* Translators: %s is a date and a time such as “05/06/24 14:30”: the end of a ban */
  return g_strdup_printf (_("The platform stopped answering this account until %s, probably because a daily limit of calls was reached. Try again after that time."),
                          when);
}

void
dd_error_table_set_ban (GError   *error,
                        guint     seconds,
                        gboolean  long_unit)
{
  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == DD_PLATFORM_ERROR);

  dd_platform_error_set_retry_after (error, seconds);

  if (!long_unit && seconds <= DD_ERROR_TABLE_MAX_WAIT_BAN_S)
    {
      dd_platform_error_set_action (error, DD_ERROR_ACTION_WAIT);
      dd_platform_error_set_transient (error, TRUE);
      return;
    }

  /* A daily quota: waiting would look like a hang. Stop, and say until when. */
  dd_platform_error_set_action (error, DD_ERROR_ACTION_STOP);
  dd_platform_error_set_transient (error, FALSE);
  g_free (error->message);
  error->message = stop_message (dd_platform_error_get_platform (error), seconds);
}

GError *
dd_error_table_make (const char *platform,
                     const char *type,
                     const char *code,
                     const char *sub_code,
                     const char *platform_message,
                     const char *request_id)
{
  const DdErrorRule *rule;
  guint seconds = 0;
  gboolean long_unit = FALSE;
  GError *error;

  rule = dd_error_table_lookup (platform, type, code, sub_code);

  error = dd_platform_error_new (rule->code, type, code, sub_code, platform_message,
                                 request_id, _(rule->message));
  dd_platform_error_set_platform (error, platform);
  dd_platform_error_set_action (error, rule->action);
  dd_platform_error_set_transient (error, rule->action == DD_ERROR_ACTION_RETRY ||
                                          rule->action == DD_ERROR_ACTION_WAIT);

  if (rule->action == DD_ERROR_ACTION_WAIT &&
      dd_error_table_parse_ban (platform_message, &seconds, &long_unit))
    dd_error_table_set_ban (error, seconds, long_unit);

  return error;
}

DdErrorAction
dd_error_table_get_action (const GError *error)
{
  int action = dd_platform_error_get_action (error);

  if (action < 0 || action > DD_ERROR_ACTION_CLOCK)
    return DD_ERROR_ACTION_FINAL;

  return (DdErrorAction) action;
}
