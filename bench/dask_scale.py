"""Dask benchmark: short reports through ``--dask local:N`` into a Parquet dataset (phase 1:
extraction; phase 2: reconciliation per country × month block), then DuckDB queries on the
dataset in place.

    .venv/bin/python bench/dask_scale.py [--n 100000] [--workers 2] [--partition-size 1000]
                                         [--out /tmp/tallied-dask-dataset] [--block-by country|month]

The reports are the texts of ../shared/eval/pool (texts only: nothing else of a row is read),
repeated with fresh ids to ``--n``. Prints the wall time, reports/s, the dataset's size and file
count, the seconds of each phase, and the time of the store's tally per country and month run
on the dataset's incidents in place (and of two queries on the event rows).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def reports(n: int, seed: int) -> list[dict]:
    texts = []
    for line in (SHARED / "eval" / "pool" / "events.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        rng.shuffle(texts)
        out += [{"id": f"dask-{len(out) + i:07d}", "text": t} for i, t in enumerate(texts[: n - len(out)])]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--block-by", choices=("country", "month"), default="country")
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "tallied-dask-dataset"))
    args = ap.parse_args()

    import duckdb

    from tallied.scale import run
    from tallied.scale.dataset import tally

    with tempfile.TemporaryDirectory(prefix="tallied-dask-") as tmp:
        path = Path(tmp) / "reports.jsonl"
        rows = reports(args.n, args.seed)
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        load = os.getloadavg()
        print(f"{len(rows)} reports, {sum(len(r['text'].split()) for r in rows)} words; cpus {os.cpu_count()}, "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        summary = run([str(path)], args.out, address=f"local:{args.workers}",
                      partition_size=args.partition_size, overwrite=True, block_by=args.block_by)
    files = list(Path(args.out).rglob("*.parquet"))
    print(f"--dask local:{args.workers}: {summary.reports} reports, {summary.events} events, "
          f"{summary.skipped} skipped in {summary.wall_s:.1f} s = {summary.reports / summary.wall_s:.1f} reports/s "
          f"(cluster start-up included)")
    print(f"phase 1 (extract, {summary.partitions} partitions): {summary.extract_s:.1f} s = "
          f"{summary.reports / summary.extract_s:.1f} reports/s; phase 2 (reconcile {summary.blocks} "
          f"blocks by {args.block_by} "
          f"into {summary.incidents} incidents): {summary.reconcile_s:.1f} s")
    print(f"dataset {args.out}: {summary.dataset_bytes / 1e6:.1f} MB in {len(files)} files; "
          f"worker peak RSS MiB {', '.join(f'{v:.0f}' for v in summary.worker_peak_rss_mb.values())}")

    t0 = time.perf_counter()
    rows = tally(args.out, "country", "month")
    print(f"tally per country and month on the incidents (the store's tally, DuckDB in place): "
          f"{len(rows)} rows, {sum(r['incidents'] for r in rows)} incidents, "
          f"{sum(r['fatalities'] or 0 for r in rows)} fatalities in {time.perf_counter() - t0:.3f} s")
    con = duckdb.connect()
    events = f"read_parquet('{args.out}/events/*.parquet')"
    queries = {
        "events per country and month": f"SELECT block_iso3, block_month, count(*) AS events, "
                                       f"sum(fatalities) AS fatalities FROM {events} "
                                       f"WHERE event_index = 0 GROUP BY ALL ORDER BY ALL",
        "one country's months": f"SELECT block_month, count(*), sum(fatalities) FROM {events} "
                                f"WHERE block_iso3 = 'SOM' GROUP BY ALL ORDER BY ALL",
    }
    for name, sql in queries.items():
        t0 = time.perf_counter()
        result = con.execute(sql).fetchall()
        print(f"query {name}: {len(result)} rows in {time.perf_counter() - t0:.3f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
