/* dd-money.c: an amount of money, exact, in integer minor units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are parsed digit by digit into a gint64; no double is ever
 * involved. The grammar of dd_money_parse_decimal() is deliberately strict:
 *
 *   amount   = [ "-" ] digits [ "." digits ]
 *
 * with at least one digit on each side of the point (".5" and "1." are
 * rejected), at most as many fraction digits as the currency's exponent
 * ("1.230" is rejected for CNY even though the extra digit is a zero), no
 * spaces, no '+', no exponent and no grouping. Platforms serve amounts in
 * exactly this form; anything else means the reply is not what we think it
 * is, and guessing would put a wrong price in front of the merchant.
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "dd-money.h"
#include "dd-money-private.h"

typedef struct
{
  const char *code;
  guint       exponent;
  const char *symbol; /* NULL: use the code */
} CurrencyInfo;

/* ISO 4217 minor-unit digits, and the symbol we show. Sorted by code. */
static const CurrencyInfo currencies[] = {
  { "BHD", 3, NULL },
  { "CLP", 0, NULL },
  { "CNY", 2, "¥" },
  { "EUR", 2, "€" },
  { "GBP", 2, "£" },
  { "HKD", 2, "HK$" },
  { "ISK", 0, NULL },
  { "JOD", 3, NULL },
  { "JPY", 0, "JP¥" },
  { "KRW", 0, "₩" },
  { "KWD", 3, NULL },
  { "MOP", 2, NULL },
  { "MYR", 2, NULL },
  { "OMR", 3, NULL },
  { "SGD", 2, NULL },
  { "TND", 3, NULL },
  { "TWD", 2, "NT$" },
  { "USD", 2, "US$" },
  { "VND", 0, NULL },
};

#define DEFAULT_EXPONENT 2

static const CurrencyInfo *
lookup_currency (const char *currency)
{
  if (currency == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      if (strcmp (currencies[i].code, currency) == 0)
        return &currencies[i];
    }

  return NULL;
}

static gboolean
is_currency_code (const char *currency)
{
  if (currency == NULL)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (currency[i] < 'A' || currency[i] > 'Z')
        return FALSE;
    }

  return currency[3] == '\0';
}

guint
dd_money_currency_exponent (const char *currency)
{
  const CurrencyInfo *info = lookup_currency (currency);

  return info != NULL ? info->exponent : DEFAULT_EXPONENT;
}

const char *
dd_money_currency_symbol (const char *currency)
{
  const CurrencyInfo *info = lookup_currency (currency);

  return info != NULL ? info->symbol : NULL;
}

void
dd_money_init (DdMoney    *money,
               gint64      minor,
               const char *currency)
{
  g_return_if_fail (money != NULL);

  money->minor = minor;
  if (is_currency_code (currency))
    memcpy (money->currency, currency, 4);
  else
    money->currency[0] = '\0';
}

static guint64
pow10_u64 (guint exponent)
{
  guint64 v = 1;

  while (exponent-- > 0)
    v *= 10;

  return v;
}

/* Appends the digits at *p to *acc, checking against @limit.
 * Returns the number of digits read, or -1 on overflow. */
static int
read_digits (const char **p,
             guint64     *acc,
             guint64      limit)
{
  int n = 0;

  while (**p >= '0' && **p <= '9')
    {
      guint digit = (guint) (**p - '0');

      if (*acc > (limit - digit) / 10)
        return -1;

      *acc = *acc * 10 + digit;
      (*p)++;
      n++;
    }

  return n;
}

static gboolean
invalid (GError     **error,
         const char  *text,
         const char  *currency)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: the first %s is a number as a platform sent it,
                * the second a currency code such as TWD */
               _("“%s” is not a valid amount of %s"),
               text != NULL ? text : "", currency != NULL ? currency : "");
  return FALSE;
}

static gboolean
overflow (GError     **error,
          const char  *text)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is a number as a platform sent it */
               _("The amount “%s” is too large"), text);
  return FALSE;
}

