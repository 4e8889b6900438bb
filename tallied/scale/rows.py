"""Pipeline Results as Parquet rows: one row per report event, one per report.

Event rows carry every scalar ACLED/UCDP column of :class:`~tallied.models.Event` under its own
name, the report's id, source, publication date and outlet, the event's place in the report
(``event_index``, 0 = primary), its figures and evidence as JSON text, and the block it belongs
to (``block_iso3``, ``block_month``: country × month, the blocking reconciliation uses). Link
rows tie an incident to its report events (``event_id`` is the store's ``<content id>:<index>``;
``external_id`` and ``event_index`` find the event row). The schemas are fixed, so every file
of a dataset has the same columns and types.
"""
from __future__ import annotations

import dataclasses
import json
import typing

import pyarrow as pa

from ..models import Event, Result

_SKIP = ("figures", "evidence")
_TYPES = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def _arrow_type(hint) -> pa.DataType:
    args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    return _TYPES.get(args[0], pa.string())


EVENT_COLUMNS = [f.name for f in dataclasses.fields(Event) if f.name not in _SKIP]
_HINTS = typing.get_type_hints(Event)
EVENT_SCHEMA = pa.schema(
    [("report_id", pa.string()), ("report_source", pa.string()), ("event_index", pa.int32()),
     ("published", pa.string()), ("outlet", pa.string())]
    + [(name, _arrow_type(_HINTS[name])) for name in EVENT_COLUMNS]
    + [("figures_json", pa.string()), ("evidence_json", pa.string()),
       ("block_iso3", pa.string()), ("block_month", pa.string())]
)
REPORT_SCHEMA = pa.schema(
    [("report_id", pa.string()), ("report_source", pa.string()), ("published", pa.string()),
     ("outlet", pa.string()), ("events", pa.int32()), ("figures_json", pa.string()),
     ("skip_reason", pa.string()), ("skip_message", pa.string())]
)
LINK_SCHEMA = pa.schema(
    [("incident_id", pa.string()), ("event_id", pa.string()), ("report_id", pa.string()),
     ("external_id", pa.string()), ("event_index", pa.int32()), ("score", pa.float64()),
     ("reasons", pa.string()), ("block_month", pa.string())]
)
NO_BLOCK = "none"


def event_rows(result: Result) -> list[dict]:
    report = result.report
    published = report.published.isoformat() if report is not None and report.published else None
    outlet = report.outlet if report is not None else None
    rows = []
    for i, event in enumerate(result.events):
        d = event.to_dict()
        row = {"report_id": result.id, "report_source": result.source, "event_index": i,
               "published": published, "outlet": outlet}
        row.update({name: d[name] for name in EVENT_COLUMNS})
        row["figures_json"] = json.dumps(d["figures"], ensure_ascii=False, sort_keys=True)
        row["evidence_json"] = json.dumps(d["evidence"], ensure_ascii=False, sort_keys=True)
        row["block_iso3"], row["block_month"] = block_of(event)
        rows.append(row)
    return rows


def block_of(event: Event) -> tuple[str, str]:
    """The reconciliation block of a report event: (ISO3, YYYY-MM), ``none`` where unknown."""
    return event.iso3 or NO_BLOCK, (event.event_date or "")[:7] or NO_BLOCK


def report_row(result: Result) -> dict:
    report = result.report
    return {"report_id": result.id, "report_source": result.source,
            "published": report.published.isoformat() if report is not None and report.published else None,
            "outlet": report.outlet if report is not None else None,
            "events": len(result.events),
            "figures_json": json.dumps([f.to_dict() for f in result.figures], ensure_ascii=False, sort_keys=True),
            "skip_reason": result.skipped.reason if result.skipped else None,
            "skip_message": result.skipped.message if result.skipped else None}


def table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)
