/* test-account-store.c: accounts persisted without secrets, secrets in the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "dd-account-store.h"
#include "dd-auth.h"
#include "dd-error-table.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-sandbox.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"
#include "test-keyring.h"
#include "test-orders.h"

typedef struct
{
  DdHttp         *http;
  DdAccountStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->http = dd_http_new ();
  /* NULL: $XDG_CONFIG_HOME/dingdan/accounts.ini, isolated per test. */
  fixture->store = dd_account_store_new (NULL, fixture->http);
  g_assert_true (g_str_has_prefix (dd_account_store_get_path (fixture->store),
                                   g_get_user_config_dir ()));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->http);
}

static void
write_key_file (Fixture    *fixture,
                const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (dd_account_store_get_path (fixture->store));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (dd_account_store_get_path (fixture->store), contents, -1, &error);
  g_assert_no_error (error);
}

static DdAccount *
add (DdAccountStore       *store,
     const DdAccountSpec  *spec,
     GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_account_store_add_async (store, spec, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_account_store_add_finish (store, result, error);
}

static gboolean
connect_account (DdAccountStore  *store,
                 DdAccount       *account,
                 GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_account_store_connect_async (store, account, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_account_store_connect_finish (store, result, error);
}

static gboolean
remove_account (DdAccountStore  *store,
                DdAccount       *account,
                DdCache         *cache,
                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_account_store_remove_async (store, account, cache, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_account_store_remove_finish (store, result, error);
}

static gboolean
update_account (DdAccountStore       *store,
                DdAccount            *account,
                const DdAccountSpec  *spec,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_account_store_update_async (store, account, spec, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_account_store_update_finish (store, result, error);
}

static char *
test_account (DdAccountStore  *store,
              DdAccount       *account,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  dd_account_store_test_async (store, account, NULL, test_got_result, &result);
  test_wait (&result);
  return dd_account_store_test_finish (store, result, error);
}

static DdAccount *
item (DdAccountStore *store,
      guint           position)
{
  DdAccount *account = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The store keeps it alive. */
  g_object_unref (account);
  return account;
}

static const char two_accounts[] =
  "[Account id-b]\n"
  "Platform=top\n"
  "Name=Zebra shop\n"
  "Endpoint=https://gw.example.com/router/rest\n"
  "Key=12345\n"
  "SignMethod=md5\n"
  "LastSynced=2026-11-20T10:00:00Z\n"
  "LastError=It went wrong\n"
  "\n"
  "[Account id-a]\n"
  "Platform=pandapon\n"
  "Name=Apple buying\n"
  "Key=access\n"
  "UserId=user-1\n"
  "\n"
  "[Account id-c]\n"
  "Platform=mars\n"
  "Name=Unknown platform\n"
  "\n"
  "[Something else]\n"
  "Name=ignored\n";

static void
test_load (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  DdAccount *a;
  DdAccount *b;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 11, 20, 10, 0, 0);

  /* A missing file is no error. */
  g_assert_true (dd_account_store_load (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->store)) == DD_TYPE_ACCOUNT);

  write_key_file (fixture, two_accounts);
  g_test_expect_message ("Dingdan-Core", G_LOG_LEVEL_WARNING, "*unknown platform*");
  g_assert_true (dd_account_store_load (fixture->store, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);

  /* Sorted by name. */
  a = item (fixture->store, 0);
  b = item (fixture->store, 1);
  g_assert_cmpstr (dd_account_get_id (a), ==, "id-a");
  g_assert_cmpstr (dd_account_get_platform (a), ==, DD_PLATFORM_PANDAPON);
  g_assert_cmpstr (dd_account_get_key (a), ==, "access");
  g_assert_cmpstr (dd_account_get_user_id (a), ==, "user-1");
  g_assert_null (dd_account_get_last_synced (a));
  g_assert_cmpint (dd_account_get_state (a), ==, DD_ACCOUNT_STATE_DISCONNECTED);
  g_assert_null (dd_account_get_client (a));

  g_assert_cmpstr (dd_account_get_name (b), ==, "Zebra shop");
  g_assert_cmpstr (dd_account_get_endpoint (b), ==, "https://gw.example.com/router/rest");
  g_assert_cmpstr (dd_account_get_sign_method (b), ==, "md5");
  g_assert_cmpstr (dd_account_get_last_error (b), ==, "It went wrong");
  g_assert_nonnull (dd_account_get_last_synced (b));
  g_assert_true (g_date_time_equal (dd_account_get_last_synced (b), expected));

  g_assert_true (dd_account_store_lookup (fixture->store, "id-b") == b);
  g_assert_true (dd_account_store_lookup (fixture->store, "Apple buying") == a);
  g_assert_null (dd_account_store_lookup (fixture->store, "id-c"));
  g_assert_null (dd_account_store_lookup (fixture->store, "nobody"));

  /* Loading again replaces, not duplicates. */
  g_test_expect_message ("Dingdan-Core", G_LOG_LEVEL_WARNING, "*unknown platform*");
  g_assert_true (dd_account_store_load (fixture->store, &error));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
}

static void
test_load_damaged (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  write_key_file (fixture, "this is [not a key file\n\x01");
  g_assert_false (dd_account_store_load (fixture->store, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
assert_invalid (DdAccountStore      *store,
                const DdAccountSpec *spec,
                DdAccount           *editing,
                const char          *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (dd_account_store_validate (store, spec, editing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, field));
}

static void
assert_valid (DdAccountStore      *store,
              const DdAccountSpec *spec,
              DdAccount           *editing)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dd_account_store_validate (store, spec, editing, &error));
  g_assert_no_error (error);
}

static void
test_validate (Fixture       *fixture,
               gconstpointer  user_data)
{
  DdAccountSpec tw = {
    .platform = DD_PLATFORM_TW, .name = "Taiwan shop", .key = "100001",
    .app_secret = "s", .access_token = "t",
  };
  DdAccountSpec spec;
  DdAccount *zebra;

  write_key_file (fixture, "[Account id-b]\nPlatform=top\nName=Zebra shop\nKey=1\n");
  g_assert_true (dd_account_store_load (fixture->store, NULL));
  zebra = dd_account_store_lookup (fixture->store, "id-b");

  assert_valid (fixture->store, &tw, NULL);

  spec = tw, spec.platform = "mars";
  assert_invalid (fixture->store, &spec, NULL, "Platform:");
  spec = tw, spec.platform = NULL;
  assert_invalid (fixture->store, &spec, NULL, "Platform:");
  spec = tw, spec.name = "  ";
  assert_invalid (fixture->store, &spec, NULL, "Name:");
  spec = tw, spec.key = NULL;
  assert_invalid (fixture->store, &spec, NULL, "App key:");
  spec = tw, spec.app_secret = NULL;
  assert_invalid (fixture->store, &spec, NULL, "App secret:");
  spec = tw, spec.access_token = "";
  assert_invalid (fixture->store, &spec, NULL, "Access token:");

  /* Endpoints: https, or http only on loopback. */
  spec = tw, spec.endpoint = "http://shop.example.com/rest";
  assert_invalid (fixture->store, &spec, NULL, "Endpoint:");
  spec = tw, spec.endpoint = "ftp://shop.example.com/rest";
  assert_invalid (fixture->store, &spec, NULL, "Endpoint:");
  spec = tw, spec.endpoint = "https://shop.example.com/rest";
  assert_valid (fixture->store, &spec, NULL);
  spec = tw, spec.endpoint = "http://127.0.0.1:8080/rest";
  assert_valid (fixture->store, &spec, NULL);
  spec = tw, spec.endpoint = "";
  assert_valid (fixture->store, &spec, NULL);

  /* Names are unique, whatever the case; editing keeps its own. */
  spec = tw, spec.name = "zebra SHOP";
  assert_invalid (fixture->store, &spec, NULL, "Name:");
  spec = tw, spec.platform = DD_PLATFORM_TOP, spec.name = "Zebra shop";
  assert_valid (fixture->store, &spec, zebra);
  /* … and the platform cannot change. */
  spec = tw, spec.name = "Zebra shop";
  assert_invalid (fixture->store, &spec, zebra, "Platform:");
  /* Editing: NULL secrets keep the stored ones. */
  spec = tw, spec.platform = DD_PLATFORM_TOP, spec.app_secret = NULL, spec.access_token = NULL;
  assert_valid (fixture->store, &spec, zebra);

  /* TOP: sign methods. */
  spec = tw, spec.platform = DD_PLATFORM_TOP;
  assert_valid (fixture->store, &spec, NULL);
  spec.sign_method = "md5";
  assert_valid (fixture->store, &spec, NULL);
  spec.sign_method = "hmac";
  assert_valid (fixture->store, &spec, NULL);
  spec.sign_method = "hmac-sha256";
  assert_valid (fixture->store, &spec, NULL);
  spec.sign_method = "sha1";
  assert_invalid (fixture->store, &spec, NULL, "Sign method:");
  spec.sign_method = NULL, spec.access_token = NULL;
  assert_invalid (fixture->store, &spec, NULL, "Session key:");

  /* Procurement needs the buyer id, PandaPon the user id but no token. */
  spec = tw, spec.platform = DD_PLATFORM_TOP_PC;
  assert_invalid (fixture->store, &spec, NULL, "Buyer ID:");
  spec.user_id = "2200000001";
  assert_valid (fixture->store, &spec, NULL);
  spec = tw, spec.platform = DD_PLATFORM_PANDAPON, spec.access_token = NULL;
  assert_invalid (fixture->store, &spec, NULL, "User ID:");
  spec.user_id = "sandbox-user";
  assert_valid (fixture->store, &spec, NULL);
  spec.key = "";
  assert_invalid (fixture->store, &spec, NULL, "Access key:");
  spec.key = "k", spec.app_secret = NULL;
  assert_invalid (fixture->store, &spec, NULL, "Secret:");
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpuint (buf.st_mode & 0777, ==, mode);
}

static void
assert_secret (DdAccount    *account,
               DdSecretKind  kind,
               const char   *expected)
{
  g_autoptr(GError) error = NULL;
  char *found = test_secrets_lookup (dd_account_get_id (account), dd_account_get_platform (account),
                                     kind, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, expected);
  dd_secrets_free (found);
}

static void
assert_client_type (DdAccount *account)
{
  DdClient *client = dd_account_get_client (account);
  const char *platform = dd_account_get_platform (account);

  g_assert_nonnull (client);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_CONNECTED);
  g_assert_cmpstr (dd_client_get_platform (client), ==, platform);
  if (g_str_equal (platform, DD_PLATFORM_TW))
    g_assert_true (DD_IS_TW_CLIENT (client));
  else if (g_str_equal (platform, DD_PLATFORM_TOP))
    g_assert_true (DD_IS_TOP_CLIENT (client));
  else if (g_str_equal (platform, DD_PLATFORM_TOP_PC))
    g_assert_true (DD_IS_TOP_PC_CLIENT (client));
  else
    g_assert_true (DD_IS_PP_CLIENT (client));
}

static void
test_add_each_platform (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const DdAccountSpec specs[] = {
    { DD_PLATFORM_TW, "Taiwan shop", NULL, "tw-key", NULL, NULL,
      "tw-app-secret-9d1", "tw-access-token-9d1", "tw-refresh-token-9d1" },
    { DD_PLATFORM_TOP, "Taobao shop", "https://gw.example.com/router/rest", "top-key", NULL, "md5",
      "top-app-secret-9d1", "top-session-9d1", NULL },
    { DD_PLATFORM_TOP_PC, "Procurement", NULL, "pc-key", "2200000001", NULL,
      "pc-app-secret-9d1", "pc-session-9d1", NULL },
    { DD_PLATFORM_PANDAPON, "Buying", NULL, "pp-key", "user-7", NULL,
      "pp-secret-9d1", NULL, NULL },
  };
  g_autoptr(DdAccountStore) fresh = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_keyring_available ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      DdAccount *account = add (fixture->store, &specs[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (account);
      g_assert_true (g_uuid_string_is_valid (dd_account_get_id (account)));
      g_assert_cmpstr (dd_account_get_name (account), ==, specs[i].name);
      assert_client_type (account);
      assert_secret (account, DD_SECRET_APP_SECRET, specs[i].app_secret);
      assert_secret (account, DD_SECRET_ACCESS_TOKEN, specs[i].access_token);
      assert_secret (account, DD_SECRET_REFRESH_TOKEN, specs[i].refresh_token);
      g_object_unref (account);
    }

  /* Defaults filled in. */
  g_assert_cmpstr (dd_account_get_endpoint (dd_account_store_lookup (fixture->store, "Taiwan shop")),
                   ==, DD_TW_DEFAULT_ENDPOINT);
  g_assert_cmpstr (dd_account_get_sign_method (dd_account_store_lookup (fixture->store, "Procurement")),
                   ==, "hmac-sha256");
  g_assert_cmpstr (dd_account_get_sign_method (dd_account_store_lookup (fixture->store, "Taobao shop")),
                   ==, "md5");

  /* The key file: private, and never a secret in it (nor anywhere else). */
  dir = g_path_get_dirname (dd_account_store_get_path (fixture->store));
  assert_mode (dir, 0700);
  assert_mode (dd_account_store_get_path (fixture->store), 0600);
  g_assert_true (g_file_get_contents (dd_account_store_get_path (fixture->store), &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Key=tw-key"));
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      const char *secrets[] = { specs[i].app_secret, specs[i].access_token, specs[i].refresh_token };

      for (guint j = 0; j < G_N_ELEMENTS (secrets); j++)
        if (secrets[j] != NULL)
          {
            g_assert_cmpuint (test_assert_not_in_tree (g_get_user_config_dir (), secrets[j]), >, 0);
            test_assert_not_in_tree (g_get_user_data_dir (), secrets[j]);
          }
    }

  /* A "restart": a fresh store reads them back and connects each. */
  fresh = dd_account_store_new (NULL, fixture->http);
  g_assert_true (dd_account_store_load (fresh, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 4);
  g_assert_cmpstr (dd_account_get_name (item (fresh, 0)), ==, "Buying");
  g_assert_cmpstr (dd_account_get_name (item (fresh, 3)), ==, "Taobao shop");
  for (guint i = 0; i < 4; i++)
    {
      DdAccount *account = item (fresh, i);

      g_assert_null (dd_account_get_client (account));
      g_assert_true (connect_account (fresh, account, &error));
      g_assert_no_error (error);
      assert_client_type (account);
    }
  g_assert_cmpstr (dd_account_get_user_id (dd_account_store_lookup (fresh, "Procurement")),
                   ==, "2200000001");

  /* Removing leaves no secret behind. */
  while (g_list_model_get_n_items (G_LIST_MODEL (fresh)) > 0)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (G_LIST_MODEL (fresh), 0);

      g_assert_true (remove_account (fresh, account, NULL, &error));
      g_assert_no_error (error);
      assert_secret (account, DD_SECRET_APP_SECRET, NULL);
      assert_secret (account, DD_SECRET_ACCESS_TOKEN, NULL);
      assert_secret (account, DD_SECRET_REFRESH_TOKEN, NULL);
      g_assert_null (dd_account_get_client (account));
    }
}

static void
test_remove_with_cache (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const DdAccountSpec spec = {
    .platform = DD_PLATFORM_TW, .name = "Removed", .key = "k",
    .app_secret = "removed-secret", .access_token = "removed-token",
  };
  g_autoptr(DdAccount) account = NULL;
  g_autoptr(DdAccountStore) fresh = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GPtrArray) page = test_page_new ();
  g_autofree char *cache_path = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_keyring_available ())
    return;

  account = add (fixture->store, &spec, &error);
  g_assert_no_error (error);

  cache_path = g_build_filename (g_get_user_data_dir (), "dingdan", "orders.db", NULL);
  cache = dd_cache_new (cache_path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (page, test_order_new (dd_account_get_id (account), "1", 1, 1,
                                         "unpaid", "A", 100, "COD"));
  g_ptr_array_add (page, test_order_new (dd_account_get_id (account), "2", 2, 2,
                                         "unpaid", "B", 100, "COD"));
  g_assert_true (dd_cache_store_page (cache, dd_account_get_id (account), page, 5, NULL, &error));
  g_assert_cmpuint (dd_cache_count_orders (cache, dd_account_get_id (account)), ==, 2);

  g_assert_true (remove_account (fixture->store, account, cache, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dd_cache_count_orders (cache, dd_account_get_id (account)), ==, 0);
  g_assert_cmpint (dd_cache_get_cursor (cache, dd_account_get_id (account)), ==, -1);
  assert_secret (account, DD_SECRET_APP_SECRET, NULL);
  assert_secret (account, DD_SECRET_ACCESS_TOKEN, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);

  fresh = dd_account_store_new (NULL, fixture->http);
  g_assert_true (dd_account_store_load (fresh, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 0);
}

static void
test_missing_secret (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *contents = NULL;
  DdAccount *account;

  if (!test_keyring_available ())
    return;

  contents = g_strdup_printf ("[Account %s]\nPlatform=tw\nName=No secret\nKey=k\n", id);
  write_key_file (fixture, contents);
  g_assert_true (dd_account_store_load (fixture->store, &error));
  account = dd_account_store_lookup (fixture->store, id);

  g_assert_false (connect_account (fixture->store, account, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_MISSING_SECRET);
  g_assert_nonnull (dd_account_get_state_message (account));
  g_assert_null (dd_account_get_client (account));
  g_clear_error (&error);

  /* The app secret alone is not enough for Taiwan. */
  g_assert_true (test_secrets_store (id, "tw", "No secret", DD_SECRET_APP_SECRET, "only", &error));
  g_assert_false (connect_account (fixture->store, account, &error));
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_MISSING_SECRET);
  g_clear_error (&error);
  g_assert_true (test_secrets_store (id, "tw", "No secret", DD_SECRET_ACCESS_TOKEN, "tok", &error));
  g_assert_true (connect_account (fixture->store, account, &error));
  g_assert_no_error (error);
  assert_client_type (account);

  g_assert_true (test_secrets_clear (id, &error));
}

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  DdAccountSpec spec = {
    .platform = DD_PLATFORM_TOP, .name = "B shop", .key = "k",
    .app_secret = "update-secret", .access_token = "update-old-token",
  };
  DdAccountSpec other = {
    .platform = DD_PLATFORM_PANDAPON, .name = "C buying", .key = "k", .user_id = "u",
    .app_secret = "other-secret",
  };
  g_autoptr(DdAccount) account = NULL;
  g_autoptr(DdAccount) second = NULL;
  g_autoptr(GError) error = NULL;
  DdClient *old_client;
  GError *reauth;

  if (!test_keyring_available ())
    return;

  account = add (fixture->store, &spec, &error);
  second = add (fixture->store, &other, &error);
  g_assert_no_error (error);
  g_assert_true (item (fixture->store, 0) == account);
  old_client = dd_account_get_client (account);

  reauth = dd_error_table_make (DD_PLATFORM_TOP, NULL, "27", NULL, "Invalid session", NULL);
  dd_account_note_sync_result (account, reauth);
  g_error_free (reauth);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_REAUTHORIZE);

  /* Rename (re-sorted), new token, secret kept. */
  spec.name = "D shop";
  spec.app_secret = NULL;
  spec.access_token = "update-new-token";
  spec.sign_method = "hmac";
  g_assert_true (update_account (fixture->store, account, &spec, &error));
  g_assert_no_error (error);
  g_assert_true (item (fixture->store, 1) == account);
  g_assert_cmpstr (dd_account_get_name (account), ==, "D shop");
  g_assert_cmpstr (dd_account_get_sign_method (account), ==, "hmac");
  assert_secret (account, DD_SECRET_APP_SECRET, "update-secret");
  assert_secret (account, DD_SECRET_ACCESS_TOKEN, "update-new-token");
  assert_client_type (account);
  g_assert_true (dd_account_get_client (account) != old_client);
  g_assert_null (dd_account_get_state_message (account));

  /* An invalid edit changes nothing. */
  spec.name = "C buying";
  g_assert_false (update_account (fixture->store, account, &spec, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (dd_account_get_name (account), ==, "D shop");
  g_clear_error (&error);

  g_assert_true (remove_account (fixture->store, account, NULL, &error));
  g_assert_true (remove_account (fixture->store, second, NULL, &error));
  g_assert_no_error (error);
}

static void
test_sandbox (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdAccount) good = NULL;
  g_autoptr(DdAccount) bad = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *sentence = NULL;
  g_autoptr(GError) error = NULL;
  DdAccountSpec spec = {
    .platform = DD_PLATFORM_TW, .name = "Sandbox shop", .key = DD_SANDBOX_DEFAULT_APP_KEY,
    .app_secret = DD_SANDBOX_DEFAULT_APP_SECRET, .access_token = DD_SANDBOX_DEFAULT_ACCESS_TOKEN,
  };

  if (!test_keyring_available ())
    return;

  sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, DD_SANDBOX_DEFAULT_ORDERS,
                            DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                            DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_listen (sandbox, 0, &error));
  g_assert_no_error (error);
  endpoint = g_strconcat (dd_sandbox_get_base_url (sandbox), "/rest", NULL);
  spec.endpoint = endpoint;

  good = add (fixture->store, &spec, &error);
  g_assert_no_error (error);
  sentence = test_account (fixture->store, good, &error);
  g_assert_no_error (error);
  g_test_message ("%s", sentence);
  g_assert_nonnull (strstr (sentence, "500"));
  g_assert_nonnull (strstr (sentence, "Taobao Taiwan"));

  /* A refused token: the error as it comes, and sync notes it. */
  spec.name = "Wrong token";
  spec.access_token = "not-the-token";
  bad = add (fixture->store, &spec, &error);
  g_assert_no_error (error);
  g_assert_null (test_account (fixture->store, bad, &error));
  g_assert_error (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_AUTH);
  dd_account_note_sync_result (bad, error);
  g_assert_cmpstr (dd_account_get_last_error (bad), ==, error->message);
  g_assert_cmpint (dd_account_get_state (bad), ==, DD_ACCOUNT_STATE_REAUTHORIZE);
  g_clear_error (&error);

  g_assert_true (remove_account (fixture->store, good, NULL, &error));
  g_assert_true (remove_account (fixture->store, bad, NULL, &error));
  g_assert_no_error (error);
}

/* Taiwan refreshes an expired access token by itself; the new pair must
 * land in the keyring, or the next start would need authorising again. */
static void
test_refreshed_tokens_saved (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdAccount) account = NULL;
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *sentence = NULL;
  g_autoptr(GError) error = NULL;
  DdAccountSpec spec = {
    .platform = DD_PLATFORM_TW, .name = "Refreshing shop", .key = DD_SANDBOX_DEFAULT_APP_KEY,
    .app_secret = DD_SANDBOX_DEFAULT_APP_SECRET,
  };
  char *stored = NULL;

  if (!test_keyring_available ())
    return;

  sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, 20, DD_SANDBOX_DEFAULT_APP_KEY,
                            DD_SANDBOX_DEFAULT_APP_SECRET, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  g_assert_true (dd_sandbox_listen (sandbox, 0, &error));
  endpoint = g_strconcat (dd_sandbox_get_base_url (sandbox), "/rest", NULL);

  /* Tokens as the authorisation flow gets them, with a refresh token. */
  dd_auth_exchange_code_async (fixture->http, DD_PLATFORM_TW, endpoint,
                               DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                               "sandbox-code-refresh-test", NULL, test_got_result, &result);
  test_wait (&result);
  tokens = dd_auth_exchange_code_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens->refresh_token);

  spec.endpoint = endpoint;
  spec.access_token = tokens->access_token;
  spec.refresh_token = tokens->refresh_token;
  account = add (fixture->store, &spec, &error);
  g_assert_no_error (error);

  dd_sandbox_expire_token (sandbox, tokens->access_token);
  sentence = test_account (fixture->store, account, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sentence);

  /* The store saves asynchronously; flush waits for it, as the CLI does
   * before exiting. */
  g_assert_true (dd_account_store_flush (fixture->store, 10000));
  stored = test_secrets_lookup (dd_account_get_id (account), DD_PLATFORM_TW,
                                DD_SECRET_ACCESS_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored, !=, tokens->access_token);
  dd_secrets_free (stored);

  stored = test_secrets_lookup (dd_account_get_id (account), DD_PLATFORM_TW,
                                DD_SECRET_REFRESH_TOKEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored, !=, tokens->refresh_token);
  dd_secrets_free (stored);

  g_assert_true (remove_account (fixture->store, account, NULL, &error));
  g_assert_no_error (error);
}

static void
test_note_sync_result (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(DdAccount) account = dd_account_new ("id-n", DD_PLATFORM_TOP, "Noted", NULL);
  g_autoptr(DdClient) client = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(DdAccountStore) fresh = NULL;
  GError *ban;
  GError *reauth;
  GTimeSpan left;
  DdAccount *loaded;

  client = DD_CLIENT (dd_top_client_new (fixture->http, "https://gw.example.com/router/rest",
                                         "k", "s", "t", DD_SIGN_TOP_MD5));
  dd_account_set_client (account, client);

  dd_account_note_sync_result (account, NULL);
  g_assert_nonnull (dd_account_get_last_synced (account));
  g_assert_cmpint (g_date_time_compare (dd_account_get_last_synced (account), before), >=, 0);
  g_assert_null (dd_account_get_last_error (account));
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_CONNECTED);

  /* A ban: TOP code 7 with its stated length. */
  ban = dd_error_table_make (DD_PLATFORM_TOP, NULL, "7", "accesscontrol.limited-by-api-access-count",
                             "App Call Limited, This ban will last for 120 more seconds", NULL);
  g_assert_true (g_error_matches (ban, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED));
  dd_account_note_sync_result (account, ban);
  g_assert_cmpstr (dd_account_get_last_error (account), ==, ban->message);
  g_assert_nonnull (dd_account_get_throttled_until (account));
  left = g_date_time_difference (dd_account_get_throttled_until (account), before);
  g_assert_cmpint (left, >=, 120 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (left, <, 130 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_CONNECTED);
  g_error_free (ban);

  /* Success clears the error and the ban. */
  dd_account_note_sync_result (account, NULL);
  g_assert_null (dd_account_get_last_error (account));
  g_assert_null (dd_account_get_throttled_until (account));

  /* Session errors put it into "re-authorise"; success alone does not fix that. */
  reauth = dd_error_table_make (DD_PLATFORM_TOP, NULL, "27", NULL, "Invalid session", NULL);
  dd_account_note_sync_result (account, reauth);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_REAUTHORIZE);
  g_assert_nonnull (dd_account_get_state_message (account));
  g_assert_cmpstr (dd_account_get_last_error (account), ==, reauth->message);
  dd_account_note_sync_result (account, NULL);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_REAUTHORIZE);
  dd_account_note_sync_result (account, reauth);
  g_error_free (reauth);

  /* Other errors: only the message. */
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Disk full");
    g_autoptr(DdAccount) plain = dd_account_new ("id-p", DD_PLATFORM_TW, "Plain", NULL);

    dd_account_note_sync_result (plain, other);
    g_assert_cmpstr (dd_account_get_last_error (plain), ==, "Disk full");
    g_assert_cmpint (dd_account_get_state (plain), ==, DD_ACCOUNT_STATE_DISCONNECTED);
    g_assert_null (dd_account_get_throttled_until (plain));
  }

  /* The store keeps the sync status across restarts. */
  write_key_file (fixture, "[Account id-s]\nPlatform=tw\nName=Status\nKey=k\n");
  g_assert_true (dd_account_store_load (fixture->store, NULL));
  ban = dd_error_table_make (DD_PLATFORM_TOP, NULL, "7", NULL,
                             "This ban will last for 60 more seconds", NULL);
  dd_account_note_sync_result (dd_account_store_lookup (fixture->store, "id-s"), ban);
  g_error_free (ban);
  fresh = dd_account_store_new (NULL, fixture->http);
  g_assert_true (dd_account_store_load (fresh, NULL));
  loaded = dd_account_store_lookup (fresh, "id-s");
  g_assert_nonnull (loaded);
  g_assert_nonnull (dd_account_get_throttled_until (loaded));
  g_assert_nonnull (dd_account_get_last_error (loaded));
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const DdAccountSpec spec = {
    .platform = DD_PLATFORM_TW, .name = "Never", .key = "k",
    .app_secret = "never-secret", .access_token = "never-token",
  };
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  DdAccount *account;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* A private bus without a secret service. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  secret_service_disconnect ();

  write_key_file (fixture, "[Account id-u]\nPlatform=tw\nName=Cached only\nKey=k\n");
  g_assert_true (g_file_get_contents (dd_account_store_get_path (fixture->store), &before, NULL, NULL));
  g_assert_true (dd_account_store_load (fixture->store, &error));
  account = dd_account_store_lookup (fixture->store, "id-u");

  /* Connect: the account stays listed, its state says why it cannot work. */
  g_assert_false (connect_account (fixture->store, account, &error));
  g_assert_error (error, DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE);
  g_assert_cmpint (dd_account_get_state (account), ==, DD_ACCOUNT_STATE_NO_KEYRING);
  g_assert_cmpstr (dd_account_get_state_message (account), ==, error->message);
  g_assert_null (dd_account_get_client (account));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_clear_error (&error);

  /* Add: an error, and nothing written. */
  g_assert_null (add (fixture->store, &spec, &error));
  g_assert_error (error, DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_true (g_file_get_contents (dd_account_store_get_path (fixture->store), &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Remove: refused, so no secret is left behind silently. */
  g_assert_false (remove_account (fixture->store, account, NULL, &error));
  g_assert_error (error, DD_SECRETS_ERROR, DD_SECRETS_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_assert_true (g_file_get_contents (dd_account_store_get_path (fixture->store), &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  /* Test says why. */
  g_assert_null (test_account (fixture->store, account, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_assert_cmpstr (error->message, ==, dd_account_get_state_message (account));

  g_clear_object (&fixture->store);
  secret_service_disconnect ();
  g_test_dbus_down (bus);
}

/* The keyring items of @platform whose label names @name (synchronous, in
 * its own main context: nothing pending on the default one runs meanwhile). */
static guint
count_items_labelled (const char *platform,
                      const char *name)
{
  g_autoptr(GError) error = NULL;
  GList *items;
  guint n = 0;

  items = secret_password_search_sync (dd_secrets_get_schema (),
                                       SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                                       NULL, &error, "platform", platform, NULL);
  g_assert_no_error (error);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autofree char *label = secret_retrievable_get_label (l->data);

      if (label != NULL && strstr (label, name) != NULL)
        n++;
    }
  g_list_free_full (items, g_object_unref);
  return n;
}

static void
test_failed_add_leaves_no_secret (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const DdAccountSpec spec = {
    .platform = DD_PLATFORM_TW, .name = "Unsaved shop 4e7a", .key = "k",
    .app_secret = "unsaved-secret-4e7a", .access_token = "unsaved-token-4e7a",
    .refresh_token = "unsaved-refresh-4e7a",
  };
  g_autofree char *blocker = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_keyring_available ())
    return;

  /* The key file cannot be written: its folder would be inside a file. */
  blocker = g_build_filename (g_get_user_config_dir (), "blocker", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_file_set_contents (blocker, "", -1, &error);
  g_assert_no_error (error);
  path = g_build_filename (blocker, "accounts.ini", NULL);
  store = dd_account_store_new (path, fixture->http);

  g_assert_null (add (store, &spec, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Its secrets were stored, then taken back before the add failed: a
   * caller that exits on the error (the CLI) leaves none behind. */
  g_assert_cmpuint (count_items_labelled (DD_PLATFORM_TW, spec.name), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/dingdan/account-store/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("load", test_load);
  ADD ("load-damaged", test_load_damaged);
  ADD ("validate", test_validate);
  ADD ("note-sync-result", test_note_sync_result);
  ADD ("add-each-platform", test_add_each_platform);
  ADD ("remove-with-cache", test_remove_with_cache);
  ADD ("missing-secret", test_missing_secret);
  ADD ("update", test_update);
  ADD ("sandbox", test_sandbox);
  ADD ("refreshed-tokens-saved", test_refreshed_tokens_saved);
  ADD ("unavailable", test_unavailable);
  ADD ("failed-add-leaves-no-secret", test_failed_add_leaves_no_secret);

#undef ADD

  return g_test_run ();
}
