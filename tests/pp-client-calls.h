/* pp-client-calls.h: DdPpClient's calls made synchronous, for the tests
 *
 * Each helper starts the call and iterates the default main context until
 * it is done (the loopback server or the sandbox serves on that context).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "dd-http.h"
#include "dd-pp-client.h"

/* A 1×1 PNG. */
G_GNUC_UNUSED static const guint8 PNG[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
};

/* ------------------------------------------------------------------ */
/* Waiting for async calls                                             */

typedef struct
{
  GAsyncResult *result;
} Wait;

G_GNUC_UNUSED static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

G_GNUC_UNUSED static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

#define RUN(call, finish, ...) \
  G_STMT_START { \
    Wait wait_ = { NULL }; \
    call; \
    wait_for (&wait_); \
    finish; \
    g_clear_object (&wait_.result); \
  } G_STMT_END

G_GNUC_UNUSED static DdOrder *
get_order (DdPpClient *client, const char *id, GError **error)
{
  DdOrder *order = NULL;

  RUN (dd_client_get_order_async (DD_CLIENT (client), id, NULL, done_cb, &wait_),
       order = dd_client_get_order_finish (DD_CLIENT (client), wait_.result, error));
  return order;
}

G_GNUC_UNUSED static DdOrderPage *
list_orders (DdPpClient *client, gint64 since, gint64 until, guint page, guint page_size, GError **error)
{
  DdListQuery query = { since, until, page, page_size };
  DdOrderPage *result = NULL;

  RUN (dd_client_list_orders_async (DD_CLIENT (client), &query, NULL, done_cb, &wait_),
       result = dd_client_list_orders_finish (DD_CLIENT (client), wait_.result, error));
  return result;
}

G_GNUC_UNUSED static gboolean
cancel_order (DdPpClient *client, const char *id, const char *reason, const char *remark,
              DdActionOutcome *outcome, GError **error)
{
  gboolean ok = FALSE;

  RUN (dd_client_cancel_order_async (DD_CLIENT (client), id, reason, remark, NULL, done_cb, &wait_),
       ok = dd_client_cancel_order_finish (DD_CLIENT (client), wait_.result, outcome, error));
  return ok;
}

G_GNUC_UNUSED static gboolean
pay_order (DdPpClient *client, const char *id, DdActionOutcome *outcome, GError **error)
{
  gboolean ok = FALSE;

  RUN (dd_client_pay_order_async (DD_CLIENT (client), id, NULL, done_cb, &wait_),
       ok = dd_client_pay_order_finish (DD_CLIENT (client), wait_.result, outcome, error));
  return ok;
}

G_GNUC_UNUSED static gboolean
upload_voucher (DdPpClient *client, const char *id, GBytes *image, const char *type, GError **error)
{
  gboolean ok = FALSE;

  RUN (dd_client_upload_voucher_async (DD_CLIENT (client), id, image, type, "voucher.png", NULL, done_cb, &wait_),
       ok = dd_client_upload_voucher_finish (DD_CLIENT (client), wait_.result, error));
  return ok;
}

G_GNUC_UNUSED static char *
get_pay_url (DdPpClient *client, const char *id, GError **error)
{
  char *url = NULL;

  RUN (dd_client_get_pay_url_async (DD_CLIENT (client), id, NULL, done_cb, &wait_),
       url = dd_client_get_pay_url_finish (DD_CLIENT (client), wait_.result, error));
  return url;
}

G_GNUC_UNUSED static DdOrder *
create_purchase (DdPpClient *client, const DdPurchaseRequest *request, GError **error)
{
  DdOrder *order = NULL;

  RUN (dd_client_create_purchase_async (DD_CLIENT (client), request, NULL, done_cb, &wait_),
       order = dd_client_create_purchase_finish (DD_CLIENT (client), wait_.result, error));
  return order;
}

G_GNUC_UNUSED static DdLogistics *
get_logistics (DdPpClient *client, const char *id, GError **error)
{
  DdLogistics *logistics = NULL;

  RUN (dd_client_get_logistics_async (DD_CLIENT (client), id, NULL, done_cb, &wait_),
       logistics = dd_client_get_logistics_finish (DD_CLIENT (client), wait_.result, error));
  return logistics;
}

G_GNUC_UNUSED static DdAfterSalePage *
list_after_sales (DdPpClient *client, guint page, guint page_size, GError **error)
{
  DdAfterSalePage *result = NULL;

  RUN (dd_client_list_after_sales_async (DD_CLIENT (client), page, page_size, NULL, done_cb, &wait_),
       result = dd_client_list_after_sales_finish (DD_CLIENT (client), wait_.result, error));
  return result;
}

G_GNUC_UNUSED static gboolean
cancel_after_sale (DdPpClient *client, const char *id, GError **error)
{
  gboolean ok = FALSE;

  RUN (dd_client_cancel_after_sale_async (DD_CLIENT (client), id, NULL, done_cb, &wait_),
       ok = dd_client_cancel_after_sale_finish (DD_CLIENT (client), wait_.result, error));
  return ok;
}

G_GNUC_UNUSED G_GNUC_UNUSED static DdPurchaseRequest *
new_purchase (DdPurchaseSource  source,
              const char       *key,
              const char       *item_id)
{
  DdPurchaseRequest *request = dd_purchase_request_new (source, key);
  DdMoney price;

  dd_money_init (&price, 3900, "CNY");
  dd_purchase_request_add_line (request, item_id, source == DD_PURCHASE_SOURCE_1688 ? "b5a3d0c1" : "4766078803304",
                                2, &price);
  request->receiver.receiver_name = g_strdup ("张三");
  request->receiver.receiver_phone = g_strdup ("15068763421");
  request->receiver.country_code = g_strdup ("中国");
  request->receiver.state = g_strdup ("浙江省");
  request->receiver.city = g_strdup ("杭州市");
  request->receiver.area = g_strdup ("余杭区");
  request->receiver.detail_address = g_strdup ("文一西路969号");
  request->receiver.zip = g_strdup ("311100");
  request->remark = g_strdup ("请尽快发货");

  return request;
}

