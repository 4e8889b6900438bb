"""Issue #12 item 5: SQL injection strings in every query parameter, path parameter and body field
of every route, against a real uvicorn server. Each request gets a 4xx or a normal answer, never
a 5xx; a filter matches exactly what its documented rule matches; and nothing in the store
changes (every table hashed before and after, the users table with its token hashes included),
except what a legitimate write of the string itself changes.

The routes are enumerated from the app (``tallied.api.app.routes()``), so a new route or a new
parameter is swept without editing this file."""
from __future__ import annotations

import json
import typing
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from urllib.parse import quote

import httpx
import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel

from desk_fixtures import DEMO_REPORTS, REPO_ROOT
from desk_live import live_server
from injection import LONG_BODY, LONG_QUERY, PAYLOADS, expected_matches
from table_hashes import table_hashes

# what a successful write may change: the incident, its audit row and the reasons its links
# cite (recomputing an incident may cite another of two equally good matches); all else is equal
WRITE_TABLES = {"incidents", "edits", "incident_links"}


@pytest.fixture(scope="module")
def sweep(tmp_path_factory, nlp):
    """A store of its own (the demo reports: the Sahel ambush reported three times, and four
    other incidents), a user token and a live server."""
    from tallied.api import create_app
    from tallied.api.desk import Desk
    from tallied.pipeline import extract_reports

    desk = Desk.open(str(tmp_path_factory.mktemp("inject") / "inject.duckdb"), create=True)
    with desk.store() as store:
        for name, published in DEMO_REPORTS:
            store.ingest(extract_reports([str(REPO_ROOT / "examples" / name)],
                                         published=date.fromisoformat(published), outlet="Demo Wire"))
    token = desk.add_user("mallory")
    with live_server(create_app(desk)) as url:
        with httpx.Client(base_url=url, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            yield desk, client
    desk.close()


def _hashes(desk) -> dict:
    with desk.store() as s:
        return table_hashes(s.con)


def _params(dependant, kind: str) -> list[str]:
    """Query or path parameter names of a route, its dependencies' included (filters, paging)."""
    out = [p.name for p in getattr(dependant, f"{kind}_params")]
    for d in dependant.dependencies:
        out += _params(d, kind)
    return list(dict.fromkeys(out))


def _body_model(route: APIRoute) -> type[BaseModel] | None:
    for field in route.dependant.body_params:
        ann = field.field_info.annotation
        for t in (ann, *typing.get_args(ann)):
            if isinstance(t, type) and issubclass(t, BaseModel):
                return t
    return None


def _routes(method: str) -> list[APIRoute]:
    from tallied.api.app import routes

    return [r for r in routes() if isinstance(r, APIRoute) and method in r.methods]


def _fill(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    return path


def _ids(desk) -> dict:
    """Real ids to fill the path and body fields that are not under attack."""
    with desk.store() as s:
        rows, _ = s.incidents(limit=200, sort="reports")
        inc = s.incident(rows[0]["id"])  # the Sahel ambush: several report events
    events = [link["event_id"] for link in inc.links]
    return {"incident_id": rows[0]["id"], "other": rows[-1]["id"], "event_id": events[0],
            "rows": rows}


def _check_status(r: httpx.Response, what: str) -> None:
    assert r.status_code < 500, f"{what}: {r.status_code} {r.text[:300]}"
    assert 200 <= r.status_code < 300 or 400 <= r.status_code < 500, f"{what}: {r.status_code}"
    if r.status_code >= 400 and "json" in r.headers.get("content-type", ""):
        body = r.json()
        assert body["ok"] is False and body["status"] == r.status_code, what


def test_api_injection_every_get_parameter(sweep):
    desk, client = sweep
    ids = _ids(desk)
    rows = ids["rows"]
    before = _hashes(desk)
    cases = []  # (route path, kind, name, payload, url, params)
    for route in _routes("GET"):
        path_names = _params(route.dependant, "path")
        valid_path = {n: ids[n] for n in path_names}
        for name in path_names:
            for payload in PAYLOADS + [LONG_QUERY]:
                cases.append((route.path, "path", name, payload,
                              _fill(route.path, {**valid_path, name: payload}), None))
        for name in _params(route.dependant, "query"):
            for payload in PAYLOADS + [LONG_QUERY]:
                cases.append((route.path, "query", name, payload, _fill(route.path, valid_path),
                              {name: payload}))
    # read-only, so sent 8 at a time (thousands of requests)
    def get(case):
        try:
            return client.get(case[4], params=case[5])
        except httpx.HTTPError as exc:  # a server that drops the connection fails the sweep too
            return exc

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(get, cases))
    checked = 0
    for (path, kind, name, payload, _, _), r in zip(cases, responses):
        what = f"GET {path} {kind} {name}={payload[:40]!r}"
        assert isinstance(r, httpx.Response), f"{what}: {r!r}"
        _check_status(r, what)
        expected = expected_matches(rows, name, payload) if kind == "query" else None
        if expected is None or path not in ("/api/incidents", "/api/tally"):
            continue
        # a text filter is a value to compare, never a query to refuse: 200, exactly its matches
        assert r.status_code == 200, f"{what}: {r.status_code} {r.text[:200]}"
        if path == "/api/incidents":  # exactly the incidents the filter's rule matches
            assert {item["id"] for item in r.json()["items"]} == expected, what
            checked += 1
        elif path == "/api/tally":
            assert sum(row["incidents"] for row in r.json()["rows"]) == len(expected), what
            checked += 1
    assert _hashes(desk) == before
    # the sweep reached the routes and parameters that matter (it cannot pass by sweeping nothing)
    assert {c[2] for c in cases} >= {
        "country", "admin1", "actor", "event_type", "date_from", "date_to", "min_fatalities",
        "review_status", "sort", "limit", "offset", "by", "per", "format", "incident",
        "incident_id", "pos"}
    assert {c[0] for c in cases} >= {
        "/api/incidents", "/api/incidents/{incident_id}", "/api/tally", "/api/export", "/api/audit",
        "/incidents.json", "/incidents", "/incidents/{incident_id}", "/map.json", "/timeline.json"}
    assert checked >= 4 * 2 * len(PAYLOADS)  # four text filters on the list and the tally


def _valid_bodies(ids) -> dict[str, dict]:
    """A body each write route accepts (its last path segment names it)."""
    return {"fields": {"field": "location", "value": "Djibo", "reason": "checked"},
            "figures": {"event_id": ids["event_id"], "field": "status", "value": "reported",
                        "reason": "checked"},
            "approve": {"reason": "checked"}, "reject": {"reason": "checked"},
            "merge": {"other": ids["other"], "reason": "same event"},
            "split": {"report_event": ids["event_id"], "reason": "another event"},
            "ingest": {"reports": [{"text": "Gunmen killed 3 villagers in Djibo on Monday."}]},
            "extract": {"text": "Gunmen killed 3 villagers in Djibo on Monday."}}


def _links(desk) -> set:
    """Which report event is in which incident."""
    with desk.store() as s:
        return set(s.con.execute("SELECT event_id, incident_id, score FROM incident_links").fetchall())


def _last_edit(desk) -> tuple:
    with desk.store() as s:
        return s.con.execute("SELECT reason, new_value FROM edits ORDER BY id DESC LIMIT 1").fetchone()


def test_api_injection_every_write_path_id_and_body_field(sweep):
    desk, client = sweep
    ids = _ids(desk)
    bodies = _valid_bodies(ids)
    routes = [r for r in _routes("POST") if r.path.split("/")[-1] not in ("ingest", "extract")]
    assert len(routes) >= 6
    swept = []
    # 1. the incident id in the path, with a valid body: a 4xx, and not one row changes
    cases = [(route.path, payload) for route in routes for payload in PAYLOADS]
    before = _hashes(desk)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda c: client.post(_fill(c[0], {"incident_id": c[1]}),
                                                      json=bodies[c[0].split("/")[-1]]), cases))
    for (path, payload), r in zip(cases, answers):
        what = f"POST {path} incident_id={payload[:40]!r}"
        _check_status(r, what)
        assert r.status_code >= 400, what
    assert _hashes(desk) == before
    for route in routes:
        name = route.path.split("/")[-1]
        valid = bodies[name]
        # 2. each body field, on a real incident
        model = _body_model(route)
        for field in model.model_fields:
            if name in ("merge", "split") and field == "reason":
                continue  # the only way past their checks is a real merge or split (see below)
            swept.append((route.path, field))
            for payload in PAYLOADS + [LONG_BODY]:
                before, links = _hashes(desk), _links(desk)
                r = client.post(_fill(route.path, {"incident_id": ids["incident_id"]}),
                                json={**valid, field: payload})
                what = f"POST {route.path} {field}={payload[:40]!r}"
                _check_status(r, what)
                after = _hashes(desk)
                if r.status_code >= 400:
                    assert after == before, what
                    continue
                # a write that succeeded stored the string as data, verbatim, and touched only
                # the incident and the audit trail (one new row)
                assert {t for t in after if after[t] != before[t]} <= WRITE_TABLES, what
                assert after["edits"][0] == before["edits"][0] + 1, what
                assert _links(desk) == links, what
                reason, new_value = _last_edit(desk)
                stored = reason if field == "reason" else json.loads(new_value)
                assert stored == payload, what
    assert {"field", "value", "reason", "event_id", "other", "report_event"} <= {f for _, f in swept}


