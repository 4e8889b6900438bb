"""Actor mentions: catalogue aliases, generics, coreference, roles and sources."""
from datetime import date

from tallied.models import ActorRef, Report
from tallied.resources import load_actors, load_nlp
from tallied.extract.actors import find_actors, finalize_name


def actors(text: str, iso3: str | None = None, published: date | None = date(2022, 1, 24)):
    report = Report(source="test", raw_text=text, published=published)
    found = find_actors(load_nlp()(text), report, iso3)
    for a in found:  # evidence is always a slice of the clean text
        assert report.clean_text[a.evidence.start:a.evidence.end] == a.evidence.text == a.text
    return found


def by_text(found, text):
    return next(a for a in found if a.text == text)


def test_catalogue_lookup_prefers_country_entry():
    cat = load_actors()
    assert cat.lookup("ISIS", "SYR").name == "Islamic State (Syria)"
    assert cat.lookup("Daesh", "IRQ").name == "Islamic State (Iraq)"
    assert cat.lookup("IS", "SOM").name == "Islamic State Somalia Province"
    assert cat.lookup("ISIL", None).name == "Islamic State"
    assert cat.lookup("al-Shabab", "SOM").name == "Al Shabaab"
    assert cat.lookup("Al Shabab", "SOM").name == "Al Shabaab"


def test_catalogue_lookup_strict_alias_only_in_its_country():
    cat = load_actors()
    assert cat.lookup("rebels", "SYR").name == "Opposition Rebels (Syria)"
    assert cat.lookup("rebels", "KEN") is None
    assert cat.lookup("Federal Police", "IRQ").name == "Police Forces of Iraq"
    assert cat.lookup("Federal Police", "NGA") is None


def test_actors_abbreviation_and_alias_resolve_with_role():
    found = actors("The SDF attacked Islamic State positions near Hasakah on Monday.", "SYR")
    assert [(a.text, a.name, a.inter, a.role) for a in found] == [
        ("SDF", "QSD: Syrian Democratic Forces", 2, "agent"),
        ("Islamic State", "Islamic State (Syria)", 2, "patient"),
    ]


def test_actors_lowercase_is_is_not_islamic_state():
    found = actors("The town is calm and the market is open.", "SYR")
    assert found == []


def test_actors_state_forces_of_focus_country_with_regime_years():
    found = actors("Soldiers killed three militants in an ambush near Maiduguri.", "NGA")
    soldiers = by_text(found, "Soldiers")
    assert (soldiers.name, soldiers.inter, soldiers.country, soldiers.role) == (
        "Military Forces of Nigeria (2015-2023)", 1, "NGA", "agent")


def test_actors_sna_in_somalia_is_the_state():
    found = actors("SNA forces repulsed an al-Shabaab attack on a base in Lower Shabelle.", "SOM")
    assert [(a.text, a.name, a.role) for a in found] == [
        ("SNA forces", "Military Forces of Somalia (2022-)", "agent"),
        ("al-Shabaab", "Al Shabaab", "agent"),
    ]


def test_actors_demonym_names_foreign_forces():
    found = actors("Turkish troops shelled villages near Zakho.", "IRQ")
    assert (found[0].text, found[0].name, found[0].inter) == (
        "Turkish troops", "Military Forces of Turkey (2016-)", 8)


def test_actors_generic_gunmen_and_civilians_carry_template():
    found = actors("Unidentified gunmen killed two farmers in a village in Zamfara.", "NGA")
    assert [(a.text, a.name, a.generic, a.country, a.role) for a in found] == [
        ("Unidentified gunmen", "Unidentified Armed Group (Nigeria)", "Unidentified Armed Group", None, "agent"),
        ("farmers", "Civilians (Nigeria)", "Civilians", None, "patient"),
    ]


def test_actors_protesters_from_protest_verb():
    found = actors("Hundreds of residents protested in Tunis against rising prices.", "TUN")
    assert [(a.text, a.name, a.inter) for a in found] == [("residents", "Protesters (Tunisia)", 6)]


