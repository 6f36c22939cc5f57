"""Does sentence context the claims encoder cannot see add to its score? A stacker check (issue 12).

    python benchmarks/claims_context.py                    # the default model; 10 group partitions
    python benchmarks/claims_context.py --claims-model DIR --repeats 5
    python benchmarks/claims_context.py --errors           # also list the calibration split's errors

The encoder scores each sentence alone. This runs the whole pipeline on the articles of the
calibration split (``data/labels/claims_news_calibration.jsonl``) and of news_dev, takes each gold
sentence's unit — its score as the pipeline gives it and the context the pipeline knows around it
(:func:`context_features`) — and reports

1. **reliability by context**: per context group (inside quotes, figures, names, …) the mean
   probability the model gives and the share truly check-worthy, on both splits (aggregates only:
   news_dev is a goal set and is never read sentence by sentence);
2. **grouped cross-validation on the calibration split**: a logistic regression (standardised, C
   ``--c``) over the model's logit and each feature set of :data:`FEATURE_SETS`, out-of-fold by
   article, against the model alone: F1 at each one's best threshold, and the top-3 precision
   there, averaged over ``--repeats`` random partitions of the articles into 5 folds (min–max);
   With ``--training-rows``, the same with the training labels' rows (``claims_news_train.jsonl``)
   added to every fold's training part. The model was trained on those sentences, so its scores
   there are over-confident: the training rows get a logit slope and an intercept of their own
   (extra columns, zero on calibration rows and on the held-out fold), and only the context
   weights are shared;
3. each stacker **fitted on all of the calibration split** and scored on news_dev's sentences, its
   threshold chosen there by the pipeline's rule (:func:`pipeline.claims.metrics.pick_threshold`).

Sentences the pipeline does not score (too short, questions, parts of a unit) count as not flagged.
The top-3 precision here is per gold sentence, not per emitted claim as ``newslens eval claims``
counts it: the two differ by a repeat or a merged unit. The held-out split is never read. Needs
scikit-learn (the ``train`` extra).
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CALIBRATION = (REPO / "data" / "labels" / "claims_news_calibration.jsonl",
               [SHARED / "bench" / "bbc2000.jsonl", SHARED / "bench" / "us_political.jsonl", SHARED / "quotes" / "polnear_train.jsonl"])
NEWS_DEV = (SHARED / "claims" / "news_dev.jsonl", [SHARED / "claims" / "news_dev_articles.jsonl"])
TRAINING = (REPO / "data" / "labels" / "claims_news_train.jsonl", CALIBRATION[1])

FEATURES = ("logit", "quoted", "headline", "position", "figure", "names", "prediction", "question", "length",
            "headline_overlap", "previous_logit", "first_stage_logit")
# The stackers compared: the model's logit with all the context (the set fixed before any result),
# without the first stage's own score, and the one pair that came out best in cross-validation.
FEATURE_SETS = {
    "logit alone (recalibration)": ("logit",),
    "all context": FEATURES,
    "all but first stage": FEATURES[:-1],
    "logit + previous_logit": ("logit", "previous_logit"),
}
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LAW", "NORP"})
FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE"})


def logit(probabilities: np.ndarray) -> np.ndarray:
    """Log odds, clipped so that 0 and 1 stay finite."""
    clipped = np.clip(probabilities, 1e-4, 1 - 1e-4)
    return np.log(clipped / (1 - clipped))


def context_features(doc, text: str, units: list[tuple[int, int]], scores: np.ndarray, first_stage_logits: np.ndarray) -> np.ndarray:
    """One row of :data:`FEATURES` per scored unit of an article: the model's logit; the share of the
    unit inside quotes' content; headline; relative position; a figure or date entity; log(1 + names:
    PERSON/ORG/GPE/LAW/NORP entities); a prediction cue (the claims stage's list); a "?" inside;
    log(1 + words); the share of its words in the headline; the previous unit's logit; the first
    stage's logit."""
    from pipeline.extract import claims

    entities = claims.doc_entities(doc)
    starts = [e["start"] for e in entities]
    unit_quotes = claims.quotes_by_unit(units, doc._.newslens_quotes or [])
    end_of_headline = claims.headline_end(text)
    headline_words = claims.claim_words(text[:end_of_headline])
    logits = logit(np.asarray(scores, dtype=np.float64))
    rows = np.zeros((len(units), len(FEATURES)))
    for i, (start, end) in enumerate(units):
        labels = [e["label"] for e in claims.entities_within(entities, starts, start, end)]
        quoted = sum(claims.overlap(start, end, s, e) for quote in unit_quotes[i] for s, e in quote.get("spans") or [[quote["start"], quote["end"]]])
        words = claims.claim_words(text[start:end])
        span = doc.char_span(start, end, alignment_mode="expand")
        rows[i] = (
            logits[i],
            min(1.0, quoted / max(1, end - start)),
            end <= end_of_headline,
            i / max(1, len(units) - 1),
            any(label in FIGURE_LABELS for label in labels),
            math.log1p(sum(label in NAME_LABELS for label in labels)),
            claims.has_cue([t.lower_ for t in span], "prediction"),
            "?" in text[start:end],
            math.log1p(len(claims.WORD.findall(text[start:end]))),
            len(words & headline_words) / max(1, len(words)) if end > end_of_headline else 0.0,
            logits[i - 1] if i else 0.0,
            first_stage_logits[i],
        )
    return rows


def gold_sentences(gold: Path, articles: list[Path], claims_model: str | None) -> list[dict]:
    """Each gold sentence of a split with the pipeline's view of it: ``label``, ``article``, ``text``,
    ``features`` (None when no scored unit covers half of it), ``previous`` (the previous unit's text)
    and ``headline``."""
    from pipeline.evaluate.claims import locate, read_news_gold
    from pipeline.extract import claims
    from pipeline.ingest import read_articles
    from pipeline.nlp import load_nlp
    from pipeline.runner import process

    nlp = load_nlp(None, claims_model=claims_model)
    model = nlp.get_pipe("newslens_claims").claims_model
    seen: dict[str, tuple[list[tuple[int, int]], np.ndarray]] = {}
    claims_of = claims.claims_of

    def recording(doc, text, units, scores, threshold):
        first = model.first_stage.logits([text[s:e] for s, e in units]) if units and model.first_stage is not None else logit(scores)
        seen[text] = (units, context_features(doc, text, units, scores, first))
        return claims_of(doc, text, units, scores, threshold)

    claims.claims_of = recording
    try:
        rows = read_news_gold(gold, articles)
        wanted = {row["article_id"] for row in rows}
        texts = {r["id"]: r["text"] for r in process((a for a in read_articles(articles) if a.get("id") in wanted), nlp) if "claims" in r}
    finally:
        claims.claims_of = claims_of
    out, cursors = [], {}
    for row in sorted(rows, key=lambda r: (r["article_id"], r["start"])):
        text = texts.get(row["article_id"], "")
        units, features = seen.get(text, ([], np.zeros((0, len(FEATURES)))))
        where = locate(row["text"], text, cursors.get(row["article_id"], 0))
        unit = None
        if where:
            cursors[row["article_id"]] = where[1]
            shared = [claims.overlap(*where, s, e) for s, e in units]
            if shared and max(shared) >= 0.5 * (where[1] - where[0]):
                unit = int(np.argmax(shared))
        out.append({"label": int(row["label"]), "article": row["article_id"], "text": row["text"],
                    "features": features[unit] if unit is not None else None,
                    "previous": text[slice(*units[unit - 1])] if unit else "", "headline": text[:claims.headline_end(text)]})
    return out


class Split:
    """A split's gold sentences as arrays: the scored ones' features, and every sentence's label and article."""

    def __init__(self, sentences: list[dict]) -> None:
        self.labels = np.array([s["label"] for s in sentences])
        self.articles = np.array([s["article"] for s in sentences])
        self.scored = np.array([s["features"] is not None for s in sentences])
        self.features = np.array([s["features"] for s in sentences if s["features"] is not None])

    def columns(self, names: tuple[str, ...]) -> np.ndarray:
        return self.features[:, [FEATURES.index(name) for name in names]]

    def spread(self, probabilities: np.ndarray) -> np.ndarray:
        """Scores of every gold sentence: ``probabilities`` of the scored ones, 0 for the rest."""
        out = np.zeros(len(self.labels))
        out[self.scored] = probabilities
        return out

    def model_scores(self) -> np.ndarray:
        return self.spread(1 / (1 + np.exp(-self.columns(("logit",))[:, 0])))


def top3_precision(labels: np.ndarray, scores: np.ndarray, articles: np.ndarray, threshold: float) -> float:
    """Mean over articles of the precision of the 3 best-scoring flagged sentences (the eval's
    :func:`pipeline.claims.metrics.top_k_precision` over each article's flagged sentences)."""
    from pipeline.claims.metrics import top_k_precision

    flagged = scores >= threshold
    groups = [(labels[(articles == article) & flagged], scores[(articles == article) & flagged])
              for article in np.unique(articles)]
    return top_k_precision(groups, 3)


def best_threshold_f1(labels: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """F1 at the best threshold of the pipeline's grid, and that threshold."""
    from sklearn.metrics import f1_score

    from pipeline.claims.metrics import THRESHOLD_GRID

    f1 = [f1_score(labels, scores >= t) for t in THRESHOLD_GRID]
    return max(f1), THRESHOLD_GRID[int(np.argmax(f1))]


def best_f1(split: Split, scores: np.ndarray) -> tuple[float, float]:
    """F1 at the best threshold of the pipeline's grid, and the top-3 precision at that threshold."""
    f1, best = best_threshold_f1(split.labels, scores)
    return f1, top3_precision(split.labels, scores, split.articles, best)


def fit(features: np.ndarray, labels: np.ndarray, c: float, class_weight: str | None = None, epsilon: float = 1e-9):
    """A standardised logistic regression (``class_weight`` as scikit-learn's; ``epsilon`` keeps a
    constant column's scale non-zero); returns a function from features to probabilities."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = features.mean(0), features.std(0) + epsilon
    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=3000).fit((features - mean) / scale, labels)
    return lambda x: model.predict_proba((x - mean) / scale)[:, 1]


def grouped_folds(articles: np.ndarray, seed: int, folds: int = 5) -> np.ndarray:
    """The fold of each row: its article's, articles dealt at random into ``folds`` folds."""
    names = np.unique(articles)
    fold_of = dict(zip(names, np.random.RandomState(seed).permutation(len(names)) % folds))
    return np.array([fold_of[a] for a in articles])


def cross_validated(split: Split, names: tuple[str, ...], c: float, seed: int, training: Split | None = None) -> np.ndarray:
    """Out-of-fold stacker scores of every gold sentence, 5 folds of articles drawn with ``seed``;
    ``training``: rows the model was trained on, added to each fold's training part with a logit
    slope and intercept of their own."""
    # folds are dealt over every gold sentence's article, then kept for the scored sentences
    folds = grouped_folds(split.articles, seed)[split.scored]
    features, labels, out = split.columns(names), split.labels[split.scored], np.zeros(int(split.scored.sum()))
    if training is not None:
        features = np.c_[features, np.zeros((len(features), 2))]
        extra = np.c_[training.columns(names), training.columns(("logit",)), np.ones(int(training.scored.sum()))]
        extra_labels = training.labels[training.scored]
    for fold in range(5):
        train_features, train_labels = features[folds != fold], labels[folds != fold]
        if training is not None:
            train_features, train_labels = np.r_[train_features, extra], np.r_[train_labels, extra_labels]
        out[folds == fold] = fit(train_features, train_labels, c)(features[folds == fold])
    return split.spread(out)


def context_groups(split: Split) -> dict[str, np.ndarray]:
    """Masks (over the scored sentences) of the context groups the reliability table shows."""
    f = {name: split.features[:, i] for i, name in enumerate(FEATURES)}
    return {"all": np.ones(len(split.features), bool), "inside quotes (≥ half)": f["quoted"] >= 0.5, "outside quotes": f["quoted"] < 0.5,
            "headline": f["headline"] == 1, "figure or date": f["figure"] == 1, "no figure": f["figure"] == 0,
            "≥ 2 names": f["names"] > math.log1p(1.5), "no name": f["names"] == 0, "prediction cue": f["prediction"] == 1,
            "first fifth": f["position"] < 0.2, "last 30 %": f["position"] > 0.7, "previous unit < 0.5": f["previous_logit"] < 0,
            "previous unit ≥ 0.5": f["previous_logit"] >= 0}


def list_errors(sentences: list[dict], threshold: float) -> None:
    """Print the calibration split's false positives and negatives with their context."""
    for kind, wrong in (("false positive", lambda s, flagged: flagged and not s["label"]), ("false negative", lambda s, flagged: not flagged and s["label"])):
        print(f"\n== {kind}s")
        for s in sentences:
            score = None if s["features"] is None else 1 / (1 + math.exp(-s["features"][0]))
            if wrong(s, score is not None and score >= threshold):
                print(f"[{s['article']}] score {'—' if score is None else f'{score:.2f}'}\n  S: {s['text'][:300]}\n  P: {s['previous'][:150]}\n  H: {s['headline'][:120]}")


def main() -> None:
    from pipeline.claims.loading import load_model
    from pipeline.claims.metrics import binary_metrics, pick_threshold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims-model", default=None, help="shipped model name or model directory (default: the default model)")
    parser.add_argument("--repeats", type=int, default=10, help="random partitions of the calibration articles into 5 folds")
    parser.add_argument("--c", type=float, default=0.1, help="inverse L2 strength of the stacker")
    parser.add_argument("--errors", action="store_true", help="list the calibration split's false positives and negatives")
    parser.add_argument("--training-rows", action="store_true", help="also cross-validate with the training labels' rows added")
    args = parser.parse_args()
    calibration_sentences = gold_sentences(*CALIBRATION, args.claims_model)
    calibration, dev = Split(calibration_sentences), Split(gold_sentences(*NEWS_DEV, args.claims_model))
    training = Split(gold_sentences(*TRAINING, args.claims_model)) if args.training_rows else None
    if args.errors:
        list_errors(calibration_sentences, load_model(args.claims_model).threshold)

    print("\n1. Reliability by context: sentences, mean probability / share check-worthy (calibration | news_dev)")
    dev_groups = context_groups(dev)
    for group, mask in context_groups(calibration).items():
        cells = []
        for split, chosen in ((calibration, mask), (dev, dev_groups[group])):
            probabilities, labels = split.model_scores()[split.scored][chosen], split.labels[split.scored][chosen]
            cells.append(f"{chosen.sum():4d}, {probabilities.mean():.2f} / {labels.mean():.2f}" if chosen.any() else "   0")
        print(f"  {group:24s} {cells[0]} | {cells[1]}")

    print(f"\n2. Calibration split, 5-fold CV by article ({args.repeats} partitions): F1 at its best threshold, top-3 there — mean (min–max)")
    f1, top3 = best_f1(calibration, calibration.model_scores())
    print(f"  {'the model alone':44s} F1 {f1:.3f}  top-3 {top3:.3f}")
    for (name, names), with_training in [(item, False) for item in FEATURE_SETS.items()] + [
            (item, True) for item in FEATURE_SETS.items() if training is not None]:
        runs = np.array([best_f1(calibration, cross_validated(calibration, names, args.c, seed, training if with_training else None))
                         for seed in range(args.repeats)])
        name = f"{name} + training rows" if with_training else name
        print(f"  {name:44s} F1 {runs[:, 0].mean():.3f} ({runs[:, 0].min():.3f}–{runs[:, 0].max():.3f})"
              f"  top-3 {runs[:, 1].mean():.3f} ({runs[:, 1].min():.3f}–{runs[:, 1].max():.3f})")

    print("\n3. Fitted on the calibration split, scored on news_dev's sentences (threshold chosen there)")
    for name, scores in [("the model alone", dev.model_scores())] + [
            (name, dev.spread(fit(calibration.columns(names), calibration.labels[calibration.scored], args.c)(dev.columns(names))))
            for name, names in FEATURE_SETS.items()]:
        threshold = pick_threshold(dev.labels, scores)
        m = binary_metrics(dev.labels, scores, threshold)
        print(f"  {name:30s} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} flagged {m['share_flagged']:.3f} (true {m['share_true']:.3f})"
              f" top-3 {top3_precision(dev.labels, scores, dev.articles, threshold):.3f} at {threshold:.2f}")


if __name__ == "__main__":
    main()
