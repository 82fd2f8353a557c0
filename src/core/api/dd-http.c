/* dd-http.c: the one HTTP session of Dingdan
 *
 * One SoupSession for every platform call. A call is a sequence of attempts;
 * each attempt builds a fresh message (fresh timestamp and signature), sends
 * it, checks status, length and content type before reading a byte of the
 * body, reads at most max-response-size bytes, and hands the body to the
 * caller's parser in a worker thread. Reads are retried with backoff on
 * transient errors; writes never are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-http.h"
#include "dd-http-private.h"
#include "dd-order.h"
#include "dd-platform-error.h"

#define DEFAULT_TIMEOUT           30
#define DEFAULT_DEADLINE          0   /* twice the timeout */
#define DEFAULT_MAX_RESPONSE_SIZE (16 * 1024 * 1024)
#define DEFAULT_MAX_RETRIES       4
#define DEFAULT_RETRY_BASE_MS     500
#define MAX_BACKOFF_MS            30000
#define MAX_RETRY_AFTER_S         60
#define READ_CHUNK                (64 * 1024)

struct _DdHttp
{
  GObject      parent_instance;

  SoupSession *session;
  char        *user_agent;
  guint        timeout;
  guint        deadline;
  guint64      max_response_size;
  guint        max_retries;
  guint        retry_base_ms;
  guint        n_attempts;

  DdHttpSleepFunc sleep_func;         /* NULL: g_timeout_source_new () */
  gpointer        sleep_data;
  GDestroyNotify  sleep_destroy;

  DdHttpBodyTap   body_tap;           /* NULL: none */
  gpointer        body_tap_data;
};

G_DEFINE_FINAL_TYPE (DdHttp, dd_http, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_AGENT,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_RESPONSE_SIZE,
  PROP_MAX_RETRIES,
  PROP_RETRY_BASE_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One call: the state of its current attempt. Lives as the GTask's data. */
typedef struct
{
  DdHttp          *self;              /* owned */
  DdHttpKind       kind;
  DdHttpBuildFunc  build;
  DdHttpParseFunc  parse;
  gpointer         user_data;
  GDestroyNotify   user_data_destroy;
  GDestroyNotify   result_destroy;

  /* Settings, fixed when the call starts. */
  guint64          cap;
  guint            max_retries;
  guint            retry_base_ms;
  guint            deadline_ms;       /* one attempt's whole time; 0: none */

  guint            attempt;           /* 0 for the first */
  GCancellable    *cancellable;       /* owned; the call's, or NULL */
  GCancellable    *attempt_cancellable; /* owned; cancelled with the call's, or at the deadline */
  gulong           cancelled_id;      /* on the task's cancellable */
  GSource         *deadline_source;   /* owned; ends an attempt that takes too long */
  gboolean         deadline_hit;
  SoupMessage     *msg;               /* owned; current attempt */
  GInputStream    *stream;            /* owned; body being read */
  GByteArray      *body;              /* owned */
  GError          *status_error;      /* owned; non-2xx, reported unless the body says better */
  GSource         *wait_source;       /* owned; a wait in progress ends when it fires */
  GSource         *cancel_source;     /* owned; ends the wait when cancelled */
} CallData;

/* What the parse worker gets. */
typedef struct
{
  DdHttpParseFunc  parse;
  gpointer         user_data;          /* borrowed: the call outlives the worker */
  GDestroyNotify   result_destroy;
  GBytes          *body;               /* owned */
} ParseData;

static void start_attempt (GTask *task);

/* The deadline of one attempt, in seconds: "deadline", or twice "timeout"
 * when it is 0; 0 when neither is set. */
static guint
dd_http_effective_deadline (DdHttp *self)
{
  if (self->deadline > 0)
    return self->deadline;
  return self->timeout <= G_MAXUINT / 2 ? self->timeout * 2 : G_MAXUINT;
}

static void destroy_source (GSource **source);

static void
call_data_clear_attempt (CallData *call)
{
  destroy_source (&call->deadline_source);
  if (call->cancelled_id != 0)
    {
      g_cancellable_disconnect (call->cancellable, call->cancelled_id);
      call->cancelled_id = 0;
    }
  g_clear_object (&call->attempt_cancellable);
  call->deadline_hit = FALSE;
  g_clear_object (&call->msg);
  g_clear_object (&call->stream);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_clear_error (&call->status_error);
}

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
call_data_free (gpointer data)
{
  CallData *call = data;

  call_data_clear_attempt (call);
  destroy_source (&call->wait_source);
  destroy_source (&call->cancel_source);
  g_clear_object (&call->cancellable);
  if (call->user_data_destroy != NULL)
    call->user_data_destroy (call->user_data);
  g_clear_object (&call->self);
  g_free (call);
}

static void
parse_data_free (gpointer data)
{
  ParseData *pd = data;

  g_clear_pointer (&pd->body, g_bytes_unref);
  g_free (pd);
}

/* ------------------------------------------------------------------ */
/* Attempts                                                            */

static gboolean
debug_enabled (void)
{
  return !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
}

static char *
message_uri_for_log (SoupMessage *msg)
{
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (msg));

  return dd_http_redact_uri (uri);
}

