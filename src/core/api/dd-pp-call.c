/* dd-pp-call.c: PandaPon's calls on the wire
 *
 * Paths, parameter names, the common headers and their signature, the
 * multipart voucher; each attempt signed afresh (new timestamp, nonce and
 * signature). Every call is one DdHttp call: reads retried on transient
 * failures, writes sent exactly once; bodies parsed in a worker by
 * dd-pp-reply.c. The secret is never logged and travels in no URI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-json.h"
#include "dd-log.h"
#include "dd-platform-error.h"
#include "dd-pp-client-private.h"
#include "dd-pp-parse.h"
#include "dd-sign.h"

/* ------------------------------------------------------------------ */
/* THE CALLS. Paths, methods and the members naming the object.        */
/*                                                                     */
/* "documented": on PandaPon's public pages (API.md §3, seed 002).     */
/* "ASSUMED": not published; our guess, kept here and nowhere else     */
/* (README says so). The sandbox serves these exactly (pp-shape).      */
/* Request body members of the create calls are in dd-pp-body.c, whose */
/* orderSource "dingdan" and tradeType "fxassure" are ASSUMED too.     */

typedef enum
{
  CALL_CREATE,
  CALL_LIST,
  CALL_DETAIL,
  CALL_CANCEL,
  CALL_PAY,
  CALL_VOUCHER,
  CALL_LOGISTICS,
  CALL_REFUND_LIST,
  CALL_REFUND_CANCEL,
  CALL_1688_CREATE,
  CALL_1688_DETAIL,
  CALL_1688_CANCEL,
  CALL_1688_PAY_URL,
  N_CALLS
} CallId;

static const struct
{
  const char *method;
  const char *path;
  const char *id_member;  /* query parameter / body member naming the object */
  DdHttpKind  kind;
} calls[N_CALLS] = {
  /* documented: JSON body, see dd-pp-body.c; sellerOrderNumber is the idempotency key */
  [CALL_CREATE]        = { "POST", "/open/order",                        NULL,                 DD_HTTP_WRITE },
  /* ASSUMED: query pageNo, pageSize, updateTimeStart, updateTimeEnd (UTC ms) */
  [CALL_LIST]          = { "GET",  "/open/order/page",                   NULL,                 DD_HTTP_READ },
  /* ASSUMED: query orderNo */
  [CALL_DETAIL]        = { "GET",  "/open/order/detail",                 "orderNo",            DD_HTTP_READ },
  /* ASSUMED: JSON {orderNo, reason}; may answer CANCELLING (pending) */
  [CALL_CANCEL]        = { "POST", "/open/order/cancel",                 "orderNo",            DD_HTTP_WRITE },
  /* ASSUMED: JSON {orderNo} */
  [CALL_PAY]           = { "POST", "/open/order/pay",                    "orderNo",            DD_HTTP_WRITE },
  /* ASSUMED: multipart, parts orderNo (text) and file (the image) */
  [CALL_VOUCHER]       = { "POST", "/open/order/voucher",                "orderNo",            DD_HTTP_WRITE },
  /* documented: query subPurchaseOrderId (a sub-order's subOrderId) */
  [CALL_LOGISTICS]     = { "GET",  "/open/order/logistics/detail/get",   "subPurchaseOrderId", DD_HTTP_READ },
  /* ASSUMED: query pageNo, pageSize */
  [CALL_REFUND_LIST]   = { "GET",  "/open/order/refund/page",            NULL,                 DD_HTTP_READ },
  /* documented: the refund id is the last path segment */
  [CALL_REFUND_CANCEL] = { "GET",  "/open/order/refund/cancel/",         NULL,                 DD_HTTP_WRITE },
  /* documented: JSON {flow, message, tradeType, addressParam, cargoParamList} */
  [CALL_1688_CREATE]   = { "POST", "/alibaba/order/create",              NULL,                 DD_HTTP_WRITE },
  /* documented: JSON {webSite: "1688", orderId} */
  [CALL_1688_DETAIL]   = { "POST", "/alibaba/order/detail",              "orderId",            DD_HTTP_READ },
  /* documented: JSON {webSite, orderId, cancelReason, remark}; before payment only */
  [CALL_1688_CANCEL]   = { "POST", "/alibaba/order/cancel",              "orderId",            DD_HTTP_WRITE },
  /* documented: query orderId */
  [CALL_1688_PAY_URL]  = { "GET",  "/alibaba/order/pay/url",             "orderId",            DD_HTTP_READ },
};

