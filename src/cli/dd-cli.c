/* dd-cli.c: dingdan-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   dingdan-cli [--sandbox] COMMAND [OPTION…]
 *
 *   sandbox   runs the sandbox shop server in the foreground, prints its base
 *             URL on one line and serves until SIGINT or SIGTERM;
 *   orders    prints the cached orders as CSV or JSON; with --sandbox it first
 *             syncs the accounts of an in-process sandbox (one per platform:
 *             Taobao Taiwan, TOP seller, TOP procurement, PandaPon) into a
 *             temporary cache; else reads the default cache (--account,
 *             --status, --search, --from, --to and --modified filter it);
 *   account   add|list|test|remove: the accounts (dd-cli-account.c);
 *   sync      syncs the accounts into the default cache (dd-cli-sync.c).
 *
 * Data goes to stdout as UTF-8 whatever the locale (fwrite, not g_print,
 * which would convert to the locale's charset); messages go to stderr,
 * translated. Exit status: 0 success, 1 failure, 2 usage error.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "dd-account.h"
#include "dd-cache.h"
#include "dd-cli.h"
#include "dd-cli-private.h"
#include "dd-export.h"
#include "dd-http.h"
#include "dd-log.h"
#include "dd-sandbox.h"
#include "dd-sync-job.h"

typedef int (*CliCommandFunc) (DdCliGlobal  *global,
                               int           argc,
                               char        **argv);

/* ---- sandbox ---------------------------------------------------------------- */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static int
cmd_sandbox (DdCliGlobal  *global,
             int           argc,
             char        **argv)
{
  int port = 0;
  int n_orders = DD_SANDBOX_DEFAULT_ORDERS;
  gint64 seed = DD_SANDBOX_DEFAULT_SEED;
  gboolean hostile = FALSE;
  g_autofree char *app_key = NULL;
  g_autofree char *app_secret = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *faults = NULL;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port to listen on at 127.0.0.1 (0: any free port)"), N_("PORT") },
    { "orders", 'n', 0, G_OPTION_ARG_INT, &n_orders,
      N_("Number of generated orders (default: 500)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the generated shop (default: 1)"), N_("SEED") },
    { "app-key", 0, 0, G_OPTION_ARG_STRING, &app_key,
      N_("App key to accept (default: 100001)"), N_("KEY") },
    { "app-secret", 0, 0, G_OPTION_ARG_STRING, &app_secret,
      N_("App secret to verify signatures with (default: sandbox-secret)"), N_("SECRET") },
    { "access-token", 0, 0, G_OPTION_ARG_STRING, &access_token,
      N_("Access token to accept (default: sandbox-token)"), N_("TOKEN") },
    { "hostile", 0, 0, G_OPTION_ARG_NONE, &hostile,
      N_("Serve hostile text (markup, bidi overrides, control characters, invalid UTF-8) in one order in five"), NULL },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults,
      /* Translators: do not translate the fault names; see the README */
      N_("Faults to serve, as API=FAULT[*COUNT][@N],… (see the README)"), N_("SPEC") },
    { NULL }
  };
  g_autoptr(DdSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  guint sigint_id, sigterm_id;
  int status = 0;

  if (!dd_cli_parse_options ("sandbox",
                              _("Runs the sandbox shop server until interrupted, after printing its base URL."),
                              entries, 0, &argc, &argv, &status))
    return status;
  if (port < 0 || port > 65535)
    return dd_cli_usage_error (_("The port must be from 0 to 65535."), "sandbox");
  if (n_orders < 0)
    return dd_cli_usage_error (_("The number of orders cannot be negative."), "sandbox");
  if (seed < 0)
    return dd_cli_usage_error (_("The seed cannot be negative."), "sandbox");

  sandbox = dd_sandbox_new ((guint64) seed, (guint) n_orders, app_key, app_secret, access_token);
  dd_sandbox_set_hostile (sandbox, hostile || g_strcmp0 (g_getenv ("DINGDAN_SANDBOX_HOSTILE"), "1") == 0);
  if (faults != NULL && !dd_sandbox_add_faults_from_string (sandbox, faults, NULL))
    {
      g_auto(GStrv) items = g_strsplit (faults, ",", -1);
      g_autofree char *message = NULL;
      const char *bad = faults;

      /* Nothing was added: find the item that does not parse, to name it. */
      for (guint i = 0; items[i] != NULL; i++)
        {
          char *item = g_strstrip (items[i]);

          if (*item == '\0' || !dd_sandbox_add_faults_from_string (sandbox, item, NULL))
            {
              bad = item;
              break;
            }
        }
      /* Translators: %s is one item of the --faults option, such as
       * “taobao.trade.close=drip@500”; do not translate the fault names */
      message = g_strdup_printf (_("Bad fault “%s”: expected API=FAULT[*COUNT][@N], FAULT one of "
                                   "reset-before, reset-after, timeout, timeout-after, delay-before, "
                                   "http-5NN, ban, malformed, wrong-types, truncated, huge, drip."), bad);
      return dd_cli_usage_error (message, "sandbox");
    }
  if (!dd_sandbox_listen (sandbox, (guint) port, &error))
    {
      /* Translators: %s is a system error message. */
      g_autofree char *message = g_strdup_printf (_("Could not start the sandbox: %s"), error->message);

      dd_cli_print_error (message);
      return EXIT_FAILURE;
    }

  /* Whoever reads the URL may signal at once: handlers first. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  fprintf (stdout, "%s\n", dd_sandbox_get_base_url (sandbox));
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  return EXIT_SUCCESS;
}

/* ---- orders: output ----------------------------------------------------------- */

typedef enum
{
  FORMAT_CSV,
  FORMAT_JSON,
} OutputFormat;

static const char * const columns[] = {
  "order_id", "platform", "account", "status", "raw_status", "created", "modified",
  "buyer", "total", "currency", "shipping_fee", "payment_channel", "cash_on_delivery",
  "receiver", "phone", "address", "lines",
  NULL
};
#define N_COLUMNS (G_N_ELEMENTS (columns) - 1)

/* "2020-06-24T08:54:03.859Z", or "" for NULL. */
static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  if (time == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (time);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

static char *
format_money (const DdMoney *money)
{
  return money != NULL ? dd_money_to_decimal (money) : g_strdup ("");
}

/* The fields of one order, in the order of columns[] (new strings). */
static GStrv
order_fields (DdOrder *order)
{
  const DdDeliveryInfo *delivery = dd_order_get_delivery (order);
  const DdMoney *total = dd_order_get_total (order);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv fields;

#define ADD_TAKE(expr) G_STMT_START { char *s_ = (expr); g_strv_builder_add (builder, s_); g_free (s_); } G_STMT_END
#define ADD(str) g_strv_builder_add (builder, (str) != NULL ? (str) : "")
  ADD (dd_order_get_order_id (order));
  ADD (dd_order_get_platform (order));
  ADD (dd_order_get_account_id (order));
  ADD (dd_order_status_to_nick (dd_order_get_status (order)));
  ADD (dd_order_get_raw_status (order));
  ADD_TAKE (format_time (dd_order_get_created (order)));
  ADD_TAKE (format_time (dd_order_get_modified (order)));
  ADD (dd_order_get_buyer_name (order));
  ADD_TAKE (format_money (total));
  ADD (total != NULL ? total->currency : NULL);
  ADD_TAKE (format_money (dd_order_get_shipping_fee (order)));
  ADD (dd_order_get_payment_channel (order));
  ADD (dd_order_is_cash_on_delivery (order) ? "true" : "false");
  ADD (delivery != NULL ? delivery->receiver_name : NULL);
  ADD (delivery != NULL ? delivery->receiver_phone : NULL);
  ADD_TAKE (delivery != NULL ? dd_delivery_info_format_address (delivery) : g_strdup (""));
  ADD_TAKE (dd_export_format_items (order));
#undef ADD
#undef ADD_TAKE

  fields = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  g_assert (g_strv_length (fields) == N_COLUMNS);
  return fields;
}

static void
add_json_order (JsonBuilder *builder,
                DdOrder     *order)
{
  g_auto(GStrv) fields = order_fields (order);

  json_builder_begin_object (builder);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      json_builder_set_member_name (builder, columns[i]);
      if (g_str_equal (columns[i], "cash_on_delivery"))
        json_builder_add_boolean_value (builder, dd_order_is_cash_on_delivery (order));
      else if (g_str_equal (columns[i], "lines"))
        {
          json_builder_begin_array (builder);
          for (guint j = 0; j < dd_order_get_n_lines (order); j++)
            {
              DdOrderLine *line = dd_order_get_line (order, j);
              g_autofree char *sku = dd_order_line_format_sku_properties (line);
              g_autofree char *unit_fee = format_money (dd_order_line_get_unit_fee (line));

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "line_id");
              json_builder_add_string_value (builder, dd_order_line_get_line_id (line));
              json_builder_set_member_name (builder, "title");
              json_builder_add_string_value (builder, dd_order_line_get_title (line));
              json_builder_set_member_name (builder, "sku");
              json_builder_add_string_value (builder, sku);
              json_builder_set_member_name (builder, "quantity");
              json_builder_add_int_value (builder, dd_order_line_get_quantity (line));
              json_builder_set_member_name (builder, "unit_fee");
              json_builder_add_string_value (builder, unit_fee);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      else
        json_builder_add_string_value (builder, fields[i]);
    }
  json_builder_end_object (builder);
}

static gboolean
write_stdout (const char  *data,
              gsize        len,
              GError     **error)
{
  if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the output."));
      return FALSE;
    }
  return TRUE;
}

/* Prints the orders of @query from @cache, newest first. */
static gboolean
print_orders (DdCache        *cache,
              const DdQuery  *query,
              OutputFormat    format,
              GError        **error)
{
  g_autoptr(GArray) row_ids = dd_cache_query_row_ids (cache, query, error);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GString) csv = NULL;

  if (row_ids == NULL)
    return FALSE;

  if (format == FORMAT_CSV)
    {
      csv = g_string_new (NULL);
      dd_csv_append_row (csv, columns);
    }
  else
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < row_ids->len; i++)
    {
      g_autoptr(DdOrder) order = dd_cache_load_order (cache, g_array_index (row_ids, gint64, i), error);

      if (order == NULL)
        return FALSE;
      if (csv != NULL)
        {
          g_auto(GStrv) fields = order_fields (order);

          dd_csv_append_row (csv, (const char * const *) fields);
          /* Streamed: memory stays flat however many orders there are. */
          if (csv->len >= 64 * 1024)
            {
              if (!write_stdout (csv->str, csv->len, error))
                return FALSE;
              g_string_truncate (csv, 0);
            }
        }
      else
        add_json_order (builder, order);
    }

  if (csv != NULL)
    return write_stdout (csv->str, csv->len, error);
  else
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;
      gsize len;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, &len);
      return write_stdout (text, len, error) && write_stdout ("\n", 1, error);
    }
}

