"""The write stage: records and failure entries to JSON Lines files."""

from __future__ import annotations

import errno
import fcntl
import json
import re
from pathlib import Path
from typing import IO

from pipeline.record import is_failure


class OutputBusy(Exception):
    """Another run is writing the same output."""


def lock_output(output: Path) -> IO[bytes]:
    """Hold an exclusive lock on ``output`` (a file or a directory) for as long as the returned handle
    is open; the lock is taken on a hidden file beside it, ``.NAME.lock``.

    The lock is ``flock``'s: the kernel releases it when the process ends however it ends, so a
    killed run never leaves a stale lock behind. A second run on the same output is refused at
    once rather than interleaving its lines with the first's.
    """
    lock_path = output.with_name(f".{output.name}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            raise OutputBusy(f"{output} is being written by another newslens run (it holds {lock_path}); "
                             "wait for it to finish or write elsewhere.") from None
        raise
    return handle


def errors_path(output: Path) -> Path:
    """The errors file that goes with an output file: ``NAME.jsonl`` → ``NAME.errors.jsonl``."""
    name = output.name.removesuffix(".jsonl").removesuffix(".ndjson")
    return output.with_name(f"{name}.errors.jsonl")


# Characters that JSON allows raw inside strings but that readers take for line ends or that
# terminals act on: DEL, the C1 controls (U+0085 NEXT LINE among them), and the line and paragraph
# separators U+2028/U+2029, which ``str.splitlines()`` splits on. ``json`` escapes the C0 controls itself.
UNSAFE_IN_LINE = re.compile("[\x7f-\x9f\u2028\u2029]")


def dumps(item: dict) -> str:
    """One JSON Lines line (UTF-8 text kept readable, no trailing newline, no character that splits lines)."""
    line = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    return UNSAFE_IN_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


class JsonlWriter:
    """Appends records to ``output`` and failure entries to its errors file, line by line.

    The errors file is created only when there is an error to write.
    """

    def __init__(self, output: Path, append: bool = True) -> None:
        self.output = output
        self.errors = errors_path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if append else "w"
        self._lock = lock_output(output)
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
        try:
            self._records.close()
            if self._errors is not None:
                self._errors.close()
        finally:
            self._lock.close()

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
