/* dd-toast.h: toasts that can be dismissed safely at libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast titled @title, plain text (not markup). */
AdwToast *dd_toast_new             (const char *title);
/* A toast showing @title_widget as its title. */
AdwToast *dd_toast_new_with_widget (GtkWidget  *title_widget);
/* Dismisses @toast, made by one of the above; maybe a little later, when
 * it has only just appeared. */
void      dd_toast_dismiss         (AdwToast   *toast);

G_END_DECLS
