"""Checks every robustness test applies to a pipeline Result."""
from __future__ import annotations

from tallied.models import Result


def evidence_of(result: Result):
    """Every Evidence a result holds: events' fields, figures, and the mentions behind them."""
    for event in result.events:
        for spans in event.evidence.values():
            yield from spans
        for fig in event.figures:
            yield fig.evidence
    for fig in result.figures:
        yield fig.evidence
    m = result.mentions
    if m is not None:
        for group in (m.figures, m.actors, m.places, m.times, m.triggers):
            for item in group:
                yield item.evidence


def check_result(result: Result) -> None:
    """No internal error, and report.clean_text[e.start:e.end] == e.text for every evidence."""
    if result.skipped is not None:
        assert result.skipped.reason != "internal_error", result.skipped.message
        return
    text = result.report.clean_text
    for ev in evidence_of(result):
        assert 0 <= ev.start <= ev.end <= len(text), (ev, len(text))
        assert text[ev.start:ev.end] == ev.text, (ev, text[ev.start:ev.end])
