"""What a writer asks of the stored rows while it prepares a commit, through the segments' indexes.

:class:`Lookup` finds stored articles by id or by path, and answers the
:class:`azdiplo.remerge.Stored` protocol: the stored events a batch of new
reports may have to be merged with. It reads only the rows the indexes
point to, and remembers where each row it returned lives, so that the
commit can mark it dead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, TypeVar

from azdiplo.remerge import Group, Named

from .index import FLAG_HAS_PLACE
from .segments import Segment

Location = tuple[Segment, int]
T = TypeVar("T")


def _answer(method: Callable[..., T]) -> Callable[..., T]:
    """A question to the indexes that gives back the index pages it touched once answered
    (:meth:`Segment.release_pages`): a commit asks hundreds of them, all over a large index."""

    @functools.wraps(method)
    def asked(self: Lookup, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        finally:
            self.release_pages()

    return asked


class Lookup:
    """Stored articles and events of one generation, found through its segments' indexes."""

    def __init__(self, segments: list[Segment]):
        self.segments = segments
        self.events_at: dict[str, Location] = {}  # every event returned, by id
        self.articles_at: dict[str, Location] = {}  # every article returned, by id

    def release_pages(self) -> None:
        for seg in self.segments:
            seg.release_pages()

    # ---------------------------------------------------------------- articles

    def _article_rows(self, seg: Segment, rows: Iterable[int]) -> Iterator[tuple[dict[str, Any], int]]:
        for r in seg.live_articles(sorted(set(rows))):
            yield seg.article(r), r

    @_answer
    def article(self, article_id: str) -> dict[str, Any] | None:
        """The stored row of an article, or None."""
        for seg in self.segments:
            for row, r in self._article_rows(seg, seg.index(checked=False).article_rows(article_id)):
                if row["id"] == article_id:
                    self.articles_at[article_id] = (seg, r)
                    return row
        return None

    @_answer
    def holders(self, path: str) -> list[dict[str, Any]]:
        """The stored rows of the articles stored under ``path``."""
        from .index import article_paths

        out = []
        for seg in self.segments:
            for row, r in self._article_rows(seg, seg.index(checked=False).path_rows(path)):
                if path in article_paths(row):
                    self.articles_at[row["id"]] = (seg, r)
                    out.append(row)
        return out

    @_answer
    def mentions_of(self, article_id: str) -> list[dict[str, Any]]:
        """Every stored mention of an article returned by :meth:`article` or :meth:`holders`."""
        seg, r = self.articles_at[article_id]
        return seg.article_mentions(r)

    def articles(self, ids: Collection[str]) -> dict[str, dict]:
        out = {}
        for a in ids:
            row = self.article(a)
            if row is not None:
                out[a] = row
        return out

    # ---------------------------------------------------------------- events

    def _events(self, seg: Segment, rows: Iterable[int]) -> list[dict[str, Any]]:
        out = []
        for r in seg.live_events(sorted(set(rows))):
            event = seg.event(r)
            self.events_at[event["id"]] = (seg, r)
            out.append(event)
        return out

    @_answer
    def locate_event(self, event_id: str) -> Location | None:
        """Where a live event is, by id."""
        if event_id in self.events_at:
            return self.events_at[event_id]
        for seg in self.segments:
            for r in seg.live_events(seg.index(checked=False).event_rows(event_id)):
                if seg.event(r)["id"] == event_id:
                    self.events_at[event_id] = (seg, r)
                    return seg, r
        return None

    @_answer
    def citing(self, articles: Collection[str]) -> list[dict]:
        wanted = set(articles)
        out = []
        for seg in self.segments:
            index = seg.index(checked=False)
            rows: set[int] = set()
            for a in sorted(wanted):  # a binary search each: their pages given back one by one
                rows.update(index.citing(a))
                seg.release_pages()
            out += [e for e in self._events(seg, rows) if any(m["article"] in wanted for m in e["mentions"])]
        return out

    @_answer
    def near(self, group: Group, keys: Collection[str], lo: int, hi: int, hull: str) -> list[dict]:
        out = []
        for seg in self.segments:
            out += self._events(seg, seg.index(checked=False).near(*group, keys, lo, hi, hull))
        return out

    @_answer
    def undated(self, group: Group, keys: Collection[str], which: str) -> list[dict]:
        out = []
        for seg in self.segments:
            out += self._events(seg, seg.index(checked=False).undated(*group, keys, which))
        return out

    def named(self, types: Collection[str] | None, first: float, last: float,
              exclude: Collection[str] = (), place_country: str | None = None) -> Iterator[Named]:
        skip = {self.events_at[i] for i in exclude if i in self.events_at}
        try:
            for seg in self.segments:
                index = seg.index(checked=False)
                col = index.col
                places = index.header["places"]
                for r in index.named(types, first, last, place_country):
                    if r in seg.dead_events or (seg, r) in skip:
                        continue
                    yield _NamedRow(self, seg, r, col["cluster_lo"][r], col["cluster_hi"][r],
                                    places[col["place"][r]], bool(col["flags"][r] & FLAG_HAS_PLACE))
        finally:
            self.release_pages()

    @_answer
    def load(self, ids: Collection[str]) -> list[dict]:
        out = []
        for i in ids:
            where = self.locate_event(i)
            if where is not None:
                out.append(where[0].event(where[1]))
        return out

    def references(self, kind: str, lo: int, hi: int) -> Iterator[tuple[dict, str | None]]:
        try:
            for seg in self.segments:
                col = seg.index(checked=False).col
                for i in seg.index(checked=False).refs(kind, lo, hi):
                    arow = col["r_article"][i]
                    if arow in seg.dead_articles:
                        continue
                    yield seg.mention(col["r_mention"][i]), seg.article(arow).get("published")
        finally:
            self.release_pages()


class _NamedRow(Named):
    """A :class:`Named` whose event id is read only when asked."""

    __slots__ = ("_lookup", "_seg", "_row")

    def __init__(self, lookup: Lookup, seg: Segment, row: int, lo: int, hi: int, place_country: str | None,
                 has_place: bool):
        super().__init__(None, lo, hi, place_country, has_place)
        self._lookup, self._seg, self._row = lookup, seg, row

    @property
    def id(self) -> str:
        if self._id is None:
            event = self._seg.event(self._row)
            self._id = event["id"]
            self._lookup.events_at[self._id] = (self._seg, self._row)
        return self._id
