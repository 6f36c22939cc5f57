"""Metrics of the check-worthy class, the threshold rule, and calibration (scikit-learn)."""

from __future__ import annotations

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, f1_score, precision_recall_fscore_support

THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)
THRESHOLD_RULE = "centre of the best F1 plateau (F1 averaged over +-0.05) on the threshold set"


def binary_metrics(labels: np.ndarray, scores: np.ndarray, threshold: float) -> dict:
    """Precision, recall and F1 of the positive class at a threshold, average precision, and the share flagged."""
    labels = np.asarray(labels)
    predicted = (np.asarray(scores) >= threshold).astype(int)
    precision, recall, f1, _ = precision_recall_fscore_support(labels, predicted, average="binary", zero_division=0)
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
        "average_precision": round(float(average_precision_score(labels, scores)) if labels.any() else 0.0, 4),
        "threshold": round(float(threshold), 4),
        "n": int(len(labels)),
        "positives": int((labels == 1).sum()),
        "share_flagged": round(float(predicted.mean()) if len(labels) else 0.0, 4),
        "share_true": round(float((labels == 1).mean()) if len(labels) else 0.0, 4),
    }


def pick_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The threshold at the centre of the best F1 plateau (F1 averaged over ±0.05), robust to a small set."""
    f1 = np.array([f1_score(labels, np.asarray(scores) >= t, zero_division=0) for t in THRESHOLD_GRID])
    smoothed = np.convolve(f1, np.ones(11) / 11, mode="same")
    return float(THRESHOLD_GRID[int(np.argmax(smoothed[5:-5])) + 5])


def top_k_precision(groups: list[tuple[np.ndarray, np.ndarray]], k: int = 3) -> float:
    """Mean over articles of the precision of each article's ``k`` highest-scoring flagged sentences.

    ``groups`` holds one ``(labels, scores)`` pair per article, restricted to its flagged sentences;
    articles that flag nothing are left out."""
    precisions = []
    for labels, scores in groups:
        if len(labels):
            top = np.argsort(-np.asarray(scores), kind="stable")[:k]
            precisions.append(float(np.mean(np.asarray(labels)[top])))
    return round(float(np.mean(precisions)), 4) if precisions else 0.0


def reliability(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> list[dict]:
    """The reliability curve: for each score bin (equal width) that holds sentences, their mean
    score, the share that is check-worthy, and how many there are."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(scores, edges[1:-1]), 0, bins - 1)
    true_share, mean_score = calibration_curve(labels, scores, n_bins=bins, strategy="uniform")
    counts = np.bincount(which, minlength=bins)
    filled = [i for i in range(bins) if counts[i]]
    return [
        {"bin": f"{edges[i]:.1f}-{edges[i + 1]:.1f}", "mean_score": round(float(s), 3), "true_share": round(float(t), 3), "n": int(counts[i])}
        for i, s, t in zip(filled, mean_score, true_share)
    ]
