"""The one orchestrator: reports in, events with evidence out.

    ingest    paths -> Report | Skip            (tallied.ingest.run)
    clean     Report -> Report with clean text   (tallied.clean.run)
    nlp       Report -> spaCy Doc                (tallied.nlp)
    extract   Doc -> figures, actors, places, times, triggers
    resolve   places -> gazetteer entries; times -> dates (inside the extract calls' results)
    assemble  mentions -> events, primary first  (tallied.assemble.run)

The CLI, the HTTP API and the Python API all call :func:`extract_reports` or :func:`extract_text`;
none re-implements a stage. spaCy objects never leave this module's callees.

``workers > 1`` runs clean through assemble in that many processes (tallied/parallel.py), each
loading the model, gazetteer and catalogue once; results come back in input order. A
:class:`~tallied.timing.StageTimes` passed as ``times`` collects the seconds spent per stage.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from . import assemble, clean, extract, ingest, nlp, resolve
from .budget import ReportTimeout, time_budget
from .models import Report, Result, Skip
from .settings import SETTINGS, Settings
from .timing import StageTimes, timed


def extract_text(text: str, published: date | None = None, outlet: str | None = None,
                 url: str | None = None, source: str = "<text>", settings: Settings = SETTINGS) -> Result:
    """Run the whole pipeline on one text (the Python API's simplest entry point)."""
    report = Report(source=source, raw_text=text, published=published, outlet=outlet, url=url)
    return next(iter(process([report], settings)))


def extract_reports(paths: list[str], published: date | None = None, outlet: str | None = None,
                    url: str | None = None, stdin=None, settings: Settings = SETTINGS,
                    workers: int = 1) -> Iterator[Result]:
    """Ingest ``paths`` and run every report through the pipeline, in input order
    (in ``workers`` processes when more than one)."""
    items = ingest.run(paths, published=published, outlet=outlet, url=url, stdin=stdin,
                       settings=settings)
    if workers > 1:
        from .parallel import process_parallel

        return process_parallel(items, settings, workers)
    return process(items, settings)


def process(items: Iterable[Report | Skip], settings: Settings = SETTINGS,
            times: StageTimes | None = None) -> Iterator[Result]:
    """Clean, parse, extract and assemble each report; Skips pass through as results."""
    batch: list[Report | Skip] = []
    for item in items:
        batch.append(item)
        if len(batch) >= settings.nlp_batch_size:
            yield from _process_batch(batch, settings, times)
            batch = []
    if batch:
        yield from _process_batch(batch, settings, times)


def _process_batch(batch: list[Report | Skip], settings: Settings,
                   times: StageTimes | None = None) -> Iterator[Result]:
    with timed(times, "clean"):
        reports = [clean.run(item) for item in batch if isinstance(item, Report)]
    docs = iter(nlp.pipe(reports, settings))
    cleaned = iter(reports)
    for item in batch:
        if isinstance(item, Skip):
            yield Result(source=item.source, report=None, skipped=item)
            continue
        report = next(cleaned)
        with timed(times, "nlp"):
            doc = next(docs)
        yield _guarded(report, doc, settings, times)


def _guarded(report: Report, doc, settings: Settings = SETTINGS,
             times: StageTimes | None = None) -> Result:
    """One report's failure must not end a run over thousands: a bug in a stage becomes a
    recorded skip naming the report and the error, and the run goes on (never lost data); so
    does a report over its time budget (``settings.report_seconds``, see tallied.budget)."""
    try:
        with time_budget(settings.report_seconds):
            return run_doc(report, doc, settings, times)
    except ReportTimeout as exc:
        skip = Skip(source=report.source, reason="timeout",
                    message=f"{report.source}: coding took too long ({exc}, "
                            "settings.report_seconds); skipped", external_id=report.external_id)
        return Result(source=report.source, report=report, skipped=skip)
    except Exception as exc:  # noqa: BLE001 - the per-report boundary of a batch run
        skip = Skip(source=report.source, reason="internal_error",
                    message=f"{report.source}: tallied failed on this report "
                            f"({type(exc).__name__}: {exc}); please report it",
                    external_id=report.external_id)
        return Result(source=report.source, report=report, skipped=skip)


def run_doc(report: Report, doc, settings: Settings = SETTINGS,
            times: StageTimes | None = None) -> Result:
    """extract -> resolve -> assemble for one parsed report."""
    with timed(times, "extract"):
        found = extract.run(report, doc)
    with timed(times, "resolve"):
        mentions = resolve.run(report, doc, found)
    with timed(times, "assemble"):
        events = assemble.run(report, mentions, split_multiday=settings.split_multiday)
    return Result(source=report.source, report=report, events=events,
                  figures=mentions.figures, mentions=mentions)
