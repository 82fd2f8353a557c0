/* dd-about.h: the About window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A new About window (an AdwAboutWindow, not yet shown): credits, the
 * licence (GPL-3.0-or-later), this version's release notes (the same as
 * the metainfo's newest release) and debug info (library versions at run
 * time, sandbox mode; never a secret). Modal and transient for @parent
 * when @parent is not NULL. */
GtkWindow *dd_about_window_new (GtkWindow *parent) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
