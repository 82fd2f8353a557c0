#!/usr/bin/python3
"""Window test of hostile strings (issue H): the sandbox in hostile mode
($DINGDAN_SANDBOX_HOSTILE=1) serves one order in five of every platform with
Pango markup, bidi overrides, control characters, "\\u0000", lone
surrogates, raw invalid UTF-8 and spreadsheet formula starts in every
displayed field, and one order per platform with a name of over 1 MiB.

First `dingdan-cli --sandbox orders` in JSON and CSV: the JSON parses, no raw
ESC or NUL byte in either, every formula cell of the CSV starts with "'",
and exactly the hostile orders (the sandbox's rule: FNV-1a of the id,
modulo 5) carry the hostile text. Then `dingdan --sandbox`: the list's Buyer
cells read the markup as characters ("<b>bold</b>"); one hostile order and
the 1 MB order of each platform are selected, and the pane shows them (the
1 MB one's time is printed); the cancel dialog of a hostile unpaid order
names the buyer between FSI and PDI; a note full of markup is saved and
shown as it was typed. The app runs with fatal warnings (a Pango markup
error is one): it must still be alive at the end and quit cleanly.
Runs under Xvfb in a private D-Bus session (build-aux/window-session.sh).
Prints TAP."""

import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TEXT_ROLES, cell_text, click, dialog, find, has_state, plan,  # noqa: E402
                  press, press_sym, programs, start, stop, tap, wait_app, wait_for,
                  wait_synced, window_env)
from panes import (BUYER, ORDER, labels, main_window, named, pane_shows,  # noqa: E402
                   press_button, table_rows)

KEY_ESCAPE, KEY_RETURN = 0xff1b, 0xff0d
MARK = "<b>bold</b>"
FSI, PDI = "\u2068", "\u2069"
NOTE = "<i>note &bogus; <span size=\"xx-large\">"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def fnv1a(text):
    value = 2166136261
    for byte in text.encode():
        value = ((value ^ byte) * 16777619) & 0xffffffff
    return value


def is_hostile(order_id):
    """The sandbox's rule (dd_sandbox_is_hostile_order())."""
    return fnv1a(order_id) % 5 == 0


def order_text(order):
    return json.dumps(order, ensure_ascii=False)


def is_number(cell):
    body = cell[1:] if cell[:1] in "+-" else cell
    return body.replace(".", "", 1).isdigit()


def check_cli(cli, env):
    """The CLI's JSON and CSV; the parsed orders (or [])."""
    runs = {}
    started = time.monotonic()
    # Both at once: each syncs its own temporary cache.
    procs = {fmt: subprocess.Popen([cli, "--sandbox", "orders", "--format", fmt], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for fmt in ("json", "csv")}
    for fmt, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=900)  # minutes under the sanitizers
        runs[fmt] = stdout
        tap(proc.returncode == 0, f"dingdan-cli --sandbox orders --format {fmt} succeeds "
            f"({time.monotonic() - started:.1f} s)", stderr.decode(errors="replace")[-800:])
        tap(b"\x1b" not in stdout and b"\x00" not in stdout and b"\xc2\x9b" not in stdout,
            f"no raw ESC, NUL or CSI in the {fmt} output")
    try:
        orders = json.loads(runs["json"].decode("utf-8"))
    except ValueError as error:
        tap(False, "the JSON output parses", str(error))
        return []
    tap(isinstance(orders, list) and len(orders) > 0, "the JSON output parses", len(orders))

    wrong = [o["order_id"] for o in orders if (MARK in order_text(o)) != is_hostile(o["order_id"])]
    tap(not wrong, "exactly the hostile orders carry the hostile text", wrong[:10])
    accounts = sorted({o["account"] for o in orders if is_hostile(o["order_id"])})
    tap(len(accounts) >= 4, "every platform has hostile orders", accounts)

    csv.field_size_limit(1 << 30)
    rows = list(csv.reader(io.StringIO(runs["csv"].decode("utf-8"))))
    ids = {r[0] for r in rows[1:]}
    tap(ids == {o["order_id"] for o in orders}, "the CSV lists the same orders",
        len(ids ^ {o["order_id"] for o in orders}))
    formulas = [c[:30] for r in rows[1:] for c in r
                if c[:1] in FORMULA_STARTS and not is_number(c)]
    neutralised = sum(1 for r in rows[1:] for c in r if c[:2] in ("'=", "'+", "'-", "'@", "'\t", "'\r"))
    tap(not formulas and neutralised > 0, "every formula cell starts with \"'\"",
        (formulas[:5], neutralised))
    return orders


def pick(orders):
    """[(label, order)]: one hostile order with a hostile buyer or receiver
    and the 1 MB order of each account."""
    picks = []
    for account in sorted({o["account"] for o in orders}):
        mine = [o for o in orders if o["account"] == account and is_hostile(o["order_id"])]
        small = [o for o in mine if len(order_text(o)) < 100000 and
                 (MARK in o["buyer"] or MARK in o["receiver"])]
        big = [o for o in mine if len(order_text(o).encode()) > 1000000]
        if small:
            picks.append((f"{account} hostile", small[0]))
        if big:
            picks.append((f"{account} 1 MB", big[0]))
    return picks


