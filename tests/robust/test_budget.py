"""Issue #12, item 1: the per-report time budget turns a pathological report into a recorded
``timeout`` skip, and leaves the process as it found it."""
from __future__ import annotations

import re
import signal
import threading
import time

import pytest

from tallied.budget import ReportTimeout, time_budget
from tallied.models import Report
from tallied.pipeline import process
from tallied.settings import Settings

from .invariants import check_result

TEXT = ("Gunmen killed at least eight people in an attack on Kafanchan in Kaduna state on Saturday, "
        "police said.")


def _catastrophic():
    return re.match(r"(a+)+$", "a" * 60 + "b")  # exponential backtracking: never ends in practice


def test_budget_interrupts_a_runaway_regex_and_restores_the_signal_state():
    handler = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(ReportTimeout, match="over the time budget of 0.2 s"):
        with time_budget(0.2):
            _catastrophic()
    assert time.monotonic() - started < 5
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_budget_is_not_swallowed_by_except_exception():
    with pytest.raises(ReportTimeout):
        with time_budget(0.1):
            try:
                _catastrophic()
            except Exception:  # a stage's broad catch must not eat the timeout
                pytest.fail("ReportTimeout was caught as an Exception")


def test_budget_keeps_an_outer_timer_running():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(time.monotonic()))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with time_budget(10):
            pass
        delay, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < delay <= 0.5
        time.sleep(0.8)
        assert len(fired) == 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_budget_finished_work_is_not_interrupted_later():
    with time_budget(0.05):
        pass
    time.sleep(0.2)  # a stray alarm would raise here


def test_budget_is_off_outside_the_main_thread():
    out = []
    thread = threading.Thread(target=lambda: out.append(time_budget(0.01).__enter__()))
    thread.start()
    thread.join()
    assert out == [False]


def test_report_over_budget_is_a_timeout_skip_and_the_next_report_is_unharmed():
    fresh = list(process([Report(source="a", raw_text=TEXT)]))[0]
    results = list(process([Report(source="slow", raw_text=TEXT, external_id="s1"),
                            Report(source="b", raw_text=TEXT)], Settings(report_seconds=1e-6)))
    skip = results[0].skipped
    assert skip is not None and skip.reason == "timeout" and skip.external_id == "s1"
    assert skip.message == ("slow: coding took too long (over the time budget of 1e-06 s, "
                            "settings.report_seconds); skipped")
    assert results[0].report is not None  # the report itself is kept for the record
    # after timeouts the process still codes reports exactly as a fresh run does
    again = list(process([Report(source="a", raw_text=TEXT)]))[0]
    check_result(again)
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in fresh.events]
    assert [f.to_dict() for f in again.figures] == [f.to_dict() for f in fresh.figures]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_timeout_is_recorded_in_the_store_as_a_skip(tmp_path):
    from tallied.store import Store

    results = list(process([Report(source="slow", raw_text=TEXT, external_id="s1")],
                           Settings(report_seconds=1e-6)))
    with Store.open(tmp_path / "m.duckdb") as store:
        summary = store.ingest(results)
        assert summary.skipped == {"timeout": 1}
        assert [(s["external_id"], s["reason"]) for s in store.skips()] == [("s1", "timeout")]
        assert store.counts()["reports"] == 0
