"""The local engine: batches analysed in supervised worker processes, each article within a budget.

Each worker loads the spaCy pipeline once and returns plain record dicts (never Docs: a pickled
Doc drags the whole vocabulary along). Results come back in submission order and at most
``in_flight`` batches are out at once, so memory stays bounded however long the input is.

The parent watches every worker: a batch that runs past its time budget (the sum of its articles'
budgets, :class:`Budget`) or makes its worker grow past the memory budget has its worker killed
and replaced, and is retried one article at a time, each with its own budget; an article that
still exceeds it becomes a failure entry and its neighbours land. A worker that dies (a segfault,
the kernel's OOM killer) is handled the same way. Analysis always runs in a child process, one
worker included: a regular expression or a C extension in a runaway loop can only be stopped from
outside. ``newslens extract`` runs its articles in one such worker, and the Dask engine gives each
of its task threads one (:mod:`pipeline.batch.dask_engine`).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator, TypeVar

from pipeline.nlp import ModelChoice, load_nlp, model_label
from pipeline.record import error_entry, is_failure
from pipeline.runner import item_chars, process_batch

Tag = TypeVar("Tag")

# "spawn" is the same on every platform and Python version (3.14 changed the Linux default) and
# never copies the parent's threads or locks into a worker.
START_METHOD = "spawn"
# How often the parent checks its workers' clocks and memory.
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Budget:
    """What one article may cost: ``seconds`` per 10,000 characters (at least ``seconds``), and a
    worker may grow by ``memory_mb`` above its size once the model is loaded.

    The full pipeline analyses 10,000 characters in about 0.6 s here (NOTES.md: ≈ 2,700 words/s),
    so the default leaves a margin of about 8× for a loaded machine. A batch of BBC news grows a
    worker (≈ 390 MB loaded) by about 170 MB, the worst article of benchmarks/hostile_large.py by
    about 560 MB; 768 MB keeps one worker and the parent (≈ 70 MB) under 1.5 GB together.
    """

    seconds: float = 5.0
    memory_mb: float = 768.0

    def article_seconds(self, item: dict) -> float:
        """The time budget of one stream item (an ingest failure costs nothing)."""
        return 0.0 if is_failure(item) else self.seconds * max(1.0, item_chars(item) / 10_000)

    def batch_seconds(self, batch: list[dict]) -> float:
        return sum(self.article_seconds(item) for item in batch)


WARM_UP_TEXT = "Mayor says the plan will cost $2 million\n\nThe mayor said on Monday that the plan would cost $2 million."


def _worker_main(connection: multiprocessing.connection.Connection, models: ModelChoice) -> None:
    """A worker process: load the pipeline, say so, then analyse each batch it is sent until ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    nlp = load_nlp(models.spacy_model, claims_model=models.claims_model)  # before saying ready, so that workers start together
    # One small article through every stage: what loads on first use (the claims model, ONNX Runtime's
    # buffers) then belongs to the size the memory budget is measured from, not to the first article.
    nlp(WARM_UP_TEXT)
    label = model_label(nlp)
    connection.send("ready")
    while (batch := connection.recv()) is not None:
        connection.send(process_batch(batch, nlp, label))


def _exit_with_parent() -> None:
    """End this worker when the parent dies (say of SIGKILL): nothing else would stop it."""
    multiprocessing.connection.wait([multiprocessing.parent_process().sentinel])
    os._exit(1)


def resident_bytes(pid: int) -> int | None:
    """A process's resident set size, from /proc (None where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class Worker:
    """One worker process and the job it is running."""

    def __init__(self, context, models: ModelChoice) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, models), daemon=True, name="newslens-worker")
        self.process.start()
        child.close()
        self.baseline: int | None = None
        self.job: Job | None = None
        self.deadline = 0.0

    def wait_until_ready(self) -> None:
        """Wait for the process to load the pipeline, then note its size; a worker that dies meanwhile is an error."""
        try:
            message = self.connection.recv()
        except EOFError:
            self.process.join(5)
            raise RuntimeError(f"a worker process failed to start (exit code {self.process.exitcode}); its error is above") from None
        if message != "ready":
            raise RuntimeError(f"a worker process sent {message!r} instead of saying it is ready")
        self.baseline = resident_bytes(self.process.pid)

    def start(self, job: "Job", budget: Budget) -> None:
        self.job = job
        self.deadline = time.monotonic() + budget.batch_seconds(job.batch)
        self.connection.send(job.batch)

    def over_memory(self, budget: Budget) -> bool:
        size = resident_bytes(self.process.pid)
        return size is not None and self.baseline is not None and size - self.baseline > budget.memory_mb * 2**20

    def stop(self) -> None:
        """Kill the process (it may be stuck in C code that ignores SIGTERM) and reap it."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


@dataclass
class Job:
    """A batch to analyse, and where its results go: one slot of the output, in input order."""

    batch: list[dict]
    slot: "Slot"
    part: int  # index of this job's results within the slot


