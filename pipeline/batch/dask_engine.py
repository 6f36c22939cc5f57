"""The Dask engine: the same batches, analysed on a Dask distributed cluster.

With a scheduler address the run joins that cluster; without one it starts a ``LocalCluster`` of
``workers`` single-threaded processes. The client streams batches to the cluster with a bounded
number outstanding and receives plain record dicts in input order, so the shards, manifest and
resume rules are exactly those of the local engine.

Each article keeps its budget (:class:`pipeline.batch.workers.Budget`) as on the local engine, by
the same means: a Dask task does not analyse its batch itself but hands it to a supervised worker
process of its own (a one-worker :class:`~pipeline.batch.workers.LocalEngine`, started on the
task thread's first batch and kept for the next ones), which kills and replaces the process when an
article overruns and retries the batch without it. A Dask worker cannot stop a task thread stuck in
a regular expression or in C code, nor give back the memory it took; its own process stays small.

Workers need newslens and the spaCy model installed (the same versions as the client), and must be
allowed to start processes: a Dask worker is a daemonic process by default, which Python forbids
to have children, so start them with ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` (the
``LocalCluster`` started here is).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import threading
from collections import deque
from concurrent.futures import Future
from typing import Callable, Iterable, Iterator

from pipeline.batch.workers import Budget, LocalEngine, Tag
from pipeline.nlp import ModelChoice

# Batches outstanding per worker thread: enough to keep each busy while results travel back.
IN_FLIGHT_PER_THREAD = 2

_THIS_THREAD = threading.local()


def local_cluster(workers: int):
    """A ``LocalCluster`` of ``workers`` single-threaded processes (spaCy is not thread-parallel),
    allowed to start the supervised processes that analyse their batches."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)


def analyse_within_budget(batch: list[dict], models: ModelChoice, budget: Budget) -> list[dict]:
    """A Dask task: analyse ``batch`` in this thread's supervised worker process, each article within ``budget``."""
    settings, engine = getattr(_THIS_THREAD, "engine", (None, None))
    if settings != (models, budget):
        if multiprocessing.current_process().daemon:
            raise RuntimeError("this Dask worker may not start processes, so it cannot keep articles within their budget: "
                               "start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")
        if engine is not None:  # a run with other models or another budget: one engine per thread
            engine.__exit__(None, None, None)
        engine = LocalEngine(models, 1, budget).__enter__()
        atexit.register(engine.__exit__, None, None, None)
        _THIS_THREAD.engine = ((models, budget), engine)
    return [item for _, results in engine.run([(None, batch)]) for item in results]


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


class DaskEngine:
    """Runs batches on a Dask cluster (a new ``LocalCluster`` when no scheduler address is given)."""

    def __init__(self, models: ModelChoice, workers: int, scheduler: str | None = None, budget: Budget | None = None) -> None:
        self.models = models
        self.workers = workers
        self.scheduler = scheduler
        self.budget = budget or Budget()
        self._client = None
        self._cluster = None

    def __enter__(self) -> "DaskEngine":
        try:
            from distributed import Client
        except ImportError:
            raise RuntimeError("the Dask engine needs dask.distributed: pip install 'newslens[dask]'") from None
        if self.scheduler:
            self._client = Client(self.scheduler)
            self._client.wait_for_workers(1)
        else:
            self._cluster = local_cluster(self.workers)
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def run(self, tagged_batches: Iterable[tuple[Tag, list[dict]]]) -> Iterator[tuple[Tag, list[dict]]]:
        """Analyse the batches on the cluster, yielding (tag, results) in input order."""
        client = self._client
        threads = max(1, sum(client.nthreads().values()))
        yield from ordered_results(
            tagged_batches,
            lambda batch: client.submit(analyse_within_budget, batch, self.models, self.budget, pure=False),
            in_flight=IN_FLIGHT_PER_THREAD * threads,
        )
