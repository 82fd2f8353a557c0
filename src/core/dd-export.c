/* dd-export.c: orders to CSV, streamed, cancellable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file: UTF-8 (optionally after a byte-order mark), RFC 4180 quoting,
 * CRLF line ends, one header row, then one row per order.
 *
 * The header row is TRANSLATED. The export is what a person asks for from the
 * window to open in a spreadsheet, and its other cells are already written
 * for people (the status is the translated label, times are in the user's
 * zone), so the header speaks the same language as the cells below it. Tools
 * that re-import orders have a stable format already: `dingdan-cli orders
 * --format csv|json`, whose column names and status nicks never change.
 *
 * Memory: the worker holds one order and at most one write buffer
 * (BUFFER_SIZE) at a time, whatever the number of rows; the row ids (8 bytes
 * each) are the only thing that grows with the export.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-export.h"

#define BUFFER_SIZE          (64 * 1024)
#define PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)
/* Rows between two looks at the clock and the cancellable. */
#define BATCH_ROWS           64

/* ---- the CSV writer ------------------------------------------------------------ */

/* A number as the columns write them ("-12.50", "+3"): kept as it is. */
static gboolean
is_number (const char *field)
{
  const char *p = field;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  for (; g_ascii_isdigit (*p) || (*p == '.' && digits); p++)
    digits = TRUE;
  return digits && *p == '\0';
}

/* A control character that a terminal or a spreadsheet could act on:
 * C0 but tab and line ends, DEL, C1 (U+0080–U+009F: CSI among them). */
static gboolean
is_hostile_control (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
         (c >= 0x7f && c <= 0x9f);
}

void
dd_csv_append_field (GString    *out,
                     const char *field)
{
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;

  quote = strpbrk (field, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');

  /* A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM(…)",
   * "+1", "-1", or one starting with a tab or CR) starts with a quote mark
   * instead, the usual rule (OWASP's "CSV injection"); plain numbers stay. */
  if (strchr ("=+-@\t\r", field[0]) != NULL && field[0] != '\0' && !is_number (field))
    g_string_append_c (out, '\'');

  for (const char *p = field; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8 (the cache's text is; a last resort): one byte. */
          g_string_append (out, "\xef\xbf\xbd");
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (is_hostile_control (c))
        {
          /* Never a raw ESC or BEL to a terminal or a spreadsheet. */
          g_string_append (out, "\xef\xbf\xbd");
          continue;
        }
      if (c == '"')
        g_string_append_c (out, '"');
      g_string_append_unichar (out, c);
    }

  if (quote)
    g_string_append_c (out, '"');
}

void
dd_csv_append_row (GString            *out,
                   const char * const *fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      dd_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* ---- the columns ------------------------------------------------------------- */

GStrv
dd_export_csv_header (void)
{
  const char * const header[] = {
    /* Translators: the column titles of the CSV export, read in spreadsheets. */
    _("Account"),
    _("Platform"),
    _("Order ID"),
    /* Translators: a CSV column: the order's status (unpaid, shipped…). */
    _("Status"),
    /* Translators: a CSV column: the date and time the order was created. */
    _("Created"),
    /* Translators: a CSV column: the date and time the order was paid. */
    _("Paid"),
    /* Translators: a CSV column: the date and time the order last changed. */
    _("Modified"),
    _("Buyer"),
    /* Translators: a CSV column: the amount the buyer pays for the order. */
    _("Total"),
    _("Currency"),
    _("Shipping fee"),
    _("Payment channel"),
    _("Cash on delivery"),
    _("Receiver"),
    _("Phone"),
    _("Country"),
    /* Translators: a CSV column: the state or province of the address. */
    _("State/province"),
    _("City"),
    /* Translators: a CSV column: the district (區, 区) of the address. */
    _("District"),
    /* Translators: a CSV column: the street address, without city and state. */
    _("Address"),
    _("Zip code"),
    /* Translators: a CSV column: the goods of the order, listed in one cell. */
    _("Items"),
    _("Tracking numbers"),
    NULL
  };

  return g_strdupv ((char **) header);
}

/* "2020-06-24T16:54:03+08:00" in @zone, or NULL for NULL. */
static char *
format_time (GDateTime *time,
             GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_timezone (time, zone);
  return local != NULL ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
}

static char *
format_money (const DdMoney *money)
{
  return money != NULL ? dd_money_to_decimal (money) : NULL;
}

char *
dd_export_format_items (DdOrder *order)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < dd_order_get_n_lines (order); i++)
    {
      DdOrderLine *line = dd_order_get_line (order, i);
      const char *title = dd_order_line_get_title (line);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s × %u", title != NULL ? title : "",
                              dd_order_line_get_quantity (line));
    }
  return g_string_free (text, FALSE);
}