#define PARAM_PAGE          "pageNo"           /* ASSUMED */
#define PARAM_PAGE_SIZE     "pageSize"         /* ASSUMED */
#define PARAM_SINCE         "updateTimeStart"  /* ASSUMED */
#define PARAM_UNTIL         "updateTimeEnd"    /* ASSUMED */
#define PARAM_REASON        "reason"           /* ASSUMED */
#define PART_VOUCHER_FILE   "file"             /* ASSUMED */
#define WEBSITE_1688        "1688"
#define PARAM_1688_REASON   "cancelReason"
#define PARAM_1688_REMARK   "remark"
/* 1688's cancelReason values; anything else is sent as "other". */
#define REASON_1688_DEFAULT "other"

/* One call: built on the calling thread (each attempt), parsed in a
 * worker, which reads only the immutable fields below but @self. */
struct _DdPpRequest
{
  DdPpClient *self;          /* owned */
  CallId      call;
  char       *path;          /* path and query, appended to the endpoint */
  GBytes     *json;          /* POST body, or NULL */
  char       *platform_id;   /* the order / object id as the platform knows it */
  GBytes     *image;         /* voucher */
  char       *content_type;
  char       *filename;
  guint       page;          /* listings: what was asked for */
  guint       page_size;
};

typedef DdPpRequest Request;

void
dd_pp_request_free (DdPpRequest *request)
{
  if (request == NULL)
    return;

  g_clear_object (&request->self);
  g_free (request->path);
  g_clear_pointer (&request->json, g_bytes_unref);
  g_free (request->platform_id);
  g_clear_pointer (&request->image, g_bytes_unref);
  g_free (request->content_type);
  g_free (request->filename);
  g_free (request);
}

static void
append_query (GString    *uri,
              const char *key,
              const char *value)
{
  g_string_append_c (uri, strchr (uri->str, '?') == NULL ? '?' : '&');
  g_string_append_uri_escaped (uri, key, NULL, FALSE);
  g_string_append_c (uri, '=');
  g_string_append_uri_escaped (uri, value, NULL, FALSE);
}

/* A request whose path carries @id in the table's id member (GET) or in a
 * JSON body with @first_member… pairs (POST); NULL-terminated pairs. */
static Request *
request_new (DdPpClient *self,
             CallId      call,
             const char *platform_id,
             ...)
{
  Request *request = g_new0 (Request, 1);
  g_autoptr(GString) path = g_string_new (calls[call].path);
  const char *key;
  va_list args;

  request->self = g_object_ref (self);
  request->call = call;
  request->platform_id = g_strdup (platform_id);

  if (g_str_equal (calls[call].method, "GET"))
    {
      if (calls[call].id_member != NULL && platform_id != NULL)
        append_query (path, calls[call].id_member, platform_id);

      va_start (args, platform_id);
      while ((key = va_arg (args, const char *)) != NULL)
        append_query (path, key, va_arg (args, const char *));
      va_end (args);
    }
  else if (call != CALL_VOUCHER)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      char *text;

      /* 1688 calls say which site first, as the documentation lists them. */
      if (call == CALL_1688_DETAIL || call == CALL_1688_CANCEL)
        json_object_set_string_member (body, "webSite", WEBSITE_1688);
      if (calls[call].id_member != NULL && platform_id != NULL)
        json_object_set_string_member (body, calls[call].id_member, platform_id);

      va_start (args, platform_id);
      while ((key = va_arg (args, const char *)) != NULL)
        json_object_set_string_member (body, key, va_arg (args, const char *));
      va_end (args);

      node = json_node_init_object (json_node_alloc (), body);
      text = dd_json_to_string (node);
      request->json = g_bytes_new_take (text, strlen (text));
    }

  request->path = g_string_free (g_steal_pointer (&path), FALSE);

  return request;
}

