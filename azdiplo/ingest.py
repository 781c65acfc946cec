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
from .errors import UsageError
from .extract import ArticleResult
from .merge import merge
from .models import Article, Mention
from .remerge import update
from .store import Change, Store
from .store.index import article_paths
from .store.learned import learned_path, read_learned, write_learned


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
    paths_added: int = 0  # new paths of articles stored already (the same text elsewhere)
    engine: dict = field(default_factory=dict)  # what ran the pipeline: {"name", "workers", "scheduler", "lost"}
    seconds: float = 0.0
    interrupted: bool = False
    model: dict | None = None
    pipeline_version: str | None = None
    store: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


#: Modules that shape no mention: a change to them changes no extraction.
_NOT_PIPELINE = {"__main__.py", "cli.py", "errors.py", "ingest.py", "parallel.py", "progress.py", "query.py",
                 "render.py", "roster.py", "merge.py", "remerge.py"}


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
    engine: str = "local",
    scheduler: str | None = None,
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
        workers: processes running the pipeline (1: in this process); with
            ``engine="dask"`` and no scheduler, the local cluster's workers.
        engine: "local" (this machine, ``workers`` processes) or "dask"
            (a Dask cluster: :mod:`azdiplo.cluster`).
        scheduler: the Dask scheduler's address; None starts a local cluster.
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
        info = w.info
        summary.events_before = summary.events_after = info["counts"]["events"]
        tally.info = {k: info.get(k) for k in ("pipeline_version", "model")}

    batch = _Batch()

    def todo() -> Iterator[Article]:
        seen: dict[str, str] = {}  # id -> sha256 of the articles of this run
        with store.lookup() as stored:
            for item in iter_articles(paths, published=published, encoding=encoding, max_chars=max_chars,
                                      stdin=stdin):
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
                    if seen[item.id] == item.sha256:  # the same text again, under another path
                        batch.paths.append(item)
                        summary.skipped_unchanged += 1
                        progress("skipped", {"source": item.path})
                        continue
                    summary.warnings.append(f"{item.path}: the same article id {item.id!r} twice in this run; "
                                            "the later one is kept")
                seen[item.id] = item.sha256
                row = stored.article(item.id)
                if not rebuild and row is not None and row.get("sha256") == item.sha256:
                    if item.path not in article_paths(row):
                        batch.paths.append(item)  # stored already: only its path is new
                    summary.skipped_unchanged += 1
                    progress("skipped", {"source": item.path})
                    continue
                yield item

    nlp_info: dict = {}
    learned = learned_path(store)
    try:
        for result in _run(todo(), model=model, batch_size=batch_size, workers=workers, actors_files=extra,
                           learned=learned if learned.is_file() else None, info=nlp_info, engine=engine,
                           scheduler=scheduler, progress=progress):
            summary.extracted += 1
            summary.words += len(result.article.text.split())
            summary.mentions += len(result.mentions)
            batch.results.append(result)
            progress("article", {"source": result.article.path, "words": summary.words, "done": summary.extracted})
            if len(batch.results) >= commit_every:
                # the batch is emptied only once committed: an interrupted commit is redone below
                _commit(store, batch, tally, nlp_info)
                progress("commit", {"articles": summary.extracted})
    except KeyboardInterrupt:
        # what was extracted completely is worth keeping: commit it, then report the interruption
        summary.interrupted = True
    if batch.results or batch.paths or not store.exists():
        _commit(store, batch, tally, nlp_info, final=True)
    summary.model = nlp_info.get("model")
    summary.engine = nlp_info.get("engine") or {"name": "local", "workers": workers}
    for lost in summary.engine.get("lost", ()):
        summary.warnings.append(f"a Dask worker left the cluster ({lost}): its articles were extracted again "
                                "by the others")
    summary.new_events = len(tally.new_ids)
    summary.merged_mentions = len(tally.gained_ids)
    summary.warnings.extend(tally.version_warnings(nlp_info.get("model")))
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


@dataclass
class _Batch:
    """What the next commit stores: extracted articles, and new paths of articles stored already."""

    results: list[ArticleResult] = field(default_factory=list)
    paths: list[Article] = field(default_factory=list)  # same text as a stored (or extracted) article


