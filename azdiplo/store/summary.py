"""The counts a generation's manifest keeps of its live events: by type, status, year and number of sources.

Kept up to date commit by commit (what goes is subtracted, what comes is
added), so ``store stats`` reads them without reading an event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from .filters import event_interval

KINDS = ("types", "statuses", "years", "sources")


def empty() -> dict[str, dict[str, int]]:
    return {kind: {} for kind in KINDS}


def _year(date_lo: int) -> str:
    return str(dt.date.fromordinal(date_lo).year) if date_lo else "undated"


def keys_of_event(event: dict[str, Any]) -> dict[str, str]:
    span = event_interval(event.get("date"))
    return {"types": event["type"], "statuses": event["status"], "years": _year(span[0] if span else 0),
            "sources": str(event.get("num_sources", len(event.get("sources", ()))))}


def keys_of_row(index: Any, row: int) -> dict[str, str]:
    """The same keys, from an event's index columns."""
    col = index.col
    return {"types": index.header["types"][col["type"][row]], "statuses": index.header["statuses"][col["status"][row]],
            "years": _year(col["date_lo"][row]), "sources": str(col["sources"][row])}


def change(summary: dict[str, dict[str, int]], keys: dict[str, str], by: int) -> None:
    for kind, key in keys.items():
        table = summary[kind]
        table[key] = table.get(key, 0) + by
        if table[key] == 0:
            del table[key]


def of_events(events: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counters = {kind: Counter() for kind in KINDS}
    for e in events:
        for kind, key in keys_of_event(e).items():
            counters[kind][key] += 1
    return {kind: dict(sorted(c.items())) for kind, c in counters.items()}


def tidy(summary: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {kind: dict(sorted(summary[kind].items())) for kind in KINDS}
