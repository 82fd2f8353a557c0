/* dd-export.h: orders to CSV, streamed, cancellable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-cache.h"
#include "dd-order.h"

G_BEGIN_DECLS

typedef enum
{
  DD_EXPORT_NONE = 0,
  DD_EXPORT_BOM  = 1 << 0, /* start with a UTF-8 byte-order mark (EF BB BF), which
                            * spreadsheet programs need to read the file as UTF-8 */
} DdExportFlags;

/* Rows written so far out of @n_total. Called on the thread-default main
 * context of the caller of dd_export_csv_async(), at most about ten times a
 * second, always last with @n_written == @n_total when the export succeeds,
 * and never after its GAsyncReadyCallback. */
typedef void (*DdExportProgressFunc) (guint64  n_written,
                                      guint64  n_total,
                                      gpointer user_data);

/* ---- the CSV writer (RFC 4180), shared with dingdan-cli ---- */

/* Appends @field (UTF-8; NULL is ""): as it is, or between double quotes
 * with its quotes doubled when it holds a comma, a quote, CR or LF. A cell
 * starting with = + - @ TAB or CR (a spreadsheet formula) gets a leading
 * "'", unless it is a plain number ("-12.50"); control characters other
 * than TAB, CR and LF (ESC, NUL, C1) and bytes that are not UTF-8 become
 * U+FFFD. */
void       dd_csv_append_field   (GString            *out,
                                  const char         *field);
/* Appends @fields (NULL-terminated), comma-separated, and CRLF. */
void       dd_csv_append_row     (GString            *out,
                                  const char * const *fields);

/* ---- the export ---- */

/* The export's column titles, translated (see dd-export.c for why), in the
 * order of dd_export_order_fields(). NULL-terminated, new strings. */
GStrv      dd_export_csv_header  (void) G_GNUC_WARN_UNUSED_RESULT;

/* The export's fields of @order: account, platform, order id, status
 * (translated label), created, paid, modified (ISO 8601 in @zone, with its
 * offset, e.g. 2020-06-24T16:54:03+08:00; NULL @zone: the local zone),
 * buyer, total, currency, shipping fee (plain decimals), payment channel,
 * cash on delivery, receiver name, phone, country, state/province, city,
 * district, detail address, zip (as served, masked values kept), items
 * ("title × qty; …"), tracking numbers ("a; b"). New strings. */
/* The order's lines as one cell: "親膚棉白T × 2; 保溫杯 × 1". */
char      *dd_export_format_items (DdOrder          *order) G_GNUC_WARN_UNUSED_RESULT;
GStrv      dd_export_order_fields (DdOrder           *order,
                                   GTimeZone         *zone) G_GNUC_WARN_UNUSED_RESULT;

/* Writes the orders of @row_ids (gint64 cache row ids, in this order: the
 * current view or the selection) as CSV to @out, in a worker thread: a
 * header row, then one row per order, loaded from @cache in batches and
 * written through a buffer, so memory stays the same for any number of rows.
 * Rows whose order left the cache since are skipped. @out is flushed, not
 * closed. @row_ids is copied. Times are in the local zone. */
void       dd_export_csv_async   (DdCache              *cache,
                                  GArray               *row_ids,
                                  GOutputStream        *out,
                                  DdExportFlags         flags,
                                  GCancellable         *cancellable,
                                  DdExportProgressFunc  progress,
                                  gpointer              progress_data,
                                  GDestroyNotify        progress_data_free,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
/* The number of order rows written, or -1 with a translated @error:
 * G_IO_ERROR_CANCELLED when cancelled; a write failure keeps the stream's
 * domain and code (G_IO_ERROR_NO_SPACE …) in a sentence. */
gint64     dd_export_csv_finish  (GAsyncResult         *result,
                                  GError              **error);

/* As dd_export_csv_async(), for the window: the rows are those of @query
 * (copied; run in the worker, so a million-row view costs the main thread
 * nothing) when @row_ids is NULL, else those of @row_ids; the Account
 * column says the name @account_names maps each account id to (copied;
 * NULL, or an id it does not know: the id). Finish with
 * dd_export_csv_finish().
 *
 * For tests, DINGDAN_EXPORT_ROW_DELAY_US in the environment slows the worker
 * down by that many microseconds per row (so that a test can cancel it). */
void       dd_export_csv_full_async (DdCache              *cache,
                                     const DdQuery        *query,
                                     GArray               *row_ids,
                                     GHashTable           *account_names,
                                     GOutputStream        *out,
                                     DdExportFlags         flags,
                                     GCancellable         *cancellable,
                                     DdExportProgressFunc  progress,
                                     gpointer              progress_data,
                                     GDestroyNotify        progress_data_free,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);

/* The same, synchronously (for dingdan-cli). */
gint64     dd_export_csv         (DdCache              *cache,
                                  GArray               *row_ids,
                                  GOutputStream        *out,
                                  DdExportFlags         flags,
                                  GCancellable         *cancellable,
                                  GError              **error);

G_END_DECLS
