"""The codebook's actor roles, applied after the event is typed.

    a crowd is actor1 of a protest or riot, and a violent crowd is rioters;
    the police facing a crowd are actor2, a peaceful protest has no actor2, a mob's victims are civilians;
    in violence against civilians the victims are actor2 and an unnamed hand is an unidentified armed group;
    an unclaimed explosion is an unidentified armed group's;
    civilians are never actor1.
Each side keeps the evidence of the mention it came from, so a swap never separates a name from
its evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Evidence

CROWD_BY_TYPE = {"Protests": ("Protesters", 6), "Riots": ("Rioters", 5)}
UNIDENTIFIED = ("Unidentified Armed Group", 3)
CIVILIANS = ("Civilians", 7)


@dataclass(frozen=True)
class Side:
    name: str  # the ACLED name written to the event
    inter: int | None
    evidence: Evidence | None = None
    ref: str | None = None  # the catalogue name of the mention it came from (no regime years)


def generic(template: tuple[str, int], country: str | None) -> Side:
    name, inter = template
    return Side(f"{name} ({country})" if country else name, inter)


def codebook_roles(event_type: str | None, sub_event_type: str | None, disorder_type: str | None,
                   a1: Side | None, a2: Side | None, police: Side | None,
                   country: str | None, unnamed: tuple[str, int] = UNIDENTIFIED) -> tuple[Side | None, Side | None]:
    """``unnamed``: the generic actor for a hand nobody names (an Unidentified Gang where the
    report is about organised crime)."""
    crowd = CROWD_BY_TYPE.get(event_type or "")
    inter = lambda s: s.inter if s else None  # noqa: E731 - a local reader's shorthand
    if crowd and inter(a1) not in (5, 6):
        if inter(a2) in (5, 6):  # "police dispersed the protesters": the crowd is actor1
            a1, a2 = a2, a1
        else:
            a2 = a2 or a1
            a1 = generic(crowd, country)
    if event_type == "Riots" and inter(a1) == 6:
        a1 = generic(CROWD_BY_TYPE["Riots"], country)  # the violent crowd is rioters
    if sub_event_type == "Peaceful protest" and inter(a2) not in (5, 6):
        a2 = None  # nobody acted against a peaceful crowd
    elif crowd and inter(a2) in (None, 7):
        if police is not None:
            a2 = police
        elif sub_event_type == "Mob violence" and a2 is None:
            a2 = generic(CIVILIANS, country)  # a mob's victims
    if event_type == "Violence against civilians":
        if inter(a1) == 7 and a2 is not None:
            a1, a2 = a2, a1
        if inter(a2) != 7:
            a1 = a1 or a2
            a2 = generic(CIVILIANS, country)
        a1 = a1 or generic(unnamed, country)
    if a1 is None and event_type == "Explosions/Remote violence":
        a1 = generic(unnamed, country)  # a bomb nobody claimed
    if inter(a1) == 7:
        # civilians are victims in the codebook, never the side that acts
        if a2 is None or inter(a2) == 7:
            a1, a2 = (generic(unnamed, country) if disorder_type == "Political violence" else None), a1
        else:
            a1, a2 = a2, a1
    if a1 is not None and a2 is not None and a1.name == a2.name:
        a2 = None
    return a1, a2
