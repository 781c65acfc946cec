"""Where a place is: the country of a city (``azdiplo/data/cities.tsv``). No spaCy.

The table holds the world's cities of at least 100,000 people from GeoNames,
built by ``tools/build_places.py``; a name shared by several cities is the
most populous one's. Capitals also come from the actor dictionary.
"""

from __future__ import annotations

import functools
from importlib import resources

from .actors import norm_name


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    table: dict[str, str] = {}
    text = resources.files("azdiplo").joinpath("data/cities.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, iso3, _population = line.split("\t")
        table.setdefault(norm_name(name), iso3)
    return table


def city_country(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the country of the city ``name``, or None."""
    return _cities().get(norm_name(name))
