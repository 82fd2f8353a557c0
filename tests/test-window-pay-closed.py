#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Window test of a pay dialog closed while it runs: in `dingdan --sandbox`
with DINGDAN_SANDBOX_FAULTS resetting /open/order/pay before the sandbox
applies it, a screen reader user shows an unpaid PandaPon order, opens the
Action Log window (empty), presses "Pay…", "Pay from balance", the pay button,
and at once Cancel: the dialog goes while the payment runs. Once its outcome
is known (nothing was paid), the main window says so in a toast, and the
Action Log window, never reloaded by hand, lists the failed payment.
Shares the helpers of test-window-pay.py. Prints TAP."""

import importlib
import os
import shutil
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (has_state, plan, programs, stop, tap, wait_for, walk,  # noqa: E402
                  window_env)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
pay_test = importlib.import_module("test-window-pay")

SAID_NOTHING = "nothing was done"


def saying(app, text):
    """The labels of the main window holding text: [(parent role, name)]."""
    window = pay_test.main_window(app)
    found = []
    if window is None:
        return found
    for node in walk(window):
        try:
            if node.get_role() == Atspi.Role.LABEL and text in (node.get_name() or ""):
                parent = node.get_parent()
                found.append((parent.get_role_name() if parent is not None else None, node.get_name()))
        except Exception:
            continue
    return found


def toast_says(app, text):
    """The toast's label holding text, or None: the pane's history says it
    too, after the entry's time ("2026-11-23 04:58 · Failed · …"); the toast
    says only the message."""
    return next((name for _, name in saying(app, text) if name.startswith("The ")), None)


def closed_run(gui, env, order):
    order_id = order["order_id"]
    proc, app = pay_test.fault_start(gui, env, "/open/order/pay=reset-before", "reset-before fault")
    try:
        if app is None:
            return
        tap(pay_test.show_order(app, proc, order_id), f"unpaid order {order_id} is shown")
        log = pay_test.open_action_log(app, proc)
        tap(log is not None, "the Action Log window opens from the main menu")
        if log is None:
            return
        tap(pay_test.log_rows(log) == [], "the Action Log lists nothing yet", pay_test.log_rows(log))

        pay = pay_test.open_pay(app, proc)
        if pay is None:
            tap(False, "the pay dialog opens", pay_test.buttons(app))
            return
        tap(pay_test.choose_balance(pay, proc), "\"Pay from balance\" is chosen")
        tap(pay_test.pay_balance(app, proc, pay), "the pay button is pressed")
        cancel = pay_test.named_button(pay, "Cancel")
        tap(cancel is not None and pay_test.press_button(cancel),
            "Cancel is pressed while the payment runs")
        tap(bool(wait_for(lambda: pay_test.dialog(app, pay_test.TITLE) is None or
                          not has_state(pay_test.dialog(app, pay_test.TITLE), Atspi.StateType.VISIBLE),
                          10, proc)),
            "the dialog goes at once")

        said = wait_for(lambda: toast_says(app, SAID_NOTHING), 90, proc)
        tap(said is not None, "the main window says, in a toast, that nothing was paid",
            saying(app, SAID_NOTHING))
        entries = pay_test.log_entries(env, pay_test.ACCOUNT_ID, order_id)
        tap(entries == [("pay-balance", "failed")], "one failed payment logged", entries)

        rows = wait_for(lambda: (lambda r: r if r == [[order_id, pay_test.BALANCE, "Failed"]] else None)(
            pay_test.log_rows(log)), 20, proc)
        tap(rows is not None, "the open Action Log lists the failed payment without a reload",
            pay_test.log_rows(log))
        time.sleep(1)
    finally:
        stop(proc, "reset-before fault")


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found

    home = tempfile.mkdtemp(prefix="dingdan-window-pay-closed-")
    env = window_env(home)

    try:
        orders = pay_test.pick_orders(cli, env)
        tap(len(orders) >= 1, "the sandbox's PandaPon account has an unpaid Taobao-goods order",
            [o["order_id"] for o in orders])
        if orders:
            closed_run(gui, env, orders[0])
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
