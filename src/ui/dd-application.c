/* dd-application.c: the Dingdan application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-account.h"
#include "dd-application.h"
#include "dd-http.h"
#include "dd-sandbox.h"
#include "dd-window.h"
#include "dingdan-resources.h"

struct _DdApplication
{
  AdwApplication  parent_instance;

  gboolean        sandbox_mode;

  DdHttp         *http;          /* owned; the one HTTP session */
  DdCache        *cache;         /* owned; NULL when it failed to open */
  DdSandbox      *sandbox;       /* owned; only in sandbox mode */
  GListStore     *accounts;      /* owned; (element-type DdAccount) */
  GError         *startup_error;

  gboolean        synced_once;   /* the sandbox's first sync was started */
};

G_DEFINE_FINAL_TYPE (DdApplication, dd_application, ADW_TYPE_APPLICATION)

static gboolean
ensure_parent_dir (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   /* Translators: %s is a folder, the second %s the system's reason */
                   _("Could not create the folder “%s”: %s"),
                   dir, g_strerror (errsv));
      return FALSE;
    }

  return TRUE;
}

static DdCache *
open_cache (const char  *path,
            GError     **error)
{
  if (!ensure_parent_dir (path, error))
    return NULL;

  return dd_cache_new (path, error);
}

static gboolean
setup_sandbox (DdApplication  *self,
               GError        **error)
{
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *path = NULL;

  /* Kept apart from real data: the sandbox's orders never mix with a shop's. */
  path = g_build_filename (g_get_user_data_dir (), "dingdan", "sandbox.db", NULL);
  cache = open_cache (path, error);
  if (cache == NULL)
    return FALSE;

  sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED,
                            DD_SANDBOX_DEFAULT_ORDERS,
                            DD_SANDBOX_DEFAULT_APP_KEY,
                            DD_SANDBOX_DEFAULT_APP_SECRET,
                            DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  if (!dd_sandbox_start_in_thread (sandbox, 0, error))
    {
      g_prefix_error (error, "%s", _("Could not start the sandbox shop: "));
      return FALSE;
    }

  g_debug ("Sandbox listening on %s", dd_sandbox_get_base_url (sandbox));

  /* One shop or purchasing account per platform, all served by the sandbox. */
  accounts = dd_account_new_sandbox_set (self->http,
                                         dd_sandbox_get_base_url (sandbox),
                                         DD_SANDBOX_DEFAULT_APP_KEY,
                                         DD_SANDBOX_DEFAULT_APP_SECRET,
                                         DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
  for (guint i = 0; i < accounts->len; i++)
    g_list_store_append (self->accounts, g_ptr_array_index (accounts, i));

  self->sandbox = g_steal_pointer (&sandbox);
  self->cache = g_steal_pointer (&cache);

  return TRUE;
}

static gboolean
setup_default (DdApplication  *self,
               GError        **error)
{
  g_autofree char *path = dd_cache_default_path ();

  /* Accounts arrive with issue C: until then the window shows what is cached. */
  self->cache = open_cache (path, error);

  return self->cache != NULL;
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DdApplication *self = user_data;
  g_autolist(GtkWindow) windows = NULL;

  g_assert (DD_IS_APPLICATION (self));

  /* Closing the windows saves their state and cancels their work. Each is
   * held: closing one may destroy another (its help overlay). */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DdApplication *self = user_data;
  GtkWindow *parent;
  AdwAboutWindow *about;

  g_assert (DD_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Dingdan"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Dingdan developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/dingdan/dingdan");
  adw_about_window_set_issue_url (about, "https://github.com/dingdan/dingdan/issues");
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);

  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action_cb },
  { "about", about_action_cb },
};

static gint
dd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  DdApplication *self = DD_APPLICATION (app);

  if (g_variant_dict_contains (options, "sandbox"))
    {
      self->sandbox_mode = TRUE;
      /* Each sandbox run is its own process with its own shop. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
dd_application_startup (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);
  static const char *quit_accels[] = { "<primary>q", NULL };
  static const char *sync_accels[] = { "<primary>r", "F5", NULL };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  G_APPLICATION_CLASS (dd_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.sync", sync_accels);

  self->http = dd_http_new ();

  if (self->sandbox_mode)
    ok = setup_sandbox (self, &error);
  else
    ok = setup_default (self, &error);

  if (!ok)
    {
      g_warning ("Could not set up: %s", error->message);
      self->startup_error = g_steal_pointer (&error);
    }
}

static void
dd_application_activate (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);
  GtkWindow *window;
  gboolean created = FALSE;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (dd_window_new (self));
      created = TRUE;
    }

  gtk_window_present (window);

  /* A newcomer sees the sandbox's orders arrive at once. */
  if (created && self->sandbox_mode &&
      g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) > 0 &&
      !self->synced_once)
    {
      self->synced_once = TRUE;
      dd_window_sync (DD_WINDOW (window));
    }
}

static void
dd_application_shutdown (GApplication *app)
{
  DdApplication *self = DD_APPLICATION (app);

  G_APPLICATION_CLASS (dd_application_parent_class)->shutdown (app);

  /* Stops the sandbox's thread before the process tears down. */
  g_list_store_remove_all (self->accounts);
  g_clear_object (&self->sandbox);
}

static void
dd_application_dispose (GObject *object)
{
  DdApplication *self = DD_APPLICATION (object);

  g_clear_object (&self->accounts);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->cache);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (dd_application_parent_class)->dispose (object);
}

static void
dd_application_finalize (GObject *object)
{
  DdApplication *self = DD_APPLICATION (object);

  g_clear_error (&self->startup_error);

  G_OBJECT_CLASS (dd_application_parent_class)->finalize (object);
}

static void
dd_application_class_init (DdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dd_application_dispose;
  object_class->finalize = dd_application_finalize;

  app_class->handle_local_options = dd_application_handle_local_options;
  app_class->startup = dd_application_startup;
  app_class->activate = dd_application_activate;
  app_class->shutdown = dd_application_shutdown;

  /* Pulls the resources' object out of the static library; its constructor
   * registers them. */
  (void) dingdan_get_resource ();
}

static void
dd_application_init (DdApplication *self)
{
  static const GOptionEntry entries[] = {
    { "sandbox", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Try Dingdan with a local sandbox shop"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);

  self->accounts = g_list_store_new (DD_TYPE_ACCOUNT);
}

DdApplication *
dd_application_new (void)
{
  return g_object_new (DD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/dingdan/Dingdan",
                       NULL);
}

gboolean
dd_application_get_sandbox (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), FALSE);

  return self->sandbox_mode;
}

DdCache *
dd_application_get_cache (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->cache;
}

GListModel *
dd_application_get_accounts (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

const GError *
dd_application_get_startup_error (DdApplication *self)
{
  g_return_val_if_fail (DD_IS_APPLICATION (self), NULL);

  return self->startup_error;
}
