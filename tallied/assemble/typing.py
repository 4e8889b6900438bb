"""ACLED event typing: from the triggers of one event to its type, sub-type and interaction.

``classify`` applies the codebook's precedence rules to the triggers that extract found for
one event (see ``tallied/data/triggers.json`` for the lexicon). The codebook orders types
and sub-types in a hierarchy so that one event carries one type when tactics mix:

    Battles > Protests/Riots > Explosions/Remote violence > Violence against civilians
            > Strategic developments

with these readings, each from the codebook's text:

- a ground battle absorbs air strikes, shelling and suicide bombs fought inside it;
  an exchange of long-range fire between two sides is an Armed clash;
- a protest that turns violent is one Riots event; protesters killed or seriously injured
  is "Excessive force against protesters"; dispersed or arrested is "Protest with
  intervention"; a mob outside a demonstration is "Mob violence";
- remote violence sub-types rank Chemical weapon > Air/drone strike > Suicide bomb >
  Shelling > Remote explosive > Grenade;
- against civilians, Sexual violence > Attack > Abduction, and an abduction with killing or
  serious injury is an Attack; arrests by non-state groups are abductions, arrests by the
  state are Strategic developments/Arrests;
- capture of territory is Government regains / Non-state actor overtakes by who captured
  it (inter codes) when there was fighting, and a Non-violent transfer when there was not.

Weights matter: a trigger of weight >= STRONG names the event outright ("clashed",
"air strikes"); weaker ones ("attacked", "killed a soldier") only decide when nothing
stronger is there.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Evidence, Trigger
from ..resources import load_lexicon

INTER_NAMES = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
ARMED = {1, 2, 3, 4, 8}
STRONG = 0.8
WEAK = 0.5  # below this a trigger only supports a type that something else named

BATTLES = "Battles"
PROTESTS = "Protests"
RIOTS = "Riots"
ER = "Explosions/Remote violence"
VAC = "Violence against civilians"
SD = "Strategic developments"

# sub-types in the codebook's order (Table 2), which is also their precedence
ER_ORDER = ["Chemical weapon", "Air/drone strike", "Suicide bomb",
            "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"]
SD_ORDER = ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
            "Headquarters or base established", "Looting/property destruction",
            "Non-violent transfer of territory", "Other"]
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}

DISORDER = {
    BATTLES: "Political violence",
    ER: "Political violence",
    VAC: "Political violence",
    PROTESTS: "Demonstrations",
    SD: "Strategic developments",
}
# sub-types whose disorder differs from their event type's (codebook Table 2)
DISORDER_BY_SUB = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
}
CIVILIANS_TARGETED = "Civilians targeted"


@dataclass
class Typing:
    event_type: str | None
    sub_event_type: str | None
    disorder_type: str | None
    interaction: str | None
    civilian_targeting: str | None
    evidence: list[Evidence] = field(default_factory=list)


def interaction_text(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's interaction text: the smaller inter first ("State forces-Rebel group"), a
    sole actor as "Rebel group only". The codebook writes 78 as "External/Other
    forces-Civilians", the one pair that breaks the order."""
    codes = [i for i in (inter1, inter2) if i in INTER_NAMES]
    if not codes:
        return None
    if len(codes) == 1:
        return f"{INTER_NAMES[codes[0]]} only"
    lo, hi = sorted(codes)
    if (lo, hi) == (7, 8):
        return f"{INTER_NAMES[8]}-{INTER_NAMES[7]}"
    return f"{INTER_NAMES[lo]}-{INTER_NAMES[hi]}"


