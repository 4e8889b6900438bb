"""Set-based helpers: a batch's rows go to DuckDB as one Arrow table per statement, and id lists
as one registered table, so the cost of a batch is a few dozen statements whatever its size
(a statement costs DuckDB about a millisecond; a row-by-row batch costs one per row)."""
from __future__ import annotations

import itertools
from contextlib import contextmanager

import pyarrow as pa

_names = itertools.count()


def insert(con, table: str, columns: list[str], rows: list[list], types: dict | None = None,
           or_ignore: bool = False) -> None:
    """INSERT ``rows`` (lists in ``columns`` order) into ``table`` in one statement."""
    if not rows:
        return
    arrays = {}
    for i, c in enumerate(columns):
        values = [r[i] for r in rows]
        t = (types or {}).get(c)
        arrays[c] = pa.array(values, type=t) if t is not None else pa.array(values)
    name = f"_bulk_{next(_names)}"
    con.register(name, pa.table(arrays))
    try:
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        con.execute(f"{verb} INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM {name}")
    finally:
        con.unregister(name)


@contextmanager
def id_table(con, ids, column: str = "id"):
    """A registered one-column table of ``ids`` to join with, for the length of a block."""
    name = f"_ids_{next(_names)}"
    con.register(name, pa.table({column: pa.array(sorted(set(ids)), type=pa.string())}))
    try:
        yield name
    finally:
        con.unregister(name)
