"""The command line on real files: output formats, bad input as one-line errors or recorded
skips (never a traceback), and exit codes (0 all processed, 1 some skipped, 2 not run)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

REPORT = ("Gunmen killed seven villagers and wounded three others in an attack on a village "
          "near Maiduguri in Borno state on Tuesday, police said.\n")


def run(*args, stdin: str | None = None):
    proc = subprocess.run([sys.executable, "-m", "tallied.cli", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    (d / "good.txt").write_text(REPORT, encoding="utf-8")
    (d / "empty.txt").write_text("  \n", encoding="utf-8")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (d / "broken.txt").write_bytes("Gunmen killed ".encode() + b"\xff\xfe\xfa\xfb\x80\x81" * 20 + b" people.")
    lines = [json.dumps({"id": "a", "text": REPORT, "published": "2024-03-14"}),
             '{"id": "b", "text": "unterminated',
             json.dumps({"id": "c", "text": REPORT, "published": "2024-03-14", "outlet": "Wire"})]
    (d / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_cli_jsonl_output_has_one_line_per_report(files):
    code, out, err = run("extract", files / "feed.jsonl", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1  # the run completed, one line was skipped
    assert [rows[0]["id"], rows[2]["id"]] == ["a", "c"]
    assert rows[0]["skipped"] is None and rows[2]["skipped"] is None
    assert rows[1]["skipped"]["reason"] == "malformed_json"
    assert "line 2" in rows[1]["skipped"]["message"]
    event = rows[0]["events"][0]
    assert event["event_date"] == "2024-03-12"
    assert event["fatalities"] == 7 and event["injured"] == 3
    assert event["iso3"] == "NGA"
    for key in ("event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude",
                "longitude", "geo_precision", "time_precision", "best", "low", "high", "deaths_civilians"):
        assert key in event
    assert {"start", "end", "text"} <= set(event["evidence"]["fatalities"][0])
    assert "Traceback" not in err


@pytest.mark.parametrize("name,reason", [("empty.txt", "empty"), ("image.txt", "binary"),
                                         ("broken.txt", "encoding")])
def test_cli_bad_file_is_a_recorded_skip(files, name, reason):
    code, out, err = run("extract", files / name, files / "good.txt", "--format", "jsonl",
                         "--published", "2024-03-14")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert rows[0]["skipped"]["reason"] == reason
    assert name in rows[0]["skipped"]["message"] or name in err
    assert rows[1]["skipped"] is None and rows[1]["events"]
    assert "Traceback" not in err


def test_cli_missing_file_is_one_line_error(tmp_path):
    code, out, err = run("extract", tmp_path / "nope.txt")
    assert code == 2
    assert out == ""
    assert err.strip().count("\n") == 0 and "nope.txt" in err and "Traceback" not in err


def test_cli_bad_published_date_is_a_usage_error(files):
    code, _, err = run("extract", files / "good.txt", "--published", "14/03/2024")
    assert code == 2 and "not a date" in err and "Traceback" not in err


def test_cli_reads_stdin_and_prints_a_table(files):
    code, out, err = run("extract", "-", "--published", "2024-03-14", stdin=REPORT)
    assert code == 0, err
    assert "primary: 2024-03-12" in out
    assert "killed" in out and "per police" in out


def test_cli_json_format_is_one_document(files):
    code, out, _ = run("extract", files / "good.txt", "--published", "2024-03-14", "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data) == 1 and data[0]["events"][0]["fatalities"] == 7
