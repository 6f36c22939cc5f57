"""The accurate check-worthiness model: a fine-tuned MiniLM run by ONNX Runtime, behind a sparse first stage.

all-MiniLM-L6-v2 (384 wide) fine-tuned on check-worthiness — the mean of its last layer over a
sentence's word pieces, then one logistic unit — exported to ONNX and quantized to int8 (dynamic
quantization): all 6 layers in the teacher (:mod:`pipeline.claims.encoder_training`), 4 in the
shipped student distilled from it, started from its lower layers (:mod:`pipeline.claims.distillation`). Scoring needs ONNX
Runtime and Hugging Face ``tokenizers`` only (no torch).

What keeps it cheap (the distilled cascade ≈ 13 ms a BBC article, the six-layer teacher ≈ 100):

- a first stage: a sparse model (:mod:`pipeline.claims.sparse`, ≈ 0.3 ms a sentence) scores
  every sentence, and only those it is unsure of — first-stage score at least the card's
  ``first_stage.cut`` and below its ``first_stage.accept`` — headlines, and each article's
  ``first_stage.top_per_article`` best sentences the first stage accepts (default
  ``TOP_PER_ARTICLE``; they make the article's top claims: the encoder ranks them) reach the encoder; the others keep the first stage's score, Platt-scaled
  by ``first_stage.calibration`` so both kinds of score are probabilities;
- at most ``max_length`` word pieces a sentence;
- each sentence runs alone. Dynamic quantization scales a layer's activations by the largest
  value in the whole batch, so in a padded batch a sentence's logit moved by up to 0.48 with its
  neighbours (measured on 590 BBC sentences): a claim could come and go with the batch it fell
  in. Alone, a sentence always gets the same score, there is no padding to compute, and it cost
  1.2–1.3× the padded batches (docs/evaluation.md). The ONNX graph is made for one sentence
  (:func:`pipeline.claims.encoder_training.sentence_module`): ``input_ids`` only, no mask and no
  batch shape arithmetic, 0.65–0.8× the time of the batched export a sentence.

A directory holds ``model.onnx``, ``tokenizer.json``, ``first_stage.npz`` (a sparse model's
arrays) and ``card.json``, whose ``calibration`` maps the encoder's logit to a probability
(Platt scaling fitted on sentences the encoder was not trained on).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.claims import sparse
from pipeline.claims.registry import register

ENCODER_FORMAT = "newslens-claims-encoder/3"
ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
FIRST_STAGE_FILE = "first_stage.npz"
# The sentences of an article the first stage accepts that the encoder scores again, best first:
# the article's top claims are ranked by the better model. Chosen on news_dev and the calibration
# split (docs/evaluation.md, "Claims"): top-3 precision 0.879 → 0.909 and 0.747 → 0.793, flat from
# 8 up; ≈ 6 encoder runs more a news article. A card may set fewer (``first_stage.top_per_article``):
# a slower encoder's runs are counted against the same cost budget.
TOP_PER_ARTICLE = 8
# Sentences whose logit a loaded encoder remembers. A sentence runs alone, so it always gets the
# same logit, and news repeats sentences across articles (wire copy, boilerplate: 34 of the 1,781
# sentences 300 BBC articles send to the encoder); the bound keeps memory flat over a dump.
LOGIT_CACHE_SIZE = 4096


@dataclass
class Calibration:
    """Platt scaling of a logit (the encoder's, or its first stage's) into a probability."""

    slope: float = 1.0
    intercept: float = 0.0

    def __call__(self, logits: np.ndarray) -> np.ndarray:
        return sparse.sigmoid(self.slope * logits + self.intercept)


class EncoderModel:
    """A loaded encoder model: scores sentences, knows its threshold and its card."""

    def __init__(self, session, tokenizer, first_stage: sparse.SparseModel | None, card: dict) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.first_stage = first_stage
        self.card = card
        self.threshold = float(card["threshold"])
        stage = card.get("first_stage") or {}
        # The band of first-stage scores the encoder decides: [cut, accept).
        self.cut = float(stage.get("cut", 0.0))
        self.accept = float(stage.get("accept", math.inf))
        self.top_per_article = int(stage.get("top_per_article", TOP_PER_ARTICLE))
        self.first_calibration = Calibration(**stage.get("calibration", {}))
        self.calibration = Calibration(**card.get("calibration", {}))
        self.remembered_logit = lru_cache(maxsize=LOGIT_CACHE_SIZE)(self.logit)

    def logits(self, texts: list[str]) -> np.ndarray:
        """The encoder's raw logit of each sentence (no first stage, no calibration); a sentence
        scored before is not run again."""
        return np.array([self.remembered_logit(text) for text in texts], dtype=np.float64)

    def logit(self, text: str) -> float:
        """The encoder's raw logit of one sentence, run alone."""
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        (out,) = self.session.run(None, {"input_ids": ids})
        return float(out[0])

    def scores(self, texts: list[str], headlines: np.ndarray | None = None, articles: np.ndarray | None = None) -> np.ndarray:
        """The probability that each sentence is check-worthy. Headlines (``headlines[i]`` true) always
        reach the encoder: one per article, and where the sparse model is weakest (telegraphic, few
        words: right on 83 % of the calibration set's 29 headlines against the encoder's 86 %). With
        ``articles`` (the article of each sentence, as numbers) so do each article's
        ``top_per_article`` best sentences the first stage accepts."""
        if self.first_stage is None:
            return self.calibration(self.logits(texts))
        first_logits = self.first_stage.logits(texts)
        first = sparse.sigmoid(first_logits)
        out = self.first_calibration(first_logits)
        encoded = (first >= self.cut) & (first < self.accept)
        if headlines is not None:
            encoded |= np.asarray(headlines, dtype=bool)
        if articles is not None:
            encoded[best_of_each_article(first, np.asarray(articles), self.accept, self.top_per_article)] = True
        kept = np.flatnonzero(encoded)
        if len(kept):
            out[kept] = self.calibration(self.logits([texts[i] for i in kept]))
        return out

    def score(self, text: str) -> float:
        """The probability that one sentence is check-worthy."""
        return float(self.scores([text])[0])


