"""One group of sentences -> one Event: who, what, where, when, how many, each with evidence."""
from __future__ import annotations

import re
from dataclasses import replace

from ..extract.actors import finalize_name, organised_crime
from ..models import ActorRef, Event, Figure, Mentions, Place, Report, TimeRef, evidence_at
from ..resources import load_actors, load_lexicon
from ..resolve.dates import coded_date, published_fallback
from ..extract.catalogue import with_period
from ..resolve.places import country_cues, pick_place
from .fatalities import Tally, tally
from .scope import mark_elsewhere
from .segment import Group
from .roles import UNIDENTIFIED, Side, codebook_roles
from .typing import INTER_NAMES, classify, interaction_text

GANG = ("Unidentified Gang", 3)  # the unnamed hand in a report about organised crime

_NON_STATE = (2, 3, 4, 8)
def build(report: Report, mentions: Mentions, group: Group, primary: bool) -> Event:
    ev = Event(primary=primary, source=report.outlet, review_status="unreviewed")
    text = report.clean_text
    sentences = sorted(group.sentences)
    _when(ev, report, group)
    place = event_place(text, mentions, group)
    _where(ev, place)
    country = ev.country
    figures = [f for f in mentions.figures if f.sentence in group.sentences]
    mark_elsewhere(place, figures, mentions.places, text, mentions.sentences)
    ev.figures = figures
    killed = tally(figures, "killed")
    actors = [_claimant(a, text, mentions.sentences) for a in mentions.actors]
    actors = [a for a in actors if a.role != "source"]
    actor1, actor2 = _pick_actors(actors, group, figures)
    civ_targeted = _civilians_targeted(figures, actor2)
    span_text = " ".join(text[mentions.sentences[s][0]:mentions.sentences[s][1]]
                         for s in sentences if s < len(mentions.sentences))
    # the anchor sentence says what the event is; later sentences only when it cannot
    lead = [t for t in group.triggers if t.sentence == group.anchor and not t.negated]
    # later sentences add to the lead's own kind of event ("police broke up the march and
    # detained 9" makes it a protest with intervention), never replace it
    crowd_kinds = {"Riots", "Protests"}
    if lead and crowd_kinds & {t.event_type for t in lead}:
        lead = lead + [t for t in group.triggers if t.sentence != group.anchor and t.event_type in crowd_kinds
                       and not _looks_back(text, mentions.sentences, t.sentence)]
    lead = lead or group.triggers
    typing = classify(lead, actor1.inter if actor1 else None, actor2.inter if actor2 else None,
                      civ_targeted, killed.value, span_text)
    def side(actor: ActorRef | None) -> Side | None:
        if actor is None:
            return None
        return Side(finalize_name(actor, country, ev.event_date), actor.inter, actor.evidence, actor.name)

    police = _police_of(mentions.actors, group)
    a1, a2 = codebook_roles(typing.event_type, typing.sub_event_type, typing.disorder_type,
                            side(actor1), side(actor2), side(police), country,
                            GANG if organised_crime(text) else UNIDENTIFIED)
    if actor1 is None and actor2 is None and typing.event_type == "Battles":
        # gunfire a ceasefire mission counts ("40 shots near X") is between the two parties it
        # monitors; explosions alone it reports stay shelling by an unnamed side
        a1, a2 = _mission_parties(text, ev.event_date) or (a1, a2)
    inter1, inter2 = (a1.inter if a1 else None), (a2.inter if a2 else None)
    if typing.event_type == "Violence against civilians":
        typing = classify(lead, inter1, inter2, True, killed.value, span_text)
    ev.actor1, ev.inter1 = (a1.name if a1 else None), _inter_text(inter1)
    ev.actor2, ev.inter2 = (a2.name if a2 else None), _inter_text(inter2)
    for name, s_ in (("actor1", a1), ("actor2", a2)):
        if s_ is not None:
            ev.add_evidence(name, s_.evidence)
    ev.event_type, ev.sub_event_type = typing.event_type, typing.sub_event_type
    ev.disorder_type = typing.disorder_type
    ev.interaction = interaction_text(inter1, inter2)  # of the actors as finally coded
    ev.civilian_targeting = typing.civilian_targeting
    for e in typing.evidence:
        ev.add_evidence("event_type", e)
    _figures(ev, figures, killed, a1, a2, mentions.actors)
    if ev.sub_event_type in _NO_DEATHS and ev.fatalities:
        # a peaceful protest, or one broken up without serious harm, has no deaths by the
        # codebook's definition: a death it names ("against the killing of a journalist")
        # is its cause, never its toll
        ev.fatalities = 0
    coded = _CODED_FATALITIES.search(span_text)
    if coded:  # "Fatalities coded as 0 (the group claimed 4)": the note's own coding
        ev.fatalities = int(coded.group(1))
    _toll_period(ev, killed, mentions.times)
    anchor = mentions.sentences[group.anchor] if group.anchor < len(mentions.sentences) else (0, 0)
    ev.notes = text[anchor[0]:anchor[1]].strip()[:400] or None
    ev.confidence = _confidence(ev, place, group)
    return ev


