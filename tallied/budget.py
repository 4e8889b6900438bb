"""A per-report time budget: a pathological report becomes a recorded skip, not a stalled run.

    with time_budget(settings.report_seconds):
        run_doc(report, doc, settings)        # raises ReportTimeout when the budget is spent

How: a ``SIGALRM`` interval timer whose handler raises :class:`ReportTimeout` in the main
thread. CPython runs signal handlers between bytecodes and the ``re`` engine checks for them
while it backtracks, so a runaway regex or loop is interrupted too.

Why it cannot leave the process in a bad state:

- ``ReportTimeout`` derives from ``BaseException``, so no ``except Exception`` inside a stage
  swallows it and carries on with half a result; only the pipeline's per-report boundary
  catches it, and that report's partial objects are thrown away.
- the handler raises only while the budget is armed; leaving the block disarms it first, then
  stops the timer and puts back the previous handler and any outer timer (less the time used).
- stages keep no module state that a half-finished call could corrupt: the caches are
  ``functools.lru_cache`` loaders that store a value only when the call returns (tested: a
  report coded after a timeout gives the same result as in a fresh run).

Where it does nothing (the work runs without a budget): outside the main thread (Python
delivers signals only there, e.g. a threaded web server), on platforms without
``signal.setitimer`` (Windows), and when ``seconds`` is None or 0.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["ReportTimeout", "time_budget", "available"]


class ReportTimeout(BaseException):
    """The report's time budget was spent (a BaseException: stages must not catch it)."""

    def __init__(self, seconds: float):
        super().__init__(f"over the time budget of {seconds:g} s")
        self.seconds = seconds


def available() -> bool:
    """Whether a budget can be enforced here (main thread of a POSIX process)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[bool]:
    """Run the block with at most ``seconds`` of wall-clock time; yields whether the budget is
    enforced. Raises :class:`ReportTimeout` out of the block when it is spent."""
    if not seconds or seconds <= 0 or not available():
        yield False
        return
    armed = [True]

    def on_alarm(signum, frame):
        if armed[0]:
            armed[0] = False
            raise ReportTimeout(seconds)

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        armed[0] = False  # first: a late alarm from here on is ignored
        _restore(previous_handler, outer_delay, outer_interval, time.monotonic() - started)


def _restore(handler, outer_delay: float, outer_interval: float, used: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, handler)
    if outer_delay > 0:
        # an enclosing timer (an outer budget, a test timeout) keeps running: fire it at once
        # if our block used up its time
        signal.setitimer(signal.ITIMER_REAL, max(outer_delay - used, 1e-6), outer_interval)