static gboolean
check_currency (const char  *currency,
                GError     **error)
{
  if (is_currency_code (currency))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* Translators: %s is what a platform sent as a currency code */
               _("“%s” is not a currency code"), currency != NULL ? currency : "");
  return FALSE;
}

/* The magnitude limit for a sign: |G_MININT64| is one more than G_MAXINT64. */
static guint64
magnitude_limit (gboolean negative)
{
  return negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
}

static gint64
apply_sign (guint64  magnitude,
            gboolean negative)
{
  if (!negative)
    return (gint64) magnitude;
  if (magnitude == (guint64) G_MAXINT64 + 1)
    return G_MININT64;
  return -(gint64) magnitude;
}

gboolean
dd_money_parse_decimal (const char  *text,
                        const char  *currency,
                        DdMoney     *out,
                        GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint exponent;
  guint64 limit;
  guint64 whole = 0;
  guint64 fraction = 0;
  guint64 scale;
  int n_whole;
  int n_fraction = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_currency (currency, error))
    return FALSE;
  if (text == NULL)
    return invalid (error, text, currency);

  exponent = dd_money_currency_exponent (currency);
  scale = pow10_u64 (exponent);

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  limit = magnitude_limit (negative);

  /* The whole part must fit once scaled to minor units. */
  n_whole = read_digits (&p, &whole, limit / scale);
  if (n_whole < 0)
    return overflow (error, text);
  if (n_whole == 0)
    return invalid (error, text, currency);

  if (*p == '.')
    {
      p++;
      n_fraction = read_digits (&p, &fraction, G_MAXUINT64);
      if (n_fraction <= 0 || (guint) n_fraction > exponent)
        return invalid (error, text, currency);
    }

  if (*p != '\0')
    return invalid (error, text, currency);

  fraction *= pow10_u64 (exponent - (guint) n_fraction);
  if (whole * scale > limit - fraction)
    return overflow (error, text);

  out->minor = apply_sign (whole * scale + fraction, negative);
  memcpy (out->currency, currency, 4);

  return TRUE;
}

gboolean
dd_money_parse_minor (const char  *text,
                      const char  *currency,
                      DdMoney     *out,
                      GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  int n;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_currency (currency, error))
    return FALSE;
  if (text == NULL)
    return invalid (error, text, currency);

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  n = read_digits (&p, &magnitude, magnitude_limit (negative));
  if (n < 0)
    return overflow (error, text);
  if (n == 0 || *p != '\0')
    return invalid (error, text, currency);

  out->minor = apply_sign (magnitude, negative);
  memcpy (out->currency, currency, 4);

  return TRUE;
}

gboolean
dd_money_add (const DdMoney *a,
              const DdMoney *b,
              DdMoney       *out)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (strcmp (a->currency, b->currency) != 0)
    return FALSE;

  if ((b->minor > 0 && a->minor > G_MAXINT64 - b->minor) ||
      (b->minor < 0 && a->minor < G_MININT64 - b->minor))
    return FALSE;

  out->minor = a->minor + b->minor;
  memcpy (out->currency, a->currency, sizeof out->currency);

  return TRUE;
}

gboolean
dd_money_equal (const DdMoney *a,
                const DdMoney *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->minor == b->minor && strcmp (a->currency, b->currency) == 0;
}

static guint64
magnitude_of (gint64 minor)
{
  if (minor >= 0)
    return (guint64) minor;
  return (guint64) (-(minor + 1)) + 1;
}

