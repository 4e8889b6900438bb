"""Writing a batch of pipeline results into the store, in one transaction, set-based.

    exact duplicate   the same clean text (content id) again: nothing changes
    near-duplicate    MinHash/LSH finds another copy: linked to the group's canonical copy
                      (the earliest published, then the smallest id: independent of order)
    report events     each event of the report, its place keys, its figures
    matches           each new event scored against the candidates the blocking index gives
                      (tallied/store/blocking.py: in memory, no join over event_keys)
    (incidents)       the caller recomputes the components the batch touched
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import pyarrow as pa

from ..models import Result
from ..reconcile import keys as keymod
from ..reconcile import neardup
from ..reconcile.match import EventKey, date_gap, is_match
from ..settings import SETTINGS, Settings
from .blocking import EventIndex
from .bulk import id_table, insert
from .lsh import BandIndex


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


def write_batch(con, results: list[Result], settings: Settings = SETTINGS,
                index=None, events: EventIndex | None = None) -> tuple[BatchSummary, set[str]]:
    """Insert one batch (inside the caller's transaction); returns the summary and the ids of
    report events whose incidents must be recomputed. ``index``: the Store's LSH band index;
    ``events``: its blocking index (both loaded from the tables when not given)."""
    summary = BatchSummary(read=len(results))
    _write_skips(con, [r for r in results if r.skipped is not None], summary)
    candidates = [r for r in results if r.skipped is None and r.report is not None]
    if events is None:
        events = EventIndex.load(con)
    new: list[Result] = []
    seen: set[str] = {r.report.id for r in candidates if r.report.id in events.reports}
    for r in candidates:
        if r.report.id in seen:
            summary.exact_duplicates += 1
        else:
            seen.add(r.report.id)
            new.append(r)
    summary.new = len(new)
    if not new:
        return summary, set()
    signatures = {r.report.id: neardup.signature(r.report.clean_text) for r in new}
    if index is None:
        index = BandIndex.load(con)
    bands = _insert_reports(con, new, signatures)
    index.add(bands)  # first: copies within the batch find each other too
    lsh_pairs = index.query(bands)
    events.reports.update(r.report.id for r in new)
    event_ids = _insert_events(con, new, events)
    blocked = events.candidates(event_ids, settings)
    regrouped, summary.near_duplicates, copies = _near_duplicates(con, lsh_pairs, blocked, new, settings, events)
    touched = set(event_ids)
    touched |= {e for rid in regrouped for e in events.by_report.get(rid, ())}
    _match(con, blocked, copies, settings, events)
    return summary, touched


def _write_skips(con, skipped: list[Result], summary: BatchSummary) -> None:
    rows = []
    for r in skipped:
        s = r.skipped
        sid = hashlib.sha1(f"{s.source}\0{s.reason}\0{s.message}".encode()).hexdigest()[:16]
        rows.append([sid, s.source, s.external_id, s.reason, s.message, now()])
        summary.skipped[s.reason] = summary.skipped.get(s.reason, 0) + 1
    insert(con, "skips", ["id", "source", "external_id", "reason", "message", "skipped_at"], rows,
           or_ignore=True)


_REPORT_COLUMNS = ["id", "external_id", "source", "url", "outlet", "published", "title", "language",
                   "raw_text", "clean_text", "offsets", "ingested_at", "minhash"]


def _insert_reports(con, new: list[Result], signatures) -> None:
    at = now()
    rows = [[r.report.id, r.report.external_id, r.report.source, r.report.url, r.report.outlet,
             r.report.published, r.report.title, r.report.language, r.report.raw_text,
             r.report.clean_text, json.dumps(r.report.offsets) if r.report.offsets else None, at,
             neardup.to_blob(signatures[r.report.id])] for r in new]
    insert(con, "reports", _REPORT_COLUMNS, rows, types={"minhash": pa.binary(), "published": pa.date32()})
    bands = [[b, h, rid] for rid, sig in signatures.items() for b, h in neardup.bands(sig)]
    insert(con, "report_bands", ["band", "hash", "report_id"], bands,
           types={"band": pa.int32(), "hash": pa.int64()})
    return bands


_EVENT_COLUMNS = ["id", "report_id", "idx", "is_primary", "event_date", "date_start", "date_end",
                  "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "iso3",
                  "country", "admin1", "admin2", "location", "latitude", "longitude",
                  "geo_precision", "fatalities", "iso3s", "actors", "numbers", "figure_idx", "data"]
_FIGURE_COLUMNS = ["id", "report_id", "idx", "kind", "low", "best", "high", "qualifier", "who", "side",
                   "according_to", "source_actor", "status", "scope", "count_text", "revision",
                   "ev_start", "ev_end", "ev_text", "data"]


def _insert_events(con, new: list[Result], index: EventIndex) -> list[str]:
    events, keys, figures, ids, event_keys = [], [], [], [], []
    for result in new:
        rid = result.report.id
        for i, f in enumerate(result.figures):
            figures.append([f"{rid}:f{i}", rid, i, f.kind, f.low, f.best, f.high, f.qualifier, f.who,
                            f.side, f.according_to, f.source_actor, f.status, f.scope, f.count_text,
                            f.revision, f.evidence.start, f.evidence.end, f.evidence.text,
                            json.dumps(f.to_dict(), default=_jsonable)])
        fig_ids = {id(f): i for i, f in enumerate(result.figures)}
        for idx, event in enumerate(result.events):
            eid = f"{rid}:{idx}"
            iso3s, place_keys, actors, numbers = keymod.event_terms(result, event)
            data = event.to_dict()
            data.pop("figures", None)
            events.append([eid, rid, idx, event.primary, event.event_date, event.date_start,
                           event.date_end, event.time_precision, event.event_type,
                           event.sub_event_type, event.actor1, event.actor2, event.iso3,
                           event.country, event.admin1, event.admin2, event.location,
                           event.latitude, event.longitude, event.geo_precision, event.fatalities,
                           sorted(iso3s), sorted(actors), sorted(numbers),
                           sorted({fig_ids[id(f)] for f in event.figures if id(f) in fig_ids}),
                           json.dumps(data, default=_jsonable)])
            keys.extend([eid, k] for k in sorted(place_keys))
            ids.append(eid)
            event_keys.append(EventKey(
                id=eid, report_id=rid, iso3s=frozenset(iso3s), keys=frozenset(place_keys),
                date_start=_day(event.date_start), date_end=_day(event.date_end),
                time_precision=event.time_precision, location=event.location, admin2=event.admin2,
                latitude=event.latitude, longitude=event.longitude, geo_precision=event.geo_precision,
                event_type=event.event_type, actors=frozenset(actors), numbers=frozenset(numbers)))
    ints = {c: pa.int64() for c in ("idx", "time_precision", "geo_precision", "fatalities", "low",
                                    "best", "high", "ev_start", "ev_end")}
    insert(con, "figures", _FIGURE_COLUMNS, figures, types=ints)
    strs = {c: pa.string() for c in ("event_date", "date_start", "date_end", "event_type",
                                     "sub_event_type", "actor1", "actor2", "iso3", "country",
                                     "admin1", "admin2", "location")}
    insert(con, "report_events", _EVENT_COLUMNS, events,
           types={**ints, **strs, "latitude": pa.float64(), "longitude": pa.float64(),
                  "iso3s": pa.list_(pa.string()), "actors": pa.list_(pa.string()),
                  "numbers": pa.list_(pa.int64()), "figure_idx": pa.list_(pa.int64())})
    insert(con, "event_keys", ["event_id", "key"], keys)
    for key in event_keys:
        index.add(key)
    return ids


def _day(value) -> date | None:
    """An event's ISO date as the store reads it back (a DATE column)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _near_duplicates(con, lsh_pairs: set[tuple[str, str]], blocked: list[tuple[str, str]],
                     new: list[Result], settings: Settings,
                     events: EventIndex) -> tuple[set[str], int, list[tuple[str, str]]]:
    """Link the batch's copies; returns (stored reports whose link changed, copies found, and
    the pairs of a new report and another copy of its story).

    Candidates: LSH over every stored report finds the copies that are most of each other (a
    story re-published whole); excerpts of one story cut at different places share much less,
    and are looked for among the reports the blocking index already pairs (same place, date
    window). Either kind is confirmed by the MinHash estimate, then the exact trigram Jaccard."""
    pairs = set(lsh_pairs)
    pairs |= {(a.rsplit(":", 1)[0], b.rsplit(":", 1)[0]) for a, b in blocked
              if a.endswith(":0") and b.endswith(":0")}
    # first what the events say (a cheap test), then the texts: a pair whose events disagree on
    # the date or the place is no copy whatever its words
    pairs = _same_story(pairs, settings, events)
    if not pairs:
        return set(), 0, []
    with id_table({x for pair in pairs for x in pair}) as (t, p):
        sigs = {row[0]: neardup.from_blob(row[1]) for row in con.execute(
            f"SELECT r.id, r.minhash FROM reports r JOIN {t} i USING (id)", p).fetchall()}
    likely = {tuple(sorted(pair)) for pair in pairs if pair[0] in sigs and pair[1] in sigs and
              neardup.jaccard(sigs[pair[0]], sigs[pair[1]]) >= settings.near_duplicate_jaccard * 0.6}
    if not likely:
        return set(), 0, []
    with id_table({x for pair in likely for x in pair}) as (t, p):
        shingles = {row[0]: neardup.shingles(row[1]) for row in con.execute(
            f"SELECT r.id, r.clean_text FROM reports r JOIN {t} i USING (id)", p).fetchall()}
    confirmed = {pair for pair in likely
                 if neardup.exact_jaccard(shingles[pair[0]], shingles[pair[1]]) >= settings.near_duplicate_jaccard}
    if not confirmed:
        return set(), 0, []
    # groups of copies (with the stored groups they join), each pointing at its canonical copy
    members = {x for pair in confirmed for x in pair}
    with id_table(members) as (t, p):
        roots = members | {row[0] for row in con.execute(
            f"SELECT r.near_duplicate_of FROM reports r JOIN {t} i USING (id) "
            f"WHERE r.near_duplicate_of IS NOT NULL", p).fetchall()}
    with id_table(roots) as (t, p):
        rows = con.execute(
            f"SELECT id, published, near_duplicate_of FROM reports WHERE id IN (SELECT id FROM {t}) "
            f"OR near_duplicate_of IN (SELECT id FROM {t})", p).fetchall()
    published = {rid: pub for rid, pub, _ in rows}
    link = {rid: dup for rid, _, dup in rows}
    parent = {x: x for x in published}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in list(confirmed) + [(r, d) for r, d in link.items() if d and d in parent]:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    new_ids = {r.report.id for r in new}
    changed, n_copies, copies = set(), 0, []
    for group in groups.values():
        copies.extend((r, x) for r in group if r in new_ids for x in group if x != r)
        canonical = min(group, key=lambda r: (published[r] is None, str(published[r] or ""), r))
        for rid in group:
            want = None if rid == canonical else canonical
            if rid in new_ids and want is not None:
                n_copies += 1
            if link.get(rid) != want:
                con.execute("UPDATE reports SET near_duplicate_of = ? WHERE id = ?", [want, rid])
                if rid not in new_ids:
                    changed.add(rid)
    return changed, n_copies, copies


