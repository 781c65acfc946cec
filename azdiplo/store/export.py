"""Exporting store content as JSON, JSON Lines or CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson

from azdiplo.errors import UsageError

from .files import ARTICLES, EVENTS, MENTIONS, SORT


def csv_cell(value: Any) -> Any:
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
CSV_COLUMNS: dict[str, dict[str, Callable[[dict[str, Any]], Any]]] = {
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
EXPORT_FILES = {"events": EVENTS, "articles": ARTICLES, "mentions": MENTIONS}




def check_format(fmt: str) -> None:
    if fmt not in ("json", "jsonl", "csv"):
        raise UsageError(f"unknown export format {fmt!r}", "choose json, jsonl or csv")


def export_rows(rows: Iterable[dict[str, Any]], what: str, fmt: str, out: IO[str]) -> int:
    """Write ``rows`` of ``what`` (events|articles|mentions) to a text stream as json, jsonl or csv; return the count."""
    check_format(fmt)
    count = 0
    if fmt == "csv":
        columns = CSV_COLUMNS[what]
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([csv_cell(get(row)) for get in columns.values()])
            count += 1
        return count
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
