"""The Dask engine: the same batches, analysed on a Dask distributed cluster.

With a scheduler address the run joins that cluster; without one it starts a ``LocalCluster`` of
``workers`` single-threaded processes. Every worker thread loads the spaCy pipeline once (cached
per thread, see :func:`pipeline.batch.workers.cached_pipeline`); the client streams batches to the
cluster with a bounded number outstanding and receives plain record dicts in input order, so the
shards, manifest and resume rules are exactly those of the local engine.

Workers need newslens and the spaCy model installed (the same versions as the client).
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future
from typing import Callable, Iterable, Iterator

from pipeline.batch.workers import Tag, analyse_batch
from pipeline.nlp import ModelChoice

# Batches outstanding per worker thread: enough to keep each busy while results travel back.
IN_FLIGHT_PER_THREAD = 2


def local_cluster(workers: int):
    """A ``LocalCluster`` of ``workers`` single-threaded processes (spaCy is not thread-parallel)."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)


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

    def __init__(self, models: ModelChoice, workers: int, scheduler: str | None = None) -> None:
        self.models = models
        self.workers = workers
        self.scheduler = scheduler
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
            lambda batch: client.submit(analyse_batch, batch, self.models, pure=False),
            in_flight=IN_FLIGHT_PER_THREAD * threads,
        )
