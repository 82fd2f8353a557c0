#!/usr/bin/python3
"""Window test of keyboard triage: in `dingdan --sandbox`, three orders are
triaged from the keyboard. A click puts the focus in the table; j and k move
the selection down and up (the detail pane follows); Shift+Down selects a
second row and "2" flags both yellow; "n" opens the note dialog, a note typed
and Enter saves it for both (the pane reads it); "k" narrows the selection
to one order and "r" approves it alone. After a restart on the same XDG dirs the note,
flags and review states are still there. Then a narrow window (600 pixels
wide, through the keyfile settings backend) shows the list alone: Enter
shows the order's page, Back returns to the list.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import os
import shutil
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, TEXT_ROLES, click, detail_shows, find, has_state,  # noqa: E402
                  order_rows, plan, press, press_sym, programs, start, stop, tap, wait_app,
                  wait_for, wait_synced, window_env)
from a11y import selected_ids as selected_of  # noqa: E402

ORDER, CREATED, ACCOUNT, BUYER, STATUS, FLAG = range(6)
KEY_DOWN, KEY_RETURN, KEY_ESCAPE = 0xff54, 0xff0d, 0xff1b
NOTE = "Fragile: pack twice 易碎"


def table_rows(app):
    """The realised rows of the order table: (row accessible, order id, flag)."""
    return order_rows(app, ORDER, FLAG, cells=FLAG + 1)


def selected_ids(app):
    return selected_of(table_rows(app))


def flag_of(app, order_id):
    for _, oid, flag in table_rows(app):
        if oid == order_id:
            return flag
    return None


def launch(gui, env, what):
    proc = start(gui, env)
    app = wait_app(proc, f"the window is on the accessibility bus ({what})")
    if app is not None:
        tap(wait_synced(app, proc, table_rows),
            f"the sandbox's orders are listed and synced ({what})")
    return proc, app


def shows_only(app, proc, order_id):
    """The pane shows order_id and the table selects it alone."""
    return bool(wait_for(lambda: detail_shows(app, order_id) and selected_ids(app) == [order_id],
                         10, proc))


def search_entry(app):
    return find(app, TEXT_ROLES, "Search orders")


def first_run(gui, env):
    proc, app = launch(gui, env, "first run")
    ids = None
    try:
        if app is None:
            return None
        # Three orders on top of the list, as a person sees them.
        rows = wait_for(lambda: [r for r in table_rows(app)[:6] if r[1]], 30, proc)
        if not rows or len(rows) < 4:
            tap(False, "rows with order numbers are shown")
            return None
        # Background syncs insert new orders above: the view stays at the top
        # and the selection moves with its row, so the ids are what counts.
        ids = [oid for _, oid, _ in rows[:3]]
        print(f"# orders {ids}", flush=True)

        click(rows[0][0].get_child_at_index(STATUS))
        tap(shows_only(app, proc, ids[0]), "a click on the first row focuses the table on it",
            f"selected {selected_ids(app)}")

        def neighbour(order_id, step):
            order = [oid for _, oid, _ in table_rows(app) if oid]
            i = order.index(order_id) if order_id in order else -1
            return order[i + step] if 0 <= i + step < len(order) and i >= 0 else None

        below = neighbour(ids[0], 1)
        press("j")
        tap(below is not None and shows_only(app, proc, below),
            "j moves the selection one row down, the pane follows",
            f"expected {below}, selected {selected_ids(app)}")
        press("k")
        tap(shows_only(app, proc, ids[0]), "k moves it back up",
            f"selected {selected_ids(app)}")
        press("j")
        first = below
        tap(shows_only(app, proc, first), "j again", f"selected {selected_ids(app)}")
        second = neighbour(first, 1)
        press_sym(KEY_DOWN, shift=True)
        tap(bool(wait_for(lambda: selected_ids(app) == sorted([first, second]), 10, proc)),
            "Shift+Down selects the next row too: two orders selected",
            f"expected {[first, second]}, selected {selected_ids(app)}")
        tap(bool(wait_for(lambda: detail_shows(app, second), 10, proc)),
            "the pane shows the row under the cursor")

        press("2")
        tap(bool(wait_for(lambda: flag_of(app, first) == "Yellow" and
                          flag_of(app, second) == "Yellow", 10, proc)),
            "\"2\" flags both selected orders yellow",
            f"flags {flag_of(app, first)!r}, {flag_of(app, second)!r}")
        tap(flag_of(app, ids[0]) == "", "the unselected order keeps no flag",
            f"flag {flag_of(app, ids[0])!r}")

        press("n")
        note_entry = wait_for(lambda: find(app, TEXT_ROLES, "Order note"), 10, proc)
        tap(note_entry is not None, "\"n\" opens the note dialog with a text field")
        if note_entry is None:
            return None
        note_entry.get_editable_text_iface().set_text_contents(NOTE)
        click(note_entry)
        wait_for(lambda: has_state(note_entry, Atspi.StateType.FOCUSED), 5, proc)
        press_sym(KEY_RETURN)
        tap(bool(wait_for(lambda: detail_shows(app, NOTE), 10, proc)),
            "Enter saves the note: the pane reads it")
        tap(bool(wait_for(lambda: find(app, TEXT_ROLES, "Order note") is None, 10, proc)),
            "and the dialog is gone")

        # The focus is back in the table: k leaves the second row alone selected.
        press("k")
        tap(shows_only(app, proc, first), "k selects one order again",
            f"selected {selected_ids(app)}")
        tap(detail_shows(app, NOTE), "the note was saved for it too")
        press("r")
        tap(bool(wait_for(lambda: detail_shows(app, "Approved"), 10, proc)),
            "\"r\" approves it: the pane reads \"Approved\"")
        press("j")
        tap(shows_only(app, proc, second) and
            bool(wait_for(lambda: detail_shows(app, "Needs review"), 10, proc)),
            "the other one still needs review")

        # Typing in the list starts the search. GTK 4.8 gives the search
        # entry no text over AT-SPI, so what counts is what it does: "zx"
        # matches no order, and Escape brings every order back.
        before = len(table_rows(app))
        press("z")
        press("x")
        tap(bool(wait_for(lambda: len(table_rows(app)) == 0, 15, proc)),
            "typing \"zx\" in the list searches for it: no order matches",
            f"{len(table_rows(app))} rows")
        press_sym(KEY_ESCAPE)
        tap(bool(wait_for(lambda: len(table_rows(app)) >= min(before, 5), 15, proc)),
            "Escape ends the search: the orders are back", f"{len(table_rows(app))} rows")
        # The search matched nothing, so no order is selected any more; j in
        # the table selects one (in the search entry it would search for "j").
        press("j")
        tap(bool(wait_for(lambda: len(selected_ids(app)) == 1 and
                          detail_shows(app, selected_ids(app)[0]), 10, proc)) and
            len(table_rows(app)) >= min(before, 5),
            "and the focus is back in the table: j selects an order there",
            f"selected {selected_ids(app)}, {len(table_rows(app))} rows")

    finally:
        stop(proc, "first run")
    return [first, second]


def find_order(app, proc, order_id):
    entry = search_entry(app)
    if entry is None:
        return False
    entry.get_editable_text_iface().set_text_contents(order_id)
    if not wait_for(lambda: [oid for _, oid, _ in table_rows(app) if oid] == [order_id], 30, proc):
        return False
    for row, oid, _ in table_rows(app):
        if oid == order_id:
            click(row.get_child_at_index(STATUS))
    return bool(wait_for(lambda: detail_shows(app, order_id), 10, proc))


def second_run(gui, env, ids):
    proc, app = launch(gui, env, "second run")
    try:
        if app is None:
            return
        first, second = ids
        tap(find_order(app, proc, first), "after a restart the approved order is found")
        tap(bool(wait_for(lambda: detail_shows(app, NOTE) and detail_shows(app, "Approved") and
                          detail_shows(app, "Yellow"), 10, proc)),
            "its note, flag and approval survived the restart")
        tap(find_order(app, proc, second), "and the other one")
        tap(bool(wait_for(lambda: detail_shows(app, NOTE) and detail_shows(app, "Needs review") and
                          detail_shows(app, "Yellow"), 10, proc)),
            "its note and flag survived, and it still needs review")
    finally:
        stop(proc, "second run")


def inside(app, node):
    """Whether node lies within the leaflet (the list or the detail page it
    shows): GTK 4.8 reports no SHOWING state, a folded leaflet lays its other
    page out beside the one shown, outside its own bounds."""
    leaflet = find(app, {Atspi.Role.FILLER, Atspi.Role.PANEL}, "AdwLeaflet")
    if node is None or leaflet is None:
        return False
    try:
        outer = leaflet.get_extents(Atspi.CoordType.WINDOW)
        ext = node.get_extents(Atspi.CoordType.WINDOW)
    except Exception:
        return False
    return ext.width > 0 and ext.x >= outer.x - 2 and ext.x + ext.width <= outer.x + outer.width + 2


def narrow_run(gui, env):
    # The keyfile settings backend reads the window's width before it opens.
    settings = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write("[io/github/dingdan/Dingdan]\nwindow-width=600\n")
    env = dict(env, GSETTINGS_BACKEND="keyfile")
    proc, app = launch(gui, env, "narrow window")
    try:
        if app is None:
            return
        def table_alone():
            return inside(app, find(app, TABLE_ROLES)) and \
                not inside(app, find(app, {Atspi.Role.PUSH_BUTTON}, "Back"))

        def detail_alone():
            # The page hidden keeps its last bounds: the Back button (on the
            # detail page) within the leaflet is what tells the page shown.
            back = find(app, {Atspi.Role.PUSH_BUTTON}, "Back")
            return inside(app, back) and has_state(back, Atspi.StateType.FOCUSED)

        tap(bool(wait_for(table_alone, 10, proc)),
            "a narrow window shows the list alone, no Back button")
        rows = [r for r in table_rows(app) if r[1]]
        if not rows:
            tap(False, "rows are shown")
            return
        order_id = rows[0][1]
        click(rows[0][0].get_child_at_index(ORDER))
        tap(bool(wait_for(lambda: order_id in selected_ids(app), 10, proc)),
            "a click selects an order", f"selected {selected_ids(app)}")
        tap(table_alone(), "the detail is not shown beside the list")
        press_sym(KEY_RETURN)
        tap(bool(wait_for(detail_alone, 10, proc)),
            "Enter shows the order's page instead of the list, with a Back button")
        tap(detail_shows(app, order_id), "the page shows the order")
        back = find(app, {Atspi.Role.PUSH_BUTTON}, "Back")

        def list_again():
            # The page left behind may keep its bounds (GTK 4.8 lays out no
            # unmapped page): the focus, moved from Back to the table, tells.
            return inside(app, find(app, TABLE_ROLES)) and \
                not has_state(back, Atspi.StateType.FOCUSED)
        tap(back is not None and click(back) and bool(wait_for(list_again, 10, proc)),
            "Back returns to the list")
    finally:
        stop(proc, "narrow window")


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-triage-")
    env = window_env(home)

    try:
        ids = first_run(gui, env)
        if ids is not None:
            second_run(gui, env, ids)
        narrow_run(gui, env)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
