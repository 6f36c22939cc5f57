"""Does domain-adaptive pretraining (DAPT) of MiniLM on news make a better claims teacher? (issue 12)

    python benchmarks/claims_dapt.py corpus                     # the unlabelled sentences (≈ 10 s)
    python benchmarks/claims_dapt.py mlm --steps 300            # masked-LM training of the base MiniLM → build/claims-dapt-base
    python benchmarks/claims_dapt.py teacher --start build/claims-dapt-base --out build/claims-teacher-dapt   # ≈ 20 min
    python benchmarks/claims_dapt.py teacher --start base --seed 1 --out build/claims-teacher-seed1   # seed noise

then compare each teacher with ``models/claims-teacher`` by the whole pipeline (``newslens eval claims
--gold ../shared/data/claims/news_dev.jsonl --articles ../shared/data/claims/news_dev_articles.jsonl
--claims-model DIR --json``, and ``make eval-claims-calibration``'s command with ``--claims-model DIR``).

Gururangan et al. (2020) continue the masked-language-model training of a pretrained encoder on
unlabelled text of the target domain before fine-tuning. Here:

1. ``corpus``: the sentences (a cheap splitter: sentence-ending mark, space, capital) of the shared
   news corpora — ``bench/bbc2000``, ``bench/us_political``, ``bench/aeb_ground_truth``,
   ``bench/reuters21578`` (1987 wire, capped at :data:`REUTERS_SHARE` of the corpus, being the
   farthest from the target) and lines 1–800 of ``quotes/polnear_train`` (lines 801–840 are the quote
   held-out slice and are never read) — without any article of the claims held-out split, of the
   calibration split (both evaluation sets here) or of news_dev, and without any sentence that also
   appears in one of those articles, nor any article sharing :data:`COPY_SHARE` of its sentences with
   them (copies under another id).
2. ``mlm``: ``BertForMaskedLM`` on the packaged all-MiniLM-L6-v2 (a sentence-transformers checkpoint
   without an MLM head: the head is new, its decoder tied to the word embeddings), at most
   ``MAX_LENGTH`` pieces, 15 % of the pieces masked (80 % [MASK], 10 % a random piece, 10 % kept).
   First :data:`HEAD_STEPS` steps train the head alone (encoder frozen) so that the random head does
   not send large gradients into the encoder, then every weight. Reports the masked-LM loss on 500
   sentences kept aside, before and after. Writes a model directory (``BertModel`` + tokenizer) that
   the teacher's fine-tune can start from.
3. ``teacher``: the shipped teacher recipe (``make train-claims-teacher``'s arguments) started from
   ``--start`` instead of the packaged MiniLM, optionally with another fine-tune seed.

Measured 2026-12-04 (one thread, load 4–5 on 2 cores): ``mlm --steps 300`` took 1,458 s (100 head
steps and 300 full steps of 32 sentences, ≈ 4.7 s a full step); the teacher 1,203 s. Heavy jobs: run under ``nice`` with ``OMP_NUM_THREADS=1``; torch uses one thread here. Needs the
``train`` extra. Never reads the held-out split's labels.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
LABELS = ROOT / "data" / "labels"
SCRATCH = Path("/tmp/claims_dapt")
CORPUS_FILE = SCRATCH / "sentences.jsonl"
BENCH_FILES = ["bbc2000", "us_political", "aeb_ground_truth", "reuters21578"]
POLNEAR_LINES = 800  # lines 801–840 of polnear_train are the quote held-out slice
REUTERS_SHARE = 0.2
# An article sharing this share of its sentences with an evaluation article is a copy of it.
COPY_SHARE = 0.3
MIN_WORDS, MAX_WORDS = 5, 80
# Capital letter (or an opening mark or digit) after a sentence-ending mark and a space: linear, no nesting.
SENTENCE_END = re.compile(r"(?<=[.!?\"”’])\s+(?=[\"“‘'(A-Z0-9])")
MASK_SHARE = 0.15
HEAD_STEPS = 100
HEAD_LEARNING_RATE = 1e-3
LEARNING_RATE = 1e-4  # few steps of a small batch: twice the fine-tune's rate
BATCH = 32
KEPT_ASIDE = 500
SEED = 0


def sentences_of(text: str) -> list[str]:
    """The sentences of an article's text (paragraphs, then sentence ends), whitespace collapsed."""
    found = []
    for paragraph in text.split("\n"):
        found += [" ".join(part.split()) for part in SENTENCE_END.split(paragraph) if part.strip()]
    return found


def normalised(sentence: str) -> str:
    """A sentence as compared across corpora: lower case, words only."""
    return " ".join(re.findall(r"\w+", sentence.lower()))


