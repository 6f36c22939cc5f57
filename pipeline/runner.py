"""Run articles through clean → nlp → extract, streaming, in bounded batches.

``process(items, nlp)`` takes the ingest stream (articles and failure entries) and yields, in
input order, one record per article or one failure entry: nothing is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from pipeline.clean import clean_article
from pipeline.nlp import cache_chunks, model_label, pipe_texts
from pipeline.record import build_record, error_entry, is_failure

if TYPE_CHECKING:
    from spacy.language import Language

# Memory, not speed, grows with a batch (NOTES.md: ≈ 370 MB at 16 articles, 2 GB at 256), and it
# grows with the batch's text, not its article count: a batch that is also bounded in characters
# keeps the peak the same wherever a dump's long articles sit (Reuters' longest 32-article run is
# 62,000 characters, 30% over any in its first 2,000 articles, and raised the peak with it).
DEFAULT_BATCH_SIZE = 32
DEFAULT_BATCH_CHARS = 48_000


def item_chars(item: dict) -> int:
    """The characters an item brings to a batch: its title and text (none for a failure entry)."""
    return 0 if is_failure(item) else len(item.get("title") or "") + len(item.get("text") or "")


def batched(items: Iterable[dict], size: int, max_chars: int = DEFAULT_BATCH_CHARS) -> Iterator[list[dict]]:
    """Yield lists of at most ``size`` items and ``max_chars`` characters (an article longer than that alone)."""
    batch: list[dict] = []
    chars = 0
    for item in items:
        length = item_chars(item)
        if batch and chars + length > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += length
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def process(
    items: Iterable[dict], nlp: Language, batch_size: int = DEFAULT_BATCH_SIZE, batch_chars: int = DEFAULT_BATCH_CHARS
) -> Iterator[dict]:
    """Turn each article of the stream into a record, or a failure entry, in input order."""
    model = model_label(nlp)
    for batch in batched(items, batch_size, batch_chars):
        yield from process_batch(batch, nlp, model)


def process_batch(batch: list[dict], nlp: Language, model: str) -> list[dict]:
    """Clean and analyse one batch; a failing article becomes a failure entry, not a failed batch."""
    results: list[dict | None] = [None] * len(batch)
    pending: list[tuple[int, dict, dict]] = []
    for index, item in enumerate(batch):
        if is_failure(item):
            results[index] = item
            continue
        try:
            cleaned = clean_article(item)
        except Exception as exc:  # one bad article must not stop the run
            results[index] = error_entry(item, "clean", f"{type(exc).__name__}: {exc}")
            continue
        if not cleaned["text"].strip():
            results[index] = error_entry(item, "clean", "article is empty after cleaning")
            continue
        pending.append((index, item, cleaned))
    cache_chunks(nlp, [cleaned["text"] for _, _, cleaned in pending])
    # Records are built inside the memory zone: Docs (and their strings) must not outlive it.
    with nlp.memory_zone():
        try:
            docs = list(pipe_texts(nlp, (cleaned["text"] for _, _, cleaned in pending)))
            for (index, item, cleaned), doc in zip(pending, docs):
                results[index] = build_record(item, cleaned, doc, model)
        except Exception:
            for index, item, cleaned in pending:  # find the article that failed, keep the others
                results[index] = analyse_one(item, cleaned, nlp, model)
    return [r for r in results if r is not None]


def analyse_one(item: dict, cleaned: dict, nlp: Language, model: str) -> dict:
    """Analyse a single article, turning an exception into a failure entry."""
    try:
        return build_record(item, cleaned, next(pipe_texts(nlp, [cleaned["text"]])), model)
    except Exception as exc:
        return error_entry(item, "nlp", f"{type(exc).__name__}: {exc}")