/* ---- orders: sources ---------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  guint      n_running;
  GPtrArray *failures;  /* (element-type utf8) "account: message" */
} SyncWait;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;
  DdSyncJob *job = DD_SYNC_JOB (source);
  g_autoptr(GError) error = NULL;

  if (!dd_sync_job_run_finish (job, result, &error))
    g_ptr_array_add (wait->failures,
                     /* Translators: one account's sync failed: %s is the account's
                      * id, the second %s why */
                     g_strdup_printf (_("Could not sync the account “%s”: %s"),
                                      dd_sync_job_get_account_id (job), error->message));

  if (--wait->n_running == 0)
    g_main_loop_quit (wait->loop);
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          if (!remove_tree (child, error))
            return FALSE;
        }
      else if (g_unlink (child) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", child, g_strerror (saved));
          return FALSE;
        }
    }
  if (g_rmdir (path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The ids of @accounts, "a, b, c", for messages. */
static char *
account_ids (GPtrArray *accounts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < accounts->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, dd_account_get_id (g_ptr_array_index (accounts, i)));
    }
  return g_string_free (text, FALSE);
}

/* Starts a default sandbox in its own thread, syncs its accounts (only
 * @only_account when not NULL) into a cache in @dir, all at once, and
 * returns the cache. Any account failing fails the whole: the output would
 * be incomplete. */
