"""Score the entity layer and the bare model (``enhance = false``) on entity gold files, side by side.

    .venv/bin/python benchmarks/entities_gold.py tests/data/entities_news_gold.jsonl tests/data/entities_news_heldout.jsonl
    .venv/bin/python benchmarks/entities_gold.py tests/data/entities_news_gold.jsonl --errors

F1 per label, MONEY also amount-matched (see ``pipeline.evaluate.entities``). ``--errors`` lists
each document's missed and spurious entities: use it on a tuning set only, never on a held-out one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.evaluate.entities import normalized_span, read_gold, score
from pipeline.nlp import load_nlp


def predictions(nlp, documents: list[dict]) -> list[list[dict]]:
    return [doc._.newslens_entities for doc in nlp.pipe(d["text"] for d in documents)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="+")
    parser.add_argument("--articles", type=Path, nargs="*", default=[],
                        help="JSONL of {id, text} holding the texts of gold lines labelled by id only.")
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", action="store_true", help="List each document's errors (tuning sets only).")
    args = parser.parse_args()
    bare = load_nlp(args.model, components=())
    bare.add_pipe("newslens_entities", config={"enhance": False})
    layer = load_nlp(args.model, components=("newslens_entities",))
    for path in args.gold:
        documents = read_gold(path, args.articles)
        runs = {"bare": predictions(bare, documents), "newslens": predictions(layer, documents)}
        metrics = {name: score(documents, predicted) for name, predicted in runs.items()}
        print(f"{path} ({len(documents)} documents)")
        print(f"  {'label':<24}{'bare F1':>9}{'newslens F1':>13}{'gold':>6}")
        rows = [(label, [m["labels"][label] for m in metrics.values()]) for label in metrics["bare"]["labels"]]
        if "money_amounts" in metrics["bare"]:
            rows.append(("MONEY (amount matched)", [m["money_amounts"] for m in metrics.values()]))
        rows.append(("overall (micro)", [m["overall"] for m in metrics.values()]))
        for label, (b, n) in rows:
            print(f"  {label:<24}{b['f1']:>9.3f}{n['f1']:>13.3f}{n['gold']:>6}")
        if args.errors:
            labels = set(metrics["bare"]["labels"])
            for document, predicted in zip(documents, runs["newslens"]):
                text = document["text"]
                def spans(entities):
                    return {(*normalized_span(text, e["start"], e["end"]), e["label"]) for e in entities if e["label"] in labels}
                gold, pred = spans(document["entities"]), spans(predicted)
                for tag, items in (("missed", gold - pred), ("spurious", pred - gold)):
                    for start, end, label in sorted(items):
                        print(f"    {document['id']} {tag:<8} {label:<7} {text[start:end]!r}")


if __name__ == "__main__":
    main()
