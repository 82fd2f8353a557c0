#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Takes the metainfo's screenshots of `dingdan --sandbox` (build-aux/screenshots.sh
runs it under Xvfb in a private D-Bus session with the AT-SPI bus).

  screenshots.py DINGDAN DINGDAN_CLI OUT_DIR

Drives the app as the window tests do (tests/a11y.py, tests/panes.py) and
captures its window with ImageMagick's import, cropped to the window:
  orders.png   the main window with every shop's orders, in English
  detail.png   an order of the TOP shop shown in the pane
  cancel.png   the "Cancel Order?" dialog over the main window, a reason chosen
  zh-cn.png    the main window in Simplified Chinese, an order shown
Without a window manager a dialog opens at the screen's corner: it is moved
(xdotool) to where GNOME puts it, centred near the top of its parent.
Which orders: `dingdan-cli --sandbox orders --format json` (same seed)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))

import gi  # noqa: E402

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (click, dialog, has_state, press_sym, start,  # noqa: E402
                  wait_app, wait_for, walk, window_env)
from panes import STATUS, main_window, pane_shows, press_button, table_rows  # noqa: E402

KEY_TAB, KEY_RETURN, KEY_DOWN, KEY_SPACE = 0xff09, 0xff0d, 0xff54, 0x20
ASK = "Cancel Order?"
SETTLE = 2.5  # seconds for the window to draw what it was asked to show


def say(text):
    print(f"screenshots: {text}", flush=True)


def pick_orders(cli, env):
    """The TOP shop's orders to show: ({paid order id: its number of
    lines}, [unpaid order ids])."""
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=300, check=True)
    orders = [o for o in json.loads(out.stdout) if o["account"] == "sandbox-top"]
    paid = {o["order_id"]: len(o["lines"]) for o in orders
            if o["status"] in ("to-ship", "shipped")}
    unpaid = [o["order_id"] for o in orders if o["status"] == "unpaid"]
    return paid, unpaid


def show_one_of(app, proc, ranked):
    """Clicks the row of the best order of ranked ({order id: rank}) that
    the full list shows without scrolling (searching for the best one when
    none is in sight); the order id shown."""
    visible = [r[1] for r in table_rows(app) if r[1] in ranked]
    order_id = max(visible, key=lambda oid: ranked[oid]) if visible else \
        max(ranked, key=lambda oid: ranked[oid])
    if not visible:
        search(app, proc, order_id)
    show_row(app, proc, order_id)
    if not wait_for(lambda: pane_shows(app, order_id), 20, proc):
        raise RuntimeError(f"the pane does not show {order_id}")
    return order_id


def named_button(root, name):
    """The shown push button named name (GTK 4.8 names a button with a
    mnemonic "_Name Name")."""
    found = []
    for node in walk(root):
        try:
            label = (node.get_name() or "").replace("_", "")
            if node.get_role() == Atspi.Role.PUSH_BUTTON and label in (name, f"{name} {name}"):
                found.append(node)
        except Exception:
            continue
    shown = [n for n in found if has_state(n, Atspi.StateType.SHOWING)]
    return (shown or found or [None])[0]


def extents(window):
    ext = window.get_extents(Atspi.CoordType.SCREEN)
    return ext.x, ext.y, ext.width, ext.height


def capture(window, path):
    """The screen's pixels under window (and whatever is on top of it)."""
    time.sleep(SETTLE)
    x, y, w, h = extents(window)
    subprocess.run(["import", "-window", "root", "-crop", f"{w}x{h}+{x}+{y}", "+repage",
                    path], check=True)
    say(f"{path}: {w}x{h}")


def wait_list(app, proc, least=20):
    """The main window once its order table lists least rows and the count
    stopped changing (the first sync is over): no English name needed."""
    counts = []

    def settled():
        counts.append(len(table_rows(app)))
        return len(counts) >= 4 and counts[-1] >= least and len(set(counts[-4:])) == 1
    if not wait_for(settled, 120, proc):
        raise RuntimeError(f"the order list did not fill: {counts[-5:]}")
    return main_window(app)


def show_row(app, proc, order_id=None, index=3):
    """Clicks the row of order_id (or the index-th row) in the table as it
    is; returns the order id shown."""
    def row():
        rows = table_rows(app)
        if order_id is None:
            return rows[index] if len(rows) > index else None
        return next((r for r in rows if r[1] == order_id), None)
    found = wait_for(row, 20, proc)
    if found is None:
        raise RuntimeError(f"no row for {order_id or index}")
    click(found[0].get_child_at_index(STATUS))
    return found[1]


