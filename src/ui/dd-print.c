/* dd-print.c: packing slips and a pick list of orders, printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document is a list of rows, each a Pango layout (left) and optionally
 * a right-aligned one (the quantity column). Pagination places the rows
 * top to bottom: a row that does not fit starts a new page, headed by its
 * section's "continued" row (the column heads again); a packing slip and
 * the pick list start on a page of their own; a heading is never left
 * alone at the foot of a page. Every page has a footer "Page N of M".
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dd-print.h"
#include "dd-ui-format.h"

#define FOOTER_HEIGHT 24.0  /* points kept free at the foot of each page */
#define QUANTITY_WIDTH 72.0 /* the right column */
#define COLUMN_GAP 12.0
#define RULE_SPACE 4.0

typedef struct
{
  DdOrder *order;
  char    *account_name;
} Slip;

typedef struct
{
  char  *key;
  char  *title;
  char  *sku;
  guint  quantity;
} Pick;

typedef struct
{
  PangoLayout *left;
  PangoLayout *right;          /* NULL: none */
  double       space_before;
  double       height;
  int          continued;      /* the hidden row heading this row's section on a new page; -1 */
  guint        page_break : 1; /* starts a page */
  guint        keep_with_next : 1;
  guint        rule_below : 1;
  guint        hidden : 1;     /* placed only to head a continued page */
} Row;

typedef struct
{
  guint  row;
  guint  page;
  double y;
} Placement;

struct _DdPrintDocument
{
  GObject       parent_instance;

  GPtrArray    *slips;       /* (element-type Slip) */
  GPtrArray    *picks;       /* (element-type Pick); NULL: to be summed again */
  GArray       *rows;        /* (element-type Row) of the last pagination */
  GArray       *placements;  /* (element-type Placement), by page */
  guint         n_pages;
  double        width;
  double        height;
};

G_DEFINE_FINAL_TYPE (DdPrintDocument, dd_print_document, G_TYPE_OBJECT)

static void
slip_free (gpointer data)
{
  Slip *slip = data;

  g_clear_object (&slip->order);
  g_free (slip->account_name);
  g_free (slip);
}

static void
pick_free (gpointer data)
{
  Pick *pick = data;

  g_free (pick->key);
  g_free (pick->title);
  g_free (pick->sku);
  g_free (pick);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->left);
  g_clear_object (&row->right);
}

static void
dd_print_document_finalize (GObject *object)
{
  DdPrintDocument *self = DD_PRINT_DOCUMENT (object);

  g_clear_pointer (&self->slips, g_ptr_array_unref);
  g_clear_pointer (&self->picks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->placements, g_array_unref);

  G_OBJECT_CLASS (dd_print_document_parent_class)->finalize (object);
}

static void
dd_print_document_class_init (DdPrintDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dd_print_document_finalize;
}

static void
dd_print_document_init (DdPrintDocument *self)
{
  self->slips = g_ptr_array_new_with_free_func (slip_free);
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
}

DdPrintDocument *
dd_print_document_new (void)
{
  return g_object_new (DD_TYPE_PRINT_DOCUMENT, NULL);
}

