"""find_times: temporal mentions of a whole report, with evidence, sentences and notes."""
from datetime import date

import pytest

from tallied.extract.times import detect_convention, find_times
from tallied.models import Report
from tallied.resolve.dates import pick_date
from tallied.resources import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _times(nlp, text, published=None):
    report = Report(source="-", raw_text=text, published=published)
    return report, find_times(nlp(report.clean_text), report)


def test_find_times_evidence_matches_clean_text(nlp):
    report, times = _times(nlp, "Militants stormed a jail on Thursday. Three years ago the town fell. "
                                "Fresh clashes broke out on Sunday.", date(2022, 3, 7))
    assert times
    for t in times:
        assert report.clean_text[t.evidence.start:t.evidence.end] == t.evidence.text == t.text


def test_find_times_sentences_and_background(nlp):
    _, times = _times(nlp, "Militants stormed a jail on Thursday. Three years ago the town fell. "
                           "Fresh clashes broke out on Sunday.", date(2022, 3, 7))
    by_text = {t.text.lower(): t for t in times}
    assert by_text["on thursday"].start == date(2022, 3, 3) and by_text["on thursday"].sentence == 0
    assert by_text["three years ago"].background and by_text["three years ago"].sentence == 1
    assert by_text["on sunday"].start == date(2022, 3, 6) and by_text["on sunday"].sentence == 2
    assert pick_date(times, 1).start == date(2022, 3, 3)  # nearest earlier dated sentence


def test_find_times_no_publication_date_guesses_nothing(nlp):
    _, times = _times(nlp, "Gunmen killed two farmers on Thursday near the market.")
    assert times and all(t.start is None for t in times)
    assert any("not guessed" in (t.note or "") for t in times)
    assert pick_date(times, 0) is None


def test_find_times_gtd_dateline_is_us_order(nlp):
    _, times = _times(nlp, "03/04/2011: On Friday, gunmen fired on a checkpoint. Nobody was hurt.")
    first = times[0]
    assert first.start == date(2011, 3, 4)
    assert "US" in first.note and "dateline" in first.note
    assert pick_date(times, 0).start == date(2011, 3, 4)


def test_find_times_borrows_year_from_another_date_in_the_report(nlp):
    _, times = _times(nlp, "Around 9 March 2019 (from 8 - 9 March), rebels raided a camp.")
    rng = [t for t in times if t.start and t.end and t.start != t.end]
    assert rng and (rng[0].start, rng[0].end) == (date(2019, 3, 8), date(2019, 3, 9))
    assert "another date" in rng[0].note
    assert pick_date(times, 0).start == date(2019, 3, 9)


def test_find_times_keeps_unresolved_spacy_dates(nlp):
    _, times = _times(nlp, "The unrest has lasted for the whole of Ramadan.", date(2021, 5, 1))
    assert any(t.start is None and "spaCy" in (t.note or "") for t in times)


def test_detect_convention_day_over_twelve_decides():
    assert detect_convention("Filed 25/03/2011 and 04/05/2011.")[0] == "day-first"
    assert detect_convention("Filed 03/25/2011 and 04/05/2011.")[0] == "us"
    assert detect_convention("Filed 04/05/2011.")[1].endswith("(default)")


def test_find_times_dateline_dates_only_as_last_resort(nlp):
    text = "Gunmen kill six\nFriday, March 12, 2021\nGunmen killed six traders on Thursday, police said."
    _, times = _times(nlp, text, date(2021, 3, 12))
    line = next(t for t in times if t.text.startswith("Friday"))
    assert "dateline" in line.note
    assert pick_date(times, 0).start == date(2021, 3, 11)
    _, only = _times(nlp, "Gunmen kill six\nFriday, March 12, 2021\nGunmen killed six traders.", date(2021, 3, 12))
    assert pick_date(only, 0).start == date(2021, 3, 12)


def test_find_times_statement_day_yields_to_event_day(nlp):
    _, times = _times(nlp, "Nine were killed late Monday in the raid, officials said Tuesday.", date(2021, 3, 10))
    assert pick_date(times, 0).start == date(2021, 3, 8)


def test_find_times_history_without_publication_date_is_background(nlp):
    _, times = _times(nlp, "The rebels seized the port two years ago.")
    assert any(t.background for t in times)


def test_find_times_month_abbreviation_in_a_name_is_not_a_month(nlp):
    _, times = _times(nlp, "A blast hit a church in Mar Elias street.", date(2021, 3, 10))
    assert all(t.start is None for t in times)


def test_find_times_weekday_pins_the_year_over_a_page_date(nlp):
    """Issue #8 (a Solhan copy): with no publication date, a page's header date ("November 28,
    2022") must not give its year to the story's "Sunday, June 6": the weekday says 2021, and
    the header date is set aside as no event date."""
    _, times = _times(nlp, "November 28, 2022\n\nNews World\n\nGunmen attacked a village from Friday to "
                           "Saturday, and 160 people were reported dead on Sunday, June 6. Since May 5, "
                           "the region has seen more attacks.")
    by_text = {t.text: t for t in times}
    assert by_text["Sunday, June 6"].start == date(2021, 6, 6)
    assert by_text["Since May 5"].start == date(2021, 5, 5)
    header = by_text["November 28, 2022"]
    assert header.background and "page date" in header.note
    assert pick_date(times, 1).start == date(2021, 6, 6)


def test_find_times_weekday_agreeing_with_the_written_date_changes_nothing(nlp):
    _, times = _times(nlp, "Updated 7 June 2021. Gunmen struck on Saturday, June 5, killing 30.")
    by_text = {t.text: t for t in times}
    assert by_text["Saturday, June 5"].start == date(2021, 6, 5)
    assert not any("page date" in (t.note or "") for t in times)


def test_find_times_retrospective_is_dated_by_the_story_it_tells(nlp):
    """Issue #8 (a Solhan retrospective, six months on): the date a report gives its story is
    the event's however long before publication; a past date it does not give its story stays
    history."""
    _, times = _times(nlp, "Survivors still fear the road to the market. The killings at Kori village "
                           "happened on two nights in June 2021. They followed a raid in March 2020.",
                      date(2021, 12, 21))
    by_text = {t.text: t for t in times}
    june = by_text["June 2021"]
    assert not june.background and "retrospective" in june.note
    assert by_text["March 2020"].background
    assert pick_date(times, 0).start == date(2021, 6, 1)
