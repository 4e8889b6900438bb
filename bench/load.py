"""A bounded load test of the desk on loopback (issue #12 item 6): a real ``tallied serve``
subprocess on a fresh store, driven by httpx's AsyncClient.

    python bench/load.py [--extract-requests 5000] [--concurrency 16] [--ingest 2000]
                         [--ingest-batch 50] [--query-rate 4] [--json FILE] [--quick]

Phase 1, extract: ``--extract-requests`` POST /api/extract at ``--concurrency``; each answer
must be a valid extraction of the report sent (its source, events, figures, every evidence span
consistent).
Phase 2, ingest under reads: ``--ingest`` reports through POST /api/ingest (the store's one
writer is the server: ``tallied ingest`` is refused while ``tallied serve`` holds the file), in
requests of ``--ingest-batch`` reports (one transaction each), ``--ingest-concurrency`` at a
time, while incident-list and tally queries arrive at ``--query-rate`` per second each, open
loop (a slow answer does not slow the arrivals).
Then the server is stopped and the store is read directly: every report sent is stored exactly
once (by its feed id), or is a recorded skip, or is an exact duplicate of a stored report; any
other is lost.

Reports p50/p95/p99/max latency, requests/s and errors per request kind, reports lost, and the
load average of the machine (sampled every 2 s), and writes it all as JSON (``--json``). Exit 1
when any request failed or any report was lost. Report texts: the texts (only) of
../shared/eval/pool/events.jsonl, sampled with ``--seed``.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
POOL = REPO.parent / "shared" / "eval" / "pool" / "events.jsonl"


@dataclass
class LoadConfig:
    extract_requests: int = 5000
    concurrency: int = 16
    ingest: int = 2000
    ingest_batch: int = 50
    ingest_concurrency: int = 2
    query_rate: float = 4.0  # per second, for each of the two query kinds
    seed: int = 1
    pool: str = str(POOL)


QUICK = dict(extract_requests=300, concurrency=16, ingest=200, ingest_batch=25)


@dataclass
class Kind:
    """The requests of one kind: latencies in seconds, failures with a reason."""

    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0

    def summary(self) -> dict:
        lat = sorted(self.latencies)
        n = len(lat) + len(self.errors)
        span = max(self.ended - self.started, 1e-9)

        def pct(p: float) -> float | None:
            if not lat:
                return None
            return round(1000 * lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))], 1)

        return {"requests": n, "errors": len(self.errors), "first_errors": self.errors[:5],
                "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
                "max_ms": round(1000 * lat[-1], 1) if lat else None,
                "mean_ms": round(1000 * statistics.fmean(lat), 1) if lat else None,
                "seconds": round(span, 2), "per_second": round(n / span, 1)}


# --- texts -----------------------------------------------------------------------------------

def pool_texts(path: str, n: int, seed: int) -> list[str]:
    """``n`` distinct report texts of the pool (its ``text`` field only), in a seeded order."""
    p = Path(path)
    if not p.is_file():
        raise SystemExit(f"load: {p}: no such file (the texts of the eval pool are the reports)")
    texts = list(dict.fromkeys(json.loads(line)["text"] for line in p.open(encoding="utf-8")
                               if line.strip()))
    if n > len(texts):
        raise SystemExit(f"load: {p} holds {len(texts)} distinct texts, fewer than {n}")
    return random.Random(seed).sample(texts, n)


# --- the server ------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def add_user(db: Path) -> str:
    """A fresh store with one user; the user's token."""
    p = subprocess.run([sys.executable, "-m", "tallied.cli", "users", "add", "load", "--db", str(db)],
                       capture_output=True, text=True, env=_env(), timeout=300)
    if p.returncode != 0:
        raise SystemExit(f"load: could not create the store: {p.stderr.strip()}")
    return p.stdout.strip()


