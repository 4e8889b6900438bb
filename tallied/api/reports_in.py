"""Posted reports (JSON bodies) as the pipeline's Reports or Skips, read exactly like files:
HTML is recognised and reduced to its article text, metadata the client gave wins."""
from __future__ import annotations

from dataclasses import replace

from ..ingest.readers import Defaults, read_text, too_large
from ..models import Report, Skip
from ..settings import SETTINGS
from .bodies import ReportIn


def to_report(item: ReportIn, index: int) -> Report | Skip:
    source = f"request:{item.id or index + 1}"
    data = item.text.encode("utf-8")
    skip = too_large(source, len(data), SETTINGS)
    if skip:
        return skip
    got = read_text(source, data, Defaults(published=item.published, outlet=item.outlet, url=item.url))
    if isinstance(got, Skip):
        return replace(got, external_id=item.id)
    return replace(got, title=item.title or got.title, external_id=item.id)
