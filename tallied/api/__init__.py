"""The HTTP API and review desk: ``create_app(desk)`` (FastAPI) and ``serve(db, host, port)``.

    app.py          the application factory: middleware, error handlers, routers, static files
    errors.py       the one JSON error shape and its handlers
    security.py     security headers (CSP without inline script) and the body size limit
    auth.py         bearer tokens of users, stored hashed, compared in constant time
    bodies.py       request bodies (pydantic)
    pages.py        an HTML page and its JSON twin from one context function
    routes_api.py   /api/...: extract, ingest, incidents, tally, edits, audit, exports
    routes_pages.py the review pages
    desk.py         the store behind one lock, and the contexts the pages and API share
    serve.py        ``tallied serve`` and ``tallied users add``
"""
from .app import ApiSettings, create_app
from .serve import add_serve_commands, run_serve, serve

__all__ = ["create_app", "ApiSettings", "serve", "add_serve_commands", "run_serve"]
