#!/usr/bin/python3
"""Window test of the New Purchase Order dialog (issue F, point 4): in
`dingdan --sandbox`, the primary menu's "New Purchase Order…" opens the
dialog; its first account is the sandbox's TOP procurement account. Create
Order with an empty item id sends nothing and says why beside the line.
Then one line (item id, quantity, unit price) and the receiver (name,
phone, address) are typed key by key, the idempotency key is read from
"Details", and "Create Order" is pressed: the dialog says the purchase
order was created and names it. The cache's action_log (sqlite3, from
$XDG_DATA_HOME/dingdan/sandbox.db) holds exactly one entry, done, with the
key the dialog showed, and the Action Log window lists it.
Then again with DINGDAN_SANDBOX_FAULTS making the create time out after the
sandbox made the order: Escape while it is sent leaves the dialog open, it
says "Outcome Unknown" and offers Try Again, which sends the same key: one
order, one action_log entry (done, that key); a new dialog offers no earlier
order.
Runs under Xvfb in a private D-Bus session (build-aux/test.sh). Prints TAP."""

import re
import shutil
import sqlite3
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (CONTROL_MASK, TABLE_ROLES, TEXT_ROLES, dialog, find, has_state,  # noqa: E402
                  plan, press, press_sym, programs, start, stop, tap, wait_app, wait_for,
                  walk, window_env)
from panes import activate, main_window, named  # noqa: E402

BUTTON_ROLES = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON}
MENU_ROLES = {Atspi.Role.MENU_ITEM, Atspi.Role.PUSH_BUTTON, Atspi.Role.CHECK_MENU_ITEM}
TITLE = "New Purchase Order"
LOG_TITLE = "Action Log"
CREATED = "Purchase Order Created"
KEY_ESCAPE, KEY_TAB = 0xff1b, 0xff09
KEY_RE = re.compile(r"^dd[0-9a-f]{30}$")




def open_from_menu(app, proc, item_name, title):
    """The Main Menu's item_name pressed; the window titled title, or None."""
    window = wait_for(lambda: main_window(app), 60, proc)
    if window is None:
        tap(False, "the main window is on the bus")
        return None
    menu = wait_for(lambda: named(window, BUTTON_ROLES, "Main Menu"), 20, proc)
    if menu is None:
        tap(False, "a screen reader finds the Main Menu button")
        return None
    activate(menu)
    item = wait_for(lambda: named(app, MENU_ROLES, item_name), 20, proc)
    tap(item is not None, f"the primary menu has \"{item_name}\"")
    if item is None:
        return None
    tap(has_state(item, Atspi.StateType.SENSITIVE) or has_state(item, Atspi.StateType.ENABLED),
        f"\"{item_name}\" can be chosen")
    activate(item)
    found = wait_for(lambda: dialog(app, title), 20, proc)
    tap(found is not None, f"choosing it opens \"{title}\"")
    return found


def labels(root):
    texts = []
    for node in walk(root):
        try:
            if node.get_role() == Atspi.Role.LABEL:
                texts.append(node.get_name() or "")
        except Exception:
            continue
    return texts


def entry(root, name):
    return find(root, TEXT_ROLES, name)


def type_keys(text):
    """Types text key by key into the focused widget."""
    for char in text:
        press(char)
        time.sleep(0.05)
    time.sleep(0.3)


def select_all():
    Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(ord("a"), None, Atspi.KeySynthType.SYM)
    Atspi.generate_keyboard_event(CONTROL_MASK, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.2)


def set_text(node, text):
    """What a screen reader's "type this" does; whether the entry holds text."""
    try:
        node.get_editable_text_iface().set_text_contents(text)
    except Exception as e:
        print(f"# set_text_contents failed: {e}", flush=True)
    time.sleep(0.2)
    return entry_text(node) == text


def entry_text(node):
    iface = node.get_text_iface()
    if iface is None:
        return None
    return iface.get_text(0, iface.get_character_count())


def shown_key(window):
    """The idempotency key the dialog's Details show, or None."""
    return next((t for t in labels(window) if KEY_RE.match(t)), None)


def log_entries(env):
    """The action log's entries: [(account, action, state, key)], oldest first."""
    db = sqlite3.connect(f"file:{env['XDG_DATA_HOME']}/dingdan/sandbox.db?mode=ro", uri=True,
                         timeout=10)
    try:
        return db.execute("SELECT account_id, action, state, idempotency_key FROM action_log "
                          "ORDER BY id").fetchall()
    finally:
        db.close()


def log_rows(window):
    """The realised rows of the Action Log's table (their first cells' texts)."""
    table = find(window, TABLE_ROLES)
    rows = []
    for node in walk(table):
        try:
            if node.get_role() == Atspi.Role.TABLE_ROW and node.get_child_count() >= 7:
                first = node.get_child_at_index(0)
                if first is None or first.get_role() != Atspi.Role.TABLE_CELL:
                    continue
                rows.append(node)
        except Exception:
            continue
    return rows


