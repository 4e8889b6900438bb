"""Every endpoint of the JSON API against a real server on the Hasakah store."""
from __future__ import annotations

from datetime import date

import httpx

from desk_live import live_server

HAMLET = ("Gunmen killed four farmers near Maiduguri in Borno state on Sunday, police said. "
          "The attackers fled on motorcycles.")


CLASH_A = ("Soldiers killed six militants in Bama, Borno state, on Sunday, the army said.")
CLASH_B = ("Troops killed nine insurgents near Dikwa in Borno state on Monday, a military "
           "spokesman said.")


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_api_openapi_documents_every_api_route(server, desk_store):
    from fastapi.routing import APIRoute

    from tallied.api.app import routes

    doc = httpx.get(server + "/api/openapi.json").json()
    assert len(routes()) > 15
    for route in routes():
        if isinstance(route, APIRoute) and route.path.startswith("/api/"):
            assert route.path in doc["paths"], route.path


def test_api_extract_stores_nothing(server, desk_store):
    with desk_store.store() as store:
        before = store.counts()
    r = httpx.post(server + "/api/extract", json={"text": HAMLET, "published": "2024-03-12"}, timeout=60)
    assert r.status_code == 200
    event = r.json()["events"][0]
    assert event["fatalities"] == 4 and event["admin1"]
    with desk_store.store() as store:
        assert store.counts() == before


def test_api_incidents_pagination_walks_every_incident_once(server):
    first = httpx.get(server + "/api/incidents", params={"limit": 1}).json()
    total = first["total"]
    assert total >= 2 and len(first["items"]) == 1
    seen = []
    for offset in range(total):
        page = httpx.get(server + "/api/incidents", params={"limit": 1, "offset": offset,
                                                            "sort": "id"}).json()
        seen += [row["id"] for row in page["items"]]
        assert page["next_offset"] == (offset + 1 if offset + 1 < total else None)
    assert len(seen) == len(set(seen)) == total
    beyond = httpx.get(server + "/api/incidents", params={"offset": total}).json()
    assert beyond["items"] == [] and beyond["total"] == total


def test_api_incidents_filters(server):
    syria = httpx.get(server + "/api/incidents", params={"country": "Syria"}).json()
    assert syria["total"] >= 1 and all(r["country"] == "Syria" for r in syria["items"])
    assert httpx.get(server + "/api/incidents", params={"country": "Peru"}).json()["total"] == 0
    big = httpx.get(server + "/api/incidents", params={"min_fatalities": 100}).json()
    assert big["total"] >= 1 and all(r["fatalities"] >= 100 for r in big["items"])
    assert httpx.get(server + "/api/incidents", params={"date_to": "2021-12-31"}).json()["total"] == 0


