#!/usr/bin/python3
"""Window test of paying orders: in `dingdan --sandbox`, a screen reader user
shows an unpaid Taobao-goods order of the sandbox's PandaPon account and
presses "Pay…": the dialog names the amount on its pay button ("Pay ¥198.00"),
which is not the default (Enter sends nothing); "Pay from balance" chosen and
the pay button pressed, the dialog says the order was paid, the list's Status
cell and the pane read "To ship", the pane's history and the Action Log
window list the one payment. Then the app starts again with
DINGDAN_SANDBOX_FAULTS making /open/order/pay time out after the sandbox
applied it (DINGDAN_HTTP_TIMEOUT_SECONDS=1, DINGDAN_ACTION_READ_BACK_MS):
another unpaid order ends paid, with exactly one pay request in the cache's
action_log, confirmed by reading the order back. Then once more with the
connection reset before the sandbox applied it: the dialog says nothing was
paid and offers Try Again; Try Again pays. In that same run, a 1688-goods
order (put into the cache beforehand by the pp-1688-order helper, argv[1]:
PandaPon lists no 1688 orders) is paid in the browser: the dialog offers
only that, shows the payment page's address (no browser opens under the
test), the test opens the address itself (the sandbox's page pays the
order), the dialog sees the order paid and the window reads it again into
the cache: the list and the pane read "To ship".
Which orders: `dingdan-cli --sandbox orders --format json` (same seed), the
oldest unpaid ones. The log is read with sqlite3 from
$XDG_DATA_HOME/dingdan/sandbox.db.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import decimal
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, cell_text, dialog, find, has_state, plan,  # noqa: E402
                  press_sym, programs, start, stop, tap, wait_app, wait_for, wait_synced, walk,
                  window_env)
from panes import (activate, buttons, labels, log_entries, main_window, pane_shows,  # noqa: E402
                   pane_status, press_button, show_order, status_cell, table_rows)

KEY_RETURN, KEY_ESCAPE = 0xff0d, 0xff1b
ACCOUNT_ID = "sandbox-pandapon"
TITLE = "Pay Order"
LOG_TITLE = "Action Log"
PAID = "To ship"
BALANCE = "Pay from balance"
SYMBOLS = {"CNY": "¥", "TWD": "NT$"}
# What the runner's dialog says (dd-action-runner.c).
SAID_PAID = "The order was paid from the account’s balance."
SAID_READ_BACK = "the order read back shows it was done"
SAID_NOTHING = "nothing was done"
MENU_ROLES = {Atspi.Role.MENU_ITEM, Atspi.Role.PUSH_BUTTON, Atspi.Role.CHECK_MENU_ITEM}
CHOICE_ROLES = {Atspi.Role.RADIO_BUTTON, Atspi.Role.CHECK_BOX, Atspi.Role.TOGGLE_BUTTON}


def allocated(node):
    """Whether node has room on screen (GTK 4.8 marks no widget but the
    window "showing"; a hidden widget is not allocated)."""
    try:
        ext = node.get_extents(Atspi.CoordType.WINDOW)
        return ext.width > 0 and ext.height > 0
    except Exception:
        return False


def shown_labels(root):
    """The labels under root that are on screen."""
    texts = []
    for node in walk(root):
        try:
            if node.get_role() == Atspi.Role.LABEL and has_state(node, Atspi.StateType.VISIBLE) \
                    and allocated(node):
                texts.append(node.get_name() or "")
        except Exception:
            continue
    return texts


def named(root, roles, name):
    """The accessible under root of one of roles named name ("_Name Name"
    too: GTK 4.8 names a mnemonic's button so), a shown one first."""
    found = []
    for node in walk(root):
        try:
            label = (node.get_name() or "").replace("_", "")
            if node.get_role() in roles and (label == name or label == f"{name} {name}"):
                found.append(node)
        except Exception:
            continue
    shown = [n for n in found if has_state(n, Atspi.StateType.VISIBLE) and allocated(n)]
    return (shown or found or [None])[0]


def named_button(root, name):
    return named(root, {Atspi.Role.PUSH_BUTTON}, name)


def pay_button(root):
    """The dialog's pay button (its name starts with "Pay "), or None."""
    for node in walk(root):
        try:
            if node.get_role() == Atspi.Role.PUSH_BUTTON and \
                    (node.get_name() or "").startswith("Pay "):
                return node
        except Exception:
            continue
    return None


def showing(node):
    return node is not None and has_state(node, Atspi.StateType.VISIBLE) and allocated(node)


def amount_text(order):
    """The amount as the dialog writes it: "¥198.00"."""
    total = decimal.Decimal(order["total"])
    return SYMBOLS.get(order["currency"], order["currency"] + " ") + f"{total:,.2f}"


def pick_orders(cli, env):
    """The unpaid orders of the PandaPon account's Taobao goods, oldest first."""
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=180)
    orders = [o for o in json.loads(out.stdout) if o["account"] == ACCOUNT_ID and
              o["status"] == "unpaid" and o["raw_status"] == "WAIT_BUYER_PAY" and
              not o["order_id"].startswith("1688-")]
    orders.sort(key=lambda o: o["created"])
    return orders


