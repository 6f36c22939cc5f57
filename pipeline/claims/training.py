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
from pipeline.labels import articles_by_id

# Settings chosen by measurement on ct24 devtest (docs/evaluation.md, "Claims").
WORD_MIN_DF = 2
CHAR_MIN_DF = 3
REGULARIZATION_C = 1.0
CV_FOLDS = 5


# Where the corpora that label files point into lie, under the shared data directory (``--corpora``).
CORPUS_FILES = {"bbc2000": "bench/bbc2000.jsonl", "us_political": "bench/us_political.jsonl", "polnear_train": "quotes/polnear_train.jsonl"}
# The held-out news split (data/labels/README.md) lies beside the training labels under this name. No
# model trains on, calibrates on or chooses by its rows; its articles are not unlabelled text either.
HELD_OUT_LABELS = "claims_news_heldout.jsonl"


def read_labelled(path: Path, corpora: Path | None = None) -> tuple[list[str], np.ndarray]:
    """Sentences and 0/1 labels of a JSONL file: ``{"text", "label"}`` rows, or label rows without
    text (``{"corpus", "article_id", "field", "start", "end", "label"}``, as in ``data/labels/``)
    whose sentences are cut from the articles of the shared ``corpora`` directory."""
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    if rows and "text" not in rows[0]:
        if corpora is None:
            raise ValueError(f"{path} holds offsets into the shared corpora, not text: pass the corpora directory (--corpora)")
        fields = article_fields(corpora, {(row["corpus"], row["article_id"]) for row in rows})
        texts = [fields[row["corpus"], row["article_id"]][row["field"]][row["start"] : row["end"]] for row in rows]
    else:
        texts = [row["text"] for row in rows]
    return texts, np.array([int(row["label"]) for row in rows], dtype=np.int64)


def article_fields(corpora: Path, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """The ``title`` and ``text`` of the wanted (corpus, article id) pairs."""
    found = {}
    for corpus in sorted({corpus for corpus, _ in wanted}):
        ids = {article_id for named, article_id in wanted if named == corpus}
        for article_id, article in articles_by_id([corpora / CORPUS_FILES[corpus]], ids).items():
            found[corpus, article_id] = {"title": article.get("title") or "", "text": article.get("text") or ""}
    missing = wanted - found.keys()
    if missing:
        raise ValueError(f"{len(missing)} labelled articles are not in {corpora}, e.g. {sorted(missing)[0]}")
    return found


def read_training_data(paths: list[Path], corpora: Path | None = None) -> tuple[list[str], np.ndarray]:
    """The sentences and labels of several labelled files, one after the other (a file named twice
    counts twice)."""
    texts: list[str] = []
    labels = []
    for path in paths:
        more_texts, more_labels = read_labelled(path, corpora)
        texts += more_texts
        labels.append(more_labels)
    return texts, np.concatenate(labels)


def fit_features(texts: list[str]):
    """The sparse model's vectorizers (one per analyzer of ``sparse.ANALYZERS``) fitted to ``texts``,
    and the texts' features (a CSR matrix, the blocks side by side)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = {"word": WORD_MIN_DF, "char": CHAR_MIN_DF}
    vectorizers = {name: TfidfVectorizer(analyzer=analyzer, min_df=min_df[name], sublinear_tf=True) for name, analyzer in sparse.ANALYZERS.items()}
    return vectorizers, hstack([v.fit_transform(texts) for v in vectorizers.values()]).tocsr()


def fit(texts: list[str], labels: np.ndarray):
    """Fit the vectorizers and the logistic regression; return them."""
    from sklearn.linear_model import LogisticRegression

    vectorizers, features = fit_features(texts)
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


def train(data: list[Path], dev: Path | None, out: Path, corpora: Path | None = None) -> dict:
    """Train on the ``data`` files, pick the threshold on ``dev`` (else on cross-validation), write the artifact; return the card."""
    started = time.perf_counter()
    texts, labels = read_training_data(data, corpora)
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


def data_description(data: list[Path], labels: np.ndarray, dev: Path | None) -> dict:
    """The card's ``data``: the training files and their counts, and the threshold set's file and size."""
    files = " + ".join(path.name for path in data)
    described = {"train": {"file": files, "sentences": len(labels), "positives": int(labels.sum())}, "threshold_set": None}
    if dev is not None:
        described["threshold_set"] = {"file": dev.name, "sentences": len(read_labelled(dev)[1])}
    return described
