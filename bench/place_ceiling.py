"""How well could any choice among tallied's place candidates score on an evaluation set?

    .venv/bin/python bench/place_ceiling.py [../shared/eval/dev/events.jsonl]

An analysis for people, never called by tallied: for each ACLED and GTD item it runs the
pipeline, collects every gazetteer candidate of every place mention it found (and the place it
resolved), and asks whether ANY of them matches the coder's answer: the country, the first-level
region (loosely), the location name (loosely) and a point within 25 km. The share of items where
one does is the ceiling that better disambiguation alone could reach with this gazetteer; the
gap to it is what a bigger gazetteer or a new rule for reading places would have to close.
Matching follows ``score.py`` (imported from beside the evaluation file).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tallied import extract_text
from tallied.resolve.gazetteer import km
from tallied.resources import load_gazetteer


def main(path: str) -> None:
    sys.path.insert(0, str(Path(path).resolve().parent.parent))
    from score import similar  # noqa: E402  (the evaluation's own loose name match)

    gaz = load_gazetteer()
    totals: dict[str, dict[str, list[int]]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        source = item.get("source", {}).get("dataset")
        if source not in ("ACLED", "GTD"):
            continue
        gold = item["gold"]
        res = extract_text(item["text"])
        names, regions, countries, points = set(), set(), set(), []
        for p in res.mentions.places:
            names.update((p.text, p.name or ""))
            regions.update((p.text, p.admin1 or ""))
            countries.add(p.iso3)
            if p.latitude is not None:
                points.append((p.latitude, p.longitude))
            for e in gaz.lookup(p.text):
                names.add(e.name)
                regions.add(e.admin1 or "")
                countries.add(e.iso3)
                points.append((e.latitude, e.longitude))
        t = totals.setdefault(source, {})
        checks = {
            "iso3": gold.get("iso3") in countries if gold.get("iso3") else None,
            "admin1": any(similar(gold["admin1"], r, 0.75) for r in regions) if gold.get("admin1") else None,
            "location_name": any(similar(gold["location"], n, 0.75) for n in names) if gold.get("location") else None,
            "geo_25km": (any(km(float(gold["latitude"]), float(gold["longitude"]), a, b) <= 25 for a, b in points)
                         if gold.get("latitude") is not None else None),
        }
        for field, ok in checks.items():
            if ok is not None:
                t.setdefault(field, [0, 0])
                t[field][0] += ok
                t[field][1] += 1
    for source, fields in totals.items():
        print(source)
        for field, (ok, n) in fields.items():
            print(f"  {field:14s} ceiling {ok / n:.3f}   ({ok}/{n})")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/dev/events.jsonl")
