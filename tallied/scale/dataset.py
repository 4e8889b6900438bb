"""Querying a dataset that a Dask run wrote, in place, with DuckDB: nothing is loaded or copied.

    con = connect("out/")                        # views: incidents, incident_links, events, reports
    rows = tally("out/", by="country", per="month")   # the store's tally, on the dataset

The ``incidents`` view has the store's incident columns (dates as DATE again, as in the store),
so the store's own tally query (:func:`tallied.store.read.tally`) runs on it unchanged.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import UsageError

_VIEWS = {
    "incidents": "SELECT * REPLACE (CAST(event_date AS DATE) AS event_date, CAST(date_start AS DATE) "
                 "AS date_start, CAST(date_end AS DATE) AS date_end) FROM {src}",
    "incident_links": "SELECT * FROM {src}",
    "events": "SELECT * FROM {src}",
    "reports": "SELECT * FROM {src}",
}


def connect(dataset_dir: str):
    """An in-memory DuckDB connection with a view on each part of the dataset it has."""
    import duckdb

    root = Path(dataset_dir)
    if not (root / "events").is_dir() and not (root / "reports").is_dir():
        raise UsageError(f"{root}: not a tallied dataset (no events/ or reports/ folder)")
    con = duckdb.connect()
    for name, sql in _VIEWS.items():
        files = root / name
        if not any(files.rglob("*.parquet")):
            continue
        if name in ("incidents", "incident_links"):  # one folder per country: block_iso3=SOM/
            src = f"read_parquet('{_quote(files)}/*/*.parquet', hive_partitioning = true)"
        else:
            src = f"read_parquet('{_quote(files)}/*.parquet')"
        con.execute(f"CREATE VIEW {name} AS " + sql.format(src=src))
    return con


def _quote(path: Path) -> str:
    return str(path.resolve()).replace("'", "''")


def tally(dataset_dir: str, by: str = "country", per: str = "month") -> list[dict]:
    """The store's tally (incidents, sources, deaths by side, injured, abducted, displaced per
    group and period) on the dataset's incidents."""
    from ..store.read import IncidentFilter, tally as store_tally

    con = connect(dataset_dir)
    try:
        if not con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'incidents'").fetchone()[0]:
            return []
        return store_tally(con, by, per, IncidentFilter())
    finally:
        con.close()
