/* test-print.c: the packing slips and pick list layout (dd-print.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "dd-print.h"

/* A4 less 36-point margins, in points. */
#define PAGE_WIDTH  523.0
#define PAGE_HEIGHT 770.0

static DdOrderLine *
new_line (const char *title,
          const char *product_id,
          const char *sku_id,
          const char *colour,
          guint       quantity)
{
  DdOrderLine *line = dd_order_line_new ();

  dd_order_line_set_title (line, title);
  dd_order_line_set_product_id (line, product_id);
  dd_order_line_set_sku_id (line, sku_id);
  if (colour != NULL)
    dd_order_line_add_sku_property (line, "顏色", colour);
  dd_order_line_set_quantity (line, quantity);
  return line;
}

static DdOrder *
new_order (const char *order_id)
{
  DdOrder *order = dd_order_new ();
  DdDeliveryInfo delivery = { (char *) "王**", (char *) "09******12", (char *) "TW",
                              (char *) "台北市", (char *) "松山區", NULL,
                              (char *) "民生東路***號", (char *) "105" };

  dd_order_set_order_id (order, order_id);
  dd_order_set_account_id (order, "acct");
  dd_order_set_delivery (order, &delivery);
  return order;
}

static void
add_line (DdOrder     *order,
          DdOrderLine *line)
{
  dd_order_add_line (order, line);
  g_object_unref (line);
}

/* Freed at the end of the test. */
static PangoContext *
new_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  g_test_queue_unref (context);
  return context;
}

static void
test_pick_list (void)
{
  g_autoptr(DdPrintDocument) document = dd_print_document_new ();
  g_autoptr(DdOrder) first = new_order ("1001");
  g_autoptr(DdOrder) second = new_order ("1002");
  const char *title, *sku;
  guint quantity;

  add_line (first, new_line ("保溫杯", "p1", "s1", "黑色", 1));
  add_line (first, new_line ("Apron", "p2", "s9", NULL, 3));
  add_line (second, new_line ("保溫杯", "p1", "s1", "黑色", 2));
  add_line (second, new_line ("保溫杯", "p1", "s2", "白色", 1));
  dd_print_document_add_order (document, first, "My shop");
  dd_print_document_add_order (document, second, "My shop");

  g_assert_cmpuint (dd_print_document_get_n_orders (document), ==, 2);
  /* Same product and SKU summed; another SKU apart; sorted by title. */
  g_assert_cmpuint (dd_print_document_get_n_picks (document), ==, 3);
  dd_print_document_get_pick (document, 0, &title, &sku, &quantity);
  g_assert_cmpstr (title, ==, "Apron");
  g_assert_cmpstr (sku, ==, "");
  g_assert_cmpuint (quantity, ==, 3);
  for (guint i = 1; i <= 2; i++)
    {
      dd_print_document_get_pick (document, i, &title, &sku, &quantity);
      g_assert_cmpstr (title, ==, "保溫杯");
      if (g_str_equal (sku, "顏色: 黑色"))
        g_assert_cmpuint (quantity, ==, 3);
      else
        {
          g_assert_cmpstr (sku, ==, "顏色: 白色");
          g_assert_cmpuint (quantity, ==, 1);
        }
    }

  /* Adding an order sums again. */
  {
    g_autoptr(DdOrder) third = new_order ("1003");

    add_line (third, new_line ("Apron", "p2", "s9", NULL, 4));
    dd_print_document_add_order (document, third, "My shop");
    dd_print_document_get_pick (document, 0, &title, NULL, &quantity);
    g_assert_cmpstr (title, ==, "Apron");
    g_assert_cmpuint (quantity, ==, 7);
  }
}

static void
test_pages (void)
{
  g_autoptr(DdPrintDocument) document = dd_print_document_new ();
  g_autoptr(DdOrder) small = new_order ("2001");
  g_autoptr(DdOrder) other = new_order ("2002");
  PangoContext *context = new_context ();

  add_line (small, new_line ("保溫杯", "p1", "s1", "黑色", 1));
  add_line (other, new_line ("Apron", "p2", NULL, NULL, 2));
  dd_print_document_add_order (document, small, "My shop");
  dd_print_document_add_order (document, other, "My shop");

  /* A page per slip, then the pick list on its own. */
  g_assert_cmpuint (dd_print_document_paginate (document, context, PAGE_WIDTH, PAGE_HEIGHT), ==, 3);
}

