"""Issue #12 item 6, bounded: bench/load.py at a small size against a real ``tallied serve``
subprocess. 200 extract requests at concurrency 8, then 100 reports ingested in batches while
incident-list and tally queries arrive: no error, no report lost, none stored twice.
(The full size, 5,000 requests at 16 and 2,000 reports, is ``python bench/load.py``; README.)"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("tallied_bench_load", REPO / "bench" / "load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run(load, shared, tmp_path_factory):
    cfg = load.LoadConfig(extract_requests=200, concurrency=8, ingest=100, ingest_batch=10,
                          ingest_concurrency=2, query_rate=5.0,
                          pool=str(shared / "eval" / "pool" / "events.jsonl"))
    workdir = tmp_path_factory.mktemp("load")
    return load.run(cfg, workdir), workdir


def test_load_small_run_has_no_errors_and_loses_nothing(run, load):
    summary, _ = run
    print(load.render(summary))
    kinds = summary["kinds"]
    assert summary["errors"] == 0, [k["first_errors"] for k in kinds.values()]
    assert kinds["extract"]["requests"] == 200 and kinds["extract"]["errors"] == 0
    assert kinds["ingest_batch"]["requests"] == 10
    # queries really ran while the ingest did (open loop at 5/s each)
    assert kinds["incident_list"]["requests"] >= 3 and kinds["tally"]["requests"] >= 3
    r = summary["reports"]
    assert r["lost"] == 0 and r["twice"] == 0
    assert r["stored"] + r["skipped"] + r["exact_duplicates"] == r["sent"] == 100
    assert summary["ingest"]["summary"]["read"] == 100
    assert r["stored"] == summary["ingest"]["summary"]["new"]


def test_load_ledger_finds_a_lost_and_a_doubled_report(run, load):
    """The check itself: a report that was never stored is lost; one stored under two rows is
    counted twice."""
    summary, workdir = run
    db = workdir / "load.duckdb"
    ids = [f"load-{i:06d}" for i in range(100)]
    ledger = load.account(db, ids + ["load-never-sent"], {})
    assert ledger["lost"] == ["load-never-sent"]
    from tallied.store import Store

    with Store.open(db, create=False) as store:  # a second row for one feed id
        store.con.execute("INSERT INTO skips (id, source, external_id, reason, message) "
                          "VALUES ('x', 'request:load-000001', 'load-000001', 'empty', 'x')")
    assert load.account(db, ids, {})["twice"] == ["load-000001"]


def test_load_extraction_check_refuses_a_wrong_answer(load):
    good = {"ok": True, "source": "request:x-1", "skipped": None, "figures": [],
            "events": [{"event_type": "Battles",
                        "evidence": {"actor1": [{"start": 4, "end": 9, "text": "JNIM "}]}}]}
    assert load.extraction_problem(good, "x-1") is None
    assert "not this report" in load.extraction_problem(good, "x-2")
    bad = {**good, "events": [{"event_type": "Battles",
                               "evidence": {"actor1": [{"start": 4, "end": 12, "text": "JNIM"}]}}]}
    assert "evidence span" in load.extraction_problem(bad, "x-1")
