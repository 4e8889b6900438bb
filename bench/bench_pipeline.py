"""Pipeline benchmark: reports per second for the whole pipeline, beside the spaCy parse alone
on the same texts in the same run (the parse is the floor no rule-based stage can beat; the
ratio says what extract/resolve/assemble add on top of it).

    .venv/bin/python bench/bench_pipeline.py [REPORTS.jsonl]   (default: the bundled demo feed
                                                              and reports, repeated)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tallied.models import Report
from tallied.pipeline import process
from tallied.resources import load_gazetteer, load_nlp

ROOT = Path(__file__).resolve().parents[1]


def texts(path: str | None) -> list[str]:
    if path:
        return [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for line in (ROOT / "examples" / "feed.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line)["text"])
        except (json.JSONDecodeError, KeyError):
            pass
    return out * 10


def main() -> None:
    docs = texts(sys.argv[1] if len(sys.argv) > 1 else None)
    nlp = load_nlp()
    load_gazetteer()
    list(process([Report(source="warm-up", raw_text=docs[0])]))  # load everything once
    t0 = time.perf_counter()
    list(nlp.pipe(docs, batch_size=32))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = list(process(Report(source=f"r{i}", raw_text=t) for i, t in enumerate(docs)))
    full_s = time.perf_counter() - t0
    chars = sum(len(t) for t in docs)
    print(f"{len(docs)} reports, {chars / 1e3:.0f}k characters, {sum(len(r.events) for r in results)} events")
    print(f"spaCy parse only  {len(docs) / parse_s:7.1f} reports/s")
    print(f"whole pipeline    {len(docs) / full_s:7.1f} reports/s   ratio to parse-only {full_s / parse_s:4.2f}x the time")


if __name__ == "__main__":
    main()
