"""The record's JSON Schema and the field tables of docs/schema.md, generated from :mod:`pipeline.record`.

``python -m pipeline.schema`` rewrites ``pipeline/schema/record.schema.json`` and the generated part
of ``docs/schema.md``; ``tests/test_record.py`` fails when either differs from what it would write.
"""

from __future__ import annotations

import json
import typing
from dataclasses import is_dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pipeline.record import Failure, FieldInfo, Record, describe

SCHEMA_FILE = "record.schema.json"
DOCS_START = "<!-- generated from pipeline/record.py by `python -m pipeline.schema`: edit the definition, not this table -->"
DOCS_END = "<!-- end of the generated tables -->"


@lru_cache(maxsize=1)
def record_schema() -> dict:
    """The JSON Schema every record satisfies (the shipped file)."""
    return json.loads(files("pipeline.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def def_name(cls: type) -> str:
    return cls.__name__.lower()


def type_schema(kind: Any, nullable: bool = False) -> dict:
    """The JSON Schema of a Python type of the definition."""
    if is_dataclass(kind):
        schema = {"$ref": f"#/$defs/{def_name(kind)}"}
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema
    if get_origin(kind) is Literal:
        values = list(get_args(kind))
        return {"enum": values + [None] if nullable else values}
    if kind is Any:
        return {}
    if get_origin(kind) is typing.Union:  # a union of scalars
        return {"$ref": "#/$defs/scalar"}
    if get_origin(kind) is list:
        schema = {"type": "array", "items": type_schema(*get_args(kind))}
    elif kind is dict or get_origin(kind) is dict:
        schema = {"type": "object"}
    else:
        schema = {"type": {str: "string", int: "integer", float: "number", bool: "boolean"}[kind]}
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def field_schema(info: FieldInfo) -> dict:
    extra = dict(info.schema)
    if "json" in extra:
        return extra.pop("json")
    return {**type_schema(info.type, info.nullable), **extra}


def object_schema(cls: type) -> dict:
    """An object with exactly the fields of ``cls``, all required (unknown values are null, never missing)."""
    infos = describe(cls)
    return {
        "type": "object",
        "description": cls.__doc__.strip(),
        "additionalProperties": False,
        "required": [info.name for info in infos],
        "properties": {info.name: field_schema(info) for info in infos},
    }


def nested_classes(cls: type, seen: dict[str, type] | None = None) -> dict[str, type]:
    """The record classes reachable from ``cls`` (itself excluded), by their $defs name."""
    seen = {} if seen is None else seen
    for info in describe(cls):
        inner = info.item_type or (info.type if is_dataclass(info.type) else None)
        if inner is not None and def_name(inner) not in seen:
            seen[def_name(inner)] = inner
            nested_classes(inner, seen)
    return seen


def generate_schema() -> dict:
    """The record's JSON Schema, from the definition."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newslens.example/record.schema.json",
        "title": "newslens record",
        **object_schema(Record),
        "$defs": {
            "offset": {"type": "integer", "minimum": 0},
            "scalar": {"type": ["string", "number", "boolean", "null"]},
            **{name: object_schema(cls) for name, cls in nested_classes(Record).items()},
            "failure": object_schema(Failure),
        },
    }


def type_label(kind: Any, nullable: bool) -> str:
    """A type as the docs table shows it."""
    if is_dataclass(kind):
        label = f"`{kind.__name__}`"
    elif get_origin(kind) is Literal:
        label = " \\| ".join(f'`"{v}"`' for v in get_args(kind))
    elif get_origin(kind) is list:
        label = f"list of {type_label(get_args(kind)[0], False)}"
    elif kind is dict or get_origin(kind) is dict:
        label = "object"
    elif kind is Any or get_origin(kind) is typing.Union:
        label = "scalar"
    else:
        label = {str: "string", int: "integer", float: "number", bool: "boolean"}[kind]
    return f"{label} \\| null" if nullable else label


def field_table(cls: type) -> list[str]:
    rows = ["| field | type | meaning |", "|---|---|---|"]
    for info in describe(cls):
        rows.append(f"| `{info.name}` | {type_label(info.type, info.nullable)} | {info.doc} |")
    return rows


def docs_tables() -> str:
    """The generated part of docs/schema.md: one field table per part of the record, and the failure entry's."""
    parts = [DOCS_START, "", "### `Record`", "", *field_table(Record)]
    where = {"source": "`source`", "meta": "`meta`", "cleaning": "`meta.cleaning`",
             "entity": "`entities[]`", "quote": "`quotes[]`", "claim": "`claims[]`"}
    for name, cls in nested_classes(Record).items():
        parts += ["", f"### `{cls.__name__}`: {where.get(name, name)}", "", *field_table(cls)]
    parts += ["", "### `Failure`: a line of `NAME.errors.jsonl`", "", *field_table(Failure), "", DOCS_END]
    return "\n".join(parts)


def docs_with_tables(markdown: str) -> str:
    """``markdown`` with its generated part replaced by the current tables."""
    start, end = markdown.index(DOCS_START), markdown.index(DOCS_END) + len(DOCS_END)
    return markdown[:start] + docs_tables() + markdown[end:]


def schema_text() -> str:
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False) + "\n"


def write(repo: Path) -> None:
    """Rewrite the schema file and docs/schema.md's tables under the repository ``repo``."""
    (repo / "pipeline" / "schema" / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    docs = repo / "docs" / "schema.md"
    docs.write_text(docs_with_tables(docs.read_text(encoding="utf-8")), encoding="utf-8")
