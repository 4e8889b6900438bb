"""Which figures belong to the report's events, and which are context.

A figure is context (never a casualty of an event) when its sentence is about history or a
cumulative total ("since 2015", "this year", "three years ago"), or when the figure counts a
population ("a prison holding 3,000 inmates", "60,000 in camps"). The cue lists are data
(``scope_words.json``); background dates come from the time resolver.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..models import Figure, Report, TimeRef
from ..resources import load_lexicon

_NEAR = 45  # characters around a figure searched for population cues


@lru_cache(maxsize=1)
def _cues():
    lex = load_lexicon("scope_words")
    return ([re.compile(p) for p in lex["population_near"]],
            [re.compile(p) for p in lex["cumulative_sentence"]])


def mark(report: Report, figures: list[Figure], times: list[TimeRef],
         sentences: list[tuple[int, int]]) -> None:
    """Set ``figure.scope`` to "context" where the figure is not about this report's events."""
    population, cumulative = _cues()
    background = {t.sentence for t in times if t.background}
    dated = {t.sentence for t in times if not t.background and t.start is not None}
    text = report.clean_text
    for f in figures:
        if f.sentence < len(sentences):
            s_start, s_end = sentences[f.sentence]
        else:
            s_start, s_end = f.evidence.start, f.evidence.end
        sentence = text[s_start:s_end].lower()
        near = text[max(s_start, f.evidence.start - _NEAR):min(s_end, f.evidence.end + _NEAR)].lower()
        if f.kind not in ("killed", "injured", "abducted") and any(p.search(near) for p in population):
            f.scope = "context"  # "a prison holding 3,000 inmates", "600 children held"
        elif f.sentence in background and f.sentence not in dated:
            f.scope = "context"
        elif any(p.search(sentence) for p in cumulative):
            f.scope = "context"
