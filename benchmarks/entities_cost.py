"""What the entity layer costs: its own time over finished Docs, as a share of the whole pipeline.

    python benchmarks/entities_cost.py                     # the first 300 bbc2000 articles
    python benchmarks/entities_cost.py --corpus ../shared/data/bench/us_political.jsonl --limit 300

The articles are cleaned, then run through the full ``load_nlp()`` pipeline (timed: the whole
pass), and through spaCy alone (``load_nlp(components=())``); the ``newslens_entities`` component
then runs again over those spaCy-only Docs (timed alone, after a warm-up on ten of them): its time
divided by the whole pass's is the layer's share. Everything runs in one process, on one set of
texts. Compare figures from one invocation only: the machine may be shared.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus import cleaned_texts

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "data" / "bench" / "bbc2000.jsonl")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    from pipeline.nlp import load_nlp

    texts = cleaned_texts(args.corpus, args.limit)
    words = sum(len(text.split()) for text in texts)
    full = load_nlp()
    list(full.pipe(texts[:10]))
    started = time.perf_counter()
    entities = sum(len(doc._.newslens_entities) for doc in full.pipe(texts, batch_size=args.batch_size))
    whole = time.perf_counter() - started
    spacy_only = load_nlp(components=())
    docs = list(spacy_only.pipe(texts, batch_size=args.batch_size))
    warm_up = list(spacy_only.pipe(texts[:10]))
    component = spacy_only.add_pipe("newslens_entities")  # added after the Docs were made: it runs only below
    for doc in warm_up:
        component(doc)
    started = time.perf_counter()
    for doc in docs:
        component(doc)
    layer = time.perf_counter() - started
    print(f"{len(texts)} articles, {words:,} words, {entities / len(texts):.1f} entities per article")
    print(f"whole pipeline: {whole:.1f} s ({words / whole:,.0f} words/s)")
    print(f"entity layer: {layer:.2f} s, {layer / len(texts) * 1000:.2f} ms per article, {layer / whole:.1%} of the pipeline")


if __name__ == "__main__":
    main()