void
dd_print_document_add_order (DdPrintDocument *self,
                             DdOrder         *order,
                             const char      *account_name)
{
  Slip *slip;

  g_return_if_fail (DD_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (DD_IS_ORDER (order));

  slip = g_new0 (Slip, 1);
  slip->order = g_object_ref (order);
  slip->account_name = g_strdup (account_name);
  g_ptr_array_add (self->slips, slip);
  g_clear_pointer (&self->picks, g_ptr_array_unref);
}

guint
dd_print_document_get_n_orders (DdPrintDocument *self)
{
  g_return_val_if_fail (DD_IS_PRINT_DOCUMENT (self), 0);

  return self->slips->len;
}

/* ---- the pick list ------------------------------------------------------------ */

static int
compare_picks (gconstpointer a,
               gconstpointer b)
{
  const Pick *pa = *(const Pick **) a;
  const Pick *pb = *(const Pick **) b;
  int cmp = g_utf8_collate (pa->title, pb->title);

  if (cmp == 0)
    cmp = g_utf8_collate (pa->sku, pb->sku);
  return cmp != 0 ? cmp : strcmp (pa->key, pb->key);
}

/* Lines of the same product and SKU (by their ids, else by title and SKU
 * properties) are one pick. */
static void
sum_picks (DdPrintDocument *self)
{
  g_autoptr(GHashTable) by_key = NULL;

  if (self->picks != NULL)
    return;

  self->picks = g_ptr_array_new_with_free_func (pick_free);
  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->slips->len; i++)
    {
      DdOrder *order = ((Slip *) g_ptr_array_index (self->slips, i))->order;

      for (guint j = 0; j < dd_order_get_n_lines (order); j++)
        {
          DdOrderLine *line = dd_order_get_line (order, j);
          const char *title = dd_order_line_get_title (line);
          const char *product = dd_order_line_get_product_id (line);
          const char *sku_id = dd_order_line_get_sku_id (line);
          g_autofree char *sku = dd_order_line_format_sku_properties (line);
          g_autofree char *key = NULL;
          Pick *pick;

          if (title == NULL)
            title = "";
          key = g_strdup_printf ("%s\x1f%s",
                                 product != NULL && *product != '\0' ? product : title,
                                 sku_id != NULL && *sku_id != '\0' ? sku_id : sku);
          pick = g_hash_table_lookup (by_key, key);
          if (pick == NULL)
            {
              pick = g_new0 (Pick, 1);
              pick->key = g_steal_pointer (&key);
              pick->title = g_strdup (title);
              pick->sku = g_steal_pointer (&sku);
              g_ptr_array_add (self->picks, pick);
              g_hash_table_insert (by_key, pick->key, pick);
            }
          pick->quantity += dd_order_line_get_quantity (line);
        }
    }
  g_ptr_array_sort (self->picks, compare_picks);
}

guint
dd_print_document_get_n_picks (DdPrintDocument *self)
{
  g_return_val_if_fail (DD_IS_PRINT_DOCUMENT (self), 0);

  sum_picks (self);
  return self->picks->len;
}

void
dd_print_document_get_pick (DdPrintDocument  *self,
                            guint             index,
                            const char      **title,
                            const char      **sku,
                            guint            *quantity)
{
  Pick *pick;

  g_return_if_fail (DD_IS_PRINT_DOCUMENT (self));

  sum_picks (self);
  g_return_if_fail (index < self->picks->len);

  pick = g_ptr_array_index (self->picks, index);
  if (title != NULL)
    *title = pick->title;
  if (sku != NULL)
    *sku = pick->sku;
  if (quantity != NULL)
    *quantity = pick->quantity;
}

/* ---- the rows ------------------------------------------------------------------ */

typedef enum
{
  STYLE_BODY,
  STYLE_BOLD,
  STYLE_HEADING,
  STYLE_SHOP,
} Style;

