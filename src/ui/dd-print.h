/* dd-print.h: packing slips and a pick list of orders, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-order.h"

G_BEGIN_DECLS

#define DD_TYPE_PRINT_DOCUMENT (dd_print_document_get_type ())
G_DECLARE_FINAL_TYPE (DdPrintDocument, dd_print_document, DD, PRINT_DOCUMENT, GObject)

/* What is printed for some orders: a packing slip per order, each from a
 * new page (shop, order number, date, the receiver as served, masked; the
 * lines with their title, SKU properties and quantity; no prices: the slip
 * goes into the parcel), then a pick list: every line of those orders
 * summed by product and SKU, sorted by title, with the total quantity.
 * Laid out with Pango, so CJK text is shaped as any other; long lists
 * break across pages, repeating their column heads. */
DdPrintDocument *dd_print_document_new          (void) G_GNUC_WARN_UNUSED_RESULT;
/* Adds @order (holds a reference) of the shop called @account_name. */
void             dd_print_document_add_order    (DdPrintDocument *self,
                                                 DdOrder         *order,
                                                 const char      *account_name);
guint            dd_print_document_get_n_orders (DdPrintDocument *self);

/* The pick list, in printed order: @title, @sku ("色系: 黑色"; "" when
 * none) and the summed @quantity of row @index. */
guint            dd_print_document_get_n_picks  (DdPrintDocument *self);
void             dd_print_document_get_pick     (DdPrintDocument *self,
                                                 guint            index,
                                                 const char     **title,
                                                 const char     **sku,
                                                 guint           *quantity);

/* Lays the document out on pages of @width × @height (the printable area,
 * in the units of @context's cairo target) and returns the number of
 * pages (at least 1). */
guint            dd_print_document_paginate     (DdPrintDocument *self,
                                                 PangoContext    *context,
                                                 double           width,
                                                 double           height);
/* Draws page @page_nr (0-based) of the last pagination on @cr, whose
 * origin is the printable area's top left corner. */
void             dd_print_document_draw_page    (DdPrintDocument *self,
                                                 cairo_t         *cr,
                                                 guint            page_nr);

/* Where the last print settings and page setup are kept:
 * $XDG_STATE_HOME/dingdan/print-settings.ini. New string. */
char            *dd_print_settings_path         (void) G_GNUC_WARN_UNUSED_RESULT;

/* Called once the print dialog closed: @error is NULL when the document
 * was printed or the dialog cancelled (@printed says which). */
typedef void (*DdPrintDoneFunc) (gboolean      printed,
                                 const GError *error,
                                 gpointer      user_data);

/* Shows the print dialog for @self over @parent (with the settings and
 * page setup of the last print, kept again when it prints), and prints
 * (to a printer, or to a PDF file through "Print to File"). */
void             dd_print_document_run          (DdPrintDocument *self,
                                                 GtkWindow       *parent,
                                                 DdPrintDoneFunc  done,
                                                 gpointer         user_data);

G_END_DECLS
