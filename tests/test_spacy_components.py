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


def test_quotes_and_claims_are_spans_on_the_doc_carrying_their_items(nlp):
    doc = nlp(SENTENCE)
    (quote_span,) = doc.spans["newslens_quotes"]
    assert quote_span.label_ == "indirect" and quote_span._.newslens_quote["speaker_canonical"] == "Jane Doe"
    assert quote_span.text == quote_span._.newslens_quote["text"]
    (claim_span,) = doc.spans["newslens_claims"]
    assert claim_span.label_ == "CLAIM" and claim_span._.newslens_claim["quote_id"] == quote_span._.newslens_quote["id"]
    assert doc._.newslens_quotes == [quote_span._.newslens_quote] and doc._.newslens_claims == [claim_span._.newslens_claim]


def test_analyze_pipes_reports_claims_without_quotes():
    from pipeline.nlp import load_nlp

    nlp = load_nlp(components=("newslens_entities", "newslens_claims"))
    problems = nlp.analyze_pipes()["problems"]
    assert problems["newslens_claims"] == ["doc._.newslens_quotes"]
    assert load_nlp(components=("newslens_entities", "newslens_quotes", "newslens_claims")).analyze_pipes()["problems"] == {
        name: [] for name in ("senter", "ner", "newslens_entities", "newslens_quotes", "newslens_claims")}


def test_nlp_evaluate_returns_newslens_scores(nlp):
    from spacy.training import Example

    text = "Mayor Jane Doe said the city spent $4 million on roads. The weather was fine on Monday."
    reference = nlp.make_doc(text)
    jane = reference.char_span(text.index("Jane"), text.index(" said"), label="PERSON")
    money = reference.char_span(text.index("$4"), text.index(" on roads"), label="MONEY")
    reference.ents = [jane, money]
    reference.spans["newslens_quotes"] = [reference.char_span(text.index("the city"), text.index(" on roads"))]
    reference.spans["newslens_claims"] = [reference.char_span(0, text.index(" The weather"))]
    scores = nlp.evaluate([Example(nlp.make_doc(text), reference)])
    assert scores["newslens_ents_per_type"]["PERSON"]["f"] == 1.0 and "DATE" not in scores["newslens_ents_per_type"]
    assert scores["newslens_ents_p"] == 1.0  # "Monday" is not scored: the reference annotates no DATE
    assert scores["newslens_claims_f"] == 1.0
    assert scores["newslens_quotes_r"] == 0.0  # the quote runs to "roads."; the reference stops before "on roads"


def test_a_cue_list_from_the_config_replaces_the_shipped_one_and_travels_with_the_pipeline(tmp_path):
    from pipeline.nlp import resolve_model

    cues = tmp_path / "cues.txt"
    cues.write_text("# only one cue\nspeech announce announce announced announces\n", encoding="utf-8")
    nlp = spacy.load(resolve_model())
    nlp.add_pipe("newslens_entities")
    nlp.add_pipe("newslens_quotes", config={"cues": str(cues)})
    text = "Mayor Jane Doe said the city spent $4 million. Governor Ann Lee announced the state would pay for it."
    assert [q["cue"] for q in nlp(text)._.newslens_quotes] == ["announced"]
    nlp.to_disk(tmp_path / "saved")
    cues.unlink()  # another machine: the original list is gone, the saved pipeline has its own copy
    loaded = spacy.load(tmp_path / "saved")
    assert [q["cue"] for q in loaded(text)._.newslens_quotes] == ["announced"]


def test_two_quotes_over_the_same_characters_keep_their_own_items():
    from pipeline.extract.spans import QUOTES_KEY, set_items

    doc = spacy.blank("en")("“First,” Salk writes, they say “that it can’t be true.”")
    first = {"id": "q1", "start": 0, "end": len(doc.text), "type": "mixed", "speaker": "Salk"}
    second = {"id": "q2", "start": 0, "end": len(doc.text), "type": "mixed", "speaker": "they"}
    set_items(doc, QUOTES_KEY, [first, second], label=lambda quote: quote["type"])
    assert [span._.newslens_quote["speaker"] for span in doc.spans[QUOTES_KEY]] == ["Salk", "they"]
    assert doc._.newslens_quotes == [first, second] and doc[0:2]._.newslens_quote is None


def test_word_lists_from_the_config_replace_the_shipped_ones_and_travel_with_the_pipeline(tmp_path):
    import shutil

    from pipeline.nlp import resolve_model

    lists = {"titles": "# a title the shipped list lacks\nRegistrar\n", "laws": "Clean Rivers Pledge\n", "not_laws": "Kirk's Law\n"}
    for name, text in lists.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    text = "Registrar Ana Ruiz told reporters on Monday that the Clean Rivers Pledge and Kirk's Law would pass."

    def first_person_and_laws(nlp) -> tuple[str, list[str]]:
        entities = nlp(text)._.newslens_entities
        people, laws = ([e["text"] for e in entities if e["label"] == label] for label in ("PERSON", "LAW"))
        return people[0], laws

    shipped = spacy.load(resolve_model())
    shipped.add_pipe("newslens_entities")
    assert first_person_and_laws(shipped) == ("Registrar Ana Ruiz", ["Kirk's Law"])
    nlp = spacy.load(resolve_model())
    nlp.add_pipe("newslens_entities", config={name: str(tmp_path / f"{name}.txt") for name in lists})
    custom = ("Ana Ruiz", ["Clean Rivers Pledge"])
    assert first_person_and_laws(nlp) == custom
    nlp.to_disk(tmp_path / "saved")
    for name in lists:
        (tmp_path / f"{name}.txt").unlink()  # another machine: the original lists are gone
    shutil.move(tmp_path / "saved", tmp_path / "moved")
    assert first_person_and_laws(spacy.load(tmp_path / "moved")) == custom