def test_actors_communal_militia_gets_ethnic_name():
    found = actors("Fulani herdsmen attacked a farming community in Benue.", "NGA")
    assert (found[0].text, found[0].name, found[0].inter, found[0].role) == (
        "Fulani herdsmen", "Fulani Ethnic Militia (Nigeria)", 4, "agent")


def test_actors_coreference_jihadists_and_his_force():
    text = ("Islamic State fighters raided a checkpoint near Raqqa. The jihadists seized two "
            "vehicles. Farhad Shami, an SDF spokesperson, said that nine of his force's soldiers "
            "were wounded.")
    found = actors(text, "SYR")
    jihadists = by_text(found, "The jihadists")
    assert (jihadists.name, jihadists.via, jihadists.role) == ("Islamic State (Syria)", "coreference", "agent")
    sdf = by_text(found, "SDF")
    assert sdf.role == "source"
    his = by_text(found, "his force")
    assert (his.name, his.via) == ("QSD: Syrian Democratic Forces", "coreference")
    assert not any(a.text == "soldiers" for a in found)


def test_actors_sources_are_marked_not_agents():
    found = actors("At least seven civilians were killed, according to the Syrian Observatory "
                   "for Human Rights. The Taliban said it had captured the district.", "AFG")
    assert [(a.text, a.role) for a in found] == [("civilians", "patient"), ("Taliban", "source")]


