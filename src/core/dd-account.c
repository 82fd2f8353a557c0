/* dd-account.c: a connected shop or purchasing account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account.h"
#include "dd-core-enums.h"
#include "dd-error-table.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-top-client.h"
#include "dd-tw-client.h"

struct _DdAccount
{
  GObject   parent_instance;

  char     *id;
  char     *platform;
  char     *name;
  char     *endpoint;
  DdClient *client;

  char     *key;
  char     *user_id;
  char     *sign_method;

  DdAccountState state;
  char     *state_message;
  GDateTime *last_synced;
  GDateTime *throttled_until;
  char     *last_error;
};

G_DEFINE_FINAL_TYPE (DdAccount, dd_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLATFORM,
  PROP_NAME,
  PROP_ENDPOINT,
  PROP_CLIENT,
  PROP_KEY,
  PROP_USER_ID,
  PROP_SIGN_METHOD,
  PROP_STATE,
  PROP_STATE_MESSAGE,
  PROP_LAST_SYNCED,
  PROP_THROTTLED_UNTIL,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dd_account_dispose (GObject *object)
{
  DdAccount *self = DD_ACCOUNT (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (dd_account_parent_class)->dispose (object);
}

static void
dd_account_finalize (GObject *object)
{
  DdAccount *self = DD_ACCOUNT (object);

  g_free (self->id);
  g_free (self->platform);
  g_free (self->name);
  g_free (self->endpoint);
  g_free (self->key);
  g_free (self->user_id);
  g_free (self->sign_method);
  g_free (self->state_message);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_clear_pointer (&self->throttled_until, g_date_time_unref);
  g_free (self->last_error);

  G_OBJECT_CLASS (dd_account_parent_class)->finalize (object);
}

static void
dd_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdAccount *self = DD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, self->platform);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_SIGN_METHOD:
      g_value_set_string (value, self->sign_method);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_MESSAGE:
      g_value_set_string (value, self->state_message);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;
    case PROP_THROTTLED_UNTIL:
      g_value_set_boxed (value, self->throttled_until);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdAccount *self = DD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_PLATFORM:
      self->platform = g_value_dup_string (value);
      break;
    case PROP_NAME:
      dd_account_set_name (self, g_value_get_string (value));
      break;
    case PROP_ENDPOINT:
      dd_account_set_endpoint (self, g_value_get_string (value));
      break;
    case PROP_CLIENT:
      dd_account_set_client (self, g_value_get_object (value));
      break;
    case PROP_KEY:
      dd_account_set_key (self, g_value_get_string (value));
      break;
    case PROP_USER_ID:
      dd_account_set_user_id (self, g_value_get_string (value));
      break;
    case PROP_SIGN_METHOD:
      dd_account_set_sign_method (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      dd_account_set_state (self, g_value_get_enum (value), self->state_message);
      break;
    case PROP_STATE_MESSAGE:
      dd_account_set_state (self, self->state, g_value_get_string (value));
      break;
    case PROP_LAST_SYNCED:
      dd_account_set_last_synced (self, g_value_get_boxed (value));
      break;
    case PROP_THROTTLED_UNTIL:
      dd_account_set_throttled_until (self, g_value_get_boxed (value));
      break;
    case PROP_LAST_ERROR:
      dd_account_set_last_error (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_account_class_init (DdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_account_dispose;
  object_class->finalize = dd_account_finalize;
  object_class->get_property = dd_account_get_property;
  object_class->set_property = dd_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGN_METHOD] =
    g_param_spec_string ("sign-method", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, DD_TYPE_ACCOUNT_STATE,
                       DD_ACCOUNT_STATE_DISCONNECTED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_MESSAGE] =
    g_param_spec_string ("state-message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THROTTLED_UNTIL] =
    g_param_spec_boxed ("throttled-until", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_account_init (DdAccount *self)
{
}

DdAccount *
dd_account_new (const char *id,
                const char *platform,
                const char *name,
                const char *endpoint)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (platform != NULL, NULL);

  return g_object_new (DD_TYPE_ACCOUNT,
                       "id", id,
                       "platform", platform,
                       "name", name,
                       "endpoint", endpoint,
                       NULL);
}

const char *
dd_account_get_id (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
dd_account_get_platform (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->platform;
}

const char *
dd_account_get_name (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->name;
}

void
dd_account_set_name (DdAccount  *self,
                     const char *name)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
dd_account_get_endpoint (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->endpoint;
}

void
dd_account_set_endpoint (DdAccount  *self,
                         const char *endpoint)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (g_strcmp0 (self->endpoint, endpoint) == 0)
    return;

  g_free (self->endpoint);
  self->endpoint = g_strdup (endpoint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT]);
}

DdClient *
dd_account_get_client (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->client;
}

void
dd_account_set_client (DdAccount *self,
                       DdClient  *client)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));
  g_return_if_fail (client == NULL || DD_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  /* Copy before freeing: @value may point into *@field. */
  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

static gboolean
set_date_time (GDateTime **field,
               GDateTime  *value)
{
  if (*field == value ||
      (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;

  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (field, g_date_time_unref);
  *field = value;
  return TRUE;
}

const char *
dd_account_get_key (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->key;
}

void
dd_account_set_key (DdAccount  *self,
                    const char *key)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (set_string (&self->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

const char *
dd_account_get_user_id (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->user_id;
}

void
dd_account_set_user_id (DdAccount  *self,
                        const char *user_id)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (set_string (&self->user_id, user_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
}

const char *
dd_account_get_sign_method (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->sign_method;
}

void
dd_account_set_sign_method (DdAccount  *self,
                            const char *sign_method)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (set_string (&self->sign_method, sign_method))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGN_METHOD]);
}

DdAccountState
dd_account_get_state (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), DD_ACCOUNT_STATE_DISCONNECTED);

  return self->state;
}

