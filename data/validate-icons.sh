#!/bin/sh
# validate-icons.sh: the app icons follow GNOME's rules (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: validate-icons.sh ICONS_DIR
#
# The scalable icon: well-formed SVG, 128x128, every shape a path (no
# <text>, which would need a font), no raster <image>, nothing loaded from
# outside the file. The symbolic icon: 16x16, one colour (#2e3436, which
# GTK recolours), no gradient, pattern, image, text, stroke or opacity that
# recolouring would lose. Then each check is run on a copy with a planted
# fault, and must fail there.
set -u
export LC_ALL=C
dir=${1:?icons dir}
n=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  fail=1
}

# check DESCRIPTION COMMAND...: the command passes.
check () {
  desc=$1
  shift
  if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# How many elements named $1 (any namespace) file $2 has.
count_elements () {
  xmllint --xpath "count(//*[local-name()='$1'])" "$2" 2>/dev/null
}

well_formed () {
  xmllint --noout "$1" 2>/dev/null
}

# gdk-pixbuf (and so GTK) knows an SVG by "<svg" in its first 256 bytes
# (shared-mime-info's magic); a long comment above it and the icon does
# not load at all.
sniffed () {
  head -c 256 "$1" | grep -q '<svg'
}

view_box () {
  # $1 file, $2 size: the root's viewBox, width and height.
  [ "$(xmllint --xpath 'string(/*/@viewBox)' "$1" 2>/dev/null)" = "0 0 $2 $2" ] &&
    [ "$(xmllint --xpath 'string(/*/@width)' "$1" 2>/dev/null)" = "$2" ] &&
    [ "$(xmllint --xpath 'string(/*/@height)' "$1" 2>/dev/null)" = "$2" ]
}

no_text () {
  [ "$(count_elements text "$1")" = 0 ] && [ "$(count_elements tspan "$1")" = 0 ] &&
    [ "$(count_elements textPath "$1")" = 0 ]
}

no_image () {
  [ "$(count_elements image "$1")" = 0 ] && [ "$(count_elements foreignObject "$1")" = 0 ] &&
    ! grep -qi 'data:image' "$1"
}

# Every href (plain or xlink) points inside the file, and no url() or
# @import reaches out.
no_external () {
  refs=$(xmllint --xpath "//@*[local-name()='href']" "$1" 2>/dev/null |
         sed 's/[^"]*"\([^"]*\)"/\1\n/g' | sed '/^[[:space:]]*$/d')
  for ref in $refs; do
    case $ref in
      '#'*) ;;
      *) return 1 ;;
    esac
  done
  ! grep -Eqi 'url\([[:space:]]*["'"'"']?[^#"'"'"' )]|@import' "$1"
}

