"""One settings object: thresholds, limits and paths. Patterns and lexicons live in data/."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Settings:
    max_report_bytes: int = 5_000_000  # larger inputs are skipped with reason "too_large"
    # reports detected in another language are skipped (reason "language"); None: code all
    languages: tuple[str, ...] | None = ("en",)
    report_seconds: float | None = 30.0  # per-report time budget (extract..assemble); "timeout"
    max_nlp_chars: int = 200_000  # clean text longer than this is cut before NLP (noted)
    nlp_batch_size: int = 32
    fast_nlp: bool = True  # False: the stock spaCy attribute ruler (the slow configuration, for bench/)
    worker_chunk: int = 16  # reports per task sent to a worker process (--workers)
    worker_queue: int = 4  # tasks in flight per worker; bounds memory on long inputs
    worker_start: str = "fork"  # multiprocessing start method; "spawn" where fork is missing
    split_multiday: bool = False  # ACLED day-events for tolls over several days (--split-days)
    data_dir: Path = DATA_DIR
    # the monitor (store and reconciliation; see docs/reconciliation.md)
    db_path: str = "tallied.duckdb"  # --db, or the TALLIED_DB environment variable
    ingest_batch_size: int = 256  # reports per store transaction (a batch costs a few dozen statements)
    near_duplicate_jaccard: float = 0.16  # word-trigram Jaccard of two copies (excerpts: low)
    match_date_window: int = 2  # days two dated report events of one incident may lie apart
    match_km: float = 25.0
    match_threshold: float = 3.0  # a dated pair: e.g. same day (1) + same place (2)
    match_threshold_undated: float = 3.5  # an undated pair: place evidence and a little more
    match_candidates: int = 500  # blocking: at most this many candidates per new report event


SETTINGS = Settings()
