/* dd-i18n.c: the toolkit's translations where Debian 12's lack them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "dd-i18n.h"

/* A string of libadwaita's About window: translated when the installed
 * catalogue covers the window. */
#define PROBE "_Credits"

/**
 * dd_i18n_supplement_libadwaita:
 *
 * Debian 12's libadwaita 1.2 has almost no Traditional Chinese (14
 * entries, none of the About window's), so a zh_TW user would read its
 * About window in English. po/libadwaita/ supplements it, installed in
 * Dingdan's own folder (or $DINGDAN_LOCALEDIR/libadwaita in the build
 * tree). The "libadwaita" domain is bound there only when the installed
 * catalogue leaves the window untranslated and the supplement has the
 * user's language, so a complete catalogue (a newer libadwaita, the
 * Flatpak runtime's) is used as it is. Call it after adw_init(), which
 * binds the domain to the system's folder.
 */
void
dd_i18n_supplement_libadwaita (void)
{
  const char *override = g_getenv ("DINGDAN_LOCALEDIR");
  g_autofree char *dir = NULL;

  if (g_strcmp0 (g_dgettext ("libadwaita", PROBE), PROBE) != 0)
    return;

  dir = override != NULL ? g_build_filename (override, "libadwaita", NULL)
                         : g_build_filename (PKGDATADIR, "locale", NULL);
  for (const char * const *name = g_get_language_names (); *name != NULL; name++)
    {
      g_autofree char *mo = g_build_filename (dir, *name, "LC_MESSAGES", "libadwaita.mo", NULL);

      if (g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        {
          g_debug ("libadwaita's translations supplemented from %s", dir);
          bindtextdomain ("libadwaita", dir);
          bind_textdomain_codeset ("libadwaita", "UTF-8");
          return;
        }
    }
}
