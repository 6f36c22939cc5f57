"""Quotes and claims as spans on the Doc.

``doc.spans["newslens_quotes"]`` and ``doc.spans["newslens_claims"]`` hold one span per item, in
text order, over the item's tokens (labelled with the quote's ``type``, or ``CLAIM``). Each span's
item — the record's fields, with exact character offsets — is ``span._.newslens_quote`` or
``span._.newslens_claim``; ``doc._.newslens_quotes`` and ``doc._.newslens_claims`` are the lists of
items (``None`` before the component ran). The record is built from them
(:func:`pipeline.record.build_record`).
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span

QUOTES_KEY = "newslens_quotes"
CLAIMS_KEY = "newslens_claims"
# ``doc.user_data`` key of the Doc's text, read once (:func:`doc_text`).
TEXT_KEY = "newslens_text"
# The Span extension giving each group's item.
ITEM_ATTRS = {QUOTES_KEY: "newslens_quote", CLAIMS_KEY: "newslens_claim"}


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text anew on each access (≈ 0.4 ms a
    news article), and every stage and the record read it. A Doc's text never changes (retokenizing
    keeps it), so the copy in ``doc.user_data`` stays right; ``Doc.from_docs`` does not carry it over."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def set_items(doc: Doc, key: str, items: list[dict], label: Callable[[dict], str]) -> None:
    """Put ``items`` on ``doc``: the list as ``doc._.<key>``, and the span group ``key``, whose n-th
    span has the id n (1-based)."""
    doc._.set(key, items)
    doc.spans[key] = [
        doc.char_span(item["start"], item["end"], label=label(item), alignment_mode="expand", span_id=number)
        for number, item in enumerate(items, start=1)
    ]


def item_of(span: Span, key: str) -> dict | None:
    """The item of a span of the group ``key``, or None for any other span.

    The item is found by the span's id, not stored on the span: spaCy keys a Span's extension
    values by its character offsets alone, and two quotes can cover the same characters.
    """
    items = span.doc._.get(key)
    group = span.doc.spans.get(key)
    index = span.id - 1
    if items is None or group is None or not 0 <= index < len(group) or group[index] != span:
        return None
    return items[index]


def register_extensions() -> None:
    """The Doc and Span extensions of the newslens components."""
    for name in ("newslens_entities", *ITEM_ATTRS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for key, attr in ITEM_ATTRS.items():
        Span.set_extension(attr, getter=lambda span, key=key: item_of(span, key), force=True)
