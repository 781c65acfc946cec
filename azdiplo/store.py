"""The JSON event store: atomic, locked, versioned.

A store is a directory. Each write makes a new *generation* (``gen-000042/``)
holding the whole state as JSON files, written aside, fsync'ed and renamed into
place; a small ``CURRENT`` pointer is then replaced atomically. Readers follow
``CURRENT`` and take no lock, so a kill at any instant leaves either the old or
the new state. Writers take ``lock``. The layout, the write protocol and the
recovery procedure are described in ``docs/store.md``.
"""

from __future__ import annotations

import array
import bisect
import calendar
import contextlib
import csv
import datetime as dt
import errno
import functools
import hashlib
import os
import re
import secrets
import shutil
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from azdiplo import __version__
from azdiplo.errors import StoreError, UsageError
from azdiplo.models import SCHEMA_VERSION

__all__ = ["Store", "StoreState", "StoreWriter", "matches", "event_interval", "DEFAULT_PATH"]

DEFAULT_PATH = Path(".azdiplo")

CURRENT = "CURRENT"
LOCK = "lock"
USER_ACTORS = "actors.jsonl"
MANIFEST = "manifest.json"
ARTICLES = "articles.jsonl"
MENTIONS = "mentions.jsonl"
EVENTS = "events.jsonl"
INDEX_JSON = "index.json"
INDEX_BIN = "index.bin"
DATA_FILES = (ARTICLES, MENTIONS, EVENTS, INDEX_JSON, INDEX_BIN)
#: Anything whose name starts with this is a leftover of a killed writer.
TMP_PREFIX = ".tmp-"
INDEX_FORMAT = 1

_GEN_RE = re.compile(r"^gen-(\d{6,})$")
_SORT = orjson.OPT_SORT_KEYS
_RECOVER_HINT = "run 'azdiplo store recover' to make the newest sound generation current"
#: A reader retries when a writer pruned its generation between reading
#: CURRENT and opening the files (it takes two commits during one read).
_READ_ATTEMPTS = 5
_MAX_PROBLEMS = 20  # per kind of problem in verify(), so a broken 1M-event store stays readable

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


# --------------------------------------------------------------------------- state


@dataclass
class StoreState:
    """The whole content of one generation, as plain dicts."""

    info: dict[str, Any]  # manifest fields other than file checksums
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> Article.meta()
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # article id -> Mention.to_dict()s
    events: list[dict[str, Any]] = field(default_factory=list)  # Event.to_dict(), derived from mentions

    @classmethod
    def empty(cls) -> StoreState:
        return cls(
            info={
                "schema_version": SCHEMA_VERSION,
                "generation": 0,
                "created": None,
                "updated": None,
                "azdiplo_version": __version__,
                "model": None,
                "pipeline_version": None,
                "counts": {"articles": 0, "mentions": 0, "events": 0},
            }
        )


@dataclass
class _Gen:
    """A generation as found through CURRENT."""

    name: str
    dir: Path
    manifest: dict[str, Any]
    current_raw: bytes

    def file_meta(self, name: str) -> dict[str, Any]:
        return self.manifest["files"][name]


class _Corrupt(StoreError):
    """A store that exists but whose content is unsound: verify() lists it as a problem."""


# --------------------------------------------------------------------------- dates and filters