/* Every tracking number of every line's shipments, once, in served order. */
static char *
format_tracking (DdOrder *order)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < dd_order_get_n_lines (order); i++)
    {
      DdOrderLine *line = dd_order_get_line (order, i);

      for (guint j = 0; j < dd_order_line_get_n_shipments (line); j++)
        {
          const char *number = dd_order_line_get_shipment (line, j)->tracking_number;

          if (number == NULL || *number == '\0' ||
              g_ptr_array_find_with_equal_func (seen, number, g_str_equal, NULL))
            continue;
          g_ptr_array_add (seen, (gpointer) number);
          if (text->len > 0)
            g_string_append (text, "; ");
          g_string_append (text, number);
        }
    }
  return g_string_free (text, FALSE);
}

GStrv
dd_export_order_fields (DdOrder   *order,
                        GTimeZone *zone)
{
  const DdDeliveryInfo *delivery;
  const DdMoney *total;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (DD_IS_ORDER (order), NULL);

  if (zone == NULL)
    zone = local = g_time_zone_new_local ();
  delivery = dd_order_get_delivery (order);
  total = dd_order_get_total (order);
  builder = g_strv_builder_new ();

#define ADD(str) G_STMT_START { const char *s_ = (str); g_strv_builder_add (builder, s_ != NULL ? s_ : ""); } G_STMT_END
#define ADD_TAKE(expr) G_STMT_START { char *t_ = (expr); ADD (t_); g_free (t_); } G_STMT_END
#define ADD_DELIVERY(member) ADD (delivery != NULL ? delivery->member : NULL)
  ADD (dd_order_get_account_id (order));
  ADD (dd_order_get_platform (order));
  ADD (dd_order_get_order_id (order));
  ADD (dd_order_status_get_label (dd_order_get_status (order)));
  ADD_TAKE (format_time (dd_order_get_created (order), zone));
  ADD_TAKE (format_time (dd_order_get_paid (order), zone));
  ADD_TAKE (format_time (dd_order_get_modified (order), zone));
  ADD (dd_order_get_buyer_name (order));
  ADD_TAKE (format_money (total));
  ADD (total != NULL ? total->currency : NULL);
  ADD_TAKE (format_money (dd_order_get_shipping_fee (order)));
  ADD (dd_order_get_payment_channel (order));
  /* Translators: the "Cash on delivery" cell of the CSV export. */
  ADD (dd_order_is_cash_on_delivery (order) ? _("Yes") : _("No"));
  ADD_DELIVERY (receiver_name);
  ADD_DELIVERY (receiver_phone);
  ADD_DELIVERY (country_code);
  ADD_DELIVERY (state);
  ADD_DELIVERY (city);
  ADD_DELIVERY (area);
  ADD_DELIVERY (detail_address);
  ADD_DELIVERY (zip);
  ADD_TAKE (dd_export_format_items (order));
  ADD_TAKE (format_tracking (order));
#undef ADD_DELIVERY
#undef ADD_TAKE
#undef ADD

  return g_strv_builder_end (builder);
}

/* ---- progress, on the caller's context ------------------------------------------ */

