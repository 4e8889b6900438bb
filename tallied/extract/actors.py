"""Actor mentions: named actors, state forces, generic ACLED actors and coreference.

    find_actors(doc, report, country_iso3)  every actor mention of a parsed report, in order
    finalize_name(actor, country_name, event_date)  the ACLED name assemble writes

Reads the spaCy ``Doc`` (tokens, sentences, dependency parse, entities) and the catalogue
(``resources.load_actors()``); writes nothing on the Doc. A mention is found by, in order of
trust: a catalogue alias ("SDF", "al-Shabab"), a demonym with a state-force noun ("Nigerian
troops"), a communal group ("Fulani herdsmen"), a coreference phrase ("the jihadists", "his
force"), a generic word ("gunmen", "protesters", "the army"). Overlapping candidates keep the
most trusted, then the longest. Roles come from the parse (``actor_roles.py``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models import ActorRef, Report, evidence_at
from ..resources import load_actors, load_gazetteer, load_nlp
from .actor_roles import governing_verb, role_of, spokesperson_of
from .catalogue import Catalogue, Entry, split_period, with_period

# how much each way of finding a mention is trusted (also its rank when spans overlap)
_TRUST = {"alias": 0.9, "state": 0.8, "communal": 0.7, "named": 0.65, "coreference": 0.6, "generic": 0.6}
_RANK = {"alias": 0, "state": 0, "communal": 1, "named": 1, "coreference": 2, "generic": 3}


@dataclass
class _Context:
    """What coreference needs to know about the named actors met so far."""

    armed: dict = None  # name -> [mentions, last position, ActorRef, jihadist?]
    last_named: ActorRef | None = None
    last_speaker: ActorRef | None = None  # organisation of the most recent spokesperson

    def __post_init__(self):
        self.armed = {}

    def note(self, ref: ActorRef, entry: Entry | None, pos: int, speaker: bool) -> None:
        if ref.generic is not None or ref.via == "generic":
            return
        if ref.via == "alias":
            self.last_named = ref
            if speaker:
                self.last_speaker = ref
        if ref.inter in (2, 3, 4):
            rec = self.armed.setdefault(ref.name, [0, 0, ref, False])
            rec[0] += 1
            rec[1] = pos
            if entry is not None and "jihadist" in entry.tags:
                rec[3] = True

    def salient(self, jihadist: bool) -> ActorRef | None:
        """The armed group the text is about: most mentioned, then most recent; for
        "the jihadists"/"the terror group" a jihadist group when there is one."""
        recs = list(self.armed.values())
        if jihadist and any(r[3] for r in recs):
            recs = [r for r in recs if r[3]]
        if not recs:
            return None
        return max(recs, key=lambda r: (r[0], r[1]))[2]


@dataclass
class _Candidate:
    start: int  # token offsets
    end: int
    how: str  # alias, state, communal, named, coreference, generic
    entry: Entry | None = None
    state_country: str | None = None  # for "state": the country of the demonym, or None (focus)
    state_kind: str = "military"
    template: str | None = None  # generic template or communal name
    inter: int = 0
    weak: bool = False  # communal: "youths from the X community" is a militia only as agent


def find_actors(doc, report: Report, country_iso3: str | None = None) -> list[ActorRef]:
    """Every actor mention in ``doc`` (parsed from ``report.clean_text``), in text order.

    ``country_iso3`` is the report's country focus: it picks per-country entries ("IS" in
    Somalia is "Islamic State Somalia Province") and the state that "the army" or "police"
    belongs to. Sources ("according to the SOHR", "X said") get ``role="source"``."""
    cat = load_actors()
    nlp = load_nlp()
    sent_of = _sentence_index(doc)
    cands = _merge(doc, _select(_candidates(doc, cat, nlp, country_iso3)))
    words = cat.words
    out: list[ActorRef] = []
    spans = []
    ctx = _Context()
    for c in cands:
        span = doc[c.start:c.end]
        role = role_of(span, words["roles"])
        ref = _resolve(c, span, role, report, cat, country_iso3, ctx)
        if ref is None:
            continue
        ref.sentence = sent_of[c.start]
        out.append(ref)
        spans.append(span)
        ctx.note(ref, c.entry, len(out), role == "source" and spokesperson_of(span))
    out = _link_unnamed(out, spans, words)
    if organised_crime(report.clean_text):
        # "the perpetrators left a message for a rival gang", "a drug-trafficking dispute":
        # unnamed armed men in a report about organised crime are ACLED's Unidentified Gang
        out = [replace(a, name="Unidentified Gang", generic="Unidentified Gang")
               if a.generic == "Unidentified Armed Group" else a for a in out]
    out.extend(_protesters(doc, report, cat, country_iso3, out, sent_of))
    out.sort(key=lambda a: a.evidence.start)
    return out


def finalize_name(actor: ActorRef, country_name: str | None, event_date: str | None) -> str:
    """The ACLED name of ``actor`` for an event in ``country_name`` on ``event_date``:
    generic actors get "(Country)", state forces the regime years covering the date."""
    if actor.generic:
        if actor.generic in ("Military Forces", "Police Forces"):
            if not country_name:
                return actor.generic
            for base in (f"{actor.generic} of {country_name}", f"{actor.generic} of the {country_name}"):
                periods = load_actors().periods_of(base)
                if periods:  # the catalogue knows the ACLED form ("of the Philippines")
                    return with_period(base, periods, event_date)
            return f"{actor.generic} of {country_name}"
        return f"{actor.generic} ({country_name})" if country_name else actor.generic
    base, _unit = split_period(actor.name)
    periods = load_actors().periods_of(base)
    return with_period(actor.name, periods, event_date) if periods else actor.name


# -- candidates ------------------------------------------------------------------------------

def _candidates(doc, cat: Catalogue, nlp, focus: str | None) -> list[_Candidate]:
    out: list[_Candidate] = []
    exact, lower = cat.matcher(nlp)
    for _, s, e in list(exact(doc)) + list(lower(doc)):
        text = doc[s:e].text
        entity = any(t.ent_type_ in ("ORG", "NORP") for t in doc[s:e])
        entry = cat.lookup(text, focus, entity=entity)
        if entry is not None and not _lowercase_abbreviation(doc[s:e]):
            out.append(_Candidate(s, e, "alias", entry=entry))
    wm = _word_matchers(cat, nlp)
    for key, s, e in wm(doc):
        label = nlp.vocab.strings[key]
        kind, _, arg = label.partition(":")
        if kind == "DEMONYM":
            iso, skind = arg.split("/")
            out.append(_Candidate(s, e, "state", state_country=iso, state_kind=skind))
        elif kind == "STATE":
            if _is_member_noun(doc[s:e]):
                out.append(_Candidate(s, e, "state", state_country=None, state_kind=arg))
        elif kind == "GENERIC":
            if _is_member_noun(doc[s:e]) and not _inside_name(doc[s:e]):
                out.append(_Candidate(s, e, "generic", template=arg))
        elif kind == "COREF":
            if not (e < len(doc) and doc[e].lower_ == "of"):  # "the group of protesters"
                out.append(_Candidate(s, e, "coreference"))
    out.extend(_possessive_coreference(doc, cat.words["coreference"]))
    out.extend(_communal(doc, cat, focus))
    out.extend(_named_groups(doc, cat))
    return out


_MEMBERS = {"militant", "militants", "rebel", "rebels", "guerrilla", "guerrillas", "guerilla", "guerillas",
            "fighter", "fighters", "insurgent", "insurgents", "cadre", "cadres", "operatives", "member",
            "members", "gunmen", "extremists", "separatists"}
_NAME_GLUE = {"-", "of", "for", "and", "the", "al", "e", "i", "ul", "'s"}
_GROUP_WORDS = {"army", "front", "movement", "brigade", "brigades", "party", "tigers", "tiger", "council",
                "organisation", "organization", "committee", "battalion", "forces", "force", "group",
                "jihad", "mujahideen", "mujahidin", "lashkar", "jamaat", "jamaat-ul", "harkat", "tehrik",
                "sangram", "morcha", "mukti", "league", "union", "alliance", "resistance", "militia",
                "liberation", "revolutionary", "commando", "cell", "cells", "network", "faction", "guard"}


def _named_groups(doc, cat: Catalogue) -> list[_Candidate]:
    """A group the catalogue lacks, named the way summaries name perpetrators: "suspected
    Jharkhand Liberation Tigers militants", "members of the Kangleipak Communist Party",
    "the Abdullah Azzam Brigades claimed responsibility". The name must look like a group's
    (a word such as Army, Front, Brigades, Party, Movement) and is taken as written."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        t = doc[i]
        if not (t.pos_ == "PROPN" and t.text[:1].isupper()):
            i += 1
            continue
        j = i + 1
        while j < n and (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() or
                         doc[j].lower_ in _NAME_GLUE and j + 1 < n and doc[j + 1].text[:1].isupper()
                         and doc[j + 1].pos_ == "PROPN"):
            j += 1
        start, end = i, j
        i = j
        words = [w.lower_ for w in doc[start:end]]
        if end - start < 2 or not set(words) & _GROUP_WORDS:
            continue
        abbr_end = end
        if end + 2 < n and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].text.isupper():
            abbr_end = end + 3
        after = doc[abbr_end] if abbr_end < n else None
        before = [w.lower_ for w in doc[max(0, start - 3):start]]
        member_after = after is not None and after.lower_ in _MEMBERS
        member_before = before[-2:] in (["members", "of"], ["militants", "of"], ["cadres", "of"], ["fighters", "of"],
                                        ["member", "of"], ["cadre", "of"]) or before[-3:] in (
            ["members", "of", "the"], ["militants", "of", "the"], ["member", "of", "the"], ["cadres", "of", "the"],
            ["fighters", "of", "the"])
        claim = after is not None and after.lemma_.lower() in ("claim", "claimed") or (
            abbr_end + 1 < n and doc[abbr_end].lower_ in ("has", "had") and doc[abbr_end + 1].lower_ == "claimed")
        if not (member_after or member_before or claim):
            continue
        text = doc[start:end].text
        if cat.lookup(text, None) is not None:
            continue
        if load_gazetteer().lookup(text):
            continue  # a place ("Khyber Pakhtunkhwa")
        abbr = doc[end + 1].text if abbr_end > end else None
        c = _Candidate(start, abbr_end + (1 if member_after else 0), "named",
                       template=f"{abbr}: {text}" if abbr else text)
        out.append(c)
    return out