def _parse_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """Fallback for ``azdiplo.dates.interval``: YYYY, YYYY-MM, YYYY-MM-DD and A/B ranges."""
    if not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        first, last = _parse_interval(a), _parse_interval(b)
        if first is None or last is None or last[1] < first[0]:
            return None
        return first[0], last[1]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    try:
        year = int(m[1])
        if m[3]:
            day = dt.date(year, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            month = int(m[2])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:  # year 0, month 13, February 30...
        return None


@functools.cache
def _interval_function() -> Callable[[str | None], tuple[dt.date, dt.date] | None]:
    # azdiplo.dates owns date semantics when it exists; the fallback keeps the
    # store usable (and testable) on its own.
    try:
        from azdiplo.dates import interval
    except ImportError:
        return _parse_interval
    return interval


def event_interval(value: str | None) -> tuple[int, int] | None:
    """The days an event date covers, as proleptic ordinals, or None if undated or unparsable."""
    try:
        span = _interval_function()(value)
    except (ValueError, TypeError):
        return None
    if not span:
        return None
    return span[0].toordinal(), span[1].toordinal()


def _actor_keys(event: dict[str, Any]) -> set[str]:
    # Participant.key, on the dict shape
    return {p.get("id") or p["name"].lower() for p in event.get("participants", ())}


def _countries(event: dict[str, Any]) -> set[str]:
    found = set(event.get("countries") or ())
    found.update(p["country"] for p in event.get("participants", ()) if p.get("country"))
    return found


def matches(
    event: dict[str, Any],
    *,
    types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor_keys_all: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    min_sources: int | None = None,
) -> bool:
    """Whether one event passes the filters of ``Store.query_events`` (the reference semantics).

    ``since``/``until`` keep events whose date interval overlaps them (undated
    events never do); ``actor_keys_all`` needs every key among the participants'
    keys; ``countries`` needs any of them among the participants' countries or
    the event's countries. None means no filter.
    """
    if types is not None and event["type"] not in set(types):
        return False
    if statuses is not None and event["status"] not in set(statuses):
        return False
    if since is not None or until is not None:
        span = event_interval(event.get("date"))
        if span is None:
            return False
        if since is not None and span[1] < since.toordinal():
            return False
        if until is not None and span[0] > until.toordinal():
            return False
    if actor_keys_all is not None and not set(actor_keys_all) <= _actor_keys(event):
        return False
    if countries is not None and not set(countries) & _countries(event):
        return False
    if min_sources is not None and event.get("num_sources", len(event.get("sources", ()))) < min_sources:
        return False
    return True


# --------------------------------------------------------------------------- index


#: the columns with one value per event, filled while events.jsonl is written
_ROW_COLUMNS = ("offset", "length", "date_lo", "date_hi", "sources", "type", "status")


class _IndexBuilder:
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
        for kind, keys in (("actor", _actor_keys(event)), ("country", _countries(event))):
            table = self.postings[kind]
            for key in keys:
                table.setdefault(key, array.array("I")).append(row)

    def lines(self, events: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        for event in events:
            line = orjson.dumps(event, option=_SORT) + b"\n"
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
        return orjson.dumps(header, option=_SORT) + b"\n", bytes(blob)



def _group_rows(codes: array.array, names: list[str]) -> dict[str, array.array]:
    groups = {name: array.array("I") for name in names}
    for row, code in enumerate(codes):
        groups[names[code]].append(row)
    return groups


class _Index:
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


# --------------------------------------------------------------------------- file helpers


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _batched(lines: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    buf: list[bytes] = []
    n = 0
    for line in lines:
        buf.append(line)
        n += len(line)
        if n >= size:
            yield b"".join(buf)
            buf, n = [], 0
    if buf:
        yield b"".join(buf)


def _write_file(path: Path, chunks: Iterable[bytes]) -> tuple[str, int]:
    """Write, fsync and close one file; return its sha256 and size.

    Every byte the store writes goes through here (tests make it fail).
    """
    digest = hashlib.sha256()
    size = 0
    with open(path, "wb") as f:
        for chunk in chunks:
            f.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        f.flush()
        os.fsync(f.fileno())
    return digest.hexdigest(), size


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot sync a directory; the rename is still atomic
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


def _remove_tree(path: Path, parent: Path) -> None:
    """Remove a directory without ever leaving a half-deleted one under its own name."""
    if not os.path.lexists(path):
        return
    if not path.name.startswith(TMP_PREFIX):
        doomed = parent / f"{TMP_PREFIX}del-{path.name}-{secrets.token_hex(4)}"
        try:
            os.rename(path, doomed)
        except OSError:
            return  # still in use (Windows) or vanished: the next writer tries again
        path = doomed
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _os_error(exc: OSError, path: Path, writing: bool) -> StoreError:
    action = "writing" if writing else "reading"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreError(
            f"permission denied {action} the store at {path}",
            f"check the permissions of {path}, or pass --store a directory you can {'write' if writing else 'read'}",
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(
            f"no space left on the device while writing the store at {path}",
            "free some disk space and run the command again; the store is unchanged",
        )
    if exc.errno == errno.EROFS:
        return StoreError(f"the store at {path} is on a read-only file system", "pass --store a writable directory")
    reason = exc.strerror or str(exc)
    return StoreError(
        f"cannot {'write' if writing else 'read'} the store at {path}: {reason}",
        "check the disk and the path, then run the command again",
    )


def _disk_usage(path: Path) -> int:
    """Bytes of every file under ``path``; files a writer removes meanwhile count as nothing."""
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(FileNotFoundError):
                total += os.stat(os.path.join(root, name)).st_size
    return total


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _joined(values: Iterable[Any]) -> str:
    return "; ".join(str(v) for v in values if v is not None)


def _fields(*names: str) -> dict[str, Callable[[dict[str, Any]], Any]]:
    return {name: (lambda d, name=name: d.get(name)) for name in names}


def _participant_columns() -> dict[str, Callable[[dict[str, Any]], Any]]:
    return {
        "participants": lambda d: _joined(p["name"] for p in d.get("participants", ())),
        "participant_keys": lambda d: _joined(p.get("id") or p["name"].lower() for p in d.get("participants", ())),
    }


#: CSV columns of each export: scalars as they are, lists joined with "; ".
_CSV_COLUMNS: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
    "events": {
        **_fields("id", "type", "status", "date", "date_text", "date_precision", "date_source", "place"),
        **_fields("place_country"),
        **_participant_columns(),
        "countries": lambda d: _joined(d.get("countries", ())),
        "cameo": lambda d: d.get("cameo"),
        "plover": lambda d: (d.get("plover") or {}).get("category"),
        "plover_mode": lambda d: (d.get("plover") or {}).get("mode"),
        **_fields("evidence", "trigger", "confidence", "num_mentions", "num_sources"),
        "sources": lambda d: _joined(s.get("article") for s in d.get("sources", ())),
    },
    "articles": _fields("id", "path", "title", "published", "published_from", "url", "source_id", "sha256", "chars"),
    "mentions": {
        **_fields("article", "type", "status", "trigger", "trigger_start", "trigger_end", "start", "end"),
        **_fields("sentence", "rule", "confidence", "cameo", "plover", "plover_mode"),
        **_participant_columns(),
        **_fields("date", "date_text", "date_precision", "date_source", "date_reason"),
        **_fields("place", "place_country", "place_source", "place_reason", "reference"),
    },
}
_EXPORT_FILES = {"events": EVENTS, "articles": ARTICLES, "mentions": MENTIONS}


_SCHEMA_KINDS = ("current", "manifest", "article", "mention", "event")


@functools.cache
def _schemas() -> dict[str, dict[str, Any]]:
    """The packaged JSON Schema documents, by $id."""
    from importlib import resources

    data = resources.files("azdiplo") / "data"
    docs = [orjson.loads((data / name).read_bytes()) for name in ("event.schema.json", "store.schema.json")]
    return {doc["$id"]: doc for doc in docs}


@functools.cache
def _validators() -> dict[str, Any]:
    """jsonschema validators for each stored shape: the authority, and the source of error messages."""
    import jsonschema
    from referencing import Registry, Resource

    registry = Registry().with_resources((i, Resource.from_contents(d)) for i, d in _schemas().items())
    return {
        kind: jsonschema.Draft202012Validator({"$ref": f"urn:azdiplo:schema:store#/$defs/{kind}"}, registry=registry)
        for kind in _SCHEMA_KINDS
    }


class _Unsupported(Exception):
    pass


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    # exact classes: orjson makes no subclasses, and bool must not pass for an integer
    "string": (str,),
    "null": (type(None),),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "number": (int, float),
    "integer": (int,),
}
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "$comment"}
_OBJECT_KEYWORDS = ("properties", "patternProperties", "additionalProperties", "required")


def _all_of(checks: list[Callable[[Any], bool]]) -> Callable[[Any], bool]:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]

    def check(v: Any) -> bool:
        for c in checks:
            if not c(v):
                return False
        return True

    return check


