/* dd-sandbox.c: a local shop server speaking the platforms' wire protocols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer on 127.0.0.1 and one shop shared by every platform. Each
 * request is read into a DdSandboxRequest (query and form body merged), then
 * goes through:
 *   1. inject_fault(): the faults tests asked for (dd-sandbox-faults.c:
 *      resets, held-back answers, delays, 5xx, bans, mangled or streamed
 *      answers) before any platform sees the request; a ban fault makes
 *      dd_sandbox_check_rate_limit() answer for the banned platform;
 *   2. the platform whose path prefix matches (platforms[] below): Taiwan
 *      under "/rest" now; TOP ("/router/rest") and PandaPon ("/open/",
 *      "/alibaba/") arrive in issue B as further handler modules;
 *   3. otherwise the shop's assets: product images ("/img/<id>.png", tiny
 *      generated PNGs, so the UI shows pictures offline) and product pages.
 */
#include "config.h"

#include <string.h>

#include "dd-sandbox-private.h"
#include "dd-sandbox-auth.h"
#include "dd-sandbox-faults-private.h"
#include "dd-sandbox-hostile-private.h"
#include "dd-sandbox-shop.h"
#include "dd-sandbox-pp.h"
#include "dd-sandbox-top.h"
#include "dd-sandbox-tw.h"

struct _DdSandbox
{
  GObject        parent_instance;

  guint64        seed;
  guint          n_orders;
  guint          n_buyer_orders;  /* procurement and PandaPon; 0: n_orders / 5 */
  char          *app_key;
  char          *app_secret;
  char          *access_token;

  DdSandboxShop *shop;       /* Taobao Taiwan */
  DdSandboxTopShop *top_shop; /* TOP seller and procurement */
  DdSandboxPpShop *pp_shop;   /* PandaPon purchasing */
  gint64         clock_offset_ms;

  /* Rate limit, shared by every platform (0 calls: off); under lock. */
  guint          rate_max_calls;
  guint          rate_per_seconds;
  guint          rate_ban_seconds;
  gint64         rate_window_start_ms;
  guint          rate_calls;
  gint64         banned_until_ms;
  /* Bans of the ban fault, by platform (platforms[] index of its first
   * prefix); serving_platform: the one dispatching now (serving thread). */
  gint64         fault_banned_until_ms[8];
  int            serving_platform;
  SoupServer    *server;     /* lives on the serving thread's context */
  char          *base_url;
  guint          port;
  guint32        host_tag;   /* request ids: "0b" + 6 hex of this + ms + counter */
  guint          request_seq;

  GMutex         lock;       /* hook, counters */
  DdSandboxHook  hook;
  gpointer       hook_data;
  GHashTable    *n_requests; /* char* → GUINT_TO_POINTER (n) */
  guint          n_total;

  DdSandboxFaults *faults;  /* thread-safe itself */
  DdSandboxHostile *hostile; /* NULL: off; set before serving */

  GThread       *thread;
  GMainContext  *thread_context;
  GMainLoop     *thread_loop;
};

