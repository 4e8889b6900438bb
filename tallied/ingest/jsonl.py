"""JSON Lines feeds: one report per line, each line judged on its own.

A bad line becomes a Skip naming its line number; the lines around it still come through,
because one truncated record should not cost a whole feed.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date

from tallied.ingest.readers import Defaults, make_report, too_large
from tallied.ingest.stream import Oversized
from tallied.models import Report, Skip
from tallied.settings import Settings

# "2024-02-14", also the date part of "2024-02-14T10:00:00Z" or "2024-02-14 10:00".
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])")


def looks_like_jsonl(first_line: bytes | str) -> bool:
    """True when the first non-empty line of a stream is a JSON object: how stdin is told
    apart from text. One good object is enough evidence of a feed (it is read line by line,
    never whole); later bad lines become Skips with their line numbers."""
    if isinstance(first_line, bytes):
        try:
            first_line = first_line.decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
    if not first_line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first_line), dict)
    except ValueError:
        return False


def read_jsonl(
    name: str, lines: Iterable[bytes | str | Oversized], defaults: Defaults, settings: Settings
) -> Iterator[Report | Skip]:
    """Reports of a feed; ``lines`` are raw lines (bytes from a file, str from stdin), or
    Oversized markers for lines too long to have been kept (see ``tallied.ingest.stream``)."""
    for number, raw in enumerate(lines, start=1):
        if not isinstance(raw, Oversized) and not raw.strip():
            continue
        yield _read_line(f"{name}:{number}", number, raw, defaults, settings)


def _read_line(
    source: str, number: int, raw: bytes | str | Oversized, defaults: Defaults, settings: Settings
) -> Report | Skip:
    if isinstance(raw, Oversized):
        size = raw.size
    else:
        size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))
    skip = too_large(source, size, settings)
    if skip:
        return skip
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            return Skip(
                source,
                "encoding",
                f"line {number}: not valid UTF-8 (byte offset {exc.start} in the line)",
            )
    try:
        record = json.loads(raw)
    except ValueError as exc:
        return Skip(source, "malformed_json", f"line {number}: not valid JSON ({exc})")
    if not isinstance(record, dict):
        return Skip(
            source,
            "malformed_json",
            f"line {number}: not valid JSON (expected an object, got {type(record).__name__})",
        )
    external_id = _text_or_none(record.get("id"))
    text = record.get("text")
    if not isinstance(text, str):
        what = "has no \"text\" field" if text is None else "\"text\" is not a string"
        return Skip(source, "missing_text", f"line {number}: {what}", external_id)
    if not text.strip():
        return Skip(source, "empty", f"line {number}: \"text\" is empty", external_id)
    published = defaults.published
    if record.get("published") is not None:
        published = _parse_date(record["published"])
        if published is None:
            return Skip(
                source,
                "bad_published",
                f"line {number}: \"published\" is {record['published']!r}, "
                "not a date like 2024-02-14",
                external_id,
            )
    return make_report(
        source,
        text.replace("\r\n", "\n").replace("\r", "\n"),
        published=published,
        outlet=_text_or_none(record.get("outlet")) or defaults.outlet,
        url=_text_or_none(record.get("url")),
        title=_text_or_none(record.get("title")),
        external_id=external_id,
    )


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _text_or_none(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None
