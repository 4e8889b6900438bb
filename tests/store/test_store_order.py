"""Issue #8, checks 2 and 3: idempotence, order independence, analyst decisions that survive."""
from __future__ import annotations

import hashlib

from tallied.store import TABLES, Store

from .conftest import main_incident, membership, shuffled


def _table_hashes(store) -> dict[str, tuple[int, str]]:
    out = {}
    for t in TABLES:
        rows = store.con.execute(f"SELECT * FROM {t}").fetchall()
        digest = hashlib.sha256("\n".join(sorted(repr(r) for r in rows)).encode()).hexdigest()
        out[t] = (len(rows), digest)
    return out


def test_ingest_twice_changes_nothing(store, cluster_results):
    results = cluster_results["solhan-2021"]
    store.ingest(results)
    before = _table_hashes(store)
    summary = store.ingest(results)
    assert summary.new == 0 and summary.exact_duplicates == len(results)
    assert _table_hashes(store) == before


def test_one_at_a_time_in_publication_order_equals_one_batch(tmp_path, cluster_results):
    results = cluster_results["owo-church-2022"] + cluster_results["mogadishu-zoobe-2017"]
    with Store.open(tmp_path / "batch.duckdb") as batch:
        batch.ingest(results)
        expected = membership(batch)
    ordered = sorted(results, key=lambda r: (r.report.published is None, str(r.report.published)))
    with Store.open(tmp_path / "single.duckdb") as single:
        for r in ordered:
            single.ingest([r])
        assert membership(single) == expected
        inc = main_incident(single, "mogadishu")
        dated = [t.published for t in inc.toll_history if t.kind == "killed" and t.published]
        assert dated == sorted(dated)
    with Store.open(tmp_path / "shuffled.duckdb") as other:
        other.ingest(shuffled(results, seed=3), batch_size=3)
        assert membership(other) == expected


def test_analyst_decisions_survive_reingest(store, cluster_results):
    solhan, owo = cluster_results["solhan-2021"], cluster_results["owo-church-2022"]
    store.ingest(solhan[:6])
    inc = main_incident(store, "solhan")
    store.set_field(inc.id, "fatalities", 132, user="ana", reason="the official toll")
    victim = sorted(l["event_id"] for l in inc.links)[-1]
    new_id = store.split(inc.id, victim, user="ana", reason="not this event")
    assert new_id != inc.id
    store.ingest(owo[:3])
    other = main_incident(store, "owo")
    merged = store.merge(new_id, other.id, user="ben", reason="test merge")
    # the same reports again, and new ones
    store.ingest(solhan)
    store.ingest(owo)
    after = store.incident(inc.id)
    assert after.fields["fatalities"] == 132
    assert after.rules["fatalities"] == "set by an analyst"
    assert victim not in {l["event_id"] for l in after.links}
    owner = store.con.execute("SELECT incident_id FROM incident_links WHERE event_id = ?", [victim]).fetchone()[0]
    owner_events = {l["event_id"] for l in store.incident(owner).links}
    assert owner == merged and victim in owner_events and len(owner_events) > 1
    trail = store.audit()
    actions = [(e.user, e.action) for e in trail]
    assert ("ana", "set_field") in actions and ("ana", "split") in actions and ("ben", "merge") in actions
    edit = next(e for e in trail if e.action == "set_field")
    assert edit.new_value == 132 and edit.old_value not in (None, 132) and edit.reason == "the official toll"
    assert edit.at


def test_stale_edit_is_refused_with_current_value(store, cluster_results):
    import pytest

    from tallied.errors import ConflictError

    store.ingest(cluster_results["solhan-2021"][:4])
    inc = main_incident(store, "solhan")
    old = inc.fields["fatalities"]
    store.set_field(inc.id, "fatalities", 150, user="ana", expected=old)
    with pytest.raises(ConflictError) as err:
        store.set_field(inc.id, "fatalities", 140, user="ben", expected=old)
    assert err.value.current == 150
    assert store.incident(inc.id).fields["fatalities"] == 150


def test_approve_and_figure_edit(store, cluster_results):
    store.ingest(cluster_results["solhan-2021"][:4])
    inc = main_incident(store, "solhan")
    assert store.approve(inc.id, user="ana") == "approved"
    eid = inc.links[0]["event_id"]
    store.set_figure(inc.id, eid, "status", "claimed", user="ana", reason="a claim")
    after = store.incident(inc.id)
    assert after.review_status == "approved"
    entry = next(t for t in after.toll_history if t.event_id == eid and t.kind == "killed")
    assert entry.status == "claimed"


def test_merge_of_two_events_of_one_report_is_refused(store, cluster_results):
    import pytest

    from tallied.errors import UsageError

    store.ingest(cluster_results["solhan-2021"])
    row = store.con.execute(
        "SELECT a.incident_id, b.incident_id FROM incident_links a JOIN incident_links b "
        "ON split_part(a.event_id, ':', 1) = split_part(b.event_id, ':', 1) AND a.incident_id < b.incident_id "
        "LIMIT 1").fetchone()
    assert row, "the Solhan cluster has a report with two events in two incidents"
    before = store.counts()
    with pytest.raises(UsageError, match="two events of one report"):
        store.merge(row[0], row[1], user="ana")
    assert store.counts() == before


def test_reopened_store_blocks_as_the_one_that_built_its_index(tmp_path, cluster_results):
    """The blocking index lives in memory (tallied/store/blocking.py): a Store that loads it from
    the tables finds the same candidates as the one that built it batch by batch."""
    results = cluster_results["solhan-2021"] + cluster_results["owo-church-2022"]
    with Store.open(tmp_path / "whole.duckdb") as whole:
        whole.ingest(results, batch_size=4)
        expected = _table_hashes(whole)
    half = 8  # the same batches of 4 as above; only the Store is closed and opened between
    with Store.open(tmp_path / "reopened.duckdb") as first:
        first.ingest(results[:half], batch_size=4)
    with Store.open(tmp_path / "reopened.duckdb") as second:
        second.ingest(results[half:], batch_size=4)
        got = _table_hashes(second)
    for t in TABLES:
        if t not in ("reports",):  # ingested_at differs
            assert got[t] == expected[t], t
