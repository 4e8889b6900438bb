"""Resolve toponym mentions to gazetteer entries, with ACLED/UCDP precision.

Disambiguation, strongest evidence first:
  1. the hierarchy the text itself gives: an ACLED bracket "Dinsoor town (Dinsoor, Bay)"
     or a GTD chain "Mardan town, Mardan district, Khyber Pakhtunkhwa province, Pakistan"
     names the admin2/admin1/country the entry must lie in;
  2. the report's country focus (countries, demonyms, unambiguous region names it mentions);
  3. consistency with the admin1 regions of the other places in the text;
  4. the type word ("X town" is a town, "X province" an admin1) and population.
A town that the gazetteer lacks but whose bracket/chain resolves keeps its own name with the
coordinates of the region it lies in (ACLED geo_precision 2) rather than being dropped; so does
one the text calls a town ("the town of X"), at its country's capital if nothing finer is named.
Facilities ("Ghwayran prison") take the place of the town that holds them. Reading the
bracket/chain is :mod:`.place_context`'s job; docs/places.md lists the conventions.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter

from ..models import Place, Report, evidence_at
from ..resources import load_gazetteer, load_lexicon
from ..extract.places import DATELINE_TAIL, ROAD_WORDS
from . import place_context as pc
from .gazetteer import Entry, fold, name_key

_PRECISION = {  # feature -> (ACLED geo_precision, UCDP where_prec)
    "city": (1, 1), "admin2": (2, 3), "admin1": (3, 4), "country": (3, 6),
}
_SPECIFIC = {"city": 3, "admin2": 2, "admin1": 1, "country": 0}

_DATELINE_AFTER = re.compile(DATELINE_TAIL)
def run(report: Report, doc, mentions: list[Place]) -> list[Place]:
    """Resolve ``mentions``; unresolvable mentions and non-places are dropped."""
    gaz = load_gazetteer()
    words = pc.words()
    type_words = {t: k for k, ts in words["type_words"].items() for t in ts}
    facility_words = set(words["facility_words"])
    near_words = set(words["near_words"])
    text = report.clean_text
    ambiguous = {fold(k): v for k, v in load_lexicon("place_countries").get("ambiguous", {}).items()
                 if not k.startswith("_")}

    list_sentences = _country_lists(gaz, mentions)
    outlets = outlet_spans(text, report.outlet)
    # candidates per mention; demonyms only vote for the country focus
    infos = []
    seen_cores: set[str] = set()  # a name repeated is one piece of evidence, not several
    focus_votes: Counter = Counter()
    for m in mentions:
        if any(a <= m.evidence.start and m.evidence.end <= b for a, b in outlets):
            continue  # "a survivor told FRANCE 24": the outlet, not where anything happened
        demonym = gaz.demonym(m.text) if not gaz.ids(m.text) or " " not in m.text else None
        modifier = False
        if demonym is None:
            # "US-backed", "Turkey backed", "US dollar", "London-based": a country used as an
            # adjective says as little about where the event was as a demonym; a town, nothing
            country = [c for c in gaz.lookup(m.text) if c.kind == "country"]
            hyphen = bool(_HYPHEN_MODIFIER.match(text, m.evidence.end))
            if hyphen and not country:
                continue
            if country and (hyphen or _modifier(doc, m, type_words, facility_words)):
                demonym = country[0].iso3
                modifier = True
        last = m.text.split()[-1].lower() if m.text.split() else ""
        facility = last in facility_words and len(m.text.split()) > 1
        core = " ".join(m.text.split()[:-1]) if facility else m.text
        core = re.sub(r"^(?:the|The)\s+", "", core)
        cands = [] if demonym else gaz.lookup(core)  # "Syrian" is never a town
        cands = [c for c in cands if c.kind != "country" or _country_alias(core, c)]
        shared = ambiguous.get(fold(re.sub(r"^(?:the|The)\s+", "", core)))
        if shared and cands:
            # "Congo" is either Congo; the report's other places decide (focus), else the first
            cands = [c for c in cands if c.kind != "country"] + [
                e for e in (gaz.country(code) for code in shared) if e is not None]
        parents, bracket = pc.parents(text, m.evidence.end)
        nation = None
        if not parents and not demonym:
            # "the Malian village of X": the village lies in that country
            word = pc.nationality_before(text, m.evidence.start, type_words)
            iso = gaz.demonym(word) if word else None
            nation = gaz.country(iso) if iso else None
            if nation is not None:
                parents = [nation.name]
        infos.append({"nation": nation is not None,"coded_as": bool(_CODED_AS.search(text[max(0, m.evidence.start - 60):m.evidence.start])),
                      "m": m, "cands": cands, "demonym": demonym, "facility": facility, "modifier": modifier,
                      "parents": parents, "bracket": bracket, "core": core})
        if demonym:
            # "US dollar", "Turkey backed": a foreign country as an adjective is weak evidence
            # "French forces in Menaka": a nationality says who, rarely where
            focus_votes[demonym] += 0.2 if modifier else 0.5
        countries = [c for c in cands if c.kind == "country"]
        listed = m.sentence in list_sentences
        for c in countries:
            # "Mali, Niger, Mauritania and Chad": a list of countries is background, not where
            focus_votes[c.iso3] += 0.3 if listed else 3 / len(countries) if len(countries) > 1 else 3
        typed = pc.type_after(text, m.evidence.end, type_words)
        a1_countries = {c.iso3 for c in cands if c.kind == "admin1"} if typed == "admin1" else set()
        possessed = bool(re.search(r"['’]s\s*$", text[max(0, m.evidence.start - 3):m.evidence.start]))
        if typed == "admin1" and not a1_countries and not possessed:
            # "Yagha province": GeoNames may file the unit a level down; typed, it still counts
            a1_countries = {c.iso3 for c in cands if c.kind in ("admin1", "admin2")}
        if a1_countries and fold(core) not in seen_cores:
            # "Apure state", "Dahuk governorate": a region named as such places the report
            for iso in a1_countries:
                focus_votes[iso] += 2.5 / len(a1_countries)
        if not any(c.kind == "country" for c in cands) and fold(core) not in seen_cores and not infos[-1]["coded_as"]:
            # (a village a note says it was coded at is often unknown here: its namesakes abroad
            # must not vote)
            # coverage: the country most of the mentions could lie in is the report's country
            # (two villages and a region that only meet in one country)
            weights: dict[str, float] = {}
            key = name_key(core)
            for c in cands:
                w = 1.0 if c.kind in ("admin1", "admin2") or c.population > 100_000 else 0.6
                if name_key(c.name) != key:
                    w *= 0.4  # only an alternate name matched
                elif fold(c.name) != fold(core):
                    w *= 0.8  # another spelling of the name: weaker than the name as written
                weights[c.iso3] = max(weights.get(c.iso3, 0.0), w)
            share = 1.0 if len(weights) <= 3 else 3.0 / len(weights)
            if len(weights) == 1:
                share = 1.5  # a name found in one country only ("Menaka") says much
            # a city or region of that name outweighs hamlets that only share its spelling
            # abroad: the share of a strong candidate is counted among the strong ones
            top = max(weights.values(), default=0.0)
            strong = [] if _compass_only(core) else [
                iso for iso, w in weights.items() if w >= 0.8 and w >= top * 0.99]
            strong_share = 1.0 if len(strong) <= 3 else 3.0 / len(strong)
            for iso, w in weights.items():
                focus_votes[iso] += w * (max(share, strong_share) if iso in strong else share)
        seen_cores.add(fold(core))
        for p in parents:
            for c in gaz.lookup(p, kinds=("admin1", "admin2") if bracket else ("country", "admin1")):
                focus_votes[c.iso3] += 3 if c.kind == "country" else 1
    region_places = _regions(gaz, text, doc, infos)
    for p, iso in region_places:
        focus_votes[iso] += 3  # "central Sinai", "in Darfur": the report's country
    for iso in {iso for _, iso in country_cues(text)}:
        focus_votes[iso] += 3  # "the OSCE SMM observed": a mission that works in one country
    if focus_votes:
        # a tie ("San Salvador" is a region of two countries, and nothing else is said) goes
        # to the country whose namesake is the larger place
        size = Counter()
        for info in infos:
            for c in info["cands"]:
                size[c.iso3] = max(size[c.iso3], c.population)
        focus = max(focus_votes, key=lambda iso: (round(focus_votes[iso], 6), size[iso]))
    else:
        focus = None
    admin1_votes: Counter = Counter()
    for info in infos:
        for c in {c.admin1_idx for c in info["cands"] if c.iso3 == focus}:
            admin1_votes[c] += 1

    # mentions inside another mention's bracket or chain are its context, not event places
    context_spans = []
    for info in infos:
        if info["parents"] and not info["demonym"] and not info["nation"]:  # "the Somali town of X": X is no context
            end = info["m"].evidence.end
            context_spans.append((end, end + 12 + sum(len(p) + 12 for p in info["parents"])))
    out: list[Place] = []
    resolved: list[tuple[Place, Entry]] = []
    gtd_style = bool(_GTD_STAMP.match(text))
    unknown: list[Place] = []  # "the town of X", X not in the gazetteer and no region named with it
    coded: list[Place] = []  # "coded at approximate location as X", X not in the gazetteer
    defer_to: dict[int, int] = {}  # evidence start of a mention -> of the town it defers to
    for info in infos:
        m = info["m"]
        if info["demonym"] and not info["cands"]:
            if info["modifier"]:
                continue  # not where anything happened, and too weak to stand in for a place
            ce = gaz.country(info["demonym"])
            if ce is not None:
                out.append(_fill(m, ce, "country", 0.2, None, near=False))
            continue
        hint = pc.type_after(text, m.evidence.end, type_words) or pc.type_before(text, m.evidence.start, type_words)
        window = text[m.evidence.end:m.evidence.end + 120]
        ctx = pc.context(gaz, info["parents"], info["bracket"], focus)
        if ctx["a2_text"]:
            # a district the text calls one ("Bassa LGA", "(Bassa, Plateau)") binds its towns
            ctx["a2_strict"] = info["bracket"] or bool(re.search(
                re.escape(ctx["a2_text"]) + pc.ADMIN_TYPE.pattern, window, re.I))
        has_ctx = pc.has_ctx(ctx)
        mfold = fold(info["core"])
        best = _best_candidate(info["cands"], info["core"], hint, focus, ctx if has_ctx else None,
                               admin1_votes, resolved)
        near = pc.near(text, m.evidence.start, near_words) or bool(_AROUND_AFTER.match(text, m.evidence.end))
        if best is not None and has_ctx and not pc.within(best, ctx):
            best = None  # the text says where it is and this is not there
        if best is None and has_ctx and (not info["facility"] or info["bracket"]) \
                and not any(c.kind == "country" and (ctx["iso"] in (None, c.iso3) or fold(c.name) == mfold)
                            for c in info["cands"]):
            # a village the gazetteer lacks: its own name, its region's coordinates
            region = ctx["host"] or ctx["a2"] or ctx["a1"]
            if region is None and ctx["iso"]:
                region = gaz.country(ctx["iso"])
            if region is not None and m.text[:1].isupper():
                p = _stand_in(m, region, info["core"] if info["facility"] else m.text, 0.5,
                              2, 3 if region.kind != "admin1" else 4)
                p.facility = m.text if info["facility"] else None
                bracket = pc.BRACKET.match(text, m.evidence.end)
                if region is ctx["host"] and info["bracket"] and bracket \
                        and re.match(r"\s+(?:region|area|mountains?|valley)\b", text[bracket.end():]):
                    # "Metina (Zakho) region": an area with no point of its own is coded at the
                    # town the source gives for it
                    said = [t for t in info["parents"] if any(c.idx == region.idx for c in gaz.lookup(t))]
                    p.name = said[0] if said else region.name
                if ctx["a1"] is not None:
                    p.admin1 = pc.admin1_name(ctx)
                out.append(p)
                resolved.append((p, region))
                if gtd_style and not info["bracket"]:
                    _gtd_city(text, m, info["parents"], ctx, defer_to, placeholder=True)
                continue
        coded_as = info["coded_as"]
        if coded_as and (best is None or focus and best.iso3 != focus):
            coded.append(m)  # "coded at approximate location as Tongomayel": a village GeoNames lacks
            continue
        if best is not None and info["facility"] and focus and best.iso3 != focus and not has_ctx:
            best = None  # "Badush prison": a namesake town abroad; the prison is placed by its town
        if best is None and not has_ctx and not info["cands"] and hint == "city" and focus \
                and not info["facility"] and not info["demonym"] and m.text[:1].isupper():
            unknown.append(m)  # "the town of Bunagana": placed below, as well as the text allows
            continue
        if best is None:
            if info["facility"]:
                out.append(m)  # placed below, through the town that holds it
            continue
        conf = 0.9 if has_ctx else 0.7 if focus in (None, best.iso3) else 0.4
        if focus and best.iso3 != focus and not has_ctx and best.kind != "country" \
                and focus_votes[focus] >= 1.5 * focus_votes[best.iso3] + 0.5:
            conf = 0.25  # a Somali village's namesake in Hungary: not a place of the event
        if best.kind == "city" and not has_ctx and not info["facility"] and conf > 0.44 \
                and _org_modifier(doc, m):
            conf = 0.44  # "Sfax Textile Company", "Tamale residents": whose, not where
        if any(a <= m.evidence.start < b for a, b in context_spans):
            conf = min(conf, 0.35)
        if coded_as:
            conf = CODED_AS  # the note says where the coder placed it
        if _road_end(text, m.evidence.start, m.evidence.end):
            conf = min(conf, ROAD_END)  # "the Bengaluru-Mangaluru highway in Hassan": Hassan
        if best.kind == "country" and m.sentence in list_sentences:
            conf = min(conf, LISTED)  # one of a list of countries: context, not the event's place
        if hint == "admin1" and best.kind in ("admin1", "admin2") and best.iso3 != focus \
                and conf < 0.4 and not any(a <= m.evidence.start < b for a, b in context_spans):
            conf = 0.4  # "Yagha province": a unit the text names as one is a place, if off focus
        line_start = not text[:m.evidence.start].strip() or text[:m.evidence.start].rstrip(" \t").endswith("\n")
        if (m.text.isupper() and len(m.text) > 2 or line_start) and _DATELINE_AFTER.match(text, m.evidence.end):
            conf = min(conf, DEFERRED)  # a wire dateline: where the reporter filed, not the event
        p = _fill(m, best, best.kind, conf, m.text if info["facility"] else None, near)
        if best.kind == "city" and not info["facility"] and name_key(best.name) != name_key(info["core"]) \
                and info["core"][:1].isupper() and not info["core"].isupper():
            p.name = info["core"]  # "Bombay", not GeoNames' "Mumbai": found under another name, the source's
        if hint == "city" and best.kind == "admin2" and not info["facility"]:
            p.name = info["core"]  # "Eyl town": the town, though GeoNames has only its district
        if ctx["a1"] is not None and best.kind in ("city", "admin2"):
            p.admin1 = pc.admin1_name(ctx)  # the region the source names beats GeoNames' own link
        out.append(p)
        resolved.append((p, best))
        if gtd_style and info["parents"] and not info["bracket"] and (ctx["host"] is not None or ctx["a2"] is not None):
            _gtd_city(text, m, info["parents"], ctx, defer_to)
    # a region stands for the place where nothing finer is named (pick_place ranks it last)
    out.extend(p for p, _ in region_places)
    out.extend(_unknown_towns(gaz, unknown, resolved, focus))
    out.extend(_coded_as(coded, resolved, focus))
    out = _defer(_place_facilities(out, text), text)
    for p in out:
        if gtd_style and p.facility:
            p.confidence = min(p.confidence, 0.4)  # GTD codes the town, never the building
        if p.evidence.start in defer_to:
            for q in out:
                if q.evidence.start == defer_to[p.evidence.start] and q.name:
                    p.confidence = min(p.confidence, DEFERRED)
                    q.confidence = max(q.confidence, 0.7)
    return out


def _best_candidate(cands: list[Entry], core: str, hint: str | None, focus: str | None,
                    ctx: dict | None, admin1_votes: Counter, resolved: list) -> Entry | None:
    """The candidate a mention most likely means: its type word, the report's focus, the
    hierarchy the text gives (``ctx``), the regions of the other mentions, population, and
    the towns resolved just before it."""
    best, best_score = None, -1e9
    mfold = fold(core)
    mkey = name_key(core)
    # "Texas", "California", "Ohio": a first-level region (or a country) under its own name
    # outranks small towns of the same name abroad, whatever the report's focus
    big_region = max((c.population for c in cands
                      if c.kind in ("admin1", "country") and fold(c.name) == mfold), default=0)
    # a district of that name in the region, and a small village of that name filed in
    # another of its districts: the district (and its seat, if GeoNames lacks it) is meant
    districts = {(c.admin1_idx, c.idx) for c in cands if c.kind == "admin2" and fold(c.name) == mfold}
    # "near Tillabery": a region's namesake capital inside it is the place, unless the text
    # says region
    own_regions = {c.idx for c in cands if c.kind == "admin1" and name_key(c.name) == mkey}
    for c in cands:
        s = math.log10(c.population + 10)
        if c.kind == "country":
            s += 4  # "Niger", "Georgia": the country, unless the context says otherwise
        elif c.kind == "city" and hint is None:
            s += 0.5
        if hint and c.kind == hint:
            s += 3
        elif hint == "city" and c.kind != "city":
            s -= 2
        elif hint == "admin1" and c.kind == "admin2":
            s += 2  # "Erbil province", "Dahuk governorate": GeoNames files some a level down
        elif hint is None and c.kind == "admin2":
            s -= 1.5  # a bare name is the town more often than its district
        if focus and c.iso3 == focus:
            s += 6
        if c.kind in ("city", "admin2") and big_region >= 500_000 \
                and c.population * 50 < big_region and c.population < 100_000:
            s -= 8
        if ctx is not None:
            s += (-4, 8, 10)[pc.within(c, ctx)]
        s += min(admin1_votes.get(c.admin1_idx, 0), 3) * 0.7
        if c.kind == "city" and hint is None and c.admin1_idx in own_regions:
            s += 1.5
        if c.kind == "city" and c.admin2_idx >= 0 and c.population < 20_000 \
                and any(a1 == c.admin1_idx and a2 != c.admin2_idx for a1, a2 in districts):
            s -= 8  # outweighs "town": "Besiktas town" is the district's own seat
        if fold(c.name) == mfold:
            s += 1
        elif name_key(c.name) != mkey:
            # matched only through an alternate (old, foreign) name: "Donetsk" was once
            # "Aleksandrovka", "Gyor" is "Jeru" somewhere; rarely what a report means
            s -= 2.5
        for _, other in resolved[-5:]:
            if other.kind == "city" and c.kind == "city" and pc.distance(c, other) < 100:
                s += 1
        if s > best_score:
            best, best_score = c, s
    return best


def outlet_spans(text: str, outlet: str | None = None) -> list[tuple[int, int]]:
    """Character spans of news outlets' names in ``text``: the report's own outlet, the outlets
    named in ``place_words.json`` ("Al Jazeera", "Radio France"), and a place name followed by
    an outlet's head word ("FRANCE 24", "Sudan Tribune"). A place name inside one is the outlet
    speaking, not where the event happened."""
    return [m.span() for m in _outlet_pattern(outlet or "").finditer(text)]


@functools.lru_cache(maxsize=64)
def _outlet_pattern(outlet: str) -> re.Pattern:
    words = load_lexicon("place_words")
    names = sorted({*words["outlets"], *([outlet.strip()] if len(outlet.strip()) > 3 else [])},
                   key=len, reverse=True)
    # the head capitalised as a name's is ("Sudan Tribune") or in capitals; a number only after
    # a name in capitals ("FRANCE 24"), as "in Kano 24 people died" is a count
    heads = "|".join(re.escape(f) for h in words["outlet_heads"] if not h.isdigit()
                     for f in sorted({h.capitalize(), h.upper()}))
    numbers = "|".join(re.escape(h) for h in words["outlet_heads"] if h.isdigit())
    named = (rf"(?<![\w-])(?!(?:In|At|On|Near|From|To|Of|The|And|For|By)\b)[A-Z][\w'’-]+"
             rf"(?:[ \t]+[A-Z][\w'’-]+)?[ \t]+(?:{heads})(?![\w-])")
    if numbers:
        named += rf"|(?<![\w-])[A-Z]{{3,}}[ \t]+(?:{numbers})(?![\w-])"
    listed = r"(?<![\w-])(?i:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"
    return re.compile(f"{listed}|{named}")


# region words many countries share: the compass words of a place chain, and a few more
_COMPASS = {w.replace("-?", sep) for w in pc.COMPASS for sep in ("", "-")} | {
    "northeast", "northwest", "southeast", "southwest", "upper", "lower", "middle", "far",
    "region", "province", "state"}


def _compass_only(core: str) -> bool:
    """"South-West", "Northern", "Central": a region word many countries use says little."""
    words = [w for w in re.split(r"[\s\-]+", core.lower()) if w]
    return bool(words) and all(w in _COMPASS for w in words)


def _country_alias(core: str, c: Entry) -> bool:
    """Whether ``core`` names country ``c`` the way English news does: its name, a listed
    variant, an abbreviation ("US", "DRC") or a shortening ("Burkina"); not a foreign exonym
    that merely looks like a village ("Silea")."""
    if name_key(c.name) == name_key(core) or (core.isupper() and len(core) <= 4):
        return True
    f, name = fold(core), fold(c.name)
    if name.startswith(f + " ") or name.endswith(" " + f) or f.startswith(name):
        return True
    names = load_lexicon("place_countries").get("names", {})
    return any(fold(v) == f for vs in names.values() if isinstance(vs, list) for v in vs)


LISTED = 0.28  # below what pick_place uses, above a demonym


def _country_lists(gaz, mentions: list[Place]) -> set[int]:
    """Sentences naming three or more countries ("along with Mali, Niger, Mauritania and
    Chad"): such a list is background to the event, whatever it is about."""
    per: dict[int, set[str]] = {}
    for m in mentions:
        if gaz.demonym(m.text):
            continue
        isos = {c.iso3 for c in gaz.lookup(m.text) if c.kind == "country"}
        if len(isos) == 1:
            per.setdefault(m.sentence, set()).update(isos)
    return {s for s, isos in per.items() if len(isos) >= 3}


def _regions(gaz, text: str, doc, infos) -> list[tuple[Place, str]]:
    """Well-known regions that no gazetteer entry names ("Sinai", "Darfur", "Donbas"), as
    (place, iso3): each names its country, and a first-level unit where it mostly is one."""
    table = load_lexicon("place_countries").get("regions", {})
    # a mention nothing resolved ("Darfur" alone) leaves the region free to be read here
    taken = [(i["m"].evidence.start, i["m"].evidence.end) for i in infos if i["cands"] or i["demonym"]]
    out = []
    for name, value in table.items():
        if name.startswith("_"):
            continue
        iso2, admin1 = value
        for mt in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if any(a <= mt.start() < b for a, b in taken):
                continue
            ce = gaz.country(iso2)
            if ce is None:
                break
            unit = next((c for c in gaz.lookup(admin1, kinds=("admin1", "admin2")) if c.iso3 == ce.iso3), None) \
                if admin1 else None
            sentence = 0
            if doc is not None:
                span = doc.char_span(mt.start(), mt.end(), alignment_mode="expand")
                if span is not None:
                    sentence = next((k for k, s in enumerate(doc.sents) if s.start <= span.start < s.end), 0)
            p = Place(text=mt.group(0), evidence=evidence_at(text, mt.start(), mt.end()), sentence=sentence)
            e = unit or ce
            _fill(p, e, "admin1" if unit is not None else "country", 0.3, None, near=False)
            if unit is not None and unit.kind == "admin2":
                p.admin1 = unit.admin1
            out.append((p, ce.iso3))
            break
    return out


# GTD incident summaries open with their date ("03/27/2011: On Sunday, in ...")
_GTD_STAMP = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{4}\s*:")


def _gtd_city(text: str, m: Place, parents: list[str], ctx: dict, defer_to: dict,
              placeholder: bool = False) -> None:
    """GTD codes the city (municipality) of its "X, City, Province, Country" chain, not the
    village, neighbourhood or area X inside it ("Badaber, Peshawar, Khyber Pakhtunkhwa" ->
    Peshawar); a district or agency named as such is no city ("Jamrud, Khyber agency")."""
    first = parents[0]
    pos = text.find(first, m.evidence.end, m.evidence.end + 60)
    if pos < 0:
        return
    if re.match(r"\s+(?:agency|district|tehsil|county|province|region|state|governorate)\b",
                text[pos + len(first):], re.I):
        return
    host = ctx["host"] or ctx["a2"]
    if host is not None and host.kind == "admin2" and not any(
            c.kind == "city" and c.admin1_idx == host.admin1_idx and name_key(c.name) == name_key(first)
            for c in load_gazetteer().lookup(first)):
        return  # a village in a district named by its own name: a district that is not also a town
    if placeholder and not (ctx["a1_text"] and name_key(ctx["a1_text"]) == name_key(first)):
        defer_to[m.evidence.start] = pos  # a village GeoNames lacks: the town named after it
        return
    if host is None or ctx["a1"] is not None and host is ctx["a1"]:
        return
    if name_key(host.name) != name_key(first) and not any(
            name_key(v) == name_key(first) for v in (host.name.replace(" District", ""),)):
        return
    defer_to[m.evidence.start] = pos



_DEFER_NEAR = re.compile(
    r"\s+(?:area|region|zone|locality|hills?|mountains?|valley)?\s*(?:\(\w[^()]{0,30}\)\s*)?"
    r"(?:near|close\s+to|outside|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|district)\s+of\s+)?$")
_DEFER_IN_TOWN = re.compile(
    r"\s+(?:area|neighbou?rhood|quarter|locality|sector)\s+(?:in|of)\s+(?:the\s+)?$")
_TOWN_AFTER = re.compile(r"\s+(?:town|city)\b")
CODED_AS = 0.95  # an ACLED note's own word on where it coded the event
# "coded at approximate location as X", "coded to X" ("coded as X" names an actor or a number)
_CODED_AS = re.compile(r"\bcoded\s+(?:at|to|in)\s+(?:the\s+)?(?:approximate\s+)?(?:location\s+(?:of|as)\s+)?$"
                       r"|\bcoded\b[^.;]{0,40}\blocation\s+(?:of|as)\s+$", re.I)


def _coded_as(coded: list[Place], resolved: list[tuple[Place, Entry]], focus: str | None) -> list[Place]:
    """A place the note says it was coded at but the gazetteer lacks keeps its name at the
    coordinates of the nearest place its sentence names ("30km east of Djibo, coded at approximate
    location as Tongomayel": Tongomayel, at Djibo, geo_precision 2)."""
    out = []
    for m in coded:
        near = [(p, e) for p, e in resolved if p.sentence == m.sentence and e.iso3 == (focus or e.iso3)
                and p.confidence >= 0.5]
        if not near:
            continue
        p0, e = max(near, key=lambda r: (_SPECIFIC.get(r[1].kind, 0), -abs(r[0].evidence.start - m.evidence.start)))
        out.append(_stand_in(m, e, m.text, CODED_AS, 2, 2 if e.kind == "city" else 3))
    return out


ROAD_END = 0.44  # a town a road is named after: a place if nothing is said to be "in" another
_AROUND_AFTER = re.compile(r"\s+(?:countryside|outskirts|suburbs|environs)\b")


def _road_end(text: str, start: int, end: int) -> bool:
    """Is the mention one end of an "A-B road" name?"""
    after = text[end:end + 80]
    if re.match(r"[-–][A-Z][^\n,.;]{0,50}?\s" + ROAD_WORDS, after):
        return True
    return bool(re.search(r"[A-Za-z][-–]$", text[max(0, start - 2):start])
                and re.match(r"\s+(?:[A-Z]\d+\s+)?" + ROAD_WORDS, after))


UNKNOWN_TOWN = 0.4  # a named town the gazetteer lacks: above a dateline, below any known town
DEFERRED = 0.29  # below pick_place's floor: used only when nothing else is


def _defer(places: list[Place], text: str) -> list[Place]:
    """ "Qarwaz area near Jowhar village", "the Xyzzy area near Hit", "Qarwaz-Goori area
    in Dhobley town": the note codes the event at the town it names the area by (ACLED
    geo_precision 2), so the area itself steps back."""
    for i, p in enumerate(places):
        if p.name is None or i + 1 >= len(places):
            continue
        q = places[i + 1]
        if q.name is None or q.feature not in ("city", "admin2") or q.evidence.start <= p.evidence.end:
            continue
        gap = text[p.evidence.end:q.evidence.start]
        if len(gap) > 60:
            continue
        if _DEFER_NEAR.fullmatch(gap) or (
                _DEFER_IN_TOWN.fullmatch(gap) and _TOWN_AFTER.match(text, q.evidence.end)):
            p.confidence = min(p.confidence, DEFERRED)
            q.confidence = max(q.confidence, 0.7)
    return places


def _unknown_towns(gaz, unknown: list[Place], resolved: list[tuple[Place, Entry]], focus: str) -> list[Place]:
    """"seized the town of Bunagana on the border": a town the text calls one but the gazetteer
    lacks keeps its name, at the coordinates of the finest region its sentence names, else of
    the report's country (geo_precision 3). Its low confidence lets any town the gazetteer
    knows ("near Jowhar town") outrank it."""
    out = []
    for m in unknown:
        regions = [e for p, e in resolved if p.sentence == m.sentence and e.kind in ("admin1", "admin2")
                   and e.iso3 == focus]
        region = max(regions, key=lambda e: e.kind == "admin2") if regions else gaz.capital(focus)
        if region is None:
            continue
        p = _stand_in(m, region, m.text, UNKNOWN_TOWN, *((2, 3) if region.kind == "admin2" else (3, 4)))
        if not regions:
            # only the country is known: its capital's coordinates, but no region we cannot vouch for
            p.admin1 = p.admin2 = None
            p.where_prec = 6
        out.append(p)
    return out


def _stand_in(m: Place, region: Entry, name: str, conf: float, geo: int, where: int) -> Place:
    """A place GeoNames has no entry for, under the name the text gives it, at ``region``'s
    coordinates and with the precision the caller can vouch for. Its geonameid is the region's,
    the entry its coordinates come from: for the country focus it is that region's evidence,
    not another place's."""
    p = _fill(m, region, "admin2" if region.kind == "city" else region.kind, conf, None, near=True)
    p.name, p.feature = name, "city"
    p.geo_precision, p.where_prec = geo, where
    return p


def _fill(m: Place, e: Entry, feature: str, conf: float, facility: str | None, near: bool) -> Place:
    geo, where = _PRECISION[feature]
    if feature == "city" and near:
        geo, where = 2, 2
    m.name = e.name
    m.country, m.iso3 = e.country, e.iso3
    m.admin1 = e.admin1 if feature != "country" else None
    m.admin2 = e.admin2
    m.latitude, m.longitude = round(e.latitude, 5), round(e.longitude, 5)
    m.geonameid, m.feature = e.geonameid, feature
    m.geo_precision, m.where_prec = geo, where
    m.facility, m.confidence = facility, conf
    return m


_NAMED_AREAS = {"area", "crossing", "frontline", "valley", "mountain", "mountains", "hill", "hills",
                "plain", "plains", "forest"}


def _place_facilities(places: list[Place], text: str) -> list[Place]:
    """A facility not in the gazetteer takes the town that follows it ("X prison in Hasakah",
    "X jail, Hasakeh city", "the X district of Aleppo") or, failing that, precedes it."""
    out = []
    for i, p in enumerate(places):
        if p.name is not None:
            out.append(p)
            continue
        host, host_after = None, False
        for q in places[i + 1:]:
            gap = text[p.evidence.end:q.evidence.start]
            if q.name and q.feature == "city" and len(gap) < 12 and re.fullmatch(r"[\s,]*(?:in|of|at|near|outside)?(?:\s+the)?[\s,]*", gap):
                host, host_after = q, True  # "X area of Bagcilar": the town is the place
                break
        if host is None:
            for q in places[i + 1:]:
                gap = text[p.evidence.end:q.evidence.start]
                if q.name and q.feature in ("city", "admin2") and q.sentence == p.sentence and len(gap) < 50 \
                        and re.match(r"[\s,]*(?:\([^()]*\)\s*)?(?:in|of|at|near)\b", gap) \
                        and not (q.feature == "admin2" and _has_seat(q)) \
                        and not (q.feature == "city" and re.match(r"\s+(?:district|county|municipality)\b", text[q.evidence.end:])):
                    host = q  # "Al Qasr area of Khanfir district", "the Tal Abyad crossing in the
                    # northern countryside of Raqqa": placed by the unit that follows, which
                    # is then its context rather than the event's place
                    q.confidence = min(q.confidence, 0.35)
                    break
        if host is None:
            for q in reversed(places[:i]):
                if q.name and q.feature == "city" and q.sentence == p.sentence:
                    host = q
                    break
        if host is None:
            continue
        for attr in ("name", "country", "iso3", "admin1", "admin2", "latitude", "longitude",
                     "geonameid", "feature", "geo_precision", "where_prec"):
            setattr(p, attr, getattr(host, attr))
        # the facility is the event's place even when its town was only named as context
        p.facility, p.confidence = p.text, max(host.confidence, 0.7)
        words = p.text.split()
        town_host = host_after and host.feature == "city" and not any(
            c.kind == "admin1" for c in load_gazetteer().lookup(host.text))
        if len(words) > 1 and words[-1].lower() in _NAMED_AREAS and words[0][:1].isupper() \
                and not _GTD_STAMP.match(text) and not town_host:
            # "the Qaryatayn area in Homs", "the Tal Abyad crossing": ACLED names the area itself,
            # at its town's coordinates (geo_precision 2); a town of its own still comes first
            p.name = re.sub(r"^(?:the|The)\s+", "", " ".join(words[:-1]))
            p.geo_precision, p.where_prec = 2, 2
            p.confidence, p.feature = 0.44, "city"
        out.append(p)
    return out


def _has_seat(q: Place) -> bool:
    """Whether a district shares its name with a town in it ("Qalat district", "Mardin
    district"): ACLED codes an area of such a district at that town, not the area itself."""
    key = name_key(q.text)
    gaz = load_gazetteer()
    for c in gaz.lookup(q.text):
        if c.kind == "city" and c.iso3 == q.iso3 and c.admin1 == q.admin1 and (
                name_key(c.name) == key or fold(c.name).startswith(fold(q.text) + " ")):
            return True
    return False


def country_cues(text: str) -> list[tuple[re.Match, str]]:
    """Missions and monitors that work in one country only ("the OSCE SMM", "UNAMA"), with
    the ISO3 of that country (data/country_cues.json)."""
    cues = {k: v for k, v in load_lexicon("country_cues")["cues"].items()}
    pattern = _cue_pattern(tuple(sorted(cues, key=len, reverse=True)))
    return [(m, cues[m.group(0)]) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=1)
def _cue_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def implied_country(report: Report, places: list[Place], actors, sentences: list[tuple[int, int]]) -> Place | None:
    """A country-level place for a report in which no place resolved: the country its
    missions or monitors work in, else the one its catalogue actors (a national army, a rebel
    group of one country) belong to; evidence is the cue or the actor's span."""
    if any(p.name and p.confidence >= 0.3 for p in places):
        return None
    gaz = load_gazetteer()
    text = report.clean_text
    found = country_cues(text)
    if found:
        m, iso = found[0]
        span = (m.start(), m.end())
    else:
        votes: Counter = Counter()
        first: dict = {}
        for a in actors:
            if a.country and not a.generic and a.role != "source":
                votes[a.country] += 1
                first.setdefault(a.country, (a.evidence.start, a.evidence.end))
        if not votes:
            return None
        (iso, n), *rest = votes.most_common(2) + [(None, 0)]
        if rest and rest[0][1] == n:
            return None  # two countries' forces: no telling where
        span = first[iso]
    entry = gaz.country(iso)
    if entry is None:
        return None
    p = Place(text=text[span[0]:span[1]], evidence=evidence_at(text, *span))
    p = _fill(p, entry, "country", 0.3, None, near=False)
    p.sentence = next((i for i, (s0, s1) in enumerate(sentences) if s0 <= span[0] < s1), 0)
    return p


def country_focus(places: list[Place]) -> str | None:
    """The ISO3 of the country the report is about: the most mentioned, specific places
    weighing more than demonyms."""
    votes: Counter = Counter()
    best: dict = {}
    for p in places:  # a place named twice is one piece of evidence: its best reading counts
        if p.iso3:
            k = p.geonameid or p.name
            if k not in best or p.confidence > best[k].confidence:
                best[k] = p
    for p in best.values():
        if p.iso3:
            # a place placed by its own bracket or chain (0.9) says more than a bare name
            # (0.4-0.7); a demonym or an off-focus namesake (< 0.3) least
            c = p.confidence
            votes[p.iso3] += 0.3 if c < 0.3 else 0.7 if c < 0.45 else 3.0 if c >= 0.85 else 1.0
    return votes.most_common(1)[0][0] if votes else None


def pick_place(places: list[Place], sentence: int) -> Place | None:
    """The best place for an event whose trigger is in ``sentence``; a report that names only
    a country is coded at its capital (ACLED geo_precision 3), as ACLED does."""
    p = _pick(places, sentence)
    if p is not None and p.feature == "country" and p.iso3:
        cap = load_gazetteer().capital(p.iso3)
        if cap is not None:
            p = dataclasses.replace(p, name=cap.name, admin1=cap.admin1, admin2=cap.admin2,
                                    latitude=round(cap.latitude, 5), longitude=round(cap.longitude, 5),
                                    geonameid=cap.geonameid, feature="country",
                                    geo_precision=3, where_prec=6)
    return p


def _pick(places: list[Place], sentence: int) -> Place | None:
    focus = country_focus(places)
    usable = [p for p in places if p.name and p.confidence >= 0.3 and (focus is None or p.iso3 == focus)]
    if not usable:
        usable = [p for p in places if p.name]
    if not usable:
        return None

    def rank(p: Place):
        return (_SPECIFIC.get(p.feature or "", 0) >= 2, p.confidence >= 0.45,
                _SPECIFIC.get(p.feature or "", 0), p.facility is not None, -p.evidence.start)

    coded = [p for p in usable if p.confidence >= CODED_AS]
    if coded:
        return coded[0]  # the note says where it was coded
    same = [p for p in usable if p.sentence == sentence and _SPECIFIC.get(p.feature or "", 0) >= 2]
    if same:
        return max(same, key=rank)
    earlier = [p for p in usable if p.sentence < sentence and _SPECIFIC.get(p.feature or "", 0) >= 2]
    if earlier:
        s = max(p.sentence for p in earlier)
        return max((p for p in earlier if p.sentence == s), key=rank)
    specific = [p for p in usable if _SPECIFIC.get(p.feature or "", 0) >= 2]
    if specific:
        counts = Counter(p.geonameid for p in specific)
        return max(specific, key=lambda p: (counts[p.geonameid], rank(p)))
    return max(usable, key=lambda p: (_SPECIFIC.get(p.feature or "", 0), p.sentence <= sentence, rank(p)))


_HYPHEN_MODIFIER = re.compile(r"[-‐–]\s?(?!(?:al|el|ez|es|ash|as|ad|ar|an|at|az|ul|un|ed|er)\b)[a-z]{3,}")


_ORG_WORDS = frozenset(
    "company corporation corp university college bank club council residents inhabitants "
    "natives airline airlines port authority refinery".split())


def _org_modifier(doc, m: Place) -> bool:
    """Whether a town names whose (an organisation, its residents) rather than where: "Sfax
    Textile Company", "Tamale residents"; never after a locative preposition."""
    if doc is None:
        return False
    span = doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("in", "at", "near", "from", "to", "into", "of", "outside", "around"):
        return False
    for tok in doc[span.end:span.end + 3]:
        if not tok.is_alpha:
            return False
        if tok.lower_ in _ORG_WORDS:
            return True
        if not tok.text[:1].isupper():
            return False
    return False


def _modifier(doc, m: Place, type_words, facility_words) -> bool:
    """Whether a country mention is used as an adjective ("Turkey backed", "US dollar") rather
    than as the place where something happened."""
    if doc is None:
        return False
    span = doc.char_span(m.evidence.start, m.evidence.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    tok, nxt = span[-1], doc[span.end]
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("in", "at", "near", "from", "to", "into", "of"):
        return False
    if nxt.lower_ in type_words or nxt.lower_ in facility_words:
        return False
    return (nxt.text[:1].islower() and nxt.is_alpha and tok.head.i > tok.i
            and tok.dep_ in ("compound", "npadvmod", "amod", "nmod"))
