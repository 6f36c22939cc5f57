"""The run manifest: what a batch run was asked to do and which shards are finished.

The manifest is the single source of truth for resuming. A shard is listed only after its files
have been renamed into place, and the manifest itself is replaced atomically, so after any crash
it names exactly the shards that are complete on disk.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_FORMAT = "newslens-batch-manifest/1"


class ResumeRefused(RuntimeError):
    """An existing run cannot be continued with the arguments given; the message says why."""


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so readers never see half of it."""
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


@dataclass
class Manifest:
    """The state of one batch run: its configuration, its finished shards, and whether it is complete."""

    config: dict
    shards: list[dict] = field(default_factory=list)
    complete: bool = False

    @property
    def done_items(self) -> int:
        """How many input items (articles and failures) the finished shards hold."""
        return sum(shard["items"] for shard in self.shards)

    def to_json(self) -> str:
        """The manifest as indented JSON."""
        return json.dumps({"format": MANIFEST_FORMAT, "config": self.config, "shards": self.shards, "complete": self.complete}, indent=1, ensure_ascii=False)

    def save(self, path: Path) -> None:
        """Replace the manifest file atomically."""
        atomic_write_text(path, self.to_json() + "\n")

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        """Read a manifest written by :meth:`save`."""
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != MANIFEST_FORMAT:
            raise ResumeRefused(f"{path} is not a newslens batch manifest (format {data.get('format')!r}); pass --overwrite to start afresh.")
        return cls(config=data["config"], shards=data["shards"], complete=data["complete"])


def config_differences(old: dict, new: dict) -> list[str]:
    """The names of the configuration settings that differ between two runs."""
    return sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))


def check_resumable(manifest: Manifest, config: dict, where: Path) -> None:
    """Refuse to continue a run whose configuration is not the one asked for now."""
    differences = config_differences(manifest.config, config)
    if differences:
        raise ResumeRefused(
            f"{where} holds a run made with different settings ({', '.join(differences)} changed); "
            "run again with the same arguments to resume it, or pass --overwrite to start afresh."
        )
    if any(path == "-" for path, *_ in config["inputs"]):
        raise ResumeRefused(f"{where} holds a run that read stdin, which cannot be compared or read again; pass --overwrite to start afresh.")
