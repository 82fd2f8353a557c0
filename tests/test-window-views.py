#!/usr/bin/python3
"""Window test of the views and their counts: in `dingdan --sandbox`, a
screen reader user finds the views (All, Unpaid …), each read with its
count ("Unpaid, 37 orders"); choosing Unpaid lists unpaid orders only, as
many as `dingdan-cli --sandbox orders --status unpaid` lists for the same
(deterministic) sandbox; choosing All lists every order again.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import re
import shutil
import subprocess
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (click, has_state, list_rows, order_rows, plan, private_env,  # noqa: E402
                  programs, start, stop, tap, wait_app, wait_for, wait_synced, window_env)

# The columns of the table, in order (dd-window.ui).
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
VIEWS = ["All", "Needs review", "Unpaid", "To ship", "Shipped", "After-sale", "Closed"]


def table_rows(app):
    """(order id, status) of the table's rows on the bus (only realised ones)."""
    return [(oid, status) for _, oid, status in order_rows(app, ORDER, STATUS)]


def view_rows(app):
    """The views list's rows: {name: row accessible}."""
    return list_rows(app, "Views")


def view_count(app, name):
    """The count a screen reader reads after the view's name, or None."""
    row = view_rows(app).get(name)
    match = re.fullmatch(r"([\d,]+) orders?", (row.get_description() or "") if row else "")
    return int(match.group(1).replace(",", "")) if match else None


def cli_count(cli, env, *args):
    """Orders `dingdan-cli --sandbox orders ARGS` lists (CSV: less the header)."""
    out = subprocess.run([cli, "--sandbox", "orders", *args], env=env, check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         timeout=120).stdout
    return len(out.splitlines()) - 1


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found

    cli_home = tempfile.mkdtemp(prefix="dingdan-window-views-cli-")
    home = tempfile.mkdtemp(prefix="dingdan-window-views-")
    env = window_env(home)

    proc = start(gui, env)
    try:
        # The same sandbox, synced by the command line in its own home.
        cli_env = private_env(cli_home)
        want_unpaid = cli_count(cli, cli_env, "--status", "unpaid")
        want_all = cli_count(cli, cli_env)
        print(f"# dingdan-cli lists {want_unpaid} unpaid orders of {want_all}", flush=True)

        app = wait_app(proc)
        if app is None:
            return plan()
        tap(wait_synced(app, proc, table_rows, 10), "the sandbox's orders are listed and synced")

        rows = wait_for(lambda: len(view_rows(app)) == len(VIEWS) and view_rows(app), 30, proc)
        tap(bool(rows) and list(rows) == VIEWS, "a screen reader finds the seven views by name",
            f"views {list(rows) if rows else None}")
        if not rows:
            return plan()

        tap(bool(wait_for(lambda: view_count(app, "All") == want_all, 30, proc)),
            "All is read with the count of every order",
            f"All: {view_rows(app)['All'].get_description()!r}, want {want_all}")
        tap(bool(wait_for(lambda: view_count(app, "Unpaid") == want_unpaid, 30, proc)),
            "Unpaid is read with the count of the unpaid orders",
            f"Unpaid: {view_rows(app)['Unpaid'].get_description()!r}, want {want_unpaid}")
        counts = [view_count(app, name) for name in VIEWS]
        tap(all(c is not None for c in counts) and sum(counts[2:]) <= counts[0],
            "every view has a count, the status views' no more than All's", f"counts {counts}")

        # Unpaid: every row says so, none of the others is left.
        click(view_rows(app)["Unpaid"])

        def only_unpaid():
            shown = table_rows(app)
            return shown and all(status == "Unpaid" for _, status in shown) and \
                len(shown) == min(want_unpaid, len(shown)) and shown
        shown = wait_for(only_unpaid, 30, proc)
        tap(bool(shown), "choosing Unpaid lists unpaid orders only",
            f"rows {table_rows(app)[:10]}")
        tap(has_state(view_rows(app)["Unpaid"], Atspi.StateType.SELECTED),
            "the Unpaid view is selected")
        tap(view_count(app, "Unpaid") == want_unpaid and view_count(app, "All") == want_all,
            "the counts stay while the view is chosen",
            f"counts {[view_count(app, name) for name in VIEWS]}")

        # All again: the other statuses are back, with their count.
        click(view_rows(app)["All"])

        def all_back():
            shown = table_rows(app)
            return len(shown) >= 10 and any(status != "Unpaid" for _, status in shown)
        tap(bool(wait_for(all_back, 30, proc)), "choosing All lists every status again",
            f"rows {table_rows(app)[:10]}")
        tap(view_count(app, "All") == want_all, "All's count is back",
            f"All: {view_count(app, 'All')}, want {want_all}")
    finally:
        stop(proc)
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(cli_home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