def row_texts(row):
    texts = []
    for node in walk(row):
        try:
            if node.get_role() == Atspi.Role.LABEL:
                texts.append(node.get_name() or "")
        except Exception:
            continue
    return texts


def refused_empty(app, proc, env, window):
    create = named(window, BUTTON_ROLES, "Create Order")
    tap(create is not None and has_state(create, Atspi.StateType.SENSITIVE),
        "\"Create Order\" is there and can be pressed")
    if create is None:
        return
    activate(create)
    said = wait_for(lambda: "Write the item’s ID." in labels(window), 10, proc)
    tap(bool(said), "with no item id, the line says \"Write the item’s ID.\"", labels(window))
    tap(any("nothing was sent" in t for t in labels(window)), "and the dialog says nothing was sent")
    time.sleep(1)
    tap(log_entries(env) == [], "nothing was sent: the action log is empty", log_entries(env))


def create(app, proc, env, window):
    # The line from the keyboard: the item id has the focus, then Tab past
    # the sku id to the quantity and the price.
    item = entry(window, "Item ID")
    tap(item is not None and has_state(item, Atspi.StateType.FOCUSED),
        "the first line's item id has the focus")
    type_keys("600000000001")
    press_sym(KEY_TAB)
    press_sym(KEY_TAB)
    time.sleep(0.3)
    select_all()
    type_keys("2")
    press_sym(KEY_TAB)
    time.sleep(0.3)
    type_keys("95.03")
    for name, text in (("Item ID", "600000000001"), ("Quantity", "2"), ("Unit Price", "95.03")):
        node = entry(window, name)
        tap(node is not None and entry_text(node) == text, f"{name} reads \"{text}\" as typed",
            entry_text(node) if node is not None else "no such entry")
    # The receiver, as a screen reader types it.
    for name, text in (("Name", "Zhang San"), ("Phone", "15068763421"),
                       ("Address", "Wen Yi Xi Lu 969")):
        node = entry(window, name)
        tap(node is not None and set_text(node, text), f"\"{text}\" is typed into {name}",
            entry_text(node) if node is not None else "no such entry")
    tap(any(t.endswith("¥190.06") for t in labels(window)), "the lines' amount reads ¥190.06",
        [t for t in labels(window) if "¥" in t])

    key = shown_key(window)
    if key is None:
        details = named(window, {Atspi.Role.LABEL, Atspi.Role.LIST_ITEM, Atspi.Role.PUSH_BUTTON,
                                 Atspi.Role.TOGGLE_BUTTON}, "Details")
        if details is not None:
            activate(details)
        key = wait_for(lambda: shown_key(window), 10, proc)
    tap(key is not None, "\"Details\" shows the purchase order number (idempotency key)", key)

    button = named(window, BUTTON_ROLES, "Create Order")
    tap(button is not None and activate(button), "\"Create Order\" is pressed")
    done = wait_for(lambda: CREATED in labels(window), 60, proc)
    tap(bool(done), "the dialog says \"Purchase Order Created\"", labels(window))
    tap(any(t.startswith("The purchase order was created.") and "Order number: " in t
            for t in labels(window)), "and names the new order", labels(window))
    retry = named(window, BUTTON_ROLES, "Try Again")
    tap(retry is None or not has_state(retry, Atspi.StateType.VISIBLE),
        "no Try Again after an order that was created")

    time.sleep(1)
    entries = log_entries(env)
    tap(entries == [("sandbox-top-pc", "create-purchase", "done", key)],
        "the action log holds one finished create with the key the dialog showed", entries)

    close = named(window, BUTTON_ROLES, "Close")
    tap(close is not None and activate(close) and
        bool(wait_for(lambda: dialog(app, TITLE) is None, 10, proc)), "Close closes the dialog")
    time.sleep(1)


def action_log(app, proc):
    log = open_from_menu(app, proc, "Action Log", LOG_TITLE)
    if log is None:
        return
    rows = wait_for(lambda: log_rows(log), 10, proc) or []
    texts = row_texts(rows[0]) if rows else []
    tap(len(rows) == 1 and "Create purchase order" in texts,
        "the Action Log lists one entry: the purchase order", [row_texts(r) for r in rows])
    if has_state(log, Atspi.StateType.ACTIVE):
        press_sym(KEY_ESCAPE)
        wait_for(lambda: dialog(app, LOG_TITLE) is None, 10, proc)
    time.sleep(1)


UNKNOWN = "Outcome Unknown"
EARLIER = "An earlier purchase order’s outcome is unknown"
CREATE_API = "taobao.pc.out.tower.order.create"


def fill(window):
    """One line and the receiver, as a screen reader types them."""
    for name, text in (("Item ID", "600000000001"), ("Quantity", "2"), ("Unit Price", "95.03"),
                       ("Name", "Zhang San"), ("Phone", "15068763421"),
                       ("Address", "Wen Yi Xi Lu 969")):
        node = entry(window, name)
        tap(node is not None and set_text(node, text), f"\"{text}\" is typed into {name}",
            entry_text(node) if node is not None else "no such entry")


