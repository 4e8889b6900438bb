"""Toponym mentions: spaCy's GPE/LOC/FAC entities plus gazetteer matches in context.

spaCy's small model misses or mislabels many conflict-zone toponyms ("Gwoza", "Kukawa"
come out as PERSON or nothing), so capitalised token runs are also looked up in the gazetteer.
A run that is not an NER place is kept only with evidence that it is one: a cue before it ("in",
"near", "village of"), a type word after it ("X town", "X district"), an ACLED-style bracket
"X (District, Region)" or a GTD-style chain "X, District, Province, Country", or, with no cue,
a large population. Stop words (weekdays, titles, common words) are never places.

Facilities ("Ghwayran prison", "the Sheikh Maqsoud district") are emitted with their type word
so the resolver can place them in the town that holds them.

Output: unresolved :class:`Place` mentions with ``text``, ``evidence`` and ``sentence``.
"""
from __future__ import annotations

import re

from ..models import Place, Report, evidence_at
from ..nlp.text import doc_text
from ..resources import load_gazetteer, load_lexicon
from ..resolve.gazetteer import fold

MAX_RUN = 7  # longest toponym in tokens (a region named "A - B - C - D" is split by dashes)
_CONNECTORS = {"al", "el", "ad", "as", "ash", "ar", "at", "az", "an", "de", "del", "la", "le",
               "du", "des", "wa", "bin", "ben", "abu", "ez", "es", "ul", "-", "'s"}
_ARTICLE_START = {"al", "el", "ad", "as", "ash", "ar", "at", "az", "an", "ez", "es", "ed", "en"}


def _words():
    w = load_lexicon("place_words")
    return (
        frozenset(w["stop"]),
        {t: kind for kind, ts in w["type_words"].items() for t in ts},
        frozenset(w["facility_words"]),
        frozenset(w["cue_words"]),
        w,
    )


def _is_cap(tok) -> bool:
    # acronyms ("SNA", "IED", "JWS") are organisations and weapons far more often than places
    t = tok.text
    return t[:1].isupper() and not (t.isupper() and len(t) > 1)