_LEDE = 3  # sentences after a headline where the article's first paragraph says where


def event_place(text: str, mentions: Mentions, group: Group) -> Place | None:
    """Where the event is: its anchor sentence's place, unless the anchor is a headline (a line
    without a full stop) and the lede that follows places the event in a town: a headline
    names a country, a province or a reference city ("north of Baghdad"), the first paragraph
    the town ("in the Tarmiyah district ... near the town of Tarmiyah")."""
    place = pick_place(mentions.places, group.anchor)
    sents = mentions.sentences
    if group.anchor >= len(sents):
        return place
    a0, a1 = sents[group.anchor]
    head = text[a0:a1].rstrip()
    if not head or head[-1] in ".!?\"”’" or "\n" not in text[a0 + len(head):a1 + 2]:
        return place
    triggered = {t.sentence for t in group.triggers}
    for s in range(group.anchor + 1, min(len(sents), group.anchor + 1 + _LEDE)):
        if s not in triggered or s not in group.sentences:
            continue
        towns = [p for p in mentions.places if p.sentence == s and p.feature == "city" and p.name
                 and p.confidence >= 0.45 and (place is None or p.iso3 == place.iso3)
                 and not _dateline(text, p)]
        if towns:
            return max(towns, key=lambda p: (p.confidence, -p.evidence.start))
        break
    return place


def _dateline(text: str, p: Place) -> bool:
    """'COTABATO CITY, Philippines, April 9 (Pacific Desk) -': where the reporter filed."""
    line = text.rfind("\n", 0, p.evidence.start) + 1
    return p.text.isupper() and not text[line:p.evidence.start].strip()


_NO_DEATHS = ("Peaceful protest", "Protest with intervention")
_CODED_FATALITIES = re.compile(r"\bfatalities\s+(?:were\s+|are\s+)?coded\s+as\s+(\d+)\b", re.IGNORECASE)
_LOOKING_BACK = re.compile(r"\b(?:previous|preceding|earlier|last|past)\s+(?:day|days|week|weeks|month|months|year|years)\b"
                           r"|\bin recent (?:days|weeks|months)\b", re.IGNORECASE)


def _looks_back(text: str, sentences: list[tuple[int, int]], sentence: int) -> bool:
    """A later sentence about what happened before ("after the riots of the previous week")
    is background to the event, not more of it."""
    if sentence >= len(sentences):
        return False
    s0, s1 = sentences[sentence]
    return bool(_LOOKING_BACK.search(text[s0:s1]))


_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s|ing)?\s+(?:responsibility|the (?:attack|bombing|killing|assault|abduction)|credit)",
                            re.IGNORECASE)


def _mission_parties(text: str, event_date: str | None) -> tuple[Side, Side] | None:
    """'The monitoring mission observed 40 explosions near X': an exchange a ceasefire mission
    counts, with no side named, is between the two parties it monitors (data/country_cues.json)."""
    parties = load_lexicon("country_cues").get("parties", {})
    cat = load_actors()
    for m, _ in country_cues(text):
        names = parties.get(m.group(0))
        if not names:
            continue
        sides = []
        for name in names:
            entry = next((e for e in cat.entries if e.name == name), None)
            periods = cat.periods_of(name)
            full = with_period(name, periods, event_date) if periods else name
            sides.append(Side(full, entry.inter if entry else None, evidence_at(text, m.start(), m.end()), name))
        return sides[0], sides[1]
    return None


