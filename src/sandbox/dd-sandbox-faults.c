/* dd-sandbox-faults.c: faults on the wire (resets, held-back answers, delays)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test (or `dingdan --sandbox` from $DINGDAN_SANDBOX_FAULTS, or
 * `dingdan-cli sandbox --faults`) asks for the next requests of one API (or
 * of every API: "*") to go wrong, the way a real network goes wrong around
 * a write:
 *   reset-before   the connection is stolen from the server and closed:
 *                  nothing handled, nothing answered;
 *   reset-after    the platform handles the request (the shop changes),
 *                  then the connection is closed before the answer leaves;
 *   timeout        held delay_ms, never handled, then closed unanswered;
 *   timeout-after  the platform handles it, the answer is held back
 *                  delay_ms (soup_server_message_pause) and then sent, by
 *                  when the client has given up;
 *   delay-before   held back delay_ms, then handled and answered as usual;
 *   http-5NN       not handled: that status and a gateway's HTML page;
 *   ban            not handled: the platform is banned for N seconds
 *                  (dd_sandbox_fault_ban()), so its rate-limit check
 *                  answers this call and every call after it with the
 *                  platform's own ban reply until then;
 *   malformed, wrong-types, truncated, huge, drip: handled, then the answer
 *                  is rewritten or streamed (dd-sandbox-faults-body.c).
 * Held messages wait on a GSource of the serving thread's context, streamed
 * answers on their wire's; the sandbox's dispose destroys the ones still
 * waiting. A request a fault swallows unhandled is still counted under its
 * API name (the platform never saw it, but it reached the sandbox).
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-faults-private.h"
#include "dd-sandbox-top.h"
#include "dd-sandbox-tw.h"

/* The spec's defaults (dd-sandbox.h). */
#define DEFAULT_COUNT       1
#define DEFAULT_DELAY_MS    5000
#define DEFAULT_DRIP_MS     1000
#define DEFAULT_BAN_SECONDS 60
#define DEFAULT_HTTP_STATUS 500

/* Tests only (dd_sandbox_faults_add_garble()): carried out, then answered
 * 200 with JSON of the wrong shape. Not in fault_names: not in the spec. */
#define FAULT_GARBLE_AFTER ((DdSandboxFault) 100)
#define GARBLED_BODY       "{\"requestId\":\"garbled\",\"code\":\"not a number\",\"data\":[]}"

typedef struct
{
  char           *api;
  DdSandboxFault  fault;
  guint           remaining;  /* 0: every request */
  guint           delay_ms;   /* ban: seconds */
  guint           status;     /* http-5NN */
} Fault;

typedef struct
{
  DdSandboxFaults   *faults;   /* borrowed: pending sources die before it */
  DdSandbox         *sandbox;  /* borrowed, likewise */
  SoupServerMessage *msg;
  DdSandboxFault     fault;
  char              *path;
  GHashTable        *params;
  char              *request_id;
  gpointer           hostile;
  GBytes            *body;     /* truncated, drip: the answer to stream */
  guint              delay_ms; /* drip: per byte */
  GSource           *source;   /* owned by its context; valid while pending */
} Held;

struct _DdSandboxFaults
{
  GMutex     lock;
  GPtrArray *faults;   /* (element-type Fault), in the order added */
  GPtrArray *pending;  /* (element-type Held), not owned */
  GPtrArray *wires;    /* (element-type DdSandboxWire), owned: answers streaming */
  guint      n_served;
};

static const struct
{
  const char     *name;
  DdSandboxFault  fault;
} fault_names[] = {
  { "reset-before", DD_SANDBOX_FAULT_RESET_BEFORE },
  { "reset-after", DD_SANDBOX_FAULT_RESET_AFTER },
  { "timeout-after", DD_SANDBOX_FAULT_TIMEOUT_AFTER },
  { "delay-before", DD_SANDBOX_FAULT_DELAY_BEFORE },
  { "timeout", DD_SANDBOX_FAULT_TIMEOUT },
  { "http-NNN", DD_SANDBOX_FAULT_HTTP_STATUS },
  { "ban", DD_SANDBOX_FAULT_BAN },
  { "malformed", DD_SANDBOX_FAULT_MALFORMED },
  { "wrong-types", DD_SANDBOX_FAULT_WRONG_TYPES },
  { "truncated", DD_SANDBOX_FAULT_TRUNCATED },
  { "huge", DD_SANDBOX_FAULT_HUGE },
  { "drip", DD_SANDBOX_FAULT_DRIP },
};

