/* fuzz-common.c: what every libFuzzer target of Dingdan shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>

#include "fuzz-common.h"

static void
quiet_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  /* g_debug() and g_info() on bad input are expected: drop them. The
   * fatal levels never reach here (g_log aborts before the handler returns). */
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return;
  g_log_default_handler (log_domain, log_level, message, user_data);
}

static const char * const own_domains[] = {
  "Dingdan-Core", "Dingdan-Sandbox", "Dingdan-Fuzz",
};

/* A fatal g_log() (g_error(), or a critical made fatal) ends in
 * G_BREAKPOINT(): SIGTRAP, which libFuzzer does not handle, so it would
 * keep no crash input. Turned into an abort, which it does handle. */
static void
trap_to_abort (int signum)
{
  abort ();
}

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  signal (SIGTRAP, trap_to_abort);

  setlocale (LC_ALL, "C.UTF-8");
  /* A stable zone: the parsers must not depend on the desktop's. */
  g_setenv ("TZ", "UTC", TRUE);
  /* A critical anywhere is a finding; so is a warning of Dingdan's own
   * code. Libraries' warnings are not made fatal: libsoup 3.2 warns
   * ("value -67 … for property 'content-length'") on a request with a
   * negative Content-Length and carries on with a 400. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  for (guint i = 0; i < G_N_ELEMENTS (own_domains); i++)
    g_log_set_fatal_mask (own_domains[i], G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_default_handler (quiet_log_handler, NULL);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