def _claimant(a: ActorRef, text: str, sentences: list[tuple[int, int]]) -> ActorRef:
    """An armed group that 'claimed responsibility' speaks as the perpetrator, not as a source."""
    if a.role != "source" or a.inter not in (2, 3, 4) or a.sentence >= len(sentences):
        return a
    s0, s1 = sentences[a.sentence]
    return replace(a, role="agent") if _RESPONSIBILITY.search(text[s0:s1]) else a


def _inter_text(inter: int | None) -> str | None:
    return INTER_NAMES.get(inter) if inter else None


def _when(ev: Event, report: Report, group: Group) -> None:
    t: TimeRef | None = group.date or published_fallback(report)
    if t is None or t.start is None:
        return
    ev.event_date = (coded_date(t) or t.start).isoformat()
    ev.date_start = t.start.isoformat()
    ev.date_end = (t.end or t.start).isoformat()
    ev.time_precision = t.time_precision
    ev.date_prec = t.date_prec
    if t.evidence.end > t.evidence.start:
        ev.add_evidence("event_date", t.evidence)


def _toll_period(ev: Event, killed: Tally, times: list[TimeRef]) -> None:
    """'Over four days, 175 IS members have been killed': the toll covers a period that starts
    on the event's day; the event's UCDP date span is that period (``--split-days`` then
    makes ACLED day-events of it)."""
    if not ev.event_date:
        return
    for f in killed.used:
        for t in times:
            if (t.sentence == f.sentence and not t.background and t.start and t.end and t.end > t.start
                    and t.start.isoformat() <= ev.event_date <= t.end.isoformat()):
                f.period = t.text
                ev.date_start, ev.date_end = t.start.isoformat(), t.end.isoformat()
                ev.date_prec = 2 if (t.end - t.start).days < 7 else 3
                ev.add_evidence("event_date", t.evidence)
                return


def acled_country(iso3: str | None, name: str | None) -> str | None:
    """The country as ACLED names it ("Democratic Republic of Congo", "Palestine")."""
    table = load_lexicon("acled_countries")
    return table[iso3]["name"] if iso3 in table else name


def _where(ev: Event, place: Place | None) -> None:
    if place is None:
        return
    ev.country, ev.iso3 = acled_country(place.iso3, place.country), place.iso3
    ev.admin1, ev.admin2 = place.admin1, place.admin2
    ev.location = place.name
    ev.latitude, ev.longitude = place.latitude, place.longitude
    ev.geo_precision, ev.where_prec = place.geo_precision, place.where_prec
    ev.add_evidence("location", place.evidence)


def _pick_actors(actors: list[ActorRef], group: Group, figures: list[Figure]):
    """actor1 did it, actor2 had it done to them; the anchor sentence speaks first."""
    order = [group.anchor] + sorted(s for s in group.sentences if s != group.anchor)
    in_group = [a for s in order for a in actors if a.sentence == s]
    pool = in_group or actors
    agents = [a for a in pool if a.role == "agent"]
    actor1 = agents[0] if agents else None
    rest = [a for a in pool if a is not actor1 and (actor1 is None or a.name != actor1.name)]
    # two organised sides named in the lead ("clashes between IS and the SDF") come first;
    # civilians are actor2 only when nobody else is (crossfire victims are not an actor)
    lead_agents = [a for a in rest if a.role == "agent" and a.sentence == group.anchor and a.inter != 7
                   and not a.generic]
    # the lead's victims first (a raid's villagers, not the troops deployed later), and within
    # the lead an organised side before civilians
    near = {group.anchor, group.anchor + 1}
    patients = sorted((a for a in rest if a.role == "patient"),
                      key=lambda a: (a.sentence not in near, a.inter == 7))
    actor2 = lead_agents[0] if lead_agents else (patients[0] if patients else None)
    if actor1 is None and rest:
        # nobody is said to have acted: a victim ("killing two police officers") stays actor2
        # and the unnamed hand is filled in by the event type; anyone else may have acted
        doers = [a for a in rest if a.role != "patient" or (a.inter in (2, 3, 4) and not a.generic)]
        if doers:
            actor1 = doers[0]
            rest = [a for a in rest if a.name != actor1.name]
            patients = [a for a in rest if a.role == "patient"]
        actor2 = actor2 if actor2 is not None and actor2 is not actor1 else (patients[0] if patients else None)
    # "unidentified militants ... X claimed responsibility" / "suspected X militants": the
    # unnamed attackers are the named armed group the report goes on to name
    if actor1 is not None and actor1.generic and actor1.inter in _NON_STATE:
        named = [a for a in pool if not a.generic and a.inter in (2, 3, 4) and a.role != "source"]
        if named:
            if actor2 is not None and actor2.name == named[0].name:
                actor2 = None
            actor1 = named[0]
            rest = [a for a in pool if a.name != actor1.name]
    if actor2 is None:
        others = [a for a in rest if a.role not in ("agent",) and a.name != (actor1.name if actor1 else None)]
        if others and group.anchor in {a.sentence for a in others}:
            actor2 = others[0]
    return actor1, actor2


