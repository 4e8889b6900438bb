"""Attribution across sentences: claims, counter-claims and the actor behind a source."""
from tallied.extract.claims import mark_disputes
from tallied.extract.figures import find_figures
from tallied.models import Report


def _run(nlp, text):
    report = Report(source="test", raw_text=text)
    doc = nlp(text)
    figs = find_figures(doc, report)
    mark_disputes(figs, text, [(s.start_char, s.end_char) for s in doc.sents])
    return figs


def test_mark_disputes_counter_claim_makes_claim_disputed(nlp):
    text = ("A video showed 23 captives that the group claimed were hostages. "
            "The army said that they were kitchen staff.")
    (fig,) = _run(nlp, text)
    assert (fig.kind, fig.best, fig.status, fig.according_to, fig.disputed_by) == (
        "abducted", 23, "disputed", "the group", "The army")


def test_mark_disputes_leaves_unanswered_claim_claimed(nlp):
    text = "The rebels claimed that they had killed 40 soldiers. Fighting continued on Monday."
    (fig,) = _run(nlp, text)
    assert (fig.kind, fig.best, fig.status, fig.disputed_by) == ("killed", 40, "claimed", None)


def test_sentence_attribution_pronoun_takes_previous_source(nlp):
    text = ("The army said its positions came under fire. "
            "Eight soldiers were killed and three wounded, it said.")
    figs = _run(nlp, text)
    assert [(f.kind, f.best, f.according_to) for f in figs] == [
        ("killed", 8, "The army"), ("injured", 3, "The army")]


def test_sentence_attribution_responsibility_claim_is_no_figure_claim(nlp):
    text = "No group claimed responsibility for the attack, which killed two policemen."
    (fig,) = _run(nlp, text)
    assert (fig.kind, fig.best, fig.according_to, fig.status) == ("killed", 2, None, "reported")


def test_speaker_is_the_subject_next_to_said_when_the_parse_gives_two(nlp):
    # the small model makes both "Fighters" and "leader" subjects of "said"
    text = ("Fighters from a rebel militia, an armed group, killed at least 17 civilians with machetes "
            "in an overnight attack on a village in Beni territory, North Kivu province, on Sunday, "
            "a local civil society leader said.")
    figs = [f for f in _run(nlp, text) if f.kind == "killed"]
    assert [(f.best, f.according_to) for f in figs] == [(17, "a local civil society leader")]
