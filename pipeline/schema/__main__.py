"""``python -m pipeline.schema``: regenerate the JSON Schema file and docs/schema.md's tables from pipeline/record.py."""

from pathlib import Path

from pipeline.schema import write

write(Path(__file__).resolve().parents[2])
