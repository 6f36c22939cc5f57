"""Selective parsing: dependency syntax for the few sentences that can hold a quote.

The main pass runs without the parser (most of spaCy's cost). The quote stage picks candidate
sentences cheaply, copies each into a small Doc (``Span.as_doc``) and runs the model's own
disabled ``tok2vec``, ``tagger`` and ``parser`` over all of them in one batch. One Doc per
sentence keeps the parser from attaching words across sentence (and paragraph) boundaries. Results keep their token and character offsets into the article, so callers can map back.
When the incoming Doc already carries a parse (a user's full pipeline), it is used as is.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

# The model's components that produce tags and the dependency parse, in pipeline order.
# ``tagger`` and ``parser`` listen to the shared ``tok2vec``, which must run first.
SYNTAX_PIPES = ("tok2vec", "tagger", "parser")


@dataclass(frozen=True)
class ParsedSpan:
    """A parsed stretch of an article: ``doc`` plus where its first token and character sit in the article."""

    doc: Doc
    token_offset: int
    char_offset: int


def syntax_pipes(nlp: Language) -> list:
    """The (possibly disabled) syntax components of ``nlp``; empty when the model has no parser."""
    names = set(nlp.component_names)
    if "parser" not in names:
        return []
    return [nlp.get_pipe(name) for name in SYNTAX_PIPES if name in names]


def parse_spans(spans: list[Span], pipes: list) -> list[ParsedSpan]:
    """Parse ``spans`` (of one or several Docs) as separate small Docs, in one batch per component."""
    if not spans or not pipes:
        return []
    # ``as_doc`` turns the whole Doc into an array unless it is given one: once per Doc, not per span
    # (per span it is quadratic in the sentences of a long article).
    arrays: dict[int, tuple] = {}
    for span in spans:
        if id(span.doc) not in arrays:
            head = span.doc._get_array_attrs()
            arrays[id(span.doc)] = (head, span.doc.to_array(head))
    subdocs = [span.as_doc(array_head=arrays[id(span.doc)][0], array=arrays[id(span.doc)][1]) for span in spans]
    for pipe in pipes:
        subdocs = list(pipe.pipe(subdocs))
    return [ParsedSpan(sub, span.start, span.start_char) for sub, span in zip(subdocs, spans)]
