"""The learned filter of reporting verbs off the cue list (pipeline.extract.learned_cues): candidates
made from sentences written for these tests, judged by filters whose weights the tests write."""

from __future__ import annotations

import json

import pytest

from pipeline.extract.learned_cues import CueFilter
from pipeline.extract.learned_cues_training import choose_triggers, collect, fit
from pipeline.extract.quote_marks import MarkedStretches, quoted_spans
from pipeline.extract.quotes import candidate_sentences, extract_quotes
from pipeline.extract.syntax import parse_spans, syntax_pipes


def quotes_with(nlp, text: str, cue_filter: CueFilter | None) -> list[dict]:
    """The quote items of ``text`` with ``cue_filter`` (None: the cue list alone)."""
    doc = nlp(text)
    component = nlp.get_pipe("newslens_quotes")
    marked = MarkedStretches(quoted_spans(text))
    triggers = cue_filter.triggers if cue_filter else frozenset()
    parsed = parse_spans(candidate_sentences(doc, component.cue_forms, marked, triggers), syntax_pipes(nlp))
    return extract_quotes(doc, marked, parsed, component.cue_forms, doc._.newslens_entities, cue_filter=cue_filter)


def keeping(*words: str, weight: float = 4.0) -> CueFilter:
    """A filter whose triggers are ``words``, each given ``weight`` (kept when positive)."""
    return CueFilter({f"w={w}": weight for w in words}, 0.0, 0.5, frozenset(words))


def test_a_kept_verb_off_the_cue_list_reports_its_complement(nlp):
    # "favors" is no cue: the cue list alone finds nothing, and the sentence is not even parsed.
    text = "The senator favors raising the gas tax to pay for the new bridges."
    assert quotes_with(nlp, text, None) == []
    (quote,) = quotes_with(nlp, text, keeping("favors"))
    assert (quote["speaker"], quote["cue"], quote["text"], quote["type"]) == \
        ("The senator", "favors", "raising the gas tax to pay for the new bridges", "indirect")
    assert quote["confidence"] < 0.5


def test_a_dropped_verb_or_one_off_the_triggers_makes_no_quote(nlp):
    text = "The senator favors raising the gas tax to pay for the new bridges."
    assert quotes_with(nlp, text, keeping("favors", weight=-4.0)) == []
    assert quotes_with(nlp, text, keeping("prefers")) == []


def test_a_learned_cue_reports_its_object_but_never_marked_words(nlp):
    # What a learned cue reports is unmarked: with quotation marks in its object, no quote.
    text = "The governor preferred a smaller budget for the parks."
    (quote,) = quotes_with(nlp, text, keeping("preferred"))
    assert quote["text"] == "a smaller budget for the parks"
    text = 'The governor preferred a "smaller" budget for the parks.'
    assert quotes_with(nlp, text, keeping("preferred")) == []


def test_a_cue_list_quote_wins_over_a_learned_one_with_the_same_content(nlp):
    text = "The mayor said the city favors a new stadium downtown."
    found = quotes_with(nlp, text, keeping("favors"))
    assert [q["cue"] for q in found if q["text"] == "the city favors a new stadium downtown"] == ["said"]


def test_filter_round_trips_through_plain_json(tmp_path):
    cue_filter = CueFilter({"w=favors": 1.25, "c=ccomp": -0.5}, -0.75, 0.4, frozenset({"favors", "prefers"}))
    path = tmp_path / "model.json"
    cue_filter.to_json(path, {"trained_on": "written rows"})
    assert CueFilter.from_json(path) == cue_filter
    assert path.read_text(encoding="utf-8").lstrip().startswith("{")
    assert cue_filter.probability(["w=favors", "c=ccomp"]) == pytest.approx(0.5)


