"""What reconciliation needs of one report event, taken from the pipeline's Result: the
countries and place keys of the report (the blocking index), its actors and stated numbers.

Place keys are normalised names ("al-Hasakah" -> "hasakah") of every town, district and region
the report names, not only the one its event was placed at: two reports of one event often
disagree on the event's place (one resolves a village to its namesake abroad) but both name it.
Country names are no keys: they would put every event of a country in one block.
"""
from __future__ import annotations

from ..models import Event, Result
from ..resolve.gazetteer import name_key

def place_key(name: str | None) -> str | None:
    """The gazetteer's phonetic key of a name ("al-Hasakah" and "Hasakeh" share one)."""
    if not name:
        return None
    key = name_key(name)
    return key if len(key) >= 3 else None


def event_terms(result: Result, event: Event) -> tuple[set[str], set[str], set[str], set[int]]:
    """(iso3s, place keys, actor names, killed numbers) of one report event."""
    iso3s = {event.iso3} if event.iso3 else set()
    keys: set[str] = set()
    for name in (event.location, event.admin2):
        k = place_key(name)
        if k:
            keys.add(k)
    mentions = result.mentions
    # a report's other events (a related attack, a background one) are known by their own
    # place only; the primary event by every place the report names
    if mentions is not None and event.primary:
        for p in mentions.places:
            if p.feature == "country" or not p.iso3:
                continue
            iso3s.add(p.iso3)
            for name in (p.text, p.name):
                k = place_key(name)
                if k:
                    keys.add(k)
    actors = {a for a in (event.actor1, event.actor2, event.assoc_actor_1, event.assoc_actor_2) if a}
    numbers = {f.best for f in event.figures
               if f.kind == "killed" and f.scope == "event" and f.best is not None and f.best > 0}
    return iso3s, keys, actors, numbers
