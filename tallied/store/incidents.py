"""Incidents as connected components of the match graph, and their reconciled rows.

Links between report events (automatic matches above the threshold, and analyst merges) form a
graph; each connected component is one incident. Components do not depend on the order in which
reports arrived. An event an analyst split out keeps only analyst links. Incident ids are kept
across recomputations: a component keeps the smallest id its members had, a new one gets an id
derived from its smallest member, and an id that disappears (two incidents merged) hands its
edits to the survivor.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from ..models import Edit
from ..reconcile.policy import Member, derive
from .write import _marks

INCIDENT_COLUMNS = (
    "event_date", "date_start", "date_end", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso3", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "where_prec", "fatalities", "injured",
    "captured", "displaced", "low", "best", "high", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown")
INT_FIELDS = {"time_precision", "geo_precision", "where_prec", "fatalities", "injured", "captured",
              "displaced", "low", "best", "high", "deaths_a", "deaths_b", "deaths_civilians",
              "deaths_unknown"}
FLOAT_FIELDS = {"latitude", "longitude"}
DATE_FIELDS = {"event_date", "date_start", "date_end"}


def _edges(con, ids: list[str]) -> list[tuple[str, str]]:
    if not ids:
        return []
    rows = con.execute(
        f"SELECT m.a, m.b, m.score, m.origin FROM matches m WHERE (m.a IN ({_marks(ids)}) OR m.b IN ({_marks(ids)}))",
        ids + ids).fetchall()
    pinned = {r[0] for r in con.execute(
        f"SELECT event_id FROM event_pins WHERE event_id IN ({_marks(ids)})", ids).fetchall()}
    others = {x for a, b, *_ in rows for x in (a, b)} - set(ids)
    if others:
        o = sorted(others)
        pinned |= {r[0] for r in con.execute(
            f"SELECT event_id FROM event_pins WHERE event_id IN ({_marks(o)})", o).fetchall()}
    kept = [(origin != "analyst", -score, a, b) for a, b, score, origin in rows
            if origin == "analyst" or (a not in pinned and b not in pinned)]
    return [(a, b) for *_, a, b in sorted(kept)]


def closure(con, seeds: set[str]) -> set[str]:
    """Every event connected to ``seeds``, and every member of their current incidents."""
    done: set[str] = set()
    frontier = set(seeds)
    while frontier:
        done |= frontier
        ids = sorted(frontier)
        nxt = {x for a, b in _edges(con, ids) for x in (a, b)}
        old = [r[0] for r in con.execute(
            f"SELECT incident_id FROM incident_links WHERE event_id IN ({_marks(ids)})", ids).fetchall()]
        if old:
            nxt |= {r[0] for r in con.execute(
                f"SELECT event_id FROM incident_links WHERE incident_id IN ({_marks(old)})", old).fetchall()}
        frontier = nxt - done
    return done


def components(con, events: set[str]) -> list[list[str]]:
    """Connected components of the links among ``events``. Two events of one report are two
    events (assemble split them): a link that would join them is left out. Links are taken
    strongest first (analyst links before automatic ones), so the result is the same in any
    order of arrival."""
    parent = {e: e for e in events}
    reports = {e: {e.rsplit(":", 1)[0]} for e in events}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in _edges(con, sorted(events)):
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb and not (reports[ra] & reports[rb]):
                keep, drop = min(ra, rb), max(ra, rb)
                parent[drop] = keep
                reports[keep] |= reports.pop(drop)
    groups = defaultdict(list)
    for e in events:
        groups[find(e)].append(e)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))


def new_id(members: list[str]) -> str:
    return "inc-" + hashlib.sha1(min(members).encode()).hexdigest()[:12]


def recompute(con, seeds: set[str], split_out: str | None = None) -> tuple[int, int]:
    """Recompute the incidents of everything connected to ``seeds``: (created, updated).
    ``split_out``: an event just split off, which must not keep its old incident's id."""
    if not seeds:
        return 0, 0
    events = closure(con, seeds)
    ids = sorted(events)
    old_of = dict(con.execute(
        f"SELECT event_id, incident_id FROM incident_links WHERE event_id IN ({_marks(ids)})", ids).fetchall())
    old_ids = set(old_of.values())
    claimed: dict[str, list[str]] = {}
    comps = components(con, events)
    comps.sort(key=lambda c: split_out in c)
    for comp in comps:
        previous = sorted({old_of[e] for e in comp if e in old_of} - set(claimed))
        iid = previous[0] if previous else new_id(comp)
        salt = 0
        while iid in claimed:  # a split-out event whose own first id its old partner now holds
            salt += 1
            iid = new_id([f"{min(comp)}#{salt}"])
        claimed[iid] = comp
    created = sum(1 for i in claimed if i not in old_ids)
    updated = len(claimed) - created
    gone = old_ids - set(claimed)
    for iid in sorted(gone):
        # an incident merged into another: its edits follow its members
        survivor = next((new for new, comp in claimed.items()
                         if any(old_of.get(e) == iid for e in comp)), None)
        if survivor:
            con.execute("UPDATE edits SET incident_id = ? WHERE incident_id = ?", [survivor, iid])
        con.execute("DELETE FROM incidents WHERE id = ?", [iid])
    con.execute(f"DELETE FROM incident_links WHERE event_id IN ({_marks(ids)})", ids)
    for iid, comp in claimed.items():
        _write_incident(con, iid, comp)
    return created, updated


