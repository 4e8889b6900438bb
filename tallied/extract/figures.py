"""Casualty and people-count statements -> Figure mentions.

Two passes over each sentence, both on the dependency parse:

1. predicate pass (``predicates.py``): every casualty verb or adjective ("killed", "died", "were wounded", "abducted",
   "forced to flee") and its patient arguments, with conjuncts ("a gendarme and four recruits
   were hurt" -> 5); a patient without a number counts 1 when it is one person
   ("a policeman died", "he was killed") and is vague when plural ("killed civilians").
2. number pass: numbers the first pass did not use, read through nouns that carry the kind
   themselves ("23 captives", "12 deaths", "claimed 100 lives", "the death toll rose to 12")
   or a nearby casualty word.

Numbers that are the subject of an active attack verb are the attacking force ("200 insurgents
launched an attack"), kind ``attackers``. Explicit zeros ("no casualties", "no one was hurt")
become figures with best 0. Scope (event or context) is decided later, in assemble.
"""
from __future__ import annotations

import re

from ..models import Figure, Report, evidence_at
from ..nlp.text import doc_text
from .attribution import attribute_sentences
from .numbers import Quantity
from .people import lex, person_plural
from .predicates import (displacement, is_passive, noun_events, predicate_pass,
                         remains_and_self_blasts)
from .state import SentenceState


def _nearby_kind(s: SentenceState, q: Quantity):
    """A casualty word close after (or just before) a number not yet read."""
    _, verb_kind, adj_kind, noun_kind = lex()
    doc = s.doc
    span = doc.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None:
        return None, None
    last = span[-1]
    head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else last
    # a noun that carries the kind: "23 captives", "12 deaths", "100 lives"
    lemma = head.lemma_.lower()
    if head.pos_ in ("NOUN", "PROPN", "ADJ") and lemma in noun_kind:
        return noun_kind[lemma], head
    # "dozens of bodies": the of-object carries the kind
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and o.lemma_.lower() in noun_kind:
                    return noun_kind[o.lemma_.lower()], o
    # "the death toll rose to 12", "a toll of 12"
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        gov = head.head.head
        if gov.lemma_.lower() in noun_kind:
            return noun_kind[gov.lemma_.lower()], None
        if gov.pos_ == "VERB":
            # "leading to serious injuries to three women": the kind noun is a sibling argument
            for prep in gov.children:
                for o in prep.children:
                    if prep.dep_ == "prep" and o.dep_ == "pobj" and o.i != head.i and o.lemma_.lower() in noun_kind:
                        return noun_kind[o.lemma_.lower()], head
            for c in gov.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ("toll", "death", "casualty", "number", "fatality"):
                    kind = "killed" if c.lemma_.lower() in ("toll", "death", "fatality") or any(w.lemma_ == "death" for w in c.subtree) else "casualties"
                    return kind, None
    # just after a casualty verb: "killing at least 53 people, including ..." when the parse
    # hangs the number elsewhere
    before = doc[span.start - 1] if span.start > s.sent.start else None
    while before is not None and before.lower_ in ("least", "at", "more", "than", "about", "some", "nearly", "over"):
        before = doc[before.i - 1] if before.i > s.sent.start else None
    if before is not None and before.tag_ in ("VBG", "VBD", "VBN") and before.lemma_.lower() in verb_kind \
            and (before.lemma_.lower() != "flee" or displacement(before)):
        return verb_kind[before.lemma_.lower()], head
    # window: up to 4 tokens to the right, same clause ("1 killed 3 injured")
    for t in doc[span.end:min(span.end + 4, s.sent.end)]:
        if t.is_punct and t.text in ",;:()":
            break
        if t.like_num:
            break
        tl = t.lemma_.lower()
        if head.i != last.i and head.pos_ == "NOUN" and head.dep_ == "nsubj" and head.head.i == t.i \
                and t.pos_ == "VERB" and tl in verb_kind and any(c.dep_ == "dobj" and c.pos_ != "NUM" for c in t.children):
            return None, None  # "four gunmen killed a doctor": the four did the killing
        if t.lower_ in adj_kind:
            return adj_kind[t.lower_], head
        if t.tag_ in ("VBN", "VBD") and tl in verb_kind and (tl != "flee" or displacement(t)):
            return verb_kind[tl], head
        if t.pos_ == "NOUN" and tl in noun_kind:
            return noun_kind[tl], head
    return None, None


