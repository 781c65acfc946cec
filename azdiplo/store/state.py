"""The whole content of one generation as plain dicts: what a writer loads and commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from azdiplo import __version__
from azdiplo.models import SCHEMA_VERSION

from .filters import event_interval


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


def event_order(event: dict[str, Any]) -> tuple[bool, tuple[int, int], str]:
    """The store order of events, the calendar order ``azdiplo events`` lists them in.

    By the days the date covers (first, then last: "2025-08" before
    "2025-08-07"; "2025-W32" among the days of August), then id; undated
    events (and unreadable dates) last, by id. So ``export events`` streams
    in the order ``events`` sorts to, whatever the store's size.
    """
    span = event_interval(event.get("date"))
    return (span is None, span or (0, 0), event["id"])
