"""A cheap language guess: the share of a language's stopwords among the words.

Good enough to route a report (the lead decides what to do with non-English ones); not a
language identifier. The stopword lists are short on purpose: only words that are frequent in
news prose and rare in the other candidate languages.
"""
from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the of and to in is was were that for on with by as at from have has had said "
    "been are it its this which who after their they would will an be not",
    "fr": "le la les des du et est une dans pour que qui sur par au aux avec ont été sont "
    "il elle ils ce cette pas plus selon lors",
    "es": "el la los las del y en que por con una para fue han sido según al se su sus "
    "como pero más este esta entre",
    "pt": "o a os as do da dos das e em que por com uma para foi foram segundo no na nos "
    "nas ao pelo pela seu sua não mais",
    "de": "der die das und ist nicht ein eine den dem des mit von zu im auf wurde wurden "
    "sich bei nach aus auch sind hat",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}

_WORD = re.compile(r"[^\W\d_]+")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")

# Below this many words the ratios are noise; say "unknown" (None) rather than guess.
_MIN_WORDS = 8
# English news prose runs at 30-45% stopwords from the list above; 10% is a safe floor.
_MIN_RATIO = 0.10


def detect_language(text: str) -> str | None:
    """"en", "fr", "es", "pt", "de", "ar" (any Arabic-script text), "other", or None when the
    text is too short to tell."""
    sample = text[:20_000]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters and len(_ARABIC.findall(sample)) / letters > 0.3:
        return "ar"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS:
        return None
    scores = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in _SETS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= _MIN_RATIO else "other"
