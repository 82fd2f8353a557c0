/* dd-top-request.h: the request layer both TOP clients share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dd-client.h"
#include "dd-http.h"
#include "dd-sign.h"
#include "dd-top-client.h"

G_BEGIN_DECLS

/* Everything a TOP call needs: endpoint, credentials, signing method and a
 * clock offset. Reference counted (atomically): in-flight calls hold one.
 * The secret and session are never logged. */
typedef struct _DdTopRouter DdTopRouter;

DdTopRouter  *dd_top_router_new               (const char       *endpoint,
                                               const char       *app_key,
                                               const char       *app_secret,
                                               const char       *session,
                                               DdSignTopMethod   sign_method) G_GNUC_WARN_UNUSED_RESULT;
DdTopRouter  *dd_top_router_ref               (DdTopRouter      *router);
void          dd_top_router_unref             (DdTopRouter      *router);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdTopRouter, dd_top_router_unref)

/* Added to the local clock for the `timestamp` (tests; measured skew). */
void          dd_top_router_set_clock_offset_ms (DdTopRouter    *router,
                                                 gint64          offset_ms);
/* UTC ms the next request's timestamp will say. */
gint64        dd_top_router_get_now_ms        (DdTopRouter      *router);
const char   *dd_top_router_get_app_secret    (DdTopRouter      *router);
DdSignTopMethod dd_top_router_get_sign_method (DdTopRouter      *router);

/* Every parameter of one call: the @business ones (may be NULL) plus method,
 * app_key, session, timestamp (UTC+8), v=2.0, format=json, sign_method and
 * sign over all of them. Returned for tests; the message is built from it. */
DdSignParams *dd_top_router_build_params      (DdTopRouter      *router,
                                               const char       *method,
                                               DdSignParams     *business) G_GNUC_WARN_UNUSED_RESULT;
/* application/x-www-form-urlencoded text of @params (every non-NULL value). */
char         *dd_top_encode_form              (DdSignParams     *params) G_GNUC_WARN_UNUSED_RESULT;
/* The POST to the endpoint, the form in its body with content type
 * "application/x-www-form-urlencoded; charset=utf-8". INVALID_ARGUMENT when
 * dd_http_check_endpoint() refuses the endpoint. */
SoupMessage  *dd_top_router_build_message     (DdTopRouter      *router,
                                               const char       *method,
                                               DdSignParams     *business,
                                               GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* Runs in the HTTP worker with the success envelope's "<key>_response"
 * object (error_response already turned into an error) and its request_id
 * (may be NULL). Touches nothing but its arguments. */
typedef gpointer (*DdTopParseFunc) (JsonObject  *response,
                                    const char  *request_id,
                                    gpointer     parse_data,
                                    GError     **error);

/* One call of @method through @http: @business (taken) is signed and sent
 * with the common parameters, fresh for each attempt; the reply's envelope
 * is checked and @parse turns it into the result. Finish with
 * dd_http_call_finish() on the DdHttp source object. @parse_data (may be
 * NULL) is freed with @parse_data_destroy. */
void          dd_top_router_call_async        (DdTopRouter      *router,
                                               DdHttp           *http,
                                               DdHttpKind        kind,
                                               const char       *method,
                                               DdSignParams     *business,
                                               DdTopParseFunc    parse,
                                               gpointer          parse_data,
                                               GDestroyNotify    parse_data_destroy,
                                               GDestroyNotify    result_destroy,
                                               GCancellable     *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer          user_data);

/* The same, answering @task (taken) with the parse result as its pointer
 * (freed with @result_destroy if nobody takes it), or with the error. */
void          dd_top_router_call_task         (DdTopRouter      *router,
                                               DdHttp           *http,
                                               DdHttpKind        kind,
                                               const char       *method,
                                               DdSignParams     *business,
                                               DdTopParseFunc    parse,
                                               gpointer          parse_data,
                                               GDestroyNotify    parse_data_destroy,
                                               GDestroyNotify    result_destroy,
                                               GTask            *task);

/* taobao.time.get into @task (taken): its pointer is a g_free()able gint64
 * of UTC ms. */
void          dd_top_router_time_get_task     (DdTopRouter      *router,
                                               DdHttp           *http,
                                               GTask            *task);

/* ---- the struct parameters (serialised once, signed and sent as is) ---- */

/* A decimal id as a JSON number where the platform wants Number: FALSE
 * (INVALID_ARGUMENT naming @what) unless it is ASCII digits within gint64. */
gboolean      dd_top_parse_number_id          (const char       *id,
                                               const char       *what,
                                               gint64           *out,
                                               GError          **error);

/* contract_order_list_req: {"buyer_id": N, "page_no": N, "page_size": N}
 * plus, when @query has a window, the time range (see the .c: the field
 * names are ASSUMED). */
char         *dd_top_pc_build_list_req        (gint64             buyer_id,
                                               const DdListQuery *query,
                                               gint64             now_ms) G_GNUC_WARN_UNUSED_RESULT;
/* tp_request of pc.order.detail: {"biz_order_id": "…", "buyer_id": N}. */
char         *dd_top_pc_build_detail_req      (const char       *biz_order_id,
                                               gint64            buyer_id) G_GNUC_WARN_UNUSED_RESULT;
/* param of pc.order.cancel: {"biz_order_id": "…" (String), "buyer_id": N (Number)}. */
char         *dd_top_pc_build_cancel_param    (const char       *biz_order_id,
                                               gint64            buyer_id) G_GNUC_WARN_UNUSED_RESULT;
/* param of pc.order.render and pc.out.tower.order.create:
 * {"out_order_id", "orders": [{"items": [{"item_id": N, "sku_id": N,
 * "quantity": N, "unit_price": "95.00"}]}], "address": {"address_detail",
 * "consignee_name", "mobile_phone"}, "remark"}. INVALID_ARGUMENT for a
 * request without lines or key, a non-numeric id, a zero quantity or a
 * price not in CNY. */
char         *dd_top_pc_build_order_param     (const DdPurchaseRequest *request,
                                               GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* For tests: the router a client signs with. */
DdTopRouter  *dd_top_client_get_router        (DdTopClient      *self);
DdTopRouter  *dd_top_pc_client_get_router     (DdTopPcClient    *self);

/* The `type` value that lists every trade type (TOP's default hides most). */
extern const char dd_top_all_trade_types[];
/* The `fields` asked of trades.sold.get, the increment and fullinfo. */
extern const char dd_top_trade_fields[];

G_END_DECLS
