"""Opening a store: one DuckDB file, its schema version checked and migrated forward.

A file that is not a DuckDB database, or one written by a newer tallied, is refused with a
message naming the file; nothing in it is changed.

One writer process at a time: DuckDB holds a POSIX (fcntl) lock on the file while it is open,
and a second process is refused with "in use by another tallied process". POSIX locks belong
to the process and are dropped when *any* descriptor of the file is closed, so this module never
opens a database file itself (to sniff its header) while this process already has it open
through DuckDB: it keeps a count of the files it has open (``_OPEN``). Without that, opening a
second Store on the same file in one process released the lock and let another process write
to the file concurrently (found by tests/robust/test_concurrency.py, issue #12).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb

from ..errors import StoreError
from .schema import MIGRATIONS, SCHEMA_VERSION, TABLES


# resolved path -> [open connections, any of them read-write]
_OPEN: dict[str, list] = {}
_OPEN_LOCK = threading.Lock()


def default_path() -> str:
    return os.environ.get("TALLIED_DB") or "tallied.duckdb"


def connect(path: str | os.PathLike, read_only: bool = False, create: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the tallied database at ``path``; close it with :func:`release` (Store
    does). In a process that already has the file open read-write, a read-only request gets a
    read-write connection (DuckDB allows one configuration per file and process)."""
    p = Path(path)
    key = str(p.resolve())
    with _OPEN_LOCK:
        held = _OPEN.get(key)
        if held and held[1]:
            read_only = False
        if p.is_dir():
            raise StoreError(f"{p}: is a folder, not a database file")
        if not p.exists():
            if read_only or not create:
                raise StoreError(f"{p}: no such database (run `tallied ingest` first)")
            if not p.parent.exists():
                raise StoreError(f"{p}: the folder {p.parent} does not exist")
        elif not held and p.stat().st_size and not _looks_like_duckdb(p):
            raise StoreError(f"{p}: not a tallied database (not a DuckDB file)")
        try:
            con = duckdb.connect(str(p), read_only=read_only)
        except duckdb.IOException as exc:
            msg = str(exc).splitlines()[0]
            if "lock" in msg.lower():
                raise StoreError(f"{p}: the database is in use by another tallied process ({msg})") from None
            raise StoreError(f"{p}: cannot open the database ({msg})") from None
        except duckdb.ConnectionException as exc:
            msg = str(exc).splitlines()[0]
            raise StoreError(f"{p}: already open in this process in another mode ({msg})") from None
        except duckdb.Error as exc:
            raise StoreError(f"{p}: not a usable DuckDB database ({str(exc).splitlines()[0]})") from None
        try:
            _migrate(con, p, read_only)
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{p}: the database is damaged ({str(exc).splitlines()[0]})") from None
        except Exception:
            con.close()
            raise
        entry = _OPEN.setdefault(key, [0, False])
        entry[0] += 1
        entry[1] = entry[1] or not read_only
    return con


def release(path: str | os.PathLike) -> None:
    """Forget one connection to ``path`` (after closing it)."""
    key = str(Path(path).resolve())
    with _OPEN_LOCK:
        entry = _OPEN.get(key)
        if entry:
            entry[0] -= 1
            if entry[0] <= 0:
                del _OPEN[key]


def _looks_like_duckdb(p: Path) -> bool:
    with open(p, "rb") as fh:
        head = fh.read(16)
    return head[8:12] == b"DUCK"


def schema_version(con) -> int:
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "meta" not in tables:
        return -1 if tables else 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _migrate(con, p: Path, read_only: bool) -> None:
    version = schema_version(con)
    if version < 0:
        raise StoreError(f"{p}: a DuckDB file, but not a tallied database (it has other tables)")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{p}: written by a newer tallied (schema {version}; this version reads "
                         f"up to {SCHEMA_VERSION}); upgrade tallied to open it")
    if version == SCHEMA_VERSION:
        return
    if read_only:
        raise StoreError(f"{p}: schema {version} needs migrating to {SCHEMA_VERSION}; open it once "
                         "without read-only")
    con.begin()
    try:
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.commit()
    except Exception:
        con.rollback()
        raise


__all__ = ["connect", "release", "default_path", "schema_version", "TABLES"]
