"""A pipeline Result as the plain JSON record that ``--format json/jsonl`` writes.

    {"id", "source", "events": [...], "figures": [...], "skipped": null | {reason, message}}

Event fields use the ACLED column names plus UCDP-style per-side deaths and low/best/high, and
``evidence``: field -> list of {start, end, text} into the report's clean text.
"""
from __future__ import annotations

from ..models import Result


def record(result: Result) -> dict:
    report = result.report
    out = {
        "id": result.id,
        "source": result.source,
        "events": [e.to_dict() for e in result.events],
        "figures": [f.to_dict() for f in result.figures],
        "skipped": result.skipped.to_dict() if result.skipped else None,
    }
    if report is not None:
        out["report"] = {
            "id": report.id,
            "published": report.published.isoformat() if report.published else None,
            "outlet": report.outlet,
            "url": report.url,
            "title": report.title,
            "language": report.language,
        }
        if report.language and report.language != "en":
            out["warnings"] = [f"language looks like '{report.language}': tallied reads English; "
                               "check this coding by hand"]
    return out
