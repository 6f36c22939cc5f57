"""Parquet export: four tables with Parquet-friendly types, read back by pipeline.load as from JSON Lines."""

from __future__ import annotations

import copy
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

import pipeline
from pipeline.cli import app

runner = CliRunner()


def with_claim(record: dict) -> dict:
    """A second record: the sample with another id and, as its only claim, its first sentence."""
    other = copy.deepcopy(record)
    other["id"] = "second"
    end = other["text"].index(".", len(other["title"]) + 2) + 1
    start = len(other["title"]) + 2
    inside = [e["id"] for e in other["entities"] if start <= e["start"] and e["end"] <= end]
    other["claims"] = [{"id": "c1", "text": other["text"][start:end], "start": start, "end": end, "score": 0.75,
                        "kinds": ["legal", "numeric"], "claimant": None, "claimant_canonical": None, "quote_id": None, "entity_ids": inside}]
    return other


def test_export_writes_four_typed_tables_that_load_like_the_jsonl(tmp_path, sample_record):
    processed = tmp_path / "processed"
    processed.mkdir()
    records = [sample_record, with_claim(sample_record)]
    (processed / "part-000000.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (processed / "part-000000.errors.jsonl").write_text(json.dumps({"id": None, "source": {"path": "x", "line": 1}, "stage": "ingest", "error": "x:1: bad"}) + "\n")

    out = tmp_path / "parquet"
    result = runner.invoke(app, ["export", str(processed), "--format", "parquet", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["articles.parquet", "claims.parquet", "entities.parquet", "quotes.parquet"]

    entities = pq.read_schema(out / "entities.parquet")
    assert entities.field("start").type == pa.int64() and entities.field("normalized").type == pa.string()
    quotes = pq.read_schema(out / "quotes.parquet")
    assert quotes.field("spans").type == pa.list_(pa.list_(pa.int64())) and quotes.field("confidence").type == pa.float64()
    claims = pq.read_table(out / "claims.parquet")
    assert claims.schema.field("kinds").type == pa.list_(pa.string())
    assert claims.num_rows == len(sample_record["claims"]) + 1
    assert claims.column("kinds").to_pylist()[-1] == ["legal", "numeric"]
    assert pd.read_parquet(out / "articles.parquet")["article_id"].tolist() == [sample_record["id"], "second"]

    from_jsonl, from_parquet = pipeline.load(processed), pipeline.load(out)
    for table in from_jsonl._fields:
        pd.testing.assert_frame_equal(getattr(from_parquet, table), getattr(from_jsonl, table))
    money = from_parquet.entities[from_parquet.entities["label"] == "MONEY"]
    normalized = [n for n in from_jsonl.entities["normalized"] if n is not None]
    assert all(isinstance(n, dict) for n in from_parquet.entities["normalized"] if n is not None)
    assert len(normalized) == sum(n is not None for n in from_parquet.entities["normalized"])
    assert len(money) == 2 * sum(e["label"] == "MONEY" for e in sample_record["entities"])


def test_export_refuses_an_unknown_format(tmp_path):
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["export", str(tmp_path / "a.jsonl"), "--format", "orc", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "only export format is parquet" in result.output
