#!/bin/sh
# Configures, builds and installs Dingdan into a private prefix in the build dir.
#   build-aux/build.sh [build|test]   (which packages to make sure of first)
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh "${1:-build}"

builddir=${DINGDAN_BUILDDIR:-_build}
prefix="$PWD/$builddir/prefix"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" --prefix="$prefix" >/dev/null
fi
meson compile -C "$builddir" >/dev/null || meson compile -C "$builddir"
meson install -C "$builddir" --quiet >/dev/null
