"""Selective parsing: dependency syntax for the few sentences that can hold a quote.

The main pass runs without the parser (most of spaCy's cost). The quote stage picks candidate
sentences cheaply, copies each into a small Doc (as ``Span.as_doc`` does) and runs the model's own
disabled ``tok2vec``, ``tagger`` and ``parser`` over all of them, in batches of at most
``MAX_PARSE_TOKENS`` tokens. One Doc per sentence keeps the parser from attaching words across
sentence (and paragraph) boundaries. Results keep their token and character offsets into the
article, so callers can map back. When the incoming Doc already carries a parse (a user's full
pipeline), it is used as is.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.attrs import ENT_IOB
from spacy.language import Language
from spacy.tokens import Doc, Span

# The model's components that produce tags and the dependency parse, in pipeline order.
# ``tagger`` and ``parser`` listen to the shared ``tok2vec``, which must run first.
SYNTAX_PIPES = ("tok2vec", "tagger", "parser")
# The most tokens parsed at once. The components' memory grows with the tokens of a batch (about
# 15–20 KB a token here), and an article without sentence ends can send 200,000 tokens of candidate
# pieces at once (``said`` × 200,000: 660 MB above the loaded model in 128-Doc batches).
MAX_PARSE_TOKENS = 4_000


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


def span_doc(span: Span, head: list, array, entity_bounds: list[tuple[int, int]]) -> Doc:
    """``span.as_doc(array_head=head, array=array)`` for what parsing needs (words, annotations,
    entities), with the entities of the span taken from ``entity_bounds`` (the article's, sorted)
    instead of a scan of every entity of the article."""
    doc = Doc(span.doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
    piece = array[span.start : span.end]
    span._fix_dep_copy(head, piece)
    if len(piece) and ENT_IOB in head and piece[0][head.index(ENT_IOB)] == 1:  # an entity begun before the span
        piece[0][head.index(ENT_IOB)] = 3
    doc.from_array(head, piece)
    first = bisect_left(entity_bounds, (span.start, span.start))
    inside = {bounds for bounds in entity_bounds[first : bisect_right(entity_bounds, (span.end, span.end))] if bounds[1] <= span.end}
    sub_ents = doc.ents
    partial = [ent for ent in (sub_ents[:1] + sub_ents[-1:]) if (ent.start + span.start, ent.end + span.start) not in inside]
    for ent in partial:  # an entity cut by the span's start or end is no entity of the copy (as in ``as_doc``)
        doc.set_ents([], missing=[ent], default="unmodified")
    return doc


def parse_spans(spans: list[Span], pipes: list) -> list[ParsedSpan]:
    """Parse ``spans`` (of one or several Docs) as separate small Docs, in one batch per component."""
    if not spans or not pipes:
        return []
    # The article's array and entity bounds are computed once per Doc, not per span: per span (as
    # ``Span.as_doc`` does) both are quadratic in the length of a long article.
    articles: dict[int, tuple] = {}
    for span in spans:
        if id(span.doc) not in articles:
            head = span.doc._get_array_attrs()
            articles[id(span.doc)] = (head, span.doc.to_array(head), [(e.start, e.end) for e in span.doc.ents])
    subdocs = [span_doc(span, *articles[id(span.doc)]) for span in spans]
    parsed = []
    for group in token_groups(subdocs, MAX_PARSE_TOKENS):
        for pipe in pipes:
            group = list(pipe.pipe(group, batch_size=len(group)))
        parsed.extend(group)
    return [ParsedSpan(sub, span.start, span.start_char) for sub, span in zip(parsed, spans)]


def token_groups(docs: list[Doc], max_tokens: int) -> list[list[Doc]]:
    """``docs`` in consecutive groups of at most ``max_tokens`` tokens (a longer Doc alone)."""
    groups: list[list[Doc]] = []
    tokens = 0
    for doc in docs:
        if groups and tokens + len(doc) <= max_tokens:
            groups[-1].append(doc)
            tokens += len(doc)
        else:
            groups.append([doc])
            tokens = len(doc)
    return groups
