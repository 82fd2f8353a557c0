#!/bin/sh
# Installs the Debian 12 packages Dingdan needs, when any is missing.
#   build-aux/deps.sh build   what building and running needs
#   build-aux/deps.sh test    that, plus what the test suite needs
# Needs root (or sudo) only when something is missing.
set -eu

build_pkgs="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libsqlite3-dev desktop-file-utils appstream libxml2-utils"
test_pkgs="xvfb xauth dbus dbus-x11 at-spi2-core gir1.2-atspi-2.0 python3-gi
  gnome-keyring libsecret-tools locales poppler-utils fonts-droid-fallback"

case "${1:-build}" in
  build) pkgs=$build_pkgs ;;
  test) pkgs="$build_pkgs $test_pkgs" ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
