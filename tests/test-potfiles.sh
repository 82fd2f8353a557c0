#!/bin/sh
# po/POTFILES.in must list exactly the files with translatable strings (TAP).
set -u
export LC_ALL=C
top=${1:?source root}
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Files that mark strings: C sources using the gettext macros, templates with
# translatable="yes", and the data files that carry translatable keys.
{
  grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext|g_dpgettext2)[[:space:]]*\(' \
    --include='*.c' src 2>/dev/null
  grep -rl 'translatable="yes"' --include='*.ui' src 2>/dev/null
  ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml 2>/dev/null
} | sort -u > "$tmp/marked"

grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in | sort > "$tmp/listed"

n=0; fail=0
n=$((n + 1))
missing=$(comm -23 "$tmp/marked" "$tmp/listed")
if [ -z "$missing" ]; then echo "ok $n - every file with marked strings is listed"
else echo "not ok $n - not in po/POTFILES.in:"; echo "$missing" | sed 's/^/# /'; fail=1; fi

n=$((n + 1))
stale=""
while read -r f; do [ -e "$f" ] || stale="$stale $f"; done < "$tmp/listed"
if [ -z "$stale" ]; then echo "ok $n - every listed file exists"
else echo "not ok $n - listed but missing:$stale"; fail=1; fi

n=$((n + 1))
if grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in | sort -c 2>/dev/null; then
  echo "ok $n - po/POTFILES.in is sorted"
else echo "not ok $n - po/POTFILES.in is not sorted"; fail=1; fi

echo "1..$n"
exit $fail
