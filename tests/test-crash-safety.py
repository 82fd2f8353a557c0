#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety (issue H, item 4), TAP.

`dingdan-cli` is killed with SIGKILL 100 times at random points, against
`dingdan-cli sandbox --orders N` (the platform):

- during a sync (half the rounds): `dingdan-cli sync --account X`, killed
  after a random delay within a sync's measured duration. The rounds come
  in chains of KILLS_PER_CHAIN, each chain on a newly added Taiwan account
  (so each begins with a full backfill); every run of a chain resumes the
  one killed before it (a chain ends early when a run finishes). After each kill the cached order count and the
  saved backfill page never go back. At the end of a chain a sync runs to
  completion: it fetches no more than the pages the saved state had not
  stored yet (it resumed, did not start from zero), and the account then
  holds exactly the sandbox's orders (the ids of the first, fully synced
  account);
- during note writes (the other half): `dingdan-cli note --stdin` fed many
  "ORDER-ID<TAB>TEXT" lines (unique texts, some non-ASCII), killed at a
  random point; the acknowledgements read before the kill are collected.

After every kill the cache is opened with Python's sqlite3 (normally: WAL
recovery writes the -shm): `PRAGMA integrity_check` is "ok",
`PRAGMA foreign_key_check` is empty, and every note ever acknowledged is
there with its exact text (or a text sent after it, whose acknowledgement
the kill may have cut off).

The seed is printed; CRASH_SEED=N replays a run. Needs the session keyring
(build-aux/window-session.sh, as test-secret-hygiene): `sync` reads the
accounts' secrets from it. $DINGDAN_CLI is the program.
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import shutil

CLI = os.environ.get("DINGDAN_CLI")
N_ORDERS = int(os.environ.get("CRASH_ORDERS", "1200"))
N_ROUNDS = int(os.environ.get("CRASH_ROUNDS", "100"))
KILLS_PER_CHAIN = 5
NOTES_PER_ROUND = 400

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
    return ok


def bail(message):
    print("Bail out! " + message, flush=True)
    sys.exit(1)