static PangoLayout *
new_layout (PangoContext   *context,
            const char     *markup,
            Style           style,
            double          width,
            PangoAlignment  alignment)
{
  static const char * const fonts[] = {
    [STYLE_BODY] = "Sans 10",
    [STYLE_BOLD] = "Sans Bold 10",
    [STYLE_HEADING] = "Sans Bold 16",
    [STYLE_SHOP] = "Sans Bold 12",
  };
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (fonts[style]);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Appends a row: @markup on the left, @right_markup (or NULL) in the
 * quantity column; returns its index. */
static guint
add_row (DdPrintDocument *self,
         PangoContext    *context,
         const char      *markup,
         const char      *right_markup,
         Style            style,
         double           space_before)
{
  Row row = { NULL, };
  double left_width = self->width;

  if (right_markup != NULL)
    {
      left_width -= QUANTITY_WIDTH + COLUMN_GAP;
      row.right = new_layout (context, right_markup, style, QUANTITY_WIDTH, PANGO_ALIGN_RIGHT);
    }
  row.left = new_layout (context, markup, style, MAX (left_width, 1.0), PANGO_ALIGN_LEFT);
  row.height = layout_height (row.left);
  if (row.right != NULL)
    row.height = MAX (row.height, layout_height (row.right));
  row.space_before = space_before;
  row.continued = -1;
  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

static Row *
get_row (DdPrintDocument *self,
         guint            index)
{
  return &g_array_index (self->rows, Row, index);
}

static void
set_rule_below (DdPrintDocument *self,
                guint            index)
{
  Row *row = get_row (self, index);

  row->rule_below = TRUE;
  row->height += RULE_SPACE;
}

/* "<b>Label</b> value", escaped; NULL when @value is empty. */
static char *
labelled (const char *label,
          const char *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  return g_markup_printf_escaped ("<b>%s</b>  %s", label, value);
}

static void
add_labelled_row (DdPrintDocument *self,
                  PangoContext    *context,
                  const char      *label,
                  const char      *value,
                  double           space_before)
{
  g_autofree char *markup = labelled (label, value);

  if (markup != NULL)
    add_row (self, context, markup, NULL, STYLE_BODY, space_before);
}

/* The title, and its SKU properties below it in a smaller size. */
static char *
item_markup (const char *title,
             const char *sku)
{
  if (sku == NULL || *sku == '\0')
    return g_markup_escape_text (title != NULL ? title : "", -1);
  return g_markup_printf_escaped ("%s\n<span size=\"smaller\">%s</span>",
                                  title != NULL ? title : "", sku);
}

static char *
quantity_markup (guint quantity)
{
  return g_strdup_printf ("%u", quantity);
}

static void
add_slip_rows (DdPrintDocument *self,
               PangoContext    *context,
               Slip            *slip)
{
  DdOrder *order = slip->order;
  const DdDeliveryInfo *delivery = dd_order_get_delivery (order);
  g_autofree char *heading = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *date = dd_ui_format_date (dd_order_get_created (order));
  g_autofree char *continued = NULL;
  g_autofree char *quantity_head = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_label = NULL;
  guint index, continued_index;
  guint n_items = 0;

  heading = g_markup_escape_text (_("Packing Slip"), -1);
  index = add_row (self, context, heading, NULL, STYLE_HEADING, 0);
  get_row (self, index)->page_break = TRUE;
  get_row (self, index)->keep_with_next = TRUE;

  if (slip->account_name != NULL && *slip->account_name != '\0')
    {
      shop = g_markup_escape_text (slip->account_name, -1);
      add_row (self, context, shop, NULL, STYLE_SHOP, 6);
    }
  add_labelled_row (self, context, _("Order number:"), dd_order_get_order_id (order), 8);
  add_labelled_row (self, context, _("Order date:"), date, 2);

  if (delivery != NULL)
    {
      g_autofree char *address = dd_delivery_info_format_address (delivery);
      g_autofree char *ship_to = g_markup_escape_text (_("Ship To"), -1);

      index = add_row (self, context, ship_to, NULL, STYLE_BOLD, 12);
      get_row (self, index)->keep_with_next = TRUE;
      add_labelled_row (self, context, _("Receiver:"), delivery->receiver_name, 2);
      add_labelled_row (self, context, _("Phone:"), delivery->receiver_phone, 2);
      add_labelled_row (self, context, _("Address:"), address, 2);
      add_labelled_row (self, context, _("Zip code:"), delivery->zip, 2);
    }

  /* The column heads, and what heads the lines on a page of their own. */
  quantity_head = g_markup_escape_text (C_("print column", "Quantity"), -1);
  /* Translators: heads the lines of a packing slip that go on on another
   * page; %s is the order number. */
  continued = g_markup_printf_escaped (_("Order %s (continued)"), dd_order_get_order_id (order));
  continued_index = add_row (self, context, continued, quantity_head, STYLE_BOLD, 0);
  set_rule_below (self, continued_index);
  get_row (self, continued_index)->hidden = TRUE;
  {
    g_autofree char *item_head = g_markup_escape_text (C_("print column", "Item"), -1);

    index = add_row (self, context, item_head, quantity_head, STYLE_BOLD, 14);
    set_rule_below (self, index);
    get_row (self, index)->keep_with_next = TRUE;
  }

  for (guint i = 0; i < dd_order_get_n_lines (order); i++)
    {
      DdOrderLine *line = dd_order_get_line (order, i);
      g_autofree char *sku = dd_order_line_format_sku_properties (line);
      g_autofree char *markup = item_markup (dd_order_line_get_title (line), sku);
      g_autofree char *quantity = quantity_markup (dd_order_line_get_quantity (line));

      index = add_row (self, context, markup, quantity, STYLE_BODY, 4);
      get_row (self, index)->continued = (int) continued_index;
      n_items += dd_order_line_get_quantity (line);
    }

  total_label = g_markup_escape_text (_("Total quantity"), -1);
  total = quantity_markup (n_items);
  index = add_row (self, context, total_label, total, STYLE_BOLD, 8);
  get_row (self, index)->continued = (int) continued_index;
}

static void
add_pick_rows (DdPrintDocument *self,
               PangoContext    *context)
{
  g_autofree char *heading = g_markup_escape_text (_("Pick List"), -1);
  g_autofree char *quantity_head = g_markup_escape_text (C_("print column", "Quantity"), -1);
  g_autofree char *product_head = g_markup_escape_text (C_("print column", "Product"), -1);
  g_autofree char *continued = g_markup_escape_text (_("Pick List (continued)"), -1);
  g_autofree char *n_orders = NULL;
  g_autofree char *total_label = g_markup_escape_text (_("Total quantity"), -1);
  g_autofree char *total = NULL;
  guint index, continued_index;
  guint n_items = 0;

  sum_picks (self);

  index = add_row (self, context, heading, NULL, STYLE_HEADING, 0);
  get_row (self, index)->page_break = TRUE;
  get_row (self, index)->keep_with_next = TRUE;

  /* Translators: below the title of the pick list; %u is a number. */
  n_orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The lines of %u order",
                                           "The lines of %u orders", self->slips->len),
                              self->slips->len);
  {
    g_autofree char *markup = g_markup_escape_text (n_orders, -1);

    add_row (self, context, markup, NULL, STYLE_BODY, 6);
  }

  continued_index = add_row (self, context, continued, quantity_head, STYLE_BOLD, 0);
  set_rule_below (self, continued_index);
  get_row (self, continued_index)->hidden = TRUE;
  index = add_row (self, context, product_head, quantity_head, STYLE_BOLD, 14);
  set_rule_below (self, index);
  get_row (self, index)->keep_with_next = TRUE;

  for (guint i = 0; i < self->picks->len; i++)
    {
      Pick *pick = g_ptr_array_index (self->picks, i);
      g_autofree char *markup = item_markup (pick->title, pick->sku);
      g_autofree char *quantity = quantity_markup (pick->quantity);

      index = add_row (self, context, markup, quantity, STYLE_BODY, 4);
      get_row (self, index)->continued = (int) continued_index;
      n_items += pick->quantity;
    }

  total = quantity_markup (n_items);
  index = add_row (self, context, total_label, total, STYLE_BOLD, 8);
  get_row (self, index)->continued = (int) continued_index;
}

