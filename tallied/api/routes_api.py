"""The JSON API under /api/. Reads are open; every write depends on :func:`require_user`.

    POST /api/extract                      code one report, store nothing
    POST /api/ingest                       code and store reports          (token)
    GET  /api/incidents                    filters + limit/offset/sort
    GET  /api/incidents/{id}               reports, figures, toll history, evidence, edits
    GET  /api/tally                        by country|admin1|actor, per day|week|month|year
    POST /api/incidents/{id}/fields        set a field, with a reason      (token)
    POST /api/incidents/{id}/figures       correct one report's count      (token)
    POST /api/incidents/{id}/approve       | reject | merge | split         (token)
    GET  /api/audit                        the audit trail
    GET  /api/export                       acled|ucdp|geojson|parquet|jsonl as a download
    GET  /api/me                           whose token this is             (token)

Routes are thin: validate, call the store through the desk, return JSON.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import asdict

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from ..export.records import record
from ..pipeline import process
from ..web.context import Filters
from .auth import require_user
from .errors import ApiError
from .bodies import (DecisionIn, FieldEditIn, FigureEditIn, IngestIn, MergeIn, RejectIn,
                     ReportIn, SplitIn)
from .query import Paging, filters, paging
from .reports_in import to_report

router = APIRouter(prefix="/api")


def _desk(request: Request):
    return request.app.state.desk


@router.post("/extract", tags=["extract"], summary="code one report without storing it")
def extract(item: ReportIn) -> dict:
    """The same record as ``tallied extract --format json`` for one posted report."""
    result = next(iter(process([to_report(item, 0)])))
    return {"ok": True, **record(result)}


@router.post("/ingest", tags=["store"], summary="code reports and store them")
def ingest(body: IngestIn, request: Request, user: str = Depends(require_user)) -> dict:
    """Idempotent: a report already stored changes nothing. Extraction runs before the store
    is locked; the request is one transaction (all its reports are stored, or none)."""
    results = list(process([to_report(item, i) for i, item in enumerate(body.reports)]))
    with _desk(request).store() as store:
        summary = store.ingest(results, batch_size=len(results))
    skipped = [{"source": r.source, **r.skipped.to_dict()} for r in results if r.skipped]
    return {"ok": True, "user": user, "summary": summary.to_dict(), "skipped": skipped,
            "reports": [{"source": r.source, "id": r.report.id if r.report else None}
                        for r in results]}


@router.get("/incidents", tags=["incidents"], summary="list and filter incidents, paginated")
def incidents(request: Request, f: Filters = Depends(filters), p: Paging = Depends(paging)) -> dict:
    from ..web.views import store_filter

    with _desk(request).store() as store:
        rows, total = store.incidents(store_filter(f), limit=p.limit, offset=p.offset, sort=p.sort)
    nxt = p.offset + p.limit if p.offset + p.limit < total else None
    return {"ok": True, "items": rows, "total": total, "limit": p.limit, "offset": p.offset,
            "sort": p.sort, "next_offset": nxt}


@router.get("/incidents/{incident_id}", tags=["incidents"],
            summary="one incident: reports, figures, toll history, evidence, edits")
def incident(incident_id: str, request: Request) -> dict:
    with _desk(request).store() as store:
        inc = store.incident(incident_id)
        reports = []
        for rid in dict.fromkeys(link["report_id"] for link in inc.links):
            reports.append(store.report(rid))
    return {"ok": True, "incident": inc.to_dict(), "reports": reports}


@router.get("/tally", tags=["incidents"], summary="deaths by side, injured, abducted, displaced")
def tally(request: Request, by: str = "country", per: str = "month",
          f: Filters = Depends(filters)) -> dict:
    from ..web.views import store_filter

    with _desk(request).store() as store:
        rows = store.tally(by=by, per=per, flt=store_filter(f))
    return {"ok": True, "by": by, "per": per, "rows": rows}


def _done(message: str, incident_id: str, user: str, **extra) -> dict:
    return {"ok": True, "message": message, "incident": incident_id, "user": user, **extra}


@router.post("/incidents/{incident_id}/fields", tags=["review"], summary="set a field")
def edit_field(incident_id: str, body: FieldEditIn, request: Request,
               user: str = Depends(require_user)) -> dict:
    with _desk(request).store() as store:
        value = store.set_field(incident_id, body.field, body.value, user=user, reason=body.reason)
    return _done(f"{body.field} set to {value}", incident_id, user, value=value)


@router.post("/incidents/{incident_id}/figures", tags=["review"],
             summary="correct one report's count (or its status) behind the incident")
def edit_figure(incident_id: str, body: FigureEditIn, request: Request,
                user: str = Depends(require_user)) -> dict:
    with _desk(request).store() as store:
        value = store.set_figure(incident_id, body.event_id, body.field, body.value, user=user,
                                 reason=body.reason)
    return _done(f"{body.field} of {body.event_id} set to {value}", incident_id, user, value=value)


@router.post("/incidents/{incident_id}/approve", tags=["review"], summary="approve")
def approve(incident_id: str, request: Request, body: DecisionIn | None = None,
            user: str = Depends(require_user)) -> dict:
    with _desk(request).store() as store:
        status = store.approve(incident_id, user=user, reason=body.reason if body else None)
    return _done("approved", incident_id, user, review_status=status)


@router.post("/incidents/{incident_id}/reject", tags=["review"], summary="reject, with a reason")
def reject(incident_id: str, body: RejectIn, request: Request,
           user: str = Depends(require_user)) -> dict:
    with _desk(request).store() as store:
        status = store.reject(incident_id, user=user, reason=body.reason)
    return _done("rejected", incident_id, user, review_status=status)


@router.post("/incidents/{incident_id}/merge", tags=["review"],
             summary="merge another incident into this one")
def merge(incident_id: str, body: MergeIn, request: Request,
          user: str = Depends(require_user)) -> dict:
    with _desk(request).store() as store:
        merged = store.merge(incident_id, body.other, user=user, reason=body.reason)
    return _done(f"merged into {merged}", merged, user, redirect=f"/incidents/{merged}")


@router.post("/incidents/{incident_id}/split", tags=["review"],
             summary="split a report event out into its own incident")
def split(incident_id: str, body: SplitIn, request: Request,
          user: str = Depends(require_user)) -> dict:
    with _desk(request).store() as store:
        new_id = store.split(incident_id, str(body.report_event), user=user, reason=body.reason)
    return _done(f"split out as {new_id}", incident_id, user, new_incident=new_id)


@router.get("/audit", tags=["review"], summary="the audit trail, newest first")
def audit(request: Request, incident: str | None = None, p: Paging = Depends(paging)) -> dict:
    with _desk(request).store() as store:
        edits = store.audit(incident_id=incident)
    entries = sorted((asdict(e) for e in edits), key=lambda e: e["id"], reverse=True)
    return {"ok": True, "items": entries[p.offset:p.offset + p.limit], "total": len(entries),
            "limit": p.limit, "offset": p.offset}


@router.get("/me", tags=["review"], summary="the user a token belongs to")
def me(user: str = Depends(require_user)) -> dict:
    return {"ok": True, "user": user}


EXPORT_FILES = {"acled": ("csv", "text/csv"), "ucdp": ("csv", "text/csv"),
                "geojson": ("geojson", "application/geo+json"),
                "parquet": ("parquet", "application/vnd.apache.parquet"),
                "jsonl": ("jsonl", "application/x-ndjson")}


@router.get("/export", tags=["export"], summary="the filtered incidents as a download",
            response_class=FileResponse)
def export(request: Request, format: str = "acled", f: Filters = Depends(filters)) -> FileResponse:
    """acled (ACLED's 31 columns), ucdp (UCDP GED columns), geojson (RFC 7946), parquet, jsonl;
    the same files as ``tallied export``."""
    from ..export.incidents import write
    from ..web.views import store_filter

    if format not in EXPORT_FILES:
        raise ApiError(400, f"format must be one of {', '.join(EXPORT_FILES)}, not {format!r}",
                       [{"loc": "query.format", "msg": "unknown format"}])
    suffix, media = EXPORT_FILES[format]
    with _desk(request).store() as store:
        rows = store.incident_rows(store_filter(f))
    fd, tmp = tempfile.mkstemp(prefix="tallied-export-", suffix="." + suffix)
    os.close(fd)
    write(rows, format, tmp)
    return FileResponse(tmp, media_type=media, filename=f"tallied-{format}.{suffix}",
                        background=BackgroundTask(os.unlink, tmp))