typedef struct
{
  gatomicrefcount       ref;
  GMainContext         *context;
  DdExportProgressFunc  func;
  gpointer              data;
  GDestroyNotify        data_free;
  gint                  finished;  /* atomic: the export returned; report no more */
  GMutex                lock;
  guint64               written;   /* under lock */
  guint64               total;     /* under lock */
  gboolean              pending;   /* under lock: a report is queued */
  gint64                last_us;   /* worker only */
} Progress;

static Progress *
progress_new (GMainContext         *context,
              DdExportProgressFunc  func,
              gpointer              data,
              GDestroyNotify        data_free,
              guint64               total)
{
  Progress *progress = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&progress->ref);
  g_mutex_init (&progress->lock);
  progress->context = g_main_context_ref (context);
  progress->func = func;
  progress->data = data;
  progress->data_free = data_free;
  progress->total = total;
  progress->last_us = g_get_monotonic_time () - PROGRESS_INTERVAL_US;
  return progress;
}

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref);
  return progress;
}

static void
progress_unref (gpointer data)
{
  Progress *progress = data;

  if (!g_atomic_ref_count_dec (&progress->ref))
    return;
  if (progress->data_free != NULL)
    progress->data_free (progress->data);
  g_main_context_unref (progress->context);
  g_mutex_clear (&progress->lock);
  g_free (progress);
}

static gboolean
progress_dispatch (gpointer data)
{
  Progress *progress = data;
  guint64 written, total;

  /* Read and clear at once: a row counted after this queues anew. */
  g_mutex_lock (&progress->lock);
  progress->pending = FALSE;
  written = progress->written;
  total = progress->total;
  g_mutex_unlock (&progress->lock);

  if (!g_atomic_int_get (&progress->finished))
    progress->func (written, total, progress->data);
  return G_SOURCE_REMOVE;
}

/* Counts @n_written (out of @n_total) and, at most every
 * PROGRESS_INTERVAL_US (or now when @force), queues a report unless one is
 * queued already (it will read the latest count). High priority: reports
 * queued before the task's return (default priority) run before it. */
static void
progress_update (Progress *progress,
                 guint64   n_written,
                 guint64   n_total,
                 gboolean  force)
{
  gint64 now;
  gboolean queue = FALSE;

  if (progress == NULL)
    return;
  now = g_get_monotonic_time ();
  g_mutex_lock (&progress->lock);
  progress->written = n_written;
  progress->total = n_total;
  if ((force || now - progress->last_us >= PROGRESS_INTERVAL_US) && !progress->pending)
    {
      progress->pending = queue = TRUE;
      progress->last_us = now;
    }
  g_mutex_unlock (&progress->lock);

  /* Always through a source: g_main_context_invoke () would call it right
   * here, in the worker, whenever the caller's context is not running. */
  if (queue)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_HIGH);
      g_source_set_callback (source, progress_dispatch, progress_ref (progress), progress_unref);
      g_source_set_static_name (source, "[dingdan] export progress");
      g_source_attach (source, progress->context);
      g_source_unref (source);
    }
}

/* ---- the worker ------------------------------------------------------------------ */

typedef struct
{
  DdCache       *cache;
  GArray        *row_ids;   /* NULL until the query ran, with has_query */
  gboolean       has_query;
  DdQuery        query;     /* its strings are the two below */
  char          *query_account_id;
  char          *query_search;
  GHashTable    *account_names; /* account id → name, or NULL */
  gulong         row_delay_us;  /* DINGDAN_EXPORT_ROW_DELAY_US, for tests */
  GOutputStream *out;
  DdExportFlags  flags;
  GTimeZone     *zone;
  Progress      *progress;  /* NULL: no reports */
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_clear_object (&export->cache);
  g_clear_pointer (&export->row_ids, g_array_unref);
  g_clear_pointer (&export->query_account_id, g_free);
  g_clear_pointer (&export->query_search, g_free);
  g_clear_pointer (&export->account_names, g_hash_table_unref);
  g_clear_object (&export->out);
  g_clear_pointer (&export->zone, g_time_zone_unref);
  if (export->progress != NULL)
    {
      g_atomic_int_set (&export->progress->finished, 1);
      progress_unref (export->progress);
    }
  g_free (export);
}

