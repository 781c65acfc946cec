"""One real event from many reports: clustering mentions into events.

A pure function of the mentions (and article metadata): the same mentions
give the same events whatever order they were ingested in.

The merge rule. Two reports describe the same event when:

- they have the same type and the same status (a planned visit and the
  visit itself stay apart), a plan and a supposition counting as one ("will
  fly to Lima on Monday" and "she could raise the dispute during the Lima visit");
- their dates are compatible: the intervals overlap, and two different
  single days never merge (two meetings a month apart stay two events);
  a month- or year-precision report joins a day-precision event inside it;
  reports of different articles merge only when both are dated (a report
  may be dated by its article's publication day, but the event needs a date
  stated in a report); an undated report joins an undated event of another
  article only when it names the same participants at the same place (a
  syndicated copy), and a dated one only within its article;
- they share participants: two actors, or one when either report names a
  single actor, or the same set of sides (countries/organizations); within
  one article, one when either report's participants include the other's
  (but two bilateral meetings or calls sharing one side only stay apart);
- their places do not contradict (two different countries never merge).

Reports are taken most precise first, in a total order on their content, and
each joins the best compatible event (most shared participants). Reference
mentions ("the Washington Summit", "the signing of documents in
Washington") never create an event: they join every compatible event of
their type at their place and time (at most three), or are dropped.

The event's date is the most precise one its reports agree on, preferring a
date stated in the sentence over one taken from context (but the days of "a
two-day visit" that its article dates hold the day of the arrival). Its id comes from
its anchor report (the earliest published, then article id, then offset):
``ev_`` + 12 hex digits of a SHA-256 of that report's article id and
offsets. Article ids come from article content (or a JSON Lines record's
own id), so an event's id depends on its reports alone: not on paths, on
batches, on workers or on the order of the inputs. A new report changes it
only by becoming the anchor (published before every other report of the
event).

A commit does not merge the whole store again: :mod:`azdiplo.remerge` finds
the stored events a batch can touch and re-merges only those, with the same
result (docs/merge.md says why).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .dates import interval
from .models import Event, Mention, Participant

_PRECISION = {"day": 6, "range": 5, "week": 4, "month": 3, "quarter": 2, "season": 2, "year": 1, "decade": 0}
_SOURCE = {"sentence": 3, "dateline": 3, "context": 2, "publication": 1, "none": 0}
#: date sources that say when the event happened (a publication date only bounds it)
_STATED = ("sentence", "dateline", "context")
MAX_REFERENCE_TARGETS = 3
#: how far from its report's day an event may lie for a report dated by that day to join it
_BACKGROUND_DAYS = 60


@functools.lru_cache(maxsize=1 << 16)
def _span(value: str | None) -> tuple[int, int] | None:
    """The days a date value covers, as proleptic ordinals (cached: the same values recur)."""
    iv = interval(value) if value else None
    return (iv[0].toordinal(), iv[1].toordinal()) if iv else None


def _keys(m: Mention) -> set[str]:
    return {p.key for p in m.participants}


def _sides(m: Mention) -> set[str]:
    out = set()
    for p in m.participants:
        side = p.country if p.country else (p.id if p.kind != "person" else None)
        if side:
            out.add(side)
    return out


class _Report:
    """A mention with what clustering asks of it computed once."""

    __slots__ = ("m", "span", "day", "stated", "keys", "sides", "people")

    def __init__(self, m: Mention):
        self.m = m
        self.span = _span(m.date)
        self.day = self.span is not None and self.span[0] == self.span[1]
        self.stated = m.date_source in _STATED
        self.keys = _keys(m)
        self.sides = _sides(m)
        self.people = _people_by_side(m)


def _people_by_side(m: Mention) -> dict[str, set[str]]:
    """The people a report names for each state: "Castro met Liang" and "Liang met Raul
    Castro" name different Cubans."""
    out: dict[str, set[str]] = {}
    for p in m.participants:
        if p.kind == "person" and p.country:
            out.setdefault(p.country, set()).add(p.key)
    return out


def _sides_entry(sides: set[str]) -> list[tuple]:
    return [("s", "|".join(sorted(sides)))] if len(sides) >= 2 else []


