#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails on any user-visible string in the sources that is not marked for
translation (TAP).

- .ui files under src/: a <property>/<attribute> whose name is user-visible
  (label, title, tooltip-text, ..., the accessible label and description,
  GtkStringList <item>s) and whose text has a letter must carry
  translatable="yes", or translatable="no" with a comment saying why (an XML
  comment just before it, or comments="...").
- .c files under src/ui, src/cli and src/core: a string literal with a letter
  passed as a user-visible argument (see VISIBLE_ARGS, plus every function
  defined in those directories with a `const char *title/label/heading/...`
  parameter) without _(), C_(), N_(), NC_(), ngettext or g_dngettext.

Strings that are not prose are excused by rule, never by line number: no
letter once printf conversions and markup are removed, a URL, or one token of
lower-case ASCII, digits and -_.:/ (action, icon, property and CSS names).
True exceptions go in unmarked-strings-allow.txt, one string a line, each
with a reason.

Usage: test-unmarked-strings.py SOURCE_ROOT   (TAP: the self-test, then .ui, then .c)
       test-unmarked-strings.py --selftest    (the self-test alone)"""

import os
import re
import sys
import xml.etree.ElementTree as ET

# --- Rules shared by both checks ------------------------------------------------------

PRINTF = re.compile(r"%(\d+\$)?[-+ #0']*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfgGcsp%]")
MARKUP = re.compile(r"<[^<>]*>|&[#\w]+;")
URL = re.compile(r"^\s*[a-z][a-z0-9+.-]*://\S*\s*$")
TECHNICAL = re.compile(r"^[a-z0-9_.:/\-@+#=%]+$")


def has_letter(text):
    return any(ch.isalpha() for ch in text)


def is_prose(text, allow=frozenset()):
    """True when text is something a user reads: it has a letter once format
    conversions and markup are gone, and it is not a URL, a technical id or
    an allow-listed name."""
    if text.strip() in allow:
        return False
    bare = MARKUP.sub(" ", PRINTF.sub(" ", text))
    if not has_letter(bare):
        return False
    if URL.match(text):
        return False
    if TECHNICAL.match(text.strip()):
        return False
    return True


# --- .ui files ---------------------------------------------------------------------------

# Properties (and menu attributes) a user reads or hears.
UI_VISIBLE = {
    "label", "title", "subtitle", "description", "tooltip-text", "tooltip-markup",
    "placeholder-text", "text", "secondary-text", "heading", "body", "button-label",
    "comments", "copyright", "developer-name", "translator-credits", "accessible-name",
    "placeholder", "role-description", "value-text", "primary-text", "section-name-label",
    "search-placeholder", "application-name", "release-notes",
}
# `name` is shown by GtkShortcutsSection only as a title when `title` is absent;
# section-name / name are ids and so never checked.
TRUE_VALUES = {"yes", "true", "1", "y", "t"}


def parse_ui(text):
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    parser.feed(text)
    return parser.close()


def ui_findings(name, text, allow=frozenset()):
    """(file, line-ish, message) for every unmarked visible string of one .ui."""
    try:
        root = parse_ui(text)
    except ET.ParseError as err:
        return [(name, 0, "not well-formed: %s" % err)]
    lines = text.splitlines()
    found = []

    def where(value):
        # ElementTree keeps no line numbers: find the text in the file.
        for i, line in enumerate(lines, 1):
            if value and value in line:
                return i
        return 0

    def visit(elem):
        children = list(elem)
        prev = None
        for child in children:
            if child.tag is ET.Comment:
                prev = child
                continue
            check(child, prev)
            visit(child)
            prev = child

    def check(elem, prev_comment):
        tag = elem.tag
        if tag in ("property", "attribute"):
            if elem.get("name") not in UI_VISIBLE:
                return
        elif tag == "item":
            pass  # GtkStringList <items><item>; menu <item>s have no text of their own.
        else:
            return
        value = (elem.text or "").strip()
        if not value or not is_prose(value, allow):
            return
        translatable = (elem.get("translatable") or "").lower()
        if translatable in TRUE_VALUES:
            return
        if translatable in ("no", "false", "0", "n", "f"):
            excused = elem.get("comments") or (
                prev_comment is not None and prev_comment.tag is ET.Comment
                and has_letter(prev_comment.text or ""))
            if excused:
                return
            found.append((name, where(value),
                          '<%s name="%s">%s</%s> is translatable="no" without a comment saying why'
                          % (tag, elem.get("name"), value, tag)))
            return
        label = '<%s name="%s">' % (tag, elem.get("name")) if tag != "item" else "<item>"
        found.append((name, where(value), '%s%s lacks translatable="yes"' % (label, value)))

    visit(root)
    return found


# --- .c files -----------------------------------------------------------------------------

MARKERS = {"_", "N_", "C_", "NC_", "Q_", "g_dngettext", "ngettext", "g_dpgettext2",
           "g_dgettext", "g_dpgettext", "dngettext", "gettext", "dgettext", "ngettext"}

# Function -> indexes (0-based) of its user-visible string arguments.
VISIBLE_ARGS = {
    # GTK
    "gtk_label_new": [0], "gtk_label_new_with_mnemonic": [0],
    "gtk_label_set_text": [1], "gtk_label_set_label": [1], "gtk_label_set_markup": [1],
    "gtk_label_set_text_with_mnemonic": [1], "gtk_label_set_markup_with_mnemonic": [1],
    "gtk_button_new_with_label": [0], "gtk_button_new_with_mnemonic": [0],
    "gtk_button_set_label": [1], "gtk_menu_button_set_label": [1],
    "gtk_check_button_new_with_label": [0], "gtk_check_button_new_with_mnemonic": [0],
    "gtk_check_button_set_label": [1], "gtk_toggle_button_new_with_label": [0],
    "gtk_toggle_button_new_with_mnemonic": [0],
    "gtk_window_set_title": [1], "gtk_frame_new": [0], "gtk_frame_set_label": [1],
    "gtk_expander_new": [0], "gtk_expander_new_with_mnemonic": [0],
    "gtk_widget_set_tooltip_text": [1], "gtk_widget_set_tooltip_markup": [1],
    "gtk_entry_set_placeholder_text": [1], "gtk_text_set_placeholder_text": [1],
    "gtk_search_entry_set_placeholder_text": [1], "gtk_password_entry_set_placeholder_text": [1],
    "gtk_progress_bar_set_text": [1], "gtk_picture_set_alternative_text": [1],
    "gtk_string_list_append": [1], "gtk_string_list_take": [1],
    "gtk_column_view_column_new": [0], "gtk_column_view_column_set_title": [1],
    "gtk_print_operation_set_job_name": [1],
    "gtk_file_chooser_native_new": [0, 3, 4],
    "gtk_message_dialog_new": [4], "gtk_message_dialog_format_secondary_text": [1],
    "pango_layout_set_text": [1], "pango_layout_set_markup": [1],
    # libadwaita
    "adw_toast_new": [0], "adw_toast_set_title": [1], "adw_toast_set_button_label": [1],
    "adw_message_dialog_new": [1, 2], "adw_message_dialog_set_heading": [1],
    "adw_message_dialog_set_body": [1], "adw_message_dialog_format_heading": [1],
    "adw_message_dialog_format_body": [1], "adw_message_dialog_format_heading_markup": [1],
    "adw_message_dialog_format_body_markup": [1],
    "adw_message_dialog_add_response": [2], "adw_message_dialog_set_response_label": [2],
    "adw_preferences_row_set_title": [1], "adw_action_row_set_subtitle": [1],
    "adw_expander_row_set_subtitle": [1], "adw_preferences_group_set_title": [1],
    "adw_preferences_group_set_description": [1], "adw_preferences_page_set_title": [1],
    "adw_status_page_set_title": [1], "adw_status_page_set_description": [1],
    "adw_window_title_new": [0, 1], "adw_window_title_set_title": [1],
    "adw_window_title_set_subtitle": [1], "adw_view_stack_add_titled": [3],
    "adw_view_stack_page_set_title": [1], "adw_split_button_set_label": [1],
    "adw_button_content_set_label": [1], "adw_tab_page_set_title": [1],
    "adw_about_window_set_comments": [1], "adw_about_window_set_developer_name": [1],
    "adw_about_window_set_translator_credits": [1], "adw_about_window_set_copyright": [1],
    "adw_about_window_set_release_notes": [1], "adw_about_window_set_application_name": [1],
    "adw_about_window_add_credit_section": [1], "adw_about_window_add_acknowledgement_section": [1],
    # GIO
    "g_menu_append": [1], "g_menu_prepend": [1], "g_menu_insert": [2],
    "g_menu_append_section": [1], "g_menu_append_submenu": [1], "g_menu_prepend_section": [1],
    "g_menu_insert_section": [2], "g_menu_item_new": [0], "g_menu_item_new_section": [0],
    "g_menu_item_new_submenu": [0], "g_menu_item_set_label": [1],
    "g_notification_new": [0], "g_notification_set_title": [1], "g_notification_set_body": [1],
    "g_notification_add_button": [1], "g_notification_add_button_with_target": [1],
    "g_notification_add_button_with_target_value": [1],
    "g_option_context_new": [0], "g_option_context_set_summary": [1],
    "g_option_context_set_description": [1], "g_application_add_main_option": [5, 6],
    "g_application_set_option_context_summary": [1],
    "g_application_set_option_context_parameter_string": [1],
    "g_application_set_option_context_description": [1],
    # Errors: their messages reach the user.
    "g_set_error": [3], "g_set_error_literal": [3], "g_task_return_new_error": [3],
    "g_error_new": [2], "g_error_new_literal": [2], "g_prefix_error": [1],
    "g_propagate_prefixed_error": [2], "g_prefix_error_literal": [1],
    # The CLI is translated too.
    "g_print": [0], "g_printerr": [0],
}
# Variadic calls: (first index, stride, index of the key within a group, keys that make the
# value visible, offset of the value from the key).
ACCESSIBLE_KEYS = {"GTK_ACCESSIBLE_PROPERTY_LABEL", "GTK_ACCESSIBLE_PROPERTY_DESCRIPTION",
                   "GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER", "GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION",
                   "GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT"}
# Calls whose inner format reaches the outer argument unchanged.
PASS_THROUGH = {"g_strdup_printf": [0], "g_strdup": [0], "g_strconcat": None,
                "g_markup_printf_escaped": [0], "g_string_new": [0]}
# Parameter (and variable or field) names that make a string user-visible:
# title, button_label, self->heading, .label = ... (platform_message and raw_* hold
# what a platform sent, shown untranslated under "Details").
VISIBLE_NAME = re.compile(r"^(?!platform_|raw_)(?:\w+_)?(title|label|heading|body|subtitle|description|message"
                          r"|tooltip|summary|prompt|caption|notice)$")

TOKEN = re.compile(r"""
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>(?:u8|[LuU])?"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<number>\.?\d[\w.]*)
  | (?P<punct>[(){}\[\],;?:]|->|\S)
  | (?P<space>\s+)
