"""One store for the desk tests: the Hasakah example ingested, a user with a token, and a real
uvicorn server on a free loopback port (tests/desk_live.py).

tests/web/conftest.py imports these fixtures too: each folder gets its own store."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desk_live import live_server

REPO_ROOT = Path(__file__).resolve().parents[1]
# the project's own demo reports (examples/README.md) and the publication date of each
DEMO_REPORTS = [("sahel-ambush.txt", "2024-03-12"), ("sahel-ambush-claim.txt", "2024-03-13"),
                ("sahel-ambush-update.txt", "2024-03-14"), ("syria-drone-strike.txt", "2024-08-21"),
                ("nigeria-abduction.txt", "2024-05-18"), ("ukraine-shelling.txt", "2024-06-04"),
                ("sudan-market-attack.html", "2024-07-02")]


@pytest.fixture(scope="session")
def hasakah_paths(shared):
    text = shared / "examples" / "hasakah-prison-2022.txt"
    expected = json.loads((shared / "examples" / "hasakah-prison-2022.expected.json").read_text())
    return text, expected


@pytest.fixture(scope="session")
def desk_store(tmp_path_factory, nlp, hasakah_paths):
    from tallied.api.desk import Desk
    from tallied.pipeline import extract_reports

    text, expected = hasakah_paths
    run = expected["run_with"]
    desk = Desk.open(str(tmp_path_factory.mktemp("desk") / "desk.duckdb"), create=True)
    with desk.store() as store:
        store.ingest(extract_reports([str(text)], published=date.fromisoformat(run["published"]),
                                     outlet=run["outlet"]))
    yield desk
    desk.close()


@pytest.fixture(scope="session")
def token(desk_store):
    return desk_store.add_user("ana")


@pytest.fixture(scope="session")
def server(desk_store, token):
    from tallied.api import create_app

    with live_server(create_app(desk_store)) as url:
        yield url


@pytest.fixture(scope="session")
def hasakah_id(desk_store):
    """The Hasakah incident: the one with the highest toll in Al-Hasakah."""
    from tallied.store import IncidentFilter

    with desk_store.store() as store:
        rows, _ = store.incidents(IncidentFilter(country="Syria", admin1="Al-Hasakah"), limit=1,
                                  sort="fatalities")
    return rows[0]["id"]


@pytest.fixture(scope="session")
def with_demo_reports(desk_store):
    """The demo reports too, so the map and the timeline have more than one place and day."""
    from tallied.pipeline import extract_reports

    with desk_store.store() as store:
        for name, published in DEMO_REPORTS:
            store.ingest(extract_reports([str(REPO_ROOT / "examples" / name)],
                                         published=date.fromisoformat(published), outlet="Demo Wire"))
    return desk_store
