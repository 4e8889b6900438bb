"""HTML pages: trafilatura's article text, a tag-stripping fallback, never a crash."""
from __future__ import annotations

from datetime import date

from tallied import ingest
from tallied.models import Report, Skip

ARTICLE = (
    "<p>MAIDUGURI, June 3 - Insurgents attacked a military base in Borno state on Sunday, killing "
    "at least nine soldiers, two military sources said on Monday.</p>"
    "<p>The fighters arrived in trucks mounted with machine guns shortly before dawn and "
    "exchanged fire with troops for several hours before withdrawing.</p>"
    "<p>The army did not respond to a request for comment on the attack.</p>"
)

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Insurgents kill nine soldiers in Borno base attack | Demo Wire</title>
<meta property="article:published_time" content="2024-06-03T08:00:00Z">
<script>var tracking = "Share on Facebook";</script></head>
<body>
<div class="cookie">We use cookies to improve your experience. By clicking Accept you agree.</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/africa">Africa</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Insurgents kill nine soldiers in Borno base attack</h1>{ARTICLE}
<div class="share">Share on Facebook Tweet WhatsApp</div></article>
<aside><h3>Most read</h3><ul><li><a href="/1">Five things to know about rates</a></li>
<li><a href="/2">Football club wins 3-0</a></li></ul></aside>
<footer>© 2024 Demo Wire. All rights reserved.</footer></body></html>"""


def _one(path, **kwargs):
    (item,) = list(ingest.run([str(path)], **kwargs))
    return item


def test_html_boilerplate_heavy_page_gives_article_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    report = _one(path)
    assert isinstance(report, Report)
    assert report.raw_text.startswith("Insurgents kill nine soldiers in Borno base attack")
    assert "killing at least nine soldiers" in report.raw_text
    assert "cookies" not in report.raw_text and "rights reserved" not in report.raw_text
    assert report.published == date(2024, 6, 3)
    assert report.title == "Insurgents kill nine soldiers in Borno base attack"


def test_html_cli_metadata_wins_over_page(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    report = _one(path, published=date(2024, 6, 4), outlet="Given")
    assert (report.published, report.outlet) == (date(2024, 6, 4), "Given")


def test_html_malformed_markup_does_not_crash(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><body><div><p>Gunmen <b>killed <i>five villagers in a raid on Tuesday, "
        "residents said.</p></div><table><tr><td>unclosed <p>The attackers fled.",
        encoding="utf-8",
    )
    report = _one(path)
    assert isinstance(report, Report)
    assert "five villagers" in report.raw_text


def test_html_without_text_is_skipped_empty(tmp_path):
    path = tmp_path / "shell.html"
    path.write_text("<html><head><script>x()</script></head><body><div></div></body></html>",
                    encoding="utf-8")
    skip = _one(path)
    assert isinstance(skip, Skip) and skip.reason == "empty"
    assert "no article text found in HTML" in skip.message


def test_html_declared_legacy_charset_is_honoured(tmp_path):
    path = tmp_path / "legacy.html"
    page = ('<html><head><meta charset="windows-1252"></head><body><p>Attaque \u00e0 Gao: '
            "\u00ab\u00a0trois morts\u00a0\u00bb \u2014 l'arm\u00e9e. " * 3 + "</p></body></html>")
    path.write_bytes(page.encode("cp1252"))
    report = _one(path)
    assert isinstance(report, Report) and "l'arm\u00e9e" in report.raw_text