class _Tally:
    """What one ingest keeps across its commits: ids for the counts, and provenance."""

    def __init__(self, summary: IngestSummary, lock_timeout: float):
        self.summary = summary
        self.lock_timeout = lock_timeout
        self.new_ids: set[str] = set()  # events that appeared during this run
        self.gained_ids: set[str] = set()  # events stored before the run that gained a source
        self.extracted: set[str] = set()  # articles extracted by this run's pipeline
        self.info: dict = {}  # the store's pipeline_version and model, as last read or written

    def provenance(self, stored: dict, articles_after: int, model: dict | None) -> dict:
        """The store's pipeline_version and model after a commit that leaves ``articles_after`` articles.

        A store is labelled with this run's pipeline and model only when every
        article in it was extracted by them (it was empty or labelled the
        same, or this run extracted all its articles); otherwise the old label
        stays, so the next ingest still says a --rebuild is due.
        """
        out = {"pipeline_version": stored.get("pipeline_version"), "model": stored.get("model")}
        current = self.summary.pipeline_version
        ours = articles_after <= len(self.extracted)
        if out["pipeline_version"] in (None, current) or ours:
            out["pipeline_version"] = current
        if model and (out["model"] in (None, model) or ours):
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


def _run(articles: Iterator[Article], *, model, batch_size: int, workers: int, actors_files, info: dict,
         learned: Path | None = None, engine: str = "local", scheduler: str | None = None,
         progress: ProgressFn = _noop):
    """Extraction results in input order; the model loads only if there is work."""
    first = next(articles, None)
    if first is None:
        return

    def chained() -> Iterator[Article]:
        yield first
        yield from articles

    if engine == "dask":
        try:
            from .cluster import extract_dask
        except ImportError:
            raise UsageError("--engine dask needs Dask and distributed, which are not installed",
                             "install them with: pip install 'azdiplo[dask]'") from None
        yield from extract_dask(chained(), model=model, batch_size=batch_size, workers=workers,
                                actors_files=actors_files, learned=learned, info=info, scheduler=scheduler,
                                notify=progress)
        return
    if workers > 1:
        from .parallel import extract_parallel

        yield from extract_parallel(chained(), model=model, batch_size=batch_size, workers=workers,
                                    actors_files=actors_files, learned=learned, info=info)
        return
    from .extract import extract
    from .nlp.pipeline import build, model_info, resident

    nlp = build(model, actors_files=actors_files, learned=learned)
    info["model"] = model_info(nlp)
    with resident():
        yield from extract(nlp, chained(), batch_size=batch_size)


def _learn(store: Store, results: list[ArticleResult], dropped: set[str]) -> None:
    """Hand a batch's lessons to the store's learned actors (the caller holds the lock); an
    article that leaves the store takes what it taught with it."""
    from .learned import teach

    path = learned_path(store)
    entries = read_learned(path)
    taught = [(r.article.id, r.article.published, r.lessons) for r in results]
    if teach(entries, taught + [(a, None, []) for a in sorted(dropped)]):
        write_learned(path, entries)


