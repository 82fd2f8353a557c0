/* dd-tw-call.c: one Taiwan read, refreshing a refused access token once
 *
 * Every read of DdTwClient goes through dd_tw_client_call_async(). When the
 * platform answers IllegalAccessToken and a refresh token is known, the
 * client refreshes once (dd_auth_refresh_async(); reads failing meanwhile
 * wait for that one refresh rather than starting their own, since the
 * platform rotates the pair), emits "tokens-changed" with the new pair for
 * the keyring, and sends the read once more with the new token. A read that
 * failed with a token already replaced is simply sent again. Without a
 * refresh token, or when the platform refuses it, the read fails with its
 * own IllegalAccessToken error (action REAUTH); when the refresh fails for
 * another reason (the network, a ban), with that error, and the next read
 * refreshes again. A refresh, once started, is not cancelled with the
 * read: the new pair must reach the keyring either way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-auth.h"
#include "dd-error-table.h"
#include "dd-platform-error.h"
#include "dd-tw-client-private.h"

/* Overwrites a secret before freeing it, so it does not linger in freed
 * memory (volatile: the stores must not be optimised away). */
void
dd_tw_clear_secret (char **secret)
{
  if (*secret != NULL)
    {
      volatile char *p = *secret;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_clear_pointer (secret, g_free);
}

/* What one dd_http call needs: shared by build (main thread) and parse
 * (worker, which touches nothing but @api_path). */
typedef struct
{
  DdTwClient   *self;      /* owned */
  char         *api_path;
  DdSignParams *business;  /* owned */
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->self);
  g_clear_pointer (&request->api_path, g_free);
  g_clear_pointer (&request->business, dd_sign_params_free);
  g_free (request);
}

static Request *
request_new (DdTwClient   *self,
             const char   *api_path,
             DdSignParams *business)
{
  Request *request = g_new0 (Request, 1);

  request->self = g_object_ref (self);
  request->api_path = g_strdup (api_path);
  request->business = business;

  return request;
}

static SoupMessage *
request_build_cb (gpointer   user_data,
                  GError   **error)
{
  Request *request = user_data;

  return dd_tw_client_build_message (request->self, request->api_path, request->business, error);
}

typedef struct
{
  char            *api_path;
  DdSignParams    *business;       /* owned: copied for each send */
  DdHttpParseFunc  parse;
  GDestroyNotify   result_destroy;
  guint            generation;     /* token generation of the last send */
  gboolean         retried;
  GError          *original_error; /* the refused read's, while refreshing */
} TwCall;

static void
tw_call_free (gpointer data)
{
  TwCall *call = data;

  g_clear_pointer (&call->api_path, g_free);
  g_clear_pointer (&call->business, dd_sign_params_free);
  g_clear_error (&call->original_error);
  g_free (call);
}

static DdSignParams *
copy_params (DdSignParams *params)
{
  DdSignParams *copy = dd_sign_params_new ();
  const char * const *keys;

  if (params == NULL)
    return copy;
  keys = dd_sign_params_get_sorted_keys (params);
  for (guint i = 0; keys[i] != NULL; i++)
    dd_sign_params_set (copy, keys[i], dd_sign_params_get (params, keys[i]));
  return copy;
}

static gboolean
is_refused_token (const GError *error)
{
  return error != NULL && error->domain == DD_PLATFORM_ERROR &&
         g_strcmp0 (dd_platform_error_get_platform_code (error), "IllegalAccessToken") == 0;
}

static void tw_call_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* Takes @task. */
static void
tw_call_send (GTask *task)
{
  DdTwClient *self = g_task_get_source_object (task);
  TwCall *call = g_task_get_task_data (task);

  call->generation = self->token_generation;
  dd_http_call_async (self->http, DD_HTTP_READ,
                      request_build_cb, call->parse,
                      request_new (self, call->api_path, copy_params (call->business)), request_free,
                      call->result_destroy,
                      g_task_get_cancellable (task), tw_call_cb, task);
}

/* What the reads waiting for a refresh that failed, but not because the
 * platform refused the refresh token, end with: the refresh's error. A ban
 * keeps its sentence (how long); any other, made for a write ("check the
 * order"), is told as the renewal it was. */