def _same_story(pairs: set[tuple[str, str]], settings: Settings,
                events: EventIndex) -> set[tuple[str, str]]:
    """Similar texts are copies only when their main events agree on date and place: reports
    written from one template ("On 3 May, regime forces shelled X ...") share most of their
    words but not their date or their village."""
    keys = events.keys
    out = set()
    for a, b in pairs:
        ka, kb = keys.get(f"{a}:0"), keys.get(f"{b}:0")
        if ka is None or kb is None:
            out.add((a, b))  # a report with no event: nothing to contradict the text
            continue
        gap = date_gap(ka, kb)
        if gap is not None and gap > settings.match_date_window:
            continue
        if ka.keys and kb.keys and not (ka.keys & kb.keys):
            continue
        out.add((a, b))
    return out


_KEY_COLUMNS = ("e.id, e.report_id, e.iso3s, e.date_start, e.date_end, e.time_precision, "
                "e.location, e.admin2, e.latitude, e.longitude, e.geo_precision, e.event_type, "
                "e.actors, e.numbers")


def _key(row, keys) -> EventKey:
    (eid, rid, iso3s, ds, de, tp, loc, a2, lat, lon, gp, et, actors, numbers) = row
    return EventKey(id=eid, report_id=rid, iso3s=frozenset(iso3s or ()), keys=frozenset(keys),
                    date_start=ds, date_end=de, time_precision=tp, location=loc, admin2=a2,
                    latitude=lat, longitude=lon, geo_precision=gp, event_type=et,
                    actors=frozenset(actors or ()), numbers=frozenset(numbers or ()))


