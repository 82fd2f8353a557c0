/* dd-sandbox-faults-body.c: the faults that rewrite or stream an answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dd-sandbox-faults.c lets the platform answer, then hands the answer here:
 *   malformed    cut mid-way, with the start of another object after it;
 *   wrong-types  re-generated from a walk of the JSON: every string a
 *                number (its value, or its length), every number a string,
 *                booleans strings, null false, and every object below the
 *                root an array of its values, so each protocol gets its own
 *                wrongly typed reply;
 *   and, on a connection stolen from the server (DdSandboxWire):
 *   truncated    the full Content-Length, half the body, then closed;
 *   huge         100 MiB of {"x":"aaa…"}, generated as the socket takes it
 *                (never in memory at once);
 *   drip         the answer one byte every delay_ms.
 * A wire writes without blocking from sources of the serving thread's
 * context; freeing it (the sandbox's dispose) closes the connection.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-faults-private.h"

#define WIRE_CHUNK 65536
#define HUGE_HEAD  "{\"x\":\""
#define HUGE_TAIL  "\"}"

/* ---- malformed, wrong types, gateway pages -------------------------------- */

GBytes *
dd_sandbox_faults_malformed (GBytes *body)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  gsize cut = len / 2;
  GString *out;

  /* Back to a character's start: broken JSON, not broken UTF-8. */
  while (cut > 0 && ((guchar) data[cut] & 0xC0) == 0x80)
    cut--;

  /* Ends in ':': no prefix of anything makes that a JSON text. */
  out = g_string_new_len (data, cut);
  g_string_append (out, "\"}]]{\"a\":");
  return g_string_free_to_bytes (out);
}

static JsonNode *
wrong_node (JsonNode *node,
            guint     depth)
{
  JsonNode *out;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        /* In the answer's order (a JsonObjectIter is in hash order). */
        g_autoptr(GList) names = json_object_get_members (object);

        if (depth == 0)
          {
            JsonObject *copy = json_object_new ();

            for (GList *l = names; l != NULL; l = l->next)
              json_object_set_member (copy, l->data,
                                      wrong_node (json_object_get_member (object, l->data), depth + 1));
            out = json_node_new (JSON_NODE_OBJECT);
            json_node_take_object (out, copy);
          }
        else
          {
            JsonArray *values = json_array_new ();

            for (GList *l = names; l != NULL; l = l->next)
              json_array_add_element (values, wrong_node (json_object_get_member (object, l->data), depth + 1));
            out = json_node_new (JSON_NODE_ARRAY);
            json_node_take_array (out, values);
          }
      }
      return out;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *copy = json_array_new ();

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, wrong_node (json_array_get_element (array, i), depth + 1));
        /* An empty array becomes an object. */
        out = json_node_new (json_array_get_length (copy) > 0 ? JSON_NODE_ARRAY : JSON_NODE_OBJECT);
        if (json_array_get_length (copy) > 0)
          json_node_take_array (out, copy);
        else
          {
            json_array_unref (copy);
            json_node_take_object (out, json_object_new ());
          }
      }
      return out;

    case JSON_NODE_NULL:
      out = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (out, FALSE);
      return out;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  out = json_node_new (JSON_NODE_VALUE);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        gint64 number;
        char *end = NULL;
        double real;

        if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
          json_node_set_int (out, number);
        else if (*text != '\0' && (real = g_ascii_strtod (text, &end), end != NULL && *end == '\0'))
          json_node_set_double (out, real);
        else
          json_node_set_int (out, (gint64) strlen (text));
      }
      break;

    case G_TYPE_INT64:
      {
        g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

        json_node_set_string (out, text);
      }
      break;

    case G_TYPE_DOUBLE:
      {
        char text[G_ASCII_DTOSTR_BUF_SIZE];

        json_node_set_string (out, g_ascii_dtostr (text, sizeof text, json_node_get_double (node)));
      }
      break;

    case G_TYPE_BOOLEAN:
      json_node_set_string (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    default:
      json_node_set_string (out, "");
      break;
    }
  return out;
}

