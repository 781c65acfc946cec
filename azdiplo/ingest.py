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
from .corpus import DEFAULT_MAX_CHARS, InputProblem, iter_articles
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
    new_events: int = 0
    merged_mentions: int = 0  # mentions that joined an event reported by another article
    commits: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    model: dict | None = None
    pipeline_version: str | None = None
    store: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def pipeline_version() -> str:
    """azdiplo's version plus digests of the lexicons: what the pipeline extracts with."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    for name in ("triggers.json", "roles.json", "actors.jsonl"):
        res = resources.files("azdiplo").joinpath("data", name)
        if res.is_file():
            h.update(res.read_bytes())
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
    commit_every: int = 500,
    workers: int = 1,
    actors_files: Iterable[Path] = (),
    progress: ProgressFn = _noop,
    stdin=None,
) -> IngestSummary:
    """Extract events from ``paths`` into ``store``.

    Args:
        paths: files, folders, ``-``.
        store: the event store to update.
        model: spaCy model name or path (default: see ``azdiplo.nlp.pipeline``).
        published: publication date for articles that state none.
        rebuild: extract every article again, changed or not.
        commit_every: articles per committed batch.
        workers: processes running the pipeline (1: in this process).
        progress: called with ("article", {...}) and ("commit", {...}).

    Returns:
        An :class:`IngestSummary`. Input problems are recorded, not raised.
    """
    t0 = time.perf_counter()
    summary = IngestSummary(store=str(store.path), pipeline_version=pipeline_version())
    extra = list(actors_files)
    if store.user_actors_path.is_file():
        extra.append(store.user_actors_path)
    known: dict[str, str] = {}
    if store.exists():
        state = store.load()
        known = {aid: meta.get("sha256") for aid, meta in state.articles.items()}
        summary.events_before = len(state.events)
        if state.info.get("pipeline_version") not in (None, summary.pipeline_version) and not rebuild:
            summary.warnings.append(
                f"the store was extracted by pipeline {state.info.get('pipeline_version')}; this is "
                f"{summary.pipeline_version}, which may extract differently — run 'azdiplo ingest --rebuild PATHS'"
            )
        del state

    def todo() -> Iterator[Article]:
        seen: set[str] = set()
        for item in iter_articles(paths, published=published, encoding=encoding, max_chars=max_chars, stdin=stdin):
            if isinstance(item, InputProblem):
                summary.failed.append({"source": item.source, "reason": f"{item.what} — {item.hint}"})
                progress("failed", {"source": item.source, "reason": item.what})
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
                _commit(store, pending, summary, nlp_info, rebuild)
                pending = []
                progress("commit", {"articles": summary.extracted})
    except KeyboardInterrupt:
        summary.interrupted = True
    if pending or (rebuild and summary.commits == 0) or not store.exists():
        _commit(store, pending, summary, nlp_info, rebuild)
    summary.model = nlp_info.get("model")
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


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


def _commit(store: Store, results: list[ArticleResult], summary: IngestSummary, nlp_info: dict, rebuild: bool) -> None:
    with store.writer() as w:
        state = w.state
        before_ids = {e["id"] for e in state.events}
        before_articles = {e["id"]: {s["article"] for s in e.get("sources", [])} for e in state.events}
        for r in results:
            state.articles[r.article.id] = r.stored_meta()
            state.mentions[r.article.id] = [m.to_dict() for m in r.mentions]
        mentions = [Mention.from_dict(m) for ms in state.mentions.values() for m in ms]
        events = merge(mentions, state.articles, previous=state.events)
        state.events = [e.to_dict() for e in events]
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        state.info.setdefault("created", now)
        if nlp_info.get("model"):
            state.info["model"] = nlp_info["model"]
        state.info["pipeline_version"] = summary.pipeline_version
        state.info["azdiplo_version"] = __version__
        w.commit()
    summary.commits += 1
    summary.events_after = len(state.events)
    summary.new_events += sum(1 for e in state.events if e["id"] not in before_ids)
    fresh = {r.article.id for r in results}
    # events that existed before and gained a source from this batch
    summary.merged_mentions += sum(
        1
        for e in state.events
        if e["id"] in before_articles and (fresh & {s["article"] for s in e["sources"]}) - before_articles[e["id"]]
    )
