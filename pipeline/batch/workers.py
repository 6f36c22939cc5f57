"""The local engine: batches analysed in this process, or in a pool of worker processes.

Each worker loads the spaCy pipeline once and returns plain record dicts (never Docs: a pickled
Doc drags the whole vocabulary along). Results come back in submission order and at most
``in_flight`` batches are out at once, so memory stays bounded however long the input is.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, TypeVar

from spacy.language import Language

from pipeline.nlp import ModelChoice, load_nlp, model_label
from pipeline.runner import process_batch

Tag = TypeVar("Tag")

# "spawn" is the same on every platform and Python version (3.14 changed the Linux default) and
# never copies the parent's threads or locks into a worker.
START_METHOD = "spawn"

_THIS_THREAD = threading.local()


def cached_pipeline(models: ModelChoice) -> tuple[Language, str]:
    """This thread's spaCy pipeline for ``models`` and its label, loaded on first use.

    One per thread: a Dask worker may run several task threads, and a pipeline (its memory zones,
    its string store) must not be shared between concurrent batches.
    """
    pipelines = vars(_THIS_THREAD).setdefault("pipelines", {})
    if models not in pipelines:
        nlp = load_nlp(models.spacy_model, claims_model=models.claims_model)
        pipelines[models] = (nlp, model_label(nlp))
    return pipelines[models]


def analyse_batch(batch: list[dict], models: ModelChoice) -> list[dict]:
    """Turn a batch of stream items into records and failure entries, with this thread's pipeline."""
    nlp, label = cached_pipeline(models)
    return process_batch(batch, nlp, label)


def preload(models: ModelChoice) -> None:
    """Load the pipeline now, so that workers start together rather than on their first batch."""
    cached_pipeline(models)


def _init_pool_worker(models: ModelChoice) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    preload(models)


def _exit_with_parent() -> None:
    """End this worker when the parent dies (say of SIGKILL): the pool's queues would keep it waiting forever."""
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(1)


def ordered_results(
    tagged_batches: Iterable[tuple[Tag, list[dict]]],
    submit: Callable[[list[dict]], Future],
    in_flight: int,
) -> Iterator[tuple[Tag, list[dict]]]:
    """Submit batches with at most ``in_flight`` outstanding, yielding (tag, results) in input order."""
    pending: deque[tuple[Tag, Future]] = deque()
    for tag, batch in tagged_batches:
        pending.append((tag, submit(batch)))
        if len(pending) >= in_flight:
            done_tag, future = pending.popleft()
            yield done_tag, future.result()
    while pending:
        done_tag, future = pending.popleft()
        yield done_tag, future.result()


class LocalEngine:
    """Runs batches in this process (one worker, or input that fits one batch) or in a pool of ``workers`` processes."""

    def __init__(self, models: ModelChoice, workers: int) -> None:
        self.models = models
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "LocalEngine":
        if self.workers == 1:
            preload(self.models)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def run(self, tagged_batches: Iterable[tuple[Tag, list[dict]]]) -> Iterator[tuple[Tag, list[dict]]]:
        """Analyse the batches, yielding (tag, results) in input order."""
        iterator = iter(tagged_batches)
        head = list(islice(iterator, 2))
        if self.workers == 1 or len(head) < 2:  # starting processes costs more than one batch
            for tag, batch in chain(head, iterator):
                yield tag, analyse_batch(batch, self.models)
            return
        context = multiprocessing.get_context(START_METHOD)
        pool = self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_pool_worker, initargs=(self.models,))
        yield from ordered_results(chain(head, iterator), lambda batch: pool.submit(analyse_batch, batch, self.models), in_flight=2 * self.workers)
