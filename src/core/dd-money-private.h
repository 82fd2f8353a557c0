/* dd-money-private.h: the locale-independent core of dd_money_format()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-money.h"

G_BEGIN_DECLS

/* The symbol written before an amount ("¥", "NT$" …), or NULL when the
 * currency has none we know of (then the code and a space are used). */
const char *dd_money_currency_symbol (const char    *currency);

/* dd_money_format() with explicit separators instead of the locale's.
 * @grouping is in localeconv() form: each byte a group size from the right,
 * 0 repeats the previous size, CHAR_MAX stops grouping; "" means no grouping.
 * @thousands_sep may be "" (no separator). */
char       *dd_money_format_full     (const DdMoney *money,
                                      const char    *decimal_point,
                                      const char    *thousands_sep,
                                      const char    *grouping) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
