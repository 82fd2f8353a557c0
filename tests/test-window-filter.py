#!/usr/bin/python3
"""Window test of the date range, the sortable columns and saved views: in
`dingdan --sandbox`, a screen reader user opens the Date Range button's
popover, types a first and a last day and applies them: the table lists
exactly the orders the cache holds created in those days (the test reads
$XDG_DATA_HOME/dingdan/sandbox.db read-only), newest first. A click on the
Total header sorts by total, smallest first; another, largest first. "Save
View…" keeps the Unpaid view, the range and the sort as "Big unpaid" (an
empty name cannot be saved; saving the name again asks before replacing);
after the filters change, choosing "Big unpaid" brings them back. After a
restart (settings in a keyfile) the saved view is still there, the sort too.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import datetime
import os
import shutil
import sqlite3
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, TEXT_ROLES, click, find, has_state, list_rows,  # noqa: E402
                  order_rows, plan, programs, start, stop, tap, wait_app, wait_for, wait_synced,
                  walk, window_env)
from panes import named  # noqa: E402

BUTTON_ROLES = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON}
# The columns of the table, in order (dd-window.ui).
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
UNPAID = 1  # DD_ORDER_STATUS_UNPAID
SAVED = "Big unpaid"


def table_rows(app):
    """(order id, status) of the table's realised rows, in the list's order."""
    return [(oid, status) for _, oid, status in order_rows(app, ORDER, STATUS) if oid]


def header(app, name):
    """The label of the column header called name (GTK 4.8 names no header:
    a click on its label sorts by the column)."""
    table = find(app, TABLE_ROLES)
    head = table.get_child_at_index(0) if table is not None and table.get_child_count() else None
    for node in walk(head):
        try:
            if node.get_role() == Atspi.Role.LABEL and (node.get_name() or "") == name:
                return node
        except Exception:
            continue
    return None



def press_button(app, proc, name, roles=BUTTON_ROLES):
    button = wait_for(lambda: named(app, roles, name), 10, proc)
    if button is None:
        return False
    action = button.get_action_iface()
    if action is not None and action.get_n_actions() > 0:
        return action.do_action(0)
    return click(button)


def answer(app, proc, response):
    """Presses a message dialog's response button, then leaves the dialog
    time to go: GTK 4.8 answers an AT-SPI walk over a window being
    destroyed with a NULL object path (a critical, fatal under the tests)."""
    pressed = press_button(app, proc, response)
    time.sleep(2)
    return pressed


def saved_rows(app):
    return list_rows(app, "Saved Views", visible=True)


def view_row(app, name):
    return list_rows(app, "Views").get(name)


def range_description(app):
    button = named(app, BUTTON_ROLES, "Date Range")
    return (button.get_description() or "") if button is not None else None


class Cache:
    """The sandbox's cache, read-only."""

    def __init__(self, path):
        self.path = path

    def orders(self):
        """{order id: (created day (local), total_minor, status)}."""
        db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            rows = db.execute("SELECT order_id, created_ms, total_minor, status FROM orders").fetchall()
        finally:
            db.close()
        return {oid: (datetime.datetime.fromtimestamp(created / 1000).date(), total, status)
                for oid, created, total, status in rows}


def pick_days(orders):
    """A few days in the past holding 3–20 orders, some unpaid."""
    today = datetime.date.today()
    days = sorted({day for day, _, _ in orders.values() if day < today - datetime.timedelta(days=1)})
    for span in (0, 1, 2, 3, 5):
        for first in days:
            last = first + datetime.timedelta(days=span)
            inside = [o for o, (d, _, s) in orders.items() if first <= d <= last]
            if 3 <= len(inside) <= 20 and any(orders[o][2] == UNPAID for o in inside):
                return first, last
    return None


def in_range(orders, first, last, status=None):
    return {o for o, (d, _, s) in orders.items()
            if first <= d <= last and (status is None or s == status)}


def sorted_by_total(ids, orders, descending):
    totals = [orders[o][1] if o in orders else None for o in ids]
    if None in totals:
        return False
    pairs = zip(totals, totals[1:])
    return all(a >= b if descending else a <= b for a, b in pairs)


