/* dd-mark-dialogs.h: the small dialogs of marking: a note, a hold's end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwMessageDialog editing the private note of @n_orders orders, @note
 * (nullable) filled in for one order; for several the field starts empty
 * and "save" is enabled once something is typed. Its responses: "cancel"
 * and "save" (the default: Enter in the entry saves). */
GtkWidget *dd_note_dialog_new              (GtkWindow  *parent,
                                            guint       n_orders,
                                            const char *note);
/* The note typed, trimmed; "" for none. */
char      *dd_note_dialog_get_note         (GtkWidget  *dialog);

/* An AdwMessageDialog asking until when @n_orders orders are held: in an
 * hour, tomorrow at 09:00, or a date and time typed. Its responses:
 * "cancel" and "hold" (the default). */
GtkWidget *dd_hold_dialog_new              (GtkWindow  *parent,
                                            guint       n_orders);
/* The release time chosen (ms since the epoch), judged from @now; -1 when
 * the typed date and time is not one (or is past). */
gint64     dd_hold_dialog_get_release_ms   (GtkWidget  *dialog,
                                            GDateTime  *now);
/* Parses "YYYY-MM-DD HH:MM" in the local time zone; NULL when it is not. */
GDateTime *dd_hold_dialog_parse_time       (const char *text);

G_END_DECLS
