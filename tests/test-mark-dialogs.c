/* test-mark-dialogs.c: the note dialog never saves what nobody typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dd-mark-dialogs.h"

static void
count_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   guint            *n_saves)
{
  if (g_str_equal (response, "save"))
    (*n_saves)++;
}

static GtkEditable *
note_entry (GtkWidget *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));

  g_assert_true (GTK_IS_ENTRY (entry));
  return GTK_EDITABLE (entry);
}

/* One order: its note is there to edit, Enter saves. */
static void
test_one_order (void)
{
  GtkWidget *dialog = dd_note_dialog_new (NULL, 1, "Fragile 易碎");
  guint n_saves = 0;

  g_signal_connect (dialog, "response", G_CALLBACK (count_response_cb), &n_saves);
  g_assert_cmpstr (gtk_editable_get_text (note_entry (dialog)), ==, "Fragile 易碎");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_cmpstr (dd_note_dialog_get_note (dialog), ==, "Fragile 易碎");

  g_signal_emit_by_name (note_entry (dialog), "activate");
  g_assert_cmpuint (n_saves, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Several orders, whose notes may differ: the field starts empty and
 * Enter saves nothing until something was typed. */
static void
test_several_orders (void)
{
  GtkWidget *dialog = dd_note_dialog_new (NULL, 3, "the shown order's note");
  guint n_saves = 0;

  g_signal_connect (dialog, "response", G_CALLBACK (count_response_cb), &n_saves);
  g_assert_cmpstr (gtk_editable_get_text (note_entry (dialog)), ==, "");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));

  g_signal_emit_by_name (note_entry (dialog), "activate");
  g_assert_cmpuint (n_saves, ==, 0);

  gtk_editable_set_text (note_entry (dialog), "Ship together");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_signal_emit_by_name (note_entry (dialog), "activate");
  g_assert_cmpuint (n_saves, ==, 1);
  g_assert_cmpstr (dd_note_dialog_get_note (dialog), ==, "Ship together");
  gtk_window_destroy (GTK_WINDOW (dialog));
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

  g_test_add_func ("/dingdan/mark-dialogs/one-order", test_one_order);
  g_test_add_func ("/dingdan/mark-dialogs/several-orders", test_several_orders);

  return g_test_run ();
}
