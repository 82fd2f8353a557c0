#!/usr/bin/python3
"""Window test of the views and their counts: in `dingdan --sandbox`, a
screen reader user finds the views (All, Unpaid …), each read with its
count ("Unpaid, 37 orders"); choosing Unpaid lists unpaid orders only, as
many as `dingdan-cli --sandbox orders --status unpaid` lists for the same
(deterministic) sandbox; choosing All lists every order again.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, cell_text, click, find, find_app,  # noqa: E402
                  has_state, plan, tap, wait_for, walk)

# The columns of the table, in order (dd-window.ui).
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
VIEWS = ["All", "Needs review", "Unpaid", "To ship", "Shipped", "After-sale", "Closed"]


def table_rows(app):
    """(order id, status) of the table's rows on the bus (only realised ones)."""
    table = find(app, TABLE_ROLES)
    rows = []
    for node in walk(table):
        try:
            if node.get_role() == Atspi.Role.TABLE_ROW and node.get_child_count() >= 5:
                first = node.get_child_at_index(0)
                if first is None or first.get_role() != Atspi.Role.TABLE_CELL:
                    continue  # the header row
                rows.append((cell_text(node, ORDER), cell_text(node, STATUS)))
        except Exception:
            continue
    return rows


def view_rows(app):
    """The views list's rows: {name: row accessible}."""
    views = find(app, {Atspi.Role.LIST, Atspi.Role.LIST_BOX}, "Views")
    rows = {}
    if views is None:
        return rows
    for i in range(views.get_child_count()):
        row = views.get_child_at_index(i)
        if row is not None:
            rows[row.get_name() or ""] = row
    return rows


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


def private_env(home):
    env = dict(os.environ)
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        env[var] = os.path.join(home, sub)
        os.makedirs(env[var])
    env["LANGUAGE"] = "en"
    return env


def main():
    gui = os.environ.get("DINGDAN_GUI")
    cli = os.environ.get("DINGDAN_CLI")
    if not gui or not cli or not os.environ.get("DISPLAY"):
        print("1..0 # SKIP needs DINGDAN_GUI, DINGDAN_CLI and an X display (build-aux/test.sh)")
        return 0

    cli_home = tempfile.mkdtemp(prefix="dingdan-window-views-cli-")
    home = tempfile.mkdtemp(prefix="dingdan-window-views-")
    env = private_env(home)
    env["GTK_A11Y"] = "atspi"
    env.pop("NO_AT_BRIDGE", None)
    if "DINGDAN_APP_G_DEBUG" in env:
        env["G_DEBUG"] = env["DINGDAN_APP_G_DEBUG"]

    proc = subprocess.Popen([gui, "--sandbox"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # The same sandbox, synced by the command line in its own home.
        cli_env = private_env(cli_home)
        want_unpaid = cli_count(cli, cli_env, "--status", "unpaid")
        want_all = cli_count(cli, cli_env)
        print(f"# dingdan-cli lists {want_unpaid} unpaid orders of {want_all}", flush=True)

        app = wait_for(lambda: find_app(proc.pid), 60, proc)
        tap(app is not None, "the window is on the accessibility bus",
            "dingdan exited early" if proc.poll() is not None else "not found in 60 s")
        if app is None:
            return plan()

        def synced():
            button = find(app, {Atspi.Role.PUSH_BUTTON}, "Sync Orders")
            return button is not None and has_state(button, Atspi.StateType.SENSITIVE) \
                and len(table_rows(app)) >= 10
        tap(wait_for(synced, 90, proc) is not None, "the sandbox's orders are listed and synced")

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
        proc.terminate()
        try:
            output, _ = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            output, _ = proc.communicate()
        crashed = proc.returncode not in (0, -15)
        tap(not crashed, "dingdan quits cleanly", f"exit {proc.returncode}\n{output[-3000:]}")
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(cli_home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
