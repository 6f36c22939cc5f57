"""The check-worthiness model: training, the artifact on disk, loading, and scoring.

The model is a logistic regression over two TF-IDF blocks of a sentence — word uni- and bigrams,
and character 2–5-grams inside word boundaries — with every digit mapped to ``0`` so that "$80
million" and "$15 million" share their features. Scoring needs numpy only; scikit-learn is used
for training (the ``train`` extra).

The artifact is a directory:

- ``sparse.npz`` — ``word_terms``/``char_terms`` (the vocabularies, unicode arrays), ``word_idf``,
  ``char_idf``, ``word_coef``, ``char_coef``, ``intercept`` — read with ``allow_pickle=False``,
  because a model file is input like any other;
- ``card.json`` — the model card: version, date, data, method, threshold and metrics
  (``model-card.md`` renders it for people).

A sentence's score is the model's probability that it is check-worthy; claims are the sentences
whose score is at least the card's ``threshold``.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path

import numpy as np

from pipeline import claims_encoder

MODEL_FORMAT = "newslens-claims-sparse/1"
DEFAULT_MODEL_NAME = "claims"


def default_model_dir(name: str = DEFAULT_MODEL_NAME) -> Path:
    """The shipped model directory ``name``: package data of an installed wheel
    (``pipeline/models/NAME``, mapped from ``models/NAME`` at build time, see pyproject.toml), or
    ``models/NAME`` of the checkout the package is imported from (an editable install, the tests)."""
    package = Path(str(resources.files("pipeline")))
    packaged = package / "models" / name
    return packaged if packaged.is_dir() else package.parent / "models" / name


DEFAULT_MODEL_DIR = default_model_dir()
MODEL_ENV_VAR = "NEWSLENS_CLAIMS_MODEL"
ARRAYS_FILE = "sparse.npz"
CARD_FILE = "card.json"
CARD_MARKDOWN_FILE = "model-card.md"

WORD_PATTERN = re.compile(r"\b\w\w+\b")
DIGIT_PATTERN = re.compile(r"\d")
CHAR_NGRAM_SIZES = (2, 3, 4, 5)
# Training settings, chosen by measurement on ct24 devtest (docs/claims.md).
WORD_MIN_DF = 2
CHAR_MIN_DF = 3
REGULARIZATION_C = 1.0
CV_FOLDS = 5


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

    def term_ids(self, text: str) -> list[int]:
        """Vocabulary ids of a sentence's terms, repeated as often as they occur (unknown terms dropped).

        The same terms as the block's analyzer in ``ANALYZERS`` (what training saw); the character
        block goes word by word so that each word's known n-grams are looked up once."""
        if self.name == "char":
            return [i for word in normalized(text).split() for i in self.known_word_ngrams(word)]
        index = self.index
        return [index[term] for term in word_terms(text) if term in index]

    def contributions(self, texts: list[str]) -> np.ndarray:
        """The block's part of the decision value of each sentence (sublinear tf, l2-normed), all at once."""
        ids = [self.term_ids(text) for text in texts]
        lengths = np.fromiter((len(row) for row in ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(lengths.sum()))
        # One key per (sentence, term): counting the keys gives each sentence's term frequencies.
        size = len(self.idf)
        keys, counts = np.unique(np.repeat(np.arange(len(texts)), lengths) * size + flat, return_counts=True)
        rows, terms = keys // size, keys % size
        tf = 1.0 + np.log(counts)
        squares = np.bincount(rows, weights=(tf * self.idf[terms]) ** 2, minlength=len(texts))
        dots = np.bincount(rows, weights=tf * self.weight[terms], minlength=len(texts))
        return np.divide(dots, np.sqrt(squares), out=np.zeros(len(texts)), where=squares > 0)


@dataclass
class ClaimsModel:
    """A loaded check-worthiness model: scores sentences, knows its threshold and its card."""

    blocks: list[TfidfBlock]
    intercept: float
    threshold: float
    card: dict

    def scores(self, texts: list[str]) -> np.ndarray:
        """The probability that each sentence is check-worthy."""
        if not texts:
            return np.zeros(0)
        decision = self.intercept + sum(block.contributions(texts) for block in self.blocks)
        return 1.0 / (1.0 + np.exp(-decision))

    def score(self, text: str) -> float:
        """The probability that one sentence is check-worthy."""
        return float(self.scores([text])[0])


# Either kind of model scores sentences the same way (``scores``) and carries ``threshold`` and ``card``.
Scorer = ClaimsModel | claims_encoder.EncoderModel


def resolve_model_dir(model_dir: str | Path | None = None) -> Path:
    """The model directory: the argument, else ``$NEWSLENS_CLAIMS_MODEL``, else the shipped model."""
    chosen = model_dir or os.environ.get(MODEL_ENV_VAR) or DEFAULT_MODEL_DIR
    return Path(chosen).expanduser().resolve()


def load_model(model_dir: str | Path | None = None) -> Scorer:
    """Load a model directory, sparse or encoder as its card says (once per process and directory)."""
    return _load(resolve_model_dir(model_dir))


def read_card(model_dir: Path) -> dict:
    """The card of a model directory, checked to name a format this version can load."""
    card_path = model_dir / CARD_FILE
    if not card_path.exists():
        raise FileNotFoundError(f"no claims model in {model_dir} (missing {CARD_FILE}): train one with `newslens train claims`")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    known = (MODEL_FORMAT, claims_encoder.ENCODER_FORMAT)
    if card.get("format") not in known:
        raise ValueError(f"{card_path}: unsupported claims model format {card.get('format')!r} (expected one of {known})")
    return card


@lru_cache(maxsize=4)
def _load(model_dir: Path) -> Scorer:
    card = read_card(model_dir)
    if card["format"] == claims_encoder.ENCODER_FORMAT:
        return claims_encoder.model_from_arrays(claims_encoder.load_arrays(model_dir), threshold=float(card["threshold"]), card=card)
    with np.load(model_dir / ARRAYS_FILE, allow_pickle=False) as saved:
        arrays = {name: saved[name] for name in saved.files}
    return model_from_arrays(arrays, threshold=float(card["threshold"]), card=card)


def read_labelled(path: Path) -> tuple[list[str], np.ndarray]:
    """Sentences and 0/1 labels of a ``{"text", "label"}`` JSONL file."""
    texts, labels = [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(int(row["label"]))
    return texts, np.array(labels, dtype=np.int64)


def binary_metrics(labels: np.ndarray, scores: np.ndarray, threshold: float) -> dict:
    """Precision, recall and F1 of the positive class at a threshold, and average precision."""
    predicted = scores >= threshold
    true_positives = int(np.sum(predicted & (labels == 1)))
    precision = true_positives / max(int(predicted.sum()), 1)
    recall = true_positives / max(int((labels == 1).sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "average_precision": round(average_precision(labels, scores), 4),
        "threshold": round(float(threshold), 4),
        "n": int(len(labels)),
        "positives": int((labels == 1).sum()),
    }


def average_precision(labels: np.ndarray, scores: np.ndarray) -> float:
    """Average precision (area under the step precision–recall curve), as scikit-learn computes it."""
    positives = int((labels == 1).sum())
    if positives == 0:
        return 0.0
    order = np.argsort(-scores, kind="mergesort")
    sorted_scores, sorted_labels = scores[order], labels[order]
    # One point per distinct score: ties are counted together.
    last_of_run = np.r_[np.nonzero(np.diff(sorted_scores))[0], len(sorted_scores) - 1]
    true_positives = np.cumsum(sorted_labels == 1)[last_of_run]
    precision = true_positives / (last_of_run + 1)
    recall = true_positives / positives
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def f1_curve(labels: np.ndarray, scores: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """F1 of the positive class at each threshold."""
    return np.array([binary_metrics(labels, scores, t)["f1"] for t in thresholds])


def pick_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The threshold at the centre of the best F1 plateau (F1 averaged over ±0.05), robust to a small set."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    f1 = f1_curve(labels, scores, grid)
    smoothed = np.convolve(f1, np.ones(11) / 11, mode="same")
    return float(grid[int(np.argmax(smoothed[5:-5])) + 5])


def fit(texts: list[str], labels: np.ndarray):
    """Fit the vectorizers and the logistic regression (scikit-learn); return them."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    min_df = {"word": WORD_MIN_DF, "char": CHAR_MIN_DF}
    vectorizers = {name: TfidfVectorizer(analyzer=analyzer, min_df=min_df[name], sublinear_tf=True) for name, analyzer in ANALYZERS.items()}
    features = hstack([v.fit_transform(texts) for v in vectorizers.values()]).tocsr()
    classifier = LogisticRegression(C=REGULARIZATION_C, class_weight="balanced", max_iter=3000)
    classifier.fit(features, labels)
    return vectorizers, classifier


def arrays_of(vectorizers: dict, classifier) -> dict[str, np.ndarray]:
    """The fitted model as plain numpy arrays (the ``sparse.npz`` contents)."""
    arrays: dict[str, np.ndarray] = {"intercept": np.array(classifier.intercept_[0], dtype=np.float64)}
    coef = classifier.coef_[0]
    offset = 0
    for name, vectorizer in vectorizers.items():
        terms = vectorizer.get_feature_names_out()
        width = len(terms)
        arrays[f"{name}_terms"] = np.array(terms.tolist(), dtype=str)
        arrays[f"{name}_idf"] = vectorizer.idf_.astype(np.float32)
        arrays[f"{name}_coef"] = coef[offset : offset + width].astype(np.float32)
        offset += width
    return arrays


def cross_validated_scores(texts: list[str], labels: np.ndarray, folds: int = CV_FOLDS) -> np.ndarray:
    """Out-of-fold probabilities of the training sentences."""
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros(len(texts))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=13)
    for fold_train, fold_test in splitter.split(np.zeros(len(labels)), labels):
        vectorizers, classifier = fit([texts[i] for i in fold_train], labels[fold_train])
        model = model_from_arrays(arrays_of(vectorizers, classifier), threshold=0.5, card={})
        out[fold_test] = model.scores([texts[i] for i in fold_test])
    return out


def model_from_arrays(arrays: dict[str, np.ndarray], threshold: float, card: dict) -> ClaimsModel:
    """A scoring model straight from training arrays (what loading the saved files gives)."""
    blocks = [TfidfBlock.from_arrays(name, arrays[f"{name}_terms"], arrays[f"{name}_idf"], arrays[f"{name}_coef"]) for name in ANALYZERS]
    return ClaimsModel(blocks=blocks, intercept=float(arrays["intercept"]), threshold=threshold, card=card)


def train(data: Path, dev: Path | None, out: Path) -> dict:
    """Train on ``data``, pick the threshold on ``dev`` (else on cross-validation), write the artifact; return the card."""
    started = time.perf_counter()
    texts, labels = read_labelled(data)
    vectorizers, classifier = fit(texts, labels)
    arrays = arrays_of(vectorizers, classifier)
    model = model_from_arrays(arrays, threshold=0.5, card={})
    if dev is not None:
        dev_texts, dev_labels = read_labelled(dev)
        dev_scores = model.scores(dev_texts)
        threshold = pick_threshold(dev_labels, dev_scores)
        metrics = {"threshold_set": binary_metrics(dev_labels, dev_scores, threshold)}
    else:
        # Without a threshold set, out-of-fold scores of the training data stand in for one.
        cv_scores = cross_validated_scores(texts, labels)
        threshold = pick_threshold(labels, cv_scores)
        metrics = {"cross_validation": binary_metrics(labels, cv_scores, threshold)}
    method = (
        "logistic regression (class-balanced, C={c}) over TF-IDF of word 1-2-grams (min_df {w}) and "
        "character 2-5-grams within word boundaries (min_df {ch}), sublinear tf, digits mapped to 0"
    ).format(c=REGULARIZATION_C, w=WORD_MIN_DF, ch=CHAR_MIN_DF)
    card = model_card(
        MODEL_FORMAT, method, data, labels, dev, len(dev_texts) if dev is not None else 0, threshold,
        features={name: int(len(arrays[f"{name}_terms"])) for name in ANALYZERS}, metrics=metrics, started=started,
    )
    write_model(out, arrays, card)
    return card


THRESHOLD_RULE = "centre of the best F1 plateau (F1 averaged over +-0.05) on the threshold set"


def model_card(model_format: str, method: str, data: Path, labels: np.ndarray, dev: Path | None, dev_sentences: int,
               threshold: float, features: dict, metrics: dict, started: float) -> dict:
    """The model card of a model just trained (``started``: its ``time.perf_counter()`` start)."""
    now = datetime.now(timezone.utc)
    return {
        "format": model_format,
        "version": now.strftime("%Y.%m.%d"),
        "created": now.isoformat(timespec="seconds"),
        "method": method,
        "data": {
            "train": {"file": data.name, "sentences": len(labels), "positives": int(labels.sum())},
            "threshold_set": {"file": dev.name, "sentences": dev_sentences} if dev is not None else None,
        },
        "threshold": threshold,
        "threshold_rule": THRESHOLD_RULE + ("" if dev is not None else " (out-of-fold training scores)"),
        "features": features,
        "metrics": metrics,
        "training_seconds": round(time.perf_counter() - started, 1),
    }


def write_model(out: Path, arrays: dict[str, np.ndarray], card: dict) -> None:
    """Write the arrays, the JSON card and its Markdown rendering to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / ARRAYS_FILE, **arrays)
    write_card(out, card)


def write_card(out: Path, card: dict) -> None:
    """Write the JSON card and its Markdown rendering to ``out`` (and forget models loaded before)."""
    (out / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (out / CARD_MARKDOWN_FILE).write_text(card_markdown(card), encoding="utf-8")
    _load.cache_clear()


def card_markdown(card: dict) -> str:
    """The model card as Markdown."""
    lines = [
        "# newslens claims model",
        "",
        f"- version: {card['version']} (created {card['created']}, format `{card['format']}`)",
        f"- method: {card['method']}",
        f"- threshold: {card['threshold']} — {card['threshold_rule']}",
        f"- training time: {card['training_seconds']} s",
        "",
        "## Data",
        "",
    ]
    for role, described in card["data"].items():
        if described:
            lines.append(f"- {role}: " + ", ".join(f"{k} {v}" for k, v in described.items()))
    lines += ["", "## Metrics (check-worthy class)", "", "| set | precision | recall | F1 | AP | n |", "|---|---|---|---|---|---|"]
    for name, m in card["metrics"].items():
        lines.append(f"| {name} | {m['precision']} | {m['recall']} | {m['f1']} | {m['average_precision']} | {m['n']} |")
    return "\n".join(lines) + "\n"
