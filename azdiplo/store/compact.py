"""Merging segments: their live rows into one new segment, dead rows left behind.

Every commit writes a small segment; without merging, a store of many
commits would be read through many small indexes. After each commit the
newest segments of about the same size are merged when there are
``FANOUT`` of them (a size-tiered policy: each row is rewritten about
log_FANOUT(store) times over its life, each time with rows of its size),
as long as the result stays under ``MAX_AUTO_ROWS``, so that no commit
rewrites a large part of a large store. ``azdiplo store compact`` merges
everything into one segment.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import summary
from .files import ARTICLES, EVENTS, MENTIONS
from .segments import Segment, write_segment
from .state import event_order

#: segments of one size class merged together
FANOUT = 8
#: automatic merges never write a segment of more live rows than this (events and articles)
MAX_AUTO_ROWS = 200_000


def live_rows(entry: dict[str, Any]) -> int:
    """Live events and articles of a segment entry of a manifest."""
    rows, dead = entry["rows"], entry.get("dead", {})
    return rows["events"] - dead.get("events", 0) + rows["articles"] - dead.get("articles", 0)


def _level(rows: int) -> int:
    return int(math.log(max(rows, 1), FANOUT))


def plan(entries: list[dict[str, Any]]) -> int:
    """How many of the newest segments to merge now (0: none).

    The newest segments of one size class (a power of FANOUT) are merged
    when there are FANOUT of them and the result stays under MAX_AUTO_ROWS.
    """
    if len(entries) < FANOUT:
        return 0
    sizes = [live_rows(e) for e in entries]
    level = _level(sizes[-1])
    run = 0
    for size in reversed(sizes):
        if _level(size) > level:
            break
        run += 1
    if run >= FANOUT and sum(sizes[-run:]) <= MAX_AUTO_ROWS:
        return run
    return 0


def merge_segments(root: Path, name: str, segments: list[Segment],
                   live: dict[str, dict[str, int]] | None = None) -> dict[str, Any]:
    """Write the live rows of ``segments`` as one new segment ``name``; return its manifest entry.

    ``live``, if given, is filled with the summary of the events written (:mod:`.summary`).
    """
    articles = heapq.merge(*(s.live_stream(ARTICLES) for s in segments), key=lambda a: a["id"])
    mentions = heapq.merge(*(s.live_stream(MENTIONS) for s in segments),
                           key=lambda m: (m["article"], m["trigger_start"], m["trigger_end"]))
    events = heapq.merge(*(s.live_stream(EVENTS) for s in segments), key=event_order)
    if live is not None:
        events = _counted(events, live)
    return write_segment(root, name, articles, mentions, events)


def _counted(events: Iterator[dict[str, Any]], live: dict[str, dict[str, int]]) -> Iterator[dict[str, Any]]:
    for e in events:
        summary.change(live, summary.keys_of_event(e), +1)
        yield e
