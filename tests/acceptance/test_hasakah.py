"""Issue 2 acceptance: the Hasakah prison report (../shared/examples) coded as a careful reader did."""
from __future__ import annotations

import json
import math
from datetime import date

import pytest

from tallied.pipeline import extract_text


@pytest.fixture(scope="module")
def hasakah(shared):
    text = (shared / "examples" / "hasakah-prison-2022.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "examples" / "hasakah-prison-2022.expected.json").read_text())
    return extract_text(text, published=date(2022, 1, 24), outlet="The Telegraph"), expected


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def test_hasakah_place_is_al_hasakah_city_with_the_prison(hasakah):
    result, expected = hasakah
    ev = result.events[0]
    place = expected["place"]
    assert ev.iso3 == place["iso3"] == "SYR"
    assert _km(ev.latitude, ev.longitude, place["latitude"], place["longitude"]) <= place["tolerance_km"]
    facilities = {p.facility for p in result.mentions.places if p.facility}
    assert any("Ghwayran" in f for f in facilities)


def test_hasakah_actors_are_islamic_state_and_the_sdf(hasakah):
    result, _ = hasakah
    ev = result.events[0]
    assert {ev.actor1, ev.actor2} == {"Islamic State (Syria)", "QSD: Syrian Democratic Forces"}
    by_text = {a.text: a.name for a in result.mentions.actors}
    assert by_text["the jihadists"] == "Islamic State (Syria)"
    assert by_text["SDF"] == "QSD: Syrian Democratic Forces"
    assert by_text["his force"] == "QSD: Syrian Democratic Forces"
    names = {a.name for a in result.mentions.actors if a.role != "source"}
    assert not any("Observatory" in n or "Rojava" in n for n in names)


def _find(result, kind, best):
    return [f for f in result.figures if f.kind == kind and f.best == best]


def test_hasakah_casualty_figures_have_their_sources(hasakah):
    result, _ = hasakah
    (is_dead,) = _find(result, "killed", 175)
    assert "IS members" in is_dead.who and "Siamand Ali" in is_dead.according_to
    (sdf_dead,) = _find(result, "killed", 27)
    assert "his force" in sdf_dead.who and "Siamand Ali" in sdf_dead.according_to
    (civ,) = _find(result, "killed", 7)
    assert (civ.qualifier, civ.side) == ("at least", "civilians")
    assert "Syrian Observatory for Human Rights" in civ.according_to
    totals = _find(result, "killed", 201)
    assert totals and all(t.qualifier == "more than" and t.stated == 200 for t in totals)


def test_hasakah_captives_are_an_is_claim_disputed_by_the_sdf(hasakah):
    result, _ = hasakah
    (captives,) = _find(result, "abducted", 23)
    assert captives.status == "disputed"
    assert captives.source_actor == "Islamic State (Syria)"
    assert "SDF" in captives.disputed_by


def test_hasakah_background_numbers_are_not_casualties(hasakah):
    result, _ = hasakah
    counted = [f for e in result.events for f in e.figures
               if f.kind in ("killed", "injured") and f.scope == "event"]
    for number in (3000, 3001, 10000, 10001, 600, 601, 60000, 50):
        assert not [f for f in counted if f.best == number]
    assert all(f.best != 60000 or f.scope == "context" for f in result.figures)
    assert result.events[0].fatalities == 209


def test_hasakah_nothing_comes_from_boilerplate_or_caption(hasakah):
    result, expected = hasakah
    clean = result.report.clean_text
    for junk in expected["cleaning"]["must_not_appear_in_clean_text"]:
        assert junk not in clean
    caption = "Kurdish-led Syrian Democratic Forces fighters taking up their positions"
    assert clean.count(caption) <= 1
    cap = clean.find(caption)
    for f in result.figures:
        assert not (cap >= 0 and cap <= f.evidence.start < cap + len(caption))


def test_hasakah_assault_and_fresh_attack_dates(hasakah):
    result, _ = hasakah
    dates = [e.event_date for e in result.events]
    assert dates[0] == "2022-01-20"
    assert "2022-01-23" in dates
    # history makes no event
    assert not [e for e in result.events if e.event_date and e.event_date < "2022-01-01"]
