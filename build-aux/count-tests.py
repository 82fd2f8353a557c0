#!/usr/bin/python3
"""Counts test results from meson's testlog.json files: every TAP line of a
TAP test counts once; other tests count once by their result.
  count-tests.py [NAME=]testlog.json…
build-aux/test.sh passes two: normal=_build/… and sanitizers=_build-asan/….
Prints each run's count, then "N passed, N failed" (and skipped) over all of
them as its last line; exits 1 on failures. Each failure is listed with its
run and the first lines of its TAP diagnostics (or, for a test that crashed,
of its stderr: a sanitizer's report), so the tail of a CI log says why."""
import json
import re
import sys

DIAG_LINES = 8


def count(path):
    """Returns (passed, failed, skipped, failures) of one testlog.json."""
    passed = failed = skipped = 0
    failures = []
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        return 0, 1, 0, [f"no test log: {e}"]

    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        name, result = t["name"], t["result"]
        out = t.get("stdout") or ""
        tap_ok = tap_fail = tap_skip = 0
        out_lines = out.splitlines()
        for i, l in enumerate(out_lines):
            m = re.match(r"^\s*(not ok|ok)\b(.*)$", l)
            if not m:
                continue
            directive = m.group(2)
            if re.search(r"#\s*SKIP", directive, re.I):
                tap_skip += 1
            elif m.group(1) == "ok" or re.search(r"#\s*TODO", directive, re.I):
                tap_ok += 1
            else:
                tap_fail += 1
                diag = []
                for d in out_lines[i + 1:i + 1 + DIAG_LINES]:
                    if not d.lstrip().startswith("#"):
                        break
                    diag.append(d.strip()[:200])
                failures.append(f"{name}: {l.strip()}" + "".join(f"\n    {d}" for d in diag))
        if tap_ok or tap_fail or tap_skip:
            passed += tap_ok
            failed += tap_fail
            skipped += tap_skip
            if result not in ("OK", "SKIP", "EXPECTEDFAIL") and tap_fail == 0:
                failed += 1
                failures.append(f"{name}: {result} (crashed or timed out)" + report(t))
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(f"{name}: {result}" + report(t))
    return passed, failed, skipped, failures


def report(t):
    """The first lines of a sanitizer's report in a test's stderr, if any."""
    err = (t.get("stderr") or "").splitlines()
    for i, l in enumerate(err):
        if re.search(r"ERROR: (Address|Leak)Sanitizer|runtime error:", l):
            return "".join(f"\n    {d.strip()[:200]}" for d in err[i:i + DIAG_LINES])
    return ""


runs = []
for arg in sys.argv[1:] or ["testlog.json"]:
    label, sep, path = arg.partition("=")
    if not sep:
        label, path = "", arg
    runs.append((label, count(path)))

total = [0, 0, 0]
for label, (passed, failed, skipped, failures) in runs:
    prefix = f"[{label}] " if label else ""
    for f in failures:
        print(f"FAILED {prefix}{f}")
    total = [total[0] + passed, total[1] + failed, total[2] + skipped]
if len(runs) > 1:
    for label, (passed, failed, skipped, _) in runs:
        verdict = "FAILED" if failed else "ok"
        print(f"{label} run: {passed} passed, {failed} failed, {skipped} skipped ({verdict})")
print(f"{total[0]} passed, {total[1]} failed, {total[2]} skipped")
sys.exit(1 if total[1] else 0)
