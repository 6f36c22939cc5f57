"""Where the models newslens trains and ships (``models/`` of the checkout) are found at run time."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_models_root() -> Path:
    """The shipped models: package data of an installed wheel (``pipeline/models``, mapped from
    ``models/`` at build time, see pyproject.toml), or ``models/`` of the checkout the package is
    imported from (an editable install, the tests)."""
    package = Path(str(resources.files("pipeline")))
    packaged = package / "models"
    return packaged if packaged.is_dir() else package.parent / "models"
