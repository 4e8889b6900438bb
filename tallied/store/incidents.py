"""Incidents as connected components of the match graph, and their reconciled rows.

Links between report events (automatic matches above the threshold, and analyst merges) form a
graph; each connected component is one incident. Components do not depend on the order in which
reports arrived. An event an analyst split out keeps only analyst links. Incident ids are kept
across recomputations: a component keeps the smallest id its members had, a new one gets an id
derived from its smallest member, and an id that disappears (two incidents merged) hands its
edits to the survivor. All reads and writes are set-based (a few statements per batch).
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict

import pyarrow as pa

from ..models import Edit
from ..reconcile.policy import Member, derive
from .bulk import id_table, insert

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


def _links(con, ids) -> list[tuple[str, str, float, str, str]]:
    """(a, b, score, reasons, origin) of every stored link touching ``ids``."""
    if not ids:
        return []
    with id_table(ids) as (t, p):
        return con.execute(
            f"SELECT m.a, m.b, m.score, m.reasons, m.origin FROM matches m WHERE m.a IN (SELECT id FROM {t}) "
            f"UNION SELECT m.a, m.b, m.score, m.reasons, m.origin FROM matches m "
            f"WHERE m.b IN (SELECT id FROM {t})", p).fetchall()


def _pinned(con, ids) -> set[str]:
    with id_table(ids) as (t, p):
        return {r[0] for r in con.execute(f"SELECT p.event_id FROM event_pins p JOIN {t} i ON i.id = p.event_id", p).fetchall()}


def _active(con, links) -> list[tuple[str, str]]:
    """The links that count, strongest first (analyst links before automatic ones)."""
    pinned = _pinned(con, {x for a, b, *_ in links for x in (a, b)}) if links else set()
    kept = [(origin != "analyst", -score, a, b) for a, b, score, _, origin in links
            if origin == "analyst" or (a not in pinned and b not in pinned)]
    return [(a, b) for *_, a, b in sorted(set(kept))]


def closure(con, seeds: set[str]) -> tuple[set[str], list]:
    """Every event connected to ``seeds`` and every member of their current incidents, and the
    links among them."""
    done: set[str] = set()
    links: set = set()
    frontier = set(seeds)
    while frontier:
        done |= frontier
        found = _links(con, frontier)
        links |= set(found)
        nxt = {x for a, b in _active(con, found) for x in (a, b)}
        with id_table(frontier) as (t, p):
            nxt |= {r[0] for r in con.execute(
                f"SELECT l2.event_id FROM incident_links l JOIN {t} i ON i.id = l.event_id "
                f"JOIN incident_links l2 ON l2.incident_id = l.incident_id", p).fetchall()}
        frontier = nxt - done
    return done, sorted(links)


def components(con, events: set[str], links=None) -> list[list[str]]:
    """Connected components of the links among ``events``. Two events of one report are two
    events (assemble split them): a link that would join them is left out. Links are taken
    strongest first, so the result is the same in any order of arrival."""
    if links is None:
        links = _links(con, events)
    parent = {e: e for e in events}
    reports = {e: {e.rsplit(":", 1)[0]} for e in events}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in _active(con, links):
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
    events, links = closure(con, seeds)
    with id_table(events) as (t, p):
        old_of = dict(con.execute(
            f"SELECT l.event_id, l.incident_id FROM incident_links l JOIN {t} i ON i.id = l.event_id", p).fetchall())
    old_ids = set(old_of.values())
    comps = components(con, events, links)
    comps.sort(key=lambda c: split_out in c)
    claimed: dict[str, list[str]] = {}
    for comp in comps:
        previous = sorted({old_of[e] for e in comp if e in old_of} - set(claimed))
        iid = previous[0] if previous else new_id(comp)
        salt = 0
        while iid in claimed:  # a split-out event whose own first id its old partner now holds
            salt += 1
            iid = new_id([f"{min(comp)}#{salt}"])
        claimed[iid] = comp
    created = sum(1 for i in claimed if i not in old_ids)
    gone = old_ids - set(claimed)
    for iid in sorted(gone):
        # an incident merged into another: its edits follow its members
        survivor = next((new for new, comp in claimed.items()
                         if any(old_of.get(e) == iid for e in comp)), None)
        if survivor:
            con.execute("UPDATE edits SET incident_id = ? WHERE incident_id = ?", [survivor, iid])
    with id_table(gone) as (t, p):
        con.execute(f"DELETE FROM incidents WHERE id IN (SELECT id FROM {t})", p)
    write_incidents(con, claimed, links)
    return created, len(claimed) - created


def _members(con, events) -> dict[str, Member]:
    with id_table(events) as (t, p):
        rows = con.execute(
            f"SELECT e.id, e.report_id, e.data, e.figure_idx, r.published, r.outlet, r.near_duplicate_of "
            f"FROM report_events e JOIN {t} i ON i.id = e.id JOIN reports r ON r.id = e.report_id", p).fetchall()
    with id_table({r[1] for r in rows}) as (t, p):
        fig_rows = con.execute(
            f"SELECT f.report_id, f.idx, f.kind, f.best, f.status, f.scope, f.according_to, f.ev_start, "
            f"f.ev_end, f.ev_text, f.qualifier FROM figures f JOIN {t} i ON i.id = f.report_id", p).fetchall()
    names = ("kind", "best", "status", "scope", "according_to", "ev_start", "ev_end", "ev_text", "qualifier")
    figs = {(r[0], r[1]): dict(zip(names, r[2:])) for r in fig_rows}
    return {eid: Member(event_id=eid, report_id=rid, event=json.loads(data),
                        figures=[dict(figs[(rid, i)]) for i in (fidx or []) if (rid, i) in figs],
                        published=published.isoformat() if published else None,
                        outlet=outlet, duplicate_of=dup)
            for eid, rid, data, fidx, published, outlet, dup in rows}


def _edits_by_incident(con, ids) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = defaultdict(list)
    with id_table(ids) as (t, p):
        for row in con.execute(
                f"SELECT e.incident_id, e.action, e.field, e.new_value, e.target FROM edits e "
                f"JOIN {t} i ON i.id = e.incident_id ORDER BY e.id", p).fetchall():
            out[row[0]].append(row[1:])
    return out


def _apply_toll_edits(edits: list[tuple], ms: list[Member]) -> None:
    """An analyst's correction of one report's count (set_figure) replaces that report's count."""
    by_event = {m.event_id: m for m in ms}
    for action, fieldname, new, target in edits:
        m = by_event.get(target)
        if action != "set_figure" or m is None:
            continue
        value = json.loads(new)
        if fieldname == "status":
            for f in m.figures:
                f["status"] = value
        else:
            m.event[fieldname] = value