def find_places(doc, report: Report) -> list[Place]:
    """Unresolved place mentions of ``doc`` (whose text is ``report.clean_text``)."""
    gaz = load_gazetteer()
    stop, type_words, facility_words, cue_words, conf = _words()
    text = report.clean_text
    sent_of = {}
    for si, sent in enumerate(doc.sents):
        for tok in sent:
            sent_of[tok.i] = si

    taken = [False] * len(doc)
    out: list[tuple[int, int, int]] = []  # char start, end, sentence

    def emit(start_tok: int, end_tok: int) -> None:
        span = doc[start_tok:end_tok]
        if not span.text.strip():
            return
        for i in range(start_tok, end_tok):
            taken[i] = True
        out.append((span.start_char, span.end_char, sent_of.get(start_tok, 0)))

    def facility_end(end_tok: int) -> int:
        # "Ghwayran prison", "Sheikh Maqsoud district": keep the type word with the name
        if end_tok < len(doc) and doc[end_tok].lower_ in facility_words:
            return end_tok + 1
        return end_tok

    # countries the text names: a town there needs less population to count without a cue
    named = set()
    for tok in doc:
        if tok.text[:1].isupper():
            for k in gaz.ids(tok.text):
                if gaz.kinds[k] == 0:
                    named.add(gaz.country_of[k])
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and " " in ent.text:
            for k in gaz.ids(ent.text):
                if gaz.kinds[k] == 0:
                    named.add(gaz.country_of[k])
    conf = dict(conf, _named=named)

    # 0. "the Abuja-Kaduna highway", "the Homs-Hama road": a road names the towns it joins
    for m in _ROAD_PAIR.finditer(text):
        for a, b in _road_ends(gaz, m):
            span = doc.char_span(a, b, alignment_mode="contract")
            if span is not None and not any(taken[t.i] for t in span):
                emit(span.start, span.end)

    # 1. NER places; "Zacatecas, Zacatecas" and "Karbi Anglong, Assam" tagged as one entity
    # are a place and the region it lies in, each a mention of its own
    parts = []
    for ent in doc.ents:
        if ent.label_ not in conf["entity_labels"]:
            continue
        start = ent.start
        for t in ent:
            if t.text == "," and t.i > start:
                parts.append((doc[start:t.i], ent))
                start = t.i + 1
        if start < ent.end:
            parts.append((doc[start:ent.end], ent))
    for part, ent in parts:
        s, e = part.start, part.end
        while s < e and doc[s].lower_ in ("the", "a"):
            s += 1
        while e - s > 1 and doc[e - 1].lower_ in ("'s", "’s", "'", "’"):
            e -= 1  # "Adamawa's Mubi": the region, not its possessive
        while e - s > 1 and doc[e - 1].lower_ in type_words and not _own_name(gaz, doc[s:e].text):
            e -= 1  # "Kandahar city": the name, the type word stays in the text for resolve
        if s >= e or all(t.lower_ in stop for t in doc[s:e]):
            continue
        # "[Qarwaz] Cali Buule village (Balcad, ...)": the NER split one name in two
        k = e
        while k < len(doc) and k - e < 3 and _is_cap(doc[k]) and doc[k].lower_ not in stop:
            k += 1
        if k > e and _bracket_follows(doc, k, gaz):
            e = k
        if text[part.end_char:part.end_char + 1] == "-":
            continue  # "US-backed", "Kurdish-led": a modifier, not where anything happened
        if not gaz.ids(doc[s:e].text) and doc[e - 1].lower_ not in facility_words:
            if _bracket_follows(doc, e, gaz):
                # "Qarwaz [Cali Buule] village (Balcad, ...)": the NER clipped the name
                while s > 0 and s > ent.sent.start and _is_cap(doc[s - 1]) and doc[s - 1].lower_ not in stop \
                        and not doc[s - 1].is_stop and not taken[s - 1] and part.start - s < 2:
                    s -= 1
            e2 = facility_end(e)
            if e2 == e and not _has_cue(doc, s, cue_words, type_words) and not _bracket_follows(doc, e, gaz):
                continue  # an NER place the gazetteer does not know, with no cue: too risky
            e = e2
        emit(s, e)

    # 2. capitalised runs the NER missed
    i = 0
    while i < len(doc):
        # "in al Bab", "in al-Mayadin": a lower-case article opens the name after a cue
        article = (not taken[i] and doc[i].lower_ in _ARTICLE_START and i > 0
                   and doc[i - 1].lower_ in cue_words and _joins(doc, i))
        if not taken[i] and doc[i].lower_ in stop and _is_cap(doc[i]) and _chained(doc, i, gaz):
            emit(i, i + 1)  # "in Hassan, Karnataka": a name we keep off the map unless placed so
            i += 1
            continue
        if not article and (taken[i] or not _is_cap(doc[i]) or (doc[i].lower_ in stop or doc[i].is_stop) and not _cap_next(doc, i)):
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < MAX_RUN and not taken[j] and (
            _is_cap(doc[j]) or (doc[j].lower_ in _CONNECTORS and (j > i or article) and _joins(doc, j))
        ):
            j += 1
        matched = _match_run(doc, i, j, gaz, stop, type_words, facility_words, cue_words, conf)
        if matched:
            emit(*matched)
            i = matched[1]
        else:
            i += 1

    # 3. demonyms, for the country focus only (resolve marks them); a headline's country
    # dateline in capitals ("RCA : Bria, ...", "SYRIA: ...")
    for tok in doc:
        if not taken[tok.i] and tok.text.isupper() and len(tok.text) > 1 and tok.i + 1 < len(doc) \
                and doc[tok.i + 1].text == ":" and any(gaz.kinds[k] == 0 for k in gaz.ids(tok.text)):
            out.append((tok.idx, tok.idx + len(tok.text), sent_of.get(tok.i, 0)))
            taken[tok.i] = True
    # a wire dateline: "GOMA, Oct 8 (Reuters) -", "BAGHDAD (AP) --" at a line's start
    for m in _DATELINE.finditer(text):
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None or any(taken[t.i] for t in span):
            continue
        name = m.group(1).title()
        if any(gaz.kinds[k] in (0, 1, 3) and gaz.pops[k] >= 1000 for k in gaz.ids(name)):
            out.append((m.start(1), m.end(1), sent_of.get(span.start, 0)))
            for t in span:
                taken[t.i] = True
    for tok in doc:
        if not taken[tok.i] and _is_cap(tok) and gaz.demonym(tok.text):
            out.append((tok.idx, tok.idx + len(tok.text), sent_of.get(tok.i, 0)))

    out.sort()
    return [Place(text=text[s:e], evidence=evidence_at(text, s, e), sentence=si)
            for s, e, si in out]


