/* test-keyring.h: helpers for the tests that use the real keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <gio/gio.h>

#include "dd-secrets.h"

G_BEGIN_DECLS

/* TRUE when build-aux/test-session.sh started a keyring for us; otherwise
 * the test is skipped (TAP skip), never passed silently. */
static inline gboolean
test_keyring_available (void)
{
  static gboolean ready = FALSE;

  if (g_getenv ("DINGDAN_TEST_KEYRING") == NULL)
    {
      g_test_skip ("no test keyring (run under build-aux/test-session.sh)");
      return FALSE;
    }

  /* gnome-keyring-daemon --daemonize may return before it owns the name;
   * asking then would make D-Bus activate a second, locked daemon. */
  for (guint i = 0; !ready && i < 100; i++)
    {
      g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
      g_autoptr(GVariant) reply = NULL;

      if (bus != NULL)
        reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                             "org.freedesktop.DBus", "NameHasOwner",
                                             g_variant_new ("(s)", "org.freedesktop.secrets"),
                                             G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE,
                                             -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &ready);
      if (!ready)
        g_usleep (100 * 1000);
    }
  g_assert_true (ready);
  return TRUE;
}

static inline void
test_got_result (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static inline void
test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static inline gboolean
test_secrets_store (const char    *account_id,
                    const char    *platform,
                    const char    *name,
                    DdSecretKind   kind,
                    const char    *secret,
                    GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_secrets_store_async (account_id, platform, name, kind, secret, NULL,
                          test_got_result, &result);
  test_wait (&result);
  return dd_secrets_store_finish (result, error);
}

static inline char *
test_secrets_lookup (const char    *account_id,
                     const char    *platform,
                     DdSecretKind   kind,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_secrets_lookup_async (account_id, platform, kind, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_secrets_lookup_finish (result, error);
}

static inline gboolean
test_secrets_clear (const char  *account_id,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_secrets_clear_async (account_id, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_secrets_clear_finish (result, error);
}

static inline gboolean
test_bytes_contain (const char *haystack,
                    gsize       length,
                    const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n > 0 && i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Fails when @needle's bytes occur in any regular file below @dir. Returns
 * the number of files looked at. */
static inline guint
test_assert_not_in_tree (const char *dir,
                         const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n_files += test_assert_not_in_tree (path, needle);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          if (test_bytes_contain (contents, length, needle))
            g_error ("The secret was found in %s", path);
          n_files++;
        }
    }
  return n_files;
}

G_END_DECLS
