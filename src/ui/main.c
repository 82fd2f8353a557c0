/* main.c: the dingdan program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "dd-application.h"
#include "dd-log.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DdApplication) app = NULL;

  dd_log_install ();
  setlocale (LC_ALL, "");
  /* $DINGDAN_LOCALEDIR: the build tree's po/ when running uninstalled (tests). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DINGDAN_LOCALEDIR") != NULL
                                   ? g_getenv ("DINGDAN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Dingdan"));

  app = dd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
