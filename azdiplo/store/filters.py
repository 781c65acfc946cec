"""What a query filter means on one event: dates as day intervals, actor keys, countries.

``matches`` is the reference semantics of ``Store.query_events``; the index
(:mod:`azdiplo.store.index`) answers the same filters without parsing events.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any


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


def event_actor_keys(event: dict[str, Any]) -> set[str]:
    # Participant.key, on the dict shape
    return {p.get("id") or p["name"].lower() for p in event.get("participants", ())}


def event_countries(event: dict[str, Any]) -> set[str]:
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
    if actor_keys_all is not None and not set(actor_keys_all) <= event_actor_keys(event):
        return False
    if countries is not None and not set(countries) & event_countries(event):
        return False
    if min_sources is not None and event.get("num_sources", len(event.get("sources", ()))) < min_sources:
        return False
    return True


