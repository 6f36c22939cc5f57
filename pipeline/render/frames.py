"""Records rebuilt from the DataFrames of ``pipeline.load``, so views work on any format the loader reads."""

from __future__ import annotations

import math
from typing import Iterable, Iterator

import pandas as pd

from pipeline.frames import ITEM_TABLES, NewsFrames

OFFSET_KEYS = {"start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end"}


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


def item_row(columns: list[str], values: tuple) -> dict:
    """One item as a dict of plain values, offsets back to ints (a column with nulls holds floats)."""
    row = {column: plain(value) for column, value in zip(columns, values)}
    for key in OFFSET_KEYS & row.keys():
        if row[key] is not None:
            row[key] = int(row[key])
    return row


def item_rows(table: pd.DataFrame) -> dict[str, list[dict]]:
    """An item table's rows as dicts (``article_id`` dropped), grouped by article id."""
    grouped: dict[str, list[dict]] = {}
    columns = [c for c in table.columns if c != "article_id"]
    for article_id, *values in table[["article_id", *columns]].itertuples(index=False, name=None):
        grouped.setdefault(article_id, []).append(item_row(columns, values))
    return grouped


def records_from_frames(frames: NewsFrames, ids: Iterable[str] | None = None) -> Iterator[dict]:
    """Yield the record of each article (all, or those in ``ids``) with the fields the views use."""
    articles = frames.articles
    tables = {table: getattr(frames, table) for table in ITEM_TABLES}
    if ids is not None:
        wanted = set(ids)
        articles = articles[articles["article_id"].isin(wanted)]
        tables = {name: table[table["article_id"].isin(wanted)] for name, table in tables.items()}
    items = {name: item_rows(table) for name, table in tables.items()}
    for row in articles.to_dict("records"):
        row = {key: plain(value) for key, value in row.items()}
        article_id, line = row["article_id"], row.get("source_line")
        yield {
            "id": article_id,
            "title": row.get("title"),
            "text": row["text"],
            "url": row.get("url"),
            "published": row.get("published"),
            "source": {"path": row.get("source_path") or "", "line": None if line is None else int(line)},
            "entities": items["entities"].get(article_id, []),
            "quotes": items["quotes"].get(article_id, []),
            "claims": items["claims"].get(article_id, []),
            "meta": {"model": row.get("model"), "newslens_version": row.get("newslens_version"),
                     "warnings": row.get("warnings") or []},
        }
