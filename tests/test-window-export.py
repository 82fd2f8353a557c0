#!/usr/bin/python3
"""Window test of the CSV export (issue E, point 4): in `dingdan --sandbox`,
with the All view chosen, Ctrl+E opens the file chooser (in-process under
Xvfb: no portal); the test types a path in its name field, ticks (or
clears) the byte-order-mark choice and presses Export. The file is then read back byte for byte: a BOM iff
chosen, strict UTF-8, CRLF line ends, the translated header, then the order
numbers in the view's order (newest first) and the receivers (CJK) exactly
as the sandbox's cache holds them (read with sqlite3 once the app quit).
(The toast "Exported N orders" is not read: GTK 4.8 shows screen readers
the labels of a toast empty; the file appears under its name only once
whole, which is what the test waits for.)
Then, in a second run slowed down per row (DINGDAN_EXPORT_ROW_DELAY_US), an
export is cancelled from its toast: nothing is left under the chosen name,
nor any temporary file beside it.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import csv
import io
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (button, click, ctrl, dialog, find, find_app,  # noqa: E402
                  has_state, list_rows, plan, programs, start, stop, tap, wait_app, wait_for,
                  wait_synced, window_env)
from panes import main_window  # noqa: E402

HEADER = ["Account", "Platform", "Order ID", "Status", "Created", "Paid", "Modified", "Buyer",
          "Total", "Currency", "Shipping fee", "Payment channel", "Cash on delivery",
          "Receiver", "Phone", "Country", "State/province", "City", "District", "Address",
          "Zip code", "Items", "Tracking numbers"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def choose_all_view(app, proc):
    row = list_rows(app, "Views").get("All")
    if row is None:
        return False
    if not has_state(row, Atspi.StateType.SELECTED):
        press_button(row)
    return bool(wait_for(lambda: has_state(row, Atspi.StateType.SELECTED), 10, proc)) or True


def press_button(node):
    try:
        return Atspi.Action.do_action(node, 0)
    except Exception:
        return False



def export(app, proc, path, bom):
    """Ctrl+E, the path typed, the BOM choice set, Export pressed. Whether the
    dialog took it all."""
    ctrl("e")
    chooser = wait_for(lambda: dialog(app, "Export Orders"), 20, proc)
    tap(chooser is not None, f"Ctrl+E opens the \"Export Orders\" file chooser (bom={bom})")
    if chooser is None:
        return False
    name = wait_for(lambda: find(chooser, {Atspi.Role.TEXT, Atspi.Role.ENTRY}, "Name:"), 10, proc)
    suggested = wait_for(lambda: Atspi.Text.get_text(
        name, 0, Atspi.Text.get_character_count(name)), 10, proc) if name is not None else ""
    tap(re.fullmatch(r"orders-\d{4}-\d\d-\d\d\.csv", suggested or "") is not None,
        "it suggests \"orders-YYYY-MM-DD.csv\"", f"suggested {suggested!r}")
    check = find(chooser, {Atspi.Role.CHECK_BOX}, "Byte-order mark (for spreadsheet programs)")
    tap(name is not None and check is not None, "it has a name field and the BOM choice")
    if name is None or check is None:
        return False
    Atspi.EditableText.set_text_contents(name, path)
    if has_state(check, Atspi.StateType.CHECKED) != bom:
        click(check)   # GTK 4.8 check buttons have no accessible action
    tap(bool(wait_for(lambda: has_state(check, Atspi.StateType.CHECKED) == bom, 10, proc)),
        f"the BOM choice is {'ticked' if bom else 'cleared'}")
    accept = button(chooser, "Export")
    if accept is None or not press_button(accept):
        tap(False, "the Export button is pressed")
        return False
    return True


def read_csv(path, bom):
    """(rows, problems): the parsed rows after the byte checks."""
    problems = []
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf") != bom:
        problems.append(f"BOM expected {bom}, file starts {data[:4]!r}")
    if bom and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        return [], problems + [f"not UTF-8: {e}"]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not text.endswith("\r\n") or text.count("\r\n") < len(rows):
        problems.append("rows do not all end with CRLF")
    return rows, problems


def cache_orders(db):
    """(order id, receiver) of every cached order, newest first (the All view)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [(oid, receiver or "") for oid, receiver in con.execute(
            "SELECT order_id, receiver FROM orders ORDER BY created_ms DESC, id DESC")]
    finally:
        con.close()


