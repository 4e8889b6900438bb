"""Every HTML page has a JSON twin built from the same context (Datasette's habit): this test
fails when a route answers HTML and ``<path>.json`` is missing or is not the same data."""
from __future__ import annotations

import httpx
from fastapi.routing import APIRoute

from tallied.api.app import routes


def _get_routes() -> list[APIRoute]:
    return [r for r in routes() if isinstance(r, APIRoute) and "GET" in r.methods]


def test_api_twins_every_html_route_has_a_json_twin(server, hasakah_id):
    paths = {r.path for r in _get_routes()}
    html_routes = []
    for route in _get_routes():
        if route.path.startswith("/api/") or route.path.endswith(".json"):
            continue
        url = server + route.path.replace("{incident_id}", hasakah_id)
        page = httpx.get(url, headers={"accept": "text/html"})
        if "text/html" not in page.headers.get("content-type", ""):
            continue  # a redirect or a download, not a page
        html_routes.append(route.path)
        assert page.status_code == 200, route.path
        assert route.path + ".json" in paths, f"HTML route {route.path} has no JSON twin"
        twin = httpx.get(url + ".json")
        assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
        assert isinstance(twin.json(), dict) and twin.json()
    assert {"/incidents", "/incidents/{incident_id}", "/map", "/timeline", "/audit"} <= set(html_routes)


def test_api_twins_the_app_has_no_routes_outside_its_routers(desk_store):
    """A route added straight onto the app would escape the twin check above."""
    from starlette.routing import Mount

    from tallied.api import create_app

    app = create_app(desk_store)
    for route in app.routes:
        path = getattr(route, "path", None)
        if path is None:  # an included router
            continue
        assert path == "/api/openapi.json" or (isinstance(route, Mount) and path == "/static"), path


def test_api_twins_carry_the_page_data(server, hasakah_id):
    twin = httpx.get(server + f"/incidents/{hasakah_id}.json").json()
    page = httpx.get(server + f"/incidents/{hasakah_id}").text
    assert twin["id"] == hasakah_id
    for row in twin["tolls"]:
        assert str(row["value"]) in page
    listing = httpx.get(server + "/incidents.json").json()
    assert listing["total"] == len(listing["items"]) or listing["next_href"]