gint64
dd_pp_client_get_timestamp_ms (DdPpClient *self)
{
  g_return_val_if_fail (DD_IS_PP_CLIENT (self), 0);

  return g_get_real_time () / 1000 + self->clock_offset_ms;
}

/* The common headers; a new nonce and timestamp every time. */
static void
sign_message (DdPpClient  *self,
              SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *timestamp = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *signature = NULL;

  timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, dd_pp_client_get_timestamp_ms (self));
  nonce = dd_sign_new_nonce ();
  signature = dd_sign_pandapon (self->access_key, nonce, timestamp, self->secret);

  soup_message_headers_replace (headers, "access-key", self->access_key);
  soup_message_headers_replace (headers, "timestamp", timestamp);
  soup_message_headers_replace (headers, "nonce-str", nonce);
  soup_message_headers_replace (headers, "user-id", self->user_id);
  soup_message_headers_replace (headers, "signature", signature);
  soup_message_headers_replace (headers, "Accept", "application/json");

  {
    /* The signed headers, the signature hidden (dd-log): never the line as built. */
    g_autofree char *line = g_strdup_printf ("access-key=%s&timestamp=%s&nonce-str=%s&signature=%s",
                                             self->access_key, timestamp, nonce, signature);
    g_autofree char *redacted = dd_log_redact (line);

    g_debug ("PandaPon: signed %s", redacted != NULL ? redacted : "(headers)");
  }
}

/* libsoup re-sends a GET by itself when a reused connection closes before
 * the answer (dd-http.c), with the headers as they were: the platform
 * would refuse the nonce as replayed, and the person would read that the
 * secret is wrong. Signed afresh, it is a new request. */
static void
restarted_cb (SoupMessage *msg,
              DdPpClient  *self)
{
  g_debug ("PandaPon: libsoup sends the request again; signing it afresh");
  sign_message (self, msg);
}

static SoupMessage *
request_build_cb (gpointer   user_data,
                  GError   **error)
{
  Request *request = user_data;
  DdPpClient *self = request->self;
  g_autofree char *uri = NULL;
  g_autoptr(GUri) parsed = NULL;
  SoupMessage *msg;

  if (!dd_http_check_endpoint (self->endpoint, error))
    return NULL;

  uri = g_strconcat (self->endpoint, request->path, NULL);
  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, error);
  if (parsed == NULL)
    {
      g_prefix_error (error, "%s", _("The request could not be prepared: "));
      return NULL;
    }

  if (request->call == CALL_VOUCHER)
    {
      SoupMultipart *multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);

      soup_multipart_append_form_string (multipart, calls[CALL_VOUCHER].id_member, request->platform_id);
      soup_multipart_append_form_file (multipart, PART_VOUCHER_FILE, request->filename,
                                       request->content_type, request->image);
      msg = soup_message_new_from_multipart (uri, multipart);
      soup_multipart_free (multipart);
      if (msg == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The request could not be prepared."));
          return NULL;
        }
    }
  else
    {
      msg = soup_message_new_from_uri (calls[request->call].method, parsed);
      if (request->json != NULL)
        soup_message_set_request_body_from_bytes (msg, "application/json", request->json);
    }

  sign_message (self, msg);
  g_signal_connect_object (msg, "restarted", G_CALLBACK (restarted_cb), self, 0);
  g_debug ("PandaPon: %s %s", calls[request->call].method, calls[request->call].path);

  return msg;
}

