/* dd-client.c: what every platform client can do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dd-client.h"

G_DEFINE_BOXED_TYPE (DdOrderPage, dd_order_page, dd_order_page_copy, dd_order_page_free)

DdOrderPage *
dd_order_page_new (void)
{
  DdOrderPage *page = g_new0 (DdOrderPage, 1);

  page->orders = g_ptr_array_new_with_free_func (g_object_unref);

  return page;
}

/* Shallow in the orders: the copy holds new references on the same DdOrder
 * objects. */
DdOrderPage *
dd_order_page_copy (DdOrderPage *page)
{
  DdOrderPage *copy;

  g_return_val_if_fail (page != NULL, NULL);

  copy = dd_order_page_new ();
  for (guint i = 0; page->orders != NULL && i < page->orders->len; i++)
    g_ptr_array_add (copy->orders, g_object_ref (g_ptr_array_index (page->orders, i)));
  copy->total_count = page->total_count;
  copy->page = page->page;
  copy->page_size = page->page_size;
  copy->n_calls = page->n_calls;
  copy->request_id = g_strdup (page->request_id);

  return copy;
}

void
dd_order_page_free (DdOrderPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->orders, g_ptr_array_unref);
  g_clear_pointer (&page->request_id, g_free);
  g_free (page);
}

G_DEFINE_INTERFACE (DdClient, dd_client, G_TYPE_OBJECT)

static void
dd_client_default_init (DdClientInterface *iface)
{
}

const char *
dd_client_get_platform (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (DD_CLIENT_GET_IFACE (self)->get_platform != NULL, NULL);

  return DD_CLIENT_GET_IFACE (self)->get_platform (self);
}

guint
dd_client_get_max_page_size (DdClient *self)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), 0);
  g_return_val_if_fail (DD_CLIENT_GET_IFACE (self)->get_max_page_size != NULL, 0);

  return DD_CLIENT_GET_IFACE (self)->get_max_page_size (self);
}

void
dd_client_list_orders_async (DdClient            *self,
                             const DdListQuery   *query,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (DD_CLIENT_GET_IFACE (self)->list_orders_async != NULL);

  DD_CLIENT_GET_IFACE (self)->list_orders_async (self, query, cancellable, callback, user_data);
}

DdOrderPage *
dd_client_list_orders_finish (DdClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return DD_CLIENT_GET_IFACE (self)->list_orders_finish (self, result, error);
}

void
dd_client_get_order_async (DdClient            *self,
                           const char          *order_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (DD_IS_CLIENT (self));
  g_return_if_fail (order_id != NULL && *order_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (DD_CLIENT_GET_IFACE (self)->get_order_async != NULL);

  DD_CLIENT_GET_IFACE (self)->get_order_async (self, order_id, cancellable, callback, user_data);
}

DdOrder *
dd_client_get_order_finish (DdClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (DD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return DD_CLIENT_GET_IFACE (self)->get_order_finish (self, result, error);
}
