"""Casualty and people-count statements -> Figure mentions.

Two passes over each sentence, both on the dependency parse:

1. predicate pass: every casualty verb or adjective ("killed", "died", "were wounded", "abducted",
   "forced to flee") and its patient arguments, with conjuncts ("a police officer and five
   conscripts were injured" -> 6); a patient without a number counts 1 when it is one person
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
from functools import lru_cache

from ..models import Figure, Report, evidence_at
from ..resources import load_lexicon
from .attribution import attribute_sentences
from .numbers import Quantity, find_quantities

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_UNIT_AFTER = re.compile(
    r"^\s*(?:-?\s*(?:km|kilomet|kilogram|kg|mm|cm|metre|meter|mile|percent|per cent|%|year|years|yr|hour|hours|"
    r"minute|day|days|week|weeks|month|months|am|pm|a\.m|p\.m|gmt|utc|dollar|usd|euro|tonne|ton|litre|liter|"
    r"o'clock|times|vehicles?|houses?|homes?|buildings?|shops?|cars?|trucks?|tankers?|rockets?|missiles?|"
    r"drones?|shells?|mortars?|rounds?|bombs?|grenades?|mines?|weapons?|rifles?|guns?|pkms?|rpgs?|ak|motorbikes?|"
    r"motorcycles?|villages?|towns?|districts?|provinces?|countries|nationalities|attacks?|incidents?|"
    r"airstrikes?|strikes?|raids?|operations?|cases?|camels?|donkeys?|cattle|cows?|goats?|sheep))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _lex():
    lex = load_lexicon("figure_words")
    verb_kind = {}
    for kind, lemmas in lex["verbs"].items():
        for lemma in lemmas:
            if "_" not in lemma:  # multi-word entries are documentation for now
                verb_kind[lemma] = kind
    adj_kind = {w: k for k, ws in lex["adjectives"].items() for w in ws}
    noun_kind = {w: k for k, ws in lex["nouns"].items() for w in ws}
    return lex, verb_kind, adj_kind, noun_kind


def _side_of(who: str | None) -> str:
    """A first reading of the victim group; assemble maps it onto the event's actors."""
    if not who:
        return "unknown"
    lex = _lex()[0]
    words = [w.strip(".,'’").lower() for w in who.split()]
    lemmas = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words}
    toks = set(words) | lemmas
    if "civilian" in toks or "civilians" in toks:
        return "civilians"
    if toks & set(lex["state_nouns"]):
        return "state"
    if toks & set(lex["armed_nouns"]):
        return "armed"
    if toks & set(lex["civilian_nouns"]):
        return "civilians"
    return "unknown"


def _is_date_number(text: str, q: Quantity) -> bool:
    before = text[max(0, q.num_start - 12):q.num_start].lower().split()
    after = text[q.end:q.end + 12].lower().split()
    if after and after[0].strip(".,") in _MONTHS:
        return True
    if before and before[-1].strip(".,") in _MONTHS:
        return True
    if q.qualifier == "exact" and 1900 <= (q.best or 0) <= 2100 and "," not in q.text:
        return True  # a bare year
    return bool(_UNIT_AFTER.match(text[q.end:q.end + 20]))


def _is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _conjuncts(tok):
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.extend(_conjuncts(c))
    return out


