/* dd-sync-report.c: what the window tells about failed syncs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-platform-error.h"
#include "dd-sync-report.h"

DdSyncFailure *
dd_sync_failure_new (const char   *account_id,
                     const char   *account_name,
                     const GError *error)
{
  DdSyncFailure *failure;

  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  failure = g_new0 (DdSyncFailure, 1);
  failure->account_id = g_strdup (account_id);
  failure->account_name = g_strdup (account_name != NULL && account_name[0] != '\0'
                                    ? account_name : account_id);
  failure->error = g_error_copy (error);

  return failure;
}

void
dd_sync_failure_free (DdSyncFailure *failure)
{
  if (failure == NULL)
    return;

  g_free (failure->account_id);
  g_free (failure->account_name);
  g_clear_error (&failure->error);
  g_free (failure);
}

const char *
dd_sync_report_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != DD_PLATFORM_ERROR)
    return _("Could not sync the orders");

  switch ((DdPlatformErrorCode) error->code)
    {
    case DD_PLATFORM_ERROR_AUTH:
      return _("The shop did not accept Dingdan’s credentials");
    case DD_PLATFORM_ERROR_PERMISSION:
      return _("The shop does not allow Dingdan to read its orders");
    case DD_PLATFORM_ERROR_RATE_LIMITED:
      return _("The platform asks Dingdan to slow down; try again later");
    case DD_PLATFORM_ERROR_INVALID_ARGUMENT:
      return _("The platform refused Dingdan’s request");
    case DD_PLATFORM_ERROR_NOT_FOUND:
      return _("The platform could not find the orders");
    case DD_PLATFORM_ERROR_STATE_CONFLICT:
      return _("The orders changed on the platform; sync again");
    case DD_PLATFORM_ERROR_SERVER:
      return _("The platform has a problem; try again later");
    case DD_PLATFORM_ERROR_NETWORK:
      return _("Could not reach the platform; check the connection");
    case DD_PLATFORM_ERROR_TIMEOUT:
      return _("The platform took too long to answer");
    case DD_PLATFORM_ERROR_BAD_RESPONSE:
      return _("The platform sent an answer Dingdan cannot read");
    default:
      return _("Could not sync the orders");
    }
}

char *
dd_sync_report_describe (GPtrArray *failures)
{
  GString *text;

  g_return_val_if_fail (failures != NULL && failures->len > 0, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < failures->len; i++)
    {
      DdSyncFailure *failure = g_ptr_array_index (failures, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: why one account's sync failed: the first %s is the
       * account's name, the second the reason, a sentence */
      g_string_append_printf (text, _("%s: %s"),
                              failure->account_name,
                              dd_sync_report_describe_error (failure->error));
    }

  return g_string_free (text, FALSE);
}

char *
dd_sync_report_title (GPtrArray *failures)
{
  g_return_val_if_fail (failures != NULL && failures->len > 0, NULL);

  if (failures->len == 1)
    {
      DdSyncFailure *failure = g_ptr_array_index (failures, 0);

      /* Translators: a toast; %s is the name of a shop or purchasing account */
      return g_strdup_printf (_("Could not sync “%s”"), failure->account_name);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: a toast; %u is the number of
                                        * accounts whose sync failed (2 or more) */
                                       "Could not sync %u account",
                                       "Could not sync %u accounts",
                                       failures->len),
                          failures->len);
}

char *
dd_sync_report_format_details (GPtrArray *failures)
{
  GString *text;

  g_return_val_if_fail (failures != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < failures->len; i++)
    {
      DdSyncFailure *failure = g_ptr_array_index (failures, i);
      g_autofree char *details = dd_platform_error_format_details (failure->error);

      if (i > 0)
        g_string_append (text, "\n\n");
      g_string_append_printf (text, "%s\n%s", failure->account_name, details);
    }

  /* format_details ends lines with '\n': no trailing blank space. */
  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, FALSE);
}

GtkWidget *
dd_sync_report_dialog_new (GtkWindow *parent,
                           GPtrArray *failures)
{
  g_autofree char *body = NULL;
  g_autofree char *details = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (failures != NULL && failures->len > 0, NULL);

  body = dd_sync_report_describe (failures);
  details = dd_sync_report_format_details (failures);

  dialog = adw_message_dialog_new (parent, _("Sync Failed"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  /* Server words, shown verbatim: never markup. */
  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), details);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error details"),
                                  -1);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (scroller, "error-details");

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);

  return dialog;
}
