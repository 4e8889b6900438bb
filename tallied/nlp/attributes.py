"""``tallied_attribute_ruler_v1``: the model's attribute ruler, applied without a Matcher pass.

``en_core_web_sm``'s ``attribute_ruler`` maps each fine tag (and a few words) to the coarse POS
and morphology that the lemmatizer and tallied's rules read. It runs a spaCy ``Matcher`` with 179
patterns over every token, which cost about a sixth of the whole spaCy pass. Almost all its
rules test only the token's own TAG and lower-case form, so their outcome is a function of
(tag, lower): this component looks that up in a table filled on first sight, runs a Matcher only
for the few rules that read the dependency label, whitespace or two tokens, and applies the
rules in the ruler's own order (later rules win). The annotations are the ruler's, token for
token; tests/nlp/test_attributes.py checks that on real text.

It is built from the loaded ruler (:meth:`FastAttributeRuler.from_ruler`), so a newer model's
rules are picked up as they are; ``Settings.fast_nlp=False`` runs the original ruler instead.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens._retokenize import set_token_attrs

FAST_ATTRIBUTES = "tallied_attribute_ruler_v1"
_TABLE_KEYS = {"TAG", "LOWER"}  # the attributes a rule may test and still be looked up


class FastAttributeRuler:
    def __init__(self, vocab):
        self.vocab = vocab
        self.simple: list[tuple[int, list[dict]]] = []  # (rule index, one-token specs)
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.rest = Matcher(vocab)
        self._table: dict[tuple[int, str], tuple[int, ...]] = {}

    def from_ruler(self, ruler) -> FastAttributeRuler:
        """Copy the rules of a spaCy ``AttributeRuler`` (patterns, attributes, indices)."""
        self.attrs, self.indices = list(ruler.attrs), list(ruler.indices)
        for rule, spec in enumerate(ruler.patterns):
            pats = spec["patterns"]
            if all(len(p) == 1 and set(p[0]) <= _TABLE_KEYS and _plain(p[0]) for p in pats):
                self.simple.append((rule, [p[0] for p in pats]))
            else:
                self.rest.add(str(rule), pats)
        self._table.clear()
        return self

    def __call__(self, doc):
        hits: dict[int, list[int]] = {}  # token -> rules from the Matcher part
        for match_id, start, end in self.rest(doc, allow_missing=True):
            rule = int(self.vocab.strings[match_id])
            index = self.indices[rule]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                raise ValueError(f"{FAST_ATTRIBUTES}: rule {rule} points outside its match")
            hits.setdefault(target, []).append(rule)
        for tok in doc:
            rules = self._rules(tok.tag, tok.lower_)
            extra = hits.get(tok.i)
            if extra:
                rules = sorted((*rules, *extra))
            for rule in rules:
                set_token_attrs(tok, self.attrs[rule])
        return doc

    def _rules(self, tag: int, lower: str) -> tuple[int, ...]:
        key = (tag, lower)
        rules = self._table.get(key)
        if rules is None:
            tag_s = self.vocab.strings[tag] if tag else ""
            rules = tuple(rule for rule, specs in self.simple
                          if any(_matches(spec, tag_s, lower) for spec in specs))
            self._table[key] = rules
        return rules


def _plain(spec: dict) -> bool:
    """A value this module evaluates itself: a string, or {"IN": [strings]}."""
    for value in spec.values():
        if isinstance(value, dict):
            if set(value) != {"IN"}:
                return False
        elif not isinstance(value, str):
            return False
    return True


def _matches(spec: dict, tag: str, lower: str) -> bool:
    for key, value in spec.items():
        actual = tag if key == "TAG" else lower
        if isinstance(value, dict):
            if actual not in value["IN"]:
                return False
        elif actual != value:
            return False
    return True


@Language.factory(FAST_ATTRIBUTES)
def make_fast_attribute_ruler(nlp, name):
    return FastAttributeRuler(nlp.vocab)
