#!/usr/bin/python3
"""Window test of accessibility (issue G, point 2): in `dingdan --sandbox`,
every window and dialog of ours is opened in turn (by its key where it has
one) and its AT-SPI tree walked as a screen reader reads it. One TAP line
per window or dialog fails on any control on screen (button, toggle, menu
item, check, radio, entry, spin button, combo, link, slider) with no name
or only its GTK type name; the diagnostics list each with its role and
path. The order table's column headers are named by their titles. For
each dialog, Tab alone reaches every named, sensitive control, and Escape
closes it. Covered: the main window with an order shown, the primary
menu, the date range popover, Save View, the note and hold dialogs,
Cancel Order…, Pay…, New Purchase Order…, the Action Log, Keyboard
Shortcuts, About; then, without --sandbox (the test keyring), the
Accounts dialog's add-account page and its list, and that each text field
of the add-account page takes the FOCUSED state when Tab reaches it.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import os
import re
import shutil
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (KEY_ESCAPE, KEY_F10, TABLE_ROLES, TEXT_ROLES, click, find,  # noqa: E402
                  focus_targets, has_state, order_rows, plan, press, press_sym, programs,
                  start, stop, tab_cycle, tap, unnamed_controls, untabbable, wait_app,
                  wait_for, wait_synced, walk, window_env, windows)
from panes import activate, main_window, named  # noqa: E402

ORDER, CREATED, ACCOUNT, BUYER, STATUS = range(5)
TITLES = ["Order", "Created", "Account", "Buyer", "Status", "Flag", "Total"]
BUTTON_ROLES = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON}
MENU_ROLES = {Atspi.Role.MENU_ITEM, Atspi.Role.PUSH_BUTTON, Atspi.Role.CHECK_MENU_ITEM}
TOP_SHOP, PURCHASING = "Sandbox Taobao Shop", "Sandbox Purchasing"
# Tab presses allowed to reach every control of a dialog.
TABS = 24
STARTED = time.monotonic()



def new_window(app, before):
    """A visible window of the app that is not one of before (names)."""
    return next(((n, w) for n, w in windows(app) if n not in before), None)


def check_names(what, root, theirs=None):
    """TAP: every control of root is named. With theirs (a reason), the
    window is GTK's or libadwaita's own and its unnamed controls are a
    TODO line instead (reported upstream, not worked around here)."""
    offenders = unnamed_controls(root) if root is not None else ["not found"]
    if theirs and offenders:
        tap(True, f"{what}: every control of ours has a name")
        for offender in offenders:
            print(f"# TODO ({theirs}): {offender}", flush=True)
        return True
    tap(not offenders, f"{what}: every control has a name",
        f"{len(offenders)} unnamed:\n" + "\n".join(offenders))
    return not offenders


def check_keyboard(app, proc, what, root, name, escape=True, only=None):
    """TAP: Tab reaches every control of the dialog root (of only, if
    given); Escape closes it (the window named name goes)."""
    missed, unseen, order = untabbable(root, TABS, only)
    # A text field whose focus no accessible shows (libadwaita 1.2's entry
    # rows) is one a screen reader user cannot hear: missed too.
    tap(not missed and not unseen, f"{what}: Tab reaches every control",
        "missed:\n" + "\n".join(missed + unseen) + "\nfocus went: " + ", ".join(order))
    if not escape:
        return
    press_sym(KEY_ESCAPE)
    gone = wait_for(lambda: name not in [n for n, _ in windows(app)], 10, proc)
    tap(bool(gone), f"{what}: Escape closes it")
    time.sleep(1.5)  # GTK 4.8 answers a walk over a dying window with a critical


def dialog_check(app, proc, what, opener, escape=True, pages=(), theirs=None):
    """Opens a dialog (opener()), names and keyboard checked, then each of
    pages ((what, action)) after its action, and Escape closes it."""
    before = [n for n, _ in windows(app)]
    opener()
    found = wait_for(lambda: new_window(app, before), 15, proc)
    tap(found is not None, f"{what} opens", f"windows {[n for n, _ in windows(app)]}")
    if found is None:
        return
    name, window = found
    time.sleep(0.7)
    print(f"# {what}: window {name!r} ({time.monotonic() - STARTED:.0f} s)", flush=True)
    check_names(what, window, theirs)
    only = None
    for page, action in pages:
        check_keyboard(app, proc, what, window, name, escape=False)
        # A stack's hidden page keeps its room: Tab is asked to reach the
        # controls that were not on screen before.
        before = set(focus_targets(window))
        action(window)
        time.sleep(1)
        what = page
        only = set(focus_targets(window)) - before
        check_names(what, window, theirs)
    check_keyboard(app, proc, what, window, name, escape, only)


def mnemonics(path, menu_id):
    """The mnemonic letters of the menu's items in a .ui file, in order."""
    text = open(path, encoding="utf-8").read()
    menu = text[text.index(f'<menu id="{menu_id}">'):]
    menu = menu[:menu.index("</menu>")]
    labels = re.findall(r'<attribute name="label"[^>]*>([^<]*)</attribute>', menu)
    return [(lbl, lbl[lbl.index("_") + 1].lower() if "_" in lbl else None) for lbl in labels]


