"""The index of a segment: fixed-width columns, postings and hash tables (index.json + index.bin).

:class:`IndexBuilder` collects one row per article, mention and event while
a segment's files are written; :class:`Index` answers, without parsing a
line of JSON, which rows pass a query's filters (``select``), which rows
hold an article or a path, and which stored events a batch of new reports
may have to be merged with (``citing``, ``near``, ``undated``, ``named``,
``refs``; see :mod:`azdiplo.remerge`). The format is described in
docs/store.md.
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
import hashlib
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from .files import SORT
from .filters import event_actor_keys, event_countries, event_interval

INDEX_FORMAT = 3
#: an index of the format before: its postings' directory in index.json (still read, never written)
INDEX_FORMAT_KEYS_IN_HEADER = 2

#: the ends of an unbounded reference window, as stored in the i32 columns
FOREVER = 2**31 - 1

# Sections: name -> array typecode. Widths are checked below because the
# file format is fixed-width little-endian.
SECTIONS = {
    # one per event, in events.jsonl order
    "offset": "Q",  # byte offset of the event's line in events.jsonl
    "length": "I",  # length of that line, newline included
    "date_lo": "i",  # first day of the event's date interval (proleptic ordinal), 0 = undated
    "date_hi": "i",  # last day
    "sources": "I",  # num_sources
    "type": "H",  # code into header["types"]
    "status": "H",  # code into header["statuses"]
    "stated_lo": "i",  # the hull of its reports' stated dates (merge.Facts.stated), 0 = none
    "stated_hi": "i",
    "spans_lo": "i",  # the hull of every dated report's date (Facts.spans), 0 = none
    "spans_hi": "i",
    "cluster_lo": "i",  # the days its stated dates agree on (Facts.cluster), 0 = none
    "cluster_hi": "i",
    "place": "H",  # code into header["places"] (Facts.place_country; code 0 is none)
    "flags": "B",  # FLAG_* bits
    # permutations and postings of the events
    "by_date": "I",  # rows of dated events, sorted by date_lo
    "by_sources": "I",  # all rows, sorted by num_sources
    "by_stated": "I",  # rows with stated dates, sorted by stated_lo
    "by_spans": "I",  # rows with dated reports, sorted by spans_lo
    "by_cluster": "I",  # rows with a cluster interval, sorted by cluster_lo
    "postings": "I",  # concatenated sorted row lists
    # the postings' directory, one entry per key of each kind (header["key_kinds"]: each kind's entries),
    # sorted by kind, then by the key's UTF-8 bytes
    "key_start": "I",  # where the key's rows start in postings
    "key_count": "I",  # how many there are
    "key_at": "I",  # where its UTF-8 name starts in key_names (one more entry: the end of the last)
    "key_names": "B",
    "cite_hash": "Q",  # hash of an article id cited by an event (a report or a reference), sorted
    "cite_row": "I",  # the event row
    "eid_hash": "Q",  # hash of an event id, sorted
    "eid_row": "I",
    # one per article, in articles.jsonl order
    "a_offset": "Q",
    "a_length": "I",
    "a_mfirst": "I",  # its first mention row (mentions.jsonl is sorted by article)
    "a_mcount": "I",  # its number of mentions
    "aid_hash": "Q",  # hash of an article id, sorted
    "aid_row": "I",
    "apath_hash": "Q",  # hash of one of an article's paths, sorted
    "apath_row": "I",
    # one per mention, in mentions.jsonl order
    "m_offset": "Q",
    "m_length": "I",
    # one per reference with a place
    "r_mention": "I",  # its mention row
    "r_article": "I",  # its article row
    "r_type": "H",  # code into header["ref_types"]
    "r_first": "i",  # its window (merge.reference_window), +-FOREVER when unbounded
    "r_last": "i",
    # CRC-32 of each BLOCK bytes of each JSON Lines file: a row read alone is checked
    "crc_articles": "I",
    "crc_mentions": "I",
    "crc_events": "I",
}

#: bytes per checked block of a JSON Lines file
BLOCK = 1 << 14
for _code, _size in {"Q": 8, "I": 4, "i": 4, "H": 2, "B": 1}.items():
    assert array.array(_code).itemsize == _size, f"unsupported platform: array {_code!r} is not {_size} bytes"

FLAG_UNSTATED_FIRST = 1  # merge.Facts.unstated_first
FLAG_UNDATED_MEMBER = 2  # merge.Facts.undated_member
FLAG_HAS_PLACE = 4  # merge.Facts.has_place

#: postings kinds: participant keys and countries for queries; "merge": every key and side of its reports,
#: under "type|status|key" (merge_key); "first"/"member": the same, of the rows with FLAG_UNSTATED_FIRST /
#: FLAG_UNDATED_MEMBER; "place": occurred events a reference can name, by the country they are placed in
#: (PLACED: a place, no country)
KINDS = ("actor", "country", "type", "status", "merge", "first", "member", "place")
PLACED = "@placed"


def key_hash(key: str) -> int:
    """The 64-bit hash under which the hash tables file an article id or a path."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


