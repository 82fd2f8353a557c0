/* dd-money.h: an amount of money, exact, in integer minor units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A DdMoney is a plain value: an amount in the currency's ISO 4217 minor units
 * (fen for CNY, cents for TWD and USD, yen for JPY) and the currency code.
 * Amounts never pass through a double. */
typedef struct
{
  gint64 minor;
  char   currency[4]; /* ISO 4217, NUL-terminated; "" when unknown */
} DdMoney;

#define DD_MONEY_INIT { 0, "" }

/* Number of minor-unit digits of an ISO 4217 currency (CNY 2, TWD 2, JPY 0 …);
 * 2 for unknown codes. */
guint     dd_money_currency_exponent (const char  *currency);

void      dd_money_init              (DdMoney     *money,
                                      gint64       minor,
                                      const char  *currency);

/* Parses a decimal string in major units: "62", "200.07", "0.1", "-3.5".
 * More fraction digits than the currency has, exponents, spaces, a sign
 * other than a leading '-', overflow, or an unknown currency code shape is
 * an error (G_IO_ERROR_INVALID_DATA). */
gboolean  dd_money_parse_decimal     (const char  *text,
                                      const char  *currency,
                                      DdMoney     *out,
                                      GError     **error);

/* Parses a string or integer already in minor units ("12800" fen). */
gboolean  dd_money_parse_minor       (const char  *text,
                                      const char  *currency,
                                      DdMoney     *out,
                                      GError     **error);

/* Adds; FALSE (and @out untouched) on overflow or a currency mismatch. */
gboolean  dd_money_add               (const DdMoney *a,
                                      const DdMoney *b,
                                      DdMoney       *out);

gboolean  dd_money_equal             (const DdMoney *a,
                                      const DdMoney *b);

/* The amount as a plain decimal in major units with exactly the currency's
 * exponent digits, '.' as separator, no grouping: "200.07", "62.00", "-0.30".
 * For storage and CSV. */
char     *dd_money_to_decimal        (const DdMoney *money) G_GNUC_WARN_UNUSED_RESULT;

/* The amount for people, per the current locale (LC_MONETARY/LC_NUMERIC:
 * grouping and decimal mark), with the currency's symbol: "NT$1,234.00",
 * "¥128.00", "US$5.00", "€3.00". Currencies without a known symbol use the code:
 * "SGD 3.00". */
char     *dd_money_format            (const DdMoney *money) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
