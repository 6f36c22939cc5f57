"""Shared fixtures: one spaCy pipeline per test session, the bundled sample, the shared data sets."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "raw" / "landrieu-sanctuary.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def sample_record(nlp):
    """The bundled sample article, processed by the full pipeline."""
    from pipeline.ingest import read_articles
    from pipeline.runner import process

    (record,) = list(process(read_articles([SAMPLE]), nlp))
    return record


def shared_file(relative: str) -> Path:
    """A file of ../shared/, or skip the test when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared data set not available: {path}")
    return path
