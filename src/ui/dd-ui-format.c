/* dd-ui-format.c: how the window shows dates, money, payments and platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-ui-format.h"

char *
dd_ui_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date);
  if (local == NULL)
    return g_strdup ("");

  /* Translators: date and time of an order in the list and the detail pane;
   * see the strftime-like codes of g_date_time_format() */
  return g_date_time_format (local, C_("order date", "%Y-%m-%d %H:%M"));
}

char *
dd_ui_format_money (const DdMoney *money)
{
  if (money == NULL || (money->currency[0] == '\0' && money->minor == 0))
    return g_strdup ("");

  return dd_money_format (money);
}

const char *
dd_ui_format_payment (DdOrder *order)
{
  const char *channel;

  g_return_val_if_fail (DD_IS_ORDER (order), "");

  if (dd_order_is_cash_on_delivery (order))
    return _("Cash on delivery");

  channel = dd_order_get_payment_channel (order);
  if (channel != NULL && channel[0] != '\0')
    return channel;

  if (dd_order_get_payment_kind (order) == DD_PAYMENT_KIND_ONLINE)
    /* Translators: how an order was paid, when the platform names no channel */
    return C_("payment", "Online");

  return "";
}

const char *
dd_ui_format_platform (const char *platform)
{
  const char *label;

  if (platform == NULL)
    return "";

  label = dd_platform_get_label (platform);
  if (label != NULL)
    return label;

  return platform;
}

static char *
format_time_of_day (GDateTime *when,
                    GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);

  if (local == NULL || local_now == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: a time later today; see the codes of g_date_time_format() */
    return g_date_time_format (local, C_("time of day", "%H:%M"));

  return dd_ui_format_date (when);
}

static char *
format_synced (GDateTime *synced,
               GDateTime *now)
{
  GTimeSpan ago = g_date_time_difference (now, synced);
  gint64 minutes = ago / G_TIME_SPAN_MINUTE;
  gint64 hours = ago / G_TIME_SPAN_HOUR;

  if (minutes < 1)
    return g_strdup (_("Synced just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: when an account last synced its
                                          * orders; %u is a number of minutes */
                                         "Synced %u minute ago",
                                         "Synced %u minutes ago",
                                         (gulong) minutes),
                            (guint) minutes);
  if (hours < 24)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: when an account last synced its
                                          * orders; %u is a number of hours */
                                         "Synced %u hour ago",
                                         "Synced %u hours ago",
                                         (gulong) hours),
                            (guint) hours);
  else
    {
      g_autofree char *date = dd_ui_format_date (synced);

      /* Translators: %s is a date and time */
      return g_strdup_printf (_("Synced on %s"), date);
    }
}

char *
dd_ui_format_account_state (DdAccount *account,
                            GDateTime *now)
{
  const char *message;
  const char *error;
  GDateTime *until;
  GDateTime *synced;

  g_return_val_if_fail (DD_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  message = dd_account_get_state_message (account);
  switch (dd_account_get_state (account))
    {
    case DD_ACCOUNT_STATE_NO_KEYRING:
      return g_strdup (message != NULL ? message : _("The keyring is locked or unavailable"));
    case DD_ACCOUNT_STATE_MISSING_SECRET:
      return g_strdup (message != NULL ? message : _("The keyring has no secret for this account"));
    case DD_ACCOUNT_STATE_REAUTHORIZE:
      return g_strdup (message != NULL ? message : _("Needs to be authorised again"));
    case DD_ACCOUNT_STATE_DISCONNECTED:
      if (message != NULL)
        return g_strdup (message);
      break;
    case DD_ACCOUNT_STATE_CONNECTED:
    default:
      break;
    }

  until = dd_account_get_throttled_until (account);
  if (until != NULL && g_date_time_compare (until, now) > 0)
    {
      g_autofree char *time = format_time_of_day (until, now);

      /* Translators: the platform asked Dingdan to wait; %s is a time */
      return g_strdup_printf (_("Throttled until %s"), time);
    }

  error = dd_account_get_last_error (account);
  if (error != NULL && error[0] != '\0')
    return g_strdup (error);

  synced = dd_account_get_last_synced (account);
  if (synced != NULL)
    return format_synced (synced, now);

  if (dd_account_get_state (account) == DD_ACCOUNT_STATE_DISCONNECTED)
    return g_strdup (_("Connecting…"));

  return g_strdup (_("Not synced yet"));
}

char *
dd_ui_clip_text (const char *text)
{
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  p = text;
  for (guint n = 0; n < DD_UI_TEXT_MAX && *p != '\0'; n++)
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return g_strdup (text);

  {
    GString *clipped = g_string_new_len (text, p - text);

    g_string_append (clipped, "…");
    return g_string_free (clipped, FALSE);
  }
}

char *
dd_ui_isolate (const char *text)
{
  g_autofree char *clipped = dd_ui_clip_text (text);

  return g_strconcat ("\u2068", clipped, "\u2069", NULL);
}
