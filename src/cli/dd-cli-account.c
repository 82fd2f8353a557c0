/* dd-cli-account.c: dingdan-cli account add|list|test|remove
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets never come from the command line (other users see it in the
 * process list) nor the environment: `account add` reads them from standard
 * input, one a line, without echo when that is a terminal, byte by byte so
 * that no stdio buffer keeps a copy, and wipes them once the keyring has
 * them.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dd-cli-private.h"
#include "dd-order.h"
#include "dd-secrets.h"

#define SECRET_MAX 4096

/* ---- reading secrets ---------------------------------------------------------- */

typedef struct
{
  char *app_secret;
  char *access_token;
  char *refresh_token;
} Secrets;

static void
secrets_clear (Secrets *secrets)
{
  g_clear_pointer (&secrets->app_secret, dd_secrets_free);
  g_clear_pointer (&secrets->access_token, dd_secrets_free);
  g_clear_pointer (&secrets->refresh_token, dd_secrets_free);
}

/* One line of standard input, read a byte at a time, without its line end
 * and surrounding blanks; NULL at the end of the input before any byte. */
static char *
read_stdin_line (GError **error)
{
  char buffer[SECRET_MAX];
  gsize len = 0;
  gboolean got_any = FALSE;
  gboolean too_long = FALSE;
  char *line;

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          explicit_bzero (buffer, sizeof buffer);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       /* Translators: %s is the system's reason. */
                       _("Could not read standard input: %s"), g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      got_any = TRUE;
      if (c == '\n')
        break;
      if (len < sizeof buffer - 1)
        buffer[len++] = c;
      else
        too_long = TRUE;
    }

  if (too_long)
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A line of standard input is too long to be a secret."));
      return NULL;
    }
  if (!got_any)
    return NULL;

  line = g_strndup (buffer, len);
  explicit_bzero (buffer, sizeof buffer);
  return g_strstrip (line);
}

/* The terminal's settings while echo is off, for the signal handler. */
static struct termios saved_termios;

static void
restore_echo_and_die (int signum)
{
  /* Async-signal-safe: tcsetattr, signal and raise only. */
  tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Prompts on the terminal and reads a line without echo; an interrupt
 * meanwhile gives the echo back before the process dies. */
static char *
prompt_secret (const char  *prompt,
               GError     **error)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
  struct sigaction handler = { 0 }, previous[G_N_ELEMENTS (signals)];
  struct termios quiet;
  gboolean quieted = FALSE;
  char *line;

  /* Echo off before the prompt, and without discarding input (TCSANOW, not
   * TCSAFLUSH): whatever is typed or pasted after the prompt is the secret. */
  if (tcgetattr (STDIN_FILENO, &saved_termios) == 0)
    {
      handler.sa_handler = restore_echo_and_die;
      sigemptyset (&handler.sa_mask);
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        sigaction (signals[i], &handler, &previous[i]);
      quiet = saved_termios;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
      quieted = TRUE;
    }
  g_printerr ("%s ", prompt);
  line = read_stdin_line (error);
  if (quieted)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
      for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
        sigaction (signals[i], &previous[i], NULL);
    }
  g_printerr ("\n");
  return line;
}

/* The name of the token the platform needs, for people; NULL when none. */
static const char *
token_name (const char *platform)
{
  if (g_str_equal (platform, DD_PLATFORM_TW))
    return _("access token");
  if (g_str_equal (platform, DD_PLATFORM_TOP) || g_str_equal (platform, DD_PLATFORM_TOP_PC))
    return _("session key");
  return NULL;
}

static gboolean
read_secrets (const char  *platform,
              Secrets     *secrets,
              GError     **error)
{
  gboolean terminal = isatty (STDIN_FILENO);
  const char *token = token_name (platform);
  gboolean wants_refresh = g_str_equal (platform, DD_PLATFORM_TW);
  GError *local_error = NULL;

  if (terminal)
    secrets->app_secret = prompt_secret (_("App secret:"), &local_error);
  else
    secrets->app_secret = read_stdin_line (&local_error);
  if (local_error != NULL)
    goto failed;
  if (secrets->app_secret == NULL || secrets->app_secret[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("No app secret on standard input: give it as the first line. "
                             "Secrets are never taken from the command line."));
      return FALSE;
    }

  if (token != NULL)
    {
      if (terminal)
        {
          const char *prompt = g_str_equal (platform, DD_PLATFORM_TW) ? _("Access token:") : _("Session key:");

          secrets->access_token = prompt_secret (prompt, &local_error);
        }
      else
        secrets->access_token = read_stdin_line (&local_error);
      if (local_error != NULL)
        goto failed;
      if (secrets->access_token == NULL || secrets->access_token[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is "access token" or "session key". */
                       _("No %s on standard input: give it as the second line, after the app secret."),
                       token);
          return FALSE;
        }
    }

  if (wants_refresh)
    {
      if (terminal)
        secrets->refresh_token = prompt_secret (_("Refresh token (optional, Enter for none):"), &local_error);
      else
        secrets->refresh_token = read_stdin_line (&local_error);
      if (local_error != NULL)
        goto failed;
      if (secrets->refresh_token != NULL && secrets->refresh_token[0] == '\0')
        g_clear_pointer (&secrets->refresh_token, dd_secrets_free);
    }
  return TRUE;

failed:
  g_propagate_error (error, local_error);
  return FALSE;
}