def best_of_each_article(scores: np.ndarray, articles: np.ndarray, floor: float, k: int) -> np.ndarray:
    """Indices of each article's ``k`` best ``scores`` at or above ``floor`` (the earlier on a tie)."""
    above = np.flatnonzero(scores >= floor)
    order = above[np.lexsort((-scores[above], articles[above]))]
    group = articles[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    place = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return order[place < k]


def session_options():
    """ONNX Runtime options: one thread that sleeps when idle.

    Runtime's default — a thread per core, spinning while it waits for work — doubled the CPU
    time of a sentence (6.4 against 3.0 ms, 400 BBC sentences run one at a time) and took the
    cores spaCy runs on; the batch engine's parallelism is worker processes anyway."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def open_tokenizer(path: Path, max_length: int):
    """The Hugging Face tokenizer of a model directory, cutting sentences to ``max_length`` pieces."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


@register(ENCODER_FORMAT)
def load(model_dir: Path, card: dict) -> EncoderModel:
    """The encoder model of a directory."""
    import onnxruntime

    session = onnxruntime.InferenceSession(str(model_dir / ONNX_FILE), session_options(), providers=["CPUExecutionProvider"])
    tokenizer = open_tokenizer(model_dir / TOKENIZER_FILE, int(card["max_length"]))
    first_stage = None
    if (model_dir / FIRST_STAGE_FILE).exists():
        first_stage = sparse.model_from_arrays(sparse.load_arrays(model_dir / FIRST_STAGE_FILE), threshold=0.5, card={})
    return EncoderModel(session, tokenizer, first_stage, card)
