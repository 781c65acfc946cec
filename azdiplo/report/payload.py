"""What the HTML report shows, as one compact JSON-able dict (no HTML here).

Strings are deduplicated into tables (actors, places, sources) and each
event is a short array pointing into them, so a report of 100,000 events
stays a file a browser parses in well under a second. The network is folded
beyond :data:`NETWORK_LIMIT` nodes (``Network.folded``); the timeline's
periods are the ``timeline`` command's months. Every article string passes
through :func:`exports.text.clean`; escaping for HTML happens in the
browser (text nodes only) and for the script block in ``html.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from ..exports.codes import Coder
from ..exports.geo import event_point, world
from ..exports.network import Network
from ..exports.text import clean
from ..models import EVENT_TYPES
from ..query import period_of

#: most nodes the network draws; beyond, the least active actors fold into one node per state
NETWORK_LIMIT = 80


def safe_url(url: str | None) -> str | None:
    """An http(s) URL to link to, or None (``javascript:``, ``data:`` and the like are never links)."""
    if not url or not isinstance(url, str):
        return None
    url = clean(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


class _Table:
    """Values to small integers, in order of first use."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.rows: list[Any] = []

    def add(self, key: Any, row: Any) -> int:
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.rows)
            self.rows.append(row)
        return i


def _period_order(labels: dict[str, tuple[str, str, Any]]) -> list[str]:
    rank = {"year": 0, "month": 1, "week": 2}
    dated = sorted((k for k, v in labels.items() if v[2] is not None), key=lambda k: (labels[k][2], rank[labels[k][1]]))
    return dated + [k for k in labels if labels[k][2] is None]


def build(events: Iterable[dict[str, Any]], *, coder: Coder, title: str, subtitle: str,
          urls: dict[str, str] | None = None, network_limit: int = NETWORK_LIMIT) -> dict[str, Any]:
    """The report's data for ``events`` (sorted as they should be listed); ``urls``: article id -> URL."""
    urls = urls or {}
    events = list(events)
    actors, places, sources = _Table(), _Table(), _Table()
    periods: dict[str, tuple[str, str, Any]] = {}
    types = list(EVENT_TYPES)
    rows = []
    by_state: Counter = Counter()
    state_names: dict[str, str] = {}
    for e in events:
        label, unit, start, _end = period_of(e, "month")
        periods.setdefault(label, (label, unit, start))
        who = []
        states = set(e.get("countries", ()))
        for p in e.get("participants", ()):
            c = coder(p)
            i = actors.index.get(c.key)
            who.append(i if i is not None else actors.add(c.key, [clean(p["name"]), c.kind, c.state]))
            states.add(c.state)
            if c.kind == "country" and c.state:
                state_names.setdefault(c.state, clean(p["name"]))
        for state in states:
            if state:
                by_state[state] += 1
        place = -1
        if e.get("place") or e.get("place_country"):
            point = event_point(e)
            name = clean(e.get("place") or e.get("place_country"))
            place = places.add((name, e.get("place_country")),
                               [name, e.get("place_country"), point.lat if point else None,
                                point.lon if point else None, point.precision if point else None])
        srcs = []
        for s in e.get("sources", ()):
            i = sources.index.get(s["article"])
            if i is None:  # the path only when nothing else names the article: reports of big stores stay small
                url, headline = safe_url(urls.get(s["article"])), clean(s.get("title"))
                i = sources.add(s["article"], [s["article"], headline, s.get("published"), url,
                                               None if headline or url else clean(s.get("path"))])
            srcs.append(i)
        if e["type"] not in types:
            types.append(e["type"])
        rows.append([e["id"], e.get("date"), types.index(e["type"]), e["status"], who, place,
                     clean(e.get("evidence") or ""), srcs, label])
    order = _period_order(periods)
    period_index = {k: i for i, k in enumerate(order)}
    for r in rows:
        r[8] = period_index[r[8]]
    net, folded = Network.of(events, coder).folded(network_limit)
    node_index = {k: i for i, k in enumerate(sorted(net.nodes, key=lambda k: (-net.nodes[k].events, k)))}
    nodes = [[clean(n.label), n.kind, n.state, n.events, n.members, n.first, n.last]
             for n in sorted(net.nodes.values(), key=lambda n: node_index[n.key])]
    edges = [[node_index[a], node_index[b], e.events, e.signed, sorted(e.types)] for (a, b), e in sorted(net.edges.items())]
    actor_node = [node_index.get(folded.get(k, k), -1) for k in actors.index]
    w = world()
    return {
        "title": clean(title),
        "subtitle": clean(subtitle),
        "types": types,
        "actors": actors.rows,
        "places": places.rows,
        "sources": sources.rows,
        "periods": [[k, periods[k][1]] for k in order],
        "events": rows,
        "network": {"nodes": nodes, "edges": edges, "actor_node": actor_node, "actors": len(actors.rows),
                    "folded": len(folded)},
        "by_state": [[s, state_names.get(s) or _state_name(coder, s), n] for s, n in sorted(by_state.items(), key=lambda kv: (-kv[1], kv[0]))],
        "world": {"width": w["width"], "height": w["height"],
                  "countries": [[c["id"], c["name"], c["d"]] for c in w["countries"]], "source": w["source"]},
    }


def _state_name(coder: Coder, iso3: str) -> str:
    actor = coder.index.get(iso3) if coder.index is not None else None
    return clean(actor.name) if actor else iso3


