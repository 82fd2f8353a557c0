#!/usr/bin/python3
"""Window test of the search and the selection: in `dingdan --sandbox`, a
screen reader user selects an order (a click on its row), searches for its
buyer: the order stays selected and the detail pane goes on showing it;
then searches for something else: the selection and the detail are gone.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import os
import shutil
import subprocess
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, cell_text, click, detail_shows, find, find_app,  # noqa: E402
                  has_state, plan, tap, wait_for, walk)

TEXT_ROLES = {Atspi.Role.ENTRY, Atspi.Role.TEXT}
# The columns of the table, in order (dd-window.ui).
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)


def table_rows(app):
    """The rows of the order table on the bus (only realised ones exist),
    as (row accessible, order id, buyer)."""
    table = find(app, TABLE_ROLES)
    rows = []
    for node in walk(table):
        try:
            if node.get_role() == Atspi.Role.TABLE_ROW and node.get_child_count() >= 5:
                first = node.get_child_at_index(0)
                if first is None or first.get_role() != Atspi.Role.TABLE_CELL:
                    continue  # the header row
                rows.append((node, cell_text(node, ORDER), cell_text(node, BUYER)))
        except Exception:
            continue
    return rows


def main():
    gui = os.environ.get("DINGDAN_GUI")
    if not gui or not os.environ.get("DISPLAY"):
        print("1..0 # SKIP needs DINGDAN_GUI and an X display (build-aux/test.sh)")
        return 0

    home = tempfile.mkdtemp(prefix="dingdan-window-search-")
    env = dict(os.environ)
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        env[var] = os.path.join(home, sub)
        os.makedirs(env[var])
    env["GTK_A11Y"] = "atspi"
    env.pop("NO_AT_BRIDGE", None)
    env["LANGUAGE"] = "en"
    if "DINGDAN_APP_G_DEBUG" in env:
        env["G_DEBUG"] = env["DINGDAN_APP_G_DEBUG"]

    proc = subprocess.Popen([gui, "--sandbox"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        app = wait_for(lambda: find_app(proc.pid), 60, proc)
        tap(app is not None, "the window is on the accessibility bus",
            "dingdan exited early" if proc.poll() is not None else "not found in 60 s")
        if app is None:
            return plan()

        # The sandbox's first sync is over once Sync Orders can be pressed
        # again; the list then stands still.
        def synced():
            button = find(app, {Atspi.Role.PUSH_BUTTON}, "Sync Orders")
            return button is not None and has_state(button, Atspi.StateType.SENSITIVE) \
                and len(table_rows(app)) >= 10
        tap(wait_for(synced, 90, proc) is not None, "the sandbox's orders are listed and synced")

        # An order whose buyer has a name of three characters or more, a few
        # rows down (not the first one: it stays first in most searches).
        # And another buyer, for a search that leaves the order out.
        def pick():
            rows = table_rows(app)
            for row, order_id, buyer in rows[2:]:
                buyer = buyer.strip()
                if order_id and len(buyer) >= 3 and "*" not in buyer:
                    others = [b.strip() for _, _, b in rows
                              if len(b.strip()) >= 3 and b.strip() != buyer and
                              buyer not in b and b.strip() not in buyer]
                    if others:
                        return row, order_id, buyer, others[0]
            return None
        picked = wait_for(pick, 30, proc)
        tap(picked is not None, "rows with buyers' names are shown")
        if picked is None:
            return plan()
        row, order_id, buyer, other = picked
        print(f"# picked order {order_id} of {buyer}; the other buyer: {other}", flush=True)

        # A click on its Status cell (away from the pane's handle) selects it.
        click(row.get_child_at_index(STATUS))

        def selected(order):
            for r, oid, _ in table_rows(app):
                if oid == order and has_state(r, Atspi.StateType.SELECTED):
                    return True
            return False
        ok = wait_for(lambda: selected(order_id) and detail_shows(app, order_id), 20, proc)
        tap(bool(ok), "a click selects the order and the detail pane shows it")

        entry = find(app, TEXT_ROLES, "Search orders")
        tap(entry is not None, "a screen reader finds the search field by its name")
        if entry is None:
            return plan()

        # Its buyer: the list narrows, the order stays selected and shown.
        entry.get_editable_text_iface().set_text_contents(buyer)

        def narrowed():
            rows = table_rows(app)
            return rows and all(b.strip() == buyer for _, _, b in rows) and \
                any(oid == order_id for _, oid, _ in rows)
        tap(bool(wait_for(narrowed, 30, proc)), "searching for the buyer lists their orders only",
            f"rows {[(o, b) for _, o, b in table_rows(app)][:10]}")
        ok = wait_for(lambda: selected(order_id) and detail_shows(app, order_id), 10, proc)
        tap(bool(ok), "the order is still selected and the detail pane still shows it")

        # Another buyer: the order leaves the list, and the selection with it.
        entry.get_editable_text_iface().set_text_contents(other)

        def switched():
            rows = table_rows(app)
            return rows and all(b.strip() == other for _, _, b in rows) and \
                not any(oid == order_id for _, oid, _ in rows)
        tap(bool(wait_for(switched, 30, proc)), "searching for another buyer leaves the order out",
            f"rows {[(o, b) for _, o, b in table_rows(app)][:10]}")
        ok = wait_for(lambda: not detail_shows(app, order_id) and
                      not any(has_state(r, Atspi.StateType.SELECTED) for r, _, _ in table_rows(app)),
                      10, proc)
        tap(bool(ok), "the selection is gone and the detail pane no longer shows the order")

        # Cleared: every order is back, none selected.
        entry.get_editable_text_iface().set_text_contents("")
        tap(bool(wait_for(lambda: any(oid == order_id for _, oid, _ in table_rows(app)) or
                          len(table_rows(app)) >= 10, 30, proc)),
            "clearing the search lists every order again")
    finally:
        proc.terminate()
        try:
            output, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
        crashed = proc.returncode not in (0, -15)
        tap(not crashed, "dingdan quits cleanly", f"exit {proc.returncode}\n{output[-3000:]}")
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
