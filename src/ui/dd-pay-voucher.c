/* dd-pay-voucher.c: the pay dialog's payment voucher: choosing a picture,
 * checking it before anything is sent, previewing it
 *
 * The file's size is read before the file is; the bytes are checked by
 * content (never by the file's name) and decoded for the preview in a
 * worker (dd_image_loader_decode(), which refuses huge pictures).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-image-loader.h"
#include "dd-pay-dialog-private.h"

/* Pixels a side of the preview. */
#define PREVIEW_SIZE 240

static GError *
too_large (guint64 size)
{
  /* One unit for both: "2.1 MiB; … at most 2.0 MiB". */
  g_autofree char *have = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *most = g_format_size_full (DD_PAY_DIALOG_MAX_VOUCHER, G_FORMAT_SIZE_IEC_UNITS);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                      /* Translators: the first %s is a file size ("3.1 MiB"), the second the largest allowed ("2.0 MiB") */
                      _("The picture is %s; a payment voucher may be at most %s."),
                      have, most);
}

gboolean
dd_pay_dialog_check_voucher (GBytes  *image,
                             char   **content_type,
                             GError **error)
{
  const guchar *data;
  gsize size;
  g_autofree char *guessed = NULL;
  const char *type = NULL;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (image, &size);
  if (size == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The picture is empty."));
      return FALSE;
    }
  if (size > DD_PAY_DIALOG_MAX_VOUCHER)
    {
      g_propagate_error (error, too_large (size));
      return FALSE;
    }

  /* By content: the type the system sees in the bytes, and the format's
   * own signature (what a platform checks). */
  guessed = g_content_type_guess (NULL, data, size, NULL);
  if (g_content_type_is_a (guessed, "image/png") &&
      size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    type = "image/png";
  else if (g_content_type_is_a (guessed, "image/jpeg") &&
           size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    type = "image/jpeg";

  if (type == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Only PNG and JPEG pictures can be sent as a payment voucher."));
      return FALSE;
    }

  if (content_type != NULL)
    *content_type = g_strdup (type);

  return TRUE;
}

/* Loading, in a worker. */

typedef struct
{
  GFile     *file;
  char      *name;
  GBytes    *bytes;
  char      *content_type;
  GdkPixbuf *pixbuf;
} VoucherLoad;

static void
voucher_load_free (VoucherLoad *load)
{
  g_clear_object (&load->file);
  g_free (load->name);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_free (load->content_type);
  g_clear_object (&load->pixbuf);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  VoucherLoad *load = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (load->file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "%s", _("Only PNG and JPEG pictures can be sent as a payment voucher."));
      return;
    }
  /* Too big is refused before it is read. */
  if (g_file_info_get_size (info) > DD_PAY_DIALOG_MAX_VOUCHER)
    {
      g_task_return_error (task, too_large (g_file_info_get_size (info)));
      return;
    }

  if (!g_file_load_contents (load->file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  load->bytes = g_bytes_new_take (contents, length);

  if (!dd_pay_dialog_check_voucher (load->bytes, &load->content_type, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  load->pixbuf = dd_image_loader_decode (load->bytes, PREVIEW_SIZE, &error);
  if (load->pixbuf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               /* Translators: %s says why a picture could not be decoded */
                               _("The picture cannot be read: %s"), error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
show_voucher_error (DdPayDialog *self,
                    const char  *message)
{
  gtk_label_set_text (GTK_LABEL (self->voucher_error), message != NULL ? message : "");
  gtk_widget_set_visible (self->voucher_error, message != NULL);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(DdPayDialog) self = user_data;
  VoucherLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->voucher_cancellable);
  dd_pay_dialog_set_busy (self, FALSE, self->running, self->waiting);
  if (self->disposed)
    return;

  gtk_label_set_text (GTK_LABEL (self->voucher_label), load->name);
  gtk_widget_set_visible (self->voucher_label, TRUE);

  if (error != NULL)
    {
      /* A refused picture is not kept. */
      gtk_picture_set_paintable (GTK_PICTURE (self->preview), NULL);
      gtk_widget_set_visible (self->preview, FALSE);
      show_voucher_error (self, error->message);
      dd_pay_dialog_update (self);
      return;
    }

  self->voucher = g_steal_pointer (&load->bytes);
  self->voucher_type = g_steal_pointer (&load->content_type);
  self->voucher_name = g_strdup (load->name);
  texture = gdk_texture_new_for_pixbuf (load->pixbuf);
  gtk_picture_set_paintable (GTK_PICTURE (self->preview), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->preview, TRUE);
  show_voucher_error (self, NULL);
  dd_pay_dialog_update (self);
}

void
dd_pay_dialog_set_voucher_file (DdPayDialog *self,
                                GFile       *file)
{
  g_autoptr(GTask) task = NULL;
  VoucherLoad *load;

  g_return_if_fail (DD_IS_PAY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->running || self->waiting || self->settled)
    return;

  if (self->voucher_check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->voucher_check), TRUE);

  /* The previous picture goes (or is replaced) whatever this one is. */
  g_cancellable_cancel (self->voucher_cancellable);
  g_clear_object (&self->voucher_cancellable);
  g_clear_pointer (&self->voucher, g_bytes_unref);
  g_clear_pointer (&self->voucher_type, g_free);
  g_clear_pointer (&self->voucher_name, g_free);
  show_voucher_error (self, NULL);
  self->voucher_cancellable = g_cancellable_new ();

  load = g_new0 (VoucherLoad, 1);
  load->file = g_object_ref (file);
  load->name = g_file_get_basename (file);
  if (load->name == NULL || !g_utf8_validate (load->name, -1, NULL))
    {
      g_free (load->name);
      load->name = g_strdup ("voucher");
    }

  dd_pay_dialog_set_busy (self, TRUE, self->running, self->waiting);
  dd_pay_dialog_update (self);

  /* No source object: the dialog is a widget, not to be unreffed by the
   * worker. */
  task = g_task_new (NULL, self->voucher_cancellable, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, dd_pay_dialog_set_voucher_file);
  g_task_set_task_data (task, load, (GDestroyNotify) voucher_load_free);
  g_task_run_in_thread (task, load_in_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     DdPayDialog     *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    dd_pay_dialog_set_voucher_file (self, file);
}

static void
choose_clicked_cb (GtkButton   *button,
                   DdPayDialog *self)
{
  GtkFileFilter *filter;

  if (self->chooser == NULL)
    {
      self->chooser = gtk_file_chooser_native_new (/* Translators: title of the file chooser */
                                                   _("Choose Payment Voucher"),
                                                   GTK_WINDOW (self),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Open"), _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      filter = gtk_file_filter_new ();
      /* Translators: the file chooser's filter for voucher pictures */
      gtk_file_filter_set_name (filter, _("PNG and JPEG pictures"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      gtk_file_filter_add_mime_type (filter, "image/jpeg");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      g_object_unref (filter);
      g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
    }

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
dd_pay_dialog_build_voucher (DdPayDialog *self,
                             GtkBox      *content)
{
  g_autofree char *limit = g_format_size_full (DD_PAY_DIALOG_MAX_VOUCHER, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *hint = NULL;
  GtkWidget *label;

  self->voucher_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_name (self->voucher_box, "voucher-box");

  /* Translators: %s is the largest file size allowed ("2.0 MiB") */
  hint = g_strdup_printf (_("A PNG or JPEG picture of the transfer, at most %s."), limit);
  label = gtk_label_new (hint);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (self->voucher_box), label);

  /* Translators: button: choose the payment voucher's picture */
  self->choose_button = gtk_button_new_with_mnemonic (_("Choose _Picture…"));
  gtk_widget_set_name (self->choose_button, "choose-button");
  gtk_widget_set_halign (self->choose_button, GTK_ALIGN_START);
  g_signal_connect (self->choose_button, "clicked", G_CALLBACK (choose_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->voucher_box), self->choose_button);

  self->voucher_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->voucher_label, "voucher-label");
  gtk_label_set_xalign (GTK_LABEL (self->voucher_label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (self->voucher_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_visible (self->voucher_label, FALSE);
  gtk_box_append (GTK_BOX (self->voucher_box), self->voucher_label);

  self->preview = gtk_picture_new ();
  gtk_widget_set_name (self->preview, "voucher-preview");
  gtk_widget_set_size_request (self->preview, -1, 160);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->preview), TRUE);
  gtk_picture_set_alternative_text (GTK_PICTURE (self->preview),
                                    /* Translators: accessible description of the voucher's preview */
                                    _("The payment voucher’s picture"));
  gtk_widget_set_visible (self->preview, FALSE);
  gtk_box_append (GTK_BOX (self->voucher_box), self->preview);

  self->voucher_error = gtk_label_new (NULL);
  gtk_widget_set_name (self->voucher_error, "voucher-error");
  gtk_label_set_wrap (GTK_LABEL (self->voucher_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->voucher_error), 0.0);
  gtk_widget_add_css_class (self->voucher_error, "error");
  gtk_widget_set_visible (self->voucher_error, FALSE);
  gtk_box_append (GTK_BOX (self->voucher_box), self->voucher_error);

  gtk_box_append (content, self->voucher_box);
}