def test_actors_passive_by_agent_is_agent():
    found = actors("A police officer was shot dead by Boko Haram militants in Borno.", "NGA")
    assert [(a.text, a.name, a.role) for a in found] == [
        ("police officer", "Police Forces of Nigeria (2015-2023)", "patient"),
        ("Boko Haram militants", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", "agent"),
    ]


def test_actors_bracketed_abbreviation_is_one_mention():
    found = actors("Suspected Al Qaeda in the Arabian Peninsula (AQAP) gunmen ambushed a convoy near Mukalla.", "YEM")
    assert [(a.text, a.name, a.role) for a in found][0] == (
        "Al Qaeda in the Arabian Peninsula (AQAP) gunmen", "AQAP: Al Qaeda in the Arabian Peninsula", "agent")


def test_finalize_name_generic_and_regime_years():
    ev = None
    gen = ActorRef(text="gunmen", name="Unidentified Armed Group", inter=3, evidence=ev,
                   generic="Unidentified Armed Group", via="generic")
    assert finalize_name(gen, "Mali", "2021-05-01") == "Unidentified Armed Group (Mali)"
    army = ActorRef(text="the army", name="Military Forces of Syria (2000-2024)", inter=1,
                    evidence=ev, country="SYR")
    assert finalize_name(army, "Syria", "2025-02-01") == "Military Forces of Syria (2024-)"
    assert finalize_name(army, "Syria", "2019-02-01") == "Military Forces of Syria (2000-2024)"
    unit = ActorRef(text="Puntland forces", name="Military Forces of Somalia (2022-) Puntland Dervish Force",
                    inter=1, evidence=ev, country="SOM")
    assert finalize_name(unit, "Somalia", "2020-01-01") == "Military Forces of Somalia (2017-2022) Puntland Dervish Force"
    bare = ActorRef(text="troops", name="Military Forces", inter=1, evidence=ev, generic="Military Forces")
    assert finalize_name(bare, "Nigeria", "2016-03-01") == "Military Forces of Nigeria (2015-2023)"


def test_catalogue_file_every_line_has_required_fields():
    import json

    from tallied.settings import DATA_DIR

    with open(DATA_DIR / "actors.jsonl", encoding="utf-8") as fh:
        for line in fh:
            assert {"name", "inter", "country", "kind", "aliases"} <= json.loads(line).keys()


def test_catalogue_entries_are_valid():
    cat = load_actors()
    assert len(cat.entries) > 400
    for e in cat.entries:
        assert 1 <= e.inter <= 8 and e.name
        assert e.country is None or (len(e.country) == 3 and e.country.isupper())


def test_actors_somali_clan_lineage_names():
    found = actors("Abgaal clan militia attacked Murusade sub-clan militias near Balcad.", "SOM")
    assert [(a.text, a.name, a.inter, a.generic, a.role) for a in found] == [
        ("Abgaal clan militia", "Hawiye-Abgaal Sub-Clan Militia (Somalia)", 4, None, "agent"),
        ("Murusade sub-clan militias", "Hawiye-Murusade Sub-Clan Militia (Somalia)", 4, None, "patient"),
    ]


def test_actors_militiamen_from_a_named_sub_clan():
    found = actors("Militiamen from the Saleban sub-clan attacked a farm near Adado.", "SOM")
    assert (found[0].text, found[0].name, found[0].role) == (
        "Militiamen from the Saleban sub-clan", "Hawiye-Habar Gedir-Saleban Sub-Clan Militia (Somalia)", "agent")


def test_actors_community_members_are_a_militia_only_as_agents():
    found = actors("Youths from the Bobo community attacked herders near the market.", "BFA")
    assert (found[0].name, found[0].role) == ("Bobo Ethnic Militia (Burkina Faso)", "agent")
    found = actors("Gunmen abducted three youths from the Mossi community.", "BFA")
    assert [(a.name, a.role) for a in found] == [
        ("Unidentified Armed Group (Burkina Faso)", "agent"), ("Civilians (Burkina Faso)", "patient")]


def test_actors_claimed_responsibility_names_the_unidentified_attackers():
    found = actors("Unknown gunmen blew up a railway bridge near Quetta on Monday. "
                   "The Baloch Liberation Army later claimed responsibility for the attack.", "PAK")
    assert [(a.text, a.name, a.via) for a in found] == [
        ("Unknown gunmen", "BLA: Baloch Liberation Army", "coreference"),
        ("Baloch Liberation Army", "BLA: Baloch Liberation Army", "alias"),
    ]


def test_actors_denied_responsibility_names_nobody():
    found = actors("Gunmen attacked a police post in Bannu. The TTP denied any responsibility.", "PAK")
    assert found[0].name == "Unidentified Armed Group (Pakistan)"


def test_actors_generic_joined_to_a_named_group_is_that_group():
    found = actors("Islamic State insurgents and suicide bombers stormed the prison gates.", "SYR")
    assert [(a.text, a.name) for a in found] == [
        ("Islamic State insurgents", "Islamic State (Syria)"), ("suicide bombers", "Islamic State (Syria)")]


def test_actors_gtd_spellings_resolve():
    cat = load_actors()
    assert cat.lookup("Tehrik-i-Taliban Pakistan (TTP)", "PAK").name == "TTP: Tehreek-i-Taliban Pakistan"
    assert cat.lookup("Al-Qa`ida in the Arabian Peninsula (AQAP)", "YEM").name == "AQAP: Al Qaeda in the Arabian Peninsula"
    assert cat.lookup("Communist Party of India - Maoist (CPI-M)", "IND").name == "CPI (Maoist): Communist Party of India (Maoist)"
    assert cat.lookup("Islamic State of Iraq (ISI)", "IRQ").name == "Islamic State (Iraq)"


def test_actors_unambiguous_abbreviation_outside_its_country():
    found = actors("A PKK IED exploded near an army convoy on Tuesday.", "IRN")
    assert (found[0].text, found[0].name, found[0].role) == ("PKK", "PKK: Kurdistan Workers Party", "agent")


def test_actors_pro_allegiance_names_the_unit_not_the_patron():
    found = actors("Pro-STC Security Belt Forces ambushed a convoy in Abyan.", "YEM")
    assert [a.name for a in found] == ["Military Forces of Yemen (2016-) Security Belt Forces"]


def test_actors_passive_perception_verb_keeps_the_agent():
    found = actors("Marehan clan militias were seen mobilising outside Garbaharey.", "SOM")
    assert (found[0].name, found[0].role) == ("Darod-Marehan Sub-Clan Militia (Somalia)", "agent")


def test_actors_us_led_coalition_names():
    for text in ("Coalition air strikes hit Islamic State positions near Hasakah.",
                 "The US-led coalition bombed Islamic State positions near Hasakah."):
        found = actors(text, "SYR")
        assert found[0].name == "Global Coalition Against Daesh" and found[0].inter == 8