def _commit(store: Store, batch: _Batch, tally: _Tally, nlp_info: dict, final: bool = False) -> None:
    """Store one batch: its articles and their mentions, the paths it adds, and the events they change.

    The same text is one article: a new path of a stored article is added to
    it, and a text file whose content changed takes its path from the article
    it held before (which leaves the store with its last path). The events
    are merged again only where the batch can change them
    (:func:`azdiplo.remerge.update`), with the result of a full merge. The
    writer holds the lock and starts from the latest committed state, so a
    concurrent ingest's batches are kept, and merged with ours.
    """
    summary = tally.summary
    with store.writer(tally.lock_timeout) as w:
        if w.info.get("merge_version") not in (None, merge_version()):
            _remerge_all(w)
        lookup = w.lookup()
        rows: dict[str, dict] = {}  # article rows written
        mentions: dict[str, list[dict]] = {}
        fresh: dict[str, list[Mention]] = {}
        dropped: set[str] = set()

        def row_of(article_id: str) -> dict | None:
            """The article's row as this commit leaves it (copied from the store on first change)."""
            if article_id in rows:
                return rows[article_id]
            if article_id in dropped:
                return None
            stored = lookup.article(article_id)
            if stored is None:
                return None
            rows[article_id] = dict(stored)
            mentions[article_id] = lookup.mentions_of(article_id)
            return rows[article_id]

        taken: list[tuple[str, str]] = []  # (path, article now holding it)
        added = 0  # articles new to the store
        for r in batch.results:
            a = r.article
            old = lookup.article(a.id)
            added += old is None
            row = r.stored_meta()
            row["paths"] = article_paths(old) if old else []
            rows[a.id] = row
            mentions[a.id] = [m.to_dict() for m in r.mentions]
            fresh[a.id] = r.mentions
            _add_path(row, a.path)
            taken.append((a.path, a.id))
            tally.extracted.add(a.id)
        waiting = []
        for a in batch.paths:
            row = row_of(a.id)
            if row is None:  # extracted in this run, not committed yet
                waiting.append(a)
                continue
            _add_path(row, a.path)
            taken.append((a.path, a.id))
            summary.paths_added += 1
        for path, owner in taken:
            if not _is_file_path(path):
                continue
            for holder in lookup.holders(path):
                if holder["id"] == owner or holder["id"] in dropped:
                    continue
                row = row_of(holder["id"])
                row["paths"] = [p for p in row["paths"] if p != path]
                if row["paths"]:
                    row["path"] = row["paths"][0]
                else:  # its text is nowhere any more: the article leaves, with its mentions
                    dropped.add(holder["id"])
                    del rows[holder["id"]], mentions[holder["id"]]
                    tally.extracted.discard(holder["id"])
        # what the batch teaches, written before the commit: an ingest killed in between
        # extracts these articles again and teaches the same
        _learn(store, batch.results, dropped)
        change = update(lookup, fresh, dropped, rows)
        info = tally.provenance(w.info, w.info["counts"]["articles"] + added - len(dropped), nlp_info.get("model"))
        w.apply(Change(articles=list(rows.values()), mentions=mentions, dropped=sorted(dropped),
                       removed=change.removed, events=[e.to_dict() for e in change.added],
                       info={**info, "azdiplo_version": __version__, "merge_version": merge_version()}))
        tally.info = {k: w.info.get(k) for k in ("pipeline_version", "model")}
        summary.events_after = w.info["counts"]["events"]
    summary.commits += 1
    batch.results = []
    batch.paths = waiting
    if final and waiting:
        summary.warnings.append(f"{len(waiting)} path(s) of articles this run did not store were not recorded")
    fresh_ids = set(fresh)
    for e in change.added:
        if e.id not in change.removed:
            tally.new_ids.add(e.id)
        elif e.id not in tally.new_ids and any(s["article"] in fresh_ids for s in e.sources):
            tally.gained_ids.add(e.id)
    # an event of an earlier batch may have been absorbed since
    gone = set(change.removed) - {e.id for e in change.added}
    tally.new_ids -= gone
    tally.gained_ids -= gone


def _add_path(row: dict, path: str | None) -> None:
    """Add ``path`` to an article row: its paths sorted, ``path`` the first (the same whatever the order of ingests).

    A JSON Lines record's path ("file#line") replaces the record's earlier line in that file.
    """
    if path is None:
        return
    paths = [p for p in row.get("paths") or ([row["path"]] if row.get("path") else [])]
    if "#" in path:
        prefix = path.rsplit("#", 1)[0] + "#"
        paths = [p for p in paths if not p.startswith(prefix)]
    row["paths"] = sorted(set(paths) | {path})
    row["path"] = row["paths"][0]


def _is_file_path(path: str | None) -> bool:
    """Whether a path names a file of one article, whose new content replaces the old (not stdin, not a record)."""
    return bool(path) and path != "-" and "#" not in path


def merge_version() -> str:
    """A digest of the merge rule's code: events merged by another version are merged again, all of them."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    for name in ("merge.py", "remerge.py"):
        h.update(resources.files("azdiplo").joinpath(name).read_bytes())
    return h.hexdigest()[:12]


def _remerge_all(w) -> None:
    """Merge every mention of the store again (the merge rule changed) and write the whole state."""
    state = w.state
    events = merge([Mention.from_dict(m) for ms in state.mentions.values() for m in ms], state.articles)
    state.events = [e.to_dict() for e in events]
    state.info["merge_version"] = merge_version()
    w.commit()
    w._state = None
