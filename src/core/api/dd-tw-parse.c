/* dd-tw-parse.c: Taobao Taiwan's JSON, type-checked into domain objects
 *
 * Every member is read through dd-json, which checks its JSON type; a wrong
 * type anywhere fails the whole document with DD_PLATFORM_ERROR_BAD_RESPONSE
 * naming the member. Pure functions: safe in any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-error-table.h"
#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-tw-parse.h"

#define DEFAULT_CURRENCY "TWD"

static gboolean
bad_response (GError     **error,
              const char  *message)
{
  g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE,
                                                   NULL, NULL, NULL, NULL, NULL, message));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Small readers                                                       */

char *
dd_tw_unquote_id (const char *id)
{
  gsize len;

  g_return_val_if_fail (id != NULL, NULL);

  len = strlen (id);
  if (len >= 2 && id[0] == '"' && id[len - 1] == '"')
    return g_strndup (id + 1, len - 2);

  return g_strdup (id);
}

DdPaymentKind
dd_tw_payment_kind_from_channel (const char *channel)
{
  g_autofree char *upper = NULL;

  if (channel == NULL || *channel == '\0')
    return DD_PAYMENT_KIND_UNKNOWN;

  upper = g_ascii_strup (channel, -1);
  if (g_str_equal (upper, "COD") || g_str_has_suffix (upper, "_COD"))
    return DD_PAYMENT_KIND_CASH_ON_DELIVERY;

  return DD_PAYMENT_KIND_ONLINE;
}

guint
dd_tw_parse_ban_seconds (const char *message)
{
  const char *found;
  const char *p;
  guint64 seconds = 0;
  guint64 scale = 1;

  if (message == NULL)
    return 0;

  found = strstr (message, " more second");
  if (found == NULL)
    return 0;

  /* Read the digits just before " more second", right to left. */
  for (p = found - 1; p >= message && g_ascii_isdigit (*p); p--)
    {
      seconds += (guint64) g_ascii_digit_value (*p) * scale;
      scale *= 10;
      if (seconds > G_MAXUINT || scale > G_GUINT64_CONSTANT (10000000000))
        return G_MAXUINT;
    }

  return (guint) seconds;
}

/* A money member with its currency member beside it ("TWD" when absent). */
static gboolean
get_money (JsonObject  *object,
           const char  *member,
           const char  *currency_member,
           gboolean     optional,
           gboolean    *present,
           DdMoney     *out,
           GError     **error)
{
  g_autofree char *currency = NULL;
  DdMoney money = DD_MONEY_INIT;

  if (present != NULL)
    *present = FALSE;

  if (!dd_json_get_string (object, currency_member, TRUE, &currency, error))
    return FALSE;

  if (optional)
    {
      JsonNode *node = json_object_get_member (object, member);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return TRUE;
    }

  if (!dd_json_get_money (object, member,
                          currency != NULL && *currency != '\0' ? currency : DEFAULT_CURRENCY,
                          FALSE, &money, error))
    return FALSE;

  if (present != NULL)
    *present = TRUE;
  *out = money;

  return TRUE;
}

static gboolean
get_delivery (JsonObject      *object,
              DdDeliveryInfo  *info,
              GError         **error)
{
  return dd_json_get_string (object, "receiver_name", TRUE, &info->receiver_name, error) &&
         dd_json_get_string (object, "receiver_phone", TRUE, &info->receiver_phone, error) &&
         dd_json_get_string (object, "country_code", TRUE, &info->country_code, error) &&
         dd_json_get_string (object, "state", TRUE, &info->state, error) &&
         dd_json_get_string (object, "city", TRUE, &info->city, error) &&
         dd_json_get_string (object, "area", TRUE, &info->area, error) &&
         dd_json_get_string (object, "detail_address", TRUE, &info->detail_address, error) &&
         dd_json_get_string (object, "zip_code", TRUE, &info->zip, error);
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

gboolean
dd_tw_parse_sku_info (const char   *sku_info,
                      DdOrderLine  *line,
                      GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) values = NULL;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (sku_info != NULL, FALSE);
  g_return_val_if_fail (DD_IS_ORDER_LINE (line), FALSE);

  /* An empty (or blank) string is "no properties". */
  if (is_blank (sku_info))
    return TRUE;

  root = dd_json_parse (sku_info, -1, &local_error);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_BAD_RESPONSE,
                                                       NULL, NULL, NULL,
                                                       local_error != NULL ? local_error->message : NULL,
                                                       NULL,
                                                       _("The server’s reply is malformed: “sku_info” should be a list of properties")));
      return FALSE;
    }

  /* Check every element before touching @line. */
  array = json_node_get_array (root);
  n = json_array_get_length (array);
  names = g_ptr_array_new_full (n, g_free);
  values = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      char *name = NULL;
      char *value = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return bad_response (error, _("The server’s reply is malformed: “sku_info” should be a list of properties"));

      object = json_node_get_object (element);
      if (!dd_json_get_string (object, "propertyName", FALSE, &name, error))
        return FALSE;
      g_ptr_array_add (names, name);
      if (!dd_json_get_string (object, "valueText", FALSE, &value, error))
        return FALSE;
      g_ptr_array_add (values, value);
    }

  for (guint i = 0; i < n; i++)
    dd_order_line_add_sku_property (line, g_ptr_array_index (names, i), g_ptr_array_index (values, i));

  return TRUE;
}

