"""The ``newslens_entities`` component: the model's named entities as record items.

Each item is ``{"id", "text", "label", "start", "end", "canonical", "cluster", "normalized"}``
with character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span


def entity_item(index: int, span: Span) -> dict:
    """One entity in the record's shape; ``index`` numbers it within its article."""
    return {
        "id": f"e{index}",
        "text": span.text,
        "label": span.label_,
        "start": span.start_char,
        "end": span.end_char,
        "canonical": None,
        "cluster": None,
        "normalized": None,
    }


class EntitiesComponent:
    """Writes ``doc._.newslens_entities`` from ``doc.ents``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.newslens_entities = [entity_item(i, span) for i, span in enumerate(doc.ents, start=1)]
        return doc


@Language.factory("newslens_entities")
def make_entities(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent(nlp, name)