def test_api_incident_detail_has_reports_figures_tolls_and_exact_evidence(server, hasakah_id):
    body = httpx.get(server + f"/api/incidents/{hasakah_id}").json()
    inc, reports = body["incident"], body["reports"]
    assert inc["id"] == hasakah_id and inc["fatalities"] >= 27
    assert inc["toll_history"] and inc["links"] and reports
    text = reports[0]["clean_text"]
    spans = [f["evidence"] for f in reports[0]["figures"]]
    assert any(e["text"].startswith("175") for e in spans)
    for e in spans:
        assert text[e["start"]:e["end"]] == e["text"]
    for toll in inc["toll_history"]:
        for e in toll["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_api_tally(server):
    body = httpx.get(server + "/api/tally", params={"by": "country", "per": "month"}).json()
    syria = [r for r in body["rows"] if r["group"] == "Syria"]
    assert syria and syria[0]["period"].startswith("2022-01") and syria[0]["fatalities"] >= 27


def test_api_edit_field_shows_in_incident_and_audit(server, token, hasakah_id):
    r = httpx.post(server + f"/api/incidents/{hasakah_id}/fields", headers=auth(token),
                   json={"field": "location", "value": "Ghwayran prison, Al Hasakah",
                         "reason": "the prison is the place"})
    assert r.status_code == 200 and r.json()["ok"], r.text
    inc = httpx.get(server + f"/api/incidents/{hasakah_id}").json()["incident"]
    assert inc["location"] == "Ghwayran prison, Al Hasakah"
    audit = httpx.get(server + "/api/audit", params={"incident": hasakah_id}).json()["items"]
    latest = audit[0]
    assert (latest["user"], latest["action"], latest["field"]) == ("ana", "set_field", "location")
    assert latest["new_value"] == "Ghwayran prison, Al Hasakah" and latest["reason"]
    bad = httpx.post(server + f"/api/incidents/{hasakah_id}/fields", headers=auth(token),
                     json={"field": "fatalities", "value": "many", "reason": "x"})
    assert bad.status_code == 400 and "fatalities" in bad.json()["error"]


def test_api_edit_figure_review_merge_split(server, token, hasakah_id, desk_store):
    from tallied.pipeline import extract_text

    inc = httpx.get(server + f"/api/incidents/{hasakah_id}").json()["incident"]
    toll = next(t for t in inc["toll_history"] if t["kind"] == "killed")
    r = httpx.post(server + f"/api/incidents/{hasakah_id}/figures", headers=auth(token),
                   json={"event_id": toll["event_id"], "field": "fatalities", "value": 210,
                         "reason": "the SDF's later statement"})
    assert r.status_code == 200, r.text
    for action, body in (("reject", {"reason": "checking"}), ("approve", {})):
        r = httpx.post(server + f"/api/incidents/{hasakah_id}/{action}", headers=auth(token), json=body)
        assert r.status_code == 200, r.text
    assert httpx.get(server + f"/api/incidents/{hasakah_id}").json()["incident"]["review_status"] == "approved"

    # two reports of two clashes, merged by the analyst and split again
    with desk_store.store() as store:
        store.ingest([extract_text(text, published=date(2024, 3, day), outlet="Demo Wire")
                      for text, day in ((CLASH_A, 12), (CLASH_B, 20))])
    found = httpx.get(server + "/api/incidents", params={"country": "Nigeria", "sort": "-date"}).json()
    first, second = [row["id"] for row in found["items"]]
    r = httpx.post(server + f"/api/incidents/{first}/merge", headers=auth(token),
                   json={"other": second, "reason": "one operation"})
    assert r.status_code == 200, r.text
    merged = r.json()["incident"]
    links = httpx.get(server + f"/api/incidents/{merged}").json()["incident"]["links"]
    assert len(links) == 2
    assert httpx.get(server + "/api/incidents", params={"country": "Nigeria"}).json()["total"] == 1
    r = httpx.post(server + f"/api/incidents/{merged}/split", headers=auth(token),
                   json={"report_event": links[-1]["event_id"], "reason": "two clashes after all"})
    assert r.status_code == 200, r.text
    assert httpx.get(server + "/api/incidents", params={"country": "Nigeria"}).json()["total"] == 2
    actions = [e["action"] for e in httpx.get(server + "/api/audit").json()["items"]]
    assert {"set_figure", "reject", "approve", "merge", "split"} <= set(actions)
    assert httpx.post(server + f"/api/incidents/{merged}/merge", headers=auth(token),
                      json={"other": merged, "reason": "x"}).status_code == 400


def test_api_ingest_is_idempotent_and_needs_a_token(desk_store, token, nlp):
    from tallied.api import create_app

    with live_server(create_app(desk_store)) as url:
        body = {"reports": [{"text": HAMLET, "published": "2024-03-12", "outlet": "Demo Wire",
                             "id": "hamlet-1"}]}
        assert httpx.post(url + "/api/ingest", json=body).status_code == 401
        first = httpx.post(url + "/api/ingest", json=body, headers=auth(token), timeout=60).json()
        assert first["ok"] and first["summary"]["new"] == 1
        again = httpx.post(url + "/api/ingest", json=body, headers=auth(token), timeout=60).json()
        assert again["summary"]["new"] == 0
        found = httpx.get(url + "/api/incidents", params={"actor": "", "min_fatalities": 4, "date_from": "2024-03-01", "date_to": "2024-03-31"}).json()
        assert any(row["fatalities"] == 4 and row["country"] == "Nigeria" for row in found["items"])


def test_api_me(server, token):
    assert httpx.get(server + "/api/me", headers=auth(token)).json() == {"ok": True, "user": "ana"}


def test_api_export_downloads(server):
    import csv
    import io
    import json

    from tallied.export.incidents import ACLED_COLUMNS, UCDP_COLUMNS

    total = httpx.get(server + "/api/incidents").json()["total"]
    r = httpx.get(server + "/api/export", params={"format": "acled"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) > 1
    r = httpx.get(server + "/api/export", params={"format": "ucdp", "country": "Syria"})
    assert tuple(next(csv.reader(io.StringIO(r.text)))) == UCDP_COLUMNS
    geo = httpx.get(server + "/api/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lines = httpx.get(server + "/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["id"]
    assert httpx.get(server + "/api/export", params={"format": "parquet"}).content[:4] == b"PAR1"
    assert httpx.get(server + "/api/export", params={"format": "xls"}).status_code == 400