static gboolean
add_shipments (DdOrderLine  *line,
               JsonArray    *list,
               GError      **error)
{
  guint n = json_array_get_length (list);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *object;
      g_autofree char *order_no = NULL;
      g_autofree char *tracking_number = NULL;
      g_autofree char *logistics_id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return bad_response (error, _("The server’s reply is malformed: “shipment_list” should be a list of objects"));

      object = json_node_get_object (element);
      if (!dd_json_get_id (object, "order_no", TRUE, &order_no, error) ||
          !dd_json_get_string (object, "tracking_number", TRUE, &tracking_number, error) ||
          !dd_json_get_string (object, "logistics_id", TRUE, &logistics_id, error))
        return FALSE;

      dd_order_line_add_shipment (line, order_no, tracking_number, logistics_id);
    }

  return TRUE;
}

DdOrderLine *
dd_tw_order_line_from_object (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(DdOrderLine) line = NULL;
  g_autofree char *line_id = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *image = NULL;
  g_autofree char *detail_url = NULL;
  g_autofree char *product_id = NULL;
  g_autofree char *sku_id = NULL;
  g_autofree char *sku_info = NULL;
  g_autofree char *status = NULL;
  DdMoney unit_fee = DD_MONEY_INIT;
  DdMoney actual_fee = DD_MONEY_INIT;
  gboolean has_unit_fee, has_actual_fee;
  JsonArray *shipments = NULL;
  gint64 quantity = 0;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_json_get_id (object, "trade_order_line_id", FALSE, &line_id, error) ||
      !dd_json_get_id (object, "trade_order_id", FALSE, &order_id, error) ||
      !dd_json_get_string (object, "product_title", TRUE, &title, error) ||
      !dd_json_get_string (object, "product_main_image", TRUE, &image, error) ||
      !dd_json_get_string (object, "product_detail_url", TRUE, &detail_url, error) ||
      !dd_json_get_id (object, "product_id", TRUE, &product_id, error) ||
      !dd_json_get_id (object, "sku_id", TRUE, &sku_id, error) ||
      !dd_json_get_string (object, "sku_info", TRUE, &sku_info, error) ||
      !dd_json_get_string (object, "status", TRUE, &status, error) ||
      !dd_json_get_int (object, "quantity", FALSE, &quantity, error) ||
      !get_money (object, "unit_fee", "unit_fee_currency_code", TRUE, &has_unit_fee, &unit_fee, error) ||
      !get_money (object, "actual_fee", "actual_fee_currency_code", TRUE, &has_actual_fee, &actual_fee, error) ||
      !dd_json_get_array (object, "shipment_list", TRUE, &shipments, error))
    return NULL;

  if (quantity < 0 || quantity > G_MAXUINT)
    {
      bad_response (error, _("The server’s reply is malformed: “quantity” is out of range"));
      return NULL;
    }

  line = dd_order_line_new ();
  dd_order_line_set_line_id (line, line_id);
  dd_order_line_set_order_id (line, order_id);
  dd_order_line_set_title (line, title);
  dd_order_line_set_image_url (line, image);
  dd_order_line_set_detail_url (line, detail_url);
  dd_order_line_set_product_id (line, product_id);
  dd_order_line_set_sku_id (line, sku_id);
  dd_order_line_set_raw_status (line, status);
  dd_order_line_set_quantity (line, (guint) quantity);
  if (has_unit_fee)
    dd_order_line_set_unit_fee (line, &unit_fee);
  if (has_actual_fee)
    dd_order_line_set_actual_fee (line, &actual_fee);

  if (sku_info != NULL && !dd_tw_parse_sku_info (sku_info, line, error))
    return NULL;
  if (shipments != NULL && !add_shipments (line, shipments, error))
    return NULL;

  return g_steal_pointer (&line);
}

/* ------------------------------------------------------------------ */
/* Orders                                                              */

