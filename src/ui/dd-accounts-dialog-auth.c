/* dd-accounts-dialog-auth.c: authorising an account on its platform's page
 *
 * The platform's page opens in the browser; the user signs in there and
 * pastes the code it gives back; Dingdan exchanges the code for tokens,
 * which go into the form's token fields and are saved to the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-accounts-dialog-private.h"
#include "dd-auth.h"
#include "dd-order.h"
#include "dd-pp-client.h"
#include "dd-secrets.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"

/* Out of band: the page shows the code for the user to paste (there is no
 * web server of Dingdan's to send it to). */
#define REDIRECT_URI "urn:ietf:wg:oauth:2.0:oob"

typedef struct
{
  DdAccountsDialog *dialog;   /* owned */
  char             *platform;
  char             *endpoint;
  char             *key;
  char             *secret;   /* wiped */
  char             *code;
} AuthRequest;

static void
auth_request_free (AuthRequest *request)
{
  g_clear_object (&request->dialog);
  g_free (request->platform);
  g_free (request->endpoint);
  g_free (request->key);
  dd_secrets_free (request->secret);
  g_free (request->code);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuthRequest, auth_request_free)

gboolean
dd_accounts_dialog_can_authorise (const char *platform)
{
  return g_strcmp0 (platform, DD_PLATFORM_TW) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_TOP) == 0 ||
         g_strcmp0 (platform, DD_PLATFORM_TOP_PC) == 0;
}

static const char *
default_endpoint (const char *platform)
{
  return g_str_equal (platform, DD_PLATFORM_TW) ? DD_TW_DEFAULT_ENDPOINT : DD_TOP_DEFAULT_ENDPOINT;
}

/* A sandbox (on a loopback host) has its own authorise page. */
static char *
auth_base_for (const char *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  g_autofree char *base = NULL;

  if (host == NULL ||
      !(g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
        g_str_equal (host, "::1") || g_str_equal (host, "[::1]")))
    return NULL;

  base = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  if (g_str_has_suffix (base, "/router/rest"))
    base[strlen (base) - strlen ("/router/rest")] = '\0';
  else if (g_str_has_suffix (base, "/rest"))
    base[strlen (base) - strlen ("/rest")] = '\0';

  return g_strconcat (base, "/sandbox/authorize", NULL);
}

static void
exchange_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AuthRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DdAuthTokens) tokens = NULL;

  tokens = dd_auth_exchange_code_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (tokens == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the platform's reason */
      message = g_strdup_printf (_("The platform did not accept the code: %s"), error->message);
      dd_accounts_dialog_show_error (request->dialog, message);
      return;
    }

  /* Saved like typed ones: only into the keyring. */
  gtk_editable_set_text (dd_accounts_dialog_get_token_entry (request->dialog, FALSE),
                         tokens->access_token != NULL ? tokens->access_token : "");
  if (tokens->refresh_token != NULL)
    gtk_editable_set_text (dd_accounts_dialog_get_token_entry (request->dialog, TRUE),
                           tokens->refresh_token);
  dd_accounts_dialog_toast (request->dialog, _("Authorised"));
  dd_accounts_dialog_save (request->dialog);
}

static void
exchange (AuthRequest *request)
{
  DdHttp *http = dd_accounts_dialog_get_http (request->dialog);

  if (request->secret == NULL)
    {
      dd_accounts_dialog_show_error (request->dialog,
                                     _("Enter the app secret first: the code is exchanged with it."));
      auth_request_free (request);
      return;
    }

  dd_auth_exchange_code_async (http, request->platform, request->endpoint,
                               request->key, request->secret, request->code,
                               dd_accounts_dialog_get_cancellable (request->dialog),
                               exchange_done_cb, request);
}

static void
lookup_secret_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AuthRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  request->secret = dd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dd_accounts_dialog_show_error (request->dialog, error->message);
      auth_request_free (request);
      return;
    }

  exchange (request);
}

static void
code_response_cb (AdwMessageDialog *message_dialog,
                  const char       *response,
                  AuthRequest      *request)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (message_dialog));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  DdAccount *editing = dd_accounts_dialog_get_editing (request->dialog);

  if (!g_str_equal (response, "authorise") || code[0] == '\0')
    {
      auth_request_free (request);
      return;
    }

  request->code = g_steal_pointer (&code);

  /* The stored secret, when editing leaves the field empty. */
  if (request->secret == NULL && editing != NULL)
    {
      dd_secrets_lookup_async (dd_account_get_id (editing), dd_account_get_platform (editing),
                               DD_SECRET_APP_SECRET,
                               dd_accounts_dialog_get_cancellable (request->dialog),
                               lookup_secret_cb, request);
      return;
    }

  exchange (request);
}

static void
show_uri_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(DdAccountsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is why no browser opened */
      message = g_strdup_printf (_("Could not open the authorisation page in a browser: %s"),
                                 error->message);
      dd_accounts_dialog_show_error (self, message);
    }
}

void
dd_accounts_dialog_authorise (DdAccountsDialog *self,
                              const char       *platform)
{
  const char *key;
  const char *secret;
  const char *endpoint;
  g_autofree char *auth_base = NULL;
  g_autofree char *url = NULL;
  AuthRequest *request;
  AdwMessageDialog *message_dialog;
  GtkWidget *entry;

  g_return_if_fail (DD_IS_ACCOUNTS_DIALOG (self));

  if (!dd_accounts_dialog_can_authorise (platform))
    return;

  dd_accounts_dialog_get_app_credentials (self, &key, &secret, &endpoint);
  if (key == NULL)
    {
      dd_accounts_dialog_show_error (self, _("Enter the app key first: the platform’s page asks for it."));
      return;
    }
  if (endpoint == NULL)
    endpoint = default_endpoint (platform);

  auth_base = auth_base_for (endpoint);
  url = dd_auth_build_authorize_url (platform, auth_base, key, REDIRECT_URI, NULL);
  if (url == NULL)
    return;

  gtk_show_uri_full (GTK_WINDOW (self), url, GDK_CURRENT_TIME,
                     dd_accounts_dialog_get_cancellable (self),
                     show_uri_done_cb, g_object_ref (self));

  request = g_new0 (AuthRequest, 1);
  request->dialog = g_object_ref (self);
  request->platform = g_strdup (platform);
  request->endpoint = g_strdup (endpoint);
  request->key = g_strdup (key);
  request->secret = g_strdup (secret);

  message_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                               _("Paste the Authorisation Code"),
                                                               _("Sign in on the page that opened in your browser and allow Dingdan. Then paste the code the platform shows.")));
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Authorisation code"),
                                  -1);
  adw_message_dialog_set_extra_child (message_dialog, entry);
  adw_message_dialog_add_responses (message_dialog,
                                    "cancel", _("_Cancel"),
                                    "authorise", _("_Authorise"),
                                    NULL);
  adw_message_dialog_set_response_appearance (message_dialog, "authorise", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (message_dialog, "authorise");
  adw_message_dialog_set_close_response (message_dialog, "cancel");
  g_signal_connect (message_dialog, "response", G_CALLBACK (code_response_cb), request);

  gtk_window_present (GTK_WINDOW (message_dialog));
}
