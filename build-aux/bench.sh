#!/bin/sh
# The benchmarks of the README's Performance section: builds an optimised
# Dingdan in _build-bench, then runs each benchmark and prints its figures.
# They measure; they never pass or fail. Window benchmarks run under Xvfb in
# a private D-Bus session, like the tests.
#   build-aux/bench.sh [sync|incremental|query|start ...]   (default: all four)
# Environment: BENCH_ORDERS overrides each benchmark's order count (handy
# for a quick look); the 1,000,000-order cache is built once (a few minutes)
# and kept in ${XDG_CACHE_HOME:-~/.cache}/dingdan-bench.
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh test

builddir=${DINGDAN_BENCH_BUILDDIR:-_build-bench}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --buildtype=release --prefix="$PWD/$builddir/prefix" >/dev/null
fi
DINGDAN_BUILDDIR=$builddir sh build-aux/build.sh test

export DINGDAN_CLI="$PWD/$builddir/src/cli/dingdan-cli"
export DINGDAN_GUI="$PWD/$builddir/src/ui/dingdan"
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export GIO_USE_PROXY_RESOLVER=dummy

benches=${*:-sync incremental query start}
echo "Dingdan benchmarks — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)," \
  "SQLite $(pkg-config --modversion sqlite3), GTK $(pkg-config --modversion gtk4)"
for b in $benches; do
  exe="$builddir/bench/bench-$b"
  if [ ! -x "$exe" ]; then
    echo "No such benchmark: $b (try sync, incremental, query, start)" >&2
    exit 2
  fi
  echo
  echo "== bench-$b"
  set --
  [ -n "${BENCH_ORDERS:-}" ] && set -- --orders "$BENCH_ORDERS"
  case $b in
    start)
      dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
        "$exe" "$@" ;;
    *)
      "$exe" "$@" ;;
  esac
done
