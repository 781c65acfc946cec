#!/usr/bin/env python3
"""Build ``azdiplo/report/world.json``: the offline world outline of the report's map.

    pip install -e ".[dev]"                 # pycountry, build-time only
    python tools/build_world.py             # fetch world-atlas with `npm pack`, rewrite the outline
    python tools/build_world.py --topojson countries-110m.json   # from a file at hand
    python tools/build_world.py --check     # exit 1 if the committed outline is stale

Source: Natural Earth's Admin 0 country boundaries at 1:110m (public
domain), as redistributed in TopoJSON by the npm package ``world-atlas``
(version pinned below; its ISC licence covers the packaging, the data is
Natural Earth's). Nothing is downloaded when azdiplo runs: the reduced
outline is a package file.

The reduction: every country's polygons are decoded from the TopoJSON arcs,
projected equirectangularly (x = longitude + 180, y = 90 - latitude, one
unit a degree, Antarctica left out), rounded to 0.1° and written as one SVG
path per country, keyed by its ISO 3166-1 alpha-3 code (pycountry, from the
numeric code; Kosovo by name as XKX, azdiplo's code). Each country also gets
a label point, the centroid of its largest polygon, where the map puts the
events placed only in that country ("in Azerbaijan"). The output is sorted
and deterministic.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "azdiplo" / "report" / "world.json"
PACKAGE = "world-atlas@2.0.2"
SOURCE = (f"Natural Earth 1:110m Admin 0 countries (public domain), TopoJSON from the npm package {PACKAGE} "
          "(ISC); reduced by tools/build_world.py")
SKIP = {"010"}  # Antarctica: no diplomacy on the map, and it would take a third of the height
BY_NAME = {"Kosovo": "XKX"}  # no ISO numeric code; azdiplo's code for it
MIN_LAT = -60.0
HEIGHT = 90.0 - MIN_LAT


def fetch_topojson(work: pathlib.Path) -> pathlib.Path:
    """``npm pack`` the pinned world-atlas into ``work`` and return its countries-110m.json."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    tgz = next(work.glob("world-atlas-*.tgz"))
    with tarfile.open(tgz) as tar:
        member = tar.getmember("package/countries-110m.json")
        tar.extract(member, work, filter="data")
    return work / "package" / "countries-110m.json"


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs into (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """The ring's points, unwrapped across the antimeridian (Russia's east runs on past 180°)."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            jump = lon + shift - out[-1][0]
            if jump > 180:
                shift -= 360
            elif jump < -180:
                shift += 360
        out.append((lon + shift, lat))
    if min(p[0] for p in out) < -180:
        out = [(lon + 360, lat) for lon, lat in out]
    return out


def _project(lon: float, lat: float) -> tuple[float, float]:
    return round(lon + 180.0, 1), round(90.0 - max(lat, MIN_LAT), 1)


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (shoelace), in longitude/latitude."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        xs, ys = zip(*ring)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def _path(polygons: list[list[list[tuple[float, float]]]]) -> str:
    parts = []
    for polygon in polygons:
        # a ring running past 180° is drawn twice, the copy 360° west, the map's frame clipping both
        copies = [polygon] + ([[[(lon - 360, lat) for lon, lat in r] for r in polygon]]
                              if max(lon for r in polygon for lon, _ in r) > 180 else [])
        for ring in (r for c in copies for r in c):
            pts = []
            for lon, lat in ring:
                p = _project(lon, lat)
                if not pts or pts[-1] != p:
                    pts.append(p)
            if len(pts) < 3:
                continue
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    return "".join(parts)


def _iso3(geometry: dict) -> str | None:
    import pycountry

    name = (geometry.get("properties") or {}).get("name", "")
    if name in BY_NAME:
        return BY_NAME[name]
    country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3)) if geometry.get("id") else None
    return country.alpha_3 if country else None


def build(topojson: pathlib.Path) -> str:
    topo = json.loads(topojson.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") in SKIP or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        shapes = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        polygons = [[_ring(ring, arcs) for ring in shape] for shape in shapes]
        area, lon, lat = max((_area_centroid(p[0]) for p in polygons), key=lambda t: t[0])
        x, y = _project((lon + 180) % 360 - 180, lat)
        countries.append({"id": _iso3(g), "name": g["properties"]["name"], "label": [x, y], "d": _path(polygons)})
    countries.sort(key=lambda c: (c["id"] is None, c["id"] or "", c["name"]))
    doc = {"source": SOURCE, "projection": "equirectangular: x = longitude + 180, y = 90 - latitude (degrees)",
           "width": 360, "height": HEIGHT, "countries": countries}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topojson", type=pathlib.Path, help="world-atlas countries-110m.json (default: npm pack it)")
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed outline is stale")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text = build(args.topojson or fetch_topojson(pathlib.Path(tmp)))
    if args.check:
        return 0 if OUT.read_text(encoding="utf-8") == text else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    count = len(json.loads(text)["countries"])
    print(f"{OUT}: {count} countries, {len(text.encode()):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
