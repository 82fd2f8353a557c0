#!/bin/sh
# Runs one window test in a session of its own: an X server (Xvfb, its
# display number chosen by the server itself, so two can start at once), a
# private runtime folder, and a private D-Bus session with the AT-SPI bus
# and keyring of test-session.sh. Synthesised keys and clicks go to the
# display's focused window, so two window tests can only run side by side
# on two displays.
#   build-aux/window-session.sh COMMAND [ARG…]
set -eu
here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d)
xvfb=""
child=""
cleanup () {
  # The session and everything in it: the child leads its process group.
  [ -n "$child" ] && kill -TERM "-$child" 2>/dev/null
  if [ -n "$xvfb" ]; then
    kill "$xvfb" 2>/dev/null
    wait "$xvfb" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkfifo "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp \
  3>"$tmp/displayfd" >"$tmp/xvfb.log" 2>&1 &
xvfb=$!
display=""
read -r display <"$tmp/displayfd" || true
if [ -z "$display" ]; then
  echo "Bail out! Xvfb did not start" >&2
  cat "$tmp/xvfb.log" >&2
  exit 1
fi
export DISPLAY=":$display"
unset WAYLAND_DISPLAY
# Never the desktop's runtime folder (its keyring), nor another test's.
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"

status=0
setsid dbus-run-session -- sh "$here/test-session.sh" "$@" &
child=$!
wait "$child" || status=$?
child=""
exit $status
