"""Count the error classes of docs/accuracy.md in a predictions file of the pool.

    .venv/bin/python bench/error_classes.py PREDS.jsonl [--part debug|aside|all]

An analysis for people, never called by tallied. Each class is a field, a shape of the miss
(what the coder wrote against what tallied gave) and, for some, a cue in the report's wording;
the counts are misses of that shape, so a fix shows as a smaller count. Gold is read here only
to count; the split is bench/eval_pool.py's.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_pool import EVAL, part_of  # noqa: E402

sys.path.insert(0, str(EVAL))
import score as scorer  # noqa: E402  (the evaluation's own matching rules)


def _sub(g, p, gold, pred):
    return g.get("sub_event_type") == gold and p.get("sub_event_type") in pred


CLASSES = [
    ("no place found, country left empty (ACLED iso3)", "ACLED",
     lambda it, g, p, o: o.get("iso3") is False and not p.get("iso3")),
    ("country wrong: a namesake abroad (ACLED iso3)", "ACLED",
     lambda it, g, p, o: o.get("iso3") is False and bool(p.get("iso3"))),
    ("exchange of fire on a frontline coded as shelling", "ACLED",
     lambda it, g, p, o: _sub(g, p, "Armed clash", ("Shelling/artillery/missile attack", "Grenade"))),
    ("shoot-out / firefight coded as an attack on civilians", "ACLED",
     lambda it, g, p, o: _sub(g, p, "Armed clash", ("Attack",))),
    ("protest read as Strategic development (protest verb missed)", "ACLED",
     lambda it, g, p, o: g.get("event_type") == "Protests" and p.get("event_type") == "Strategic developments"),
    ("peaceful protest coded as a riot", "ACLED",
     lambda it, g, p, o: _sub(g, p, "Peaceful protest", ("Violent demonstration", "Mob violence"))),
    ("deaths coded 0 (a victim named, not counted)", "ALL",
     lambda it, g, p, o: o.get("fatalities") is False and (scorer.as_int(g.get("fatalities")) or 0) > 0
     and not p.get("fatalities")),
    ("deaths over-counted", "ALL",
     lambda it, g, p, o: o.get("fatalities") is False and (p.get("fatalities") or 0) > (scorer.as_int(g.get("fatalities")) or 0)),
    ("deaths under-counted (not 0)", "ALL",
     lambda it, g, p, o: o.get("fatalities") is False and 0 < (p.get("fatalities") or 0) < (scorer.as_int(g.get("fatalities")) or 0)),
    ("GTD perpetrator missed: a named group the catalogue lacks", "GTD",
     lambda it, g, p, o: "actors" in o and o["actors"][0] < o["actors"][1]
     and not re.fullmatch(r"(?i)unknown|gunmen|militants|assailants|insurgents|.*extremists|.*members|maoists", str(g.get("actor1") or ""))),
    ("unnamed hand in organised-crime reports (Unidentified Gang)", "ACLED",
     lambda it, g, p, o: "actors" in o and "Unidentified Gang" in f"{g.get('actor1')} {g.get('actor2')}"
     and "Unidentified Gang" not in f"{p.get('actor1')} {p.get('actor2')}"),
    ("location empty though the report names a place", "ALL",
     lambda it, g, p, o: o.get("location_name") is False and not p.get("location")),
    ("location wrong (a place found, another coded)", "ALL",
     lambda it, g, p, o: o.get("location_name") is False and bool(p.get("location"))),
]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("preds", nargs="+", help="one or more predictions files (their union is read)")
    ap.add_argument("--part", choices=["debug", "aside", "all"], default="debug")
    args = ap.parse_args(argv)
    preds = {}
    for path in args.preds:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                preds[row["id"]] = row
    counts = [0] * len(CLASSES)
    for line in (EVAL / "pool" / "events.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if args.part != "all" and part_of(item["id"]) != args.part:
            continue
        src = item["source"]["dataset"]
        events = (preds.get(item["id"]) or {}).get("events") or []
        p = events[0] if events else {}
        o = scorer.score_item(item, p or None)
        for k, (_, where, test) in enumerate(CLASSES):
            if where in ("ALL", src) and test(item, item["gold"], p, o):
                counts[k] += 1
    for (name, where, _), n in zip(CLASSES, counts):
        print(f"{n:6d}  {where:<5} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
