"""Reading articles: files, folders, stdin and JSON Lines. No spaCy here.

Each input becomes an :class:`~azdiplo.models.Article` (its text decoded,
then cleaned by :func:`azdiplo.sanitize.normalize` with a map back to the
offsets of the text as given; title, publication date and where that date
came from) or an
:class:`InputProblem` naming the file and what to do. A bad file never stops
the run: the caller reports it and goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson

from .dates import find_publication_date
from .models import Article
from .sanitize import normalize

#: spaCy's own default limit; the parser needs about 1 GB per 100,000 words.
DEFAULT_MAX_CHARS = 1_000_000
#: Suffixes read as one article per file; JSON Lines suffixes hold one per line.
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_HEADER = re.compile(r"\A[ \t\r\n]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\r?\n?", re.IGNORECASE)
#: how far into the text a date line or dateline may be
_HEAD_CHARS = 600


@dataclass
class InputProblem:
    """An input that could not be read as an article."""

    source: str
    what: str
    hint: str

    def message(self) -> str:
        return f"{self.source}: {self.what} — {self.hint}"


@dataclass
class Skipped:
    """An entry of a folder that is not a regular file (a named pipe, a socket, a device): never opened."""

    source: str
    what: str

    def message(self) -> str:
        return f"{self.source}: {self.what}, not a regular file; skipped"


def iter_articles(
    paths: Iterable[str],
    *,
    published: dt.date | None = None,
    encoding: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputProblem | Skipped]:
    """Yield the articles of every path, in a stable order.

    Args:
        paths: files, folders (read recursively, hidden entries skipped; named
            pipes, sockets and devices in them yield :class:`Skipped`, unopened)
            or ``-`` for standard input. A path named on its own is read
            whatever it is (``<(zcat a.txt.gz)``, ``/dev/stdin``), at most
            ``4 * max_chars`` bytes of it.
        published: the publication date to use when an article states none.
        encoding: force this encoding instead of UTF-8 with detection.
        max_chars: articles longer than this are refused.
        stdin: the stream read for ``-`` (defaults to ``sys.stdin.buffer``).
    """
    for raw in paths:
        if raw == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _from_bytes(data, "<stdin>", None, published, encoding, max_chars)
            continue
        path = Path(raw)
        if not path.exists():
            yield InputProblem(raw, "no such file or folder", "check the path")
        elif path.is_dir():
            files = [(file, special_kind(file)) for file in walk(path)]
            if all(kind for _, kind in files):
                yield InputProblem(raw, "the folder holds no article files (.txt, .md, .jsonl)", "point azdiplo at a folder of articles")
            for file, kind in files:
                if kind:
                    yield Skipped(str(file), kind)
                else:
                    yield from _read_file(file, published, encoding, max_chars)
        else:
            yield from _read_file(path, published, encoding, max_chars)


def walk(folder: Path) -> Iterator[Path]:
    """The article files of a folder, recursively, in a stable order, hidden entries skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                yield path


_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"))


def special_kind(path: Path) -> str | None:
    """What ``path`` is when it is a named pipe, a socket or a device (links followed); None otherwise.

    Reading a named pipe waits for a writer, and a device may never end: a
    folder's entries of these kinds are skipped, never opened.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # reported when it is read
    return next((what for test, what in _SPECIAL if test(mode)), None)


def _read_file(path: Path, published, encoding, max_chars) -> Iterator[Article | InputProblem]:
    source = str(path)
    try:
        size = path.stat().st_size
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _jsonl(fh, source, published, encoding, max_chars)
            return
        # a UTF-8 character is at most 4 bytes: anything larger cannot fit
        if size > 4 * max_chars:
            yield _too_big(source, size, max_chars, unit="bytes")
            return
        with path.open("rb") as fh:  # a pipe or a device has no size: read no more than could fit
            data = fh.read(4 * max_chars + 1)
        if len(data) > 4 * max_chars:
            yield _too_big(source, len(data), max_chars, unit="bytes or more")
            return
    except PermissionError:
        yield InputProblem(source, "permission denied", "check the file's permissions")
        return
    except OSError as exc:
        yield InputProblem(source, f"cannot be read ({exc.strerror or exc})", "check the file")
        return
    yield from _from_bytes(data, source, path, published, encoding, max_chars)


def _too_big(source: str, size: int, max_chars: int, unit: str = "characters") -> InputProblem:
    return InputProblem(
        source,
        f"the article is {size:,} {unit}, over the limit of {max_chars:,} characters",
        "split it into articles, or raise --max-chars",
    )


def _from_bytes(data: bytes, source: str, path: Path | None, published, encoding, max_chars):
    text, note = decode(data, source, encoding)
    if isinstance(text, InputProblem):
        yield text
        return
    if path is None and text.lstrip().startswith("{"):
        # stdin holding JSON Lines, as a scraper would pipe it
        yield from _jsonl(iter(data.splitlines(keepends=True)), source, published, encoding, max_chars)
        return
    if not text.strip():
        yield InputProblem(source, "the file is empty", "remove it or give it an article")
        return
    if len(text) > max_chars:
        yield _too_big(source, len(text), max_chars)
        return
    # the same text is the same article wherever it is read from: its id comes from its content
    article = make_article(text, path=source if path else "-", published=published)
    if note:
        article.warnings.append(note)
    yield article


def _jsonl(lines, source: str, published, encoding, max_chars) -> Iterator[Article | InputProblem]:
    seen = 0
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        seen += 1
        where = f"{source}:{lineno}"
        try:
            record = orjson.loads(raw)
        except orjson.JSONDecodeError:
            text, _ = decode(raw, where, encoding)
            try:
                record = orjson.loads(text) if isinstance(text, str) else None
            except orjson.JSONDecodeError:
                record = None
            if record is None:
                yield InputProblem(where, "not a valid JSON object", "fix the line or remove it")
                continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputProblem(where, "the record has no \"text\" string", 'give each line {"text": ...}')
            continue
        text = record["text"]
        if not text.strip():
            yield InputProblem(where, "the record's text is empty", "remove the line")
            continue
        if len(text) > max_chars:
            yield _too_big(where, len(text), max_chars)
            continue
        rid = record.get("id")
        rid = str(rid) if rid not in (None, "") else None
        article = make_article(
            text,
            article_id=rid,  # a record is its declared id, else (like a file) its content
            path=f"{source}#{lineno}",
            title=_clean(record.get("title")),
            record_published=record.get("published"),
            published=published,
            url=_clean(record.get("url")),
            source_id=rid,
        )
        yield article
    if seen == 0:
        yield InputProblem(source, "the JSON Lines file holds no records", "give it one article per line")


def _clean(value) -> str | None:
    """A record's title or URL: clean text, stripped; None when empty or not a string."""
    return normalize(value)[0].strip() or None if isinstance(value, str) else None


