"""resolve stage: mentions -> what they refer to.

    places    gazetteer entries, admin names, coordinates, precision   (places.py, place_context.py,
              gazetteer.py)
    actors    catalogue actors for the report's country, with roles    (extract/actors.py)
    sources   the catalogue actor behind a figure's source             (extract/claims.py)
Dates are resolved as they are read (dates.py), against the publication date.
"""
from __future__ import annotations

from ..extract.actors import find_actors
from ..extract.claims import link_sources
from ..models import Mentions, Report
from . import places


def run(report: Report, doc, mentions: Mentions) -> Mentions:
    mentions.places = places.run(report, doc, mentions.places)
    mentions.actors = find_actors(doc, report, places.country_focus(mentions.places))
    implied = places.implied_country(report, mentions.places, mentions.actors, mentions.sentences)
    if implied is not None:  # no place resolved: the country its monitors or actors imply
        mentions.places.append(implied)
    link_sources(mentions.figures, mentions.actors)
    return mentions
