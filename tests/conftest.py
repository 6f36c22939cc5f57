"""Shared fixtures: one spaCy pipeline per test session, the bundled sample, the shared data sets."""

from __future__ import annotations

import json
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


# --- claims: sentences written for the tests, and a tiny training set ---------------------------

CHECK_WORTHY = [
    "The deficit grew by $400 billion last year, the largest increase in a decade.",
    "Violent crime in the city dropped 12 percent after the new policing program began.",
    "The governor cut school funding by 15 percent in 2019.",
    "More than 30 million Americans have no health insurance.",
    "The new tax law raises rates on families earning less than $50,000.",
    "Our exports to China have tripled since 2010.",
]
NOT_CHECK_WORTHY = [
    "Thank you so much for having me here tonight.",
    "I think we should talk about what people care about.",
    "Let me just say one thing to the moderator.",
    "Good evening, everyone, and welcome.",
    "That is a great question, and I appreciate it.",
    "I look forward to the rest of this debate.",
]

# A tiny training set in the debate style of the real data: figures and records vs. pleasantries.
SYNTHETIC_POSITIVES = [
    "Unemployment rose to {n} percent under this administration.",
    "The program cost taxpayers ${n} million last year.",
    "We lost {n},000 factory jobs in the last four years.",
    "Taxes went up {n} percent for the middle class.",
    "The state spent ${n} billion on prisons, more than on schools.",
]
SYNTHETIC_NEGATIVES = [
    "Thank you, it is great to be here with you{p}",
    "I want to thank the moderator and my friends{p}",
    "Let me answer that question in a moment{p}",
    "I appreciate the question and I respect my opponent{p}",
    "Good evening to everybody watching at home{p}",
]


def synthetic_rows() -> list[dict]:
    """Forty labelled sentences: the templates above with varying figures and punctuation."""
    rows = [{"text": t.format(n=n), "label": 1} for t in SYNTHETIC_POSITIVES for n in (3, 7, 12, 45)]
    rows += [{"text": t.format(p=p), "label": 0} for t in SYNTHETIC_NEGATIVES for p in (".", "!", "...", ", really.")]
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path
