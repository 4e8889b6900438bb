"""One event's figures -> ACLED fatalities, UCDP per-side deaths and low/best/high.

ACLED codes one total per event, the most conservative reliable figure; UCDP keeps per-side best
estimates (deaths_a, deaths_b, deaths_civilians, deaths_unknown) and low/high totals.

    figures of a kind -> groups (one victim group each; the same group from several sources or
    sentences is one group, conservatively its lowest figure) -> sum of the groups; a stated total
    ("more than 200 people") is compared with that sum and the larger wins, since a total
    that is smaller than its own listed parts undercounts.
Parts of a total ("15 people, including three ministers") are never added on top of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Figure
from ..resources import load_lexicon

_GENERAL = re.compile(r"^(?:people|persons?|others?|individuals?|lives|victims|bodies|dead|deaths|fatalities|"
                      r"casualties|the dead|those|ones?|)$", re.IGNORECASE)


@dataclass
class Tally:
    value: int  # ACLED: the conservative total
    low: int
    high: int
    used: list[Figure]
    groups: list[tuple[Figure, int]]  # one representative figure per victim group, and its value


def acled_value(f: Figure) -> int:
    """The figure as ACLED codes it: the stated number for "more than N", the low end of a range."""
    if f.qualifier == "more than" and f.stated is not None:
        return f.stated
    if f.low is not None:
        return f.low
    return f.best or f.stated or 0


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    table = load_lexicon("figure_words")["victim_classes"]
    return {w: cls for cls, words in table.items() if not cls.startswith("_") for w in words}


def _group_key(f: Figure) -> str:
    """One victim group across statements: the side and the head noun's class ("assailants"
    and "terrorists" of one ambush are the same people)."""
    who = re.split(r"\b(?:who|whom|that|which)\b", (f.who or "").lower())[0]  # "soldiers who had been"
    words = [w for w in re.findall(r"[a-z]+", who) if w not in ("the", "of", "his", "her", "its", "their", "other", "others", "more")]
    head = words[-1] if words else ""
    head = head[:-1] if head.endswith("s") and head[:-1] in _classes() else head
    return f"{f.side}:{_classes().get(head, head.rstrip('s'))}"


_PERPETRATORS = ("bomber", "attacker", "gunman", "assailant", "perpetrator", "militant", "suicide")


def _is_perpetrator(f: Figure) -> bool:
    return any(w in (f.who or "").lower() for w in _PERPETRATORS)


def _first_mentions(figs: list[Figure]) -> list[Figure]:
    """Figures counted from noun phrases: the same unnamed victim is often mentioned again
    ("a man was found dead ... the victim was beheaded"), so the first sentence that names
    victims counts whole, and a later sentence only for a side not named before ("... killed
    him. The attacker was shot dead by guards": the gunman is another death)."""
    first = min(f.sentence for f in figs)
    out = [f for f in figs if f.sentence == first]
    seen = {f.side for f in out}
    for f in sorted(figs, key=lambda f: f.sentence):
        if f.sentence != first and f.side != "unknown" and f.side not in seen:
            out.append(f)
            seen.add(f.side)
    return out


_BACK = re.compile(r"^(?:the|those|these)\s+(?:dead|injured|wounded|victims?|bodies|casualties|deceased)\b"
                   r"|^(?:the|those|these)\s+(?:[a-z]+\s+)?(?!(?:was|were|is|are|had|has|have)\b)[a-z]+\s+(?:killed|injured|wounded)$"
                   r"|^(?:one|two|three|four|five|\d+)\s+of\s+(?:the|them|those|these|their)\b", re.IGNORECASE)


def _refers_back(f: Figure) -> bool:
    """A definite or partitive mention without a number of its own ("the injured were taken
    to ...", "the dead officers", "the children killed", "one of the children")."""
    return f.part_of is None and bool(_BACK.match(f.evidence.text.strip()))


def is_general(f: Figure) -> bool:
    return f.side == "unknown" and bool(_GENERAL.match((f.who or "").strip().lower()))


def tally(figures: list[Figure], kind: str = "killed") -> Tally:
    figs = [f for f in figures if f.kind == kind and f.status not in ("denied",) and f.scope == "event"
            and not f.combined]
    if not figs:
        return Tally(0, 0, 0, [], [])
    coded = [f for f in figs if f.coded]
    if coded:  # the report states its own coding: nothing to reconcile
        v = acled_value(coded[0])
        return Tally(v, v, v, coded[:1], [(coded[0], v)])
    if any(f.status == "reported" for f in figs):
        # a party's claim of its own success ("the group said it killed 41 soldiers") is not
        # the toll where anyone else gives one (REFERENCE: claims are never the figure alone)
        figs = [f for f in figs if f.status not in ("claimed", "disputed")]
    if any(f.revision == "initial" for f in figs):
        # "residents initially reported 18 dead": a first toll that the report's own total
        # replaces, whether or not that total is said to have "risen"
        if any(f.revision != "initial" and is_general(f) and not f.vague for f in figs):
            figs = [f for f in figs if f.revision != "initial"]
    if any(not _refers_back(f) for f in figs):
        # "the dead officers", "the children killed", "one of the children": people already
        # counted, named again; never a new group beside the figures that counted them
        figs = [f for f in figs if not _refers_back(f)]
    if any(f.revision == "update" for f in figs):
        # a toll that "rose to" replaces the first one; the first toll is kept for the reader
        figs = [f for f in figs if f.revision != "initial"]
        latest = [f for f in figs if f.revision == "update" and is_general(f)]
        if latest:
            figs = [f for f in figs if not is_general(f) or f.revision == "update"]
    if any((f.best or 0) > 0 for f in figs):
        figs = [f for f in figs if (f.best or 0) > 0]  # "no casualties" per one side vs a death
    if any(not f.implicit for f in figs if (f.best or 0) > 0):
        # a written number beats "a man was found dead ... the victim was beheaded", but the
        # attacker's own death ("the bomber also died") is a death the victims' toll leaves out
        counted_armed = any(f.side == "armed" and not f.implicit for f in figs)
        figs = [f for f in figs if not f.implicit or (f.side == "armed" and not counted_armed
                                                       and _is_perpetrator(f))]
    elif figs:
        figs = _first_mentions(figs)
    if any(not f.vague for f in figs):
        figs = [f for f in figs if not f.vague]  # "soldiers killed" beside "12 soldiers killed"
    totals = [f for f in figs if is_general(f) and f.part_of is None]
    # the attacker's own death is never inside the victims' toll: it is added on top
    own = [f for f in figs if f.implicit and f.side == "armed" and _is_perpetrator(f)] if totals else []
    parts = [f for f in figs if not is_general(f) and f.part_of is None and f not in own]
    groups: dict[str, list[Figure]] = {}
    for f in parts:
        groups.setdefault(_group_key(f), []).append(f)
    part_sum = part_high = 0
    used: list[Figure] = []
    reps: list[tuple[Figure, int]] = []
    for key, fs in groups.items():
        values = [acled_value(f) for f in fs]
        lo = min(v for v in values)
        hi = max(max(v, f.high or v) for v, f in zip(values, fs))
        part_sum += lo
        part_high += hi
        used.extend(fs)
        reps.append((fs[values.index(lo)], lo))
    if any(not f.vague for f in totals):
        totals = [f for f in totals if not f.vague]  # "killing people" does not lower "200 killed"
    if totals:
        t_values = [acled_value(f) for f in totals]
        t_low = min(t_values)
        t_high = max(max(v, f.high or v) for v, f in zip(t_values, totals))
        value = max(t_low, part_sum)
        used.extend(totals)
        ucdp_low = min(f.low if f.low is not None else acled_value(f) for f in totals)
        low = min(ucdp_low, part_sum) if part_sum else ucdp_low
        high = max(t_high, part_high)
    else:
        value, low, high = part_sum, part_sum, part_high
    for f in own:
        value, low, high = value + 1, low + 1, high + 1
        used.append(f)
        reps.append((f, 1))
    return Tally(value, low, high, used, reps)
