"""A report's clean text cut into segments at every evidence boundary, so a template can wrap
each piece in one element that names the fields it supports.

    segments("SDF said 175 died", [Mark(9, 12, "fatalities", "f1")])
    -> [Segment("SDF said ", ()), Segment("175", (Mark...,)), Segment(" died", ())]

The text is never turned into markup here: the template escapes each segment.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    field: str  # fatalities, figure, actor1, location, event_date, event_type ...
    ref: str  # the element id a click on the field scrolls to ("f3", "event_date")


@dataclass(frozen=True)
class Segment:
    text: str
    start: int
    marks: tuple[Mark, ...]

    @property
    def fields(self) -> str:
        return " ".join(sorted({m.field for m in self.marks}))

    @property
    def groups(self) -> str:
        """CSS classes for the colour of each kind of field this piece supports."""
        return " ".join(sorted({"f-" + group_of(m.field) for m in self.marks}))

    @property
    def refs(self) -> str:
        return " ".join(sorted({m.ref for m in self.marks}))


GROUPS = {"fatalities": "fatalities", "figure": "figure", "best": "fatalities", "low": "fatalities",
          "high": "fatalities", "deaths_a": "fatalities", "deaths_b": "fatalities",
          "deaths_civilians": "fatalities", "deaths_unknown": "fatalities",
          "actor1": "actor", "actor2": "actor", "assoc_actor_1": "actor", "assoc_actor_2": "actor",
          "location": "place", "admin1": "place", "admin2": "place", "country": "place",
          "event_date": "date", "date_start": "date", "date_end": "date",
          "event_type": "type", "sub_event_type": "type", "context": "other"}


def group_of(field: str) -> str:
    return GROUPS.get(field, "other")


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Split ``text`` at every mark boundary; each segment carries the marks covering it.
    Marks outside the text or empty are ignored (a stale offset must not break the page)."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = tuple(m for m in valid if m.start <= a and b <= m.end)
        out.append(Segment(text[a:b], a, covering))
    return out
