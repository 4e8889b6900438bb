"""ACLED day-events: a toll over several days split evenly, remainder on the first day."""
from tallied.assemble.days import split_days
from tallied.models import Event


def test_split_days_spreads_the_toll_remainder_first():
    ev = Event(event_date="2022-01-20", date_start="2022-01-20", date_end="2022-01-23",
               fatalities=209, primary=True)
    days = split_days(ev)
    assert [(d.event_date, d.fatalities, d.primary) for d in days] == [
        ("2022-01-20", 53, True), ("2022-01-21", 52, False), ("2022-01-22", 52, False),
        ("2022-01-23", 52, False)]
    assert "split evenly" in days[0].notes


def test_split_days_leaves_a_one_day_event_alone():
    ev = Event(event_date="2022-01-20", date_start="2022-01-20", date_end="2022-01-20", fatalities=5)
    assert split_days(ev) == [ev]


def test_split_days_leaves_a_month_long_period_alone():
    ev = Event(event_date="2022-01-15", date_start="2022-01-01", date_end="2022-01-31", fatalities=30)
    assert split_days(ev) == [ev]
