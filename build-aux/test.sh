#!/bin/sh
# The README's second command: installs what is missing, builds, and runs every
# test — the GTest programs that need a display or the keyring under Xvfb in
# a private D-Bus session, each window test in a session of its own
# (window-session.sh) — then prints "N passed, N failed" (each GTest case
# counts once).
# Extra arguments go to `meson test` (e.g. --suite core).
set -eu
cd "$(dirname "$0")/.."
sh build-aux/build.sh test
builddir=${DINGDAN_BUILDDIR:-_build}

status=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  sh build-aux/test-session.sh meson test -C "$builddir" --print-errorlogs \
    --num-processes 2 "$@" || status=$?

/usr/bin/python3 build-aux/count-tests.py "$builddir/meson-logs/testlog.json" || status=1
exit $status
