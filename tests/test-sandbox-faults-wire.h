/* test-sandbox-faults-wire.h: raw HTTP/1.1 on a socket, to see the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GET on a connection of its own, read with blocking calls (so the
 * sandbox must serve from its own thread): the status line, the
 * Content-Length announced, the body's bytes counted (the first MiB kept,
 * and the last two), when the first arrived, and whether the server
 * closed. For test-sandbox-faults.c (truncated, huge, drip).
 */
#pragma once

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "test-top-call.h"

G_BEGIN_DECLS

typedef struct
{
  GSocketConnection *connection;
  GString           *head;
  guint              status;
  gint64             content_length;  /* -1: none */
  GByteArray        *body;            /* the first MiB */
  guint64            n_body;
  char               last[2];
  gboolean           eof;
  GError            *error;
  gint64             start_us;
  gint64             first_body_us;   /* 0: none yet */
} Wire;

static inline void
wire_clear (Wire *wire)
{
  g_clear_object (&wire->connection);
  if (wire->head != NULL)
    g_string_free (wire->head, TRUE);
  g_clear_pointer (&wire->body, g_byte_array_unref);
  g_clear_error (&wire->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wire, wire_clear)

static inline void
wire_body (Wire         *wire,
           const guint8 *data,
           gsize         n)
{
  if (n == 0)
    return;
  if (wire->first_body_us == 0)
    wire->first_body_us = g_get_monotonic_time ();
  if (wire->body->len < 1024 * 1024)
    g_byte_array_append (wire->body, data, (guint) MIN (n, 1024 * 1024 - wire->body->len));
  wire->n_body += n;
  if (n >= 2)
    memcpy (wire->last, data + n - 2, 2);
  else
    {
      wire->last[0] = wire->last[1];
      wire->last[1] = (char) data[0];
    }
}

/* Reads until the answer's body has @max_body bytes, or the end. */
static inline void
wire_read (Wire    *wire,
           guint64  max_body)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (wire->connection));
  guint8 buffer[65536];

  while (!wire->eof && wire->error == NULL && (wire->status == 0 || wire->n_body < max_body))
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &wire->error);
      const char *end;

      if (n <= 0)
        {
          wire->eof = n == 0;
          break;
        }
      if (wire->status != 0)
        {
          wire_body (wire, buffer, (gsize) n);
          continue;
        }

      g_string_append_len (wire->head, (const char *) buffer, n);
      end = strstr (wire->head->str, "\r\n\r\n");
      if (end != NULL)
        {
          gsize head_len = (gsize) (end - wire->head->str) + 4;
          gsize rest = wire->head->len - head_len;
          const char *length = strstr (wire->head->str, "Content-Length: ");

          g_assert_cmpint (sscanf (wire->head->str, "HTTP/1.1 %u", &wire->status), ==, 1);
          wire->content_length = length != NULL && length < end
                               ? g_ascii_strtoll (length + strlen ("Content-Length: "), NULL, 10) : -1;
          wire_body (wire, (const guint8 *) wire->head->str + head_len, rest);
          g_string_truncate (wire->head, head_len);
        }
    }
}

/* GETs @path on a connection of its own and reads the answer's head. */
static inline void
wire_open (Fixture    *fixture,
           const char *path,
           Wire       *wire)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autofree char *request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Connection: close\r\n\r\n", path);
  g_autoptr(GError) error = NULL;

  wire->head = g_string_new (NULL);
  wire->body = g_byte_array_new ();
  wire->start_us = g_get_monotonic_time ();
  wire->connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                      (guint16) dd_sandbox_get_port (fixture->sandbox),
                                                      NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (wire->connection), 30);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (wire->connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  wire_read (wire, 0);
  g_assert_cmpuint (wire->status, !=, 0);
}

/* The answer to @path without faults: its body. */
static inline GBytes *
plain_body (Fixture    *fixture,
            const char *path)
{
  g_auto(Wire) wire = { 0 };

  wire_open (fixture, path, &wire);
  wire_read (&wire, G_MAXUINT64);
  g_assert_true (wire.eof);
  g_assert_cmpint (wire.content_length, ==, (gint64) wire.n_body);
  return g_bytes_new (wire.body->data, wire.body->len);
}

G_END_DECLS
