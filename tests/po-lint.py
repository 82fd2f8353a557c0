#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks of the message catalogues for tests/test-translations.sh. Each
command prints one finding a line (prefixed "# ") and exits 1 when it found
any, 0 when none.

  po-lint.py comments POT          every msgid with a placeholder has a #. comment
  po-lint.py plurals POT           no count is formatted into a singular-only msgid
  po-lint.py plural-forms PO LANG  the Plural-Forms header is the canonical one for
                                   LANG and every plural entry has that many msgstr[]
  po-lint.py english PO LANG       no msgstr left in English (see ALLOW_SAME)
  po-lint.py selftest              the checks flag planted offenders"""

import re
import sys

# printf conversions, including %'d, %1$s, %-8s and %% (not a placeholder).
# "%" G_GUINT64_FORMAT reaches the .pot as %<PRIu64>.
PLACEHOLDER = re.compile(r"%(\d+\$)?[-+ #0']*(\d+|\*)?(\.(\d+|\*))?"
                         r"(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfgGcsp]|%<PRI\w+>")

CANONICAL_PLURALS = {
    "es": "nplurals=2; plural=(n != 1);",
    "zh_CN": "nplurals=1; plural=0;",
    "zh_TW": "nplurals=1; plural=0;",
}

# Names that stay as they are in every language: the brand, the program,
# the platforms, file formats and signing methods, and the abbreviations the
# platforms' consoles use in Chinese too. A msgid made only of these words
# (and placeholders) may be "translated" by itself.
NAMES = {
    "Dingdan",                        # the brand (zh may also write 订单)
    "dingdan-cli", "dingdan",         # the program's name, typed in a terminal
    "Taobao", "Tmall", "PandaPon", "TOP", "1688",   # platforms and their API's names
    "CSV", "PDF", "JSON", "PNG", "JPEG", "HTTP", "HTTPS", "URL",   # formats, protocols
    "MD5", "HMAC", "HMAC-MD5", "HMAC-SHA256",       # signing methods, as the platforms name them
    "SKU", "ID",                      # the platforms' own abbreviations, also in Chinese
    "AppKey", "AppSecret", "SessionKey",            # TOP's parameter names (its console)
    "GLib", "GTK", "GNOME", "SQLite", "Flatpak",
    "UTF-8", "README",                # an encoding's and a file's name
}
# Whole msgids that may equal their msgstr in some languages, and why
# (None: every language). "translator-credits" is never allowed.
ALLOW_SAME = {
    "N": None,                        # the metavariable of a count: one letter, as in GLib
    "Total": ("es",),                 # the same word in Spanish
    "No": ("es",),                    # the same word in Spanish
    "General": ("es",),               # the same word in Spanish
    "Taobao Taiwan": ("es",),         # a platform's name; Spanish keeps it
    "TOKEN": ("es",),                 # Spanish uses the loanword ("token de acceso")
    "YYYY-MM-DD": ("zh_CN", "zh_TW"),         # the date pattern, written so in Chinese too
    "YYYY-MM-DD HH:MM": ("zh_CN", "zh_TW"),   # the same with the time
}
# English a zh_CN/zh_TW msgstr may contain beyond NAMES (case-insensitive):
# key names and patterns Chinese text writes in Latin letters.
ZH_WORDS = {"enter", "yyyy-mm-dd", "app secret", "app key", "access key"}
# dingdan-cli's commands and arguments, which a translation of a CLI message
# (one that mentions dingdan-cli or an --option) keeps as typed.
CLI_WORDS = {"account", "orders", "sync", "sandbox", "list", "test", "remove", "add", "note",
             # the synopsis' metavariables and the column "order_id"
             "order-id", "text", "notes", "order"}
# The sandbox's fault names (dd-sandbox-faults.c), typed as they are in a
# --faults spec: a message that shows the spec ("API=FAULT") keeps them.
FAULT_WORDS = {"fault", "reset-before", "reset-after", "timeout", "timeout-after",
               "delay-before", "http-5nn", "ban", "malformed", "wrong-types", "truncated",
               "huge", "drip", "count"}


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(
        m.group(1), "\\" + m.group(1)), s)


def parse_po(text):
    """Entries as dicts: comments (#.), flags, msgctxt, msgid, msgid_plural,
    msgstr (list, index = plural form), obsolete."""
    entries = []
    cur = None
    field = None

    def flush():
        if cur is not None and "msgid" in cur:
            entries.append(cur)

    for raw in text.splitlines():
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            flush()
            cur = None
            field = None
            continue
        if cur is None or (line.startswith("#") and field is not None):
            flush()
            cur = {"comments": [], "flags": set(), "msgstr": {}, "obsolete": obsolete}
            field = None
        if line.startswith("#."):
            cur["comments"].append(line[2:].strip())
        elif line.startswith("#,"):
            cur["flags"].update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            pass
        else:
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
            if m:
                key = m.group(1)
                if key.startswith("msgstr"):
                    field = ("msgstr", int(m.group(2) or 0))
                    cur["msgstr"][field[1]] = unescape(m.group(3))
                else:
                    field = (key, None)
                    cur[key] = unescape(m.group(3))
            elif line.startswith('"') and field is not None:
                s = unescape(line[1:-1])
                if field[0] == "msgstr":
                    cur["msgstr"][field[1]] += s
                else:
                    cur[field[0]] += s
    flush()
    return entries


def label(e):
    ctx = "%s|" % e["msgctxt"] if "msgctxt" in e else ""
    return ctx + e["msgid"].replace("\n", "\\n")


def check_comments(entries):
    out = []
    for e in entries:
        if e["obsolete"] or not e["msgid"]:
            continue
        text = e["msgid"] + e.get("msgid_plural", "")
        if PLACEHOLDER.search(text.replace("%%", "")) and not e["comments"]:
            out.append("no Translators comment for a placeholder: %s" % label(e))
    return out


# A placeholder followed (or preceded, "%u 个"-style) by a counted noun.
COUNT_NOUN = re.compile(
    r"%(\d+\$)?'?[diu]\s+(more\s+|new\s+|other\s+)?(\w+)", re.I)
NOT_COUNTED = {"of", "to", "and", "or", "x", "at", "in", "on", "for", "per", "by", "from", "with",
               "is", "are", "was", "were", "a", "the", "min", "s", "ms", "kb", "mb", "px"}


def check_plurals(entries):
    """msgids that format a count before a noun without a plural form."""
    out = []
    for e in entries:
        if e["obsolete"] or not e["msgid"] or "msgid_plural" in e:
            continue
        for m in COUNT_NOUN.finditer(e["msgid"].replace("%%", "")):
            noun = m.group(3).lower()
            if noun not in NOT_COUNTED and not noun.isdigit():
                out.append("a count without a plural form: %s" % label(e))
                break
    return out


def header(entries):
    for e in entries:
        if e["msgid"] == "" and "msgctxt" not in e:
            return e["msgstr"].get(0, "")
    return ""


def check_plural_forms(entries, lang):
    out = []
    want = CANONICAL_PLURALS.get(lang)
    if want is None:
        return ["no canonical Plural-Forms known for %s (add it to po-lint.py)" % lang]
    m = re.search(r"^Plural-Forms:\s*(.*?)\s*$", header(entries), re.M)
    got = m.group(1) if m else None
    norm = (lambda s: re.sub(r"\s+", "", s or "").rstrip(";"))
    if norm(got) != norm(want):
        out.append("Plural-Forms is %r, want %r" % (got, want))
    n = int(re.search(r"nplurals=(\d+)", want).group(1))
    for e in entries:
        if e["obsolete"] or "msgid_plural" not in e:
            continue
        if sorted(e["msgstr"]) != list(range(n)):
            out.append("%d msgstr[] (want %d): %s" % (len(e["msgstr"]), n, label(e)))
    return out


WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z]")
STRIP = re.compile(r"<[^>]*>|&#?\w+;|%(\d+\$)?[-+ #0'_^]*(\d+|\*)?(\.(\d+|\*))?"
                   r"(hh|h|ll|l|L|q|j|z|t)?[A-Za-z%]|%<PRI\w+>|\S*://\S*|[\w.-]+@[\w.-]+")
# A list of values to type: "use add, list, test or remove", "md5, hmac or
# hmac-sha256 (default)", "top (Taobao seller), top-pc … or pandapon".
VALUE = r"[a-z][a-z0-9-]*(?: \([^)]*\))?"
VALUE_LIST = re.compile(r"(?:%s, )*%s or %s" % (VALUE, VALUE, VALUE))


def names_only(text):
    """True when text has no letter besides NAMES once placeholders and markup go."""
    return all(w in NAMES for w in WORD.findall(STRIP.sub(" ", text)))


def protected_words(msgid):
    """Words a msgstr may repeat from its msgid: quoted, --options, values to
    type, placeholders' and markup's letters, CLI commands in CLI messages."""
    words = set()
    pieces = re.findall(r"<[^>]*>|&\w+;|%\S+|--?[\w-]+|“[^”]*”|\"[^\"]*\"|'[^']*'|\[[^\]]*\]"
                        r"|\S*://\S*|[\w.-]+@[\w.-]+|default: [\w-]+", msgid)
    for m in VALUE_LIST.finditer(msgid):
        pieces.append(re.sub(r"\([^)]*\)", " ", m.group()))
    for piece in pieces:
        words.update(w.lower() for w in WORD.findall(piece))
    if "dingdan-cli" in msgid or re.search(r"(^|\s)--\w", msgid):
        words.update(CLI_WORDS)
    if "API=FAULT" in msgid:
        words.update(FAULT_WORDS)
    return words


def english_words(msgstr, msgid):
    keep = protected_words(msgid)
    names = {n.lower() for n in NAMES}
    bare = STRIP.sub(" ", msgstr)
    for phrase in sorted(ZH_WORDS, key=len, reverse=True):
        bare = re.sub(re.escape(phrase), " ", bare, flags=re.I)
    return sorted({w for w in WORD.findall(bare)
                   if len(w) >= 4 and w.lower() not in names and w.lower() not in keep})


def check_english(entries, lang):
    out = []
    zh = lang.startswith("zh")
    for e in entries:
        if e["obsolete"] or not e["msgid"]:
            continue
        strs = [s for s in e["msgstr"].values() if s]
        ids = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        if e["msgid"] == "translator-credits":
            if any(s == "translator-credits" for s in strs):
                out.append("left in English: translator-credits")
            continue
        langs = ALLOW_SAME.get(e["msgid"], ())
        allowed = langs is None or lang in langs or names_only(e["msgid"])
        if any(s == i for s in strs for i in ids) and not allowed:
            out.append("left in English: %s" % label(e))
            continue
        if zh:
            for s in strs:
                words = english_words(s, " ".join(ids))
                if words and not allowed:
                    out.append("English in the %s translation (%s): %s"
                               % (lang, ", ".join(words), label(e)))
                    break
    return out


def selftest():
    po = r'''
msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#, c-format
msgid "Synced %u orders"
msgstr "Synced %u orders"

#. Translators: %s is an account name
#, c-format
msgid "Removed %s"
msgstr "Eliminada %s"

#, c-format
msgid "%'d order"
msgid_plural "%'d orders"
msgstr[0] "%'d pedido"

msgid "CSV"
msgstr "CSV"

msgid "Open"
msgstr "Open 订单"

msgid "translator-credits"
msgstr "translator-credits"

msgid "Unknown format “%s”: use table or json."
msgstr "未知格式“%s”：请使用 table 或 json。"

msgid "Dingdan: %s"
msgstr "Dingdan: %s"

msgid "Total"
msgstr "Total"
'''
    entries = parse_po(po)
    problems = []
    c = check_comments(entries)
    if not any("Synced" in x for x in c) or not any("%'d order" in x for x in c) or any("Removed" in x for x in c):
        problems.append("comments: %r" % c)
    p = check_plurals(entries)
    if p != ["a count without a plural form: Synced %u orders"]:
        problems.append("plurals: %r" % p)
    f = check_plural_forms(entries, "es")
    if len(f) != 2:
        problems.append("plural-forms: %r" % f)
    en = check_english(entries, "zh_CN")
    if (not any("Synced" in x for x in en) or not any("credits" in x for x in en)
            or not any("Open" in x for x in en) or any("CSV" in x for x in en)
            or any("table" in x or "Dingdan" in x for x in en) or not any("Total" in x for x in en)):
        problems.append("english: %r" % en)
    es = check_english(entries, "es")
    if any("Removed" in x or "Total" in x or "Dingdan" in x for x in es):
        problems.append("english: flagged an entry es may keep: %r" % es)
    return problems


def main(argv):
    if len(argv) >= 2 and argv[1] == "selftest":
        found = selftest()
    elif len(argv) == 3 and argv[1] in ("comments", "plurals"):
        with open(argv[2], encoding="utf-8") as f:
            entries = parse_po(f.read())
        found = check_comments(entries) if argv[1] == "comments" else check_plurals(entries)
    elif len(argv) == 4 and argv[1] in ("plural-forms", "english"):
        with open(argv[2], encoding="utf-8") as f:
            entries = parse_po(f.read())
        if argv[1] == "plural-forms":
            found = check_plural_forms(entries, argv[3])
        else:
            found = check_english(entries, argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for item in found:
        print("# " + item)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