G_DEFINE_FINAL_TYPE (DdSandbox, dd_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_N_ORDERS,
  PROP_N_BUYER_ORDERS,
  PROP_APP_KEY,
  PROP_APP_SECRET,
  PROP_ACCESS_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Platforms by path prefix: the prefix alone or followed by "/…". */
static const struct
{
  const char       *prefix;
  DdSandboxHandler  handle;
} platforms[] = {
  { DD_SANDBOX_TW_PREFIX, dd_sandbox_tw_handle },
  { DD_SANDBOX_TOP_PREFIX, dd_sandbox_top_handle },
  { DD_SANDBOX_PP_OPEN_PREFIX, dd_sandbox_pp_handle },
  { DD_SANDBOX_PP_ALIBABA_PREFIX, dd_sandbox_pp_handle },
  { DD_SANDBOX_AUTH_PREFIX, dd_sandbox_auth_handle },
};

/* ---- tiny PNGs ------------------------------------------------------------ */

static guint32
crc32_update (guint32       crc,
              const guchar *data,
              gsize         len)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  return ~crc;
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 bytes[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, bytes, 4);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guchar *data,
           gsize         len)
{
  guint32 crc = crc32_update (0, (const guchar *) type, 4);

  crc = crc32_update (crc, data, len);
  put_be32 (out, (guint32) len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  g_byte_array_append (out, data, len);
  put_be32 (out, crc);
}

/* A 48×48 RGB square in a colour derived from @key, with a lighter centre:
 * uncompressed (stored deflate blocks), a few kilobytes. */
static GBytes *
make_png (const char *key)
{
  enum { SIZE = 48, ROW = 1 + SIZE * 3 };
  guint hash = g_str_hash (key);
  guint8 colour[3] = { 64 + hash % 160, 64 + (hash >> 8) % 160, 64 + (hash >> 16) % 160 };
  g_autoptr(GByteArray) raw = g_byte_array_sized_new (ROW * SIZE);
  g_autoptr(GByteArray) zlib = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  guint8 ihdr[13] = { 0, 0, 0, SIZE, 0, 0, 0, SIZE, 8, 2, 0, 0, 0 };
  guint32 a = 1, b = 0;
  guint8 block[5];

  for (guint y = 0; y < SIZE; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < SIZE; x++)
        {
          gboolean centre = x >= SIZE / 4 && x < 3 * SIZE / 4 && y >= SIZE / 4 && y < 3 * SIZE / 4;
          guint8 px[3];

          for (guint c = 0; c < 3; c++)
            px[c] = centre ? (guint8) ((colour[c] + 255) / 2) : colour[c];
          g_byte_array_append (raw, px, 3);
        }
    }

  /* zlib: header, one final stored block, Adler-32. */
  g_byte_array_append (zlib, (const guint8[]) { 0x78, 0x01 }, 2);
  block[0] = 1;
  block[1] = raw->len & 0xFF;
  block[2] = raw->len >> 8;
  block[3] = ~raw->len & 0xFF;
  block[4] = (~raw->len >> 8) & 0xFF;
  g_byte_array_append (zlib, block, 5);
  g_byte_array_append (zlib, raw->data, raw->len);
  for (guint i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      b = (b + a) % 65521;
    }
  put_be32 (zlib, (b << 16) | a);

  g_byte_array_append (out, signature, sizeof signature);
  put_chunk (out, "IHDR", ihdr, sizeof ihdr);
  put_chunk (out, "IDAT", zlib->data, zlib->len);
  put_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

static gboolean
serve_asset (DdSandbox         *self,
             SoupServerMessage *msg,
             const char        *path)
{
  if (g_str_has_prefix (path, "/img/") && g_str_has_suffix (path, ".png"))
    {
      g_autoptr(GBytes) png = make_png (path + strlen ("/img/"));

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
      return TRUE;
    }

  if (g_str_has_prefix (path, "/products/"))
    {
      static const char page[] =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Dingdan sandbox</title></head>"
        "<body><p>A product of the Dingdan sandbox shop.</p></body></html>\n";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html;charset=UTF-8", SOUP_MEMORY_STATIC,
                                        page, strlen (page));
      return TRUE;
    }

  return FALSE;
}

/* ---- requests ------------------------------------------------------------- */

static char *
new_request_id (DdSandbox *self,
                gint64     now_ms)
{
  guint seq = (guint) g_atomic_int_add ((int *) &self->request_seq, 1);

  /* Like the documentation's "0b1196a615934150810894026". */
  return g_strdup_printf ("0b%06x%013" G_GINT64_FORMAT "%04u",
                          self->host_tag & 0xFFFFFF, now_ms % G_GINT64_CONSTANT (10000000000000), seq % 10000);
}

static GHashTable *
collect_params (SoupServerMessage *msg,
                GHashTable        *query)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  GHashTableIter iter;
  gpointer key, value;

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (params, g_strdup (key), g_strdup (value));
    }

  if (g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0 &&
      g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_autoptr(GHashTable) form = soup_form_decode (text);

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (params, g_strdup (key), g_strdup (value));
    }

  return params;
}

/* A fault asked for by a test takes the request (TRUE) before any platform
 * sees it; it hands it on to dd_sandbox_dispatch() itself when it must. */
static gboolean
inject_fault (DdSandbox        *self,
              DdSandboxRequest *request)
{
  return dd_sandbox_faults_inject (self->faults, self, request);
}