def content_id(text: str) -> str:
    """The id of an article without a declared id: 16 hex digits of the SHA-256 of its (cleaned) text.

    The same text read from two paths, two folders or standard input is one
    article (docs/merge.md, "One article, one source").
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


#: byte order marks of the UTF-16 and UTF-32 files some editors write ("Unicode" in Notepad)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes, source: str, encoding: str | None = None) -> tuple[str | InputProblem, str | None]:
    """Decode bytes: ``encoding`` if given; else UTF-8 (UTF-16/32 with a byte order mark); else the
    legacy code page the text reads as (:mod:`azdiplo.charsets`); else what charset-normalizer is sure of.

    Returns the text (or a problem) and a note when it was not UTF-8.
    """
    if encoding:
        try:
            return data.decode(encoding), None
        except (UnicodeDecodeError, LookupError) as exc:
            return InputProblem(source, f"cannot be decoded as {encoding} ({exc})", "check --encoding"), None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), None
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:8192]:
        return InputProblem(source, "looks like a binary file, not text", "give azdiplo text or JSON Lines"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from .charsets import guess

    found = guess(data)
    if found is not None:
        language = f", reads as {found.language}" if found.language else ""
        return data.decode(found.encoding), f"{source}: not UTF-8; decoded as {found.encoding}{language} (--encoding to override)"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        return InputProblem(
            source, "is not UTF-8 and its encoding cannot be recognised", "convert it to UTF-8 or pass --encoding"
        ), None
    return str(best), f"{source}: not UTF-8; decoded as {best.encoding} (--encoding to override)"


def make_article(
    text: str,
    *,
    article_id: str | None = None,
    path: str | None = None,
    title: str | None = None,
    record_published: object = None,
    published: dt.date | None = None,
    url: str | None = None,
    source_id: str | None = None,
) -> Article:
    """Build an article, finding its publication date and title in the text.

    The date comes from, in order: the record's ``published`` field, a
    leading ``date YYYY-MM-DD`` header, a date line or dateline near the top,
    the ``published`` argument (``--published``). Without any, the article is
    kept with a warning and its relative dates stay unresolved. Without an
    ``article_id``, the article's id is :func:`content_id` of its text.
    """
    text, offsets = normalize(text)
    if article_id is None:
        article_id = content_id(text)
    body_start = 0
    found: dt.date | None = None
    origin = "none"
    header = _HEADER.match(text)
    if header:
        body_start = header.end()
    if isinstance(record_published, str) and record_published.strip():
        found = _iso_day(record_published)
        origin = "record" if found else origin
    if found is None and header:
        found = _iso_day(header.group(1))
        origin = "header" if found else origin
    if found is None:
        hit = find_publication_date(text[body_start : body_start + _HEAD_CHARS])
        if hit:
            found, origin = hit[0], "dateline"
    if found is None and published is not None:
        found, origin = published, "option"
    article = Article(
        id=article_id,
        text=text,
        path=path,
        title=title or _title(text, body_start),
        published=found.isoformat() if found else None,
        published_from=origin,
        url=url,
        source_id=source_id,
        body_start=body_start,
        offsets=offsets,
    )
    if found is None:
        article.warnings.append(
            f"{path or article_id}: no publication date found; relative dates stay unresolved (give --published)"
        )
    return article


def _iso_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _title(text: str, body_start: int) -> str | None:
    """The first line when it reads as a headline: short, no final period."""
    for line in text[body_start:].splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) <= 160 and not line.endswith((".", "!", "?", ":", ";", ",")):
            return line
        return None
    return None
