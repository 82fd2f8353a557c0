/* dd-account.c: a connected shop or purchasing account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-account.h"
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
};

G_DEFINE_FINAL_TYPE (DdAccount, dd_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLATFORM,
  PROP_NAME,
  PROP_ENDPOINT,
  PROP_CLIENT,
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

static DdAccount *
sandbox_account (const char *id,
                 const char *platform,
                 const char *name,
                 const char *endpoint,
                 DdClient   *client)
{
  DdAccount *account = dd_account_new (id, platform, name, endpoint);

  dd_account_set_client (account, client);
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