static DdCache *
sync_sandbox (const char  *dir,
              const char  *only_account,
              int         *status,
              GError     **error)
{
  g_autoptr(DdSandbox) sandbox = dd_sandbox_new (DD_SANDBOX_DEFAULT_SEED, DD_SANDBOX_DEFAULT_ORDERS,
                                                 NULL, NULL, NULL);
  g_autoptr(DdHttp) http = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *path = NULL;
  SyncWait wait = { 0 };

  *status = EXIT_FAILURE;

  /* $DINGDAN_SANDBOX_HOSTILE=1: hostile strings in its replies (issue H). */
  dd_sandbox_set_hostile (sandbox, g_strcmp0 (g_getenv ("DINGDAN_SANDBOX_HOSTILE"), "1") == 0);
  if (!dd_sandbox_start_in_thread (sandbox, 0, error))
    return NULL;

  http = dd_http_new ();
  accounts = dd_account_new_sandbox_set (http, dd_sandbox_get_base_url (sandbox),
                                         DD_SANDBOX_DEFAULT_APP_KEY, DD_SANDBOX_DEFAULT_APP_SECRET,
                                         DD_SANDBOX_DEFAULT_ACCESS_TOKEN);

  jobs = g_ptr_array_new_with_free_func (g_object_unref);
  path = g_build_filename (dir, "orders.db", NULL);
  cache = dd_cache_new (path, error);
  if (cache == NULL)
    return NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      DdAccount *account = g_ptr_array_index (accounts, i);

      if (only_account == NULL || g_str_equal (only_account, dd_account_get_id (account)))
        g_ptr_array_add (jobs, dd_sync_job_new (dd_account_get_client (account), cache,
                                                dd_account_get_id (account)));
    }

  if (jobs->len == 0)
    {
      g_autofree char *ids = account_ids (accounts);

      *status = DD_CLI_EXIT_USAGE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: the first %s is what the user gave, the second
                    * a list of account ids such as "sandbox-tw, sandbox-top" */
                   _("The sandbox has no account “%s”; it has %s."), only_account, ids);
      return NULL;
    }

  loop = g_main_loop_new (NULL, FALSE);
  failures = g_ptr_array_new_with_free_func (g_free);
  wait.loop = loop;
  wait.failures = failures;
  wait.n_running = jobs->len;
  for (guint i = 0; i < jobs->len; i++)
    dd_sync_job_run_async (g_ptr_array_index (jobs, i), NULL, sync_done_cb, &wait);
  g_main_loop_run (loop);

  if (failures->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (failures, NULL);
      message = g_strjoinv ("\n", (char **) failures->pdata);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
      return NULL;
    }

  *status = EXIT_SUCCESS;
  return g_steal_pointer (&cache);
}