/* An option that looks like it carries a secret: refused without echoing
 * its value. Returns the option's name (new string) or NULL. */
static char *
find_secret_option (int    argc,
                    char **argv)
{
  static const char * const words[] = { "secret", "token", "session", "password", "passwd", NULL };

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *folded = NULL;

      if (g_str_equal (argv[i], "--"))
        break;
      if (argv[i][0] != '-')
        continue;
      name = g_strndup (argv[i], strcspn (argv[i], "="));
      folded = g_ascii_strdown (name, -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (strstr (folded, words[j]) != NULL)
          return g_steal_pointer (&name);
    }
  return NULL;
}

/* ---- account add ----------------------------------------------------------------- */

static int
account_add (int    argc,
             char **argv)
{
  g_autofree char *platform = NULL;
  g_autofree char *name = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *key = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *sign_method = NULL;
  GOptionEntry entries[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &platform,
      N_("The platform: top (Taobao seller), top-pc (Taobao procurement), tw (Taobao Taiwan) or pandapon"),
      N_("PLATFORM") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("A name for the account, unique among yours"), N_("NAME") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("The platform’s address (default: its public one); https unless the host is this computer"),
      N_("URL") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key,
      N_("The app key (PandaPon: the access key)"), N_("KEY") },
    { "user-id", 0, 0, G_OPTION_ARG_STRING, &user_id,
      N_("PandaPon: the user id; Taobao procurement: the buyer id"), N_("ID") },
    { "sign-method", 0, 0, G_OPTION_ARG_STRING, &sign_method,
      N_("Taobao: how requests are signed: md5, hmac or hmac-sha256 (default)"), N_("METHOD") },
    { NULL }
  };
  g_autofree char *secret_option = find_secret_option (argc, argv);
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(DdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  Secrets secrets = { NULL };
  DdAccountSpec spec = { NULL };
  DdCliWait wait = { NULL };
  int status = 0;

  if (secret_option != NULL)
    {
      /* Translators: %s is an option such as "--secret". */
      g_autofree char *message = g_strdup_printf (_("There is no option “%s”: secrets are never taken from the "
                                                    "command line, where others can see them. Give them on "
                                                    "standard input: the app secret on the first line, the "
                                                    "session key or access token on the second."),
                                                  secret_option);

      return dd_cli_usage_error (message, "account add");
    }

  if (!dd_cli_parse_options ("account add",
                             _("Adds an account. Its secrets are read from standard input, one a line: the app "
                               "secret (PandaPon: the secret), then the session key (Taobao) or access token "
                               "(Taobao Taiwan), then optionally Taobao Taiwan’s refresh token. They are kept "
                               "in the system keyring only."),
                             entries, G_MAXINT / 2, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return dd_cli_usage_error (_("“account add” takes no arguments, only options; secrets go on standard input."),
                               "account add");
  if (platform == NULL)
    return dd_cli_usage_error (_("Which platform? Give --platform top, top-pc, tw or pandapon."), "account add");
  if (!g_str_equal (platform, DD_PLATFORM_TOP) && !g_str_equal (platform, DD_PLATFORM_TOP_PC)
      && !g_str_equal (platform, DD_PLATFORM_TW) && !g_str_equal (platform, DD_PLATFORM_PANDAPON))
    {
      /* Translators: %s is what the user gave; keep top, top-pc, tw and pandapon as they are. */
      g_autofree char *message = g_strdup_printf (_("Unknown platform “%s”: use top, top-pc, tw or pandapon."),
                                                  platform);

      return dd_cli_usage_error (message, "account add");
    }

  store = dd_cli_open_store (&error);
  if (store == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }

  spec.platform = platform;
  spec.name = name;
  spec.endpoint = endpoint;
  spec.key = key;
  spec.user_id = user_id;
  spec.sign_method = sign_method;

  /* Everything but the secrets first: no prompting for them in vain. The
   * placeholders only stand for "given". */
  spec.app_secret = "-";
  spec.access_token = token_name (platform) != NULL ? "-" : NULL;
  if (!dd_account_store_validate (store, &spec, NULL, &error))
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }

  if (!read_secrets (platform, &secrets, &error))
    {
      secrets_clear (&secrets);
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  spec.app_secret = secrets.app_secret;
  spec.access_token = secrets.access_token;
  spec.refresh_token = secrets.refresh_token;

  dd_account_store_add_async (store, &spec, NULL, dd_cli_wait_cb, &wait);
  account = dd_account_store_add_finish (store, dd_cli_wait_run (&wait), &error);
  dd_cli_wait_clear (&wait);
  secrets_clear (&secrets);
  if (account == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }

  {
    /* Translators: the first %s is the account's name, the second its id. */
    g_autofree char *message = g_strdup_printf (_("Added the account “%s”, id %s."),
                                                dd_account_get_name (account), dd_account_get_id (account));

    g_print ("%s\n", message);
  }
  return EXIT_SUCCESS;
}

/* ---- account list ------------------------------------------------------------------ */

static const char *
state_nick (DdAccountState state)
{
  switch (state)
    {
    case DD_ACCOUNT_STATE_CONNECTED: return "connected";
    case DD_ACCOUNT_STATE_NO_KEYRING: return "no-keyring";
    case DD_ACCOUNT_STATE_MISSING_SECRET: return "missing-secret";
    case DD_ACCOUNT_STATE_REAUTHORIZE: return "reauthorize";
    case DD_ACCOUNT_STATE_DISCONNECTED:
    default: return "disconnected";
    }
}

static const char *
state_words (DdAccountState state)
{
  switch (state)
    {
    case DD_ACCOUNT_STATE_CONNECTED: return _("connected");
    case DD_ACCOUNT_STATE_NO_KEYRING: return _("keyring unavailable");
    case DD_ACCOUNT_STATE_MISSING_SECRET: return _("secret missing");
    case DD_ACCOUNT_STATE_REAUTHORIZE: return _("authorise again");
    case DD_ACCOUNT_STATE_DISCONNECTED:
    default: return _("not connected");
    }
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The STATE column: the state, or when connected how the last sync went
 * (the JSON output has the details). */
static char *
format_state (DdAccount *account)
{
  DdAccountState state = dd_account_get_state (account);
  GDateTime *throttled_until = dd_account_get_throttled_until (account);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (state == DD_ACCOUNT_STATE_CONNECTED && throttled_until != NULL
      && g_date_time_compare (throttled_until, now) > 0)
    {
      g_autofree char *until = format_local_time (throttled_until);

      /* Translators: %s is a date and time; the platform asked to wait. */
      return g_strdup_printf (_("throttled until %s"), until);
    }
  if (state == DD_ACCOUNT_STATE_CONNECTED && dd_account_get_last_error (account) != NULL)
    return g_strdup (_("last sync failed"));
  return g_strdup (state_words (state));
}

static char *
format_utc_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Columns on a terminal: wide (CJK) characters take two. */
static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

#define N_LIST_COLUMNS 6

static void
print_table (GPtrArray *rows)
{
  gsize widths[N_LIST_COLUMNS] = { 0 };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint j = 0; j < N_LIST_COLUMNS; j++)
        widths[j] = MAX (widths[j], display_width (row[j]));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint j = 0; j < N_LIST_COLUMNS; j++)
        {
          g_string_append (out, row[j]);
          if (j + 1 < N_LIST_COLUMNS)
            for (gsize k = display_width (row[j]); k < widths[j] + 2; k++)
              g_string_append_c (out, ' ');
        }
      g_string_append_c (out, '\n');
    }
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
  g_string_free (out, TRUE);
}

