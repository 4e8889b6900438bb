"""One block of reconciliation (a country × month) in a store of its own: what a Dask worker runs.

    summary = ingest_block(store, results, in_block)   # the store's own write path and policy
    links = incident_link_rows(store)                  # incident <-> report event, with reports
    clear(store)                                       # empty again, for the next block

The block's Results are written whole, exactly as :meth:`Store.ingest_batch` writes them (exact
and near-duplicates, report events, place keys, figures, blocking candidates, matches), so every
report keeps its other events and its primary event for the near-duplicate checks. Only the
incidents differ: a match that joins an event of the block (``in_block(event)``) to one outside
it is dropped before the incidents are recomputed, and incidents are built for the block's
events alone. An incident whose reports straddle two blocks therefore comes out as one
incident per block: that is the price of reconciling blocks apart (docs/scale.md measures it).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from ..models import Event, Result
from .bulk import id_table
from .incidents import recompute
from .schema import TABLES
from .write import BatchSummary, write_batch


def ingest_block(store, results: Iterable[Result], in_block: Callable[[Event], bool],
                 batch_size: int | None = None) -> BatchSummary:
    """Store ``results`` in batches and reconcile the events ``in_block`` selects."""
    from .lsh import BandIndex

    total = BatchSummary()
    kept: set[str] = set()
    written: set[str] = set()  # the first copy of a text is the one stored (as write_batch does)
    batch: list[Result] = []
    size = batch_size or store.settings.ingest_batch_size
    results = list(results)
    for i, result in enumerate(results):
        batch.append(result)
        if len(batch) < size and i + 1 < len(results):
            continue
        with store.transaction() as con:
            if store._bands is None:
                store._bands = BandIndex.load(con)
            summary, touched = write_batch(con, batch, store.settings, store._bands)
            for r in batch:
                if r.report is None or r.skipped is not None or r.report.id in written:
                    continue
                written.add(r.report.id)
                kept |= {f"{r.report.id}:{idx}" for idx, event in enumerate(r.events) if in_block(event)}
            with id_table(kept) as (t, p):
                con.execute(f"DELETE FROM matches WHERE a NOT IN (SELECT id FROM {t}) "
                            f"OR b NOT IN (SELECT id FROM {t})", p)
            summary.incidents_created, summary.incidents_updated = recompute(con, touched & kept)
        total.add(summary)
        batch = []
    return total


def clear(store) -> None:
    """Empty every table (the schema stays): a fresh store for the next block, without the cost
    of creating one (a few dozen statements)."""
    with store.transaction() as con:
        for table in TABLES:
            if table != "meta":
                con.execute(f"DELETE FROM {table}")
    store._bands = None


def incident_link_rows(store) -> list[dict]:
    """Every incident's report events: the event, its report (content id and the input's id),
    its place in the report, and the match score and reasons that put it there."""
    cols = ("incident_id", "event_id", "report_id", "external_id", "event_index", "score", "reasons")
    return [dict(zip(cols, row)) for row in store.con.execute(
        "SELECT l.incident_id, l.event_id, e.report_id, r.external_id, e.idx, l.score, l.reasons "
        "FROM incident_links l JOIN report_events e ON e.id = l.event_id "
        "JOIN reports r ON r.id = e.report_id ORDER BY l.incident_id, l.event_id").fetchall()]
