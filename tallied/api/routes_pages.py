"""HTML pages, each registered with its JSON twin through :func:`tallied.api.pages.page`:

    /incidents          the list: filters, sort, review status, pages
    /incidents/{id}     one incident: reports with highlighted evidence, figures, tolls, chart
    /map                incidents on the offline basemap, sized by deaths
    /timeline           deaths per day by side for the current filter
    /audit              the analysts' edits, newest first
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from ..web import views
from ..web.context import Filters
from .pages import page
from .query import Paging, filters, paging

router = APIRouter()


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/incidents", status_code=307)


@page(router, "/incidents", "incidents.html")
def incidents(request: Request, f: Filters = Depends(filters), p: Paging = Depends(paging)):
    with request.app.state.desk.store() as store:
        return views.incident_list(store, f, p.sort, p.limit, p.offset)


@page(router, "/incidents/{incident_id}", "incident.html")
def incident(request: Request, incident_id: str, f: Filters = Depends(filters),
             sort: str = "date", pos: int | None = None):
    with request.app.state.desk.store() as store:
        return views.incident_view(store, incident_id, f, sort, pos)


@page(router, "/map", "map.html")
def incident_map(request: Request, f: Filters = Depends(filters)):
    with request.app.state.desk.store() as store:
        return views.map_view(store, f)


@page(router, "/timeline", "timeline.html")
def timeline(request: Request, f: Filters = Depends(filters)):
    with request.app.state.desk.store() as store:
        return views.timeline_view(store, f)


@page(router, "/audit", "audit.html")
def audit(request: Request, p: Paging = Depends(paging)):
    with request.app.state.desk.store() as store:
        return views.audit_view(store, p.limit, p.offset)
