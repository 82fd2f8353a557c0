/* test-sign.c: signing schemes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-sign.h"

#define TW_VECTOR_SIGN "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A"

static DdSignParams *
tw_vector_params (void)
{
  DdSignParams *params = dd_sign_params_new ();

  dd_sign_params_set (params, "app_key", "123456");
  dd_sign_params_set (params, "access_token", "test");
  dd_sign_params_set (params, "timestamp", "1517820392000");
  dd_sign_params_set (params, "sign_method", "sha256");
  dd_sign_params_set (params, "order_id", "1234");

  return params;
}

/* The official Lazada / Taobao Taiwan vector (API.md §2). */
static void
test_tw_vector (void)
{
  g_autoptr(DdSignParams) params = tw_vector_params ();
  g_autofree char *sign = dd_sign_tw ("helloworld", "/order/get", params);

  g_assert_cmpstr (sign, ==, TW_VECTOR_SIGN);
}

static void
test_tw_path_matters (void)
{
  g_autoptr(DdSignParams) params = tw_vector_params ();
  g_autofree char *sign = dd_sign_tw ("helloworld", "/orders/get", params);
  g_autofree char *other_secret = dd_sign_tw ("helloworld2", "/order/get", params);

  g_assert_cmpstr (sign, !=, TW_VECTOR_SIGN);
  g_assert_cmpstr (other_secret, !=, TW_VECTOR_SIGN);
  g_assert_cmpuint (strlen (sign), ==, 64);
}

static void
test_tw_skips_empty_and_sign (void)
{
  g_autoptr(DdSignParams) params = tw_vector_params ();
  g_autofree char *sign = NULL;

  dd_sign_params_set (params, "empty", "");
  dd_sign_params_set (params, "null", NULL);
  dd_sign_params_set (params, "sign", "DEADBEEF");
  sign = dd_sign_tw ("helloworld", "/order/get", params);
  g_assert_cmpstr (sign, ==, TW_VECTOR_SIGN);

  /* Kept, though not signed. */
  g_assert_cmpstr (dd_sign_params_get (params, "empty"), ==, "");
  g_assert_null (dd_sign_params_get (params, "null"));
  g_assert_cmpstr (dd_sign_params_get (params, "sign"), ==, "DEADBEEF");
}

static void
test_tw_order_independent (void)
{
  g_autoptr(DdSignParams) params = dd_sign_params_new ();
  g_autofree char *sign = NULL;

  dd_sign_params_set (params, "order_id", "1234");
  dd_sign_params_set (params, "sign_method", "sha256");
  dd_sign_params_set (params, "timestamp", "1517820392000");
  dd_sign_params_set (params, "access_token", "test");
  dd_sign_params_set (params, "app_key", "999");
  /* Replaced, not added twice. */
  dd_sign_params_set (params, "app_key", "123456");

  sign = dd_sign_tw ("helloworld", "/order/get", params);
  g_assert_cmpstr (sign, ==, TW_VECTOR_SIGN);
}

static void
test_sorted_keys_byte_order (void)
{
  g_autoptr(DdSignParams) params = dd_sign_params_new ();
  const char * const *keys;
  const char * const expected[] = { "Order_Status", "Page", "Page_Size", "_x", "a", "page", NULL };

  dd_sign_params_set (params, "page", "1");
  dd_sign_params_set (params, "a", "1");
  dd_sign_params_set (params, "Page_Size", "1");
  dd_sign_params_set (params, "_x", "1");
  dd_sign_params_set (params, "Page", "1");
  dd_sign_params_set (params, "Order_Status", "all");

  keys = dd_sign_params_get_sorted_keys (params);
  g_assert_true (g_strv_equal ((const char * const *) keys, expected));

  /* The cache follows changes. */
  dd_sign_params_set (params, "B", "1");
  keys = dd_sign_params_get_sorted_keys (params);
  g_assert_cmpstr (keys[0], ==, "B");
  g_assert_cmpuint (g_strv_length ((char **) keys), ==, 7);
}