#define FAULT_NAMES "reset-before, reset-after, timeout, timeout-after, delay-before, " \
                    "http-5NN, ban, malformed, wrong-types, truncated, huge, drip"

static void
fault_free (Fault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->api);
  g_free (fault);
}

static void
held_free (Held *held)
{
  g_clear_object (&held->msg);
  g_free (held->path);
  g_clear_pointer (&held->params, g_hash_table_unref);
  g_free (held->request_id);
  g_clear_pointer (&held->body, g_bytes_unref);
  g_free (held);
}

DdSandboxFaults *
dd_sandbox_faults_new (void)
{
  DdSandboxFaults *faults = g_new0 (DdSandboxFaults, 1);

  g_mutex_init (&faults->lock);
  faults->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  faults->pending = g_ptr_array_new ();
  faults->wires = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sandbox_wire_free);
  return faults;
}

void
dd_sandbox_faults_clear_pending (DdSandboxFaults *faults)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  g_autoptr(GPtrArray) wires = NULL;

  g_mutex_lock (&faults->lock);
  for (guint i = 0; i < faults->pending->len; i++)
    {
      Held *held = g_ptr_array_index (faults->pending, i);

      g_ptr_array_add (sources, g_source_ref (held->source));
    }
  g_ptr_array_set_size (faults->pending, 0);
  wires = g_steal_pointer (&faults->wires);
  faults->wires = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_sandbox_wire_free);
  g_mutex_unlock (&faults->lock);

  /* Frees each streaming answer: its source goes, its connection closes. */
  g_clear_pointer (&wires, g_ptr_array_unref);

  /* Each destroy frees its Held (and drops its message). */
  for (guint i = 0; i < sources->len; i++)
    g_source_destroy (g_ptr_array_index (sources, i));
}

void
dd_sandbox_faults_free (DdSandboxFaults *faults)
{
  if (faults == NULL)
    return;

  dd_sandbox_faults_clear_pending (faults);
  g_ptr_array_unref (faults->faults);
  g_ptr_array_unref (faults->pending);
  g_ptr_array_unref (faults->wires);
  g_mutex_clear (&faults->lock);
  g_free (faults);
}

const char *
dd_sandbox_faults_api_name (DdSandboxRequest *request)
{
  const char *path = request->path;
  gsize len;

  len = strlen (DD_SANDBOX_TOP_PREFIX);
  if (strncmp (path, DD_SANDBOX_TOP_PREFIX, len) == 0 && path[len] == '\0')
    return g_hash_table_lookup (request->params, "method");

  len = strlen (DD_SANDBOX_TW_PREFIX);
  if (strncmp (path, DD_SANDBOX_TW_PREFIX, len) == 0 && path[len] == '/')
    return path + len;

  return path;
}

/* The next fault due for @api, used up by this call; FALSE when none. */
static gboolean
take_fault (DdSandboxFaults *faults,
            const char      *api,
            Fault           *taken)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&faults->lock);

  for (guint i = 0; i < faults->faults->len; i++)
    {
      Fault *candidate = g_ptr_array_index (faults->faults, i);

      if (!g_str_equal (candidate->api, api) && !g_str_equal (candidate->api, "*"))
        continue;

      *taken = *candidate;
      taken->api = NULL;
      /* "*" stays in the taken copy: a ban of every platform. */
      if (g_str_equal (candidate->api, "*"))
        taken->api = (char *) "*";
      faults->n_served++;
      if (candidate->remaining > 0 && --candidate->remaining == 0)
        g_ptr_array_remove_index (faults->faults, i);
      return TRUE;
    }

  return FALSE;
}

