"""Reconciliation per block (country × month) on the workers: the second phase of a dataset run.

Phase 1 (extraction) leaves, beside the event rows, each partition's Results grouped by the
blocks their events fall in::

    OUTPUT/_staging/block_iso3=SOM/block_month=2024-02/part-000012.pickle

A Result goes to every block one of its events falls in, whole (its report, all its events,
figures and place mentions), because the store's write path reads all of it. Phase 2 runs one
task per block: it reads the block's staged Results in input order (partition, then position),
writes them into an in-memory store with the store's own write path and reconciles the block's
events with the store's matching and policy (:func:`tallied.store.block.ingest_block`), then
writes the incidents with the store's Parquet export and their links to report events::

    OUTPUT/incidents/block_iso3=SOM/block_month=2024-02/incidents.parquet
    OUTPUT/incident_links/block_iso3=SOM/block_month=2024-02/links.parquet

Nothing travels through the client but the block names and counts. The staging folder is
removed once every block is done. Pickle is only ever read back by the run that wrote it.
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


def block_dir(root: str, kind: str, block: tuple[str, str]) -> str:
    return os.path.join(root, kind, f"block_iso3={block[0]}", f"block_month={block[1]}")


def stage(results: list[Result], number: int, output_dir: str) -> int:
    """Phase 1, on a worker: write this partition's Results to the blocks their events fall
    in; returns the number of (block, Result) pairs written."""
    by_block: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for r in results:
        if r.skipped is not None or r.report is None:
            continue
        for block in dict.fromkeys(block_of(e) for e in r.events):
            by_block[block].append(r)
    for block, rs in by_block.items():
        folder = block_dir(output_dir, STAGING, block)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"part-{number:06d}.pickle"), "wb") as fh:
            pickle.dump(rs, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return sum(len(rs) for rs in by_block.values())


def staged_blocks(output_dir: str) -> list[tuple[str, str]]:
    """The blocks phase 1 staged, largest first (the long tasks start early)."""
    root = Path(output_dir) / STAGING
    sizes = []
    for folder in root.glob("block_iso3=*/block_month=*"):
        block = (folder.parent.name.split("=", 1)[1], folder.name.split("=", 1)[1])
        sizes.append((-sum(p.stat().st_size for p in folder.glob("*.pickle")), block))
    return [block for _, block in sorted(sizes)]


def reconcile_block(block: tuple[str, str], output_dir: str, settings: Settings) -> dict:
    """Phase 2, on a worker: the incidents of one block, written as Parquet."""
    import pyarrow.parquet as pq

    from ..export.incidents import write as write_incidents
    from ..store import Store
    from ..store.block import incident_link_rows, ingest_block
    from .rows import LINK_SCHEMA, table

    t0 = time.perf_counter()
    results: list[Result] = []
    for path in sorted(Path(block_dir(output_dir, STAGING, block)).glob("part-*.pickle")):
        with open(path, "rb") as fh:
            results += pickle.load(fh)
    with Store.open(":memory:", settings=settings) as store:
        store.con.execute("SET threads = 1")  # one task per worker thread already
        summary = ingest_block(store, results, lambda e: block_of(e) == block)
        incidents = store.incident_rows()
        links = incident_link_rows(store)
    folder = block_dir(output_dir, "incidents", block)
    os.makedirs(folder, exist_ok=True)
    write_incidents(incidents, "parquet", os.path.join(folder, "incidents.parquet"))
    folder = block_dir(output_dir, "incident_links", block)
    os.makedirs(folder, exist_ok=True)
    pq.write_table(table(links, LINK_SCHEMA), os.path.join(folder, "links.parquet"))
    return {"block": block, "results": len(results), "new": summary.new,
            "near_duplicates": summary.near_duplicates, "incidents": len(incidents),
            "links": len(links), "seconds": time.perf_counter() - t0, "pid": os.getpid()}
