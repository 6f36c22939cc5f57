"""Find the record to render: from a processed dump (via ``pipeline.load``) or by running the pipeline on an article."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # the pipeline's modules load spaCy; a render of a dump needs none of them
    from pipeline.batch.workers import Budget
    from pipeline.nlp import ModelChoice

RECORD_KEYS = {"entities", "quotes", "claims", "meta"}
IDS_SHOWN = 5


class RecordNotFound(Exception):
    """The input holds no article with the requested id, or several when none was requested."""


def is_record_file(path: Path) -> bool:
    """Whether the first non-blank line of a JSON Lines file is a newslens record."""
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    first = json.loads(line)
                    return isinstance(first, dict) and RECORD_KEYS <= first.keys()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return False


def is_processed(path: Path) -> bool:
    """Whether ``path`` is newslens output (records, Parquet, or a directory of them) rather than raw articles."""
    if path.suffix == ".parquet":
        return True
    if path.is_file():
        return path.suffix in (".jsonl", ".ndjson") and is_record_file(path)
    if path.is_dir():
        if next(path.rglob("*.parquet"), None) is not None:
            return True
        first = next((p for p in sorted(path.rglob("*.jsonl")) if not p.name.endswith(".errors.jsonl")), None)
        return first is not None and is_record_file(first)
    return False


def record_from_dump(path: Path, article_id: str | None) -> dict:
    """The record of ``article_id`` (or of the only article) in a processed dump."""
    from pipeline.frames import load
    from pipeline.render.frames import records_from_frames

    frames = load(path)
    ids = list(frames.articles["article_id"])
    if article_id is None:
        if len(ids) != 1:
            shown = ", ".join(ids[:IDS_SHOWN]) + (", …" if len(ids) > IDS_SHOWN else "")
            raise RecordNotFound(f"{path} holds {len(ids):,} articles; pick one with --id ({shown})")
        article_id = ids[0]
    found = list(records_from_frames(frames, [article_id]))
    if not found:
        raise RecordNotFound(f"{path} has no article with id {article_id!r}")
    return found[0]


def record_from_article(source: str, models: ModelChoice, budget: Budget, article_id: str | None) -> tuple[dict, bool]:
    """Analyse the article ``article_id`` (or the first) of an input in a supervised worker, within
    ``budget`` as ``extract`` does (the result may be an error entry); also say whether the input holds more."""
    from pipeline.batch.workers import LocalEngine
    from pipeline.ingest import read_articles

    items: Iterator[dict] = read_articles([source])
    if article_id is not None:
        items = (item for item in items if item.get("id") == article_id)
    chosen = list(islice(items, 1))
    if not chosen:
        raise RecordNotFound(f"{source} has no article" + (f" with id {article_id!r}" if article_id else ""))
    more = article_id is None and next(items, None) is not None
    with LocalEngine(models, 1, budget) as engine:
        ((_, (result,)),) = list(engine.run([(None, chosen)]))
    return result, more
