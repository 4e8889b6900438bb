"""Claims and counter-claims across sentences.

"A second video showed 23 captives ... that the group claimed were hostages. The SDF said that
they were the kitchen staff." -> the 23 captives are claimed by the group and disputed by the SDF.
A claimed figure becomes ``disputed`` when the next sentence has another source that says the
same people were something else, or denies it.
"""
from __future__ import annotations

import re

from ..models import ActorRef, Figure

_COUNTER = re.compile(
    r"^(?P<who>.{2,80}?)\s+(?:said|says|stated|insisted|countered|responded)\s+(?:that\s+)?"
    r"(?:they|these|those|the (?:men|captives|hostages|people|victims))\s+(?:were|are)\b"
    r"|^(?P<who2>.{2,80}?)\s+(?:denied|dismissed|rejected|disputed)\b",
    re.IGNORECASE,
)


def mark_disputes(figures: list[Figure], text: str, sentences: list[tuple[int, int]]) -> None:
    for f in figures:
        if f.status != "claimed" or f.sentence + 1 >= len(sentences):
            continue
        s0, s1 = sentences[f.sentence + 1]
        m = _COUNTER.match(text[s0:s1].strip())
        if m:
            who = (m.group("who") or m.group("who2") or "").strip()
            if who and (f.according_to or "").lower() != who.lower():
                f.status = "disputed"
                f.disputed_by = who


def link_sources(figures: list[Figure], actors: list[ActorRef]) -> None:
    """Name the catalogue actor behind a source mention ("the group" -> Islamic State)."""
    for f in figures:
        if not f.according_to:
            continue
        for a in actors:
            if a.text and a.text in f.according_to and abs(a.sentence - f.sentence) <= 1:
                f.source_actor = a.name
                break
