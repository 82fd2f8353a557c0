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

/* Numbers of faults still pending (tests): answers held back or delayed. */
guint            dd_sandbox_faults_get_n_held    (DdSandbox        *sandbox);

/* dd-sandbox.c: the sandbox's faults, and the platform that handles a
 * request (request->api_path is set from request->path). */
DdSandboxFaults *dd_sandbox_get_faults           (DdSandbox        *self);
void             dd_sandbox_dispatch             (DdSandbox        *self,
                                                  DdSandboxRequest *request);

G_END_DECLS
