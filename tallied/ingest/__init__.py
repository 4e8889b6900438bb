"""Ingest: paths (files, folders, ``-`` for stdin) → Reports, or Skips saying why not.

    run(paths, published=None, outlet=None, url=None, stdin=None) -> Iterator[Report | Skip]

- ``.txt`` (and any other suffix): plain text; ``.html``/``.htm``: article text via trafilatura;
  ``.jsonl``: one report per line (``id``, ``text``, optional ``published``, ``outlet``,
  ``url``, ``title``); a folder: its ``.txt``/``.html``/``.htm``/``.jsonl`` files, recursively,
  in sorted order; ``-``: stdin, read as JSONL (line by line) when its first non-empty line
  is a JSON object.
- ``published``/``outlet``/``url`` apply to plain files; ``published``/``outlet`` also fill
  JSONL lines that lack their own.
- Bad content is a :class:`Skip` (empty, binary, encoding, too_large, malformed_json,
  missing_text, bad_published, unreadable, language); a bad *path* is the user's mistake and
  raises :class:`InputError` before anything is read.
- Nothing is read whole: a file over ``settings.max_report_bytes`` is refused from its size, a
  feed (file or stdin) is read line by line with each line bounded (``ingest.stream``), and
  stdin text is read up to the limit and then drained.
- A report detected to be in a language not in ``settings.languages`` (default English only) is
  a Skip with reason ``language``; ``languages=None`` codes every report.
- ``Report.raw_text`` is the decoded text with ``\\n`` newlines (for HTML: the extracted
  article text); clean's offsets point into it.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO

from tallied.errors import InputError
from tallied.ingest.decode import decode
from tallied.ingest.jsonl import looks_like_jsonl, read_jsonl
from tallied.ingest.readers import Defaults, language_skip, read_html, read_text, too_large
from tallied.ingest.stream import Oversized, lines as bounded_lines, read_bounded, read_line
from tallied.models import Report, Skip
from tallied.settings import SETTINGS, Settings

__all__ = ["run"]

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
STDIN = "-"


def run(
    paths: list[str],
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    stdin: IO | None = None,
    settings: Settings = SETTINGS,
) -> Iterator[Report | Skip]:
    """Reports and Skips for ``paths``, in order. Raises InputError at once (not on first
    iteration) when a path does not exist, cannot be read, or is a folder with no reports."""
    defaults = Defaults(published=published, outlet=outlet, url=url)
    plan = [_expand(path) for path in paths]
    return _iterate(plan, defaults, stdin, settings)


def _iterate(
    plan: list[tuple[list[Path] | None, bool]], defaults: Defaults, stdin: IO | None,
    settings: Settings,
) -> Iterator[Report | Skip]:
    for item in _read_all(plan, defaults, stdin, settings):
        skip = language_skip(item, settings) if isinstance(item, Report) else None
        yield skip or item


def _read_all(
    plan: list[tuple[list[Path] | None, bool]], defaults: Defaults, stdin: IO | None,
    settings: Settings,
) -> Iterator[Report | Skip]:
    for files, walked in plan:
        if files is None:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, defaults, settings)
            continue
        for path in files:
            yield from _read_file(path, defaults, settings, walked)


def _expand(given: str) -> tuple[list[Path] | None, bool]:
    """The files behind one path argument (None for stdin) and whether they came from a
    folder walk; raises InputError."""
    if given == STDIN:
        return None, False
    path = Path(given)
    if path.is_dir():
        files = sorted(
            Path(root) / name
            for root, dirs, names in os.walk(path)
            for name in names
            if name.lower().endswith(SUPPORTED_SUFFIXES) and not name.startswith(".")
        )
        if not files:
            raise InputError(given, "folder holds no .txt, .html, .htm or .jsonl files")
        return files, True
    if not path.exists():
        raise InputError(given, "no such file")
    if not path.is_file():
        raise InputError(given, "not a regular file")
    if not os.access(path, os.R_OK):
        raise InputError(given, "cannot be read (permission denied)")
    return [path], False


def _read_file(
    path: Path, defaults: Defaults, settings: Settings, walked: bool
) -> Iterator[Report | Skip]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # a FIFO or device met in a folder walk would block a read forever
            yield Skip(source, "unreadable", f"{source}: not a regular file (a FIFO, socket or device)")
            return
        if suffix == ".jsonl":
            yield from _read_jsonl_file(path, defaults, settings)
            return
        skip = too_large(source, info.st_size, settings)
        if skip:
            yield skip
            return
        data = path.read_bytes()
    except OSError as exc:
        # A file named on the command line is the user's to fix; one met while walking a
        # folder should not stop the others.
        if not walked:
            raise InputError(source, f"cannot be read ({exc.strerror or exc})") from exc
        yield Skip(source, "unreadable", f"{source}: cannot be read ({exc.strerror or exc})")
        return
    reader = read_html if suffix in (".html", ".htm") else read_text
    yield reader(source, data, defaults)


def _read_jsonl_file(path: Path, defaults: Defaults, settings: Settings) -> Iterator[Report | Skip]:
    source = str(path)
    limit = settings.max_report_bytes
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # Rare, but Windows tools write it; such a feed is decoded whole, so it must fit
            # within the limit of one report.
            data = read_bounded(handle, limit)
            if isinstance(data, Oversized):
                yield too_large(source, data.size, settings)
                return
            text = decode(data, source)
            if isinstance(text, Skip):
                yield text
                return
            lines: object = text.split("\n")
        else:
            lines = bounded_lines(handle, limit)
        seen = False
        for item in read_jsonl(source, lines, defaults, settings):
            seen = True
            yield item
    if not seen:
        yield Skip(source, "empty", f"{source}: file is empty or holds only whitespace")


def _read_stdin(stream: IO, defaults: Defaults, settings: Settings) -> Iterator[Report | Skip]:
    """A feed when the first non-empty line is a JSON object (read line by line), otherwise
    one text report (read up to the limit; a longer one is drained and skipped)."""
    limit = settings.max_report_bytes
    buffer = getattr(stream, "buffer", None)
    handle = buffer if buffer is not None else stream
    blank: list[bytes | str] = []
    first = read_line(handle, limit)
    while not isinstance(first, Oversized) and first and not first.strip():
        blank.append(first)
        first = read_line(handle, limit)
    if isinstance(first, Oversized):
        if first.head.lstrip().startswith("{" if isinstance(first.head, str) else b"{"):
            yield from read_jsonl(STDIN, chain(blank, [first], bounded_lines(handle, limit)),
                                  defaults, settings)
            return
        rest = read_bounded(handle, 0)
        size = sum(map(len, blank)) + first.consumed + (rest.size if isinstance(rest, Oversized) else 0)
        yield too_large(STDIN, size, settings)
        return
    if looks_like_jsonl(first):
        yield from read_jsonl(STDIN, chain(blank, [first], bounded_lines(handle, limit)),
                              defaults, settings)
        return
    data = read_bounded(handle, limit, type(first)().join(blank) + first)
    if isinstance(data, Oversized):
        yield too_large(STDIN, data.size, settings)
        return
    if isinstance(data, bytes):
        text = decode(data, STDIN)
    else:
        text = data.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            text = Skip(STDIN, "empty", "stdin is empty or holds only whitespace")
    if isinstance(text, Skip):
        yield text
        return
    yield read_text(STDIN, text.encode("utf-8", "surrogatepass"), defaults)
