"""Training the sparse model (``newslens train claims``), and the labelled-sentence reader both trainers use.

Needs scikit-learn (the ``train`` extra)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from pipeline.claims import sparse
from pipeline.claims.card import model_card, write_card
from pipeline.claims.metrics import THRESHOLD_RULE, binary_metrics, pick_threshold

# Settings chosen by measurement on ct24 devtest (docs/evaluation.md, "Claims").
WORD_MIN_DF = 2
CHAR_MIN_DF = 3
REGULARIZATION_C = 1.0
CV_FOLDS = 5


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


def fit(texts: list[str], labels: np.ndarray):
    """Fit the vectorizers and the logistic regression; return them."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    min_df = {"word": WORD_MIN_DF, "char": CHAR_MIN_DF}
    vectorizers = {name: TfidfVectorizer(analyzer=analyzer, min_df=min_df[name], sublinear_tf=True) for name, analyzer in sparse.ANALYZERS.items()}
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
        model = sparse.model_from_arrays(arrays_of(vectorizers, classifier), threshold=0.5, card={})
        out[fold_test] = model.scores([texts[i] for i in fold_test])
    return out


def train(data: Path, dev: Path | None, out: Path) -> dict:
    """Train on ``data``, pick the threshold on ``dev`` (else on cross-validation), write the artifact; return the card."""
    started = time.perf_counter()
    texts, labels = read_labelled(data)
    vectorizers, classifier = fit(texts, labels)
    arrays = arrays_of(vectorizers, classifier)
    model = sparse.model_from_arrays(arrays, threshold=0.5, card={})
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
        sparse.SPARSE_FORMAT, method, data_description(data, labels, dev), threshold,
        THRESHOLD_RULE + ("" if dev is not None else " (out-of-fold training scores)"),
        features={name: int(len(arrays[f"{name}_terms"])) for name in sparse.ANALYZERS}, metrics=metrics, started=started,
    )
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / sparse.ARRAYS_FILE, **arrays)
    write_card(out, card)
    return card


def data_description(data: Path, labels: np.ndarray, dev: Path | None) -> dict:
    """The card's ``data``: the training file and its counts, and the threshold set's file and size."""
    described = {"train": {"file": data.name, "sentences": len(labels), "positives": int(labels.sum())}, "threshold_set": None}
    if dev is not None:
        described["threshold_set"] = {"file": dev.name, "sentences": len(read_labelled(dev)[1])}
    return described
