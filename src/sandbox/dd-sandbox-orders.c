/* dd-sandbox-orders.c: any platform's orders, as tests and benchmarks see them
 *
 * One switch over the four shops, through their own locked accessors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-orders.h"
#include "dd-sandbox-pp.h"
#include "dd-sandbox-private.h"
#include "dd-sandbox-top.h"

/* Orders modified this recently are not touched again (see the header). */
#define TOUCH_QUIET_MS 2000

typedef enum
{
  KIND_TW,
  KIND_TOP,
  KIND_TOP_PC,
  KIND_PANDAPON,
  KIND_UNKNOWN,
} Kind;

/* The statuses a touch moves an order between, per kind. */
static const char * const touch_statuses[][3] = {
  [KIND_TW] = { "ready_to_ship", "shipped", "delivered" },
  [KIND_TOP] = { "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED" },
  [KIND_TOP_PC] = { "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED" },
  [KIND_PANDAPON] = { "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS", "TRADE_FINISHED" },
};

static Kind
kind_from_platform (const char *platform)
{
  if (g_strcmp0 (platform, DD_SANDBOX_PLATFORM_TW) == 0)
    return KIND_TW;
  if (g_strcmp0 (platform, DD_SANDBOX_PLATFORM_TOP) == 0)
    return KIND_TOP;
  if (g_strcmp0 (platform, DD_SANDBOX_PLATFORM_TOP_PC) == 0)
    return KIND_TOP_PC;
  if (g_strcmp0 (platform, DD_SANDBOX_PLATFORM_PANDAPON) == 0)
    return KIND_PANDAPON;
  return KIND_UNKNOWN;
}

void
dd_sandbox_order_state_free (DdSandboxOrderState *state)
{
  if (state == NULL)
    return;

  g_free (state->order_id);
  g_free (state->status);
  g_free (state);
}

