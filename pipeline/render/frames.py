"""Records rebuilt from the DataFrames of ``pipeline.load``, so views work on any format the loader reads.

The record's shape comes from its definition (:mod:`pipeline.record`) through the loader's column
specifications (:mod:`pipeline.frames`): a field the frames hold is put back where the record has it.
"""

from __future__ import annotations

import math
from typing import Iterable, Iterator, get_origin

import pandas as pd

from pipeline.frames import ARTICLE_COLUMN_SPECS, ITEM_COLUMN_SPECS, ITEM_TABLES, NewsFrames
from pipeline.record import Record, describe


def plain(value):
    """A DataFrame cell as plain JSON data: NaN/NA → None, numpy scalars and arrays → Python values."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "tolist"):  # numpy scalars, and the arrays Parquet gives for list columns
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def typed(value, kind):
    """A plain cell value as its field's type: integers back to ``int`` (a column with nulls may hold floats), lists never null."""
    if value is None:
        return [] if get_origin(kind) is list else None
    return int(value) if kind is int else value


def item_rows(table: str, frame: pd.DataFrame) -> dict[str, list[dict]]:
    """An item table's rows as item dicts, grouped by article id."""
    grouped: dict[str, list[dict]] = {}
    specs = [c for c in ITEM_COLUMN_SPECS[table] if c.name in frame.columns]
    for article_id, *values in frame[["article_id", *(c.name for c in specs)]].itertuples(index=False, name=None):
        item = {c.name: typed(plain(value), c.type) for c, value in zip(specs, values)}
        grouped.setdefault(article_id, []).append(item)
    return grouped


RECORD_ORDER = [info.name for info in describe(Record)]


def record_of(row: dict, items: dict[str, dict[str, list[dict]]]) -> dict:
    """The record of one ``articles`` row and its items, its fields where the definition puts them."""
    record: dict = {}
    for column in ARTICLE_COLUMN_SPECS:
        if not column.path or column.name not in row:
            continue
        *parents, key = column.path
        target = record
        for parent in parents:
            target = target.setdefault(parent, {})
        target[key] = typed(plain(row[column.name]), column.type)
    article_id = record.get("id")
    for table in ITEM_TABLES:
        record[table] = items[table].get(article_id, [])
    return {name: record[name] for name in RECORD_ORDER if name in record}


def records_from_frames(frames: NewsFrames, ids: Iterable[str] | None = None) -> Iterator[dict]:
    """Yield the record of each article (all, or those in ``ids``) with the fields the frames hold."""
    articles = frames.articles
    tables = {table: getattr(frames, table) for table in ITEM_TABLES}
    if ids is not None:
        wanted = set(ids)
        articles = articles[articles["article_id"].isin(wanted)]
        tables = {name: table[table["article_id"].isin(wanted)] for name, table in tables.items()}
    items = {name: item_rows(name, table) for name, table in tables.items()}
    for row in articles.to_dict("records"):
        yield record_of(row, items)