ROAD_WORDS = r"(?:road|highway|motorway|route|expressway|railway|pipeline)\b"
_ROAD_PAIR = re.compile(
    r"\b([A-Z][\w'’]+(?:[ \t]+(?:[A-Z][\w'’]+|al|el|as|ash|ad|an|ar|at|az)){0,3}"
    r"(?:[-–][A-Z][\w'’]+(?:[ \t]+(?:[A-Z][\w'’]+|al|el)){0,3})+)"
    r"(?=[ \t]+(?:[A-Z]\d+[ \t]+)?" + ROAD_WORDS + ")")


def _road_ends(gaz, m) -> list[tuple[int, int]]:
    """Character spans of the two towns an "A-B road" joins; the split the gazetteer knows
    ("the Ras al-Ain-Tell Tamer road" has two hyphens) is preferred, else the first hyphen."""
    whole, base = m.group(1), m.start(1)
    cuts = [i for i, ch in enumerate(whole) if ch in "-–"]
    best, best_score = None, -1
    for c in cuts:
        left, right = whole[:c].strip(), whole[c + 1:].strip()
        score = 2 * bool(gaz.ids(left)) + bool(gaz.ids(right))
        if score > best_score:
            best, best_score = c, score
    if best is None:
        return []
    return [(base, base + best), (base + best + 1, base + len(whole))]


# what follows a wire dateline's town: "GOMA, Oct 8", "BAGHDAD (AP)", "ADEN, Yemen (Reuters) -",
# "KABUL -" (shared with resolve, which lowers such a town's weight)
DATELINE_TAIL = (r"(?:,[ \t]*[A-Z][\w.]+(?:[ \t]+[A-Z][\w.]+)?)?(?:,?[ \t]*(?:\(|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
                 r"|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}\b)|[ \t]+[-–—]{1,2}[ \t])")
_DATELINE = re.compile(r"(?:^|\n|[.!?]\s+)([A-Z][A-Z'\-]{2,}(?:[ \t][A-Z][A-Z'\-]{1,}){0,2})(?=" + DATELINE_TAIL + ")")


_BRACKET_AFTER = re.compile(
    r"\s*(?:town|city|village|villages|area|district|LGA|region|locality|neighbou?rhood)?\s*\(([A-Z][^(),/]{1,40})(?:[,/]\s*([A-Z][^(),/]{1,40}))?\)")


def _bracket_follows(doc, end_tok: int, gaz) -> bool:
    """ "Qarwazi (Busoni, Ngozi)", "Qarwazow village (Jamaame, Lower Juba)": an ACLED bracket
    naming a known district or region says the run before it is a place."""
    if end_tok >= len(doc):
        return False
    m = _BRACKET_AFTER.match(doc_text(doc), doc[end_tok - 1].idx + len(doc[end_tok - 1].text))
    if not m:
        return False
    # the district may be missing from the gazetteer where the region is not ("Qarwazow town
    # (Jamaame, Lower Juba)")
    for part in (m.group(1), m.group(2)):
        if part and gaz.ids(re.sub(r"\s+(LGA|district|region|province|state)$", "", part.strip(), flags=re.I)):
            return True
    return False


