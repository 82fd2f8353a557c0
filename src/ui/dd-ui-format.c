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
  if (platform == NULL)
    return "";

  if (g_str_equal (platform, DD_PLATFORM_TW))
    return C_("platform", "Taobao Taiwan");
  if (g_str_equal (platform, DD_PLATFORM_TOP))
    /* Translators: the Taobao Open Platform, as seen by a seller */
    return C_("platform", "Taobao");
  if (g_str_equal (platform, DD_PLATFORM_TOP_PC))
    /* Translators: Taobao's procurement service for companies (企业购) */
    return C_("platform", "Taobao Procurement");
  if (g_str_equal (platform, DD_PLATFORM_PANDAPON))
    /* Translators: a cross-border purchasing service; a brand name */
    return C_("platform", "PandaPon");

  return platform;
}