static void
set_cancelled (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled."));
}

/* Takes @write_error (the stream's) into @error, in a sentence. */
static void
set_write_error (GError **error,
                 GError  *write_error)
{
  if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_cancelled (error);
  else
    g_set_error (error, write_error->domain, write_error->code,
                 /* Translators: the CSV export failed to write; %s says why (“No
                  * space left on device”). */
                 _("Could not write the exported orders: %s"), write_error->message);
  g_error_free (write_error);
}

/* Writes @buffer out whole and empties it. */
static gboolean
flush_buffer (GOutputStream  *out,
              GString        *buffer,
              GCancellable   *cancellable,
              GError        **error)
{
  GError *write_error = NULL;

  if (buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (out, buffer->str, buffer->len, NULL, cancellable, &write_error))
    {
      set_write_error (error, write_error);
      return FALSE;
    }
  g_string_truncate (buffer, 0);
  return TRUE;
}

static gint64
export_run (Export        *export,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (BUFFER_SIZE + 4096);
  g_auto(GStrv) header = dd_export_csv_header ();
  guint64 n_written = 0;

  if (export->has_query && export->row_ids == NULL)
    {
      export->row_ids = dd_cache_query_row_ids (export->cache, &export->query, error);
      if (export->row_ids == NULL)
        return -1;
    }

  if (export->flags & DD_EXPORT_BOM)
    g_string_append (buffer, "\xEF\xBB\xBF");
  dd_csv_append_row (buffer, (const char * const *) header);

  for (guint i = 0; i < export->row_ids->len; i++)
    {
      g_autoptr(DdOrder) order = NULL;
      g_autoptr(GError) load_error = NULL;
      g_auto(GStrv) fields = NULL;

      if (i % BATCH_ROWS == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              set_cancelled (error);
              return -1;
            }
          progress_update (export->progress, n_written, export->row_ids->len - i + n_written, FALSE);
        }

      order = dd_cache_load_order (export->cache, g_array_index (export->row_ids, gint64, i),
                                   &load_error);
      if (order == NULL)
        {
          /* Gone since the view was read (its account removed): skip it. */
          if (g_error_matches (load_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&load_error));
          return -1;
        }
      fields = dd_export_order_fields (order, export->zone);
      if (export->account_names != NULL)
        {
          const char *name = g_hash_table_lookup (export->account_names, fields[0]);

          if (name != NULL && *name != '\0')
            {
              g_free (fields[0]);
              fields[0] = g_strdup (name);
            }
        }
      if (export->row_delay_us > 0)
        g_usleep (export->row_delay_us);
      dd_csv_append_row (buffer, (const char * const *) fields);
      n_written++;

      if (buffer->len >= BUFFER_SIZE && !flush_buffer (export->out, buffer, cancellable, error))
        return -1;
    }

  if (!flush_buffer (export->out, buffer, cancellable, error))
    return -1;
  {
    GError *write_error = NULL;

    if (!g_output_stream_flush (export->out, cancellable, &write_error))
      {
        set_write_error (error, write_error);
        return -1;
      }
  }

  /* Skipped rows (gone from the cache) lower the total: the end is reached. */
  progress_update (export->progress, n_written, n_written, TRUE);
  return (gint64) n_written;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  gint64 n_rows = export_run (task_data, cancellable, &error);

  if (n_rows < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, (gssize) n_rows);
}

static Export *
export_new (DdCache       *cache,
            GArray        *row_ids,
            GOutputStream *out,
            DdExportFlags  flags)
{
  Export *export = g_new0 (Export, 1);

  export->cache = g_object_ref (cache);
  if (row_ids != NULL)
    {
      export->row_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), row_ids->len);
      g_array_append_vals (export->row_ids, row_ids->data, row_ids->len);
    }
  export->out = g_object_ref (out);
  export->flags = flags;
  export->zone = g_time_zone_new_local ();
  return export;
}

