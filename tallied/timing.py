"""Seconds spent per pipeline stage, summed over the reports of a run (bench/throughput.py).

The pipeline adds to a :class:`StageTimes` only when the caller passes one; a plain run pays
nothing for it.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field

STAGES = ("ingest", "clean", "nlp", "extract", "resolve", "assemble")


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @contextmanager
    def stage(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0

    def add(self, other: StageTimes) -> None:
        for name, s in other.seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + s


@contextmanager
def timed(times: StageTimes | None, name: str):
    """``times.stage(name)`` when timing, nothing otherwise."""
    if times is None:
        yield
    else:
        with times.stage(name):
            yield
