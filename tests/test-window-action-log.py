#!/usr/bin/python3
"""Window test of the Action Log (issue F, point 5): in `dingdan --sandbox`,
the primary menu's "Action Log" opens the window; with nothing sent yet it
says "No Actions Yet" and Export… cannot be pressed; Escape closes it.
Then, with two entries written into the sandbox's cache while the app was
closed, the window lists them newest first (the account by its name, the
action and state by their labels, a result holding markup as it is), and
Export… saves them through the file chooser (in-process under Xvfb: no
portal) as CSV: the header, then the entries in the order they were logged.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import csv
import io
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, button, cell_text, dialog, find, has_state, plan,  # noqa: E402
                  press_sym, programs, start, stop, tap, wait_app, wait_for, walk,
                  window_env)
from panes import activate, main_window, named  # noqa: E402

BUTTON_ROLES = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON}
MENU_ROLES = {Atspi.Role.MENU_ITEM, Atspi.Role.PUSH_BUTTON, Atspi.Role.CHECK_MENU_ITEM}
TITLE = "Action Log"
# The table's columns (dd-action-log-window.c).
TIME, ACCOUNT, ORDER, ACTION, STATE, RESULT, REQUEST_ID = range(7)
HEADER = ["Time", "Account", "Order", "Action", "State", "Result", "Request ID",
          "Idempotency Key", "Parameters"]
T0 = 1700000000000




def open_action_log(app, proc):
    """The Main Menu's "Action Log" pressed; the window, or None."""
    window = wait_for(lambda: main_window(app), 60, proc)
    tap(window is not None, "the main window is on the bus")
    if window is None:
        return None
    menu = wait_for(lambda: named(window, BUTTON_ROLES, "Main Menu"), 20, proc)
    tap(menu is not None, "a screen reader finds the Main Menu button")
    if menu is None:
        return None
    activate(menu)
    item = wait_for(lambda: named(app, MENU_ROLES, "Action Log"), 20, proc)
    tap(item is not None, "the primary menu has \"Action Log\"")
    if item is None:
        return None
    activate(item)
    log = wait_for(lambda: dialog(app, TITLE), 20, proc)
    tap(log is not None, "choosing it opens the \"Action Log\" window")
    return log


def allocated(node):
    """Whether node has room on screen (GTK 4.8 marks no widget but the
    window "showing"; a stack's hidden page is not allocated)."""
    ext = node.get_extents(Atspi.CoordType.WINDOW)
    return ext.width > 0 and ext.height > 0


def label_shown(root, text):
    for node in walk(root):
        try:
            if node.get_role() == Atspi.Role.LABEL and (node.get_name() or "") == text and \
                    allocated(node):
                return True
        except Exception:
            continue
    return False


def log_rows(window):
    """The realised rows of the Action Log's table, as lists of cell texts."""
    table = find(window, TABLE_ROLES)
    rows = []
    for node in walk(table):
        try:
            if node.get_role() == Atspi.Role.TABLE_ROW and node.get_child_count() >= 7:
                first = node.get_child_at_index(0)
                if first is None or first.get_role() != Atspi.Role.TABLE_CELL:
                    continue  # the header row
                rows.append([cell_text(node, c) for c in range(7)])
        except Exception:
            continue
    return rows


def close_with_escape(app, proc, window):
    """Escape in the window; whether it went."""
    if not has_state(window, Atspi.StateType.ACTIVE):
        return False
    press_sym(0xff1b)  # Escape
    gone = wait_for(lambda: dialog(app, TITLE) is None, 10, proc) is not None
    time.sleep(1)  # leave GTK time to finish with the closed window
    return gone


def seed_log(db):
    """Two entries as the action runner writes them: a failed cancel, then
    a payment whose outcome is not known yet."""
    con = sqlite3.connect(db, timeout=10)
    try:
        with con:
            con.execute(
                "INSERT INTO action_log (time_ms, account_id, order_id, action, params, state,"
                " result, request_id, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (T0, "sandbox-tw", "TW-LOG-1", "cancel", '{"reason":"out of stock"}', "failed",
                 "<b>Refused</b> by the platform", "req-7", T0))
            con.execute(
                "INSERT INTO action_log (time_ms, account_id, order_id, action, params,"
                " idempotency_key, state, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (T0 + 60000, "sandbox-pandapon", "PP-LOG-2", "pay-balance", "{}", "key-2",
                 "unknown", T0 + 60000))
    finally:
        con.close()


