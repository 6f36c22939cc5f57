"""The ingest stage: turn files, directories, globs and stdin into a stream of articles.

``read_articles(inputs)`` yields plain dicts, one per article or per failure, in input order:

- an article: ``{"id", "title", "text", "url", "published", "source": {"path", "line"}, "encoding"}``
  (``encoding`` is ``"utf-8"``, or ``"cp1252"`` when the bytes were not valid UTF-8; a UTF-16/32
  file with a byte-order mark is read as UTF-8), plus, from a JSON object or CSV row, ``"extra"``
  (its other fields, bounded) and ``"warnings"`` (a count of those dropped, if any);
- a failure: ``{"id", "source": {"path", "line"}, "stage": "ingest", "error"}``, where ``error``
  starts with ``PATH:LINE:`` (or ``PATH:``) and says what is wrong in one sentence.

A file's format comes from its suffixes (``.txt``, ``.json``, ``.jsonl``/``.ndjson``, ``.csv``,
``.html``/``.htm``, ``.warc``/``.warc.gz``, each optionally ``.gz``/``.bz2``/``.xz``); stdin's
(``-``) from its first bytes. A directory is read recursively for files of those formats, hidden
ones skipped. Nothing is held whole: line-based formats stream line by line, and every file, line
and text is bounded by :data:`LIMITS` so untrusted input cannot exhaust memory.
"""

from __future__ import annotations

from pipeline.ingest.readers import LIMITS, Limits, read_articles
from pipeline.record import is_failure

__all__ = ["LIMITS", "Limits", "is_failure", "read_articles"]
