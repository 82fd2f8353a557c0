#!/bin/sh
# Installs the Debian 12 packages Dingdan needs, when any is missing.
#   build-aux/deps.sh build   what building and running needs
#   build-aux/deps.sh test    that, plus what the test suite needs (and gcc 12's
#                             ASan and UBSan runtimes for its sanitizer run)
#   build-aux/deps.sh screenshots  that, plus what build-aux/screenshots.sh needs
#   build-aux/deps.sh fuzz    what building needs, plus clang and libFuzzer (build-aux/fuzz.sh)
# Needs root (or sudo) only when something is missing.
set -eu

build_pkgs="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libsqlite3-dev desktop-file-utils appstream libxml2-utils"
test_pkgs="xvfb xauth dbus dbus-x11 at-spi2-core gir1.2-atspi-2.0 python3-gi
  gnome-keyring libsecret-tools locales poppler-utils fonts-droid-fallback
  libasan8 libubsan1"
shot_pkgs="imagemagick xdotool optipng"
fuzz_pkgs="clang libclang-rt-14-dev"

case "${1:-build}" in
  build) pkgs=$build_pkgs ;;
  test) pkgs="$build_pkgs $test_pkgs" ;;
  screenshots) pkgs="$build_pkgs $test_pkgs $shot_pkgs" ;;
  fuzz) pkgs="$build_pkgs $fuzz_pkgs" ;;
  *) echo "usage: $0 build|test|screenshots|fuzz" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

if [ -n "$missing" ]; then
  echo "Installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The window and CLI tests run in Spanish, Simplified and Traditional
# Chinese (and English): generate those locales when `locale -a` lacks one.
if [ "${1:-build}" != build ] && [ "${1:-build}" != fuzz ]; then
  gen=""
  for l in en_US es_ES zh_CN zh_TW; do
    locale -a 2>/dev/null | grep -qix "$l.utf-\{0,1\}8" || gen="$gen $l"
  done
  if [ -n "$gen" ]; then
    echo "Generating locales:$gen" >&2
    for l in $gen; do
      if grep -q "^# *$l.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
        $sudo sed -i "s/^# *\($l.UTF-8 UTF-8\)/\1/" /etc/locale.gen
      elif ! grep -q "^$l.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null; then
        echo "$l.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
      fi
    done
    $sudo locale-gen >/dev/null
  fi
fi
