"""The record's JSON Schema, shipped with the package."""

import json
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def record_schema() -> dict:
    """The JSON Schema every record satisfies."""
    return json.loads(files("pipeline.schema").joinpath("record.schema.json").read_text(encoding="utf-8"))