@contextlib.contextmanager
def server(db: Path, log: Path):
    """``tallied serve`` on a free loopback port until the block ends (then SIGINT, as Ctrl-C)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "tallied.cli", "serve", "--db", str(db),
                                 "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=_env())
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"load: the server exited ({proc.returncode}): {log.read_text()[-2000:]}")
            try:
                if httpx.get(url + "/api/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("load: the server did not answer within 120 s")
            time.sleep(0.2)
        yield url
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


# --- checks ----------------------------------------------------------------------------------

def _spans(value):
    """Every evidence span ({start, end, text}) anywhere in a JSON value."""
    if isinstance(value, dict):
        if set(value) == {"start", "end", "text"}:
            yield value
        else:
            for v in value.values():
                yield from _spans(v)
    elif isinstance(value, list):
        for v in value:
            yield from _spans(v)


def extraction_problem(body: dict, rid: str) -> str | None:
    """Why an /api/extract answer is not a valid extraction of report ``rid``, or None."""
    if body.get("ok") is not True or body.get("source") != f"request:{rid}":
        return f"not this report's answer: ok={body.get('ok')} source={body.get('source')!r}"
    if not isinstance(body.get("events"), list) or not isinstance(body.get("figures"), list):
        return "events or figures missing"
    if body.get("skipped") is not None:
        return None if body["skipped"].get("reason") else "a skip without a reason"
    for e in body["events"]:
        if not e.get("event_type") or not isinstance(e.get("evidence"), dict):
            return "an event without a type or evidence"
    for s in _spans(body):
        if not (isinstance(s["start"], int) and 0 <= s["start"] <= s["end"]
                and len(s["text"]) == s["end"] - s["start"]):
            return f"an inconsistent evidence span {s}"
    return None


def account(db: Path, sent: list[str], answered: dict[str, str | None]) -> dict:
    """Where each report sent for ingest ended up, read from the store file (server stopped).
    ``answered``: feed id -> the report id the ingest answer gave (None for a skip)."""
    sys.path.insert(0, str(REPO))
    from tallied.store import Store

    with Store.open(db, read_only=True, create=False) as store:
        in_reports = dict(store.con.execute(
            "SELECT external_id, count(*) FROM reports GROUP BY 1").fetchall())
        in_skips = dict(store.con.execute(
            "SELECT external_id, count(*) FROM skips GROUP BY 1").fetchall())
        stored_ids = {r[0] for r in store.con.execute("SELECT id FROM reports").fetchall()}
        counts = store.counts()
        incidents = store.incidents(limit=1)[1]
    out = {"sent": len(sent), "stored": 0, "skipped": 0, "exact_duplicates": 0, "twice": [],
           "lost": []}
    for ext in sent:
        n_r, n_s = in_reports.get(ext, 0), in_skips.get(ext, 0)
        if n_r + n_s > 1:
            out["twice"].append(ext)
        elif n_r == 1:
            out["stored"] += 1
        elif n_s == 1:
            out["skipped"] += 1
        elif answered.get(ext) in stored_ids:
            out["exact_duplicates"] += 1  # the same clean text came in under another feed id
        else:
            out["lost"].append(ext)
    out["store_counts"] = counts
    out["incidents"] = incidents
    return out


# --- the phases ------------------------------------------------------------------------------

async def _sample_load(samples: list, stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(os.getloadavg()[0])
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), 2.0)


async def extract_phase(client: httpx.AsyncClient, texts: list[str], concurrency: int) -> Kind:
    kind = Kind("extract")
    queue = list(enumerate(texts))
    queue.reverse()

    async def worker():
        while queue:
            i, text = queue.pop()
            rid = f"x-{i:06d}"
            t0 = time.perf_counter()
            try:
                r = await client.post("/api/extract", json={"text": text, "id": rid})
            except httpx.HTTPError as exc:
                kind.errors.append(f"{rid}: {type(exc).__name__}: {exc}")
                continue
            dt = time.perf_counter() - t0
            problem = (f"HTTP {r.status_code}: {r.text[:200]}" if r.status_code != 200
                       else extraction_problem(r.json(), rid))
            if problem:
                kind.errors.append(f"{rid}: {problem}")
            else:
                kind.latencies.append(dt)

    kind.started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    kind.ended = time.perf_counter()
    return kind


async def ingest_phase(client: httpx.AsyncClient, token: str, texts: list[str], cfg: LoadConfig):
    """The ingest, with open-loop incident-list and tally queries until it ends."""
    ingest, listing, tally = Kind("ingest_batch"), Kind("incident_list"), Kind("tally")
    ids = [f"load-{i:06d}" for i in range(len(texts))]
    batches = [list(range(i, min(i + cfg.ingest_batch, len(texts))))
               for i in range(0, len(texts), cfg.ingest_batch)]
    batches.reverse()
    answered: dict[str, str | None] = {}
    summaries: list[dict] = []
    done = asyncio.Event()
    auth = {"Authorization": f"Bearer {token}"}

    async def ingester():
        while batches:
            batch = batches.pop()
            body = {"reports": [{"text": texts[i], "id": ids[i]} for i in batch]}
            t0 = time.perf_counter()
            try:
                r = await client.post("/api/ingest", json=body, headers=auth)
            except httpx.HTTPError as exc:
                ingest.errors.append(f"batch {batch[0]}: {type(exc).__name__}: {exc}")
                continue
            dt = time.perf_counter() - t0
            if r.status_code != 200 or r.json().get("ok") is not True:
                ingest.errors.append(f"batch {batch[0]}: HTTP {r.status_code}: {r.text[:200]}")
                continue
            got = r.json()
            if len(got["reports"]) != len(batch):
                ingest.errors.append(f"batch {batch[0]}: {len(got['reports'])} answers for {len(batch)}")
                continue
            for i, rep in zip(batch, got["reports"]):
                answered[ids[i]] = rep["id"]
            summaries.append(got["summary"])
            ingest.latencies.append(dt)

    countries = [None, "Nigeria", "Pakistan", "Iraq", "Afghanistan", "Somalia"]

    async def one_query(kind: Kind, k: int):
        if kind is listing:
            params = {"limit": 50, "offset": 50 * (k % 3)}
            if countries[k % len(countries)]:
                params["country"] = countries[k % len(countries)]
            path, key = "/api/incidents", "items"
        else:
            params, path, key = {"by": "country", "per": "month"}, "/api/tally", "rows"
        t0 = time.perf_counter()
        try:
            r = await client.get(path, params=params)
        except httpx.HTTPError as exc:
            kind.errors.append(f"{path}: {type(exc).__name__}: {exc}")
            return
        dt = time.perf_counter() - t0
        if r.status_code != 200 or not isinstance(r.json().get(key), list):
            kind.errors.append(f"{path}: HTTP {r.status_code}: {r.text[:200]}")
        else:
            kind.latencies.append(dt)

    async def arrivals(kind: Kind, offset: float):
        """Open loop: query k is sent at start + k / rate, whatever the earlier ones are doing."""
        tasks, k = [], 0
        start = time.perf_counter() + offset
        while not done.is_set():
            delay = start + k / cfg.query_rate - time.perf_counter()
            if delay > 0:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(done.wait(), delay)
                if done.is_set():
                    break
            tasks.append(asyncio.create_task(one_query(kind, k)))
            k += 1
        await asyncio.gather(*tasks)

    async def run_ingest():
        await asyncio.gather(*(ingester() for _ in range(cfg.ingest_concurrency)))
        done.set()

    for k in (ingest, listing, tally):
        k.started = time.perf_counter()
    await asyncio.gather(run_ingest(), arrivals(listing, 0.0), arrivals(tally, 0.5 / cfg.query_rate))
    for k in (ingest, listing, tally):
        k.ended = time.perf_counter()
    return ingest, listing, tally, ids, answered, summaries


async def _drive(url: str, token: str, cfg: LoadConfig, extract_texts, ingest_texts, loads):
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_load(loads, stop))
    limits = httpx.Limits(max_connections=cfg.concurrency + cfg.ingest_concurrency + 64)
    async with httpx.AsyncClient(base_url=url, timeout=300, limits=limits) as client:
        t0 = time.perf_counter()  # the model loads on the first extraction: not timed below
        r = await client.post("/api/extract", json={"text": (extract_texts or ingest_texts)[0],
                                                    "id": "warm-up"})
        warm = {"status": r.status_code, "seconds": round(time.perf_counter() - t0, 2)}
        extract = await extract_phase(client, extract_texts, cfg.concurrency)
        ingest, listing, tally, ids, answered, summaries = await ingest_phase(
            client, token, ingest_texts, cfg)
    stop.set()
    await sampler
    return warm, [extract, ingest, listing, tally], ids, answered, summaries


def run(cfg: LoadConfig, workdir: Path) -> dict:
    texts = pool_texts(cfg.pool, max(cfg.extract_requests, cfg.ingest) + cfg.ingest, cfg.seed)
    extract_texts = [texts[i % len(texts)] for i in range(cfg.extract_requests)]
    ingest_texts = texts[-cfg.ingest:] if cfg.ingest else []
    db = workdir / "load.duckdb"
    token = add_user(db)
    loads: list[float] = []
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    with server(db, workdir / "server.log") as url:
        warm, kinds, ids, answered, summaries = asyncio.run(
            _drive(url, token, cfg, extract_texts, ingest_texts, loads))
    wall = time.perf_counter() - t0
    ledger = account(db, ids, answered)
    ingested = sum(s["read"] for s in summaries)
    return {
        "config": {**asdict(cfg), "pool": os.path.relpath(cfg.pool, REPO)},
        "date": started.isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "load_average": {"start": round(loads[0], 2) if loads else None,
                         "max": round(max(loads), 2) if loads else None,
                         "mean": round(statistics.fmean(loads), 2) if loads else None,
                         "end": round(loads[-1], 2) if loads else None},
        "warm_up": warm,
        "kinds": {k.name: k.summary() for k in kinds},
        "ingest": {"reports_per_second": round(ingested / max(kinds[1].ended - kinds[1].started, 1e-9), 1),
                   "summary": _sum(summaries)},
        "reports": {k: (len(v) if isinstance(v, list) else v) for k, v in ledger.items()},
        "lost_ids": ledger["lost"][:20], "twice_ids": ledger["twice"][:20],
        "errors": sum(len(k.errors) for k in kinds),
        "wall_seconds": round(wall, 1),
    }


def _sum(summaries: list[dict]) -> dict:
    out: dict = {}
    for s in summaries:
        for k, v in s.items():
            if isinstance(v, int):
                out[k] = out.get(k, 0) + v
            elif isinstance(v, dict):
                d = out.setdefault(k, {})
                for kk, vv in v.items():
                    d[kk] = d.get(kk, 0) + vv
    return out


def render(s: dict) -> str:
    lines = [f"tallied load test, {s['date']}: {s['machine']['cpus']} CPUs, {s['machine']['platform']}",
             f"load average (1 min): start {s['load_average']['start']:.2f}, mean "
             f"{s['load_average']['mean']}, max {s['load_average']['max']:.2f}, "
             f"end {s['load_average']['end']:.2f}",
             f"warm-up (model load) {s['warm_up']['seconds']} s",
             f"{'kind':<15}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
             f"{'max ms':>9}{'req/s':>8}{'seconds':>9}"]
    for name, k in s["kinds"].items():
        lines.append(f"{name:<15}{k['requests']:>9}{k['errors']:>7}{k['p50_ms'] or '-':>9}"
                     f"{k['p95_ms'] or '-':>9}{k['p99_ms'] or '-':>9}{k['max_ms'] or '-':>9}"
                     f"{k['per_second']:>8}{k['seconds']:>9}")
    r = s["reports"]
    lines += [f"ingest: {s['ingest']['reports_per_second']} reports/s; store summary "
              f"{json.dumps(s['ingest']['summary'])}",
              f"reports sent {r['sent']}: stored once {r['stored']}, recorded skips {r['skipped']}, "
              f"exact duplicates of a stored report {r['exact_duplicates']}, stored twice "
              f"{r['twice']}, lost {r['lost']}; incidents {r['incidents']}",
              f"errors {s['errors']}, reports lost {r['lost']}; wall {s['wall_seconds']} s"]
    for name, k in s["kinds"].items():
        lines += [f"  {name} error: {e}" for e in k["first_errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--extract-requests", type=int, default=LoadConfig.extract_requests)
    ap.add_argument("--concurrency", type=int, default=LoadConfig.concurrency)
    ap.add_argument("--ingest", type=int, default=LoadConfig.ingest)
    ap.add_argument("--ingest-batch", type=int, default=LoadConfig.ingest_batch)
    ap.add_argument("--ingest-concurrency", type=int, default=LoadConfig.ingest_concurrency)
    ap.add_argument("--query-rate", type=float, default=LoadConfig.query_rate,
                    help="incident-list and tally queries per second, each, during the ingest")
    ap.add_argument("--seed", type=int, default=LoadConfig.seed)
    ap.add_argument("--pool", default=str(POOL), help="JSONL whose 'text' fields are the reports")
    ap.add_argument("--quick", action="store_true",
                    help=f"a small run: {', '.join(f'{k}={v}' for k, v in QUICK.items())}")
    ap.add_argument("--json", help="write the summary here (default: print it only)")
    ap.add_argument("--workdir", help="where the store and the server log go (default: a temp dir)")
    a = ap.parse_args(argv)
    cfg = LoadConfig(extract_requests=a.extract_requests, concurrency=a.concurrency, ingest=a.ingest,
                     ingest_batch=a.ingest_batch, ingest_concurrency=a.ingest_concurrency,
                     query_rate=a.query_rate, seed=a.seed, pool=a.pool)
    if a.quick:
        cfg = LoadConfig(**{**asdict(cfg), **QUICK})
    if min(cfg.concurrency, cfg.ingest_batch, cfg.ingest_concurrency) < 1 or cfg.query_rate <= 0:
        ap.error("--concurrency, --ingest-batch, --ingest-concurrency and --query-rate must be positive")
    with tempfile.TemporaryDirectory(prefix="tallied-load-") as tmp:
        workdir = Path(a.workdir) if a.workdir else Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if (workdir / "load.duckdb").exists():
            ap.error(f"{workdir / 'load.duckdb'} exists: the load test needs a fresh store")
        summary = run(cfg, workdir)
    print(render(summary))
    if a.json:
        Path(a.json).parent.mkdir(parents=True, exist_ok=True)
        Path(a.json).write_text(json.dumps(summary, indent=2) + "\n")
    return 0 if summary["errors"] == 0 and summary["reports"]["lost"] == 0 \
        and summary["reports"]["twice"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
