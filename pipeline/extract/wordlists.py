"""Word and cue lists as data files: the shipped ones in ``pipeline/data/``, or a user's named in a
component's config, saved with the pipeline so it keeps them on another machine."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Optional

from spacy.util import ensure_path


def list_text(filename: str, path: str | Path | None = None) -> str:
    """The text of a list: the file at ``path``, or the shipped ``pipeline/data/<filename>``."""
    if path is None:
        return resources.files("pipeline").joinpath("data", filename).read_text(encoding="utf-8")
    return Path(path).read_text(encoding="utf-8")


def list_entries(text: str) -> list[str]:
    """A list's entries: its lines, stripped, without blank lines and ``#`` comments."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class ListFiles:
    """The lists a component uses, keyed by their shipped file name: the file its config names
    (read on first use, so a pipeline loaded from disk uses its saved copy instead), else the
    shipped one. :meth:`to_disk` saves the texts in use under their shipped names and
    :meth:`from_disk` restores them."""

    def __init__(self, paths: dict[str, Optional[str]]) -> None:
        self.paths = paths
        self.texts: dict[str, str | None] = {name: list_text(name) if path is None else None for name, path in paths.items()}

    def text(self, name: str) -> str:
        """The text in use of the list shipped as ``name``."""
        if self.texts[name] is None:
            self.texts[name] = list_text(name, self.paths[name])
        return self.texts[name]

    def to_disk(self, path) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in self.paths:
            (path / name).write_text(self.text(name), encoding="utf-8")

    def from_disk(self, path) -> None:
        path = ensure_path(path)
        for name in self.paths:
            self.texts[name] = (path / name).read_text(encoding="utf-8")
