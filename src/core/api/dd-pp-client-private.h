/* dd-pp-client-private.h: PandaPon's calls, shared by the client's files
 *
 * dd-pp-call.c knows the wire (paths, parameter names, headers, signing:
 * its table is the one place with the ASSUMED paths); dd-pp-client.c knows
 * what Dingdan wants (routing, checks, GTask plumbing).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-pp-client.h"

G_BEGIN_DECLS

struct _DdPpClient
{
  GObject  parent_instance;

  DdHttp  *http;
  char    *endpoint;         /* no trailing '/' */
  char    *access_key;
  char    *secret;           /* never logged */
  char    *user_id;
  gint64   clock_offset_ms;
};

/* One call, ready to send; built on the calling thread, parsed in a worker. */
typedef struct _DdPpRequest DdPpRequest;

void         dd_pp_request_free             (DdPpRequest *request);

/* Taobao goods. @since_ms 0: a full listing; @until_ms 0: no upper bound. */
DdPpRequest *dd_pp_request_list_orders      (DdPpClient  *self,
                                             guint        page,
                                             guint        page_size,
                                             gint64       since_ms,
                                             gint64       until_ms);
DdPpRequest *dd_pp_request_detail           (DdPpClient  *self,
                                             const char  *order_no);
DdPpRequest *dd_pp_request_cancel           (DdPpClient  *self,
                                             const char  *order_no,
                                             const char  *reason_id);
DdPpRequest *dd_pp_request_pay              (DdPpClient  *self,
                                             const char  *order_no);
DdPpRequest *dd_pp_request_voucher          (DdPpClient  *self,
                                             const char  *order_no,
                                             GBytes      *image,
                                             const char  *content_type,
                                             const char  *filename);
/* @body: the create call's JSON (dd-pp-body.c), taken. */
DdPpRequest *dd_pp_request_create           (DdPpClient  *self,
                                             gboolean     is_1688,
                                             char        *body);
DdPpRequest *dd_pp_request_logistics        (DdPpClient  *self,
                                             const char  *sub_order_id);
DdPpRequest *dd_pp_request_after_sales      (DdPpClient  *self,
                                             guint        page,
                                             guint        page_size);
DdPpRequest *dd_pp_request_cancel_after_sale (DdPpClient *self,
                                              const char *refund_id);

/* 1688 goods: @order_id is the 1688 orderId (no "1688-" prefix). */
DdPpRequest *dd_pp_request_1688_detail      (DdPpClient  *self,
                                             const char  *order_id);
DdPpRequest *dd_pp_request_1688_cancel      (DdPpClient  *self,
                                             const char  *order_id,
                                             const char  *reason_id,
                                             const char  *remark);
DdPpRequest *dd_pp_request_1688_pay_url     (DdPpClient  *self,
                                             const char  *order_id);

/* Sends @request (taken) for @task (taken, its source object the client):
 * the task returns what the call's parser made (DdOrder, DdOrderPage,
 * DdActionOutcome* (g_free), char*, DdLogistics, DdAfterSalePage, or
 * GINT_TO_POINTER (TRUE) for calls with no result) or the error. */
void         dd_pp_request_send             (DdPpRequest *request,
                                             GTask       *task);

/* The cancel reasons this client offers (1688's cancelReason values). */
const DdCancelReason *dd_pp_get_cancel_reasons (void);

G_END_DECLS