def search(app, proc, text):
    entry = next((n for n in walk(main_window(app)) if n.get_role() in
                  (Atspi.Role.ENTRY, Atspi.Role.TEXT) and n.get_name() == "Search orders"), None)
    if entry is None:
        raise RuntimeError("no search entry")
    entry.get_editable_text_iface().set_text_contents(text)
    wait_for(lambda: any(r[1] == text for r in table_rows(app)), 30, proc)


def centre_dialog(parent, title):
    """Moves the X window titled title to where GNOME puts a modal dialog:
    centred on its parent, a little below the parent's header bar."""
    ids = subprocess.run(["xdotool", "search", "--name", f"^{re.escape(title)}$"],
                         capture_output=True, text=True).stdout.split()
    if not ids:
        say(f"no X window titled {title!r}: left where it is")
        return
    px, py, pw, ph = extents(parent)
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", ids[-1]],
                              capture_output=True, text=True).stdout
    values = dict(line.split("=", 1) for line in geometry.split() if "=" in line)
    w, h = int(values.get("WIDTH", 400)), int(values.get("HEIGHT", 300))
    x = px + max(0, (pw - w) // 2)
    y = py + max(0, min(96, ph - h))
    subprocess.run(["xdotool", "windowmove", ids[-1], str(x), str(y)], check=True)


def stop(proc):
    proc.terminate()
    try:
        proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()


def session(gui, lang, home):
    """Starts `dingdan --sandbox` in lang; (process, its accessible)."""
    env = window_env(home, debug=False)
    env["LANGUAGE"] = lang.split(".")[0]
    env["LANG"] = env["LC_ALL"] = lang
    proc = start(gui, env)
    app = wait_app(proc)
    if app is None:
        raise RuntimeError(f"dingdan ({lang}) is not on the accessibility bus")
    return proc, app


def english(gui, cli, out, home):
    paid, unpaid = pick_orders(cli, window_env(os.path.join(home, "cli"), debug=False))
    proc, app = session(gui, "en_US.UTF-8", os.path.join(home, "en"))
    try:
        window = wait_list(app, proc)
        time.sleep(5)  # the sync's toast goes
        capture(window, os.path.join(out, "orders.png"))

        show_one_of(app, proc, paid)
        capture(main_window(app), os.path.join(out, "detail.png"))

        show_one_of(app, proc, {oid: -i for i, oid in enumerate(unpaid)})
        opener = wait_for(lambda: (lambda b: b if b is not None and has_state(
            b, Atspi.StateType.SENSITIVE) else None)(
                named_button(main_window(app), "Cancel Order…")), 20, proc)
        if opener is None or not press_button(opener):
            raise RuntimeError("no Cancel Order… button")
        ask = wait_for(lambda: dialog(app, ASK), 20, proc)
        if ask is None:
            raise RuntimeError("the Cancel Order? dialog did not open")
        time.sleep(1)
        # A reason, from the keyboard: Shift+Tab twice from Keep Order, Space, Down, Enter.
        for _ in range(2):
            press_sym(KEY_TAB, shift=True)
            time.sleep(0.3)
        press_sym(KEY_SPACE)
        time.sleep(1)
        press_sym(KEY_DOWN)
        time.sleep(0.3)
        press_sym(KEY_RETURN)
        time.sleep(0.5)
        window = main_window(app)
        if window is None:
            windows = [(w.get_name(), w.get_role_name(), has_state(w, Atspi.StateType.VISIBLE))
                       for w in (app.get_child_at_index(i) for i in range(app.get_child_count()))]
            raise RuntimeError(f"no main window; the app's windows: {windows}")
        centre_dialog(window, ASK)
        capture(window, os.path.join(out, "cancel.png"))
    finally:
        stop(proc)
    return paid


def chinese(gui, out, home, paid):
    proc, app = session(gui, "zh_CN.UTF-8", os.path.join(home, "zh"))
    try:
        wait_list(app, proc)
        time.sleep(5)  # the sync's toast goes
        visible = [r[1] for r in table_rows(app) if r[1] in paid]
        show_row(app, proc, max(visible, key=lambda oid: paid[oid]) if visible else None)
        capture(main_window(app), os.path.join(out, "zh-cn.png"))
    finally:
        stop(proc)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    gui, cli, out = argv[1:]
    if not os.environ.get("DISPLAY") or shutil.which("import") is None:
        print("screenshots: needs an X display and ImageMagick's import", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    home = tempfile.mkdtemp(prefix="dingdan-shots-")
    try:
        paid = english(gui, cli, out, home)
        chinese(gui, out, home, paid)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
