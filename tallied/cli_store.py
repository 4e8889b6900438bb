"""The monitor's commands: ingest, incidents, show, tally, export, and the analyst's
set/set-figure/approve/reject/merge/split/audit. Thin: parse, call tallied.store, print.

Exit codes as for extract: 0 done; 1 done with skipped reports (ingest); 2 could not be done
(a bad argument, a missing or unusable database, an unknown id) with one line on stderr and
nothing in the store changed.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date

from .errors import UsageError

FORMATS_LIST = ("table", "json", "csv")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _positive(value: str) -> int:
    v = _nonneg(value)
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value!r}")
    return v


def _nonneg(value: str) -> int:
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value!r}")
    return v


def _db(p) -> None:
    p.add_argument("--db", help="the database file (default: $TALLIED_DB or ./tallied.duckdb)")


def _filters(p) -> None:
    p.add_argument("--country", help="country name or ISO3 code")
    p.add_argument("--admin1")
    p.add_argument("--actor", help="part of an actor's name")
    p.add_argument("--event-type")
    p.add_argument("--from", dest="date_from", type=_date, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, help="YYYY-MM-DD")
    p.add_argument("--min-fatalities", type=_nonneg)
    p.add_argument("--status", dest="review_status", choices=("unreviewed", "approved", "rejected"))


def _user(p) -> None:
    p.add_argument("--user", required=True, help="who makes this decision (the audit trail)")
    p.add_argument("--reason", help="why (the audit trail)")


def add_commands(sub) -> None:
    p = sub.add_parser("ingest", help="code reports and store them, reconciled into incidents")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _db(p)
    p.add_argument("--published", type=_date)
    p.add_argument("--outlet")
    p.add_argument("--url")
    p.add_argument("--batch-size", type=_nonneg, help="reports per transaction")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="extraction processes on this machine (each loads the model once)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="extract on a Dask cluster: local, local:N or tcp://HOST:PORT")
    p.add_argument("--output-dataset", metavar="DIR",
                   help="with --dask: write report events and the incidents the workers reconcile "
                        "per country x month as a Parquet dataset to DIR instead of the store (for "
                        "stores too large for one file; DuckDB queries it in place)")
    p.add_argument("--any-language", action="store_true",
                   help="code reports detected as not English too (default: skip, reason language)")

    p = sub.add_parser("incidents", help="list incidents")
    _db(p)
    _filters(p)
    p.add_argument("--format", choices=FORMATS_LIST, default="table")
    p.add_argument("--limit", type=_nonneg, default=50)
    p.add_argument("--offset", type=_nonneg, default=0)
    p.add_argument("--sort", default="date", choices=("date", "-date", "fatalities", "reports", "id"))

    p = sub.add_parser("show", help="one incident: its sources side by side, figures, toll over time")
    p.add_argument("id")
    _db(p)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub.add_parser("tally", help="deaths by side, injured, abducted, displaced per group and period")
    _db(p)
    p.add_argument("--by", choices=("country", "admin1", "actor"), default="country")
    p.add_argument("--per", choices=("day", "week", "month", "year"), default="month")
    _filters(p)
    p.add_argument("--format", choices=FORMATS_LIST, default="table")

    p = sub.add_parser("export", help="incidents as ACLED CSV, UCDP CSV, GeoJSON, Parquet or JSONL")
    _db(p)
    p.add_argument("--format", required=True, choices=("acled", "ucdp", "geojson", "parquet", "jsonl"))
    p.add_argument("--output", required=True, help="the file to write")
    _filters(p)

    p = sub.add_parser("set", help="set an incident field (outranks what reconciliation derives)")
    p.add_argument("id")
    p.add_argument("field")
    p.add_argument("value")
    _db(p)
    _user(p)
    p = sub.add_parser("set-figure", help="correct one report's count, or its status, in an incident")
    p.add_argument("id")
    p.add_argument("event_id", help="the report event (see `tallied show`)")
    p.add_argument("field", help="fatalities, injured, captured, displaced or status")
    p.add_argument("value")
    _db(p)
    _user(p)
    for name in ("approve", "reject"):
        p = sub.add_parser(name, help=f"{name} an incident")
        p.add_argument("id")
        _db(p)
        _user(p)
    p = sub.add_parser("merge", help="merge two incidents into one")
    p.add_argument("id")
    p.add_argument("other")
    _db(p)
    _user(p)
    p = sub.add_parser("split", help="split a report event out of an incident")
    p.add_argument("id")
    p.add_argument("event_id")
    _db(p)
    _user(p)
    p = sub.add_parser("audit", help="the audit trail of analyst decisions")
    p.add_argument("id", nargs="?")
    _db(p)


COMMANDS = ("ingest", "incidents", "show", "tally", "export", "set", "set-figure", "approve",
            "reject", "merge", "split", "audit")


def run(args) -> int:
    """One command; a DuckDB error met while reading or writing (a damaged file) is one line."""
    import duckdb

    from .errors import StoreError

    try:
        return _run(args)
    except duckdb.Error as exc:
        raise StoreError(f"{args.db or 'the database'}: database error "
                         f"({str(exc).splitlines()[0]})") from None


def _run(args) -> int:
    from .store import IncidentFilter, Store

    if args.command == "ingest":
        return _ingest(args)
    read_only = args.command in ("incidents", "show", "tally", "export", "audit")
    with Store.open(args.db, read_only=read_only, create=False) as store:
        if args.command == "incidents":
            rows, total = store.incidents(_flt(args, IncidentFilter), args.limit or 50, args.offset, args.sort)
            _print_rows(rows, args.format, f"{len(rows)} of {total} incident(s)")
        elif args.command == "show":
            _show(store.incident(args.id), args.format)
        elif args.command == "tally":
            rows = store.tally(args.by, args.per, _flt(args, IncidentFilter))
            _print_rows(rows, args.format, f"{len(rows)} row(s)")
        elif args.command == "export":
            _export(store, args, IncidentFilter)
        elif args.command == "audit":
            _print_rows([e.to_dict() for e in store.audit(args.id)], "table", "edit(s)")
        else:
            _analyst(store, args)
    return 0


def _flt(args, cls):
    return cls(country=args.country, admin1=args.admin1, actor=args.actor, event_type=args.event_type,
               date_from=args.date_from, date_to=args.date_to, min_fatalities=args.min_fatalities,
               review_status=args.review_status)


def _ingest(args) -> int:
    from dataclasses import replace

    from . import ingest as reader
    from .pipeline import extract_reports
    from .progress import Progress
    from .settings import SETTINGS
    from .store import Store

    if args.paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given once")
    settings = replace(SETTINGS, languages=None) if args.any_language else SETTINGS
    if args.output_dataset and not args.dask:
        raise UsageError("--output-dataset goes with --dask")
    if args.dask and args.workers > 1:
        raise UsageError("--workers and --dask: choose one (a Dask cluster has its own workers)")
    if args.output_dataset:
        from .scale import run

        s = run(args.paths, args.output_dataset, address=args.dask, published=args.published,
                outlet=args.outlet, settings=settings)
        print(f"tallied: {s.reports} report(s), {s.events} event(s), {s.skipped} skipped, "
              f"{s.partitions} partition(s) on {s.workers} worker(s); {s.incidents} incident(s) "
              f"reconciled in {s.blocks} block(s) (one per country); {s.wall_s} s -> "
              f"{s.output_dir} ({s.dataset_bytes / 1e6:.1f} MB)", file=sys.stderr)
        return 1 if s.skipped else 0
    with Store.open(args.db) as store:
        if args.dask:
            from .scale import results_on_cluster

            items = reader.run(args.paths, published=args.published, outlet=args.outlet,
                               url=args.url, stdin=sys.stdin, settings=settings)
            results = results_on_cluster(items, address=args.dask, settings=settings)
        else:
            results = extract_reports(args.paths, published=args.published, outlet=args.outlet,
                                      url=args.url, stdin=sys.stdin, settings=settings,
                                      workers=args.workers)
        bar = Progress("ingest", enabled=not args.quiet)
        state = {"n": 0}

        def on_batch(total):
            bar.update(total.read - state["n"], incidents=total.incidents_created)
            state["n"] = total.read

        summary = store.ingest(results, batch_size=args.batch_size or None, progress=on_batch)
        bar.close()
        n_inc = store.con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    s = summary
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(s.skipped.items())) or "none"
    print(f"tallied: read {s.read}, new {s.new}, exact duplicates {s.exact_duplicates}, "
          f"near-duplicates {s.near_duplicates}; incidents created {s.incidents_created}, "
          f"updated {s.incidents_updated} ({n_inc} in {store.path}); skipped: {skipped}",
          file=sys.stderr)
    return 1 if s.skipped else 0


def _print_rows(rows: list[dict], fmt: str, caption: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "csv":
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        return
    if not rows:
        print(f"(no rows) {caption}")
        return
    cols = [c for c in rows[0] if c not in ("latitude", "longitude", "admin2", "sub_event_type",
                                            "old_value", "new_value") or len(rows[0]) < 10]
    cols = cols[:14]
    widths = {c: min(28, max(len(c), *(len(str(r.get(c) if r.get(c) is not None else "")) for r in rows)))
              for c in cols}
    print("  ".join(c[:widths[c]].ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r.get(c) if r.get(c) is not None else "")[:widths[c]].ljust(widths[c]) for c in cols))
    print(f"-- {caption}")


def _show(inc, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(inc.to_dict(), ensure_ascii=False, indent=2, default=str))
        return
    f = inc.fields
    print(f"incident {inc.id}  [{inc.review_status}]  {inc.n_reports} report(s), {inc.n_sources} source(s)")
    print(f"  when:   {f['event_date']}  ({f['date_start']} to {f['date_end']}, time_precision {f['time_precision']})")
    print(f"  where:  {', '.join(str(x) for x in (f['location'], f['admin2'], f['admin1'], f['country']) if x)}"
          f"  ({f['latitude']}, {f['longitude']}; geo_precision {f['geo_precision']})")
    print(f"  what:   {f['event_type']} / {f['sub_event_type']}")
    print(f"  who:    {f['actor1']}  vs  {f['actor2']}")
    print(f"  deaths: ACLED {f['fatalities']}   UCDP best {f['best']} [low {f['low']}, high {f['high']}]"
          f"   side A {f['deaths_a']}, side B {f['deaths_b']}, civilians {f['deaths_civilians']}, "
          f"unknown {f['deaths_unknown']}")
    print(f"  also:   injured {f['injured']}, captured {f['captured']}, displaced {f['displaced']}")
    print(f"  rule:   {inc.rules.get('fatalities')}")
    print("  toll over time (each source's own count; * used; = copy, not counted):")
    for t in inc.toll_history:
        mark = "*" if t.used else ("=" if t.duplicate_of else " ")
        claim = "" if t.status == "reported" else f" [{t.status.upper()}: a claim, not counted alone]"
        ev = f'  "{t.evidence[0].text[:90]}"' if t.evidence else ""
        print(f"   {mark} {t.published or 'undated':<10} {t.kind:<9} {t.value:>6} "
              f"{t.outlet or '?'} — per {t.according_to or 'the report'}{claim}{ev}")
    print("  figures (every count each source states; context figures are not counted):")
    for fig in inc.figures:
        count = fig["best"] if fig["best"] is not None else "?"
        status = "" if fig["status"] == "reported" else f" [{fig['status'].upper()}]"
        scope = "" if fig["scope"] == "event" else "  [context: not counted]"
        dup = "  [copy]" if fig["near_duplicate_of"] else ""
        print(f"    {fig['kind']:<9} {count:>6} {fig['who'] or ''} — per {fig['according_to'] or 'the report'}"
              f" ({fig['outlet'] or '?'}, {fig['published'] or 'undated'}){status}{scope}{dup}")
    print("  sources:")
    for link in inc.links:
        dup = f" (near-duplicate of {link['near_duplicate_of']})" if link["near_duplicate_of"] else ""
        print(f"    {link['event_id']}  {link['published'] or 'undated':<10} {link['outlet'] or '?'}{dup}"
              f"  score {link['score']:.1f}: {'; '.join(link['reasons'][:3])}")
    if inc.edits:
        print("  edits:")
        for e in inc.edits:
            print(f"    {e.at} {e.user} {e.action} {e.field or ''} {e.old_value!r} -> {e.new_value!r}"
                  f"{' (' + e.reason + ')' if e.reason else ''}")


def _export(store, args, cls) -> None:
    from pathlib import Path

    from .export.incidents import write

    out = Path(args.output)
    if out.parent and not out.parent.exists():
        raise UsageError(f"{out}: the folder {out.parent} does not exist")
    n = write(store.incident_rows(_flt(args, cls)), args.format, out)
    print(f"tallied: wrote {n} row(s) to {out} ({args.format})", file=sys.stderr)


def _analyst(store, args) -> None:
    c = args.command
    if c == "set":
        new = store.set_field(args.id, args.field, args.value, args.user, args.reason)
        print(f"{args.id}: {args.field} = {new!r}")
    elif c == "set-figure":
        new = store.set_figure(args.id, args.event_id, args.field, args.value, args.user, args.reason)
        print(f"{args.id}: {args.event_id} {args.field} = {new!r}")
    elif c == "approve":
        print(f"{args.id}: {store.approve(args.id, args.user, args.reason)}")
    elif c == "reject":
        print(f"{args.id}: {store.reject(args.id, args.user, args.reason)}")
    elif c == "merge":
        print(f"merged into {store.merge(args.id, args.other, args.user, args.reason)}")
    elif c == "split":
        print(f"{args.event_id} is now incident {store.split(args.id, args.event_id, args.user, args.reason)}")
