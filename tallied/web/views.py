"""Page contexts built from the store's public methods (``Store.incidents``, ``incident``,
``report``, ``tally``, ``audit``); no SQL here. Each function returns the dataclass that both the
HTML page and its JSON twin show."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict
from datetime import date, timedelta
from urllib.parse import urlsplit

from ..store import REVIEW_STATUSES, IncidentFilter
from .charts import SIDES, timeline_chart, toll_chart
from .context import (AuditView, DayBar, FieldRow, FigureRow, Filters, IncidentList, IncidentRow,
                      IncidentView, MapPoint, MapView, ReportView, TimelineView, TollPoint, TollRow)
from .highlight import Mark, segments

SORTS = ["date", "-date", "fatalities", "reports", "id"]  # the store's sort keys (it checks them)
# the incident's fields in the order an analyst reads them
SHOWN_FIELDS = ["event_date", "date_start", "date_end", "event_type", "sub_event_type", "actor1",
                "actor2", "country", "admin1", "admin2", "location", "latitude", "longitude",
                "geo_precision", "fatalities", "best", "low", "high", "deaths_a", "deaths_b",
                "deaths_civilians", "deaths_unknown", "injured", "captured", "displaced"]
COUNT_FIELD = {"killed": "fatalities", "injured": "injured", "captured": "captured",
               "displaced": "displaced"}
SIDE_LABELS = {"a": "side A (actor 1)", "b": "side B (actor 2)", "civilians": "civilians",
               "unknown": "unknown"}
MAP_LIMIT = 2000  # the map draws the deadliest incidents of a selection, at most this many


def store_filter(f: Filters) -> IncidentFilter:
    return IncidentFilter(country=f.country, admin1=f.admin1, actor=f.actor, event_type=f.event_type,
                          date_from=f.date_from, date_to=f.date_to, min_fatalities=f.min_fatalities,
                          review_status=f.review_status)


def incident_href(iid: str, f: Filters, sort: str, pos: int) -> str:
    return f"/incidents/{iid}?" + f.query(sort=None if sort == "date" else sort, pos=pos)


def incident_list(store, f: Filters, sort: str, limit: int, offset: int) -> IncidentList:
    rows, total = store.incidents(store_filter(f), limit=limit, offset=offset, sort=sort)
    items = [IncidentRow(id=r["id"], event_date=r["event_date"], country=r["country"],
                         admin1=r["admin1"], location=r["location"], event_type=r["event_type"],
                         sub_event_type=r["sub_event_type"], actor1=r["actor1"], actor2=r["actor2"],
                         fatalities=r["fatalities"], best=r["best"], reports=r["n_reports"] or 0,
                         status=r["review_status"], href=incident_href(r["id"], f, sort, offset + i))
             for i, r in enumerate(rows)]
    srt = None if sort == "date" else sort

    def page(off: int) -> str:
        return "/incidents?" + f.query(sort=srt, offset=off or None, limit=limit)

    return IncidentList(filters=f, sort=sort, items=items, total=total, limit=limit, offset=offset,
                        sorts=SORTS, statuses=list(REVIEW_STATUSES),
                        next_href=page(offset + limit) if offset + limit < total else None,
                        prev_href=page(max(offset - limit, 0)) if offset > 0 else None)


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: a report's URL comes from the open web."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _evidence_marks(evidence: dict, field_names=None) -> list[Mark]:
    marks = []
    for name, spans in (evidence or {}).items():
        if field_names is not None and name not in field_names:
            continue
        for sp in spans if isinstance(spans, list) else [spans]:
            if isinstance(sp, dict) and "start" in sp and "end" in sp:
                marks.append(Mark(sp["start"], sp["end"], name, name))
    return marks


def incident_view(store, iid: str, f: Filters | None = None, sort: str = "date",
                  pos: int | None = None) -> IncidentView:
    inc = store.incident(iid)
    edits = [asdict(e) for e in inc.edits]
    edited_fields = {e["field"] for e in edits if e["action"] == "set_field"}
    edited_tolls = {(e["target"], e["field"]) for e in edits if e["action"] == "set_figure"}
    member_events = {link["event_id"] for link in inc.links}

    reports, figures = [], []
    seen = []
    for link in inc.links:
        if link["report_id"] not in seen:
            seen.append(link["report_id"])
    toll_marks = defaultdict(list)
    for t in inc.toll_history:
        for ev in t.evidence:
            toll_marks[t.report_id].append(Mark(ev.start, ev.end, "fatalities" if t.kind == "killed"
                                                else "figure", f"toll-{t.event_id}-{t.kind}"))
    for rid in seen:
        rep = store.report(rid)
        marks = []
        for event in rep["events"]:
            if event.get("id") in member_events:
                marks += _evidence_marks(event.get("evidence", {}))
        for g in rep["figures"]:
            ev = g["evidence"]
            ref = f"fig-{g['id']}"
            if ev.get("start") is not None:  # background and population counts shown grey
                marks.append(Mark(ev["start"], ev["end"],
                                  "context" if g["scope"] == "context" else "figure", ref))
            figures.append(FigureRow(id=g["id"], kind=g["kind"], low=g["low"], best=g["best"],
                                     high=g["high"], qualifier=g["qualifier"], who=g["who"],
                                     according_to=g["according_to"], status=g["status"],
                                     scope=g["scope"], outlet=rep["outlet"], published=rep["published"],
                                     report_id=rid, evidence=ev.get("text"), ref=ref))
        marks += toll_marks.get(rid, [])
        reports.append(ReportView(id=rid, title=rep["title"], outlet=rep["outlet"],
                                  published=rep["published"], url=safe_url(rep["url"]),
                                  near_duplicate_of=rep["near_duplicate_of"],
                                  segments=segments(rep["clean_text"] or "", marks)))

    tolls = []
    for t in inc.toll_history:
        field = COUNT_FIELD.get(t.kind, t.kind)
        tolls.append(TollRow(event_id=t.event_id, report_id=t.report_id, kind=t.kind, field=field,
                             value=t.value, low=t.low, high=t.high, published=t.published,
                             outlet=t.outlet, according_to=t.according_to, status=t.status,
                             used=t.used, duplicate_of=t.duplicate_of,
                             ref=f"toll-{t.event_id}-{t.kind}",
                             edited=(t.event_id, field) in edited_tolls))
    points = sorted((TollPoint(published=t.published, value=t.value, source=t.according_to,
                               outlet=t.outlet)
                     for t in inc.toll_history if t.kind == "killed" and t.published
                     and not t.duplicate_of), key=lambda p: p.published)
    fields = [FieldRow(name=n, value=inc.fields.get(n), ref=n, rule=inc.rules.get(n),
                       edited=n in edited_fields) for n in SHOWN_FIELDS]
    prev_href = next_href = None
    if pos is not None and f is not None:
        start = max(pos - 1, 0)
        near, _ = store.incidents(store_filter(f), limit=3, offset=start, sort=sort)
        ids = [r["id"] for r in near]
        if iid in ids:
            i = ids.index(iid)
            here = start + i
            if i > 0:
                prev_href = incident_href(ids[i - 1], f, sort, here - 1)
            if i + 1 < len(ids):
                next_href = incident_href(ids[i + 1], f, sort, here + 1)
    links = [{"report_event": link["event_id"], "report_id": link["report_id"],
              "score": link["score"], "reasons": "; ".join(map(str, link["reasons"] or [])),
              "outlet": link["outlet"], "published": link["published"]} for link in inc.links]
    return IncidentView(id=inc.id, status=inc.review_status, fields=fields, figures=figures,
                        tolls=tolls, reports=reports, toll=points, toll_chart=toll_chart(points),
                        edits=edits, links=links, latitude=inc.fields.get("latitude"),
                        longitude=inc.fields.get("longitude"), prev_href=prev_href, next_href=next_href,
                        editable_fields=SHOWN_FIELDS)


def _radius(fatalities: int) -> float:
    return round(min(4 + 2.5 * math.sqrt(max(fatalities, 0)), 40), 1)


def map_view(store, f: Filters) -> MapView:
    rows, total = store.incidents(store_filter(f), limit=MAP_LIMIT, offset=0, sort="fatalities")
    points = []
    for r in rows:
        if r["latitude"] is None or r["longitude"] is None:
            continue
        deaths = r["fatalities"] or 0
        label = ", ".join(x for x in (r["location"], r["country"]) if x) or r["id"]
        points.append(MapPoint(id=r["id"], latitude=r["latitude"], longitude=r["longitude"],
                               fatalities=deaths, label=f"{r['event_date'] or '?'} {label}",
                               href=f"/incidents/{r['id']}", radius=_radius(deaths)))
    return MapView(filters=f, points=points, total=total, shown=len(points))


def timeline_view(store, f: Filters) -> TimelineView:
    per_day: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SIDES, 0))
    for row in store.tally(by="country", per="day", flt=store_filter(f)):
        if not row["period"]:
            continue
        day = per_day[row["period"]]
        for side in SIDES:
            day[side] += int(row.get(f"deaths_{side}") or 0)
    days = []
    if per_day:  # every day from the first to the last, so the x axis is time
        first, last = date.fromisoformat(min(per_day)), date.fromisoformat(max(per_day))
        for n in range((last - first).days + 1):
            d = (first + timedelta(days=n)).isoformat()
            sides = per_day.get(d, dict.fromkeys(SIDES, 0))
            days.append(DayBar(day=d, sides=sides, total=sum(sides.values())))
    return TimelineView(filters=f, sides=SIDES, side_labels=SIDE_LABELS, days=days, chart=timeline_chart(days),
                        total_deaths=sum(d.total for d in days))


def audit_view(store, limit: int, offset: int) -> AuditView:
    every = store.audit(limit=None)
    entries = [{"id": e.id, "at": e.at, "user": e.user, "incident": e.incident_id,
                "action": e.action, "field": e.field, "old": e.old_value, "new": e.new_value,
                "reason": e.reason, "target": e.target} for e in every]
    entries.sort(key=lambda e: e["id"], reverse=True)
    return AuditView(entries=entries[offset:offset + limit], total=len(entries), limit=limit,
                     offset=offset)
