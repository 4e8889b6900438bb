"""The review page in a real browser: Playwright driving Debian's Chromium (installed by
.ci/run; never `playwright install`). Screenshots go to docs/img/ for the README."""
from __future__ import annotations

import math
import shutil
from pathlib import Path

import httpx
import pytest

from desk_fixtures import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO_ROOT / "docs" / "img"

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None and not Path(CHROMIUM).exists(),
                                reason="Debian chromium is not installed (.ci/run installs it)")

HOSTILE = ("<script>alert('script')</script> Gunmen killed five villagers in Gwoza, Borno state, "
           "on Tuesday, police said. <img src=x onerror=\"alert('img')\"> Read more: "
           "<a href=\"javascript:alert('link')\">click here</a> javascript:alert('bare')")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("dialog", lambda dialog: (pg.errors.append("dialog: " + dialog.message), dialog.dismiss()))
    yield pg
    context.close()


def _twin(server, path, query=""):
    return httpx.get(server + path + ".json" + query).json()


def test_web_incident_highlights_175_and_27_with_their_source(page, server, hasakah_id):
    page.goto(server + f"/incidents/{hasakah_id}")
    twin = _twin(server, f"/incidents/{hasakah_id}")
    for number in (175, 27):
        span = page.locator(".report-text .ev.f-figure", has_text=f"{number} ").first
        assert span.is_visible()
        figure = next(g for g in twin["figures"] if g["best"] == number and g["kind"] == "killed")
        assert figure["according_to"] and "SDF" in figure["according_to"]
        row = page.locator(f"[id='figure-{figure['id']}']")
        text = row.inner_text()
        assert str(number) in text and figure["according_to"] in text
        assert "The Telegraph" in text and "2022-01-24" in text and "reported" in text
        refs = span.get_attribute("data-refs").split()
        assert figure["ref"] in refs  # the row and its span point at each other
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "incident.png"))
    assert page.errors == []


def test_web_click_on_fatalities_marks_its_span(page, server, hasakah_id):
    page.goto(server + f"/incidents/{hasakah_id}")
    assert page.locator(".ev.marked").count() == 0
    page.click("#field-fatalities")
    marked = page.locator(".ev.marked")
    assert marked.count() >= 1
    for i in range(marked.count()):
        assert "fatalities" in marked.nth(i).get_attribute("data-refs").split()
    texts = " | ".join(marked.nth(i).inner_text() for i in range(marked.count()))
    assert "175" in texts or "200" in texts
    page.wait_for_function("() => { const r = document.querySelector('.ev.marked').getBoundingClientRect();"
                           " const box = document.querySelector('.report-text').getBoundingClientRect();"
                           " return r.top >= box.top && r.bottom <= box.bottom; }", timeout=5000)
    page.click("#field-location")  # another field moves the mark
    assert all("location" in page.locator(".ev.marked").nth(i).get_attribute("data-refs").split()
               for i in range(page.locator(".ev.marked").count()))


def test_web_analyst_corrects_a_count_and_approves_with_the_keyboard(page, server, hasakah_id,
                                                                     token, desk_store):
    page.goto(server + "/incidents")
    page.fill("#token", token)
    page.press("#token", "Enter")
    page.locator("#token").blur()  # keys typed into a field are text, not shortcuts
    page.keyboard.press("j")
    assert page.locator("tr.selected").get_attribute("data-id") == page.locator("tr[data-id]").nth(1).get_attribute("data-id")
    page.keyboard.press("k")
    page.keyboard.press("Enter")
    page.wait_for_url("**/incidents/inc-*")
    first = page.url
    with page.expect_navigation():  # j on an incident opened from the list: the next one
        page.keyboard.press("j")
    assert page.url != first and "/incidents/inc-" in page.url
    with page.expect_navigation():
        page.keyboard.press("k")
    assert page.url.split("?")[0] == first.split("?")[0]
    page.goto(server + f"/incidents/{hasakah_id}")
    form = page.locator("#edit-figure")
    event_id = form.locator("select[name=event_id] option").first.get_attribute("value")
    form.locator("select[name=field]").select_option("fatalities")
    form.locator("input[name=value]").fill("215")
    form.locator("input[name=reason]").fill("SDF update on day five")
    with page.expect_navigation():
        form.locator("button").click()
    assert page.locator("#status").inner_text() == "" or "error" not in page.locator("#status").get_attribute("class")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert page.locator("#review-status").inner_text() == "approved"
    assert page.errors == []
    with desk_store.store() as store:
        inc = store.incident(hasakah_id)
        assert inc.review_status == "approved"
        edits = [(e.action, e.user, e.target, e.new_value, e.reason) for e in store.audit(hasakah_id)]
    assert ("set_figure", "ana", event_id, 215, "SDF update on day five") in edits
    assert any(a == "approve" and u == "ana" for a, u, *_ in edits)