/* RFC 2202 / RFC 4231 vectors, and TOP's hmac vectors (API.md §1) over the
 * concatenated string, so the helper stays right for issue B. */
static void
test_hmac_hex (void)
{
  const char *data = "what do ya want for nothing?";
  const char *top = "app_keytestfieldsnickformatxmlmethodtaobao.user.seller.get"
                    "sessiontestsign_methodhmactimestamp2013-05-06 13:52:03v2.0";
  const char *top256 = "app_keytestfieldsnickformatxmlmethodtaobao.user.seller.get"
                       "sessiontestsign_methodhmac-sha256timestamp2013-05-06 13:52:03v2.0";
  g_autofree char *md5 = dd_sign_hmac_hex (G_CHECKSUM_MD5, "Jefe", data, strlen (data));
  g_autofree char *sha = dd_sign_hmac_hex (G_CHECKSUM_SHA256, "Jefe", data, strlen (data));
  g_autofree char *top_md5 = dd_sign_hmac_hex (G_CHECKSUM_MD5, "test", top, strlen (top));
  g_autofree char *top_sha = dd_sign_hmac_hex (G_CHECKSUM_SHA256, "test", top256, strlen (top256));

  g_assert_cmpstr (md5, ==, "750C783E6AB0B503EAA86E310A5DB738");
  g_assert_cmpstr (sha, ==, "5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843");
  g_assert_cmpstr (top_md5, ==, "FA15A9D5B42AB2D6F3397843851ED09A");
  g_assert_cmpstr (top_sha, ==, "267B9C1C7A2FE1CE413DBB95E596616D32107AE0992BE2C22143CFCE303E8E34");
}

