#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# dingdan-cli: the sandbox command and `--sandbox orders` over every platform (TAP).
# $DINGDAN_CLI is the program (meson sets it).
set -u

cli=${DINGDAN_CLI:?DINGDAN_CLI must name dingdan-cli}
py=/usr/bin/python3
tmp=$(mktemp -d)
server_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# Never the real data: the cache and config go under $tmp.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory
# `--sandbox orders` makes its temporary cache here; it must remove it.
mkdir -p "$tmp/tmpdir"
export TMPDIR="$tmp/tmpdir"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
check () { # check DESCRIPTION COMMAND…
  desc=$1; shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# --- sandbox: prints one base URL, serves, stops on SIGTERM with status 0 ---

"$cli" sandbox --port 0 --orders 30 --seed 5 > "$tmp/url" 2> "$tmp/sandbox.err" &
server_pid=$!
i=0
while [ ! -s "$tmp/url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$tmp/url")
check "sandbox prints its base URL" \
  sh -c 'printf "%s\n" "$1" | grep -Eq "^http://127\.0\.0\.1:[0-9]+$"' sh "$url"
check "sandbox prints exactly one line" test "$(wc -l < "$tmp/url")" -eq 1

# An unsigned request is answered with Taiwan's error shape.
check "sandbox answers Taiwan's error shape" "$py" - "$url" <<'EOF'
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/rest/orders/get?Page=1", timeout=10) as r:
    assert r.headers["Content-Type"] == "application/json;charset=UTF-8", r.headers["Content-Type"]
    body = json.load(r)
assert body["type"] == "ISV" and body["code"] == "MissingParameter", body
assert sorted(body) == ["code", "message", "request_id", "type"], body
EOF

kill -TERM "$server_pid"
wait "$server_pid"
status=$?
server_pid=
check "sandbox exits 0 on SIGTERM" test "$status" -eq 0

"$cli" sandbox --port 70000 > /dev/null 2> "$tmp/err"
check "sandbox --port 70000 is a usage error (2)" test $? -eq 2
check "the usage error is explained" test -s "$tmp/err"

# --- sandbox --faults: a bad spec is a usage error naming the bad item ---

"$cli" sandbox --faults '/img/a.png=reset-after, /orders/get=http-404' > /dev/null 2> "$tmp/err"
check "sandbox --faults with a bad item is a usage error (2)" test $? -eq 2
check "... naming the bad item" grep -q '/orders/get=http-404' "$tmp/err"
check "... and not the good one" sh -c '! grep -q "/img/a.png=reset-after" "$1"' sh "$tmp/err"
"$cli" sandbox --faults 'taobao.time.get=ban@0' > /dev/null 2> "$tmp/err"
check "sandbox --faults with a zero ban is a usage error (2)" test $? -eq 2

"$cli" sandbox --port 0 --orders 10 --faults '/orders/get=http-503*2' > "$tmp/faults-url" 2> "$tmp/faults.err" &
server_pid=$!
i=0
while [ ! -s "$tmp/faults-url" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$tmp/faults-url")
check "sandbox --faults serves the faults, then answers" "$py" - "$url" <<'EOF'
import sys, urllib.error, urllib.request
for _ in range(2):
    try:
        urllib.request.urlopen(sys.argv[1] + "/rest/orders/get?Page=1", timeout=10)
        raise SystemExit("no 503")
    except urllib.error.HTTPError as e:
        assert e.code == 503, e.code
        assert e.headers["Content-Type"].startswith("text/html"), e.headers["Content-Type"]
        assert b"503 Service Unavailable" in e.read()
with urllib.request.urlopen(sys.argv[1] + "/rest/orders/get?Page=1", timeout=10) as r:
    assert r.status == 200
EOF
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=

# --- --sandbox orders --format csv ---
#
# The default sandbox (n = 500) has four accounts: the Taiwan shop (n orders),
# the TOP seller shop (n trades), TOP procurement (n/5 orders) and PandaPon
# purchasing (n/5 orders). Counts, accounts and currencies per platform:
export DD_COUNTS='{"tw": 500, "top": 500, "top-pc": 100, "pandapon": 100}'
export DD_ACCOUNTS='{"tw": "sandbox-tw", "top": "sandbox-top", "top-pc": "sandbox-top-pc", "pandapon": "sandbox-pandapon"}'
export DD_CURRENCIES='{"tw": "TWD", "top": "CNY", "top-pc": "CNY", "pandapon": "CNY"}'
all=1200

"$cli" --sandbox orders --format csv > "$tmp/orders.csv" 2> "$tmp/csv.err"
check "--sandbox orders --format csv succeeds" test $? -eq 0
check "csv has a header and $all orders ($((all + 1)) lines)" test "$(wc -l < "$tmp/orders.csv")" -eq $((all + 1))
check "csv header" test "$(head -n 1 "$tmp/orders.csv" | tr -d '\r')" = \
  "order_id,platform,account,status,raw_status,created,modified,buyer,total,currency,shipping_fee,payment_channel,cash_on_delivery,receiver,phone,address,lines"
check "csv keeps CJK intact (台灣, masked receivers like 黃**雲)" "$py" - "$tmp/orders.csv" <<'PY'
import csv, re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8")
assert "台灣" in data
rows = [r for r in list(csv.reader(data.splitlines()))[1:] if r[1] == "tw"]
masked = re.compile(r"[\u4e00-\u9fff]\*\*[\u4e00-\u9fff]")
assert rows and all(masked.fullmatch(r[13]) for r in rows), [r[13] for r in rows][:5]
PY
check "csv has no BOM" sh -c 'test "$(head -c 3 "$1" | od -An -tx1 | tr -d " ")" != "efbbbf"' sh "$tmp/orders.csv"
check "csv: every platform, with its account and its number of orders" "$py" - "$tmp/orders.csv" <<'PY'
import collections, csv, json, os, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[1:]
counts = json.loads(os.environ["DD_COUNTS"])
accounts = json.loads(os.environ["DD_ACCOUNTS"])
got = collections.Counter(r[1] for r in rows)
assert dict(got) == counts, dict(got)
bad = [(r[0], r[1], r[2]) for r in rows if accounts.get(r[1]) != r[2]]
assert not bad, bad[:5]
PY
check "csv: amounts in each platform's currency (TWD for tw, CNY for the others)" "$py" - "$tmp/orders.csv" <<'PY'
import csv, json, os, re, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[1:]
currencies = json.loads(os.environ["DD_CURRENCIES"])
bad = [(r[1], r[8], r[9]) for r in rows if r[9] != currencies[r[1]]]
assert not bad, bad[:5]
bad = [(r[1], r[8]) for r in rows if not re.fullmatch(r"\d+\.\d\d", r[8]) or r[8] == "0.00"]
assert not bad, bad[:5]
bad = [(r[1], r[10]) for r in rows if r[10] and not re.fullmatch(r"\d+\.\d\d", r[10])]
assert not bad, bad[:5]
PY
check "csv rows have 17 fields, unique ids per account, UTC times, lines" "$py" - "$tmp/orders.csv" <<'PY'
import csv, re, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[1:]
assert all(len(r) == 17 for r in rows), [len(r) for r in rows if len(r) != 17][:3]
assert len({(r[2], r[0]) for r in rows}) == len(rows), "duplicate orders"
assert all(re.fullmatch(r"\d{12}", r[0]) for r in rows if r[1] == "tw")
# TOP ids are 64-bit integers, kept exact as strings (never through a double).
assert all(re.fullmatch(r"[1-9]\d{0,18}", r[0]) for r in rows if r[1] in ("top", "top-pc"))
assert all(re.fullmatch(r"[0-9A-Za-z_-]+", r[0]) for r in rows), [r[0] for r in rows][:5]
time = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
assert all(time.fullmatch(r[5]) and time.fullmatch(r[6]) for r in rows)
assert all(r[5] <= r[6] for r in rows), "modified before created"
assert [r[5] for r in rows] == sorted((r[5] for r in rows), reverse=True), "not newest first"
# Shops sell cash on delivery (Taiwan; TOP's cod trade types), buyers never.
assert {r[12] for r in rows if r[1] == "tw"} == {"true", "false"}
assert {r[12] for r in rows if r[1] == "top"} == {"true", "false"}
assert all(r[12] == "false" for r in rows if r[1] in ("top-pc", "pandapon")), "a purchase paid on delivery"
assert all(" × " in r[16] for r in rows), [r[:2] for r in rows if " × " not in r[16]][:5]
PY
check "csv: every platform's orders have several known statuses" "$py" - "$tmp/orders.csv" <<'PY'
import collections, csv, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[1:]
statuses = collections.defaultdict(set)
for r in rows:
    statuses[r[1]].add(r[3])
assert all("unknown" not in s for s in statuses.values()), dict(statuses)
assert all(len(s) >= 3 for s in statuses.values()), dict(statuses)
PY

# The same sandbox twice: the same orders. (Their order across platforms may
# differ within a second: each platform's clock starts on its own.)
"$cli" --sandbox orders --format csv 2> /dev/null | cut -d, -f1-3 | sort > "$tmp/ids2"
check "the sandbox is deterministic" sh -c 'cut -d, -f1-3 "$1" | sort | cmp -s - "$2"' sh "$tmp/orders.csv" "$tmp/ids2"

"$cli" --sandbox orders --status unpaid > "$tmp/unpaid.csv" 2> /dev/null
check "--status unpaid lists only unpaid orders, of every platform" "$py" - "$tmp/unpaid.csv" <<'PY'
import csv, json, os, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))[1:]
assert 0 < len(rows) < 1200, len(rows)
assert all(r[3] == "unpaid" for r in rows)
assert {r[1] for r in rows} == set(json.loads(os.environ["DD_COUNTS"])), {r[1] for r in rows}
PY

