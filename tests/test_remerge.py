"""Re-merging batches into stored events (azdiplo.remerge) gives what a full merge gives, ids included.

The store commits batch after batch; each commit re-merges only the stored
events its batch can touch. Whatever the batches, their order and their
size, the events must be those of one merge of every mention: the
properties below draw corpora, cut them into batches, shuffle them, replace
and drop articles, and compare.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from test_merge import ARTICLES, SETTINGS, corpora, dicts, mention  # noqa: E402

from azdiplo.merge import merge  # noqa: E402
from azdiplo.models import Mention  # noqa: E402
from azdiplo.remerge import MemoryStored, update  # noqa: E402


class Store:
    """A store in memory that commits like the real one: through update()."""

    def __init__(self) -> None:
        self.events: dict[str, dict] = {}
        self.mentions: dict[str, list[Mention]] = {}
        self.touched_per_commit: list[int] = []

    def commit(self, fresh: dict[str, list[Mention]], dropped=()) -> None:
        stored = MemoryStored(self.events.values(), [m.to_dict() for ms in self.mentions.values() for m in ms],
                              ARTICLES)
        meta = {a: ARTICLES[a] for a in fresh}
        change = update(stored, fresh, dropped, meta)
        assert change.removed <= set(self.events)
        for i in change.removed:
            del self.events[i]
        for e in change.added:
            assert e.id not in self.events, "an id written twice"
            self.events[e.id] = e.to_dict()
        for a in dropped:
            self.mentions.pop(a, None)
        self.mentions.update(fresh)
        self.touched_per_commit.append(len(change.removed) + len(change.added))

    def dicts(self) -> list[dict]:
        from azdiplo.merge import _date_key

        return sorted(self.events.values(), key=lambda e: (_date_key(e["date"]), e["id"]))


def by_article(found: list[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in found:
        out.setdefault(m.article, []).append(m)
    return out


def full(mentions: dict[str, list[Mention]]) -> list[dict]:
    return dicts(merge([m for ms in mentions.values() for m in ms], ARTICLES))


@pytest.mark.slow
@SETTINGS
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_batches_in_any_order_give_the_events_of_one_merge(found, rnd, size):
    articles = by_article(found)
    order = sorted(articles)
    rnd.shuffle(order)
    store = Store()
    for i in range(0, len(order), size):
        store.commit({a: articles[a] for a in order[i : i + size]})
    assert store.dicts() == full(articles)


@pytest.mark.slow
@SETTINGS
@given(corpora(), corpora(), st.randoms(use_true_random=False))
def test_an_article_extracted_again_or_dropped_leaves_the_events_of_one_merge(old, new, rnd):
    for m in new:  # new versions' reports at offsets of their own
        m.trigger_start += 10_000
        m.trigger_end += 10_000
    store = Store()
    before = by_article(old)
    for a in sorted(before):
        store.commit({a: before[a]})
    after = by_article(new)
    replaced = sorted(after)
    rnd.shuffle(replaced)
    now = dict(before)
    for a in replaced:  # each article's new version replaces the old one, one commit each
        store.commit({a: after[a]})
        now[a] = after[a]
        assert store.dicts() == full(now)
    leaving = sorted(now)
    rnd.shuffle(leaving)
    for a in leaving[: len(leaving) // 2]:
        store.commit({}, dropped=[a])
        del now[a]
        assert store.dicts() == full(now)


def test_a_batch_far_from_the_stored_events_touches_none_of_them():
    store = Store()
    old = [mention("a1", 100 * i, date=f"2025-0{1 + i % 3}-1{i}", people=("aliyev", "trump")) for i in range(6)]
    store.commit({"a1": old})
    before = dict(store.events)
    store.commit({"a2": [mention("a2", 0, date="2025-09-10", people=("putin", "pashinyan"))]})
    assert store.touched_per_commit[-1] == 1  # the new event, nothing else
    assert all(store.events[i] == e for i, e in before.items())


@pytest.mark.parametrize("disk", [False, True])
def test_an_undated_report_of_a_kept_event_joins_a_re_merged_event_filed_under_its_participants(disk, tmp_path):
    # a1's report is dated only by its publication, so its event is filed undated, under its
    # participants at its place; a2's undated report names two of the three and stays apart
    store = DiskStore(tmp_path / "st") if disk else Store()
    old = mention("a1", 100, date="2025-08-09", source="publication", people=("aliyev", "trump", "pashinyan"),
                  place="USA")
    undated = mention("a2", 200, people=("aliyev", "trump"), place="USA")
    store.commit({"a1": [old]})
    store.commit({"a2": [undated]})
    assert len(store.dicts()) == 2
    # a1 extracted again names the two: a2's stored report now reaches its event, which the batch
    # never cites; only the question of the kept events with an undated report finds it
    new = mention("a1", 300, date="2025-08-09", source="publication", people=("aliyev", "trump"), place="USA")
    store.commit({"a1": [new]})
    assert store.dicts() == full({"a1": [new], "a2": [undated]})
    assert len(store.dicts()) == 1


class DiskStore(Store):
    """The same commits through a real store: its indexes answer what update() asks."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        from azdiplo.store import Store as RealStore

        self.real = RealStore(path)

    def commit(self, fresh: dict[str, list[Mention]], dropped=()) -> None:
        from azdiplo.store import Change

        with self.real.writer() as w:
            lookup = w.lookup()
            meta = {a: {"id": a, **ARTICLES[a], "published_from": "record", "url": None, "source_id": None,
                        "sha256": "0" * 64, "chars": 1} for a in fresh}
            change = update(lookup, fresh, dropped, meta)
            w.apply(Change(articles=list(meta.values()), mentions={a: [m.to_dict() for m in ms] for a, ms in fresh.items()},
                           dropped=list(dropped), removed=change.removed, events=[e.to_dict() for e in change.added]))
        self.touched_per_commit.append(len(change.removed) + len(change.added))

    def dicts(self) -> list[dict]:
        from azdiplo.merge import _date_key

        return sorted(self.real.iter_events(), key=lambda e: (_date_key(e["date"]), e["id"]))  # the merge's order


@pytest.mark.slow
@SETTINGS
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 3))
def test_a_real_store_commits_batches_into_the_events_of_one_merge(found, rnd, size):
    import tempfile

    articles = by_article(found)
    order = sorted(articles)
    rnd.shuffle(order)
    with tempfile.TemporaryDirectory() as tmp:
        store = DiskStore(Path(tmp) / "st")
        for i in range(0, len(order), size):
            store.commit({a: articles[a] for a in order[i : i + size]})
        assert store.dicts() == full(articles)
        leaving = order[: len(order) // 2]
        if leaving:
            store.commit({}, dropped=leaving)
            assert store.dicts() == full({a: ms for a, ms in articles.items() if a not in leaving})
        assert store.real.verify() == []
