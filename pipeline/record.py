"""The record: one article's plain-data output, as written to JSON Lines.

Field names are a contract (see docs/schema.md and pipeline/schema/record.schema.json).
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline import __version__


def build_record(article: dict, cleaned: dict, doc: Doc, model: str) -> dict:
    """Assemble the record of one article from its ingest data, cleaning result and processed Doc."""
    return {
        "id": article["id"],
        "title": cleaned["title"],
        "text": doc.text,
        "url": article.get("url"),
        "published": article.get("published"),
        "source": article["source"],
        "entities": doc._.newslens_entities or [],
        "quotes": doc._.newslens_quotes or [],
        "claims": doc._.newslens_claims or [],
        "meta": {
            "newslens_version": __version__,
            "model": model,
            "cleaning": cleaned["cleaning"],
            "warnings": cleaned["warnings"],
        },
    }


def error_entry(item: dict, stage: str, error: str) -> dict:
    """A failure entry for an article that could not be turned into a record."""
    return {"id": item.get("id"), "source": item["source"], "stage": stage, "error": error}
