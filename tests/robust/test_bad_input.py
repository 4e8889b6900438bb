"""Issue #12, item 2: bad input ends in a Skip with an exact reason and message, or a one-line
error, never a crash, a hang or a whole file in memory. Cases tests/ingest already covers
(empty, PNG, control bytes, invalid UTF-8 with its offset, cp1252, UTF-16, malformed JSONL lines)
are not repeated here."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tallied import ingest
from tallied.models import Report, Skip
from tallied.settings import Settings

REPO = Path(__file__).resolve().parents[2]
PROSE = ("Gunmen killed at least eight people in an attack on a village in the north of the "
         "country on Saturday, police said. The attackers fled into the forest after the raid.")
ARABIC = ("قتل ثمانية أشخاص على الأقل في هجوم على قرية في شمال البلاد، بحسب الشرطة. "
          "وقال مسؤول إن المهاجمين فروا إلى الغابة بعد الهجوم.")


def _one(path, **kwargs):
    items = list(ingest.run([str(path)], **kwargs))
    assert len(items) == 1, items
    return items[0]


def _pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("report.txt", PROSE)
    return buf.getvalue()


@pytest.mark.parametrize("name, data, what", [
    ("report.pdf.txt", _pdf_bytes(), "a PDF document"),
    ("archive.txt", _zip_bytes(), "a ZIP archive (or .docx/.xlsx)"),
])
def test_binary_files_are_skipped_naming_the_format(tmp_path, name, data, what):
    path = tmp_path / name
    path.write_bytes(data)
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == "binary"
    assert skip.message == f"{path}: binary file, looks like {what}"


def test_binary_file_named_html_is_skipped(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(_zip_bytes())
    assert _one(path).message == f"{path}: binary file, looks like a ZIP archive (or .docx/.xlsx)"


def test_latin1_text_is_decoded(tmp_path):
    text = "Troops entered Bogot\u00e1 and Mar\u00eda's caf\u00e9 was hit, officials said. " + PROSE
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    report = _one(path)
    assert isinstance(report, Report) and report.raw_text == text


def test_cp1256_arabic_is_decoded_then_skipped_as_language(tmp_path):
    path = tmp_path / "arabic.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    report = _one(path, settings=Settings(languages=None))
    assert isinstance(report, Report) and report.raw_text == ARABIC and report.language == "ar"
    skip = _one(path)
    assert skip.reason == "language"
    assert skip.message == (f"{path}: the text looks like language 'ar'; tallied reads en "
                            "(settings.languages)")


def test_undetectable_legacy_encoding_is_an_encoding_skip(tmp_path):
    path = tmp_path / "cyrillic.txt"
    path.write_bytes("Обстрел в Донецке: погибли пять человек, сообщили власти.".encode("cp1251"))
    skip = _one(path)
    assert skip.reason == "encoding"
    assert skip.message == (f"{path}: not valid UTF-8 (first bad byte 0xce at byte offset 0) and "
                            "not plausible cp1252/latin-1 or cp1256 (Arabic) text")


@pytest.mark.parametrize("lang, text", [
    ("es", "Al menos ocho personas murieron en un ataque contra una aldea del norte del país, según "
           "la policía. Los atacantes huyeron hacia el bosque después de la incursión."),
    ("de", "Mindestens acht Menschen wurden bei einem Angriff auf ein Dorf im Norden des Landes "
           "getötet, teilte die Polizei mit. Die Angreifer flohen nach dem Überfall in den Wald."),
    ("other", "По меньшей мере восемь человек были убиты в результате нападения на деревню на "
              "севере страны, сообщила полиция."),
])
def test_non_english_reports_are_skipped_with_reason_language(tmp_path, lang, text):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n" + json.dumps({"id": "y", "text": PROSE}) + "\n",
                    encoding="utf-8")
    skip, report = ingest.run([str(path)])
    assert skip.reason == "language" and skip.external_id == "x"
    assert skip.message.startswith(f"{path}:1: the text looks like language '{lang}'")
    assert isinstance(report, Report) and report.language == "en"


def test_short_english_lines_are_not_mistaken_for_spanish(tmp_path):
    # "al", "de" are Spanish stopwords; an English event line full of names must stay English
    path = tmp_path / "r.txt"
    path.write_text("On 9 February 2024, Al Shabaab established a base near Al-Hilal village "
                    "(Jowhar, Middle Shabelle).", encoding="utf-8")
    assert isinstance(_one(path), Report)


def test_cli_extract_codes_other_languages_with_a_warning_unless_english_only(tmp_path):
    # extract shows what tallied reads (the dev eval holds French headlines); --english-only
    # skips like ingest does
    path = tmp_path / "fr.txt"
    path.write_text("Au moins huit personnes ont été tuées dans une attaque contre un village du nord "
                    "du pays, selon la police. Les assaillants ont pris la fuite dans la forêt.",
                    encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-m", "tallied.cli", "extract", str(path), "--format", "jsonl"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["skipped"] is None and "language looks like 'fr'" in record["warnings"][0]
    proc = subprocess.run([sys.executable, "-m", "tallied.cli", "extract", str(path), "--format", "jsonl",
                           "--english-only"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["skipped"]["reason"] == "language"


def test_cli_ingest_skips_other_languages_unless_any_language(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Au moins huit personnes ont été tuées dans une attaque contre un village du nord "
                    "du pays, selon la police. Les assaillants ont pris la fuite dans la forêt.",
                    encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    db = tmp_path / "m.duckdb"
    proc = subprocess.run([sys.executable, "-m", "tallied.cli", "ingest", str(path), "--db", str(db), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1 and "skipped: language 1" in proc.stderr, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "tallied.cli", "ingest", str(path), "--db", str(db), "--quiet",
                           "--any-language"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0 and "new 1" in proc.stderr, proc.stderr


def test_jsonl_oversized_line_is_skipped_and_neighbours_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 400})
    path.write_text("\n".join([json.dumps({"id": "a", "text": PROSE}), big,
                               json.dumps({"id": "c", "text": PROSE})]) + "\n", encoding="utf-8")
    items = list(ingest.run([str(path)], settings=Settings(max_report_bytes=1000)))
    assert [getattr(i, "reason", None) for i in items] == [None, "too_large", None]
    assert items[1].message == (f"{path}:2: {len(big):,} bytes, over the limit of 1,000 "
                                "(settings.max_report_bytes)")
    assert [items[0].external_id, items[2].external_id] == ["a", "c"]


def test_stdin_feed_with_oversized_and_malformed_lines():
    feed = "\n".join([json.dumps({"id": "a", "text": PROSE}), "x" * 5000, "{broken",
                      json.dumps({"id": "d", "text": PROSE})]) + "\n"
    stream = io.TextIOWrapper(io.BytesIO(feed.encode()), encoding="utf-8")
    items = list(ingest.run(["-"], stdin=stream, settings=Settings(max_report_bytes=1000)))
    assert [getattr(i, "reason", None) for i in items] == [None, "too_large", "malformed_json", None]
    assert items[1].message == "-:2: 5,000 bytes, over the limit of 1,000 (settings.max_report_bytes)"
    assert items[2].message.startswith("line 3: not valid JSON (")


def test_stdin_text_over_limit_is_too_large():
    stream = io.TextIOWrapper(io.BytesIO(PROSE.encode() * 100), encoding="utf-8")
    (skip,) = ingest.run(["-"], stdin=stream, settings=Settings(max_report_bytes=1000))
    assert skip.message == f"-: {len(PROSE) * 100:,} bytes, over the limit of 1,000 (settings.max_report_bytes)"


# --- folders: unreadable files, symlink loops, FIFOs ------------------------------------------

def test_folder_with_symlink_loops_and_dangling_links_keeps_the_good_files(tmp_path):
    (tmp_path / "good.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)            # a folder loop: not followed
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")  # a file loop: a -> b -> a
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    items = {Path(i.source).name: i for i in ingest.run([str(tmp_path)])}
    assert sorted(items) == ["a.txt", "b.txt", "gone.txt", "good.txt"]
    assert isinstance(items["good.txt"], Report)
    for name in ("a.txt", "b.txt"):
        assert items[name].reason == "unreadable"
        assert items[name].message == f"{tmp_path / name}: cannot be read (Too many levels of symbolic links)"
    assert items["gone.txt"].message == f"{tmp_path / 'gone.txt'}: cannot be read (No such file or directory)"


def test_folder_with_fifo_is_not_a_hang(tmp_path):
    (tmp_path / "good.txt").write_text(PROSE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    items = {Path(i.source).name: i for i in ingest.run([str(tmp_path)])}
    assert items["pipe.txt"].reason == "unreadable"
    assert items["pipe.txt"].message == f"{tmp_path / 'pipe.txt'}: not a regular file (a FIFO, socket or device)"
    assert isinstance(items["good.txt"], Report)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_folder_with_unreadable_file_keeps_the_others(tmp_path):
    (tmp_path / "good.txt").write_text(PROSE, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(PROSE, encoding="utf-8")
    locked.chmod(0)
    items = {Path(i.source).name: i for i in ingest.run([str(tmp_path)])}
    assert items["locked.txt"].message == f"{locked}: cannot be read (Permission denied)"
    assert isinstance(items["good.txt"], Report)


# --- a 200 MB input is refused or streamed, never read whole ----------------------------------

_RSS_PROBE = r"""
import resource, sys
from tallied import ingest
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
args = sys.argv[1:]
stdin = open(args[1], "rb") if args[0] == "-" else None
import io
items = list(ingest.run([args[0]], stdin=io.TextIOWrapper(stdin) if stdin else None))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(after - before, [(i.reason, i.message) if hasattr(i, "reason") else ("report", "") for i in items])
"""
SIZE = 200 * 1024 * 1024


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    """A 200 MB plain-text file and a 200 MB one-line JSONL feed (plus a good line after it)."""
    folder = tmp_path_factory.mktemp("huge")
    text, feed = folder / "huge.txt", folder / "huge.jsonl"
    block = (PROSE + " ").encode() * 4096
    with open(text, "wb") as fh:
        while fh.tell() < SIZE:
            fh.write(block)
    with open(feed, "wb") as fh:
        fh.write(b'{"id": "huge", "text": "')
        while fh.tell() < SIZE:
            fh.write(block)
        fh.write(b'"}\n' + json.dumps({"id": "ok", "text": PROSE}).encode() + b"\n")
    yield text, feed
    text.unlink()
    feed.unlink()


@pytest.mark.parametrize("how", ["file", "feed", "stdin"])
def test_200mb_input_is_refused_without_reading_it_whole(huge, how):
    text, feed = huge
    args = {"file": [str(text)], "feed": [str(feed)], "stdin": ["-", str(text)]}[how]
    proc = subprocess.run([sys.executable, "-c", _RSS_PROBE, *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    grown_kib, items = proc.stdout.split(" ", 1)
    # the limit is 5 MB a report; reading 200 MB whole would grow the peak by 200,000+ KiB
    assert int(grown_kib) < 40_000, f"peak RSS grew by {grown_kib} KiB"
    size = {"file": text, "feed": feed, "stdin": text}[how].stat().st_size
    limit = "over the limit of 5,000,000 (settings.max_report_bytes)"
    if how == "file":
        assert items.strip() == repr([("too_large", f"{text}: {size:,} bytes, {limit}")])
    elif how == "feed":
        line = size - len(b"\n" + json.dumps({"id": "ok", "text": PROSE}).encode() + b"\n") - 1
        assert items.strip() == repr([("too_large", f"{feed}:1: {line + 1:,} bytes, {limit}"), ("report", "")])
    else:
        assert items.strip() == repr([("too_large", f"-: {size:,} bytes, {limit}")])


def test_stdin_text_stream_with_one_long_line_is_too_large():
    # regression (issue #12): a str stream (io.StringIO) hit bytes + str in the drain
    (skip,) = ingest.run(["-"], stdin=io.StringIO("x" * 3000 + "\nmore"),
                         settings=Settings(max_report_bytes=1000))
    assert skip.message == "-: 3,005 bytes, over the limit of 1,000 (settings.max_report_bytes)"
