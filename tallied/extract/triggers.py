"""Event triggers: the phrases of a report that name what happened.

``find_triggers(doc, report)`` matches the lexicon in ``data/triggers.json`` against the
parsed report and returns one :class:`~tallied.models.Trigger` per phrase, typed with the
ACLED event type and sub-event type the phrase points to. The lexicon is data; this module
only compiles and applies it:

1. match patterns word by word against a token's lemma or lowercase form (hyphenated
   compounds such as "air-strikes" are read as one word, as writers spell them both ways);
2. where an entry says so, re-type the match from the nouns of its object or subject read
   off the dependency parse ("attacked army positions" is a battle, "attacked a farmer" an
   attack on civilians, "a mob attacked" mob violence);
3. mark negated matches ("did not attack", "no clashes", "denied shelling").

Overlapping matches keep the longest phrase, so "grenade launchers" is shelling and not a
grenade, and "suicide car bomb" is a suicide bomb and not an IED.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..models import Report, Trigger, evidence_at
from ..resources import load_lexicon

GAP = 4  # tokens a '~' in a pattern may skip: "fired three 120mm mortar shells"
_TARGET_DEPS = {"dobj", "nsubjpass", "attr", "dative", "oprd"}
_TARGET_PREPS = {"on", "at", "against", "upon", "toward", "towards", "with", "of", "over", "into"}
_AGENT_DEPS = {"nsubj", "csubj"}
# Head nouns that say nothing of who someone is: read the "of" phrase after them instead.
_TOPIC_PREPS = {"against", "over"}
_PAST = {"previous", "earlier", "past", "former", "prior"}
_GENERIC = {"member", "group", "number", "one", "some", "several", "dozen", "dozens", "team",
            "band", "unit", "part", "element", "contingent", "hundred", "hundreds", "score",
            "control"}


@dataclass(frozen=True)
class _Entry:
    words: tuple  # each: frozenset of forms, or None for a gap
    optional: tuple  # bools, parallel to words
    code: str
    weight: float
    head: int
    by_target: tuple  # ((role, code), ...) in priority order
    by_agent: tuple
    target_only: bool
    agent_only: bool


@dataclass
class _Unit:
    """One word as writers think of it: a token, or a hyphenated run of tokens."""

    start: int  # first token index
    end: int  # one past the last token index
    keys: frozenset
    sent: int


@lru_cache(maxsize=1)
def _compiled():
    """The lexicon compiled once per process: entries indexed by the forms of their first word."""
    lex = load_lexicon("triggers")
    entries = []
    for raw in lex["triggers"]:
        patterns = raw["pattern"] if isinstance(raw["pattern"], list) else [raw["pattern"]]
        for pattern in patterns:
            words, optional = [], []
            for w in pattern.lower().split():
                if w == "~":
                    words.append(None)
                    optional.append(True)
                    continue
                words.append(frozenset(w.rstrip("?").split("|")))
                optional.append(w.endswith("?"))
            entries.append(
                _Entry(
                    tuple(words), tuple(optional), raw["code"], float(raw.get("weight", 1.0)),
                    int(raw.get("head", _default_head(words))),
                    tuple(raw.get("by_target", {}).items()),
                    tuple(raw.get("by_agent", {}).items()),
                    bool(raw.get("target_only")), bool(raw.get("agent_only")),
                )
            )
    index: dict[str, list[_Entry]] = {}
    for e in entries:
        for form in e.words[0]:
            index.setdefault(form, []).append(e)
    roles = {name: frozenset(words) for name, words in lex["roles"].items()}
    roles["crude"] = frozenset(lex.get("crude_weapons", []))
    return (index, {k: tuple(v) for k, v in lex["codes"].items()}, roles,
            frozenset(lex["negations"]), frozenset(lex["negating_heads"]))


def _default_head(words) -> int:
    """Single words and noun phrases are headed by their last word ("air strike"), verb
    phrases by their first ("fired ~ mortars"): a gap marks a verb phrase."""
    return 0 if None in words else len(words) - 1


_INTRANSITIVE = frozenset({"protest", "demonstrate", "rally", "march", "riot", "gather", "assemble"})


def _backgrounded(head) -> float:
    """A trigger inside a modifier describes a participant, not the event: "rioting inmates",
    "inmates who had taken control" weigh half as much as the clause's own verb. An intransitive
    verb has no passive: "workers protested in X" parsed as a reduced relative is the clause's
    own verb misread, and keeps its weight."""
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.lemma_.lower() in _INTRANSITIVE:
        return 1.0
    tok = head
    for _ in range(4):
        if tok.dep_ in ("relcl", "amod", "acl") and tok.head.i != tok.i:
            return 0.5
        if tok.dep_ in ("ROOT", "ccomp", "conj", "advcl") or tok.head.i == tok.i:
            break
        tok = tok.head
    return 1.0


def find_triggers(doc, report: Report) -> list[Trigger]:
    """Every trigger phrase in ``doc`` (the parse of ``report.clean_text``), in text order."""
    index, codes, roles, negations, negating_heads = _compiled()
    sents = list(doc.sents)
    units = _units(doc, sents)
    found = []
    for ui in range(len(units)):
        for key in units[ui].keys:
            for entry in index.get(key, ()):
                end = _match(entry, units, ui)
                if end is not None:
                    found.append((ui, end, entry))
    found = _longest(found)
    triggers = []
    for ui, uend, entry in found:
        head_unit = _head_unit(entry, units, ui, uend)
        head = doc[units[head_unit].end - 1]
        code = _retype(entry, head, roles)
        if code is None:
            continue
        event_type, sub_event_type = codes[code]
        start = doc[units[ui].start].idx
        last = doc[units[uend - 1].end - 1]
        end = last.idx + len(last.text)
        triggers.append(
            Trigger(
                text=report.clean_text[start:end],
                evidence=evidence_at(report.clean_text, start, end),
                event_type=event_type,
                sub_event_type=sub_event_type,
                weight=entry.weight * _backgrounded(head),
                sentence=units[ui].sent,
                # "without resistance" carries its own negation: it is the trigger
                negated=not (entry.words[0] and entry.words[0] & negations)
                and _negated(head, negations, negating_heads),
            )
        )
    return triggers


def _units(doc, sents) -> list[_Unit]:
    sent_of = {}
    for si, s in enumerate(sents):
        for t in s:
            sent_of[t.i] = si
    units: list[_Unit] = []
    i = 0
    n = len(doc)
    while i < n:
        j = i + 1
        # join "air", "-", "strikes" (no spaces between) into one word
        while (j + 1 < n and doc[j].text == "-" and not doc[j - 1].whitespace_
               and not doc[j].whitespace_ and not doc[j + 1].is_punct):
            j += 2
        toks = doc[i:j]
        if j - i == 1:
            t = doc[i]
            # "March" the month is not a march; "one" in "one hundred" is not a trigger
            if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
                keys = set()
            else:
                keys = {t.lower_, t.lemma_.lower()}
        else:
            joined = "".join(t.lower_ for t in toks)
            keys = {joined, "".join(t.lower_ for t in toks[:-1]) + toks[-1].lemma_.lower()}
        units.append(_Unit(i, j, frozenset(keys), sent_of.get(i, 0)))
        i = j
    return units


def _match(entry: _Entry, units, ui: int) -> int | None:
    """The unit index one past the end of ``entry`` matched from unit ``ui``, or None."""

    def step(wi: int, u: int) -> int | None:
        if wi == len(entry.words):
            return u
        word = entry.words[wi]
        if word is None:  # gap: try the shortest first so phrases stay tight
            for skip in range(GAP + 1):
                v = u + skip
                if v > len(units) or (skip and _breaks(units, v - 1, ui)):
                    break
                r = step(wi + 1, v)
                if r is not None:
                    return r
            return None
        if u < len(units) and units[u].sent == units[ui].sent and units[u].keys & word:
            r = step(wi + 1, u + 1)
            if r is not None:
                return r
        if entry.optional[wi]:
            return step(wi + 1, u)
        return None

    return step(0, ui)


def _breaks(units, u: int, ui: int) -> bool:
    """A gap may not cross a sentence or a clause boundary."""
    return units[u].sent != units[ui].sent or bool(units[u].keys & {".", ";", ":", "!", "?"})


def _longest(found):
    """Drop matches inside a longer contiguous one ("grenade" inside "grenade launchers");
    a verb phrase with a gap ("fired ~ at") keeps the weapons named inside it."""
    found.sort(key=lambda m: (m[0], -(m[1] - m[0]), -m[2].weight))
    kept = []
    covers: list[tuple[int, int]] = []
    for ui, uend, entry in found:
        if any(a <= ui and uend <= b and (a, b) != (ui, uend) for a, b in covers):
            continue
        kept.append((ui, uend, entry))
        if None not in entry.words:
            covers.append((ui, uend))
    return _dedupe_spans(kept)


def _dedupe_spans(kept):
    """Several entries on one span: an entry that re-types by role comes first so a
    'target_only' entry that fails falls back to the plain one."""
    out, seen = [], {}
    for m in kept:
        seen.setdefault((m[0], m[1]), []).append(m)
    for span, ms in seen.items():
        ms.sort(key=lambda m: (not (m[2].target_only or m[2].agent_only), -m[2].weight))
        out.extend(ms)
    return out


def _head_unit(entry: _Entry, units, ui: int, uend: int) -> int:
    """The unit matched by the entry's head word (gaps make positions shift)."""
    words = [w for w in entry.words if w is not None]
    target = entry.words[entry.head] if entry.head < len(entry.words) else None
    if target is None:
        return uend - 1
    for u in range(ui, uend):
        if units[u].keys & target:
            return u
    return uend - 1 if words else ui