/* Worker: the call's answer into its result. */
static gpointer
parse_cb (GBytes    *body,
          gpointer   user_data,
          GError   **error)
{
  Request *request = user_data;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  DdActionOutcome outcome = DD_ACTION_DONE;

  switch (request->call)
    {
    case CALL_CREATE:
      return dd_pp_parse_create (data, len, error);

    case CALL_LIST:
      {
        DdOrderPage *page = dd_pp_parse_orders_page (data, len, error);

        if (page != NULL && page->page == 0)
          page->page = request->page;
        if (page != NULL && page->page_size == 0)
          page->page_size = request->page_size;
        return page;
      }

    case CALL_DETAIL:
      return dd_pp_parse_order_detail (data, len, error);

    case CALL_CANCEL:
    case CALL_1688_CANCEL:
      if (!dd_pp_parse_cancel (data, len, &outcome, error))
        return NULL;
      return g_memdup2 (&outcome, sizeof outcome);

    case CALL_PAY:
      if (!dd_pp_parse_pay (data, len, &outcome, error))
        return NULL;
      return g_memdup2 (&outcome, sizeof outcome);

    case CALL_VOUCHER:
    case CALL_REFUND_CANCEL:
      return dd_pp_parse_ok (data, len, error) ? GINT_TO_POINTER (TRUE) : NULL;

    case CALL_LOGISTICS:
      return dd_pp_parse_logistics (data, len, error);

    case CALL_REFUND_LIST:
      return dd_pp_parse_after_sales (data, len, error);

    case CALL_1688_CREATE:
      return dd_pp_parse_create_1688 (data, len, error);

    case CALL_1688_DETAIL:
      return dd_pp_parse_order_1688_detail (data, len, error);

    case CALL_1688_PAY_URL:
      return dd_pp_parse_pay_url (data, len, request->platform_id, error);

    case N_CALLS:
    default:
      g_assert_not_reached ();
    }
}

static GDestroyNotify
result_destroy_for (CallId call)
{
  switch (call)
    {
    case CALL_CREATE:
    case CALL_DETAIL:
    case CALL_1688_CREATE:
    case CALL_1688_DETAIL:
      return g_object_unref;
    case CALL_LIST:
      return (GDestroyNotify) dd_order_page_free;
    case CALL_CANCEL:
    case CALL_1688_CANCEL:
    case CALL_PAY:
    case CALL_1688_PAY_URL:
      return g_free;
    case CALL_LOGISTICS:
      return (GDestroyNotify) dd_logistics_free;
    case CALL_REFUND_LIST:
      return (GDestroyNotify) dd_after_sale_page_free;
    case CALL_VOUCHER:
    case CALL_REFUND_CANCEL:
    case N_CALLS:
    default:
      return NULL;
    }
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallId call = GPOINTER_TO_INT (g_task_get_task_data (task));
  GError *error = NULL;
  gpointer value;

  value = dd_http_call_finish (DD_HTTP (object), result, &error);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, result_destroy_for (call));
}

void
dd_pp_request_send (DdPpRequest *request,
                    GTask       *task)
{
  DdPpClient *self = g_task_get_source_object (task);
  CallId call = request->call;

  g_task_set_task_data (task, GINT_TO_POINTER (call), NULL);
  dd_http_call_async (self->http, calls[call].kind,
                      request_build_cb, parse_cb, request, (GDestroyNotify) dd_pp_request_free,
                      result_destroy_for (call),
                      g_task_get_cancellable (task), call_done_cb, task);
}

/* ------------------------------------------------------------------ */
/* The calls                                                           */

