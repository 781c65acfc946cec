"""Exporting store content as JSON or JSON Lines (CSV: ``azdiplo.render.write_rows``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import orjson

from azdiplo.errors import UsageError

from .files import ARTICLES, EVENTS, MENTIONS, SORT


EXPORT_FILES = {"events": EVENTS, "articles": ARTICLES, "mentions": MENTIONS}


def check_format(fmt: str) -> None:
    if fmt not in ("json", "jsonl"):
        hint = "CSV is written by azdiplo.render.write_rows" if fmt == "csv" else "choose json or jsonl"
        raise UsageError(f"unknown export format {fmt!r}", hint)


def export_rows(rows: Iterable[dict[str, Any]], what: str, fmt: str, out: IO[str]) -> int:
    """Write ``rows`` of ``what`` (events|articles|mentions) to a text stream as json or jsonl; return the count.

    CSV is an output format like the others: :func:`azdiplo.render.write_rows` flattens rows (one
    flattener for every command) and makes their cells safe for spreadsheets.
    """
    check_format(fmt)
    count = 0
    if fmt == "json":
        out.write("[")
    for row in rows:
        text = orjson.dumps(row, option=SORT).decode()
        if fmt == "json":
            out.write(("\n" if count == 0 else ",\n") + text)
        else:
            out.write(text + "\n")
        count += 1
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count
