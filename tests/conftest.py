"""Shared fixtures and helpers: one spaCy pipeline per test session, the bundled sample, the shared data sets,
hand-built records. Tests import helpers from here only, never from each other."""

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


# ---------------------------------------------------------------------------------------------
# Hand-built records (the views' tests)

def span_of(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """The offsets of ``part`` in ``text`` (first occurrence at or after ``after``)."""
    start = text.index(part, after)
    return start, start + len(part)


def entity(text: str, eid: str, part: str, label: str, after: int = 0, canonical=None, normalized=None) -> dict:
    start, end = span_of(text, part, after)
    return {"id": eid, "text": part, "label": label, "start": start, "end": end, "canonical": canonical,
            "cluster": None, "normalized": normalized}


def money(amount: float, qualifier=None) -> dict:
    return {"amount": amount, "currency": "USD", "qualifier": qualifier, "min": None, "max": None, "per": None}


def law(citation: str, name: str) -> dict:
    return {"kind": "usc", "citation": citation, "title": None, "section": None, "subsection": None, "name": name}


def quote(text: str, qid: str, part: str, speaker: tuple[str, str | None, int] | None, cue: tuple[str, int] | None,
          after: int = 0, qtype: str = "direct", canonical: str | None = None) -> dict:
    """A quote item; ``speaker`` is (mention, entity id, search offset), ``cue`` is (cue, search offset)."""
    start, end = span_of(text, part, after)
    s_start, s_end = span_of(text, speaker[0], speaker[2]) if speaker else (None, None)
    c_start, c_end = span_of(text, cue[0], cue[1]) if cue else (None, None)
    return {"id": qid, "text": part, "start": start, "end": end, "spans": [[start, end]], "type": qtype,
            "cue": cue[0] if cue else None, "cue_start": c_start, "cue_end": c_end,
            "speaker": speaker[0] if speaker else None, "speaker_start": s_start, "speaker_end": s_end,
            "speaker_canonical": canonical, "speaker_entity": speaker[1] if speaker else None, "confidence": 0.9}


def claim(text: str, cid: str, part: str, score: float, kinds: list[str], claimant=None, quote_id=None,
          entity_ids=(), after: int = 0) -> dict:
    start, end = span_of(text, part, after)
    return {"id": cid, "text": part, "start": start, "end": end, "score": score, "kinds": kinds, "claimant": claimant,
            "claimant_canonical": claimant, "quote_id": quote_id, "entity_ids": list(entity_ids)}


def record(rid: str, title: str, body: str, *, published=None, url=None) -> dict:
    """An empty record of ``title`` + ``body`` (items are added by the caller)."""
    return {"id": rid, "title": title, "text": f"{title}\n\n{body}", "url": url, "published": published,
            "source": {"path": "hand-built", "line": 1}, "entities": [], "quotes": [], "claims": [],
            "meta": {"newslens_version": "0.1.0", "model": "hand-built", "cleaning": {"encoding": "utf-8", "removed": {}},
                     "warnings": []}}


def budget_record() -> dict:
    """A hand-built record whose quote crosses a claim, with entities inside both, and normalized values."""
    rec = record(
        "budget-1", "Springfield <b>budget</b> fight & the Clean Water Act",
        'Mayor Jane Doe attacked the plan on Monday. "The plan will cost $4.5 million under the Clean Water Act. '
        'It will hurt Springfield," Doe said. The council, led by Acme Corp. ally Tom Ray, approved '
        "more than $2 million anyway.",
        published="2024-03-05", url="https://example.org/springfield-budget",
    )
    t = rec["text"]
    body = len(rec["title"]) + 2
    rec["entities"] = [
        entity(t, "e1", "Springfield", "GPE"),
        entity(t, "e2", "Clean Water Act", "LAW", normalized=law("33 U.S.C. § 1251", "Clean Water Act")),
        entity(t, "e3", "Jane Doe", "PERSON", body, canonical="Jane Doe"),
        entity(t, "e4", "$4.5 million", "MONEY", normalized=money(4_500_000)),
        entity(t, "e5", "Clean Water Act", "LAW", body, normalized=law("33 U.S.C. § 1251", "Clean Water Act")),
        entity(t, "e6", "Springfield", "GPE", body),
        entity(t, "e7", "Doe", "PERSON", t.index("Doe said"), canonical="Jane Doe"),
        entity(t, "e8", "Acme Corp.", "ORG", canonical="Acme Corporation"),
        entity(t, "e9", "Tom Ray", "PERSON", canonical="Tom Ray"),
        entity(t, "e10", "more than $2 million", "MONEY", normalized=money(2_000_000, "more than")),
        entity(t, "e11", "Monday", "DATE"),
    ]
    q1 = quote(t, "q1", '"The plan will cost $4.5 million under the Clean Water Act. It will hurt Springfield,"',
               ("Doe", "e7", t.index("Doe said")), ("said", t.index("Doe said")), canonical="Jane Doe")
    rec["quotes"] = [q1]
    rec["claims"] = [
        claim(t, "c1", "The plan will cost $4.5 million under the Clean Water Act.", 0.93, ["numeric", "legal", "quote"],
              "Jane Doe", "q1", ["e4", "e5"], body),
        claim(t, "c2", 'It will hurt Springfield," Doe said.', 0.41, ["prediction", "quote"], "Jane Doe", "q1", ["e6", "e7"]),
        claim(t, "c3", "The council, led by Acme Corp. ally Tom Ray, approved more than $2 million anyway.", 0.77,
              ["numeric"], None, None, ["e8", "e9", "e10"]),
    ]
    return rec