/* ---- pagination and drawing ---------------------------------------------------- */

static void
place (DdPrintDocument *self,
       guint            row,
       guint            page,
       double           y)
{
  Placement placement = { row, page, y };

  g_array_append_val (self->placements, placement);
}

/* The height @index needs on the current page, with the rows it keeps with. */
static double
needed_height (DdPrintDocument *self,
               guint            index,
               gboolean         page_used)
{
  Row *row = get_row (self, index);
  double need = (page_used ? row->space_before : 0) + row->height;

  if (row->keep_with_next)
    for (guint next = index + 1; next < self->rows->len; next++)
      if (!get_row (self, next)->hidden)
        return need + needed_height (self, next, TRUE);
  return need;
}

guint
dd_print_document_paginate (DdPrintDocument *self,
                            PangoContext    *context,
                            double           width,
                            double           height)
{
  double usable = MAX (height - FOOTER_HEIGHT, 1.0);
  gboolean page_used = FALSE;
  guint page = 0;
  double y = 0;

  g_return_val_if_fail (DD_IS_PRINT_DOCUMENT (self), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);

  g_array_set_size (self->rows, 0);
  g_array_set_size (self->placements, 0);
  self->width = width;
  self->height = height;

  for (guint i = 0; i < self->slips->len; i++)
    add_slip_rows (self, context, g_ptr_array_index (self->slips, i));
  if (self->slips->len > 0)
    add_pick_rows (self, context);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = get_row (self, i);
      double before;

      if (row->hidden)
        continue;
      if (page_used &&
          (row->page_break || y + needed_height (self, i, TRUE) > usable))
        {
          page++;
          y = 0;
          page_used = FALSE;
          if (!row->page_break && row->continued >= 0)
            {
              place (self, (guint) row->continued, page, 0);
              y = get_row (self, (guint) row->continued)->height;
              page_used = TRUE;
            }
        }
      before = page_used ? row->space_before : 0;
      /* A row taller than a page is clipped at its foot. */
      place (self, i, page, y + before);
      y += before + row->height;
      page_used = TRUE;
    }

  self->n_pages = page + 1;
  return self->n_pages;
}

