"""Ingest on real files with real bytes: every bad-input case ends in a Skip or an InputError."""
from __future__ import annotations

import io
import json
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from tallied import ingest
from tallied.errors import InputError
from tallied.models import Report, Skip
from tallied.settings import Settings

PROSE = (
    "Gunmen killed at least eight people in an attack on a village in the north of the "
    "country on Saturday, police said. The attackers fled into the forest after the raid."
)


def _one(path, **kwargs):
    items = list(ingest.run([str(path)], **kwargs))
    assert len(items) == 1
    return items[0]


def _png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_ingest_plain_text_becomes_report_with_cli_metadata(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Village raid\n\n" + PROSE, encoding="utf-8")
    report = _one(path, published=date(2024, 3, 2), outlet="Demo Wire", url="https://x.test/a")
    assert isinstance(report, Report)
    assert report.source == str(path)
    assert report.raw_text.startswith("Village raid")
    assert (report.published, report.outlet, report.url) == (date(2024, 3, 2), "Demo Wire", "https://x.test/a")
    assert report.language == "en"


def test_ingest_empty_file_is_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n  ")
    for name in ("empty.txt", "blank.txt"):
        skip = _one(tmp_path / name)
        assert isinstance(skip, Skip) and skip.reason == "empty"
        assert name in skip.message


def test_ingest_png_bytes_are_binary(tmp_path):
    path = tmp_path / "photo.txt"  # a misnamed image
    path.write_bytes(_png_bytes())
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == "binary"
    assert "PNG" in skip.message


def test_ingest_control_bytes_are_binary(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 9)) * 50 + b"some text")
    assert _one(path).reason == "binary"


def test_ingest_invalid_utf8_in_the_middle_is_skipped_with_offset(tmp_path):
    path = tmp_path / "broken.txt"
    data = "Troops’ convoy hit. ".encode("utf-8") + b"\xff\xfe\xfa" + PROSE.encode("utf-8")
    path.write_bytes(data)
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == "encoding"
    bad_at = data.index(b"\xff")
    assert f"byte offset {bad_at}" in skip.message


def test_ingest_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "Clashes in Bogot\u00e1 and S\u00e3o Paulo \u201cleft 3 dead\u201d, officials said. " + PROSE
    path.write_bytes(text.encode("cp1252"))
    report = _one(path)
    assert isinstance(report, Report)
    assert report.raw_text == text


def test_ingest_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Attaque à Gao\r\n".encode("utf-16") + PROSE.encode("utf-16-le"))
    report = _one(path)
    assert isinstance(report, Report)
    assert report.raw_text.startswith("Attaque à Gao\n")
    assert "\r" not in report.raw_text and "\ufeff" not in report.raw_text


def test_ingest_utf16_without_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(PROSE.encode("utf-16-le"))
    assert _one(path).raw_text == PROSE


def test_ingest_file_over_limit_is_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(PROSE * 10, encoding="utf-8")
    skip = _one(path, settings=Settings(max_report_bytes=100))
    assert isinstance(skip, Skip) and skip.reason == "too_large"


def test_ingest_nonexistent_path_raises_before_reading(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    with pytest.raises(InputError) as info:
        ingest.run([str(good), str(tmp_path / "missing.txt")])
    assert "missing.txt" in str(info.value) and "no such file" in str(info.value)


def test_ingest_directory_is_walked_sorted_by_extension(tmp_path):
    (tmp_path / "b.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "a.html").write_text(f"<html><body><p>{PROSE}</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text(PROSE, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.jsonl").write_text(json.dumps({"id": "c1", "text": PROSE}) + "\n", encoding="utf-8")
    sources = [item.source for item in ingest.run([str(tmp_path)])]
    assert sources == [str(tmp_path / "a.html"), str(tmp_path / "b.txt"), f"{sub / 'c.jsonl'}:1"]


def test_ingest_directory_without_reports_raises(tmp_path):
    (tmp_path / "notes.md").write_text(PROSE, encoding="utf-8")
    with pytest.raises(InputError, match="no .txt"):
        ingest.run([str(tmp_path)])


def test_ingest_stdin_text_is_one_report():
    stream = io.BytesIO(("Headline\n" + PROSE).encode("utf-8"))
    report = _one("-", stdin=io.TextIOWrapper(stream, encoding="utf-8"), outlet="Pipe")
    assert isinstance(report, Report)
    assert report.source == "-" and report.outlet == "Pipe"


def test_ingest_stdin_jsonl_is_read_per_line():
    feed = "\n".join(json.dumps({"id": f"r{i}", "text": PROSE}) for i in range(3)) + "\n"
    items = list(ingest.run(["-"], stdin=io.StringIO(feed)))
    assert [item.external_id for item in items] == ["r0", "r1", "r2"]
    assert [item.source for item in items] == ["-:1", "-:2", "-:3"]


FRENCH = ("Au moins huit personnes ont été tuées dans une attaque contre un village du nord du pays, "
          "selon la police. Les assaillants ont pris la fuite dans la forêt après le raid.")


def test_ingest_non_english_is_skipped_with_reason_language(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == "language"
    assert skip.message == (f"{path}: the text looks like language 'fr'; tallied reads en "
                            "(settings.languages)")


def test_ingest_language_is_guessed_not_skipped_when_all_languages_allowed(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    report = _one(path, settings=Settings(languages=None))
    assert isinstance(report, Report) and report.language == "fr"


def test_ingest_report_id_is_set(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(PROSE, encoding="utf-8")
    assert len(_one(path).id) == 16


def test_ingest_shared_examples_come_through_whole():
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "examples"
    if not shared.is_dir():
        pytest.skip("shared examples not available")
    items = list(ingest.run([str(shared / "news"), str(shared / "wikinews")]))
    assert items and all(isinstance(i, Report) and i.language == "en" for i in items)
