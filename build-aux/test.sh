#!/bin/sh
# The README's second command: installs what is missing, builds, and runs every
# test — the GTest programs that need a display or the keyring under Xvfb in
# a private D-Bus session, each window test in a session of its own
# (window-session.sh) — then builds again with AddressSanitizer and
# UndefinedBehaviorSanitizer (<builddir>-asan, build.sh's DINGDAN_SANITIZE)
# and runs the whole suite a second time under them, LeakSanitizer checking
# the core, sandbox and cli suites (tests/meson.build's sanitizer_env). Prints
# "N passed, N failed" over both runs (each GTest case counts once).
# Extra arguments go to both `meson test` runs (e.g. --suite core).
# DINGDAN_SANITIZERS=0 skips the second run (a quicker local check; CI never).
set -eu
cd "$(dirname "$0")/.."
builddir=${DINGDAN_BUILDDIR:-_build}
asan_builddir=$builddir-asan

status=0
run_suite () {
  dir=$1
  shift
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
    sh build-aux/test-session.sh meson test -C "$dir" --print-errorlogs \
      --num-processes 2 "$@" || status=$?
}

sh build-aux/build.sh test
run_suite "$builddir" "$@"
logs="normal=$builddir/meson-logs/testlog.json"

if [ "${DINGDAN_SANITIZERS:-1}" != 0 ]; then
  echo "Sanitizer run (ASan + UBSan + LSan) in $asan_builddir" >&2
  # A stale log must not count if this build fails.
  rm -f "$asan_builddir/meson-logs/testlog.json"
  if DINGDAN_BUILDDIR=$asan_builddir DINGDAN_SANITIZE=1 sh build-aux/build.sh test; then
    # ASan and the slow unwinder LeakSanitizer needs make everything 2 to
    # 60 times slower (the volume cases run smaller: tests/test-volume.h):
    # the tests' own timeouts stretch.
    run_suite "$asan_builddir" --timeout-multiplier 5 "$@"
  else
    echo "The sanitizer build failed" >&2
    status=1
  fi
  logs="$logs sanitizers=$asan_builddir/meson-logs/testlog.json"
fi

# shellcheck disable=SC2086
/usr/bin/python3 build-aux/count-tests.py $logs || status=1
exit $status
