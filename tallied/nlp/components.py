"""spaCy components of tallied, registered once under versioned names.

``tallied_line_breaks_v1`` starts a sentence after every line break: scraped reports put
headlines, datelines and photo captions on lines of their own without a full stop, and the
parser would otherwise glue a caption onto the next sentence.
"""
from __future__ import annotations

from spacy.language import Language

LINE_BREAKS = "tallied_line_breaks_v1"


@Language.component(LINE_BREAKS)
def line_breaks(doc):
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


def add_components(nlp) -> None:
    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
