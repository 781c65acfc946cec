"""The whole content of one generation as plain dicts: what a writer loads and commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from azdiplo import __version__
from azdiplo.models import SCHEMA_VERSION


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


def event_order(event: dict[str, Any]) -> tuple[bool, str, str]:
    """The store order of events: by date, then id; undated last."""
    date = event.get("date")
    return (date is None, date or "", event["id"])
