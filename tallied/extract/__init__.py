"""extract stage: a parsed report -> its mentions, each with its evidence span.

    places    toponym mentions, unresolved          (places.py)
    times     temporal expressions, with dates      (times.py, resolve/dates.py)
    triggers  what happened, ACLED types            (triggers.py)
    figures   casualty and people counts, sources   (figures.py, predicates.py, attribution.py)
    claims    counter-claims across sentences       (claims.py)
Actors are read in the resolve stage: which catalogue entry an alias names depends on the
report's country, known only once its places are resolved.
"""
from __future__ import annotations

from ..models import Mentions, Report
from .attribution import reporting_sentences
from .claims import mark_disputes
from .figures import find_figures
from .places import find_places
from .times import find_times
from .triggers import find_triggers


def run(report: Report, doc) -> Mentions:
    sents = list(doc.sents)
    mentions = Mentions(sentences=[(s.start_char, s.end_char) for s in sents],
                        reporting=reporting_sentences(sents))
    mentions.places = find_places(doc, report)
    mentions.times = find_times(doc, report)
    mentions.triggers = find_triggers(doc, report)
    mentions.figures = find_figures(doc, report)
    mark_disputes(mentions.figures, report.clean_text, mentions.sentences)
    return mentions
