/* test-about.c: the About window's credits, licence, notes and debug info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (build-aux/test.sh starts Xvfb); skips without one.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "dd-about.h"

/* An element of a release description: "p:text" or "li:text", the text's
 * white space collapsed. */
typedef struct
{
  GPtrArray *items;        /* (element-type utf8) */
  GString   *text;         /* inside a <p> or <li>, else NULL */
  const char *tag;
  gboolean   all;          /* every <p>/<li>, not only the first release's */
  int        release_depth; /* > 0 inside the first <release> */
  gboolean   seen_release;
  char      *version;      /* of the first <release> */
} Notes;

static void
notes_start_cb (GMarkupParseContext *context,
                const char          *element,
                const char         **names,
                const char         **values,
                gpointer             user_data,
                GError             **error)
{
  Notes *notes = user_data;

  if (g_str_equal (element, "release") && !notes->seen_release)
    {
      notes->seen_release = TRUE;
      notes->release_depth = 1;
      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "version"))
          notes->version = g_strdup (values[i]);
      return;
    }
  if (notes->release_depth > 0)
    notes->release_depth++;
  if ((notes->release_depth > 0 || notes->all) &&
      (g_str_equal (element, "p") || g_str_equal (element, "li")))
    {
      notes->tag = g_intern_string (element);
      notes->text = g_string_new (NULL);
    }
}

static void
notes_end_cb (GMarkupParseContext *context,
              const char          *element,
              gpointer             user_data,
              GError             **error)
{
  Notes *notes = user_data;

  if (notes->text != NULL && g_str_equal (element, notes->tag))
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (notes->text->str), " \t\n", -1);
      g_autoptr(GString) joined = g_string_new (notes->tag);

      g_string_append_c (joined, ':');
      for (guint i = 0, n = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_string_append_printf (joined, n++ > 0 ? " %s" : "%s", words[i]);
      g_ptr_array_add (notes->items, g_string_free (g_steal_pointer (&joined), FALSE));
      g_string_free (g_steal_pointer (&notes->text), TRUE);
    }
  if (notes->release_depth > 0)
    notes->release_depth--;
}

static void
notes_text_cb (GMarkupParseContext *context,
               const char          *text,
               gsize                len,
               gpointer             user_data,
               GError             **error)
{
  Notes *notes = user_data;

  if (notes->text != NULL)
    g_string_append_len (notes->text, text, len);
}

/* The "p:…"/"li:…" items of @markup: of its first <release> when
 * @first_release, else all of it. Sets @version to that release's. */
static GPtrArray *
parse_notes (const char  *markup,
             gboolean     first_release,
             char       **version)
{
  const GMarkupParser parser = { notes_start_cb, notes_end_cb, notes_text_cb, NULL, NULL };
  Notes notes = { g_ptr_array_new_with_free_func (g_free), NULL, NULL, !first_release, 0, FALSE, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wrapped = NULL;

  /* The About window's notes have no single root element. */
  if (!first_release)
    markup = wrapped = g_strdup_printf ("<notes>%s</notes>", markup);

  context = g_markup_parse_context_new (&parser, 0, &notes, NULL);
  g_markup_parse_context_parse (context, markup, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  if (version != NULL)
    *version = g_steal_pointer (&notes.version);
  g_free (notes.version);
  return notes.items;
}

static char *
read_source_file (const char *first, ...)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  va_list args;

  va_start (args, first);
  path = g_build_filename_valist (first, &args);
  va_end (args);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_identity (void)
{
  GtkWindow *window = dd_about_window_new (NULL);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (window);

  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Dingdan");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "The Dingdan developers");
  g_assert_cmpstr (adw_about_window_get_copyright (about), ==, "© 2026 The Dingdan developers");
  g_assert_true (g_str_has_prefix (adw_about_window_get_website (about), "https://"));
  g_assert_true (g_str_has_prefix (adw_about_window_get_issue_url (about), "https://"));

  gtk_window_destroy (window);
}

static void
test_licence (void)
{
  GtkWindow *window = dd_about_window_new (NULL);
  g_autofree char *copying = read_source_file (g_getenv ("G_TEST_SRCDIR"), "..", "COPYING", NULL);

  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (window)), ==,
                   GTK_LICENSE_GPL_3_0);
  /* GPL-3.0-or-later needs the licence's full text beside the code. */
  g_assert_true (g_str_has_prefix (g_strchug (copying), "GNU GENERAL PUBLIC LICENSE"));
  g_assert_nonnull (strstr (copying, "Version 3, 29 June 2007"));
  g_assert_nonnull (strstr (copying, "END OF TERMS AND CONDITIONS"));
  g_assert_nonnull (strstr (copying, "How to Apply These Terms to Your New Programs"));
  g_assert_cmpuint (strlen (copying), >, 30000);

  gtk_window_destroy (window);
}

