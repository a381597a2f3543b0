"""Regenerate ``geodata/overlays.geojson`` from the hand-digitised vertices below.

Run from the repository root::

    python geodata/build_overlays.py

The vertex lists are the curated source; ``overlays.geojson`` is the product the app reads.
Everything is in WGS84 lon/lat. Buffers (the 5 km corridor zone) are computed in UTM 38N
and converted back. The Aras reaches that form state borders are taken from the Natural
Earth 10m shared borders (which follow the river), so river and borders agree on the map.
See ``geodata/README.md`` for provenance and accuracy of each layer.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, mapping

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.data.geo_utm import project_coords, unproject_coords  # noqa: E402

SCHEMATIC = "schematic, hand-digitised from known coordinates"

# The Nagorno-Karabakh Autonomous Oblast (1923-1991), clockwise from the north-west corner
# on the Murovdag foothills. Digitised from memory of the oblast's outline in Soviet and
# post-Soviet atlases, constrained by towns that were inside (Martakert, Askeran, Khojaly,
# Stepanakert, Shusha, Martuni, Hadrut) and outside (Kalbajar, Lachin, Agdam, Fuzuli,
# Jabrayil), then scaled so its UTM area matches the official 4,388 km2 within 2 %.
NKAO = [
    (46.37, 40.26), (46.47, 40.30), (46.58, 40.325), (46.68, 40.315), (46.77, 40.29),
    (46.86, 40.265), (46.935, 40.235), (46.975, 40.17), (46.955, 40.10), (46.92, 40.04),
    (46.895, 39.99), (46.89, 39.95), (46.925, 39.90), (46.99, 39.875), (47.07, 39.855),
    (47.15, 39.845), (47.20, 39.80), (47.195, 39.74), (47.155, 39.68), (47.105, 39.63),
    (47.09, 39.57), (47.09, 39.51), (47.045, 39.45), (46.96, 39.425), (46.86, 39.45),
    (46.79, 39.49), (46.72, 39.53), (46.66, 39.58), (46.62, 39.64), (46.59, 39.70),
    (46.55, 39.76), (46.50, 39.83), (46.44, 39.90), (46.39, 39.97), (46.345, 40.04),
    (46.315, 40.12), (46.325, 40.20),
]  # fmt: skip

# The area held by Armenian forces and the de facto authorities, 1994-2020: the
# "Artsakh" breakaway polygon of Natural Earth 1:50m admin-0 breakaway_disputed_areas
# (v5.1, public domain; NE_ID 1159320385), transcribed vertex by vertex. It is clipped to
# Azerbaijan's 10m outline when the file is built, so its western edge follows the border.
CONTROL_1994 = [
    (46.472544, 40.289247), (46.653101, 40.386062), (46.74648, 40.412779),
    (46.802583, 40.384246), (46.836611, 40.346637), (46.87243, 40.317982),
    (46.926158, 40.298281), (46.993494, 40.256406), (47.069433, 40.206944),
    (47.071224, 40.149634), (47.08197, 40.120979), (47.124952, 40.056505),
    (47.153607, 40.024268), (47.166144, 39.975913), (47.173307, 39.938303),
    (47.17868, 39.884575), (47.193008, 39.834429), (47.212708, 39.795028),
    (47.233175, 39.753672), (47.266185, 39.666561), (47.292777, 39.531768),
    (47.32212, 39.414397), (47.188366, 39.340958), (47.065479, 39.252902),
    (46.988894, 39.180193), (46.852572, 39.148412), (46.761621, 39.070588),
    (46.554812, 38.904396), (46.49063, 38.906669), (46.486755, 38.997465),
    (46.489855, 39.06945), (46.475437, 39.110869), (46.401437, 39.167687),
    (46.4003, 39.192182), (46.42035, 39.207375), (46.477091, 39.198176),
    (46.549955, 39.201432), (46.584733, 39.223678), (46.50665, 39.298558),
    (46.437249, 39.348555), (46.378389, 39.382273), (46.365263, 39.402505),
    (46.36516, 39.416793), (46.377666, 39.433872), (46.478125, 39.47511),
    (46.488047, 39.512834), (46.481432, 39.555157), (46.321648, 39.617453),
    (46.202069, 39.594483), (46.094789, 39.664478), (46.025904, 39.718532),
    (45.939966, 39.776539), (45.863175, 39.808371), (45.78964, 39.881106),
    (45.661792, 39.956192), (45.579782, 39.97756), (45.577583, 39.983983),
    (45.596008, 40.002856), (45.630166, 40.014199), (45.858111, 40.011279),
    (45.885964, 40.024844), (45.900124, 40.05709), (45.931285, 40.104684),
    (45.967561, 40.174809), (45.964616, 40.233772), (46.02694, 40.23308),
    (46.111401, 40.256226), (46.173651, 40.261413), (46.246276, 40.245851),
    (46.31237, 40.244274), (46.346091, 40.266328), (46.413839, 40.282709),
]  # fmt: skip

# Southern limit of the area left under Armenian control by the ceasefire statement of
# 10 November 2020: north of Shusha (taken on 8 November) and of the Hadrut district, and
# through the southern villages of the Martuni district. Drawn west to east, past both ends
# of the oblast outline; the zone is the part of the oblast north of this line.
CEASEFIRE_2020_SOUTH = [
    (46.45, 39.80), (46.62, 39.79), (46.70, 39.786), (46.74, 39.787), (46.79, 39.778),
    (46.85, 39.75), (46.92, 39.70), (46.98, 39.665), (47.03, 39.665), (47.08, 39.70),
    (47.15, 39.72), (47.30, 39.72),
]  # fmt: skip

# Goris - Kornidzor - border - Lachin (Berdzor) - Lisagor - below Shusha - Stepanakert.
ROAD_2020 = [
    (46.338, 39.511), (46.36, 39.522), (46.385, 39.538), (46.41, 39.55), (46.455, 39.565),
    (46.49, 39.60), (46.52, 39.625), (46.547, 39.6395), (46.575, 39.655), (46.61, 39.67),
    (46.64, 39.69), (46.68, 39.715), (46.71, 39.735), (46.735, 39.75), (46.743, 39.758),
    (46.745, 39.775), (46.748, 39.795), (46.7519, 39.8153),
]  # fmt: skip

# The road opened on 26 August 2022 leaves the old one at the border, passes south of
# Lachin town near Aghavno (Zabukh) and rejoins it before Lisagor.
ROAD_2022 = [
    *ROAD_2020[:5], (46.49, 39.575), (46.52, 39.59), (46.555, 39.605), (46.59, 39.625),
    (46.62, 39.65), *ROAD_2020[10:],
]  # fmt: skip

LAKE_SEVAN = [
    (45.00, 40.64), (45.06, 40.62), (45.10, 40.57), (45.17, 40.52), (45.27, 40.48),
    (45.38, 40.42), (45.50, 40.37), (45.59, 40.31), (45.64, 40.24), (45.60, 40.17),
    (45.48, 40.145), (45.35, 40.165), (45.23, 40.20), (45.17, 40.27), (45.15, 40.36),
    (45.12, 40.42), (45.05, 40.47), (44.99, 40.52), (44.96, 40.56), (44.97, 40.61),
]  # fmt: skip

# Upper Aras in Turkey, down to where it meets the Turkish-Armenian border.
ARAS_UPPER = [(42.17, 40.04), (42.60, 40.10), (43.13, 40.14), (43.40, 40.10), (43.60, 40.08)]
# Lower Aras in Azerbaijan, from where it leaves the Iranian border to the Kura at Sabirabad.
ARAS_LOWER = [(47.98, 39.70), (48.06, 39.86), (48.25, 39.92), (48.37, 39.95), (48.48, 39.99)]


def _utm(geom):
    return shapely.transform(geom, project_coords)


def _wgs(geom):
    return shapely.transform(geom, unproject_coords)


def _countries() -> dict[str, object]:
    # The one Natural Earth reader, the same the basemap is built with.
    from explorer.data.geo_build import read_natural_earth

    return {iso: geometry for _, iso, geometry in read_natural_earth()}


def _aras(countries: dict[str, object]) -> LineString:
    """The Aras: shared NE borders where it is the border, hand-digitised elsewhere."""
    pairs = [("TUR", "ARM"), ("TUR", "AZE"), ("IRN", "AZE"), ("IRN", "ARM")]
    # North of 40.08N the Turkish-Armenian border is the Akhurian, not the Aras; east of
    # 47.97E the Iranian border leaves the river for the Bolgarchay and the Talysh hills.
    mask = shapely.box(ARAS_UPPER[-1][0], 38.5, ARAS_LOWER[0][0], 40.08)
    river = []
    for a, b in pairs:
        shared = countries[a].boundary.intersection(countries[b].boundary).intersection(mask)
        river.extend(p for p in shapely.get_parts(shapely.line_merge(shared)) if p.length > 0)
    merged = shapely.line_merge(
        MultiLineString([*river, LineString(ARAS_UPPER), LineString(ARAS_LOWER)])
    )
    if merged.geom_type != "LineString":
        # Tiny gaps where NE borders meet at tripoints: chain the pieces west to east.
        pieces = sorted(shapely.get_parts(merged), key=lambda g: g.bounds[0])
        coords: list[tuple[float, float]] = []
        for piece in pieces:
            pts = list(piece.coords)
            if coords and _d2(coords[-1], pts[-1]) < _d2(coords[-1], pts[0]):
                pts.reverse()
            coords.extend(pts)
        merged = LineString(coords)
    if merged.coords[0][0] > merged.coords[-1][0]:
        merged = LineString(list(merged.coords)[::-1])
    return merged.simplify(0.003)


def _d2(p: tuple[float, float], q: tuple[float, float]) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _feature(geom, **props) -> dict:
    rounded = shapely.set_precision(geom, 1e-5)
    return {"type": "Feature", "geometry": mapping(rounded), "properties": props}


def build() -> list[dict]:
    """Return the overlay features (GeoJSON dicts, WGS84)."""
    countries = _countries()
    aze = countries["AZE"]
    nkao = Polygon(NKAO)
    control_1994 = Polygon(CONTROL_1994).intersection(aze)
    south = LineString(CEASEFIRE_2020_SOUTH)
    halves = shapely.get_parts(shapely.ops.split(nkao, south))
    zone_2020 = max(halves, key=lambda g: g.centroid.y)
    features = [
        _feature(
            nkao,
            id="nagorno-karabakh-reference",
            name="Nagorno-Karabakh (outline of the former autonomous oblast)",
            kind="reference-boundary",
            valid_from=None,
            valid_to=None,
            source=f"{SCHEMATIC}; same outline as 'nkao'",
            accuracy_m=3000,
            approximate=True,
            note="Drawn at every date as a dashed reference outline.",
        ),
        _feature(
            nkao,
            id="nkao",
            name="Nagorno-Karabakh Autonomous Oblast",
            kind="historical-admin-boundary",
            valid_from="1923-07-07",
            valid_to="1991-11-26",
            source=f"{SCHEMATIC}; area scaled to the official 4,388 km2",
            accuracy_m=3000,
            approximate=True,
            note="Abolished by the Azerbaijani parliament on 26 November 1991.",
        ),
    ]
    features += _control_features(control_1994, zone_2020)
    features += _corridor_features(aze)
    features += [
        _feature(
            Polygon(LAKE_SEVAN),
            id="lake-sevan",
            name="Lake Sevan",
            kind="lake",
            valid_from=None,
            valid_to=None,
            source=SCHEMATIC,
            accuracy_m=2000,
            approximate=True,
        ),
        _feature(
            _aras(countries),
            id="aras-river",
            name="Aras (Araks)",
            kind="river",
            valid_from=None,
            valid_to=None,
            source=(
                f"{SCHEMATIC}; border reaches follow the Natural Earth 10m admin-0 "
                "shared borders (Turkey, Armenia, Azerbaijan, Iran)"
            ),
            accuracy_m=1500,
            approximate=True,
        ),
    ]
    return features


def _control_features(control_1994, zone_2020) -> list[dict]:
    return [
        _feature(
            control_1994,
            id="control-1994-2020",
            name="Area held by Armenian forces, 1994-2020",
            kind="control-area",
            held_by="Armenian forces and the de facto Nagorno-Karabakh authorities",
            valid_from="1994-05-12",
            valid_to="2020-11-10",
            source=(
                "Natural Earth 1:50m admin-0 breakaway and disputed areas, feature "
                "'Artsakh' (public domain), clipped to Azerbaijan's 10m outline"
            ),
            accuracy_m=4000,
            approximate=True,
            note=(
                "The line of contact after the Bishkek ceasefire. The gradual losses of the "
                "2020 war (27 Sep - 9 Nov) are not modelled: the area changes on 10 Nov."
            ),
        ),
        _feature(
            zone_2020,
            id="control-2020-2023",
            name="Area left under Armenian control, Russian peacekeeping zone, 2020-2023",
            kind="control-area",
            held_by=(
                "Armenian forces and the de facto Nagorno-Karabakh authorities, "
                "within the Russian peacekeeping zone"
            ),
            valid_from="2020-11-10",
            valid_to="2023-09-20",
            source=(
                f"{SCHEMATIC}: the oblast outline north of a line drawn between Stepanakert "
                "and Shusha and through the southern Martuni villages, after the ceasefire "
                "statement of 9/10 November 2020"
            ),
            accuracy_m=5000,
            approximate=True,
            note=(
                "Kalbajar, Agdam and Lachin districts were handed over on 20 and 25 November "
                "and 1 December 2020; shown as changing on 10 November."
            ),
        ),
        _feature(
            zone_2020,
            id="control-2023-transition",
            name="Area in transition after the ceasefire of 20 September 2023",
            kind="control-area",
            held_by=(
                "In transition: ceasefire of 20 September 2023, Karabakh Armenian forces "
                "disarming, Azerbaijani forces moving in"
            ),
            valid_from="2023-09-20",
            valid_to="2023-10-01",
            source=f"{SCHEMATIC}; same outline as 'control-2020-2023'",
            accuracy_m=5000,
            approximate=True,
            note=(
                "The ceasefire of 20 September provided for disarmament (under way until about "
                "30 September); the population left from 24 September. Not an area of settled "
                "control, so drawn apart from both."
            ),
        ),
        _feature(
            zone_2020,
            id="control-2023",
            name="Area under Azerbaijani control from October 2023",
            kind="control-area",
            held_by="Azerbaijan",
            valid_from="2023-10-01",
            valid_to=None,
            source=f"{SCHEMATIC}; same outline as 'control-2020-2023'",
            accuracy_m=5000,
            approximate=True,
            note=(
                "Azerbaijani forces entered Stepanakert/Khankendi in the first days of October "
                "2023, after the disarmament and the departure of almost the whole population "
                "(001: 'by early October'); 1 October is the date used."
            ),
        ),
    ]


def _corridor_features(aze) -> list[dict]:
    out = []
    for year, coords, start, end, route in (
        (2020, ROAD_2020, "2020-11-10", "2022-08-26", "via Lachin (Berdzor) town"),
        (2022, ROAD_2022, "2022-08-26", "2023-10-01", "bypassing Lachin town near Aghavno"),
    ):
        road = LineString(coords)
        inside = _utm(road.intersection(aze))
        # Flat caps: the zone ends at the border and in Stepanakert, as wide as it is long.
        zone = _wgs(inside.buffer(2500.0, cap_style="flat", quad_segs=8))
        common = dict(valid_from=start, valid_to=end, approximate=True)
        out.append(
            _feature(
                road,
                id=f"lachin-corridor-road-{year}",
                name=f"Lachin corridor road ({route})",
                kind="corridor-road",
                source=SCHEMATIC,
                accuracy_m=1000,
                **common,
            )
        )
        out.append(
            _feature(
                zone,
                id=f"lachin-corridor-zone-{year}",
                name=f"Lachin corridor, 5 km zone ({route})",
                kind="corridor-zone",
                source=(
                    "buffer of 2.5 km each side of the schematic road, computed in UTM 38N "
                    "(ceasefire statement of 9/10 November 2020, point 6)"
                ),
                accuracy_m=1500,
                **common,
            )
        )
    return out


def write(path: Path) -> None:
    """Write the features one per line, like ``places.geojson``."""
    lines = [json.dumps(f, ensure_ascii=False) for f in build()]
    text = '{"type": "FeatureCollection", "name": "overlays", "features": [\n'
    text += ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(ROOT / "geodata" / "overlays.geojson")