/* A platform's ban slot: the index of its first prefix in platforms[]. */
static int
platform_of (guint index)
{
  for (guint i = 0; i < index; i++)
    if (platforms[i].handle == platforms[index].handle)
      return (int) i;
  return (int) index;
}

void
dd_sandbox_fault_ban (DdSandbox  *self,
                      const char *path,
                      gint64      until_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  G_STATIC_ASSERT (G_N_ELEMENTS (platforms) <= G_N_ELEMENTS (self->fault_banned_until_ms));

  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      gsize len = strlen (platforms[i].prefix);

      if (path == NULL ||
          (strncmp (path, platforms[i].prefix, len) == 0 && (path[len] == '\0' || path[len] == '/')))
        self->fault_banned_until_ms[platform_of (i)] = until_ms;
    }
}

void
dd_sandbox_dispatch (DdSandbox        *self,
                     DdSandboxRequest *request)
{
  const char *path = request->path;

  request->api_path = path;
  for (guint i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      const char *prefix = platforms[i].prefix;
      gsize len = strlen (prefix);

      if (strncmp (path, prefix, len) == 0 && (path[len] == '\0' || path[len] == '/'))
        {
          /* PandaPon's API paths include their prefix. */
          if (platforms[i].handle != dd_sandbox_pp_handle)
            request->api_path = path + len;
          g_mutex_lock (&self->lock);
          self->serving_platform = platform_of (i);
          g_mutex_unlock (&self->lock);
          platforms[i].handle (self, request);
          g_mutex_lock (&self->lock);
          self->serving_platform = -1;
          g_mutex_unlock (&self->lock);
          return;
        }
    }

  if (!serve_asset (self, request->msg, path))
    soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_FOUND, NULL);
}

DdSandboxFaults *
dd_sandbox_get_faults (DdSandbox *self)
{
  return self->faults;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  DdSandbox *self = user_data;
  DdSandboxRequest request = { 0 };
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *request_id = NULL;

  g_assert (DD_IS_SANDBOX (self));

  request.now_ms = dd_sandbox_now_ms (self);
  params = collect_params (msg, query);
  request_id = new_request_id (self, request.now_ms);
  request.msg = msg;
  request.path = path;
  request.api_path = path;
  request.params = params;
  request.request_id = request_id;
  request.hostile = self->hostile;

  dd_sandbox_count_request (self, NULL);
  dd_sandbox_count_request (self, path);
  g_debug ("%s %s", soup_server_message_get_method (msg), path);

  if (inject_fault (self, &request))
    return;

  dd_sandbox_dispatch (self, &request);
}

void
dd_sandbox_request_reply_json (DdSandboxRequest *request,
                               JsonNode         *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *data;
  gsize len;

  g_return_if_fail (request != NULL);
  g_return_if_fail (node != NULL);

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &len);
  json_node_unref (node);
  if (request->hostile != NULL)
    data = dd_sandbox_hostile_rewrite (request->hostile, data, &len);

  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "application/json;charset=UTF-8",
                                    SOUP_MEMORY_TAKE, data, len);
}

void
dd_sandbox_set_hostile (DdSandbox *self,
                        gboolean   hostile)
{
  g_return_if_fail (DD_IS_SANDBOX (self));

  if (hostile == (self->hostile != NULL))
    return;
  if (hostile)
    self->hostile = dd_sandbox_hostile_new (self);
  else
    g_clear_pointer (&self->hostile, dd_sandbox_hostile_free);
}

gboolean
dd_sandbox_get_hostile (DdSandbox *self)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);

  return self->hostile != NULL;
}

void
dd_sandbox_count_request (DdSandbox  *self,
                          const char *api_name)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (api_name == NULL)
    {
      self->n_total++;
      return;
    }
  g_hash_table_replace (self->n_requests, g_strdup (api_name),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->n_requests, api_name)) + 1));
}

void
dd_sandbox_run_hook (DdSandbox  *self,
                     const char *api_path,
                     guint       page)
{
  DdSandboxHook hook;
  gpointer hook_data;

  g_mutex_lock (&self->lock);
  hook = self->hook;
  hook_data = self->hook_data;
  g_mutex_unlock (&self->lock);

  if (hook != NULL)
    hook (self, api_path, page, hook_data);
}

