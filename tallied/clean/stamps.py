"""The publication date carried by a timestamp line that cleaning removes.

"Published: July 15, 2023" or a crawler's "date 2022-08-18" is page furniture, so it leaves the
clean text (the time extractor must not read it as an event date), but it is still the best
publication date a report without metadata has.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = {  # month name or abbreviation -> number
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


def stamp_date(text: str) -> date | None:
    """The first calendar date written in ``text`` (ISO, "July 15, 2023", "15 July 2023")."""
    found: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        found += _valid(match.start(), match[1], match[2], match[3])
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = MONTHS.get(match[1].lower())
        if month:
            found += _valid(match.start(), match[3], month, match[2])
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = MONTHS.get(match[2].lower())
        if month:
            found += _valid(match.start(), match[3], month, match[1])
    return min(found)[1] if found else None


def _valid(position: int, year, month, day) -> list[tuple[int, date]]:
    try:
        return [(position, date(int(year), int(month), int(day)))]
    except ValueError:
        return []
