"""The store: one embedded DuckDB file holding every report, figure, report event, incident,
analyst edit and skip. The only code that writes SQL; the CLI, the HTTP API and the tests all
go through :class:`Store`.

    with Store.open("tallied.duckdb") as store:
        summary = store.ingest(results)             # pipeline Results, one transaction a batch
        rows, total = store.incidents(IncidentFilter(country="Syria"), limit=50)
        incident = store.incident(rows[0]["id"])    # reports, tolls, evidence, edits
        store.tally(by="country", per="month", flt=IncidentFilter())
        store.set_field(incident.id, "fatalities", 40, user="ana", reason="state government")
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from ..models import Edit, Incident, Result
from ..settings import SETTINGS, Settings
from . import analyst, read
from .db import connect, default_path, release
from .incidents import edit_rows, recompute
from .read import IncidentFilter, REVIEW_STATUSES, TALLY_BY, TALLY_PER
from .schema import SCHEMA_VERSION, TABLES
from .write import BatchSummary, write_batch

__all__ = ["Store", "IncidentFilter", "BatchSummary", "default_path", "SCHEMA_VERSION", "TABLES",
           "REVIEW_STATUSES", "TALLY_BY", "TALLY_PER"]


class Store:
    """An open tallied database. Not shared between threads: open one per thread or process."""

    def __init__(self, con, path: str, settings: Settings = SETTINGS):
        self.con = con
        self.path = path
        self.settings = settings
        self._bands = None  # the LSH band index, loaded on the first ingest
        self._events = None  # the blocking index (tallied/store/blocking.py), likewise

    @classmethod
    def open(cls, path: str | None = None, read_only: bool = False, create: bool = True,
             settings: Settings = SETTINGS) -> "Store":
        path = str(path or default_path())
        return cls(connect(path, read_only=read_only, create=create), path, settings)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
            release(self.path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self):
        self.con.begin()
        try:
            yield self.con
        except BaseException:
            self.con.rollback()
            raise
        self.con.commit()

    # --- writing -----------------------------------------------------------------------------

    def ingest_batch(self, results: list[Result]) -> BatchSummary:
        """Store one batch of results and reconcile what it touched, in one transaction."""
        try:
            with self.transaction() as con:
                if self._bands is None or self._events is None:
                    from .blocking import EventIndex
                    from .lsh import BandIndex

                    self._bands = BandIndex.load(con)
                    self._events = EventIndex.load(con)
                summary, touched = write_batch(con, results, self.settings, self._bands, self._events)
                summary.incidents_created, summary.incidents_updated = recompute(con, touched)
        except BaseException:
            self._bands = self._events = None  # they may hold the batch rolled back
            raise
        return summary

    def ingest(self, results: Iterable[Result], batch_size: int | None = None,
               progress: Callable[[BatchSummary], None] | None = None) -> BatchSummary:
        total = BatchSummary()
        batch: list[Result] = []
        size = batch_size or self.settings.ingest_batch_size
        for result in results:
            batch.append(result)
            if len(batch) >= size:
                total.add(self.ingest_batch(batch))
                batch = []
                if progress:
                    progress(total)
        if batch:
            total.add(self.ingest_batch(batch))
            if progress:
                progress(total)
        return total

    # --- reading -----------------------------------------------------------------------------

    def incidents(self, flt: IncidentFilter | None = None, limit: int = 50, offset: int = 0,
                  sort: str = "date") -> tuple[list[dict], int]:
        return read.list_incidents(self.con, flt or IncidentFilter(), limit, offset, sort)

    def incident_rows(self, flt: IncidentFilter | None = None) -> list[dict]:
        return read.all_incident_rows(self.con, flt or IncidentFilter())

    def incident(self, iid: str) -> Incident:
        return read.incident(self.con, iid)

    def report(self, rid: str) -> dict:
        return read.report(self.con, rid)

    def tally(self, by: str = "country", per: str = "month", flt: IncidentFilter | None = None) -> list[dict]:
        return read.tally(self.con, by, per, flt or IncidentFilter())

    def audit(self, incident_id: str | None = None, limit: int | None = None) -> list[Edit]:
        return edit_rows(self.con, incident_id, limit)

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def skips(self) -> list[dict]:
        keys = ("source", "external_id", "reason", "message")
        return [dict(zip(keys, r)) for r in self.con.execute(
            "SELECT source, external_id, reason, message FROM skips ORDER BY source, id").fetchall()]

    # --- the analyst -------------------------------------------------------------------------

    def set_field(self, iid: str, field: str, value, user: str, reason: str | None = None, **kw):
        with self.transaction() as con:
            return analyst.set_field(con, iid, field, value, user, reason, **kw)

    def set_figure(self, iid: str, event_id: str, field: str, value, user: str,
                   reason: str | None = None, **kw):
        with self.transaction() as con:
            return analyst.set_figure(con, iid, event_id, field, value, user, reason, **kw)

    def approve(self, iid: str, user: str, reason: str | None = None) -> str:
        with self.transaction() as con:
            return analyst.review(con, iid, "approve", user, reason)

    def reject(self, iid: str, user: str, reason: str | None = None) -> str:
        with self.transaction() as con:
            return analyst.review(con, iid, "reject", user, reason)

    def reopen(self, iid: str, user: str, reason: str | None = None) -> str:
        with self.transaction() as con:
            return analyst.review(con, iid, "reopen", user, reason)

    def merge(self, a: str, b: str, user: str, reason: str | None = None) -> str:
        with self.transaction() as con:
            return analyst.merge(con, a, b, user, reason)

    def split(self, iid: str, event_id: str, user: str, reason: str | None = None) -> str:
        with self.transaction() as con:
            return analyst.split(con, iid, event_id, user, reason)

    def add_user(self, name: str) -> str:
        with self.transaction() as con:
            return analyst.add_user(con, name)

    def check_token(self, token: str | None) -> str | None:
        return analyst.check_token(self.con, token)
