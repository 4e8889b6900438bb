"""docs/desk.md covers every route of the desk (Datasette's habit)."""
from fastapi.routing import APIRoute

from desk_fixtures import REPO_ROOT
from tallied.api.app import routes


def test_api_docs_cover_every_route():
    doc = (REPO_ROOT / "docs" / "desk.md").read_text(encoding="utf-8")
    for route in routes():
        if not isinstance(route, APIRoute) or route.path.endswith(".json") or route.path == "/":
            continue
        assert f"`{route.path}`" in doc or f" {route.path}`" in doc, f"docs/desk.md does not cover {route.path}"
