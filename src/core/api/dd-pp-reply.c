/* dd-pp-reply.c: PandaPon's answers, envelope first
 *
 * The envelope {requestId, code, developId, msg, data} and each call's
 * data (shapes at the top of dd-pp-parse.c). Pure functions: safe in any
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-client.h"
#include "dd-pp-parse.h"
#include "dd-pp-parse-private.h"

/* ------------------------------------------------------------------ */
/* Envelope                                                            */

JsonNode *
dd_pp_parse_envelope (const char  *data,
                      gsize        len,
                      gboolean     accept_duplicate,
                      char       **request_id,
                      JsonNode   **data_node,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *req = NULL;
  g_autofree char *message = NULL;
  g_autofree char *code_text = NULL;
  JsonObject *object;
  JsonNode *code_node;
  JsonNode *payload;
  gint64 code;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > G_MAXSSIZE)
    {
      dd_pp_bad_response (error, _("The server’s reply is too large."));
      return NULL;
    }
  if (data == NULL)
    data = "";

  root = dd_json_parse_object (data, (gssize) len, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!dd_pp_get_code_text (object, "requestId", &req, error))
    return NULL;

  /* code is an integer (the documentation); digits in a string pass too. */
  code_node = dd_pp_get_member (object, "code");
  if (dd_pp_holds_type (code_node, G_TYPE_INT64))
    code = json_node_get_int (code_node);
  else if (dd_pp_holds_type (code_node, G_TYPE_STRING) && dd_pp_is_digits (json_node_get_string (code_node)) &&
           strlen (json_node_get_string (code_node)) < 10)
    code = g_ascii_strtoll (json_node_get_string (code_node), NULL, 10);
  else
    {
      dd_pp_bad_member (error, "code");
      return NULL;
    }

  payload = dd_pp_get_member (object, "data");
  if (code == DD_PP_CODE_OK ||
      (accept_duplicate && code == DD_PP_CODE_DUPLICATE && payload != NULL && JSON_NODE_HOLDS_OBJECT (payload)))
    {
      if (request_id != NULL)
        *request_id = g_steal_pointer (&req);
      if (data_node != NULL)
        *data_node = payload;
      return g_steal_pointer (&root);
    }

  /* An error: keep the platform's words, whatever their type. */
  if (dd_pp_holds_type (dd_pp_get_member (object, "msg"), G_TYPE_STRING))
    message = g_strdup (json_node_get_string (dd_pp_get_member (object, "msg")));
  code_text = g_strdup_printf ("%" G_GINT64_FORMAT, code);
  g_propagate_error (error, dd_error_table_make (DD_PLATFORM_PANDAPON, NULL, code_text, NULL,
                                                 message, req));

  return NULL;
}

/* The envelope's data, which must be an object. */
static JsonNode *
parse_data_object (const char  *data,
                   gsize        len,
                   gboolean     accept_duplicate,
                   char       **request_id,
                   JsonObject **object,
                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *payload = NULL;

  root = dd_pp_parse_envelope (data, len, accept_duplicate, request_id, &payload, error);
  if (root == NULL)
    return NULL;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      dd_pp_bad_member (error, "data");
      return NULL;
    }

  *object = json_node_get_object (payload);
  return g_steal_pointer (&root);
}

/* ------------------------------------------------------------------ */
/* Whole answers                                                       */

static DdOrder *
order_with_raw (JsonNode  *node,
                gboolean   is_1688,
                GError   **error)
{
  g_autofree char *raw = NULL;
  DdOrder *order;

  if (is_1688)
    order = dd_pp_order_1688_from_object (json_node_get_object (node), error);
  else
    order = dd_pp_order_from_object (json_node_get_object (node), error);
  if (order == NULL)
    return NULL;

  raw = dd_json_to_string (node);
  dd_order_set_raw_json (order, raw);

  return order;
}

