#!/usr/bin/python3
"""Window test of cancelling orders: in `dingdan --sandbox`, a screen reader
user shows an unpaid order of the sandbox's Taobao shop and presses "Cancel
Order…": the dialog's default is Keep Order (Enter closes it, sending
nothing), Escape keeps the order too; a reason chosen from the keyboard and
"Cancel Order" pressed, the dialog says the order is cancelled, the list's
Status cell and the pane read "Closed" and the pane's history lists the
cancel. "Cancel Order" pressed twice at once on another order sends one
request (one entry in the cache's action_log). A paid order: "Cancel
Order…" explains that refunds go through after-sale, and nothing is sent.
Then the app starts again with DINGDAN_SANDBOX_FAULTS making the next
taobao.trade.close time out after the sandbox applied it
(DINGDAN_HTTP_TIMEOUT_SECONDS=1): the dialog ends saying the order IS
closed, read back from the platform, and the log says so.
Which orders: `dingdan-cli --sandbox orders --format json` (same seed), the
oldest ones (TOP refuses a close in an order's first ten seconds). The log
is read with sqlite3 from $XDG_DATA_HOME/dingdan/sandbox.db.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import json
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (dialog, has_state, plan, press_sym, programs, start, stop, tap,  # noqa: E402
                  wait_app, wait_for, wait_synced, walk, window_env)
from panes import (buttons, labels, log_entries, main_window, pane_shows,  # noqa: E402
                   pane_status, press_button, show_order, status_cell, table_rows)

KEY_TAB, KEY_RETURN, KEY_ESCAPE, KEY_DOWN, KEY_SPACE = 0xff09, 0xff0d, 0xff1b, 0xff54, 0x20
ACCOUNT_ID = "sandbox-top"
ASK = "Cancel Order?"
DONE = "Order Cancelled"
REFUSED = "This Order Cannot Be Cancelled"


def named_button(root, name):
    """The push button named name (a response button is named "_Name Name"
    too), a shown one first (a dialog has its buttons twice, one row
    hidden)."""
    found = []
    for node in walk(root):
        try:
            label = node.get_name() or ""
            if node.get_role() == Atspi.Role.PUSH_BUTTON and \
                    (label == name or
                     (label.endswith(" " + name) and label[:-len(name) - 1].replace("_", "") == name)):
                found.append(node)
        except Exception:
            continue
    shown = [n for n in found if has_state(n, Atspi.StateType.SHOWING)]
    return (shown or found or [None])[0]


def pick_orders(cli, env):
    """(unpaid order ids, oldest first; a paid order id) of the TOP shop."""
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=180)
    orders = [o for o in json.loads(out.stdout) if o["account"] == ACCOUNT_ID]
    orders.sort(key=lambda o: o["created"])
    unpaid = [o["order_id"] for o in orders if o["status"] == "unpaid"]
    paid = next(o["order_id"] for o in orders if o["status"] == "to-ship")
    return unpaid, paid


def open_cancel(app, proc):
    """Presses the pane's "Cancel Order…"; the dialog asking, or None."""
    opener = wait_for(lambda: (lambda b: b if b is not None and
                               has_state(b, Atspi.StateType.SENSITIVE) else None)(
        named_button(main_window(app), "Cancel Order…")), 20, proc)
    if opener is None or not press_button(opener):
        return None
    return wait_for(lambda: dialog(app, ASK), 20, proc)


def choose_reason(ask, proc):
    """From Keep Order (the focus): Shift+Tab twice to the reasons, Space
    opens them, Down to the first reason, Enter. Whether Cancel Order is
    enabled then."""
    confirm = named_button(ask, "Cancel Order")
    for _ in range(2):
        press_sym(KEY_TAB, shift=True)
        time.sleep(0.3)
    press_sym(KEY_SPACE)
    time.sleep(1)
    press_sym(KEY_DOWN)
    time.sleep(0.3)
    press_sym(KEY_RETURN)
    return confirm is not None and \
        bool(wait_for(lambda: has_state(confirm, Atspi.StateType.SENSITIVE), 10, proc))


def ended(app, proc, timeout=60):
    """The dialog once it said how the cancel ended: (window, heading)."""
    def done():
        for heading in (DONE, "Order Not Cancelled", "Outcome Unknown"):
            window = dialog(app, heading)
            if window is not None:
                return window, heading
        return None
    return wait_for(done, timeout, proc) or (None, None)


