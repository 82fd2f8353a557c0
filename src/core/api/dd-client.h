/* dd-client.h: what every platform client can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-order.h"

G_BEGIN_DECLS

/* One page request of a listing. Windows are in UTC milliseconds. */
typedef struct
{
  gint64 modified_since_ms; /* 0: no lower bound */
  gint64 modified_until_ms; /* 0: no upper bound (up to "now") */
  guint  page;              /* 1-based */
  guint  page_size;         /* the client clamps it to the platform's maximum */
} DdListQuery;

/* One page of orders, each complete with its lines (clients make whatever
 * extra calls their platform needs for that). */
typedef struct
{
  GPtrArray *orders;       /* (element-type DdOrder) owned */
  guint64    total_count;  /* as the platform said on this page */
  guint      page;
  guint      page_size;
  guint      n_calls;      /* HTTP calls it took */
  char      *request_id;   /* of the listing call */
} DdOrderPage;

#define DD_TYPE_ORDER_PAGE (dd_order_page_get_type ())
GType        dd_order_page_get_type (void) G_GNUC_CONST;
DdOrderPage *dd_order_page_new      (void) G_GNUC_WARN_UNUSED_RESULT;
DdOrderPage *dd_order_page_copy     (DdOrderPage *page);
void         dd_order_page_free     (DdOrderPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdOrderPage, dd_order_page_free)

/* What a platform (and so an account) can do; the UI offers only these. */
typedef enum /*< flags >*/
{
  DD_CLIENT_CAN_LIST            = 1 << 0,  /* list orders, full and incremental */
  DD_CLIENT_CAN_GET             = 1 << 1,  /* read one order back */
  DD_CLIENT_CAN_CANCEL          = 1 << 2,  /* cancel / close an unpaid order */
  DD_CLIENT_CAN_PAY             = 1 << 3,  /* pay from the account's balance */
  DD_CLIENT_CAN_UPLOAD_VOUCHER  = 1 << 4,  /* pay by uploading a payment voucher */
  DD_CLIENT_CAN_PAY_URL         = 1 << 5,  /* pay in the browser (1688) */
  DD_CLIENT_CAN_CREATE_PURCHASE = 1 << 6,  /* create a purchase order */
  DD_CLIENT_CAN_RENDER_PURCHASE = 1 << 7,  /* preview a purchase order before creating it */
  DD_CLIENT_CAN_LOGISTICS       = 1 << 8,  /* logistics trace */
  DD_CLIENT_CAN_AFTER_SALE      = 1 << 9,  /* after-sale (refund) list and cancel */
  DD_CLIENT_CAN_SERVER_TIME     = 1 << 10, /* measure clock skew */
} DdClientCapabilities;

/* How incremental listing must be asked for. */
typedef struct
{
  gint64   max_window_ms;   /* longest modified window per listing; 0: unlimited */
  gboolean page_backwards;  /* fetch a window's pages from the last to the first */
} DdClientListing;

/* A cancel / close reason offered by the platform. */
typedef struct
{
  const char *id;     /* sent to the platform (TOP: the Chinese reason text itself) */
  const char *label;  /* translated, for people */
} DdCancelReason;

/* The outcome of a write the platform accepted. */
typedef enum
{
  DD_ACTION_DONE,     /* the platform says it is done */
  DD_ACTION_PENDING,  /* accepted, finishing later (PandaPon cancel): poll the order */
} DdActionOutcome;

/* One line of a purchase order. */
typedef struct
{
  char    *item_id;   /* Taobao item id / 1688 offerId */
  char    *sku_id;    /* Taobao sku id / 1688 specId; NULL when the item has none */
  guint    quantity;
  DdMoney  unit_price;
} DdPurchaseLine;

typedef enum
{
  DD_PURCHASE_SOURCE_TAOBAO,  /* PandaPon Taobao goods, TOP procurement */
  DD_PURCHASE_SOURCE_1688,    /* PandaPon 1688 goods */
} DdPurchaseSource;

/* A purchase order to create. The idempotency key is generated once (and
 * stored) before the first send: PandaPon sellerOrderNumber, TOP out_order_id. */
typedef struct
{
  DdPurchaseSource source;
  char            *idempotency_key;
  GArray          *lines;            /* (element-type DdPurchaseLine) */
  DdDeliveryInfo   receiver;         /* name, phone, country, state, city, area, detail, zip */
  char            *remark;
  DdMoney          total;            /* what the buyer expects to pay, in fen */
} DdPurchaseRequest;