def _review_status(edits: list[tuple]) -> str:
    status = "unreviewed"
    for action, *_ in edits:
        status = {"approve": "approved", "reject": "rejected", "reopen": "unreviewed"}.get(action, status)
    return status


def _link_rows(iid: str, comp: list[str], links) -> list[list]:
    members = set(comp)
    best: dict[str, tuple[float, list[str]]] = {}
    for a, b, score, reasons, origin in links:
        if a in members and b in members:
            why = json.loads(reasons)
            score = 100.0 if origin == "analyst" else score
            for x, y in ((a, b), (b, a)):
                if x not in best or score > best[x][0]:
                    best[x] = (score, [f"matches {y}"] + why)
    first = (0.0, ["first report of this incident"])
    return [[e, iid, best.get(e, first)[0], json.dumps(best.get(e, first)[1])] for e in comp]


_TYPES = {**{c: pa.int64() for c in INT_FIELDS | {"n_reports", "n_sources"}},
          **{c: pa.float64() for c in FLOAT_FIELDS},
          **{c: pa.string() for c in set(INCIDENT_COLUMNS) - INT_FIELDS - FLOAT_FIELDS}}


def write_incidents(con, claimed: dict[str, list[str]], links=None) -> None:
    """(Re)write the rows of incidents ``claimed`` (id -> member event ids) and their links."""
    all_events = {e for comp in claimed.values() for e in comp}
    if links is None:
        links = _links(con, all_events)
    members = _members(con, all_events)
    edits = _edits_by_incident(con, claimed)
    rows, link_rows = [], []
    for iid, comp in claimed.items():
        ms = [members[e] for e in comp if e in members]
        _apply_toll_edits(edits.get(iid, []), ms)
        fields, rules, history = derive(ms)
        for action, fieldname, new, _ in edits.get(iid, []):
            if action == "set_field":
                fields[fieldname] = json.loads(new)
                rules[fieldname] = "set by an analyst"
        n_reports = len({m.report_id for m in ms})
        n_sources = len({m.report_id for m in ms if m.duplicate_of is None})
        rows.append([iid, *[fields.get(c) for c in INCIDENT_COLUMNS], n_reports, n_sources,
                     _review_status(edits.get(iid, [])), json.dumps(rules),
                     json.dumps([t.to_dict() for t in history])])
        link_rows.extend(_link_rows(iid, comp, links))
    with id_table(claimed) as (t, p):
        con.execute(f"DELETE FROM incidents WHERE id IN (SELECT id FROM {t})", p)
    with id_table(all_events) as (t, p):
        con.execute(f"DELETE FROM incident_links WHERE event_id IN (SELECT id FROM {t})", p)
    cols = ["id", *INCIDENT_COLUMNS, "n_reports", "n_sources", "review_status", "rules", "toll_history"]
    insert(con, "incidents", cols, rows, types=_TYPES)
    insert(con, "incident_links", ["event_id", "incident_id", "score", "reasons"], link_rows,
           types={"score": pa.float64()})


def edit_rows(con, iid: str | None = None, limit: int | None = None) -> list[Edit]:
    sql = ("SELECT id, edited_at, user_name, incident_id, action, field, old_value, new_value, reason, "
           "target FROM edits")
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
