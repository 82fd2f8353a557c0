/* test-secrets.c: account secrets in the system keyring, and nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-secrets.h"
#include "test-keyring.h"

static void
test_schema (void)
{
  const SecretSchema *schema = dd_secrets_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.dingdan.Dingdan.Credential");
  g_assert_cmpint (schema->flags, ==, SECRET_SCHEMA_NONE);
  g_assert_cmpstr (schema->attributes[0].name, ==, "account-id");
  g_assert_cmpstr (schema->attributes[1].name, ==, "platform");
  g_assert_cmpstr (schema->attributes[2].name, ==, "kind");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (schema->attributes[i].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[3].name);

  g_assert_cmpstr (dd_secret_kind_to_string (DD_SECRET_APP_SECRET), ==, "app-secret");
  g_assert_cmpstr (dd_secret_kind_to_string (DD_SECRET_ACCESS_TOKEN), ==, "access-token");
  g_assert_cmpstr (dd_secret_kind_to_string (DD_SECRET_REFRESH_TOKEN), ==, "refresh-token");
}

static void
test_round_trip (void)
{
  const DdSecretKind kinds[] = {
    DD_SECRET_APP_SECRET, DD_SECRET_ACCESS_TOKEN, DD_SECRET_REFRESH_TOKEN,
  };
  g_autofree char *account_id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  if (!test_keyring_available ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *secret = g_strdup_printf ("round-trip-%u-%s", i, account_id);

      g_assert_true (test_secrets_store (account_id, "tw", "Round trip", kinds[i], secret, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *expected = g_strdup_printf ("round-trip-%u-%s", i, account_id);
      char *found = test_secrets_lookup (account_id, "tw", kinds[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (found, ==, expected);
      dd_secrets_free (found);
    }

  /* The platform is part of the key. */
  g_assert_null (test_secrets_lookup (account_id, "top", DD_SECRET_APP_SECRET, &error));
  g_assert_no_error (error);

  g_assert_true (test_secrets_clear (account_id, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_assert_null (test_secrets_lookup (account_id, "tw", kinds[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_lookup_nothing (void)
{
  g_autofree char *account_id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  if (!test_keyring_available ())
    return;

  g_assert_null (test_secrets_lookup (account_id, "pandapon", DD_SECRET_APP_SECRET, &error));
  g_assert_no_error (error);
  /* Clearing nothing is no error either. */
  g_assert_true (test_secrets_clear (account_id, &error));
  g_assert_no_error (error);
}

static void
test_store_replaces (void)
{
  g_autofree char *account_id = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  char *found;

  if (!test_keyring_available ())
    return;

  g_assert_true (test_secrets_store (account_id, "top", "Replace", DD_SECRET_ACCESS_TOKEN,
                                     "first-token", &error));
  g_assert_true (test_secrets_store (account_id, "top", "Replace", DD_SECRET_ACCESS_TOKEN,
                                     "second-token", &error));
  g_assert_no_error (error);
  found = test_secrets_lookup (account_id, "top", DD_SECRET_ACCESS_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "second-token");
  dd_secrets_free (found);

  g_assert_true (test_secrets_clear (account_id, &error));
}

static void
test_clear_only_account (void)
{
  g_autofree char *a = g_uuid_string_random ();
  g_autofree char *b = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  char *found;

  if (!test_keyring_available ())
    return;

  g_assert_true (test_secrets_store (a, "tw", "A", DD_SECRET_APP_SECRET, "secret-a", &error));
  g_assert_true (test_secrets_store (b, "tw", "B", DD_SECRET_APP_SECRET, "secret-b", &error));
  g_assert_no_error (error);

  g_assert_true (test_secrets_clear (a, &error));
  g_assert_no_error (error);
  g_assert_null (test_secrets_lookup (a, "tw", DD_SECRET_APP_SECRET, &error));
  found = test_secrets_lookup (b, "tw", DD_SECRET_APP_SECRET, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "secret-b");
  dd_secrets_free (found);

  g_assert_true (test_secrets_clear (b, &error));
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_keyring_available ())
    return;

  g_cancellable_cancel (cancellable);
  dd_secrets_store_async ("cancelled", "tw", "Cancelled", DD_SECRET_APP_SECRET, "x",
                          cancellable, test_got_result, &result);
  test_wait (&result);
  g_assert_false (dd_secrets_store_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

#define LEAK_SECRET "leak-check-5f3c9a1e-secret"

static void
test_nowhere_else (void)
{
  g_autoptr(GError) error = NULL;
  const char *account_id = "leak-check-account";

  if (!test_keyring_available ())
    return;

  if (g_test_subprocess ())
    {
      char *found;

      /* Debug logs on (as G_MESSAGES_DEBUG=all): its output is where a
       * leak would show. */
      g_log_set_debug_enabled (TRUE);
      g_assert_true (test_secrets_store (account_id, "tw", "Leak check", DD_SECRET_APP_SECRET,
                                         LEAK_SECRET, &error));
      g_assert_no_error (error);
      found = test_secrets_lookup (account_id, "tw", DD_SECRET_APP_SECRET, &error);
      g_assert_cmpstr (found, ==, LEAK_SECRET);
      dd_secrets_free (found);
      /* The child's own (isolated) dirs too. */
      test_assert_not_in_tree (g_get_user_data_dir (), LEAK_SECRET);
      test_assert_not_in_tree (g_get_user_config_dir (), LEAK_SECRET);
      return;
    }

  /* In this process too, then in a child whose logs are captured. */
  g_assert_true (test_secrets_store (account_id, "tw", "Leak check", DD_SECRET_APP_SECRET,
                                     LEAK_SECRET, &error));
  g_assert_no_error (error);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The logs were captured (so the check below means something)… */
  g_test_trap_assert_stdout ("*Storing the app-secret of account leak-check-account*");
  /* … and the secret is in none of them. */
  g_test_trap_assert_stdout_unmatched ("*" LEAK_SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*" LEAK_SECRET "*");

  /* Nor in any file of the data, config, cache or state dirs. */
  test_assert_not_in_tree (g_get_user_data_dir (), LEAK_SECRET);
  test_assert_not_in_tree (g_get_user_config_dir (), LEAK_SECRET);
  test_assert_not_in_tree (g_get_user_cache_dir (), LEAK_SECRET);
  test_assert_not_in_tree (g_get_user_state_dir (), LEAK_SECRET);

  /* It is in the keyring, though. */
  {
    char *found = test_secrets_lookup (account_id, "tw", DD_SECRET_APP_SECRET, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (found, ==, LEAK_SECRET);
    dd_secrets_free (found);
  }
  g_assert_true (test_secrets_clear (account_id, &error));
}

static void
test_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTestDBus) bus = NULL;

  if (!g_test_subprocess ())
    {
      /* Its own process: the session bus connection is a singleton. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* A private bus without a secret service. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  secret_service_disconnect ();

  g_assert_false (test_secrets_store ("unavailable", "tw", "Unavailable", DD_SECRET_APP_SECRET,
                                      "never-stored", &error));
  g_assert_error (error, DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_null (strstr (error->message, "never-stored"));
  g_clear_error (&error);

  g_assert_null (test_secrets_lookup ("unavailable", "tw", DD_SECRET_APP_SECRET, &error));
  g_assert_error (error, DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (test_secrets_clear ("unavailable", &error));
  g_assert_error (error, DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  secret_service_disconnect ();
  g_test_dbus_down (bus);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dingdan/secrets/schema", test_schema);
  g_test_add_func ("/dingdan/secrets/round-trip", test_round_trip);
  g_test_add_func ("/dingdan/secrets/lookup-nothing", test_lookup_nothing);
  g_test_add_func ("/dingdan/secrets/store-replaces", test_store_replaces);
  g_test_add_func ("/dingdan/secrets/clear-only-account", test_clear_only_account);
  g_test_add_func ("/dingdan/secrets/cancelled", test_cancelled);
  g_test_add_func ("/dingdan/secrets/nowhere-else", test_nowhere_else);
  g_test_add_func ("/dingdan/secrets/unavailable", test_unavailable);

  return g_test_run ();
}
