"""--workers N: the same results, in the same order, as one process; skips pass through;
stage times and worker peak RSS are reported when asked for."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tallied.export.records import record
from tallied.ingest import run as ingest
from tallied.parallel import WorkerStats, process_parallel
from tallied.pipeline import extract_reports, process
from tallied.settings import SETTINGS
from tallied.timing import STAGES, StageTimes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _records(results) -> list[str]:
    return [json.dumps(record(r), sort_keys=True) for r in results]


@pytest.fixture(scope="module")
def inputs() -> list[str]:
    # the demo reports and the feed, whose third line is malformed on purpose (a Skip)
    return sorted(str(p) for p in EXAMPLES.glob("*.txt")) + [str(EXAMPLES / "feed.jsonl")]


def _expected(inputs) -> int:
    """One result per plain file and one per feed line (the malformed one is a Skip)."""
    feed = [p for p in inputs if p.endswith(".jsonl")]
    lines = sum(1 for p in feed for line in Path(p).read_text(encoding="utf-8").splitlines() if line.strip())
    return len(inputs) - len(feed) + lines


def test_workers_same_records_in_input_order(inputs):
    from dataclasses import replace

    settings = replace(SETTINGS, worker_chunk=2)  # several chunks per worker, out-of-order finishes
    one = _records(extract_reports(inputs, settings=settings))
    two = _records(extract_reports(inputs, settings=settings, workers=2))
    assert len(one) == _expected(inputs) and any('"skipped": {' in r for r in one)
    assert two == one


def test_workers_report_stage_times_and_peak_rss(inputs):
    stats = WorkerStats()
    results = list(process_parallel(ingest(inputs), SETTINGS, workers=2, stats=stats))
    assert len(results) == _expected(inputs)
    assert all(stats.times.seconds[s] > 0 for s in ("clean", "nlp", "extract", "resolve", "assemble"))
    assert stats.peak_rss_mb and all(100 < mb < 4000 for mb in stats.peak_rss_mb.values())


def test_workers_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        list(process_parallel([], SETTINGS, workers=0))


def test_process_collects_stage_times(inputs):
    times = StageTimes()
    list(process(ingest(inputs[:2]), SETTINGS, times))
    assert set(times.seconds) == set(STAGES)
    assert all(times.seconds[s] > 0 for s in ("clean", "nlp", "extract", "resolve", "assemble"))


def test_cli_workers_option(inputs, tmp_path):
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "tallied.cli", "extract", *args], capture_output=True,
                              text=True, timeout=300)

    one = cli(*inputs, "--format", "jsonl")
    two = cli(*inputs, "--format", "jsonl", "--workers", "2")
    assert two.returncode == one.returncode == 1  # the feed's malformed line is a skip
    assert two.stdout == one.stdout
    bad = cli(*inputs, "--workers", "0")
    assert bad.returncode == 2
    assert "--workers: not a positive whole number: '0'" in bad.stderr
    assert "Traceback" not in bad.stderr
