"""The write stage: records and failure entries to JSON Lines files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from pipeline.record import is_failure


def errors_path(output: Path) -> Path:
    """The errors file that goes with an output file: ``NAME.jsonl`` → ``NAME.errors.jsonl``."""
    name = output.name.removesuffix(".jsonl").removesuffix(".ndjson")
    return output.with_name(f"{name}.errors.jsonl")


def dumps(item: dict) -> str:
    """One JSON Lines line (UTF-8 text kept readable, no trailing newline)."""
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """Appends records to ``output`` and failure entries to its errors file, line by line.

    The errors file is created only when there is an error to write.
    """

    def __init__(self, output: Path, append: bool = True) -> None:
        self.output = output
        self.errors = errors_path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if append else "w"
        self._records: IO[str] = open(output, mode, encoding="utf-8")
        self._errors: IO[str] | None = None
        if not append and self.errors.exists():
            self.errors.unlink()

    def write(self, item: dict) -> None:
        """Write a record, or a failure entry to the errors file."""
        if is_failure(item):
            if self._errors is None:
                self._errors = open(self.errors, "a", encoding="utf-8")
            self._errors.write(dumps(item) + "\n")
        else:
            self._records.write(dumps(item) + "\n")

    def close(self) -> None:
        self._records.close()
        if self._errors is not None:
            self._errors.close()

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
