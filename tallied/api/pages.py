"""Every HTML page has a JSON twin built from the same context (Datasette's habit).

    @page(router, "/incidents", "incidents.html")
    def incidents(request: Request, country: str | None = None) -> IncidentList: ...

registers ``GET /incidents`` (the template, given ``ctx``) and ``GET /incidents.json`` (the
context as JSON, in the OpenAPI document). A page cannot be registered without its twin, and
``tests/api/test_twins.py`` fails if an HTML route appears any other way.
"""
from __future__ import annotations

import functools
import json
from dataclasses import asdict
from datetime import date

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

HTML_ROUTE_TAG = "page"


def twin_path(path: str) -> str:
    return path + ".json"


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def dumps(ctx) -> bytes:
    """A page context (a dataclass of dataclasses, lists, dicts and dates) as JSON bytes;
    several times faster than FastAPI's generic encoder on a map of thousands of points."""
    return json.dumps(asdict(ctx), default=_plain, ensure_ascii=False).encode("utf-8")


def page(router: APIRouter, path: str, template: str):
    def register(context_fn):
        @functools.wraps(context_fn)
        def as_json(**kwargs):
            return Response(dumps(context_fn(**kwargs)), media_type="application/json")

        @functools.wraps(context_fn)
        def as_html(**kwargs):
            ctx = context_fn(**kwargs)
            request = kwargs["request"]
            return request.app.state.templates.TemplateResponse(request, template, {"ctx": ctx})

        name = context_fn.__name__
        # the twin first: "/incidents/{id}" would otherwise also match "/incidents/x.json"
        router.add_api_route(twin_path(path), as_json, methods=["GET"], name=f"{name}_json",
                             tags=["pages (JSON twins)"], summary=f"{name}: the JSON of {path}")
        router.add_api_route(path, as_html, methods=["GET"], name=name, response_class=HTMLResponse,
                             include_in_schema=False, tags=[HTML_ROUTE_TAG])
        return context_fn
    return register