/* Appends the integer part of @magnitude / @scale with the given grouping. */
static void
append_grouped (GString    *str,
                guint64     whole,
                const char *thousands_sep,
                const char *grouping)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, whole);
  gsize cuts[32];
  guint n_cuts = 0;
  int pos = len;
  int size = 0;

  if (thousands_sep != NULL && *thousands_sep != '\0' && grouping != NULL)
    {
      const char *g = grouping;

      /* Collect where separators go, walking from the right. */
      while (TRUE)
        {
          if (*g != '\0')
            {
              if ((unsigned char) *g == CHAR_MAX)
                break;
              size = *g;
              g++;
            }
          /* *g == 0: repeat the previous size (if there is one) */
          if (size <= 0)
            break;

          pos -= size;
          if (pos <= 0)
            break;
          cuts[n_cuts++] = (gsize) pos;
        }
    }

  for (int i = 0, c = (int) n_cuts - 1; i < len; i++)
    {
      if (c >= 0 && (gsize) i == cuts[c])
        {
          g_string_append (str, thousands_sep);
          c--;
        }
      g_string_append_c (str, digits[i]);
    }
}

/* Appends the amount without sign or symbol. */
static void
append_amount (GString    *str,
               guint64     magnitude,
               guint       exponent,
               const char *decimal_point,
               const char *thousands_sep,
               const char *grouping)
{
  guint64 scale = pow10_u64 (exponent);

  append_grouped (str, magnitude / scale, thousands_sep, grouping);

  if (exponent > 0)
    {
      g_string_append (str, decimal_point);
      g_string_append_printf (str, "%0*" G_GUINT64_FORMAT,
                              (int) exponent, magnitude % scale);
    }
}

char *
dd_money_format_full (const DdMoney *money,
                      const char    *decimal_point,
                      const char    *thousands_sep,
                      const char    *grouping)
{
  GString *str;
  const char *symbol;

  g_return_val_if_fail (money != NULL, NULL);

  if (decimal_point == NULL || *decimal_point == '\0')
    decimal_point = ".";

  str = g_string_new (NULL);

  if (money->minor < 0)
    g_string_append_c (str, '-');

  symbol = dd_money_currency_symbol (money->currency);
  if (symbol != NULL)
    g_string_append (str, symbol);
  else if (money->currency[0] != '\0')
    g_string_append_printf (str, "%s ", money->currency);

  append_amount (str, magnitude_of (money->minor),
                 dd_money_currency_exponent (money->currency),
                 decimal_point, thousands_sep, grouping);

  return g_string_free (str, FALSE);
}

char *
dd_money_to_decimal (const DdMoney *money)
{
  GString *str;

  g_return_val_if_fail (money != NULL, NULL);

  str = g_string_new (NULL);
  if (money->minor < 0)
    g_string_append_c (str, '-');
  append_amount (str, magnitude_of (money->minor),
                 dd_money_currency_exponent (money->currency),
                 ".", "", "");

  return g_string_free (str, FALSE);
}

char *
dd_money_format (const DdMoney *money)
{
  struct lconv *lc;
  g_autofree char *decimal_point = NULL;
  g_autofree char *thousands_sep = NULL;
  g_autofree char *grouping = NULL;

  g_return_val_if_fail (money != NULL, NULL);

  /* localeconv() returns static storage: copy before anything else runs. */
  lc = localeconv ();

  if (lc->mon_decimal_point != NULL && *lc->mon_decimal_point != '\0')
    decimal_point = g_strdup (lc->mon_decimal_point);
  else if (lc->decimal_point != NULL && *lc->decimal_point != '\0')
    decimal_point = g_strdup (lc->decimal_point);
  else
    decimal_point = g_strdup (".");

  if (lc->mon_thousands_sep != NULL && *lc->mon_thousands_sep != '\0')
    {
      thousands_sep = g_strdup (lc->mon_thousands_sep);
      grouping = g_strdup (lc->mon_grouping != NULL ? lc->mon_grouping : "");
    }
  else if (lc->thousands_sep != NULL && *lc->thousands_sep != '\0')
    {
      thousands_sep = g_strdup (lc->thousands_sep);
      grouping = g_strdup (lc->grouping != NULL ? lc->grouping : "");
    }
  else
    {
      /* The C locale says nothing: group by thousands with a comma. */
      thousands_sep = g_strdup (strcmp (decimal_point, ",") == 0 ? "." : ",");
      grouping = g_strdup ("\3");
    }

  return dd_money_format_full (money, decimal_point, thousands_sep, grouping);
}
