#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Window test of the notifications for new paid orders: with
tests/notification-server.py owning org.gtk.Notifications (what GNOME Shell
serves; the Shell itself cannot run here), `dingdan --sandbox` syncs in the
background every 5 seconds (DINGDAN_SYNC_INTERVAL_SECONDS) while the
sandbox's buyers place and pay an order every third interval. A background
round that brings a paid order sends "New paid order" with its buyer, total
and account; activating
its default action through org.freedesktop.Application.ActivateAction, as
the Shell does, selects the order and the detail pane shows it; approving it
("r" on the table) withdraws the notification (or, when more orders came
meanwhile and the ones shown alone joined a summary, takes it out of the
summary). The summary's action, app.show-needs-review, shows the "Needs
review" view. The first sync, which brings the shop's whole history, tells
nothing.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
gi.require_version("Gio", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

from a11y import (TEXT_ROLES, click, detail_shows, find, has_state, list_rows,  # noqa: E402
                  order_rows, plan, press, programs, selected_ids, start, stop, tap, wait_app,
                  wait_for, window_env)

ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
APP_PATH = "/io/github/dingdan/Dingdan"
TO_SHIP = 2  # DD_ORDER_STATUS_TO_SHIP


def table_rows(app):
    """The realised rows of the order table: (row accessible, order id)."""
    return order_rows(app, ORDER)


def read_log(path):
    entries = []
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                if line.strip():
                    entries.append(json.loads(line))
    except FileNotFoundError:
        pass
    return entries


def order_row(db_path, row_id):
    """(order id, buyer, account id, status, total minor, currency) of a cached row."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        return db.execute("SELECT order_id, buyer, account_id, status, total_minor, currency"
                          " FROM orders WHERE id = ?", (row_id,)).fetchone()
    finally:
        db.close()


def view_selected(app, name):
    """Whether the views list's row name is the selected one."""
    row = list_rows(app, "Views").get(name)
    return row is not None and has_state(row, Atspi.StateType.SELECTED)


def activate_action(sender, name, parameters):
    """Runs the app's action name as the Shell does for a notification."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    try:
        bus.call_sync(sender, APP_PATH, "org.freedesktop.Application", "ActivateAction",
                      GLib.Variant("(sava{sv})", (name, parameters, {})),
                      None, Gio.DBusCallFlags.NONE, 10000, None)
        return True
    except GLib.Error as e:
        print(f"# ActivateAction {name}: {e.message}", flush=True)
        return False


def search_text(entry):
    try:
        return entry.get_text_iface().get_text(0, -1)
    except Exception as e:  # noqa: BLE001 - reported as the text
        return f"<{e}>"


def run(gui, env, log_path):
    db_path = os.path.join(env["XDG_DATA_HOME"], "dingdan", "sandbox.db")
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return

        def single_added():
            for entry in read_log(log_path):
                if entry["method"] == "AddNotification" and re.fullmatch(r"paid-\d+", entry["id"]):
                    return entry
            return None
        added = wait_for(single_added, 150, proc)
        tap(added is not None, "a background round sends a notification for a new paid order",
            f"recorded: {read_log(log_path)}")
        if added is None:
            return

        entries = read_log(log_path)
        summaries = [e for e in entries if e["method"] == "AddNotification" and e["id"] == "paid-summary"]
        counts = [int(m.group(1)) for e in summaries
                  for m in [re.match(r"(\d+)", e["notification"].get("title", ""))] if m]
        tap(all(n < 50 for n in counts),
            "the first sync, which brings the whole shop, is not told as new paid orders",
            f"summaries {counts}")

        note = added["notification"]
        row_id = int(added["id"].split("-")[1])
        print(f"# notification {added['id']}: {note}", flush=True)
        tap(note.get("title") == "New paid order", "its title is \"New paid order\"",
            f"title {note.get('title')!r}")
        tap(note.get("default-action") == "app.show-order" and
            note.get("default-action-target") == row_id,
            "its default action is app.show-order with the order's row id",
            f"{note.get('default-action')!r} {note.get('default-action-target')!r}")

        row = order_row(db_path, row_id)
        tap(row is not None and row[3] == TO_SHIP, "the order is cached as paid, to ship",
            f"row {row}")
        if row is None:
            return
        order_id, buyer, account_id, _, total_minor, currency = row
        parts = (note.get("body") or "").split(" · ")
        digits = re.sub(r"\D", "", parts[1]) if len(parts) == 3 else ""
        # The buyer's name is isolated (FSI … PDI): it cannot reorder the total.
        tap(len(parts) == 3 and parts[0] == "\u2068" + buyer + "\u2069" and digits.lstrip("0") == str(total_minor) and
            parts[2] != "" and parts[2] != account_id,
            "its body reads the buyer, the total and the account's name",
            f"body {note.get('body')!r}; cached buyer {buyer!r}, total {total_minor} {currency},"
            f" account {account_id!r}")

        # The list shows something else: a search that finds nothing.
        entry = find(app, TEXT_ROLES, "Search orders")
        if entry is not None:
            entry.get_editable_text_iface().set_text_contents("no-such-order-zzz")
        hidden = wait_for(lambda: not any(oid == order_id for _, oid in table_rows(app)), 30, proc)
        tap(entry is not None and bool(hidden), "a search hides the order from the list")

        # What the Shell does when the notification is clicked.
        tap(activate_action(added["sender"], "show-order", [GLib.Variant("x", row_id)]),
            "org.freedesktop.Application.ActivateAction runs app.show-order")

        def shown():
            return detail_shows(app, order_id) and order_id in selected_ids(table_rows(app))
        tap(bool(wait_for(shown, 30, proc)),
            f"the window lists every order again, selects order {order_id} and the detail"
            " pane shows it",
            f"rows {[oid for _, oid in table_rows(app)][:8]}, search {search_text(entry)!r}")
        tap(search_text(entry) == "", "the search was cleared", f"search {search_text(entry)!r}")

        # More paid orders may have come meanwhile (the buyers go on): past
        # three, the ones shown alone are withdrawn into one summary.
        def merged():
            entries = read_log(log_path)
            for i, e in enumerate(entries):
                if e["method"] == "RemoveNotification" and e["id"] == added["id"]:
                    return any(later["method"] == "AddNotification" and later["id"] == "paid-summary"
                               for later in entries[i + 1:i + 8])
            return None
        before_review = merged()
        tap(before_review is None or before_review,
            "the notification stays until the order is reviewed (or joins a summary of many)",
            f"recorded: {[(e['method'], e['id']) for e in read_log(log_path)]}")
        n_before = len(read_log(log_path))

        # The keys act on the table: a click on the selected row gives it the focus.
        for r, oid in table_rows(app):
            if oid == order_id:
                click(r.get_child_at_index(STATUS))
                break
        wait_for(shown, 10, proc)
        press("r")
        tap(bool(wait_for(lambda: detail_shows(app, "Approved"), 15, proc)),
            "\"r\" approves it: the pane reads \"Approved\"")

        def withdrawn():
            entries = read_log(log_path)
            if before_review is None:
                return any(e["method"] == "RemoveNotification" and e["id"] == added["id"]
                           for e in entries)
            # In the summary: it counts one order less, quietly.
            return any(e["method"] == "AddNotification" and e["id"] == "paid-summary" and
                       e["notification"].get("priority") == "low" for e in entries[n_before:])
        tap(bool(wait_for(withdrawn, 15, proc)),
            "approving withdraws its notification" if before_review is None
            else "approving takes it out of the summary",
            f"recorded: {[(e['method'], e['id']) for e in read_log(log_path)]}")

        # The summary's action: the "Needs review" view of every account.
        tap(not view_selected(app, "Needs review") and
            activate_action(added["sender"], "show-needs-review", []) and
            bool(wait_for(lambda: view_selected(app, "Needs review"), 20, proc)),
            "app.show-needs-review (the summary's action) shows the \"Needs review\" view")
    finally:
        stop(proc)


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-notify-")
    env = window_env(home)
    env["DINGDAN_SYNC_INTERVAL_SECONDS"] = "5"

    log_path = os.path.join(home, "notifications.jsonl")
    server = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                           "notification-server.py"), log_path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready = server.stdout.readline().strip() == "ready"
        tap(ready, "the notification recorder owns org.gtk.Notifications",
            server.stderr.read() if not ready and server.poll() is not None else "")
        if ready:
            run(gui, env, log_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
