/* dd-cli.h: dingdan-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs dingdan-cli with @argv (argv[0] included); returns the exit status. */
int dd_cli_run (int    argc,
                char **argv);

G_END_DECLS
