"""Scale: tallied's extraction on a Dask cluster, results as a partitioned Parquet dataset.

    from tallied.scale import run
    run(["reports.jsonl"], "out/", address="local:4")        # or "tcp://scheduler:8786"

or ``python -m tallied.scale PATH... --dask local:4 --output-dataset out/``. See dask_run.py for
the dataset's layout and docs/scale.md for running it on a cluster.
"""
from __future__ import annotations

from .dask_run import RunSummary, results_on_cluster, run, run_items

__all__ = ["RunSummary", "results_on_cluster", "run", "run_items"]
