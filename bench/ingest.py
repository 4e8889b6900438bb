"""Ingest benchmark (issue #8): extraction alone against extraction + store + reconciliation.

    .venv/bin/python bench/ingest.py [--n 10000] [--copies 300] [--db /tmp/tallied-bench.duckdb]

The corpus: the texts (never the codings) of ../shared/eval/pool/ repeated as needed, each with
an outlet and a publication date drawn from a seeded generator, plus ``--copies`` synthetic
re-publications of random items (another headline, a byline, site debris) that must be found as
near-duplicates. In one run it prints:

- extraction-only throughput (the pipeline, ingest through assemble, nothing stored);
- ingest throughput (the same extraction plus the store's writes and reconciliation), and the
  ratio of the two (the store must keep at least 0.8 of extraction-only);
- the store's time per report for each tenth of the run (reconciliation must stay flat as the
  store grows, not grow with it);
- the DuckDB file size; p50/p95 of `tally` and `incidents` queries on the full store.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POOL = ROOT.parent / "shared" / "eval" / "pool" / "events.jsonl"
OUTLETS = ["Demo Wire", "Sahel Daily Digest", "Regional Monitor", "Capital Times", "Frontline News",
           "Evening Courier", "Radio Horizon", "The Observer Desk"]
DEBRIS = ["Share this article", "Sign up for our newsletter", "Most read: weather, sport and markets",
          "Photo: staff photographer", "Related: more from the region"]


def corpus(n: int, copies: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    texts = [json.loads(line)["text"] for line in open(POOL, encoding="utf-8") if line.strip()]
    out = []
    for i in range(n - copies):
        text = texts[i % len(texts)]
        if i >= len(texts):  # a repeat of the pool: make it a distinct report
            text = f"{text}\n\n(Report {i // len(texts) + 1} of a series.)"
        out.append({"id": f"bench-{i}", "text": text, "outlet": rng.choice(OUTLETS),
                    "published": (date(2012, 1, 1) + timedelta(days=rng.randrange(4000))).isoformat()})
    for j in range(copies):
        src = out[rng.randrange(len(out))]
        text = (f"{rng.choice(['UPDATE', 'Breaking', 'World news'])}: {src['text'][:60]}\n"
                f"By {rng.choice(OUTLETS)} staff\n{src['text']}\n{rng.choice(DEBRIS)}")
        out.append({"id": f"copy-{j}", "text": text, "outlet": rng.choice(OUTLETS),
                    "published": src["published"]})
    rng.shuffle(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--copies", type=int, default=300)
    ap.add_argument("--db", default="/tmp/tallied-bench.duckdb")
    args = ap.parse_args()
    from tallied.ingest.jsonl import read_jsonl  # noqa: F401 - the same reader the CLI uses
    from tallied.models import Report
    from tallied.pipeline import process
    from tallied.resources import load_actors, load_gazetteer, load_nlp
    from tallied.store import IncidentFilter, Store

    load_nlp(), load_gazetteer(), load_actors()
    items = corpus(args.n, args.copies)
    reports = [Report(source=f"bench:{it['id']}", raw_text=it["text"], outlet=it["outlet"],
                      published=date.fromisoformat(it["published"]), external_id=it["id"]) for it in items]
    print(f"corpus: {len(reports)} reports ({args.copies} synthetic re-publications), "
          f"{sum(len(r.raw_text.split()) for r in reports)} words")

    t0 = time.perf_counter()
    results = list(process(reports))
    extract_s = time.perf_counter() - t0
    print(f"extraction only: {extract_s:.1f} s, {len(reports) / extract_s:.1f} reports/s")

    if os.path.exists(args.db):
        os.remove(args.db)
    store = Store.open(args.db)
    # twentieths, summed into tenths and quarters
    bounds = [len(results) * k // 20 for k in range(21)]
    spent, work = [], []
    t0 = time.perf_counter()
    total = None
    for a, b in zip(bounds, bounds[1:]):
        t = time.perf_counter()
        s = store.ingest(results[a:b])
        spent.append(time.perf_counter() - t)
        work.append((s.near_duplicates, s.incidents_updated))
        if total is None:
            total = s
        else:
            total.add(s)
    store_s = time.perf_counter() - t0

    def per_report(parts: int, skip_first: bool = False) -> list[tuple[int, float]]:
        k = 20 // parts
        out = []
        for i in range(parts):
            lo = i * k + (1 if skip_first and i == 0 else 0)  # the first batch's one-time costs
            out.append((bounds[(i + 1) * k],
                        sum(spent[lo:(i + 1) * k]) / max(1, bounds[(i + 1) * k] - bounds[lo]) * 1000))
        return out

    tenths, quarters = per_report(10), per_report(4, skip_first=True)
    ingest_s = extract_s + store_s
    ratio = (len(results) / ingest_s) / (len(results) / extract_s)
    print(f"ingest (extraction + store + reconciliation): {ingest_s:.1f} s, "
          f"{len(results) / ingest_s:.1f} reports/s; store part {store_s:.1f} s")
    print(f"ratio ingest / extraction-only: {ratio:.3f} (floor 0.8)")
    print(f"summary: {json.dumps(total.to_dict())}")
    print("store time per report as the store grows (reports stored -> ms/report):")
    for n, ms in tenths:
        print(f"  {n:>6}  {ms:6.2f}")
    # what reconciliation had to do in each quarter: a copy found, an incident updated (a later
    # report of a story already stored) costs more than a new incident, and both grow as the
    # corpus's repeats find their first copies in the store
    print("  copies found / incidents updated per quarter: " + "  ".join(
        f"{sum(w[0] for w in work[i * 5:(i + 1) * 5])}/{sum(w[1] for w in work[i * 5:(i + 1) * 5])}"
        for i in range(4)))
    print("  per quarter (the first without its first twentieth): " + "  ".join(f"{ms:.2f}" for _, ms in quarters)
          + f"; second half / first half: {(quarters[2][1] + quarters[3][1]) / (quarters[0][1] + quarters[1][1]):.2f}")
    # the first tenth also pays one-time costs (imports, the first DuckDB pages): compare with the second
    first, last = tenths[min(1, len(tenths) - 1)][1], tenths[-1][1]
    half = len(tenths) // 2
    early = statistics.mean(ms for _, ms in tenths[1:half]) if half > 1 else first
    late = statistics.mean(ms for _, ms in tenths[half:])
    print(f"  last tenth / second tenth: {last / first:.2f}; mean of the second half / the first "
          f"(without the first tenth): {late / early:.2f} (flat is about 1)")
    counts = store.counts()
    print(f"store: {counts['incidents']} incidents, {counts['reports']} reports, "
          f"{counts['report_events']} report events, {counts['matches']} links")
    store.close()
    print(f"DuckDB file: {os.path.getsize(args.db) / 1e6:.1f} MB")

    store = Store.open(args.db, read_only=True)
    countries = [r[0] for r in store.con.execute(
        "SELECT country FROM incidents WHERE country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 20").fetchall()]
    rng = random.Random(2)

    def timed(fn, k=40):
        out = []
        for _ in range(k):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
        out.sort()
        return statistics.median(out), out[int(0.95 * (len(out) - 1))]

    for name, fn in [
        ("tally --by country --per month", lambda: store.tally("country", "month")),
        ("tally --by actor --per week, one country",
         lambda: store.tally("actor", "week", IncidentFilter(country=rng.choice(countries)))),
        ("incidents (first page)", lambda: store.incidents(limit=50)),
        ("incidents --country X --min-fatalities 1",
         lambda: store.incidents(IncidentFilter(country=rng.choice(countries), min_fatalities=1))),
        ("incidents page 20, by fatalities", lambda: store.incidents(limit=50, offset=950, sort="fatalities")),
    ]:
        p50, p95 = timed(fn)
        print(f"query {name:<45} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
