"""One real event from many reports: clustering mentions into events.

A pure function of the mentions (and article metadata): the same mentions
give the same events whatever order they were ingested in.

The merge rule. Two reports describe the same event when:

- they have the same type and the same status (a planned visit and the
  visit itself stay apart);
- their dates are compatible: the intervals overlap, and two different
  single days never merge (two meetings a month apart stay two events);
  a month- or year-precision report joins a day-precision event inside it;
  an undated report joins a dated one only within the same article;
- they share participants: two actors, or one when either report names a
  single actor, or the same set of sides (countries/organizations), or one
  within the same article;
- their places do not contradict (two different countries never merge).

Reports are taken most precise first, in a total order on their content, and
each joins the best compatible event (most shared participants). Reference
mentions ("the Washington Summit", "the signing of documents in
Washington") never create an event: they join every compatible event of
their type at their place and time (at most three), or are dropped.

The event's date is the most precise one its reports agree on, preferring a
date stated in the sentence over one taken from context. Its id comes from
its anchor report (the earliest published, then article id, then offset):
``ev_`` + 12 hex digits of a SHA-256 of that report's article id and
offset. When events are merged again after an ingest, an event keeps the id
it already had if it still holds reports of that stored event, so adding
sources never changes an id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dates import interval
from .models import Event, Mention, Participant

_PRECISION = {"day": 6, "range": 5, "week": 4, "month": 3, "quarter": 2, "season": 2, "year": 1, "decade": 0}
_SOURCE = {"sentence": 3, "dateline": 3, "context": 2, "publication": 1, "none": 0}
MAX_REFERENCE_TARGETS = 3


def _interval(m: Mention):
    return interval(m.date) if m.date else None


def _is_day(m: Mention) -> bool:
    iv = _interval(m)
    return iv is not None and iv[0] == iv[1]


def _keys(m: Mention) -> set[str]:
    return {p.key for p in m.participants}


def _sides(m: Mention) -> set[str]:
    out = set()
    for p in m.participants:
        side = p.country if p.country else (p.id if p.kind != "person" else None)
        if side:
            out.add(side)
    return out


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    lo: object = None  # the narrowest date interval its dated mentions agree on
    hi: object = None
    day: bool = False
    place_country: str | None = None
    references: list[Mention] = field(default_factory=list)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        self.keys |= _keys(m)
        self.sides |= _sides(m)
        self.articles.add(m.article)
        iv = _interval(m)
        if iv is not None and m.date_source in ("sentence", "dateline", "context"):
            if self.lo is None:
                self.lo, self.hi = iv
            else:
                self.lo, self.hi = max(self.lo, iv[0]), min(self.hi, iv[1])
                if self.lo > self.hi:  # cannot happen for compatible mentions; keep the first
                    self.lo, self.hi = iv
            self.day = self.day or _is_day(m)
        if m.place_country and not self.place_country:
            self.place_country = m.place_country


def _order_key(m: Mention, published: dict[str, str]) -> tuple:
    iv = _interval(m)
    return (
        -_SOURCE.get(m.date_source, 0),
        -_PRECISION.get(m.date_precision or "", -1) if m.date else 1,
        iv[0].toordinal() if iv else 0,
        published.get(m.article) or "9999-99-99",
        m.article,
        m.trigger_start,
        m.trigger_end,
    )


def _compatible(m: Mention, c: _Cluster) -> int:
    """0 when ``m`` cannot join ``c``, else a score (higher is better)."""
    same_article = m.article in c.articles
    iv = _interval(m)
    if iv is not None and c.lo is not None:
        if iv[1] < c.lo or c.hi < iv[0]:
            return 0
        if _is_day(m) and c.day and not (c.lo == c.hi == iv[0]):
            return 0
    elif (iv is None) != (c.lo is None) and not same_article:
        return 0
    if m.place_country and c.place_country and m.place_country != c.place_country:
        return 0
    keys, sides = _keys(m), _sides(m)
    shared = len(keys & c.keys)
    ok = (
        shared >= 2
        or (shared >= 1 and min(len(keys), len(c.keys)) == 1)
        or (len(sides) >= 2 and sides == c.sides)
        or (shared >= 1 and same_article)
    )
    return (10 * shared + len(sides & c.sides) + (5 if same_article else 0) + 1) if ok else 0


def _cluster(ordered: list[Mention]) -> list[_Cluster]:
    """Greedy clustering in a fixed order, with candidates found through an index.

    Every compatible pair shares a participant key, the same set of sides or
    the article, so only clusters indexed under those are compared.
    """
    mine: list[_Cluster] = []
    by_key: dict[str, list[int]] = {}
    for m in ordered:
        keys, sides = _keys(m), _sides(m)
        cand: set[int] = set()
        for k in keys:
            cand.update(by_key.get("k:" + k, ()))
        cand.update(by_key.get("s:" + "|".join(sorted(sides)), ()))
        cand.update(by_key.get("a:" + m.article, ()))
        best, best_score = None, 0
        for i in sorted(cand):
            score = _compatible(m, mine[i])
            if score > best_score:
                best, best_score = i, score
        if best is None:
            best = len(mine)
            mine.append(_Cluster())
        c = mine[best]
        c.add(m)
        for k in keys:
            by_key.setdefault("k:" + k, []).append(best)
        by_key.setdefault("s:" + "|".join(sorted(c.sides)), []).append(best)
        by_key.setdefault("a:" + m.article, []).append(best)
    return mine


def merge(
    mentions: Iterable[Mention],
    articles: dict[str, dict],
    previous: Iterable[dict] = (),
) -> list[Event]:
    """Cluster mentions into events.

    Args:
        mentions: every mention of the store.
        articles: article metadata by id (published date, path, title).
        previous: the events stored before (dicts), whose ids are kept.

    Returns:
        Events sorted by date (undated last), then id.
    """
    published = {aid: meta.get("published") for aid, meta in articles.items()}
    plain, refs = [], []
    for m in mentions:
        (refs if m.reference else plain).append(m)
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in plain:
        groups.setdefault((m.type, m.status), []).append(m)
    clusters: list[_Cluster] = []
    for key in sorted(groups):
        clusters.extend(_cluster(sorted(groups[key], key=lambda x: _order_key(x, published))))
    _attach_references(refs, clusters, published)
    old_ids = _previous_ids(previous)
    events = [_event(c, articles, published) for c in clusters]
    _keep_ids(events, clusters, old_ids)
    events.sort(key=lambda e: (_date_key(e.date), e.id))
    return events


def _date_key(value: str | None) -> tuple:
    iv = interval(value) if value else None
    return (0, iv[0].toordinal(), iv[1].toordinal()) if iv else (1, 0, 0)


def _attach_references(refs: list[Mention], clusters: list[_Cluster], published: dict[str, str]) -> None:
    for r in sorted(refs, key=lambda x: _order_key(x, published)):
        iv = _interval(r)
        pub = published.get(r.article)
        targets = []
        for c in clusters:
            head = c.mentions[0]
            # a generic "event ... took place" is a meeting, a signing or a call, not a visit (a stay)
            if r.type not in (head.type, "any") or (r.type == "any" and head.type == "visit"):
                continue
            if head.status != "occurred" or c.lo is None:
                continue
            if iv is not None and (iv[1] < c.lo or c.hi < iv[0]):
                continue
            if pub and c.lo.isoformat() > pub:
                continue
            if r.place_country and c.place_country and r.place_country != c.place_country:
                continue
            if r.place_country is None and r.place is None:
                continue
            if c.place_country is None and not any(m.place for m in c.mentions) and iv is None:
                continue
            targets.append(c)
        if 0 < len(targets) <= MAX_REFERENCE_TARGETS:
            for c in targets:
                c.references.append(r)


def _previous_ids(previous: Iterable[dict]) -> dict[tuple, str]:
    out: dict[tuple, str] = {}
    for ev in previous:
        for m in ev.get("mentions", []):
            out.setdefault((m["article"], m["trigger_start"], m["trigger_end"]), ev["id"])
    return out


def _keep_ids(events: list[Event], clusters: list[_Cluster], old_ids: dict[tuple, str]) -> None:
    if not old_ids:
        return
    claims: list[tuple[int, str, int]] = []  # (-shared mentions, old id, event index)
    for i, c in enumerate(clusters):
        counts: dict[str, int] = {}
        for m in c.mentions:
            old = old_ids.get(m.key)
            if old:
                counts[old] = counts.get(old, 0) + 1
        for old, n in counts.items():
            claims.append((-n, old, i))
    taken_ids, done = set(), set()
    for _, old, i in sorted(claims):
        if old in taken_ids or i in done:
            continue
        taken_ids.add(old)
        done.add(i)
        events[i].id = old
    # a fresh id must not collide with an inherited one
    for i, e in enumerate(events):
        if i not in done and e.id in taken_ids:
            e.id = _event_id(f"{e.id}:{i}")


def _event_id(key: str) -> str:
    return "ev_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _best_date(mentions: list[Mention]) -> Mention | None:
    """The mention whose date the event takes: stated in the sentence first, then the most precise."""
    dated = [m for m in mentions if m.date and interval(m.date) is not None]
    return max(
        dated,
        key=lambda m: (_SOURCE.get(m.date_source, 0), _PRECISION.get(m.date_precision or "", -1), -len(m.date or "")),
        default=None,
    )


def _merge_participants(mentions: list[Mention]) -> list[Participant]:
    out: dict[str, Participant] = {}
    for m in mentions:
        for p in m.participants:
            have = out.get(p.key)
            if have is None:
                out[p.key] = Participant(**{**p.__dict__})
                continue
            for attr in ("id", "role", "country", "organization"):
                if getattr(have, attr) is None and getattr(p, attr) is not None:
                    setattr(have, attr, getattr(p, attr))
            if have.function == "participant" and p.function != "participant":
                have.function = p.function
    return list(out.values())


def _event(c: _Cluster, articles: dict[str, dict], published: dict[str, str]) -> Event:
    mentions = sorted(c.mentions, key=lambda m: (published.get(m.article) or "9999", m.article, m.trigger_start))
    anchor = mentions[0]
    everything = mentions + [r for r in c.references if r.key not in {m.key for m in mentions}]
    best = _best_date(mentions)
    # a reference may refine the date ("the signing in Washington on August 8" of a 7-8 August
    # visit's signing), never coarsen or contradict it
    for r in sorted(c.references, key=lambda m: m.key):
        if r.date_source != "sentence" or not r.date:
            continue
        riv, biv = interval(r.date), (interval(best.date) if best else None)
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