def open_pay(app, proc):
    """Presses the pane's "Pay…"; the pay dialog, or None."""
    opener = wait_for(lambda: (lambda b: b if b is not None and
                               has_state(b, Atspi.StateType.SENSITIVE) else None)(
        named_button(main_window(app), "Pay…")), 20, proc)
    if opener is None or not press_button(opener):
        return None
    return wait_for(lambda: dialog(app, TITLE), 20, proc)


def choose_balance(pay, proc):
    """Chooses "Pay from balance"; whether it is checked."""
    choice = named(pay, CHOICE_ROLES, BALANCE)
    if choice is None:
        return False
    if not has_state(choice, Atspi.StateType.CHECKED):
        press_button(choice)
    return bool(wait_for(lambda: has_state(choice, Atspi.StateType.CHECKED), 10, proc))


def status_text(pay):
    """The dialog's status line (its shown labels after the order's)."""
    texts = shown_labels(pay)
    return " ".join(t for t in texts if t.startswith("The ") or "nothing" in t)


def ended(app, proc, pay, timeout=60):
    """The dialog's status once the payment's answer came: the spinner gone
    and Close (not Cancel) offered; the status text, or None."""
    def done():
        close = named_button(pay, "Close")
        text = status_text(pay)
        return text if showing(close) and text else None
    return wait_for(done, timeout, proc)


def close_dialog(app, proc, pay):
    """Presses Close; whether the dialog went."""
    button = named_button(pay, "Close")
    if button is None or not press_button(button):
        return False
    gone = bool(wait_for(lambda: dialog(app, TITLE) is None, 10, proc))
    time.sleep(1)  # leave GTK time to finish with the closed window
    return gone


def shows_paid(app, proc, order_id):
    tap(bool(wait_for(lambda: status_cell(app, order_id) == PAID, 20, proc)),
        f"the row's Status cell reads \"{PAID}\"", status_cell(app, order_id))
    tap(bool(wait_for(lambda: pane_status(app, order_id) == PAID, 20, proc)),
        f"the pane reads \"{PAID}\"", pane_status(app, order_id))
    opener = named_button(main_window(app), "Pay…")
    tap(opener is None or not has_state(opener, Atspi.StateType.SENSITIVE),
        "a paid order cannot be paid again (\"Pay…\" is off)")


def pay_dialog_checks(app, proc, env, pay, order):
    """The dialog before paying: amount, pay button, Enter sends nothing."""
    order_id = order["order_id"]
    amount = amount_text(order)
    texts = labels(pay)
    tap(amount in texts and any(order_id in t for t in texts),
        f"the dialog shows the amount {amount} and the order", texts)
    button = pay_button(pay)
    name = button.get_name() if button is not None else None
    tap(name == f"Pay {amount}", "the pay button names the amount", name)
    tap(button is not None and not has_state(button, Atspi.StateType.IS_DEFAULT),
        "the pay button is not the default")
    tap(named(pay, CHOICE_ROLES, BALANCE) is not None, "\"Pay from balance\" is offered",
        [(n.get_role_name(), n.get_name()) for n in walk(pay) if n.get_role() in CHOICE_ROLES])
    tap(choose_balance(pay, proc), "\"Pay from balance\" is chosen")

    time.sleep(1)
    press_sym(KEY_RETURN)
    time.sleep(2)
    tap(log_entries(env, ACCOUNT_ID, order_id) == [] and dialog(app, TITLE) is not None and
        has_state(button, Atspi.StateType.SENSITIVE),
        "Enter sends nothing: no action log entry, the dialog still asks",
        (log_entries(env, ACCOUNT_ID, order_id), status_text(pay)))


