#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built desktop file and metainfo speak every language of po/LINGUAS. TAP.

  test-data-translated.py LINGUAS DESKTOP METAINFO

DESKTOP and METAINFO are the files meson merged with the translations
(data/meson.build's merge_file outputs). For each language the desktop file
must have Name[lang], GenericName[lang], Comment[lang] and Keywords[lang]
(all but Name different from the English: a translation that is the English
text again leaves English on screen), and the metainfo an xml:lang=lang
twin of every translatable element: the name, the summary, every paragraph
and list item of the description, every keyword, every screenshot caption
and every paragraph and item of every release's notes. What gettext's ITS
rules leave out (translate="no", the developer's <name>) is not asked for.

Then a self-test: each metainfo check runs again on a copy with the
language's twin of one element removed, and must fail there."""

import copy
import os
import sys
import xml.etree.ElementTree as ET

LANG_ATTR = "{http://www.w3.org/XML/1998/namespace}lang"
DESKTOP_KEYS = ("Name", "GenericName", "Comment", "Keywords")
SAME_AS_ENGLISH_OK = {"Name"}

results = []


def tap(ok, desc, diag=None):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {desc}", flush=True)
    if diag and not ok:
        for line in str(diag).splitlines():
            print(f"# {line}", flush=True)


def linguas(path):
    langs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            langs.extend(line.split())
    return langs


def desktop_entries(path):
    """The [Desktop Entry] group: {key or key[lang]: value}."""
    entries, group = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                group = line
                continue
            if group == "[Desktop Entry]" and "=" in line:
                key, value = line.split("=", 1)
                entries[key.strip()] = value.strip()
    return entries


def check_key(entries, key, lang):
    """(ok, diagnostics): entries has key[lang], not empty and (but for
    the name) not the English value again."""
    value = entries.get(f"{key}[{lang}]", "")
    ok = value != "" and (key in SAME_AS_ENGLISH_OK or value != entries.get(key))
    return ok, f"{key}[{lang}]={value!r}, {key}={entries.get(key)!r}"


# The metainfo's translatable elements, by group: (what, paths of their
# parents from the root, the tags that are translated there).
GROUPS = (
    ("name", ["."], {"name"}),
    ("summary", ["."], {"summary"}),
    ("description", ["description", "description/ul", "description/ol"], {"p", "li"}),
    ("keywords", ["keywords"], {"keyword"}),
    ("screenshot captions", ["screenshots/screenshot"], {"caption"}),
    ("release notes", ["releases/release/description", "releases/release/description/ul",
                       "releases/release/description/ol"], {"p", "li"}),
)


def originals(root, parents, tags):
    """Every English original of the group: (parent, element, its twins
    {lang: text}). Twins follow their original as siblings, as msgfmt
    writes them."""
    found = []
    for parent_path in parents:
        for parent in root.findall(parent_path):
            current = None
            for child in parent:
                if child.tag not in tags:
                    current = None
                    continue
                lang = child.get(LANG_ATTR)
                if lang is None:
                    if child.get("translate") == "no" or child.get("translatable") == "no":
                        current = None
                        continue
                    current = (parent, child, {})
                    found.append(current)
                elif current is not None and child.tag == current[1].tag:
                    current[2][lang] = text_of(child)
    return found


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def check_group(root, group, lang):
    """(ok, diagnostics): every original of group has a lang twin (and,
    but for the name, one that is not the English text again)."""
    what, parents, tags = group
    found = originals(root, parents, tags)
    missing = [text_of(e) for _, e, twins in found if lang not in twins]
    english = [text_of(e) for _, e, twins in found
               if lang in twins and what != "name" and twins[lang] == text_of(e)]
    problems = [f"no {lang}: {t!r}" for t in missing] + [f"{lang} is English: {t!r}" for t in english]
    if not found:
        problems.append(f"no {what} at all")
    return not problems, "\n".join(problems)


def drop_twin(root, group, lang):
    """A copy of root without lang's twin of the group's first element that
    has one; None when none has."""
    root = copy.deepcopy(root)
    _, parents, tags = group
    for parent, original, twins in originals(root, parents, tags):
        if lang in twins:
            for child in list(parent):
                if child.tag == original.tag and child.get(LANG_ATTR) == lang:
                    parent.remove(child)
                    return root
    return None


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    langs = linguas(argv[1])
    entries = desktop_entries(argv[2])
    root = ET.parse(argv[3]).getroot()
    tap(len(langs) > 0, "po/LINGUAS lists languages", langs)
    desktop_name = os.path.basename(argv[2])
    metainfo_name = os.path.basename(argv[3])

    for lang in langs:
        for key in DESKTOP_KEYS:
            ok, diag = check_key(entries, key, lang)
            tap(ok, f"{desktop_name} has {key}[{lang}]", diag)
        for group in GROUPS:
            ok, diag = check_group(root, group, lang)
            tap(ok, f"{metainfo_name}: every {group[0]} in {lang}", diag)

    # Self-test: the metainfo checks fail without one translation.
    for lang in langs[:1]:
        for group in GROUPS:
            broken = drop_twin(root, group, lang)
            if broken is None:
                tap(not check_group(root, group, lang)[0],
                    f"self-test: the {group[0]} check fails with no {lang} text")
                continue
            tap(not check_group(broken, group, lang)[0],
                f"self-test: the {group[0]} check fails with one {lang} text removed")
    # …and the desktop checks without one key, or with the English in it.
    for lang in langs[:1]:
        without = dict(entries)
        without.pop(f"Comment[{lang}]", None)
        tap(not check_key(without, "Comment", lang)[0],
            f"self-test: the desktop check fails without Comment[{lang}]")
        english = dict(entries, **{f"Keywords[{lang}]": entries.get("Keywords", "")})
        tap(not check_key(english, "Keywords", lang)[0],
            f"self-test: the desktop check fails on English Keywords[{lang}]")

    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