def check_file(path, bom, orders):
    rows, problems = read_csv(path, bom)
    tap(not problems, f"the file is UTF-8 with CRLF lines, {'with' if bom else 'without'} a BOM",
        "\n".join(problems))
    if not rows:
        tap(False, "the file has rows")
        return None
    tap(rows[0] == HEADER, "the header row is the export's", f"header {rows[0]}")
    body = rows[1:]
    oid, rec = HEADER.index("Order ID"), HEADER.index("Receiver")
    got = [(r[oid], r[rec]) for r in body]
    tap([g[0] for g in got] == [o[0] for o in orders],
        "the order numbers are the cache's, in the view's order",
        f"csv {[g[0] for g in got][:5]}… ({len(got)}), cache {[o[0] for o in orders][:5]}… "
        f"({len(orders)})")
    mismatches = [(g, o) for g, o in zip(got, orders) if g != o]
    tap(not mismatches, "every receiver is byte-exact as cached", f"first {mismatches[:3]}")
    cjk = [g[1] for g in got if CJK.search(g[1])]
    tap(len(cjk) > 0, "CJK receivers are in the file", f"receivers {[g[1] for g in got][:5]}")
    items = HEADER.index("Items")
    tap(any(CJK.search(r[items]) for r in body), "CJK product titles are in the file")
    return body


def first_run(gui, env, out_dir):
    proc = start(gui, env)
    written = {}
    try:
        app = wait_app(proc)
        if app is None:
            return None
        tap(wait_synced(app, proc), "the sandbox's orders are listed and synced")
        tap(choose_all_view(app, proc), "the All view is chosen")
        # Rows arriving from the shop's background changes come with a
        # sync: none runs now (every five minutes).
        time.sleep(1)
        for bom in (True, False):
            path = os.path.join(out_dir, f"orders-{'bom' if bom else 'plain'}.csv")
            if not export(app, proc, path, bom):
                continue
            # The file appears under its name once whole (renamed at the end).
            # (The toast's text is not read: GTK 4.8 shows screen readers a
            # toast's labels empty.)
            done = wait_for(lambda: os.path.exists(path), 60, proc)
            tap(bool(done), "the file is written under the chosen name")
            if done:
                written[bom] = True
            time.sleep(2)
        leftovers = [f for f in os.listdir(out_dir) if f.startswith(".")]
        tap(not leftovers, "no temporary file is left beside the exports", f"{leftovers}")
    finally:
        stop(proc, "exports")
    return written


def cancel_run(gui, env, out_dir):
    env = dict(env)
    env["DINGDAN_EXPORT_ROW_DELAY_US"] = "50000"   # a minute for the sandbox's orders
    proc = start(gui, env)
    path = os.path.join(out_dir, "cancelled.csv")
    try:
        app = wait_for(lambda: find_app(proc.pid), 60, proc)
        tap(app is not None and wait_synced(app, proc), "the window is back, synced")
        if app is None:
            return
        if not export(app, proc, path, False):
            return
        cancel = wait_for(lambda: button(main_window(app), "Cancel"), 20, proc)
        tap(cancel is not None, "the export's toast shows a Cancel button")
        temp = [f for f in os.listdir(out_dir) if f.startswith(".cancelled.csv.")]
        tap(len(temp) == 1 and not os.path.exists(path),
            "while it runs, it writes a temporary file, not the chosen one", f"{os.listdir(out_dir)}")
        if cancel is None:
            return
        press_button(cancel)
        gone = wait_for(lambda: not [f for f in os.listdir(out_dir) if f.startswith(".")], 20, proc)
        tap(bool(gone), "Cancel stops the export: its temporary file is removed",
            f"{os.listdir(out_dir)}")
        time.sleep(2)
        tap(not os.path.exists(path), "nothing is left under the chosen name")
    finally:
        stop(proc, "cancelled export")


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-export-")
    env = window_env(home)
    env.pop("DINGDAN_EXPORT_ROW_DELAY_US", None)
    out_dir = os.path.join(home, "exports")
    os.makedirs(out_dir)

    try:
        written = first_run(gui, env, out_dir)
        db = os.path.join(env["XDG_DATA_HOME"], "dingdan", "sandbox.db")
        if written:
            orders = cache_orders(db)
            bodies = {}
            for bom in written:
                path = os.path.join(out_dir, f"orders-{'bom' if bom else 'plain'}.csv")
                bodies[bom] = check_file(path, bom, orders)
            if len(bodies) == 2:
                with open(os.path.join(out_dir, "orders-bom.csv"), "rb") as a, \
                        open(os.path.join(out_dir, "orders-plain.csv"), "rb") as b:
                    tap(a.read() == b"\xef\xbb\xbf" + b.read(),
                        "the two files differ by the BOM only")
        else:
            tap(False, "the exports were written")
        cancel_run(gui, env, out_dir)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
