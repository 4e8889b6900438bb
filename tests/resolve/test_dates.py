"""Resolution of temporal expressions, picking an event's date, and the ACLED day split."""
from datetime import date

import pytest

from tallied.models import Evidence, Report, TimeRef
from tallied.resolve.dates import (
    US,
    coded_date,
    pick_date,
    published_fallback,
    resolve,
    split_over_days,
)

D = date
PUB = D(2021, 3, 10)  # a Wednesday
SUMMER = D(2016, 7, 1)  # a Friday

# (text, published, start, end, time_precision, date_prec)
EXACT_AND_RANGES = [
    ("The office reported it on 2021-03-08.", None, D(2021, 3, 8), D(2021, 3, 8), 1, 1),
    ("Gunmen struck on 3 May 2020 near the river.", None, D(2020, 5, 3), D(2020, 5, 3), 1, 1),
    ("On May 3, 2020, a bomb went off.", None, D(2020, 5, 3), D(2020, 5, 3), 1, 1),
    ("It happened on the 3rd of May 2020.", None, D(2020, 5, 3), D(2020, 5, 3), 1, 1),
    ("On Tuesday, 5 May 2020, troops moved in.", None, D(2020, 5, 5), D(2020, 5, 5), 1, 1),
    ("Around 11 March 2019 (from 11 - 12 March), a raid took place.", None, D(2019, 3, 11), D(2019, 3, 11), 1, 1),
    ("As reported on 14 April 2019, the market burned.", None, D(2019, 4, 14), D(2019, 4, 14), 1, 1),
    ("Fighting went on from 27 - 28 April 2020.", None, D(2020, 4, 27), D(2020, 4, 28), 1, 2),
    ("A raid came between 27 and 29 April 2020.", None, D(2020, 4, 27), D(2020, 4, 29), 2, 2),
    ("Clashes ran from 5 May to 6 May 2020.", None, D(2020, 5, 5), D(2020, 5, 6), 1, 2),
    ("Protests lasted May 3-5, 2020.", None, D(2020, 5, 3), D(2020, 5, 5), 1, 2),
    ("Looting spread in May 2020.", None, D(2020, 5, 1), D(2020, 5, 31), 3, 4),
    ("Shelling resumed in early May 2020.", None, D(2020, 5, 1), D(2020, 5, 31), 3, 4),
    ("The week of 4 May 2020 was calm.", None, D(2020, 5, 4), D(2020, 5, 10), 2, 3),
    ("Logged as 09/16/2011 by the clerk.", None, D(2011, 9, 16), D(2011, 9, 16), 1, 1),
    ("Logged as 16/09/2011 by the clerk.", None, D(2011, 9, 16), D(2011, 9, 16), 1, 1),
    ("Logged as 05/04/2011 by the clerk.", None, D(2011, 4, 5), D(2011, 4, 5), 1, 1),
    ("Police said on Sept. 9, 2011 that two died.", None, D(2011, 9, 9), D(2011, 9, 9), 1, 1),
    ("A mine exploded on 23 February.", PUB, D(2021, 2, 23), D(2021, 2, 23), 1, 1),
    ("A militia executed a man on 23 June.", SUMMER, D(2016, 6, 23), D(2016, 6, 23), 1, 1),
    ("In the evening of 21 June, the army advanced.", SUMMER, D(2016, 6, 21), D(2016, 6, 21), 1, 1),
    ("He died of wounds on Tuesday [21 June].", SUMMER, D(2016, 6, 21), D(2016, 6, 21), 1, 1),
    ("Fighting flared between 27 and 29 June.", SUMMER, D(2016, 6, 27), D(2016, 6, 29), 2, 2),
    ("Raids continued in February.", PUB, D(2021, 2, 1), D(2021, 2, 28), 3, 4),
    ("Villagers fled on Monday.", PUB, D(2021, 3, 8), D(2021, 3, 8), 1, 1),
    ("Villagers fled on Thursday.", PUB, D(2021, 3, 4), D(2021, 3, 4), 1, 1),
    ("Officials said Wednesday that the road was shut.", PUB, PUB, PUB, 1, 1),
    ("Villagers fled last Wednesday.", PUB, D(2021, 3, 3), D(2021, 3, 3), 1, 1),
    ("Rockets fell on Monday night.", PUB, D(2021, 3, 8), D(2021, 3, 8), 1, 1),
    ("A convoy was hit yesterday.", PUB, D(2021, 3, 9), D(2021, 3, 9), 1, 1),
    ("A convoy was hit today.", PUB, PUB, PUB, 1, 1),
    ("A convoy was hit earlier today.", PUB, PUB, PUB, 1, 1),
    ("Shots rang out last night.", PUB, D(2021, 3, 9), D(2021, 3, 9), 1, 1),
    ("The bodies were found the day before yesterday.", PUB, D(2021, 3, 8), D(2021, 3, 8), 1, 1),
    ("The raid came two days ago.", PUB, D(2021, 3, 8), D(2021, 3, 8), 1, 1),
    ("Mortars fell last week.", PUB, D(2021, 3, 1), D(2021, 3, 7), 2, 3),
    ("The siege went on over four days.", PUB, D(2021, 3, 6), D(2021, 3, 9), 2, 2),
    ("Clashes have continued since Sunday.", PUB, D(2021, 3, 7), PUB, 1, 2),
    ("Two were shot at the weekend.", PUB, D(2021, 3, 6), D(2021, 3, 7), 2, 2),
    ("Dozens were detained earlier this month.", PUB, D(2021, 3, 1), PUB, 3, 4),
    ("Dozens were detained last month.", PUB, D(2021, 2, 1), D(2021, 2, 28), 3, 4),
    ("Nine died in the past 24 hours.", PUB, D(2021, 3, 9), PUB, 1, 2),
    ("Today (Sunday), the bodies were recovered.", PUB, D(2021, 3, 7), D(2021, 3, 7), 1, 1),
]

