"""Throughput and memory of newslens against bare spaCy, each measured in a fresh subprocess.

    python benchmarks/throughput.py                      # bare nlp.pipe vs newslens, one process each
    python benchmarks/throughput.py --limit 300          # a quicker look
    python benchmarks/throughput.py --limit 300 --rounds 4   # four bare/newslens pairs, alternating: each ratio and the median
    python benchmarks/throughput.py --claims-model fast  # newslens with another claims model (the default: accurate)
    python benchmarks/throughput.py --workers 1 2        # the batch path with 1 and with 2 worker processes
    python benchmarks/throughput.py --long               # peak memory after 2,000 Reuters records vs after all 21,578

* bare: ``spacy.load(model)`` with all its default components, ``nlp.pipe(texts, batch_size)``.
* newslens: ``pipeline.runner.process`` with ``load_nlp()`` (cleaning, entities, quotes, claims).
* batch: ``pipeline.batch.run_batch`` — the path ``newslens batch`` runs (shards, manifest, pool).
* long: one batch run over the Reuters corpus, recording the peak memory reached when the manifest
  first lists 2,000 finished records and the peak at the end.

Each run also records its CPU time (``time.process_time``, every thread of the process): on a shared
machine the wall-clock ratio swings with the other load, the CPU-time ratio much less.

Both read the same articles (``--corpus``, first ``--limit``) into memory before the clock starts
and count the same words: those of the input (title and text, split on whitespace), so the ratio
of words/s is the ratio of times. Peak memory is the child's peak resident set size, plus the
largest worker process for the batch path. Compare figures from one invocation only: the machine
may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "bench"
DEFAULT_CORPUS = SHARED / "bbc2000.jsonl"
LONG_CORPUS = SHARED / "reuters21578.jsonl"
LONG_PREFIX = 2000


def read_corpus(corpus: Path, limit: int | None) -> list[dict]:
    """The first ``limit`` articles of the corpus, through newslens's own reader."""
    from itertools import islice

    from pipeline.ingest import is_failure, read_articles

    return [a for a in islice(read_articles([str(corpus)]), limit) if not is_failure(a)]


def input_text(article: dict) -> str:
    """The article as one text: title, blank line, body (what bare spaCy is given)."""
    return f"{article['title']}\n\n{article['text']}" if article["title"] else article["text"]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports KB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def run_bare(corpus: Path, limit: int | None, batch_size: int, model: str | None) -> dict:
    """Bare ``nlp.pipe`` over the model with all its default components."""
    import spacy

    from pipeline.nlp import resolve_model

    texts = [input_text(a) for a in read_corpus(corpus, limit)]
    nlp = spacy.load(resolve_model(model))
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return {"run": "bare spaCy", "pipes": nlp.pipe_names, "articles": len(texts), "words": sum(len(t.split()) for t in texts),
            "seconds": seconds, "cpu_seconds": cpu_seconds}


def run_newslens(corpus: Path, limit: int | None, batch_size: int, model: str | None, claims_model: str | None) -> dict:
    """The full newslens pipeline, cleaning included, in this process."""
    from pipeline.ingest import is_failure
    from pipeline.nlp import load_nlp
    from pipeline.runner import process

    articles = read_corpus(corpus, limit)
    words = sum(len(input_text(a).split()) for a in articles)
    nlp = load_nlp(model, claims_model=claims_model)
    started, cpu_started = time.perf_counter(), time.process_time()
    errors = sum(is_failure(item) for item in process(articles, nlp, batch_size=batch_size))
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    return {"run": "newslens", "pipes": nlp.pipe_names, "articles": len(articles), "errors": errors, "words": words,
            "seconds": seconds, "cpu_seconds": cpu_seconds}


def corpus_prefix(corpus: Path, limit: int | None, scratch: Path) -> Path:
    """The corpus itself, or a copy of its first ``limit`` lines in ``scratch``."""
    if limit is None:
        return corpus
    prefix = scratch / corpus.name
    with open(corpus, encoding="utf-8") as lines, open(prefix, "w", encoding="utf-8") as out:
        for _, line in zip(range(limit), lines):
            out.write(line)
    return prefix


