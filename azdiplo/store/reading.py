"""Reading a store: its state, streams of rows, queries through the index, statistics, exports."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

import orjson

from azdiplo.errors import UsageError

from .export import EXPORT_FILES, check_format, export_rows
from .files import ARTICLES, EVENTS, MENTIONS, disk_usage, gc_paused
from .generations import Gen, StoreBase
from .index import Index
from .state import StoreState


class Reader(StoreBase):
    """The read side of :class:`~azdiplo.store.Store`: no lock, one generation per read."""

    def info(self) -> dict[str, Any]:
        """The manifest of the current generation, without file checksums."""
        gen = self._retrying(lambda gen: gen)
        return {k: v for k, v in gen.manifest.items() if k != "files"}

    def actor_keys(self) -> list[str]:
        """Every participant key the events use (an actor id, or a lower-cased name), from the
        index alone: resolving a name never has to read the events."""
        return list(self._retrying(self._read_index).keys["actor"])

    def load(self) -> StoreState:
        """Read the whole current generation, checking every checksum."""

        def read(gen: Gen) -> StoreState:
            articles = self._parse_lines(gen, ARTICLES, self._read_checked(gen, ARTICLES))
            mentions = self._parse_lines(gen, MENTIONS, self._read_checked(gen, MENTIONS))
            events = self._parse_lines(gen, EVENTS, self._read_checked(gen, EVENTS))
            by_article: dict[str, list[dict[str, Any]]] = {}
            for name, rows, key in ((ARTICLES, articles, "id"), (MENTIONS, mentions, "article")):
                if not all(isinstance(row.get(key), str) for row in rows):
                    raise self._corrupt(gen.name, name, f"a line lacks its {key!r}")
            for m in mentions:
                by_article.setdefault(m["article"], []).append(m)
            info = {k: v for k, v in gen.manifest.items() if k != "files"}
            return StoreState(info, {a["id"]: a for a in articles}, by_article, events)

        with gc_paused():
            return self._retrying(read)

    def _open_data(self, name: str) -> tuple[Gen, IO[bytes]]:
        def open_(gen: Gen) -> tuple[Gen, IO[bytes]]:
            f = open(gen.dir / name, "rb")
            size = os.fstat(f.fileno()).st_size
            if size != gen.file_meta(name)["size"]:
                f.close()
                raise self._corrupt(gen.name, name, f"{size} bytes, the manifest says {gen.file_meta(name)['size']}")
            return gen, f

        return self._retrying(open_)

    def _iter_jsonl(self, name: str) -> Iterator[dict[str, Any]]:
        gen, f = self._open_data(name)  # eagerly, so a missing store fails at the call
        return self._stream(gen, name, f)

    def _stream(self, gen: Gen, name: str, f: IO[bytes]) -> Iterator[dict[str, Any]]:
        # The checksum can only be checked at the end: a stream that read
        # corrupt bytes raises after them rather than pass silently.
        digest = hashlib.sha256()
        with f, self._reading():
            for number, line in enumerate(f, 1):
                digest.update(line)
                if not line.endswith(b"\n"):
                    raise self._corrupt(gen.name, name, "last line is incomplete")
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError:
                    raise self._corrupt(gen.name, name, f"line {number} is not valid JSON") from None
                yield row
        if digest.hexdigest() != gen.file_meta(name)["sha256"]:
            raise self._corrupt(gen.name, name, "checksum mismatch")

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """Stream the events in store order (date, then id; undated last)."""
        return self._iter_jsonl(EVENTS)

    def iter_rows(self, what: str) -> Iterator[dict[str, Any]]:
        """Stream ``events``, ``articles`` or ``mentions`` in store order."""
        if what not in EXPORT_FILES:
            raise UsageError(f"unknown store content {what!r}", "choose events, articles or mentions")
        return self._iter_jsonl(EXPORT_FILES[what])

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
        """Events passing the filters (semantics of ``matches``), in store order, read through the index.

        Only the matching lines of events.jsonl are read and parsed.
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

        def open_(gen: Gen) -> tuple[Gen, Index, IO[bytes]]:
            return gen, self._read_index(gen), open(gen.dir / EVENTS, "rb")

        gen, index, f = self._retrying(open_)
        size = os.fstat(f.fileno()).st_size
        if size != gen.file_meta(EVENTS)["size"]:
            f.close()
            raise self._corrupt(gen.name, EVENTS, f"{size} bytes, the manifest says {gen.file_meta(EVENTS)['size']}")
        rows = index.select(**filters)
        return self._read_rows(gen, index, f, rows)

    def _read_rows(self, gen: Gen, index: Index, f: IO[bytes], rows: list[int]) -> Iterator[dict[str, Any]]:
        offset, length = index.col["offset"], index.col["length"]
        with f, self._reading():
            for row in rows:
                f.seek(offset[row])
                line = f.read(length[row])
                try:
                    if not line.endswith(b"\n"):
                        raise ValueError
                    event = orjson.loads(line)
                except ValueError:  # JSONDecodeError is a ValueError
                    raise self._corrupt(gen.name, EVENTS, f"the line at byte {offset[row]} is not valid JSON") from None
                yield event

    def stats(self) -> dict[str, Any]:
        """Counts and provenance of the current generation, from the manifest and the index."""

        def read(gen: Gen) -> tuple[Gen, Index]:
            return gen, self._read_index(gen)

        gen, index = self._retrying(read)
        m = gen.manifest
        keys = index.keys
        with self._reading():
            total = disk_usage(self.path)
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
            "events_by_type": {k: v[1] for k, v in sorted(keys["type"].items())},
            "events_by_status": {k: v[1] for k, v in sorted(keys["status"].items())},
            "events_by_year": dict(sorted(index.header["summary"]["years"].items())),
            "sources_per_event": dict(sorted(index.header["summary"]["sources"].items(), key=lambda kv: int(kv[0]))),
            "generation_bytes": sum(f["size"] for f in m["files"].values()),
            "size_bytes": total,
        }

    def export(self, what: str, fmt: str, out: IO[str]) -> int:
        """Write ``what`` (events|articles|mentions) to a text stream as json or jsonl; return the rows written."""
        check_format(fmt)
        return export_rows(self.iter_rows(what), what, fmt, out)