def _own_name(gaz, text: str) -> bool:
    """ "Quezon City", "Kuwait City", "Guatemala City": the type word is part of the name."""
    f = fold(text)
    full = max((gaz.pops[k] for k in gaz.ids(text) if fold(gaz.names[k]) == f and gaz.kinds[k] == 3), default=-1)
    short = " ".join(text.split()[:-1])
    fs = fold(short)
    bare = max((gaz.pops[k] for k in gaz.ids(short) if fold(gaz.names[k]) == fs), default=-1) if short else -1
    return full >= 0 and full > bare  # "Marawi City" is Marawi; "Quezon City" is not Quezon


def _country_name(gaz, span, conf) -> bool:
    """ "Burkina Faso", "Mali" mislabelled PERSON: a country under its own name is the country,
    unless the name is a common given name too ("Chad", "Jordan", "Georgia")."""
    f = fold(span.text)
    if f in conf.get("given_name_countries", ()):
        return False
    return any(gaz.kinds[k] == 0 and fold(gaz.names[k]) == f for k in gaz.ids(span.text))


def _joins(doc, j: int) -> bool:
    """Connector tokens at ``j`` lead to a capitalised token: "Deir - ez - Zor", "Tell al Abyad"."""
    k = j
    while k < len(doc) and k - j < 4 and doc[k].lower_ in _CONNECTORS:
        k += 1
    return k < len(doc) and k > j and _is_cap(doc[k])


def _cap_next(doc, i: int) -> bool:
    return i + 1 < len(doc) and _is_cap(doc[i + 1])


def _location_as(doc, i: int) -> bool:
    """"coded at approximate location as Tongomayel": an ACLED note names where it coded."""
    return i > 1 and doc[i - 1].lower_ == "as" and doc[i - 2].lower_ == "location"


def _typed_town(doc, i: int, end: int, type_words) -> str | None:
    """"the town of X" ("before"), "X village" ("after"): the text itself says the name is a
    settlement's. Only "the village of" overrides a named-entity label ("Dogon Marke" is tagged
    as a people); "Boko Haram village raids" is no village called Boko Haram."""
    def town(t) -> bool:
        return type_words.get(t.lower_) == "city"
    if i > 1 and doc[i - 1].lower_ == "of" and town(doc[i - 2]):
        return "before"
    return "after" if end < len(doc) and town(doc[end]) else None


def _chained(doc, i: int, gaz) -> bool:
    """"in X, Region" / "in X, Country": X is placed by a region or country the gazetteer knows."""
    if i == 0 or doc[i - 1].lower_ not in ("in", "near", "at") or i + 2 >= len(doc) or doc[i + 1].text != ",":
        return False
    if not gaz.ids(doc[i].text):
        return False
    k = i + 2
    while k < len(doc) and k < i + 5 and _is_cap(doc[k]):
        k += 1
    return any(gaz.kinds[x] in (0, 1) for x in gaz.ids(doc[i + 2:k].text) + gaz.ids(doc[i + 2].text))


def _has_cue(doc, s: int, cue_words, type_words) -> bool:
    before = doc[s - 1].lower_ if s > 0 else ""
    if before in ("'s", "’s") and s > 1 and _is_cap(doc[s - 2]) and doc[s - 2].ent_type_ in ("GPE", "LOC"):
        return True  # "Adamawa's Mubi", "Kano's Dala": a town of the region before
    if before == "of":  # "village of X", "outskirts of X", not "home of X"
        w = doc[s - 2].lower_ if s > 1 else ""
        return w in type_words or w in ("outskirts", "countryside", "vicinity", "suburbs", "north",
                                        "south", "east", "west", "area", "district", "province")
    if _location_as(doc, s):
        return True
    if before in _SIDE_WORDS and s > 1 and doc[s - 2].lower_ in cue_words \
            and doc[s].text not in load_lexicon("place_countries").get("regions", {}):
        return True  # "in central Thessaloniki"; a known region ("central Sinai") is read in resolve
    return before in cue_words or before in type_words or before == "("