def fault_run(gui):
    """The create times out after the sandbox made the order: Escape while it
    is sent does not close the dialog, which says the outcome is unknown and
    offers Try Again; Try Again sends the same key: created, one entry, and a
    new dialog offers no earlier order."""
    home = tempfile.mkdtemp(prefix="dingdan-window-purchase-fault-")
    env = window_env(home)
    # The answer is held back past a 5 s timeout: long enough for Escape to
    # reach the dialog while the order is sent, on a loaded machine too.
    env["DINGDAN_SANDBOX_FAULTS"] = f"{CREATE_API}=timeout-after@10000"
    env["DINGDAN_HTTP_TIMEOUT_SECONDS"] = "5"
    proc = start(gui, env)
    try:
        app = wait_app(proc, "the window is on the accessibility bus (timeout-after fault)")
        if app is None:
            return
        window = open_from_menu(app, proc, "New Purchase Order…", TITLE)
        if window is None:
            return
        time.sleep(1)
        fill(window)
        key = shown_key(window)
        if key is None:
            details = named(window, {Atspi.Role.LABEL, Atspi.Role.LIST_ITEM, Atspi.Role.PUSH_BUTTON,
                                     Atspi.Role.TOGGLE_BUTTON}, "Details")
            if details is not None:
                activate(details)
            key = wait_for(lambda: shown_key(window), 10, proc)
        tap(key is not None, "the dialog shows its key (fault run)", key)

        button = named(window, BUTTON_ROLES, "Create Order")
        pressed = button is not None and activate(button)
        # The entry is logged "sending" before the request goes (read
        # quickly from the cache: walking the dialog takes seconds).
        sending = wait_for(lambda: log_entries(env) == [("sandbox-top-pc", "create-purchase", "sending", key)],
                           10, proc)
        tap(bool(sending), "the create is logged \"sending\" before it is sent", log_entries(env))
        # While it is sent, Escape does nothing: the outcome will be shown.
        press_sym(KEY_ESCAPE)
        tap(pressed, "\"Create Order\" is pressed (fault run), then Escape")
        time.sleep(0.5)
        still = dialog(app, TITLE)
        during = log_entries(env)
        tap(still is not None and has_state(still, Atspi.StateType.VISIBLE) and
            during == [("sandbox-top-pc", "create-purchase", "sending", key)],
            "Escape while the order is sent (still \"sending\") leaves the dialog open and shown",
            during)
        unknown = wait_for(lambda: UNKNOWN in labels(window), 60, proc)
        tap(bool(unknown) and dialog(app, TITLE) is not None,
            "after the timeout, the dialog (still open) says \"Outcome Unknown\"", labels(window))
        time.sleep(1)
        entries = log_entries(env)
        tap(entries == [("sandbox-top-pc", "create-purchase", "unknown", key)],
            "one entry, unknown, with the dialog's key", entries)

        retry = wait_for(lambda: named(window, BUTTON_ROLES, "Try Again"), 10, proc)
        tap(retry is not None and has_state(retry, Atspi.StateType.SENSITIVE) and activate(retry),
            "\"Try Again\" is offered and pressed")
        done = wait_for(lambda: CREATED in labels(window), 60, proc)
        tap(bool(done), "Try Again: the dialog says \"Purchase Order Created\"", labels(window))
        tap(any("Order number: " in t for t in labels(window)), "and names the order", labels(window))
        time.sleep(1)
        entries = log_entries(env)
        tap(entries == [("sandbox-top-pc", "create-purchase", "done", key)],
            "exactly one order: one entry with the key, done (the platform knew the key)", entries)

        close = named(window, BUTTON_ROLES, "Close")
        tap(close is not None and activate(close) and
            bool(wait_for(lambda: dialog(app, TITLE) is None, 10, proc)),
            "Close closes the dialog once the outcome is known")
        time.sleep(1)
        again = open_from_menu(app, proc, "New Purchase Order…", TITLE)
        if again is not None:
            time.sleep(1)
            tap(not any(EARLIER in t for t in labels(again)),
                "a new dialog offers no earlier order: none is unfinished", labels(again))
            tap(shown_key(again) != key, "and makes a new key")
            press_sym(KEY_ESCAPE)
            tap(bool(wait_for(lambda: dialog(app, TITLE) is None, 10, proc)),
                "Escape closes it (nothing is sent)")
            time.sleep(1)
        tap(len(log_entries(env)) == 1, "still one entry in the action log", log_entries(env))
    finally:
        stop(proc)
        shutil.rmtree(home, ignore_errors=True)


def main():
    found = programs()
    if found is None:
        return 0
    gui, _ = found

    home = tempfile.mkdtemp(prefix="dingdan-window-purchase-")
    env = window_env(home)
    proc = start(gui, env)
    try:
        app = wait_app(proc)
        if app is not None:
            window = open_from_menu(app, proc, "New Purchase Order…", TITLE)
            if window is not None:
                time.sleep(1)
                refused_empty(app, proc, env, window)
                create(app, proc, env, window)
                action_log(app, proc)
    finally:
        stop(proc)
        shutil.rmtree(home, ignore_errors=True)
    fault_run(gui)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
