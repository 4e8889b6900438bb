"""Crash safety of `tallied ingest` (issue #12, item 3): SIGKILL at random points, rerun, and
check that the store ends up exactly as after one uninterrupted run.

    .venv/bin/python bench/crash_ingest.py [--n 2000] [--kills 5] [--batch-size 16] [--seed 1]

The feed: the texts (never the codings) of ../shared/eval/pool/, each with an outlet and a
publication date from a seeded generator, plus re-publications (near-duplicates), exact repeats
and a few malformed lines (skips). Steps:

1. one uninterrupted `tallied ingest` into a baseline database;
2. into a second database: start `tallied ingest`, SIGKILL it a random 0-0.3 s after its
   k-th write to the database file or its WAL (progress, not the clock, sets the kill point;
   k is drawn to spread the kills over the feed), start it again, ... until ``--kills`` kills landed while it was running; then run it
   to the end once more;
3. compare: every report exactly once, no orphan figure / report event / place key / band /
   match / link rows, no incident without links and no report event without an incident, every
   incident's ``n_reports`` equal to its links, and every table (timestamps aside), the incident
   list and the tallies equal to the baseline's.

tests/robust/test_crash_safety.py runs the same campaign on a smaller feed (it must fit in the
test suite); this script runs the full size. Prints a JSON summary; exit 1 when a check fails.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "eval" / "pool" / "events.jsonl"
OUTLETS = ["Demo Wire", "Regional Monitor", "Capital Times", "Frontline News", "Radio Horizon"]


def feed(n: int, seed: int = 1) -> list[str]:
    """``n`` JSONL lines: pool texts, ~5% re-publications, ~2% exact repeats, ~1% bad lines."""
    rng = random.Random(seed)
    texts = [json.loads(line)["text"] for line in open(POOL, encoding="utf-8") if line.strip()]
    lines: list[str] = []
    records: list[dict] = []
    for i in range(n):
        roll = rng.random()
        if records and roll < 0.05:
            src = rng.choice(records)
            rec = {"id": f"copy-{i}", "text": f"UPDATE: {src['text']}\nShare this article",
                   "published": src["published"], "outlet": rng.choice(OUTLETS)}
        elif records and roll < 0.07:
            rec = dict(rng.choice(records), id=f"repeat-{i}")
        elif roll < 0.08:
            lines.append('{"id": "broken-%d", "text": "unterminated' % i)
            continue
        else:
            rec = {"id": f"r-{i}", "text": texts[(i * 7919) % len(texts)], "outlet": rng.choice(OUTLETS),
                   "published": (date(2015, 1, 1) + timedelta(days=rng.randrange(3000))).isoformat()}
        records.append(rec)
        lines.append(json.dumps(rec))
    return lines


def _cmd(feed_path: Path, db: Path, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "tallied.cli", "ingest", str(feed_path), "--db", str(db), "--quiet",
            "--batch-size", str(batch_size)]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def run_to_end(feed_path: Path, db: Path, batch_size: int) -> float:
    started = time.monotonic()
    proc = subprocess.run(_cmd(feed_path, db, batch_size), capture_output=True, text=True, env=_env())
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"tallied ingest failed ({proc.returncode}): {proc.stderr.strip()}")
    return time.monotonic() - started


def killed_runs(feed_path: Path, db: Path, batch_size: int, kills: int, seed: int, total: int,
                timeout: float = 1800) -> list[dict]:
    """Start and SIGKILL `tallied ingest` until ``kills`` kills landed on a running process.

    The kill point is set by progress, not by the clock (the machine's load varies): the
    database file and its write-ahead log are watched, and the process is killed a random
    0-0.3 s after its k-th write, k drawn so that the kills spread over the batches still to
    be stored (``total`` reports in all); it lands before, inside or just after a batch's
    transaction."""
    rng = random.Random(seed)
    log = []
    attempts = 0
    while sum(1 for k in log if k["killed"]) < kills and attempts < kills * 3:
        attempts += 1
        stored = _count(db, "reports")
        left = kills - sum(1 for k in log if k["killed"])
        batches_left = max(1, (total - (stored or 0)) // max(batch_size, 1))
        span = max(1, batches_left // (left + 1))
        target = rng.randint(max(1, span // 2), span)
        delay = rng.uniform(0.0, 0.3)
        proc = subprocess.Popen(_cmd(feed_path, db, batch_size), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=_env())
        started = time.monotonic()
        seen, writes, killed = _stamp(db), 0, False
        while proc.poll() is None and time.monotonic() - started < timeout:
            time.sleep(0.02)
            now = _stamp(db)
            if now != seen:
                seen, writes = now, writes + 1
                if writes >= target:
                    time.sleep(delay)
                    if proc.poll() is None:
                        os.kill(proc.pid, signal.SIGKILL)
                        killed = True
                    break
        proc.wait()
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if not killed and proc.returncode not in (0, 1):
            raise RuntimeError(f"tallied ingest failed ({proc.returncode}): {err.strip()}")
        log.append({"after_writes": target, "delay_s": round(delay, 2), "killed": killed,
                    "at_s": round(time.monotonic() - started, 1), "stored_before": stored,
                    "stored_after": _count(db, "reports")})
    return log


def _stamp(db: Path) -> tuple:
    out = []
    for p in (db, db.with_name(db.name + ".wal")):
        try:
            st = p.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


def _count(db: Path, table: str) -> int | None:
    import duckdb

    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


ORPHANS = {
    "figures without report": "SELECT count(*) FROM figures f ANTI JOIN reports r ON r.id = f.report_id",
    "report events without report": "SELECT count(*) FROM report_events e ANTI JOIN reports r ON r.id = e.report_id",
    "place keys without event": "SELECT count(*) FROM event_keys k ANTI JOIN report_events e ON e.id = k.event_id",
    "bands without report": "SELECT count(*) FROM report_bands b ANTI JOIN reports r ON r.id = b.report_id",
    "matches without event": "SELECT count(*) FROM matches m WHERE m.a NOT IN (SELECT id FROM report_events) "
                             "OR m.b NOT IN (SELECT id FROM report_events)",
    "links without event": "SELECT count(*) FROM incident_links l ANTI JOIN report_events e ON e.id = l.event_id",
    "links without incident": "SELECT count(*) FROM incident_links l ANTI JOIN incidents i ON i.id = l.incident_id",
    "incidents without links": "SELECT count(*) FROM incidents i ANTI JOIN incident_links l ON l.incident_id = i.id",
    "report events without incident": "SELECT count(*) FROM report_events e ANTI JOIN incident_links l ON l.event_id = e.id",
    "incidents whose n_reports is not their links": (
        "SELECT count(*) FROM incidents i JOIN (SELECT l.incident_id, count(DISTINCT e.report_id) n "
        "FROM incident_links l JOIN report_events e ON e.id = l.event_id GROUP BY 1) c "
        "ON c.incident_id = i.id WHERE i.n_reports <> c.n"),
    "reports stored twice (same external id)": (
        "SELECT count(*) FROM (SELECT external_id FROM reports GROUP BY 1 HAVING count(*) > 1)"),
}

# every table, ordered, without the columns that record when a row was written
SNAPSHOT = {
    "reports": "SELECT * EXCLUDE (ingested_at) FROM reports ORDER BY id",
    "report_bands": "SELECT * FROM report_bands ORDER BY ALL",
    "skips": "SELECT * EXCLUDE (skipped_at) FROM skips ORDER BY id",
    "report_events": "SELECT * FROM report_events ORDER BY id",
    "event_keys": "SELECT * FROM event_keys ORDER BY ALL",
    "figures": "SELECT * FROM figures ORDER BY id",
    "matches": "SELECT * FROM matches ORDER BY a, b, origin",
    "incidents": "SELECT * FROM incidents ORDER BY id",
    "incident_links": "SELECT * FROM incident_links ORDER BY event_id",
}


def check(db: Path, baseline: Path) -> dict:
    """Orphan counts (all must be 0) and the tables/tallies that differ from the baseline."""
    from tallied.store import IncidentFilter, Store

    out: dict = {"orphans": {}, "differs": []}
    with Store.open(db, read_only=True, create=False) as store, \
            Store.open(baseline, read_only=True, create=False) as base:
        for name, sql in ORPHANS.items():
            n = store.con.execute(sql).fetchone()[0]
            if n:
                out["orphans"][name] = n
        for name, sql in SNAPSHOT.items():
            if store.con.execute(sql).fetchall() != base.con.execute(sql).fetchall():
                out["differs"].append(name)
        for by in ("country", "actor"):
            if store.tally(by, "month", IncidentFilter()) != base.tally(by, "month", IncidentFilter()):
                out["differs"].append(f"tally by {by}")
        if store.incidents(None, 100_000)[0] != base.incidents(None, 100_000)[0]:
            out["differs"].append("incident list")
        out["counts"] = store.counts()
        out["baseline_counts"] = base.counts()
    return out


def campaign(n: int, kills: int, batch_size: int, seed: int, workdir: Path) -> dict:
    feed_path = workdir / "feed.jsonl"
    feed_path.write_text("\n".join(feed(n, seed)) + "\n", encoding="utf-8")
    baseline, crashed = workdir / "baseline.duckdb", workdir / "crashed.duckdb"
    for p in (baseline, crashed):
        p.unlink(missing_ok=True)
    full = run_to_end(feed_path, baseline, batch_size)
    total = _count(baseline, "reports") or 0
    log = killed_runs(feed_path, crashed, batch_size, kills, seed, total)
    final = run_to_end(feed_path, crashed, batch_size)
    result = check(crashed, baseline)
    result.update({"n": n, "batch_size": batch_size, "uninterrupted_s": round(full, 1),
                   "final_rerun_s": round(final, 1), "kills": log,
                   "kills_landed": sum(1 for k in log if k["killed"])})
    result["ok"] = (not result["orphans"] and not result["differs"]
                    and result["kills_landed"] >= kills)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", help="keep the feed and both databases here (default: a temp dir)")
    args = ap.parse_args()
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
        result = campaign(args.n, args.kills, args.batch_size, args.seed, Path(args.workdir))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = campaign(args.n, args.kills, args.batch_size, args.seed, Path(tmp))
    print(json.dumps(result, indent=2, default=str))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
