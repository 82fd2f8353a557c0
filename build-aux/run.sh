#!/bin/sh
# The README's first command: installs what is missing, builds, and opens
# Dingdan on its built-in sandbox shop. Extra arguments go to dingdan.
set -eu
cd "$(dirname "$0")/.."
sh build-aux/build.sh build
prefix="$PWD/${DINGDAN_BUILDDIR:-_build}/prefix"
export XDG_DATA_DIRS="$prefix/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$prefix/bin/dingdan" --sandbox "$@"