def _link_rows(con, iid: str, comp: list[str]) -> list[list]:
    best: dict[str, tuple[float, list[str]]] = {}
    if len(comp) > 1:
        rows = con.execute(
            f"SELECT a, b, score, reasons, origin FROM matches WHERE a IN ({_marks(comp)}) AND b IN ({_marks(comp)})",
            comp + comp).fetchall()
        for a, b, score, reasons, origin in rows:
            why = json.loads(reasons)
            if origin == "analyst":
                score, why = 100.0, why
            for x, y in ((a, b), (b, a)):
                if x not in best or score > best[x][0]:
                    best[x] = (score, [f"matches {y}"] + why)
    return [[e, iid, best.get(e, (0.0, ["first report of this incident"]))[0],
             json.dumps(best.get(e, (0.0, ["first report of this incident"]))[1])] for e in comp]


def members(con, comp: list[str]) -> list[Member]:
    rows = con.execute(
        f"SELECT e.id, e.report_id, e.data, e.figure_idx, r.published, r.outlet, r.near_duplicate_of "
        f"FROM report_events e JOIN reports r ON r.id = e.report_id WHERE e.id IN ({_marks(comp)})",
        comp).fetchall()
    fig_rows = con.execute(
        f"SELECT report_id, idx, kind, best, status, scope, according_to, ev_start, ev_end, ev_text, qualifier "
        f"FROM figures WHERE report_id IN (SELECT report_id FROM report_events WHERE id IN ({_marks(comp)}))",
        comp).fetchall()
    figs = {(r[0], r[1]): dict(zip(("kind", "best", "status", "scope", "according_to", "ev_start",
                                    "ev_end", "ev_text", "qualifier"), r[2:])) for r in fig_rows}
    out = []
    for eid, rid, data, fidx, published, outlet, dup in rows:
        out.append(Member(event_id=eid, report_id=rid, event=json.loads(data),
                          figures=[figs[(rid, i)] for i in (fidx or []) if (rid, i) in figs],
                          published=published.isoformat() if published else None,
                          outlet=outlet, duplicate_of=dup))
    return out


def _apply_toll_edits(con, iid: str, ms: list[Member]) -> None:
    """An analyst's correction of one report's count (set_figure) replaces that report's count."""
    by_event = {m.event_id: m for m in ms}
    rows = con.execute("SELECT target, field, new_value FROM edits WHERE incident_id = ? AND "
                       "action = 'set_figure' ORDER BY id", [iid]).fetchall()
    for target, fieldname, new in rows:
        m = by_event.get(target)
        if m is None:
            continue
        value = json.loads(new)
        if fieldname == "status":
            for f in m.figures:
                f["status"] = value
        else:
            m.event[fieldname] = value


def _write_incident(con, iid: str, comp: list[str]) -> None:
    ms = members(con, comp)
    _apply_toll_edits(con, iid, ms)
    fields, rules, history = derive(ms)
    for fieldname, new in current_field_edits(con, iid).items():
        fields[fieldname] = new
        rules[fieldname] = "set by an analyst"
    status = review_status(con, iid)
    n_reports = len({m.report_id for m in ms})
    n_sources = len({m.report_id for m in ms if m.duplicate_of is None})
    values = [fields.get(c) for c in INCIDENT_COLUMNS]
    con.execute("DELETE FROM incidents WHERE id = ?", [iid])
    con.execute(
        f"INSERT INTO incidents VALUES (?, {_marks(INCIDENT_COLUMNS)}, ?, ?, ?, ?, ?)",
        [iid, *values, n_reports, n_sources, status, json.dumps(rules),
         json.dumps([t.to_dict() for t in history])])
    # set_field/set_figure rewrite one incident without recompute(): its links go first
    con.execute(f"DELETE FROM incident_links WHERE event_id IN ({_marks(comp)})", comp)
    con.executemany("INSERT INTO incident_links VALUES (?, ?, ?, ?)", _link_rows(con, iid, comp))


def current_field_edits(con, iid: str) -> dict:
    out = {}
    for fieldname, new in con.execute(
            "SELECT field, new_value FROM edits WHERE incident_id = ? AND action = 'set_field' "
            "ORDER BY id", [iid]).fetchall():
        out[fieldname] = json.loads(new)
    return out


def review_status(con, iid: str) -> str:
    row = con.execute("SELECT action FROM edits WHERE incident_id = ? AND action IN "
                      "('approve', 'reject', 'reopen') ORDER BY id DESC LIMIT 1", [iid]).fetchone()
    return {"approve": "approved", "reject": "rejected"}.get(row[0], "unreviewed") if row else "unreviewed"


def edit_rows(con, iid: str | None = None, limit: int | None = None) -> list[Edit]:
    sql = "SELECT id, edited_at, user_name, incident_id, action, field, old_value, new_value, reason, target FROM edits"
    params: list = []
    if iid is not None:
        sql += " WHERE incident_id = ?"
        params.append(iid)
    sql += " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [Edit(id=r[0], at=r[1].isoformat(sep=" "), user=r[2], incident_id=r[3], action=r[4],
                 field=r[5], old_value=json.loads(r[6]) if r[6] is not None else None,
                 new_value=json.loads(r[7]) if r[7] is not None else None, reason=r[8], target=r[9])
            for r in con.execute(sql, params).fetchall()]
