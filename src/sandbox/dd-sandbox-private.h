/* dd-sandbox-private.h: what the sandbox's platform handlers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dd-sandbox.c owns the server: it reads each request into a
 * DdSandboxRequest, gives fault injection its chance (issue H), then hands
 * the request to the platform whose path prefix matches (dd-sandbox-tw.c
 * for "/rest"; TOP's "/router/rest" and PandaPon's "/open/", "/alibaba/"
 * join in issue B). A handler answers with dd_sandbox_request_reply_json()
 * in the platform's own shapes.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-sandbox.h"
#include "dd-sandbox-shop.h"

G_BEGIN_DECLS

typedef struct
{
  SoupServerMessage *msg;
  const char        *path;       /* the request's path: "/rest/orders/get" */
  const char        *api_path;   /* after the platform's prefix: "/orders/get" */
  GHashTable        *params;     /* char* → char*: query and form body, decoded */
  char              *request_id; /* fresh for this request, in the platform's shape */
  gint64             now_ms;     /* when it arrived (UTC ms) */
  gpointer           hostile;    /* DdSandboxHostile*: hostile mode on (issue H) */
} DdSandboxRequest;

/* A platform: answers every request under its prefix. */
typedef void (*DdSandboxHandler) (DdSandbox        *self,
                                  DdSandboxRequest *request);

const char    *dd_sandbox_get_app_key        (DdSandbox        *self);
const char    *dd_sandbox_get_app_secret     (DdSandbox        *self);
const char    *dd_sandbox_get_access_token   (DdSandbox        *self);

/* The sandbox's clock (real time plus what tests advanced), UTC ms. */
gint64         dd_sandbox_now_ms             (DdSandbox        *self);

/* The rate limit every platform answers in its own shape: 0 when the call
 * may proceed, else the seconds the (new or running) ban still lasts. */
guint          dd_sandbox_check_rate_limit   (DdSandbox        *self,
                                              gint64            now_ms);

/* TRUE when @text is 1 to @max_len ASCII digits (request parameters). */
gboolean       dd_sandbox_is_digits          (const char       *text,
                                              gsize             max_len);

/* Counts a request under the platform's API name ("/orders/get"). */
void           dd_sandbox_count_request      (DdSandbox        *self,
                                              const char       *api_name);
/* Calls the test hook, if any (shop unlocked, serving thread). */
void           dd_sandbox_run_hook           (DdSandbox        *self,
                                              const char       *api_path,
                                              guint             page);

/* HTTP 200 with @node (taken) as "application/json;charset=UTF-8". */
void           dd_sandbox_request_reply_json (DdSandboxRequest *request,
                                              JsonNode         *node);

G_END_DECLS
