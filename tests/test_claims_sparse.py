"""The sparse (fast) claims model: training writes a pickle-free artifact that loads and ranks sentences; metrics; evaluation."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import CHECK_WORTHY, NOT_CHECK_WORTHY, shared_file, synthetic_rows, write_jsonl
from pipeline.claims import metrics, sparse, training
from pipeline.claims.loading import load_model, resolve_model_dir, shipped_model_dir
from pipeline.cli import app

GOLD = Path(__file__).parent / "data" / "claims_gold.jsonl"

@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory) -> Path:
    pytest.importorskip("sklearn")
    work = tmp_path_factory.mktemp("claims")
    data = write_jsonl(work / "train.jsonl", synthetic_rows())
    out = work / "model"
    card = training.train([data], None, out)
    assert card["data"]["train"]["sentences"] == 40
    return out


def test_training_writes_a_card_and_arrays_that_load_without_pickle(tiny_model_dir):
    card = json.loads((tiny_model_dir / "card.json").read_text())
    assert card["format"] == sparse.SPARSE_FORMAT
    assert 0.0 < card["threshold"] < 1.0
    assert {"version", "created", "data", "metrics", "method"} <= card.keys()
    assert (tiny_model_dir / "model-card.md").read_text().startswith("# newslens claims model")
    with np.load(tiny_model_dir / "sparse.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)
    with zipfile.ZipFile(tiny_model_dir / "sparse.npz") as archive:
        assert all(name.endswith(".npy") for name in archive.namelist())


def test_tiny_model_scores_unseen_sentences_of_each_class(tiny_model_dir):
    model = load_model(tiny_model_dir)
    worthy = model.score("Unemployment rose to 9 percent and cost taxpayers $80 million.")
    filler = model.score("Thank you, I appreciate being here with my friends.")
    assert worthy > model.threshold > filler


def test_loading_is_cached_and_takes_names_or_directories(tiny_model_dir, monkeypatch):
    monkeypatch.setenv("NEWSLENS_CLAIMS_MODEL", str(tiny_model_dir))  # no longer read: no hidden inputs
    assert resolve_model_dir() == shipped_model_dir("accurate")
    assert resolve_model_dir("fast") == shipped_model_dir("fast")
    assert load_model(tiny_model_dir) is load_model(str(tiny_model_dir))
    assert isinstance(load_model("fast"), sparse.SparseModel)


def test_scores_match_scikit_learn(tiny_model_dir):
    """The numpy-only scoring reproduces the fitted scikit-learn pipeline."""
    from scipy.sparse import hstack

    rows = synthetic_rows()
    texts, labels = [r["text"] for r in rows], np.array([r["label"] for r in rows])
    vectorizers, classifier = training.fit(texts, labels)
    model = sparse.model_from_arrays(training.arrays_of(vectorizers, classifier), 0.5, {})
    probe = [*CHECK_WORTHY, *NOT_CHECK_WORTHY]
    expected = classifier.predict_proba(hstack([v.transform(probe) for v in vectorizers.values()]))[:, 1]
    assert np.allclose(model.scores(probe), expected, atol=1e-6)


def test_a_sentence_scores_the_same_alone_and_among_others():
    """Scoring a whole article at once must not mix its sentences' term counts."""
    model = load_model("fast")
    probe = [*CHECK_WORTHY, "", "Zzzq xqzv.", *NOT_CHECK_WORTHY, CHECK_WORTHY[0]]
    together = model.scores(probe)
    assert np.allclose(together, [model.score(text) for text in probe], atol=1e-12)
    assert together[0] == together[-1]
    assert model.scores([]).shape == (0,)


