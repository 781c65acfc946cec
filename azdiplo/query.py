"""Pure query logic: resolving names, filtering, sorting, grouping a timeline.

No spaCy and no rendering here. The store answers the indexed filters (type,
status, dates, actors, countries, sources); this module resolves what the
user typed into those keys and applies the rest (place, source, text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .actors import ActorIndex, norm_name
from .dates import interval, parse_user_date
from .errors import UnknownActorError, UsageError
from .models import EVENT_TYPES, STATUSES

SORTS = ("date", "-date", "sources", "-sources")
PERIODS = ("year", "month", "week")


@dataclass
class Query:
    """What the user asked for, resolved into store keys."""

    types: list[str] | None = None
    statuses: list[str] | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    actor_keys: list[set[str]] = field(default_factory=list)  # every group must be met
    countries: list[str] | None = None
    min_sources: int | None = None
    place: str | None = None
    source: str | None = None
    text: str | None = None
    limit: int | None = None
    sort: str = "date"


def parse_since_until(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """``--since 2025-08`` starts on 1 August; ``--until 2025-08`` ends on 31 August."""
    try:
        lo = parse_user_date(since)[0] if since else None
        hi = parse_user_date(until)[1] if until else None
    except ValueError as exc:
        raise UsageError(str(exc), "give a date as YYYY, YYYY-MM or YYYY-MM-DD") from None
    if lo and hi and lo > hi:
        raise UsageError(f"--since {since} is after --until {until}", "swap them")
    return lo, hi


def check_choices(values: Iterable[str] | None, allowed: Iterable[str], option: str) -> list[str] | None:
    if not values:
        return None
    allowed = list(allowed)
    out = []
    for v in values:
        v = v.strip().lower()
        if v == "summit":
            v = "meeting"
        if v not in allowed:
            raise UsageError(f"unknown {option} {v!r}", "choose from " + ", ".join(allowed))
        out.append(v)
    return out


def check_types(values):
    return check_choices(values, EVENT_TYPES, "--type")


def check_statuses(values):
    return check_choices(values, STATUSES, "--status")


def stored_names(events: Iterable[dict]) -> dict[str, str]:
    """Participant names seen in events -> their key (for actors outside the dictionary)."""
    out: dict[str, str] = {}
    for e in events:
        for p in e.get("participants", ()):
            key = p.get("id") or p["name"].lower()
            out.setdefault(norm_name(p["name"]), key)
            if p.get("text"):
                out.setdefault(norm_name(p["text"]), key)
    return out


def resolve_actor(name: str, index: ActorIndex, seen: dict[str, str]) -> set[str]:
    """The participant keys an ``--actor`` name stands for.

    Any alias of a dictionary actor, case-insensitive ("nato", "the
    Alliance", "North Atlantic Treaty Organization"); else a name seen in the
    store, whole or by surname. Unknown names raise
    :class:`UnknownActorError` with fuzzy suggestions.
    """
    actor = index.lookup(name)
    if actor is not None:
        return {actor.id}
    key = norm_name(name)
    if key in seen:
        return {seen[key]}
    by_last = {v for k, v in seen.items() if k.split() and k.split()[-1] == key}
    if by_last:
        return by_last
    suggestions = index.suggest(name, limit=3)
    if len(suggestions) < 3:
        from rapidfuzz import process

        extra = [m[0] for m in process.extract(key, list(seen), limit=3, score_cutoff=70)]
        lowered = {s.lower() for s in suggestions}
        suggestions += [s for s in extra if s.lower() not in lowered][: 3 - len(suggestions)]
    raise UnknownActorError(name, suggestions)


def resolve_country(value: str, index: ActorIndex) -> str:
    actor = index.lookup(value)
    if actor is None or actor.kind != "country":
        raise UnknownActorError(value, [s for s in index.suggest(value, limit=3)])
    return actor.id


def extra_filters(events: Iterable[dict], q: Query) -> Iterator[dict]:
    """The filters the store index does not answer: place, source, text."""
    place = norm_name(q.place) if q.place else None
    source = q.source.lower() if q.source else None
    text = q.text.lower() if q.text else None
    for e in events:
        if place and place not in norm_name(e.get("place") or ""):
            if not (e.get("place_country") and place == norm_name(e["place_country"])):
                continue
        if source and not any(
            source in (s.get("path") or "").lower() or source == s.get("article") or source in (s.get("title") or "").lower()
            for s in e.get("sources", ())
        ):
            continue
        if text and not any(text in m.get("sentence", "").lower() for m in e.get("mentions", ())) \
                and text not in e.get("evidence", "").lower():
            continue
        yield e


def sort_events(events: list[dict], sort: str) -> list[dict]:
    def date_key(e):
        iv = interval(e.get("date")) if e.get("date") else None
        return (iv is None, iv[0] if iv else dt.date.max, iv[1] if iv else dt.date.max, e["id"])

    if sort == "date":
        return sorted(events, key=date_key)
    if sort == "-date":
        dated = [e for e in events if e.get("date")]
        undated = [e for e in events if not e.get("date")]
        return sorted(dated, key=date_key, reverse=True) + sorted(undated, key=lambda e: e["id"])
    if sort in ("sources", "-sources"):
        return sorted(events, key=lambda e: (-e.get("num_sources", 0), date_key(e)))
    raise UsageError(f"unknown --sort {sort!r}", "choose from " + ", ".join(SORTS))


def period_of(e: dict, by: str) -> str:
    """The period label an event falls in: 2025, 2025-08 or 2025-W32 (by its start)."""
    iv = interval(e.get("date")) if e.get("date") else None
    if iv is None:
        return "undated"
    start = iv[0]
    if by == "year":
        return f"{start.year}"
    if by == "week":
        y, w, _ = start.isocalendar()
        if e.get("date_precision") in ("year", "month", "season", "quarter", "decade"):
            return f"{start.year}-{start.month:02d}" if e.get("date_precision") == "month" else f"{start.year}"
        return f"{y}-W{w:02d}"
    if e.get("date_precision") in ("year", "decade", "season", "quarter"):
        return f"{start.year}"
    return f"{start.year}-{start.month:02d}"


def timeline(events: Iterable[dict], by: str = "month") -> list[tuple[str, list[dict]]]:
    """Events grouped by period, chronologically; coarser-dated events head their year."""
    if by not in PERIODS:
        raise UsageError(f"unknown --by {by!r}", "choose from " + ", ".join(PERIODS))
    groups: dict[str, list[dict]] = {}
    for e in sort_events(list(events), "date"):
        groups.setdefault(period_of(e, by), []).append(e)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
