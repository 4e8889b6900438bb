"""Delete spans from a text and keep, for every surviving character, where it came from.

Cleaning only ever deletes (never rewrites), so ``raw[offsets[i]] == clean[i]`` holds exactly
and evidence found in the clean text can always be shown on the raw text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Three or more line breaks (with only spaces between) collapse to one blank line; lines left
# empty by deletions would otherwise pile up.
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")


@dataclass(frozen=True)
class Line:
    """One line of the raw text: ``raw[start:end] == text`` (no newline)."""

    number: int
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    lines, start = [], 0
    for number, part in enumerate(text.split("\n")):
        lines.append(Line(number, start, start + len(part), part))
        start += len(part) + 1
    return lines


def line_span(line: Line, text_length: int) -> tuple[int, int]:
    """The span that removes ``line`` together with its newline."""
    return line.start, min(line.end + 1, text_length)


def delete_spans(raw: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """``raw`` without ``spans`` (and without the whitespace debris they leave), plus the map
    from each clean character to its index in ``raw``."""
    keep = _mask(len(raw), spans)
    offsets = [i for i, flag in enumerate(keep) if flag]
    clean = "".join(raw[i] for i in offsets)
    return _tidy(clean, offsets)


def _tidy(clean: str, offsets: list[int]) -> tuple[str, list[int]]:
    drop: list[tuple[int, int]] = []
    drop += [(m.start(), m.end()) for m in _TRAILING_SPACE.finditer(clean)]
    # keep the first and last newline of a blank run: exactly one blank line remains
    drop += [(m.start() + 1, m.end() - 1) for m in _BLANK_RUN.finditer(clean)]
    lead = len(clean) - len(clean.lstrip())
    drop.append((0, lead))
    tail = len(clean.rstrip())
    drop.append((tail, len(clean)))
    keep = _mask(len(clean), drop)
    kept = [i for i, flag in enumerate(keep) if flag]
    return "".join(clean[i] for i in kept), [offsets[i] for i in kept]


def _mask(length: int, spans: list[tuple[int, int]]) -> bytearray:
    """1 for each character kept, 0 for each one inside a span."""
    keep = bytearray(b"\x01") * length
    for start, end in spans:
        start, end = max(0, start), min(length, end)
        if end > start:
            keep[start:end] = bytes(end - start)
    return keep
