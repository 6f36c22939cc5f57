"""Where a batch run writes: numbered shards, written atomically, and the files they are assembled into.

Two layouts, chosen by the ``-o`` target:

- a directory (``-o data/processed/reuters/``): the shards are the output —
  ``part-000000.jsonl``, ``part-000000.errors.jsonl`` (only when the shard has failures), … and
  ``manifest.json``;
- a ``.jsonl`` file (``-o data/processed/NAME.jsonl``): shards go to ``NAME.parts/`` while the run
  is going, the manifest to ``NAME.manifest.json``; when the last shard is done they are
  concatenated into ``NAME.jsonl`` and ``NAME.errors.jsonl`` (each through a temporary file and a
  rename) and ``NAME.parts/`` is removed.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.record import is_failure
from pipeline.write import dumps, errors_path

SHARD_PREFIX = "part-"
FILE_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Layout:
    """The paths of one run's output."""

    shard_dir: Path
    manifest: Path
    final: Path | None  # the assembled JSON Lines file, for a ``.jsonl`` target

    @classmethod
    def for_target(cls, target: Path) -> "Layout":
        """The layout for an ``-o`` target: a ``.jsonl``/``.ndjson`` file, else a directory."""
        if target.suffix.lower() in FILE_SUFFIXES:
            stem = target.name[: -len(target.suffix)]
            return cls(target.with_name(f"{stem}.parts"), target.with_name(f"{stem}.manifest.json"), target)
        return cls(target, target / "manifest.json", None)

    @property
    def final_errors(self) -> Path | None:
        """The assembled errors file, for a ``.jsonl`` target."""
        return errors_path(self.final) if self.final else None

    def shard_name(self, index: int) -> str:
        """The name (without suffix) of shard ``index``."""
        return f"{SHARD_PREFIX}{index:06d}"

    def shard_paths(self, name: str) -> tuple[Path, Path]:
        """The records file and the errors file of a shard."""
        records = self.shard_dir / f"{name}.jsonl"
        return records, errors_path(records)

    def leftovers(self) -> list[Path]:
        """Shard files and temporary files in the shard directory (from this or an earlier run)."""
        if not self.shard_dir.is_dir():
            return []
        return sorted(p for p in self.shard_dir.iterdir() if p.is_file() and (p.name.startswith(SHARD_PREFIX) or p.name.startswith(f".{SHARD_PREFIX}")))

    def outputs_missing(self, shard_names: list[str], complete: bool) -> bool:
        """True when files a manifest vouches for are gone (deleted by hand, or by ``make clean``):
        the assembled file of a complete ``.jsonl`` run, else any listed shard."""
        if complete and self.final is not None:
            return not self.final.exists()
        return any(not self.shard_paths(name)[0].exists() for name in shard_names)

    def remove_outputs(self) -> None:
        """Delete everything a run writes (for ``--overwrite``); other files in a target directory are left alone."""
        for path in self.leftovers():
            path.unlink()
        for path in (self.manifest, self.final, self.final_errors):
            if path is not None and path.exists():
                path.unlink()
        self.remove_shard_dir()

    def remove_temporaries(self) -> None:
        """Delete this run's temporary files (after a failed write: a full disk, say)."""
        temporaries = [_temporary(path) for path in (self.manifest, self.final, self.final_errors) if path is not None]
        if self.shard_dir.is_dir():
            temporaries += [path for path in self.shard_dir.iterdir() if path.name.endswith(".tmp")]
        for path in temporaries:
            path.unlink(missing_ok=True)

    def remove_shard_dir(self) -> None:
        """Delete the shard directory of a ``.jsonl`` target once its shards are assembled."""
        if self.final is not None and self.shard_dir.is_dir():
            shutil.rmtree(self.shard_dir)

    def remove_unlisted(self, listed: set[str]) -> None:
        """Delete shard files the manifest does not list: written by a run killed before it recorded them."""
        for path in self.leftovers():
            name = path.name.lstrip(".").split(".", 1)[0]
            if path.name.startswith(".") or name not in listed:
                path.unlink()


class ShardWriter:
    """Writes one shard's records and failure entries to temporary files, then renames them into place."""

    def __init__(self, layout: Layout, name: str) -> None:
        self.name = name
        self.records_path, self.errors_path = layout.shard_paths(name)
        layout.shard_dir.mkdir(parents=True, exist_ok=True)
        self._records: IO[str] = open(_temporary(self.records_path), "w", encoding="utf-8")
        self._errors: IO[str] | None = None

    def write(self, item: dict) -> None:
        """Write a record, or a failure entry to the shard's errors file."""
        if is_failure(item):
            if self._errors is None:
                self._errors = open(_temporary(self.errors_path), "w", encoding="utf-8")
            self._errors.write(dumps(item) + "\n")
        else:
            self._records.write(dumps(item) + "\n")

    def commit(self) -> None:
        """Make the shard durable and visible: fsync, then rename each file into place (errors first)."""
        if self._errors is not None:
            _close_durably(self._errors)
            os.replace(_temporary(self.errors_path), self.errors_path)
        elif self.errors_path.exists():
            self.errors_path.unlink()  # left by a run killed between writing and listing this shard
        _close_durably(self._records)
        os.replace(_temporary(self.records_path), self.records_path)

    def abandon(self) -> None:
        """Close and delete the temporary files of an unfinished shard."""
        for handle, path in ((self._records, self.records_path), (self._errors, self.errors_path)):
            if handle is not None:
                try:
                    handle.close()  # flushes: fails again on a full disk
                except OSError:
                    pass
                _temporary(path).unlink(missing_ok=True)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


def _close_durably(handle: IO[str]) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def concatenate(parts: list[Path], target: Path, keep_empty: bool) -> None:
    """Write the concatenation of ``parts`` to ``target`` atomically; with no parts, an empty file or none."""
    if not parts and not keep_empty:
        target.unlink(missing_ok=True)
        return
    temporary = _temporary(target)
    try:
        with open(temporary, "wb") as out:
            for part in parts:
                with open(part, "rb") as handle:
                    shutil.copyfileobj(handle, out, 2**20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def assemble(layout: Layout, shard_names: list[str]) -> None:
    """Concatenate the shards, in order, into the ``.jsonl`` target and its errors file."""
    assert layout.final is not None and layout.final_errors is not None
    paths = [layout.shard_paths(name) for name in shard_names]
    layout.final.parent.mkdir(parents=True, exist_ok=True)
    concatenate([records for records, _ in paths], layout.final, keep_empty=True)
    concatenate([errors for _, errors in paths if errors.exists()], layout.final_errors, keep_empty=False)
