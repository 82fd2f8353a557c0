#!/usr/bin/python3
"""Window test of accounts: with a sandbox started by `dingdan-cli sandbox`,
`dingdan` (normal mode, empty temporary XDG dirs) gets a Taobao Taiwan
account through its accounts dialog, driven over the accessibility bus
(AT-SPI) as a screen reader user would, syncs it and lists its orders; the
secrets end up in the keyring and in no file.
Runs under Xvfb in a private D-Bus session with a real gnome-keyring-daemon
(build-aux/test.sh). Prints TAP."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from a11y import (TABLE_ROLES, app_debug, find, plan, programs, running, start, stop, tap,  # noqa: E402
                  wait_app, walk, window_env)

BUTTON_ROLES = {Atspi.Role.PUSH_BUTTON}
TEXT_ROLES = {Atspi.Role.ENTRY, Atspi.Role.TEXT, Atspi.Role.PASSWORD_TEXT}
SECRET = "sandbox-secret"
TOKEN = "sandbox-token"
ACCOUNT_NAME = "My Taiwan Shop"


class Stop(Exception):
    """A step failed that the next ones need."""


def enabled(node):
    try:
        states = node.get_state_set()
        return (states.contains(Atspi.StateType.SENSITIVE)
                or states.contains(Atspi.StateType.ENABLED))
    except Exception:
        return False


def wait_for(what, timeout, proc):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and running(proc):
        found = what()
        if found:
            return found
        time.sleep(0.3)
    return None


def press(node):
    """Activates a button through its first AT-SPI action (click)."""
    try:
        action = node.get_action_iface()
        return action is not None and action.do_action(0)
    except Exception as e:
        print(f"# press failed: {e}", flush=True)
        return False


def type_into(node, text):
    try:
        editable = node.get_editable_text_iface()
        if editable is not None and editable.set_text_contents(text):
            return True
    except Exception as e:
        print(f"# set_text_contents failed: {e}", flush=True)
    return False


def files_containing(root, needle):
    hits = []
    data = needle.encode()
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                with open(path, "rb") as f:
                    if data in f.read():
                        hits.append(os.path.relpath(path, root))
            except OSError:
                continue
    return hits


def main():
    found = programs(cli=True)
    if found is None:
        return 0
    gui, cli = found
    if not os.environ.get("DINGDAN_TEST_KEYRING"):
        print("1..0 # SKIP needs the test keyring (DINGDAN_TEST_KEYRING, build-aux/test.sh)")
        return 0

    home = tempfile.mkdtemp(prefix="dingdan-window-accounts-")
    env = window_env(home, debug=False)
    app_env = app_debug(env)

    # What the sandbox's Taiwan shop holds (the CLI's in-process sandbox
    # serves the same deterministic shop as `dingdan-cli sandbox`).
    out = subprocess.run([cli, "--sandbox", "orders", "--format", "json"], env=env,
                         capture_output=True, text=True, timeout=120)
    try:
        expected = [o["order_id"] for o in json.loads(out.stdout)
                    if o.get("account") == "sandbox-tw"]
    except (ValueError, KeyError, TypeError) as e:
        expected = []
        print(f"# {e}\n# {out.stderr}", flush=True)
    tap(len(expected) >= 5, "dingdan-cli lists the sandbox's Taiwan orders",
        f"got {len(expected)}")

    sandbox = subprocess.Popen([cli, "sandbox", "--port", "0"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc = None
    try:
        base_url = sandbox.stdout.readline().strip()
        tap(base_url.startswith("http://127.0.0.1:"), "dingdan-cli sandbox prints its URL",
            f"got {base_url!r}")

        proc = start(gui, app_env, args=())
        app = wait_app(proc)
        if app is None:
            raise Stop()

        add = wait_for(lambda: find(app, BUTTON_ROLES,
                                    "Add Account"), 30, proc)
        tap(add is not None, "the empty window offers an Add Account button")
        if add is None:
            raise Stop()
        tap(press(add), "pressing Add Account opens the accounts dialog")

        # Save on the empty form: the fields it needs are read as invalid.
        def invalid(label):
            node = find(app, TEXT_ROLES, label)
            if node is None:
                return False
            node.clear_cache()
            return node.get_state_set().contains(Atspi.StateType.INVALID)

        save = wait_for(lambda: find(app, BUTTON_ROLES, "Save"), 20, proc)
        needed = ["Name", "App Key", "App Secret"]
        marked = save is not None and press(save) and \
            wait_for(lambda: all(invalid(label) for label in needed), 10, proc)
        tap(bool(marked), "Save on the empty form marks the fields it needs invalid",
            f"invalid: {[label for label in needed if invalid(label)]} of {needed}")

        fields = {
            "Name": ACCOUNT_NAME,
            "Endpoint": base_url + "/rest",
            "App Key": "100001",
            "App Secret": SECRET,
            "Access Token": TOKEN,
        }
        filled = []
        for label, value in fields.items():
            entry = wait_for(lambda label=label: find(app, TEXT_ROLES, label), 20, proc)
            if entry is not None and type_into(entry, value):
                filled.append(label)
        tap(len(filled) == len(fields), "a screen reader fills the account form by its labels",
            f"filled {filled} of {list(fields)}")
        still = [label for label in fields if invalid(label)]
        tap(not still, "typing into a field clears its invalid state", f"still invalid: {still}")
        if not filled:
            raise Stop()

        save = find(app, BUTTON_ROLES, "Save")
        tap(save is not None and press(save), "Save adds the account")

        # The account appears in the sidebar once added; it can sync once its
        # secrets are read back from the keyring.
        listed = wait_for(lambda: find(app, {Atspi.Role.LABEL}, ACCOUNT_NAME), 30, proc)
        tap(listed is not None, "the sidebar lists the new account")

        def sync_ready():
            node = find(app, BUTTON_ROLES, "Sync Orders")
            return node if node is not None and enabled(node) else None

        sync = wait_for(sync_ready, 30, proc)
        tap(sync is not None and press(sync), "the sync button syncs the new account")
        if sync is None:
            raise Stop()

        def orders_listed():
            table = None
            found = set()
            for node in walk(app):
                try:
                    role = node.get_role()
                except Exception:
                    continue
                if role in TABLE_ROLES and table is None:
                    table = node
            if table is None:
                return None
            for node in walk(table):
                try:
                    name = node.get_name() or ""
                except Exception:
                    continue
                if name in expected:
                    found.add(name)
            return found if len(found) >= 5 else None

        found = wait_for(orders_listed, 60, proc)
        tap(found is not None, "the account's orders are rows of the table",
            f"found {len(found or ())} of the sandbox's Taiwan order ids")

        config = os.path.join(env["XDG_CONFIG_HOME"], "dingdan", "accounts.ini")
        tap(os.path.exists(config), "the account is kept in the config dir")
    except Stop:
        pass
    finally:
        if proc is not None:
            stop(proc)
        sandbox.terminate()
        try:
            sandbox.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            sandbox.kill()
            sandbox.communicate()

    return finish(home)


def finish(home):
    for secret in (SECRET, TOKEN):
        hits = files_containing(home, secret)
        tap(not hits, f"the secret “{secret}” is in no file under the XDG dirs",
            f"found in {hits}")
    shutil.rmtree(home, ignore_errors=True)
    return plan()


if __name__ == "__main__":
    sys.exit(main())
