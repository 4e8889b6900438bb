"""The Dask path gives what one process gives: a LocalCluster of 2 workers on loopback codes 500
reports (two multi-report clusters among them) into a Parquet dataset, and every event and
report row equals, field by field, the row of a single-process run."""
from __future__ import annotations

import json
import random

import pytest

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

from tallied import ingest  # noqa: E402
from tallied.pipeline import process  # noqa: E402
from tallied.scale import run  # noqa: E402
from tallied.scale.rows import event_rows, report_row  # noqa: E402

KEEP = ("id", "text", "published", "outlet")  # what a report is; nothing of the evaluation gold


@pytest.fixture(scope="module")
def reports_file(shared, tmp_path_factory):
    rows = []
    for name in ("solhan-2021", "owo-church-2022"):
        path = shared / "examples" / "clusters" / name / "reports.jsonl"
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = (shared / "eval" / "pool" / "events.jsonl").read_text(encoding="utf-8").splitlines()
    rows += [json.loads(line) for line in random.Random(5).sample(pool, 500 - len(rows))]
    path = tmp_path_factory.mktemp("dask") / "reports.jsonl"
    path.write_text("".join(json.dumps({k: r[k] for k in KEEP if k in r}) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _read(folder) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(str(folder), format="parquet", partitioning="hive").to_table().to_pylist()


@pytest.fixture(scope="module")
def single_results(reports_file):
    return list(process(ingest.run([str(reports_file)])))


def test_dask_local_cluster_same_rows_as_one_process(reports_file, single_results, tmp_path):
    out = tmp_path / "dataset"
    summary = run([str(reports_file)], str(out), address="local:2", partition_size=60)
    assert summary.workers == 2 and summary.reports == 500 and summary.partitions == 9

    results = single_results
    want_events = {(r["report_id"], r["event_index"]): r for res in results for r in event_rows(res)}
    want_reports = {r["report_id"]: r for r in map(report_row, results)}

    got_events = {(r["report_id"], r["event_index"]): r for r in _read(out / "events")}
    got_reports = {r["report_id"]: r for r in _read(out / "reports")}
    assert len(want_events) > 400 and summary.events == len(want_events)
    assert set(got_events) == set(want_events)
    assert set(got_reports) == set(want_reports)
    for key, want in want_events.items():
        got = got_events[key]
        for name, value in want.items():
            assert got[name] == value, (key, name)
    for key, want in want_reports.items():
        assert got_reports[key] == want, key
    # the clusters' reports are in, each with its primary event
    assert sum(1 for k in got_events if k[0].startswith(("solhan-2021", "owo-church-2022")) and k[1] == 0) == 20


def test_dask_refuses_a_non_empty_output(reports_file, tmp_path):
    from tallied.errors import UsageError

    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="exists and is not empty"):
        run([str(reports_file)], str(tmp_path), address="local:1")


def test_dask_bad_address(reports_file, tmp_path):
    from tallied.errors import UsageError

    with pytest.raises(UsageError, match="expected local"):
        run([str(reports_file)], str(tmp_path / "o"), address="local:zero")


def _incidents(store) -> dict[frozenset, tuple]:
    """Incidents keyed by the report events behind them, with their reconciled fields."""
    from tallied.store.incidents import INCIDENT_COLUMNS

    rows = store.con.execute(
        "SELECT incident_id, list(event_id) FROM incident_links GROUP BY 1").fetchall()
    out = {}
    for iid, members in rows:
        fields = store.con.execute(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents WHERE id = ?",
                                   [iid]).fetchone()
        out[frozenset(members)] = fields
    return out


def test_ingest_through_dask_same_incidents_figures_and_tallies(reports_file, single_results, tmp_path):
    """Issue #11, check 3: `tallied ingest --dask local:2` into a store gives the incidents,
    figures and tallies of a single-process ingest, field by field."""
    from tallied.cli import main
    from tallied.store import Store

    db_dask, db_one = tmp_path / "dask.duckdb", tmp_path / "one.duckdb"
    assert main(["ingest", str(reports_file), "--db", str(db_dask), "--dask", "local:2", "--quiet"]) in (0, 1)
    with Store.open(db_one) as one:
        one.ingest(single_results)
    with Store.open(db_dask, read_only=True) as got, Store.open(db_one, read_only=True) as want:
        assert got.counts() == want.counts()
        assert _incidents(got) == _incidents(want)
        figures = "SELECT id, kind, low, best, high, status, scope, according_to, ev_start, ev_end FROM figures ORDER BY id"
        assert got.con.execute(figures).fetchall() == want.con.execute(figures).fetchall()
        for by in ("country", "actor"):
            assert got.tally(by, "month") == want.tally(by, "month")
