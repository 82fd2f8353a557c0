#!/usr/bin/python3
"""Window test of the search and the selection: in `dingdan --sandbox`, a
screen reader user selects an order (a click on its row), searches for its
buyer: the order stays selected and the detail pane goes on showing it;
then searches for something else: the selection and the detail are gone.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import shutil
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TEXT_ROLES, click, detail_shows, find, has_state, order_rows,  # noqa: E402
                  plan, programs, selected_ids, start, stop, tap, wait_app, wait_for,
                  wait_synced, window_env)

# The columns of the table, in order (dd-window.ui).
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)


def table_rows(app):
    """The rows of the order table on the bus (only realised ones exist),
    as (row accessible, order id, buyer)."""
    return order_rows(app, ORDER, BUYER)


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-search-")
    env = window_env(home)

    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return plan()

        # The sandbox's first sync is over once Sync Orders can be pressed
        # again; the list then stands still.
        tap(wait_synced(app, proc, table_rows, 10), "the sandbox's orders are listed and synced")

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
            return order in selected_ids(table_rows(app))
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
        stop(proc)
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
