#!/bin/sh
# Checks that the app icons are well-formed SVG of the expected sizes (TAP).
dir=$1
n=0; fail=0
check () {
  n=$((n + 1))
  if "$@"; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; fail=1; fi
}
scalable="$dir/hicolor/scalable/apps/io.github.dingdan.Dingdan.svg"
symbolic="$dir/hicolor/symbolic/apps/io.github.dingdan.Dingdan-symbolic.svg"
desc="scalable icon is well-formed XML"; check xmllint --noout "$scalable"
desc="symbolic icon is well-formed XML"; check xmllint --noout "$symbolic"
desc="scalable icon is 128x128"; check grep -q 'viewBox="0 0 128 128"' "$scalable"
desc="symbolic icon is 16x16"; check grep -q 'viewBox="0 0 16 16"' "$symbolic"
echo "1..$n"
exit $fail