DdOrder *
dd_tw_order_from_object (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(DdOrder) order = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *buyer_id = NULL;
  g_autofree char *buyer_name = NULL;
  g_autofree char *seller_name = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) modified = NULL;
  DdMoney total = DD_MONEY_INIT;
  DdMoney shipping = DD_MONEY_INIT;
  DdMoney list_shipping = DD_MONEY_INIT;
  gboolean has_shipping = FALSE;
  gboolean has_list_shipping = FALSE;
  JsonObject *delivery = NULL;
  JsonArray *lines = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dd_json_get_id (object, "trade_order_id", FALSE, &order_id, error) ||
      !dd_json_get_id (object, "buyer_id", TRUE, &buyer_id, error) ||
      !dd_json_get_string (object, "buyer_full_name", TRUE, &buyer_name, error) ||
      !dd_json_get_string (object, "seller_full_name", TRUE, &seller_name, error) ||
      !dd_json_get_string (object, "payment_channel", TRUE, &channel, error) ||
      !dd_json_get_string (object, "status", FALSE, &status, error) ||
      !dd_json_get_time_ms (object, "creation_time", TRUE, &created, error) ||
      !dd_json_get_time_ms (object, "modification_time", TRUE, &modified, error) ||
      !get_money (object, "actual_fee", "actual_fee_currency_code", FALSE, NULL, &total, error) ||
      !dd_json_get_object (object, "delivery_info", TRUE, &delivery, error) ||
      !dd_json_get_array (object, "trade_order_line_list", TRUE, &lines, error))
    return NULL;

  /* Both are checked; what was actually charged wins over the list price. */
  if (!get_money (object, "shipping_fee", "shipping_fee_currency_code",
                  TRUE, &has_list_shipping, &list_shipping, error) ||
      !get_money (object, "actual_shipping_fee", "actual_shipping_fee_currency_code",
                  TRUE, &has_shipping, &shipping, error))
    return NULL;
  if (!has_shipping && has_list_shipping)
    {
      shipping = list_shipping;
      has_shipping = TRUE;
    }

  order = dd_order_new ();
  dd_order_set_platform (order, DD_PLATFORM_TW);
  dd_order_set_order_id (order, order_id);
  dd_order_set_buyer_id (order, buyer_id);
  /* Kept as served (TW pads names with a space); trimming is for display. */
  dd_order_set_buyer_name (order, buyer_name);
  dd_order_set_seller_name (order, seller_name);
  dd_order_set_payment_channel (order, channel);
  dd_order_set_payment_kind (order, dd_tw_payment_kind_from_channel (channel));
  dd_order_set_raw_status (order, status);
  dd_order_set_status (order, dd_order_status_from_tw (status));
  dd_order_set_created (order, created);
  dd_order_set_modified (order, modified);
  dd_order_set_total (order, &total);
  if (has_shipping)
    dd_order_set_shipping_fee (order, &shipping);

  if (delivery != NULL)
    {
      DdDeliveryInfo info = { 0 };
      gboolean ok = get_delivery (delivery, &info, error);

      if (ok)
        dd_order_set_delivery (order, &info);
      dd_delivery_info_clear (&info);
      if (!ok)
        return NULL;
    }

  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *element = json_array_get_element (lines, i);
      g_autoptr(DdOrderLine) line = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          bad_response (error, _("The server’s reply is malformed: “trade_order_line_list” should be a list of objects"));
          return NULL;
        }

      line = dd_tw_order_line_from_object (json_node_get_object (element), error);
      if (line == NULL)
        return NULL;
      dd_order_add_line (order, line);
    }

  return g_steal_pointer (&order);
}

/* Appends @text as a JSON string literal. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* Written member by member straight from the served nodes: no copy of
 * them, one string. */
