#!/usr/bin/python3
"""Counts test results from meson's testlog.json: every TAP line of a TAP
test counts once; other tests count once by their result. Prints
"N passed, N failed" (and skipped) as its last line; exits 1 on failures.
Each failure is listed with the first lines of its TAP diagnostics, so the
tail of a CI log says why."""
import json
import re
import sys

DIAG_LINES = 8
passed = failed = skipped = 0
failures = []
try:
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
except OSError as e:
    print(f"no test log: {e}")
    print("0 passed, 1 failed")
    sys.exit(1)

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
            failures.append(f"{name}: {result} (crashed or timed out)")
    elif result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
        failures.append(f"{name}: {result}")

for f in failures:
    print("FAILED", f)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
