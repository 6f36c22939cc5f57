"""Batch runs over dumps of any size: sharded, resumable, on local worker processes or a Dask cluster.

``run_batch(inputs, target, ...)`` streams the inputs through the pipeline. The stream of items
(articles and ingest failures, in input order) is cut into shards of ``shard_size`` items and each
shard into batches of at most ``batch_size`` items and ``batch_chars`` characters; both cuts depend
only on the input, so the output is the same for any number of workers, either engine, and any
number of interruptions. A shard's files are renamed into place when complete and only then listed
in the manifest; a resumed run skips the items of the listed shards and starts again at the first
unlisted one.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from rich.console import Console

from pipeline import __version__
from pipeline.batch.manifest import Manifest, ResumeRefused, check_resumable
from pipeline.batch.progress import count_items, run_progress
from pipeline.batch.shards import Layout, ShardWriter, assemble
from pipeline.batch.workers import Budget, LocalEngine
from pipeline.ingest import read_articles
from pipeline.ingest.readers import expand_inputs
from pipeline.nlp import ModelChoice
from pipeline.runner import DEFAULT_BATCH_CHARS, DEFAULT_BATCH_SIZE, batched
from pipeline.summary import RunTally
from pipeline.write import OutputBusy, lock_output

__all__ = ["BatchResult", "Budget", "OutputBusy", "ResumeRefused", "default_workers", "run_batch"]

# Items per shard: big enough that a dump of millions makes a few thousand files, small enough
# that a crash loses little work.
DEFAULT_SHARD_SIZE = 1000
ENGINES = ("local", "dask")


def default_workers() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass
class BatchResult:
    """What a run produced: totals over all its shards, and what this invocation did itself."""

    tally: RunTally
    session_words: int
    seconds: float  # wall time of this invocation
    analysis_seconds: float  # from the engine being ready (the model loaded in a one-worker run) to the end
    resumed_items: int
    already_complete: bool
    layout: Layout


def input_fingerprints(inputs: Iterable[str]) -> list[list]:
    """Each expanded input path with its size and modification time (stdin as ``["-", None, None]``)."""
    fingerprints = []
    for path in expand_inputs(inputs):
        try:
            stat = os.stat(path) if path != "-" else None
        except OSError:
            stat = None  # unreadable: it becomes a failure entry, and stays one on resume
        fingerprints.append([path, stat.st_size if stat else None, stat.st_mtime_ns if stat else None])
    return fingerprints


def run_config(inputs: list[str], models: ModelChoice, batch_size: int, batch_chars: int, shard_size: int) -> dict:
    """The settings that decide the output; a run resumes only under the same ones."""
    from pipeline.claims.loading import resolve_model_dir
    from pipeline.nlp import NEWSLENS_COMPONENTS, resolve_model

    return {
        "inputs": input_fingerprints(inputs),
        "model": resolve_model(models.spacy_model),
        "claims_model": str(resolve_model_dir(models.claims_model)),
        "components": list(NEWSLENS_COMPONENTS),
        "newslens_version": __version__,
        "batch_size": batch_size,
        "batch_chars": batch_chars,
        "shard_size": shard_size,
    }


def shard_batches(
    items: Iterable[dict], first_shard: int, shard_size: int, batch_size: int, batch_chars: int = DEFAULT_BATCH_CHARS
) -> Iterator[tuple[tuple[int, int, bool], list[dict]]]:
    """Cut the item stream into shards and each shard into batches: yield ((shard, items so far, last?), batch).

    One batch is read ahead, to know whether the current one ends its shard; nothing more is held.
    """
    ahead: tuple[int, int, list[dict]] | None = None
    for index, seen, batch in _cut(iter(items), first_shard, shard_size, batch_size, batch_chars):
        if ahead is not None:
            yield (ahead[0], ahead[1], index != ahead[0]), ahead[2]
        ahead = (index, seen, batch)
    if ahead is not None:
        yield (ahead[0], ahead[1], True), ahead[2]


def _cut(iterator: Iterator[dict], index: int, shard_size: int, batch_size: int, batch_chars: int) -> Iterator[tuple[int, int, list[dict]]]:
    while True:
        seen = 0
        for batch in batched(islice(iterator, shard_size), batch_size, batch_chars):
            seen += len(batch)
            yield index, seen, batch
        if seen < shard_size:  # the stream ended inside this shard (or before it)
            return
        index += 1


def run_batch(
    inputs: list[str],
    target: Path,
    *,
    model: str | None = None,
    claims_model: str | None = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    shard_size: int = DEFAULT_SHARD_SIZE,
    engine: str = "local",
    scheduler: str | None = None,
    overwrite: bool = False,
    console: Console | None = None,
    budget: Budget | None = None,
) -> BatchResult:
    """Run (or resume) a batch over ``inputs`` into ``target``; see the module docstring.

    The run holds a lock on its output for its whole life (:class:`OutputBusy` for a second run on
    the same target). A failed write (a full disk, an unwritable directory) raises ``OSError``
    after deleting the run's temporary files; finished shards stay, for a resume.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    console = console or Console(stderr=True)
    layout = Layout.for_target(target)
    models = ModelChoice(model, claims_model)
    config = run_config(inputs, models, batch_size, batch_chars, shard_size)
    with lock_output(target):
        try:
            return _run_locked(inputs, layout, models, config, workers, batch_size, batch_chars, shard_size, engine, scheduler,
                               overwrite, console, budget)
        except OSError:
            layout.remove_temporaries()
            raise


