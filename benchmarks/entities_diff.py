"""What the entity layer changes on real articles: its entities against the bare model's, by kind.

    python benchmarks/entities_diff.py ../shared/data/bench/bbc2000.jsonl --limit 300
    python benchmarks/entities_diff.py ../shared/data/bench/reuters21578.jsonl --limit 300 --show 50 --seed 1

Each article is cleaned (``clean_article``) and run once through spaCy; the model's ``doc.ents``
are the bare entities, then the ``newslens_entities`` component runs on the same Doc. Only the
labels the layer works on are compared (PERSON, ORG, GPE, MONEY, LAW). Each difference is one of:

- ``relabel``: the same span, another label ("Twitter" PERSON → ORG);
- ``respan``: an overlapping span with the same label and other bounds ("about $4 billion" → "$4 billion");
- ``respan+relabel``: an overlapping span with another label and other bounds;
- ``added``: a layer entity that overlaps no bare entity of these labels;
- ``removed``: a bare entity that overlaps no layer entity of these labels.

The counts are printed by kind and label change; ``--show N`` prints a random sample of N
differences with their context (to read them and count how many are right).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from corpus import cleaned_texts

LABELS = frozenset({"PERSON", "ORG", "GPE", "MONEY", "LAW"})


def differences(bare: list[tuple[int, int, str]], layer: list[tuple[int, int, str]]) -> list[tuple[str, tuple | None, tuple | None]]:
    """``(kind, bare entity, layer entity)`` for every difference between two lists of ``(start, end, label)``."""
    bare_set, layer_set = set(bare), set(layer)
    found = []
    matched_bare = set()
    for entity in layer:
        if entity in bare_set:
            matched_bare.add(entity)
            continue
        start, end, label = entity
        overlapping = [b for b in bare if b[0] < end and start < b[1]]
        if not overlapping:
            found.append(("added", None, entity))
            continue
        for b in overlapping:
            matched_bare.add(b)
        same_span = [b for b in overlapping if (b[0], b[1]) == (start, end)]
        if same_span:
            found.append(("relabel", same_span[0], entity))
        elif any(b[2] == label for b in overlapping):
            found.append(("respan", next(b for b in overlapping if b[2] == label), entity))
        else:
            found.append(("respan+relabel", overlapping[0], entity))
    for entity in bare:
        if entity not in matched_bare and entity not in layer_set:
            if not any(l[0] < entity[1] and entity[0] < l[1] for l in layer):
                found.append(("removed", entity, None))
    return found


def describe(kind: str, bare: tuple | None, layer: tuple | None) -> str:
    """The difference's row key: its kind and the label change."""
    if kind == "added":
        return f"added {layer[2]}"
    if kind == "removed":
        return f"removed {bare[2]}"
    if bare[2] == layer[2]:
        return f"{kind} {layer[2]}"
    return f"{kind} {bare[2]} → {layer[2]}"


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[[{text[start:end]}]]{right}…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--show", type=int, default=0, help="print a random sample of this many differences")
    parser.add_argument("--kind", default=None, help="only show differences whose row starts with this (e.g. 'added PERSON')")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from pipeline.nlp import load_nlp

    texts = cleaned_texts(args.corpus, args.limit)
    nlp = load_nlp(components=())
    component = nlp.add_pipe("newslens_entities")
    counts: Counter = Counter()
    totals = Counter()
    shown = []
    for number, doc in enumerate(nlp.pipe(texts, batch_size=32, disable=["newslens_entities"])):
        bare = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS]
        component(doc)
        layer = [(e["start"], e["end"], e["label"]) for e in doc._.newslens_entities if e["label"] in LABELS]
        totals["bare"] += len(bare)
        totals["layer"] += len(layer)
        for kind, b, l in differences(bare, layer):
            row = describe(kind, b, l)
            counts[row] += 1
            if not args.kind or row.startswith(args.kind):
                shown.append((number, row, b, l, doc.text))
    print(f"{args.corpus.name}: {len(texts)} articles, bare {totals['bare']} entities, layer {totals['layer']} "
          f"({', '.join(sorted(LABELS))}); {sum(counts.values())} differences")
    for row, count in counts.most_common():
        print(f"  {count:>6}  {row}")
    if args.show:
        random.Random(args.seed).shuffle(shown)
        for number, row, b, l, text in sorted(shown[:args.show], key=lambda s: s[1]):
            where = l or b
            was = f" (bare: {text[b[0]:b[1]]!r} {b[2]})" if b and l else ""
            print(f"\n[{number}] {row}{was}\n    {context(text, where[0], where[1])}")


if __name__ == "__main__":
    main()