def close_dialog(app, proc, window, name):
    """Presses Close; whether the dialog went."""
    button = named_button(window, "Close")
    if button is None or not press_button(button):
        return False
    return bool(wait_for(lambda: dialog(app, name) is None, 10, proc))


def cancel_unpaid(app, proc, env, order_id):
    tap(show_order(app, proc, order_id), f"a search and a click show unpaid order {order_id}")

    ask = open_cancel(app, proc)
    tap(ask is not None, "\"Cancel Order…\" opens the \"Cancel Order?\" dialog", buttons(app))
    if ask is None:
        return
    tap(order_id in " ".join(labels(ask)), "the dialog names the order", labels(ask))
    confirm = named_button(ask, "Cancel Order")
    tap(confirm is not None and not has_state(confirm, Atspi.StateType.SENSITIVE),
        "\"Cancel Order\" is disabled until a reason is chosen")

    # The default is Keep Order: Enter keeps the order.
    time.sleep(1)
    press_sym(KEY_RETURN)
    tap(bool(wait_for(lambda: dialog(app, ASK) is None, 10, proc)),
        "Enter (the default response) closes the dialog")
    tap(log_entries(env, ACCOUNT_ID, order_id) == [], "Enter sent nothing (no action log entry)",
        log_entries(env, ACCOUNT_ID, order_id))

    ask = open_cancel(app, proc)
    tap(ask is not None, "the dialog opens again")
    if ask is None:
        return
    time.sleep(1)
    press_sym(KEY_ESCAPE)
    tap(bool(wait_for(lambda: dialog(app, ASK) is None, 10, proc)), "Escape closes it too")
    tap(log_entries(env, ACCOUNT_ID, order_id) == [] and status_cell(app, order_id) == "Unpaid",
        "nothing was sent: no log entry, the order still unpaid",
        (log_entries(env, ACCOUNT_ID, order_id), status_cell(app, order_id)))

    ask = open_cancel(app, proc)
    if ask is None:
        tap(False, "the dialog opens a third time")
        return
    time.sleep(1)
    tap(choose_reason(ask, proc), "a reason chosen from the keyboard enables \"Cancel Order\"")
    confirm = named_button(ask, "Cancel Order")
    tap(confirm is not None and press_button(confirm), "\"Cancel Order\" is pressed")

    window, heading = ended(app, proc)
    tap(heading == DONE, "the dialog says the order is cancelled",
        f"heading {heading!r}, texts {labels(window) if window is not None else None}")
    if window is not None:
        tap(any("closed" in t for t in labels(window)), "its text says the order is closed",
            labels(window))
        tap(named_button(window, "Try Again") is None or
            not has_state(named_button(window, "Try Again"), Atspi.StateType.SHOWING),
            "no Try Again after a cancel that worked")
        tap(close_dialog(app, proc, window, heading), "Close closes the dialog")

    tap(bool(wait_for(lambda: status_cell(app, order_id) == "Closed", 20, proc)),
        "the row's Status cell reads \"Closed\"", status_cell(app, order_id))
    tap(bool(wait_for(lambda: pane_status(app, order_id) == "Closed", 20, proc)),
        "the pane reads \"Closed\"", pane_status(app, order_id))
    tap(bool(wait_for(lambda: pane_shows(app, "History") and pane_shows(app, "Cancel order"),
                      20, proc)),
        "the pane's history lists the cancel", labels(main_window(app)))
    entries = log_entries(env, ACCOUNT_ID, order_id)
    tap(entries == [("cancel", "done")], "the action log holds one finished cancel", entries)
    opener = named_button(main_window(app), "Cancel Order…")
    tap(opener is not None and not has_state(opener, Atspi.StateType.SENSITIVE),
        "a closed order cannot be cancelled again (the button is off)")


def double_press(app, proc, env, order_id):
    tap(show_order(app, proc, order_id), f"unpaid order {order_id} is shown")
    ask = open_cancel(app, proc)
    if ask is None:
        tap(False, "the dialog opens")
        return
    time.sleep(1)
    tap(choose_reason(ask, proc), "a reason is chosen")
    confirm = named_button(ask, "Cancel Order")
    first = confirm is not None and press_button(confirm)
    second = confirm is not None and press_button(confirm)
    tap(first, "\"Cancel Order\" is pressed twice at once", f"second press answered {second}")
    window, heading = ended(app, proc)
    tap(heading == DONE, "the dialog says the order is cancelled", heading)
    if window is not None:
        close_dialog(app, proc, window, heading)
    time.sleep(1)
    entries = log_entries(env, ACCOUNT_ID, order_id)
    tap(entries == [("cancel", "done")], "one request was sent: one entry in the action log",
        entries)