static void
add_json_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_json_account (JsonBuilder *builder,
                  DdAccount   *account)
{
  g_autofree char *last_synced = format_utc_time (dd_account_get_last_synced (account));
  g_autofree char *throttled = format_utc_time (dd_account_get_throttled_until (account));

  json_builder_begin_object (builder);
  add_json_string (builder, "id", dd_account_get_id (account));
  add_json_string (builder, "name", dd_account_get_name (account));
  add_json_string (builder, "platform", dd_account_get_platform (account));
  add_json_string (builder, "endpoint", dd_account_get_endpoint (account));
  add_json_string (builder, "key", dd_account_get_key (account));
  add_json_string (builder, "user_id", dd_account_get_user_id (account));
  add_json_string (builder, "sign_method", dd_account_get_sign_method (account));
  add_json_string (builder, "state", state_nick (dd_account_get_state (account)));
  add_json_string (builder, "state_message", dd_account_get_state_message (account));
  add_json_string (builder, "last_synced", last_synced);
  add_json_string (builder, "throttled_until", throttled);
  add_json_string (builder, "last_error", dd_account_get_last_error (account));
  json_builder_end_object (builder);
}

static int
account_list (int    argc,
              char **argv)
{
  g_autofree char *format = NULL;
  gboolean offline = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: table (default) or json"), N_("FORMAT") },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("Do not look the secrets up in the keyring (the state then says “not connected”)"), NULL },
    { NULL }
  };
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;
  guint n_accounts;
  int status = 0;

  if (!dd_cli_parse_options ("account list", _("Lists the accounts and their state."),
                             entries, 0, &argc, &argv, &status))
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "table"))
    {
      /* Translators: %s is what the user gave; keep "table" and "json" as they are. */
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: use table or json."), format);

      return dd_cli_usage_error (message, "account list");
    }

  store = dd_cli_open_store (&error);
  if (store == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  n_accounts = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* Connecting tells whether the keyring has the secrets. */
  for (guint i = 0; i < n_accounts && !offline; i++)
    {
      g_autoptr(DdAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(GError) connect_error = NULL;

      if (!dd_cli_connect (store, account, &connect_error))
        g_debug ("Could not connect %s: %s", dd_account_get_id (account), connect_error->message);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n_accounts; i++)
        {
          g_autoptr(DdAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);

          add_json_account (builder, account);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      fprintf (stdout, "%s\n", text);
      fflush (stdout);
      return EXIT_SUCCESS;
    }

  if (n_accounts == 0)
    {
      g_printerr ("%s\n", _("No accounts yet: add one with “dingdan-cli account add”."));
      return EXIT_SUCCESS;
    }

  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    char *header[] = {
      /* Translators: column headings of "dingdan-cli account list". */
      g_strdup (_("ID")), g_strdup (_("NAME")), g_strdup (_("PLATFORM")), g_strdup (_("ENDPOINT")),
      g_strdup (_("STATE")), g_strdup (_("LAST SYNCED")), NULL
    };

    g_ptr_array_add (rows, g_strdupv (header));
    for (guint i = 0; i < G_N_ELEMENTS (header); i++)
      g_free (header[i]);
    for (guint i = 0; i < n_accounts; i++)
      {
        g_autoptr(DdAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);
        g_autofree char *synced = format_local_time (dd_account_get_last_synced (account));
        const char *endpoint = dd_account_get_endpoint (account);
        char **row = g_new0 (char *, N_LIST_COLUMNS + 1);

        row[0] = g_strdup (dd_account_get_id (account));
        row[1] = g_strdup (dd_account_get_name (account));
        row[2] = g_strdup (dd_account_get_platform (account));
        row[3] = g_strdup (endpoint != NULL && endpoint[0] != '\0' ? endpoint : _("(default)"));
        row[4] = format_state (account);
        row[5] = synced != NULL ? g_steal_pointer (&synced) : g_strdup (_("never"));
        g_ptr_array_add (rows, row);
      }
    print_table (rows);
  }
  return EXIT_SUCCESS;
}

