"""Who a count is about: the casualty lexicon, person nouns, victim groups and sides.

Shared by the figure readers (``figures.py``, ``predicates.py``); the words are data
(``figure_words.json``).
"""
from __future__ import annotations

from functools import lru_cache

from ..resources import load_lexicon


@lru_cache(maxsize=1)
def lex():
    """(the figure_words table, verb -> kind, adjective -> kind, noun -> kind)"""
    table = load_lexicon("figure_words")
    verb_kind = {}
    for kind, lemmas in table["verbs"].items():
        for lemma in lemmas:
            verb_kind[lemma] = kind
    adj_kind = {w: k for k, ws in table["adjectives"].items() for w in ws}
    noun_kind = {w: k for k, ws in table["nouns"].items() for w in ws}
    return table, verb_kind, adj_kind, noun_kind


def side_of(who: str | None) -> str:
    """A first reading of the victim group; assemble maps it onto the event's actors."""
    if not who:
        return "unknown"
    table = lex()[0]
    words = [w.strip(".,'’").lower() for w in who.split()]
    lemmas = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words}
    toks = set(words) | lemmas
    if "civilian" in toks or "civilians" in toks:
        return "civilians"
    if toks & set(table["state_nouns"]):
        return "state"
    if toks & set(table["armed_nouns"]):
        return "armed"
    if toks & set(table["civilian_nouns"]):
        return "civilians"
    return "unknown"


def conjuncts(tok):
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.extend(conjuncts(c))
        elif c.dep_ == "appos":
            out.extend(_after_apposition(tok, c))
    return out


def _after_apposition(tok, appos) -> list:
    """People the parser hung on an apposition: "Colonel X, the district's commander, and two
    other officers" (a conjunct of the apposition), "the governor, X, his two bodyguards and
    three civilians" (a counted group "in apposition" to one person is the list's next item)."""
    if _list_item(tok, appos):
        return conjuncts(appos)
    out = []
    for g in appos.children:
        if g.dep_ == "conj" and _person_like(g):
            out.extend(conjuncts(g))
        elif g.dep_ == "appos":
            out.extend(_after_apposition(appos, g))
    return out


def _list_item(tok, appos) -> bool:
    return (tok.tag_ in ("NN", "NNP") and appos.tag_ == "NNS" and person_plural(appos)
            and any(c.dep_ == "nummod" for c in appos.children))


def _person_like(tok) -> bool:
    return (person_singular(tok) or person_plural(tok)
            or (tok.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in tok.children)))


_PERSONAL = {"he", "she", "him", "her", "another", "himself", "herself"}
_TITLES = {"commissioner", "governor", "mayor", "deputy", "director", "head", "chief", "minister",
           "commander", "president", "senator", "lawmaker", "general", "colonel", "captain", "sheikh"}


def person_singular(tok) -> bool:
    table = lex()[0]
    if tok.lower_ in _PERSONAL:
        return True
    if tok.ent_type_ == "PERSON":
        return True
    if tok.pos_ == "PROPN" and any(c.dep_ == "appos" and c.tag_ == "NN" and _person_word(c) for c in tok.children):
        return True  # "Karim, a shopkeeper", "Halima, the wife of ...": a name and who it is
    if (tok.pos_ == "NOUN" and tok.tag_ == "NN") or (tok.pos_ == "PROPN" and tok.lemma_.lower() in _TITLES):
        lemma = tok.lemma_.lower()
        persons = set(table["civilian_nouns"]) | set(table["state_nouns"]) | set(table["armed_nouns"]) | {"person", "member", "one", "individual", "victim", "body"}
        if lemma in ("police", "army", "militia", "staff", "family", "border", "personnel"):
            return False
        # "a civilian pastoralist", "an NPA militant": a person word in the noun or its modifiers
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
        return lemma in persons or any(m.lemma_.lower() in persons for m in mods)
    return False


def _person_word(tok) -> bool:
    table = lex()[0]
    persons = set(table["civilian_nouns"]) | set(table["state_nouns"]) | set(table["armed_nouns"])
    return tok.lemma_.lower() in persons


def person_plural(tok) -> bool:
    table = lex()[0]
    if tok.tag_ != "NNS" and tok.lower_ not in ("people", "police", "personnel", "troops", "civilians", "children", "women", "men"):
        return False
    lemma = tok.lemma_.lower()
    persons = set(table["civilian_nouns"]) | set(table["state_nouns"]) | set(table["armed_nouns"]) | {"people", "person", "member", "individual", "victim", "body"}
    return lemma in persons or tok.lower_ in persons
