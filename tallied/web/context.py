"""The contexts pages render: plain dataclasses, the same object for the HTML page and its
JSON twin (``/incidents/ID`` and ``/incidents/ID.json`` show the same data)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .highlight import Segment


@dataclass
class Filters:
    """The list filters the CLI has (``tallied incidents``), as the query string carries them."""

    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_fatalities: int | None = None
    review_status: str | None = None  # unreviewed, approved, rejected

    def query(self, **extra) -> str:
        from urllib.parse import urlencode

        pairs = {k: v for k, v in vars(self).items() if v not in (None, "")}
        pairs.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(pairs)


@dataclass
class IncidentRow:
    id: str
    event_date: str | None
    country: str | None
    admin1: str | None
    location: str | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    best: int | None
    reports: int
    status: str
    href: str


@dataclass
class IncidentList:
    filters: Filters
    sort: str
    items: list[IncidentRow]
    total: int
    limit: int
    offset: int
    sorts: list[str]
    statuses: list[str]
    next_href: str | None = None
    prev_href: str | None = None


@dataclass
class FieldRow:
    """One reconciled field of the incident, and the evidence element ids a click marks."""

    name: str
    value: object
    ref: str  # matches the ``ref`` of the highlight marks for this field
    rule: str | None = None  # how the value was chosen ("lowest credible figure", "analyst edit")
    edited: bool = False


@dataclass
class FigureRow:
    id: str
    kind: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None
    who: str | None
    according_to: str | None
    status: str
    scope: str | None
    outlet: str | None
    published: str | None
    report_id: str | None
    evidence: str | None
    ref: str


@dataclass
class TollRow:
    """One report's count behind the incident: the rows an analyst corrects."""

    event_id: str
    report_id: str
    kind: str
    field: str  # the count column it feeds: fatalities, injured, captured, displaced
    value: int
    low: int | None
    high: int | None
    published: str | None
    outlet: str | None
    according_to: str | None
    status: str
    used: bool
    duplicate_of: str | None
    ref: str
    edited: bool = False


@dataclass
class ReportView:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None  # http(s) only; anything else is shown as text, never linked
    near_duplicate_of: str | None
    segments: list[Segment]


@dataclass
class TollPoint:
    published: str
    value: int
    source: str | None
    outlet: str | None
    x: float = 0.0  # chart coordinates, filled by web.charts
    y: float = 0.0


@dataclass
class Chart:
    width: int
    height: int
    path: str
    points: list
    labels: list[dict] = field(default_factory=list)


@dataclass
class IncidentView:
    id: str
    status: str
    fields: list[FieldRow]
    figures: list[FigureRow]
    tolls: list[TollRow]
    reports: list[ReportView]
    toll: list[TollPoint]
    toll_chart: Chart | None
    edits: list[dict]
    links: list[dict]
    latitude: float | None
    longitude: float | None
    prev_href: str | None = None  # the neighbours in the list it was opened from
    next_href: str | None = None
    editable_fields: list[str] = field(default_factory=list)


@dataclass
class MapPoint:
    id: str
    latitude: float
    longitude: float
    fatalities: int
    label: str
    href: str
    radius: float


@dataclass
class MapView:
    filters: Filters
    points: list[MapPoint]
    total: int
    shown: int


@dataclass
class DayBar:
    day: str
    sides: dict  # side -> deaths
    total: int


@dataclass
class TimelineView:
    filters: Filters
    sides: list[str]
    side_labels: dict
    days: list[DayBar]
    chart: Chart | None
    total_deaths: int


@dataclass
class AuditView:
    entries: list[dict]
    total: int
    limit: int
    offset: int
