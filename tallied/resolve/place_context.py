"""Where the text itself says a place lies: an ACLED bracket "Dinsoor town (Dinsoor, Bay)", a
chain "Mardan town, Mardan district, Khyber Pakhtunkhwa province, Pakistan", "the town of X in
Y province", "in western Niger's Tillaberi region". :func:`parents` reads those names after a
mention; :func:`context` resolves them to the admin1/admin2/town/country the mention must lie
in; :func:`within` says whether a candidate does.
"""
from __future__ import annotations

import re

from ..resources import load_lexicon
from .gazetteer import km, Entry, fold

# a news agency's credit after a dateline: "(AP)", "(Reuters)", "(AFP/Getty)"
CREDIT = re.compile(r"[A-Z]{2,6}(?:[/ ][A-Za-z]+)?|Reuters|Xinhua|Anadolu|Bernama|Interfax|Kyodo|Yonhap"
                    r"|Sputnik|Bloomberg|[A-Z][a-z]+ (?:Wire|News|Agency|Press)")
BRACKET = re.compile(r"\s*(?:town|city|village|district|territory|area|LGA|region)?\s*\(([^()]{2,80})\)")
_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]*)\.?$")
_ADMIN_WORDS = (r"local[ \t]+government[ \t]+area|local[ \t]+government|LGA|town|city|village|"
                r"sub-?district|district|territory|province|governorate|state|region|agency|"
                r"municipality|county|department|prefecture|oblast|raion|rayon|commune|"
                r"circle|cercle|zone|woreda|wilaya")
ADMIN_TYPE = re.compile(r"[ \t]+(?:" + _ADMIN_WORDS + r")\b", re.I)
_OF_REGION = re.compile(r"[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)?)(?=[ \t]+(?:"
                        + _ADMIN_WORDS + r")\b|[ \t]*[,.;:)]|[ \t]*$|[ \t]+[a-z])")
COMPASS = ("north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
           "north-?eastern", "north-?western", "south-?eastern", "south-?western")
_DIRECTION = r"(?:(?:far[ \t-]|the[ \t]+)?(?:" + "|".join(COMPASS) + r")[ \t]+)?"
# "in western Niger's Tillaberi region", "in Oromia's East Wollega zone": the unit and its owner
_IN_POSSESSIVE = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?" + _DIRECTION
                            + r"([A-Z][\w\-]+(?:[ \t]+[A-Z][\w\-]+)?)['’]s[ \t]+" + _DIRECTION
                            + r"([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){0,2}?)(?:[ \t]+(?:" + _ADMIN_WORDS + r")\b|(?=[\s,.;:]*$|[,.;:]|\s+[a-z]))")
_IN_REGION = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?" + _DIRECTION + r"([A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)?)(?:[ \t]+(?:" + _ADMIN_WORDS + r")\b|(?=[\s,.;:]*$|[,.;:]|\s+[a-z]))")
_CHAIN_ITEM = re.compile(r",[ \t]*((?:[A-Z][\w'’\-]*)(?:[ \t]+(?:[A-Z][\w'’\-]*|al|el|de|del|do|da|dos|das|of|du|la|wa|-|and(?=[ \t]+[A-Z]))(?![\w'’\-]))*)")


def words():
    return load_lexicon("place_words")


def type_after(text: str, end: int, type_words: dict) -> str | None:
    m = re.match(r"\s+([A-Za-z\-]+)", text[end:end + 30])
    return type_words.get(m.group(1).lower()) if m else None


def type_before(text: str, start: int, type_words: dict) -> str | None:
    m = re.search(r"\b([A-Za-z\-]+)\s+of\s+(?:the\s+)?$", text[max(0, start - 30):start])
    return type_words.get(m.group(1).lower()) if m else None


_NATION_TOWN_OF = re.compile(r"(?<![\w-])([A-Z][\w'’\-]+)[ \t]+([a-z]+)[ \t]+of[ \t]+$")


def nationality_before(text: str, start: int, type_words: dict) -> str | None:
    """ "the Malian village of X", "the Somali town of X": the adjective before the
    settlement word, which says what country the settlement lies in (the caller checks that it
    is a demonym)."""
    m = _NATION_TOWN_OF.search(text[max(0, start - 60):start])
    return m.group(1) if m and type_words.get(m.group(2)) == "city" else None


