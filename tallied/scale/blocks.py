"""Reconciliation per block on the workers: the second phase of a dataset run.

A block is a country (``block_by="country"``, the default) or a country × month (``"month"``):
the event's ISO3 and the month of its date, ``none`` where either is unknown. Phase 1
(extraction) leaves, beside the event rows, each partition's Results grouped by the countries
their events fall in::

    OUTPUT/_staging/block_iso3=SOM/part-000012.pickle

A Result goes to every country one of its events falls in, whole (its report, all its events,
figures and place mentions), because the store's write path reads all of it. Phase 2 runs one
task per country. For each block of that country, the task takes the Results with an event in
the block, in input order (partition, then position), writes them into an in-memory store with
the store's write path, and reconciles the block's events with the store's matching and policy
(:func:`tallied.store.block.ingest_block`). The store is emptied between blocks, so a block's
incidents do not depend on which other blocks a task holds. The task writes its country's
incidents (the store's Parquet export columns, plus ``block_month``) and their links to report
events as one file each::

    OUTPUT/incidents/block_iso3=SOM/incidents.parquet
    OUTPUT/incident_links/block_iso3=SOM/links.parquet

One file per country, not per block: a query reads every file's footer, and a dataset of a
hundred thousand reports has thousands of country × month blocks but about a hundred
countries. Nothing travels through the client but country codes and counts. The staging folder
is removed at the end of the run; pickle is only ever read back by the run that wrote it.
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


BLOCK_BY = ("country", "month")
ALL_MONTHS = "all"
Blocks = dict[tuple[str, str], dict[str, Result]]  # block -> report id -> its first Result


def block_key(event, by: str) -> tuple[str, str]:
    """The reconciliation block of a report event: its country, or its country and month."""
    iso3, month = block_of(event)
    return (iso3, month) if by == "month" else (iso3, ALL_MONTHS)


def group(results, by: str, iso3: str | None = None, into: Blocks | None = None) -> Blocks:
    """``results`` by the blocks (of country ``iso3``, or of every country) their events fall
    in, each block's Results by report id in input order. A later copy of a text a block holds
    is an exact duplicate the store would skip: it is dropped here already, so memory holds each
    text of a block once."""
    out = into if into is not None else {}
    for r in results:
        if r.skipped is not None or r.report is None:
            continue
        for block in dict.fromkeys(block_key(e, by) for e in r.events):
            if iso3 is None or block[0] == iso3:
                out.setdefault(block, {}).setdefault(r.report.id, r)
    return out


def reconcile(by_block: Blocks, by: str, settings: Settings):
    """The incidents of each block (the store's Parquet export columns plus ``block_month``)
    and their links, each block in a store emptied before it. Empties ``by_block``."""
    import pyarrow as pa

    from ..export.incidents import parquet_table
    from ..store import Store
    from ..store.block import clear, incident_link_rows, ingest_block

    incidents, links = [], []
    with Store.open(":memory:", settings=settings) as store:
        store.con.execute("SET threads = 1")  # one task per worker thread already
        for block in sorted(by_block):
            results = list(by_block.pop(block).values())
            ingest_block(store, results, lambda e, b=block: block_key(e, by) == b)
            rows = store.incident_rows()
            months = pa.array([block[1]] * len(rows), pa.string())
            incidents.append(parquet_table(rows).append_column("block_month", months))
            links += [dict(link, block_month=block[1]) for link in incident_link_rows(store)]
            clear(store)  # each block starts from an empty store
    return (pa.concat_tables(incidents) if incidents else None), links


def reconcile_country(iso3: str, output_dir: str, settings: Settings, by: str = "country") -> dict:
    """Phase 2, on a worker: the incidents of each block of one country, written as Parquet."""
    import pyarrow.parquet as pq

    from .rows import LINK_SCHEMA, table

    t0 = time.perf_counter()
    by_block: Blocks = {}
    n = 0
    for path in sorted(Path(country_dir(output_dir, STAGING, iso3)).glob("part-*.pickle")):
        with open(path, "rb") as fh:
            results = pickle.load(fh)
        n += len(results)
        group(results, by, iso3, into=by_block)
    n_blocks = len(by_block)
    incidents, links = reconcile(by_block, by, settings)
    for kind, tbl, name in (("incidents", incidents, "incidents.parquet"),
                            ("incident_links", table(links, LINK_SCHEMA), "links.parquet")):
        folder = country_dir(output_dir, kind, iso3)
        os.makedirs(folder, exist_ok=True)
        pq.write_table(tbl, os.path.join(folder, name))
    return {"iso3": iso3, "blocks": n_blocks, "results": n, "incidents": incidents.num_rows,
            "links": len(links), "seconds": time.perf_counter() - t0, "pid": os.getpid()}
