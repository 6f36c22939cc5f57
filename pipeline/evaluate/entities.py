"""Score the entity layer against gold JSONL lines ``{"id", "text", "entities": [{"start", "end", "label"}]}``.

The pipeline runs on each ``text`` as is. A predicted entity is correct when its label and its span
equal a gold entity's, after both drop a leading "the " and a trailing possessive. Only the labels
the gold file annotates are scored (a gold set without DATE entities does not count DATEs as
errors). Per-label precision, recall and F1, and their micro-average as ``overall``.

MONEY is also scored convention-free as ``money_amounts``: a predicted and a gold MONEY span match
(one to one) when they overlap and hold the same numbers and scale words, whatever else either
span takes in: "more than $80 million" matches "$80 million", "80 million" matches "$80 million",
"$80" does not.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from rich.table import Table
from spacy.language import Language

LEADING_ARTICLES = ("the ", "The ")
TRAILING_POSSESSIVES = ("'s", "’s", "'", "’")


def normalized_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading "the " or a trailing possessive."""
    piece = text[start:end]
    for article in LEADING_ARTICLES:
        if piece.startswith(article) and len(piece) > len(article):
            start += len(article)
            break
    piece = text[start:end]
    for possessive in TRAILING_POSSESSIVES:
        if piece.endswith(possessive) and len(piece) > len(possessive):
            end -= len(possessive)
            break
    return start, end


def span_set(text: str, entities: list[dict], labels: set[str]) -> set[tuple[int, int, str]]:
    """Normalized ``(start, end, label)`` triples of the entities whose label is scored."""
    return {(*normalized_span(text, e["start"], e["end"]), e["label"]) for e in entities if e["label"] in labels}


def prf(correct: int, predicted: int, gold: int) -> dict:
    """Precision, recall and F1 with their counts (0.0 where undefined)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "predicted": predicted, "correct": correct}


AMOUNT_WORDS = re.compile(r"\d[\d,.]*\d|\d|\b(?:thousand|million|billion|trillion|bn|mn|m|k|tn)\b", re.IGNORECASE)


def amount_key(text: str) -> tuple[str, ...]:
    """The numbers and scale words of a money span, in order ("more than $80 million" → ("80", "million"))."""
    return tuple(word.lower().replace(",", "") for word in AMOUNT_WORDS.findall(text))


def money_amount_matches(text: str, gold: list[dict], predicted: list[dict]) -> tuple[int, int, int]:
    """(matched, predicted, gold) MONEY counts under the convention-free amount match."""
    gold_money = [e for e in gold if e["label"] == "MONEY"]
    predicted_money = [e for e in predicted if e["label"] == "MONEY"]
    matched, used = 0, set()
    for g in gold_money:
        key = amount_key(text[g["start"]:g["end"]])
        for i, p in enumerate(predicted_money):
            if i not in used and p["start"] < g["end"] and g["start"] < p["end"] and amount_key(text[p["start"]:p["end"]]) == key:
                used.add(i)
                matched += 1
                break
    return matched, len(predicted_money), len(gold_money)


def read_gold(gold_path: Path) -> list[dict]:
    """The gold documents, one per non-empty line."""
    with open(gold_path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(documents: list[dict], predictions: list[list[dict]]) -> dict:
    """Per-label and micro-averaged scores of ``predictions`` (entity items per document)."""
    labels = {e["label"] for doc in documents for e in doc["entities"]}
    gold_counts, predicted_counts, correct_counts = Counter(), Counter(), Counter()
    money = [0, 0, 0]
    for doc, predicted in zip(documents, predictions):
        money = [total + n for total, n in zip(money, money_amount_matches(doc["text"], doc["entities"], predicted))]
        gold = span_set(doc["text"], doc["entities"], labels)
        pred = span_set(doc["text"], predicted, labels)
        gold_counts.update(label for *_, label in gold)
        predicted_counts.update(label for *_, label in pred)
        correct_counts.update(label for *_, label in gold & pred)
    per_label = {label: prf(correct_counts[label], predicted_counts[label], gold_counts[label]) for label in sorted(labels)}
    overall = prf(sum(correct_counts.values()), sum(predicted_counts.values()), sum(gold_counts.values()))
    result = {"labels": per_label, "overall": overall, "documents": len(documents)}
    if "MONEY" in labels:
        result["money_amounts"] = prf(*money)
    return result


def evaluate(gold_path: Path, nlp: Language) -> dict:
    """Run ``nlp`` on every gold text and score its ``doc._.newslens_entities``."""
    documents = read_gold(gold_path)
    predictions = [doc._.newslens_entities or [] for doc in nlp.pipe(d["text"] for d in documents)]
    return score(documents, predictions)


def metrics_table(metrics: dict) -> Table:
    """The metrics as a rich table, one row per label and one for the micro-average."""
    table = Table(title=f"Entities ({metrics['documents']} documents)")
    for column in ("label", "precision", "recall", "F1", "gold", "predicted", "correct"):
        table.add_column(column, justify="left" if column == "label" else "right")
    rows = [*metrics["labels"].items(), ("overall (micro)", metrics["overall"])]
    if "money_amounts" in metrics:
        rows.append(("MONEY (amount matched)", metrics["money_amounts"]))
    for label, m in rows:
        table.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["gold"]), str(m["predicted"]), str(m["correct"]))
    return table
