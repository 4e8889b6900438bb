"""ACLED typing: one real-style sentence per reachable sub-event type, and each precedence
rule of the codebook, run through find_triggers and classify."""
import pytest

from tallied.assemble.typing import INTER_NAMES, Typing, classify, interaction_text
from tallied.extract.triggers import find_triggers
from tallied.models import Report
from tallied.resources import load_nlp


def typed(text, inter1=None, inter2=None, civilians=False, fatalities=0) -> Typing:
    report = Report(source="test", raw_text=text)
    triggers = find_triggers(load_nlp()(text), report)
    return classify(triggers, inter1, inter2, civilians, fatalities, text)


SUB_TYPES = [
    ("Army troops recaptured the town of Kalbo from the rebels after heavy fighting.", 1, 2, 4,
     "Battles", "Government regains territory"),
    ("Rebels seized control of the town after fierce clashes with the army.", 2, 1, 5,
     "Battles", "Non-state actor overtakes territory"),
    ("Soldiers clashed with militants near the village on Monday.", 1, 2, 0,
     "Battles", "Armed clash"),
    ("Police opened fire on protesters who were marching peacefully, killing three.", 1, 6, 3,
     "Protests", "Excessive force against protesters"),
    ("Hundreds of teachers staged a protest outside parliament; police dispersed them with "
     "tear gas.", 6, 1, 0, "Protests", "Protest with intervention"),
    ("About 200 farmers held a demonstration in the capital to demand higher prices.", 6, None,
     0, "Protests", "Peaceful protest"),
    ("Demonstrators pelted stones at police and barricaded roads with burning tires.", 5, 1, 0,
     "Riots", "Violent demonstration"),
    ("A mob lynched a man accused of theft in the market.", 5, 7, 1,
     "Riots", "Mob violence"),
    ("Government forces dropped chlorine gas on the district, residents said.", 1, 7, 0,
     "Explosions/Remote violence", "Chemical weapon"),
    ("Warplanes carried out air strikes on an insurgent camp.", 1, 2, 0,
     "Explosions/Remote violence", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint, killing two guards.", 2, 1, 3,
     "Explosions/Remote violence", "Suicide bomb"),
    ("Insurgents fired mortars at the airport compound overnight.", 2, None, 0,
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded as an army truck passed, wounding four soldiers.", 2, 1, 0,
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Unknown men threw a hand grenade into a bar, injuring five people.", 3, 7, 0,
     "Explosions/Remote violence", "Grenade"),
    ("Gunmen raped two women on their way to the farm.", 3, 7, 0,
     "Violence against civilians", "Sexual violence"),
    ("Gunmen shot dead a farmer in his field.", 3, 7, 1,
     "Violence against civilians", "Attack"),
    ("Gunmen kidnapped three aid workers on the road to the camp.", 3, 7, 0,
     "Violence against civilians", "Abduction/forced disappearance"),
    ("The government and the rebels signed a ceasefire agreement in the capital.", 1, 2, 0,
     "Strategic developments", "Agreement"),
    ("Police arrested the opposition leader at his home.", 1, 7, 0,
     "Strategic developments", "Arrests"),
    ("The army deployed reinforcements to the border town.", 1, None, 0,
     "Strategic developments", "Change to group/activity"),
    ("Soldiers defused an IED planted on the main road.", 1, None, 0,
     "Strategic developments", "Disrupted weapons use"),
    ("The militia established a new base outside the town.", 3, None, 0,
     "Strategic developments", "Headquarters or base established"),
    ("Militiamen looted shops and burned houses in the market.", 3, None, 0,
     "Strategic developments", "Looting/property destruction"),
    ("Rebels took control of the village without resistance after the army withdrew.", 2, None,
     0, "Strategic developments", "Non-violent transfer of territory"),
    ("Investigators discovered a mass grave near the town.", None, None, 0,
     "Strategic developments", "Other"),
]


@pytest.mark.parametrize("text,i1,i2,deaths,etype,sub", SUB_TYPES,
                         ids=[s[5] for s in SUB_TYPES])
def test_classify_reaches_sub_event_type(text, i1, i2, deaths, etype, sub):
    t = typed(text, i1, i2, fatalities=deaths)
    assert (t.event_type, t.sub_event_type) == (etype, sub)
    assert t.evidence, "the type must carry the trigger spans behind it"


def test_classify_air_strikes_inside_battle_are_battles():
    t = typed("Troops clashed with rebels for hours as warplanes bombed their positions "
              "with air strikes.", 1, 2)
    assert (t.event_type, t.sub_event_type) == ("Battles", "Armed clash")


def test_classify_suicide_bomb_inside_battle_is_battles():
    t = typed("Militants attacked the prison with a suicide car bomb and fought guards in "
              "heavy clashes.", 2, 1, fatalities=5)
    assert (t.event_type, t.sub_event_type) == ("Battles", "Armed clash")