DdPurchaseRequest *dd_purchase_request_new       (DdPurchaseSource   source,
                                                  const char        *idempotency_key) G_GNUC_WARN_UNUSED_RESULT;
void               dd_purchase_request_add_line  (DdPurchaseRequest *request,
                                                  const char        *item_id,
                                                  const char        *sku_id,
                                                  guint              quantity,
                                                  const DdMoney     *unit_price);
void               dd_purchase_request_free      (DdPurchaseRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPurchaseRequest, dd_purchase_request_free)

/* A preview of a purchase order (TOP pc render, 1688 preview). */
typedef struct
{
  DdMoney  total;
  DdMoney  shipping_fee;
  GArray  *unavailable;  /* (element-type char*) item ids that cannot be bought */
} DdPurchasePreview;
void dd_purchase_preview_free (DdPurchasePreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPurchasePreview, dd_purchase_preview_free)

/* One event of a parcel's trace. */
typedef struct
{
  GDateTime *time;        /* UTC */
  char      *status;      /* platform's status word */
  char      *description;
  char      *place;       /* city / facility, may be NULL */
} DdLogisticsEvent;

typedef struct
{
  char   *tracking_number;  /* mailNo */
  char   *carrier;          /* may be NULL */
  GArray *events;           /* (element-type DdLogisticsEvent), oldest first */
} DdParcel;

typedef struct
{
  GPtrArray *parcels;       /* (element-type DdParcel) */
} DdLogistics;
DdLogistics *dd_logistics_new   (void) G_GNUC_WARN_UNUSED_RESULT;
/* A parcel whose events array clears its elements; add it to logistics->parcels. */
DdParcel    *dd_parcel_new      (const char *tracking_number,
                                 const char *carrier) G_GNUC_WARN_UNUSED_RESULT;
void         dd_logistics_free  (DdLogistics *logistics);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdLogistics, dd_logistics_free)

/* An after-sale (refund / return) case. */
typedef struct
{
  char      *refund_id;
  char      *order_id;
  char      *status;        /* the platform's words */
  char      *reason;
  DdMoney    amount;
  GDateTime *created;       /* UTC, may be NULL */
} DdAfterSale;

typedef struct
{
  GPtrArray *cases;         /* (element-type DdAfterSale) */
  guint64    total_count;
} DdAfterSalePage;
/* cases frees its DdAfterSale elements (allocate them with g_new0). */
DdAfterSalePage *dd_after_sale_page_new  (void) G_GNUC_WARN_UNUSED_RESULT;
void             dd_after_sale_page_free (DdAfterSalePage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdAfterSalePage, dd_after_sale_page_free)

#define DD_TYPE_CLIENT (dd_client_get_type ())
G_DECLARE_INTERFACE (DdClient, dd_client, DD, CLIENT, GObject)

/* Every async method has the usual _async/_finish pair. A platform that
 * cannot do something leaves the slot NULL: the wrapper then fails with
 * G_IO_ERROR_NOT_SUPPORTED and a translated message. Writes (cancel, pay,
 * upload_voucher, create_purchase, cancel_after_sale) go out exactly once
 * (DD_HTTP_WRITE); an unknown outcome is reported (dd_http_outcome_unknown())
 * and the caller reads the order back. */
struct _DdClientInterface
{
  GTypeInterface parent_iface;

  const char          *(*get_platform)      (DdClient *self);
  guint                (*get_max_page_size) (DdClient *self);
  DdClientCapabilities (*get_capabilities)  (DdClient *self);
  void                 (*get_listing)       (DdClient *self, DdClientListing *listing);
  /* (transfer none) NULL-terminated by an entry with id NULL */
  const DdCancelReason*(*get_cancel_reasons)(DdClient *self);