static guint
backoff_ms (CallData *call)
{
  guint64 delay = call->retry_base_ms;
  double jitter;

  for (guint i = 0; i < call->attempt && delay < MAX_BACKOFF_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_BACKOFF_MS);

  jitter = g_random_double_range (0.5, 1.5);

  return (guint) MIN ((double) delay * jitter, (double) MAX_BACKOFF_MS);
}

/* The wait is over: the next attempt. */
static gboolean
wait_done_cb (gpointer user_data)
{
  GTask *task = user_data;
  CallData *call = g_task_get_task_data (task);

  /* The firing source is destroyed by G_SOURCE_REMOVE; the dispatch holds
   * a reference on @task meanwhile. */
  g_clear_pointer (&call->wait_source, g_source_unref);
  destroy_source (&call->cancel_source);

  if (!g_task_return_error_if_cancelled (task))
    start_attempt (task);

  return G_SOURCE_REMOVE;
}

/* Cancelled while waiting: end the call at once. */
static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  CallData *call = g_task_get_task_data (task);

  g_clear_pointer (&call->cancel_source, g_source_unref);
  destroy_source (&call->wait_source);

  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

/* Waits @delay ms, through the session's sleep function, then retries. */
static void
wait_then_retry (GTask *task,
                 guint  delay)
{
  CallData *call = g_task_get_task_data (task);
  DdHttp *self = call->self;
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_assert (call->wait_source == NULL && call->cancel_source == NULL);

  if (self->sleep_func != NULL)
    call->wait_source = self->sleep_func (delay, self->sleep_data);
  if (call->wait_source == NULL)
    call->wait_source = g_timeout_source_new (delay);
  g_source_set_priority (call->wait_source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (call->wait_source, "[dingdan] http wait");
  g_source_set_callback (call->wait_source, wait_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (call->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_priority (call->cancel_source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (call->cancel_source, "[dingdan] http wait cancelled");
      g_source_set_callback (call->cancel_source, G_SOURCE_FUNC (wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
}

/* A ban that ends the call (a write, or too long or too often to wait out
 * here) says how long it lasts: the platforms' own sentences only say "in
 * a moment". A daily quota (STOP) already says until when. */
static void
say_how_long (GError *error)
{
  guint seconds = dd_platform_error_get_retry_after (error);
  const char *name;
  gboolean ban;

  ban = dd_error_table_get_action (error) == DD_ERROR_ACTION_WAIT ||
        g_error_matches (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  if (!ban || seconds == 0 || dd_error_table_get_action (error) == DD_ERROR_ACTION_STOP)
    return;

  name = dd_platform_get_label (dd_platform_error_get_platform (error));
  g_free (error->message);
  if (name != NULL && seconds < 120)
    error->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: %1$s is a platform's name, such as “Taobao Taiwan”; %2$u a number of seconds */
                                                   "%1$s is limiting how often this account may call it. Try again in %2$u second.",
                                                   "%1$s is limiting how often this account may call it. Try again in %2$u seconds.",
                                                   seconds),
                                      name, seconds);
  else if (name != NULL)
    error->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: %1$s is a platform's name, such as “Taobao Taiwan”; %2$u a number of minutes */
                                                   "%1$s is limiting how often this account may call it. Try again in %2$u minute.",
                                                   "%1$s is limiting how often this account may call it. Try again in %2$u minutes.",
                                                   (seconds + 59) / 60),
                                      name, (seconds + 59) / 60);
  else if (seconds < 120)
    error->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: %u is a number of seconds */
                                                   "The platform is limiting how often this account may call it. Try again in %u second.",
                                                   "The platform is limiting how often this account may call it. Try again in %u seconds.",
                                                   seconds),
                                      seconds);
  else
    error->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: %u is a number of minutes */
                                                   "The platform is limiting how often this account may call it. Try again in %u minute.",
                                                   "The platform is limiting how often this account may call it. Try again in %u minutes.",
                                                   (seconds + 59) / 60),
                                      (seconds + 59) / 60);
}