def test_api_injection_merge_and_split_reasons_are_stored_as_data(sweep):
    """The merge and split reasons, swept apart: each payload needs a real merge (then a split
    undoing it), so two payloads, not all."""
    desk, client = sweep
    ids = _ids(desk)
    for payload in ('"; DROP TABLE incidents; --', "' OR 1=1 --\x00"):
        with desk.store() as s:
            users = table_hashes(s.con, ["users", "reports", "figures"])
        taken = {link["event_id"] for link in
                 client.get(f"/api/incidents/{ids['other']}").json()["incident"]["links"]}
        r = client.post(f"/api/incidents/{ids['incident_id']}/merge",
                        json={"other": ids["other"], "reason": payload})
        assert r.status_code == 200, r.text
        merged = r.json()["incident"]
        assert _last_edit(desk)[0] == payload
        r = client.post(f"/api/incidents/{merged}/split",
                        json={"report_event": min(taken), "reason": payload})
        assert r.status_code == 200, r.text
        assert _last_edit(desk)[0] == payload
        with desk.store() as s:
            assert table_hashes(s.con, ["users", "reports", "figures"]) == users
        ids = _ids(desk)


def test_api_injection_ingest_and_extract_bodies(sweep):
    """The report routes store (ingest) or echo (extract) posted strings: as data, verbatim, or
    a 4xx; the users table and the analysts' edits never change."""
    desk, client = sweep
    from tallied.api.bodies import ReportIn

    fields = [f for f in ReportIn.model_fields if f != "published"]
    assert {"text", "id", "outlet", "url", "title"} <= set(fields)
    keep = ["users", "edits"]
    with desk.store() as s:
        before = table_hashes(s.con, keep)
    checked = 0
    for field in fields:
        reports = [{"text": f"Gunmen killed {i + 3} villagers in Djibo on Monday ({field}).",
                    "id": f"inj-{i}-{field}", field: payload}
                   for i, payload in enumerate(PAYLOADS + [LONG_BODY])]
        for report in reports:
            r = client.post("/api/extract", json=report)
            _check_status(r, f"extract {field}={report[field][:40]!r}")
        # a hostile string in a free-text field is data: the whole batch is taken
        r = client.post("/api/ingest", json={"reports": reports})
        assert r.status_code == 200, f"ingest {field}: {r.status_code} {r.text[:300]}"
        for report, answer in zip(reports, r.json()["reports"]):
            if answer["id"] is None or field == "text":
                continue
            with desk.store() as s:
                row = s.report(answer["id"])
            what = f"ingest {field}={report[field][:40]!r}"
            assert row[{"id": "external_id"}.get(field, field)] == report[field], what
            checked += 1
    assert checked >= 4 * len(PAYLOADS)  # id, outlet, url and title, each stored as sent
    with desk.store() as s:
        assert table_hashes(s.con, keep) == before
