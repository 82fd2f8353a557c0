/* dd-toast.c: toasts that can be dismissed safely at libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2's AdwToastOverlay slides a toast in for 500 ms when another
 * is still fading out, and fades a dismissed toast out in 300 ms. A toast
 * dismissed less than 200 ms after it appeared that way is freed when its
 * fade-out ends, while its slide-in still runs: the slide-in's end then
 * reads the freed toast, and dingdan crashed (quitting right after a CSV
 * export did it, whose progress toast replaces the last one and goes away
 * at once).
 *
 * So every toast has a title widget of ours, whose mapping tells when the
 * toast appeared, in the frame clock's time that the animations use; a
 * dismissal is held back until the toast has been up for DISMISS_AFTER_US
 * of that time, on a tick callback. A toast not on screen (queued, or its
 * window gone) is dismissed at once. The dismissal itself always runs from
 * an idle: never inside the title widget's own tick callback or unmap,
 * which the toast it may finalize owns, nor while the overlay is being
 * unmapped and its animations have not ended yet.
 */
#include "config.h"

#include "dd-toast.h"

/* The slide-in (500 ms) less the fade-out (300 ms), with room to spare. */
#define DISMISS_AFTER_US (300 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  AdwToast *toast;          /* unowned: it owns the title widget */
  gint64    shown_at;       /* frame time of the mapping, µs; 0 when unmapped */
  guint     tick_id;
  gboolean  dismiss_pending;
  gboolean  up_long_enough; /* since the last mapping */
} ToastState;

static GQuark
state_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("dd-toast-state");
  return quark;
}

static ToastState *
get_state (AdwToast *toast)
{
  GtkWidget *title = adw_toast_get_custom_title (toast);

  return title != NULL ? g_object_get_qdata (G_OBJECT (title), state_quark ()) : NULL;
}

static void
dismiss_now (ToastState *state)
{
  g_autoptr(AdwToast) toast = state->toast;

  /* The reference taken when the dismissal was held back. */
  state->dismiss_pending = FALSE;
  adw_toast_dismiss (toast);
}

static gboolean
dismiss_idle_cb (gpointer user_data)
{
  AdwToast *toast = user_data;
  ToastState *state = get_state (toast);

  /* Not on screen, or up long enough (not shown again meanwhile). */
  if (state != NULL && state->dismiss_pending && (state->shown_at == 0 || state->up_long_enough))
    dismiss_now (state);
  g_object_unref (toast);
  return G_SOURCE_REMOVE;
}

static void
dismiss_from_idle (ToastState *state)
{
  g_idle_add (dismiss_idle_cb, g_object_ref (state->toast));
}

static gboolean
tick_cb (GtkWidget     *title,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  ToastState *state = user_data;

  if (gdk_frame_clock_get_frame_time (clock) - state->shown_at < DISMISS_AFTER_US)
    return G_SOURCE_CONTINUE;

  state->tick_id = 0;
  state->up_long_enough = TRUE;
  dismiss_from_idle (state);
  return G_SOURCE_REMOVE;
}

static void
wait_for_tick (ToastState *state,
               GtkWidget  *title)
{
  if (state->tick_id == 0)
    state->tick_id = gtk_widget_add_tick_callback (title, tick_cb, state, NULL);
}

static void
title_map_cb (GtkWidget  *title,
              ToastState *state)
{
  state->shown_at = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (title));
  state->up_long_enough = FALSE;
  /* Pushed aside by another toast and shown again: still to go. */
  if (state->dismiss_pending)
    wait_for_tick (state, title);
}

static void
title_unmap_cb (GtkWidget  *title,
                ToastState *state)
{
  state->shown_at = 0;
  if (state->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (title, state->tick_id);
      state->tick_id = 0;
    }
  if (state->dismiss_pending)
    dismiss_from_idle (state);
}

AdwToast *
dd_toast_new_with_widget (GtkWidget *title_widget)
{
  AdwToast *toast;
  ToastState *state;

  g_return_val_if_fail (GTK_IS_WIDGET (title_widget), NULL);

  toast = adw_toast_new ("");
  adw_toast_set_custom_title (toast, title_widget);

  state = g_new0 (ToastState, 1);
  state->toast = toast;
  g_object_set_qdata_full (G_OBJECT (title_widget), state_quark (), state, g_free);
  g_signal_connect (title_widget, "map", G_CALLBACK (title_map_cb), state);
  g_signal_connect (title_widget, "unmap", G_CALLBACK (title_unmap_cb), state);

  return toast;
}

AdwToast *
dd_toast_new (const char *title)
{
  GtkWidget *label;

  g_return_val_if_fail (title != NULL, NULL);

  /* As libadwaita's own title, but plain text. */
  label = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");

  return dd_toast_new_with_widget (label);
}

void
dd_toast_dismiss (AdwToast *toast)
{
  ToastState *state;

  g_return_if_fail (ADW_IS_TOAST (toast));

  state = get_state (toast);
  if (state == NULL)
    {
      g_critical ("%s: not a toast of dd_toast_new()", G_STRFUNC);
      adw_toast_dismiss (toast);
      return;
    }
  if (state->dismiss_pending)
    return;

  if (state->shown_at == 0)
    {
      adw_toast_dismiss (toast);
      return;
    }

  state->dismiss_pending = TRUE;
  g_object_ref (toast);
  wait_for_tick (state, adw_toast_get_custom_title (toast));
}