def _retype(entry: _Entry, head, roles) -> str | None:
    """The code of this match once its object and subject are read; None drops it."""
    for nouns, mapping, only in ((_targets, entry.by_target, entry.target_only),
                                 (_agents, entry.by_agent, entry.agent_only)):
        if mapping:
            role = _role_of(nouns(head), mapping, roles)
            if role is not None:
                return role
            if only:
                return None
    return entry.code


def _role_of(nouns, mapping, roles) -> str | None:
    """The code for the first noun whose role is known. A noun of a role the entry does
    not re-type for ends the search: "shot a bus driver at a roadblock" is about the
    driver, not the checkpoint."""
    wanted = {role for role, _ in mapping}
    for tok in nouns:
        keys = _noun_keys(tok)
        found = [r for r in roles if keys & roles[r]]
        if tok.pos_ == "PROPN" and tok.ent_type_ == "ORG" and "armed" not in found:
            found.append("armed")  # a named organisation fights; civilians are rarely ORGs
        if not found:
            continue
        if "armed" in found and "armed" not in wanted:
            return None  # "clan militia": an armed group, whatever else the words say
        for role, code in mapping:
            if role in found:
                return code
        if "armed" in found or "civilian" in found or "protester" in found:
            return None
        # a noun of another class (a place, a weapon): keep looking
    return None