/* Takes @error. Either retries (after a wait) or ends the call with it. */
static void
attempt_failed (GTask  *task,
                GError *error)
{
  CallData *call = g_task_get_task_data (task);
  DdErrorAction action;
  gboolean ban;
  guint delay;
  guint retry_after;

  call_data_clear_attempt (call);

  /* Writes are never re-sent, whatever the error (a ban included). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      call->kind != DD_HTTP_READ)
    {
      say_how_long (error);
      g_task_return_error (task, error);
      return;
    }

  /* A daily quota: stop at once; the message says until when. */
  action = dd_error_table_get_action (error);
  if (action == DD_ERROR_ACTION_STOP)
    {
      g_debug ("Banned for %u s: stopping", dd_platform_error_get_retry_after (error));
      g_task_return_error (task, error);
      return;
    }

  if (!dd_platform_error_is_transient (error) ||
      call->attempt >= call->max_retries)
    {
      say_how_long (error);
      g_task_return_error (task, error);
      return;
    }

  retry_after = dd_platform_error_get_retry_after (error);
  ban = action == DD_ERROR_ACTION_WAIT ||
        g_error_matches (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_RATE_LIMITED);
  if (ban && retry_after > MAX_RETRY_AFTER_S)
    {
      /* A ban too long to wait out here: it would look like a hang. */
      say_how_long (error);
      g_task_return_error (task, error);
      return;
    }

  if (retry_after > 0 && retry_after <= MAX_RETRY_AFTER_S)
    delay = retry_after * 1000;
  else
    delay = backoff_ms (call);

  g_debug ("Attempt %u failed (%s); retrying in %u ms",
           call->attempt + 1, error->message, delay);
  g_error_free (error);

  call->attempt++;
  wait_then_retry (task, delay);
}

/* The call was cancelled, or the attempt ran past its deadline: then
 * @error (G_IO_ERROR_CANCELLED, taken) becomes a TIMEOUT. */
static GError *
map_cancelled (GTask  *task,
               GError *error)
{
  CallData *call = g_task_get_task_data (task);
  g_autoptr(GError) timed_out = NULL;

  if (!call->deadline_hit || g_cancellable_is_cancelled (call->cancellable))
    return error;

  g_error_free (error);
  g_debug ("Attempt %u ran past its deadline of %u ms", call->attempt + 1, call->deadline_ms);
  timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "deadline");
  return dd_http_transport_error (call->kind, timed_out);
}

static gboolean
deadline_cb (gpointer user_data)
{
  CallData *call = user_data;

  g_clear_pointer (&call->deadline_source, g_source_unref);
  call->deadline_hit = TRUE;
  g_cancellable_cancel (call->attempt_cancellable);

  return G_SOURCE_REMOVE;
}

static void
call_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  /* Any thread; the attempt's cancellable lives until disconnected. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gpointer
parse_in_thread (ParseData  *pd,
                 GError    **error)
{
  gpointer result;

  result = pd->parse (pd->body, pd->user_data, error);
  if (result == NULL && error != NULL && *error == NULL)
    g_set_error_literal (error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_BAD_RESPONSE,
                         _("The platform’s reply could not be understood."));

  return result;
}

static void
parse_thread_func (GTask        *inner,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ParseData *pd = task_data;
  GError *error = NULL;
  gpointer result;

  result = parse_in_thread (pd, &error);
  if (result == NULL)
    g_task_return_error (inner, error);
  else
    g_task_return_pointer (inner, result, pd->result_destroy);
}

static void
parse_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *call = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer value;

  value = g_task_propagate_pointer (G_TASK (result), &error);

  if (call->status_error != NULL)
    {
      /* A non-2xx reply: its body wins only when it names a platform error. */
      if (value != NULL && call->result_destroy != NULL)
        call->result_destroy (value);
      if (error == NULL ||
          error->domain != DD_PLATFORM_ERROR ||
          error->code == DD_PLATFORM_ERROR_BAD_RESPONSE)
        {
          g_clear_error (&error);
          error = g_steal_pointer (&call->status_error);
        }
      attempt_failed (task, error);
      return;
    }

  if (error != NULL)
    {
      attempt_failed (task, error);
      return;
    }

  if (call->self->body_tap != NULL)
    {
      ParseData *pd = g_task_get_task_data (G_TASK (result));

      call->self->body_tap (call->self, pd->body, call->self->body_tap_data);
    }

  call_data_clear_attempt (call);
  g_task_return_pointer (task, value, call->result_destroy);
}

