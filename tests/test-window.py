#!/usr/bin/python3
"""Window test: `dingdan --sandbox` opens, and a screen reader finds the order
table and the sandbox's orders in it, of several accounts (one list for every
platform), through the accessibility bus (AT-SPI).
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import json
import shutil
import subprocess
import sys
import tempfile
import time

from a11y import TABLE_ROLES, find_app, plan, programs, running, start, stop, tap, walk, window_env

# The sandbox's accounts (dd_account_new_sandbox_set), as the Account column
# shows them in English.
ACCOUNT_NAMES = {
    "sandbox-tw": "Sandbox Taiwan Shop",
    "sandbox-top": "Sandbox Taobao Shop",
    "sandbox-top-pc": "Sandbox Procurement",
    "sandbox-pandapon": "Sandbox Purchasing",
}
PLATFORMS = {"tw", "top", "top-pc", "pandapon"}


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found

    home = tempfile.mkdtemp(prefix="dingdan-window-")
    env = window_env(home)

    # The sandbox is deterministic: the CLI's sandbox serves the same shop.
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=120)
    try:
        orders = json.loads(out.stdout)
        expected = [o["order_id"] for o in orders]
        platforms = {o["platform"] for o in orders}
    except (ValueError, KeyError, TypeError) as e:
        orders, expected, platforms = [], [], set()
        tap(False, "dingdan-cli lists the sandbox's orders", f"{e}\n{out.stderr}")
    else:
        tap(len(expected) == 1200 and platforms == PLATFORMS,
            "dingdan-cli lists the sandbox's 1200 orders of four platforms",
            f"got {len(expected)} of {sorted(platforms)}")
    # The ten newest orders are visible without scrolling; their accounts'
    # names must show in the Account column (rows are virtualised: only
    # visible ones exist on the bus).
    newest_names = {ACCOUNT_NAMES.get(o.get("account"), "?") for o in orders[:10]}

    proc = start(gui, env)
    try:
        app = table = None
        found = set()
        names = set()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and running(proc):
            app = app or find_app(proc.pid)
            if app is not None:
                found.clear()
                names.clear()
                table = None
                for node in walk(app):
                    try:
                        if node.get_role() in TABLE_ROLES:
                            table = node
                            break
                    except Exception:
                        continue
                # Only the table's cells count: the sidebar names the
                # accounts too.
                for node in walk(table):
                    try:
                        name = node.get_name() or ""
                    except Exception:
                        continue
                    if name in expected:
                        found.add(name)
                    if name in ACCOUNT_NAMES.values():
                        names.add(name)
                if table is not None and len(found) >= 5 and newest_names <= names:
                    break
            time.sleep(0.5)

        tap(app is not None, "the window is on the accessibility bus",
            "dingdan exited early" if proc.poll() is not None else "not found in 90 s")
        tap(table is not None, "a screen reader finds the order table")
        tap(table is not None and (table.get_name() or "") != "",
            "the order table has an accessible name")
        tap(len(found) >= 5, "the sandbox's orders are rows of the table",
            f"found {len(found)} of the expected order ids")
        tap(bool(expected) and expected[0] in found, "the newest order is shown first",
            f"newest {expected[:1]}, found {sorted(found)[:10]}")
        tap(newest_names <= names and len(names) >= min(2, len(newest_names)),
            "the Account column names the accounts of the newest orders",
            f"expected {sorted(newest_names)}, shown {sorted(names)}")
    finally:
        stop(proc)
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
