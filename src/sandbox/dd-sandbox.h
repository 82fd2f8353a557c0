/* dd-sandbox.h: a local shop server speaking the platforms' wire protocols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Documented defaults (README): what `dingdan-cli sandbox` and
 * `dingdan --sandbox` accept when not told otherwise. */
#define DD_SANDBOX_DEFAULT_APP_KEY      "100001"
#define DD_SANDBOX_DEFAULT_APP_SECRET   "sandbox-secret"
#define DD_SANDBOX_DEFAULT_ACCESS_TOKEN "sandbox-token"
#define DD_SANDBOX_DEFAULT_ORDERS       500
#define DD_SANDBOX_DEFAULT_SEED         1

typedef struct _DdSandboxShop DdSandboxShop;

#define DD_TYPE_SANDBOX (dd_sandbox_get_type ())
G_DECLARE_FINAL_TYPE (DdSandbox, dd_sandbox, DD, SANDBOX, GObject)

/* Properties (construct-only): "seed" (guint64), "n-orders" (guint: Taiwan
 * orders and TOP trades), "n-buyer-orders" (guint: procurement and PandaPon
 * orders; 0, the default, means a fifth of n-orders), "app-key",
 * "app-secret", "access-token". */
DdSandbox     *dd_sandbox_new              (guint64      seed,
                                            guint        n_orders,
                                            const char  *app_key,
                                            const char  *app_secret,
                                            const char  *access_token) G_GNUC_WARN_UNUSED_RESULT;

/* Listens on 127.0.0.1:@port (0 = any free port) on the thread-default main
 * context of the caller. */
gboolean       dd_sandbox_listen           (DdSandbox   *self,
                                            guint        port,
                                            GError     **error);
/* Starts a thread with its own main context and listens there; returns once
 * listening. Stopped on dispose. Use this inside the app so serving never
 * stalls the UI. */
gboolean       dd_sandbox_start_in_thread  (DdSandbox   *self,
                                            guint        port,
                                            GError     **error);
/* "http://127.0.0.1:PORT" — an account's endpoint for Taiwan is this + "/rest". */
const char    *dd_sandbox_get_base_url     (DdSandbox   *self);
guint          dd_sandbox_get_port         (DdSandbox   *self);

/* The shop's state. All functions below lock it, so tests may call them from
 * any thread. */
DdSandboxShop *dd_sandbox_get_shop         (DdSandbox   *self);

/* Test hook: called (in the serving thread, shops unlocked) after every
 * page of a listing is answered, with the page number served: Taiwan
 * "/orders/get", TOP "taobao.trades.sold.get",
 * "taobao.trades.sold.increment.get" and "taobao.pc.order.list", PandaPon
 * "/open/order/page". dd-sandbox-orders.h changes orders for tests. */
typedef void (*DdSandboxHook) (DdSandbox  *sandbox,
                               const char *api_path,
                               guint       page,
                               gpointer    user_data);
void           dd_sandbox_set_hook         (DdSandbox     *self,
                                            DdSandboxHook  hook,
                                            gpointer       user_data);

/* The shops of the other platforms (issue B), see dd-sandbox-top.h and
 * dd-sandbox-pp.h. */
typedef struct _DdSandboxTopShop DdSandboxTopShop;
typedef struct _DdSandboxPpShop DdSandboxPpShop;
DdSandboxTopShop *dd_sandbox_get_top_shop  (DdSandbox   *self);
DdSandboxPpShop  *dd_sandbox_get_pp_shop   (DdSandbox   *self);

/* Moves the sandbox's clock forward (tests: the ten-second close rule,
 * bans) without sleeping. */
void           dd_sandbox_advance_clock    (DdSandbox   *self,
                                            gint64       ms);

/* A rate limit shared by every platform: more than @max_calls within
 * @per_seconds starts a ban of @ban_seconds, answered as each platform does
 * (TOP code 7 "This ban will last for N more seconds", Taiwan ApiCallLimit,
 * PandaPon its envelope). @max_calls 0 turns it off (the default). */
void           dd_sandbox_set_rate_limit   (DdSandbox   *self,
                                            guint        max_calls,
                                            guint        per_seconds,
                                            guint        ban_seconds);

/* Request counters (tests and benchmarks): by the request's path
 * ("/rest/orders/get") or by the platform's API name ("/orders/get" for
 * Taiwan); NULL counts every request, images included. */
guint          dd_sandbox_get_n_requests   (DdSandbox   *self,
                                            const char  *api_path);

/* Makes @token (an access, session or refresh token, the configured one
 * included) fail from the next call on: Taiwan answers IllegalAccessToken,
 * TOP code 27. The refresh token of an expired access token still works.
 * Issued tokens and the authorise page: see dd-sandbox-auth.c. */
void           dd_sandbox_expire_token     (DdSandbox   *self,
                                            const char  *token);

