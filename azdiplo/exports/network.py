"""The actor network of a set of events: who met whom, and with whom they signed.

Nodes are the events' participants (one per actor identity); an edge joins
two participants of different sides of one event (a president and his own
state are one side, and do not "meet"). Node weight: the events an actor
takes part in; edge weight: the events two actors share, with their first
and last dates and their types. GraphML, GEXF and the HTML report all draw
this one network.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from .codes import Coded, Coder


@dataclass
class Node:
    key: str
    label: str
    kind: str
    state: str | None
    sector: str | None
    code: str | None
    events: int = 0
    first: str | None = None
    last: str | None = None
    countries: Counter = field(default_factory=Counter)  # for a folded group: the states of its members
    members: int = 1  # actors folded into this node (1 for an actor)


@dataclass
class Edge:
    source: str
    target: str
    events: int = 0
    signed: int = 0  # agreements among the shared events
    first: str | None = None
    last: str | None = None
    types: Counter = field(default_factory=Counter)


def _day_bounds(date: str | None) -> tuple[str | None, str | None]:
    """The ISO text bounds used for first/last: a range's two ends, else the value itself."""
    if not date:
        return None, None
    lo, _, hi = date.partition("/")
    return lo, hi or lo


def _widen(obj, date: str | None) -> None:
    lo, hi = _day_bounds(date)
    if lo and (obj.first is None or lo < obj.first):
        obj.first = lo
    if hi and (obj.last is None or hi > obj.last):
        obj.last = hi


@dataclass
class Network:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    @classmethod
    def of(cls, events: Iterable[dict[str, Any]], coder: Coder) -> Network:
        net = cls()
        for e in events:
            coded: dict[str, Coded] = {}
            for p in e.get("participants", ()):
                c = coder(p)
                coded.setdefault(c.key, c)
            for c in coded.values():
                node = net.nodes.get(c.key)
                if node is None:
                    node = net.nodes[c.key] = Node(c.key, c.name, c.kind, c.state, c.sector, c.code)
                node.events += 1
                _widen(node, e.get("date"))
            for a, b in combinations(sorted(coded), 2):
                if coded[a].side == coded[b].side:
                    continue
                edge = net.edges.get((a, b))
                if edge is None:
                    edge = net.edges[(a, b)] = Edge(a, b)
                edge.events += 1
                edge.signed += e["type"] == "agreement"
                edge.types[e["type"]] += 1
                _widen(edge, e.get("date"))
        return net

    def folded(self, limit: int) -> tuple[Network, dict[str, str]]:
        """At most ``limit`` nodes: the most active actors, the others folded by state.

        The ``limit`` less a quarter most active actors stay; the others
        become one group node per state ("43 more · AZE"), those with no
        state one "others" node, and when that makes more than a quarter of
        the limit in groups, the least active groups one "more actors" node.
        Edges are summed. Returns the network and where each folded actor
        went. A network within the limit is returned as it is.
        """
        if len(self.nodes) <= limit:
            return self, {}
        room = max(limit // 4, 1)
        ranked = sorted(self.nodes.values(), key=lambda n: (-n.events, n.key))
        keep = {n.key for n in ranked[: max(limit - room, 1)]}
        where: dict[str, str] = {}
        out = Network()
        for n in ranked:
            if n.key in keep:
                out.nodes[n.key] = n
                continue
            group = f"group:{n.state or 'others'}"
            where[n.key] = group
            g = out.nodes.get(group)
            if g is None:
                g = out.nodes[group] = Node(group, "", "group", n.state, None, None, members=0)
            g.members += 1
            g.events += n.events
            g.countries[n.state or ""] += 1
            _widen(g, n.first)
            _widen(g, n.last)
        for g in out.nodes.values():
            if g.kind == "group":
                g.label = f"{g.members} more" + (f" · {g.state}" if g.state else " actors")
        # too many states among the folded: the least active groups fold again into one
        groups = sorted((n for n in out.nodes.values() if n.kind == "group"), key=lambda n: (-n.events, n.key))
        if len(groups) > room:
            rest = out.nodes["group:*"] = Node("group:*", "", "group", None, None, None, members=0)
            for g in groups[room - 1:]:
                del out.nodes[g.key]
                rest.members += g.members
                rest.events += g.events
                _widen(rest, g.first)
                _widen(rest, g.last)
                for k, v in list(where.items()):
                    if v == g.key:
                        where[k] = rest.key
            rest.label = f"{rest.members} more actors"
        for (a, b), e in self.edges.items():
            a2, b2 = where.get(a, a), where.get(b, b)
            if a2 == b2:
                continue
            a2, b2 = sorted((a2, b2))
            f = out.edges.get((a2, b2))
            if f is None:
                f = out.edges[(a2, b2)] = Edge(a2, b2)
            f.events += e.events
            f.signed += e.signed
            f.types.update(e.types)
            _widen(f, e.first)
            _widen(f, e.last)
        return out, where
