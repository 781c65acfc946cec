"""Exports into the tools researchers use: one module per format.

| format    | module       | readers                                             |
|-----------|--------------|-----------------------------------------------------|
| graphml   | graphml.py   | Gephi, networkx, igraph, Cytoscape                  |
| gexf      | gexf.py      | Gephi, networkx                                     |
| geojson   | geojson.py   | QGIS, geopandas, Leaflet, kepler.gl                 |
| plover    | plover.py    | PLOVER / POLECAT tooling (JSON Lines)               |
| cameo     | cameo.py     | PETRARCH-style event data pipelines (TSV)           |
| sqlite    | sqlite.py    | Datasette, pandas, DuckDB, sqlite3                  |

Shared parts: ``codes.py`` (CAMEO-style actor codes, states, sectors and
sides of participants), ``network.py`` (the actor network, also drawn by the
HTML report), ``geo.py`` (an event's place as a point), ``dating.py`` (an
event's date as day bounds), ``text.py`` (no control characters). Nothing
here imports spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import IO, Any

#: formats written to a text stream, from the store's events
STREAM_FORMATS = ("graphml", "gexf", "geojson", "plover", "cameo")
#: formats written to a file of their own, from the whole store
FILE_FORMATS = ("sqlite",)
FORMATS = STREAM_FORMATS + FILE_FORMATS


def write_events(fmt: str, events: Iterable[dict[str, Any]], out: IO[str], *, coder,
                 urls: dict[str, str] | None = None) -> int:
    """Write ``events`` in a stream format; return what the format counts (nodes, features, records, rows).

    ``urls``: article id -> URL (events' sources name articles; the URL is the article's).
    """
    if fmt not in STREAM_FORMATS:
        raise ValueError(fmt)
    return import_module(f"{__name__}.{fmt}").write(events, out, coder=coder, urls=urls or {})


def article_urls(store) -> dict[str, str]:
    """Article id -> URL, for the articles of ``store`` that have one."""
    return {a["id"]: a["url"] for a in store.iter_rows("articles") if a.get("url")}
