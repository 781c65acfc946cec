"""Events with a place as GeoJSON points (RFC 7946: QGIS, geopandas, kepler.gl, Leaflet).

One Feature per event whose place can be located (``geo.locate``); its
``id`` is the event id, its properties ``id``, ``type``, ``status``,
``date``, ``date_precision``, ``place``, ``place_country``,
``location_precision`` (``city`` or ``country``), ``participants`` (names),
``countries``, ``cameo``, ``plover``, ``num_sources`` and ``sources``
(article id, title, publication date, path, url). Coordinates are
[longitude, latitude], WGS84. Written as it streams, one feature per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import orjson

from .geo import event_point
from .text import clean


def feature(e: dict[str, Any], urls: dict[str, str]) -> dict[str, Any] | None:
    point = event_point(e)
    if point is None:
        return None
    props = {
        "id": e["id"],
        "type": e["type"],
        "status": e["status"],
        "date": e.get("date"),
        "date_precision": e.get("date_precision"),
        "place": clean(e.get("place")),
        "place_country": e.get("place_country"),
        "location_precision": point.precision,
        "participants": [clean(p["name"]) for p in e.get("participants", ())],
        "countries": list(e.get("countries", ())),
        "cameo": e.get("cameo"),
        "plover": (e.get("plover") or {}).get("category"),
        "num_sources": e.get("num_sources", len(e.get("sources", ()))),
        "sources": [{"article": s.get("article"), "title": clean(s.get("title")), "published": s.get("published"),
                     "path": clean(s.get("path")), "url": clean(urls.get(s.get("article")))} for s in e.get("sources", ())],
    }
    return {"type": "Feature", "id": e["id"], "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
            "properties": props}


def write(events: Iterable[dict[str, Any]], out: IO[str], *, urls: dict[str, str] | None = None, **_: Any) -> int:
    """Write a FeatureCollection of the events that have a point; return how many."""
    out.write('{"type":"FeatureCollection","features":[')
    count = 0
    for e in events:
        f = feature(e, urls or {})
        if f is None:
            continue
        out.write(("\n" if count == 0 else ",\n") + orjson.dumps(f, option=orjson.OPT_SORT_KEYS).decode())
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count
