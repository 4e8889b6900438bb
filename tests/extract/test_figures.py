"""Figures from real sentences: kind, low/best/high, qualifier, victim group, source, status."""
from datetime import date

import pytest

from tallied.extract.figures import find_figures
from tallied.models import Report

CASES = [
    ("At least seven civilians have been killed, according to the Syrian Observatory for Human Rights.",
     [("killed", 7, 7, None, "at least", "civilians", "the Syrian Observatory for Human Rights", "reported")]),
    ("More than 200 people have been killed in the clashes.",
     [("killed", 201, 201, None, "more than", "people", None, "reported")]),
    ("Gunmen killed twenty-seven villagers and abducted dozens of women, police said.",
     [("killed", 27, 27, 27, "exact", "villagers", "police", "reported"),
      ("abducted", 12, 12, None, "vague", "women", "police", "reported")]),
    ("Between 10 and 15 soldiers were wounded in the ambush.",
     [("injured", 10, 10, 15, "range", "soldiers", None, "reported")]),
    ("About 1.2 million people have been displaced by the fighting.",
     [("displaced", 1200000, 1200000, 1200000, "about", "people", None, "reported")]),
    ("Eight soldiers were killed, three were wounded and several are missing, the army said.",
     [("killed", 8, 8, 8, "exact", "soldiers", "the army", "reported"),
      ("injured", 3, 3, 3, "exact", "soldiers", "the army", "reported"),
      ("missing", 3, 3, None, "vague", "soldiers", "the army", "reported")]),
    ("A policeman died of his wounds on Tuesday.",
     [("killed", 1, 1, 1, "exact", "policeman", None, "reported")]),
    ("The blast killed a driver and his son.",  # the total, then its parts
     [("killed", 2, 2, 2, "exact", "driver and his son", None, "reported"),
      ("killed", 1, 1, 1, "exact", "driver", None, "reported"),
      ("killed", 1, 1, 1, "exact", "his son", None, "reported")]),
    ("The bombing killed 15 people, including three children.",
     [("killed", 15, 15, 15, "exact", "people", None, "reported"),
      ("killed", 3, 3, 3, "exact", "children", None, "reported")]),
    ("The group said in a statement that it had killed 40 soldiers.",
     [("killed", 40, 40, 40, "exact", "soldiers", "The group", "claimed")]),
    ("The army denied that 12 soldiers had been captured.",
     [("abducted", 12, 12, 12, "exact", "soldiers", "The army", "denied")]),
    ("No one was hurt in the explosion.",
     [("killed", 0, 0, 0, "exact", None, None, "reported"),
      ("injured", 0, 0, 0, "exact", None, None, "reported")]),
    ("Unknown fatalities coded as 10.",
     [("killed", 10, 10, 10, "vague", None, None, "reported")]),
    ("A reported 200 insurgents launched an attack on the prison.",
     [("attackers", 200, 200, 200, "about", "insurgents", None, "reported")]),
    ("Around 4,000 civilians were forced to flee their homes.",
     [("displaced", 4000, 4000, 4000, "about", "civilians", None, "reported")]),
    ("Security forces arrested 25 suspects after the riot.",
     [("arrested", 25, 25, 25, "exact", "suspects", None, "reported")]),
    ("Troops rescued 30 hostages from the camp on Friday.",
     [("freed", 30, 30, 30, "exact", "hostages", None, "reported")]),
    ("The death toll rose to 34, officials said.",
     [("killed", 34, 34, 34, "exact", None, "officials", "reported")]),
    ("Fifty-six people were injured, the health ministry said.",
     [("injured", 56, 56, 56, "exact", "people", "the health ministry", "reported")]),
    ("The attacker was also killed in the blast.",
     [("killed", 1, 1, 1, "exact", "attacker", None, "reported")]),
    ("The prison holds more than 3,000 inmates.",
     [("other", 3001, 3001, None, "more than", "inmates", None, "reported")]),
    # no figure: the kind is ambiguous, or the act was only attempted
    ("Three rebels were killed, wounded or captured during the raid.", []),
    ("Rebels tried to free the prisoners but failed.", []),
]


def _figures(nlp, text):
    report = Report(source="test", raw_text=text)
    return [(f.kind, f.low, f.best, f.high, f.qualifier, f.who, f.according_to, f.status)
            for f in find_figures(nlp(text), report)]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_find_figures_reads_sentence(nlp, text, expected):
    assert _figures(nlp, text) == expected


def test_find_figures_evidence_is_a_span_of_the_clean_text(nlp):
    text = "Over four days, 175 IS members have been killed, an SDF spokesperson told reporters."
    report = Report(source="test", raw_text=text)
    (fig,) = find_figures(nlp(text), report)
    assert fig.evidence.text == "175 IS members have been killed"
    assert text[fig.evidence.start:fig.evidence.end] == fig.evidence.text
    assert fig.according_to == "an SDF spokesperson"


def test_find_figures_quotation_keeps_its_speaker(nlp):
    text = ('A resident said: "We were woken by the shelling. Two mortar bombs landed here, '
            'killing four civilians."')
    report = Report(source="test", raw_text=text)
    figs = find_figures(nlp(text), report)
    assert [(f.kind, f.best, f.according_to) for f in figs] == [("killed", 4, "A resident")]


def test_figures_victims_some_of_whom_died_count_only_the_dead():
    """Issue #8 (the Owo cluster): a victims total broken down into those who died is a
    casualty count, not a death toll."""
    from tallied.pipeline import extract_text

    r = extract_text("The governor said 80 worshippers were victims of the attack, including 22 people who died.")
    assert r.events[0].fatalities == 22
    assert sorted((f.kind, f.best) for f in r.figures) == [("killed", 22), ("other", 80)]
    r = extract_text("The blast left 15 victims, three of whom died in hospital.")
    assert r.events[0].fatalities == 3
    r = extract_text("Gunmen killed 20 people, including five children.")
    assert r.events[0].fatalities == 20


def test_figures_casualty_counts_are_no_death_toll():
    """Issue #8 (the Owo cluster's UCDP high): a casualty total broken down into its dead, and a
    count of the killed and the injured together, are casualties; the dead are the toll."""
    from tallied.pipeline import extract_text

    r = extract_text("A bomb hit a bus station on Monday. On Thursday, the ministry raised the casualty "
                     "count to 95, including 31 dead.", published=date(2023, 3, 10))
    assert ("killed", 95) not in [(f.kind, f.best) for f in r.figures]
    assert ("killed", 31) in [(f.kind, f.best) for f in r.figures]
    r = extract_text("Police said the blast left 45 people killed and injured near the mosque.")
    assert ("killed", 45) not in [(f.kind, f.best) for f in r.figures]
    assert r.events[0].fatalities == 3  # an unknown number of deaths
    r = extract_text("Gunmen killed 12 people and injured 30 in the market.")
    assert ("killed", 12) in [(f.kind, f.best) for f in r.figures]
