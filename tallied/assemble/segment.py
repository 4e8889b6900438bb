"""Split a report's mentions into events: which sentences talk about which event.

The primary event is the one the report leads with: the first sentence with an event trigger
that is not background. A later trigger starts an event of its own when its sentence carries its
own date on another day ("a fresh attack on Sunday"), says it is separate ("in a separate
attack"), or names a different kind of violence by a different hand (coalition air strikes in a
report about a ground assault; gunmen killing people in their homes during a battle).
Sentences without a trigger belong to the primary event, or to the separate event they follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..models import Mentions, TimeRef, Trigger
from ..resolve.dates import NOTE_DATELINE, NOTE_STATEMENT, pick_date, usable
from ..resolve.places import pick_place
from .scope import far_towns, foreign_places, other_incident, separate_start

_SEPARATE = re.compile(r"\b(?:in (?:a|another) separate|in another (?:attack|incident)|separately|"
                       r"in a (?:similar|second|related) (?:attack|incident))\b", re.IGNORECASE)
_STALE_DAYS = 14  # an incident this long before the report's event is its background
_STRONG = 1.0  # only an unambiguous trigger ("air strikes", "executed") splits off an event
_STRONG_VAC = 0.7  # "killing people" beside a battle: the codebook's separate attack on civilians
_LONG = 6  # a short note describes one event; only a full article is split by kind of violence
_FAMILY = {  # sub-event types that stand as their own event beside a battle
    "Air/drone strike": "air",
    "Attack": "vac",
    "Abduction/forced disappearance": "vac",
    "Sexual violence": "vac",
}


@dataclass
class Group:
    anchor: int  # sentence of the first trigger
    sentences: set[int] = field(default_factory=set)
    triggers: list[Trigger] = field(default_factory=list)
    date: TimeRef | None = None
    key: tuple = ()


_LEAD = 6  # sentences from the first trigger where the report says when its main event happened


def _primary_date(times: list[TimeRef], triggers: list[Trigger], anchor: int,
                  published: date | None = None, stamps: frozenset[int] = frozenset()) -> TimeRef | None:
    """A headline rarely carries the date: the main event's date is the first exact day given in
    a trigger sentence of the lead ("launched an attack ... on Thursday"), else the anchor's.
    A date stamp just before the lead ("10/01/2011: On Saturday, ...") is the lead's date."""
    lead = sorted({t.sentence for t in triggers if anchor <= t.sentence < anchor + _LEAD}
                  | ({anchor - 1} & stamps))
    told: list[TimeRef] = []
    for s in lead:
        exact = [t for t in times if t.sentence == s and usable(t) and t.time_precision == 1
                 and t.start == t.end]
        # "YANGON, April 12 - ... on Tuesday": the dateline dates the report, not the event
        told += [t for t in exact if "dateline" not in (t.note or "") and NOTE_STATEMENT not in (t.note or "")]
    if told:
        # a bare "Nov 19" on the publication day before the story's own "on Monday" is an
        # unmarked dateline: the first day that is not the publication day wins
        if published is not None:
            other = [t for t in told if t.start != published]
            if other and told[0].start == published and not told[0].relative:
                return other[0]
        return told[0]
    return pick_date(times, anchor)


# "BEIRUT, Feb 11 (Meridian Wire) - An air strike ...": the date of a wire dateline
_DATELINE_DATE = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*[-–—]{1,2}[ \t]")


def _stamps(text: str, sentences: list[tuple[int, int]], times: list[TimeRef]) -> frozenset[int]:
    """Sentences that are nothing but a date ("10/01/2011:"), as a feed's stamp before a note."""
    out = set()
    for i, (a, b) in enumerate(sentences[:2]):
        rest = text[a:b]
        for t in times:
            if t.sentence == i:
                rest = rest.replace(t.evidence.text, "")
        if any(t.sentence == i for t in times) and not re.sub(r"[\W_]", "", rest):
            out.add(i)
    return frozenset(out)


