/* dd-sign.h: every signing scheme of the platforms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A parameter list to sign: (key, value) string pairs. Order does not matter;
 * signing sorts keys by byte order. */
typedef struct _DdSignParams DdSignParams;

DdSignParams *dd_sign_params_new     (void);
void          dd_sign_params_free    (DdSignParams *params);
/* Adds (or replaces) a parameter; NULL or "" values are kept but not signed. */
void          dd_sign_params_set     (DdSignParams *params,
                                      const char   *key,
                                      const char   *value);
const char   *dd_sign_params_get     (DdSignParams *params,
                                      const char   *key);
/* Keys in byte order (the array is owned by @params, valid until next change). */
const char * const *dd_sign_params_get_sorted_keys (DdSignParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdSignParams, dd_sign_params_free)

/* Taobao Taiwan / Lazada: HMAC-SHA256 keyed by @secret over
 * api_path + k1 + v1 + k2 + v2 … (sorted, "sign" and empty values left out),
 * upper-case hex. */
char *dd_sign_tw (const char   *secret,
                  const char   *api_path,
                  DdSignParams *params) G_GNUC_WARN_UNUSED_RESULT;

/* Taobao Open Platform: every parameter but "sign", files and empty values,
 * keys in byte order, key+value concatenated; then
 *   md5:         MD5 (secret + s + secret)
 *   hmac:        HMAC-MD5 (key = secret, s)
 *   hmac-sha256: HMAC-SHA256 (key = secret, s)
 * over the UTF-8 bytes, upper-case hex. */
typedef enum
{
  DD_SIGN_TOP_MD5,
  DD_SIGN_TOP_HMAC,
  DD_SIGN_TOP_HMAC_SHA256,
} DdSignTopMethod;

char       *dd_sign_top                    (const char      *secret,
                                            DdSignTopMethod  method,
                                            DdSignParams    *params) G_GNUC_WARN_UNUSED_RESULT;
/* "md5", "hmac", "hmac-sha256" (the sign_method parameter's values). */
gboolean    dd_sign_top_method_from_string (const char      *name,
                                            DdSignTopMethod *method);
const char *dd_sign_top_method_to_string   (DdSignTopMethod  method);

/* PandaPon's header signature. ASSUMPTION, isolated here (README says so):
 * MD5 over "access-key=A&nonce-str=N&timestamp=T&key=SECRET", upper-case hex. */
char       *dd_sign_pandapon               (const char *access_key,
                                            const char *nonce,
                                            const char *timestamp,
                                            const char *secret) G_GNUC_WARN_UNUSED_RESULT;
/* 32 random alphanumeric characters, new for every request (nonce-str). */
char       *dd_sign_new_nonce              (void) G_GNUC_WARN_UNUSED_RESULT;

/* Upper-case hex helpers shared by the schemes (issue B adds TOP and PandaPon). */
char *dd_sign_hmac_hex (GChecksumType  type,
                        const char    *key,
                        const char    *data,
                        gsize          len) G_GNUC_WARN_UNUSED_RESULT;

/* Constant-time comparison of two signatures (case-insensitive hex). */
gboolean dd_sign_equal (const char *a,
                        const char *b);

G_END_DECLS
