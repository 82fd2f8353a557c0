/* dd-sandbox-faults-private.h: faults on the wire, inside the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public side is at the end of dd-sandbox.h (dd_sandbox_add_fault() …);
 * this is what dd-sandbox.c calls for each request.
 */
#pragma once

#include "dd-sandbox-private.h"

G_BEGIN_DECLS

typedef struct _DdSandboxFaults DdSandboxFaults;

DdSandboxFaults *dd_sandbox_faults_new           (void);
void             dd_sandbox_faults_free          (DdSandboxFaults  *faults);

/* Takes @request (TRUE) when a fault is due for its API: the fault then
 * answers it, or not, and hands it to dd_sandbox_dispatch() when the
 * platform must carry it out. FALSE: handle it as usual. Serving thread. */
gboolean         dd_sandbox_faults_inject        (DdSandboxFaults  *faults,
                                                  DdSandbox        *sandbox,
                                                  DdSandboxRequest *request);

/* Destroys the sources of answers still held back, and so their messages:
 * none is answered or handled after this. Call it on the serving thread
 * before the server disconnects (dd-sandbox.c does); from another thread
 * only once the serving thread has stopped. */
void             dd_sandbox_faults_clear_pending (DdSandboxFaults  *faults);

/* The name a fault is keyed by for @request: TOP's method parameter, the
 * Taiwan path after "/rest", else the path (PandaPon). */
const char      *dd_sandbox_faults_api_name      (DdSandboxRequest *request);

/* Tests: the next @count requests (0: every one) of @api are carried out,
 * then answered 200 with JSON of the wrong shape (a reply that cannot be
 * read, though the platform did the write). Thread-safe. */
void             dd_sandbox_faults_add_garble    (DdSandbox        *sandbox,
                                                  const char       *api,
                                                  guint             count);

/* Numbers of faults still pending (tests): answers held back or delayed,
 * and answers still streaming (truncated, huge, drip). */
guint            dd_sandbox_faults_get_n_held    (DdSandbox        *sandbox);

/* dd-sandbox.c: the sandbox's faults, and the platform that handles a
 * request (request->api_path is set from request->path). */
DdSandboxFaults *dd_sandbox_get_faults           (DdSandbox        *self);
void             dd_sandbox_dispatch             (DdSandbox        *self,
                                                  DdSandboxRequest *request);
/* dd-sandbox.c: bans the platform of @path (NULL: every platform) until
 * @until_ms (the sandbox's clock): its rate-limit check answers with its
 * ban reply until then. Thread-safe. */
void             dd_sandbox_fault_ban            (DdSandbox        *self,
                                                  const char       *path,
                                                  gint64            until_ms);

/* dd-sandbox-faults-body.c: the faults that rewrite an answer. */

/* @body cut mid-way (at a character boundary) with garbage after it: never
 * JSON, whatever @body was. */
GBytes          *dd_sandbox_faults_malformed     (GBytes           *body);
/* @body with every JSON scalar's type changed and every object below the
 * root made an array of its values; NULL when @body is not JSON. */
GBytes          *dd_sandbox_faults_wrong_types   (GBytes           *body);
/* A gateway's error page for @status (text/html). */
char            *dd_sandbox_faults_gateway_page  (guint             status);

/* Raw answers on a connection stolen from the server. */
typedef enum
{
  DD_SANDBOX_WIRE_TRUNCATED, /* the full Content-Length, half the body, closed */
  DD_SANDBOX_WIRE_HUGE,      /* DD_SANDBOX_FAULTS_HUGE_SIZE bytes of JSON */
  DD_SANDBOX_WIRE_DRIP,      /* one byte every delay_ms */
} DdSandboxWireKind;

#define DD_SANDBOX_FAULTS_HUGE_SIZE (G_GUINT64_CONSTANT (100) * 1024 * 1024)

typedef struct _DdSandboxWire DdSandboxWire;
typedef void (*DdSandboxWireDone) (DdSandboxWire *wire,
                                   gpointer       user_data);

/* Writes a 200 answer of @kind (@body: the platform's answer; unused for
 * huge) on @stream from sources on the thread-default context; @done is
 * called once (from a source, or never if the wire is freed first) when
 * all is written or the peer went away. Free with dd_sandbox_wire_free()
 * (from @done or anywhere on that thread): closes @stream. */
DdSandboxWire   *dd_sandbox_wire_start           (GIOStream         *stream,
                                                  DdSandboxWireKind  kind,
                                                  GBytes            *body,
                                                  guint              delay_ms,
                                                  DdSandboxWireDone  done,
                                                  gpointer           done_data);
void             dd_sandbox_wire_free            (DdSandboxWire     *wire);

G_END_DECLS