def paid_refused(app, proc, env, order_id):
    tap(show_order(app, proc, order_id), f"paid order {order_id} is shown")
    opener = named_button(main_window(app), "Cancel Order…")
    tap(opener is not None and has_state(opener, Atspi.StateType.SENSITIVE),
        "\"Cancel Order…\" stays enabled on a paid order, to explain", buttons(app))
    if opener is None or not press_button(opener):
        return
    why = wait_for(lambda: dialog(app, REFUSED), 20, proc)
    texts = " ".join(labels(why)) if why is not None else ""
    tap(why is not None and dialog(app, ASK) is None,
        "it explains instead of opening the cancel dialog")
    tap("after-sale" in texts.lower() or "refund" in texts.lower(),
        "the explanation points to refunds / after-sale", texts)
    if why is not None:
        tap(close_dialog(app, proc, why, REFUSED), "Close closes the explanation")
    tap(log_entries(env, ACCOUNT_ID, order_id) == [] and status_cell(app, order_id) == "To ship",
        "nothing was sent: no log entry, the order still to ship",
        (log_entries(env, ACCOUNT_ID, order_id), status_cell(app, order_id)))


def first_run(gui, env, unpaid, paid):
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return
        tap(wait_synced(app, proc, table_rows), "the sandbox's orders are listed and synced")
        cancel_unpaid(app, proc, env, unpaid[0])
        double_press(app, proc, env, unpaid[1])
        paid_refused(app, proc, env, paid)
    finally:
        stop(proc, "first run")


def fault_run(gui, env, order_id):
    env = dict(env)
    env["DINGDAN_SANDBOX_FAULTS"] = "taobao.trade.close=timeout-after@3000"
    env["DINGDAN_HTTP_TIMEOUT_SECONDS"] = "1"
    env["DINGDAN_ACTION_READ_BACK_MS"] = "200,800,8000"
    proc = start(gui, env)
    try:
        app = wait_app(proc, "the window is on the accessibility bus (timeout-after fault)")
        if app is None:
            return
        tap(wait_synced(app, proc, table_rows), "the orders are listed and synced again")
        tap(show_order(app, proc, order_id), f"unpaid order {order_id} is shown")
        ask = open_cancel(app, proc)
        if ask is None:
            tap(False, "the dialog opens")
            return
        time.sleep(1)
        tap(choose_reason(ask, proc), "a reason is chosen")
        confirm = named_button(ask, "Cancel Order")
        tap(confirm is not None and press_button(confirm), "\"Cancel Order\" is pressed")
        window, heading = ended(app, proc, 90)
        texts = labels(window) if window is not None else []
        tap(heading == DONE and any("closed" in t for t in texts),
            "after the timeout, the dialog says the order IS closed", (heading, texts))
        if window is not None:
            close_dialog(app, proc, window, heading)
        tap(bool(wait_for(lambda: status_cell(app, order_id) == "Closed", 20, proc)),
            "the row's Status cell reads \"Closed\"", status_cell(app, order_id))
        tap(bool(wait_for(lambda: pane_status(app, order_id) == "Closed", 20, proc)),
            "the pane reads \"Closed\"", pane_status(app, order_id))
        entries = log_entries(env, ACCOUNT_ID, order_id)
        tap(entries == [("cancel", "confirmed-by-read-back")],
            "one cancel sent, confirmed by reading the order back", entries)
    finally:
        stop(proc, "fault run")


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found

    home = tempfile.mkdtemp(prefix="dingdan-window-cancel-")
    env = window_env(home)

    try:
        unpaid, paid = pick_orders(cli, env)
        tap(len(unpaid) >= 3, "the sandbox's Taobao shop has three unpaid orders", unpaid)
        if len(unpaid) >= 3:
            print(f"# unpaid {unpaid[:3]}, paid {paid}", flush=True)
            first_run(gui, env, unpaid, paid)
            fault_run(gui, env, unpaid[2])
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
