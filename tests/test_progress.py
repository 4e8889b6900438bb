"""Progress lines on stderr: plain lines when not a terminal (issue #8)."""
import io

from tallied.progress import Progress


def test_progress_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    bar = Progress("ingest", every=2, stream=out)
    for _ in range(5):
        bar.update(incidents=1)
    bar.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].startswith("tallied: ingest: 2 reports (") and "incidents 1" in lines[0]
    assert "\r" not in out.getvalue()


def test_progress_disabled_prints_nothing():
    out = io.StringIO()
    bar = Progress("ingest", every=1, stream=out, enabled=False)
    bar.update(3)
    assert out.getvalue() == "" and bar.count == 3
