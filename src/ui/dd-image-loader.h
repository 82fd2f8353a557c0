/* dd-image-loader.h: product pictures for the detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-image-cache.h"

G_BEGIN_DECLS

/* Largest picture decoded, in pixels a side: anything larger is refused
 * before its pixels are decoded. */
#define DD_IMAGE_LOADER_MAX_SIDE 4096

#define DD_TYPE_IMAGE_LOADER (dd_image_loader_get_type ())
G_DECLARE_FINAL_TYPE (DdImageLoader, dd_image_loader, DD, IMAGE_LOADER, GObject)

/* A loader over @cache that decodes pictures scaled to fit @size pixels a
 * side, keeping the last few textures in memory (an LRU). */
DdImageLoader *dd_image_loader_new          (DdImageCache  *cache,
                                             int            size) G_GNUC_WARN_UNUSED_RESULT;
/* The process's loader: a cache in dd_image_cache_default_directory()
 * with its own session, 64-pixel pictures. */
DdImageLoader *dd_image_loader_get_default  (void);

/* The texture of @url when it is in memory already (no I/O), else NULL. */
GdkTexture    *dd_image_loader_lookup       (DdImageLoader *self,
                                             const char    *url) G_GNUC_WARN_UNUSED_RESULT;

/* Fetches (dd_image_cache_fetch_async()) and decodes @url in a worker,
 * with the size limits above. */
void           dd_image_loader_load_async   (DdImageLoader       *self,
                                             const char          *url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GdkTexture    *dd_image_loader_load_finish  (DdImageLoader  *self,
                                             GAsyncResult   *result,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

/* Decodes @bytes into a picture that fits @size pixels a side; refuses
 * images larger than DD_IMAGE_LOADER_MAX_SIDE a side or that do not decode.
 * Thread-safe. */
GdkPixbuf     *dd_image_loader_decode       (GBytes         *bytes,
                                             int             size,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
