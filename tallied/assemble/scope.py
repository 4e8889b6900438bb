"""Which figures belong to the report's events, and which are context.

A figure is context (never a casualty of an event) when its sentence is about history or a
cumulative total ("since 2015", "this year", "three years ago"), or when the figure counts a
population ("a prison holding 3,000 inmates", "60,000 in camps"). The cue lists are data
(``scope_words.json``); background dates come from the time resolver.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Figure, Place, Report, TimeRef
from ..resolve.gazetteer import km
from ..resources import load_lexicon

_AFTER = 15  # a background date this close after a figure still dates it ("killed 8 in 2009")
_NEAR = 60  # characters around a figure searched for population cues


@lru_cache(maxsize=1)
def _cues():
    lex = load_lexicon("scope_words")
    return ([re.compile(p) for p in lex["population_near"]],
            [re.compile(p) for p in lex["cumulative_sentence"]],
            [re.compile(p) for p in lex["comparison_sentence"]],
            [re.compile(p) for p in lex["other_incident_sentence"]],
            [re.compile(p) for p in lex["update_sentence"]],
            [re.compile(p) for p in lex["initial_sentence"]],
            [re.compile(p) for p in lex["comparison_history"]])


def mark(report: Report, figures: list[Figure], times: list[TimeRef],
         sentences: list[tuple[int, int]]) -> None:
    """Set ``figure.scope`` to "context" where the figure is not about this report's events."""
    population, cumulative, comparison, _, update, initial, history = _cues()
    background: dict[int, list[TimeRef]] = {}
    for t in times:
        if t.background:
            background.setdefault(t.sentence, []).append(t)
    dated = {t.sentence for t in times if not t.background and t.start is not None}
    text = report.clean_text
    for f in figures:
        if f.sentence < len(sentences):
            s_start, s_end = sentences[f.sentence]
        else:
            s_start, s_end = f.evidence.start, f.evidence.end
        sentence = text[s_start:s_end].lower()
        compares = any(p.search(sentence) for p in comparison)
        if any(p.search(sentence) for p in update):
            f.revision = "update"
        elif any(p.search(sentence) for p in initial):
            f.revision = "initial"
        near = text[max(s_start, f.evidence.start - _NEAR):min(s_end, f.evidence.end + _NEAR)].lower()
        where = sentence if f.kind == "other" else near  # a bare head count: its whole sentence
        if f.kind not in ("killed", "injured", "abducted") and any(p.search(where) for p in population):
            f.scope = "context"  # "a prison holding 3,000 inmates", "600 children held"
        elif _dated_history(f, background.get(f.sentence, []), f.sentence in dated, compares):
            f.scope = "context"
        elif compares and _compared_event(sentence, f.evidence.start - s_start, comparison, history):
            f.scope = "context"  # "the deadliest since July, when gunmen killed 12 people"
        elif any(_before_or_plain(m.start() + s_start, f, compares)
                 for p in cumulative for m in p.finditer(sentence)):
            f.scope = "context"  # "... this year" is a total, "the heaviest clash this year" compares


def _compared_event(sentence: str, at: int, comparison, history) -> bool:
    """A figure after a comparison word and a clause that names the earlier event ("the
    deadliest since a raid last August, which killed 27"; "the worst attack, the 2015 assault
    in which 148 died") counts that event's dead; "the deadliest since March, killed 19" does not."""
    for cue in (m for p in comparison for m in p.finditer(sentence)):
        if cue.end() <= at and any(p.search(sentence, cue.end(), at) for p in history):
            return True
    return False


def _before_or_plain(cue_start: int, f: Figure, compares: bool) -> bool:
    """A history cue before the figure frames it ("since April 2017, when 25 were killed");
    after it, only a sentence that compares ("the worst ... in recent years") is let off."""
    return cue_start < f.evidence.start or not compares


def _dated_history(f: Figure, times: list[TimeRef], dated: bool, compares: bool) -> bool:
    """'In September, ... killed 17' is history; a clause that trails after the figure ('as
    such attacks became rarer in recent years') does not date it."""
    if dated:
        return False
    return any(t.evidence.start < f.evidence.start or
               (t.evidence.start <= f.evidence.end + _AFTER and not compares) for t in times)


_FAR_KM = 60.0  # a figure in a sentence about a town this far from the event is another story's


def far_towns(place: Place | None, places: list[Place], sentence: int) -> list[Place]:
    """The towns a sentence names when all of them lie far from the event's town."""
    if place is None or place.latitude is None or place.feature != "city":
        return []
    towns = [p for p in places if p.sentence == sentence and p.feature == "city"
             and p.latitude is not None and p.confidence >= 0.5]
    if towns and all(t.geonameid != place.geonameid and _km(t, place) > _FAR_KM for t in towns):
        return towns
    return []


def mark_elsewhere(place: Place | None, figures: list[Figure], places: list[Place], text: str,
                   sentences: list[tuple[int, int]]) -> None:
    """Figures of sentences about another incident in a far-away town ("another shooting hours
    later in Dayton, where ten people died") are a secondary story, not this event's."""
    for f in figures:
        if f.scope != "event" or f.sentence >= len(sentences):
            continue
        s0, s1 = sentences[f.sentence]
        if far_towns(place, places, f.sentence) and other_incident(text[s0:s1]):
            f.scope = "secondary"


def _km(a: Place, b: Place) -> float:
    return km(a.latitude, a.longitude, b.latitude, b.longitude)


def other_incident(sentence: str, near: bool = False) -> bool:
    """'the shooting followed four mass shootings ...', 'another one hours later': the sentence
    is about incidents other than the report's. With ``near`` only the cues that say so in any
    town ("came a day after a drone attack ...", "Last week, a bomb ...")."""
    _, _, _, other, _, _, _ = _cues()
    low = sentence.lower()
    if near:
        return bool(_CAME_AFTER.search(low))
    return any(p.search(low) for p in other)


_CAME_AFTER = re.compile(r"\bcame (?:just |only )?(?:(?:a|one|two|three|four|five|six|\d+|several|some) )?"
                         r"(?:hours?|days?|weeks?) after\b")


@lru_cache(maxsize=1)
def _starts():
    return [re.compile(p) for p in load_lexicon("scope_words")["separate_incident_start"]]


_SAID = re.compile(r"\b(?:said|says|told|reported|announced|put)\b")


def separate_start(sentence: str) -> bool:
    """'Earlier on Saturday, police found three bodies', 'Last week, a bomb ...': the sentence
    opens on another incident's time; 'Earlier in the day he had said five were killed' opens
    on a statement's."""
    low = sentence.lower().lstrip()
    for p in _starts():
        m = p.search(low)
        if m and not _SAID.search(" ".join(low[m.end():].split()[:6])):
            return True
    return False


def foreign_places(place: Place | None, places: list[Place], sentence: int, text: str) -> list[Place]:
    """The places a sentence names when all of them lie in another country than the event's
    ("In neighbouring Mali, at least 30 soldiers were killed last week")."""
    if place is None or not place.iso3:
        return []
    named = [p for p in places if p.sentence == sentence and p.iso3 and p.confidence >= 0.3]
    if named and all(p.iso3 != place.iso3 for p in named) and any(
            _IN_ABROAD.search(text[max(0, p.evidence.start - 40):p.evidence.start]) for p in named):
        return named
    return []


# where the sentence puts its incident: "In neighbouring Mali", "across the border in Somalia"
# ("toward Mali", "the border with Mali" only give a direction)
_IN_ABROAD = re.compile(r"\b(?:in|inside)\s+(?:neighbou?ring\s+|nearby\s+)?$", re.IGNORECASE)
