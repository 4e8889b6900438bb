"""Temporal mentions of a report → :class:`TimeRef` objects with resolved dates.

Reads: ``report.clean_text``, ``report.published`` and the spaCy doc (sentences, DATE/TIME
entities). Our own grammar (``resolve.dates.scan``) finds the expressions because spaCy's
DATE entities both miss ("on 8 May 2020" is sometimes not one) and over-reach ("the past
decade and Monday"); entities the grammar does not cover are still returned, undated, so
that every temporal mention is on record.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from ..models import Report, TimeRef, evidence_at
from ..nlp.text import doc_text
from ..resolve import dates
from ..resolve.dates import DAY_FIRST, US, Context

# GTD summaries open with "MM/DD/YYYY:"; that dateline is US-ordered by construction.
_GTD_DATELINE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*:")
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|stated|released|issued|added)\s*(?:on\s+)?$", re.I)
_SAID_AFTER = re.compile(r"^\s*,?\s*(?:said|told|announced|confirmed)\b", re.I)
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[^\n.]{0,40}$")
_DATELINE_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:$|\n|[-–—:|]|\d{1,2}:\d{2})")
# no leading \b: scraped bylines glue the label on ("IANSUpdated: Thursday, ...")
_DATELINE_LABEL = re.compile(r"(?:date|dated|published|updated|posted)[:\s]*$", re.I)
# "the killings at the mine happened ... in March 2019": the report says when its story happened,
# however long ago (a retrospective, an anniversary piece)
_STORY_DATED = re.compile(
    r"\b(?:massacre|attack|assault|raid|ambush|bombing|blast|explosion|shooting|killings?|rampage|siege|"
    r"clashes|fighting|violence)\b[^.;!?]{0,120}?\b(?:took[ \t]+place|happened|occurred|unfolded|"
    r"(?:was|were)[ \t]+(?:carried[ \t]+out|committed|perpetrated))\b", re.I)
_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})(?![\d/])")


def detect_convention(text: str, matches: list[dates.Match] | None = None) -> tuple[str, str]:
    """Month/day order for numeric dates of this report, with the reason."""
    if _GTD_DATELINE.match(text):
        return US, "month/day order: US (source dateline MM/DD/YYYY:)"
    for a, b in _NUMERIC.findall(text):
        if int(a) > 12 >= int(b):
            return DAY_FIRST, "month/day order: day-first (another date has a day > 12)"
        if int(b) > 12 >= int(a):
            return US, "month/day order: US (another date has a day > 12)"
    if matches:
        # a report that writes "May 3" rather than "3 May" is US-styled throughout
        us = sum(1 for m in matches if m.kind == "day" and m.groups.get("m") and
                 text.find(m.groups["m"], m.start) < text.find(m.groups["d"], m.start))
        dmy = sum(1 for m in matches if m.kind == "day") - us
        if us > dmy:
            return US, "month/day order: US (the report writes month before day)"
    return DAY_FIRST, "month/day order: day-first (default)"


def _anchor(matches: list[dates.Match]) -> tuple[date | None, dates.Match | None]:
    """The date that supplies a missing year when there is no publication date, and the full
    date set aside for it (or None).

    It is the first full date written in the report, unless the report's own weekday-dated days
    ("on Friday, 9 June") fall in another year: a full date at the top of a scraped page is
    often the site's header or the day the page was crawled, while a weekday with a day and
    month is the writer's own word on the year, so it wins and that date is set aside."""
    probe = Context()
    first, first_match = None, None
    for m in matches:
        if m.kind in ("iso", "day", "numeric") and "y" in m.groups:
            res = dates.resolve_match(m, probe)
            if res.start is not None:
                first, first_match = res.start, m
                break
    if first is None:
        return None, None
    weekday_dated = [m for m in matches if m.kind == "day" and "wd" in m.groups and "y" not in m.groups]
    pinned = [dates.weekday_year(m, first) for m in weekday_dated]
    if not pinned or any(y is None for y in pinned) or first.year in pinned or len(set(pinned)) > 1:
        return first, None
    # every weekday-dated day fell on its weekday in one earlier year: that year is the report's
    return date(pinned[0], 12, 31), first_match