static void
test_hmac_hex_length (void)
{
  /* Only @len bytes count: the data need not be NUL-terminated. */
  g_autofree char *a = dd_sign_hmac_hex (G_CHECKSUM_SHA256, "k", "abcdef", 3);
  g_autofree char *b = dd_sign_hmac_hex (G_CHECKSUM_SHA256, "k", "abc", 3);
  g_autofree char *c = dd_sign_hmac_hex (G_CHECKSUM_SHA256, "k", "abcdef", 6);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_equal (void)
{
  g_assert_true (dd_sign_equal (TW_VECTOR_SIGN, TW_VECTOR_SIGN));
  g_assert_true (dd_sign_equal ("ABCDEF0123", "abcdef0123"));
  g_assert_true (dd_sign_equal ("abcdef0123", "AbCdEf0123"));
  g_assert_false (dd_sign_equal ("ABCDEF0123", "ABCDEF0124"));
  g_assert_false (dd_sign_equal ("0BCDEF0123", "ABCDEF0123"));
  g_assert_false (dd_sign_equal ("ABCDEF0123", "ABCDEF012"));
  g_assert_false (dd_sign_equal ("ABCDEF012", "ABCDEF0123"));
  g_assert_false (dd_sign_equal ("", ""));
  g_assert_false (dd_sign_equal (NULL, "A"));
  g_assert_false (dd_sign_equal ("A", NULL));
  /* Case folding is for letters only: '@' (0x40) is not '`' (0x60). */
  g_assert_false (dd_sign_equal ("@", "`"));
  g_assert_false (dd_sign_equal ("[", "{"));
}

static DdSignParams *
top_vector_params (const char *sign_method)
{
  DdSignParams *params = dd_sign_params_new ();

  dd_sign_params_set (params, "method", "taobao.user.seller.get");
  dd_sign_params_set (params, "timestamp", "2013-05-06 13:52:03");
  dd_sign_params_set (params, "format", "xml");
  dd_sign_params_set (params, "app_key", "test");
  dd_sign_params_set (params, "v", "2.0");
  dd_sign_params_set (params, "fields", "nick");
  dd_sign_params_set (params, "sign_method", sign_method);
  dd_sign_params_set (params, "session", "test");

  return params;
}

/* API.md §1: the official vector (md5, hmac) and the computed hmac-sha256 one. */
static void
test_top_vectors (void)
{
  struct {
    const char      *name;
    DdSignTopMethod  method;
    const char      *expected;
  } cases[] = {
    { "md5", DD_SIGN_TOP_MD5, "72CB4D809B375A54502C09360D879C64" },
    { "hmac", DD_SIGN_TOP_HMAC, "FA15A9D5B42AB2D6F3397843851ED09A" },
    { "hmac-sha256", DD_SIGN_TOP_HMAC_SHA256,
      "267B9C1C7A2FE1CE413DBB95E596616D32107AE0992BE2C22143CFCE303E8E34" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DdSignParams) params = top_vector_params (cases[i].name);
      g_autofree char *sign = dd_sign_top ("test", cases[i].method, params);
      DdSignTopMethod parsed;

      g_assert_cmpstr (sign, ==, cases[i].expected);
      g_assert_true (dd_sign_top_method_from_string (cases[i].name, &parsed));
      g_assert_cmpint (parsed, ==, cases[i].method);
      g_assert_cmpstr (dd_sign_top_method_to_string (cases[i].method), ==, cases[i].name);
    }

  g_assert_false (dd_sign_top_method_from_string ("sha1", NULL));
}

static void
test_top_skips_sign_and_empty (void)
{
  g_autoptr(DdSignParams) params = top_vector_params ("md5");
  g_autofree char *sign = NULL;

  dd_sign_params_set (params, "sign", "ANYTHING");
  dd_sign_params_set (params, "partner_id", "");
  sign = dd_sign_top ("test", DD_SIGN_TOP_MD5, params);
  g_assert_cmpstr (sign, ==, "72CB4D809B375A54502C09360D879C64");
}

/* The PandaPon recipe is an assumption (API.md §3); this pins it. */
static void
test_pandapon_assumption (void)
{
  g_autofree char *sign = dd_sign_pandapon ("AK", "abcdefghijklmnopqrstuvwxyz012345",
                                            "1700000000000", "SECRET");
  g_autofree char *expected = NULL;
  g_autofree char *hex = NULL;

  hex = g_compute_checksum_for_string (G_CHECKSUM_MD5,
                                       "access-key=AK&nonce-str=abcdefghijklmnopqrstuvwxyz012345"
                                       "&timestamp=1700000000000&key=SECRET", -1);
  expected = g_ascii_strup (hex, -1);
  g_assert_cmpstr (sign, ==, expected);
  g_assert_cmpstr (sign, ==, "971FF4D45999904A89EBDF14B0F7A313"); /* md5sum(1) of the same string */
}

static void
test_nonce (void)
{
  g_autofree char *a = dd_sign_new_nonce ();
  g_autofree char *b = dd_sign_new_nonce ();

  g_assert_cmpuint (strlen (a), ==, 32);
  g_assert_cmpstr (a, !=, b);
  for (guint i = 0; i < 32; i++)
    g_assert_true (g_ascii_isalnum (a[i]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dingdan/sign/tw-vector", test_tw_vector);
  g_test_add_func ("/dingdan/sign/tw-path-and-secret", test_tw_path_matters);
  g_test_add_func ("/dingdan/sign/tw-skips-empty-and-sign", test_tw_skips_empty_and_sign);
  g_test_add_func ("/dingdan/sign/tw-order-independent", test_tw_order_independent);
  g_test_add_func ("/dingdan/sign/sorted-keys-byte-order", test_sorted_keys_byte_order);
  g_test_add_func ("/dingdan/sign/hmac-hex", test_hmac_hex);
  g_test_add_func ("/dingdan/sign/hmac-hex-length", test_hmac_hex_length);
  g_test_add_func ("/dingdan/sign/equal", test_equal);
  g_test_add_func ("/dingdan/sign/top-vectors", test_top_vectors);
  g_test_add_func ("/dingdan/sign/top-skips-sign-and-empty", test_top_skips_sign_and_empty);
  g_test_add_func ("/dingdan/sign/pandapon-assumption", test_pandapon_assumption);
  g_test_add_func ("/dingdan/sign/nonce", test_nonce);

  return g_test_run ();
}
