/* test-money.c: DdMoney parsing, arithmetic and formatting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <locale.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "dd-money.h"
#include "dd-money-private.h"

typedef struct
{
  const char *text;
  const char *currency;
  gint64      minor;
} ValidCase;

static void
test_parse_valid (void)
{
  static const ValidCase cases[] = {
    { "62",      "TWD", 6200 },
    { "200.07",  "CNY", 20007 },
    { "0.1",     "CNY", 10 },
    { "0.01",    "CNY", 1 },
    { "-3.5",    "CNY", -350 },
    { "-0",      "CNY", 0 },
    { "0",       "USD", 0 },
    { "1234",    "JPY", 1234 },
    { "1000",    "KRW", 1000 },
    { "1.234",   "KWD", 1234 },
    { "7.5",     "XYZ", 750 },  /* unknown code: 2 digits */
    { "92233720368547758.07", "CNY", G_MAXINT64 },
    { "-92233720368547758.08", "CNY", G_MININT64 },
    { "9223372036854775807", "JPY", G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DdMoney money = DD_MONEY_INIT;

      g_test_message ("parsing '%s' %s", cases[i].text, cases[i].currency);
      g_assert_true (dd_money_parse_decimal (cases[i].text, cases[i].currency, &money, &error));
      g_assert_no_error (error);
      g_assert_cmpint (money.minor, ==, cases[i].minor);
      g_assert_cmpstr (money.currency, ==, cases[i].currency);
    }
}

