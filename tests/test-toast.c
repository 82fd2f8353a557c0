/* test-toast.c: toasts dismissed right after they appear do not crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 frees a toast dismissed less than 200 ms after it slid in
 * over another one while its slide-in still runs, and reads it afterwards
 * (see dd-toast.c). This test does just that, in a real window under Xvfb,
 * with MALLOC_PERTURB_ set (tests/meson.build) so a read of freed memory
 * crashes: with adw_toast_dismiss() instead of dd_toast_dismiss() it does.
 */
#include "config.h"

#include <adwaita.h>

#include "dd-toast.h"

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
} Fixture;

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
count_cb (AdwToast *toast,
          guint    *n)
{
  (*n)++;
}

/* Dismisses @toast (on its next frame, as it has been up a while). */
static void
dismiss_and_wait (AdwToast *toast)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint n = 0;
  gulong id = g_signal_connect (toast, "dismissed", G_CALLBACK (count_cb), &n);

  dd_toast_dismiss (toast);
  while (n == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n, ==, 1);
  g_signal_handler_disconnect (toast, id);
}

static gboolean
wait_until_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return gtk_widget_get_mapped (widget);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, gtk_label_new ("Orders"));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_set_default_size (fixture->window, 600, 400);
  gtk_window_present (fixture->window);
  g_assert_true (wait_until_mapped (GTK_WIDGET (fixture->overlay)));
  /* The crash needs the animations this test is about. */
  g_assert_true (adw_get_enable_animations (GTK_WIDGET (fixture->overlay)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->window, gtk_window_destroy);
  iterate_for (50);
}

static void
stamp_cb (AdwToast *toast,
          gint64   *when)
{
  *when = g_get_monotonic_time ();
}

/* Toast A fades out while B slides in; B is dismissed at once. The
 * dismissal waits until B has been up a while, happens once, and nothing
 * reads freed memory while both animations end. */
static void
test_dismiss_at_once (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwToast *a = dd_toast_new ("Exported 3 orders");
  AdwToast *b = dd_toast_new ("Exporting orders…");
  guint n_dismissed = 0;
  gint64 added = 0, dismissed_at = 0;

  adw_toast_set_timeout (a, 0);
  adw_toast_set_timeout (b, 0);
  g_signal_connect (b, "dismissed", G_CALLBACK (count_cb), &n_dismissed);
  g_signal_connect (b, "dismissed", G_CALLBACK (stamp_cb), &dismissed_at);

  adw_toast_overlay_add_toast (fixture->overlay, g_object_ref (a));
  g_assert_true (wait_until_mapped (adw_toast_get_custom_title (a)));
  iterate_for (400);
  dismiss_and_wait (a);

  adw_toast_overlay_add_toast (fixture->overlay, g_object_ref (b));
  g_assert_true (gtk_widget_get_mapped (adw_toast_get_custom_title (b)));
  added = g_get_monotonic_time ();
  dd_toast_dismiss (b);
  dd_toast_dismiss (b);
  g_assert_cmpuint (n_dismissed, ==, 0);

  iterate_for (1500);
  g_assert_cmpuint (n_dismissed, ==, 1);
  g_assert_cmpint (dismissed_at - added, >=, 250 * G_TIME_SPAN_MILLISECOND);
  g_assert_false (gtk_widget_get_mapped (adw_toast_get_custom_title (b)));

  g_object_unref (a);
  g_object_unref (b);
}

/* A toast waiting behind another is not on screen: it goes at once. */
static void
test_queued_goes_at_once (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwToast *shown = dd_toast_new ("Synced 12 orders");
  AdwToast *queued = dd_toast_new ("Orders are up to date");
  guint n_dismissed = 0;

  adw_toast_set_timeout (shown, 0);
  g_signal_connect (queued, "dismissed", G_CALLBACK (count_cb), &n_dismissed);
  adw_toast_overlay_add_toast (fixture->overlay, g_object_ref (shown));
  adw_toast_overlay_add_toast (fixture->overlay, g_object_ref (queued));
  g_assert_false (gtk_widget_get_mapped (adw_toast_get_custom_title (queued)));

  dd_toast_dismiss (queued);
  g_assert_cmpuint (n_dismissed, ==, 1);

  /* Nor does it come up once the first one goes. */
  iterate_for (400);
  dd_toast_dismiss (shown);
  iterate_for (1000);
  g_assert_false (gtk_widget_get_mapped (adw_toast_get_custom_title (queued)));

  g_object_unref (shown);
  g_object_unref (queued);
}

/* The window goes away while a dismissal waits: no crash, nothing kept. */
static void
test_window_gone_while_waiting (Fixture       *fixture,
                                gconstpointer  data)
{
  AdwToast *a = dd_toast_new ("Exported 3 orders");
  AdwToast *b = dd_toast_new ("Exporting orders…");

  adw_toast_set_timeout (a, 0);
  adw_toast_set_timeout (b, 0);
  adw_toast_overlay_add_toast (fixture->overlay, g_object_ref (a));
  g_assert_true (wait_until_mapped (adw_toast_get_custom_title (a)));
  iterate_for (400);
  dismiss_and_wait (a);
  adw_toast_overlay_add_toast (fixture->overlay, b);
  g_object_add_weak_pointer (G_OBJECT (b), (gpointer *) &b);
  dd_toast_dismiss (b);

  g_clear_pointer (&fixture->window, gtk_window_destroy);
  iterate_for (1000);
  g_assert_null (b);

  g_object_unref (a);
}

/* Titles are text: markup characters show as they are. */
static void
test_title_is_text (void)
{
  g_autoptr(AdwToast) toast = g_object_ref_sink (dd_toast_new ("Could not export: <b> & \"x\""));
  GtkWidget *title = adw_toast_get_custom_title (toast);

  g_assert_true (GTK_IS_LABEL (title));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Could not export: <b> & \"x\"");
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (title)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("needs a display (build-aux/test.sh starts Xvfb)");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/toast/dismiss-at-once", Fixture, NULL,
              fixture_set_up, test_dismiss_at_once, fixture_tear_down);
  g_test_add ("/toast/queued-goes-at-once", Fixture, NULL,
              fixture_set_up, test_queued_goes_at_once, fixture_tear_down);
  g_test_add ("/toast/window-gone-while-waiting", Fixture, NULL,
              fixture_set_up, test_window_gone_while_waiting, fixture_tear_down);
  g_test_add_func ("/toast/title-is-text", test_title_is_text);

  return g_test_run ();
}
