"""The actor network as GEXF 1.2 (Gephi's own format; networkx ``read_gexf``).

The same network and attributes as GraphML: nodes with ``kind``, ``state``,
``sector``, ``code``, ``events``, ``first``, ``last``; undirected edges
weighted by shared events, with ``events``, ``signed``, ``first``, ``last``
and ``types``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import IO, Any

from .. import __version__
from .codes import Coder
from .network import Network
from .text import clean

NS = "http://www.gexf.net/1.2draft"
NODE_ATTRS = (("kind", "string"), ("state", "string"), ("sector", "string"), ("code", "string"),
              ("events", "integer"), ("first", "string"), ("last", "string"))
EDGE_ATTRS = (("events", "integer"), ("signed", "integer"), ("first", "string"), ("last", "string"),
              ("types", "string"))


def _attvalues(parent: ET.Element, values: dict[str, Any]) -> None:
    present = {k: v for k, v in values.items() if v is not None and v != ""}
    if present:
        box = ET.SubElement(parent, "attvalues")
        for k, v in present.items():
            ET.SubElement(box, "attvalue", {"for": k, "value": clean(str(v))})


def write(events: Iterable[dict[str, Any]], out: IO[str], *, coder: Coder, **_: Any) -> int:
    """Write the network of ``events``; return the number of nodes."""
    net = Network.of(events, coder)
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"azdiplo {__version__}"
    ET.SubElement(meta, "description").text = "Actors of diplomatic events; edges join actors of different sides of an event"
    graph = ET.SubElement(root, "graph", mode="static", defaultedgetype="undirected")
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        box = ET.SubElement(graph, "attributes", {"class": cls})
        for name, kind in attrs:
            ET.SubElement(box, "attribute", id=name, title=name, type=kind)
    nodes = ET.SubElement(graph, "nodes")
    for n in sorted(net.nodes.values(), key=lambda n: n.key):
        node = ET.SubElement(nodes, "node", id=clean(n.key), label=clean(n.label))
        _attvalues(node, {"kind": n.kind, "state": n.state, "sector": n.sector, "code": n.code, "events": n.events,
                          "first": n.first, "last": n.last})
    edges = ET.SubElement(graph, "edges")
    for i, ((a, b), e) in enumerate(sorted(net.edges.items())):
        edge = ET.SubElement(edges, "edge", id=str(i), source=clean(a), target=clean(b), weight=str(float(e.events)))
        _attvalues(edge, {"events": e.events, "signed": e.signed, "first": e.first, "last": e.last,
                          "types": ";".join(sorted(e.types))})
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return len(net.nodes)
