/* dd-sign.c: every signing scheme of the platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-sign.h"

struct _DdSignParams
{
  GHashTable *values;      /* (owned) key → value (NULL allowed) */
  GPtrArray  *sorted_keys; /* (nullable) borrowed keys, NULL-terminated; cache */
};

/* Values can be tokens, sessions or authorisation codes: wiped, not just freed. */
static void
wipe_free (gpointer data)
{
  char *value = data;

  if (value == NULL)
    return;

  explicit_bzero (value, strlen (value));
  g_free (value);
}

DdSignParams *
dd_sign_params_new (void)
{
  DdSignParams *params = g_new0 (DdSignParams, 1);

  params->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);

  return params;
}

void
dd_sign_params_free (DdSignParams *params)
{
  if (params == NULL)
    return;

  g_clear_pointer (&params->sorted_keys, g_ptr_array_unref);
  g_clear_pointer (&params->values, g_hash_table_unref);
  g_free (params);
}

void
dd_sign_params_set (DdSignParams *params,
                    const char   *key,
                    const char   *value)
{
  g_return_if_fail (params != NULL);
  g_return_if_fail (key != NULL && *key != '\0');

  g_hash_table_insert (params->values, g_strdup (key), g_strdup (value));
  g_clear_pointer (&params->sorted_keys, g_ptr_array_unref);
}

const char *
dd_sign_params_get (DdSignParams *params,
                    const char   *key)
{
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (params->values, key);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  /* Byte order, as every platform's reference SDK sorts. */
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char * const *
dd_sign_params_get_sorted_keys (DdSignParams *params)
{
  g_return_val_if_fail (params != NULL, NULL);

  if (params->sorted_keys == NULL)
    {
      GHashTableIter iter;
      gpointer key;

      params->sorted_keys = g_ptr_array_sized_new (g_hash_table_size (params->values) + 1);
      g_hash_table_iter_init (&iter, params->values);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (params->sorted_keys, key);
      g_ptr_array_sort (params->sorted_keys, compare_keys);
      g_ptr_array_add (params->sorted_keys, NULL);
    }

  return (const char * const *) params->sorted_keys->pdata;
}

char *
dd_sign_hmac_hex (GChecksumType  type,
                  const char    *key,
                  const char    *data,
                  gsize          len)
{
  g_autoptr(GHmac) hmac = NULL;
  const char *hex;

  g_return_val_if_fail (type == G_CHECKSUM_MD5 ||
                        type == G_CHECKSUM_SHA1 ||
                        type == G_CHECKSUM_SHA256 ||
                        type == G_CHECKSUM_SHA512, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  hmac = g_hmac_new (type, (const guchar *) key, strlen (key));
  if (len > 0)
    g_hmac_update (hmac, (const guchar *) data, len);
  hex = g_hmac_get_string (hmac);

  return g_ascii_strup (hex, -1);
}

/* The parameters but "sign" and empty values, keys in byte order, each key
 * followed by its value with no separator: what TOP and Taiwan sign. */
static GString *
concat_params (const char   *prefix,
               DdSignParams *params)
{
  GString *s = g_string_new (prefix);
  const char * const *keys = dd_sign_params_get_sorted_keys (params);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = dd_sign_params_get (params, keys[i]);

      if (strcmp (keys[i], "sign") == 0 || value == NULL || *value == '\0')
        continue;

      g_string_append (s, keys[i]);
      g_string_append (s, value);
    }

  return s;
}

char *
dd_sign_tw (const char   *secret,
            const char   *api_path,
            DdSignParams *params)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (api_path != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  s = concat_params (api_path, params);

  return dd_sign_hmac_hex (G_CHECKSUM_SHA256, secret, s->str, s->len);
}

/* ASCII lower-casing without a data-dependent branch. */
gboolean
dd_sign_top_method_from_string (const char    *name,
                                DdSignTopMethod *method)
{
  static const struct { const char *name; DdSignTopMethod method; } methods[] = {
    { "md5", DD_SIGN_TOP_MD5 },
    { "hmac", DD_SIGN_TOP_HMAC },
    { "hmac-sha256", DD_SIGN_TOP_HMAC_SHA256 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_strcmp0 (name, methods[i].name) == 0)
      {
        if (method != NULL)
          *method = methods[i].method;
        return TRUE;
      }

  return FALSE;
}

const char *
dd_sign_top_method_to_string (DdSignTopMethod method)
{
  switch (method)
    {
    case DD_SIGN_TOP_MD5:         return "md5";
    case DD_SIGN_TOP_HMAC:        return "hmac";
    case DD_SIGN_TOP_HMAC_SHA256: return "hmac-sha256";
    default:                      g_return_val_if_reached ("md5");
    }
}

char *
dd_sign_top (const char      *secret,
             DdSignTopMethod  method,
             DdSignParams    *params)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  switch (method)
    {
    case DD_SIGN_TOP_MD5:
      {
        g_autofree char *hex = NULL;

        s = concat_params (secret, params);
        g_string_append (s, secret);
        hex = g_compute_checksum_for_data (G_CHECKSUM_MD5, (const guchar *) s->str, s->len);
        return g_ascii_strup (hex, -1);
      }

    case DD_SIGN_TOP_HMAC:
      s = concat_params ("", params);
      return dd_sign_hmac_hex (G_CHECKSUM_MD5, secret, s->str, s->len);

    case DD_SIGN_TOP_HMAC_SHA256:
      s = concat_params ("", params);
      return dd_sign_hmac_hex (G_CHECKSUM_SHA256, secret, s->str, s->len);

    default:
      g_return_val_if_reached (NULL);
    }
}

/* ASSUMPTION (API.md §3: PandaPon does not publish its recipe; its example
 * signature is 32 upper-case hex, MD5-shaped): MD5 over
 * "access-key=A&nonce-str=N&timestamp=T&key=SECRET" (the three signed
 * headers in key order, then the secret), upper-case hex. user-id is not
 * signed. This is the only place that knows; tests/test-sign.c pins it. */
char *
dd_sign_pandapon (const char *access_key,
                  const char *nonce,
                  const char *timestamp,
                  const char *secret)
{
  g_autofree char *s = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (access_key != NULL, NULL);
  g_return_val_if_fail (nonce != NULL, NULL);
  g_return_val_if_fail (timestamp != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  s = g_strdup_printf ("access-key=%s&nonce-str=%s&timestamp=%s&key=%s",
                       access_key, nonce, timestamp, secret);
  hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, s, -1);

  return g_ascii_strup (hex, -1);
}

char *
dd_sign_new_nonce (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char *nonce = g_malloc (33);

  for (guint i = 0; i < 32; i++)
    nonce[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  nonce[32] = '\0';

  return nonce;
}

static inline guint
ascii_lower_const (guint c)
{
  return c | ((guint) ((c - 'A') < 26u) << 5);
}

gboolean
dd_sign_equal (const char *a,
               const char *b)
{
  gsize len_a, len_b;
  guint diff;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);
  /* The length of a signature is public (it depends on the scheme only). */
  if (len_a != len_b || len_a == 0)
    return FALSE;

  diff = 0;
  for (gsize i = 0; i < len_a; i++)
    diff |= ascii_lower_const ((guchar) a[i]) ^ ascii_lower_const ((guchar) b[i]);

  return diff == 0;
}
