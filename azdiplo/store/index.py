"""The query index of a generation: fixed-width columns and postings (index.json + index.bin).

:class:`IndexBuilder` collects one row per event while events.jsonl is
written; :class:`Index` selects the rows passing a query's filters without
parsing events. The format is described in docs/store.md.
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from .files import SORT
from .filters import event_actor_keys, event_countries, event_interval

INDEX_FORMAT = 1

# Index columns: name -> array typecode. Widths are checked below because the
# file format is fixed-width little-endian.
_COLUMNS = {
    "offset": "Q",  # byte offset of the event's line in events.jsonl
    "length": "I",  # length of that line, newline included
    "date_lo": "i",  # first day of the event's date interval (proleptic ordinal), 0 = undated
    "date_hi": "i",  # last day
    "sources": "I",  # num_sources
    "type": "H",  # code into header["types"]
    "status": "H",  # code into header["statuses"]
    "by_date": "I",  # rows of dated events, sorted by date_lo
    "by_sources": "I",  # all rows, sorted by num_sources
    "postings": "I",  # concatenated sorted row lists; header["keys"] says where each key's list is
}
for _code, _size in {"Q": 8, "I": 4, "i": 4, "H": 2}.items():
    assert array.array(_code).itemsize == _size, f"unsupported platform: array {_code!r} is not {_size} bytes"



#: the columns with one value per event, filled while events.jsonl is written
_ROW_COLUMNS = ("offset", "length", "date_lo", "date_hi", "sources", "type", "status")


class IndexBuilder:
    """Collects one row per event line while events.jsonl is written (or re-read)."""

    def __init__(self) -> None:
        self.cols = {name: array.array(code) for name, code in _COLUMNS.items() if name in _ROW_COLUMNS}
        self.types: dict[str, int] = {}
        self.statuses: dict[str, int] = {}
        self.postings: dict[str, dict[str, array.array]] = {"actor": {}, "country": {}}
        self.offset = 0

    def add(self, event: dict[str, Any], length: int) -> None:
        row = len(self.cols["offset"])
        c = self.cols
        c["offset"].append(self.offset)
        c["length"].append(length)
        self.offset += length
        span = event_interval(event.get("date"))
        c["date_lo"].append(span[0] if span else 0)
        c["date_hi"].append(span[1] if span else 0)
        c["sources"].append(event.get("num_sources", len(event.get("sources", ()))))
        c["type"].append(self.types.setdefault(event["type"], len(self.types)))
        c["status"].append(self.statuses.setdefault(event["status"], len(self.statuses)))
        for kind, keys in (("actor", event_actor_keys(event)), ("country", event_countries(event))):
            table = self.postings[kind]
            for key in keys:
                table.setdefault(key, array.array("I")).append(row)

    def lines(self, events: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        for event in events:
            line = orjson.dumps(event, option=SORT) + b"\n"
            self.add(event, len(line))
            yield line

    def finish(self) -> tuple[bytes, bytes]:
        """The index files: (index.json, index.bin)."""
        c = self.cols
        n = len(c["offset"])
        lo, hi, sources = c["date_lo"], c["date_hi"], c["sources"]
        dated = [r for r in range(n) if lo[r]]
        # stable sorts, so ties stay in row order and the bytes are deterministic
        by_date = array.array("I", sorted(dated, key=lo.__getitem__))
        by_sources = array.array("I", sorted(range(n), key=sources.__getitem__))
        postings = array.array("I")
        keys: dict[str, dict[str, list[int]]] = {}
        type_names = list(self.types)
        status_names = list(self.statuses)
        lists = {
            "actor": self.postings["actor"],
            "country": self.postings["country"],
            "type": _group_rows(c["type"], type_names),
            "status": _group_rows(c["status"], status_names),
        }
        for kind, table in lists.items():
            keys[kind] = {}
            for key in sorted(table):
                keys[kind][key] = [len(postings), len(table[key])]
                postings.extend(table[key])
        columns = dict(c, by_date=by_date, by_sources=by_sources, postings=postings)
        blob = bytearray()
        sections = {}
        for name in _COLUMNS:
            blob.extend(b"\0" * (-len(blob) % 8))
            data = columns[name]
            if sys.byteorder != "little":
                data = array.array(data.typecode, data)
                data.byteswap()
            sections[name] = {"offset": len(blob), "count": len(data), "type": data.typecode}
            blob.extend(data.tobytes())
        years = Counter(str(dt.date.fromordinal(lo[r]).year) for r in dated)
        years["undated"] = n - len(dated)
        header = {
            "format": INDEX_FORMAT,
            "count": n,
            "byteorder": "little",
            "max_span": max((hi[r] - lo[r] for r in dated), default=0),
            "types": type_names,
            "statuses": status_names,
            "sections": sections,
            "keys": keys,
            "summary": {
                "years": {k: v for k, v in years.items() if v},
                "sources": {str(k): v for k, v in Counter(sources).items()},
            },
        }
        return orjson.dumps(header, option=SORT) + b"\n", bytes(blob)



def _group_rows(codes: array.array, names: list[str]) -> dict[str, array.array]:
    groups = {name: array.array("I") for name in names}
    for row, code in enumerate(codes):
        groups[names[code]].append(row)
    return groups


class Index:
    """A read-only view of index.json + index.bin."""

    def __init__(self, header: dict[str, Any], blob: bytes):
        self.header = header
        self.n: int = header["count"]
        view = memoryview(blob)
        self.col: dict[str, Any] = {}
        for name, code in _COLUMNS.items():
            sec = header["sections"][name]
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
        self.keys: dict[str, dict[str, list[int]]] = header["keys"]

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
            table = self.keys[kind]
            return [tuple(table[k]) for k in sorted(set(wanted)) if k in table]

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
                if key not in self.keys["actor"]:
                    return []
                s, c = self.keys["actor"][key]
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

