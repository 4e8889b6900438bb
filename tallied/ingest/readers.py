"""Readers for one plain-text or HTML document, and the one place a Report is built."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tallied.ingest.decode import decode
from tallied.ingest.html import declared_charset, extract_page
from tallied.ingest.language import detect_language
from tallied.models import Report, Skip
from tallied.settings import Settings


@dataclass(frozen=True)
class Defaults:
    """Metadata the caller gave (CLI flags); a report's own metadata wins where it has one."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def make_report(
    source: str,
    text: str,
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    external_id: str | None = None,
) -> Report:
    return Report(
        source=source,
        raw_text=text,
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        language=detect_language(text),
        external_id=external_id,
    )


def too_large(source: str, size: int, settings: Settings) -> Skip | None:
    if size > settings.max_report_bytes:
        return Skip(
            source,
            "too_large",
            f"{source}: {size:,} bytes, over the limit of {settings.max_report_bytes:,} "
            "(settings.max_report_bytes)",
        )
    return None


def language_skip(report: Report, settings: Settings) -> Skip | None:
    """A Skip (reason ``language``) for a report detected to be in a language tallied is not
    set to read; a report too short to tell (language None) is read."""
    accepted = settings.languages
    if accepted is None or report.language is None or report.language in accepted:
        return None
    return Skip(
        report.source,
        "language",
        f"{report.source}: the text looks like language '{report.language}'; tallied reads "
        f"{', '.join(accepted)} (settings.languages)",
        report.external_id,
    )


def read_text(source: str, data: bytes, defaults: Defaults) -> Report | Skip:
    text = decode(data, source)
    if isinstance(text, Skip):
        return text
    if _looks_like_html(text):
        return _html_report(source, text, defaults)
    return make_report(
        source, text, published=defaults.published, outlet=defaults.outlet, url=defaults.url
    )


def read_html(source: str, data: bytes, defaults: Defaults) -> Report | Skip:
    """An HTML page as a Report whose ``raw_text`` is the *extracted* article text: evidence
    offsets (through ``Report.offsets``) refer to that text, not to the markup."""
    text = _decode_html(data, source)
    if isinstance(text, Skip):
        return text
    return _html_report(source, text, defaults)


def _html_report(source: str, markup: str, defaults: Defaults) -> Report | Skip:
    page = extract_page(markup)
    if not page.text.strip():
        return Skip(source, "empty", f"{source}: no article text found in HTML")
    # Flags given on the command line are deliberate; page metadata is a guess (trafilatura
    # may read a date off the URL or a sidebar), so it only fills gaps.
    return make_report(
        source,
        page.text,
        published=defaults.published or page.published,
        outlet=defaults.outlet or page.outlet,
        url=defaults.url or page.url,
        title=page.title,
    )


def _decode_html(data: bytes, source: str) -> str | Skip:
    charset = declared_charset(data)
    text = decode(data, source)
    if isinstance(text, Skip) and text.reason == "encoding" and charset:
        try:
            return data.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            return text
    return text


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)
