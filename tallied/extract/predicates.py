"""The predicate pass: casualty verbs and adjectives and the people they happened to.

"Eight soldiers were killed", "killing 12 residents", "a policeman died", "were found to be
missing", "led to the death of the mayor"; coordinated victims become one figure with
its parts ("a mother and her two children had died" -> 3 = 1 + 2); "killed, injured or
captured" says nothing certain and gives no figure.
"""
from __future__ import annotations

import re

from ..models import Figure, evidence_at
from .people import conjuncts, lex, person_plural, person_singular
from .state import SentenceState

def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _patients(verb, kind):
    """The arguments that suffered the act, each with its conjuncts."""
    passive = is_passive(verb)
    lemma = verb.lemma_.lower()
    deps = {c.dep_ for c in verb.children}
    if not passive and "dobj" not in deps and "nsubj" in deps and not any(c.dep_ == "aux" for c in verb.children):
        # headline style "3 people killed", "Between 2 and 6 guards killed": a reduced passive,
        # unless the subject is a thing that kills ("a truck bomb killed at least 15")
        subj = next(c for c in verb.children if c.dep_ == "nsubj")
        passive = (verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "ccomp" for c in verb.children)
                   and not any(c.dep_ in ("npadvmod", "attr") and c.pos_ == "NUM" for c in verb.children)
                   and (person_plural(subj) or subj.pos_ == "NUM"
                        or any(c.dep_ == "nummod" for c in subj.children)))
    out = []
    for c in verb.children:
        if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and (passive or verb.pos_ == "ADJ" or lemma in ("die", "perish", "succumb", "flee", "disappear", "escape", "drown"))):
            out.extend(conjuncts(c))
        elif c.dep_ in ("dobj",) and not passive and lemma not in ("flee", "escape"):
            out.extend(conjuncts(c))
        elif c.dep_ in ("npadvmod", "attr") and c.pos_ == "NUM" and not passive:
            out.append(c)  # "killed at least 15": the parser leaves a bare number unattached
        elif c.dep_ == "prep" and c.lower_ == "with" and c.i > 0 and c.doc[c.i - 1].lower_ in ("along", "together") \
                and (passive or lemma in ("die", "perish")):
            # "six militants died along with four soldiers": the others died too
            out.extend(g for o in c.children if o.dep_ == "pobj" for g in conjuncts(o))
    if not out and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        out.extend(conjuncts(verb.head))  # "three people killed", "the wounded soldiers"
    if not out and verb.dep_ == "relcl":
        out.extend(conjuncts(verb.head))
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
                out.extend(conjuncts(c))
    if verb.dep_ == "conj" and is_passive(verb.head) and not passive \
            and all(c.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") or c.ent_type_ in ("GPE", "LOC", "FAC")
                    for c in out):
        out = []  # "was shot and killed east of X": the parser's object of the second verb is a place
    if not out and verb.dep_ == "conj":
        # "were killed and wounded": the second verb shares the first one's subject;
        # "shot and killed the mayor": the first one's object
        head = verb.head
        for c in head.children:
            if c.dep_ in ("nsubjpass", "nsubj") and (is_passive(head) or head.pos_ == "ADJ"
                                                     or (passive and c.dep_ == "nsubj")):
                # "a guard was at the gate and was killed": a passive verb's subject is the
                # subject of the clause it is joined to
                out.extend(conjuncts(c))
            elif c.dep_ == "dobj" and not is_passive(head) and head.lemma_.lower() in _SHARED_OBJECT \
                    and c.i > verb.i:
                out.extend(conjuncts(c))
    return out


_SHARED_OBJECT = {"shoot", "stab", "attack", "abduct", "kidnap", "torture", "beat", "ambush", "capture", "seize"}


def _stranded_count(s: SentenceState, verb) -> list:
    """A passive casualty verb the parser left without a subject ("..., in the district, two
    farmers, a woman ... and a man, were killed"): the nearest counted people before it."""
    for q in sorted(s.quantities, key=lambda q: -q.num_start):
        if q.num_start >= verb.idx or id(q) in s.used:
            continue
        span = s.doc.char_span(q.num_start, q.end, alignment_mode="expand")
        if span is None or verb.i - span[-1].i > 28:
            break
        last = span[-1]
        noun = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
        if noun is not None and person_plural(noun):
            return [noun]
    return []


