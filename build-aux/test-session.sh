#!/bin/sh
# Runs inside the private D-Bus session and X server of build-aux/test.sh:
# starts the AT-SPI bus so window tests see the accessibility tree and an
# unlocked gnome-keyring-daemon (secrets only, its files in a temporary
# folder) so keyring tests use the real thing; then runs the command it is
# given and stops them.
set -eu
session_tmp=$(mktemp -d)
trap 'kill $(cat "$session_tmp"/pids 2>/dev/null) 2>/dev/null; rm -rf "$session_tmp"' EXIT INT TERM
: > "$session_tmp/pids"

if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -w "${XDG_RUNTIME_DIR:-/nonexistent}" ]; then
  export XDG_RUNTIME_DIR="$session_tmp/runtime"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
fi

for launcher in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
  if [ -x "$launcher" ]; then
    "$launcher" --launch-immediately >/dev/null 2>&1 &
    echo $! >> "$session_tmp/pids"
    break
  fi
done

if command -v gnome-keyring-daemon >/dev/null; then
  mkdir -p "$session_tmp/keyring-data"
  # The password unlocks (and first creates) the test login keyring. The
  # daemon must not inherit the tests' debug settings (fatal warnings).
  printf 'dingdan-test' | env -u G_DEBUG -u G_MESSAGES_DEBUG \
    XDG_DATA_HOME="$session_tmp/keyring-data" \
    gnome-keyring-daemon --unlock --components=secrets --daemonize > "$session_tmp/keyring.env"
  # --daemonize returns before the daemon owns its bus name; asking before
  # then would D-Bus-activate a second, locked daemon on the real $HOME.
  i=0
  while [ $i -lt 100 ]; do
    if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
         --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
       grep -q true; then
      break
    fi
    i=$((i + 1))
    sleep 0.1
  done
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.GetConnectionUnixProcessID org.freedesktop.secrets 2>/dev/null |
    sed -n 's/^(uint32 \([0-9]*\),)$/\1/p' >> "$session_tmp/pids"
  export DINGDAN_TEST_KEYRING=1
fi

# Accessibility on for GTK (it asks the session bus for org.a11y.Bus).
export GTK_A11Y=atspi
unset NO_AT_BRIDGE
status=0
"$@" || status=$?
exit $status
