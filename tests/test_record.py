"""The record defined once: its derived forms agree with the definition, `extra`, failures, a tolerant loader."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path
from typing import get_args, get_origin, get_type_hints

import jsonschema
import pandas as pd
import pyarrow as pa
import pytest

import pipeline
from pipeline.dump_names import DUMP_COLUMNS
from conftest import REPO
from pipeline import record as definition
from pipeline.export import parquet_schemas
from pipeline.frames import ARTICLE_COLUMNS, DTYPES, ITEM_COLUMNS, item_columns
from pipeline.ingest import read_articles
from pipeline.record import (
    EXTRA_MAX_BYTES,
    ITEM_TYPES,
    Failure,
    Record,
    bounded_extra,
    describe,
    error_entry,
    is_failure,
)
from pipeline.runner import process
from pipeline.schema import DOCS_END, DOCS_START, docs_tables, generate_schema, record_schema, schema_text

ARROW_OF_JSON = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64()}


def names(cls: type) -> list[str]:
    return [info.name for info in describe(cls)]


def docs_rows(cls_name: str) -> list[str]:
    """The field names in docs/schema.md's table of a record class."""
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text.split(f"### `{cls_name}`", 1)[1].split("###", 1)[0]
    return [line.split("|")[1].strip().strip("`") for line in section.splitlines() if line.startswith("| `")]


def test_schema_file_and_docs_tables_are_what_the_definition_generates():
    shipped = (REPO / "pipeline" / "schema" / "record.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_text(), "run `python -m pipeline.schema` after changing pipeline/record.py"
    docs = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    generated = docs[docs.index(DOCS_START) : docs.index(DOCS_END) + len(DOCS_END)]
    assert generated == docs_tables(), "run `python -m pipeline.schema` after changing pipeline/record.py"


@pytest.mark.parametrize("table", list(ITEM_TYPES))
def test_every_form_of_an_item_table_has_the_definitions_fields_in_order(table):
    cls = ITEM_TYPES[table]
    fields = names(cls)
    schema = record_schema()["$defs"][cls.__name__.lower()]
    assert list(schema["properties"]) == fields and schema["required"] == fields
    assert docs_rows(cls.__name__) == fields
    assert ITEM_COLUMNS[table] == fields
    arrow = parquet_schemas()[table]
    assert arrow.names == ["article_id", *fields]
    for info in describe(cls):  # the Arrow type is the JSON Schema type (free-form objects: JSON strings)
        kind = schema["properties"][info.name].get("type")
        kind = [k for k in kind if k != "null"][0] if isinstance(kind, list) else kind
        if kind in ARROW_OF_JSON:
            assert arrow.field(info.name).type == ARROW_OF_JSON[kind], info.name
        elif kind == "object":
            assert arrow.field(info.name).type == pa.string() and info.name in DTYPES[table]
    assert record_schema()["properties"][table]["items"] == {"$ref": f"#/$defs/{cls.__name__.lower()}"}


def test_articles_table_holds_every_scalar_of_the_record():
    schema = record_schema()
    assert list(schema["properties"]) == names(Record) == docs_rows("Record")
    expected = []
    for info in describe(Record):
        if info.item_type is not None:
            expected.append(f"n_{info.name}")
        elif dataclasses.is_dataclass(info.type):
            expected += [inner.column or f"{info.name}_{inner.name}" for inner in describe(info.type) if inner.column != ""]
        else:
            expected.append(info.column or info.name)
    assert [c for c in ARTICLE_COLUMNS if c != "words"] == expected
    assert parquet_schemas()["articles"].names == ARTICLE_COLUMNS
    assert {"article_id", "source_path", "source_line", "model", "warnings", "extra"} <= set(ARTICLE_COLUMNS)


def copied(f: dataclasses.Field) -> dataclasses.Field:
    """A fresh field like ``f`` (a dataclass's own fields cannot be reused by another)."""
    if f.default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=f.default_factory, metadata=f.metadata)
    return dataclasses.field(default=f.default, metadata=f.metadata)


