"""The ingest stage: turn files, directories, globs and stdin into a stream of articles.

``read_articles(inputs)`` yields plain dicts, one per article or per failure, in input order:

- an article: ``{"id", "title", "text", "url", "published", "source": {"path", "line"}, "encoding"}``
  (``encoding`` is ``"utf-8"``, or ``"cp1252"`` when the bytes were not valid UTF-8);
- a failure: ``{"id", "source": {"path", "line"}, "stage": "ingest", "error"}``, where ``error``
  starts with ``PATH:LINE:`` (or ``PATH:``) and says what is wrong in one sentence.

A file's format comes from its suffixes (``.txt``, ``.json``, ``.jsonl``/``.ndjson``, ``.csv``,
``.html``/``.htm``, ``.warc``/``.warc.gz``, each optionally ``.gz``/``.bz2``/``.xz``); stdin's
(``-``) from its first bytes. A directory is read recursively for files of those formats, hidden
ones skipped. Nothing is held whole: line-based formats stream line by line, and every file, line
and text is bounded by :data:`LIMITS` so untrusted input cannot exhaust memory.
"""

from __future__ import annotations

from pipeline.ingest.readers import LIMITS, Limits, is_failure, read_articles

__all__ = ["LIMITS", "Limits", "is_failure", "read_articles"]