class _Sentence:
    """Per-sentence working state: quantities by token, used numbers, results."""

    def __init__(self, sent, report: Report, idx: int, attribution: Attribution):
        self.sent, self.report, self.idx, self.attr = sent, report, idx, attribution
        self.doc = sent.doc
        base = sent.start_char
        self.quantities = [
            Quantity(q.start + base, q.end + base, q.num_start + base, q.low, q.best, q.high,
                     q.stated, q.qualifier, q.vague, q.text)
            for q in find_quantities(sent.text)
            if not _is_date_number(sent.text, q)
            and not re.search(r"\bno\s*$", sent.text[max(0, q.start - 4):q.start], re.IGNORECASE)
        ]
        self.used: set[int] = set()
        self.figures: list[Figure] = []

    def quantity_in(self, start: int, end: int) -> Quantity | None:
        for q in self.quantities:
            if start <= q.num_start < end and id(q) not in self.used:
                return q
        return None

    def _verb_between(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.pos_ in ("VERB",) for t in span)

    def add(self, kind, q, count, who_tok, evidence_tok_start, evidence_end, *, vague=False):
        who_text = _who_text(who_tok, q) if who_tok is not None else None
        if who_text and who_text.lower().startswith("of "):
            who_text = who_text[3:]
        if who_text is None and self.figures and self.figures[-1].who:
            # "Eight soldiers were killed, three were wounded": the group carries over
            who_text = self.figures[-1].who
        if q is not None:
            self.used.add(id(q))
            low, best, high, qualifier, stated = q.low, q.best, q.high, q.qualifier, q.stated
            vague = vague or q.vague
            count_text = self.doc.text[q.start:max(q.end, evidence_end if who_tok is None else q.end)]
            # the figure starts at its number (or at a verb before it: "killing 12 residents"),
            # never at an adverbial the parser hung on the noun phrase ("Over four days, 175 ...")
            start = q.start if evidence_tok_start < q.start and not self._verb_between(evidence_tok_start, q.start) else min(q.start, evidence_tok_start)
        else:
            low = best = high = count
            stated = count
            qualifier = "vague" if vague else "exact"
            if vague:
                high = None
            count_text = who_text or ""
            start = evidence_tok_start
        end = max(evidence_end, q.end if q else evidence_end)
        if who_text and who_tok is not None:
            # extend to the victim group when it follows ("abducting dozens of women")
            pos = self.doc.text.find(who_text, start, self.sent.end_char)
            if pos >= 0:
                end = max(end, pos + len(who_text))
        ev = evidence_at(self.report.clean_text, start, end)
        self.figures.append(Figure(
            kind=kind, low=low, best=best, high=high, qualifier=qualifier, who=who_text,
            side=_side_of(who_text), according_to=self.attr.source, status=self.attr.status,
            evidence=ev, count_text=count_text, sentence=self.idx, vague=vague, stated=stated,
            implicit=q is None,
        ))


def _who_text(tok, q: Quantity | None) -> str | None:
    """The victim group: the noun phrase without its number ("27 of his force's soldiers" -> "his force's soldiers")."""
    of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
    if tok.pos_ == "NUM" or (q is not None and tok.idx <= q.num_start < tok.idx + len(tok)):
        if of:
            objs = [c for c in of[0].children if c.dep_ == "pobj"]
            if objs:
                return _np_text(objs[0])
        return None
    return _np_text(tok, q)


def _np_text(tok, q: Quantity | None = None) -> str | None:
    keep = []
    for t in tok.subtree:
        if t.i > tok.i and t.dep_ in ("relcl", "acl", "punct", "cc", "conj", "prep", "appos", "advmod"):
            if t.dep_ == "prep" and t.lower_ == "of":
                keep.extend(t.subtree)
            break
        keep.append(t)
    toks = [t for t in keep if not (q and t.idx < q.end) and t.dep_ not in ("det",) and t.pos_ != "NUM" and t.i <= tok.i + 6]
    toks = [t for t in toks if t.i >= tok.left_edge.i]
    if not toks:
        return tok.text
    doc = tok.doc
    text = doc.text[toks[0].idx:toks[-1].idx + len(toks[-1])]
    return " ".join(text.split()).strip(" ,")


