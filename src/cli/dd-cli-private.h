/* dd-cli-private.h: what dingdan-cli's command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dd-account-store.h"
#include "dd-cache.h"

G_BEGIN_DECLS

#define DD_CLI_EXIT_USAGE 2

typedef struct
{
  gboolean sandbox;
} DdCliGlobal;

/* Prints "dingdan-cli: MESSAGE" to stderr. */
void            dd_cli_print_error   (const char *message);
/* Prints @message and a hint at --help; returns DD_CLI_EXIT_USAGE. */
int             dd_cli_usage_error   (const char *message,
                                      const char *command);
/* Parses a command's options; at most @max_args arguments may remain after
 * them (argv[0] excluded). On a usage error prints it, sets @status and
 * returns FALSE. */
gboolean        dd_cli_parse_options (const char    *command,
                                      const char    *summary,
                                      GOptionEntry  *entries,
                                      int            max_args,
                                      int           *argc,
                                      char        ***argv,
                                      int           *status);

/* Waiting for one async call in a command that is otherwise synchronous:
 * pass dd_cli_wait_cb and the DdCliWait, then dd_cli_wait_run. */
typedef struct
{
  GAsyncResult *result;
} DdCliWait;

void            dd_cli_wait_cb       (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data);
/* Iterates the default main context until the call finished; returns its
 * result, owned by @wait (dd_cli_wait_clear frees it). */
GAsyncResult   *dd_cli_wait_run      (DdCliWait    *wait);
void            dd_cli_wait_clear    (DdCliWait    *wait);

/* The accounts of the default store, loaded. */
DdAccountStore *dd_cli_open_store    (GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* Connects @account (looks its secrets up): synchronous. */
gboolean        dd_cli_connect       (DdAccountStore *store,
                                      DdAccount      *account,
                                      GError        **error);
/* The default order cache when it exists (else NULL with no error, unless
 * @create). */
DdCache        *dd_cli_open_cache    (gboolean        create,
                                      GError        **error) G_GNUC_WARN_UNUSED_RESULT;

int             dd_cli_cmd_account   (DdCliGlobal  *global,
                                      int           argc,
                                      char        **argv);
int             dd_cli_cmd_note      (DdCliGlobal  *global,
                                      int           argc,
                                      char        **argv);
int             dd_cli_cmd_sync      (DdCliGlobal  *global,
                                      int           argc,
                                      char        **argv);

G_END_DECLS
