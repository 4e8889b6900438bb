"""Fixtures for the monitor's tests: the clusters' reports coded once per test session, and a
real DuckDB file per test."""
from __future__ import annotations

import json
import random

import pytest

CLUSTERS = ("mogadishu-zoobe-2017", "owo-church-2022", "solhan-2021")


@pytest.fixture(scope="session")
def cluster_results(shared):
    """{cluster: [Result, ...]}: every cluster's reports through the pipeline, once."""
    from tallied.pipeline import extract_reports

    out = {}
    for c in CLUSTERS:
        out[c] = list(extract_reports([str(shared / "examples" / "clusters" / c / "reports.jsonl")]))
    return out


@pytest.fixture(scope="session")
def cluster_expected(shared):
    return {c: json.loads((shared / "examples" / "clusters" / c / "expected.json").read_text())
            for c in CLUSTERS}


@pytest.fixture
def store(tmp_path):
    from tallied.store import Store

    s = Store.open(tmp_path / "test.duckdb")
    yield s
    s.close()


def shuffled(items, seed=7):
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


def membership(store) -> set[frozenset[str]]:
    """Incidents as sets of the external report ids behind them (ids are not compared)."""
    rows = store.con.execute(
        "SELECT l.incident_id, r.external_id FROM incident_links l JOIN report_events e ON e.id = l.event_id "
        "JOIN reports r ON r.id = e.report_id").fetchall()
    groups: dict[str, set[str]] = {}
    for iid, ext in rows:
        groups.setdefault(iid, set()).add(ext)
    return {frozenset(g) for g in groups.values()}


def main_incident(store, cluster: str):
    """The incident that holds most of a cluster's reports."""
    rows = store.con.execute(
        "SELECT l.incident_id, count(DISTINCT r.id) n FROM incident_links l JOIN report_events e ON e.id = l.event_id "
        "JOIN reports r ON r.id = e.report_id WHERE r.external_id LIKE ? GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1",
        [cluster + "%"]).fetchone()
    return store.incident(rows[0])