const char *
dd_sandbox_get_app_key (DdSandbox *self)
{
  return self->app_key;
}

const char *
dd_sandbox_get_app_secret (DdSandbox *self)
{
  return self->app_secret;
}

const char *
dd_sandbox_get_access_token (DdSandbox *self)
{
  return self->access_token;
}

/* ---- the object ----------------------------------------------------------- */

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
dd_sandbox_dispose (GObject *object)
{
  DdSandbox *self = DD_SANDBOX (object);

  if (self->thread != NULL)
    {
      /* A source, not g_main_loop_quit(): it works even if the loop has not
       * started running yet. The thread drops the server itself. */
      g_main_context_invoke_full (self->thread_context, G_PRIORITY_HIGH, quit_loop_cb,
                                  g_main_loop_ref (self->thread_loop),
                                  (GDestroyNotify) g_main_loop_unref);
      g_thread_join (g_steal_pointer (&self->thread));
    }
  /* Drops the answers still held back (their sources, their messages),
   * in this thread's context, before the server goes. */
  dd_sandbox_faults_clear_pending (self->faults);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->thread_loop, g_main_loop_unref);
  g_clear_pointer (&self->thread_context, g_main_context_unref);

  G_OBJECT_CLASS (dd_sandbox_parent_class)->dispose (object);
}

static void
dd_sandbox_finalize (GObject *object)
{
  DdSandbox *self = DD_SANDBOX (object);

  g_clear_pointer (&self->shop, dd_sandbox_shop_free);
  g_clear_pointer (&self->top_shop, dd_sandbox_top_shop_free);
  g_clear_pointer (&self->pp_shop, dd_sandbox_pp_shop_free);
  g_clear_pointer (&self->n_requests, g_hash_table_unref);
  g_clear_pointer (&self->faults, dd_sandbox_faults_free);
  g_clear_pointer (&self->hostile, dd_sandbox_hostile_free);
  g_free (self->base_url);
  g_free (self->app_key);
  g_free (self->app_secret);
  g_free (self->access_token);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (dd_sandbox_parent_class)->finalize (object);
}

static void
dd_sandbox_constructed (GObject *object)
{
  DdSandbox *self = DD_SANDBOX (object);
  guint n_buyer_orders;

  G_OBJECT_CLASS (dd_sandbox_parent_class)->constructed (object);

  /* Buying is rarer than selling: a fifth as many purchase orders, unless
   * told otherwise. */
  n_buyer_orders = self->n_buyer_orders > 0 ? self->n_buyer_orders : MAX (self->n_orders / 5, 1);
  self->shop = dd_sandbox_shop_new (self->seed, self->n_orders);
  self->top_shop = dd_sandbox_top_shop_new (self->seed, self->n_orders, n_buyer_orders,
                                            g_get_real_time () / 1000);
  self->pp_shop = dd_sandbox_pp_shop_new (self->seed, n_buyer_orders,
                                          g_get_real_time () / 1000);
}