def test_given_names_from_the_config_replace_the_shipped_ones_and_travel_with_the_pipeline(tmp_path):
    import shutil

    from pipeline.nlp import resolve_model

    names = tmp_path / "first_names.txt"
    names.write_text("# the shipped genders swapped\nfemale Peter\nmale Mary\n", encoding="utf-8")
    text = ("Mary Dalton and Peter Brandt met the council on Monday. Brandt spoke first about the budget.\n\n"
            '"We cannot keep cutting the library," she said.\n\n'
            '"The roads come first," he said.')

    def pronoun_speakers(nlp) -> list[tuple[str, str]]:
        # ("Brandt spoke first about the budget" is a quote too: only the two "said" ones use a pronoun)
        return [(q["speaker"], q["speaker_canonical"]) for q in nlp(text)._.newslens_quotes if q["cue"] == "said"]

    shipped = spacy.load(resolve_model())
    shipped.add_pipe("newslens_entities")
    shipped.add_pipe("newslens_quotes")
    assert pronoun_speakers(shipped) == [("she", "Mary Dalton"), ("he", "Peter Brandt")]
    nlp = spacy.load(resolve_model())
    nlp.add_pipe("newslens_entities")
    nlp.add_pipe("newslens_quotes", config={"first_names": str(names)})
    swapped = [("she", "Peter Brandt"), ("he", "Mary Dalton")]
    assert pronoun_speakers(nlp) == swapped
    nlp.to_disk(tmp_path / "saved")
    names.unlink()  # another machine: the original list is gone
    shutil.move(tmp_path / "saved", tmp_path / "moved")
    assert pronoun_speakers(spacy.load(tmp_path / "moved")) == swapped


def test_a_long_text_goes_through_the_model_in_pieces_with_offsets_into_the_whole(nlp):
    from pipeline.nlp import MAX_MODEL_CHARS, pipe_texts, text_pieces

    paragraph = "Maria Lopez said the Port Authority would spend $40 million in Baton Rouge.\n"
    text = paragraph * (2 * MAX_MODEL_CHARS // len(paragraph) + 1)
    pieces = text_pieces(text)
    assert "".join(pieces) == text and len(pieces) == 3
    assert all(len(piece) <= MAX_MODEL_CHARS and piece.endswith("\n") for piece in pieces)  # cut after a line break
    assert [len(p) for p in text_pieces("a" * (MAX_MODEL_CHARS + 10))] == [MAX_MODEL_CHARS, 10]  # no break: cut at the limit

    (doc,) = pipe_texts(nlp, [text])
    (alone,) = pipe_texts(nlp, [paragraph])
    last = len(text) - len(paragraph)
    assert doc.text == text
    # The last paragraph, in the third piece, has the entities it has alone, at offsets into the whole text.
    assert [(e["text"], e["label"], e["start"] - last) for e in doc._.newslens_entities if e["start"] >= last] == \
        [(e["text"], e["label"], e["start"]) for e in alone._.newslens_entities]


def test_the_text_the_stages_read_is_the_docs_own_even_after_docs_are_joined(nlp):
    from spacy.tokens import Doc

    from pipeline.extract.spans import doc_text

    first = nlp("Mayor Ann Ruiz said the city will hire 40 officers.")
    second = nlp("The council disagreed on Tuesday.")
    assert doc_text(first) == first.text and doc_text(second) == second.text
    # The text is kept on the Doc: a joined Doc must not read the first one's.
    joined = Doc.from_docs([first, second])
    assert doc_text(joined) == joined.text and "The council disagreed" in doc_text(joined)


def test_the_models_multiply_with_numpy_on_one_blas_thread_and_find_what_blis_finds(nlp, full_nlp, monkeypatch):
    import numpy

    from pipeline.matmul import _BLAS, NumpyMatmulOps

    layers = [layer for _, component in nlp.components if hasattr(getattr(component, "model", None), "walk")
              for layer in component.model.walk()]
    assert layers and all(isinstance(layer.ops, NumpyMatmulOps) for layer in layers)
    # The product runs on one BLAS thread and gives blis's result up to rounding.
    ops, threads = layers[0].ops, []

    def dot(a, b, out=None):
        threads.append({lib["num_threads"] for lib in _BLAS.info()})
        return numpy.dot(a, b, out=out)

    monkeypatch.setattr(ops, "xp", type("Numpy", (), {"dot": staticmethod(dot)}))
    x, y = numpy.random.default_rng(0).random((50, 96), dtype=numpy.float32), numpy.ones((288, 96), dtype=numpy.float32)
    assert numpy.allclose(ops.gemm(x, y, trans2=True), full_nlp.get_pipe("ner").model.ops.gemm(x, y, trans2=True), rtol=1e-5)
    assert threads == [{1}]
    monkeypatch.undo()
    assert [(e.text, e.label_) for e in nlp(SENTENCE).ents] == [(e.text, e.label_) for e in full_nlp(SENTENCE).ents]
