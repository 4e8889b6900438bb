"""Reading lines and streams with a size limit, so that no input is ever read whole.

A line longer than the limit is not kept: the rest of it is read in fixed chunks and thrown
away, and what comes out is an :class:`Oversized` marker with the line's size, which the caller
turns into a ``too_large`` Skip. Memory stays near ``limit + CHUNK`` whatever the input.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

CHUNK = 1 << 20


@dataclass(frozen=True)
class Oversized:
    """A line (or stream) of ``size`` bytes (characters, for a text stream), over the limit;
    ``head`` is its start (to tell a feed from text), ``consumed`` what was read, newline too."""

    size: int
    head: bytes | str = b""
    consumed: int = 0


def read_line(handle: IO, limit: int) -> bytes | str | Oversized:
    """The next line (with its newline; empty at the end) or Oversized when it is too long."""
    line = handle.readline(limit + 1)
    if len(line) <= limit or _ends_line(line):
        return line  # a whole line (a line of exactly ``limit`` plus its newline included)
    head = line[:64]
    size = len(line)
    while not _ends_line(line):
        line = handle.readline(CHUNK)
        if not line:
            break
        size += len(line)
    return Oversized(size - (1 if _ends_line(line) else 0), head, size)


def lines(handle: IO, limit: int) -> Iterator[bytes | str | Oversized]:
    """Every line of ``handle``, each at most ``limit`` long or an Oversized marker."""
    while True:
        line = read_line(handle, limit)
        if isinstance(line, Oversized):
            yield line
            continue
        if not line:
            return
        yield line


def read_bounded(handle: IO, limit: int, head: bytes | str | None = None) -> bytes | str | Oversized:
    """The rest of ``handle`` after ``head``, or Oversized (the stream drained, not kept)."""
    chunk = handle.read(max(0, limit + 1 - len(head or "")))
    data = chunk if head is None else head + chunk
    if len(data) <= limit:
        return data
    size = len(data)
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return Oversized(size, data[:64], size)
        size += len(chunk)


def _ends_line(line: bytes | str) -> bool:
    return line.endswith("\n") if isinstance(line, str) else line.endswith(b"\n")