def _is_number(v: Any) -> bool:
    return type(v) is int or type(v) is float


_Check = Callable[[Any], bool]


def _compile_schema(node: Any, doc: str, memo: dict[tuple[str, str], _Check]) -> _Check:
    """A fast yes/no check for the subset of JSON Schema the store's schemas use.

    jsonschema spends ~1 ms on an event; this spends some µs, which makes
    verify() on a million events many minutes shorter. A keyword outside the
    subset raises _Unsupported and verify() uses jsonschema alone. It may
    only err towards "invalid": jsonschema then has the last word.
    """
    if node is True:
        return lambda v: True
    if node is False:
        return lambda v: False
    if not isinstance(node, dict):
        raise _Unsupported(repr(node))
    checks: list[Callable[[Any], bool]] = []
    for key, arg in node.items():
        if key in _ANNOTATIONS or key in _OBJECT_KEYWORDS:
            continue
        if key == "$ref":
            base, _, pointer = arg.partition("#")
            checks.append(_resolve(base or doc, pointer, memo))
        elif key == "type":
            names = [arg] if isinstance(arg, str) else arg
            classes = frozenset(c for t in names for c in _JSON_TYPES[t])
            integral_floats = "integer" in names and "number" not in names
            checks.append(
                lambda v, classes=classes, integral_floats=integral_floats: type(v) in classes
                or (integral_floats and type(v) is float and v.is_integer())
            )
        elif key == "enum":
            if not all(x is None or isinstance(x, str) for x in arg):
                raise _Unsupported("enum")
            allowed = frozenset(arg)
            checks.append(lambda v, allowed=allowed: (v is None or type(v) is str) and v in allowed)
        elif key == "items":
            sub = _compile_schema(arg, doc, memo)
            checks.append(lambda v, sub=sub: type(v) is not list or all(map(sub, v)))
        elif key == "minItems":
            checks.append(lambda v, n=arg: type(v) is not list or len(v) >= n)
        elif key == "minLength":
            checks.append(lambda v, n=arg: type(v) is not str or len(v) >= n)
        elif key == "minimum":
            checks.append(lambda v, m=arg: not _is_number(v) or v >= m)
        elif key == "maximum":
            checks.append(lambda v, m=arg: not _is_number(v) or v <= m)
        elif key == "pattern":
            checks.append(lambda v, search=re.compile(arg).search: type(v) is not str or search(v) is not None)
        elif key == "anyOf":
            subs = [_compile_schema(s, doc, memo) for s in arg]
            checks.append(lambda v, subs=subs: any(s(v) for s in subs))
        else:
            raise _Unsupported(key)
    if any(k in node for k in _OBJECT_KEYWORDS):
        checks.append(_compile_object(node, doc, memo))
    return _all_of(checks)


def _compile_object(node: dict[str, Any], doc: str, memo: dict[tuple[str, str], _Check]) -> _Check:
    required = frozenset(node.get("required", ()))
    props = {k: _compile_schema(s, doc, memo) for k, s in node.get("properties", {}).items()}
    patterns = [
        (re.compile(p).search, _compile_schema(s, doc, memo)) for p, s in node.get("patternProperties", {}).items()
    ]
    extra = node.get("additionalProperties", True)
    extra_check = None if extra is True else _compile_schema(extra, doc, memo)

    def check(v: Any) -> bool:
        if type(v) is not dict:
            return True
        if not required <= v.keys():
            return False
        for key, value in v.items():
            sub = props.get(key)
            matched = sub is not None
            if matched and not sub(value):
                return False
            for search, pattern_check in patterns:
                if search(key):
                    matched = True
                    if not pattern_check(value):
                        return False
            if not matched and extra_check is not None and not extra_check(value):
                return False
        return True

    return check


def _resolve(doc: str, pointer: str, memo: dict[tuple[str, str], _Check]) -> _Check:
    key = (doc, pointer)
    if key not in memo:
        node: Any = _schemas()[doc]
        for part in filter(None, pointer.split("/")):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        memo[key] = lambda v: True  # placeholder while compiling, against cycles
        compiled = _compile_schema(node, doc, memo)
        memo[key] = compiled
    return memo[key]


