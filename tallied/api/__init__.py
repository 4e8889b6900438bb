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
__all__ = ["create_app", "ApiSettings", "serve", "add_serve_commands", "run_serve"]


def __getattr__(name: str):
    # lazy: the CLI imports api.serve for its argument parser without loading FastAPI
    if name in ("create_app", "ApiSettings"):
        from . import app

        return getattr(app, name)
    if name in ("serve", "add_serve_commands", "run_serve"):
        from . import serve

        return getattr(serve, name)
    raise AttributeError(name)