def _police_of(actors: list[ActorRef], group: Group) -> ActorRef | None:
    """State forces facing a crowd: the codebook's actor2 of a protest with intervention or a riot."""
    for a in actors:
        if a.sentence in group.sentences and a.inter == 1 and a.role != "source":
            return a
    return None


def _civilians_targeted(figures: list[Figure], actor2: ActorRef | None) -> bool:
    if actor2 is not None and actor2.inter == 7:
        return True
    hurt = [f for f in figures if f.kind in ("killed", "injured", "abducted") and f.scope == "event" and (f.best or 0) > 0]
    return bool(hurt) and all(f.side == "civilians" for f in hurt)


def _figures(ev: Event, figures: list[Figure], killed: Tally, actor1: Side | None,
             actor2: Side | None, all_actors: list[ActorRef]) -> None:
    ev.fatalities = killed.value
    ev.best, ev.low, ev.high = killed.value, killed.low, killed.high
    for f in killed.used:
        ev.add_evidence("fatalities", f.evidence)
    injured = tally(figures, "injured")
    ev.injured = injured.value
    for f in injured.used:
        ev.add_evidence("injured", f.evidence)
    captured = tally(figures, "abducted").value + tally(figures, "arrested").value
    ev.captured = captured or None
    ev.displaced = tally(figures, "displaced").value or None
    # UCDP per side: a figure whose victim group names an actor goes to that actor's side
    for f, value in killed.groups:
        side = _side(f, actor1, actor2, all_actors)
        if side == "a":
            ev.deaths_a += value
        elif side == "b":
            ev.deaths_b += value
        elif side == "civilians":
            ev.deaths_civilians += value
        else:
            ev.deaths_unknown += value
    per_side = ev.deaths_a + ev.deaths_b + ev.deaths_civilians + ev.deaths_unknown
    if per_side != killed.value:
        # a stated total larger than its parts: the remainder is of unknown side
        ev.deaths_unknown = max(0, killed.value - ev.deaths_a - ev.deaths_b - ev.deaths_civilians)
    ev.best = ev.deaths_a + ev.deaths_b + ev.deaths_civilians + ev.deaths_unknown


def _side(f: Figure, actor1: Side | None, actor2: Side | None, all_actors: list[ActorRef]) -> str:
    named = [a for a in all_actors if a.role != "source"
             and f.evidence.start <= a.evidence.start < f.evidence.end]
    for a in named:
        if a.inter == 7:
            return "civilians"  # UCDP keeps civilian deaths apart from the sides'
        if actor1 is not None and a.name == actor1.ref:
            return "a"
        if actor2 is not None and a.name == actor2.ref:
            return "b"
    if f.side == "civilians":
        return "civilians"
    if f.side == "state":
        if actor1 is not None and actor1.inter == 1:
            return "a"
        if actor2 is not None and actor2.inter == 1:
            return "b"
    if f.side == "armed":
        if actor1 is not None and actor1.inter in _NON_STATE:
            return "a"
        if actor2 is not None and actor2.inter in _NON_STATE:
            return "b"
    return "unknown"


def _confidence(ev: Event, place: Place | None, group: Group) -> float:
    parts = [
        1.0 if ev.event_date else 0.0,
        place.confidence if place is not None else 0.0,
        max((t.weight for t in group.triggers), default=0.0),
        1.0 if ev.actor1 else 0.0,
    ]
    return round(min(1.0, sum(parts) / len(parts)), 2)