def find_row(app, order_id):
    return next((r for r, oid, _ in table_rows(app) if oid == order_id), None)


def show(app, proc, order):
    """Searches for the order's number, checks its Buyer cell, clicks the
    row; (whether the pane shows it, seconds from the click)."""
    order_id = order["order_id"]
    entry = find(app, TEXT_ROLES, "Search orders")
    if entry is None:
        return False, 0
    entry.get_editable_text_iface().set_text_contents(order_id)
    row = wait_for(lambda: find_row(app, order_id), 40, proc)
    if row is None:
        return False, 0
    buyer = cell_text(row, BUYER)
    if MARK in order["buyer"]:
        tap(MARK in buyer, f"{order_id}: the Buyer cell reads the markup "
            "as characters", buyer[:200])
    started = time.monotonic()
    click(row.get_child_at_index(ORDER))
    shown = bool(wait_for(lambda: pane_shows(app, order_id), 40, proc))
    return shown, time.monotonic() - started


def pane_has(app, text):
    window = main_window(app)
    return window is not None and any(text in t for t in labels(window))


def check_cancel(app, proc, order):
    """The cancel dialog of a hostile unpaid order: the buyer isolated."""
    shown, _ = show(app, proc, order)
    tap(shown, f"unpaid hostile order {order['order_id']} is shown")
    opener = wait_for(lambda: (lambda b: b if b is not None and
                               has_state(b, Atspi.StateType.SENSITIVE) else None)(
        named(main_window(app), {Atspi.Role.PUSH_BUTTON}, "Cancel Order…")), 20, proc)
    if opener is None or not press_button(opener):
        tap(False, "\"Cancel Order…\" is pressed")
        return
    ask = wait_for(lambda: dialog(app, "Cancel Order?"), 20, proc)
    texts = labels(ask) if ask is not None else []
    body = next((t for t in texts if order["order_id"] in t), "")
    tap(FSI + order["buyer"][:200] in body and PDI + " for " in body,
        "the dialog's sentence names the buyer literally, between FSI and PDI", body[:300])
    time.sleep(1)
    press_sym(KEY_ESCAPE)
    tap(bool(wait_for(lambda: dialog(app, "Cancel Order?") is None, 10, proc)),
        "Escape closes the cancel dialog")


def check_note(app, proc, order):
    """A note of markup saved on the shown order reads back literally."""
    shown, _ = show(app, proc, order)
    if not shown:
        tap(False, "the order is shown for a note")
        return
    time.sleep(0.5)
    press("n")
    note = wait_for(lambda: dialog(app, "Note"), 20, proc)
    tap(note is not None, "n opens the Note dialog")
    if note is None:
        return
    entry = find(note, TEXT_ROLES)
    if entry is not None:
        entry.get_editable_text_iface().set_text_contents(NOTE)
    time.sleep(0.5)
    press_sym(KEY_RETURN)
    tap(bool(wait_for(lambda: dialog(app, "Note") is None, 10, proc)), "Enter saves the note")
    tap(bool(wait_for(lambda: pane_has(app, NOTE), 20, proc)),
        "the pane shows the note as typed, markup as characters")


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found

    home = tempfile.mkdtemp(prefix="dingdan-window-hostile-")
    env = window_env(home)
    env["DINGDAN_SANDBOX_HOSTILE"] = "1"

    try:
        orders = check_cli(cli, env)
        picks = pick(orders)
        tap(len(picks) >= 8, "a hostile and a 1 MB order of each platform",
            [label for label, _ in picks])
        proc = start(gui, env)
        try:
            app = wait_app(proc)
            if app is None:
                return plan()
            tap(wait_synced(app, proc, table_rows), "the orders are listed once synced")
            for label, order in picks:
                shown, seconds = show(app, proc, order)
                print(f"# {label} {order['order_id']}: shown in {seconds:.2f} s", flush=True)
                tap(shown, f"{label} order {order['order_id']} is selected and the pane shows it")
                if MARK in order["receiver"] and len(order["receiver"]) < 100000:
                    tap(pane_has(app, MARK), f"{label}: the pane shows the markup as characters")
            unpaid = [o for o in orders if o["account"] == "sandbox-top" and o["status"] == "unpaid"
                      and is_hostile(o["order_id"]) and MARK in o["buyer"]
                      and len(o["buyer"]) < 100000]
            if unpaid:
                check_cancel(app, proc, unpaid[0])
            else:
                tap(False, "a hostile unpaid TOP order to cancel")
            check_note(app, proc, picks[0][1])
            tap(proc.poll() is None, "dingdan is still running (no crash, no fatal warning)")
        finally:
            stop(proc)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
