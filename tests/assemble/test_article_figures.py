"""Issue 10, item 4: figures of a full article that are not the event's own (our own sentences,
in the style of wire copy)."""
from datetime import date

import pytest

from tallied import extract_text

PUB = date(2025, 3, 12)  # a Wednesday


def primary(text):
    res = extract_text(text, published=PUB)
    assert res.events, text
    return res.events[0]


@pytest.mark.parametrize("text, deaths", [
    # a comparison clause names an earlier event
    ("Gunmen killed nine people at a bar in Celaya on Tuesday, police said. It was the deadliest "
     "attack in the state since July, when gunmen killed 12 people at a party in Irapuato.", 9),
    # a running total of a campaign
    ("An air strike killed 19 people at a market in Ariha on Tuesday, rescuers said. More than 230 "
     "civilians have been killed in strikes across Idlib since the escalation began in late November.", 19),
    # the perpetrator's claim beside the officials' toll
    ("A car bomb killed 13 people outside an army base in Beledweyne on Tuesday, officials said. "
     "Al Shabaab said its fighters had killed 41 soldiers in the attack.", 13),
    # a first toll that the report's own total replaced
    ("A drone strike on a bus station in Finote Selam on Tuesday killed at least 26 people, a "
     "health worker said. Residents initially reported that 18 people had died.", 26),
    # an incident in another country, without a date of its own
    ("Ten soldiers were killed in an ambush near Tera on Tuesday, the defence ministry said. "
     "In neighbouring Burkina Faso, at least 50 soldiers were killed in an attack on a base this month.", 10),
    # a reported incident of another day
    ("Gunmen killed 11 people at a market in Konduga on Tuesday, police said. On Sunday, "
     "gunmen killed five farmers in their fields outside Bama, residents said.", 11),
    # people already counted, named again
    ("Shells killed five civilians, three of them children, in Taiz on Tuesday, medics said. One of "
     "the children killed was an eight-year-old boy.", 5),
])
def test_only_the_events_own_figures_count(text, deaths):
    assert primary(text).fatalities == deaths
