/* dd-action-runner-params.c: what the action runner keeps of a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "dd-action-runner-private.h"

DdPurchaseRequest *
dd_purchase_request_copy (const DdPurchaseRequest *request)
{
  DdPurchaseRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = dd_purchase_request_new (request->source, request->idempotency_key);

  for (guint i = 0; request->lines != NULL && i < request->lines->len; i++)
    {
      const DdPurchaseLine *line = &g_array_index (request->lines, DdPurchaseLine, i);

      dd_purchase_request_add_line (copy, line->item_id, line->sku_id, line->quantity, &line->unit_price);
    }
  copy->receiver.receiver_name = g_strdup (request->receiver.receiver_name);
  copy->receiver.receiver_phone = g_strdup (request->receiver.receiver_phone);
  copy->receiver.country_code = g_strdup (request->receiver.country_code);
  copy->receiver.state = g_strdup (request->receiver.state);
  copy->receiver.city = g_strdup (request->receiver.city);
  copy->receiver.area = g_strdup (request->receiver.area);
  copy->receiver.detail_address = g_strdup (request->receiver.detail_address);
  copy->receiver.zip = g_strdup (request->receiver.zip);
  copy->remark = g_strdup (request->remark);
  copy->total = request->total;

  return copy;
}

/* The parameters the log keeps: what was asked, nothing secret, no
 * receiver's phone or street. */
char *
dd_action_request_params_json (const DdActionRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  json_builder_begin_object (builder);
  switch (request->action)
    {
    case DD_ACTION_CANCEL:
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, request->reason_id);
      if (request->remark != NULL)
        {
          json_builder_set_member_name (builder, "remark");
          json_builder_add_string_value (builder, request->remark);
        }
      break;

    case DD_ACTION_UPLOAD_VOUCHER:
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, request->content_type);
      json_builder_set_member_name (builder, "filename");
      json_builder_add_string_value (builder, request->filename);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, (gint64) g_bytes_get_size (request->image));
      break;

    case DD_ACTION_CREATE_PURCHASE:
      {
        const DdPurchaseRequest *purchase = request->purchase;
        g_autofree char *total = dd_money_to_decimal (&purchase->total);

        json_builder_set_member_name (builder, "source");
        json_builder_add_string_value (builder, purchase->source == DD_PURCHASE_SOURCE_1688 ? "1688" : "taobao");
        json_builder_set_member_name (builder, "lines");
        json_builder_begin_array (builder);
        for (guint i = 0; purchase->lines != NULL && i < purchase->lines->len; i++)
          {
            const DdPurchaseLine *line = &g_array_index (purchase->lines, DdPurchaseLine, i);
            g_autofree char *price = dd_money_to_decimal (&line->unit_price);

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "item_id");
            json_builder_add_string_value (builder, line->item_id);
            if (line->sku_id != NULL)
              {
                json_builder_set_member_name (builder, "sku_id");
                json_builder_add_string_value (builder, line->sku_id);
              }
            json_builder_set_member_name (builder, "quantity");
            json_builder_add_int_value (builder, line->quantity);
            json_builder_set_member_name (builder, "unit_price");
            json_builder_add_string_value (builder, price);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_set_member_name (builder, "total");
        json_builder_add_string_value (builder, total);
        json_builder_set_member_name (builder, "currency");
        json_builder_add_string_value (builder, purchase->total.currency);
        if (purchase->receiver.receiver_name != NULL)
          {
            json_builder_set_member_name (builder, "receiver");
            json_builder_add_string_value (builder, purchase->receiver.receiver_name);
          }
        if (purchase->receiver.city != NULL)
          {
            json_builder_set_member_name (builder, "city");
            json_builder_add_string_value (builder, purchase->receiver.city);
          }
        if (purchase->remark != NULL)
          {
            json_builder_set_member_name (builder, "remark");
            json_builder_add_string_value (builder, purchase->remark);
          }
      }
      break;

    case DD_ACTION_CANCEL_AFTER_SALE:
      json_builder_set_member_name (builder, "refund_id");
      json_builder_add_string_value (builder, request->refund_id);
      break;

    case DD_ACTION_PAY_BALANCE:
    case DD_ACTION_PAY_URL:
    default:
      break;
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