def with_field(monkeypatch, cls: type, table: str, name: str, kind, spec) -> type:
    """``cls`` of the definition with one more field, in place of the original while the test runs."""
    hints = get_type_hints(cls)
    grown = dataclasses.make_dataclass(cls.__name__, [(f.name, hints[f.name], copied(f)) for f in dataclasses.fields(cls)]
                                       + [(name, kind, spec)], bases=(definition.Item,), slots=True)
    grown.__doc__ = cls.__doc__
    monkeypatch.setattr(definition, cls.__name__, grown)
    monkeypatch.setitem(ITEM_TYPES, table, grown)
    describe.cache_clear()
    return grown


def test_a_new_field_is_one_line_in_the_definition(monkeypatch):
    """A claim field added to the definition reaches the schema, the docs table, the frame columns and Arrow."""
    try:
        grown = with_field(monkeypatch, definition.Claim, "claims", "verdict", float | None,
                           definition.spec("a fact-checker's verdict in [0, 1]", default=None, minimum=0))
        assert generate_schema()["$defs"]["claim"]["properties"]["verdict"] == {"type": ["number", "null"], "minimum": 0}
        assert "| `verdict` | number \\| null | a fact-checker's verdict in [0, 1] |" in docs_tables()
        assert [c.name for c in item_columns("claims")][-1] == "verdict"
        assert parquet_schemas()["claims"].field("verdict").type == pa.float64()
        assert grown(id="c1", text="x", start=0, end=1, score=0.5, rank=1).to_dict()["verdict"] is None
    finally:
        describe.cache_clear()


