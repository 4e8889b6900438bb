"""Errors, headers, limits and tokens of the desk's HTTP API, against a real uvicorn server."""
from __future__ import annotations

import httpx
import pytest

from desk_live import live_server

SHAPE = {"ok", "error", "errors", "status"}


def assert_error(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == SHAPE and body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and len(body["error"]) > 10
    return body


def test_api_security_headers_on_pages_json_and_static(server):
    for path in ("/incidents", "/incidents.json", "/static/desk.js", "/api/openapi.json", "/nope"):
        r = httpx.get(server + path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_api_security_error_shape_404_json_and_html(server):
    body = assert_error(httpx.get(server + "/api/incidents/inc-does-not-exist"), 404)
    assert "inc-does-not-exist" in body["error"]
    assert_error(httpx.get(server + "/incidents/inc-does-not-exist.json"), 404)
    assert_error(httpx.get(server + "/api/no-such-endpoint"), 404)
    page = httpx.get(server + "/incidents/inc-does-not-exist", headers={"accept": "text/html"})
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no incident" in page.text


def test_api_security_error_shape_400_and_422(server, token):
    auth = {"Authorization": f"Bearer {token}"}
    body = assert_error(httpx.post(server + "/api/extract", content=b'{"text": ',
                                   headers={"content-type": "application/json"}), 400)
    assert "not valid JSON" in body["error"]
    body = assert_error(httpx.get(server + "/api/incidents", params={"date_from": "yesterday"}), 400)
    assert "date_from" in body["error"]
    assert_error(httpx.get(server + "/api/incidents", params={"limit": "100000"}), 400)
    assert_error(httpx.get(server + "/api/incidents", params={"review_status": "maybe"}), 400)
    assert_error(httpx.get(server + "/api/incidents", params={"sort": "colour"}), 400)
    assert_error(httpx.get(server + "/api/tally", params={"by": "planet"}), 400)
    body = assert_error(httpx.post(server + "/api/extract", json={"published": "2024-01-01"}), 422)
    assert body["errors"][0]["loc"] == "body.text"
    assert_error(httpx.post(server + "/api/incidents/x/reject", json={}, headers=auth), 422)


def test_api_security_body_limit_413(desk_store):
    from tallied.api import ApiSettings, create_app

    with live_server(create_app(desk_store, ApiSettings(max_body_bytes=1000))) as url:
        assert_error(httpx.post(url + "/api/extract", json={"text": "x" * 2000}), 413)

        def chunks():  # no Content-Length: the limit still holds
            for _ in range(5):
                yield b"x" * 400
        assert_error(httpx.post(url + "/api/extract", content=chunks(),
                                headers={"content-type": "application/json"}), 413)


def _write_routes() -> list[str]:
    from fastapi.routing import APIRoute

    from tallied.api.app import routes
    from tallied.api.auth import require_user

    out = []
    for route in routes():
        if isinstance(route, APIRoute) and "POST" in route.methods:
            deps = {d.call for d in route.dependant.dependencies}
            if route.path != "/api/extract":
                assert require_user in deps, f"write {route.path} does not require a token"
                out.append(route.path)
    return out


@pytest.mark.parametrize("header", [None, "Bearer not-a-real-token", "Basic YW5hOnB3"])
def test_api_security_writes_refused_without_a_valid_token(server, desk_store, hasakah_id, header):
    paths = _write_routes()
    assert len(paths) >= 7
    with desk_store.store() as store:
        before = store.counts()
    for path in paths:
        headers = {"Authorization": header} if header else {}
        r = httpx.post(server + path.replace("{incident_id}", hasakah_id),
                       json={"reason": "x", "field": "fatalities", "value": 1, "event_id": "e",
                             "other": "y", "report_event": "z", "reports": [{"text": "t"}]},
                       headers=headers)
        body = assert_error(r, 401)
        assert "token" in body["error"]
    with desk_store.store() as store:
        assert store.counts() == before
