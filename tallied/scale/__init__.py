"""Scale: tallied's extraction and reconciliation on a Dask cluster, results as a partitioned
Parquet dataset that DuckDB queries in place.

    from tallied.scale import run, tally
    run(["reports.jsonl"], "out/", address="local:4")        # or "tcp://scheduler:8786"
    tally("out/", by="country", per="month")                  # the store's tally, on the dataset

or ``python -m tallied.scale PATH... --dask local:4 --output-dataset out/``. See dask_run.py for
the dataset's layout, blocks.py for reconciliation per block, and docs/scale.md for running it on a cluster.
"""
from __future__ import annotations

from .dask_run import RunSummary, results_on_cluster, run, run_items
from .dataset import tally

__all__ = ["RunSummary", "results_on_cluster", "run", "run_items", "tally"]
