/* dd-pp-body.c: PandaPon's request bodies
 *
 * The create calls' JSON: Taobao goods (orderLineList and receiver as
 * JSON strings, prices in fen, seed 002) and 1688 goods.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dd-json.h"
#include "dd-platform-error.h"
#include "dd-pp-parse.h"
#include "dd-pp-parse-private.h"

/* ------------------------------------------------------------------ */
/* Request bodies                                                      */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Every line's price in fen (CNY), and the lines' sum. */
static gboolean
check_lines (const DdPurchaseRequest  *request,
             gint64                   *sum,
             GError                  **error)
{
  *sum = 0;

  if (request->lines == NULL || request->lines->len == 0)
    return dd_pp_invalid_argument (error, _("The purchase order has no lines"));

  for (guint i = 0; i < request->lines->len; i++)
    {
      const DdPurchaseLine *line = &g_array_index (request->lines, DdPurchaseLine, i);
      const char *currency = dd_pp_currency_or_default (line->unit_price.currency, DD_PP_DEFAULT_CURRENCY);

      if (line->item_id == NULL || *line->item_id == '\0' || line->quantity == 0)
        return dd_pp_invalid_argument (error, _("A purchase order line has no quantity"));
      if (!g_str_equal (currency, DD_PP_DEFAULT_CURRENCY))
        return dd_pp_invalid_argument (error, _("Purchase orders are paid in yuan (CNY)."));
      if (line->unit_price.minor < 0 ||
          line->unit_price.minor > G_MAXINT64 / line->quantity ||
          *sum > G_MAXINT64 - line->unit_price.minor * line->quantity)
        return dd_pp_invalid_argument (error, _("The purchase order’s amount is out of range."));

      *sum += line->unit_price.minor * line->quantity;
    }

  return TRUE;
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return dd_json_to_string (node);
}

static char *
array_to_string (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  return dd_json_to_string (node);
}

char *
dd_pp_build_create_body (const DdPurchaseRequest  *request,
                         GError                  **error)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) receiver = NULL;
  g_autoptr(JsonArray) lines = NULL;
  g_autofree char *lines_text = NULL;
  g_autofree char *receiver_text = NULL;
  const DdDeliveryInfo *to;
  gint64 sum;
  gint64 amount;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (request->idempotency_key == NULL || *request->idempotency_key == '\0')
    {
      dd_pp_invalid_argument (error, _("The purchase order has no idempotency key"));
      return NULL;
    }
  if (!check_lines (request, &sum, error))
    return NULL;

  if (request->total.minor > 0 &&
      !g_str_equal (dd_pp_currency_or_default (request->total.currency, DD_PP_DEFAULT_CURRENCY), DD_PP_DEFAULT_CURRENCY))
    {
      dd_pp_invalid_argument (error, _("Purchase orders are paid in yuan (CNY)."));
      return NULL;
    }
  /* The budget the buyer expects to pay; the lines' sum when none was set. */
  amount = request->total.minor > 0 ? request->total.minor : sum;

  /* Every member a string, as in the documentation's example. */
  lines = json_array_new ();
  for (guint i = 0; i < request->lines->len; i++)
    {
      const DdPurchaseLine *line = &g_array_index (request->lines, DdPurchaseLine, i);
      JsonObject *element = json_object_new ();
      char number[32];

      json_object_set_string_member (element, "itemId", line->item_id);
      g_snprintf (number, sizeof number, "%u", i + 1);
      json_object_set_string_member (element, "orderLineNo", number);
      g_snprintf (number, sizeof number, "%u", line->quantity);
      json_object_set_string_member (element, "quantity", number);
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, line->unit_price.minor);
      json_object_set_string_member (element, "price", number);
      json_object_set_string_member (element, "currency", DD_PP_DEFAULT_CURRENCY);
      json_object_set_string_member (element, "skuId", or_empty (line->sku_id));
      json_array_add_object_element (lines, element);
    }
  lines_text = array_to_string (lines);

  to = &request->receiver;
  receiver = json_object_new ();
  json_object_set_string_member (receiver, "zip", or_empty (to->zip));
  json_object_set_string_member (receiver, "country", or_empty (to->country_code));
  json_object_set_string_member (receiver, "address", or_empty (to->detail_address));
  json_object_set_string_member (receiver, "city", or_empty (to->city));
  json_object_set_string_member (receiver, "phone", "");
  json_object_set_string_member (receiver, "mobile_phone", or_empty (to->receiver_phone));
  json_object_set_string_member (receiver, "district", or_empty (to->area));
  json_object_set_string_member (receiver, "name", or_empty (to->receiver_name));
  json_object_set_string_member (receiver, "state", or_empty (to->state));
  receiver_text = object_to_string (receiver);

  body = json_object_new ();
  json_object_set_string_member (body, "orderLineList", lines_text);
  json_object_set_string_member (body, "orderSource", "dingdan");
  json_object_set_int_member (body, "purchaseAmount", amount);
  json_object_set_string_member (body, "receiver", receiver_text);
  json_object_set_string_member (body, "sellerOrderNumber", request->idempotency_key);

  return object_to_string (body);
}

char *
dd_pp_build_create_1688_body (const DdPurchaseRequest  *request,
                              GError                  **error)
{
  g_autoptr(JsonObject) body = NULL;
  JsonObject *address;
  JsonArray *cargo;
  const DdDeliveryInfo *to;
  gint64 sum;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_lines (request, &sum, error))
    return NULL;

  to = &request->receiver;
  address = json_object_new ();
  json_object_set_string_member (address, "fullName", or_empty (to->receiver_name));
  json_object_set_string_member (address, "mobile", or_empty (to->receiver_phone));
  json_object_set_string_member (address, "phone", "");
  json_object_set_string_member (address, "postCode", or_empty (to->zip));
  json_object_set_string_member (address, "cityText", or_empty (to->city));
  json_object_set_string_member (address, "provinceText", or_empty (to->state));
  json_object_set_string_member (address, "areaText", or_empty (to->area));
  json_object_set_string_member (address, "townText", "");
  json_object_set_string_member (address, "address", or_empty (to->detail_address));

  cargo = json_array_new ();
  for (guint i = 0; i < request->lines->len; i++)
    {
      const DdPurchaseLine *line = &g_array_index (request->lines, DdPurchaseLine, i);
      JsonObject *element = json_object_new ();

      json_object_set_string_member (element, "offerId", line->item_id);
      if (line->sku_id != NULL && *line->sku_id != '\0')
        json_object_set_string_member (element, "specId", line->sku_id);
      json_object_set_int_member (element, "quantity", line->quantity);
      json_array_add_object_element (cargo, element);
    }

  body = json_object_new ();
  json_object_set_string_member (body, "flow", "general");
  json_object_set_string_member (body, "message", or_empty (request->remark));
  /* ASSUMED: 1688's guaranteed-trade type (担保交易) for "general" orders. */
  json_object_set_string_member (body, "tradeType", "fxassure");
  json_object_set_object_member (body, "addressParam", address);
  json_object_set_array_member (body, "cargoParamList", cargo);

  return object_to_string (body);
}