BACKGROUND = [
    ("The town fell three years ago.", PUB),
    ("The group held the town between 2012 and 2014.", PUB),
    ("The region has been under curfew since 2015.", PUB),
    ("The first attack came in 2006.", PUB),
    ("Similar raids happened last year.", PUB),
    ("A truce was signed in April.", PUB),  # April 2020: long before a March 2021 report
    ("The law was passed on 12 March.", PUB),  # read as last year: before publication
    ("Rebels have fought for years.", PUB),
    ("Violence has risen since April 2017.", PUB),
]


@pytest.mark.parametrize("text,published,start,end,tp,dp", EXACT_AND_RANGES)
def test_resolve_dates_and_precisions(text, published, start, end, tp, dp):
    res = resolve(text, published)
    assert (res.start, res.end, res.time_precision, res.date_prec) == (start, end, tp, dp), res.note
    assert not res.background


@pytest.mark.parametrize("text,published", BACKGROUND)
def test_resolve_background_history(text, published):
    assert resolve(text, published).background


def test_resolve_us_convention_orders_month_first():
    assert resolve("Logged as 05/04/2011.", None, US).start == D(2011, 5, 4)


def test_resolve_component_over_twelve_decides_and_is_noted():
    res = resolve("Logged as 09/16/2011.", None)
    assert res.start == D(2011, 9, 16)
    assert "US" in res.note and "> 12" in res.note


@pytest.mark.parametrize("text", ["on Thursday", "on 23 June", "last week", "yesterday", "in June"])
def test_resolve_without_publication_date_guesses_nothing(text):
    res = resolve(f"Gunmen attacked a village {text}.", None)
    assert res.start is None and res.end is None
    assert "not guessed" in res.note


def test_resolve_modal_may_is_not_a_month():
    assert resolve("The army may attack in the coming days.", PUB).start is None


def _tref(sentence, start, tp=1, background=False, at=0, end=None):
    ev = Evidence(at, at + 1, "x")
    return TimeRef("x", ev, start, end or start, tp, 1, False, None, background, sentence)


