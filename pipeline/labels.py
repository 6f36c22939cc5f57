"""Label files keep article ids and offsets, never article text: find the articles they point into."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def articles_by_id(paths: Iterable[Path], wanted: set[str]) -> dict[str, dict]:
    """The articles (JSON objects) of the JSON Lines ``paths`` whose ``id`` is in ``wanted``, by id."""
    found: dict[str, dict] = {}
    for path in paths if wanted else ():
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip() and (article := json.loads(line)).get("id") in wanted:
                    found[article["id"]] = article
    return found
