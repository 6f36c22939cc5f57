"""The scorers of the newslens components, registered with spaCy so ``nlp.evaluate(examples)`` uses them.

Each scores spans with spaCy's :meth:`spacy.scorer.Scorer.score_spans` (precision, recall, F1 and
per label), on the Doc attribute its component assigns:

- ``newslens.entities_scorer.v1`` → ``newslens_ents_p``/``_r``/``_f``/``_per_type``: the entity
  items (or ``doc.ents`` where there are none, as in gold Docs) after dropping a leading "the " and
  a trailing possessive; only the labels the gold Docs annotate count;
- ``newslens.quotes_scorer.v1`` → ``newslens_quotes_p``/``_r``/``_f``: the spans of
  ``doc.spans["newslens_quotes"]``, unlabelled (gold Docs without that group are skipped);
- ``newslens.claims_scorer.v1`` → ``newslens_claims_p``/``_r``/``_f``: likewise for ``"newslens_claims"``.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from pipeline.extract.spans import CLAIMS_KEY, QUOTES_KEY, doc_text

LEADING_ARTICLES = ("the ", "The ")
TRAILING_POSSESSIVES = ("'s", "’s", "'", "’")
ENTITIES_ATTR = "newslens_ents"


def normalized_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading "the " or a trailing possessive."""
    piece = text[start:end]
    for article in LEADING_ARTICLES:
        if piece.startswith(article) and len(piece) > len(article):
            start += len(article)
            break
    piece = text[start:end]
    for possessive in TRAILING_POSSESSIVES:
        if piece.endswith(possessive) and len(piece) > len(possessive):
            end -= len(possessive)
            break
    return start, end


def entity_offsets(doc: Doc) -> list[tuple[int, int, str]]:
    """Normalized ``(start, end, label)`` of the entities of ``doc``: its entity items, else ``doc.ents``."""
    items = doc._.newslens_entities
    triples = ([(e["start"], e["end"], e["label"]) for e in items] if items is not None
               else [(e.start_char, e.end_char, e.label_) for e in doc.ents])
    text = doc_text(doc)
    return [(*normalized_span(text, start, end), label) for start, end, label in triples]


def entity_spans(doc: Doc, labels: set[str] | None = None) -> list[Span]:
    """The normalized entities of ``doc`` as spans (widened to tokens), those with a label in ``labels``."""
    spans = []
    for start, end, label in entity_offsets(doc):
        if labels is None or label in labels:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans


def score_entities(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """Entity scores (see the module), on the labels the reference Docs annotate."""
    examples = list(examples)
    labels = {label for eg in examples for *_, label in entity_offsets(eg.reference)}
    return Scorer.score_spans(examples, ENTITIES_ATTR, getter=lambda doc, attr: entity_spans(doc, labels), allow_overlap=True)


def span_group_scorer(key: str) -> Callable[..., dict[str, Any]]:
    """A scorer of the unlabelled spans of the group ``key`` (references without that group are skipped)."""

    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        return Scorer.score_spans(examples, key, getter=lambda doc, attr: list(doc.spans.get(attr, [])),
                                  has_annotation=lambda doc: key in doc.spans, labeled=False, allow_overlap=True)

    return score


@registry.scorers("newslens.entities_scorer.v1")
def make_entities_scorer() -> Callable[..., dict[str, Any]]:
    return score_entities


@registry.scorers("newslens.quotes_scorer.v1")
def make_quotes_scorer() -> Callable[..., dict[str, Any]]:
    return span_group_scorer(QUOTES_KEY)


@registry.scorers("newslens.claims_scorer.v1")
def make_claims_scorer() -> Callable[..., dict[str, Any]]:
    return span_group_scorer(CLAIMS_KEY)