_SIDE_WORDS = frozenset({"central", "northern", "southern", "eastern", "western", "north", "south", "east",
                         "west", "northeastern", "northwestern", "southeastern", "southwestern", "downtown",
                         "rural", "urban", "greater", "old", "coastal", "upper", "lower"})


def _match_run(doc, i, j, gaz, stop, type_words, facility_words, cue_words, conf):
    """The longest gazetteer (or facility) match starting at token ``i``, as (start, end)."""
    for end in range(j, i, -1):
        span = doc[i:end]
        words = [t.lower_ for t in span]
        if all(w in stop or w in _CONNECTORS for w in words):
            continue
        if doc[end - 1].lower_ in _CONNECTORS:
            continue
        if doc[end - 1].lower_ in conf.get("org_heads", ()):
            continue  # "North Atlantic Treaty Organization", "Peoples Party": a body, not a place
        after = doc[end].lower_ if end < len(doc) else ""
        cue = _has_cue(doc, i, cue_words, type_words) or after in type_words or after == "("
        ent = span[0].ent_type_
        if after in facility_words and after not in type_words:
            return (i, end + 1)  # a facility or neighbourhood: resolved via its town
        ids = gaz.ids(span.text)
        if not ids:
            if end == j and not any(t.is_stop for t in span) and _bracket_follows(doc, end, gaz):
                return (i, end)  # a village the gazetteer lacks, placed by its bracket
            if end == j and i > 0 and doc[i - 1].lower_ in type_words and type_words[doc[i - 1].lower_] == "city" \
                    and after == "," and end + 1 < len(doc) and _is_cap(doc[end + 1]) and gaz.ids(doc[end + 1].text):
                return (i, end)  # "Barangay Kalambuan, Koronadal": a village placed by its chain
            if end == j and _location_as(doc, i):
                return (i, end)  # the note names the place it coded, known or not
            typed = _typed_town(doc, i, end, type_words)
            if end == j and typed and not any(t.is_stop for t in span) and ent not in (
                    ("PERSON", "DATE", "TIME") if typed == "before" else ("ORG", "NORP", "PERSON", "DATE", "TIME", "EVENT")):
                return (i, end)  # "the town of Kiremu in Oromia's East Wollega zone": resolve places it
            continue
        if not cue and after == "," and end + 1 < len(doc) and _is_cap(doc[end + 1]):
            # "Goma, North Kivu": a chain of regions after the name is a cue too
            cue = any(gaz.kinds[k] in (0, 1) for k in gaz.ids(doc[end + 1:end + 3].text) + gaz.ids(doc[end + 1].text))
        if ent in ("PERSON", "NORP", "DATE", "TIME") and not cue and not _country_name(gaz, span, conf):
            continue
        kinds = {gaz.kinds[k] for k in ids}
        admin_or_country = bool(kinds & {0, 1})
        if cue:
            return (i, end)
        # no cue: only a large place under its own main name ("Molotov" is an old name of
        # Perm, "Ramadan" an alternate name of a Saudi town: neither is meant here)
        f = fold(span.text)
        if any(fold(gaz.names[k]) == f and (
                gaz.pops[k] >= conf["min_population_uncued"]
                or gaz.pops[k] >= conf["min_population_named_country"] and gaz.country_of[k] in conf["_named"])
               for k in ids) or (admin_or_country and ent in ("GPE", "LOC")):
            return (i, end)
    return None
