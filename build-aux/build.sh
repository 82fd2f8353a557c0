#!/bin/sh
# Configures, builds and installs Dingdan into a private prefix in the build dir.
#   build-aux/build.sh [build|test]   (which packages to make sure of first)
# DINGDAN_BUILDDIR names the build dir (_build); DINGDAN_SANITIZE=1 configures
# a new one with AddressSanitizer and UndefinedBehaviorSanitizer (any UBSan
# report fatal), as build-aux/test.sh's second run does.
set -eu
cd "$(dirname "$0")/.."
sh build-aux/deps.sh "${1:-build}"

builddir=${DINGDAN_BUILDDIR:-_build}
prefix="$PWD/$builddir/prefix"
if [ ! -f "$builddir/build.ninja" ]; then
  if [ "${DINGDAN_SANITIZE:-0}" = 1 ]; then
    # b_lundef=false: meson's advice for sanitizers (libasan is found at run time).
    meson setup "$builddir" --prefix="$prefix" -Db_sanitize=address,undefined \
      -Db_lundef=false -Dc_args=-fno-sanitize-recover=undefined >/dev/null
  else
    meson setup "$builddir" --prefix="$prefix" >/dev/null
  fi
fi
meson compile -C "$builddir" >/dev/null || meson compile -C "$builddir"
meson install -C "$builddir" --quiet >/dev/null
