"""The check-worthiness model: training writes a pickle-free artifact that loads and ranks sentences; evaluation."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import CHECK_WORTHY, NOT_CHECK_WORTHY, synthetic_rows, write_jsonl
from pipeline import claims_model
from pipeline.cli import app

GOLD = Path(__file__).parent / "data" / "claims_gold.jsonl"

@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory) -> Path:
    pytest.importorskip("sklearn")
    work = tmp_path_factory.mktemp("claims")
    data = write_jsonl(work / "train.jsonl", synthetic_rows())
    out = work / "model"
    card = claims_model.train(data, None, out)
    assert card["data"]["train"]["sentences"] == 40
    return out


def test_training_writes_a_card_and_arrays_that_load_without_pickle(tiny_model_dir):
    card = json.loads((tiny_model_dir / "card.json").read_text())
    assert card["format"] == claims_model.MODEL_FORMAT
    assert 0.0 < card["threshold"] < 1.0
    assert {"version", "created", "data", "metrics", "method"} <= card.keys()
    assert (tiny_model_dir / "model-card.md").read_text().startswith("# newslens claims model")
    with np.load(tiny_model_dir / "sparse.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)
    with zipfile.ZipFile(tiny_model_dir / "sparse.npz") as archive:
        assert all(name.endswith(".npy") for name in archive.namelist())


def test_tiny_model_scores_unseen_sentences_of_each_class(tiny_model_dir):
    model = claims_model.load_model(tiny_model_dir)
    worthy = model.score("Unemployment rose to 9 percent and cost taxpayers $80 million.")
    filler = model.score("Thank you, I appreciate being here with my friends.")
    assert worthy > model.threshold > filler


def test_loading_is_cached_and_follows_the_environment(tiny_model_dir, monkeypatch):
    monkeypatch.setenv(claims_model.MODEL_ENV_VAR, str(tiny_model_dir))
    assert claims_model.resolve_model_dir() == tiny_model_dir.resolve()
    assert claims_model.load_model() is claims_model.load_model(tiny_model_dir)


def test_scores_match_scikit_learn(tiny_model_dir):
    """The numpy-only scoring reproduces the fitted scikit-learn pipeline."""
    from scipy.sparse import hstack

    rows = synthetic_rows()
    texts, labels = [r["text"] for r in rows], np.array([r["label"] for r in rows])
    vectorizers, classifier = claims_model.fit(texts, labels)
    model = claims_model.model_from_arrays(claims_model.arrays_of(vectorizers, classifier), 0.5, {})
    probe = [*CHECK_WORTHY, *NOT_CHECK_WORTHY]
    expected = classifier.predict_proba(hstack([v.transform(probe) for v in vectorizers.values()]))[:, 1]
    assert np.allclose(model.scores(probe), expected, atol=1e-6)


def test_a_sentence_scores_the_same_alone_and_among_others():
    """Scoring a whole article at once must not mix its sentences' term counts."""
    model = claims_model.load_model(claims_model.DEFAULT_MODEL_DIR)
    probe = [*CHECK_WORTHY, "", "Zzzq xqzv.", *NOT_CHECK_WORTHY, CHECK_WORTHY[0]]
    together = model.scores(probe)
    assert np.allclose(together, [model.score(text) for text in probe], atol=1e-12)
    assert together[0] == together[-1]
    assert model.scores([]).shape == (0,)


def test_the_word_cache_stays_bounded():
    model = claims_model.load_model(claims_model.DEFAULT_MODEL_DIR)
    char_block = next(block for block in model.blocks if block.name == "char")
    char_block.known_word_ngrams.cache_clear()
    letters = "abcdefghijklmnopqrstuvwxyz"  # digits all map to 0: distinct words need letters
    words = [letters[n % 26] + letters[n // 26 % 26] + letters[n // 676 % 26] + "q" for n in range(claims_model.WORD_CACHE_SIZE + 500)]
    model.scores([f"{word} filler" for word in words])
    assert char_block.known_word_ngrams.cache_info().currsize == claims_model.WORD_CACHE_SIZE


def test_shipped_model_ranks_check_worthy_sentences_first():
    model = claims_model.load_model(claims_model.DEFAULT_MODEL_DIR)
    worthy = model.scores(CHECK_WORTHY)
    filler = model.scores(NOT_CHECK_WORTHY)
    assert worthy.min() > filler.max()
    assert (worthy >= model.threshold).mean() >= 5 / 6
    assert (filler < model.threshold).all()


def test_shipped_model_is_small():
    directory = claims_model.DEFAULT_MODEL_DIR
    assert sum(f.stat().st_size for f in directory.iterdir()) < 30 * 2**20


def test_average_precision_by_hand():
    labels = np.array([1, 0, 1, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    # Ranks: hit at 1 (P=1), miss, hit at 3 (P=2/3): AP = (1 + 2/3) / 2.
    assert claims_model.average_precision(labels, scores) == pytest.approx(5 / 6)


def test_eval_command_prints_metrics_as_json():
    result = CliRunner().invoke(app, ["eval", "claims", "--gold", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["n"] == 8 and metrics["positives"] == 4
    assert metrics["f1"] >= 0.75 and metrics["average_precision"] >= 0.9


def test_eval_command_prints_a_table():
    result = CliRunner().invoke(app, ["eval", "claims", "--gold", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.output and "8 sentences" in result.output