def _patients(verb, kind):
    """The arguments that suffered the act, each with its conjuncts."""
    passive = _is_passive(verb)
    lemma = verb.lemma_.lower()
    deps = {c.dep_ for c in verb.children}
    if not passive and "dobj" not in deps and "nsubj" in deps and not any(c.dep_ == "aux" for c in verb.children):
        # headline style "3 people killed", "Between 1 and 4 soldiers killed": a reduced passive,
        # unless the subject is a thing that kills ("a truck bomb killed at least 15")
        subj = next(c for c in verb.children if c.dep_ == "nsubj")
        passive = (verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "ccomp" for c in verb.children)
                   and not any(c.dep_ in ("npadvmod", "attr") and c.pos_ == "NUM" for c in verb.children)
                   and (_person_plural(subj) or subj.pos_ == "NUM"
                        or any(c.dep_ == "nummod" for c in subj.children)))
    out = []
    for c in verb.children:
        if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and (passive or verb.pos_ == "ADJ" or lemma in ("die", "perish", "succumb", "flee", "disappear", "escape", "drown"))):
            out.extend(_conjuncts(c))
        elif c.dep_ in ("dobj",) and not passive and lemma not in ("flee", "escape"):
            out.extend(_conjuncts(c))
        elif c.dep_ in ("npadvmod", "attr") and c.pos_ == "NUM" and not passive:
            out.append(c)  # "killed at least 15": the parser leaves a bare number unattached
    if not out and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        out.extend(_conjuncts(verb.head))  # "three people killed", "the wounded soldiers"
    if not out and verb.dep_ == "relcl":
        out.extend(_conjuncts(verb.head))
    if not out and verb.dep_ in ("acomp", "oprd", "xcomp", "ccomp") and verb.head.pos_ in ("AUX", "VERB"):
        # "shot dead a mother": the object; "were found dead": the passive subject;
        # "were found to be missing": climb the xcomp chain to the clause that has a subject
        head = verb.head
        while head.dep_ == "xcomp" and head.head.pos_ in ("AUX", "VERB") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in head.children):
            head = head.head
        kids = list(head.children)
        wanted = ("dobj",) if any(c.dep_ == "dobj" for c in kids) else ("nsubj", "nsubjpass")
        for c in kids:
            if c.dep_ in wanted:
                out.extend(_conjuncts(c))
    if not out and verb.dep_ == "conj":
        # "were killed and wounded": the second verb shares the first one's subject
        head = verb.head
        for c in head.children:
            if c.dep_ in ("nsubjpass", "nsubj") and (_is_passive(head) or head.pos_ == "ADJ"):
                out.extend(_conjuncts(c))
    return out


_PERSONAL = {"he", "she", "him", "her", "another"}
_TITLES = {"commissioner", "governor", "mayor", "deputy", "director", "head", "chief", "minister",
           "commander", "president", "senator", "lawmaker", "general", "colonel", "captain", "sheikh"}


def _person_singular(tok) -> bool:
    lex = _lex()[0]
    if tok.lower_ in _PERSONAL:
        return True
    if tok.ent_type_ == "PERSON":
        return True
    if (tok.pos_ == "NOUN" and tok.tag_ == "NN") or (tok.pos_ == "PROPN" and tok.lemma_.lower() in _TITLES):
        lemma = tok.lemma_.lower()
        persons = set(lex["civilian_nouns"]) | set(lex["state_nouns"]) | set(lex["armed_nouns"]) | {"person", "member", "one", "individual", "victim", "body"}
        if lemma in ("police", "army", "militia", "staff", "family", "border", "personnel"):
            return False
        # "a civilian pastoralist", "an NPA militant": a person word in the noun or its modifiers
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        return lemma in persons or any(m.lemma_.lower() in persons for m in mods)
    return False


def _person_plural(tok) -> bool:
    lex = _lex()[0]
    if tok.tag_ != "NNS" and tok.lower_ not in ("people", "police", "personnel", "troops", "civilians", "children", "women", "men"):
        return False
    lemma = tok.lemma_.lower()
    persons = set(lex["civilian_nouns"]) | set(lex["state_nouns"]) | set(lex["armed_nouns"]) | {"people", "person", "member", "individual", "victim", "body"}
    return lemma in persons or tok.lower_ in persons


