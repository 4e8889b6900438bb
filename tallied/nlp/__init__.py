"""nlp stage: run the one spaCy pipeline over a report's clean text.

The ``Doc`` stays inside nlp/, extract/ and resolve/; later stages see dataclasses only.
``Settings.fast_nlp`` (the default) runs tallied's table-driven copy of the model's attribute
ruler (attributes.py) instead of the Matcher-based original; the annotations are the same.
"""
from __future__ import annotations

from ..models import Report
from ..resources import load_nlp
from ..settings import SETTINGS, Settings
from .attributes import FAST_ATTRIBUTES


def run(report: Report, settings: Settings = SETTINGS):
    """Parse ``report.clean_text`` (cut at ``max_nlp_chars``) and return the spaCy Doc."""
    return next(pipe([report], settings))


def pipe(reports: list[Report], settings: Settings = SETTINGS):
    """Parse many reports at once (faster than one by one); yields Docs in order."""
    texts = (r.clean_text[: settings.max_nlp_chars] for r in reports)
    off = "attribute_ruler" if settings.fast_nlp else FAST_ATTRIBUTES
    yield from load_nlp().pipe(texts, batch_size=settings.nlp_batch_size, disable=[off])