def parents(text: str, end: int) -> tuple[list[str], bool]:
    """Names of the regions a mention is said to lie in: "(A, B)" or ", A district, B, C";
    and whether they came in an ACLED bracket (which never names the country)."""
    m = BRACKET.match(text, end)
    if m and CREDIT.fullmatch(m.group(1).strip()):
        return [], False  # "MOGADISHU (AP) -": a wire credit, not a district
    if m:
        parts = [p.strip() for p in re.split(r"[,/]", m.group(1)) if p.strip()]
        parts = [re.sub(r"\s+(LGA|district|region|province|state)$", "", p, flags=re.I) for p in parts]
        return [p for p in parts if p[:1].isupper()], True
    out, pos = [], end
    m = re.match(r"\s+(?:barangay|area|neighbou?rhood|(?:town|city)[ \t]+cent(?:er|re)|outskirts|suburbs?)\b",
                 text[pos:]) or ADMIN_TYPE.match(text, pos)
    if m:
        pos = m.end() if m.re is ADMIN_TYPE else pos + m.end()
    for _ in range(4):
        m = _CHAIN_ITEM.match(text, pos)
        if not m or _MONTH.match(m.group(1)):
            break  # "GOMA, Oct 8 (Reuters)": a dateline's date, not a region
        name = re.sub(r"\s+(District|Territory|Province|State|Region|Governorate|Agency|LGA)$", "", m.group(1))
        out.append(name)
        pos = m.end()
        t = ADMIN_TYPE.match(text, pos)
        if t:
            pos = t.end()
            # "Bassa local government area of Plateau state": the unit above follows "of"
            of = _OF_REGION.match(text, pos)
            if of:
                out.append(of.group(1))
                pos = of.end()
                t = ADMIN_TYPE.match(text, pos)
                if t:
                    pos = t.end()
    if not out:
        # "the town of Khan Arnabah in Quneitra province", "Cizre town of Mardin", and a chain after
        # it: "Qarwazpur village in Gaya, Bihar, India"
        m = _IN_POSSESSIVE.match(text, pos)
        if m:
            return [m.group(2), m.group(1)], False
        m = _IN_REGION.match(text, pos)
        if m:
            out.append(m.group(1))
            pos = m.end()
            of = _OF_REGION.match(text, pos)
            if of and m.group(0).rstrip()[-1:].isalpha() and ADMIN_TYPE.search(m.group(0)):
                out.append(of.group(1))  # "in Bassa LGA of Plateau state"
                pos = of.end()
            for _ in range(3):
                m = _CHAIN_ITEM.match(text, pos)
                if not m:
                    break
                out.append(re.sub(r"\s+(District|Province|State|Region|Governorate|Agency|LGA)$", "", m.group(1)))
                pos = m.end()
    # "Bassa LGA", "Plateau State": the unit's name without its type word
    out = [re.sub(r"[ \t]+(?:LGA|District|Province|State|Region|Governorate|County|Oblast|Raion)$", "", p) or p
           for p in out]
    return out, False


