/* fuzz-money.c: money parsing (dd-money.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: one selector byte (the currency, modulo G_N_ELEMENTS (currencies)),
 * then the amount's text. Both parsers read it; an amount that parses must
 * print and read back to itself (decimal), and adding it to itself must
 * either succeed or refuse (overflow), never wrap.
 */
#include "config.h"

#include "dd-money.h"
#include "fuzz-common.h"

static const char * const currencies[] = { "CNY", "TWD", "JPY", "USD", "KWD", "", "XXX", "cny" };

static void
check_amount (const DdMoney *money)
{
  g_autofree char *decimal = NULL;
  g_autofree char *formatted = NULL;
  DdMoney again = DD_MONEY_INIT;
  DdMoney sum = DD_MONEY_INIT;
  g_autoptr(GError) error = NULL;

  decimal = dd_money_to_decimal (money);
  g_assert_nonnull (decimal);
  if (!dd_money_parse_decimal (decimal, money->currency, &again, &error))
    g_error ("%s does not read back: %s", decimal, error->message);
  g_assert_true (dd_money_equal (money, &again));

  formatted = dd_money_format (money);
  g_assert_nonnull (formatted);

  if (dd_money_add (money, money, &sum))
    g_assert_cmpint (sum.minor / 2, ==, money->minor);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  const char *currency;
  DdMoney money = DD_MONEY_INIT;

  fuzz_init ();
  if (size < 1)
    return 0;
  currency = currencies[data[0] % G_N_ELEMENTS (currencies)];
  text = fuzz_strndup (data + 1, size - 1);

  {
    g_autoptr(GError) error = NULL;

    if (dd_money_parse_decimal (text, currency, &money, &error))
      check_amount (&money);
    else
      g_assert (error != NULL);
  }
  {
    g_autoptr(GError) error = NULL;

    if (dd_money_parse_minor (text, currency, &money, &error))
      check_amount (&money);
    else
      g_assert (error != NULL);
  }
  (void) dd_money_currency_exponent (text);
  return 0;
}
