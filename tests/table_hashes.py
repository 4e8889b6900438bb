"""Every table of a store as (row count, digest of its sorted rows): equal before and after means
nothing changed (the helper of tests/store/test_store_order.py, shared with the security and
load tests)."""
from __future__ import annotations

import hashlib


def table_hashes(con, tables=None) -> dict[str, tuple[int, str]]:
    """``con``: a Store's DuckDB connection. A dropped table raises here, so it cannot pass."""
    from tallied.store import TABLES

    out = {}
    for t in tables or TABLES:
        rows = con.execute(f"SELECT * FROM {t}").fetchall()
        digest = hashlib.sha256("\n".join(sorted(repr(r) for r in rows)).encode()).hexdigest()
        out[t] = (len(rows), digest)
    return out
