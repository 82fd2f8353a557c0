#!/usr/bin/python3
"""Window test of printing (issue E, point 5): in `dingdan --sandbox`, an
order is selected (a click on its row) and Ctrl+P opens the print dialog.
The remembered print settings ($XDG_STATE_HOME/dingdan/print-settings.ini,
seeded by the test) name the "Print to File" printer and a PDF file, so the
test only presses Print. The PDF, read with pdftotext, holds the packing
slip (the order number, the receiver's CJK name, the product titles) and
the pick list with the order's total quantity; the settings are kept again.
The order's data comes from `dingdan-cli --sandbox orders --format csv`
(the same sandbox shop).
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (button, click, ctrl, detail_shows, dialog, has_state,  # noqa: E402
                  order_rows, plan, start, stop, tap, wait_app, wait_for, wait_synced,
                  window_env)

ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
# dingdan-cli orders --format csv
CLI_ID, CLI_RECEIVER, CLI_ITEMS = 0, 13, 16


def table_rows(app):
    """The realised rows of the order table: (row accessible, order id)."""
    return order_rows(app, ORDER)


def cli_orders(cli, env):
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "csv"],
                         env=env, capture_output=True, timeout=240)
    if out.returncode != 0:
        return {}
    rows = list(csv.reader(io.StringIO(out.stdout.decode("utf-8"), newline="")))
    return {r[CLI_ID]: r for r in rows[1:] if len(r) > CLI_ITEMS}


def items_of(cell):
    """[(title, quantity)] of a CLI items cell: "title × 2; other × 1"."""
    items = []
    for part in cell.split("; ") if cell else []:
        title, _, qty = part.rpartition(" × ")
        items.append((title, int(qty)))
    return items


def pdf_text(path):
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, timeout=60)
    return out.stdout.decode("utf-8", errors="replace") if out.returncode == 0 else ""


def squash(text):
    """Text without white space: titles wrap across lines in the PDF."""
    return re.sub(r"\s+", "", text)


def run(gui, env, orders, pdf, settings_path):
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return
        tap(wait_synced(app, proc, table_rows), "the sandbox's orders are listed and synced")

        # An order the CLI's sandbox has too, with lines.
        rows = wait_for(lambda: [r for r in table_rows(app)
                                 if r[1] in orders and items_of(orders[r[1]][CLI_ITEMS])
                                 and orders[r[1]][CLI_RECEIVER]], 30, proc)
        if not rows:
            tap(False, "a listed order is one of `dingdan-cli --sandbox orders`")
            return
        row, order_id = rows[0]
        expected = orders[order_id]
        print(f"# order {order_id}: {expected[CLI_RECEIVER]}, {expected[CLI_ITEMS]}", flush=True)
        click(row.get_child_at_index(STATUS))
        tap(bool(wait_for(lambda: detail_shows(app, order_id), 20, proc)),
            "a click selects the order")

        ctrl("p")
        printer = wait_for(lambda: dialog(app, "Print"), 30, proc)
        tap(printer is not None, "Ctrl+P opens the print dialog")
        if printer is None:
            return
        ok = wait_for(lambda: (lambda b: b if b is not None and
                               has_state(b, Atspi.StateType.SENSITIVE) else None)(
                                   button(printer, "Print")), 30, proc)
        tap(ok is not None, "the remembered printer (Print to File) is chosen: Print is enabled")
        if ok is None:
            return
        Atspi.Action.do_action(ok, 0)

        def written():
            if not os.path.exists(pdf):
                return False
            size = os.path.getsize(pdf)
            time.sleep(1)
            return size > 0 and size == os.path.getsize(pdf) and pdf_text(pdf).strip() != ""
        tap(bool(wait_for(written, 60, proc)), "the PDF file is written")
        text = pdf_text(pdf)
        flat = squash(text)
        tap("Packing Slip" in text and order_id in text, "the packing slip names the order",
            text[:1500])
        tap(expected[CLI_RECEIVER] in text,
            f"it shows the receiver as served ({expected[CLI_RECEIVER]})", text[:1500])
        items = items_of(expected[CLI_ITEMS])
        missing = [t for t, _ in items if squash(t) not in flat]
        tap(not missing, "it lists the product titles", f"missing {missing}")
        pick = text[text.find("Pick List"):] if "Pick List" in text else ""
        total = sum(q for _, q in items)
        tap(re.search(rf"Total quantity\s+{total}\b", pick) is not None,
            f"the pick list follows, with the total quantity {total}", pick[:1500])
        tap(all(squash(t) in squash(pick) for t, _ in items),
            "the pick list lists the order's products")
        with open(settings_path, encoding="utf-8") as f:
            kept = f.read()
        tap("[Page Setup]" in kept and "Print to File" in kept,
            "the print settings and page setup are kept for the next print", kept)
    finally:
        stop(proc)


def main():
    gui, cli = os.environ.get("DINGDAN_GUI"), os.environ.get("DINGDAN_CLI")
    if not gui or not cli or not os.environ.get("DISPLAY") or not shutil.which("pdftotext"):
        print("1..0 # SKIP needs DINGDAN_GUI, DINGDAN_CLI, an X display and pdftotext")
        return 0

    home = tempfile.mkdtemp(prefix="dingdan-window-print-")
    env = window_env(home)
    # No CUPS lookups: the file printer only.
    env["GTK_PRINT_BACKENDS"] = "file"

    pdf = os.path.join(home, "slips.pdf")
    settings_path = os.path.join(env["XDG_STATE_HOME"], "dingdan", "print-settings.ini")
    os.makedirs(os.path.dirname(settings_path))
    with open(settings_path, "w", encoding="utf-8") as f:
        f.write("[Print Settings]\nprinter=Print to File\n"
                f"output-uri=file://{pdf}\noutput-file-format=pdf\n")

    try:
        cli_env = dict(env)
        cli_env["XDG_DATA_HOME"] = os.path.join(home, "cli-data")
        orders = cli_orders(cli, cli_env)
        tap(len(orders) > 0, "`dingdan-cli --sandbox orders` lists the sandbox's orders")
        if orders:
            run(gui, env, orders, pdf, settings_path)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
