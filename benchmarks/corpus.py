"""Corpus reading shared by the benchmarks that time or compare stages on cleaned text."""

from __future__ import annotations

import json
from itertools import islice


def cleaned_texts(corpus: str, limit: int | None) -> list[str]:
    """The cleaned ``text`` of the first ``limit`` records of a JSONL corpus, as the clean stage gives it."""
    from pipeline.clean import clean_article

    with open(corpus, encoding="utf-8") as lines:
        return [clean_article(json.loads(line))["text"] for line in islice(lines, limit)]
