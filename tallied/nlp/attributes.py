"""``tallied_attribute_ruler_v1``: the model's attribute ruler, applied without a Matcher pass.

``en_core_web_sm``'s ``attribute_ruler`` maps each fine tag (and a few words and dependency
labels) to the coarse POS and morphology that the lemmatizer and tallied's rules read. It runs a
spaCy ``Matcher`` with 179 patterns over every token, which cost about a sixth of the whole spaCy
pass. Its token tests read only a token's TAG, lower-case form, dependency label and whether it
is whitespace, so which rules start at a token is a function of those four values: this
component looks them up in a table filled on first sight (a few thousand keys cover a corpus),
checks the second token of the eight two-token rules where their first token matched, and
applies the rules in the ruler's own order (a later rule overwrites an earlier one), writing
whole columns with ``Doc.from_array``. The annotations are the ruler's, token for token
(tests/nlp/test_attributes.py); a rule using a test this module does not evaluate (an operator,
another attribute) is run by a Matcher as before.

It is built from the loaded ruler (:meth:`FastAttributeRuler.from_ruler`), so a newer model's
rules are picked up as they are; ``Settings.fast_nlp=False`` runs the original ruler instead.
"""
from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher

FAST_ATTRIBUTES = "tallied_attribute_ruler_v1"
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # a token's key, in this order
_KEY_IDS = [TAG, LOWER, DEP, IS_SPACE]
_PREDICATES = {"IN", "NOT_IN", "REGEX"}
_TABLE_MAX = 200_000


class FastAttributeRuler:
    def __init__(self, vocab):
        self.vocab = vocab
        self.rules: list[tuple[int, list[list[dict]]]] = []  # (rule index, its patterns)
        # (rule, pattern) by the TAG its first token must have; "" for those that name none
        self._by_tag: dict[str, list[tuple[int, list[dict]]]] = {}
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.rest = Matcher(vocab)  # rules with tests _matches does not evaluate
        self.columns: list[int] = []
        self.writes: list[list[tuple[int, int]]] = []
        self._table: dict[tuple, tuple[tuple[int, ...], tuple[tuple[int, list[dict]], ...]]] = {}
        self._strings: dict[int, str] = {0: ""}

    def from_ruler(self, ruler) -> FastAttributeRuler:
        """Copy the rules of a spaCy ``AttributeRuler`` (patterns, attributes, indices)."""
        self.attrs, self.indices = list(ruler.attrs), list(ruler.indices)
        self.rules, self.rest, self._by_tag = [], Matcher(self.vocab), {}
        for rule, spec in enumerate(ruler.patterns):
            pats = spec["patterns"]
            if all(_supported(tok) for p in pats for tok in p):
                self.rules.append((rule, pats))
                for pat in pats:
                    tag = pat[0].get("TAG")
                    self._by_tag.setdefault(tag if isinstance(tag, str) else "", []).append((rule, pat))
            else:
                self.rest.add(str(rule), pats)
        # the columns the rules write, and each rule as (column, value) pairs
        self.columns = sorted({attr for attrs in self.attrs for attr in attrs})
        if "_" in self.columns:
            raise ValueError(f"{FAST_ATTRIBUTES}: rules that set extension attributes are not supported")
        col = {attr: j for j, attr in enumerate(self.columns)}
        self.writes = [[(col[attr], value) for attr, value in attrs.items()] for attrs in self.attrs]
        self._table.clear()
        return self

    def __call__(self, doc):
        n = len(doc)
        if not n:
            return doc
        hits: dict[int, list[int]] = {}  # token -> rules matched there
        keys = [tuple(row) for row in doc.to_array(_KEY_IDS).tolist()]
        for i, key in enumerate(keys):
            single, multi = self._lookup(key)
            if single:
                hits.setdefault(i, []).extend(single)
            for rule, pat in multi:
                end = i + len(pat)
                if end <= n and all(_matches(tok, self._values(keys[i + k]))
                                    for k, tok in enumerate(pat[1:], 1)):
                    self._hit(hits, rule, i, end)
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True):
                self._hit(hits, int(self.vocab.strings[match_id]), start, end)
        values = doc.to_array(self.columns)
        writes = self.writes
        for i, rules in hits.items():
            for rule in sorted(rules):  # the ruler's order: a later rule overwrites an earlier one
                for j, value in writes[rule]:
                    values[i, j] = value
        doc.from_array(self.columns, values)
        return doc

    def _hit(self, hits: dict[int, list[int]], rule: int, start: int, end: int) -> None:
        index = self.indices[rule]
        target = (start if index >= 0 else end) + index
        if not start <= target < end:
            raise ValueError(f"{FAST_ATTRIBUTES}: rule {rule} points outside its match")
        hits.setdefault(target, []).append(rule)

    def _lookup(self, key: tuple):
        """(rules whose one-token pattern matches, (rule, pattern) whose first token matches)."""
        found = self._table.get(key)
        if found is None:
            values = self._values(key)
            single, multi = [], []
            # only the rules for this token's tag, and those that test no one tag, can match
            tag_s = values["TAG"]
            for rule, pat in [*self._by_tag.get(tag_s, ()), *(self._by_tag.get("", ()) if tag_s else ())]:
                if _matches(pat[0], values):
                    if len(pat) == 1:
                        single.append(rule)
                    else:
                        multi.append((rule, pat))
            if len(self._table) >= _TABLE_MAX:  # a long run meets new words forever: stay bounded
                self._table.clear()
            found = self._table[key] = (tuple(single), tuple(multi))
        return found

    def _values(self, key: tuple) -> dict:
        tag, lower, dep, space = key
        return {"TAG": self._string(tag), "LOWER": self._string(lower), "DEP": self._string(dep),
                "IS_SPACE": bool(space)}

    def _string(self, value: int) -> str:
        s = self._strings.get(value)
        if s is None:
            s = self._strings[value] = self.vocab.strings[value]
        return s


def _supported(tok: dict) -> bool:
    """A token test this module evaluates like the Matcher: TAG, LOWER, DEP by equality, IN,
    NOT_IN or REGEX; IS_SPACE by a bool."""
    for attr, value in tok.items():
        if attr not in _KEY_ATTRS:
            return False
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return False
        elif isinstance(value, dict):
            if not set(value) <= _PREDICATES or len(value) != 1:
                return False
        elif not isinstance(value, str):
            return False
    return True


def _matches(tok: dict, values: dict) -> bool:
    for attr, want in tok.items():
        got = values[attr]
        if isinstance(want, dict):
            (op, arg), = want.items()
            if op == "IN" and got not in arg or op == "NOT_IN" and got in arg:
                return False
            if op == "REGEX" and not re.search(arg, got):
                return False
        elif got != want:
            return False
    return True


@Language.factory(FAST_ATTRIBUTES)
def make_fast_attribute_ruler(nlp, name):
    return FastAttributeRuler(nlp.vocab)