def _part_of(s: SentenceState, q: Quantity):
    """'killed 15 people, including three ministers': a part of the figure just read."""
    before = doc_text(s.doc)[max(s.sent.start_char, q.start - 30):q.start].lower()
    after = doc_text(s.doc)[q.end:q.end + 12].lower()
    if not (re.search(r"\b(?:including|among them|among whom|of whom|of them)\s*$", before)
            or re.match(r"\s+of (?:them|whom)\b", after)):
        return None
    for i in range(len(s.figures) - 1, -1, -1):
        if s.figures[i].evidence.end <= q.start and (s.figures[i].best or 0) > 0:
            return i
    return None


def _number_pass(s: SentenceState) -> None:
    for q in list(s.quantities):
        if id(q) in s.used:
            continue
        total = None if q.vague else _part_of(s, q)
        if total is not None:
            span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
            last = span[-1]
            noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else last
            s.add(s.figures[total].kind, q, None, noun, q.start, max(q.end, noun.idx + len(noun)))
            s.figures[-1].part_of = total  # sentence-local; find_figures makes it global
            continue
        kind, who = _nearby_kind(s, q)
        if kind is not None and q.vague and (who is None or who.lemma_.lower() in (
                "wound", "injury", "death", "casualty", "fatality", "killing")):
            continue  # "multiple gunshot wounds", "some reports say the toll...": not people
        if kind is None:
            kind, who = _attackers(s, q)
        if kind is None:
            kind, who = _people_count(s, q)
        if kind is None:
            continue
        span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
        end = max(q.end, (who.idx + len(who)) if who is not None else q.end)
        s.add(kind, q, None, who if who is not None else span[-1], q.start, end)


def _people_count(s: SentenceState, q: Quantity):
    """A count of people that is no casualty: a force's size, a crowd, victims of other harm.
    Kept as kind "other" so a reader sees it, never counted as deaths or injuries."""
    if q.vague:
        return None, None
    span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None:
        return None, None
    last = span[-1]
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
    if noun is None or noun.pos_ != "NOUN" or not person_plural(noun):
        return None, None
    return "other", noun


def _attackers(s: SentenceState, q: Quantity):
    table = lex()[0]
    span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None:
        return None, None
    last = span[-1]
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else last
    if noun.lemma_.lower() not in table["armed_nouns"] and not any(c.lemma_.lower() in table["armed_nouns"] for c in noun.conjuncts):
        return None, None
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in table["attack_verbs"] and not is_passive(noun.head):
        return "attackers", noun
    return None, None


def _negations(s: SentenceState) -> None:
    table = lex()[0]
    low = s.sent.text.lower()
    seen = set()
    for pattern, kinds in table["negation_patterns"]:
        i = low.find(pattern)
        if i < 0:
            continue
        start = s.sent.start_char + i
        end = start + len(pattern)
        for kind in (("killed", "injured") if kinds == "both" else (kinds,)):
            if kind in seen:
                continue
            seen.add(kind)
            ev = evidence_at(s.report.clean_text, start, end)
            s.figures.append(Figure(kind=kind, low=0, best=0, high=0, qualifier="exact", who=None,
                                    side="unknown", according_to=s.attr.source, status=s.attr.status,
                                    evidence=ev, count_text=ev.text, sentence=s.idx, stated=0))


def _coded_as(s: SentenceState) -> None:
    """ACLED notes state their own coding: "Unknown fatalities coded as 10"."""
    m = re.search(r"(?:fatalities|fatality|deaths)\s+(?:were\s+|was\s+)?coded\s+as\s+(\d+)", s.sent.text, re.IGNORECASE)
    if not m:
        return
    n = int(m.group(1))
    start = s.sent.start_char + m.start()
    ev = evidence_at(s.report.clean_text, start, s.sent.start_char + m.end())
    for q in s.quantities:
        if q.num_start == s.sent.start_char + m.start(1):
            s.used.add(id(q))
    s.figures.append(Figure(kind="killed", low=n, best=n, high=n, qualifier="vague", who=None, side="unknown",
                            according_to=None, status="reported", evidence=ev, count_text=ev.text,
                            sentence=s.idx, vague=True, stated=n, coded=True))