static GError *
refresh_failed_error (const GError *error)
{
  GError *copy = g_error_copy (error);

  if (!g_error_matches (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED))
    {
      g_free (copy->message);
      copy->message = g_strdup (_("The shop’s authorisation could not be renewed: Taobao Taiwan could not be reached, or its answer could not be read. Try again later."));
    }
  return copy;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DdTwClient) self = user_data;
  g_autoptr(DdAuthTokens) tokens = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;

  tokens = dd_auth_refresh_finish (result, &error);
  self->refreshing = FALSE;
  waiters = g_steal_pointer (&self->refresh_waiters);
  self->refresh_waiters = g_ptr_array_new ();

  if (tokens == NULL)
    {
      gboolean refused = dd_error_table_get_action (error) == DD_ERROR_ACTION_REAUTH;

      g_debug ("Taiwan: the token refresh failed: %s", error->message);
      /* A refused refresh token will not work later either. */
      if (refused)
        dd_tw_clear_secret (&self->refresh_token);
      for (guint i = 0; i < waiters->len; i++)
        {
          GTask *task = g_ptr_array_index (waiters, i);
          TwCall *call = g_task_get_task_data (task);

          /* Refused: the read's own error (connect the account again).
           * Otherwise what kept the refresh from working (the network, a
           * ban, a broken answer): the pair we hold may still work, and the
           * next read refreshes again. */
          g_task_return_error (task, refused ? g_steal_pointer (&call->original_error)
                                             : refresh_failed_error (error));
          g_object_unref (task);
        }
      return;
    }

  g_debug ("Taiwan: the access token was refreshed; retrying %u read(s)", waiters->len);
  dd_tw_clear_secret (&self->access_token);
  self->access_token = g_strdup (tokens->access_token);
  if (tokens->refresh_token != NULL)
    {
      dd_tw_clear_secret (&self->refresh_token);
      self->refresh_token = g_strdup (tokens->refresh_token);
    }
  self->token_generation++;
  dd_tw_client_emit_tokens_changed (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);
      TwCall *call = g_task_get_task_data (task);

      g_clear_error (&call->original_error);
      tw_call_send (task);
    }
}

/* Takes @task, whose read was refused with @error (taken). */
static void
join_refresh (DdTwClient *self,
              GTask      *task,
              GError     *error)
{
  TwCall *call = g_task_get_task_data (task);

  call->original_error = error;
  g_ptr_array_add (self->refresh_waiters, task);
  if (self->refreshing)
    return;

  g_debug ("Taiwan: the access token was refused; refreshing it once");
  self->refreshing = TRUE;
  dd_auth_refresh_async (self->http, DD_PLATFORM_TW, self->endpoint, self->app_key,
                         self->app_secret, self->refresh_token,
                         NULL, refresh_cb, g_object_ref (self));
}

static void
tw_call_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  DdTwClient *self = g_task_get_source_object (task);
  TwCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value;

  value = dd_http_call_finish (DD_HTTP (object), result, &error);
  if (value != NULL)
    {
      g_task_return_pointer (task, value, call->result_destroy);
      g_object_unref (task);
      return;
    }

  if (!call->retried && is_refused_token (error) &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      if (call->generation != self->token_generation)
        {
          /* Refreshed since this read went out: just send it again. */
          call->retried = TRUE;
          g_clear_error (&error);
          tw_call_send (task);
          return;
        }
      if (self->refresh_token != NULL || self->refreshing)
        {
          call->retried = TRUE;
          join_refresh (self, task, error);
          return;
        }
    }

  g_task_return_error (task, error);
  g_object_unref (task);
}

void
dd_tw_client_call_async (DdTwClient          *self,
               const char          *api_path,
               DdSignParams        *business,
               DdHttpParseFunc      parse,
               GDestroyNotify       result_destroy,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;
  TwCall *call;

  call = g_new0 (TwCall, 1);
  call->api_path = g_strdup (api_path);
  call->business = business;
  call->parse = parse;
  call->result_destroy = result_destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_tw_client_call_async);
  g_task_set_task_data (task, call, tw_call_free);
  tw_call_send (task);
}

gpointer
dd_tw_client_call_finish (DdTwClient    *self,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_tw_client_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dd_tw_client_set_refresh_token (DdTwClient *self,
                                const char *refresh_token)
{
  g_return_if_fail (DD_IS_TW_CLIENT (self));

  if (g_strcmp0 (self->refresh_token, refresh_token) == 0)
    return;

  dd_tw_clear_secret (&self->refresh_token);
  self->refresh_token = refresh_token != NULL && *refresh_token != '\0' ? g_strdup (refresh_token) : NULL;
}
