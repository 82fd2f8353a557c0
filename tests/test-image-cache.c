/* test-image-cache.c: product pictures fetched once, kept on disk, decoded
 * within limits (DdImageCache, DdImageLoader)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "dd-image-cache.h"
#include "dd-image-loader.h"

/* A 4×4 RGB PNG. */
static const guint8 small_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
  0x29, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0xe0, 0xe0, 0x00,
  0x47, 0x0c, 0xc4, 0x71, 0x00, 0x10, 0x52, 0x14, 0x01, 0x58, 0xca, 0xa0, 0x24, 0x00, 0x00, 0x00,
  0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* A PNG whose header claims 100000×100000 pixels (valid CRCs). */
static const guint8 huge_png[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x01, 0x86, 0xa0, 0x00, 0x01, 0x86, 0xa0, 0x08, 0x02, 0x00, 0x00, 0x00, 0x27, 0x30, 0x9c,
  0x9f, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x60, 0xa0, 0x0c, 0x00,
  0x00, 0x00, 0x40, 0x00, 0x01, 0xb7, 0x34, 0x7c, 0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
  0x44, 0xae, 0x42, 0x60, 0x82,
};

#define BIG_SIZE (6 * 1024 * 1024)

typedef struct
{
  SoupServer *server;
  char       *base_url;
  char       *directory;
  guint       n_served;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->n_served++;

  if (g_str_equal (path, "/ok.png"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC,
                                        (const char *) small_png, sizeof small_png);
    }
  else if (g_str_equal (path, "/page.html"))
    {
      /* Picture bytes, but it says it is a page: refused all the same. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        (const char *) small_png, sizeof small_png);
    }
  else if (g_str_equal (path, "/fake.png"))
    {
      static const char page[] = "<!DOCTYPE html><html><body>gotcha</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/big.png"))
    {
      char *big = g_malloc0 (BIG_SIZE);

      memcpy (big, small_png, sizeof small_png);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_TAKE, big, BIG_SIZE);
    }
  else if (g_str_equal (path, "/chunked.png"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      guint8 chunk[4096] = { 0 };

      /* 64 chunks of 4 KiB, no Content-Length: only the read cap stops it. */
      memcpy (chunk, small_png, sizeof small_png);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                         SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "image/png", NULL);
      for (guint i = 0; i < 64; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, sizeof chunk);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/redirect"))
    {
      g_autofree char *target = g_strconcat (fixture->base_url, "/ok.png", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, target);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *uri = NULL;

  tmp = g_dir_make_tmp ("dingdan-image-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->directory = g_build_filename (tmp, "images", NULL);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  uri = g_uri_to_string (uris->data);
  fixture->base_url = g_strndup (uri, strlen (uri) - (g_str_has_suffix (uri, "/") ? 1 : 0));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (fixture->directory);

  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  remove_tree (parent);
  g_free (fixture->directory);
  g_free (fixture->base_url);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GBytes *
fetch (DdImageCache  *cache,
       const char    *url,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_image_cache_fetch_async (cache, url, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return dd_image_cache_fetch_finish (cache, result, error);
}

static char *
url_of (Fixture    *fixture,
        const char *path)
{
  return g_strconcat (fixture->base_url, path, NULL);
}

static void
assert_not_cached (DdImageCache *cache,
                   const char   *url)
{
  g_autofree char *path = dd_image_cache_get_path (cache, url);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (dd_image_cache_lookup (cache, url));
}

static void
test_fetch_and_store (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DdImageCache) cache = dd_image_cache_new (fixture->directory, NULL);
  g_autofree char *url = url_of (fixture, "/ok.png");
  g_autofree char *path = dd_image_cache_get_path (cache, url);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  bytes = fetch (cache, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), small_png, sizeof small_png);
  g_assert_cmpuint (dd_image_cache_get_n_requests (cache), ==, 1);

  /* Kept under the URL's hash, in the directory asked for. */
  g_assert_cmpstr (basename, ==, hash);
  g_assert_true (g_str_has_prefix (path, fixture->directory));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, small_png, sizeof small_png);

  /* Fetched again: from the disk. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = fetch (cache, url, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, sizeof small_png);
  g_assert_cmpuint (dd_image_cache_get_n_requests (cache), ==, 1);
  g_assert_cmpuint (fixture->n_served, ==, 1);
}

static void
test_cache_hit_offline (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *url = url_of (fixture, "/ok.png");
  g_autoptr(DdImageCache) first = dd_image_cache_new (fixture->directory, NULL);
  g_autoptr(DdImageCache) second = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) looked_up = NULL;
  g_autoptr(GError) error = NULL;

  bytes = fetch (first, url, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* The server is gone: a new cache (a restart) still has the picture. */
  soup_server_disconnect (fixture->server);
  second = dd_image_cache_new (fixture->directory, NULL);
  looked_up = dd_image_cache_lookup (second, url);
  g_assert_nonnull (looked_up);
  g_assert_cmpuint (g_bytes_get_size (looked_up), ==, sizeof small_png);

  bytes = fetch (second, url, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), small_png, sizeof small_png);
  g_assert_cmpuint (dd_image_cache_get_n_requests (second), ==, 0);

  /* What was never fetched fails without the network, and is not kept. */
  {
    g_autofree char *other = url_of (fixture, "/other.png");
    g_autoptr(GBytes) none = fetch (second, other, &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    assert_not_cached (second, other);
  }
}

static void
test_hostile_content_type (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DdImageCache) cache = dd_image_cache_new (fixture->directory, NULL);
  g_autofree char *page = url_of (fixture, "/page.html");
  g_autofree char *fake = url_of (fixture, "/fake.png");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = fetch (cache, page, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (bytes);
  assert_not_cached (cache, page);
  g_clear_error (&error);

  /* An image/png that is a web page. */
  bytes = fetch (cache, fake, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (bytes);
  assert_not_cached (cache, fake);
}

static void
test_oversized (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DdImageCache) cache = dd_image_cache_new (fixture->directory, NULL);
  g_autofree char *big = url_of (fixture, "/big.png");
  g_autofree char *chunked = url_of (fixture, "/chunked.png");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (dd_image_cache_get_max_size (cache), ==, 5 * 1024 * 1024);
  bytes = fetch (cache, big, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (bytes);
  assert_not_cached (cache, big);
  g_clear_error (&error);

  /* No Content-Length: cut off while reading. */
  dd_image_cache_set_max_size (cache, 64 * 1024);
  bytes = fetch (cache, chunked, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (bytes);
  assert_not_cached (cache, chunked);
  g_clear_error (&error);

  /* Under a cap that allows it, the same body is fine. */
  dd_image_cache_set_max_size (cache, 1024 * 1024);
  bytes = fetch (cache, chunked, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 64 * 4096);
}

static void
test_no_redirect (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DdImageCache) cache = dd_image_cache_new (fixture->directory, NULL);
  g_autofree char *url = url_of (fixture, "/redirect");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = fetch (cache, url, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (bytes);
  g_assert_cmpuint (fixture->n_served, ==, 1);
  assert_not_cached (cache, url);
}

static void
test_only_http (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const refused[] = {
    "file:///etc/passwd", "ftp://127.0.0.1/a.png", "data:image/png;base64,iVBORw0KGgo=",
    "/img/1.png", "http://", "",
  };
  g_autoptr(DdImageCache) cache = dd_image_cache_new (fixture->directory, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = fetch (cache, refused[i], &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (bytes);
    }
  g_assert_cmpuint (dd_image_cache_get_n_requests (cache), ==, 0);
  g_assert_cmpuint (fixture->n_served, ==, 0);
}

static void
test_sniff (void)
{
  g_assert_true (dd_image_cache_sniff (small_png, sizeof small_png));
  g_assert_true (dd_image_cache_sniff ((const guint8 *) "\xFF\xD8\xFF\xE0", 4));
  g_assert_true (dd_image_cache_sniff ((const guint8 *) "GIF89a", 6));
  g_assert_true (dd_image_cache_sniff ((const guint8 *) "RIFF\0\0\0\0WEBPVP8 ", 16));
  g_assert_false (dd_image_cache_sniff ((const guint8 *) "<html>", 6));
  g_assert_false (dd_image_cache_sniff ((const guint8 *) "\x89PN", 3));
  g_assert_false (dd_image_cache_sniff (NULL, 0));
}

static void
test_decode (void)
{
  g_autoptr(GBytes) small = g_bytes_new_static (small_png, sizeof small_png);
  g_autoptr(GBytes) huge = g_bytes_new_static (huge_png, sizeof huge_png);
  g_autoptr(GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr(GBytes) cut = g_bytes_new_static (small_png, 40);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  /* Scaled down while decoded, never up. */
  pixbuf = dd_image_loader_decode (small, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 2);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 2);
  g_clear_object (&pixbuf);
  pixbuf = dd_image_loader_decode (small, 64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 4);
  g_clear_object (&pixbuf);

  /* Refused from its header, before a decoder allocates its pixels. */
  pixbuf = dd_image_loader_decode (huge, 64, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (pixbuf);
  g_clear_error (&error);

  pixbuf = dd_image_loader_decode (text, 64, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (pixbuf);
  g_clear_error (&error);

  /* Cut short: an error, not a crash. */
  pixbuf = dd_image_loader_decode (cut, 64, &error);
  g_assert_nonnull (error);
  g_assert_null (pixbuf);
}

static void
test_loader_lru (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DdImageCache) cache = dd_image_cache_new (fixture->directory, NULL);
  g_autoptr(DdImageLoader) loader = dd_image_loader_new (cache, 16);
  g_autofree char *url = url_of (fixture, "/ok.png");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (dd_image_loader_lookup (loader, url));
  dd_image_loader_load_async (loader, url, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  texture = dd_image_loader_load_finish (loader, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 4);

  again = dd_image_loader_lookup (loader, url);
  g_assert_true (again == texture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/dingdan/image-cache/fetch-and-store", Fixture, NULL,
              fixture_set_up, test_fetch_and_store, fixture_tear_down);
  g_test_add ("/dingdan/image-cache/cache-hit-offline", Fixture, NULL,
              fixture_set_up, test_cache_hit_offline, fixture_tear_down);
  g_test_add ("/dingdan/image-cache/hostile-content-type", Fixture, NULL,
              fixture_set_up, test_hostile_content_type, fixture_tear_down);
  g_test_add ("/dingdan/image-cache/oversized", Fixture, NULL,
              fixture_set_up, test_oversized, fixture_tear_down);
  g_test_add ("/dingdan/image-cache/no-redirect", Fixture, NULL,
              fixture_set_up, test_no_redirect, fixture_tear_down);
  g_test_add ("/dingdan/image-cache/only-http", Fixture, NULL,
              fixture_set_up, test_only_http, fixture_tear_down);
  g_test_add_func ("/dingdan/image-cache/sniff", test_sniff);
  g_test_add_func ("/dingdan/image-loader/decode", test_decode);
  g_test_add ("/dingdan/image-loader/lru", Fixture, NULL,
              fixture_set_up, test_loader_lru, fixture_tear_down);

  return g_test_run ();
}