def test_fit_learns_which_written_candidates_are_attributions():
    # "favors" with a clause is mostly an attribution, "backs" with an object seldom: both are triggers;
    # "builds" attributes too seldom to be worth parsing for, "rarely" has too few positives.
    rows = []
    for n in range(200):
        rows.append((f"a{n % 7}", ("w=favors", "c=ccomp", "subj=PERSON"), n % 8 != 0))
        rows.append((f"a{n % 7}", ("w=backs", "c=dobj", "subj=NN"), n % 10 < 3))
        rows.append((f"a{n % 7}", ("w=builds", "c=dobj", "subj=NN"), n % 10 == 0))
    rows += [("a0", ("w=rarely", "c=ccomp"), True), ("a1", ("w=rarely", "c=ccomp"), False)]
    assert choose_triggers(rows) == {"favors", "backs"}
    cue_filter, card = fit(rows)
    assert cue_filter.triggers == {"favors", "backs"}
    assert cue_filter.accepts(["w=favors", "c=ccomp", "subj=PERSON"])
    assert not cue_filter.accepts(["w=backs", "c=dobj", "subj=NN"])
    assert card["candidates"] == 400 and card["positives"] == 175 + 60


def test_pushing_against_something_is_an_action_not_what_was_said(nlp):
    text = "The mayor pushed against the governor's plans to close the port."
    assert quotes_with(nlp, text, keeping("pushed")) == []
    (quote,) = quotes_with(nlp, "The mayor pushed a plan to close the port.", keeping("pushed"))
    assert quote["text"] == "a plan to close the port"


def test_an_unmarked_object_of_a_listed_cue_counts_when_the_filter_keeps_it(nlp):
    text = "The mayor explained the new parking rules at the council meeting."
    assert quotes_with(nlp, text, None) == []
    (quote,) = quotes_with(nlp, text, keeping("explained"))
    assert (quote["speaker"], quote["cue"], quote["text"]) == ("The mayor", "explained", "the new parking rules")
    # Pronouns and empty quantities are never what was said, nor is what a pronoun subject reports.
    assert quotes_with(nlp, "The sheriff explained it on Monday. The mayor explained little.", keeping("explained")) == []
    assert quotes_with(nlp, "She explained the new parking rules.", keeping("explained")) == []


def test_a_learned_cue_holding_a_listed_cue_gives_way_to_it(nlp):
    text = "Ken Walsh unleashed a series of tweets saying that the stadium deal was a scam."
    (quote,) = quotes_with(nlp, text, keeping("unleashed"))
    assert (quote["cue"], quote["text"]) == ("saying", "that the stadium deal was a scam")


def test_what_the_filter_keeps_is_no_turn_to_speak_for_the_pronouns_after_it(nlp):
    text = ("Council member Jane Reyes said the budget for the bridge was too small. "
            "Mayor Ann Porter hired more engineers for the bridge this spring. Work on the bridge began in April. "
            "The money will run out by June, she said.")
    # (A sentence between: a "she" prefers the person opening the sentence before, which is not the question here.)
    found = quotes_with(nlp, text, keeping("hired"))
    assert [q["cue"] for q in found] == ["said", "hired", "said"]
    assert found[-1]["speaker"] == "she" and found[-1]["speaker_canonical"] == "Jane Reyes"


def test_training_collects_a_candidate_holding_a_listed_cue(nlp, tmp_path):
    # "highlighted" (every verb is a training candidate) holds "show" with its speaker: telling whether
    # it reports that clause reads the article's text (the training run failed here without it).
    text = "Mary Smith highlighted polls that show the mayor ahead."
    content = text.index("polls")
    gold = {"id": "a1", "text": text, "quotes": [{"quote_start": content, "quote_end": len(text) - 1, "speaker_start": 0,
                                                  "speaker_end": 10, "cue_start": 11, "cue_end": 22, "type": "indirect"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    rows = collect(path, nlp, nlp.get_pipe("newslens_quotes").cue_forms)
    assert [features[0] for _, features, _ in rows] == ["w=highlighted"]