def test_classify_exchange_of_artillery_fire_is_armed_clash():
    t = typed("The two armies exchanged artillery fire across the border.", 1, 1)
    assert (t.event_type, t.sub_event_type) == ("Battles", "Armed clash")


def test_classify_air_strike_outranks_shelling():
    t = typed("Warplanes carried out air strikes while artillery shelled the town.", 1, 2)
    assert t.sub_event_type == "Air/drone strike"


def test_classify_protest_turned_violent_is_riot():
    t = typed("Residents held a protest that turned violent when they pelted stones at "
              "police.", 6, 1)
    assert (t.event_type, t.sub_event_type) == ("Riots", "Violent demonstration")


def test_classify_protesters_arrested_is_intervention():
    t = typed("Students protested outside the ministry and police arrested ten of them.", 6, 1)
    assert t.sub_event_type == "Protest with intervention"


def test_classify_mob_outside_demonstration_is_mob_violence():
    t = typed("Villagers beat a suspected thief to death.", 5, 7, fatalities=1)
    assert (t.event_type, t.sub_event_type) == ("Riots", "Mob violence")


def test_classify_abduction_then_killing_is_attack():
    t = typed("Gunmen abducted a trader and later killed him.", 3, 7, fatalities=1)
    assert (t.event_type, t.sub_event_type) == ("Violence against civilians", "Attack")


def test_classify_arrest_by_non_state_group_is_abduction():
    t = typed("Al Shabaab fighters arrested two men in the village.", 2, 7)
    assert (t.event_type, t.sub_event_type) == (
        "Violence against civilians", "Abduction/forced disappearance")


def test_classify_arrest_by_police_is_strategic_development():
    t = typed("Police arrested two men in the village.", 1, 7)
    assert (t.event_type, t.sub_event_type) == ("Strategic developments", "Arrests")


def test_classify_capture_with_fighting_depends_on_inter_codes():
    text = "Fighters captured the town after fierce clashes."
    assert typed(text, 1, 2, fatalities=2).sub_event_type == "Government regains territory"
    assert typed(text, 2, 1, fatalities=2).sub_event_type == "Non-state actor overtakes territory"


def test_classify_capture_without_fighting_is_non_violent_transfer():
    t = typed("Militants took control of the village and raised their flag.", 2, None)
    assert t.sub_event_type == "Non-violent transfer of territory"


def test_classify_killing_soldiers_is_battle_not_attack():
    t = typed("Gunmen shot and killed two soldiers at a checkpoint.", 3, 1, fatalities=2)
    assert (t.event_type, t.sub_event_type) == ("Battles", "Armed clash")


def test_classify_ied_killing_soldier_stays_explosion():
    t = typed("An IED detonated near a patrol, killing one soldier.", 2, 1, fatalities=1)
    assert t.sub_event_type == "Remote explosive/landmine/IED"


def test_classify_grenade_launcher_is_shelling_not_grenade():
    t = typed("Troops fired grenade launchers at enemy positions.", 1, 2)
    assert t.sub_event_type == "Shelling/artillery/missile attack"


def test_classify_negated_attack_is_ignored():
    t = typed("The army said it did not attack the village; protesters gathered peacefully "
              "in a rally.", 6, None)
    assert t.sub_event_type == "Peaceful protest"


def test_classify_civilian_targeting_marks_vac_and_explosions_on_civilians():
    assert typed("Gunmen shot dead a farmer.", 3, 7, fatalities=1).civilian_targeting == \
        "Civilians targeted"
    ied = typed("A landmine exploded under a minibus, killing five passengers.", 3, 7,
                civilians=True, fatalities=5)
    assert ied.civilian_targeting == "Civilians targeted"
    assert typed("Soldiers clashed with rebels.", 1, 2).civilian_targeting is None


def test_classify_disorder_types():
    assert typed("Soldiers clashed with militants.", 1, 2).disorder_type == "Political violence"
    assert typed("Teachers held a protest.", 6).disorder_type == "Demonstrations"
    assert typed("Police arrested the mayor.", 1, 7).disorder_type == "Strategic developments"
    assert typed("Police opened fire on protesters, killing two.", 1, 6, fatalities=2
                 ).disorder_type == "Political violence; Demonstrations"


def test_interaction_text_smaller_inter_first():
    assert interaction_text(2, 1) == "State forces-Rebel group"
    assert interaction_text(7, 3) == "Political militia-Civilians"
    assert interaction_text(8, 7) == "External/Other forces-Civilians"
    assert interaction_text(6, None) == "Protesters only"
    assert interaction_text(None, None) is None
    assert INTER_NAMES[8] == "External/Other forces"
    assert typed("Soldiers clashed with rebels.", 2, 1).interaction == "State forces-Rebel group"


def test_classify_without_triggers_falls_back_on_inter_codes():
    assert classify([], 6, None, False, 0, "").sub_event_type == "Peaceful protest"
    assert classify([], 1, 2, False, 0, "").sub_event_type == "Armed clash"
    assert classify([], None, None, False, 0, "").sub_event_type == "Other"
