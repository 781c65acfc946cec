"""The actor network as GraphML (Gephi, networkx ``read_graphml``, igraph ``Graph.Read_GraphML``).

Undirected; node attributes ``label``, ``kind``, ``state``, ``sector``,
``code``, ``events``, ``first``, ``last``; edge attributes ``weight`` and
``events`` (shared events), ``signed`` (agreements among them), ``first``,
``last``, ``types`` (``agreement;meeting``). Empty values are left out, as
GraphML allows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import IO, Any

from .codes import Coder
from .network import Network
from .text import clean

NS = "http://graphml.graphdrawing.org/xmlns"
NODE_KEYS = (("label", "string"), ("kind", "string"), ("state", "string"), ("sector", "string"),
             ("code", "string"), ("events", "int"), ("first", "string"), ("last", "string"))
EDGE_KEYS = (("weight", "double"), ("events", "int"), ("signed", "int"), ("first", "string"),
             ("last", "string"), ("types", "string"))


def _data(parent: ET.Element, prefix: str, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if value is None or value == "":
            continue
        d = ET.SubElement(parent, "data", key=f"{prefix}_{name}")
        d.text = clean(str(value))


def write(events: Iterable[dict[str, Any]], out: IO[str], *, coder: Coder, **_: Any) -> int:
    """Write the network of ``events``; return the number of nodes."""
    net = Network.of(events, coder)
    root = ET.Element("graphml", xmlns=NS)
    for prefix, domain, keys in (("n", "node", NODE_KEYS), ("e", "edge", EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(root, "key", {"id": f"{prefix}_{name}", "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="azdiplo", edgedefault="undirected")
    for n in sorted(net.nodes.values(), key=lambda n: n.key):
        node = ET.SubElement(graph, "node", id=clean(n.key))
        _data(node, "n", {"label": n.label, "kind": n.kind, "state": n.state, "sector": n.sector, "code": n.code,
                          "events": n.events, "first": n.first, "last": n.last})
    for i, ((a, b), e) in enumerate(sorted(net.edges.items())):
        edge = ET.SubElement(graph, "edge", id=f"e{i}", source=clean(a), target=clean(b))
        _data(edge, "e", {"weight": float(e.events), "events": e.events, "signed": e.signed, "first": e.first,
                          "last": e.last, "types": ";".join(sorted(e.types))})
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return len(net.nodes)
