"""Issue #12 item 5, the CLI half: SQL injection strings in every option and id of the store's
read commands (incidents, show, tally, audit, export) and in the id of every analyst command, on
a store file. Each run exits 0 with exactly what the filter's rule matches, or 2 with one error
line and no traceback; no table of the file changes. The options are enumerated from tallied's
argument parser, so a new filter is swept without editing this file."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from desk_fixtures import DEMO_REPORTS, REPO_ROOT
from injection import PAYLOADS, expected_matches
from table_hashes import table_hashes

READS = ("incidents", "show", "tally", "audit", "export")
WRITES = ("set", "set-figure", "approve", "reject", "merge", "split")
NOT_SWEPT = {"db", "output", "help", "user"}  # where the file is, not what is asked of it


@pytest.fixture(scope="module")
def store_file(tmp_path_factory, nlp) -> Path:
    from tallied.pipeline import extract_reports
    from tallied.store import Store

    path = tmp_path_factory.mktemp("cli-inject") / "monitor.duckdb"
    with Store.open(path) as store:
        for name, published in DEMO_REPORTS:
            store.ingest(extract_reports([str(REPO_ROOT / "examples" / name)],
                                         published=date.fromisoformat(published), outlet="Demo Wire"))
        store.add_user("ana")
    return path


def _hashes(path: Path) -> dict:
    from tallied.store import Store

    with Store.open(path, read_only=True, create=False) as store:
        return table_hashes(store.con)


def _rows(path: Path) -> list[dict]:
    from tallied.store import Store

    with Store.open(path, read_only=True, create=False) as store:
        return store.incidents(limit=1000)[0]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    from tallied.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _targets(command: str, parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """(option or positional name, dest) of every value a user types, but the file paths."""
    out = []
    for a in parser._actions:
        if a.dest in NOT_SWEPT or a.nargs == 0:
            continue
        out.append((a.option_strings[-1] if a.option_strings else a.dest, a.dest))
    return out


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    from tallied.cli import main

    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses a bad choice or number
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_error_line(err: str, what: str) -> None:
    assert "Traceback" not in err, what
    lines = [line for line in err.splitlines() if "error:" in line]
    assert len(lines) == 1 and lines[0].startswith("tallied"), f"{what}: {err!r}"


def _argv(command: str, target: str, dest: str, payload: str, path: Path, real: dict,
          tmp: Path) -> list[str]:
    """The command with ``payload`` in one place and valid values in all the others."""
    argv = [command]
    positionals = {"id": real["incident"], "other": real["other"], "event_id": real["event"],
                   "field": "location", "value": "Djibo"}
    parser = _subcommands()[command]
    for a in parser._actions:
        if a.option_strings or a.dest in NOT_SWEPT:
            continue
        argv.append(payload if a.dest == dest else positionals[a.dest])
    argv += ["--db", str(path)]
    if command == "export":
        argv += ["--output", str(tmp / "out.csv")] + ([] if dest == "format" else ["--format", "jsonl"])
    if command in WRITES:
        argv += ["--user", "ana"]
    if target.startswith("--"):
        argv += [target + "=" + payload]  # '=' so a payload that starts with '-' is a value
    return argv


def test_cli_injection_every_option_of_the_read_and_write_commands(store_file, capsys, tmp_path):
    from tallied.store import Store

    rows = _rows(store_file)
    with Store.open(store_file, read_only=True, create=False) as store:
        inc = store.incident(max(rows, key=lambda r: r["n_reports"])["id"])
    real = {"incident": inc.id, "other": min(rows, key=lambda r: r["n_reports"])["id"],
            "event": inc.links[0]["event_id"]}
    before = _hashes(store_file)
    commands = _subcommands()
    swept, checked = [], 0
    for command in READS + WRITES:
        targets = _targets(command, commands[command])
        if command in WRITES:  # the ids only: a valid write of a string is the HTTP sweep's part
            targets = [t for t in targets if t[1] in ("id", "other", "event_id")]
        for target, dest in targets:
            swept.append((command, dest))
            for payload in PAYLOADS:
                argv = _argv(command, target, dest, payload, store_file, real, tmp_path)
                if command in ("incidents", "tally") and dest != "format":
                    argv += ["--format", "json"]
                what = f"tallied {command} {target}={payload[:40]!r}"
                code, out, err = _run(capsys, argv)
                assert code in (0, 2), f"{what}: exit {code}: {err[-500:]}"
                expected = expected_matches(rows, dest, payload)
                if expected is not None:  # a text filter is a value to compare: exit 0
                    assert code == 0, f"{what}: {err!r}"
                if code == 2:
                    _assert_one_error_line(err, what)
                    assert "database error" not in err, what
                    continue
                assert "Traceback" not in err, what
                assert command in ("incidents", "tally", "export", "audit"), f"{what} succeeded"
                if expected is None or command not in ("incidents", "tally"):
                    continue
                got = json.loads(out)
                if command == "incidents":
                    assert {r["id"] for r in got} == expected, what
                else:
                    assert sum(r["incidents"] for r in got) == len(expected), what
                checked += 1
        assert _hashes(store_file) == before, command
    dests = {d for _, d in swept}
    assert {"country", "admin1", "actor", "event_type", "date_from", "date_to", "min_fatalities",
            "review_status", "by", "per", "sort", "limit", "id", "other", "event_id"} <= dests
    assert checked >= 4 * 2 * len(PAYLOADS)  # four text filters, incidents and tally


@pytest.mark.parametrize("argv", [
    ["incidents", "--country=' OR 1=1 --"],
    ["show", "inc-1' UNION SELECT name, token_hash, created_at FROM users --"],
    ["tally", "--actor=\"; DROP TABLE incidents; --", "--by", "actor"],
])
def test_cli_injection_as_a_process(store_file, argv):
    """The same contract at the process boundary: an exit code and at most one line."""
    before = _hashes(store_file)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    p = subprocess.run([sys.executable, "-m", "tallied.cli", *argv, "--db", str(store_file)],
                       capture_output=True, text=True, env=env, timeout=120)
    if argv[0] == "show":
        assert p.returncode == 2 and p.stdout == ""
        _assert_one_error_line(p.stderr, " ".join(argv))
        assert "no incident" in p.stderr
    else:
        assert p.returncode == 0 and "Traceback" not in p.stderr
        assert "(no rows)" in p.stdout
    assert _hashes(store_file) == before
