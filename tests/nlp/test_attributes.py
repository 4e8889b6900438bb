"""tallied_attribute_ruler_v1 must give the model's attribute ruler's annotations, token for token
(the fast configuration may not change what extraction reads)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tallied import nlp as tallied_nlp
from tallied.models import Report
from tallied.settings import SETTINGS

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Words the ruler's rules single out: determiners, modals, "that"/"if" as conjunctions, "gon na",
# pronoun-like nouns, "got", "gets", a line of whitespace.
SENTENCES = (
    "Gunmen killed 12 villagers in Tillaberi on Sunday, the army said, but nobody claimed it.\n\n"
    "They're gon na say that if the convoy could have left, everything would be fine.\n"
    "He got hurt; she gets treated. Let's see whether anyone ain't coming.  \n"
    "These and those attacks were claimed by someone who said: 'that is what we do'."
)


def _annotations(reports: list[Report], fast: bool) -> list[list[tuple]]:
    docs = tallied_nlp.pipe(reports, replace(SETTINGS, fast_nlp=fast))
    return [[(t.i, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc] for doc in docs]


def _reports() -> list[Report]:
    texts = [SENTENCES] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    reports = []
    for i, text in enumerate(texts):
        report = Report(source=f"t{i}", raw_text=text)
        report.clean_text = text
        reports.append(report)
    return reports


def test_fast_attribute_ruler_same_annotations_as_model_ruler(nlp):
    reports = _reports()
    fast, slow = _annotations(reports, True), _annotations(reports, False)
    assert sum(len(d) for d in fast) > 1000
    assert fast == slow


def test_fast_attribute_ruler_sets_pos_and_morph_itself(nlp):
    # with the stock ruler disabled, POS and morphology come from the fast ruler alone
    report = _reports()[0]
    doc = next(tallied_nlp.pipe([report], replace(SETTINGS, fast_nlp=True)))
    by_text = {t.text: t for t in doc}
    assert by_text["nobody"].pos_ == "PRON"
    assert str(by_text["These"].morph) == "Number=Plur|PronType=Dem"
    assert by_text["got"].lemma_ == "get"
    assert all(t.pos_ for t in doc)


def test_pipeline_has_both_rulers_with_the_same_rules(nlp):
    from tallied.nlp.attributes import FAST_ATTRIBUTES

    assert nlp.pipe_names.index(FAST_ATTRIBUTES) == nlp.pipe_names.index("attribute_ruler") + 1
    fast = nlp.get_pipe(FAST_ATTRIBUTES)
    assert len(fast.attrs) == len(nlp.get_pipe("attribute_ruler").attrs)
    assert len(fast.rules) == len(fast.attrs)  # every rule of this model is table-driven