DdOrderPage *
dd_pp_parse_orders_page (const char  *data,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *object = NULL;
  JsonArray *records = NULL;
  guint64 page_no = 0, page_size = 0;
  guint n;

  root = parse_data_object (data, len, FALSE, &request_id, &object, error);
  if (root == NULL ||
      !dd_json_get_array (object, "records", TRUE, &records, error))
    return NULL;

  n = records != NULL ? json_array_get_length (records) : 0;
  page = dd_order_page_new ();
  page->request_id = g_steal_pointer (&request_id);
  page->total_count = n;
  page->n_calls = 1;
  if (!dd_pp_get_count (object, "total", &page->total_count, error) ||
      !dd_pp_get_count (object, "pageNo", &page_no, error) ||
      !dd_pp_get_count (object, "pageSize", &page_size, error))
    return NULL;
  page->page = (guint) MIN (page_no, G_MAXUINT);
  page->page_size = (guint) MIN (page_size, G_MAXUINT);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (records, i);
      DdOrder *order;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_pp_bad_member (error, "records");
          return NULL;
        }

      order = order_with_raw (element, FALSE, error);
      if (order == NULL)
        return NULL;
      g_ptr_array_add (page->orders, order);
    }

  return g_steal_pointer (&page);
}

static DdOrder *
parse_order_answer (const char  *data,
                    gsize        len,
                    gboolean     accept_duplicate,
                    gboolean     is_1688,
                    GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *payload = NULL;

  root = dd_pp_parse_envelope (data, len, accept_duplicate, NULL, &payload, error);
  if (root == NULL)
    return NULL;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      dd_pp_bad_member (error, "data");
      return NULL;
    }

  return order_with_raw (payload, is_1688, error);
}

DdOrder *
dd_pp_parse_order_detail (const char  *data,
                          gsize        len,
                          GError     **error)
{
  return parse_order_answer (data, len, FALSE, FALSE, error);
}

DdOrder *
dd_pp_parse_order_1688_detail (const char  *data,
                               gsize        len,
                               GError     **error)
{
  return parse_order_answer (data, len, FALSE, TRUE, error);
}

DdOrder *
dd_pp_parse_create (const char  *data,
                    gsize        len,
                    GError     **error)
{
  return parse_order_answer (data, len, TRUE, FALSE, error);
}

DdOrder *
dd_pp_parse_create_1688 (const char  *data,
                         gsize        len,
                         GError     **error)
{
  return parse_order_answer (data, len, FALSE, TRUE, error);
}

static DdActionOutcome
outcome_from_data (JsonNode   *payload,
                   const char *member,
                   const char * const *done_values)
{
  JsonNode *node;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return DD_ACTION_PENDING;

  node = dd_pp_get_member (json_node_get_object (payload), member);
  if (!dd_pp_holds_type (node, G_TYPE_STRING))
    return DD_ACTION_PENDING;

  return g_strv_contains (done_values, json_node_get_string (node)) ? DD_ACTION_DONE : DD_ACTION_PENDING;
}

