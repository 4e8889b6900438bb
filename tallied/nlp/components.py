"""spaCy components of tallied, registered once under versioned names.

``tallied_line_breaks_v1`` starts a sentence after every line break: scraped reports put
headlines, datelines and photo captions on lines of their own without a full stop, and the
parser would otherwise glue a caption onto the next sentence.

``tallied_attribute_ruler_v1`` (attributes.py) is the model's attribute ruler without its
Matcher pass.
"""
from __future__ import annotations

from spacy.language import Language

from .attributes import FAST_ATTRIBUTES

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
    if FAST_ATTRIBUTES not in nlp.pipe_names and "attribute_ruler" in nlp.pipe_names:
        # beside the model's own ruler, with the same rules: tallied.nlp.pipe runs one of the
        # two (Settings.fast_nlp); a direct nlp(text) runs both, to the same annotations
        fast = nlp.add_pipe(FAST_ATTRIBUTES, after="attribute_ruler")
        fast.from_ruler(nlp.get_pipe("attribute_ruler"))
