"""Evidence spans cut a report's text into segments; nothing is lost, overlaps are kept."""
from tallied.web.highlight import Mark, segments


def test_web_highlight_segments_cover_the_text_and_carry_overlapping_marks():
    text = "SDF said 175 IS members were killed on Thursday."
    count = Mark(9, 35, "fatalities", "fatalities")
    number = Mark(9, 12, "figure", "fig-1")
    day = Mark(39, 47, "event_date", "event_date")
    segs = segments(text, [count, number, day])
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert set(by_text["175"].marks) == {count, number}
    assert by_text["175"].groups == "f-fatalities f-figure"
    assert by_text["175"].refs == "fatalities fig-1"
    assert by_text[" IS members were killed"].marks == (count,)
    assert by_text["Thursday"].groups == "f-date"
    assert by_text["SDF said "].marks == ()


def test_web_highlight_ignores_stale_or_empty_offsets():
    text = "short text"
    segs = segments(text, [Mark(5, 50, "figure", "x"), Mark(3, 3, "figure", "y"), Mark(-1, 2, "figure", "z")])
    assert [s.text for s in segs] == [text] and segs[0].marks == ()


def test_web_safe_url_links_only_http():
    from tallied.web.views import safe_url

    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "", None):
        assert safe_url(bad) is None
