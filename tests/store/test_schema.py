"""The store's schema: a database of an older version is migrated forward on open (issue #8)."""
from __future__ import annotations

import duckdb

from tallied.store import SCHEMA_VERSION, Store
from tallied.store.schema import MIGRATIONS


def _indexes(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}


def test_schema_v1_database_is_migrated_and_loses_the_unread_indexes(tmp_path, cluster_results):
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    assert {"report_bands_idx", "event_keys_key", "event_keys_event"} <= _indexes(con)
    con.close()

    store = Store.open(path)
    try:
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION == 2
        assert not {"report_bands_idx", "event_keys_key", "event_keys_event"} & _indexes(store.con)
        summary = store.ingest(cluster_results["owo-church-2022"])
        assert summary.new == 10 and store.counts()["incidents"] >= 1
    finally:
        store.close()
