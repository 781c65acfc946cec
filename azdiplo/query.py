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
    actor_keys: list[set[str]] = field(default_factory=list)  # every group must be met, by any of its keys
    countries: list[str] | None = None  # every country must be involved
    sectors: list[str] | None = None  # a participant of one of these sectors (of the countries, if given)
    min_sources: int | None = None
    place: str | None = None
    source: str | None = None
    text: str | None = None
    limit: int | None = None
    sort: str = "date"


class UnknownCountryError(UnknownActorError):
    """A ``--country`` that names no country of the dictionary."""

    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(name, suggestions)
        self.what = f"unknown country {name!r}"
        if not suggestions:
            self.hint = "give an ISO 3166-1 alpha-3 code (ARM, AZE, USA) or a country's name"


def parse_since_until(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """``--since 2025-08`` starts on 1 August; ``--until 2025-08`` ends on 31 August."""
    bounds = []
    for option, value, end in (("--since", since, 0), ("--until", until, 1)):
        if not value:
            bounds.append(None)
            continue
        try:
            bounds.append(parse_user_date(value)[end])
        except ValueError:
            raise UsageError(f"{option} {value!r} is not a date", "give it as YYYY, YYYY-MM or YYYY-MM-DD (2025, 2025-08, 2025-08-08)") from None
    lo, hi = bounds
    if lo and hi and lo > hi:
        raise UsageError(f"--since {since} is after --until {until}", "swap them")
    return lo, hi


def build_query(
    store,
    *,
    actors: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    source: str | None = None,
    text: str | None = None,
    statuses: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    min_sources: int | None = None,
    limit: int | None = None,
    sort: str = "date",
) -> Query:
    """Resolve what the user typed into a :class:`Query` on ``store``.

    Raises:
        UsageError: a bad date, type, status or sort.
        UnknownActorError: an actor or country nobody knows (with suggestions).
    """
    lo, hi = parse_since_until(since, until)
    if sort not in SORTS:
        raise UsageError(f"unknown --sort {sort!r}", "choose from " + ", ".join(SORTS))
    q = Query(types=check_types(types), statuses=check_statuses(statuses), since=lo, until=hi,
              min_sources=min_sources, place=place or None, source=source or None, text=text or None,
              limit=limit, sort=sort, sectors=check_sectors(sectors))
    actors, countries = list(actors or ()), list(countries or ())
    if actors or countries:
        index = actor_index(store)
        if actors:
            q.actor_keys = [resolve_actor(a, index, _KeyNames(store)) for a in actors]
        if countries:
            q.countries = list(dict.fromkeys(resolve_country(c, index) for c in countries))
    return q


def check_choices(values: Iterable[str] | None, allowed: Iterable[str], option: str) -> list[str] | None:
    if not values:
        return None
    allowed = list(allowed)
    out = []
    for v in values:
        for part in v.split(","):
            part = part.strip().lower()
            if not part:
                continue
            if part == "summit":
                part = "meeting"
            if part not in allowed:
                raise UsageError(f"unknown {option} {part!r}", "choose from " + ", ".join(allowed))
            if part not in out:
                out.append(part)
    return out or None


def check_sectors(values: Iterable[str] | None) -> list[str] | None:
    """``--sector`` values in upper case, each a CAMEO/PLOVER sector (GOV, MIL, LEG, IGO...)."""
    from .agents import sectors

    if not values:
        return None
    allowed = sorted(sectors())
    out: list[str] = []
    for part in (p.strip().upper() for v in values for p in v.split(",")):
        if part and part not in allowed:
            raise UsageError(f"unknown --sector {part!r}", "choose from " + ", ".join(allowed))
        if part and part not in out:
            out.append(part)
    return out or None


def check_types(values):
    return check_choices(values, EVENT_TYPES, "--type")


def check_statuses(values):
    return check_choices(values, STATUSES, "--status")


def actor_index(store) -> ActorIndex:
    """The packaged actor dictionary, extended by the store's own ``actors.jsonl`` and the
    people it learned (``learned.jsonl``)."""
    from .store.learned import learned_path

    extra = [store.user_actors_path] if store.user_actors_path.is_file() else []
    try:
        return ActorIndex.load(extra, learned=learned_path(store))
    except ValueError as exc:
        raise UsageError(str(exc), f"fix the actor file {store.user_actors_path}") from None


class _KeyNames(dict):
    """Names of the store's actors outside the dictionary -> their key, read from the index
    only when a name is not in the dictionary (a query never parses every event for it)."""

    def __init__(self, store):
        super().__init__()
        self._store, self._loaded = store, False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for key in self._store.actor_keys():
                self.setdefault(norm_name(key), key)

    def __contains__(self, key) -> bool:
        self._load()
        return super().__contains__(key)

    def __getitem__(self, key):
        self._load()
        return super().__getitem__(key)

    def items(self):
        self._load()
        return super().items()

    def values(self):
        self._load()
        return super().values()

    def __iter__(self):
        self._load()
        return super().__iter__()

    def __len__(self) -> int:
        self._load()
        return super().__len__()


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
    """The participant keys an ``--actor`` name stands for (any of them).

    Any alias of a dictionary actor, case-insensitive ("nato", "the
    Alliance", "North Atlantic Treaty Organization"); a name several
    dictionary actors share ("Aliyev") stands for all of them; else a name
    seen in the store, whole or by surname. Unknown names raise
    :class:`UnknownActorError` with fuzzy suggestions.
    """
    actor = index.lookup(name)
    if actor is not None:
        if actor.learned and norm_name(actor.name) in seen:
            # events stored before the person was learned know them by name
            return {actor.id, seen[norm_name(actor.name)]}
        return {actor.id}
    shared = {a.id for a in index.lookup_all(name)}
    if shared:
        return shared
    key = norm_name(name)
    if key in seen:
        return {seen[key]}
    by_last = {v for k, v in seen.items() if k.split() and k.split()[-1] == key}
    if by_last:
        return by_last
    suggestions = index.suggest(name, limit=3)
    if len(suggestions) < 3 and seen:
        from rapidfuzz import process

        extra = [m[0] for m in process.extract(key, list(seen), limit=3, score_cutoff=70)]
        lowered = {s.lower() for s in suggestions}
        suggestions += [s for s in extra if s.lower() not in lowered][: 3 - len(suggestions)]
    raise UnknownActorError(name, suggestions)


def resolve_one_actor(name: str, index: ActorIndex, seen: dict[str, str]) -> set[str]:
    """The keys of the one actor ``name`` means; a name several actors share must be told apart.

    Among several dictionary actors sharing the name ("Aliyev"), those taking
    part in stored events are kept; when that leaves more than one, a
    :class:`UsageError` lists them.
    """
    keys = resolve_actor(name, index, seen)
    if index.lookup(name) is not None:
        return keys  # one actor (a learned person may have two keys: its id and its name before)
    if len(keys) > 1:
        stored = set(seen.values())
        keys = (keys & stored) or keys
    if len(keys) > 1:
        names = sorted(index.get(k).name if index.get(k) else k for k in keys)
        raise UsageError(f"{name!r} names {len(keys)} actors: {', '.join(names)}", "give the full name")
    return keys


def resolve_country(value: str, index: ActorIndex) -> str:
    """The ISO3 code ``value`` names: a code, a country's name or alias."""
    actor = index.lookup(value)
    if actor is not None and actor.kind == "country":
        return actor.id
    countries = [a for a in index.lookup_all(value) if a.kind == "country"]
    if len(countries) == 1:
        return countries[0].id
    suggestions = [a.name for a in countries] or [s for s in index.suggest(value, limit=6) if _is_country(s, index)][:3]
    raise UnknownCountryError(value, suggestions)


def _is_country(name: str, index: ActorIndex) -> bool:
    actor = index.lookup(name)
    return actor is not None and actor.kind == "country"


def _involves(event: dict, country: str) -> bool:
    # the store's semantics (store.matches): the event's countries or any participant's
    return country in (event.get("countries") or ()) or any(
        p.get("country") == country for p in event.get("participants", ())
    )


def find_events(store, q: Query) -> list[dict]:
    """The events of ``store`` matching ``q``, sorted, at most ``q.limit``."""
    results: list[dict] = []
    seen_ids: set[str] = set()
    first_country = q.countries[:1] if q.countries else None
    # each --actor may stand for several keys (a surname shared by two people): any of them
    for keys in _combinations(q.actor_keys):
        for e in store.query_events(types=q.types, statuses=q.statuses, since=q.since, until=q.until,
                                    actor_keys_all=keys or None, countries=first_country,
                                    min_sources=q.min_sources):
            if e["id"] not in seen_ids:
                seen_ids.add(e["id"])
                results.append(e)
    if q.countries and len(q.countries) > 1:
        results = [e for e in results if all(_involves(e, c) for c in q.countries[1:])]
    results = sort_events(list(extra_filters(results, q)), q.sort)
    if q.limit is not None:
        results = results[: q.limit]
    return results


def _combinations(groups: list[set[str]]) -> list[list[str]]:
    combos: list[list[str]] = [[]]
    for g in groups:
        combos = [c + [k] for c in combos for k in sorted(g)]
    return combos


def extra_filters(events: Iterable[dict], q: Query) -> Iterator[dict]:
    """The filters the store index does not answer: sector, place, source, text."""
    place = norm_name(q.place) if q.place else None
    source = q.source.lower() if q.source else None
    text = q.text.lower() if q.text else None
    sectors = set(q.sectors or ())
    for e in events:
        if sectors and not any(p.get("sector") in sectors and (not q.countries or p.get("country") in q.countries)
                               for p in e.get("participants", ())):
            continue
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


def _date_key(e: dict):
    iv = interval(e.get("date")) if e.get("date") else None
    return (iv is None, iv[0] if iv else dt.date.max, iv[1] if iv else dt.date.max, e["id"])


def sort_events(events: list[dict], sort: str) -> list[dict]:
    """``date``: oldest first; ``-date``: newest first; ``sources``: most reported first. Undated last."""
    if sort == "date":
        return sorted(events, key=_date_key)
    if sort == "-date":
        dated = [e for e in events if e.get("date") and interval(e["date"])]
        undated = [e for e in events if not (e.get("date") and interval(e["date"]))]
        return sorted(dated, key=_date_key, reverse=True) + sorted(undated, key=lambda e: e["id"])
    if sort in ("sources", "-sources"):
        return sorted(events, key=lambda e: (-e.get("num_sources", 0), _date_key(e)))
    raise UsageError(f"unknown --sort {sort!r}", "choose from " + ", ".join(SORTS))


# --------------------------------------------------------------------------- timeline


@dataclass
class Period:
    """One bucket of a timeline: ``2025``, ``2025-08`` or ``2025-W32`` (ISO week), or ``undated``."""

    label: str
    unit: str  # year | month | week | undated
    start: dt.date | None
    end: dt.date | None
    events: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "period": self.label,
            "unit": self.unit,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "count": len(self.events),
            "events": self.events,
        }


