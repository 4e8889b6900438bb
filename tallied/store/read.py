"""Reading the store: incidents with filters and pages, one incident in full, tallies.

Every filter value is passed as a query parameter, never spliced into SQL; the columns a
caller may sort or group by come from fixed lists.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, fields as dc_fields
from datetime import date

from ..errors import NotFoundError, UsageError
from ..models import Evidence, Incident, TollEntry
from .incidents import INCIDENT_COLUMNS, edit_rows

REVIEW_STATUSES = ("unreviewed", "approved", "rejected")
SORTS = {"date": "event_date DESC NULLS LAST, id", "-date": "event_date ASC NULLS LAST, id",
         "fatalities": "fatalities DESC, id", "reports": "n_reports DESC, id", "id": "id"}
TALLY_BY = {"country": "country", "admin1": "admin1", "actor": "actor"}
TALLY_PER = ("day", "week", "month", "year")


@dataclass
class IncidentFilter:
    country: str | None = None  # a name or an ISO3 code
    admin1: str | None = None
    actor: str | None = None  # a substring of actor1 or actor2
    event_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_fatalities: int | None = None
    review_status: str | None = None

    def validate(self) -> "IncidentFilter":
        if self.review_status and self.review_status not in REVIEW_STATUSES:
            raise UsageError(f"review status must be one of {', '.join(REVIEW_STATUSES)}, "
                             f"not {self.review_status!r}")
        if self.min_fatalities is not None and self.min_fatalities < 0:
            raise UsageError(f"minimum fatalities must be 0 or more, not {self.min_fatalities}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UsageError(f"date range is empty: {self.date_from} is after {self.date_to}")
        return self

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.country:
            clauses.append("(lower(country) = lower(?) OR upper(iso3) = upper(?))")
            params += [self.country, self.country]
        if self.admin1:
            clauses.append("lower(admin1) = lower(?)")
            params.append(self.admin1)
        if self.actor:
            clauses.append("(actor1 ILIKE ? OR actor2 ILIKE ?)")
            pattern = "%" + self.actor.replace("%", "").replace("_", "") + "%"
            params += [pattern, pattern]
        if self.event_type:
            clauses.append("lower(event_type) = lower(?)")
            params.append(self.event_type)
        if self.date_from:
            clauses.append("coalesce(date_end, event_date) >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("coalesce(date_start, event_date) <= ?")
            params.append(self.date_to)
        if self.min_fatalities is not None:
            clauses.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.review_status:
            clauses.append("review_status = ?")
            params.append(self.review_status)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


SUMMARY_COLUMNS = ("id", "event_date", "date_start", "date_end", "event_type", "sub_event_type",
                   "actor1", "actor2", "iso3", "country", "admin1", "admin2", "location",
                   "latitude", "longitude", "geo_precision", "fatalities", "best", "low", "high",
                   "injured", "captured", "displaced", "deaths_a", "deaths_b", "deaths_civilians",
                   "deaths_unknown", "n_reports", "n_sources", "review_status")


def _plain(v):
    return v.isoformat() if isinstance(v, date) else v


def list_incidents(con, flt: IncidentFilter, limit: int = 50, offset: int = 0,
                   sort: str = "date") -> tuple[list[dict], int]:
    if sort not in SORTS:
        raise UsageError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if limit < 1 or offset < 0:
        raise UsageError("limit must be at least 1 and offset at least 0")
    where, params = flt.validate().where()
    total = con.execute(f"SELECT count(*) FROM incidents{where}", params).fetchone()[0]
    rows = con.execute(f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM incidents{where} "
                       f"ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?", params + [limit, offset]).fetchall()
    return [{c: _plain(v) for c, v in zip(SUMMARY_COLUMNS, r)} for r in rows], total


def all_incident_rows(con, flt: IncidentFilter) -> list[dict]:
    """Every incident of the filter with all its columns (for exports)."""
    where, params = flt.validate().where()
    cols = ("id",) + INCIDENT_COLUMNS + ("n_reports", "n_sources", "review_status", "toll_history")
    rows = con.execute(f"SELECT {', '.join(cols)} FROM incidents{where} ORDER BY event_date NULLS LAST, id",
                       params).fetchall()
    out = []
    for r in rows:
        d = {c: _plain(v) for c, v in zip(cols, r)}
        d["toll_history"] = json.loads(d["toll_history"] or "[]")
        out.append(d)
    return out


def incident(con, iid: str) -> Incident:
    cols = ("id",) + INCIDENT_COLUMNS + ("review_status", "n_reports", "n_sources", "rules", "toll_history")
    row = con.execute(f"SELECT {', '.join(cols)} FROM incidents WHERE id = ?", [iid]).fetchone()
    if row is None:
        raise NotFoundError(f"no incident {iid!r} in this database")
    d = dict(zip(cols, row))
    history = []
    for t in json.loads(d["toll_history"] or "[]"):
        t["evidence"] = [Evidence(**e) for e in t.get("evidence", [])]
        history.append(TollEntry(**{f.name: t[f.name] for f in dc_fields(TollEntry) if f.name in t}))
    links = []
    for eid, score, reasons, rid, published, outlet, title, url, dup, is_primary in con.execute(
            "SELECT l.event_id, l.score, l.reasons, r.id, r.published, r.outlet, r.title, r.url, "
            "r.near_duplicate_of, e.is_primary FROM incident_links l JOIN report_events e ON e.id = l.event_id "
            "JOIN reports r ON r.id = e.report_id WHERE l.incident_id = ? "
            "ORDER BY r.published NULLS LAST, r.id, l.event_id", [iid]).fetchall():
        links.append({"event_id": eid, "report_id": rid, "score": score, "reasons": json.loads(reasons),
                      "published": _plain(published), "outlet": outlet, "title": title, "url": url,
                      "near_duplicate_of": dup, "primary_event_of_report": is_primary})
    figures = []
    for r in con.execute(
            "SELECT f.id, f.report_id, f.kind, f.low, f.best, f.high, f.qualifier, f.who, f.side, "
            "f.according_to, f.source_actor, f.status, f.scope, f.ev_start, f.ev_end, f.ev_text, "
            "r.outlet, r.published, r.near_duplicate_of FROM figures f JOIN reports r ON r.id = f.report_id "
            "WHERE f.report_id IN (SELECT e.report_id FROM incident_links l JOIN report_events e "
            "ON e.id = l.event_id WHERE l.incident_id = ?) ORDER BY r.published NULLS LAST, f.report_id, f.idx",
            [iid]).fetchall():
        keys = ("id", "report_id", "kind", "low", "best", "high", "qualifier", "who", "side",
                "according_to", "source_actor", "status", "scope")
        fig = dict(zip(keys, r[:13]))
        fig["evidence"] = {"start": r[13], "end": r[14], "text": r[15]}
        fig.update(outlet=r[16], published=_plain(r[17]), near_duplicate_of=r[18])
        figures.append(fig)
    return Incident(id=iid, fields={c: _plain(d[c]) for c in INCIDENT_COLUMNS}, figures=figures,
                    review_status=d["review_status"], n_reports=d["n_reports"],
                    n_sources=d["n_sources"], rules=json.loads(d["rules"] or "{}"),
                    toll_history=history, links=links, edits=edit_rows(con, iid))


def report(con, rid: str) -> dict:
    row = con.execute("SELECT id, external_id, source, url, outlet, published, title, language, "
                      "clean_text, near_duplicate_of, near_duplicate_score FROM reports WHERE id = ? "
                      "OR external_id = ? ORDER BY id LIMIT 1", [rid, rid]).fetchone()
    if row is None:
        raise NotFoundError(f"no report {rid!r} in this database")
    keys = ("id", "external_id", "source", "url", "outlet", "published", "title", "language",
            "clean_text", "near_duplicate_of", "near_duplicate_score")
    out = {k: _plain(v) for k, v in zip(keys, row)}
    out["figures"] = [
        {"id": r[0], "kind": r[1], "low": r[2], "best": r[3], "high": r[4], "qualifier": r[5],
         "who": r[6], "according_to": r[7], "status": r[8], "scope": r[9],
         "evidence": {"start": r[10], "end": r[11], "text": r[12]}}
        for r in con.execute("SELECT id, kind, low, best, high, qualifier, who, according_to, status, "
                             "scope, ev_start, ev_end, ev_text FROM figures WHERE report_id = ? ORDER BY idx",
                             [out["id"]]).fetchall()]
    out["events"] = [json.loads(r[0]) | {"id": r[1]} for r in con.execute(
        "SELECT data, id FROM report_events WHERE report_id = ? ORDER BY idx", [out["id"]]).fetchall()]
    return out


def tally(con, by: str, per: str, flt: IncidentFilter) -> list[dict]:
    if by not in TALLY_BY:
        raise UsageError(f"--by must be one of {', '.join(TALLY_BY)}, not {by!r}")
    if per not in TALLY_PER:
        raise UsageError(f"--per must be one of {', '.join(TALLY_PER)}, not {per!r}")
    where, params = flt.validate().where()
    base = f"SELECT * FROM incidents{where}"
    if by == "actor":
        base = (f"SELECT i.*, a.actor FROM ({base}) i, "
                f"(SELECT unnest(list_distinct([actor1, actor2])) AS actor) a WHERE a.actor IS NOT NULL")
        group = "actor"
    else:
        group = TALLY_BY[by]
    period = f"CAST(date_trunc('{per}', event_date) AS DATE)"
    sql = (f"SELECT coalesce({group}, '(unknown)') AS grp, {period} AS period, count(*) AS incidents, "
           f"sum(n_sources) AS sources, sum(fatalities) AS fatalities, sum(deaths_a) AS deaths_a, "
           f"sum(deaths_b) AS deaths_b, sum(deaths_civilians) AS deaths_civilians, "
           f"sum(deaths_unknown) AS deaths_unknown, sum(coalesce(injured, 0)) AS injured, "
           f"sum(coalesce(captured, 0)) AS abducted, sum(coalesce(displaced, 0)) AS displaced "
           f"FROM ({base}) GROUP BY ALL ORDER BY period NULLS LAST, grp")
    keys = ("group", "period", "incidents", "sources", "fatalities", "deaths_a", "deaths_b",
            "deaths_civilians", "deaths_unknown", "injured", "abducted", "displaced")
    return [{k: (_plain(v) if k == "period" else (int(v) if isinstance(v, (int, float)) else v))
             for k, v in zip(keys, r)} for r in con.execute(sql, params).fetchall()]
