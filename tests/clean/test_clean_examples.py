"""Clean on the shared example reports: boilerplate gone, article sentences all kept."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tallied import clean
from tallied.models import Report, report_id

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "examples"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared examples not available")


def _clean(path: Path) -> Report:
    raw = path.read_text(encoding="utf-8")
    return clean.run(Report(source=str(path), raw_text=raw))


def _maps_back(report: Report) -> None:
    if not report.offsets:
        assert report.clean_text == report.raw_text
        return
    assert len(report.offsets) == len(report.clean_text)
    assert all(report.raw_text[o] == ch for o, ch in zip(report.offsets, report.clean_text))
    assert report.offsets == sorted(set(report.offsets))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _quotes(expected: dict) -> list[str]:
    figures = expected.get("facts", {}).get("figures", [])
    return [f["quote"] for f in figures if f.get("quote") and f.get("scope") in ("main", "related")]


@needs_shared
def test_clean_hasakah_drops_spam_and_doubled_caption():
    path = SHARED / "hasakah-prison-2022.txt"
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    report = _clean(path)
    for needle in expected["cleaning"]["must_not_appear_in_clean_text"]:
        assert needle not in report.clean_text
    caption = "Kurdish-led Syrian Democratic Forces fighters taking up their positions"
    assert report.clean_text.count(caption) <= 1
    assert "Credit: AP" not in report.clean_text
    assert report.clean_text.startswith("Clashes between Islamic State and US-backed Kurdish forces")
    assert report.id == report_id(report.clean_text)
    _maps_back(report)


@needs_shared
def test_clean_hasakah_keeps_every_figure_sentence():
    report = _clean(SHARED / "hasakah-prison-2022.txt")
    expected = json.loads((SHARED / "hasakah-prison-2022.expected.json").read_text(encoding="utf-8"))
    for figure in expected["figures"]:
        assert _flat(figure["text"].replace("'", "’")) in _flat(report.clean_text)
    for heading in ("Children also held at the prison", "Coalition air strikes"):
        assert heading in report.clean_text


@needs_shared
@pytest.mark.parametrize(
    "path", sorted((SHARED / "news").glob("*.txt")) + sorted((SHARED / "wikinews").glob("*.txt")),
    ids=lambda p: p.stem[:24],
)
def test_clean_example_keeps_article_quotes(path):
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    report = _clean(path)
    flat = _flat(report.clean_text)
    for quote in _quotes(expected):
        assert _flat(quote) in flat
    _maps_back(report)


@needs_shared
@pytest.mark.parametrize("path", sorted((SHARED / "wikinews").glob("*.txt")), ids=lambda p: p.stem[:24])
def test_clean_wikinews_keeps_every_sentence(path):
    report = _clean(path)
    flat = _flat(report.clean_text)
    for line in report.raw_text.split("\n"):
        # a photo credit glued to a caption is the one thing clean may cut from a line
        line = line.split(" Image: ")[0]
        assert _flat(line) in flat


@needs_shared
@pytest.mark.parametrize(
    "name, gone, kept",
    [
        ("news-05-nigeria-africanews-ap", ["01:55", "Go to video", "At least 120 children abducted",
                                           "orders crackdown on gangs"], ["Nigeria\n"]),
        ("news-21-ukraine-free-press-journal-ians", ["e-Paper", "Get App", "IANSUpdated",
                                                     "Representative Image", " date 2022"],
         ["Russian shelling in Ukraine's Kharkiv kills 6\n"]),
        ("news-26-burkina-faso-daily-nation-kenya-afp", ["By AFP", "More by this Author",
                                                         "Advertisement"], []),
        ("news-35-iraq-business-standard-pti-afp", ["free articles", "Subscribe", "₹", "Smart Quarterly",
                                                    "Complimentary Access"], []),
        ("news-38-syria-middle-east-affairs-reuters-copy", ["Similar Articles", "Leave a Reply",
                                                            "Akismet", "bloggers like this"], []),
        ("news-42-colombia-naharnet-afp", ["W460", "Comments 0"], []),
        ("news-07-pakistan-eleconomista-es-reuters", ["Reporting by"], []),
    ],
)
def test_clean_news_traps_removed(name, gone, kept):
    report = _clean(SHARED / "news" / f"{name}.txt")
    for needle in gone:
        assert needle not in report.clean_text
    for needle in kept:
        assert needle in report.clean_text
    _maps_back(report)


@needs_shared
def test_clean_headline_repeated_as_caption_appears_once():
    report = _clean(SHARED / "news" / "news-21-ukraine-free-press-journal-ians.txt")
    assert report.clean_text.count("Russian shelling in Ukraine's Kharkiv kills 6") == 1
    assert report.clean_text.startswith("Russian shelling in Ukraine's Kharkiv kills 6")
