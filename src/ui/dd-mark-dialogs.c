/* dd-mark-dialogs.c: the small dialogs of marking: a note, a hold's end
 *
 * Both are AdwMessageDialogs (libadwaita 1.2) with an extra child; the
 * window reads what was chosen in its response handler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-mark-dialogs.h"

/* Enter in an entry answers the dialog with its default response. */
static void
entry_activate_cb (GtkEntry         *entry,
                   AdwMessageDialog *dialog)
{
  const char *response = adw_message_dialog_get_default_response (dialog);

  if (response == NULL || !adw_message_dialog_get_response_enabled (dialog, response))
    return;

  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "save", TRUE);
}

static GtkWidget *
new_dialog (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (dialog), FALSE);

  return dialog;
}

GtkWidget *
dd_note_dialog_new (GtkWindow  *parent,
                    guint       n_orders,
                    const char *note)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (n_orders > 1)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %u is a number of orders (more
                                          * than one) */
                                         "The note replaces the notes of the %u selected orders.",
                                         "The note replaces the notes of the %u selected orders.",
                                         n_orders),
                            n_orders);
  else
    body = g_strdup (_("Only you see the note; an empty one removes it."));

  dialog = new_dialog (parent,
                       /* Translators: heading of the dialog that edits an order's private note */
                       _("Note"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button: save the order's note */
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  /* Several orders' notes may differ: the field starts empty, and Save
   * waits for something typed, so a stray n and Enter wipes nothing. */
  if (n_orders > 1)
    {
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
      g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), note != NULL ? note : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the accessible name of the note's text field */
                                  C_("accessible", "Order note"),
                                  -1);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "dd-note-entry", entry);

  return dialog;
}

char *
dd_note_dialog_get_note (GtkWidget *dialog)
{
  GtkWidget *entry;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), NULL);

  entry = g_object_get_data (G_OBJECT (dialog), "dd-note-entry");
  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

/* The hold dialog's choices. */
typedef enum {
  HOLD_IN_AN_HOUR,
  HOLD_TOMORROW,
  HOLD_AT,
} HoldChoice;

static GtkWidget *
add_choice (GtkBox     *box,
            GtkWidget  *group,
            const char *label,
            HoldChoice  choice)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  g_object_set_data (G_OBJECT (check), "dd-hold-choice", GINT_TO_POINTER (choice));
  gtk_box_append (box, check);

  return check;
}

static void
time_entry_changed_cb (GtkEditable    *entry,
                       GtkCheckButton *at_check)
{
  gtk_check_button_set_active (at_check, TRUE);
}

GtkWidget *
dd_hold_dialog_new (GtkWindow *parent,
                    guint      n_orders)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);
  g_autofree char *example = g_date_time_format (later, "%Y-%m-%d 09:00");
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *first;
  GtkWidget *at;
  GtkWidget *entry;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the body of the Hold dialog; %u is
                                        * the number of orders held (the singular form
                                        * has no number) */
                                       "The order needs review again when the hold ends.",
                                       "The %u orders need review again when the hold ends.",
                                       n_orders),
                          n_orders);
  dialog = new_dialog (parent,
                       /* Translators: heading of the dialog that holds orders until a time */
                       _("Hold Until"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    /* Translators: button: put the orders on hold */
                                    "hold", _("_Hold"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "hold",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "hold");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: a choice of when held orders need review again */
  first = add_choice (GTK_BOX (box), NULL, _("In _one hour"), HOLD_IN_AN_HOUR);
  /* Translators: a choice of when held orders need review again */
  add_choice (GTK_BOX (box), first, _("_Tomorrow at 09:00"), HOLD_TOMORROW);
  /* Translators: a choice of when held orders need review again: a date and time typed below */
  at = add_choice (GTK_BOX (box), first, _("_At this date and time:"), HOLD_AT);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first), TRUE);

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), example);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  /* Translators: the format of the date and time to type; keep the digits' order */
                                  _("YYYY-MM-DD HH:MM"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("accessible", "Release date and time"),
                                  -1);
  g_signal_connect (entry, "changed", G_CALLBACK (time_entry_changed_cb), at);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), dialog);
  gtk_box_append (GTK_BOX (box), entry);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "dd-hold-first", first);
  g_object_set_data (G_OBJECT (dialog), "dd-hold-entry", entry);

  return dialog;
}

GDateTime *
dd_hold_dialog_parse_time (const char *text)
{
  int year, month, day, hour, minute;
  char end;

  if (text == NULL ||
      sscanf (text, " %4d-%2d-%2d %2d:%2d %c", &year, &month, &day, &hour, &minute, &end) != 5)
    return NULL;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59)
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, 0);
}

gint64
dd_hold_dialog_get_release_ms (GtkWidget *dialog,
                               GDateTime *now)
{
  GtkWidget *first;
  GtkWidget *entry;
  HoldChoice choice = HOLD_IN_AN_HOUR;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), -1);
  g_return_val_if_fail (now != NULL, -1);

  first = g_object_get_data (G_OBJECT (dialog), "dd-hold-first");
  entry = g_object_get_data (G_OBJECT (dialog), "dd-hold-entry");
  for (GtkWidget *check = first; check != NULL; check = gtk_widget_get_next_sibling (check))
    if (GTK_IS_CHECK_BUTTON (check) && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "dd-hold-choice"));

  switch (choice)
    {
    case HOLD_IN_AN_HOUR:
      when = g_date_time_add_hours (now, 1);
      break;
    case HOLD_TOMORROW:
      {
        g_autoptr(GDateTime) local = g_date_time_to_local (now);
        g_autoptr(GDateTime) tomorrow = g_date_time_add_days (local, 1);

        when = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                      g_date_time_get_month (tomorrow),
                                      g_date_time_get_day_of_month (tomorrow),
                                      9, 0, 0);
      }
      break;
    case HOLD_AT:
    default:
      when = dd_hold_dialog_parse_time (gtk_editable_get_text (GTK_EDITABLE (entry)));
      break;
    }

  if (when == NULL || g_date_time_compare (when, now) <= 0)
    return -1;

  return g_date_time_to_unix (when) * 1000;
}