""", re.S | re.X)


def tokenize(text):
    tokens = []
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        value = m.group()
        if kind not in ("comment", "space"):
            tokens.append((kind, value, line))
        line += value.count("\n")
    return tokens


def unquote(literal):
    body = literal[literal.index('"') + 1:-1]
    return re.sub(r"\\(x[0-9a-fA-F]+|u[0-9a-fA-F]{4}|[0-7]{1,3}|.)",
                  lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), " "), body)


def split_args(tokens, start):
    """tokens[start] is '('; returns (list of args as token lists, index after ')')."""
    depth = 0
    args = [[]]
    i = start
    while i < len(tokens):
        kind, value, _ = tokens[i]
        if kind == "punct" and value in "([{":
            depth += 1
            if depth > 1:
                args[-1].append(tokens[i])
        elif kind == "punct" and value in ")]}":
            depth -= 1
            if depth == 0:
                return args, i + 1
            args[-1].append(tokens[i])
        elif kind == "punct" and value == "," and depth == 1:
            args.append([])
        else:
            args[-1].append(tokens[i])
        i += 1
    return args, i


def top_level_branches(arg):
    """Splits `cond ? a : b` into [a, b] (recursively); otherwise [arg]."""
    depth = 0
    for i, (kind, value, _) in enumerate(arg):
        if kind == "punct" and value in "([{":
            depth += 1
        elif kind == "punct" and value in ")]}":
            depth -= 1
        elif kind == "punct" and value == "?" and depth == 0:
            rest = arg[i + 1:]
            d = 0
            nested = 0
            for j, (k2, v2, _) in enumerate(rest):
                if k2 == "punct" and v2 in "([{":
                    d += 1
                elif k2 == "punct" and v2 in ")]}":
                    d -= 1
                elif k2 == "punct" and v2 == "?" and d == 0:
                    nested += 1
                elif k2 == "punct" and v2 == ":" and d == 0:
                    if nested == 0:
                        return top_level_branches(rest[:j]) + top_level_branches(rest[j + 1:])
                    nested -= 1
            return [arg]
    return [arg]


def literal_value(arg):
    """The text of an argument made only of string literals (and FORMAT macros
    between them), else None."""
    if not arg or not any(k == "string" for k, _, _ in arg):
        return None
    parts = []
    for kind, value, _ in arg:
        if kind == "string":
            parts.append(unquote(value))
        elif kind == "ident" and re.match(r"^G_\w*FORMAT$|^PRI\w+$", value):
            parts.append("d")  # the conversion letters after a literal "%"
        else:
            return None
    return "".join(parts)


def strip_casts(arg):
    # (const char *) "x", or a parenthesised expression.
    while len(arg) >= 2 and arg[0][1] == "(" and arg[-1][1] == ")":
        args, end = split_args(arg, 0)
        if end == len(arg) and len(args) == 1:
            arg = args[0]
        else:
            break
    return arg


def offending_literals(arg):
    """Unmarked literals that an argument passes on: [(text, line)]."""
    out = []
    for branch in top_level_branches(strip_casts(arg)):
        branch = strip_casts(branch)
        if not branch:
            continue
        first = branch[0]
        if first[0] == "ident" and first[1] in MARKERS:
            continue
        if (first[0] == "ident" and first[1] in PASS_THROUGH and len(branch) > 1
                and branch[1][1] == "("):
            inner, _ = split_args(branch, 1)
            which = PASS_THROUGH[first[1]]
            for idx in (range(len(inner)) if which is None else which):
                if idx < len(inner):
                    out.extend(offending_literals(inner[idx]))
            continue
        text = literal_value(branch)
        if text is not None:
            out.append((text, first[2]))
    return out


DEFINITION = re.compile(r"^(?P<name>[a-z_]\w*)\s*\((?P<params>[^;{}]*?)\)\s*\n\{", re.M)


def project_visible_args(texts):
    """Functions defined in the sources with user-visible string parameters."""
    table = {}
    for text in texts:
        for m in DEFINITION.finditer(text):
            params = [p.strip() for p in m.group("params").split(",")]
            idx = []
            # A helper that builds a GError from a format: its format is a message.
            makes_error = any(re.match(r"^GError\s*\*\s*\*", p) for p in params)
            for i, p in enumerate(params):
                m2 = re.match(r"^const\s+g?char\s*\*\s*(\w+)$", p)
                if m2 and (VISIBLE_NAME.match(m2.group(1))
                           or (makes_error and m2.group(1) in ("format", "fmt"))):
                    idx.append(i)
            if idx:
                table[m.group("name")] = idx
    return table


def c_findings(name, text, table, allow=frozenset()):
    tokens = tokenize(text)
    found = []
    i = 0
    n = len(tokens)
    while i < n - 1:
        kind, value, line = tokens[i]
        if kind == "punct" and value == "=" and i > 0:
            found.extend(assignment_findings(name, tokens, i, allow))
            i += 1
            continue
        if kind != "ident" or tokens[i + 1][1] != "(":
            i += 1
            continue
        # Skip the function's own definition (its parameter list).
        if i > 0 and tokens[i - 1][0] == "ident" and tokens[i - 1][1] not in ("return", "else"):
            i += 1
            continue
        args, _ = split_args(tokens, i + 1)
        checks = []
        if value in table:
            checks = [args[k] for k in table[value] if k < len(args)]
        elif value == "gtk_accessible_update_property":
            for k in range(1, len(args) - 1, 2):
                if args[k] and args[k][0][1] in ACCESSIBLE_KEYS:
                    checks.append(args[k + 1])
        elif value == "adw_message_dialog_add_responses":
            checks = [args[k] for k in range(2, len(args), 2)]
        elif value in ("g_object_new", "g_object_set"):
            for k in range(1, len(args) - 1):
                key = literal_value(args[k])
                if key in UI_VISIBLE and k % 2 == 1:
                    checks.append(args[k + 1])
        for arg in checks:
            for literal, at in offending_literals(arg):
                if is_prose(literal, allow):
                    found.append((name, at, "%s (\"%s\") is not marked for translation"
                                  % (value, literal.replace("\n", "\\n"))))
        i += 2  # nested calls inside the arguments are visited too
    found.extend(option_entry_findings(name, tokens, allow))
    return found


def assignment_findings(name, tokens, i, allow):
    """`title = "Hello";`, `self->label = g_strdup ("Hi")`, `.heading = "Hi"`:
    a prose literal stored under a user-visible name, to be shown later."""
    prev, nxt = tokens[i - 1], tokens[i + 1] if i + 1 < len(tokens) else ("", "", 0)
    if prev[0] != "ident" or not VISIBLE_NAME.match(prev[1]) or nxt[1] == "=":
        return []
    if i >= 2 and tokens[i - 2][1] in "=!<>":
        return []
    expr = []
    depth = 0
    for tok in tokens[i + 1:]:
        if tok[1] in "([{":
            depth += 1
        elif tok[1] in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif tok[1] in ",;" and depth == 0:
            break
        expr.append(tok)
    return [(name, at, "%s = \"%s\" is not marked for translation" % (prev[1], literal.replace("\n", "\\n")))
            for literal, at in offending_literals(expr) if is_prose(literal, allow)]


def option_entry_findings(name, tokens, allow):
    """GOptionEntry initialisers: { "long", 's', flags, G_OPTION_ARG_x, &data,
    "description", "ARG" }: the description and arg description are shown by --help."""
    found = []
    for i, (kind, value, line) in enumerate(tokens):
        if value != "{" or i + 1 >= len(tokens) or tokens[i + 1][0] != "string":
            continue
        args, _ = split_args([("punct", "(", line)] + tokens[i + 1:], 0)
        if len(args) < 6 or not any(t[1].startswith("G_OPTION_ARG_") for t in args[3]):
            continue
        for arg in args[5:7]:
            for literal, at in offending_literals(arg):
                if is_prose(literal, allow):
                    found.append((name, at, "GOptionEntry text (\"%s\") is not marked" % literal))
    return found


# --- Driver -------------------------------------------------------------------------------


def read_allow(path):
    allow = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                entry = raw.split("#", 1)[0].strip()
                if entry:
                    allow.add(entry)
    return frozenset(allow)


def sources(top, dirs, suffix):
    for d in dirs:
        for root, _, files in os.walk(os.path.join(top, d)):
            for f in sorted(files):
                if f.endswith(suffix):
                    path = os.path.join(root, f)
                    yield os.path.relpath(path, top), path


def selftest():
    """Problems with the checker itself, as a list of strings."""
    problems = []
    table = dict(VISIBLE_ARGS)
    table.update(project_visible_args(["static void\nshow (GtkWidget  *w,\n"
                                       "      const char *heading)\n{\n}\n",
                                       "AdwToast *\ndd_window_add_toast (DdWindow *self,\n"
                                       "  const char *title,\n  const char *button_label,\n"
                                       "  const char *action)\n{\n}\n",
                                       "static gboolean\nbad_response (GError **error,\n"
                                       "  const char  *format,\n  ...)\n{\n}\n"]))

    def c(src):
        return c_findings("selftest.c", src, table)

    def ui(src):
        return ui_findings("selftest.ui", '<?xml version="1.0"?>\n<interface>\n%s\n</interface>\n' % src)

    flagged_c = [
        'w = gtk_label_new ("Hello");',
        'gtk_label_set_text (label, "Hello, world");',
        'g_set_error (error, D, 1, "Could not open %s", path);',
        'g_print ("Synced %u orders\\n", n);',
        'gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, "Close", -1);',
        'adw_message_dialog_add_responses (d, "cancel", _("Cancel"), "ok", "OK", NULL);',
        'show (w, "Hello");',
        'gtk_label_set_text (l, flag ? _("Yes") : "No");',
        'gtk_label_set_text (l, g_strdup_printf ("%d items", n));',
        'static GOptionEntry e[] = { { "port", 0, 0, G_OPTION_ARG_INT, &p, "The port", "PORT" }, };',
        'title = g_strdup ("Orders are up to date");',
        'static const Row rows[] = { { .label = "Paid" } };',
        'dd_window_add_toast (self, title, "Details", "win.details");',
        'return bad_response (error, "The reply is empty");',
    ]
    passed_c = [
        'w = gtk_label_new (_("Hello"));',
        'gtk_label_set_text (l, C_("verb", "Open"));',
        'gtk_label_set_text (l, g_dngettext (NULL, "%u order", "%u orders", n));',
        'g_print ("%s\\n", text);',
        'g_print ("%" G_GUINT64_FORMAT "\\t%s\\n", id, s);',
        'gtk_widget_add_css_class (w, "dim-label");',
        'g_menu_append (m, _("Quit"), "app.quit");',
        'g_object_set (w, "icon-name", "edit-symbolic", NULL);',
        'gtk_label_set_markup (l, "<b>%s</b>");',
        'g_debug ("Loaded the cache");',
        'gtk_label_set_text (l, "");',
        'gtk_label_set_text (l, "1688");',
        'if (g_strcmp0 (label, "Paid") == 0 || title == "x") return;',
        'self->title = g_strdup (_("Orders"));',
        'const char *label = flag ? N_("Red") : N_("Blue");',
    ]
    for src in flagged_c:
        if not c(src):
            problems.append("not flagged: " + src)
    for src in passed_c:
        if c(src):
            problems.append("wrongly flagged: %s (%s)" % (src, c(src)))

    flagged_ui = [
        '<object class="GtkLabel"><property name="label">Hello</property></object>',
        '<menu id="m"><section><item><attribute name="label">Quit</attribute></item></section></menu>',
        '<object class="GtkButton"><accessibility><property name="label">Close</property>'
        '</accessibility></object>',
        '<object class="GtkStringList"><items><item>Today</item></items></object>',
        '<object class="GtkLabel"><property name="label" translatable="no">Hello</property></object>',
    ]
    passed_ui = [
        '<object class="GtkLabel"><property name="label" translatable="yes">Hello</property></object>',
        '<object class="GtkLabel"><property name="label" translatable="yes" context="verb">Open</property></object>',
        '<object class="GtkImage"><property name="icon-name">edit-find-symbolic</property></object>',
        '<object class="AdwWindowTitle"><!-- The brand name stays as it is. -->'
        '<property name="title" translatable="no">Dingdan</property></object>',
        '<object class="GtkLabel"><property name="label">0</property></object>',
        '<object class="GtkButton"><property name="action-name">win.close</property></object>',
    ]
    for src in flagged_ui:
        if not ui(src):
            problems.append("not flagged: " + src)
    for src in passed_ui:
        if ui(src):
            problems.append("wrongly flagged: %s (%s)" % (src, ui(src)))
    return problems


def report(n, title, findings):
    if findings:
        print("not ok %d - %s" % (n, title))
        for item in findings:
            if isinstance(item, tuple):
                print("# %s:%d: %s" % item)
            else:
                print("# " + item)
        return 1
    print("ok %d - %s" % (n, title))
    return 0


def main(argv):
    if len(argv) == 2 and argv[1] == "--selftest":
        fail = report(1, "self-test: flags unmarked snippets, passes marked ones", selftest())
        print("1..1")
        return fail
    if len(argv) != 2:
        print("usage: %s SOURCE_ROOT | --selftest" % argv[0], file=sys.stderr)
        return 2
    top = argv[1]
    allow = read_allow(os.path.join(top, "tests", "unmarked-strings-allow.txt"))
    fail = report(1, "self-test: flags unmarked snippets, passes marked ones", selftest())

    ui_found = []
    for rel, path in sources(top, ["src"], ".ui"):
        with open(path, encoding="utf-8") as f:
            ui_found.extend(ui_findings(rel, f.read(), allow))
    fail |= report(2, "every visible string in src/**/*.ui is translatable", ui_found)

    c_files = list(sources(top, ["src/ui", "src/cli", "src/core"], ".c"))
    texts = {}
    for rel, path in c_files:
        with open(path, encoding="utf-8") as f:
            texts[rel] = f.read()
    table = dict(VISIBLE_ARGS)
    table.update(project_visible_args(texts.values()))
    c_found = []
    for rel, _ in c_files:
        c_found.extend(c_findings(rel, texts[rel], table, allow))
    fail |= report(3, "every visible string in src/{ui,cli,core}/**/*.c is marked", c_found)
    print("1..3")
    return fail


if __name__ == "__main__":
    sys.exit(main(sys.argv))
