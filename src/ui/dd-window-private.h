/* dd-window-private.h: what the window's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dd-account.h"
#include "dd-account-notice.h"
#include "dd-account-sidebar.h"
#include "dd-order-detail.h"
#include "dd-order-list.h"
#include "dd-sync-manager.h"
#include "dd-toast.h"
#include "dd-view-list.h"
#include "dd-window.h"

G_BEGIN_DECLS

struct _DdWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkButton            *sync_button;
  GtkStack             *sync_stack;
  GtkSpinner           *sync_spinner;
  GtkSearchEntry       *search_entry;
  AdwToastOverlay      *toast_overlay;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  GtkPaned             *sidebar_paned;
  GtkWidget            *sidebar_box;  /* the views above the accounts */
  DdViewList           *view_list;
  DdAccountSidebar     *sidebar;
  DdAccountNotice      *notice;
  GtkWidget            *add_account_button;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;
  AdwStatusPage        *sync_failed_page;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;      /* the list, and the detail beside it or instead */
  GtkWidget            *list_page;
  GtkWidget            *detail_page;
  GtkWidget            *back_button;  /* on the detail page while folded */
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *order_id_column;
  GtkColumnViewColumn  *created_column;
  GtkColumnViewColumn  *account_column;
  GtkColumnViewColumn  *buyer_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *flag_column;
  GtkColumnViewColumn  *total_column;
  GtkColumnViewColumn  *payment_column;
  GtkMultiSelection    *selection;
  DdOrderDetail        *detail;

  /* Construct-only */
  DdCache              *cache;        /* NULL when the cache failed to open */
  GListModel           *accounts;     /* (element-type DdAccount); never NULL after construction */
  DdSyncManager        *sync_manager; /* NULL without a cache */
  gboolean              sandbox;

  GHashTable           *account_names; /* account id → name, for the cells */
  GPtrArray            *watched;      /* (element-type DdAccount) whose notify we follow */
  DdOrderList          *orders;       /* owned; the lazy model over the cache */

  /* dd-window-sync.c: the round of syncs the manager runs (on demand or in
   * the background), as the window tells it. */
  GPtrArray            *sync_jobs;    /* (element-type DdSyncJob) the running ones */
  guint                 sync_n_done_orders; /* orders of the round's finished jobs */
  GPtrArray            *sync_failures; /* (element-type DdSyncFailure) of the last round */
  gboolean              in_round;
  gboolean              on_demand;    /* the round was asked for (win.sync) */
  gboolean              had_failures; /* the round before this one failed somewhere */
  AdwToast             *error_toast;  /* owned; the toast telling of the failures */

  /* The selected orders while the list changes under it: the shown one
   * (the cursor's) first. */
  gint64                reselect_row_id; /* 0: none */
  GArray               *reselect_others; /* (element-type gint64) the other selected ones */
  guint                 cursor_pending; /* dd_window_set_cursor()'s row to focus once made */
  guint                 cursor_idle;  /* its source id; 0: none */
  gboolean              cursor_force; /* focus it wherever the focus is then */
  gboolean              reselecting;
  gboolean              first_frame_done; /* DINGDAN_BENCH_FIRST_FRAME said it */
  gboolean              stack_settled; /* the list's first result is shown */

  GtkBox               *filter_box;   /* header bar: dd-window-filter.c's widgets */
  gpointer              filter;       /* dd-window-filter.c's state, owned there */
  gpointer              handoff;      /* dd-window-export.c's state, owned there */
  gpointer              reading;      /* dd-window-detail.c's state, owned there */
  gpointer              actions;      /* dd-window-actions.c's state, owned there */

  GSettings            *settings;     /* NULL when the schema is not installed */
  gboolean              keep_at_top;  /* rows are being inserted above a view at the top */

  /* The views' counts, counted in a worker thread after each refresh of
   * the list; one count at a time, requests meanwhile coalesced into one. */
  GCancellable         *count_cancellable; /* the running count's; NULL: none */
  gboolean              count_again;  /* asked for while one was running */

  /* dd-window-show.c: the order to select once the list has it (0: none). */
  gint64                show_row_id;
  gulong                show_refreshed_id;
};

/* The name of the account @account_id, or the id itself when the account
 * has no name or is not known (any more). Never NULL; "" for a NULL id. */
const char *dd_window_lookup_account_name  (DdWindow       *self,
                                            const char     *account_id);
DdAccount  *dd_window_lookup_account       (DdWindow       *self,
                                            const char     *account_id);

/* Which page the window shows, and whether win.sync can run. */
void        dd_window_update_stack         (DdWindow       *self);
void        dd_window_update_sync_action   (DdWindow       *self);
gboolean    dd_window_is_syncing           (DdWindow       *self);
/* Whether win.sync would sync @account: the shown ones that have a client. */
gboolean    dd_window_is_syncable          (DdWindow       *self,
                                            DdAccount      *account);