def context(gaz, parents: list[str], bracket: bool, focus: str | None) -> dict:
    """The admin1/admin2 (and country) a mention's bracket or chain puts it in."""
    ctx = {"a1": None, "a2": None, "host": None, "iso": None, "a1_text": None, "a2_text": None,
           "a2_strict": False}
    items = [gaz.lookup(p) for p in parents]
    if not bracket:
        for cands in reversed(items):
            countries = [c for c in cands if c.kind == "country"]
            if countries:
                ctx["iso"] = countries[0].iso3
                break
    iso = ctx["iso"] or focus
    # "Mzuzu (Mzimba, Northern)": when another item of the chain lies in the report's country,
    # a region word that also names regions abroad ("Northern", "Central") is that country's,
    # never a namesake region of another country
    held = {n for n, cands in enumerate(items)
            if iso is not None and any(c.iso3 == iso and c.kind in ("admin1", "admin2") for c in cands)}

    def pick(cands, kind, cond=lambda c: True, n=-1):
        pool = [c for c in cands if c.kind == kind and cond(c)]
        in_iso = [c for c in pool if c.iso3 == iso]
        # a country the text names is binding; a focus guessed from the text is not, unless
        # another item of the chain is a region of it
        pool = in_iso if (in_iso or ctx["iso"] or held - {n}) else pool
        if not in_iso and focus and kind == "city":
            # "in northern Kordofan": a small namesake town abroad is not the region
            pool = [c for c in pool if c.population >= 100_000]
        return max(pool, key=lambda c: c.population) if pool else None
    a1_item = -1
    for n in range(len(items) - 1, -1, -1):
        cands = items[n]
        if ctx["iso"] and any(c.kind == "country" and c.iso3 == ctx["iso"] for c in cands):
            continue  # the country itself ("Mexico"), not its namesake state
        a1 = pick(cands, "admin1", n=n)
        if a1 is not None:
            ctx["a1"], a1_item = a1, n
            ctx["a1_text"] = parents[n]
            break
    a1 = ctx["a1"]
    inside = (lambda c: c.admin1_idx == a1.idx) if a1 else (lambda c: True)
    # the item that named the region is not also a town the mention lies next to
    # ("Qarwazivka, Donetsk": the oblast, not Donetsk city)
    for n, cands in ((n, it) for n, it in enumerate(items) if n != a1_item):
        if ctx["iso"] and any(c.kind == "country" and c.iso3 == ctx["iso"] for c in cands):
            continue  # "near Cucuta, Colombia": the country, not its namesake municipality
        a2 = pick(cands, "admin2", inside, n)
        if a2 is not None and a2 is not a1:
            ctx["a2"] = a2
            ctx["a2_text"] = parents[n]
            break
        host = pick(cands, "city", inside, n)
        if host is not None:
            ctx["host"] = host
            break
    if a1 is None and ctx["a2"] is not None and ctx["a2"].admin1_idx >= 0:
        # a district named alone lies in GeoNames' first-level unit ("San Jose in Occidental
        # Mindoro province": Mimaropa; Kurdistan's governorates are first-level in the index)
        ctx["a1"] = gaz.entry(ctx["a2"].admin1_idx)

    if ctx["iso"] is None:
        for k in ("a1", "a2", "host"):
            if ctx[k] is not None:
                ctx["iso"] = ctx[k].iso3
                break
    return ctx


def admin1_name(ctx: dict) -> str | None:
    text = ctx.get("a1_text")
    if text and text[:1].isupper():
        return text
    return ctx["a1"].name if ctx["a1"] is not None else None


def within(c: Entry, ctx: dict) -> int:
    """2: inside the context's admin2 (or host town's); 1: inside its admin1 or country; 0: not."""
    if ctx["iso"] and c.iso3 != ctx["iso"]:
        return 0
    if ctx["a1"] is not None and c.admin1_idx != ctx["a1"].idx and c.idx != ctx["a1"].idx:
        return 0
    for k in ("a2", "host"):
        e = ctx[k]
        if e is not None and (c.admin2_idx == e.idx or (c.admin2_idx >= 0 and c.admin2_idx == e.admin2_idx) or c.idx == e.idx):
            return 2
    a2 = ctx["a2"]
    if a2 is not None and ctx["a2_strict"] and c.kind == "city" and c.admin2_idx >= 0 and c.admin2_idx != a2.idx \
            and distance(c, a2) > 60:
        # "Miango, Bassa LGA": a namesake filed in another district far off is another place
        return 0
    if ctx["a1"] is None:
        # "Barangay Qarwaz, Midsayap, Cotabato": only a town or district was named; a namesake
        # at the other end of the country is not in it
        e = ctx["host"] or ctx["a2"]
        if e is not None and c.kind == "city" and distance(c, e) > 60:
            return 0
    return 1


def has_ctx(ctx: dict) -> bool:
    return any(ctx[k] is not None for k in ("a1", "a2", "host", "iso"))


def near(text: str, start: int, near_words) -> bool:
    before = fold(text[max(0, start - 40):start]).split()[-4:]
    return any(w in near_words for w in before)


def distance(a: Entry, b: Entry) -> float:
    return km(a.latitude, a.longitude, b.latitude, b.longitude)