def classify(
    triggers: list[Trigger],
    actor1_inter: int | None,
    actor2_inter: int | None,
    civilians_targeted: bool,
    fatalities: int,
    text: str,
) -> Typing:
    """The ACLED type of one event from its triggers, actor types and fatalities.

    ``text`` is the event's text (sentences or the whole report), read only for cue words
    (serious injury of protesters, crude weapons). When no trigger is there the inter codes
    decide; when they cannot either the event is Strategic developments/Other.
    """
    active = [t for t in triggers if not t.negated]
    event_type, sub = _decide(active, actor1_inter, actor2_inter, civilians_targeted,
                              fatalities, text.lower())
    if sub in DISORDER_BY_SUB:
        disorder = DISORDER_BY_SUB[sub]
    else:
        disorder = DISORDER.get(event_type) if event_type != RIOTS else "Demonstrations"
    evidence = [t.evidence for t in active if t.sub_event_type == sub]
    evidence += [t.evidence for t in active
                 if t.event_type == event_type and t.evidence not in evidence]
    return Typing(
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=disorder,
        interaction=interaction_text(actor1_inter, actor2_inter),
        civilian_targeting=_civilian_targeting(event_type, sub, actor2_inter,
                                               civilians_targeted),
        evidence=evidence,
    )


def _civilian_targeting(event_type, sub, inter2, civilians_targeted) -> str | None:
    if event_type == BATTLES or event_type == SD:
        return None  # civilians in the crossfire of a battle are never the target
    if event_type == VAC or sub == "Excessive force against protesters":
        return CIVILIANS_TARGETED
    if inter2 == 7 or civilians_targeted:
        return CIVILIANS_TARGETED
    return None


class _Scores:
    """The strongest trigger weight per (type, sub-type) and per type."""

    def __init__(self, triggers: list[Trigger]):
        self.sub: dict[str, float] = {}
        self.type: dict[str, float] = {}
        for t in triggers:
            self.sub[t.sub_event_type] = max(self.sub.get(t.sub_event_type, 0.0), t.weight)
            self.type[t.event_type] = max(self.type.get(t.event_type, 0.0), t.weight)

    def s(self, sub: str) -> float:
        return self.sub.get(sub, 0.0)

    def t(self, event_type: str) -> float:
        return self.type.get(event_type, 0.0)