/* Every id of @kind's shop, sorted (strcmp). */
static GPtrArray *
list_ids (DdSandbox *self,
          Kind       kind)
{
  switch (kind)
    {
    case KIND_TW:
      return dd_sandbox_shop_list_order_ids (dd_sandbox_get_shop (self));
    case KIND_TOP:
      return dd_sandbox_top_shop_list_tids (dd_sandbox_get_top_shop (self));
    case KIND_TOP_PC:
      return dd_sandbox_top_shop_list_pc_ids (dd_sandbox_get_top_shop (self));
    case KIND_PANDAPON:
      return dd_sandbox_pp_shop_list_order_nos (dd_sandbox_get_pp_shop (self));
    case KIND_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static char *
dup_status (DdSandbox  *self,
            Kind        kind,
            const char *id)
{
  switch (kind)
    {
    case KIND_TW:
      return dd_sandbox_shop_dup_status (dd_sandbox_get_shop (self), id);
    case KIND_TOP:
      return dd_sandbox_top_shop_dup_status (dd_sandbox_get_top_shop (self), id);
    case KIND_TOP_PC:
      return dd_sandbox_top_shop_dup_pc_status (dd_sandbox_get_top_shop (self), id);
    case KIND_PANDAPON:
      return dd_sandbox_pp_shop_dup_status (dd_sandbox_get_pp_shop (self), id);
    case KIND_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static gint64
get_modified_ms (DdSandbox  *self,
                 Kind        kind,
                 const char *id)
{
  switch (kind)
    {
    case KIND_TW:
      return dd_sandbox_shop_get_modification_time (dd_sandbox_get_shop (self), id);
    case KIND_TOP:
      return dd_sandbox_top_shop_get_modified_ms (dd_sandbox_get_top_shop (self), id);
    case KIND_TOP_PC:
      return dd_sandbox_top_shop_get_pc_modified_ms (dd_sandbox_get_top_shop (self), id);
    case KIND_PANDAPON:
      return dd_sandbox_pp_shop_get_updated_ms (dd_sandbox_get_pp_shop (self), id);
    case KIND_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
set_status (DdSandbox  *self,
            Kind        kind,
            const char *id,
            const char *status)
{
  gint64 now = dd_sandbox_now_ms (self);

  switch (kind)
    {
    case KIND_TW:
      return dd_sandbox_shop_set_status (dd_sandbox_get_shop (self), id, status);
    case KIND_TOP:
      return dd_sandbox_top_shop_set_status (dd_sandbox_get_top_shop (self), id, status, now);
    case KIND_TOP_PC:
      return dd_sandbox_top_shop_set_pc_status (dd_sandbox_get_top_shop (self), id, status, now);
    case KIND_PANDAPON:
      return dd_sandbox_pp_shop_set_status (dd_sandbox_get_pp_shop (self), id, status, now);
    case KIND_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
dd_sandbox_list_order_states (DdSandbox  *self,
                              const char *platform)
{
  Kind kind = kind_from_platform (platform);
  g_autoptr(GPtrArray) ids = NULL;
  GPtrArray *states;

  g_return_val_if_fail (DD_IS_SANDBOX (self), NULL);

  if (kind == KIND_UNKNOWN)
    return NULL;

  ids = list_ids (self, kind);
  states = g_ptr_array_new_full (ids->len, (GDestroyNotify) dd_sandbox_order_state_free);
  for (guint i = 0; i < ids->len; i++)
    {
      DdSandboxOrderState *state = g_new0 (DdSandboxOrderState, 1);
      const char *id = g_ptr_array_index (ids, i);

      state->order_id = g_strdup (id);
      state->status = dup_status (self, kind, id);
      state->modified_ms = get_modified_ms (self, kind, id);
      g_ptr_array_add (states, state);
    }

  return states;
}

GPtrArray *
dd_sandbox_touch_orders (DdSandbox  *self,
                         const char *platform,
                         guint       n,
                         guint64     seed)
{
  Kind kind = kind_from_platform (platform);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GRand) rand = NULL;
  GPtrArray *touched;
  gint64 quiet_since;

  g_return_val_if_fail (DD_IS_SANDBOX (self), NULL);

  if (kind == KIND_UNKNOWN)
    return NULL;

  ids = list_ids (self, kind);
  rand = g_rand_new_with_seed ((guint32) (seed ^ (seed >> 32)));
  touched = g_ptr_array_new_with_free_func (g_free);
  quiet_since = (kind == KIND_TW ? g_get_real_time () / 1000 : dd_sandbox_now_ms (self)) - TOUCH_QUIET_MS;

  /* A partial Fisher–Yates shuffle: distinct picks, in a seeded order. */
  for (guint i = 0; i < ids->len && touched->len < n; i++)
    {
      guint j = i + (guint) g_rand_int_range (rand, 0, (gint32) (ids->len - i));
      const char *id;
      g_autofree char *status = NULL;
      const char *target = NULL;
      guint first;

      if (j != i)
        {
          gpointer swap = ids->pdata[i];

          ids->pdata[i] = ids->pdata[j];
          ids->pdata[j] = swap;
        }
      id = g_ptr_array_index (ids, i);
      if (get_modified_ms (self, kind, id) > quiet_since)
        continue;

      /* Another status than the current one, starting at a random one. */
      status = dup_status (self, kind, id);
      first = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (touch_statuses[kind]));
      for (guint k = 0; k < G_N_ELEMENTS (touch_statuses[kind]) && target == NULL; k++)
        {
          const char *candidate = touch_statuses[kind][(first + k) % G_N_ELEMENTS (touch_statuses[kind])];

          if (g_strcmp0 (candidate, status) != 0)
            target = candidate;
        }

      if (set_status (self, kind, id, target))
        g_ptr_array_add (touched, g_strdup (id));
    }

  return touched;
}

guint
dd_sandbox_add_orders (DdSandbox  *self,
                       const char *platform,
                       guint       n)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), 0);

  switch (kind_from_platform (platform))
    {
    case KIND_TW:
      dd_sandbox_shop_add_orders (dd_sandbox_get_shop (self), n);
      return n;

    case KIND_TOP:
      for (guint i = 0; i < n; i++)
        g_free (dd_sandbox_top_shop_add_trade (dd_sandbox_get_top_shop (self),
                                               dd_sandbox_now_ms (self)));
      return n;

    case KIND_PANDAPON:
      dd_sandbox_pp_shop_add_orders (dd_sandbox_get_pp_shop (self), n, dd_sandbox_now_ms (self));
      return n;

    case KIND_TOP_PC:
    case KIND_UNKNOWN:
    default:
      return 0;
    }
}
