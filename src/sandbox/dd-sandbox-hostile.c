/* dd-sandbox-hostile.c: hostile strings in every displayed field (issue H)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In hostile mode (dd_sandbox_set_hostile()) every reply goes through
 * dd_sandbox_hostile_rewrite() just before it is sent: each order object in
 * it (an object with one of order_id_keys[]) whose id is hostile
 * (dd_sandbox_is_hostile_order(): one in five, from the id, so from the
 * seed) has every string member named in displayed_keys[], in it and in
 * everything below it (lines, receiver, logistics), replaced by hostile
 * text: Pango markup, bidi overrides and isolates around a fake amount,
 * zero-width joiners, a combining-mark flood, control characters and a
 * terminal escape, "\r\n", a spreadsheet formula start, and three things
 * json-glib cannot write: "\u0000", a lone surrogate "\ud800" and raw
 * invalid UTF-8 bytes (so the reply is no longer strictly JSON, as from a
 * hostile server). Those are written as ASCII placeholders first and
 * substituted in the final text. Ids, amounts, statuses and times are left
 * alone, so the orders still parse and reach the list.
 *
 * The first hostile order (by id) of each platform's listing gets names of
 * over 1 MiB instead.
 *
 * The default sandbox never calls this file: its replies stay
 * byte-for-byte what they were.
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "dd-sandbox-hostile-private.h"
#include "dd-sandbox-orders.h"

#define PLACEHOLDER_NUL "@@DD-HOSTILE-NUL@@"
#define PLACEHOLDER_BAD "@@DD-HOSTILE-BAD@@"
#define PLACEHOLDER_SUR "@@DD-HOSTILE-SUR@@"

#define BIG_SIZE (1100 * 1024)  /* over 1 MiB once the placeholders are substituted */

struct _DdSandboxHostile
{
  GHashTable *big_ids;  /* char* set: the 1 MB order of each platform */
  char       *body;     /* the hostile text after a formula start */
  char       *big;      /* over 1 MiB of it */
};

/* Members that identify an order object, per platform. */
static const char * const order_id_keys[] = {
  "trade_order_id",  /* Taiwan */
  "tid",             /* TOP */
  "biz_order_id",    /* procurement */
  "orderNo",         /* PandaPon */
  "orderId",         /* 1688 via PandaPon */
  "purchaseOrderOuterId", /* PandaPon logistics */
};

/* String members holding JSON text themselves (PandaPon's receiver and
 * lines, procurement's sku_info): rewritten inside. */
static const char * const nested_keys[] = {
  "orderLineList", "receiver", "sku_info",
};

/* String members the app displays. */
static const char * const displayed_keys[] = {
  "action", "address", "address_detail", "area", "areaText", "buyer_full_name",
  "buyer_memo", "buyer_message", "buyer_nick", "city", "cityText",
  "closeReason", "consignee_name", "detail_address", "district",
  "facilityName", "fullName", "logistics_company", "message", "mobile",
  "mobile_phone", "name", "phone", "product_title", "propertyName",
  "province", "provinceText", "reason",
  "receiver_address", "receiver_city", "receiver_district",
  "receiver_mobile", "receiver_name", "receiver_phone", "receiver_state",
  "remark", "seller_full_name", "seller_memo", "seller_nick",
  "sku_properties_name", "standerdDesc", "statusDesc", "title", "townText",
  "trace", "valueText",
};

/* The members that get the 1 MB text in the big order. */
static const char * const big_keys[] = {
  "buyer_full_name", "buyer_nick", "consignee_name", "fullName",
  "receiver_name", "title", "product_title",
};

/* Spreadsheet formula starts, one per field in turn. */
static const char * const formula_starts[] = {
  "=HYPERLINK(\"http://127.0.0.1/x\",\"click me\") ",
  "+1 ",
  "-1 ",
  "@SUM(A1:A9) ",
  "\t=1+1 ",
  "\r=2+2 ",
};

