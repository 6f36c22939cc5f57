"""The fast check-worthiness model: TF-IDF logistic regression, scored with numpy.

A logistic regression over two TF-IDF blocks of a sentence — word uni- and bigrams, and
character 2–5-grams inside word boundaries — with every digit mapped to ``0`` so that "$80
million" and "$15 million" share their features. Scoring needs numpy only; scikit-learn fits it
(:mod:`pipeline.claims.training`).

A directory holds ``sparse.npz`` — ``word_terms``/``char_terms`` (the vocabularies, unicode
arrays), ``word_idf``, ``char_idf``, ``word_coef``, ``char_coef``, ``intercept``, read with
``allow_pickle=False`` because a model file is input like any other — and ``card.json``. The
encoder model carries one as its first stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

from pipeline.claims.registry import register

SPARSE_FORMAT = "newslens-claims-sparse/1"
ARRAYS_FILE = "sparse.npz"

WORD_PATTERN = re.compile(r"\b\w\w+\b")
DIGIT_PATTERN = re.compile(r"\d")
CHAR_NGRAM_SIZES = (2, 3, 4, 5)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def normalized(text: str) -> str:
    """Lower-case the text and map every digit to 0, so figures share features."""
    return DIGIT_PATTERN.sub("0", text.lower())


def word_terms(text: str) -> list[str]:
    """Word unigrams and bigrams of a sentence."""
    words = WORD_PATTERN.findall(normalized(text))
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def char_terms(text: str) -> list[str]:
    """Character 2–5-grams inside word boundaries (each word padded with one space on each side)."""
    return [gram for word in normalized(text).split() for gram in word_ngrams(word)]


def word_ngrams(word: str) -> tuple[str, ...]:
    """The character n-grams of one padded word."""
    padded = f" {word} "
    return tuple(padded[i : i + size] for size in CHAR_NGRAM_SIZES if size <= len(padded) for i in range(len(padded) - size + 1))


ANALYZERS = {"word": word_terms, "char": char_terms}
# Words whose known character n-grams a block remembers: news repeats its words, and a bound keeps
# the cache's memory flat over a dump's ever-growing vocabulary (65,536 words grew to ~144 MB).
WORD_CACHE_SIZE = 2**14


class TfidfBlock:
    """One TF-IDF feature block: its vocabulary, each term's inverse document frequency, and idf × coefficient."""

    def __init__(self, name: str, terms: list[str], idf: np.ndarray, weight: np.ndarray) -> None:
        self.name = name
        self.index = {term: i for i, term in enumerate(terms)}
        self.idf = idf
        self.weight = weight
        self.known_word_ngrams = lru_cache(maxsize=WORD_CACHE_SIZE)(self._known_word_ngrams)

    @classmethod
    def from_arrays(cls, name: str, terms: np.ndarray, idf: np.ndarray, coef: np.ndarray) -> "TfidfBlock":
        """A block from its saved arrays."""
        idf64 = idf.astype(np.float64)
        return cls(name, terms.tolist(), idf64, idf64 * coef.astype(np.float64))

    def _known_word_ngrams(self, word: str) -> tuple[int, ...]:
        index = self.index
        return tuple(index[gram] for gram in word_ngrams(word) if gram in index)

    def term_ids(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Vocabulary ids of the sentences' terms, repeated as often as they occur (unknown terms
        dropped), all sentences' in one array, and how many each sentence has.

        The same terms as the block's analyzer in ``ANALYZERS`` (what training saw); the character
        block goes word by word so that each word's known n-grams are looked up once, and its ids
        (≈ 370 a news sentence) go into the array without a list per sentence."""
        if self.name == "char":
            # Each sentence as its words' cached id tuples, flattened once for all sentences.
            rows = [[self.known_word_ngrams(word) for word in normalized(text).split()] for text in texts]
            lengths = np.fromiter((sum(map(len, row)) for row in rows), dtype=np.int64, count=len(rows))
            ids = chain.from_iterable(chain.from_iterable(rows))
        else:
            index = self.index
            rows = [[index[term] for term in word_terms(text) if term in index] for text in texts]
            lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
            ids = chain.from_iterable(rows)
        return np.fromiter(ids, dtype=np.int64, count=int(lengths.sum())), lengths

    def contributions(self, texts: list[str]) -> np.ndarray:
        """The block's part of the decision value of each sentence (sublinear tf, l2-normed), all at once."""
        flat, lengths = self.term_ids(texts)
        # One key per (sentence, term): counting the keys gives each sentence's term frequencies.
        size = len(self.idf)
        keys, counts = np.unique(np.repeat(np.arange(len(texts)), lengths) * size + flat, return_counts=True)
        rows, terms = keys // size, keys % size
        tf = 1.0 + np.log(counts)
        squares = np.bincount(rows, weights=(tf * self.idf[terms]) ** 2, minlength=len(texts))
        dots = np.bincount(rows, weights=tf * self.weight[terms], minlength=len(texts))
        return np.divide(dots, np.sqrt(squares), out=np.zeros(len(texts)), where=squares > 0)


@dataclass
class SparseModel:
    """A loaded check-worthiness model: scores sentences, knows its threshold and its card."""

    blocks: list[TfidfBlock]
    intercept: float
    threshold: float
    card: dict

    def logits(self, texts: list[str]) -> np.ndarray:
        """The log-odds that each sentence is check-worthy (what ``scores`` turns into probabilities)."""
        if not texts:
            return np.zeros(0)
        return self.intercept + sum(block.contributions(texts) for block in self.blocks)

    def scores(self, texts: list[str], headlines: np.ndarray | None = None, articles: np.ndarray | None = None) -> np.ndarray:
        """The probability that each sentence is check-worthy (``headlines`` and ``articles`` make no difference here)."""
        return sigmoid(self.logits(texts))

    def score(self, text: str) -> float:
        """The probability that one sentence is check-worthy."""
        return float(self.scores([text])[0])


def model_from_arrays(arrays: dict[str, np.ndarray], threshold: float, card: dict) -> SparseModel:
    """A scoring model straight from training arrays (what loading the saved files gives)."""
    blocks = [TfidfBlock.from_arrays(name, arrays[f"{name}_terms"], arrays[f"{name}_idf"], arrays[f"{name}_coef"]) for name in ANALYZERS]
    return SparseModel(blocks=blocks, intercept=float(arrays["intercept"]), threshold=threshold, card=card)


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of a ``sparse.npz`` file (no pickled objects are accepted)."""
    with np.load(path, allow_pickle=False) as saved:
        return {name: saved[name] for name in saved.files}


@register(SPARSE_FORMAT)
def load(model_dir: Path, card: dict) -> SparseModel:
    """The sparse model of a directory."""
    return model_from_arrays(load_arrays(model_dir / ARRAYS_FILE), threshold=float(card["threshold"]), card=card)
