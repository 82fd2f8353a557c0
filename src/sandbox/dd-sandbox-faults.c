/* dd-sandbox-faults.c: faults on the wire (resets, held-back answers, delays)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test (or `dingdan --sandbox` from $DINGDAN_SANDBOX_FAULTS) asks for the
 * next requests of one API to go wrong, the way a real network goes wrong
 * around a write:
 *   reset-before   the connection is stolen from the server and closed:
 *                  nothing handled, nothing answered;
 *   reset-after    the platform handles the request (the shop changes),
 *                  then the connection is closed before the answer leaves;
 *   timeout-after  the platform handles it, the answer is held back
 *                  delay_ms (soup_server_message_pause) and then sent, by
 *                  when the client has given up;
 *   delay-before   held back delay_ms, then handled and answered as usual.
 * Held messages wait on a GSource of the serving thread's context; the
 * sandbox's dispose destroys the ones still waiting. A request a
 * reset-before swallows is still counted under its API name (the platform
 * never saw it, but it reached the sandbox).
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-faults-private.h"
#include "dd-sandbox-top.h"
#include "dd-sandbox-tw.h"

/* The spec's defaults (dd-sandbox.h). */
#define DEFAULT_COUNT    1
#define DEFAULT_DELAY_MS 5000

/* Tests only (dd_sandbox_faults_add_garble()): carried out, then answered
 * 200 with JSON of the wrong shape. Not in fault_names: not in the spec. */
#define FAULT_GARBLE_AFTER ((DdSandboxFault) 100)
#define GARBLED_BODY       "{\"requestId\":\"garbled\",\"code\":\"not a number\",\"data\":[]}"

typedef struct
{
  char           *api;
  DdSandboxFault  fault;
  guint           remaining;  /* 0: every request */
  guint           delay_ms;
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
  GSource           *source;   /* owned by its context; valid while pending */
} Held;

struct _DdSandboxFaults
{
  GMutex     lock;
  GPtrArray *faults;   /* (element-type Fault), in the order added */
  GPtrArray *pending;  /* (element-type Held), not owned */
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
};

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
  g_free (held);
}

DdSandboxFaults *
dd_sandbox_faults_new (void)
{
  DdSandboxFaults *faults = g_new0 (DdSandboxFaults, 1);

  g_mutex_init (&faults->lock);
  faults->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  faults->pending = g_ptr_array_new ();
  return faults;
}

void
dd_sandbox_faults_clear_pending (DdSandboxFaults *faults)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);

  g_mutex_lock (&faults->lock);
  for (guint i = 0; i < faults->pending->len; i++)
    {
      Held *held = g_ptr_array_index (faults->pending, i);

      g_ptr_array_add (sources, g_source_ref (held->source));
    }
  g_ptr_array_set_size (faults->pending, 0);
  g_mutex_unlock (&faults->lock);

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
            DdSandboxFault  *fault,
            guint           *delay_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&faults->lock);

  for (guint i = 0; i < faults->faults->len; i++)
    {
      Fault *candidate = g_ptr_array_index (faults->faults, i);

      if (!g_str_equal (candidate->api, api))
        continue;

      *fault = candidate->fault;
      *delay_ms = candidate->delay_ms;
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

static gboolean
held_cb (gpointer data)
{
  Held *held = data;

  forget_held (held);

  switch (held->fault)
    {
    case DD_SANDBOX_FAULT_RESET_BEFORE:
    case DD_SANDBOX_FAULT_RESET_AFTER:
      g_debug ("Fault: closing the connection of %s unanswered", held->path);
      close_connection (held->msg);
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
 * the serving context is idle) in held_cb(). */
static void
hold (DdSandboxFaults  *faults,
      DdSandbox        *sandbox,
      DdSandboxRequest *request,
      DdSandboxFault    fault,
      guint             delay_ms)
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

  soup_server_message_pause (request->msg);

  source = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
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

gboolean
dd_sandbox_faults_inject (DdSandboxFaults  *faults,
                          DdSandbox        *sandbox,
                          DdSandboxRequest *request)
{
  const char *api = dd_sandbox_faults_api_name (request);
  DdSandboxFault fault;
  guint delay_ms;

  if (api == NULL || !take_fault (faults, api, &fault, &delay_ms))
    return FALSE;

  if (fault == FAULT_GARBLE_AFTER)
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

  g_debug ("Fault %s on %s", fault_names[fault].name, api);

  switch (fault)
    {
    case DD_SANDBOX_FAULT_RESET_BEFORE:
      /* Counted as the platform would have (dd-sandbox.c counted the path). */
      if (!g_str_equal (api, request->path))
        dd_sandbox_count_request (sandbox, api);
      hold (faults, sandbox, request, fault, 0);
      break;

    case DD_SANDBOX_FAULT_RESET_AFTER:
      dd_sandbox_dispatch (sandbox, request);
      hold (faults, sandbox, request, fault, 0);
      break;

    case DD_SANDBOX_FAULT_TIMEOUT_AFTER:
      dd_sandbox_dispatch (sandbox, request);
      hold (faults, sandbox, request, fault, delay_ms);
      break;

    case DD_SANDBOX_FAULT_DELAY_BEFORE:
      hold (faults, sandbox, request, fault, delay_ms);
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
  return faults->pending->len;
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
  DdSandboxFaults *faults;
  Fault *entry;

  g_return_if_fail (DD_IS_SANDBOX (self));
  g_return_if_fail (api != NULL && *api != '\0');
  g_return_if_fail ((guint) fault < G_N_ELEMENTS (fault_names));

  faults = dd_sandbox_get_faults (self);
  entry = g_new0 (Fault, 1);
  entry->api = g_strdup (api);
  entry->fault = fault;
  entry->remaining = count;
  entry->delay_ms = delay_ms;

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

/* One "API=FAULT[*COUNT][@DELAY_MS]". */
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
  if (!known)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Fault “%s”: “%s” is none of reset-before, reset-after, timeout-after, delay-before",
                   item, name->str);
      return NULL;
    }

  if (count_text != NULL && !parse_number (count_text, "count", item, &count, error))
    return NULL;
  if (delay_text != NULL && !parse_number (delay_text, "delay", item, &delay_ms, error))
    return NULL;

  fault = g_new0 (Fault, 1);
  fault->api = g_strndup (item, equals - item);
  fault->fault = kind;
  fault->remaining = count;
  fault->delay_ms = delay_ms;
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