static void
forget_held (Held *held)
{
  g_mutex_lock (&held->faults->lock);
  g_ptr_array_remove (held->faults->pending, held);
  g_mutex_unlock (&held->faults->lock);
}

/* Closes the connection under the message: the client sees it reset
 * (or end unanswered) and the server forgets it. */
static void
close_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
wire_done_cb (DdSandboxWire *wire,
              gpointer       data)
{
  DdSandboxFaults *faults = data;

  g_mutex_lock (&faults->lock);
  g_ptr_array_remove (faults->wires, wire);
  g_mutex_unlock (&faults->lock);
}

/* Steals the connection of @held and streams its answer on it. */
static void
stream_answer (Held *held)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (held->msg);
  DdSandboxWireKind kind;
  DdSandboxWire *wire;

  if (stream == NULL)
    return;

  kind = held->fault == DD_SANDBOX_FAULT_TRUNCATED ? DD_SANDBOX_WIRE_TRUNCATED
       : held->fault == DD_SANDBOX_FAULT_HUGE ? DD_SANDBOX_WIRE_HUGE
       : DD_SANDBOX_WIRE_DRIP;
  g_debug ("Fault: streaming the answer of %s", held->path);

  /* Registered under the lock before it can finish (its sources run on
   * this thread, after this returns). */
  g_mutex_lock (&held->faults->lock);
  wire = dd_sandbox_wire_start (stream, kind, held->body, held->delay_ms,
                                wire_done_cb, held->faults);
  g_ptr_array_add (held->faults->wires, wire);
  g_mutex_unlock (&held->faults->lock);
}