def _lowercase_abbreviation(span) -> bool:
    """Reject an alias match that is not a mention: a short abbreviation inside a shouted
    all-caps line ("IS IT OVER"), or the target of "anti-" ("anti-Houthi forces")."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ == "anti":
        return True
    if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ == "pro" \
            and span.end < len(doc) and doc[span.end].is_title and not doc[span.end].is_sent_start:
        return True  # "pro-STC Security Belt Forces": the allegiance of the named unit after it
    if len(span) == 1 and len(span.text) <= 3 and span.text.isupper():
        # one capitalised neighbour is another abbreviation ("a PKK IED"); two are a
        # shouted line ("IS IT OVER")
        near = [doc[i] for i in range(span.start - 2, span.end + 2)
                if 0 <= i < len(doc) and not span.start <= i < span.end]
        return sum(t.is_alpha and t.is_upper and len(t) > 1 for t in near) >= 2
    return False


def _is_member_noun(span) -> bool:
    """A bare "soldiers"/"gunmen" is an actor unless it modifies something ("military
    fatigues") or belongs to someone named ("his force's soldiers", "SDF soldiers")."""
    root = span.root
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in ("'s", "\u2019s"):
        return False
    if root.dep_ in ("amod", "compound") and root.head.i >= span.end:
        return False
    if root.pos_ == "ADJ":
        return False
    for ch in root.children:
        if ch.i < span.start and ch.dep_ == "poss":
            return False
    return True


def _inside_name(span) -> bool:
    # "Kurdish People's Protection Units": a capitalised generic word mid-sentence is part of a name
    t = span[0]
    return t.is_title and not t.is_sent_start and t.pos_ == "PROPN"


def _word_matchers(cat: Catalogue, nlp):
    """One LOWER PhraseMatcher for the word tables, built once per pipeline."""
    key = ("words", id(nlp.vocab))
    if key in cat._matchers:
        return cat._matchers[key]
    from spacy.matcher import PhraseMatcher

    w = cat.words
    m = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, nouns in w["state_nouns"].items():
        m.add(f"STATE:{kind}", [nlp.make_doc(n) for n in nouns])
        for iso, c in cat.countries.items():
            # "Ukrainian forces" is a state's forces, though a bare "forces" is nobody's
            extra = w.get("demonym_weapons", ["forces"]) if kind == "military" else []
            pats = [nlp.make_doc(f"{d} {n}") for d in c.get("demonyms", ()) for n in [*nouns, *extra]
                    if not n.startswith("the ") and n.isascii()]
            pats += [nlp.make_doc(f"{c['name']}{sep} {n}") for n in nouns for sep in ("", "'s", "’s")
                     if not n.startswith("the ") and n.isascii()]  # "Myanmar's military"
            m.add(f"DEMONYM:{iso}/{kind}", pats)
    for template, spec in w["generic"].items():
        m.add(f"GENERIC:{template}", [nlp.make_doc(x) for x in spec["words"]])
    m.add("COREF:", [nlp.make_doc(x) for x in w["coreference"]["armed"]])
    cat._matchers[key] = m
    return m


def _possessive_coreference(doc, coref: dict) -> list[_Candidate]:
    """"his force", "its fighters": a possessive pronoun on a member noun."""
    out = []
    for tok in doc:
        if tok.lower_ in coref["possessives"] and tok.head.lower_ in coref["possessed"] \
                and tok.head.i > tok.i:
            out.append(_Candidate(tok.i, tok.head.i + 1, "coreference"))
    return out


_NAME_LIKE = re.compile(r"^[A-Z][\w'\-]+$")


def _communal(doc, cat: Catalogue, focus: str | None) -> list[_Candidate]:
    """"Fulani herdsmen", "Dinka ethnic militia", "Habar Gidir clan militia", "a Zawiya
    militia": capitalised words before a communal head become an identity militia (inter 4).
    Demonyms of states are skipped: "Syrian militia" is not an ethnic group."""
    spec = cat.words["communal"]
    demonyms = {d.lower() for c in cat.countries.values() for d in c.get("demonyms", ())}
    names = {c["name"].lower() for c in cat.countries.values()}
    heads = sorted(spec["heads"], key=lambda h: -len(_words(h)))
    head_words = [(h, _words(h)) for h in heads]
    firsts = {hw[0] for _, hw in head_words}
    lowers = [t.lower_ for t in doc]  # read once: slicing the Doc per token and head is slow
    out = _communal_from(doc, cat, focus)
    i = 0
    while i < len(doc):
        matched = None
        if lowers[i] in firsts:
            for h, hw in head_words:
                if lowers[i:i + len(hw)] == hw:
                    matched = (h, len(hw))
                    break
        if not matched:
            i += 1
            continue
        head, n = matched
        j = i
        while j > 0 and _NAME_LIKE.match(doc[j - 1].text) and doc[j - 1].pos_ in ("PROPN", "ADJ", "NOUN") \
                and (not doc[j - 1].is_sent_start or doc[j - 1].pos_ == "PROPN" or doc[j - 1].ent_type_):
            j -= 1
            if doc[j].is_sent_start:
                break
        if j < i:
            group = doc[j:i].text
            low = group.lower()
            if low not in demonyms and low not in names and cat.lookup(group, focus) is None:
                ents = {t.ent_type_ for t in doc[j:i]}
                if head in spec["vigilante_heads"]:
                    label = "Vigilante Militia"
                    template = label
                elif focus in spec["clan_countries"] and _lineage(group, spec):
                    template = _clan_name(group, head, spec)
                elif head in spec["ethnic"]:
                    label = spec["ethnic"][head]
                    template = f"{group} {label}"
                elif focus in spec["clan_countries"]:
                    template = _clan_name(group, head, spec)
                elif ents & {"GPE", "LOC", "FAC"}:
                    template = f"{group} {spec['place_label']}"
                else:
                    template = f"{group} {spec['people_label']}"
                template = _title(template)
                out.append(_Candidate(j, i + n, "communal", template=template,
                                      inter=3 if template == "Vigilante Militia" else 4))
        i += n
    return out


def _words(phrase: str) -> list[str]:
    """A head phrase as spaCy tokenises it: "sub-clan militia" -> sub, -, clan, militia."""
    return phrase.replace("-", " - ").split()


def _lineage(group: str, spec: dict) -> str | None:
    """The ACLED lineage of the deepest clan named in ``group`` ("Habar Gedir Ayr" ->
    "Hawiye-Habar Gedir-Ayr"), from the ``communal.lineages`` table."""
    words = group.lower().replace("-", " ").replace("'", "").split()
    best = None
    for n in range(len(words), 0, -1):
        for k in range(len(words) - n + 1):
            line = spec.get("lineages", {}).get(" ".join(words[k:k + n]))
            if line and (best is None or line.count("-") > best.count("-")):
                best = line
    return best


def _clan_name(group: str, head: str, spec: dict) -> str:
    line = _lineage(group, spec)
    if line is None:
        return f"{group} {'Sub-Clan' if 'sub' in head else 'Clan'} Militia"
    return f"{line} {'Sub-Clan' if '-' in line or 'sub' in head else 'Clan'} Militia"


def _communal_from(doc, cat: Catalogue, focus: str | None) -> list[_Candidate]:
    """"militiamen from the Saleebaan sub-clan of the Habar Gedir", "youths from the Bobo
    community": a member noun, then from/of, then a named clan, tribe or community."""
    spec = cat.words["communal"]
    members, weak_members = set(spec["from_heads"]), set(spec["from_heads_weak"])
    groups = set(spec["group_nouns"])
    demonyms = {d.lower() for c in cat.countries.values() for d in c.get("demonyms", ())}
    out = []
    for tok in doc:
        low = tok.lower_
        if low not in members and low not in weak_members:
            continue
        j = tok.i + 1
        if j >= len(doc) or doc[j].lower_ not in ("from", "of"):
            continue
        j += 1
        names: list[str] = []
        end = None
        while j < len(doc) and len(names) < 8:
            t = doc[j]
            if t.lower_ in ("the", "of", "a") or (t.text == "-" and j + 1 < len(doc) and doc[j + 1].lower_ == "clan"):
                j += 1
                continue
            if t.lower_ in ("sub", "subclan") or t.lower_ in groups:
                end = j + 1
                j += 1
                continue
            if _NAME_LIKE.match(t.text) and t.pos_ in ("PROPN", "NOUN", "ADJ"):
                if end is not None and doc[j - 1].lower_ != "of":
                    break
                names.append(t.text)
                j += 1
                continue
            break
        if end is None or not names or " ".join(names).lower() in demonyms:
            continue
        group = " ".join(names)
        kinds = {doc[k].lower_ for k in range(tok.i, end)}
        if focus in spec["clan_countries"] and kinds & {"clan", "subclan", "sub"}:
            template = _clan_name(group, "sub-clan" if kinds & {"sub", "subclan"} else "clan", spec)
        elif kinds & {"clan", "subclan", "sub"}:
            template = f"{group} Clan Militia"
        elif "tribe" in kinds or "tribal" in kinds:
            template = f"{group} Tribal Militia"
        else:
            template = f"{group} {spec['people_label']}"
        out.append(_Candidate(tok.i, end, "communal", template=_title(template), inter=4,
                              weak=low in weak_members))
    return out


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: most trusted first, then longest; back in text order."""
    taken: set[int] = set()
    kept = []
    for c in sorted(cands, key=lambda c: (_RANK[c.how], -(c.end - c.start), c.start)):
        span = set(range(c.start, c.end))
        if span & taken:
            continue
        taken |= span
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _merge(doc, cands: list[_Candidate]) -> list[_Candidate]:
    """One mention for "Irish Republican Army (IRA)" and for "AQAP militants": a named
    actor absorbs its bracketed abbreviation and a member noun right after it, so the
    mention's head is the noun whose role the parse knows."""
    out: list[_Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.how == "alias":
            gap = [t.text for t in doc[prev.end:c.start]]
            same = c.how == "alias" and c.entry.name == prev.entry.name
            member = c.how in ("generic", "state", "coreference") and doc[c.start].lower_ not in ("his", "her", "its", "their", "the") and c.template not in ("Civilians", "Protesters", "Rioters")
            if (same and gap in ([], ["("])) or (member and gap in ([], [")"])):
                prev.end = c.end + (1 if same and gap == ["("] and c.end < len(doc) and doc[c.end].text == ")" else 0)
                continue
        out.append(c)
    return out


# -- resolution ------------------------------------------------------------------------------

def _resolve(c: _Candidate, span, role, report: Report, cat: Catalogue, focus,
             ctx: _Context) -> ActorRef | None:
    ev = evidence_at(report.clean_text, span.start_char, span.end_char)
    base = dict(text=span.text, evidence=ev, role=role, confidence=_TRUST[c.how])
    when = report.published
    if c.how == "alias":
        e = c.entry
        name = e.name
        if e.periods:
            name = cat.state_name(e, when)
        else:
            b, _ = split_period(name)
            if cat.periods_of(b):
                name = with_period(name, cat.periods_of(b), when)
        return ActorRef(name=name, inter=e.inter, country=e.country, via="alias", **base)
    if c.how == "state":
        iso = c.state_country or focus
        if iso is None:
            kind = "Police Forces" if c.state_kind == "police" else "Military Forces"
            return ActorRef(name=kind, inter=1, generic=kind, via="generic", **base)
        e = cat.state_forces(iso, c.state_kind)
        if e is None:
            return None
        inter = 1 if (focus is None or iso == focus) else 8
        return ActorRef(name=cat.state_name(e, when), inter=inter, country=iso,
                        via="alias" if c.state_country else "generic", **base)
    if c.how == "communal":
        if c.weak and role != "agent":
            return _generic("Civilians", 7, focus, cat, base) if role == "patient" else None
        cname = cat.country_name(focus)
        if cname is None:
            return _generic(c.template, c.inter, focus, cat, base)
        # a communal militia is a named actor of the report's country: "Fulani Ethnic
        # Militia (Nigeria)", "Hawiye-Habar Gedir-Saleebaan Sub-Clan Militia (Somalia)"
        return ActorRef(name=f"{c.template} ({cname})", inter=c.inter, country=focus,
                        via="communal", **base)
    if c.how == "named":
        # a group the catalogue lacks: as the report names it, a rebel group of the report's country
        return ActorRef(name=c.template, inter=2, country=focus, via="named", **base)
    if c.how == "coreference":
        return _coreference(span, base, cat, focus, ctx)
    # generic words
    spec = cat.words["generic"][c.template]
    verb = governing_verb(span)
    lemma = verb.lemma_.lower() if verb is not None else ""
    # the small parser often hangs "protested" off the noun ("Hundreds of residents
    # protested" -> acl), so a protest verb just after the mention counts too
    near = [t for t in span.doc[span.end:span.end + 4] if t.pos_ == "VERB"][:1]
    protest = (role == "agent" and _protest_verb(verb, cat.words)) or (
        near and _protest_verb(near[0], cat.words))
    if protest and c.template in ("Civilians", "Unidentified Armed Group"):
        return _generic("Protesters", 6, focus, cat, base)
    if role == "agent" and lemma in cat.words["riot_verbs"] and c.template == "Civilians":
        return _generic("Rioters", 5, focus, cat, base)
    if spec.get("patient_only") and role != "patient":
        return None
    return _generic(c.template, spec["inter"], focus, cat, base)


_UNNAMED = ("Unidentified Armed Group",)


def organised_crime(text: str) -> bool:
    """Whether a report is about organised crime (gangs, cartels, drug trafficking)."""
    if re.search(r"\bunidentified armed group\b", text, re.IGNORECASE):
        return False  # the report's own words for the hand
    return bool(_gang_cue(tuple(load_actors().words["gang_cues"])).search(text))


@lru_cache(maxsize=1)
def _gang_cue(cues: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)


def _link_unnamed(out: list[ActorRef], spans: list, words: dict) -> list[ActorRef]:
    """Give unnamed attackers the name the report gives them.

    "Islamic State insurgents and suicide bombers": a generic armed noun joined by "and" to
    a named armed group is that group. "Unidentified militants blew up a pipeline ... the
    Baloch Liberation Army claimed responsibility" / "it was suspected that CPI-Maoist
    militants were responsible": when exactly one named armed group is said to be
    responsible (claim, suspect, blame, responsible), the unnamed attackers are that group."""
    cues = set(words["responsibility"]["cues"])
    negators = set(words["responsibility"]["negators"])
    responsible: dict[str, ActorRef] = {}
    for ref, span in zip(out, spans):
        if ref.generic or ref.inter not in (2, 3, 4) or ref.role == "source":
            continue
        sent = span.sent
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if not lemmas & cues:
            continue
        # "No group claimed responsibility, but X was suspected" still names X; "X denied
        # any involvement" does not
        if lemmas & negators:
            continue
        responsible[ref.name] = ref
    heads = {span.root.i: ref for ref, span in zip(out, spans)
             if not ref.generic and ref.inter in (2, 3, 4)}
    linked = []
    for ref, span in zip(out, spans):
        if ref.generic in _UNNAMED and ref.role != "source":
            root = span.root
            partner = None
            if root.dep_ == "conj" and root.head.i in heads:
                partner = heads[root.head.i]
            else:
                for ch in root.children:
                    if ch.dep_ == "conj" and ch.i in heads:
                        partner = heads[ch.i]
            if partner is None and len(responsible) == 1:
                partner = next(iter(responsible.values()))
            if partner is not None:
                ref = replace(partner, text=ref.text, evidence=ref.evidence, role=ref.role,
                              sentence=ref.sentence, via="coreference",
                              confidence=_TRUST["coreference"])
        linked.append(ref)
    return linked


def _protest_verb(verb, words: dict) -> bool:
    """"residents protested", "women staged a protest", "workers held a sit-in"."""
    if verb is None:
        return False
    if verb.lemma_.lower() in words["protest_verbs"]:
        return True
    return any(ch.dep_ == "dobj" and ch.lower_ in words["protest_nouns"] and not _weapon_strike(ch)
               for ch in verb.children)


_WEAPON_WORDS = {"air", "drone", "missile", "rocket", "artillery", "aerial", "precision", "military",
                 "airstrike", "naval", "retaliatory", "preemptive", "pre-emptive", "surgical"}


def _weapon_strike(noun) -> bool:
    """'conducted an air strike' is no labour strike: a strike with a weapon word."""
    return noun.lemma_.lower() == "strike" and any(
        c.lower_ in _WEAPON_WORDS for c in noun.children if c.dep_ in ("compound", "amod", "nmod"))


def _protesters(doc, report: Report, cat: Catalogue, focus, found: list[ActorRef], sent_of) -> list[ActorRef]:
    """The subject of a protest verb that no other rule caught ("a group of clowns
    demonstrated") is Protesters; of "rioted", Rioters."""
    covered = {i for a in found for i in range(a.evidence.start, a.evidence.end)}
    out = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        riot = verb.lemma_.lower() == "riot"
        if not riot and not _protest_verb(verb, cat.words):
            continue
        for subj in verb.children:
            if subj.dep_ != "nsubj" or subj.pos_ not in ("NOUN", "PROPN") or subj.idx in covered:
                continue
            span = doc[subj.left_edge.i:subj.i + 1]
            if any(span.start_char <= a.evidence.start < span.end_char for a in found):
                continue
            ev = evidence_at(report.clean_text, span.start_char, span.end_char)
            template, inter = ("Rioters", 5) if riot else ("Protesters", 6)
            ref = _generic(template, inter, focus, cat, dict(
                text=span.text, evidence=ev, role="agent", confidence=0.5))
            ref.sentence = sent_of[subj.i]
            out.append(ref)
    return out


def _generic(template: str, inter: int, focus, cat: Catalogue, base: dict) -> ActorRef:
    # the name carries the focus country when we have one; country stays None because the
    # country of a generic actor is the event's, which assemble decides
    cname = cat.country_name(focus)
    name = f"{template} ({cname})" if cname else template
    return ActorRef(name=name, inter=inter, generic=template, via="generic", **base)


def _coreference(span, base, cat, focus, ctx: _Context) -> ActorRef | None:
    first = span[0].lower_
    jihadist = any(t.lower_ in cat.words["coreference"]["jihadist_words"] for t in span)
    if first in ("his", "her"):
        target = ctx.last_speaker or ctx.last_named
    elif first in ("its", "their"):
        target = ctx.salient(False) or ctx.last_named
        if target is not None and target.inter in (5, 6, 7):
            target = None  # "its forces" are an organisation's, never a crowd's or victims'
    else:
        target = ctx.salient(jihadist)
    if target is not None:
        return replace(target, text=base["text"], evidence=base["evidence"], role=base["role"],
                       via="coreference", confidence=_TRUST["coreference"])
    # no antecedent: "the militants" / "the gunmen" are still an unidentified armed group
    bare = " ".join(t.lower_ for t in span if t.lower_ != "the")
    if bare in cat.words["generic"]["Unidentified Armed Group"]["words"]:
        return _generic("Unidentified Armed Group", 3, focus, cat, base)
    return None


def _sentence_index(doc) -> list[int]:
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out
