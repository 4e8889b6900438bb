"""Plain dataclasses: the only contract between pipeline stages.

spaCy objects never leave ``nlp/``, ``extract/`` and ``resolve/``; everything that the CLI,
the store, the API or the web page sees is one of these classes.

Offsets are always character offsets into ``Report.clean_text`` and
``report.clean_text[ev.start:ev.end] == ev.text`` holds for every :class:`Evidence`.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A span of the clean text that supports a value."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


def evidence_at(clean_text: str, start: int, end: int) -> Evidence:
    """The evidence for ``clean_text[start:end]``; the one way to build one."""
    return Evidence(start, end, clean_text[start:end])


@dataclass
class Report:
    """One report as it came in and as the pipeline reads it.

    ``offsets[i]`` is the index in ``raw_text`` of character ``i`` of ``clean_text`` (empty
    when the two texts are identical), so evidence can be shown on the raw text too.
    """

    source: str  # file path, "path:line" for JSONL, or "-" for stdin
    raw_text: str
    clean_text: str = ""
    id: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    offsets: list[int] = field(default_factory=list)
    external_id: str | None = None  # the id a JSONL feed gave the report

    def __post_init__(self) -> None:
        if not self.clean_text:
            self.clean_text = self.raw_text
        if not self.id:
            self.id = report_id(self.clean_text)


def report_id(clean_text: str) -> str:
    return hashlib.sha1(clean_text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Skip:
    """A report that was not processed, and why. Reason codes: empty, binary, encoding,
    malformed_json, missing_text, bad_published, language, too_large, unreadable, timeout,
    internal_error."""

    source: str
    reason: str
    message: str
    external_id: str | None = None

    def to_dict(self) -> dict:
        return {"reason": self.reason, "message": self.message}


@dataclass
class Figure:
    """One casualty or people-count statement.

    kind: killed, injured, abducted, arrested, displaced, missing, freed, attackers, other.
    qualifier: exact, at least, more than, about, up to, vague, range.
    status: reported, claimed, denied, disputed.
    scope: event (a figure of the report's events) or context (background, cumulative,
    population): context figures are kept for the reader but never counted.
    """

    kind: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    who: str | None
    side: str  # actor name, "civilians", "perpetrators" or "unknown"
    according_to: str | None
    status: str
    evidence: Evidence
    count_text: str = ""
    period: str | None = None
    scope: str = "event"
    sentence: int = 0
    part_of: int | None = None  # index of the total this figure is a part of
    vague: bool = False
    stated: int | None = None  # the number as written: "more than 200" -> 200
    coded: bool = False  # the report states its own coding ("fatalities coded as 10")
    implicit: bool = False  # counted from the noun phrase, no number written ("a policeman died")
    source_actor: str | None = None  # the catalogue actor the source is ("the group" -> Islamic State)
    disputed_by: str | None = None  # who contradicts a claim ("The SDF said that they were ...")
    revision: str | None = None  # "initial" (a first toll) or "update" (the toll "rose to")
    combined: bool = False  # the sum of coordinated victims whose parts follow it ("a mother and her two children")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["evidence"] = self.evidence.to_dict()
        return d


@dataclass
class ActorRef:
    """A mention of an actor resolved to a catalogue entry or a generic ACLED actor.

    ``name`` is the ACLED-style name; for generic actors it carries the country
    ("Unidentified Armed Group (Nigeria)") once the country is known, ``generic`` holds the
    template ("Unidentified Armed Group") so assemble can fill it in.
    """

    text: str
    name: str
    inter: int
    evidence: Evidence
    country: str | None = None
    generic: str | None = None
    via: str = "alias"  # alias, generic, coreference
    role: str | None = None  # agent (did it), patient (had it done to them), source (said it)
    confidence: float = 1.0
    sentence: int = 0


@dataclass
class Place:
    """A toponym mention and the gazetteer entry it resolved to."""

    text: str
    evidence: Evidence
    name: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # city, admin1, admin2, country
    geo_precision: int | None = None  # ACLED 1-3
    where_prec: int | None = None  # UCDP 1-7
    facility: str | None = None  # "Ghwayran prison"
    confidence: float = 0.0
    sentence: int = 0


@dataclass
class TimeRef:
    """A temporal expression and the dates it resolved to."""

    text: str
    evidence: Evidence
    start: date | None = None
    end: date | None = None
    time_precision: int | None = None  # ACLED 1-3
    date_prec: int | None = None  # UCDP 1-5
    relative: bool = False
    note: str | None = None  # how it was resolved, e.g. "month/day order: US (source dateline)"
    background: bool = False  # history ("three years ago", "between 2012 and 2014"): no event
    sentence: int = 0


@dataclass
class Trigger:
    """A phrase that names what happened, with the ACLED type it points to."""

    text: str
    evidence: Evidence
    event_type: str
    sub_event_type: str
    weight: float = 1.0
    sentence: int = 0
    negated: bool = False


@dataclass
class Mentions:
    """Everything extract and resolve found in one report."""

    figures: list[Figure] = field(default_factory=list)
    actors: list[ActorRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char spans
    reporting: set[int] = field(default_factory=set)  # sentences whose main verb is "said" etc.


@dataclass
class Event:
    """One event: ACLED columns, UCDP-style figures, and the evidence for each field."""

    event_date: str | None = None
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: str | None = None
    interaction: str | None = None
    civilian_targeting: str | None = None
    iso3: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int = 0
    injured: int | None = None
    captured: int | None = None
    displaced: int | None = None
    tags: str | None = None
    # UCDP-style
    date_start: str | None = None
    date_end: str | None = None
    date_prec: int | None = None
    where_prec: int | None = None
    deaths_a: int = 0
    deaths_b: int = 0
    deaths_civilians: int = 0
    deaths_unknown: int = 0
    best: int = 0
    low: int = 0
    high: int = 0
    primary: bool = False
    confidence: float = 0.0
    review_status: str = "unreviewed"
    figures: list[Figure] = field(default_factory=list)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)

    def add_evidence(self, name: str, ev: Evidence | None) -> None:
        if ev is not None and ev not in self.evidence.setdefault(name, []):
            self.evidence[name].append(ev)

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in asdict(self).items() if k not in ("figures", "evidence")}
        d["figures"] = [f.to_dict() for f in self.figures]
        d["evidence"] = {k: [e.to_dict() for e in v] for k, v in self.evidence.items()}
        return d


@dataclass
class Result:
    """What the pipeline returns for one input report."""

    source: str
    report: Report | None
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    skipped: Skip | None = None
    mentions: Mentions | None = None

    @property
    def id(self) -> str:
        if self.report is not None:
            return self.report.external_id or self.report.id
        return (self.skipped.external_id if self.skipped else None) or self.source


# --- the monitor: many reports, one incident -------------------------------------------------


@dataclass
class TollEntry:
    """One source's statement of a count behind an incident: a point of its toll history."""

    kind: str  # killed, injured, abducted, arrested, displaced, ...
    value: int  # the report's own (ACLED-conservative) count for its event
    low: int
    high: int
    published: str | None
    outlet: str | None
    report_id: str
    event_id: str
    according_to: str | None
    status: str  # reported, claimed, denied, disputed
    duplicate_of: str | None = None  # a near-duplicate copy: shown, never counted
    used: bool = False  # one of the tolls the reconciled value was chosen from
    bound: bool = False  # a lower bound ("more than 130", "at least 40"), not an exact count
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d


@dataclass
class Edit:
    """An analyst's decision, kept in the audit trail; it outranks anything derived."""

    id: int
    at: str
    user: str
    incident_id: str | None
    action: str  # set_field, set_figure, approve, reject, merge, split
    field: str | None
    old_value: Any
    new_value: Any
    reason: str | None
    target: str | None = None  # a figure id, a report-event id or the other incident

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Incident:
    """One real-world event seen through many reports; derived fields plus analyst edits."""

    id: str
    fields: dict[str, Any]  # ACLED/UCDP columns, reconciled (edits applied)
    review_status: str = "unreviewed"
    n_reports: int = 0
    n_sources: int = 0
    rules: dict[str, str] = field(default_factory=dict)  # field -> the policy rule that chose it
    toll_history: list[TollEntry] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)  # report event id, report id, score, reasons
    edits: list[Edit] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)  # every figure of its reports, with source

    def to_dict(self) -> dict:
        return {
            "id": self.id, **self.fields, "review_status": self.review_status,
            "figures": self.figures,
            "n_reports": self.n_reports, "n_sources": self.n_sources, "rules": self.rules,
            "toll_history": [t.to_dict() for t in self.toll_history],
            "links": self.links, "edits": [e.to_dict() for e in self.edits],
        }
