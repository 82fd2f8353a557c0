/* dd-pay-dialog-private.h: the pay dialog's parts, shared by
 * dd-pay-dialog.c (the dialog, running) and dd-pay-voucher.c (the voucher)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-pay-dialog.h"

G_BEGIN_DECLS

struct _DdPayDialog
{
  AdwWindow       parent_instance;

  DdActionRunner *runner;
  DdClient       *client;
  DdOrder        *order;

  GtkWidget      *amount_label;
  GtkWidget      *order_label;
  GtkWidget      *methods_box;
  GtkWidget      *first_method;
  GtkWidget      *balance_check;   /* NULL when not offered */
  GtkWidget      *voucher_check;   /* NULL when not offered */
  GtkWidget      *url_check;       /* NULL when not offered */
  GtkWidget      *voucher_box;
  GtkWidget      *choose_button;
  GtkWidget      *preview;         /* GtkPicture */
  GtkWidget      *voucher_label;   /* the chosen file's name */
  GtkWidget      *voucher_error;
  GtkWidget      *spinner;
  GtkWidget      *status_label;
  GtkWidget      *url_label;       /* the payment page's address, while waiting */
  GtkWidget      *close_button;
  GtkWidget      *retry_button;
  GtkWidget      *pay_button;

  GtkFileChooserNative *chooser;
  GCancellable   *voucher_cancellable;
  GBytes         *voucher;         /* checked; NULL until one is */
  char           *voucher_type;
  char           *voucher_name;

  DdMoney         shown_total;     /* the amount on the button: what a click pays;
                                    * currency "" when unknown (nothing offered) */
  DdAction        method;          /* of the last run */
  GCancellable   *wait_cancellable;
  guint           wait_source;
  gint64          wait_start_ms;
  guint           wait_delay_ms;

  guint           loading : 1;     /* a voucher loads */
  guint           running : 1;     /* the runner has not answered yet */
  guint           waiting : 1;     /* for a payment in the browser */
  guint           settled : 1;     /* paid, or can no longer be paid here */
  guint           can_retry : 1;
  guint           close_when_done : 1;
  guint           disposed : 1;
};

void dd_pay_dialog_update         (DdPayDialog *self);
void dd_pay_dialog_set_busy       (DdPayDialog *self,
                                   gboolean     loading,
                                   gboolean     running,
                                   gboolean     waiting);
void dd_pay_dialog_set_status     (DdPayDialog *self,
                                   gboolean     spinning,
                                   const char  *text);

/* dd-pay-voucher.c: the voucher's part of the dialog, under @content. */
void dd_pay_dialog_build_voucher  (DdPayDialog *self,
                                   GtkBox      *content);

G_END_DECLS
