"""Score the claims stage against gold sentences (see docs/evaluation.md, "Claims").

Two gold formats:

- **sentences** (CheckThat! 2024): ``{"id", "text", "label"}``, ``label`` 1 for check-worthy. Each
  sentence is scored alone (no article) by the model that scores sentences without their article
  — the one the model's card names as its ``transcript_model``, else the model itself (see
  :func:`pipeline.claims.loading.transcript_model_dir`; ``--no-transcript-arm``: the model itself);
  it is predicted check-worthy when its score reaches that model's threshold.
- **news** (``--articles``): ``{"sid", "article_id", "start", "end", "text", "label"}`` sentences
  with offsets into the articles of the ``--articles`` JSONL files (``{"id", "text", ...}``), or
  label rows without text (``{"corpus", "article_id", "field", "start", "end", "label"}``, as in
  ``data/labels/``) whose sentences are cut from the ``title`` or ``text`` of the article with that
  id in the ``--articles`` files — only the rows of the articles found there are scored, so
  ``--articles ../shared/data/quotes/polnear_train.jsonl`` scores the labels of that corpus alone.
  The whole pipeline runs on the gold's articles as ``newslens extract`` does; a gold sentence is
  flagged when claims cover at least half of it, or when it repeats a claim of its article nearly
  word for word (the stage emits a repeat once, where it first occurs). Each claim is judged by
  the gold sentence it covers most: the precision of each article's top 3 claims (best ``rank``,
  i.e. score) is averaged over articles.

Reported: precision, recall and F1 of the check-worthy class, the share of sentences flagged
(and the true share), average precision, for news the top-3 precision, and the reliability curve
(``--json``: per score bin, the mean score and the share truly check-worthy) — of the sentences'
scores, or for news of the scores of the claims the pipeline emits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rich.table import Table

from pipeline.claims.loading import load_model, resolve_model_dir, transcript_model_dir
from pipeline.claims.metrics import binary_metrics, reliability, top_k_precision
from pipeline.claims.training import read_labelled
from pipeline.clean import fix_characters
from pipeline.extract.claims import claim_words, is_assertion, near_identical, overlap
from pipeline.labels import articles_by_id

TOP_K = 3
# A gold sentence is flagged when claims cover at least this share of its characters.
COVERED_SHARE = 0.5


def evaluate(gold_path: Path, model_dir: str | None = None, transcript_arm: bool = True) -> dict:
    """Metrics of the model ``model_dir`` (default: the default model) on sentence-level gold: the
    sentences are scored by its arm for sentences without their article (``model`` says which), or
    by the model itself with ``transcript_arm`` false (a news model's scores of news sentences)."""
    chosen = resolve_model_dir(model_dir)
    if transcript_arm:
        chosen = transcript_model_dir(chosen)
    model = load_model(chosen)
    texts, labels = read_labelled(gold_path)
    scores = model.scores(texts)
    metrics = binary_metrics(labels, scores, model.threshold)
    return {
        "gold": str(gold_path), "format": "sentences", "model": str(chosen),
        "model_version": model.card.get("version"),
        **metrics, "reliability": reliability(labels, scores),
    }


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def locate(sentence: str, text: str, cursor: int) -> tuple[int, int] | None:
    """Where ``sentence`` (as cut from the raw article) lies in the cleaned ``text``, searching from
    ``cursor`` first: its words with the characters the cleaner repairs repaired ("PeÃ±a" is "Peña" in
    the text); when the cleaner dropped some of its lines (a photo credit, a video's share buttons
    before the sentence), the longest of its other lines that can assert something."""
    repaired = fix_characters(sentence)
    found = locate_words(repaired, text, cursor)
    lines = repaired.splitlines()
    if found or len(lines) < 2:
        return found
    for line in sorted((line for line in lines if is_assertion(line.strip())), key=len, reverse=True):
        if found := locate_words(line, text, cursor):
            return found
    return None


def locate_words(sentence: str, text: str, cursor: int) -> tuple[int, int] | None:
    """Where the words of ``sentence`` lie in ``text`` (whitespace may differ), searching from ``cursor`` first."""
    words = sentence.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = pattern.search(text, cursor) or pattern.search(text)
    return (found.start(), found.end()) if found else None


def read_news_gold(gold_path: Path, articles_paths: Sequence[Path]) -> list[dict]:
    """The news gold sentences ``{"sid", "article_id", "start", "end", "text", "label"}``.

    Label rows without text (``data/labels/``: ``corpus``, ``article_id``, ``field``, offsets into
    that field) take their sentence from the article with their id in ``articles_paths``; rows whose
    article is not there are left out. Their ``start``/``end`` become offsets into the article as the
    pipeline reads it — title, blank line, text — which keeps a headline before the body's sentences."""
    rows = read_jsonl(gold_path)
    if not rows or "text" in rows[0]:
        return rows
    wanted = {row["article_id"] for row in rows}
    fields = {article_id: (article.get("title") or "", article.get("text") or "")
              for article_id, article in articles_by_id(articles_paths, wanted).items()}
    joined = []
    for row in rows:
        if row["article_id"] not in fields:
            continue
        title, text = fields[row["article_id"]]
        shift = 0 if row["field"] == "title" else len(title) + 2
        sentence = (title if row["field"] == "title" else text)[row["start"] : row["end"]]
        joined.append({"sid": row["sid"], "article_id": row["article_id"], "start": row["start"] + shift, "end": row["end"] + shift,
                       "text": sentence, "label": row["label"]})
    if not joined:
        raise ValueError(f"{gold_path}: none of its {len(wanted)} labelled articles is in {', '.join(map(str, articles_paths))}")
    return joined


def evaluate_news(gold_path: Path, articles_paths: Sequence[Path], nlp) -> dict:
    """Run ``nlp`` (the full pipeline) on the gold's articles and score its claims against the gold sentences."""
    from pipeline.ingest import read_articles
    from pipeline.runner import process

    gold = read_news_gold(gold_path, articles_paths)
    wanted = {row["article_id"] for row in gold}
    articles = (article for article in read_articles(articles_paths) if article.get("id") in wanted)
    records = {r["id"]: r for r in process(articles, nlp) if "claims" in r}
    labels, flagged, scores, unlocated, repeats = [], [], [], 0, 0
    judged_claims = []  # per article: the labels and scores of its claims that cover a gold sentence
    by_article: dict[str, list[dict]] = {}
    for row in gold:
        by_article.setdefault(row["article_id"], []).append(row)
    for article_id, rows in by_article.items():
        record = records.get(article_id)
        text, claims = (record["text"], record["claims"]) if record else ("", [])
        cursor = 0
        spans = []
        for row in sorted(rows, key=lambda r: r["start"]):
            where = locate(row["text"], text, cursor)
            unlocated += where is None
            if where:
                cursor = where[1]
            spans.append((row, where))
        claim_word_sets = [claim_words(claim["text"]) for claim in claims]
        for row, where in spans:
            covered, best, is_flagged = 0, 0.0, False
            if where:
                start, end = where
                for claim in claims:
                    shared = overlap(start, end, claim["start"], claim["end"])
                    if shared:
                        covered += shared
                        best = max(best, claim["score"])
                is_flagged = covered >= COVERED_SHARE * (end - start)
                if not is_flagged:
                    # A repeat of a claim made elsewhere in the article (a headline restated as the first
                    # line, syndicated copy) is that claim: the stage emits repeats once.
                    words = claim_words(fix_characters(row["text"]))
                    repeated = [claim["score"] for claim, other in zip(claims, claim_word_sets) if near_identical(words, other)]
                    if repeated:
                        is_flagged, best = True, max(best, *repeated)
                        repeats += 1
            labels.append(int(row["label"]))
            flagged.append(is_flagged)
            scores.append(best)
        judged = [(label, claim["score"]) for claim in claims if (label := claim_label(claim, spans)) is not None]
        judged_claims.append((np.array([label for label, _ in judged]), np.array([score for _, score in judged])))
    labels_array, flagged_array = np.array(labels), np.array(flagged, dtype=float)
    metrics = binary_metrics(labels_array, flagged_array, 0.5)
    metrics.pop("threshold")
    metrics["average_precision"] = binary_metrics(labels_array, np.array(scores), 0.5)["average_precision"]
    component = nlp.get_pipe("newslens_claims")
    return {
        "gold": str(gold_path), "articles": [str(path) for path in articles_paths], "format": "news",
        "model": component.claims_model.card.get("format"), "model_version": component.claims_model.card.get("version"),
        "threshold": component.threshold, **metrics,
        f"top{TOP_K}_precision": top_k_precision(judged_claims, TOP_K),
        "articles_scored": sum(1 for labels_of_article, _ in judged_claims if len(labels_of_article)), "gold_sentences_not_found": unlocated,
        "gold_sentences_flagged_as_repeats": repeats, "reliability": claims_reliability(judged_claims),
    }


def claims_reliability(judged_claims: list[tuple[np.ndarray, np.ndarray]]) -> list[dict]:
    """The reliability curve of the scores of the claims the pipeline emits (each judged by the gold
    sentence it covers most): per score bin, their mean score and the share truly check-worthy."""
    labels = np.concatenate([labels for labels, _ in judged_claims] + [np.zeros(0)])
    if not len(labels):
        return []
    return reliability(labels, np.concatenate([scores for _, scores in judged_claims]))


def claim_label(claim: dict, spans: list[tuple[dict, tuple[int, int] | None]]) -> int | None:
    """The label of the gold sentence a claim covers most (None when it covers none)."""
    best, best_shared = None, 0
    for row, where in spans:
        if where:
            shared = overlap(*where, claim["start"], claim["end"])
            if shared > best_shared:
                best, best_shared = int(row["label"]), shared
    return best


def metrics_table(metrics: dict) -> Table:
    """The metrics as a rich table."""
    table = Table(title=f"Check-worthy claims ({metrics['n']} sentences, {metrics['positives']} check-worthy, {metrics['format']} gold)")
    columns = ["precision", "recall", "f1", "share_flagged", "share_true", "average_precision"]
    if "top3_precision" in metrics:
        columns.append("top3_precision")
    columns.append("threshold")
    for column in columns:
        table.add_column(column.replace("_", " "), justify="right")
    table.add_row(*(f"{metrics[key]:.3f}" for key in columns))
    return table
