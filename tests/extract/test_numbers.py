"""Number expressions: digits, words, vague quantities (ACLED coding), qualifiers, ranges."""
import pytest

from tallied.extract.numbers import find_quantities, parse_number


@pytest.mark.parametrize("text,value", [
    ("seven", 7), ("twenty-seven", 27), ("3,000", 3000), ("1.2 million", 1_200_000),
    ("one hundred and sixty four", 164), ("175", 175), ("fifty six", 56), ("two thousand", 2000),
])
def test_parse_number_reads_digits_and_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,expected", [
    ("at least seven civilians", ("at least seven", 7, 7, None, "at least")),
    ("more than 200 people", ("more than 200", 201, 201, None, "more than")),
    ("up to 30 people", ("up to 30", None, 30, 30, "up to")),
    ("about 40 soldiers", ("about 40", 40, 40, 40, "about")),
    ("nearly 500 were wounded", ("nearly 500", 500, 500, 500, "about")),
    ("some 50 nationalities", ("some 50", 50, 50, 50, "about")),
    ("an estimated 60,000 residents", ("an estimated 60,000", 60000, 60000, 60000, "about")),
    ("between 10 and 15 people", ("between 10 and 15", 10, 10, 15, "range")),
    ("10-15 people", ("10-15", 10, 10, 15, "range")),
    ("dozens of bodies", ("dozens of", 12, 12, None, "vague")),
    ("hundreds of fighters", ("hundreds of", 100, 100, None, "vague")),
    ("tens of civilians", ("tens of", 10, 10, None, "vague")),
    ("several are missing", ("several", 3, 3, None, "vague")),
    ("an unknown number of militants", ("an unknown number of", 3, 3, None, "vague")),
    ("a dozen people", ("a dozen", 12, 12, 12, "exact")),
])
def test_find_quantities_maps_qualifiers_to_low_best_high(text, expected):
    q = find_quantities(text)[0]
    assert (q.text, q.low, q.best, q.high, q.qualifier) == expected


def test_find_quantities_does_not_read_year_spans_as_ranges():
    assert [q.text for q in find_quantities("between 2012 and 2014")] == []


def test_find_quantities_keeps_the_stated_number_of_more_than():
    assert find_quantities("more than 200 dead")[0].stated == 200