def set_range(app, proc, first, last):
    """Opens the date popover, types the days, applies them."""
    # The popover's fields are on the bus while it is open.
    if named(app, TEXT_ROLES, "From") is None and not press_button(app, proc, "Date Range"):
        return False
    entry_from = wait_for(lambda: named(app, TEXT_ROLES, "From"), 10, proc)
    entry_to = named(app, TEXT_ROLES, "To")
    if entry_from is None or entry_to is None:
        return False
    entry_from.get_editable_text_iface().set_text_contents(first)
    entry_to.get_editable_text_iface().set_text_contents(last)
    return press_button(app, proc, "Apply")


def first_run(gui, env, cache):
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return False
        tap(wait_synced(app, proc, table_rows), "the sandbox's orders are listed and synced")
        tap(range_description(app) == "All Dates", "the Date Range button reads \"All Dates\"",
            f"description {range_description(app)!r}")

        orders = cache.orders()
        days = pick_days(orders)
        tap(days is not None, "the cache has a few past days with 3–20 orders, some unpaid",
            f"{len(orders)} orders")
        if days is None:
            return False
        first, last = days
        text = f"{first.isoformat()} – {last.isoformat()}" if first != last else first.isoformat()
        print(f"# range {text}", flush=True)

        # A bad day is refused: nothing changes.
        tap(set_range(app, proc, "2026-02-30", "") and
            bool(wait_for(lambda: named(app, TEXT_ROLES, "From") is not None and
                          has_state(named(app, TEXT_ROLES, "From"),
                                    Atspi.StateType.INVALID), 5, proc)) and
            range_description(app) == "All Dates",
            "a day that does not exist is marked invalid and not applied",
            f"description {range_description(app)!r}")

        tap(set_range(app, proc, first.isoformat(), last.isoformat()),
            "the popover's first and last day are typed and applied")

        def range_shown():
            want = in_range(cache.orders(), first, last)
            shown = table_rows(app)
            return shown and {o for o, _ in shown} == want and shown
        shown = wait_for(range_shown, 30, proc)
        want = in_range(cache.orders(), first, last)
        tap(bool(shown), "the table lists exactly the orders created in the range",
            f"shown {sorted(o for o, _ in table_rows(app))}\nwant {sorted(want)}")
        tap(range_description(app) == text, f"the Date Range button reads \"{text}\"",
            f"description {range_description(app)!r}")

        # Sorting by Total: smallest first, then largest first.
        total = wait_for(lambda: header(app, "Total"), 10, proc)
        tap(total is not None, "a screen reader finds the Total column's header")
        if total is None:
            return False
        click(total)
        shown = wait_for(lambda: sorted_by_total([o for o, _ in table_rows(app)], cache.orders(), False)
                         and not sorted_by_total([o for o, _ in table_rows(app)], cache.orders(), True)
                         and table_rows(app), 20, proc)
        orders = cache.orders()
        tap(bool(shown) and orders[shown[0][0]][1] == min(orders[o][1] for o in want),
            "a click on Total sorts the orders smallest total first",
            f"totals {[orders.get(o, (0, None))[1] for o, _ in table_rows(app)]}")
        click(total)
        shown = wait_for(lambda: sorted_by_total([o for o, _ in table_rows(app)], cache.orders(), True)
                         and not sorted_by_total([o for o, _ in table_rows(app)], cache.orders(), False)
                         and table_rows(app), 20, proc)
        orders = cache.orders()
        tap(bool(shown) and orders[shown[0][0]][1] == max(orders[o][1] for o in want),
            "another click sorts them largest total first",
            f"totals {[orders.get(o, (0, None))[1] for o, _ in table_rows(app)]}")

        # The Unpaid view of the range, largest first, saved by name.
        click(view_row(app, "Unpaid"))

        def unpaid_shown():
            want_unpaid = in_range(cache.orders(), first, last, UNPAID)
            shown = table_rows(app)
            return shown and {o for o, _ in shown} == want_unpaid
        tap(bool(wait_for(unpaid_shown, 30, proc)), "Unpaid lists the range's unpaid orders",
            f"shown {table_rows(app)}")

        tap(press_button(app, proc, "Save View…"), "\"Save View…\" is pressed")
        name_entry = wait_for(lambda: named(app, TEXT_ROLES, "View name"), 10, proc)
        save = named(app, BUTTON_ROLES, "Save")
        tap(name_entry is not None and save is not None and
            not has_state(save, Atspi.StateType.SENSITIVE),
            "the dialog asks a name, and cannot save without one")
        if name_entry is None:
            return False
        name_entry.get_editable_text_iface().set_text_contents(f"  {SAVED} ")
        tap(bool(wait_for(lambda: has_state(save, Atspi.StateType.SENSITIVE), 5, proc)),
            "with a name it can")
        answer(app, proc, "Save")
        tap(bool(wait_for(lambda: list(saved_rows(app)) == [SAVED], 10, proc)),
            f"\"{SAVED}\" is listed under Saved Views", f"saved {list(saved_rows(app))}")

        # The same name again: asked before replacing; cancelled, one view.
        press_button(app, proc, "Save View…")
        name_entry = wait_for(lambda: named(app, TEXT_ROLES, "View name"), 10, proc)
        if name_entry is not None:
            name_entry.get_editable_text_iface().set_text_contents(SAVED)
            time.sleep(0.5)
            answer(app, proc, "Save")
        asked = wait_for(lambda: named(app, BUTTON_ROLES, "Replace"), 10, proc)
        tap(asked is not None, "saving the name again asks before replacing it")
        answer(app, proc, "Cancel")
        tap(list(saved_rows(app)) == [SAVED], "cancelled, the one saved view stays",
            f"saved {list(saved_rows(app))}")

        # Everything changed: every date, All, by creation.
        press_button(app, proc, "Date Range")
        press_button(app, proc, "Clear")
        click(view_row(app, "All"))
        click(header(app, "Created"))
        tap(bool(wait_for(lambda: range_description(app) == "All Dates" and
                          len(table_rows(app)) > 20, 30, proc)),
            "cleared, every date and every order is listed again",
            f"description {range_description(app)!r}, {len(table_rows(app))} rows")

        click(saved_rows(app)[SAVED])
        ok = wait_for(lambda: range_description(app) == text and
                      has_state(view_row(app, "Unpaid"), Atspi.StateType.SELECTED) and
                      unpaid_shown() and
                      sorted_by_total([o for o, _ in table_rows(app)], cache.orders(), True), 30, proc)
        tap(bool(ok), f"choosing \"{SAVED}\" brings back the range, the Unpaid view and the sort",
            f"description {range_description(app)!r}, rows {table_rows(app)}")
    finally:
        stop(proc, "first run")
    return True