def _run_locked(inputs, layout, models, config, workers, batch_size, batch_chars, shard_size, engine, scheduler, overwrite, console,
                budget) -> BatchResult:
    manifest = open_manifest(layout, config, overwrite)
    started = time.perf_counter()
    tally = RunTally.merged(RunTally.from_counts(shard["counts"]) for shard in manifest.shards)
    resumed_items = manifest.done_items
    if manifest.complete:
        return BatchResult(tally, 0, 0.0, 0.0, resumed_items, True, layout)

    session_words = 0
    with make_engine(engine, models, workers, scheduler, budget) as runner, run_progress(console) as progress:
        ready = time.perf_counter()
        total = count_items([path for path, *_ in config["inputs"]]) if console.is_terminal else None
        task = progress.add_task("batch", total=total, completed=resumed_items, words=0)
        items = islice(read_articles(inputs), resumed_items, None)
        batches = shard_batches(items, len(manifest.shards), shard_size, batch_size, batch_chars)
        writer: ShardWriter | None = None
        shard_tally = RunTally()
        try:
            for (index, seen, last), results in runner.run(batches):
                if writer is None:
                    writer, shard_tally = ShardWriter(layout, layout.shard_name(index)), RunTally()
                words_before = shard_tally.words
                for item in results:
                    writer.write(item)
                    shard_tally.add(item)
                session_words += shard_tally.words - words_before
                progress.update(task, advance=len(results), words=session_words)
                if last:
                    writer.commit()
                    manifest.shards.append({"name": writer.name, "items": seen, "counts": shard_tally.counts()})
                    manifest.save(layout.manifest)
                    tally.merge(shard_tally)
                    writer = None
        finally:
            if writer is not None:
                writer.abandon()
    if layout.final is not None:
        assemble(layout, [shard["name"] for shard in manifest.shards])
    manifest.complete = True
    manifest.save(layout.manifest)
    if layout.final is not None:
        layout.remove_shard_dir()
    finished = time.perf_counter()
    return BatchResult(tally, session_words, finished - started, finished - ready, resumed_items, False, layout)


def open_manifest(layout: Layout, config: dict, overwrite: bool) -> Manifest:
    """The manifest to continue: a fresh one (new run or ``--overwrite``), or the existing one when resumable."""
    if overwrite:
        layout.remove_outputs()
    if not layout.manifest.exists():
        if layout.final is None and layout.leftovers():
            raise ResumeRefused(f"{layout.shard_dir} holds shard files but no manifest.json; pass --overwrite to replace them.")
        layout.remove_unlisted(set())
        manifest = Manifest(config)
        layout.manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.save(layout.manifest)
        return manifest
    manifest = Manifest.read(layout.manifest)
    if layout.outputs_missing([shard["name"] for shard in manifest.shards], manifest.complete):
        return open_manifest(layout, config, overwrite=True)  # the manifest goes with its output
    check_resumable(manifest, config, layout.manifest)
    if not manifest.complete:
        layout.remove_unlisted({shard["name"] for shard in manifest.shards})
    elif layout.final is not None:
        layout.remove_shard_dir()
    return manifest


def make_engine(engine: str, models: ModelChoice, workers: int, scheduler: str | None, budget: Budget | None = None):
    """The engine that analyses batches."""
    if engine == "dask":
        from pipeline.batch.dask_engine import DaskEngine

        return DaskEngine(models, workers, scheduler, budget)
    return LocalEngine(models, workers, budget)