def run_batch_path(corpus: Path, limit: int | None, batch_size: int, model: str | None, workers: int) -> dict:
    """``newslens batch`` (the real path: shards, manifest, worker pool), timed from start to finish, model loading included."""
    from rich.console import Console

    from pipeline.batch import run_batch

    with tempfile.TemporaryDirectory() as scratch:
        source = corpus_prefix(corpus, limit, Path(scratch))
        quiet = Console(stderr=True, quiet=True)
        result = run_batch([str(source)], Path(scratch) / "out", model=model, workers=workers, batch_size=batch_size, console=quiet)
    tally = result.tally
    return {"run": f"batch, {workers} worker{'s' if workers > 1 else ''}", "articles": tally.records + tally.errors, "errors": tally.errors,
            "words": tally.words, "seconds": result.seconds}


def peak_tree_rss_mb() -> float:
    """The largest peak RSS (VmHWM) among this process and its live children, in MB."""
    pids = [os.getpid()]
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(pid) for pid in (task / "children").read_text().split()]
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        peaks += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
    return max(peaks)


def run_long(corpus: Path, limit: int | None, batch_size: int, model: str | None, workers: int) -> dict:
    """One batch run; the peak memory when the first ``LONG_PREFIX`` records are written, and at the end."""
    import threading

    from rich.console import Console

    from pipeline.batch import run_batch

    checkpoint: dict[str, float] = {}
    finished = threading.Event()
    with tempfile.TemporaryDirectory() as scratch:
        manifest = Path(scratch) / "out" / "manifest.json"

        def watch() -> None:
            while not finished.wait(0.5) and not checkpoint:
                try:
                    done = sum(shard["items"] for shard in json.loads(manifest.read_text())["shards"])
                except (OSError, ValueError):
                    continue
                if done >= LONG_PREFIX:
                    checkpoint.update(records=done, peak_rss_mb=peak_tree_rss_mb(), seconds=time.perf_counter() - started)

        watcher = threading.Thread(target=watch, daemon=True)
        started = time.perf_counter()
        watcher.start()
        source = corpus_prefix(corpus, limit, Path(scratch))
        result = run_batch([str(source)], Path(scratch) / "out", model=model, workers=workers, batch_size=batch_size, console=Console(stderr=True, quiet=True))
        finished.set()
        watcher.join()
    tally = result.tally
    return {"run": f"long, {workers} worker{'s' if workers > 1 else ''}", "articles": tally.records + tally.errors, "errors": tally.errors,
            "words": tally.words, "seconds": result.seconds, "checkpoint": checkpoint}