static void
draw_row (DdPrintDocument *self,
          cairo_t         *cr,
          Row             *row,
          double           y)
{
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, row->left);
  if (row->right != NULL)
    {
      cairo_move_to (cr, self->width - QUANTITY_WIDTH, y);
      pango_cairo_show_layout (cr, row->right);
    }
  if (row->rule_below)
    {
      double rule_y = y + row->height - RULE_SPACE / 2;

      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, 0, rule_y);
      cairo_line_to (cr, self->width, rule_y);
      cairo_stroke (cr);
    }
}

void
dd_print_document_draw_page (DdPrintDocument *self,
                             cairo_t         *cr,
                             guint            page_nr)
{
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *text = NULL;
  PangoFontDescription *font;

  g_return_if_fail (DD_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *placement = &g_array_index (self->placements, Placement, i);

      if (placement->page == page_nr)
        draw_row (self, cr, get_row (self, placement->row), placement->y);
      else if (placement->page > page_nr)
        break;
    }

  /* Translators: the footer of each printed page. */
  text = g_strdup_printf (_("Page %u of %u"), page_nr + 1, self->n_pages);
  footer = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans 8");
  pango_layout_set_font_description (footer, font);
  pango_font_description_free (font);
  pango_layout_set_width (footer, (int) (self->width * PANGO_SCALE));
  pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
  pango_layout_set_text (footer, text, -1);
  cairo_move_to (cr, 0, self->height - layout_height (footer));
  pango_cairo_show_layout (cr, footer);
  cairo_restore (cr);
}

/* ---- printing ------------------------------------------------------------------ */

char *
dd_print_settings_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "dingdan", "print-settings.ini", NULL);
}

static void
load_settings (GtkPrintOperation *operation)
{
  g_autofree char *path = dd_print_settings_path ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Could not read the print settings %s: %s", path, error->message);
      return;
    }
  if (g_key_file_has_group (key_file, "Print Settings"))
    {
      g_autoptr(GtkPrintSettings) settings =
        gtk_print_settings_new_from_key_file (key_file, NULL, NULL);

      if (settings != NULL)
        gtk_print_operation_set_print_settings (operation, settings);
    }
  if (g_key_file_has_group (key_file, "Page Setup"))
    {
      g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new_from_key_file (key_file, NULL, NULL);

      if (page_setup != NULL)
        gtk_print_operation_set_default_page_setup (operation, page_setup);
    }
}

static void
save_settings (GtkPrintOperation *operation)
{
  g_autofree char *path = dd_print_settings_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);

  if (settings != NULL)
    gtk_print_settings_to_key_file (settings, key_file, NULL);
  if (page_setup != NULL)
    gtk_page_setup_to_key_file (page_setup, key_file, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (key_file, path, &error))
    g_warning ("Could not keep the print settings in %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
}

typedef struct
{
  DdPrintDocument *document;
  DdPrintDoneFunc  done;
  gpointer         user_data;
  gboolean         finished;
} Run;

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_object (&run->document);
  g_free (run);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Run               *run)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  guint n_pages = dd_print_document_paginate (run->document, pango,
                                              gtk_print_context_get_width (context),
                                              gtk_print_context_get_height (context));

  g_object_unref (pango);
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Run               *run)
{
  dd_print_document_draw_page (run->document, gtk_print_context_get_cairo_context (context),
                               (guint) page_nr);
}

static void
finish_run (Run                     *run,
            GtkPrintOperationResult  result,
            const GError            *error)
{
  if (run->finished)
    return;
  run->finished = TRUE;
  if (run->done != NULL)
    run->done (result == GTK_PRINT_OPERATION_RESULT_APPLY, error, run->user_data);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         Run                     *run)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    save_settings (operation);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  finish_run (run, result, error);
  /* The reference run() took. */
  g_object_unref (operation);
}

void
dd_print_document_run (DdPrintDocument *self,
                       GtkWindow       *parent,
                       DdPrintDoneFunc  done,
                       gpointer         user_data)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  Run *run;

  g_return_if_fail (DD_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  run = g_new0 (Run, 1);
  run->document = g_object_ref (self);
  run->done = done;
  run->user_data = user_data;

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "dd-print-run", run, run_free);
  /* Translators: the name of the print job (printer queues show it). */
  gtk_print_operation_set_job_name (operation, _("Packing slips and pick list"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  load_settings (operation);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), run);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), run);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), run);

  /* Released in done_cb(). */
  g_object_ref (operation);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && !run->finished)
    {
      finish_run (run, result, error);
      g_object_unref (operation);
    }
}