/* Faults on the wire (tests; `dingdan --sandbox` takes them from
 * $DINGDAN_SANDBOX_FAULTS, `dingdan-cli sandbox` from --faults; see
 * dd_sandbox_add_faults_from_string()). "Applied": the platform carries the
 * request out (a write changes the shop) before the fault shows. */
typedef enum
{
  DD_SANDBOX_FAULT_RESET_BEFORE,  /* the connection is closed unanswered; nothing applied */
  DD_SANDBOX_FAULT_RESET_AFTER,   /* the request is carried out, then the connection closed unanswered */
  DD_SANDBOX_FAULT_TIMEOUT_AFTER, /* carried out; the answer held back @delay_ms (past the client's timeout) */
  DD_SANDBOX_FAULT_DELAY_BEFORE,  /* held back @delay_ms, then handled as usual */
  DD_SANDBOX_FAULT_TIMEOUT,       /* not applied: nothing for @delay_ms, then the connection closed */
  DD_SANDBOX_FAULT_HTTP_STATUS,   /* not applied: a 5xx (dd_sandbox_add_fault_full()) with a gateway's text/html page */
  DD_SANDBOX_FAULT_BAN,           /* not applied: the platform's ban reply; every API call to that
                                   * platform (an API of "*": every platform) is banned for @delay_ms
                                   * SECONDS (as in the spec); calls the rate limit does not cover
                                   * (authorisation, images) are not banned */
  DD_SANDBOX_FAULT_MALFORMED,     /* applied: 200 application/json, the answer cut mid-way plus garbage */
  DD_SANDBOX_FAULT_WRONG_TYPES,   /* applied: 200, the answer with every scalar's JSON type changed
                                   * and every object below the root made an array */
  DD_SANDBOX_FAULT_TRUNCATED,     /* applied: 200, the full Content-Length, half the body, then closed */
  DD_SANDBOX_FAULT_HUGE,          /* applied: 200, a 100 MiB JSON body, streamed */
  DD_SANDBOX_FAULT_DRIP,          /* applied: 200, the answer one byte every @delay_ms */
} DdSandboxFault;

/* The next @count requests (0: every one) of @api get @fault: @api is a TOP
 * method ("taobao.trade.close"), a Taiwan API path ("/orders/get"), a
 * PandaPon path ("/open/order/pay", "/alibaba/order/cancel"), any other
 * request path, or "*": every request. Faults of the same API are used in
 * the order they were added ("*" ones in that order among them).
 * DD_SANDBOX_FAULT_HTTP_STATUS answers 500 from here. Thread-safe. */
void           dd_sandbox_add_fault        (DdSandbox      *self,
                                            const char     *api,
                                            DdSandboxFault  fault,
                                            guint           count,
                                            guint           delay_ms);
/* Likewise, with @http_status (500–599) for DD_SANDBOX_FAULT_HTTP_STATUS
 * (0: 500; ignored by the other faults). */
void           dd_sandbox_add_fault_full   (DdSandbox      *self,
                                            const char     *api,
                                            DdSandboxFault  fault,
                                            guint           count,
                                            guint           delay_ms,
                                            guint           http_status);
/* Adds the faults of @spec: comma-separated "API=FAULT[*COUNT][@N]", API as
 * above ("*": every API of every platform), FAULT one of reset-before,
 * reset-after, timeout, timeout-after, delay-before, http-5NN, ban,
 * malformed, wrong-types, truncated, huge, drip. COUNT defaults to 1 (0:
 * every request); N is milliseconds (default 5000; drip: per byte, default
 * 1000) except for ban, where it is seconds (default 60); faults that wait
 * for nothing ignore it. E.g.
 * "taobao.trade.close=timeout-after@3000,/open/order/pay=reset-before*2,*=ban@30".
 * FALSE with G_IO_ERROR_INVALID_ARGUMENT (nothing added) when it does not
 * parse; the message names the bad item. */
gboolean       dd_sandbox_add_faults_from_string (DdSandbox  *self,
                                                  const char *spec,
                                                  GError    **error);
/* How many faults were served so far (tests). */
guint          dd_sandbox_get_n_faults_served (DdSandbox *self);

/* Hostile strings (issue H; see dd-sandbox-hostile.c): when on, one order in
 * five of every platform (dd_sandbox_is_hostile_order(), from the id) is
 * served with Pango markup, bidi overrides, control characters, "\u0000",
 * lone surrogates and raw invalid UTF-8 in every displayed field, and one
 * order per platform with names of over 1 MiB. Set it before the sandbox
 * serves. Off by default: replies are then unchanged. */
void           dd_sandbox_set_hostile      (DdSandbox   *self,
                                            gboolean     hostile);
gboolean       dd_sandbox_get_hostile      (DdSandbox   *self);
gboolean       dd_sandbox_is_hostile_order (const char  *order_id);

G_END_DECLS