def export(app, proc, log, path):
    """Export… pressed, the path typed, Export pressed; whether it took."""
    export_button = wait_for(lambda: named(log, BUTTON_ROLES, "Export…"), 10, proc)
    if export_button is None or not has_state(export_button, Atspi.StateType.SENSITIVE):
        tap(False, "Export… can be pressed")
        return False
    activate(export_button)
    chooser = wait_for(lambda: dialog(app, "Export the Action Log"), 20, proc)
    tap(chooser is not None, "Export… opens the file chooser")
    if chooser is None:
        return False
    name = wait_for(lambda: find(chooser, {Atspi.Role.TEXT, Atspi.Role.ENTRY}, "Name:"), 10, proc)
    suggested = wait_for(lambda: Atspi.Text.get_text(
        name, 0, Atspi.Text.get_character_count(name)), 10, proc) if name is not None else ""
    tap(re.fullmatch(r"dingdan-actions-\d{4}-\d\d-\d\d\.csv", suggested or "") is not None,
        "it suggests \"dingdan-actions-YYYY-MM-DD.csv\"", f"suggested {suggested!r}")
    if name is None:
        return False
    Atspi.EditableText.set_text_contents(name, path)
    accept = button(chooser, "Export")
    if accept is None or not activate(accept):
        tap(False, "the Export button is pressed")
        return False
    return True


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-action-log-")
    env = window_env(home)
    db = os.path.join(env["XDG_DATA_HOME"], "dingdan", "sandbox.db")
    out_dir = os.path.join(home, "out")
    os.makedirs(out_dir)
    path = os.path.join(out_dir, "actions.csv")

    # 1. Nothing sent yet.
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return plan()
        log = open_action_log(app, proc)
        if log is None:
            return plan()
        tap(bool(wait_for(lambda: label_shown(log, "No Actions Yet"), 20, proc)),
            "it says \"No Actions Yet\"")
        table = find(log, TABLE_ROLES)
        tap(table is not None and not allocated(table), "no table is shown")
        export_button = named(log, BUTTON_ROLES, "Export…")
        tap(export_button is not None and
            not has_state(export_button, Atspi.StateType.SENSITIVE),
            "Export… cannot be pressed with nothing to export")
        tap(close_with_escape(app, proc, log), "Escape closes the window")
    finally:
        stop(proc, "first run")

    # 2. Two entries in the cache.
    seed_log(db)
    proc = start(gui, env)
    try:
        app = wait_app(proc, "the window is on the bus again")
        if app is None:
            return plan()
        log = open_action_log(app, proc)
        if log is None:
            return plan()
        rows = wait_for(lambda: len(log_rows(log)) == 2 and log_rows(log), 20, proc)
        tap(bool(rows) and [r[ORDER] for r in rows] == ["PP-LOG-2", "TW-LOG-1"],
            "the window lists both entries, newest first", f"rows {log_rows(log)}")
        if rows:
            tap(rows[0][ACCOUNT] == "Sandbox Purchasing" and
                rows[1][ACCOUNT] == "Sandbox Taiwan Shop",
                "each account is shown by its name", f"rows {rows}")
            tap(rows[0][ACTION] == "Pay from balance" and rows[0][STATE] == "Outcome unknown" and
                rows[1][ACTION] == "Cancel order" and rows[1][STATE] == "Failed",
                "actions and states are shown by their labels", f"rows {rows}")
            tap(rows[1][RESULT] == "<b>Refused</b> by the platform" and
                rows[1][REQUEST_ID] == "req-7",
                "the result is shown as it is, with the request id", f"rows {rows}")
            tap(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[0][TIME]) is not None,
                "the time is shown to the second", f"time {rows[0][TIME]!r}")
        if export(app, proc, log, path):
            whole = wait_for(lambda: os.path.exists(path), 20, proc)
            tap(bool(whole), "the file appears under the chosen name")
            if whole:
                with open(path, "rb") as f:
                    data = f.read()
                text = data.decode("utf-8")
                exported = list(csv.reader(io.StringIO(text, newline="")))
                tap(not data.startswith(b"\xef\xbb\xbf") and text.endswith("\r\n") and
                    exported[:1] == [HEADER],
                    "it is CSV with the header, CRLF and no byte-order mark", f"{data[:200]!r}")
                tap([r[2] for r in exported[1:]] == ["TW-LOG-1", "PP-LOG-2"] and
                    exported[1][5] == "<b>Refused</b> by the platform" and
                    exported[2][7] == "key-2",
                    "the entries follow in the order they were logged", f"rows {exported}")
            time.sleep(1)
            tap(sorted(os.listdir(out_dir)) == ["actions.csv"], "no temporary file is left",
                f"files {os.listdir(out_dir)}")
    finally:
        stop(proc, "second run")
        shutil.rmtree(home, ignore_errors=True)
    return plan()


if __name__ == "__main__":
    sys.exit(main())