def test_the_word_cache_stays_bounded():
    model = load_model("fast")
    char_block = next(block for block in model.blocks if block.name == "char")
    char_block.known_word_ngrams.cache_clear()
    letters = "abcdefghijklmnopqrstuvwxyz"  # digits all map to 0: distinct words need letters
    words = [letters[n % 26] + letters[n // 26 % 26] + letters[n // 676 % 26] + "q" for n in range(sparse.WORD_CACHE_SIZE + 500)]
    model.scores([f"{word} filler" for word in words])
    assert char_block.known_word_ngrams.cache_info().currsize == sparse.WORD_CACHE_SIZE


def test_shipped_model_ranks_check_worthy_sentences_first():
    model = load_model("fast")
    worthy = model.scores(CHECK_WORTHY)
    filler = model.scores(NOT_CHECK_WORTHY)
    assert worthy.min() > filler.max()
    assert (worthy >= model.threshold).mean() >= 5 / 6
    assert (filler < model.threshold).all()


def test_shipped_model_is_small_and_carries_its_card():
    directory = shipped_model_dir("fast")
    assert sum(f.stat().st_size for f in directory.iterdir()) < 30 * 2**20
    card = json.loads((directory / "card.json").read_text())
    assert card["format"] == sparse.SPARSE_FORMAT and 0.0 < card["threshold"] < 1.0
    assert (directory / "model-card.md").read_text().startswith("# newslens claims model")


def test_the_fast_model_scores_debate_devtest_as_its_card_says():
    """Measured here, not read back: the shipped model's F1 on devtest at its own threshold."""
    texts, labels = training.read_labelled(shared_file("data/claims/ct24_devtest.jsonl"))
    model = load_model("fast")
    assert metrics.binary_metrics(labels, model.scores(texts), model.threshold)["f1"] >= 0.84


def test_no_labelled_training_article_is_held_out():
    """The held-out news split shares no article and no sentence with the training and calibration
    labels, so a trainer reading those files never sees a held-out row."""
    labels = Path(__file__).parent.parent / "data" / "labels"
    corpora = shared_file("data")
    held_out_file = labels / training.HELD_OUT_LABELS
    held_out, _ = training.read_labelled(held_out_file, corpora)
    texts, _ = training.read_training_data([labels / "claims_news_train.jsonl", labels / "claims_news_calibration.jsonl"], corpora)

    def article_ids(path: Path) -> set[str]:
        return {json.loads(line)["article_id"] for line in path.read_text().splitlines()}

    assert len(held_out) >= 900 and not set(held_out) & set(texts)
    assert not article_ids(held_out_file) & (article_ids(labels / "claims_news_train.jsonl") | article_ids(labels / "claims_news_calibration.jsonl"))


def test_metrics_by_hand():
    labels = np.array([1, 0, 1, 0])
    scores = np.array([0.9, 0.8, 0.7, 0.1])
    found = metrics.binary_metrics(labels, scores, 0.75)
    # Ranks: hit at 1 (P=1), miss, hit at 3 (P=2/3): AP = (1 + 2/3) / 2. At 0.75: 1 of 2 flagged right, 1 of 2 found.
    assert found["average_precision"] == pytest.approx(5 / 6, abs=1e-4)
    assert (found["precision"], found["recall"], found["share_flagged"], found["share_true"]) == (0.5, 0.5, 0.5, 0.5)


def test_top_k_precision_and_reliability_by_hand():
    articles = [(np.array([1, 1, 0, 0]), np.array([0.9, 0.8, 0.7, 0.95])), (np.array([1]), np.array([0.6])), (np.array([]), np.array([]))]
    # Article 1's top 3 are 0.95 (wrong), 0.9, 0.8 (right): 2/3; article 2: 1/1; article 3 flags nothing.
    assert metrics.top_k_precision(articles, k=3) == pytest.approx((2 / 3 + 1) / 2, abs=1e-4)
    curve = metrics.reliability(np.array([0, 0, 1, 1, 1]), np.array([0.05, 0.15, 0.12, 0.95, 0.91]), bins=10)
    assert [(row["bin"], row["n"], row["true_share"]) for row in curve] == [("0.0-0.1", 1, 0.0), ("0.1-0.2", 2, 0.5), ("0.9-1.0", 2, 1.0)]


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