# --from/--to: whole days of the user's time zone, both ends included.
days=$("$py" - "$tmp/orders.csv" <<'PY'
import csv, datetime, sys
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f))[1:]
taipei = datetime.timezone(datetime.timedelta(hours=8))
times = sorted(datetime.datetime.strptime(r[5], "%Y-%m-%dT%H:%M:%S.%fZ")
               .replace(tzinfo=datetime.timezone.utc).astimezone(taipei) for r in rows)
days = sorted({t.date() for t in times})
# The sandbox's times follow its start, so a second run shifts them by
# seconds: take days that have orders (the end day's own prove it included)
# and no order within five minutes of either edge.
def midnight(day):
    return datetime.datetime.combine(day, datetime.time(), taipei)
def clear(edge):
    return all(abs((t - edge).total_seconds()) > 300 for t in times)
pairs = [(a, b) for i, a in enumerate(days) for b in days[i + 2:i + 5]
         if clear(midnight(a)) and clear(midnight(b + datetime.timedelta(days=1)))]
a, b = pairs[len(pairs) // 2]
print(a, b)
PY
)
from_day=${days% *}
to_day=${days#* }
TZ=Asia/Taipei "$cli" --sandbox orders --from "$from_day" --to "$to_day" > "$tmp/days.csv" 2> /dev/null
check "--from $from_day --to $to_day (TZ=Asia/Taipei) lists exactly the orders of those local days" \
  "$py" - "$tmp/orders.csv" "$tmp/days.csv" "$from_day" "$to_day" <<'PY'
import csv, datetime, sys
def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[1:]
taipei = datetime.timezone(datetime.timedelta(hours=8))
def day(r):
    return (datetime.datetime.strptime(r[5], "%Y-%m-%dT%H:%M:%S.%fZ")
            .replace(tzinfo=datetime.timezone.utc).astimezone(taipei).date().isoformat())
first, last = sys.argv[3], sys.argv[4]
want = sorted((r[2], r[0]) for r in rows(sys.argv[1]) if first <= day(r) <= last)
got = sorted((r[2], r[0]) for r in rows(sys.argv[2]))
assert want and got == want, (len(want), len(got))
assert any(day(r) == last for r in rows(sys.argv[2])), "the end day is not included"
PY
"$cli" --sandbox orders --from 2026-02-30 > /dev/null 2> "$tmp/err"
check "--from 2026-02-30 is a usage error (2) that says why" \
  sh -c 'test "$1" -eq 2 && grep -q "2026-02-30" "$2"' sh $? "$tmp/err"
"$cli" --sandbox orders --from 2026-03-02 --to 2026-03-01 > /dev/null 2>&1
check "--from after --to is a usage error (2)" test $? -eq 2

"$cli" --sandbox orders --account sandbox-top --format csv > "$tmp/top.csv" 2> "$tmp/top.err"
check "--account sandbox-top succeeds" test $? -eq 0
check "--account sandbox-top lists only the TOP shop's 500 trades" "$py" - "$tmp/top.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))[1:]
assert len(rows) == 500, len(rows)
assert all(r[1] == "top" and r[2] == "sandbox-top" and r[9] == "CNY" for r in rows)
PY

"$cli" --sandbox orders --account sandbox-mars > "$tmp/out" 2> "$tmp/err"
check "--account naming no sandbox account exits 2" test $? -eq 2
check "... and names the sandbox's accounts" \
  sh -c 'grep -q "sandbox-mars" "$1" && grep -q "sandbox-pandapon" "$1" && ! test -s "$2"' sh "$tmp/err" "$tmp/out"

check "the temporary caches are removed" sh -c 'test -z "$(ls -A "$1")"' sh "$TMPDIR"

# --- --format json ---

"$cli" --sandbox orders --format json > "$tmp/orders.json" 2> "$tmp/json.err"
check "--sandbox orders --format json succeeds" test $? -eq 0
check "json parses (python3 -m json.tool)" sh -c '"$1" -m json.tool "$2" > /dev/null' sh "$py" "$tmp/orders.json"
check "json: $all objects, string ids, decimal strings, CJK" "$py" - "$tmp/orders.json" <<'PY'
import json, re, sys
orders = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(orders, list) and len(orders) == 1200, len(orders)
assert len({(o["account"], o["order_id"]) for o in orders}) == 1200
assert all(isinstance(o["order_id"], str) for o in orders)
assert all(isinstance(o["total"], str) and re.fullmatch(r"\d+\.\d\d", o["total"]) for o in orders)
assert all(isinstance(o["cash_on_delivery"], bool) for o in orders)
assert all(len(o["lines"]) >= 1 and o["lines"][0]["quantity"] >= 1 for o in orders)
assert any("台灣" in o["address"] for o in orders)
PY
check "json includes every platform, with its account and currency" "$py" - "$tmp/orders.json" <<'PY'
import collections, json, os, re, sys
orders = json.load(open(sys.argv[1], encoding="utf-8"))
counts = json.loads(os.environ["DD_COUNTS"])
accounts = json.loads(os.environ["DD_ACCOUNTS"])
currencies = json.loads(os.environ["DD_CURRENCIES"])
assert dict(collections.Counter(o["platform"] for o in orders)) == counts
bad = [o["order_id"] for o in orders
       if o["account"] != accounts[o["platform"]] or o["currency"] != currencies[o["platform"]]]
assert not bad, bad[:5]
bad = [(o["platform"], l["unit_fee"]) for o in orders for l in o["lines"]
       if not re.fullmatch(r"\d+\.\d\d", l["unit_fee"])]
assert not bad, bad[:5]
PY

# --- usage errors and help ---

"$cli" --sandbox orders --format xml > "$tmp/out" 2> "$tmp/err"
check "an invalid --format exits 2" test $? -eq 2
check "an invalid --format says why" sh -c 'grep -q "xml" "$1" && ! test -s "$2"' sh "$tmp/err" "$tmp/out"

"$cli" frobnicate > /dev/null 2>&1
check "an unknown command exits 2" test $? -eq 2
"$cli" > /dev/null 2>&1
check "no command exits 2" test $? -eq 2
"$cli" orders --status lost > /dev/null 2>&1
check "an unknown --status exits 2" test $? -eq 2

check "orders --help lists --format" sh -c '"$1" orders --help | grep -q -- "--format"' sh "$cli"
check "sandbox --help lists --port" sh -c '"$1" sandbox --help | grep -q -- "--port"' sh "$cli"
check "--help lists the commands" sh -c '"$1" --help | grep -q "sandbox"' sh "$cli"

# --- the default cache ---

"$cli" orders > "$tmp/out" 2> "$tmp/err"
check "orders without a cache fails (1) with a message" \
  sh -c 'test "$1" -eq 1 && test -s "$2" && ! test -s "$3"' sh $? "$tmp/err" "$tmp/out"
check "orders did not create a cache" test ! -e "$XDG_DATA_HOME/dingdan/orders.db"

echo "1..$n"
exit $failed
