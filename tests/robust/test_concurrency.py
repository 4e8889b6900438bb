"""Issue #12, item 4 at the store level: two analysts on one incident, two processes on one file.

DuckDB allows one writer process per file. tallied's answer: a second process gets one clear line
("in use by another tallied process"), never a traceback; two Store objects in one process share
the file, and a stale edit (``expected=`` no longer the stored value) is refused with the current
value, so no edit is lost silently."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tallied.errors import ConflictError, StoreError
from tallied.models import Report
from tallied.pipeline import process
from tallied.store import Store

REPO = Path(__file__).resolve().parents[2]
TEXT = ("Gunmen killed at least eight people in an attack on Kafanchan in Kaduna state, Nigeria, "
        "on Saturday, police said.")
IN_USE = "the database is in use by another tallied process"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "desk.duckdb"
    with Store.open(path) as store:
        store.ingest(process([Report(source="r1", raw_text=TEXT, external_id="r1")]))
    return path


def _incident(store) -> tuple[str, str]:
    iid, eid = store.con.execute("SELECT incident_id, event_id FROM incident_links LIMIT 1").fetchone()
    return iid, eid


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tallied.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)


def test_stale_field_edit_is_refused_with_the_current_value(db):
    ana, bob = Store.open(db), Store.open(db)
    try:
        iid, _ = _incident(ana)
        seen = ana.incident(iid).fields["fatalities"]  # both analysts load the incident
        assert bob.incident(iid).fields["fatalities"] == seen
        bob.set_field(iid, "fatalities", 40, user="bob", reason="army toll", expected=seen)
        with pytest.raises(ConflictError) as info:
            ana.set_field(iid, "fatalities", 41, user="ana", reason="ministry toll", expected=seen)
        assert info.value.current == 40
        assert str(info.value) == (f"{iid}: fatalities was changed meanwhile (now 40); reload and "
                                   "edit again")
        assert ana.incident(iid).fields["fatalities"] == 40
        assert [(e.user, e.new_value) for e in ana.audit(iid)] == [("bob", 40)]
        # with the current value in hand, ana's edit goes through and both are in the trail
        ana.set_field(iid, "fatalities", 41, user="ana", expected=info.value.current)
        assert sorted(e.user for e in bob.audit(iid)) == ["ana", "bob"]
    finally:
        ana.close()
        bob.close()


def test_stale_figure_edit_is_refused_with_the_current_value(db):
    ana, bob = Store.open(db), Store.open(db)
    try:
        iid, eid = _incident(ana)
        bob.set_figure(iid, eid, "fatalities", 9, user="bob", expected=8)
        with pytest.raises(ConflictError) as info:
            ana.set_figure(iid, eid, "fatalities", 7, user="ana", expected=8)
        assert info.value.current == 9
        assert "that count was changed meanwhile (now 9)" in str(info.value)
    finally:
        ana.close()
        bob.close()


_HOLD = """
import sys, time
from tallied.store import Store
store = Store.open(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


def test_second_process_gets_one_clear_line_while_another_holds_the_store(db, tmp_path):
    feed = tmp_path / "r.txt"
    feed.write_text(TEXT.replace("eight", "nine"), encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert holder.stdout.readline().strip() == "open"
        iid = "inc-x"
        for args in (["ingest", str(feed), "--db", str(db), "--quiet"],
                     ["incidents", "--db", str(db)],
                     ["set", iid, "fatalities", "3", "--user", "ana", "--db", str(db)]):
            proc = _cli(*args)
            assert proc.returncode == 2, (args, proc.stderr)
            assert proc.stderr.startswith(f"tallied: error: {db}: {IN_USE} (IO Error: Could not set lock")
            assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
        with pytest.raises(StoreError, match=IN_USE):
            Store.open(db)
    finally:
        holder.communicate("\n", timeout=60)
    proc = _cli("ingest", str(feed), "--db", str(db), "--quiet")  # released: it goes through
    assert proc.returncode == 0, proc.stderr


def test_a_second_store_in_one_process_keeps_the_file_locked(db):
    # regression (issue #12): Store.open sniffed the header of an already open file with
    # open()/close(), which drops the process's POSIX lock, and another process could then open
    # the same file for writing
    first = Store.open(db)
    try:
        Store.open(db).close()
        Store.open(db, read_only=True).close()  # read-only in a read-write process: shares it
        code = "from tallied.store import Store; import sys; Store.open(sys.argv[1])"
        proc = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
        assert proc.returncode != 0 and IN_USE in proc.stderr
    finally:
        first.close()
