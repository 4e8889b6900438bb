"""Reconciliation per block (country × month) on the workers: the second phase of a dataset run.

Phase 1 (extraction) leaves, beside the event rows, each partition's Results grouped by the
countries their events fall in::

    OUTPUT/_staging/block_iso3=SOM/part-000012.pickle

A Result goes to every country one of its events falls in, whole (its report, all its events,
figures and place mentions), because the store's write path reads all of it. Phase 2 runs one
task per country. For each month of that country (a block), the task takes the Results with an
event in the block, in input order (partition, then position), writes them into an in-memory
store (emptied between blocks) with the store's write path, and reconciles the block's events with the
store's matching and policy (:func:`tallied.store.block.ingest_block`). The store is emptied
between blocks, so a block's incidents do not depend on which other blocks a task holds. The task writes
its country's incidents (the store's Parquet export columns, plus ``block_month``) and their
links to report events as one file each::

    OUTPUT/incidents/block_iso3=SOM/incidents.parquet
    OUTPUT/incident_links/block_iso3=SOM/links.parquet

One file per country, not per block: a query reads every file's footer, and a dataset of a
hundred thousand reports has thousands of blocks but about a hundred countries. Nothing travels
through the client but country codes and counts. The staging folder is removed once every
country is done; pickle is only ever read back by the run that wrote it.
"""
from __future__ import annotations

import os
import pickle
import time
from collections import defaultdict
from pathlib import Path

from ..models import Result
from ..settings import Settings
from .rows import block_of

STAGING = "_staging"


def country_dir(root: str, kind: str, iso3: str) -> str:
    return os.path.join(root, kind, f"block_iso3={iso3}")


def stage(results: list[Result], number: int, output_dir: str) -> None:
    """Phase 1, on a worker: write this partition's Results to the countries their events
    fall in."""
    by_country: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        if r.skipped is not None or r.report is None:
            continue
        for iso3 in dict.fromkeys(block_of(e)[0] for e in r.events):
            by_country[iso3].append(r)
    for iso3, rs in by_country.items():
        folder = country_dir(output_dir, STAGING, iso3)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"part-{number:06d}.pickle"), "wb") as fh:
            pickle.dump(rs, fh, protocol=pickle.HIGHEST_PROTOCOL)


def staged_countries(output_dir: str) -> list[str]:
    """The countries phase 1 staged, largest first (the long tasks start early)."""
    sizes = []
    for folder in (Path(output_dir) / STAGING).glob("block_iso3=*"):
        sizes.append((-sum(p.stat().st_size for p in folder.glob("*.pickle")), folder.name.split("=", 1)[1]))
    return [iso3 for _, iso3 in sorted(sizes)]


def reconcile_country(iso3: str, output_dir: str, settings: Settings) -> dict:
    """Phase 2, on a worker: the incidents of each block (month) of one country, written as
    Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..export.incidents import parquet_table
    from ..store import Store
    from ..store.block import clear, incident_link_rows, ingest_block
    from .rows import LINK_SCHEMA, table

    t0 = time.perf_counter()
    by_block: dict[tuple[str, str], list[Result]] = defaultdict(list)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    n = 0
    for path in sorted(Path(country_dir(output_dir, STAGING, iso3)).glob("part-*.pickle")):
        with open(path, "rb") as fh:
            results = pickle.load(fh)
        n += len(results)
        for r in results:
            for block in dict.fromkeys(block_of(e) for e in r.events):
                # a later copy of a text the block holds is an exact duplicate the store would
                # skip: dropped here already, so memory holds each text of a block once
                if block[0] == iso3 and r.report.id not in seen[block]:
                    seen[block].add(r.report.id)
                    by_block[block].append(r)
    incidents, links, n_blocks = [], [], len(by_block)
    with Store.open(":memory:", settings=settings) as store:
        store.con.execute("SET threads = 1")  # one task per worker thread already
        for block in sorted(by_block):
            ingest_block(store, by_block.pop(block), lambda e, b=block: block_of(e) == b)
            rows = store.incident_rows()
            months = pa.array([block[1]] * len(rows), pa.string())
            incidents.append(parquet_table(rows).append_column("block_month", months))
            links += [dict(link, block_month=block[1]) for link in incident_link_rows(store)]
            clear(store)  # each block starts from an empty store
    incidents_table = pa.concat_tables(incidents)
    for kind, tbl, name in (("incidents", incidents_table, "incidents.parquet"),
                            ("incident_links", table(links, LINK_SCHEMA), "links.parquet")):
        folder = country_dir(output_dir, kind, iso3)
        os.makedirs(folder, exist_ok=True)
        pq.write_table(tbl, os.path.join(folder, name))
    return {"iso3": iso3, "blocks": n_blocks, "results": n,
            "incidents": incidents_table.num_rows, "links": len(links),
            "seconds": time.perf_counter() - t0, "pid": os.getpid()}
