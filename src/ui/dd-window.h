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

G_END_DECLS