class IndexBuilder:
    """Collects the rows of a segment while its files are written, in the order they are written."""

    def __init__(self) -> None:
        self.cols = {name: array.array(code) for name, code in SECTIONS.items()}
        self.types: dict[str, int] = {}
        self.statuses: dict[str, int] = {}
        self.places: dict[str | None, int] = {None: 0}
        self.ref_types: dict[str, int] = {}
        self.postings: dict[str, dict[str, array.array]] = {kind: {} for kind in KINDS if kind not in ("type", "status")}
        self.cites: list[tuple[int, int]] = []
        self.event_ids: list[tuple[int, int]] = []
        self.ids: list[tuple[int, int]] = []
        self.paths: list[tuple[int, int]] = []
        self.offsets = {"events": 0, "articles": 0, "mentions": 0}
        self.blocks = {kind: _Blocks(self.cols[f"crc_{kind}"]) for kind in ("events", "articles", "mentions")}
        self.article_rows: dict[str, int] = {}
        self.published: list[str | None] = []

    # ---------------------------------------------------------------- rows

    def article_lines(self, articles: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        for a in articles:
            line = orjson.dumps(a, option=SORT) + b"\n"
            row = len(self.cols["a_offset"])
            self.cols["a_offset"].append(self.offsets["articles"])
            self.cols["a_length"].append(len(line))
            self.cols["a_mfirst"].append(0)
            self.cols["a_mcount"].append(0)
            self.offsets["articles"] += len(line)
            self.blocks["articles"].feed(line)
            self.article_rows[a["id"]] = row
            self.published.append(a.get("published"))
            self.ids.append((key_hash(a["id"]), row))
            for path in article_paths(a):
                self.paths.append((key_hash(path), row))
            yield line

    def mention_lines(self, mentions: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        """Mentions sorted by article (every article already written), then offsets."""
        c = self.cols
        for m in mentions:
            line = orjson.dumps(m, option=SORT) + b"\n"
            row = len(c["m_offset"])
            c["m_offset"].append(self.offsets["mentions"])
            c["m_length"].append(len(line))
            self.offsets["mentions"] += len(line)
            self.blocks["mentions"].feed(line)
            arow = self.article_rows[m["article"]]
            if c["a_mcount"][arow] == 0:
                c["a_mfirst"][arow] = row
            c["a_mcount"][arow] += 1
            if m.get("reference"):
                self._reference(m, row, arow)
            yield line

    def _reference(self, m: dict[str, Any], row: int, arow: int) -> None:
        from azdiplo.merge import _Report, reference_window
        from azdiplo.models import Mention

        report = _Report(Mention.from_dict(m))
        window = reference_window(report, {m["article"]: self.published[arow]})
        if window is None:
            return  # a reference without a place names nothing
        c = self.cols
        c["r_mention"].append(row)
        c["r_article"].append(arow)
        c["r_type"].append(self.ref_types.setdefault(m["type"], len(self.ref_types)))
        c["r_first"].append(max(-FOREVER, int(window[0])) if window[0] != float("-inf") else -FOREVER)
        c["r_last"].append(min(FOREVER, int(window[1])) if window[1] != float("inf") else FOREVER)

    def event_lines(self, events: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        for event in events:
            line = orjson.dumps(event, option=SORT) + b"\n"
            self.add_event(event, len(line))
            self.blocks["events"].feed(line)
            yield line

    def add_event(self, event: dict[str, Any], length: int) -> None:
        from azdiplo.merge import facts  # writers only: queries never import the merge

        c = self.cols
        row = len(c["offset"])
        c["offset"].append(self.offsets["events"])
        c["length"].append(length)
        self.offsets["events"] += length
        span = event_interval(event.get("date"))
        c["date_lo"].append(span[0] if span else 0)
        c["date_hi"].append(span[1] if span else 0)
        c["sources"].append(event.get("num_sources", len(event.get("sources", ()))))
        c["type"].append(self.types.setdefault(event["type"], len(self.types)))
        c["status"].append(self.statuses.setdefault(event["status"], len(self.statuses)))
        f = facts(event)
        for lo, hi, value in (("stated_lo", "stated_hi", f.stated), ("spans_lo", "spans_hi", f.spans),
                              ("cluster_lo", "cluster_hi", f.cluster)):
            c[lo].append(value[0] if value else 0)
            c[hi].append(value[1] if value else 0)
        c["place"].append(self.places.setdefault(f.place_country, len(self.places)))
        c["flags"].append(FLAG_UNSTATED_FIRST * f.unstated_first + FLAG_UNDATED_MEMBER * f.undated_member
                          + FLAG_HAS_PLACE * f.has_place)
        places = []
        if f.cluster is not None and event["status"] == "occurred" and (f.place_country or f.has_place):
            places.append(f.place_country or PLACED)
        merge_keys = [merge_key(event["type"], event["status"], k) for k in f.keys]
        for kind, keys in (("actor", event_actor_keys(event)), ("country", event_countries(event)),
                           ("merge", merge_keys), ("first", merge_keys if f.unstated_first else ()),
                           ("member", merge_keys if f.undated_member else ()), ("place", places)):
            table = self.postings[kind]
            for key in keys:
                table.setdefault(key, array.array("I")).append(row)
        for article in sorted({m["article"] for m in event.get("mentions", ())}):
            self.cites.append((key_hash(article), row))
        self.event_ids.append((key_hash(event["id"]), row))

    # ---------------------------------------------------------------- the files

    def finish(self) -> tuple[bytes, bytes]:
        """The index files: (index.json, index.bin)."""
        for blocks in self.blocks.values():
            blocks.close()
        c = self.cols
        n = len(c["offset"])
        lo, hi, sources = c["date_lo"], c["date_hi"], c["sources"]
        dated = [r for r in range(n) if lo[r]]
        # stable sorts, so ties stay in row order and the bytes are deterministic
        c["by_date"] = array.array("I", sorted(dated, key=lo.__getitem__))
        c["by_sources"] = array.array("I", sorted(range(n), key=sources.__getitem__))
        spans = {}
        for name in ("stated", "spans", "cluster"):
            first, last = c[f"{name}_lo"], c[f"{name}_hi"]
            rows = [r for r in range(n) if first[r]]
            c[f"by_{name}"] = array.array("I", sorted(rows, key=first.__getitem__))
            spans[name] = max((last[r] - first[r] for r in rows), default=0)
        for hashes, rows, pairs in (("cite_hash", "cite_row", self.cites), ("eid_hash", "eid_row", self.event_ids),
                                    ("aid_hash", "aid_row", self.ids),
                                    ("apath_hash", "apath_row", self.paths)):
            for h, r in sorted(pairs):
                c[hashes].append(h)
                c[rows].append(r)
        postings = c["postings"]
        key_kinds: dict[str, list[int]] = {}
        names = bytearray()
        type_names = list(self.types)
        status_names = list(self.statuses)
        lists = {
            **self.postings,
            "type": _group_rows(c["type"], type_names),
            "status": _group_rows(c["status"], status_names),
        }
        for kind in KINDS:
            table = lists[kind]
            key_kinds[kind] = [len(c["key_start"]), len(table)]
            for name, key in sorted((k.encode("utf-8"), k) for k in table):
                c["key_start"].append(len(postings))
                c["key_count"].append(len(table[key]))
                c["key_at"].append(len(names))
                names.extend(name)
                postings.extend(table[key])
        c["key_at"].append(len(names))
        c["key_names"].frombytes(bytes(names))
        blob = bytearray()
        sections = {}
        for name in SECTIONS:
            blob.extend(b"\0" * (-len(blob) % 8))
            data = c[name]
            if sys.byteorder != "little":
                data = array.array(data.typecode, data)
                data.byteswap()
            sections[name] = {"offset": len(blob), "count": len(data), "type": data.typecode}
            blob.extend(data.tobytes())
        header = {
            "format": INDEX_FORMAT,
            "count": n,
            "counts": {"events": n, "articles": len(c["a_offset"]), "mentions": len(c["m_offset"]),
                       "references": len(c["r_mention"])},
            "byteorder": "little",
            "max_span": max((hi[r] - lo[r] for r in dated), default=0),
            "max_stated_span": spans["stated"],
            "max_spans_span": spans["spans"],
            "max_cluster_span": spans["cluster"],
            "types": type_names,
            "statuses": status_names,
            "places": list(self.places),
            "ref_types": list(self.ref_types),
            "sections": sections,
            "key_kinds": key_kinds,
        }
        return orjson.dumps(header, option=SORT) + b"\n", bytes(blob)


class _Blocks:
    """CRC-32 of each BLOCK bytes of a file, from its lines as they are written."""

    def __init__(self, out: array.array):
        self.out = out
        self.crc = 0
        self.filled = 0

    def feed(self, data: bytes) -> None:
        while data:
            take = min(len(data), BLOCK - self.filled)
            self.crc = zlib.crc32(data[:take], self.crc)
            self.filled += take
            data = data[take:]
            if self.filled == BLOCK:
                self.out.append(self.crc)
                self.crc, self.filled = 0, 0

    def close(self) -> None:
        if self.filled:
            self.out.append(self.crc)
            self.crc, self.filled = 0, 0


def merge_key(type_: str, status: str, key: str) -> str:
    """How the merge postings file a participant key or side: under its event's type and status."""
    return f"{type_}|{status}|{key}"


def article_paths(article: dict[str, Any]) -> list[str]:
    """Every path an article row is stored under."""
    paths = article.get("paths")
    if paths is None:
        paths = [article["path"]] if article.get("path") else []
    return list(paths)


def _group_rows(codes: array.array, names: list[str]) -> dict[str, array.array]:
    groups = {name: array.array("I") for name in names}
    for row, code in enumerate(codes):
        groups[names[code]].append(row)
    return groups


class Index:
    """A read-only view of a segment's index.json + index.bin (the blob may be a memory map)."""

    def __init__(self, header: dict[str, Any], blob: Any):
        self.format = header.get("format")
        if self.format not in (INDEX_FORMAT, INDEX_FORMAT_KEYS_IN_HEADER):
            raise ValueError("unknown index format")
        self.header = header
        self.n: int = header["count"]
        view = memoryview(blob)
        self.col: dict[str, Any] = {}
        for name, code in SECTIONS.items():
            sec = header["sections"].get(name)
            if sec is None and self.format == INDEX_FORMAT_KEYS_IN_HEADER and name.startswith("key_"):
                continue
            size = array.array(code).itemsize
            raw = view[sec["offset"] : sec["offset"] + sec["count"] * size]
            if sys.byteorder == "little":
                self.col[name] = raw.cast(code)
            else:
                data = array.array(code, raw.tobytes())
                data.byteswap()
                self.col[name] = data
            if len(self.col[name]) != sec["count"]:
                raise ValueError(f"index section {name} is truncated")
        # format 2: the postings' directory parsed whole from index.json (format 3 reads it from index.bin by key)
        self._keys: dict[str, dict[str, list[int]]] | None = header.get("keys")

    # ---------------------------------------------------------------- the postings' directory

    def postings_of(self, kind: str, key: str) -> tuple[int, int] | None:
        """Where the rows filed under ``key`` of ``kind`` are in postings: (start, count), or None.

        A binary search among the kind's keys in index.bin: a few pages
        read, however many keys the segment holds.
        """
        if self._keys is not None:
            found = self._keys.get(kind, {}).get(key)
            return tuple(found) if found else None
        first, count = self.header["key_kinds"].get(kind, (0, 0))
        wanted = key.encode("utf-8")
        i = bisect.bisect_left(range(first, first + count), wanted, key=self._key_name)
        if i < count and self._key_name(first + i) == wanted:
            return self.col["key_start"][first + i], self.col["key_count"][first + i]
        return None

    def kind_keys(self, kind: str) -> Iterator[tuple[str, tuple[int, int]]]:
        """Every key of ``kind`` and where its rows are in postings, in key order."""
        if self._keys is not None:
            for key, (s, c) in sorted(self._keys.get(kind, {}).items()):
                yield key, (s, c)
            return
        first, count = self.header["key_kinds"].get(kind, (0, 0))
        starts, counts = self.col["key_start"], self.col["key_count"]
        for i in range(first, first + count):
            yield self._key_name(i).decode("utf-8"), (starts[i], counts[i])

    def _key_name(self, i: int) -> bytes:
        at = self.col["key_at"]
        return bytes(self.col["key_names"][at[i] : at[i + 1]])

    # ---------------------------------------------------------------- hash tables

    def _hashed(self, hashes: str, rows: str, key: str) -> list[int]:
        h = key_hash(key)
        col = self.col[hashes]
        i = bisect.bisect_left(col, h)
        out = []
        while i < len(col) and col[i] == h:
            out.append(self.col[rows][i])
            i += 1
        return out

    def article_rows(self, article_id: str) -> list[int]:
        """Article rows that may hold this id (a hash table: check the row)."""
        return self._hashed("aid_hash", "aid_row", article_id)

    def path_rows(self, path: str) -> list[int]:
        """Article rows that may hold this path."""
        return self._hashed("apath_hash", "apath_row", path)

    def event_rows(self, event_id: str) -> list[int]:
        """Event rows that may hold this id."""
        return self._hashed("eid_hash", "eid_row", event_id)

    def citing(self, article_id: str) -> list[int]:
        """Event rows that may cite this article."""
        return self._hashed("cite_hash", "cite_row", article_id)

    # ---------------------------------------------------------------- re-merging

    def _spans(self, kind: str, keys: Iterable[str]) -> list[tuple[int, int]]:
        spans = (self.postings_of(kind, k) for k in keys)
        return [span for span in spans if span is not None]

    def near(self, type_: str, status: str, keys: Iterable[str], lo: int, hi: int, hull: str) -> list[int]:
        """Rows of this type and status naming any of ``keys`` (merge postings) whose ``hull`` ("stated"
        or "any": every dated report) of dates meets [lo, hi].

        The smaller of the keys' postings and the window of dates drives: a
        popular actor in a short window, or a rare one over years, costs the
        rows of the smaller, each checked against the other in O(log n).
        """
        name = "stated" if hull == "stated" else "spans"
        spans = self._spans("merge", [merge_key(type_, status, k) for k in keys])
        if not spans:
            return []
        first, last, perm = self.col[f"{name}_lo"], self.col[f"{name}_hi"], self.col[f"by_{name}"]
        start = first.__getitem__
        i = bisect.bisect_left(perm, lo - self.header[f"max_{name}_span"], key=start)
        j = bisect.bisect_right(perm, hi, key=start)
        post = self.col["postings"]
        if j - i < sum(c for _, c in spans):
            return sorted(r for r in perm[i:j]
                          if last[r] >= lo and any(self._contains(s, c, r) for s, c in spans))
        found = {post[k] for s, c in spans for k in range(s, s + c)}
        return sorted(r for r in found if first[r] and first[r] <= hi and last[r] >= lo)

    def undated(self, type_: str, status: str, keys: Iterable[str], which: str) -> list[int]:
        """Rows of this type and status naming every one of ``keys`` whose first report has no stated
        date (``which`` "first"), or that hold an undated report ("member").

        An undated report joins an undated event of another article only
        when it names the same participants (merge rule 2), so both
        questions ask for every participant: the smallest posting list
        drives, each row checked in the others, so a popular actor beside a
        rare one costs the rare one's rows, never every undated event of the
        popular one.
        """
        post = self.col["postings"]
        wanted = {merge_key(type_, status, k) for k in keys}
        spans = self._spans(which, sorted(wanted))
        if not spans or len(spans) < len(wanted):
            return []  # a key no row of this kind names
        spans.sort(key=lambda sc: sc[1])
        (s0, c0), rest = spans[0], spans[1:]
        return sorted({post[k] for k in range(s0, s0 + c0) if all(self._contains(s, c, post[k]) for s, c in rest)})

    def named(self, types: Iterable[str] | None, first: float, last: float,
              place_country: str | None = None) -> Iterator[int]:
        """Rows of occurred events of ``types`` (None: all but visits) whose cluster dates meet [first, last], lazily.

        An undated reference (``first`` unbounded) placed in ``place_country``
        can name only events placed there, or placed without a country: those
        come from the place postings, not from a scan of every earlier event.
        """
        names = self.header["types"]
        wanted = ({i for i, n in enumerate(names) if n != "visit"} if types is None
                  else {names.index(x) for x in types if x in names})
        statuses = self.header["statuses"]
        if not wanted or "occurred" not in statuses:
            return
        occurred = statuses.index("occurred")
        lo_col, hi_col, perm = self.col["cluster_lo"], self.col["cluster_hi"], self.col["by_cluster"]
        t, s = self.col["type"], self.col["status"]
        lo = -FOREVER if first == float("-inf") else int(first)
        hi = FOREVER if last == float("inf") else int(last)
        if first == float("-inf") and place_country:
            post = self.col["postings"]
            rows = (post[k] for s, c in self._spans("place", (place_country, PLACED)) for k in range(s, s + c))
        else:
            i = bisect.bisect_left(perm, lo - self.header["max_cluster_span"], key=lo_col.__getitem__)
            j = bisect.bisect_right(perm, hi, key=lo_col.__getitem__)
            rows = (perm[k] for k in range(i, j))
        for r in rows:
            if lo_col[r] and lo_col[r] <= hi and hi_col[r] >= lo and t[r] in wanted and s[r] == occurred:
                yield r

    def refs(self, kind: str, lo: int, hi: int) -> list[int]:
        """Reference rows (into the r_* columns) that can name an event of type ``kind`` dated [lo, hi]."""
        names = self.header["ref_types"]
        codes = {names.index(x) for x in ((kind, "any") if kind != "visit" else (kind,)) if x in names}
        if not codes:
            return []
        col = self.col
        t, first, last = col["r_type"], col["r_first"], col["r_last"]
        return [i for i in range(len(t)) if t[i] in codes and first[i] <= hi and last[i] >= lo]

    # ---------------------------------------------------------------- queries

    def _contains(self, start: int, count: int, row: int) -> bool:
        post = self.col["postings"]
        i = bisect.bisect_left(post, row, start, start + count)
        return i < start + count and post[i] == row

    def select(
        self,
        *,
        types: Iterable[str] | None,
        statuses: Iterable[str] | None,
        since: dt.date | None,
        until: dt.date | None,
        actor_keys_all: Iterable[str] | None,
        countries: Iterable[str] | None,
        min_sources: int | None,
    ) -> list[int]:
        """Rows of the events passing every filter, in file order.

        Every filter can list its candidates cheaply (a postings list, or a
        slice of a sorted permutation) and check one row in O(1) or O(log n).
        The smallest candidate list drives; the other filters check its rows.
        """
        col = self.col
        # each candidate source: (size, iterable of rows, rows come sorted and unique)
        drivers: list[tuple[int, Callable[[], Iterable[int]], bool]] = []
        checks: list[Callable[[int], bool]] = []
        post = col["postings"]

        def postings(kind: str, wanted: Iterable[str]) -> list[tuple[int, int]]:
            return self._spans(kind, sorted(set(wanted)))

        def union(spans: list[tuple[int, int]]) -> Callable[[], Iterable[int]]:
            return lambda: (post[i] for s, c in spans for i in range(s, s + c))

        for kind, wanted, column, names in (
            ("type", types, "type", self.header["types"]),
            ("status", statuses, "status", self.header["statuses"]),
        ):
            if wanted is None:
                continue
            spans = postings(kind, wanted)
            drivers.append((sum(c for _, c in spans), union(spans), len(spans) <= 1))
            codes = {names.index(k) for k in set(wanted) if k in names}
            checks.append(lambda r, codes=codes, values=col[column]: values[r] in codes)
        if actor_keys_all is not None:
            for key in sorted(set(actor_keys_all)):
                span = self.postings_of("actor", key)
                if span is None:
                    return []
                s, c = span
                drivers.append((c, union([(s, c)]), True))
                checks.append(lambda r, s=s, c=c: self._contains(s, c, r))
        if countries is not None:
            spans = postings("country", countries)
            drivers.append((sum(c for _, c in spans), union(spans), len(spans) <= 1))
            checks.append(lambda r, spans=spans: any(self._contains(s, c, r) for s, c in spans))
        if since is not None or until is not None:
            lo_col, hi_col, by_date = col["date_lo"], col["date_hi"], col["by_date"]
            first, last = since.toordinal() if since else None, until.toordinal() if until else None
            # by_date is sorted by interval start; an interval overlapping
            # [first, last] starts at most max_span days before first.
            start = lo_col.__getitem__
            i = 0 if first is None else bisect.bisect_left(by_date, first - self.header["max_span"], key=start)
            j = len(by_date) if last is None else bisect.bisect_right(by_date, last, key=start)
            drivers.append((max(0, j - i), lambda i=i, j=j: by_date[i:j], False))
            checks.append(
                lambda r: lo_col[r] != 0
                and (first is None or hi_col[r] >= first)
                and (last is None or lo_col[r] <= last)
            )
        if min_sources is not None:
            src, by_sources = col["sources"], col["by_sources"]
            i = bisect.bisect_left(by_sources, min_sources, key=src.__getitem__)
            drivers.append((self.n - i, lambda i=i: by_sources[i:], False))
            checks.append(lambda r: src[r] >= min_sources)
        if not drivers:
            return list(range(self.n))
        _, rows, ordered = min(drivers, key=lambda d: d[0])
        found = [r for r in rows() if all(check(r) for check in checks)]
        return found if ordered else sorted(set(found))