@functools.cache
def _fast_validators() -> dict[str, Callable[[Any], bool]] | None:
    try:
        memo: dict[tuple[str, str], Callable[[Any], bool]] = {}
        return {kind: _resolve("urn:azdiplo:schema:store", f"/$defs/{kind}", memo) for kind in _SCHEMA_KINDS}
    except (_Unsupported, KeyError):
        return None


def _schema_errors(kind: str, value: Any) -> list[str]:
    """JSON Schema errors of one stored value ([] if valid)."""
    fast = _fast_validators()
    if fast is not None and fast[kind](value):
        return []
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in _validators()[kind].iter_errors(value)
    ]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while parsing many JSON rows.

    Parsed JSON is acyclic, and the collector would otherwise rescan the
    growing heap again and again: it makes load() four times slower. When it
    resumes, the rows parsed meanwhile go straight to the oldest generation
    (freeze, then unfreeze): left in the youngest, the first collection after
    the pause would scan every one of them, then the next generation again,
    for nothing (a quarter of a commit's load time on a 23k-article store).
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


# --------------------------------------------------------------------------- the store


class Store:
    """An event store directory.

    Reads take no lock and see one generation; writes go through ``writer()``.
    Every failure is a ``StoreError`` naming what went wrong and what to do.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def user_actors_path(self) -> Path:
        """The user's own actor dictionary extension (JSON Lines), kept at the store root, outside generations."""
        return self.path / USER_ACTORS

    # ----------------------------------------------------------------- errors

    def _no_store(self) -> StoreError:
        hint = "run 'azdiplo ingest PATHS' first, or pass --store"
        with contextlib.suppress(OSError):
            if self._generation_names():
                hint = f"{self.path} holds generations but no CURRENT pointer: {_RECOVER_HINT}"
        return StoreError(f"no event store at {self.path}", hint)

    def _corrupt(self, gen_name: str, file: str, why: str) -> _Corrupt:
        return _Corrupt(f"{file} of {gen_name} in the store at {self.path} is corrupt ({why})", _RECOVER_HINT)

    def _check_path(self) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise self._no_store() from None
        except NotADirectoryError:
            raise StoreError(
                f"the store path {self.path} is inside a file, not a directory", "pass --store a directory"
            ) from None
        except OSError as exc:
            raise _os_error(exc, self.path, writing=False) from exc
        if not stat.S_ISDIR(st.st_mode):
            raise StoreError(
                f"the store path {self.path} is a file, not a directory",
                "pass --store a directory, or move the file away",
            )

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn OS errors during a read into StoreErrors."""
        try:
            yield
        except StoreError:
            raise
        except OSError as exc:
            raise _os_error(exc, self.path, writing=False) from exc

    # ----------------------------------------------------------------- generations

    def _generation_names(self) -> list[str]:
        """Names of the complete generation directories, oldest first."""
        names = [e.name for e in os.scandir(self.path) if _GEN_RE.match(e.name) and e.is_dir()]
        return sorted(names, key=lambda n: int(_GEN_RE.match(n)[1]))

    def exists(self) -> bool:
        """Whether a store (a CURRENT pointer) is at the path."""
        with self._reading():
            return (self.path / CURRENT).is_file()

    def _read_current(self) -> tuple[bytes, dict[str, Any]]:
        try:
            raw = (self.path / CURRENT).read_bytes()
        except FileNotFoundError:
            raise self._no_store() from None
        except IsADirectoryError:
            raise _Corrupt(f"the CURRENT pointer of the store at {self.path} is a directory", _RECOVER_HINT) from None
        try:
            current = orjson.loads(raw)
            version = current["schema_version"]
            name = current["generation"]
            sha = current["manifest_sha256"]
            if not (isinstance(version, int) and isinstance(sha, str)):
                raise ValueError
            if not (isinstance(name, str) and _GEN_RE.match(name)):
                raise ValueError
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise _Corrupt(f"the CURRENT pointer of the store at {self.path} is unreadable", _RECOVER_HINT) from None
        self._check_version(version)
        return raw, current

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store at {self.path} was written by a newer azdiplo (schema {version})",
                f"upgrade azdiplo (this one reads schema {SCHEMA_VERSION})",
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"the store at {self.path} was written by an older azdiplo (schema {version})",
                "re-create it with 'azdiplo ingest' into a new --store",
            )

    def _open_current(self) -> _Gen:
        """Follow CURRENT to a generation whose manifest is sound."""
        self._check_path()
        for _ in range(_READ_ATTEMPTS):
            raw, current = self._read_current()
            name = current["generation"]
            try:
                manifest_bytes = (self.path / name / MANIFEST).read_bytes()
            except FileNotFoundError:
                if self._current_changed(raw):
                    continue
                if (self.path / name).is_dir():
                    raise self._corrupt(name, MANIFEST, "missing") from None
                raise _Corrupt(
                    f"the store at {self.path} points to {name}, which is missing", _RECOVER_HINT
                ) from None
            return self._parse_manifest(name, manifest_bytes, current["manifest_sha256"], raw)
        raise StoreError(f"the store at {self.path} kept changing while being read", "run the command again")

    def _parse_manifest(self, name: str, data: bytes, sha: str | None, current_raw: bytes) -> _Gen:
        if sha is not None and hashlib.sha256(data).hexdigest() != sha:
            raise self._corrupt(name, MANIFEST, "checksum mismatch")
        try:
            manifest = orjson.loads(data)
        except orjson.JSONDecodeError:
            raise self._corrupt(name, MANIFEST, "not valid JSON") from None
        if not isinstance(manifest, dict) or not isinstance(manifest.get("schema_version"), int):
            raise self._corrupt(name, MANIFEST, "no schema_version")
        self._check_version(manifest["schema_version"])
        files = manifest.get("files")
        if not isinstance(files, dict) or any(
            not isinstance(files.get(f), dict)
            or not isinstance(files[f].get("size"), int)
            or not isinstance(files[f].get("sha256"), str)
            for f in DATA_FILES
        ):
            raise self._corrupt(name, MANIFEST, "file list incomplete")
        return _Gen(name, self.path / name, manifest, current_raw)

    def _current_changed(self, raw: bytes) -> bool:
        try:
            return (self.path / CURRENT).read_bytes() != raw
        except FileNotFoundError:
            return True

    def _retrying(self, read: Callable[[_Gen], Any]) -> Any:
        """Run ``read`` on the current generation, again if a writer pruned it meanwhile."""
        with self._reading():
            for _ in range(_READ_ATTEMPTS):
                gen = self._open_current()
                try:
                    return read(gen)
                except FileNotFoundError as exc:
                    if self._current_changed(gen.current_raw):
                        continue
                    raise self._corrupt(gen.name, Path(exc.filename or "?").name, "missing") from None
            raise StoreError(f"the store at {self.path} kept changing while being read", "run the command again")

    def _read_checked(self, gen: _Gen, name: str) -> bytes:
        data = (gen.dir / name).read_bytes()
        meta = gen.file_meta(name)
        if len(data) != meta["size"]:
            raise self._corrupt(gen.name, name, f"{len(data)} bytes, the manifest says {meta['size']}")
        if hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise self._corrupt(gen.name, name, "checksum mismatch")
        return data

    def _parse_lines(self, gen: _Gen, name: str, data: bytes) -> list[dict[str, Any]]:
        lines = data.split(b"\n")
        if lines.pop() != b"":
            raise self._corrupt(gen.name, name, "last line is incomplete")
        rows = []
        with _gc_paused():
            for number, line in enumerate(lines, 1):
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError:
                    raise self._corrupt(gen.name, name, f"line {number} is not valid JSON") from None
                if not isinstance(row, dict):
                    raise self._corrupt(gen.name, name, f"line {number} is not a JSON object")
                rows.append(row)
        return rows

    def _read_index(self, gen: _Gen) -> _Index:
        header_bytes = self._read_checked(gen, INDEX_JSON)
        blob = self._read_checked(gen, INDEX_BIN)
        try:
            header = orjson.loads(header_bytes)
            if header.get("format") != INDEX_FORMAT:
                raise ValueError("unknown index format")
            index = _Index(header, blob)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            raise self._corrupt(gen.name, INDEX_JSON, "unreadable index") from None
        if index.n != gen.manifest.get("counts", {}).get("events"):
            raise self._corrupt(gen.name, INDEX_JSON, "event count disagrees with the manifest")
        return index

    # ----------------------------------------------------------------- reading

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

        def read(gen: _Gen) -> StoreState:
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

        with _gc_paused():
            return self._retrying(read)

    def _open_data(self, name: str) -> tuple[_Gen, IO[bytes]]:
        def open_(gen: _Gen) -> tuple[_Gen, IO[bytes]]:
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

    def _stream(self, gen: _Gen, name: str, f: IO[bytes]) -> Iterator[dict[str, Any]]:
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
        if what not in _EXPORT_FILES:
            raise UsageError(f"unknown store content {what!r}", "choose events, articles or mentions")
        return self._iter_jsonl(_EXPORT_FILES[what])

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

        def open_(gen: _Gen) -> tuple[_Gen, _Index, IO[bytes]]:
            return gen, self._read_index(gen), open(gen.dir / EVENTS, "rb")

        gen, index, f = self._retrying(open_)
        size = os.fstat(f.fileno()).st_size
        if size != gen.file_meta(EVENTS)["size"]:
            f.close()
            raise self._corrupt(gen.name, EVENTS, f"{size} bytes, the manifest says {gen.file_meta(EVENTS)['size']}")
        rows = index.select(**filters)
        return self._read_rows(gen, index, f, rows)

    def _read_rows(self, gen: _Gen, index: _Index, f: IO[bytes], rows: list[int]) -> Iterator[dict[str, Any]]:
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

        def read(gen: _Gen) -> tuple[_Gen, _Index]:
            return gen, self._read_index(gen)

        gen, index = self._retrying(read)
        m = gen.manifest
        keys = index.keys
        with self._reading():
            total = _disk_usage(self.path)
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
        """Write ``what`` (events|articles|mentions) to a text stream as json, jsonl or csv; return the rows written."""
        if fmt not in ("json", "jsonl", "csv"):
            raise UsageError(f"unknown export format {fmt!r}", "choose json, jsonl or csv")
        rows = self.iter_rows(what)
        count = 0
        if fmt == "csv":
            columns = _CSV_COLUMNS[what]
            w = csv.writer(out, lineterminator="\n")
            w.writerow(columns)
            for row in rows:
                w.writerow([_csv_cell(get(row)) for get in columns.values()])
                count += 1
            return count
        if fmt == "json":
            out.write("[")
        for row in rows:
            text = orjson.dumps(row, option=_SORT).decode()
            if fmt == "json":
                out.write(("\n" if count == 0 else ",\n") + text)
            else:
                out.write(text + "\n")
            count += 1
        if fmt == "json":
            out.write("\n]\n" if count else "]\n")
        return count

    # ----------------------------------------------------------------- verification and recovery

    def _integrity(self, name: str) -> list[str]:
        """Problems making one generation unusable: manifest, schema version, checksums."""
        problems = []
        try:
            gen = self._parse_manifest(name, (self.path / name / MANIFEST).read_bytes(), None, b"")
        except FileNotFoundError:
            return [f"{name}: {MANIFEST} is missing"]
        except StoreError as exc:
            return [exc.what]
        for file in DATA_FILES:
            try:
                self._read_checked(gen, file)
            except FileNotFoundError:
                problems.append(f"{file} of {name} is missing")
            except _Corrupt as exc:
                problems.append(exc.what)
        return problems

    def verify(self) -> list[str]:
        """Check the current generation thoroughly; return the problems found (empty: sound).

        Checks the pointer, the manifest and every file against their JSON
        Schemas and checksums, and the consistency between files: every
        mention's article exists, every event's mentions and sources exist,
        event ids are unique, num_mentions/num_sources agree, the index
        agrees with events.jsonl. Linear in the size of the store; the JSON
        Schema validation dominates.

        Raises StoreError when there is nothing to verify (no store, a file,
        permission denied, a newer schema).
        """
        with self._reading():
            try:
                gen = self._retrying(lambda gen: gen)
            except _Corrupt as exc:
                return [exc.message()]
            try:
                with _gc_paused():
                    return self._verify(gen)
            except FileNotFoundError as exc:
                return [f"{Path(exc.filename or '?').name} of {gen.name} is missing"]

    def _file_problem(self, gen: _Gen, name: str) -> str | None:
        """Size and checksum of one file against the manifest, reading it in blocks."""
        meta = gen.file_meta(name)
        digest = hashlib.sha256()
        size = 0
        try:
            with open(gen.dir / name, "rb") as f:
                while block := f.read(1 << 20):
                    digest.update(block)
                    size += len(block)
        except FileNotFoundError:
            return f"{name} of {gen.name} is missing"
        if size != meta["size"]:
            return self._corrupt(gen.name, name, f"{size} bytes, the manifest says {meta['size']}").what
        if digest.hexdigest() != meta["sha256"]:
            return self._corrupt(gen.name, name, "checksum mismatch").what
        return None

    def _rows(self, gen: _Gen, name: str) -> Iterator[tuple[int, Any, int]]:
        """(line number, parsed line, line length) of one JSON Lines file whose checksum is known good."""
        with open(gen.dir / name, "rb") as f:
            for number, line in enumerate(f, 1):
                try:
                    row = orjson.loads(line)
                except orjson.JSONDecodeError:
                    raise self._corrupt(gen.name, name, f"line {number} is not valid JSON") from None
                yield number, row, len(line)

    def _verify(self, gen: _Gen) -> list[str]:
        # Streams the files, keeping only ids and mention keys, so a
        # million-event store verifies in bounded memory.
        problems: list[str] = []
        counts: Counter[str] = Counter()

        def report(kind: str, message: str) -> None:
            counts[kind] += 1
            if counts[kind] <= _MAX_PROBLEMS:
                problems.append(message)
            elif counts[kind] == _MAX_PROBLEMS + 1:
                problems.append(f"... more problems of this kind ({kind}) are not listed")

        for err in _schema_errors("current", orjson.loads(gen.current_raw)):
            report("current", f"CURRENT: {err}")
        for err in _schema_errors("manifest", gen.manifest):
            report("manifest", f"{MANIFEST}: {err}")
        listed = set(gen.manifest.get("files", {}))
        for extra in sorted({e.name for e in os.scandir(gen.dir)} - listed - {MANIFEST}):
            report("files", f"{gen.name}/{extra} is not listed in the manifest")
        for name in DATA_FILES:
            if problem := self._file_problem(gen, name):
                report("files", problem)
        if problems:
            return problems  # the rows of a corrupt file would only add noise

        lines: Counter[str] = Counter()

        def valid_rows(name: str, kind: str) -> Iterator[tuple[int, dict[str, Any], int]]:
            for number, row, length in self._rows(gen, name):
                lines[name] += 1
                errors = _schema_errors(kind, row)
                for err in errors:
                    report(f"{name} schema", f"{name} line {number}: {err}")
                if not errors:
                    yield number, row, length

        try:
            article_ids = [a["id"] for _, a, _ in valid_rows(ARTICLES, "article")]
            if article_ids != sorted(set(article_ids)):
                report("order", f"{ARTICLES} is not sorted by id, or repeats an id")
            known = set(article_ids)
            del article_ids
            mention_keys = [
                (m["article"], m["trigger_start"], m["trigger_end"]) for _, m, _ in valid_rows(MENTIONS, "mention")
            ]
            if mention_keys != sorted(set(mention_keys)):
                report("order", f"{MENTIONS} is not sorted by article and offsets, or repeats a mention")
            mention_set = set(mention_keys)
            for article in {key[0] for key in mention_set} - known:
                report("mention article", f"a mention refers to article {article!r}, which is not in {ARTICLES}")
            event_count = self._verify_events(gen, known, mention_set, report)
        except _Corrupt as exc:
            report("json", exc.what)
            return problems
        expected = {"articles": lines[ARTICLES], "mentions": lines[MENTIONS], "events": event_count}
        if gen.manifest.get("counts") != expected:
            report("counts", f"{MANIFEST} counts {gen.manifest.get('counts')} but the files hold {expected}")
        return problems

    def _verify_events(
        self, gen: _Gen, known: set[str], mention_set: set[tuple[str, int, int]], report: Callable[[str, str], None]
    ) -> int:
        builder = _IndexBuilder()
        index_comparable = True
        seen: set[str] = set()
        previous = None
        count = 0
        for number, e, length in self._rows(gen, EVENTS):
            count += 1
            errors = _schema_errors("event", e)
            for err in errors:
                report(f"{EVENTS} schema", f"{EVENTS} line {number}: {err}")
            if errors:
                index_comparable = False
                builder.offset += length
                continue
            builder.add(e, length)
            if e["id"] in seen:
                report("event id", f"event id {e['id']!r} is repeated")
            seen.add(e["id"])
            if previous is not None and _event_order(e) < previous:
                report("order", f"{EVENTS} is not sorted by date and id (line {number})")
            previous = _event_order(e)
            if e["num_mentions"] != len(e["mentions"]):
                has = len(e["mentions"])
                report("counts", f"event {e['id']}: num_mentions is {e['num_mentions']} but it has {has}")
            if e["num_sources"] != len(e["sources"]):
                has = len(e["sources"])
                report("counts", f"event {e['id']}: num_sources is {e['num_sources']} but it has {has}")
            for m in e["mentions"]:
                if (m["article"], m["trigger_start"], m["trigger_end"]) not in mention_set:
                    where = f"article {m['article']!r} at {m['trigger_start']}"
                    report("event mention", f"event {e['id']}: a mention of {where} is not in {MENTIONS}")
            for source in e["sources"]:
                if source["article"] not in known:
                    report("event source", f"event {e['id']}: source {source['article']!r} is not in {ARTICLES}")
        if index_comparable:
            index_json, index_bin = builder.finish()
            stored = (gen.dir / INDEX_JSON).read_bytes(), (gen.dir / INDEX_BIN).read_bytes()
            if (index_json, index_bin) != stored:
                report("index", f"the index of {gen.name} disagrees with {EVENTS}; 'azdiplo store reindex' rebuilds it")
        return count

    def recover(self, timeout: float = 60) -> dict[str, Any]:
        """Point CURRENT to the newest sound generation if the current one is not sound.

        Soundness here is integrity: a readable manifest of a known schema and
        every file matching its checksum. Nothing is deleted; the next write
        prunes the unsound generations.

        Returns {"generation": now current, "previous": was current or None,
        "changed": bool, "skipped": {unsound generation: its first problem}}.
        """
        self._check_path()
        with self._locked(timeout):
            return self._recover_locked()

    def _recover_locked(self) -> dict[str, Any]:
        """recover() for a caller that holds the lock."""
        with self._reading():
            previous = None
            try:
                previous = self._read_current()[1]["generation"]
            except _Corrupt:
                pass
            except StoreError:
                if (self.path / CURRENT).exists():
                    raise  # a newer schema: never roll it back
            names = self._generation_names()
            if previous is not None and previous in names and not self._integrity(previous):
                return {"generation": previous, "previous": previous, "changed": False, "skipped": {}}
            skipped = {}
            for name in reversed(names):
                problems = self._integrity(name)
                if problems:
                    skipped[name] = problems[0]
                    continue
                self._switch(name)
                return {"generation": name, "previous": previous, "changed": True, "skipped": skipped}
        raise StoreError(
            f"no sound generation is left in the store at {self.path}",
            "restore it from a backup, or re-create it with 'azdiplo ingest' into a new --store",
        )

    def reindex(self, timeout: float = 60) -> str:
        """Rewrite the current state as a new generation, rebuilding the index; return its name.

        Needed only when verify() says the index disagrees with the events
        (e.g. after azdiplo's date interpretation changed).
        """
        self._check_path()
        with self.writer(timeout) as w:
            w.commit()
            return w.generation

    # ----------------------------------------------------------------- writing

    def _prepare_dir(self) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass
        except NotADirectoryError:
            raise StoreError(
                f"the store path {self.path} is inside a file, not a directory", "pass --store a directory"
            ) from None
        except OSError as exc:
            raise _os_error(exc, self.path, writing=True) from exc
        if not self.path.is_dir():
            raise StoreError(
                f"the store path {self.path} is a file, not a directory",
                "pass --store a directory, or move the file away",
            )

    @contextlib.contextmanager
    def _locked(self, timeout: float) -> Iterator[None]:
        self._prepare_dir()
        from filelock import FileLock, Timeout  # only writers lock: queries need not import it

        lock = FileLock(str(self.path / LOCK), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(
                f"the store at {self.path} is locked by another azdiplo process",
                f"wait for it to finish, or remove {self.path / LOCK} if no azdiplo is running",
            ) from None
        except OSError as exc:
            raise _os_error(exc, self.path, writing=True) from exc
        try:
            yield
        finally:
            lock.release()

    def _clean_temporaries(self) -> None:
        """Remove what killed writers left (temporary generations, pointer, deletions)."""
        for entry in os.scandir(self.path):
            if entry.name.startswith(TMP_PREFIX):
                _remove_tree(Path(entry.path), self.path)

    @contextlib.contextmanager
    def writer(self, timeout: float = 60) -> Iterator[StoreWriter]:
        """Lock the store and load its latest state (empty if there is no store yet).

        Nothing is written unless ``commit()`` is called; each commit writes
        one generation. The lock is released when the block exits.

        Args:
            timeout: seconds to wait for another writer before giving up.
        """
        with self._locked(timeout):
            try:
                self._clean_temporaries()
                if self.exists():
                    state = self.load()
                    current = self._pointer_name()
                elif self._generation_names():
                    # generations but no CURRENT: a first commit killed between renaming its
                    # generation into place and writing CURRENT, or a lost pointer. Never write
                    # over them: point CURRENT at the newest sound one (what 'store recover' does)
                    # and go on from there.
                    self._recover_locked()
                    state = self.load()
                    current = self._pointer_name()
                else:
                    state, current = StoreState.empty(), None
            except StoreError:
                raise
            except OSError as exc:
                raise _os_error(exc, self.path, writing=True) from exc
            w = StoreWriter(self, state, current)
            try:
                yield w
            finally:
                w._open = False

    def _next_generation(self, current: int) -> str:
        numbers = [int(_GEN_RE.match(n)[1]) for n in self._generation_names()]
        return f"gen-{max(numbers + [current]) + 1:06d}"

    def _switch(self, name: str) -> None:
        """Atomically point CURRENT to generation ``name``."""
        manifest_bytes = (self.path / name / MANIFEST).read_bytes()
        version = orjson.loads(manifest_bytes)["schema_version"]
        pointer = {
            "generation": name,
            "manifest_sha256": hashlib.sha256(manifest_bytes).hexdigest(),
            "schema_version": version,
        }
        tmp = self.path / f"{TMP_PREFIX}{CURRENT}"
        try:
            _write_file(tmp, [orjson.dumps(pointer, option=_SORT) + b"\n"])
            os.replace(tmp, self.path / CURRENT)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(self.path)

    def _write_generation(self, state: StoreState, previous: str | None) -> tuple[str, dict[str, Any]]:
        """Write ``state`` as a new generation and make it current; return its name and info."""
        info = state.info
        number = int(_GEN_RE.match(previous)[1]) if previous else 0
        name = self._next_generation(number)
        tmp = self.path / f"{TMP_PREFIX}{name}-{os.getpid()}-{secrets.token_hex(4)}"
        events = sorted(state.events, key=_event_order)
        ids = [e["id"] for e in events]
        if len(set(ids)) != len(ids):
            raise ValueError("two events share an id; merge them before commit()")
        mentions = sorted(
            (m for ms in state.mentions.values() for m in ms),
            key=lambda m: (m["article"], m["trigger_start"], m["trigger_end"]),
        )
        now = _now()
        new_info = {
            **info,
            "schema_version": SCHEMA_VERSION,
            "generation": int(_GEN_RE.match(name)[1]),
            "created": info.get("created") or now,
            "updated": now,
            "azdiplo_version": __version__,
            "model": info.get("model"),
            "pipeline_version": info.get("pipeline_version"),
            "counts": {"articles": len(state.articles), "mentions": len(mentions), "events": len(events)},
        }
        try:
            tmp.mkdir()
            files = {}
            files[ARTICLES] = _write_file(
                tmp / ARTICLES,
                _batched(orjson.dumps(state.articles[k], option=_SORT) + b"\n" for k in sorted(state.articles)),
            )
            files[MENTIONS] = _write_file(
                tmp / MENTIONS, _batched(orjson.dumps(m, option=_SORT) + b"\n" for m in mentions)
            )
            builder = _IndexBuilder()
            files[EVENTS] = _write_file(tmp / EVENTS, _batched(builder.lines(events)))
            index_json, index_bin = builder.finish()
            files[INDEX_JSON] = _write_file(tmp / INDEX_JSON, [index_json])
            files[INDEX_BIN] = _write_file(tmp / INDEX_BIN, [index_bin])
            manifest = {**new_info, "files": {k: {"sha256": s, "size": n} for k, (s, n) in files.items()}}
            _write_file(tmp / MANIFEST, [orjson.dumps(manifest, option=_SORT | orjson.OPT_INDENT_2) + b"\n"])
            _fsync_dir(tmp)
            os.rename(tmp, self.path / name)
        except BaseException as exc:
            _remove_tree(tmp, self.path)
            if isinstance(exc, OSError):
                raise _os_error(exc, self.path, writing=True) from exc
            raise
        try:
            _fsync_dir(self.path)
            self._switch(name)
        except BaseException as exc:
            # CURRENT still names the old generation (os.replace is the commit point)
            if self._pointer_name() != name:
                _remove_tree(self.path / name, self.path)
            if isinstance(exc, OSError):
                raise _os_error(exc, self.path, writing=True) from exc
            raise
        self._prune(keep={name, previous})
        return name, new_info

    def _pointer_name(self) -> str | None:
        try:
            return self._read_current()[1]["generation"]
        except (StoreError, OSError):
            return None

    def _prune(self, keep: set[str | None]) -> None:
        # The previous generation stays, so a reader that followed CURRENT
        # just before the switch can finish; anything else (older ones,
        # orphans of killed writers) goes.
        with contextlib.suppress(OSError):
            for name in self._generation_names():
                if name not in keep:
                    _remove_tree(self.path / name, self.path)


def _event_order(event: dict[str, Any]) -> tuple[bool, str, str]:
    date = event.get("date")
    return (date is None, date or "", event["id"])


class StoreWriter:
    """The state of a locked store, and the means to commit it."""

    def __init__(self, store: Store, state: StoreState, current: str | None):
        self.store = store
        self.state = state
        self._current = current
        self._open = True

    @property
    def generation(self) -> str | None:
        """The name of the current generation (None before the first commit of a new store)."""
        return self._current

    def commit(self) -> None:
        """Atomically write the state as a new generation and make it current.

        On failure (full disk, permission denied) the new generation is
        removed, the previous state stays current and a StoreError is raised.
        """
        if not self._open:
            raise RuntimeError("commit() called after its writer() block ended")
        name, info = self.store._write_generation(self.state, self._current)
        self._current = name
        self.state.info = info
