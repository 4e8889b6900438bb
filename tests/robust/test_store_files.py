"""Issue #12, item 2: a database file that is not a usable tallied store is refused with one
line naming it (exit 2), and left unchanged. tests/store covers a text file and a newer schema."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tallied.models import Report
from tallied.pipeline import process
from tallied.store import Store

REPO = Path(__file__).resolve().parents[2]
TEXT = "Gunmen killed at least eight people in Kafanchan, Kaduna state, on Saturday, police said."


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "tallied.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "good.duckdb"
    with Store.open(path) as store:
        store.ingest(process([Report(source="r", raw_text=TEXT)]))
    return path.read_bytes()


def _flipped(data: bytes, start: int) -> bytes:
    d = bytearray(data)
    for i in range(start, len(d), 3):
        d[i] ^= 0x5A
    return bytes(d)


def _other_app(path: Path) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE orders (id INTEGER, total DOUBLE)")
    con.close()


CASES = {
    "empty": (lambda good: b"", "cannot open the database (IO Error: The file"),
    "zeros": (lambda good: b"\0" * 100_000, "not a tallied database (not a DuckDB file)"),
    "truncated": (lambda good: good[: len(good) // 3], None),
    "damaged": (lambda good: _flipped(good, 12_288), None),
    "other_app": (None, "a DuckDB file, but not a tallied database (it has other tables)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", [["incidents"], ["ingest", "-"]])
def test_unusable_database_is_one_line_and_unchanged(tmp_path, good, case, command):
    make, message = CASES[case]
    db = tmp_path / f"{case}.duckdb"
    if make is None:
        _other_app(db)
    else:
        db.write_bytes(make(good))
    before = _digest(db)
    proc = subprocess.run([sys.executable, "-m", "tallied.cli", *command, "--db", str(db)],
                          input=TEXT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"tallied: error: {db}: "), err
    if message:
        assert message in err
    else:  # where DuckDB notices the damage depends on which block it reads first
        assert any(m in err for m in ("the database is damaged (",
                                      "not a usable DuckDB database (", "cannot open the database (")), err
    assert _digest(db) == before
