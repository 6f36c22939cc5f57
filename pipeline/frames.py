"""Load processed output (JSON Lines, or the Parquet tables of ``newslens export``) into pandas DataFrames.

>>> import pipeline
>>> frames = pipeline.load("data/processed/")
>>> frames.quotes.groupby("speaker_canonical").size().sort_values()

Each item table is keyed by ``article_id`` (plus the item's own ``id``, unique within its article).
The tables' columns and dtypes come from the record's definition (:mod:`pipeline.record`): an
item table has one column per item field; the ``articles`` table has the record's own fields,
``source`` and ``meta`` flattened (``source_path``, ``model``, …), plus ``words`` and a count per
item table (``n_entities``, …). Integer columns are pandas' nullable ``Int64``; a record missing an
optional field (older output, hand-written files) loads with nulls there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, is_dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, get_origin

import pandas as pd

from pipeline.dump_names import with_dump_names
from pipeline.record import ITEM_TYPES, NO_COLUMN, Record, describe

ITEM_TABLES = tuple(ITEM_TYPES)


@dataclass(frozen=True)
class Column:
    """A column of a table: its name, where its value is in a record or item, its type."""

    name: str
    path: tuple[str, ...]
    type: Any
    compute: Callable[[dict], Any] | None = None  # for columns no field holds

    def value(self, data: dict) -> Any:
        if self.compute is not None:
            return self.compute(data)
        value: Any = data
        for key in self.path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None and get_origin(self.type) is list:
            return []
        return value


def article_columns() -> list[Column]:
    """The ``articles`` table's columns, in the definition's order."""
    columns = []
    for info in describe(Record):
        if info.item_type is not None:
            name = info.name
            columns.append(Column(f"n_{name}", (), int, lambda record, name=name: len(record.get(name) or [])))
        elif is_dataclass(info.type):
            columns += [Column(inner.column or f"{info.name}_{inner.name}", (info.name, inner.name), inner.type)
                        for inner in describe(info.type) if inner.column != NO_COLUMN]
        else:
            columns.append(Column(info.column or info.name, (info.name,), info.type))
        if info.name == "text":
            columns.append(Column("words", (), int, lambda record: len((record.get("text") or "").split())))
    return columns


def item_columns(table: str) -> list[Column]:
    """An item table's columns: ``article_id``, then one per field of its item class."""
    return [Column(info.name, (info.name,), info.type) for info in describe(ITEM_TYPES[table])]


def dtype(column: Column) -> str:
    """The pandas dtype of a column: nullable integers, floats, objects for text, lists and dicts."""
    if column.type is int:
        return "Int64"
    if column.type is float:
        return "float64"
    if column.type is bool:
        return "boolean"
    return "object"


def is_json_column(column: Column) -> bool:
    """True for a column of free-form objects, stored in Parquet as JSON strings (``normalized``, ``extra``)."""
    return column.type is dict or get_origin(column.type) is dict


def table_columns() -> dict[str, list[Column]]:
    """Every table's columns (an item table's ``article_id`` first), from the definition as it is now."""
    return {"articles": article_columns(),
            **{table: [Column("article_id", (), str), *item_columns(table)] for table in ITEM_TABLES}}


TABLE_COLUMNS = table_columns()
ARTICLE_COLUMN_SPECS = TABLE_COLUMNS["articles"]
ITEM_COLUMN_SPECS = {table: TABLE_COLUMNS[table][1:] for table in ITEM_TABLES}
ARTICLE_COLUMNS = [c.name for c in ARTICLE_COLUMN_SPECS]
ITEM_COLUMNS = {table: [c.name for c in specs] for table, specs in ITEM_COLUMN_SPECS.items()}
DTYPES = {table: {c.name: dtype(c) for c in columns} for table, columns in TABLE_COLUMNS.items()}
# Columns whose values have no fixed shape; Parquet stores them as JSON strings (see pipeline/export.py).
JSON_STRING_COLUMNS = {table: tuple(c.name for c in columns if is_json_column(c)) for table, columns in TABLE_COLUMNS.items()}


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
    """The ``articles`` row of a record (missing optional fields are null)."""
    return {column.name: column.value(record) for column in ARTICLE_COLUMN_SPECS}


def item_rows(table: str, record: dict) -> Iterator[dict]:
    """The rows of an item table from one record (missing optional fields are null)."""
    columns = ITEM_COLUMN_SPECS[table]
    article_id = record.get("id")
    for item in record.get(table) or []:
        yield {"article_id": article_id, **{column.name: column.value(item) for column in columns}}


def typed_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A table's DataFrame with the definition's columns and dtypes."""
    return pd.DataFrame(rows, columns=list(DTYPES[table])).astype(DTYPES[table])


def frames_from_records(records: Iterator[dict]) -> NewsFrames:
    """Build the four tables from records."""
    articles: list[dict] = []
    items: dict[str, list[dict]] = {table: [] for table in ITEM_TABLES}
    for record in records:
        articles.append(article_row(record))
        for table in ITEM_TABLES:
            items[table].extend(item_rows(table, record))
    return NewsFrames(typed_frame("articles", articles), *(typed_frame(table, items[table]) for table in ITEM_TABLES))


def is_parquet_export(path: str | Path) -> bool:
    """True for a directory written by ``newslens export --format parquet``."""
    return (Path(path) / "articles.parquet").is_file()


def frames_from_parquet(directory: str | Path) -> NewsFrames:
    """Read the four tables of a Parquet export, with the same columns and values as from JSON Lines."""
    import pyarrow.parquet as pq

    frames = []
    for table in ("articles", *ITEM_TABLES):
        rows = pq.read_table(Path(directory) / f"{table}.parquet").to_pylist()  # row dicts, built as from JSON Lines
        for column in JSON_STRING_COLUMNS[table]:
            for row in rows:
                if row.get(column) is not None:
                    row[column] = json.loads(row[column])
        frames.append(typed_frame(table, rows))
    return NewsFrames(*frames)


def load(path: str | Path) -> NewsFrames:
    """Load processed output as ``articles``, ``entities``, ``quotes``, ``claims``.

    ``path`` is a JSON Lines file, a directory of them (batch shards included), or a directory
    written by ``newslens export --format parquet``.
    """
    frames = frames_from_parquet(path) if is_parquet_export(path) else frames_from_records(iter_records(path))
    return with_dump_names(frames)
