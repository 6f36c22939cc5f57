"""Export processed JSON Lines to Parquet: ``articles``, ``entities``, ``quotes`` and ``claims`` tables.

``export_parquet(processed, out_dir)`` writes ``articles.parquet``, ``entities.parquet``,
``quotes.parquet`` and ``claims.parquet`` into ``out_dir``, streaming (a row group every
:data:`ROWS_PER_GROUP` articles), with the columns of :func:`pipeline.load`'s DataFrames. Types are
chosen so pandas, DuckDB and Spark read them as they are: offsets are int64, lists stay lists
(``spans`` is ``list<list<int64>>``, ``kinds``, ``entity_ids`` and ``warnings`` are
``list<string>``), and ``normalized`` — whose fields differ by label — is a JSON string
(DuckDB: ``normalized::JSON``; Spark: ``from_json``).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.frames import ARTICLE_COLUMNS, ITEM_COLUMNS, ITEM_TABLES, JSON_STRING_COLUMNS, article_row, iter_records

ROWS_PER_GROUP = 2000


def parquet_schemas() -> dict:
    """The pyarrow schema of each table."""
    import pyarrow as pa

    text, integer, number, texts = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
    types = {
        "articles": {"source_line": integer, "words": integer, "n_entities": integer, "n_quotes": integer, "n_claims": integer, "warnings": texts},
        "entities": {"start": integer, "end": integer},
        "quotes": {"start": integer, "end": integer, "spans": pa.list_(pa.list_(integer)), "cue_start": integer, "cue_end": integer,
                   "speaker_start": integer, "speaker_end": integer, "confidence": number},
        "claims": {"start": integer, "end": integer, "score": number, "rank": integer, "kinds": texts, "entity_ids": texts},
    }
    columns = {"articles": ARTICLE_COLUMNS, **{table: ["article_id", *ITEM_COLUMNS[table]] for table in ITEM_TABLES}}
    return {table: pa.schema([(name, types[table].get(name, text)) for name in columns[table]]) for table in columns}


def parquet_row(table: str, row: dict) -> dict:
    """A row as stored in Parquet: nested values without a fixed shape become JSON strings."""
    for column in JSON_STRING_COLUMNS.get(table, ()):
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
            rows["articles"].append(article_row(record))
            for table in ITEM_TABLES:
                rows[table].extend(parquet_row(table, {"article_id": record["id"], **item}) for item in record[table])
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
