/* dd-about.c: the About window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "dd-a11y.h"
#include "dd-about.h"
#include "dd-application.h"

#define WEBSITE_URL "https://github.com/dingdan/dingdan"
#define ISSUE_URL   WEBSITE_URL "/issues"

/* The notes of this version: the newest <release> of
 * data/io.github.dingdan.Dingdan.metainfo.xml.in.in, word for word
 * (tests/test-about.c compares them), translated here as the metainfo is
 * through po/. A paragraph, then a list. */
static char *
release_notes (void)
{
  const char *paragraphs[] = {
    /* Translators: the release notes of version 0.1.0 (also in the
     * metainfo's release description) */
    N_("The first release of Dingdan."),
  };
  const char *items[] = {
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("One list of the orders of every connected shop on TOP, Taobao Taiwan and PandaPon, kept in a local cache that opens offline"),
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("Fast search and filters over a million orders, saved views and export to CSV"),
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("A review desk with flags, approvals, holds and notes, and printing of the orders shown"),
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("Cancelling, paying and placing purchase orders through one action runner that never sends an action twice, with an action log"),
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("Accounts whose secrets stay in the system keyring, and notifications of newly paid orders"),
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("A built-in sandbox shop to try it all, and the dingdan-cli command line tool"),
    /* Translators: an item of the release notes of version 0.1.0 */
    N_("Translations into Spanish, Simplified Chinese and Traditional Chinese"),
  };
  GString *notes = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (paragraphs); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (_(paragraphs[i]), -1);

      g_string_append_printf (notes, "<p>%s</p>\n", escaped);
    }
  g_string_append (notes, "<ul>\n");
  for (gsize i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (_(items[i]), -1);

      g_string_append_printf (notes, "<li>%s</li>\n", escaped);
    }
  g_string_append (notes, "</ul>\n");

  return g_string_free (notes, FALSE);
}

/* What a bug report needs to know about this run, in English (it is read
 * by the developers): versions and mode. No account, host or credential. */
static char *
debug_info (gboolean sandbox)
{
  GString *info = g_string_new (NULL);
  GdkDisplay *display = gdk_display_get_default ();
  const char *const *languages = g_get_language_names ();

  g_string_append_printf (info, "Dingdan %s (%s)\n", PACKAGE_VERSION, APP_ID);
  g_string_append_printf (info, "Sandbox mode: %s\n", sandbox ? "yes" : "no");
  g_string_append_printf (info, "Flatpak: %s\n",
                          g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "yes" : "no");
  g_string_append (info, "\nLibraries (run time):\n");
  g_string_append_printf (info, "- GLib %u.%u.%u\n",
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "- GTK %u.%u.%u\n",
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version ());
  g_string_append_printf (info, "- libadwaita %u.%u.%u\n",
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version ());
  g_string_append_printf (info, "- libsoup %u.%u.%u\n",
                          soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version ());
  g_string_append_printf (info, "- json-glib %s (build time)\n", JSON_VERSION_S);
  g_string_append_printf (info, "- SQLite %s\n", sqlite3_libversion ());
  g_string_append (info, "\nEnvironment:\n");
  g_string_append_printf (info, "- Display: %s\n",
                          display != NULL ? G_OBJECT_TYPE_NAME (display) : "none");
  g_string_append_printf (info, "- Language: %s\n",
                          languages[0] != NULL ? languages[0] : "C");

  return g_string_free (info, FALSE);
}

/* libadwaita 1.2 leaves the button that shows (and copies) the version
 * unnamed for a screen reader. */
static void
name_version_button (AdwAboutWindow *about)
{
  GtkWidget *button = dd_a11y_find_button (GTK_WIDGET (about), "app-version", NULL);
  g_autofree char *label = NULL;

  if (button == NULL)
    return;
  /* Translators: the accessible name of the About window's version
   * button; %s is the version, e.g. "0.1.0" */
  label = g_strdup_printf (_("Version %s"), PACKAGE_VERSION);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  /* Translators: what the About window's version button does */
                                  _("Copies the version to the clipboard"),
                                  -1);
}

GtkWindow *
dd_about_window_new (GtkWindow *parent)
{
  /* Names (and, after a space, an address) as AdwAboutWindow lists them. */
  g_autofree char *team = g_strdup_printf ("%s %s", _("The Dingdan developers"), WEBSITE_URL);
  const char *developers[] = { team, NULL };
  const char *artists[] = { _("The Dingdan developers"), NULL };
  AdwAboutWindow *about;
  GtkApplication *app = NULL;
  gboolean sandbox = FALSE;
  g_autofree char *notes = NULL;
  g_autofree char *info = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (parent != NULL)
    app = gtk_window_get_application (parent);
  if (app != NULL && DD_IS_APPLICATION (app))
    sandbox = dd_application_get_sandbox (DD_APPLICATION (app));

  notes = release_notes ();
  info = debug_info (sandbox);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Dingdan"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Dingdan developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_designers (about, developers);
  adw_about_window_set_artists (about, artists);
  /* Translators: put your names here, one per line, e.g.
   * "Your Name <you@example.com>" */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_set_copyright (about, _("© 2026 The Dingdan developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, WEBSITE_URL);
  adw_about_window_set_issue_url (about, ISSUE_URL);
  adw_about_window_set_release_notes_version (about, PACKAGE_VERSION);
  adw_about_window_set_release_notes (about, notes);
  adw_about_window_set_debug_info (about, info);
  adw_about_window_set_debug_info_filename (about, "dingdan-debug-info.txt");
  name_version_button (about);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_modal (GTK_WINDOW (about), TRUE);
    }

  return GTK_WINDOW (about);
}