gboolean
dd_pp_parse_cancel (const char       *data,
                    gsize             len,
                    DdActionOutcome  *outcome,
                    GError          **error)
{
  static const char * const closed[] = { "TRADE_CLOSED", "cancel", "terminated", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonNode *payload = NULL;

  root = dd_pp_parse_envelope (data, len, FALSE, NULL, &payload, error);
  if (root == NULL)
    return FALSE;

  /* Anything but a closed state (CANCELLING, or no word at all) is pending:
   * the caller reads the order back until it is closed. */
  if (outcome != NULL)
    *outcome = outcome_from_data (payload, "status", closed);

  return TRUE;
}

gboolean
dd_pp_parse_pay (const char       *data,
                 gsize             len,
                 DdActionOutcome  *outcome,
                 GError          **error)
{
  static const char * const paid[] = { "PAID", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonNode *payload = NULL;

  root = dd_pp_parse_envelope (data, len, FALSE, NULL, &payload, error);
  if (root == NULL)
    return FALSE;

  if (outcome != NULL)
    *outcome = outcome_from_data (payload, "payStatus", paid);

  return TRUE;
}

gboolean
dd_pp_parse_ok (const char  *data,
                gsize        len,
                GError     **error)
{
  g_autoptr(JsonNode) root = dd_pp_parse_envelope (data, len, FALSE, NULL, NULL, error);

  return root != NULL;
}

char *
dd_pp_parse_pay_url (const char  *data,
                     gsize        len,
                     const char  *order_id,
                     GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *url = NULL;
  JsonObject *object = NULL;
  JsonArray *cant_pay = NULL;
  gboolean paid = FALSE;
  gboolean listed = FALSE;

  g_return_val_if_fail (order_id != NULL, NULL);

  root = parse_data_object (data, len, FALSE, &request_id, &object, error);
  if (root == NULL ||
      !dd_pp_get_text (object, "payUrl", &url, error) ||
      !dd_json_get_bool (object, "protocolPaySuccess", TRUE, &paid, error) ||
      !dd_json_get_array (object, "cantPayOrderList", TRUE, &cant_pay, error))
    return NULL;

  for (guint i = 0; cant_pay != NULL && i < json_array_get_length (cant_pay); i++)
    {
      JsonNode *element = json_array_get_element (cant_pay, i);
      g_autofree char *id = NULL;

      if (dd_pp_holds_type (element, G_TYPE_STRING))
        id = g_strdup (json_node_get_string (element));
      else if (dd_pp_holds_type (element, G_TYPE_INT64))
        id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (element));
      else
        {
          dd_pp_bad_member (error, "cantPayOrderList");
          return NULL;
        }
      listed = listed || g_str_equal (id, order_id);
    }

  /* protocolPaySuccess: paid already, by the account's payment agreement. */
  if (paid || listed || url == NULL)
    {
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_STATE_CONFLICT,
                                                       NULL, NULL, NULL, NULL, request_id,
                                                       paid ? _("This 1688 order has been paid already.")
                                                            : _("This 1688 order cannot be paid now. Refresh it to see its state.")));
      return NULL;
    }

  /* It is opened in the browser: only a web address will do. */
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      dd_pp_bad_member (error, "payUrl");
      return NULL;
    }

  return g_steal_pointer (&url);
}

static gint
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DdLogisticsEvent *ea = a;
  const DdLogisticsEvent *eb = b;

  if (ea->time == NULL || eb->time == NULL)
    return (ea->time != NULL) - (eb->time != NULL);

  return g_date_time_compare (ea->time, eb->time);
}

static gboolean
add_traces (DdParcel    *parcel,
            JsonArray   *traces,
            GError     **error)
{
  for (guint i = 0; traces != NULL && i < json_array_get_length (traces); i++)
    {
      JsonNode *element = json_array_get_element (traces, i);
      g_autofree char *status_desc = NULL, *city = NULL, *action = NULL, *facility = NULL;
      g_autofree char *standard = NULL, *status = NULL, *province = NULL;
      DdLogisticsEvent event = { NULL };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return dd_pp_bad_member (error, "logisticsTraces");

      if (!dd_pp_get_text (json_node_get_object (element), "statusDesc", &status_desc, error) ||
          !dd_pp_get_text (json_node_get_object (element), "province", &province, error) ||
          !dd_pp_get_text (json_node_get_object (element), "city", &city, error) ||
          !dd_pp_get_text (json_node_get_object (element), "action", &action, error) ||
          !dd_pp_get_text (json_node_get_object (element), "facilityName", &facility, error) ||
          !dd_pp_get_text (json_node_get_object (element), "standerdDesc", &standard, error) ||
          !dd_pp_get_text (json_node_get_object (element), "status", &status, error) ||
          !dd_pp_get_time (json_node_get_object (element), "time", TRUE, &event.time, error))
        return FALSE;

      event.status = status != NULL ? g_steal_pointer (&status) : g_steal_pointer (&action);
      event.description = standard != NULL ? g_steal_pointer (&standard) : g_steal_pointer (&status_desc);
      event.place = facility != NULL ? g_steal_pointer (&facility) : g_steal_pointer (&city);
      g_array_append_val (parcel->events, event);
    }

  /* Served newest first; stable (GLib's sort is), so equal times keep order. */
  g_array_sort (parcel->events, compare_events);

  return TRUE;
}