  void         (*list_orders_async)  (DdClient *self, const DdListQuery *query,
                                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  DdOrderPage *(*list_orders_finish) (DdClient *self, GAsyncResult *result, GError **error);

  void         (*get_order_async)    (DdClient *self, const char *order_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  DdOrder     *(*get_order_finish)   (DdClient *self, GAsyncResult *result, GError **error);

  void         (*cancel_order_async) (DdClient *self, const char *order_id, const char *reason_id,
                                      const char *remark,
                                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean     (*cancel_order_finish)(DdClient *self, GAsyncResult *result, DdActionOutcome *outcome, GError **error);

  void         (*pay_order_async)    (DdClient *self, const char *order_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean     (*pay_order_finish)   (DdClient *self, GAsyncResult *result, DdActionOutcome *outcome, GError **error);

  void         (*upload_voucher_async)  (DdClient *self, const char *order_id, GBytes *image,
                                         const char *content_type, const char *filename,
                                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean     (*upload_voucher_finish) (DdClient *self, GAsyncResult *result, GError **error);

  void         (*get_pay_url_async)  (DdClient *self, const char *order_id,
                                      GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  char        *(*get_pay_url_finish) (DdClient *self, GAsyncResult *result, GError **error);

  void         (*render_purchase_async)  (DdClient *self, const DdPurchaseRequest *request,
                                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  DdPurchasePreview *(*render_purchase_finish) (DdClient *self, GAsyncResult *result, GError **error);

  /* The created order (as far as the platform says; read it back for all). */
  void         (*create_purchase_async)  (DdClient *self, const DdPurchaseRequest *request,
                                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  DdOrder     *(*create_purchase_finish) (DdClient *self, GAsyncResult *result, GError **error);

  /* @id: the order id, or for PandaPon a sub-purchase-order id. */
  void         (*get_logistics_async)  (DdClient *self, const char *id,
                                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  DdLogistics *(*get_logistics_finish) (DdClient *self, GAsyncResult *result, GError **error);

  void         (*list_after_sales_async)  (DdClient *self, guint page, guint page_size,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  DdAfterSalePage *(*list_after_sales_finish) (DdClient *self, GAsyncResult *result, GError **error);

  void         (*cancel_after_sale_async)  (DdClient *self, const char *refund_id,
                                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean     (*cancel_after_sale_finish) (DdClient *self, GAsyncResult *result, GError **error);

  /* Server time in UTC ms (clock skew = server - local). */
  void         (*get_server_time_async)  (DdClient *self,
                                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gint64       (*get_server_time_finish) (DdClient *self, GAsyncResult *result, GError **error);
};

const char          *dd_client_get_platform       (DdClient *self);
guint                dd_client_get_max_page_size  (DdClient *self);
/* 0 when the slot is unset. */
DdClientCapabilities dd_client_get_capabilities   (DdClient *self);
/* {0, FALSE} when the slot is unset. */
void                 dd_client_get_listing        (DdClient *self, DdClientListing *listing);
/* An empty list (first entry's id NULL) when the slot is unset. */
const DdCancelReason*dd_client_get_cancel_reasons (DdClient *self);

/* Orders come back with account-id unset; the caller (sync) sets it.
 * modified_since_ms == 0 asks for a full listing (the platform's own
 * "all orders" call); otherwise an incremental one over the window, which the
 * caller keeps within get_listing()'s max_window_ms. */
void         dd_client_list_orders_async  (DdClient *self, const DdListQuery *query,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
DdOrderPage *dd_client_list_orders_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_get_order_async    (DdClient *self, const char *order_id,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
DdOrder     *dd_client_get_order_finish   (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_cancel_order_async (DdClient *self, const char *order_id, const char *reason_id,
                                           const char *remark,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean     dd_client_cancel_order_finish(DdClient *self, GAsyncResult *result, DdActionOutcome *outcome, GError **error);
void         dd_client_pay_order_async    (DdClient *self, const char *order_id,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean     dd_client_pay_order_finish   (DdClient *self, GAsyncResult *result, DdActionOutcome *outcome, GError **error);
void         dd_client_upload_voucher_async  (DdClient *self, const char *order_id, GBytes *image,
                                              const char *content_type, const char *filename,
                                              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean     dd_client_upload_voucher_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_get_pay_url_async  (DdClient *self, const char *order_id,
                                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
char        *dd_client_get_pay_url_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_render_purchase_async  (DdClient *self, const DdPurchaseRequest *request,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
DdPurchasePreview *dd_client_render_purchase_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_create_purchase_async  (DdClient *self, const DdPurchaseRequest *request,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
DdOrder     *dd_client_create_purchase_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_get_logistics_async    (DdClient *self, const char *id,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
DdLogistics *dd_client_get_logistics_finish   (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_list_after_sales_async (DdClient *self, guint page, guint page_size,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
DdAfterSalePage *dd_client_list_after_sales_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_cancel_after_sale_async  (DdClient *self, const char *refund_id,
                                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean     dd_client_cancel_after_sale_finish (DdClient *self, GAsyncResult *result, GError **error);
void         dd_client_get_server_time_async  (DdClient *self,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gint64       dd_client_get_server_time_finish (DdClient *self, GAsyncResult *result, GError **error);

G_END_DECLS