/* The id of the account called @id_or_name in the store (kept in @store),
 * or else @id_or_name itself: orders of a removed account may remain. */
static const char *
resolve_account (const char      *id_or_name,
                 DdAccountStore **store)
{
  g_autoptr(GError) error = NULL;
  DdAccount *account;

  *store = dd_cli_open_store (&error);
  if (*store == NULL)
    {
      g_debug ("Accounts not loaded: %s", error->message);
      return id_or_name;
    }
  account = dd_account_store_lookup (*store, id_or_name);
  return account != NULL ? dd_account_get_id (account) : id_or_name;
}

/* A day as YYYY-MM-DD (a day of the user's calendar) → its Julian day
 * number, or 0 when @text is not one. */
static guint32
parse_day (const char *text)
{
  unsigned int year, month, day;
  GDate date;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return 0;
  if (sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static int
cmd_orders (DdCliGlobal  *global,
            int           argc,
            char        **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *status_name = NULL;
  g_autofree char *account = NULL;
  g_autofree char *search = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean by_modified = FALSE;
  gboolean sandbox = global->sandbox;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: csv (default) or json"), N_("FORMAT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name,
      N_("Only orders with this status: unpaid, to-ship, shipped, completed, closed, after-sale, failed or unknown"),
      N_("STATUS") },
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account,
      N_("Only the orders of this account (its id or name)"), N_("ACCOUNT") },
    { "search", 'q', 0, G_OPTION_ARG_STRING, &search,
      N_("Only orders whose id, buyer, receiver, tracking number or product title contains this text"),
      N_("TEXT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only orders created on this day or later (YYYY-MM-DD, in your time zone)"), N_("DAY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only orders created on this day or earlier (YYYY-MM-DD, in your time zone)"), N_("DAY") },
    { "modified", 0, 0, G_OPTION_ARG_NONE, &by_modified,
      N_("Make --from and --to select by when the orders last changed instead"), NULL },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &sandbox,
      N_("Sync the built-in sandbox’s accounts of every platform into a temporary cache and list their orders"),
      NULL },
    { NULL }
  };
  DdQuery query = DD_QUERY_INIT;
  OutputFormat format = FORMAT_CSV;
  g_autoptr(DdCache) cache = NULL;
  g_autoptr(DdAccountStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  int status = 0;
  int sync_status = EXIT_FAILURE;
  gboolean ok;

  if (!dd_cli_parse_options ("orders", _("Prints the cached orders, newest first."),
                              entries, 0, &argc, &argv, &status))
    return status;

  if (format_name == NULL || g_str_equal (format_name, "csv"))
    format = FORMAT_CSV;
  else if (g_str_equal (format_name, "json"))
    format = FORMAT_JSON;
  else
    {
      /* Translators: %s is what the user gave; keep "csv" and "json" as they are. */
      g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: use csv or json."), format_name);

      return dd_cli_usage_error (message, "orders");
    }

  if (status_name != NULL)
    {
      DdOrderStatus wanted;

      if (!dd_order_status_from_nick (status_name, &wanted))
        {
          /* Translators: %s is what the user gave. */
          g_autofree char *message = g_strdup_printf (_("Unknown status “%s”."), status_name);

          return dd_cli_usage_error (message, "orders");
        }
      query.status = (gint) wanted;
    }
  query.account_id = account;
  query.search = search;
  query.date_field = by_modified ? DD_DATE_MODIFIED : DD_DATE_CREATED;
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? from_text : to_text;
      guint32 *day = i == 0 ? &query.from_day : &query.to_day;

      if (text == NULL)
        continue;
      *day = parse_day (text);
      if (*day == 0)
        {
          /* Translators: %s is what the user gave; keep YYYY-MM-DD as it is. */
          g_autofree char *message = g_strdup_printf (_("“%s” is not a day: write it as YYYY-MM-DD."), text);

          return dd_cli_usage_error (message, "orders");
        }
    }
  if (query.from_day != 0 && query.to_day != 0 && query.from_day > query.to_day)
    return dd_cli_usage_error (_("The --from day comes after the --to day."), "orders");

  if (sandbox)
    {
      tmp_dir = g_dir_make_tmp ("dingdan-cli-XXXXXX", &error);
      if (tmp_dir != NULL)
        cache = sync_sandbox (tmp_dir, account, &sync_status, &error);
    }
  else
    {
      g_autofree char *path = dd_cache_default_path ();

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Translators: %s is a file name. */
          g_autofree char *message = g_strdup_printf (_("There is no order cache at “%s” yet: sync an account "
                                                        "first, or try --sandbox."), path);

          dd_cli_print_error (message);
          return EXIT_FAILURE;
        }
      cache = dd_cache_new (path, &error);
      if (cache != NULL && account != NULL)
        query.account_id = resolve_account (account, &store);
    }

  ok = cache != NULL && print_orders (cache, &query, format, &error);
  g_clear_object (&cache);

  if (tmp_dir != NULL)
    {
      g_autoptr(GError) cleanup_error = NULL;

      if (!remove_tree (tmp_dir, &cleanup_error))
        g_warning ("Could not remove %s: %s", tmp_dir, cleanup_error->message);
    }

  if (!ok)
    {
      if (sync_status == DD_CLI_EXIT_USAGE)
        return dd_cli_usage_error (error->message, "orders");
      dd_cli_print_error (error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}

/* ---- the entry point ------------------------------------------------------------ */

static const struct
{
  const char     *name;
  CliCommandFunc  run;
  const char     *summary;
} commands[] = {
  { "account", dd_cli_cmd_account, N_("Add, list, test or remove the accounts of your shops") },
  { "note", dd_cli_cmd_note, N_("Show, set or remove the note of a cached order") },
  { "orders", cmd_orders, N_("Print the cached orders as CSV or JSON") },
  { "sandbox", cmd_sandbox, N_("Run the sandbox shop server until interrupted") },
  { "sync", dd_cli_cmd_sync, N_("Fetch the accounts’ new and changed orders into the cache") },
};

static char *
commands_summary (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-10s %s", commands[i].name, _(commands[i].summary));
  return g_string_free (text, FALSE);
}

int
dd_cli_run (int    argc,
            char **argv)
{
  DdCliGlobal global = { FALSE };
  GOptionEntry entries[] = {
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &global.sandbox,
      N_("Work on a built-in sandbox shop instead of the cache"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *command;

  dd_log_install ();
  setlocale (LC_ALL, "");
  /* $DINGDAN_LOCALEDIR: the build tree's po/ when running uninstalled (tests). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("DINGDAN_LOCALEDIR") != NULL
                                   ? g_getenv ("DINGDAN_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_set_prgname ("dingdan-cli");
  /* Stdout carries data (CSV, JSON, the base URL): logs go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* Translators: the command line's synopsis; keep COMMAND and OPTION in capitals. */
  context = g_option_context_new (_("COMMAND [OPTION…]"));
  summary = commands_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, _("Run “dingdan-cli COMMAND --help” for the options of a command."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Stop at the command: what follows belongs to it. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return dd_cli_usage_error (error->message, NULL);

  if (argc < 2)
    return dd_cli_usage_error (_("No command given."), NULL);

  command = argv[1];
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      return commands[i].run (&global, argc - 1, argv + 1);

  {
    /* Translators: %s is what the user typed as a command. */
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), command);

    return dd_cli_usage_error (message, NULL);
  }
}