char *
dd_tw_build_module_json (JsonObject *order,
                         GPtrArray  *line_nodes)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GList) members = NULL;
  GString *out;

  g_return_val_if_fail (order != NULL, NULL);

  generator = json_generator_new ();
  out = g_string_sized_new (4096);
  g_string_append_c (out, '{');

  members = json_object_get_members (order);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "trade_order_line_list"))
        continue;
      append_json_string (out, name);
      g_string_append_c (out, ':');
      json_generator_set_root (generator, json_object_get_member (order, name));
      json_generator_to_gstring (generator, out);
      g_string_append_c (out, ',');
    }

  g_string_append (out, "\"trade_order_line_list\":[");
  for (guint i = 0; line_nodes != NULL && i < line_nodes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      json_generator_set_root (generator, g_ptr_array_index (line_nodes, i));
      json_generator_to_gstring (generator, out);
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Envelopes                                                           */

JsonNode *
dd_tw_parse_envelope (const char  *data,
                      gsize        len,
                      char       **request_id,
                      GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *code = NULL;
  g_autofree char *type = NULL;
  g_autofree char *message = NULL;
  g_autofree char *req = NULL;
  JsonObject *object;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > G_MAXSSIZE)
    {
      bad_response (error, _("The server’s reply is too large."));
      return NULL;
    }

  /* An empty GBytes has no data pointer. */
  if (data == NULL)
    data = "";

  root = dd_json_parse_object (data, (gssize) len, error);
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!dd_json_get_string (object, "request_id", TRUE, &req, error) ||
      !dd_json_get_string (object, "code", FALSE, &code, error))
    return NULL;

  if (!g_str_equal (code, "0"))
    {
      /* An error envelope: keep the platform's words, whatever their types. */
      g_autoptr(GError) ignored = NULL;

      if (!dd_json_get_string (object, "type", TRUE, &type, &ignored))
        g_clear_error (&ignored);
      if (!dd_json_get_string (object, "message", TRUE, &message, &ignored))
        g_clear_error (&ignored);

      /* The one error table decides code, action, retry-after and sentence. */
      g_propagate_error (error, dd_error_table_make (DD_PLATFORM_TW, type, code, NULL,
                                                     message, req));
      return NULL;
    }

  if (request_id != NULL)
    *request_id = g_steal_pointer (&req);

  return g_steal_pointer (&root);
}

/* The "result" object of a success envelope, and its "success" flag. */
static JsonObject *
get_result (JsonNode    *root,
            const char  *request_id,
            GError     **error)
{
  JsonObject *result = NULL;
  gboolean success = TRUE;

  if (!dd_json_get_object (json_node_get_object (root), "result", FALSE, &result, error) ||
      !dd_json_get_bool (result, "success", TRUE, &success, error))
    return NULL;

  if (!success)
    {
      g_propagate_error (error, dd_platform_error_new (DD_PLATFORM_ERROR_SERVER, NULL, NULL, NULL,
                                                       "success: false", request_id,
                                                       _("Taobao Taiwan could not complete the request. Try again later.")));
      return NULL;
    }

  return result;
}

static gboolean
get_count (JsonObject  *object,
           const char  *member,
           guint64     *out,
           GError     **error)
{
  gint64 value = (gint64) *out;

  if (!dd_json_get_int (object, member, TRUE, &value, error))
    return FALSE;

  if (value < 0)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the name of a JSON member such as "total_count" */
      text = g_strdup_printf (_("The server’s reply is malformed: “%s” is negative"), member);
      return bad_response (error, text);
    }

  *out = (guint64) value;
  return TRUE;
}

static gboolean
collect_line_ids (JsonObject  *object,
                  GPtrArray   *line_ids,
                  GError     **error)
{
  JsonArray *list = NULL;

  if (!dd_json_get_array (object, "trade_order_line_id_list", TRUE, &list, error))
    return FALSE;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      g_autofree char *id = NULL;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        id = dd_tw_unquote_id (json_node_get_string (element));
      else if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64 &&
               json_node_get_int (element) >= 0)
        id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (element));

      if (id == NULL || *id == '\0' || strchr (id, '"') != NULL)
        return bad_response (error, _("The server’s reply is malformed: “trade_order_line_id_list” holds something that is not an identifier"));

      g_ptr_array_add (line_ids, g_steal_pointer (&id));
    }

  return TRUE;
}

static DdOrderPage *
parse_orders_page (const char  *data,
                   gsize        len,
                   GPtrArray  **line_ids,
                   GPtrArray  **raw_orders,
                   gboolean     with_raw_json,
                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdOrderPage) page = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) raws = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *result;
  JsonArray *list = NULL;
  guint64 page_no = 0, page_size = 0;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_tw_parse_envelope (data, len, &request_id, error);
  if (root == NULL)
    return NULL;

  result = get_result (root, request_id, error);
  if (result == NULL ||
      !dd_json_get_array (result, "model_list", TRUE, &list, error))
    return NULL;

  n = list != NULL ? json_array_get_length (list) : 0;
  page = dd_order_page_new ();
  page->request_id = g_steal_pointer (&request_id);
  page->total_count = n;
  page->n_calls = 1;
  if (!get_count (result, "total_count", &page->total_count, error) ||
      !get_count (result, "page_no", &page_no, error) ||
      !get_count (result, "page_size", &page_size, error))
    return NULL;
  page->page = (guint) MIN (page_no, G_MAXUINT);
  page->page_size = (guint) MIN (page_size, G_MAXUINT);

  ids = g_ptr_array_new_with_free_func (g_free);
  raws = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      g_autoptr(DdOrder) order = NULL;
      g_autofree char *raw = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          bad_response (error, _("The server’s reply is malformed: “model_list” should be a list of objects"));
          return NULL;
        }

      order = dd_tw_order_from_object (json_node_get_object (element), error);
      if (order == NULL ||
          !collect_line_ids (json_node_get_object (element), ids, error))
        return NULL;

      if (with_raw_json)
        {
          raw = dd_json_to_string (element);
          dd_order_set_raw_json (order, raw);
        }
      g_ptr_array_add (page->orders, g_steal_pointer (&order));
      g_ptr_array_add (raws, json_node_ref (element));
    }

  if (line_ids != NULL)
    *line_ids = g_steal_pointer (&ids);
  if (raw_orders != NULL)
    *raw_orders = g_steal_pointer (&raws);

  return g_steal_pointer (&page);
}

