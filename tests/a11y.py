"""What the window tests share: TAP output and walking the AT-SPI tree of
the app under test, as a screen reader sees it."""

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