def test_web_map_has_a_marker_at_hasakah(page, server, hasakah_id, hasakah_paths, with_demo_reports):
    _, expected = hasakah_paths
    place = expected["place"]
    point = next(p for p in _twin(server, "/map")["points"] if p["id"] == hasakah_id)
    dlat = math.radians(point["latitude"] - place["latitude"])
    dlon = math.radians(point["longitude"] - place["longitude"]) * math.cos(math.radians(place["latitude"]))
    assert 6371 * math.hypot(dlat, dlon) <= place["tolerance_km"]
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready][data-basemap-ready]")
    marker = page.locator(f"path.incident-marker[data-id='{hasakah_id}']")
    assert marker.count() == 1 and marker.is_visible()
    points = _twin(server, "/map")["points"]
    assert page.locator("path.incident-marker").count() == len(points) > 1
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # the country outlines drew
    page.wait_for_selector("#map[data-basemap-ready]")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "map.png"))
    with page.expect_navigation():
        marker.dispatch_event("click")
    assert page.url.endswith(f"/incidents/{hasakah_id}")
    assert page.errors == []


def test_web_timeline_draws_deaths_per_day_by_side(page, server, with_demo_reports):
    query = "?date_from=2024-01-01&date_to=2024-12-31"
    twin = _twin(server, "/timeline", query)
    assert twin["total_deaths"] > 0 and len([d for d in twin["days"] if d["total"]]) > 1
    page.goto(server + "/timeline" + query)
    bars = page.locator("svg rect[class^=side-]")
    assert bars.count() == len(twin["chart"]["points"]) > 0
    page.screenshot(path=str(SHOTS / "timeline.png"))
    assert page.errors == []


def test_web_hostile_report_renders_as_text_and_runs_nothing(page, server, token, nlp):
    body = {"reports": [{"text": HOSTILE, "published": "2024-05-02", "outlet": "<b>Evil</b> Wire",
                         "title": "<img src=y onerror=alert('title')>",
                         "url": "javascript:alert('url')"}]}
    r = httpx.post(server + "/api/ingest", json=body, headers={"Authorization": f"Bearer {token}"},
                   timeout=60)
    assert r.status_code == 200, r.text
    rid = r.json()["reports"][0]["id"]
    found = httpx.get(server + "/api/incidents", params={"date_from": "2024-04-25",
                                                        "date_to": "2024-05-05"}).json()["items"]
    iid = next(row["id"] for row in found
               if rid in {l["report_id"] for l in httpx.get(server + f"/api/incidents/{row['id']}").json()["incident"]["links"]})
    for path in (f"/incidents/{iid}", "/incidents", "/map", "/audit"):
        page.goto(server + path)
        page.wait_for_timeout(200)
    page.goto(server + f"/incidents/{iid}")
    text = page.locator(".report-text").first.inner_text()
    assert "<script>alert('script')</script>" in text and "onerror=" in text
    assert page.locator(".report-text script, .report-text img, .report-text a").count() == 0
    assert page.locator("h2", has_text="<img src=y").count() == 1  # the title, as text
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("img").count() == 0
    assert page.errors == []
