"""What the window tests of the write dialogs (cancel, pay) share: the
order table's rows, the main window and its detail pane, finding an order
and reading the action log. Builds on a11y.py."""

import sqlite3

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, TEXT_ROLES, click, find, has_state, in_table,  # noqa: E402
                  order_rows, wait_for, walk)

# The order table's columns.
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
# Windows with a table that are not the main window.
OTHER_WINDOWS = ("Action Log", "Pay Order", "New Purchase Order")


def table_rows(app):
    """The realised rows of the order table: (row accessible, order id, status)."""
    return order_rows(app, ORDER, STATUS)


def main_window(app):
    """The main window: the visible frame with the order table (not the
    Action Log, whose list is a table too). Walking a closed dialog's
    window crashes GTK 4.8, so only visible frames are walked."""
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        try:
            if window is not None and window.get_role() == Atspi.Role.FRAME and \
                    has_state(window, Atspi.StateType.VISIBLE) and \
                    (window.get_name() or "") not in OTHER_WINDOWS and \
                    find(window, TABLE_ROLES) is not None:
                return window
        except Exception:
            continue
    return None


def labels(root):
    """Every label's text under root, outside the order table."""
    texts = []
    for node in walk(root):
        try:
            if node.get_role() == Atspi.Role.LABEL and not in_table(node):
                texts.append(node.get_name() or "")
        except Exception:
            continue
    return texts


def pane_status(app, order_id):
    """The status badge the pane shows beside the order's number, or None."""
    window = main_window(app)
    texts = labels(window) if window is not None else []
    for i in range(len(texts) - 1):
        if texts[i] == "Order" and texts[i + 1] == order_id and i + 2 < len(texts):
            return texts[i + 2]
    return None


def pane_shows(app, text):
    window = main_window(app)
    return window is not None and text in labels(window)


def press_button(node):
    try:
        return Atspi.Action.do_action(node, 0)
    except Exception:
        return False


def show_order(app, proc, order_id):
    """Searches for the order's number and clicks its row; whether the pane shows it."""
    entry = find(app, TEXT_ROLES, "Search orders")
    if entry is None:
        return False
    entry.get_editable_text_iface().set_text_contents(order_id)
    row = wait_for(lambda: next((r for r, oid, _ in table_rows(app) if oid == order_id), None),
                   30, proc)
    if row is None:
        return False
    click(row.get_child_at_index(STATUS))
    return bool(wait_for(lambda: pane_shows(app, order_id), 20, proc))


def status_cell(app, order_id):
    return next((status for _, oid, status in table_rows(app) if oid == order_id), None)


def buttons(app):
    """The main window's buttons: (name, sensitive), for diagnostics."""
    window = main_window(app)
    return [(n.get_name(), has_state(n, Atspi.StateType.SENSITIVE))
            for n in walk(window) if n.get_role() == Atspi.Role.PUSH_BUTTON] if window else []


def log_entries(env, account_id, order_id):
    """The action log's entries of the order: [(action, state)], oldest first."""
    db = sqlite3.connect(f"file:{env['XDG_DATA_HOME']}/dingdan/sandbox.db?mode=ro", uri=True,
                         timeout=10)
    try:
        return db.execute("SELECT action, state FROM action_log WHERE account_id = ? AND order_id = ? "
                          "ORDER BY id", (account_id, order_id)).fetchall()
    finally:
        db.close()


def is_named(node, name):
    """Whether node is named name (GTK 4.8 names a button whose label has a
    mnemonic "_Label Label")."""
    got = (node.get_name() or "").replace("_", "")
    return got == name or got == f"{name} {name}"


def named(root, roles, name):
    """An accessible under root of one of roles named name (is_named), one
    with actions first (a menu button's inner button), or None."""
    found = None
    for node in walk(root):
        try:
            if node.get_role() in roles and is_named(node, name):
                action = node.get_action_iface()
                if action is not None and action.get_n_actions() > 0:
                    return node
                found = found or node
        except Exception:
            continue
    return found


def activate(node):
    """The node's first action (a click when it has none)."""
    action = node.get_action_iface()
    if action is not None and action.get_n_actions() > 0:
        return action.do_action(0)
    ext = node.get_extents(Atspi.CoordType.SCREEN)
    return Atspi.generate_mouse_event(ext.x + ext.width // 2, ext.y + ext.height // 2, "b1c")
