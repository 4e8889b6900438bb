"""The LSH band index of the stored reports, in memory for the life of a Store.

The bands are persisted in ``report_bands`` (so any process can rebuild the index); a Store
loads them once, on its first ingest, into a sorted NumPy array of combined (band, hash) keys,
and every later lookup is a binary search: the cost of finding a report's copies does not grow
with the store, where a join against the table would scan it for every batch.
"""
from __future__ import annotations

import numpy as np

_MIX = np.int64(0x9E3779B1)


def combine(bands: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    return np.bitwise_xor(hashes.astype(np.int64), bands.astype(np.int64) * _MIX)


class BandIndex:
    def __init__(self, keys: np.ndarray, owners: list[str]):
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.owners = [owners[i] for i in order]
        self.extra: dict[int, list[str]] = {}

    @classmethod
    def load(cls, con) -> "BandIndex":
        data = con.execute("SELECT band, hash, report_id FROM report_bands").fetchnumpy()
        if len(data["band"]) == 0:
            return cls(np.zeros(0, dtype=np.int64), [])
        return cls(combine(np.asarray(data["band"]), np.asarray(data["hash"])), list(data["report_id"]))

    def add(self, rows: list[list]) -> None:
        """(band, hash, report id) rows just written."""
        for band, h, rid in rows:
            key = int(combine(np.array([band]), np.array([h]))[0])
            self.extra.setdefault(key, []).append(rid)

    def query(self, rows: list[list]) -> set[tuple[str, str]]:
        """(report id, stored report id) for every band a report shares with another."""
        if not rows:
            return set()
        bands = np.array([r[0] for r in rows])
        hashes = np.array([r[1] for r in rows], dtype=np.int64)
        keys = combine(bands, hashes)
        lo = np.searchsorted(self.keys, keys, side="left")
        hi = np.searchsorted(self.keys, keys, side="right")
        out = set()
        for (_, _, rid), k, a, b in zip(rows, keys, lo, hi):
            for i in range(a, b):
                if self.owners[i] != rid:
                    out.add((rid, self.owners[i]))
            for other in self.extra.get(int(k), ()):
                if other != rid:
                    out.add((rid, other))
        return out
