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

/* A window over @app's cache, client and account. */
DdWindow *dd_window_new  (DdApplication *app) G_GNUC_WARN_UNUSED_RESULT;

/* Starts a sync of the window's account (same as activating win.sync);
 * does nothing while one runs or without an account. */
void      dd_window_sync (DdWindow      *self);

G_END_DECLS
