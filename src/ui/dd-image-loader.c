/* dd-image-loader.c: product pictures for the detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes come from DdImageCache (disk, else network, with its checks);
 * they are decoded in a worker by a GdkPixbufLoader fed in small chunks, so
 * a picture that claims huge dimensions is refused as soon as its header is
 * read, before its pixels take any memory, and every picture is scaled
 * down while it is decoded. The last textures shown stay in memory.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-image-loader.h"

#define LRU_SIZE    64
#define FEED_CHUNK  16384

struct _DdImageLoader
{
  GObject       parent_instance;

  DdImageCache *cache;
  int           size;
  GHashTable   *textures;  /* url → GdkTexture */
  GQueue        lru;       /* (element-type utf8) urls, most recent first; keys of textures */
};

G_DEFINE_FINAL_TYPE (DdImageLoader, dd_image_loader, G_TYPE_OBJECT)

static void
dd_image_loader_finalize (GObject *object)
{
  DdImageLoader *self = DD_IMAGE_LOADER (object);

  g_clear_object (&self->cache);
  g_queue_clear (&self->lru);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (dd_image_loader_parent_class)->finalize (object);
}

static void
dd_image_loader_class_init (DdImageLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_image_loader_finalize;
}

static void
dd_image_loader_init (DdImageLoader *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->lru);
}

DdImageLoader *
dd_image_loader_new (DdImageCache *cache,
                     int           size)
{
  DdImageLoader *self;

  g_return_val_if_fail (DD_IS_IMAGE_CACHE (cache), NULL);
  g_return_val_if_fail (size > 0, NULL);

  self = g_object_new (DD_TYPE_IMAGE_LOADER, NULL);
  self->cache = g_object_ref (cache);
  self->size = size;

  return self;
}

DdImageLoader *
dd_image_loader_get_default (void)
{
  static DdImageLoader *loader;

  if (loader == NULL)
    {
      g_autofree char *directory = dd_image_cache_default_directory ();
      g_autoptr(DdImageCache) cache = dd_image_cache_new (directory, NULL);

      loader = dd_image_loader_new (cache, 64);
    }

  return loader;
}

/* ---- memory ---------------------------------------------------------------- */

static void
touch (DdImageLoader *self,
       const char    *key)
{
  GList *link = g_queue_find (&self->lru, key);

  if (link != NULL)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }
}

static void
remember (DdImageLoader *self,
          const char    *url,
          GdkTexture    *texture)
{
  char *key;

  if (g_hash_table_contains (self->textures, url))
    {
      GList *link;

      g_hash_table_lookup_extended (self->textures, url, (gpointer *) &key, NULL);
      link = g_queue_find (&self->lru, key);
      if (link != NULL)
        g_queue_delete_link (&self->lru, link);
      g_hash_table_remove (self->textures, url);
    }

  key = g_strdup (url);
  g_hash_table_insert (self->textures, key, g_object_ref (texture));
  g_queue_push_head (&self->lru, key);

  while (g_queue_get_length (&self->lru) > LRU_SIZE)
    {
      char *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->textures, oldest);
    }
}

GdkTexture *
dd_image_loader_lookup (DdImageLoader *self,
                        const char    *url)
{
  GdkTexture *texture;
  char *key;

  g_return_val_if_fail (DD_IS_IMAGE_LOADER (self), NULL);

  if (url == NULL ||
      !g_hash_table_lookup_extended (self->textures, url, (gpointer *) &key, (gpointer *) &texture))
    return NULL;

  touch (self, key);

  return g_object_ref (texture);
}

/* ---- decoding -------------------------------------------------------------- */

static guint
be16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static guint
le16 (const guint8 *p)
{
  return (guint) p[1] << 8 | p[0];
}

/* The dimensions a picture's header claims, read before any decoder sees
 * it (a decoder allocates its pixels from them). FALSE when they cannot be
 * found. */
