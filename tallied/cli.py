"""Command line: ``tallied extract PATH...`` codes reports; ``tallied ingest PATH...`` stores them
reconciled into incidents; ``incidents``, ``show``, ``tally``, ``export`` read the store; ``set``,
``set-figure``, ``approve``, ``reject``, ``merge``, ``split``, ``audit`` are the analyst's.

Thin: parses arguments, calls the pipeline, prints. A user mistake (a missing file, a bad date)
is one line on stderr naming what was wrong, never a traceback.

Exit codes: 0 every report was processed; 1 the run completed but some reports were skipped
(each skip is in the output with its reason); 2 the run could not be done (bad arguments or paths).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from dataclasses import replace

from .errors import TalliedError, UsageError
from .settings import SETTINGS


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tallied", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="code reports into events with evidence")
    ex.add_argument("paths", nargs="+", metavar="PATH",
                    help=".txt, .html or .jsonl file, a folder of them, or - for stdin")
    ex.add_argument("--published", type=_date, help="publication date of plain-text reports (YYYY-MM-DD)")
    ex.add_argument("--outlet", help="the outlet that published the reports")
    ex.add_argument("--url", help="the report's URL")
    ex.add_argument("--format", choices=("table", "json", "jsonl"), default="table")
    ex.add_argument("--split-days", action="store_true",
                    help="ACLED day-events: a toll over several days split evenly across them")
    ex.add_argument("--workers", type=_positive, default=1, metavar="N",
                    help="processes to run extraction in (each loads the model once)")
    ex.add_argument("--english-only", action="store_true",
                    help="skip reports detected as not English (reason language), as ingest does")
    from .cli_store import add_commands

    add_commands(sub)
    from .api.serve import add_serve_commands

    add_serve_commands(sub)
    return parser


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command in ("serve", "users"):
            from .api.serve import run_serve

            return run_serve(args)
        from .cli_store import run

        return run(args)
    except TalliedError as exc:
        print(f"tallied: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tallied: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _extract(args) -> int:
    from .export.records import record
    from .export.table import render
    from .pipeline import extract_reports

    if args.paths.count("-") > 1:
        raise UsageError("'-' (stdin) can be given once")
    settings = replace(SETTINGS, split_multiday=args.split_days,
                       languages=SETTINGS.languages if args.english_only else None)
    results = extract_reports(args.paths, published=args.published, outlet=args.outlet,
                              url=args.url, stdin=sys.stdin, settings=settings, workers=args.workers)
    from .progress import Progress

    skipped = processed = 0
    records = []
    bar = Progress("extract")
    for result in results:
        bar.update()
        if result.skipped:
            skipped += 1
            print(f"tallied: skipped {result.source}: {result.skipped.message}", file=sys.stderr)
        else:
            processed += 1
        if args.format == "jsonl":
            print(json.dumps(record(result), ensure_ascii=False), flush=False)
        elif args.format == "json":
            records.append(record(result))
        else:
            print(render(result) + "\n")
    bar.close()
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    print(f"tallied: {processed} report(s) processed, {skipped} skipped", file=sys.stderr)
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