def _overlap(a: TimeRef, b: TimeRef) -> bool:
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def _own_date(times: list[TimeRef], sentence: int, text: str = "",
              span: tuple[int, int] | None = None, single_day: bool = True) -> TimeRef | None:
    """The date a sentence gives its event: not a statement's day ("the army said on Monday"),
    nor a day inside its attribution ("according to residents who fled on Monday"); with
    ``single_day`` not a span either ("for several hours")."""
    cut = None
    if span is not None:
        i = text.lower().find("according to", span[0], span[1])
        cut = i if i >= 0 else None
    own = [t for t in times if t.sentence == sentence and usable(t) and NOTE_STATEMENT not in (t.note or "")
           and NOTE_DATELINE not in (t.note or "") and not _DATELINE_DATE.match(text, t.evidence.end)
           and (t.start == t.end or not single_day) and (cut is None or t.evidence.start < cut)]
    return own[0] if own else None


def segment(text: str, mentions: Mentions, published: date | None = None) -> list[Group]:
    """Groups of sentences, the primary event first. Empty when the report has no trigger."""
    sentences = mentions.sentences
    background = {t.sentence for t in mentions.times if t.background}
    dated = {t.sentence for t in mentions.times if usable(t)}
    triggers = sorted((t for t in mentions.triggers if not t.negated), key=lambda t: t.evidence.start)
    triggers = [t for t in triggers if not (t.sentence in background and t.sentence not in dated)]
    if not triggers:
        # no trigger: a report that still names who, where and when is coded the ACLED way,
        # as Strategic developments/Other on its first dated sentence
        placed = {p.sentence for p in mentions.places if p.feature in ("city", "admin2")}
        if (mentions.actors and (dated or mentions.places)) or (dated & placed):
            first = min(dated & placed) if dated & placed else (min(dated) if dated else 0)
            return [Group(anchor=first, sentences=set(range(len(sentences))),
                          date=pick_date(mentions.times, first), key=("primary",))]
        return []
    groups: list[Group] = []
    by_sentence: dict[int, Group] = {}
    primary: Group | None = None
    for trig in triggers:
        s = trig.sentence
        if s in by_sentence:
            by_sentence[s].triggers.append(trig)
            continue
        if primary is None:
            primary = Group(anchor=s, date=_primary_date(mentions.times, triggers, s, published,
                                                         _stamps(text, sentences, mentions.times)),
                            key=("primary",))
            groups.append(primary)
            target = primary
            home = pick_place(mentions.places, s)
        else:
            target = _group_for(text, sentences, mentions.times, trig, primary, groups,
                                far_towns(home, mentions.places, s), mentions)
        target.triggers.append(trig)
        target.sentences.add(s)
        by_sentence[s] = target
    # A sentence without a trigger belongs to the primary event, unless it directly follows a
    # sentence of an explicitly separate event (another day, "in a separate attack"): a long
    # report keeps coming back to its main story, and its totals must not leak into side events.
    for s in range(len(sentences)):
        if s in by_sentence:
            continue
        prev = by_sentence.get(s - 1)
        if prev is not None and prev is not primary and prev.key[0] in ("date", "separate", "place", "background"):
            prev.sentences.add(s)
            by_sentence[s] = prev
        else:
            primary.sentences.add(s)
    return groups


def _stands_alone(trig: Trigger, mentions: Mentions) -> bool:
    """Air strikes named as such, or a killing of civilians by a named hand in a sentence that
    is not about the fighting, are events of their own beside a battle."""
    if _FAMILY[trig.sub_event_type] == "air":
        return trig.weight >= _STRONG
    same = [t for t in mentions.triggers if t.sentence == trig.sentence and not t.negated]
    if trig.weight < _STRONG_VAC or any(t.event_type == "Battles" for t in same):
        return False
    return any(a.sentence == trig.sentence and a.role != "source" and a.inter not in (7, None)
               and not a.generic for a in mentions.actors)


