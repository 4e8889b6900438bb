"""``python -m tallied.scale PATH... --dask local[:N]|tcp://HOST:PORT --output-dataset DIR``

Codes the reports on a Dask cluster, reconciles them per country × month block on the workers,
and writes report events and incidents as partitioned Parquet; prints a one-line JSON summary.
Exit codes as the CLI: 0 all coded, 1 some skipped, 2 could not run.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from ..errors import TalliedError


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tallied.scale", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", metavar="PATH")
    ap.add_argument("--dask", default="local:2", metavar="ADDRESS",
                    help="local, local:N (a LocalCluster of N workers) or tcp://HOST:PORT")
    ap.add_argument("--output-dataset", required=True, metavar="DIR")
    ap.add_argument("--partition-size", type=int, default=500, metavar="N")
    ap.add_argument("--overwrite", action="store_true", help="replace an existing dataset folder")
    ap.add_argument("--block-by", choices=("country", "month"), default="country",
                    help="reconcile per country (default) or per country and month (smaller tasks, "
                         "more incidents split at a block boundary: docs/scale.md)")
    args = ap.parse_args(argv)
    from .dask_run import run

    try:
        summary = run(args.paths, args.output_dataset, args.dask, partition_size=args.partition_size,
                      overwrite=args.overwrite, block_by=args.block_by)
    except TalliedError as exc:
        print(f"tallied: error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(summary)))
    return 1 if summary.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
