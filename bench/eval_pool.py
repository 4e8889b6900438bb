"""Score tallied on the dev set and on the pool, the pool split into a part to debug on and a
part kept aside, each by source (what ``make eval`` prints).

    .venv/bin/python bench/eval_pool.py [--cache DIR] [--reuse] [--part debug|aside|all]
                                        [--show-errors FIELD --source ACLED --limit 40]

An analysis for people, never called by tallied. The split is seeded and fixed: an item's part
is a hash of its id, half 'debug' and half 'aside'. Debug only on the 'debug' part (its errors
are what ``--show-errors`` prints); the 'aside' part is only measured, and the gap between the
two says how far a change fits the items it was made on. Gold is read only here and by the
evaluation's own ``score.py`` (imported from beside the evaluation files); tallied itself sees
the text and the publication date. Predictions and the filtered gold files go to the cache
folder (default /tmp/tallied-eval), never into the repository.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SEED = "tallied-pool-split-1"
SHOWN = ["fatalities", "fatalities_nonzero", "injured", "event_date", "iso3", "admin1", "geo_25km",
         "geo_100km", "location_name", "event_type", "sub_event_type", "actors"]


def part_of(item_id: str) -> str:
    """'debug' or 'aside', half each, fixed by the id alone."""
    return "debug" if hashlib.sha256(f"{SEED}:{item_id}".encode()).digest()[0] % 2 == 0 else "aside"


def extract(src: Path, preds: Path) -> None:
    with open(preds, "w", encoding="utf-8") as fh:
        proc = subprocess.run([sys.executable, "-m", "tallied.cli", "extract", str(src), "--format", "jsonl"],
                              stdout=fh, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        sys.exit(f"tallied extract {src} failed: {proc.stderr[-1000:]}")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(gold: list[dict], preds: dict) -> dict:
    """{source: summary} by score.py's own rules."""
    sys.path.insert(0, str(EVAL))
    import score as scorer  # noqa: E402  (the evaluation's scorer, standard library only)

    by_source = defaultdict(list)
    for item in gold:
        events = (preds.get(item["id"]) or {}).get("events") or []
        by_source[item.get("source", {}).get("dataset", "?")].append(
            scorer.score_item(item, events[0] if events else None))
    return {k: scorer.summarise(v) for k, v in sorted(by_source.items())}


def value(res: dict, field: str) -> float | None:
    r = res.get(field)
    return None if r is None else r.get("accuracy", r.get("f1"))


def table(columns: dict[str, dict]) -> str:
    lines = []
    sources = sorted({s for c in columns.values() for s in c})
    names = list(columns)
    gap = "debug" in columns and "aside" in columns
    for src in sources:
        head = f"{src:<20}" + "".join(f"{n:>9}" for n in names) + ("      gap" if gap else "")
        lines += ["", head]
        for field in SHOWN:
            vals = [value(columns[n].get(src, {}), field) for n in names]
            if all(v is None for v in vals):
                continue
            row = f"  {field:<18}" + "".join(f"{v:9.3f}" if v is not None else f"{'-':>9}" for v in vals)
            if gap:
                d, a = value(columns["debug"].get(src, {}), field), value(columns["aside"].get(src, {}), field)
                row += f"{d - a:+9.3f}" if d is not None and a is not None else ""
            lines.append(row)
        n = {nm: max((r["n"] for r in columns[nm].get(src, {}).values()), default=0) for nm in names}
        lines.append("  items              " + "".join(f"{n[nm]:9d}" for nm in names))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/tallied-eval")
    ap.add_argument("--reuse", action="store_true", help="score the cached predictions, do not extract")
    ap.add_argument("--part", choices=["debug", "aside", "all", "none"], default="all",
                    help="which pool part to code (none: dev only)")
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--show-errors", metavar="FIELD", help="print pool-debug misses of FIELD")
    ap.add_argument("--source", help="with --show-errors: only this dataset (ACLED, GTD)")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--json", help="also write the scores as JSON to this file")
    args = ap.parse_args(argv)
    for path in (EVAL / "dev" / "events.jsonl", EVAL / "pool" / "events.jsonl"):
        if not path.exists():
            sys.exit(f"{path}: not found (the evaluation sets live in ../shared/eval)")
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)

    columns: dict[str, dict] = {}
    if not args.no_dev:
        dev_preds = cache / "dev-preds.jsonl"
        if not args.reuse:
            extract(EVAL / "dev" / "events.jsonl", dev_preds)
        columns["dev"] = score(load(EVAL / "dev" / "events.jsonl"), {p["id"]: p for p in load(dev_preds)})

    pool = load(EVAL / "pool" / "events.jsonl")
    parts = {"all": ["debug", "aside"], "none": []}.get(args.part, [args.part])
    for part in parts:
        gold = [item for item in pool if part_of(item["id"]) == part]
        preds_path = cache / f"pool-{part}-preds.jsonl"
        if not args.reuse and not args.show_errors:
            src = cache / f"pool-{part}-input.jsonl"
            with open(src, "w", encoding="utf-8") as fh:
                for item in gold:  # the text and publication date only, as a user's feed has them
                    fh.write(json.dumps({k: item[k] for k in ("id", "text", "published", "outlet") if k in item}) + "\n")
            extract(src, preds_path)
        if not preds_path.exists():
            continue
        preds = {p["id"]: p for p in load(preds_path)}
        columns[part] = score(gold, preds)
        if args.show_errors and part == "debug":
            show_errors(gold, preds, args.show_errors, args.source, args.limit)
            return 0
    print(table(columns))
    if args.json:
        Path(args.json).write_text(json.dumps(columns, indent=1), encoding="utf-8")
    return 0


def show_errors(gold: list[dict], preds: dict, field: str, source: str | None, limit: int) -> None:
    sys.path.insert(0, str(EVAL))
    import score as scorer  # noqa: E402

    shown = 0
    for item in gold:
        if source and item.get("source", {}).get("dataset") != source:
            continue
        events = (preds.get(item["id"]) or {}).get("events") or []
        first = events[0] if events else None
        out = scorer.score_item(item, first)
        miss = out.get(field) is False or (field == "actors" and field in out and out[field][0] < out[field][1])
        if not miss:
            continue
        first = first or {}
        g = item["gold"]
        keys = {"actors": ("actor1", "actor2"), "location_name": ("location", "admin1"),
                "geo_25km": ("location", "latitude", "longitude"), "fatalities_nonzero": ("fatalities",)}.get(
            field, (field, "event_type") if field == "sub_event_type" else (field,))
        print(f"MISS {item['id']}: gold={[g.get(k) for k in keys]} pred={[first.get(k) for k in keys]}")
        print(f"  {item['text'][:400]}")
        shown += 1
        if shown >= limit:
            break


if __name__ == "__main__":
    sys.exit(main())
