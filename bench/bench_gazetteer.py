"""Gazetteer benchmark: load time, memory and lookups per second.

    .venv/bin/python bench/bench_gazetteer.py
"""
from __future__ import annotations

import time
import tracemalloc

from tallied.resolve.gazetteer import Gazetteer

QUERIES = ["Hasakeh", "Al-Qamishli", "Tripoli", "Mogadishu", "Kismayo", "Maiduguri", "Gao",
           "Ouagadougou", "Kharkiv", "Mandalay", "Culiacan", "Cauca", "Kandahar", "Peshawar",
           "Taizz", "Benghazi", "Sidon", "Goma", "Marawi", "Srinagar", "Nowhereville"]


def main() -> None:
    tracemalloc.start()
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 1.0:
        for q in QUERIES:
            gaz.lookup(q)
        n += len(QUERIES)
    rate = n / (time.perf_counter() - t0)
    print(f"entries {len(gaz):,}  keys {len(gaz.index):,}")
    print(f"load {load_s:.2f} s  memory {current / 1e6:.0f} MB (peak {peak / 1e6:.0f} MB)")
    print(f"lookups {rate:,.0f}/s")


if __name__ == "__main__":
    main()
