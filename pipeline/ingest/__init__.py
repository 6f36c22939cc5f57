"""The ingest stage: turn files, directories and stdin into a stream of articles.

``read_articles(inputs)`` yields plain dicts, one per article or per failure, in input order:

- an article: ``{"id", "title", "text", "url", "published", "source": {"path", "line"}, "encoding"}``
  (``encoding`` is ``"utf-8"``, or ``"cp1252"`` when the bytes were not valid UTF-8);
- a failure: ``{"id", "source": {"path", "line"}, "stage": "ingest", "error"}``.

Nothing is held whole: line-based formats stream line by line, and every file, line and text is
bounded by :data:`LIMITS` so untrusted input cannot exhaust memory.
"""

from __future__ import annotations

from pipeline.ingest.readers import LIMITS, Limits, is_failure, read_articles

__all__ = ["LIMITS", "Limits", "is_failure", "read_articles"]