static gboolean
held_cb (gpointer data)
{
  Held *held = data;

  forget_held (held);

  switch (held->fault)
    {
    case DD_SANDBOX_FAULT_RESET_BEFORE:
    case DD_SANDBOX_FAULT_RESET_AFTER:
    case DD_SANDBOX_FAULT_TIMEOUT:
      g_debug ("Fault: closing the connection of %s unanswered", held->path);
      close_connection (held->msg);
      break;

    case DD_SANDBOX_FAULT_TRUNCATED:
    case DD_SANDBOX_FAULT_HUGE:
    case DD_SANDBOX_FAULT_DRIP:
      stream_answer (held);
      break;

    case DD_SANDBOX_FAULT_TIMEOUT_AFTER:
      g_debug ("Fault: answering %s late", held->path);
      soup_server_message_unpause (held->msg);
      break;

    case DD_SANDBOX_FAULT_DELAY_BEFORE:
      {
        DdSandboxRequest request = { 0 };

        request.msg = held->msg;
        request.path = held->path;
        request.api_path = held->path;
        request.params = held->params;
        request.request_id = held->request_id;
        request.hostile = held->hostile;
        request.now_ms = dd_sandbox_now_ms (held->sandbox);
        g_debug ("Fault: handling %s after a delay", held->path);
        dd_sandbox_dispatch (held->sandbox, &request);
        soup_server_message_unpause (held->msg);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* Pauses @request's message and finishes it after @delay_ms (0: as soon as
 * the serving context is idle) in held_cb(); with @body (truncated, huge,
 * drip) at once, by streaming @body on the stolen connection. */
static void
hold (DdSandboxFaults  *faults,
      DdSandbox        *sandbox,
      DdSandboxRequest *request,
      DdSandboxFault    fault,
      guint             delay_ms,
      GBytes           *body)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  Held *held = g_new0 (Held, 1);
  GSource *source;

  held->faults = faults;
  held->sandbox = sandbox;
  held->msg = g_object_ref (request->msg);
  held->fault = fault;
  held->path = g_strdup (request->path);
  held->params = g_hash_table_ref (request->params);
  held->request_id = g_strdup (request->request_id);
  held->hostile = request->hostile;
  held->body = body != NULL ? g_bytes_ref (body) : NULL;
  held->delay_ms = delay_ms;

  soup_server_message_pause (request->msg);

  /* Streamed answers start at once; their wire paces them. */
  source = delay_ms > 0 && body == NULL ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_name (source, "[dingdan] sandbox fault");
  g_source_set_callback (source, held_cb, held, (GDestroyNotify) held_free);
  held->source = source;

  /* Attached under the lock: whoever finds it pending can destroy it. */
  g_mutex_lock (&faults->lock);
  g_ptr_array_add (faults->pending, held);
  g_source_attach (source, context);
  g_mutex_unlock (&faults->lock);
  g_source_unref (source);
}

/* The platform's answer so far (dd_sandbox_dispatch() set it). */
static GBytes *
take_answer (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GBytes *bytes = soup_message_body_flatten (body);

  soup_message_body_truncate (body);
  return bytes;
}

/* Replaces the answer of @msg with a 200 of @bytes. */
static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *content_type,
        GBytes            *bytes)
{
  soup_server_message_set_status (msg, status, NULL);
  /* set_response() appends: the platform's answer must go first. */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Counted as the platform would have (dd-sandbox.c counted the path). */
static void
count_unhandled (DdSandbox        *sandbox,
                 DdSandboxRequest *request,
                 const char       *api)
{
  if (!g_str_equal (api, request->path))
    dd_sandbox_count_request (sandbox, api);
}

gboolean
dd_sandbox_faults_inject (DdSandboxFaults  *faults,
                          DdSandbox        *sandbox,
                          DdSandboxRequest *request)
{
  const char *api = dd_sandbox_faults_api_name (request);
  Fault taken = { 0 };
  g_autoptr(GBytes) body = NULL;

  if (api == NULL || !take_fault (faults, api, &taken))
    return FALSE;

  if (taken.fault == FAULT_GARBLE_AFTER)
    {
      g_debug ("Fault garble-after on %s", api);
      dd_sandbox_dispatch (sandbox, request);
      soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
      /* set_response() appends: the platform's answer goes first. */
      soup_message_body_truncate (soup_server_message_get_response_body (request->msg));
      soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_STATIC,
                                        GARBLED_BODY, strlen (GARBLED_BODY));
      return TRUE;
    }

  g_debug ("Fault %s on %s", fault_names[taken.fault].name, api);

  switch (taken.fault)
    {
    case DD_SANDBOX_FAULT_RESET_BEFORE:
    case DD_SANDBOX_FAULT_TIMEOUT:
      count_unhandled (sandbox, request, api);
      hold (faults, sandbox, request, taken.fault,
            taken.fault == DD_SANDBOX_FAULT_TIMEOUT ? taken.delay_ms : 0, NULL);
      break;

    case DD_SANDBOX_FAULT_RESET_AFTER:
      dd_sandbox_dispatch (sandbox, request);
      hold (faults, sandbox, request, taken.fault, 0, NULL);
      break;

    case DD_SANDBOX_FAULT_TIMEOUT_AFTER:
      dd_sandbox_dispatch (sandbox, request);
      hold (faults, sandbox, request, taken.fault, taken.delay_ms, NULL);
      break;

    case DD_SANDBOX_FAULT_DELAY_BEFORE:
      hold (faults, sandbox, request, taken.fault, taken.delay_ms, NULL);
      break;

    case DD_SANDBOX_FAULT_HTTP_STATUS:
      {
        g_autofree char *page = dd_sandbox_faults_gateway_page (taken.status);

        count_unhandled (sandbox, request, api);
        body = g_bytes_new (page, strlen (page));
        answer (request->msg, taken.status, "text/html", body);
      }
      break;

    case DD_SANDBOX_FAULT_BAN:
      /* The platform answers it with its ban reply, as every call after. */
      dd_sandbox_fault_ban (sandbox, g_strcmp0 (taken.api, "*") == 0 ? NULL : request->path,
                            request->now_ms + (gint64) taken.delay_ms * 1000);
      dd_sandbox_dispatch (sandbox, request);
      break;

    case DD_SANDBOX_FAULT_MALFORMED:
      {
        g_autoptr(GBytes) mangled = NULL;

        dd_sandbox_dispatch (sandbox, request);
        body = take_answer (request->msg);
        mangled = dd_sandbox_faults_malformed (body);
        answer (request->msg, SOUP_STATUS_OK, "application/json;charset=UTF-8", mangled);
      }
      break;

    case DD_SANDBOX_FAULT_WRONG_TYPES:
      {
        g_autoptr(GBytes) wrong = NULL;

        dd_sandbox_dispatch (sandbox, request);
        body = take_answer (request->msg);
        wrong = dd_sandbox_faults_wrong_types (body);
        /* Not JSON (an image, a page): left as it was. */
        answer (request->msg, SOUP_STATUS_OK,
                wrong != NULL ? "application/json;charset=UTF-8"
                              : soup_message_headers_get_content_type (soup_server_message_get_response_headers (request->msg), NULL),
                wrong != NULL ? wrong : body);
      }
      break;

    case DD_SANDBOX_FAULT_TRUNCATED:
    case DD_SANDBOX_FAULT_HUGE:
    case DD_SANDBOX_FAULT_DRIP:
      dd_sandbox_dispatch (sandbox, request);
      body = take_answer (request->msg);
      hold (faults, sandbox, request, taken.fault, taken.delay_ms, body);
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

guint
dd_sandbox_faults_get_n_held (DdSandbox *sandbox)
{
  DdSandboxFaults *faults;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DD_IS_SANDBOX (sandbox), 0);

  faults = dd_sandbox_get_faults (sandbox);
  locker = g_mutex_locker_new (&faults->lock);
  return faults->pending->len + faults->wires->len;
}

void
dd_sandbox_faults_add_garble (DdSandbox  *sandbox,
                              const char *api,
                              guint       count)
{
  DdSandboxFaults *faults;
  Fault *entry;

  g_return_if_fail (DD_IS_SANDBOX (sandbox));
  g_return_if_fail (api != NULL && *api != '\0');

  faults = dd_sandbox_get_faults (sandbox);
  entry = g_new0 (Fault, 1);
  entry->api = g_strdup (api);
  entry->fault = FAULT_GARBLE_AFTER;
  entry->remaining = count;

  g_mutex_lock (&faults->lock);
  g_ptr_array_add (faults->faults, entry);
  g_mutex_unlock (&faults->lock);
}

/* ---- public API (dd-sandbox.h) -------------------------------------------- */

void
dd_sandbox_add_fault (DdSandbox      *self,
                      const char     *api,
                      DdSandboxFault  fault,
                      guint           count,
                      guint           delay_ms)
{
  dd_sandbox_add_fault_full (self, api, fault, count, delay_ms, 0);
}

void
dd_sandbox_add_fault_full (DdSandbox      *self,
                           const char     *api,
                           DdSandboxFault  fault,
                           guint           count,
                           guint           delay_ms,
                           guint           http_status)
{
  DdSandboxFaults *faults;
  Fault *entry;

  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (api != NULL && *api != '\0');
  g_return_if_fail ((guint) fault < G_N_ELEMENTS (fault_names));
  g_return_if_fail (http_status == 0 || (http_status >= 500 && http_status <= 599));

  faults = dd_sandbox_get_faults (self);
  entry = g_new0 (Fault, 1);
  entry->api = g_strdup (api);
  entry->fault = fault;
  entry->remaining = count;
  entry->delay_ms = delay_ms;
  if (fault == DD_SANDBOX_FAULT_BAN && delay_ms == 0)
    entry->delay_ms = DEFAULT_BAN_SECONDS;
  entry->status = http_status != 0 ? http_status : DEFAULT_HTTP_STATUS;

  g_mutex_lock (&faults->lock);
  g_ptr_array_add (faults->faults, entry);
  g_mutex_unlock (&faults->lock);
}

static gboolean
parse_number (const char  *text,
              const char  *what,
              const char  *item,
              guint       *out,
              GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault “%s”: %s “%s” is not a number", item, what, text);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

/* "http-5NN": its status, or 0. */
static guint
http_status_of (const char *name)
{
  guint64 status;

  if (!g_str_has_prefix (name, "http-") || strlen (name) != strlen ("http-NNN") ||
      !g_ascii_string_to_unsigned (name + strlen ("http-"), 10, 500, 599, &status, NULL))
    return 0;
  return (guint) status;
}

/* One "API=FAULT[*COUNT][@N]". */
static Fault *
parse_item (const char  *item,
            GError     **error)
{
  g_autoptr(GString) name = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *delay_text = NULL;
  const char *equals = strchr (item, '=');
  const char *rest;
  const char *star;
  const char *at;
  Fault *fault;
  gboolean known = FALSE;
  DdSandboxFault kind = DD_SANDBOX_FAULT_RESET_BEFORE;
  guint count = DEFAULT_COUNT;
  guint delay_ms = DEFAULT_DELAY_MS;
  guint status = 0;

  if (equals == NULL || equals == item)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault “%s”: expected API=FAULT", item);
      return NULL;
    }

  rest = equals + 1;
  star = strchr (rest, '*');
  at = strchr (rest, '@');
  if (star != NULL && at != NULL && star > at)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault “%s”: the count comes before the delay", item);
      return NULL;
    }

  name = g_string_new_len (rest, star != NULL ? star - rest : at != NULL ? at - rest : (gssize) strlen (rest));
  if (star != NULL)
    count_text = at != NULL ? g_strndup (star + 1, at - star - 1) : g_strdup (star + 1);
  if (at != NULL)
    delay_text = g_strdup (at + 1);

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (g_str_equal (name->str, fault_names[i].name))
      {
        kind = fault_names[i].fault;
        known = TRUE;
      }
  if ((status = http_status_of (name->str)) != 0)
    {
      kind = DD_SANDBOX_FAULT_HTTP_STATUS;
      known = TRUE;
    }
  else if (kind == DD_SANDBOX_FAULT_HTTP_STATUS)
    known = FALSE;
  if (!known)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault “%s”: “%s” is none of " FAULT_NAMES,
                   item, name->str);
      return NULL;
    }
  if (kind == DD_SANDBOX_FAULT_BAN)
    delay_ms = DEFAULT_BAN_SECONDS;
  else if (kind == DD_SANDBOX_FAULT_DRIP)
    delay_ms = DEFAULT_DRIP_MS;

  if (count_text != NULL && !parse_number (count_text, "count", item, &count, error))
    return NULL;
  if (delay_text != NULL &&
      !parse_number (delay_text, kind == DD_SANDBOX_FAULT_BAN ? "ban length" : "delay", item, &delay_ms, error))
    return NULL;
  if (kind == DD_SANDBOX_FAULT_BAN && delay_ms == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault “%s”: a ban lasts at least 1 second", item);
      return NULL;
    }

  fault = g_new0 (Fault, 1);
  fault->api = g_strndup (item, equals - item);
  fault->fault = kind;
  fault->remaining = count;
  fault->delay_ms = delay_ms;
  fault->status = status != 0 ? status : DEFAULT_HTTP_STATUS;
  return fault;
}

gboolean
dd_sandbox_add_faults_from_string (DdSandbox   *self,
                                   const char  *spec,
                                   GError     **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  g_auto(GStrv) items = NULL;
  DdSandboxFaults *faults;

  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* All or nothing: parse every item before adding any. */
  items = g_strsplit (spec, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      Fault *fault;

      if (*item == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Fault %u of “%s” is empty", i + 1, spec);
          return FALSE;
        }
      fault = parse_item (item, error);
      if (fault == NULL)
        return FALSE;
      g_ptr_array_add (parsed, fault);
    }

  faults = dd_sandbox_get_faults (self);
  g_mutex_lock (&faults->lock);
  for (guint i = 0; i < parsed->len; i++)
    g_ptr_array_add (faults->faults, g_steal_pointer (&parsed->pdata[i]));
  g_mutex_unlock (&faults->lock);
  g_ptr_array_set_size (parsed, 0);

  return TRUE;
}

guint
dd_sandbox_get_n_faults_served (DdSandbox *self)
{
  DdSandboxFaults *faults;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DD_IS_SANDBOX (self), 0);

  faults = dd_sandbox_get_faults (self);
  locker = g_mutex_locker_new (&faults->lock);
  return faults->n_served;
}