def _is_dateline(text: str, m: dates.Match, res: dates.Resolution, published: date | None) -> bool:
    """An absolute date near the top, on its own line or before a dash, that is the
    publication date."""
    if published is None or m.kind not in ("iso", "day", "numeric") or m.start > 400:
        return False
    if not (res.start == res.end == published):
        return False
    before = text[max(0, m.start - 60):m.start]
    if _DATELINE_LABEL.search(before):
        return True
    return bool(_DATELINE_BEFORE.search(before) and _DATELINE_AFTER.match(text, m.end))


def _story_date(text: str, m: dates.Match, sentence_span) -> bool:
    """Whether the date ``m`` is the one its sentence gives for the report's story: "the
    attack ... took place ... in March 2019", the date after the verb."""
    if m.kind not in ("iso", "day", "numeric", "range", "month"):
        return False
    start, _ = sentence_span(m.start)
    told = _STORY_DATED.search(text, start, m.start)
    return told is not None and told.end() <= m.start


def find_times(doc, report: Report) -> list[TimeRef]:
    """Every temporal mention in ``doc`` (built from ``report.clean_text``), resolved against
    ``report.published``; ``sentence`` is the index among ``list(doc.sents)``."""
    text = report.clean_text[: len(doc_text(doc))]
    starts = [s.start_char for s in doc.sents]
    ends = [s.end_char for s in doc.sents]

    def sentence_of(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    def sentence_span(offset: int) -> tuple[int, int]:
        i = sentence_of(offset)
        return (starts[i], ends[i]) if starts else (0, len(text))

    matches = dates.scan(text)
    convention, note = detect_convention(text, matches)
    anchor, set_aside = (None, None) if report.published else _anchor(matches)
    ctx = Context(report.published, convention, note, anchor)
    refs = []
    for m in matches:
        res = dates.resolve_match(m, ctx)
        note = res.note
        if m is set_aside:
            res = dates.Resolution(res.start, res.end, res.time_precision, res.date_prec, res.relative,
                                   True, f"{note}; {dates.NOTE_PAGE_DATE}")
            note = res.note
        elif res.background and dates.NOTE_LONG_BEFORE in (note or "") and _story_date(text, m, sentence_span):
            res = dates.Resolution(res.start, res.end, res.time_precision, res.date_prec, res.relative,
                                   False, f"{note}; {dates.NOTE_STORY_DATE}")
            note = res.note
        elif _is_dateline(text, m, res, report.published):
            note = f"{note}; {dates.NOTE_DATELINE}"
        elif m.kind in ("weekday", "relday", "day") and (
                _SAID_BEFORE.search(text[max(0, m.start - 30):m.start]) or _SAID_AFTER.match(text[m.end:m.end + 20])):
            note = f"{note}; {dates.NOTE_STATEMENT}"
        refs.append(TimeRef(
            text=text[m.start:m.end], evidence=evidence_at(report.clean_text, m.start, m.end),
            start=res.start, end=res.end, time_precision=res.time_precision, date_prec=res.date_prec,
            relative=res.relative, note=note, background=res.background, sentence=sentence_of(m.start),
        ))
    covered = [(m.start, m.end) for m in matches]
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(ent.start_char < e and ent.end_char > s for s, e in covered):
            continue
        refs.append(TimeRef(
            text=ent.text, evidence=evidence_at(report.clean_text, ent.start_char, ent.end_char),
            note=f"spaCy {ent.label_} entity: not resolved to a date", sentence=sentence_of(ent.start_char),
            relative=ent.label_ == "TIME",
        ))
    refs.sort(key=lambda t: t.evidence.start)
    return refs
