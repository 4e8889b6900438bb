"""The working state of one sentence while its figures are read: its quantities, the numbers
already used, the attribution, and how a figure is added with its evidence and victim group."""
from __future__ import annotations

import re

from ..models import Figure, Report, evidence_at
from ..nlp.text import doc_text
from .attribution import Attribution
from .numbers import Quantity, find_quantities
from .people import side_of

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


class SentenceState:
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
        if who_tok is not None and who_tok.lemma_.lower() in _NOT_PEOPLE:
            if q is not None:
                self.used.add(id(q))  # "killed 15 livestock", "burned 20 huts": no one's toll
            return
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
            count_text = doc_text(self.doc)[q.start:max(q.end, evidence_end if who_tok is None else q.end)]
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
            pos = doc_text(self.doc).find(who_text, start, self.sent.end_char)
            if pos >= 0:
                end = max(end, pos + len(who_text))
        ev = evidence_at(self.report.clean_text, start, end)
        self.figures.append(Figure(
            kind=kind, low=low, best=best, high=high, qualifier=qualifier, who=who_text,
            side=side_of(who_text), according_to=self.attr.source, status=self.attr.status,
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
    toks = [t for t in keep if not (q and t.idx < q.end) and t.dep_ not in ("det",) and t.pos_ != "NUM"
            and t.i <= tok.i + 6 and t.lower_ not in ("who", "whom", "which", "that")]
    toks = [t for t in toks if t.i >= tok.left_edge.i]
    if not toks:
        return tok.text
    doc = tok.doc
    text = doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1])]
    text = re.sub(r"^-?(?:year|month|day)s?-old\s+", "", " ".join(text.split()))  # "67-year-old man"
    text = re.sub(r"^(?:at least|more than|about|nearly|some|over|around)\s+\S+\s+", "", text)
    text = re.sub(r"\s+(?:dead|killed|wounded|injured|hurt|missing)$", "", text)  # "people dead"
    return text.strip(" ,")


_NOT_PEOPLE = frozenset({
    "livestock", "cattle", "cow", "goat", "sheep", "camel", "donkey", "horse", "animal", "chicken",
    "hut", "house", "home", "shop", "vehicle", "car", "truck", "building", "school", "tower", "shelter"})
