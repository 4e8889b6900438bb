"""Clean: drop the boilerplate a scraped report still carries, keeping an exact offset map.

    run(report) -> Report

Sets ``clean_text`` (the raw text with whole spans deleted: repeated captions, photo credits,
share buttons, "Read more", bylines and timestamps, cookie/newsletter/paywall lines, copyright
footers, menus, related-headline rails, and the non-sentence block after the article's last
sentence), ``offsets`` (``raw_text[offsets[i]] == clean_text[i]``; empty when nothing changed)
and ``id`` (hash of the clean text). When the report has no ``published`` date and a removed
timestamp line ("Published: July 15, 2023") carries one, that date is kept.
"""
from __future__ import annotations

from dataclasses import replace

from tallied.clean.boilerplate import Rules, find_boilerplate
from tallied.clean.spans import delete_spans
from tallied.clean.stamps import stamp_date
from tallied.models import Report, report_id
from tallied.resources import load_lexicon

__all__ = ["run"]


def run(report: Report) -> Report:
    """A copy of ``report`` with ``clean_text``, ``offsets`` and ``id`` set."""
    rules = Rules.from_table(load_lexicon("boilerplate"))
    raw = report.raw_text
    found = find_boilerplate(raw, rules)
    clean, offsets = delete_spans(raw, [(start, end) for start, end, _ in found.spans])
    if not clean.strip():
        # Everything looked like boilerplate: more likely a rule misfired on an odd report
        # than a report with nothing in it, so keep the text whole.
        clean, offsets = raw, []
    if clean == raw:
        offsets = []
    published = report.published
    if published is None:
        published = next(filter(None, map(stamp_date, found.stamps)), None)
    return replace(report, clean_text=clean, offsets=offsets, id=report_id(clean),
                   published=published)
