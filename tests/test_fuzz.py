"""Fuzzing the whole pipeline: random and adversarial articles each end as one record or one error.

Hypothesis draws articles from pieces that broke extractors before — quotation marks of every kind,
unbalanced and in runs; emoji and RTL scripts; control characters and line separators; huge
repeated tokens; bytes that are not UTF-8 — and runs each through ingest, clean, spaCy and the
extract stages. Each must come out as exactly one record or one failure entry, within its time
budget, and every offset in a record must index the record's own text. The seed is fixed
(``derandomize``) and the budget small, so CI runs the same examples every time in seconds.
"""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.batch import Budget
from pipeline.ingest import read_articles
from pipeline.runner import process
from pipeline.write import dumps

PIECES = [
    "The council voted on Tuesday.", "Mayor Jane Roe said", "“We will build it,” she said.", "\"", "“", "”", "„", "«", "»", "''", "``",
    "said", "told reporters", "according to", "$1", "$40 million", "€2.5bn", "8 U.S.C. 1373", "Section 8(a)", "H.R. 1234",
    "😀", "👍🏽", "🇺🇸", "שלום עולם", "مرحبا بالعالم", "\u202e", "\u200f", "\u2028", "\u2029", "\u0085", "\x00", "\x1c", "\x7f",
    "\t", "\r", "\n", "\n\n", "  ", "read more : : :", "via ", "\nmore", " Reuter", "<ABC.N>", "***", "&amp;", "â€™", "\ufffd",
]
WORDS = st.sampled_from(PIECES) | st.text(min_size=1, max_size=12)
RUN = st.builds(lambda piece, n: piece * n, st.sampled_from(PIECES), st.integers(min_value=50, max_value=3_000))
TEXTS = st.lists(WORDS | RUN, min_size=1, max_size=40).map(" ".join)
BUDGET = Budget()


def offsets(node, path="record"):
    """Every (path, start, end, text-or-None) of a record: dicts with integer start/end, and [start, end] span pairs."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield path, node["start"], node["end"], node.get("text") if isinstance(node.get("text"), str) else None
        for key, value in node.items():
            if key not in ("source", "meta"):
                yield from offsets(value, f"{path}.{key}")
    elif isinstance(node, list):
        if len(node) == 2 and all(isinstance(v, int) for v in node) and path.endswith("spans"):
            yield path, node[0], node[1], None
        for index, value in enumerate(node):
            yield from offsets(value, f"{path}[{index}]")


def check_outcome(items: list[dict], expected: int, started: float, chars: int) -> None:
    assert len(items) == expected
    assert time.monotonic() - started < BUDGET.seconds * max(1.0, chars / 10_000) * expected
    for item in items:
        line = dumps(item)
        assert line.splitlines() == [line] and json.loads(line) == item
        if "error" in item:
            assert item["source"]["path"] and item["error"]
            continue
        text = item["text"]
        for where, start, end, quoted in offsets(item):
            assert 0 <= start <= end <= len(text), where
            if quoted is not None and where.count(".") == 1:  # an entity, quote or claim: its text is the slice
                assert text[start:end] == quoted, where


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(title=st.one_of(st.none(), TEXTS), text=TEXTS)
def test_any_article_is_one_record_or_one_error(nlp, tmp_path_factory, title, text):
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_text(json.dumps({"title": title, "text": text}) + "\n", encoding="utf-8")
    started = time.monotonic()
    items = list(process(read_articles([str(path)]), nlp))
    check_outcome(items, 1, started, len(text) + len(title or ""))


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.binary(min_size=1, max_size=3_000) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")[::-1]))
def test_any_bytes_as_a_text_file_are_one_record_or_one_error(nlp, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "in.txt"
    path.write_bytes(data)
    started = time.monotonic()
    items = list(process(read_articles([str(path)]), nlp))
    check_outcome(items, 1, started, len(data))