def _stranded_one(s: SentenceState, verb, before: bool) -> list:
    """A killing verb the parser left without its victim, most often after a long place chain
    ("..., Sindh, Pakistan, an activist of X, Umair, was shot and killed"; "..., gunmen shot
    and killed Laith Hassan, director of ..."): one person named next to the verb, before a
    passive one, after an active one; nothing when a count or a plural is nearer."""
    doc = s.doc
    sent = verb.sent
    if before:
        window = range(verb.i - 1, max(sent.start, verb.i - 16) - 1, -1)
    else:
        window = range(verb.i + 1, min(sent.end, verb.i + 5))
    for i in window:
        t = doc[i]
        if t.pos_ in ("VERB",) and not before or t.lower_ in (".", ";", ":"):
            break
        if t.pos_ == "NUM" or person_plural(t):
            return []
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and (i + 1 >= len(doc) or doc[i + 1].ent_type_ != "PERSON"
                                                             or doc[i + 1].ent_iob_ == "B"):
            return [t]  # the last word of the name
        if t.tag_ == "NN" and person_singular(t) and t.lower_ not in ("he", "she", "him", "her"):
            if t.dep_ == "conj" and person_singular(t.head):
                return conjuncts(t.head)  # "a commander and his bodyguard": both
            return [t]
    return []


_PLACE_ENTS = ("GPE", "LOC", "FAC")


def _absorbed_first(s: SentenceState, first) -> list:
    """The first of coordinated victims when the parser hung it on the place chain before it:
    "On Monday, in Town, Province, Country, A. Name, a trader, and his friend were killed"
    reads "A. Name" as one more place of the chain and "his friend" as the only subject."""
    doc = s.doc
    i = first.left_edge.i - 1
    if i <= s.sent.start or doc[i].lower_ != "and":
        return []
    for j in range(i - 1, max(s.sent.start, i - 16) - 1, -1):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or t.lower_ in (";", ":"):
            return []
        if t.dep_ in ("conj", "appos") and t.head.ent_type_ in _PLACE_ENTS and t.ent_type_ not in _PLACE_ENTS:
            if (t.ent_type_ == "PERSON" and t.pos_ == "PROPN") or (t.tag_ == "NN" and person_singular(t)):
                return [t]
            return []
    return []


def displacement(flee) -> bool:
    """'forced to flee', 'fled their homes' are displacement; 'the attackers fled', 'a fleeing
    civilian told AFP' are not."""
    if any(a.lemma_ == "force" for a in flee.ancestors) or flee.head.lemma_ == "force":
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in (
        "home", "house", "village", "town", "city", "area", "region", "fighting", "violence", "clash",
        "attack", "conflict", "war", "bombardment", "shelling") for c in flee.children)


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


def noun_events(s: SentenceState) -> None:
    """'led to the death of the mayor', 'the killing of two farmers'."""
    _, _, _, noun_kind = lex()
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
                for c in conjuncts(p):
                    q = s.quantity_in(c.left_edge.idx, c.idx + len(c))
                    start, end = tok.idx, c.idx + len(c)
                    if q is not None:
                        s.add(kind, q, None, c, start, end)
                    elif person_singular(c):
                        s.add(kind, None, 1, c, start, end)


_FOUND = {"find", "recover", "discover", "retrieve", "pull", "dump", "exhume", "unearth"}
_REMAINS = {"body", "corpse", "remains", "carcass"}
_SELF = {"himself", "herself", "themselves"}


def remains_and_self_blasts(s: SentenceState) -> None:
    """Deaths said without a casualty verb: "the victim's body was found", "two bodies were
    recovered", "a suicide bomber blew himself up" (ACLED and GTD count the bomber)."""
    for tok in s.sent:
        lemma = tok.lemma_.lower()
        if lemma in _FOUND and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ in ("nsubjpass", "dobj") and c.lemma_.lower() in _REMAINS:
                    q = s.quantity_in(c.left_edge.idx, c.idx + len(c))
                    start, end = min(c.left_edge.idx, tok.idx), max(c.idx + len(c), tok.idx + len(tok))
                    if q is not None:
                        s.add("killed", q, None, c, start, end)
                    elif c.tag_ == "NN":
                        s.add("killed", None, 1, c, start, end)
        elif lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children) \
                and any(c.dep_ == "dobj" and c.lower_ in _SELF for c in tok.children):
            for c in tok.children:
                if c.dep_ == "nsubj":
                    q = s.quantity_in(c.left_edge.idx, c.idx + len(c))
                    start, end = min(c.left_edge.idx, tok.idx), tok.idx + len(tok)
                    if q is not None:
                        s.add("killed", q, None, c, start, end)
                    else:
                        s.add("killed", None, 1, c, start, end)


