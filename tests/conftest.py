"""Shared fixtures and helpers: one spaCy pipeline per test session, the bundled sample, the shared data sets,
synthetic inputs and hand-built records. Tests import helpers from here only, never from each other."""

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


# ---------------------------------------------------------------------------------------------
# Batch inputs: short synthetic articles

PEOPLE = ["Maria Lopez", "John Whitfield", "Aisha Rahman", "Peter Novak", "Grace Okafor", "Tom Brennan"]
PLACES = ["Baton Rouge", "Shreveport", "Lafayette", "Lake Charles", "Monroe", "Houma"]
ORGS = ["the Louisiana Legislature", "the Port Authority", "the state Senate", "Entergy", "the city council"]


def write_articles(path: Path, count: int, bad_lines: tuple[int, ...] = ()) -> None:
    """A JSONL file of ``count`` short articles, with invalid JSON at the given (0-based) positions."""
    lines = []
    for n in range(count):
        if n in bad_lines:
            lines.append("{this is not json")
            continue
        person, place, org = PEOPLE[n % len(PEOPLE)], PLACES[n % len(PLACES)], ORGS[n % len(ORGS)]
        body = (
            f"{person} said on Tuesday that {org} would spend ${n + 2} million on roads in {place}.\n\n"
            f"\u201cWe cannot wait another year,\u201d {person.split()[-1]} told reporters in {place}."
        )
        lines.append(json.dumps({"id": f"art-{n:03d}", "title": f"Roads plan number {n} for {place}", "text": body}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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
            "speaker_canonical": canonical, "speaker_entity": speaker[1] if speaker else None,
            "speakers": [{"text": speaker[0], "start": s_start, "end": s_end, "canonical": canonical, "entity": speaker[1]}] if speaker else [],
            "confidence": 0.9}


def claim(text: str, cid: str, part: str, score: float, kinds: list[str], claimant=None, quote_id=None,
          entity_ids=(), after: int = 0) -> dict:
    start, end = span_of(text, part, after)
    return {"id": cid, "text": part, "start": start, "end": end, "score": score, "rank": None, "kinds": kinds,
            "claimant": claimant, "claimant_canonical": claimant, "quote_id": quote_id, "entity_ids": list(entity_ids)}


def ranked(claims: list[dict]) -> list[dict]:
    """``claims`` with their ``rank`` set as the claims stage sets it: 1 = the highest score."""
    for rank, item in enumerate(sorted(claims, key=lambda c: -c["score"]), start=1):
        item["rank"] = rank
    return claims


def record(rid: str, title: str, body: str, *, published=None, url=None) -> dict:
    """An empty record of ``title`` + ``body``, built from the record's definition (items are added by the caller)."""
    from pipeline.record import Cleaning, Meta, Record, Source

    return Record(id=rid, title=title, text=f"{title}\n\n{body}", url=url, published=published,
                  source=Source(path="hand-built", line=1),
                  meta=Meta(newslens_version="0.1.0", model="hand-built", cleaning=Cleaning(encoding="utf-8"))).to_dict()


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
    rec["claims"] = ranked([
        claim(t, "c1", "The plan will cost $4.5 million under the Clean Water Act.", 0.93, ["numeric", "legal", "quote"],
              "Jane Doe", "q1", ["e4", "e5"], body),
        claim(t, "c2", 'It will hurt Springfield," Doe said.', 0.41, ["prediction", "quote"], "Jane Doe", "q1", ["e6", "e7"]),
        claim(t, "c3", "The council, led by Acme Corp. ally Tom Ray, approved more than $2 million anyway.", 0.77,
              ["numeric"], None, None, ["e8", "e9", "e10"]),
    ])
    return rec


# ---------------------------------------------------------------------------------------------
# Claims: sentences of each class and a tiny synthetic training set

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
