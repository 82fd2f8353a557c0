/* dd-cli-note.c: dingdan-cli note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   dingdan-cli note [--account ACCOUNT] ORDER-ID          prints the note
 *   dingdan-cli note [--account ACCOUNT] ORDER-ID TEXT     sets it
 *   dingdan-cli note [--account ACCOUNT] --clear ORDER-ID  removes it
 *   dingdan-cli note [--account ACCOUNT] --stdin           "ORDER-ID<TAB>TEXT" lines
 *
 * An order is named by its platform's order id (the `order_id` column of
 * `dingdan-cli orders`); when the cache holds that id under more than one
 * account, --account (the `account` column, or the account's name) picks
 * one. The notes live in the default cache, beside the window's.
 *
 * Every note is written in its own transaction and acknowledged only once
 * that transaction is committed: with --stdin one line per note on stdout,
 * "LINE<TAB>ORDER-ID<TAB>saved" (or "cleared" for an empty text), flushed at
 * once. A line that cannot be written is reported on stderr with its number
 * and changes nothing; the others go on, except after a failed write (a
 * full disk), which ends the run. Exit status 1 when any line failed.
 *
 * $DINGDAN_CLI_CACHE_MAX_PAGES (tests only) caps the cache file at its
 * current size (dd_cache_set_max_page_count): any growth fails as on a full
 * disk.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dd-cli-private.h"
#include "dd-marks.h"

typedef struct
{
  DdCache    *cache;
  const char *account_id;  /* NULL: any account */
} NoteTarget;

/* Writes @text (not NUL-terminated) then a newline to stdout, flushed. */
static gboolean
print_data (const char *text,
            gsize       len)
{
  return fwrite (text, 1, len, stdout) == len && fputc ('\n', stdout) != EOF && fflush (stdout) == 0;
}

/* The row of @order_id, or 0 with an error (unknown, or ambiguous without
 * an account). */
static gint64
find_order (NoteTarget  *target,
            const char  *order_id,
            GError     **error)
{
  g_autoptr(GArray) row_ids = NULL;
  DdQuery query = DD_QUERY_INIT;
  gint64 found = 0;
  guint n_found = 0;

  if (target->account_id != NULL)
    {
      g_autoptr(DdOrder) order = dd_cache_lookup_order (target->cache, target->account_id, order_id, error);

      if (order != NULL)
        return dd_order_get_row_id (order);
      if (error != NULL && *error != NULL)
        return 0;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: the first %s is an order id, the second an account's id or name. */
                   _("There is no order “%s” of the account “%s” in the cache."),
                   order_id, target->account_id);
      return 0;
    }

  /* Every account: the search finds the id among other text; keep the
   * orders whose id it is exactly. */
  query.search = order_id;
  row_ids = dd_cache_query_row_ids (target->cache, &query, error);
  if (row_ids == NULL)
    return 0;
  for (guint i = 0; i < row_ids->len; i++)
    {
      gint64 row_id = g_array_index (row_ids, gint64, i);
      g_autoptr(DdOrder) order = dd_cache_load_order (target->cache, row_id, error);

      if (order == NULL)
        return 0;
      if (g_strcmp0 (dd_order_get_order_id (order), order_id) == 0)
        {
          found = row_id;
          n_found++;
        }
    }

  if (n_found == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %s is an order id. */
                 _("There is no order “%s” in the cache."), order_id);
  else if (n_found > 1)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 /* Translators: %s is an order id; keep --account as it is. */
                 _("Several accounts have an order “%s”: choose one with --account."), order_id);
  return n_found == 1 ? found : 0;
}

/* Sets (or, for NULL or "", removes) the note of @order_id; TRUE once
 * committed. */
static gboolean
write_note (NoteTarget  *target,
            const char  *order_id,
            const char  *text,
            GError     **error)
{
  g_autoptr(GArray) row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 row_id = find_order (target, order_id, error);

  if (row_id == 0)
    return FALSE;
  g_array_append_val (row_ids, row_id);
  return dd_cache_set_note (target->cache, row_ids, text, error);
}

static int
show_note (NoteTarget *target,
           const char *order_id)
{
  g_autoptr(GError) error = NULL;
  DdMarks marks = DD_MARKS_INIT;
  gint64 row_id = find_order (target, order_id, &error);
  int status = EXIT_SUCCESS;

  if (row_id == 0 || !dd_cache_get_marks (target->cache, row_id, &marks, &error))
    {
      dd_cli_print_error (error->message);
      status = EXIT_FAILURE;
    }
  else if (marks.note == NULL)
    {
      /* Translators: %s is an order id. */
      g_autofree char *message = g_strdup_printf (_("The order “%s” has no note."), order_id);

      g_printerr ("%s\n", message);
    }
  else if (!print_data (marks.note, strlen (marks.note)))
    {
      dd_cli_print_error (_("Could not write the output."));
      status = EXIT_FAILURE;
    }
  dd_marks_clear (&marks);
  return status;
}

/* Reports a failed line of standard input. */
static void
print_line_error (guint       line_number,
                  const char *message)
{
  /* Translators: a line of standard input could not be used: %u is its
   * number, %s why. */
  g_autofree char *text = g_strdup_printf (_("Line %u: %s"), line_number, message);

  dd_cli_print_error (text);
}

