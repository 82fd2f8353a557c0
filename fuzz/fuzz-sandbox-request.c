/* fuzz-sandbox-request.c: the sandbox's request handling, from the bytes on
 * the wire to each platform's parameter checks (dd-sandbox.c collect_params,
 * soup_form_decode, the handlers of dd-sandbox-tw/top/pp*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a raw HTTP/1.1 request. One sandbox (seed 1, 20 orders) serves on
 * 127.0.0.1 for the whole run, on a main context this harness iterates; each input is
 * written on a fresh connection, the writing side is shut, and the answer is
 * read to its end (or to the server's close). A server that neither answers
 * nor closes within 10 s is a finding (abort). The shop keeps its state
 * between inputs, as a real one would; its clock stands at FUZZ_EPOCH_MS. Every 1000 inputs the open
 * descriptors are counted: connections the server does not drop fail.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "dd-sandbox.h"
#include "dd-sandbox-private.h"
#include "fuzz-common.h"

static DdSandbox *sandbox;  /* lives for the run */
static GMainContext *context;
static guint port;
static guint n_inputs;
static guint baseline_fds;

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
start_sandbox (void)
{
  g_autoptr(GError) error = NULL;

  if (sandbox != NULL)
    return;
  sandbox = dd_sandbox_new (1, 20, NULL, NULL, NULL);
  /* On a context of this thread's own: the server runs only while this
   * harness iterates it, so each input is handled, answered and torn down
   * before LLVMFuzzerTestOneInput() returns. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  if (!dd_sandbox_listen (sandbox, 0, &error))
    g_error ("sandbox: %s", error->message);
  port = dd_sandbox_get_port (sandbox);
  baseline_fds = count_fds ();
}

/* One whole HTTP answer: its head and Content-Length bytes of body. */
static gboolean
answer_complete (GByteArray *answer)
{
  const char *data = (const char *) answer->data;
  const char *end = g_strstr_len (data, answer->len, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 length = 0;

  if (end == NULL)
    return FALSE;
  head = g_strndup (data, end - data);
  lines = g_strsplit (head, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
      length = g_ascii_strtoull (lines[i] + 15, NULL, 10);
  return answer->len >= (gsize) (end + 4 - data) + length;
}

/* Runs the server until @fd is ready for @condition (or 10 s passed: a hang
 * is a finding). */
static void
wait_fd (int          fd,
         GIOCondition condition)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GPollFD poll_fd = { fd, condition, 0 };

  for (;;)
    {
      while (g_main_context_iteration (context, FALSE))
        ;
      poll_fd.revents = 0;
      if (g_poll (&poll_fd, 1, 1) > 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the sandbox neither answered nor closed within 10 s");
    }
}

/* The input with "Connection: close" after its first line: libsoup 3.2
 * never drops an idle keep-alive connection that its client closed (its
 * socket stays in CLOSE_WAIT, unreachable: fixed upstream in 3.3.0 by
 * libsoup commit d20c6601), which over a million inputs would run out of
 * descriptors. Asking for a close keeps the server's side of each
 * connection ours to check. The fuzzer may still add its own Connection
 * headers. */
static GByteArray *
with_connection_close (const uint8_t *data,
                       size_t         size)
{
  /* X-Fuzz takes a folded continuation line (" …") of the input, which
   * would otherwise join "close" and undo it. */
  static const char header[] = "Connection: close\r\nX-Fuzz: 1\r\n";
  GByteArray *request = g_byte_array_sized_new (size + sizeof header);
  const uint8_t *eol = memchr (data, '\n', size);
  size_t head = eol != NULL ? (size_t) (eol - data) + 1 : size;

  g_byte_array_append (request, data, head);
  if (eol != NULL)
    g_byte_array_append (request, (const guint8 *) header, sizeof header - 1);
  g_byte_array_append (request, data + head, size - head);
  return request;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  struct sockaddr_in addr = { 0 };
  char buffer[16384];
  g_autoptr(GByteArray) answer = NULL;
  g_autoptr(GByteArray) request = NULL;
  gboolean open_for_writing = TRUE;
  int fd;

  fuzz_init ();
  start_sandbox ();
  /* The clock the seeds were recorded at (fuzz-record), a few seconds in. */
  dd_sandbox_advance_clock (sandbox, FUZZ_EPOCH_MS + 5000 - dd_sandbox_now_ms (sandbox));

  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  g_assert (fd >= 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0 && errno != EINPROGRESS)
    g_error ("connect: %s", g_strerror (errno));
  wait_fd (fd, G_IO_OUT);

  request = with_connection_close (data, size);
  data = request->data;
  size = request->len;
  while (size > 0)
    {
      ssize_t n = send (fd, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);

      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        {
          wait_fd (fd, G_IO_OUT);
          continue;
        }
      if (n <= 0)
        {
          open_for_writing = FALSE;  /* the server closed early on a bad request */
          break;
        }
      data += n;
      size -= (size_t) n;
    }
  if (open_for_writing)
    shutdown (fd, SHUT_WR);

  /* Until the server closes, or one whole answer has come (it keeps the
   * connection alive after answering, half-closed or not). */
  answer = g_byte_array_new ();
  for (;;)
    {
      ssize_t n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);

      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        {
          wait_fd (fd, G_IO_IN);
          continue;
        }
      if (n <= 0)
        break;
      g_byte_array_append (answer, (const guint8 *) buffer, (guint) n);
      if (answer_complete (answer))
        break;
    }
  close (fd);

  /* Lets the server see the close and drop the connection. */
  for (guint idle = 0; idle < 3; )
    {
      if (g_main_context_iteration (context, FALSE))
        idle = 0;
      else
        {
          idle++;
          g_usleep (50);
        }
    }

  /* Every connection was dropped: no descriptor piles up. (A fuzzed
   * request might still undo the Connection: close above; one per
   * thousand inputs is let go, a connection kept per input is not.) */
  if (++n_inputs % 1000 == 0 && count_fds () > baseline_fds + 16 + n_inputs / 1000)
    {
      /* Some closes may still be on their way: give them 2 s. */
      gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < deadline && count_fds () > baseline_fds + 16 + n_inputs / 1000)
        if (!g_main_context_iteration (context, FALSE))
          g_usleep (1000);
      if (count_fds () > baseline_fds + 16)
        g_error ("%u descriptors open after %u inputs (%u at start)", count_fds (), n_inputs, baseline_fds);
    }
  return 0;
}