def _noun_keys(tok) -> set:
    """The words that say who or what ``tok`` is: itself and its modifiers ("regime
    soldiers", "civilian car"); after a generic head, the 'of' phrase ("a member of the
    forces")."""
    if tok.lemma_.lower() in _GENERIC or tok.pos_ == "NUM":
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "over"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _noun_keys(pobj) | {tok.lemma_.lower()}
    keys = {tok.lower_, tok.lemma_.lower()}
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < tok.i:
            keys |= {child.lower_, child.lemma_.lower()}
    return keys


def _targets(head) -> list:
    """Nouns the trigger is done to: objects, passive subjects, and 'on/against/with' phrases."""
    out = []
    for child in head.children:
        if child.dep_ in _TARGET_DEPS:
            out.extend(_with_conjuncts(child))
        elif child.dep_ in ("prep", "agent") and child.lower_ in _TARGET_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(_with_conjuncts(pobj))
    if not out and head.pos_ == "VERB":
        # the parser lost the object ("attacked IS militants" read as "attacked is"): take
        # the first noun right after the verb
        for tok in head.doc[head.i + 1: head.i + 5]:
            if tok.is_punct or tok.pos_ in ("VERB", "ADP"):
                break
            if tok.pos_ in ("NOUN", "PROPN"):
                out.append(tok)
                break
    return out


def _agents(head) -> list:
    """Nouns that did the trigger: subjects, passive 'by' agents, 'between' phrases, and for
    a noun trigger its compound modifiers ("US-led coalition airstrikes")."""
    out = []
    for child in head.children:
        if child.dep_ in _AGENT_DEPS:
            out.extend(_with_conjuncts(child))
        elif child.dep_ in ("agent", "prep") and child.lower_ in ("by", "between", "among"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend(_with_conjuncts(pobj))
        elif child.dep_ == "compound" and head.pos_ == "NOUN":
            out.append(child)
    if not out and head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
        return _agents(head.head)
    if not out and head.dep_ == "nsubj":
        return []
    return out


def _with_conjuncts(tok) -> list:
    if tok.ent_type_ in ("DATE", "TIME"):
        return []  # "on 4 May" is when, not whom
    return [tok] + [c for c in tok.conjuncts]


def _negated(head, negations, negating_heads) -> bool:
    """'did not attack', 'no clashes', 'neither ... nor', 'denied shelling', 'without a fight'
    (the last one is a trigger of its own and is not negated: its head is the preposition)."""
    for child in head.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in negations):
            return True
        if child.dep_ == "amod" and child.lower_ in _PAST:
            return True  # "unexploded bombs from previous fighting": history, not this event
    # the verb that governs a noun trigger or a clause: "did not report any clashes",
    # "denied that its forces shelled the town"
    gov = head.head if head.dep_ != "ROOT" else None
    if head.pos_ == "VERB" and head.lemma_.lower() in _INTRANSITIVE:
        gov = None  # "workers protested ..., demanding pay": a crowd's own act, never a topic
    hops = 0
    while gov is not None and hops < 2:
        if gov.lemma_.lower() in negating_heads and gov.pos_ == "VERB":
            return True
        if head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "neg" for c in gov.children
        ) and head.dep_ in ("dobj", "nsubjpass", "attr"):
            return True
        if gov.dep_ == "ROOT":
            break
        gov, hops = gov.head, hops + 1
    if head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ in _TOPIC_PREPS:
        return True  # "protested against the detention of activists": the cause, not an event
    prev = head.doc[head.i - 1] if head.i > 0 else None
    if prev is not None and prev.lower_ in ("no", "neither", "nor", "without"):
        return True
    return False