static gboolean
str_in (const char         *key,
        const char * const *list,
        gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (key, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* FNV-1a: stable everywhere (g_str_hash is not promised to be). */
static guint32
id_hash (const char *id)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    hash = (hash ^ *p) * 16777619u;
  return hash;
}

gboolean
dd_sandbox_is_hostile_order (const char *order_id)
{
  g_return_val_if_fail (order_id != NULL, FALSE);

  return id_hash (order_id) % 5 == 0;
}

static char *
make_body (void)
{
  GString *text = g_string_new (NULL);

  /* Pango markup, valid and not. */
  g_string_append (text, "<b>bold</b> <span foreground=\"red\" size=\"xx-large\">big red</span>"
                         " &amp; &bogus; <i>unclosed <a href=\"javascript:alert(1)\">link</a> ");
  /* Bidi: an override flipping a fake amount, isolates, RLMs. */
  g_string_append (text, "\u202e\u00a5 100.00 \u202c \u2066LRI\u2069 \u2067RLI 42\u2069 "
                         "\u2068FSI\u2069 \u200f99.50\u200f ");
  /* Zero-width joiners and a combining-mark flood (Zalgo). */
  g_string_append (text, "\U0001f468\u200d\U0001f469\u200d\U0001f467 Z");
  for (gunichar mark = 0x0300; mark < 0x0370; mark++)
    g_string_append_unichar (text, mark);
  /* Control characters, a terminal escape, a line break. */
  g_string_append (text, " ctl\x01\x07 \x1b[31mred\x1b[0m line1\r\nline2 ");
  /* What json-glib cannot write: substituted later. */
  g_string_append (text, "nul" PLACEHOLDER_NUL "after sur" PLACEHOLDER_SUR "gate bad" PLACEHOLDER_BAD "bytes");

  return g_string_free (text, FALSE);
}

DdSandboxHostile *
dd_sandbox_hostile_new (DdSandbox *sandbox)
{
  static const char * const platforms[] = {
    DD_SANDBOX_PLATFORM_TW, DD_SANDBOX_PLATFORM_TOP,
    DD_SANDBOX_PLATFORM_TOP_PC, DD_SANDBOX_PLATFORM_PANDAPON,
  };
  DdSandboxHostile *hostile = g_new0 (DdSandboxHostile, 1);
  GString *big;

  hostile->big_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  hostile->body = make_body ();

  big = g_string_sized_new (BIG_SIZE + strlen (hostile->body));
  while (big->len < BIG_SIZE)
    g_string_append (big, hostile->body);
  hostile->big = g_string_free (big, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      g_autoptr(GPtrArray) states = dd_sandbox_list_order_states (sandbox, platforms[i]);

      for (guint j = 0; states != NULL && j < states->len; j++)
        {
          DdSandboxOrderState *state = g_ptr_array_index (states, j);

          if (dd_sandbox_is_hostile_order (state->order_id))
            {
              g_hash_table_add (hostile->big_ids, g_strdup (state->order_id));
              break;
            }
        }
    }

  return hostile;
}

void
dd_sandbox_hostile_free (DdSandboxHostile *hostile)
{
  if (hostile == NULL)
    return;

  g_hash_table_unref (hostile->big_ids);
  g_free (hostile->body);
  g_free (hostile->big);
  g_free (hostile);
}

/* The id of @object if it is an order object, else NULL. */
static char *
order_id_of (JsonObject *object)
{
  for (gsize i = 0; i < G_N_ELEMENTS (order_id_keys); i++)
    {
      JsonNode *node = json_object_get_member (object, order_id_keys[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return NULL;
}

typedef struct
{
  DdSandboxHostile *hostile;
  guint             n_fields;  /* fields replaced; rotates the formula starts */
} Walk;

static void walk_node (Walk *walk, JsonNode *node, int mode);

/* @mode: 0 normal, 1 hostile, 2 hostile and big */
static void
walk_object (Walk       *walk,
             JsonObject *object,
             int         mode)
{
  g_autoptr(GList) members = NULL;

  if (mode == 0)
    {
      g_autofree char *id = order_id_of (object);

      if (id != NULL && dd_sandbox_is_hostile_order (id))
        mode = g_hash_table_contains (walk->hostile->big_ids, id) ? 2 : 1;
    }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);

      if (mode != 0 && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING &&
          str_in (key, displayed_keys, G_N_ELEMENTS (displayed_keys)))
        {
          if (mode == 2 && str_in (key, big_keys, G_N_ELEMENTS (big_keys)))
            {
              json_object_set_string_member (object, key, walk->hostile->big);
              walk->n_fields++;
            }
          else
            {
              const char *start = formula_starts[walk->n_fields++ % G_N_ELEMENTS (formula_starts)];
              g_autofree char *text = g_strconcat (start, walk->hostile->body, NULL);

              json_object_set_string_member (object, key, text);
            }
          continue;
        }
      if (mode != 0 && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING &&
          str_in (key, nested_keys, G_N_ELEMENTS (nested_keys)))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          guint before = walk->n_fields;

          if (json_parser_load_from_data (parser, json_node_get_string (node), -1, NULL) &&
              json_parser_get_root (parser) != NULL)
            {
              walk_node (walk, json_parser_get_root (parser), mode);
              if (walk->n_fields != before)
                {
                  g_autoptr(JsonGenerator) generator = json_generator_new ();
                  g_autofree char *text = NULL;

                  json_generator_set_root (generator, json_parser_get_root (parser));
                  text = json_generator_to_data (generator, NULL);
                  json_object_set_string_member (object, key, text);
                }
            }
          continue;
        }
      walk_node (walk, node, mode);
    }
}

static void
walk_node (Walk     *walk,
           JsonNode *node,
           int       mode)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      walk_object (walk, json_node_get_object (node), mode);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        walk_node (walk, json_array_get_element (array, i), mode);
    }
}

