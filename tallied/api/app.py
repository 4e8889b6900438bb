"""The FastAPI application factory: ``create_app(store)``.

    middleware   SecurityHeaders (CSP, nosniff, frame-ancestors) > BodyLimit (413)
    errors       one JSON shape {ok, error, errors, status}            (api/errors.py)
    /api/...     the JSON API (extract, ingest, incidents, tally, edits, audit, exports)
    /...         HTML pages, each with its .json twin                   (api/pages.py)
    /static/...  the desk's JS and CSS, vendored Leaflet, the offline basemap

The OpenAPI document is at /api/openapi.json. The interactive docs page is off: it loads
scripts from a CDN, which this server's CSP (rightly) refuses.
"""
from __future__ import annotations

from dataclasses import dataclass

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..web import STATIC_DIR, TEMPLATES_DIR
from . import errors
from .security import BodyLimit, SecurityHeaders


@dataclass(frozen=True)
class ApiSettings:
    max_body_bytes: int = 8_000_000  # a batch of reports per request; larger is refused (413)
    max_page_size: int = 200
    default_page_size: int = 50


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    return Jinja2Templates(env=env)


def routes() -> list:
    """Every route of the app's routers, flattened (FastAPI mounts included routers lazily, so
    ``app.routes`` does not list them); the tests check tokens and JSON twins on these."""
    from . import routes_api, routes_pages

    return list(routes_api.router.routes) + list(routes_pages.router.routes)


def create_app(desk, settings: ApiSettings = ApiSettings()) -> FastAPI:
    """``desk`` is a :class:`tallied.api.desk.Desk` (the store behind one lock)."""
    from . import routes_api, routes_pages

    app = FastAPI(title="tallied", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="News reports about armed conflict in; incidents with evidence out.")
    app.state.desk = desk
    app.state.users = desk
    app.state.settings = settings
    app.state.templates = templates()
    errors.install(app)
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
