"""nlp stage: run the one spaCy pipeline over a report's clean text.

The ``Doc`` stays inside nlp/, extract/ and resolve/; later stages see dataclasses only.
"""
from __future__ import annotations

from ..models import Report
from ..resources import load_nlp
from ..settings import SETTINGS


def run(report: Report):
    """Parse ``report.clean_text`` (cut at ``max_nlp_chars``) and return the spaCy Doc."""
    text = report.clean_text[: SETTINGS.max_nlp_chars]
    return load_nlp()(text)


def pipe(reports: list[Report]):
    """Parse many reports at once (faster than one by one); yields Docs in order."""
    texts = (r.clean_text[: SETTINGS.max_nlp_chars] for r in reports)
    yield from load_nlp().pipe(texts, batch_size=SETTINGS.nlp_batch_size)
