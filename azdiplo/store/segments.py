"""Segments: the immutable files a commit writes, shared by every generation that lists them.

A segment (``segments/seg-000007/``) holds what one commit wrote: the
articles it stored (new ones, and stored ones whose row changed), every
mention of those articles, the events it made or remade, and an index of
all three (:mod:`azdiplo.store.index`). Nothing in a segment changes once
it is written. A generation lists the segments of the store and, for each,
the rows that later commits superseded (*dead* rows, a bitmap per segment
in the generation's ``dead.bin``): the store is the live rows of its
segments. A mention lives and dies with its article's row.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import re
import secrets
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from . import files
from .files import ARTICLES, EVENTS, INDEX_BIN, INDEX_JSON, MENTIONS, SEGMENTS, TMP_PREFIX, batched
from .index import BLOCK, Index, IndexBuilder

_CRC = {ARTICLES: "crc_articles", MENTIONS: "crc_mentions", EVENTS: "crc_events"}

SEG_RE = re.compile(r"^seg-(\d{6,})$")
#: index.json headers parsed in this process, by checksum (each read is still checked against the
#: manifest): an ingest opens the store's segments several times per commit, and a header of index
#: format 2 (the postings' directory in it) is 5.7 MB of JSON at a million events, about 25 MB and a
#: quarter to half a second of CPU to parse (format 3's is a few kilobytes).
#: Bounded by the bytes of JSON kept, so that many segments do not hold many headers.
_HEADERS: dict[str, tuple[int, dict[str, Any]]] = {}
HEADER_CACHE_BYTES = 16 << 20
SEGMENT_FILES = (ARTICLES, MENTIONS, EVENTS, INDEX_JSON, INDEX_BIN)


def write_segment(root: Path, name: str, articles: list[dict], mentions: list[dict],
                  events: list[dict]) -> dict[str, Any]:
    """Write a segment into ``root/segments/name``; return its entry for a generation's manifest.

    ``articles`` sorted by id, ``mentions`` by article and offsets (every one
    of an article in the list), ``events`` in store order. Written aside,
    fsync'ed and renamed into place: a segment is there whole or not at all.
    """
    folder = root / SEGMENTS
    folder.mkdir(exist_ok=True)
    tmp = folder / f"{TMP_PREFIX}{name}-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        tmp.mkdir()
        builder = IndexBuilder()
        written = {
            ARTICLES: files.write_file(tmp / ARTICLES, batched(builder.article_lines(articles))),
            MENTIONS: files.write_file(tmp / MENTIONS, batched(builder.mention_lines(mentions))),
            EVENTS: files.write_file(tmp / EVENTS, batched(builder.event_lines(events))),
        }
        index_json, index_bin = builder.finish()
        written[INDEX_JSON] = files.write_file(tmp / INDEX_JSON, [index_json])
        written[INDEX_BIN] = files.write_file(tmp / INDEX_BIN, [index_bin])
        files.fsync_dir(tmp)
        os.rename(tmp, folder / name)
        files.fsync_dir(folder)
    except BaseException:
        files.remove_tree(tmp, folder)
        raise
    counts = orjson.loads(index_json)["counts"]
    return {
        "name": name,
        "files": {k: {"sha256": s, "size": n} for k, (s, n) in written.items()},
        "rows": counts,
    }


class Bits:
    """A set of rows as a bitmap (the dead rows of a segment)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes | bytearray = b""):
        self.data = bytearray(data)

    def __contains__(self, row: int) -> bool:
        i = row >> 3
        return i < len(self.data) and bool(self.data[i] >> (row & 7) & 1)

    def add(self, row: int) -> None:
        i = row >> 3
        if i >= len(self.data):
            self.data.extend(b"\0" * (i + 1 - len(self.data)))
        self.data[i] |= 1 << (row & 7)

    def __len__(self) -> int:
        return sum(bin(b).count("1") for b in self.data)

    def __bytes__(self) -> bytes:
        return bytes(self.data.rstrip(b"\0"))


