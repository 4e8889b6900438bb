"""The actor catalogue: ACLED-style actor names, their inter codes and aliases.

The catalogue is data (``data/actors.jsonl``, one JSON object a line; see docs/actors.md).
Each entry has ``name``, ``inter`` (ACLED 1-8), ``country`` (iso3 or null for an actor that
is not tied to one country), ``kind`` (military, police or group) and ``aliases``; state
forces also carry ``periods``, the regime years ACLED appends to their name.

The same alias may belong to several entries ("IS" is "Islamic State (Syria)" in Syria and
"Islamic State Somalia Province" in Somalia), so :meth:`Catalogue.lookup` takes the report's
country focus and prefers the entry of that country.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ResourceError

_PERIOD = re.compile(r"^(?P<base>(?:Military|Police) Forces of .+?) \((?P<start>\d{4})-(?P<end>\d{4})?\)(?P<unit>.*)$")


@dataclass(frozen=True)
class Entry:
    name: str
    inter: int
    country: str | None
    kind: str = "group"  # military, police, group
    aliases: tuple[str, ...] = ()
    periods: tuple[tuple[int, int | None], ...] = ()
    tags: tuple[str, ...] = ()  # "jihadist": what "the jihadists" / "the terror group" may mean


def normalise(alias: str) -> str:
    """The key an alias is indexed under: lower case, "al-"/"al " and dashes unified, so
    "al-Shabab", "Al Shabab" and "al Shabab" meet."""
    text = alias.lower().replace("\u2019", "'").replace("`", "'")
    text = re.sub(r"[\u2010-\u2015-]", " ", text)
    return " ".join(text.split())


@dataclass
class Catalogue:
    entries: list[Entry]
    words: dict = field(default_factory=dict)  # data/actor_words.json
    _index: dict[str, list[tuple[Entry, str]]] = field(default_factory=dict, repr=False)
    _state: dict[tuple[str, str], Entry] = field(default_factory=dict, repr=False)
    _matchers: dict = field(default_factory=dict, repr=False)  # per spaCy vocab, built lazily

    @classmethod
    def load(cls, path: Path | str) -> "Catalogue":
        path = Path(path)
        entries = []
        try:
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    row = json.loads(line)
                    entries.append(Entry(
                        name=row["name"], inter=int(row["inter"]), country=row.get("country"),
                        kind=row.get("kind", "group"), aliases=tuple(row.get("aliases", ())),
                        periods=tuple((p[0], p[1]) for p in row.get("periods", ())),
                        tags=tuple(row.get("tags", ())),
                    ))
            with open(path.parent / "actor_words.json", encoding="utf-8") as fh:
                words = json.load(fh)
        except (OSError, json.JSONDecodeError, KeyError, ValueError, TypeError) as exc:
            raise ResourceError(f"{path}: cannot load actor catalogue ({exc})") from exc
        return cls(entries, words)

    def __post_init__(self) -> None:
        for e in self.entries:
            for alias in {e.name, *e.aliases}:
                self._index.setdefault(normalise(alias), []).append((e, alias))
            if e.kind in ("military", "police") and e.country:
                self._state[(e.country, e.kind)] = e

    # -- queries -------------------------------------------------------------------------

    @property
    def countries(self) -> dict[str, dict]:
        return self.words.get("countries", {})

    def country_name(self, iso3: str | None) -> str | None:
        return self.countries.get(iso3 or "", {}).get("name")

    def aliases(self) -> list[str]:
        """Every distinct alias surface form (names included)."""
        return sorted({alias for cands in self._index.values() for _, alias in cands})

    def is_strict(self, alias: str) -> bool:
        """A lower-case alias ("rebels", "occupation forces") or one that starts with a
        demonym ("Russian forces") names that actor only in its own country's reports."""
        if alias == alias.lower():
            return True
        first = alias.split()[0]
        return len(alias.split()) > 1 and any(
            first == d for c in self.countries.values() for d in c.get("demonyms", ()))

    def lookup(self, alias: str, country: str | None = None, entity: bool = False) -> Entry | None:
        """The entry an alias names in a report about ``country`` (iso3), or None.

        Preference: an entry of that country; else an entry tied to no country; else, for
        a proper-name alias only, the first entry that has it (a Houthi attack reported
        from Riyadh is still the Houthis). ``entity``: the text tagged the mention as an
        organisation, so a short abbreviation of three or more letters that names one
        group only ("PKK") is trusted outside its country too."""
        cands = self._index.get(normalise(alias), [])
        if not cands:
            return None
        if country:
            for e, _ in cands:
                if e.country == country:
                    return e
        for e, _ in cands:
            if e.country is None:
                return e
        for e, surface in cands:
            if country is None or not self.is_strict(surface):
                # out of its country an alias must be unmistakable: a group's name, not a
                # short abbreviation ("PDF" is a file format as often as a Myanmar militia);
                # a state's own aliases ("Federal Police") only as long abbreviations ("FARDC")
                short = _is_abbreviation(surface) and len(surface) <= 4
                if country is None or (e.kind == "group" and not short) or (e.kind != "group" and _is_abbreviation(surface) and not short):
                    return e
        if entity and len(alias) >= 3 and len({e.name for e, _ in cands}) == 1 and cands[0][0].kind == "group":
            return cands[0][0]
        return None

    def state_forces(self, country: str | None, kind: str = "military") -> Entry | None:
        if not country:
            return None
        return self._state.get((country, kind)) or self._state.get((country, "military"))

    def periods_of(self, base: str) -> tuple[tuple[int, int | None], ...]:
        for e in self.entries:
            if e.name == base and e.periods:
                return e.periods
        return ()

    def state_name(self, entry: Entry, when: date | str | None) -> str:
        """``entry.name`` with the regime years that cover ``when`` (the latest when unknown)."""
        return with_period(entry.name, entry.periods, when)

    def matcher(self, nlp):
        """spaCy PhraseMatchers over every alias, built once per pipeline with its own
        tokenizer: abbreviations ("IS", "SDF", "FAMa") match case-sensitively, everything
        else by lower case."""
        key = id(nlp.vocab)
        if key not in self._matchers:
            from spacy.matcher import PhraseMatcher

            exact = PhraseMatcher(nlp.vocab, attr="ORTH")
            lower = PhraseMatcher(nlp.vocab, attr="LOWER")
            for alias in self.aliases():
                target = exact if _is_abbreviation(alias) else lower
                target.add("ACTOR", [nlp.make_doc(alias)])
            self._matchers[key] = (exact, lower)
        return self._matchers[key]


