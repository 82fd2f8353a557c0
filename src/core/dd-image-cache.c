/* dd-image-cache.c: product images, fetched once and kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A product image URL comes from a platform's reply, so it is not trusted:
 * only http(s), no redirects, an image reply whose body starts like an
 * image, capped while it is read. What is accepted is kept on disk under a
 * hash of the URL; the next look needs no network. Decoding (with its own
 * limits) is the window's business.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dd-image-cache.h"

#define READ_CHUNK 65536

struct _DdImageCache
{
  GObject       parent_instance;

  char         *directory;
  SoupSession  *session;
  guint64       max_size;
  guint         n_requests;
};

enum {
  PROP_0,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (DdImageCache, dd_image_cache, G_TYPE_OBJECT)

typedef struct
{
  char         *url;
  GFile        *file;
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *body;
  GBytes       *bytes;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->url);
  g_clear_object (&data->file);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

gboolean
dd_image_cache_sniff (const guint8 *data,
                      gsize         size)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  static const guint8 jpeg[] = { 0xFF, 0xD8, 0xFF };

  if (data == NULL)
    return FALSE;
  if (size >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return TRUE;
  if (size >= sizeof jpeg && memcmp (data, jpeg, sizeof jpeg) == 0)
    return TRUE;
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return TRUE;
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return TRUE;

  return FALSE;
}

static gboolean
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Only web addresses (http or https) are fetched for pictures."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_content_type (SoupMessage  *msg,
                    GError      **error)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);

  if (type == NULL || !g_str_has_prefix (type, "image/"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The platform sent something that is not a picture."));
      return FALSE;
    }

  return TRUE;
}

static void
set_too_large (GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The picture is too large."));
}

static void
dd_image_cache_finalize (GObject *object)
{
  DdImageCache *self = DD_IMAGE_CACHE (object);

  g_free (self->directory);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dd_image_cache_parent_class)->finalize (object);
}

static void
dd_image_cache_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DdImageCache *self = DD_IMAGE_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_image_cache_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DdImageCache *self = DD_IMAGE_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_SIZE:
      dd_image_cache_set_max_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_image_cache_class_init (DdImageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dd_image_cache_finalize;
  object_class->get_property = dd_image_cache_get_property;
  object_class->set_property = dd_image_cache_set_property;

  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", NULL, NULL,
                         1, G_MAXUINT32, DD_IMAGE_CACHE_DEFAULT_MAX_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_image_cache_init (DdImageCache *self)
{
  self->max_size = DD_IMAGE_CACHE_DEFAULT_MAX_SIZE;
}

DdImageCache *
dd_image_cache_new (const char  *directory,
                    SoupSession *session)
{
  DdImageCache *self;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  self = g_object_new (DD_TYPE_IMAGE_CACHE, NULL);
  self->directory = g_strdup (directory);
  if (session != NULL)
    self->session = g_object_ref (session);
  else
    self->session = soup_session_new_with_options ("timeout", 30,
                                                   "max-conns-per-host", 4,
                                                   "user-agent", "Dingdan/" PACKAGE_VERSION,
                                                   NULL);

  return self;
}

char *
dd_image_cache_default_directory (void)
{
  return g_build_filename (g_get_user_cache_dir (), "dingdan", "images", NULL);
}

const char *
dd_image_cache_get_directory (DdImageCache *self)
{
  g_return_val_if_fail (DD_IS_IMAGE_CACHE (self), NULL);

  return self->directory;
}

guint64
dd_image_cache_get_max_size (DdImageCache *self)
{
  g_return_val_if_fail (DD_IS_IMAGE_CACHE (self), 0);

  return self->max_size;
}

void
dd_image_cache_set_max_size (DdImageCache *self,
                             guint64       bytes)
{
  g_return_if_fail (DD_IS_IMAGE_CACHE (self));
  g_return_if_fail (bytes > 0);

  if (self->max_size == bytes)
    return;

  self->max_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIZE]);
}

guint
dd_image_cache_get_n_requests (DdImageCache *self)
{
  g_return_val_if_fail (DD_IS_IMAGE_CACHE (self), 0);

  return self->n_requests;
}

char *
dd_image_cache_get_path (DdImageCache *self,
                         const char   *url)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (DD_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  return g_build_filename (self->directory, hash, NULL);
}

/* Cached bytes that are still acceptable (the cap may have shrunk, a file
 * may have been damaged): NULL otherwise. */
