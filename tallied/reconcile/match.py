"""Do two report events describe the same real-world event? A symmetric score with reasons.

Blocking happens before this (the store's candidate query: a shared country and a shared place
key, within the date window); this module only scores a candidate pair. The score is symmetric,
and the graph of links above the threshold is cut into connected components, so the incidents
do not depend on the order reports arrive in.

    date     both dated: ranges (widened by their imprecision) must come within
             ``settings.match_date_window`` days, or the pair is rejected outright;
             one side undated (no date in the text, no publication date): neutral
    place    same location name, or within 25 km: strong; same admin2 when one side is
             imprecise, or a place named in both reports: weaker
    type     same event type: a little; protests against battles or explosions: a penalty
    actors   a shared named actor: a little
    figures  the same casualty number stated in both: a little
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from ..resolve.gazetteer import km
from ..settings import SETTINGS, Settings

_GENERIC = ("Unidentified Armed Group", "Civilians", "Protesters", "Rioters")
_PEACEFUL = {"Protests", "Strategic developments"}
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@dataclass
class EventKey:
    """What matching reads of one report event (built by the store from its rows)."""

    id: str
    report_id: str
    iso3s: frozenset[str]
    keys: frozenset[str]  # normalised place names the report mentions
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int | None = None
    location: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    event_type: str | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    numbers: frozenset[int] = field(default_factory=frozenset)



def slack(k: EventKey) -> int:
    """Extra days a date may be off: a week for week precision, a month for month precision."""
    return {2: 7, 3: 31}.get(k.time_precision or 1, 0)


def date_gap(a: EventKey, b: EventKey) -> int | None:
    """Days between the two date ranges (0 when they overlap); None when either is undated."""
    if a.date_start is None or b.date_start is None:
        return None
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    if a_end < b.date_start:
        return (b.date_start - a_end).days
    if b_end < a.date_start:
        return (a.date_start - b_end).days
    return 0


def score(a: EventKey, b: EventKey, settings: Settings = SETTINGS) -> tuple[float, list[str]]:
    """The match score of two report events and the reasons for it (-inf: never the same)."""
    reasons: list[str] = []
    if a.report_id == b.report_id:
        return -math.inf, ["two events of one report"]
    if not (a.iso3s & b.iso3s):
        return -math.inf, ["no country in common"]
    total = 0.0
    gap = date_gap(a, b)
    if gap is None:
        reasons.append("date: one side undated")
    else:
        window = settings.match_date_window + max(slack(a), slack(b))
        if gap > window:
            return -math.inf, [f"dates {gap} days apart"]
        total += 1.0 if gap == 0 else 0.5
        reasons.append("date: same day" if gap == 0 else f"date: {gap} day(s) apart")

    place = 0.0
    if a.location and b.location and a.location.lower() == b.location.lower():
        place, why = 2.0, f"place: both at {a.location}"
    elif max(a.geo_precision or 3, b.geo_precision or 3) <= 2 and \
            None not in (a.latitude, b.latitude, a.longitude, b.longitude) and \
            km(a.latitude, a.longitude, b.latitude, b.longitude) <= settings.match_km:
        place, why = 2.0, f"place: within {settings.match_km:g} km"
    elif a.admin2 and a.admin2 == b.admin2 and max(a.geo_precision or 1, b.geo_precision or 1) > 1:
        place, why = 1.0, f"place: same admin2 {a.admin2}, one side imprecise"
    else:
        why = ""
    shared = sorted(a.keys & b.keys)
    if shared:
        place += min(2.0, 1.0 * len(shared))
        why = (why + "; " if why else "place: ") + "both name " + ", ".join(shared[:3])
    if place:
        total += place
        reasons.append(why)

    if a.event_type and b.event_type:
        if a.event_type == b.event_type:
            total += 0.5
            reasons.append(f"type: both {a.event_type}")
        elif {a.event_type, b.event_type} & _PEACEFUL and {a.event_type, b.event_type} & _VIOLENT:
            total -= 1.0
            reasons.append(f"type: {a.event_type} vs {b.event_type}")
    actors = {x for x in a.actors & b.actors if not x.startswith(_GENERIC)}
    if actors:
        total += 0.5
        reasons.append("actors: both name " + ", ".join(sorted(actors)))
    numbers = sorted(n for n in a.numbers & b.numbers if n > 1)
    if numbers:
        total += 0.5
        reasons.append("figures: both state " + ", ".join(map(str, numbers[:3])))
    return total, reasons


def is_match(a: EventKey, b: EventKey, settings: Settings = SETTINGS) -> tuple[bool, float, list[str]]:
    s, reasons = score(a, b, settings)
    undated = date_gap(a, b) is None
    threshold = settings.match_threshold_undated if undated else settings.match_threshold
    return s >= threshold, s, reasons
