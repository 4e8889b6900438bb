"""spaCy components of tallied, registered once under versioned names.

``tallied_line_breaks_v1`` starts a sentence after every line break: scraped reports put
headlines, datelines and photo captions on lines of their own without a full stop, and the
parser would otherwise glue a caption onto the next sentence.

``tallied_attribute_ruler_v1`` (attributes.py) is the model's attribute ruler without its
Matcher pass.
"""
from __future__ import annotations

from spacy.language import Language

from ..clean.stamps import MONTHS
from .attributes import FAST_ATTRIBUTES

LINE_BREAKS = "tallied_line_breaks_v1"


@Language.component(LINE_BREAKS)
def line_breaks(doc):
    for tok in doc[:-1]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    stamp = _date_stamp_end(doc)
    if stamp:
        doc[stamp].is_sent_start = True
    return doc


def _date_stamp_end(doc) -> int:
    """"10/01/2011: On Saturday, ...", "12 May 2020: ...": a date stamp before a colon at the
    start of a report is a header, not the subject of the first sentence. The index of the
    token after the colon, or 0."""
    for tok in doc[:6]:
        if tok.text == ":":
            before = doc[:tok.i]
            if tok.i + 1 < len(doc) and len(before) and any(ch.isdigit() for t in before for ch in t.text) and all(
                    t.like_num or any(ch.isdigit() for ch in t.text) or t.lower_.strip(".") in MONTHS
                    or t.text in (",", "-", "/", ".") for t in before):
                return tok.i + 1
            return 0
    return 0


def add_components(nlp) -> None:
    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    if FAST_ATTRIBUTES not in nlp.pipe_names and "attribute_ruler" in nlp.pipe_names:
        # beside the model's own ruler, with the same rules: tallied.nlp.pipe runs one of the
        # two (Settings.fast_nlp); a direct nlp(text) runs both, to the same annotations
        fast = nlp.add_pipe(FAST_ATTRIBUTES, after="attribute_ruler")
        fast.from_ruler(nlp.get_pipe("attribute_ruler"))