def test_pick_date_prefers_same_sentence():
    times = [_tref(0, D(2020, 1, 1)), _tref(2, D(2020, 1, 5), at=50)]
    assert pick_date(times, 2).start == D(2020, 1, 5)


def test_pick_date_falls_back_to_nearest_earlier_sentence():
    times = [_tref(0, D(2020, 1, 1)), _tref(2, D(2020, 1, 5), at=50), _tref(6, D(2020, 1, 9), at=90)]
    assert pick_date(times, 4).start == D(2020, 1, 5)


def test_pick_date_falls_back_to_first_dated_sentence():
    times = [_tref(3, D(2020, 1, 3), at=30), _tref(5, D(2020, 1, 5), at=50)]
    assert pick_date(times, 1).start == D(2020, 1, 3)


def test_pick_date_skips_background_and_undated():
    times = [_tref(1, D(2012, 1, 1), background=True), _tref(1, None), _tref(0, D(2020, 2, 2))]
    assert pick_date(times, 1).start == D(2020, 2, 2)
    assert pick_date([_tref(0, None), _tref(0, D(2012, 1, 1), background=True)], 0) is None


def test_pick_date_prefers_the_more_precise_date_of_a_sentence():
    times = [_tref(0, D(2020, 5, 1), tp=3, end=D(2020, 5, 31)), _tref(0, D(2020, 5, 7), at=20)]
    assert pick_date(times, 0).start == D(2020, 5, 7)


@pytest.mark.parametrize("text,published,expected", [
    ("Mortars fell last week.", PUB, D(2021, 3, 4)),  # middle day of the week
    ("Two were shot at the weekend.", PUB, D(2021, 3, 6)),
    ("Looting spread in May 2020.", None, D(2020, 5, 15)),
    ("Shelling resumed in early May 2020.", None, D(2020, 5, 1)),
    ("Shelling stopped at the end of May 2020.", None, D(2020, 5, 31)),
    ("A raid came between 27 and 29 April 2020.", None, D(2020, 4, 28)),
    ("Fighting went on from 27 - 28 April 2020.", None, D(2020, 4, 27)),
    ("Dozens were detained earlier this month.", PUB, PUB),  # the 15th would be after publication
])
def test_coded_date_follows_acled_precision_rules(text, published, expected):
    res = resolve(text, published)
    t = TimeRef(text, Evidence(0, 0, ""), res.start, res.end, res.time_precision, res.date_prec, note=res.note)
    assert coded_date(t) == expected


def test_split_over_days_remainder_to_first_day():
    assert split_over_days(10, D(2022, 1, 20), D(2022, 1, 22)) == [
        (D(2022, 1, 20), 4), (D(2022, 1, 21), 3), (D(2022, 1, 22), 3)]


def test_split_over_days_small_total_and_single_day():
    assert [n for _, n in split_over_days(2, D(2022, 1, 1), D(2022, 1, 3))] == [2, 0, 0]
    assert split_over_days(7, D(2022, 1, 1), D(2022, 1, 1)) == [(D(2022, 1, 1), 7)]


def test_split_over_days_rejects_reversed_range():
    with pytest.raises(ValueError):
        split_over_days(3, D(2022, 1, 3), D(2022, 1, 1))


def test_published_fallback_none_without_publication_date():
    assert published_fallback(Report(source="-", raw_text="Gunmen attacked a village.")) is None


def test_published_fallback_uses_dateline_as_evidence():
    text = "Headline here\nWednesday, March 10, 2021\nGunmen attacked a village."
    t = published_fallback(Report(source="-", raw_text=text, published=PUB))
    assert t.start == t.end == PUB and "publication date" in t.note
    assert t.evidence.text == "Wednesday, March 10, 2021"
    assert text[t.evidence.start:t.evidence.end] == t.evidence.text


def test_published_fallback_empty_evidence_without_dateline():
    t = published_fallback(Report(source="-", raw_text="Gunmen attacked a village.", published=PUB))
    assert t.evidence == Evidence(0, 0, "") and t.start == PUB