def _stranded_count(s: _Sentence, verb) -> list:
    """A passive casualty verb the parser left without a subject ("..., Nepal, two civilians,
    a female ... and a male, were killed"): the nearest counted people before it."""
    for q in sorted(s.quantities, key=lambda q: -q.num_start):
        if q.num_start >= verb.idx or id(q) in s.used:
            continue
        span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
        if span is None or verb.i - span[-1].i > 20:
            break
        last = span[-1]
        noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
        if noun is not None and _person_plural(noun):
            return [noun]
    return []


def _displacement(flee) -> bool:
    """'forced to flee', 'fled their homes' are displacement; 'the attackers fled', 'a fleeing
    civilian told AFP' are not."""
    if any(a.lemma_ == "force" for a in flee.ancestors) or flee.head.lemma_ == "force":
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in ("home", "house", "village", "town", "city", "area", "region")
               for c in flee.children)


_EITHER = re.compile(
    r"\b(?:killed|wounded|injured|captured|abducted|kidnapped|arrested|detained|missing|dead)"
    r"(?:\s*,\s*(?:killed|wounded|injured|captured|abducted|kidnapped|arrested|detained|missing|dead))*"
    r"\s*,?\s+(?:or|and/or)\s+(?:killed|wounded|injured|captured|abducted|kidnapped|arrested|detained|missing|dead)\b",
    re.IGNORECASE)


def _ambiguous(tok, verb_kind, adj_kind) -> bool:
    """'killed, injured or captured': the report does not say which, so no figure."""
    sent = tok.sent
    for m in _EITHER.finditer(sent.text):
        if m.start() <= tok.idx - sent.start_char < m.end():
            return True
    group = [tok] + list(tok.conjuncts)
    kinds = {verb_kind.get(t.lemma_.lower()) or adj_kind.get(t.lower_) for t in group}
    has_or = any(c.dep_ == "cc" and c.lower_ in ("or", "and/or") for t in group for c in t.children)
    return has_or and len(kinds - {None}) > 1


def _noun_events(s: _Sentence) -> None:
    """'resulted in the death of the commander', 'the killing of two farmers'."""
    _, _, _, noun_kind = _lex()
    for tok in s.sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in ("death", "killing", "murder", "assassination", "execution",
                                                "abduction", "kidnapping", "injury", "wounding", "beheading"):
            continue
        kind = {"injury": "injured", "wounding": "injured", "abduction": "abducted",
                "kidnapping": "abducted"}.get(lemma, "killed")
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for p in prep.children:
                if p.dep_ != "pobj":
                    continue
                for c in _conjuncts(p):
                    q = s.quantity_in(c.left_edge.idx, c.idx + len(c))
                    start, end = tok.idx, c.idx + len(c)
                    if q is not None:
                        s.add(kind, q, None, c, start, end)
                    elif _person_singular(c):
                        s.add(kind, None, 1, c, start, end)


