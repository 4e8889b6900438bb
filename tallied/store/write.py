"""Writing a batch of pipeline results into the store, in one transaction.

    exact duplicate   the same clean text (content id) again: nothing changes
    near-duplicate    MinHash/LSH finds an earlier copy: linked to the group's canonical copy
                      (the earliest published, then the smallest id: independent of order)
    report events     each event of the report, its place keys, its figures
    matches           each new event scored against the candidates the blocking index gives
    incidents         the connected components touched by the batch are recomputed
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np

from ..models import Result
from ..reconcile import keys as keymod
from ..reconcile import neardup
from ..reconcile.match import EventKey, is_match
from ..settings import SETTINGS, Settings


@dataclass
class BatchSummary:
    read: int = 0
    new: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    incidents_created: int = 0
    incidents_updated: int = 0

    def add(self, other: "BatchSummary") -> None:
        self.read += other.read
        self.new += other.new
        self.exact_duplicates += other.exact_duplicates
        self.near_duplicates += other.near_duplicates
        for k, v in other.skipped.items():
            self.skipped[k] = self.skipped.get(k, 0) + v
        self.incidents_created += other.incidents_created
        self.incidents_updated += other.incidents_updated

    def to_dict(self) -> dict:
        return {"read": self.read, "new": self.new, "exact_duplicates": self.exact_duplicates,
                "near_duplicates": self.near_duplicates, "skipped": dict(self.skipped),
                "incidents_created": self.incidents_created,
                "incidents_updated": self.incidents_updated}


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _jsonable(v):
    if hasattr(v, "isoformat"):
        return v.isoformat()
    raise TypeError(f"not JSON: {type(v).__name__}")


def write_batch(con, results: list[Result], settings: Settings = SETTINGS) -> tuple[BatchSummary, set[str]]:
    """Insert one batch (inside the caller's transaction); returns the summary and the ids of
    report events whose incidents must be recomputed."""
    summary = BatchSummary()
    touched: set[str] = set()
    new_events: list[str] = []
    seen_in_batch: set[str] = set()
    for result in results:
        summary.read += 1
        if result.skipped is not None:
            s = result.skipped
            sid = _skip_id(s.source, s.reason, s.message)
            con.execute("INSERT OR IGNORE INTO skips VALUES (?, ?, ?, ?, ?, ?)",
                        [sid, s.source, s.external_id, s.reason, s.message, now()])
            summary.skipped[s.reason] = summary.skipped.get(s.reason, 0) + 1
            continue
        report = result.report
        if report.id in seen_in_batch or con.execute(
                "SELECT 1 FROM reports WHERE id = ?", [report.id]).fetchone():
            summary.exact_duplicates += 1
            continue
        seen_in_batch.add(report.id)
        summary.new += 1
        sig = neardup.signature(report.clean_text)
        dup_of, dup_score, regrouped = _near_duplicate(con, report, sig, settings)
        if dup_of:
            summary.near_duplicates += 1
        con.execute(
            "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report.id, report.external_id, report.source, report.url, report.outlet,
             report.published, report.title, report.language, report.raw_text, report.clean_text,
             json.dumps(report.offsets) if report.offsets else None, now(), dup_of, dup_score,
             neardup.to_blob(sig)])
        con.executemany("INSERT INTO report_bands VALUES (?, ?, ?)",
                        [[b, h, report.id] for b, h in neardup.bands(sig)])
        if regrouped:
            touched.update(r[0] for r in con.execute(
                f"SELECT id FROM report_events WHERE report_id IN ({_marks(regrouped)})",
                list(regrouped)).fetchall())
        _insert_figures(con, result)
        for idx, event in enumerate(result.events):
            eid = f"{report.id}:{idx}"
            _insert_event(con, result, idx, event, eid)
            new_events.append(eid)
    for eid in new_events:
        _match_event(con, eid, settings)
    touched.update(new_events)
    return summary, touched


def _skip_id(source: str, reason: str, message: str) -> str:
    import hashlib

    return hashlib.sha1(f"{source}\0{reason}\0{message}".encode()).hexdigest()[:16]


def _marks(items) -> str:
    return ", ".join("?" for _ in items)


def _near_duplicate(con, report, sig: np.ndarray, settings: Settings):
    """(canonical copy or None, similarity, ids of stored reports whose link changed)."""
    band_rows = neardup.bands(sig)
    values = ", ".join(f"({b}, {h})" for b, h in band_rows)
    rows = con.execute(
        f"SELECT DISTINCT r.id, r.minhash, r.published, r.near_duplicate_of FROM report_bands b "
        f"JOIN (VALUES {values}) v(band, hash) ON b.band = v.band AND b.hash = v.hash "
        f"JOIN reports r ON r.id = b.report_id").fetchall()
    # LSH candidates whose estimated similarity comes near: confirmed on their exact trigrams
    near = [r for r in rows if neardup.jaccard(sig, neardup.from_blob(r[1])) >= settings.near_duplicate_jaccard * 0.6]
    copies = []
    if near:
        mine = neardup.shingles(report.clean_text)
        texts = dict(con.execute(f"SELECT id, clean_text FROM reports WHERE id IN ({_marks(near)})",
                                 [r[0] for r in near]).fetchall())
        for rid, _blob, published, link in near:
            sim = neardup.exact_jaccard(mine, neardup.shingles(texts[rid]))
            if sim >= settings.near_duplicate_jaccard:
                copies.append((rid, published, link, sim))
    if not copies:
        return None, None, set()
    # the whole group: the copies found, their canonical copies, and the canonical's other copies
    group = {report.id: (report.published, 1.0)}
    for rid, published, link, sim in copies:
        group[rid] = (published, sim)
        if link:
            group.setdefault(link, (None, sim))
    roots = [g for g in group if g != report.id]
    for rid, published, link in con.execute(
            f"SELECT id, published, near_duplicate_of FROM reports WHERE id IN ({_marks(roots)}) "
            f"OR near_duplicate_of IN ({_marks(roots)})", roots + roots).fetchall():
        group[rid] = (published, group.get(rid, (None, None))[1])
    canonical = min(group, key=lambda r: (group[r][0] is None, group[r][0] or "", r))
    changed = set()
    for rid in group:
        if rid == report.id:
            continue
        want = None if rid == canonical else canonical
        cur = con.execute("SELECT near_duplicate_of FROM reports WHERE id = ?", [rid]).fetchone()
        if cur and cur[0] != want:
            con.execute("UPDATE reports SET near_duplicate_of = ? WHERE id = ?", [want, rid])
            changed.add(rid)
    best = max(sim for *_, sim in copies)
    return (None if canonical == report.id else canonical), best, changed


def _insert_figures(con, result: Result) -> None:
    rid = result.report.id
    rows = []
    for i, f in enumerate(result.figures):
        d = f.to_dict()
        rows.append([f"{rid}:f{i}", rid, i, f.kind, f.low, f.best, f.high, f.qualifier, f.who,
                     f.side, f.according_to, f.source_actor, f.status, f.scope, f.count_text,
                     f.revision, f.evidence.start, f.evidence.end, f.evidence.text,
                     json.dumps(d, default=_jsonable)])
    if rows:
        con.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        "?, ?, ?, ?, ?)", rows)


def _insert_event(con, result: Result, idx: int, event, eid: str) -> None:
    iso3s, keys, actors, numbers = keymod.event_terms(result, event)
    fig_ids = {id(f): i for i, f in enumerate(result.figures)}
    figure_idx = sorted({fig_ids[id(f)] for f in event.figures if id(f) in fig_ids})
    data = event.to_dict()
    data.pop("figures", None)
    con.execute(
        "INSERT INTO report_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)",
        [eid, result.report.id, idx, event.primary, event.event_date, event.date_start,
         event.date_end, event.time_precision, event.event_type, event.sub_event_type,
         event.actor1, event.actor2, event.iso3, event.country, event.admin1, event.admin2,
         event.location, event.latitude, event.longitude, event.geo_precision, event.fatalities,
         sorted(iso3s), sorted(actors), sorted(numbers), figure_idx,
         json.dumps(data, default=_jsonable)])
    if keys:
        con.executemany("INSERT INTO event_keys VALUES (?, ?)", [[eid, k] for k in sorted(keys)])


_KEY_COLUMNS = ("e.id, e.report_id, e.iso3s, e.date_start, e.date_end, e.time_precision, "
                "e.location, e.admin2, e.latitude, e.longitude, e.geo_precision, e.event_type, "
                "e.actors, e.numbers")


def _key(row) -> EventKey:
    (eid, rid, iso3s, ds, de, tp, loc, a2, lat, lon, gp, et, actors, numbers) = row
    return EventKey(id=eid, report_id=rid, iso3s=frozenset(iso3s or ()), keys=frozenset(),
                    date_start=ds, date_end=de, time_precision=tp, location=loc, admin2=a2,
                    latitude=lat, longitude=lon, geo_precision=gp, event_type=et,
                    actors=frozenset(actors or ()), numbers=frozenset(numbers or ()))


def event_key(con, eid: str) -> EventKey | None:
    row = con.execute(f"SELECT {_KEY_COLUMNS} FROM report_events e WHERE e.id = ?", [eid]).fetchone()
    if row is None:
        return None
    k = _key(row)
    k.keys = frozenset(r[0] for r in con.execute("SELECT key FROM event_keys WHERE event_id = ?", [eid]).fetchall())
    return k


def _match_event(con, eid: str, settings: Settings) -> None:
    """Score the new event against its blocking candidates and store the links that match."""
    me = event_key(con, eid)
    window = timedelta(days=settings.match_date_window + 31)
    if me.date_start is not None:
        date_clause = ("AND (e.date_start IS NULL OR (e.date_start <= ? AND "
                       "coalesce(e.date_end, e.date_start) >= ?))")
        params = [eid, eid, (me.date_end or me.date_start) + window, me.date_start - window]
    else:
        date_clause = ""
        params = [eid, eid]
    rows = con.execute(
        f"SELECT DISTINCT {_KEY_COLUMNS} FROM event_keys k JOIN event_keys k2 ON k.key = k2.key "
        f"JOIN report_events e ON e.id = k2.event_id WHERE k.event_id = ? AND k2.event_id <> ? "
        f"{date_clause} ORDER BY e.id LIMIT {settings.match_candidates}", params).fetchall()
    # copies of one wire story describe the same events: their primary events always match
    dup = con.execute(
        "SELECT r2.id FROM reports r JOIN reports r2 ON (r2.id = r.near_duplicate_of OR "
        "r2.near_duplicate_of = r.id OR (r.near_duplicate_of IS NOT NULL AND "
        "r2.near_duplicate_of = r.near_duplicate_of AND r2.id <> r.id)) WHERE r.id = ?",
        [me.report_id]).fetchall()
    if dup and eid.endswith(":0"):
        for (rid,) in dup:
            other = f"{rid}:0"
            if con.execute("SELECT 1 FROM report_events WHERE id = ?", [other]).fetchone():
                _store_match(con, eid, other, 10.0, ["near-duplicate reports (the same story)"])
    if not rows:
        return
    cand_keys = {}
    ids = [r[0] for r in rows]
    for e2, key in con.execute(
            f"SELECT event_id, key FROM event_keys WHERE event_id IN ({_marks(ids)})", ids).fetchall():
        cand_keys.setdefault(e2, set()).add(key)
    for row in rows:
        other = _key(row)
        other.keys = frozenset(cand_keys.get(other.id, ()))
        ok, score, reasons = is_match(me, other, settings)
        if ok:
            _store_match(con, eid, other.id, score, reasons)


def _store_match(con, a: str, b: str, score: float, reasons: list[str], origin: str = "auto") -> None:
    a, b = sorted((a, b))
    con.execute("INSERT OR IGNORE INTO matches VALUES (?, ?, ?, ?, ?)",
                [a, b, score, json.dumps(reasons), origin])