DdLogistics *
dd_pp_parse_logistics (const char  *data,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdLogistics) logistics = NULL;
  JsonObject *object = NULL;
  JsonArray *details = NULL;

  root = parse_data_object (data, len, FALSE, NULL, &object, error);
  if (root == NULL ||
      !dd_json_get_array (object, "pnmLogisticsDetails", TRUE, &details, error))
    return NULL;

  logistics = dd_logistics_new ();
  for (guint i = 0; details != NULL && i < json_array_get_length (details); i++)
    {
      JsonNode *element = json_array_get_element (details, i);
      g_autofree char *mail_no = NULL;
      JsonArray *traces = NULL;
      DdParcel *parcel;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_pp_bad_member (error, "pnmLogisticsDetails");
          return NULL;
        }

      if (!dd_pp_get_opt_id (json_node_get_object (element), "mailNo", &mail_no, error) ||
          !dd_json_get_array (json_node_get_object (element), "logisticsTraces", TRUE, &traces, error))
        return NULL;

      parcel = dd_parcel_new (mail_no, NULL);
      g_ptr_array_add (logistics->parcels, parcel);
      if (!add_traces (parcel, traces, error))
        return NULL;
    }

  return g_steal_pointer (&logistics);
}

DdAfterSalePage *
dd_pp_parse_after_sales (const char  *data,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdAfterSalePage) page = NULL;
  JsonObject *object = NULL;
  JsonArray *records = NULL;

  root = parse_data_object (data, len, FALSE, NULL, &object, error);
  if (root == NULL ||
      !dd_json_get_array (object, "records", TRUE, &records, error))
    return NULL;

  page = dd_after_sale_page_new ();
  page->total_count = records != NULL ? json_array_get_length (records) : 0;
  if (!dd_pp_get_count (object, "total", &page->total_count, error))
    return NULL;

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      JsonNode *element = json_array_get_element (records, i);
      JsonObject *record;
      g_autofree char *refund_id = NULL, *order_no = NULL, *status = NULL, *reason = NULL;
      g_autoptr(GDateTime) created = NULL;
      DdMoney amount = DD_MONEY_INIT;
      DdAfterSale *after_sale;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          dd_pp_bad_member (error, "records");
          return NULL;
        }

      record = json_node_get_object (element);
      dd_money_init (&amount, 0, DD_PP_DEFAULT_CURRENCY);
      if (!dd_json_get_id (record, "refundId", FALSE, &refund_id, error) ||
          !dd_pp_get_opt_id (record, "orderNo", &order_no, error) ||
          !dd_pp_get_text (record, "status", &status, error) ||
          !dd_pp_get_text (record, "reason", &reason, error) ||
          !dd_pp_get_fen (record, "refundAmount", DD_PP_DEFAULT_CURRENCY, TRUE, NULL, &amount, error) ||
          !dd_pp_get_time (record, "createTime", TRUE, &created, error))
        return NULL;

      after_sale = g_new0 (DdAfterSale, 1);
      after_sale->refund_id = g_steal_pointer (&refund_id);
      after_sale->order_id = g_steal_pointer (&order_no);
      after_sale->status = g_steal_pointer (&status);
      after_sale->reason = g_steal_pointer (&reason);
      after_sale->amount = amount;
      after_sale->created = g_steal_pointer (&created);
      g_ptr_array_add (page->cases, after_sale);
    }

  return g_steal_pointer (&page);
}

/* The cache's raw JSON: a Taobao-goods detail object (has "orderNo") or a
 * 1688 one (has "orderId" and no "orderNo"). */
DdOrder *
dd_pp_parse_order_json (const char  *json,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *raw = NULL;
  JsonObject *object;
  DdOrder *order;

  g_return_val_if_fail (json != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > G_MAXSSIZE)
    {
      dd_pp_bad_response (error, _("The server’s reply is too large."));
      return NULL;
    }
  if (json == NULL)
    json = "";

  root = dd_json_parse_object (json, (gssize) len, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (json_object_has_member (object, "orderNo"))
    order = dd_pp_order_from_object (object, error);
  else if (json_object_has_member (object, "orderId"))
    order = dd_pp_order_1688_from_object (object, error);
  else
    {
      dd_pp_bad_member (error, "orderNo");
      return NULL;
    }
  if (order == NULL)
    return NULL;

  raw = g_strndup (json, len);
  dd_order_set_raw_json (order, raw);

  return order;
}