static GBytes *
accept_cached (DdImageCache *self,
               GBytes       *bytes)
{
  gsize size;
  const guint8 *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (size > self->max_size || !dd_image_cache_sniff (data, size))
    {
      g_bytes_unref (bytes);
      return NULL;
    }

  return bytes;
}

GBytes *
dd_image_cache_lookup (DdImageCache *self,
                       const char   *url)
{
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (DD_IS_IMAGE_CACHE (self), NULL);

  if (url == NULL || !check_url (url, NULL))
    return NULL;

  path = dd_image_cache_get_path (self, url);
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;

  return accept_cached (self, g_mapped_file_get_bytes (mapped));
}

/* ---- fetching -------------------------------------------------------------- */

static void read_next (GTask *task);

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A full disk costs a fetch next time, nothing more. */
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_debug ("Could not keep the picture %s: %s", data->url, error->message);

  g_task_return_pointer (task, g_bytes_ref (data->bytes), (GDestroyNotify) g_bytes_unref);
}

static void
body_done (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GFile) directory = g_file_get_parent (data->file);
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *bytes;

  data->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));
  bytes = g_bytes_get_data (data->bytes, &size);
  if (!dd_image_cache_sniff (bytes, size))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "%s", _("The platform sent something that is not a picture."));
      g_object_unref (task);
      return;
    }

  if (!g_file_make_directory_with_parents (directory, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_debug ("Could not create %s: %s", g_file_peek_path (directory), error->message);

  /* Written to a temporary file and renamed over: never half an image. */
  g_file_replace_contents_bytes_async (data->file, data->bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), stored_cb, task);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DdImageCache *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_LOW, NULL, NULL, NULL);
      body_done (task);
      return;
    }

  if (data->body->len + g_bytes_get_size (chunk) > self->max_size)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_LOW, NULL, NULL, NULL);
      set_too_large (&error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next (task);
}

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_LOW,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DdImageCache *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  guint status;
  GError *error = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (data->msg);
  headers = soup_message_get_response_headers (data->msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    /* Translators: %u is an HTTP status code, %s its reason ("Not Found") */
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The picture could not be fetched (%u %s)."),
                 status, soup_message_get_reason_phrase (data->msg) != NULL
                           ? soup_message_get_reason_phrase (data->msg) : "");
  else if (check_content_type (data->msg, &error) &&
           soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           (guint64) soup_message_headers_get_content_length (headers) > self->max_size)
    set_too_large (&error);

  if (error != NULL)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_LOW, NULL, NULL, NULL);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->body = g_byte_array_new ();
  read_next (task);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  DdImageCache *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, NULL))
    bytes = accept_cached (self, g_bytes_new_take (contents, length));

  if (bytes != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      g_object_unref (task);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  data->msg = soup_message_new (SOUP_METHOD_GET, data->url);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "%s", _("Only web addresses (http or https) are fetched for pictures."));
      g_object_unref (task);
      return;
    }
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (data->msg),
                                "Accept", "image/png, image/jpeg, image/gif, image/webp");
  self->n_requests++;
  soup_session_send_async (self->session, data->msg, G_PRIORITY_LOW,
                           g_task_get_cancellable (task), sent_cb, task);
}

void
dd_image_cache_fetch_async (DdImageCache        *self,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  FetchData *data;
  GError *error = NULL;

  g_return_if_fail (DD_IS_IMAGE_CACHE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_image_cache_fetch_async);

  if (!check_url (url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  path = dd_image_cache_get_path (self, url);
  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->file = g_file_new_for_path (path);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  g_file_load_contents_async (data->file, cancellable, loaded_cb, g_steal_pointer (&task));
}

GBytes *
dd_image_cache_fetch_finish (DdImageCache  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (DD_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_image_cache_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
