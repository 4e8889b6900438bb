"""Scoring tallied's primary event and its counted figures against a careful reader's coding,
for issue 10 check 4: the twenty articles of tests/acceptance/articles and every expected file of
../shared/examples (news, wikinews, Hasakah, and each report of the clusters).

Each item becomes a :class:`Item` (the text, how it is run, and the reader's facts in one shape);
:func:`score` runs tallied on it and returns a :class:`Scored` row. Rules, fixed before scores
were looked at:
- country: the event's country or iso3 equals the reader's (folded: case, diacritics, "the");
- date: the event_date equals the reader's date, or lies in the reader's span for an event that
  ran over a night (clusters); items whose reader has no date are not counted;
- location: a name match (the event's location or admin2 equals one of the reader's names, or
  appears as words of the reader's place phrase) or, where the reader gives coordinates, the
  event's point within 25 km;
- main toll: the event's fatalities equal the reader's toll (the articles: ``fatalities`` or one
  of ``fatalities_also``; the shared files: the low or high of a ``main`` killed figure, or their
  sum when there are several, 0 without one; Hasakah: its totals);
- figures: a ``main`` casualty figure is found when tallied has an event figure of its kind and
  count inside its quote (tests/acceptance/expected.py); a context figure (background,
  cumulative, secondary, claim) is counted when an event's fatalities or injured evidence covers
  its number, and a ``related`` figure when the primary event's does.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tallied.export.records import record
from tallied.models import Report
from tallied.pipeline import process
from tallied.resolve.gazetteer import km

from .expected import EXAMPLES, KIND_ALIASES, NOT_CASUALTY_KINDS, expected_figures, figure_found, locate

ARTICLES = Path(__file__).resolve().parent / "articles"
NEVER_COUNTED = ("background", "cumulative", "secondary", "claim")
KM = 25.0


@dataclass
class Item:
    group: str  # articles, news, wikinews, hasakah, clusters
    name: str
    text: str
    published: date | None
    outlet: str | None
    title: str | None = None
    country: str | None = None
    location_names: list[str] = field(default_factory=list)
    location_phrase: str = ""
    point: tuple[float, float] | None = None
    dates: tuple[str, str] | None = None  # first and last acceptable event_date
    tolls: set[int] = field(default_factory=set)
    injured: set[int] | None = None
    figures: list[dict] = field(default_factory=list)


@dataclass
class Scored:
    item: Item
    got: dict  # field -> bool
    coded: str
    main_total: int = 0
    main_found: int = 0
    missed: list[str] = field(default_factory=list)
    counted: int = 0  # evidence spans of counted figures (fatalities, injured) in all events
    extra: list[str] = field(default_factory=list)  # counted figures a careful reader would not count
    context_counted: list[str] = field(default_factory=list)  # background/cumulative/secondary/claim


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(?:the|al|el|at)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# -- reading the items --------------------------------------------------------------------------

def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def article_items() -> list[Item]:
    out = []
    for exp in sorted(ARTICLES.glob("*.expected.json")):
        data = json.loads(exp.read_text(encoding="utf-8"))
        p = data["primary"]
        out.append(Item(
            "articles", exp.name.replace(".expected.json", ""),
            (ARTICLES / data["article"]).read_text(encoding="utf-8"),
            _d(data["run_with"].get("published")), data["run_with"].get("outlet"),
            country=p["country"], location_names=p["location_names"], location_phrase=p["location"],
            point=(p["latitude"], p["longitude"]), dates=(p["event_date"], p["event_date"]),
            tolls={p["fatalities"], *p.get("fatalities_also", [])},
            injured=None if p.get("injured") is None else {p["injured"], *p.get("injured_also", [])},
            figures=data["figures"]))
    return out


def _main_tolls(figures: list[dict]) -> set[int]:
    killed = [f for f in figures if f.get("scope") == "main" and f.get("kind") in ("killed", "dead")]
    values = {v for f in killed for v in (f.get("low"), f.get("high")) if v is not None}
    if len(killed) > 1:
        values.add(sum(f.get("low") or 0 for f in killed))
    return values or {0}


def example_items() -> list[Item]:
    from .expected import cases

    out = []
    for case in cases():
        data = case.expected
        text = case.text_path.read_text(encoding="utf-8")
        group = case.text_path.parent.name if case.text_path.parent != EXAMPLES else "hasakah"
        if "facts" in data:
            facts = data["facts"]
            day = facts.get("event_date")
            out.append(Item(group, case.name, text, case.published, case.outlet,
                            country=facts.get("country"), location_phrase=facts.get("location") or "",
                            dates=(day, day) if day else None, tolls=_main_tolls(facts["figures"]),
                            figures=facts["figures"]))
        else:  # the Hasakah file: a place with coordinates and period totals
            place, totals = data["place"], data["fatality_totals"]["ucdp_style"]
            figs = expected_figures(case)
            out.append(Item("hasakah", case.name, text, case.published, case.outlet,
                            country=place["country"], location_phrase=place["location"],
                            point=(place["latitude"], place["longitude"]),
                            tolls={200, totals["low"], totals["best"]}, figures=figs))
    for folder in sorted((EXAMPLES / "clusters").iterdir()):
        if not (folder / "expected.json").exists():
            continue
        data = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        by_id = {r["id"]: r for r in data["reports"]}
        for line in (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rep = json.loads(line)
            figs = by_id.get(rep["id"], {}).get("figures", [])
            out.append(Item("clusters", rep["id"], rep["text"], _d(rep.get("published")), rep.get("outlet"),
                            title=rep.get("title"), country=data["country"],
                            location_phrase=data["location"], point=(data["latitude"], data["longitude"]),
                            dates=(data["event_date_start"], data["event_date_end"]),
                            tolls=_main_tolls(figs), figures=figs))
    return out


# -- scoring ------------------------------------------------------------------------------------

def run(items: list[Item]):
    reports = [Report(source=f"{it.group}/{it.name}", raw_text=it.text, published=it.published,
                      outlet=it.outlet, title=it.title) for it in items]
    return list(process(reports))


def _place_ok(item: Item, ev) -> bool:
    names = [fold(n) for n in (ev.location, ev.admin2) if n]
    phrase = fold(item.location_phrase)
    wanted = {fold(n) for n in item.location_names}
    if names and (names[0] in wanted or re.search(r"\b" + re.escape(names[0]) + r"\b", phrase)):
        return True
    if item.point and ev.latitude is not None and ev.longitude is not None:
        return km(item.point[0], item.point[1], ev.latitude, ev.longitude) <= KM
    return False


def _count_pos(exp: dict, clean: str) -> int | None:
    span = locate(clean, exp["quote"])
    if span is None:
        return None
    pos = clean.find((exp.get("count_text") or "").strip("“”\""), span[0], span[1] + 1)
    return pos if pos >= 0 else None


def score(item: Item, res) -> Scored:
    ev = res.events[0] if res.events else None
    got: dict[str, bool] = {}
    got["country"] = ev is not None and fold(item.country) in (fold(ev.country), fold(ev.iso3))
    if item.dates:
        got["date"] = ev is not None and ev.event_date is not None and item.dates[0] <= ev.event_date <= item.dates[1]
    got["location"] = ev is not None and _place_ok(item, ev)
    got["toll"] = ev is not None and (ev.fatalities or 0) in item.tolls
    if item.injured is not None:
        got["injured"] = ev is not None and (ev.injured or 0) in item.injured
    coded = (f"{ev.country} / {ev.event_date} / {ev.location} / {ev.fatalities} killed, {ev.injured} injured"
             if ev else "no event")
    row = Scored(item, got, coded)
    if res.report is None:
        return row
    clean = res.report.clean_text
    rec = record(res)
    figs = [f for f in rec["figures"] if f["scope"] == "event"]
    spans_all = [(e["start"], e["end"], i) for i, event in enumerate(rec["events"])
                 for key in ("fatalities", "injured") for e in event.get("evidence", {}).get(key, [])]
    row.counted = len(spans_all)
    for exp in item.figures:
        kind = KIND_ALIASES.get(exp["kind"], exp["kind"])
        label = f"{exp['kind']} {exp.get('count_text')} ({exp['scope']})"
        if exp["scope"] == "main" and kind not in NOT_CASUALTY_KINDS and kind != "other":
            row.main_total += 1
            if figure_found(exp, figs, clean):
                row.main_found += 1
            else:
                row.missed.append(label)
            continue
        if exp["scope"] not in NEVER_COUNTED + ("related",):
            continue
        pos = _count_pos(exp, clean)
        if pos is None:
            continue
        hit = [i for s, e, i in spans_all if s <= pos < e]
        if exp["scope"] in NEVER_COUNTED and hit:
            row.context_counted.append(label)
            row.extra.append(label)
        elif exp["scope"] == "related" and 0 in hit:
            row.extra.append(label + " in the primary event")
    return row


def score_all(items: list[Item]) -> list[Scored]:
    return [score(it, res) for it, res in zip(items, run(items))]


FIELDS = ("country", "date", "location", "toll", "injured")


def summary(rows: list[Scored]) -> dict:
    out = {}
    for key in FIELDS:
        vals = [r.got[key] for r in rows if key in r.got]
        if vals:
            out[key] = (sum(vals) / len(vals), len(vals))
    total = sum(r.main_total for r in rows)
    out["main_found"] = (sum(r.main_found for r in rows) / total if total else 1.0, total)
    out["context_counted"] = (sum(len(r.context_counted) for r in rows), sum(1 for r in rows))
    counted = sum(r.counted for r in rows)
    out["extra_share"] = (sum(len(r.extra) for r in rows) / counted if counted else 0.0, counted)
    return out


def table(groups: dict[str, list[Scored]], targets: dict[str, float]) -> str:
    keys = list(FIELDS) + ["main_found", "context_counted", "extra_share"]
    head = f"{'':18}" + "".join(f"{k:>16}" for k in keys)
    lines = [head]
    for name, rows in groups.items():
        s = summary(rows)
        cells = []
        for k in keys:
            if k not in s:
                cells.append(f"{'-':>16}")
            elif k == "context_counted":
                cells.append(f"{s[k][0]:>10d} in {s[k][1]:<3d}")
            else:
                cells.append(f"{s[k][0]:>9.2f} of {s[k][1]:<3d}")
        lines.append(f"{name:18}" + "".join(cells))
    lines.append(f"{'target':18}" + "".join(
        f"{targets[k]:>16}" if k in targets else f"{'':>16}" for k in keys))
    return "\n".join(lines)


def misses(rows: list[Scored]) -> list[str]:
    out = []
    for r in rows:
        bad = [k for k, v in r.got.items() if not v]
        if bad or r.missed or r.extra:
            out.append(f"{r.item.group}/{r.item.name}: {', '.join(bad) or 'ok'} (coded {r.coded})"
                       + (f"; missed {r.missed}" if r.missed else "")
                       + (f"; extra {r.extra}" if r.extra else ""))
    return out