GBytes *
dd_sandbox_faults_wrong_types (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) wrong = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  char *text;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL)
    return NULL;

  wrong = wrong_node (json_parser_get_root (parser), 0);
  generator = json_generator_new ();
  json_generator_set_root (generator, wrong);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

char *
dd_sandbox_faults_gateway_page (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  if (phrase == NULL || *phrase == '\0')
    phrase = "Server Error";

  /* Like Tengine's own pages in front of the platforms. */
  return g_strdup_printf ("<html>\r\n<head><title>%u %s</title></head>\r\n"
                          "<body>\r\n<center><h1>%u %s</h1></center>\r\n"
                          "<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n",
                          status, phrase, status, phrase);
}

/* ---- answers on a stolen connection ---------------------------------------- */

struct _DdSandboxWire
{
  GIOStream         *stream;
  GOutputStream     *out;       /* borrowed from stream */
  DdSandboxWireKind  kind;
  GBytes            *body;      /* NULL for huge */
  char              *header;
  gsize              header_len;
  guint64            end;       /* header and every byte to send */
  guint64            allowed;   /* drip: how far it may write so far */
  guint64            pos;
  guint              delay_ms;
  guint8            *buffer;    /* WIRE_CHUNK */
  GSource           *source;
  DdSandboxWireDone  done;
  gpointer           done_data;
};

static void
wire_fill (DdSandboxWire *wire,
           guint8        *buffer,
           gsize          n)
{
  guint64 pos = wire->pos;

  for (gsize i = 0; i < n; )
    {
      if (pos < wire->header_len)
        {
          gsize take = MIN (n - i, wire->header_len - pos);

          memcpy (buffer + i, wire->header + pos, take);
          i += take;
          pos += take;
        }
      else if (wire->kind != DD_SANDBOX_WIRE_HUGE)
        {
          const guint8 *data = g_bytes_get_data (wire->body, NULL);

          memcpy (buffer + i, data + (pos - wire->header_len), n - i);
          return;
        }
      else
        {
          guint64 offset = pos - wire->header_len;
          guint64 tail = DD_SANDBOX_FAULTS_HUGE_SIZE - strlen (HUGE_TAIL);

          if (offset < strlen (HUGE_HEAD))
            buffer[i] = HUGE_HEAD[offset];
          else if (offset >= tail)
            buffer[i] = HUGE_TAIL[offset - tail];
          else
            {
              gsize take = (gsize) MIN ((guint64) (n - i), tail - offset);

              memset (buffer + i, 'a', take);
              i += take;
              pos += take;
              continue;
            }
          i++;
          pos++;
        }
    }
}

/* Writes what it may without blocking: TRUE when it is over (all written,
 * or the peer went away). */
static gboolean
wire_pump (DdSandboxWire *wire)
{
  while (wire->pos < wire->allowed)
    {
      g_autoptr(GError) error = NULL;
      gsize n = (gsize) MIN ((guint64) WIRE_CHUNK, wire->allowed - wire->pos);
      gssize written;

      wire_fill (wire, wire->buffer, n);
      written = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (wire->out),
                                                            wire->buffer, n, NULL, &error);
      if (written < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return FALSE;
          g_debug ("Fault: the client went away: %s", error->message);
          return TRUE;
        }
      wire->pos += (guint64) written;
    }

  return wire->pos >= wire->end;
}

static gboolean
wire_finish (DdSandboxWire *wire)
{
  /* The source is going: G_SOURCE_REMOVE below. */
  g_clear_pointer (&wire->source, g_source_unref);
  wire->done (wire, wire->done_data);
  return G_SOURCE_REMOVE;
}

static gboolean
wire_idle_cb (gpointer data)
{
  return wire_finish (data);
}