def column_headers(app):
    """The header row's cells of the order table: [(role, name, label)]."""
    table = find(app, TABLE_ROLES)
    if table is None or not table.get_child_count():
        return []
    head = table.get_child_at_index(0)
    cells = []
    for i in range(head.get_child_count()):
        cell = head.get_child_at_index(i)
        label = next((n.get_name() for n in walk(cell) if n.get_role() == Atspi.Role.LABEL), "")
        cells.append((cell.get_role(), cell.get_name() or "", label or ""))
    return cells


def pick(app, proc, account):
    """An unpaid order of the account listed under Unpaid, or None."""
    rows = wait_for(lambda: [r for r in order_rows(app, ORDER, ACCOUNT, STATUS)
                             if r[2] == account and r[3] == "Unpaid"], 30, proc)
    return rows[0] if rows else None


def show(app, proc, row):
    """Clicks the row (its Status cell): the table has the focus, the pane
    shows the order."""
    click(row[0].get_child_at_index(STATUS))
    return bool(wait_for(lambda: has_state(row[0], Atspi.StateType.SELECTED), 10, proc))


def popup_of(node):
    """The popover node is in (GTK 4.8 reads a popover as a filler named
    GtkPopover, a popover menu as a menu), or None."""
    while node is not None:
        try:
            if node.get_role() == Atspi.Role.MENU or (node.get_name() or "") == "GtkPopover":
                return node
            node = node.get_parent()
        except Exception:
            return None
    return None


def menu_item(app, proc, name, mnemonic):
    """Opens the primary menu with F10 and chooses name by its mnemonic."""
    def choose():
        press_sym(KEY_F10)
        if wait_for(lambda: named(app, MENU_ROLES, name), 10, proc) is not None:
            press(mnemonic)
    return choose


def main_run(gui, env):
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is None:
            return
        tap(wait_synced(app, proc), "the sandbox's orders are listed and synced")
        print(f"# synced ({time.monotonic() - STARTED:.0f} s)", flush=True)

        # The column headers: named by their titles.
        heads = column_headers(app)
        tap([h[2] for h in heads] == TITLES and all(h[1] == h[2] for h in heads),
            "the order table's column headers are named by their titles",
            "\n".join(f"{Atspi.Role(r).value_nick} {n!r} label {lbl!r}" for r, n, lbl in heads))
        tap(all(r in (Atspi.Role.COLUMN_HEADER, Atspi.Role.TABLE_COLUMN_HEADER, Atspi.Role.FILLER)
                for r, _, _ in heads) and bool(heads),
            "they are the table's first row (column header, or filler in GTK 4.8)",
            f"roles {[Atspi.Role(r).value_nick for r, _, _ in heads]}")

        # Unpaid orders of the Taobao shop (to cancel) and of PandaPon (to pay).
        unpaid = named(app, {Atspi.Role.LIST_ITEM}, "Unpaid")
        if unpaid is not None:
            click(unpaid)
        buy = pick(app, proc, PURCHASING)
        sell = pick(app, proc, TOP_SHOP)
        tap(buy is not None and sell is not None, "unpaid orders of PandaPon and Taobao are listed")
        if buy is None or sell is None:
            return

        tap(show(app, proc, buy), f"order {buy[1]} is shown")
        pay = wait_for(lambda: (lambda b: b if b is not None and
                                has_state(b, Atspi.StateType.SENSITIVE) else None)(
            named(main_window(app), BUTTON_ROLES, "Pay…")), 15, proc)
        time.sleep(1)
        check_names("main window, an order shown", main_window(app))

        dialog_check(app, proc, "Pay…", lambda: activate(pay))

        show(app, proc, sell)
        cancel = wait_for(lambda: (lambda b: b if b is not None and
                                   has_state(b, Atspi.StateType.SENSITIVE) else None)(
            named(main_window(app), BUTTON_ROLES, "Cancel Order…")), 15, proc)
        dialog_check(app, proc, "Cancel Order…", lambda: activate(cancel))

        show(app, proc, sell)
        dialog_check(app, proc, "note dialog (n)", lambda: press("n"))
        show(app, proc, sell)
        dialog_check(app, proc, "hold dialog (Shift+H)", lambda: press_sym(ord("h"), shift=True))

        # The date range popover: its fields are on the bus while it is open.
        window = main_window(app)
        date = named(window, BUTTON_ROLES, "Date Range")
        activate(date)
        entry = wait_for(lambda: named(app, TEXT_ROLES, "From"), 10, proc)
        popover = popup_of(entry)
        tap(entry is not None, "the date range popover opens")
        if entry is not None:
            root = popover or date
            check_names("date range popover", root)
            missed, _, order = untabbable(root, TABS)
            tap(not missed, "date range popover: Tab reaches every control",
                "missed:\n" + "\n".join(missed) + "\nfocus went: " + ", ".join(order))
            press_sym(KEY_ESCAPE)
            tap(bool(wait_for(lambda: not has_state(entry, Atspi.StateType.VISIBLE) or
                              named(app, TEXT_ROLES, "From") is None, 10, proc)),
                "date range popover: Escape closes it")

        dialog_check(app, proc, "Save View…",
                     lambda: activate(named(main_window(app), BUTTON_ROLES, "Save View…")))

        # The primary menu (F10).
        press_sym(KEY_F10)
        item = wait_for(lambda: named(app, MENU_ROLES, "Action Log"), 10, proc)
        tap(item is not None, "F10 opens the primary menu")
        menu = popup_of(item)
        if item is not None:
            check_names("primary menu", menu or main_window(app))
            press_sym(KEY_ESCAPE)
            time.sleep(1)

        ui = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "ui",
                          "dd-window.ui")
        keys = mnemonics(ui, "primary_menu")
        letters = [k for _, k in keys]
        tap(all(letters) and len(set(letters)) == len(letters),
            "every item of the primary menu has its own mnemonic", f"{keys}")
        dialog_check(app, proc, "New Purchase Order… (F10, n)",
                     menu_item(app, proc, "New Purchase Order…", "n"))
        dialog_check(app, proc, "Action Log (F10, l)", menu_item(app, proc, "Action Log", "l"))
        # GTK's and libadwaita's own windows: what they leave unnamed (the
        # search and version buttons) is named by dd-a11y.c and dd-about.c.
        dialog_check(app, proc, "Keyboard Shortcuts (F10, k)",
                     menu_item(app, proc, "Keyboard Shortcuts", "k"))
        dialog_check(app, proc, "About (F10, a)", menu_item(app, proc, "About Dingdan", "a"))
    finally:
        stop(proc, "sandbox run")