def pay_balance(app, proc, pay):
    """Presses the pay button; whether it was pressed."""
    button = pay_button(pay)
    return button is not None and has_state(button, Atspi.StateType.SENSITIVE) and \
        press_button(button)


def actionable(root, roles, name):
    """An accessible under root of one of roles named name, those with
    actions first (a menu button's inner button), or None."""
    found = None
    for node in walk(root):
        try:
            label = (node.get_name() or "").replace("_", "")
            if node.get_role() in roles and (label == name or label == f"{name} {name}"):
                action = node.get_action_iface()
                if action is not None and action.get_n_actions() > 0:
                    return node
                found = found or node
        except Exception:
            continue
    return found


def open_action_log(app, proc):
    """The Main Menu's "Action Log"; the window, or None."""
    window = main_window(app)
    menu = actionable(window, {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON}, "Main Menu") \
        if window is not None else None
    if menu is None:
        return None
    activate(menu)
    item = wait_for(lambda: actionable(app, MENU_ROLES, LOG_TITLE), 20, proc)
    if item is None:
        return None
    activate(item)
    return wait_for(lambda: dialog(app, LOG_TITLE), 20, proc)


def log_rows(window):
    """The realised rows of the Action Log's table: [order, action, state]."""
    table = find(window, TABLE_ROLES)
    rows = []
    for node in walk(table):
        try:
            if node.get_role() == Atspi.Role.TABLE_ROW and node.get_child_count() >= 7:
                first = node.get_child_at_index(0)
                if first is None or first.get_role() != Atspi.Role.TABLE_CELL:
                    continue  # the header row
                rows.append([cell_text(node, c) for c in (2, 3, 4)])
        except Exception:
            continue
    return rows


def first_run(gui, env, order):
    order_id = order["order_id"]
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return
        tap(wait_synced(app, proc, table_rows), "the sandbox's orders are listed and synced")
        tap(show_order(app, proc, order_id), f"a search and a click show unpaid order {order_id}")
        tap(status_cell(app, order_id) == "Unpaid", "its Status cell reads \"Unpaid\"",
            status_cell(app, order_id))

        pay = open_pay(app, proc)
        tap(pay is not None, "\"Pay…\" opens the \"Pay Order\" dialog", buttons(app))
        if pay is None:
            return
        pay_dialog_checks(app, proc, env, pay, order)
        tap(pay_balance(app, proc, pay), "the pay button is pressed")
        said = ended(app, proc, pay)
        tap(said is not None and SAID_PAID in said, "the dialog says the order was paid", said)
        tap(not showing(pay_button(pay)), "the pay button is gone once paid")
        tap(close_dialog(app, proc, pay), "Close closes the dialog")

        shows_paid(app, proc, order_id)
        tap(bool(wait_for(lambda: pane_shows(app, "History") and pane_shows(app, BALANCE),
                          20, proc)),
            "the pane's history lists the payment", labels(main_window(app)))
        entries = log_entries(env, ACCOUNT_ID, order_id)
        tap(entries == [("pay-balance", "done")], "the action log holds one finished payment",
            entries)

        log = open_action_log(app, proc)
        tap(log is not None, "the Action Log window opens from the main menu")
        if log is not None:
            rows = wait_for(lambda: log_rows(log), 20, proc) or []
            tap(rows == [[order_id, BALANCE, "Done"]], "the Action Log lists the one payment",
                rows)
            press_sym(KEY_ESCAPE)
            wait_for(lambda: dialog(app, LOG_TITLE) is None, 10, proc)
            time.sleep(1)
    finally:
        stop(proc, "first run")


def fault_start(gui, env, fault, what):
    env = dict(env)
    env["DINGDAN_SANDBOX_FAULTS"] = fault
    env["DINGDAN_HTTP_TIMEOUT_SECONDS"] = "1"
    env["DINGDAN_ACTION_READ_BACK_MS"] = "200,800,8000"
    proc = start(gui, env)
    app = wait_app(proc, f"the window is on the accessibility bus ({what})")
    if app is not None:
        tap(wait_synced(app, proc, table_rows), f"the orders are listed and synced ({what})")
    return proc, app


