#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# dingdan-cli note: show, set, clear, --stdin, and its errors (TAP), on a
# cache synced from `dingdan-cli sandbox` by two accounts of the same shop
# (so every order id is cached twice: --account must choose). Needs the
# keyring of build-aux/test-session.sh (sync reads the secrets there): runs
# under build-aux/window-session.sh. $DINGDAN_CLI is the program.
set -u

if [ -z "${DINGDAN_TEST_KEYRING:-}" ]; then
  echo "1..0 # SKIP no keyring"
  exit 0
fi

cli=${DINGDAN_CLI:?DINGDAN_CLI must name dingdan-cli}
tmp=$(mktemp -d)
server_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  for name in NoteA NoteB; do "$cli" account remove "$name" > /dev/null 2>&1; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory LC_ALL=C.UTF-8
unset G_MESSAGES_DEBUG
db="$XDG_DATA_HOME/dingdan/orders.db"

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; sed 's/^/# /' "$tmp/err" 2>/dev/null | head -5; }
check () { # check DESCRIPTION COMMAND…
  desc=$1; shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
run () { "$cli" "$@" > "$tmp/out" 2> "$tmp/err"; }
# status_is DESCRIPTION EXPECTED ACTUAL
status_is () { if [ "$3" -eq "$2" ]; then ok "$1"; else not_ok "$1 (exit status $3, not $2)"; fi; }
# The note of ORDER-ID for account $a as stored, via the CLI.
note_of () { "$cli" note --account "$a" "$1" 2>/dev/null; }
marks_count () { /usr/bin/python3 -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM order_marks WHERE note IS NOT NULL").fetchone()[0])' "$db"; }

# --- before any cache ---

run note 123
status_is "note without a cache fails (1)" 1 $?
check "… saying there is no cache yet" grep -q "no order cache" "$tmp/err"

# --- a cache: two accounts of one sandbox shop ---

"$cli" sandbox --port 0 --orders 40 > "$tmp/url" 2> /dev/null &
server_pid=$!
i=0
while [ ! -s "$tmp/url" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$tmp/url")
for name in NoteA NoteB; do
  printf 'sandbox-secret\nsandbox-token\n' | \
    "$cli" account add --platform tw --name "$name" --endpoint "$url/rest" --key 100001 > /dev/null 2>&1
done
run sync
status_is "two accounts of one shop sync" 0 $?
"$cli" orders --account NoteA > "$tmp/orders.csv"
id1=$(sed -n 2p "$tmp/orders.csv" | cut -d, -f1)
id2=$(sed -n 3p "$tmp/orders.csv" | cut -d, -f1)
a=$(sed -n 2p "$tmp/orders.csv" | cut -d, -f3)
check "orders shows the ids to name" sh -c '[ -n "$1" ] && [ -n "$2" ] && [ -n "$3" ]' sh "$id1" "$id2" "$a"

# --- set, show, clear ---

run note "$id1" "ambiguous"
status_is "note of an order id two accounts have, without --account, fails (1)" 1 $?
check "… asking for --account" grep -q -- "--account" "$tmp/err"
check "… and writes nothing" test "$(marks_count)" -eq 0

run note --account NoteA "$id1" "Call the buyer — 先打電話"
status_is "note --account NAME ORDER-ID TEXT succeeds" 0 $?
check "… and confirms it" grep -qF "Saved the note of order $id1" "$tmp/out"
run note --account "$a" "$id1"
status_is "note --account ID ORDER-ID succeeds" 0 $?
check "… printing the note exactly" test "$(cat "$tmp/out")" = "Call the buyer — 先打電話"
check "the note is the account's only: the other account's order has none" \
  sh -c '"$1" note --account NoteB "$2" 2>/dev/null | grep -c . | grep -qx 0' sh "$cli" "$id1"

run note --account NoteA --clear "$id1"
status_is "note --clear succeeds" 0 $?
check "… and says it removed it" grep -qF "Removed the note of order $id1" "$tmp/out"
run note --account NoteA "$id1"
status_is "note of an order without one succeeds" 0 $?
check "… printing nothing on stdout" test ! -s "$tmp/out"
check "… saying it has no note" grep -q "has no note" "$tmp/err"

# --- --stdin ---

printf '%s\tfirst\n\nbad line\n999999\tno such order\n%s\tsecond\tkeeps\ttabs\n%s\t\n' \
  "$id1" "$id2" "$id1" | run note --stdin --account NoteA
status_is "note --stdin with bad lines fails (1)" 1 $?
check "… acknowledging each written note: line, order id, saved or cleared" \
  test "$(cat "$tmp/out")" = "$(printf '1\t%s\tsaved\n5\t%s\tsaved\n6\t%s\tcleared' "$id1" "$id2" "$id1")"
check "… naming the bad line by its number" grep -q "Line 3: " "$tmp/err"
check "… and the unknown order's line" grep -q "Line 4: .*999999" "$tmp/err"
check "the text after the first TAB is the note, tabs and all" \
  test "$(note_of "$id2")" = "$(printf 'second\tkeeps\ttabs')"
check "an empty text cleared the note" test -z "$(note_of "$id1")"

printf '%s\tbatch 1\n%s\tbatch 2\n' "$id1" "$id2" | run note --stdin --account NoteA
status_is "note --stdin of good lines succeeds" 0 $?
check "… two acknowledgements" test "$(wc -l < "$tmp/out")" -eq 2
check "… both notes written" sh -c '[ "$1" = "batch 1" ] && [ "$2" = "batch 2" ]' sh "$(note_of "$id1")" "$(note_of "$id2")"

# --- usage errors ---

run note
status_is "note without an order id is a usage error (2)" 2 $?
run note --stdin "$id1"
status_is "note --stdin with an order id is a usage error (2)" 2 $?
run note --clear "$id1" text
status_is "note --clear with a text is a usage error (2)" 2 $?
run --sandbox note "$id1" text
status_is "--sandbox note is a usage error (2)" 2 $?
run note --account NoteA 999999 text
status_is "note of an unknown order fails (1)" 1 $?
check "… saying so" grep -q "no order “999999”" "$tmp/err"
run note --help
check "note --help names the order_id column" grep -q "order_id" "$tmp/out"

# --- a full disk: the write fails as a whole ---

before=$(marks_count)
big=$(head -c 120000 /dev/zero | tr '\0' 'x')
DINGDAN_CLI_CACHE_MAX_PAGES=1 "$cli" note --account NoteA "$id2" "$big" > "$tmp/out" 2> "$tmp/err"
status_is "a note on a full disk fails (1)" 1 $?
check "… saying the disk is full" grep -q "disk is full" "$tmp/err"
check "… confirming nothing" test ! -s "$tmp/out"
check "… and the old note stays" test "$(note_of "$id2")" = "batch 2"
printf '%s\tsmall\n%s\t%s\n%s\tafter\n' "$id1" "$id2" "$big" "$id1" | \
  DINGDAN_CLI_CACHE_MAX_PAGES=1 "$cli" note --stdin --account NoteA > "$tmp/out" 2> "$tmp/err"
status_is "note --stdin on a full disk fails (1)" 1 $?
check "… stopping at the line that could not be written" grep -q "Line 2: .*disk is full" "$tmp/err"
check "… having acknowledged only the line before" \
  test "$(cat "$tmp/out")" = "$(printf '1\t%s\tsaved' "$id1")"
check "… which is there, and nothing after" \
  sh -c '[ "$1" = small ] && [ "$2" = "batch 2" ]' sh "$(note_of "$id1")" "$(note_of "$id2")"
check "the number of notes did not change" test "$(marks_count)" -eq "$before"

echo "1..$n"
exit $failed
