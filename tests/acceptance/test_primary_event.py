"""Issue 10, item 4: on every full-length report of ../shared/examples with a reader's expected
file, does tallied's PRIMARY event match the reader's country, date, location and main toll?

Rules (written before the scores were looked at):
- country: the event's country and the reader's, compared loosely (score.py's ``similar``-style
  folding: case, diacritics, "the");
- date: the event_date equals the reader's ``event_date``; files without one are not counted;
- location: the event's location name (or its facility) appears in the reader's location
  phrase ("Magami village in the Maradun district area (Zamfara state)" holds "Magami");
- main toll: the event's fatalities equal the low or high of one of the reader's ``main``
  killed figures, or their sum when there are several; 0 when the reader has none.
The issue's targets (country 0.95, date 0.90, location 0.80, toll 0.85) are printed beside the
scores; the assertion is a ratchet at today's scores (FLOORS), so a change that loses one of
these articles fails, and the floors are raised as the rules improve.
"""
from __future__ import annotations

import re
import unicodedata

import pytest

from tallied.pipeline import extract_text

from .expected import cases

TARGETS = {"country": 0.95, "date": 0.90, "location": 0.80, "toll": 0.85}
FLOORS = {"country": 0.95, "date": 0.95, "location": 0.75, "toll": 0.85}  # scores 1.00, 1.00, 0.78, 0.87 on the articles branch, rounded down


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(?:the|al|el)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _facts(case) -> dict:
    data = case.expected
    if "facts" in data:
        return data["facts"]
    place = data.get("place", {})  # the Hasakah file keeps its place and tolls apart
    totals = data.get("fatality_totals", {})
    return {"country": place.get("country"), "location": place.get("location"),
            "event_date": None, "figures": [], "_toll": totals}


def _main_tolls(facts: dict) -> set[int]:
    killed = [f for f in facts.get("figures", [])
              if f.get("scope") == "main" and f.get("kind") in ("killed", "dead")]
    values = {v for f in killed for v in (f.get("low"), f.get("high")) if v is not None}
    if len(killed) > 1:
        values.add(sum(f.get("low") or 0 for f in killed))
    return values or {0}


@pytest.fixture(scope="module")
def scored(shared):
    rows = []
    for case in cases():
        facts = _facts(case)
        if "_toll" in facts:
            continue  # the Hasakah file is judged by tests/acceptance/test_hasakah.py
        res = extract_text(case.text_path.read_text(encoding="utf-8"), published=case.published,
                           outlet=case.outlet, source=str(case.text_path))
        ev = res.events[0] if res.events else None
        got = {}
        got["country"] = ev is not None and bool(ev.country) and _fold(ev.country) == _fold(facts.get("country"))
        if facts.get("event_date"):
            got["date"] = ev is not None and ev.event_date == facts["event_date"]
        names = [n for n in ((ev.location, ev.admin2) if ev else ()) if n]
        reader = _fold(facts.get("location"))
        got["location"] = any(_fold(n) and re.search(r"\b" + re.escape(_fold(n)) + r"\b", reader) for n in names[:1])
        got["toll"] = ev is not None and (ev.fatalities or 0) in _main_tolls(facts)
        rows.append((case.name, got, ev))
    return rows


def test_primary_event_matches_the_reader(scored):
    rates, lines = {}, []
    for key in TARGETS:
        vals = [g[key] for _, g, _ in scored if key in g]
        rates[key] = sum(vals) / len(vals) if vals else 0.0
        lines.append(f"{key}: {rates[key]:.2f} of {len(vals)} (target {TARGETS[key]:.2f}, floor {FLOORS[key]:.2f})")
    misses = [f"{name}: {', '.join(k for k, v in g.items() if not v)} "
              f"(coded {ev.country if ev else None} / {ev.event_date if ev else None} / "
              f"{ev.location if ev else None} / {ev.fatalities if ev else None})"
              for name, g, ev in scored if not all(g.values())]
    print("\n" + "\n".join(lines + misses))
    low = {k: round(v, 3) for k, v in rates.items() if v < FLOORS[k]}
    assert not low, f"primary event below today's floor: {low}\n" + "\n".join(misses)