def _group_for(text, sentences, times, trig: Trigger, primary: Group, groups: list[Group], far,
               mentions: Mentions) -> Group:
    s = trig.sentence
    sent_text = text[sentences[s][0]:sentences[s][1]] if s < len(sentences) else ""
    span = sentences[s] if s < len(sentences) else None
    own = _own_date(times, s, text, span)
    any_date = _own_date(times, s, text, span, single_day=False)
    key = None
    abroad = foreign_places(home_of(primary, mentions), mentions.places, s, text)
    if _SEPARATE.search(sent_text) or separate_start(sent_text):
        key = ("separate", s)
    elif abroad and own is None:
        key = ("background", s)  # "In neighbouring Mali, 30 soldiers were killed last week"
    elif abroad:
        key = ("place", abroad[0].geonameid)
    elif other_incident(sent_text, near=True):
        key = ("separate", s)  # "The shelling came a day after a drone attack ... killed two"
    elif trig.weight >= _WEAPON and _own_toll(mentions, s) and _other_weekday(times, primary, s):
        key = ("separate", s)  # undated report: "A truck bomb ... on Wednesday killed at least 15"
    elif far and other_incident(sent_text):
        key = ("background", s)  # "followed four mass shootings elsewhere that week": other stories
    elif far:
        key = ("place", far[0].geonameid)  # the same day elsewhere: a related event
    elif (any_date is not None and primary.date is not None
          and (primary.date.start - (any_date.end or any_date.start)).days > _STALE_DAYS):
        key = ("background", s)  # an incident weeks before the news ("in February"): context
    elif (own is not None and primary.date is not None and own.start is not None
          and not _overlap(own, primary.date)
          and (s not in mentions.reporting or _leads(own, span, sent_text))):
        for g in groups:  # "on Sunday" and "over the weekend" are one day-event
            if g.key[0] == "date" and g.date is not None and _overlap(own, g.date):
                return g
        key = ("date", own.start, own.end)
    elif (len(sentences) >= _LONG and trig.sub_event_type in _FAMILY
          and _family_of(primary) == "battle" and _stands_alone(trig, mentions)):
        key = ("family", _FAMILY[trig.sub_event_type])
    if key is None:
        return primary
    for g in groups:
        if g.key == key:
            return g
    g = Group(anchor=s, date=own or primary.date, key=key)
    groups.append(g)
    return g


_SAID = re.compile(r"\b(?:said|says|told|reported|announced|had said|put)\b", re.IGNORECASE)


def _leads(own: TimeRef, span: tuple[int, int] | None, sent_text: str) -> bool:
    """'On Friday, gunmen killed five farmers near Bama, residents said': a date that opens a
    reported sentence dates its incident, while in 'Police said on Friday ...' or 'On Friday
    police said ...' it dates the statement."""
    if span is None or own.evidence.start - span[0] > 3:
        return False
    after = sent_text[own.evidence.end - span[0]:]
    return not _SAID.search(" ".join(after.split()[:6]))


_WEAPON = 0.7  # a trigger that names the incident itself ("a bomb", "a car bombing", "shot dead")
_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _own_toll(mentions: Mentions, s: int) -> bool:
    return any(f.sentence == s and f.kind in ("killed", "injured") and (f.best or 0) > 0
               for f in mentions.figures)


def _other_weekday(times: list[TimeRef], primary: Group, s: int) -> bool:
    """A report without a publication date: a sentence that names its own weekday while the
    lead names none, or another, tells another day's incident."""
    if primary.date is not None and primary.date.start is not None:
        return False
    days = {m.group(0).lower() for t in times if t.sentence == s for m in _WEEKDAY.finditer(t.text)}
    lead = {m.group(0).lower() for t in times if primary.anchor <= t.sentence < primary.anchor + _LEAD
            and t.sentence != s for m in _WEEKDAY.finditer(t.text)}
    return bool(days) and not (days & lead)


def home_of(primary: Group, mentions: Mentions):
    return pick_place(mentions.places, primary.anchor)


def _family_of(group: Group) -> str | None:
    """Only a battle absorbs nothing of another kind: air strikes by a third party and killings
    of civilians beside a battle are events of their own (ACLED), while a bombing report's
    'killed' is the bombing's own toll."""
    if not group.triggers:
        return None
    best = max(group.triggers, key=lambda t: t.weight)
    return "battle" if best.event_type == "Battles" else _FAMILY.get(best.sub_event_type, "other")