def second_run(gui, env, cache):
    proc = start(gui, env)
    try:
        app = wait_app(proc, "the window is on the accessibility bus again")
        if app is None:
            return
        tap(wait_synced(app, proc, table_rows), "the orders are listed again")
        tap(bool(wait_for(lambda: list(saved_rows(app)) == [SAVED], 10, proc)),
            f"after a restart \"{SAVED}\" is still listed", f"saved {list(saved_rows(app))}")
        tap(bool(wait_for(lambda: sorted_by_total([o for o, _ in table_rows(app)][:15],
                                                  cache.orders(), True), 20, proc)),
            "and the list is still sorted by total, largest first",
            f"rows {table_rows(app)[:15]}")

        view = saved_rows(app).get(SAVED)
        if view is not None:
            click(view)
        tap(bool(wait_for(lambda: range_description(app) not in (None, "All Dates") and
                          has_state(view_row(app, "Unpaid"), Atspi.StateType.SELECTED), 20, proc)),
            "choosing it restores its range and view", f"description {range_description(app)!r}")

        # Removed, it is gone (and stays gone).
        remove = named(app, BUTTON_ROLES, f"Remove “{SAVED}”")
        tap(remove is not None and click(remove) and
            bool(wait_for(lambda: saved_rows(app) == {}, 10, proc)),
            "its remove button removes it")
    finally:
        stop(proc, "second run")


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-filter-")
    env = window_env(home)
    # Settings survive the restart: a keyfile in XDG_CONFIG_HOME.
    env["GSETTINGS_BACKEND"] = "keyfile"
    cache = Cache(os.path.join(env["XDG_DATA_HOME"], "dingdan", "sandbox.db"))

    try:
        if first_run(gui, env, cache):
            keyfile = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings", "keyfile")
            tap(os.path.exists(keyfile) and SAVED in open(keyfile, encoding="utf-8").read(),
                "the saved view is kept in the settings' keyfile")
            second_run(gui, env, cache)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