def _is_abbreviation(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(alias) <= 6 and upper >= 2 or (len(letters) > 0 and upper == len(letters))


def with_period(base_or_name: str, periods, when: date | str | None) -> str:
    """Put the regime years covering ``when`` on a state-forces name ("Military Forces of
    Syria" -> "Military Forces of Syria (2000-2024)"), keeping a unit suffix."""
    m = _PERIOD.match(base_or_name)
    base, unit = (m.group("base"), m.group("unit")) if m else (base_or_name, "")
    if not periods:
        return base_or_name
    year = _year(when)
    chosen = periods[-1]
    if year is not None:
        for start, end in periods:
            if start <= year and (end is None or year < end):
                chosen = (start, end)
                break
        else:
            if year < periods[0][0]:
                chosen = periods[0]
    start, end = chosen
    return f"{base} ({start}-{end if end else ''}){unit}"


def split_period(name: str) -> tuple[str, str]:
    """("Military Forces of Somalia", " Puntland Dervish Force") for a name with regime
    years, else (name, "")."""
    m = _PERIOD.match(name)
    return (m.group("base"), m.group("unit")) if m else (name, "")


def _year(when) -> int | None:
    if when is None:
        return None
    if isinstance(when, date):
        return when.year
    m = re.match(r"(\d{4})", str(when))
    return int(m.group(1)) if m else None