def test_a_list_of_parts_reaches_every_derived_form():
    """A quote's ``speakers`` (a list of ``Speaker`` parts) is a $def in the schema, a table in the docs and structs in Arrow."""
    schema = generate_schema()
    assert schema["$defs"]["quote"]["properties"]["speakers"] == {"type": "array", "items": {"$ref": "#/$defs/speaker"}}
    assert list(schema["$defs"]["speaker"]["properties"]) == ["text", "start", "end", "canonical", "entity"]
    assert "### `Speaker`" in docs_tables() and "| `speakers` | list of `Speaker` |" in docs_tables()
    assert parquet_schemas()["quotes"].field("speakers").type == pa.list_(pa.struct(
        [("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("canonical", pa.string()), ("entity", pa.string())]))


def test_sample_record_is_valid_and_its_items_follow_the_definition(sample_record):
    jsonschema.validate(sample_record, record_schema())
    assert list(sample_record) == names(Record)
    for table, cls in ITEM_TYPES.items():
        assert sample_record[table], table
        assert all(list(item) == names(cls) for item in sample_record[table]), table


def test_failure_entries_are_their_own_type():
    entry = error_entry({"id": "a1", "source": {"path": "in.jsonl", "line": 3}}, "nlp", "in.jsonl:3: boom")
    assert entry == {"id": "a1", "source": {"path": "in.jsonl", "line": 3}, "stage": "nlp", "error": "in.jsonl:3: boom"}
    assert list(entry) == names(Failure)
    jsonschema.validate(entry, {**record_schema()["$defs"]["failure"], "$defs": record_schema()["$defs"]})
    assert is_failure(entry) and not is_failure({"id": "a1", "text": "x"})


def test_extra_keeps_scalars_and_short_lists_and_counts_what_it_drops():
    fields = {"outlet": "Gazette", "rank": 3, "score": 0.5, "paywalled": False, "section": None,
              "tags": ["politics", "courts"], "nested": {"a": 1}, "long": list(range(33)), "mixed": [1, {"b": 2}]}
    kept, warnings = bounded_extra(fields)
    assert kept == {"outlet": "Gazette", "rank": 3, "score": 0.5, "paywalled": False, "section": None, "tags": ["politics", "courts"]}
    assert warnings == ["extra: 3 of the input's other fields dropped (3 not a scalar or a list of at most 32 scalars)"]
    big = {f"field{i}": "é" * 10_000 for i in range(8)}  # 20 KB each as UTF-8
    kept, warnings = bounded_extra(big)
    assert list(kept) == ["field0", "field1", "field2"]
    assert len(json.dumps(kept, ensure_ascii=False).encode("utf-8")) <= EXTRA_MAX_BYTES
    assert warnings == ["extra: 5 of the input's other fields dropped (5 over the 64 KB limit)"]


def test_input_fields_beyond_the_article_reach_the_record_as_they_came(tmp_path, nlp):
    path = tmp_path / "in.jsonl"
    rows = [
        {"id": "a1", "headline": "Council votes", "body": "The council voted on Tuesday. \u201cIt passed,\u201d Mayor Ann Lee said.",
         "link": "https://example.org/a1", "date": "2024-05-01", "Outlet": "Gazette", "label": "real", "authors": ["Kim", "Ray"],
         "raw": {"html": "<p>"}},
        {"id": "a2", "text": "The council met again on Friday and voted to adjourn until May.", "source": "wire"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    articles = list(read_articles([path]))
    assert articles[0]["extra"] == {"Outlet": "Gazette", "label": "real"}
    first, second = process(articles, nlp)
    assert first["extra"] == {"Outlet": "Gazette", "label": "real"}
    assert first["url"] == "https://example.org/a1" and first["published"] == "2024-05-01" and first["byline"] == "Kim, Ray"
    assert "extra: 1 of the input's other fields dropped (1 not a scalar or a list of at most 32 scalars)" in first["meta"]["warnings"]
    assert second["extra"] == {"source": "wire"} and second["source"]["path"] == str(path)
    jsonschema.validate(first, record_schema())
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in (first, second)), encoding="utf-8")
    frames = pipeline.load(out)
    assert frames.articles["extra"].tolist() == [first["extra"], {"source": "wire"}]


NARRATED = ("I spent a week on the council's books. I believe the budget hides a deficit of $4 million.\n\n"
            "\u201cThe books balance,\u201d Mayor Ann Lee said on Tuesday.")


def narrator_quote(record: dict) -> dict:
    return next(q for q in record["quotes"] if q["speaker"] == "I")


@pytest.mark.parametrize("row, byline", [
    ({"author": "Jane Roe"}, "Jane Roe"),
    ({"Authors": [" Jane  Roe "]}, "Jane Roe"),
    ({"byline": "Jane Roe", "text": "By Kim Ray\n\n" + NARRATED}, "Jane Roe"),  # the input's field wins
    ({"text": "By Kim Ray | Staff writer\n\n" + NARRATED}, "Kim Ray"),
])
def test_the_narrators_quotes_are_credited_to_the_byline(tmp_path, nlp, row, byline):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": "Council books", "text": NARRATED, **row}) + "\n", encoding="utf-8")
    (record,) = process(read_articles([path]), nlp)
    assert record["byline"] == byline and not record["extra"]
    quote = narrator_quote(record)
    assert quote["speaker_canonical"] == byline and [s["canonical"] for s in quote["speakers"]] == [byline]
    assert "deficit" in quote["text"]
    others = [q for q in record["quotes"] if q is not quote]
    assert others and all(q["speaker_canonical"] != byline for q in others)  # Ann Lee stays Ann Lee
    claims = [c for c in record["claims"] if c["quote_id"] == quote["id"]]
    assert all(c["claimant_canonical"] == byline for c in claims)
    jsonschema.validate(record, record_schema())


def test_an_i_is_not_credited_to_a_byline_of_several_authors(tmp_path, nlp):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": "Council books", "text": NARRATED, "authors": ["Jane Roe", "Kim Ray"]}) + "\n",
                    encoding="utf-8")
    (record,) = process(read_articles([path]), nlp)
    assert record["byline"] == "Jane Roe, Kim Ray"
    assert narrator_quote(record)["speaker_canonical"] is None  # which of the two is "I" is unknown
    path.write_text(json.dumps({"id": "a1", "title": "Council books", "authors": ["Jane Roe", "Kim Ray"],
                                "text": NARRATED.replace("I spent", "We spent").replace("I believe", "We believe")}) + "\n",
                    encoding="utf-8")
    (record,) = process(read_articles([path]), nlp)
    we = next(q for q in record["quotes"] if q["speaker"] == "We")
    assert we["speaker_canonical"] == "Jane Roe, Kim Ray"  # "we" are the authors


def test_without_a_byline_the_narrator_names_nobody(tmp_path, nlp):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": "Council books", "text": "By 2025 the council expects growth.\n\n" + NARRATED}) + "\n",
                    encoding="utf-8")
    (record,) = process(read_articles([path]), nlp)
    assert record["byline"] is None
    assert narrator_quote(record)["speaker_canonical"] is None


def test_load_tolerates_records_missing_optional_fields(tmp_path):
    """Older or hand-written records without title, url, published, source, meta or items still load."""
    text = "Jane Doe spoke."
    minimal = {"id": "m1", "text": text, "entities": [{"id": "e1", "text": "Jane Doe", "label": "PERSON", "start": 0, "end": 8}],
               "quotes": [{"id": "q1", "text": "spoke", "start": 9, "end": 14, "type": "indirect", "speaker": None}]}
    nulls = {"id": "m2", "title": None, "text": text, "url": None, "published": None, "source": None, "meta": None,
             "entities": None, "quotes": [], "claims": None}
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(minimal) + "\n" + json.dumps(nulls) + "\n", encoding="utf-8")
    frames = pipeline.load(path)
    articles = frames.articles.set_index("article_id")
    assert articles.loc["m1", "words"] == 3 and articles.loc["m1", "n_entities"] == 1 and articles.loc["m2", "n_claims"] == 0
    assert articles["title"].isna().all() and articles["url"].isna().all() and articles["source_line"].isna().all()
    assert articles.loc["m1", "warnings"] == []
    quote = frames.quotes.iloc[0]
    assert quote["speaker_start"] is pd.NA and quote["spans"] == [] and quote["start"] == 9
    assert str(frames.quotes["speaker_start"].dtype) == "Int64" and frames.claims.empty
    assert list(frames.claims.columns) == ["article_id", *ITEM_COLUMNS["claims"], *DUMP_COLUMNS["claims"]]


def test_loader_dtypes_follow_the_field_types():
    for table, cls in ITEM_TYPES.items():
        for info in describe(cls):
            wanted = {int: "Int64", float: "float64"}.get(info.type, "object")
            assert DTYPES[table][info.name] == wanted, (table, info.name)
            if get_origin(info.type) is list:
                assert get_args(info.type)


def imports_of(path: Path, package: str) -> set[str]:
    """The ``pipeline`` modules a source file imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(package):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith(package))
    return found


def test_no_import_cycle_in_the_package():
    root = REPO / "pipeline"
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    # A module's own parent packages are always initialized before it: importing from them (`from
    # pipeline import __version__`) is no cycle.
    graph = {name: {m for m in imports_of(path, "pipeline") if m in modules and m != name and not name.startswith(m + ".")}
             for name, path in modules.items()}

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    return trail
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
        return None

    cycles = [c for name in graph if (c := cycle_from(name))]
    assert not cycles, cycles


def test_the_narrator_a_claim_seems_so_to_is_the_byline_too(tmp_path, nlp):
    text = "I spent a week on the council's books.\n\nThe mayor's plan to close the deficit seems credible to me, at least on paper."
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": "Council books", "text": text, "author": "Jane Roe"}) + "\n", encoding="utf-8")
    (record,) = process(read_articles([path]), nlp)
    (quote,) = [q for q in record["quotes"] if q["speaker"] == "me"]
    assert quote["speaker_canonical"] == "Jane Roe" and "credible" in quote["text"]