def stored_report_ids(con) -> set[str]:
    return {row[0] for row in con.execute("SELECT id FROM reports").fetchall()}


def event_keys_sql(con) -> list[EventKey]:
    """Every stored report event as matching reads it (loads the blocking index)."""
    place = {eid: keys for eid, keys in con.execute(
        "SELECT event_id, list(key) FROM event_keys GROUP BY 1").fetchall()}
    return [_key(row, place.get(row[0], ())) for row in con.execute(
        f"SELECT {_KEY_COLUMNS} FROM report_events e").fetchall()]


def _match(con, pairs: list[tuple[str, str]], copies: list[tuple[str, str]], settings: Settings,
           events: EventIndex) -> None:
    """Score the blocking candidates of the batch's new events; store the matches. ``copies``:
    pairs of reports of one story (a new one and another copy)."""
    keys = events.keys
    rows, done = [], set()
    for a, b in pairs:
        pair = tuple(sorted((a, b)))
        if pair in done:
            continue
        done.add(pair)
        ok, score, reasons = is_match(keys[pair[0]], keys[pair[1]], settings)
        if ok:
            rows.append([pair[0], pair[1], score, json.dumps(reasons), "auto"])
    # copies of one wire story describe the same events: their primary events always match
    for a, b in copies:
        ea, eb = sorted((f"{a}:0", f"{b}:0"))
        if ea in keys and eb in keys:
            rows.append([ea, eb, 10.0, json.dumps(["near-duplicate reports (the same story)"]), "auto"])
    insert(con, "matches", ["a", "b", "score", "reasons", "origin"], rows, or_ignore=True)


def store_match(con, a: str, b: str, score: float, reasons: list[str], origin: str = "auto") -> None:
    a, b = sorted((a, b))
    con.execute("INSERT OR IGNORE INTO matches VALUES (?, ?, ?, ?, ?)",
                [a, b, score, json.dumps(reasons), origin])
