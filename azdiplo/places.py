"""Where a place is: the country and coordinates of a city (``azdiplo/data/cities.tsv``). No spaCy.

The table holds the world's cities of at least 100,000 people from GeoNames,
with their latitude and longitude, built by ``tools/build_places.py``; a name
shared by several cities is the most populous one's. Capitals also come from
the actor dictionary.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import NamedTuple

from .actors import norm_name


class City(NamedTuple):
    country: str  # ISO 3166-1 alpha-3
    lat: float
    lon: float


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, City]:
    table: dict[str, City] = {}
    text = resources.files("azdiplo").joinpath("data/cities.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, iso3, _population, lat, lon = line.split("\t")
        table.setdefault(norm_name(name), City(iso3, float(lat), float(lon)))
    return table


def city_country(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the country of the city ``name``, or None."""
    city = _cities().get(norm_name(name))
    return city.country if city else None


def city(name: str) -> City | None:
    """The city ``name`` (its country, latitude and longitude), or None."""
    return _cities().get(norm_name(name))
