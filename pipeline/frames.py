"""Load processed output (JSON Lines, or the Parquet tables of ``newslens export``) into pandas DataFrames.

>>> import pipeline
>>> frames = pipeline.load("data/processed/")
>>> frames.quotes.groupby("speaker_canonical").size().sort_values()

Each item table is keyed by ``article_id`` (plus the item's own ``id``, unique within its article).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, NamedTuple

import pandas as pd

ITEM_TABLES = ("entities", "quotes", "claims")
# Columns whose values have no fixed shape; Parquet stores them as JSON strings (see pipeline/export.py).
JSON_STRING_COLUMNS = {"entities": ("normalized",)}
ARTICLE_COLUMNS = ["article_id", "title", "text", "url", "published", "source_path", "source_line",
                   "words", "n_entities", "n_quotes", "n_claims", "model", "newslens_version", "warnings"]
ITEM_COLUMNS = {
    "entities": ["id", "text", "label", "start", "end", "canonical", "cluster", "normalized"],
    "quotes": ["id", "text", "start", "end", "spans", "type", "cue", "cue_start", "cue_end", "speaker",
               "speaker_start", "speaker_end", "speaker_canonical", "speaker_entity", "confidence"],
    "claims": ["id", "text", "start", "end", "score", "rank", "kinds", "claimant", "claimant_canonical", "quote_id", "entity_ids"],
}


class NewsFrames(NamedTuple):
    """The four tables of a processed dump."""

    articles: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    claims: pd.DataFrame


def record_files(path: str | Path) -> list[Path]:
    """The record files under ``path``: a file itself, or every ``*.jsonl`` below a directory except errors files."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such file or directory")
    return sorted(p for p in path.rglob("*.jsonl") if not p.name.endswith(".errors.jsonl"))


def iter_records(path: str | Path) -> Iterator[dict]:
    """Yield every record of a processed file or directory."""
    for file in record_files(path):
        with open(file, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)


def article_row(record: dict) -> dict:
    """The ``articles`` row of a record."""
    return {
        "article_id": record["id"],
        "title": record["title"],
        "text": record["text"],
        "url": record["url"],
        "published": record["published"],
        "source_path": record["source"]["path"],
        "source_line": record["source"]["line"],
        "words": len(record["text"].split()),
        "n_entities": len(record["entities"]),
        "n_quotes": len(record["quotes"]),
        "n_claims": len(record["claims"]),
        "model": record["meta"]["model"],
        "newslens_version": record["meta"]["newslens_version"],
        "warnings": record["meta"]["warnings"],
    }


def frames_from_records(records: Iterator[dict]) -> NewsFrames:
    """Build the four tables from records."""
    articles: list[dict] = []
    items: dict[str, list[dict]] = {table: [] for table in ITEM_TABLES}
    for record in records:
        articles.append(article_row(record))
        for table in ITEM_TABLES:
            items[table].extend({"article_id": record["id"], **item} for item in record[table])
    return NewsFrames(
        pd.DataFrame(articles, columns=ARTICLE_COLUMNS),
        *(pd.DataFrame(items[table], columns=["article_id", *ITEM_COLUMNS[table]]) for table in ITEM_TABLES),
    )


def is_parquet_export(path: str | Path) -> bool:
    """True for a directory written by ``newslens export --format parquet``."""
    return (Path(path) / "articles.parquet").is_file()


def frames_from_parquet(directory: str | Path) -> NewsFrames:
    """Read the four tables of a Parquet export, with the same columns and values as from JSON Lines."""
    import pyarrow.parquet as pq

    frames = []
    for table in ("articles", *ITEM_TABLES):
        data = pq.read_table(Path(directory) / f"{table}.parquet")
        rows = data.to_pylist()  # row dicts, so the frames are built exactly as from JSON Lines
        for column in JSON_STRING_COLUMNS.get(table, ()):
            for row in rows:
                if row[column] is not None:
                    row[column] = json.loads(row[column])
        frames.append(pd.DataFrame(rows, columns=data.column_names))
    return NewsFrames(*frames)


def load(path: str | Path) -> NewsFrames:
    """Load processed output as ``articles``, ``entities``, ``quotes``, ``claims``.

    ``path`` is a JSON Lines file, a directory of them (batch shards included), or a directory
    written by ``newslens export --format parquet``.
    """
    if is_parquet_export(path):
        return frames_from_parquet(path)
    return frames_from_records(iter_records(path))

