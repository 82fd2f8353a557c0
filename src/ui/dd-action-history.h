/* dd-action-history.h: the writes sent for one order, in the detail pane;
 * and the window listing every write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-action-log.h"
#include "dd-cache.h"

G_BEGIN_DECLS

#define DD_TYPE_ACTION_HISTORY (dd_action_history_get_type ())
G_DECLARE_FINAL_TYPE (DdActionHistory, dd_action_history, DD, ACTION_HISTORY, GtkWidget)

/* A list of the action log's entries of one order, newest first: time,
 * action, state and result (dd_action_log_list()); hidden while the order
 * has none. */
GtkWidget *dd_action_history_new       (DdCache         *cache);
/* Shows the entries of @order_id of @account_id (NULLs: none), read again. */
void       dd_action_history_set_order (DdActionHistory *self,
                                        const char      *account_id,
                                        const char      *order_id);
/* Reads the entries again (after an action ended). */
void       dd_action_history_reload    (DdActionHistory *self);
/* The entries shown (at most 50), and whether a read is under way. */
guint      dd_action_history_get_n_entries (DdActionHistory *self);
gboolean   dd_action_history_is_loading    (DdActionHistory *self);

/* The "Action Log" window over @parent: every entry of @cache, newest
 * first, with the account's name (@account_names: account id → name,
 * nullable), and an Export… button writing dd_action_log_export_csv() to a
 * file chosen with GtkFileChooserNative. */
GtkWidget *dd_action_log_window_new    (GtkWindow       *parent,
                                        DdCache         *cache,
                                        GHashTable      *account_names);

#define DD_TYPE_ACTION_LOG_WINDOW (dd_action_log_window_get_type ())
G_DECLARE_FINAL_TYPE (DdActionLogWindow, dd_action_log_window, DD, ACTION_LOG_WINDOW, AdwWindow)

/* Reads every entry again. */
void                  dd_action_log_window_reload        (DdActionLogWindow *self);
/* Whether a read or an export is under way. */
gboolean              dd_action_log_window_is_busy       (DdActionLogWindow *self);
/* The entries listed, newest first; entry @position (NULL past the end). */
guint                 dd_action_log_window_get_n_entries (DdActionLogWindow *self);
const DdActionRecord *dd_action_log_window_get_entry     (DdActionLogWindow *self,
                                                          guint              position);
/* What Export… does once a file is chosen: writes the log to @file (a
 * temporary file beside it, renamed over it at the end) in a worker and
 * shows the result in a toast. FALSE when an export is already running. */
gboolean              dd_action_log_window_export        (DdActionLogWindow *self,
                                                          GFile             *file);

/* Writes dd_action_log_export_csv() (without a byte-order mark) of @cache
 * to @file in a worker thread: into a new hidden file beside it, renamed
 * over @file once complete; on failure or cancellation nothing is left
 * under either name (an older @file stays untouched). */
void                  dd_action_log_save_csv_async       (DdCache             *cache,
                                                          GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean              dd_action_log_save_csv_finish      (GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