def _filed_under(keys: set[str], sides: set[str]) -> list[tuple]:
    """The index entries of a cluster with these participants (see ``_cluster``)."""
    ordered = sorted(keys)
    out = [("k", k) for k in ordered]
    if len(ordered) == 1:
        out.append(("k1", ordered[0]))
    out += [("p", a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    return out + _sides_entry(sides)


def _looked_up(keys: set[str], sides: set[str]) -> list[tuple]:
    """The entries under which every cluster a report with these participants may join is filed."""
    ordered = sorted(keys)
    if len(ordered) == 1:
        out = [("k", ordered[0])]  # any cluster naming it
    else:  # two shared actors, or the only actor of a one-actor cluster
        out = [("k1", k) for k in ordered]
        out += [("p", a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]
    return out + _sides_entry(sides)


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    lo: int | None = None  # the narrowest interval (day ordinals) its stated dates agree on
    hi: int | None = None
    day: bool = False
    place_country: str | None = None
    place: str | None = None  # the first place named, lower-cased
    has_place: bool = False  # some report names a place
    people: dict = field(default_factory=dict)  # state -> the people named for it
    references: list[Mention] = field(default_factory=list)
    indexed: set[tuple] = field(default_factory=set)  # the candidate-index entries it is under
    undated_filed: bool = False  # filed, in some state, under an undated key

    def join(self, r: _Report) -> list[tuple]:
        """Add report ``r``; return the index entries the cluster is newly filed under."""
        self.add(r)
        entries = [("a", r.m.article)]
        if self.lo is not None:
            buckets = _buckets(self.lo, self.hi)
            entries += [k + b for k in _filed_under(self.keys, self.sides) for b in buckets]
        else:
            undated = _undated_key(self.keys, self.place)
            if undated:
                entries.append(undated)
                self.undated_filed = True
        fresh = [e for e in dict.fromkeys(entries) if e not in self.indexed]
        self.indexed.update(fresh)
        return fresh

    def add(self, r: _Report) -> None:
        m = r.m
        self.mentions.append(m)
        self.keys |= r.keys
        self.sides |= r.sides
        self.articles.add(m.article)
        for side, keys in r.people.items():
            self.people.setdefault(side, set()).update(keys)
        if r.span is not None and r.stated:
            if self.lo is None:
                self.lo, self.hi = r.span
            else:
                self.lo, self.hi = max(self.lo, r.span[0]), min(self.hi, r.span[1])
                if self.lo > self.hi:  # cannot happen for compatible mentions; keep the first
                    self.lo, self.hi = r.span
            self.day = self.day or r.day
        if m.place_country and not self.place_country:
            self.place_country = m.place_country
        if m.place and not self.place:
            self.place = m.place.lower()
        self.has_place = self.has_place or bool(m.place)


def _undated_key(keys: set[str], place: str | None) -> tuple | None:
    """What an undated report must repeat to join an undated event of another article."""
    return ("u", *sorted(keys), "@", place.lower()) if keys and place else None


def _order_key(r: _Report, published: dict[str, str]) -> tuple:
    m = r.m
    return (
        -_SOURCE.get(m.date_source, 0),
        -_PRECISION.get(m.date_precision or "", -1) if m.date else 1,
        r.span[0] if r.span else 0,
        published.get(m.article) or "9999-99-99",
        m.article,
        m.trigger_start,
        m.trigger_end,
    )


def _compatible(r: _Report, c: _Cluster) -> int:
    """0 when report ``r`` cannot join ``c``, else a score (higher is better)."""
    m = r.m
    same_article = m.article in c.articles
    soft = same_article and not r.stated  # dated by its report's day, not by its words
    if r.span is not None and c.lo is not None and soft \
            and (c.hi < r.span[0] - _BACKGROUND_DAYS or c.lo > r.span[1] + _BACKGROUND_DAYS):
        return 0  # the day's news is not the history its article recalls ("the 2003 meeting")
    if r.span is not None and c.lo is not None and not soft:
        # a date inferred from the report's day never splits an event its article dates
        if r.span[1] < c.lo or c.hi < r.span[0]:
            return 0
        if r.day and c.day and not (c.lo == c.hi == r.span[0]):
            return 0
    elif not same_article:
        # Without dates nothing ties reports of two articles to one occasion, unless they
        # say the same: the same participants at the same place (a syndicated copy).
        if not (r.span is None and c.lo is None and r.keys == c.keys and m.place and c.place == m.place.lower()):
            return 0
    if m.place_country and c.place_country and m.place_country != c.place_country:
        return 0
    if same_article and m.type in ("meeting", "call", "visit") and any(
            keys and c.people.get(side) and not keys & c.people[side] for side, keys in r.people.items()):
        return 0  # two reports naming different people for one state are two meetings
    if same_article and m.type == "agreement" and not m.reference and r.sides and c.sides and r.sides != c.sides:
        return 0  # one article's bilateral memorandum and trilateral declaration are two texts
    if same_article and m.type in ("meeting", "call") and len(r.sides) == len(c.sides) == 2 \
            and len(r.sides & c.sides) == 1:
        return 0  # one side's bilateral meetings with two different counterparts are two meetings
    keys, sides = r.keys, r.sides
    shared = len(keys & c.keys)
    ok = (
        shared >= 2
        or (shared >= 1 and min(len(keys), len(c.keys)) == 1)
        or (len(sides) >= 2 and sides == c.sides)
        # within one article a report may name fewer parties ("the visit" of "Aliyev's visit to
        # the US"), but two reports naming different parties are two events
        or (shared >= 1 and same_article and (keys <= c.keys or c.keys <= keys))
    )
    return (10 * shared + len(sides & c.sides) + (5 if same_article else 0) + 1) if ok else 0


def _month(ordinal: int) -> int:
    d = dt.date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


def _buckets(lo: int, hi: int) -> list[tuple]:
    """Where a cluster dated [lo, hi] is indexed: its day, or each month it overlaps."""
    if lo == hi:
        return [("d", lo), ("dm", _month(lo))]
    return [("m", month) for month in range(_month(lo), _month(hi) + 1)]


def _probes(lo: int, hi: int) -> list[tuple]:
    """The buckets that hold every cluster whose dates may overlap [lo, hi]."""
    months = range(_month(lo), _month(hi) + 1)
    if lo == hi:
        return [("d", lo), ("m", months[0])]
    return [(kind, month) for month in months for kind in ("dm", "m")]


def _cluster(ordered: list[_Report]) -> list[_Cluster]:
    """Greedy clustering in a fixed order, with candidates found through an index.

    A report can join a cluster of another article only when both are dated,
    their dates overlap, and they share two participants, or one when either
    names one, or the same sides. So the index files each dated cluster, by
    day or by month, under each participant ("k"), its participant when it
    has one ("k1"), each pair of participants ("p") and its sides ("s"); and
    each cluster under its articles. A report with one participant looks up
    "k"; with more, "k1" and "p" of its own: a popular actor (a country in a
    third of all events) never makes a report compare with all its events.
    Clusters only narrow their dates and gain participants, so an entry made
    earlier still covers them. The index only narrows the search:
    ``_compatible`` decides, and the best score wins, ties to the earliest
    cluster, as if every cluster had been compared.
    """
    mine: list[_Cluster] = []
    index: dict[tuple, list[int]] = {}
    for r in ordered:
        cand: set[int] = set()
        for e in lookups(r):
            cand.update(index.get(e, ()))
        best, best_score = None, 0
        for i in sorted(cand):
            score = _compatible(r, mine[i])
            if score > best_score:
                best, best_score = i, score
        if best is None:
            best = len(mine)
            mine.append(_Cluster())
        c = mine[best]
        for e in c.join(r):
            index.setdefault(e, []).append(best)
    return mine


def lookups(r: _Report) -> list[tuple]:
    """The index entries under which every cluster report ``r`` may join is filed (see ``_cluster``)."""
    m = r.m
    out: list[tuple] = [("a", m.article)]
    if r.span is None:
        undated = _undated_key(r.keys, m.place)
        if undated:
            out.append(undated)
    else:
        probes = _probes(*r.span)
        out += [k + p for k in _looked_up(r.keys, r.sides) for p in probes]
    return out


def replay(reports: list[_Report]) -> _Cluster:
    """The cluster made of ``reports`` (taken in merge order), with every index entry it was ever filed under.

    A cluster grows one report at a time in the merge order, so its stored
    reports, sorted again, rebuild each of its states.
    """
    c = _Cluster()
    for r in reports:
        c.join(r)
    return c


def merge(mentions: Iterable[Mention], articles: dict[str, dict]) -> list[Event]:
    """Cluster mentions into events.

    Args:
        mentions: every mention of the store.
        articles: article metadata by id (published date, path, title).

    Returns:
        Events sorted by date (undated last), then id.
    """
    published = {aid: meta.get("published") for aid, meta in articles.items()}
    plain, refs = [], []
    for m in mentions:
        (refs if m.reference else plain).append(m)
    clusters = cluster(plain, published)
    attach_references([_Report(m) for m in refs], Targets(clusters), published)
    events = [_event(c, articles, published) for c in clusters]
    events.sort(key=lambda e: (_date_key(e.date), e.id))
    return events


def cluster(plain: Iterable[Mention], published: dict[str, str | None]) -> list[_Cluster]:
    """The clusters of reports that are not references: by type and status, each group in merge order."""
    groups: dict[tuple[str, str], list[_Report]] = {}
    for m in plain:
        groups.setdefault((m.type, status_group(m.status)), []).append(_Report(m))
    clusters: list[_Cluster] = []
    for key in sorted(groups):
        clusters.extend(_cluster(sorted(groups[key], key=lambda r: _order_key(r, published))))
    return clusters


def status_group(status: str) -> str:
    """The statuses whose reports may merge: a planned event and the same event supposed
    ("would", "could") are one not yet happened; the others each their own."""
    return "planned" if status == "hypothetical" else status


def _date_key(value: str | None) -> tuple:
    span = _span(value)
    return (0, *span) if span else (1, 0, 0)


# --------------------------------------------------------------------------- references

_INF = float("inf")


def reference_window(r: _Report, published: dict[str, str | None]) -> tuple[float, float] | None:
    """The days an event named by reference ``r`` may cover, or None when it can name none.

    An event dated [lo, hi] can be named when lo <= last and hi >= first: it
    overlaps the reference's date, and began by its article's publication.
    A reference without a place names nothing.
    """
    m = r.m
    if m.place_country is None and m.place is None:
        return None
    pub = _span(published.get(m.article))
    last = min(r.span[1] if r.span else _INF, pub[1] if pub else _INF)
    first = r.span[0] if r.span else -_INF
    return first, last


def named_types(kind: str) -> tuple[str, ...] | None:
    """The event types a reference of type ``kind`` can name (None: every type but a visit)."""
    return None if kind == "any" else (kind,)


def can_name(r: _Report, place_country: str | None, has_place: bool) -> bool:
    """Whether reference ``r`` can name an event (of its type and dates) at that place."""
    m = r.m
    if m.place_country and place_country and m.place_country != place_country:
        return False
    if place_country is None and not has_place and r.span is None:
        return False
    return True


class Targets:
    """The clusters a reference can name: occurred, dated, by type, sorted by start date."""

    def __init__(self, clusters: list[_Cluster]):
        self.by_type: dict[str, list[tuple[int, int]]] = {}  # type -> (lo, cluster index), sorted
        self.span_of: dict[str, int] = {}  # type -> the longest date interval of its clusters
        self.clusters = clusters
        for i, c in enumerate(clusters):
            head = c.mentions[0]
            if head.status != "occurred" or c.lo is None:
                continue
            self.by_type.setdefault(head.type, []).append((c.lo, i))
            self.span_of[head.type] = max(self.span_of.get(head.type, 0), c.hi - c.lo)
        for rows in self.by_type.values():
            rows.sort()

    def find(self, r: _Report, window: tuple[float, float], limit: int) -> list[_Cluster]:
        """The clusters ``r`` can name, up to ``limit`` of them."""
        first, last = window
        kinds = named_types(r.m.type)
        types = sorted(t for t in self.by_type if t != "visit") if kinds is None else kinds
        out: list[_Cluster] = []
        for t in types:
            rows = self.by_type.get(t)
            if not rows:
                continue
            lo = bisect_left(rows, (first - self.span_of[t], -1)) if first != -_INF else 0
            stop = bisect_right(rows, (last, len(self.clusters))) if last != _INF else len(rows)
            for _, i in rows[lo:stop]:
                c = self.clusters[i]
                if c.hi < first or not can_name(r, c.place_country, c.has_place):
                    continue
                out.append(c)
                if len(out) >= limit:
                    return out
        return out


def attach_references(refs: list[_Report], targets: Targets, published: dict[str, str | None]) -> None:
    """Add each reference to the events it can name, if they are at most MAX_REFERENCE_TARGETS.

    A reference can name an occurred, dated event of its type (a generic
    "event" anything but a visit: a stay is not an event that "took place")
    that overlaps its date, began by its article's publication, and whose
    place does not contradict it. Candidates come from per-type lists sorted
    by start date; the search stops at the first target too many. Which
    events a reference names depends on the set of events alone, not on the
    order of anything.
    """
    for r in sorted(refs, key=lambda x: _order_key(x, published)):
        window = reference_window(r, published)
        if window is None:
            continue
        found = targets.find(r, window, MAX_REFERENCE_TARGETS + 1)
        if 0 < len(found) <= MAX_REFERENCE_TARGETS:
            for c in found:
                c.references.append(r.m)


def _event_id(key: str) -> str:
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _date_rank(m: Mention) -> tuple:
    return _SOURCE.get(m.date_source, 0), _PRECISION.get(m.date_precision or "", -1), -len(m.date or "")


def _best_date(mentions: list[Mention]) -> Mention | None:
    """The mention whose date the event takes: stated in the sentence first, then the most precise."""
    dated = [m for m in mentions if _span(m.date) is not None]
    best = max(dated, key=_date_rank, default=None)
    if best is None or best.date_precision != "day":
        return best
    # "arrived on Monday and began a three-day visit": the days of the visit, which hold the
    # day, when the same report says so as firmly (a range from context or from another
    # article does not outrank a stated day: "7-8 August" may cover two meetings)
    day, _ = _span(best.date)
    wider = [m for m in dated if m.date_precision == "range" and m.article == best.article
             and _date_rank(m)[0] >= _date_rank(best)[0] and _holds_day(_span(m.date), day)]
    return max(wider, key=_date_rank) if wider else best


def _holds_day(span: tuple[int, int], day: int) -> bool:
    """Whether a range of at most a month holds the day."""
    return span[0] <= day <= span[1] and span[1] - span[0] <= 31


def _merge_participants(mentions: list[Mention]) -> list[Participant]:
    out: dict[str, Participant] = {}
    for m in mentions:
        for p in m.participants:
            have = out.get(p.key)
            if have is None:
                out[p.key] = Participant(**{**p.__dict__})
                continue
            for attr in ("id", "role", "country", "sector", "code", "organization"):
                if getattr(have, attr) is None and getattr(p, attr) is not None:
                    setattr(have, attr, getattr(p, attr))
            if have.function == "participant" and p.function != "participant":
                have.function = p.function
    return list(out.values())


def _event(c: _Cluster, articles: dict[str, dict], published: dict[str, str]) -> Event:
    mentions = sorted(c.mentions, key=lambda m: (published.get(m.article) or "9999", m.article, m.trigger_start))
    anchor = mentions[0]
    keys = {m.key for m in mentions}
    everything = mentions + [r for r in c.references if r.key not in keys]
    best = _best_date(mentions)
    # a reference may refine the date ("the signing in Washington on August 8" of a 7-8 August
    # visit's signing), never coarsen or contradict it
    for r in sorted(c.references, key=lambda m: m.key):
        if r.date_source != "sentence" or not r.date:
            continue
        riv, biv = _span(r.date), (_span(best.date) if best else None)
        if riv and (biv is None or (biv[0] <= riv[0] and riv[1] <= biv[1] and riv != biv)):
            best = r
    placed = [m for m in everything if m.place]
    place = max(
        placed,
        key=lambda m: (m.place_source == "sentence", m.place != m.place_country and m.place_country is not None,
                       m.place_source in ("host", "context")),
        default=None,
    )
    participants = _merge_participants(mentions)
    countries = sorted({p.country for p in participants if p.country})
    sources, seen = [], set()
    for m in sorted(everything, key=lambda m: (published.get(m.article) or "9999", m.article)):
        if m.article in seen:
            continue
        seen.add(m.article)
        meta = articles.get(m.article, {})
        sources.append({"article": m.article, "path": meta.get("path"), "title": meta.get("title"),
                        "published": meta.get("published")})
    confidence = min(0.99, max(m.confidence for m in mentions) + 0.05 * (len(sources) - 1))
    return Event(
        id=_event_id(f"{anchor.article}:{anchor.trigger_start}:{anchor.trigger_end}"),
        type=anchor.type,
        status=anchor.status,
        date=best.date if best else None,
        date_text=best.date_text if best else None,
        date_precision=best.date_precision if best else None,
        date_source=best.date_source if best else "none",
        place=place.place if place else None,
        place_country=place.place_country if place else None,
        participants=participants,
        countries=countries,
        cameo=anchor.cameo,
        plover=anchor.plover,
        plover_mode=anchor.plover_mode,
        evidence=anchor.sentence,
        trigger=anchor.trigger,
        confidence=round(confidence, 2),
        sources=sources,
        mentions=everything,
    )


class Facts(NamedTuple):
    """What a store keeps of a stored event to find it again when a batch is re-merged (``azdiplo.remerge``).

    Spans are (first day, last day) as proleptic ordinals, None when there is none.
    """

    stated: tuple[int, int] | None  # the hull of its reports' stated dates: the months it was filed under lie inside
    spans: tuple[int, int] | None  # the hull of every dated report's date: the months its reports look up
    unstated_first: bool  # its first report in merge order has no stated date: it may have been filed undated
    undated_member: bool  # a report without a date: it looks up undated entries
    keys: frozenset[str]  # every participant key and side of its reports
    cluster: tuple[int, int] | None  # the days its stated dates agree on (what a reference must meet)
    place_country: str | None  # the first country its reports place it in, in merge order
    has_place: bool


class _ParticipantView:
    """A participant dict seen as the merge reads a :class:`~azdiplo.models.Participant`."""

    __slots__ = ("key", "id", "kind", "country")

    def __init__(self, d: dict):
        self.id, self.kind, self.country = d.get("id"), d.get("kind"), d.get("country")
        self.key = self.id or d["name"].lower()


class _MentionView:
    """A mention dict seen as the merge reads a :class:`~azdiplo.models.Mention` (for :func:`facts`: no copy)."""

    __slots__ = ("article", "date", "date_source", "date_precision", "trigger_start", "trigger_end", "place",
                 "place_country", "participants")

    def __init__(self, d: dict):
        self.article, self.date = d["article"], d.get("date")
        self.date_source, self.date_precision = d.get("date_source", "none"), d.get("date_precision")
        self.trigger_start, self.trigger_end = d["trigger_start"], d["trigger_end"]
        self.place, self.place_country = d.get("place"), d.get("place_country")
        self.participants = [_ParticipantView(p) for p in d.get("participants", ())]


def facts(event: dict) -> Facts:
    """The :class:`Facts` of a stored event, from its reports alone."""
    published = {s["article"]: s.get("published") for s in event.get("sources", ())}
    reports = sorted((_Report(_MentionView(m)) for m in event["mentions"] if not m.get("reference")),
                     key=lambda r: _order_key(r, published))
    c = _Cluster()
    keys: set[str] = set()
    stated, spans = [], []
    for r in reports:
        c.add(r)
        keys |= r.keys | r.sides
        if r.span is not None:
            spans.append(r.span)
            if r.stated:
                stated.append(r.span)

    def hull(found: list[tuple[int, int]]) -> tuple[int, int] | None:
        return (min(s[0] for s in found), max(s[1] for s in found)) if found else None

    first = reports[0] if reports else None
    return Facts(
        stated=hull(stated),
        spans=hull(spans),
        unstated_first=first is not None and not (first.stated and first.span is not None),
        undated_member=any(r.span is None for r in reports),
        keys=frozenset(keys),
        cluster=(c.lo, c.hi) if c.lo is not None else None,
        place_country=c.place_country,
        has_place=c.has_place,
    )
