"""Quotes and claims as spans on the Doc.

``doc.spans["newslens_quotes"]`` and ``doc.spans["newslens_claims"]`` hold one span per item, in
text order, over the item's tokens (labelled with the quote's ``type``, or ``CLAIM``). Each span
carries its item — the record's fields, with exact character offsets — as ``span._.newslens_quote``
or ``span._.newslens_claim``; ``doc._.newslens_quotes`` and ``doc._.newslens_claims`` read the items
back (``None`` before the component ran). The record is built from them (:func:`pipeline.record.build_record`).
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span

QUOTES_KEY = "newslens_quotes"
CLAIMS_KEY = "newslens_claims"
# The Span extension holding each group's items.
ITEM_ATTRS = {QUOTES_KEY: "newslens_quote", CLAIMS_KEY: "newslens_claim"}


def set_items(doc: Doc, key: str, items: list[dict], label: Callable[[dict], str]) -> None:
    """Put ``items`` on ``doc`` as the span group ``key``, each span carrying its item.

    Span extension values are keyed by the span's offsets, label and id: the item's number as the
    span's id keeps two items over the same tokens apart.
    """
    attr = ITEM_ATTRS[key]
    group = []
    for number, item in enumerate(items, start=1):
        span = doc.char_span(item["start"], item["end"], label=label(item), alignment_mode="expand", span_id=number)
        span._.set(attr, item)
        group.append(span)
    doc.spans[key] = group


def items_of(doc: Doc, key: str) -> list[dict] | None:
    """The items of the span group ``key``, in order, or None when no component set it."""
    if key not in doc.spans:
        return None
    attr = ITEM_ATTRS[key]
    return [span._.get(attr) for span in doc.spans[key]]


def register_extensions() -> None:
    """The Doc and Span extensions of the newslens components."""
    if not Doc.has_extension("newslens_entities"):
        Doc.set_extension("newslens_entities", default=None)
    for key, attr in ITEM_ATTRS.items():
        Doc.set_extension(key, getter=lambda doc, key=key: items_of(doc, key), force=True)
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)