def _predicate_pass(s: _Sentence) -> None:
    _, verb_kind, adj_kind, _ = _lex()
    for tok in s.sent:
        lemma = tok.lemma_.lower()
        kind = None
        if tok.pos_ in ("VERB", "AUX") and lemma in verb_kind:
            kind = verb_kind[lemma]
        elif tok.pos_ == "ADJ" and tok.lower_ in adj_kind:
            kind = adj_kind[tok.lower_]
        elif tok.lower_ == "missing" and tok.pos_ == "VERB" and tok.dep_ in ("xcomp", "acomp", "ROOT", "conj"):
            kind = "missing"  # "were found to be missing": the parser calls it a verb
        elif tok.lower_ in ("dead",) and tok.dep_ in ("oprd", "acomp", "amod", "xcomp"):
            kind = "killed"
        if kind is None:
            continue
        if lemma in ("shoot",):
            continue
        if kind == "displaced" and lemma == "flee" and not _displacement(tok):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if kind != "displaced" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue  # "in an attempt to free the jihadists", "tried to kill": intent, not a count
        if _ambiguous(tok, verb_kind, adj_kind):
            for p in _patients(tok, kind):  # nor may the number pass read the count again
                q = s.quantity_in(p.left_edge.idx, p.idx + len(p))
                if q is not None:
                    s.used.add(id(q))
            continue
        before = len(s.figures)
        claimed = s.attr.source is not None and any(
            c.dep_ == "nsubj" and c.lower_ in ("it", "they", "we") for c in tok.children)
        patients = _patients(tok, kind)
        if not patients and _is_passive(tok):
            patients = _stranded_count(s, tok)
        for p in patients:
            if p.lower_ in ("who", "that", "which"):
                p = tok.head if tok.dep_ == "relcl" else p
            if any(c.lower_ in ("no", "none") and c.dep_ in ("det", "neg") for c in p.children) or p.lower_ in ("nobody", "none", "noone"):
                continue  # "no one was hurt" is an explicit zero, read by _negations
            if any(p.left_edge.idx <= f.evidence.start < p.idx + len(p) for f in s.figures if f.kind == kind):
                continue
            nxt = s.doc[p.i + 1] if p.i + 1 < len(s.doc) else None
            if p.lower_ in ("another", "other") and nxt is not None and nxt.pos_ in ("AUX", "VERB"):
                continue  # "killed 1 soldier and another was injured": another clause's subject
            if p.pos_ == "NUM" and p.i == tok.i + 1 and nxt is not None and (
                    nxt.lower_ in adj_kind or nxt.lemma_.lower() in verb_kind):
                continue  # "1 killed 3 injured": the 3 belongs to "injured"
            q = s.quantity_in(p.left_edge.idx, p.idx + len(p))
            start = min(p.left_edge.idx, tok.idx)
            end = max(p.idx + len(p), tok.idx + len(tok))
            if q is not None:
                s.add(kind, q, None, p, start, end)
            elif _person_singular(p) or (p.dep_ == "conj" and p.tag_ == "NN" and len(s.figures) > before
                                         and any(c.dep_ == "det" for c in p.children)):
                # "a policeman and a guide": a person beside a person is a person
                s.add(kind, None, 1, p, start, end)
            elif (_person_plural(p) and not any(c.lower_ in ("all", "both", "each") for c in p.children)
                  and (kind == "killed" or p.lemma_.lower() not in ("body", "corpse"))):
                s.add(kind, None, 3, p, start, end, vague=True)
        _combine(s, before)
        if claimed:  # the source says it did the killing itself: a claim, not a report
            for f in s.figures[before:]:
                f.status = "claimed"
        if kind == "arrested":
            for f in s.figures[before:]:
                if f.side == "state":  # captured soldiers are held by the other side
                    f.kind = "abducted"


def _combine(s: _Sentence, first: int) -> None:
    """Coordinated victims of one verb are one figure: "a mother and her two children had
    died" -> 3, "a police officer and five conscripts were injured" -> 6."""
    parts = s.figures[first:]
    if len(parts) >= 2 and any(f.vague for f in parts) and not all(f.vague for f in parts):
        # "killed 12 troops and police": the number counts both
        parts = [f for f in parts if not f.vague]
        s.figures[first:] = parts
    if len(parts) < 2 or any(f.vague or f.best is None for f in parts):
        return
    start = min(f.evidence.start for f in parts)
    end = max(f.evidence.end for f in parts)
    low = sum(f.low if f.low is not None else f.best for f in parts)
    high = None if any(f.high is None for f in parts) else sum(f.high for f in parts)
    who = " and ".join(f.who for f in parts if f.who)
    sides = {f.side for f in parts}
    base = parts[0]
    qualifier = "at least" if any(f.qualifier in ("at least", "more than") for f in parts) else "exact"
    ev = evidence_at(s.report.clean_text, start, end)
    total = Figure(
        kind=base.kind, low=low, best=low, high=high, qualifier=qualifier, who=who or None,
        side=sides.pop() if len(sides) == 1 else "unknown", according_to=base.according_to,
        status=base.status, evidence=ev, count_text=ev.text, sentence=base.sentence,
        stated=low, implicit=all(f.implicit for f in parts))
    # the parts stay, each marked as part of the total, so per-side counts survive
    s.figures[first:] = [total] + parts
    for f in parts:
        f.part_of = first


