"""The written policy (docs/reconciliation.md) that turns an incident's report events into its
reconciled fields. A pure function: the same members give the same fields, in any order.

Counts (killed, injured, captured, displaced), per kind:
    toll of a report   its event's own conservative count (assemble's ACLED coding);
                       a report whose count rests only on claims (status claimed, denied or
                       disputed, e.g. a group claiming its own success) is a claim: kept in the
                       history, never used, unless a credible report states at least as many
    copies             a near-duplicate of another report is shown, never counted
    superseded         a toll is superseded when a report published later gives a higher one
                       (tolls rise as bodies are found: "rose to"); an undated report is
                       superseded by any higher dated toll and supersedes nothing
    ACLED fatalities   the lowest toll no later report revised: the conservative current figure;
                       a lower bound ("more than 130") that an exact standing toll above it
                       satisfies is no revision and is passed over
    UCDP best/low/high best = the median of the standing tolls (lower middle), low = the lowest
                       standing toll, high = the highest credible toll of any report
    per side           the per-side deaths of the report whose toll ACLED took, scaled to it
Place, date, type and actors: the value most members agree on, the more precise first.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..models import Evidence, TollEntry

COUNT_KINDS = {"killed": "fatalities", "injured": "injured", "captured": "captured",
               "displaced": "displaced"}
_FIGURE_KINDS = {"killed": ("killed",), "injured": ("injured",),
                 "captured": ("abducted", "arrested", "captured", "hostage"),
                 "displaced": ("displaced",)}
_CREDIBLE = "reported"


@dataclass
class Member:
    """One report event of an incident, as the store hands it to the policy."""

    event_id: str
    report_id: str
    event: dict[str, Any]  # the Event's fields (ACLED/UCDP columns)
    figures: list[dict[str, Any]] = field(default_factory=list)  # this event's figures
    published: str | None = None
    outlet: str | None = None
    duplicate_of: str | None = None


def _kind_value(m: Member, kind: str) -> int:
    e = m.event
    if kind == "killed":
        return int(e.get("fatalities") or 0)
    return int(e.get(COUNT_KINDS[kind]) or 0)


def _tolls(members: list[Member], kind: str) -> list[TollEntry]:
    out = []
    for m in members:
        value = _kind_value(m, kind)
        figs = [f for f in m.figures if f.get("kind") in _FIGURE_KINDS[kind] and f.get("scope") == "event"]
        if value <= 0 and not figs:
            continue
        statuses = {f.get("status") for f in figs} or {_CREDIBLE}
        status = _CREDIBLE if _CREDIBLE in statuses else sorted(statuses)[0]
        sources = [f.get("according_to") for f in figs if f.get("according_to")]
        low, high = value, value
        if kind == "killed":
            low = int(m.event.get("low") or value)
            high = max(int(m.event.get("high") or value), value)
        bound = bool(figs) and all(f.get("qualifier") in ("at least", "more than")
                                   for f in figs if f.get("best") in (value, value + 1))
        evidence = [Evidence(f["ev_start"], f["ev_end"], f["ev_text"]) for f in figs if "ev_start" in f]
        out.append(TollEntry(kind=kind, value=value, low=min(low, value), high=high,
                             published=m.published, outlet=m.outlet, report_id=m.report_id,
                             event_id=m.event_id, according_to=sources[0] if sources else None,
                             status=status, duplicate_of=m.duplicate_of, bound=bound,
                             evidence=evidence[:3]))
    out.sort(key=lambda t: (t.published is None, t.published or "", t.report_id, t.event_id))
    return out


def _standing(tolls: list[TollEntry]) -> list[TollEntry]:
    """The tolls that count and that no later report revised upwards."""
    counted = [t for t in tolls if t.duplicate_of is None and t.value > 0]
    credible = [t for t in counted if t.status == _CREDIBLE]
    # a claim counts only when a credible report states at least as many
    best_credible = max((t.value for t in credible), default=0)
    counted = credible + [t for t in counted if t.status != _CREDIBLE and t.value <= best_credible]
    standing = []
    for t in counted:
        later_higher = any(
            o.value > t.value and o.published is not None and (t.published is None or o.published > t.published)
            for o in counted)
        if not later_higher:
            standing.append(t)
    return standing


def reconcile_counts(members: list[Member], kind: str) -> tuple[dict[str, int], str, list[TollEntry], TollEntry | None]:
    """(values, the rule that chose them, the toll history, the toll ACLED took) for one kind."""
    tolls = _tolls(members, kind)
    standing = _standing(tolls)
    for t in standing:
        t.used = True
    if not standing:
        rule = "no credible count in any report" if tolls else "no report gives a count"
        return {"value": 0, "low": 0, "best": 0, "high": 0}, rule, tolls, None
    # a lower bound ("more than 130") agrees with an exact toll above it (160): no revision
    exact = [t for t in standing if not t.bound]
    pool = [t for t in standing if not t.bound or not any(o.value >= t.value for o in exact)]
    chosen = min(pool, key=lambda t: (t.value, t.published is None, t.published or "", t.event_id))
    values = sorted(t.value for t in standing)
    best = values[(len(values) - 1) // 2]
    credible_high = max((t.high for t in tolls if t.duplicate_of is None and t.status == _CREDIBLE),
                        default=chosen.value)
    rule = (f"lowest standing toll of {len(standing)} (of {len(tolls)} reported; later higher tolls "
            f"supersede earlier ones; copies and unsupported claims not counted)")
    return ({"value": chosen.value, "low": values[0], "best": best,
             "high": max(credible_high, best)}, rule, tolls, chosen)


def _vote(members: list[Member], name: str, rank=None):
    """The value most members give for ``name`` (copies count once), ties broken by ``rank``
    (lower is better, e.g. geo_precision) and then by the value itself, for determinism."""
    counts: Counter = Counter()
    for m in members:
        v = m.event.get(name)
        if v not in (None, "") and m.duplicate_of is None:
            counts[v] += 1
    if not counts:
        for m in members:
            if m.event.get(name) not in (None, ""):
                counts[m.event[name]] += 1
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], rank(v) if rank else 0, str(v)))


def derive(members: list[Member]) -> tuple[dict[str, Any], dict[str, str], list[TollEntry]]:
    """The incident's reconciled fields, the rule behind each, and its toll history."""
    members = sorted(members, key=lambda m: m.event_id)
    fields: dict[str, Any] = {}
    rules: dict[str, str] = {}
    history: list[TollEntry] = []
    chosen_killed = None
    for kind, column in COUNT_KINDS.items():
        vals, rule, tolls, chosen = reconcile_counts(members, kind)
        fields[column] = vals["value"]
        rules[column] = rule
        history.extend(tolls)
        if kind == "killed":
            fields.update(low=vals["low"], best=vals["best"], high=vals["high"])
            rules["best"] = "median of the standing tolls; low their lowest; high the highest credible toll"
            chosen_killed = chosen
    # per-side deaths of the report ACLED's figure came from, scaled to the reconciled best
    sides = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    if chosen_killed is not None:
        src = next(m for m in members if m.event_id == chosen_killed.event_id).event
        parts = {s: int(src.get(s) or 0) for s in sides}
        total = sum(parts.values())
        if total == fields["best"] or total == 0:
            fields.update(parts if total else {**{s: 0 for s in sides}, "deaths_unknown": fields["best"]})
        else:
            scaled = {s: parts[s] * fields["best"] // total for s in sides}
            biggest = max(sides, key=lambda s: parts[s])
            scaled[biggest] += fields["best"] - sum(scaled.values())
            fields.update(scaled)
        rules["deaths_a"] = f"per-side split of report {chosen_killed.report_id}, scaled to best"
    else:
        fields.update({s: 0 for s in sides})

    precise = [m for m in members if m.event.get("event_date")]
    best_tp = min((m.event.get("time_precision") or 3 for m in precise), default=None)
    dated = [m for m in precise if (m.event.get("time_precision") or 3) == best_tp]
    fields["event_date"] = _vote(dated, "event_date")
    fields["time_precision"] = best_tp
    starts = [m.event.get("date_start") or m.event.get("event_date") for m in dated]
    ends = [m.event.get("date_end") or m.event.get("event_date") for m in dated]
    fields["date_start"] = min(starts) if starts else None
    fields["date_end"] = max(ends) if ends else None
    rules["event_date"] = "the date most reports of the best time precision give"

    fields["iso3"] = _vote(members, "iso3")
    in_country = [m for m in members if m.event.get("iso3") == fields["iso3"]]
    fields["country"] = _vote(in_country, "country")
    loc = _vote(in_country, "location", rank=lambda v: _precision_of(in_country, v))
    at = [m for m in in_country if m.event.get("location") == loc] or in_country
    ref = min(at, key=lambda m: (m.event.get("geo_precision") or 9, m.event_id)) if at else None
    for name in ("admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
                 "where_prec"):
        fields[name] = ref.event.get(name) if ref else None
    rules["location"] = "the place most reports in the incident's country name, the most precise first"
    for name in ("event_type", "sub_event_type", "disorder_type", "actor1", "actor2", "assoc_actor_1",
                 "assoc_actor_2", "inter1", "inter2", "interaction", "civilian_targeting"):
        fields[name] = _vote(members, name)
    typed = [m for m in members if m.event.get("event_type") == fields["event_type"]]
    fields["sub_event_type"] = _vote(typed, "sub_event_type") if typed else fields["sub_event_type"]
    rules["event_type"] = "the type most reports give"
    rules["actor1"] = "the actor most reports give"
    history.sort(key=lambda t: (t.kind, t.published is None, t.published or "", t.report_id))
    return fields, rules, history


def _precision_of(members: list[Member], location) -> int:
    return min((m.event.get("geo_precision") or 9 for m in members if m.event.get("location") == location),
               default=9)