def _decide(triggers, inter1, inter2, civilians_targeted, fatalities, text):
    sc = _Scores(triggers)
    both_armed = inter1 in ARMED and inter2 in ARMED
    cues = load_lexicon("triggers")
    lethal = fatalities > 0 or any(w in text for w in cues["serious_injury_words"])

    if not triggers:
        return _from_inters(inter1, inter2, civilians_targeted)

    territory = max(sc.s(s) for s in TERRITORY)
    clash = sc.s("Armed clash")
    fought = clash >= STRONG or sc.t(ER) >= STRONG or fatalities > 0

    # Battles: an armed clash between organised groups absorbs everything below it
    if clash >= STRONG and not _demonstration(sc, inter1, inter2, both_armed):
        if territory >= STRONG:
            return BATTLES, _territory_sub(sc, inter1)
        return BATTLES, "Armed clash"
    if territory >= STRONG and sc.s("Non-violent transfer of territory") < STRONG:
        if fought:
            return BATTLES, _territory_sub(sc, inter1)
        return SD, "Non-violent transfer of territory"

    # Protests and riots
    demo = _demonstration(sc, inter1, inter2, both_armed)
    if sc.s("Mob violence") >= WEAK + 0.1 and sc.s("Peaceful protest") < 0.7:
        return RIOTS, "Mob violence"
    if sc.s("Violent demonstration") >= WEAK + 0.1 or (demo and clash >= STRONG):
        return RIOTS, "Violent demonstration"
    if demo:
        if sc.s("Excessive force against protesters") >= WEAK or (
            lethal and (fatalities > 0 or sc.t(VAC) >= WEAK)
        ):
            return PROTESTS, "Excessive force against protesters"
        if sc.s("Protest with intervention") >= WEAK or sc.s("Arrests") >= WEAK:
            return PROTESTS, "Protest with intervention"
        return PROTESTS, "Peaceful protest"

    # A defused or intercepted device with no one hurt is not an explosion
    if sc.s("Disrupted weapons use") >= STRONG and fatalities == 0 and sc.t(VAC) < STRONG:
        return SD, "Disrupted weapons use"

    # Explosions/Remote violence: the highest sub-type among the strong ones
    if sc.t(ER) >= WEAK - 0.1:
        if clash >= 0.7 and sc.t(ER) < 0.7:
            return BATTLES, "Armed clash"  # gunfire with a stray explosion: a firefight
        sub = _pick(sc, ER_ORDER)
        if sub in ("Shelling/artillery/missile attack", "Grenade") and (both_armed or inter1 is None) \
                and any(w in text for w in cues["direct_fire_words"]):
            # "fired mortars and small arms at their positions": mortars fired with rifles and
            # machine guns at an armed enemy are one side of an exchange, an Armed clash
            return BATTLES, "Armed clash"
        return ER, sub

    # A weak battle trigger ("attacked army positions", "killed a soldier") beats an attack
    # on civilians unless the victims are civilians
    attack = max(sc.s("Attack"), sc.s("Sexual violence"))
    civ = civilians_targeted or inter2 == 7
    if clash >= WEAK and (clash >= attack or both_armed) and not civ:
        return BATTLES, "Armed clash"

    # Violence against civilians
    abduction = sc.s("Abduction/forced disappearance")
    if sc.s("Sexual violence") >= WEAK:
        return VAC, "Sexual violence"
    if attack >= WEAK:
        if both_armed and not civ:
            return BATTLES, "Armed clash"
        if any(w in text for w in cues["armed_victim_words"]):
            # "a rival gang member was shot dead", "the victim was involved in drug trafficking":
            # the victim belongs to an armed group, so this is a fight between two, not an
            # attack on a civilian
            return BATTLES, "Armed clash"
        return VAC, "Attack"
    if abduction >= WEAK:
        if fatalities > 0:
            return VAC, "Attack"
        return VAC, "Abduction/forced disappearance"
    if sc.s("Arrests") >= WEAK and inter1 in (2, 3, 4) and sc.t(SD) <= sc.s("Arrests"):
        return VAC, "Abduction/forced disappearance"

    if clash >= 0.3 and both_armed:
        return BATTLES, "Armed clash"
    if sc.s("Peaceful protest") > 0 and not both_armed and any(w in text for w in cues["demand_words"]):
        # "residents gathered outside the hospital to demand ...", "workers blocked the road
        # demanding ...": a gathering or blockade with a demand is a protest
        if sc.s("Protest with intervention") >= WEAK or sc.s("Arrests") >= WEAK:
            return PROTESTS, "Protest with intervention"
        return PROTESTS, "Peaceful protest"
    if sc.t(SD) > 0:
        return SD, max(SD_ORDER, key=lambda s: (sc.s(s), -SD_ORDER.index(s)))
    if sc.t(VAC) > 0 and (civ or inter2 is None):
        return VAC, "Attack"
    return _from_inters(inter1, inter2, civilians_targeted)


def _demonstration(sc: _Scores, inter1, inter2, both_armed: bool) -> bool:
    """Is this a protest or riot context? Protesters/rioters as actors, or a strong protest
    trigger ("staged a protest"), unless two armed groups are the actors."""
    if both_armed:
        return False
    if inter1 in (5, 6) or inter2 in (5, 6):
        return True
    return sc.s("Peaceful protest") >= 0.7


def _territory_sub(sc: _Scores, inter1) -> str:
    """Who captured decides: the state regains, anyone else overtakes."""
    if inter1 == 1:
        return "Government regains territory"
    if inter1 in (2, 3, 4, 8):
        return "Non-state actor overtakes territory"
    if sc.s("Government regains territory") >= sc.s("Non-state actor overtakes territory"):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _pick(sc: _Scores, order: list[str], strong: float = STRONG) -> str:
    """The first sub-type in codebook order among the strong ones; else the strongest."""
    for sub in order:
        if sc.s(sub) >= strong and sc.s(sub) > 0:
            return sub
    return max(order, key=lambda s: (sc.s(s), -order.index(s)))


def _from_inters(inter1, inter2, civilians_targeted):
    """No trigger: the actor types alone say what kind of event this can be."""
    inters = {i for i in (inter1, inter2) if i}
    if 6 in inters:
        return PROTESTS, "Peaceful protest"
    if 5 in inters:
        return RIOTS, "Violent demonstration"
    if inter1 in ARMED and inter2 in ARMED:
        return BATTLES, "Armed clash"
    if inter2 == 7 or civilians_targeted:
        return VAC, "Attack"
    return SD, "Other"
