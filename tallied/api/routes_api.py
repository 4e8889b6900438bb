"""The JSON API under /api/. Reads are open; every write depends on :func:`require_user`.

Routes are thin: validate (pydantic bodies, typed query parameters), call the desk, return
JSON. The desk (``tallied.api.desk``) is the only thing that touches the store.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ..export.records import record
from ..pipeline import process
from .auth import require_user
from .bodies import IngestIn, ReportIn
from .reports_in import to_report

router = APIRouter(prefix="/api")


@router.post("/extract", tags=["extract"], summary="code one report without storing it")
def extract(item: ReportIn) -> dict:
    """The same record as ``tallied extract --format json`` for one posted report."""
    result = next(iter(process([to_report(item, 0)])))
    return {"ok": True, **record(result)}
