"""Reading a store: its state, streams of rows, queries through the indexes, statistics, exports.

The store is the live rows of the current generation's segments. Streams
and queries merge the segments' rows in store order (events by date, then
id; articles by id; mentions by article and offsets); each segment's rows
are already in that order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from azdiplo.errors import UsageError

from .export import EXPORT_FILES, check_format, export_rows
from .files import ARTICLES, EVENTS, MENTIONS, disk_usage, gc_paused
from .generations import Gen, StoreBase
from .segments import Segment
from .state import StoreState, event_order

#: store order of each kind of row
ORDER: dict[str, Callable[[dict[str, Any]], Any]] = {
    EVENTS: event_order,
    ARTICLES: lambda a: a["id"],
    MENTIONS: lambda m: (m["article"], m["trigger_start"], m["trigger_end"]),
}


def info_of(manifest: dict[str, Any]) -> dict[str, Any]:
    """The provenance and counts of a manifest (what ``Store.info`` returns)."""
    return {k: v for k, v in manifest.items() if k not in ("files", "segments", "dead", "summary")}


class Reader(StoreBase):
    """The read side of :class:`~azdiplo.store.Store`: no lock, one generation per read."""

    def _segments(self, gen: Gen) -> list[Segment]:
        return gen.segments(self._corrupt)

    @contextlib.contextmanager
    def lookup(self) -> Iterator[Any]:
        """Stored articles and events through the indexes of the current generation, without a lock.

        Every file is opened at once, so a writer pruning the generation
        meanwhile takes nothing away from it.
        """
        from .lookup import Lookup  # the merge's protocol: queries never import it

        if not self.exists():
            yield Lookup([])
            return

        def open_(gen: Gen) -> Gen:
            for seg in self._segments(gen):
                for name in (ARTICLES, MENTIONS, EVENTS):
                    seg._file(name)
                seg.index(checked=False)
            return gen

        gen = self._retrying(open_)
        try:
            with self._reading():
                yield Lookup(self._segments(gen))
        finally:
            gen.close()

    def info(self) -> dict[str, Any]:
        """The manifest of the current generation, without file lists."""
        gen = self._retrying(lambda gen: gen)
        return info_of(gen.manifest)

    def actor_keys(self) -> list[str]:
        """Every participant key the events use (an actor id, or a lower-cased name), from the
        indexes alone: resolving a name never has to read the events."""

        def read(gen: Gen) -> list[str]:
            keys: set[str] = set()
            for seg in self._segments(gen):
                index = seg.index()
                post = index.col["postings"]
                for key, (s, c) in index.kind_keys("actor"):
                    if key not in keys and any(post[i] not in seg.dead_events for i in range(s, s + c)):
                        keys.add(key)
            gen.close()
            return sorted(keys)

        return self._retrying(read)

    def load(self) -> StoreState:
        """Read the whole current state (every live row), checking every checksum."""

        def read(gen: Gen) -> StoreState:
            articles: dict[str, dict[str, Any]] = {}
            by_article: dict[str, list[dict[str, Any]]] = {}
            events: list[dict[str, Any]] = []
            try:
                for seg in self._segments(gen):
                    for a in seg.live_stream(ARTICLES):
                        if not isinstance(a, dict) or not isinstance(a.get("id"), str):
                            raise seg.error(ARTICLES, "a line lacks its 'id'")
                        articles[a["id"]] = a
                    for m in seg.live_stream(MENTIONS):
                        if not isinstance(m, dict) or not isinstance(m.get("article"), str):
                            raise seg.error(MENTIONS, "a line lacks its 'article'")
                        by_article.setdefault(m["article"], []).append(m)
                    events.extend(seg.live_stream(EVENTS))
            finally:
                gen.close()
            events.sort(key=event_order)
            articles = {k: articles[k] for k in sorted(articles)}
            return StoreState(info_of(gen.manifest), articles, by_article, events)

        with gc_paused():
            return self._retrying(read)

    def _merged(self, name: str) -> Iterator[dict[str, Any]]:
        def open_(gen: Gen) -> tuple[Gen, list[Segment]]:
            segments = self._segments(gen)
            for seg in segments:  # eagerly, so a missing store fails at the call and a pruned one is retried
                seg._file(name)
                if name == MENTIONS:
                    seg._file(ARTICLES)
            return gen, segments

        gen, segments = self._retrying(open_)
        return self._stream_merged(gen, segments, name)

    def _stream_merged(self, gen: Gen, segments: list[Segment], name: str) -> Iterator[dict[str, Any]]:
        try:
            with self._reading():
                yield from heapq.merge(*(s.live_stream(name) for s in segments), key=ORDER[name])
        except FileNotFoundError as exc:
            raise self._corrupt(gen.name, os.path.basename(exc.filename or "?"), "missing") from None
        finally:
            gen.close()

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """Stream the events in store order (date, then id; undated last)."""
        return self._merged(EVENTS)

    def iter_rows(self, what: str) -> Iterator[dict[str, Any]]:
        """Stream ``events``, ``articles`` or ``mentions`` in store order."""
        if what not in EXPORT_FILES:
            raise UsageError(f"unknown store content {what!r}", "choose events, articles or mentions")
        return self._merged(EXPORT_FILES[what])

    def event(self, event_id: str) -> dict[str, Any] | None:
        """The event with this id, through the indexes, or None."""

        def read(gen: Gen) -> dict[str, Any] | None:
            try:
                for seg in self._segments(gen):
                    for row in seg.live_events(seg.index().event_rows(event_id)):
                        event = seg.event(row)
                        if event.get("id") == event_id:
                            return event
                return None
            finally:
                gen.close()

        return self._retrying(read)

    def query_events(
        self,
        *,
        types: Iterable[str] | None = None,
        statuses: Iterable[str] | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        actor_keys_all: Iterable[str] | None = None,
        countries: Iterable[str] | None = None,
        min_sources: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Events passing the filters (semantics of ``matches``), in store order, read through the indexes.

        Only the matching lines of each segment's events.jsonl are read and parsed.
        """
        filters = dict(
            types=types,
            statuses=statuses,
            since=since,
            until=until,
            actor_keys_all=actor_keys_all,
            countries=countries,
            min_sources=min_sources,
        )
        filters = {
            k: (list(v) if isinstance(v, Iterable) and not isinstance(v, str) else v) for k, v in filters.items()
        }
        for key in ("types", "statuses", "actor_keys_all", "countries"):
            if isinstance(filters[key], str):
                raise TypeError(f"{key} takes a collection of strings, not a string")

        def open_(gen: Gen) -> tuple[Gen, list[tuple[Segment, list[int]]]]:
            found = []
            for seg in self._segments(gen):
                rows = seg.live_events(seg.index().select(**filters))
                if rows:
                    seg._file(EVENTS)  # open now: a pruned segment is retried here, not mid-stream
                    found.append((seg, rows))
            return gen, found

        gen, found = self._retrying(open_)
        return self._read_rows(gen, found)

    def _read_rows(self, gen: Gen, found: list[tuple[Segment, list[int]]]) -> Iterator[dict[str, Any]]:
        try:
            with self._reading():
                yield from heapq.merge(*(_events_at(seg, rows) for seg, rows in found), key=event_order)
        finally:
            gen.close()

    def stats(self) -> dict[str, Any]:
        """Counts and provenance of the current generation, from its manifest."""
        gen = self._retrying(lambda gen: gen)
        m = gen.manifest
        summary = m["summary"]
        with self._reading():
            total = disk_usage(self.path)
        own = sum(f["size"] for f in m["files"].values())
        segments = sum(f["size"] for s in m["segments"] for f in s["files"].values())
        return {
            "path": str(self.path),
            "schema_version": m["schema_version"],
            "generation": m.get("generation"),
            "created": m.get("created"),
            "updated": m.get("updated"),
            "azdiplo_version": m.get("azdiplo_version"),
            "model": m.get("model"),
            "pipeline_version": m.get("pipeline_version"),
            "articles": m["counts"]["articles"],
            "mentions": m["counts"]["mentions"],
            "events": m["counts"]["events"],
            "events_by_type": dict(sorted(summary["types"].items())),
            "events_by_status": dict(sorted(summary["statuses"].items())),
            "events_by_year": dict(sorted(summary["years"].items())),
            "sources_per_event": dict(sorted(summary["sources"].items(), key=lambda kv: int(kv[0]))),
            "segments": len(m["segments"]),
            "dead_rows": sum(s.get("dead", {}).get("events", 0) + s.get("dead", {}).get("articles", 0)
                             for s in m["segments"]),
            "generation_bytes": own + segments,
            "size_bytes": total,
        }

    def export(self, what: str, fmt: str, out: IO[str]) -> int:
        """Write ``what`` (events|articles|mentions) to a text stream as json or jsonl; return the rows written."""
        check_format(fmt)
        return export_rows(self.iter_rows(what), what, fmt, out)


def _events_at(seg: Segment, rows: list[int]) -> Iterator[dict[str, Any]]:
    for r in rows:
        yield seg.event(r)
