"""The codebook's actor roles after typing: crowds, police, victims, unnamed hands."""
from tallied.assemble.roles import Side, codebook_roles
from tallied.models import Evidence

POLICE = Side("Police Forces of Kenya (2022-)", 1, Evidence(0, 6, "Police"), "Police Forces of Kenya")
CROWD = Side("Protesters (Kenya)", 6, Evidence(20, 30, "protesters"))
CIVS = Side("Civilians (Kenya)", 7)


def names(pair):
    return tuple(s.name if s else None for s in pair)


def test_codebook_roles_dispersed_crowd_is_actor1_with_its_evidence():
    a1, a2 = codebook_roles("Protests", "Protest with intervention", "Demonstrations", POLICE, CROWD, POLICE, "Kenya")
    assert names((a1, a2)) == ("Protesters (Kenya)", "Police Forces of Kenya (2022-)")
    assert a1.evidence.text == "protesters"


def test_codebook_roles_peaceful_protest_has_no_actor2():
    pair = codebook_roles("Protests", "Peaceful protest", "Demonstrations", CROWD, POLICE, POLICE, "Kenya")
    assert names(pair) == ("Protesters (Kenya)", None)


def test_codebook_roles_violent_crowd_is_rioters_and_mob_victims_are_civilians():
    pair = codebook_roles("Riots", "Mob violence", "Political violence", CROWD, None, None, "Kenya")
    assert names(pair) == ("Rioters (Kenya)", "Civilians (Kenya)")


def test_codebook_roles_civilians_are_never_actor1():
    pair = codebook_roles("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence",
                          CIVS, None, None, "Kenya")
    assert names(pair) == ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)")


def test_codebook_roles_victims_of_violence_against_civilians_are_actor2():
    pair = codebook_roles("Violence against civilians", "Attack", "Political violence", POLICE, None, None, "Kenya")
    assert names(pair) == ("Police Forces of Kenya (2022-)", "Civilians (Kenya)")
