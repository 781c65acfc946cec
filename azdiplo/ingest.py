"""The ingest flow: read -> nlp.pipe in batches -> extract -> merge -> store.

The only caller of the NLP code for the store. Articles whose text has not
changed since they were stored are skipped (SHA-256 of the text); changed
ones are extracted again and their old mentions replaced. Results are
committed in batches: an interrupted ingest (Ctrl-C, a kill) keeps every
batch already committed, and running the same command again resumes where
it stopped, because stored articles are skipped.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .corpus import DEFAULT_MAX_CHARS, InputProblem, Skipped, iter_articles
from .extract import ArticleResult
from .merge import merge
from .models import Article, Mention
from .store import Store


@dataclass
class IngestSummary:
    """What an ingest did, for the closing summary and ``--json``."""

    read: int = 0
    extracted: int = 0
    skipped_unchanged: int = 0
    failed: list[dict] = field(default_factory=list)  # {"source", "reason"}
    warnings: list[str] = field(default_factory=list)
    words: int = 0
    mentions: int = 0
    events_before: int = 0
    events_after: int = 0
    new_events: int = 0  # events in the store now that were not before this run
    merged_mentions: int = 0  # events stored before this run that gained a source in it
    commits: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    model: dict | None = None
    pipeline_version: str | None = None
    store: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


#: Modules that shape no mention: a change to them changes no extraction.
_NOT_PIPELINE = {"__main__.py", "cli.py", "errors.py", "ingest.py", "parallel.py", "progress.py", "query.py",
                 "render.py", "roster.py"}


def pipeline_version(actors_files: Iterable[Path] = ()) -> str:
    """azdiplo's version plus a digest of what decides the mentions an article gives.

    The digest covers the package's data (lexicons, actor dictionary, place
    tables; not the JSON Schemas), every module but the output-only ones
    (``_NOT_PIPELINE``), and any extra actor dictionaries given. Two
    pipelines with the same version extract the same mentions from the same
    text with the same model.
    """
    import hashlib
    from importlib import resources

    h = hashlib.sha256()

    def feed(name: str, data: bytes) -> None:
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)

    root = resources.files("azdiplo")
    data = root.joinpath("data")
    for res in sorted(data.iterdir(), key=lambda r: r.name) if data.is_dir() else ():
        if res.is_file() and not res.name.endswith(".schema.json"):
            feed(f"data/{res.name}", res.read_bytes())
    for folder, prefix in ((root, ""), (root.joinpath("nlp"), "nlp/")):
        if not folder.is_dir():
            continue
        for res in sorted(folder.iterdir(), key=lambda r: r.name):
            if res.is_file() and res.name.endswith(".py") and res.name not in _NOT_PIPELINE:
                feed(prefix + res.name, res.read_bytes())
    for i, path in enumerate(actors_files):
        feed(f"actors/{i}", Path(path).read_bytes())
    return f"{__version__}+{h.hexdigest()[:10]}"


ProgressFn = Callable[[str, dict], None]


def _noop(event: str, data: dict) -> None:
    return None


def ingest(
    paths: Iterable[str],
    *,
    store: Store,
    model: str | None = None,
    published: dt.date | None = None,
    rebuild: bool = False,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = 32,
    commit_every: int = 2000,
    workers: int = 1,
    actors_files: Iterable[Path] = (),
    progress: ProgressFn = _noop,
    stdin=None,
    lock_timeout: float = 600,
) -> IngestSummary:
    """Extract events from ``paths`` into ``store``.

    Args:
        paths: files, folders, ``-``.
        store: the event store to update (created if there is none).
        model: spaCy model name or path (default: see ``azdiplo.nlp.pipeline``).
        published: publication date for articles that state none.
        rebuild: extract every article again, changed or not.
        commit_every: articles per committed batch; only that many results
            are held in memory.
        workers: processes running the pipeline (1: in this process).
        lock_timeout: seconds to wait for another writer (a concurrent
            ingest's commit of a large store takes a while) before failing.
        progress: called with ("article", {...}), ("skipped", {...}),
            ("failed", {...}) and ("commit", {...}); a KeyboardInterrupt it
            raises stops the ingest like Ctrl-C.

    Returns:
        An :class:`IngestSummary`. Input problems are recorded, not raised.

    Raises:
        StoreError: the store cannot be read or written (before any
            extraction when it can be known then); nothing is lost.
        ModelError: the model cannot be loaded.
    """
    t0 = time.perf_counter()
    extra = list(actors_files)
    if store.user_actors_path.is_file():
        extra.append(store.user_actors_path)
    summary = IngestSummary(store=str(store.path), pipeline_version=pipeline_version(extra))
    tally = _Tally(summary, lock_timeout)
    # Fail on an unusable store (a file, unwritable, corrupt, newer, locked)
    # before the model loads and any work is done.
    with store.writer(lock_timeout) as w:
        state = w.state
        known = {aid: meta.get("sha256") for aid, meta in state.articles.items()}
        summary.events_before = summary.events_after = len(state.events)
        tally.info = {k: state.info.get(k) for k in ("pipeline_version", "model")}
        del state

    def todo() -> Iterator[Article]:
        seen: set[str] = set()
        for item in iter_articles(paths, published=published, encoding=encoding, max_chars=max_chars, stdin=stdin):
            if isinstance(item, InputProblem):
                summary.failed.append({"source": item.source, "reason": f"{item.what} — {item.hint}"})
                progress("failed", {"source": item.source, "reason": item.what})
                continue
            if isinstance(item, Skipped):
                summary.warnings.append(item.message())
                continue
            summary.read += 1
            summary.warnings.extend(item.warnings)
            if item.id in seen:
                summary.warnings.append(f"{item.path}: the same article id {item.id!r} twice in this run; the later one is kept")
            seen.add(item.id)
            if not rebuild and known.get(item.id) == item.sha256:
                summary.skipped_unchanged += 1
                progress("skipped", {"source": item.path})
                continue
            yield item

    pending: list[ArticleResult] = []
    nlp_info: dict = {}
    try:
        for result in _run(todo(), model=model, batch_size=batch_size, workers=workers, actors_files=extra, info=nlp_info):
            summary.extracted += 1
            summary.words += len(result.article.text.split())
            summary.mentions += len(result.mentions)
            pending.append(result)
            progress("article", {"source": result.article.path, "words": summary.words, "done": summary.extracted})
            if len(pending) >= commit_every:
                # pending is emptied only once committed: an interrupted commit is redone below
                _commit(store, pending, tally, nlp_info)
                pending = []
                progress("commit", {"articles": summary.extracted})
    except KeyboardInterrupt:
        # what was extracted completely is worth keeping: commit it, then report the interruption
        summary.interrupted = True
    if pending or not store.exists():
        _commit(store, pending, tally, nlp_info)
    summary.model = nlp_info.get("model")
    summary.new_events = len(tally.new_ids)
    summary.merged_mentions = len(tally.gained_ids)
    summary.warnings.extend(tally.version_warnings(nlp_info.get("model")))
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


class _Tally:
    """What one ingest keeps across its commits: ids for the counts, and provenance."""

    def __init__(self, summary: IngestSummary, lock_timeout: float):
        self.summary = summary
        self.lock_timeout = lock_timeout
        self.new_ids: set[str] = set()  # events that appeared during this run
        self.gained_ids: set[str] = set()  # events stored before the run that gained a source
        self.extracted: set[str] = set()  # articles extracted by this run's pipeline
        self.info: dict = {}  # the store's pipeline_version and model, as last read or written

    def provenance(self, stored: dict, articles: Iterable[str], model: dict | None) -> dict:
        """The store's pipeline_version and model after a commit.

        A store is labelled with this run's pipeline and model only when every
        article in it was extracted by them (it was empty or labelled the
        same, or this run extracted all its articles); otherwise the old label
        stays, so the next ingest still says a --rebuild is due.
        """
        out = {"pipeline_version": stored.get("pipeline_version"), "model": stored.get("model")}
        current = self.summary.pipeline_version
        all_ours = None  # computed at most once

        def ours() -> bool:
            nonlocal all_ours
            if all_ours is None:
                all_ours = all(a in self.extracted for a in articles)
            return all_ours

        if out["pipeline_version"] in (None, current) or ours():
            out["pipeline_version"] = current
        if model and (out["model"] in (None, model) or ours()):
            out["model"] = model
        return out

    def version_warnings(self, model: dict | None) -> list[str]:
        out = []
        stored = self.info.get("pipeline_version")
        if stored not in (None, self.summary.pipeline_version):
            out.append(
                f"the store holds articles extracted by pipeline {stored}; this is "
                f"{self.summary.pipeline_version}, which may extract differently — "
                "run 'azdiplo ingest --rebuild PATHS' with every path of the store"
            )
        have = self.info.get("model")
        if model and have and have != model:
            out.append(
                f"the store holds articles extracted with model {_model_name(have)}; this run used "
                f"{_model_name(model)} — run 'azdiplo ingest --rebuild PATHS' with every path of the store"
            )
        return out


def _model_name(model: dict) -> str:
    return f"{model.get('name')} {model.get('version')}".strip()


def _run(articles: Iterator[Article], *, model, batch_size: int, workers: int, actors_files, info: dict):
    """Extraction results in input order; the model loads only if there is work."""
    first = next(articles, None)
    if first is None:
        return

    def chained() -> Iterator[Article]:
        yield first
        yield from articles

    if workers > 1:
        from .parallel import extract_parallel

        yield from extract_parallel(chained(), model=model, batch_size=batch_size, workers=workers,
                                    actors_files=actors_files, info=info)
        return
    from .extract import extract
    from .nlp.pipeline import build, model_info

    nlp = build(model, actors_files=actors_files)
    info["model"] = model_info(nlp)
    yield from extract(nlp, chained(), batch_size=batch_size)


def _commit(store: Store, results: list[ArticleResult], tally: _Tally, nlp_info: dict) -> None:
    """Store one batch: replace its articles' mentions and merge every mention of the store again.

    The writer holds the lock and starts from the latest committed state, so
    a concurrent ingest's batches are kept, and merged with ours.
    """
    summary = tally.summary
    with store.writer(tally.lock_timeout) as w:
        state = w.state
        before = {e["id"]: {s["article"] for s in e.get("sources", [])} for e in state.events}
        for r in results:
            state.articles[r.article.id] = r.stored_meta()
            state.mentions[r.article.id] = [m.to_dict() for m in r.mentions]
            tally.extracted.add(r.article.id)
        mentions = [Mention.from_dict(m) for ms in state.mentions.values() for m in ms]
        events = merge(mentions, state.articles, previous=state.events)
        del mentions
        state.events = [e.to_dict() for e in events]
        del events
        state.info.update(tally.provenance(state.info, state.articles, nlp_info.get("model")))
        state.info["azdiplo_version"] = __version__
        w.commit()
        tally.info = {k: state.info.get(k) for k in ("pipeline_version", "model")}
    summary.commits += 1
    summary.events_after = len(state.events)
    fresh = {r.article.id for r in results}
    after = set()
    for e in state.events:
        after.add(e["id"])
        had = before.get(e["id"])
        if had is None:
            tally.new_ids.add(e["id"])
        elif e["id"] not in tally.new_ids and any(s["article"] in fresh and s["article"] not in had
                                                 for s in e["sources"]):
            tally.gained_ids.add(e["id"])
    # an event of an earlier batch may have been absorbed since
    tally.new_ids &= after
    tally.gained_ids &= after