def _parsed_header(sha256: str, data: bytes) -> Any:
    """``orjson.loads(data)`` of a checked index.json, parsed once per process while it is among the
    most recently used (the header is read-only: :class:`Index` never changes it)."""
    kept = _HEADERS.pop(sha256, None)
    header = kept[1] if kept else orjson.loads(data)
    _HEADERS[sha256] = (len(data), header)  # the most recent last
    total = sum(size for size, _ in _HEADERS.values())
    for key in list(_HEADERS)[:-1]:
        if total <= HEADER_CACHE_BYTES:
            break
        total -= _HEADERS.pop(key)[0]
    return header


class Segment:
    """One segment of the current generation: its index, its dead rows, its lines read on demand.

    Files are opened lazily and kept open until :meth:`close`; the index is
    a memory map whose size is checked against the manifest (and its
    checksum when ``checked``).
    """

    def __init__(self, root: Path, entry: dict[str, Any], dead_events: Bits, dead_articles: Bits,
                 corrupt: Any = None):
        self.name: str = entry["name"]
        self.dir = root / SEGMENTS / self.name
        self.entry = entry
        self.dead_events = dead_events
        self.dead_articles = dead_articles
        self._corrupt = corrupt  # (segment name, file, why) -> exception
        self._index: Index | None = None
        self._open: dict[str, IO[bytes]] = {}
        self._maps: list[mmap.mmap] = []
        self._checked: set[tuple[str, int]] = set()  # blocks whose CRC-32 was checked

    def __repr__(self) -> str:
        return f"Segment({self.name})"

    def error(self, file: str, why: str) -> Exception:
        if self._corrupt is None:
            return ValueError(f"{file} of {self.name} is corrupt ({why})")
        return self._corrupt(f"segments/{self.name}", file, why)

    def meta(self, file: str) -> dict[str, Any]:
        return self.entry["files"][file]

    def _file(self, name: str) -> IO[bytes]:
        f = self._open.get(name)
        if f is None:
            f = open(self.dir / name, "rb")
            size = os.fstat(f.fileno()).st_size
            if size != self.meta(name)["size"]:
                f.close()
                raise self.error(name, f"{size} bytes, the manifest says {self.meta(name)['size']}")
            self._open[name] = f
        return f

    def index(self, checked: bool = True) -> Index:
        if self._index is None:
            header_bytes = self.read_whole(INDEX_JSON)
            f = self._file(INDEX_BIN)
            blob: Any = b""
            if self.meta(INDEX_BIN)["size"]:
                blob = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                self._maps.append(blob)
            if checked and hashlib.sha256(blob).hexdigest() != self.meta(INDEX_BIN)["sha256"]:
                raise self.error(INDEX_BIN, "checksum mismatch")
            try:
                self._index = Index(_parsed_header(self.meta(INDEX_JSON)["sha256"], header_bytes), blob)
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
                raise self.error(INDEX_JSON, "unreadable index") from None
            if self._index.header.get("counts") != self.entry["rows"]:
                raise self.error(INDEX_JSON, "row counts disagree with the manifest")
        return self._index

    def read_whole(self, name: str) -> bytes:
        """A whole file, its size and checksum checked."""
        data = (self.dir / name).read_bytes()
        meta = self.meta(name)
        if len(data) != meta["size"]:
            raise self.error(name, f"{len(data)} bytes, the manifest says {meta['size']}")
        if hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise self.error(name, "checksum mismatch")
        return data

    def _line(self, name: str, offset: int, length: int) -> dict[str, Any]:
        """One line, read alone: the blocks it lies in are checked against the index's CRC-32s."""
        f = self._file(name)
        first, last = offset // BLOCK, (offset + length - 1) // BLOCK
        crcs = self.index().col[_CRC[name]]
        f.seek(first * BLOCK)
        data = f.read((last - first + 1) * BLOCK)
        for b in range(first, last + 1):
            if (name, b) in self._checked:
                continue
            start = (b - first) * BLOCK
            if b >= len(crcs) or zlib.crc32(data[start : start + BLOCK]) != crcs[b]:
                raise self.error(name, "checksum mismatch")
            self._checked.add((name, b))
        line = data[offset - first * BLOCK : offset - first * BLOCK + length]
        try:
            if not line.endswith(b"\n"):
                raise ValueError
            row = orjson.loads(line)
        except ValueError:  # JSONDecodeError is a ValueError
            raise self.error(name, f"the line at byte {offset} is not valid JSON") from None
        if not isinstance(row, dict):
            raise self.error(name, f"the line at byte {offset} is not a JSON object")
        return row

    # ---------------------------------------------------------------- rows

    def event(self, row: int) -> dict[str, Any]:
        col = self.index().col
        return self._line(EVENTS, col["offset"][row], col["length"][row])

    def article(self, row: int) -> dict[str, Any]:
        col = self.index().col
        return self._line(ARTICLES, col["a_offset"][row], col["a_length"][row])

    def mention(self, row: int) -> dict[str, Any]:
        col = self.index().col
        return self._line(MENTIONS, col["m_offset"][row], col["m_length"][row])

    def article_mentions(self, arow: int) -> list[dict[str, Any]]:
        col = self.index().col
        first, count = col["a_mfirst"][arow], col["a_mcount"][arow]
        return [self.mention(r) for r in range(first, first + count)]

    def live_events(self, rows: Iterable[int]) -> list[int]:
        dead = self.dead_events
        return [r for r in rows if r not in dead]

    def live_articles(self, rows: Iterable[int]) -> list[int]:
        dead = self.dead_articles
        return [r for r in rows if r not in dead]

    def stream(self, name: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row, parsed line) of every line of a JSON Lines file, in order, checksum checked at the end."""
        digest = hashlib.sha256()
        f = self._file(name)
        f.seek(0)
        for row, line in enumerate(f):
            digest.update(line)
            if not line.endswith(b"\n"):
                raise self.error(name, "last line is incomplete")
            try:
                parsed = orjson.loads(line)
            except orjson.JSONDecodeError:
                raise self.error(name, f"line {row + 1} is not valid JSON") from None
            yield row, parsed
        if digest.hexdigest() != self.meta(name)["sha256"]:
            raise self.error(name, "checksum mismatch")

    def live_stream(self, name: str) -> Iterator[dict[str, Any]]:
        """The live rows of articles.jsonl, mentions.jsonl or events.jsonl, in file order."""
        if name == EVENTS:
            dead = self.dead_events
            for row, parsed in self.stream(name):
                if row not in dead:
                    yield parsed
            return
        if name == ARTICLES:
            dead = self.dead_articles
            for row, parsed in self.stream(name):
                if row not in dead:
                    yield parsed
            return
        # a mention lives with its article's row; read from articles.jsonl, not the index (reindex relies on it)
        alive = {a["id"] for row, a in self.stream(ARTICLES) if row not in self.dead_articles}
        for _, parsed in self.stream(name):
            if parsed.get("article") in alive:
                yield parsed

    def release_pages(self) -> None:
        """Give back the pages of the mapped index.bin that reading touched.

        A mapped page stays in the process's resident memory until it is
        unmapped, and a commit's lookups (binary searches, postings) touch a
        few pages each all over the index, which at a million events is a
        quarter of a gigabyte: kept, they made a commit's memory grow with the
        store. The kernel keeps them in its page cache, so the next lookup
        maps them again without reading the disk.
        """
        for m in self._maps:
            with contextlib.suppress(OSError, ValueError):
                m.madvise(mmap.MADV_DONTNEED)

    def close(self) -> None:
        self._index = None
        for f in self._open.values():
            with contextlib.suppress(OSError):
                f.close()
        self._open.clear()
        for m in self._maps:
            with contextlib.suppress(BufferError, ValueError):
                m.close()
        self._maps.clear()
