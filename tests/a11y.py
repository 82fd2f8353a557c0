"""What the window tests share: TAP output and walking the AT-SPI tree of
the app under test, as a screen reader sees it."""

import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

results = []


def tap(ok, desc, diag=None):
    """Prints one TAP line (and the diagnostics of a failure)."""
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {desc}", flush=True)
    if diag and not ok:
        for line in str(diag).splitlines():
            print(f"# {line}", flush=True)


def plan():
    """Prints the TAP plan; the exit status of the test."""
    print(f"1..{len(results)}")
    return 0 if all(results) else 1


def walk(node, depth=0, limit=20000, seen=None):
    """Yields every accessible under node (bounded, cycle-safe)."""
    if seen is None:
        seen = [0]
    if node is None or depth > 60 or seen[0] > limit:
        return
    seen[0] += 1
    yield node
    try:
        n = node.get_child_count()
    except Exception:
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1, limit, seen)


def find_app(pid):
    """The accessible application of process pid, or None."""
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


TABLE_ROLES = {Atspi.Role.TABLE, Atspi.Role.TREE_TABLE}


def wait_for(what, timeout, proc):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            found = what()
        except Exception as e:  # objects vanish while the list changes
            print(f"# retrying: {e}", flush=True)
            found = None
        if found:
            return found
        time.sleep(0.3)
    return None


def find(app, roles, name=None):
    for node in walk(app):
        try:
            if node.get_role() in roles and (name is None or (node.get_name() or "") == name):
                return node
        except Exception:
            continue
    return None


def has_state(node, state):
    try:
        return node.get_state_set().contains(state)
    except Exception:
        return False


def cell_text(row, column):
    cell = row.get_child_at_index(column)
    label = cell.get_child_at_index(0) if cell is not None and cell.get_child_count() else None
    name = (label.get_name() or "") if label is not None else ""
    return "" if name == "GtkLabel" else name  # an empty label is named by its type


def click(node):
    """A click in the middle of node, through the accessibility registry
    (XTest under Xvfb). The window sits at the screen's origin."""
    ext = node.get_extents(Atspi.CoordType.WINDOW)
    return Atspi.generate_mouse_event(ext.x + ext.width // 2, ext.y + ext.height // 2, "b1c")


def detail_shows(app, text):
    """Whether a label outside the order table (the detail pane) says text."""
    for node in walk(app):
        try:
            if node.get_role() == Atspi.Role.LABEL and node.get_name() == text:
                parent, inside_table = node.get_parent(), False
                for _ in range(8):
                    if parent is None:
                        break
                    if parent.get_role() in TABLE_ROLES:
                        inside_table = True
                        break
                    parent = parent.get_parent()
                if not inside_table:
                    return True
        except Exception:
            continue
    return False