static int
run_stdin (NoteTarget *target)
{
  char *line = NULL;
  size_t size = 0;
  ssize_t len;
  guint line_number = 0;
  gboolean failed = FALSE;

  while ((len = getline (&line, &size, stdin)) >= 0)
    {
      g_autoptr(GError) error = NULL;
      char *tab;
      const char *text;

      line_number++;
      if (len > 0 && line[len - 1] == '\n')
        line[--len] = '\0';
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (len == 0)
        continue;

      tab = strchr (line, '\t');
      if ((gsize) len != strlen (line) || !g_utf8_validate (line, len, NULL))
        {
          print_line_error (line_number, _("The line is not valid UTF-8 text."));
          failed = TRUE;
          continue;
        }
      if (tab == NULL || tab == line)
        {
          /* Translators: keep ORDER-ID and TAB in capitals (or translate them the same way as in --help). */
          print_line_error (line_number, _("Expected an order id, a TAB and the note."));
          failed = TRUE;
          continue;
        }
      *tab = '\0';
      text = tab + 1;

      if (!write_note (target, line, text, &error))
        {
          print_line_error (line_number, error->message);
          failed = TRUE;
          /* A failed write (unlike an unknown order) fails the next ones too. */
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
              !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
            break;
          continue;
        }

      /* Committed: acknowledge it. Data, not a message: untranslated. */
      if (fprintf (stdout, "%u\t%s\t%s\n", line_number, line, text[0] != '\0' ? "saved" : "cleared") < 0 ||
          fflush (stdout) != 0)
        {
          dd_cli_print_error (_("Could not write the output."));
          failed = TRUE;
          break;
        }
    }
  if (ferror (stdin))
    {
      /* Translators: %s is the system's reason. */
      g_autofree char *message = g_strdup_printf (_("Could not read standard input: %s"), g_strerror (errno));

      dd_cli_print_error (message);
      failed = TRUE;
    }
  free (line);

  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

int
dd_cli_cmd_note (DdCliGlobal  *global,
                 int           argc,
                 char        **argv)
{
  g_autofree char *account = NULL;
  gboolean clear = FALSE;
  gboolean from_stdin = FALSE;
  GOptionEntry entries[] = {
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account,
      N_("The account of the order (its id or name), when several have that order id"), N_("ACCOUNT") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      N_("Remove the order’s note"), NULL },
    { "stdin", 0, 0, G_OPTION_ARG_NONE, &from_stdin,
      N_("Read lines “ORDER-ID<TAB>TEXT” from standard input and set each note (an empty TEXT removes it); "
         "each is acknowledged on standard output as “LINE<TAB>ORDER-ID<TAB>saved” (or “cleared”) "
         "once it is written"),
      NULL },
    { NULL }
  };
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  NoteTarget target = { NULL, NULL };
  const char *max_pages;
  int status = 0;

  if (!dd_cli_parse_options ("note",
                             /* Translators: keep ORDER-ID as it is, or translate it as in the synopsis. */
                             _("Shows, sets or removes the note of a cached order. ORDER-ID is the "
                               "order_id column of “dingdan-cli orders”; --account picks the account "
                               "when several have that id.\n\n"
                               "  dingdan-cli note ORDER-ID             prints the note\n"
                               "  dingdan-cli note ORDER-ID TEXT        sets it\n"
                               "  dingdan-cli note --clear ORDER-ID     removes it\n"
                               "  dingdan-cli note --stdin < NOTES.tsv  sets many"),
                             entries, 2, &argc, &argv, &status))
    return status;
  if (global->sandbox)
    return dd_cli_usage_error (_("--sandbox is for “orders”; notes are kept in your order cache."), "note");
  if (from_stdin && (argc > 1 || clear))
    return dd_cli_usage_error (_("--stdin takes no order id, and cannot be used with --clear."), "note");
  if (!from_stdin && argc < 2)
    return dd_cli_usage_error (_("No order id given."), "note");
  if (clear && argc > 2)
    return dd_cli_usage_error (_("--clear takes no note text."), "note");
  if (argc > 2 && !g_utf8_validate (argv[2], -1, NULL))
    return dd_cli_usage_error (_("The note is not valid UTF-8 text."), "note");

  cache = dd_cli_open_cache (FALSE, &error);
  if (cache == NULL)
    {
      g_autofree char *path = dd_cache_default_path ();
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_strdup (error->message);
      else
        /* Translators: %s is a file name. */
        message = g_strdup_printf (_("There is no order cache at “%s” yet: sync an account first."), path);
      dd_cli_print_error (message);
      return EXIT_FAILURE;
    }
  target.cache = cache;

  if (account != NULL)
    {
      g_autoptr(GError) store_error = NULL;
      DdAccount *found = NULL;

      /* A name becomes its id; an id of a removed account may still have orders. */
      store = dd_cli_open_store (&store_error);
      if (store != NULL)
        found = dd_account_store_lookup (store, account);
      else
        g_debug ("Accounts not loaded: %s", store_error->message);
      target.account_id = found != NULL ? dd_account_get_id (found) : account;
    }

  max_pages = g_getenv ("DINGDAN_CLI_CACHE_MAX_PAGES");
  if (max_pages != NULL)
    dd_cache_set_max_page_count (cache, (guint) g_ascii_strtoull (max_pages, NULL, 10));

  if (from_stdin)
    return run_stdin (&target);
  if (argc == 2 && !clear)
    return show_note (&target, argv[1]);

  if (!write_note (&target, argv[1], clear ? NULL : argv[2], &error))
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  {
    g_autofree char *message = NULL;

    if (clear || argv[2][0] == '\0')
      /* Translators: %s is an order id. */
      message = g_strdup_printf (_("Removed the note of order %s."), argv[1]);
    else
      /* Translators: %s is an order id. */
      message = g_strdup_printf (_("Saved the note of order %s."), argv[1]);
    g_print ("%s\n", message);
  }
  return EXIT_SUCCESS;
}