def timeout_run(gui, env, order):
    order_id = order["order_id"]
    proc, app = fault_start(gui, env, "/open/order/pay=timeout-after@3000", "timeout-after fault")
    try:
        if app is None:
            return
        tap(show_order(app, proc, order_id), f"unpaid order {order_id} is shown")
        pay = open_pay(app, proc)
        if pay is None:
            tap(False, "the pay dialog opens", buttons(app))
            return
        tap(choose_balance(pay, proc), "\"Pay from balance\" is chosen")
        tap(pay_balance(app, proc, pay), "the pay button is pressed")
        said = ended(app, proc, pay, 90)
        tap(said is not None and SAID_READ_BACK in said,
            "after the timeout, the dialog says the order IS paid, read back", said)
        tap(not showing(named_button(pay, "Try Again")), "no Try Again: the payment went through")
        close_dialog(app, proc, pay)
        shows_paid(app, proc, order_id)
        entries = log_entries(env, ACCOUNT_ID, order_id)
        tap(entries == [("pay-balance", "confirmed-by-read-back")],
            "exactly one pay request logged, confirmed by reading the order back", entries)
    finally:
        stop(proc, "timeout-after fault")


def address_shown(pay):
    """The payment page's address the dialog shows, or None."""
    for text in shown_labels(pay):
        if text.startswith("http://127.0.0.1:"):
            return text
    return None


def browser_pay(app, proc, env, order_id, amount):
    tap(show_order(app, proc, order_id), f"1688 order {order_id} is shown")
    tap(status_cell(app, order_id) == "Unpaid", "its Status cell reads \"Unpaid\"",
        status_cell(app, order_id))
    pay = open_pay(app, proc)
    if pay is None:
        tap(False, "the pay dialog opens for the 1688 order", buttons(app))
        return
    choices = [(n.get_name() or "").replace("_", "") for n in walk(pay)
               if n.get_role() in CHOICE_ROLES]
    tap(choices == ["Pay in the browser"] and
        has_state(named(pay, CHOICE_ROLES, "Pay in the browser"), Atspi.StateType.CHECKED),
        "a 1688 order is paid in the browser only", choices)
    button = pay_button(pay)
    name = button.get_name() if button is not None else None
    tap(name == f"Pay {amount}", "the pay button names the amount", name)
    tap(pay_balance(app, proc, pay), "the pay button is pressed")
    url = wait_for(lambda: address_shown(pay), 30, proc)
    tap(url is not None, "the dialog shows the payment page's address", shown_labels(pay))
    if url is None:
        return
    tap(status_cell(app, order_id) == "Unpaid", "the order is unpaid until paid on the page",
        status_cell(app, order_id))
    with urllib.request.urlopen(url, timeout=10) as page:
        tap(page.status == 200, "the payment page opens (and pays the order)", page.status)

    def paid_said():
        text = status_text(pay)
        return text if "The order is paid." in text else None
    tap(wait_for(paid_said, 60, proc) is not None, "the dialog sees the order paid",
        status_text(pay))
    close_dialog(app, proc, pay)
    shows_paid(app, proc, order_id)
    entries = log_entries(env, ACCOUNT_ID, order_id)
    tap(entries == [("pay-url", "done")], "the action log holds the one pay URL fetched", entries)


