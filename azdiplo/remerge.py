"""Re-merging a batch into stored events: only the events the batch can touch.

:func:`azdiplo.merge.merge` clusters every mention it is given. A commit of a
hundred articles into a store of a million events must not merge the million
again: :func:`update` asks the store (through its index, the :class:`Stored`
protocol) for the stored events the batch's reports could interact with,
re-merges only those with the batch, and returns which stored events go and
which events are written. The result is that of a full merge of every
mention, ids included (tests/test_remerge.py checks it on random batches in
random orders).

Why it is exact. The merge clusters the reports of each type and status
group greedily in a fixed total order, a report joining the best cluster among
those filed in its index under one of its *lookup entries*
(:func:`azdiplo.merge.lookups`); a cluster is filed under more entries as it
grows and never leaves one. Split the stored events into A (re-merged) and U
(kept). If no report of A or of the batch looks up an entry that a U event
was ever filed under, and no report of U looks up an entry that a re-merged
cluster was ever filed under, neither side ever sees a cluster of the other:
the full merge is U as stored, plus the merge of A's reports with the
batch's. ``update`` grows A from the events citing the batch's articles
until that holds. A stored event's entries are rebuilt by replaying its
reports in merge order (:func:`azdiplo.merge.replay`), so nothing but the
events themselves is needed; the index only finds candidates cheaply, and
may find too many, never too few.

References ("the Washington Summit") name every event they fit if there are
at most three. That depends on every event of the type in the reference's
window of dates, so each reference whose window meets an event that goes or
comes is judged again against the kept and the new events.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from .merge import (
    MAX_REFERENCE_TARGETS,
    Targets,
    _Cluster,
    _event,
    _month,
    _order_key,
    _Report,
    _span,
    can_name,
    cluster,
    lookups,
    named_types,
    reference_window,
    replay,
    status_group,
)
from .models import Event, Mention

Group = tuple[str, str]  # (type, status group): reports of different groups never merge


class Named:
    """What a reference needs to know of a stored event (see :func:`azdiplo.merge.can_name`)."""

    __slots__ = ("_id", "lo", "hi", "place_country", "has_place")

    def __init__(self, id: str | None, lo: int, hi: int, place_country: str | None, has_place: bool):
        self._id = id
        self.lo, self.hi = lo, hi  # the days the event's stated dates agree on
        self.place_country = place_country
        self.has_place = has_place

    @property
    def id(self) -> str:
        assert self._id is not None
        return self._id


class Stored(Protocol):
    """What the store tells about its events, through its index.

    Every method may return more than asked (the caller checks exactly),
    never less.
    """

    def citing(self, articles: Collection[str]) -> Iterable[dict]:
        """Events with a mention (a report or a reference) from any of ``articles``."""
        ...

    def near(self, group: Group, keys: Collection[str], lo: int, hi: int, hull: str) -> Iterable[dict]:
        """Events of ``group`` naming any of ``keys`` (participant keys and countries) whose dates reach [lo, hi].

        ``hull`` "stated": the hull of the stated dates of their reports
        meets [lo, hi]; "any": the hull of every dated report's date does.
        """
        ...

    def undated(self, group: Group, keys: Collection[str], which: str) -> Iterable[dict]:
        """Events of ``group`` naming every one of ``keys`` whose first report (in merge order) has no
        stated date (``which`` "first"), or that hold a report without a date ("member")."""
        ...

    def named(self, types: Collection[str] | None, first: float, last: float,
              exclude: Collection[str] = (), place_country: str | None = None) -> Iterable[Named]:
        """Occurred events of ``types`` (None: every type but visits) whose stated dates [lo, hi] have
        lo <= last and hi >= first, but those of ``exclude`` (ids of events it returned before).

        ``place_country`` is a hint: the reference asking is placed there, so an
        event placed in another country can be left out.
        """
        ...

    def references(self, kind: str, lo: int, hi: int) -> Iterable[tuple[dict, str | None]]:
        """Stored references with a place that can name an event of type ``kind`` dated [lo, hi]
        (by type and window of dates): (mention dict, its article's publication date)."""
        ...

    def load(self, ids: Collection[str]) -> Iterable[dict]:
        """Events by id, among those :meth:`named` told of."""
        ...

    def articles(self, ids: Collection[str]) -> dict[str, dict]:
        """Stored articles' metadata (path, title, published), by id."""
        ...


@dataclass
class Update:
    """What one batch changes: the stored events that go, and the events written in their place."""

    removed: set[str] = field(default_factory=set)
    added: list[Event] = field(default_factory=list)


class _Known:
    """A stored event, with the cluster its reports rebuild and every index entry involved."""

    __slots__ = ("d", "group", "plain", "refs", "cluster", "filed", "looks", "published")

    def __init__(self, d: dict):
        self.d = d
        self.published = {s["article"]: s.get("published") for s in d.get("sources", ())}
        self.plain: list[Mention] = []
        self.refs: list[Mention] = []
        for m in d.get("mentions", ()):
            (self.refs if m.get("reference") else self.plain).append(Mention.from_dict(m))
        self.group: Group = (d["type"], status_group(d["status"]))
        reports = sorted((_Report(m) for m in self.plain), key=lambda r: _order_key(r, self.published))
        self.cluster = replay(reports)
        self.filed = {self.group + e for e in self.cluster.indexed}
        self.looks = {self.group + e for r in reports for e in lookups(r)}

    def named(self) -> Named | None:
        c = self.cluster
        if self.group[1] != "occurred" or c.lo is None:
            return None
        return Named(self.d["id"], c.lo, c.hi, c.place_country, c.has_place)


def _group(c: _Cluster) -> Group:
    return (c.mentions[0].type, status_group(c.mentions[0].status))


def _month_days(first_month: int, last_month: int) -> tuple[int, int]:
    import calendar
    import datetime as dt

    y1, m1 = divmod(first_month, 12)
    y2, m2 = divmod(last_month, 12)
    lo = dt.date(y1, m1 + 1, 1).toordinal()
    hi = dt.date(y2, m2 + 1, calendar.monthrange(y2, m2 + 1)[1]).toordinal()
    return lo, hi


def _probe_window(span: tuple[int, int]) -> tuple[int, int]:
    """The days of the months a dated report looks up (see ``merge._probes``)."""
    return _month_days(_month(span[0]), _month(span[1]))


def _filed_window(c: _Cluster) -> tuple[int, int] | None:
    """The days of the months a cluster was ever filed under, or None if it never was by date."""
    months = []
    for e in c.indexed:
        if len(e) >= 2 and e[-2] in ("d", "dm", "m"):
            months.append(_month(e[-1]) if e[-2] == "d" else e[-1])
    return _month_days(min(months), max(months)) if months else None


def update(stored: Stored, fresh: dict[str, list[Mention]], dropped: Collection[str] = (),
           meta: dict[str, dict] | None = None) -> Update:
    """Merge a batch into the stored events.

    Args:
        stored: the store's live events, as :class:`Stored` answers about them.
        fresh: the batch: every mention of each article (re)extracted, by article id;
            their stored mentions, if any, are replaced.
        dropped: articles leaving the store, with their mentions.
        meta: metadata (published, path, title) of every article in ``fresh``, and of
            stored articles whose metadata changes (a path added).

    Returns:
        The ids of the stored events to remove and the events to write: after
        applying it, the store holds what :func:`azdiplo.merge.merge` makes of
        all its mentions.
    """
    meta = dict(meta or {})
    gone = set(fresh) | set(dropped)
    touched = gone | set(meta)
    known: dict[str, _Known] = {}
    sources: dict[str, dict] = {}  # article -> its metadata, as events cite it

    def learn(found: Iterable[dict]) -> set[str]:
        ids = set()
        for d in found:
            if d["id"] not in known:
                known[d["id"]] = _Known(d)
                for s in d.get("sources", ()):
                    sources.setdefault(s["article"], s)
            ids.add(d["id"])
        return ids

    affected = learn(stored.citing(sorted(touched))) if touched else set()
    sources.update(meta)

    new_plain = [m for ms in fresh.values() for m in ms if not m.reference]
    new_refs = [m for ms in fresh.values() for m in ms if m.reference]
    asked: set[tuple] = set()
    candidates: set[str] = set()
    while True:
        published = {a: s.get("published") for a, s in sources.items()}
        plain = list(new_plain)
        for i in sorted(affected):
            plain.extend(m for m in known[i].plain if m.article not in gone)
        clusters = cluster(plain, published)
        looked: set[tuple] = set()  # every entry a re-merged report looks up
        filed: set[tuple] = set()  # every entry a re-merged cluster was filed under
        queries: set[tuple] = {("citing", frozenset(m.article for m in plain))} if plain else set()
        for c in clusters:
            g = _group(c)
            filed.update(g + e for e in c.indexed)
            for m in c.mentions:
                r = _Report(m)
                looked.update(g + e for e in lookups(r))
                keys = frozenset(r.keys | r.sides)
                if not keys:
                    continue
                if r.span is None:
                    # the one entry an undated report looks up in other articles' events is its
                    # undated key: all its participants, at its place (merge._undated_key)
                    if r.m.place and r.keys:
                        queries.add(("undated", g, frozenset(r.keys), "first"))
                else:
                    queries.add(("near", g, keys, *_probe_window(r.span), "stated"))
            keys = frozenset(c.keys | c.sides)
            window = _filed_window(c)
            if keys and window:
                queries.add(("near", g, keys, *window, "any"))
            if c.undated_filed:
                # a stored undated report looks up the undated key of its own participants
                # (merge._undated_key): it reaches this cluster only if they are those of a state
                # the cluster was filed under undated, each naming all of the first such state's
                ask = frozenset.intersection(*(frozenset(e[1:-2]) for e in c.indexed if e[0] == "u"))
                queries.add(("undated", g, ask, "member"))
        for q in sorted(queries - asked, key=repr):
            asked.add(q)
            candidates |= learn(_ask(stored, q))
        newly = {i for i in candidates - affected if known[i].filed & looked or known[i].looks & filed}
        if not newly:
            break
        affected |= newly
    published = {a: s.get("published") for a, s in sources.items()}

    # references: the new ones, and every stored one whose window meets an event that goes or comes
    refs: dict[tuple, Mention] = {m.key: m for m in new_refs}
    changed = [k.cluster for k in (known[i] for i in affected) if k.named() is not None]
    changed += [c for c in clusters if c.mentions[0].status == "occurred" and c.lo is not None]
    asked_refs = set()
    for c in changed:
        q = (c.mentions[0].type, c.lo, c.hi)
        if q in asked_refs:
            continue
        asked_refs.add(q)
        for d, pub in stored.references(*q):
            m = Mention.from_dict(d)
            if m.article in gone:
                continue
            refs.setdefault(m.key, m)
            published.setdefault(m.article, pub)
    missing = {m.article for m in refs.values()} - set(sources)
    if missing:
        sources.update(stored.articles(sorted(missing)))
        published.update({a: sources[a].get("published") for a in missing if a in sources})

    targets = Targets(clusters)
    on_new: dict[int, list[Mention]] = {}  # id(cluster) -> its references
    on_old: dict[str, list[Mention]] = {}  # kept event id -> references judged now that name it
    ordered = sorted((_Report(m) for m in refs.values()), key=lambda r: _order_key(r, published))
    for r in ordered:
        window = reference_window(r, published)
        if window is None:
            continue
        found: list = targets.find(r, window, MAX_REFERENCE_TARGETS + 1)
        if len(found) <= MAX_REFERENCE_TARGETS:
            for s in stored.named(named_types(r.m.type), *window, exclude=affected, place_country=r.m.place_country):
                if not (s.hi >= window[0] and s.lo <= window[1]):
                    continue
                if can_name(r, s.place_country, s.has_place):
                    found.append(s.id)
                    if len(found) > MAX_REFERENCE_TARGETS:
                        break
        if not 0 < len(found) <= MAX_REFERENCE_TARGETS:
            continue
        for t in found:
            if isinstance(t, str):
                on_old.setdefault(t, []).append(r.m)
            else:
                on_new.setdefault(id(t), []).append(r.m)

    # kept events whose references change: those that held a reference judged again, or gain one
    judged = set(refs)
    holders = learn(stored.citing(sorted({m.article for m in refs.values()}))) if refs else set()
    holders = {i for i in holders if i not in affected and any(m.key in judged for m in known[i].refs)}
    learn(stored.load(sorted(set(on_old) - set(known))))
    published.update({a: s.get("published") for a, s in sources.items() if a not in published})
    events: list[Event] = []
    removed = set(affected)
    for i in sorted(holders | set(on_old)):
        k = known[i]
        kept = [m for m in k.refs if m.key not in judged]
        now = kept + on_old.get(i, [])
        if sorted(m.key for m in now) == sorted(m.key for m in k.refs):
            continue
        c = replay(sorted((_Report(m) for m in k.plain), key=lambda r: _order_key(r, published)))
        c.references = [r.m for r in sorted((_Report(m) for m in now), key=lambda r: _order_key(r, published))]
        events.append(_event(c, sources, published))
        removed.add(i)
    for c in clusters:
        c.references = on_new.get(id(c), [])
        events.append(_event(c, sources, published))

    # an event written exactly as it is stored is neither removed nor written
    out = Update()
    for e in events:
        k = known.get(e.id)
        if k is not None and e.id in removed and k.d == e.to_dict():
            removed.discard(e.id)
            continue
        out.added.append(e)
    out.removed = removed
    return out


def _ask(stored: Stored, q: tuple) -> Iterable[dict]:
    kind = q[0]
    if kind == "citing":
        return stored.citing(sorted(q[1]))
    if kind == "near":
        _, g, keys, lo, hi, hull = q
        return stored.near(g, sorted(keys), lo, hi, hull)
    _, g, keys, which = q
    return stored.undated(g, sorted(keys), which)


class MemoryStored:
    """:class:`Stored` over events and mentions held in memory (a loaded ``StoreState``, tests)."""

    def __init__(self, events: Iterable[dict], mentions: Iterable[dict], articles: dict[str, dict]):
        self.events = {e["id"]: e for e in events}
        self.known = {i: _Known(e) for i, e in self.events.items()}
        self.meta = articles
        self.refs = [m for m in mentions if m.get("reference")]

    def citing(self, articles: Collection[str]) -> list[dict]:
        wanted = set(articles)
        return [e for e in self.events.values() if any(m["article"] in wanted for m in e["mentions"])]

    def near(self, group: Group, keys: Collection[str], lo: int, hi: int, hull: str) -> list[dict]:
        wanted = set(keys)
        out = []
        for i, k in self.known.items():
            if k.group != group or not wanted & _names(k):
                continue
            spans = [_span(m.date) for m in k.plain if m.date_source in ("sentence", "dateline", "context")
                     or hull == "any"]
            spans = [s for s in spans if s]
            if spans and min(s[0] for s in spans) <= hi and max(s[1] for s in spans) >= lo:
                out.append(self.events[i])
        return out

    def undated(self, group: Group, keys: Collection[str], which: str) -> list[dict]:
        wanted = set(keys)
        out = []
        for i, k in self.known.items():
            names = _names(k)
            if k.group != group or not wanted <= names:
                continue
            reports = sorted((_Report(m) for m in k.plain), key=lambda r: _order_key(r, k.published))
            if which == "first":
                hit = not (reports[0].stated and reports[0].span is not None)
            else:
                hit = any(r.span is None for r in reports)
            if hit:
                out.append(self.events[i])
        return out

    def named(self, types: Collection[str] | None, first: float, last: float,
              exclude: Collection[str] = (), place_country: str | None = None) -> list[Named]:
        out = []
        for i, k in self.known.items():
            n = k.named()
            if n is None or i in exclude or (k.group[0] == "visit" if types is None else k.group[0] not in types):
                continue
            if n.lo <= last and n.hi >= first:
                out.append(n)
        return sorted(out, key=lambda n: (n.lo, n.id))

    def references(self, kind: str, lo: int, hi: int) -> list[tuple[dict, str | None]]:
        out = []
        for d in self.refs:
            if not (d["type"] == kind or (d["type"] == "any" and kind != "visit")):
                continue
            published = {d["article"]: self.meta.get(d["article"], {}).get("published")}
            window = reference_window(_Report(Mention.from_dict(d)), published)
            if window is not None and window[0] <= hi and window[1] >= lo:
                out.append((d, published[d["article"]]))
        return out

    def load(self, ids: Collection[str]) -> list[dict]:
        return [self.events[i] for i in ids]

    def articles(self, ids: Collection[str]) -> dict[str, dict]:
        return {a: self.meta[a] for a in ids if a in self.meta}


def _names(k: _Known) -> set[str]:
    """Every participant key and side of a stored event's reports."""
    out: set[str] = set()
    for m in k.plain:
        r = _Report(m)
        out |= r.keys | r.sides
    return out
