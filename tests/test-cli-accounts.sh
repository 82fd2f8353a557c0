#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# dingdan-cli account add|list|test|remove and sync against `dingdan-cli
# sandbox`, with the secrets in a real keyring (TAP). Needs the private
# session of build-aux/test-session.sh (DINGDAN_TEST_KEYRING=1).
# $DINGDAN_CLI is the program (meson sets it); KEEP_LOGS=DIR keeps the
# captured output there.
set -u

if [ -z "${DINGDAN_TEST_KEYRING:-}" ]; then
  echo "1..0 # SKIP no keyring"
  exit 0
fi

cli=${DINGDAN_CLI:?DINGDAN_CLI must name dingdan-cli}
py=/usr/bin/python3
tmp=$(mktemp -d)
server_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  # Whatever is left of this test's accounts in the session's keyring.
  for id in $(cat "$tmp/ids" 2>/dev/null); do secret-tool clear account-id "$id" 2>/dev/null; done
  [ -n "${KEEP_LOGS:-}" ] && cp -r "$logs" "$KEEP_LOGS"; rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Never the real data: the cache and config go under $tmp.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory
# Debug logs on where captured (run, below): they must not hold a secret either.
logs="$tmp/logs"
mkdir -p "$logs"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
check () { # check DESCRIPTION COMMAND…
  desc=$1; shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# status_is DESCRIPTION EXPECTED ACTUAL
status_is () {
  if [ "$3" -eq "$2" ]; then ok "$1"; else not_ok "$1 (exit status $3, not $2)"; sed 's/^/# /' "$logs/last.err"; fi
}
run () { # run LOGNAME ARGS… (stdin passed on); output in $logs/LOGNAME.{out,err} and last.err
  name=$1; shift
  G_MESSAGES_DEBUG=all "$cli" "$@" > "$logs/$name.out" 2> "$logs/$name.err"
  rc=$?
  cp "$logs/$name.err" "$logs/last.err"
  return $rc
}
# The id of the account called $1, from `account list --format json`.
account_id () {
  "$cli" account list --format json 2>/dev/null | "$py" -c '
import json, sys
for a in json.load(sys.stdin):
    if a["name"] == sys.argv[1]:
        print(a["id"])' "$1"
}
# count_orders ACCOUNT PLATFORM: how many orders `orders --account` prints,
# or "bad" when one is of another platform or account.
count_orders () {
  "$cli" orders --account "$1" --format json 2>/dev/null | "$py" -c '
import json, sys
orders = json.load(sys.stdin)
ok = all(o["platform"] == sys.argv[1] and o["account"] == sys.argv[2] for o in orders)
print(len(orders) if ok else "bad")' "$2" "$3"
}

# --- the platform: a sandbox server, whose default secrets the accounts use ---

"$cli" sandbox --port 0 > "$tmp/url" 2> "$logs/sandbox.err" &
server_pid=$!
i=0
while [ ! -s "$tmp/url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$tmp/url")
check "the sandbox prints its base URL" \
  sh -c 'printf "%s\n" "$1" | grep -Eq "^http://127\.0\.0\.1:[0-9]+$"' sh "$url"

# --- account add: secrets on standard input only ---

# The Taiwan shop's secrets arrive a moment late, so that the running
# process can be looked at meanwhile: they are in neither its argv nor its
# environment, nor anyone's in the process list.
(sleep 1; printf 'sandbox-secret\nsandbox-token\n') | \
  G_MESSAGES_DEBUG=all "$cli" account add --platform tw --name Shop --endpoint "$url/rest" --key 100001 \
    > "$logs/add-tw.out" 2> "$logs/add-tw.err" &
add_pid=$!
sleep 0.5
check "account add is running, waiting for its secrets" \
  sh -c 'tr "\0" " " < /proc/$1/cmdline | grep -q "account add --platform tw"' sh "$add_pid"
check "the secrets are not in account add's argv or environment" \
  sh -c '! cat /proc/$1/cmdline /proc/$1/environ | grep -aqE "sandbox-(secret|token)"' sh "$add_pid"
check "the secrets are in no process's arguments" \
  sh -c '! ps -eo args | grep -v grep | grep -qE "sandbox-(secret|token)"'
wait "$add_pid"
rc=$?
cp "$logs/add-tw.err" "$logs/last.err"
status_is "account add --platform tw succeeds" 0 "$rc"
check "account add prints the new account's name" grep -q "Shop" "$logs/add-tw.out"
tw_id=$(account_id Shop)
echo "$tw_id" >> "$tmp/ids"
check "account add prints the new account's id" sh -c '[ -n "$1" ] && grep -qF -- "$1" "$2"' sh "$tw_id" "$logs/add-tw.out"

printf 'sandbox-secret\nsandbox-token\n' | \
  run add-top account add --platform top --name TopShop --endpoint "$url/router/rest" --key 100001 --sign-method md5
status_is "account add --platform top (md5) succeeds" 0 $?
top_id=$(account_id TopShop)
echo "$top_id" >> "$tmp/ids"

printf 'sandbox-secret\n' | \
  run add-pp account add --platform pandapon --name Panda --endpoint "$url" --key 100001 --user-id u1
status_is "account add --platform pandapon succeeds" 0 $?
pp_id=$(account_id Panda)
echo "$pp_id" >> "$tmp/ids"

check "the three accounts have distinct ids" \
  sh -c '[ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ] && [ "$1" != "$2" ] && [ "$2" != "$3" ] && [ "$1" != "$3" ]' \
  sh "$tw_id" "$top_id" "$pp_id"

check "the keyring holds the Taiwan shop's app secret and access token" \
  sh -c 'secret-tool lookup account-id "$1" kind app-secret | grep -qx sandbox-secret &&
         secret-tool lookup account-id "$1" kind access-token | grep -qx sandbox-token' sh "$tw_id"

# Refused: an http endpoint that is not this computer, no secret on stdin,
# a secret in argv.
printf 'sandbox-secret\nsandbox-token\n' | \
  run add-http account add --platform tw --name Remote --endpoint http://shop.example.com/rest --key 100001
status_is "account add with an http non-loopback endpoint fails (1)" 1 $?
check "… saying the endpoint must be https" grep -qi "https" "$logs/add-http.err"

run add-empty account add --platform tw --name Empty --endpoint "$url/rest" --key 100001 < /dev/null
status_is "account add without a secret on standard input fails (1)" 1 $?
check "… saying it reads standard input" grep -qi "standard input" "$logs/add-empty.err"

printf 'sandbox-secret\n' | \
  run add-notoken account add --platform top --name NoToken --endpoint "$url/router/rest" --key 100001
status_is "account add --platform top without the session key fails (1)" 1 $?
check "… naming the session key" grep -qi "session key" "$logs/add-notoken.err"

run add-argv account add --platform tw --name Argv --key 100001 --app-secret=leaked-secret < /dev/null
status_is "account add --app-secret=… is a usage error (2)" 2 $?
check "… explained without repeating the secret" \
  sh -c 'test -s "$1" && ! grep -q leaked-secret "$1"' sh "$logs/add-argv.err"

run add-dup account add --platform pandapon --name Panda --endpoint "$url" --key 100001 --user-id u1 < /dev/null
status_is "account add with a name already taken fails (1)" 1 $?

# --- account list ---

run list account list
status_is "account list succeeds" 0 $?
check "account list shows the three accounts, and only them" "$py" - "$logs/list.out" "$tw_id" "$top_id" "$pp_id" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
body = lines[1:]
assert len(body) == 3, lines
for account_id, name, platform in zip(sys.argv[2:], ["Shop", "TopShop", "Panda"], ["tw", "top", "pandapon"]):
    row = [l for l in body if l.split()[0] == account_id]
    assert len(row) == 1, (account_id, lines)
    assert name in row[0].split() and platform in row[0].split(), row
PY

run list-json account list --format json
status_is "account list --format json succeeds" 0 $?
check "… with each account's platform, endpoint and connected state" "$py" - "$logs/list-json.out" "$url" <<'PY'
import json, sys
accounts = {a["name"]: a for a in json.load(open(sys.argv[1], encoding="utf-8"))}
url = sys.argv[2]
assert sorted(accounts) == ["Panda", "Shop", "TopShop"], accounts
assert accounts["Shop"]["platform"] == "tw" and accounts["Shop"]["endpoint"] == url + "/rest"
assert accounts["TopShop"]["platform"] == "top" and accounts["TopShop"]["sign_method"] == "md5"
assert accounts["Panda"]["platform"] == "pandapon" and accounts["Panda"]["user_id"] == "u1"
for a in accounts.values():
    assert a["state"] == "connected", a
    assert a["last_synced"] is None, a
PY

# --- account test ---

run test-tw account test Shop
status_is "account test Shop succeeds" 0 $?
check "… and says so in a sentence" test -s "$logs/test-tw.out"
run test-pp account test "$pp_id"
status_is "account test by id succeeds (PandaPon)" 0 $?
run test-none account test NoSuchShop
status_is "account test of an unknown account fails (1)" 1 $?

# --- sync, orders ---

run sync sync
status_is "sync succeeds" 0 $?
check "sync prints one line per account" test "$(wc -l < "$logs/sync.out")" -eq 3
check "sync reports the Taiwan shop's 500 orders" grep -q "^Shop: 500" "$logs/sync.out"
check "orders --account Shop: 500 Taiwan orders" test "$(count_orders Shop tw "$tw_id")" = 500
check "orders --account TopShop: 500 TOP orders" test "$(count_orders TopShop top "$top_id")" = 500
check "orders --account (by id): 100 PandaPon orders" test "$(count_orders "$pp_id" pandapon "$pp_id")" = 100
run orders-all orders --format csv
check "orders: 1100 in all (and a header)" test "$(wc -l < "$logs/orders-all.out")" -eq 1101

run list-synced account list --format json
check "account list shows when each account last synced" "$py" - "$logs/list-synced.out" <<'PY'
import json, sys
for a in json.load(open(sys.argv[1], encoding="utf-8")):
    assert a["last_synced"] is not None and a["last_error"] is None, a
PY

# --search: a buyer of the Taiwan shop.
buyer=$("$cli" orders --account Shop --format json | "$py" -c '
import json, sys
print(next(o["buyer"] for o in json.load(sys.stdin) if o["buyer"]))')
run search orders --search "$buyer" --format json
status_is "orders --search succeeds" 0 $?
check "orders --search \"$buyer\" finds that buyer's orders, and only matching ones" \
  "$py" - "$logs/search.out" "$buyer" <<'PY'
import json, sys
orders = json.load(open(sys.argv[1], encoding="utf-8"))
q = sys.argv[2].casefold()
assert orders, "nothing found"
assert any(o["buyer"] == sys.argv[2] for o in orders), orders[:3]
assert all(q in json.dumps(o, ensure_ascii=False).casefold() for o in orders)
assert len(orders) < 1100
PY
run search-none orders --search "no-such-buyer-anywhere" --format json
check "orders --search for nothing prints []" "$py" -c \
  'import json, sys; assert json.load(open(sys.argv[1])) == []' "$logs/search-none.out"

# --- a restart: a new process finds the accounts and their secrets ---

run list-again account list --format json
check "after a restart account list still shows the three accounts, connected" "$py" - "$logs/list-again.out" <<'PY'
import json, sys
accounts = json.load(open(sys.argv[1], encoding="utf-8"))
assert sorted(a["name"] for a in accounts) == ["Panda", "Shop", "TopShop"], accounts
assert all(a["state"] == "connected" for a in accounts), accounts
PY
run sync-again sync
status_is "after a restart sync succeeds again" 0 $?
run sync-one sync --account TopShop
status_is "sync --account TopShop succeeds" 0 $?
check "sync --account prints that account only" \
  sh -c 'test "$(wc -l < "$1")" -eq 1 && grep -q TopShop "$1"' sh "$logs/sync-one.out"
check "a second sync duplicates nothing" test "$(count_orders Shop tw "$tw_id")" = 500

# --- a wrong secret ---

printf 'wrong-secret\nsandbox-token\n' | \
  run add-wrong account add --platform tw --name Wrong --endpoint "$url/rest" --key 100001
status_is "account add with a wrong secret is accepted (not yet tested)" 0 $?
wrong_id=$(account_id Wrong)
echo "$wrong_id" >> "$tmp/ids"
run test-wrong account test Wrong
status_is "account test with a wrong secret fails (1)" 1 $?
check "… saying the platform refused the credentials" \
  grep -qiE "refused|credential" "$logs/test-wrong.err"
run sync-wrong sync
status_is "sync fails (1) when one account fails" 1 $?
check "… naming the failing account" grep -q "Wrong" "$logs/sync-wrong.err"
check "… while the others still sync" grep -q "^Shop: 500" "$logs/sync-wrong.out"
run remove-wrong account remove Wrong
status_is "account remove Wrong succeeds" 0 $?

# --- no keyring: cached orders stay readable, nothing needing a secret works ---

nobus="unix:path=$tmp/no-such-bus"
DBUS_SESSION_BUS_ADDRESS=$nobus run nokeyring-list account list --format json
status_is "without a keyring account list still succeeds" 0 $?
check "… saying the keyring is unavailable" "$py" - "$logs/nokeyring-list.out" <<'PY'
import json, sys
accounts = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(accounts) == 3, accounts
assert all(a["state"] == "no-keyring" and a["state_message"] for a in accounts), accounts
PY
check "without a keyring the cached orders stay readable" \
  sh -c 'DBUS_SESSION_BUS_ADDRESS=$1 "$2" orders --account TopShop --format csv | wc -l | grep -qx 501' sh "$nobus" "$cli"
printf 'sandbox-secret\nsandbox-token\n' | DBUS_SESSION_BUS_ADDRESS=$nobus \
  run nokeyring-add account add --platform tw --name Lost --endpoint "$url/rest" --key 100001
status_is "without a keyring account add fails (1)" 1 $?
check "… with a message" test -s "$logs/nokeyring-add.err"
check "… and adds nothing" test -z "$(account_id Lost)"
DBUS_SESSION_BUS_ADDRESS=$nobus run nokeyring-sync sync
status_is "without a keyring sync fails (1)" 1 $?

# --- no secret anywhere but the keyring ---

check "the configuration holds the accounts" test -n "$(find "$XDG_CONFIG_HOME" -type f)"
check "the data folder holds the cache" test -s "$XDG_DATA_HOME/dingdan/orders.db"
check "no secret in the data, configuration or cache folders" \
  sh -c '! grep -raE "sandbox-secret|sandbox-token|wrong-secret" "$1" "$2" "$3" 2>/dev/null' \
  sh "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
check "no secret in the captured output and debug logs" \
  sh -c '! grep -raE "sandbox-secret|sandbox-token|wrong-secret|leaked-secret" "$1"' sh "$logs"

# --- account remove ---

check "before removal the keyring has the Taiwan shop's secrets" \
  sh -c 'secret-tool search --all account-id "$1" 2>&1 | grep -q "account-id"' sh "$tw_id"
run remove account remove Shop
status_is "account remove Shop succeeds" 0 $?
check "… and no secret of it is left in the keyring" \
  sh -c '! secret-tool search --all account-id "$1" 2>&1 | grep -q "account-id"' sh "$tw_id"
check "… nor its orders in the cache" test "$(count_orders "$tw_id" tw "$tw_id")" = 0
check "… while the other accounts' orders stay" test "$(count_orders TopShop top "$top_id")" = 500
check "… and it is no longer listed" \
  sh -c '"$1" account list --format json | grep -q "\"Shop\"" && exit 1; exit 0' sh "$cli"

run remove-keep account remove Panda --keep-orders
status_is "account remove --keep-orders succeeds" 0 $?
check "… clearing its secrets" \
  sh -c '! secret-tool search --all account-id "$1" 2>&1 | grep -q "account-id"' sh "$pp_id"
check "… and keeping its orders" test "$(count_orders "$pp_id" pandapon "$pp_id")" = 100

run remove-none account remove Shop
status_is "removing it again fails (1)" 1 $?

kill -TERM "$server_pid"
wait "$server_pid"
server_pid=

echo "1..$n"
exit $failed
