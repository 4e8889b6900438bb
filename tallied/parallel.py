"""Extraction in several worker processes, results in input order.

    process_parallel(items, settings, workers) -> Iterator[Result]

Each worker has the spaCy model, the gazetteer and the actor catalogue loaded once, and then
runs :func:`tallied.pipeline.process` on chunks of reports. The parent reads the input lazily and
keeps at most ``workers * settings.worker_queue`` chunks in flight, so memory stays flat on
inputs of any length.

Workers start by ``fork`` where the platform has it (``Settings.worker_start``): the parent loads
everything once (:func:`preload`) and the workers inherit it, loaded and warmed up, without
loading it again. With ``spawn`` (elsewhere) each worker loads it in its initializer.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .models import Report, Result, Skip
from .settings import SETTINGS, Settings
from .timing import StageTimes


@dataclass
class WorkerStats:
    """What the workers report beside their results: stage seconds and peak RSS per worker."""

    times: StageTimes = field(default_factory=StageTimes)
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # pid -> MiB


def process_parallel(items: Iterable[Report | Skip], settings: Settings = SETTINGS, workers: int = 2,
                     stats: WorkerStats | None = None) -> Iterator[Result]:
    """:func:`tallied.pipeline.process` over ``workers`` processes, in input order."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    method = _start_method(settings)
    if method == "fork":
        preload(settings)
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque = deque()
        for chunk in chunks(items, settings.worker_chunk):
            pending.append(pool.apply_async(_run_chunk, (chunk, settings, stats is not None)))
            if len(pending) >= workers * settings.worker_queue:
                yield from _collect(pending.popleft().get(), stats)
        while pending:
            yield from _collect(pending.popleft().get(), stats)


def _start_method(settings: Settings) -> str:
    methods = multiprocessing.get_all_start_methods()
    return settings.worker_start if settings.worker_start in methods else "spawn"


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _collect(done: tuple, stats: WorkerStats | None) -> list[Result]:
    results, times, pid, rss_mb = done
    if stats is not None:
        stats.times.add(times)
        stats.peak_rss_mb[pid] = max(stats.peak_rss_mb.get(pid, 0.0), rss_mb)
    return results


WARM_UP_TEXT = ("Gunmen killed 3 people in an attack on a market in Kano, Nigeria, on Monday, "
                "police said.")


def preload(settings: Settings = SETTINGS) -> None:
    """Load every heavy resource and build what the stages build on first use (matchers,
    tables) by coding one short report; a second call costs next to nothing."""
    from .pipeline import process
    from .resources import load_actors, load_gazetteer, load_nlp

    load_nlp()
    load_gazetteer()
    load_actors()
    list(process([Report(source="warm-up", raw_text=WARM_UP_TEXT)], settings))


def _init_worker(settings: Settings) -> None:
    preload(settings)


def _run_chunk(chunk: list[Report | Skip], settings: Settings, timing: bool):
    from .pipeline import process

    times = StageTimes() if timing else None
    results = list(process(chunk, settings, times))
    return results, times, os.getpid(), peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if os.uname().sysname == "Darwin" else peak / 1024