static void
body_complete (GTask *task)
{
  CallData *call = g_task_get_task_data (task);
  g_autoptr(GTask) inner = NULL;
  GBytes *body;
  ParseData *pd;

  body = g_byte_array_free_to_bytes (g_steal_pointer (&call->body));

  if (debug_enabled ())
    {
      g_autofree char *uri = message_uri_for_log (call->msg);

      g_debug ("%u %s: %" G_GSIZE_FORMAT " bytes",
               soup_message_get_status (call->msg), uri, g_bytes_get_size (body));
    }

  if (!dd_http_looks_like_json (body))
    {
      GError *error = call->status_error != NULL
        ? g_steal_pointer (&call->status_error)
        : dd_http_bad_response (TRUE, NULL, _("The platform answered with something other than data. Try again later."));

      g_bytes_unref (body);
      attempt_failed (task, error);
      return;
    }

  pd = g_new0 (ParseData, 1);
  pd->parse = call->parse;
  pd->user_data = call->user_data;
  pd->result_destroy = call->result_destroy;
  pd->body = body;

  inner = g_task_new (NULL, NULL, parse_done_cb, g_object_ref (task));
  g_task_set_source_tag (inner, parse_thread_func);
  g_task_set_task_data (inner, pd, parse_data_free);
  g_task_run_in_thread (inner, parse_thread_func);
}

static void
close_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* The body is complete; a failure to close changes nothing. */
  g_input_stream_close_finish (G_INPUT_STREAM (source_object), result, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  body_complete (task);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *call = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source_object), result, &error);
  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        error = map_cancelled (task, error);
      else
        {
          GError *mapped = dd_http_transport_error (call->kind, error);

          g_error_free (error);
          error = mapped;
        }
      attempt_failed (task, error);
      return;
    }

  len = g_bytes_get_size (chunk);
  if (len == 0)
    {
      GInputStream *stream = g_steal_pointer (&call->stream);

      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL,
                                  close_cb, g_steal_pointer (&task));
      g_object_unref (stream);
      return;
    }

  if ((guint64) call->body->len + len > call->cap)
    {
      attempt_failed (task, dd_http_bad_response (FALSE, NULL, _("The platform’s reply is too large.")));
      return;
    }

  g_byte_array_append (call->body, g_bytes_get_data (chunk, NULL), len);
  read_next (g_steal_pointer (&task));
}

/* Takes @task. */
static void
read_next (GTask *task)
{
  CallData *call = g_task_get_task_data (task);
  guint64 left = call->cap - call->body->len;
  /* One byte more than allowed is enough to tell the body is too large. */
  gsize want = (gsize) MIN ((guint64) READ_CHUNK, left + 1);

  g_input_stream_read_bytes_async (call->stream, want, G_PRIORITY_DEFAULT,
                                   call->attempt_cancellable, read_cb, task);
}

static void
send_cb (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (source_object), result, &error);
  if (call->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        error = map_cancelled (task, error);
      else
        {
          GError *mapped = dd_http_transport_error (call->kind, error);

          g_debug ("Request failed: %s", error->message);
          g_error_free (error);
          error = mapped;
        }
      attempt_failed (task, error);
      return;
    }

  status = soup_message_get_status (call->msg);
  headers = soup_message_get_response_headers (call->msg);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      call->status_error = dd_http_status_error (call->kind, call->msg);
      g_debug ("HTTP %u %s", status, soup_message_get_reason_phrase (call->msg));
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > call->cap)
    {
      error = call->status_error != NULL
        ? g_steal_pointer (&call->status_error)
        : dd_http_bad_response (FALSE, NULL, _("The platform’s reply is too large."));
      attempt_failed (task, error);
      return;
    }

  if (!dd_http_content_type_acceptable (call->msg))
    {
      const char *type = soup_message_headers_get_content_type (headers, NULL);

      error = call->status_error != NULL
        ? g_steal_pointer (&call->status_error)
        : dd_http_bad_response (TRUE, type, _("The platform answered with something other than data. Try again later."));
      attempt_failed (task, error);
      return;
    }

  call->body = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static void
