"""An event's date as day bounds, for formats that want calendar days.

Event data formats (PLOVER, PETRARCH's rows, SQL) want a day; azdiplo keeps
the date as the text gives it ("2025-08", "2025-08-07/2025-08-08"). The
bounds are the first and last day that value covers; an undated event falls
back to the publication date of its earliest report, as the earlier coders
date every event, and says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ..dates import interval


class Span(NamedTuple):
    start: dt.date
    end: dt.date
    from_publication: bool  # True: the event is undated; this is its earliest report's publication day


def span(e: dict[str, Any]) -> Span | None:
    """The event's first and last day, else its earliest report's publication day; None when neither is known."""
    iv = interval(e.get("date")) if e.get("date") else None
    if iv is not None:
        return Span(iv[0], iv[1], False)
    published = sorted(s["published"] for s in e.get("sources", ()) if s.get("published"))
    for value in published:
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
        return Span(day, day, True)
    return None
