"""Train the learned filter of :mod:`pipeline.extract.learned_cues` on PolNeAR-style gold.

Every sentence of each training article is parsed, and every verb off the cue list with a subject
and a content becomes a candidate (as the quote stage makes them, with no filter). A candidate with
unmarked content is positive when its content matches (leniently, as the evaluation does) a gold
attribution that the quote stage without the filter does not find, and its speaker that
attribution's source. The triggers are the verb forms with at least
``MIN_POSITIVES`` positive candidates and a positive share of at least ``MIN_SHARE``; the unmarked objects of listed cues (which the
cue list alone keeps only when they quote) are candidates too. A logistic regression (scikit-learn,
the ``train`` extra) is fitted on their candidates, and the threshold is the lowest at which
``MIN_PRECISION`` of the candidates kept are right on held-out folds of the training articles
(grouped by article), but not under ``MIN_THRESHOLD``. Deterministic: same data, same filter.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from spacy.language import Language

from pipeline.evaluate.quotes import alnum_prefix, gold_speaker_ranges, match_quotes, merge_pieces, overlaps, read_gold
from pipeline.extract.learned_cues import CueFilter
from pipeline.extract.quote_marks import MarkedStretches, quoted_spans
from pipeline.extract.quotes import cue_quotes, line_pieces, without_nested
from pipeline.extract.syntax import parse_spans, syntax_pipes

# A trigger's sentences are parsed (the parse is most of the quote stage's cost): verbs attributing
# something less often than MIN_SHARE ("made", "used") parsed a third more tokens of news for little.
MIN_POSITIVES = 2
MIN_SHARE = 0.3
# Inverse regularization strength of the logistic regression.
C = 0.3
# The threshold is the lowest keeping candidates of which at least this share are right on held-out
# folds (right: content and speaker; a candidate with the right content alone still scores as a quote).
MIN_PRECISION = 0.6
# Never lower than this: picked on PolNeAR dev, where the quotes scoring 0.23–0.4 (the first filter's
# threshold by MIN_PRECISION alone was 0.23) were right 11 times out of 29 and cost direct+mixed quotes.
MIN_THRESHOLD = 0.4
FOLDS = 5
THRESHOLDS = [t / 100 for t in range(20, 91)]
# Every verb is a candidate when the filter has no triggers and accepts everything.
ACCEPT_ALL = CueFilter({}, 0.0, 0.0, None)


def gold_ranges(article: dict) -> list[list[tuple[int, int]]]:
    """Each gold quote's merged character ranges."""
    return [merge_pieces(q.get("quote_spans") or [[q["quote_start"], q["quote_end"]]]) for q in article["quotes"]]


def unfound_gold(article: dict, predicted: list[dict], prefix: list[int]) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """``(content ranges, speaker ranges)`` of the gold quotes that no predicted quote matches leniently."""
    gold = gold_ranges(article)
    matched = {g for g, _ in match_quotes(gold, [merge_pieces(q["spans"]) for q in predicted], prefix, 0.3)}
    return [(g, gold_speaker_ranges(q)) for i, (g, q) in enumerate(zip(gold, article["quotes"])) if i not in matched]


def collect(gold_path: Path, nlp: Language, cue_forms: dict, limit: int | None = None) -> list[tuple[str, tuple[str, ...], bool]]:
    """``(article id, features, positive)`` for every candidate of the gold articles. ``nlp`` is the
    pipeline with the quote stage (run without a filter)."""
    articles = read_gold(Path(gold_path), limit)
    pipes = syntax_pipes(nlp)
    rows = []
    for article, doc in zip(articles, nlp.pipe((a["text"] for a in articles), batch_size=32)):
        text = article["text"]
        prefix = alnum_prefix(text)
        wanted = unfound_gold(article, doc._.newslens_quotes or [], prefix)
        marked = MarkedStretches(quoted_spans(text))
        parsed = parse_spans([piece for sentence in doc.sents for piece in line_pieces(sentence)], pipes)
        quotes = [q for p in parsed for q in cue_quotes(p, cue_forms, ACCEPT_ALL) if not marked.covers(q.cue[0])]
        for quote in without_nested(quotes, text):
            if not quote.features or any(marked.overlapping(start, end) for start, end in quote.pieces):
                continue  # only unmarked content is a learned cue's (see extract_quotes)
            found = [wanted[g][1] for g, _ in match_quotes([g for g, _ in wanted], [merge_pieces(quote.pieces)], prefix, 0.3)]
            rows.append((article["id"], quote.features,
                         any(overlaps(s, e, *quote.speaker) for speaker in found for s, e in speaker)))
    return rows


def choose_triggers(rows: list[tuple[str, tuple[str, ...], bool]]) -> frozenset[str]:
    """The verb forms with enough positive candidates, and a large enough share of them."""
    seen, positives = Counter(), Counter()
    for _, features, positive in rows:
        word = features[0].removeprefix("w=")
        seen[word] += 1
        positives[word] += positive
    return frozenset(w for w in seen if positives[w] >= MIN_POSITIVES and positives[w] / seen[w] >= MIN_SHARE)


def fit(rows: list[tuple[str, tuple[str, ...], bool]]) -> tuple[CueFilter, dict]:
    """The filter fitted on ``rows`` and a card of figures (candidates, cross-validated precision and recall)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    triggers = choose_triggers([r for r in rows if "listed" not in r[1]])
    rows = [r for r in rows if r[1][0].removeprefix("w=") in triggers or "listed" in r[1]]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([dict.fromkeys(features, 1.0) for _, features, _ in rows])
    y = np.array([positive for _, _, positive in rows])
    groups = [article for article, _, _ in rows]
    held_out = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = LogisticRegression(C=C, max_iter=2000).fit(x[train], y[train])
        held_out[test] = model.predict_proba(x[test])[:, 1]

    def precision(threshold: float) -> float:
        kept = held_out >= threshold
        return float(y[kept].mean()) if kept.any() else 1.0

    threshold = max(MIN_THRESHOLD, min((t for t in THRESHOLDS if precision(t) >= MIN_PRECISION), default=THRESHOLDS[-1]))
    model = LogisticRegression(C=C, max_iter=2000).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-4}
    kept = held_out >= threshold
    card = {"candidates": len(rows), "positives": int(y.sum()), "triggers": len(triggers), "C": C,
            "threshold": threshold, "cv_kept": int(kept.sum()), "cv_true": int(y[kept].sum()),
            "cv_precision": round(float(y[kept].mean()), 4) if kept.any() else 0.0}
    return CueFilter(weights, round(float(model.intercept_[0]), 4), threshold, triggers), card


def train(gold_path: Path, out: Path, limit: int | None = None, model: str | None = None) -> dict:
    """Fit the filter on the first ``limit`` articles of ``gold_path`` (PolNeAR train: 700) and write
    it to ``out``; returns its card."""
    from pipeline.nlp import load_nlp

    nlp = load_nlp(model, components=("newslens_entities",))
    nlp.add_pipe("newslens_quotes", config={"learned_cues": False})
    rows = collect(gold_path, nlp, nlp.get_pipe("newslens_quotes").cue_forms, limit)
    cue_filter, card = fit(rows)
    card = {"trained_on": f"{Path(gold_path).name}, first {limit} articles" if limit else Path(gold_path).name, **card}
    cue_filter.to_json(out, card)
    return card