static void
dd_sandbox_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DdSandbox *self = DD_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_N_ORDERS:
      g_value_set_uint (value, self->n_orders);
      break;
    case PROP_N_BUYER_ORDERS:
      g_value_set_uint (value, self->n_buyer_orders);
      break;
    case PROP_APP_KEY:
      g_value_set_string (value, self->app_key);
      break;
    case PROP_APP_SECRET:
      g_value_set_string (value, self->app_secret);
      break;
    case PROP_ACCESS_TOKEN:
      g_value_set_string (value, self->access_token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string_or_default (char       **field,
                       const GValue *value,
                       const char  *fallback)
{
  const char *text = g_value_get_string (value);

  g_free (*field);
  *field = g_strdup (text != NULL && *text != '\0' ? text : fallback);
}

static void
dd_sandbox_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DdSandbox *self = DD_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;
    case PROP_N_ORDERS:
      self->n_orders = g_value_get_uint (value);
      break;
    case PROP_N_BUYER_ORDERS:
      self->n_buyer_orders = g_value_get_uint (value);
      break;
    case PROP_APP_KEY:
      set_string_or_default (&self->app_key, value, DD_SANDBOX_DEFAULT_APP_KEY);
      break;
    case PROP_APP_SECRET:
      set_string_or_default (&self->app_secret, value, DD_SANDBOX_DEFAULT_APP_SECRET);
      break;
    case PROP_ACCESS_TOKEN:
      set_string_or_default (&self->access_token, value, DD_SANDBOX_DEFAULT_ACCESS_TOKEN);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dd_sandbox_class_init (DdSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dd_sandbox_constructed;
  object_class->dispose = dd_sandbox_dispose;
  object_class->finalize = dd_sandbox_finalize;
  object_class->get_property = dd_sandbox_get_property;
  object_class->set_property = dd_sandbox_set_property;

  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, DD_SANDBOX_DEFAULT_SEED,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ORDERS] =
    g_param_spec_uint ("n-orders", NULL, NULL,
                       0, G_MAXUINT, DD_SANDBOX_DEFAULT_ORDERS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BUYER_ORDERS] =
    g_param_spec_uint ("n-buyer-orders", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP_KEY] =
    g_param_spec_string ("app-key", NULL, NULL,
                         DD_SANDBOX_DEFAULT_APP_KEY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP_SECRET] =
    g_param_spec_string ("app-secret", NULL, NULL,
                         DD_SANDBOX_DEFAULT_APP_SECRET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCESS_TOKEN] =
    g_param_spec_string ("access-token", NULL, NULL,
                         DD_SANDBOX_DEFAULT_ACCESS_TOKEN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dd_sandbox_init (DdSandbox *self)
{
  g_mutex_init (&self->lock);
  self->n_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host_tag = g_random_int ();
  self->faults = dd_sandbox_faults_new ();
  self->serving_platform = -1;
}

/* ---- public API ----------------------------------------------------------- */

DdSandbox *
dd_sandbox_new (guint64     seed,
                guint       n_orders,
                const char *app_key,
                const char *app_secret,
                const char *access_token)
{
  return g_object_new (DD_TYPE_SANDBOX,
                       "seed", seed,
                       "n-orders", n_orders,
                       "app-key", app_key,
                       "app-secret", app_secret,
                       "access-token", access_token,
                       NULL);
}

gboolean
dd_sandbox_listen (DdSandbox  *self,
                   guint       port,
                   GError    **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  server = soup_server_new ("server-header", "Dingdan-Sandbox/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);
  self->port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  dd_sandbox_shop_set_base_url (self->shop, self->base_url);
  self->server = g_steal_pointer (&server);

  g_debug ("Sandbox listening on %s", self->base_url);
  return TRUE;
}

typedef struct
{
  DdSandbox *self;
  guint      port;
  GMutex     lock;
  GCond      cond;
  gboolean   done;
  gboolean   ok;
  GError    *error;
} StartData;

static gpointer
serve_thread (gpointer data)
{
  StartData *start = data;
  DdSandbox *self = start->self;
  GMainContext *context = self->thread_context;
  GMainLoop *loop = self->thread_loop;
  GError *error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  ok = dd_sandbox_listen (self, start->port, &error);

  g_mutex_lock (&start->lock);
  start->ok = ok;
  start->error = error;
  start->done = TRUE;
  g_cond_signal (&start->cond);
  g_mutex_unlock (&start->lock);
  /* @start belongs to the caller from here on. */

  if (ok)
    {
      g_main_loop_run (loop);
      /* Before the drain below, which would run held answers already due. */
      dd_sandbox_faults_clear_pending (self->faults);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
      while (g_main_context_iteration (context, FALSE))
        ;
    }
  g_main_context_pop_thread_default (context);
  return NULL;
}

gboolean
dd_sandbox_start_in_thread (DdSandbox  *self,
                            guint       port,
                            GError    **error)
{
  StartData start = { self, port };

  g_return_val_if_fail (DD_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_init (&start.lock);
  g_cond_init (&start.cond);
  self->thread_context = g_main_context_new ();
  self->thread_loop = g_main_loop_new (self->thread_context, FALSE);
  self->thread = g_thread_new ("dd-sandbox", serve_thread, &start);

  g_mutex_lock (&start.lock);
  while (!start.done)
    g_cond_wait (&start.cond, &start.lock);
  g_mutex_unlock (&start.lock);
  g_mutex_clear (&start.lock);
  g_cond_clear (&start.cond);

  if (!start.ok)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->thread_loop, g_main_loop_unref);
      g_clear_pointer (&self->thread_context, g_main_context_unref);
      g_propagate_error (error, start.error);
      return FALSE;
    }
  return TRUE;
}

const char *
dd_sandbox_get_base_url (DdSandbox *self)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), NULL);

  return self->base_url;
}