# Has at least one drawn shape.
draws () {
  [ "$(xmllint --xpath "count(//*[local-name()='path' or local-name()='rect' or local-name()='circle' or local-name()='ellipse' or local-name()='polygon'])" "$1" 2>/dev/null)" -gt 0 ]
}

# The fill colours of $1, one a line, lower case, attributes and style="".
fills () {
  { xmllint --xpath "//@fill" "$1" 2>/dev/null | sed 's/ fill="/\n/g' | tr -d '"'
    grep -oiE 'fill[[:space:]]*:[[:space:]]*[^;"]+' "$1" | sed 's/^[^:]*:[[:space:]]*//'
  } | tr 'A-Z' 'a-z' | sed 's/[[:space:]]//g; /^$/d; /^none$/d' | sort -u
}

one_colour () {
  [ "$(fills "$1")" = "#2e3436" ]
}

no_paint_servers () {
  for element in linearGradient radialGradient pattern mask filter; do
    [ "$(count_elements "$element" "$1")" = 0 ] || return 1
  done
  return 0
}

# No stroke (GTK recolours fills; strokes should be converted to paths),
# no opacity and no colour set by other means than fill.
no_stroke () {
  ! grep -Eqi '(^|[[:space:];"])stroke[[:space:]]*[=:][[:space:]]*"?[[:space:]]*[^n" ;]' "$1" &&
    ! grep -Eqi '(^|[[:space:];"])(opacity|fill-opacity|stop-color|color)[[:space:]]*[=:]' "$1"
}

scalable_checks () {
  # $1 file, $2 prefix for descriptions
  check "$2 is well-formed XML" well_formed "$1"
  check "$2 is recognised as SVG by its first bytes" sniffed "$1"
  check "$2 is 128x128" view_box "$1" 128
  check "$2 draws shapes" draws "$1"
  check "$2 has no <text> (text must be paths)" no_text "$1"
  check "$2 has no raster image" no_image "$1"
  check "$2 loads nothing from outside itself" no_external "$1"
}

symbolic_checks () {
  check "$2 is well-formed XML" well_formed "$1"
  check "$2 is recognised as SVG by its first bytes" sniffed "$1"
  check "$2 is 16x16" view_box "$1" 16
  check "$2 draws shapes" draws "$1"
  check "$2 has one fill colour, #2e3436" one_colour "$1"
  check "$2 has no gradient, pattern, mask or filter" no_paint_servers "$1"
  check "$2 has no stroke, opacity or other colour" no_stroke "$1"
  check "$2 has no <text>" no_text "$1"
  check "$2 has no raster image" no_image "$1"
  check "$2 loads nothing from outside itself" no_external "$1"
}

scalable="$dir/hicolor/scalable/apps/io.github.dingdan.Dingdan.svg"
symbolic="$dir/hicolor/symbolic/apps/io.github.dingdan.Dingdan-symbolic.svg"

scalable_checks "$scalable" "scalable icon"
symbolic_checks "$symbolic" "symbolic icon"

# Planted faults: CHECK ICON SED-SCRIPT DESCRIPTION; the check must fail on
# the icon changed by the sed script.
planted () {
  fn=$1 icon=$2 script=$3 desc=$4
  copy="$tmp/planted.svg"
  if ! sed "$script" "$icon" > "$copy" || [ ! -s "$copy" ] || cmp -s "$copy" "$icon"; then
    not_ok "planted fault (sed script failed or changed nothing): $desc"
  elif "$fn" "$copy" 128 || "$fn" "$copy" 16; then
    not_ok "a planted fault is found: $desc"
  else
    ok "a planted fault is found: $desc"
  fi
}

planted well_formed "$scalable" 's|</svg>|</svg|' "scalable icon cut short"
planted sniffed "$scalable" '2a\
<!-- A long comment above the root element: gdk-pixbuf sniffs only the first 256 bytes for the svg tag, and then reads this file as an unknown image format, so the icon is not shown. -->' "scalable icon with a long comment above <svg>"
planted view_box "$scalable" 's|viewBox="0 0 128 128"|viewBox="0 0 48 48"|' "scalable icon at 48x48"
planted no_text "$scalable" 's|</svg>|<text x="0" y="9">订</text></svg>|' "scalable icon with a <text>"
planted no_image "$scalable" 's|</svg>|<image href="slip.png" width="8" height="8"/></svg>|' "scalable icon with a raster image"
planted no_image "$scalable" 's|</svg>|<image href="data:image/png;base64,AAAA" width="8" height="8"/></svg>|' "scalable icon with an embedded PNG"
planted no_external "$scalable" 's|fill="url(#paper)"|fill="url(other.svg#paper)"|' "scalable icon using another file's gradient"
planted no_external "$scalable" 's|</svg>|<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://example.com/a.svg#x"/></svg>|' "scalable icon with an external xlink:href"
planted draws "$symbolic" 's|<path[^>]*/>||' "symbolic icon without a shape"
planted view_box "$symbolic" 's|viewBox="0 0 16 16"|viewBox="0 0 24 24"|' "symbolic icon at 24x24"
planted one_colour "$symbolic" 's|fill="#2e3436"|fill="#3584e4"|' "symbolic icon in blue"
planted one_colour "$symbolic" 's|</svg>|<rect width="2" height="2" style="fill:#ff0000"/></svg>|' "symbolic icon with a second colour in style"
planted no_paint_servers "$symbolic" 's|</svg>|<defs><linearGradient id="g"/></defs></svg>|' "symbolic icon with a gradient"
planted no_stroke "$symbolic" 's|fill="#2e3436"|fill="#2e3436" stroke="#2e3436"|' "symbolic icon with a stroke"
planted no_stroke "$symbolic" 's|fill="#2e3436"|fill="#2e3436" opacity="0.5"|' "symbolic icon with an opacity"
planted no_text "$symbolic" 's|</svg>|<text>D</text></svg>|' "symbolic icon with a <text>"
planted no_image "$symbolic" 's|</svg>|<image href="a.png"/></svg>|' "symbolic icon with an image"

echo "1..$n"
exit $fail
