"""doc_text: the Doc's text, read once."""
from __future__ import annotations

from tallied.nlp.text import doc_text


def test_doc_text_equals_doc_text_and_is_kept(nlp):
    doc = nlp.make_doc("Two soldiers were killed in Gao.\nPolice said so.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
