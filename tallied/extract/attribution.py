"""Who said it: the source and claim status of a sentence's statements.

    "..., according to the Syrian Observatory for Human Rights."  -> Syrian Observatory for Human Rights
    "Siamand Ali, an SDF spokesperson, told The Telegraph, adding that ..." -> Siamand Ali, an SDF spokesperson
    "... the group claimed ..."                                    -> status claimed
    "..., it said."                                                -> the previous sentence's source

The reporting verbs and their statuses are data (``figure_words.json``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp.text import doc_text
from ..resources import load_lexicon

_PRONOUNS = {"it", "they", "he", "she", "we", "i", "this"}


@dataclass(frozen=True)
class Attribution:
    source: str | None
    status: str  # reported, claimed, denied, disputed
    start: int | None = None  # char span of the source mention
    end: int | None = None


@lru_cache(maxsize=1)
def _verbs() -> dict[str, str]:
    return load_lexicon("figure_words")["reporting_verbs"]


def _span_text(tokens) -> tuple[str, int, int]:
    tokens = [t for t in tokens if not t.is_punct or t.text in "'’-"]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "punct")):
        tokens = tokens[:-1]
    if not tokens:
        return "", 0, 0
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return doc_text(doc)[start:end], start, end


def _subject_text(verb) -> tuple[str, int, int] | None:
    if not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("advcl", "xcomp", "conj") \
            and verb.head.i != verb.i:
        verb = verb.head  # "X claimed responsibility, saying ...": X says it
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) > 1 and all(c.i < verb.i for c in subjects):
        # a misparse gives "Fighters ... killed 17, a local leader said" two subjects of
        # "said": the speaker is the one next to the verb
        subjects = subjects[-1:]
    for child in subjects:
        if not any(c.lower_ in ("no", "neither") for c in child.children):
            if child.i < verb.i:
                # cut at the verb: "Siamand Ali, an SDF spokesperson, told ..." keeps the
                # apposition; "A local official, who asked not to be named, said" drops the clause
                clauses = [c for c in child.subtree if c.dep_ in ("relcl", "acl") and c.i != child.i]
                skip = {t.i for c in clauses for t in c.subtree}
                return _span_text([t for t in child.subtree if t.i < verb.i and t.i not in skip])
            # inverted: "..., said the army", "..., reported officials"
            return _span_text([t for t in child.subtree if t.i > verb.i and t.dep_ not in ("relcl",)])
    return None


_INVERTED = re.compile(r"[,;]\s*(?:said|says|reported|added|confirmed|stated|announced)\s+"
                       r"((?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,6}?)\s*(?=[,.;]|$)")
_ACCORDING = re.compile(r"\baccording to\s+(.+?)(?=\s*(?:[,.;:!?)\"”]|\s+(?:who|which|that|on|in|at)\b|$))",
                        re.IGNORECASE)


def _in_relative_clause(tok) -> bool:
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return True
        tok = tok.head
    return False


def _takes_object_only(verb, verbs) -> bool:
    """'claiming 100 lives' or 'claimed responsibility' is not a claim about figures."""
    if verbs[verb.lemma_.lower()] == "reported":
        return False
    deps = {c.dep_ for c in verb.children}
    if "ccomp" in deps or "relcl" == verb.dep_ or verb.dep_ == "ccomp":
        return False
    return "dobj" in deps


def sentence_attribution(sent, previous: Attribution | None = None) -> Attribution:
    """The source and status of the statements in one spaCy sentence span."""
    verbs = _verbs()
    status = "reported"
    source = None
    # "according to X": the most explicit form wins
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                toks = [t for t in objs[0].subtree]
                source = _span_text(toks)
                break
    if source is None:  # the parser lost "according to X": read the phrase itself
        m = _ACCORDING.search(sent.text)
        if m:
            start = sent.start_char + m.start(1)
            source = (m.group(1), start, start + len(m.group(1)))
    reporting = [t for t in sent if t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX")
                 and t.dep_ not in ("amod", "acl", "compound")  # "alleged members" claims nothing
                 and not _takes_object_only(t, verbs)]
    for verb in reporting:
        st = verbs[verb.lemma_.lower()]
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if st != "reported" and not any(c.lower_ in ("no", "neither") for s_ in subj for c in s_.children):
            status = st
    if source is None:
        for verb in reporting:
            if verbs[verb.lemma_.lower()] == "reported" and verb.lemma_.lower() in ("show", "note"):
                continue
            subj = _subject_text(verb)
            if subj and subj[0].lower() in ("they", "it") and _in_relative_clause(verb):
                # "U.S. helicopters launched air strikes, which they say killed 10": the main subject
                root_subj = _subject_text(verb.sent.root)
                if root_subj and root_subj[0]:
                    subj = root_subj
            if subj and subj[0]:
                source = subj
                break
    if source is None:  # ", reported officials," / ", said the army." that the parser missed
        m = _INVERTED.search(sent.text)
        if m:
            start = sent.start_char + m.start(1)
            source = (m.group(1), start, start + len(m.group(1)))
    if source is not None:
        text, start, end = source
        if text.lower() in _PRONOUNS:
            if previous is not None and previous.source:
                return Attribution(previous.source, status if status != "reported" else previous.status,
                                   previous.start, previous.end)
        return Attribution(text, status, start, end)
    return Attribution(None, status)


_QUOTE_SPAN = 6  # a quotation runs over at most this many sentences


def attribute_sentences(sents) -> list[Attribution]:
    """The attribution of every sentence: its own, the previous source for "it said", and the
    speaker of the quotation it is part of ('Nurta Hussein said: "... killing four civilians."',
    '"... 17 personnel were missing ...," he said.')."""
    attrs: list[Attribution] = []
    previous: Attribution | None = None
    for sent in sents:
        attr = sentence_attribution(sent, previous)
        attrs.append(attr)
        if attr.source:
            previous = attr
    i = 0
    while i < len(sents):
        if _quote_balance(sents[i].text) <= 0:
            i += 1
            continue
        j = i
        while j + 1 < len(sents) and j - i < _QUOTE_SPAN and not _new_paragraph(sents[j + 1]):
            j += 1
            if _quote_balance(sents[j].text) < 0:
                break
        span = range(i, j + 1)
        speakers = [attrs[k] for k in (i, j) if attrs[k].source and attrs[k].source.lower() not in ("we", "i")]
        if not speakers and i > 0 and attrs[i - 1].source and not _new_paragraph(sents[i]):
            speakers = [attrs[i - 1]]  # 'X commented on the incident. "This is a tragedy ..."'
        if speakers:
            sp = speakers[0]
            for k in span:
                if not attrs[k].source or attrs[k].source.lower() in ("we", "i"):
                    attrs[k] = Attribution(sp.source, attrs[k].status, sp.start, sp.end)
        i = j + 1
    return attrs


def _new_paragraph(sent) -> bool:
    before = doc_text(sent.doc)[max(0, sent.start_char - 2):sent.start_char]
    return "\n" in before


def _quote_balance(text: str) -> int:
    """+1 when a sentence opens a quotation it does not close, -1 when it closes one."""
    t = text.strip()
    curly = t.count("“") - t.count("”")
    if curly:
        return 1 if curly > 0 else -1
    if t.count('"') % 2 == 1:
        return -1 if t.endswith('"') or t.endswith('."') else 1
    return 0


def reporting_sentences(sents) -> set[int]:
    """Sentences whose main verb reports ("In a statement on Monday, the army said ..."): their
    dates are the statement's, not another day of the event."""
    verbs = _verbs()
    return {i for i, sent in enumerate(sents)
            if sent.root.lemma_.lower() in verbs and verbs[sent.root.lemma_.lower()] == "reported"}