_TO_DEATH = {"shoot", "stab", "beat", "hack", "burn", "stone", "club", "bludgeon", "strangle", "torture",
             "shot", "slash", "choke", "crush", "batter", "lynch", "gun"}


def _to_death(verb) -> bool:
    """'shot to death', 'beaten to death', 'fatally stabbed': the verb itself kills."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
        if c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally"):
            return True
    return False


def predicate_pass(s: SentenceState) -> None:
    _, verb_kind, adj_kind, _ = lex()
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
        to_death = tok.pos_ == "VERB" and lemma in _TO_DEATH and _to_death(tok)
        if to_death:
            kind = "killed"  # "was shot to death", "stabbed to death", "fatally shot"
        if kind is None:
            continue
        if lemma in ("shoot",) and not to_death:
            continue
        if kind == "displaced" and lemma == "flee" and not displacement(tok):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if kind != "displaced" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue  # "in an attempt to free the jihadists", "tried to kill": intent, not a count
        if tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
            continue  # "in memory of the students who had been executed in 1972": earlier deaths
        if _ambiguous(tok, verb_kind, adj_kind):
            for p in _patients(tok, kind):  # nor may the number pass read the count again
                q = s.quantity_in(p.left_edge.idx, p.idx + len(p))
                if q is not None:
                    s.used.add(id(q))
            continue
        before = len(s.figures)
        # "the group said it had killed 40", "saying its fighters had killed 40": a claim
        claimed = s.attr.source is not None and any(
            c.dep_ == "nsubj" and (c.lower_ in ("it", "they", "we") or any(
                p.dep_ == "poss" and p.lower_ in ("its", "their", "our") for p in c.subtree))
            for c in tok.children)
        patients = _patients(tok, kind)
        stranded_passive = is_passive(tok) or tok.dep_ == "conj" and is_passive(tok.head) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children)
        if not patients and stranded_passive:
            patients = _stranded_count(s, tok)
        if not patients and kind == "killed" and tok.pos_ == "VERB":
            patients = _stranded_one(s, tok, before=stranded_passive)
        elif patients and stranded_passive:
            patients = _absorbed_first(s, min(patients, key=lambda p: p.i)) + patients
        for p in patients:
            if p.lower_ in ("who", "that", "which"):
                p = tok.head if tok.dep_ == "relcl" else p
            if any(c.lower_ in ("no", "none") and c.dep_ in ("det", "neg") for c in p.children) or p.lower_ in ("nobody", "none", "noone"):
                continue  # "no one was hurt" is an explicit zero, read by _negations
            if any(p.left_edge.idx <= f.evidence.start < p.idx + len(p) for f in s.figures if f.kind == kind):
                continue
            nxt = s.doc[p.i + 1] if p.i + 1 < len(s.doc) else None
            if p.lower_ in ("another", "other") and nxt is not None and nxt.pos_ in ("AUX", "VERB"):
                continue  # "killed 2 guards and another was hurt": another clause's subject
            if p.dep_ == "conj" and nxt is not None and nxt.lemma_.lower() in lex()[0]["reporting_verbs"]:
                continue  # "killing 31 civilians, a rights group and a medical official said"
            if p.pos_ == "NUM" and p.i == tok.i + 1 and nxt is not None and (
                    nxt.lower_ in adj_kind or nxt.lemma_.lower() in verb_kind):
                continue  # "1 killed 3 injured": the 3 belongs to "injured"
            if p.dep_ == "conj" and nxt is not None and (adj_kind.get(nxt.lower_) or verb_kind.get(
                    nxt.lemma_.lower())) not in (None, kind):
                continue  # "left nine people dead and 14 wounded": the 14 are the wounded
            q = s.quantity_in(p.left_edge.idx, p.idx + len(p))
            start = min(p.left_edge.idx, tok.idx)
            end = max(p.idx + len(p), tok.idx + len(tok))
            if q is not None:
                s.add(kind, q, None, p, start, end)
            elif person_singular(p) or (p.dep_ == "conj" and p.tag_ == "NN" and len(s.figures) > before
                                         and any(c.dep_ in ("det", "poss") for c in p.children)) \
                    or (kind == "killed" and _named_one(p)) or _one_victim(tok, p) or _named_beside(p):
                # "a policeman and a guide": a person beside a person is a person
                s.add(kind, None, 1, p, start, end)
            elif (person_plural(p) and not any(c.lower_ in ("all", "both", "each") for c in p.children)
                  and (kind == "killed" or p.lemma_.lower() not in ("body", "corpse"))):
                s.add(kind, None, 3, p, start, end, vague=True)
        _combine(s, before)
        if claimed and kind in ("killed", "injured", "abducted"):
            # the source says it did the killing itself: a claim, not a report (an arrest by
            # the police who report it is routine)
            for f in s.figures[before:]:
                f.status = "claimed"
        if kind == "arrested":
            for f in s.figures[before:]:
                if f.side == "state":  # captured soldiers are held by the other side
                    f.kind = "abducted"


_NOT_VICTIMS = {"GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY",
                "ORDINAL", "CARDINAL", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}


_HARM_VERBS = {"kill", "murder", "assassinate", "execute", "behead", "slay", "lynch", "injure", "wound",
               "abduct", "kidnap"}
_THINGS = _NOT_VICTIMS - {"NORP"}  # "killed a Christian": a nationality or faith is someone


def _one_victim(verb, p) -> bool:
    """"killed a coordinator of ...", "shot and killed the assistant dean", "kidnapped an
    engineer": whatever one kills, wounds or kidnaps is someone, so a singular noun with an
    article or a possessive is one person even when the word is no casualty word."""
    return (verb.lemma_.lower() in _HARM_VERBS and p.dep_ in ("dobj", "nsubjpass") and p.tag_ in ("NN", "NNP")
            and p.ent_type_ not in _THINGS and not any(c.dep_ == "nummod" for c in p.children)
            and any(c.dep_ in ("det", "poss") and c.lower_ not in ("no", "any", "some", "all", "each")
                    for c in p.children))


def _named_beside(p) -> bool:
    """"Al-Obeidi and his deputy were killed": a name coordinated with a person is a person,
    even where the tagger took it for an organisation."""
    return p.tag_ == "NNP" and p.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME") \
        and any(c.dep_ == "conj" and (person_singular(c) or c.tag_ == "NN" and any(
            g.dep_ == "poss" and g.lower_ in ("his", "her") for g in c.children)) for c in p.children) or (
        p.dep_ == "conj" and p.tag_ == "NNP" and p.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME")
        and person_singular(p.head))


def _named_one(p) -> bool:
    """Who a killing verb killed, named by name alone ("killed Imtiaz", "Umair was shot and
    killed"): a proper name that the parser did not take for a place, group or date. A
    killing has a person as its victim, so the name is one person."""
    return (p.tag_ == "NNP" and p.ent_type_ not in _NOT_VICTIMS and p.text[:1].isupper()
            and not any(c.dep_ == "nummod" for c in p.children))


def _combine(s: SentenceState, first: int) -> None:
    """Coordinated victims of one verb are one figure: "a mother and her two children had
    died" -> 3, "a gendarme and four recruits were hurt" -> 5."""
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
    # "two soldiers and a civilian", "an officer and his wife": people listed one by one in one
    # statement are each counted, not later mentions of someone already counted; a list of
    # names ("Minister A, Minister B and Minister C were killed") often restates a count
    # ("three ministers") and keeps its weight as a mention
    named = any(w[:1].isupper() for f in parts for w in (f.who or "").split())
    if not all(f.implicit for f in parts) or not named:
        for f in parts:
            f.implicit = False
    base = parts[0]
    qualifier = "at least" if any(f.qualifier in ("at least", "more than") for f in parts) else "exact"
    ev = evidence_at(s.report.clean_text, start, end)
    total = Figure(
        kind=base.kind, low=low, best=low, high=high, qualifier=qualifier, who=who or None,
        side=sides.pop() if len(sides) == 1 else "unknown", according_to=base.according_to,
        status=base.status, evidence=ev, count_text=ev.text, sentence=base.sentence,
        stated=low, implicit=all(f.implicit for f in parts), combined=True)
    # the parts stay beside their sum: tallies count the parts (each joins its own victim
    # group across sources), readers see the sum
    s.figures[first:] = [total] + parts
