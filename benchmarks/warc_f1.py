"""Token-F1 of the WARC ingest against the gold article bodies.

Reads a WARC through ``pipeline.ingest.read_articles`` (what ``newslens batch`` sees), matches each
article to the gold record with the same URL, and prints the mean bag-of-words token-F1 of the
ingested text, of the cleaned body (``pipeline.clean``), and of trafilatura's plain ``extract()``
on the same HTML as a reference point.

    .venv/bin/python benchmarks/warc_f1.py ../shared/data/bench/aeb_sample.warc.gz \
        ../shared/data/bench/aeb_ground_truth.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from pipeline.clean import clean_article
from pipeline.ingest import is_failure, read_articles

TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> Counter[str]:
    """Lower-cased word tokens of a text, as a multiset."""
    return Counter(TOKEN.findall((text or "").lower()))


def token_f1(predicted: str | None, gold: str | None) -> float:
    """Bag-of-words F1 between two texts (1.0 when both are empty)."""
    pred, ref = tokens(predicted), tokens(gold)
    if not pred and not ref:
        return 1.0
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def trafilatura_reference(warc: Path) -> dict[str, str]:
    """trafilatura's default ``extract()`` of every HTML response, by URL."""
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    texts = {}
    with open(warc, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                url = record.rec_headers.get_header("WARC-Target-URI")
                texts[url] = trafilatura.extract(record.content_stream().read()) or ""
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("warc", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--no-reference", action="store_true", help="Skip the plain trafilatura.extract() reference run.")
    args = parser.parse_args()

    gold = {}
    with open(args.gold, encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            gold[item["url"]] = item["text"]

    ingested, cleaned, failures, unmatched = {}, {}, [], 0
    for item in read_articles([args.warc]):
        if is_failure(item):
            failures.append(item["error"])
            continue
        if item["url"] not in gold:
            unmatched += 1
            continue
        ingested[item["url"]] = item["text"]
        cleaned[item["url"]] = clean_article(item)["body"]

    def mean_f1(texts: dict[str, str]) -> float:
        # A gold page the ingest lost counts as F1 0, so failures cannot flatter the score.
        return statistics.mean(token_f1(texts.get(url), text) for url, text in gold.items())

    print(f"gold pages: {len(gold)}  ingested: {len(ingested)}  failures: {len(failures)}  not in gold: {unmatched}")
    for error in failures:
        print(f"  failure: {error}")
    print(f"mean token-F1, ingest text:           {mean_f1(ingested):.4f}")
    print(f"mean token-F1, cleaned body:          {mean_f1(cleaned):.4f}")
    if not args.no_reference:
        print(f"mean token-F1, trafilatura.extract(): {mean_f1(trafilatura_reference(args.warc)):.4f}")


if __name__ == "__main__":
    main()