# The add-account page's text fields for Taobao Taiwan (the first platform).
ACCOUNT_FIELDS = ["Name", "Endpoint", "App Key", "App Secret", "Access Token", "Refresh Token"]
FIELD_ROLES = ("text", "password text", "entry")


def check_fields_focused(app, proc, add):
    """TAP: on the add-account page, each text field is in the FOCUSED
    state when Tab reaches it (libadwaita 1.2's AdwEntryRow never is)."""
    before = [n for n, _ in windows(app)]
    activate(add)
    found = wait_for(lambda: new_window(app, before), 15, proc)
    if found is None:
        tap(False, "Accounts, add-account page: each text field is focused by Tab",
            "the dialog did not open")
        return
    name, window = found
    time.sleep(0.7)
    fields = {k: k[1] for k in focus_targets(window) if k is not None and k[0] in FIELD_ROLES}
    seen = tab_cycle(window, TABS, set(fields))
    reached = {fields[k] for k in seen if k in fields}
    tap(all(f in reached for f in ACCOUNT_FIELDS),
        "Accounts, add-account page: each text field is focused by Tab",
        f"focused {sorted(reached)} of {ACCOUNT_FIELDS}; text fields {sorted(fields.values())}")
    press_sym(KEY_ESCAPE)
    wait_for(lambda: name not in [n for n, _ in windows(app)], 10, proc)
    time.sleep(1.5)


def accounts_run(gui, env):
    if not os.environ.get("DINGDAN_TEST_KEYRING"):
        print("# no test keyring: the Accounts dialog is not checked", flush=True)
        return
    proc = start(gui, env, args=())
    try:
        app = wait_app(proc, "without --sandbox, the window is on the bus")
        if app is None:
            return
        add = wait_for(lambda: named(app, BUTTON_ROLES, "Add Account"), 30, proc)
        tap(add is not None, "the empty window offers Add Account")
        if add is None:
            return
        dialog_check(app, proc, "Accounts, add-account page", lambda: activate(add),
                     pages=[("Accounts, list page",
                             lambda w: activate(named(w, BUTTON_ROLES, "Back")))])
        check_fields_focused(app, proc, add)
    finally:
        stop(proc, "accounts run")


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found
    home = tempfile.mkdtemp(prefix="dingdan-window-a11y-")
    try:
        main_run(gui, window_env(home))
        home2 = os.path.join(home, "accounts")
        os.makedirs(home2)
        accounts_run(gui, window_env(home2))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return plan()


if __name__ == "__main__":
    sys.exit(main())
