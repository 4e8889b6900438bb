"""The text of a parsed Doc, read once.

spaCy's ``Doc.text`` joins every token's text on each access; rules that slice it per number or
per place mention made that join the largest cost of extraction on long reports. ``doc_text``
keeps the string in the Doc's ``user_data`` after the first call.
"""
from __future__ import annotations

_KEY = "tallied.text"


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
