"""Bytes → text, or the reason they are not text.

Order matters: a BOM or a UTF-16 byte pattern is checked before the NUL-byte test, because
UTF-16 text is full of NULs; the NUL test comes before the UTF-8 attempt, because a binary file
can happen to decode. A legacy single-byte fallback (cp1252, a superset of latin-1's printable
range) is accepted only when the result looks like Western text, since cp1252 decodes almost
any byte string into *something*; likewise cp1256 (Arabic) only when nearly every non-ASCII
character is an Arabic letter inside an Arabic word. Other legacy encodings (cp1251, Shift-JIS,
GB2312 ...) are not guessed: they are skipped with reason ``encoding``.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from tallied.models import Skip

# Magic numbers of formats people drop into a reports folder by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

# Bytes below 0x20 that text files legitimately contain: tab, LF, FF, CR, and ESC is not one.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}
_MAX_CONTROL_RATIO = 0.05

# cp1252 characters that are typographic punctuation, not letters: fine anywhere.
_TYPOGRAPHIC = set("‘’‚“”„–—…•€£¥°©®™«»·§¶±×÷¢¼½¾\u00a0")


def decode(data: bytes, source: str) -> str | Skip:
    """Decode ``data`` read from ``source`` into text with ``\\n`` newlines, or a Skip."""
    text = _decode(data, source)
    if isinstance(text, Skip):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        return Skip(source, "empty", f"{source}: file is empty or holds only whitespace")
    return text


def _decode(data: bytes, source: str) -> str | Skip:
    if not data.strip():
        return Skip(source, "empty", f"{source}: file is empty or holds only whitespace")
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, codec, source, f"{codec} (byte order mark)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return Skip(source, "binary", f"{source}: binary file, looks like {what}")
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict(data, utf16, source, utf16)
    if b"\x00" in data:
        return Skip(source, "binary", f"{source}: binary file (contains NUL bytes)")
    controls = sum(1 for b in data if b < 0x20 and b not in _TEXT_CONTROLS or b == 0x7F)
    if controls / len(data) > _MAX_CONTROL_RATIO:
        return Skip(source, "binary", f"{source}: binary file ({controls} control bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    legacy = _plausible_cp1252(data)
    if legacy is None:
        legacy = _plausible_cp1256(data)
    if legacy is not None:
        return legacy
    return Skip(
        source,
        "encoding",
        f"{source}: not valid UTF-8 (first bad byte 0x{data[bad]:02x} at byte offset {bad}) "
        "and not plausible cp1252/latin-1 or cp1256 (Arabic) text",
    )


def _strict(data: bytes, codec: str, source: str, label: str) -> str | Skip:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        return Skip(
            source, "encoding", f"{source}: declared {label} but byte offset {exc.start} is invalid"
        )


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-range text puts a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _plausible_cp1252(data: bytes) -> str | None:
    """cp1252 text, or None when the bytes are more likely UTF-8 with damage, or noise."""
    if _has_utf8_sequences(data):
        # Valid multi-byte UTF-8 next to invalid bytes: mixed or damaged, not cp1252.
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [i for i, ch in enumerate(text) if ord(ch) > 0x7F]
    if len(high) > max(3, len(text) // 20):
        return None
    for i in high:
        ch = text[i]
        if ch in _TYPOGRAPHIC:
            continue
        if not unicodedata.category(ch).startswith("L"):
            return None
        # An accented letter sits inside or at the edge of a word: "café", "Bogotá", "São".
        neighbours = text[max(0, i - 1) : i] + text[i + 1 : i + 2]
        if not any(n.isascii() and n.isalpha() for n in neighbours):
            return None
    return text


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0660-\u0669\u067E\u0686\u0698\u06AF]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u067E\u0686\u0698\u06AF\u064B-\u0652]{2,}")


def _plausible_cp1256(data: bytes) -> str | None:
    """Arabic text in Windows-1256, or None. In cp1252 such bytes read as strings of accented
    capitals with no ASCII letters around them, so _plausible_cp1252 refuses them; here the
    test is that nearly every non-ASCII character is an Arabic letter and that they make words
    (Arabic cp1256 bytes often pair up like UTF-8 sequences by chance, so that test is not used;
    damaged UTF-8 Arabic fails the letter test, its continuation bytes being symbols here)."""
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 0x7F]
    if len(high) < 4:
        return None
    arabic = sum(1 for ch in high if _ARABIC_LETTER.match(ch) or ch in "\u060C\u061B\u061F\u0640\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652")
    if arabic / len(high) < 0.9:
        return None
    words = _ARABIC_WORD.findall(text)
    if sum(len(w) for w in words) < 0.6 * len(high):
        return None
    return text


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_sequences(data: bytes) -> bool:
    return _UTF8_MULTIBYTE.search(data) is not None
