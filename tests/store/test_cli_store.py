"""Issue #8, checks 5 and 7: `tallied show` on Hasakah, and bad input to the new commands."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tallied.cli import main


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_show_hasakah(tmp_path, shared, capsys):
    db = str(tmp_path / "h.duckdb")
    code, _, err = _run(["ingest", str(shared / "examples" / "hasakah-prison-2022.txt"),
                         "--published", "2022-01-24", "--outlet", "The Telegraph", "--db", db], capsys)
    assert code == 0 and "incidents created" in err
    code, out, _ = _run(["incidents", "--db", db, "--format", "csv", "--sort", "fatalities"], capsys)
    iid = out.splitlines()[1].split(",")[0]
    code, out, _ = _run(["show", iid, "--db", db], capsys)
    assert code == 0
    assert "side A 175, side B 27" in out  # deaths per side
    assert "per Siamand Ali, an SDF spokesperson" in out  # each figure with its source
    assert "[CLAIMED]" in out and "per the group" in out  # IS's claim kept as a claim
    assert "The Telegraph" in out


def test_tally_and_incidents_filters(tmp_path, capsys, cluster_results):
    from tallied.store import Store

    db = tmp_path / "t.duckdb"
    with Store.open(db) as s:
        s.ingest([r for c in cluster_results.values() for r in c])
    code, out, _ = _run(["tally", "--db", str(db), "--by", "country", "--per", "month", "--format", "csv"], capsys)
    assert code == 0 and "Somalia,2017-10-01" in out
    code, out, _ = _run(["incidents", "--db", str(db), "--country", "NGA", "--format", "csv"], capsys)
    assert code == 0 and all(",Nigeria," in line for line in out.splitlines()[1:])


@pytest.mark.parametrize("args,message", [
    (["incidents"], "no such database"),
    (["show", "inc-nope"], "no incident 'inc-nope'"),
    (["incidents", "--min-fatalities", "-3"], "must be 0 or more"),
    (["tally", "--by", "planet"], "invalid choice"),
    (["incidents", "--from", "2024-13-01"], "not a date"),
])
def test_bad_input_one_line_nonzero(tmp_path, capsys, args, message):
    db = tmp_path / "x.duckdb"
    if args[0] == "show":
        from tallied.store import Store

        Store.open(db).close()
    before = _digest(db) if db.exists() else None
    with pytest.raises(SystemExit) if message in ("must be 0 or more", "invalid choice", "not a date") else _nullctx():
        code, _, err = _run(args + ["--db", str(db)], capsys)
        assert code == 2
        assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    if before is not None:
        assert _digest(db) == before
    else:
        assert not db.exists()


class _nullctx:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


def test_corrupt_and_newer_databases_are_refused(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database\n" * 100)
    newer = tmp_path / "newer.duckdb"
    from tallied.store import Store

    Store.open(newer).close()
    con = duckdb.connect(str(newer))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    for path, message in ((junk, "not a tallied database"), (newer, "written by a newer tallied")):
        before = _digest(path)
        proc = subprocess.run([sys.executable, "-m", "tallied.cli", "ingest", "--db", str(path),
                               str(Path(__file__))], capture_output=True, text=True)
        assert proc.returncode == 2, proc.stderr
        assert message in proc.stderr and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert _digest(path) == before
