#!/usr/bin/python3
"""Window test of the detail pane: in `dingdan --sandbox`, a screen reader
user finds orders by number (the search field) and selects them (a click).
A Taiwan cash-on-delivery order with two lines: the pane reads its paid
time, the sku properties, quantity and unit price of each line, "Cash on
delivery", and a product picture named by the product's title once it has
loaded (the placeholder is named otherwise); the picture is kept in
$XDG_CACHE_HOME/dingdan/images. "Re-read" reads it again from the sandbox:
a toast says so and the pane still shows the order. A shipped PandaPon
order: the pane reads its parcel's trace, loaded from the sandbox.
Which orders: `dingdan-cli --sandbox orders --format json` (same seed).
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TEXT_ROLES, app_debug, click, detail_shows, find, has_state,  # noqa: E402
                  in_table, order_rows, plan, programs, start, stop, tap, wait_app, wait_for,
                  wait_synced, walk, window_env)

IMAGE_ROLES = {Atspi.Role.IMAGE, Atspi.Role.ICON}
ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)


def table_rows(app):
    """The realised rows of the order table: (row accessible, order id)."""
    return order_rows(app, ORDER)


def detail_labels(app):
    """Every label's text outside the order table."""
    texts = []
    for node in walk(app):
        try:
            if node.get_role() == Atspi.Role.LABEL and not in_table(node):
                texts.append(node.get_name() or "")
        except Exception:
            continue
    return texts


def images_named(app, name):
    found = []
    for node in walk(app):
        try:
            if node.get_role() in IMAGE_ROLES and (node.get_name() or "") == name:
                found.append(node)
        except Exception:
            continue
    return found


def list_texts(app, name):
    """The labels inside the list (box) a screen reader calls name."""
    lst = find(app, {Atspi.Role.LIST, Atspi.Role.LIST_BOX}, name)
    if lst is None:
        return None
    texts = []
    for node in walk(lst):
        try:
            if node.get_role() == Atspi.Role.LABEL:
                texts.append(node.get_name() or "")
        except Exception:
            continue
    return texts


def show_order(app, proc, order_id):
    """Searches for the order's number and clicks its row."""
    entry = find(app, TEXT_ROLES, "Search orders")
    if entry is None:
        return False
    entry.get_editable_text_iface().set_text_contents(order_id)
    row = wait_for(lambda: next((r for r, oid in table_rows(app) if oid == order_id), None), 30, proc)
    if row is None:
        return False
    click(row.get_child_at_index(STATUS))
    return bool(wait_for(lambda: detail_shows(app, order_id), 20, proc))


def pick_orders(cli, env):
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=180)
    orders = json.loads(out.stdout)
    cod = next(o for o in orders if o["platform"] == "tw" and o["cash_on_delivery"]
               and o["status"] in ("shipped", "completed")
               and len(o["lines"]) >= 1 and all(line["sku"] for line in o["lines"]))
    parcel = next(o for o in orders if o["platform"] == "pandapon"
                  and o["status"] in ("shipped", "completed"))
    return cod, parcel


def check_cod_order(app, proc, order, env):
    order_id = order["order_id"]
    tap(show_order(app, proc, order_id), f"a search and a click show order {order_id}")
    labels = detail_labels(app)
    tap("Cash on delivery" in labels, "the pane marks it cash on delivery")
    line = order["lines"][-1]
    tap(line["sku"] in labels, f"the pane reads the sku properties {line['sku']!r}", labels)
    tap(f"× {line['quantity']}" in labels, f"the pane reads the quantity × {line['quantity']}", labels)
    tap(any(t.endswith(" each") and line["unit_fee"] in t.replace(",", "") for t in labels),
        f"the pane reads the unit price {line['unit_fee']} each", labels)
    items = f"{float(order['total']) - float(order['shipping_fee']):.2f}"
    items_label = labels[labels.index("Items") + 1] if "Items" in labels[:-1] else ""
    tap(items in items_label.replace(",", "") and "Shipping fee" in labels and "Total" in labels,
        f"the pane reads items ({items}), shipping and total", labels)
    tap(any(t.startswith("Tracking: ") for t in labels),
        "the pane reads the line's tracking number", labels)

    title = order["lines"][0]["title"]
    tap(bool(wait_for(lambda: images_named(app, title), 20, proc)),
        f"the product picture loads, named {title!r}",
        [n.get_name() for n in walk(app) if n.get_role() in IMAGE_ROLES])
    images = os.path.join(env["XDG_CACHE_HOME"], "dingdan", "images")
    tap(os.path.isdir(images) and len(os.listdir(images)) >= 1,
        "the picture is kept in $XDG_CACHE_HOME/dingdan/images")

    button = find(app, {Atspi.Role.PUSH_BUTTON}, "Re-read")
    tap(button is not None and has_state(button, Atspi.StateType.SENSITIVE),
        "a Re-read button is offered",
        [(n.get_name(), n.get_role_name(), has_state(n, Atspi.StateType.SENSITIVE))
         for n in walk(app) if n.get_role() == Atspi.Role.PUSH_BUTTON])
    if button is not None:
        button.get_action_iface().do_action(0)
        toast = f"Order {order_id} read again from its platform"
        tap(bool(wait_for(lambda: detail_shows(app, toast), 20, proc)),
            "Re-read reads the order from the sandbox: a toast says so",
            detail_labels(app))
        tap(detail_shows(app, order_id) and line["sku"] in detail_labels(app),
            "the pane still shows the order after Re-read")


def check_parcel_order(app, proc, order):
    order_id = order["order_id"]
    tap(show_order(app, proc, order_id), f"a search and a click show PandaPon order {order_id}")
    labels = detail_labels(app)
    paid = labels[labels.index("Paid") + 1] if "Paid" in labels[:-1] else ""
    tap(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", paid) is not None,
        f"the pane reads when it was paid ({paid})", labels)

    def traced():
        texts = list_texts(app, "Parcels")
        return texts if texts and any("揽收" in t for t in texts) else None
    texts = wait_for(traced, 30, proc)
    tap(texts is not None, "the pane reads the parcel's trace (揽收, picked up)",
        list_texts(app, "Parcels"))
    tap(texts is not None and any(t.startswith("Tracking: ") for t in texts),
        "the parcel's tracking number is shown", texts)
    tap(texts is not None and any(re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d", t) for t in texts),
        "trace events say when", texts)


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found

    home = tempfile.mkdtemp(prefix="dingdan-window-detail-")
    cli_env = window_env(home, debug=False)
    env = app_debug(cli_env)

    try:
        cod, parcel = pick_orders(cli, cli_env)
        print(f"# orders {cod['order_id']} (COD) and {parcel['order_id']} (PandaPon)", flush=True)
        proc = start(gui, env)
        try:
            app = wait_app(proc)
            if app is not None:
                tap(wait_synced(app, proc, table_rows),
                    "the sandbox's orders are listed and synced")
                check_cod_order(app, proc, cod, env)
                check_parcel_order(app, proc, parcel)
        finally:
            stop(proc)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
