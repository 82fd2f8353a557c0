#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Secret hygiene (issue H, item 5), TAP.

A scripted session with unique secrets ("S3CR3T-<kind>-<random>"), against
`dingdan-cli sandbox` started with them (--app-secret, --access-token): an
account of every platform is added with `dingdan-cli account add` (secrets
on standard input), tested, synced, its orders listed and searched; then
errors: a wrong app secret (sign refused), a wrong access token with a
refresh token (the Taiwan client refreshes, refused), a wrong TOP session,
and a ban of every platform (a second sandbox with `--faults`).
Every command runs with G_MESSAGES_DEBUG=all. A sampler thread reads
/proc/<pid>/cmdline and /proc/<pid>/environ of every process the test
started (marked by an environment variable they inherit) while they run.

Then no secret, nor its URL-encoded, base64 or hex form, may be in any file
under the private XDG data/config/cache/state dirs (SQLite read as bytes),
in any captured stdout/stderr/debug log, or in any sampled argv or
environment (except the sandbox's own argv: the platform's stand-in takes
its credentials there, by design of `dingdan-cli sandbox`). And the debug
log must show signed requests with their signature redacted (`sign=***`,
dd-log), so the scan cannot pass vacuously.

Needs the keyring of build-aux/test-session.sh (DINGDAN_TEST_KEYRING=1);
runs under build-aux/window-session.sh. $DINGDAN_CLI is the program.
KEEP_LOGS=DIR keeps the captured output there. PLANT_LEAK=1 writes a secret
(hex-encoded) into the XDG data dir: the test must then fail.
"""

import base64
import binascii
import json
import os
import re
import secrets as rnd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

CLI = os.environ.get("DINGDAN_CLI")
# tests/secret-actions.c, built beside this test (meson passes its path).
ACTIONS = sys.argv[1] if len(sys.argv) > 1 else None
MARK = "DINGDAN_SECRET_SCAN"

n = 0
failed = False


def tap(ok, desc, detail=None):
    global n, failed
    n += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, desc), flush=True)
    if not ok:
        failed = True
        if detail:
            for line in str(detail).splitlines()[:20]:
                print("# " + line, flush=True)


def forms(secret):
    """The byte strings that would betray @secret: itself, URL-encoded,
    base64 (each alignment, so a secret inside a longer encoded text is
    found too) and hex."""
    raw = secret.encode()
    out = {raw,
           urllib.parse.quote(secret, safe="").encode(),
           urllib.parse.quote_plus(secret).encode(),
           binascii.hexlify(raw),
           binascii.hexlify(raw).upper()}
    for enc in (base64.b64encode, base64.urlsafe_b64encode):
        for pad in range(3):
            coded = enc(b"\0" * pad + raw).rstrip(b"=")
            # Drop the characters that depend on the bytes around it.
            start = (pad * 4 + 2) // 3
            coded = coded[start:]
            coded = coded[:len(coded) - 2]
            out.add(coded)
    return {f for f in out if len(f) >= 8}


def leaks(data, secret_forms):
    """The names of the secrets some form of which is in @data."""
    return sorted({name for name, fs in secret_forms.items() if any(f in data for f in fs)})


class Sampler(threading.Thread):
    """Reads cmdline and environ of every process carrying MARK=<token>."""

    def __init__(self, token):
        super().__init__(daemon=True)
        self.needle = ("%s=%s" % (MARK, token)).encode()
        self.seen = {}  # pid -> (cmdline, environ) as last read
        self.stopping = threading.Event()

    def sample(self):
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open("/proc/%s/environ" % pid, "rb") as f:
                    environ = f.read()
                if self.needle not in environ:
                    continue
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    cmdline = f.read()
            except OSError:
                continue
            key = int(pid)
            old = self.seen.get(key, (b"", b""))
            # Keep all we ever read of it (argv and environ can change).
            self.seen[key] = (old[0] + b"\n" + cmdline if cmdline not in old[0] else old[0],
                              old[1] + b"\n" + environ if environ not in old[1] else old[1])

    def run(self):
        while not self.stopping.is_set():
            self.sample()
            time.sleep(0.02)


def main():
    if not os.environ.get("DINGDAN_TEST_KEYRING"):
        print("1..0 # SKIP no keyring (run under build-aux/window-session.sh)")
        return 0
    if not CLI or not ACTIONS:
        print("Bail out! DINGDAN_CLI must name dingdan-cli, argv[1] secret-actions")
        return 1

    tmp = tempfile.mkdtemp(prefix="dd-secrets-")
    logs = os.path.join(tmp, "logs")
    os.makedirs(logs)
    token = rnd.token_hex(8)
    tag = rnd.token_hex(6)
    secret = {
        "app secret": "S3CR3T-app-" + tag,
        "access token": "S3CR3T-tok-" + tag,
        "refresh token": "S3CR3T-ref-" + tag,
        "wrong app secret": "S3CR3T-bad-" + tag,
        "wrong access token": "S3CR3T-badtok-" + tag,
    }
    secret_forms = {name: forms(s) for name, s in secret.items()}

    env = dict(os.environ)
    xdg = {k: os.path.join(tmp, k.lower()) for k in
           ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    for d in xdg.values():
        os.makedirs(d)
    env.update(xdg)
    env.update({MARK: token, "G_MESSAGES_DEBUG": "all", "GSETTINGS_BACKEND": "memory"})
    # Warnings fatal in the programs, as meson's window tests have them.
    env["G_DEBUG"] = os.environ.get("DINGDAN_APP_G_DEBUG", os.environ.get("G_DEBUG", "gc-friendly"))

    sampler = Sampler(token)
    sampler.start()
    servers = []  # every sandbox process started
    sandbox_pids = set()
    account_ids = []
    outputs = []  # every captured log file

    def run(name, args, stdin=None, delay=0.0):
        """Runs dingdan-cli ARGS; @stdin (a string) is written after @delay
        seconds so the sampler sees the process waiting for it."""
        out = os.path.join(logs, name + ".out")
        err = os.path.join(logs, name + ".err")
        outputs.extend([out, err])
        with open(out, "wb") as o, open(err, "wb") as e:
            p = subprocess.Popen([CLI] + args, stdin=subprocess.PIPE, stdout=o, stderr=e, env=env)
            if delay:
                time.sleep(delay)
            try:
                p.communicate((stdin or "").encode(), timeout=240)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        with open(out, encoding="utf-8", errors="replace") as f:
            text = f.read()
        with open(err, encoding="utf-8", errors="replace") as f:
            errtext = f.read()
        return p.returncode, text, errtext

    try:
        # --- the platform, with this run's credentials ---
        def start_sandbox(name, args):
            """`dingdan-cli sandbox` with this run's credentials: (process, URL)."""
            out = os.path.join(logs, name + ".out")
            err = os.path.join(logs, name + ".err")
            outputs.extend([out, err])
            proc = subprocess.Popen(
                [CLI, "sandbox", "--port", "0"] + args +
                ["--app-secret", secret["app secret"], "--access-token", secret["access token"]],
                stdin=subprocess.DEVNULL, stdout=open(out, "wb"), stderr=open(err, "wb"), env=env)
            sandbox_pids.add(proc.pid)
            servers.append(proc)
            for _ in range(200):
                with open(out) as f:
                    line = f.readline().strip()
                if line:
                    return proc, line
                time.sleep(0.05)
            return proc, ""

        server, url = start_sandbox("sandbox", ["--orders", "200"])
        tap(re.fullmatch(r"http://127\.0\.0\.1:\d+", url) is not None,
            "the sandbox runs with this run's secrets", url)
        if not url:
            raise RuntimeError("no sandbox")

        S, T, R = secret["app secret"], secret["access token"], secret["refresh token"]
        accounts = [
            ("TW", ["--platform", "tw", "--endpoint", url + "/rest", "--key", "100001"],
             "%s\n%s\n%s\n" % (S, T, R)),
            ("TOP-md5", ["--platform", "top", "--endpoint", url + "/router/rest", "--key", "100001",
                         "--sign-method", "md5"], "%s\n%s\n" % (S, T)),
            ("TOP-hmac", ["--platform", "top", "--endpoint", url + "/router/rest", "--key", "100001",
                          "--sign-method", "hmac"], "%s\n%s\n" % (S, T)),
            ("TOP-sha256", ["--platform", "top", "--endpoint", url + "/router/rest",
                            "--key", "100001", "--sign-method", "hmac-sha256"], "%s\n%s\n" % (S, T)),
            ("TOP-PC", ["--platform", "top-pc", "--endpoint", url + "/router/rest", "--key", "100001",
                        "--user-id", "2200000001"], "%s\n%s\n" % (S, T)),
            ("Panda", ["--platform", "pandapon", "--endpoint", url, "--key", "100001",
                       "--user-id", "u1"], "%s\n" % S),
        ]
        for name, args, stdin in accounts:
            rc, out, err = run("add-" + name, ["account", "add", "--name", name] + args,
                               stdin, delay=0.3)
            tap(rc == 0, "account add %s (secrets on standard input)" % name, err)
        rc, out, err = run("list", ["account", "list", "--format", "json"])
        try:
            listed = json.loads(out)
        except ValueError:
            listed = []
        account_ids.extend(a["id"] for a in listed)
        tap(sorted(a["name"] for a in listed) == sorted(a[0] for a in accounts)
            and all(a["state"] == "connected" for a in listed),
            "account list: every account connected", out + err)

        for name, _, _ in accounts:
            rc, out, err = run("test-" + name, ["account", "test", name])
            tap(rc == 0, "account test %s" % name, err)
        rc, out, err = run("sync", ["sync"])
        tap(rc == 0 and len(out.splitlines()) == len(accounts), "sync of every account", out + err)
        rc, out, err = run("orders-json", ["orders", "--format", "json"])
        tap(rc == 0 and len(json.loads(out or "[]")) > 0, "orders --format json lists orders", err)
        rc, out, err = run("orders-csv", ["orders", "--format", "csv"])
        tap(rc == 0 and len(out.splitlines()) > 1, "orders --format csv lists orders", err)
        rc, out, err = run("search", ["orders", "--search", "S3CR3T", "--format", "json"])
        tap(rc == 0, "orders --search succeeds", err)

        # --- writes: cancel and pay through the action runner, as the
        # window's dialogs do (the CLI has no write commands) ---
        def unpaid(name):
            rc, out, err = run("unpaid-" + name, ["orders", "--account", name, "--status", "unpaid",
                                                 "--format", "json"])
            return json.loads(out or "[]") if rc == 0 else []

        ids = {a["name"]: a["id"] for a in listed}
        # (Taiwan's open API has no write: its client cannot cancel or pay.)
        writes = [("cancel", "TOP-md5", 0), ("cancel", "TOP-sha256", 1), ("pay", "Panda", 0),
                  ("cancel", "Panda", 1)]
        lists = {name: unpaid(name) for name in {w[1] for w in writes}}
        for action, name, index in writes:
            orders = lists[name]
            if len(orders) <= index:
                tap(False, "%s an unpaid %s order: none found" % (action, name))
                continue
            order = orders[index]
            args = [action, ids[name], order["order_id"]]
            if action == "pay":
                args += [order["total"], order["currency"]]
            label = "%s-%s" % (action, name)
            out = os.path.join(logs, label + ".out")
            err = os.path.join(logs, label + ".err")
            outputs.extend([out, err])
            with open(out, "wb") as o, open(err, "wb") as e:
                rc = subprocess.run([ACTIONS] + args, stdin=subprocess.DEVNULL, stdout=o, stderr=e,
                                    env=env, timeout=120).returncode
            state = open(out).read().strip()
            tap(rc == 0 and state in ("done", "confirmed-by-read-back"),
                "%s order %s of %s through the action runner: %s" % (action, order["order_id"],
                                                                    name, state or "refused"),
                open(err, errors="replace").read()[-2000:])

        rc, out, err = run("sync-again", ["sync"])
        tap(rc == 0, "a second sync succeeds", err)

        # --- errors ---
        W, WT = secret["wrong app secret"], secret["wrong access token"]
        wrong = [
            ("Wrong-TW", ["--platform", "tw", "--endpoint", url + "/rest", "--key", "100001"],
             "%s\n%s\n%s\n" % (W, T, R)),
            ("Wrong-TOP", ["--platform", "top", "--endpoint", url + "/router/rest", "--key", "100001",
                           "--sign-method", "md5"], "%s\n%s\n" % (W, T)),
            ("Wrong-Panda", ["--platform", "pandapon", "--endpoint", url, "--key", "100001",
                             "--user-id", "u1"], "%s\n" % W),
            # A refused access token: the Taiwan client refreshes it with the
            # refresh token (unknown to the sandbox: refused too).
            ("Stale-TW", ["--platform", "tw", "--endpoint", url + "/rest", "--key", "100001"],
             "%s\n%s\n%s\n" % (S, WT, R)),
            ("Stale-TOP", ["--platform", "top", "--endpoint", url + "/router/rest", "--key", "100001",
                           "--sign-method", "hmac"], "%s\n%s\n" % (S, WT)),
        ]
        for name, args, stdin in wrong:
            rc, out, err = run("add-" + name, ["account", "add", "--name", name] + args, stdin)
            tap(rc == 0, "account add %s (not yet tested)" % name, err)
        rc, out, err = run("list-wrong", ["account", "list", "--format", "json"])
        account_ids.extend(a["id"] for a in json.loads(out or "[]") if a["id"] not in account_ids)
        for name, _, _ in wrong:
            rc, out, err = run("test-" + name, ["account", "test", name])
            tap(rc == 1 and err.strip() != "", "account test %s fails with a message" % name, err)
        rc, out, err = run("sync-wrong", ["sync"])
        tap(rc == 1, "sync fails (1) with the wrong accounts", err)
        # A secret given on the command line (refused): not one of the
        # scanned secrets, since this test puts it in that argv itself.
        argv_secret = "argv-secret-" + tag
        rc, out, err = run("argv-secret", ["account", "add", "--platform", "tw", "--name", "Argv",
                                           "--key", "100001", "--app-secret=" + argv_secret])
        tap(rc == 2 and argv_secret not in out + err,
            "account add --app-secret=… is a usage error that does not repeat it", err)
        for name, _, _ in wrong:
            rc, out, err = run("remove-" + name, ["account", "remove", name])
            tap(rc == 0, "account remove %s" % name, err)

        # --- a ban: a second sandbox (`--faults '*=ban@600'`) bans every
        # platform from its first call on; each account's test says so ---
        banned, banned_url = start_sandbox("sandbox-banned",
                                           ["--orders", "20", "--faults", "*=ban*0@600"])
        tap(banned_url != "", "a banning sandbox runs", banned_url)
        bans = [
            ("Banned-TW", ["--platform", "tw", "--endpoint", banned_url + "/rest", "--key", "100001"],
             "%s\n%s\n%s\n" % (S, T, R)),
            ("Banned-TOP", ["--platform", "top", "--endpoint", banned_url + "/router/rest",
                            "--key", "100001", "--sign-method", "hmac"], "%s\n%s\n" % (S, T)),
            ("Banned-Panda", ["--platform", "pandapon", "--endpoint", banned_url, "--key", "100001",
                              "--user-id", "u1"], "%s\n" % S),
        ]
        for name, args, stdin in bans:
            rc, out, err = run("add-" + name, ["account", "add", "--name", name] + args, stdin)
            tap(rc == 0, "account add %s (not yet tested)" % name, err)
            rc, out, err = run("test-" + name, ["account", "test", name])
            tap(rc == 1 and re.search(r"\d", err) is not None,
                "account test %s fails, saying how long the ban lasts" % name, err)
            rc, out, err = run("remove-" + name, ["account", "remove", name])
            tap(rc == 0, "account remove %s" % name, err)
        banned.terminate()
        banned.wait(timeout=30)

        server.terminate()
        server.wait(timeout=30)
    finally:
        for proc in servers:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        time.sleep(0.1)
        sampler.stopping.set()
        sampler.join()
        # This run's secrets out of the session's keyring.
        for account_id in account_ids:
            subprocess.run(["secret-tool", "clear", "account-id", account_id],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # --- the scan ---
    if os.environ.get("PLANT_LEAK"):
        with open(os.path.join(xdg["XDG_DATA_HOME"], "planted"), "wb") as f:
            f.write(b"x" + binascii.hexlify(secret["access token"].encode()) + b"y")

    # Self-check: each form of each secret is found by the scan.
    sample = b"..." + base64.b64encode(b"k=" + secret["refresh token"].encode()) + b"..."
    tap(leaks(sample, secret_forms) == ["refresh token"],
        "the scan finds a secret base64-encoded inside a longer text")

    files = []
    for d in xdg.values():
        for root, _, names in os.walk(d):
            files.extend(os.path.join(root, f) for f in names)
    found = []
    for path in files:
        with open(path, "rb") as f:
            hit = leaks(f.read(), secret_forms)
        if hit:
            found.append("%s: %s" % (os.path.relpath(path, tmp), ", ".join(hit)))
    dbs = [f for f in files if f.endswith(".db")]
    tap(len(files) > 0 and dbs, "the XDG dirs hold the session's files (%d, %d databases)"
        % (len(files), len(dbs)), files)
    cache = os.path.join(xdg["XDG_DATA_HOME"], "dingdan", "orders.db")
    try:
        with sqlite3.connect("file:%s?mode=ro" % cache, uri=True) as db:
            logged = db.execute("SELECT count(*) FROM action_log").fetchone()[0]
    except sqlite3.Error as e:
        logged = str(e)
    tap(logged == 4, "the cache's action log holds the four writes (%s)" % logged)
    tap(not found, "no secret in any file under the XDG data/config/cache/state dirs",
        "\n".join(found))

    found = []
    for path in outputs:
        with open(path, "rb") as f:
            hit = leaks(f.read(), secret_forms)
        if hit:
            found.append("%s: %s" % (os.path.basename(path), ", ".join(hit)))
    tap(not found, "no secret in the captured stdout, stderr and debug logs (%d files)"
        % len(outputs), "\n".join(found))

    client_pids = [p for p in sampler.seen if p not in sandbox_pids]
    tap(len(client_pids) >= 10 and sandbox_pids & set(sampler.seen),
        "the sampler saw the processes while they ran (%d)" % len(sampler.seen))
    # The sandbox got its credentials on its command line: the sampler must
    # have read them there (it reads what it should, and the scan finds it).
    tap(any("app secret" in leaks(sampler.seen[p][0], secret_forms) for p in sandbox_pids
            if p in sampler.seen),
        "the sampler read the sandbox's argv, with its --app-secret, and the scan finds it")
    found = []
    for pid, (cmdline, environ) in sorted(sampler.seen.items()):
        hit = leaks(environ, secret_forms)
        if hit:
            found.append("environ of %d: %s" % (pid, ", ".join(hit)))
        if pid not in sandbox_pids:
            hit = leaks(cmdline, secret_forms)
            if hit:
                found.append("cmdline of %d (%s): %s"
                             % (pid, cmdline.split(b"\0")[1:3], ", ".join(hit)))
    tap(not found, "no secret in any argv or environment of the processes started", "\n".join(found))

    debug = b""
    for path in outputs:
        if path.endswith(".err") and "sandbox" not in path:
            with open(path, "rb") as f:
                debug += f.read()
    # Taiwan's query and TOP's form (sign=), PandaPon's headers (signature=).
    for platform, pattern in (("Taiwan", rb"/rest/[^\s]*[?&]sign=([^&\s]*)"),
                              ("TOP", rb"TOP: [\w.]+ [^\s]*\bsign=([^&\s]*)"),
                              ("PandaPon", rb"PandaPon: signed [^\s]*\bsignature=([^&\s]*)")):
        found = re.findall(pattern, debug)
        tap(found and all(s == b"***" for s in found),
            "the debug log shows %s's signed requests, the signature redacted (%d)"
            % (platform, len(found)),
            b"\n".join(sorted(set(found))[:5]).decode(errors="replace"))
    signed = re.findall(rb"[?&]sign=([^&\s]*)", debug)
    tap(signed and all(s == b"***" for s in signed),
        "the debug log shows signed requests, the sign redacted (%d, sign=***)" % len(signed),
        b"\n".join(sorted(set(signed))[:5]).decode(errors="replace"))
    tokens = re.findall(rb"(?:access_token|session|refresh_token)=([^&\s]*)", debug)
    tap(tokens and all(t == b"***" for t in tokens),
        "the debug log shows tokens redacted (%d, access_token/session=***)" % len(tokens),
        b"\n".join(sorted(set(tokens))[:5]).decode(errors="replace"))

    if os.environ.get("KEEP_LOGS"):
        shutil.copytree(tmp, os.environ["KEEP_LOGS"], dirs_exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