guint
dd_sandbox_get_port (DdSandbox *self)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), 0);

  return self->port;
}

DdSandboxShop *
dd_sandbox_get_shop (DdSandbox *self)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), NULL);

  return self->shop;
}

void
dd_sandbox_set_hook (DdSandbox     *self,
                     DdSandboxHook  hook,
                     gpointer       user_data)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (DD_IS_SANDBOX (self));

  locker = g_mutex_locker_new (&self->lock);
  self->hook = hook;
  self->hook_data = user_data;
}

guint
dd_sandbox_get_n_requests (DdSandbox  *self,
                           const char *api_path)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (DD_IS_SANDBOX (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  if (api_path == NULL)
    return self->n_total;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->n_requests, api_path));
}

DdSandboxTopShop *
dd_sandbox_get_top_shop (DdSandbox *self)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), NULL);

  return self->top_shop;
}

DdSandboxPpShop *
dd_sandbox_get_pp_shop (DdSandbox *self)
{
  g_return_val_if_fail (DD_IS_SANDBOX (self), NULL);

  return self->pp_shop;
}

/* ---- clock and rate limit --------------------------------------------------- */

gint64
dd_sandbox_now_ms (DdSandbox *self)
{
  gint64 offset;

  g_return_val_if_fail (DD_IS_SANDBOX (self), 0);

  g_mutex_lock (&self->lock);
  offset = self->clock_offset_ms;
  g_mutex_unlock (&self->lock);

  return g_get_real_time () / 1000 + offset;
}

void
dd_sandbox_advance_clock (DdSandbox *self,
                          gint64     ms)
{
  g_return_if_fail (DD_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->clock_offset_ms += ms;
  g_mutex_unlock (&self->lock);
}

void
dd_sandbox_set_rate_limit (DdSandbox *self,
                           guint      max_calls,
                           guint      per_seconds,
                           guint      ban_seconds)
{
  g_return_if_fail (DD_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->rate_max_calls = max_calls;
  self->rate_per_seconds = MAX (per_seconds, 1);
  self->rate_ban_seconds = ban_seconds;
  self->rate_window_start_ms = 0;
  self->rate_calls = 0;
  self->banned_until_ms = 0;
  g_mutex_unlock (&self->lock);
}

guint
dd_sandbox_check_rate_limit (DdSandbox *self,
                             gint64     now_ms)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  /* The ban fault (dd_sandbox_fault_ban()) of the platform answering. */
  if (self->serving_platform >= 0 &&
      now_ms < self->fault_banned_until_ms[self->serving_platform])
    return (guint) ((self->fault_banned_until_ms[self->serving_platform] - now_ms + 999) / 1000);

  if (self->rate_max_calls == 0)
    return 0;

  if (now_ms < self->banned_until_ms)
    return (guint) ((self->banned_until_ms - now_ms + 999) / 1000);

  /* A ban that has run out starts a fresh window. */
  if (self->banned_until_ms != 0 ||
      now_ms - self->rate_window_start_ms >= (gint64) self->rate_per_seconds * 1000)
    {
      self->rate_window_start_ms = now_ms;
      self->rate_calls = 0;
      self->banned_until_ms = 0;
    }

  if (++self->rate_calls <= self->rate_max_calls)
    return 0;

  self->banned_until_ms = now_ms + (gint64) MAX (self->rate_ban_seconds, 1) * 1000;
  return MAX (self->rate_ban_seconds, 1);
}

gboolean
dd_sandbox_is_digits (const char *text,
                      gsize       max_len)
{
  gsize len = strlen (text);

  if (len == 0 || len > max_len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}