/* ---- account remove, account test ----------------------------------------------- */

/* The account named by the one argument; prints why not and sets @status. */
static DdAccount *
find_account (DdAccountStore *store,
              const char     *command,
              int             argc,
              char          **argv,
              int            *status)
{
  DdAccount *account;

  if (argc < 2)
    {
      *status = dd_cli_usage_error (_("Which account? Give its id or name."), command);
      return NULL;
    }
  account = dd_account_store_lookup (store, argv[1]);
  if (account == NULL)
    {
      /* Translators: %s is what the user gave. */
      g_autofree char *message = g_strdup_printf (_("There is no account “%s”: see “dingdan-cli account list”."),
                                                  argv[1]);

      dd_cli_print_error (message);
      *status = EXIT_FAILURE;
      return NULL;
    }
  return g_object_ref (account);
}

static int
account_remove (int    argc,
                char **argv)
{
  gboolean keep_orders = FALSE;
  GOptionEntry entries[] = {
    { "keep-orders", 0, 0, G_OPTION_ARG_NONE, &keep_orders,
      N_("Keep the account’s orders in the cache"), NULL },
    { NULL }
  };
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(DdAccount) account = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  DdCliWait wait = { NULL };
  gboolean ok;
  int status = 0;

  if (!dd_cli_parse_options ("account remove",
                             _("Removes an account (by id or name) and its secrets from the keyring, and "
                               "deletes its cached orders unless told to keep them."),
                             entries, 1, &argc, &argv, &status))
    return status;

  store = dd_cli_open_store (&error);
  if (store == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  account = find_account (store, "account remove", argc, argv, &status);
  if (account == NULL)
    return status;

  if (!keep_orders)
    {
      cache = dd_cli_open_cache (FALSE, &error);
      if (cache == NULL && error != NULL)
        {
          dd_cli_print_error (error->message);
          return EXIT_FAILURE;
        }
    }

  dd_account_store_remove_async (store, account, cache, NULL, dd_cli_wait_cb, &wait);
  ok = dd_account_store_remove_finish (store, dd_cli_wait_run (&wait), &error);
  dd_cli_wait_clear (&wait);
  if (!ok)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }

  {
    g_autofree char *message = NULL;

    if (keep_orders)
      /* Translators: %s is the account's name. */
      message = g_strdup_printf (_("Removed the account “%s” and its secrets; its cached orders were kept."),
                                 dd_account_get_name (account));
    else
      /* Translators: %s is the account's name. */
      message = g_strdup_printf (_("Removed the account “%s”, its secrets and its cached orders."),
                                 dd_account_get_name (account));
    g_print ("%s\n", message);
  }
  return EXIT_SUCCESS;
}

