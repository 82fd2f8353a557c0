/* dd-ui-format.h: how the window shows dates, money, payments and platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "dd-account.h"
#include "dd-order.h"

G_BEGIN_DECLS

/* @date (UTC) in local time, "2020-06-24 16:54" per the translation; "" for NULL. */
char       *dd_ui_format_date          (GDateTime     *date) G_GNUC_WARN_UNUSED_RESULT;

/* dd_money_format(), or "" when @money is NULL or has no currency and no amount. */
char       *dd_ui_format_money         (const DdMoney *money) G_GNUC_WARN_UNUSED_RESULT;

/* "Cash on delivery" (translated) for COD orders, else the platform's
 * channel name, else "Online" when known to be paid online, else "". */
const char *dd_ui_format_payment       (DdOrder       *order);

/* The platform's name for people ("Taobao Taiwan", "PandaPon"…), translated;
 * an unknown id is returned as it is, NULL as "". */
const char *dd_ui_format_platform      (const char    *platform);

/* One line for the sidebar on how @account is doing at @now (UTC): why it
 * cannot work ("Keyring locked…"), else "Throttled until 14:05", else its
 * last error, else "Synced 5 minutes ago" / "Not synced yet". Translated. */
char       *dd_ui_format_account_state (DdAccount     *account,
                                        GDateTime     *now) G_GNUC_WARN_UNUSED_RESULT;

/* Server text for a label (issue H: hostile strings): @text as it is when
 * short, else its first DD_UI_TEXT_MAX characters and "…" (the cache keeps
 * it all; a 1 MB name would make every label slow). "" for NULL. Plain
 * text: never give it to a widget that reads markup. */
#define DD_UI_TEXT_MAX 1000
char       *dd_ui_clip_text            (const char    *text) G_GNUC_WARN_UNUSED_RESULT;

/* dd_ui_clip_text() between FIRST STRONG ISOLATE and POP DIRECTIONAL
 * ISOLATE (U+2068 … U+2069): for server text interpolated into a sentence,
 * so that its bidi overrides (U+202E…) cannot reorder the words and numbers
 * around it. */
char       *dd_ui_isolate              (const char    *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
