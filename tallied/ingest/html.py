"""HTML page → article text and the metadata the page carries.

trafilatura finds the article; when it finds nothing (tiny or odd pages) the tags are stripped
with lxml so a one-paragraph page still yields its words. Malformed markup never raises: lxml
and trafilatura both repair it, and a page they cannot parse at all comes back as no text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree
from lxml import html as lxml_html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "blockquote", "pre", "header", "main", "aside", "figure", "figcaption"}


@dataclass
class Page:
    """What one HTML page gave: ``text`` is the article text that becomes ``Report.raw_text``."""

    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The charset named in a ``<meta>`` tag near the top of the page, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def extract_page(markup: str) -> Page:
    """Article text and metadata of ``markup``; ``text`` is "" when the page holds none.

    The headline is put on the first line when trafilatura left it out, because the later
    stages read the first line as the headline, as they do for plain-text reports.
    """
    doc = trafilatura.bare_extraction(
        markup, include_comments=False, favor_recall=True, with_metadata=True,
        include_tables=False,
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        text = _strip_tags(markup)
    title = (doc.title or "").strip() or None if doc is not None else None
    if title and text and not _starts_with(text, title):
        text = f"{title}\n\n{text}"
    return Page(
        text=text,
        title=title,
        published=_iso_date(doc.date) if doc is not None else None,
        url=(doc.url or None) if doc is not None else None,
        outlet=(doc.sitename or None) if doc is not None else None,
    )


def _starts_with(text: str, title: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(s.split()).casefold()

    return norm(text[: len(title) + 40]).startswith(norm(title))


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _strip_tags(markup: str) -> str:
    """Visible text of the page, one block element per line; "" when nothing parses."""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for bad in list(root.iter(*_DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    chunks: list[str] = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag in _BLOCK_TAGS:
            chunks.append("\n")
        if node.text:
            chunks.append(node.text)
        if node.tail:
            if node.tag in _BLOCK_TAGS:
                chunks.append("\n")
            chunks.append(node.tail)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return "\n".join(line for line in lines if line)