_UNIT_RANK = {"year": 0, "month": 1, "week": 2}


def _year(d: dt.date) -> tuple[str, str, dt.date, dt.date]:
    return f"{d.year}", "year", dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)


def _month(d: dt.date) -> tuple[str, str, dt.date, dt.date]:
    nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return f"{d.year}-{d.month:02d}", "month", dt.date(d.year, d.month, 1), nxt - dt.timedelta(days=1)


def _week(d: dt.date) -> tuple[str, str, dt.date, dt.date]:
    y, w, _ = d.isocalendar()
    monday = dt.date.fromisocalendar(y, w, 1)
    return f"{y}-W{w:02d}", "week", monday, monday + dt.timedelta(days=6)


def period_of(e: dict, by: str) -> tuple[str, str, dt.date | None, dt.date | None]:
    """The bucket an event falls in: (label, unit, first day, last day).

    An event goes into the ``by`` period holding its date (a range: its first
    part). A date coarser than ``by`` — a month in a week timeline, a quarter
    or season in a month timeline — goes into the smallest month or year that
    holds it whole, so nothing is placed more precisely than the text says.
    """
    value = e.get("date")
    if value and "/" in value:
        value = value.partition("/")[0]
    iv = interval(value) if value else None
    if iv is None:
        return "undated", "undated", None, None
    start, end = iv
    if by == "week" and start.isocalendar()[:2] == end.isocalendar()[:2]:
        return _week(start)
    if by in ("week", "month") and (start.year, start.month) == (end.year, end.month):
        return _month(start)
    return _year(start)


def timeline(events: Iterable[dict], by: str = "month", *, newest_first: bool = False) -> list[Period]:
    """Events grouped by period, in the order given within each period.

    Periods run chronologically (``newest_first``: the other way); a coarser
    bucket comes before the finer ones starting the same day ("2025" before
    "2025-01"), and undated events come last.
    """
    if by not in PERIODS:
        raise UsageError(f"unknown --by {by!r}", "choose from " + ", ".join(PERIODS))
    groups: dict[str, Period] = {}
    for e in events:
        label, unit, start, end = period_of(e, by)
        p = groups.get(label)
        if p is None:
            p = groups[label] = Period(label, unit, start, end)
        p.events.append(e)
    dated = sorted((p for p in groups.values() if p.start), key=lambda p: (p.start, _UNIT_RANK[p.unit]))
    if newest_first:
        dated.reverse()
    return dated + [p for p in groups.values() if not p.start]