def _nearby_kind(s: _Sentence, q: Quantity):
    """A casualty word close after (or just before) a number not yet read."""
    _, verb_kind, adj_kind, noun_kind = _lex()
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
            # "resulting in severe injuries to two men": the kind noun is a sibling argument
            for prep in gov.children:
                for o in prep.children:
                    if prep.dep_ == "prep" and o.dep_ == "pobj" and o.i != head.i and o.lemma_.lower() in noun_kind:
                        return noun_kind[o.lemma_.lower()], head
            for c in gov.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ("toll", "death", "casualty", "number", "fatality"):
                    kind = "killed" if c.lemma_.lower() in ("toll", "death", "fatality") or any(w.lemma_ == "death" for w in c.subtree) else "casualties"
                    return kind, None
    # window: up to 4 tokens to the right, same clause ("1 killed 3 injured")
    for t in doc[span.end:min(span.end + 4, s.sent.end)]:
        if t.is_punct and t.text in ",;:()":
            break
        if t.like_num:
            break
        tl = t.lemma_.lower()
        if t.lower_ in adj_kind:
            return adj_kind[t.lower_], head
        if t.tag_ in ("VBN", "VBD") and tl in verb_kind:
            return verb_kind[tl], head
        if t.pos_ == "NOUN" and tl in noun_kind:
            return noun_kind[tl], head
    return None, None


def _part_of(s: _Sentence, q: Quantity):
    """'killed 15 people, including three ministers': a part of the figure just read."""
    before = s.doc.text[max(s.sent.start_char, q.start - 30):q.start].lower()
    after = s.doc.text[q.end:q.end + 12].lower()
    if not (re.search(r"\b(?:including|among them|among whom|of whom|of them)\s*$", before)
            or re.match(r"\s+of (?:them|whom)\b", after)):
        return None
    for i in range(len(s.figures) - 1, -1, -1):
        if s.figures[i].evidence.end <= q.start and (s.figures[i].best or 0) > 0:
            return i
    return None


def _number_pass(s: _Sentence) -> None:
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


def _people_count(s: _Sentence, q: Quantity):
    """A count of people that is no casualty: a force's size, a crowd, victims of other harm.
    Kept as kind "other" so a reader sees it, never counted as deaths or injuries."""
    if q.vague:
        return None, None
    span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None:
        return None, None
    last = span[-1]
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
    if noun is None or noun.pos_ != "NOUN" or not _person_plural(noun):
        return None, None
    return "other", noun


def _attackers(s: _Sentence, q: Quantity):
    lex = _lex()[0]
    span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
    if span is None:
        return None, None
    last = span[-1]
    noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else last
    if noun.lemma_.lower() not in lex["armed_nouns"] and not any(c.lemma_.lower() in lex["armed_nouns"] for c in noun.conjuncts):
        return None, None
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in lex["attack_verbs"] and not _is_passive(noun.head):
        return "attackers", noun
    return None, None


def _negations(s: _Sentence) -> None:
    lex = _lex()[0]
    low = s.sent.text.lower()
    seen = set()
    for pattern, kinds in lex["negation_patterns"]:
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


def _coded_as(s: _Sentence) -> None:
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
        s = _Sentence(sent, report, idx, attr)
        _coded_as(s)
        _negations(s)
        _predicate_pass(s)
        _noun_events(s)
        _number_pass(s)
        offset = len(figures)
        local = s.figures
        for f in local:
            if f.part_of is not None:
                f.part_of += offset
        figures.extend(local)
    return _dedupe(figures)


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