static void
test_long_order (void)
{
  g_autoptr(DdPrintDocument) document = dd_print_document_new ();
  g_autoptr(DdOrder) order = new_order ("3001");
  PangoContext *context = new_context ();
  g_autofree char *dir = g_dir_make_tmp ("dingdan-test-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slips.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages, n_short;

  g_assert_nonnull (dir);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *title = g_strdup_printf ("商品 %u 親膚棉白T", i);
      g_autofree char *product = g_strdup_printf ("p%u", i);

      add_line (order, new_line (title, product, NULL, "黑色", i % 3 + 1));
    }
  dd_print_document_add_order (document, order, "My shop");

  /* 150 lines (two text lines each) do not fit one page: the slip and the
   * pick list both break across pages. */
  n_pages = dd_print_document_paginate (document, context, PAGE_WIDTH, PAGE_HEIGHT);
  g_assert_cmpuint (n_pages, >=, 4);
  /* Half the height, more pages. */
  n_short = dd_print_document_paginate (document, context, PAGE_WIDTH, PAGE_HEIGHT / 2);
  g_assert_cmpuint (n_short, >, n_pages);

  /* Every page draws. */
  n_pages = dd_print_document_paginate (document, context, PAGE_WIDTH, PAGE_HEIGHT);
  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      dd_print_document_draw_page (document, cr, page);
      cairo_show_page (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_remove (path);
  g_rmdir (dir);
}

/* Issue H: server text full of markup, bidi overrides and control
 * characters is printed as text: no markup error (a warning, fatal here),
 * every page draws. */
#define HOSTILE "=HYPERLINK(\"x\") <b>bold</b> <span foreground=\"red\" size=\"xx-large\">big</span> " \
  "&amp; &bogus; <i>unclosed <a href=\"javascript:alert(1)\">x</a> \u202e\u00a5 100.00\u202c " \
  "\u2066x\u2069 \u200f99\u200f Z\u0300\u0301\u0302\u0303 \x01\x1b[31m line1\r\nline2 \xef\xbf\xbd"

static void
test_hostile (void)
{
  g_autoptr(DdPrintDocument) document = dd_print_document_new ();
  g_autoptr(DdOrder) order = dd_order_new ();
  PangoContext *context = new_context ();
  DdDeliveryInfo delivery = { (char *) HOSTILE, (char *) HOSTILE, (char *) "TW",
                              (char *) HOSTILE, (char *) HOSTILE, (char *) HOSTILE,
                              (char *) HOSTILE, (char *) HOSTILE };
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING |
                                                 G_LOG_LEVEL_CRITICAL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;
  const char *title, *sku;

  dd_order_set_order_id (order, "4001");
  dd_order_set_account_id (order, "acct");
  dd_order_set_buyer_name (order, HOSTILE);
  dd_order_set_delivery (order, &delivery);
  add_line (order, new_line (HOSTILE, "p1", "s1", HOSTILE, 2));
  add_line (order, new_line ("<i>", "p2", "s2", "&bogus;", 1));
  dd_print_document_add_order (document, order, HOSTILE);

  /* The pick list keeps the text as it is (data, not markup). */
  dd_print_document_get_pick (document, 0, &title, &sku, NULL);
  g_assert_cmpstr (title, ==, "<i>");
  g_assert_cmpstr (sku, ==, "顏色: &bogus;");

  n_pages = dd_print_document_paginate (document, context, PAGE_WIDTH, PAGE_HEIGHT);
  /* The slip (long, wrapped text: may take two pages), then the pick list. */
  g_assert_cmpuint (n_pages, >=, 2);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      dd_print_document_draw_page (document, cr, page);
      cairo_show_page (cr);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_log_set_always_fatal (fatal);
}

static void
test_settings_path (void)
{
  g_autofree char *path = dd_print_settings_path ();
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "dingdan",
                                                "print-settings.ini", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/dingdan/print/pick-list", test_pick_list);
  g_test_add_func ("/dingdan/print/pages", test_pages);
  g_test_add_func ("/dingdan/print/long-order", test_long_order);
  g_test_add_func ("/dingdan/print/settings-path", test_settings_path);
  g_test_add_func ("/dingdan/print/hostile", test_hostile);

  return g_test_run ();
}