start_attempt (GTask *task)
{
  CallData *call = g_task_get_task_data (task);
  GError *error = NULL;

  g_assert (call->msg == NULL);

  call->msg = call->build (call->user_data, &error);
  if (call->msg == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, DD_PLATFORM_ERROR, DD_PLATFORM_ERROR_INVALID_ARGUMENT,
                             _("The request could not be prepared."));
      /* Not the network's fault: no retry. */
      g_task_return_error (task, error);
      return;
    }

  /* Redirects could leave https or the loopback sandbox: refuse them. */
  soup_message_add_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup re-sends a request of an idempotent method (GET: PandaPon's
   * refund cancel) by itself when a reused connection closes before the
   * answer. A write goes on a connection of its own, which is never
   * re-sent on: it goes out once. */
  if (call->kind == DD_HTTP_WRITE)
    soup_message_add_flags (call->msg, SOUP_MESSAGE_NEW_CONNECTION);

  call->self->n_attempts++;

  /* libsoup's timeout is per read or write: a reply that drips in never
   * trips it. The deadline bounds the whole attempt. */
  call->attempt_cancellable = g_cancellable_new ();
  if (call->cancellable != NULL)
    call->cancelled_id = g_cancellable_connect (call->cancellable, G_CALLBACK (call_cancelled_cb),
                                                g_object_ref (call->attempt_cancellable), g_object_unref);
  if (call->deadline_ms > 0)
    {
      call->deadline_source = g_timeout_source_new (call->deadline_ms);
      g_source_set_priority (call->deadline_source, G_PRIORITY_DEFAULT);
      g_source_set_static_name (call->deadline_source, "[dingdan] http deadline");
      g_source_set_callback (call->deadline_source, deadline_cb, call, NULL);
      g_source_attach (call->deadline_source, g_task_get_context (task));
    }

  if (debug_enabled ())
    {
      g_autofree char *uri = message_uri_for_log (call->msg);

      g_debug ("%s %s (attempt %u of at most %u)",
               soup_message_get_method (call->msg), uri, call->attempt + 1,
               call->kind == DD_HTTP_READ ? call->max_retries + 1 : 1);
    }

  soup_session_send_async (call->self->session, call->msg, G_PRIORITY_DEFAULT,
                           call->attempt_cancellable, send_cb, g_object_ref (task));
}

