"""Issue #12, item 1: property-based fuzzing of the extractor and of ingest. Whatever comes in:
no crash (no internal_error skip, no exception), no hang (each example under the deadline), and
the evidence invariant report.clean_text[e.start:e.end] == e.text for every evidence."""
from __future__ import annotations

import io
import json
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tallied import ingest
from tallied.models import Report, Skip
from tallied.pipeline import extract_text, process

from .invariants import check_result

FAST = settings(max_examples=30, deadline=15_000, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

NUMBERS = ["10^100", "-5", "1e9", "1e308", "١٢٣", "٣٠", "۴۵", "১২", "1,2,3,4", "0", "00007", "1.5",
           "½", "12-15", "3/4", "XIV", "999999999999999999999999999999", "1,000,000,000,000",
           "twenty-five thousand", "a million", "1 000", "NaN", "inf", "0x1F", "+40", "−7", "٬",
           "1.000.000", "5 to 3", "hundreds of thousands", "dozens", "-0", "2²", "①", "10⁹"]
TEMPLATES = ["{n} killed", "{n} people were killed in Kabul on Monday, police said.",
             "At least {n} soldiers died and {m} were wounded in clashes near Gao.",
             "The toll rose to {n}, up from {m}, according to the health ministry.",
             "Between {n} and {m} civilians were abducted by gunmen in Zamfara state.",
             "{n}{m} killed {n}", "Killed: {n}. Injured: {m}. Missing: {n}{m}.",
             "An air strike on {n} March killed {m} fighters, the SDF said on {n}."]

number = st.one_of(st.sampled_from(NUMBERS), st.from_regex(r"-?[0-9٠-٩]{1,40}([.,][0-9]{1,5}){0,4}", fullmatch=True))
sentence = st.builds(lambda t, n, m: t.format(n=n, m=m), st.sampled_from(TEMPLATES), number, number)


@FAST
@given(st.text(max_size=400))
def test_extract_survives_random_unicode(text):
    check_result(extract_text(text))


@FAST
@given(st.lists(st.one_of(sentence, st.text(max_size=40)), min_size=1, max_size=6))
def test_extract_survives_numbers_of_every_shape(parts):
    result = extract_text(" ".join(parts))
    check_result(result)
    for fig in result.figures:
        for v in (fig.low, fig.best, fig.high):
            assert v is None or (isinstance(v, int) and v >= 0), fig


@FAST
@given(st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2003\u3000\u2028\u2029\u200b\ufeff", max_size=200))
def test_whitespace_only_text_has_no_events(text):
    result = extract_text(text)
    check_result(result)
    assert result.events == [] and result.figures == []


# --- ingest: bytes of any shape through the real entry point ---------------------------------

def _html():
    tag = st.sampled_from(["p", "div", "b", "i", "table", "tr", "td", "script", "style", "a", "span",
                           "article", "h1", "li", "ul", "br", "iframe", "svg", "noscript", "title"])
    attr = st.sampled_from(['', ' class="x"', ' onload="alert(1)"', ' href="javascript:alert(1)"',
                            ' style="x' + 'y' * 300, " data-x='<p>'", ' src=data:text/html,<b>'])
    leaf = st.one_of(sentence, st.text(max_size=30), st.sampled_from(["&amp;", "&#0;", "&#x110000;",
                                                                      "<!--", "-->", "<![CDATA[", "]]>",
                                                                      "&nbsp;", "<", ">", "</p>"]))
    return st.recursive(leaf, lambda kids: st.builds(
        lambda t, a, body, close: f"<{t}{a}>{''.join(body)}" + (f"</{t}>" if close else ""),
        tag, attr, st.lists(kids, max_size=4), st.booleans()), max_leaves=25)


def _run_all(items):
    out = list(process(items))
    for result in out:
        check_result(result)
    return out


@FAST
@given(_html(), st.booleans())
def test_ingest_and_extract_survive_nested_and_broken_html(markup, doctype):
    page = ("<!DOCTYPE html><html><body>" if doctype else "") + markup
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page, encoding="utf-8", errors="surrogatepass")
        items = list(ingest.run([str(path)]))
    assert len(items) == 1 and isinstance(items[0], (Report, Skip))
    _run_all(items)


@FAST
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".jsonl"]))
def test_ingest_survives_arbitrary_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"x{suffix}"
        path.write_bytes(data)
        items = list(ingest.run([str(path)]))
    for item in items:
        assert isinstance(item, (Report, Skip))
        if isinstance(item, Report):
            assert "\r" not in item.raw_text
        else:
            assert item.reason in ("empty", "binary", "encoding", "malformed_json", "missing_text",
                                   "bad_published", "language", "too_large"), item


json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
                          lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                 st.dictionaries(st.text(max_size=8), kids, max_size=3)),
                          max_leaves=8)
record = st.fixed_dictionaries({}, optional={"id": json_value, "text": st.one_of(sentence, json_value),
                                             "published": st.one_of(json_value, st.dates().map(str)),
                                             "outlet": json_value, "url": json_value, "title": json_value})


@FAST
@given(st.lists(st.one_of(record.map(json.dumps), st.text(max_size=50)), min_size=1, max_size=8))
def test_stdin_feed_lines_are_judged_one_by_one(lines):
    feed = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    items = list(ingest.run(["-"], stdin=io.TextIOWrapper(io.BytesIO(feed.encode("utf-8", "surrogatepass")),
                                                          encoding="utf-8", errors="surrogateescape")))
    assert all(isinstance(i, (Report, Skip)) for i in items)
    _run_all(items)


def test_one_50000_word_sentence_ends_within_budget():
    from tallied.settings import Settings

    words = ("the soldiers killed villagers and 12 fighters near Kabul after clashes with police "
             "on Monday").split()
    text = " ".join(words[i % len(words)] for i in range(50_000)) + "."
    started = time.monotonic()
    (result,) = process([Report(source="long", raw_text=text)], Settings(report_seconds=5))
    elapsed = time.monotonic() - started
    check_result(result)
    # NLP (bounded by settings.max_nlp_chars) is outside the budget; extract..assemble inside it
    assert elapsed < 120, elapsed
    if result.skipped is not None:
        assert result.skipped.reason == "timeout"
        assert result.skipped.message == ("long: coding took too long (over the time budget of 5 s, "
                                          "settings.report_seconds); skipped")
