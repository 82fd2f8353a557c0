/* dd-image-cache.h: product images, fetched once and kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Default cap of one image's body, in bytes. */
#define DD_IMAGE_CACHE_DEFAULT_MAX_SIZE (5 * 1024 * 1024)

#define DD_TYPE_IMAGE_CACHE (dd_image_cache_get_type ())
G_DECLARE_FINAL_TYPE (DdImageCache, dd_image_cache, DD, IMAGE_CACHE, GObject)

/* An image cache in @directory (created when missing; see
 * dd_image_cache_default_directory()), fetching through @session (NULL: a
 * session of its own). Only http(s) URLs are fetched; redirects are not
 * followed; the reply must be 2xx with an "image/…" content type, at most
 * "max-size" bytes (property, default DD_IMAGE_CACHE_DEFAULT_MAX_SIZE; a
 * larger Content-Length is refused before reading, a longer body is cut off)
 * and start like a PNG, JPEG, GIF or WebP file. Accepted bodies are written
 * atomically to a file named by the SHA-256 of the URL. Errors are
 * G_IO_ERROR: INVALID_ARGUMENT (a URL that is not http(s)),
 * INVALID_DATA (not an image, too large), FAILED (an HTTP error status), or
 * the network's own. */
DdImageCache *dd_image_cache_new          (const char    *directory,
                                           SoupSession   *session) G_GNUC_WARN_UNUSED_RESULT;
/* $XDG_CACHE_HOME/dingdan/images */
char         *dd_image_cache_default_directory (void) G_GNUC_WARN_UNUSED_RESULT;

const char   *dd_image_cache_get_directory (DdImageCache *self);
guint64       dd_image_cache_get_max_size  (DdImageCache *self);
void          dd_image_cache_set_max_size  (DdImageCache *self,
                                            guint64       bytes);

/* The file an image of @url is (or would be) kept in. */
char         *dd_image_cache_get_path     (DdImageCache  *self,
                                           const char    *url) G_GNUC_WARN_UNUSED_RESULT;
/* The cached bytes of @url, or NULL when not cached (no network). */
GBytes       *dd_image_cache_lookup       (DdImageCache  *self,
                                           const char    *url) G_GNUC_WARN_UNUSED_RESULT;

/* The image's bytes: from the disk cache when there, else fetched and
 * stored. */
void          dd_image_cache_fetch_async  (DdImageCache        *self,
                                           const char          *url,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GBytes       *dd_image_cache_fetch_finish (DdImageCache  *self,
                                           GAsyncResult  *result,
                                           GError       **error) G_GNUC_WARN_UNUSED_RESULT;

/* Number of HTTP requests sent so far (tests). */
guint         dd_image_cache_get_n_requests (DdImageCache *self);

/* Whether @data starts like a PNG, JPEG, GIF or WebP file. */
gboolean      dd_image_cache_sniff        (const guint8  *data,
                                           gsize          size);

G_END_DECLS