def child(args: argparse.Namespace) -> None:
    """Run one measurement in this process and print it as one JSON line."""
    corpus, limit = Path(args.corpus), args.limit
    if args.child == "bare":
        result = run_bare(corpus, limit, args.batch_size, args.model)
    elif args.child == "newslens":
        result = run_newslens(corpus, limit, args.batch_size, args.model, args.claims_model)
    elif args.child.startswith("long"):
        result = run_long(corpus, limit, args.batch_size, args.model, int(args.child.removeprefix("long")))
    else:
        result = run_batch_path(corpus, limit, args.batch_size, args.model, int(args.child.removeprefix("batch")))
    result["peak_rss_mb"] = peak_rss_mb()
    result["peak_worker_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)
    print(json.dumps(result))


def measure(kind: str, corpus: Path, limit: int | None, args: argparse.Namespace) -> dict:
    """Run one measurement in a fresh subprocess."""
    command = [sys.executable, __file__, "--child", kind, "--corpus", str(corpus), "--batch-size", str(args.batch_size)]
    if limit is not None:
        command += ["--limit", str(limit)]
    if args.model:
        command += ["--model", args.model]
    if args.claims_model:
        command += ["--claims-model", args.claims_model]
    print(f"… {kind} on {corpus.name} ({limit or 'all'} articles)", file=sys.stderr, flush=True)
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["words_per_s"] = result["words"] / result["seconds"]
    return result


def print_rows(rows: list[dict]) -> None:
    print(f"{'run':<22}{'articles':>9}{'words':>11}{'seconds':>9}{'words/s':>9}{'peak RSS MB':>13}{'worker RSS MB':>15}")
    for r in rows:
        worker = f"{r['peak_worker_rss_mb']:,.0f}" if r["peak_worker_rss_mb"] > 1 else "-"
        print(f"{r['run']:<22}{r['articles']:>9,}{r['words']:>11,}{r['seconds']:>9.1f}{r['words_per_s']:>9,.0f}{r['peak_rss_mb']:>13,.0f}{worker:>15}")


def print_ratios(label: str, ratios: list[float]) -> None:
    """One ratio, or each round's and their median."""
    if len(ratios) == 1:
        print(f"{label}: {ratios[0]:.2f}×")
    else:
        print(f"{label}: {', '.join(f'{r:.2f}' for r in ratios)} — median {statistics.median(ratios):.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="JSONL articles (default: ../shared/data/bench/bbc2000.jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per nlp.pipe batch, the same for every run")
    parser.add_argument("--model", default=None, help="spaCy model (default: newslens's choice)")
    parser.add_argument("--claims-model", default=None, help="newslens's claims model: fast, accurate or a directory (default: accurate)")
    parser.add_argument("--rounds", type=int, default=1, help="bare/newslens pairs to run, alternating (the machine's load moves each ratio)")
    parser.add_argument("--workers", type=int, nargs="+", default=None, help="compare the batch path with these worker counts instead")
    parser.add_argument("--long", action="store_true", help="peak memory of the batch path on the first 2,000 Reuters records vs all of them")
    parser.add_argument("--long-workers", type=int, default=1, help="worker processes for --long")
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    corpus = Path(args.corpus)
    if args.long:
        corpus = LONG_CORPUS if args.corpus == str(DEFAULT_CORPUS) else corpus
        rows = [measure(f"long{args.long_workers}", corpus, args.limit, args)]
    elif args.workers:
        rows = [measure(f"batch{n}", corpus, args.limit, args) for n in args.workers]
    else:
        rows = [measure(kind, corpus, args.limit, args) for _ in range(args.rounds) for kind in ("bare", "newslens")]
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print(f"corpus: {corpus}   batch size: {args.batch_size}   cores: {len(os.sched_getaffinity(0))}")
    print_rows(rows)
    first, last = rows[0], rows[-1]
    if args.long:
        at_end = max(last["peak_rss_mb"], last["peak_worker_rss_mb"])
        checkpoint = last["checkpoint"]
        if checkpoint:
            print(f"largest process peak RSS after {checkpoint['records']:,} records: {checkpoint['peak_rss_mb']:,.0f} MB "
                  f"({checkpoint['seconds']:.0f} s); after all {last['articles']:,}: {at_end:,.0f} MB; growth {at_end / checkpoint['peak_rss_mb'] - 1:+.1%}")
        else:
            print(f"the run ended before {LONG_PREFIX:,} records: largest process peak RSS {at_end:,.0f} MB")
    elif args.workers:
        print(f"speed-up, {last['run']} vs {first['run']}: {last['words_per_s'] / first['words_per_s']:.2f}×")
    else:
        print(f"bare pipes: {', '.join(first['pipes'])}\nnewslens pipes: {', '.join(last['pipes'])}")
        pairs = list(zip(rows[::2], rows[1::2]))
        print_ratios("newslens / bare spaCy", [news["words_per_s"] / bare["words_per_s"] for bare, news in pairs])
        # CPU time (all threads of the process) moves less with the load of a shared machine than wall time.
        print_ratios("newslens / bare spaCy by CPU time", [bare["cpu_seconds"] / news["cpu_seconds"] for bare, news in pairs])


if __name__ == "__main__":
    main()
