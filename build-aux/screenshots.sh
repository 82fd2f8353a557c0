#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes the screenshots the metainfo shows, into data/screenshots/ (or the
# folder given): builds and installs Dingdan into the build dir's private
# prefix (build-aux/build.sh), starts `dingdan --sandbox` under Xvfb at
# 1280x800 in a private D-Bus session with the AT-SPI bus
# (build-aux/test-session.sh), drives it with build-aux/screenshots.py,
# which captures the window (ImageMagick's import), and optimises the PNGs
# with optipng. Installs what it needs first (build-aux/deps.sh test, which
# also generates the zh_CN locale, then deps.sh screenshots).
#   build-aux/screenshots.sh [OUT_DIR]
set -eu
cd "$(dirname "$0")/.."
out=${1:-data/screenshots}
sh build-aux/build.sh test
sh build-aux/deps.sh screenshots

builddir=${DINGDAN_BUILDDIR:-_build}
prefix="$PWD/$builddir/prefix"
export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_BACKEND=memory
mkdir -p "$out"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  sh build-aux/test-session.sh \
  /usr/bin/python3 build-aux/screenshots.py "$prefix/bin/dingdan" "$prefix/bin/dingdan-cli" "$out"

for png in "$out"/*.png; do
  optipng -quiet -o2 -strip all "$png"
done
ls -l "$out"
