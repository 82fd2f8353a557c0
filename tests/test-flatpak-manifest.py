#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Static checks of the Flatpak manifest (build-aux/flatpak/*.json), TAP.

  test-flatpak-manifest.py MANIFEST SOURCE_ROOT METAINFO [--selftest]

MANIFEST is the manifest, SOURCE_ROOT the repository's root (its meson.build
files give the app id and the executables), METAINFO the built metainfo
file. Each check is one TAP line: valid JSON; the app id is meson's app_id
and the metainfo's <id>; runtime org.gnome.Platform at a numeric branch of
at least 49; sdk org.gnome.Sdk; finish-args only from the allow-list, none
of --filesystem, --talk-name, --own-name, --socket=session-bus; every
module's every source pinned (git: a 40-hex commit; archive, file,
extra-data: a sha256; dir: only the app's own module, and only the
repository's root); the command is an installed executable of meson.

Then (always; alone with --selftest) each check is run once more on a copy
of the manifest with one fault planted for it, and must fail there: a
check that cannot fail is a failure too."""

import copy
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ALLOWED_ARGS = {"--share=network", "--share=ipc", "--socket=wayland",
                "--socket=fallback-x11", "--device=dri"}
FORBIDDEN_PREFIXES = ("--filesystem", "--talk-name", "--own-name", "--system-talk-name",
                      "--system-own-name", "--socket=session-bus", "--socket=system-bus")
MIN_BRANCH = 49
HEX40 = re.compile(r"^[0-9a-f]{40}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Source types that fetch nothing: their content is in the manifest or the repository.
LOCAL_TYPES = {"shell", "script", "inline"}

results = []


def tap(ok, desc, diag=None):
    results.append(ok)
    print(f"{'ok' if ok else 'not ok'} {len(results)} - {desc}", flush=True)
    if diag and not ok:
        for line in str(diag).splitlines():
            print(f"# {line}", flush=True)


class Context:
    """What the checks compare the manifest with."""

    def __init__(self, manifest_path, root, metainfo):
        self.manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
        self.root = os.path.realpath(root)
        self.meson_app_id = meson_app_id(root)
        self.metainfo_id = metainfo_id(metainfo)
        self.executables = meson_executables(root)


def meson_app_id(root):
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"^app_id\s*=\s*'([^']+)'", f.read(), re.M)
    return m.group(1) if m else None


def metainfo_id(path):
    try:
        node = ET.parse(path).getroot().find("id")
    except (OSError, ET.ParseError):
        return None
    return node.text.strip() if node is not None and node.text else None


def meson_executables(root):
    """Names of the executables meson installs ({name: installed?})."""
    found = {}
    for top, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(("_build", ".", "subprojects"))]
        if "meson.build" not in files:
            continue
        with open(os.path.join(top, "meson.build"), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"executable\(\s*'([^']+)'", text):
            # The call's arguments: up to the parenthesis that closes it.
            depth, end = 0, m.start()
            for end in range(m.start() + len("executable"), len(text)):
                depth += {"(": 1, ")": -1}.get(text[end], 0)
                if depth == 0:
                    break
            call = text[m.start():end]
            found[m.group(1)] = found.get(m.group(1), False) or \
                re.search(r"install\s*:\s*true", call) is not None
    return found


def modules(manifest, base_dir):
    """Every module, nested ones and those in separate files included:
    (module dict or None when unreadable, where it came from)."""
    for module in manifest.get("modules", []):
        if isinstance(module, str):
            path = os.path.join(base_dir, module)
            try:
                with open(path, encoding="utf-8") as f:
                    loaded = json.load(f)
            except (OSError, ValueError) as e:
                yield None, f"{module}: {e}"
                continue
            yield loaded, module
            yield from modules(loaded, os.path.dirname(path))
        elif isinstance(module, dict):
            yield module, module.get("name", "?")
            yield from modules(module, base_dir)
        else:
            yield None, repr(module)


def check_app_id(m, ctx):
    app_id = m.get("app-id", m.get("id"))
    ok = app_id is not None and app_id == ctx.meson_app_id == ctx.metainfo_id
    return ok, f"manifest {app_id!r}, meson {ctx.meson_app_id!r}, metainfo {ctx.metainfo_id!r}"


def check_runtime(m, ctx):
    version = str(m.get("runtime-version", ""))
    ok = m.get("runtime") == "org.gnome.Platform" and version.isdigit() and \
        int(version) >= MIN_BRANCH
    return ok, f"runtime {m.get('runtime')!r} {version!r}"


def check_sdk(m, ctx):
    return m.get("sdk") == "org.gnome.Sdk", f"sdk {m.get('sdk')!r}"


def check_finish_args(m, ctx):
    args = m.get("finish-args", [])
    bad = [a for a in args if not isinstance(a, str) or a not in ALLOWED_ARGS]
    return isinstance(args, list) and not bad, f"not allowed: {bad}"


def check_no_holes(m, ctx):
    holes = [a for a in m.get("finish-args", [])
             if isinstance(a, str) and a.startswith(FORBIDDEN_PREFIXES)]
    return not holes, f"forbidden: {holes}"


def source_problem(source, module, is_app, ctx, base_dir):
    """Why source is not pinned, or None."""
    if isinstance(source, str):  # a JSON file of sources
        return f"{module}: sources file {source} (inline them to check them)"
    kind = source.get("type")
    if kind == "git":
        if not HEX40.match(str(source.get("commit", ""))):
            return f"{module}: git {source.get('url')} without a commit"
    elif kind in ("archive", "file", "extra-data"):
        if "path" in source and "url" not in source and kind != "extra-data":
            return None if inside(ctx, base_dir, source["path"]) else \
                f"{module}: {kind} {source['path']} outside the repository"
        if not HEX64.match(str(source.get("sha256", ""))):
            return f"{module}: {kind} {source.get('url')} without a sha256"
    elif kind == "dir":
        path = os.path.realpath(os.path.join(base_dir, source.get("path", "")))
        if not is_app:
            return f"{module}: a dir source in a module that is not the app's"
        if path != ctx.root:
            return f"{module}: dir {source.get('path')} is not the repository's root ({path})"
    elif kind == "patch":
        paths = source.get("paths", []) + ([source["path"]] if "path" in source else [])
        if not paths or not all(inside(ctx, base_dir, p) for p in paths):
            return f"{module}: patch outside the repository"
    elif kind not in LOCAL_TYPES:
        return f"{module}: source type {kind!r} is not known to be pinned"
    return None


def inside(ctx, base_dir, path):
    real = os.path.realpath(os.path.join(base_dir, path))
    return real == ctx.root or real.startswith(ctx.root + os.sep)


def check_sources(m, ctx):
    problems = []
    count = 0
    for module, where in modules(m, ctx.manifest_dir):
        if module is None:
            problems.append(f"unreadable module {where}")
            continue
        is_app = module.get("name") == m.get("command") or module is m.get("modules", [None])[-1]
        for source in module.get("sources", []):
            count += 1
            problem = source_problem(source, where, is_app, ctx, ctx.manifest_dir)
            if problem:
                problems.append(problem)
    return count > 0 and not problems, "\n".join(problems) or "no sources at all"


def check_command(m, ctx):
    command = m.get("command")
    return ctx.executables.get(command) is True, \
        f"command {command!r}; meson's executables (installed?): {ctx.executables}"


CHECKS = [
    (check_app_id, "the app id is meson's app_id and the metainfo's <id>"),
    (check_runtime, f"runtime org.gnome.Platform at a numeric branch >= {MIN_BRANCH}"),
    (check_sdk, "sdk org.gnome.Sdk"),
    (check_finish_args, "finish-args only from the allow-list"),
    (check_no_holes, "no --filesystem, --talk-name, --own-name or bus socket"),
    (check_sources, "every module's every source is pinned"),
    (check_command, "the command is an executable meson installs"),
]


def faults(good):
    """(check, description, broken copy of good) for each planted fault."""
    def broken(change):
        m = copy.deepcopy(good)
        change(m)
        return m

    def app_module(m):
        return next(mod for mod in m["modules"] if isinstance(mod, dict))

    extra = {"name": "libfoo", "buildsystem": "meson", "sources": []}
    return [
        (check_app_id, "another app id",
         broken(lambda m: m.update({"app-id": "io.github.dingdan.Other"}))),
        (check_runtime, "the Freedesktop runtime",
         broken(lambda m: m.update({"runtime": "org.freedesktop.Platform"}))),
        (check_runtime, "runtime branch 48", broken(lambda m: m.update({"runtime-version": "48"}))),
        (check_runtime, "runtime branch master",
         broken(lambda m: m.update({"runtime-version": "master"}))),
        (check_sdk, "the Freedesktop SDK", broken(lambda m: m.update({"sdk": "org.freedesktop.Sdk"}))),
        (check_finish_args, "--socket=x11",
         broken(lambda m: m["finish-args"].append("--socket=x11"))),
        (check_finish_args, "--socket=pulseaudio",
         broken(lambda m: m["finish-args"].append("--socket=pulseaudio"))),
        (check_no_holes, "--filesystem=home",
         broken(lambda m: m["finish-args"].append("--filesystem=home"))),
        (check_no_holes, "--talk-name=org.freedesktop.secrets",
         broken(lambda m: m["finish-args"].append("--talk-name=org.freedesktop.secrets"))),
        (check_no_holes, "--socket=session-bus",
         broken(lambda m: m["finish-args"].append("--socket=session-bus"))),
        (check_no_holes, "--own-name=io.github.dingdan.Other",
         broken(lambda m: m["finish-args"].append("--own-name=io.github.dingdan.Other"))),
        (check_sources, "a git source by branch only",
         broken(lambda m: m["modules"].insert(0, dict(extra, sources=[
             {"type": "git", "url": "https://example.org/foo.git", "branch": "main"}])))),
        (check_sources, "a git source with a short commit",
         broken(lambda m: m["modules"].insert(0, dict(extra, sources=[
             {"type": "git", "url": "https://example.org/foo.git", "commit": "0123abc"}])))),
        (check_sources, "an archive without a sha256",
         broken(lambda m: m["modules"].insert(0, dict(extra, sources=[
             {"type": "archive", "url": "https://example.org/foo-1.0.tar.xz"}])))),
        (check_sources, "a nested module's file without a sha256",
         broken(lambda m: app_module(m).setdefault("modules", []).append(dict(extra, sources=[
             {"type": "file", "url": "https://example.org/foo.txt", "sha256": "00"}])))),
        (check_sources, "a dir source outside the repository",
         broken(lambda m: app_module(m)["sources"][0].update({"path": "../../.."}))),
        (check_sources, "a dir source in another module",
         broken(lambda m: m["modules"].insert(0, dict(extra, sources=[
             {"type": "dir", "path": "../.."}])))),
        (check_command, "a command meson does not build",
         broken(lambda m: m.update({"command": "dingdan-gtk"}))),
        (check_command, "the test program test-ui (not installed)",
         broken(lambda m: m.update({"command": "test-ui"}))),
    ]


def parse(text):
    """The manifest: a JSON object (ValueError otherwise; flatpak-builder
    also reads YAML, but this project's manifest is JSON)."""
    manifest = json.loads(text)
    if not isinstance(manifest, dict):
        raise ValueError("not a JSON object")
    return manifest


def selftest(good, ctx):
    for check, desc, bad in faults(good):
        try:
            ok, _ = check(bad, ctx)
        except Exception as e:  # a crash is not a failure found
            ok = True
            desc += f" (the check crashed: {e})"
        tap(not ok, f"self-test: {check.__name__} fails on {desc}")


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    manifest_path, root, metainfo = args
    only_selftest = "--selftest" in argv
    ctx = Context(manifest_path, root, metainfo)

    try:
        with open(manifest_path, encoding="utf-8") as f:
            text = f.read()
        manifest, error = parse(text), None
    except (OSError, ValueError) as e:
        text, manifest, error = "", None, e
    if not only_selftest:
        tap(isinstance(manifest, dict), f"{os.path.basename(manifest_path)} is valid JSON", error)
    if not isinstance(manifest, dict):
        print(f"1..{len(results)}")
        return 1

    if not only_selftest:
        for check, desc in CHECKS:
            try:
                ok, diag = check(manifest, ctx)
            except Exception as e:
                ok, diag = False, f"the check crashed: {e!r}"
            tap(ok, desc, diag)

    selftest(manifest, ctx)
    # The manifest with a comma after its last member: not JSON.
    try:
        parse(text.rstrip().rstrip("}").rstrip() + ",\n}\n")
        tap(False, "self-test: the JSON check fails on a trailing comma")
    except ValueError:
        tap(True, "self-test: the JSON check fails on a trailing comma")

    print(f"1..{len(results)}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
