"""Export processed JSON Lines to Parquet: ``articles``, ``entities``, ``quotes`` and ``claims`` tables.

``export_parquet(processed, out_dir)`` writes ``articles.parquet``, ``entities.parquet``,
``quotes.parquet`` and ``claims.parquet`` into ``out_dir``, streaming (a row group every
:data:`ROWS_PER_GROUP` articles), with the columns of :func:`pipeline.load`'s DataFrames. The
Arrow types come from the record's definition (:mod:`pipeline.record`), so pandas, DuckDB and
Spark read them as they are: offsets are int64, lists stay lists (``spans`` is
``list<list<int64>>``, ``kinds``, ``entity_ids`` and ``warnings`` are ``list<string>``), and the
free-form objects — ``normalized``, whose fields differ by label, and ``extra`` — are JSON
strings (DuckDB: ``normalized::JSON``; Spark: ``from_json``).
"""

from __future__ import annotations

import json
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pipeline.frames import ITEM_TABLES, JSON_STRING_COLUMNS, article_row, item_rows, iter_records, table_columns
from pipeline.record import describe

ROWS_PER_GROUP = 2000


def arrow_type(kind: Any):
    """The Arrow type of a field's Python type (free-form objects are JSON strings)."""
    import pyarrow as pa

    if get_origin(kind) is list:
        return pa.list_(arrow_type(get_args(kind)[0]))
    if is_dataclass(kind):  # a part of an item (a quote's speakers, say): a struct of its fields
        return pa.struct([(info.name, arrow_type(info.type)) for info in describe(kind)])
    if kind is int:
        return pa.int64()
    if kind is float:
        return pa.float64()
    if kind is bool:
        return pa.bool_()
    if kind is str or get_origin(kind) is Literal or kind is dict or get_origin(kind) is dict:
        return pa.string()
    raise TypeError(f"no Arrow type for {kind!r}: give the record field a type pipeline/export.py knows")


def parquet_schemas() -> dict:
    """The pyarrow schema of each table."""
    import pyarrow as pa

    return {table: pa.schema([(c.name, arrow_type(c.type)) for c in columns]) for table, columns in table_columns().items()}


def parquet_row(table: str, row: dict) -> dict:
    """A row as stored in Parquet: nested values without a fixed shape become JSON strings."""
    for column in JSON_STRING_COLUMNS[table]:
        if row[column] is not None:
            row[column] = json.dumps(row[column], ensure_ascii=False)
    return row


def export_parquet(processed: str | Path, out_dir: str | Path) -> dict[str, int]:
    """Write the four tables of the processed JSON Lines under ``processed`` to ``out_dir``; return their row counts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    schemas = parquet_schemas()
    temporary = {table: out_dir / f".{table}.parquet.tmp" for table in schemas}
    writers = {table: pq.ParquetWriter(temporary[table], schemas[table]) for table in schemas}
    rows: dict[str, list[dict]] = {table: [] for table in schemas}
    counts = dict.fromkeys(schemas, 0)

    def flush() -> None:
        for table, pending in rows.items():
            if pending:
                writers[table].write_table(pa.Table.from_pylist(pending, schema=schemas[table]))
                counts[table] += len(pending)
                pending.clear()

    try:
        for n, record in enumerate(iter_records(processed), start=1):
            rows["articles"].append(parquet_row("articles", article_row(record)))
            for table in ITEM_TABLES:
                rows[table].extend(parquet_row(table, row) for row in item_rows(table, record))
            if n % ROWS_PER_GROUP == 0:
                flush()
        flush()
    except BaseException:
        for table, writer in writers.items():
            writer.close()
            temporary[table].unlink(missing_ok=True)
        raise
    for writer in writers.values():
        writer.close()
    for table, path in temporary.items():
        path.replace(out_dir / f"{table}.parquet")
    return counts
