"""Number expressions in text: digits, number words, vague quantities, qualifiers, ranges.

    "at least seven"          -> Quantity(low=7, best=7, high=None, qualifier="at least")
    "more than 3,000"         -> Quantity(low=3001, best=3001, stated=3000, qualifier="more than")
    "between 10 and 15"       -> Quantity(low=10, best=10, high=15, qualifier="range")
    "dozens of"               -> Quantity(low=12, best=12, vague=True)   (ACLED coding)
    "twenty-seven", "1.2 million", "one hundred and sixty four"

Only the quantity is read here; what it counts is decided by extract/figures.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import load_lexicon


@dataclass(frozen=True)
class Quantity:
    start: int  # char offsets in the text searched (qualifier included)
    end: int
    num_start: int  # offsets of the number itself
    low: int | None
    best: int | None
    high: int | None
    stated: int  # the number as written ("more than 200" -> 200)
    qualifier: str  # exact, at least, more than, up to, about, range, vague
    vague: bool = False
    text: str = ""


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@lru_cache(maxsize=1)
def _tables():
    lex = load_lexicon("numbers")
    words = {**lex["units"], **lex["tens"]}
    scales = lex["scales"]
    word_alt = "|".join(sorted(list(words) + list(scales), key=len, reverse=True))
    word_alt = "|".join(w for w in word_alt.split("|") if w != "no")  # "no" is a negation
    word_num = rf"(?:{word_alt})(?:(?:\s+and\s+|\s*-\s*|\s+)(?:{word_alt}))*"
    scale_alt = "|".join(scales)
    digit_num = rf"(?:{_DIGITS})(?:\s+(?:{scale_alt}))?"
    number = rf"(?:{digit_num}|{word_num})"
    quals = sorted(lex["qualifiers"], key=len, reverse=True)
    qual_alt = "|".join(re.escape(q) for q in quals)
    rng = (
        rf"(?:between\s+(?P<r1>{number})\s+(?:and|to)\s+(?P<r2>{number}))"
        rf"|(?:(?P<r3>{number})\s*(?:-|–|to|or)\s*(?P<r4>{number}))"
    )
    main = re.compile(
        rf"(?<![\w.,/-])(?:(?P<qual>{qual_alt})\s+)?(?:{rng}|(?P<num>{number}))(?![\w%/]|\.\d|,\d)",
        re.IGNORECASE,
    )
    vague = {**lex["vague"], **lex["fixed"]}
    vague_alt = "|".join(re.escape(v) for v in sorted(vague, key=len, reverse=True))
    vague_re = re.compile(rf"(?<![\w-])(?:{vague_alt})(?![\w-])", re.IGNORECASE)
    return main, vague_re, words, scales, lex["qualifiers"], {k.lower(): v for k, v in vague.items()}, set(lex["fixed"])


def parse_number(text: str) -> int | None:
    """'twenty-seven' -> 27, '3,000' -> 3000, '1.2 million' -> 1200000, 'one hundred and sixty four' -> 164."""
    _, _, words, scales, _, _, _ = _tables()
    t = text.lower().strip()
    m = re.fullmatch(rf"({_DIGITS})(?:\s+(\w+))?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            if m.group(2) not in scales:
                return None
            value *= scales[m.group(2)]
        return int(round(value))
    total, current, seen = 0, 0, False
    for part in re.split(r"\s+and\s+|\s*-\s*|\s+", t):
        if not part:
            continue
        if part in words:
            current += words[part]
            seen = True
        elif part in scales:
            current = max(current, 1) * scales[part]
            if scales[part] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def _apply_qualifier(n: int, qualifier: str) -> tuple[int | None, int | None, int | None]:
    if qualifier == "at least":
        return n, n, None
    if qualifier == "more than":
        return n + 1, n + 1, None
    if qualifier == "up to":
        return None, n, n
    return n, n, n  # exact, about


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, left to right, non-overlapping; vague words included."""
    main, vague_re, _, _, qual_map, vague, fixed = _tables()
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in main.finditer(text):
        qual_text = (m.group("qual") or "").lower()
        qualifier = qual_map.get(qual_text, "exact")
        num_start = m.start("num") if m.group("num") else m.start(m.lastindex or 0)
        if m.group("num"):
            n = parse_number(m.group("num"))
            if n is None:
                continue
            low, best, high = _apply_qualifier(n, qualifier)
            q = Quantity(m.start(), m.end(), m.start("num"), low, best, high, n, qualifier, text=m.group(0))
        else:
            a_txt = m.group("r1") or m.group("r3")
            b_txt = m.group("r2") or m.group("r4")
            a, b = parse_number(a_txt), parse_number(b_txt)
            num_start = m.start("r1") if m.group("r1") else m.start("r3")
            whole = parse_number(text[num_start:m.end()]) if m.group("r3") else None
            if whole is not None and a is not None and b is not None and b < a:
                # "twenty-seven" is one number, not a range from 20 to 7
                low, best, high = _apply_qualifier(whole, qualifier)
                q = Quantity(m.start(), m.end(), num_start, low, best, high, whole, qualifier, text=m.group(0))
            elif a is None or b is None or b < a or a >= 1900:
                continue  # "3-1" scores and "2012-2014" spans are not ranges of people
            else:
                q = Quantity(m.start(), m.end(), num_start, a, a, b, a, "range", text=m.group(0))
        found.append(q)
        taken.append((q.start, q.end))
    for m in vague_re.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        word = m.group(0).lower()
        n = vague[word]
        is_vague = word not in fixed
        found.append(
            Quantity(m.start(), m.end(), m.start(), n, n, None if is_vague else n, n,
                     "vague" if is_vague else "exact", vague=is_vague, text=m.group(0))
        )
    found.sort(key=lambda q: q.start)
    return found
