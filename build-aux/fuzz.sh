#!/bin/sh
# Runs every libFuzzer target of fuzz/ for a fixed number of executions.
#
#   build-aux/fuzz.sh [--record] [EXECUTIONS] [TARGET…]
#
# Installs clang and libclang-rt when missing (build-aux/deps.sh fuzz),
# configures _build-fuzz/ with CC=clang and -Dfuzz=true, builds the targets,
# and runs each one with -runs=EXECUTIONS (default 1000000) on a copy of its
# seed corpus (fuzz/corpus/<target>/, plus fuzz/<target>.dict when present).
# --record first rewrites fuzz/corpus/ from sandbox traffic (fuzz-record).
# Prints one table row per target: executions, exec/s, seconds, crashes;
# crash, leak and timeout inputs are kept in _build-fuzz/fuzz-artifacts/.
# Exits 1 when any target found something.
#
# fuzz-sandbox-request is fuzzed with libFuzzer's per-input leak check off
# (libsoup 3.2.3 leaks a GSocket per connection, see fuzz/lsan.supp; the
# check would fire on every input and stacks through GLib need the slow
# unwinder), then its whole final corpus is replayed once more with the full
# leak check, suppressions applied: that pass is the "leaks" column.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

cd "$(dirname "$0")/.."
root=$(pwd)
build=_build-fuzz

record=false
if [ "${1:-}" = --record ]; then
  record=true
  shift
fi
runs=${1:-1000000}
[ $# -gt 0 ] && shift
case $runs in
  ''|*[!0-9]*) echo "usage: $0 [--record] [EXECUTIONS] [TARGET…]" >&2; exit 2 ;;
esac

all_targets="fuzz-tw-parse fuzz-top-parse fuzz-pp-parse fuzz-sku-info fuzz-receiver
  fuzz-order-line-list fuzz-money fuzz-time fuzz-sandbox-request"
targets=${*:-$all_targets}

build-aux/deps.sh fuzz

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzz=true >/dev/null
else
  meson configure "$build" -Dfuzz=true >/dev/null
fi
# shellcheck disable=SC2086
ninja -C "$build" $(for t in $targets; do printf 'fuzz/%s ' "$t"; done) fuzz/fuzz-record >/dev/null

if $record; then
  rm -rf fuzz/corpus
  "$build/fuzz/fuzz-record" fuzz/corpus
fi

export G_SLICE=always-malloc
export GSETTINGS_BACKEND=memory
export LSAN_OPTIONS="suppressions=$root/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0}"

work=$build/fuzz-work
artifacts=$build/fuzz-artifacts
mkdir -p "$artifacts"

stat_of () {
  sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -n 1
}

printf '| target | executions | exec/s | seconds | crashes |\n'
printf '|---|---:|---:|---:|---:|\n'
failed=0
for t in $targets; do
  rm -rf "${work:?}/$t"
  mkdir -p "$work/$t"
  if [ -d "fuzz/corpus/$t" ]; then
    cp fuzz/corpus/"$t"/* "$work/$t/" 2>/dev/null || true
  fi
  set -- -runs="$runs" -print_final_stats=1 -artifact_prefix="$artifacts/$t-" -rss_limit_mb=4096
  [ -f "fuzz/$t.dict" ] && set -- "$@" -dict="fuzz/$t.dict"
  leaks=1
  if [ "$t" = fuzz-sandbox-request ]; then
    set -- "$@" -detect_leaks=0
    leaks=0
  fi
  marker=$work/$t.start
  : >"$marker"
  log=$work/$t.log
  start=$(date +%s%N)
  status=0
  ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=$leaks" "$build/fuzz/$t" "$@" "$work/$t" >"$log" 2>&1 || status=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  execs=$(stat_of number_of_executed_units "$log")
  seconds=$(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }')
  rate=$(awk -v n="${execs:-0}" -v ms="$ms" 'BEGIN { printf "%d", (ms > 0 ? n * 1000 / ms : n) }')

  if [ "$t" = fuzz-sandbox-request ] && [ "$status" = 0 ]; then
    # The leak pass: every input of the final corpus, full stacks, leak check at exit.
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=1:fast_unwind_on_malloc=0" \
      "$build/fuzz/$t" -runs=0 "$work/$t" >"$work/$t.leaks.log" 2>&1 || status=$?
  fi

  crashes=$(find "$artifacts" -name "$t-*" -newer "$marker" | wc -l)
  if [ "$status" != 0 ] && [ "$crashes" = 0 ]; then
    crashes=1  # died without an artifact (e.g. the leak pass): see the log
  fi
  [ "$crashes" = 0 ] || failed=1
  printf '| %s | %s | %s | %s | %s |\n' "$t" "${execs:-?}" "${rate:-?}" "$seconds" "$crashes"
  [ "$crashes" = 0 ] || echo "  $t: see $log and $artifacts/$t-*" >&2
done
exit $failed