void
dd_http_call_async (DdHttp              *self,
                    DdHttpKind           kind,
                    DdHttpBuildFunc      build,
                    DdHttpParseFunc      parse,
                    gpointer             user_data,
                    GDestroyNotify       user_data_destroy,
                    GDestroyNotify       result_destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             callback_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *call;

  g_return_if_fail (DD_IS_HTTP (self));
  g_return_if_fail (build != NULL);
  g_return_if_fail (parse != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (CallData, 1);
  call->self = g_object_ref (self);
  call->kind = kind;
  call->build = build;
  call->parse = parse;
  call->user_data = user_data;
  call->user_data_destroy = user_data_destroy;
  call->result_destroy = result_destroy;
  call->cap = self->max_response_size;
  call->max_retries = kind == DD_HTTP_READ ? self->max_retries : 0;
  call->retry_base_ms = self->retry_base_ms;
  call->deadline_ms = MIN (dd_http_effective_deadline (self), G_MAXUINT / 1000) * 1000;
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, dd_http_call_async);
  g_task_set_task_data (task, call, call_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  start_attempt (task);
}

gpointer
dd_http_call_finish (DdHttp        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (DD_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_http_call_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dd_http_dispose (GObject *object)
{
  DdHttp *self = DD_HTTP (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dd_http_parent_class)->dispose (object);
}

static void
dd_http_finalize (GObject *object)
{
  DdHttp *self = DD_HTTP (object);

  g_clear_pointer (&self->user_agent, g_free);
  if (self->sleep_destroy != NULL)
    self->sleep_destroy (self->sleep_data);

  G_OBJECT_CLASS (dd_http_parent_class)->finalize (object);
}

static void
dd_http_set_user_agent (DdHttp     *self,
                        const char *user_agent)
{
  if (user_agent == NULL)
    user_agent = "Dingdan/" PACKAGE_VERSION;

  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;

  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  soup_session_set_user_agent (self->session, user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

static void
dd_http_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  DdHttp *self = DD_HTTP (object);

  switch (prop_id)
    {
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;

    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->retry_base_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_http_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  DdHttp *self = DD_HTTP (object);

  switch (prop_id)
    {
    case PROP_USER_AGENT:
      dd_http_set_user_agent (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      dd_http_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_DEADLINE:
      dd_http_set_deadline (self, g_value_get_uint (value));
      break;

    case PROP_MAX_RESPONSE_SIZE:
      dd_http_set_max_response_size (self, g_value_get_uint64 (value));
      break;

    case PROP_MAX_RETRIES:
      dd_http_set_max_retries (self, g_value_get_uint (value));
      break;

    case PROP_RETRY_BASE_MS:
      dd_http_set_retry_base_ms (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_http_class_init (DdHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dd_http_dispose;
  object_class->finalize = dd_http_finalize;
  object_class->get_property = dd_http_get_property;
  object_class->set_property = dd_http_set_property;

  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         "Dingdan/" PACKAGE_VERSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL,
                         1, G_MAXUINT32, DEFAULT_MAX_RESPONSE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 20, DEFAULT_MAX_RETRIES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_RETRY_BASE_MS] =
    g_param_spec_uint ("retry-base-ms", NULL, NULL,
                       0, MAX_BACKOFF_MS, DEFAULT_RETRY_BASE_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_http_init (DdHttp *self)
{
  self->user_agent = g_strdup ("Dingdan/" PACKAGE_VERSION);
  self->timeout = DEFAULT_TIMEOUT;
  self->deadline = DEFAULT_DEADLINE;
  self->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->retry_base_ms = DEFAULT_RETRY_BASE_MS;

  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", self->timeout,
                                                 NULL);
}

DdHttp *
dd_http_new (void)
{
  return g_object_new (DD_TYPE_HTTP, NULL);
}

SoupSession *
dd_http_get_session (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), NULL);

  return self->session;
}

void
dd_http_set_sleep_func (DdHttp          *self,
                        DdHttpSleepFunc  func,
                        gpointer         user_data,
                        GDestroyNotify   destroy)
{
  GDestroyNotify old_destroy;
  gpointer old_data;

  g_return_if_fail (DD_IS_HTTP (self));

  old_destroy = self->sleep_destroy;
  old_data = self->sleep_data;

  self->sleep_func = func;
  self->sleep_data = user_data;
  self->sleep_destroy = destroy;

  if (old_destroy != NULL)
    old_destroy (old_data);
}

void
dd_http_set_body_tap (DdHttp        *self,
                      DdHttpBodyTap  func,
                      gpointer       user_data)
{
  g_return_if_fail (DD_IS_HTTP (self));

  self->body_tap = func;
  self->body_tap_data = user_data;
}

guint
dd_http_get_n_attempts (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), 0);

  return self->n_attempts;
}

guint
dd_http_get_timeout (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), 0);

  return self->timeout;
}

void
dd_http_set_timeout (DdHttp *self,
                     guint   seconds)
{
  g_return_if_fail (DD_IS_HTTP (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
dd_http_get_deadline (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), 0);

  return self->deadline;
}

void
dd_http_set_deadline (DdHttp *self,
                      guint   seconds)
{
  g_return_if_fail (DD_IS_HTTP (self));

  if (self->deadline == seconds)
    return;

  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

guint64
dd_http_get_max_response_size (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), 0);

  return self->max_response_size;
}

void
dd_http_set_max_response_size (DdHttp  *self,
                               guint64  bytes)
{
  g_return_if_fail (DD_IS_HTTP (self));
  g_return_if_fail (bytes > 0 && bytes <= G_MAXUINT32);

  if (self->max_response_size == bytes)
    return;

  self->max_response_size = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

guint
dd_http_get_max_retries (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), 0);

  return self->max_retries;
}

void
dd_http_set_max_retries (DdHttp *self,
                         guint   max_retries)
{
  g_return_if_fail (DD_IS_HTTP (self));
  g_return_if_fail (max_retries <= 20);

  if (self->max_retries == max_retries)
    return;

  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRIES]);
}

guint
dd_http_get_retry_base_ms (DdHttp *self)
{
  g_return_val_if_fail (DD_IS_HTTP (self), 0);

  return self->retry_base_ms;
}

void
dd_http_set_retry_base_ms (DdHttp *self,
                           guint   retry_base_ms)
{
  g_return_if_fail (DD_IS_HTTP (self));
  g_return_if_fail (retry_base_ms <= MAX_BACKOFF_MS);

  if (self->retry_base_ms == retry_base_ms)
    return;

  self->retry_base_ms = retry_base_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_BASE_MS]);
}