def reset_run(gui, env, order, browser_order):
    order_id = order["order_id"]
    proc, app = fault_start(gui, env, "/open/order/pay=reset-before", "reset-before fault")
    try:
        if app is None:
            return
        tap(show_order(app, proc, order_id), f"unpaid order {order_id} is shown")
        pay = open_pay(app, proc)
        if pay is None:
            tap(False, "the pay dialog opens", buttons(app))
            return
        tap(choose_balance(pay, proc), "\"Pay from balance\" is chosen")
        tap(pay_balance(app, proc, pay), "the pay button is pressed")
        said = ended(app, proc, pay, 90)
        tap(said is not None and SAID_NOTHING in said,
            "after the reset, the dialog says nothing was paid", said)
        retry = named_button(pay, "Try Again")
        tap(showing(retry) and has_state(retry, Atspi.StateType.SENSITIVE),
            "it offers Try Again")
        tap(status_cell(app, order_id) == "Unpaid", "the order is still unpaid in the list",
            status_cell(app, order_id))
        entries = log_entries(env, ACCOUNT_ID, order_id)
        tap(entries == [("pay-balance", "failed")], "one failed payment logged", entries)
        if not showing(retry) or not press_button(retry):
            tap(False, "Try Again is pressed")
            return

        def paid_said():
            text = status_text(pay)
            return text if SAID_PAID in text else None
        said = wait_for(paid_said, 60, proc)
        tap(said is not None, "Try Again pays: the dialog says the order was paid",
            status_text(pay))
        tap(not showing(named_button(pay, "Try Again")), "Try Again is gone once paid")
        close_dialog(app, proc, pay)
        shows_paid(app, proc, order_id)
        entries = log_entries(env, ACCOUNT_ID, order_id)
        tap(entries == [("pay-balance", "failed"), ("pay-balance", "done")],
            "the log holds the failed payment and the one that was done", entries)
        if browser_order is not None:
            browser_pay(app, proc, env, *browser_order)
    finally:
        stop(proc, "reset-before fault")


def double_press_run(gui, env, order):
    """A quick double press of the pay button (two do_action calls back to
    back, the sandbox holding the first request back half a second): one
    payment, one action log entry."""
    order_id = order["order_id"]
    proc, app = fault_start(gui, env, "/open/order/pay=delay-before@500", "double press")
    try:
        if app is None:
            return
        tap(show_order(app, proc, order_id), f"unpaid order {order_id} is shown")
        pay = open_pay(app, proc)
        if pay is None:
            tap(False, "the pay dialog opens", buttons(app))
            return
        tap(choose_balance(pay, proc), "\"Pay from balance\" is chosen")
        button = pay_button(pay)
        first = button is not None and press_button(button)
        second = button is not None and press_button(button)
        print(f"# double press: first {first}, second {second}", flush=True)
        tap(first, "the pay button is pressed twice, back to back")
        said = ended(app, proc, pay, 90)
        tap(said is not None and SAID_PAID in said, "the dialog says the order was paid", said)
        close_dialog(app, proc, pay)
        shows_paid(app, proc, order_id)
        time.sleep(1)
        entries = log_entries(env, ACCOUNT_ID, order_id)
        tap(entries == [("pay-balance", "done")],
            "a double press pays once: exactly one pay entry in the action log", entries)
    finally:
        stop(proc, "double press")


def put_1688_order(helper, env):
    """Runs the helper (app closed): (1688 order id, amount text), or None."""
    db = f"{env['XDG_DATA_HOME']}/dingdan/sandbox.db"
    out = subprocess.run([helper, db], env=env, capture_output=True, text=True, timeout=60)
    fields = out.stdout.strip().split("\t")
    ok = out.returncode == 0 and len(fields) == 3
    tap(ok, "an unpaid 1688 order is put into the cache", out.stderr)
    if not ok:
        return None
    order_id, minor, currency = fields
    amount = amount_text({"total": str(decimal.Decimal(minor) / 100), "currency": currency})
    print(f"# 1688 order {order_id}, {amount}", flush=True)
    return order_id, amount


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found
    helper = sys.argv[1] if len(sys.argv) > 1 else None

    home = tempfile.mkdtemp(prefix="dingdan-window-pay-")
    env = window_env(home)

    try:
        orders = pick_orders(cli, env)
        tap(len(orders) >= 3, "the sandbox's PandaPon account has three unpaid Taobao-goods orders",
            [o["order_id"] for o in orders])
        if len(orders) >= 3:
            print(f"# unpaid {[o['order_id'] for o in orders[:3]]}", flush=True)
            first_run(gui, env, orders[0])
            timeout_run(gui, env, orders[1])
            tap(helper is not None, "the pp-1688-order helper is given (argv[1])")
            browser_order = put_1688_order(helper, env) if helper is not None else None
            reset_run(gui, env, orders[2], browser_order)
            tap(len(orders) >= 4, "a fourth unpaid order for the double press")
            if len(orders) >= 4:
                double_press_run(gui, env, orders[3])
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
