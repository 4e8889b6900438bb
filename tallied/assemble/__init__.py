"""assemble stage: a report's resolved mentions -> its events, the primary event first.

    scope.mark      figures of history, cumulative totals and populations become context
    segment         sentences grouped into events (primary, later days, separate incidents)
    events.build    one Event per group: date, place, actors, type, fatalities, evidence
"""
from __future__ import annotations

from ..models import Event, Mentions, Report
from . import scope
from .days import split_days
from .events import build
from .segment import segment


def run(report: Report, mentions: Mentions, split_multiday: bool = False) -> list[Event]:
    """The report's events, primary first; with ``split_multiday`` an event over several days
    becomes ACLED day-events, its toll split evenly."""
    scope.mark(report, mentions.figures, mentions.times, mentions.sentences)
    groups = segment(report.clean_text, mentions, report.published)
    for g in groups:
        if g.key[0] == "background":
            for f in mentions.figures:
                if f.sentence in g.sentences and f.scope == "event":
                    f.scope = "background"
    groups = [g for g in groups if g.key[0] != "background"]
    events = [build(report, mentions, g, primary=(i == 0)) for i, g in enumerate(groups)]
    if split_multiday:
        events = [day for e in events for day in split_days(e)]
    return events