/* @text with the placeholders substituted, in one pass (g_string_replace()
 * moves the rest of the text at each match: quadratic on a 1 MB reply). */
static GString *
substitute (const char *text,
            gsize       len)
{
  static const struct { const char *placeholder, *replacement; } subs[] = {
    { PLACEHOLDER_NUL, "\\u0000" },
    { PLACEHOLDER_SUR, "\\ud800" },
    { PLACEHOLDER_BAD, "\xff\xfe\xc3(\x80" },
  };
  GString *out = g_string_sized_new (len);
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      const char *at = g_strstr_len (p, end - p, "@@DD-HOSTILE-");
      gboolean done = FALSE;

      if (at == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, at - p);
      for (gsize i = 0; i < G_N_ELEMENTS (subs) && !done; i++)
        {
          gsize n = strlen (subs[i].placeholder);

          if ((gsize) (end - at) >= n && memcmp (at, subs[i].placeholder, n) == 0)
            {
              g_string_append (out, subs[i].replacement);
              p = at + n;
              done = TRUE;
            }
        }
      if (!done)
        {
          g_string_append_c (out, *at);
          p = at + 1;
        }
    }
  return out;
}

char *
dd_sandbox_hostile_rewrite (DdSandboxHostile *hostile,
                            char             *data,
                            gsize            *len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  Walk walk = { hostile, 0 };
  GString *text;
  char *out;
  gsize out_len;

  g_return_val_if_fail (hostile != NULL, data);
  g_return_val_if_fail (len != NULL, data);

  if (!json_parser_load_from_data (parser, data, (gssize) *len, NULL))
    return data;

  walk_node (&walk, json_parser_get_root (parser), 0);
  if (walk.n_fields == 0)
    return data;

  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  out = json_generator_to_data (generator, &out_len);
  g_free (data);

  text = substitute (out, out_len);
  g_free (out);
  *len = text->len;
  return g_string_free (text, FALSE);
}