AdwToast   *dd_window_add_toast            (DdWindow       *self,
                                            const char     *title,
                                            const char     *button_label,
                                            const char     *action_name);

/* dd-window-cells.c: binds the order table's setup and bind handlers that
 * dd-window.ui names. */
void        dd_window_cells_bind_callbacks (GtkWidgetClass *widget_class);
/* The table's row widget at @position, or NULL when it is not realised
 * (GTK 4.8 tells no widget of a position). */
GtkWidget  *dd_window_cells_find_row       (DdWindow       *self,
                                            guint           position);

/* Counts the views' orders (off the main thread) for the sidebar's account. */
void        dd_window_count_views          (DdWindow       *self);

/* dd-window-selection.c: the multi-selection of the table and the order the
 * detail pane shows (the cursor's), kept across the list's changes. _init
 * follows the list (constructed, with a cache); _class_init binds the
 * template's selection-changed handler. */
void        dd_window_selection_init       (DdWindow       *self);
void        dd_window_selection_class_init (GtkWidgetClass *widget_class);

/* dd-window-keys.c: moving (j/k, win.cursor-down/-up), opening (Enter,
 * win.open-order), finding (Ctrl+F, typing in the list) and the narrow
 * layout's pages (win.back). */
void        dd_window_keys_init            (DdWindow       *self);
void        dd_window_keys_class_init      (GtkWidgetClass *widget_class);
/* Shows the order under the cursor: focuses the detail pane, or shows its
 * page when the window is narrow. */
void        dd_window_open_order           (DdWindow       *self);
/* The position of the order the detail pane shows, or G_MAXUINT. */
guint       dd_window_get_cursor           (DdWindow       *self);
/* The keyboard focus to the table's cursor row (after a dialog, a search). */
void        dd_window_focus_table          (DdWindow       *self);
/* Selects @position alone, shows it and moves the focus to its row. */
void        dd_window_set_cursor           (DdWindow       *self,
                                            guint           position);

/* dd-window-sync.c: follows the sync manager's signals (constructed), and
 * installs win.sync and win.show-sync-error (class_init). */
void        dd_window_sync_init            (DdWindow       *self);
void        dd_window_sync_class_init      (GtkWidgetClass *widget_class);

/* dd-window-marks.c: win.flag, win.approve, win.hold, win.hold-until and
 * win.note on the selected orders and their keys on the table (class_init;
 * init once constructed), and the detail pane's marks of the order it shows
 * (read again). */
void        dd_window_marks_init           (DdWindow       *self);
void        dd_window_marks_class_init     (GtkWidgetClass *widget_class);
void        dd_window_marks_update_detail  (DdWindow       *self);

/* The row ids (gint64) of the selected orders, in list order; NULL when
 * none is selected. What marks, export and print apply to. */
GArray     *dd_window_get_selected_row_ids (DdWindow       *self);

/* Runs the list's query again from the sidebar, view, search and the
 * filter's date range and sort (dd_window_filter_apply()). */
void        dd_window_update_query         (DdWindow       *self);

/* dd-window-filter.c: the date range and sort of the list, and saved
 * views. _apply() fills @query's date range and sort fields; the filter
 * calls dd_window_update_query() whenever they change. */
void        dd_window_filter_init          (DdWindow       *self);
void        dd_window_filter_class_init    (GtkWidgetClass *widget_class);
void        dd_window_filter_dispose       (DdWindow       *self);
void        dd_window_filter_apply         (DdWindow       *self,
                                            DdQuery        *query);
/* Drops the date range (an order to show is out of it); whether there
 * was one. */
gboolean    dd_window_filter_clear_range   (DdWindow       *self);

/* dd-window-export.c: win.export (CSV of the view or the selection) and
 * win.print (packing slips and pick list of the selection). */
void        dd_window_export_init          (DdWindow       *self);
void        dd_window_export_class_init    (GtkWidgetClass *widget_class);
void        dd_window_export_dispose       (DdWindow       *self);

/* dd-window-detail.c: win.reread (reads the shown order again from its
 * platform) and what the detail pane loads asynchronously. */
void        dd_window_detail_init          (DdWindow       *self);
void        dd_window_detail_class_init    (GtkWidgetClass *widget_class);
void        dd_window_detail_dispose       (DdWindow       *self);

/* dd-window-actions.c: win.cancel-order and win.pay-order on the order the
 * detail pane shows (enabled as the rules and the runner allow), and the
 * pane's history of the order's writes. */
void        dd_window_actions_init         (DdWindow       *self);
void        dd_window_actions_class_init   (GtkWidgetClass *widget_class);
void        dd_window_actions_dispose      (DdWindow       *self);

G_END_DECLS
