"""Issue #8, check 4: exports in ACLED, UCDP, GeoJSON (RFC 7946), Parquet and JSONL."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tallied.export.incidents import ACLED_COLUMNS, write

# ACLED's current columns, in the codebook's order and spelling
CODEBOOK_31 = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
               "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
               "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
               "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
               "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
UCDP_REQUIRED = ["date_start", "date_end", "where_prec", "date_prec", "side_a", "side_b",
                 "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high",
                 "source_article", "source_office", "source_date", "source_headline"]


@pytest.fixture
def filled(store, cluster_results):
    store.ingest([r for c in cluster_results.values() for r in c])
    return store


def test_acled_header_is_the_codebooks_31(filled, tmp_path):
    out = tmp_path / "a.csv"
    n = write(filled.incident_rows(), "acled", out)
    with open(out, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == CODEBOOK_31 and len(CODEBOOK_31) == 31 and list(ACLED_COLUMNS) == CODEBOOK_31
    assert n == len(rows) - 1 >= 3
    assert any(r[CODEBOOK_31.index("country")] == "Somalia" for r in rows[1:])


def test_acled_day_events_split_the_toll():
    inc = {"id": "inc-abc", "iso3": "SYR", "event_date": "2022-01-20", "date_start": "2022-01-20",
           "date_end": "2022-01-23", "time_precision": 1, "fatalities": 10, "n_reports": 1,
           "review_status": "unreviewed", "toll_history": []}
    from tallied.export.incidents import acled_rows

    rows = acled_rows([inc])
    assert [r["event_date"] for r in rows] == ["2022-01-20", "2022-01-21", "2022-01-22", "2022-01-23"]
    assert [r["fatalities"] for r in rows] == [4, 2, 2, 2]


def test_ucdp_columns(filled, tmp_path):
    out = tmp_path / "u.csv"
    write(filled.incident_rows(), "ucdp", out)
    header = next(csv.reader(open(out, newline="")))
    for col in UCDP_REQUIRED:
        assert col in header


def test_geojson_validates_against_rfc7946(filled, tmp_path):
    import jsonschema

    out = tmp_path / "g.geojson"
    n = write(filled.incident_rows(), "geojson", out)
    doc = json.loads(out.read_text())
    schema = json.loads((Path(__file__).parent / "geojson_rfc7946.schema.json").read_text())
    jsonschema.validate(doc, schema)
    assert n == len(doc["features"]) >= 3
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [10.0, 95.0]}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_parquet_round_trips_in_duckdb_pandas_polars(filled, tmp_path):
    import duckdb
    import pandas as pd
    import polars as pl

    out = tmp_path / "i.parquet"
    n = write(filled.incident_rows(), "parquet", out)
    a = duckdb.sql(f"SELECT id, fatalities, country, latitude FROM '{out}' ORDER BY id").fetchall()
    b = pd.read_parquet(out).sort_values("id")[["id", "fatalities", "country", "latitude"]]
    c = pl.read_parquet(out).sort("id").select(["id", "fatalities", "country", "latitude"])
    assert len(a) == n == len(b) == c.height
    norm = lambda rows: [tuple(None if (isinstance(v, float) and v != v) else v for v in r) for r in rows]
    assert norm(a) == norm(b.itertuples(index=False, name=None)) == norm(c.iter_rows())
