#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# dingdan-cli speaks the user's language: under es_ES.UTF-8, zh_CN.UTF-8 and
# zh_TW.UTF-8 its --help summary and a usage error come out as the catalogue
# says (TAP). The expected text is read from the compiled catalogue with
# gettext(1), never written here; it must differ from the English, so a
# catalogue that is not found fails. $DINGDAN_CLI is the program and
# $DINGDAN_LOCALEDIR the build tree's po/ (meson sets both).
set -u

cli=${DINGDAN_CLI:?DINGDAN_CLI must name dingdan-cli}
localedir=${DINGDAN_LOCALEDIR:?DINGDAN_LOCALEDIR must name the build tree\'s po/}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Never the real data: the cache and config go under $tmp.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_BACKEND=memory

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
skip () { n=$((n + 1)); echo "ok $n # SKIP $1"; }

# translated LANG MSGID: the catalogue's translation of MSGID into LANG.
translated () {
  LANGUAGE=$1 LC_ALL=$2 TEXTDOMAINDIR=$localedir gettext -d dingdan -- "$3"
}

# has FILE TEXT: whether FILE contains TEXT as a fixed string.
has () { grep -qF -- "$2" "$1"; }

for pair in es:es_ES.UTF-8 zh_CN:zh_CN.UTF-8 zh_TW:zh_TW.UTF-8; do
  lang=${pair%%:*}
  loc=${pair#*:}
  if ! locale -a 2>/dev/null | grep -qix "${loc%.UTF-8}.utf-\{0,1\}8"; then
    skip "$loc: the locale is not generated (build-aux/deps.sh test)"
    continue
  fi
  if [ ! -f "$localedir/$lang/LC_MESSAGES/dingdan.mo" ]; then
    not_ok "$lang: the build tree has $lang/LC_MESSAGES/dingdan.mo"
    continue
  fi

  # --help: the commands' summaries and the closing hint, translated.
  LANG=$loc LC_ALL=$loc LANGUAGE=$lang "$cli" --help > "$tmp/help" 2>&1
  bad=""
  for msgid in "Commands:" "Print the cached orders as CSV or JSON" \
      "Fetch the accounts’ new and changed orders into the cache" \
      "Run “dingdan-cli COMMAND --help” for the options of a command."; do
    want=$(translated "$lang" "$loc" "$msgid")
    if [ "$want" = "$msgid" ] || ! has "$tmp/help" "$want" || has "$tmp/help" "$msgid"; then
      bad="$bad [$msgid → $want]"
    fi
  done
  if [ -z "$bad" ]; then ok "$lang: --help is translated"
  else not_ok "$lang: --help is translated"; echo "# missing or English:$bad"; sed 's/^/# /' "$tmp/help"; fi

  # A usage error: the message (with its placeholder) and the hint.
  LANG=$loc LC_ALL=$loc LANGUAGE=$lang "$cli" orders --status bogus > "$tmp/out" 2> "$tmp/err"
  status=$?
  # shellcheck disable=SC2059
  message=$(printf "$(translated "$lang" "$loc" "Unknown status “%s”.")" bogus)
  # shellcheck disable=SC2059
  hint=$(printf "$(translated "$lang" "$loc" "Try “dingdan-cli %s --help” for its options.")" orders)
  if [ "$status" = 2 ] && [ "$message" != "Unknown status “bogus”." ] && has "$tmp/err" "$message" &&
     has "$tmp/err" "$hint" && ! has "$tmp/err" "Unknown status"; then
    ok "$lang: a usage error is translated"
  else
    not_ok "$lang: a usage error is translated"
    echo "# exit $status; want “$message” and “$hint”"; sed 's/^/# /' "$tmp/err"
  fi
done

# English stays English: with LANGUAGE=en nothing is translated.
LANG=en_US.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=en "$cli" --help > "$tmp/help" 2>&1
if has "$tmp/help" "Print the cached orders as CSV or JSON"; then ok "en: --help stays English"
else not_ok "en: --help stays English"; sed 's/^/# /' "$tmp/help"; fi

echo "1..$n"
exit $failed