class Env:
    def __init__(self, tmp):
        self.env = dict(os.environ)
        self.env.update({
            "XDG_DATA_HOME": os.path.join(tmp, "data"),
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
            "GSETTINGS_BACKEND": "memory",
            "LC_ALL": "C.UTF-8",
        })
        self.env.pop("G_MESSAGES_DEBUG", None)
        self.db = os.path.join(tmp, "data", "dingdan", "orders.db")

    def run(self, args, stdin=None):
        return subprocess.run([CLI] + args, env=self.env, input=stdin,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def spawn(self, args, **kw):
        return subprocess.Popen([CLI] + args, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, **kw)


def add_account(env, url, name):
    r = env.run(["account", "add", "--platform", "tw", "--name", name,
                 "--endpoint", url + "/rest", "--key", "100001"],
                stdin=b"sandbox-secret\nsandbox-token\n")
    if r.returncode != 0:
        bail("account add %s: %s" % (name, r.stderr.decode(errors="replace")))
    r = env.run(["account", "list", "--format", "json"])
    ids = [a["id"] for a in json.loads(r.stdout) if a["name"] == name]
    if len(ids) != 1:
        bail("account list does not show %s" % name)
    return ids[0]


def open_db(env):
    return sqlite3.connect(env.db, timeout=10)


def sync_state(db, account_id):
    row = db.execute("SELECT cursor_ms, backfill_page, backfill_page_size FROM sync_state"
                     " WHERE account_id = ?", (account_id,)).fetchone()
    if row is None:
        return (-1, 0, 0)
    # NULL while the first backfill runs.
    return (row[0] if row[0] is not None else -1, row[1], row[2])


def short(text):
    """A note for a message: None or its first characters."""
    if text is None:
        return "none"
    return repr(text if len(text) <= 40 else text[:40] + "…")


class Notes:
    """What the notes must be: per (account, order id) the texts it may
    hold (the last acknowledged one, and any sent after it)."""

    def __init__(self):
        self.allowed = {}

    def sent(self, key, text):
        if key in self.allowed:
            self.allowed[key].add(text)

    def acked(self, key, text):
        self.allowed[key] = {text}

    def check(self, db):
        rows = dict(((a, o), t) for a, o, t in
                    db.execute("SELECT account_id, order_id, note FROM order_marks"))
        bad = []
        for key, texts in self.allowed.items():
            if rows.get(key) not in texts:
                bad.append("%s: %s, not %s" % (key[1], short(rows.get(key)),
                                               " or ".join(short(t) for t in list(texts)[:3])))
        return bad


def check_cache(env, what, notes, extra=None):
    """integrity_check, foreign_key_check, the acknowledged notes; one TAP line."""
    problems = []
    try:
        db = open_db(env)
        try:
            integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                problems.append("integrity_check: %s" % integrity[:5])
            fk = db.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                problems.append("foreign_key_check: %s" % fk[:5])
            if not problems:
                problems += notes.check(db)
            if not problems and extra is not None:
                problems += extra(db)
        finally:
            db.close()
    except sqlite3.Error as e:
        problems.append("sqlite3: %s" % e)
    ok = tap(not problems, what, "\n".join(problems[:10]))
    if any(p.startswith(("integrity_check", "sqlite3")) for p in problems):
        bail("the cache is damaged: stopping here")
    return ok


def finish_chain(env, chain, truth):
    """Runs the chain's sync to its end: it resumes, and ends equal to the sandbox."""
    r = env.run(["sync", "--account", chain["name"]])
    out = r.stdout.decode()
    fetched = None
    try:
        fetched = int(out.split("(")[1].split()[0])
    except (IndexError, ValueError):
        pass
    try:
        db = open_db(env)
        ids = sorted(r[0] for r in db.execute(
            "SELECT order_id FROM orders WHERE account_id = ?", (chain["id"],)))
        cursor, page, _ = sync_state(db, chain["id"])
        db.close()
    except sqlite3.Error as e:
        tap(False, "chain %d: the cache can be read after the sync" % chain["no"], str(e))
        bail("the cache is damaged: stopping here")
    before = chain.get("cursor", -1), chain["page"], chain.get("size", 0)
    if before[0] != -1:
        limit = 0           # finished before: nothing new in the sandbox
    elif before[1] > 0:
        limit = N_ORDERS - before[1] * before[2]
    else:
        limit = N_ORDERS
    tap(r.returncode == 0 and fetched is not None and fetched <= limit,
        "chain %d: the sync resumes (saved page %d × %d, cursor %s): fetched %s ≤ %d"
        % (chain["no"], before[1], before[2], before[0], fetched, limit),
        r.stderr.decode(errors="replace") + out)
    tap(ids == truth and page == 0 and cursor > 0,
        "chain %d: the account then holds exactly the sandbox's orders (%d)"
        % (chain["no"], len(ids)))


def kill_after(proc, delay):
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def main():
    if not CLI:
        bail("DINGDAN_CLI must name dingdan-cli")
    if not os.environ.get("DINGDAN_TEST_KEYRING"):
        print("1..0 # SKIP no keyring (run under build-aux/window-session.sh)")
        return 0

    seed = int(os.environ.get("CRASH_SEED", str(random.SystemRandom().randrange(1 << 31))))
    rng = random.Random(seed)
    print("# seed %d (CRASH_SEED=%d replays it)" % (seed, seed), flush=True)

    tmp = tempfile.mkdtemp(prefix="dingdan-crash-")
    env = Env(tmp)
    server = None
    added = []
    try:
        server = subprocess.Popen([CLI, "sandbox", "--port", "0", "--orders", str(N_ORDERS)],
                                  env=env.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        url = server.stdout.readline().decode().strip()
        if not url.startswith("http://127.0.0.1:"):
            bail("the sandbox printed no URL")

        # The notes' account, synced in full: its order ids are the truth.
        added.append("Notes")
        notes_account = add_account(env, url, "Notes")
        start = time.monotonic()
        r = env.run(["sync", "--account", "Notes"])
        sync_time = time.monotonic() - start
        tap(r.returncode == 0, "a full sync of %d orders succeeds (%.2f s)" % (N_ORDERS, sync_time),
            r.stderr.decode(errors="replace"))
        db = open_db(env)
        truth = sorted(r[0] for r in db.execute("SELECT order_id FROM orders WHERE account_id = ?",
                                                (notes_account,)))
        db.close()
        tap(len(truth) == N_ORDERS, "the cache holds the sandbox's %d orders" % N_ORDERS)

        notes = Notes()
        n_sync = N_ROUNDS // 2
        n_note = N_ROUNDS - n_sync
        # Interleaved: a sync round, a note round …
        order = []
        for i in range(max(n_sync, n_note)):
            if i < n_sync:
                order.append("sync")
            if i < n_note:
                order.append("note")

        chain = None  # [name, account id or None, kills, last count, last page]
        chain_no = 0
        note_time = None
        note_no = 0

        for kind in order:
            if kind == "sync":
                if chain is None:
                    chain_no += 1
                    name = "Chain%d" % chain_no
                    added.append(name)
                    chain = {"name": name, "no": chain_no, "id": add_account(env, url, name), "kills": 0, "count": 0, "page": 0,
                             "done": False}
                # A resumed run has less to do: the kills come early enough
                # that most land in the backfill.
                delay = rng.uniform(0.02, sync_time * 0.6)
                proc = env.spawn(["sync", "--account", chain["name"]])
                killed = kill_after(proc, delay)
                chain["kills"] += 1

                def progress(db, chain=chain):
                    problems = []
                    count = db.execute("SELECT count(*) FROM orders WHERE account_id = ?",
                                       (chain["id"],)).fetchone()[0]
                    cursor, page, size = sync_state(db, chain["id"])
                    if count < chain["count"]:
                        problems.append("cached orders went back: %d → %d" % (chain["count"], count))
                    if cursor == -1 and page < chain["page"]:
                        problems.append("saved backfill page went back: %d → %d" % (chain["page"], page))
                    if page > 0 and count < page * size:
                        problems.append("backfill page %d × %d but only %d orders" % (page, size, count))
                    chain["count"], chain["page"] = count, page
                    chain["cursor"], chain["size"] = cursor, size
                    return problems

                check_cache(env, "sync %s killed after %.3f s%s: cache sound, notes kept"
                            % (chain["name"], delay, "" if killed else " (it had finished)"),
                            notes, progress)
                if chain["kills"] >= KILLS_PER_CHAIN or not killed:
                    finish_chain(env, chain, truth)
                    chain = None
            else:
                note_no += 1
                lines = []
                # The killed rounds get more lines than the measured one
                # writes in its time: the kill lands while notes are written.
                for i in range(NOTES_PER_ROUND if note_time is None else 3 * NOTES_PER_ROUND):
                    oid = rng.choice(truth)
                    text = "r%d l%d %s" % (note_no, i, rng.choice(
                        ["ok", "发货前确认", "call buyer — 備註", "x" * rng.randrange(1, 3000)]))
                    if rng.random() < 0.05:
                        text = ""   # clears it
                    lines.append((oid, text))
                feed = "".join("%s\t%s\n" % l for l in lines).encode()
                if note_time is None:
                    # Measured once, run to its end (and checked like the others).
                    start = time.monotonic()
                    r = env.run(["note", "--stdin", "--account", notes_account], stdin=feed)
                    note_time = time.monotonic() - start
                    acks = r.stdout.decode().splitlines()
                    for oid, text in lines:
                        notes.sent((notes_account, oid), text or None)
                    for a in acks:
                        no, oid, _ = a.split("\t")
                        text = lines[int(no) - 1][1]
                        notes.acked((notes_account, oid), text or None)
                    tap(r.returncode == 0 and len(acks) == NOTES_PER_ROUND,
                        "note --stdin writes and acknowledges %d notes (%.2f s)"
                        % (len(acks), note_time), r.stderr.decode(errors="replace"))
                    check_cache(env, "after note --stdin: cache sound, every note there", notes)
                    continue

                delay = rng.uniform(0.0, note_time)
                proc = env.spawn(["note", "--stdin", "--account", notes_account],
                                 stdin=subprocess.PIPE)
                acks = []

                def feeder():
                    try:
                        proc.stdin.write(feed)
                        proc.stdin.close()
                    except (BrokenPipeError, OSError):
                        pass

                def reader():
                    for a in proc.stdout:
                        acks.append(a.decode())

                # Every line counts as sent (it may be written unacknowledged).
                for oid, text in lines:
                    notes.sent((notes_account, oid), text or None)
                threads = [threading.Thread(target=feeder), threading.Thread(target=reader)]
                for t in threads:
                    t.start()
                killed = kill_after(proc, delay)
                for t in threads:
                    t.join()
                bad_acks = []
                for a in acks:
                    parts = a.rstrip("\n").split("\t")
                    if len(parts) != 3 or not parts[0].isdigit():
                        bad_acks.append(a)
                        continue
                    oid, text = lines[int(parts[0]) - 1]
                    if parts[1] != oid or parts[2] != ("saved" if text else "cleared"):
                        bad_acks.append(a)
                    notes.acked((notes_account, oid), text or None)
                # Texts sent after an order's last ack stay allowed: re-add them.
                last_ack = {}
                for a in acks:
                    parts = a.rstrip("\n").split("\t")
                    if len(parts) == 3 and parts[0].isdigit():
                        last_ack[parts[1]] = int(parts[0])
                for no, (oid, text) in enumerate(lines, 1):
                    if oid in last_ack and no > last_ack[oid]:
                        notes.sent((notes_account, oid), text or None)
                check_cache(env, "note --stdin killed after %.3f s, %d of %d acknowledged%s: "
                            "cache sound, every acknowledged note there"
                            % (delay, len(acks), len(lines), "" if killed else " (it had finished)"),
                            notes, lambda db: ["bad acknowledgement %r" % a for a in bad_acks])
        if chain is not None:
            finish_chain(env, chain, truth)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
        for name in added:
            env.run(["account", "remove", name])
        if os.environ.get("KEEP_LOGS"):
            shutil.copytree(tmp, os.environ["KEEP_LOGS"], dirs_exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)

    print("1..%d" % n, flush=True)
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
