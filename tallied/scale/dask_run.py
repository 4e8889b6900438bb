"""Extraction on a Dask cluster, then reconciliation per block on the cluster, written as a
partitioned Parquet dataset.

    run(paths, output_dir, address="local:2", settings=SETTINGS) -> RunSummary

``address`` is ``local`` or ``local:N`` (a LocalCluster of N worker processes on this machine,
one thread each, on loopback) or a scheduler address (``tcp://HOST:PORT``) of a cluster already
running: the same call either way. The client reads the input lazily (tallied's ingest, as the
CLI does) and sends it in partitions of ``partition_size`` reports; at most ``2 × workers``
tasks are in flight. Results never travel back through the client:

    phase 1   each task codes one partition on a worker and writes its event and report rows,
              and stages its Results per country for phase 2 (blocks.py)
    phase 2   one task per country reconciles each of its blocks (country × month) into
              incidents with the store's own write path, matching and policy, a store per
              block, and writes them (blocks.py)

Every worker loads the model, gazetteer and catalogue once, when it joins (a worker plugin), not
per task. The dataset::

    OUTPUT/events/part-000012.parquet                        one row per report event, by block
    OUTPUT/reports/part-000012.parquet                       one row per report
    OUTPUT/incidents/block_iso3=SOM/incidents.parquet        one row per incident (block_month)
    OUTPUT/incident_links/block_iso3=SOM/links.parquet       incident -> report events

Event rows carry their block (``block_iso3``, ``block_month``) as columns, sorted by it: one
file per partition, not one per partition and block, keeps the file count (which every query
pays for) at the number of partitions. The workers must see ``OUTPUT`` at the same path (a
shared file system on a real cluster). DuckDB queries it in place (dataset.py):
``read_parquet('OUTPUT/incidents/**/*.parquet', hive_partitioning=1)``. An incident whose
reports straddle two blocks comes out as one incident per block (docs/scale.md measures it).
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..parallel import chunks
from ..models import Report, Skip
from ..settings import SETTINGS, Settings
from .blocks import BLOCK_BY, STAGING, reconcile_country, stage, staged_countries


@dataclass
class RunSummary:
    reports: int = 0
    events: int = 0
    skipped: int = 0
    partitions: int = 0
    blocks: int = 0
    incidents: int = 0
    wall_s: float = 0.0
    extract_s: float = 0.0  # phase 1: coding and writing events (cluster start-up included)
    reconcile_s: float = 0.0  # phase 2: incidents per block
    workers: int = 0
    output_dir: str = ""
    dataset_bytes: int = 0
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)


def run(paths: list[str], output_dir: str, address: str = "local:2", settings: Settings = SETTINGS,
        partition_size: int = 500, published: date | None = None, outlet: str | None = None,
        overwrite: bool = False, block_by: str = "country") -> RunSummary:
    """Ingest ``paths``, code them on the cluster at ``address``, write the dataset.
    ``block_by``: reconcile per ``country`` (default) or per ``month`` of each country."""
    from .. import ingest

    items = ingest.run(paths, published=published, outlet=outlet, settings=settings)
    return run_items(items, output_dir, address, settings, partition_size, overwrite, block_by)


def run_items(items: Iterable[Report | Skip], output_dir: str, address: str = "local:2",
              settings: Settings = SETTINGS, partition_size: int = 500,
              overwrite: bool = False, block_by: str = "country") -> RunSummary:
    """:func:`run` on reports already read (an iterable of Reports and Skips)."""
    if block_by not in BLOCK_BY:
        raise UsageError(f"block by {block_by!r}: expected one of {', '.join(BLOCK_BY)}")
    out = Path(output_dir).resolve()
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise UsageError(f"{out}: the output dataset folder exists and is not empty")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary(output_dir=str(out))
    t0 = time.perf_counter()
    try:
        with _client(address) as client:
            summary.workers = len(client.scheduler_info()["workers"])
            parts = enumerate(chunks(items, partition_size))
            for done in _windowed(client, settings, ((code_partition, part, n, str(out), settings)
                                                     for n, part in parts)):
                summary.partitions += 1
                _add(summary, done)
            t1 = time.perf_counter()
            summary.extract_s = round(t1 - t0, 2)
            countries = staged_countries(str(out))
            tasks = ((reconcile_country, iso3, str(out), settings, block_by) for iso3 in countries)
            for done in _windowed(client, settings, tasks):
                summary.blocks += done["blocks"]
                summary.incidents += done["incidents"]
            summary.reconcile_s = round(time.perf_counter() - t1, 2)
    finally:
        shutil.rmtree(out / STAGING, ignore_errors=True)
    summary.wall_s = round(time.perf_counter() - t0, 2)
    summary.dataset_bytes = sum(p.stat().st_size for p in out.rglob("*.parquet"))
    return summary


def _client(address: str):
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        n = address.partition(":")[2] or "2"
        if not n.isdigit() or int(n) < 1:
            raise UsageError(f"--dask {address!r}: expected local, local:N (N >= 1) or tcp://HOST:PORT")
        cluster = LocalCluster(n_workers=int(n), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        return _Owned(Client(cluster), cluster)
    if "://" not in address:
        raise UsageError(f"--dask {address!r}: expected local, local:N or tcp://HOST:PORT")
    return _Owned(Client(address), None)


class _Owned:
    """The client, and the local cluster it started (closed with it)."""

    def __init__(self, client, cluster):
        self.client, self.cluster = client, cluster

    def __enter__(self):
        return self.client

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _preload_plugin(settings: Settings):
    """A worker plugin that loads tallied's resources once, when a worker starts."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class Preload(WorkerPlugin):
        def setup(self, worker):
            from ..parallel import preload

            preload(settings)

    return Preload()


