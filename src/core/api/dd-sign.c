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

DdSignParams *
dd_sign_params_new (void)
{
  DdSignParams *params = g_new0 (DdSignParams, 1);

  params->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

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

char *
dd_sign_tw (const char   *secret,
            const char   *api_path,
            DdSignParams *params)
{
  g_autoptr(GString) s = NULL;
  const char * const *keys;

  g_return_val_if_fail (secret != NULL, NULL);
  g_return_val_if_fail (api_path != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  s = g_string_new (api_path);
  keys = dd_sign_params_get_sorted_keys (params);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = dd_sign_params_get (params, keys[i]);

      if (strcmp (keys[i], "sign") == 0)
        continue;
      if (value == NULL || *value == '\0')
        continue;

      g_string_append (s, keys[i]);
      g_string_append (s, value);
    }

  return dd_sign_hmac_hex (G_CHECKSUM_SHA256, secret, s->str, s->len);
}

/* ASCII lower-casing without a data-dependent branch. */
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
