#!/usr/bin/python3
"""Window test of marking from the keyboard: in `dingdan --sandbox`, a
screen reader user selects an order (a click on its row) and presses "1":
the detail pane reads "Red" and so does the row's Flag cell; "r": the pane
reads "Approved" and the "Needs review" view counts one order less. Typing
in the search field marks nothing. Then the app quits and starts again with
the same XDG_DATA_HOME (the sandbox's cache, $XDG_DATA_HOME/dingdan/
sandbox.db, persists): found again by a search for its number, the order is
still red and approved.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import os
import re
import shutil
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TEXT_ROLES, click, detail_shows, find, has_state, list_rows,  # noqa: E402
                  order_rows, plan, press, programs, selected_ids, start, stop, tap, wait_app,
                  wait_for, wait_synced, window_env)

# The columns of the table, in order (dd-window.ui).
ORDER, CREATED, ACCOUNT, BUYER, STATUS, FLAG = range(6)


def table_rows(app):
    """The realised rows of the order table: (row accessible, order id, flag)."""
    return order_rows(app, ORDER, FLAG, cells=FLAG + 1)


def view_count(app, name):
    """The count a screen reader reads after the view's name, or None."""
    row = list_rows(app, "Views").get(name)
    if row is None:
        return None
    match = re.fullmatch(r"([\d,]+) orders?", row.get_description() or "")
    return int(match.group(1).replace(",", "")) if match else None


def select(app, proc, order_id):
    """Clicks the order's row (its Status cell); whether it got selected."""
    for row, oid, _ in table_rows(app):
        if oid == order_id:
            click(row.get_child_at_index(STATUS))
            break

    def selected():
        return order_id in selected_ids(table_rows(app)) and detail_shows(app, order_id)
    return bool(wait_for(selected, 20, proc))


def flag_cell(app, order_id):
    for _, oid, flag in table_rows(app):
        if oid == order_id:
            return flag
    return None


def first_run(gui, env):
    proc = start(gui, env)
    order_id = None
    try:
        app = wait_app(proc)
        if app is None:
            return None
        tap(wait_synced(app, proc, table_rows), "the sandbox's orders are listed and synced")

        rows = wait_for(lambda: [r for r in table_rows(app)[1:] if r[1]], 30, proc)
        if not rows:
            tap(False, "rows with order numbers are shown")
            return None
        order_id = rows[0][1]
        print(f"# picked order {order_id}", flush=True)
        tap(select(app, proc, order_id), "a click selects the order and the pane shows it")
        tap(detail_shows(app, "No flag") and detail_shows(app, "Needs review"),
            "the pane reads an unmarked order's flag and review state")
        tap(flag_cell(app, order_id) == "", "the row shows no flag",
            f"flag cell {flag_cell(app, order_id)!r}")

        # The counts, before: new orders of the shop's background changes add
        # to both All and Needs review, so the difference is what is compared.
        counts = wait_for(lambda: (view_count(app, "All"), view_count(app, "Needs review"))
                          if view_count(app, "All") and view_count(app, "Needs review")
                          else None, 30, proc)
        tap(counts is not None, "All and Needs review have counts")
        if counts is None:
            return None
        unreviewed_before = counts[0] - counts[1]

        press("1")
        tap(bool(wait_for(lambda: detail_shows(app, "Red"), 10, proc)),
            "\"1\" flags the order red: the pane reads \"Red\"")
        tap(bool(wait_for(lambda: flag_cell(app, order_id) == "Red", 10, proc)),
            "the row's Flag cell reads \"Red\"", f"flag cell {flag_cell(app, order_id)!r}")

        press("r")
        tap(bool(wait_for(lambda: detail_shows(app, "Approved"), 10, proc)),
            "\"r\" approves it: the pane reads \"Approved\"")

        def recounted():
            total, needs = view_count(app, "All"), view_count(app, "Needs review")
            return total is not None and needs is not None and \
                total - needs == unreviewed_before + 1
        tap(bool(wait_for(recounted, 20, proc)), "Needs review counts one order less",
            f"before {counts}, now {(view_count(app, 'All'), view_count(app, 'Needs review'))}")

        # Keys typed in the search field are text, not marks.
        entry = find(app, TEXT_ROLES, "Search orders")
        tap(entry is not None and click(entry) and
            bool(wait_for(lambda: has_state(entry, Atspi.StateType.FOCUSED), 10, proc)),
            "a click gives the search field the focus")
        press("h")
        time.sleep(2)
        entry.get_editable_text_iface().set_text_contents("")
        tap(bool(wait_for(lambda: any(oid == order_id for _, oid, _ in table_rows(app)), 30, proc))
            and select(app, proc, order_id), "the order is listed and selected again")
        tap(detail_shows(app, "Approved") and not detail_shows(app, "Held"),
            "\"h\" typed in the search field did not hold the order",
            f"Approved {detail_shows(app, 'Approved')}, Held {detail_shows(app, 'Held')}")
    finally:
        stop(proc, "first run")
    return order_id


def second_run(gui, env, order_id):
    proc = start(gui, env)
    try:
        app = wait_app(proc, "the window is on the accessibility bus again")
        if app is None:
            return
        tap(wait_synced(app, proc, table_rows), "the orders are listed again")
        entry = find(app, TEXT_ROLES, "Search orders")
        if entry is None:
            tap(False, "a screen reader finds the search field")
            return
        entry.get_editable_text_iface().set_text_contents(order_id)
        shown = wait_for(lambda: any(oid == order_id for _, oid, _ in table_rows(app)), 30, proc)
        tap(bool(shown), "a search for its number finds the order",
            f"rows {[oid for _, oid, _ in table_rows(app)][:10]}")
        tap(select(app, proc, order_id), "a click selects it")
        tap(bool(wait_for(lambda: detail_shows(app, "Red") and detail_shows(app, "Approved"),
                          10, proc)),
            "after a restart the pane still reads \"Red\" and \"Approved\"")
        tap(flag_cell(app, order_id) == "Red", "and the row's Flag cell \"Red\"",
            f"flag cell {flag_cell(app, order_id)!r}")
    finally:
        stop(proc, "second run")


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-marks-")
    env = window_env(home)

    try:
        order_id = first_run(gui, env)
        if order_id is not None:
            tap(os.path.exists(os.path.join(env["XDG_DATA_HOME"], "dingdan", "sandbox.db")),
                "the sandbox's cache is kept in XDG_DATA_HOME")
            second_run(gui, env, order_id)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