def corpus_articles():
    """(corpus, article) pairs of the unlabelled corpora, polnear_train only up to :data:`POLNEAR_LINES`."""
    for name in BENCH_FILES:
        with open(SHARED / "bench" / f"{name}.jsonl", encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield name, json.loads(line)
    with open(SHARED / "quotes" / "polnear_train.jsonl", encoding="utf-8") as lines:
        for line in itertools.islice(lines, POLNEAR_LINES):
            yield "polnear_train", json.loads(line)


def excluded_article_ids() -> set[str]:
    """The article ids of the claims held-out and calibration splits and of news_dev (evaluation sets
    here; news_dev's articles lie in the bench corpora under the same ids)."""
    with open(SHARED / "claims" / "news_dev_articles.jsonl", encoding="utf-8") as lines:
        ids = {json.loads(line)["id"] for line in lines if line.strip()}
    for name in ("claims_news_heldout.jsonl", "claims_news_calibration.jsonl"):
        with open(LABELS / name, encoding="utf-8") as lines:
            ids |= {json.loads(line)["article_id"] for line in lines if line.strip()}
    return ids


def build_corpus() -> dict:
    """Write :data:`CORPUS_FILE` (one ``{"corpus", "text"}`` per sentence, shuffled); return the counts."""
    excluded_ids = excluded_article_ids()
    with open(SHARED / "claims" / "news_dev_articles.jsonl", encoding="utf-8") as lines:
        dev_texts = [json.loads(line)["text"] for line in lines if line.strip()]
    articles = list(corpus_articles())
    # Sentences of every evaluation article, wherever it lies, and of news_dev: dropped from all articles.
    excluded_sentences = {normalised(s) for text in dev_texts for s in sentences_of(text)}
    for _, article in articles:
        if article.get("id") in excluded_ids:
            excluded_sentences |= {normalised(s) for s in sentences_of(article.get("text") or "")}
    excluded_sentences.discard("")
    by_corpus: dict[str, list[str]] = {}
    counts = {"articles_excluded_by_id": 0, "articles_excluded_as_copies": 0, "sentences_excluded_by_text": 0}
    seen = set()
    for corpus, article in articles:
        if article.get("id") in excluded_ids:
            counts["articles_excluded_by_id"] += 1
            continue
        sentences = [article.get("title") or ""] + sentences_of(article.get("text") or "")
        if sum(normalised(s) in excluded_sentences for s in sentences) >= COPY_SHARE * len(sentences):
            counts["articles_excluded_as_copies"] += 1  # another version of an evaluation article
            continue
        for sentence in sentences:
            key = normalised(sentence)
            if not MIN_WORDS <= len(sentence.split()) <= MAX_WORDS or key in seen:
                continue
            seen.add(key)
            if key in excluded_sentences:
                counts["sentences_excluded_by_text"] += 1
                continue
            by_corpus.setdefault(corpus, []).append(sentence)
    rng = random.Random(SEED)
    others = sum(len(v) for name, v in by_corpus.items() if name != "reuters21578")
    reuters = by_corpus.get("reuters21578", [])
    rng.shuffle(reuters)
    by_corpus["reuters21578"] = reuters[: int(others * REUTERS_SHARE / (1 - REUTERS_SHARE))]
    rows = [{"corpus": name, "text": s} for name, sentences in by_corpus.items() for s in sentences]
    rng.shuffle(rows)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    with open(CORPUS_FILE, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    counts["sentences"] = {name: len(v) for name, v in by_corpus.items()}
    counts["total_sentences"] = len(rows)
    return counts


def masked(ids, special, mask_id: int, vocab_size: int, generator):
    """MLM inputs and targets: :data:`MASK_SHARE` of the pieces not ``special`` chosen, 80 % of them [MASK], 10 % a random piece."""
    import torch

    chosen = (torch.rand(ids.shape, generator=generator) < MASK_SHARE) & ~special
    targets = torch.where(chosen, ids, torch.full_like(ids, -100))
    inputs = ids.clone()
    draw = torch.rand(ids.shape, generator=generator)
    inputs[chosen & (draw < 0.8)] = mask_id
    randomised = chosen & (draw >= 0.8) & (draw < 0.9)
    inputs[randomised] = torch.randint(vocab_size, ids.shape, generator=generator)[randomised]
    return inputs, targets


def mlm(steps: int, out: Path) -> dict:
    """Masked-LM training of the base MiniLM on :data:`CORPUS_FILE`; the encoder written to ``out``."""
    import torch
    from transformers import BertForMaskedLM
    from transformers.utils import logging as transformers_logging

    from pipeline.claims import encoder
    from pipeline.claims.encoder_training import MAX_LENGTH, WARMUP_SHARE, WEIGHT_DECAY, base_model_dir, padded

    transformers_logging.set_verbosity_error()
    torch.manual_seed(SEED)
    base = base_model_dir()
    tokenizer = encoder.open_tokenizer(base / encoder.TOKENIZER_FILE, MAX_LENGTH)
    ids_of = {name: tokenizer.token_to_id(name) for name in ("[CLS]", "[SEP]", "[MASK]")}
    with open(CORPUS_FILE, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    aside, texts = texts[:KEPT_ASIDE], texts[KEPT_ASIDE:]
    model = BertForMaskedLM.from_pretrained(base)  # encoder weights loaded, head new, decoder tied to the embeddings
    generator = torch.Generator().manual_seed(SEED)

    def batch_of(chunk: list[str], draws):
        """Masked inputs, attention mask and targets of some sentences."""
        ids, mask = padded(tokenizer, chunk)
        special = (ids == ids_of["[CLS]"]) | (ids == ids_of["[SEP]"]) | (mask == 0)
        inputs, targets = masked(ids, special, ids_of["[MASK]"], model.config.vocab_size, draws)
        return inputs, mask, targets

    # The sentences kept aside are masked once, so that every loss on them reads the same pieces.
    fixed = torch.Generator().manual_seed(SEED + 1)
    aside_batches = [batch_of(aside[start : start + BATCH], fixed) for start in range(0, KEPT_ASIDE, BATCH)]

    def loss_of(inputs, mask, targets):
        """The masked-LM loss, the head run on the masked pieces only (the 30,522-way decoder over every
        piece would cost about as much as the encoder)."""
        hidden = model.bert(input_ids=inputs, attention_mask=mask).last_hidden_state
        chosen = targets != -100
        return torch.nn.functional.cross_entropy(model.cls(hidden[chosen]), targets[chosen])

    def aside_loss() -> float:
        model.eval()
        with torch.no_grad():
            losses = [loss_of(*batch).item() for batch in aside_batches]
        model.train()
        return sum(losses) / len(losses)

    report = {"sentences": len(texts), "loss_aside_before_head": round(aside_loss(), 4)}
    started = time.perf_counter()
    cursor = 0

    def run(parameters, learning_rate: float, count: int) -> float:
        nonlocal cursor
        optimizer = torch.optim.AdamW(parameters, lr=learning_rate, weight_decay=WEIGHT_DECAY)
        warmup = max(WARMUP_SHARE * count, 1)
        schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(s / warmup, max(count - s, 0) / max(count - warmup, 1)))
        total = 0.0
        for step in range(count):
            chunk = texts[cursor : cursor + BATCH]
            cursor = (cursor + BATCH) % max(len(texts) - BATCH, 1)
            inputs, mask, targets = batch_of(chunk, generator)
            loss = loss_of(inputs, mask, targets)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimizer.step()
            schedule.step()
            total += loss.item()
            if (step + 1) % 50 == 0:
                print(f"  step {step + 1}/{count} mean loss {total / 50:.3f} ({time.perf_counter() - started:.0f} s)", flush=True)
                total = 0.0
        return time.perf_counter() - started

    model.train()
    for parameter in model.bert.parameters():
        parameter.requires_grad = False
    head = [p for p in model.cls.parameters() if p.requires_grad]
    run(head, HEAD_LEARNING_RATE, HEAD_STEPS)
    report["loss_aside_before"] = round(aside_loss(), 4)
    for parameter in model.bert.parameters():
        parameter.requires_grad = True
    report["seconds"] = round(run([p for p in model.parameters() if p.requires_grad], LEARNING_RATE, steps))
    report["loss_aside_after"] = round(aside_loss(), 4)
    report["sentences_seen"] = (HEAD_STEPS + steps) * BATCH
    model.bert.save_pretrained(out)
    for name in ("tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copyfile(base / name, out / name)
    (out / "dapt.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def teacher(start: str, out: Path, seed: int) -> dict:
    """``make train-claims-teacher``'s recipe from ``start`` (``base``: the packaged MiniLM) with ``seed``."""
    from pipeline.claims import encoder_training

    card = encoder_training.train([LABELS / "claims_news_train.jsonl"], SHARED / "claims" / "news_dev.jsonl", out,
                                  calibration_set=LABELS / "claims_news_calibration.jsonl", first_stage=ROOT / "models" / "claims",
                                  corpora=SHARED, epochs=3, batch_size=16,
                                  base=None if start == "base" else Path(start).resolve(), seed=seed)
    return card["metrics"]


def main() -> None:
    import torch

    torch.set_num_threads(1)  # a shared machine; the fine-tune follows OMP_NUM_THREADS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["corpus", "mlm", "teacher"])
    parser.add_argument("--steps", type=int, default=300, help="MLM steps after the head's warm-up")
    parser.add_argument("--start", default="build/claims-dapt-base", help="teacher: a model directory, or base")
    parser.add_argument("--seed", type=int, default=SEED, help="teacher: the fine-tune's seed")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.step == "corpus":
        print(json.dumps(build_corpus(), indent=2))
    elif args.step == "mlm":
        print(json.dumps(mlm(args.steps, args.out or ROOT / "build" / "claims-dapt-base"), indent=2))
    else:
        started = time.perf_counter()
        metrics = teacher(args.start, args.out or ROOT / "build" / "claims-teacher-dapt", args.seed)
        print(json.dumps({"seconds": round(time.perf_counter() - started), **metrics}, indent=2))


if __name__ == "__main__":
    main()
