"""The same store, byte for byte, however an ingest is cut, ordered or repeated (docs/merge.md, "Event ids").

``ingest()`` runs for real (reading, identity, skipping, batching, merging,
commits into a real store) with the extraction replaced by the reports the
strategies of tests/test_merge.py draw for each article: whatever
``--commit-every``, whatever the order of the input files, in one run or in
several, the export of events, articles and mentions is the same bytes as
one ingest of everything in one commit. The model's part (the same reports
from 1 or 2 workers, or the Dask engine) is checked with the model in
tests/test_ingest.py and tests/test_cluster.py.
"""

from __future__ import annotations

import copy
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from test_merge import ARTICLES, SETTINGS, corpora  # noqa: E402

from azdiplo import ingest as ingest_mod  # noqa: E402
from azdiplo.extract import ArticleResult  # noqa: E402
from azdiplo.models import Mention  # noqa: E402
from azdiplo.store import Store  # noqa: E402


def exported(store: Store) -> str:
    out = io.StringIO()
    for what in ("events", "articles", "mentions"):
        store.export(what, "jsonl", out)
    return out.getvalue()


def inputs(folder: Path) -> dict[str, str]:
    """One JSON Lines file per article of tests/test_merge.py, its text long enough for every drawn offset."""
    folder.mkdir()
    paths = {}
    for a, meta in sorted(ARTICLES.items()):
        path = folder / f"{a}.jsonl"
        text = f"{meta['title']}\n\n" + " ".join(f"Sentence {i} of {a}." for i in range(200))
        path.write_text(json.dumps({"id": a, "text": text, "published": meta["published"],
                                    "title": meta["title"]}) + "\n", encoding="utf-8")
        paths[a] = str(path)
    return paths


def ingest_replaying(found: dict[str, list[Mention]], paths: list[str], store: Store, every: int):
    """``ingest()`` with each article's reports taken from ``found`` instead of the pipeline."""

    def replay(articles, *, info, **_):
        info["model"] = None
        for article in articles:
            yield ArticleResult(article, mentions=copy.deepcopy(found.get(article.id, [])))

    real = ingest_mod._run
    ingest_mod._run = replay
    try:
        return ingest_mod.ingest(paths, store=store, commit_every=every)
    finally:
        ingest_mod._run = real


@pytest.mark.slow
@settings(SETTINGS, max_examples=60)
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 4), st.integers(0, 4))
def test_any_commit_every_any_order_one_run_or_several_give_the_same_export(found, rnd, every, split):
    by_article: dict[str, list[Mention]] = {}
    for m in found:
        by_article.setdefault(m.article, []).append(m)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = inputs(tmp / "in")
        reference = Store(tmp / "reference")
        ingest_replaying(by_article, [paths[a] for a in sorted(paths)], reference, every=2000)
        order = [paths[a] for a in sorted(paths)]
        rnd.shuffle(order)
        store = Store(tmp / "store")
        runs = [order[:split], order[split:]] if 0 < split < len(order) else [order]
        for run in runs:  # a later run skips nothing it should not, and merges into what is stored
            summary = ingest_replaying(by_article, run, store, every=every)
            assert summary.failed == [] and summary.extracted == len(run)
        assert exported(store) == exported(reference)
        assert store.verify() == []