const char *
dd_account_get_state_message (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->state_message;
}

void
dd_account_set_state (DdAccount      *self,
                      DdAccountState  state,
                      const char     *message)
{
  gboolean state_changed;
  gboolean message_changed;

  g_return_if_fail (DD_IS_ACCOUNT (self));

  g_object_freeze_notify (G_OBJECT (self));
  state_changed = self->state != state;
  self->state = state;
  message_changed = set_string (&self->state_message, message);
  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_MESSAGE]);
  g_object_thaw_notify (G_OBJECT (self));
}

GDateTime *
dd_account_get_last_synced (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->last_synced;
}

void
dd_account_set_last_synced (DdAccount *self,
                            GDateTime *when)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (set_date_time (&self->last_synced, when))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
}

GDateTime *
dd_account_get_throttled_until (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->throttled_until;
}

void
dd_account_set_throttled_until (DdAccount *self,
                                GDateTime *until)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (set_date_time (&self->throttled_until, until))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THROTTLED_UNTIL]);
}

const char *
dd_account_get_last_error (DdAccount *self)
{
  g_return_val_if_fail (DD_IS_ACCOUNT (self), NULL);

  return self->last_error;
}

void
dd_account_set_last_error (DdAccount  *self,
                           const char *message)
{
  g_return_if_fail (DD_IS_ACCOUNT (self));

  if (set_string (&self->last_error, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
dd_account_note_sync_result (DdAccount    *self,
                             const GError *error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (DD_IS_ACCOUNT (self));

  now = g_date_time_new_now_utc ();
  g_object_freeze_notify (G_OBJECT (self));

  if (error == NULL)
    {
      dd_account_set_last_synced (self, now);
      dd_account_set_last_error (self, NULL);
      dd_account_set_throttled_until (self, NULL);
      /* A refused authorisation is only fixed by new secrets (update). */
      if (self->client != NULL && self->state != DD_ACCOUNT_STATE_REAUTHORIZE)
        dd_account_set_state (self, DD_ACCOUNT_STATE_CONNECTED, NULL);
    }
  else
    {
      dd_account_set_last_error (self, error->message);

      if (g_error_matches (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED) &&
          dd_platform_error_get_retry_after (error) > 0)
        {
          g_autoptr(GDateTime) until =
            g_date_time_add_seconds (now, dd_platform_error_get_retry_after (error));

          dd_account_set_throttled_until (self, until);
        }

      if (error->domain == DD_PLATFORM_ERROR &&
          dd_error_table_get_action (error) == DD_ERROR_ACTION_REAUTH)
        dd_account_set_state (self, DD_ACCOUNT_STATE_REAUTHORIZE,
                              _("The platform no longer accepts this account’s authorisation. "
                                "Authorise it again."));
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static DdAccount *
sandbox_account (const char *id,
                 const char *platform,
                 const char *name,
                 const char *endpoint,
                 DdClient   *client)
{
  DdAccount *account = dd_account_new (id, platform, name, endpoint);

  dd_account_set_client (account, client);
  dd_account_set_state (account, DD_ACCOUNT_STATE_CONNECTED, NULL);
  g_object_unref (client);

  return account;
}

GPtrArray *
dd_account_new_sandbox_set (DdHttp     *http,
                            const char *base_url,
                            const char *key,
                            const char *secret,
                            const char *token)
{
  GPtrArray *accounts;
  g_autofree char *tw = NULL;
  g_autofree char *top = NULL;

  g_return_val_if_fail (DD_IS_HTTP (http), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  tw = g_strconcat (base_url, "/rest", NULL);
  top = g_strconcat (base_url, "/router/rest", NULL);

  g_ptr_array_add (accounts,
                   sandbox_account ("sandbox-tw", DD_PLATFORM_TW,
                                    /* Translators: the name of the sandbox's Taobao Taiwan shop. */
                                    _("Sandbox Taiwan Shop"), tw,
                                    DD_CLIENT (dd_tw_client_new (http, tw, key, secret, token))));
  g_ptr_array_add (accounts,
                   sandbox_account ("sandbox-top", DD_PLATFORM_TOP,
                                    /* Translators: the name of the sandbox's Taobao (TOP) seller shop. */
                                    _("Sandbox Taobao Shop"), top,
                                    DD_CLIENT (dd_top_client_new (http, top, key, secret, token,
                                                                  DD_SIGN_TOP_HMAC_SHA256))));
  g_ptr_array_add (accounts,
                   sandbox_account ("sandbox-top-pc", DD_PLATFORM_TOP_PC,
                                    /* Translators: the name of the sandbox's procurement (企业购) account. */
                                    _("Sandbox Procurement"), top,
                                    DD_CLIENT (dd_top_pc_client_new (http, top, key, secret, token,
                                                                     DD_SIGN_TOP_MD5,
                                                                     DD_SANDBOX_TOP_PC_BUYER_ID))));
  g_ptr_array_add (accounts,
                   sandbox_account ("sandbox-pandapon", DD_PLATFORM_PANDAPON,
                                    /* Translators: the name of the sandbox's cross-border purchasing account. */
                                    _("Sandbox Purchasing"), base_url,
                                    DD_CLIENT (dd_pp_client_new (http, base_url, key, secret,
                                                                 DD_SANDBOX_PANDAPON_USER_ID))));

  return accounts;
}
