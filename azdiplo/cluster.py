"""Run the pipeline on a Dask cluster: ``azdiplo ingest --engine dask [--scheduler ADDRESS]``.

The articles go out in chunks of ``--batch-size`` (each one ``nlp.pipe``
batch, as with ``--workers``), a bounded number ahead of the results; each
worker builds the pipeline once, when it joins (a worker plugin, which
carries the user's actor dictionaries as bytes, so that no path needs to
exist on the workers), and sends back plain
:class:`~azdiplo.extract.ArticleResult` values without the article text.
The client yields the results in input order; :mod:`azdiplo.ingest` merges
and commits them in batches, as with the other engines, so the store is the
same byte for byte whichever ran the pipeline.

A worker that dies (killed, out of memory) loses the chunks it held: the
scheduler runs them again on the others, and the client reports the loss.
Each chunk's result is taken once, in order: no article is lost or stored
twice. A chunk that kills workers again and again (three times) stops the
ingest with an error; the batches committed so far are kept.

Without ``--scheduler``, a local cluster of ``--workers`` processes (one
thread each, Dask's housekeeping slowed: :data:`LOCAL_CONFIG`) is started
and stopped with the ingest. Dask and distributed
are an optional extra: ``pip install 'azdiplo[dask]'``; the workers need
azdiplo and the model installed too.
"""

from __future__ import annotations

import gc
import logging
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, get_worker
from distributed.client import Future

from .errors import AzdiploError, ExitStatus, UsageError
from .extract import ArticleResult
from .models import Article
from .parallel import CHUNKS_AHEAD, _chunks, _unwrap

PLUGIN = "azdiplo-pipeline"
#: how long to wait for a scheduler, and for the workers of a local cluster to start
CONNECT_TIMEOUT = 60
#: Dask settings of a local cluster, whose scheduler, nannies and workers share the machine's cores
#: with the pipeline (measured in BENCHMARKS.md, issue 15). Each worker runs its task in one thread
#: beside its event loop; every wake of the loop takes the interpreter lock from the pipeline.
LOCAL_CONFIG = {
    # the sampling profiler (every 10 ms) feeds a dashboard a local cluster does not have
    "distributed.worker.profile.enabled": False,
    # the event loops' health check runs every 20 ms in the scheduler, each nanny and each worker
    "distributed.admin.tick.interval": "1s",
    # the system monitor (500 ms) and the memory monitor (100 ms) feed the dashboard and spilling;
    # a nanny still stops a worker that outgrows its memory
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    # glibc returning every freed 64 KiB to the system costs the pipeline system time (None: unset)
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class ClusterError(AzdiploError):
    """The cluster could not run a chunk of articles (its workers kept dying)."""

    status = ExitStatus.OS_ERROR


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once per worker, when the worker starts or joins."""

    name = PLUGIN

    def __init__(self, model: str | None, actors: list[bytes], learned: bytes | None = None):
        self.model = model
        self.actors = actors
        self.learned = learned  # the store's learned.jsonl, if any
        self.nlp = None
        self.info: dict | None = None
        self.error: tuple | None = None

    def setup(self, worker) -> None:
        from .nlp.pipeline import build, model_info

        folder = Path(tempfile.mkdtemp(prefix="azdiplo-actors-"))
        paths = []
        for i, data in enumerate(self.actors):
            paths.append(folder / f"actors-{i}.jsonl")
            paths[-1].write_bytes(data)
        learned = None
        if self.learned is not None:
            learned = folder / "learned.jsonl"
            learned.write_bytes(self.learned)
        try:
            self.nlp = build(self.model, actors_files=paths, learned=learned)
            self.info = model_info(self.nlp)
            gc.freeze()  # the worker keeps its pipeline to its end (see nlp.pipeline.resident)
        except AzdiploError as exc:  # reported with the first chunk, as the local engines do
            self.error = ("error", type(exc), exc.what, exc.hint)


def extract_chunk(chunk: list[Article], batch_size: int) -> tuple:
    """One chunk on a worker: ("ok", model info, results) or ("error", class, what, hint)."""
    from .extract import extract

    plugin = get_worker().plugins[PLUGIN]
    if plugin.error is not None:
        return plugin.error
    try:
        results = list(extract(plugin.nlp, chunk, batch_size=batch_size))
    except AzdiploError as exc:
        return ("error", type(exc), exc.what, exc.hint)
    for r in results:
        r.article = None  # the client has it; spare sending the text back
    return ("ok", plugin.info, results)


def extract_dask(
    articles: Iterable[Article],
    *,
    model: str | None,
    batch_size: int = 32,
    workers: int = 2,
    actors_files: Iterable[Path] = (),
    learned: Path | None = None,
    info: dict | None = None,
    scheduler: str | None = None,
    chunks_ahead: int = CHUNKS_AHEAD,
    notify: Callable[[str, dict], None] | None = None,
) -> Iterator[ArticleResult]:
    """Extraction results of ``articles`` in input order, computed on a Dask cluster.

    Args:
        scheduler: the address of a running scheduler (``tcp://host:8786``);
            None starts a local cluster of ``workers`` processes.
        info: filled with ``{"model": ...}`` from the workers, and
            ``{"engine": ...}``: the scheduler, the workers, the workers lost.
        notify: called with ("engine", {...}) once connected and
            ("worker-lost", {...}) when a worker leaves.

    Raises:
        UsageError: no scheduler at that address.
        ModelError: the workers cannot load the model.
        ClusterError: a chunk kept killing workers.
    """
    from distributed.scheduler import KilledWorker

    info = {} if info is None else info
    notify = notify or (lambda event, data: None)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            import dask

            with dask.config.set(LOCAL_CONFIG):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler or 'a local cluster'} ({exc})",
                         "start it with 'dask scheduler' and 'dask worker ADDRESS', or check --scheduler") from None
    pending: deque[tuple[list[Article], Future]] = deque()
    try:
        client.register_plugin(PipelinePlugin(model, [Path(p).read_bytes() for p in actors_files],
                                              Path(learned).read_bytes() if learned else None))
        seen = set(client.scheduler_info()["workers"])
        engine = {"name": "dask", "scheduler": client.scheduler.address, "workers": len(seen), "lost": []}
        info["engine"] = engine
        notify("engine", engine)
        limit = max(1, len(seen)) * (chunks_ahead + 1)
        run = uuid.uuid4().hex[:8]
        chunks = _chunks(articles, batch_size)
        number = 0
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                future = client.submit(extract_chunk, chunk, batch_size, key=f"azdiplo-{run}-{number}", pure=False)
                pending.append((chunk, future))
                number += 1
            if not pending:
                break
            chunk, future = pending.popleft()
            try:
                outcome = future.result()
            except KilledWorker:
                first, last = chunk[0].path or chunk[0].id, chunk[-1].path or chunk[-1].id
                raise ClusterError(f"the Dask workers running the articles {first} to {last} died three times",
                                   "give the workers more memory, or ingest these articles with --engine local; "
                                   "the batches committed so far are kept") from None
            finally:
                future.release()
            model_info, results = _unwrap(outcome)
            if model_info and "model" not in info:
                info["model"] = model_info
            now = set(client.scheduler_info()["workers"])
            for address in sorted(seen - now):
                engine["lost"].append(address)
                notify("worker-lost", {"worker": address})
            seen |= now
            for article, result in zip(chunk, results):
                result.article = article  # the worker sent it back without its text
                yield result
    finally:
        for _, future in pending:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
