"""The quote evaluator: matching rules on hand-made cases, and the stage's scores on PolNeAR dev."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.evaluate.quotes import (alnum_prefix, claims_in_attributions, evaluate, has_swapped_source_and_cue,
                                      match_quotes, merge_pieces, metrics_table, referent_hits, score_article,
                                      shown_speaker_is_pronoun)
from pipeline.extract.quotes import load_cues

DEV_GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear_dev.jsonl"
TEXT = 'Officials said the bridge "will reopen in May," and Ann Lee said: "We are ready."'


def spans(*fragments: str) -> list[tuple[int, int]]:
    """Character ranges of ``fragments`` in TEXT."""
    return merge_pieces([[TEXT.index(f), TEXT.index(f) + len(f)] for f in fragments])


def test_marks_and_spaces_do_not_count_only_letters_and_digits():
    prefix = alnum_prefix(TEXT)
    gold = [spans('"We are ready."')]
    pred = [spans("We are ready")]
    assert match_quotes(gold, pred, prefix, 0.8) == [(0, 0)]


def test_both_coverages_must_reach_the_threshold():
    prefix = alnum_prefix(TEXT)
    gold = [spans("We are ready")]
    too_long = [spans('and Ann Lee said: "We are ready."')]  # covers the gold, but gold is < 80 % of it
    assert match_quotes(gold, too_long, prefix, 0.8) == []
    assert match_quotes(gold, too_long, prefix, 0.3) == [(0, 0)]


def test_pieces_count_together_and_matching_is_one_to_one_greedy():
    prefix = alnum_prefix(TEXT)
    gold = [spans('the bridge "will reopen in May,"'), spans('"We are ready."')]
    pred = [spans('"We are ready."'), spans("will reopen in May"), spans("reopen in May")]
    matches = sorted(match_quotes(gold, pred, prefix, 0.3))
    assert matches == [(0, 1), (1, 0)]  # the larger overlap wins the first gold quote


def test_score_article_counts_subsets_and_speakers():
    start = TEXT.index('"We')
    gold = [{"quote_start": start, "quote_end": len(TEXT), "quote_spans": [[start, len(TEXT)]], "type": "direct",
             "speaker_start": TEXT.index("Ann"), "speaker_end": TEXT.index("Ann") + 7}]
    pred = [{"spans": [[start, len(TEXT)]], "type": "direct", "speaker_start": TEXT.index("Lee"),
             "speaker_end": TEXT.index("Lee") + 3},
            {"spans": [[0, 9]], "type": "indirect", "speaker_start": None, "speaker_end": None}]
    counts = {s: {l: dict.fromkeys(("tp", "gold", "pred", "speaker_correct", "speaker_total"), 0)
                  for l in ("lenient", "strict")} for s in ("direct+mixed", "all")}
    score_article(TEXT, gold, pred, counts)
    assert counts["direct+mixed"]["strict"] == {"tp": 1, "gold": 1, "pred": 1, "speaker_correct": 1, "speaker_total": 1}
    assert counts["all"]["lenient"]["pred"] == 2 and counts["all"]["lenient"]["tp"] == 1


def test_evaluate_runs_the_pipeline_on_a_gold_file(nlp, tmp_path):
    text = '"The levee held," said Mayor Ann Porter. Engineers said the water would recede by Friday.'
    quote = '"The levee held,"'
    gold = {"id": "t1", "text": text, "quotes": [
        {"quote_start": 0, "quote_end": len(quote), "quote_spans": [[0, len(quote)]], "type": "direct",
         "speaker_start": text.index("Mayor"), "speaker_end": text.index("Mayor") + 16},
        {"quote_start": text.index("the water"), "quote_end": len(text) - 1,
         "quote_spans": [[text.index("the water"), len(text) - 1]], "type": "indirect",
         "speaker_start": text.index("Engineers"), "speaker_end": text.index("Engineers") + 9}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    metrics = evaluate(path, nlp)
    assert metrics["all"]["strict"]["f1"] == 1.0
    assert metrics["speaker_accuracy"] == 1.0
    json.dumps(metrics)
    assert metrics_table(metrics).row_count == 4


def test_a_gold_source_swapped_with_its_cue_is_put_back(nlp, tmp_path):
    text = ('"The levee held," said Ann Porter. "We were lucky," he said. The State said the levee was new. '
            '"It is a relief," Mayor Ruiz said in a statement.')

    def gold_quote(content: str, source: str, cue: str, source_at: int = 0, cue_at: int = 0) -> dict:
        start, source_start, cue_start = text.index(content), text.index(source, source_at), text.index(cue, cue_at)
        return {"quote_start": start, "quote_end": start + len(content), "quote_spans": [[start, start + len(content)]],
                "type": "direct", "speaker": source, "speaker_start": source_start,
                "speaker_end": source_start + len(source), "speaker_spans": [[source_start, source_start + len(source)]],
                "cue": cue, "cue_start": cue_start, "cue_end": cue_start + len(cue),
                "cue_spans": [[cue_start, cue_start + len(cue)]]}

    swapped = [gold_quote('"The levee held,"', "said", "Ann Porter"),
               gold_quote('"We were lucky,"', "said", "he", source_at=20, cue_at=20),
               # The cue verb opening a lowercase phrase ("said in a statement") is the same swap.
               gold_quote('"It is a relief,"', "said in a statement", "Mayor Ruiz")]
    named = gold_quote("the levee was new", "State", "said", cue_at=50)  # a capitalized source is a name
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": text, "quotes": swapped + [named]}) + "\n", encoding="utf-8")
    metrics = evaluate(path, nlp)
    assert metrics["gold_sources_unswapped"] == 3
    assert metrics["all"]["lenient"]["speaker_total"] == 4
    assert metrics["speaker_accuracy"] == 1.0


@pytest.mark.parametrize("source, cue, swapped", [
    ("said in an interview", "Hassan", True),
    ("told reporters", "she", True),
    ("state officials", "Hassan", False),  # a noun phrase whose first word is also a cue's lemma
    ("said in an interview", "reportedly", False),  # the cue names no one
])
def test_which_gold_sources_are_swapped_with_their_cues(source, cue, swapped):
    assert has_swapped_source_and_cue({"speaker": source, "cue": cue}, load_cues()) is swapped


def pred_quote(speaker: str, canonical: str | None, start: int, **extra) -> dict:
    """A predicted quote item with the speaker fields the checks read."""
    return {"id": "q1", "speaker": speaker, "speaker_start": start, "speaker_end": start + len(speaker),
            "speaker_canonical": canonical, "speaker_entity": None, "speakers": [], **extra}


def test_claims_inside_a_sourced_gold_attribution_are_checked_against_its_source():
    text = 'Ann Lee said the dam is safe and the levee will hold. The river rose overnight.'
    content = [text.index("the dam"), text.index(" The river")]
    gold = [{"quote_start": content[0], "quote_end": content[1], "quote_spans": [content],
             "speaker_start": 0, "speaker_end": 7}]
    quotes = [pred_quote("Ann Lee", "Ann Lee", 0)]
    claims = [{"start": content[0], "end": content[1] - 1, "quote_id": "q1"},
              {"start": text.index("The river"), "end": len(text), "quote_id": None}]
    counts = dict.fromkeys(("claims_in_attributions", "claims_with_source", "claims_without_claimant"), 0)
    claims_in_attributions(text, gold, quotes, claims, counts)
    assert counts == {"claims_in_attributions": 1, "claims_with_source": 1, "claims_without_claimant": 0}
    claims[0]["quote_id"] = None
    claims_in_attributions(text, gold, quotes, claims, counts)
    assert counts == {"claims_in_attributions": 2, "claims_with_source": 1, "claims_without_claimant": 1}


def test_referents_count_a_right_name_or_a_right_null():
    counts = dict.fromkeys(("referents_total", "referents_covered", "referents_correct"), 0)
    labels = [{"speaker_start": 10, "speaker_end": 12, "referents": [{"name": "Lee"}]},
              {"speaker_start": 40, "speaker_end": 43, "referents": []},
              {"speaker_start": 70, "speaker_end": 72, "referents": [{"name": "Porter"}]},
              {"speaker_start": 90, "speaker_end": 92, "referents": []}]
    # a null label is met by a speaker naming no entity: "the report" an "it" stands for, not Tom Hale
    quotes = [pred_quote("he", "Ann Lee", 10), pred_quote("who", "Tom Hale", 40, speaker_entity="Tom Hale"),
              pred_quote("it", "the report", 90)]
    referent_hits(quotes, labels, counts)
    assert counts == {"referents_total": 4, "referents_covered": 3, "referents_correct": 2}


def test_shown_speaker_is_pronoun_or_headline_word():
    assert shown_speaker_is_pronoun(pred_quote("he", None, 0))
    assert shown_speaker_is_pronoun(pred_quote("BREAKING", None, 0))
    assert not shown_speaker_is_pronoun(pred_quote("he", "Ann Lee", 0))
    assert not shown_speaker_is_pronoun(pred_quote("Officials", None, 0))


@pytest.mark.slow
@pytest.mark.skipif(not DEV_GOLD.exists(), reason="shared PolNeAR dev set not available")
def test_dev_scores_reach_the_issue_targets(nlp):
    metrics = evaluate(DEV_GOLD, nlp)
    assert metrics["direct+mixed"]["lenient"]["f1"] >= 0.85
    assert metrics["direct+mixed"]["strict"]["f1"] >= 0.75
    assert metrics["all"]["lenient"]["f1"] >= 0.65
    assert metrics["speaker_accuracy"] >= 0.92


LABELS = Path(__file__).resolve().parents[1] / "data" / "labels"
TRAIN_GOLD = DEV_GOLD.with_name("polnear_train.jsonl")


@pytest.mark.skipif(not TRAIN_GOLD.exists(), reason="shared PolNeAR sets not available")
@pytest.mark.parametrize(("labels_file", "gold", "minimum"), [
    ("polnear_dev_pronoun_referents.jsonl", DEV_GOLD, 100),
    ("polnear_heldout_pronoun_referents.jsonl", TRAIN_GOLD, 90),
    ("polnear_train701_pronoun_referents.jsonl", TRAIN_GOLD, 150),
])
def test_referent_labels_point_at_pronouns_and_names_in_the_texts(labels_file, gold, minimum):
    texts = {article["id"]: article["text"] for article in map(json.loads, gold.read_text(encoding="utf-8").splitlines())}
    labels = [json.loads(line) for line in (LABELS / labels_file).read_text(encoding="utf-8").splitlines()]
    assert len(labels) >= minimum
    for label in labels:
        text = texts[label["article_id"]]
        assert text[label["speaker_start"] : label["speaker_end"]] == label["speaker"]
        assert label["speaker"].lower() in ("he", "she", "who", "which", "that", "they", "it")
        for referent in label["referents"]:
            assert text[referent["start"] : referent["end"]] == referent["name"]


@pytest.mark.skipif(not TRAIN_GOLD.exists(), reason="shared PolNeAR sets not available")
@pytest.mark.parametrize(("labels_file", "minimum"), [
    ("polnear_surname_referents_tune.jsonl", 110),
    ("polnear_surname_referents_heldout.jsonl", 100),
])
def test_surname_labels_point_at_a_surname_and_the_full_names_of_its_person(labels_file, minimum):
    texts = {article["id"]: article["text"] for gold in (DEV_GOLD, TRAIN_GOLD)
             for article in map(json.loads, gold.read_text(encoding="utf-8").splitlines())}
    labels = [json.loads(line) for line in (LABELS / labels_file).read_text(encoding="utf-8").splitlines()]
    assert len(labels) >= minimum
    for label in labels:
        text = texts[label["article_id"]]
        assert text[label["speaker_start"] : label["speaker_end"]] == label["speaker"]
        assert re.fullmatch(r"[A-Z][\w'’-]+", label["speaker"])
        assert label["referents"]
        for referent in label["referents"]:
            assert text[referent["start"] : referent["end"]] == referent["name"]
            assert referent["name"].split()[-1] == label["speaker"]


def test_eval_quotes_limit_scores_the_first_articles_only(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    articles = [
        {"id": "t1", "text": "The mayor said the levee held.", "quotes": []},
        {"id": "t2", "text": "Engineers said the water would recede.", "quotes": []},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    full = CliRunner().invoke(app, ["eval", "quotes", "--gold", str(path), "--json"])
    limited = CliRunner().invoke(app, ["eval", "quotes", "--gold", str(path), "--limit", "1", "--json"])
    assert full.exit_code == limited.exit_code == 0, limited.output
    assert json.loads(full.output)["articles"] == 2
    assert json.loads(limited.output)["articles"] == 1


def test_the_narrators_shown_pronouns_are_counted_apart(nlp, tmp_path):
    text = "I believe the levee will hold. He said the river would recede by Friday."
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": text, "quotes": []}) + "\n", encoding="utf-8")
    metrics = evaluate(path, nlp)
    assert metrics["shown_pronoun_speakers"] == 2  # "I" and the unresolved "He"
    assert metrics["shown_narrator_speakers"] == 1