static void
test_credits (void)
{
  GtkWindow *window = dd_about_window_new (NULL);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (window);
  const char * const *developers = adw_about_window_get_developers (about);
  const char * const *artists = adw_about_window_get_artists (about);
  const char *translators = adw_about_window_get_translator_credits (about);

  g_assert_nonnull (developers);
  g_assert_nonnull (developers[0]);
  g_assert_cmpstr (developers[0], !=, "");
  /* Whoever drew the icon. */
  g_assert_nonnull (artists);
  g_assert_nonnull (artists[0]);
  g_assert_cmpstr (artists[0], !=, "");
  /* Untranslated here (C locale): the msgid translators replace. */
  g_assert_cmpstr (translators, ==, "translator-credits");

  gtk_window_destroy (window);
}

static void
test_release_notes (void)
{
  GtkWindow *window = dd_about_window_new (NULL);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (window);
  g_autofree char *metainfo = read_source_file (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                                "io.github.dingdan.Dingdan.metainfo.xml.in.in",
                                                NULL);
  g_autofree char *version = NULL;
  g_autoptr(GPtrArray) expected = parse_notes (metainfo, TRUE, &version);
  g_autoptr(GPtrArray) shown = NULL;
  const char *notes = adw_about_window_get_release_notes (about);

  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (about), ==, PACKAGE_VERSION);
  g_assert_nonnull (notes);
  g_assert_cmpstr (notes, !=, "");

  shown = parse_notes (notes, FALSE, NULL);
  g_assert_cmpuint (expected->len, >, 0);
  for (guint i = 0; i < MIN (expected->len, shown->len); i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (shown->len, ==, expected->len);

  gtk_window_destroy (window);
}

static void
test_debug_info (void)
{
  GtkWindow *window = dd_about_window_new (NULL);
  const char *info = adw_about_window_get_debug_info (ADW_ABOUT_WINDOW (window));
  g_autofree char *gtk = g_strdup_printf ("GTK %u.%u.%u", gtk_get_major_version (),
                                          gtk_get_minor_version (), gtk_get_micro_version ());
  g_autofree char *adw = g_strdup_printf ("libadwaita %u.%u.%u", adw_get_major_version (),
                                          adw_get_minor_version (), adw_get_micro_version ());
  g_autofree char *glib = g_strdup_printf ("GLib %u.%u.%u", glib_major_version,
                                           glib_minor_version, glib_micro_version);
  g_autofree char *lower = NULL;

  g_assert_nonnull (info);
  g_assert_nonnull (strstr (info, gtk));
  g_assert_nonnull (strstr (info, adw));
  g_assert_nonnull (strstr (info, glib));
  g_assert_nonnull (strstr (info, "libsoup 3."));
  g_assert_nonnull (strstr (info, "SQLite 3."));
  g_assert_nonnull (strstr (info, "Sandbox mode: no"));
  g_assert_nonnull (strstr (info, PACKAGE_VERSION));

  lower = g_utf8_strdown (info, -1);
  g_assert_null (strstr (lower, "secret"));
  g_assert_null (strstr (lower, "token"));
  g_assert_null (strstr (lower, "password"));
  g_assert_null (strstr (lower, "app_key"));

  gtk_window_destroy (window);
}

static void
test_parent (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  GtkWindow *window = dd_about_window_new (parent);

  g_assert_true (ADW_IS_ABOUT_WINDOW (window));
  g_assert_true (gtk_window_get_transient_for (window) == parent);
  g_assert_true (gtk_window_get_modal (window));

  gtk_window_destroy (window);
  gtk_window_destroy (parent);
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

  g_test_add_func ("/dingdan/about/identity", test_identity);
  g_test_add_func ("/dingdan/about/licence", test_licence);
  g_test_add_func ("/dingdan/about/credits", test_credits);
  g_test_add_func ("/dingdan/about/release-notes", test_release_notes);
  g_test_add_func ("/dingdan/about/debug-info", test_debug_info);
  g_test_add_func ("/dingdan/about/parent", test_parent);

  return g_test_run ();
}