static gboolean
read_dimensions (const guint8 *data,
                 gsize         size,
                 guint        *width,
                 guint        *height)
{
  if (size >= 24 && data[0] == 0x89 && data[1] == 'P')
    {
      *width = (guint) data[16] << 24 | (guint) data[17] << 16 | be16 (data + 18);
      *height = (guint) data[20] << 24 | (guint) data[21] << 16 | be16 (data + 22);
      return TRUE;
    }

  if (size >= 10 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F')
    {
      *width = le16 (data + 6);
      *height = le16 (data + 8);
      return TRUE;
    }

  if (size >= 30 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    {
      if (memcmp (data + 12, "VP8X", 4) == 0)
        {
          *width = 1 + (data[24] | (guint) data[25] << 8 | (guint) data[26] << 16);
          *height = 1 + (data[27] | (guint) data[28] << 8 | (guint) data[29] << 16);
          return TRUE;
        }
      if (memcmp (data + 12, "VP8 ", 4) == 0)
        {
          *width = le16 (data + 26) & 0x3FFF;
          *height = le16 (data + 28) & 0x3FFF;
          return TRUE;
        }
      if (memcmp (data + 12, "VP8L", 4) == 0 && size >= 25)
        {
          guint32 bits = data[21] | (guint32) data[22] << 8 | (guint32) data[23] << 16 | (guint32) data[24] << 24;

          *width = 1 + (bits & 0x3FFF);
          *height = 1 + ((bits >> 14) & 0x3FFF);
          return TRUE;
        }
      return FALSE;
    }

  if (size >= 4 && data[0] == 0xFF && data[1] == 0xD8)
    {
      gsize i = 2;

      /* Markers up to the first frame header (SOF0–SOF15 but DHT, JPG, DAC). */
      while (i + 9 < size)
        {
          guint8 marker;

          if (data[i] != 0xFF)
            return FALSE;
          marker = data[i + 1];
          if (marker == 0xFF)
            {
              i++;
              continue;
            }
          if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            {
              *height = be16 (data + i + 5);
              *width = be16 (data + i + 7);
              return TRUE;
            }
          if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
            {
              i += 2;
              continue;
            }
          i += 2 + be16 (data + i + 2);
        }
    }

  return FALSE;
}

typedef struct
{
  int      size;
  gboolean refused;
} DecodeLimits;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  DecodeLimits *limits = user_data;
  double scale;

  if (width <= 0 || height <= 0 ||
      width > DD_IMAGE_LOADER_MAX_SIDE || height > DD_IMAGE_LOADER_MAX_SIDE)
    {
      limits->refused = TRUE;
      /* As small as can be while the loader finishes reading the header. */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }

  scale = MIN (1.0, (double) limits->size / MAX (width, height));
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)), MAX (1, (int) (height * scale)));
}

GdkPixbuf *
dd_image_loader_decode (GBytes  *bytes,
                        int      size,
                        GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  DecodeLimits limits = { size, FALSE };
  const guint8 *data;
  gsize length;
  gsize offset = 0;
  guint width = 0, height = 0;
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (!dd_image_cache_sniff (data, length))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s", _("The platform sent something that is not a picture."));
      return NULL;
    }

  if (!read_dimensions (data, length, &width, &height))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", _("The picture could not be read."));
      return NULL;
    }
  if (width == 0 || height == 0 ||
      width > DD_IMAGE_LOADER_MAX_SIDE || height > DD_IMAGE_LOADER_MAX_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", _("The picture is too large."));
      return NULL;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &limits);

  while (offset < length && !limits.refused)
    {
      gsize n = MIN (FEED_CHUNK, length - offset);

      if (!gdk_pixbuf_loader_write (loader, data + offset, n, error))
        {
          gdk_pixbuf_loader_close (loader, NULL);
          return NULL;
        }
      offset += n;
    }

  if (limits.refused)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", _("The picture is too large."));
      return NULL;
    }

  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s", _("The picture could not be read."));
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/* ---- loading --------------------------------------------------------------- */

typedef struct
{
  char   *url;
  GBytes *bytes;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->url);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DdImageLoader *self = source_object;
  LoadData *data = task_data;
  GError *error = NULL;
  GdkPixbuf *pixbuf = dd_image_loader_decode (data->bytes, self->size, &error);

  if (pixbuf == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pixbuf, g_object_unref);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->bytes = dd_image_cache_fetch_finish (DD_IMAGE_CACHE (source), result, &error);
  if (data->bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, decode_in_thread);
}

void
dd_image_loader_load_async (DdImageLoader       *self,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  LoadData *data;

  g_return_if_fail (DD_IS_IMAGE_LOADER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_image_loader_load_async);
  data = g_new0 (LoadData, 1);
  data->url = g_strdup (url);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  dd_image_cache_fetch_async (self->cache, url, cancellable, fetched_cb, task);
}

GdkTexture *
dd_image_loader_load_finish (DdImageLoader  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  LoadData *data;
  GdkTexture *texture;

  g_return_val_if_fail (DD_IS_IMAGE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_image_loader_load_async, NULL);

  pixbuf = g_task_propagate_pointer (G_TASK (result), error);
  if (pixbuf == NULL)
    return NULL;

  data = g_task_get_task_data (G_TASK (result));
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  remember (self, data->url, texture);

  return texture;
}
