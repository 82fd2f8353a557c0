/* main.c: dingdan-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-cli.h"

int
main (int    argc,
      char **argv)
{
  return dd_cli_run (argc, argv);
}