def find_figures(doc, report: Report) -> list[Figure]:
    """Every casualty or people-count statement of the report, in text order."""
    figures: list[Figure] = []
    sents = list(doc.sents)
    for idx, (sent, attr) in enumerate(zip(sents, attribute_sentences(sents))):
        s = SentenceState(sent, report, idx, attr)
        _coded_as(s)
        _negations(s)
        predicate_pass(s)
        noun_events(s)
        remains_and_self_blasts(s)
        _number_pass(s)
        offset = len(figures)
        local = s.figures
        for f in local:
            if f.part_of is not None:
                f.part_of += offset
        figures.extend(local)
    _victims_some_of_whom_died(figures, report.clean_text)
    return _dedupe(_anaphora(figures))


_ANAPHORS = {"he", "him", "she", "her"}


def _anaphora(figs: list[Figure]) -> list[Figure]:
    """"a militant was killed when the bomb went off early, killing him": a personal pronoun
    names someone the sentence or the one before has already counted."""
    out: list[Figure] = []
    for f in figs:
        if (f.who or "").lower() in _ANAPHORS and f.best == 1 and f.implicit and f.part_of is None and any(
                g.kind == f.kind and (g.best or 0) >= 1 and f.sentence - 1 <= g.sentence <= f.sentence
                and g.evidence.start < f.evidence.start for g in out):
            continue
        out.append(f)
    return out


_SUBSET = re.compile(r"\b(?:including|of whom|of them|among them|among whom)\b", re.IGNORECASE)
_VICTIMS = re.compile(r"\b(?:victims?|casualt(?:y|ies))\b", re.IGNORECASE)
# "45 people killed and injured": the dead and the wounded in one count (not "killed 12
# people and injured 30")
_AND_WOUNDED = re.compile(r"\s*(?:and|or|and/or)\s+(?:injured|wounded|hurt)\b", re.IGNORECASE)


def _victims_some_of_whom_died(figs: list[Figure], text: str) -> None:
    """"80 worshippers were victims of the attack, including 22 people who died", "the attack
    left 15 victims, three of whom died", "raised the casualty count to 95, including 31 dead":
    the victims are the casualties (dead and wounded), and only the part that died is
    a death toll. "45 people killed and injured" does not say how many died: an unknown number
    (ACLED codes 3), as the extractor reads "were killed and wounded" elsewhere."""
    for a in figs:
        if a.kind != "killed" or a.best is None:
            continue
        if re.search(r"\b(?:killed|dead)$", a.evidence.text) and _AND_WOUNDED.match(text, a.evidence.end):
            # how many of them died is not said: an unknown number of deaths (ACLED: 3)
            a.low = a.best = min(a.best, 3)
            a.high, a.qualifier = None, "vague"
            continue
        # the words just before the count, within its sentence ("the casualty count to 95")
        lead = text[max(0, a.evidence.start - 40):a.evidence.start]
        lead = re.split(r"[.!?]\s", lead)[-1]
        for b in figs:
            if b is a or b.kind != "killed" or b.sentence != a.sentence or b.best is None:
                continue
            if b.best >= a.best or b.evidence.start <= a.evidence.end:
                continue
            between = text[a.evidence.start:b.evidence.start]
            if _VICTIMS.search(lead + between) and _SUBSET.search(between + text[b.evidence.start:b.evidence.end]):
                a.kind = "other"
                break


def _dedupe(figs: list[Figure]) -> list[Figure]:
    """Drop exact repeats and zeros contradicted in the same sentence; keep part_of links valid."""
    keep: list[int] = []
    for i, f in enumerate(figs):
        if any(figs[j].kind == f.kind and figs[j].evidence == f.evidence and figs[j].who == f.who
               and figs[j].best == f.best for j in keep):
            continue
        if f.best == 0 and any(g.kind == f.kind and (g.best or 0) > 0 and g.sentence == f.sentence for g in figs):
            continue  # "no civilians were killed" beside "3 soldiers killed": the count wins
        keep.append(i)
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for i in keep:
        f = figs[i]
        if f.part_of is not None:
            f.part_of = new_index.get(f.part_of)
        out.append(f)
    return out
