"""What the record's typed definition costs on the batch path: dataclasses vs pydantic (issue 16).

Builds an entity item — the most frequent part of a record (≈ 50 per BBC article) — four ways and
prints microseconds per item: a dict literal (no definition), ``pipeline.record.Entity(...).to_dict()``
(the slotted dataclass newslens uses), and a pydantic v2 model with the same fields, validated
(``Model(...)``) or not (``model_construct``), then ``model_dump()``. Also the cost of turning a
whole processed record into the written dict with :class:`pipeline.record.Record`.

    python benchmarks/record_types.py
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path
from typing import Optional

import pydantic

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.record import Entity, Record  # noqa: E402


class EntityModel(pydantic.BaseModel):
    id: str
    text: str
    label: str
    start: int
    end: int
    canonical: Optional[str] = None
    cluster: Optional[str] = None
    normalized: Optional[dict] = None


VALUES = dict(id="e1", text="Jane Doe", label="PERSON", start=10, end=18, canonical="Jane Doe", cluster="k1", normalized=None)


def per_call(stmt, number: int = 100_000) -> float:
    return min(timeit.repeat(stmt, number=number, repeat=5)) / number * 1e6


def main() -> None:
    v = VALUES
    runs = {
        "dict literal": lambda: {"id": v["id"], "text": v["text"], "label": v["label"], "start": v["start"], "end": v["end"],
                                 "canonical": v["canonical"], "cluster": v["cluster"], "normalized": v["normalized"]},
        "dataclass (pipeline.record.Entity) + to_dict": lambda: Entity(**v).to_dict(),
        "pydantic validated + model_dump": lambda: EntityModel(**v).model_dump(),
        "pydantic model_construct + model_dump": lambda: EntityModel.model_construct(**v).model_dump(),
    }
    for name, stmt in runs.items():
        print(f"{name:48s} {per_call(stmt):6.2f} µs per entity item")
    item = Entity(**v).to_dict()
    record = dict(id="a1", title="t", text="t\n\nx", url=None, published=None, source={"path": "x", "line": 1},
                  entities=[item] * 50, quotes=[], claims=[], meta={"newslens_version": "0", "model": "m",
                                                                    "cleaning": {"encoding": "utf-8", "removed": {}}, "warnings": []})
    print(f"{'Record(...).to_dict(), 50 entity items':48s} {per_call(lambda: Record(**record).to_dict(), 20_000):6.2f} µs per record")


if __name__ == "__main__":
    main()
