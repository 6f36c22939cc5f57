"""The newslens stages as spaCy components, the way a spaCy user adds them."""

from __future__ import annotations

import pytest
import spacy

import pipeline.extract  # noqa: F401  (registers the factories)

SENTENCE = "Mayor Jane Doe said the city spent $4 million on roads last year, more than any city in the state."


@pytest.fixture(scope="module")
def full_nlp():
    """The model with all its default components, then the three newslens stages."""
    from pipeline.nlp import resolve_model

    nlp = spacy.load(resolve_model())
    for name in ("newslens_entities", "newslens_quotes", "newslens_claims"):
        nlp.add_pipe(name)
    return nlp


def test_stages_run_on_a_full_spacy_pipeline(full_nlp):
    doc = full_nlp(SENTENCE)
    assert doc.has_annotation("DEP")
    (quote,) = doc._.newslens_quotes
    assert quote["speaker_canonical"] == "Jane Doe" and quote["cue"] == "said" and quote["type"] == "indirect"
    (claim,) = doc._.newslens_claims
    assert claim["claimant_canonical"] == "Jane Doe" and "numeric" in claim["kinds"]
    money = [e for e in doc._.newslens_entities if e["label"] == "MONEY"]
    assert money and money[0]["normalized"]["amount"] == 4_000_000


def test_full_pipeline_and_fast_pass_agree_on_quotes(full_nlp, nlp):
    fast, full = nlp(SENTENCE), full_nlp(SENTENCE)
    assert not fast.has_annotation("DEP")
    keys = ("start", "end", "type", "speaker_start", "speaker_end")
    assert [{k: q[k] for k in keys} for q in fast._.newslens_quotes] == [{k: q[k] for k in keys} for q in full._.newslens_quotes]


def test_quotes_without_a_parser_is_a_clear_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    with pytest.raises(ValueError, match="needs a dependency parser"):
        nlp.add_pipe("newslens_quotes")
