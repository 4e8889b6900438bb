"""A cheap language guess: the share of a language's stopwords among the words.

Good enough to route a report (ingest skips reports in a language tallied cannot read, reason
``language``); not a language identifier. The stopword lists are short on purpose: only words
that are frequent in news prose and rare in the other candidate languages. The guess errs towards
English and towards "cannot tell": a short English event line ("On 17 December, Al Shabaab
established a base near Al-Hilal ...") shares words with Spanish, and wrongly skipping an
English report loses data, while coding a foreign one only wastes a little time.
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
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")

# Below this many words the ratios are noise; say "unknown" (None) rather than guess.
_MIN_WORDS = 8
# English news prose runs at 30-45% stopwords from the list above; 10% is a safe floor.
_MIN_RATIO = 0.10
# A foreign language must be this much more frequent than English, and this sure, to win.
_FOREIGN_MARGIN = 2.0
_FOREIGN_MIN_RATIO = 0.15
_FOREIGN_MIN_WORDS = 15
# "other" (a language we have no list for) needs this many words with almost no stopwords.
_OTHER_MIN_WORDS = 30
_OTHER_MAX_RATIO = 0.03


def detect_language(text: str) -> str | None:
    """"en", "fr", "es", "pt", "de", "ar" (mostly Arabic script), "other" (mostly another
    non-Latin script, or a long Latin-script text with none of the known stopwords), or None
    when the text is too short or too terse to tell."""
    sample = text[:20_000]
    letters = sum(1 for ch in sample if ch.isalpha())
    if not letters:
        return None
    if len(_ARABIC.findall(sample)) / letters > 0.3:
        return "ar"
    if letters >= 40 and len(_LATIN.findall(sample)) / letters < 0.5:
        return "other"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < _MIN_WORDS:
        return None
    scores = {lang: sum(1 for w in words if w in stop) / len(words) for lang, stop in _SETS.items()}
    english = scores.pop("en")
    best = max(scores, key=scores.get)
    if (len(words) >= _FOREIGN_MIN_WORDS and scores[best] >= _FOREIGN_MIN_RATIO
            and scores[best] >= _FOREIGN_MARGIN * english):
        return best
    if english >= _MIN_RATIO or english >= scores[best]:
        return "en"
    if len(words) >= _OTHER_MIN_WORDS and max(english, scores[best]) <= _OTHER_MAX_RATIO:
        return "other"
    return None
