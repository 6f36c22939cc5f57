"""Score the entity layer against gold JSONL lines ``{"id", "text", "entities": [{"start", "end", "label"}]}``.

The pipeline runs on each ``text`` as is. A predicted entity is correct when its label and its span
equal a gold entity's, after both drop a leading "the " and a trailing possessive. Only the labels
the gold file annotates are scored (a gold set without DATE entities does not count DATEs as
errors). Per-label precision, recall and F1, and their micro-average as ``overall``.

The scoring is the ``newslens_entities`` component's registered scorer (spaCy's
``Scorer.score_spans``, :mod:`pipeline.extract.scoring`), the one ``nlp.evaluate`` uses: here gold
and predicted entities are put on Docs cut at every entity boundary, so that spans match to the
character.

MONEY is also scored convention-free as ``money_amounts``: a predicted and a gold MONEY span match
(one to one) when they overlap and hold the same numbers and scale words, whatever else either
span takes in: "more than $80 million" matches "$80 million", "80 million" matches "$80 million",
"$80" does not.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.vocab import Vocab

from pipeline.extract.scoring import ENTITIES_ATTR, normalized_span, score_entities
from pipeline.labels import articles_by_id


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


def read_gold(gold_path: Path, articles: Sequence[Path] = ()) -> list[dict]:
    """The gold documents, one per non-empty line.

    A document labelled by id and offsets only (no ``text``: labels of shared corpora keep no article
    text) takes the ``text`` of the line with its ``id`` in one of the ``articles`` JSONL files.
    """
    with open(gold_path, encoding="utf-8") as handle:
        documents = [json.loads(line) for line in handle if line.strip()]
    wanted = {d["id"] for d in documents if "text" not in d}
    texts = {article_id: article["text"] for article_id, article in articles_by_id(articles, wanted).items()}
    if missing := sorted(wanted - texts.keys()):
        raise ValueError(f"{gold_path}: no text for {len(missing)} documents (e.g. {missing[0]!r}); give their articles files")
    return [d if "text" in d else {**d, "text": texts[d["id"]]} for d in documents]


def cut_doc(vocab: Vocab, text: str, entities: list[dict], bounds: set[int]) -> Doc:
    """``text`` as a Doc whose tokens break at ``bounds``, with ``entities`` as its entity items."""
    cuts = sorted(bounds | {0, len(text)})
    words = [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
    doc = Doc(vocab, words=words, spaces=[False] * len(words))
    doc._.newslens_entities = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in entities]
    return doc


def example(vocab: Vocab, text: str, gold: list[dict], predicted: list[dict]) -> Example:
    """Gold and predicted entities on two Docs of ``text`` cut at every boundary of either, so spans match to the character."""
    bounds = {b for e in gold + predicted for b in (e["start"], e["end"], *normalized_span(text, e["start"], e["end"]))}
    return Example(cut_doc(vocab, text, predicted, bounds), cut_doc(vocab, text, gold, bounds))


def prf(scores: dict, gold: int) -> dict:
    """Precision, recall and F1 (0.0 where undefined) and the number of gold entities."""
    return {"precision": scores["p"] or 0.0, "recall": scores["r"] or 0.0, "f1": scores["f"] or 0.0, "gold": gold}


def score(documents: list[dict], predictions: list[list[dict]]) -> dict:
    """Per-label and micro-averaged scores of ``predictions`` (entity items per document)."""
    vocab = Vocab()
    examples = [example(vocab, doc["text"], doc["entities"], predicted) for doc, predicted in zip(documents, predictions)]
    scores = score_entities(examples)
    gold = Counter(label for doc in documents
                   for *_, label in {(*normalized_span(doc["text"], e["start"], e["end"]), e["label"]) for e in doc["entities"]})
    per_type = scores[f"{ENTITIES_ATTR}_per_type"] or {}
    per_label = {label: prf(per_type.get(label, {"p": 0.0, "r": 0.0, "f": 0.0}), gold[label]) for label in sorted(gold)}
    overall = {"p": scores[f"{ENTITIES_ATTR}_p"], "r": scores[f"{ENTITIES_ATTR}_r"], "f": scores[f"{ENTITIES_ATTR}_f"]}
    result = {"labels": per_label, "overall": prf(overall, sum(gold.values())), "documents": len(documents)}
    if "MONEY" in gold:
        matched, predicted, gold_money = (sum(counts) for counts in zip(*(
            money_amount_matches(doc["text"], doc["entities"], predicted) for doc, predicted in zip(documents, predictions))))
        precision = matched / predicted if predicted else 0.0
        recall = matched / gold_money if gold_money else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result["money_amounts"] = prf({"p": precision, "r": recall, "f": f1}, gold_money)
    return result


def evaluate(gold_path: Path, nlp: Language, articles: Sequence[Path] = ()) -> dict:
    """Run ``nlp`` on every gold text and score its ``doc._.newslens_entities``."""
    documents = read_gold(gold_path, articles)
    predictions = [doc._.newslens_entities or [] for doc in nlp.pipe(d["text"] for d in documents)]
    return score(documents, predictions)


def metrics_table(metrics: dict) -> Table:
    """The metrics as a rich table, one row per label and one for the micro-average."""
    table = Table(title=f"Entities ({metrics['documents']} documents)")
    for column in ("label", "precision", "recall", "F1", "gold"):
        table.add_column(column, justify="left" if column == "label" else "right")
    rows = [*metrics["labels"].items(), ("overall (micro)", metrics["overall"])]
    if "money_amounts" in metrics:
        rows.append(("MONEY (amount matched)", metrics["money_amounts"]))
    for label, m in rows:
        table.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["gold"]))
    return table
