"""Every HTML page has a JSON twin built from the same context (Datasette's habit).

    @page(router, "/incidents", "incidents.html")
    def incidents(request: Request, country: str | None = None) -> IncidentList: ...

registers ``GET /incidents`` (the template, given ``ctx``) and ``GET /incidents.json`` (the
context as JSON, in the OpenAPI document). A page cannot be registered without its twin, and
``tests/api/test_twins.py`` fails if an HTML route appears any other way.
"""
from __future__ import annotations

import functools

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse

HTML_ROUTE_TAG = "page"


def twin_path(path: str) -> str:
    return path + ".json"


def page(router: APIRouter, path: str, template: str):
    def register(context_fn):
        @functools.wraps(context_fn)
        def as_json(**kwargs):
            return JSONResponse(jsonable_encoder(context_fn(**kwargs)))

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
