"""The quote evaluator: matching rules on hand-made cases, and the stage's scores on PolNeAR dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate.quotes import alnum_prefix, evaluate, match_quotes, merge_pieces, metrics_table, score_article

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


@pytest.mark.slow
@pytest.mark.skipif(not DEV_GOLD.exists(), reason="shared PolNeAR dev set not available")
def test_dev_scores_reach_the_issue_targets(nlp):
    metrics = evaluate(DEV_GOLD, nlp)
    assert metrics["direct+mixed"]["lenient"]["f1"] >= 0.85
    assert metrics["direct+mixed"]["strict"]["f1"] >= 0.75
    assert metrics["all"]["lenient"]["f1"] >= 0.65
    assert metrics["speaker_accuracy"] >= 0.92