void
dd_export_csv_async (DdCache              *cache,
                     GArray               *row_ids,
                     GOutputStream        *out,
                     DdExportFlags         flags,
                     GCancellable         *cancellable,
                     DdExportProgressFunc  progress,
                     gpointer              progress_data,
                     GDestroyNotify        progress_data_free,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (DD_IS_CACHE (cache));
  g_return_if_fail (row_ids != NULL && g_array_get_element_size (row_ids) == sizeof (gint64));
  g_return_if_fail (G_IS_OUTPUT_STREAM (out));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export = export_new (cache, row_ids, out, flags);
  if (progress != NULL)
    {
      g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

      export->progress = progress_new (context, progress, progress_data, progress_data_free,
                                       row_ids->len);
    }
  else if (progress_data_free != NULL)
    progress_data_free (progress_data);

  task = g_task_new (cache, cancellable, callback, user_data);
  g_task_set_source_tag (task, dd_export_csv_async);
  g_task_set_task_data (task, export, export_free);
  /* Cancellation is reported by the worker, with its own message. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

/* A copy of @names (account id → name). */
static GHashTable *
copy_names (GHashTable *names)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

void
dd_export_csv_full_async (DdCache              *cache,
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
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *delay;
  Export *export;

  g_return_if_fail (DD_IS_CACHE (cache));
  g_return_if_fail (query != NULL || row_ids != NULL);
  g_return_if_fail (row_ids == NULL || g_array_get_element_size (row_ids) == sizeof (gint64));
  g_return_if_fail (G_IS_OUTPUT_STREAM (out));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export = export_new (cache, row_ids, out, flags);
  if (row_ids == NULL)
    {
      export->has_query = TRUE;
      export->query = *query;
      export->query_account_id = g_strdup (query->account_id);
      export->query_search = g_strdup (query->search);
      export->query.account_id = export->query_account_id;
      export->query.search = export->query_search;
    }
  if (account_names != NULL)
    export->account_names = copy_names (account_names);
  delay = g_getenv ("DINGDAN_EXPORT_ROW_DELAY_US");
  if (delay != NULL)
    export->row_delay_us = (gulong) g_ascii_strtoull (delay, NULL, 10);

  if (progress != NULL)
    {
      g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

      /* The query's total is known once it ran: 0 until then. */
      export->progress = progress_new (context, progress, progress_data, progress_data_free,
                                       row_ids != NULL ? row_ids->len : 0);
    }
  else if (progress_data_free != NULL)
    progress_data_free (progress_data);

  task = g_task_new (cache, cancellable, callback, user_data);
  /* dd_export_csv_finish() finishes both. */
  g_task_set_source_tag (task, dd_export_csv_async);
  g_task_set_task_data (task, export, export_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gint64
dd_export_csv_finish (GAsyncResult  *result,
                      GError       **error)
{
  gssize n_rows;

  g_return_val_if_fail (G_IS_TASK (result), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dd_export_csv_async, -1);

  n_rows = g_task_propagate_int (G_TASK (result), error);
  /* Nothing reported after the caller learnt the end. */
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    {
      Export *export = g_task_get_task_data (G_TASK (result));

      if (export->progress != NULL)
        g_atomic_int_set (&export->progress->finished, 1);
    }
  return n_rows;
}

gint64
dd_export_csv (DdCache        *cache,
               GArray         *row_ids,
               GOutputStream  *out,
               DdExportFlags   flags,
               GCancellable   *cancellable,
               GError        **error)
{
  Export *export;
  gint64 n_rows;

  g_return_val_if_fail (DD_IS_CACHE (cache), -1);
  g_return_val_if_fail (row_ids != NULL && g_array_get_element_size (row_ids) == sizeof (gint64), -1);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  export = export_new (cache, row_ids, out, flags);
  n_rows = export_run (export, cancellable, error);
  export_free (export);
  return n_rows;
}
