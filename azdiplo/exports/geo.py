"""Where an event took place, as a point: a city's coordinates, else its state's label point.

Cities come from ``azdiplo/data/cities.tsv`` (GeoNames, built by
``tools/build_places.py``); a place that is no city of the table but lies in
a known state ("Azerbaijan", "the White House" in the United States) is put
at that state's label point from the report's world outline
(``azdiplo/report/world.json``, ``tools/build_world.py``), with precision
``country``. A place with no known state ("NATO headquarters") has no point.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, NamedTuple

from ..places import city


class Point(NamedTuple):
    lat: float
    lon: float
    precision: str  # city | country


@functools.lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The reduced world outline: SVG paths and label points per ISO3 code."""
    text = resources.files("azdiplo").joinpath("report/world.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def _labels() -> dict[str, tuple[float, float]]:
    # the outline is in map units: x = longitude + 180, y = 90 - latitude
    return {c["id"]: (round(90.0 - c["label"][1], 1), round(c["label"][0] - 180.0, 1))
            for c in world()["countries"] if c["id"]}


def country_point(iso3: str) -> tuple[float, float] | None:
    return _labels().get(iso3)


@functools.lru_cache(maxsize=4096)
def locate(place: str | None, country: str | None) -> Point | None:
    """The point of an event's ``place`` and ``place_country``, or None."""
    if place:
        c = city(place)
        if c is not None and (country is None or c.country == country):
            return Point(c.lat, c.lon, "city")
    if country:
        at = country_point(country)
        if at is not None:
            return Point(at[0], at[1], "country")
    return None


def event_point(e: dict[str, Any]) -> Point | None:
    return locate(e.get("place"), e.get("place_country"))
