"""Run the pipeline in worker processes: ``azdiplo ingest --workers N``.

Each worker builds the pipeline once and turns chunks of articles into
:class:`~azdiplo.extract.ArticleResult` values (plain dataclasses: no spaCy
object crosses a process boundary). A chunk is exactly one ``nlp.pipe``
batch of the one-process run, so every article is processed in the same
batch as with one worker and the results are the same.

The main process keeps a bounded number of chunks in flight and yields the
results in input order: memory stays flat however long the input, and the
output is deterministic. It never loads the model itself. Each worker
builds its pipeline as soon as it starts, while the first chunks are read;
chunks go to the pool in input order, two per worker at a time, and once
the input is all read the chunks left go longest first (by characters), so
that the workers end together rather than one finishing a long last chunk
alone.

Workers are started with ``forkserver`` (``spawn`` where there is none):
they start from a clean process rather than a copy of the caller, which may
be running a progress-bar thread. They ignore SIGINT: Ctrl-C is the main
process's to handle, which stops them.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from .errors import AzdiploError
from .extract import ArticleResult
from .models import Article

#: chunks queued per worker beyond the one it is working on: enough to keep
#: the workers busy while the main process commits a batch to the store
CHUNKS_AHEAD = 3


def extract_parallel(
    articles: Iterable[Article],
    *,
    model: str | None,
    batch_size: int = 32,
    workers: int = 2,
    actors_files: Iterable[Path] = (),
    learned: Path | None = None,
    info: dict | None = None,
    chunks_ahead: int = CHUNKS_AHEAD,
) -> Iterator[ArticleResult]:
    """Extraction results of ``articles`` in input order, computed by ``workers`` processes.

    Args:
        articles: read lazily, at most ``workers * (chunks_ahead + 1)`` chunks
            of ``batch_size`` ahead of what has been yielded.
        model: spaCy model name or path (see :func:`azdiplo.nlp.pipeline.resolve_model`).
        batch_size: articles per chunk, and per ``nlp.pipe`` batch in a worker.
        workers: processes running the pipeline.
        actors_files: user actor dictionaries, as for :func:`azdiplo.nlp.pipeline.build`.
        learned: the store's learned actors, as for :func:`azdiplo.nlp.pipeline.build`.
        info: filled with ``{"model": ...}`` once a worker has loaded the model.

    Raises:
        The :class:`~azdiplo.errors.AzdiploError` a worker met (a model that
        cannot be loaded is a ``ModelError``), as the one-process run would.
    """
    info = {} if info is None else info
    job = (model, tuple(str(p) for p in actors_files), str(learned) if learned else "", batch_size)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_ignore_sigint)
    limit = workers * (chunks_ahead + 1)  # chunks read and not yet yielded
    queued = workers * 2  # chunks handed to the pool at a time: one working and one waiting per worker
    chunks = _chunks(articles, batch_size)
    read: dict[int, list[Article]] = {}  # by position, until yielded
    waiting: deque[int] = deque()  # read, not handed to the pool yet
    running: dict[Future, int] = {}
    done: dict[int, Future] = {}
    next_out = 0
    exhausted = False
    finished = False
    try:
        for worker in range(workers):
            # each worker builds its pipeline while the first chunks are read
            running[executor.submit(_warm, job)] = -1 - worker
        while True:
            while not exhausted and len(read) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                read[next_out + len(read)] = chunk
                waiting.append(next_out + len(read) - 1)
            while waiting and len(running) < queued:
                # in input order while there is more to read; the last chunks longest first,
                # so that the workers end together (a chunk stays one nlp.pipe batch)
                at = max(waiting, key=lambda i: (_size(read[i]), -i)) if exhausted else waiting[0]
                waiting.remove(at)
                running[executor.submit(_work, job, read[at])] = at
            if next_out in done:
                model_info, results = _unwrap(done.pop(next_out).result())
                if model_info and "model" not in info:
                    info["model"] = model_info
                for article, result in zip(read.pop(next_out), results):
                    result.article = article  # the worker sent it back without its text
                    yield result
                next_out += 1
                continue
            if not running:
                break
            ready, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in ready:
                at = running.pop(future)
                if at >= 0:
                    done[at] = future
                else:
                    _unwrap(future.result())  # a pipeline that cannot be built fails here
        finished = True
    finally:
        for future in running:
            future.cancel()
        if not finished:
            # an error, Ctrl-C or a consumer that stopped early: do not wait
            # for the chunks being processed
            _terminate(executor)
        executor.shutdown(wait=True, cancel_futures=True)


def _size(chunk: list[Article]) -> int:
    return sum(len(a.text) for a in chunk)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _unwrap(outcome: tuple) -> tuple[dict | None, list[ArticleResult]]:
    if outcome[0] == "error":
        _, cls, what, hint = outcome
        exc = cls.__new__(cls)
        AzdiploError.__init__(exc, what, hint)
        raise exc
    return outcome[1], outcome[2]


def _terminate(executor: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public way to stop a running task
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --------------------------------------------------------------------------- in the worker

_PIPELINES: dict[tuple, object] = {}


def _pipeline(job: tuple):
    from .nlp.pipeline import build

    model, actors_files, learned, _ = job
    nlp = _PIPELINES.get((model, actors_files, learned))
    if nlp is None:
        nlp = build(model, actors_files=[Path(p) for p in actors_files], learned=Path(learned) if learned else None)
        _PIPELINES[(model, actors_files, learned)] = nlp
        gc.freeze()  # the worker keeps its pipeline to its end (see nlp.pipeline.resident)
    return nlp


def _warm(job: tuple) -> tuple:
    """Build the pipeline before the first chunk comes: ("ok", None, []) or ("error", ...)."""
    try:
        _pipeline(job)
    except AzdiploError as exc:
        return ("error", type(exc), exc.what, exc.hint)
    return ("ok", None, [])


def _work(job: tuple, chunk: list[Article]) -> tuple:
    """One chunk in a worker: ("ok", model info, results) or ("error", class, what, hint)."""
    from .extract import extract
    from .nlp.pipeline import model_info

    batch_size = job[3]
    try:
        nlp = _pipeline(job)
        results = list(extract(nlp, chunk, batch_size=batch_size))
    except AzdiploError as exc:
        # exceptions are pickled by their args, which would lose the hint
        return ("error", type(exc), exc.what, exc.hint)
    for r in results:
        r.article = None  # the main process has it; spare sending the text back
    return ("ok", model_info(nlp), results)