@dataclass
class Slot:
    """The results of one submitted batch, possibly from several jobs after a split."""

    tag: object
    parts: list[list[dict] | None] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return all(part is not None for part in self.parts)

    def results(self) -> list[dict]:
        return [item for part in self.parts for item in part]


class LocalEngine:
    """Runs batches in ``workers`` supervised processes, each article within ``budget``."""

    def __init__(self, models: ModelChoice, workers: int, budget: Budget | None = None) -> None:
        self.models = models
        self.workers = workers
        self.budget = budget or Budget()
        self._context = multiprocessing.get_context(START_METHOD)
        self._pool: list[Worker] = []

    def __enter__(self) -> "LocalEngine":
        self._pool = [Worker(self._context, self.models) for _ in range(self.workers)]
        for worker in self._pool:  # started together, they load the pipeline in parallel
            worker.wait_until_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._pool:
            if worker.process.is_alive() and worker.job is None:
                try:
                    worker.connection.send(None)
                except OSError:
                    pass
        for worker in self._pool:
            worker.process.join(timeout=5 if worker.job is None else 0)
            worker.stop()
        self._pool = []

    def _replace(self, worker: Worker) -> None:
        worker.stop()
        fresh = self._pool[self._pool.index(worker)] = Worker(self._context, self.models)
        fresh.wait_until_ready()

    def run(self, tagged_batches: Iterable[tuple[Tag, list[dict]]]) -> Iterator[tuple[Tag, list[dict]]]:
        """Analyse the batches, yielding (tag, results) in input order."""
        in_flight = 2 * self.workers
        slots: deque[Slot] = deque()
        queue: deque[Job] = deque()  # jobs waiting for a worker, retries first
        incoming = iter(tagged_batches)
        exhausted = False
        while True:
            while not exhausted and len(slots) < in_flight:
                try:
                    tag, batch = next(incoming)
                except StopIteration:
                    exhausted = True
                    break
                slot = Slot(tag, [None])
                slots.append(slot)
                queue.append(Job(batch, slot, 0))
            while slots and slots[0].done:
                slot = slots.popleft()
                yield slot.tag, slot.results()
            if exhausted and not slots:
                return
            self._dispatch(queue)
            self._watch(queue)

    def _dispatch(self, queue: deque[Job]) -> None:
        for worker in self._pool:
            while queue and worker.job is None:
                job = queue.popleft()
                if all(is_failure(item) for item in job.batch):  # nothing to analyse
                    job.slot.parts[job.part] = list(job.batch)
                    continue
                worker.start(job, self.budget)

    def _watch(self, queue: deque[Job]) -> None:
        """Wait a moment for results; collect them, and stop the workers that overran their budget."""
        busy = [worker for worker in self._pool if worker.job is not None]
        if not busy:
            return
        waitables = [w.connection for w in busy] + [w.process.sentinel for w in busy]
        ready = set(multiprocessing.connection.wait(waitables, timeout=POLL_SECONDS))
        now = time.monotonic()
        for worker in busy:
            job = worker.job
            assert job is not None
            reason = None
            if worker.connection in ready:
                try:
                    job.slot.parts[job.part] = worker.connection.recv()
                    worker.job = None
                    continue
                except (EOFError, OSError):
                    reason = "the worker process analysing it died"
            elif worker.process.sentinel in ready:
                reason = f"the worker process analysing it died (exit code {worker.process.exitcode})"
            elif now > worker.deadline:
                reason = f"article exceeded its time budget ({{seconds:.0f}} s for {{chars:,}} characters; see --article-timeout)"
            elif worker.over_memory(self.budget):
                reason = f"article exceeded its memory budget ({self.budget.memory_mb:,.0f} MB; see --article-memory)"
            if reason is None:
                continue
            worker.job = None
            self._replace(worker)
            self._split(job, reason, queue)

    def _split(self, job: Job, reason: str, queue: deque[Job]) -> None:
        """Retry a failed batch one article at a time; a single article that failed becomes a failure entry."""
        if len(job.batch) == 1:
            item = job.batch[0]
            message = reason.format(seconds=self.budget.article_seconds(item), chars=item_chars(item))
            job.slot.parts[job.part] = [error_entry(item, "nlp", message)]
            return
        slot, part = job.slot, job.part
        singles = [[item] for item in job.batch]
        # The failed job's place in its slot becomes one place per article, in order.
        slot.parts[part : part + 1] = [None] * len(singles)
        for other in queue:
            if other.slot is slot and other.part > part:
                other.part += len(singles) - 1
        for worker in self._pool:
            if worker.job is not None and worker.job.slot is slot and worker.job.part > part:
                worker.job.part += len(singles) - 1
        queue.extendleft(reversed([Job(batch, slot, part + offset) for offset, batch in enumerate(singles)]))