DdOrderPage *
dd_tw_parse_orders_page_full (const char  *data,
                              gsize        len,
                              GPtrArray  **line_ids,
                              GPtrArray  **raw_orders,
                              GError     **error)
{
  return parse_orders_page (data, len, line_ids, raw_orders, TRUE, error);
}

DdOrderPage *
dd_tw_parse_orders_page_bare (const char  *data,
                              gsize        len,
                              GPtrArray  **line_ids,
                              GPtrArray  **raw_orders,
                              GError     **error)
{
  g_return_val_if_fail (raw_orders != NULL, NULL);

  return parse_orders_page (data, len, line_ids, raw_orders, FALSE, error);
}

DdOrderPage *
dd_tw_parse_orders_page (const char  *data,
                         gsize        len,
                         GPtrArray  **line_ids,
                         GError     **error)
{
  return parse_orders_page (data, len, line_ids, NULL, TRUE, error);
}

GPtrArray *
dd_tw_parse_order_items (const char  *data,
                         gsize        len,
                         guint64     *total_count,
                         GPtrArray  **raw_lines,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) raws = NULL;
  g_autofree char *request_id = NULL;
  JsonObject *result;
  JsonArray *list = NULL;
  guint64 total;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_tw_parse_envelope (data, len, &request_id, error);
  if (root == NULL)
    return NULL;

  result = get_result (root, request_id, error);
  if (result == NULL ||
      !dd_json_get_array (result, "model_list", TRUE, &list, error))
    return NULL;

  n = list != NULL ? json_array_get_length (list) : 0;
  total = n;
  if (!get_count (result, "total_count", &total, error))
    return NULL;

  lines = g_ptr_array_new_full (n, g_object_unref);
  raws = g_ptr_array_new_full (n, (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      DdOrderLine *line;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          bad_response (error, _("The server’s reply is malformed: “model_list” should be a list of objects"));
          return NULL;
        }

      line = dd_tw_order_line_from_object (json_node_get_object (element), error);
      if (line == NULL)
        return NULL;
      g_ptr_array_add (lines, line);
      g_ptr_array_add (raws, json_node_ref (element));
    }

  if (total_count != NULL)
    *total_count = total;
  if (raw_lines != NULL)
    *raw_lines = g_steal_pointer (&raws);

  return g_steal_pointer (&lines);
}

DdOrder *
dd_tw_parse_order (const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *request_id = NULL;
  g_autofree char *raw = NULL;
  JsonObject *result;
  JsonObject *module = NULL;
  DdOrder *order;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = dd_tw_parse_envelope (data, len, &request_id, error);
  if (root == NULL)
    return NULL;

  result = get_result (root, request_id, error);
  if (result == NULL ||
      !dd_json_get_object (result, "module", FALSE, &module, error))
    return NULL;

  order = dd_tw_order_from_object (module, error);
  if (order == NULL)
    return NULL;

  raw = dd_json_to_string (json_object_get_member (result, "module"));
  dd_order_set_raw_json (order, raw);

  return order;
}

DdOrder *
dd_tw_parse_order_module (const char  *json,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *raw = NULL;
  DdOrder *order;

  g_return_val_if_fail (json != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > G_MAXSSIZE)
    {
      bad_response (error, _("The server’s reply is too large."));
      return NULL;
    }

  if (json == NULL)
    json = "";

  root = dd_json_parse_object (json, (gssize) len, error);
  if (root == NULL)
    return NULL;

  order = dd_tw_order_from_object (json_node_get_object (root), error);
  if (order == NULL)
    return NULL;

  raw = g_strndup (json, len);
  dd_order_set_raw_json (order, raw);

  return order;
}