static char *
format_int (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

DdPpRequest *
dd_pp_request_list_orders (DdPpClient *self,
                           guint       page,
                           guint       page_size,
                           gint64      since_ms,
                           gint64      until_ms)
{
  g_autofree char *page_text = format_int (page);
  g_autofree char *size_text = format_int (page_size);
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  Request *request;

  if (since_ms > 0)
    since = format_int (since_ms);
  if (since_ms > 0 && until_ms > 0)
    until = format_int (until_ms);

  /* An unset window ends the NULL-terminated pairs early (until needs since). */
  request = request_new (self, CALL_LIST, NULL,
                         PARAM_PAGE, page_text, PARAM_PAGE_SIZE, size_text,
                         since != NULL ? PARAM_SINCE : NULL, since,
                         until != NULL ? PARAM_UNTIL : NULL, until,
                         NULL);
  request->page = page;
  request->page_size = page_size;

  return request;
}

DdPpRequest *
dd_pp_request_detail (DdPpClient *self,
                      const char *order_no)
{
  return request_new (self, CALL_DETAIL, order_no, NULL);
}

DdPpRequest *
dd_pp_request_cancel (DdPpClient *self,
                      const char *order_no,
                      const char *reason_id)
{
  return request_new (self, CALL_CANCEL, order_no,
                      PARAM_REASON, reason_id != NULL && *reason_id != '\0' ? reason_id : REASON_1688_DEFAULT,
                      NULL);
}

DdPpRequest *
dd_pp_request_pay (DdPpClient *self,
                   const char *order_no)
{
  return request_new (self, CALL_PAY, order_no, NULL);
}

DdPpRequest *
dd_pp_request_voucher (DdPpClient *self,
                       const char *order_no,
                       GBytes     *image,
                       const char *content_type,
                       const char *filename)
{
  Request *request = request_new (self, CALL_VOUCHER, order_no, NULL);

  request->image = g_bytes_ref (image);
  request->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
  request->filename = g_strdup (filename != NULL && *filename != '\0' ? filename : "voucher");

  return request;
}

DdPpRequest *
dd_pp_request_create (DdPpClient *self,
                      gboolean    is_1688,
                      char       *body)
{
  Request *request = request_new (self, is_1688 ? CALL_1688_CREATE : CALL_CREATE, NULL, NULL);
  gsize len = strlen (body);

  g_clear_pointer (&request->json, g_bytes_unref);
  request->json = g_bytes_new_take (body, len);

  return request;
}

DdPpRequest *
dd_pp_request_logistics (DdPpClient *self,
                         const char *sub_order_id)
{
  return request_new (self, CALL_LOGISTICS, sub_order_id, NULL);
}

DdPpRequest *
dd_pp_request_after_sales (DdPpClient *self,
                           guint       page,
                           guint       page_size)
{
  g_autofree char *page_text = format_int (page);
  g_autofree char *size_text = format_int (page_size);

  return request_new (self, CALL_REFUND_LIST, NULL,
                      PARAM_PAGE, page_text, PARAM_PAGE_SIZE, size_text, NULL);
}

DdPpRequest *
dd_pp_request_cancel_after_sale (DdPpClient *self,
                                 const char *refund_id)
{
  Request *request = request_new (self, CALL_REFUND_CANCEL, refund_id, NULL);
  g_autofree char *escaped = NULL;

  /* The id is a path segment: escaped, so it cannot climb out of it. */
  escaped = g_uri_escape_string (refund_id, NULL, FALSE);
  g_free (request->path);
  request->path = g_strconcat (calls[CALL_REFUND_CANCEL].path, escaped, NULL);

  return request;
}

DdPpRequest *
dd_pp_request_1688_detail (DdPpClient *self,
                           const char *order_id)
{
  return request_new (self, CALL_1688_DETAIL, order_id, NULL);
}

static const char *
reason_for_1688 (const char *reason_id)
{
  static const char * const known[] = { "buyerCancel", "sellerGoodsLack", "other", NULL };

  return reason_id != NULL && g_strv_contains (known, reason_id) ? reason_id : REASON_1688_DEFAULT;
}

DdPpRequest *
dd_pp_request_1688_cancel (DdPpClient *self,
                           const char *order_id,
                           const char *reason_id,
                           const char *remark)
{
  return request_new (self, CALL_1688_CANCEL, order_id,
                      PARAM_1688_REASON, reason_for_1688 (reason_id),
                      PARAM_1688_REMARK, remark != NULL ? remark : "",
                      NULL);
}

DdPpRequest *
dd_pp_request_1688_pay_url (DdPpClient *self,
                            const char *order_id)
{
  return request_new (self, CALL_1688_PAY_URL, order_id, NULL);
}

/* 1688's cancelReason values, offered for Taobao goods too (whose reasons
 * are not published: ASSUMED free text). */
const DdCancelReason *
dd_pp_get_cancel_reasons (void)
{
  static DdCancelReason reasons[4];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      reasons[0].id = "buyerCancel";
      reasons[0].label = _("The buyer no longer wants it");
      reasons[1].id = "sellerGoodsLack";
      reasons[1].label = _("The seller is out of stock");
      reasons[2].id = REASON_1688_DEFAULT;
      reasons[2].label = _("Another reason");
      reasons[3].id = NULL;
      reasons[3].label = NULL;
      g_once_init_leave (&initialised, 1);
    }

  return reasons;
}
