"""JSONL feeds: a bad line is a Skip with its line number; the other lines come through."""
from __future__ import annotations

import json
from datetime import date

from tallied import ingest
from tallied.models import Report, Skip

TEXT = "Gunmen killed four soldiers near the border on Monday, security sources said."


def _feed(tmp_path, lines: list[str]):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, list(ingest.run([str(path)], published=date(2020, 1, 1), outlet="CLI Outlet"))


def test_jsonl_malformed_line_is_skipped_with_line_number(tmp_path):
    path, items = _feed(tmp_path, [
        json.dumps({"id": "a", "text": TEXT}),
        '{"id": "bad", "text": "unterminated, "published": 2024-05-',
        json.dumps({"id": "c", "text": TEXT}),
    ])
    assert [type(i).__name__ for i in items] == ["Report", "Skip", "Report"]
    bad = items[1]
    assert bad.source == f"{path}:2" and bad.reason == "malformed_json"
    assert bad.message.startswith("line 2: not valid JSON (")
    assert bad.external_id is None
    assert [items[0].external_id, items[2].external_id] == ["a", "c"]
    assert items[2].source == f"{path}:3"


def test_jsonl_line_without_text_is_missing_text(tmp_path):
    _, items = _feed(tmp_path, [json.dumps({"id": "x", "title": "no body"})])
    assert isinstance(items[0], Skip) and items[0].reason == "missing_text"
    assert items[0].external_id == "x" and "line 1" in items[0].message


def test_jsonl_bad_published_skips_only_that_line(tmp_path):
    _, items = _feed(tmp_path, [
        json.dumps({"id": "x", "text": TEXT, "published": "last Tuesday"}),
        json.dumps({"id": "y", "text": TEXT, "published": "2024-02-30"}),
        json.dumps({"id": "z", "text": TEXT, "published": "2024-02-14T10:00:00Z"}),
    ])
    assert [getattr(i, "reason", None) for i in items] == ["bad_published", "bad_published", None]
    assert "last Tuesday" in items[0].message
    assert items[2].published == date(2024, 2, 14)


def test_jsonl_own_metadata_wins_over_cli(tmp_path):
    _, items = _feed(tmp_path, [
        json.dumps({"id": 7, "text": TEXT, "published": "2024-02-14", "outlet": "Wire",
                    "url": "https://x.test/7", "title": "Four soldiers killed"}),
        json.dumps({"id": "8", "text": TEXT}),
    ])
    own, bare = items
    assert (own.external_id, own.published, own.outlet, own.url, own.title) == (
        "7", date(2024, 2, 14), "Wire", "https://x.test/7", "Four soldiers killed")
    assert (bare.published, bare.outlet, bare.url) == (date(2020, 1, 1), "CLI Outlet", None)


def test_jsonl_non_object_and_blank_lines(tmp_path):
    _, items = _feed(tmp_path, ["", "[1, 2]", "   ", json.dumps({"text": TEXT})])
    assert items[0].reason == "malformed_json" and items[0].source.endswith(":2")
    assert isinstance(items[1], Report) and items[1].source.endswith(":4")


def test_jsonl_invalid_utf8_line_is_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "caf\xff"}\n' + json.dumps({"text": TEXT}).encode() + b"\n")
    items = list(ingest.run([str(path)]))
    assert items[0].reason == "encoding" and isinstance(items[1], Report)


def test_jsonl_empty_file_is_skipped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n\n")
    (item,) = ingest.run([str(path)])
    assert item.reason == "empty"
