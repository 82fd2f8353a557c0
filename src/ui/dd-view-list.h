/* dd-view-list.h: the list's views (All, Unpaid …) with their live counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dd-marks.h"

G_BEGIN_DECLS

#define DD_TYPE_VIEW_LIST (dd_view_list_get_type ())
G_DECLARE_FINAL_TYPE (DdViewList, dd_view_list, DD, VIEW_LIST, GtkWidget)

GtkWidget *dd_view_list_new        (void);
/* The view chosen ("view" property, a DdView). */
DdView     dd_view_list_get_view   (DdViewList         *self);
void       dd_view_list_set_view   (DdViewList         *self,
                                    DdView              view);
/* Shows @counts beside the views; NULL: no counts (not known yet). */
void       dd_view_list_set_counts (DdViewList         *self,
                                    const DdViewCounts *counts);
/* The saved views, by name, listed under the views ("Saved Views"); NULL
 * or empty: none (the heading hides). Activating one emits
 * "saved-view-activated" (name); its remove button "saved-view-removed"
 * (name): the list itself changes only through this call. Its "Save View…"
 * button activates win.save-view. */
void       dd_view_list_set_saved_views (DdViewList        *self,
                                         const char * const *names);

G_END_DECLS
