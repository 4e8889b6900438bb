"""Trigger extraction: lemmas, phrases, dependency re-typing, negation and evidence spans."""
from tallied.extract.triggers import find_triggers
from tallied.models import Report
from tallied.resources import load_nlp


def triggers(text):
    report = Report(source="test", raw_text=text)
    found = find_triggers(load_nlp()(text), report)
    for t in found:  # the evidence contract holds for every trigger
        assert report.clean_text[t.evidence.start:t.evidence.end] == t.evidence.text == t.text
    return found


def subs(text, negated=False):
    return {t.sub_event_type for t in triggers(text) if t.negated == negated}


def test_find_triggers_matches_lemmas_of_verbs_and_nouns():
    assert "Armed clash" in subs("Soldiers clashed with rebels.")
    assert "Air/drone strike" in subs("Jets carried out airstrikes on the town.")
    assert "Air/drone strike" in subs("The air-strikes hit the town.")
    assert "Abduction/forced disappearance" in subs("Gunmen kidnapped two engineers.")


def test_find_triggers_verb_phrase_with_gap():
    found = triggers("Militants fired three 120mm mortar shells at the base.")
    assert any(t.sub_event_type == "Shelling/artillery/missile attack" for t in found)


def test_find_triggers_longest_phrase_wins():
    found = subs("A suicide car bomb exploded at the gate.")
    assert "Suicide bomb" in found
    assert "Grenade" not in subs("They fired a grenade launcher.")


def test_find_triggers_retypes_attack_by_target():
    assert "Armed clash" in subs("Insurgents attacked army positions overnight.")
    assert "Attack" in subs("Insurgents attacked a farmer in his field.")


def test_find_triggers_retypes_clash_by_agent():
    assert "Mob violence" in subs("Two groups of villagers clashed over a water point.")
    assert "Violent demonstration" in subs("Demonstrators clashed with police.")


def test_find_triggers_marks_negation():
    assert "Armed clash" in subs("The army did not attack the rebel positions.", negated=True)
    assert "Armed clash" in subs("There were no clashes in the town.", negated=True)


def test_find_triggers_topic_of_protest_is_not_an_event():
    found = triggers("Residents protested against the detention of two activists.")
    assert all(t.negated for t in found if t.sub_event_type == "Arrests")


def test_find_triggers_month_march_is_not_a_march():
    assert "Peaceful protest" not in subs("On 5 March 2026 soldiers clashed with militants.")


def test_find_triggers_records_sentence_index():
    found = triggers("It was quiet. Then rebels shelled the town.")
    assert [t.sentence for t in found if t.sub_event_type.startswith("Shelling")] == [1]


def test_find_triggers_defused_device_is_disrupted_weapons_use():
    assert "Disrupted weapons use" in subs("Police defused a bomb near the school.")
