"""What the claims stage costs: the pipeline without it, then each claims model on the same Docs.

    python benchmarks/claims_cost.py                       # the first 200 bbc2000 articles
    python benchmarks/claims_cost.py --limit 500 --models fast accurate

The articles are cleaned and run once through ``load_nlp()`` without ``newslens_claims`` (timed:
the rest of the pass), then the claims component runs over the finished Docs with each model, in
batches of ``--batch-size`` as ``nlp.pipe`` feeds it (timed alone, after one warm-up batch). "With it" words/s adds the stage's time to the rest of the
pass, so both figures come from one process and one set of Docs. Compare figures from one
invocation only: the machine may be shared.
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
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--models", nargs="+", default=["fast", "accurate"], help="shipped model names or model directories")
    args = parser.parse_args()

    from pipeline.extract.claims import ClaimsComponent
    from pipeline.nlp import NEWSLENS_COMPONENTS, load_nlp

    texts = cleaned_texts(args.corpus, args.limit)
    words = sum(len(text.split()) for text in texts)
    nlp = load_nlp(components=tuple(name for name in NEWSLENS_COMPONENTS if name != "newslens_claims"))
    list(nlp.pipe(texts[:10]))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=args.batch_size))
    rest = time.perf_counter() - started
    print(f"{len(texts)} articles, {words:,} words; the pass without the claims stage: {rest:.1f} s, {words / rest:,.0f} words/s")
    for model_dir in args.models:
        component = ClaimsComponent("newslens_claims", model_dir, None)
        component.process_batch(docs[: args.batch_size])
        started = time.perf_counter()
        for start in range(0, len(docs), args.batch_size):
            component.process_batch(docs[start : start + args.batch_size])
        stage = time.perf_counter() - started
        claims = sum(len(doc._.newslens_claims) for doc in docs)
        print(
            f"{model_dir}: {stage / len(docs) * 1000:.1f} ms per article, {stage / (rest + stage):.1%} of the pass; "
            f"with it {words / (rest + stage):,.0f} words/s; {claims / len(docs):.1f} claims per article"
        )


if __name__ == "__main__":
    main()