static gboolean
wire_writable_cb (GObject  *stream,
                  gpointer  data)
{
  DdSandboxWire *wire = data;

  if (wire_pump (wire))
    return wire_finish (wire);
  return G_SOURCE_CONTINUE;
}

static gboolean
wire_drip_cb (gpointer data)
{
  DdSandboxWire *wire = data;

  wire->allowed = MIN (wire->end, MAX (wire->allowed, (guint64) wire->header_len) + 1);
  if (wire_pump (wire))
    return wire_finish (wire);
  return G_SOURCE_CONTINUE;
}

DdSandboxWire *
dd_sandbox_wire_start (GIOStream         *stream,
                       DdSandboxWireKind  kind,
                       GBytes            *body,
                       guint              delay_ms,
                       DdSandboxWireDone  done,
                       gpointer           done_data)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  DdSandboxWire *wire;
  guint64 length;

  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);
  g_return_val_if_fail (kind == DD_SANDBOX_WIRE_HUGE || body != NULL, NULL);
  g_return_val_if_fail (done != NULL, NULL);

  wire = g_new0 (DdSandboxWire, 1);
  wire->stream = g_object_ref (stream);
  wire->out = g_io_stream_get_output_stream (stream);
  wire->kind = kind;
  wire->body = kind == DD_SANDBOX_WIRE_HUGE ? NULL : g_bytes_ref (body);
  wire->delay_ms = MAX (delay_ms, 1);
  wire->buffer = g_malloc (WIRE_CHUNK);
  wire->done = done;
  wire->done_data = done_data;

  length = kind == DD_SANDBOX_WIRE_HUGE ? DD_SANDBOX_FAULTS_HUGE_SIZE : g_bytes_get_size (body);
  wire->header = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                  "Server: Dingdan-Sandbox/" PACKAGE_VERSION "\r\n"
                                  "Content-Type: application/json;charset=UTF-8\r\n"
                                  "Content-Length: %" G_GUINT64_FORMAT "\r\n"
                                  "Connection: close\r\n\r\n",
                                  length);
  wire->header_len = strlen (wire->header);
  wire->end = wire->header_len + (kind == DD_SANDBOX_WIRE_TRUNCATED ? length / 2 : length);

  if (!G_IS_POLLABLE_OUTPUT_STREAM (wire->out) ||
      !g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (wire->out)))
    {
      /* Not expected of a socket: an idle source ends it at once. */
      g_warning ("Fault: the connection cannot be written without blocking");
      wire->end = 0;
      wire->source = g_idle_source_new ();
      g_source_set_callback (wire->source, wire_idle_cb, wire, NULL);
    }
  else if (kind == DD_SANDBOX_WIRE_DRIP)
    {
      /* The headers at once (a socket buffer takes them), then byte by byte. */
      wire->allowed = wire->header_len;
      wire_pump (wire);
      wire->source = g_timeout_source_new (wire->delay_ms);
      g_source_set_callback (wire->source, wire_drip_cb, wire, NULL);
    }
  else
    {
      wire->allowed = wire->end;
      wire->source = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (wire->out), NULL);
      g_source_set_callback (wire->source, (GSourceFunc) (void (*) (void)) wire_writable_cb, wire, NULL);
    }

  g_source_set_name (wire->source, "[dingdan] sandbox fault wire");
  g_source_attach (wire->source, context);
  return wire;
}

void
dd_sandbox_wire_free (DdSandboxWire *wire)
{
  if (wire == NULL)
    return;

  if (wire->source != NULL)
    {
      g_source_destroy (wire->source);
      g_clear_pointer (&wire->source, g_source_unref);
    }
  g_io_stream_close (wire->stream, NULL, NULL);
  g_object_unref (wire->stream);
  g_clear_pointer (&wire->body, g_bytes_unref);
  g_free (wire->header);
  g_free (wire->buffer);
  g_free (wire);
}
