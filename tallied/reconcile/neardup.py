"""Near-duplicate reports: the same wire story re-published with another headline, byline or
site debris. MinHash signatures (datasketch) over word trigrams, banded for LSH lookups that the
store keeps in a table, so a copy is found among millions of stored reports without comparing
all pairs; a candidate is confirmed by its estimated Jaccard similarity.

Scraped copies are often excerpts cut at different places with different debris around them,
so the similarity of two copies of one story is far below 1: the threshold is set low
(``settings.near_duplicate_jaccard``) and the bands narrow (2 rows) to keep recall.
"""
from __future__ import annotations

import re
import struct
from hashlib import blake2b

import numpy as np

_WORD = re.compile(r"\w+")
NUM_PERM = 256
ROWS = 2  # rows per band: NUM_PERM // ROWS bands
SHINGLE = 3


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a text (uint64, NUM_PERM values; fixed seed, so stable)."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch(list(shingles(text)))
    return mh.hashvalues.astype(np.uint64)


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, band hash) pairs: two texts sharing any pair are LSH candidates."""
    out = []
    for b in range(NUM_PERM // ROWS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        h = struct.unpack("<q", blake2b(chunk, digest_size=8).digest())[0]
        out.append((b, h))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u8")


def exact_jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0