static int
account_test (int    argc,
              char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(DdAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  DdCliWait wait = { NULL };
  int status = 0;

  if (!dd_cli_parse_options ("account test",
                             _("Tests an account (by id or name) with one cheap read from its platform."),
                             entries, 1, &argc, &argv, &status))
    return status;

  store = dd_cli_open_store (&error);
  if (store == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  account = find_account (store, "account test", argc, argv, &status);
  if (account == NULL)
    return status;

  if (!dd_cli_connect (store, account, &error))
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  dd_account_store_test_async (store, account, NULL, dd_cli_wait_cb, &wait);
  sentence = dd_account_store_test_finish (store, dd_cli_wait_run (&wait), &error);
  dd_cli_wait_clear (&wait);
  /* The test may have renewed Taiwan's tokens: keep them. */
  dd_account_store_flush (store, 10000);
  if (sentence == NULL)
    {
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  g_print ("%s\n", sentence);
  return EXIT_SUCCESS;
}

/* ---- account ------------------------------------------------------------------------ */

static const struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} subcommands[] = {
  { "add", account_add, N_("Add an account; its secrets are read from standard input") },
  { "list", account_list, N_("List the accounts and their state") },
  { "remove", account_remove, N_("Remove an account, its secrets and its cached orders") },
  { "test", account_test, N_("Test an account with one cheap read") },
};

static void
print_account_help (void)
{
  GString *text = g_string_new (NULL);

  /* Translators: the synopsis of "dingdan-cli account"; keep COMMAND in capitals. */
  g_string_append_printf (text, "%s\n\n", _("Usage: dingdan-cli account COMMAND [OPTION…]"));
  g_string_append (text, _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    g_string_append_printf (text, "\n  %-8s %s", subcommands[i].name, _(subcommands[i].summary));
  g_print ("%s\n", text->str);
  g_string_free (text, TRUE);
}

int
dd_cli_cmd_account (DdCliGlobal  *global,
                    int           argc,
                    char        **argv)
{
  const char *name;

  if (global->sandbox)
    return dd_cli_usage_error (_("--sandbox is for “orders”; accounts live in your configuration."), "account");
  if (argc < 2)
    return dd_cli_usage_error (_("No account command given: add, list, test or remove."), "account");

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_account_help ();
      return EXIT_SUCCESS;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (name, subcommands[i].name))
      return subcommands[i].run (argc - 1, argv + 1);

  {
    /* Translators: %s is what the user typed after "account". */
    g_autofree char *message = g_strdup_printf (_("Unknown account command “%s”: use add, list, test or remove."),
                                                name);

    return dd_cli_usage_error (message, "account");
  }
}
