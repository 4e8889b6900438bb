"""Issue #12, item 3: `tallied ingest` killed with SIGKILL at random points and rerun loses
nothing, stores nothing twice and leaves no half-written incident.

The full-size campaign (2,000 reports) takes several minutes on a 2-core machine, too long for
the test suite: this test runs the same harness (bench/crash_ingest.py) on 120 reports, 5 kills,
4 reports per transaction; `python bench/crash_ingest.py --n 2000` runs the full size.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "crash_ingest.py"


def _harness():
    spec = importlib.util.spec_from_file_location("crash_ingest", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sigkill_at_random_points_then_rerun_equals_an_uninterrupted_run(tmp_path, shared):
    harness = _harness()
    result = harness.campaign(n=120, kills=5, batch_size=4, seed=3, workdir=tmp_path)
    assert result["kills_landed"] >= 5, result["kills"]
    total = result["baseline_counts"]["reports"]
    mid_run = [k for k in result["kills"] if k["killed"] and 0 < (k["stored_after"] or 0) < total]
    assert len(mid_run) >= 2, result["kills"]  # not every kill before the first commit
    assert result["orphans"] == {}
    assert result["differs"] == []
    assert result["counts"] == result["baseline_counts"]
    assert result["baseline_counts"]["skips"] >= 1 and result["baseline_counts"]["incidents"] > 50
