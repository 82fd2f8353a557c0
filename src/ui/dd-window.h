/* dd-window.h: the main window: the order list and the selected order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "dd-application.h"

G_BEGIN_DECLS

#define DD_TYPE_WINDOW (dd_window_get_type ())
G_DECLARE_FINAL_TYPE (DdWindow, dd_window, DD, WINDOW, AdwApplicationWindow)

/* A window over @app's cache and accounts: it lists the orders of every
 * account, newest first. */
DdWindow *dd_window_new  (DdApplication *app) G_GNUC_WARN_UNUSED_RESULT;

/* Starts a sync of every account that has a client, all at once (same as
 * activating win.sync); does nothing while a sync runs or without accounts. */
void      dd_window_sync (DdWindow      *self);

/* dd-window-show.c: selects the order in row @row_id and shows it in the
 * detail pane (a notification's action). When the list does not have it,
 * the list first shows every order of every account (the All view, no
 * search), then selects it once that result has arrived. */
void      dd_window_show_order        (DdWindow      *self,
                                       gint64         row_id);
/* Shows the "Needs review" view of every account (the summary
 * notification's action). */
void      dd_window_show_needs_review (DdWindow      *self);

G_END_DECLS