static void
test_parse_invalid (void)
{
  static const struct { const char *text; const char *currency; } cases[] = {
    { "",        "CNY" },
    { "-",       "CNY" },
    { "1e5",     "CNY" },
    { " 1",      "CNY" },
    { "1 ",      "CNY" },
    { "+1",      "CNY" },
    { "1.",      "CNY" },
    { ".5",      "CNY" },
    { "1.234",   "CNY" },
    { "1.230",   "CNY" },   /* strict: no extra digits, even zeros */
    { "1.5",     "JPY" },
    { "1.0",     "JPY" },
    { "1,000",   "CNY" },
    { "1.2.3",   "CNY" },
    { "--1",     "CNY" },
    { "0x10",    "CNY" },
    { "NaN",     "CNY" },
    { "１２",    "CNY" },   /* full-width digits */
    { "92233720368547758.08", "CNY" },   /* one fen past G_MAXINT64 */
    { "-92233720368547758.09", "CNY" },
    { "92233720368547759",  "CNY" },
    { "99999999999999999999999", "JPY" },
    { "1",       "cny" },
    { "1",       "CN" },
    { "1",       "CNYY" },
    { "1",       "" },
    { "1",       NULL },
    { NULL,      "CNY" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DdMoney money;

      dd_money_init (&money, 42, "USD");
      g_test_message ("rejecting '%s' %s", cases[i].text ? cases[i].text : "(null)",
                      cases[i].currency ? cases[i].currency : "(null)");
      g_assert_false (dd_money_parse_decimal (cases[i].text, cases[i].currency, &money, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      /* Untouched on failure. */
      g_assert_cmpint (money.minor, ==, 42);
      g_assert_cmpstr (money.currency, ==, "USD");
    }
}

static void
test_parse_minor (void)
{
  static const struct { const char *text; gboolean ok; gint64 minor; } cases[] = {
    { "12800", TRUE, 12800 },
    { "-5", TRUE, -5 },
    { "0", TRUE, 0 },
    { "9223372036854775807", TRUE, G_MAXINT64 },
    { "-9223372036854775808", TRUE, G_MININT64 },
    { "9223372036854775808", FALSE, 0 },
    { "-9223372036854775809", FALSE, 0 },
    { "128.00", FALSE, 0 },
    { "", FALSE, 0 },
    { "-", FALSE, 0 },
    { " 1", FALSE, 0 },
    { "1e3", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DdMoney money = DD_MONEY_INIT;
      gboolean ok = dd_money_parse_minor (cases[i].text, "CNY", &money, &error);

      g_test_message ("minor '%s'", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (money.minor, ==, cases[i].minor);
          g_assert_cmpstr (money.currency, ==, "CNY");
        }
      else
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        }
    }
}

static DdMoney
parse (const char *text,
       const char *currency)
{
  g_autoptr(GError) error = NULL;
  DdMoney money = DD_MONEY_INIT;

  g_assert_true (dd_money_parse_decimal (text, currency, &money, &error));
  g_assert_no_error (error);
  return money;
}

static void
test_exact_sum (void)
{
  DdMoney a = parse ("0.1", "CNY");
  DdMoney b = parse ("0.2", "CNY");
  DdMoney expected = parse ("0.3", "CNY");
  DdMoney sum = DD_MONEY_INIT;
  g_autofree char *text = NULL;

  g_assert_true (dd_money_add (&a, &b, &sum));
  g_assert_true (dd_money_equal (&sum, &expected));
  g_assert_cmpint (sum.minor, ==, 30);
  text = dd_money_to_decimal (&sum);
  g_assert_cmpstr (text, ==, "0.30");
}

static void
test_add_overflow (void)
{
  DdMoney max, one, min, minus_one, out;

  dd_money_init (&max, G_MAXINT64, "CNY");
  dd_money_init (&one, 1, "CNY");
  dd_money_init (&min, G_MININT64, "CNY");
  dd_money_init (&minus_one, -1, "CNY");
  dd_money_init (&out, 7, "USD");

  g_assert_false (dd_money_add (&max, &one, &out));
  g_assert_false (dd_money_add (&one, &max, &out));
  g_assert_false (dd_money_add (&min, &minus_one, &out));
  g_assert_false (dd_money_add (&min, &min, &out));
  /* @out untouched on failure */
  g_assert_cmpint (out.minor, ==, 7);
  g_assert_cmpstr (out.currency, ==, "USD");

  g_assert_true (dd_money_add (&max, &minus_one, &out));
  g_assert_cmpint (out.minor, ==, G_MAXINT64 - 1);
  g_assert_true (dd_money_add (&max, &min, &out));
  g_assert_cmpint (out.minor, ==, -1);
  g_assert_cmpstr (out.currency, ==, "CNY");
}

static void
test_add_currency_mismatch (void)
{
  DdMoney cny = parse ("1", "CNY");
  DdMoney twd = parse ("1", "TWD");
  DdMoney out = DD_MONEY_INIT;

  g_assert_false (dd_money_add (&cny, &twd, &out));
  g_assert_cmpint (out.minor, ==, 0);
  g_assert_cmpstr (out.currency, ==, "");
  g_assert_false (dd_money_equal (&cny, &twd));
  g_assert_cmpint (cny.minor, ==, twd.minor);
}

static void
test_init (void)
{
  DdMoney money;

  dd_money_init (&money, 5, "TWD");
  g_assert_cmpint (money.minor, ==, 5);
  g_assert_cmpstr (money.currency, ==, "TWD");

  dd_money_init (&money, 5, "twd");
  g_assert_cmpstr (money.currency, ==, "");
  dd_money_init (&money, 5, "TWDX");
  g_assert_cmpstr (money.currency, ==, "");
  dd_money_init (&money, 5, NULL);
  g_assert_cmpstr (money.currency, ==, "");
}

static void
test_to_decimal (void)
{
  static const struct { gint64 minor; const char *currency; const char *text; } cases[] = {
    { 20007, "CNY", "200.07" },
    { 6200, "TWD", "62.00" },
    { -30, "CNY", "-0.30" },
    { -5, "CNY", "-0.05" },
    { 0, "USD", "0.00" },
    { 1234567, "CNY", "12345.67" },   /* no grouping */
    { 1234, "JPY", "1234" },
    { -1234, "KRW", "-1234" },
    { 1005, "KWD", "1.005" },
    { G_MAXINT64, "CNY", "92233720368547758.07" },
    { G_MININT64, "CNY", "-92233720368547758.08" },
    { 150, "", "1.50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DdMoney money;
      g_autofree char *text = NULL;
      DdMoney back = DD_MONEY_INIT;

      dd_money_init (&money, cases[i].minor, cases[i].currency);
      text = dd_money_to_decimal (&money);
      g_assert_cmpstr (text, ==, cases[i].text);

      /* Round trip. */
      if (cases[i].currency[0] != '\0')
        {
          g_assert_true (dd_money_parse_decimal (text, cases[i].currency, &back, NULL));
          g_assert_true (dd_money_equal (&money, &back));
        }
    }
}

static void
test_exponents (void)
{
  g_assert_cmpuint (dd_money_currency_exponent ("CNY"), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent ("TWD"), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent ("HKD"), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent ("USD"), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent ("EUR"), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent ("JPY"), ==, 0);
  g_assert_cmpuint (dd_money_currency_exponent ("KRW"), ==, 0);
  g_assert_cmpuint (dd_money_currency_exponent ("KWD"), ==, 3);
  g_assert_cmpuint (dd_money_currency_exponent ("ZZZ"), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent (""), ==, 2);
  g_assert_cmpuint (dd_money_currency_exponent (NULL), ==, 2);
}

static char *
format_c (gint64      minor,
          const char *currency)
{
  DdMoney money;

  dd_money_init (&money, minor, currency);
  return dd_money_format (&money);
}

static void
check_format_c (gint64      minor,
                const char *currency,
                const char *expected)
{
  g_autofree char *text = format_c (minor, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_c_locale (void)
{
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));

  check_format_c (123400, "TWD", "NT$1,234.00");
  check_format_c (12800, "CNY", "¥128.00");
  check_format_c (-300, "CNY", "-¥3.00");
  check_format_c (500, "USD", "US$5.00");
  check_format_c (500, "HKD", "HK$5.00");
  check_format_c (1234567, "JPY", "JP¥1,234,567");
  check_format_c (1000, "KRW", "₩1,000");
  check_format_c (300, "EUR", "€3.00");
  check_format_c (300, "GBP", "£3.00");
  check_format_c (300, "SGD", "SGD 3.00");
  check_format_c (-300, "SGD", "-SGD 3.00");
  check_format_c (7, "CNY", "¥0.07");
  check_format_c (99999, "CNY", "¥999.99");
  check_format_c (100000, "CNY", "¥1,000.00");
  check_format_c (G_MININT64, "CNY", "-¥92,233,720,368,547,758.08");

  setlocale (LC_ALL, old);
}

static void
check_full (gint64      minor,
            const char *currency,
            const char *decimal_point,
            const char *thousands_sep,
            const char *grouping,
            const char *expected)
{
  DdMoney money;
  g_autofree char *text = NULL;

  dd_money_init (&money, minor, currency);
  text = dd_money_format_full (&money, decimal_point, thousands_sep, grouping);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_full (void)
{
  const char no_more[] = { 3, CHAR_MAX, 0 };

  /* German/Spanish style: ',' decimal mark, '.' grouping. */
  check_full (123456789, "EUR", ",", ".", "\3", "€1.234.567,89");
  check_full (-123456789, "TWD", ",", ".", "\3\3", "-NT$1.234.567,89");
  check_full (99999, "EUR", ",", ".", "\3", "€999,99");
  /* No grouping at all. */
  check_full (123456789, "CNY", ".", "", "\3", "¥1234567.89");
  check_full (123456789, "CNY", ".", ",", "", "¥1234567.89");
  /* Indian grouping: 3 then 2s. */
  check_full (1234567890, "USD", ".", ",", "\3\2", "US$1,23,45,678.90");
  /* CHAR_MAX: group once only. */
  check_full (1234567890, "USD", ".", ",", no_more, "US$12345,678.90");
  /* Multi-byte separator (narrow no-break space). */
  check_full (123456, "EUR", ",", "\u202f", "\3", "€1\u202f234,56");
  /* Exponent 0 has no decimal mark. */
  check_full (1234567, "JPY", ",", ".", "\3", "JP¥1.234.567");
  /* A missing decimal mark falls back to '.'. */
  check_full (150, "CNY", NULL, NULL, NULL, "¥1.50");
  /* No currency: the bare number. */
  check_full (150, "", ".", ",", "\3", "1.50");
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }

  g_remove (path);
}

/* Compiles de_DE.UTF-8 from the glibc sources into @dir when the system has
 * the sources but not the compiled locale (the usual case in containers). */
static gboolean
compile_locale (const char *dir)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *out = g_build_filename (dir, "de_DE.UTF-8", NULL);
  const char *argv[] = { NULL, "-i", "de_DE", "-f", "UTF-8", NULL, NULL };
  int status = -1;

  if (localedef == NULL ||
      !g_file_test ("/usr/share/i18n/locales/de_DE", G_FILE_TEST_EXISTS))
    return FALSE;

  argv[0] = localedef;
  argv[5] = out;
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;

  return g_file_test (out, G_FILE_TEST_IS_DIR);
}

static void
test_format_locale (void)
{
  static const char * const locales[] = { "de_DE.UTF-8", "de_DE.utf8" };
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *old_locpath = g_strdup (g_getenv ("LOCPATH"));
  g_autofree char *tmp = NULL;
  g_autofree char *text = NULL;
  g_autofree char *negative = NULL;
  const char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && found == NULL; i++)
    {
      if (setlocale (LC_ALL, locales[i]) != NULL)
        found = locales[i];
    }

  if (found == NULL)
    {
      tmp = g_dir_make_tmp ("dingdan-locale-XXXXXX", NULL);
      g_assert_nonnull (tmp);
      if (compile_locale (tmp))
        {
          g_setenv ("LOCPATH", tmp, TRUE);
          if (setlocale (LC_ALL, "de_DE.UTF-8") != NULL)
            found = "de_DE.UTF-8 (compiled)";
        }
    }

  if (found != NULL)
    {
      text = format_c (123456789, "EUR");
      negative = format_c (-100000, "TWD");
    }

  setlocale (LC_ALL, old);
  if (old_locpath != NULL)
    g_setenv ("LOCPATH", old_locpath, TRUE);
  else
    g_unsetenv ("LOCPATH");
  if (tmp != NULL)
    rm_rf (tmp);

  if (found == NULL)
    {
      g_test_skip ("no de_DE locale installed and none could be compiled");
      return;
    }

  g_test_message ("%s: %s", found, text);
  g_assert_cmpstr (text, ==, "€1.234.567,89");
  g_assert_cmpstr (negative, ==, "-NT$1.000,00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/money/parse-valid", test_parse_valid);
  g_test_add_func ("/dingdan/money/parse-invalid", test_parse_invalid);
  g_test_add_func ("/dingdan/money/parse-minor", test_parse_minor);
  g_test_add_func ("/dingdan/money/exact-sum", test_exact_sum);
  g_test_add_func ("/dingdan/money/add-overflow", test_add_overflow);
  g_test_add_func ("/dingdan/money/add-currency-mismatch", test_add_currency_mismatch);
  g_test_add_func ("/dingdan/money/init", test_init);
  g_test_add_func ("/dingdan/money/to-decimal", test_to_decimal);
  g_test_add_func ("/dingdan/money/exponents", test_exponents);
  g_test_add_func ("/dingdan/money/format-c-locale", test_format_c_locale);
  g_test_add_func ("/dingdan/money/format-full", test_format_full);
  g_test_add_func ("/dingdan/money/format-locale", test_format_locale);

  return g_test_run ();
}