def _add(summary: RunSummary, done: dict) -> None:
    summary.reports += done["reports"]
    summary.events += done["events"]
    summary.skipped += done["skipped"]
    pid = str(done["pid"])
    summary.worker_peak_rss_mb[pid] = max(summary.worker_peak_rss_mb.get(pid, 0.0), done["peak_rss_mb"])


def code_partition(part: list[Report | Skip], number: int, output_dir: str, settings: Settings) -> dict:
    """Runs on a worker: code one partition, write its events and reports as Parquet and stage
    its Results for reconciliation per block."""
    import os

    import pyarrow.parquet as pq

    from ..parallel import peak_rss_mb
    from ..pipeline import process
    from .rows import EVENT_SCHEMA, REPORT_SCHEMA, event_rows, report_row, table

    results = list(process(part, settings))
    events = sorted((row for r in results for row in event_rows(r)),
                    key=lambda row: (row["block_iso3"], row["block_month"]))
    name = f"part-{number:06d}.parquet"
    for kind, rows, schema in (("events", events, EVENT_SCHEMA),
                               ("reports", [report_row(r) for r in results], REPORT_SCHEMA)):
        os.makedirs(os.path.join(output_dir, kind), exist_ok=True)
        pq.write_table(table(rows, schema), os.path.join(output_dir, kind, name))
    stage(results, number, output_dir)
    return {"reports": len(results), "events": len(events),
            "skipped": sum(1 for r in results if r.skipped), "pid": os.getpid(),
            "peak_rss_mb": peak_rss_mb()}


def results_on_cluster(items: Iterable[Report | Skip], address: str = "local:2",
                       settings: Settings = SETTINGS, partition_size: int = 200) -> Iterator:
    """Code ``items`` on the cluster at ``address`` and yield the Results, partition by
    partition as they finish (reconciliation does not depend on their order), with at most
    two partitions per worker in flight, so memory stays bounded on any input size."""
    with _client(address) as client:
        tasks = ((_code_results, part, settings) for part in chunks(items, partition_size))
        for results in _windowed(client, settings, tasks):
            yield from results


def _windowed(client, settings: Settings, tasks: Iterator[tuple]) -> Iterator:
    """Submit ``(function, *args)`` tasks to workers that have loaded tallied's resources and
    yield their results as they finish, with at most two tasks per worker in flight (memory
    stays bounded on any input size)."""
    from distributed import as_completed

    client.register_plugin(_preload_plugin(settings), name="tallied-preload")
    window = max(2, 2 * len(client.scheduler_info()["workers"]))
    pending = as_completed()
    in_flight = 0
    for fn, *args in tasks:
        pending.add(client.submit(fn, *args, pure=False))
        in_flight += 1
        if in_flight >= window:
            yield next(pending).result()
            in_flight -= 1
    for fut in pending:
        yield fut.result()


def _code_results(part: list[Report | Skip], settings: Settings) -> list:
    """Runs on a worker: one partition through the pipeline; spaCy objects stay there."""
    from ..pipeline import process

    return list(process(part, settings))
