"""The Dask path gives what one process gives: a LocalCluster of 2 workers on loopback codes 500
reports (two multi-report clusters among them) into a Parquet dataset, and every event and
report row equals, field by field, the row of a single-process run; the incidents the workers
reconcile per block (a country) equal, field by field, those of a single-process store,
apart from incidents whose report events lie in two countries (counted, and checked to be split
along the block boundary only)."""
from __future__ import annotations

import json
import random

import pytest

pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("distributed")

from tallied import ingest  # noqa: E402
from tallied.settings import SETTINGS  # noqa: E402
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


@pytest.fixture(scope="module")
def dataset(reports_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask-out") / "dataset"
    summary = run([str(reports_file)], str(out), address="local:2", partition_size=60)
    return summary, out


@pytest.fixture(scope="module")
def single_store(single_results, tmp_path_factory):
    from tallied.store import Store

    path = tmp_path_factory.mktemp("one") / "one.duckdb"
    with Store.open(path) as one:
        one.ingest(single_results)
    return path


def test_dask_local_cluster_same_rows_as_one_process(dataset, single_results):
    summary, out = dataset
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


def test_ingest_through_dask_same_incidents_figures_and_tallies(reports_file, single_store, tmp_path):
    """Issue #11, check 3: `tallied ingest --dask local:2` into a store gives the incidents,
    figures and tallies of a single-process ingest, field by field."""
    from tallied.cli import main
    from tallied.store import Store

    db_dask, db_one = tmp_path / "dask.duckdb", single_store
    assert main(["ingest", str(reports_file), "--db", str(db_dask), "--dask", "local:2", "--quiet"]) in (0, 1)
    with Store.open(db_dask, read_only=True) as got, Store.open(db_one, read_only=True) as want:
        assert got.counts() == want.counts()
        assert _incidents(got) == _incidents(want)
        figures = "SELECT id, kind, low, best, high, status, scope, according_to, ev_start, ev_end FROM figures ORDER BY id"
        assert got.con.execute(figures).fetchall() == want.con.execute(figures).fetchall()
        for by in ("country", "actor"):
            assert got.tally(by, "month") == want.tally(by, "month")


def _by_members(incidents: list[dict], links: list[dict]) -> dict[frozenset, dict]:
    """Incidents keyed by their report events: every reconciled field, the counts of reports
    and sources, and the toll history."""
    from tallied.store.incidents import INCIDENT_COLUMNS

    members: dict[str, set] = {}
    for link in links:
        members.setdefault(link["incident_id"], set()).add(link["event_id"])
    out = {}
    for inc in incidents:
        fields = {c: inc[c] for c in INCIDENT_COLUMNS + ("n_reports", "n_sources", "review_status")}
        history = inc["toll_history"]
        fields["toll_history"] = json.loads(history) if isinstance(history, str) else history
        out[frozenset(members[inc["id"]])] = fields
    return out


def _dataset_incidents(out) -> dict[frozenset, dict]:
    from tallied.scale.dataset import connect

    con = connect(str(out))
    cur = con.execute("SELECT * EXCLUDE (block_iso3, block_month) FROM incidents")
    names = [d[0] for d in cur.description]
    incidents = [dict(zip(names, row)) for row in cur.fetchall()]
    for inc in incidents:
        for c in ("event_date", "date_start", "date_end"):
            inc[c] = inc[c].isoformat() if inc[c] is not None else None
    links = [dict(zip(("incident_id", "event_id"), r)) for r in
             con.execute("SELECT incident_id, event_id FROM incident_links").fetchall()]
    con.close()
    return _by_members(incidents, links)


def _split(want: dict[frozenset, dict], got: dict[frozenset, dict], block: dict[str, str]) -> list[frozenset]:
    """Check that ``got`` has every incident of ``want`` whose report events lie in one block,
    field by field, and the others split along block boundaries only; returns the others."""
    straddling = [m for m in want if len({block[e] for e in m}) > 1]
    for members, fields in want.items():
        if members in straddling:
            parts = [m for m in got if m & members]
            assert all(m <= members and len({block[e] for e in m}) == 1 for m in parts), sorted(members)
            continue
        assert members in got, sorted(members)
        for name, value in fields.items():
            assert got[members][name] == value, (sorted(members), name)
    return straddling


def test_dataset_incidents_per_country_same_as_one_store(dataset, single_store):
    """Issue #11: reconciliation per block (a country) on the workers gives the single-process
    store's incidents field by field, and its tally per country and month; an incident of the
    store with report events in two countries is the one exception, split at the boundary."""
    from tallied.scale.dataset import tally
    from tallied.store import Store
    from tallied.store.block import incident_link_rows

    summary, out = dataset
    got = _dataset_incidents(out)
    with Store.open(single_store, read_only=True) as one:
        want = _by_members(one.incident_rows(), incident_link_rows(one))
        block = dict(one.con.execute("SELECT id, coalesce(iso3, 'none') FROM report_events").fetchall())
        want_tally = one.tally("country", "month")
    assert summary.incidents == len(got) and summary.blocks == len(set(block.values()))
    # the same report events are reconciled, each into exactly one incident
    assert sum(len(m) for m in got) == len(set().union(*got)) == len(set().union(*want)) == len(block)
    straddling = _split(want, got, block)
    multi = [m for m in want if len(m) > 1]
    assert len(straddling) < len(multi) / 4

    def cell(fields):
        month = fields["event_date"][:7] + "-01" if fields["event_date"] else None
        return fields["country"] or "(unknown)", month

    # the tally rows the split incidents fall in differ; every other row is the store's
    split = {cell(want[m]) for m in straddling} | {cell(f) for m, f in got.items()
                                                   if any(m & s for s in straddling)}
    got_tally = tally(str(out), "country", "month")
    print(f"\nstore: {len(want)} incidents ({len(multi)} of several report events); dataset: {len(got)}; "
          f"in two countries: {len(straddling)} ({sum(len(m) for m in straddling)} report events); "
          f"tally rows they touch: {len(split)} of {len(want_tally)}")
    assert [r for r in got_tally if (r["group"], r["period"]) not in split] == \
        [r for r in want_tally if (r["group"], r["period"]) not in split]
    assert len(got_tally) > 100 and len(split) < len(want_tally) / 10


def test_blocks_by_month_split_a_cluster_that_blocks_by_country_keep(single_results):
    """The Solhan reports date their attack to June 2021 or leave it undated: per country and
    month they fall in two blocks and make more incidents than per country, where they make the
    store's one."""
    from tallied.scale.blocks import group, reconcile

    solhan = [r for r in single_results if r.id.startswith("solhan-2021")]
    by_country, _ = reconcile(group(solhan, "country"), "country", SETTINGS)
    by_month, _ = reconcile(group(solhan, "month"), "month", SETTINGS)
    assert set(by_month.column("block_month").to_pylist()) >= {"2021-06", "none"}
    assert by_country.column("block_month").to_pylist() == ["all"] * by_country.num_rows
    assert by_month.num_rows > by_country.num_rows
    biggest = max(by_country.column("n_reports").to_pylist())
    assert biggest > max(by_month.column("n_reports").to_pylist())
