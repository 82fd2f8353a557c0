#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every language in po/LINGUAS translates every string the sources mark, with
# no fuzzy entries, and each catalogue passes msgfmt --check (TAP). Also
# (tests/po-lint.py): every msgid with a placeholder has a Translators
# comment, counts use plural forms, each catalogue has its language's
# canonical Plural-Forms and no English left.
set -u
export LC_ALL=C
top=${1:?source root}
cd "$top" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=$(grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in)
# The same keywords as meson's i18n "glib" preset.
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 --add-comments=Translators --package-name=dingdan \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  -o "$tmp/dingdan.pot" $files 2>"$tmp/xgettext.err"
n=0; fail=0
n=$((n + 1))
if [ -s "$tmp/dingdan.pot" ]; then echo "ok $n - strings extracted"
else echo "not ok $n - xgettext failed"; sed 's/^/# /' "$tmp/xgettext.err"; fail=1; fi

po_lint="${PYTHON3:-/usr/bin/python3} tests/po-lint.py"
# lint N DESCRIPTION COMMAND ARGS...: one TAP line, the findings as comments.
lint () {
  num=$1 desc=$2; shift 2
  if $po_lint "$@" >"$tmp/lint"; then echo "ok $num - $desc"
  else echo "not ok $num - $desc"; cat "$tmp/lint"; fail=1; fi
}
n=$((n + 1)); lint $n "po-lint self-test flags planted offenders" selftest
n=$((n + 1)); lint $n "every msgid with a placeholder has a Translators comment" comments "$tmp/dingdan.pot"
n=$((n + 1)); lint $n "every count of things has plural forms" plurals "$tmp/dingdan.pot"

for lang in $(cat po/LINGUAS); do
  po="po/$lang.po"
  n=$((n + 1))
  if msgfmt --check -o /dev/null "$po" 2>"$tmp/check"; then echo "ok $n - $lang: msgfmt --check"
  else echo "not ok $n - $lang: msgfmt --check"; sed 's/^/# /' "$tmp/check"; fail=1; fi

  n=$((n + 1))
  if ! msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/dingdan.pot" -o "$tmp/$lang.po" 2>"$tmp/merge"; then
    echo "not ok $n - $lang: msgmerge failed"; sed 's/^/# /' "$tmp/merge"; fail=1
    continue
  fi
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is left.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" = 0 ] && [ "$fuzzy" = 0 ]; then
    echo "ok $n - $lang: every string translated"
  else
    echo "not ok $n - $lang: $untranslated untranslated, $fuzzy fuzzy"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid ' | head -20 | sed 's/^/# /'
    fail=1
  fi

  n=$((n + 1)); lint $n "$lang: canonical Plural-Forms, every plural entry complete" plural-forms "$tmp/$lang.po" "$lang"
  n=$((n + 1)); lint $n "$lang: no English left" english "$tmp/$lang.po" "$lang"
done
echo "1..$n"
exit $fail
