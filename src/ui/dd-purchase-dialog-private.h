/* dd-purchase-dialog-private.h: the purchase dialog's parts, shared by
 * dd-purchase-dialog.c (the dialog, preview and run) and
 * dd-purchase-form.c (the form and its checks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-account.h"
#include "dd-purchase-dialog.h"

G_BEGIN_DECLS

/* The receiver's fields, in the form's order. */
typedef enum
{
  DD_RECEIVER_NAME,
  DD_RECEIVER_PHONE,
  DD_RECEIVER_COUNTRY,
  DD_RECEIVER_STATE,
  DD_RECEIVER_CITY,
  DD_RECEIVER_AREA,
  DD_RECEIVER_DETAIL,
  DD_RECEIVER_ZIP,
  DD_RECEIVER_N_FIELDS
} DdReceiverField;

/* One line of the form; its widgets belong to @box. */
typedef struct
{
  GtkWidget *box;
  GtkWidget *item;      /* GtkEntry "item-id-entry" */
  GtkWidget *sku;       /* GtkEntry "sku-id-entry" */
  GtkWidget *quantity;  /* GtkEntry "quantity-entry" */
  GtkWidget *price;     /* GtkEntry "price-entry" */
  GtkWidget *remove;    /* GtkButton "remove-line-button" */
  GtkWidget *error;     /* GtkLabel "line-error" */
} DdPurchaseLineRow;

struct _DdPurchaseDialog
{
  AdwWindow          parent_instance;

  DdActionRunner    *runner;
  GPtrArray         *accounts;        /* (element-type DdAccount) the capable ones, as offered */
  char              *key;
  GCancellable      *cancellable;     /* the preview's; cancelled on dispose */

  GtkWidget         *form;
  GtkWidget         *account_row;     /* AdwComboRow "account-row" */
  GtkWidget         *source_row;      /* AdwComboRow "source-row" */
  GtkWidget         *lines_box;
  GPtrArray         *lines;           /* (element-type DdPurchaseLineRow) */
  GtkWidget         *add_line_button;
  GtkWidget         *receiver[DD_RECEIVER_N_FIELDS];
  GtkWidget         *receiver_error[DD_RECEIVER_N_FIELDS];
  GtkWidget         *remark;
  GtkWidget         *amount_label;
  GtkWidget         *preview_button;
  GtkWidget         *preview_label;
  GtkWidget         *key_label;
  GtkWidget         *result_heading;  /* "Purchase Order Created" …, once a run ended */
  GtkWidget         *spinner;
  GtkWidget         *status_label;
  GtkWidget         *close_button;
  GtkWidget         *retry_button;
  GtkWidget         *create_button;
  GtkWidget         *offline_label;   /* "offline-label": the account has no client */
  GtkWidget         *unfinished_box;  /* "unfinished-box": an earlier order's outcome is unknown */
  GtkWidget         *unfinished_label;
  GtkWidget         *check_again_button; /* "check-again-button" */
  GtkWidget         *open_log_button; /* "open-log-button" */
  DdActionRecord    *unfinished;      /* the earlier entry shown; NULL */

  DdPurchaseRequest *sent;            /* what Create sent: Try Again sends it again */
  DdAccount         *sent_account;
  DdPurchasePreview *preview;

  guint              previewing : 1;
  guint              running : 1;
  guint              settled : 1;     /* a run ended: the form is frozen */
  guint              can_retry : 1;
  guint              disposed : 1;
};

/* dd-purchase-form.c */
void        dd_purchase_dialog_build_form      (DdPurchaseDialog *self,
                                                GtkBox           *content);
DdAccount  *dd_purchase_dialog_get_account     (DdPurchaseDialog *self);
DdPurchaseSource dd_purchase_dialog_get_source (DdPurchaseDialog *self);
/* The form changed: the preview is dropped, the amount shown again. */
void        dd_purchase_dialog_form_changed    (DdPurchaseDialog *self);
void        dd_purchase_dialog_clear_errors    (DdPurchaseDialog *self);

/* dd-purchase-unfinished.c */
GtkWidget  *dd_purchase_dialog_build_unfinished (DdPurchaseDialog *self);
/* An action log entry's purchase order, rebuilt from its params with its
 * key: NULL unless the params hold all of it (lines, total, the receiver's
 * name, phone, city and street) and it has a key. Never a partial order. */
DdPurchaseRequest *dd_purchase_dialog_request_from_record (const DdActionRecord *record);
gboolean    dd_purchase_dialog_record_is_1688  (const DdActionRecord *record);

/* dd-purchase-dialog.c */
void        dd_purchase_dialog_update          (DdPurchaseDialog *self);
void        dd_purchase_dialog_set_status      (DdPurchaseDialog *self,
                                                gboolean          spinning,
                                                const char       *text);
/* Create, Try Again, Check Again: runs self->sent (built from the form
 * first when NULL) once; nothing while busy or settled without a retry. */
void        dd_purchase_dialog_run             (DdPurchaseDialog *self);

G_END_DECLS
